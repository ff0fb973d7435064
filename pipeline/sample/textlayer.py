"""A producer of real-text-layer traits, glyph by glyph with PyMuPDF: a two-column journal paper
whose lines carry what real journal PDFs carry and our other producers do not.

- superscript citations ([1-2]) set smaller on a raised baseline inside a line, the sentence's
  full stop after them back on the baseline; one raised so far that its baseline rounds apart
  from its line's, with a gap before it (XeLaTeX's \\cite{} after a word)
- a TeX logo: the small raised A kerned back over the L (L A TEX); TEX (its E lowered) opening a
  paragraph, in its own font, the glue after it stretched past an em
- punctuation drawn as runs of their own a little off the baseline (CNKI's 、 and －)
- a formula glyph twice the body size inside a line, whose box makes that line twice as tall
- a paragraph cut by the first column's end with the first-page footnote (收稿日期, 9 pt under a
  10.5 pt body, within the column) between its halves
- a vector diagram built of many small boxes that touch (no one rectangle spans it) across both
  columns, its caption centred under it across the gutter, and a paragraph below it cut by the
  column end

The paragraphs come from the answer key; the citations, the logo, the formula glyph and the front
matter are this fixture's own. The light key (keys/<name>.json, the format of
../shared/wild-dev/keys) lists every body paragraph whole, as a reader reads it.

    python -m pipeline.sample.textlayer --truth KEY.json --articles a28 --out tests/fixtures/textlayer/textlayer.pdf
    python -m pipeline.sample.textlayer --truth KEY.json --articles a30 --variant stretched \
        --out tests/fixtures/textlayer/stretched.pdf

The stretched variant (build_stretched) is a page of lines TeX stretched at one place two rows
running, the wide glue of one row right above the other's, as a gutter's would be.

The runon variant (build_runon) is a page where a paragraph's last line of one character and its
full stop and the next paragraph's first line share one row.

    python -m pipeline.sample.textlayer --truth KEY.json --articles a30 --variant runon \
        --out tests/fixtures/textlayer/runon.pdf

The figlabels variant (build_figlabels) sets a figure of two pictures whose labels are text over
them, a row of labels across both and one in the gap between them.

    python -m pipeline.sample.textlayer --truth KEY.json --articles a30 --variant figlabels \
        --out tests/fixtures/textlayer/figlabels.pdf

In the spaced variant the label 摘要 is letter-spaced by a gap of an em and more with no space glyph
in it (as XeLaTeX sets 摘\\quad 要), so that each half is a line of its own on one baseline, and
a 关键词 line follows: the paper is told by its two labels only.

    python -m pipeline.sample.textlayer --truth KEY.json --articles a30 --variant spaced \
        --out tests/fixtures/textlayer/textlayer-spaced.pdf

The shifted variant (build_shifted) gives the paper's Latin font a CJK row's ToUnicode CMap (every
code read as U+8F00 + the code), as pdfTeX with the CJK package does to Computer Modern.

    python -m pipeline.sample.textlayer --truth KEY.json --articles a28 --variant shifted \
        --out tests/fixtures/textlayer/shifted.pdf

The reftabs variant (build_reftabs) is a one-column paper whose reference list fills its second
page, each entry's number set at the margin and its text at a tab stop (as Typst's and LaTeX's
bibliographies set them): [1] … [9] stand apart from their text by a gap of more than an em, their
wrapped lines hang at the tab, some entries end on a URL with no full stop; [10] … [12] fill the
tab, their first lines running on from them a space away.

    python -m pipeline.sample.textlayer --truth KEY.json --articles a30 --variant reftabs \
        --out tests/fixtures/textlayer/reftabs.pdf

The manuscript variant (build_manuscript) is a paper as submitted, one column, double-spaced (lines
2.4 ems apart, as 物理学报's class sets a review): a paragraph holding inline fractions (∂q over ∂θ,
the denominator hanging under the line's box), a two-column glossary, a paragraph across the page
under it that leaves its sentence open at the page's foot, and on the next page a box with rounded
corners (a dark title band over a light ground, drawn as lines and arcs: LaTeX's tcolorbox), then a
paragraph:

    python -m pipeline.sample.textlayer --truth KEY.json --articles a30 --variant manuscript \
        --out tests/fixtures/textlayer/manuscript.pdf
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from .fixture import producer_parser

FONTS = {"cjk": pymupdf.Font("cjk"), "tiro": pymupdf.Font("tiro")}
BODY, LEAD = 10.5, 15.6
COLS = ((57.0, 287.0), (308.0, 538.0))
TOP, FOOT_TOP, BOTTOM = 250.0, 690.0, 640.0
NO_START = set("，。、；：？！”’）》,.;:?!)]")
RECEIVED = "收稿日期：2025−11−03；修回日期：2026−01−12"
BOLD_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
RUNNING_HEAD = "科技进展学报　2026年第2期"  # the spaced variant: this fixture's own
CAPTION = "图1　总体技术思路"
KEYWORDS = ["制造业", "综合指数", "高质量发展"]  # this fixture's own (the spaced variant)
FRAC_SIZE = 7.3  # an inline fraction's type (TeX's \scriptstyle beside 10.5 pt)
FUNDING = "基金项目：国家自然科学基金资助项目（No.62001001）；北京市科技计划资助项目（No.Z231100001）"


@dataclass
class Tok:
    text: str
    font: str = "cjk"
    size: float = BODY
    dy: float = 0.0  # baseline offset (negative: raised)
    dx: float = 0.0  # kerning against the token before
    glued: bool = False  # no line break and no justification space before it
    fill: bool = False  # the glue before it takes the whole of its line's stretch
    brk: bool = False  # its line ends after it

    @property
    def width(self) -> float:
        return FONTS[self.font].text_length(self.text, fontsize=self.size) + self.dx


def _latin(ch: str) -> bool:
    return ord(ch) < 0x2000 and not ch.isspace()


def tokens(text: str) -> list[Tok]:
    """Plain text -> one token per CJK character or Latin word; {sup:..}, {far:..}, {stray:..},
    {logo} and {big:..} mark this fixture's traits."""
    out: list[Tok] = []
    i = 0
    stretch = False
    while i < len(text):
        if text[i] == "{":
            j = text.index("}", i)
            kind, _, arg = text[i + 1 : j].partition(":")
            if kind == "sup":  # a citation on a raised baseline, touching its word
                out.append(Tok(arg, "tiro", 7.0, dy=-3.2, glued=True))
            elif kind == "far":  # raised further, a gap before it (its baseline rounds apart)
                out.append(Tok(arg, "tiro", 7.0, dy=-4.2, dx=2.5, glued=True))
            elif kind == "stray":  # a mark drawn as a run of its own, off the baseline
                out.append(Tok(arg, "cjk", BODY, dy=0.6, glued=True))
            elif kind == "big":  # a formula glyph twice the body size
                out.append(Tok(arg, "cjk", 2 * BODY, dy=3.0))
            elif kind == "stop":  # a half-width full stop ("．" as some journals set it), glued
                out.append(Tok(arg, "tiro", glued=True))
            elif kind == "frac":  # an inline fraction: a small numerator over its denominator
                num, den = arg.split("/")
                top = Tok(num, "cjk", FRAC_SIZE, dy=-3.4)
                out += [top, Tok(den, "cjk", FRAC_SIZE, dy=5.2, dx=-top.width, glued=True)]
            elif kind == "sub":  # a subscript (CO₂) on a lowered baseline, touching its word
                out.append(Tok(arg, "tiro", 7.0, dy=2.4, glued=True))
            elif kind == "tex":  # T, a lowered E, X; the glue after it stretched past an em
                out += [
                    Tok("T", "tiro"),
                    Tok("E", "tiro", dy=2.2, dx=-1.6, glued=True),
                    Tok("X", "tiro", dx=-1.0, glued=True),
                ]
                stretch = True
            elif kind == "logo":  # L, a small raised A kerned back over it, TEX
                out += [
                    Tok("L", "tiro"),
                    Tok("A", "tiro", 7.0, dy=-2.2, dx=-3.6, glued=True),
                    Tok("T", "tiro", dx=-1.2, glued=True),
                    Tok("E", "tiro", dy=2.2, dx=-1.6, glued=True),
                    Tok("X", "tiro", dx=-1.0, glued=True),
                ]
            i = j + 1
            continue
        if _latin(text[i]):
            j = i
            while j < len(text) and _latin(text[j]) and text[j] != "{":
                j += 1
            out.append(Tok(text[i:j], "tiro", glued=bool(out) and out[-1].font == "tiro"))
            i = j
            continue
        if not text[i].isspace():
            out.append(Tok(text[i], glued=text[i] in NO_START, dx=1.2 * BODY if stretch else 0.0))
            stretch = False
        i += 1
    return out


