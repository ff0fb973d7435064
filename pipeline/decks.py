"""Decks (standfirsts) told by their role, whatever their face.

A deck is the lead text between an article's title area and its body: the house style may set it
larger and coloured (the paragraph roles catch that), or at body size in another face, grey, in a
frame or between rules across the columns. Set in a frame it comes out of layout as a box; this
module reads such a box by where it stands: it opens the article's flow before any body text
(under the title, or at the top of the next page when the title ends one) and either spans more than one of the body's columns or has none of the
article's text beside it (a lead between the title area and the body in a box only as wide as a
one-column page's measure is the deck by its place, whatever its frame; a sidebar box, a profile
or a bio, sits in one column with the body running on beside it). An English text that follows it
at once, without a summary heading, is the deck's English version, not a Reading Summary.
"""

from __future__ import annotations

from statistics import median

from .models import Article, Block, Role, UnitKind
from .rules import Rules

# A lead box is a deck when it is at least this many times as wide as the body's paragraphs: it
# runs across the columns. A box in one column (a sidebar) stays body text.
DECK_MIN_SPAN = 1.3
# A block of the article's own text beside the lead box, overlapping its height by at least this
# share of the shorter of the two, makes it a box in a column (a sidebar), not the lead.
BESIDE_OVERLAP = 0.3
# Chinese text in the lead beyond this many characters is no deck (a boxed body on a page of its own).
DECK_MAX_CHARS = 1200


def _width(blk: Block) -> float:
    return blk.bbox[2] - blk.bbox[0]


def _beside(box: Block, blocks: list[Block]) -> bool:
    """Some block of the article stands level with the box, left or right of it, on its page."""
    x0, y0, x1, y1 = box.bbox
    for blk in blocks:
        for pc in blk.pieces:
            if pc.page != box.page:
                continue
            bx0, by0, bx1, by1 = pc.bbox
            overlap = min(y1, by1) - max(y0, by0)
            if overlap > BESIDE_OVERLAP * min(y1 - y0, by1 - by0) and (bx1 <= x0 or bx0 >= x1):
                return True
    return False


def _lead(flow: list[Block], rules: Rules) -> tuple[list[Block], list[Block]]:
    """The Chinese boxes that open the flow, then the English right after them (no heading)."""
    zh: list[Block] = []
    en: list[Block] = []
    for blk in flow:
        if not en and blk.lang == "zh" and blk.role == Role.BOX:
            zh.append(blk)
        elif (
            zh
            and blk.lang == "en"
            and blk.role in (Role.SUMMARY, Role.ENGLISH, Role.DECK_EN)
            and rules.summary_kind(blk.text) is None
        ):
            en.append(blk)
        else:
            break
    return zh, en


def take_lead_deck(art: Article, rules: Rules) -> None:
    """Move a deck set as a box at the head of the flow into deck_zh / deck_en (in place: the
    article is still being built)."""
    if art.deck_zh or art.kind != UnitKind.ARTICLE:
        return
    zh, en = _lead(art.flow, rules)
    if not zh or sum(len(b.text) for b in zh) > DECK_MAX_CHARS:
        return
    lead = {id(b) for b in zh + en}
    paragraphs = [b for b in art.blocks if b.role == Role.PARAGRAPH and id(b) not in lead]
    spans = not paragraphs or max(_width(b) for b in zh) >= DECK_MIN_SPAN * median(
        _width(b) for b in paragraphs
    )
    others = [b for b in art.blocks if id(b) not in lead]
    alone = not any(_beside(b, others) for b in zh)
    if not (spans or alone):
        return  # a box in one of the body's columns with its text beside it: a sidebar, not the lead
    art.deck_zh = "\n".join(b.text.strip() for b in zh)
    if en and art.deck_en is None:
        art.deck_en = "\n".join(b.text.strip() for b in en)
    else:
        lead -= {id(b) for b in en}
    art.blocks = [b for b in art.blocks if id(b) not in lead]
    art.english = [b for b in art.english if id(b) not in lead]
    art.flow = [b for b in art.flow if id(b) not in lead]
