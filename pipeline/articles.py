"""Stage 3: LaidOutDocument -> Issue: split the reading-order blocks into articles and the
non-article units (cover, contents, masthead, notices, advertisements), with metadata.

An article starts at its title area (section label, title, subtitle, English title, byline,
deck: the full-width blocks around a title) and runs until the next one, across pages and
mid-page. toc_page is the printed folio of the opening page, inferred from neighbouring
folios where the opening page prints none.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import partial
from itertools import pairwise

from . import academic, items, runon
from .caption_lang import caption_parts
from .decks import take_lead_deck
from .models import (
    BODY_ROLES,
    HEAD_ROLES,
    Article,
    BBox,
    Block,
    Issue,
    IssueMeta,
    LaidOutDocument,
    RawPage,
    Role,
    UnitKind,
    Warning,
    WarningCode,
)
from .rules import Rules
from .skeleton import Decision, Opening, Plan, quotes_in_text, reconcile, rejoined
from .spreads import page_name
from .strays import place_stray
from .table_joins import JOIN_EDGE_TOL, MAX_PAGES_BETWEEN, column_bands, columns_line_up, is_figure
from .tails import is_bio, title_area_names, unlabelled_tails
from .text import SENTENCE_STOPS, ends_with_stop, strip_dash
from .titles_en import EN_TITLE_MAX_CHARS, english_title_above
from .toc import read_entries

MIN_CONTENTS_NUMBERS = 2  # page numbers a page prints to be read as a contents page
# A page no word names contents is read as one by the numbers ending its lines only when they
# name the issue's pages: at least this share of them within its folio range, and at least this
# share of them, in reading order, no smaller than the one before (a contents page lists the
# pages in order; a table's figures or a list's amounts ending its rows do neither)
CONTENTS_IN_RANGE_SHARE = 0.8
CONTENTS_RISING_SHARE = 0.7
# An article's text or table may go on after at most this many pages of full-page inserts (an
# advertisement the make-up put between its pages), as a table's rest may (table_joins)
MAX_INSERT_PAGES = MAX_PAGES_BETWEEN
# A page with no text is a picture page (a section opener's photo) only when an image or drawn area
# covers at least this share of it; a box's border run over the turn, or a rule, covers far less
PICTURE_PAGE_SHARE = 0.15
# drawn marks thinner than this both ways are rules (a running head's, a column's), no marks of a unit
MARK_MIN_PT = 2.0
# a box on the page before that ends this close to its text's foot, or below it, spilled over the turn
SPILL_FOOT_PT = 24.0
# a line ending in a page number: not a decimal's or a figure's last digits ("2.5", "10,3", "5%"), but
# a dot leader may run right up to it ("标题........12": a word processor's tab leader fills the tab)
_END_NUMBER = re.compile(r"(?:(?<![\d.,%])|(?<=\.\.))(\d{1,3})$")


@dataclass
class _Unit:
    blocks: list[Block]
    pages: list[int]
    opening: Opening | None = None  # what the skeleton decided about its start (first piece only)


def printed_folios(doc: LaidOutDocument) -> dict[int, int]:
    """PDF page -> printed page, filling pages without a folio from their neighbours."""
    known = {p.number: p.folio for p in doc.pages if p.folio is not None}
    # keep only folios consistent with the majority offset around them (a stray number is not a folio)
    offsets = {n: f - n for n, f in known.items()}
    numbers = sorted(offsets)
    out = {}
    for p in doc.pages:
        if not offsets:
            break
        # the nearest page with a folio (the earlier of two as near), by bisection: a volume has
        # thousands of pages with folios
        k = bisect.bisect_left(numbers, p.number)
        nearest = min(numbers[max(k - 1, 0) : k + 1], key=lambda n: (abs(n - p.number), n))
        if p.number in offsets:
            out[p.number] = known[p.number]
        else:
            out[p.number] = p.number + offsets[nearest]
    return out


def pdf_pages_of_folios(doc: LaidOutDocument) -> dict[int, int]:
    """Printed page -> the PDF page that prints it (the first, should two claim one folio)."""
    out: dict[int, int] = {}
    for page, folio in sorted(printed_folios(doc).items()):
        out.setdefault(folio, page)
    return out


def _opens_title_area(blk: Block, title: Block) -> bool:
    """A block before the title that belongs to its area: the section label, a kicker, or the
    English title when it is printed above the Chinese one."""
    if blk.page != title.page:
        return False
    if blk.role == Role.TITLE_EN:
        return blk.column == -1 and 0 <= title.bbox[1] - blk.bbox[3] < 2 * title.size
    if blk.role == Role.BYLINE:
        # a byline printed over the title (文｜张三 between the section label and the title) is the
        # title's, not the end of the unit before: right above it, in its column or across the page
        return blk.column in (-1, title.column) and 0 <= title.bbox[1] - blk.bbox[3] < 2 * title.size
    if blk.role == Role.ENGLISH:
        return english_title_above(blk, title)
    return blk.role == Role.SECTION or (blk.role == Role.OTHER and blk.column == -1)


def _label_left_behind(blocks: list[Block], k: int, title: Block) -> bool:
    """blocks[k] is the title's section label left at the foot of the page before by the page
    turn (a typesetter that does not keep a label with its title): the last block of that page, the
    title area opening the next. It names the unit the title opens, not the one it stands after,
    whose body it would end with a heading in another language (English run into its text)."""
    return (
        blocks[k].role == Role.SECTION
        and blocks[k].page == title.page - 1
        and k + 1 < len(blocks)
        and blocks[k + 1].page == title.page
    )


# A title broken over two lines of different sizes (a light first line, the rest in big black
# type) is two title blocks: the second stands right under the first (their gap at most
# TITLE_LINE_GAP of the bigger type, overlap allowed), from the same left edge (within
# TITLE_EDGE_EMS of the smaller type), the first with no sentence ended.
TITLE_LINE_GAP = 0.8
TITLE_EDGE_EMS = 1.0


def _title_goes_on(upper: Block, lower: Block) -> bool:
    """lower is the rest of upper's title, set in another size right under it."""
    if upper.role != Role.TITLE or lower.role != Role.TITLE or upper.page != lower.page:
        return False
    if upper.box_id != lower.box_id or upper.text.rstrip()[-1:] in "。！？!?":
        return False
    gap = lower.bbox[1] - upper.bbox[3]
    return -0.5 * min(upper.size, lower.size) <= gap <= TITLE_LINE_GAP * max(upper.size, lower.size) and abs(
        lower.bbox[0] - upper.bbox[0]
    ) <= TITLE_EDGE_EMS * min(upper.size, lower.size)


def _title_starts(blocks: list[Block]) -> list[int]:
    """Indexes where an article's title area begins (its section label or its title)."""
    starts = []
    i = 0
    while i < len(blocks):
        if blocks[i].role == Role.TITLE:
            j = i
            while (
                j > 0
                and j - 1 not in starts
                and (
                    _opens_title_area(blocks[j - 1], blocks[i])
                    or _label_left_behind(blocks, j - 1, blocks[i])
                )
            ):
                j -= 1
            if not starts or j > starts[-1]:
                starts.append(j)
            # the title area goes on (subtitle, English title, byline, deck) until the next title,
            # save the title's own next line set in another size right under it
            while i + 1 < len(blocks) and (
                blocks[i + 1].role in HEAD_ROLES - {Role.SECTION, Role.TITLE}
                or _title_goes_on(blocks[i], blocks[i + 1])
            ):
                i += 1
        i += 1
    return starts


def _split_units(flat: list[Block], openings: list[Opening], rules: Rules) -> list[_Unit]:
    if not openings or openings[0].start != 0:
        openings = [Opening(0)] + openings
    bounds = [o.start for o in openings[1:]] + [len(flat)]
    units = []
    for op, b in zip(openings, bounds, strict=True):
        if flat[op.start : b]:
            units.append(_unit(flat[op.start : b], op))
    return [piece for u in units for piece in _split_by_page(u, rules)]


def _unit(blocks: list[Block], opening: Opening | None = None) -> _Unit:
    return _Unit(blocks, sorted({pc.page for blk in blocks for pc in blk.pieces}), opening)


def _split_by_page(unit: _Unit, rules: Rules) -> list[_Unit]:
    """Front and back matter (cover, notices, masthead, contents, ads) is one unit per page: such a
    unit is headed by the journal's own name or has neither byline nor English title."""
    if unit.opening is not None and unit.opening.anchor is not None:
        return [unit]  # a unit the contents list runs on over its pages
    title = next((b.text for b in unit.blocks if b.role == Role.TITLE), "")
    names_journal = _names_journal(title, rules)
    has_byline = any(b.role == Role.BYLINE for b in unit.blocks)
    has_en_title = _has_english_title(unit)
    if len(unit.pages) == 1:
        return [unit]
    if not any(b.role in (Role.TITLE, Role.BYLINE) for b in unit.blocks) and items.has_item_structure(
        unit.blocks, rules
    ):
        # a round-up with no title of its own, opened on its first item (under its section label
        # mid-page): its repeated item structure runs on over its pages, an item's English version
        # carried over a turn with it (cut there, the first page's piece held no whole item)
        return [unit]
    if not names_journal and (has_byline or has_en_title):
        groups = _pages_by_kind_named(unit, rules)
        if len(groups) == 1:
            return [unit]
        return [_unit(bs, unit.opening if k == 0 else None) for k, bs in enumerate(groups)]
    if academic.is_academic(unit.blocks, rules):
        return [unit]  # a journal paper (摘要, 关键词, DOI …) runs on over its pages
    by_page: dict[int, list[Block]] = {}
    for b in unit.blocks:
        by_page.setdefault(b.page, []).append(b)
    return [_unit(bs, unit.opening if k == 0 else None) for k, bs in enumerate(_join_runs_on(by_page, rules))]


