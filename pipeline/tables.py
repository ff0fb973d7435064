"""Stage 5: tables. pdfplumber reads only the table areas the layout stage found (never whole pages).

The layout stage marks a table area where horizontal rules stack up, or where rows of short
cells stand in the same columns without any rule at all (blocks of role "table").
Here each area is first grown to the whole ruled figure it belongs to (rules that touch it,
vertical rules, the header shading), then pdfplumber's table finder runs on that crop only:

- vertical rules inside the area: a ruled grid, both strategies "lines"; a cell that covers
  several grid rows/columns is a merged cell (its value is repeated in every covered cell and
  its span is recorded on the top-left one);
- horizontal rules only, or no rule at all: columns come from the gaps between the words, rows from the rules and
  from the text lines between two rules (lines that overlap vertically are one wrapped row);
  both are handed to pdfplumber as explicit lines.

The caption (表…/图… just above), the notes (注：… just below), a table continued in the next
column or page, and the body blocks the layout stage cut out of the table's text are settled
here; the Table goes to the article the area sits in.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools
import multiprocessing as mp
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .academic import caption_stack
from .budget import OverBudget, cpu_budget
from .caption_lang import english_rows
from .cell_text import text_within, words_of
from .extract import is_cjk, normalize_text, sound_copy
from .forked import Forked
from .glyph_words import area_words
from .latin_breaks import Break, rejoin, vocabulary, weigh
from .models import (
    Article,
    BBox,
    Block,
    Caption,
    Issue,
    LaidOutDocument,
    Role,
    Table,
    TurnedRegion,
    Warning,
    WarningCode,
)
from .overprint import plumber_without_copies
from .paragraphs import make_block
from .pdf import pymupdf
from .plumber_near import near_page
from .plumber_turn import turned_page
from .residue import share_held, touches_drawing
from .rules import Rules
from .shifted_codes import plumber_recoded
from .sideways import region_back
from .spreads import page_name, pdf_places
from .table_heads import HeaderGrid, as_edges, merged_header, rule_segments
from .table_joins import (
    JOIN_EDGE_TOL,
    MAX_PAGES_BETWEEN,
    JoinEvidence,
    aligned,
    edges_of,
    figure_page,
    merge_columns,
    own_head,
    row_cut,
    split_groups,
)
from .table_rows import Vote, clear_y, column_lines, vote_break

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》（）—"
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


@dataclass
class _Area:
    page: int
    bbox: BBox
    blocks: list[Block] = field(default_factory=list)  # layout table blocks it grew from


def join_cell(text: str | None) -> str:
    """pdfplumber cell text -> one line: no space between CJK, one between Latin words."""
    if not text:
        return ""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for p in parts:
        if out and out[-1].isdigit() and p[0].isdigit():
            out += p  # a number broken across the lines of a narrow cell ("180" / "0")
        elif out and _LATIN_END.search(out) and _LATIN_START.search(p):
            out += " " + p
        else:
            out += p
    return normalize_text(re.sub(r"\s+", " ", out).strip())  # pdfplumber reads ⼯ where the page shows 工


def _outer(bbox: BBox, words: list[dict]) -> tuple[float, float]:
    """The table's outer column edges: its area's, widened to the words inside it. A three-line
    table sets its first column flush with the rules' left end (no cell padding), and a glyph box
    starting a hair left of the rule would fall outside the first cell (its first character lost:
    "025" for "2025")."""
    left = min(bbox[0], min(w["x0"] for w in words) - EDGE_PAD)
    right = max(bbox[2], max(w["x1"] for w in words) + EDGE_PAD)
    return left, right


EDGE_PAD = 0.5  # pt kept between the outermost glyphs and the table's outer column edges


def _overlap(a: BBox, b: BBox, pad: float = 0.0) -> bool:
    return a[0] - pad <= b[2] and b[0] - pad <= a[2] and a[1] - pad <= b[3] and b[1] - pad <= a[3]


def _inside(inner: BBox, outer: BBox, pad: float = 2.0) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] - pad <= cx <= outer[2] + pad and outer[1] - pad <= cy <= outer[3] + pad


def _grow(bbox: BBox, rects: list[BBox]) -> BBox:
    """The area plus every rule / shading connected to it (a grid whose inner rules stop short
    of the edges gives the layout stage only a part of it)."""
    x0, y0, x1, y1 = bbox
    changed = True
    while changed:
        changed = False
        for r in rects:
            if _overlap(r, (x0, y0, x1, y1), pad=3) and not (
                x0 <= r[0] and y0 <= r[1] and r[2] <= x1 and r[3] <= y1
            ):
                x0, y0, x1, y1 = min(x0, r[0]), min(y0, r[1]), max(x1, r[2]), max(y1, r[3])
                changed = True
    return (x0, y0, x1, y1)


def _table_rects(raw_page, max_fill_h: float) -> tuple[list[BBox], list[BBox]]:
    """Rules (thin rects, horizontal or vertical) and shadings low enough to be a header band."""
    rules, vrules = [], []
    for r in raw_page.rects:
        x0, y0, x1, y1 = r.bbox
        w, h = x1 - x0, y1 - y0
        if h < 2.5 and w > 10:
            rules.append(r.bbox)
        elif w < 2.5 and h > 10:
            rules.append(r.bbox)
            vrules.append(r.bbox)
        elif r.filled and not r.stroked and h <= max_fill_h:
            rules.append(r.bbox)
    return rules, vrules


def _areas(layout: LaidOutDocument, rules: Rules) -> list[_Area]:
    max_fill_h = float(rules.get("tables", "max_header_shading_height", default=40))
    areas: list[_Area] = []
    raw_pages = {p.number: p for p in layout.raw.pages}
    for page in layout.pages:
        tblocks = [b for b in page.blocks if b.role == Role.TABLE]
        if not tblocks:
            continue
        rects, _ = _table_rects(raw_pages[page.number], max_fill_h)
        for b in tblocks:
            grown = _grow(b.bbox, rects)
            same = next((a for a in areas if a.page == page.number and _overlap(a.bbox, grown)), None)
            if same:
                same.bbox = (
                    min(same.bbox[0], grown[0]),
                    min(same.bbox[1], grown[1]),
                    max(same.bbox[2], grown[2]),
                    max(same.bbox[3], grown[3]),
                )
                same.blocks.append(b)
            else:
                areas.append(_Area(page.number, grown, [b]))
    return areas


# ---------------------------------------------------------------- reading one area
# CJK punctuation is set in half its em box: an opening bracket or quote inks the right half, a
# closing one or a stop the left half. A cell that opens with 《 (a compressed bracket at a line's
# start, Typst's way) has a glyph box reaching half an em into the gap its ink leaves open.
_INK_RIGHT_HALF = "《〈「『【〔（“‘"
_INK_LEFT_HALF = "》〉」』】〕）”’，。、；：！？"


def _ink_span(w: dict) -> tuple[float, float]:
    """(x0, x1) of a word's ink: its glyph box less the blank half of CJK punctuation at either end."""
    half = (w["bottom"] - w["top"]) / 2
    x0 = w["x0"] + half if w["text"][:1] in _INK_RIGHT_HALF else w["x0"]
    x1 = w["x1"] - half if w["text"][-1:] in _INK_LEFT_HALF else w["x1"]
    return (x0, x1) if x1 > x0 else (w["x0"], w["x1"])


# A gap no word crosses, narrower than min_gap but at least this share of it, still parts two
# columns when the rows say so (_squeezed_columns).
SQUEEZED_GAP_SHARE = 0.5


def _text_columns(words: list[dict], min_gap: float) -> list[float]:
    """x positions between columns: gaps no word's ink crosses, at least min_gap wide, or
    narrower where a squeezed row narrows a gap its other rows keep wide (_squeezed_columns)."""
    spans = sorted(_ink_span(w) for w in words if w["text"])
    seps, end = [], None
    for x0, x1 in spans:
        if end is not None and (
            x0 - end >= min_gap
            or x0 - end >= SQUEEZED_GAP_SHARE * min_gap
            and _squeezed_columns(words, end, x0, min_gap)
        ):
            seps.append((end + x0) / 2)
        end = x1 if end is None else max(end, x1)
    return seps


def _squeezed_columns(words: list[dict], left: float, right: float, min_gap: float) -> bool:
    """A gap (left, right) no word crosses is two columns' gutter though narrower than min_gap: a
    table set so tight that its widest row (wrapped heads, a long number) all but closes the gap
    between two columns (a six-column table in one column of a page), while most rows, read line
    by line, leave it min_gap wide or more. A row that narrows it must have an ideograph beside the
    gap: a Latin word space or a number's thin space inside one cell parts no columns."""
    lines: list[list[dict]] = []
    for w in sorted((w for w in words if w["text"]), key=lambda w: w["top"]):
        if lines and w["top"] < max(o["bottom"] for o in lines[-1]) - 1.0:
            lines[-1].append(w)
        else:
            lines.append([w])
    wide = narrow = 0
    for line in lines:
        before = [w for w in line if _ink_span(w)[1] <= left + 0.01]
        after = [w for w in line if _ink_span(w)[0] >= right - 0.01]
        if not before or not after:
            continue
        a = max(before, key=lambda w: _ink_span(w)[1])
        b = min(after, key=lambda w: _ink_span(w)[0])
        if _ink_span(b)[0] - _ink_span(a)[1] >= min_gap:
            wide += 1
        elif is_cjk(a["text"][-1]) or is_cjk(b["text"][0]):
            narrow += 1
        else:
            return False
    return wide > narrow


def _stacks(words: list[dict]) -> list[list[float]]:
    """[top, bottom] of each run of vertically overlapping words, top down."""
    groups: list[list[float]] = []
    for w in sorted(words, key=lambda w: w["top"]):
        if groups and w["top"] < groups[-1][1] - 1.0:
            groups[-1][1] = max(groups[-1][1], w["bottom"])
        else:
            groups.append([w["top"], w["bottom"]])
    return groups


