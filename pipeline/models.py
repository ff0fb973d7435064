"""The typed document model every stage reads and writes.

Stages are plain functions: extract (PDF -> RawDocument) -> layout (-> LaidOutDocument)
-> articles (-> Issue) -> summaries/tables enrich the Issue -> datasets write it.
Every piece of text keeps the page and bbox it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

BBox = tuple[float, float, float, float]


class Role(StrEnum):
    """What a block is on its page (paragraphs.role_of, then the article stages). Compares equal
    to its value, so rules and corrections may name roles as plain strings."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    TITLE_EN = "title_en"
    SECTION = "section"  # a section label (聚焦 Focus)
    BYLINE = "byline"
    DECK = "deck"  # standfirst
    DECK_EN = "deck_en"
    OTHER = "other"  # display type that is none of the above (a big bare number)
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    NOTE = "note"
    REFERENCE = "reference"
    BIO = "bio"
    AFTERWORD = "afterword"
    AFTERWORD_TITLE = "afterword_title"  # the own title of an afterword, printed above it
    PULL_QUOTE = "pull_quote"  # a body sentence repeated in big type
    CAPTION = "caption"
    SUMMARY = "summary"  # English summary text
    SUMMARY_HEADING = "summary_heading"
    BOX = "box"  # framed box text that is none of the above
    ENGLISH = "english"  # an English block awaiting pairing
    TABLE = "table"  # text of a table area (read by tables.py)


# roles of a unit's running text, and of its title area (display roles a unit opens with)
BODY_ROLES = frozenset(
    {
        Role.PARAGRAPH,
        Role.HEADING,
        Role.LIST_ITEM,
        Role.NOTE,
        Role.REFERENCE,
        Role.BIO,
        Role.AFTERWORD,
        Role.BOX,
    }
)
# roles the blocks table writes (docs/DATA.md): a unit kept whole as body maps others to one of them
BLOCK_TABLE_ROLES = (BODY_ROLES - {Role.BOX}) | {Role.PULL_QUOTE}
HEAD_ROLES = frozenset(
    {
        Role.SECTION,
        Role.TITLE,
        Role.SUBTITLE,
        Role.TITLE_EN,
        Role.BYLINE,
        Role.DECK,
        Role.DECK_EN,
        Role.OTHER,
    }
)


class UnitKind(StrEnum):
    """What a unit (a row of the articles table) is."""

    ARTICLE = "article"
    COVER = "cover"
    NOTICE = "notice"
    MASTHEAD = "masthead"
    TOC = "toc"
    ADVERTISEMENT = "advertisement"
    DOCUMENT = "document"  # a PDF in which no article was found: its whole text in reading order


class CaptionKind(StrEnum):
    """What a caption row holds: a photo's or table's caption, or the photo's credit printed with
    it (摄影：…, 图片来源：…: the rules' block_markers.credit), a row of its own."""

    CAPTION = "caption"
    CREDIT = "credit"


class SummaryKind(StrEnum):
    """Which English summary (the keys of the rules' summary_headings)."""

    READING_SUMMARY = "reading_summary"
    EDITOR_NOTE = "editor_note"
    ABSTRACT = "abstract"


class WarningScope(StrEnum):
    """Where a warning points a reader (docs/DATA.md, warnings)."""

    PLACE = "place"  # a region of a page: page and bbox set where the decision was made
    PAGE = "page"  # a whole page: page set, bbox null
    ISSUE = "issue"  # the file or the issue as a whole: no place to point at


