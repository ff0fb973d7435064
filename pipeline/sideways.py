"""A page printed sideways without /Rotate, read as the reader turns it.

Magazines set a table too wide for the portrait page (or a whole landscape page: a chart, a
spread of figures) on a landscape page and print it turned by 90° inside the content stream of a
portrait page: the text matrix is turned, the page's /Rotate stays 0. MuPDF reports such a page's
lines running up (turned 90°: the reader turns the magazine clockwise) or down (turned 270°).
Read as it stands, vertical.py would take each turned line for a vertical title and the table's
cells would be a heap of tall narrow lines.

The evidence is the page's own text: when most of its characters (TURNED_PAGE_SHARE) run one way
turned, the page is read turned upright, as a page with /Rotate is (extract._upright): text,
rules and images moved into the landscape page the reader sees, where lines run left to right
again and the layout, tables and captions stages read it as any page. What was upright on the
portrait page (a folio printed the usual way) is turned there, and read as vertical text is.

The page keeps the number it has; `RawPage.turn` says how it was turned, and every row's box is
moved back into the page's own (portrait) coordinates where the rows are written (spreads.to_pdf),
so provenance points at the page as it is in the file. A `page_turned` warning names each page
read so.
"""

from __future__ import annotations

from .models import BBox, RawPage, Warning, WarningCode
from .pdf import pymupdf

# a page is read turned when at least this share of its characters run in lines turned one way
# (a vertical title, a thumb tab or a photo credit are a few per cent of an upright page's) ...
TURNED_PAGE_SHARE = 0.6
# ... and they are at least this many (a page holding only a turned credit or tab is no landscape
# page)
TURNED_PAGE_MIN_CHARS = 40


def _direction(dx: float, dy: float) -> int:
    """The turn that makes a line of this direction run left to right: 90 for a line running up
    the page, 270 for one running down, 0 otherwise."""
    if abs(dx) > 0.1:
        return 0
    return 90 if dy < 0 else 270


def content_turn(text: dict) -> int:
    """How the page's text is turned in its content stream (0, 90 or 270), from a rawdict of the
    page: the turn most of its characters share, when they are enough."""
    counts = {0: 0, 90: 0, 270: 0}  # glyphs (spaces too: a count, not a reading)
    for b in text["blocks"]:
        for ln in b.get("lines", ()):
            dx, dy = ln.get("dir", (1.0, 0.0))
            # a vertical-writing font stacks upright glyphs: no turned page
            turn = 0 if dx > 0.9 or ln.get("wmode") else _direction(dx, dy)
            counts[turn] += sum(len(s["chars"]) for s in ln["spans"])
    total = sum(counts.values())
    turn = max((90, 270), key=counts.__getitem__)
    if counts[turn] >= TURNED_PAGE_MIN_CHARS and counts[turn] >= TURNED_PAGE_SHARE * total:
        return turn
    return 0


def turn_matrix(turn: int, width: float, height: float) -> pymupdf.Matrix:
    """From the portrait page (width x height) to the page turned upright (height x width): a
    point's place as the reader who turned the page sees it."""
    if turn == 90:  # the page turned clockwise: its left edge is the top
        return pymupdf.Matrix(0, 1, -1, 0, height, 0)
    if turn == 270:  # turned anticlockwise: its right edge is the top
        return pymupdf.Matrix(0, -1, 1, 0, 0, width)
    return pymupdf.Matrix(1, 0, 0, 1, 0, 0)


def to_page(bbox: BBox, turn: int, width: float, height: float) -> BBox:
    """A box read on the page turned upright (width x height, as read) back in the page's own
    coordinates."""
    if not turn:
        return bbox
    m = ~turn_matrix(turn, height, width)  # the portrait page is height wide and width high
    r = pymupdf.Rect(bbox).transform(m)
    return (r.x0, r.y0, r.x1, r.y1)


def turned_warnings(pages: list[RawPage]) -> list[Warning]:
    """`page_turned` for each page read turned upright."""
    return [
        Warning(
            WarningCode.PAGE_TURNED,
            f"page {p.sheet or p.number} printed sideways (its text turned {p.turn}° in the content "
            "stream, /Rotate 0): read turned upright; boxes are given in the page's own coordinates",
            page=p.number,
        )
        for p in pages
        if p.turn
    ]
