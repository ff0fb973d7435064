"""Stage 4: pair every English summary (Reading Summary, Editor's Note, Abstract) with its article.

The layout stage already joined summary pieces cut by columns and pages. Here each article's
English blocks become summaries: a block opening with a summary heading starts one, plain
English blocks continue it. A piece that starts mid-sentence and sits at the head of the next
article goes back to the summary that ended without a full stop.
"""

from __future__ import annotations

import re

from .models import Block, Issue, Role, Summary, SummaryKind, UnitKind
from .rules import Rules

_SENTENCE_END = re.compile(r"[.!?\"”’)]\s*$")


def _strip_heading(text: str, rules: Rules) -> str:
    found = rules.summary_heading(text)
    return text[found[1] :].lstrip(" -—") if found else text


def _starts_mid_sentence(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and (t[0].islower() or t[0] in ",;:)")


def pair_summaries(issue: Issue, rules: Rules) -> Issue:
    previous = None  # the last summary seen, for fragments carried over into the next article
    for art in issue.articles:
        if art.kind != UnitKind.ARTICLE:
            continue
        current: Summary | None = None
        for blk in art.english:
            kind = rules.summary_kind(blk.text)
            pages = sorted({p.page for p in blk.pieces})
            if kind:
                text = _strip_heading(blk.text, rules)
                current = Summary(kind, text, pages, 1.0, "heading in article flow", bbox=blk.bbox)
                art.summaries.append(current)
                previous = current
            elif blk.role == Role.SUMMARY or (
                blk.role in (Role.ENGLISH, Role.DECK_EN) and current is not None
            ):
                if (
                    current is None
                    and previous is not None
                    and _starts_mid_sentence(blk.text)
                    and not _SENTENCE_END.search(previous.text)
                ):
                    _extend(previous, blk)
                    previous.signal += "; continued after next title"
                    previous.confidence = min(previous.confidence, 0.85)
                elif current is not None:
                    _extend(current, blk)
                else:
                    current = Summary(
                        SummaryKind.READING_SUMMARY,
                        blk.text,
                        pages,
                        0.6,
                        "English box without heading",
                        bbox=blk.bbox,
                    )
                    art.summaries.append(current)
                    previous = current
        for s in art.summaries:
            s.text = s.text.strip()
        _keep_unpaired_english(art)
    return issue


def _keep_unpaired_english(art) -> None:
    """English text that is neither a summary nor an item's English version stays in the body
    where it stands (a DOI line, a quoted English sentence): nothing is silently dropped."""
    paired = " ".join([s.text for s in art.summaries] + [f"{it.title_en} {it.text_en}" for it in art.items])
    in_items = {id(b) for it in art.items for b in it.blocks}
    body = {id(b) for b in art.blocks}
    kept = []
    fields = f"{art.title_en or ''}\x00{art.deck_en or ''}"
    for blk in art.flow:
        text = blk.text.strip()
        if id(blk) in body:
            kept.append(blk)
        elif id(blk) in in_items or text in paired:
            continue
        elif blk.role == Role.ENGLISH:
            blk.role = Role.PARAGRAPH
            kept.append(blk)
        elif blk.role in (Role.TITLE_EN, Role.DECK_EN) and text not in fields:
            # English display type after the title area that no field or summary took (a page
            # whose English text the layout read as display lines): body text, as printed
            blk.role = Role.HEADING if blk.role == Role.TITLE_EN else Role.PARAGRAPH
            kept.append(blk)
    art.blocks = kept


def _extend(summary: Summary, blk: Block) -> None:
    summary.text = (summary.text + (" " if summary.text else "") + blk.text).strip()
    summary.pages = sorted(set(summary.pages) | {p.page for p in blk.pieces})