def _join_runs_on(by_page: dict[int, list[Block]], rules: Rules) -> list[list[Block]]:
    """Front matter's pages, one group each, save a page that carries on the text of the page
    before it (runon.runs_on: a sentence or a list run on over the turn, no title of its own)."""
    groups: list[list[Block]] = []
    pages = list(by_page.values())
    for before, blocks in zip([None, *pages], pages, strict=False):
        how = runon.runs_on(before, blocks, rules) if groups and before is not None else None
        if how == "sentence" and groups[-1][-1] is before[-1] and blocks[0].role == before[-1].role:
            # one paragraph cut by the turn: joined again, as the paragraphs stage joins a column's
            groups[-1] = groups[-1][:-1] + [rejoined(before[-1], blocks[0])] + blocks[1:]
        elif how:
            groups[-1] = groups[-1] + blocks
        else:
            groups.append(list(blocks))
    return groups


def _pages_by_kind_named(unit: _Unit, rules: Rules) -> list[list[Block]]:
    """A titled unit's pages, grouped by the kinds of page their headings name: a page whose
    headings name kinds of page none of which the pages before it named (a copyright notice with
    its English title, then a masthead page with no title of its own) starts another unit; a page
    naming none, or one named before, goes on with the one before it (the masthead's second page,
    duty editors' headings only). One group: an article running on."""
    kinds = (UnitKind.MASTHEAD, UnitKind.NOTICE, UnitKind.ADVERTISEMENT, UnitKind.TOC)
    groups: list[list[Block]] = []
    named: set[str] = set()
    for page in unit.pages:
        blocks = [b for b in unit.blocks if b.page == page]
        heads = _head_blocks(blocks)
        here = {k for k in kinds if runon.names_kind(heads, rules.get("page_kinds", k, default=[]))}
        if groups and named and here and named.isdisjoint(here):
            groups.append(blocks)
            named = here
        elif groups:
            groups[-1] = groups[-1] + blocks
            named |= here
        else:
            groups.append(blocks)
            named = here
    return groups


def _heads(unit: _Unit) -> str:
    """The text of a unit's display type and headings: where it names what kind of page it is."""
    return " ".join(b.text for b in _head_blocks(unit.blocks))


def _head_blocks(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.role not in BODY_ROLES or b.role == Role.HEADING]


def _kind(
    unit: _Unit,
    rules: Rules,
    first_page: int,
    folio_span: tuple[int, int] | None = None,
    after_contents=False,
) -> str:
    """article, or what kind of other page: told by words printed in its headings first, then anywhere.
    A page no word names is contents by its numbers only when they name the issue's pages
    (_names_pages: folio_span, the issue's first and last folio) and the issue's contents were not
    found on an earlier page than the one before it (after_contents): a table's rest after a
    full-page advertisement is a page of rows ending in figures, and no contents page."""
    heads = _heads(unit)
    body_chars = sum(len(b.text) for b in unit.blocks if b.role in BODY_ROLES)
    has_byline = any(b.role == Role.BYLINE for b in unit.blocks)
    title = next((b.text for b in unit.blocks if b.role == Role.TITLE), "")
    names_journal = _names_journal(title, rules)
    has_en_title = _has_english_title(unit)
    if unit.pages[0] == first_page and (names_journal or not (has_byline or has_en_title)):
        return UnitKind.COVER
    ends = [
        int(m.group(1)) for b in unit.blocks for ln in b.lines if (m := _END_NUMBER.search(ln.text.strip()))
    ]
    numbered_lines = len(ends)
    toc_marks = rules.get("page_kinds", UnitKind.TOC, default=[])
    if any(re.sub(r"\s", "", m) == re.sub(r"\s", "", title) for m in toc_marks) or (
        _has_marker(heads, toc_marks) and numbered_lines >= 3
    ):
        return UnitKind.TOC
    if title and has_byline:
        return UnitKind.ARTICLE
    kinds = (UnitKind.MASTHEAD, UnitKind.NOTICE, UnitKind.ADVERTISEMENT)
    head_blocks = _head_blocks(unit.blocks)
    marked = [k for k in kinds if runon.names_kind(head_blocks, rules.get("page_kinds", k, default=[]))]
    if marked:
        return marked[0]
    if title and body_chars > 300 and not names_journal:
        return UnitKind.ARTICLE  # titled editorial content without a byline (profiles, briefs)
    # a kind's word inside a sentence of the running text only mentions it (runon.names_kind)
    marked = [k for k in kinds if runon.names_kind(unit.blocks, rules.get("page_kinds", k, default=[]))]
    if marked:
        return marked[0]
    if numbered_lines >= 5 and not after_contents and _names_pages(ends, folio_span):
        return UnitKind.TOC
    if items.has_item_structure(unit.blocks, rules):
        return UnitKind.ARTICLE  # a round-up with no title of its own, told by its items
    # outside an article's title area a text run across the page is the page's running text, though
    # its width gave it the deck's role (a notice's long paragraph under narrow address lines)
    running = body_chars + sum(len(b.text) for b in unit.blocks if b.role == Role.DECK)
    return UnitKind.ADVERTISEMENT if running < 300 else UnitKind.NOTICE


def _names_pages(numbers: list[int], folio_span: tuple[int, int] | None) -> bool:
    """The numbers ending a page's lines, in reading order, name the issue's pages: within its
    folio range (when its folios are known) and rising as a contents page lists them."""
    if folio_span is not None:
        lo, hi = folio_span
        inside = sum(1 for n in numbers if lo <= n <= hi)
        if inside < CONTENTS_IN_RANGE_SHARE * len(numbers):
            return False
    rising = sum(1 for a, b in pairwise(numbers) if b >= a)
    return rising >= CONTENTS_RISING_SHARE * (len(numbers) - 1)


def _kind_evidence(unit: _Unit, kind: str, rules: Rules, first_page: int) -> tuple[list[str], list[str]]:
    """What says a unit other than an article is of its kind, and what says it is not: the words
    its pages print for that kind (page_kinds), the first page or the journal's own name for the
    cover ("kind_named"); a unit typed by its shape alone (little text: an advert, more: a notice;
    the journal's name heads both) has none. Headings naming two kinds of page (a masthead and a
    copyright notice run together) speak against it ("kinds_disagree")."""
    title = next((b.text for b in unit.blocks if b.role == Role.TITLE), "")
    cover = kind == UnitKind.COVER and (unit.pages[0] == first_page or _names_journal(title, rules))
    # words set letter-spaced or run together ("编辑部 宣", "编辑部宣"); a word inside a sentence
    # of running text only mentions the kind (runon.names_kind)
    named = cover or runon.names_kind(unit.blocks, rules.get("page_kinds", kind, default=[]))
    kinds = (UnitKind.MASTHEAD, UnitKind.NOTICE, UnitKind.ADVERTISEMENT)
    heads = _head_blocks(unit.blocks)
    in_heads = [k for k in kinds if runon.names_kind(heads, rules.get("page_kinds", k, default=[]))]
    against = ["kinds_disagree"] if len(in_heads) > 1 else []
    if named:
        return ["kind_named"], against
    # a notice no word names, titled with the journal's own name away from the first page: the
    # journal's own page (about it, its addresses), which is neither cover, masthead nor contents.
    # The name may head the unit in another role (the English name set over the Chinese one)
    heads_with = [title, unit.blocks[0].text if unit.blocks else ""]
    own = (
        kind == UnitKind.NOTICE
        and unit.pages[0] != first_page
        and any(_names_journal(t, rules) for t in heads_with)
    )
    return (["journal_page"] if own else []), against


def _has_english_title(unit: _Unit) -> bool:
    """An English title printed with the Chinese one: full width, or the English line right under it."""
    if any(b.role == Role.TITLE_EN for b in unit.blocks):
        return True
    for i, b in enumerate(unit.blocks):
        if b.role == Role.TITLE:
            after = [x for x in unit.blocks[i + 1 : i + 4] if x.role not in (Role.TITLE, Role.SUBTITLE)]
            return bool(after) and after[0].lang == "en" and len(after[0].text) < 300
    return False


def _names_journal(text: str, rules: Rules) -> bool:
    journal = [rules.get("journal", "zh"), rules.get("journal", "en")]
    return re.sub(r"\s", "", text).lower() in [re.sub(r"\s", "", j or "").lower() for j in journal]


def _has_marker(text: str, markers: list[str]) -> bool:
    return any(m in text for m in markers)