def _in_column(words: list[dict], x0: float, x1: float) -> list[dict]:
    return [w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 < x1]


# A break between two lines of one cell (a number and its unit wrapped in a narrow column) leaves
# less than this share of the gap the band's rows are set apart by: such a break, where some other
# cell of the row runs on across it (set centred over both lines, or ended above it, top-aligned),
# is a line wrapped inside the row, not a row of its own.
WRAP_GAP_SHARE = 0.6
# A line crossed this close to its top or bottom (share of its height) is not a value centred over
# a row boundary: the boundary lies just past it, where the gap is.
OFF_CENTRE_SHARE = 0.25


def _text_rows(
    words: list[dict], top: float, bottom: float, cols: list[float], doubts: list[Vote] | None = None
) -> list[float]:
    """y positions between text rows inside one rule band: where most columns with text (at
    least two) break between lines. A value centred over several rows (a merged cell set without
    rules) does not fuse them, and neither does one cell wrapped onto two lines split its row;
    nor do several cells wrapped in one row, when the band's rows are set further apart than the
    lines of a cell and some cell of the row does not break with the others (WRAP_GAP_SHARE).
    Where every break is set as close as the others (rows with no padding: the gaps say nothing),
    the columns' text votes on each (table_rows); a doubtful vote is added to doubts."""
    ws = [w for w in words if top <= (w["top"] + w["bottom"]) / 2 <= bottom]
    columns = [c for a, b in zip(cols, cols[1:], strict=False) if (c := _in_column(ws, a, b))]
    need = 1 if len(columns) == 1 else max(2, (len(columns) + 1) // 2)

    def breaks(col: list[dict], y: float) -> bool:
        return (
            not any(w["top"] < y < w["bottom"] for w in col)
            and any(w["bottom"] <= y for w in col)
            and any(w["top"] >= y for w in col)
        )

    def gap(col: list[dict], y: float) -> float:  # from the column's last line above y to its next below
        return min(w["top"] for w in col if w["top"] >= y) - max(w["bottom"] for w in col if w["bottom"] <= y)

    def off_centre(y: float) -> bool:
        return any(
            w["top"] < y < w["bottom"]
            and (
                min(y - w["top"], w["bottom"] - y) < OFF_CENTRE_SHARE * (w["bottom"] - w["top"])
                or not _centred_block(w, col, y)
            )
            for col in columns
            for w in col
        )

    seps: list[
        tuple[float, float, bool, bool]
    ] = []  # (y, narrowest gap across it, a cell runs on, one crosses it)
    for y in sorted((a[1] + b[0]) / 2 for col in columns for a, b in itertools.pairwise(_stacks(col))):
        broken = [col for col in columns if breaks(col, y)]
        if len(broken) >= need and not off_centre(y):
            if seps and (
                y - seps[-1][0] < 3 or not any(w["top"] < y and w["bottom"] > seps[-1][0] for w in ws)
            ):
                continue  # the same gap seen from another column (no line between the two)
            narrowest = min(gap(col, y) for col in broken)
            line = min(w["bottom"] - w["top"] for col in broken for w in col)
            runs_on = any(
                any(w["top"] < y < w["bottom"] for w in col)  # set centred across the break
                or (any(w["bottom"] <= y for w in col) and not breaks(col, y))  # ended above it
                or (col in broken and gap(col, y) >= narrowest + line)  # skips the wrapped line
                for col in columns
            )
            crossed = any(w["top"] < y < w["bottom"] for w in ws)
            seps.append((y, narrowest, runs_on, crossed))
    # how far apart the band's rows are set: at a break no line crosses
    apart = max((g for _, g, _, crossed in seps if not crossed), default=0.0)
    # the breaks set as close as the lines of a cell, run by run between the rows set apart: a run
    # where some cell runs on across one of them is one row whose cells wrapped (all its breaks go);
    # a run where every cell breaks at each is rows set close (kept)
    out: list[float] = []
    run: list[tuple[float, bool]] = []
    row_top = top
    for y, g, runs_on, _ in [*seps, (bottom, apart, False, False)]:
        if g < WRAP_GAP_SHARE * apart:
            # a row whose every cell wrapped at the same height: a cell that opened a bracket
            # above the break and has not closed it runs on across it
            run.append((y, runs_on or any(_unclosed(col, row_top, y) for col in columns)))
            continue
        if not any(r for _, r in run):
            out += [y for y, _ in run]
        out.append(y)
        row_top = y
        run = []
    out = out[:-1]
    gaps = [g for _, g, _, crossed in seps if not crossed]  # a line crossing a break: its gap is no gap
    if gaps and min(gaps) >= WRAP_GAP_SHARE * max(gaps):
        out = _rows_by_text(ws, columns, out, top, bottom, doubts)
    return out


# Lines of one cell stand closer than this share of their height: a cell's wrapped lines.
CELL_LINE_GAP_SHARE = 0.5


def _centred_block(word: dict, col: list[dict], y: float) -> bool:
    """The lines of word's cell (the run of its column's lines closer than CELL_LINE_GAP_SHARE
    of their height) stand centred over y: a value centred across a row boundary, the boundary
    through its middle line. A wrapped cell's last line that y cuts low (网络拓扑 / 设计 beside
    one-line cells, y between those cells' rows) is no value centred there."""
    stacks = _stacks(col)
    k = next(i for i, st in enumerate(stacks) if st[0] <= word["top"] + 1.0 and word["bottom"] <= st[1] + 1.0)
    lo = hi = k
    h = word["bottom"] - word["top"]
    while lo > 0 and stacks[lo][0] - stacks[lo - 1][1] < CELL_LINE_GAP_SHARE * h:
        lo -= 1
    while hi + 1 < len(stacks) and stacks[hi + 1][0] - stacks[hi][1] < CELL_LINE_GAP_SHARE * h:
        hi += 1
    top, bottom = stacks[lo][0], stacks[hi][1]
    return abs((top + bottom) / 2 - y) <= OFF_CENTRE_SHARE * (bottom - top)


def _rows_by_text(
    ws: list[dict], columns: list[list[dict]], ys: list[float], top: float, bottom: float, doubts
) -> list[float]:
    """The breaks of a band whose gaps are all alike, each kept or dropped by the columns' text
    votes; a break that cuts through a line is moved to the clear gap above the next row's tops."""
    lines = [column_lines(col) for col in columns]
    kept: list[float] = []
    row_top = top
    for y in ys:
        low = max((w["bottom"] for col in columns for w in col if w["bottom"] <= y), default=top)
        high = min((w["top"] for col in columns for w in col if w["top"] >= y), default=bottom)
        y = clear_y(ws, y, low, high)
        if kept and y - kept[-1] < 1:
            continue
        vote = vote_break(lines, y, row_top)
        if vote.doubtful and doubts is not None:
            doubts.append(vote)
        if not vote.runs_on:
            kept.append(y)
            row_top = y
    return kept


_BRACKETS = ("《》", "“”", "（）", "()", "【】", "「」", "〔〕")


def _unclosed(col: list[dict], top: float, bottom: float) -> bool:
    """The column's text between top and bottom opens a bracket or quote it does not close."""
    text = "".join(
        w["text"] for w in sorted(col, key=lambda w: (w["top"], w["x0"])) if top <= w["top"] < bottom
    )
    return any(text.count(o) > text.count(c) for o, c in _BRACKETS)


def _merged_down(values: list[list[float]], rows: list[tuple[float, float]]) -> list[tuple[int, int]] | None:
    """(first row, row count) per value of a column whose values are set once and centred on the
    rows they stand for (merged cells without rules, as LaTeX's multirow sets them): each value
    covers as much below its centre as above, starting where the previous one ended. None when
    the values do not read that way."""
    out, r = [], 0
    for top, bottom in values:
        if r >= len(rows) or top < rows[r][0] - 1:
            return None
        end = top + bottom - rows[r][0]  # as far below the centre as the start is above it
        k = r
        while k < len(rows) and (rows[k][0] + rows[k][1]) / 2 < end:
            k += 1
        pitch = (rows[k - 1][1] - rows[r][0]) / max(1, k - r)
        if k == r or abs(end - rows[k - 1][1]) > 0.5 * pitch or bottom > rows[k - 1][1] + 1:
            return None
        out.append((r, k - r))
        r = k
    return out if r == len(rows) else None


def _grid(cells: list[BBox]) -> tuple[list[tuple[int, int, int, int, BBox]], list[float], list[float]]:
    """Cells placed on the grid of their edges: (row, col, rows, cols, bbox), the x and y edges."""
    xs = sorted({round(v, 1) for c in cells for v in (c[0], c[2])})
    ys = sorted({round(v, 1) for c in cells for v in (c[1], c[3])})

    def snap(vals, v):
        return min(range(len(vals)), key=lambda i: abs(vals[i] - v))

    placed = []
    for c in cells:
        c0, c1 = snap(xs, c[0]), snap(xs, c[2])
        r0, r1 = snap(ys, c[1]), snap(ys, c[3])
        if c1 > c0 and r1 > r0:
            placed.append((r0, c0, r1 - r0, c1 - c0, c))
    return placed, xs, ys


def _spread_merged(grid, spans, crop, words, xs, ys, hr) -> None:
    """A column with gaps whose values sit centred on runs of rows (merged cells set without
    rules) gives each value to every row it stands for, band by band between the rules."""
    rows = list(zip(ys, ys[1:], strict=False))
    for top, bottom in zip(hr, hr[1:], strict=False):
        band = [i for i, (a, b) in enumerate(rows) if top - 1 <= a and b <= bottom + 1]
        for c, (x0, x1) in enumerate(zip(xs, xs[1:], strict=False)):
            if len(band) < 2 or all(grid[i][c] for i in band):
                continue
            inside = [w for w in _in_column(words, x0, x1) if top <= (w["top"] + w["bottom"]) / 2 <= bottom]
            values = _stacks(inside)
            cover = _merged_down(values, [rows[i] for i in band]) if len(values) < len(band) else None
            for (first, n), (vtop, vbottom) in zip(cover or [], values, strict=False):
                text = join_cell(text_within(crop, (x0, vtop - 0.5, x1, vbottom + 0.5)))
                for i in band[first : first + n]:
                    grid[i][c] = text
                if n > 1:
                    spans[(band[first], c)] = (n, 1)


def _cell_text(crop, cell: BBox, words_at, span: tuple[float, float], known, doubts) -> str:
    """A cell's text on one line, a Latin word broken over its lines without a hyphen written whole
    when the evidence says so (latin_breaks); the column's edge is its widest line's end.
    words_at() gives the area's words (read once, when a cell first needs them)."""
    text = join_cell(text_within(crop, cell))
    if not re.search(r"[A-Za-z] [A-Za-z]", text):
        return text
    words = words_at()
    inside = [w for w in words if _inside((w["x0"], w["top"], w["x1"], w["bottom"]), cell, pad=0)]
    column = [w for w in words if span[0] <= (w["x0"] + w["x1"]) / 2 < span[1]]
    if not inside or not column:
        return text
    edge = max(w["x1"] for w in column)
    lines = column_lines(inside)
    breaks = [b for up, low in itertools.pairwise(lines) if (b := weigh(up, low, edge, known)) is not None]
    if doubts is not None:
        doubts.extend(b for b in breaks if b.doubtful)
    return rejoin(text, breaks)


def _unshifted(d: Vote | Break, shift: tuple[float, float]) -> Vote | Break:
    """A doubtful decision read where pdfplumber sees the page, placed where the page shows it."""
    if isinstance(d, Break):
        return dataclasses.replace(
            d, bbox=(d.bbox[0] - shift[0], d.bbox[1] - shift[1], d.bbox[2] - shift[0], d.bbox[3] - shift[1])
        )
    return dataclasses.replace(d, y=d.y - shift[1])


def _merged_head(bbox: BBox, ruled: list[dict], words: list[dict], gap: float) -> HeaderGrid | None:
    """Merged header cells proved by short rules under their heads (table_heads)."""
    return merged_header(bbox, rule_segments(ruled), words, lambda ws: _text_columns(ws, gap))


def _shifted(bbox: BBox, dx: float) -> BBox:
    return (bbox[0] + dx, bbox[1], bbox[2] + dx, bbox[3])


def _read_area(
    plumber_page,
    bbox: BBox,
    has_vrules: bool,
    rules: Rules,
    doubts: list[Vote | Break] | None = None,
    words_known: frozenset[str] = frozenset(),
) -> tuple[list, dict, list] | None:
    """The area's grid, merged cells and each cell's box. doubts collects the doubtful decisions (row breaks, Latin
    words broken over a cell's lines) to be warned; words_known: the Latin words the document
    prints (latin_breaks).

    The area is measured from the top left of the page as shown (MuPDF: the CropBox's corner),
    pdfplumber from the corner of its page box as the file writes it: a MediaBox at [8.5 8.5 …]
    puts the shown corner at (8.5, -8.5) for pdfplumber, and an area read unshifted there loses
    its head row and top rule. The area is read where pdfplumber sees it, and the doubtful
    decisions are given back where the page shows them."""
    shift = (plumber_page.bbox[0], plumber_page.bbox[1])
    if shift == (0, 0):
        return _read_crop(plumber_page, bbox, has_vrules, rules, doubts, words_known)
    moved = (bbox[0] + shift[0], bbox[1] + shift[1], bbox[2] + shift[0], bbox[3] + shift[1])
    ours: list[Vote | Break] = []
    read = _read_crop(plumber_page, moved, has_vrules, rules, ours, words_known)
    if doubts is not None:
        doubts.extend(_unshifted(d, shift) for d in ours)
    if read is None:
        return None
    grid, spans, boxes = read
    back = [
        [(b[0] - shift[0], b[1] - shift[1], b[2] - shift[0], b[3] - shift[1]) for b in row] for row in boxes
    ]
    return grid, spans, back


def _read_crop(
    plumber_page,
    bbox: BBox,
    has_vrules: bool,
    rules: Rules,
    doubts: list[Vote | Break] | None,
    words_known: frozenset[str],
) -> tuple[list, dict, list] | None:
    """_read_area on the area where pdfplumber sees it."""
    pad = 1.5
    pb = plumber_page.bbox
    crop_box = (
        max(bbox[0] - pad, pb[0]),
        max(bbox[1] - pad, pb[1]),
        min(bbox[2] + pad, pb[2]),
        min(bbox[3] + pad, pb[3]),
    )
    # made from the objects near the area only (plumber_near): the same crop, fewer dicts made
    crop = plumber_recoded(plumber_without_copies(near_page(plumber_page, crop_box).crop(crop_box)))
    tol = float(rules.get("tables", "snap_tolerance", default=3))
    if has_vrules:
        settings = dict(vertical_strategy="lines", horizontal_strategy="lines", snap_tolerance=tol)
    else:
        words = words_of(crop)
        if not words:
            return None
        size = sorted(w["bottom"] - w["top"] for w in words)[len(words) // 2]
        gap = float(rules.get("tables", "min_column_gap_em", default=0.6)) * size
        cols = [*_outer(bbox, words)[:1], *_text_columns(words, gap), *_outer(bbox, words)[1:]]
        # a rule through the glyphs (a shading's edge behind the text) separates no rows
        ruled = [
            e
            for e in crop.edges
            if e["orientation"] == "h"
            and not any(
                w["top"] + 1 < e["top"] < w["bottom"] - 1 and w["x0"] < e["x1"] and e["x0"] < w["x1"]
                for w in words
            )
        ]
        head = _merged_head(bbox, ruled, words, gap)
        if head is not None:
            cols = sorted({round(c.x, 1) for c in head.columns})
        hr = sorted({round(e["top"], 1) for e in ruled if head is None or not head.is_short(e)})
        hr = sorted({bbox[1], bbox[3], *hr})
        ys = list(hr)
        bands = [
            (t, b)
            for t, b in itertools.pairwise(hr)
            if any(t <= (w["top"] + w["bottom"]) / 2 <= b for w in words)
        ]
        for top, bottom in bands[1:] if len(bands) >= 2 else bands:
            ys += _text_rows(
                words, top, bottom, cols, doubts
            )  # above the first inner rule: the header, one row
        v_lines, h_lines = as_edges(head) if head is not None else (cols, [])
        settings = dict(
            vertical_strategy="explicit",
            horizontal_strategy="explicit",
            explicit_vertical_lines=v_lines,
            explicit_horizontal_lines=sorted(ys) + h_lines,
            snap_tolerance=tol,
        )
    found = crop.find_tables(settings)
    if not found:
        return None
    tb = max(found, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]))
    placed, xs, ys = _grid(list(tb.cells))
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 2 or n_cols < 2:
        return None
    grid: list[list[str]] = [[""] * n_cols for _ in range(n_rows)]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    words_at = functools.cache(lambda: words_of(crop) if has_vrules else words)
    for r0, c0, rs, cs, c in placed:
        text = _cell_text(crop, c, words_at, (xs[c0], xs[c0 + cs]), words_known, doubts)
        for r in range(r0, r0 + rs):
            for cc in range(c0, c0 + cs):
                grid[r][cc] = text
        if rs > 1 or cs > 1:
            spans[(r0, c0)] = (rs, cs)
    if not has_vrules:
        _spread_merged(grid, spans, crop, words, xs, ys, hr)
    # rows with no text at all (a double rule, a shading edge) are not rows
    keep = [i for i, row in enumerate(grid) if any(row)]
    remap = {old: new for new, old in enumerate(keep)}
    grid = [grid[i] for i in keep]
    boxes = [[(xs[c], ys[i], xs[c + 1], ys[i + 1]) for c in range(n_cols)] for i in keep]
    new_spans = {}
    for (r, c), (rs, cs) in spans.items():
        covered = [i for i in range(r, r + rs) if i in remap]
        if covered:
            new_spans[(remap[covered[0]], c)] = (len(covered), cs)
    spans = {k: v for k, v in new_spans.items() if v != (1, 1)}
    if not grid:
        return None
    return grid, spans, boxes  # a header and no row is a table only under its caption (the caller sees)


