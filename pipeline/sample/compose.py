"""Line composition: CJK character-by-character breaking with kinsoku, Latin
word breaking with optional hyphenation, and justification by spreading glyphs.

A composed line is a list of `Run`s (text drawn at an x offset) plus its
x offset inside the frame; drawing is done later by the flow engine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pymupdf

FONTS: dict[str, pymupdf.Font] = {
    "cjk": pymupdf.Font("cjk"),
    "tiro": pymupdf.Font("tiro"),
    "tibo": pymupdf.Font("tibo"),
    "tiit": pymupdf.Font("tiit"),
    "helv": pymupdf.Font("helv"),
    "hebo": pymupdf.Font("hebo"),
}

# Kinsoku shori: characters that may not start / end a line.
NO_START = set("，。、；：？！”’）》」』】〕〉％,.;:?!)]…—·～%")
NO_END = set("“‘（《「『【〔〈([")


@dataclass
class Run:
    x: float
    text: str
    font: str
    size: float


@dataclass
class Line:
    x: float  # offset of the line inside its frame (indents, drop caps)
    runs: list[Run]


@lru_cache(maxsize=200_000)
def advance(font: str, text: str) -> float:
    """Width of `text` at 1pt in `font`."""
    return FONTS[font].text_length(text, fontsize=1.0)


def is_latin(ch: str) -> bool:
    # Everything below General Punctuation is set in the Latin font; CJK quotes,
    # dashes and ellipses take the CJK font as in Chinese composite fonts.
    return ord(ch) < 0x2000 and not ch.isspace()


# ---------------------------------------------------------------- lookalikes

# Compatibility ideographs that look identical to unified ones; some producers'
# fonts map glyphs to these code points, so the text layer differs from the key.
_COMPAT = {}
for _cp in range(0xF900, 0xFB00):
    _c = chr(_cp)
    _n = unicodedata.normalize("NFKC", _c)
    if _n != _c and len(_n) == 1 and FONTS["cjk"].has_glyph(_cp):
        _COMPAT.setdefault(_n, _c)


def lookalike(text: str) -> str:
    return "".join(_COMPAT.get(c, c) for c in text)


def ligate(text: str) -> str:
    return text.replace("fi", "\ufb01").replace("fl", "\ufb02")


# ---------------------------------------------------------------- CJK text


def _tokens(text: str, latin_font: str) -> list[tuple[str, str, bool]]:
    """Split mixed text into (text, font, is_space) tokens: one per CJK
    character, one per run of Latin characters, one per space."""
    out: list[tuple[str, str, bool]] = []
    buf = ""
    for ch in text:
        if is_latin(ch):
            buf += ch
            continue
        if buf:
            out.append((buf, latin_font, False))
            buf = ""
        if ch.isspace():
            out.append((" ", latin_font, True))
        else:
            out.append((ch, "cjk", False))
    if buf:
        out.append((buf, latin_font, False))
    return out


def _clusters(tokens):
    """Group tokens into unbreakable clusters honouring kinsoku rules."""
    clusters: list[list[tuple[str, str, bool]]] = []
    for tok in tokens:
        text, _font, space = tok
        if clusters and not space:
            prev = clusters[-1]
            prev_last = prev[-1]
            if not prev_last[2] and (text[0] in NO_START or prev_last[0][-1] in NO_END):
                prev.append(tok)
                continue
        clusters.append([tok])
    return clusters


WidthFn = Callable[[int], tuple[float, float]]  # line index -> (x offset, width)


def compose_cjk(
    text: str,
    size: float,
    frame: WidthFn | float,
    indent: float = 2.0,
    latin_font: str = "tiro",
    justify: bool = True,
    align: str = "left",
    transform: Callable[[str], str] | None = None,
    hang_openers: bool = False,
) -> list[Line]:
    """Break Chinese (mixed) text into justified lines.

    `indent` is the first-line indent in ems; `frame` gives the offset and
    width of each line (a constant width or a function, used for drop caps and
    text wrapped around photos). `hang_openers`: a line that opens at the frame's
    left edge with a full-width opening mark sets the mark's blank half out into
    the margin, its ink on the edge (punctuation squeezed as ctex does)."""
    if not callable(frame):
        w = float(frame)

        def frame(_i, w=w):
            return (0.0, w)

    clusters = _clusters(_tokens(text.replace("\n", ""), latin_font))
    lines: list[Line] = []
    i = 0
    while i < len(clusters):
        li = len(lines)
        xoff, width = frame(li)
        first_indent = indent * size if li == 0 else 0.0
        avail = width - first_indent
        # drop leading spaces
        while i < len(clusters) and clusters[i][0][2]:
            i += 1
        if i >= len(clusters):
            break
        line: list[tuple[str, str, bool, float]] = []
        used = 0.0
        while i < len(clusters):
            cl = clusters[i]
            cw = sum(advance(f, t) * size for t, f, _ in cl)
            if used + cw > avail + 0.01 and line:
                break
            if used + cw > avail + 0.01 and not line:
                # a single cluster wider than the line (long URL): split it by character
                parts = _split_wide(cl, avail, size)
                if len(parts) > 1:
                    clusters[i : i + 1] = parts
                    continue
                # one character wider than the line (a table column narrower than a glyph):
                # it cannot be split further, so it is set anyway and overhangs; every line
                # takes at least one cluster, so the loop always makes progress
            for t, f, sp in cl:
                line.append((t, f, sp, advance(f, t) * size))
            used += cw
            i += 1
        while line and line[-1][2]:
            used -= line[-1][3]
            line.pop()
        last = i >= len(clusters)
        extra = avail - used
        gaps = len(line) - 1
        spread = extra / gaps if (justify and not last and gaps > 0 and extra < size * 2.5) else 0.0
        shift = 0.0
        if align == "center":
            shift = max(0.0, extra / 2)
        elif align == "right":
            shift = max(0.0, extra)
        runs = []
        x = first_indent + shift
        if hang_openers and xoff == 0 and x == 0 and line and line[0][0][:1] in OPENING_MARKS:
            x = -0.5 * size
        for t, f, sp, w in line:
            if not sp:
                shown = transform(t) if (transform and f == "cjk") else t
                runs.append(Run(x, shown, f, size))
            x += w + spread
        lines.append(Line(xoff, runs))
    return lines


OPENING_MARKS = "“‘（《「『【〔〈［｛"  # full-width: the ink in the right half of the em box


def _split_wide(cluster, avail, size):
    parts = []
    for t, f, sp in cluster:
        for ch in t:
            parts.append([(ch, f, sp)])
    return parts


# ---------------------------------------------------------------- Latin text

_VOWELS = set("aeiouyAEIOUY")


def hyphen_points(word: str) -> list[int]:
    """Plausible syllable breaks: between two consonants (VC-CV) or before a
    single consonant after a vowel (V-CV); never leave fewer than 3 letters."""
    if not word.isalpha() or len(word) < 7:
        return []
    pts = []
    for k in range(3, len(word) - 2):
        a, b, c = word[k - 1], word[k], word[k + 1]
        if a in _VOWELS and b not in _VOWELS and c in _VOWELS:
            pts.append(k)  # V-CV
        elif a not in _VOWELS and b not in _VOWELS and k >= 2 and word[k - 2] in _VOWELS and c in _VOWELS:
            if (a + b).lower() not in ("th", "ch", "sh", "ph", "ck", "ng", "wh", "qu"):
                pts.append(k)  # VC-CV
    return pts


def compose_latin(
    text: str,
    size: float,
    width: float,
    font: str = "tiro",
    justify: bool = True,
    hyphenate: bool = False,
    ligatures: bool = False,
    align: str = "left",
    indent: float = 0.0,
    compounds: bool = False,
) -> list[Line]:
    """Break English text at spaces (optionally hyphenating; with `compounds`, also after the
    hyphen of a compound, as TeX does: "innovation-|driven"; with `compounds` alone, only there,
    as a browser or Typst setting English unhyphenated does) and justify by
    spreading the inter-word spaces. Spaces are drawn as real glyphs so that
    extractors see word boundaries."""
    words = text.split()
    space = advance(font, " ") * size
    shown = ligate if ligatures else (lambda s: s)

    def wlen(w: str) -> float:
        return advance(font, shown(w)) * size

    lines: list[Line] = []
    cur: list[str] = []
    used = 0.0
    i = 0

    def flush(last: bool):
        nonlocal cur, used
        if not cur:
            return
        avail = width - (indent if not lines else 0.0)
        nat = sum(wlen(w) for w in cur) + space * (len(cur) - 1)
        gaps = len(cur) - 1
        extra = avail - nat
        spread = extra / gaps if (justify and not last and gaps > 0) else 0.0
        x = indent if not lines else 0.0
        if align == "center":
            x += max(0.0, extra / 2)
        elif align == "right":
            x += max(0.0, extra)
        runs = []
        for k, w in enumerate(cur):
            t = shown(w) + (" " if k < gaps else "")
            runs.append(Run(x, t, font, size))
            x += wlen(w) + space + spread
        lines.append(Line(0.0, runs))
        cur, used = [], 0.0

    while i < len(words):
        w = words[i]
        avail = width - (indent if not lines else 0.0)
        need = wlen(w) + (space if cur else 0.0)
        if used + need <= avail + 0.01:
            cur.append(w)
            used += need
            i += 1
            continue
        if (hyphenate or compounds) and cur:
            # hyphenate only when it keeps the line reasonably full
            room = avail - used - (space if cur else 0.0)
            best = None
            points = hyphen_points(re.sub(r"[^A-Za-z]", "", w) if w.isalpha() else w) if hyphenate else []
            for k in points:
                head = w[:k] + "-"
                if wlen(head) <= room:
                    best = k
            if best is not None and room > avail * 0.12:
                cur.append(w[:best] + "-")
                words[i] = w[best:]
                flush(False)
                continue
            # a compound breaks after its own hyphen (no hyphen added)
            joints = [k + 1 for k in range(1, len(w) - 2) if compounds and w[k] == "-" and w[k + 1].isalpha()]
            fit = [k for k in joints if wlen(w[:k]) <= room]
            if fit and room > avail * 0.12:
                cur.append(w[: fit[-1]])
                words[i] = w[fit[-1] :]
                flush(False)
                continue
        if not cur and wlen(w) > avail + 0.01:
            # a word wider than the whole measure (a long compound in a narrow column) breaks after
            # its own hyphen, as every engine breaks it, rather than run over the gutter into the
            # next column's line (read as one line with it)
            joints = [k + 1 for k in range(1, len(w) - 2) if w[k] == "-" and w[k + 1].isalpha()]
            fit = [k for k in joints if wlen(w[:k]) <= avail]
            cut = fit[-1] if fit else (joints[0] if joints else None)
            if cut is not None:
                cur.append(w[:cut])
                words[i] = w[cut:]
                flush(False)
                continue
        if not cur:
            cur.append(w)
            i += 1
        flush(False)
    flush(True)
    return lines
