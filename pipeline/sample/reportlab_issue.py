"""A seventh producer: the whole sample issue typeset by ReportLab (platypus: BaseDocTemplate, Frames,
PageTemplates), in a house style that neither our typesetter, the foreign renditions nor the Typst
one use, so that the pipeline meets another engine and another look:

- A4, one wide main column with a narrow side column to its left that holds the figures' captions
  (level with the top of their figure) and pull quotes (beside the paragraph they repeat)
- titles left-aligned in a sans face, the English title ABOVE the Chinese one, the section as a
  small label over both
- decks as a boxed lead (Chinese, then its English in italic, inside one frame)
- bylines at the END of the article ("作者：张三、李四"), after the body; the English summary
  after the byline in a smaller face, without a box
- running heads at the foot (the journal and issue at left, the section at right), folios centred
  at the top, numbered from the editorial (the cover and the two notice pages before it have none)
- tables with full grid rules and a shaded header row; the contents page set as a ruled table
  (folio, section, title with its English under it)
- profile round-ups with each profile's English name above its Chinese heading and the English
  text in smaller italic after its Chinese text; briefs with numbered headings
- ReportLab cannot embed the CFF outlines of the installed Noto CJK collections: at build time the
  SC face of each is cut down to the characters the issue uses and its outlines converted to
  TrueType (fontTools), never downloaded

Deterministic (invariant=1: fixed dates and ids; same key, same bytes). Writes the PDF, its answer
key (the same content as the corpus key; `toc_page` and the contents' pages are the folios this
rendition prints, bylines as printed) and `*.pages.json` (the physical pages of every key entry).

    python -m pipeline.sample.reportlab_issue --truth ../shared/corpus/issue-2026-v2n1.truth.json \
        --out data/out/reportlab/reportlab-issue.pdf [--extract tests/fixtures/reportlab/x.pdf]

`make eval` makes and scores it; the PDF is not committed, a three-page extract is
(tests/test_reportlab.py).
"""

from __future__ import annotations

import copy
import io
import json
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from .art import photo_pixmap, qr_pixmap
from .story import HEADINGS
from .typeset import pull_quote
from .typst_issue import printed_key, rendition_main, set_front_unit

