"""Is a table read at the top of a page the rest of the table before it, or a table of its own?

A typesetter breaks a long table over a page turn in many ways: the rest under a label (续表 3,
表 3（续）, Table 3 (continued)), with its head row repeated or not; on the next page, or after a
full-page figure or advertisement the make-up put between; on the facing page of a spread, in that
page's mirrored margins (every column edge moved by one amount); with a cell merged over two columns
in a row of the rest; with the row the turn cut finished at the top of the next page. And a page
may open with a different table of as many columns. So the join is decided from evidence that
can disagree, each item read from the two parts as printed:

- for: a continuation label; the first part's head row repeated; the columns standing where the
  first part's stand (one shift of the whole table, same measure); the first row finishing the
  row the turn cut (only some of its cells hold text);
- against: a head row of its own (the rest's first row prints words where the first part's rows
  print figures, and it is not the first part's head); columns that stand elsewhere; pages between;
  the unit's text between the parts. A page that is only a picture (a full-page photo, its caption
  and a credit line: figure_page) is no such text: what it prints was set with the picture, not
  where the table stopped; a part joined over it on its columns alone is warned.

A label or a repeated head joins; a head of its own keeps the parts apart (doubtful when the
columns align); aligned columns join; a part with neither head nor aligned columns is joined as
before, and warned. After pages between, only a label, a repeated head or aligned columns join.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import BBox

# A part's edges within this (pt) of the first part's, after one shift of the whole table, stand
# where the first part's do (a table's parts are set in the same measure)
JOIN_EDGE_TOL = 6.0
# The first part's inner column edges may be crossed by the rest's words in at most this share of
# its rows (a cell merged over two columns crosses one edge in one row) for its columns to align
ALIGN_CROSS_SHARE = 0.25
# A column prints figures when at least this share of the first part's body cells in it do
FIGURE_COLUMN_SHARE = 0.6
# A table's rest may follow its first part after at most this many pages holding nothing of the
# unit's text (a full-page figure, an advertisement)
MAX_PAGES_BETWEEN = 2

# A page is only a picture when its pictures cover at least this share of it and the unit's text
# on it (a caption, a photo credit) is at most FIGURE_PAGE_MAX_CHARS characters
FIGURE_PAGE_SHARE = 0.5
FIGURE_PAGE_MAX_CHARS = 40

_FIGURE = re.compile(r"[-+−–]?[\d.,，%‰]+[%‰]?")


@dataclass(frozen=True)
class JoinEvidence:
    """What the two parts show; None where it could not be read (no boxes, no words)."""

    label: bool  # a continuation label over the rest
    head_repeated: bool  # its first row is the first part's head
    row_cut: bool  # its first row holds text in fewer than half its cells: a cut row's rest
    own_head: bool  # its first row is a head of its own (words where the first part prints figures)
    aligned: bool | None  # its columns stand where the first part's do (one shift, same measure)
    pages_between: int  # pages between the two parts
    over_picture_text: bool = False  # text between them stands only on pages that are pictures

    def decide(self) -> tuple[bool, str | None]:
        """(join, why it is doubtful or None)."""
        if self.label or self.head_repeated:
            if self.aligned is False:
                return True, "its columns stand elsewhere than the first part's"
            return True, None
        if self.own_head:
            if self.aligned:
                return False, "its first row reads as a head of its own, its columns align: kept apart"
            return False, None
        if self.aligned:
            if self.over_picture_text:
                return True, "joined over a picture page's text on its columns alone"
            return True, None
        if self.pages_between:
            return False, None
        if self.aligned is None and self.row_cut:
            return True, None
        return True, "no continuation label, no head repeated and its columns do not line up"


def is_figure(text: str) -> bool:
    return bool(_FIGURE.fullmatch(text.replace(" ", "")))


def figure_columns(rows: list[list[str]]) -> list[int]:
    """The columns where most body cells print a figure."""
    if not rows:
        return []
    n = max(len(r) for r in rows)
    out = []
    for c in range(n):
        cells = [r[c] for r in rows if c < len(r) and r[c].strip()]
        if cells and sum(is_figure(x) for x in cells) >= FIGURE_COLUMN_SHARE * len(rows):
            out.append(c)
    return out


def row_cut(row: list[str]) -> bool:
    """A row holding text in fewer than half its cells (the rest of a row the page turn cut)."""
    return bool(row) and sum(1 for c in row if c.strip()) * 2 < len(row)


def own_head(head: list[str], first_rows: list[list[str]], part: list[list[str]]) -> bool:
    """The part's first row is a head of its own: not the first part's head, and words where the
    first part's rows print figures (columns the part's later rows print figures in too)."""
    if not part or part[0] == head or row_cut(part[0]):
        return False
    cols = figure_columns(first_rows)
    first = part[0]
    if not cols or any(c < len(first) and is_figure(first[c]) for c in cols):
        return False
    later = [r for r in part[1:]]
    return bool(later) and any(c in figure_columns(later) for c in cols)


def edges_of(boxes: list[list[BBox]]) -> list[float]:
    """A part's column edges: its last row's cells' left edges and the right edge."""
    row = next((r for r in reversed(boxes) if r), None)
    if not row:
        return []
    return [b[0] for b in row] + [row[-1][2]]


