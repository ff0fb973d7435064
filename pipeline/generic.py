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

from .models import BLOCK_TABLE_ROLES, Article, Block, Issue, Role, UnitKind, Warning, WarningCode
from .rules import Rules

# display roles that read as headings when a unit's text is kept as body (a title's subtitle is
# a line of text under it: a cover line's "——…")
HEADING_ROLES = frozenset({Role.TITLE, Role.TITLE_EN, Role.SECTION, Role.SUMMARY_HEADING, Role.HEADING})
CONTENTS = UnitKind.TOC
DOCUMENT = UnitKind.DOCUMENT


def _as_body(b: Block, after: Block | None = None) -> Block:
    """b as a body block; after: the block before it in reading order. An English title right under
    a title or its subtitle is that title's translation (a cover line's), a line of text; standing
    on its own (a masthead's English label over its entry) it is a heading."""
    if b.role in BLOCK_TABLE_ROLES:
        return b
    translation = b.role == Role.TITLE_EN and after is not None and after.role in (Role.TITLE, Role.SUBTITLE)
    role = Role.HEADING if b.role in HEADING_ROLES and not translation else Role.PARAGRAPH
    return dataclasses.replace(b, role=role)


def _unit_text(art: Article) -> list[Block]:
    """The unit's blocks in reading order: its body and its English, as body blocks."""
    flow = art.flow or art.blocks
    seen = {id(b) for b in flow}
    rest = [b for b in art.blocks if id(b) not in seen]  # body blocks not in the flow (none, usually)
    blocks = [*flow, *rest]
    return [_as_body(b, blocks[i - 1] if i else None) for i, b in enumerate(blocks)]


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
