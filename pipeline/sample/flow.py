"""Vertical lists and the column filler.

Content is first composed into a list of `Item`s (text lines, spaces, photo
boxes, tables) for a given column width; the filler then distributes the
items over columns and pages, and balances the last columns of an article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pymupdf

from .compose import FONTS, Line

Color = tuple[float, float, float]
BLACK: Color = (0.0, 0.0, 0.0)


class PageCtx:
    """One output page: text is collected per (colour, render mode) in
    TextWriters and written when the page is finished, so that shaded boxes
    and images drawn meanwhile stay underneath the text."""

    def __init__(self, page: pymupdf.Page):
        self.page = page
        self.writers: dict[tuple[Color, int], pymupdf.TextWriter] = {}
        self.order: list[tuple[Color, int]] = []

    def text(self, x: float, y: float, s: str, font: str, size: float, color: Color = BLACK, mode: int = 0):
        key = (color, mode)
        if key not in self.writers:
            self.writers[key] = pymupdf.TextWriter(self.page.rect)
            self.order.append(key)
        self.writers[key].append((x, y), s, font=FONTS[font], fontsize=size)

    def line(self, ln: Line, x: float, baseline: float, color: Color = BLACK, mode: int = 0):
        for r in ln.runs:
            self.text(x + ln.x + r.x, baseline, r.text, r.font, r.size, color, mode)

    def flush(self):
        for key in self.order:
            color, mode = key
            self.writers[key].write_text(self.page, color=color, render_mode=mode)
        self.writers.clear()
        self.order.clear()


@dataclass(eq=False)
class Box:
    """A shaded or stroked box that may break across columns and pages."""

    fill: Color | None = None
    stroke: Color | None = None
    pad: float = 5.0
    # the border drawn as four rules, sliced where a column or page end breaks the box (CSS
    # box-decoration-break: slice): no rule across the cut, the sides run to the column's edge;
    # first and last are the box's opening and closing items (its rules across)
    sliced: bool = False
    first: Item | None = None
    last: Item | None = None


Draw = Callable[[PageCtx, float, float], None]


@dataclass(eq=False)
class Item:
    height: float
    draw: Draw | None = None
    kind: str = "line"  # line | glue (dropped at column tops) | full (spans the page width)
    keep_next: bool = False
    box: Box | None = None
    tags: list = field(default_factory=list)


def text_items(
    lines: list[Line],
    size: float,
    leading: float,
    color: Color = BLACK,
    mode: int = 0,
    box: Box | None = None,
    keep: int = 0,
    tags: list | None = None,
    inset: float = 0.0,
) -> list[Item]:
    """Turn composed lines into line items. `keep` lines at the start keep with
    the following line (headings, the first line of a paragraph after a
    heading); `inset` shifts the lines (inside boxes)."""
    items = []
    base = (leading - size) / 2 + size * 0.86
    for k, ln in enumerate(lines):

        def draw(ctx, x, y, ln=ln):
            ctx.line(ln, x + inset, y + base, color, mode)

        items.append(Item(leading, draw, keep_next=k < keep, box=box, tags=list(tags or [])))
    # widow/orphan control: keep the first and the last two lines together
    if len(items) >= 3:
        items[0].keep_next = True
        items[-2].keep_next = True
    return items


def chain_height(items: list[Item], k: int) -> float:
    h = 0.0
    while k < len(items):
        h += items[k].height
        if not items[k].keep_next:
            break
        k += 1
    return h


def fill(items: list[Item], height: float, ncols: int, force: bool = False, column: float | None = None):
    """Greedy fill of `ncols` columns of `height`. Returns (count consumed,
    [[(item, y), ...] per column]). With `force`, the first item is placed even
    if it does not fit (so that an oversize item cannot stall the flow).
    `column` is a full column's height (a page's text block): a keep chain breaks
    only when it is longer than that, never because `height` is a page's short
    foot (a heading's lines went one to a column there)."""
    cols = []
    k = 0
    for _c in range(ncols):
        col: list[tuple[Item, float]] = []
        y = 0.0
        while k < len(items) and items[k].kind == "glue" and not col:
            k += 1
        while k < len(items):
            it = items[k]
            need = chain_height(items, k) if it.keep_next else it.height
            # a chain longer than a whole column must break somewhere
            need = min(need, height if column is None else max(column, height))
            if y + need > height + 0.01 and not (force and k == 0):
                break
            col.append((it, y))
            y += it.height
            k += 1
        cols.append(col)
    return k, cols


def balance(items: list[Item], ncols: int, height: float) -> float:
    """Smallest column height (within `height`) that takes all `items`."""
    total = sum(i.height for i in items if i.kind != "glue")
    lo = max(total / ncols - 1.0, 0.0)
    hi = height
    if fill(items, hi, ncols)[0] < len(items):
        return hi
    while hi - lo > 0.5:
        mid = (lo + hi) / 2
        if fill(items, mid, ncols)[0] >= len(items):
            hi = mid
        else:
            lo = mid
    return hi


def draw_columns(ctx: PageCtx, cols, xs: list[float], top: float, colw: float, on_item=None) -> float:
    """Draw filled columns; shaded/stroked box fragments first, then items.
    Returns the height of the tallest column."""
    tallest = 0.0
    for col, x in zip(cols, xs, strict=False):
        # box fragments: consecutive items sharing a Box
        k = 0
        while k < len(col):
            box = col[k][0].box
            if box is None:
                k += 1
                continue
            j = k
            while j + 1 < len(col) and col[j + 1][0].box is box:
                j += 1
            y0 = top + col[k][1]
            y1 = top + col[j][1] + col[j][0].height
            r = pymupdf.Rect(x, y0, x + colw, y1)
            if box.sliced:
                _draw_sliced(ctx, box, r, col[k][0] is box.first, col[j][0] is box.last)
            else:
                ctx.page.draw_rect(r, color=box.stroke, fill=box.fill, width=0.7 if box.stroke else 0)
            k = j + 1
        for it, y in col:
            if it.draw:
                it.draw(ctx, x, top + y)
            if on_item:
                on_item(it)
            tallest = max(tallest, y + it.height)
    return tallest


def _draw_sliced(ctx: PageCtx, box: Box, r: pymupdf.Rect, opens: bool, closes: bool) -> None:
    """One fragment of a sliced box: its shading, its two sides, and a rule across only where the
    box opens or closes (each rule a filled bar, as a browser paints a border)."""
    w = 0.75
    if box.fill:
        ctx.page.draw_rect(r, color=None, fill=box.fill, width=0)
    bars = [(r.x0, r.y0, r.x0 + w, r.y1), (r.x1 - w, r.y0, r.x1, r.y1)]
    if opens:
        bars.append((r.x0, r.y0, r.x1, r.y0 + w))
    if closes:
        bars.append((r.x0, r.y1 - w, r.x1, r.y1))
    for bar in bars:
        ctx.page.draw_rect(pymupdf.Rect(*bar), color=None, fill=box.stroke, width=0)
