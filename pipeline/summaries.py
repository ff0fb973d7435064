"""Stage 4: pair every English summary (Reading Summary, Editor's Note, Abstract) with its article.

The layout stage already joined summary pieces cut by columns and pages. Here each article's
English blocks become summaries: a block opening with a summary heading starts one, plain
English blocks continue it. A piece that starts mid-sentence and sits at the head of the next
article goes back to the summary that ended without a full stop.
"""

from __future__ import annotations

import re

from .items import MIN_ITEMS
from .models import Article, Block, Issue, Role, Summary, SummaryKind, UnitKind
from .rules import Rules

_SENTENCE_END = re.compile(r"[.!?\"”’)]\s*$")

# How far (a share of the larger size) an unframed English block's type may differ from the
# summary's own text before it is other text: the next article's English title set above its
# Chinese one ends the summary that runs up to it. The layout cuts blocks at the same share.
SUMMARY_FACE_TOLERANCE = 0.12
# Confidence of a summary heading with no English text after it in its unit (a doubt, warned).
EMPTY_SUMMARY_CONFIDENCE = 0.5
# Confidence of a summary found in a unit that is no article and paired with the article before
# it (below the warning line: the unit's opening and the pairing disagree).
STRAY_SUMMARY_CONFIDENCE = 0.7
# roles an English title line above the next article's Chinese title may have been read in
_TITLE_LINE_ROLES = (Role.ENGLISH, Role.TITLE_EN, Role.DECK_EN, Role.HEADING)


def _strip_heading(text: str, rules: Rules) -> str:
    found = rules.summary_heading(text)
    return text[found[1] :].lstrip(" -—") if found else text