class WarningCode(StrEnum):
    """What a warning is about (docs/DATA.md, warnings.code)."""

    @property
    def scope(self) -> WarningScope:
        return WARNING_SCOPE[self]

    NO_SUMMARY = "no_summary"
    LOW_CONFIDENCE_SUMMARY = "low_confidence_summary"
    NO_TITLE_EN = "no_title_en"
    ENGLISH_IN_BODY = "english_in_body"
    TOC_ENTRY_NOT_FOUND = "toc_entry_not_found"
    TOC_ENTRY_ELSEWHERE = "toc_entry_elsewhere"
    OPENING_FROM_CONTENTS = "opening_from_contents"
    DISPLAY_TYPE_NOT_OPENING = "display_type_not_opening"
    NO_CONTENTS = "no_contents"
    CONTENTS_NOT_LOCATED = "contents_not_located"
    UNMAPPED_GLYPHS = "unmapped_glyphs"
    GLYPHS_REPAIRED = "glyphs_repaired"
    GLYPHS_DOUBTFUL = "glyphs_doubtful"
    SPREAD_PAGES = "spread_pages"
    SPREAD_CROSSING = "spread_crossing"
    CORRECTION_NOT_APPLIED = "correction_not_applied"
    PDF_REPAIRED = "pdf_repaired"
    PAGE_UNREADABLE = "page_unreadable"
    PAGE_DAMAGED = "page_damaged"
    TABLES_UNREAD = "tables_unread"
    TABLE_UNREAD = "table_unread"
    TABLE_SLOW = "table_slow"
    TABLE_ROW_DOUBTFUL = "table_row_doubtful"
    TABLE_WORD_DOUBTFUL = "table_word_doubtful"
    TABLE_JOIN_DOUBTFUL = "table_join_doubtful"  # a table's part joined, or kept apart, against some evidence
    NO_ARTICLES = "no_articles"
    TEXT_UNACCOUNTED = "text_unaccounted"
    TEXT_RESIDUE = "text_residue"
    PAGE_SLOW = "page_slow"
    CAPTION_DOUBTFUL = "caption_doubtful"
    JUMP_UNMATCHED = "jump_unmatched"  # a jump line whose other end was not found (pipeline/jumps.py)
    JUMP_DOUBTFUL = "jump_doubtful"  # parts joined on one jump line and the open sentence only
    JUMP_PAGE_INVALID = "jump_page_invalid"  # a jump line naming a page the issue lacks, or the wrong way
    # a page after full-page inserts read as the article's rest on the table's measure alone (articles.py)
    UNIT_RESUMED_DOUBTFUL = "unit_resumed_doubtful"
    JUMP_TITLE_AGAIN = "jump_title_again"  # a unit under an article's title printed again: its continuation
    VERTICAL_TEXT = "vertical_text"
    TEXT_OVERPRINT = "text_overprint"
    PAGE_TURNED = "page_turned"  # a page printed sideways without /Rotate, read turned upright
    # a paper's numbered heading whose number does not follow the headings before it (numbered_headings.py)
    HEADING_NUMBER_DOUBTFUL = "heading_number_doubtful"
    # text joined across a column or page end on its face alone: a piece its face had typed a
    # heading or a deck read as the paragraph's rest (paragraphs.join_across_breaks)
    JOIN_DOUBTFUL = "join_doubtful"
    # text the text layer holds that no reader sees (invisible, tiny, white on the paper, under a
    # picture, set as a clip path with nothing painted through it, clipped away by a clip path,
    # outside the crop box), kept out of the content: residue rows of reason hidden
    # (pipeline/hidden.py, pipeline/dropped.py)
    TEXT_HIDDEN = "text_hidden"
    # glyphs whose fonts name them by no readable character (U+FFFD, private use, a CID read as a
    # code point): runs kept out of the content, residue rows of reason hidden (pipeline/legible.py)
    GLYPHS_UNREADABLE = "glyphs_unreadable"
    # a scanned page whose only text is an invisible OCR layer, read as its text (hidden.py)
    OCR_TEXT = "ocr_text"
    # a page with no text and no picture, only marks (a box's border, shading), given to the unit
    # whose last page it follows on its place alone (articles._bare_page_turns)
    BARE_PAGE_DOUBTFUL = "bare_page_doubtful"
    # a page whose layout ran past limits.layout_page_seconds, laid out the plain way: columns cut
    # at the gaps no line covers, paragraphs, no tables, boxes or figures (pipeline/plain_layout.py)
    LAYOUT_PLAIN = "layout_plain"
    # a dense page whose own type size, counted whole, would have been the issue's body size: the
    # body read from the other pages, this page's text as small type (layout.body_font_size)
    BODY_SIZE_DOUBTFUL = "body_size_doubtful"


