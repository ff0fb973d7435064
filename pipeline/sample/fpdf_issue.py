"""A ninth producer: the whole sample issue typeset by fpdf2 (a pure-Python PDF writer with no layout
engine of its own for CJK: every line is broken, justified and placed here, run by run, at the
coordinates this module computes), in a fifth house style, so that the pipeline meets a text layer
and a look none of the other engines give it:

- a 190 x 265 mm page; bodies in two columns, every third article in three; Noto Serif CJK at
  9.2 pt, Liberation Serif for Latin runs; Chinese lines justified by character spacing (Tc), English
  lines by placing each word on its own (no space glyph between them); Chinese set with a space
  between Chinese and Latin words or digits ("修订 472 项"), every fourth paragraph with its digits
  full width (２０２５ 年)
- the section label as white text on a coloured block at the top left of the opening page, its
  English beside it; the title in black sans, the subtitle after a dash, then the ENGLISH TITLE
  flush right in coloured italic, then the byline flush right ("文｜张三 李四" and "■ 张三" in turn)
- decks in sans at body size, grey, across both columns, a rule under them; a section opener's
  page is display type with its English deck in italic under the Chinese one
- the English Reading Summary at the article's HEAD, between the deck and the body, across the
  page in a box with a coloured bar on its left
- pull quotes set large and coloured between two rules mid-column, placed between two lines of the
  paragraph they cut (both lines full; the line after them goes on with the sentence, no indent)
- a profile round-up whose first profile heading is the contents entry: the section label, then
  each name-and-role heading, its Chinese text, then its English name and text in smaller italic
- numbered news briefs ("1 秒针：…", the number in the accent colour) in three columns
- a fully ruled table, then, in the same article, a three-line table at the top of the next page
- running heads at the top, a short coloured bar before them (the journal on left pages, the section
  on right ones), no rule; folios white on a coloured square at the outer foot corner, counted from
  the editorial (the cover and the notices before it have none)
- the contents in two columns under coloured section bands, each title's page number flush right on
  the title's line (no leaders), the English title under it in italic

Deterministic (fixed creation date; same key, same bytes). Writes the PDF, its answer key (the
corpus key with the text as printed and `toc_page` and the contents' pages the folios this rendition
prints) and `*.pages.json` (the physical pages of every key entry).

    python -m pipeline.sample.fpdf_issue --truth ../shared/corpus/issue-2026-v2n1.truth.json \\
        --out data/out/fpdf/fpdf-issue.pdf [--extract tests/fixtures/fpdf/fpdf-extract.pdf]

`make eval` makes it and scores it; the PDF is not committed.
"""

from __future__ import annotations

import atexit
import copy
import datetime
import functools
import io
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .art import photo_pixmap, qr_pixmap
from .reportlab_issue import CJK_FONTS, LATIN, cjk_truetype
from .story import HEADINGS
from .typeset import pull_quote, quote_cut, toc_entries
from .typst_issue import printed_key, rendition_main, set_front_unit
from .weasy_base import printed

PAGE_W, PAGE_H = 190 * 72 / 25.4, 265 * 72 / 25.4
TOP, BOTTOM = 62.0, 58.0
INNER, OUTER = 48.0, 40.0
TEXT_W = PAGE_W - INNER - OUTER
BODY, LEAD = 9.2, 15.0
INK = (22, 22, 22)
GREY = (105, 105, 105)
ACCENT = (196, 84, 18)
DARK = (24, 52, 74)
BYLINE_FORMS = ("文｜{}", "■ {}")
EVERY_NTH_FULLWIDTH = 4  # one body paragraph in this many prints its digits full width
FONTS = {
    "serif": ("cjk", "RLSerif"),
    "serifB": ("cjk", "RLSerifBold"),
    "sans": ("cjk", "RLSans"),
    "sansB": ("cjk", "RLSansBold"),
    "lat": ("latin", "LiberationSerif-Regular.ttf"),
    "latI": ("latin", "LiberationSerif-Italic.ttf"),
    "latB": ("latin", "LiberationSerif-Bold.ttf"),
    "latBI": ("latin", "LiberationSerif-BoldItalic.ttf"),
    "latS": ("latin", "LiberationSans-Regular.ttf"),
    "latSB": ("latin", "LiberationSans-Bold.ttf"),
    "latSI": ("latin", "LiberationSans-Italic.ttf"),
}
CLOSE = set("，。、；：！？）》」』”’…%·")
OPEN = set("（《「『“‘")
CJK_PUNCT = set("“”‘’—…·")


@dataclass(frozen=True)
class Face:
    cjk: str
    latin: str
    size: float
    color: tuple[int, int, int] = INK
    lead: float = 0.0  # line pitch; 0: 1.6 times the size

    @property
    def pitch(self) -> float:
        return self.lead or self.size * 1.6


BODY_FACE = Face("serif", "lat", BODY, INK, LEAD)


def is_latin(ch: str, chinese: bool) -> bool:
    if chinese and ch in CJK_PUNCT:
        return False
    return ord(ch) < 0x2E80


def chinese_text(text: str) -> bool:
    cjk = sum(1 for ch in text if ord(ch) >= 0x2E80)
    return cjk * 3 >= len(text.replace(" ", ""))


