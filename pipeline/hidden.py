"""Text the text layer holds that no reader sees or can read, sorted out before lines are built.

A valid PDF can carry text a viewer never shows, and a reader of its text layer then reads what is
not printed (a planted sentence, a hidden keyword list) or misses that what it reads is not what is
printed. Each glyph run (rawdict span) is judged from what MuPDF reports of how it is drawn:

- invisible: neither filled nor stroked (text render mode 3, or drawn fully transparent);
- tiny: set below TINY_TEXT_PT (a line of text 0.5 pt tall reads as a hairline);
- white on the paper: its colour PAPER_WHITE or lighter and nothing drawn under it (no picture, no
  filled or stroked shape: white type on a photo or a coloured band is printed text);
- under a picture: a picture drawn after it covers COVERED_SHARE of its box (MuPDF gives a page's
  blocks in drawing order: text, then the picture over it);
- unreadable: its fonts name UNREADABLE_SPAN_SHARE or more of its glyphs, and UNREADABLE_MIN_CHARS
  or more, by no readable character (legible.py: U+FFFD, the private use area, a CID read as a
  code point).
- clip_only: set as a clip path only (render mode 7), with nothing painted where it stands (text
  that a picture or a gradient is painted through is printed: a title filled with a photo);
- off_page: wholly outside the page's crop box (extract reads the text page with no edge, so that
  such text is seen; a run across the edge loses its glyphs wholly outside, as a viewer draws it).
(Text a clip path cuts away is found by dropped.py, with its reason clipped.)

Such runs are kept out of the lines (and so out of every content row), and returned with their
reason: residue.py writes them as residue rows (reason `hidden`, the detail saying why), so the
text layer's every character is still accounted for, and extract warns (`text_hidden`,
`glyphs_unreadable`) with page and box.

One exception, by evidence that can disagree: on a scanned page (a picture covering
SCAN_IMAGE_SHARE of it) whose text is mostly invisible, the invisible text is the page's OCR layer,
the only text the page has: it is read, and the page is marked (`RawPage.ocr`: the picture's box)
so that extract warns (`ocr_text`) and confidence.py counts its units' text doubtful (an OCR
engine's words, placed roughly where the picture shows them).
"""

from __future__ import annotations

import operator
import re

from .legible import READABLE
from .models import BBox, HiddenText, RawPage, Rect, Warning, WarningCode

# type set smaller than this (and above 0: a degenerate matrix keeps its text) is no reading size
TINY_TEXT_PT = 2.0
PAPER_WHITE = 0xF5  # each of red, green and blue at least this: the colour of the paper
COVERED_SHARE = 0.9  # a picture drawn over this share of a run's box hides it
# this share of a run's glyphs named by no readable character: a run of wrongly named glyphs ...
UNREADABLE_SPAN_SHARE = 0.1
# ... and at least this many of them: a lone symbol a formula font leaves unnamed (a U+FFFD in a
# paper's sentence) stays where it stands, warned unmapped_glyphs as before
UNREADABLE_MIN_CHARS = 3
# a page hiding more raw lines than this (a dot screen set as 1.5 pt glyphs) gives one record a
# reason, not one a line: the residue names what was hidden and where, not each dot
HIDDEN_RECORDS_MAX = 200
# a scanned page whose invisible characters are at least this share of its text: an OCR layer
OCR_INVISIBLE_SHARE = 0.5
_FILLED_OR_STROKED = 16 | 32  # rawdict char_flags: FZ_STEXT_FILLED, FZ_STEXT_STROKED
# rawdict char_flags: FZ_STEXT_CLIPPED, text set as a clip path only (render mode 7: MuPDF reports
# text also filled or stroked as that alone)
_CLIPPED = 64
_WHITE_RED = PAPER_WHITE << 16  # a colour under this has too little red to be white: most text, told at once

_CHAR = operator.itemgetter("c")
_UNREADABLE = re.compile(
    "[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in READABLE) + "]",
)