def _starts_mid_sentence(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and (t[0].islower() or t[0] in ",;:)")


def pair_summaries(issue: Issue, rules: Rules) -> Issue:
    previous = None  # the last summary seen, for fragments carried over into the next article
    last: Article | None = None  # the last article, for a summary a unit opened after it holds
    for art in issue.articles:
        if art.kind != UnitKind.ARTICLE or _opens_on_items(art):
            # a unit that is no article, or a round-up with no title of its own that opens on its
            # first item (a summary box of the article before, carried past its end to the next
            # column's top, stands among the round-up's items)
            if (
                last is not None
                and not last.summaries
                and _take_stray_summary(art, last, rules, own_frame=art.kind == UnitKind.ARTICLE)
            ):
                previous = last.summaries[-1]
            if art.kind != UnitKind.ARTICLE:
                continue
        last = art
        current: Summary | None = None
        face: float | None = None  # type size of the current summary's text
        ink: int | None = None  # and its colour
        for blk in art.english:
            kind = rules.summary_kind(blk.text)
            pages = sorted({p.page for p in blk.pieces})
            if kind:
                text = _strip_heading(blk.text, rules)
                current = Summary(kind, text, pages, 1.0, "heading in article flow", bbox=blk.bbox)
                face = blk.size if text else None
                ink = _ink(blk) if text else None
                art.summaries.append(current)
                previous = current
            elif current is not None and (_other_face(blk, face) or _other_ink(blk, ink)):
                current = None  # display type after the summary (the next title in English): it ended
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
                    face = face or blk.size
                    ink = _ink(blk) if ink is None else ink
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
            if not s.text:
                s.confidence = min(s.confidence, EMPTY_SUMMARY_CONFIDENCE)
                s.signal += "; heading with no English text after it"
    articles = [a for a in issue.articles if a.kind == UnitKind.ARTICLE]
    for art, nxt in zip(articles, articles[1:], strict=False):
        _give_english_title_on(art, nxt)
    for art in articles:
        _keep_unpaired_english(art)
    return issue


def _give_english_title_on(art: Article, nxt: Article) -> None:
    """English lines that end an article's flow, after its summary, printed on the page where the
    next article opens and above its Chinese title, are the next article's English title (a house
    style that sets it above the Chinese one): they go to its title, before the lines it has."""
    if nxt.title_bbox is None or not nxt.pages:
        return
    paired = " ".join(s.text for s in art.summaries)
    lines: list[Block] = []
    for blk in reversed(art.flow):
        text = blk.text.strip()
        above = blk.page == nxt.pages[0] and blk.bbox[3] <= nxt.title_bbox[1]
        if blk.lang != "en" or not above or (text and text in paired) or blk.role not in _TITLE_LINE_ROLES:
            break
        lines.insert(0, blk)
    if not lines:
        return
    text = " ".join(b.text.strip() for b in lines)
    if not nxt.title_en or text not in nxt.title_en:  # (its title area may have read them already)
        nxt.title_en = " ".join([text] + ([nxt.title_en] if nxt.title_en else []))
    taken = {id(b) for b in lines}
    art.flow = [b for b in art.flow if id(b) not in taken]
    art.english = [b for b in art.english if id(b) not in taken]
    # the page they stood on is the next article's opening page: it stays this article's only if
    # something else of it is printed there (its pages are where its text is, not where a line it
    # handed on stood)
    held = {pc.page for b in (*art.flow, *art.blocks, *art.english) for pc in b.pieces}
    held |= {c.page for c in art.captions} | {p for s in art.summaries for p in s.pages}
    if art.pages and art.pages[-1] == nxt.pages[0] and nxt.pages[0] not in held and len(art.pages) > 1:
        art.pages = art.pages[:-1]


def _opens_on_items(art: Article) -> bool:
    """A round-up printed with no title of its own: titled by its first item's heading, no title
    area (no English title, byline or deck of its own) over it."""
    return (
        len(art.items) >= MIN_ITEMS
        and art.title_zh is not None
        and art.title_zh.endswith(art.items[0].title_zh)
        and not (art.byline or art.deck_zh or art.subtitle_zh)
    )


def _take_stray_summary(unit: Article, article: Article, rules: Rules, own_frame: bool = False) -> bool:
    """A summary heading and its English inside a unit that is no article (a notice or
    advertisement opened after the article's body by display type, a caption read as a title) or
    a round-up with no title of its own (_opens_on_items):
    the summary is the article's before it, which has none. The run is taken out of the unit; the
    pairing is a doubt, warned. own_frame: the run ends with the heading's frame (a round-up's
    items' English versions may be boxed in the summary's very face)."""
    start = next(
        (i for i, b in enumerate(unit.flow) if b.lang == "en" and rules.summary_kind(b.text.strip())), None
    )
    if start is None:
        return False
    head = unit.flow[start]
    text = _strip_heading(head.text, rules)
    run, face = [head], head.size if text else None
    for blk in unit.flow[start + 1 :]:
        if (
            (own_frame and blk.box_id != head.box_id)  # in a round-up, the items' English boxed alike
            or blk.lang != "en"
            or blk.role not in (Role.ENGLISH, Role.SUMMARY, Role.DECK_EN)
            or _other_face(blk, face)
        ):
            break
        run.append(blk)
        face = face or blk.size
    found = Summary(
        rules.summary_kind(head.text.strip()),
        text,
        sorted({p.page for p in head.pieces}),
        STRAY_SUMMARY_CONFIDENCE,
        f"in the {unit.kind} unit after the article, paired back to it",
        bbox=head.bbox,
    )
    for blk in run[1:]:
        _extend(found, blk)
    article.summaries.append(found)
    taken = {id(b) for b in run}
    unit.flow = [b for b in unit.flow if id(b) not in taken]
    unit.english = [b for b in unit.english if id(b) not in taken]
    unit.blocks = [b for b in unit.blocks if id(b) not in taken]
    return True


def _other_face(blk: Block, face: float | None) -> bool:
    """An unframed English block in another size than the summary's text, that does not go on
    with its sentence: not more of the summary (a framed one is the box's, whatever its type)."""
    if face is None or blk.role not in (Role.ENGLISH, Role.DECK_EN, Role.TITLE_EN):
        return False
    return abs(blk.size - face) > SUMMARY_FACE_TOLERANCE * max(blk.size, face) and not _starts_mid_sentence(
        blk.text
    )


def _ink(blk: Block) -> int | None:
    """The colour most of the block's characters are printed in."""
    weight: dict[int, int] = {}
    for ln in blk.lines:
        weight[ln.color] = weight.get(ln.color, 0) + len(ln.text)
    return max(weight, key=weight.get) if weight else None


def _other_ink(blk: Block, ink: int | None) -> bool:
    """An English block printed in another colour than the summary's text, that does not go on
    with its sentence, in a frame of its own or none: the next article's English title in the
    house's colour, set above its Chinese title in the summary's own size, ends the summary."""
    if ink is None or blk.role not in (Role.ENGLISH, Role.DECK_EN, Role.TITLE_EN):
        return False
    return _ink(blk) != ink and not _starts_mid_sentence(blk.text)


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
