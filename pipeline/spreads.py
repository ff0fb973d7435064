"""Two facing pages exported as one PDF page (a spread): the layout stage reads them as one.

A landscape page alone is no spread (slides, wide tables, a landscape report). A spread shows two
pages' text side by side: text on both halves, and no line crossing the fold down the middle,
where each page has its inner margin. A page that fits is warned about (`spread_pages`).
"""

from __future__ import annotations

from .models import RawPage

LANDSCAPE = 1.25  # width over height at which a page may hold two portrait pages
FOLD_ZONE = 0.04  # the fold is looked for this share of the width either side of the middle
FOLD_WIDTH = 0.015  # the empty strip at the fold is at least this share of the width
HALF_SHARE = 0.15  # each half holds at least this share of the page's text


def looks_like_spread(page: RawPage) -> bool:
    if page.width <= LANDSCAPE * page.height or not page.lines:
        return False
    mid = page.width / 2
    left = sum(len(ln.text) for ln in page.lines if ln.x1 <= mid)
    right = sum(len(ln.text) for ln in page.lines if ln.x0 >= mid)
    total = sum(len(ln.text) for ln in page.lines)
    if min(left, right) < HALF_SHARE * total:
        return False
    # the widest strip near the middle that no line crosses
    lo, hi = mid - FOLD_ZONE * page.width, mid + FOLD_ZONE * page.width
    spans = sorted((max(ln.x0, lo), min(ln.x1, hi)) for ln in page.lines if ln.x0 < hi and ln.x1 > lo)
    widest, x = 0.0, lo
    for a, b in spans:
        widest = max(widest, a - x)
        x = max(x, b)
    widest = max(widest, hi - x)
    return widest >= FOLD_WIDTH * page.width
