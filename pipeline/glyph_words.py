"""The words of a table area read from MuPDF's glyphs, for the reader that works without
pdfplumber (tables._read_by_alignment: an area pdfplumber could not read within its time budget).

The layout's lines will not do there: a line is what a reader sees as one run of text, and in a
table a run may cross from one cell to the next (a row label and the cell beside it set a gap
apart), while a wrapped cell's lines carry no record of where each glyph stands. So the glyphs
are read again, inside the area only, and grouped as pdfplumber groups them into words (glyphs of
one line closer than WORD_GAP, a space between words), each glyph boxed from its baseline and
size (_upright_box). Words are dicts with pdfplumber's keys (x0, x1, top, bottom,
text), so the alignment reader shares the rows, columns and Latin-break decisions of the
pdfplumber reader.
"""

from __future__ import annotations

from .cell_text import ASCENT, DESCENT
from .extract import TEXT_FLAGS, _upright, normalize_text
from .models import BBox, RawPage
from .pdf import pymupdf
from .shifted_codes import recode

# Glyphs of one line further apart than this (pt) are two words (pdfplumber's x_tolerance).
WORD_GAP = 3.0
# The clip the glyphs are read through reaches this far (pt) past the area, so that a glyph whose
# box the area cuts is still read and placed by its middle.
CLIP_PAD = 4.0


def _upright_box(origin_y: float, size: float) -> tuple[float, float]:
    """(top, bottom) of a glyph: a box of its size on its baseline (cell_text's ASCENT and
    DESCENT), whatever its font declares. Glyphs of one row stand on one baseline, while the fonts
    beside each other in a cell (a CJK face, a Latin face for its digits) declare other ascenders
    and descenders: boxed by their fonts, the digits of a row stand lower than its ideographs and
    rows read from the boxes part where they should not."""
    return origin_y - ASCENT * size, origin_y + DESCENT * size


def area_words(doc: pymupdf.Document, raw: RawPage, bbox: BBox) -> list[dict]:
    """The words whose glyphs' middles lie inside bbox (in the layout's page space: a page that is
    half of a spread is shifted by its x_offset, a page with /Rotate read upright)."""
    page = doc[(raw.sheet or raw.number) - 1]
    dx = raw.x_offset
    clip = None
    if not page.rotation:
        clip = pymupdf.Rect(
            bbox[0] + dx - CLIP_PAD, bbox[1] - CLIP_PAD, bbox[2] + dx + CLIP_PAD, bbox[3] + CLIP_PAD
        )
    d = page.get_text("rawdict", flags=TEXT_FLAGS, clip=clip)
    recode(page, d)  # glyphs a Latin font's ToUnicode shifts onto ideographs, as extract reads them
    if page.rotation:
        d, _, _ = _upright(d, [], [], page.rotation_matrix)
    words: list[dict] = []
    for block in d["blocks"]:
        for line in block.get("lines", []):
            if abs(line.get("dir", (1.0, 0.0))[1]) > 1e-3:
                continue  # turned text is no cell's row
            glyphs = []
            for span in line["spans"]:
                for ch in span["chars"]:
                    x0, x1 = ch["bbox"][0] - dx, ch["bbox"][2] - dx
                    top, bottom = _upright_box(ch["origin"][1], span["size"])
                    mx, my = (x0 + x1) / 2, (top + bottom) / 2
                    if bbox[0] <= mx <= bbox[2] and bbox[1] <= my <= bbox[3]:
                        glyphs.append((x0, x1, top, bottom, ch["c"]))
            words += _words(sorted(glyphs))
    return words


def _words(glyphs: list[tuple[float, float, float, float, str]]) -> list[dict]:
    """One line's glyphs, left to right, as words: cut at spaces and at gaps wider than WORD_GAP."""
    out: list[dict] = []
    run: list[tuple[float, float, float, float, str]] = []

    def close() -> None:
        text = normalize_text("".join(g[4] for g in run))
        if text.strip():
            out.append(
                {
                    "x0": run[0][0],
                    "x1": max(g[1] for g in run),
                    "top": min(g[2] for g in run),
                    "bottom": max(g[3] for g in run),
                    "text": text,
                }
            )
        run.clear()

    for g in glyphs:
        if g[4].isspace():
            if run:
                close()
            continue
        if run and g[0] - max(r[1] for r in run) > WORD_GAP:
            close()
        run.append(g)
    if run:
        close()
    return out
