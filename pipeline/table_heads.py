"""Merged header cells of a table ruled by horizontal rules only (a three-line table).

A head over two or more columns ("2024 年" over 投资 and 增速) is set centred across the gap
between them, with a short rule under it (booktabs' \\cmidrule); a head over both header rows
("行业") stands beside that short rule, centred across its height. Read from the whole table,
the head over two columns fills the gap between them (one column lost) and a row line drawn at the
short rule's height cuts the head beside it in two. Here the columns come from the rows under the
header rule, the short rules become row lines only where they are drawn, and a column line stops
under a head that crosses it where a short rule proves the head merged: pdfplumber then finds
merged cells, as it does in a ruled grid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# horizontal rule pieces this close in height (pt) are one rule; pieces this close end to end are
# one rule too (a browser draws a rule cell by cell)
SAME_HEIGHT = 0.8
JOIN_GAP = 2.0
# a rule covering this share of the table's width is a full rule (top, header, bottom), shorter
# is a short rule under a merged head
FULL_SHARE = 0.9
# a short rule stands at most this far (pt) under the head it belongs to
UNDER_HEAD = 6.0


@dataclass(frozen=True)
class Segment:
    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class Upright:
    x: float
    top: float
    bottom: float


@dataclass
class HeaderGrid:
    """What pdfplumber is given beyond the body's lines: the column lines (each from where it
    starts: under a merged head, or the table's top) and the short rules, reaching the column
    lines their head stands between; drawn: the short rules as drawn."""

    columns: list[Upright]
    short_rules: list[Segment]
    drawn: list[Segment]

    def is_short(self, edge: dict) -> bool:
        """Is this edge (pdfplumber's) part of a short rule, hence no full row line?"""
        return any(
            abs(edge["top"] - s.y) <= SAME_HEIGHT
            and s.x0 - JOIN_GAP <= edge["x0"]
            and edge["x1"] <= s.x1 + JOIN_GAP
            for s in self.drawn
        )


def rule_segments(edges: list[dict]) -> list[Segment]:
    """Horizontal edges joined into rules: edges at one height (a filled rule's top and bottom
    edges, SAME_HEIGHT apart) whose pieces touch end to end are one rule."""
    flat = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: e["top"])
    heights: list[list[dict]] = []
    for e in flat:
        if heights and e["top"] - heights[-1][0]["top"] <= SAME_HEIGHT:
            heights[-1].append(e)
        else:
            heights.append([e])
    out: list[Segment] = []
    for group in heights:
        y = group[0]["top"]
        first = len(out)
        for e in sorted(group, key=lambda e: e["x0"]):
            last = out[-1] if len(out) > first else None
            if last and e["x0"] - last.x1 <= JOIN_GAP:
                out[-1] = Segment(y, last.x0, max(last.x1, e["x1"]))
            else:
                out.append(Segment(y, e["x0"], e["x1"]))
    return out


def _mid(w: dict) -> float:
    return (w["top"] + w["bottom"]) / 2


