"""A pdfplumber page holding only the objects near one area: what a crop of it is made from.

pdfplumber makes a dict of every object of a page (each glyph, rule and curve, its attributes
resolved one by one) before a crop keeps those that touch the crop's box: on a page of running
text with one table, most of the page's glyphs are made into dicts to be dropped. This page
makes dicts of the objects whose box comes within NEAR_PT of the area only, from the same parsed
page (pdfminer's layout, parsed once per page); its crop to the area then holds the very objects
a crop of the whole page holds, in the same order, made by the page's own process_object.
"""

from __future__ import annotations

import functools

# An object is made into a dict when its box comes this close (pt) to the area's box: the crop's
# own test (any overlap, edges touching included) decides after it, on the dicts
NEAR_PT = 1.0


@functools.cache
def _page_class():
    from pdfminer.layout import LTContainer
    from pdfplumber.page import DerivedPage

    class NearPage(DerivedPage):
        """The parent page's objects within NEAR_PT of box (x0, top, x1, bottom, in the
        parent's coordinates), as the parent would make them."""

        def __init__(self, parent, box):
            self.bbox = parent.bbox
            super().__init__(parent)
            x0, top, x1, bottom = box
            mb_x0, mb_top = parent.mediabox[:2]
            height = parent.height

            def near(obj) -> bool:  # as process_object places the object (pdfminer's y up)
                left = obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0
                right = obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1
                o_top = (height - obj.y1) + mb_top
                o_bottom = (height - obj.y0) + mb_top
                return (
                    left <= x1 + NEAR_PT
                    and right >= x0 - NEAR_PT
                    and o_top <= bottom + NEAR_PT
                    and o_bottom >= top - NEAR_PT
                )

            def walk(objs):  # pdfplumber's iter_layout_objects, the objects far off left out
                for obj in objs:
                    if isinstance(obj, LTContainer):
                        if parent.pdf.laparams is not None and near(obj):
                            yield parent.process_object(obj)
                        yield from walk(obj._objs)
                    elif hasattr(obj, "y1") and near(obj):  # (LTAnno has no box: pdfplumber drops it)
                        yield parent.process_object(obj)

            objects: dict[str, list[dict]] = {}
            for obj in walk(parent.layout._objs):
                kind = obj["object_type"]
                if kind != "anno":
                    objects.setdefault(kind, []).append(obj)
            self._objects = objects

    return NearPage


def near_page(page, box):
    """pdfplumber page `page` holding only the objects within NEAR_PT of box; page itself when
    it is not a page as the file gives it (a derived one, a page turned upright: plumber_turn)."""
    if not getattr(page, "is_original", False):
        return page
    return _page_class()(page, box)
