"""A pdfplumber page printed sideways, seen as the reader turns it (sideways.py).

A table on a page printed sideways (its text turned 90° inside the content stream, /Rotate 0) is
read by the same pdfplumber reader as an upright table, so a turned table's merged cells, spans
and cell texts come out as an upright one's do: pdfplumber is given the page's objects (glyphs,
lines, rectangles, curves) moved into the page turned upright, by the turn extract read it with
(sideways.turn_matrix): every box and point turned, each glyph upright on its baseline. The
layout's table areas are in those coordinates already.
"""

from __future__ import annotations

import functools

# the object keys a turn moves: boxes and points; everything else (text, font, colours) is kept
_BOX = ("x0", "x1", "top", "bottom")


def _turn_point(turn: int, width: float, height: float):
    """(x, top) on the portrait page (width x height) -> (x, top) on the page turned upright."""
    if turn == 90:  # sideways.turn_matrix(90): x' = height - top, top' = x
        return lambda x, y: (height - y, x)
    return lambda x, y: (y, width - x)  # 270: x' = top, top' = width - x


def _turned(obj: dict, point, new_height: float) -> dict:
    out = dict(obj)
    (ax, ay), (bx, by) = point(obj["x0"], obj["top"]), point(obj["x1"], obj["bottom"])
    out["x0"], out["x1"] = min(ax, bx), max(ax, bx)
    out["top"], out["bottom"] = min(ay, by), max(ay, by)
    out["doctop"] = out["top"]
    out["width"], out["height"] = out["x1"] - out["x0"], out["bottom"] - out["top"]
    out["y0"], out["y1"] = new_height - out["bottom"], new_height - out["top"]
    if "pts" in obj:
        out["pts"] = [point(x, y) for x, y in obj["pts"]]
    if obj.get("object_type") == "char":
        out["upright"] = True
        m = obj.get("matrix")
        if m:  # the glyph's origin (PDF space, y up) moved; the glyph set upright at its size
            ox, oy = point(m[4], obj["_page_height"] - m[5])
            size = obj.get("size") or out["height"]
            out["matrix"] = (size, 0.0, 0.0, size, ox, new_height - oy)
        out.pop("_page_height", None)
    return out


@functools.cache
def _page_class():
    from pdfplumber.page import DerivedPage

    class TurnedPage(DerivedPage):
        """The parent page's objects turned upright (width and height swapped)."""

        def __init__(self, parent, turn: int):
            super().__init__(parent)
            x0, top, x1, bottom = parent.bbox
            width, height = x1 - x0, bottom - top
            self.bbox = (0, 0, height, width)
            self.root_page = self  # glyph baselines are measured from this page's height
            point = _turn_point(turn, width, height)

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
                if o.get("object_type") == "char":
                    o["_page_height"] = parent.root_page.height
                    m = obj.get("matrix")
                    if m:  # the origin measured from the page box's corner too
                        o["matrix"] = (*m[:4], m[4] - x0, m[5] + top)
                return _turned(o, point, width)

            self._objects = {kind: [moved(o) for o in objs] for kind, objs in parent.objects.items()}

    return TurnedPage


def turned_page(page, turn: int):
    """The pdfplumber page as the reader who turned it by `turn` (90 or 270) sees it."""
    return _page_class()(page, turn)
