"""English titles told by where they stand, whatever their type: over the Chinese title or an
item's Chinese heading (a house style that prints the English first), read as column text when
set on one line narrower than the page."""

from __future__ import annotations

from .models import Block

# an English title under or over the title: a line or three, not prose
EN_TITLE_MAX_CHARS = 200


def english_title_above(blk: Block, title: Block) -> bool:
    """English set right above the title, on the title's own left edge or axis, that is no
    sentence: the English title. Set on one line narrower than the page it is read as column
    text (English), not full-width display type; it still opens the title area, not the text of
    the unit before it."""
    text = blk.text.strip()
    gap = title.bbox[1] - blk.bbox[3]
    aligned = abs(blk.bbox[0] - title.bbox[0]) < title.size or (
        abs((blk.bbox[0] + blk.bbox[2]) - (title.bbox[0] + title.bbox[2])) < title.size
    )
    return (
        blk.lang == "en"
        and blk.page == title.page
        and len(text) < EN_TITLE_MAX_CHARS
        and not text.endswith(".")
        and 0 <= gap < 2 * title.size
        and aligned
    )