WARNING_SCOPE: dict[WarningCode, WarningScope] = {
    **{c: WarningScope.PLACE for c in WarningCode},
    WarningCode.PAGE_UNREADABLE: WarningScope.PAGE,
    WarningCode.PAGE_DAMAGED: WarningScope.PAGE,
    WarningCode.PAGE_SLOW: WarningScope.PAGE,  # a page that cost a stage out of proportion, all of it
    WarningCode.SPREAD_PAGES: WarningScope.PAGE,  # the first page split, all of it
    WarningCode.PAGE_TURNED: WarningScope.PAGE,  # the page printed sideways, all of it
    WarningCode.BODY_SIZE_DOUBTFUL: WarningScope.PAGE,  # the dense page's text, all of it
    WarningCode.CORRECTION_NOT_APPLIED: WarningScope.PAGE,  # the page it addresses: it matched nothing there
    WarningCode.PDF_REPAIRED: WarningScope.ISSUE,  # the file's structure, not a page of it
    WarningCode.NO_CONTENTS: WarningScope.ISSUE,  # no contents page at all
    WarningCode.NO_ARTICLES: WarningScope.ISSUE,  # the whole file is one document unit
}


# ---------------------------------------------------------------- extraction
class Side(StrEnum):
    """Which half of a PDF page holding two facing pages a page read on its own is (spreads.py)."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(slots=True)  # one per line or block of every page: no __dict__ each
class Line:
    """One visual line of text, as a reader sees it (glyph runs already merged)."""

    page: int
    text: str
    bbox: BBox
    size: float
    font: str
    bold: bool
    color: int
    italic: bool = False
    wrap_left: float | None = None  # set when a photo pushes the line right: where its column "starts"
    wrap_right: float | None = None  # set when a photo cuts the line short: where its column "ends"
    # the baseline its own type sits on: a superscript, a formula glyph or a font with tall glyph
    # boxes stretch the bbox, not the baseline, so line spacing is measured from it
    base: float | None = None
    # superscripts and subscripts riding on the line: (start, end) character offsets into text
    scripts: tuple[tuple[int, int], ...] = ()
    # the line runs down or up the page (type rotated 90°, a vertical-writing font, glyphs stacked:
    # vertical.py), its text in reading order; its bbox is tall and narrow
    vertical: bool = False
    # the characters of copies drawn over this line's glyphs (a faked bold, a shadow, an outline),
    # read once (overprint.py); conservation counts them with the line
    overprint: str = ""
    # the line opens a paragraph in the middle of a text-layer row, the previous paragraph's last
    # line before it on its baseline (pipeline/row_breaks.py): it is never joined back to that line
    opens_paragraph: bool = False
    # the line opens with a run set in another face (weight, font or colour) than the rest of it:
    # how many characters of its text that run holds (0: none). A heading run into its paragraph
    # may stand apart from it by its face alone (numbered_headings.py)
    lead_face: int = 0
    # the text layer holds a full-width space after the line's last character, which its text does
    # not keep: a separator the line's end hid (a heading run into its paragraph whose space fell
    # at the line's end: numbered_headings.py)
    end_space: bool = False

    def joined(self, other: Line, text: str) -> Line:
        """This line and the one to its right on the same baseline, as one line with the given text."""
        box = (self.x0, min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))
        shift = len(text) - len(other.text)  # the other line's text ends the joined text
        scripts = self.scripts + tuple((a + shift, b + shift) for a, b in other.scripts)
        return Line(
            self.page,
            text,
            box,
            self.size,
            self.font,
            self.bold,
            self.color,
            self.italic,
            base=self.base,
            scripts=scripts,
            overprint=self.overprint + other.overprint,
            opens_paragraph=self.opens_paragraph,
            lead_face=self.lead_face,
            end_space=other.end_space,
        )

    @property
    def row(self) -> float:
        """Where the line stands, for spacing and order: its baseline, else its bottom."""
        return self.base if self.base is not None else self.y1

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def y0(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def y1(self) -> float:
        return self.bbox[3]

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


@dataclass(slots=True)
class Rect:
    """A filled or stroked rectangle (box frame, shading, table rule)."""

    bbox: BBox
    filled: bool
    stroked: bool
    fill: tuple[float, ...] | None = None


@dataclass(slots=True)
class RawPage:
    number: int  # 1-based PDF page
    width: float
    height: float
    lines: list[Line]
    rects: list[Rect]
    images: list[BBox]
    damage: str | None = None  # what MuPDF said it lost on this page (the rest was read)
    unreadable: bool = False  # nothing of the page could be read (damage says why)
    # a page is half of a PDF page holding two facing pages (spreads.py): the PDF page it is on
    # (None: number is the PDF page), where its x = 0 stands there, and which half it is
    sheet: int | None = None
    x_offset: float = 0.0
    side: Side | None = None
    # the page is printed sideways inside its content stream (/Rotate 0: sideways.py) and read
    # turned upright by this many degrees (90, 270; 0: read as it stands): width, height and every
    # box are the turned page's, moved back to the page's own coordinates where rows are written
    turn: int = 0
    # a part of the page printed sideways, the rest upright (sideways.turned_region): read with
    # that part turned upright in place; boxes moved back where rows are written
    region: TurnedRegion | None = None
    # boxes of the page's form fields whose value a viewer prints (a widget with an appearance
    # stream, not hidden): the text MuPDF reads inside one is that value (extract._printed_fields)
    fields: list[BBox] = field(default_factory=list)
    # what its text layer holds that no reader sees or can read, kept out of its lines (hidden.py)
    hidden: list[HiddenText] = field(default_factory=list)
    # a scanned page whose text is an invisible OCR layer, read as the page's text: the scan's box
    ocr: BBox | None = None
    # glyphs whose font's ToUnicode shifts its codes onto ideographs, read by its encoding instead
    recoded: list[Recoded] = field(default_factory=list)


@dataclass(frozen=True)
class Recoded:
    """Glyphs of one font on one page read by the font's own encoding, its ToUnicode having named
    each code c as chr(c + offset), an ideograph (shifted_codes.py): how many, the first run's box."""

    font: str
    offset: int
    glyphs: int
    bbox: BBox