def split_authors(byline_names: str, rules: Rules) -> list[str]:
    """'杨静 周亚婧 陈敏' -> 3 names; '珂 闻' (one name spaced out) -> 1; '张超白岑' -> 2; '杨静 · 陈敏'
    -> 2 (a middle dot set apart between names; one inside a name, 阿卜杜勒·阿齐兹, stays)."""
    names = [n for n in re.split(r"\s+[·・•]\s+|[\s、，,；;／/]+", byline_names.strip()) if n]
    if names and all(len(n) == 1 for n in names):
        return [" ".join(names)] if len(names) <= 3 else names  # kept as printed: "珂 闻"
    out = []
    for n in names:
        if re.fullmatch(r"[\u4e00-\u9fff]{4,}", n) and len(n) % 2 == 0:
            out += [n[i : i + 2] for i in range(0, len(n), 2)]
        else:
            out.append(n)
    return out


def deck_joined(deck: str | None, text: str, sep: str) -> str:
    """A deck read block by block: a block after one that ended its sentence is the deck's next
    paragraph (a line of its own, as the key and decks.take_lead_deck keep a deck's paragraphs);
    one after a piece left open goes on in it (a deck cut by a column end)."""
    if deck is None:
        return text
    return f"{deck}\n{text}" if ends_with_stop(deck, SENTENCE_STOPS + ".") else f"{deck}{sep}{text}"


def _deck_only(art: Article) -> None:
    """A section opener: a short Chinese standfirst and its English version, no body. Set in the
    column grid it reads like paragraphs; it is the deck (deck_zh / deck_en), a paragraph a line
    (as decks.take_lead_deck writes a lead box's)."""
    zh = [b for b in art.flow if b.lang == "zh"]
    en = [b for b in art.flow if b.lang == "en"]
    if art.kind != UnitKind.ARTICLE:
        return  # an advert's or a notice's lines and their English are its text, no standfirst
    if art.deck_zh or not zh or not en or any(b.role != Role.PARAGRAPH for b in zh):
        return
    if any(b.role != Role.ENGLISH for b in en) or art.flow.index(en[0]) < art.flow.index(zh[-1]):
        return
    if sum(len(b.text) for b in zh) > 1200 or art.captions:
        return
    art.deck_zh = "\n".join(b.text.strip() for b in zh)
    art.deck_en = "\n".join(b.text.strip() for b in en)
    art.blocks, art.english, art.flow = [], [], []


def _take_abstract(art: Article, text: str, rules: Rules) -> bool:
    """摘要：… and 关键词：… are the article's own fields, not body paragraphs."""
    for marker in rules.markers("abstract_zh"):
        if text.startswith(marker):
            abstract = text[len(marker) :]
            # 关键词 run on in the same block (set close under the abstract): split it off
            at = min((i for m in rules.markers("keywords_zh") if (i := abstract.find(m)) > 0), default=-1)
            if at > 0:
                _take_abstract(art, abstract[at:], rules)
                abstract = abstract[:at]
            art.abstract_zh = abstract.lstrip("：: ").strip()
            return True
    for marker in rules.markers("keywords_zh"):
        if text.startswith(marker):
            art.keywords_zh = [w for w in re.split(r"[；;，,、\s]+", text[len(marker) :].lstrip("：: ")) if w]
            return True
    return False


def _label_parts(text: str) -> tuple[str | None, str | None]:
    """ "栏目名 Section Name" -> ("栏目名", "Section Name")."""
    zh = "".join(re.findall(r"[\u4e00-\u9fff]+", text)) or None
    en = " ".join(re.findall(r"[A-Za-z][A-Za-z&'’ -]*[A-Za-z]", text)) or None
    return zh, en


# A byline may be flagged by an ornament instead of 文/ ("■ 张三").
_NAME_MARK = re.compile(r"^[■□▪▫◆◇●○▲△★☆•]\s*")


def _bare_names(text: str) -> str:
    """The names of a byline printed bare, after its ornament if it has one."""
    return _NAME_MARK.sub("", text.strip())


def _looks_like_names(text: str) -> bool:
    """A bare byline under a title ("郑华林", "■ 张三 李四"): one to four Chinese names, nothing else."""
    return bool(
        re.fullmatch(r"[\u4e00-\u9fff]{2,4}(?:[ 　、，,][\u4e00-\u9fff]{2,4}){0,3}", _bare_names(text))
    )


def _bare_byline(art: Article, text: str) -> bool:
    """Two to four short Chinese words under an article's title are its authors; in a masthead,
    notice or advert the same shape is a label ("主管 主办"), and these units print no byline."""
    return (
        art.kind == UnitKind.ARTICLE and bool(art.title_zh) and art.byline is None and _looks_like_names(text)
    )


def _bare_byline_over_title(art: Article, blocks: list[Block], k: int) -> bool:
    """Names printed bare right over the title, under the section label already read ("郑华林" over a
    paper's title): the byline. Without a label read first, two to four characters over a title
    may be a label the rules do not know (深度), and stay one."""
    blk = blocks[k]
    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
    return (
        blk.role == Role.OTHER
        and art.title_zh is None
        and art.section_zh is not None
        and art.byline is None
        and nxt is not None
        and nxt.role == Role.TITLE
        and nxt.page == blk.page
        and 0 <= nxt.bbox[1] - blk.bbox[3] < 2 * nxt.size
        and _looks_like_names(blk.text.strip())
    )


def _byline(block: Block, rules: Rules) -> tuple[str, list[str]]:
    text = block.text.strip()
    for pat in rules.byline_res:
        m = pat.match(text)
        if m:
            return text, split_authors(m.group(1), rules)
    return text, [text]


def _ink(blk: Block) -> int | None:
    """The colour most of a block's text is set in."""
    inks = Counter()
    for ln in blk.lines:
        inks[ln.color] += len(ln.text)
    return inks.most_common(1)[0][0] if inks else None


def body_ink(blocks: list[Block]) -> int | None:
    """The colour the body paragraphs are set in (by characters)."""
    inks = Counter()
    for blk in blocks:
        if blk.role == Role.PARAGRAPH and blk.lang == "zh":
            for ln in blk.lines:
                inks[ln.color] += len(ln.text)
    return inks.most_common(1)[0][0] if inks else None