CJK_FONTS = {
    "RLSerif": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "RLSerifBold": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "RLSans": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "RLSansBold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
LATIN = "/usr/share/fonts/truetype/liberation"
LATIN_FONTS = {
    "RLLatin": "LiberationSerif-Regular.ttf",
    "RLLatinItalic": "LiberationSerif-Italic.ttf",
    "RLLatinBold": "LiberationSerif-Bold.ttf",
    "RLLatinSans": "LiberationSans-Regular.ttf",
}
FACE = "SC"  # the member of each collection whose glyphs are the simplified Chinese ones

PAGE_W, PAGE_H = 595.27, 841.89
SIDE_X, SIDE_W = 40.0, 112.0
MAIN_X, MAIN_W = 168.0, 387.0
TOP, BOTTOM = 70.0, 62.0
PLAIN_MARGIN = 50.0
INK = "#1a1a1a"
ACCENT = "#8a3b12"
GREY = "#5a5a5a"


# ----------------------------------------------------------------------------- fonts
def _to_truetype(font) -> None:
    """Replace a CFF font's outlines by TrueType quadratic ones (as fontTools' otf2ttf does)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def cjk_truetype(collection: str, text: str, out: Path) -> Path:
    """The collection's SC face cut down to `text`'s characters, as a TrueType file ReportLab
    embeds."""
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTCollection

    fonts = TTCollection(collection, lazy=False).fonts
    (font,) = [
        f
        for f in fonts
        if f["name"].getDebugName(1).endswith(" CJK " + FACE) and "Mono" not in f["name"].getDebugName(1)
    ]
    opts = Options()
    opts.layout_features = []
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    sub = Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    _to_truetype(font)
    font.recalcTimestamp = False  # the collection's own date, not today's: same key, same bytes
    font.save(out)
    return out


def register_fonts(text: str, tmp: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    chars = "".join(sorted(set(text) | set("0123456789　（）：、，。·—"))) + "".join(map(chr, range(32, 127)))
    for name, path in CJK_FONTS.items():
        ttf = cjk_truetype(path, chars, tmp / f"{name}.ttf")
        pdfmetrics.registerFont(TTFont(name, str(ttf)))
    for name, file in LATIN_FONTS.items():
        pdfmetrics.registerFont(TTFont(name, f"{LATIN}/{file}"))


# ----------------------------------------------------------------------------- styles
def styles() -> dict:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    ink, accent, grey = colors.HexColor(INK), colors.HexColor(ACCENT), colors.HexColor(GREY)
    base = ParagraphStyle(
        "body",
        fontName="RLSerif",
        fontSize=9.6,
        leading=16,
        textColor=ink,
        firstLineIndent=19.2,
        alignment=4,
        wordWrap="CJK",
        spaceAfter=2,
    )
    st = {"body": base}

    def add(name, **kw):
        st[name] = ParagraphStyle(name, parent=base, **kw)

    add(
        "section",
        fontName="RLSans",
        fontSize=8.5,
        leading=12,
        textColor=accent,
        firstLineIndent=0,
        alignment=0,
        spaceAfter=6,
    )
    add(
        "title_en",
        fontName="RLLatinSans",
        fontSize=11,
        leading=14,
        textColor=grey,
        firstLineIndent=0,
        alignment=0,
        wordWrap=None,
        spaceAfter=3,
    )
    add("title", fontName="RLSansBold", fontSize=20, leading=27, firstLineIndent=0, alignment=0, spaceAfter=2)
    add(
        "subtitle",
        fontName="RLSans",
        fontSize=11.5,
        leading=16,
        textColor=grey,
        firstLineIndent=0,
        alignment=0,
        spaceAfter=6,
    )
    add("deck", fontName="RLSans", fontSize=9.3, leading=15, firstLineIndent=0)
    add("deck_en", fontName="RLLatinItalic", fontSize=8.8, leading=12, firstLineIndent=0, wordWrap=None)
    add(
        "head",
        fontName="RLSansBold",
        fontSize=10,
        leading=15,
        firstLineIndent=0,
        alignment=0,
        spaceBefore=8,
        spaceAfter=3,
    )
    add("item", firstLineIndent=0)
    add("ref", fontSize=8, leading=12, firstLineIndent=-12, leftIndent=12)
    add("note", fontSize=8, leading=12, firstLineIndent=0, textColor=grey)
    add("bio", fontName="RLSans", fontSize=8.3, leading=13, firstLineIndent=0, textColor=grey, spaceBefore=4)
    add("after", fontName="RLSans", fontSize=8.8, leading=14, spaceBefore=8)
    add(
        "byline",
        fontName="RLSans",
        fontSize=8.8,
        leading=13,
        firstLineIndent=0,
        alignment=2,
        spaceBefore=8,
        spaceAfter=8,
    )
    add(
        "sum_head",
        fontName="RLLatinBold",
        fontSize=8.8,
        leading=12,
        firstLineIndent=0,
        alignment=0,
        wordWrap=None,
        spaceBefore=4,
    )
    add("sum", fontName="RLLatin", fontSize=8.2, leading=11, firstLineIndent=0, wordWrap=None, spaceAfter=10)
    add(
        "caption",
        fontName="RLSans",
        fontSize=7.4,
        leading=10.5,
        textColor=grey,
        firstLineIndent=0,
        alignment=0,
    )
    add(
        "quote",
        fontName="RLSerifBold",
        fontSize=10.5,
        leading=15,
        textColor=accent,
        firstLineIndent=0,
        alignment=0,
    )
    add("cell", fontName="RLSerif", fontSize=8, leading=11, firstLineIndent=0, alignment=0)
    add("cell_head", fontName="RLSansBold", fontSize=8, leading=11, firstLineIndent=0, alignment=0)
    add(
        "tcap",
        fontName="RLSansBold",
        fontSize=8.8,
        leading=13,
        firstLineIndent=0,
        alignment=0,
        spaceBefore=6,
        spaceAfter=3,
    )
    add(
        "item_en",
        fontName="RLLatinSans",
        fontSize=8.6,
        leading=11,
        textColor=accent,
        firstLineIndent=0,
        alignment=0,
        wordWrap=None,
        spaceBefore=10,
    )
    add(
        "item_head",
        fontName="RLSansBold",
        fontSize=11,
        leading=16,
        firstLineIndent=0,
        alignment=0,
        spaceAfter=3,
    )
    add(
        "en_text",
        fontName="RLLatinItalic",
        fontSize=8.2,
        leading=11,
        firstLineIndent=0,
        textColor=grey,
        wordWrap=None,
        spaceBefore=3,
        spaceAfter=6,
    )
    add("runin", fontSize=8.8, leading=14, firstLineIndent=0, spaceAfter=4)
    add("small", fontSize=8.2, leading=12.5, firstLineIndent=0, alignment=0)
    add(
        "small_head",
        fontName="RLSansBold",
        fontSize=8.6,
        leading=12.5,
        firstLineIndent=0,
        textColor=accent,
        spaceBefore=5,
    )
    add("toc_cell", fontName="RLSans", fontSize=9.3, leading=13, firstLineIndent=0, alignment=0)
    add(
        "toc_en",
        fontName="RLLatinItalic",
        fontSize=7.8,
        leading=10,
        textColor=grey,
        firstLineIndent=0,
        alignment=0,
        wordWrap=None,
    )
    return st


def x(text: str) -> str:
    return escape(text)


# ----------------------------------------------------------------------------- flowables
def flowables():
    """The flowables this style needs (made here: reportlab is imported only when building)."""
    from reportlab.lib import colors
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Flowable, Paragraph

    class Mark(Flowable):
        """Zero-size: records the page it lands on (key entry start/end, section changes)."""

        def __init__(self, log: list, value):
            super().__init__()
            self.log, self.value = log, value
            self.width = self.height = 0

        def wrap(self, aw, ah):
            return 0, 0

        def draw(self):
            self.log.append((self.value, self.canv.getPageNumber()))

    class Side(Flowable):
        """Zero-height: a paragraph set in the side column, level with where the main text stands,
        pushed down under whatever the side column already holds on this page."""

        def __init__(self, para: Paragraph, quote: bool = False):
            super().__init__()
            self.para, self.quote = para, quote
            self.width = self.height = 0

        def wrap(self, aw, ah):
            return 0, 0

        def draw(self):
            c = self.canv
            w, h = self.para.wrap(SIDE_W, 1000)
            page = c.getPageNumber()
            _, top = c.absolutePosition(0, 0)
            taken = getattr(c, "_side_taken", {}).get(page, PAGE_H)
            top = min(top, taken - 10)
            if top - h < BOTTOM:  # no room left beside the text: not set on this page
                return
            dx = SIDE_X - MAIN_X
            dy = top - c.absolutePosition(0, 0)[1]
            if self.quote:
                c.setStrokeColor(colors.HexColor(ACCENT))
                c.setLineWidth(1.5)
                c.line(dx, dy + 4, dx + SIDE_W, dy + 4)
                c.line(dx, dy - h - 4, dx + SIDE_W, dy - h - 4)
            self.para.drawOn(c, dx, dy - h)
            c._side_taken = {**getattr(c, "_side_taken", {}), page: top - h - 8}

    class Figure(Flowable):
        """A picture across the main column (an image or a drawn shading), its caption in the side
        column level with its top."""

        def __init__(self, caption: Paragraph, png: bytes | None, height: float = 120):
            super().__init__()
            self.caption, self.png, self.h = caption, png, height

        def wrap(self, aw, ah):
            self.width = aw
            return aw, self.h + 8

        def draw(self):
            c = self.canv
            if self.png is None:
                c.setFillColor(colors.HexColor("#b9b4aa"))
                c.rect(0, 8, self.width, self.h, stroke=0, fill=1)
            else:
                c.drawImage(ImageReader(io.BytesIO(self.png)), 0, 8, self.width, self.h)
            w, h = self.caption.wrap(SIDE_W, 1000)
            self.caption.drawOn(c, SIDE_X - MAIN_X, 8 + self.h - h)
            page = c.getPageNumber()
            _, y0 = c.absolutePosition(0, 8 + self.h - h)
            c._side_taken = {**getattr(c, "_side_taken", {}), page: y0 - 8}

    return Mark, Side, Figure


# ----------------------------------------------------------------------------- the issue
class Issue:
    """The story of the whole issue, article by article, with marks for the page map and the bylines
    as printed (the key must say them)."""

    def __init__(self, key: dict, folios: dict[str, int] | None):
        from reportlab.platypus import Paragraph

        self.key = copy.deepcopy(key)
        self.st = styles()
        self.P = Paragraph
        self.Mark, self.Side, self.Figure = flowables()
        self.log: list = []
        self.folios = folios or {}
        self.n_fig = 0
        self.story: list = []

    def p(self, text: str, style: str):
        return self.P(x(text), self.st[style])

    def mark(self, value) -> None:
        self.story.append(self.Mark(self.log, value))

    def fig(self, caption: str):
        self.n_fig += 1
        png = None if self.n_fig % 2 else photo_pixmap(caption).tobytes("png")
        return self.Figure(self.p(caption, "caption"), png)

    def block(self, b: dict):
        style = {
            "heading": "head",
            "list_item": "item",
            "reference": "ref",
            "note": "note",
            "bio": "bio",
            "afterword": "after",
        }.get(b["type"], "body")
        return self.p(b["text"], style)

    def table(self, t: dict) -> list:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        n = len(t["header"])
        longest = [max([len(r[c]) for r in t["rows"]] + [len(t["header"][c])]) for c in range(n)]
        total = sum(min(w, 30) + 3 for w in longest)
        widths = [MAIN_W * (min(w, 30) + 3) / total for w in longest]
        data = [[self.p(h, "cell_head") for h in t["header"]]]
        data += [[self.p(c, "cell") for c in r] for r in t["rows"]]
        tab = Table(data, colWidths=widths, repeatRows=1)
        tab.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#444444")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9d4c7")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        out = [self.p(t["caption"], "tcap")] if t.get("caption") else []
        out.append(tab)
        out += [self.p(n, "note") for n in t.get("notes") or []]
        return out

    def deck(self, a: dict):
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        zh = [q for q in (a.get("deck_zh") or "").split("\n") if q.strip()]
        en = [q for q in (a.get("deck_en") or "").split("\n") if q.strip()]
        if not zh and not en:
            return None
        cells = [[self.p(q, "deck")] for q in zh] + [[self.p(q, "deck_en")] for q in en]
        box = Table(cells, colWidths=[MAIN_W])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor(ACCENT)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, 0), 8),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ]
            )
        )
        return box

    def byline(self, a: dict):
        if not a.get("authors"):
            return None
        printed = "作者：" + "、".join(a["authors"])
        a["byline"] = printed
        return self.p(printed, "byline")

    # ------------------------------------------------------------- front and back matter
    def cover(self, a: dict) -> None:
        from reportlab.platypus import NextPageTemplate, Spacer

        self.story.append(NextPageTemplate("plain"))
        self.mark((a["id"], "start"))
        self.story.append(Spacer(1, 60))
        self.story.append(self.p(a["title_en"] or "", "title_en"))
        big = self.st["title"].clone("cover", fontSize=44, leading=56)
        self.story.append(self.P(x(a["title_zh"]), big))
        self.story.append(Spacer(1, 30))
        for b in a["blocks"]:
            self.story.append(self.p(b["text"], "item_head" if b["type"] == "heading" else "small"))
        self.mark((a["id"], "end"))

    def page_break(self, template: str = "body") -> None:
        from reportlab.platypus import NextPageTemplate, PageBreak

        self.story += [NextPageTemplate(template), PageBreak()]

    def notice(self, a: dict) -> None:
        self.page_break()
        self.mark((a["id"], "start"))
        if a.get("title_en"):
            self.story.append(self.p(a["title_en"], "title_en"))
        if a.get("title_zh"):
            self.story.append(self.p(a["title_zh"], "title"))
        self.story += [self.block(b) for b in a["blocks"]]
        for c in a["captions"]:
            self.story.append(self.Figure(self.p(c, "caption"), qr_pixmap(c).tobytes("png"), height=70))
        self.mark((a["id"], "end"))

    def masthead(self, a: dict) -> None:
        self.page_break()
        self.mark((a["id"], "start"))
        for b in a["blocks"]:
            self.story.append(self.p(b["text"], "small_head" if b["type"] == "heading" else "small"))
        self.mark((a["id"], "end"))

    def contents(self, a: dict) -> None:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        self.page_break()
        self.mark((a["id"], "start"))
        self.story.append(self.p("Contents", "title_en"))
        self.story.append(self.p("目录", "title"))
        by_page = {z["toc_page"]: z["id"] for z in self.key["articles"] if z.get("toc_page") is not None}
        head = self.st["cell_head"]
        rows = [[self.P("页码", head), self.P("栏目", head), self.P("标题", head)]]
        for e in self.key["toc"]:
            folio = ""
            if e["level"] == 1 and e.get("page") is not None:
                folio = f"{self.folios.get(by_page[e['page']], 0):02d}"
            title = [
                self.p(e["title_zh"] + (f"——{e['subtitle_zh']}" if e.get("subtitle_zh") else ""), "toc_cell")
            ]
            if e.get("title_en"):
                title.append(self.p(e["title_en"], "toc_en"))
            rows.append([self.p(folio, "toc_cell"), self.p(e["section_zh"] or "", "toc_cell"), title])
        tab = Table(rows, colWidths=[40, 80, MAIN_W - 120], repeatRows=1)
        tab.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9d4c7")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        self.story.append(tab)
        self.mark((a["id"], "end"))

    def advert(self, a: dict) -> None:
        from reportlab.platypus import Spacer

        self.page_break("plain")
        self.mark((a["id"], "start"))
        self.story.append(Spacer(1, 120))
        if a.get("title_en"):
            self.story.append(self.p(a["title_en"], "title_en"))
        self.story.append(self.P(x(a["title_zh"]), self.st["title"].clone("ad", fontSize=48, leading=60)))
        if a.get("subtitle_zh"):
            self.story.append(self.p(a["subtitle_zh"], "subtitle"))
        self.story += [self.p(b["text"], "small") for b in a["blocks"]]
        for c in a["captions"]:
            self.story.append(self.Figure(self.p(c, "caption"), qr_pixmap(c).tobytes("png"), height=60))
        self.mark((a["id"], "end"))

    # ------------------------------------------------------------- articles
    def title_area(self, a: dict) -> None:
        from reportlab.platypus import Spacer

        self.mark((a["id"], "start"))
        self.mark(("section", a.get("section_zh") or ""))
        if a.get("section_zh"):
            self.story.append(self.p(f"{a['section_zh']}  |  {a.get('section_en') or ''}", "section"))
        if a.get("title_en"):
            self.story.append(self.p(a["title_en"], "title_en"))
        self.story.append(self.p(a["title_zh"], "title"))
        if a.get("subtitle_zh"):
            self.story.append(self.p("——" + a["subtitle_zh"], "subtitle"))
        self.story.append(Spacer(1, 6))
        box = self.deck(a)
        if box is not None:
            self.story += [box, Spacer(1, 10)]

    def article(self, a: dict, idx: int, prev: dict | None) -> None:
        from reportlab.platypus import CondPageBreak, Spacer

        new_section = prev is None or prev.get("section_zh") != a["section_zh"]
        if new_section or not (a["blocks"] or a.get("items")) or prev.get("kind") != "article":
            self.page_break()
        else:
            self.story += [Spacer(1, 18), CondPageBreak(260)]
        if a["id"] == "a04":  # the folios count from the editorial
            self.mark(("folio-from", 0))
        self.title_area(a)
        for label, text in (
            ("摘要：", a.get("abstract_zh")),
            ("关键词：", "；".join(a.get("keywords_zh") or [])),
        ):
            if text:
                self.story.append(
                    self.P(f"<font name='RLSansBold'>{label}</font>{x(text)}", self.st["runin"])
                )
        if a.get("items"):
            self.roundup(a)
        else:
            self.body(a, idx)
        by = self.byline(a)
        if by is not None:
            self.story.append(by)
        for s in a["summaries"]:
            self.story.append(self.p(HEADINGS[s["kind"]], "sum_head"))
            self.story.append(self.p(s["text"], "sum"))
        self.mark((a["id"], "end"))

    def body(self, a: dict, idx: int) -> None:
        blocks = a["blocks"]
        k, quote = pull_quote(blocks, idx)
        captions = list(a["captions"])
        tables = list(a.get("tables") or [])
        for i, b in enumerate(blocks):
            if i == k and quote:
                self.story.append(self.Side(self.p(quote, "quote"), quote=True))
            self.story.append(self.block(b))
            if captions and i % 5 == 2:
                self.story.append(self.fig(captions.pop(0)))
            if tables and b["type"] == "paragraph" and b["text"].rstrip().endswith(("：", ":")):
                self.story += self.table(tables.pop(0))
        self.story += [self.fig(c) for c in captions]
        for t in tables:
            self.story += self.table(t)

    def roundup(self, a: dict) -> None:
        numbered = not any(it.get("text_en") for it in a["items"])
        for n, it in enumerate(a["items"], start=1):
            if it.get("title_en"):
                self.story.append(self.p(it["title_en"], "item_en"))
            self.story.append(self.p(f"{n}  {it['title_zh']}" if numbered else it["title_zh"], "item_head"))
            self.story += [self.block(b) for b in it["blocks"]]
            self.story += [self.fig(c) for c in it.get("captions") or []]
            if it.get("text_en"):
                self.story.append(self.p(it["text_en"], "en_text"))

    def build_story(self) -> list:
        prev = None
        for idx, a in enumerate(self.key["articles"]):
            kind = a["kind"]
            if kind != "article":
                self.mark(("section", ""))
            if not set_front_unit(self, a):
                self.article(a, idx, prev)
            prev = a
        return self.story


def render(key: dict, folios: dict[str, int] | None, head: str) -> tuple[bytes, Issue]:
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    rl_config.invariant = 1
    iss = Issue(key, folios)
    story = iss.build_story()
    state = {"section": "", "first": None}

    def furniture(canv, doc) -> None:
        """At the page's end, when its marks have been drawn: folio centred at the top, the
        running head at the foot."""
        page = canv.getPageNumber()
        for value, pg in iss.log:
            if pg != page:
                continue
            if value[0] == "section":
                state["section"] = value[1]
            elif value[0] == "folio-from" and state["first"] is None:
                state["first"] = page
        if state["first"] is None:
            return
        canv.saveState()
        canv.setFont("RLSansBold", 11)
        canv.setFillColor(colors.HexColor(ACCENT))
        canv.drawCentredString(PAGE_W / 2, PAGE_H - 42, str(page - state["first"] + 1))
        canv.setStrokeColor(colors.HexColor("#999999"))
        canv.setLineWidth(0.4)
        canv.line(SIDE_X, 48, MAIN_X + MAIN_W, 48)
        canv.setFont("RLSans", 7.5)
        canv.setFillColor(colors.HexColor(GREY))
        canv.drawString(SIDE_X, 36, head)
        if state["section"]:
            canv.drawRightString(MAIN_X + MAIN_W, 36, state["section"])
        canv.restoreState()

    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        invariant=1,
        title=key["issue"]["journal_zh"],
        author="",
        creator="pipeline.sample.reportlab_issue",
        producer="ReportLab",
    )
    main = Frame(MAIN_X, BOTTOM, MAIN_W, PAGE_H - TOP - BOTTOM, id="main", leftPadding=0, rightPadding=0)
    plain = Frame(
        PLAIN_MARGIN, PLAIN_MARGIN, PAGE_W - 2 * PLAIN_MARGIN, PAGE_H - 2 * PLAIN_MARGIN, id="plain"
    )
    doc.addPageTemplates(
        [
            PageTemplate("plain", [plain], onPageEnd=furniture_plain(iss, state)),
            PageTemplate("body", [main], onPageEnd=furniture),
        ]
    )
    doc.build(story)
    return buf.getvalue(), iss


def furniture_plain(iss: Issue, state: dict):
    """Plain pages (cover, advertisement) print nothing but keep the sections' state."""

    def on_end(canv, doc) -> None:
        page = canv.getPageNumber()
        for value, pg in iss.log:
            if pg == page and value[0] == "section":
                state["section"] = value[1]

    return on_end


def compile_issue(key: dict, tmp: Path) -> tuple[bytes, dict, dict]:
    """(PDF, its answer key, the physical pages of every entry): set twice, the contents' folios
    taken from the first setting."""
    issue = key["issue"]
    head = f"{issue['journal_zh']}  {issue['year']}年第{issue['number']}期"
    register_fonts(json.dumps(key, ensure_ascii=False) + head + "作者页码栏目标题目录摘要关键词|", tmp)
    folios: dict[str, int] | None = None
    for _ in range(2):
        pdf, iss = render(key, folios, head)
        first = min((pg for v, pg in iss.log if v[0] == "folio-from"), default=1)
        pages: dict[str, dict] = {}
        for value, pg in iss.log:
            if value[0] in ("section", "folio-from"):
                continue
            aid, what = value
            pages.setdefault(aid, {})
            if what == "start":
                pages[aid]["start"] = pg
            else:
                pages[aid]["end"] = pg
        new = {aid: p["start"] - first + 1 for aid, p in pages.items()}
        if new == folios:
            break
        folios = new
    return pdf, printed_key(iss.key, folios, head), pages


def _compile_in_temp(key: dict, args: object) -> tuple[bytes, dict, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        return compile_issue(key, Path(tmp))


def main(argv: list[str] | None = None) -> None:
    rendition_main(argv, __doc__, _compile_in_temp)


if __name__ == "__main__":
    main()