# ---------------------------------------------------------------- context: caption, notes, owner
def _owner(issue: Issue) -> dict[int, Article]:
    owner: dict[int, Article] = {}
    for art in issue.articles:
        for b in art.blocks:
            owner[id(b)] = art
        for it in art.items:
            for b in it.blocks:
                owner[id(b)] = art
        for b in art.english:
            owner[id(b)] = art
    return owner


def _find_owner(
    issue: Issue, area: _Area, owner: dict[int, Article], flat: list[Block], pos: dict[int, int]
) -> Article | None:
    """The article holding the blocks nearest the area (flat: the layout's blocks in reading
    order, pos: their indexes; built once per file, not once per area). An owner whose pages hold
    the area's page is taken before a nearer one whose pages do not (segmentation gives a table's
    rest after a full-page advertisement to the article it continues: the advertisement's text is
    nearest before it in reading order, and its unit is not on the rest's page)."""
    first = min(pos[id(b)] for b in area.blocks)
    before = next((owner[id(flat[i])] for i in range(first - 1, -1, -1) if id(flat[i]) in owner), None)
    after = next((owner[id(flat[i])] for i in range(first + 1, len(flat)) if id(flat[i]) in owner), None)
    near = [a for a in (before, after) if a is not None]
    on_page = [a for a in near if area.page in a.pages]
    if on_page or near:
        return (on_page or near)[0]
    cands = [a for a in issue.articles if area.page in a.pages]
    return cands[0] if cands else None


def _near_above(b: Block, area: _Area) -> bool:
    if b.page != area.page:
        return False
    x0, y0, x1, y1 = b.bbox
    gap = area.bbox[1] - y1
    return -2 <= gap <= 2.5 * max(b.size or 10, 8) and x0 < area.bbox[2] and x1 > area.bbox[0]