@dataclass(frozen=True)
class TurnedRegion:
    """A region of a page whose text is turned (a table printed sideways under or beside upright
    text), read turned upright where it stands: its content turned about the region's top-left
    corner, what stood under it moved down by dy, what stood right of it moved right by dx (0 when
    the turned region is no taller, or no wider, than the region was), so nothing overlaps."""

    turn: int  # 90 or 270, as sideways.turn_matrix
    bbox: BBox  # the region on the page as printed
    dx: float
    dy: float
    # upright lines of the page's head or foot (a folio, a running head's words) standing among the
    # turned lines: left where they are, clear of the region read upright (sideways.turned_region)
    kept: tuple[BBox, ...] = ()


@dataclass(frozen=True)
class HiddenText:
    """Text of a page's text layer that no reader sees or can read (pipeline/hidden.py): one raw
    line's runs hidden one way, with why (invisible, tiny, white_on_paper, under_picture, unreadable,
    clip_only; and, from pipeline/dropped.py, clipped or off_page)."""

    text: str
    bbox: BBox
    why: str


@dataclass
class RawDocument:
    path: str
    sha256: str
    pages: list[RawPage]
    title: str = ""
    notes: list[str] = field(default_factory=list)  # about the file itself: repaired, objects redefined
    warnings: list[Warning] = field(default_factory=list)  # what extraction repaired or doubts, where
    # CPU seconds extract spent on each PDF page (costs.py: the per-page cost check; not written)
    page_cpu: dict[int, float] = field(default_factory=dict)


# ---------------------------------------------------------------- layout
@dataclass(slots=True)  # one per line or block of every page: no __dict__ each
class Piece:
    """Where part of a block sits: a block cut by a column or page end has several."""

    page: int
    bbox: BBox


@dataclass(slots=True)  # one per line or block of every page: no __dict__ each
class Block:
    """A paragraph-level unit in reading order, with its role on the page."""

    role: Role
    text: str
    lines: list[Line]
    pieces: list[Piece]
    lang: str = "zh"
    column: int = 0
    box_id: int | None = None  # blocks from the same framed box share it
    size: float = 0.0
    bold: bool = False
    open_end: bool = False  # the last line runs to the column edge: the paragraph may go on
    segment: tuple[int, int] = (0, 0)  # (page, run of uninterrupted column text) it was cut from
    title: str | None = None  # an afterword's own title (编后：<title>)

    def __post_init__(self):
        self.role = Role(self.role)  # a role no stage knows fails here, where it is made

    @property
    def page(self) -> int:
        return self.pieces[0].page

    @property
    def bbox(self) -> BBox:
        return self.pieces[0].bbox

    def marks(self) -> list[tuple[int, int]]:
        """Where its lines' superscripts and subscripts (citations, footnote and affiliation
        marks, m², CO₂) stand in its text: (start, end) character offsets, in order."""
        out: list[tuple[int, int]] = []
        at = 0
        for ln in self.lines:
            for a, b in ln.scripts:
                i = self.text.find(ln.text[a:b], at)
                if i >= 0:
                    out.append((i, i + b - a))
                    at = i + b - a
        return out


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    folio: int | None
    blocks: list[Block]  # reading order
    furniture: list[Line]  # running heads and folios, kept for audit
    kind_hint: str | None = None  # cover, toc, ... when the page itself says so
    warnings: list[Warning] = field(default_factory=list)  # doubts of the layout stage, where made
    drawings: list[BBox] = field(
        default_factory=list
    )  # figures drawn with vector paths: text over them is labels
    # an article's title printed again over its continuation (jumps.py): furniture of kind jump
    jump_titles: list[Line] = field(default_factory=list)