# ----------------------------------------------------------------------------- the page writer
class Doc:
    """fpdf2 with the house's furniture, text measured and drawn run by run."""

    def __init__(self, fonts: dict[str, Path], head: str):
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
        self.pdf.set_creation_date(datetime.datetime(2026, 3, 31, tzinfo=datetime.UTC))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        for name, path in fonts.items():
            self.pdf.add_font(name, "", str(path))
        self.head = head
        self.section: tuple[str, str] | None = None
        self.numbered = False
        self.folio = 0
        self.y = TOP
        self._w: dict[tuple[str, float, str], float] = {}
        self._font: tuple[str, float] | None = None

    # -- pages
    @property
    def page(self) -> int:
        return self.pdf.page

    def left(self) -> float:
        return OUTER if self.page % 2 == 0 else INNER

    def new_page(self) -> None:
        self.pdf.add_page()
        self._font = None
        self.y = TOP
        if self.numbered:
            self.folio += 1
            self.furniture()

    def furniture(self) -> None:
        pdf = self.pdf
        even = self.page % 2 == 0
        pdf.set_fill_color(*ACCENT)
        if even:
            pdf.rect(OUTER, 34, 14, 3.2, style="F")
            self.text_run(OUTER + 20, 38, self.head, Face("sans", "latS", 7.2, GREY))
        elif self.section:
            zh, en = self.section
            face = Face("sans", "latSI", 7.2, GREY)
            w = self.width(zh, face) + 6 + self.width(en, face)
            x = PAGE_W - OUTER - w
            pdf.rect(x - 20, 34, 14, 3.2, style="F")
            self.text_run(x, 38, zh, Face("sans", "latS", 7.2, GREY))
            self.text_run(x + self.width(zh, face) + 6, 38, en, face)
        box = 20.0
        x = OUTER if even else PAGE_W - OUTER - box
        y = PAGE_H - 40
        pdf.rect(x, y, box, box, style="F")
        num = str(self.folio)
        face = Face("sansB", "latSB", 9.5, (255, 255, 255))
        self.text_run(x + (box - self.width(num, face)) / 2, y + 13.6, num, face)

    # -- measuring and drawing
    def set_font(self, name: str, size: float) -> None:
        if self._font != (name, size):
            self.pdf.set_font(name, size=size)
            self._font = (name, size)

    def raw_width(self, s: str, font: str, size: float) -> float:
        key = (font, size, s)
        w = self._w.get(key)
        if w is None:
            self.set_font(font, size)
            w = self._w[key] = self.pdf.get_string_width(s)
        return w

    def runs(self, text: str, face: Face, chinese: bool) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for ch in text:
            font = face.latin if is_latin(ch, chinese) else face.cjk
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def width(self, text: str, face: Face, chinese: bool | None = None) -> float:
        ch = chinese_text(text) if chinese is None else chinese
        return sum(self.raw_width(s, f, face.size) for f, s in self.runs(text, face, ch))

    def text_run(
        self, x: float, y: float, text: str, face: Face, tc: float = 0.0, chinese: bool | None = None
    ):
        """Draw `text` from (x, baseline y), script by script; tc: extra space after each character."""
        ch = chinese_text(text) if chinese is None else chinese
        tc = round(tc, 2)  # as fpdf2 writes Tc
        self.pdf.set_text_color(*face.color)
        self.pdf.set_char_spacing(tc)
        for font, s in self.runs(text, face, ch):
            self.set_font(font, face.size)
            self.pdf.text(x, y, s)
            x += self.raw_width(s, font, face.size) + tc * len(s)
        self.pdf.set_char_spacing(0)

    def rule(self, x0: float, y: float, x1: float, width: float = 0.6, color=INK) -> None:
        self.pdf.set_draw_color(*color)
        self.pdf.set_line_width(width)
        self.pdf.line(x0, y, x1, y)

    def picture(self, x: float, y: float, w: float, h: float, seed: str, photo: bool) -> None:
        if photo:
            png = photo_pixmap(seed).tobytes("png")
            self.pdf.image(io.BytesIO(png), x, y, w, h)
        else:
            self.pdf.set_fill_color(186, 196, 204)
            self.pdf.rect(x, y, w, h, style="F")

    def qr(self, x: float, y: float, size: float, seed: str) -> None:
        self.pdf.image(io.BytesIO(qr_pixmap(seed).tobytes("png")), x, y, size, size)

    # -- lines
    def tokens(self, text: str, chinese: bool) -> list[str]:
        toks: list[str] = []
        for m in re.finditer(r" +|[^\s\u2e80-\uffff]+|.", text):
            t = m.group()
            if t.startswith(" "):
                toks.append(" ")
            elif toks and (t[0] in CLOSE) and toks[-1] != " ":
                toks[-1] += t
            elif toks and toks[-1] and toks[-1][-1] in OPEN:
                toks[-1] += t
            else:
                toks.append(t)
        return toks

    def lines(self, text: str, face: Face, width: float, indent: float = 0.0) -> list[tuple[str, bool]]:
        """Break `text` into lines of `width` (the first `indent` in): (line, is_last)."""
        chinese = chinese_text(text)
        out: list[str] = []
        cur, cur_w, room = "", 0.0, width - indent
        for tok in self.tokens(text, chinese):
            w = self.width(tok, face, chinese)
            if tok == " " and not cur:
                continue
            if cur_w + w > room + 0.01 and cur.strip():
                if tok == " ":
                    continue
                out.append(cur.rstrip())
                cur, cur_w, room = "", 0.0, width
            while w > room and len(tok) > 1:  # a word longer than the line: cut by characters
                k = len(tok) - 1
                while k > 1 and self.width(tok[:k], face, chinese) > room - cur_w:
                    k -= 1
                out.append((cur + tok[:k]).rstrip())
                tok, cur, cur_w, room = tok[k:], "", 0.0, width
                w = self.width(tok, face, chinese)
            cur += tok
            cur_w += w
        if cur.strip():
            out.append(cur.rstrip())
        return [(ln, i == len(out) - 1) for i, ln in enumerate(out)]

    def set_line(self, x: float, y: float, line: str, face: Face, width: float, justify: bool, align="L"):
        """Draw one line at baseline y: justified over `width` (Chinese by character spacing,
        English word by word), or aligned left, right or centre."""
        chinese = chinese_text(line)
        natural = self.width(line, face, chinese)
        if not justify or natural >= width:
            dx = {"L": 0.0, "R": width - natural, "C": (width - natural) / 2}[align]
            self.text_run(x + dx, y, line, face, chinese=chinese)
            return
        words = line.split(" ")
        if not chinese and len(words) > 1:
            gap = (width - sum(self.width(w, face, False) for w in words)) / (len(words) - 1)
            for w in words:
                self.text_run(x, y, w, face, chinese=False)
                x += self.width(w, face, False) + gap
            return
        n = len(line)
        self.text_run(x, y, line, face, tc=(width - natural) / max(n - 1, 1), chinese=chinese)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