def _invisible(s: dict) -> bool:
    return not (s.get("char_flags", 16) & _FILLED_OR_STROKED) or s.get("alpha", 255) == 0


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _covered(box: BBox, pictures: list[BBox]) -> bool:
    area = max(box[2] - box[0], 0.0) * max(box[3] - box[1], 0.0)
    if area <= 0:
        return False
    for p in pictures:
        w = min(box[2], p[2]) - max(box[0], p[0])
        h = min(box[3], p[3]) - max(box[1], p[1])
        if w > 0 and h > 0 and w * h >= COVERED_SHARE * area:
            return True
    return False


def _white(color: int) -> bool:
    return all((color >> shift) & 0xFF >= PAPER_WHITE for shift in (16, 8, 0))


def _on_paper(box: BBox, rects: list[Rect], images: list[BBox]) -> bool:
    """Nothing is drawn under the box: no picture, no shape filled in a colour, no rule or frame."""
    if any(_overlaps(box, im) for im in images):
        return False
    for r in rects:
        if not _overlaps(box, r.bbox):
            continue
        if r.stroked or not r.filled:
            return False
        if r.fill is not None and not all(v >= PAPER_WHITE / 255 for v in r.fill[:3]):
            return False
    return True


def _off(box: BBox, area: BBox) -> bool:
    """Wholly outside the page's crop box (a viewer draws none of it)."""
    return box[2] <= area[0] or box[0] >= area[2] or box[3] <= area[1] or box[1] >= area[3]


def _around(chars: list[dict]) -> BBox:
    """The box around some glyphs of a run."""
    return (
        min(c["bbox"][0] for c in chars),
        min(c["bbox"][1] for c in chars),
        max(c["bbox"][2] for c in chars),
        max(c["bbox"][3] for c in chars),
    )


def _painted_through(box: BBox, rects: list[Rect], images: list[BBox], over: list[BBox]) -> bool:
    """Something is painted where text set as a clip path stands: a picture or a filled shape,
    which shows through the letters (a title filled with a photo or a gradient)."""
    if any(_overlaps(box, p) for p in (*images, *(over or ()))):
        return True
    return any(r.filled and _overlaps(box, r.bbox) for r in rects)


def _why(
    s: dict, text: str, rects: list[Rect], images: list[BBox], over: list[BBox], ocr: bool, area: BBox
) -> str | None:
    """Why no reader sees or reads this run, or None (the tests cheapest first: every run of every
    page takes them)."""
    if _off(s["bbox"], area):
        return "off_page"
    flags = s.get("char_flags", 16)
    if flags & _CLIPPED:  # set as a clip path: only what is painted through it shows
        if not _painted_through(s["bbox"], rects, images, over):
            return "clip_only"
        over = []  # the picture over it is what it is printed in, not a cover
    elif not flags & _FILLED_OR_STROKED or s.get("alpha", 255) == 0:
        return None if ocr else "invisible"
    size = s["size"]
    if 0 < size < TINY_TEXT_PT:
        return "tiny"
    if over and _covered(s["bbox"], over):
        return "under_picture"
    color = s.get("color", 0)
    if color >= _WHITE_RED and _white(color) and _on_paper(s["bbox"], rects, images):
        return "white_on_paper"
    if _UNREADABLE.search(text):
        chars = len(text.replace(" ", ""))
        bad = len(_UNREADABLE.findall(text))
        if bad >= UNREADABLE_MIN_CHARS and bad >= UNREADABLE_SPAN_SHARE * chars:
            return "unreadable"
    return None


def _scan_box(images: list[BBox], page: BBox, share: float) -> BBox | None:
    area = (page[2] - page[0]) * (page[3] - page[1])
    for im in images:
        w = min(im[2], page[2]) - max(im[0], page[0])
        h = min(im[3], page[3]) - max(im[1], page[1])
        if area > 0 and w > 0 and h > 0 and w * h >= share * area:
            return im
    return None


