"""Stage 2: RawDocument -> LaidOutDocument: the page read the way a person reads it.

Per page: furniture out (kept); table areas, boxes, figures and captions found (regions.py)
and placed in the flow as anchors where they stand; the flow is cut into bands at full-width
lines (titles, decks); inside a band the columns come from the whitespace gutters of the text
itself, so any grid from one to four columns works and may change down the page. Each
column's lines become blocks (paragraphs.py); blocks cut by a column or page end are joined
across the whole issue at the end.
"""

from __future__ import annotations

import dataclasses
import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from statistics import median

from .academic import find_labels
from .budget import OverBudget, cpu_budget
from .extract import SPACE_OVER_TRACKING_EM, join_text
from .forked import PARALLEL_MIN_PAGES, Forked, can_fork
from .furniture import find_furniture
from .head_columns import split_head_columns
from .jump_split import split_run_in
from .models import (
    BBox,
    Block,
    LaidOutDocument,
    Line,
    PageLayout,
    Piece,
    RawDocument,
    RawPage,
    Role,
    Warning,
    WarningCode,
)
from .paragraphs import (
    CJK_CHARS,
    LETTERS,
    is_section_label,
    join_across_breaks,
    lang_of,
    listed_entries,
    make_block,
    numbered_paragraphs,
    paragraphs,
    role_of,
    unmarked_items,
    wide_blocks,
)
from .picture_labels import picture_label_areas
from .plain_layout import plain_layout
from .regions import (
    aligned_table_areas,
    boxes_and_figures,
    connected,
    containing,
    containing_box,
    credit_parts,
    find_captions,
    rule_grid,
    table_areas,
)
from .rules import Rules
from .text import SENTENCE_STOPS, ends_with_stop
from .vertical_layout import place_vertical, standing_warnings, with_vertical_blocks

# A size runs on a page when it holds at least this share of the page's length of line ...
BODY_PAGE_SHARE = 0.3
# ... and a page is dense when it holds more than this many times the median page's length of line
DENSE_PAGE_FACTOR = 2.0


