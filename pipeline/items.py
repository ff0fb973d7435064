"""Stage 3c: round-up articles (news briefs, profiles) -> items with their own titles.

A round-up opens straight on an item title (no paragraph before the first heading), its
headings are either not numbered or numbered 1, 2, 3 in one flat run (not like an essay's nested
sections), and each item is short, whatever the number of columns it is set in. An item is its
Chinese title, an optional English title right under it, its paragraphs, and the English
version printed beside it (a plain English paragraph or a box without a summary heading).
"""

from __future__ import annotations

import os
import re

from .models import Article, Block, Issue, Item, Role, UnitKind
from .rules import Rules
from .titles_en import english_title_above

_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+[章节部分篇])"
)


# A round-up may number its items ("1 秒针：…", "2. …", "③ …"): one flat run counted from one.
_ITEM_NUMBER = re.compile(r"^\s*(?:(\d{1,2})(?:\s+|[.．、](?!\d)\s*)|([①-⑳])\s*)(?=\S)")


def item_number(text: str) -> int | None:
    m = _ITEM_NUMBER.match(text)
    if not m:
        return None
    return int(m.group(1)) if m.group(1) else ord(m.group(2)) - ord("①") + 1


def _numbered_run(heads: list[Block]) -> bool:
    """Every heading numbered, 1, 2, 3, … in one flat sequence: a list of items, not an essay's
    nested sections (一、 over （一） over 1.)."""
    return [item_number(h.text) for h in heads] == list(range(1, len(heads) + 1))


def is_roundup(art: Article) -> bool:
    if art.front is not None:
        return False  # a journal paper (its front matter read): numbered sections, never items
    body = [b for b in art.flow if b.role in (Role.HEADING, Role.PARAGRAPH, Role.LIST_ITEM)]
    if not body or body[0].role != Role.HEADING:
        return False
    heads = [b for b in body if b.role == Role.HEADING]
    if len(heads) < 3:
        return False
    if any(_NUMBERED.match(h.text) for h in heads) and not _numbered_run(heads):
        return False
    # each item is short: a few paragraphs under each title
    return (len(body) - len(heads)) <= 4 * len(heads)


MIN_ITEMS = 3  # items with the whole structure that make a unit a round-up by its shape alone
ITEM_EN_MIN_CHARS = 80  # an item's English version, not its English title (a line or two)


def whole_items(blocks: list[Block], rules: Rules) -> tuple[int, int]:
    """(items with the whole structure, items) of blocks that open on a Chinese heading: each
    heading followed, before the next, by Chinese text and an English version of it (a plain
    English paragraph, italic or boxed, that no summary heading names), each item short; (0, 0)
    where the blocks open otherwise or their headings are an essay's nested sections."""
    kinds = (Role.HEADING, Role.PARAGRAPH, Role.LIST_ITEM, Role.ENGLISH, Role.SUMMARY)
    summary = summary_run(blocks, rules)
    flow = [b for b in blocks if b.role in kinds and id(b) not in summary]
    if not flow or flow[0].role != Role.HEADING or flow[0].lang != "zh":
        return 0, 0
    items: list[list[Block]] = []
    for b in flow:
        if b.role == Role.HEADING and b.lang == "zh":
            items.append([])
        else:
            items[-1].append(b)
    heads = [b for b in flow if b.role == Role.HEADING and b.lang == "zh"]
    if any(_NUMBERED.match(h.text) for h in heads) and not _numbered_run(heads):
        return 0, 0
    whole = [
        it
        for it in items
        if any(b.lang == "zh" and b.role != Role.HEADING for b in it)
        and any(
            b.lang == "en" and len(b.text) >= ITEM_EN_MIN_CHARS and rules.summary_kind(b.text) is None
            for b in it
        )
        and sum(b.lang == "zh" for b in it) <= 4
    ]
    return len(whole), len(items)


def summary_run(blocks: list[Block], rules: Rules) -> set[int]:
    """ids of the English blocks that follow a summary heading (its own line or run in) up to the
    next block in another language: a summary's text, whatever its frame, never an item's English
    version (an essay's section headings do not make its closing summary the last item's). A
    summary framed ends with its frame: the next frame is another box (a round-up's item's English
    version boxed alike, its rest at the next column's top after the summary of the article before,
    carried there past that article's end)."""
    run: set[int] = set()
    open_ = False
    frame = None  # the summary heading's frame
    for b in blocks:
        if b.lang == "en" and rules.summary_kind(b.text.strip()):
            open_ = True
            frame = b.box_id
            run.add(id(b))
        elif open_ and b.lang == "en" and (frame is None or b.box_id is None or b.box_id == frame):
            run.add(id(b))
        else:
            open_ = False
    return run


def has_item_structure(blocks: list[Block], rules: Rules) -> bool:
    """A round-up told by its repeated item structure, whatever opened it and whether its headings
    are numbered: at least MIN_ITEMS whole items (whole_items), most of its items whole."""
    whole, n = whole_items(blocks, rules)
    return whole >= MIN_ITEMS and whole * 2 >= n


def item_title(text: str) -> str:
    """A numbered item heading's title without its running number."""
    return _ITEM_NUMBER.sub("", text.strip(), count=1).strip()