# ----------------------------------------------------------------------------- column flow
@dataclass
class Slice:
    """A piece of a column: its height and how to draw it at (x, top, column width)."""

    h: float
    draw: Callable[[float, float, float], None]
    keep_next: bool = False
    space_before: float = 0.0


class Flow:
    """Columns from the doc's current height down to the foot, page after page."""

    def __init__(self, doc: Doc, ncols: int, gutter: float = 14.0, gap: float = 0.0):
        self.doc, self.ncols, self.gutter = doc, ncols, gutter
        self.top = doc.y + gap
        self.col, self.y, self.low = 0, self.top, self.top
        self.width = (TEXT_W - gutter * (ncols - 1)) / ncols

    def x(self) -> float:
        return self.doc.left() + self.col * (self.width + self.gutter)

    def next_col(self) -> None:
        self.low = max(self.low, self.y)
        self.col += 1
        if self.col == self.ncols:
            self.doc.new_page()
            self.col, self.top, self.low = 0, self.doc.y, self.doc.y
        self.y = self.top

    def put(self, slices: list[Slice]) -> None:
        bottom = PAGE_H - BOTTOM
        for i, s in enumerate(slices):
            need, k = s.h, i  # a slice kept with the next: the whole chain, and the one after it
            while slices[k].keep_next and k + 1 < len(slices):
                k += 1
                need += slices[k].h
            gap = s.space_before if self.y > self.top else 0.0
            if self.y + gap + need > bottom + 0.01 and self.y > self.top:
                self.next_col()
                gap = 0.0
            self.y += gap
            s.draw(self.x(), self.y, self.width)
            self.y += s.h

    def end(self, after: float = 0.0) -> None:
        self.doc.y = max(self.low, self.y) + after


# ----------------------------------------------------------------------------- slices
def para_slices(
    doc: Doc,
    text: str,
    face: Face,
    width: float,
    indent: float = 0.0,
    space: float = 0.0,
    justify: bool = True,
    align: str = "L",
) -> list[Slice]:
    out = []
    for i, (line, last) in enumerate(doc.lines(text, face, width, indent)):
        dx = indent if i == 0 else 0.0

        def draw(x, y, w, line=line, last=last, dx=dx):
            doc.set_line(x + dx, y + face.size * 0.92, line, face, w - dx, justify and not last, align)

        out.append(Slice(face.pitch, draw, space_before=space if i == 0 else 0.0))
    if len(out) > 1:
        out[0].keep_next = True
    return out


def heading_slices(doc: Doc, text: str, face: Face, width: float, space: float = 8.0) -> list[Slice]:
    out = para_slices(doc, text, face, width, justify=False, space=space)
    for s in out:
        s.keep_next = True
    return out


def quote_slice(doc: Doc, quote: str, width: float) -> Slice:
    """A pull quote between two rules, large and in the accent colour."""
    face = Face("sansB", "latSB", 13.5, ACCENT, 19.5)
    lines = doc.lines(quote, face, width - 8)
    h = 10 + len(lines) * face.pitch + 8

    def draw(x, y, w):
        doc.rule(x, y + 4, x + w, 1.4, ACCENT)
        for i, (line, _) in enumerate(lines):
            doc.set_line(x + 4, y + 10 + i * face.pitch + face.size * 0.92, line, face, w - 8, False)
        doc.rule(x, y + h - 6, x + w, 1.4, ACCENT)

    return Slice(h + 6, draw, space_before=4)