def _near_below(b: Block, area: _Area) -> bool:
    return b.page == area.page and _under(b.bbox, b.size, area.bbox)


def _under(box: BBox, size: float | None, edge: BBox) -> bool:
    gap = box[1] - edge[3]
    return -2 <= gap <= 2.5 * max(size or 10, 8) and box[0] < edge[2] and box[2] > edge[0]


def _as_printed(issue: Issue, area: _Area):
    """Boxes of the area's page as printed: on a page whose region was read turned (sideways.py),
    a note set upright under the turned table stands right under it in print, however far below
    the table turned upright its place on the page read leaves it."""
    raw = next((p for p in issue.layout.raw.pages if p.number == area.page), None)
    tr = raw.region if raw is not None else None
    if tr is None:
        return lambda box: box
    return lambda box: region_back(tr, box)


# an English caption is Latin script: at most this share of its letters CJK (a Chinese caption
# that names a "Table" in passing is not split there)
EN_CAPTION_MAX_CJK = 0.2


def split_caption(text: str, en_label: re.Pattern) -> tuple[str | None, str | None]:
    """A caption block's Chinese and English parts: the English one opens at its label (Table 1)
    after the Chinese one; (None, text) for an English caption alone, (text, None) for no English."""
    text = text.strip()
    m = en_label.search(text)
    if m is None:
        return text, None
    zh, en = text[: m.start()].strip(), text[m.start() :].strip()
    letters = [ch for ch in en if ch.isalpha()]
    if letters and sum(1 for ch in letters if re.match(f"[{_CJK}]", ch)) > EN_CAPTION_MAX_CJK * len(letters):
        return text, None
    return zh or None, en


def unlabelled_english(own: list[Block], caption: str, page: int) -> tuple[str, str | None, list[Warning]]:
    """A table caption's Chinese and English parts when the English is printed without its
    label (表 1 … over "Main variables and their definitions"): told by script, face and place
    (caption_lang.english_rows); a decision the evidence disagreed on is warned where it stands."""
    found = english_rows([ln for b in own for ln in b.lines])
    if found is None:
        return caption, None, []
    zh, en, doubt = found
    where = en or zh
    box = (
        min(ln.x0 for ln in where),
        min(ln.y0 for ln in where),
        max(ln.x1 for ln in where),
        max(ln.y1 for ln in where),
    )
    warned = (
        [Warning(WarningCode.CAPTION_DOUBTFUL, f"table caption: {doubt}", page=page, bbox=box)]
        if doubt
        else []
    )
    if not en:
        return caption, None, warned
    return _text_of(zh), _text_of(en), warned


def _text_of(lines: list) -> str:
    """Lines read as one paragraph's text (Latin words joined with spaces, CJK without)."""
    return make_block(lines, 0, (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))).text.strip()


def _caption_and_notes(
    issue: Issue, area: _Area, rules: Rules
) -> tuple[list[list[Block]], list[Block], list[Block]]:
    """The captions just above the table, top down, each a list of blocks (a caption and its
    line wrapped under it); a bilingual caption is two, one over the other, each opening with the
    table's number (表 1 … over Table 1 …); the page's blocks they were read from; and the notes
    just below the table."""
    cap_res = [
        re.compile(p)
        for p in (rules.get("tables", "caption_pattern"), rules.get("academic", "caption_pattern"))
        if p
    ]
    note_marks = rules.get("tables", "note_markers", default=None) or rules.markers("note")
    page = next(p for p in issue.layout.pages if p.number == area.page)
    cands = [b for b in page.blocks if b.role != Role.TABLE and not _inside(b.bbox, area.bbox)]
    captions: list[list[Block]] = []
    taken: list[Block] = []
    edge = area

    def captioning(b: Block) -> bool:  # 表 3（续） over a part continued is its label, no caption
        return any(r.match(b.text) for r in cap_res) and not rules.continued_label(b.text)

    for _ in range(MAX_CAPTION_BLOCKS):
        free = [b for b in cands if all(b is not c for c in taken)]
        nearest, mates = None, []
        for b in sorted(free, key=lambda b: -b.bbox[3]):
            if not captioning(b) or (
                captions and _caption_number(b.text) != _caption_number(captions[-1][0].text)
            ):
                continue
            beside = _title_beside(b, free, area, captioning)
            if _near_above(_row_block(b, beside), edge):
                nearest, mates = b, beside
                break
        if nearest is None:
            break
        row = _row_block(nearest, mates)
        # a caption's last line wrapped under it, between it and the table, is the caption's too
        rest = [
            b
            for b in free
            if b is not nearest
            and all(b is not m for m in mates)
            and b.bbox[1] >= row.bbox[3] - 0.5 * (b.size or 10)
            and b.bbox[3] <= area.bbox[1] + 2
            and b.bbox[0] < row.bbox[2]
            and b.bbox[2] > row.bbox[0]
        ]
        # the layout may have read a caption over another as one block: cut at each row that
        # opens with a caption's number (academic.caption_stack)
        parts = caption_stack(nearest, rules) or [nearest]
        groups = [[p] for p in parts]
        groups[-1] += [*mates, *sorted(rest, key=lambda b: b.bbox[1])]
        captions[:0] = groups
        taken += [nearest, *mates, *rest]
        edge = _Area(area.page, (area.bbox[0], nearest.bbox[1], area.bbox[2], area.bbox[3]))
    notes: list[Block] = []
    at = _as_printed(issue, area)
    # a note stands under the table as read, or, set upright under a table printed turned, as
    # printed (within the table's measure as read: a turned table's is its printed height)
    read, printed = area.bbox, at(area.bbox)
    printed = (min(printed[0], read[0]), printed[1], max(printed[2], read[2]), printed[3])

    def under(b: Block, read: BBox, printed: BBox) -> bool:
        return _under(b.bbox, b.size, read) or (printed != read and _under(at(b.bbox), b.size, printed))

    below = sorted(
        (
            b
            for b in cands
            if b.bbox[1] >= read[3] - 2 or (printed != read and at(b.bbox)[1] >= printed[3] - 2)
        ),
        key=lambda b: b.bbox[1],
    )
    first = (read, printed)
    for b in below:
        if under(b, read, printed) and b.text.strip().startswith(tuple(note_marks)):
            notes.append(b)
            read = (read[0], read[1], read[2], max(read[3], b.bbox[3]))
            printed = (printed[0], printed[1], printed[2], max(printed[3], at(b.bbox)[3]))
        elif under(b, read, printed):
            break
    if not notes and not any(under(b, *first) for b in below):
        # the table filled its column: its note may open the next one
        nxt = sorted(
            (b for b in cands if b.bbox[0] >= area.bbox[2] - 5), key=lambda b: (b.bbox[0], b.bbox[1])
        )
        if nxt and nxt[0].text.strip().startswith(tuple(note_marks)):
            notes.append(nxt[0])
    return captions, taken, notes


# A caption's title set apart from its label on the label's row (表 2 at the table's left edge,
# its title centred over the table: 通信学报) is in a face of the label's size within this (pt).
TITLE_SIZE_TOL = 0.6


def _title_beside(label: Block, free: list[Block], area: _Area, captioning) -> list[Block]:
    """The blocks set on a caption block's row to its right, over the table, in its type size and
    opening no caption of their own: its title set apart from its label (the layout reads the two
    as blocks of their own, the title often across the columns), left to right. A row of the
    other column's text beside a table in one column stands beside the table, not over it."""
    out = []
    for b in free:
        overlap = min(b.bbox[3], label.bbox[3]) - max(b.bbox[1], label.bbox[1])
        if (
            b is not label
            and b.page == label.page
            and overlap >= 0.5 * min(b.bbox[3] - b.bbox[1], label.bbox[3] - label.bbox[1])
            and b.bbox[0] >= label.bbox[2] - 1
            and b.bbox[0] < area.bbox[2]
            and b.bbox[2] > area.bbox[0]
            and abs((b.size or 0) - (label.size or 0)) <= TITLE_SIZE_TOL
            and not captioning(b)
        ):
            out.append(b)
    return sorted(out, key=lambda b: b.bbox[0])


def _row_block(label: Block, mates: list[Block]) -> Block:
    """A caption's label and its title beside it, as one box (for where the caption stands)."""
    if not mates:
        return label
    boxes = [label.bbox, *(m.bbox for m in mates)]
    box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return dataclasses.replace(label, pieces=[dataclasses.replace(label.pieces[0], bbox=box)])


# a table's caption is at most this many blocks stacked over it, each opening with its number
# (the journal's language and English)
MAX_CAPTION_BLOCKS = 2
_CAPTION_NUMBER = re.compile(r"^\D{0,8}?([A-Z]?[0-9０-９]+)")


def _as_caption(blocks: list[Block]) -> Caption:
    """One caption row of blocks set one under the other."""
    return Caption(
        " ".join(b.text.strip() for b in blocks),
        blocks[0].page,
        (
            min(b.bbox[0] for b in blocks),
            min(b.bbox[1] for b in blocks),
            max(b.bbox[2] for b in blocks),
            max(b.bbox[3] for b in blocks),
        ),
    )


def _caption_number(text: str) -> str | None:
    """The number a caption opens with (表 1 and Table 1 both say 1), full-width digits folded."""
    m = _CAPTION_NUMBER.match(text)
    return unicodedata.normalize("NFKC", m.group(1)) if m else None


def _swallowed(art: Article, area: _Area) -> set[int]:
    """Body blocks made of the table's own text (the layout stage only saw part of the grid)."""
    out = set()
    for b in art.blocks:
        if (
            b.role != Role.NOTE
            and b.lines
            and all(ln.page == area.page and _inside(ln.bbox, area.bbox) for ln in b.lines)
        ):
            out.add(id(b))
    return out


