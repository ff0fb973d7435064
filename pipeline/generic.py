"""Units that hold their text, whatever the PDF is.

Segmentation reads a magazine or journal: articles, with title areas, bodies and English
summaries. Two things can leave text in no row after it:
- a unit that is not an article (cover, notice, masthead, advertisement; the contents when
  no entry was read from them) keeps only its Chinese body: its English and display lines wait
  for a pairing that only articles get;
- a PDF that is no periodical at all (a report, a form, an English paper) yields no article,
  and its pages end up as one "contents" or "advertisement" unit with an empty body.

This stage, run after summaries are paired (before tables), gives every non-article unit its
text in reading order as body blocks, and turns an issue without any article into `document`
units: all of its text, in reading order, never an empty unit. A block whose role is not a body
role is given one (headings stay headings); its language is kept. The input is not changed.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from .models import BLOCK_TABLE_ROLES, Article, Block, Issue, Role, UnitKind, Warning, WarningCode
from .rules import Rules

# display roles that read as headings when a unit's text is kept as body (a title's subtitle is
# a line of text under it: a cover line's "——…")
HEADING_ROLES = frozenset({Role.TITLE, Role.TITLE_EN, Role.SECTION, Role.SUMMARY_HEADING, Role.HEADING})
CONTENTS = UnitKind.TOC
DOCUMENT = UnitKind.DOCUMENT
# A unit that is not an article is judged by its own type, not the issue's body (a masthead is set
# smaller than the body, a cover bigger): a one-line block that stands out of the unit's text face,
# this much larger or in a colour none of its text uses, over a block in that face, is its heading
# (a masthead's label over the names, a cover line over its subtitle).
UNIT_HEADING_STEP = 1.12  # size over the unit's text face (its characters' median size)
# A heading may wrap: a cover line too long for its measure runs onto a second (or third) line,
# still display type over the text it heads, still no sentence.
UNIT_HEADING_MAX_LINES = 3
# the roles of a display line whose English title, printed right under it, is its translation
TRANSLATED_ROLES = (Role.TITLE, Role.SUBTITLE, Role.OTHER)
COLOUR_SPREAD = 64  # an ink whose red, green and blue differ this much is a colour, not black or a grey
_SENTENCE_END = re.compile(r"[。！？.!?]\s*$")


def _as_body(b: Block, after: Block | None = None) -> Block:
    """b as a body block; after: the block before it in reading order. An English title right under
    a title, its subtitle or a line of display type no field took is that line's translation (a
    cover line's), a line of text; standing on its own (a masthead's English label over its entry)
    it is a heading."""
    if b.role == Role.PULL_QUOTE:
        # display type set off from the text it repeats inside an article: a unit that holds its own
        # text (an advertisement's slogan ending in 。, a notice's line set large) repeats none
        return dataclasses.replace(b, role=Role.PARAGRAPH)
    if b.role in BLOCK_TABLE_ROLES:
        return b
    translation = b.role == Role.TITLE_EN and after is not None and after.role in TRANSLATED_ROLES
    role = Role.HEADING if b.role in HEADING_ROLES and not translation else Role.PARAGRAPH
    return dataclasses.replace(b, role=role)


def _unit_text(art: Article) -> list[Block]:
    """The unit's blocks in reading order: its body and its English, as body blocks."""
    flow = art.flow or art.blocks
    seen = {id(b) for b in flow}
    rest = [b for b in art.blocks if id(b) not in seen]  # body blocks not in the flow (none, usually)
    blocks = [*flow, *rest]
    titles = {_squeezed(t) for t in (art.title_zh, art.title_en) if t}
    return _roles_by_own_type(
        [_as_body(b, blocks[i - 1] if i else None) for i, b in enumerate(blocks)], titles
    )


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _colour(ink: int) -> bool:
    rgb = ((ink >> 16) & 255, (ink >> 8) & 255, ink & 255)
    return max(rgb) - min(rgb) >= COLOUR_SPREAD


def _headed(blocks: list[Block], i: int) -> Block:
    """The block a display line heads: the first after it in another face (a cover's two lines in
    one display face head what follows the second)."""
    face = _face(blocks[i])
    for b in blocks[i + 1 :]:
        if _face(b) != face or len(b.lines) > 1:
            return b
    return blocks[i]


def _face(b: Block) -> tuple[float, int]:
    return round(b.size, 1), b.lines[0].color if b.lines else 0


