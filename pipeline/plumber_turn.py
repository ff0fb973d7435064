"""A pdfplumber page printed sideways (or with a region printed so), seen as the reader turns it
(sideways.py).

A table on a page printed sideways (its text turned 90° inside the content stream, /Rotate 0) is
read by the same pdfplumber reader as an upright table, so a turned table's merged cells, spans
and cell texts come out as an upright one's do: pdfplumber is given the page's objects (glyphs,
lines, rectangles, curves) moved into the page turned upright, by the turn extract read it with
(sideways.turn_matrix): every box and point turned, each glyph upright on its baseline. The
layout's table areas are in those coordinates already.
"""

from __future__ import annotations

import functools

from .models import TurnedRegion
from .sideways import region_move


def _turn_point(turn: int, width: float, height: float):
    """(x, top) on the portrait page (width x height) -> (x, top) on the page turned upright."""
    if turn == 90:  # sideways.turn_matrix(90): x' = height - top, top' = x
        return lambda x, y: (height - y, x)
    return lambda x, y: (y, width - x)  # 270: x' = top, top' = width - x


def _matrix_point(m):
    """A pymupdf.Matrix as a point map (top-down coordinates, as pdfplumber's x and top)."""
    return lambda x, y: (m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f)


def _moved(obj: dict, point, turned: bool, old_height: float, new_height: float) -> dict:
    """obj (its box measured from the page box's corner) moved by point; a glyph turned upright
    on its baseline when turned, else only moved."""
    out = dict(obj)
    (ax, ay), (bx, by) = point(obj["x0"], obj["top"]), point(obj["x1"], obj["bottom"])
    out["x0"], out["x1"] = min(ax, bx), max(ax, bx)
    out["top"], out["bottom"] = min(ay, by), max(ay, by)
    out["doctop"] = out["top"]
    out["width"], out["height"] = out["x1"] - out["x0"], out["bottom"] - out["top"]
    out["y0"], out["y1"] = new_height - out["bottom"], new_height - out["top"]
    if "pts" in obj:
        out["pts"] = [point(x, y) for x, y in obj["pts"]]
    m = obj.get("matrix")
    if obj.get("object_type") == "char" and m:  # the glyph's origin (PDF space, y up) moved
        ox, oy = point(m[4], old_height - m[5])
        if turned:
            size = obj.get("size") or out["height"]
            out["upright"] = True
            out["matrix"] = (size, 0.0, 0.0, size, ox, new_height - oy)
        else:
            out["matrix"] = (*m[:4], ox, new_height - oy)
    return out


@functools.cache
def _page_class():
    from pdfplumber.page import DerivedPage

    class TurnedPage(DerivedPage):
        """The parent page's objects as read turned (width and height those of the page read)."""

        def __init__(self, parent, view: int | TurnedRegion):
            super().__init__(parent)
            x0, top, x1, bottom = parent.bbox
            width, height = x1 - x0, bottom - top
            if isinstance(view, TurnedRegion):
                size = (width + view.dx, height + view.dy)
            else:
                size = (height, width)
                whole = _turn_point(view, width, height)
            self.bbox = (0, 0, *size)
            self.root_page = self  # glyph baselines are measured from this page's height

            def moved(obj: dict) -> dict:
                o = dict(
                    obj,
                    x0=obj["x0"] - x0,
                    x1=obj["x1"] - x0,
                    top=obj["top"] - top,
                    bottom=obj["bottom"] - top,
                )
                if "pts" in obj:
                    o["pts"] = [(x - x0, y - top) for x, y in obj["pts"]]
                if o.get("matrix"):  # the origin measured from the page box's corner too
                    o["matrix"] = (*o["matrix"][:4], o["matrix"][4] - x0, o["matrix"][5] + top)
                if isinstance(view, TurnedRegion):
                    m = region_move(view, (o["x0"], o["top"], o["x1"], o["bottom"]))
                    return _moved(o, _matrix_point(m), m.b != 0, height, size[1])
                return _moved(o, whole, True, height, size[1])

            self._objects = {kind: [moved(o) for o in objs] for kind, objs in parent.objects.items()}

    return TurnedPage


def turned_page(page, view: int | TurnedRegion):
    """The pdfplumber page as the stages read it: turned by `view` (90 or 270) as a whole, or with
    its region printed sideways turned in place (sideways.turned_region)."""
    return _page_class()(page, view)