def plain(text: str) -> str:
    """What a reader reads: the marks' text inline, the logo as LATEX."""
    out, i = "", 0
    while i < len(text):
        if text[i] == "{":
            j = text.index("}", i)
            kind, _, arg = text[i + 1 : j].partition(":")
            out += {"logo": "LATEX", "tex": "TEX"}.get(kind, arg.replace("/", "") if kind == "frac" else arg)
            i = j + 1
        else:
            out += text[i]
            i += 1
    return out


def lines_of(toks: list[Tok], width: float, indent: float) -> list[list[Tok]]:
    """Greedy breaking; a glued token never starts a line."""
    lines, cur, used = [], [], indent
    k = 0
    while k < len(toks):
        # the cluster: this token and the glued ones after it
        j = k + 1
        while j < len(toks) and toks[j].glued:
            j += 1
        w = sum(t.width for t in toks[k:j])
        if cur and used + w > width:
            lines.append(cur)
            cur, used = [], 0.0
        cur += toks[k:j]
        used += w
        k = j
        if cur[-1].brk:
            lines.append(cur)
            cur, used = [], 0.0
    if cur:
        lines.append(cur)
    return lines


class Page:
    def __init__(self, page: pymupdf.Page, simple_latin: bool = False):
        self.page = page
        self.writer = pymupdf.TextWriter(page.rect)
        # Latin runs in a simple font (Times-Roman, one byte a code, WinAnsi), not a Type0 subset
        self.simple_latin = simple_latin

    def run(self, x: float, y: float, tok: Tok) -> None:
        if self.simple_latin and tok.font == "tiro":  # in the stream's order: what came before first
            self.writer.write_text(self.page)
            self.writer = pymupdf.TextWriter(self.page.rect)
            self.page.insert_text((x, y + tok.dy), tok.text, fontname="Times-Roman", fontsize=tok.size)
            return
        self.writer.append((x, y + tok.dy), tok.text, font=FONTS[tok.font], fontsize=tok.size)

    def line(self, x: float, y: float, toks: list[Tok], width: float, justify: bool) -> None:
        natural = sum(t.width for t in toks)
        fills = any(t.fill for t in toks[1:])  # one glue that takes the whole stretch
        gaps = sum(1 for t in toks[1:] if not t.glued and (t.fill or not fills))
        spread = (width - natural) / gaps if justify and gaps else 0.0
        for n, tok in enumerate(toks):
            x += tok.dx
            if n and not tok.glued and (tok.fill or not fills):
                x += spread
            self.run(x, y, tok)
            x += tok.width - tok.dx

    def close(self) -> None:
        self.writer.write_text(self.page)