def _roles_by_own_type(blocks: list[Block], titles: set[str] | frozenset[str] = frozenset()) -> list[Block]:
    """Headings and text told by the unit's own type (UNIT_HEADING_STEP): a paragraph of a line or
    a few (UNIT_HEADING_MAX_LINES: a cover line wrapped) that stands out of the unit's text face,
    and out of the block it heads (_headed), heads it (not a subtitle's dash line, not a
    sentence); a heading with no block after it in the unit heads nothing and is a line of text (an advert's signature, a notice's last
    contact line set in display type). The unit's own title lines (titles: its title_zh and
    title_en, squeezed) and the line right under one (its translation) keep the role they had: they
    print the unit's title, no heading in its text."""
    sizes = Counter()
    for b in blocks:
        for ln in b.lines:
            sizes[round(ln.size, 1)] += len(ln.text.strip())
    if not sizes:
        return blocks
    ordered = sorted(sizes.elements())
    face = ordered[len(ordered) // 2]
    text_inks = {ln.color for b in blocks for ln in b.lines if abs(ln.size - face) < 0.05 * face}

    def ink(b: Block) -> int:
        return b.lines[0].color if b.lines else 0

    def stands_out(b: Block, over: float = face, inks: frozenset[int] | set[int] = text_inks) -> bool:
        return b.size >= UNIT_HEADING_STEP * over or (_colour(ink(b)) and ink(b) not in inks)

    out = list(blocks)
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if b.role == Role.HEADING and nxt is None:
            out[i] = dataclasses.replace(b, role=Role.PARAGRAPH)
        elif (
            b.role == Role.PARAGRAPH
            and len(b.lines) <= UNIT_HEADING_MAX_LINES
            and nxt is not None
            and (
                nxt.role == Role.PARAGRAPH
                # or the second of two display lines in one face, over the text both head
                or (
                    nxt.role == Role.HEADING
                    and _face(nxt) == _face(b)
                    and _headed(blocks, i).role == Role.PARAGRAPH
                )
            )
            and stands_out(b)
            and stands_out(b, (under := _headed(blocks, i)).size, {ink(under)})  # over what it heads
            and not _SENTENCE_END.search(b.text)
            and not b.text.startswith(("——", "—"))  # a subtitle under its title (paragraphs.role_of)
            and _squeezed(b.text) not in titles
            and not (i and _squeezed(blocks[i - 1].text) in titles)  # (its translation under it)
        ):
            out[i] = dataclasses.replace(b, role=Role.HEADING)
    return out


def _title(blocks: list[Block], fallback: str) -> str | None:
    heads = [b for b in blocks if b.role == Role.HEADING]
    text = (heads[0].text if heads else fallback).strip()
    return text[:200] or None


def _documents(issue: Issue) -> list[Article]:
    """One `document` unit holding every page's blocks in reading order (as the layout stage
    ordered them: nothing a unit's title area took or dropped is missed), the units' captions,
    tables and English kept; titled by its first heading, else the PDF's metadata title."""
    blocks = [_as_body(b) for page in issue.layout.pages for b in page.blocks if b.role != Role.CAPTION]
    doc = Article(seq=1, kind=DOCUMENT, pages=[p.number for p in issue.layout.pages])
    for art in issue.articles:
        doc.captions += art.captions
        doc.tables += art.tables
        doc.english += art.english  # kept so later stages know whose blocks these are
        doc.flow += art.flow or art.blocks
        doc.summaries += art.summaries
        doc.items += art.items
    doc.blocks = blocks
    title = _title(blocks, issue.layout.raw.title or "")
    if title and re.search(r"[\u4e00-\u9fff]", title):
        doc.title_zh = title
    else:
        doc.title_en = title
    doc.confidence = 0.5  # no publication structure was found: the unit is the whole file
    return [doc] if doc.pages else []


def hold_text(issue: Issue, rules: Rules) -> Issue:
    """The Issue with every unit holding its text (see the module's docstring)."""
    if issue.articles and not any(a.kind == UnitKind.ARTICLE for a in issue.articles):
        units = _documents(issue)
        note = Warning(
            WarningCode.NO_ARTICLES,
            f"no article found: the text of {len(issue.layout.pages)} page(s) is kept as one "
            "document unit in reading order",
            page=units[0].pages[0] if units and units[0].pages else None,
        )
        return dataclasses.replace(issue, articles=units, warnings=[*issue.warnings, note])
    units = []
    for art in issue.articles:
        if art.kind == UnitKind.ARTICLE or (art.kind == CONTENTS and issue.toc):
            units.append(art)  # an article pairs its own English; the contents are the toc table
        else:
            units.append(dataclasses.replace(art, blocks=_unit_text(art)))
    return dataclasses.replace(issue, articles=units)
