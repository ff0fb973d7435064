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

    python -m pipeline.sample.overprint tests/fixtures/tables-classic.pdf --out tests/fixtures/overprint-tables.pdf
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from pipeline.sample.scatter import save_rewrite

BODY_SHARE = 0.08  # share of body lines given a faked-bold span
SHADOW_GREY = 0x9A9A9A


@dataclass(frozen=True)
class _Glyph:
    x: float
    y: float
    c: str
    size: float
    color: int
    bold: bool


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
                                _Glyph(x, c["origin"][1], c["c"], span["size"], span["color"], bold)
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
    """The page's text objects, in the order they are drawn: (colour, render mode) -> writer."""

    def __init__(self, page: pymupdf.Page, font: pymupdf.Font):
        self.page, self.font = page, font
        self.order: list[tuple[int, int, bool]] = []
        self.writers: dict[tuple[int, int, bool], pymupdf.TextWriter] = {}

    def put(self, g: _Glyph, dx: float = 0.0, dy: float = 0.0, color=None, mode=None, under=False):
        color = g.color if color is None else color
        mode = (2 if g.bold else 0) if mode is None else mode
        key = (color, mode, under)
        if key not in self.writers:
            self.writers[key] = pymupdf.TextWriter(self.page.rect, color=pymupdf.sRGB_to_pdf(color))
            self.order.append(key)
        self.writers[key].append((g.x + dx, g.y + dy), g.c, font=self.font, fontsize=g.size)

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


def overprint(src: Path, out: Path, seed: int = 11) -> None:
    font = pymupdf.Font("cjk")
    rng = random.Random(seed)
    doc = pymupdf.open(src)
    effects = [_fake_bold, _fake_bold, _shadow, _outline]
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
        drawn = _Page(page, font)
        styles: dict[tuple, tuple] = {}  # a page's style sheet: one effect per type style
        for ln in lines:
            if _display(ln, body):
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
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path, help="a fixture PDF with its .truth.json beside it")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    overprint(args.src, args.out, args.seed)


if __name__ == "__main__":
    main()
