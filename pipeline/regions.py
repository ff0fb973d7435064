"""Layout regions on one page that are not running text: ruled and rule-less table areas,
framed or shaded boxes, figures (images and empty frames) and the captions under them."""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from statistics import median
from typing import TypeVar

from .extract import join_text
from .jump_split import cut_line
from .models import BBox, Line, RawPage, Rect
from .paragraphs import is_section_label
from .rules import Rules
from .text import SENTENCE_STOPS, ends_with_stop

T = TypeVar("T")


def containing(rects: list[BBox], line: Line, pad: float = 2.0) -> int | None:
    if not rects:
        return None  # most pages and most areas asked about hold no frame
    cx, cy = (line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2
    best = None
    for i, (x0, y0, x1, y1) in enumerate(rects):
        if x0 - pad <= cx <= x1 + pad and y0 - pad <= cy <= y1 + pad:
            # a full-width mark ending the line may hang past the frame (its em box is half empty)
            overhang = 0.6 * line.size if line.text.rstrip()[-1:] in "、，。：；！？）》」』”’" else 0.0
            if line.x0 >= x0 - pad and line.x1 <= x1 + pad + overhang:
                area = (x1 - x0) * (y1 - y0)
                if best is None or area < best[1]:
                    best = (i, area)
    return best[0] if best else None


def containing_box(boxes: list[BBox], fig: BBox) -> int | None:
    for i, b in enumerate(boxes):
        if b[0] - 2 <= fig[0] and fig[2] <= b[2] + 2 and b[1] - 2 <= fig[1] and fig[3] <= b[3] + 2:
            return i
    return None


def boxes_and_figures(
    page: RawPage, lines: list[Line], tables: list[BBox]
) -> tuple[list[BBox], list[BBox], list[BBox]]:
    """Rectangles holding text are boxes; rectangles and images without text are figures. Returns
    (boxes, figures, the figures drawn with vector paths: their text is their labels)."""
    page_area = page.width * page.height
    cands = []
    rects = [(r.bbox, r.filled, r.fill, r.stroked) for r in _stacked_shadings(page.rects)] + [
        (f, False, None, True) for f in frames(page)
    ]
    for bbox, filled, fill, stroked in rects:
        x0, y0, x1, y1 = bbox
        if any(t[0] - 2 <= x0 and x1 <= t[2] + 2 and t[1] - 2 <= y0 and y1 <= t[3] + 2 for t in tables):
            continue  # header shading and cell frames belong to the table
        w, h = x1 - x0, y1 - y0
        if w < 30 or h < 12 or w * h > 0.85 * page_area:
            continue
        if filled and fill and min(fill) < 0.15 and not stroked:
            continue  # solid dark bars are decoration, not frames
        cands.append(bbox)
    cands = sorted(set(cands))
    boxes, figures = [], []
    for b in cands:
        inside = [ln for ln in lines if containing([b], ln) is not None]
        if inside:
            boxes.append(b)
        elif not any(_covers(b, ln.bbox) for ln in lines):
            figures.append(b)  # a tag whose text runs past its edge is neither: decoration
    for im in page.images:
        if (im[2] - im[0]) > 20 and (im[3] - im[1]) > 20:
            figures.append(tuple(im))
    drawn = drawn_figures(page, lines, tables)
    figures = [f for f in figures if not any(_within(f, d) for d in drawn)] + drawn
    # a framed label inside a diagram (a server's box and its name) is the drawing's, not a box
    boxes = [b for b in boxes if not any(_within(b, d) for d in drawn)]
    # a text box drawn as frame + shading gives two nearly equal rects: keep the outer one
    merged: list[BBox] = []
    for b in sorted(boxes, key=lambda r: -(r[2] - r[0]) * (r[3] - r[1])):
        if not any(
            abs(b[0] - m[0]) < 4 and abs(b[1] - m[1]) < 4 and abs(b[2] - m[2]) < 4 and abs(b[3] - m[3]) < 4
            for m in merged
        ):
            merged.append(b)
    return merged, figures, drawn


# A figure drawn with vector paths (a chart's bars, axes and curves; no image object) is a figure
# as an image is: its pieces standing within DRAWING_GAP (pt) of each other are one drawing, of at
# least DRAWING_MIN_ITEMS pieces (a rule, a frame or a shading is not one) and DRAWING_MIN_SIZE
# (w, h); text inside it is its labels, each no longer than DRAWING_MAX_LABEL characters (a frame
# around prose is a box, not a figure), or in a drawing of many pieces, labels read side by side
# as one line (_labels).
DRAWING_GAP = 6.0
DRAWING_MIN_ITEMS = 3
DRAWING_MIN_SIZE = (30.0, 20.0)
DRAWING_MAX_LABEL = 12
# a rule longer than this share of the page width is a page or column rule, not part of a drawing
DRAWING_MAX_RULE_SHARE = 0.5
# a drawing of this many pieces or more (a diagram of boxes and arrows; a frame is one to four) may
# hold lines longer than DRAWING_MAX_LABEL that the reader joined from labels side by side ("GPU 0
# GPU 1 GPU 2", "轨道1 轨道2 …"): words of at most DRAWING_LABEL_WORD characters, no sentence stop
DRAWING_MANY_ITEMS = 10
DRAWING_LABEL_WORD = 6
_SENTENCE_MARKS = re.compile(r"[。，；：！？.,;:!?]")


def _labels(text: str, pieces: int) -> bool:
    """A line inside a drawing of `pieces` pieces reads as its labels, not as prose."""
    t = text.strip()
    if len(t) <= DRAWING_MAX_LABEL:
        return True
    return (
        pieces >= DRAWING_MANY_ITEMS
        and not _SENTENCE_MARKS.search(t)
        and all(len(w) <= DRAWING_LABEL_WORD for w in t.split())
    )


# a piece no thicker than this (pt) is a rule, not a box
RULE_THICKNESS = 1.5


def rule_grid(page: RawPage, box: BBox) -> bool:
    """A drawing made of rules alone, across and down (the cells of a table the tables stage did not
    read): its text is what the cells hold, not a diagram's labels. A diagram draws boxes, arrows
    or shapes; a chart's bars are filled."""
    pieces = [r.bbox for r in page.rects if _within(r.bbox, box)]
    across = [b for b in pieces if b[3] - b[1] <= RULE_THICKNESS < b[2] - b[0]]
    down = [b for b in pieces if b[2] - b[0] <= RULE_THICKNESS < b[3] - b[1]]
    return bool(across) and bool(down) and len(across) + len(down) == len(pieces)


def _within(inner: BBox, outer: BBox, pad: float = 1.0) -> bool:
    return (
        outer[0] - pad <= inner[0]
        and outer[1] - pad <= inner[1]
        and inner[2] <= outer[2] + pad
        and inner[3] <= outer[3] + pad
    )


def drawn_figures(page: RawPage, lines: list[Line], tables: list[BBox]) -> list[BBox]:
    """Areas of vector drawing (see DRAWING_GAP): figures with no image object."""
    items = [
        r.bbox
        for r in page.rects
        if not any(_within(r.bbox, t, 2.0) for t in tables)
        and r.bbox[2] - r.bbox[0] <= DRAWING_MAX_RULE_SHARE * page.width
    ]
    out = []
    for group in _touching_groups(items, DRAWING_GAP):
        if len(group) < DRAWING_MIN_ITEMS:
            continue
        box = (
            min(b[0] for b in group),
            min(b[1] for b in group),
            max(b[2] for b in group),
            max(b[3] for b in group),
        )
        if box[2] - box[0] < DRAWING_MIN_SIZE[0] or box[3] - box[1] < DRAWING_MIN_SIZE[1]:
            continue
        if box[2] - box[0] > 0.9 * page.width or box[3] - box[1] > 0.9 * page.height:
            continue  # page decoration, a border round the page
        inside = [ln for ln in lines if containing([box], ln) is not None]
        if not all(_labels(ln.text, len(group)) for ln in inside):
            continue
        out.append(box)
    return out


def _covers(rect: BBox, box: BBox) -> bool:
    """Does the rectangle cover most of the text line's box?"""
    w = min(rect[2], box[2]) - max(rect[0], box[0])
    h = min(rect[3], box[3]) - max(rect[1], box[1])
    return w > 0 and h > 0 and w * h > 0.5 * (box[2] - box[0]) * (box[3] - box[1])


def _stacked_shadings(rects: list[Rect]) -> list[Rect]:
    """Shadings of one colour stacked edge to edge at one width are one box: a word processor
    shades each paragraph of a box on its own."""
    out: list[Rect] = []
    # the shadings that may still take one below them, by colour and edges (2 pt buckets, a
    # neighbour's bucket looked at too): a page of vector art draws tens of thousands of
    # rectangles, and comparing each with every one before it took minutes
    near: dict[tuple, list[int]] = {}
    for r in sorted(rects, key=lambda r: (r.bbox[1], r.bbox[0])):
        x0, y0, x1, _ = r.bbox
        shading = r.filled and not r.stroked
        last = None
        if shading:
            keys = [(r.fill, int(x0 // 2) + a, int(x1 // 2) + b) for a in (-1, 0, 1) for b in (-1, 0, 1)]
            for key in keys:
                # swept top to bottom: one ending more than the gap above this top never joins again
                live = [i for i in near.get(key, ()) if out[i].bbox[3] >= y0 - 2]
                if key in near:
                    near[key] = live
                for i in live:
                    o = out[i].bbox
                    if abs(o[0] - x0) < 2 and abs(o[2] - x1) < 2 and -1 <= y0 - o[3] <= 2:
                        last = i if last is None else max(last, i)  # the latest, as before
        if last is None:
            out.append(r)
            if shading:
                near.setdefault((r.fill, int(x0 // 2), int(x1 // 2)), []).append(len(out) - 1)
        else:
            o = out[last]
            out[last] = dataclasses.replace(o, bbox=(*o.bbox[:3], max(o.bbox[3], r.bbox[3])))
    return out


def _thin_rules(page: RawPage) -> list[BBox]:
    return [
        r.bbox
        for r in page.rects
        if ((r.bbox[3] - r.bbox[1]) <= 2.5 and (r.bbox[2] - r.bbox[0]) >= 15)
        or ((r.bbox[2] - r.bbox[0]) <= 2.5 and (r.bbox[3] - r.bbox[1]) >= 8)
    ] + _cell_sides(page)


# Stroked rectangles looked at for cells of a grid, at most (a page of vector art draws thousands)
MAX_STROKED_CELLS = 400
# two stroked rectangles this close (pt) share an edge: cells of one grid
CELL_EDGE_TOLERANCE = 1.0
# cells tile their grid's rectangle: their areas add up to it within this share
CELL_TILING_SLACK = 0.02


def _cell_sides(page: RawPage) -> list[BBox]:
    """The sides of rectangles stroked and not filled that tile a rectangle of at least two rows
    and two columns, each sharing a whole edge with the next (side by side at one height, stacked
    at one width): a table drawn cell by cell as outlined rectangles (a PDF writer's table cells)
    is a grid of rules. A rectangle alone, drawn twice over itself (a photo's frame), or a
    diagram's boxes (stacked in one column, or not filling the rectangle they span) are read as
    they are."""
    cells = [r.bbox for r in page.rects if r.stroked and not r.filled]
    cells = sorted({b for b in cells if b[2] - b[0] > 2.5 and b[3] - b[1] > 2.5})
    if len(cells) < 4 or len(cells) > MAX_STROKED_CELLS:
        return []
    tol = CELL_EDGE_TOLERANCE

    def edge_to_edge(a: BBox, b: BBox) -> bool:
        same_row = abs(a[1] - b[1]) <= tol and abs(a[3] - b[3]) <= tol
        same_col = abs(a[0] - b[0]) <= tol and abs(a[2] - b[2]) <= tol
        side_by_side = min(abs(a[2] - b[0]), abs(b[2] - a[0])) <= tol
        stacked = min(abs(a[3] - b[1]), abs(b[3] - a[1])) <= tol
        return (same_row and side_by_side) or (same_col and stacked)

    groups = connected(cells, edge_to_edge)
    out: list[BBox] = []
    for group in groups:
        x0, y0 = min(b[0] for b in group), min(b[1] for b in group)
        x1, y1 = max(b[2] for b in group), max(b[3] for b in group)
        area = sum((b[2] - b[0]) * (b[3] - b[1]) for b in group)
        rows = {round(b[1] / tol) for b in group}
        cols = {round(b[0] / tol) for b in group}
        if len(rows) < 2 or len(cols) < 2 or abs(area - (x1 - x0) * (y1 - y0)) > CELL_TILING_SLACK * area:
            continue
        for bx0, by0, bx1, by1 in group:
            out += [(bx0, by0, bx1, by0), (bx0, by1, bx1, by1), (bx0, by0, bx0, by1), (bx1, by0, bx1, by1)]
    return out


# a vertical rule this close (pt) to a grid's left or right end closes the grid on that side
GRID_SIDE_TOLERANCE = 3.0


def _rule_grids(thin: list[BBox]) -> list[tuple[BBox, int, bool]]:
    """Connected horizontal + vertical rules: (bbox, number of columns they make, closed: vertical
    rules stand at both its ends). An open grid is horizontal rules with verticals only inside
    them (a three-line table with a rule between two column pairs)."""
    grids = []
    for comp in _touching_groups(thin, tol=2.0):
        horizontal = [b for b in comp if b[3] - b[1] <= 2.5]
        xs = [(b[0] + b[2]) / 2 for b in comp if b[3] - b[1] > 2.5]
        verticals = sorted({round(x / 3) for x in xs})
        if len(horizontal) >= 2 and verticals:
            box = (
                min(b[0] for b in comp),
                min(b[1] for b in comp),
                max(b[2] for b in comp),
                max(b[3] for b in comp),
            )
            closed = min(xs) <= box[0] + GRID_SIDE_TOLERANCE and max(xs) >= box[2] - GRID_SIDE_TOLERANCE
            grids.append((box, len(verticals) - 1, closed))
    return grids


def frames(page: RawPage) -> list[BBox]:
    """Boxes drawn as four rules (a word processor's bordered paragraph) rather than a rectangle:
    a grid of one column is a frame, not a table. Its edges are its own rules: a rule running on
    past its sides (the running head's rule that a box's side, continued from the column before,
    touches at the column's top) is no edge of it, and with it left out the frame must still
    have two rules across."""
    out = []
    for comp in _touching_groups(_thin_rules(page), tol=2.0):
        sides = [b for b in comp if b[3] - b[1] > 2.5]
        if len({round((b[0] + b[2]) / 2 / 3) for b in sides}) != 2:  # one column: _rule_grids' count
            continue
        left, right = min(b[0] for b in sides), max(b[2] for b in sides)
        across = [
            b
            for b in comp
            if b[3] - b[1] <= 2.5
            and b[0] >= left - GRID_SIDE_TOLERANCE
            and b[2] <= right + GRID_SIDE_TOLERANCE
        ]
        if len(across) < 2:
            continue
        own = sides + across
        out.append(
            (min(b[0] for b in own), min(b[1] for b in own), max(b[2] for b in own), max(b[3] for b in own))
        )
    return out


def _joined_horizontals(rules: list[BBox]) -> list[BBox]:
    """A rule drawn cell by cell (an HTML table's collapsed borders) is one rule: horizontal
    segments on one height that touch end to end are joined."""
    flat = sorted((b for b in rules if b[3] - b[1] <= 2.5), key=lambda b: (round((b[1] + b[3]) / 2), b[0]))
    out: list[BBox] = []
    for b in flat:
        last = out[-1] if out else None
        if last and abs((last[1] + last[3]) / 2 - (b[1] + b[3]) / 2) <= 0.5 and b[0] - last[2] <= 2.0:
            out[-1] = (last[0], min(last[1], b[1]), max(last[2], b[2]), max(last[3], b[3]))
        else:
            out.append(b)
    return out + [b for b in rules if b[3] - b[1] > 2.5]


# A table whose top rule falls on the page's head (or foot) rule: the header row under it is at
# most this tall (pt) when the missing rule is taken back from the furniture.
HEADER_ROW_MAX = 40.0
# Rules of one width this close (pt) stack into one table whatever stands between them; further
# apart only under a header (top and mid rule closer than this) with no prose between them.
RULE_STACK_GAP = 80.0
# A line under the rules at least this share of their width is running text, not a row of cells.
PROSE_SHARE = 0.8
# Rules of a rules-only table are at least this share of the page's width: a column of a
# three-column page is 0.24 wide, and a three-line table of two or three short columns inside one
# column of two (参数 | 值) is narrower than its column, about 0.18 of an A4 page
MIN_STACKED_RULE = 0.15


# A title set in a box is at least this many times the size of the smallest text there.
DISPLAY_SIZE = 1.45
# Rows holding cells side by side that make a stack of rules a table whatever else it holds (a
# title area may set a section label and its English side by side: one such row).
MIN_CELL_ROWS = 2


def _display_type_in(lines: list[Line], box: BBox) -> bool:
    """Some text inside box is display type: DISPLAY_SIZE times the smallest text inside it."""
    sizes = [
        ln.size for ln in lines if box[1] < (ln.y0 + ln.y1) / 2 < box[3] and box[0] - 2 <= ln.x0 <= box[2]
    ]
    return bool(sizes) and max(sizes) >= DISPLAY_SIZE * min(sizes)


def _rows_of_cells(lines: list[Line], box: BBox) -> int:
    """How many rows of text inside box hold two or more lines side by side. A stack of rules with
    running text across it or display type in it, and no such row, is no table: an article's title
    area set between rules (a rule under the section's display name, a deck between two rules),
    lines one under the other (an empty form's labels, one a row, in one size, stay a table)."""
    inside = sorted(
        (
            ln
            for ln in lines
            if box[1] < (ln.y0 + ln.y1) / 2 < box[3] and box[0] - 2 <= ln.x0 and ln.x1 <= box[2] + 2
        ),
        key=lambda ln: ln.y0,
    )
    rows: list[list[Line]] = []
    for ln in inside:
        row = next(
            (
                r
                for r in rows
                if min(r[0].y1, ln.y1) - max(r[0].y0, ln.y0) > 0.5 * min(r[0].height, ln.height)
            ),
            None,
        )
        if row is None:
            rows.append([ln])
        else:
            row.append(ln)
    return sum(1 for r in rows if len(r) >= 2)


# A table's part set between two rules alone (its head row on the page before: a three-line
# table's top and bottom rules and no head rule) holds at least this many rows of cells, every
# line in it narrower than BARE_CELL_SHARE of the rules (a column of running text is wider: two
# columns of prose between two rules are no table), and at least BARE_NUMBER_ROWS of its rows
# carry a bare number (a value, as tables print them; prose in three narrow columns does not).
# Its first row may hold one cell alone: the rest of a row the page turn cut (a cell's second line).
BARE_MIN_ROWS = 3
BARE_CELL_SHARE = 0.35
BARE_NUMBER_ROWS = 0.5


# A table drawn with no rule at all, its rows told by shading (a dark head row, every other row
# tinted: "zebra" banding): BANDS_MIN shadings or more of one width (within BAND_EDGE points), each
# one or two rows of text high (at most HEADER_ROW_MAX), each holding text, stacked at most one
# row's height apart (BAND_GAP times the taller), with MIN_CELL_ROWS rows of cells side by side.
# The unshaded row after the last band, a band's gap high, is the table's when cells stand there.
BANDS_MIN = 2
BAND_EDGE = 2.0
BAND_GAP = 1.5
BAND_MIN_HEIGHT = 6.0


def _banded_areas(page: RawPage) -> list[BBox]:
    """Areas of tables whose rows are shaded bands (no rules)."""
    cells = sorted(
        (
            r.bbox
            for r in page.rects
            if r.filled and not r.stroked and BAND_MIN_HEIGHT <= r.bbox[3] - r.bbox[1] <= HEADER_ROW_MAX
        ),
        key=lambda b: (round(b[1]), round(b[3]), b[0]),
    )
    # a band painted cell by cell (each cell's shading its own rectangle) is one band
    rows: list[BBox] = []
    for b in cells:
        last = rows[-1] if rows else None
        if last and abs(last[1] - b[1]) <= 1 and abs(last[3] - b[3]) <= 1 and -1 <= b[0] - last[2] <= 1:
            rows[-1] = (last[0], last[1], b[2], last[3])
        else:
            rows.append(b)
    fills = sorted((b for b in rows if b[2] - b[0] >= MIN_STACKED_RULE * page.width), key=lambda b: b[1])

    def holds_text(b: BBox) -> bool:
        return any(
            b[1] <= (ln.y0 + ln.y1) / 2 <= b[3] and b[0] - 1 <= ln.x0 and ln.x1 <= b[2] + 1
            for ln in page.lines
        )

    runs: list[list[BBox]] = []
    for b in fills:
        if not holds_text(b):
            continue
        run = next(
            (
                r
                for r in runs
                if abs(r[-1][0] - b[0]) <= BAND_EDGE
                and abs(r[-1][2] - b[2]) <= BAND_EDGE
                and -1 <= b[1] - r[-1][3] <= BAND_GAP * max(b[3] - b[1], r[-1][3] - r[-1][1])
            ),
            None,
        )
        if run is None:
            runs.append([b])
        else:
            run.append(b)
    out = []
    for run in runs:
        if len(run) < BANDS_MIN:
            continue
        x0, x1 = min(b[0] for b in run), max(b[2] for b in run)
        gaps = sorted(b[1] - a[3] for a, b in itertools.pairwise(run) if b[1] - a[3] > 1)
        y1 = run[-1][3]
        if gaps:
            after = (x0, y1, x1, y1 + gaps[len(gaps) // 2])
            if _rows_of_cells(page.lines, after) >= 1:  # cells side by side, not a note across
                y1 = after[3]
        box = (x0, run[0][1], x1, y1)
        if _rows_of_cells(page.lines, box) >= MIN_CELL_ROWS:
            out.append(box)
    return out


def _bare_pairs(stacks: list[list[BBox]]) -> list[tuple[BBox, BBox]]:
    """Two rules of one width with no other between them, each a stack of its own (too far apart
    to stack): the top and bottom rules of a table's part with no head rule."""
    single = sorted((g[0] for g in stacks if len(g) == 1), key=lambda b: b[1])
    return [(a, b) for a, b in itertools.pairwise(single) if abs(a[0] - b[0]) < 6 and abs(a[2] - b[2]) < 6]


def _bare_rows(lines: list[Line], box: BBox) -> bool:
    """box holds only rows of cells (BARE_MIN_ROWS or more, two cells or more side by side),
    each line narrower than BARE_CELL_SHARE of its width, and enough rows carry a bare number."""
    inside = [
        ln
        for ln in lines
        if box[1] < (ln.y0 + ln.y1) / 2 < box[3] and box[0] - 2 <= ln.x0 and ln.x1 <= box[2] + 2
    ]
    if not inside or any(ln.width > BARE_CELL_SHARE * (box[2] - box[0]) for ln in inside):
        return False
    rows = visual_rows(inside)
    numbered = sum(any(_BARE_NUMBER.fullmatch(ln.text.strip()) for ln in r) for r in rows)
    return (
        len(rows) >= BARE_MIN_ROWS
        and all(len(r) >= 2 for r in rows[1:])
        and numbered >= BARE_NUMBER_ROWS * len(rows)
    )


# A caption's number and its words may stand this many of their ems apart on one row (a table's
# cells stand further apart, in columns).
CAPTION_PIECE_GAP_EM = 3.0


def table_areas(page: RawPage, ignore: list[int] = (), captions: list[str] = ()) -> list[BBox]:
    """Where a ruled table sits (pdfplumber reads it later): a connected grid of horizontal and
    vertical rules, or a stack of long horizontal rules of one width (tables without verticals).
    Horizontal rules at the heights in `ignore` (the page's head and foot rules) are furniture,
    unless a two-rule stack of the same width needs one as its top rule (a three-line table set
    right under the head rule). A line matching one of `captions` (a table's caption, 表 2 …) alone
    on its row between two rules parts them: the next table, stacked under the last in one column,
    begins there."""

    def at_ignored(b: BBox) -> bool:
        return b[3] - b[1] <= 2.5 and any(abs((b[1] + b[3]) / 2 - y) <= 1.5 for y in ignore)

    every = _thin_rules(page)
    thin = [b for b in every if not at_ignored(b)]
    grids = _rule_grids(thin)
    areas = [box for box, columns, _ in grids if columns >= 2 and box[2] - box[0] >= 0.2 * page.width]
    # rules of a grid or frame are not a rules-only table; an open grid's are (three rules and a
    # vertical between two column pairs: its single vertical makes no grid of columns)
    framed = [box for box, columns, closed in grids if closed or box in areas]

    def long_rules(rules: list[BBox]) -> list[BBox]:
        return sorted(
            {
                b
                for b in _joined_horizontals(rules)
                if b[3] - b[1] <= 2.5
                and b[2] - b[0] > MIN_STACKED_RULE * page.width
                and not any(
                    f[0] - 2 <= b[0] and b[2] <= f[2] + 2 and f[1] - 2 <= b[1] <= f[3] + 2 for f in framed
                )
            },
            key=lambda b: b[1],
        )

    long_h = long_rules(thin)
    furniture_rules = [b for b in long_rules([b for b in every if at_ignored(b)]) if b not in long_h]

    def spanned(top: float, bottom: float, x0: float, x1: float) -> bool:
        """Prose runs across the rules' width between them: a line under the rules (most of it
        within their span, so the other column's running text beside a table in one column is
        not) as wide as PROSE_SHARE of them."""
        width = x1 - x0
        return any(
            top < ln.y0
            and ln.y1 < bottom
            and ln.width > PROSE_SHARE * width
            and min(ln.x1, x1) - max(ln.x0, x0) > 0.5 * ln.width
            for ln in page.lines
        )

    cap_res = [re.compile(p) for p in captions]

    def one_run(row: list[Line]) -> bool:
        """The pieces of a row follow each other closer than CAPTION_PIECE_GAP_EM: one text (a
        caption's number and its words set apart), not cells standing in columns."""
        row = sorted(row, key=lambda ln: ln.x0)
        return all(b.x0 - a.x1 <= CAPTION_PIECE_GAP_EM * a.size for a, b in zip(row, row[1:], strict=False))

    def captioned(top: float, bottom: float, x0: float, x1: float) -> bool:
        """A caption stands between the rules (centred within their span), its row one text (a
        cell that names a table has cells beside it): the next table begins under it."""
        between = [
            ln for ln in page.lines if top < ln.y0 and ln.y1 < bottom and x0 <= (ln.x0 + ln.x1) / 2 <= x1
        ]
        return any(
            any(r.match(ln.text) for r in cap_res)
            and one_run([o for o in between if o.y0 < ln.y1 and o.y1 > ln.y0])
            for ln in between
        )

    # rules of one width, top down: the rules of a table in the other column, or a table's shorter
    # rules under a merged header (booktabs' \cmidrule), stand between them without parting them
    widths: list[list[BBox]] = []
    for b in long_h:
        group = next((g for g in widths if abs(g[0][0] - b[0]) < 6 and abs(g[0][2] - b[2]) < 6), None)
        if group is None:
            widths.append([b])
        else:
            group.append(b)
    stacks: list[list[BBox]] = []
    for same_width in widths:
        run: list[list[BBox]] = []
        for b in same_width:
            last = run[-1][-1] if run else None
            # a booktabs table: top and mid rules close around the header, the bottom rule as far
            # below as the table is long; only rows of cells, no running text, stand between them
            headed = last is not None and len(run[-1]) >= 2 and run[-1][1][1] - run[-1][0][3] < RULE_STACK_GAP
            if (
                last
                and (b[1] - last[3] < RULE_STACK_GAP or headed and not spanned(last[3], b[1], b[0], b[2]))
                and not captioned(last[3], b[1], b[0], b[2])
            ):
                run[-1].append(b)
            else:
                run.append([b])
        stacks += run
    areas += _banded_areas(page)
    for a, b in _bare_pairs(stacks):
        box = (min(a[0], b[0]), a[1], max(a[2], b[2]), b[3])
        if not spanned(a[3], b[1], box[0], box[2]) and _bare_rows(page.lines, box):
            areas.append(box)
    for group in stacks:
        if len(group) == 2 and not spanned(group[0][3], group[1][1], group[0][0], group[0][2]):
            top = [
                f
                for f in furniture_rules
                if abs(f[0] - group[0][0]) < 6
                and abs(f[2] - group[0][2]) < 6
                and 0 < group[0][1] - f[3] < HEADER_ROW_MAX
            ]
            group[:0] = top[-1:]
        if len(group) >= 3:
            box = (min(g[0] for g in group), group[0][1], max(g[2] for g in group), group[-1][3])
            if _rows_of_cells(page.lines, box) >= MIN_CELL_ROWS or not (
                spanned(box[1], box[3], box[0], box[2]) or _display_type_in(page.lines, box)
            ):
                areas.append(box)
    return [
        b
        for grp in _touching_groups(areas, tol=1.0)
        for b in [
            (min(x[0] for x in grp), min(x[1] for x in grp), max(x[2] for x in grp), max(x[3] for x in grp))
        ]
    ]


_DIGIT = re.compile(r"\d")


_BARE_NUMBER = re.compile(r"[\d.,，%]+")


def aligned_table_areas(lines: list[Line], body: float, rules: Rules) -> list[BBox]:
    """Where a table set without any rule sits: a run of rows (lines on one baseline) of at least
    three cells apart by a real gap, whose cells stand in the same columns row after row (left,
    right or centre aligned), mostly short, one column mostly numbers, all in one type size.
    Lines as wide as running text and in its type (prose) never belong to one, so neither body
    text in columns nor a contents page nor a masthead's lists of names make a table."""
    cfg = rules.get("tables", "aligned", default=None) or {}
    min_rows = int(cfg.get("min_rows", 3))
    min_cols = int(cfg.get("min_columns", 3))
    gap_em = float(cfg.get("min_gap_em", 1.2))
    short_chars = int(cfg.get("short_cell_chars", 10))
    min_short = float(cfg.get("min_short_share", 0.5))
    min_numeric = float(cfg.get("min_numeric_share", 0.6))
    texts = [ln for ln in lines if len(ln.text.strip()) >= 10 and abs(ln.size - body) < 0.15 * body]
    prose_w = 0.8 * median(ln.width for ln in texts) if len(texts) >= 5 else float("inf")
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.y1, ln.x0)):
        if rows and abs(rows[-1][0].y1 - ln.y1) < 0.35 * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    cells_of: list[list[Line]] = []  # each row's cells: lines closer than the gap are one cell
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        cells: list[Line] = []
        for ln in row:
            if cells and ln.x0 - cells[-1].x1 < gap_em * ln.size:
                cells[-1] = cells[-1].joined(ln, join_text(cells[-1].text, ln.text))
            else:
                cells.append(ln)
        cells_of.append(cells)

    def prose(c: Line) -> bool:
        # running text is set at the body's size: a table in smaller type may have cells wider
        # than a narrow column's lines (a policy's name on a page of three columns)
        return c.width >= prose_w and abs(c.size - body) < 0.15 * body

    def matches(ln: Line, col: list[Line], tol: float) -> bool:
        x0 = median(c.x0 for c in col)
        x1 = median(c.x1 for c in col)
        cx = median((c.x0 + c.x1) / 2 for c in col)
        return abs(ln.x0 - x0) <= tol or abs(ln.x1 - x1) <= tol or abs((ln.x0 + ln.x1) / 2 - cx) <= tol

    areas: list[BBox] = []
    i = 0
    while i < len(rows):
        seed = cells_of[i]
        if len(seed) < min_cols or any(prose(c) for c in seed):
            i += 1
            continue
        cols: list[list[Line]] = [[c] for c in seed]
        table_rows = [i]
        j = i + 1
        while j < len(rows):
            lo, hi = min(c.x0 for c in cols[0]) - body, max(c.x1 for c in cols[-1]) + body
            inside = [c for c in cells_of[j] if c.x1 > lo and c.x0 < hi]
            if not inside:
                j += 1
                continue
            last = rows[table_rows[-1]]
            if min(c.y0 for c in inside) - max(c.y1 for c in last) > 1.2 * inside[0].size:
                break
            if any(prose(c) for c in inside):
                break
            tol = 0.5 * inside[0].size
            placed, k = [], 0
            for c in inside:
                while k < len(cols) and not matches(c, cols[k], tol):
                    k += 1
                if k == len(cols):
                    break
                placed.append((k, c))
                k += 1
            if len(placed) < len(inside) or len(placed) < 2:
                break
            for k, c in placed:
                cols[k].append(c)
            table_rows.append(j)
            j += 1
        cells = [c for col in cols for c in col]
        ids = {id(c) for c in cells}
        full = [r for r in table_rows if sum(id(c) in ids for c in cells_of[r]) >= min_cols]
        if len(full) >= min_rows and _table_like(cols, seed, short_chars, min_short, min_numeric):
            pad = 0.3 * body  # glyph boxes of another reader (pdfplumber) reach a little further
            areas.append(
                (
                    min(c.x0 for c in cells) - pad,
                    min(c.y0 for c in cells) - pad,
                    max(c.x1 for c in cells) + pad,
                    max(c.y1 for c in cells) + pad,
                )
            )
            i = j
        else:
            i += 1
    return areas


def _table_like(
    cols: list[list[Line]], header: list[Line], short_chars: int, min_short: float, min_numeric: float
) -> bool:
    cells = [c for col in cols for c in col]
    sizes = [c.size for c in cells]
    if max(sizes) > 1.15 * min(sizes):
        return False  # a contents page or a masthead mixes type sizes; a table does not
    if re.fullmatch(_BARE_NUMBER, header[0].text.strip()):
        return False  # a row opening with a bare number is a contents entry (page, title), not a header
    short = sum(len(re.sub(r"\s", "", c.text)) <= short_chars for c in cells)
    if short < min_short * len(cells):
        return False
    body_rows = [col[1:] for col in cols]
    return any(
        col and sum(bool(_DIGIT.search(c.text)) for c in col) >= min_numeric * len(col) for col in body_rows
    )


# An item meeting more grid cells than this (a frame, a page's background: thousands of cells of
# a tolerance's side) is not put in the grid but tried against every item; such items are few.
MAX_ITEM_CELLS = 64


def connected(
    items: list[T],
    linked: Callable[[T, T], bool],
    cells: Callable[[T], Iterable[tuple[int, int]]] | None = None,
) -> list[list[T]]:
    """Connected components of items under linked (union-find): each in item order, the
    components in the order of their first item.

    Without `cells` every pair is tried. With `cells` (the grid cells an item occupies, such that
    two items sharing a cell are linked and two linked items occupy the same or neighbouring
    cells), the items of a cell are joined at once and two neighbouring cells are tried only
    until one pair links them (an item meeting more than MAX_ITEM_CELLS cells is tried against
    every item instead): a page of vector art holds tens of thousands of pieces, and
    trying every pair of them took minutes."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if cells is None:
        for i, a in enumerate(items):
            for j in range(i + 1, len(items)):
                if linked(a, items[j]):
                    parent[find(i)] = find(j)
    else:
        grid: dict[tuple[int, int], list[int]] = {}
        big: list[int] = []
        for i, a in enumerate(items):
            occupied = list(itertools.islice(cells(a), MAX_ITEM_CELLS + 1))
            if len(occupied) > MAX_ITEM_CELLS:
                big.append(i)
                continue
            for cell in occupied:
                members = grid.setdefault(cell, [])
                if members:
                    parent[find(i)] = find(members[0])
                members.append(i)
        for (gx, gy), members in grid.items():
            for near in ((gx + 1, gy), (gx - 1, gy + 1), (gx, gy + 1), (gx + 1, gy + 1)):
                others = grid.get(near)
                if not others or find(members[0]) == find(others[0]):
                    continue
                if any(linked(items[a], items[b]) for a in members for b in others):
                    parent[find(members[0])] = find(others[0])
        for i in big:  # few: a page's frames and backgrounds
            for j, b in enumerate(items):
                if j != i and find(i) != find(j) and linked(items[i], b):
                    parent[find(i)] = find(j)
    groups: dict[int, list[T]] = {}
    for i, a in enumerate(items):
        groups.setdefault(find(i), []).append(a)
    return list(groups.values())


def _touching_groups(boxes: list[BBox], tol: float) -> list[list[BBox]]:
    """Connected components of boxes that touch or overlap (within tol). Indexed by a grid of
    cells of side tol: two boxes meeting one cell are within tol of each other, and two boxes
    within tol meet cells at most one apart."""

    return connected(boxes, touching(tol), cells=grid_cells(tol) if tol > 0 else None)


def touching(tol: float) -> Callable[[BBox, BBox], bool]:
    """Do two boxes touch or overlap, within tol?"""
    return lambda a, b: (
        a[0] - tol <= b[2] and b[0] - tol <= a[2] and a[1] - tol <= b[3] and b[1] - tol <= a[3]
    )


def grid_cells(side: float) -> Callable[[BBox], Iterator[tuple[int, int]]]:
    """The cells of a grid of the given side that a box meets."""

    def cells(b: BBox) -> Iterator[tuple[int, int]]:
        for gx in range(math.floor(b[0] / side), math.floor(b[2] / side) + 1):
            for gy in range(math.floor(b[1] / side), math.floor(b[3] / side) + 1):
                yield gx, gy

    return cells


def _first_under(ln: Line, fig: BBox, lines: list[Line]) -> bool:
    """The first line under the figure, a little further down (a picture fitted into a taller
    frame leaves white under it): nothing stands between them."""
    gap = ln.y0 - fig[3]
    return 0 <= gap <= 6 * ln.size and not any(
        o is not ln and fig[3] - 1 <= o.y0 < ln.y0 and o.x0 < fig[2] and o.x1 > fig[0] for o in lines
    )


def _flush_left_under(ln: Line, fig: BBox, lines: list[Line], figures: list[BBox]) -> bool:
    """A short line under a narrow photo, flush left where the photo is centred: nothing stands
    beside the photo on its left (no text of another column, no other photo), so the line can
    only be its caption."""
    beside = [o.bbox for o in lines if o is not ln] + [f for f in figures if f != fig]
    return not any(b[1] < fig[3] and b[3] > fig[1] and b[2] > ln.x0 and b[0] < fig[0] for b in beside)


# How far under a caption line (in its type's size) the next caption may begin when it opens with
# a caption's number: a figure's own caption under the captions of its parts.
NUMBERED_CAPTION_GAP = 1.5
# How far under a caption line its next line may begin: 0.6 of the type's size, or, when the line
# runs to the figure's right edge (within FULL_LINE_EM), ends no sentence and the next line starts
# flush under it, as far as a loose leading puts it (a caption at 1.7 times its size: Typst's
# captions at the body's leading).
CAPTION_LINE_GAP = 0.6
FULL_CAPTION_LINE_GAP = 1.2
FULL_LINE_EM = 1.5


# A caption set BESIDE its figure (a margin or side column, the ReportLab rendition's house style):
# each of its lines lies within a strip along the figure's edge as wide as SIDE_COLUMN_SHARE of the
# body's column width (the median width of body-size lines; the figure's width when the page has
# fewer than SIDE_MIN_BODY_LINES of them) plus a gutter of SIDE_GAP_EM of the line's size, so that
# a short line of a ragged column still counts; nothing stands between it and the figure; its
# first line's top (or last line's bottom) is within SIDE_EDGE_EM of the figure's top (bottom),
# and the stack ends within SIDE_PAST_EM under the figure's foot (a column of text beside a
# figure runs on past it, a caption does not).
SIDE_GAP_EM = 4.0
SIDE_EDGE_EM = 1.5
SIDE_PAST_EM = 0.5
SIDE_COLUMN_SHARE = 0.5
SIDE_MIN_BODY_LINES = 5
# Small text starting within this many of its ems under a figure's foot is that figure's caption,
# whatever stands beside it: it wins over a caption beside the figure (which is then left in the
# flow, warned), and it is no caption beside another figure.
TIGHT_UNDER_EM = 1.0
# A caption carried to the next column's top (_carried_caption) starts within this many of its
# ems under the page's highest line: it opens the column (a column set lower, under a heading
# across the page, is no column top).
CARRIED_TOP_EM = 2.5


@dataclasses.dataclass(frozen=True)
class CaptionDoubt:
    """A caption decision made on evidence that disagrees: what was decided, and where (the layout
    stage raises it as a caption_doubtful warning with its page)."""

    message: str
    bbox: BBox


def find_captions(
    lines: list[Line], figures: list[BBox], body: float, rules: Rules, page_area: float | None = None
) -> tuple[list[list[Line]], list[CaptionDoubt]]:
    """Small lines right under a figure (or over it, when nothing is under it) that overlap it
    horizontally, or, under a narrow centred photo, start flush left and stop short of it (a
    word processor's caption), or set beside it in a narrow side column (_side_caption); a
    caption belongs to one figure only. On a photo page (page_area given: _photo_page_caption)
    the few lines at the photo's edge are its caption whatever their size and number. With the
    decisions that were doubtful."""
    photo = _photo_page_caption(lines, figures, page_area) if page_area else None
    if photo:
        return _by_number(photo, rules), []
    # a byline set under a photo at the article's end ("作者：…") reads as the publication's byline
    pat = rules.get("academic", "caption_pattern") or rules.get("tables", "caption_pattern")
    credit = tuple(rules.markers("credit"))
    small = [
        ln
        for ln in lines
        if (
            ln.size < body * 0.96
            or _display_caption(ln, body, pat)
            or _numbered_under(ln, figures, pat, lines)
        )
        and not is_section_label(ln.text, rules)
        and not any(p.match(ln.text.strip()) for p in rules.byline_res)
    ]
    used: set[int] = set()
    caps: list[list[Line]] = []
    doubts: list[CaptionDoubt] = []
    for fig in sorted(figures, key=lambda f: (f[1], f[0])):
        over = [
            ln
            for ln in small
            if id(ln) not in used
            and ln.x0 < fig[2]
            and (ln.x1 > fig[0] or _flush_left_under(ln, fig, lines, figures))
        ]
        below = sorted(
            (ln for ln in over if -3 <= ln.y0 - fig[3] <= 3.2 * ln.size or _first_under(ln, fig, lines)),
            key=lambda ln: ln.y0,
        )
        above = sorted((ln for ln in over if -3 <= fig[1] - ln.y1 <= 2.0 * ln.size), key=lambda ln: -ln.y0)
        side, doubt = _side_caption(fig, [ln for ln in small if id(ln) not in used], lines, figures, body)
        tight = any(_tight_under(ln, fig, lines, figures) for ln in below)
        if side and (doubt is None or not (below or above)) and not tight:
            # beside, level with an edge: the caption, whatever small text stands under or over
            # the figure (a byline right-aligned under the photo is left in the flow, warned);
            # level with neither edge: taken only when nothing under or over could be the caption
            if below or above:
                o = below[0] if below else above[0]
                doubts.append(CaptionDoubt("small text under or over a figure captioned beside it", o.bbox))
            doubts += [doubt] if doubt else []
            used.update(id(ln) for ln in side)
            caps += _by_number(side, rules)
            continue
        if side and tight:
            doubts.append(CaptionDoubt("small text beside a figure captioned right under it", _union(side)))
        if not (below or above):
            carried = _carried_caption(fig, [ln for ln in small if id(ln) not in used], lines, figures)
            if carried:
                doubts.append(
                    CaptionDoubt(
                        "caption carried to the next column's top, its figure ending the column before",
                        _union(carried),
                    )
                )
                used.update(id(ln) for ln in carried)
                caps += _by_number(carried, rules)
            continue
        group = [below[0] if below else above[0]]
        if not below:  # a caption over its picture: its first lines stand above its last one
            group = _caption_lines_up(group[0], over)
        for ln in sorted(over, key=lambda ln: ln.y0):  # follow a multi-line caption downwards
            last = group[-1]
            # the figure's numbered caption under its parts' captions ("(d) Dragonfly" / "图2 …")
            # may stand further down than a caption's next line
            full = (
                last.x1 >= fig[2] - FULL_LINE_EM * last.size
                and abs(ln.x0 - last.x0) <= last.size  # the next line flush under it, not another caption
                and not ends_with_stop(last.text, SENTENCE_STOPS)
            )
            reach = (
                NUMBERED_CAPTION_GAP
                if pat and re.match(pat, ln.text)
                else FULL_CAPTION_LINE_GAP
                if full
                else CAPTION_LINE_GAP
            )
            if ln.y0 > last.y0 and ln.y0 - last.y1 < reach * ln.size and abs(ln.size - group[0].size) < 0.6:
                group.append(ln)
        group += [  # the rest of each row: a caption's number and its text set apart by a gap,
            # or a credit set on the caption's baseline further off, right-aligned within the figure
            o
            for o in small
            if id(o) not in used
            and all(o is not g for g in group)
            and any(
                abs(o.y1 - g.y1) < 0.3 * g.size
                and (
                    0 <= o.x0 - g.x1 <= 3 * g.size
                    or (
                        o.x0 >= g.x1
                        and o.x1 <= fig[2] + g.size
                        and abs(o.size - g.size) < 0.6
                        and o.text.strip().lstrip(CREDIT_OPENERS).startswith(credit)
                    )
                )
                for g in group
            )
        ]
        group += [  # a bare label's text set a quad or more after it in the body's size ("图 1 | 花":
            # LaTeX's \quad between them cut the row in two; the label, numbered under its figure,
            # was taken and its text left in the flow, cutting the paragraph that goes on after it)
            o
            for o in lines
            if id(o) not in used
            and all(o is not g for g in group)
            and any(
                _bare_label(g.text, pat)
                and _row_after(g, o)
                and o.x1 <= fig[2] + g.size  # under the figure still, not the next column's line
                for g in group
            )
        ]
        group = _reading_rows(group)
        used.update(id(ln) for ln in group)
        caps += _by_number(group, rules)
    return caps, doubts


def _bare_label(text: str, pattern: str | None) -> bool:
    """A caption's label and number alone on their line ("图 1"), its text set apart."""
    t = text.strip()
    m = re.match(pattern, t) if pattern else None
    return m is not None and not t[m.end() :].strip()


def _carried_caption(fig: BBox, small: list[Line], lines: list[Line], figures: list[BBox]) -> list[Line]:
    """A caption a word processor carried over to the top of the next column (the figure filled
    its column's foot, the caption paragraph after it did not fit): the figure has no caption of
    its own and nothing stands under it in its column; the small lines open the next column to its
    right (within a figure's width of its edge), start within CARRIED_TOP_EM of the page's highest
    line with nothing over them, and do not run on into more small text (a reference list set
    small). Empty when any of it fails."""
    if not lines or any(o.y0 >= fig[3] - 1 and o.x0 < fig[2] and o.x1 > fig[0] for o in lines):
        return []  # text under the figure in its column: the column goes on after it
    top = min(o.y0 for o in lines)
    starts = [
        ln
        for ln in small
        if fig[2] <= ln.x0 <= fig[2] + (fig[2] - fig[0])
        and ln.y0 - top <= CARRIED_TOP_EM * ln.size
        and not any(o is not ln and o.y1 <= ln.y0 + 1 and o.x0 < ln.x1 and o.x1 > ln.x0 for o in lines)
        and not any(f[3] <= ln.y0 + 1 and f[0] < ln.x1 and f[2] > ln.x0 for f in figures)
    ]
    if not starts:
        return []
    group = [min(starts, key=lambda ln: (ln.x0, ln.y0))]
    for ln in sorted(small, key=lambda ln: ln.y0):  # its next lines, as close as a caption's
        last = group[-1]
        if (
            ln.y0 > last.y0
            and ln.y0 - last.y1 < CAPTION_LINE_GAP * ln.size
            and abs(ln.size - last.size) < 0.6
            and ln.x0 < last.x1
            and ln.x1 > last.x0
        ):
            group.append(ln)
    return [] if _runs_on(group, small) else group


# A photo page: one picture covering at least PHOTO_PAGE_SHARE of the page, and no text on the
# page (its running head and folio aside) but at most PHOTO_CAPTION_MAX_LINES lines of one type
# size (within PHOTO_CAPTION_SIZE_TOL pt) stacked at the picture's edge, under or over it and
# within its width, none set on the picture. They are its caption, whatever their size (display
# type on a white band, or the body's size) and whether numbered or not. Type set ON the picture
# (a slogan, an advertisement's display type), several sizes or more lines are no caption: the page
# is a poster, an advertisement or an opener, read as such.
PHOTO_PAGE_SHARE = 0.5
PHOTO_CAPTION_MAX_LINES = 3
PHOTO_CAPTION_SIZE_TOL = 0.6
# the first line begins within this many of its ems from the picture's edge, the next ones within
# FULL_CAPTION_LINE_GAP of the line before
PHOTO_CAPTION_REACH_EM = 3.2


def _photo_page_caption(lines: list[Line], figures: list[BBox], page_area: float) -> list[Line] | None:
    """The caption of a photo page (see PHOTO_PAGE_SHARE), in reading order; None when the page
    is no photo page or its text is no caption."""
    big = [f for f in figures if (f[2] - f[0]) * (f[3] - f[1]) >= PHOTO_PAGE_SHARE * page_area]
    if len(big) != 1 or not lines or len(lines) > PHOTO_CAPTION_MAX_LINES:
        return None
    fig = big[0]
    size = lines[0].size
    if any(abs(ln.size - size) > PHOTO_CAPTION_SIZE_TOL or ln.vertical for ln in lines):
        return None
    if not all(ln.x0 < fig[2] and ln.x1 > fig[0] for ln in lines):
        return None  # beside the picture: a column of text, no caption under or over it
    stack = sorted(lines, key=lambda ln: ln.y0)
    under, over = stack[0].y0 >= fig[3] - 1, stack[-1].y1 <= fig[1] + 1
    if not (under or over):
        return None  # type set on the picture
    edge = stack[0].y0 - fig[3] if under else fig[1] - stack[-1].y1
    if edge > PHOTO_CAPTION_REACH_EM * size:
        return None
    if any(b.y0 - a.y1 > FULL_CAPTION_LINE_GAP * size for a, b in itertools.pairwise(stack)):
        return None
    return _reading_rows(stack)


# A photo page (a full-page photo, its caption alone at its foot) may set its caption larger than
# the body: a line that larger, numbered as a caption (图5 …) and ending no sentence, is a caption
# candidate as small text is (body text set at the body's size never is, whatever it opens with)
DISPLAY_CAPTION_SIZE = 1.04


def _display_caption(ln: Line, body: float, pattern: str | None) -> bool:
    return bool(
        pattern
        and ln.size > body * DISPLAY_CAPTION_SIZE
        and re.match(pattern, ln.text)
        and not ends_with_stop(ln.text, SENTENCE_STOPS)
    )


# A numbered caption may be set in the body's size: a line opening with a caption's number and
# ending no sentence, centred on a figure (its centre within CENTRED_EM of its ems of the figure's,
# narrower than it) right under its foot (within TIGHT_UNDER_EM) is a caption candidate as small
# text is. A paragraph that mentions a figure first (图3显示……) runs the column's measure, not
# centred under a picture, and a one-line one ends its sentence.
CENTRED_EM = 1.0


def _numbered_under(ln: Line, figures: list[BBox], pattern: str | None, lines: list[Line] = ()) -> bool:
    if not pattern or not re.match(pattern, ln.text) or ends_with_stop(ln.text, SENTENCE_STOPS):
        return False
    x0, x1 = ln.x0, ln.x1
    if _bare_label(ln.text, pattern):
        # the label's text set a quad or more after it, a line of its own on its row: the caption
        # is centred as a whole, not its label
        x1 = max([x1, *(o.x1 for o in lines if _row_after(ln, o))])
    mid = (x0 + x1) / 2
    return any(
        0 <= ln.y0 - f[3] <= TIGHT_UNDER_EM * ln.size
        and abs(mid - (f[0] + f[2]) / 2) <= CENTRED_EM * ln.size
        and x1 - x0 < f[2] - f[0]
        for f in figures
    )


def _row_after(label: Line, o: Line) -> bool:
    """o stands on label's row right after it, a quad to three ems off, in its size: its text."""
    return (
        o is not label
        and abs(o.y1 - label.y1) < 0.3 * label.size
        and 0 <= o.x0 - label.x1 <= 3 * label.size
        and abs(o.size - label.size) < 0.6
    )


def _caption_lines_up(last: Line, over: list[Line]) -> list[Line]:
    """A caption set over its figure, from the line nearest the figure up: each line above it in
    the same type, as close as a caption's next line stands (CAPTION_LINE_GAP), and not closing a
    sentence (a caption's last line of the text above is no line of this caption)."""
    group = [last]
    while True:
        top = group[0]
        up = [
            ln
            for ln in over
            if all(ln is not g for g in group)
            and ln.y1 <= top.y0 + 1
            and top.y0 - ln.y1 < CAPTION_LINE_GAP * top.size
            and abs(ln.size - top.size) < 0.6
            and not ends_with_stop(ln.text, SENTENCE_STOPS)
        ]
        if not up:
            return group
        group.insert(0, max(up, key=lambda ln: ln.y1))


def _union(group: list[Line]) -> BBox:
    return (
        min(ln.x0 for ln in group),
        min(ln.y0 for ln in group),
        max(ln.x1 for ln in group),
        max(ln.y1 for ln in group),
    )


def _beside(ln: Line, fig: BBox, column: float) -> int:
    """-1 left of the figure, 1 right of it, 0 neither: within the strip along its edge (see
    SIDE_GAP_EM), starting within its height."""
    if not fig[1] - SIDE_EDGE_EM * ln.size <= ln.y0 < fig[3]:
        return 0
    strip = SIDE_COLUMN_SHARE * column + SIDE_GAP_EM * ln.size
    if ln.x1 <= fig[0] and fig[0] - ln.x0 <= strip:
        return -1
    if ln.x0 >= fig[2] and ln.x1 - fig[2] <= strip:
        return 1
    return 0


def _nothing_between(ln: Line, fig: BBox, lines: list[Line], figures: list[BBox]) -> bool:
    """No other line or figure stands level with the line in the gap between it and the figure."""
    x0, x1 = (ln.x1, fig[0]) if ln.x1 <= fig[0] else (fig[2], ln.x0)
    others = [o.bbox for o in lines if o is not ln] + [f for f in figures if f != fig]
    return not any(b[1] < ln.y1 and b[3] > ln.y0 and b[0] < x1 - 0.5 and b[2] > x0 + 0.5 for b in others)


def _tight_under(ln: Line, fig: BBox, lines: list[Line], figures: list[BBox]) -> bool:
    """The line stands right under the figure (within TIGHT_UNDER_EM of its foot), over its width
    or flush left under it: that figure's caption, not a caption beside another one."""
    return (
        0 <= ln.y0 - fig[3] <= TIGHT_UNDER_EM * ln.size
        and ln.x0 < fig[2]
        and (ln.x1 > fig[0] or _flush_left_under(ln, fig, lines, figures))
    )


def _runs_on(group: list[Line], small: list[Line]) -> bool:
    """Another small line of the same size runs on from the group at a line's distance, above its
    first line or under its last, over its width: the group is part of a longer text set small (a
    reference list in the next column), not a caption standing on its own."""
    top, bottom = group[0], group[-1]
    x0, x1 = min(ln.x0 for ln in group), max(ln.x1 for ln in group)
    return any(
        all(o is not g for g in group)
        and abs(o.size - top.size) < 0.6
        and o.x0 < x1
        and o.x1 > x0
        and (
            0 <= top.y0 - o.y1 < CAPTION_LINE_GAP * top.size
            or 0 <= o.y0 - bottom.y1 < CAPTION_LINE_GAP * top.size
        )
        for o in small
    )


def _side_caption(
    fig: BBox, small: list[Line], lines: list[Line], figures: list[BBox], body: float
) -> tuple[list[Line], CaptionDoubt | None]:
    """The caption in a side column beside the figure, from evidence: small type adjacent to the
    figure with nothing between, its column narrower than the body's, level with the figure's top
    or bottom edge, ending by its foot. Adjacent, small and narrow but level with neither edge: the
    group with a doubt (the caller takes it only when nothing under or over the figure can be the
    caption); as wide as a body column, running past the figure or on into more small text of its
    size: no caption."""
    texts = [ln.x1 - ln.x0 for ln in lines if abs(ln.size - body) < 0.1 * body]
    column = median(texts) if len(texts) >= SIDE_MIN_BODY_LINES else fig[2] - fig[0]
    near = [
        ln
        for ln in small
        if _beside(ln, fig, column)
        and _nothing_between(ln, fig, lines, figures)
        and not any(_tight_under(ln, f, lines, figures) for f in figures if f != fig)
    ]
    if not near:
        return [], None
    first = min(near, key=lambda ln: (ln.y0, ln.x0))
    side = _beside(first, fig, column)
    group = [first]
    for ln in sorted((ln for ln in small if ln is not first), key=lambda ln: ln.y0):
        last = group[-1]
        flush = abs(ln.x0 - last.x0) <= last.size or abs(ln.x1 - last.x1) <= last.size  # ragged either way
        if (
            ln.y0 > last.y0
            and ln.y0 - last.y1 < CAPTION_LINE_GAP * ln.size
            and abs(ln.size - first.size) < 0.6
            and flush
            and (fig[0] - ln.x1 >= 0 if side < 0 else ln.x0 - fig[2] >= 0)
        ):
            group.append(ln)
    x0, y0, x1, y1 = bbox = _union(group)
    narrow = x1 - x0 <= SIDE_COLUMN_SHARE * column
    if not narrow or y1 > fig[3] + SIDE_PAST_EM * first.size or _runs_on(group, small):
        return [], None
    group = _reading_rows(group)
    level = abs(y0 - fig[1]) <= SIDE_EDGE_EM * first.size or abs(y1 - fig[3]) <= SIDE_EDGE_EM * first.size
    if not level:
        return group, CaptionDoubt("caption beside a figure, level with neither of its edges", bbox)
    return group, None


def visual_rows(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into visual rows, top down: pieces whose heights overlap by half are one row,
    read left to right (a caption's number may sit a little higher or lower than its text)."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: ln.y0):
        if rows:
            top, bottom = min(x.y0 for x in rows[-1]), max(x.y1 for x in rows[-1])
            if min(bottom, ln.y1) - max(top, ln.y0) >= 0.5 * min(bottom - top, ln.y1 - ln.y0):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def _reading_rows(lines: list[Line]) -> list[Line]:
    """Lines in reading order by visual rows."""
    return [ln for row in visual_rows(lines) for ln in row]


def _by_number(group: list[Line], rules: Rules) -> list[list[Line]]:
    """Captions set one under the other (图 1 …, Fig. 1 …, then the next table's 表 1 …): one
    caption per line that opens with a caption's number. A photo credit under a caption in the
    same small type (摄影：…, 图片来源：…: rules' block_markers credit) is a row of its own, never
    the caption's text run on (the answer keys hold it as a caption line of its own)."""
    pat = rules.get("academic", "caption_pattern") or rules.get("tables", "caption_pattern")
    credit = tuple(rules.markers("credit"))
    if not pat and not credit:
        return [group]
    out: list[list[Line]] = []
    for ln in group:
        text = ln.text.strip()
        if out and ((pat and re.match(pat, ln.text)) or (credit and text.startswith(credit))):
            out.append([ln])
        elif out:
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def credit_parts(group: list[Line], rules: Rules) -> list[list[Line]]:
    """A caption's lines, a photo credit printed on one of its lines after its text cut off as a
    caption of its own (_credit_cut), with the lines after it: the caption, then its credit. New
    Line objects: the caller has already taken the group's own lines out of the page's flow."""
    credit = tuple(rules.markers("credit"))
    if not credit:
        return [group]
    out: list[list[Line]] = [[]]
    for whole in group:
        parts = _credit_cut(whole, credit)
        out[-1].append(parts[0])
        if len(parts) > 1:
            out.append([parts[1]])
    return [g for g in out if g]


# what may stand between a caption's text and a credit printed on its line: spaces, and the
# opening bracket the credit is set in (……合影（摄影：张三）); the closing one ends it
CREDIT_OPENERS = " \u3000（([【〔"
CREDIT_CLOSERS = {"（": "）", "(": ")", "[": "]", "【": "】", "〔": "〕"}


def _credit_cut(ln: Line, credit: tuple[str, ...]) -> list[Line]:
    """A caption's line holding a photo credit after its text (……合影（摄影：张三）, or the credit
    right-aligned on the same baseline, read as one line): the caption's part and the credit's,
    each with its own box (estimated from the characters' advances), the credit without the
    brackets round it. The line itself when no credit marker follows text of its own."""
    text = ln.text
    found = [k for k in (text.find(m, 1) for m in credit) if k > 0]
    if not found:
        return [ln]
    k = min(found)
    while k > 0 and text[k - 1] in CREDIT_OPENERS:
        k -= 1
    if not text[:k].strip():
        return [ln]
    left, right = cut_line(ln, k)
    opener = right.text[:1]
    if opener in CREDIT_CLOSERS and right.text.rstrip().endswith(CREDIT_CLOSERS[opener]):
        right = dataclasses.replace(right, text=right.text.rstrip()[1:-1].strip())
    return [left, right]