def sort_out(
    d: dict, rects: list[Rect], images: list[BBox], area: BBox, scan_share: float
) -> tuple[dict, list[HiddenText], BBox | None]:
    """The page's rawdict with the runs no reader sees or reads taken out, those runs (a record a
    raw line and reason), and the box of the scan whose invisible text was read as its OCR layer
    (None: no such page). A block's "_over" (extract._text_and_images) lists the pictures drawn
    after it; area: the page's crop box in the dict's space (text wholly outside it is off_page).
    The input dict is not changed."""
    blocks = [b for b in d.get("blocks", []) if b.get("type", 0) == 0]
    scan = _scan_box(images, area, scan_share)
    ocr = False
    if scan is not None:
        total = invisible = 0
        for b in blocks:
            for ln in b.get("lines", []):
                for s in ln["spans"]:
                    n = len(s["chars"])
                    total += n
                    invisible += n if _invisible(s) else 0
        ocr = total > 0 and invisible >= OCR_INVISIBLE_SHARE * total
    # one pass that only looks (most pages hide nothing, and are returned as they are) ...
    found: dict[int, tuple[str, str]] = {}  # id(span) -> (why, text)
    partial: dict[int, list[dict]] = {}  # id(span) -> its glyphs off the page (the rest is on it)
    search = _UNREADABLE.search
    x0, y0, x1, y1 = area
    for b in blocks:
        over = b.get("_over")
        for ln in b.get("lines", ()):
            for s in ln["spans"]:
                text = "".join(map(_CHAR, s["chars"]))
                box = s["bbox"]
                if not (x0 <= box[0] and box[2] <= x1 and y0 <= box[1] and box[3] <= y1) and not _off(
                    box, area
                ):
                    # a run across the page's edge: its glyphs wholly outside are off the page
                    off = [c for c in s["chars"] if _off(c["bbox"], area)]
                    if off and len(off) < len(s["chars"]) and "".join(map(_CHAR, off)).strip():
                        partial[id(s)] = off
                if (  # the usual run, told at once: filled or stroked, a reading size, dark, readable, on the page
                    not over
                    and s.get("char_flags", 16) & _FILLED_OR_STROKED
                    and not s.get("char_flags", 16) & _CLIPPED
                    and x0 < box[2]
                    and box[0] < x1
                    and y0 < box[3]
                    and box[1] < y1
                    and s["size"] >= TINY_TEXT_PT
                    and s.get("color", 0) < _WHITE_RED
                    and s.get("alpha", 255)
                    and not search(text)
                ):
                    continue
                why = _why(s, text, rects, images, over, ocr, area)
                if why is not None and not text.isspace():
                    found[id(s)] = (why, text)
                    partial.pop(id(s), None)
    if not found and not partial:
        return d, [], scan if ocr else None
    # ... and one that takes the hidden runs out, a record a raw line and reason
    hidden: list[HiddenText] = []
    out_blocks = []
    for b in d.get("blocks", []):
        if b.get("type", 0) != 0:
            out_blocks.append(b)
            continue
        lines = []
        for ln in b.get("lines", []):
            keep, gone = [], {}
            for s in ln["spans"]:
                if id(s) in found:
                    why, text = found[id(s)]
                    gone.setdefault(why, []).append((text, s["bbox"]))
                elif id(s) in partial:
                    off = partial[id(s)]
                    on = [c for c in s["chars"] if not any(c is o for o in off)]
                    gone.setdefault("off_page", []).append(("".join(map(_CHAR, off)), _around(off)))
                    keep.append(dict(s, chars=on, bbox=_around(on), origin=on[0]["origin"]))
                else:
                    keep.append(s)
            for why, runs in gone.items():
                text = " ".join(" ".join(t.split()) for t, _ in runs)
                box = (
                    min(r[1][0] for r in runs),
                    min(r[1][1] for r in runs),
                    max(r[1][2] for r in runs),
                    max(r[1][3] for r in runs),
                )
                hidden.append(HiddenText(text, box, why))
            if not gone:
                lines.append(ln)
            elif keep:
                lines.append(dict(ln, spans=keep))
        out_blocks.append(dict(b, lines=lines))
    return dict(d, blocks=out_blocks), merged_if_many(hidden), scan if ocr else None


