"""Text drawn more than once, for test fixtures: an existing fixture rewritten glyph by glyph so that
its display type is overprinted the ways real engines and designers do it. Chinese fonts rarely
have a bold, so bold is faked by drawing the same glyphs two to four times a fraction of a point
apart (each glyph again right after itself, each word, or the whole line again); titles get a drop
shadow (the same text again, one or two points down and right, in grey, drawn under it); some
engines draw a text box twice, once stroked as an outline and once filled. The text layer then
holds those characters two or more times (国国际际科科技技, or a heading that repeats itself),
while the page looks as it did. Titles, headings, decks, coloured table heads and folios (type
bigger than the body, bold or in a colour) are overprinted, each type style of a page the same
way (a style sheet), and a few short spans of body text are faked bold. Everything is redrawn in
one font (Droid Sans Fallback); rules, boxes and photos are kept. Deterministic (seeded); the answer key is the source's (the printed text is unchanged).

With --captions the captions (a photo's, a table's) and the titles (Chinese and English) are
set as designers dress them up: each caption style of a page with a drop shadow or drawn twice,
outline and fill, whatever its size (captions are set smaller than the body, so the style sheet
above leaves them alone), and the titles with a shadow or an outline too (never a faked bold).
The lines are told by the answer key's captions and titles. Latin glyphs set in a Base-14 font
keep it there: Droid's narrow J after a Times J opens a gap MuPDF reads as a space ("J oin"),
a cause of its own (a substitute font's metrics: scatter.py), not this one's.

    python -m pipeline.sample.overprint tests/fixtures/tables-classic.pdf --out tests/fixtures/overprint-tables.pdf
    python -m pipeline.sample.overprint tests/fixtures/news-classic.pdf --captions --out tests/fixtures/overprint-captions.pdf
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from pipeline.sample.scatter import save_rewrite

from .fixture import rewrite_parser

BODY_SHARE = 0.08  # share of body lines given a faked-bold span
SHADOW_GREY = 0x9A9A9A
BASE14 = {
    f"{family}{style}"
    for family, styles in (
        ("Times", ("-Roman", "-Bold", "-Italic", "-BoldItalic")),
        ("Helvetica", ("", "-Bold", "-Oblique", "-BoldOblique")),
        ("Courier", ("", "-Bold", "-Oblique", "-BoldOblique")),
    )
    for style in styles
}


@dataclass(frozen=True)
class _Glyph:
    x: float
    y: float
    c: str
    size: float
    color: int
    bold: bool
    font: str = ""  # the source's font, by name


def _lines(page: pymupdf.Page) -> list[list[_Glyph]]:
    """The visible glyphs of each raw line, in stream order. A glyph standing for several
    characters (a ligature, a two-em dash read as ——) gives them its box in equal parts."""
    out = []
    raw = page.get_text("rawdict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE)
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            glyphs = []
            for span in line["spans"]:
                bold = bool(span["flags"] & 16) or "bold" in span["font"].lower()
                chars = span["chars"]
                i = 0
                while i < len(chars):
                    j = i + 1
                    while j < len(chars) and chars[j]["bbox"][2] - chars[j]["bbox"][0] < 0.01:
                        j += 1
                    x0, x1 = chars[i]["bbox"][0], chars[i]["bbox"][2]
                    for k, c in enumerate(chars[i:j]):
                        if c["c"].strip():
                            x = x0 + (x1 - x0) * k / (j - i)
                            glyphs.append(
                                _Glyph(
                                    x, c["origin"][1], c["c"], span["size"], span["color"], bold, span["font"]
                                )
                            )
                    i = j
            if glyphs:
                out.append(glyphs)
    return out


def _grey(color: int) -> bool:
    r, g, b = color >> 16, (color >> 8) & 255, color & 255
    return max(r, g, b) - min(r, g, b) < 24


def _display(line: list[_Glyph], body: float) -> bool:
    """Type bigger than the body, bold, or in a colour: a title, heading, deck, table head, folio."""
    g = line[0]
    return g.size >= 1.05 * body or g.bold or (not _grey(g.color) and g.size >= 0.8 * body)


class _Page:
    """The page's text objects, in the order they are drawn: (colour, render mode, under) ->
    writer. With the Latin glyphs in fonts of their own, a new text object starts wherever the
    font (or colour, mode) changes, so glyphs are drawn in the source's order: one writer per
    colour would draw a line's Chinese first and its brackets after, a line read in pieces."""

    def __init__(self, page: pymupdf.Page, font: pymupdf.Font, latin: dict | None = None):
        self.page, self.font = page, font
        self.latin = latin  # Base-14 fonts by name: Latin glyphs keep theirs (None: all in font)
        self.order: list[tuple] = []
        self.writers: dict[tuple, pymupdf.TextWriter] = {}

    def put(self, g: _Glyph, dx: float = 0.0, dy: float = 0.0, color=None, mode=None, under=False):
        color = g.color if color is None else color
        mode = (2 if g.bold else 0) if mode is None else mode
        font = self._font(g)
        key: tuple = (color, mode, under)
        if self.latin is not None:  # a text object for each change of font, in drawing order
            last = self.order[-1] if self.order else None
            same = last is not None and last[:3] == key and last[3] == font.name
            key = last if same else (*key, font.name, len(self.order))
        if key not in self.writers:
            self.writers[key] = pymupdf.TextWriter(self.page.rect, color=pymupdf.sRGB_to_pdf(color))
            self.order.append(key)
        self.writers[key].append((g.x + dx, g.y + dy), g.c, font=font, fontsize=g.size)

    def _font(self, g: _Glyph) -> pymupdf.Font:
        if self.latin is None or ord(g.c) >= 0x2000 or g.font not in BASE14:
            return self.font
        if g.font not in self.latin:
            self.latin[g.font] = pymupdf.Font(g.font)
        return self.latin[g.font]

    def write(self) -> None:
        # shadows first: everything else is drawn over them
        for key in sorted(self.order, key=lambda k: not k[2]):
            self.writers[key].write_text(self.page, render_mode=key[1])