def merged_header(
    bbox: tuple[float, float, float, float],
    segments: list[Segment],
    words: list[dict],
    columns_of: Callable[[list[dict]], list[float]],
) -> HeaderGrid | None:
    """The header's lines when short rules under heads prove merged cells; None when the table
    shows none (the caller reads it as before). columns_of: the column lines a set of words gives."""
    width = bbox[2] - bbox[0]
    full = sorted(s.y for s in segments if s.x1 - s.x0 >= FULL_SHARE * width)
    inner = [y for y in full if bbox[1] + 2 < y < bbox[3] - 2]
    if not inner:
        return None
    head_bottom = inner[0]  # the header rule
    short = [s for s in segments if s.x1 - s.x0 < FULL_SHARE * width and bbox[1] + 2 < s.y < head_bottom - 2]
    head = [w for w in words if _mid(w) < head_bottom]
    body = [w for w in words if _mid(w) > head_bottom]
    if not body:
        return None
    drawn = short
    if not short:  # a three-line table proper: a merged head proved by its own heads under it
        short = implied_rules(bbox, head, sorted(columns_of(body)))
        if not short:
            return None

    def rule_under(w: dict) -> Segment | None:
        return next(
            (s for s in short if 0 <= s.y - w["bottom"] <= UNDER_HEAD and s.x0 < w["x1"] and w["x0"] < s.x1),
            None,
        )

    # a head with a short rule under it may stand over several columns: the column lines come from
    # the other words, and a line inside the rule's span stops at the rule (the head is merged)
    over = {id(w): r for w in head if (r := rule_under(w)) is not None}
    inner_x = sorted(columns_of([w for w in words if id(w) not in over]))
    if not any(s.x0 + JOIN_GAP < x < s.x1 - JOIN_GAP for s in short for x in inner_x):
        return None  # no short rule spans a column line: no merged head
    edges = [bbox[0], *inner_x, bbox[2]]
    columns = [Upright(bbox[0], bbox[1], bbox[3]), Upright(bbox[2], bbox[1], bbox[3])]
    for x in inner_x:
        crossing = [w for w in head if w["x0"] < x < w["x1"]]
        rules = [over.get(id(w)) for w in crossing]
        if any(r is None or not r.x0 - JOIN_GAP < x < r.x1 + JOIN_GAP for r in rules):
            return None  # a head across a column line with no short rule under it: no proof
        under = [s.y for s in short if s.x0 + JOIN_GAP < x < s.x1 - JOIN_GAP]
        columns.append(Upright(x, max(under, default=bbox[1]), bbox[3]))
    h_pieces = []
    for s in short:  # a short rule reaches the column lines its merged head stands between
        left = max((e for e in edges if e <= s.x0 + JOIN_GAP), default=bbox[0])
        right = min((e for e in edges if e >= s.x1 - JOIN_GAP), default=bbox[2])
        h_pieces.append(Segment(s.y, left, right))
    return HeaderGrid(columns, h_pieces, drawn)


def implied_rules(
    bbox: tuple[float, float, float, float], head: list[dict], body_x: list[float]
) -> list[Segment]:
    """Where a table draws no short rule under a merged head (three rules only: top, head, bottom),
    the rule it would draw: under a head word that crosses a column line of the body's rows
    (body_x), over heads of its own that stand under it, one in each column it spans, none
    across a column line (财政投入 over 概念验证 and 中试平台). Halfway between the head and the
    heads under it, spanning the columns it stands over; none where any column lacks its head."""
    edges = [bbox[0], *body_x, bbox[2]]
    out = []
    for w in head:
        crossed = [x for x in body_x if w["x0"] < x < w["x1"]]
        if not crossed:
            continue
        # a head reaching past the table's edge (its area cropped a little inside) stands from it
        left = max((e for e in edges if e <= min(w["x0"], crossed[0])), default=bbox[0])
        right = min((e for e in edges if e >= max(w["x1"], crossed[-1])), default=bbox[2])
        under = [
            u
            for u in head
            if u is not w and u["top"] >= w["bottom"] - 1.0 and left <= u["x0"] and u["x1"] <= right
        ]
        cols = [(a, b) for a, b in zip(edges, edges[1:], strict=False) if left <= a and b <= right]
        if any(any(u["x0"] < x < u["x1"] for x in crossed) for u in under):
            continue  # a head under it crosses the line too: no heads of its own
        if not all(any(a <= (u["x0"] + u["x1"]) / 2 <= b for u in under) for a, b in cols):
            continue
        y = (w["bottom"] + min(u["top"] for u in under)) / 2
        out.append(Segment(y, left, right))
    return out


def as_edges(grid: HeaderGrid) -> tuple[list[dict], list[dict]]:
    """pdfplumber's explicit lines for the pieces: (vertical edges, horizontal edges)."""
    v = [
        {"object_type": "v_edge", "orientation": "v", "x0": c.x, "x1": c.x, "top": c.top, "bottom": c.bottom,
         "height": c.bottom - c.top, "width": 0}
        for c in grid.columns
    ]  # fmt: skip
    h = [
        {"object_type": "h_edge", "orientation": "h", "x0": s.x0, "x1": s.x1, "top": s.y, "bottom": s.y,
         "width": s.x1 - s.x0, "height": 0}
        for s in grid.short_rules
    ]  # fmt: skip
    return v, h