def crossed_share(words: list[dict], edges: list[float]) -> float:
    """The share of the words' rows in which some word crosses one of the inner edges."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: w["top"]):
        if rows and w["top"] < max(o["bottom"] for o in rows[-1]) - 1.0:
            rows[-1].append(w)
        else:
            rows.append([w])
    if not rows:
        return 1.0
    inner = edges[1:-1]
    crossed = sum(1 for r in rows if any(w["x0"] + 1 < e < w["x1"] - 1 for w in r for e in inner))
    return crossed / len(rows)


def aligned(
    first_edges: list[float], part_box: BBox, first_box: BBox, words: list[dict] | None
) -> bool | None:
    """The part's columns stand where the first part's do: the same measure (its width within
    JOIN_EDGE_TOL), and, moved by the shift of its left edge, the first part's inner edges cut
    through the part's words in few rows (its words read: None when there are none)."""
    if len(first_edges) < 3:
        return None
    if abs((part_box[2] - part_box[0]) - (first_box[2] - first_box[0])) > JOIN_EDGE_TOL:
        return False
    if not words:
        return None
    shift = part_box[0] - first_box[0]
    return crossed_share(words, [e + shift for e in first_edges]) <= ALIGN_CROSS_SHARE


def figure_page(width: float, height: float, pictures: list[BBox], texts: list[str]) -> bool:
    """A page that is only a picture: pictures covering FIGURE_PAGE_SHARE of it (their union's
    area, overlaps counted once along each picture's rows) and at most FIGURE_PAGE_MAX_CHARS of the
    unit's text (texts: its blocks' text between the table's parts)."""
    if sum(len("".join(t.split())) for t in texts) > FIGURE_PAGE_MAX_CHARS:
        return False
    clipped = [
        (max(0.0, b[0]), max(0.0, b[1]), min(width, b[2]), min(height, b[3]))
        for b in pictures
        if b[2] > b[0] and b[3] > b[1]
    ]
    ys = sorted({y for b in clipped for y in (b[1], b[3])})
    area = 0.0
    for y0, y1 in zip(ys, ys[1:], strict=False):  # the union's area, band by band
        spans = sorted((b[0], b[2]) for b in clipped if b[1] <= y0 and b[3] >= y1 and b[2] > b[0])
        covered, reach = 0.0, -1.0
        for x0, x1 in spans:
            if x1 > reach:
                covered += x1 - max(x0, reach)
                reach = x1
        area += covered * (y1 - y0)
    return area >= FIGURE_PAGE_SHARE * width * height


def split_groups(first_edges: list[float], part_edges: list[float]) -> list[list[int]] | None:
    """The part's columns grouped under the first part's, when the part sets some column as two
    or more (a figure and its unit in cells of their own): every edge of the first part (moved to
    where the part stands) has one of the part's within JOIN_EDGE_TOL, the part has more, and each
    of its columns lies within one of the first part's. None when it sets no column so."""
    if len(first_edges) < 3 or len(part_edges) <= len(first_edges):
        return None
    if any(min(abs(p - e) for p in part_edges) > JOIN_EDGE_TOL for e in first_edges):
        return None
    groups: list[list[int]] = [[] for _ in first_edges[:-1]]
    for j, (a, b) in enumerate(zip(part_edges, part_edges[1:], strict=False)):
        home = [k for k, (e0, e1) in enumerate(zip(first_edges, first_edges[1:], strict=False))
                if a >= e0 - JOIN_EDGE_TOL and b <= e1 + JOIN_EDGE_TOL]  # fmt: skip
        if len(home) != 1:
            return None
        groups[home[0]].append(j)
    return groups if all(groups) else None