@dataclass
class LaidOutDocument:
    raw: RawDocument
    pages: list[PageLayout]
    body_size: float
    page_cpu: dict[int, float] = field(default_factory=dict)  # layout's CPU seconds a page (costs.py)


# ---------------------------------------------------------------- articles
@dataclass
class Summary:
    kind: SummaryKind
    text: str
    pages: list[int]
    confidence: float = 1.0
    signal: str = ""
    item_seq: int | None = None
    bbox: BBox | None = None  # where it starts on pages[0] (a doubtful one is warned about there)

    def __post_init__(self):
        self.kind = SummaryKind(self.kind)


@dataclass(slots=True)
class Caption:
    text: str
    page: int
    bbox: BBox
    kind: CaptionKind = CaptionKind.CAPTION

    def __post_init__(self):
        self.kind = CaptionKind(self.kind)


@dataclass
class Item:
    seq: int
    title_zh: str | None
    title_en: str | None
    blocks: list[Block] = field(default_factory=list)
    text_en: str | None = None
    en_confidence: float | None = None  # how sure the English version belongs to this item
    en_signal: str | None = None  # what decided it: the romanised name, or position alone


@dataclass
class Table:
    page: int
    bbox: BBox
    header: list[str]
    rows: list[list[str]]
    caption: str | None = None
    notes: list[str] = field(default_factory=list)
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # (r,c)->(rowspan,colspan)
    caption_en: str | None = None  # the English caption printed with the Chinese one (Table 1 …)
    # where each cell of [header] + rows is printed: its row's page and the cell's box there (a
    # table continued over a page turn has rows on two pages); empty when not read (all on page)
    row_pages: list[int] = field(default_factory=list)
    cell_boxes: list[list[BBox]] = field(default_factory=list)
    continued_labels: list[str] = field(default_factory=list)  # 续表 3 … over its continued parts
    # cells of [header] + rows printed in more than one piece (a row the page turn cut: its first
    # lines at the foot of one page, the rest at the top of the next): (row, col) -> each piece's
    # page and box, in reading order
    cell_pieces: dict[tuple[int, int], list[tuple[int, BBox]]] = field(default_factory=dict)

    def parts(self) -> list[tuple[int, BBox]]:
        """(page, box) of each part printed on a page of its own: the table's area, then where its
        rows continued on later pages stand."""
        out = [(self.page, self.bbox)]
        for page in dict.fromkeys(self.row_pages):
            rows = [r for r, p in zip(self.cell_boxes, self.row_pages, strict=True) if p == page and r]
            if page != self.page and rows:
                cells = [b for r in rows for b in r]
                out.append((page, (min(b[0] for b in cells), min(b[1] for b in cells),
                                   max(b[2] for b in cells), max(b[3] for b in cells))))  # fmt: skip
        return out

    def cell_place(self, row: int, col: int) -> tuple[int, BBox | None]:
        """The page a cell of [header] + rows is printed on and its box there (None: not known)."""
        if row < len(self.row_pages) and row < len(self.cell_boxes) and col < len(self.cell_boxes[row]):
            return self.row_pages[row], self.cell_boxes[row][col]
        return self.page, None


@dataclass
class Reference:
    """One entry of an article's reference list, with the number it is printed with."""

    number: int | None
    text: str
    page: int


@dataclass
class FrontMatter:
    """The labelled front matter and first-page footnotes of an academic article."""

    authors_en: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)  # as printed, zh and en
    keywords_en: list[str] = field(default_factory=list)
    clc: str | None = None  # 中图分类号
    doc_code: str | None = None  # 文献标志码
    article_no: str | None = None  # 文章编号
    doi: str | None = None
    received: str | None = None  # 收稿日期 / 修回日期 as printed
    funding: list[str] = field(default_factory=list)  # 基金项目, Foundation Items
    corresponding: str | None = None  # 通信作者
    author_bios: list[str] = field(default_factory=list)  # 作者简介 and bios printed after the text
    notes: list[str] = field(default_factory=list)  # other labelled lines (引用格式, 责任编委)