def _build_article(
    seq: int,
    unit: _Unit,
    kind: str,
    rules: Rules,
    folios: dict[int, int],
    body: float = 10.0,
    ink: int | None = None,
    pictures: dict[int, list[BBox]] | None = None,
    doubts: list[Decision] | None = None,
) -> Article:
    """Title area first (until the first body block), then body, captions and English in order.
    Display type no field takes (strays.py) is kept as the article's caption, heading or paragraph,
    each such decision added to doubts."""
    art = Article(seq=seq, kind=kind, pages=unit.pages)
    in_head = True
    deck_face = None  # (ink, size) of the deck read so far
    # the smallest type the unit's Chinese paragraphs are set in: a standfirst stands over text in
    # smaller type than its own (an editorial set bigger than the issue's body has none under it)
    smallest = min((b.size for b in unit.blocks if b.role == Role.PARAGRAPH and b.lang == "zh"), default=body)
    head_roles: list[str] = []  # the roles the title area took, in order
    handed_on = _trailing_english(unit.blocks) if kind == UnitKind.ARTICLE else set()
    for k, blk in enumerate(unit.blocks):
        if in_head and kind == UnitKind.ARTICLE and _bare_byline_over_title(art, unit.blocks, k):
            art.byline, art.authors = blk.text.strip(), split_authors(_bare_names(blk.text), rules)
            continue
        if in_head and _subtitle_in_area(unit.blocks, k, head_roles):
            blk = replace(blk, role=Role.SUBTITLE)
        if in_head and id(blk) in handed_on:
            art.english.append(blk)  # the next article's English title (summaries hands it on)
            art.flow.append(blk)
            continue
        if in_head and kind != UnitKind.ARTICLE and _display_after_head(blk, head_roles):
            in_head = False  # a cover's lines under its masthead title: its text, not one long title
        if not in_head and kind != UnitKind.ARTICLE and blk.role in HEAD_ROLES:
            art.blocks.append(blk)  # held as text in reading order (generic.py gives it a body role)
            art.flow.append(blk)
            continue
        if in_head:
            head_roles.append(blk.role)
        if in_head and blk.role == Role.DECK and ink is not None and kind == UnitKind.ARTICLE:
            face = (_ink(blk), abs(blk.size - body) < 0.05 * body)
            if deck_face is not None and face != deck_face and face == (ink, True):
                # text across the page in the body's own face after a deck set apart from it (grey,
                # larger) is the body, run full width under columns (a one-column article's first
                # paragraph on a page whose other article has columns)
                blk = replace(blk, role=Role.PARAGRAPH)
            deck_face = deck_face or face
        if in_head and _english_title_in_deck_type(art, blk, head_roles[:-1]):
            blk = replace(blk, role=Role.TITLE_EN)
        decks = (art.deck_zh, art.deck_en)
        if in_head and _take_head(art, blk, rules, body, ink, smallest):
            if kind == UnitKind.ARTICLE or (art.deck_zh, art.deck_en) == decks:
                continue
            # a standfirst leads an article; in a notice, advert, cover or masthead, text set across
            # the page (its paragraphs set apart by space alone, none indented) and its English are
            # the unit's text, kept in reading order (generic.hold_text gives them body roles)
            art.deck_zh, art.deck_en = decks
            text = replace(blk, role=Role.ENGLISH if blk.lang == "en" else Role.PARAGRAPH)
            (art.english if blk.lang == "en" else art.blocks).append(text)
            art.flow.append(text)
            continue
        if kind != UnitKind.ARTICLE and blk.role == Role.OTHER:
            # display type under the unit's title that names no field of it (a cover's slogan,
            # 领读 世界科技, set glyph by glyph): the page's text, in reading order, not dropped
            in_head = False
            art.blocks.append(blk)
            art.flow.append(blk)
            continue
        r = blk.role
        if r == "deck" and not in_head and not blk.text.lstrip().startswith(tuple(rules.markers("note"))):
            # a deck stands in the title area; wide body-size text after the body began (a one-column
            # article under a page of columns) is paragraphs, not text to drop (a table's note
            # across the page is the table's)
            blk = replace(blk, role=Role.PARAGRAPH)
            r = blk.role
        if r in BODY_ROLES and _take_abstract(art, blk.text, rules):
            continue
        if r in BODY_ROLES:
            in_head = False
            art.blocks.append(blk)
            art.flow.append(blk)
        elif r == "byline" and art.byline is None:
            art.byline, art.authors = _byline(blk, rules)
        elif r == "byline":
            # a second byline-shaped line inside the body ("■ 研究背景") is the body's own heading
            blk.role = Role.HEADING
            art.blocks.append(blk)
            art.flow.append(blk)
        elif r == "caption":
            # a caption in both languages: one each; a credit cut off its caption: a credit row
            art.captions += caption_parts(blk, tuple(rules.markers("credit")))
        elif r == "pull_quote":
            art.blocks.append(blk)  # kept where it stands, typed, out of the body text
            art.flow.append(blk)
        elif r in ("summary", "summary_heading", "english", "deck_en"):
            art.english.append(blk)
            art.flow.append(blk)
        elif r == "title_en" and not in_head and any(p.match(blk.text) for p in _caption_res(rules)):
            # English in title type after the body began that the caption patterns name (Fig. 1. …
            # under a figure's Chinese caption): the figure's caption, not the paper's English title
            # (which a paper's front matter gives later, and which took its place: the line was lost)
            art.captions += caption_parts(blk, tuple(rules.markers("credit")))
        elif r == "title_en" and art.title_en is None:
            art.title_en = blk.text
        elif r == "title_en":  # a second English title line in one unit is English text
            art.english.append(blk)
            art.flow.append(blk)
        elif kind == UnitKind.ARTICLE and r in HEAD_ROLES and _LETTER.search(blk.text):
            # display type after the title area no field took (a line the caption patterns miss
            # under a picture, a label-sized line between paragraphs set across the page): the
            # article's text all the same, never dropped (strays.py decides what, and warns). A
            # bare number (a brief's running number over its heading: items.py reads it) is not
            in_head = False
            captions = [b for b in unit.blocks if b.role == Role.CAPTION and b.page == blk.page]
            blk, doubt = place_stray(blk, (pictures or {}).get(blk.page, []), captions, _caption_res(rules))
            if doubts is not None and doubt is not None:
                doubts.append(doubt)
            if blk.role == Role.CAPTION:
                art.captions += caption_parts(blk, tuple(rules.markers("credit")))
            else:
                art.blocks.append(blk)
                art.flow.append(blk)
    take_lead_deck(art, rules)
    _deck_only(art)
    _mark_pull_quotes(art.blocks, body)
    _quote_marks_with_their_quote(art.blocks)
    if kind == UnitKind.ARTICLE:
        art.blocks, art.flow = unlabelled_tails(art.blocks, art.flow, title_area_names(art), rules)
    art.blocks = _titled_afterwords(art.blocks, rules)
    art.flow = [b for b in art.flow if b.role != Role.AFTERWORD_TITLE]
    op = unit.opening
    if op is not None:
        art.evidence_for, art.evidence_against = list(op.evidence_for), list(op.evidence_against)
        if op.anchor is not None and art.title_zh is None:
            # located from the contents at a block no title area marked (a round-up's first heading)
            art.title_zh = next(
                (b.text.strip() for b in unit.blocks if b.bbox == op.anchor.bbox), op.anchor.entry.title_zh
            )
            if items.item_number(art.title_zh) == 1 and items.has_item_structure(unit.blocks, rules):
                art.title_zh = items.item_title(art.title_zh)  # "1 周志华：…": the first item's number
    if kind != UnitKind.ARTICLE and art.title_zh is None and art.blocks:
        art.title_zh = art.blocks[0].text[:80]
    elif art.title_zh is None and items.has_item_structure(unit.blocks, rules):
        # a round-up printed with no title of its own goes by its first item's heading (as its
        # contents entry would name it), and by that item's English title
        k = next(i for i, b in enumerate(unit.blocks) if b.role == Role.HEADING)
        head = unit.blocks[k].text.strip()
        art.title_zh = items.item_title(head) if items.item_number(head) == 1 else head  # "1 周志华：…"
        after = unit.blocks[k + 1] if k + 1 < len(unit.blocks) else None
        if art.title_en is None and after is not None and items.is_en_title(after):
            art.title_en = after.text.strip()
    if art.pages:
        art.toc_page = folios.get(art.pages[0])
    return art


_NOT_WORDS = re.compile(r"[\W_]+")


def _caption_res(rules: Rules) -> list[re.Pattern]:
    """The rules' caption patterns: a table's (tables.caption_pattern), a figure's or table's as a
    paper prints them (academic.caption_pattern)."""
    pats = (rules.get("tables", "caption_pattern"), rules.get("academic", "caption_pattern"))
    return [re.compile(p) for p in pats if p]


_LETTER = re.compile(r"[^\W\d_]")  # a letter of any script


def _mark_pull_quotes(blocks: list[Block], body: float) -> None:
    """A sentence of the article repeated in big type inside its columns (a pull quote) is not
    more body text: typed pull_quote (kept, with its place, but out of the body text)."""
    texts = [_NOT_WORDS.sub("", b.text) for b in blocks]
    for blk, text in zip(blocks, texts, strict=True):
        if blk.role == Role.PARAGRAPH and blk.size >= 1.15 * body and len(text) >= 12:
            if any(text in other for other in texts if other is not text and len(other) > len(text)):
                blk.role = Role.PULL_QUOTE


# what a pull quote's display quotation mark, set large on a line of its own, prints
_QUOTE_MARKS = re.compile(r"[“”‘’「」『』\"'〝〞＂]+")


def _quote_marks_with_their_quote(blocks: list[Block]) -> None:
    """A block holding nothing but a quotation mark (set large over a pull quote: the house's
    ornament), right before a pull quote on its page, is that quote's, not body text."""
    for blk, nxt in pairwise(blocks):
        if (
            nxt.role == Role.PULL_QUOTE
            and blk.role != Role.PULL_QUOTE
            and blk.page == nxt.page
            and _QUOTE_MARKS.fullmatch(blk.text.strip())
        ):
            blk.role = Role.PULL_QUOTE


def _english_title_in_deck_type(art: Article, blk: Block, before: list[str]) -> bool:
    """English set smaller than the body (typed an English deck by its face) right under the
    Chinese title or subtitle, before any Chinese deck, not closing a sentence, is the title's
    English: an English deck translates the Chinese one and follows it, and ends with a full stop
    (a house style that sets the English title in the deck's small grey sans)."""
    return (
        blk.role == Role.DECK_EN
        and art.title_en is None
        and art.deck_zh is None
        and bool(before)
        and before[-1] in (Role.TITLE, Role.SUBTITLE)
        and len(blk.text.strip()) < ENGLISH_TITLE_MAX_CHARS
        and not blk.text.rstrip().endswith(".")
    )


# An English title is shorter than this (characters); longer English under a title is a deck
ENGLISH_TITLE_MAX_CHARS = 300


# the title-area roles that, under a line set between them and the title, show the area goes on
_AREA_GOES_ON = (Role.TITLE_EN, Role.BYLINE, Role.DECK, Role.DECK_EN)


def _subtitle_in_area(blocks: list[Block], k: int, head_roles: list[str]) -> bool:
    """A heading-like line right under the title, with more of the title area under it (the English
    title, the byline, the deck) on its page, is the subtitle printed without a dash (in another
    face, grey): the body has not begun. A heading opening the body has body text under it."""
    blk = blocks[k]
    # (read in a column, a heading; alone in its row over the gutter, over the columns: no role)
    if blk.role not in (Role.HEADING, Role.OTHER) or not head_roles or head_roles[-1] != Role.TITLE:
        return False
    if blk.lang != "zh":
        return False
    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
    return nxt is not None and nxt.page == blk.page and nxt.role in _AREA_GOES_ON


def _display_after_head(blk: Block, head_roles: list[str]) -> bool:
    """In a unit other than an article, a title after its title area took more than title lines
    (its English, a line of text) is display type of the page (a cover's lines naming the issue's
    articles), not more of the unit's title."""
    if blk.role != Role.TITLE or Role.TITLE not in head_roles:
        return False
    return any(r != Role.TITLE for r in head_roles[head_roles.index(Role.TITLE) :])