def stretch_rows(toks: list[Tok], width: float, indent: float, first: int, rows: int) -> list[Tok]:
    """Lines first .. first+rows-1 of a paragraph stretched at one place, one above the other: each
    breaks early (as TeX does before an unbreakable word), its whole stretch, an em or more, put in
    the glue before its last character, which stands at the column's edge. Returns toks marked."""
    toks = list(toks)
    k, used = 0, indent

    def cluster(k: int) -> int:  # the end of the cluster that starts at k (glued tokens go with it)
        j = k + 1
        while j < len(toks) and toks[j].glued:
            j += 1
        return j

    for line in range(first + rows):
        while True:
            j = cluster(k)
            w = sum(t.width for t in toks[k:j])
            nxt = sum(t.width for t in toks[j : cluster(j)])
            if line >= first and used + w + nxt + BODY > width:
                break  # toks[k:j] is the line's last cluster, an em or more of room left before it
            if line < first and used + w > width:
                break
            used, k = used + w, j
        if line >= first:
            j = cluster(k)
            toks[k] = Tok(**{**toks[k].__dict__, "fill": True})
            toks[j - 1] = Tok(**{**toks[j - 1].__dict__, "brk": True})
            k = j
        else:
            toks[k - 1] = Tok(**{**toks[k - 1].__dict__, "brk": True})
        used = 0.0
    return toks


def set_paragraph(slots, text: str, stretched: tuple[int, int] | None = None, same_row: bool = False) -> None:
    """Set a paragraph into the next free lines of the column slots (page, x0, x1, y); stretched
    (first line, count): those lines stretched at one place (stretch_rows); same_row: its first
    line on the row of the paragraph before's last line, at the indent (that line ends short of it)."""
    toks = tokens(text)
    if stretched:
        _, x0, x1, _ = slots.peek()
        toks = stretch_rows(toks, x1 - x0, 2 * BODY, *stretched)
    first = True
    while toks:
        pg, x0, x1, y = slots.same() if first and same_row else slots.take()
        width = x1 - x0
        indent = 2 * BODY if first else 0.0
        line = lines_of(toks, width, indent)[0]
        toks = toks[len(line) :]
        pg.line(x0 + indent, y, line, width - indent, justify=bool(toks))
        first = False


class Slots:
    """The lines of the body, column after column, page after page."""

    def __init__(self, frames):
        self.frames = list(frames)  # (Page, x0, x1, y_top, y_bottom)
        self.y = None

    def peek(self):
        """The frame the next line goes in: (page, x0, x1, y_top)."""
        pg, x0, x1, top, _ = self.frames[0]
        return pg, x0, x1, top

    def same(self):
        """The row just taken again: (page, x0, x1, y)."""
        pg, x0, x1, _, _ = self.frames[0]
        return pg, x0, x1, self.y

    lead = LEAD

    def take(self):
        pg, x0, x1, top, bottom = self.frames[0]
        y = top + BODY if self.y is None else self.y + self.lead
        if y > bottom:
            self.frames.pop(0)
            self.y = None
            return self.take()
        self.y = y
        return pg, x0, x1, y

    def heading(self, text: str) -> None:
        pg, x0, _, y = self.take()
        pg.run(x0, y + 1, Tok(text, "cjk", 12.0))
        self.y += 3