def _joined_pieces(a: str, b: str) -> str:
    """Two cells' texts set side by side read as one: a space only between two Latin words."""
    if not a or not b:
        return a or b
    latin = re.compile(r"[A-Za-z]")
    return f"{a} {b}" if latin.match(a[-1]) and latin.match(b[0]) else a + b


def merge_columns(grid: list[list[str]], spans: dict, boxes: list[list[BBox]], groups: list[list[int]]):
    """The part read again in the first part's columns: each group of its columns one cell, their
    texts side by side (a cell merged over the whole group, repeated in each, written once), their
    boxes one box; merged cells kept where they cover whole groups."""
    col_of = {j: k for k, g in enumerate(groups) for j in g}
    out_grid, out_boxes = [], []
    for r, row in enumerate(grid):
        cells = []
        for g in groups:
            span = spans.get((r, g[0]))
            if span is not None and g[0] + span[1] - 1 >= g[-1]:  # merged over the whole group
                cells.append(row[g[0]] if g[0] < len(row) else "")
                continue
            text = ""
            for j in g:
                text = _joined_pieces(text, row[j] if j < len(row) else "")
            cells.append(text)
        out_grid.append(cells)
        if r < len(boxes) and len(boxes[r]) == len(row):
            out_boxes.append(
                [
                    (
                        boxes[r][g[0]][0],
                        min(boxes[r][j][1] for j in g),
                        boxes[r][g[-1]][2],
                        max(boxes[r][j][3] for j in g),
                    )
                    for g in groups
                ]
            )
    if len(out_boxes) != len(out_grid):
        out_boxes = boxes
    out_spans = {}
    for (r, c), (rs, cs) in spans.items():
        k0, k1 = col_of.get(c), col_of.get(c + cs - 1)
        if (
            k0 is not None
            and k1 is not None
            and k1 > k0
            and groups[k0][0] == c
            and groups[k1][-1] == c + cs - 1
        ):
            out_spans[(r, k0)] = (rs, k1 - k0 + 1)
    return out_grid, out_spans, out_boxes


# Column bands read from a table's lines (a table block's cells, before the tables stage reads its
# grid): cells whose x-ranges overlap by more than BAND_OVERLAP_PT stand in one column
BAND_OVERLAP_PT = 1.0


def column_bands(cells: list[tuple[float, float, str]]) -> list[tuple[float, float, bool]]:
    """A table part's columns from its cells' x-ranges and texts: (x0, x1, prints figures), left to
    right, the x-ranges of cells that overlap merged (a cell merged over two columns merges them:
    the part then has fewer). A column prints figures when FIGURE_COLUMN_SHARE of its cells do."""
    bands: list[list] = []
    for x0, x1, text in sorted(cells):
        if bands and x0 < bands[-1][1] - BAND_OVERLAP_PT:
            bands[-1][1] = max(bands[-1][1], x1)
            bands[-1][2].append(text)
        else:
            bands.append([x0, x1, [text]])
    return [
        (a, b, sum(is_figure(t) for t in texts) >= FIGURE_COLUMN_SHARE * len(texts)) for a, b, texts in bands
    ]


def columns_line_up(
    first: list[tuple[float, float, bool]], part: list[tuple[float, float, bool]], shift: float = 0.0
) -> bool:
    """A rest printed with no label and no head is the first part's by its columns, not its measure
    alone: as many columns (two at least), each of the rest's (moved by the shift of the whole
    table) within one of the first part's (JOIN_EDGE_TOL), printing figures where it does."""
    if len(first) < 2 or len(first) != len(part):
        return False
    return all(
        a[0] - JOIN_EDGE_TOL <= b[0] + shift and b[1] + shift <= a[1] + JOIN_EDGE_TOL and a[2] == b[2]
        for a, b in zip(first, part, strict=True)
    )
