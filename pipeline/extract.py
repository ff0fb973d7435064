"""Stage 1: PDF -> RawDocument (lines with fonts, rectangles, image areas per page).

Producers place text very differently (whole lines, words, or one glyph at a time), so lines
are rebuilt here from PyMuPDF's spans by baseline and gap, and the text layer is normalised
to what a reader sees (Kangxi radicals and compatibility ideographs, ligatures).
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import gc
import hashlib
import operator
import re
import sys
import time
import unicodedata
from pathlib import Path

from . import sideways, vertical
from .budget import OverBudget, cpu_budget
from .dropped import dropped_runs, sets_text_as_clip, unrotated_box, viewer_text
from .errors import IngestError
from .forked import PARALLEL_MIN_PAGES, Forked, can_fork
from .glyphs import SPACE_HOLDER, GlyphRepair
from .hidden import hidden_warnings, merged_if_many, sort_out, unreadable_file
from .models import BBox, HiddenText, Line, RawDocument, RawPage, Recoded, Rect, TurnedRegion
from .ocr import inks_from_picture, sizes_from_heights
from .overprint import STEP_BACK_EM, collapse_overprint, overprint_text, overprint_warnings
from .pdf import pymupdf
from .row_breaks import split_runon_rows
from .rules import Rules
from .shadings import drawn_pictures
from .shifted_codes import recode, recoded_warnings
from .spreads import page_name, split_spreads

# Text at a size below this (0 from a degenerate font matrix in a damaged file) is read at this
# size: it is still text of the page, and every later ratio to a size stays defined.
MIN_TEXT_SIZE = 1.0

# A scanned page: an image covers at least this share of it. A file whose pages are all scans (or
# blank) and that shows fewer than SCAN_CHARS_PER_PAGE characters a page has no text layer to
# read (a stamp or a folio on each scan is not one); a page with a little text and no scan under it
# is a text layer however short ("Hello World").
SCAN_IMAGE_SHARE = 0.5
SCAN_CHARS_PER_PAGE = 20

# Ligatures are expanded by MuPDF itself (we do not ask it to preserve them).
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP

# Look-alike code points that some producers put in the text layer for ordinary characters:
# CJK radicals supplement, Kangxi radicals (⼯ for 工), compatibility ideographs, Latin ligatures.
_LOOKALIKE = re.compile("[\u2015\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\ufb00-\ufb06]")
# Radicals-supplement forms have no Unicode decomposition: the simplified forms fonts map them to
# (Noto CJK SC's ToUnicode gives ⻅ for 见), and the horizontal bar some producers give for the dash.
_FOLD = str.maketrans(
    "⻅⻰⻓⻔⻢⻚⻛⻜⻝⻩⻬⻮⻳⻘⻙⻋⻉⻆⻄⻗⻤⻣⻥⻦⻨⻪⻖⻏⻌⻍⻎⺁⺇⺌⺍⺗⺝⺢⺥⺧⺪⺮⺳⺶⺻⺼⻊⻑―",
    "见龙长门马页风飞食黄齐齿龟青韦车贝角西雨鬼骨鱼鸟麦黾阝阝辶辶辶厂几小小心月氺爪牛疋竹罒羊聿肉足長—",
)


def _fold(ch: str) -> str:
    folded = ch.translate(_FOLD)
    return folded if folded != ch else unicodedata.normalize("NFKC", ch)


def normalize_text(text: str) -> str:
    """Fold look-alikes to what a reader reads; leave full-width punctuation as printed."""
    return _LOOKALIKE.sub(lambda m: _fold(m.group()), text)


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF


def _chinese(ch: str) -> bool:
    """A character of Chinese text: CJK, or the quotes, dashes and dots it shares with Latin."""
    return bool(ch) and (is_cjk(ch) or ch in "“”‘’—…·")


def _script(ch: str) -> str:
    if ch and is_cjk(ch):
        return "cjk"
    return "latin" if ch.isascii() and ch.isalpha() else "other"


def join_text(left: str, right: str) -> str:
    """Join two pieces of a line or paragraph: no space around CJK, one space between words."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if a.isspace() or b.isspace() or is_cjk(a) or is_cjk(b):
        return left + right
    return left + " " + right


# No reader's space follows an opening mark or precedes a closing one, whatever gap the glyph
# widths leave (a narrow Western “ set in Chinese text leaves one).
_OPENERS = "“‘（《「『〈【〔(["
_CLOSERS = "”’）》」』〉】〕)]，。、：；！？,.;:!?"


def _may_space(left: str, right: str) -> bool:
    return left[-1:] not in _OPENERS and right[:1] not in _CLOSERS


# A glyph's box stands on its baseline: it reaches at most this many ems below or above its origin.
# A Type 3 font whose FontBBox says otherwise (a browser's one-glyph font for an em dash, boxed
# five ems above the line) gives boxes off the line; those are rebuilt from the origin and size.
GLYPH_OFF_LINE_EM = 0.5


def _on_baseline(span: dict) -> dict:
    """The span with each glyph box that does not stand on its own baseline rebuilt from its origin
    and the span's size (ascender/descender), and the span's box from its glyphs: a box off the
    line would make the whole line tall and sort it among the lines above."""
    size = span["size"]
    reach = GLYPH_OFF_LINE_EM * size
    for c in span["chars"]:  # the usual case, every glyph on its line: the span as it is
        box = c["bbox"]
        if not box[1] - reach <= c["origin"][1] <= box[3] + reach:
            break
    else:
        return span
    chars = []
    for c in span["chars"]:
        x0, y0, x1, y1 = c["bbox"]
        oy = c["origin"][1]
        if y0 - reach <= oy <= y1 + reach:
            chars.append(c)
            continue
        # the font's ascender and descender come from the same FontBBox: used only when sane
        asc, desc = span.get("ascender") or 0.0, span.get("descender") or 0.0
        asc = asc if 0.5 <= asc <= 1.2 else 0.8
        desc = desc if -0.5 <= desc <= 0.0 else -0.2
        chars.append(dict(c, bbox=(x0, oy - asc * size, x1, oy - desc * size)))
    box = (
        min(c["bbox"][0] for c in chars),
        min(c["bbox"][1] for c in chars),
        max(c["bbox"][2] for c in chars),
        max(c["bbox"][3] for c in chars),
    )
    return dict(span, chars=chars, bbox=box)


_CHAR = operator.itemgetter("c")

# A line is letter-spaced when its glyphs stand this many ems apart or more as a rule (MuPDF then
# puts a space into every gap wider than its own threshold, a fraction of an em).
TRACKED_EM = 0.05
# A gap is a word space only when it is this many ems wider than the line's letter-spacing (the
# same margin _span_runs and _rebuild_lines ask of a gap before they put a space back).
SPACE_OVER_TRACKING_EM = 0.15