def _item_title(text: str, numbered: bool) -> str:
    """The item's title without its running number (typography, not title)."""
    text = text.strip()
    return _ITEM_NUMBER.sub("", text, count=1).strip() if numbered else text


def is_en_title(blk: Block) -> bool:
    """Short English right under an item's Chinese title: bold or a heading, or a phrase that is
    not a sentence (no full stop) — the English version itself is prose."""
    text = blk.text.strip()
    if blk.lang != "en" or len(text) >= 200:
        return False
    return blk.bold or blk.role in (Role.HEADING, Role.TITLE_EN) or not text.endswith((".", "”", '"'))


def _en_title_over(blk: Block, nxt: Block | None) -> bool:
    """An item's English title printed over its Chinese heading (right above it, on its edge),
    not after it: the next item's, never the English version of the item before."""
    return (
        nxt is not None
        and nxt.role == Role.HEADING
        and nxt.lang == "zh"
        and is_en_title(blk)
        and english_title_above(blk, nxt)
    )


def _english_follows(flow: list[Block], k: int) -> bool:
    """The block after flow[k] is English prose (an item's English text)."""
    nxt = flow[k + 1] if k + 1 < len(flow) else None
    return nxt is not None and nxt.lang == "en" and nxt.role in (Role.ENGLISH, Role.SUMMARY)


def split_items(issue: Issue, rules: Rules) -> Issue:
    for art in issue.articles:
        if art.kind != UnitKind.ARTICLE or not is_roundup(art):
            continue
        items: list[Item] = []
        used: set[int] = set()  # blocks that went into an item (as title, text or English)
        numbered = _numbered_run([b for b in art.flow if b.role == Role.HEADING])
        summary = summary_run(art.flow, rules)
        over: str | None = None  # an English title printed over the next item's Chinese heading
        for k, blk in enumerate(art.flow):
            if id(blk) in summary:
                continue  # the article's summary (summaries.py), not the last item's English
            nxt = art.flow[k + 1] if k + 1 < len(art.flow) else None
            if _en_title_over(blk, nxt):
                over = blk.text.strip() if over is None else f"{over} {blk.text.strip()}"
            elif blk.role == Role.HEADING and blk.lang == "zh":
                items.append(
                    Item(seq=len(items) + 1, title_zh=_item_title(blk.text, numbered), title_en=over)
                )
                over = None
            elif not items:
                continue
            elif (
                is_en_title(blk)
                and items[-1].text_en is None
                and (not items[-1].blocks or (items[-1].title_en is None and _english_follows(art.flow, k)))
            ):
                # right under the Chinese title; or, after the Chinese text, heading the English
                # version that follows it (a house style that prints a profile's English, title and
                # text, after its Chinese)
                it = items[-1]
                it.title_en = blk.text.strip() if it.title_en is None else f"{it.title_en} {blk.text.strip()}"
            elif (
                blk.lang == "en"
                and blk.role in (Role.ENGLISH, Role.SUMMARY)
                and rules.summary_kind(blk.text) is None
            ):
                it = items[-1]
                it.text_en = blk.text.strip() if it.text_en is None else f"{it.text_en} {blk.text.strip()}"
            elif blk.role in (
                Role.PARAGRAPH,
                Role.LIST_ITEM,
                Role.NOTE,
                Role.HEADING,
                Role.BIO,
                Role.AFTERWORD,
            ):
                items[-1].blocks.append(blk)
            else:
                continue
            used.add(id(blk))
        _pair_by_name(items)
        art.blocks = [b for b in art.blocks if id(b) not in used]
        art.english = [b for b in art.english if id(b) not in used]
        art.items = items
    return issue


def romanized(name_zh: str) -> str | None:
    """周志华 -> "Zhou Zhihua" (surname first, given name joined), as English texts print it."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name_zh):
        return None
    # names are read character by character: pypinyin's phrase dictionaries (0.15 s to load) add nothing
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name_zh)
    return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}"


def _pair_by_name(items: list[Item]) -> None:
    """Profiles: the English version that names the person goes with that person's Chinese text,
    wherever it was printed. Position stays the pairing unless names give a complete, unambiguous one."""
    english = [(it.title_en, it.text_en) for it in items]
    names = [romanized(re.split(r"[：:\s]", it.title_zh or "")[0]) for it in items]
    choice: dict[int, int] = {}
    for i, name in enumerate(names):
        hits = [
            j for j, (t, x) in enumerate(english) if name and name.lower() in f"{t or ''} {x or ''}".lower()
        ]
        if len(hits) == 1:
            choice[i] = hits[0]
    complete = len(choice) == sum(1 for n in names if n) >= 2 and len(set(choice.values())) == len(choice)
    if complete:
        for i, j in choice.items():
            items[i].title_en, items[i].text_en = english[j]
    for i, it in enumerate(items):
        if it.text_en is None:
            continue
        named = names[i] and names[i].lower() in f"{it.title_en or ''} {it.text_en}".lower()
        it.en_signal = f"names {names[i]}" if named else "position after the Chinese text"
        it.en_confidence = 1.0 if named else 0.7