def _take_head(
    art: Article, blk: Block, rules: Rules, body: float, ink: int | None = None, smallest: float = 0.0
) -> bool:
    """Read one block of the title area into the article's fields; False when it is not one."""
    r, text = blk.role, blk.text.strip()
    if r == Role.DECK_EN and art.english and art.english[-1].role == Role.SUMMARY_HEADING:
        return False  # an Abstract printed as plain text across the page, under its heading
    if r == "deck" and _take_abstract(art, text, rules):
        return True  # 摘要 / 关键词 set across the page in the title area
    if r in HEAD_ROLES:
        if r == "section":
            sec = rules.section_for(text)
            art.section_zh, art.section_en = (sec.get("zh"), sec.get("en")) if sec else (text, None)
        elif r == "title":
            art.title_zh = text if art.title_zh is None else _join_title(art.title_zh, text)
            art.title_bbox = art.title_bbox or blk.bbox
        elif r == "subtitle" and art.deck_zh is not None:
            art.deck_zh += text  # "——name" under a pull quote is its attribution
        elif r == "subtitle":
            art.subtitle_zh = strip_dash(text)
        elif r == "title_en" and art.title_en is None:
            art.title_en = text
        elif r == "byline" and art.byline is None:
            art.byline, art.authors = _byline(blk, rules)
        elif r == "byline":
            return False  # the article has its byline: this one is the body's (a heading)
        elif r == "deck":
            art.deck_zh = deck_joined(art.deck_zh, text, "")
        elif r in ("deck_en", "title_en"):
            art.deck_en = deck_joined(art.deck_en, text, " ")
        elif art.title_zh is None and art.kind != UnitKind.ARTICLE:
            art.title_zh = text
        elif r == "other" and _bare_byline(art, text):
            art.byline, art.authors = text, split_authors(_bare_names(text), rules)  # a byline printed bare
        elif r == "other" and art.title_zh is None and art.section_zh is None and len(text) <= 40:
            art.section_zh, art.section_en = _label_parts(text)  # a label the rules do not know yet
        elif r == "other":
            return False  # display type of the page no field of the unit takes: its text (_build_article)
        return True
    if (
        r == Role.ENGLISH
        and art.kind == UnitKind.ARTICLE
        and art.title_zh is None
        and art.title_en is None
        and len(text) < EN_TITLE_MAX_CHARS
        and not text.endswith(".")
    ):
        art.title_en = text  # the English title printed over the Chinese one, read as column text
        return True
    if not art.title_zh:
        return False
    # title-area pieces set in the column grid rather than full width
    if blk.lang == "en" and r in ("english", "heading"):
        if r == "english" and art.deck_en is None and _runs_on_from(art.title_en, text):
            # the "title" read before was the English deck's first piece, cut by a column end (a
            # byline set under it in its column): the deck's rest takes up its sentence
            art.deck_en, art.title_en = f"{art.title_en} {text}", None
        elif art.title_en is None and len(text) < 300:
            art.title_en = text  # the English title
        elif r == "english" and (art.deck_en is not None or not _title_shaped(text)):
            art.deck_en = deck_joined(art.deck_en, text, " ")  # English standfirst
        else:
            return False  # a second English title (a round-up's first item's, over its heading)
    elif r != Role.CAPTION and _bare_byline(art, text):
        # a photo's caption is often a name or two ("世和基因", "金博股份") and may be read before the
        # byline when its photo stands at the top of the first column: never the byline
        art.byline, art.authors = text, split_authors(_bare_names(text), rules)  # a byline printed bare
    elif r == "heading" and art.subtitle_zh is None and text.startswith("——"):
        art.subtitle_zh = strip_dash(text)
    elif (
        r == "paragraph"
        and (
            (blk.size >= 1.05 * body and smallest * 1.05 <= blk.size)
            or (art.kind == UnitKind.ARTICLE and _other_ink(blk, ink))
        )
        and not is_bio(text, title_area_names(art), rules)  # the bio of the person the title names
    ):
        # a standfirst in the column (a one-column page has no columns for it to span), in larger
        # type than the issue's body and than the unit's own text under it, or in another ink than
        # the body's (grey at body size)
        art.deck_zh = deck_joined(art.deck_zh, text, "")
    else:
        return False
    return True


_TRAILING_EN_ROLES = (Role.DECK_EN, Role.TITLE_EN, Role.ENGLISH)


def _trailing_english(blocks: list[Block]) -> set[int]:
    """ids of the English lines that end the unit on a later page than its title: a title area
    does not end a unit on another page, so these stand over the next unit's Chinese title (a house
    style that sets the English title above it). A unit with no body (a section opener's deck)
    reads every block as its title area: these go to its flow all the same, where
    summaries._give_english_title_on hands them on to the next article."""
    title_page = next((b.page for b in blocks if b.role == Role.TITLE), None)
    out: set[int] = set()
    for blk in reversed(blocks):
        if (
            title_page is None
            or blk.lang != "en"
            or blk.role not in _TRAILING_EN_ROLES
            or blk.page <= title_page
        ):
            break
        out.add(id(blk))
    return out


def _runs_on_from(before: str | None, text: str) -> bool:
    """English text that opens mid-sentence (a lower-case word, a comma) after English that left
    its sentence open: the rest of that text, cut by a column end. A title does not run on into
    prose."""
    t = text.lstrip()
    return (
        before is not None
        and not before.rstrip().endswith((".", "!", "?", "”", '"', ":"))
        and bool(t)
        and (t[0].islower() or t[0] in ",;)")
    )


def _title_shaped(text: str) -> bool:
    """English that reads as a title, not as prose: short, and no sentence closes it."""
    return len(text) < EN_TITLE_MAX_CHARS and not text.rstrip().endswith((".", "!", "?", "”", '"'))


def _other_ink(blk: Block, ink: int | None) -> bool:
    """A Chinese paragraph set in another colour than the issue's body text."""
    return ink is not None and blk.lang == "zh" and _ink(blk) != ink


def _titled_afterwords(blocks: list[Block], rules: Rules) -> list[Block]:
    """ "编后：<title>" set apart above the box text is the afterword's title, not a block."""
    out: list[Block] = []
    for blk in blocks:
        prev = out[-1] if out else None
        if prev is not None and prev.role == Role.AFTERWORD and prev.title is None and len(prev.text) <= 40:
            if blk.box_id == prev.box_id and blk.role in (Role.BOX, Role.PARAGRAPH):
                marker = next((m for m in rules.markers("afterword") if prev.text.startswith(m)), "")
                blk.role, blk.title = Role.AFTERWORD, prev.text[len(marker) :].lstrip("：: ").strip()
                prev.role = Role.AFTERWORD_TITLE
                out[-1] = blk
                continue
        if blk.role == Role.AFTERWORD and blk.title is None and len(blk.lines) > 1:
            _split_afterword_title(blk, rules)
        out.append(blk)
    return out


def _split_afterword_title(blk: Block, rules: Rules) -> None:
    """The title run into its text (same type): a first line that stops well short is the title."""
    first, rest = blk.lines[0], blk.lines[1:]
    right = max(ln.x1 for ln in rest)
    marker = next((m for m in rules.markers("afterword") if first.text.startswith(m)), None)
    if marker and first.x1 < right - 2 * first.size and len(first.text) <= 40:
        blk.title = first.text[len(marker) :].lstrip("：: ").strip()
        blk.text = blk.text[len(first.text) :].lstrip()


def _join_title(a: str, b: str) -> str:
    return a + b if re.search(r"[\u4e00-\u9fff]$", a) and re.match(r"[\u4e00-\u9fff]", b) else a + " " + b


def _inherit_sections(articles: list[Article], doc: LaidOutDocument, rules: Rules) -> None:
    """No label on the opening page: take the section from the running heads, else the previous article."""
    heads = {p.number: [ln.text for ln in p.furniture] for p in doc.pages}
    prev = None
    for art in articles:
        if art.kind != UnitKind.ARTICLE:
            continue
        if art.section_zh is None:
            for page in art.pages:
                sec = next((rules.section_for(t) for t in heads.get(page, []) if rules.section_for(t)), None)
                if sec is None:
                    sec = next(
                        (
                            rules.section_for(w)
                            for t in heads.get(page, [])
                            for w in t.split()
                            if rules.section_for(w)
                        ),
                        None,
                    )
                if sec:
                    art.section_zh, art.section_en = sec.get("zh"), sec.get("en")
                    break
        if art.section_zh is None and prev is not None:
            art.section_zh, art.section_en = prev.section_zh, prev.section_en
        prev = art


