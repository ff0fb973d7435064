"""Labels set as text over a figure's pictures: the figure's, never the body's.

A journal may export a diagram as pictures and set its labels as text over them ("CPU GPU GPU",
"PCIe交换机"), a label or two in the gap between two pictures of one figure. Read as column text,
the labels become paragraphs and cut the paragraph the figure stands in. Pictures side by side
(their heights overlapping by PICTURE_ROW_OVERLAP of the lower one, at most PICTURE_GAP_EM of the
body's type apart) are one figure's area; an area holds labels when every line inside it is set
smaller than the body (LABEL_SIZE_SHARE) and reads as labels (regions._labels: short, or words of
a few characters with no sentence mark). A picture wider or taller than PICTURE_MAX_SHARE of the
page (a cover photo, a background with its cover lines) holds no labels, whatever its text.
"""

from __future__ import annotations

from .models import BBox, Line
from .regions import DRAWING_MANY_ITEMS, _labels, containing

PICTURE_MIN_SIDE = 20.0  # pt: smaller images are no figure (a bullet, a logo in a line)
PICTURE_MAX_SHARE = 0.5
PICTURE_ROW_OVERLAP = 0.5
PICTURE_GAP_EM = 3.0
LABEL_SIZE_SHARE = 0.9


def _side_by_side(a: BBox, b: BBox, gap: float) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    lower = min(a[3] - a[1], b[3] - b[1])
    apart = max(a[0], b[0]) - min(a[2], b[2])
    return overlap >= PICTURE_ROW_OVERLAP * lower and apart <= gap


def _areas(pictures: list[BBox], gap: float) -> list[BBox]:
    """Pictures side by side joined into one area each (left to right, chains too)."""
    areas: list[BBox] = []
    for p in sorted(pictures):
        for k, a in enumerate(areas):
            if _side_by_side(a, p, gap):
                areas[k] = (min(a[0], p[0]), min(a[1], p[1]), max(a[2], p[2]), max(a[3], p[3]))
                break
        else:
            areas.append(p)
    return areas


def picture_label_areas(
    images: list[BBox], lines: list[Line], body: float, width: float, height: float
) -> list[BBox]:
    """The areas of the page's figures made of pictures whose text is their labels (module doc)."""
    pictures = [
        im
        for im in images
        if PICTURE_MIN_SIDE < im[2] - im[0] <= PICTURE_MAX_SHARE * width
        and PICTURE_MIN_SIDE < im[3] - im[1] <= PICTURE_MAX_SHARE * height
    ]
    if not pictures:
        return []
    out = []
    for area in _areas(pictures, PICTURE_GAP_EM * body):
        inside = [ln for ln in lines if containing([area], ln) is not None]
        if inside and all(
            ln.size < LABEL_SIZE_SHARE * body and _labels(ln.text, DRAWING_MANY_ITEMS) for ln in inside
        ):
            out.append(area)
    return out