def diagram(page: pymupdf.Page, pg: Page, top: float) -> float:
    """A flow chart of small boxes that touch each other and lines between them, across both
    columns; its labels inside the boxes. Returns its bottom."""
    shape = page.new_shape()
    left = [(110, top + 20), (110, top + 80), (110, top + 140)]
    for n, (x, y) in enumerate(left):
        shape.draw_rect(pymupdf.Rect(x, y, x + 90, y + 40))
        pg.run(x + 8, y + 24, Tok(f"挑战{n + 1}：网络能力", "cjk", 7.5))
    for n in range(9):  # a stack of boxes, each touching the next, across the gutter
        y = top + n * 20
        shape.draw_rect(pymupdf.Rect(260, y, 340, y + 20))
        pg.run(268, y + 13, Tok(f"技术途径{n + 1}", "cjk", 7.5))
        shape.draw_line((200, top + 40 + 60 * (n // 3)), (260, y + 10))
    for n in range(3):
        y = top + 10 + n * 60
        shape.draw_rect(pymupdf.Rect(400, y, 485, y + 40))
        pg.run(408, y + 24, Tok(f"技术领域{n + 1}", "cjk", 7.5))
        for k in range(3):  # three boxes of the stack fan in to each
            shape.draw_line((340, top + (3 * n + k) * 20 + 10), (400, y + 20))
    shape.finish(color=(0, 0, 0), width=0.6)
    shape.commit()
    return top + 180


def _save(doc: pymupdf.Document, out: Path, key: dict) -> dict:
    """Write the PDF (fonts subset, no new id: the same input gives the same bytes) and its light
    key beside it in keys/."""
    doc.subset_fonts()
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    doc.close()
    keys = out.parent / "keys"
    keys.mkdir(exist_ok=True)
    (keys / f"{out.stem}.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    return key


AUTHORS = ["郑华林"]  # the byline of an article the key gives no authors


def _title_area(w: Page, article: dict) -> None:
    """The paper's title and its authors, centred over the columns."""
    title = article["title_zh"]
    w.run(297 - len(title) * 8, 90, Tok(title, "cjk", 16.0))
    authors = "　".join(article.get("authors") or AUTHORS)
    w.run(297 - len(authors) * 5.25, 120, Tok(authors, "cjk", BODY))


def _light_key(out: Path, article: dict, paras: list[str], variant: str = "", **fields) -> dict:
    """The variant's light key: the paper's title, authors and paragraphs, nothing else but
    `fields` (in their place, or after the captions when they are the variant's own)."""
    key = {
        "file": out.name,
        "title_zh": article["title_zh"],
        "title_en": "",
        "authors": article.get("authors") or AUTHORS,
        "abstract_zh": "",
        "abstract_en": "",
        "keywords": [],
        "paragraphs": [plain(p) for p in paras],
        "front_matter": [],
        "running_heads": [],
        "captions": [],
    }
    key.update(fields)
    key["notes"] = "made by pipeline/sample/textlayer.py" + (f" --variant {variant}" if variant else "")
    return key


def _one_page() -> tuple[pymupdf.Document, pymupdf.Page, Page]:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    return doc, page, Page(page)


def build(article: dict, out: Path, spaced_label: bool = False, simple_latin: bool = False) -> dict:
    paras = [b["text"] for b in article["blocks"] if b["type"] == "paragraph"][: 7 if spaced_label else 12]
    # this fixture's own traits, set into the answer key's paragraphs
    paras[0] = paras[0].replace("。", "{sup:[1-2]}。", 1)
    paras[1] = paras[1].replace("，", "{stray:，}", 1).replace("。", "{far:[3]}。", 1)
    paras[2] = paras[2].replace("，", "，用{logo}排版的{big:∑}指数", 1)
    paras[3] = paras[3].replace("、", "{stray:、}", 1).replace("。", "{sup:[4,6]}。", 1)
    paras[4] = paras[4] if spaced_label else "{tex}" + paras[4]
    doc = pymupdf.open()
    for _ in range(2):
        doc.new_page(width=595, height=842)
    p1, p2 = doc[0], doc[1]
    w1, w2 = Page(p1, simple_latin), Page(p2, simple_latin)
    _title_area(w1, article)
    abstract = "摘要：" + (article.get("abstract_zh") or paras[-1])
    y = 150.0
    # the spaced variant: 摘 and 要 an em and a tenth apart with no space glyph between (TeX's \quad)
    gap = 2.1 * 9.0 if spaced_label else 0.0
    x = 78.0
    if spaced_label:  # the label in a bold sans, as a heading face (needs fonts-noto-cjk)
        FONTS["bold"] = pymupdf.Font(fontfile=BOLD_CJK)
        w1.run(x, y, Tok("摘", "bold", 9.0))
        w1.run(x + gap, y, Tok("要：", "bold", 9.0))
        abstract = abstract[3:]
        gap += FONTS["bold"].text_length("要：", fontsize=9.0)
    printed = ""  # the abstract as far as it is printed (four lines)
    for n, line in enumerate(lines_of(tokens(abstract), 440 - gap, 0)[:4]):
        toks = [Tok(t.text, t.font, 9.0, glued=t.glued) for t in line]
        printed += "".join(t.text for t in toks)
        w1.line(x + (gap if n == 0 else 0.0), y, toks, 440, justify=False)
        y += 13.5
    if spaced_label:
        w1.run(x, y, Tok("关键词：" + "；".join(KEYWORDS), "cjk", 9.0))
        abstract = "摘要：" + abstract
    # first page: the footnote under a short rule at the first column's foot, then across the page
    p1.draw_line((57, FOOT_TOP + 6), (140, FOOT_TOP + 6), color=(0, 0, 0), width=0.5)
    w1.run(57, FOOT_TOP + 18, Tok(RECEIVED, "cjk", 9.0))
    w1.run(57, FOOT_TOP + 31, Tok(FUNDING, "cjk", 9.0))
    frames = [(w1, *COLS[0], TOP + 20, FOOT_TOP), (w1, *COLS[1], TOP, FOOT_TOP)]
    if spaced_label:  # the label's traits alone: page 2 is two columns of text, under a running head
        frames += [(w2, *COLS[0], 60, BOTTOM), (w2, *COLS[1], 60, BOTTOM)]
        for n, (pg, w) in enumerate(((p1, w1), (p2, w2))):
            w.run(57, 40, Tok(RUNNING_HEAD, "cjk", 8.0))
            pg.draw_line((57, 45), (538, 45), color=(0, 0, 0), width=0.5)
            w.run(290, 800, Tok(str(31 + n), "tiro", 9.0))
    else:
        bottom = diagram(p2, w2, 215.0)
        w2.run(250, bottom + 18, Tok(CAPTION, "cjk", 7.5))
        frames += [
            (w2, *COLS[0], 60, 200),
            (w2, *COLS[1], 60, 200),
            (w2, *COLS[0], bottom + 35, BOTTOM),
            (w2, *COLS[1], bottom + 35, BOTTOM),
        ]
    slots = Slots(frames)
    slots.heading("1　引言")
    for text in paras:
        set_paragraph(slots, text)
    w1.close()
    w2.close()
    key = _light_key(
        out,
        article,
        paras,
        abstract_zh=printed if spaced_label else abstract.removeprefix("摘要："),
        keywords=KEYWORDS if spaced_label else [],
        front_matter=[RECEIVED],
        running_heads=[RUNNING_HEAD] if spaced_label else [],
        captions=[] if spaced_label else [CAPTION],
    )
    return _save(doc, out, key)


def short_last_line(text: str, tail: str, width: float, chars: int = 2) -> str:
    """The paragraph with tail (a citation and its full stop) in place of its own full stop, and
    characters taken out of its middle until its last line holds `chars` Chinese characters before
    the tail."""
    body = re.sub(r"[^\u4e00-\u9fff]+$", "", text)  # its stop, and a number before it ("3%。")
    for end in range(len(body), len(body) - 6, -1):  # a character or two off its end, if need be
        for cut in range(60):
            t = body[:40] + body[40 + cut : end] + tail
            last = lines_of(tokens(t), width, 2 * BODY)[-1]
            words = [tok for tok in last if not tok.glued]
            if len(words) == chars and all(tok.font == "cjk" for tok in words):
                return t
    raise ValueError("no cut gives a last line of that length")


def build_stretched(article: dict, out: Path) -> dict:
    """stretched: one page, two columns, whose lines TeX stretched at one place two rows running,
    the gaps one above the other like a gutter: a paragraph's first two lines (a lowered subscript,
    CO₂, in the first, which drops that piece's box below its line's other piece), and two lines
    inside a paragraph, under a full line that runs across the gap. And paragraphs whose last line
    is two characters, a raised citation and the full stop ("链路[72]。" as CNKI files draw it: the
    characters, the mark and the stop as three runs)."""
    paras = [b["text"] for b in article["blocks"] if b["type"] == "paragraph" and len(b["text"]) > 120][:5]
    paras[0] = "减少CO{sub:2}排放，" + paras[0]
    paras[2] = paras[2][:44] + "（CO{sub:2}）" + paras[2][44:]
    width = COLS[0][1] - COLS[0][0]
    paras[3] = short_last_line(paras[3], "{sup:[5]}。", width)
    paras[4] = short_last_line(paras[4], "{sup:[6-7]}。", width)
    doc, page, w = _one_page()
    _title_area(w, article)
    slots = Slots([(w, *COLS[0], 160, 780), (w, *COLS[1], 160, 780)])
    slots.heading("1　引言")
    for n, text in enumerate(paras):
        set_paragraph(slots, text, {0: (0, 2), 2: (2, 2)}.get(n))
    w.close()
    return _save(doc, out, _light_key(out, article, paras, "stretched"))


def build_runon(article: dict, out: Path) -> dict:
    """runon: one page, two columns, in a journal's style that ends sentences with a half-width
    full stop; twice a paragraph's last line is one character and the stop, and the next
    paragraph's first line is set on that same row at its indent (as a Founder file draws it):
    one text-layer row holds the end of one paragraph and the start of the next, a gap of less
    than an em between them."""
    paras = [b["text"] for b in article["blocks"] if b["type"] == "paragraph" and len(b["text"]) > 120][:6]
    paras = [re.sub("。(?!$)", "{stop:.}", p) for p in paras]
    width = COLS[0][1] - COLS[0][0]
    paras[1] = short_last_line(paras[1], "{stop:.}", width, chars=1)
    paras[3] = short_last_line(paras[3], "{stop:.}", width, chars=1)
    doc, page, w = _one_page()
    _title_area(w, article)
    slots = Slots([(w, *COLS[0], 160, 780), (w, *COLS[1], 160, 780)])
    slots.heading("1　引言")
    for n, text in enumerate(paras):
        set_paragraph(slots, text, same_row=n in (2, 4))
    w.close()
    return _save(doc, out, _light_key(out, article, paras, "runon"))


# figlabels: a figure of two pictures side by side in the second column, its labels set as text
# over them (7.5 pt), a row of labels running across both pictures, one label in the gap between
# them; a caption under each picture and the figure's caption under both. This fixture's own.
FIG_LABELS = [  # (x, y, text): the pictures stand at x 310-440 and 462-532, y 440-500
    (316, 456, "CPU"),
    (344, 456, "GPU"),
    (372, 456, "GPU"),
    (400, 456, "GPU"),
    (468, 456, "NPU"),
    (503, 456, "NPU"),
    (441, 474, "高速链路"),
    (350, 493, "交换芯片"),
    (468, 493, "NPU"),
    (503, 493, "NPU"),
]
FIG_PARTS = "(a) 经总线互连　　(b) 直连互连"
FIG_CAPTION = "图2　加速卡互联方式"


def _picture(width: int, height: int) -> pymupdf.Pixmap:
    """A pale picture of boxes (a diagram exported as an image): light cells on a white ground."""
    samples = bytearray()
    for y in range(height):
        for x in range(width):
            cell = (x // 14) % 2 == 0 and 6 < y % 30 < 24
            samples += bytes((250, 210, 170) if cell else (255, 255, 255))
    return pymupdf.Pixmap(pymupdf.csRGB, width, height, bytes(samples), False)


def build_figlabels(article: dict, out: Path) -> dict:
    """figlabels: one page, two columns; in the second, a figure of two pictures whose labels are
    text set over them (FIG_LABELS), between two paragraphs' lines."""
    paras = [b["text"] for b in article["blocks"] if b["type"] == "paragraph" and len(b["text"]) > 120][:5]
    doc, page, w = _one_page()
    _title_area(w, article)
    page.insert_image(pymupdf.Rect(310, 440, 440, 500), pixmap=_picture(130, 60))
    page.insert_image(pymupdf.Rect(462, 440, 532, 500), pixmap=_picture(70, 60))
    for x, y, text in FIG_LABELS:
        w.run(x, y, Tok(text, "tiro" if text.isascii() else "cjk", 7.5))
    w.run(330, 514, Tok(FIG_PARTS, "cjk", 7.5))
    w.run(380, 530, Tok(FIG_CAPTION, "cjk", 8.0))
    frames = [(w, *COLS[0], 160, 780), (w, *COLS[1], 160, 420), (w, *COLS[1], 550, 780)]
    slots = Slots(frames)
    slots.heading("1　引言")
    for text in paras:
        set_paragraph(slots, text)
    w.close()
    key = _light_key(
        out, article, paras, "figlabels", captions=[FIG_CAPTION], figure_labels=[t for _, _, t in FIG_LABELS]
    )
    return _save(doc, out, key)


# reftabs: this fixture's own references (invented), set number | tab | text
REFTABS = [
    "ZHANG W, LI Q. Measuring the quality of regional growth with composite indices[J]. Journal of "
    "Regional Economics, 2021, 18(3): 211-229",
    "CHEN H. Industrial upgrading and the service economy: evidence from provincial panels[J]. Economic "
    "Review, 2019, 40(2): 55-71",
    "National Bureau of Statistics. Statistical communique of 2024[EB/OL]. (2025-02-28)[2025-09-27]. "
    "https://www.stats.example.cn/sj/zxfb/202502/t20250228_1958817/",
    "WANG F, ZHENG H. Capital deepening, productivity and the labour share in manufacturing[J]. China "
    "Industrial Economics, 2022, 39(7): 118-136",
    "LIU Y. Digital infrastructure and the diffusion of new technologies across regions[M]. Beijing: "
    "Science Press, 2020: 45-88",
    "OUYANG M. Green finance and the energy transition of heavy industry[J]. Finance Research, 2023, "
    "51(1): 1-19",
    "OECD. Measuring productivity: OECD manual[M/OL]. Paris: OECD, 2001[2025-09-27]. "
    "https://doi.example.org/10.1787/9789264194519-en",
    "SUN J, HE L, GAO P. The structure of supply chains after the pandemic[J]. Management World, 2024, "
    "40(5): 77-95",
    "ZHAO X. Innovation policy and firm-level research spending[D]. Shanghai: Fudan University, 2018: 1-120",
    "QIAN R, ZHOU T. Spatial spillovers of high-speed rail on urban employment: evidence from "
    "prefecture-level cities[J]. Urban Studies Review, 2021, 12(4): 300-318.",
    "HU B. Regional convergence revisited: a distribution dynamics approach to provincial income "
    "per head, 1978-2015[J]. Economic Geography, 2017, 37(9): 15-24.",
    "GAO L, SUN M. Local government debt and the crowding out of private investment: a panel "
    "study[J]. Public Finance Research, 2020, 8(2): 40-58.",
]
REF_NUMBER_X, REF_TAB_X, REF_RIGHT = 71.0, 99.0, 524.0


def _ref_lines(text: str, width: float) -> list[list[str]]:
    """Greedy breaking of an entry into lines of words, measured in the Latin face."""
    font, space = FONTS["tiro"], FONTS["tiro"].text_length(" ", fontsize=BODY)
    lines, cur, used = [], [], 0.0
    for word in text.split():
        w = font.text_length(word, fontsize=BODY)
        if cur and used + space + w > width:
            lines.append(cur)
            cur, used = [], 0.0
        used += (space if cur else 0.0) + w
        cur.append(word)
    return lines + [cur] if cur else lines


def build_reftabs(article: dict, out: Path) -> dict:
    """reftabs: a one-column paper, its reference list on its second page set number | tab | text,
    entries justified, their last lines ragged; the body's paragraphs on the first page."""
    paras = [b["text"] for b in article["blocks"] if b["type"] == "paragraph" and len(b["text"]) > 120][:4]
    doc = pymupdf.open()
    w1 = Page(doc.new_page(width=595, height=842))
    _title_area(w1, article)
    slots = Slots([(w1, REF_NUMBER_X, REF_RIGHT, 160, 780)])
    slots.heading("1　引言")
    for text in paras:
        set_paragraph(slots, text)
    y = slots.y + 2 * LEAD
    w1.run(REF_NUMBER_X, y, Tok("参考文献", "cjk", 12.0))
    w1.close()
    w2 = Page(doc.new_page(width=595, height=842))
    y = 70.0
    for n, entry in enumerate(REFTABS, 1):
        number = Tok(f"[{n}]", "tiro")
        w2.run(REF_NUMBER_X, y, number)
        rows = _ref_lines(entry, REF_RIGHT - REF_TAB_X)
        for k, words in enumerate(rows):
            # a two-digit number fills the tab: its entry's first line runs on from it a space away
            x = REF_NUMBER_X + number.width + 3.0 if n >= 10 and k == 0 else REF_TAB_X
            if k < len(rows) - 1:  # justified: the line's stretch shared by its word spaces
                w2.line(x, y, [Tok(wd, "tiro") for wd in words], REF_RIGHT - x, True)
            else:
                w2.run(x, y, Tok(" ".join(words), "tiro"))
            y += LEAD
        y += 6.0
    w2.close()
    key = _light_key(
        out, article, paras, "reftabs", references=[f"[{n}] {e}" for n, e in enumerate(REFTABS, 1)]
    )
    return _save(doc, out, key)


# manuscript: a paper as submitted, double-spaced, one column (this fixture's own glossary and box)
MS_LEAD = 25.1  # 物理学报's class: 10.5 pt type on a 25.1 pt step
MS_LEFT, MS_RIGHT, MS_BOTTOM = 72.0, 523.0, 780.0
MS_GLOSSARY = [("伴随变量", "adjoint"), ("检查点", "checkpoint"), ("核函数", "kernel function"),
               ("可逆计算", "reversible computing"), ("原子函数", "primitive function"), ("损失", "loss")]  # fmt: skip
MS_BOX_TITLE = "规则一览"
MS_BOX_LINES = ["放置规则：如果第i个格子上有石子，则可以从堆中取一个石子放置于第i+1个格子中，",
                "回收规则：仅当第i个格子上有石子，才可以把第i+1个格子上的石子取下放回堆中，",
                "结束条件：第n个格子上有石子。"]  # fmt: skip


def _rounded_box(page: pymupdf.Page, rect: pymupdf.Rect, band: float) -> None:
    """A box with rounded corners as tcolorbox draws it: a dark rounded shape, and over it, below
    its title band, a light rounded shape a little inside it (paths of lines and arcs)."""
    shape = page.new_shape()
    shape.draw_rect(rect, radius=0.03)
    shape.finish(fill=(0.25, 0.25, 0.25), color=None)
    inner = pymupdf.Rect(rect.x0 + 1.4, rect.y0 + band, rect.x1 - 1.4, rect.y1 - 1.4)
    shape.draw_rect(inner, radius=0.03)
    shape.finish(fill=(0.95, 0.95, 0.95), color=None)
    shape.commit()


def build_manuscript(article: dict, out: Path) -> dict:
    """manuscript: see the module's docstring. Every line 2.4 ems under the last: a paragraph set
    across a page whose glossary has two columns was read line by line (each step wider than the
    gap that parts full-width blocks); the fraction's denominator, a line of its own between two
    of the paragraph's lines, cut it; the rounded box, read as rules, was no box, and its first
    line was joined to the open sentence of the page before."""
    paras = [b["text"] for b in article["blocks"] if b["type"] == "paragraph" and len(b["text"]) > 120][:4]
    cut = paras[0].index("，", 60) + 1
    paras[0] = paras[0][:cut] + "其中{frac:∂q/∂θ}与{frac:∂L/∂s}为局域导数，" + paras[0][cut:]
    opened = paras[2][: paras[2].index("，", 80) + 1] + "其规则为"
    doc = pymupdf.open()
    w1 = Page(doc.new_page(width=595, height=842))
    _title_area(w1, article)
    slots = Slots([(w1, MS_LEFT, MS_RIGHT, 150, MS_BOTTOM)])
    slots.lead = MS_LEAD
    slots.heading("1　引言")
    set_paragraph(slots, paras[0])
    y = slots.y + 1.6 * MS_LEAD
    w1.run(MS_LEFT, y, Tok("附录A　名词表", "cjk", 12.0))
    for n, (zh, en) in enumerate(MS_GLOSSARY):  # two columns, three rows
        x, row = (MS_LEFT, MS_LEFT + 240)[n % 2], y + 22 * (1 + n // 2)
        w1.run(x, row, Tok(zh, "cjk", BODY))
        w1.run(x + BODY * (len(zh) + 1), row, Tok(en, "tiro", BODY))
    width = MS_RIGHT - MS_LEFT
    rows = lines_of(tokens(opened), width, 2 * BODY)
    y = MS_BOTTOM - (len(rows) - 1) * MS_LEAD  # its last line the page's last
    w1.run(MS_LEFT, y - 1.6 * MS_LEAD, Tok("附录B　石子游戏", "cjk", 12.0))
    for n, line in enumerate(rows):
        indent = 2 * BODY if n == 0 else 0.0
        w1.line(MS_LEFT + indent, y + n * MS_LEAD, line, width - indent, justify=n < len(rows) - 1)
    w1.close()
    page2 = doc.new_page(width=595, height=842)
    _rounded_box(page2, pymupdf.Rect(MS_LEFT, 70, MS_RIGHT, 70 + 22 + 19 * len(MS_BOX_LINES) + 8), 18.0)
    band = pymupdf.TextWriter(page2.rect, color=(1, 1, 1))  # the title white on the dark band
    band.append((MS_LEFT + 8, 84), MS_BOX_TITLE, font=FONTS["cjk"], fontsize=BODY)
    band.write_text(page2)
    w2 = Page(page2)
    for n, text in enumerate(MS_BOX_LINES):
        w2.line(MS_LEFT + 8, 108 + 19 * n, tokens(text), width - 16, justify=False)
    slots = Slots([(w2, MS_LEFT, MS_RIGHT, 108 + 19 * len(MS_BOX_LINES) + 30, MS_BOTTOM)])
    slots.lead = MS_LEAD
    set_paragraph(slots, paras[3])
    w2.close()
    return _save(doc, out, _light_key(out, article, [paras[0], opened, paras[3]], "manuscript"))


# the ToUnicode CMap of a CJK package subfont (pdfTeX): the Unicode row U+8F00-U+8FFF, code for code
ROW_CMAP = (
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (TeX) "
    "/Ordering (Uni8f) /Supplement 0 >> def /CMapName /TeX-Uni8f-0 def 1 begincodespacerange <00> <FF> "
    "endcodespacerange 1 beginbfrange <00> <FF> <8F00> endbfrange endcmap CMapName currentdict /CMap "
    "defineresource pop end end"
)


def build_shifted(article: dict, out: Path) -> dict:
    """The textlayer paper with its Latin font (digits, citations, Latin words) given a CJK row's
    ToUnicode CMap, as pdfTeX with the CJK package attaches one to Computer Modern: its '[1-2]'
    reads as 轛輱輭輲轝. What a reader sees is unchanged, and so is the key."""
    key = build(article, out, simple_latin=True)
    doc = pymupdf.open("pdf", out.read_bytes())
    cmap = doc.get_new_xref()
    doc.update_object(cmap, "<<>>")
    doc.update_stream(cmap, ROW_CMAP.encode("ascii"))
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Subtype")[1] == "/Type1":
            doc.xref_set_key(xref, "ToUnicode", f"{cmap} 0 R")
    key = {**key, "file": out.name, "notes": "made by pipeline/sample/textlayer.py --variant shifted"}
    return _save(doc, out, key)


def main() -> None:
    ap = producer_parser(__doc__)
    ap.add_argument(
        "--variant",
        choices=[
            "textlayer",
            "stretched",
            "spaced",
            "runon",
            "figlabels",
            "reftabs",
            "shifted",
            "manuscript",
        ],
        default="textlayer",
    )
    args = ap.parse_args()
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    article = next(a for a in truth["articles"] if a["id"] == args.articles.split(",")[0])
    if args.variant == "stretched":
        build_stretched(article, args.out)
    elif args.variant == "runon":
        build_runon(article, args.out)
    elif args.variant == "figlabels":
        build_figlabels(article, args.out)
    elif args.variant == "reftabs":
        build_reftabs(article, args.out)
    elif args.variant == "shifted":
        build_shifted(article, args.out)
    elif args.variant == "manuscript":
        build_manuscript(article, args.out)
    else:
        build(article, args.out, spaced_label=args.variant == "spaced")


if __name__ == "__main__":
    main()