def _opener_pages(
    articles: list[Article], doc: LaidOutDocument, rules: Rules, folios: dict[int, int]
) -> None:
    """A page that holds no text of any unit (a picture under a running head) right before an
    article opening a section of its own, whose running heads name that section or none (the
    journal's name on a left-hand page), is the article's first page: a section opener's picture
    page, which the folio of a contents entry names (with no contents, toc_page is read from it).
    A closing picture of the article before carries a caption, and an image-only advertisement
    prints no running head: both stay apart."""
    held = {p for a in articles for p in a.pages}
    text_pages = {p.number for p in doc.pages if p.blocks}
    heads = {p.number: [ln.text for ln in p.furniture] for p in doc.pages}
    pictured = {p.number for p in doc.raw.pages if _pictured(p)}
    prev: Article | None = None
    for art in articles:
        if art.kind == UnitKind.ARTICLE and art.pages and art.section_zh:
            page = art.pages[0] - 1
            named = {
                (sec or {}).get("zh")
                for t in heads.get(page, [])
                for sec in (rules.section_for(t), *map(rules.section_for, t.split()))
            }
            if (
                page in heads
                and page not in held
                and page not in text_pages
                # a picture: a blank page, or one holding only the border of a box run over from
                # the page before, is the unit before's turn, never the next opener's
                and page in pictured
                and heads[page]  # an editorial page under a running head (an advert prints none)
                and named <= {None, art.section_zh}
                and (prev is None or prev.section_zh != art.section_zh or art.section_zh in named)
            ):
                if art.toc_page == folios.get(art.pages[0]):  # read from its page, not a contents entry
                    art.toc_page = folios.get(page)
                art.pages = [page, *art.pages]
                held.add(page)  # the first unit on the title's page takes it, not the next one there
        if art.kind == UnitKind.ARTICLE:
            prev = art


def _marks(page: RawPage) -> list[BBox]:
    """What a page draws beside its text that is more than a hairline (a running head's rule):
    pictures, boxes, shading, a box's border run over from the page before."""
    boxes = [*page.images, *(r.bbox for r in page.rects)]
    return [b for b in boxes if min(b[2] - b[0], b[3] - b[1]) >= MARK_MIN_PT]


def _pictured(page: RawPage) -> bool:
    """The page prints a picture: an image or a drawn area covering PICTURE_PAGE_SHARE of it."""
    area = page.width * page.height
    return any((b[2] - b[0]) * (b[3] - b[1]) >= PICTURE_PAGE_SHARE * area for b in _marks(page))


def _bare_page_turns(articles: list[Article], doc: LaidOutDocument) -> list[Decision]:
    """A page that holds no text of any unit and no picture, only marks (a box's border run over
    from the page before, its shading), right after a unit's last page, is that unit's: the unit
    runs onto it; an opener after it begins on its own title's page. It is sure where the page
    before holds a box that reaches its text's foot (the box spilled over the turn) and the bare
    page's marks start in its upper half; without that it is taken on its place alone, doubted
    ("bare_page_doubtful") and warned at the page. A blank page (nothing but running heads and
    folio) belongs to no unit's text and is left to none."""
    held = {p for a in articles for p in a.pages}
    text_pages = {p.number for p in doc.pages if p.blocks}
    raw = {p.number: p for p in doc.raw.pages}
    laid = {p.number: p.blocks for p in doc.pages}
    last_page = {a.pages[-1]: a for a in articles if a.pages}
    decisions: list[Decision] = []
    for number, page in sorted(raw.items()):
        marks = _marks(page)
        owner = last_page.get(number - 1)
        if number in held or number in text_pages or not marks or owner is None or _pictured(page):
            continue
        before = raw.get(number - 1)
        foot = max(
            (pc.bbox[3] for b in laid.get(number - 1, []) for pc in b.pieces if pc.page == number - 1),
            default=None,
        )
        spilled = (
            before is not None
            and foot is not None
            and any(b[3] >= foot - SPILL_FOOT_PT for b in _marks(before))
            and min(b[1] for b in marks) < page.height / 2
        )
        owner.pages = [*owner.pages, number]
        held.add(number)
        last_page[number] = owner
        if not spilled:
            owner.evidence_against.append("bare_page_doubtful")
            box = min(marks, key=lambda b: b[1])
            decisions.append(
                Decision(
                    WarningCode.BARE_PAGE_DOUBTFUL,
                    f"page {number}: no text, only marks; given to the unit before on its place alone",
                    number,
                    box,
                )
            )
    return decisions


def issue_meta(doc: LaidOutDocument, rules: Rules, fallback_id: str) -> IssueMeta:
    text = (
        " ".join(b.text for p in doc.pages[:6] for b in p.blocks)
        + " "
        + " ".join(ln.text for p in doc.pages[:6] for ln in p.furniture)
    )
    meta = IssueMeta(
        issue_id=fallback_id, journal_zh=rules.get("journal", "zh"), journal_en=rules.get("journal", "en")
    )
    pats = rules.get("issue_patterns", default={}) or {}
    if m := re.search(pats.get("year_volume_number", r"$^"), text):
        meta.year, meta.volume, meta.number = int(m.group(1)), int(m.group(2)), int(m.group(3))
        meta.issue_id = f"{meta.year}-v{meta.volume}n{meta.number}"
    if m := re.search(pats.get("total_number", r"$^"), text):
        meta.total_number = int(m.group(1))
    if m := re.search(pats.get("eissn", r"$^"), text):
        meta.eissn = m.group(1).upper()
    if m := re.search(pats.get("pub_date", r"$^"), text):
        meta.pub_date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return meta


def _typed_units(
    flat: list[Block],
    openings: list[Opening],
    rules: Rules,
    first_page: int,
    folio_span: tuple[int, int] | None = None,
    decisions: list[Decision] | None = None,
    inserts: set[int] | None = None,
):
    units: list[tuple[_Unit, str]] = []
    split: list[_Unit] = []
    for u in _roundup_runs(_split_units(flat, openings, rules), rules):
        if split and academic.joins_masthead(split[-1].blocks, u.blocks, rules):
            head = split.pop()
            u = _unit(head.blocks + u.blocks, head.opening)
        split.append(u)
    contents_end: int | None = None  # the last page of the contents found so far
    for i, u in enumerate(split):
        after_contents = contents_end is not None and u.pages[0] > contents_end + 1
        kind = (
            UnitKind.ARTICLE
            if u.opening is not None and u.opening.anchor is not None
            else _kind(u, rules, first_page, folio_span, after_contents)
        )
        if kind == UnitKind.TOC:
            contents_end = u.pages[-1]
        if kind != UnitKind.ARTICLE and academic.is_academic(u.blocks, rules):
            kind = UnitKind.ARTICLE  # a journal paper by its front matter, whatever page it opens
        nxt = split[i + 1] if i + 1 < len(split) else None
        if (
            kind != UnitKind.ARTICLE
            and nxt is not None
            and academic.ends_paper_before(u.blocks, nxt.blocks, rules)
        ):
            kind = UnitKind.ARTICLE  # the end of the paper before, above this one's title
        prev = units[-1] if units else None
        if prev and kind != UnitKind.ARTICLE and prev[1] == kind and prev[0].pages[-1] == u.pages[0]:
            units[-1] = (_unit(prev[0].blocks + u.blocks, prev[0].opening), kind)  # one advert page, one unit
        else:
            units.append((u, kind))
    return _resumed_after_inserts(
        units, rules, decisions if decisions is not None else [], inserts if inserts is not None else set()
    )


def _resumed_after_inserts(
    units: list[tuple[_Unit, str]], rules: Rules, decisions: list[Decision], inserts: set[int]
) -> list[tuple[_Unit, str]]:
    """An article whose text or table goes on after full-page advertisements the make-up put
    between its pages: the advertisement's display type opened a unit, which ran on over the pages
    after it (they have no title of their own) and was cut into pages. A page with no title area
    and no word naming its kind, right after such inserts (MAX_INSERT_PAGES), that carries on the
    article's last page (_carries_on: a sentence left open, a table's rest) is that article's, and
    so are the next pages of the same unit; the inserts stay units of their own. The pages of
    inserts the article surely carries on over (nothing doubtful in how) are added to `inserts`:
    pages the make-up put inside an article, evidence of an advertisement (segment)."""
    out: list[tuple[_Unit, str]] = []
    resumed: int | None = None  # the article the unit before was given back to
    todo = list(reversed(units))
    while todo:
        u, kind = todo.pop()
        last = out[resumed if resumed is not None else -1] if out else None
        q = None
        if kind == UnitKind.ADVERTISEMENT and last is not None and last[1] == UnitKind.ARTICLE:
            # an advertisement run on over the pages after it (its English line kept them
            # together) is cut where a page carries on the article right before it
            q = _resumes_at(last[0], u, rules)
        if q is not None:
            todo.append((_unit([b for b in u.blocks if b.page >= q]), kind))
            u = _unit([b for b in u.blocks if b.page < q], u.opening)
        free = kind != UnitKind.ARTICLE and u.opening is None and not _titled_or_named(u, rules)
        if free and resumed is not None and out[resumed][0].pages[-1] + 1 == u.pages[0]:
            art = out[resumed][0]
            out[resumed] = (_unit(art.blocks + u.blocks, art.opening), UnitKind.ARTICLE)
            continue
        resumed = None
        k = _article_before_inserts(out, u) if free else None
        if k is not None:
            art = out[k][0]
            before = [b for b in art.blocks if b.page == art.pages[-1]]
            after = [b for b in u.blocks if b.page == u.pages[0]]
            how, doubt = _carries_on(before, after, rules)
            if how is not None:
                blocks = art.blocks + u.blocks
                if how == "sentence" and after[0].role == before[-1].role and art.blocks[-1] is before[-1]:
                    # one paragraph cut by the inserts: joined again, as over a page turn
                    cut = len(art.blocks) - 1
                    blocks = art.blocks[:cut] + [rejoined(before[-1], after[0])] + u.blocks[1:]
                if not doubt:
                    inserts.update(p for unit, _ in out[k + 1 :] for p in unit.pages)
                if doubt:
                    decisions.append(
                        Decision(
                            WarningCode.UNIT_RESUMED_DOUBTFUL,
                            f"page {u.pages[0]} read as the rest of the article before the inserted "
                            f"page(s), on {doubt} alone",
                            u.pages[0],
                            after[0].bbox,
                        )
                    )
                out[k] = (_unit(blocks, art.opening), UnitKind.ARTICLE)
                resumed = k
                continue
        out.append((u, kind))
    return out


