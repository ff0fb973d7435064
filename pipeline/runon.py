"""Front and back matter that runs on over a page turn, and words that name a page's kind.

Segmentation cuts front and back matter (notices, mastheads, adverts) one unit a page
(articles._split_by_page): such pages rarely share a title. A notice can still run on over the
turn, and its second page, a few lines with no title of its own, then reads as a page of its own
(an "advertisement" when it holds contact lines that mention 广告). What says a page carries on
the page before it, all of which must hold:

- no title of its own on the later page (no title or section label there, and the page opens on
  its text, not on display type or a heading);
- the same type on both sides of the turn (size, colour, weight, slant);
- the text before the turn fills its page (it reaches the page's lowest text);
- and the text runs on: a sentence left open at a column's edge, or a list whose items (run-in
  labels "投稿方式：…", or numbered 一、二、/ 1. 2.) go on across the turn.

Any one of them missing leaves the pages apart, as before. Which kind a page is, is told by the
words it prints (rules page_kinds); a word inside a sentence of running text ("合作垂询：广告投放
/ 会议协办。") only mentions it: a kind's word names the page where it heads its block (版权声明：…,
a heading 征稿启事) or stands in a short block or last line that ends no sentence (a credit line
编辑部 宣, a title).
"""

from __future__ import annotations

import re

from .models import HEAD_ROLES, Block, Role
from .rules import Rules
from .text import SENTENCE_STOPS, ends_with_stop

SAME_SIZE = 0.5  # pt: type this close in size on both sides of the turn is one face's
FOOT_EMS = 3.0  # the text before the turn ends within this many ems of its page's lowest text
LIST_RUN = 2  # items in a row at the foot of the earlier page that make a list run on
LABEL_CHARS = 24  # a line this short or shorter that ends no sentence is a label, a credit or a title
# a label run in at a paragraph's head, the way notices list their points (投稿方式：…, 电话：…)
RUN_IN_LABEL = re.compile(r"^\s*[\u4e00-\u9fff]{2,6}\s*[：:]")
_OPENS = (Role.TITLE, Role.SECTION)  # a page holding one of these has a title of its own
_NOT_TEXT = (Role.CAPTION, Role.TABLE, Role.PULL_QUOTE)  # not the running text a turn cuts
_NOT_OPENING = (Role.CAPTION, Role.TABLE)  # what may stand before the text that runs on (placed apart)
_DISPLAY = HEAD_ROLES | {Role.PULL_QUOTE, Role.HEADING}  # what opens a page of its own
_SPACE = re.compile(r"\s+")


def _text(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.role not in _NOT_TEXT and b.text.strip()]


def same_type(a: Block, b: Block) -> bool:
    """b opens in the type a ends in: size, colour, weight and slant (its text may run on)."""
    la, lb = a.lines[-1], b.lines[0]
    return (
        abs(a.size - b.size) <= SAME_SIZE
        and la.color == lb.color
        and a.bold == b.bold
        and la.italic == lb.italic
    )


def _bottom(b: Block) -> float:
    """Where a block ends on its own page (a paragraph run over two columns ends in the second)."""
    return max(pc.bbox[3] for pc in b.pieces if pc.page == b.page)


def _fills_page(last: Block, text: list[Block]) -> bool:
    return _bottom(last) >= max(_bottom(b) for b in text) - FOOT_EMS * last.size


def _numbered(text: str, rules: Rules) -> bool:
    return rules.list_item_re is not None and bool(rules.list_item_re.match(text))


def _list_runs_on(before: list[Block], first: Block, rules: Rules) -> bool:
    """The last LIST_RUN blocks before the turn and the first after it are items of one list."""
    tail = before[-LIST_RUN:]
    if len(tail) < LIST_RUN:
        return False
    for shape in (lambda t: bool(RUN_IN_LABEL.match(t)), lambda t: _numbered(t, rules)):
        if all(shape(b.text) for b in tail) and shape(first.text):
            return True
    return False


def runs_on(before: list[Block], after: list[Block], rules: Rules) -> str | None:
    """Why the page holding `after` carries on the text of the page holding `before` (both in
    reading order): "sentence" or "list"; None when it need not (see the module doc)."""
    if any(b.role in _OPENS for b in after):
        return None
    prev = _text(before)
    # the later page opens on the text itself: display type first there (a title the skeleton
    # took for a pull quote, a heading) is a title area of its own, whatever its role now
    first = next((b for b in after if b.role not in _NOT_OPENING and b.text.strip()), None)
    if not prev or first is None or first.role in _DISPLAY:
        return None
    last = prev[-1]
    if not same_type(last, first) or not _fills_page(last, prev):
        return None
    if last.open_end and not ends_with_stop(last.text):
        return "sentence"
    if _list_runs_on(prev, first, rules):
        return "list"
    return None


def names_kind(blocks: list[Block], markers: list[str]) -> bool:
    """Some block names the kind these words are for: a word at a block's head, or in a short block
    that ends no sentence (see the module doc); letter-spaced words are read run together."""
    words = [_SPACE.sub("", m) for m in markers if m.strip()]
    for b in blocks:
        text = _SPACE.sub("", b.text)
        if any(text.startswith(w) for w in words):
            return True
        # the block, or its last line (a credit line the layout ran into the block above it)
        for part in (text, _SPACE.sub("", b.lines[-1].text) if b.lines else ""):
            short = len(part) <= LABEL_CHARS and not ends_with_stop(part, SENTENCE_STOPS)
            if short and any(w in part for w in words):
                return True
    return False