@dataclass
class Article:
    seq: int
    kind: UnitKind
    pages: list[int]
    section_zh: str | None = None
    section_en: str | None = None
    title_zh: str | None = None
    subtitle_zh: str | None = None
    title_en: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    deck_zh: str | None = None
    deck_en: str | None = None
    toc_page: int | None = None
    blocks: list[Block] = field(default_factory=list)  # body blocks (types of SCHEMA.md)
    captions: list[Caption] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    english: list[Block] = field(default_factory=list)  # English pieces awaiting pairing
    flow: list[Block] = field(default_factory=list)  # body and English blocks in reading order
    keywords: list[str] = field(default_factory=list)
    abstract_zh: str | None = None  # 摘要：… as printed
    keywords_zh: list[str] = field(default_factory=list)  # 关键词：… as printed
    confidence: float = 1.0
    title_bbox: BBox | None = None
    front: FrontMatter | None = None  # set for academic articles (pipeline/academic.py)
    references: list[Reference] = field(default_factory=list)
    evidence_for: list[str] = field(default_factory=list)  # what says this unit opens here (skeleton.py)
    evidence_against: list[str] = field(default_factory=list)  # what says it does not
    evidence: list[str] = field(default_factory=list)  # all its confidence was computed from (confidence.py)

    def __post_init__(self):
        self.kind = UnitKind(self.kind)


@dataclass
class TocEntry:
    level: int
    section_zh: str | None
    section_en: str | None
    title_zh: str
    subtitle_zh: str | None
    title_en: str | None
    page: int | None  # the page it points to, as printed
    at_page: int | None = None  # where the entry itself is printed (PDF page) ...
    at_bbox: BBox | None = None  # ... and its first line


@dataclass
class Warning:
    code: WarningCode
    message: str
    article_seq: int | None = None
    page: int | None = None
    bbox: BBox | None = None  # the region to check on that page (None: the whole page)

    def __post_init__(self):
        self.code = WarningCode(self.code)


class ResidueReason(StrEnum):
    """Why text of a page is in the residue table rather than a content table."""

    UNCLAIMED = "unclaimed"  # read from the page, but no stage put it in any output row
    UNREADABLE_PAGE = "unreadable_page"  # the page could not be read at all (detail says why)
    LABEL = "label"  # a heading whose meaning is a row's kind (a summary heading), its text unused
    FIGURE_TEXT = "figure_text"  # set over a figure drawn with vector paths or its pictures: its labels
    HIDDEN = "hidden"  # in the text layer, but no reader sees or reads it (detail: why; pipeline/hidden.py)


@dataclass
class Residue:
    """Text of a page that no output row holds (pipeline/residue.py): kept, with where it stood."""

    text: str
    page: int
    bbox: BBox
    reason: ResidueReason
    detail: str | None = None


@dataclass
class Conservation:
    """Where the characters of the pages' text layer went (whitespace not counted)."""

    chars: int  # in the text layer of every page
    claimed: int  # held by some output row other than residue
    residue: int  # held by residue rows only
    unaccounted: dict[int, int] = field(default_factory=dict)  # page -> characters in no row
    page_chars: dict[int, int] = field(default_factory=dict)  # page -> characters in its text layer
    unaccounted_at: dict[int, BBox] = field(default_factory=dict)  # page -> the line losing the most

    @property
    def coverage(self) -> float:
        """Share of the characters held by content rows (residue not counted)."""
        return self.claimed / self.chars if self.chars else 1.0


@dataclass
class IssueMeta:
    issue_id: str
    journal_zh: str | None = None
    journal_en: str | None = None
    eissn: str | None = None
    year: int | None = None
    volume: int | None = None
    number: int | None = None
    total_number: int | None = None
    pub_date: str | None = None


@dataclass
class Issue:
    meta: IssueMeta
    layout: LaidOutDocument
    articles: list[Article]
    toc: list[TocEntry] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    residue: list[Residue] = field(default_factory=list)  # set last, by residue.account_text
    conservation: Conservation | None = None
    corrections: list = field(default_factory=list)  # CorrectionResult (pipeline/corrections.py)
