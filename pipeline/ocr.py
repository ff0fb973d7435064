"""A scanned page's OCR layer read as type, so that layout can find its lines, paragraphs and
headings as on a page set in type (hidden.py tells such a page: a picture over half of it, its
text mostly invisible).

An OCR engine writes each line (or word) as a run of one font of no glyphs of its own, stretched
horizontally (Tz) to the width it measured in the picture. MuPDF reports a run's size as the
expansion of its text matrix, the square root of the horizontal and vertical scales: a line
stretched to 94 % reads as a size 3 % smaller than the line above it, though both were printed in
one size, and the paragraphs stage cuts a paragraph at every such change. The height of a run's box
is its vertical scale alone (the font's ascent to descent, times the size the engine measured):
here each run's size is read from that height, scaled by what the page's runs of the same font
say a point of size is in height (their median), so that lines the engine measured alike read
alike, and a heading the engine measured larger still reads larger (where the layer gives sizes).

The layer is set in one colour whatever the page printed; the ink is in the picture. A run whose
ink there is lighter than the page's body ink (a deck or a caption set in grey) is given a colour
of its own (inks_from_picture), so that it is told from the body as on a page set in type.
"""

from __future__ import annotations

import statistics

# a run whose size read from its height differs from MuPDF's by less than this share keeps MuPDF's
# (the run is not stretched; the float noise of two readings of one size changes nothing)
SIZE_SLACK = 0.01


def _height(s: dict) -> float:
    return s["bbox"][3] - s["bbox"][1]


def sizes_from_heights(d: dict) -> dict:
    """The OCR page's rawdict with each upright run's size read from its box's height (see the
    module doc); runs of fonts the page has no upright run of, and turned runs, as they were. The
    input dict is not changed."""
    per_font: dict[str, list[float]] = {}
    for b in d.get("blocks", ()):
        if b.get("type", 0) != 0:
            continue
        for ln in b.get("lines", ()):
            if ln.get("dir", (1.0, 0.0)) != (1.0, 0.0):
                continue
            for s in ln["spans"]:
                if s["size"] > 0 and _height(s) > 0 and s["chars"]:
                    per_font.setdefault(s["font"], []).append(_height(s) / s["size"])
    if not per_font:
        return d
    ratio = {font: statistics.median(rs) for font, rs in per_font.items()}
    blocks = []
    for b in d.get("blocks", ()):
        if b.get("type", 0) != 0:
            blocks.append(b)
            continue
        lines = []
        for ln in b.get("lines", ()):
            if ln.get("dir", (1.0, 0.0)) != (1.0, 0.0):
                lines.append(ln)
                continue
            spans = []
            for s in ln["spans"]:
                k = ratio.get(s["font"])
                size = _height(s) / k if k else s["size"]
                spans.append(dict(s, size=size) if abs(size - s["size"]) > SIZE_SLACK * s["size"] else s)
            lines.append(dict(ln, spans=spans))
        blocks.append(dict(b, lines=lines))
    return dict(d, blocks=blocks)


# The ink a scan shows under an OCR run, read from the picture: the page rendered at this
# resolution (a line of 9 pt type is some nine pixels tall) ...
INK_DPI = 72
# ... the darkest share of the pixels in the run's box is its ink (the rest is the paper between
# the strokes) ...
INK_SHARE = 0.15
# ... seen only where the box holds this much contrast (grey levels, of 255; an empty box: no ink
# read, the layer's own colour kept) ...
INK_MIN_CONTRAST = 48
# ... and a run whose ink is lighter than the page's body ink (the ink most of its characters
# show) by this many grey levels is set in another, lighter ink (a deck or a caption in grey).
# Darker is no other ink: bold strokes read darker at a scan's resolution than the body's
INK_LIGHTER = 40
LIGHT_INK = 0x808080  # the colour such runs are given (one for all: the layer has none of its own)


def inks_from_picture(page, d: dict) -> dict:
    """The OCR page's rawdict with each run printed in an ink lighter than the page's body ink
    (read from the scan under it, see above) given LIGHT_INK: an OCR layer is set in one colour
    whatever the page printed, and a deck set in grey is told from the body by its ink alone.
    Lightness only (a scan in grey has no hue). The input dict is not changed."""
    import numpy
    import pymupdf

    scale = INK_DPI / 72
    pix = page.get_pixmap(dpi=INK_DPI, colorspace=pymupdf.csGRAY, alpha=False)
    pixels = numpy.frombuffer(pix.samples, dtype=numpy.uint8).reshape(pix.height, pix.stride)
    to_pixels = page.rotation_matrix * pymupdf.Matrix(scale, scale)

    def ink(box) -> float | None:
        r = pymupdf.Rect(box) * to_pixels
        x0, x1 = sorted((int(r.x0), int(r.x1) + 1))
        y0, y1 = sorted((int(r.y0), int(r.y1) + 1))
        area = pixels[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)].ravel()
        if len(area) < 4 or int(area.max()) - int(area.min()) < INK_MIN_CONTRAST:
            return None
        return float(numpy.median(area[area <= numpy.quantile(area, INK_SHARE)]))

    spans = [
        s
        for b in d.get("blocks", ())
        if b.get("type", 0) == 0
        for ln in b.get("lines", ())
        for s in ln["spans"]
        if s["chars"]
    ]
    inks = {id(s): ink(s["bbox"]) for s in spans}
    weighted = sorted((v, len(s["chars"])) for s in spans if (v := inks[id(s)]) is not None)
    if not weighted:
        return d
    half, seen, body = sum(n for _, n in weighted) / 2, 0, weighted[-1][0]
    for v, n in weighted:  # the median ink by characters: the body's
        seen += n
        if seen >= half:
            body = v
            break
    lighter = {k for k, v in inks.items() if v is not None and v - body > INK_LIGHTER}
    if not lighter:
        return d
    blocks = []
    for b in d.get("blocks", ()):
        if b.get("type", 0) != 0:
            blocks.append(b)
            continue
        lines = [
            dict(ln, spans=[dict(s, color=LIGHT_INK) if id(s) in lighter else s for s in ln["spans"]])
            for ln in b.get("lines", ())
        ]
        blocks.append(dict(b, lines=lines))
    return dict(d, blocks=blocks)