def _resumes_at(art: _Unit, unit: _Unit, rules: Rules) -> int | None:
    """The page of `unit`, after at most MAX_INSERT_PAGES of its own right after the article's
    last page, that carries on the article, with no title or kind's word from there on."""
    before = [b for b in art.blocks if b.page == art.pages[-1]]
    for n, q in enumerate(unit.pages[1 : MAX_INSERT_PAGES + 1], start=1):
        pages = [art.pages[-1], *unit.pages[: n + 1]]
        if not all(b == a + 1 for a, b in pairwise(pages)):
            return None
        tail = _unit([b for b in unit.blocks if b.page >= q])
        if _titled_or_named(tail, rules):
            return None
        if _carries_on(before, [b for b in tail.blocks if b.page == q], rules)[0] is not None:
            return q
    return None


def _titled_or_named(unit: _Unit, rules: Rules) -> bool:
    """A unit with a title area or byline of its own, or whose headings name a kind of page."""
    if any(b.role in (Role.TITLE, Role.BYLINE, Role.SECTION) for b in unit.blocks):
        return True
    kinds = (UnitKind.TOC, UnitKind.MASTHEAD, UnitKind.NOTICE, UnitKind.ADVERTISEMENT)
    heads = _head_blocks(unit.blocks)
    return any(runon.names_kind(heads, rules.get("page_kinds", k, default=[])) for k in kinds)


def _article_before_inserts(out: list[tuple[_Unit, str]], unit: _Unit) -> int | None:
    """The article whose last page is followed by nothing but full-page advertisements (one page
    each, at most MAX_INSERT_PAGES) up to the unit's first page: the units last in `out` (the
    article maybe before earlier inserts, when it was given a page back after them already)."""
    page, k = unit.pages[0] - 1, len(out) - 1
    while k >= 0 and out[k][1] == UnitKind.ADVERTISEMENT and out[k][0].pages == [page]:
        page, k = page - 1, k - 1
    inserted = len(out) - 1 - k
    if not 0 < inserted <= MAX_INSERT_PAGES:
        return None
    near = range(k, max(k - 2 * MAX_INSERT_PAGES - 1, -1), -1)
    return next((j for j in near if out[j][1] == UnitKind.ARTICLE and out[j][0].pages[-1] == page), None)


def _carries_on(before: list[Block], after: list[Block], rules: Rules) -> tuple[str | None, str | None]:
    """How the page holding `after` carries on the page holding `before` across inserted pages, and
    what alone it rests on when that is doubtful: a sentence left open (runon.runs_on), or a
    table's rest at the page's top (under a continuation label, rules.continued_label, or none)
    after the table that ends the page before: its head row repeated, or set in the first part's
    measure (doubtful: another table may be as wide)."""
    if not before or not after:
        return None, None
    if runon.runs_on(before, after, rules) == "sentence":
        return "sentence", None
    first, rest = before[-1], next((i for i, b in enumerate(after) if b.role == Role.TABLE), None)
    if first.role != Role.TABLE or rest is None:
        return None, None
    label = any(rules.continued_label(b.text.strip()) for b in after[:rest])
    if rest > 1 or (rest == 1 and not label):
        return None, None  # text of its own above the table: not a rest at the page's top
    part = after[rest]
    if label or _head_row(first) == _head_row(part):
        return "table", None
    width = abs((first.bbox[2] - first.bbox[0]) - (part.bbox[2] - part.bbox[0]))
    if width > JOIN_EDGE_TOL:
        return None, None
    # as many columns standing where the first part's do, figures where it prints them: the rest
    # of this table, not another one as wide (a table of its own prints a head row of words)
    bands = [column_bands([(ln.x0, ln.x1, ln.text) for ln in t.lines]) for t in (first, part)]
    if not _head_row(part) or _head_of_words(part, bands[1]):
        return "table", "the table's measure"
    if columns_line_up(*bands, shift=first.bbox[0] - part.bbox[0]):
        return "table", None
    return "table", "the table's measure"


def _head_of_words(table: Block, bands: list[tuple[float, float, bool]]) -> bool:
    """The part's first row prints words in a column that prints figures: a head of its own."""
    if not table.lines:
        return False
    top = table.lines[0]
    tol = 0.5 * (top.bbox[3] - top.bbox[1])
    row = [ln for ln in table.lines if abs(ln.bbox[1] - top.bbox[1]) <= tol]
    return any(
        figures and not is_figure(ln.text.strip())
        for x0, x1, figures in bands
        for ln in row
        if x0 - 1 <= ln.x0 and ln.x1 <= x1 + 1
    )


def _head_row(table: Block) -> list[str]:
    """The texts of a table block's first row: its lines level with its first line."""
    if not table.lines:
        return []
    top = table.lines[0]
    tol = 0.5 * (top.bbox[3] - top.bbox[1])
    return [ln.text.strip() for ln in table.lines if abs(ln.bbox[1] - top.bbox[1]) <= tol]


def _roundup_starts(
    flat: list[Block],
    starts: list[int],
    rules: Rules,
    contents_pages: frozenset[int] | set[int] = frozenset(),
) -> list[int]:
    """The local openings, and a round-up printed with no title of its own where it begins after
    another unit's text: a Chinese heading first on its page, or under a section label mid-page
    (the label says a unit of another section begins there; the section label is the unit's, set
    above the heading either way), which opens a whole item (its Chinese text and English version)
    and from which the blocks up to the next opening show the repeated item structure, while those
    before it, since the last opening, show none (a round-up going on over a page turn is no new
    one; a titled round-up's items are looked at from its first heading, past its title area, whose
    English title would hide them; a contents page's entries are no items, a heading and its English
    line as they may look). The first item must be whole: an article's own section heading at a page top, with a
    round-up run on after the article's end, would show the round-up's structure too."""
    out = set(starts)
    bounds = [*starts, len(flat)]
    for s, stop in zip([0, *starts], bounds, strict=False):
        for i in range(s + 1, stop):
            blk = flat[i]
            if blk.role != Role.HEADING or blk.lang != "zh":
                continue
            top = i  # the page's first block, or the section label set above the heading
            while top > s and flat[top - 1].page == blk.page and flat[top - 1].role == Role.SECTION:
                top -= 1
            if top == s or (flat[top - 1].page == blk.page and top == i):
                continue
            nxt = next(
                (k for k in range(i + 1, stop) if flat[k].role == Role.HEADING and flat[k].lang == "zh"), stop
            )
            # the text before, from its first item (a titled round-up's title area opens it)
            first = next(
                (
                    k
                    for k in range(s, top)
                    if flat[k].role == Role.HEADING
                    and flat[k].lang == "zh"
                    and flat[k].page not in contents_pages
                ),
                top,
            )
            if (
                items.whole_items(flat[first:top], rules)[0] == 0
                and items.whole_items(flat[i:nxt], rules)[0] == 1
                and items.has_item_structure(flat[i:stop], rules)
            ):
                out.add(top)
                break
    return sorted(out)


def _item_piece(unit: _Unit, rules: Rules, opens_run: bool) -> bool:
    """A unit that may be a piece of a round-up printed with no title of its own: the contents do
    not place it, it has no title area and its headings name no kind of page; the first piece opens
    on an item (a heading with its Chinese text and English version), the next ones go on with
    items or with the text of the last one (a page or a heading at a page top cut them apart)."""
    if unit.opening is not None and unit.opening.anchor is not None:
        return False
    if any(b.role in (Role.TITLE, Role.BYLINE) for b in unit.blocks):
        return False
    heads = _heads(unit)
    kinds = (UnitKind.TOC, UnitKind.MASTHEAD, UnitKind.NOTICE, UnitKind.ADVERTISEMENT)
    if any(_has_marker(heads, rules.get("page_kinds", k, default=[])) for k in kinds):
        return False
    return items.whole_items(unit.blocks, rules)[0] >= 1 or not opens_run


def _roundup_runs(units: list[_Unit], rules: Rules) -> list[_Unit]:
    """Consecutive pieces of one round-up (_item_piece) whose blocks together show its repeated
    item structure are one unit: without a contents entry to open it, a heading at a page top
    or a page turn would cut it into pieces too small to show it."""
    out: list[_Unit] = []
    run: list[_Unit] = []

    def flush() -> None:
        blocks = [b for u in run for b in u.blocks]
        if len(run) > 1 and items.has_item_structure(blocks, rules):
            out.append(_unit(blocks, run[0].opening))
        else:
            out.extend(run)
        run.clear()

    for u in units:
        if _item_piece(u, rules, opens_run=not run):
            run.append(u)
            continue
        flush()
        if _item_piece(u, rules, opens_run=True):
            run.append(u)
        else:
            out.append(u)
    flush()
    return out