def _size_weights(raw: RawDocument) -> tuple[Counter[float], dict[int, tuple[float, float]]]:
    """Each size's length of line over the issue, a dense page's size of its own capped (see
    body_font_size); and the pages so capped: page -> (size, the length it lost to the cap)."""
    pages: list[tuple[int, Counter[float]]] = []
    for page in raw.pages:
        sizes: Counter[float] = Counter()
        for ln in page.lines:
            sizes[round(ln.size * 2) / 2] += ln.width
        if sizes:
            pages.append((page.number, sizes))
    totals = [sum(p.values()) for _, p in pages]
    median_total = sorted(totals)[(len(totals) - 1) // 2] if totals else 0.0
    running = sorted(p.most_common(1)[0][1] for _, p in pages)
    median_running = running[(len(running) - 1) // 2] if running else 0.0
    runs_on: Counter[float] = Counter()
    for (_, sizes), total in zip(pages, totals, strict=True):
        runs_on.update(size for size, w in sizes.items() if w >= BODY_PAGE_SHARE * total)
    weight: Counter[float] = Counter()
    capped: dict[int, tuple[float, float]] = {}
    for (number, sizes), total in zip(pages, totals, strict=True):
        dense = total > DENSE_PAGE_FACTOR * median_total
        for size, w in sizes.items():
            if dense and runs_on[size] == 1 and w >= BODY_PAGE_SHARE * total and w > median_running:
                capped[number] = (size, w - median_running)
                w = median_running
            weight[size] += w
    return weight, capped


def body_font_size(raw: RawDocument) -> float:
    """The size most of the issue's lines run in, by length on the page: characters would count
    an English line three times over a Chinese one (a long English summary in small type would
    outweigh a short Chinese body). One dense page does not decide it alone: on a page holding
    more than DENSE_PAGE_FACTOR times the median page's length of line, a size that runs on no
    other page (BODY_PAGE_SHARE of a page's length) counts for no more than the running text of
    the median page (the length of its own most used size). A page of small print (terms, an
    index, five columns of 6 pt) holds more length of line than two pages of articles, and made
    their body display type (hostile smallprint.pdf: both articles advertisements, no summary);
    a size that runs on several pages (notices set bigger than the articles) is counted whole."""
    weight, _ = _size_weights(raw)
    return weight.most_common(1)[0][0] if weight else 10.0


def body_size_doubts(raw: RawDocument, body: float) -> list[Warning]:
    """`body_size_doubtful` on each dense page whose own size, counted whole, would have been the
    body (body_font_size capped it): at the box of the page's lines in that size."""
    weight, capped = _size_weights(raw)
    out = []
    for page in raw.pages:
        if page.number not in capped:
            continue
        size, lost = capped[page.number]
        if size == body or weight[size] + lost <= weight[body]:
            continue  # counted whole, it would not have been the body either
        lines = [ln for ln in page.lines if round(ln.size * 2) / 2 == size]
        box = (
            min(ln.x0 for ln in lines),
            min(ln.y0 for ln in lines),
            max(ln.x1 for ln in lines),
            max(ln.y1 for ln in lines),
        )
        out.append(
            Warning(
                WarningCode.BODY_SIZE_DOUBTFUL,
                f"this page's {size:g} pt text holds more length of line than the issue's {body:g} pt "
                f"body, on this page alone (more than {DENSE_PAGE_FACTOR:g} times the median page's): "
                f"the body is read as {body:g} pt, this page's text as small type",
                page=page.number,
                bbox=box,
            )
        )
    return out


# ---------------------------------------------------------------- the page's own text face
# Running text: Chinese blocks of this many lines or more, whose face (size, colour, weight) tells
# the size a page sets its text in (a notice or an editorial set a size above the body)
RUNNING_LINES = 3
# the page's running text is set bigger than the body by this share at least ...
LOCAL_BODY_STEP = 1.03
# ... and a block within this share of its size, in its colour and weight, is in its face
SAME_FACE_SIZE = 0.02


def _local_body(blocks: list[Block], body: float) -> tuple[float, int, bool] | None:
    """The face (size, colour, bold) most of the page's running text is set in, by characters,
    when it is bigger than the issue's body; None when the page sets its text at the body size."""
    faces: Counter = Counter()
    for b in blocks:
        if (
            b.lang == "zh"
            and len(b.lines) >= RUNNING_LINES
            and b.role in (Role.PARAGRAPH, Role.DECK, Role.OTHER)
        ):
            faces[(b.size, b.lines[0].color, b.bold)] += len(b.text)
    if not faces:
        return None
    face = faces.most_common(1)[0][0]
    return face if face[0] >= LOCAL_BODY_STEP * body else None


def _headings_in_the_text_face(
    blocks: list[Block], body: float, rules: Rules, ink: int | None
) -> list[Block]:
    """A heading is set apart from the text around it. A short line typed heading only for being
    bigger than the issue's body, yet in the very face of its page's own running text (a notice's
    contact lines, its lead-in "现通知如下：", on a page set a size above the articles' body), is
    that text's: its role is read again against the page's own body size (the input's blocks
    are not changed: new ones replace them)."""
    face = _local_body(blocks, body)
    if face is None:
        return blocks
    size, colour, bold = face
    out = []
    for b in blocks:
        if (
            b.role == Role.HEADING
            and b.box_id is None
            and abs(b.size - size) <= SAME_FACE_SIZE * size
            and b.bold == bold
            and all(ln.color == colour for ln in b.lines)
        ):
            b = dataclasses.replace(b, role=role_of(b, size, rules, False, colour))
        out.append(b)
    return out


# ---------------------------------------------------------------- columns
# Full-width opening marks: their ink stands in the right half of their em box. A typesetter that
# squeezes punctuation (ctex in XeLaTeX) sets a line opening with one half an em out into the
# margin, the ink on the text's edge: the box's blank half is no part of the column.
OPENING_MARKS = "“‘（《「『【〔〈［｛"
OPENING_MARK_BLANK = 0.5  # the blank share of such a mark's box (ems)


def _ink_left(ln: Line) -> float:
    """Where a line's ink begins on the left: its box, less an opening mark's blank half."""
    if not isinstance(ln, Anchor) and ln.text[:1] in OPENING_MARKS:
        return ln.x0 + OPENING_MARK_BLANK * ln.size
    return ln.x0


def _gutters(lines: list[Line], x_lo: float, x_hi: float, body: float) -> list[tuple[float, float]]:
    """Vertical whitespace strips that (almost) no line crosses."""
    return _gutters_at(lines, x_lo, x_hi, body)[0]


def _gutters_at(
    lines: list[Line], x_lo: float, x_hi: float, body: float, slacks: tuple[int, ...] = (0,)
) -> list[list[tuple[float, float]]]:
    """For each slack, the vertical whitespace strips that (almost) no line crosses, or no more than
    that many lines more (one pass over the lines' coverage for all of them)."""
    if not lines:
        return [[] for _ in slacks]
    lo, hi = int(x_lo), int(x_hi) + 1
    # coverage changes only where a line starts or ends: walk those points, not every point
    steps: dict[int, int] = {}
    for ln in lines:
        a, b = max(lo, int(_ink_left(ln)) + 1), min(hi, int(ln.x1))
        # a box inside one column counts as the lines it is tall: a column holding only a
        # summary box is a column, not "almost no line"
        w = 1
        if isinstance(ln, Anchor) and ln.kind == "box" and ln.x1 - ln.x0 < 0.4 * (x_hi - x_lo):
            w = max(1, round((ln.y1 - ln.y0) / (1.5 * body)))
        if a < b:
            steps[a] = steps.get(a, 0) + w
            steps[b] = steps.get(b, 0) - w
    points = sorted(steps)
    min_w = max(4.0, 0.45 * body)
    out = []
    for slack in slacks:
        allowed = max(0, len(lines) // 40) + slack
        gaps, start, cover = [], lo, 0  # nothing covers the left edge
        for x in points:
            cover += steps[x]
            if cover <= allowed:
                if start is None:
                    start = x
            elif start is not None:
                gaps.append((start, x))
                start = None
        # inner gaps only: margins are not gutters
        out.append([(a, b) for a, b in gaps if b - a >= min_w and a > lo + 5 and b < hi - 5])
    return out


# A line alone in its row may be left out of the gutter test only where at most this share of the
# page's body lines (and the few _gutters allows) cross the gutter: a title line or two over it, not
# a page of one column whose lines would all cross a "gutter" made by a row or two of labels
SOLO_ACROSS_SHARE = 0.25


def _level(a: Line, b: Line) -> bool:
    """a and b stand in one row (they overlap by more than a third of the smaller's height)."""
    return min(a.y1, b.y1) - max(a.y0, b.y0) > 0.3 * min(a.height, b.height)


def _stacked(a: Line, b: Line, body: float) -> bool:
    """a and b are lines of one column: the same measure (both edges within an em), one right over
    the other (no more than a line's height between them)."""
    same_measure = abs(a.x0 - b.x0) <= body and abs(a.x1 - b.x1) <= body
    gap = max(a.y0, b.y0) - min(a.y1, b.y1)
    return same_measure and 0 <= gap <= max(a.height, b.height)


# A column's line is in the measure of a line of its column this many of its heights above it
# at most (a paragraph's short last line between them)
MEASURE_REACH = 3.0


def _in_measure_above(o: Line, ln: Line, body: float) -> bool:
    """o stands a few rows above ln in ln's measure: ln is a line of o's column (its right edge
    where o's is, its left where o's is or a first-line indent in; or shorter from the same left
    edge, a paragraph's last line)."""
    gap = ln.y0 - o.y1
    if not 0 <= gap <= MEASURE_REACH * max(o.height, ln.height):
        return False
    indent = ln.x0 - o.x0
    full = abs(o.x1 - ln.x1) <= body and -body <= indent <= 2.5 * ln.size
    last = ln.x1 < o.x1 and abs(indent) <= body
    return full or last


def _paragraph_ends(lines: list[Line], body: float) -> set[int]:
    """The ids of the lines that are a paragraph's last line, whatever they end in (an ellipsis, a
    closing quote): right under a longer line of their type that starts where they start. Short in
    any layout, such a line says nothing of the page's columns (a page holding only a paragraph's
    last two lines, carried over a turn, read as a deck set across a page of two columns). Only a
    short one is left out of the vote: a line reaching across votes for one column whatever it ends
    (a reference list's one-line entries). The lines above each are looked up by their bottoms,
    sorted once (a page's lines each against all the others cost a third of layout)."""
    by_bottom = sorted(lines, key=lambda o: o.y1)
    bottoms = [o.y1 for o in by_bottom]
    tallest = max((o.height for o in lines), default=0.0)
    ends: set[int] = set()
    for ln in lines:
        lo = bisect_left(bottoms, ln.y0 - max(tallest, ln.height))
        hi = bisect_right(bottoms, ln.y0)
        if any(
            o is not ln
            and abs(o.size - ln.size) < 0.05 * ln.size
            and abs(o.x0 - ln.x0) <= body
            and o.x1 > ln.x1 + body
            and 0 <= ln.y0 - o.y1 <= max(o.height, ln.height)
            for o in by_bottom[lo:hi]
        ):
            ends.add(id(ln))
    return ends


def _body_gutters(body_lines: list[Line], lines: list[Line], body: float) -> list[tuple[float, float]]:
    """The gutters the page's body lines keep clear. A body line alone in its row (nothing level
    with it: no line, photo, box or table) does not count against a gutter: a notice's English
    title set a little over the text's size, so counted with the body lines, runs on across the
    gutter over both columns; it stands over the columns (_bridges_gutter), and the rows of lines
    side by side say where the columns part. Only the few lines crossing a strip that they alone
    keep from being a gutter are looked at."""
    x_lo, x_hi = min(ln.x0 for ln in body_lines), max(ln.x1 for ln in body_lines)
    few = int(SOLO_ACROSS_SHARE * len(body_lines))
    if not few:
        return _gutters(body_lines, x_lo, x_hi, body)
    gutters, near = _gutters_at(body_lines, x_lo, x_hi, body, (0, few))
    loose = [(a, b) for a, b in near if not any(a < g1 and b > g0 for g0, g1 in gutters)]
    if not loose:
        return gutters
    crossing = [ln for ln in body_lines if any(ln.x1 > a and ln.x0 < b for a, b in loose)]
    solo = {id(ln) for ln in crossing if not any(o is not ln and _level(o, ln) for o in lines)}
    # a column's last line, alone in its row only because the column beside it ended higher (a deck
    # set in two columns of its own over the text), stands under a line of its measure that is not
    # alone: it is that column's, not a line over the columns
    # so do a column's last lines under a paragraph's short last line, the first indented (balanced
    # columns over columns of another measure: the left column two lines longer than the right):
    # each is released by a line of its measure a few rows above, in its column, that is not alone
    # or was released
    pending = [ln for ln in crossing if id(ln) in solo]
    released = True
    while released and pending:
        released = False
        for ln in list(pending):
            if any(id(o) not in solo and _in_measure_above(o, ln, body) for o in body_lines):
                solo.discard(id(ln))
                pending.remove(ln)
                released = True
    if not solo:
        return gutters
    without = _gutters([ln for ln in body_lines if id(ln) not in solo], x_lo, x_hi, body)
    return without if len(without) > len(gutters) else gutters


def _columns(lines: list[Line], body: float) -> list[tuple[float, float]]:
    x_lo = min(_ink_left(ln) for ln in lines)
    x_hi = max(ln.x1 for ln in lines)
    gutters = _gutters(lines, x_lo, x_hi, body)
    if not gutters:
        # a line in small type across the gutter (a first page's footnote running on past its
        # column's edge) hides the columns of the text at body size: those are their columns
        at_body = [ln for ln in lines if not isinstance(ln, Anchor) and ln.size >= SMALL_TYPE_SHARE * body]
        if 2 * MIN_COLUMN_LINES <= len(at_body) < len(lines):
            gutters = _gutters(at_body, x_lo, x_hi, body)
    edges = [x_lo] + [g for gap in gutters for g in gap] + [x_hi]
    cols = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    # a "column" narrower than a few characters of its own type is a tab stop, not a column (a
    # masthead's narrow columns of names in small type are columns)
    return [c for c in cols if c[1] - c[0] > 4 * _type_in(c, lines, body)] or [(x_lo, x_hi)]


def _type_in(col: tuple[float, float], lines: list[Line], body: float) -> float:
    """The size of the type set in a column (the median of its lines' sizes, the lines that start
    in it), or the body size when none does."""
    sizes = sorted(
        ln.size for ln in lines if not isinstance(ln, Anchor) and col[0] - 2 <= ln.x0 < col[1] and ln.size > 0
    )
    return min(body, sizes[len(sizes) // 2]) if sizes else body


def _is_wide(
    line: Line, text_w: float, body: float, texts: list[Line] = (), gutters: list[tuple[float, float]] = ()
) -> bool:
    """Spans the text area, or is title type (a big bare number, like a contents folio, is not;
    nor big type with column text running beside it: a pull quote set inside its column). A line
    that stops short of every gutter the page's body lines keep clear is in a column however much
    of the page's lines it spans: a page holding only a paragraph's last two lines, one at the top
    of each column, measures its text area from them, and the left one filled most of it."""
    big = line.size >= 1.45 * body and len(LETTERS.findall(line.text)) >= 2
    spans = line.width > 0.62 * text_w and (
        not gutters or any(line.x0 < a and line.x1 > b for a, b in gutters)
    )
    return spans or (big and not _text_beside(line, texts, body))


def _alone_in_its_rows(ln: Line, lines: list[Line], texts: list[Line]) -> bool:
    """A figure out in the margin, with nothing level with it (a photo in the head margin, one
    cut by the page edge where it crosses over from the facing page): a band of its own, not a
    column of the text under it. A photo inside the text area stays in its column."""
    if not (isinstance(ln, Anchor) and ln.kind == "figure" and texts):
        return False
    out = ln.x0 < min(t.x0 for t in texts) - 1 or ln.x1 > max(t.x1 for t in texts) + 1
    return out and not any(
        o is not ln and min(o.y1, ln.y1) - max(o.y0, ln.y0) > 0.3 * min(o.height, ln.height) for o in lines
    )


def _over_gutter(ln: Line, gutters: list[tuple[float, float]]) -> bool:
    """A placed element (figure, table, caption) that stands across a column gutter."""
    return (
        isinstance(ln, Anchor)
        and ln.kind in ("figure", "table", "caption")
        and any(ln.x0 < a and ln.x1 > b for a, b in gutters)
    )


def _display_goes_on_in_column(ln: Line, runs: list[tuple[bool, list[Line]]], text_w: float) -> bool:
    """ln is the next line of display type whose line above stands in a column (a pull quote's
    last line, where the next column has ended and nothing stands beside it): big type alone in
    its row is no title when the block it goes on is column type."""
    if isinstance(ln, Anchor) or ln.width > 0.62 * text_w or not runs or runs[-1][0]:
        return False
    return any(_same_block_line(x, ln) for x in runs[-1][1])


def _bridges_gutter(ln: Line, gutters: list[tuple[float, float]], lines: list[Line], body: float) -> bool:
    """A text line at body size or above that runs across a gutter the body lines keep clear,
    alone in its row (an English title under the Chinese one, shorter than the full-width share):
    it stands over both columns, in none, and read as column text it would hide the gutter from
    the lines under it (their rows read across as one). Small type across the gutter (a note's
    last line carried over to the next page's top) stays with its stream: _columns finds the
    gutter under it from the body-size lines."""
    if isinstance(ln, Anchor) or ln.size < SMALL_TYPE_SHARE * body:
        return False
    if not any(ln.x0 < a and ln.x1 > b for a, b in gutters):
        return False
    return not any(
        o is not ln and min(o.y1, ln.y1) - max(o.y0, ln.y0) > 0.3 * min(o.height, ln.height) for o in lines
    )


def _head_over_columns(lines: list[Line], texts: list[Line], gutters: list[tuple[float, float]]) -> set[int]:
    """The lines over a later column than the first, above the page's first line of running text
    (the size most of its characters are set in), with nothing level with them across a gutter:
    the end of a title area set flush right (a short title at the left, then its English title
    and a byline over the right column only). Read as column text they would go after the first
    column's body (the English title in the body); they stand over the columns, in none. A line
    beside another across the gutter (the next column's first lines beside a profile's heading)
    is column text, and so is a line in the running size (the next column's text beside a photo).
    """
    sizes: Counter = Counter()
    for ln in texts:  # by size: a producer may name each glyph run's font apart (Type 3)
        sizes[round(ln.size, 1)] += len(ln.text)
    if not sizes:
        return set()
    running = sizes.most_common(1)[0][0]
    top = min((ln.y0 for ln in texts if round(ln.size, 1) == running), default=None)
    if top is None or any(isinstance(a, Anchor) and a.y0 < top for a in lines):
        return set()

    def across(a: Line, b: Line) -> bool:
        level = min(a.y1, b.y1) - max(a.y0, b.y0) > -0.5 * min(a.size, b.size)
        mids = [(g0 + g1) / 2 for g0, g1 in gutters]
        return level and any(a.x1 <= m <= b.x0 or b.x1 <= m <= a.x0 for m in mids)

    # only what stands over a later column: the first column's lines are read first as they are
    first = min((g0 + g1) / 2 for g0, g1 in gutters)
    above = [
        ln for ln in texts if ln.y1 <= top + 0.1 * ln.size and ln.x0 >= first and round(ln.size, 1) != running
    ]
    return {id(ln) for ln in above if not any(across(ln, o) for o in lines if o is not ln)}


# A line of text across the gutter this close (x its type size) to a figure or table set across
# the columns is that element's caption (one or two lines, above or below it)
CAPTION_REACH = 3.0


def _caption_across(ln: Line, gutters: list[tuple[float, float]], placed: list[Line]) -> bool:
    """A line of text across a column gutter next to a figure or table set across the columns:
    its caption, which no column holds (a caption centred over a table mid-page, in the band the
    browser balanced the columns above it into)."""
    if isinstance(ln, Anchor) or not any(ln.x0 < a and ln.x1 > b for a, b in gutters):
        return False
    return any(
        -1 <= a.y0 - ln.y1 <= CAPTION_REACH * ln.size or -1 <= ln.y0 - a.y1 <= CAPTION_REACH * ln.size
        for a in placed
    )


MIN_COLUMN_LINES = 5  # lines at body size that can overrule a page's one-column look

# Text lines below title type that all start within this many ems of the leftmost stand in one
# column flush left (a first-line indent, a hanging mark stay inside it)
FLUSH_LEFT_EMS = 2.5
# and are a list of short lines, not a paragraph's, when at least this many of them stand there
FLUSH_LEFT_MIN_LINES = 8
# and half of them are shorter than this share of the widest's reach (names one a line; a cover's
# titles and their English, wrapped in a narrow column, run most of its width)
LIST_LINE_SHARE = 0.3


def _flush_left_list(texts: list[Line], body: float) -> bool:
    """The page's text is one column whatever its lines' lengths: every line below title type
    starts at one left edge (within FLUSH_LEFT_EMS), there are FLUSH_LEFT_MIN_LINES of them, and
    most are short (LIST_LINE_SHARE). A list of short lines set flush left (a masthead's names, one a line, under their labels; a
    publisher's name over two lines) has no line running the width of the text: the voters of
    one_column are short, yet its longer lines (a foreign member's name with the country before
    it) are no text set across columns, which a page with no gutter has none of. Read as wide bands
    they were cut off the list and their names run together with the names under them."""
    small = [ln for ln in texts if ln.size < 1.45 * body and not ln.vertical]
    if len(small) < FLUSH_LEFT_MIN_LINES:
        return False
    left = min(_ink_left(ln) for ln in small)
    width = max(ln.x1 for ln in small) - left
    return (
        all(_ink_left(ln) - left <= FLUSH_LEFT_EMS * ln.size for ln in small)
        and median(ln.width for ln in small) < LIST_LINE_SHARE * width
    )


SMALL_TYPE_SHARE = 0.9  # type below this share of the body size is small (footnotes, captions)
BESIDE_LINES = 2  # body lines level with big type, left or right of it, that make it column type


def _text_beside(line: Line, texts: list[Line], body: float) -> bool:
    """Body text runs on in another column level with this line (within a line's height of it),
    or a photo, box or table stands there (an element of a column: texts may hold them)."""
    lo, hi = line.y0 - line.height, line.y1 + line.height
    if any(
        isinstance(t, Anchor)
        and t.y1 > line.y0
        and t.y0 < line.y1
        and (t.x1 < line.x0 - 2 or t.x0 > line.x1 + 2)
        for t in texts
    ):
        return True
    beside = sum(
        1
        for t in texts
        if t is not line
        and t.size < 1.2 * body
        and t.y1 > lo
        and t.y0 < hi
        and (t.x1 < line.x0 - 2 or t.x0 > line.x1 + 2)
        and (len(t.text) >= 4 or _last_line_of_paragraph(t, texts, body))
    )
    return beside >= BESIDE_LINES


def _last_line_of_paragraph(ln: Line, texts: list[Line], body: float) -> bool:
    """A short line right under a longer line of its type that starts where it starts: a
    paragraph's last line ("者。"), the column's text running on level with a pull quote in the
    next column however few characters it holds (too short to count by itself: a bare mark)."""
    return not isinstance(ln, Anchor) and any(
        o is not ln
        and not isinstance(o, Anchor)
        and abs(o.size - ln.size) < 0.05 * ln.size
        and abs(o.x0 - ln.x0) <= body
        and o.x1 > ln.x1 + body
        and 0 <= ln.y0 - o.y1 <= max(o.height, ln.height)
        for o in texts
    )


def _continues_wide(prev: Line, ln: Line) -> bool:
    """The short last line of a full-width title or deck (same style, right below, ending
    earlier, or starting later where the title is set flush right), or a line centred under a
    centred one (a title area set centred: the second line of a long English title, the byline),
    which would otherwise cross the column gutter."""
    if isinstance(ln, Anchor):
        return False
    centred = (
        abs((prev.x0 + prev.x1) - (ln.x0 + ln.x1)) / 2 < max(2.0, 0.3 * ln.size)
        and 0 <= ln.y0 - prev.y1 < 2 * max(ln.size, prev.size)
        and ln.width < prev.width
    )
    same_type = (
        abs(prev.size - ln.size) < 0.05 * prev.size
        and prev.bold == ln.bold
        and -0.3 * ln.size <= ln.y0 - prev.y1 < 0.9 * ln.size
    )
    # a title set flush right (an English title under the subtitle): its last line ends where the
    # line above ends, in its ink and slant
    flush_right = (
        same_type
        and abs(prev.x1 - ln.x1) < max(2.0, 0.3 * ln.size)
        and ln.width < prev.width
        and prev.color == ln.color
        and prev.italic == ln.italic
    )
    return (
        centred or flush_right or (same_type and abs(prev.x0 - ln.x0) < 2.5 * ln.size and ln.x1 < prev.x1 + 2)
    )


def _rest_of_row(prev: Line, ln: Line) -> bool:
    """The next piece of a full-width line's row, set a letter-space or two after it in the same
    type (a centred author line cut at the em space of 王　芳: its left piece alone stood centred
    under the title)."""
    return (
        not isinstance(ln, Anchor)
        and not isinstance(prev, Anchor)
        and abs(prev.row - ln.row) < 0.3 * ln.size
        and abs(prev.size - ln.size) < 0.05 * ln.size
        and 0 <= ln.x0 - prev.x1 < ROW_PIECE_GAP * ln.size
    )


# pieces of one row at most this far apart (x their type size) go with the row
ROW_PIECE_GAP = 2.0


def _labelled_row(ln: Line, texts: list[Line], text_w: float, rules: Rules | None) -> bool:
    """A journal paper's front-matter fields set apart across the page in one row (中图分类号 …
    文献标志码 … 文章编号 …, TeX glue or tab stops between them, no space characters): each piece
    is short, but the row runs the page's width like a full-width line, and read as column text
    it hides the gutter of the columns under it (their lines were read as one). At least
    LABELLED_ROW_PIECES pieces of the row, in one type, open with a front-matter label."""
    if rules is None or isinstance(ln, Anchor) or not _opens_with_label(ln.text, rules):
        return False
    row = [t for t in texts if abs(t.row - ln.row) < 0.3 * ln.size and abs(t.size - ln.size) < 0.05 * ln.size]
    labelled = sum(1 for t in row if _opens_with_label(t.text, rules))
    return labelled >= LABELLED_ROW_PIECES and max(t.x1 for t in row) - min(t.x0 for t in row) > 0.62 * text_w


def _opens_with_label(text: str, rules: Rules) -> bool:
    return any(start == 0 for start, _, _ in find_labels(text.strip(), rules))


# labelled pieces that make a row of front-matter fields
LABELLED_ROW_PIECES = 2


_WORD = re.compile(r"[^\W_]")  # a letter or digit of any script


def _labels_title(ln: Line, nxt: Line | None, body: float, texts: list[Line] = ()) -> bool:
    """A short line right above a title (section label, kicker) belongs to the title area (not a
    column's line that happens to end above big type set in another column). Big type that
    prints no letter or digit (a quotation mark set large over a pull quote) is no title."""
    return (
        nxt is not None
        and not isinstance(ln, Anchor)
        and nxt.size >= 1.45 * body
        and (isinstance(nxt, Anchor) or _WORD.search(nxt.text) is not None)
        and ln.x0 < nxt.x1
        and nxt.x0 < ln.x1
        and not _text_beside(nxt, texts, body)
        and 0 <= nxt.y0 - ln.y1 < max(1.5 * max(ln.size, body), 0.9 * nxt.size)  # big titles stand apart
        and len(ln.text) < 40
        and not _same_block_line(ln, nxt)  # the line above in the same type: the display block's own
    )


# A label in small type (this share of the body size or less) in another ink than the text, or bold
# (a kicker's type), may name a section that no rules file knows
LABEL_TYPE_SHARE = 0.9
# The heading a section label labels stands at most this many of its own lines under it
LABEL_REACH = 4.0
# What starts within this many ems of the rightmost start above a label stands in the last column
LAST_COLUMN_EMS = 3.0


def _section_break(ln: Line, lines: list[Line], body: float, ink, rules: Rules | None) -> bool:
    """A section label set mid-page, alone in its row, under the columns of a text that ends there:
    a unit of another section begins under it (a profile round-up with no title of its own set on
    under an article's end, the article's columns ended short of the page's foot, level or one
    shorter than the other). The label is narrow, in small type, so it cuts no band by its width,
    and read as column text it would send the new unit's first column before the old one's last
    (or hide the other column grid the unit is set in). Evidence that can disagree, all of it:
    the label is one (the section's name in the rules, or a kicker's type: small, in another ink or
    bold, no sentence), nothing stands level with it across the page, the text above it closes
    (the last column's last line ends a sentence, or a box, figure or table ends it) and a heading
    stands right under it (bigger, bolder or in another ink than the text), as a section's opening
    sets it. A heading in a column whose neighbour ended higher labels nothing: the text over it
    in the column before goes on under it."""
    if isinstance(ln, Anchor) or len(ln.text.strip()) > 30 or ends_with_stop(ln.text, SENTENCE_STOPS):
        return False
    named = rules is not None and is_section_label(ln.text, rules)
    kicker = ln.size <= LABEL_TYPE_SHARE * body and (ln.bold or (ink is not None and ln.color != ink))
    if not (named or kicker):
        return False
    if any(o is not ln and _level(o, ln) for o in lines):
        return False
    # what stands above it: text, or boxes, figures and tables alone (a Reading Summary boxed in
    # both columns, carried from the left box to the right, closes an article as its text does)
    above = [o for o in lines if o.y1 <= ln.y0 + 1]
    if not above:
        return False
    # the last column above (what starts within a few ems of the rightmost start: a hanging
    # indent's lines, a box) ends with its lowest line or element
    right = max(o.x0 for o in above)
    last = max((o for o in above if o.x0 >= right - LAST_COLUMN_EMS * body), key=lambda o: o.y1)
    # an ellipsis closing the last line ends the text as a full stop does (建设……)
    if not (isinstance(last, Anchor) or ends_with_stop(last.text, SENTENCE_STOPS + "…")):
        return False
    under = [
        o
        for o in lines
        if not isinstance(o, Anchor)
        and o.y0 >= ln.y1 - 1
        and o.x0 < ln.x1 + body
        and ln.x0 - body < o.x1
        and o.y0 - ln.y1 < LABEL_REACH * max(ln.height, body)
    ]
    if not under:
        return False
    head = min(under, key=lambda o: o.y0)
    return (
        head.size > 1.05 * body
        or (head.bold and not ln.bold)
        or (ink is not None and head.color not in (ink, ln.color))
    )


# At most this many lines above the one that labels a title are taken as one title block with it
# (an English title wrapped over two to four lines); more is running text, not a title.
TITLE_BLOCK_LINES = 4


def _same_block_line(above: Line, ln: Line) -> bool:
    """above is the line before ln in one block of display type: same face, size, weight and
    colour, right above it (at most a line's spacing), starting at the same left edge or centred
    on the same axis, and not closing a sentence."""
    gap = ln.y0 - above.y1
    return (
        not isinstance(above, Anchor)
        and _same_face(above, ln)
        and abs(above.size - ln.size) < 0.05 * ln.size
        and above.color == ln.color
        and -0.3 * ln.size <= gap < 0.9 * ln.size
        and (
            abs(above.x0 - ln.x0) < 0.5 * ln.size
            or abs((above.x0 + above.x1) - (ln.x0 + ln.x1)) / 2 < max(2.0, 0.3 * ln.size)
        )
        and not ends_with_stop(above.text, SENTENCE_STOPS)
    )


def _title_block_above(ln: Line, run: list[Line]) -> list[Line]:
    """The lines of run that, with ln, make one block of display type ending in ln (each right
    above the next in the same face), top first; none when there are more than a title has
    (TITLE_BLOCK_LINES), when ln closes a sentence, or when the block's top line goes on from a line
    of the same type right above it (a paragraph's indented first line): then ln ends running text."""
    if ends_with_stop(ln.text, SENTENCE_STOPS):
        return []
    group: list[Line] = []
    cur = ln
    while True:
        above = [x for x in run if not any(x is g for g in group) and _same_block_line(x, cur)]
        if not above:
            break
        cur = max(above, key=lambda x: x.y1)
        group.insert(0, cur)
        if len(group) >= TITLE_BLOCK_LINES:
            return []
    if any(
        not isinstance(x, Anchor)
        and not any(x is g for g in group)
        and abs(x.size - cur.size) < 0.05 * cur.size
        and x.x0 < cur.x1
        and cur.x0 < x.x1
        and 0 <= cur.y0 - x.y1 < 0.9 * cur.size
        for x in run
    ):
        return []
    return group


class Anchor(Line):
    """A non-text element placed in the flow (box, caption, figure, table) so that it is ordered
    with the columns and cuts the paragraph stream where it stands."""

    def __init__(self, page: int, bbox: BBox, kind: str, payload, size: float):
        super().__init__(page, "", bbox, size, "", False, 0)
        self.kind = kind
        self.payload = payload


def _flow_order(
    lines: list[Line], body: float, rules: Rules | None = None
) -> list[tuple[int, list[Line], tuple[float, float]]]:
    """Cut the page's flowing items into (column index, items, column x-range) runs in reading order."""
    if not lines:
        return []
    lines = _top_down(lines)
    text_w = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    # a single-column page (most body lines run the full width): only big type is "full width";
    # a page without body text (references, notes in small type) is judged by the lines it has
    texts = [ln for ln in lines if not isinstance(ln, Anchor)]
    # text that runs beside big type makes it column type, in the open or in a box, and so does a
    # photo, box or table beside it (a pull quote level with an afterword or a photo in the next
    # column); only elements narrower than the text, and not a figure's pieces
    level_texts = texts + [
        a
        for a in lines
        if isinstance(a, Anchor) and a.kind in ("figure", "box", "table") and a.x1 - a.x0 < 0.62 * text_w
    ]
    # the page's own running size, by number of lines: briefs in three columns may be set a little
    # smaller than the body, under a deck at body size across the page (the deck's few
    # long lines are not the page's text)
    sizes = Counter(round(ln.size * 2) / 2 for ln in texts if ln.size < 1.45 * body)
    page_body = sizes.most_common(1)[0][0] if sizes else body
    body_lines = [ln for ln in texts if abs(ln.size - page_body) < 0.05 * page_body]
    if len(body_lines) < 5:
        body_lines = [ln for ln in texts if len(ln.text) >= 10 and ln.size < 1.45 * body]
    inks = Counter(ln.color for ln in body_lines).most_common(1)
    ink = inks[0][0] if inks else None  # the text's colour: a label in another ink is a kicker's
    # lines level with a photo are cut short by it (text wrapping around it in one column) or
    # stand in another column than it: either way their width says nothing of the page's columns;
    # nor does a line ending a sentence (a paragraph's last line is short in any layout)
    # nor does a list's bare number set at a tab stop apart from its entry's text (a reference
    # list's [4] … [9]): its width is the number's
    last_lines = _paragraph_ends(body_lines, body)
    voters = [
        ln
        for ln in _clear_of_figures(body_lines, lines)
        if not ends_with_stop(ln.text, SENTENCE_STOPS)
        and not BARE_MARKER.match(ln.text)
        and not (ln.width <= 0.62 * text_w and id(ln) in last_lines)
    ]
    voters = voters or body_lines
    one_column = len(body_lines) >= 2 and sum(ln.width > 0.62 * text_w for ln in voters) > 0.5 * len(voters)
    # a journal's first page sets its front matter (abstracts, affiliations) across the page in
    # smaller type, often more lines of it than of body text: when the lines at the body
    # size mostly stand in columns, the page has columns
    at_body = [ln for ln in texts if abs(ln.size - body) < 0.05 * body and len(ln.text) >= 4]
    clear = _clear_of_figures(at_body, lines)
    at_body = clear if len(clear) >= 2 else at_body
    if one_column and len(at_body) >= MIN_COLUMN_LINES:
        one_column = sum(ln.width > 0.62 * text_w for ln in at_body) > 0.5 * len(at_body)
    if not one_column and _flush_left_list(texts, body) and not _body_gutters(body_lines, lines, body):
        one_column = True  # a masthead's names one a line: short lines, still one column
    if one_column:
        text_w = float("inf")
    # a figure, table or caption set across the columns (centred over the gutter, narrower than
    # the text) cuts them as a full-width line does: the gutters are the body lines' own
    gutters = [] if one_column or len(body_lines) < 2 else _body_gutters(body_lines, lines, body)
    # a diagram drawn as many small pieces, with its caption, across the columns is one figure
    spans = _graphic_spans(lines, texts, text_w, body)
    # a line across the gutter takes the pieces of its row beside it along (表 2 before its
    # caption's words, set apart by a space)
    placed = [ln for ln in lines if _over_gutter(ln, gutters)]
    across = [ln for ln in texts if _caption_across(ln, gutters, placed)]
    bridging = {id(ln) for ln in texts if _bridges_gutter(ln, gutters, lines, body)}
    bridging |= _head_over_columns(lines, texts, gutters) if gutters else set()

    def beside_across(ln: Line) -> bool:
        return any(
            abs(a.row - ln.row) < 0.3 * ln.size
            and (0 <= a.x0 - ln.x1 < 2 * ln.size or 0 <= ln.x0 - a.x1 < 2 * ln.size)
            for a in across
        )

    # bands: runs of narrow lines between full-width lines
    runs: list[tuple[bool, list[Line]]] = []
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        wide = (
            _is_wide(ln, text_w, body, level_texts, gutters)
            or _over_gutter(ln, gutters)
            or id(ln) in bridging
            or _alone_in_its_rows(ln, lines, texts)
            or (not isinstance(ln, Anchor) and (ln in across or beside_across(ln)))
            or _inside_any(ln, spans)
            or bool(runs and runs[-1][0] and _continues_wide(runs[-1][1][-1], ln))
            or bool(runs and runs[-1][0] and _rest_of_row(runs[-1][1][-1], ln))
            or _labels_title(ln, nxt, body, level_texts)
            or _labelled_row(ln, texts, text_w, rules)
            or _section_break(ln, lines, body, ink, rules)
        )
        if wide and _display_goes_on_in_column(ln, runs, text_w):
            wide = False
        if wide and runs and not runs[-1][0] and _labels_title(ln, nxt, body, level_texts):
            # a short line above a title may be the last line of a title block set above it (an
            # English title wrapped over lines, then the Chinese title): its lines go with it
            group = _title_block_above(ln, runs[-1][1])
            if group:
                kept = [x for x in runs[-1][1] if not any(x is g for g in group)]
                runs[-1:] = [(False, kept)] if kept else []
                if runs and runs[-1][0]:
                    runs[-1][1].extend(group)
                else:
                    runs.append((True, group))
        if runs and runs[-1][0] == wide:
            runs[-1][1].append(ln)
        else:
            runs.append((wide, [ln]))
    for i in range(1, len(runs) - 1):
        if (
            not runs[i][0]
            and runs[i - 1][0]
            and runs[i + 1][0]
            and _byline_row(runs[i - 1][1], runs[i][1], body)
        ):
            runs[i] = (True, merge_same_baseline(runs[i][1]))
    # a deck set in columns of its own over the text: its own band (head_columns.py)
    runs = [
        (wide, part)
        for wide, run in runs
        for part in ([run] if wide else split_head_columns(run, lambda ln: isinstance(ln, Anchor)))
    ]
    out = []
    for wide, run in runs:
        if wide:
            out.append((-1, run, (min(ln.x0 for ln in run), max(ln.x1 for ln in run))))
            continue
        cols = _columns(run, body)
        by_col: dict[int, list[Line]] = {}
        for ln in run:
            cx = (ln.x0 + ln.x1) / 2
            idx = min(
                range(len(cols)),
                key=lambda i: (
                    0
                    if cols[i][0] - 2 <= ln.x0 and cx <= cols[i][1]
                    else abs((cols[i][0] + cols[i][1]) / 2 - cx)
                ),
            )
            by_col.setdefault(idx, []).append(ln)
        for idx in sorted(by_col):
            out.append((idx, _top_down(by_col[idx]), cols[idx]))
    return out


# Tops this close (pt) are one top: a producer draws two boxes side by side from one y, and the
# float it writes for each may differ in the last bits (610.33997 and 610.34003)
LEVEL_TOP_PT = 0.1


def _top_down(lines: list[Line]) -> list[Line]:
    """Lines and placed elements top down, left to right where their tops are level: a Reading
    Summary box continued in the next column, both pieces drawn from one top, was read right
    piece first when the right one's top came out a hair higher."""
    out = sorted(lines, key=lambda ln: (ln.y0, ln.x0))
    for i in range(1, len(out)):
        k = i
        while k > 0 and abs(out[k].y0 - out[k - 1].y0) <= LEVEL_TOP_PT and out[k].x0 < out[k - 1].x0:
            out[k - 1], out[k] = out[k], out[k - 1]
            k -= 1
    return out


# a list item's number or mark alone on its piece of a line: [4], (4), （4）, 4., 4、, ①
BARE_MARKER = re.compile(r"^\s*(?:[\[(（]\d{1,3}[\])）]|\d{1,3}[.、)）]|[\u2460-\u2473])\s*$")


def _clear_of_figures(body_lines: list[Line], items: list[Line]) -> list[Line]:
    """The body lines no figure stands level with (beside them, at the same height)."""
    figures = [a for a in items if isinstance(a, Anchor) and a.kind == "figure"]
    return [
        ln
        for ln in body_lines
        if not any(min(ln.y1, f.y1) - max(ln.y0, f.y0) > 0.3 * ln.height for f in figures)
    ]


# A bare number beside text on one baseline, in type of another size (ratio at least this) and
# at least TAB_GAP_EM of the smaller size away, is a number at a tab stop (a contents page's page
# number before or after its title), as extract keeps it apart; justified words share one size,
# and a label in two scripts and two sizes ("科促会动态 CIAPST News") holds no bare number.
TAB_SIZE_RATIO = 1.05
TAB_GAP_EM = 0.9


def _number_at_tab(prev: Line, ln: Line) -> bool:
    small, big = sorted((prev.size, ln.size))
    return (
        (prev.text.strip().isdigit() or ln.text.strip().isdigit())
        and big >= TAB_SIZE_RATIO * small
        and ln.x0 - prev.x1 >= TAB_GAP_EM * small
    )


# Graphics (figure pieces, framed labels, a caption) this close above or below each other are
# one picture, in ems of the body text.
GRAPHIC_GAP = 1.0
TOUCH = 2.0  # pieces of one drawing touch side by side (pt); photos in two columns have a gutter
# Text smaller than this share of the body size, level with such graphics, is their labels.
LABEL_RATIO = 0.85
_GRAPHICS = ("figure", "box", "caption")


def _graphic_spans(lines: list[Line], texts: list[Line], text_w: float, body: float) -> list[BBox]:
    """Pictures across the text area: graphics that touch (a flow chart drawn as many small boxes
    and connecting lines), with the caption under them, make one picture; where it is wider than a column
    and no body text stands level with it (beside it or among its pieces), it cuts the page like a
    full-width figure (its pieces would otherwise bridge the gutter and merge the columns above and
    below it)."""
    items = [
        ln for ln in lines if isinstance(ln, Anchor) and ln.kind in _GRAPHICS and not _text_frame(ln, body)
    ]

    def linked(a: Anchor, b: Anchor) -> bool:  # pieces that touch, a caption under
        gap_x = max(a.x0 - b.x1, b.x0 - a.x1, 0.0)
        gap_y = max(a.y0 - b.y1, b.y0 - a.y1, 0.0)
        return gap_x <= TOUCH and gap_y <= GRAPHIC_GAP * body

    groups = [
        (min(a.x0 for a in g), min(a.y0 for a in g), max(a.x1 for a in g), max(a.y1 for a in g), len(g))
        for g in connected(items, linked)
    ]
    out = []
    for x0, y0, x1, y1, n in groups:
        if n < 2 or x1 - x0 <= 0.62 * text_w:
            continue
        # body text beside it or within its extent: pictures in columns, with text around them
        near = any(
            t.size >= LABEL_RATIO * body
            and len(t.text) >= 4
            and min(t.y1, y1) - max(t.y0, y0) > 0.5 * t.height
            for t in texts
        )
        if not near:
            out.append((x0, y0, x1, y1))
    return out


def _text_frame(anchor: Anchor, body: float) -> bool:
    """A box holding text near body size (a summary, an afterword) is read as text, not as a
    piece of a drawing (whose boxes hold small labels)."""
    if anchor.kind != "box":
        return False
    _, blines = anchor.payload
    big = sum(len(ln.text) for ln in blines if ln.size >= LABEL_RATIO * body)
    return big * 2 > sum(len(ln.text) for ln in blines)


def _inside_any(ln: Line, spans: list[BBox]) -> bool:
    cx, cy = (ln.x0 + ln.x1) / 2, (ln.y0 + ln.y1) / 2
    return any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in spans)


def _byline_row(above: list[Line], run: list[Line], body: float) -> bool:
    """Lines that all stand on one baseline right under a title (names set apart in a byline,
    between the title and an abstract across the page): one row read left to right, not columns
    of one line each."""
    title = above[-1]
    if (
        len(run) < 2
        or any(isinstance(ln, Anchor) or len(LETTERS.findall(ln.text)) < 2 for ln in run)  # names, not marks
        or isinstance(title, Anchor)
        or title.size < 1.45 * body
        or min(ln.y0 for ln in run) - title.y1 > 3 * title.size
    ):
        return False
    rows = [ln.row for ln in run]
    return max(rows) - min(rows) <= 0.3 * min(ln.size for ln in run)


# Pieces on one baseline whose type sizes differ by this ratio or more are two texts (a title and
# its English name beside it in smaller type), as extract reads them; within it they are one line.
ONE_TYPE_RATIO = 1.12


# Gaps between single glyphs a row needs before their median is its letter-spacing.
SPREAD_MIN_GAPS = 3


def _letter_spacing(ordered: list) -> dict[int, float]:
    """For each single-glyph piece of a row spread glyph by glyph (a line justified to the full
    measure by letter-spacing, each glyph too far from the next to be read into one line: a
    reference's short line before a long DOI, "[J]. 创业邦."), the row's letter-spacing: the
    median gap between its neighbouring single glyphs, when it has SPREAD_MIN_GAPS of them."""
    out: dict[int, float] = {}
    row: list[Line] = []

    def close() -> None:
        gaps = [
            b.x0 - a.x1 for a, b in zip(row, row[1:], strict=False) if _single_glyph(a) and _single_glyph(b)
        ]
        if len(gaps) >= SPREAD_MIN_GAPS:
            gaps.sort()
            for ln in row:
                out[id(ln)] = gaps[len(gaps) // 2]

    for ln in ordered:
        if isinstance(ln, Anchor) or (row and abs(ln.row - row[0].row) >= 0.3 * ln.size):
            close()
            row = []
        if not isinstance(ln, Anchor):
            row.append(ln)
    close()
    return out


def _single_glyph(ln) -> bool:
    return not isinstance(ln, Anchor) and len(ln.text.strip()) == 1


def merge_same_baseline(lines: list[Line]) -> list[Line]:
    """Inside one column or box, pieces on one baseline are one line (justified words set apart;
    single glyphs set apart by letter-spacing read with no space between them)."""
    out: list[Line] = []
    ordered = _by_baseline(lines)
    spacing = _letter_spacing(ordered) if len(ordered) > SPREAD_MIN_GAPS else {}
    before = None  # the piece visited last
    for ln in ordered:
        prev = out[-1] if out else None
        piece_before, before = before, ln
        if (
            prev is not None
            and not isinstance(prev, Anchor)
            and not isinstance(ln, Anchor)
            and abs(prev.row - ln.row) < 0.3 * ln.size
            and (max(prev.size, ln.size) < ONE_TYPE_RATIO * min(prev.size, ln.size) or _big_number(prev, ln))
            and ln.x0 >= prev.x1 - 1
            and not _number_at_tab(prev, ln)
            and not ln.opens_paragraph  # a paragraph's start after the last line of the one before
        ):
            if _big_number(prev, ln):
                # a running number set big before its heading ("1 秒针：…") is the heading's, in its type
                joined = prev.joined(ln, f"{prev.text.strip()} {ln.text}")
                out[-1] = dataclasses.replace(
                    joined, size=ln.size, font=ln.font, bold=ln.bold, color=ln.color, italic=ln.italic
                )
                continue
            # pieces set apart (a rule drawn between 文 and the names) read with a space, as extract
            # reads a gap inside one line
            apart = lang_of(prev.text + ln.text) == "en" or ln.x0 - prev.x1 >= 0.9 * ln.size
            if _letter_spaced(piece_before, ln, prev.x1, spacing):
                apart = False  # "[", "J", "]" spread by letter-spacing are one token
            out[-1] = prev.joined(ln, prev.text + (" " if apart else "") + ln.text)
        else:
            out.append(ln)
    return sorted(out, key=lambda ln: (ln.y0, ln.x0))


def _big_number(prev: Line, ln: Line) -> bool:
    """prev is a bare running number (1-99) set in bigger type than the text right after it on its
    baseline, closer than a tab stop (a numbered brief's heading; a contents page's folio stands
    at a tab, _number_at_tab)."""
    return (
        bool(_RUNNING_NUMBER.fullmatch(prev.text.strip()))
        and prev.size > ln.size
        and 0 <= ln.x0 - prev.x1 < TAB_GAP_EM * ln.size
        and bool(LETTERS.search(ln.text))
    )


_RUNNING_NUMBER = re.compile(r"\d{1,2}")


def _by_baseline(lines: list[Line]) -> list[Line]:
    """Lines row by row, left to right in each row. A row is the lines whose baselines stand within
    0.3 of their type of the row's first one: a bottom edge is no row (a Latin word's descenders
    or a logo's lowered letter drop the box of one piece of a line below the others')."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: ln.row):
        if rows and abs(ln.row - rows[-1][0].row) < 0.3 * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.x0)]


def rejoin_stretched(lines: list[Line]) -> list[Line]:
    """A line that justification stretched at one place (TeX may put an em and a half after a 》)
    comes out of extract as two pieces. A gap is a column gutter when the lines above and below
    stop and start at it; where they run across it instead, the two pieces on one baseline
    (same type, within 2.5 em) are one line."""
    out: list[Line] = []
    ordered = sorted(lines, key=lambda ln: (round(ln.row), ln.x0))
    spacing = _letter_spacing(_by_baseline(lines)) if len(lines) > SPREAD_MIN_GAPS else {}
    by_bottom = sorted(lines, key=lambda ln: ln.bbox[3])  # _bridged looks at the rows around a gap only
    bottoms = [ln.bbox[3] for ln in by_bottom]
    before = None  # the piece visited last
    for ln in ordered:
        prev = out[-1] if out else None
        piece_before, before = before, ln
        if (
            prev is not None
            and abs(prev.row - ln.row) < 0.2 * ln.size
            and abs(prev.size - ln.size) < 0.03 * ln.size
            and (_same_face(prev, ln) or _script_change(prev, ln))
            and 0 <= ln.x0 - prev.x1 < 2.5 * ln.size
            and not ln.opens_paragraph
            and _bridged(prev.x1, ln.x0, ln, by_bottom, bottoms)
        ):
            spaced = _letter_spaced(piece_before, ln, prev.x1, spacing)
            out[-1] = prev.joined(ln, prev.text + ln.text if spaced else join_text(prev.text, ln.text))
        else:
            out.append(ln)
    return sorted(out, key=lambda ln: (ln.y0, ln.x0))


def _letter_spaced(before, ln: Line, end: float, spacing: dict[int, float]) -> bool:
    """ln and the piece before it are single glyphs of a row spread by letter-spacing, no further
    apart than that spacing (end: where the text before ln ends): one token ("[", "J", "]")."""
    return (
        id(ln) in spacing
        and _single_glyph(ln)
        and before is not None
        and _single_glyph(before)
        and ln.x0 - end <= spacing[id(ln)] + SPACE_OVER_TRACKING_EM * ln.size
    )


def _same_face(a: Line, b: Line) -> bool:
    """One face: the same font, or (Type 3 fonts, which a browser writes one per few glyphs, so
    that their names say nothing) the same weight and colour."""
    if (a.font, a.bold) == (b.font, b.bold):
        return True
    return (
        a.font.startswith("Type3") and b.font.startswith("Type3") and (a.bold, a.color) == (b.bold, b.color)
    )


def _script_change(a: Line, b: Line) -> bool:
    """Two pieces in one weight and colour whose scripts change where they meet (TeX stretches the
    glue between a Latin word in its own font and the Chinese text after it): one line's fonts."""
    left, right = a.text.rstrip()[-1:], b.text.lstrip()[:1]
    return (
        a.bold == b.bold
        and a.color == b.color
        and bool(left)
        and bool(right)
        and (bool(CJK_CHARS.match(left)) != bool(CJK_CHARS.match(right)))
    )


def _bridged(gap0: float, gap1: float, ln: Line, by_bottom: list[Line], bottoms: list[float]) -> bool:
    """The rows just above and below a gap on ln's row run across it and none is split there too.
    by_bottom: the page's lines sorted by their bottoms (bottoms: those), so that only the lines
    within the rows around ln are looked at (every line of the page, for each gap, made a page of
    tens of thousands of glyphs in columns quadratic: seconds of CPU time)."""
    y1, size = ln.bbox[3], ln.size
    window = by_bottom[bisect_left(bottoms, y1 - 1.6 * size) : bisect_right(bottoms, y1 + 1.6 * size)]
    near = [
        o
        for o in window
        if 0.5 * size < abs(o.bbox[3] - y1) < 1.6 * size and abs(o.size - size) < 0.03 * size
    ]
    across = any(o.x0 < gap0 and o.x1 > gap1 for o in near)
    # a gutter splits the rows around it too: one piece stopping at the gap and another starting
    # after it on the same row (a paragraph's short last line that happens to stop there is none)
    stops = [o for o in near if gap0 - ln.size <= o.x1 <= gap1 + 1]
    starts = [o for o in near if gap0 - 1 <= o.x0 <= gap1 + ln.size]
    cut = any(abs(a.y1 - b.y1) < 0.3 * ln.size for a in stops for b in starts if a is not b)
    return across and not cut


# ---------------------------------------------------------------- the stage
def _layout_page(
    page: RawPage, furniture: list[Line], folio, body: float, rules: Rules, page_rules: list[int] = ()
) -> PageLayout:
    fset = {id(ln) for ln in furniture}
    lines = [ln for ln in page.lines if id(ln) not in fset]
    n = page.number
    ink = Counter(ln.color for ln in lines if abs(ln.size - body) < 0.1 * body).most_common(1)
    ink = ink[0][0] if ink else None  # the body text colour: a short line in another colour is a heading
    anchors: list[Line] = []

    # a head rule is no table's top rule; a table's caption between two rules parts them
    captions = [
        p for p in (rules.get("tables", "caption_pattern"), rules.get("academic", "caption_pattern")) if p
    ]
    tables = table_areas(page, ignore=page_rules, captions=captions)
    unruled = [ln for ln in lines if containing(tables, ln, pad=4) is None]
    tables += aligned_table_areas(unruled, body, rules)
    table_lines: dict[int, list[Line]] = {}
    for ln in lines:
        t = containing(tables, ln, pad=4)
        if t is not None:
            table_lines.setdefault(t, []).append(ln)
    for t, bbox in enumerate(tables):
        anchors.append(
            Anchor(n, bbox, "table", sorted(table_lines.get(t, []), key=lambda ln: (ln.y0, ln.x0)), body)
        )
    tset = {id(ln) for group in table_lines.values() for ln in group}
    lines = rejoin_stretched([ln for ln in lines if id(ln) not in tset])

    boxes, figures, drawn = boxes_and_figures(page, lines, tables)
    # text running down or up the page is read on its own (vertical_layout.py), after the rest
    lines, turned = [ln for ln in lines if not ln.vertical], [ln for ln in lines if ln.vertical]
    box_lines: dict[int, list[Line]] = {}
    flow: list[Line] = []
    for ln in lines:
        b = containing(boxes, ln)
        if b is None:
            flow.append(ln)
        else:
            box_lines.setdefault(b, []).append(ln)
    # captions: under a figure in the flow, or under a figure inside the same box (an advert's QR code)
    caption_groups, doubts = find_captions(
        flow, [f for f in figures if containing_box(boxes, f) is None], body, rules, page.width * page.height
    )
    for b, blines in box_lines.items():
        inside = [f for f in figures if containing_box(boxes, f) == b]
        groups, box_doubts = find_captions(blines, inside, body, rules) if inside else ([], [])
        caption_groups += groups
        doubts += box_doubts
    cset = {id(ln) for g in caption_groups for ln in g}
    # text set over a diagram's drawing (its labels: "GPU 0", "轨道1") is the figure's, never a
    # paragraph: out of the flow (the residue keeps it, reason figure_text); text in a grid of rules
    # is a table's cells, read though no table was found there
    labelled = [d for d in drawn if not rule_grid(page, d)]
    # and so is text set over a figure's pictures (picture_labels)
    pictured = picture_label_areas(page.images, flow, body, page.width, page.height)
    labelled += pictured
    flow = [ln for ln in flow if id(ln) not in cset and containing(labelled, ln) is None]
    # a credit along a photo's side is its caption, any other line a block of its own where it
    # starts (a diagram's turned labels stay the figure's)
    credits, standing = place_vertical(
        [ln for ln in turned if containing(labelled, ln) is None], figures, body
    )
    caption_groups += credits
    for b, blines in box_lines.items():
        blines = [ln for ln in blines if id(ln) not in cset]
        if blines:
            anchors.append(Anchor(n, boxes[b], "box", (_box_key(n, b), blines), body))

    # a photo credit printed on a caption's line: a caption of its own (its lines are out of the flow)
    for group in [part for g in caption_groups for part in credit_parts(g, rules)]:
        bbox = (
            min(ln.x0 for ln in group),
            min(ln.y0 for ln in group),
            max(ln.x1 for ln in group),
            max(ln.y1 for ln in group),
        )
        anchors.append(Anchor(n, bbox, "caption", group, body))
    for fig in figures:
        anchors.append(Anchor(n, fig, "figure", None, body))

    pictured_at = [a.bbox for a in anchors if a.kind in ("figure", "caption")]
    pictures = tuple(pictured_at)  # near them a column's measure is not read (paragraphs)
    ordered: list[Block] = []
    segment = 0
    order = _flow_order(flow + anchors, body, rules)
    for col_idx, items, col in order:
        wide = col_idx < 0
        pending: list[Line] = []

        def flush(pending=pending, col_idx=col_idx, col=col, wide=wide):
            nonlocal segment
            if not pending:
                return
            paras = (
                wide_blocks(pending, rules, body)
                if wide
                else paragraphs(merge_same_baseline(pending), col_idx, col, rules, pictures=pictures)
            )
            for blk in paras:
                blk.role = role_of(blk, body, rules, wide, ink)
                blk.segment = (n, segment)
            if not wide:
                unmarked_items(paras, rules)
                listed_entries(paras, col, rules, pictures)
            ordered.extend(paras)
            pending.clear()
            segment += 1

        for item in items:
            if (
                isinstance(item, Anchor)
                and item.kind in ("figure", "caption")
                and _wrapped(item, flow, pictured_at)
            ):
                # text runs around this photo: it does not cut the paragraph beside it
                ordered.extend(_anchor_blocks(item, body, rules, (n, -1), pictures))
            elif isinstance(item, Anchor):
                flush()
                ordered.extend(_anchor_blocks(item, body, rules, (n, segment), pictures))
                segment += 1
            else:
                pending.append(item)
        flush()
    ordered = _headings_in_the_text_face(ordered, body, rules, ink)
    ordered = with_vertical_blocks(ordered, standing, body, rules, (n, segment))
    notes = [Warning(WarningCode.CAPTION_DOUBTFUL, d.message, None, n, d.bbox) for d in doubts]
    notes += standing_warnings(ordered)
    return PageLayout(
        n,
        page.width,
        page.height,
        folio,
        ordered,
        furniture,
        warnings=notes,
        drawings=drawn + pictured,
    )


# Lines beside a photo whose starts lie within this many ems of the nearest start are one column
# wrapping around it (an indent is two ems); starts further off are another column's.
WRAP_COLUMN_EM = 4.0


def _wrapped(anchor: Line, flow: list[Line], pictures: list[BBox] = ()) -> bool:
    """Some text line stands beside the anchor (same height, left or right of it). Lines it pushes
    right start their column at the leftmost of them, so that only a real indent looks indented;
    lines it cuts short end theirs at the rightmost of them, so that they do not look finished."""
    left_side, right_side = [], []
    level = [ln for ln in flow if min(ln.y1, anchor.y1) - max(ln.y0, anchor.y0) > 0.3 * ln.height]
    for ln in level:
        # a word processor or a typesetter may keep the text well clear of a photo it wraps
        # around: any gap counts that no other text fills
        if ln.x1 <= anchor.x0 + 2 and not _between(ln, ln.x1, anchor.x0, level):
            left_side.append(ln)
        elif ln.x0 >= anchor.x1 - 2 and not _between(ln, anchor.x1, ln.x0, level):
            right_side.append(ln)
    # of the lines with nothing between them and the photo at their height, only the nearest
    # column's wrap around it (a column further off is beside it only where the nearer one pauses)
    if right_side:
        near = min(ln.x0 for ln in right_side)
        right_side = [ln for ln in right_side if ln.x0 - near < WRAP_COLUMN_EM * ln.size]
    if left_side:
        near = max(ln.x0 for ln in left_side)
        left_side = [ln for ln in left_side if near - ln.x0 < WRAP_COLUMN_EM * ln.size]
    # the next column beside a figure set in its own column, its lines as long level with the
    # figure as above and under it, does not wrap around it
    left_side = [] if _own_column(left_side, flow, anchor, pictures, left=True) else left_side
    right_side = [] if _own_column(right_side, flow, anchor, pictures, left=False) else right_side
    # the wrap may reach a line past the photo's edge (its stand-off): a line right above or
    # under it that starts, or ends, exactly where the wrapped lines do is wrapped too
    # (`in` compares lines field by field: only a line level holds itself, or one of its texts,
    # can be in it)
    level_ids, level_texts = {id(ln) for ln in level}, {ln.text for ln in level}
    near = [
        ln
        for ln in flow
        if id(ln) not in level_ids
        and (ln.text not in level_texts or ln not in level)
        and _gap_y(ln, anchor) < WRAP_REACH * ln.height
    ]
    if right_side:
        start = min(ln.x0 for ln in right_side)
        # a line of their column right above or under them (running on under them) that starts
        # left of them, clear of the photo, shows where their column starts: one indented line
        # beside a caption one line high (in the next column) is an indent, not the wrap's edge
        start = min([start] + [ln.x0 for ln in near if anchor.x1 - 2 <= ln.x0 < start - 1 and ln.x1 > start])
        right_side += [ln for ln in near if abs(ln.x0 - start) < 1 and ln.wrap_left is None]
        right_side += _wrap_runs_on(
            right_side, flow, lambda ln: abs(ln.x0 - start) < 1 and ln.wrap_left is None
        )
        for ln in right_side:
            ln.wrap_left = start
    if left_side:  # and lines it stops short end their column where the photo begins
        end = max(ln.x1 for ln in left_side)
        left = min(ln.x0 for ln in left_side)
        left_side += [
            ln for ln in near if abs(ln.x1 - end) < 1 and abs(ln.x0 - left) < WRAP_COLUMN_EM * ln.size
        ]
        left_side += _wrap_runs_on(
            left_side, flow, lambda ln: abs(ln.x1 - end) < 1 and abs(ln.x0 - left) < WRAP_COLUMN_EM * ln.size
        )
        for ln in left_side:
            ln.wrap_right = end
    return bool(left_side or right_side)


def _wrap_runs_on(side: list[Line], flow: list[Line], in_measure) -> list[Line]:
    """The lines a wrap reaches past the photo's stand-off: a typesetter may keep the narrowed
    measure a line or two further than WRAP_REACH (a paragraph's last wrapped line under a small
    photo, its sentence going on in the next column, read as finished for stopping short). Each
    line of the flow stacked right under or over a wrapped one (no more than a line's height
    between them) in the wrapped measure (in_measure) is wrapped too, and so on down the column."""
    got = {id(ln) for ln in side}
    more: list[Line] = []
    grown = True
    while grown:
        grown = False
        for ln in flow:
            if id(ln) in got or not in_measure(ln):
                continue
            if any(
                0 <= max(ln.y0, w.y0) - min(ln.y1, w.y1) <= max(ln.height, w.height) for w in [*side, *more]
            ):
                got.add(id(ln))
                more.append(ln)
                grown = True
    return more


def _own_column(side: list[Line], flow: list[Line], anchor: Line, pictures: list[BBox], left: bool) -> bool:
    """The lines on one side of an anchor (left: its left) are a column it does not cut short, not
    text wrapped around it: lines of the flow that stand clear of it (further above or under it
    than a wrap reaches, WRAP_REACH) start and end where they do (to within WRAP_ALIGN), and no
    line that starts where they start reaches further towards the anchor (left side), or that
    ends where they end starts further from it (right side): their column's lines are no longer
    than they are. Lines level with a picture or caption of the page (pictures) show nothing:
    they may be wrapped around it."""
    if not side:
        return False
    x0, x1 = min(ln.x0 for ln in side), max(ln.x1 for ln in side)
    if left and any(abs(o.x0 - x0) <= WRAP_ALIGN and o.x1 > x1 + WRAP_ALIGN for o in flow):
        return False
    if not left and any(abs(o.x1 - x1) <= WRAP_ALIGN and o.x0 < x0 - WRAP_ALIGN for o in flow):
        return False
    return any(
        _gap_y(o, anchor) > WRAP_REACH * o.height
        and abs(o.x0 - x0) <= WRAP_ALIGN
        and abs(o.x1 - x1) <= WRAP_ALIGN
        and not any(min(o.y1, p[3]) > max(o.y0, p[1]) for p in pictures)
        for o in flow
    )


WRAP_ALIGN = 1.0  # pt


# How far (in line heights) above or under a photo a line may stand and still be wrapped by it.
WRAP_REACH = 1.5


def _gap_y(ln: Line, anchor: Line) -> float:
    """The vertical distance between a line and an anchor (0 when they are level)."""
    return max(0.0, anchor.y0 - ln.y1, ln.y0 - anchor.y1)


def _between(ln: Line, x0: float, x1: float, level: list[Line]) -> bool:
    """Some other text at ln's height stands between x0 and x1 (another column)."""
    return any(
        o is not ln
        and o.x0 >= x0 - 1
        and o.x1 <= x1 + 1
        and min(o.y1, ln.y1) - max(o.y0, ln.y0) > 0.3 * ln.height
        for o in level
    )


# A box's text starts at the box's inner edge where at least this many of its lines start at one
# x further in (its padding), not at the frame.
BOX_INSET_LINES = 2


def _box_text_left(lines: list[Line], inner: float) -> float:
    """Where a box's lines start: the x most of them start at (to the point), when that lies inside
    the frame's inner edge, so that a box set with a wide padding (a cover's panel, a tcolorbox)
    does not read every line as indented and each one as a paragraph of its own."""
    starts = Counter(round(ln.x0) for ln in lines)
    x, n = max(((x, n) for x, n in starts.items()), key=lambda t: (t[1], -t[0]), default=(inner, 0))
    return float(x) if n >= BOX_INSET_LINES and x > inner else inner


# A box's text set in columns of its own (a summary boxed across the page in two columns): a
# gutter no line crosses, with at least BOX_COLUMN_LINES lines each side, and most lines left of it
# (more than BOX_FULL_SHARE) ending within BOX_FULL_EMS of its type from it: justified text filling
# its column, not a list of labels and values set at a tab (whose first column is ragged).
BOX_COLUMN_LINES = 3
BOX_FULL_SHARE = 0.6
BOX_FULL_EMS = 2.0


def _box_columns(blines: list[Line], bx: BBox, body: float) -> list[tuple[float, float]]:
    """The columns a box's text is set in, left to right (one: the box's inner width)."""
    whole = [(bx[0] + 3, bx[2] - 3)]
    if len(blines) < 2 * BOX_COLUMN_LINES:
        return whole
    gutters = _gutters(blines, bx[0], bx[2], body)
    if not gutters:
        return whole
    edges = [bx[0]] + [g for gap in gutters for g in gap] + [bx[2]]
    cols = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    for (c0, c1), (d0, _) in zip(cols, cols[1:], strict=False):
        left = [ln for ln in blines if ln.x0 >= c0 - 1 and ln.x1 <= c1 + 1]
        right = [ln for ln in blines if ln.x0 >= d0 - 1]
        full = [ln for ln in left if c1 - ln.x1 <= BOX_FULL_EMS * ln.size]
        if (
            len(left) < BOX_COLUMN_LINES
            or len(right) < BOX_COLUMN_LINES
            or len(full) <= BOX_FULL_SHARE * len(left)
        ):
            return whole
    return cols


def _anchor_blocks(
    anchor: Anchor, body: float, rules: Rules, segment, pictures: tuple[BBox, ...] = ()
) -> list[Block]:
    if anchor.kind == "box":
        box_id, blines = anchor.payload
        bx = anchor.bbox
        blocks = []
        cols = _box_columns(blines, bx, body)
        for c0, c1 in cols:
            inside = merge_same_baseline([ln for ln in blines if c0 - 1 <= (ln.x0 + ln.x1) / 2 <= c1 + 1])
            if (
                len(cols) > 1 and inside
            ):  # a column's own edges: its lines' (the box's padding is not an indent)
                c0, c1 = min(ln.x0 for ln in inside), max(ln.x1 for ln in inside)
            else:  # the box's text starts where its lines start, inside a wide padding
                c0 = _box_text_left(inside, c0)
            blocks += paragraphs(inside, -2, (c0, c1), rules, box_id=box_id, pictures=pictures)
        if _shaded_line(blocks, bx, rules, body):  # a line on a tint: the flow's, read as unframed
            for blk in blocks:
                blk.box_id = None
        flow = _item_box(blocks, body, rules)
        for blk, role in zip(blocks, flow or [None] * len(blocks), strict=True):
            blk.role = role or role_of(blk, body, rules, False)
            blk.segment = segment
        return blocks
    if anchor.kind == "caption":
        group = anchor.payload
        cap = make_block(merge_same_baseline(group), -3, (anchor.x0, anchor.x1))
        cap.role, cap.segment = Role.CAPTION, segment
        return [cap]
    if anchor.kind == "table":
        text = " ".join(ln.text for ln in anchor.payload)
        return [
            Block(
                Role.TABLE,
                text,
                anchor.payload,
                [Piece(anchor.page, anchor.bbox)],
                column=-4,
                segment=segment,
            )
        ]
    return []  # figures only cut the flow


# A tint or frame that hugs one line of text, no taller than SHADED_LINE_EMS of the line's type, is
# that line's shading (a word processor draws a paragraph's background so: a profile's name-and-role
# heading, a section label on a band), not a box set apart from the flow: the line is read where it
# stands as unframed text (as a box, the box stream joined every such heading of the pages into one
# block). The line is display type (bold, or bigger than the body): a box's last line carried over
# a page or column turn onto a tint of its own is text in the box's type, and goes on with the box.
# A summary's heading on its own tint stays the summary's.
SHADED_LINE_EMS = 2.5


def _shaded_line(blocks: list[Block], bx: BBox, rules: Rules, body: float) -> bool:
    """The box holds one line of display type, and is about that line's height (SHADED_LINE_EMS)."""
    if len(blocks) != 1 or len(blocks[0].lines) != 1:
        return False
    line = blocks[0].lines[0]
    text = line.text.strip()
    return (
        bool(text)
        and (line.bold or line.size > DISPLAY_STEP * body)
        and not rules.summary_kind(text)
        and bx[3] - bx[1] <= SHADED_LINE_EMS * line.size
    )


# type this much bigger than the body is display type
DISPLAY_STEP = 1.05


# A box holding a whole item of a round-up (a profile, a brief): it opens with a heading and holds
# at least ITEM_BOX_TEXT ideographs of Chinese paragraphs under it; no summary heading, bio or
# afterword label in it. The frame only sets the item apart: its text is read as the flow's.
ITEM_BOX_TEXT = 60


def _item_box(blocks: list[Block], body: float, rules: Rules) -> list[str] | None:
    """The roles a box's blocks take when the box holds a whole item (as in the flow), else None."""
    if len(blocks) < 2 or any(rules.summary_kind(b.text.strip()) for b in blocks):
        return None
    unboxed = [dataclasses.replace(b, box_id=None) for b in blocks]
    roles = [role_of(b, body, rules, False) for b in unboxed]
    if roles[0] != Role.HEADING or any(r in (Role.BIO, Role.AFTERWORD, Role.SUMMARY_HEADING) for r in roles):
        return None
    text = sum(
        len(b.text) for b, r in zip(blocks, roles, strict=True) if r == Role.PARAGRAPH and b.lang == "zh"
    )
    return roles if text >= ITEM_BOX_TEXT else None


def _box_key(page_no: int, idx: int) -> int:
    return page_no * 1000 + idx


def labels_before_titles(flat: list[Block]) -> list[Block]:
    """A section label printed in the left column above a mid-page title can come, in column
    order, before the end of the previous article in the right column: put it back with its title."""
    flat = list(flat)
    for i, blk in enumerate(flat):
        if blk.role != Role.TITLE:
            continue
        for k in range(i - 1, -1, -1):  # back to the previous title or page
            label = flat[k]
            if label.page != blk.page or label.role == Role.TITLE:
                break
            # right above it, flush left over a centred title as often as over it
            above = 0 <= blk.bbox[1] - label.bbox[3] + 2 < 3 * blk.size
            if label.role == Role.SECTION and above:
                if k != i - 1:
                    flat.pop(k)  # the title is now at i - 1
                    at = i - 1
                    while at > 0 and _between_label_and_title(flat[at - 1], label, blk):
                        at -= 1  # over the byline printed between them: it is the title's too
                    flat.insert(at, label)
                break
    return flat


def _between_label_and_title(blk: Block, label: Block, title: Block) -> bool:
    """A line of the title area standing under the label and over the title (文｜张三 between them)."""
    return (
        blk.page == title.page
        and blk.role in (Role.BYLINE, Role.OTHER)
        and blk.bbox[1] >= label.bbox[3] - 1
        and blk.bbox[3] <= title.bbox[1] + 1
        and blk.bbox[0] < title.bbox[2]
        and title.bbox[0] < blk.bbox[2]
    )


_HEAVY_FACE = re.compile(r"hei|sans|gothic|黑", re.I)  # 黑体 and its kin: Chinese type's bold
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")  # what CJK_CHARS does not match
_LATIN_LETTERS = re.compile(r"[A-Za-z]")  # what LETTERS matches besides CJK_CHARS


def mark_heavy_faces(raw: RawDocument, body: float) -> None:
    """Chinese headings are often set in 黑体 (a sans face) at body weight against a 宋体 body:
    to the eye that is bold, so such Chinese lines are marked bold, unless the body itself is
    set in a sans face (then the face says nothing)."""
    width: Counter[bool] = Counter()
    cjk_lines = []
    heavy: dict[str, bool] = {}  # font -> its name says heavy (a page names a few fonts, line by line)
    for page in raw.pages:
        for ln in page.lines:
            # its Chinese characters (CJK_CHARS, counted in C: what is left when the rest is cut
            # out) and its letters (LETTERS: those and the Latin ones)
            cjk = len(_NOT_CJK.sub("", ln.text))
            if cjk * 2 >= cjk + len(_LATIN_LETTERS.findall(ln.text)) > 0:
                cjk_lines.append(ln)
                if abs(ln.size - body) < 0.05 * body:
                    font = ln.font
                    if font not in heavy:
                        heavy[font] = bool(_HEAVY_FACE.search(font))
                    width[heavy[font]] += ln.width
    if width[True] >= width[False]:
        return
    for ln in cjk_lines:
        if _HEAVY_FACE.search(ln.font):
            ln.bold = True


def _lay_out(page: RawPage, furniture, body: float, rules: Rules) -> tuple[PageLayout, float]:
    """One page laid out, and the CPU seconds it took. A page whose layout runs past
    `limits.layout_page_seconds` of CPU time is laid out the plain way (plain_layout.py: its
    columns and paragraphs only, warned layout_plain): a page built to stall the reader, or far
    beyond any magazine's, costs the run that budget and no more."""
    started = time.process_time()
    furn, folio, page_rules = furniture[page.number]
    seconds = float(rules.get("limits", "layout_page_seconds", default=0))
    try:
        with cpu_budget(seconds):
            laid = _layout_page(page, furn, folio, body, rules, page_rules)
    except OverBudget:
        laid = plain_layout(page, furn, folio, body, rules, seconds)
    return laid, time.process_time() - started


_LINE_FIELDS = tuple(f.name for f in dataclasses.fields(Line))


def _line_state(ln: Line) -> tuple:
    return tuple(getattr(ln, f) for f in _LINE_FIELDS)


def _lay_out_range(pages: list[RawPage], furniture, body: float, rules: Rules):
    """Pages laid out in a second process (forked.Forked), in the order given (analyze: from the
    last page back). The lines a page layout holds that are its raw page's own go back as their
    place on the page (the parent holds those lines already: sent whole they would be held
    twice), with what the layout changed on any raw line (it marks some: wrap_left, wrap_right)."""
    for page in pages:
        before = [_line_state(ln) for ln in page.lines]
        laid, cpu = _lay_out(page, furniture, body, rules)
        at = {id(ln): i for i, ln in enumerate(page.lines)}
        for blk in laid.blocks:
            blk.lines = [at.get(id(ln), ln) for ln in blk.lines]
        laid.furniture = [at.get(id(ln), ln) for ln in laid.furniture]
        changed = [(i, state) for i, ln in enumerate(page.lines) if (state := _line_state(ln)) != before[i]]
        yield laid, changed, cpu


def _with_raw_lines(laid: PageLayout, changed: list, page: RawPage) -> PageLayout:
    """A page layout from the second process with its raw page's lines in place again."""
    for i, state in changed:
        for name, value in zip(_LINE_FIELDS, state, strict=True):
            setattr(page.lines[i], name, value)
    for blk in laid.blocks:
        blk.lines = [page.lines[x] if isinstance(x, int) else x for x in blk.lines]
    laid.furniture = [page.lines[x] if isinstance(x, int) else x for x in laid.furniture]
    return laid


def analyze(raw: RawDocument, rules: Rules, workers: int = 1) -> LaidOutDocument:
    """workers: processes that may lay out a long file's pages (2: a forked process lays them out
    from the last page back while this one goes from the first, until they meet; from
    forked.PARALLEL_MIN_PAGES pages on; the result is the same)."""
    unsplit = raw

    def folios() -> dict[int, int | None]:  # the folio each page prints, read from its furniture
        found = find_furniture(unsplit, rules, body_font_size(unsplit))
        return {number: folio for number, (_, folio, _) in found.items()}

    # "……试点。（下转第42页）": the jump a line of its own (jump_split.py)
    raw = split_run_in(raw, rules, folios)
    body = body_font_size(raw)
    mark_heavy_faces(raw, body)
    furniture = find_furniture(raw, rules, body)
    pages: list[PageLayout] = []
    page_cpu: dict[int, float] = {}  # the per-page cost check (costs.py)

    def take(laid: PageLayout, number: int, cpu: float) -> None:
        pages.append(laid)
        page_cpu[number] = page_cpu.get(number, 0.0) + cpu

    raw_pages = raw.pages
    n = len(raw_pages)
    helper = None
    if workers >= 2 and n >= PARALLEL_MIN_PAGES and can_fork():
        helper = Forked(_lay_out_range, raw_pages[::-1], furniture, body, rules)
    try:
        # this process goes on until the next page is one the other has sent: the two share the
        # pages by what each has time for (the other's core also runs the keyword and table
        # helpers), and neither waits for the other
        for page in raw_pages:
            if helper is not None:
                helper.poll()
                if len(pages) >= n - len(helper.items):
                    break
            laid, cpu = _lay_out(page, furniture, body, rules)
            take(laid, page.number, cpu)
        if helper is not None:
            theirs = helper.items[: n - len(pages)][::-1]  # the pages from here on, in order
            for page, (laid, changed, cpu) in zip(raw_pages[len(pages) :], theirs, strict=True):
                take(_with_raw_lines(laid, changed, page), page.number, cpu)
            helper.close()
            helper = None
            del theirs
        for page in raw_pages[len(pages) :]:  # what no other process laid out
            laid, cpu = _lay_out(page, furniture, body, rules)
            take(laid, page.number, cpu)
    finally:
        if helper is not None:
            helper.close()
    for page in pages:
        page.blocks = labels_before_titles(page.blocks)
    join_across_breaks(pages, rules)
    numbered_paragraphs(pages, rules)
    by_number = {p.number: p for p in pages}
    for w in body_size_doubts(raw, body):
        by_number[w.page].warnings.append(w)
    return LaidOutDocument(raw, pages, body, page_cpu)
