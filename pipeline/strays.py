"""Display type inside an article that no field of the article takes (a stray): kept as content.

A block typed by its type alone as display (`other`: short type across the page or set large;
a `title`, `subtitle` or `section` after the title area has closed) that the title area does not
take is still text of the article: dropping it leaves it in no row but the residue (reason
`unclaimed`). Where it goes is decided from its place, and the decision is doubtful (the type said
display, the article has no field for it), so it is warned where it stands:

- right over or under a picture on its page (level with it, within a line's height or two), or
  level with a caption of the unit in the caption's type, short and ending no sentence: a caption
  (`caption_doubtful`);
- named a caption by the rules' caption patterns (表17 …, display type over its table): a caption,
  not warned;
- otherwise short and ending no sentence on one line: a heading of the body; else a paragraph
  (`display_type_not_opening`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .models import BBox, Block, Role, WarningCode
from .skeleton import Decision
from .text import ends_with_stop

# A picture's caption stands this many of its own line heights off the picture's edge, at most
CAPTION_GAP_LINES = 2.0
# and overlaps the picture across at least this share of its own width
CAPTION_OVERLAP = 0.5
# a stray longer than this many characters is no caption and no heading: a paragraph
STRAY_SHORT_CHARS = 40


def _beside_picture(blk: Block, pictures: list[BBox]) -> BBox | None:
    """The picture the block stands right over or under, if any."""
    x0, y0, x1, y1 = blk.bbox
    height = max((ln.bbox[3] - ln.bbox[1] for ln in blk.lines), default=y1 - y0) or (y1 - y0)
    for pic in pictures:
        overlap = min(x1, pic[2]) - max(x0, pic[0])
        if overlap < CAPTION_OVERLAP * max(x1 - x0, 1.0):
            continue
        gap = y0 - pic[3] if y0 >= pic[3] - 1 else pic[1] - y1
        if -1 <= gap <= CAPTION_GAP_LINES * height:
            return pic
    return None


def _on_a_captions_row(blk: Block, captions: list[Block]) -> bool:
    """The block stands level with a caption of its page in the caption's type (captions set side
    by side under pictures side by side, a picture drawn as paths or shadings no image box gives)."""
    return any(
        c.page == blk.page
        and abs(c.bbox[3] - blk.bbox[3]) <= CAPTION_ROW_TOL * max(blk.size, 1.0)
        and abs(c.size - blk.size) <= CAPTION_ROW_TOL * max(blk.size, 1.0)
        for c in captions
    )


# a caption's row: bottoms and sizes this share of the type's size apart, at most
CAPTION_ROW_TOL = 0.2


def place_stray(
    blk: Block, pictures: list[BBox], captions: list[Block] = (), caption_res: list[re.Pattern] = ()
) -> tuple[Block, Decision | None]:
    """The block with the role it takes in the article (caption, heading or paragraph) and the
    warning saying the decision was made against its type (None: a caption its text names as one,
    by the rules' caption patterns: a table's caption display type over its table, which the tables
    stage takes). captions: the caption blocks of its unit."""
    text = blk.text.strip()
    short = len(text) <= STRAY_SHORT_CHARS and not ends_with_stop(text)
    if any(p.match(text) for p in caption_res) and not ends_with_stop(text):
        return replace(blk, role=Role.CAPTION), None
    if short and (_beside_picture(blk, pictures) is not None or _on_a_captions_row(blk, captions)):
        role, code = Role.CAPTION, WarningCode.CAPTION_DOUBTFUL
        why = "display type at a picture's edge or on a caption's row, no caption pattern: read as a caption"
    elif short and len(blk.lines) <= 1:
        role, code = Role.HEADING, WarningCode.DISPLAY_TYPE_NOT_OPENING
        why = "display type inside an article that no field takes: kept as a heading of its text"
    else:
        role, code = Role.PARAGRAPH, WarningCode.DISPLAY_TYPE_NOT_OPENING
        why = "display type inside an article that no field takes: kept as a paragraph of its text"
    return replace(blk, role=role), Decision(code, f"{why} ({text[:30]})", blk.page, blk.bbox)
