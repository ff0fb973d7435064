"""A Latin word broken across a narrow cell's lines with no hyphen ("Technolo" / "gy", "Shen" /
"zhen", "IP" / "O"): one word or two?

A cell narrower than a word makes the typesetter break the word where the line is full, with no
hyphen (a browser's overflow-wrap, a CJK typesetter's character breaking). Read line by line it
becomes two words. Whether to join is weighed from evidence that can disagree:

- the joined word printed elsewhere in the document (a word list of the issue's own text) joins;
  both pieces printed as words of their own, and the joined one nowhere, keeps them apart;
- the line full to the column's edge (within a character), and holding nothing but the piece (a
  word longer than the cell), join; room left on the line for the next piece keeps them apart (a
  line that could have taken the next word but did not ended at a word);
- the next line going on in lowercase joins; a capital after a lowercase letter opens a word.

Hyphens are left as they are (join_cell and the paragraph stage read them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import BBox
from .table_rows import Line

JOIN_SCORE = 3  # join at this score or more
DOUBT_MARGIN = 1  # a score within this of JOIN_SCORE (either side) is a doubtful decision
W_KNOWN_WORD = 2  # the joined word is printed elsewhere in the document
W_KNOWN_PIECES = -2  # both pieces are printed as words elsewhere, the joined word is not
W_FULL_LINE = 1  # the line reaches the column's edge within FULL_SHARE of its height
W_ONE_WORD_LINE = 1  # the line holds only the piece: a word wider than the cell
W_ROOM_LEFT = -2  # the next piece would have fitted on the line
W_LOWERCASE_ON = 1  # the next line goes on in lowercase
W_CAPITAL_AFTER_LOWER = -1  # a capital after a lowercase letter opens a word
FULL_SHARE = 0.6  # about one character of the line's size

_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Break:
    head: str  # the piece ending the line
    tail: str  # the piece opening the next line
    join: bool
    doubtful: bool
    reason: str
    bbox: BBox  # the two lines


def vocabulary(texts) -> set[str]:
    """The Latin words (lowercased, two letters or more) the document prints."""
    return {w.lower() for t in texts for w in _WORD.findall(t or "") if len(w) >= 2}


def weigh(upper: Line, lower: Line, edge: float, words: set[str]) -> Break | None:
    """The break between two lines of a cell, when the first ends and the next begins with a Latin
    letter; None otherwise."""
    head_m = re.search(r"[A-Za-z]+$", upper.text)
    tail_m = re.match(r"[A-Za-z]+", lower.text)
    if not head_m or not tail_m:
        return None
    head, tail = head_m.group(), tail_m.group()
    score, why = 0, []
    joined = (head + tail).lower()
    if joined in words:
        score += W_KNOWN_WORD
        why.append(f"'{head + tail}' is printed elsewhere")
    elif head.lower() in words and tail.lower() in words:
        score += W_KNOWN_PIECES
        why.append("both pieces are printed as words")
    room = edge - upper.x1
    if room >= lower.first_width:
        score += W_ROOM_LEFT
        why.append("the next piece would have fitted")
    elif room < FULL_SHARE * (upper.bottom - upper.top):
        score += W_FULL_LINE
        why.append("the line is full")
    if upper.text.strip() == head:
        score += W_ONE_WORD_LINE
        why.append("the line holds only the piece")
    if tail[0].islower():
        score += W_LOWERCASE_ON
        why.append("the next line goes on in lowercase")
    elif head[-1].islower():
        score += W_CAPITAL_AFTER_LOWER
        why.append("a capital opens the next line")
    bbox = (min(upper.x0, lower.x0), upper.top, max(upper.x1, lower.x1), lower.bottom)
    return Break(
        head, tail, score >= JOIN_SCORE, abs(score - JOIN_SCORE + 0.5) <= DOUBT_MARGIN, ", ".join(why), bbox
    )


def rejoin(text: str, breaks: list[Break]) -> str:
    """The cell's text with each break weighed as one word written without its space."""
    for b in breaks:
        if b.join:
            text = re.sub(
                rf"(?<![A-Za-z]){re.escape(b.head)} {re.escape(b.tail)}", b.head + b.tail, text, count=1
            )
    return text