def figure_slices(doc: Doc, caption: str, width: float, photo: bool) -> list[Slice]:
    face = Face("sans", "latS", 7.4, GREY, 11.0)
    cap = doc.lines(caption, face, width)
    ph = width * 0.6
    h = ph + 4 + len(cap) * face.pitch

    def draw(x, y, w):
        doc.picture(x, y + 2, w, ph, caption, photo)
        for i, (line, _) in enumerate(cap):
            doc.set_line(x, y + ph + 6 + i * face.pitch + face.size * 0.92, line, face, w, False)

    return [Slice(h + 6, draw, space_before=6)]


# ----------------------------------------------------------------------------- the issue


class Issue:
    """The issue laid out page by page; records each unit's physical pages and what it printed."""

    def __init__(self, key: dict, doc: Doc, folios: dict[str, int] | None):
        self.key = key
        self.doc = doc
        self.folios = folios or {}
        self.pages: dict[str, dict] = {}
        self.n_article = 0
        self.n_fig = 0
        self.n_table = 0

    def mark(self, aid: str, what: str) -> None:
        self.pages.setdefault(aid, {})[what] = self.doc.page

    # -------------------------------------------------------- display pieces
    def centred(self, text: str, face: Face, space: float = 0.0) -> None:
        d = self.doc
        d.y += space
        for line, _ in d.lines(text, face, TEXT_W):
            d.set_line(d.left(), d.y + face.size * 0.92, line, face, TEXT_W, False, "C")
            d.y += face.pitch

    def block(
        self,
        text: str,
        face: Face,
        space: float = 0.0,
        align: str = "L",
        width: float = TEXT_W,
        dx: float = 0.0,
    ) -> None:
        d = self.doc
        d.y += space
        for line, _ in d.lines(text, face, width):
            d.set_line(d.left() + dx, d.y + face.size * 0.92, line, face, width, False, align)
            d.y += face.pitch

    def section_label(self, a: dict) -> None:
        d = self.doc
        face = Face("sansB", "latSB", 9.5, (255, 255, 255))
        w = d.width(a["section_zh"], face) + 12
        d.pdf.set_fill_color(*ACCENT)
        d.pdf.rect(d.left(), d.y, w, 17, style="F")
        d.text_run(d.left() + 6, d.y + 12.4, a["section_zh"], face)
        d.text_run(d.left() + w + 6, d.y + 12.4, a["section_en"], Face("sans", "latSI", 8.5, ACCENT))
        d.y += 28

    def byline(self, a: dict) -> None:
        if not a.get("authors"):
            return
        if a.get("abstract_zh"):
            text = " ".join(a["authors"])
        else:
            text = BYLINE_FORMS[self.n_article % 2].format(" ".join(a["authors"]))
        a["byline"] = text
        self.block(text, Face("sans", "latS", 8.8, INK, 14), space=2, align="R")

    def deck(self, a: dict, big: bool = False) -> None:
        zh = [p for p in (a.get("deck_zh") or "").split("\n") if p.strip()]
        en = [p for p in (a.get("deck_en") or "").split("\n") if p.strip()]
        if not zh and not en:
            return
        d = self.doc
        face = Face("sans", "latS", 11.5 if big else BODY, GREY, 19 if big else 15)
        d.y += 6
        for p in zh:
            for line, last in d.lines(p, face, TEXT_W):
                d.set_line(d.left(), d.y + face.size * 0.92, line, face, TEXT_W, not last)
                d.y += face.pitch
        en_face = Face("sans", "latI", 10 if big else 8.6, GREY, 15 if big else 12.5)
        for p in en:
            d.y += 4
            for line, last in d.lines(p, en_face, TEXT_W):
                d.set_line(d.left(), d.y + en_face.size * 0.92, line, en_face, TEXT_W, not last)
                d.y += en_face.pitch
        d.y += 5
        d.rule(d.left(), d.y, d.left() + TEXT_W, 0.7, GREY)
        d.y += 10

    def summary_box(self, s: dict) -> None:
        """The English summary across the page at the article's head, a coloured bar on its left;
        it goes on over the page's foot on the next page."""
        d = self.doc
        face = Face("lat", "lat", 8.2, INK, 11.6)
        hd = Face("sansB", "latSB", 8, DARK)
        lines = d.lines(s["text"], face, TEXT_W - 14)
        d.y += 4
        d.text_run(d.left() + 10, d.y + 8, HEADINGS[s["kind"]], hd)
        d.y += 13
        top = d.y - 13
        for line, last in lines:
            if d.y + face.pitch > PAGE_H - BOTTOM:
                self.bar(top, d.y)
                d.new_page()
                top = d.y
            d.set_line(d.left() + 10, d.y + face.size * 0.92, line, face, TEXT_W - 14, not last)
            d.y += face.pitch
        self.bar(top, d.y)
        d.y += 10

    def bar(self, top: float, bottom: float) -> None:
        d = self.doc
        d.pdf.set_fill_color(*DARK)
        d.pdf.rect(d.left(), top, 3, bottom - top, style="F")

    # -------------------------------------------------------- front and back matter
    def cover(self, a: dict) -> None:
        d = self.doc
        d.new_page()
        self.mark(a["id"], "start")
        d.pdf.set_fill_color(*DARK)
        d.pdf.rect(0, 0, PAGE_W, 250, style="F")
        d.y = 90
        self.centred(a["title_zh"], Face("sansB", "latSB", 46, (255, 255, 255), 56))
        self.centred(a["title_en"], Face("sans", "latS", 12, (255, 255, 255), 18), space=6)
        d.y = 290
        for b in a["blocks"]:
            if b["type"] == "heading":
                self.centred(b["text"], Face("sansB", "latSB", 13, DARK, 20), space=6)
            else:
                self.centred(b["text"], Face("serif", "lat", 9, INK, 14))
        self.mark(a["id"], "end")

    def flow_blocks(self, a: dict, ncols: int, face: Face, heading: Face) -> None:
        d = self.doc
        flow = Flow(d, ncols, gutter=16)
        slices: list[Slice] = []
        for b in a["blocks"]:
            if b["type"] == "heading":
                slices += heading_slices(d, b["text"], heading, flow.width, space=7)
            else:
                slices += para_slices(d, b["text"], face, flow.width, space=3, justify=False)
        for c in a.get("captions") or []:
            size = 54.0
            cap = Face("sans", "latS", 7.4, GREY, 11)
            lines = d.lines(c, cap, flow.width)

            def draw(x, y, w, c=c, lines=lines, size=size, cap=cap):
                d.qr(x, y + 4, size, c)
                for i, (ln, _) in enumerate(lines):
                    d.set_line(x, y + size + 8 + i * cap.pitch + 7, ln, cap, w, False)

            slices.append(Slice(size + 12 + len(lines) * cap.pitch, draw, space_before=6))
        flow.put(slices)
        flow.end(8)

    def notice(self, a: dict) -> None:
        d = self.doc
        d.new_page()
        self.mark(a["id"], "start")
        if a.get("title_zh"):
            self.block(a["title_zh"], Face("sansB", "latSB", 17, DARK, 24))
        if a.get("title_en"):
            self.block(a["title_en"], Face("sans", "latSI", 9, GREY, 14))
        d.y += 8
        ncols = 2 if len(a["blocks"]) > 10 else 1
        self.flow_blocks(a, ncols, Face("serif", "lat", 8.8, INK, 14), Face("sansB", "latSB", 9.6, DARK, 15))
        self.mark(a["id"], "end")

    def masthead(self, a: dict) -> None:
        d = self.doc
        d.new_page()
        self.mark(a["id"], "start")
        self.flow_blocks(a, 3, Face("serif", "lat", 7.8, INK, 11.5), Face("sansB", "latSB", 8, ACCENT, 12))
        self.mark(a["id"], "end")

    def contents(self, a: dict) -> None:
        d = self.doc
        d.new_page()
        self.mark(a["id"], "start")
        d.text_run(d.left(), d.y + 26, "目录", Face("sansB", "latSB", 28, DARK))
        d.text_run(d.left() + 66, d.y + 26, "CONTENTS", Face("sans", "latS", 11, GREY))
        d.y += 42
        by_page = {x["toc_page"]: x["id"] for x in self.key["articles"] if x.get("toc_page") is not None}
        flow = Flow(d, 2, gutter=20)
        w = flow.width
        slices: list[Slice] = []
        section = None
        band = Face("sansB", "latSB", 9, (255, 255, 255))
        title1 = Face("sans", "latS", 9.2, INK, 13.5)
        title2 = Face("serif", "lat", 8.2, INK, 12.5)
        num = Face("sansB", "latSB", 9.2, ACCENT)
        en_face = Face("latI", "latI", 7.4, GREY, 10.5)
        for en in self.key["toc"]:
            if en["section_zh"] != section:
                section = en["section_zh"]

                def draw_band(x, y, w, zh=section, sen=en["section_en"]):
                    d.pdf.set_fill_color(*DARK)
                    d.pdf.rect(x, y, w, 15, style="F")
                    d.text_run(x + 5, y + 11, zh, band)
                    d.text_run(
                        x + 10 + d.width(zh, band), y + 11, sen, Face("latI", "latI", 7.6, (255, 255, 255))
                    )

                slices.append(Slice(19, draw_band, keep_next=True, space_before=8))
            if en["level"] == 1 and en.get("page") is not None:
                folio = str(self.folios.get(by_page[en["page"]], 0))
                lines = d.lines(en["title_zh"], title1, w - 24)
                for i, (ln, _) in enumerate(lines):

                    def draw(x, y, w, ln=ln, first=i == 0, folio=folio):
                        d.set_line(x, y + title1.size * 0.92, ln, title1, w - 24, False)
                        if first:
                            d.text_run(x + w - d.width(folio, num), y + title1.size * 0.92, folio, num)

                    slices.append(Slice(title1.pitch, draw, keep_next=True, space_before=3 if i == 0 else 0))
            else:
                slices += [
                    Slice(s.h, (lambda x, y, w, s=s: s.draw(x + 12, y, w - 12)), s.keep_next, s.space_before)
                    for s in para_slices(d, en["title_zh"], title2, w - 12, justify=False, space=1)
                ]
            if en.get("subtitle_zh"):
                slices += para_slices(d, "——" + en["subtitle_zh"], title2, w - 24, justify=False)
            if en.get("title_en"):
                indent = 12 if en["level"] != 1 else 0
                slices += [
                    Slice(s.h, (lambda x, y, w, s=s, k=indent: s.draw(x + k, y, w - k)), False, 0)
                    for s in para_slices(d, en["title_en"], en_face, w - 24 - indent, justify=False)
                ]
        flow.put(slices)
        flow.end()
        self.mark(a["id"], "end")

    def advert(self, a: dict) -> None:
        d = self.doc
        d.numbered = False
        d.new_page()
        self.mark(a["id"], "start")
        d.pdf.set_fill_color(*DARK)
        d.pdf.rect(0, 0, PAGE_W, PAGE_H, style="F")
        white = (255, 255, 255)
        d.y = 170
        self.centred(a["title_zh"], Face("sansB", "latSB", 48, white, 60))
        if a.get("subtitle_zh"):
            self.centred(a["subtitle_zh"], Face("sans", "latS", 16, white, 24), space=8)
        if a.get("title_en"):
            self.centred(a["title_en"], Face("sans", "latS", 15, white, 22), space=4)
        d.y += 20
        for b in a["blocks"]:
            self.block(
                b["text"], Face("serif", "lat", 10, white, 17), space=6, width=TEXT_W - 80, dx=40, align="C"
            )
        d.y += 20
        for i, c in enumerate(a["captions"]):
            x = d.left() + 60 + i * (TEXT_W - 120 - 64)
            d.qr(x, d.y, 64, c)
            d.text_run(x, d.y + 78, c, Face("sans", "latS", 8, white))
        self.mark(a["id"], "end")

    # -------------------------------------------------------- articles
    def title_area(self, a: dict) -> None:
        d = self.doc
        self.section_label(a)
        self.block(a["title_zh"], Face("sansB", "latSB", 21, INK, 29))
        if a.get("subtitle_zh"):
            self.block("——" + a["subtitle_zh"], Face("sans", "latS", 11.5, (60, 60, 60), 18), space=2)
        if a.get("title_en"):
            self.block(a["title_en"], Face("latI", "latI", 9.6, ACCENT, 13.5), space=4, align="R")
        self.byline(a)
        d.y += 2

    def intro(self, a: dict) -> None:
        """A section opener: display type only, its English deck under the Chinese one."""
        d = self.doc
        d.new_page()
        self.mark(a["id"], "start")
        d.y += 90
        self.section_label(a)
        self.block(a["title_zh"], Face("sansB", "latSB", 30, DARK, 40), space=10)
        if a.get("title_en"):
            self.block(a["title_en"], Face("latI", "latI", 12, ACCENT, 17), space=4)
        self.byline(a)
        d.y += 30
        self.deck(a, big=True)
        self.mark(a["id"], "end")
        self.n_article += 1

    def article(self, a: dict, idx: int) -> None:
        d = self.doc
        if a["id"] == "a04":  # the folios count from the editorial
            d.numbered = True
        d.section = (a["section_zh"], a["section_en"])
        d.new_page()
        self.mark(a["id"], "start")
        if a.get("items") and not a.get("blocks") and a["title_zh"] == a["items"][0]["title_zh"]:
            self.section_label(a)
            self.profiles(a)
        else:
            self.title_area(a)
            self.deck(a)
            for s in a["summaries"]:
                self.summary_box(s)
            for label, text in (
                ("摘要：", a.get("abstract_zh")),
                ("关键词：", "；".join(a.get("keywords_zh") or [])),
            ):
                if text:
                    self.runin(label, text)
            if a.get("items"):
                self.briefs(a)
            else:
                self.body(a, idx)
        self.mark(a["id"], "end")
        self.n_article += 1

    def runin(self, label: str, text: str) -> None:
        d = self.doc
        face = Face("serif", "lat", 8.8, INK, 14)
        lab = Face("sansB", "latSB", 8.8, INK)
        lw = d.width(label, lab)
        lines = d.lines(text, face, TEXT_W, indent=lw)
        for i, (ln, last) in enumerate(lines):
            if i == 0:
                d.text_run(d.left(), d.y + 8.1, label, lab)
            dx = lw if i == 0 else 0
            d.set_line(d.left() + dx, d.y + 8.1, ln, face, TEXT_W - dx, not last)
            d.y += face.pitch
        d.y += 4

    def block_slices(self, b: dict, width: float) -> list[Slice]:
        d, t = self.doc, b["type"]
        if t == "heading":
            return heading_slices(d, b["text"], Face("sansB", "latSB", 10, DARK, 15), width)
        if t == "afterword":
            face = Face("sans", "latS", 8.4, (60, 60, 60), 13.5)
            out: list[Slice] = [Slice(6, lambda x, y, w: d.rule(x, y + 3, x + w, 0.5, GREY), keep_next=True)]
            if b.get("title"):
                out += heading_slices(
                    d, "编后：" + b["title"], Face("sansB", "latSB", 8.6, ACCENT, 13.5), width, 2
                )
            return out + para_slices(d, b["text"], face, width)
        if t in ("note", "reference"):
            return para_slices(d, b["text"], Face("serif", "lat", 7.6, (80, 80, 80), 12), width, space=2)
        if t == "bio":
            return para_slices(d, b["text"], Face("sans", "latS", 8, (60, 60, 60), 12.5), width, space=6)
        if t == "list_item":
            return para_slices(d, b["text"], BODY_FACE, width)
        return para_slices(d, b["text"], BODY_FACE, width, indent=2 * BODY)

    # a figure after every FIGURE_EVERY-th block from the FIGURE_AFTER-th, a photo (not a chart)
    # where the figure count's parity is FIGURE_PHOTO_PARITY
    FIGURE_EVERY, FIGURE_AFTER, FIGURE_PHOTO_PARITY = 5, 2, 0

    def columns(self, a: dict, idx: int) -> tuple[int, float]:
        """An article's column count and gutter: three columns for one article in three."""
        ncols = 3 if idx % 3 == 0 and a["id"] != "a04" else 2
        return ncols, 14 if ncols == 2 else 11

    def quote(self, quote: str, width: float) -> Slice:
        return quote_slice(self.doc, quote, width)

    def body(self, a: dict, idx: int) -> None:
        d = self.doc
        ncols, gutter = self.columns(a, idx)
        flow = Flow(d, ncols, gutter=gutter, gap=4)
        blocks = a["blocks"]
        k, quote = pull_quote(blocks, idx)
        tables = list(a.get("tables") or [])
        captions = list(a["captions"])
        slices: list[Slice] = []
        for i, b in enumerate(blocks):
            bs = self.block_slices(b, flow.width)
            if i == k and quote and len(bs) >= 4:
                # between two lines of the paragraph, as near its cut (quote_cut) as the lines fall
                cut = quote_cut(b["text"]) / max(len(b["text"]), 1)
                m = min(max(1, round(len(bs) * cut)), len(bs) - 1)
                bs = bs[:m] + [self.quote(quote, flow.width)] + bs[m:]
            slices += bs
            if captions and i % self.FIGURE_EVERY == self.FIGURE_AFTER:
                self.n_fig += 1
                slices += figure_slices(
                    d, captions.pop(0), flow.width, self.n_fig % 2 == self.FIGURE_PHOTO_PARITY
                )
            if tables and b["type"] == "paragraph" and b["text"].rstrip().endswith(("：", ":")):
                flow.put(slices)
                slices = []
                flow.end(6)
                self.table(tables.pop(0))
                flow = Flow(d, ncols, gutter=flow.gutter, gap=4)
        for c in captions:
            self.n_fig += 1
            slices += figure_slices(d, c, flow.width, self.n_fig % 2 == self.FIGURE_PHOTO_PARITY)
        flow.put(slices)
        flow.end(6)
        for t in tables:
            self.table(t)

    def table(self, t: dict) -> None:
        """The issue's first table fully ruled with a tinted header; later ones three-line (top,
        header and bottom rules, no verticals), each at the top of a new page."""
        d = self.doc
        self.n_table += 1
        grid = self.n_table == 1
        if not grid or d.y > TOP + 0.6 * (PAGE_H - TOP - BOTTOM):
            d.new_page()
        cell = Face("serif", "lat", 7.8, INK, 12)
        head = Face("sansB", "latSB", 7.8, INK, 12)
        if t.get("caption"):
            self.block(t["caption"], Face("sansB", "latSB", 8.4, DARK, 13), space=2)
        ncol = len(t["header"])
        longest = [max([len(t["header"][j])] + [len(r[j]) for r in t["rows"]]) for j in range(ncol)]
        total = sum(min(x, 40) + 4 for x in longest)
        widths = [TEXT_W * (min(x, 40) + 4) / total for x in longest]
        pad = 3.0
        x0 = d.left()
        top = d.y

        def row(cells: list[str], face: Face, fill: bool) -> None:
            cols = [d.lines(c, face, w - 2 * pad) for c, w in zip(cells, widths, strict=True)]
            h = max(len(c) for c in cols) * face.pitch + 2 * pad
            if d.y + h > PAGE_H - BOTTOM:
                d.new_page()
            if fill:
                d.pdf.set_fill_color(226, 222, 214)
                d.pdf.rect(x0, d.y, TEXT_W, h, style="F")
            x = x0
            for c, w in zip(cols, widths, strict=True):
                for i, (ln, _) in enumerate(c):
                    d.set_line(
                        x + pad, d.y + pad + i * face.pitch + face.size * 0.92, ln, face, w - 2 * pad, False
                    )
                if grid:
                    d.pdf.set_draw_color(80, 80, 80)
                    d.pdf.set_line_width(0.5)
                    d.pdf.rect(x, d.y, w, h)
                x += w
            d.y += h

        if not grid:
            d.rule(x0, d.y, x0 + TEXT_W, 1.2)
        row(t["header"], head, grid)
        if not grid:
            d.rule(x0, d.y, x0 + TEXT_W, 0.6)
        for r in t["rows"]:
            row(r, cell, False)
        if not grid:
            d.rule(x0, d.y, x0 + TEXT_W, 1.2)
        del top
        for n in t.get("notes") or []:
            self.block(n, Face("serif", "lat", 7, GREY, 11), space=2)
        d.y += 10

    def briefs(self, a: dict) -> None:
        d = self.doc
        flow = Flow(d, 3, gutter=11, gap=4)
        w = flow.width
        num = Face("sansB", "latSB", 12, ACCENT)
        hface = Face("sansB", "latSB", 9.2, INK, 14)
        text = Face("serif", "lat", 8.6, INK, 14)
        slices: list[Slice] = []
        for n, it in enumerate(a["items"], start=1):
            label = f"{n} "
            lw = d.width(label, num)
            lines = d.lines(it["title_zh"], hface, w, indent=lw)
            for i, (ln, _) in enumerate(lines):

                def draw(x, y, w, ln=ln, first=i == 0, lw=lw, label=label):
                    if first:
                        d.text_run(x, y + 10.5, label, num)
                    dx = lw if first else 0
                    d.set_line(x + dx, y + 10.5, ln, hface, w - dx, False)

                slices.append(
                    Slice(
                        hface.pitch + (3 if i == 0 else 0),
                        draw,
                        keep_next=True,
                        space_before=8 if i == 0 else 0,
                    )
                )
            for b in it["blocks"]:
                slices += para_slices(d, b["text"], text, w, indent=2 * text.size)
            for c in it.get("captions") or []:
                self.n_fig += 1
                slices += figure_slices(d, c, w, self.n_fig % 2 == 0)
        flow.put(slices)
        flow.end(6)

    def profiles(self, a: dict) -> None:
        d = self.doc
        flow = Flow(d, 2, gutter=16, gap=2)
        w = flow.width
        head = Face("sansB", "latSB", 11, DARK, 17)
        en_head = Face("latBI", "latBI", 8.2, GREY, 12)
        en_text = Face("latI", "latI", 7.9, GREY, 11.5)
        slices: list[Slice] = []
        for it in a["items"]:
            slices += heading_slices(d, it["title_zh"], head, w, space=12)
            for b in it["blocks"]:
                slices += para_slices(d, b["text"], BODY_FACE, w, indent=2 * BODY)
            for c in it.get("captions") or []:
                self.n_fig += 1
                slices += figure_slices(d, c, w, self.n_fig % 2 == 0)
            if it.get("title_en"):
                slices += heading_slices(d, it["title_en"], en_head, w, space=5)
            if it.get("text_en"):
                slices += para_slices(d, it["text_en"], en_text, w)
        flow.put(slices)
        flow.end(6)

    # -------------------------------------------------------- driver
    def lay_out(self) -> None:
        for idx, a in enumerate(self.key["articles"]):
            kind = a["kind"]
            if kind != "article":
                self.doc.section = None  # no running section over a page that is not an article's
            if set_front_unit(self, a):
                pass
            elif not a["blocks"] and not a.get("items"):
                self.intro(a)
            else:
                self.article(a, idx)


