"""Pictures drawn as smooth shadings: a figure a producer fills with a gradient (the PDF `sh`
operator, or a shading pattern filling a rectangle) holds no image and no path that
get_drawings reports, so without this the page shows nothing where it stands, and its caption
and the text around it are read as if it were not there.

The page is run once through a device that only follows clips and shadings: each shading's box
is its own bound cut by the clips in force (a gradient painted inside its frame's rectangle).
A shaded box is a picture when it is big enough to be one, smaller than the page, and holds no
text: a gradient behind text is a box's background (regions reads that from its frame and fill),
not a figure.
"""

from __future__ import annotations

from .models import BBox
from .pdf import pymupdf

mupdf = pymupdf.mupdf

# a drawn picture is at least this many points on each side (a gradient rule or a bullet is no figure)
SHADE_MIN_SIDE = 12.0
# a shading over more than this share of the page is its background, not a figure on it
SHADE_MAX_PAGE_SHARE = 0.9


class _ShadeDevice(mupdf.FzDevice2):
    """Follows the clip stack and records each shading's box within the clips in force; shadings
    painted while a soft mask is being drawn are the mask's, not the page's."""

    def __init__(self) -> None:
        super().__init__()
        for name in (
            "clip_path",
            "clip_stroke_path",
            "clip_text",
            "clip_stroke_text",
            "clip_image_mask",
            "pop_clip",
            "fill_shade",
            "begin_mask",
            "end_mask",
        ):
            getattr(self, f"use_virtual_{name}")()
        self.clips = [mupdf.FzRect(mupdf.FzRect.Fixed_INFINITE)]
        self.in_mask = 0
        self.boxes: list[BBox] = []

    def _push(self, rect) -> None:
        self.clips.append(mupdf.fz_intersect_rect(self.clips[-1], mupdf.FzRect(rect)))

    def clip_path(self, ctx, path, even_odd, ctm, scissor):
        self._push(scissor)

    def clip_stroke_path(self, ctx, path, stroke, ctm, scissor):
        self._push(scissor)

    def clip_text(self, ctx, text, ctm, scissor):
        self._push(scissor)

    def clip_stroke_text(self, ctx, text, stroke, ctm, scissor):
        self._push(scissor)

    def clip_image_mask(self, ctx, image, ctm, scissor):
        self._push(scissor)

    def pop_clip(self, ctx):
        if len(self.clips) > 1:
            self.clips.pop()

    def begin_mask(self, ctx, area, luminosity, colorspace, color, color_params):
        self.in_mask += 1

    def end_mask(self, ctx, *args):
        self.in_mask -= 1
        self._push(mupdf.FzRect(mupdf.FzRect.Fixed_INFINITE))  # the mask is a clip now, popped later

    def fill_shade(self, ctx, shade, ctm, alpha, color_params):
        if self.in_mask:
            return
        bound = mupdf.fz_bound_shade(mupdf.FzShade(mupdf.ll_fz_keep_shade(shade)), mupdf.FzMatrix(ctm))
        r = mupdf.fz_intersect_rect(bound, self.clips[-1])
        if not mupdf.fz_is_empty_rect(r) and not mupdf.fz_is_infinite_rect(r):
            self.boxes.append((r.x0, r.y0, r.x1, r.y1))


def _holds_text(box: BBox, lines: list[BBox]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 <= (a + c) / 2 <= x1 and y0 <= (b + d) / 2 <= y1 for a, b, c, d in lines)


def _within(inner: BBox, outer: BBox, tol: float = 1.0) -> bool:
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


def file_has_shadings(doc: pymupdf.Document) -> bool:
    """Does any object of the file name a shading (a shading dictionary, a shading pattern, a
    resource dictionary listing shadings)? Most files have none, and then no page is run through
    the device at all (a pass over the object table's dictionaries, some 7 ms for the 76-page
    sample, against some 95 ms for running every page). Read once per document and kept on it."""
    seen = getattr(doc, "_pipeline_has_shadings", None)
    if seen is None:
        seen = False
        for xref in range(1, doc.xref_length()):
            try:
                if "/Shading" in doc.xref_object(xref, compressed=True):
                    seen = True
                    break
            except (RuntimeError, ValueError):  # a damaged object names nothing
                continue
        doc._pipeline_has_shadings = seen
    return seen


def drawn_pictures(page: pymupdf.Page, text: dict, images: list[BBox] = ()) -> list[BBox]:
    """The boxes of the pictures the page draws as shadings (see the module doc); text: the
    page's rawdict, whose lines a picture does not hold; images: the page's image boxes. A
    shading within an image's box is that picture's own (a gradient laid under or over a photo
    while it loads, a tint over it), not a second picture: counted twice, one picture would
    read as two side by side, and the text level with it as their caption."""
    if not file_has_shadings(page.parent):
        return []
    dev = _ShadeDevice()
    try:
        # in the unrotated page's space, where the text and the images are read
        derotate = mupdf.FzMatrix(*tuple(page.derotation_matrix))
        mupdf.fz_run_page(page.this, dev, derotate, mupdf.FzCookie())
    except RuntimeError:  # a content stream MuPDF cannot run: its text was read all the same
        return []
    finally:
        mupdf.fz_close_device(dev)
    if not dev.boxes:
        return []
    area = page.rect.width * page.rect.height
    lines = [ln["bbox"] for b in text.get("blocks", []) if b.get("type", 0) == 0 for ln in b.get("lines", [])]
    out: list[BBox] = []
    for box in dev.boxes:
        x0, y0, x1, y1 = box
        big = min(x1 - x0, y1 - y0) >= SHADE_MIN_SIDE
        if big and (x1 - x0) * (y1 - y0) <= SHADE_MAX_PAGE_SHARE * area and not _holds_text(box, lines):
            if box not in out and not any(_within(box, img) for img in images):
                out.append(box)
    return out