def merged_if_many(hidden: list[HiddenText]) -> list[HiddenText]:
    """The records as they are, or one a reason when there are more than HIDDEN_RECORDS_MAX."""
    return _merged(hidden) if len(hidden) > HIDDEN_RECORDS_MAX else hidden


def _merged(hidden: list[HiddenText]) -> list[HiddenText]:
    """One record a reason: the texts joined, the box around them all."""
    out = []
    for why in dict.fromkeys(h.why for h in hidden):
        some = [h for h in hidden if h.why == why]
        box = (
            min(h.bbox[0] for h in some),
            min(h.bbox[1] for h in some),
            max(h.bbox[2] for h in some),
            max(h.bbox[3] for h in some),
        )
        out.append(HiddenText(" ".join(h.text for h in some), box, why))
    return out


_SAID = {
    "invisible": "invisible (neither filled nor stroked)",
    "tiny": f"set under {TINY_TEXT_PT:g} pt",
    "white_on_paper": "white on the paper",
    "under_picture": "under a picture drawn over it",
    "unreadable": "glyphs named by no readable character",
    "clipped": "clipped away by a clip path",
    "off_page": "outside the page's crop box",
    "clip_only": "set as a clip path with nothing painted through it",
}
UNREADABLE_FILE_SHARE = 0.9  # this share of a file's text unreadable: nothing of it can be read


def _chars(text: str) -> int:
    return len("".join(text.split()))


def hidden_warnings(pages: list[RawPage], name) -> list[Warning]:
    """One warning a page for what it hides (text_hidden), for what its fonts name wrongly
    (glyphs_unreadable), and for a scan read through its OCR layer (ocr_text), each with the page
    and the box of its first such run (the scan's box). name(page number) -> the page as printed."""
    out: list[Warning] = []
    for p in pages:
        seen = [h for h in p.hidden if h.why != "unreadable"]
        if seen:
            kinds = sorted({h.why for h in seen})
            n = sum(_chars(h.text) for h in seen)
            out.append(
                Warning(
                    WarningCode.TEXT_HIDDEN,
                    f"{n} character(s) on p. {name(p.number)} that no reader sees ({'; '.join(_SAID[k] for k in kinds)}):"
                    f" kept out of the content, in the residue (reason hidden), from {seen[0].text[:30]!r}",
                    page=p.number,
                    bbox=seen[0].bbox,
                )
            )
        bad = [h for h in p.hidden if h.why == "unreadable"]
        if bad:
            n = sum(_chars(h.text) for h in bad)
            out.append(
                Warning(
                    WarningCode.GLYPHS_UNREADABLE,
                    f"{n} character(s) on p. {name(p.number)} in runs whose fonts name their glyphs by no readable "
                    "character (ToUnicode to U+FFFD, the private use area or nothing): kept out of the content, "
                    "in the residue (reason hidden)",
                    page=p.number,
                    bbox=bad[0].bbox,
                )
            )
        if p.ocr is not None:
            out.append(
                Warning(
                    WarningCode.OCR_TEXT,
                    f"p. {name(p.number)} is a scanned picture; its text is an invisible OCR layer, read as the page's "
                    "text (words and places as the OCR engine gave them)",
                    page=p.number,
                    bbox=p.ocr,
                )
            )
    return out


def unreadable_file(pages: list[RawPage], readable_chars: int) -> str | None:
    """Why nothing of the file can be read, or None: its text is all hidden, or nearly all of it
    named by no readable character."""
    bad = sum(_chars(h.text) for p in pages for h in p.hidden if h.why == "unreadable")
    hid = sum(_chars(h.text) for p in pages for h in p.hidden if h.why != "unreadable")
    total = readable_chars + bad + hid
    if bad and bad >= UNREADABLE_FILE_SHARE * total:
        return (
            f"text layer unreadable: {bad} of its {total} characters are glyphs its fonts name by no readable "
            "character (ToUnicode to U+FFFD, the private use area or nothing)"
        )
    if hid and not readable_chars:
        return f"no visible text: all {hid} characters of its text layer are hidden (invisible, tiny, white or covered)"
    return None