@functools.cache
def font_files(text: str) -> dict[str, Path]:
    """Each face as a file fpdf2 embeds: the CJK collections' SC faces cut down to the issue's
    characters and turned TrueType (reportlab_issue's), Liberation as installed. Made once a process
    for one text (the conversion is most of the build's time), in a folder removed at exit."""
    tmp = Path(tempfile.mkdtemp(prefix="fpdf-fonts-"))
    atexit.register(shutil.rmtree, tmp, True)
    chars = "".join(sorted(set(text) | set("０１２３４５６７８９　（）：、，。·—｜■"))) + "".join(
        map(chr, range(32, 127))
    )
    out = {}
    for name, (kind, src) in FONTS.items():
        if kind == "cjk":
            out[name] = cjk_truetype(CJK_FONTS[src], chars, tmp / f"{src}.ttf")
        else:
            out[name] = Path(LATIN) / src
    return out


def compile_issue(key: dict, ids: list[str] | None = None) -> tuple[bytes, dict, dict]:
    """(PDF, its answer key, the physical pages of every entry): the whole issue, or the units `ids`
    (with the editorial, which the folios count from, and their contents entries)."""
    return compile_house(key, ids, Issue, Doc, EVERY_NTH_FULLWIDTH, font_files)


def compile_house(
    key: dict, ids, house, doc, every_nth_fullwidth: int, fonts_for
) -> tuple[bytes, dict, dict]:
    """compile_issue for a house (an Issue subclass, its Doc, its share of full-width digits, the
    fonts it embeds for the issue's characters). Laid out twice: the contents print the folios the
    first pass found."""
    key = copy.deepcopy(key)
    if ids is not None:
        ids = sorted(set(ids) | {"a04"})
        key["toc"] = toc_entries(key, ids)
        key["articles"] = [a for a in key["articles"] if a["id"] in ids]
    key["articles"] = [
        printed(a, every_nth_fullwidth) if a["kind"] == "article" else a for a in key["articles"]
    ]
    issue = key["issue"]
    head = f"{issue['journal_zh']}  {issue['year']}年第{issue['number']}期"
    text = json.dumps(key, ensure_ascii=False)
    folios: dict[str, int] | None = None
    fonts = fonts_for("".join(sorted(set(text))))
    for _ in range(2):
        iss = house(copy.deepcopy(key), doc(fonts, head), folios)
        iss.lay_out()
        first = iss.pages["a04"]["start"]
        folios = {aid: p["start"] - first + 1 for aid, p in iss.pages.items()}
    pdf = iss.doc.output()
    return pdf, printed_key(iss.key, folios, head), iss.pages


def main(argv: list[str] | None = None, compile_issue=compile_issue, description: str = __doc__) -> None:
    rendition_main(
        argv,
        description,
        lambda key, args: compile_issue(key, args.articles.split(",") if args.articles else None),
        options=lambda ap: ap.add_argument(
            "--articles", help="only these units of the key (a08,a09): a short issue for tests"
        ),
    )


if __name__ == "__main__":
    main()
