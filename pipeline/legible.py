"""Characters a reader can read: the test for a text layer whose fonts map glyphs to no character.

A font whose ToUnicode map is missing, empty, or maps every glyph to U+FFFD or the private use
area leaves MuPDF nothing to name its glyphs by: it gives U+FFFD, private-use codes, or the glyph's
CID as if it were a code point (a CJK font's CIDs then read as a spray of scripts: Syriac, Tamil,
Hangul jamo, Yi, control codes, and ideographs in no word). The text layer of a periodical in
Chinese and the languages it quotes is written in the scripts READABLE names; a run of other
code points is glyphs named wrongly, not text.
"""

from __future__ import annotations

import bisect

# (first, last) code points of the scripts and symbol blocks periodicals of this kind print:
# Latin, Greek, Cyrillic and their marks, punctuation, symbols, arrows, maths, shapes, CJK
# (radicals, symbols, kana, bopomofo, enclosed forms, ideographs and their extensions, compatibility
# and full-width forms), mathematical letters
READABLE: tuple[tuple[int, int], ...] = (
    (0x09, 0x0A),
    (0x0D, 0x0D),
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x2B0, 0x36F),
    (0x370, 0x4FF),
    (0x1E00, 0x1EFF),
    (0x2000, 0x2BFF),
    (0x2E00, 0x2FDF),
    (0x2FF0, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFB00, 0xFB4F),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE6F),
    (0xFF00, 0xFFEF),
    (0x1D400, 0x1D7FF),
    (0x1F100, 0x1F1FF),
    (0x20000, 0x3134F),
)
_STARTS = [a for a, _ in READABLE]


def readable(ch: str) -> bool:
    o = ord(ch)
    i = bisect.bisect_right(_STARTS, o) - 1
    return i >= 0 and o <= READABLE[i][1]


def unreadable_share(text: str) -> float:
    """The share of the text's characters (spaces not counted) that no reader can read."""
    chars = [c for c in text if not c.isspace()]
    return sum(not readable(c) for c in chars) / len(chars) if chars else 0.0
