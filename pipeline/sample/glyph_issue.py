"""A tenth producer: the whole sample issue in a sixth house style, written by a PDF writer of our own
(pipeline/sample/rawpdf.py) whose text layer is a hostile engine's: every glyph shown on its own at
an absolute position, no space glyph, a page's glyphs in baseline order across the columns (the
columns' lines interleaved, rows bottom to top on even pages), display type (titles, pull quotes,
profile names, section labels) in faces embedded without ToUnicode or cmap, readable only through
/ActualText spans. Lines are broken and placed by fpdf_issue's column flow; the look is its own:

- bodies in Noto Sans CJK at 9 pt, in three columns (two for the editorial and every fourth
  article); every third paragraph with its digits full width, a space between Chinese and Latin
  words or digits ("修订 472 项")
- the byline OVER the title, flush left in the accent colour ("文｜张三 李四" and "■ 张三" in turn),
  under the section label; the title in display type, the English title under it in grey sans
- decks in another face: Noto Serif CJK at body size in dark blue, a coloured bar on their left,
  across the page; the English deck in italic under it
- the English Reading Summary at the article's END, across the page on a tinted ground, no rule
- pull quotes on a tinted ground after a big opening quotation mark, cutting a paragraph between
  two full lines (the line after them goes on with the sentence)
- a profile round-up whose first profile heading is the contents entry: each name-and-role
  heading white on a dark band, its Chinese text, then its English name and text in grey sans
- news briefs numbered "01", "02", … on a line of their own over each heading, three columns
- the first table ruled with line segments (no rectangles), a later one with no rule at all, its
  rows told by a tint on every other row, at the top of the next page; head rows in the display face
  with no ToUnicode (pdfplumber reads them as (cid:n))
- no running head at the top: the folio and the journal's name (or the section) at the outer foot

Deterministic. Writes the PDF, its answer key and `*.pages.json`, as fpdf_issue does.

    python -m pipeline.sample.glyph_issue --truth ../shared/corpus/issue-2026-v2n1.truth.json \\
        --out data/out/glyph/glyph-issue.pdf
"""

from __future__ import annotations

from pathlib import Path

from . import fpdf_issue as fp
from .art import photo_pixmap, qr_pixmap
from .fpdf_issue import (
    BOTTOM,
    PAGE_H,
    PAGE_W,
    TEXT_W,
    TOP,
    Face,
    Flow,
    Slice,
    figure_slices,
    font_files,
    heading_slices,
    para_slices,
)
from .rawpdf import RawPdf

INK = (20, 20, 20)
GREY = (110, 110, 110)
ACCENT = (0, 122, 110)
NAVY = (30, 50, 110)
TINT = (226, 240, 236)
EVERY_NTH_FULLWIDTH = 3
BODY = 9.0
BODY_FACE = Face("sans", "latS", BODY, INK, 15.0)
# display faces: the same files, embedded without ToUnicode or cmap (text only in /ActualText)
MUTE = {"dispB": "sansB", "dispS": "serifB", "dispR": "sans"}
BYLINE_FORMS = ("文｜{}", "■ {}")


class GlyphDoc(fp.Doc):
    """fpdf_issue's page writer on rawpdf.RawPdf, its furniture at the foot."""

    def __init__(self, fonts: dict[str, Path], head: str):
        self.pdf = RawPdf(PAGE_W, PAGE_H, fonts, mute=set(MUTE))
        self.head = head
        self.section: tuple[str, str] | None = None
        self.numbered = False
        self.folio = 0
        self.y = TOP
        self._w: dict = {}
        self._font = None

    def furniture(self) -> None:
        even = self.page % 2 == 0
        face = Face("sans", "latS", 7.4, GREY)
        num = Face("dispB", "latSB", 10, ACCENT)
        folio = str(self.folio)
        label = self.head if even or not self.section else self.section[0]
        y = PAGE_H - 30
        self.rule(self.left(), y - 12, self.left() + TEXT_W, 0.4, GREY)
        if even:
            self.text_run(fp.OUTER, y, folio, num)
            self.text_run(fp.OUTER + self.width(folio, num) + 8, y, label, face)
        else:
            x = PAGE_W - fp.OUTER - self.width(folio, num)
            self.text_run(x, y, folio, num)
            self.text_run(x - 8 - self.width(label, face), y, label, face)

    def picture(self, x: float, y: float, w: float, h: float, seed: str, photo: bool) -> None:
        if photo:
            pm = photo_pixmap(seed)
            self.pdf.image_rgb(f"p{seed}", pm.samples, pm.width, pm.height, x, y, w, h)
        else:
            self.pdf.set_fill_color(190, 200, 196)
            self.pdf.rect(x, y, w, h, style="F")

    def qr(self, x: float, y: float, size: float, seed: str) -> None:
        pm = qr_pixmap(seed)
        if pm.n != 3:
            import pymupdf

            pm = pymupdf.Pixmap(pymupdf.csRGB, pm)
        self.pdf.image_rgb(f"q{seed}", pm.samples, pm.width, pm.height, x, y, size, size)


