"""Where a line running down or up the page goes on its page (layout), once furniture has taken
the edge labels that repeat (furniture.edge_labels).

A line of turned or stacked type (`Line.vertical`, rebuilt whole by vertical.py) is never part of
a horizontal paragraph: joined with the lines beside it, its characters would sit inside theirs.
What it is comes from where it stands and its type:

- a credit or caption along a photo's side (摄影：…): small type, its length level with the
  photo's side, close to it: the photo's caption, a caption of its own;
- anything else (a vertical title, a pull quote set vertically, a label printed once along an
  edge): a block of its own, placed in the reading order where it starts and typed from its type
  as any block is (display type bigger than the body is a title or display type). These are the
  doubtful ones: each is warned (`vertical_text`) with its page and box.
"""

from __future__ import annotations

from .models import BBox, Block, Line, Warning, WarningCode
from .paragraphs import make_block, role_of
from .rules import Rules

# A credit along a photo's side: set no bigger than CREDIT_SIZE times the body, its long side at
# most CREDIT_GAP_EM ems (of its own type) from the photo's left or right side, and at least
# CREDIT_LEVEL of its length level with the photo.
CREDIT_SIZE = 1.0
CREDIT_GAP_EM = 1.5
CREDIT_LEVEL = 0.8
# the column index of a block made of one vertical line (as -3 marks a caption's, -4 a table's)
VERTICAL_COLUMN = -5
# a vertical block is read where horizontal text starting this close below its top (ems) is read
START_EM = 0.5


def _beside(ln: Line, fig: BBox) -> bool:
    """Does the line run along the figure's left or right side, close to it?"""
    gap = CREDIT_GAP_EM * ln.size
    right = -0.5 * ln.size <= ln.x0 - fig[2] <= gap
    left = -0.5 * ln.size <= fig[0] - ln.x1 <= gap
    level = min(ln.y1, fig[3]) - max(ln.y0, fig[1])
    return (left or right) and level >= CREDIT_LEVEL * (ln.y1 - ln.y0)


def place_vertical(
    lines: list[Line], figures: list[BBox], body: float
) -> tuple[list[list[Line]], list[Line]]:
    """The page's vertical lines (out of furniture, tables and diagrams) parted into caption groups
    of the credits along a photo's side, and the lines that stand as blocks of their own."""
    credits: list[list[Line]] = []
    standing: list[Line] = []
    for ln in lines:
        if ln.size <= CREDIT_SIZE * body and any(_beside(ln, f) for f in figures):
            credits.append([ln])
        else:
            standing.append(ln)
    return credits, standing


def with_vertical_blocks(
    ordered: list[Block], standing: list[Line], body: float, rules: Rules, segment: tuple[int, int]
) -> list[Block]:
    """The page's blocks in reading order with each vertical line standing on its own put in as a
    block, typed from its type as any block is. Vertical lines are read in tiers (lines whose
    heights overlap), each tier's right to left as vertical writing is read, and a tier where the
    horizontal text level with its top is read: before the first block that starts no higher
    than it starts (within START_EM ems). A vertical title beside an opening's title area comes
    between the section label above it and the English title and byline beside it, as the eye
    takes them."""
    out = list(ordered)
    k = 0
    for tier in _tiers(standing):
        top = min(ln.y0 for ln in tier)
        size = max(ln.size for ln in tier)
        at = next((i for i, b in enumerate(out) if b.bbox[1] >= top - START_EM * size), len(out))
        for ln in sorted(tier, key=lambda ln: -ln.x1):
            blk = make_block([ln], VERTICAL_COLUMN, (ln.x0, ln.x1))
            blk.role = role_of(blk, body, rules, False)
            blk.segment = (segment[0], segment[1] + k)  # a run of its own: it joins no paragraph
            out.insert(at, blk)
            at, k = at + 1, k + 1
    return out


def _tiers(lines: list[Line]) -> list[list[Line]]:
    """Vertical lines grouped by overlapping heights, top tier first."""
    tiers: list[list[Line]] = []
    bottom = None
    for ln in sorted(lines, key=lambda ln: ln.y0):
        if tiers and ln.y0 < bottom:
            tiers[-1].append(ln)
            bottom = max(bottom, ln.y1)
        else:
            tiers.append([ln])
            bottom = ln.y1
    return tiers


def standing_warnings(blocks: list[Block]) -> list[Warning]:
    """One warning for each vertical line read as a block of its own: what it was typed as,
    where."""
    return [
        Warning(
            WarningCode.VERTICAL_TEXT,
            f"text running down or up the page read as a {b.role} of its own: {b.text[:30]}",
            None,
            b.page,
            b.bbox,
        )
        for b in blocks
        if b.column == VERTICAL_COLUMN
    ]