def _tracking(spans: list[dict]) -> float | None:
    """The raw line's own letter-spacing: the median white between neighbouring glyphs of a span,
    spaces skipped (None when the line has fewer than four such gaps: too short to show it). A
    producer that justifies a line by character spacing (PDF Tc) spreads every glyph of it alike,
    Chinese and Latin."""
    gaps: list[float] = []
    for s in spans:
        boxes = [c["bbox"] for c in s["chars"] if c["c"] != " "]
        gaps += [b[0] - a[2] for a, b in zip(boxes, boxes[1:], strict=False)]
    if len(gaps) < 4:
        return None
    gaps.sort()
    return gaps[len(gaps) // 2]


def _plain(spans: list[dict]) -> bool:
    """No space to take out, every span long enough to show its own spacing (untracked's usual case).
    (A glyph's "c" is one character: a space among them is a space in their text, found in C.)"""
    return all(len(s["chars"]) > 4 for s in spans) and not any(
        " " in "".join(map(_CHAR, s["chars"])) for s in spans
    )


def untracked(
    spans: list[dict], tracking: float | None = None, plain: bool | None = None
) -> tuple[list[dict], float]:
    """The raw line's spans without the spaces MuPDF made of its letter-spacing, and that spacing.
    On a line spread by character spacing MuPDF reads every gap as a space ("[ 8 ]", "A I", "沈 联
    涛" for [8], AI, 沈联涛): a space whose white, from the glyph before it to the glyph after it, is
    no wider than the line's usual gap plus a fraction of an em is that spacing, not a word space (a
    word space adds its own width to it). A line not letter-spaced is returned as it is. tracking:
    the spacing already read for the line (its own, or its row's when it is too short to show its
    own: _page_line_runs); None, read here. plain: _plain(spans) when the caller has it."""
    if _plain(spans) if plain is None else plain:
        return spans, 0.0  # no space to take out, every span long enough to show its own spacing
    if tracking is None:
        tracking = _tracking(spans) or 0.0
    if not spans or tracking < TRACKED_EM * spans[0]["size"]:
        return spans, tracking
    # the line's glyphs in order, across its spans: MuPDF may set a space it made as a span of its
    # own, or at a span's edge, between two glyphs of one word ("N a t u r e" in a line spread by
    # character spacing, each letter a span, each space another)
    flat = [(s, c) for s in spans for c in s["chars"]]
    drop = {
        j
        for j in range(1, len(flat) - 1)
        if flat[j][1]["c"] == " "
        and flat[j - 1][1]["c"] != " "
        and flat[j + 1][1]["c"] != " "
        and flat[j + 1][1]["bbox"][0] - flat[j - 1][1]["bbox"][2]
        <= tracking + SPACE_OVER_TRACKING_EM * flat[j][0]["size"]
    }
    if not drop:
        return spans, tracking
    out: list[dict] = []
    j = 0
    for s in spans:
        chars = s["chars"]
        keep = [c for i, c in enumerate(chars) if j + i not in drop]
        bridged = j - 1 in drop or j in drop  # the white before its first glyph was letter-spacing
        j += len(chars)
        if not keep:
            continue
        s = s if len(keep) == len(chars) else dict(s, chars=keep)
        if bridged and out and _one_run(out[-1], s):
            out[-1] = _joined(out[-1], s)  # one span again, as it was before MuPDF's space cut it
        else:
            out.append(s)
    return out, tracking


_STYLE = operator.itemgetter("font", "size", "color", "flags")


def _one_run(a: dict, b: dict) -> bool:
    """Two spans of one style on one baseline: one run of text."""
    return _STYLE(a) == _STYLE(b) and abs(a["origin"][1] - b["origin"][1]) < 0.1 * a["size"]


def _joined(a: dict, b: dict) -> dict:
    box_a, box_b = a["bbox"], b["bbox"]
    box = (min(box_a[0], box_b[0]), min(box_a[1], box_b[1]), max(box_a[2], box_b[2]), max(box_a[3], box_b[3]))
    return dict(a, chars=a["chars"] + b["chars"], bbox=box)


def _line_runs(spans: list[dict], tracking: float | None = None, plain: bool | None = None) -> list[dict]:
    """A raw line's spans -> runs (_span_runs), read against the line's own letter-spacing (or the
    one given: untracked)."""
    spans, tracking = untracked(spans, tracking, plain)
    return [run for s in spans for run in _span_runs(s, tracking)]


def _page_line_runs(raw_lines: list[list[dict]]) -> list[list[dict]]:
    """Each raw line's runs (_line_runs). A raw line too short to show its own letter-spacing, with
    a space MuPDF may have made of it ("3 ." for 3., a list number set in a Latin face apart from the
    Chinese of its row, which the producer justifies by character spacing, glyph by glyph), is read
    against the spacing of the nearest longer raw line on its baseline (within ROW_NEIGHBOUR_EM of
    its ends: the rest of its own line, not the next column's)."""
    plain = [_plain(ln) for ln in raw_lines]
    own = [None if p else _tracking(ln) for ln, p in zip(raw_lines, plain, strict=True)]
    short = [t is None and not p for p, t in zip(plain, own, strict=True)]
    if not any(short):
        return [_line_runs(ln, t, p) for ln, t, p in zip(raw_lines, own, plain, strict=True)]
    wanted = {
        _row_key(ln) + d for ln, k in zip(raw_lines, short, strict=True) if k and ln for d in (-1, 0, 1)
    }
    rows: dict[int, list[tuple[float, float, float]]] = {}  # row -> (x0, x1, spacing) of its longer lines
    for ln, t, k in zip(raw_lines, own, short, strict=True):
        if (
            ln
            and not k
            and _row_key(ln) in wanted
            and (t := t if t is not None else _tracking(ln)) is not None
        ):
            rows.setdefault(_row_key(ln), []).append((ln[0]["bbox"][0], ln[-1]["bbox"][2], t))
    out = []
    for ln, t, is_short, p in zip(raw_lines, own, short, plain, strict=True):
        if is_short and ln:
            x0, x1, size = ln[0]["bbox"][0], ln[-1]["bbox"][2], ln[0]["size"]
            near = [
                (max(nx0 - x1, x0 - nx1), v)
                for k in (-1, 0, 1)
                for nx0, nx1, v in rows.get(_row_key(ln) + k, ())
                if max(nx0 - x1, x0 - nx1) <= ROW_NEIGHBOUR_EM * size
            ]
            t = min(near)[1] if near else None
        out.append(_line_runs(ln, t, p))
    return out


# A short raw line reads its letter-spacing from a longer one on its baseline that starts or ends
# within this many ems of it (a word space or two away: the same line of text).
ROW_NEIGHBOUR_EM = 2.0


def _row_key(spans: list[dict]) -> int:
    return round(spans[0]["origin"][1])


def _span_runs(span: dict, tracking: float = 0.0) -> list[dict]:
    """A rawdict span -> runs with their text rebuilt from the glyphs.

    Where a producer left a gap instead of a space character (names in a byline, words set one by
    one) a space is put back; gaps are compared with the span's usual spacing so that justified
    CJK text gets none (a span too short to show it, "沈联涛" in a justified line, is read against
    its line's: tracking). A gap wider than a column gutter splits the span: some producers set the
    same line of two columns in one text run."""
    if not span["chars"]:
        return []
    span = _on_baseline(span)
    chars = span["chars"]
    size = span["size"]
    boxes = [c["bbox"] for c in chars]
    gaps = [b[0] - a[2] for a, b in zip(boxes, boxes[1:], strict=False)]
    widest = max(gaps, default=0.0)
    if gaps and min(gaps) < -STEP_BACK_EM * size:  # a glyph drawn again over the one before it
        span["redrawn"] = True
    if widest <= 0.2 * size and widest <= 1.2 * size:
        # the usual case, told before the usual gap is sorted out: space and gutter below are
        # never less than these, whatever that gap
        span["text"] = "".join(map(_CHAR, chars))
        return [span]
    usual = sorted(gaps)[len(gaps) // 2] if len(gaps) >= 4 else tracking
    space = max(usual + 0.15 * size, 0.2 * size)
    gutter = max(usual + 1.0 * size, 1.2 * size)
    if widest <= space and widest <= gutter:  # no space to put back, no gutter
        span["text"] = "".join(map(_CHAR, chars))
        return [span]
    pieces: list[list[str]] = [[chars[0]["c"]]]
    starts = [0]  # index of each piece's first glyph
    for i, (gap, ch) in enumerate(zip(gaps, chars[1:], strict=False), start=1):
        if gap > gutter:
            pieces.append([ch["c"]])
            starts.append(i)
        else:
            if (
                gap > space
                and ch["c"] != " "
                and pieces[-1][-1] != " "
                and _may_space(pieces[-1][-1], ch["c"])
            ):
                pieces[-1].append(" ")
            pieces[-1].append(ch["c"])
    if len(pieces) == 1:  # the usual case: the span as it is, with its text
        span["text"] = "".join(pieces[0])
        return [span]
    runs = []
    for k, piece in enumerate(pieces):
        glyphs = chars[starts[k] : starts[k + 1] if k + 1 < len(starts) else len(chars)]
        x0, y0 = glyphs[0]["bbox"][0], min(c["bbox"][1] for c in glyphs)
        x1, y1 = glyphs[-1]["bbox"][2], max(c["bbox"][3] for c in glyphs)
        runs.append(
            dict(span, chars=glyphs, text="".join(piece), origin=glyphs[0]["origin"], bbox=(x0, y0, x1, y1))
        )
    return runs


def _span_bold(span: dict) -> bool:
    font = span.get("font", "").lower()
    # flags bit 4 = bold font; char_flags bit 8 = synthetic bold (fill+stroke text).
    return (
        bool(span.get("flags", 0) & 16)
        or "bold" in font
        or "black" in font
        or bool(span.get("char_flags", 0) & 8)
    )


def _ends_in_wide_space(spans: list[dict]) -> bool:
    """The spans end in a full-width space (after their last character, in it or in spans of
    spaces after it)."""
    for s in reversed(spans):
        t = s["text"]
        if "\u3000" in t[len(t.rstrip()) :]:
            return True
        if t.strip():
            return False
    return False


def _line_from_spans(page_no: int, spans: list[dict]) -> Line | None:
    end_space = _ends_in_wide_space(spans)
    spans = [s for s in spans if s["text"].strip()]
    if not spans:
        return None
    if len(spans) == 1:  # most lines: one run, its type the line's
        return _line_from_run(page_no, spans[0], end_space)
    text = ""
    for s in spans:
        text += s["text"]
    weight = {}
    # the marks riding on the line do not vote on its type ("链路[72]。": 4 characters of citation)
    voters = [s for s in spans if not s.get("script")] or spans
    for s in voters:
        key = (round(s["size"], 1), s["font"], _span_bold(s), s["color"], bool(s["flags"] & 2))
        weight[key] = weight.get(key, 0) + len(s["text"].strip())
    # the line's size is the one most of its characters have, whatever fonts they come in (a
    # producer may give every glyph its own Type 3 font: a 5-character citation must not win)
    by_size: dict[float, int] = {}
    for key, n in weight.items():
        by_size[key[0]] = by_size.get(key[0], 0) + n
    main_size = max(by_size, key=by_size.get)
    size, font, bold, color, italic = max((k for k in weight if k[0] == main_size), key=weight.get)
    size = max(size, MIN_TEXT_SIZE)
    if not text.replace(SPACE_HOLDER, "").strip():
        return None  # only repaired spaces (an indent drawn as glyphs)
    x0 = min(s["bbox"][0] for s in spans)
    y0 = min(s["bbox"][1] for s in spans)
    x1 = max(s["bbox"][2] for s in spans)
    y1 = max(s["bbox"][3] for s in spans)
    text = normalize_text(" ".join(text.replace(SPACE_HOLDER, " ").split()))
    main = max((s for s in voters if round(s["size"], 1) == main_size), key=lambda s: len(s["text"].strip()))
    return Line(
        page_no,
        text,
        (x0, y0, x1, y1),
        size,
        sys.intern(font),  # a few fonts name every line of a volume: one string each, not one per line
        bold,
        color,
        italic,
        base=main["origin"][1],
        scripts=_script_spans(text, [s for s in spans if s.get("script")]),
        overprint=overprint_text(spans),
        opens_paragraph=any(s.get("opens_paragraph") for s in spans),
        lead_face=_lead_face(spans, text, (font, bold, color)) if len(spans) > 1 else 0,
        end_space=end_space,
    )


def _line_from_run(page_no: int, s: dict, end_space: bool) -> Line | None:
    """_line_from_spans of a line of one run (with text): the same Line, without weighing types."""
    text = s["text"]
    if not text.replace(SPACE_HOLDER, "").strip():
        return None  # only repaired spaces (an indent drawn as glyphs)
    x0, y0, x1, y1 = s["bbox"]
    text = normalize_text(" ".join(text.replace(SPACE_HOLDER, " ").split()))
    return Line(
        page_no,
        text,
        (x0, y0, x1, y1),
        max(round(s["size"], 1), MIN_TEXT_SIZE),
        sys.intern(s["font"]),
        _span_bold(s),
        s["color"],
        bool(s["flags"] & 2),
        base=s["origin"][1],
        scripts=_script_spans(text, [s] if s.get("script") else []),
        overprint=overprint_text([s]),
        opens_paragraph=bool(s.get("opens_paragraph")),
        end_space=end_space,
    )


def _lead_face(spans: list[dict], text: str, main: tuple) -> int:
    """How many characters of the line's text open it in another face than the text after them,
    when that face follows: 0 when the line opens in it. The text's face is its colour where the
    line holds two (the colour it ends in: a heading in the house colour run into black text may be
    the longer part of the line), else its main weight."""
    texts = [s for s in spans if not s.get("script") and s["text"].strip()] or spans
    if len({s["color"] for s in texts}) > 1:
        ink = texts[-1]["color"]
        k = next((i for i, s in enumerate(spans) if s["color"] == ink and s["text"].strip()), 0)
    else:  # weight alone: a change of font is Latin after Chinese as often as a face
        k = next((i for i, s in enumerate(spans) if _span_bold(s) == main[1]), 0)
    if k == 0:
        return 0
    lead = normalize_text(" ".join("".join(s["text"] for s in spans[:k]).replace(SPACE_HOLDER, " ").split()))
    return len(lead) if lead and text.startswith(lead) and len(lead) < len(text) else 0


def _script_spans(text: str, marks: list[dict]) -> tuple[tuple[int, int], ...]:
    """Where the marks' texts stand in the line's text, in order."""
    out, at = [], 0
    for s in marks:
        mark = normalize_text(s["text"].strip())
        i = text.find(mark, at) if mark else -1
        if i >= 0:
            out.append((i, i + len(mark)))
            at = i + len(mark)
    return tuple(out)


# A run set this much smaller than its line's type, raised or lowered off its baseline, is a mark
# riding on the line (a footnote mark, a citation, m², CO₂), not text of a line of its own.
SCRIPT_RATIO = 0.85
# How far a mark may stand from the word it marks, in ems of the line's type (a thin space before
# a citation, as XeLaTeX's \cite sets it).
SCRIPT_GAP = 0.4
# A glyph this much bigger than its line's type (a formula's ∑, a big bracket: from INFLATED_MIN
# to INFLATED_RATIO times), centred on the line, is part of the line: it stretches the line's
# box, not its baseline.
INFLATED_MIN = 1.5
INFLATED_RATIO = 3.2
INFLATED_CHARS = 2
# Type of two sizes on one baseline, a script change where they meet, is one line ("科促会动态
# CIAPST News") unless the gap between them is a column gutter: the rows around it stop and
# start there too, to within GUTTER_ALIGN pt (a justified column's right edge, the next column's
# left edge), no further than GUTTER_ROWS of the line's type above or below.
GUTTER_ALIGN = 1.0
GUTTER_ROWS = 2.5
# A gap this wide (ems of the larger type) or wider between two runs of one type on one baseline may
# be a column gutter: a house style may set its columns less than an em apart (8 pt at 9 pt type),
# closer than the widest gap inside a line. Narrower gaps are never tested (type on a grid lines up
# at every glyph). It is one when, in the rows GUTTER_REACH ems up and down (two rows either side
# at the loosest leading, 1.9), text of the same type stops at its left edge (within GUTTER_NEAR_EM)
# or starts at its right edge (within GUTTER_INDENT_EM: a first line's indent) and leaves it clear
# in two rows at least (one between Chinese characters no row runs across), and the rows running across it are fewer (Chinese text, whose only wide
# gaps are letter-spacing that the rows around run across) or none (Latin words, whose spaces
# may line up into a river down a few rows); and the text on each side is at least
# GUTTER_COLUMN_EM wide (a column, not the gap after a hanging number).
GUTTER_MIN_EM = 0.5
GUTTER_CLEAR_ROWS = 2  # rows around that leave the gap clear, text stopping or starting at it
GUTTER_CLEAR_ROWS_CJK = 1  # ... between Chinese characters, when no row around runs across it
GUTTER_REACH = 4.0
GUTTER_NEAR_EM = 1.0
GUTTER_INDENT_EM = 2.5
GUTTER_COLUMN_EM = 4.0
ONE_TYPE = 0.03  # runs whose sizes differ by less than this share are set in one type


class _Building:
    """A line being rebuilt: its runs and the run whose type it is set in."""

    __slots__ = ("runs", "ref", "chars")

    def __init__(self, run: dict):
        self.runs = [run]
        self.ref = run
        self.chars = len(run["text"].strip())

    def add(self, run: dict) -> None:
        self.runs.append(run)
        self.chars += len(run["text"].strip())
        if (
            len(run["text"].strip()) > len(self.ref["text"].strip())
            and run["size"] >= SCRIPT_RATIO * self.ref["size"]
        ):
            self.ref = run


def _neighbour(line: _Building, s: dict) -> tuple[dict, dict]:
    """The two runs the gap is measured between: the line's run just left of s and s, or s and
    the line's first run when s comes before all of them."""
    left = [r for r in line.runs if r["bbox"][0] <= s["bbox"][0]]
    if left:
        return max(left, key=lambda r: r["bbox"][2]), s
    return s, min(line.runs, key=lambda r: r["bbox"][0])


class _Rows:
    """The page's runs by baseline, to ask what stands in the rows around a gap."""

    def __init__(self, runs: list[dict]):
        self.runs = sorted(runs, key=lambda r: r["origin"][1])
        self.bases = [r["origin"][1] for r in self.runs]

    def clear_strip(self, left: dict, right: dict, left_x0: float, right_x1: float) -> bool:
        """Is the strip between runs left and right (the text left of it starting at left_x0,
        the text right of it ending at right_x1) a column gutter, as the rows around it show?
        (The rule is told at GUTTER_MIN_EM.)"""
        lo_x, hi_x = left["bbox"][2], right["bbox"][0]
        size = max(left["size"], right["size"])
        width = GUTTER_COLUMN_EM * size
        base, reach = left["origin"][1], GUTTER_REACH * size
        lo = bisect.bisect_left(self.bases, base - reach)
        hi = bisect.bisect_right(self.bases, base + reach)
        crossing: set[int] = set()
        beside: set[int] = set()  # rows (baselines, to half an em) with text stopping or starting at it
        for o in self.runs[lo:hi]:
            off = o["origin"][1] - base
            if abs(off) < 0.5 * size or abs(o["size"] - size) > ONE_TYPE * size:
                continue  # the row itself, or type of another size (a title, a caption)
            x0, x1 = o["bbox"][0], o["bbox"][2]
            row = round(off / (0.5 * size))
            if min(x1, hi_x) - max(x0, lo_x) > GUTTER_ALIGN:
                crossing.add(row)
            elif lo_x - GUTTER_NEAR_EM * size <= x1 <= lo_x + GUTTER_ALIGN:
                beside.add(row)
                left_x0 = min(left_x0, x0)
            elif hi_x - GUTTER_ALIGN <= x0 <= hi_x + GUTTER_INDENT_EM * size:
                beside.add(row)
                right_x1 = max(right_x1, x1)
        clear = len(beside - crossing)
        chinese = _chinese(left["text"].rstrip()[-1:]) and _chinese(right["text"].lstrip()[:1])
        # Chinese text that no row around runs across needs one row beside it (a page's first row,
        # a picture under the next column's first lines: the rows below stop at the gutter or end
        # a paragraph, none starts there)
        need = GUTTER_CLEAR_ROWS_CJK if chinese and not crossing else GUTTER_CLEAR_ROWS
        if clear < need or len(crossing) > (clear if chinese else 0):
            return False
        return lo_x - left_x0 >= width and right_x1 - hi_x >= width

    def gutter(self, left: dict, right: dict) -> bool:
        """Is the gap between left and right a column gutter: another run in the rows around it
        ends where left ends and another starts where right starts (a gutter cuts every row,
        a space between the two scripts of a label only its own)?"""

        def near(run: dict) -> list[dict]:
            base, reach = run["origin"][1], GUTTER_ROWS * run["size"]
            lo = bisect.bisect_left(self.bases, base - reach)
            hi = bisect.bisect_right(self.bases, base + reach)
            return [o for o in self.runs[lo:hi] if abs(o["origin"][1] - base) >= 0.5 * run["size"]]

        stops = any(abs(o["bbox"][2] - left["bbox"][2]) <= GUTTER_ALIGN for o in near(left))
        return stops and any(abs(o["bbox"][0] - right["bbox"][0]) <= GUTTER_ALIGN for o in near(right))


def _place(s: dict, lines: list[_Building], candidates: list[_Building], rows: _Rows) -> None:
    """Put run s on the line it belongs to (the nearest candidate first), or open a new line. A
    mark goes first to the line whose word it follows, only then to one it stands before."""
    size, base = s["size"], s["origin"][1]
    # another line altogether, or the line above or below in type of its size, whatever the pass
    # (_fits' two quick tests, asked once here and not in each pass: most candidates stop here)
    near = []
    for cur in reversed(candidates):
        r_size = cur.ref["size"]
        off = abs(cur.ref["origin"][1] - base)
        if off > size + r_size:
            continue
        if (
            not off <= 0.25 * max(size, r_size)
            and not size < SCRIPT_RATIO * r_size
            and not INFLATED_MIN * r_size <= size <= INFLATED_RATIO * r_size
        ):
            continue
        near.append(cur)
    for after in (True, False):
        for cur in near:
            if _fits(s, cur, after, rows):
                cur.add(s)
                return
    lines.append(_Building(s))


def _fits(s: dict, cur: _Building, after: bool, rows: _Rows) -> bool:
    """Does run s belong on line cur: on its baseline in its type, or a mark riding on it, or a
    formula glyph standing across it (after: only a mark that follows a word of the line)?"""
    size, base = s["size"], s["origin"][1]
    ref = cur.ref
    r_size, r_base = ref["size"], ref["origin"][1]
    if abs(r_base - base) > size + r_size:
        return False  # another line altogether (the quick test: _place already left these out)
    if (
        not abs(r_base - base) <= 0.25 * max(size, r_size)
        and not size < SCRIPT_RATIO * r_size
        and not INFLATED_MIN * r_size <= size <= INFLATED_RATIO * r_size
    ):
        return False  # the line above or below in type of its size: none of the three tests can hold
    a, b = _neighbour(cur, s)
    gap = b["bbox"][0] - a["bbox"][2]
    ratio = max(size, r_size) / max(0.1, min(size, r_size))
    # type of another size on the same baseline is another text (a caption beside a wrapped
    # line) unless it touches (a bigger initial, a smaller unit)
    # "科促会动态 CIAPST News": a label in two scripts and two sizes is still one line
    # a run in the type of the line's run it meets goes on with it: the label's second script
    # drawn in pieces (a faked bold, word by word) is one text with its first piece
    kin = max(a["size"], b["size"]) / max(0.1, min(a["size"], b["size"])) < 1.12
    same_base = abs(r_base - base) <= 0.25 * max(size, r_size) and (
        ratio < 1.12
        or (
            ratio < 1.6
            and (
                gap < 0.05 * min(a["size"], b["size"])
                or ((_mixed_scripts(a, b) or kin) and not rows.gutter(a, b))
            )
        )
    )
    # a superscript or subscript (footnote mark, citation, m², CO₂) rides on its line
    script = (
        size < SCRIPT_RATIO * r_size
        and abs(r_base - base) >= 0.25 * r_size  # raised or lowered off the line
        and gap <= SCRIPT_GAP * r_size  # and touching the word it marks
        and _script_text(s["text"])
        and cur.chars >= 3  # a drop cap's neighbours are lines of their own
        and _within_line(s, cur)
    )
    # a formula glyph bigger than the line's type, standing across the line's middle
    r_mid = (ref["bbox"][1] + ref["bbox"][3]) / 2
    inflated = (
        INFLATED_MIN * r_size <= size <= INFLATED_RATIO * r_size
        and len(s["text"].strip()) <= INFLATED_CHARS
        and abs((s["bbox"][1] + s["bbox"][3]) / 2 - r_mid) <= 0.5 * r_size  # centred on it (a drop cap
        and cur.chars >= 3  # hangs from the first line's top down the lines beside it)
    )
    if script and after and b is not s:
        return False  # a mark with no word before it on this line: another line may have one
    if same_base or script or inflated:
        gap = _ink_gap(a, b)
        # CJK punctuation may be squeezed into its neighbour (”） overlap by up to half an em)
        limit = 0.9 * (r_size if inflated and not same_base else max(size, r_size))
        if -0.6 * min(size, r_size) <= gap <= limit:
            if (
                same_base
                and not script
                and not inflated
                and _gutter_between(a, b, rows, *_extent(cur, a, b, s))
            ):
                return False  # columns set closer than the widest gap inside a line
            if script and not same_base:
                s["script"] = True
            return True
    return False


def _gutter_between(a: dict, b: dict, rows: _Rows, left_x0: float, right_x1: float) -> bool:
    """Is the gap between runs a and b (left to right) a column gutter: wide enough to be one,
    and the rows around it show it (the text left of it starts at left_x0, the text right of it
    ends at right_x1)?"""
    gap = b["bbox"][0] - a["bbox"][2]
    return gap >= GUTTER_MIN_EM * max(a["size"], b["size"]) and rows.clear_strip(a, b, left_x0, right_x1)


def _extent(cur: _Building, a: dict, b: dict, s: dict) -> tuple[float, float]:
    """Where the text left of the gap between a and b starts and where the text right of it ends,
    as far as line cur and the run s being placed show."""
    if b is s:  # s goes after the line's runs
        return min(r["bbox"][0] for r in cur.runs), s["bbox"][2]
    return s["bbox"][0], max(r["bbox"][2] for r in cur.runs)


def _mixed_scripts(a: dict, b: dict) -> bool:
    """Does one script end run a where the other starts run b (CJK and Latin)?"""
    return {_script(a["text"].strip()[-1:]), _script(b["text"].strip()[:1])} == {"cjk", "latin"}


def _within_line(s: dict, cur: _Building) -> bool:
    """Does run s stand (by its middle) between the top and the bottom of line cur's runs?"""
    mid = (s["bbox"][1] + s["bbox"][3]) / 2
    return min(r["bbox"][1] for r in cur.runs) <= mid <= max(r["bbox"][3] for r in cur.runs)


def _merge_touching(lines: list[_Building], rows: _Rows) -> list[_Building]:
    """Two lines on one baseline in one type, the second going on where the first stops, are one
    line (the order runs were placed in can leave a line cut where a mark stood)."""
    out: list[_Building] = []
    for cur in sorted(lines, key=lambda b: (round(b.ref["origin"][1]), min(r["bbox"][0] for r in b.runs))):
        prev = out[-1] if out else None
        if prev is not None:
            p, c = prev.ref, cur.ref
            size = max(p["size"], c["size"])
            if (
                abs(p["origin"][1] - c["origin"][1]) <= 0.25 * size
                and max(p["size"], c["size"]) < 1.12 * min(p["size"], c["size"])
                # (where the one line ends and the other starts: only for lines on one baseline)
                and (end := max(prev.runs, key=lambda r: r["bbox"][2]))
                and (start := min(cur.runs, key=lambda r: r["bbox"][0]))
                and -0.6 * size <= _ink_gap(end, start) <= 0.9 * size
                and not _gutter_between(
                    end,
                    start,
                    rows,
                    min(r["bbox"][0] for r in prev.runs),
                    max(r["bbox"][2] for r in cur.runs),
                )
            ):
                for r in cur.runs:
                    prev.add(r)
                continue
        out.append(cur)
    return out


def _rebuild_lines(page_no: int, raw_lines: list[list[dict]]) -> list[Line]:
    """Merge span runs that sit on one baseline and touch: one visual line, one Line.

    Runs further apart than ~0.9 em are kept apart: that gap is a column gutter or a tab stop.
    Each line is judged by its own type (the run with the most characters), not by its last run:
    after a raised citation the sentence's full stop is back on the line's baseline. The page's
    smaller runs are placed after the others, so that a mark raised above its line's baseline
    (which sorts it first) finds its line already there.
    """
    runs = []
    for spans in raw_lines:
        # a space set as a run of its own between two runs of the line (a producer that changes
        # font for it: the Latin face's space between two Chinese names) is a space
        seen = spaced = False
        for s in spans:
            if s["text"].strip():
                runs.append(dict(s, space_before=True) if spaced else s)
                seen, spaced = True, False
            elif s["text"] and seen:
                spaced = True
    if not runs:
        return []
    runs.sort(key=lambda s: (round(s["origin"][1], 0), s["bbox"][0]))
    weight: dict[float, int] = {}
    for s in runs:
        weight[round(s["size"], 1)] = weight.get(round(s["size"], 1), 0) + len(s["text"].strip())
    body = max(weight, key=weight.get)
    page_rows = _Rows(runs)
    lines: list[_Building] = []
    for s in runs:  # the page's text at its own size first
        if s["size"] >= SCRIPT_RATIO * body:
            _place(s, lines, lines[-6:], page_rows)
    first = len(lines)
    rows = [b.ref["origin"][1] for b in lines]
    for s in runs:  # then the smaller runs: marks on those lines, or lines of small type
        if s["size"] < SCRIPT_RATIO * body:
            lo = bisect.bisect_left(rows, s["origin"][1] - 2 * body)
            hi = bisect.bisect_right(rows, s["origin"][1] + 2 * body)
            _place(s, lines, lines[lo:hi] + lines[max(first, len(lines) - 6) :], page_rows)
    lines = _stack_fractions(_attach_scripts([b.runs for b in _merge_touching(lines, page_rows)], body), body)
    lines = split_runon_rows(lines)  # a row holding a paragraph's end and the next one's start
    out = []
    for spans in lines:
        spans.sort(key=lambda r: r["bbox"][0])
        gaps = [b["bbox"][0] - a["bbox"][2] for a, b in zip(spans, spans[1:], strict=False)]
        # justification spreads glyphs evenly: a space is a gap clearly wider than the line's usual one
        usual = sorted(gaps)[len(gaps) // 2] if len(gaps) >= 4 else 0.0
        merged: list[dict] = []
        for gap, s in zip([0.0, *gaps], spans, strict=True):
            if s.get("script"):  # a mark is one token: "1, 2" set small after a name is "1,2"
                s = dict(s, text="".join(s["text"].split()))
            if merged:
                prev = merged[-1]
                size = s["size"]
                cjk_gap = gap > max(usual + 0.15 * size, 0.2 * size)  # names in a byline, words set apart
                latin_gap = (
                    gap > 0.2 * size and join_text(prev["text"], s["text"]) != prev["text"] + s["text"]
                )
                if (
                    (cjk_gap or latin_gap or s.get("space_before"))
                    and not s.get("script")  # a mark touches the word it marks, whatever the gap
                    and not prev["text"].endswith(" ")
                    and not s["text"].startswith(" ")
                    and _may_space(prev["text"], s["text"])
                ):
                    s = dict(s, text=" " + s["text"])
            merged.append(s)
        line = _line_from_spans(page_no, merged)
        if line:
            out.append(line)
    return _attach_drop_caps(out)


_INK_LEFT = "、，。：；！？）》」』”’"  # full-width marks drawn in the left half of their em box
_INK_RIGHT = "（《「『“‘"  # and those drawn in the right half


def _ink_gap(left: dict, right: dict) -> float:
    """The white space between two runs as the eye sees it: a full-width mark at a line end can
    hang into the gutter with most of its em box empty."""
    end, start = left["bbox"][2], right["bbox"][0]
    if left["text"][-1:] in _INK_LEFT and _em_wide(left, -1):
        end -= 0.5 * left["size"]
    if right["text"][:1] in _INK_RIGHT and _em_wide(right, 0):
        start += 0.5 * right["size"]
    return start - end


def _em_wide(run: dict, i: int) -> bool:
    """Is the run's first or last glyph box a full em? A narrow (Western) “ hugs its ink already."""
    chars = run.get("chars")
    if not chars:
        return True
    box = chars[i]["bbox"]
    return box[2] - box[0] >= 0.75 * run["size"]


# A drop cap is set at least this many times the size of the text beside it.
DROP_CAP_RATIO = 1.8
# a superscript citation ([1-2], [10,12,14], ¹²) rides on its line however many characters it has
_CITATION = re.compile(r"^\s*[\[［(（]?\s*\d{1,3}(?:\s*[,，\-–−~～—鄄]\s*\d{1,3})*\s*[\]］)）]?\s*$")
MAX_SCRIPT_CHARS = 4  # other raised or lowered text this short is a mark (², *, a, †)


# punctuation a producer set as a run of its own, off its line's baseline (CNKI's "、" and "－",
# a Founder full stop with a tall box): put back into the line it touches
_STRAY_PUNCT = re.compile(r"^\s*[.,;:、，。；：．－—\-]{1,2}\s*$")


def _script_text(text: str) -> bool:
    t = text.strip()
    return len(t) <= MAX_SCRIPT_CHARS or bool(_CITATION.match(t))


def _attach_scripts(lines: list[list[dict]], body: float) -> list[list[dict]]:
    """A line made only of small runs (a footnote mark, a superscript) that sits inside the height
    of a bigger line and touches it, or stands in a gap inside it, belongs to that line; a line cut
    in two at the mark (the gap it leaves is wider than a word space) is one line again. body is
    the page's running type size."""

    def stats(runs):  # size, top, bottom, left, right, characters
        if len(runs) == 1:  # most lines: one run, its own figures
            r = runs[0]
            b = r["bbox"]
            return (r["size"], b[1], b[3], b[0], b[2], len(r["text"].strip()))
        boxes = [r["bbox"] for r in runs]
        return (
            max(r["size"] for r in runs),
            min(b[1] for b in boxes),
            max(b[3] for b in boxes),
            min(b[0] for b in boxes),
            max(b[2] for b in boxes),
            sum(len(r["text"].strip()) for r in runs),
        )

    info = [stats(runs) for runs in lines]
    # drop caps (a glyph or two, DROP_CAP_RATIO the page's type or bigger) host nothing: their
    # lines are beside them, not in them; a short line in running type does ("链路[72]。", the last
    # line of a paragraph, cut in two where its citation stands)
    hosts = [
        (runs, st)
        for runs, st in zip(lines, info, strict=True)
        if st[5] >= 3 or st[0] < DROP_CAP_RATIO * body
    ]
    keep = []
    merged: set[int] = set()  # lines taken into another one
    for runs, (size, top, bottom, x0, x1, chars) in zip(lines, info, strict=True):
        if len(runs) > 2:  # no mark: a line of its own
            keep.append(runs)
            continue
        host = None
        text = "".join(r["text"] for r in runs)
        stray = _STRAY_PUNCT.match(text) is not None  # a mark some producers draw as its own run
        # a mark with the punctuation after it ("[1]." when the full stop came out on its own); a
        # line of one run is its own size, no mark smaller than it
        marked = False
        if len(runs) == 2:
            marks = "".join(r["text"] for r in runs if r["size"] < SCRIPT_RATIO * size)
            rest = "".join(r["text"] for r in runs if r["size"] >= SCRIPT_RATIO * size)
            marked = bool(marks.strip()) and _script_text(marks) and _STRAY_PUNCT.match(rest) is not None
        if chars <= MAX_SCRIPT_CHARS or _CITATION.match(text) or marked:
            mid = (top + bottom) / 2
            for other, (o_size, o_top, o_bottom, left, right, _) in hosts:
                if (
                    other is runs
                    or id(other) in merged
                    or (o_size * SCRIPT_RATIO <= size and not ((stray or marked) and size <= 1.15 * o_size))
                    or not o_top <= mid <= o_bottom
                ):
                    continue
                # inside a gap of the line; a mark may be kerned back over the glyph before it
                # (TeX's logo sets its small A half over the L)
                inside = (
                    left - 2 <= x0
                    and x1 <= right + 2
                    and not any(
                        r["bbox"][0] < x1 - 1 and x0 + 1 < r["bbox"][2] and r["bbox"][2] >= x1 for r in other
                    )
                )
                near = max(0.5 * size, SCRIPT_GAP * o_size)  # a thin space before a citation
                if -2 <= x0 - right <= near or -2 <= left - x1 <= near or inside:
                    host = other
                    break
        if host is None:
            keep.append(runs)
            continue
        for r in runs:
            if r["size"] < SCRIPT_RATIO * max(x["size"] for x in host):
                r["script"] = True
        host.extend(runs)
        host.sort(key=lambda r: r["bbox"][0])
        # the host's own words go on right after the mark, cut off as a line of their own
        h_size, h_top, h_bottom = (
            max(r["size"] for r in host),
            min(r["bbox"][1] for r in host),
            max(r["bbox"][3] for r in host),
        )
        for other, (o_size, o_top, o_bottom, left, _, _) in hosts:
            if other is host or id(other) in merged or abs(o_size - h_size) > 0.1 * h_size:
                continue
            if (
                abs(o_top - h_top) < 0.3 * h_size
                and abs(o_bottom - h_bottom) < 0.3 * h_size
                and -2 <= left - x1 <= 0.5 * h_size
            ):
                host.extend(other)
                merged.add(id(other))
                break
    return [runs for runs in keep if id(runs) not in merged]


# A fraction set inline (TeX's \frac in running text): its numerator and denominator are type
# smaller than the line's (SCRIPT_RATIO), one over the other, the denominator's top no further than
# FRACTION_GAP_EM of its type under the numerator's bottom (a fraction bar between them) nor more
# than that above it, the two overlapping across by FRACTION_OVERLAP of the narrower.
FRACTION_GAP_EM = 0.5
FRACTION_OVERLAP = 0.5


def _box(runs: list[dict]) -> tuple[float, float, float, float]:
    boxes = [r["bbox"] for r in runs]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _pieces(runs: list[dict]) -> list[list[dict]]:
    """Runs touching left to right at one height (a denominator's letter and its own subscript: ∂s
    + n), one piece each; a run over or under another is a piece of its own."""
    out: list[list[dict]] = []
    for r in sorted(runs, key=lambda r: r["bbox"][0]):
        last = out[-1][-1]["bbox"] if out else None
        if (
            last is not None
            and r["bbox"][0] - last[2] <= 0.3 * r["size"]
            and r["bbox"][1] < last[3]
            and last[1] < r["bbox"][3]
        ):
            out[-1].append(r)
        else:
            out.append([r])
    return out


def _over(num: tuple, den: tuple, size: float) -> bool:
    """Does the box num stand right over the box den, as a fraction's numerator over its denominator?"""
    overlap = min(num[2], den[2]) - max(num[0], den[0])
    narrower = min(num[2] - num[0], den[2] - den[0])
    return (
        narrower > 0
        and overlap >= FRACTION_OVERLAP * narrower
        and abs(den[1] - num[3]) <= FRACTION_GAP_EM * size
        and num[1] < den[1]
    )


def _numerator(piece: list[dict], line: list[dict], size: float) -> list[dict]:
    """The runs of line (its small type) standing right over piece: the fraction's numerator, left
    to right (∂ and L: a letter of another font is a run of its own)."""
    den, ids = _box(piece), {id(r) for r in piece}
    return sorted(
        (
            r
            for r in line
            if r["size"] < SCRIPT_RATIO * size and id(r) not in ids and _over(r["bbox"], den, r["size"])
        ),
        key=lambda r: r["bbox"][0],
    )


def _with_denominator(line: list[dict], num: list[dict], piece: list[dict]) -> list[dict]:
    """line with its numerator's runs read on into their denominator (∂q then ∂θ) as one run, so
    that the line's order left to right (by left edge: a denominator may start a hair left of its
    numerator) keeps them together, numerator first."""
    parts = [*num, *piece]
    run = dict(
        num[0],
        text="".join(r["text"] for r in parts),
        bbox=_box(parts),
        chars=[c for r in parts for c in r.get("chars") or []],
    )
    gone = {id(r) for r in parts}
    return [run if r is num[0] else r for r in line if r is num[0] or id(r) not in gone]


def _stack_fractions(lines: list[list[dict]], body: float) -> list[list[dict]]:
    """Inline fractions read numerator then denominator, in their line. A denominator hanging below
    the line's box was built as a line of its own ("∂θ ∂sn" between two lines of a paragraph,
    which it cut in two) and one inside it was ordered by its left edge, before its numerator half
    the time. A line of small type only, each of its pieces right under a small run of a line of
    bigger type that it overlaps in height, goes into that line; a small run right under another
    in one line follows it. body: the page's running type size."""
    info = [(_box(runs), max(r["size"] for r in runs)) for runs in lines]
    by_top = sorted(range(len(lines)), key=lambda j: info[j][0][1])
    tops = [info[j][0][1] for j in by_top]
    taken: set[int] = set()
    for i, runs in enumerate(lines):
        box, size = info[i]
        if size >= SCRIPT_RATIO * body:
            continue  # a denominator is set smaller than the running type
        lo = bisect.bisect_left(tops, box[1] - 3 * body)
        for j in by_top[lo : bisect.bisect_left(tops, box[1])]:
            hbox, hsize = info[j]
            if (
                j in taken
                or j == i
                or size >= SCRIPT_RATIO * hsize
                or not hbox[1] < box[1] < hbox[3]  # the denominator's top inside the host's height
                or not (hbox[0] - hsize <= box[0] and box[2] <= hbox[2] + hsize)
            ):
                continue
            pieces = _pieces(runs)
            nums = [_numerator(p, lines[j], hsize) for p in pieces]
            if all(nums) and len({id(r) for n in nums for r in n}) == sum(map(len, nums)):
                for num, piece in zip(nums, pieces, strict=True):
                    lines[j] = _with_denominator(lines[j], num, piece)
                taken.add(i)
                break
    out = []
    for i, runs in enumerate(lines):
        if i in taken:
            continue
        size = info[i][1]
        small = [r for r in runs if r["size"] < SCRIPT_RATIO * size]
        if len(small) >= 2:
            for piece in _pieces(small):
                ids = {id(r) for r in piece}
                if not ids <= {id(r) for r in runs}:
                    continue  # taken into a numerator already
                num = _numerator(piece, runs, size)
                if num:
                    runs = _with_denominator(runs, num, piece)
        out.append(runs)
    return out


def _heads_lines(first: Line, beside: list[Line]) -> bool:
    """first is a heading over the other lines beside a big glyph: alone there, or in another face
    (weight or size) than theirs."""
    rest = [ln for ln in beside if ln is not first]
    return not rest or all(
        ln.bold != first.bold or abs(ln.size - first.size) > 0.05 * first.size for ln in rest
    )


def _attach_drop_caps(lines: list[Line]) -> list[Line]:
    """A drop cap (one or two big glyphs beside the first lines of a paragraph) is the first
    letter of the topmost line beside it; the lines it pushes right start at its left edge."""
    out = []
    for dc in lines:
        if len(dc.text.strip()) > 2:
            out.append(dc)
            continue
        beside = [
            ln
            for ln in lines
            if ln is not dc
            and ln.size * DROP_CAP_RATIO <= dc.size
            and ln.y0 >= dc.y0 - 0.6 * ln.size
            and ln.y0 < dc.y1 + 0.8 * ln.size  # beside the capital (its glyph box stops short of its float)
            and 0 <= ln.x0 - dc.x1 < 2.5 * ln.size
        ]
        if not beside:
            out.append(dc)
            continue
        first = min(beside, key=lambda ln: ln.y0)
        # a bare number set so beside a heading (a line in another face than the lines under it
        # beside the number, or alone) is the heading's running number (a brief's "1" floated big
        # beside "每秒 10 米！…"), a token of its own; beside a paragraph's lines it is the first
        # digit of its first word ("2" + "025 年 3 月 5 日")
        sep = " " if dc.text.strip().isdigit() and _heads_lines(first, beside) else ""
        first.text = dc.text.strip() + sep + first.text
        first.overprint = dc.overprint + first.overprint
        for ln in beside:
            ln.bbox = (dc.x0, ln.y0, ln.x1, ln.y1)
    return out


def _rects(page: pymupdf.Page) -> tuple[list[Rect], bool]:
    """Rectangles and rule segments, one per drawn item: producers draw a table grid as one
    path of many lines or as many single-line paths, and both must look the same here; and
    whether the page draws a clip path (text may then be cut away by it: dropped.py)."""
    rects = []
    clips = False
    for d in page.get_drawings(extended=True):
        kind = d.get("type", "")
        if kind in ("clip", "group"):  # extended's own entries: a clip path, a transparency group
            clips = clips or kind == "clip"
            continue
        filled, stroked = "f" in kind, "s" in kind
        fill = tuple(d["fill"]) if d.get("fill") else None
        items, r = d.get("items", []), d.get("rect")
        sides = _frame_sides(d) if filled else None
        if sides is not None:
            # a border drawn as the ring between two rectangles: its sides are rules, and the
            # rectangle it encloses is no shading
            rects += [Rect(side, filled=True, stroked=False, fill=fill) for side in sides]
            continue
        if filled and r is not None and items and all(it[0] == "l" and _axis_aligned(it) for it in items):
            # a filled rectangle drawn as a path of lines (m l l l h) is a shading, not four rules
            rects.append(Rect((r.x0, r.y0, r.x1, r.y1), filled=True, stroked=stroked, fill=fill))
            continue
        if filled and r is not None and _rounded_rect(items, r):
            # a filled rectangle with rounded corners (straight sides joined by arcs: LaTeX's
            # tcolorbox, a word processor's rounded shape) is a shading too; its sides read as rules
            # drew no box, and the text inside it ran on as the column's
            rects.append(Rect((r.x0, r.y0, r.x1, r.y1), filled=True, stroked=stroked, fill=fill))
            continue
        curves_only = True
        for item in d.get("items", []):
            op = item[0]
            if op == "l":
                p1, p2 = item[1], item[2]
                box = (min(p1.x, p2.x), min(p1.y, p2.y), max(p1.x, p2.x), max(p1.y, p2.y))
                rects.append(Rect(box, filled=False, stroked=True))
                curves_only = False
            elif op in ("re", "qu"):
                r = item[1].rect if op == "qu" else item[1]
                rects.append(Rect((r.x0, r.y0, r.x1, r.y1), filled=filled, stroked=stroked, fill=fill))
                curves_only = False
        r = d.get("rect")
        if curves_only and r is not None and r.width > 0 and r.height > 0:  # rounded box drawn with curves
            rects.append(Rect((r.x0, r.y0, r.x1, r.y1), filled=filled, stroked=stroked, fill=fill))
    return rects, clips


# Sides of a drawn frame thinner than this (pt) are left out: the two rectangles share that edge
FRAME_SIDE_MIN = 0.01


def _frame_sides(d: dict) -> list[BBox] | None:
    """A fill of one rectangle inside another that paints only the ring between them (the even-odd
    rule, or the two wound opposite ways): how Cairo-based producers (WeasyPrint) draw a CSS border,
    every side of it at once, a border-bottom as a 0.4 pt ring whose other sides have no width.
    Its painted sides (top, bottom, left, right bands), or None when the path is anything else."""
    items = d.get("items", [])
    if len(items) != 2 or any(it[0] != "re" for it in items):
        return None
    (_, a, wind_a), (_, b, wind_b) = items
    if not (d.get("even_odd") or wind_a != wind_b):
        return None
    outer, inner = (a, b) if a.width * a.height >= b.width * b.height else (b, a)
    tol = FRAME_SIDE_MIN  # the two rectangles' shared edges differ by rounding
    if not (
        outer.x0 <= inner.x0 + tol
        and outer.y0 <= inner.y0 + tol
        and inner.x1 <= outer.x1 + tol
        and inner.y1 <= outer.y1 + tol
    ):
        return None
    bands = [
        (outer.x0, outer.y0, outer.x1, inner.y0),
        (outer.x0, inner.y1, outer.x1, outer.y1),
        (outer.x0, inner.y0, inner.x0, inner.y1),
        (inner.x1, inner.y0, outer.x1, inner.y1),
    ]
    return [b for b in bands if b[2] - b[0] > FRAME_SIDE_MIN and b[3] - b[1] > FRAME_SIDE_MIN]


# A rounded rectangle's straight sides lie on its bounding box's edges, within this (pt)
ROUNDED_SIDE_SLACK = 0.5


def _rounded_rect(items, r) -> bool:
    """The path is a rectangle with rounded corners: curves and axis-aligned lines only, at least
    one of each, every line along one of the bounding box's edges (a pie slice's or a chart's
    filled shape has lines inside it)."""
    lines = [it for it in items if it[0] == "l"]
    if not lines or len(lines) == len(items) or any(it[0] not in ("l", "c") for it in items):
        return False

    def on_edge(it) -> bool:
        (p1, p2), s = it[1:3], ROUNDED_SIDE_SLACK
        return (abs(p1.x - p2.x) < s and min(abs(p1.x - r.x0), abs(p1.x - r.x1)) < s) or (
            abs(p1.y - p2.y) < s and min(abs(p1.y - r.y0), abs(p1.y - r.y1)) < s
        )

    return all(on_edge(it) for it in lines)


def _axis_aligned(item) -> bool:
    p1, p2 = item[1], item[2]
    return abs(p1.x - p2.x) < 0.01 or abs(p1.y - p2.y) < 0.01


def _upright(
    d: dict, rects: list[Rect], images: list[BBox], m: pymupdf.Matrix
) -> tuple[dict, list[Rect], list[BBox]]:
    """Text and drawings of a page with /Rotate, moved from the unrotated page MuPDF reports them
    in to the page as displayed (lines run left to right again)."""

    def box(b) -> tuple:
        return tuple(pymupdf.Rect(b).transform(m))

    for b in d["blocks"]:
        b["bbox"] = box(b["bbox"])
        for ln in b.get("lines", []):
            ln["bbox"], ln["dir"] = box(ln["bbox"]), _turned_dir(ln.get("dir", (1.0, 0.0)), m)
            for span in ln["spans"]:
                span["bbox"], span["origin"] = box(span["bbox"]), tuple(pymupdf.Point(span["origin"]) * m)
                for c in span["chars"]:
                    c["bbox"], c["origin"] = box(c["bbox"]), tuple(pymupdf.Point(c["origin"]) * m)
    return d, [dataclasses.replace(r, bbox=box(r.bbox)) for r in rects], [box(b) for b in images]


def _box_by(b: BBox, m: pymupdf.Matrix) -> BBox:
    return tuple(pymupdf.Rect(b).transform(m))


def _moved(hidden: list[HiddenText], ocr: BBox | None, move) -> tuple[list[HiddenText], BBox | None]:
    """The hidden runs' boxes and the scan's box moved as the page's text was (move: box -> box),
    so that they stand where the rows of the page read stand."""
    return [dataclasses.replace(h, bbox=move(h.bbox)) for h in hidden], (
        move(ocr) if ocr is not None else None
    )


def _region_upright(
    d: dict, rects: list[Rect], images: list[BBox], tr: TurnedRegion
) -> tuple[dict, list[Rect], list[BBox]]:
    """Text and drawings of a page with a region printed sideways (sideways.turned_region): each
    line, rule and image moved as what it stands in moves (turned upright with the region, down
    or right of it to make room, or left where it is)."""

    def box(b, m) -> tuple:
        return tuple(pymupdf.Rect(b).transform(m))

    for b in d["blocks"]:
        if not b.get("lines"):
            b["bbox"] = box(b["bbox"], sideways.region_move(tr, b["bbox"]))
            continue
        for ln in b["lines"]:
            m = sideways.region_move(tr, ln["bbox"])
            ln["bbox"], ln["dir"] = box(ln["bbox"], m), _turned_dir(ln.get("dir", (1.0, 0.0)), m)
            for span in ln["spans"]:
                span["bbox"], span["origin"] = box(span["bbox"], m), tuple(pymupdf.Point(span["origin"]) * m)
                for c in span["chars"]:
                    c["bbox"], c["origin"] = box(c["bbox"], m), tuple(pymupdf.Point(c["origin"]) * m)
        lines = [ln["bbox"] for ln in b["lines"]]
        b["bbox"] = (
            min(r[0] for r in lines),
            min(r[1] for r in lines),
            max(r[2] for r in lines),
            max(r[3] for r in lines),
        )
    rects = [dataclasses.replace(r, bbox=box(r.bbox, sideways.region_move(tr, r.bbox))) for r in rects]
    return d, rects, [box(i, sideways.region_move(tr, i)) for i in images]


def _turned_dir(d: tuple[float, float], m: pymupdf.Matrix) -> tuple[float, float]:
    """A line's direction on the page as displayed: text upright there reads (1, 0), text turned
    on the displayed page stays turned (vertical.py reads it)."""
    x, y = d[0] * m.a + d[1] * m.c, d[0] * m.b + d[1] * m.d
    return (round(x, 6) + 0.0, round(y, 6) + 0.0)


_IMAGE_BLOCK = pymupdf.mupdf.FZ_STEXT_BLOCK_IMAGE


def _text_and_images(page: pymupdf.Page, clips: bool) -> tuple[dict, list[BBox], list[HiddenText]]:
    """The page's rawdict text, the boxes of its images, and the text a viewer does not draw
    because a clip path cuts it away (dropped.py; clips: the page draws any clip path or sets text
    as one, else nothing can be cut away), from one pass over the page (and, where something may
    be cut away, a second one for what the first left out). The text page has no edge: text set
    outside the crop box stays in it, for sort_out to keep out of the lines (hidden.py, off_page).

    rawdict would give each image block its picture too, copied out of the file or, when the file
    holds it in a form that is no image format of its own (Flate, raw samples), decoded and
    encoded as PNG: most of the reading time of a page of photos, for bytes nobody reads here. The
    image blocks are taken out of the text page while its text is made into the dict, and put
    back before it is dropped (it releases the images through them); their boxes are the ones
    rawdict gives, kept or left out as it keeps or leaves them out (wholly on the page)."""
    tp = viewer_text(page, TEXT_FLAGS | pymupdf.TEXT_PRESERVE_IMAGES)
    stext = tp.this.m_internal
    blocks = []
    b = stext.first_block
    while b:
        blocks.append(b)
        b = b.next
    if not any(b.type == _IMAGE_BLOCK for b in blocks):
        d = tp.extractRAWDICT(cb=page.cropbox)
        if not (clips or sets_text_as_clip(d)):
            return d, [], []
        return d, [], dropped_runs(page, d, len(tp.extractText()), TEXT_FLAGS)
    images = _image_boxes(page, blocks)
    text = [b for b in blocks if b.type != _IMAGE_BLOCK]
    try:
        _link(stext, text)
        d = tp.extractRAWDICT(cb=page.cropbox)
        clips = clips or sets_text_as_clip(d)
        shown = len(tp.extractText()) if clips else 0
    finally:
        _link(stext, blocks)
    _mark_pictures_over(d, blocks, images)
    return d, images, dropped_runs(page, d, shown, TEXT_FLAGS) if clips else []


def _mark_pictures_over(d: dict, blocks: list, images: list[BBox]) -> None:
    """Each rawdict text block's "_over": the boxes of the pictures drawn after it, in MuPDF's
    drawing order of the page's blocks (a picture over text hides it: hidden.py). Only when the
    dict holds every text block of the page, in order (else which block is which is not known)."""
    mupdf = pymupdf.mupdf
    text_blocks = [b for b in d["blocks"] if b.get("type", 0) == 0]
    kinds = [b.type for b in blocks]
    if len(text_blocks) != sum(k != _IMAGE_BLOCK for k in kinds) or not images:
        return
    later: list[BBox] = []  # the pictures after the block, walking from the last block back
    k = len(text_blocks)
    for b in reversed(blocks):
        if b.type == _IMAGE_BLOCK:
            box = mupdf.FzRect(b.bbox)
            later.append((box.x0, box.y0, box.x1, box.y1))
            continue
        k -= 1
        if later:
            text_blocks[k]["_over"] = list(later)


@contextlib.contextmanager
def _no_cycles_made():
    """The cyclic garbage collector held off while one page is read and its lines rebuilt. MuPDF's
    rawdict is a tree of dicts, lists and tuples (a dict a glyph, thousands a page) that holds no
    cycle and is freed by reference counting once the page's lines are made. Left on, the collector
    ran every 700 new objects, over them and, as they were promoted, over the whole process (full
    collections): some 0.15 s of a run on the 76-page sample, for nothing to collect. Held off for
    one page at a time only: what cycles a page's reading makes are collected right after it (a
    threshold raised for the whole run let them pile up and cost a volume's peak memory)."""
    if not gc.isenabled():  # the caller has its own reasons
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _image_boxes(page: pymupdf.Page, blocks) -> list[BBox]:
    """The boxes of the image blocks rawdict would give on a text page the size of the page (the
    text page here has no edge: dropped.viewer_text): each box cut to the page, a picture wholly
    off it left out."""
    mupdf = pymupdf.mupdf
    page_rect = mupdf.FzRect(*unrotated_box(page))
    boxes = []
    for b in blocks:
        if b.type != _IMAGE_BLOCK:
            continue
        box = mupdf.fz_intersect_rect(page_rect, mupdf.FzRect(b.bbox))
        if mupdf.fz_is_empty_rect(box):
            continue
        boxes.append((box.x0, box.y0, box.x1, box.y1))
    return boxes


def _link(stext, blocks) -> None:
    """Make blocks the text page's list of blocks, in this order."""
    stext.first_block = blocks[0] if blocks else None
    stext.last_block = blocks[-1] if blocks else None
    for a, b in zip(blocks, blocks[1:], strict=False):
        a.next, b.prev = b, a
    if blocks:
        blocks[0].prev = blocks[-1].next = None


def open_pdf(path: Path, rules: Rules) -> pymupdf.Document:
    """Open an untrusted PDF or raise IngestError with a one-line reason.

    Safety: PyMuPDF never runs a PDF's JavaScript (MuPDF's JS engine is not enabled on the
    document: `pdf_js_supported()` is false) and never opens embedded files, launch actions or
    links by itself; we only read text, drawings and image positions.

    A damaged file that MuPDF repairs while opening (e.g. a missing xref at the end) is accepted;
    `extract` reads it page by page and names the repair in a warning. The reasons given here are
    the precise ones: damaged (MuPDF could not open it, or found no page in what it repaired),
    encrypted, zero pages (a sound file whose page tree is empty).
    """
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "file not found")
    if not path.is_file():
        raise IngestError(path, "not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(path, "empty file (0 bytes)")
    max_mb = rules.get("limits", "max_file_mb", default=500)
    if size > max_mb * 1024 * 1024:
        raise IngestError(path, f"file too large ({size / 2**20:.0f} MB > {max_mb} MB limit)")
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise IngestError(path, "not a PDF (no %PDF header)")
    pymupdf.TOOLS.reset_mupdf_warnings()
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as e:  # MuPDF raises its own types
        why = _open_failure(e)
        if _ENCRYPTION.search(why):  # a security handler MuPDF does not have (certificates)
            raise IngestError(path, f"encrypted PDF, with a security MuPDF cannot open ({why})") from e
        raise IngestError(path, f"corrupted PDF, cannot be opened ({why})") from e
    opened = _damage_messages(pymupdf.TOOLS.mupdf_warnings())
    try:
        if doc.needs_pass and not doc.authenticate(""):
            raise IngestError(path, "encrypted PDF (password required)")
        try:
            n = doc.page_count
        except Exception as e:  # "Invalid number of pages" from a page tree that lies
            raise IngestError(path, f"PDF damaged: its page tree cannot be read ({_one_line(e)})") from e
        if n == 0:
            if doc.is_repaired or opened:
                tree = [m for m in opened if _TREE.search(m)]  # the page tree's own damage, if named
                why = (tree or opened or ["its cross-reference table had to be rebuilt"])[0]
                raise IngestError(path, f"PDF damaged: no page can be found in it (MuPDF: {why})")
            broken = _broken_page_tree(doc)
            if broken:
                raise IngestError(path, f"PDF damaged: {broken}")
            raise IngestError(path, "PDF has zero pages")
        max_pages = rules.get("limits", "max_pages", default=20000)
        if n > max_pages:
            raise IngestError(path, f"too many pages ({n} > {max_pages} limit in rules)")
    except IngestError:
        doc.close()
        raise
    return doc


def _broken_page_tree(doc: pymupdf.Document) -> str | None:
    """Why a file MuPDF opened without repair shows no page, when the reason is damage and not an
    empty page tree: no catalog, a catalog without /Pages, or /Pages naming an object the
    cross-reference table does not hold or that is no page tree node."""
    try:
        root = doc.pdf_catalog()
        if root <= 0:
            return "it has no document catalog (trailer /Root)"
        kind, value = doc.xref_get_key(root, "Pages")
        if kind != "xref":
            return "its catalog names no page tree (/Pages is missing)"
        num = int(value.split()[0])
        if num >= doc.xref_length():
            return f"its page tree ({value}) is not in the cross-reference table"
        if doc.xref_get_key(num, "Type")[1] != "/Pages":
            return f"its page tree ({value}) is not a /Pages node"
    except Exception as e:  # noqa: BLE001 - MuPDF raises its own types on what will not parse
        return f"its page tree cannot be read ({_one_line(e)})"
    return None


# MuPDF messages that mean part of a page's content could not be loaded (truncated or damaged
# file). MuPDF reports them as warnings and goes on with what it could read, so we check them.
_DAMAGE = re.compile(
    r"cannot (load|find|read|parse)|not a stream|zlib error|syntax error|format error|expected '|"
    r"unexpected end|premature end|non-page object|page tree|invalid key|cycle",
    re.IGNORECASE,
)


def _damage_messages(text: str) -> list[str]:
    """MuPDF's warnings that say content was lost, in order, without its folded repeats."""
    out: list[str] = []
    for msg in text.splitlines():
        msg = msg.strip()
        if msg.startswith("...") or not _DAMAGE.search(msg):
            continue
        if msg not in out:
            out.append(msg)
    return out


def _what_was_lost(messages: list[str]) -> str:
    """One line for a warning: the object MuPDF could not load, if it says, and why."""
    lost = [m for m in messages if m.startswith("cannot load") or m.startswith("cannot parse")]
    why = [m for m in messages if m not in lost]
    parts = lost[:1] + why[:1]
    more = len(lost) - 1
    return "; ".join(parts) + (f" (and {more} more object(s))" if more > 0 else "")


# Messages about the page tree as a whole (a cycle, a non-page node): MuPDF then finds the pages
# by scanning the file; they are the file's damage, not the page's being read.
_TREE = re.compile(r"page tree", re.IGNORECASE)


@dataclasses.dataclass
class _PageRead:
    """What MuPDF gave for one page: its text dict, drawings and images, and what went wrong."""

    width: float
    height: float
    text: dict
    rects: list[Rect]
    images: list
    damage: list[str]  # MuPDF's messages about lost content while reading this page
    failure: str | None = None  # why nothing of the page could be read
    tree: list[str] = dataclasses.field(default_factory=list)  # about the page tree, not the page
    sized: bool = True  # width and height are the page's own (False: the size given, the page not loaded)
    turn: int = 0  # printed sideways in its content stream, read turned upright (sideways.py)
    region: TurnedRegion | None = None  # a region of it printed sideways, read turned upright in place
    fields: list[BBox] = dataclasses.field(default_factory=list)  # form fields printed (_printed_fields)
    hidden: list[HiddenText] = dataclasses.field(
        default_factory=list
    )  # what no reader sees or reads (hidden.py)
    ocr: BBox | None = None  # a scan whose invisible text was read as its OCR layer: the scan's box
    recoded: list[Recoded] = dataclasses.field(default_factory=list)  # read by their font's encoding


# a widget's annotation flags (PDF 32000 12.5.3) that keep a viewer from printing it on the page
_HIDDEN_ANNOT = 1 << 1 | 1 << 5  # Hidden, NoView


def _printed_fields(page) -> list[BBox]:
    """The boxes of the page's form fields (AcroForm widgets) that a viewer prints: one with a
    normal appearance stream (/AP), not hidden. MuPDF reads the text of that appearance (the
    field's value, a list box's options shown) with the page's; what stands inside such a box is
    the field's, not the page's running text (furniture kind form_field)."""
    if page.first_widget is None:
        return []
    doc, out = page.parent, []
    for w in page.widgets():
        kind, flags = doc.xref_get_key(w.xref, "F")
        hidden = kind == "int" and int(flags) & _HIDDEN_ANNOT
        if not hidden and doc.xref_get_key(w.xref, "AP")[0] != "null":
            r = w.rect * page.rotation_matrix if page.rotation else w.rect
            out.append((r.x0, r.y0, r.x1, r.y1))
    return out


def _page_messages() -> tuple[list[str], list[str]]:
    """MuPDF's damage messages since the last reset: (the page's own, the page tree's)."""
    messages = _damage_messages(pymupdf.TOOLS.mupdf_warnings())
    return [m for m in messages if not _TREE.search(m)], [m for m in messages if _TREE.search(m)]


def _read_page(doc: pymupdf.Document, i: int, size: tuple[float, float], seconds: float = 0) -> _PageRead:
    """One page, guarded: any failure of MuPDF on this page is the page's, never the file's
    (a page tree with a cycle, a content stream that is not a stream, an object that will not
    parse), and so is a page MuPDF takes more than `seconds` of CPU time to read (0: no budget)."""
    pymupdf.TOOLS.reset_mupdf_warnings()
    width, height = size
    sized = False
    turn = 0
    region = None
    fields: list[BBox] = []
    recoded = []
    try:
        with cpu_budget(seconds):
            page = doc.load_page(i)
            width, height = page.rect.width, page.rect.height
            sized = True
            rects, clips = _rects(page)
            d, images, dropped = _text_and_images(page, clips)
            images += drawn_pictures(page, d, images)  # figures filled with a gradient, no image in them
            fields = _printed_fields(page)
            # what no reader sees or reads leaves the text before anything reads it
            d, hidden, ocr = sort_out(d, rects, images, unrotated_box(page), SCAN_IMAGE_SHARE)
            hidden = merged_if_many(hidden + dropped)
            if ocr is not None:  # a scan read through its OCR layer (ocr.py) ...
                d = sizes_from_heights(d)  # ... its runs' sizes read from their heights
                d = inks_from_picture(page, d)  # ... and their colours from the ink under them
                # ... and its picture is the page itself, not a figure on it: layout finds the
                # columns, paragraphs and headings of its text as on a page set in type
                images = [im for im in images if im != ocr]
            if page.rotation:  # /Rotate: read in the upright page a person sees
                d, rects, images = _upright(d, rects, images, page.rotation_matrix)
                hidden, ocr = _moved(hidden, ocr, lambda b: _box_by(b, page.rotation_matrix))
            # a page with no line running up or down (most pages) is neither turned nor partly
            # turned: its glyphs are not counted (sideways.may_turn)
            turnable = sideways.may_turn(d)
            turn = sideways.counted_turn(d) if turnable else 0
            # partly upright: a table printed sideways under or beside upright text
            region = sideways.turned_region(d, rects, width, height) if turnable else None
            if region is not None:  # its region read turned upright in place, the rest as it stands
                turn = 0
                d, rects, images = _region_upright(d, rects, images, region)
                hidden, ocr = _moved(hidden, ocr, lambda b: _box_by(b, sideways.region_move(region, b)))
                width, height = width + region.dx, height + region.dy
            if turn:  # printed sideways without /Rotate: read as the reader turns it
                m = sideways.turn_matrix(turn, width, height)
                d, rects, images = _upright(d, rects, images, m)
                hidden, ocr = _moved(hidden, ocr, lambda b: _box_by(b, m))
                width, height = height, width
            # a Latin font whose ToUnicode names its codes as a row of ideographs: read by its encoding
            recoded = recode(page, d)
    except OverBudget:  # a page built to stall the reader (or far beyond any magazine's): given up
        damage, tree = _page_messages()
        why = f"not read within its time budget ({seconds:g} s of CPU time, limits.page_seconds)"
        return _PageRead(width, height, {"blocks": []}, [], [], damage, why, tree, sized)
    except Exception as e:  # MuPDF raises its own types
        damage, tree = _page_messages()
        why = _one_line(e) or type(e).__name__
        return _PageRead(width, height, {"blocks": []}, [], [], damage, why, tree, sized)
    damage, tree = _page_messages()
    failure = None
    has_text = any(b.get("type", 0) == 0 and b.get("lines") for b in d["blocks"])
    if damage and not has_text:
        # content was lost and nothing of the text survived: the page cannot be read (a blank page
        # in a sound file, or a damaged page that kept its drawings, are different things)
        failure = _what_was_lost(damage)
    if not failure and not has_text and tree and (doc.is_repaired or not (rects or images)):
        failure = tree[0]  # a page the damaged tree left without content
    # (a page read turned, in whole or in part, keeps no field boxes: they stand in the page's frame)
    fields = [] if turn or region is not None else fields
    return _PageRead(
        width,
        height,
        d,
        rects,
        images,
        damage,
        failure,
        tree,
        turn=turn,
        region=region,
        fields=fields,
        hidden=hidden,
        ocr=ocr,
        recoded=recoded,
    )


# MuPDF keeps what it decoded (fonts above all) in one store for the process, up to 256 MB by
# default: a volume binding many issues, each with its own embedded fonts, would fill it. It is
# emptied every this many pages read: an issue's fonts are decoded again once per window.
STORE_WINDOW_PAGES = 64


def _bound_store(i: int) -> None:
    """Empty MuPDF's store before the i-th page read when a window of pages has passed."""
    if i and i % STORE_WINDOW_PAGES == 0:
        pymupdf.TOOLS.store_shrink(100)


_ENCRYPTION = re.compile(r"encryption|security handler|crypt", re.IGNORECASE)


def _open_failure(e: BaseException) -> str:
    """Why MuPDF could not open a file: the innermost reason it chained ("unknown encryption
    handler: 'Adobe.PubSec'", "no objects found"), not PyMuPDF's "Failed to open file <path>"."""
    reasons = []
    while e is not None and len(reasons) < 10:
        reasons.append(_one_line(e))
        e = e.__cause__ or e.__context__
    specific = [r for r in reasons if r and not r.startswith("Failed to open file")]
    return specific[-1] if specific else reasons[0] or "MuPDF gave no reason"


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())[:200]
    return re.sub(r"^code=\d+:\s*", "", text)


def _page_list(pages: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ", ".join(f"{a}-{b}" if b > a else f"{a}" for a, b in runs)


def _file_notes(doc: pymupdf.Document, data: bytes, opened: list[str]) -> list[str]:
    """What a reader of the output should know about the file itself: MuPDF repaired it, or an
    object is defined twice within one revision (two readers may show different content)."""
    notes = []
    if doc.is_repaired:
        why = f" ({opened[0]})" if opened else ""
        notes.append(f"repaired by MuPDF: its cross-reference table was broken and has been rebuilt{why}")
    elif opened:
        notes.append(f"damaged file read by MuPDF past: {'; '.join(opened[:2])}")
    twice = redefined_objects(data)
    if twice:
        shown = ", ".join(f"{n} {g} R" for n, g in twice[:5]) + (" …" if len(twice) > 5 else "")
        notes.append(
            f"{len(twice)} object(s) defined twice within one revision ({shown}): "
            "readers may disagree on the content; MuPDF's reading was used"
        )
    return notes


_OBJ = re.compile(rb"(?<![0-9])([0-9]{1,10})[ \t\r\n\f\0]+([0-9]{1,5})[ \t\r\n\f\0]+obj\b")
_EOF = re.compile(rb"%%EOF")


def redefined_objects(data: bytes) -> list[tuple[int, int]]:
    """Objects whose number appears in two `N G obj` headers of one revision (between two %%EOF
    markers). An incremental update legitimately redefines objects in a later revision; twice in
    one revision only a damaged or crafted file does."""
    seen: set[tuple[int, int, int]] = set()
    twice: list[tuple[int, int]] = []
    ends = [m.end() for m in _EOF.finditer(data)]
    rev = 0
    for m in _obj_headers(data):
        while rev < len(ends) and m.start() >= ends[rev]:
            rev += 1
        key = (rev, int(m.group(1)), int(m.group(2)))
        if key in seen and key[1:] not in twice:
            twice.append(key[1:])
        seen.add(key)
    return twice


_HEADER_BYTES = b"0123456789 \t\r\n\f\0"  # what an `N G obj` header holds before its obj


def _obj_headers(data: bytes):
    """_OBJ's matches in data, as _OBJ.finditer gives them, found from each "obj" (a search for a
    literal, in C) back: _OBJ tried at every byte of the file was most of the time of reading its
    headers. A header is digits and white space up to its obj, so it starts in the run of those
    bytes right before the obj, and no other obj's header can overlap it; _OBJ searched in that
    run (the byte before it is none of them: the look-behind reads the same there) finds it."""
    for m in _OBJ_WORD.finditer(data):
        i = m.start()
        lo = max(0, i - 64)
        while True:  # the run of header bytes before the obj, however long
            head = data[lo:i]
            start = i - (len(head) - len(head.rstrip(_HEADER_BYTES)))
            if start > lo or lo == 0:
                break
            lo = max(0, lo - 4096)
        found = _OBJ.search(data, start, i + 4)
        if found is not None:
            yield found


_OBJ_WORD = re.compile(rb"obj")


def sound_copy(doc: pymupdf.Document) -> bytes:
    """The document as MuPDF reads it, written out afresh for another reader (pdfplumber) that
    cannot cope with the file's own damage. Objects MuPDF cannot load are written as null (their
    content was lost for MuPDF too); the original document is not touched."""
    try:
        return doc.tobytes()
    except Exception:  # noqa: BLE001 - an object that will not parse stops the writer
        pass
    if not doc.name:
        raise ValueError("an in-memory document that cannot be written")
    copy = pymupdf.open(doc.name, filetype="pdf")
    try:
        if copy.needs_pass:
            copy.authenticate("")
        for xref in range(1, copy.xref_length()):
            try:
                copy.xref_object(xref)
            except Exception:  # noqa: BLE001
                copy.update_object(xref, "null")
        return copy.tobytes()
    finally:
        copy.close()


def _is_scan(page: RawPage) -> bool:
    area = page.width * page.height
    return area > 0 and any(
        (min(x1, page.width) - max(x0, 0)) * (min(y1, page.height) - max(y0, 0)) >= SCAN_IMAGE_SHARE * area
        for x0, y0, x1, y1 in page.images
    )


def _no_text_layer(pages: list[RawPage], chars: int) -> str | None:
    """Why the file has no text layer to read, or None: no page holds a character, or every page
    is a scan (or blank) and what text there is would not fill a line a page."""
    n = len(pages)
    scans = sum(_is_scan(p) for p in pages)
    what = f"{n} page{'s' if n > 1 else ''}"
    if scans:
        what += (
            ", a scanned image"
            if n == 1
            else ", all scanned images"
            if scans == n
            else ", one a scanned image"
            if scans == 1
            else f", {scans} of them scanned images"
        )
    if chars == 0:
        return f"{what}, no character of text"
    with_text = [p for p in pages if any(ln.text.strip() for ln in p.lines)]
    if all(_is_scan(p) for p in with_text) and chars < SCAN_CHARS_PER_PAGE * n:
        return f"{what}, only {chars} characters of text"
    return None


def _raw_lines(got: _PageRead) -> list[list[dict]]:
    """The rawdict spans of each raw line of a page read (a turned line's tagged with its
    direction: vertical.mark_direction)."""
    return [
        vertical.mark_direction(ln) for b in got.text["blocks"] if b.get("type", 0) == 0 for ln in b["lines"]
    ]


def _lines_of(page_no: int, spans: list[list[dict]]) -> list[Line]:
    """A page's lines rebuilt from its raw lines' spans; text running down or up the page is
    rebuilt on its own, whole and in reading order (vertical.py), never into the lines beside it;
    glyphs drawn more than once are read once (overprint.py)."""
    spans, turned = vertical.take_vertical(page_no, spans)
    runs = _page_line_runs(spans)
    return _rebuild_lines(page_no, collapse_overprint(runs, _span_runs)) + turned


def _lines_by_side(page_no: int, spans: list[list[dict]], fold: float) -> tuple[list[Line], list[Line]]:
    """A spread's lines, each side's rebuilt on its own (a producer may run one raw line across
    both pages' lines at the same height; rebuilt together they would join over the fold). A
    raw line with a run crossing the fold (a headline set across both pages) stays whole, on the
    side holding most of it. Coordinates stay the PDF page's."""
    left: list[list[dict]] = []
    right: list[list[dict]] = []
    spans, turned = vertical.take_vertical(page_no, spans)
    lines = collapse_overprint(_page_line_runs(spans), _span_runs)
    for runs in lines:
        if not runs:
            continue
        if any(r["bbox"][0] < fold < r["bbox"][2] for r in runs):
            x0, x1 = min(r["bbox"][0] for r in runs), max(r["bbox"][2] for r in runs)
            (left if fold - x0 >= x1 - fold else right).append(runs)
            continue
        on_left = [r for r in runs if (r["bbox"][0] + r["bbox"][2]) / 2 < fold]
        on_right = [r for r in runs if (r["bbox"][0] + r["bbox"][2]) / 2 >= fold]
        left += [on_left] if on_left else []
        right += [on_right] if on_right else []
    return (
        _rebuild_lines(page_no, left) + [t for t in turned if (t.x0 + t.x1) / 2 < fold],
        _rebuild_lines(page_no, right) + [t for t in turned if (t.x0 + t.x1) / 2 >= fold],
    )


def _lines_within(page_no: int, spans: list[list[dict]], seconds: float) -> tuple[list[Line], str | None]:
    """The page's lines rebuilt (_lines_of) within the page's CPU-time budget; past it (tens of
    thousands of glyphs, each a run of its own, a page built to stall the reader) each of MuPDF's
    own lines is a line, as MuPDF groups them (no glyph-by-glyph rebuilding, no overprint test),
    and the reason why, for the page's damage (a page_damaged warning)."""
    try:
        with cpu_budget(seconds):
            return _lines_of(page_no, spans), None
    except OverBudget:
        pass
    lines = [
        _line_from_spans(page_no, [dict(s, text="".join(map(_CHAR, s["chars"]))) for s in ln]) for ln in spans
    ]
    why = f"lines not rebuilt within the time budget ({seconds:g} s of CPU time, limits.page_seconds): read as MuPDF groups them"
    return [ln for ln in lines if ln is not None], why


@dataclasses.dataclass
class _Read:
    """One page read and its lines rebuilt, with what the file's own decisions take from it."""

    page: RawPage
    cpu: float  # CPU seconds of the process that read it
    tree: list[str]  # MuPDF's messages about the page tree while reading it
    failure: str | None
    sized: bool  # False: the page was not loaded, its size is the one given (the page before's)
    damage: bool  # MuPDF said it lost content on this page


def _read_lines(doc: pymupdf.Document, i: int, size, seconds: float, glyphs: GlyphRepair) -> _Read:
    """Page i read, its glyphs' evidence counted (glyphs.observe) and its lines rebuilt."""
    started = time.process_time()
    with _no_cycles_made():  # the page's glyphs are made and freed between two collections
        read = _lines_read(doc, i, size, seconds, glyphs)
    read.cpu = time.process_time() - started
    return read


def _lines_read(doc: pymupdf.Document, i: int, size, seconds: float, glyphs: GlyphRepair) -> _Read:
    """_read_lines' work: the page's rawdict is freed when this returns."""
    got = _read_page(doc, i, size, seconds)
    spans = _raw_lines(got)
    glyphs.observe(i, spans)
    damage = got.failure or (_what_was_lost(got.damage) if got.damage else None)
    lines, slow = _lines_within(i + 1, spans, seconds)
    if slow:
        damage = f"{damage}; {slow}" if damage else slow
    page = RawPage(
        i + 1,
        got.width,
        got.height,
        lines,
        got.rects,
        got.images,
        damage=damage,
        unreadable=bool(got.failure),
        turn=got.turn,
        region=got.region,
        fields=got.fields,
        hidden=got.hidden,
        ocr=got.ocr,
        recoded=got.recoded,
    )
    return _Read(page, 0.0, got.tree, got.failure, got.sized, bool(got.damage))


def _read_back(path: Path, count: int, rules: Rules, seconds: float):
    """The file's pages read in a second process (forked.Forked) from the last back: each page's
    _Read with its glyph evidence. The file is opened afresh (a descriptor shared with the parent
    shares its offset)."""
    doc = pymupdf.open(path, filetype="pdf")
    if doc.needs_pass:
        doc.authenticate("")
    if doc.page_count != count:
        return  # not the file the parent reads: the parent reads these pages itself
    glyphs = GlyphRepair(rules)
    size = (595.0, 842.0)  # a page not loaded is given the page before's size by the parent
    for k, i in enumerate(range(count - 1, -1, -1)):
        _bound_store(k)
        read = _read_lines(doc, i, size, seconds, glyphs)
        yield read, glyphs.handed_over()


def _second_reader(path: Path, doc: pymupdf.Document, rules: Rules, seconds: float, workers: int, opened):
    """The process reading a long sound file from its last page back, while this one reads from
    the first; None when this file is read by this process alone (one worker, a short file, or a
    damaged one: MuPDF reports a damaged file's repairs once, on the page that meets them first,
    and two readers would each meet them)."""
    n = doc.page_count
    if workers < 2 or n < PARALLEL_MIN_PAGES or not can_fork() or not path.is_file():
        return None
    if doc.is_repaired or opened:
        return None
    return Forked(_read_back, path, n, rules, seconds)


def extract(
    path: str | Path, rules: Rules, doc: pymupdf.Document | None = None, workers: int = 1
) -> RawDocument:
    """Every page read on its own: a page MuPDF cannot read is kept as an empty page that says
    why (a warning and a residue row downstream); the file is refused only when no page can be
    read, or more of them than `limits.max_unreadable_share` of the file. workers: processes that
    may read a long file's pages (2: its second half in a forked process, from
    forked.PARALLEL_MIN_PAGES pages on; the result is the same)."""
    path = Path(path)
    own = doc is None
    doc = doc or open_pdf(path, rules)
    # what MuPDF said while opening the file (open_pdf clears the log first): a broken xref or
    # object it read past
    opened = _damage_messages(pymupdf.TOOLS.mupdf_warnings())
    helper = None
    try:
        pages: list[RawPage] = []
        unreadable: list[int] = []
        first_failure = None
        size = (595.0, 842.0)
        tree: list[str] = []
        # fonts that name glyphs wrongly are told by the whole file's text: each page's evidence is
        # counted as it is read, and only pages a proven repair changes are read again (a page's
        # glyphs are not kept: they weigh some hundred times its lines)
        glyphs = GlyphRepair(rules)
        seconds = float(rules.get("limits", "page_seconds", default=0))
        page_cpu: dict[int, float] = {}  # the per-page cost check (costs.py)

        def take(read: _Read) -> None:
            """The pages in order: a page not loaded has the size of the page before it."""
            nonlocal size, tree, first_failure
            page = read.page
            if not read.sized:
                page = dataclasses.replace(page, width=size[0], height=size[1])
            size = (page.width, page.height)
            tree += [m for m in read.tree if m not in tree]
            if read.failure:
                unreadable.append(page.number)
                first_failure = first_failure or read.failure
            pages.append(page)
            page_cpu[page.number] = read.cpu

        helper = _second_reader(path, doc, rules, seconds, workers, opened)
        # this process goes on until the next page is one the other has sent: the two share the
        # pages by what each has time for, and neither waits for the other
        for i in range(doc.page_count):
            if helper is not None:
                helper.poll()
                if i >= doc.page_count - len(helper.items):
                    break
            _bound_store(i)
            take(_read_lines(doc, i, size, seconds, glyphs))
        if helper is not None:
            theirs = helper.items[: doc.page_count - len(pages)][::-1]  # the pages from here on
            helper.close()
            helper = None
            # pages the other process met damage on are read here, in order, as one reader would
            if not any(r.tree or r.damage or r.failure for r, _ in theirs):
                for r, evidence in theirs:
                    take(r)
                    glyphs.absorb(evidence)
            del theirs
        for i in range(len(pages), doc.page_count):
            _bound_store(i)
            take(_read_lines(doc, i, size, seconds, glyphs))
        glyphs.decide()
        for n, i in enumerate(glyphs.needed):
            _bound_store(n)
            again = _read_page(doc, i, (pages[i].width, pages[i].height), seconds)
            if again.failure:  # read once, not twice: the page keeps its lines as first read
                continue
            spans = _raw_lines(again)
            glyphs.repair(i, spans)
            pages[i] = dataclasses.replace(pages[i], lines=_lines_of(i + 1, spans))
        chars = sum(len("".join(ln.text.split())) for p in pages for ln in p.lines)
        limit = rules.get("limits", "max_unreadable_share", default=0.5)
        if unreadable and (len(unreadable) == len(pages) or len(unreadable) > limit * len(pages)):
            # what is left would mislead more than it informs: articles with most of their text gone
            raise IngestError(
                path,
                f"PDF truncated or damaged: {len(unreadable)} of {len(pages)} pages cannot be read "
                f"(pages {_page_list(unreadable)}; MuPDF: {first_failure})",
            )
        illegible = unreadable_file(pages, chars)
        if illegible:
            raise IngestError(path, illegible)
        no_text = _no_text_layer(pages, chars)
        if no_text:
            raise IngestError(path, f"no text layer ({no_text}); OCR is not supported")
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        try:
            title = (doc.metadata or {}).get("title") or ""
        except Exception:  # an Info dictionary that does not parse: no title from it
            title = ""
        raw = RawDocument(
            str(path),
            sha,
            pages,
            title=title,
            notes=_file_notes(doc, data, opened + tree),
            warnings=glyphs.warnings(),
            page_cpu=page_cpu,
        )
        repaired = set(glyphs.needed)

        def halves(number: int, fold: float) -> tuple[list[Line], list[Line]] | None:
            """A spread read again, its two pages' lines rebuilt apart (None: not read again)."""
            again = _read_page(doc, number - 1, (pages[number - 1].width, pages[number - 1].height), seconds)
            if again.failure:
                return None
            spans = _raw_lines(again)
            if number - 1 in repaired:
                glyphs.repair(number - 1, spans)
            return _lines_by_side(number, spans, fold)

        # two facing pages on one PDF page are read as two pages from here on (spreads.py)
        read = split_spreads(raw, halves)
        more = overprint_warnings(read.pages) + sideways.turned_warnings(read.pages)
        more += hidden_warnings(read.pages, lambda n: page_name(read, n))
        more += recoded_warnings(read.pages, lambda n: page_name(read, n))
        return dataclasses.replace(read, warnings=read.warnings + more)
    finally:
        if helper is not None:
            helper.close()
        if own:
            doc.close()
