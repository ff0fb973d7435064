"""The contents page as the issue's skeleton: where each contents entry opens, and which local
openings are real.

Segmentation first finds openings locally (title areas). Those are checked against the
contents: each entry (title, printed page) is located in the PDF through the folio -> page map,
by a fuzzy title match on the page its folio names and the pages either side. Then:

- an entry whose opening no local title area covers opens a unit there (a round-up whose first
  profile heading is the entry: no big title, only a heading);
- an opening the contents do not list must show evidence of its own: a title area (byline,
  English title, subtitle or deck) or the shape of a page of its own (it heads its page);
- evidence against an opening: its "title" ends a sentence (。), it repeats or paraphrases a
  sentence of the text around it (a pull quote), or the text before it left a sentence open
  that the text after it finishes. Display type that loses is typed pull_quote inside the
  current unit, and the paragraph it cut is joined again;
- an entry located nowhere is warned about with its page; an issue without contents falls back
  to local evidence and says so.

Every decision that could go either way raises a warning with page and bbox, and leaves the
evidence on the unit for its confidence (pipeline/confidence.py).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from .extract import join_text
from .models import BODY_ROLES, HEAD_ROLES, BBox, Block, Piece, Role, TocEntry, WarningCode
from .runon import same_type
from .text import squeeze
from .titles_en import EN_TITLE_MAX_CHARS, english_title_above

ANCHOR_RATIO = 85  # rapidfuzz ratio (0-100) at which a printed title is the contents entry's title
NEIGHBOUR_PAGES = 1  # pages either side of the folio's page searched for an entry's title
MIN_LOCATED = 2  # fewer entries located than this: the contents are not read as a skeleton
MIN_LOCATED_SHARE = 0.5  # nor when fewer than this share of the entries with a page are located
QUOTE_RATIO = 88  # partial ratio (0-100) at which display type repeats a sentence of the text by it
QUOTE_REACH = 12  # blocks before display type searched for the sentence it repeats
MIN_QUOTE_CHARS = 8  # shorter display type is too generic to be called a repeated sentence
QUOTE_SHARE = 1.5  # a pull quote is one sentence of a paragraph at least this many times longer
FOOT_LINES = 3  # a paragraph ending within this many of its lines of the page's last text ends the page

OWN_HEAD_EVIDENCE = {"byline", "title_en", "subtitle", "deck", "deck_en"}
NOT_TITLES = {
    Role.CAPTION,
    Role.SUMMARY,
    Role.SUMMARY_HEADING,
    Role.ENGLISH,
    Role.TABLE,
    Role.BOX,
    Role.PULL_QUOTE,
}
_SENTENCE_END = "。！？!?…"
_FRAGMENT_END = "。，,；;、"


def rejoined(a: Block, b: Block) -> Block:
    """Block a with block b run on after it (one paragraph cut apart, or one display quote's lines):
    b's end is the joined block's end."""
    return replace(
        a, text=join_text(a.text, b.text), lines=a.lines + b.lines, pieces=a.pieces + b.pieces,
        open_end=b.open_end,
    )  # fmt: skip


@dataclass(frozen=True)
class Anchor:
    """A contents entry located in the PDF: the flat index of the block that prints its title."""

    entry: TocEntry
    index: int
    page: int
    bbox: BBox
    expected: bool  # on the page its folio names (or a neighbour), not found by a wider search


@dataclass
class Opening:
    """One unit start the skeleton decided on, with the evidence for and against it."""

    start: int  # flat index of the first block of the title area
    anchor: Anchor | None = None
    evidence_for: list[str] = field(default_factory=list)
    evidence_against: list[str] = field(default_factory=list)


@dataclass
class Decision:
    code: WarningCode
    message: str
    page: int | None
    bbox: BBox | None


@dataclass
class Plan:
    openings: list[Opening]
    roles: dict[int, str]  # flat index -> role it takes instead (display type inside an article)
    joins: list[tuple[int, int]]  # (before, after): one paragraph cut by display type
    decisions: list[Decision]
    has_contents: bool


def ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip("”’」』）)》\"'")
    return bool(t) and t[-1] in _SENTENCE_END + "：:；;."


def locate(
    entries: list[TocEntry], flat: list[Block], folios: dict[int, int], skip_pages: set[int]
) -> tuple[list[Anchor], list[TocEntry]]:
    """Each entry with a printed page, located by its title near the page its folio names;
    failing that, anywhere outside skip_pages. Returns the anchors and the entries not found."""
    pages_of: dict[int, list[int]] = {}
    for pdf_page, folio in folios.items():
        pages_of.setdefault(folio, []).append(pdf_page)
    found: list[Anchor] = []
    missing: list[TocEntry] = []
    used: set[int] = set()
    by_page: dict[int, list[int]] = {}  # the blocks of each page, in reading order: an entry is
    for i, b in enumerate(flat):  # looked for on a few pages, not in the whole file
        by_page.setdefault(b.page, []).append(i)
    texts = [squeeze(b.text) for b in flat]  # once, not once per entry
    lengths = _TitleLengths(flat, texts)
    # the blocks that may print a title among a set of candidates, with their scores: a volume
    # binds the same contents many times over, and each copy of an entry looks for the same title
    # on the same pages (a folio names a page in each issue), so each title is scored there once
    scored: dict[tuple, list[tuple[int, float]]] = {}
    for e in entries:
        if e.page is None or not squeeze(e.title_zh):
            continue
        title = squeeze(e.title_zh)
        expected = pages_of.get(e.page, [])
        near = {p + d for p in expected for d in range(-NEIGHBOUR_PAGES, NEIGHBOUR_PAGES + 1)}
        pages = frozenset(near - skip_pages)
        if (title, pages) not in scored:
            scored[title, pages] = _scored(title, flat, _on_pages(pages, by_page), texts)
        hit = _best_block(flat, scored[title, pages], used, expected)
        wide = hit is None
        if wide:  # anywhere else: the blocks that print the title as it is, if any (no block can
            # score higher), else those of a length that can print it
            elsewhere = skip_pages | near  # (not a set of every other page: once per entry of a volume)
            for kind, some in (("as printed", lengths.printing), ("by length", lengths.matching)):
                key = (title, kind, frozenset(near))
                if key not in scored:
                    candidates = sorted(
                        (i for i in some(title) if flat[i].page not in elsewhere),
                        key=lambda i: (flat[i].page, i),
                    )
                    scored[key] = _scored(title, flat, candidates, texts)
                hit = _best_block(flat, scored[key], used, expected)
                if hit is not None:
                    break
        if hit is None:
            missing.append(e)
            continue
        used.add(hit)
        found.append(Anchor(e, hit, flat[hit].page, flat[hit].bbox, expected=not wide))
    return found, missing


def _on_pages(pages: set[int], by_page: dict[int, list[int]]) -> list[int]:
    """The blocks of these pages, page by page in reading order."""
    return [i for p in sorted(pages) for i in by_page.get(p, ())]


class _TitleLengths:
    """The blocks by the lengths of the texts title_score compares (a block alone, and with the
    next display block): a ratio of ANCHOR_RATIO needs lengths within a bounded factor of the
    title's, so an entry searched for in a whole volume tries its few blocks of that length, not
    every block (the search stays linear in the pages)."""

    def __init__(self, flat: list[Block], texts: list[str]):
        pairs = []
        for i, b in enumerate(flat):
            pairs.append((len(texts[i]), i))
            nxt = flat[i + 1] if i + 1 < len(flat) else None
            if nxt is not None and nxt.page == b.page and nxt.role == b.role:
                pairs.append((len(texts[i]) + len(texts[i + 1]), i))
        pairs.sort()
        self.lengths = [n for n, _ in pairs]
        self.blocks = [i for _, i in pairs]
        self.texts: dict[str, set[int]] = {}  # the texts compared -> the blocks that give them
        for i, b in enumerate(flat):
            self.texts.setdefault(texts[i], set()).add(i)
            nxt = flat[i + 1] if i + 1 < len(flat) else None
            if nxt is not None and nxt.page == b.page and nxt.role == b.role:
                self.texts.setdefault(texts[i] + texts[i + 1], set()).add(i)

    def printing(self, title: str) -> set[int]:
        """The blocks whose text (alone or with the next display block) is the title: ratio 100."""
        return self.texts.get(title, set())

    def matching(self, title: str) -> set[int]:
        """The blocks one of whose lengths may reach ANCHOR_RATIO with the title: the ratio is
        200 x common / (both lengths), and the common part is at most the shorter (a margin of
        one character either way for rounding)."""
        n, r = len(title), ANCHOR_RATIO
        lo, hi = math.floor(n * r / (200 - r)) - 1, math.ceil(n * (200 - r) / r) + 1
        return set(self.blocks[bisect.bisect_left(self.lengths, lo) : bisect.bisect_right(self.lengths, hi)])


def _scored(title: str, flat: list[Block], candidates, texts: list[str]) -> list[tuple[int, float]]:
    """The candidates (in their order) that may print the title, each with its title_score."""
    out = []
    for i in candidates:
        if flat[i].role in NOT_TITLES:
            continue
        score = title_score(title, flat, i, texts)
        if score >= ANCHOR_RATIO:
            out.append((i, score))
    return out


def _best_block(flat: list[Block], scored: list[tuple[int, float]], used: set[int], expected: list[int]):
    """The block that prints the title best (_scored) and is not used yet; of equal scores a title
    before other display type, then the one nearest the expected pages, then the first."""
    best, best_key = None, None
    for i, score in scored:
        if i in used:
            continue
        blk = flat[i]
        distance = min((abs(blk.page - p) for p in expected), default=0)
        key = (score, blk.role == Role.TITLE, -distance)
        if best_key is None or key > best_key:
            best, best_key = i, key
    return best


def title_score(title: str, flat: list[Block], i: int, texts: list[str] | None = None) -> float:
    """How well block i (or i and the next display block, a title set on two lines) prints title
    (texts: the blocks' squeezed texts, when the caller has them)."""
    text = texts[i] if texts is not None else squeeze(flat[i].text)
    if len(text) > 2 * len(title) + 4:
        return 0.0
    score = fuzz.ratio(title, text)
    nxt = flat[i + 1] if i + 1 < len(flat) else None
    if nxt is not None and nxt.page == flat[i].page and nxt.role == flat[i].role:
        following = texts[i + 1] if texts is not None else squeeze(nxt.text)
        score = max(score, fuzz.ratio(title, text + following))
    return score


def title_area_end(flat: list[Block], start: int, stop: int) -> int:
    """One past the last block of the title area that starts at start (before stop)."""
    j = start
    while j < stop and (
        flat[j].role in HEAD_ROLES
        or _english_title_under(flat, start, j)
        or _english_title_over(flat, j, stop)
    ):
        j += 1
    return max(j, start + 1)


def _english_title_over(flat: list[Block], j: int, stop: int) -> bool:
    """Block j is English read as plain text that is the English title over the area's Chinese
    title, with at most the section label between them (english_title_above)."""
    if flat[j].role != Role.ENGLISH:
        return False
    for k in range(j + 1, min(j + 3, stop)):
        if flat[k].role == Role.TITLE:
            return english_title_above(flat[j], flat[k])
        if flat[k].role != Role.SECTION:
            return False
    return False


def _english_title_under(flat: list[Block], start: int, j: int) -> bool:
    """Block j is the English title set right under the title (or its subtitle) of the title area
    that starts at start, though its type read it as plain English: short and not a sentence."""
    blk = flat[j]
    text = blk.text.strip()
    return (
        j > start
        and blk.role == Role.ENGLISH
        and flat[j - 1].role in (Role.TITLE, Role.SUBTITLE)
        and blk.page == flat[j - 1].page
        and len(text) < EN_TITLE_MAX_CHARS
        and not text.endswith((".", "。"))
    )


def _title_text(flat: list[Block], start: int, end: int) -> str:
    return "".join(b.text.strip() for b in flat[start:end] if b.role == Role.TITLE)


def _listed(title: str, entry_titles: list[str]) -> bool:
    """Is the title one of the contents entries' (their squeezed titles)?"""
    t = squeeze(title)
    return (
        bool(t)
        and process.extractOne(t, entry_titles, scorer=fuzz.ratio, score_cutoff=ANCHOR_RATIO) is not None
    )


def _last_paragraph(flat: list[Block], before: int) -> int | None:
    """The body paragraph the text before index `before` ends with (same or previous page)."""
    for k in range(before - 1, -1, -1):
        b = flat[k]
        if flat[before].page - b.page > 1:
            return None
        if b.role == Role.PARAGRAPH:
            return k
        if b.role in HEAD_ROLES - {Role.OTHER} or b.role in (Role.HEADING,):
            return None
    return None


def _first_paragraph(flat: list[Block], after: int, stop: int) -> int | None:
    for k in range(after, min(stop, after + 4)):
        if flat[k].role == Role.PARAGRAPH:
            return k
        if flat[k].role not in (Role.CAPTION, Role.PULL_QUOTE):
            return None
    return None


def _repeats_text_before(flat: list[Block], start: int, end: int, skip_pages: set[int]) -> bool:
    """The display type repeats (or nearly) a sentence of the body text printed before it: a pull
    quote. (Not the text after it: an article's first paragraph may well restate its title.)"""
    quote = re.sub(
        r"[\W_]+",
        "",
        "".join(b.text for b in flat[start:end] if b.role in (Role.TITLE, Role.OTHER, Role.DECK)),
    )
    if len(quote) < MIN_QUOTE_CHARS:
        return False
    for k in range(max(0, start - QUOTE_REACH), start):
        b = flat[k]
        near = 0 <= flat[start].page - b.page <= 1 and b.page not in skip_pages
        if near and b.role in BODY_ROLES and len(b.text) >= QUOTE_SHARE * len(quote):
            if fuzz.partial_ratio(quote, re.sub(r"[\W_]+", "", b.text)) >= QUOTE_RATIO:
                return True
    return False


def reconcile(
    flat: list[Block],
    local: list[int],
    entries: list[TocEntry],
    folios: dict[int, int],
    skip_pages: set[int],
    academic_starts: frozenset[int] = frozenset(),
    cover: frozenset[int] = frozenset(),
    page_name: Callable[[int], str] = str,
) -> Plan:
    """Local openings checked against the contents (see the module doc). academic_starts: the
    local openings whose first page prints a journal paper's front matter (摘要, 关键词, DOI …),
    evidence of their own (academic.py). cover: the pages read as the cover, where titles under
    the cover's own are cover lines (articles' titles repeated, with their subtitles and English),
    not openings. page_name: a page as read, named as the PDF shows it (spreads.page_name)."""
    anchors, missing = locate(entries, flat, folios, skip_pages)
    paged = sum(1 for e in entries if e.page is not None)
    has_contents = len(anchors) >= max(MIN_LOCATED, MIN_LOCATED_SHARE * paged)
    decisions: list[Decision] = []
    if not has_contents:
        located, anchors = len(anchors), []
        if not entries:
            decisions.append(
                Decision(
                    WarningCode.NO_CONTENTS,
                    "no contents page read: units come from local evidence alone",
                    None,
                    None,
                )
            )
        else:
            printed = next((e for e in entries if e.at_page is not None), None)  # where a reader checks them
            decisions.append(
                Decision(
                    WarningCode.CONTENTS_NOT_LOCATED,
                    f"{len(entries)} contents entries, {located} located: units come from local evidence alone",
                    printed.at_page if printed else None,
                    printed.at_bbox if printed else None,
                )
            )
    else:
        for e in missing:
            decisions.append(
                Decision(
                    WarningCode.TOC_ENTRY_NOT_FOUND,
                    f"contents entry {e.title_zh!r} (p. {e.page}) found on no page",
                    e.at_page,
                    e.at_bbox,  # the entry on the contents page, where a reader checks it
                )
            )
        for a in anchors:
            if not a.expected:
                b = flat[a.index]
                decisions.append(
                    Decision(
                        WarningCode.TOC_ENTRY_ELSEWHERE,
                        f"contents entry {a.entry.title_zh!r} says p. {a.entry.page}, printed on PDF p. {page_name(a.page)}",
                        a.page,
                        b.bbox,
                    )
                )
    by_index = {a.index: a for a in anchors}
    foot: dict[int, float] = {}
    for b in flat:
        for pc in b.pieces:
            foot[pc.page] = max(foot.get(pc.page, 0.0), pc.bbox[3])
    entry_titles = [squeeze(e.title_zh) for e in entries]
    last_texts = _last_texts(flat)
    local = _one_title_area(flat, local, by_index, entry_titles)
    bounds = local + [len(flat)]
    openings: list[Opening] = []
    roles: dict[int, str] = {}
    joins: list[tuple[int, int]] = []
    covered: set[int] = set()
    for s, stop in zip(local, bounds[1:], strict=False):
        end = title_area_end(flat, s, stop)
        anchor = next((by_index[k] for k in range(s, end) if k in by_index), None)
        if anchor is not None:
            covered.add(anchor.index)
        op = Opening(s, anchor)
        title = _title_text(flat, s, end)
        if anchor is None and s > 0 and flat[s].page in cover and flat[s - 1].page == flat[s].page:
            decisions.append(
                Decision(
                    WarningCode.DISPLAY_TYPE_NOT_OPENING,
                    f"{title or flat[s].text.strip()[:40]!r} read as a cover line, not an opening",
                    flat[s].page,
                    flat[s].bbox,
                )
            )
            continue
        if anchor is not None:
            op.evidence_for.append("contents" if anchor.expected else "contents_elsewhere")
        elif _listed(title, entry_titles):
            op.evidence_for.append("contents_elsewhere")
        roles_here = {b.role for b in flat[s:end]}
        if roles_here & OWN_HEAD_EVIDENCE:
            op.evidence_for.append("title_area")
        if s in academic_starts:
            op.evidence_for.append("academic_front")
        if _heads_page(flat, s):
            op.evidence_for.append("heads_page")
        prev_k = _last_paragraph(flat, s)
        next_k = _first_paragraph(flat, end, stop)
        if squeeze(title)[-1:] and squeeze(title)[-1:] in _FRAGMENT_END:  # "" is in every string
            op.evidence_against.append("title_ends_sentence")
        if _repeats_text_before(flat, s, end, skip_pages):
            op.evidence_against.append("repeats_body")
        if (
            prev_k is not None
            and _left_open(flat[prev_k], flat[s], foot, _ends_page(flat, prev_k, last_texts))
            and not _fresh_start_over_turn(
                flat[prev_k], flat[s], flat[next_k] if next_k is not None else None
            )
            and not _other_type_under(flat, prev_k, s, end, stop)
        ):
            op.evidence_against.append("text_before_open")
        if not _keep(op, has_contents, bool(entries)):
            blk = flat[s]
            why = ", ".join(op.evidence_against) or "not in the contents, no title area"
            decisions.append(
                Decision(
                    WarningCode.DISPLAY_TYPE_NOT_OPENING,
                    f"{title or blk.text.strip()[:40]!r} read as display type inside the article before it ({why})",
                    blk.page,
                    blk.bbox,
                )
            )
            for k in range(s, end):
                if flat[k].role in HEAD_ROLES:
                    roles[k] = Role.PULL_QUOTE
            if (
                prev_k is not None
                and next_k is not None
                and (
                    _left_open(flat[prev_k], flat[s], foot, _ends_page(flat, prev_k, last_texts))
                    or runs_on_flush(flat[prev_k], flat[next_k])
                )
            ):
                joins.append((prev_k, next_k))
            continue
        openings.append(op)
    for a in anchors:
        if a.index in covered:
            continue
        start = _area_start(flat, a.index)
        if any(o.start == start for o in openings):
            continue
        blk = flat[a.index]
        op = Opening(start, a, ["contents" if a.expected else "contents_elsewhere"])
        if _heads_page(flat, start):
            op.evidence_for.append("heads_page")
        openings.append(op)
        decisions.append(
            Decision(
                WarningCode.OPENING_FROM_CONTENTS,
                f"contents entry {a.entry.title_zh!r} opens a unit at a {blk.role} block no title area marked",
                blk.page,
                blk.bbox,
            )
        )
    openings.sort(key=lambda o: o.start)
    return Plan(openings, roles, joins, decisions, has_contents)


def _one_title_area(
    flat: list[Block], local: list[int], by_index: dict[int, Anchor], entry_titles: list[str]
) -> list[int]:
    """Title blocks set one under the other are one title area (a title broken into several
    blocks, or display type set line by line), unless the later one is a contents entry itself."""
    out: list[int] = []
    for s in local:
        if out:
            prev = out[-1]
            end = title_area_end(flat, prev, s)
            own = title_area_end(flat, s, len(flat))
            listed = any(k in by_index for k in range(s, own)) or _listed(
                _title_text(flat, s, own), entry_titles
            )
            if end == s and flat[s].page == flat[prev].page and flat[s].role == Role.TITLE and not listed:
                continue
        out.append(s)
    return out


def _last_texts(flat: list[Block]) -> dict[int, int]:
    """Page -> index of the last block in reading order that starts on it, captions and pull
    quotes aside (once for the file: _ends_page is asked at every opening)."""
    return {b.page: k for k, b in enumerate(flat) if b.role not in (Role.CAPTION, Role.PULL_QUOTE)}


def _ends_page(flat: list[Block], k: int, last_texts: dict[int, int]) -> bool:
    """Block k is the last text of its page in reading order (captions and figures aside)."""
    return last_texts.get(flat[k].pieces[-1].page, -1) <= k


def _left_open(prev: Block, here: Block, foot: dict[int, float], last_of_page: bool) -> bool:
    """The paragraph before stops mid-sentence right here: on this page, or at the end of the
    previous one (its last text in reading order, or at its foot), running to the column edge."""
    if ends_sentence(prev.text):
        return False
    last = prev.pieces[-1]
    if last.page == here.page:
        return True
    at_foot = last.bbox[3] >= foot.get(last.page, 0.0) - FOOT_LINES * prev.size
    return prev.open_end and (at_foot or last_of_page)


def _fresh_start_over_turn(prev: Block, here: Block, nxt: Block | None) -> bool:
    """The text left open at the previous page's end is not run on here: the opening heads a later
    page and the first paragraph under it opens with a first-line indent (a front-matter page's
    contact lines end with no stop; the notice on the next page starts afresh)."""
    if nxt is None or prev.pieces[-1].page >= here.page or nxt.page != here.page or len(nxt.lines) < 2:
        return False
    return nxt.lines[0].x0 - min(ln.x0 for ln in nxt.lines[1:]) >= nxt.lines[0].size * INDENT_EM


def _other_type_under(flat: list[Block], prev_k: int, s: int, end: int, stop: int) -> bool:
    """The text left open at the previous page's end is not run on under this opening: it heads a
    later page, and the first paragraph on that page under it is set in another type (a full-page
    advertisement's copy under its display type, its English line between: the open sentence goes
    on after the advertisement)."""
    prev, here = flat[prev_k], flat[s]
    if prev.pieces[-1].page >= here.page:
        return False
    under = next((flat[k] for k in range(end, stop) if flat[k].role == Role.PARAGRAPH), None)
    return under is not None and under.page == here.page and not same_type(prev, under)


def runs_on_flush(prev: Block, nxt: Block) -> bool:
    """nxt is the rest of prev though prev ends on a clause mark (；：): prev opened with a
    first-line indent and its last line runs to the column edge, and nxt opens flush left, with
    no indent, where its own next lines start (the text after display type set mid-paragraph)."""
    if not (prev.open_end and len(prev.lines) >= 2 and len(nxt.lines) >= 2):
        return False
    if not 0 <= nxt.page - prev.pieces[-1].page <= 1:
        return False
    indent = prev.lines[0].size * INDENT_EM

    def indented(blk: Block) -> bool:
        return blk.lines[0].x0 - min(ln.x0 for ln in blk.lines[1:]) >= indent

    return indented(prev) and not indented(nxt) and abs(nxt.size - prev.size) < 0.05 * prev.size


# A first-line indent is at least this many ems (paragraph indents are two characters).
INDENT_EM = 1.2


def _keep(op: Opening, has_contents: bool, any_entries: bool) -> bool:
    """Whether a local opening stands. Listed ones do; others need evidence of their own and none
    against (a sentence repeated or left open is the text of the article they sit in)."""
    if "contents" in op.evidence_for or "contents_elsewhere" in op.evidence_for:
        return True
    strong_against = {"title_ends_sentence", "repeats_body"} & set(op.evidence_against)
    if "title_area" in op.evidence_for or "academic_front" in op.evidence_for:
        return not strong_against
    if op.evidence_against:
        return False
    return "heads_page" in op.evidence_for or not has_contents


def _heads_page(flat: list[Block], s: int) -> bool:
    """The title area starting at s heads its page: its first block is the page's first, or it is
    the area's section label left alone at the foot of the page before (articles._label_left_behind)
    and the rest of the area opens the next."""
    if s == 0 or flat[s - 1].page != flat[s].page:
        return True
    return flat[s].role == Role.SECTION and s + 1 < len(flat) and flat[s + 1].page == flat[s].page + 1


def _area_start(flat: list[Block], i: int) -> int:
    """Walk back from a located title over its section label / kicker on the same page."""
    j = i
    while j > 0 and flat[j - 1].page == flat[i].page and flat[j - 1].role in (Role.SECTION, Role.OTHER):
        j -= 1
    return j


QUOTE_SIZE = 1.15  # display type in the text is at least this many times the body size
# ... or a size step up only (this many times), or bold at the body's size: set apart by its face
# more than its size (a quote beside the text in a side column, 1.09x), it must also stand inside
# the text, paragraphs before and after it (a deck a size up repeats the text too, above it all)
QUOTE_STEP_SIZE = 1.05
MAX_QUOTE_CHARS = 90  # longer than this it is a paragraph, not a quote set large


def quotes_in_text(blocks: list[Block], body: float) -> tuple[list[Block], list[Decision]]:
    """Inside one article: a block in larger type that repeats (or trims) a sentence of the
    article and cuts a paragraph mid-sentence is a pull quote, whatever role its face gave it; the
    paragraph it cut is joined again. Returns new blocks (the input is not touched)."""
    texts = [re.sub(r"[\W_]+", "", b.text) for b in blocks]
    out = list(blocks)
    decisions: list[Decision] = []
    gone: set[int] = set()
    lead = _body_lead(blocks, body)
    for i, blk in enumerate(blocks):
        if i in gone or not _display(blk, body):
            continue
        run = _display_run(blocks, i, lead)  # one quote's lines may come out as blocks of their own
        if len(run) > 1:
            blk = functools.reduce(rejoined, (blocks[k] for k in run))
        quote = "".join(texts[k] for k in run)
        if not MIN_QUOTE_CHARS <= len(quote) <= MAX_QUOTE_CHARS:
            continue
        before = _paragraph_near(blocks, i, -1)
        after = _paragraph_near(blocks, run[-1], +1)
        # set beside the running text (a side column level with it): where reading order puts a
        # column of its own (first on its page, after a title or before a heading) says nothing
        beside = _beside_text(blocks, run, body)
        if blk.size < QUOTE_SIZE * body and (before is None or after is None) and not beside:
            continue  # a size step up only: inside the text, or it is no quote
        cut = (
            before is not None
            and after is not None
            and (not ends_sentence(blocks[before].text) or runs_on_flush(blocks[before], blocks[after]))
        )
        sources = [t for k, t in enumerate(texts) if k not in run and blocks[k].role == Role.PARAGRAPH]
        # a paragraph in big type repeated word for word is a quote wherever it stands; a heading
        # may well repeat words of its section, so it must also cut a paragraph mid-sentence
        # (a heading set in a column of its own beside the text it heads, a side head, repeats no
        # sentence word for word: one that does is display type taken from the text)
        exact = (blk.role in (Role.PARAGRAPH, Role.BOX) or beside) and any(
            quote in t for t in sources if len(t) > len(quote)
        )
        # cutting a paragraph mid-sentence is evidence enough that it is no heading: then the
        # sentence it repeats may be a short paragraph of its own
        share = 1.0 if cut else QUOTE_SHARE
        # (the fuzzy match, most of this function's time, asked only where it decides)
        near = (
            cut
            and not exact
            and any(
                fuzz.partial_ratio(quote, t) >= QUOTE_RATIO for t in sources if len(t) >= share * len(quote)
            )
        )
        if not (exact or (near and cut)):
            continue
        out[i] = replace(blk, role=Role.PULL_QUOTE)
        gone.update(run[1:])
        for k in _ornaments_by(blocks, i, run[-1]):  # the quote's own mark set large over it is the quote's
            out[i] = _with_ornament(out[i], blocks[k], before=k < i)
            gone.add(k)
        decisions.append(
            Decision(
                WarningCode.DISPLAY_TYPE_NOT_OPENING,
                f"{blk.text.strip()[:40]!r} read as a pull quote (repeats the article's text"
                + (", cuts a paragraph)" if cut else ")"),
                out[i].page,
                out[i].bbox,
            )
        )
        if cut:
            out[before] = rejoined(out[before], out[after])
            gone.add(after)
    return [b for k, b in enumerate(out) if k not in gone], decisions


def _display(blk: Block, body: float) -> bool:
    """Chinese text in larger type than the body (a size step up at least, or bold at its size)
    that no stage has given a role of its own, or that its face and place across the page made a
    deck: a deck stands in the title area, so one with paragraphs before and after it that cuts
    one of them mid-sentence (quotes_in_text asks for that of any role but a paragraph) is a pull
    quote set across the page between two rules. So is a shaded or framed box's text (a quote set
    on a tint): the same tests make it a quote, a sidebar in big type repeats no sentence."""
    return (
        blk.role in (Role.HEADING, Role.PARAGRAPH, Role.OTHER, Role.DECK, Role.BOX)
        and blk.lang == "zh"
        and (blk.size >= QUOTE_STEP_SIZE * body or (blk.bold and blk.size >= body))
        and not is_ornament(blk)
    )


def _display_run(blocks: list[Block], i: int, lead: float = 0.0) -> list[int]:
    """Block i and the display blocks right under it in its face and column (a quote's lines cut
    into blocks by their short ends): at most a line's height apart, or as far as the quote's own
    lines or, in ems of its type, the body's lines stand apart (lead: the body's pitch in ems),
    flush with it on the left or centred on the same point (a quote set centred across the page)."""
    run = [i]
    while run[-1] + 1 < len(blocks):
        a, b = blocks[run[-1]], blocks[run[-1] + 1]
        same_face = b.role == a.role and abs(b.size - a.size) < 0.05 * a.size and b.bold == a.bold
        flush = abs(b.bbox[0] - a.bbox[0]) < a.size
        centred = abs((b.bbox[0] + b.bbox[2]) - (a.bbox[0] + a.bbox[2])) / 2 < a.size
        if not (same_face and b.page == a.page and b.lang == "zh" and (flush or centred)):
            break
        gap = b.bbox[1] - a.bbox[3]
        # a line's height apart, or no further than the quote's own lines stand apart (leading of
        # a font's line height, as word processors set it, leaves more than an em between lines)
        pitch = max(_line_pitch(a), _line_pitch(b), lead * a.size)
        if gap < 0 or (gap > a.size and b.bbox[1] - a.lines[-1].y0 > RUN_PITCH_SLACK * pitch):
            break
        run.append(run[-1] + 1)
    return run


# a display block's line under the one before is the same quote's when it stands no further below
# it than this times the pitch of the lines inside either block
RUN_PITCH_SLACK = 1.1


def _body_lead(blocks: list[Block], body: float) -> float:
    """The pitch of the unit's body lines, top to top, in ems of the body's size (the median over
    its paragraphs in the body's type; 0 when none has two lines)."""
    steps = sorted(
        _line_pitch(b) / body
        for b in blocks
        if b.role == Role.PARAGRAPH and len(b.lines) >= 2 and abs(b.size - body) < 0.05 * body
    )
    return steps[len(steps) // 2] if steps else 0.0


def _line_pitch(blk: Block) -> float:
    """The block's line pitch, top to top (the median of its lines'; 0 for a one-line block)."""
    tops = [ln.y0 for ln in blk.lines]
    steps = sorted(b - a for a, b in zip(tops, tops[1:], strict=False) if b > a)
    return steps[len(steps) // 2] if steps else 0.0


def is_ornament(blk: Block) -> bool:
    """Display type that prints no letter or digit: a quotation mark set large over a pull quote,
    a dingbat between two paragraphs. It is no paragraph and cuts none."""
    return blk.role == Role.OTHER and not re.search(r"[^\W_]", blk.text)


def _ornaments_by(blocks: list[Block], first: int, last: int) -> list[int]:
    """The ornaments right before block first and after block last on their page (a quote's
    opening and closing marks)."""
    found = []
    for step, i in ((-1, first), (+1, last)):
        k = i + step
        while 0 <= k < len(blocks) and is_ornament(blocks[k]) and blocks[k].page == blocks[i].page:
            found.append(k)
            k += step
    return found


def _with_ornament(quote: Block, mark: Block, before: bool) -> Block:
    """The pull quote with its mark's text and place (one bbox around both on the page)."""
    first, last = (mark, quote) if before else (quote, mark)
    box = quote.pieces[0].bbox
    box = (
        min(box[0], mark.bbox[0]),
        min(box[1], mark.bbox[1]),
        max(box[2], mark.bbox[2]),
        max(box[3], mark.bbox[3]),
    )
    return replace(
        quote,
        text=first.text.strip() + last.text.strip(),  # a mark takes no space from its words
        lines=first.lines + last.lines,
        pieces=[Piece(quote.pieces[0].page, box), *quote.pieces[1:]],
    )


def _beside_text(blocks: list[Block], run: list[int], body: float) -> bool:
    """Display blocks run stand beside the unit's running text, not in its column: on their page,
    a paragraph clear of them across (they are a column of their own) stands level with them, and
    the text goes on above their top and below their foot (on that page, in any column, or on the
    unit's pages before and after). A deck beside the first lines of its article has no text above."""
    page = blocks[run[0]].page
    boxes = [blocks[k].bbox for k in run]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    level = above = below = False
    for k, blk in enumerate(blocks):
        if k in run or blk.role != Role.PARAGRAPH:
            continue
        for piece in blk.pieces:
            if piece.page < page:
                above = True
            elif piece.page > page:
                below = True
            else:
                px0, py0, px1, py1 = piece.bbox
                clear = px0 >= x1 or px1 <= x0  # clear of the quote across
                level = level or (clear and py0 < y1 and py1 > y0)
                above = above or py0 < y0 - BESIDE_REACH * body
                below = below or py1 > y1 + BESIDE_REACH * body
    return level and above and below


# text of the unit this many body sizes above a side block's top and below its foot: it stands
# inside the run of the text, not level with its first or last lines only
BESIDE_REACH = 0.5


def _paragraph_near(blocks: list[Block], i: int, step: int) -> int | None:
    """The nearest body paragraph before (step -1) or after (+1) block i, past captions, quotes,
    ornaments and section labels only (a section's tab printed at a page's foot stands in no text)."""
    k = i + step
    while 0 <= k < len(blocks) and (
        blocks[k].role in (Role.CAPTION, Role.PULL_QUOTE, Role.SECTION) or is_ornament(blocks[k])
    ):
        k += step
    return k if 0 <= k < len(blocks) and blocks[k].role == Role.PARAGRAPH else None