_LEAD_NUMBER = re.compile(r"^\s*(\d{1,3})\s+[\u4e00-\u9fff“《（(]")


def _counts_by_one(numbers: list[int]) -> bool:
    """Numbers opening a page's short blocks that count up by one (3, 4, 5) number a list (a
    round-up's items, numbered briefs), not the pages a contents page names: an article runs over
    pages, so the pages of successive entries rarely follow one another, and never many times in
    a row."""
    return len(numbers) >= MIN_CONTENTS_NUMBERS and all(b == a + 1 for a, b in pairwise(numbers))


def _contents_lines(doc: LaidOutDocument, units: list[tuple[_Unit, str]]) -> tuple[set[int], list]:
    """The pages read as contents, and their lines in reading order (pages of a contents unit
    that print no page numbers are what the contents unit swallowed, not contents)."""
    pages = {p for u, kind in units if kind == UnitKind.TOC for p in u.pages}
    numbered = re.compile(r"(?:^|\D)\d{1,3}$")
    number_alone = re.compile(r"\d{1,3}")
    out_pages, lines = set(), []
    for page in doc.pages:
        if page.number not in pages:
            continue
        # an entry is a short block ending in its page number (or the number alone, or opening with
        # it: "12 标题", toc._lead_pages); a paragraph's
        # lines that happen to end in a digit are not entries; contents set as a ruled table are
        # one table block, an entry per cell holding a page number alone
        leads = [
            int(m.group(1)) for b in page.blocks if len(b.lines) <= 3 and (m := _LEAD_NUMBER.match(b.text))
        ]
        counted = _counts_by_one(leads)  # a numbered list's numbers ("1 秒针：…", "2 …"), not pages
        entries = sum(
            sum(1 for ln in b.lines if number_alone.fullmatch(ln.text.strip()))
            if b.role == Role.TABLE
            else int(
                len(b.lines) <= 3
                and bool(numbered.search(b.text.strip()) or (not counted and _LEAD_NUMBER.match(b.text)))
            )
            for b in page.blocks
        )
        if entries >= MIN_CONTENTS_NUMBERS:
            out_pages.add(page.number)
            lines += [ln for b in page.blocks for ln in b.lines]
    return out_pages, lines


def _apply_plan(flat: list[Block], plan: Plan) -> tuple[list[Block], list[Opening]]:
    """The flat blocks with the skeleton's roles and joins applied (new blocks, the input is not
    touched), and the openings re-indexed to them."""
    out = [replace(b, role=plan.roles[i]) if i in plan.roles else b for i, b in enumerate(flat)]
    dropped = set()
    for i in sorted(plan.roles):
        j = i - 1  # the lines of one pull quote, one block
        while j in dropped:
            j -= 1
        if j in plan.roles and out[j].page == out[i].page and out[j].role == out[i].role == Role.PULL_QUOTE:
            out[j] = rejoined(out[j], out[i])
            dropped.add(i)
    for before, after in plan.joins:
        out[before] = rejoined(out[before], out[after])
        dropped.add(after)
    index = {}
    kept: list[Block] = []
    for i, b in enumerate(out):
        index[i] = len(kept)
        if i not in dropped:
            kept.append(b)
    openings = [replace(o, start=index[o.start]) for o in plan.openings]
    return kept, openings


def _cover_pages(units: list[tuple[_Unit, str]]) -> set[int]:
    """The pages of the units typed cover, up to the first article: the cover is what a file opens
    with. Display type under an article that opens the file on its first page (a pull quote
    across the page, in title size) was typed a cover by its page alone; it is that article's."""
    pages: set[int] = set()
    for u, kind in units:
        if kind == UnitKind.ARTICLE:
            break
        if kind == UnitKind.COVER:
            pages.update(u.pages)
    return pages


def segment(doc: LaidOutDocument, rules: Rules, fallback_id: str) -> Issue:
    folios = printed_folios(doc)
    first_page = doc.pages[0].number if doc.pages else 1
    flat = academic.title_area_roles([b for p in doc.pages for b in p.blocks], rules)
    local = _title_starts(flat)
    span = (min(folios.values()), max(folios.values())) if folios else None
    first = _typed_units(flat, [Opening(s) for s in local], rules, first_page, span)
    contents_pages, lines = _contents_lines(doc, first)
    entries = read_entries(lines, rules) if lines else []
    if not entries:  # no contents to place a round-up printed with no title: its items do
        local = _roundup_starts(flat, local, rules, contents_pages)
    cover = _cover_pages(first)
    stops = local[1:] + [len(flat)]
    papers = frozenset(
        s for s, stop in zip(local, stops, strict=False) if academic.is_academic(flat[s:stop], rules)
    )
    plan = reconcile(
        flat,
        local,
        entries,
        folios,
        contents_pages | cover,
        papers,
        frozenset(cover),
        partial(page_name, doc.raw),
    )
    if entries and any(d.code == WarningCode.CONTENTS_NOT_LOCATED for d in plan.decisions):
        # contents read but not placed: units come from local evidence, a round-up printed with no
        # title of its own included (else the page after the contents, a profile round-up opening
        # on its first profile's heading, is swallowed by the contents unit)
        more = _roundup_starts(flat, local, rules, contents_pages)
        if more != local:
            args = (folios, contents_pages | cover, papers, frozenset(cover), partial(page_name, doc.raw))
            plan = reconcile(flat, more, entries, *args)
    flat, openings = _apply_plan(flat, plan)
    units = []
    inserts: set[int] = set()  # pages put inside an article its text or table surely carries on over
    for u, kind in _typed_units(flat, openings, rules, first_page, span, plan.decisions, inserts):
        if kind == UnitKind.ARTICLE:  # display type inside the text (pull quotes that opened nothing)
            blocks, found = quotes_in_text(u.blocks, doc.body_size)
            u = replace(u, blocks=blocks)
            plan.decisions.extend(found)
        units.append((u, kind))
    articles = []
    ink = body_ink(flat)
    pictures = {p.number: p.images for p in doc.raw.pages}  # where display type may be a caption
    for i, (u, kind) in enumerate(units):
        read = academic.read_front(u.blocks, rules, doc.body_size)  # a journal paper's own fields
        if read is not None:
            u, kind = _Unit(read.blocks, u.pages, u.opening), UnitKind.ARTICLE
            plan.decisions.extend(Decision(*d) for d in read.decisions)
        articles.append(
            _build_article(i + 1, u, kind, rules, folios, doc.body_size, ink, pictures, plan.decisions)
        )
        if read is not None:
            academic.apply(articles[-1], read)
        if kind != UnitKind.ARTICLE:
            named, against = _kind_evidence(u, kind, rules, first_page)
            if kind == UnitKind.ADVERTISEMENT and not named and set(u.pages) <= inserts:
                # no word names it, but the article it stands inside goes on over it, surely: a
                # page the make-up put inside an article, not the article's, is an advertisement
                named = ["inserted"]
            articles[-1].evidence_for += named
            articles[-1].evidence_against += against
    for a, (u, _) in zip(articles, units, strict=True):
        if a.kind != UnitKind.ARTICLE:
            a.toc_page = None
        if a.kind == UnitKind.TOC:
            # every block the contents unit holds, its heading too, in reading order: the toc stage
            # reads its entries from them (not from whole pages: an article may open under the
            # contents on their last page) and empties them (contents are no body text)
            a.blocks = list(u.blocks)
    _inherit_sections(articles, doc, rules)
    _opener_pages(articles, doc, rules, folios)
    plan.decisions.extend(_bare_page_turns(articles, doc))
    places = _Places(articles)
    warnings = [
        Warning(d.code, d.message, places.seq_at(d.page, d.bbox), d.page, d.bbox) for d in plan.decisions
    ]
    return Issue(meta=issue_meta(doc, rules, fallback_id), layout=doc, articles=articles, warnings=warnings)


class _Places:
    """Where each unit's blocks, title and pages are, for the units decisions were made in
    (looked up, not searched: a volume has thousands of decisions and units)."""

    def __init__(self, articles: list[Article]):
        self.articles = articles
        self.block: dict[tuple, int] = {}  # (page, bbox) -> the first unit holding a block there
        self.title: dict[tuple, int] = {}  # title bbox -> the first unit with that title box
        self.page: dict[int, int] = {}  # page -> the first unit on it
        for n, a in enumerate(articles):
            for b in a.blocks:
                self.block.setdefault((b.page, b.bbox), n)
            self.title.setdefault(a.title_bbox, n)
            for p in a.pages:
                self.page.setdefault(p, n)

    def seq_at(self, page: int | None, bbox) -> int | None:
        """The unit a decision was made in: the first holding the block at that place, or whose
        title is there; else the first on that page."""
        if page is None:
            return None
        if not isinstance(bbox, tuple | None):  # a list equals no box held here
            return self.articles[self.page[page]].seq if page in self.page else None
        held = [n for n in (self.block.get((page, bbox)), self.title.get(bbox)) if n is not None]
        n = min(held) if held else self.page.get(page)
        return None if n is None else self.articles[n].seq
