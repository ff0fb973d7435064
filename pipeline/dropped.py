"""Text of the text layer a viewer does not draw: clipped away by a clip path, or set outside the
page's crop box (in the media box around it, or beyond the media box).

MuPDF, asked for the page's text as a viewer shows it (extract.TEXT_FLAGS: the clip flag, the crop
box as the text page's box), leaves such glyphs out without a word, so a reader of its text layer
would never know that the file holds a sentence no one sees (a planted keyword list, an earlier
draft's paragraph clipped away, a slug line in the bleed). Every character of the text layer must
end up in exactly one row: the page is read a second time with nothing left out (no clip, a box
with no edge), and what that reading holds that the viewer's does not is returned as hidden text
(residue rows of reason hidden, detail `clipped` or `off_page`; extract warns `text_hidden` with
page and box), never read into the content.

The second reading is MuPDF's interpretation of the page once more (about a millisecond a page of
a magazine); its text is only compared by length with the first one's, and walked glyph by glyph
only on a page where they differ (most pages drop nothing), and run only on a page that draws a
clip path or sets text as one (a page with none cuts nothing away; text outside its crop box is in
the first reading, which has no edge either, and sort_out tells it by its place).
"""

from __future__ import annotations

import operator
from collections import Counter

import pymupdf

from .models import BBox, HiddenText

# a text page's box with no edge a page could reach: everything the content stream draws is in it
_NO_EDGE = pymupdf.Rect(-1e7, -1e7, 1e7, 1e7)
# origins are compared rounded to this many decimals (the two readings give the same floats; the
# rounding only keeps a key from depending on the last bit)
_PLACES = 2
_CHAR = operator.itemgetter("c")


_CLIPPED = 64  # rawdict char_flags: FZ_STEXT_CLIPPED, text set as a clip path (render mode 7)


def whole_text(page: pymupdf.Page, flags: int) -> pymupdf.TextPage:
    """The page's text page with nothing left out: no clip path, no crop box, no media box."""
    return page.get_textpage(flags=flags & ~pymupdf.TEXT_MEDIABOX_CLIP, clip=_NO_EDGE)


def viewer_text(page: pymupdf.Page, flags: int) -> pymupdf.TextPage:
    """The page's text page as a viewer draws it, save that it has no edge: glyphs a clip path
    cuts away are left out (flags' clip flag), glyphs outside the crop box kept (hidden.sort_out
    keeps them out of the lines, as off_page)."""
    return page.get_textpage(flags=flags, clip=_NO_EDGE)


def unrotated_box(page: pymupdf.Page) -> BBox:
    """The page's crop box where the text page stands: the page before its /Rotate turns it."""
    r = page.rect * page.derotation_matrix
    return (min(r.x0, r.x1), min(r.y0, r.y1), max(r.x0, r.x1), max(r.y0, r.y1))


def sets_text_as_clip(d: dict) -> bool:
    """The page sets text as a clip path (render mode 4 to 7): glyphs drawn after it may be cut
    away by it though the page draws no clip path of lines."""
    return any(
        s.get("char_flags", 0) & _CLIPPED
        for b in d.get("blocks", ())
        if b.get("type", 0) == 0
        for ln in b.get("lines", ())
        for s in ln["spans"]
    )


def _key(ch: dict) -> tuple:
    o = ch["origin"]
    return ch["c"], round(o[0], _PLACES), round(o[1], _PLACES)


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def dropped_runs(page: pymupdf.Page, shown: dict, shown_length: int, flags: int) -> list[HiddenText]:
    """The runs of the page's text layer that the viewer's reading (`shown`: its rawdict;
    `shown_length`: the length of its plain text) left out, a record a raw line and reason:
    `off_page` (wholly outside the crop box), `clipped` (inside it, clipped away by a clip path).
    [] on a page that drops nothing (the usual page: told by the two texts' lengths)."""
    whole = whole_text(page, flags)
    if len(whole.extractText()) == shown_length:
        return []
    seen = Counter(
        _key(ch)
        for b in shown.get("blocks", ())
        if b.get("type", 0) == 0
        for ln in b.get("lines", ())
        for s in ln["spans"]
        for ch in s["chars"]
    )
    area = unrotated_box(page)
    out: list[HiddenText] = []
    for b in whole.extractRAWDICT()["blocks"]:
        for ln in b.get("lines", ()):
            runs: dict[str, list[dict]] = {}
            for s in ln["spans"]:
                for ch in s["chars"]:
                    k = _key(ch)
                    if seen[k] > 0:
                        seen[k] -= 1
                        continue
                    why = "clipped" if _overlaps(tuple(ch["bbox"]), area) else "off_page"
                    runs.setdefault(why, []).append(ch)
            for why, chars in runs.items():
                text = "".join(map(_CHAR, chars))
                if text.isspace():
                    continue
                box = (
                    min(c["bbox"][0] for c in chars),
                    min(c["bbox"][1] for c in chars),
                    max(c["bbox"][2] for c in chars),
                    max(c["bbox"][3] for c in chars),
                )
                out.append(HiddenText(" ".join(text.split()), box, why))
    return out
