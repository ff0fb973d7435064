"""Where a table's rows end when the gaps do not say it: the text votes.

A table set with no padding between its rows (a three-line table squeezed into a journal column,
every cell wrapped onto several lines) leaves the same gap between two rows as between two lines
of one cell, and no rule between them. Each break between lines that most columns share is then
judged from what each column shows across it, and the columns' votes are summed:

- a cell's line that stops short although the next line's first character or word would have
  fitted ended its cell (a break); a line full to the column's right edge ran on (a wrap);
- a line ending a sentence or closing a bracket, or a whole number, ends a cell (a break); a
  bracket opened in the row and not yet closed, or a Latin word going on in lowercase, runs on;
- a column blank just above the break and written just under it starts a cell there: rows are
  set from their tops (a break).

A line that stops short is sure evidence (the column's edge is read from its widest line, so the
room is if anything larger than measured); a full line is evidence only where the column really
wraps. So a break is dropped only when some column votes that its cell runs on and none votes
that it ended; a break kept on less weight of votes than would drop it is doubtful: the caller
warns with the page and the break's place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# votes of one column across a break (positive: a row ends there; negative: the cell runs on)
VOTE_SHORT_LINE = 1  # the line stopped short of the column's edge, the next piece would have fitted
VOTE_FULL_LINE = -1  # the next piece had no room on the line, in a column that wraps
VOTE_ENDS_CELL = 2  # the line ends a sentence, closes a bracket, or is a whole number
VOTE_OPEN_BRACKET = -2  # a bracket opened in the row is still open
VOTE_LOWERCASE_ON = -1  # a Latin word goes on in lowercase on the next line
VOTE_NEW_TOP = 1  # blank just above the break, written under it: a cell starts here
# a column "fills" its width (its lines wrap at its edge) when at least MIN_FULL_LINES of its
# lines end within FULL_TOLERANCE of the line height from its widest line (wrapped lines of one
# width: CJK set char by char, Latin broken where the line is full) and some stop short of it (a
# cell's last line); a column whose only long line is its widest, whose lines are all as wide
# (numbers, labels of one length), or whose lines end a word apart (labels, Latin wrapped at
# spaces) gives no full-line votes; nor does a line that ends a cell (a stop, a bracket, a number)
MIN_FULL_LINES = 2
FULL_TOLERANCE = 0.3
# two lines of a column are adjacent (no blank line between) when their gap is under this share
# of the line height
ADJACENT_GAP_SHARE = 1.0

_STOPS = tuple("。；！？.;!?》）)」”】〕")
_NUMBER = re.compile(r"^[约超]?[+-]?\d[\d,.]*\s*(?:%|[\u4e00-\u9fff]{1,2})?$")
_BRACKETS = ("《》", "“”", "（）", "()", "【】", "「」", "〔〕")


@dataclass(frozen=True, slots=True)
class Line:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    first_width: float  # the width of its first word (Latin) or character


@dataclass(frozen=True, slots=True)
class Vote:
    y: float
    runs_on: bool  # the row goes on across the break (no column says a cell ended there)
    doubtful: bool  # kept on less weight of votes than would drop it
    reason: str


def column_lines(col: list[dict]) -> list[Line]:
    """The column's words grouped into lines (words that overlap vertically), top down."""
    out: list[Line] = []
    group: list[dict] = []
    for w in sorted(col, key=lambda w: (w["top"], w["x0"])):
        if group and w["top"] >= max(g["bottom"] for g in group) - 1.0:
            out.append(_line(group))
            group = []
        group.append(w)
    if group:
        out.append(_line(group))
    return out


def _line(words: list[dict]) -> Line:
    words = sorted(words, key=lambda w: w["x0"])
    text = " ".join(w["text"] for w in words)
    first = words[0]
    width = first["x1"] - first["x0"]
    if not first["text"].isascii():  # a CJK run: its first character
        width /= max(1, len(first["text"]))
    return Line(
        words[0]["x0"],
        max(w["x1"] for w in words),
        min(w["top"] for w in words),
        max(w["bottom"] for w in words),
        text,
        width,
    )


def _unclosed(text: str) -> bool:
    return any(text.count(o) > text.count(c) for o, c in _BRACKETS)


def vote_break(columns: list[list[Line]], y: float, row_top: float) -> Vote:
    """The columns' votes on a break at y (row_top: where the row being read began)."""
    plus, minus, why = 0, 0, []
    for lines in columns:
        if not lines:
            continue
        edge = max(ln.x1 for ln in lines)
        height = sorted(ln.bottom - ln.top for ln in lines)[len(lines) // 2]
        above = [ln for ln in lines if ln.bottom <= y + 0.5]
        below = [ln for ln in lines if ln.top >= y - 0.5]
        a = above[-1] if above and y - above[-1].bottom < ADJACENT_GAP_SHARE * height else None
        b = below[0] if below and below[0].top - y < ADJACENT_GAP_SHARE * height else None
        v = 0
        if a is None and b is not None:
            v += VOTE_NEW_TOP
            why.append("a cell starts")
        elif a is not None and b is not None:
            tight = FULL_TOLERANCE * height
            full = sum(1 for ln in lines if edge - ln.x1 < tight)
            fills = full >= MIN_FULL_LINES and full < len(lines)  # full lines and cells' last lines
            cell = " ".join(
                ln.text for ln in lines if row_top - 0.5 <= ln.top and ln.bottom <= a.bottom + 0.5
            )
            ends = _NUMBER.match(a.text) is not None or a.text.endswith(_STOPS)
            if edge - a.x1 >= b.first_width:
                v += VOTE_SHORT_LINE
                why.append("a line stops short")
            elif fills and not ends:
                v += VOTE_FULL_LINE
                why.append("a line had no room for the next piece")
            if _unclosed(cell):
                v += VOTE_OPEN_BRACKET
                why.append("a bracket is open")
            elif ends:
                v += VOTE_ENDS_CELL
                why.append("a cell ends")
            if a.text[-1:].isascii() and a.text[-1:].isalpha() and b.text[:1].islower():
                v += VOTE_LOWERCASE_ON
                why.append("a word goes on in lowercase")
        plus += max(v, 0)
        minus -= min(v, 0)
    return Vote(y, plus == 0 and minus > 0, 0 < plus < minus, ", ".join(dict.fromkeys(why)))


def clear_y(words: list[dict], y: float, low: float, high: float) -> float:
    """y moved into the lowest gap between low and high that no word crosses (rows are set from
    their tops: a column's extra lines belong to the row above); y itself when no word crosses it
    or no such gap exists."""
    if not any(w["top"] < y < w["bottom"] for w in words):
        return y
    spans = sorted((w["top"], w["bottom"]) for w in words if w["bottom"] > low and w["top"] < high)
    gaps, end = [], low
    for t, b in spans:
        if t > end:
            gaps.append((end, t))
        end = max(end, b)
    if high > end:
        gaps.append((end, high))
    gaps = [(a, b) for a, b in gaps if b - a > 0.2]
    return (gaps[-1][0] + gaps[-1][1]) / 2 if gaps else y