def _inner_verticals(vrules: list[BBox], bbox: BBox) -> list[BBox]:
    """The area's vertical rules inside it, when verticals also close it at both sides (a ruled
    grid, read by its lines); none when they stand only inside (a three-line table with a rule
    between two column pairs: its columns come from its text, the rule one of their edges)."""
    near = [v for v in vrules if _overlap(v, bbox)]
    sides = (
        any(abs((v[0] + v[2]) / 2 - bbox[0]) <= 3 for v in near),
        any(abs((v[0] + v[2]) / 2 - bbox[2]) <= 3 for v in near),
    )
    inner = [v for v in near if bbox[0] + 3 < v[0] < bbox[2] - 3]
    return inner if all(sides) or not inner else []


def _read_by_alignment(
    raw_page, bbox: BBox, rules: Rules, doubts: list | None = None, words=None, known=frozenset()
) -> tuple[list, dict, list] | None:
    """The table read without pdfplumber (the fallback when pdfplumber cannot read an area within
    its time budget), from the area's words (glyph_words.area_words: MuPDF's glyphs grouped as
    pdfplumber groups them; the layout's lines when none are given) and the page's rules: columns
    at the inner vertical rules, else at gaps no word crosses; rows at the horizontal rules and,
    inside each rule band, where most columns break between lines; each cell's text as the
    pdfplumber reader writes it, a Latin word broken over its lines joined on the same evidence
    (latin_breaks; known: the words the document prints). Merged cells are not found."""
    if words is None:
        words = [
            {"x0": ln.x0, "x1": ln.x1, "top": ln.y0, "bottom": ln.y1, "text": ln.text}
            for ln in raw_page.lines
            if _inside(ln.bbox, bbox)
        ]
    if not words:
        return None
    max_fill_h = float(rules.get("tables", "max_header_shading_height", default=40))
    rects, vrules = _table_rects(raw_page, max_fill_h)
    inner_x = sorted(
        {
            round((v[0] + v[2]) / 2, 1)
            for v in vrules
            if bbox[0] + 3 < v[0] < bbox[2] - 3 and _overlap(v, bbox)
        }
    )
    size = sorted(w["bottom"] - w["top"] for w in words)[len(words) // 2]
    gap = float(rules.get("tables", "min_column_gap_em", default=0.6)) * size
    left, right = _outer(bbox, words)
    cols = [left, *(inner_x or _text_columns(words, gap)), right]
    h_rules = sorted(
        {
            round((r[1] + r[3]) / 2, 1)
            for r in rects
            if r[3] - r[1] < 2.5
            and bbox[1] + 2 < r[1] < bbox[3] - 2
            and _overlap(r, bbox)
            and not any(w["top"] + 1 < r[1] < w["bottom"] - 1 for w in words)
        }
    )
    bands = list(itertools.pairwise([bbox[1], *h_rules, bbox[3]]))
    ys = [bbox[1], *h_rules, bbox[3]]
    for top, bottom in bands[1:] if len(bands) >= 2 else bands:
        ys += _text_rows(words, top, bottom, cols, doubts)  # above the first inner rule: the header, one row
    ys = sorted(set(ys))
    boxes = [
        [(x0, top, x1, bottom) for x0, x1 in itertools.pairwise(cols)]
        for top, bottom in itertools.pairwise(ys)
    ]
    grid = [[_aligned_cell(words, cell, known, doubts) for cell in row] for row in boxes]
    kept = [k for k, row in enumerate(grid) if any(row)]
    grid, boxes = [grid[k] for k in kept], [boxes[k] for k in kept]
    if len(grid) < 2 or len(cols) < 3:
        return None
    return grid, {}, boxes


def _aligned_cell(words: list[dict], cell: BBox, known, doubts: list | None) -> str:
    """The text of the words whose middles lie in the cell, line by line (words of a line a space
    apart, as pdfplumber writes them), joined as the pdfplumber reader joins a cell's lines, a
    Latin word broken over them written whole when the evidence says so (_cell_text's rule); the
    column's edge is its widest line's end."""
    x0, top, x1, bottom = cell
    column = [w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 < x1]
    inside = [w for w in column if top <= (w["top"] + w["bottom"]) / 2 < bottom]
    if not inside:
        return ""
    lines = column_lines(inside)
    text = join_cell("\n".join(ln.text for ln in lines))
    if not re.search(r"[A-Za-z] [A-Za-z]", text):
        return text
    edge = max(w["x1"] for w in column)
    breaks = [b for up, low in itertools.pairwise(lines) if (b := weigh(up, low, edge, known)) is not None]
    if doubts is not None:
        doubts.extend(b for b in breaks if b.doubtful)
    return rejoin(text, breaks)


# what pdfminer writes for a glyph its font maps to no character ((cid:273)): a face embedded with no
# ToUnicode and no cmap, its text given by /ActualText, which MuPDF reads and pdfminer does not
_UNMAPPED_CELL = re.compile(r"\(cid:\d+\)")


def _mupdf_text(read: tuple[list, dict, list], words: list[dict], known) -> tuple[list, dict, list]:
    """The grid pdfplumber read, each cell holding an unmapped glyph written again from MuPDF's
    words inside the cell's box (its grid and merged cells kept)."""
    grid, spans, boxes = read
    fixed = [
        [
            _aligned_cell(words, box, known, None) if _UNMAPPED_CELL.search(cell or "") else cell
            for cell, box in zip(row, brow, strict=True)
        ]
        for row, brow in zip(grid, boxes, strict=True)
    ]
    return fixed, spans, boxes


# a body block inside a table area is the table's when the grid holds this share of its text
TABLE_HOLDS = 0.9


def _pdfplumber():
    import logging

    import pdfplumber

    from .tounicode import install

    # pdfminer logs every oddity of a font it meets; what matters reaches us as an exception
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    install()  # fonts' ToUnicode maps read without pdfminer's tokenizer walking every entry
    return pdfplumber


def _pdf_page_count(issue: Issue) -> int:
    """The PDF pages pdfplumber must see (a spread is two pages read, one PDF page)."""
    return len({place.page for place in pdf_places(issue.layout.raw).values()})


_READ, _SLOW, _FAILED = "read", "slow", "failed"


def _read_guarded(
    plumber,
    pdf_page: int,
    at: BBox,
    ruled: bool,
    turn: int | TurnedRegion,
    rules: Rules,
    known,
    budget: float,
    left: float,
):
    """One area read by pdfplumber within its time budget (budget, and what is left of the file's):
    (outcome, the grid and spans or None, the doubts to warn, why it failed). On a page printed
    sideways (turn), pdfplumber reads the page turned upright, as the layout read it
    (plumber_turn.py): a turned table is read as an upright one is, merged cells and all."""
    doubts: list[Vote | Break] = []
    try:
        if left <= 0:
            raise OverBudget()
        with cpu_budget(min(budget, left)):
            page = plumber.pages[pdf_page - 1]
            read = _read_area(turned_page(page, turn) if turn else page, at, ruled, rules, doubts, known)
    except OverBudget:
        return _SLOW, None, [], None
    except Exception as e:  # noqa: BLE001 - pdfminer on an untrusted page: the text stays body
        return _FAILED, None, [], " ".join(str(e).split())[:120] or type(e).__name__
    return _READ, read, doubts, None


def _read_released(plumber, tasks, rules: Rules, known, budget: float, file_budget: float):
    """The areas (PDF page, box, ruled) read in order, each page's parse released once its areas
    are read and pdfminer's caches every PLUMBER_CACHE_PAGES pages (a second process's reading)."""
    started = time.process_time()
    reading, pages_read = None, 0
    for pdf_page, at, ruled, turn in tasks:
        if reading is not None and reading != pdf_page:
            pages_read += 1
            _release(plumber, reading, pages_read % PLUMBER_CACHE_PAGES == 0)
        reading = pdf_page
        left = file_budget - (time.process_time() - started)
        yield _read_guarded(plumber, pdf_page, at, ruled, turn, rules, known, budget, left)


def _serve_areas(path: str, rules: Rules, tasks_in, tasks_out):
    """The second process's work (AreaReader): wait for its areas, open the file in pdfplumber
    (its own copy: a descriptor shared with the parent shares its offset) and read them."""
    tasks_out.close()
    pages, known, tasks, budget, file_budget = tasks_in.recv()
    plumber = _pdfplumber().open(path)
    if len(plumber.pages) != pages:
        return  # pdfplumber sees other pages than MuPDF: the parent reads its areas itself
    yield from _read_released(plumber, tasks, rules, known, budget, file_budget)


class AreaReader:
    """A second process that reads a long file's table areas with pdfplumber (`ingest ISSUE.pdf`
    of a file of forked.PARALLEL_MIN_PAGES pages or more). It is forked when the run starts and
    waits for its areas: forked at the tables stage it would count the whole issue model in its
    own memory. It is given them as soon as the layout decides them (read_ahead) and reads them
    from the first while this process runs the segmentation stages; the tables stage reads them
    from the last until the two meet. Its answers are the ones this process would give; when it
    fails, this process reads its areas itself."""

    def __init__(self, path: str | Path, rules: Rules):
        tasks_in, self.tasks_out = mp.Pipe(duplex=False)
        self.helper = Forked(_serve_areas, str(path), rules, tasks_in, self.tasks_out)
        tasks_in.close()
        self.sent: tuple | None = None  # what it was given to read

    def send(self, pages: int, known, tasks: list, budget: float, file_budget: float) -> bool:
        try:
            self.tasks_out.send((pages, known, tasks, budget, file_budget))
        except OSError:
            return False
        self.sent = (pages, known, tasks, budget, file_budget)
        return True

    def answered(self) -> int:
        """How many of its areas, from the first, it has answered so far (without waiting)."""
        self.helper.poll()
        return len(self.helper.items)

    def answers(self) -> list:
        """Its areas' (outcome, read, doubts, why) so far, in the order they were sent."""
        return self.helper.items

    def close(self) -> None:
        self.tasks_out.close()
        self.helper.close()


# ---------------------------------------------------------------- the stage
def _open_plumber(issue: Issue, doc: pymupdf.Document):
    """pdfplumber on the file, or on MuPDF's own copy of it when pdfplumber cannot open the file
    or sees other pages than MuPDF (a decrypted file; a damaged one MuPDF repaired: pdfminer
    finds no page in a broken xref). None when neither can be read: the tables stay body text."""
    pdfplumber = _pdfplumber()
    n = _pdf_page_count(issue)
    for source in (lambda: issue.layout.raw.path, lambda: io.BytesIO(sound_copy(doc))):
        try:
            plumber = pdfplumber.open(source())
        except Exception:  # noqa: BLE001 - pdfminer raises anything on an untrusted file
            continue
        try:
            if len(plumber.pages) == n:
                return plumber
        except Exception:  # noqa: BLE001
            pass
        _close(plumber)
    return None


def _close(plumber) -> None:
    """Close pdfplumber's file and the pages it parsed. pdfplumber's own close() forgets its page
    list first and parses the page tree again to close each page: on a 3000-page volume a second
    of work for nothing (pdfminer's object cache is released as table pages are read, so every
    page dictionary is read from the file again); on a damaged file that may not parse."""
    try:
        plumber.flush_cache([p for p in plumber.cached_properties if p != "_pages"])
        for page in plumber.pages:
            page.close()
        if not plumber.stream_is_external:
            plumber.stream.close()
    except Exception:  # noqa: BLE001 - pdfminer raises anything on an untrusted file
        pass


def _may_continue(
    prev: tuple[Article, Table, _Area],
    art: Article,
    table: Table,
    area: _Area,
    flat_between,
    label: Block | None,
    pages: list[int],
    rules: Rules,
) -> bool:
    """The table read in area may be the rest of the one before it (table_joins weighs whether it
    is): the same unit, no caption of its own, on the same page (the next column), the next, or
    after at most table_joins.MAX_PAGES_BETWEEN pages, nothing of the unit's text between them; a
    label over it (续表 3) naming another table's number says it is not. pages: the issue's pages."""
    p_art, p_table, p_area = prev
    if p_art is not art or table.caption or table.caption_en:
        return False
    m = rules.continued_label(label.text) if label is not None else None
    number = m.groupdict().get("number") if m else None
    number = unicodedata.normalize("NFKC", number) if number else None
    if number is not None and p_table.caption and number != _caption_number(p_table.caption):
        return False
    if flat_between or area.page < p_area.page:
        return False
    between = [p for p in pages if p_area.page < p < area.page]
    return len(between) <= MAX_PAGES_BETWEEN


def _join(
    p_table: Table, p_area: _Area, table: Table, area: _Area, label: Block | None, words, pages_between: int
) -> JoinEvidence:
    """What the two parts show (table_joins.JoinEvidence). words: the part's words as printed
    (None: not read, on a page turned or halved)."""
    first_rows = [r for r, p in zip(p_table.rows, p_table.row_pages[1:], strict=False) if p == p_area.page]
    part = [table.header, *table.rows]
    return JoinEvidence(
        label=label is not None,
        head_repeated=table.header == p_table.header,
        row_cut=row_cut(table.header),
        own_head=own_head(p_table.header, first_rows or p_table.rows, part),
        aligned=aligned(edges_of(_part_boxes(p_table, p_area.page)), area.bbox, p_area.bbox, words),
        pages_between=pages_between,
    )


def _picture_pages(between: list[Block], raw_pages: dict, first: int, last: int) -> set[int]:
    """The pages strictly between a table's parts whose text in `between` (the unit's text there)
    stands on a page that is only a picture (table_joins.figure_page)."""
    out = set()
    for page in {b.page for b in between if first < b.page < last}:
        raw = raw_pages.get(page)
        texts = [b.text for b in between if b.page == page]
        if raw is not None and figure_page(raw.width, raw.height, raw.images, texts):
            out.add(page)
    return out


def _part_boxes(table: Table, page: int) -> list[list[BBox]]:
    """The cell boxes of the table's rows printed on page (its last part's)."""
    return [b for b, p in zip(table.cell_boxes, table.row_pages, strict=False) if p == page]


def _table(area: _Area, grid, spans, boxes, caption, caption_en, notes: list[Block]) -> Table:
    return Table(
        page=area.page,
        bbox=area.bbox,
        header=grid[0],
        rows=grid[1:],
        caption=caption,
        notes=[n.text.strip() for n in notes],
        spans=spans,
        caption_en=caption_en,
        row_pages=[area.page] * len(grid),
        cell_boxes=boxes,
    )


def _read_in_columns(
    words: list[dict], bbox: BBox, cols: list[float], known: frozenset[str]
) -> tuple[list, dict, list] | None:
    """A table's rest read in its first part's column edges (moved to where the rest stands): rows
    where most columns break between lines (_text_rows); a first line holding one cell alone (the
    rest of a row the page turn cut) a row of its own; a word crossing a column edge a cell merged
    over the columns it crosses (its text in each, as a merged cell is written)."""
    words = [w for w in words if w["text"].strip() and bbox[0] - 2 <= (w["x0"] + w["x1"]) / 2 <= bbox[2] + 2]
    if not words or len(cols) < 3:
        return None
    cols = [min(cols[0], bbox[0]), *cols[1:-1], max(cols[-1], bbox[2])]
    lines = sorted(words, key=lambda w: w["top"])
    first = [w for w in lines if w["top"] < lines[0]["bottom"] - 1.0]
    rest = [w for w in lines if w["top"] >= lines[0]["bottom"] - 1.0]
    top = bbox[1]
    ys = [top]

    def column(w: dict) -> int:
        mid = (w["x0"] + w["x1"]) / 2
        return next((c for c in range(len(cols) - 1) if mid < cols[c + 1]), len(cols) - 2)

    if rest and len({column(w) for w in first}) == 1:
        top = (max(w["bottom"] for w in first) + min(w["top"] for w in rest)) / 2
        ys.append(top)
    ys += [y for y in _text_rows(words, top, bbox[3], cols) if y > top]
    ys = sorted({*ys, bbox[3]})
    boxes = [[(x0, y0, x1, y1) for x0, x1 in itertools.pairwise(cols)] for y0, y1 in itertools.pairwise(ys)]
    grid = [[_aligned_cell(words, cell, known, None) for cell in row] for row in boxes]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, (y0, y1) in enumerate(itertools.pairwise(ys)):
        for w in words:
            if not y0 <= (w["top"] + w["bottom"]) / 2 < y1:
                continue
            over = [c for c in range(len(cols) - 1) if w["x0"] + 1 < cols[c + 1] and w["x1"] - 1 > cols[c]]
            if len(over) > 1 and all(not grid[r][c] for c in over if c != column(w)):
                for c in over:
                    grid[r][c] = grid[r][column(w)]
                spans[(r, over[0])] = (1, len(over))
    kept = [k for k, row in enumerate(grid) if any(row)]
    if len(kept) < 1:
        return None
    remap = {old: new for new, old in enumerate(kept)}
    spans = {(remap[r], c): sp for (r, c), sp in spans.items() if r in remap}
    return [grid[k] for k in kept], spans, [boxes[k] for k in kept]


def _join_warning(why: str, area: _Area, name: str, joined: bool) -> Warning:
    what = "joined to the table before them" if joined else "kept apart from the table before them"
    return Warning(
        WarningCode.TABLE_JOIN_DOUBTFUL,
        f"rows on p. {name} {what} on doubtful evidence: {why}",
        page=area.page,
        bbox=area.bbox,
    )


def _continued_label(issue: Issue, area: _Area, rules: Rules) -> Block | None:
    """The label printed just over a table's continued part (续表 3, 表 3（续）: rules'
    tables.continued_patterns)."""
    page = next(p for p in issue.layout.pages if p.number == area.page)
    return next(
        (
            b
            for b in sorted(page.blocks, key=lambda b: -b.bbox[3])
            if b.role != Role.TABLE
            and not _inside(b.bbox, area.bbox)
            and _near_above(b, area)
            and rules.continued_label(b.text)
        ),
        None,
    )


def _append_continuation(
    table: Table, body: list[list[str]], boxes: list[list[BBox]], page: int, spans: dict | None = None
) -> None:
    """Rows of the same table read on the next column or page, with their cells' boxes and page.
    A row cut by the break comes back as a row of mostly empty cells: it finishes the last row
    (its cells' pieces kept: each cell's page and box in both parts, cell_pieces). spans: the
    body's merged cells, by its row. A merged first-column cell that runs over the break
    leaves the first cells of the new part empty: they repeat the value above."""
    body = [list(r) for r in body]
    boxes = list(boxes)
    if body and table.rows and sum(1 for c in body[0] if not c.strip()) * 2 >= len(body[0]):
        last, rest = table.rows[-1], body.pop(0)
        r = len(table.rows)  # the cut row's index in [header] + rows
        if boxes and len(table.cell_boxes) == 1 + len(table.rows):  # each cell's pieces, where printed
            for c, (a, b) in enumerate(zip(last, rest, strict=False)):
                if b.strip() and c < len(boxes[0]) and c < len(table.cell_boxes[r]):
                    first = [(table.row_pages[r], table.cell_boxes[r][c])] if a.strip() else []
                    table.cell_pieces[(r, c)] = [*table.cell_pieces.get((r, c), first), (page, boxes[0][c])]
        table.rows[-1] = [
            join_cell(f"{a}\n{b}") if b.strip() else a for a, b in zip(last, rest, strict=False)
        ]
        boxes = boxes[1:]
        spans = {(r - 1, c): sp for (r, c), sp in (spans or {}).items() if r >= 1}
    offset = 1 + len(table.rows)  # index of body's first row in [header] + rows
    for (r, c), sp in (spans or {}).items():
        table.spans[(offset + r, c)] = sp
    carry = table.rows[-1][0] if table.rows else ""
    for row in body:
        if row and row[0].strip():
            break
        if row:
            row[0] = carry
    if len(table.cell_boxes) == 1 + len(table.rows) and len(boxes) == len(body):
        table.cell_boxes.extend(boxes)
        table.row_pages.extend([page] * len(body))
    else:  # where the cells stand is known for none of them
        table.cell_boxes, table.row_pages, table.cell_pieces = [], [], {}
    table.rows.extend(body)


@dataclass
class _Plan:
    """What pdfplumber reads of a file's table areas, decided from the layout alone: a second
    process can be given it before the segmentation stages run (read_ahead)."""

    areas: list[_Area]  # in reading order
    # each area's PDF page, its box there, ruled or not, and the page's turn (or turned region)
    tasks: list[tuple[int, BBox, bool, int | TurnedRegion]]
    known: frozenset[str]  # the Latin words the document prints outside its tables
    pages: int  # the PDF pages pdfplumber must see
    budget: float  # CPU seconds an area may take
    file_budget: float  # CPU seconds all areas of the file may take

    def shared(self) -> tuple:
        """What a second reader is given (AreaReader.send): each process reads within half the
        file's budget."""
        return (self.pages, self.known, self.tasks, self.budget, self.file_budget / 2)


def _plan(layout: LaidOutDocument, rules: Rules) -> _Plan:
    areas = _areas(layout, rules)
    raw_pages = {p.number: p for p in layout.raw.pages}
    places = pdf_places(layout.raw)  # where each page lies in the PDF pdfplumber reads
    max_fill_h = float(rules.get("tables", "max_header_shading_height", default=40))
    flat = [b for p in layout.pages for b in p.blocks]
    pos = {id(b): i for i, b in enumerate(flat)}
    # time budgets: per area, and for all areas of the file (by its pages), so that no file
    # spends more than a bounded multiple of its page count in pdfplumber
    budget = float(rules.get("tables", "area_seconds", default=2))
    per_page = float(rules.get("tables", "file_seconds_per_page", default=0.5))
    file_budget = max(budget, per_page * len(layout.pages))
    if not areas:
        return _Plan([], [], frozenset(), 0, budget, file_budget)
    # the Latin words the document prints outside its tables: a word broken over a narrow cell's
    # lines is one word when the document prints it whole (the table's own text holds the pieces)
    on_page: dict[int, list[_Area]] = {}  # the areas of each page: a block is held against its own
    for a in areas:
        on_page.setdefault(a.page, []).append(a)
    known = frozenset(
        vocabulary(
            b.text
            for b in flat
            if b.role != Role.TABLE and not any(_inside(b.bbox, a.bbox) for a in on_page.get(b.page, ()))
        )
    )
    ordered = sorted(areas, key=lambda a: min(pos[id(b)] for b in a.blocks))
    tasks = []
    for area in ordered:
        place = places[area.page]
        _, vrules = _table_rects(raw_pages[area.page], max_fill_h)
        inner_v = _inner_verticals(vrules, area.bbox)
        # the area in its PDF page's coordinates; on a page printed sideways, in the page turned
        # upright, where pdfplumber is shown it (plumber_turn.py)
        at = area.bbox if place.turn or place.region else _shifted(area.bbox, place.x_offset)
        tasks.append((place.page, at, bool(inner_v), place.region or place.turn))
    pages = len({place.page for place in places.values()})
    return _Plan(ordered, tasks, known, pages, budget, file_budget)


def read_ahead(reader: AreaReader, layout: LaidOutDocument, rules: Rules) -> None:
    """Give the second process the file's table areas as soon as the layout decides them: it reads
    them while this process runs the segmentation stages (on a volume, a quarter of its time),
    when the second core has nothing else to do."""
    plan = _plan(layout, rules)
    if plan.tasks:
        reader.send(*plan.shared())


def _read_plan(issue: Issue, doc: pymupdf.Document, plan: _Plan, rules: Rules, reader: AreaReader | None):
    """Each area's (outcome, read, doubts, why), in the plan's order; None when pdfplumber cannot
    read the file. With a second reader given this plan, this process reads from the last area
    back until it meets the areas the other has answered (it never waits for it: an area both
    happen to read is read the same); alone, it reads them in order."""
    tasks = plan.tasks
    helped = reader is not None and reader.sent == plan.shared()
    file_budget = plan.file_budget / 2 if helped else plan.file_budget
    order = range(len(tasks) - 1, -1, -1) if helped else range(len(tasks))
    results: list = [None] * len(tasks)
    plumber = None
    reading: int | None = None  # the page pdfplumber holds parsed
    pages_read = 0
    started = time.process_time()
    try:
        for k in order:
            if helped and k < reader.answered():
                break
            if plumber is None:  # opened only when this process reads an area itself
                plumber = _open_plumber(issue, doc)
                if plumber is None:
                    return None
            pdf_page, at, ruled, turn = tasks[k]
            if reading is not None and reading != pdf_page:
                pages_read += 1
                _release(plumber, reading, pages_read % PLUMBER_CACHE_PAGES == 0)
            reading = pdf_page
            left = file_budget - (time.process_time() - started)
            results[k] = _read_guarded(
                plumber, pdf_page, at, ruled, turn, rules, plan.known, plan.budget, left
            )
    finally:
        if plumber is not None:
            _close(plumber)
    if helped:
        theirs = reader.answers()
        results = [mine if mine is not None else theirs[k] for k, mine in enumerate(results)]
    return results


def extract_tables(
    issue: Issue, doc: pymupdf.Document, rules: Rules, reader: AreaReader | None = None
) -> Issue:
    """The table areas read into tables; reader: a second process that may have read some of them
    already (AreaReader, given them by read_ahead; the same tables either way)."""
    plan = _plan(issue.layout, rules)
    if not plan.areas:
        return issue
    owner = _owner(issue)
    raw_pages = {p.number: p for p in issue.layout.raw.pages}
    places = pdf_places(issue.layout.raw)  # where each page lies in the PDF pdfplumber reads
    flat = [b for p in issue.layout.pages for b in p.blocks]
    pos = {id(b): i for i, b in enumerate(flat)}
    text_roles = {Role.PARAGRAPH, Role.HEADING, Role.LIST_ITEM}
    budget = plan.budget
    helped = reader is not None and reader.sent == plan.shared()
    file_budget = plan.file_budget / 2 if helped else plan.file_budget
    results = _read_plan(issue, doc, plan, rules, reader)
    if results is None:
        first = min(plan.areas, key=lambda a: (a.page, a.bbox[1]))
        issue.warnings.append(
            Warning(
                WarningCode.TABLES_UNREAD,
                f"{len(plan.areas)} table area(s) not read: pdfplumber cannot read this file; their text stays in the body",
                page=first.page,
                bbox=first.bbox,
            )
        )
        return issue
    prev: tuple[Article, Table, _Area] | None = None
    dropped: set[int] = set()
    page_numbers = [p.number for p in issue.layout.pages]
    for area, task, (outcome, read, doubts, why) in zip(plan.areas, plan.tasks, results, strict=True):
        ruled = task[2]
        place = places[area.page]
        if outcome == _SLOW:
            doubts = []
            raw = raw_pages[area.page]
            words = area_words(doc, raw, area.bbox)
            read = _read_by_alignment(raw, area.bbox, rules, doubts, words, plan.known)
            # _doubtful places a broken word's box as pdfplumber reads it, on the PDF page
            doubts = [
                dataclasses.replace(d, bbox=_shifted(d.bbox, place.x_offset)) if isinstance(d, Break) else d
                for d in doubts
            ]
            issue.warnings.append(
                Warning(
                    WarningCode.TABLE_SLOW,
                    f"table area on p. {page_name(issue.layout.raw, area.page)} not read by pdfplumber within its time budget "
                    f"({budget:g} s an area, {file_budget:g} s the file): "
                    "read by the alignment of its lines instead (merged cells not found)",
                    page=area.page,
                    bbox=area.bbox,
                )
            )
        elif outcome == _FAILED:  # pdfminer on an untrusted page: the text stays body
            issue.warnings.append(
                Warning(
                    WarningCode.TABLE_UNREAD,
                    f"table area on p. {page_name(issue.layout.raw, area.page)} {area.bbox} not read ({why}); its text stays in the body",
                    page=area.page,
                    bbox=area.bbox,
                )
            )
            _keep_area_text(issue, area, owner, flat, pos)
            continue
        if read is None:  # no table in it after all: its lines are the unit's text
            if _keep_area_text(issue, area, owner, flat, pos):
                issue.warnings.append(_kept_warning(issue, area, "no table read in it"))
            continue
        if outcome == _READ and any(_UNMAPPED_CELL.search(c or "") for row in read[0] for c in row):
            read = _mupdf_text(read, area_words(doc, raw_pages[area.page], area.bbox), plan.known)
        issue.warnings.extend(_doubtful(area, doubts, place.x_offset, page_name(issue.layout.raw, area.page)))
        grid, spans, boxes = read
        art = _find_owner(issue, area, owner, flat, pos)
        if art is None:
            continue
        captions, caption_blocks, notes = _caption_and_notes(issue, area, rules)
        # the table's caption is the one in the journal's language (tables: caption_pattern);
        # another over or under it (in English) is a caption of the article, never body
        own_re = re.compile(rules.get("tables", "caption_pattern", default=r"^$a"))
        own = next((g for g in captions if own_re.match(g[0].text)), captions[0] if captions else [])
        others = [g for g in captions if g is not own]
        caption = " ".join(c.text.strip() for c in own) or None
        # the English one (Table 1 … under or over 表 1 …) is the table's caption_en; a block
        # holding both is cut at the English label
        en_re = re.compile(rules.get("tables", "caption_en_pattern", default=r"^$a"))
        english = next((g for g in others if en_re.match(g[0].text.strip())), None)
        others = [g for g in others if g is not english]
        caption_en = " ".join(c.text.strip() for c in english) if english else None
        if caption and caption_en is None:
            caption, caption_en = split_caption(caption, en_re)
        if caption and caption_en is None:  # its English printed without a label
            caption, caption_en, doubt = unlabelled_english(own, caption, area.page)
            issue.warnings.extend(doubt)
        if len(grid) < 2 and caption is None and caption_en is None:
            # a header and no row: a form printed empty is a table only under its caption; its
            # lines are the unit's text
            if _keep_area_text(issue, area, owner, flat, pos):
                issue.warnings.append(_kept_warning(issue, area, "a header and no row"))
            continue
        label = _continued_label(issue, area, rules)
        first = min(pos[id(b)] for b in area.blocks)
        between = []
        if prev is not None:
            last = max(pos[id(b)] for b in prev[2].blocks)
            between = [
                b
                for b in flat[last + 1 : first]
                if b.role in text_roles
                and id(b) not in dropped
                and owner.get(id(b)) is art
                and b is not label
            ]
        table = _table(area, grid, spans, boxes, caption, caption_en, notes)
        p_table = None
        # a page between them that is only a picture: its caption's or credit's text is no sign the
        # table stopped (table_joins.figure_page)
        pictured = _picture_pages(between, raw_pages, prev[2].page if prev else 0, area.page)
        over_pictures = bool(between) and all(b.page in pictured for b in between)
        between = [b for b in between if b.page not in pictured]
        if prev is not None and _may_continue(prev, art, table, area, between, label, page_numbers, rules):
            p_table, p_area = prev[1], prev[2]
            upright = not (place.turn or place.region)
            words = area_words(doc, raw_pages[area.page], area.bbox) if upright else None
            gap = sum(1 for p in page_numbers if p_area.page < p < area.page)
            n_cols = len(p_table.header)
            first_edges = edges_of(_part_boxes(p_table, p_area.page))
            shift = area.bbox[0] - p_area.bbox[0]
            # a column of the first part set as two or more here (a figure and its unit in cells
            # of their own): read in the first part's columns, the join then weighed as any other
            groups = split_groups([e + shift for e in first_edges], edges_of(boxes))
            if groups is not None and len(groups) == n_cols:
                grid, spans, boxes = merge_columns(grid, spans, boxes, groups)
                table = _table(area, grid, spans, boxes, caption, caption_en, notes)
            evidence = dataclasses.replace(
                _join(p_table, p_area, table, area, label, words, gap), over_picture_text=over_pictures
            )
            joined, why = evidence.decide()
            if joined and groups is not None and why is None:
                why = (
                    "a column of the first part is set as two or more here: read in the first part's columns"
                )
            off = len(grid[0]) != n_cols or any(
                abs(a - (e + shift)) > JOIN_EDGE_TOL
                for a, e in zip(edges_of(boxes), first_edges, strict=False)
            )
            if joined and off and evidence.aligned and not ruled and words:
                # read in its first part's columns (a cell merged over two of them, a lone cut cell
                # made the rest's own columns and rows wrong)
                again = _read_in_columns(words, area.bbox, [e + shift for e in first_edges], plan.known)
                if again is not None:
                    grid, spans, boxes = again
                    table = _table(area, grid, spans, boxes, caption, caption_en, notes)
            if len(grid[0]) != n_cols:
                joined, why = False, None  # the rest's columns are not the first part's
            if why is not None:
                issue.warnings.append(
                    _join_warning(why, area, page_name(issue.layout.raw, area.page), joined)
                )
            if not joined:
                p_table = None
        # a block goes into the table only when the grid holds its text: what the reader missed
        # stays in the body rather than being lost
        cells = "\x00".join(c for row in grid for c in row)
        held = {id(b) for b in art.blocks if share_held(b.text, cells) >= TABLE_HOLDS}
        gone = (_swallowed(art, area) & held) | {id(n) for n in notes} | {id(c) for c in caption_blocks}
        dropped |= gone
        if p_table is not None:
            if label is not None:  # the label goes with the rows it heads
                gone.add(id(label))
                dropped.add(id(label))
                p_table.continued_labels.append(label.text.strip())
            repeated = table.header == p_table.header
            body = table.rows if repeated else grid
            shift_rows = 0 if body is grid else 1  # a repeated header is dropped
            body_spans = {(r - shift_rows, c): sp for (r, c), sp in spans.items() if r - shift_rows >= 0}
            _append_continuation(p_table, body, boxes[1:] if repeated else boxes, area.page, body_spans)
            p_table.notes.extend(table.notes)
            prev = (art, p_table, _Area(area.page, area.bbox, area.blocks))
        else:
            art.tables.append(table)
            prev = (art, table, area)
        art.blocks = [b for b in art.blocks if id(b) not in gone]
        art.english = [b for b in art.english if id(b) not in gone]  # an English caption
        art.captions = [
            c
            for c in art.captions
            if not (c.page == area.page and _inside(c.bbox, area.bbox))
            # the caption block the table took, or a language's part of it (caption_lang)
            and not any(c.page == cap.page and _inside(c.bbox, cap.bbox) for cap in caption_blocks)
        ]
        art.captions += [_as_caption(g) for g in others]
    return issue


# an area's text is the unit's already when its blocks hold this share of it
AREA_TEXT_HELD = 0.5


def _keep_area_text(
    issue: Issue, area: _Area, owner: dict[int, Article], flat: list[Block], pos: dict[int, int]
) -> bool:
    """A table area read into no table: its layout blocks (typed table, in no unit's blocks) go into
    the unit nearest them as paragraphs, where they stand in reading order, unless the unit's
    blocks hold their text already. True when some text was kept so (the text was in no row:
    residue `unclaimed`, a form's filled-in values on a cover)."""
    art = _find_owner(issue, area, owner, flat, pos)
    if art is None or _on_a_drawing(issue, area):
        return False
    held = "\x00".join(b.text for b in art.blocks)
    kept = [
        dataclasses.replace(b, role=Role.PARAGRAPH)
        for b in area.blocks
        if b.role == Role.TABLE and share_held(b.text, held) < AREA_TEXT_HELD
    ]
    if not kept:
        return False
    for blk in kept:
        at = pos[id(next(b for b in area.blocks if b.bbox == blk.bbox))]
        # before the unit's first block after it in reading order (a later page's, if its own
        # blocks were rewritten by a stage since layout)
        k = next(
            (i for i, b in enumerate(art.blocks) if b.page > area.page or pos.get(id(b), -1) > at),
            len(art.blocks),
        )
        art.blocks.insert(k, blk)
        owner[id(blk)] = art
    return True


def _on_a_drawing(issue: Issue, area: _Area) -> bool:
    """The area touches a figure drawn with vector paths on its page (layout's drawings): a row of
    the figure's labels ('轨道0 轨道1 … 轨道7' along a diagram's top), no text of the unit."""
    return any(touches_drawing(area.bbox, p.drawings) for p in issue.layout.pages if p.number == area.page)


def _kept_warning(issue: Issue, area: _Area, why: str) -> Warning:
    return Warning(
        WarningCode.TABLE_UNREAD,
        f"table area on p. {page_name(issue.layout.raw, area.page)} read as no table ({why}): its text kept "
        "as the unit's paragraphs",
        page=area.page,
        bbox=area.bbox,
    )


def _doubtful(area: _Area, doubts: list[Vote | Break], dx: float, name: str) -> list[Warning]:
    """A warning for each doubtful decision made reading the area: a row break the columns' text
    voted on both ways (kept), a Latin word broken over a cell's lines joined or not. dx: how far
    the area was shifted to read it on its PDF page (the right half of a spread); name: its page as
    the PDF shows it (spreads.page_name)."""
    out = []
    for d in doubts:
        if isinstance(d, Vote):
            out.append(
                Warning(
                    WarningCode.TABLE_ROW_DOUBTFUL,
                    f"table on p. {name}: a row ends at y={d.y:.1f} on doubtful evidence "
                    f"(the columns disagree: {d.reason}); kept as a row break",
                    page=area.page,
                    bbox=(area.bbox[0], d.y - 1, area.bbox[2], d.y + 1),
                )
            )
        else:
            read = f"'{d.head}{d.tail}'" if d.join else f"'{d.head} {d.tail}'"
            out.append(
                Warning(
                    WarningCode.TABLE_WORD_DOUBTFUL,
                    f"table on p. {name}: '{d.head}' / '{d.tail}' broken over a cell's lines read as "
                    f"{read} on doubtful evidence ({d.reason})",
                    page=area.page,
                    bbox=_shifted(d.bbox, -dx),
                )
            )
    return out


# pdfminer keeps every object and font it parsed for the life of the file: they are forgotten
# after this many pages with table areas (fonts shared by an issue's pages are parsed once per
# window, and a volume binding many issues, each with its own fonts, stays within a window's memory)
PLUMBER_CACHE_PAGES = 16


def _release(plumber, page: int, caches: bool) -> None:
    """Forget what pdfplumber parsed for a page once its areas are read (its objects, its layout),
    and, when caches, pdfminer's caches of the file's objects and fonts."""
    plumber.pages[page - 1].close()
    if not caches:
        return
    for cache in (
        getattr(plumber.doc, "_cached_objs", None),
        getattr(plumber.rsrcmgr, "_cached_fonts", None),
    ):
        if isinstance(cache, dict):  # pdfminer's own: what is asked for again is read from the file again
            cache.clear()


def cell_value(text: str, labels: list[str], units: list[str]) -> tuple[float | None, str | None]:
    """A numeric cell's value and unit: '56.6%' -> (56.6, '%'); '1800' in the row '数量 (起)' ->
    (1800.0, '起'); anything else (dates, names) -> (None, None). The printed text is not changed."""
    t = re.sub(r"\s+", "", text or "")
    alts = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    m = re.fullmatch(r"[约超]?([+-]?\d+(?:,\d{3})*(?:\.\d+)?)" + (f"({alts})?" if alts else "()?"), t)
    if not m:
        return None, None
    value = float(m.group(1).replace(",", ""))
    unit = m.group(2)
    if not unit and alts:
        for label in labels:
            u = re.search(rf"[（(]({alts})[)）]", re.sub(r"\s+", "", label or ""))
            if u:
                unit = u.group(1)
                break
    return value, unit or None
