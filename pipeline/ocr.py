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
