"""Glyph boxes that do not sit on their baseline, inside a table.

A font may declare a bounding box that has nothing to do with its glyphs (a Founder or TeX math
font's parentheses and italics: "GF(" boxed from its baseline down to a full size below it, while
the CJK text beside it on the same baseline is boxed around it). Rows read from such boxes overlap
the next row, so two rows of a table read as one wrapped row, and a glyph whose box crosses a row
line belongs to no cell. The baseline is right (the text matrix places it): such a glyph is boxed
again from its baseline and size, the way the fonts around it are; every other glyph keeps its box.
"""

from __future__ import annotations

# a glyph's box bottom normally stands a descent (DESCENT of its size) under its baseline; one
# further off than OFF_BASELINE of its size is boxed again: ASCENT above the baseline, DESCENT below
DESCENT = 0.2
ASCENT = 0.8
OFF_BASELINE = 0.35


def upright(ch: dict) -> tuple[float, float]:
    """(top, bottom) of a pdfplumber char: its own, or from its baseline when its box is off it."""
    size = ch.get("size") or (ch["bottom"] - ch["top"])
    matrix = ch.get("matrix")
    if not matrix or not size:
        return ch["top"], ch["bottom"]
    base = ch["top"] + (ch["y1"] - matrix[5])  # the baseline in top-down page space
    if abs(ch["bottom"] - base - DESCENT * size) <= OFF_BASELINE * size:
        return ch["top"], ch["bottom"]
    return base - ASCENT * size, base + DESCENT * size


def _centre_inside(ch: dict, page_height: float, top: float, bottom: float, page_top: float = 0.0) -> bool:
    """The glyph's middle, placed by its baseline, lies between top and bottom. A crop cuts a
    glyph's box (its top or bottom) but not its baseline (the text matrix, in PDF space, measured
    from the page box's corner: pdfplumber's tops stand page_top, its box's top, off that)."""
    size = ch.get("size") or (ch["bottom"] - ch["top"])
    matrix = ch.get("matrix")
    if not matrix or not size:
        return top <= (ch["top"] + ch["bottom"]) / 2 <= bottom
    middle = page_height - matrix[5] - (ASCENT - DESCENT) / 2 * size + page_top
    return top <= middle <= bottom


def words_of(crop) -> list[dict]:
    """pdfplumber's words, each boxed from its glyphs' upright boxes. A crop keeps the slivers of
    glyphs it cuts (a caption set tight on a table's top rule reaches into the table's box by its
    descenders): a word whose glyphs stand with their middles outside the crop is not its text."""
    out = []
    top, bottom = crop.bbox[1], crop.bbox[3]
    root = getattr(crop, "root_page", crop)
    height, page_top = root.height, root.bbox[1]
    for w in crop.extract_words(keep_blank_chars=False, use_text_flow=False, return_chars=True):
        chars = w.pop("chars")
        if chars and not any(_centre_inside(c, height, top, bottom, page_top) for c in chars):
            continue
        boxes = [upright(c) for c in chars]
        if boxes:
            w["top"], w["bottom"] = min(t for t, _ in boxes), max(b for _, b in boxes)
        out.append(w)
    return out


def text_within(crop, bbox: tuple[float, float, float, float]) -> str:
    """The text of the glyphs whose upright boxes lie inside bbox (pdfplumber's within_bbox,
    with a glyph off its baseline placed by its baseline)."""
    x0, top, x1, bottom = bbox

    def inside(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return False
        t, b = upright(obj)
        return x0 <= obj["x0"] and obj["x1"] <= x1 and top <= t and b <= bottom

    return crop.filter(inside).extract_text(use_text_flow=True)
