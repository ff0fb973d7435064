"""A page laid out the plain way, when the full layout of it ran past its CPU-time budget
(`limits.layout_page_seconds`): a page far beyond any magazine's (an A1 sheet of 8 pt type in
sixteen columns, a page built to stall a reader) still gives its text, in an order a reader can
follow, and says so.

Columns are read from the page's own whitespace: the x positions no line covers (a gutter) cut
the page into columns, each column's lines read top down and parted into paragraphs by the same
rules as a laid-out column's (paragraphs.paragraphs), each block typed by its type
(paragraphs.role_of). Each column is a run of column text of its own (its blocks' segment), as
the full layout's columns are, so a paragraph cut at a column's end is joined to its rest at the
next column's top by paragraphs.join_across_breaks, as any other. What the full layout would add (tables, boxes, figures and their captions,
bands cut at full-width lines, wrap-arounds) is not looked for: every line of the page is in a
block, so every character is still in a row (residue.py accounts for it), and the page carries a
`layout_plain` warning with the page and its box.

Everything here is linear in the page's lines, or n log n (one sort).
"""

from __future__ import annotations

from .models import Line, PageLayout, RawPage, Warning, WarningCode
from .paragraphs import paragraphs, role_of

# a gutter: a run of the page's width at least this many points wide that at most this share of
# the page's lines cross (a headline across the columns above them does not close their gutters)
GUTTER_MIN_PT = 4.0
GUTTER_LINES_SHARE = 0.02


def _columns(lines: list[Line], width: float) -> list[tuple[float, float]]:
    """The page's columns, left to right: the spans of x the lines cover, cut at every gap
    (GUTTER_MIN_PT or wider) that few lines cross (GUTTER_LINES_SHARE): one sweep over the lines'
    edges."""
    if not lines:
        return [(0.0, width)]
    allowed = int(GUTTER_LINES_SHARE * len(lines))
    events = sorted([(ln.x0, 1) for ln in lines] + [(ln.x1, -1) for ln in lines])
    cols: list[tuple[float, float]] = []
    depth, start, gap_from = 0, None, None
    for x, step in events:
        depth += step
        if depth > allowed and start is None:
            start = x
        elif depth > allowed and gap_from is not None:
            if x - gap_from >= GUTTER_MIN_PT:  # a gutter: the column before it ends where it began
                cols.append((start, gap_from))
                start = x
            gap_from = None
        elif depth <= allowed and start is not None and gap_from is None:
            gap_from = x
    if start is not None:
        cols.append((start, gap_from if gap_from is not None else max(ln.x1 for ln in lines)))
    return cols or [(0.0, width)]


def plain_layout(
    page: RawPage, furniture: list[Line], folio, body: float, rules, seconds: float
) -> PageLayout:
    """The page's layout from its columns and paragraphs alone (see the module doc); furniture:
    its running heads and folios (kept as the full layout keeps them); seconds: the budget it ran
    past, for the warning."""
    fset = {id(ln) for ln in furniture}
    lines = [ln for ln in page.lines if id(ln) not in fset]
    cols = _columns(lines, page.width)
    starts = [c[0] for c in cols]
    by_col: list[list[Line]] = [[] for _ in cols]
    for ln in lines:  # each line to the column its left edge stands in (columns are sorted)
        k = 0
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= ln.x0:
                k, lo = mid, mid + 1
            else:
                hi = mid
        by_col[k].append(ln)
    blocks = []
    for k, (col, col_lines) in enumerate(zip(cols, by_col, strict=True)):
        col_lines.sort(key=lambda ln: (ln.row, ln.x0))
        for blk in paragraphs(col_lines, k, col, rules):
            blk.role = role_of(blk, body, rules, False)
            blk.segment = (page.number, k)  # a column's end is a break (join_across_breaks)
            blocks.append(blk)
    box = (
        (
            min(ln.x0 for ln in lines),
            min(ln.y0 for ln in lines),
            max(ln.x1 for ln in lines),
            max(ln.y1 for ln in lines),
        )
        if lines
        else (0.0, 0.0, page.width, page.height)
    )
    warning = Warning(
        WarningCode.LAYOUT_PLAIN,
        f"layout of this page ran past its budget ({seconds:g} s of CPU time, limits.layout_page_seconds): "
        f"its {len(lines)} lines read in {len(cols)} column(s) cut at the gaps no line covers, paragraphs by "
        "indent and spacing; no tables, boxes, figures or captions looked for",
        page=page.number,
        bbox=box,
    )
    return PageLayout(
        page.number, page.width, page.height, folio, blocks, list(furniture), warnings=[warning]
    )