def _fake_bold(out: _Page, glyphs: list[_Glyph], rng: random.Random) -> None:
    """2-4 drawings of each glyph, 0.2-0.5 pt apart: each glyph again right after itself, each
    word (two to four glyphs) again after it, or the whole run again after it."""
    copies = rng.randint(2, 4)
    step = rng.uniform(0.2, 0.5)
    dy = rng.choice([0.0, 0.0, step / 2])
    chunk = rng.choice([1, rng.randint(2, 4), len(glyphs)])
    for at in range(0, len(glyphs), chunk):
        for k in range(copies):
            for g in glyphs[at : at + chunk]:
                out.put(g, k * step, k * dy, mode=0)


def _shadow(out: _Page, glyphs: list[_Glyph], rng: random.Random) -> None:
    dx, dy = rng.uniform(1.0, 2.0), rng.uniform(1.0, 2.0)
    for g in glyphs:
        out.put(g, dx, dy, color=SHADOW_GREY, mode=0, under=True)
    for g in glyphs:
        out.put(g)


def _outline(out: _Page, glyphs: list[_Glyph], rng: random.Random) -> None:
    """The text box drawn twice: stroked as an outline, then filled (or the other way round)."""
    modes = [1, 0] if rng.random() < 0.5 else [0, 1]
    for mode in modes:
        for g in glyphs:
            out.put(g, mode=mode)


def _squash(text: str) -> str:
    return "".join(text.split())


def _dressed(src: Path) -> tuple[list[str], list[str]]:
    """The captions (of photos and tables) and the titles of the source's answer key, without
    spaces (a line is told as one of them by being a piece of it)."""
    key = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    captions, titles = [], []
    for a in key["articles"]:
        captions += [_squash(c) for c in a.get("captions") or []]
        captions += [_squash(t["caption"]) for t in a.get("tables") or [] if t.get("caption")]
        titles += [_squash(a[k]) for k in ("title_zh", "title_en") if a.get(k)]
    return captions, titles


def _piece_of(line: list[_Glyph], texts: list[str]) -> bool:
    text = "".join(g.c for g in line)
    return len(text) >= 2 and any(text in t for t in texts)


def overprint(src: Path, out: Path, seed: int = 11, captions: bool = False) -> None:
    font = pymupdf.Font("cjk")
    rng = random.Random(seed)
    doc = pymupdf.open(src)
    effects = [_fake_bold, _fake_bold, _shadow, _outline]
    dressed = _dressed(src) if captions else ([], [])
    pages = [_lines(page) for page in doc]
    # the body: the size most Chinese glyphs of the file are set in (a page of English summary
    # set smaller must not make its Chinese text display type)
    sizes = Counter(round(g.size, 1) for lines in pages for ln in lines for g in ln if ord(g.c) >= 0x3000)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    for page, lines in zip(doc, pages, strict=True):
        page.add_redact_annot(page.rect)
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_NONE,
            graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_REMOVE,
        )
        drawn = _Page(page, font, {} if captions else None)
        styles: dict[tuple, tuple] = {}  # a page's style sheet: one effect per type style
        for ln in lines:
            kind = "caption" if _piece_of(ln, dressed[0]) else "title" if _piece_of(ln, dressed[1]) else None
            if kind is not None:  # a shadow or an outline, one per type style of the page
                g = ln[0]
                effect, seed = styles.setdefault(
                    (kind, round(g.size, 1), g.color, g.bold),
                    (rng.choice([_shadow, _outline]), rng.randrange(1 << 30)),
                )
                effect(drawn, ln, random.Random(seed))
            elif _display(ln, body):
                g = ln[0]
                effect, seed = styles.setdefault(
                    (round(g.size, 1), g.color, g.bold), (rng.choice(effects), rng.randrange(1 << 30))
                )
                effect(drawn, ln, random.Random(seed))
            elif len(ln) > 12 and rng.random() < BODY_SHARE:  # a few words of the body set bold
                n = rng.randint(2, 6)
                at = rng.randrange(0, len(ln) - n)
                for g in ln[:at]:
                    drawn.put(g)
                _fake_bold(drawn, ln[at : at + n], rng)
                for g in ln[at + n :]:
                    drawn.put(g)
            else:
                for g in ln:
                    drawn.put(g)
        drawn.write()
    save_rewrite(doc, src, out)


def main() -> None:
    ap = rewrite_parser(__doc__)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--captions", action="store_true", help="captions and titles with a shadow or an outline")
    args = ap.parse_args()
    overprint(args.src, args.out, args.seed, args.captions)


if __name__ == "__main__":
    main()