def quote_slice(doc: GlyphDoc, quote: str, width: float) -> Slice:
    """A pull quote on a tint, a big opening quotation mark before it, in display type."""
    face = Face("dispS", "latB", 12.5, NAVY, 18.5)
    lines = doc.lines(quote, face, width - 12)
    h = 26 + len(lines) * face.pitch + 6

    def draw(x, y, w):
        doc.pdf.set_fill_color(*TINT)
        doc.pdf.rect(x, y, w, h, style="F")
        doc.text_run(x + 6, y + 24, "“", Face("dispS", "latB", 30, ACCENT))
        for i, (line, _) in enumerate(lines):
            doc.set_line(x + 6, y + 26 + i * face.pitch + face.size * 0.92, line, face, w - 12, False)

    return Slice(h + 8, draw, space_before=6)


class GlyphIssue(fp.Issue):
    def section_label(self, a: dict) -> None:
        d = self.doc
        face = Face("dispB", "latSB", 9, ACCENT)
        d.text_run(d.left(), d.y + 10, a["section_zh"], face)
        x = d.left() + d.width(a["section_zh"], face) + 8
        d.text_run(x, d.y + 10, a["section_en"].upper(), Face("sans", "latS", 7.5, GREY))
        d.rule(d.left(), d.y + 16, d.left() + TEXT_W, 1.2, ACCENT)
        d.y += 26

    def byline(self, a: dict) -> None:
        if not a.get("authors"):
            return
        if a.get("abstract_zh"):
            text = " ".join(a["authors"])
        else:
            text = BYLINE_FORMS[self.n_article % 2].format(" ".join(a["authors"]))
        a["byline"] = text
        self.block(text, Face("sans", "latS", 8.8, ACCENT, 14), space=0)

    def title_area(self, a: dict) -> None:
        self.section_label(a)
        self.byline(a)
        self.block(a["title_zh"], Face("dispB", "latSB", 21, INK, 29), space=4)
        if a.get("subtitle_zh"):
            self.block(a["subtitle_zh"], Face("serif", "lat", 11.5, GREY, 18), space=2)
        if a.get("title_en"):
            self.block(a["title_en"], Face("latS", "latS", 9.4, GREY, 13.5), space=4)
        self.doc.y += 4

    def intro(self, a: dict) -> None:
        d = self.doc
        d.new_page()
        self.mark(a["id"], "start")
        d.y += 120
        self.section_label(a)
        self.byline(a)
        self.block(a["title_zh"], Face("dispB", "latSB", 30, NAVY, 40), space=10)
        if a.get("title_en"):
            self.block(a["title_en"], Face("latS", "latS", 12, GREY, 17), space=4)
        d.y += 30
        self.deck(a, big=True)
        self.mark(a["id"], "end")
        self.n_article += 1

    def deck(self, a: dict, big: bool = False) -> None:
        zh = [p for p in (a.get("deck_zh") or "").split("\n") if p.strip()]
        en = [p for p in (a.get("deck_en") or "").split("\n") if p.strip()]
        if not zh and not en:
            return
        d = self.doc
        face = Face("serif", "lat", 11.5 if big else BODY, NAVY, 19 if big else 15)
        en_face = Face("latI", "latI", 10 if big else 8.6, NAVY, 15 if big else 12.5)
        d.y += 4
        top = d.y
        w = TEXT_W - 12
        for p in zh:
            for line, last in d.lines(p, face, w):
                d.set_line(d.left() + 12, d.y + face.size * 0.92, line, face, w, not last)
                d.y += face.pitch
        for p in en:
            d.y += 4
            for line, last in d.lines(p, en_face, w):
                d.set_line(d.left() + 12, d.y + en_face.size * 0.92, line, en_face, w, not last)
                d.y += en_face.pitch
        d.pdf.set_fill_color(*ACCENT)
        d.pdf.rect(d.left(), top, 3.5, d.y - top + 2, style="F")
        d.y += 14

    def summary_box(self, s: dict) -> None:
        """At the article's end, across the page on a tint; goes on over the foot."""
        d = self.doc
        face = Face("lat", "lat", 8.2, INK, 11.6)
        hd = Face("latSB", "latSB", 8.4, ACCENT)
        lines = d.lines(s["text"], face, TEXT_W - 16)
        if d.y + 40 > PAGE_H - BOTTOM:
            d.new_page()
        d.y += 8
        top = d.y
        d.text_run(d.left() + 8, d.y + 14, fp.HEADINGS[s["kind"]], hd)
        d.y += 20
        for line, last in lines:
            if d.y + face.pitch > PAGE_H - BOTTOM:
                self.tint(top, d.y + 4)
                d.new_page()
                top = d.y
            d.set_line(d.left() + 8, d.y + face.size * 0.92, line, face, TEXT_W - 16, not last)
            d.y += face.pitch
        self.tint(top, d.y + 4)
        d.y += 12

    def tint(self, top: float, bottom: float) -> None:
        d = self.doc
        d.pdf.set_fill_color(*TINT)
        d.pdf.rect(d.left(), top, TEXT_W, bottom - top, style="F")

    def article(self, a: dict, idx: int) -> None:
        d = self.doc
        if a["id"] == "a04":
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
            for s in a["summaries"]:
                self.summary_box(s)
        self.mark(a["id"], "end")
        self.n_article += 1

    def block_slices(self, b: dict, width: float) -> list[Slice]:
        d, t = self.doc, b["type"]
        if t == "heading":
            return heading_slices(d, b["text"], Face("serifB", "latB", 10, NAVY, 15), width)
        if t == "list_item":
            return para_slices(d, b["text"], BODY_FACE, width)
        if t == "paragraph":
            return para_slices(d, b["text"], BODY_FACE, width, indent=2 * BODY)
        return super().block_slices(b, width)

    FIGURE_EVERY, FIGURE_AFTER, FIGURE_PHOTO_PARITY = 4, 1, 1

    def columns(self, a: dict, idx: int) -> tuple[int, float]:
        """Two columns for one article in four (and the editorial), three for the rest."""
        ncols = 2 if a["id"] == "a04" or idx % 4 == 0 else 3
        return ncols, 16 if ncols == 2 else 12

    def quote(self, quote: str, width: float) -> Slice:
        return quote_slice(self.doc, quote, width)

    def table(self, t: dict) -> None:
        """The first table ruled by line segments; later ones with no rule, every other row tinted,
        at the top of a new page."""
        d = self.doc
        self.n_table += 1
        grid = self.n_table == 1
        if not grid or d.y > TOP + 0.6 * (PAGE_H - TOP - BOTTOM):
            d.new_page()
        cell = Face("sans", "latS", 7.8, INK, 12)
        head = Face("dispB", "latSB", 7.8, (255, 255, 255) if not grid else NAVY, 12)  # no ToUnicode
        if t.get("caption"):
            self.block(t["caption"], Face("sansB", "latSB", 8.4, NAVY, 13), space=2)
        ncol = len(t["header"])
        longest = [max([len(t["header"][j])] + [len(r[j]) for r in t["rows"]]) for j in range(ncol)]
        total = sum(min(x, 40) + 4 for x in longest)
        widths = [TEXT_W * (min(x, 40) + 4) / total for x in longest]
        pad = 3.5
        x0 = d.left()
        edges: list[tuple[float, float]] = []  # (top, bottom) of each row on this page

        def rules() -> None:
            if not grid or not edges:
                return
            d.pdf.set_draw_color(60, 60, 60)
            d.pdf.set_line_width(0.5)
            top, bottom = edges[0][0], edges[-1][1]
            for y in [e[0] for e in edges] + [bottom]:
                d.pdf.line(x0, y, x0 + TEXT_W, y)
            x = x0
            for w in [0.0, *widths]:
                x += w
                d.pdf.line(x, top, x, bottom)

        def row(cells: list[str], face: Face, n: int) -> None:
            cols = [d.lines(c, face, w - 2 * pad) for c, w in zip(cells, widths, strict=True)]
            h = max(len(c) for c in cols) * face.pitch + 2 * pad
            if d.y + h > PAGE_H - BOTTOM:
                rules()
                edges.clear()
                d.new_page()
            if not grid and (n == 0 or n % 2 == 0):
                d.pdf.set_fill_color(*(NAVY if n == 0 else TINT))
                d.pdf.rect(x0, d.y, TEXT_W, h, style="F")
            x = x0
            for c, w in zip(cols, widths, strict=True):
                for i, (ln, _) in enumerate(c):
                    d.set_line(
                        x + pad, d.y + pad + i * face.pitch + face.size * 0.92, ln, face, w - 2 * pad, False
                    )
                x += w
            edges.append((d.y, d.y + h))
            d.y += h

        row(t["header"], head, 0)
        for n, r in enumerate(t["rows"], start=1):
            row(r, cell, n)
        rules()
        for n in t.get("notes") or []:
            self.block(n, Face("sans", "latS", 7, GREY, 11), space=3)
        d.y += 10

    def briefs(self, a: dict) -> None:
        d = self.doc
        flow = Flow(d, 3, gutter=12, gap=4)
        w = flow.width
        num = Face("dispB", "latSB", 15, ACCENT, 18)
        hface = Face("sansB", "latSB", 9.2, INK, 14)
        text = Face("sans", "latS", 8.6, INK, 14)
        slices: list[Slice] = []
        for n, it in enumerate(a["items"], start=1):
            label = f"{n:02d}"

            def draw_num(x, y, w, label=label):
                d.text_run(x, y + 15, label, num)

            slices.append(Slice(num.pitch + 2, draw_num, keep_next=True, space_before=10))
            slices += heading_slices(d, it["title_zh"], hface, w, space=0)
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
        head = Face("dispB", "latSB", 10.5, (255, 255, 255), 16)
        en_head = Face("latSB", "latSB", 8.2, GREY, 12)
        en_text = Face("latS", "latS", 7.8, GREY, 11.5)
        slices: list[Slice] = []
        for it in a["items"]:
            lines = d.lines(it["title_zh"], head, w - 10)
            h = len(lines) * head.pitch + 8

            def band(x, y, w, lines=lines, h=h):
                d.pdf.set_fill_color(*NAVY)
                d.pdf.rect(x, y, w, h, style="F")
                for i, (ln, _) in enumerate(lines):
                    d.set_line(x + 5, y + 4 + i * head.pitch + head.size * 0.92, ln, head, w - 10, False)

            slices.append(Slice(h + 6, band, keep_next=True, space_before=12))
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


def _fonts(chars: str) -> dict:
    """fpdf_issue's fonts, and the display faces with no ToUnicode drawn from the same files."""
    fonts = dict(font_files(chars))
    fonts.update({mute: fonts[src] for mute, src in MUTE.items()})
    return fonts


def compile_issue(key: dict, ids: list[str] | None = None) -> tuple[bytes, dict, dict]:
    """(PDF, its answer key, the physical pages of every entry): fpdf_issue.compile_house in this
    house."""
    return fp.compile_house(key, ids, GlyphIssue, GlyphDoc, EVERY_NTH_FULLWIDTH, _fonts)


def main(argv: list[str] | None = None) -> None:
    fp.main(argv, compile_issue, __doc__)


if __name__ == "__main__":
    main()
