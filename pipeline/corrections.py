"""Corrections an archivist writes down once and that survive every re-run: a stage Issue -> Issue.

A corrections file is a YAML list, applied in order after the automatic segmentation stages
(articles, contents, items, summaries), so that tables, facts, keywords and warnings are computed
on the corrected units. Units and blocks are addressed by what survives a pipeline upgrade, never
by row ids: the page a unit opens on and how its title starts, the page a block stands on and how
its text starts (spaces ignored). The forms:

    - unit: {page: 26, title: "凝心聚力"}       # the unit opening on page 26 whose title starts so
      merge_into_previous: true                  # it is the continuation of the unit before it
    - unit: {page: 12, title: "凝心聚力"}
      set: {title_en: "…", authors: ["王怀宇"], section_zh: "科促会动态"}
    - unit: {page: 30, title: "…"}
      split_at: {page: 31, text: "…"}            # a new unit opens at this block
    - block: {page: 11, text: "…"}
      type: pull_quote                           # or paragraph, heading, deck, caption, furniture, …
    - block: {page: 11, text: "…"}
      set: {text: "…"}                           # the block's text as printed

A unit address without `title` means the one unit opening on that page. A correction that matches
nothing (or more than one thing) is not applied: it is recorded as such, and a
`correction_not_applied` warning names it, so a stale correction is never dropped in silence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .caption_lang import caption_parts
from .models import (
    BLOCK_TABLE_ROLES,
    Article,
    Block,
    Issue,
    Line,
    Piece,
    Role,
    UnitKind,
    Warning,
    WarningCode,
)

# Unit fields a `set` may give, and their shape ("list" = list of strings, "int", else a string).
UNIT_FIELDS = {
    "title_zh": "str",
    "subtitle_zh": "str",
    "title_en": "str",
    "section_zh": "str",
    "section_en": "str",
    "byline": "str",
    "authors": "list",
    "deck_zh": "str",
    "deck_en": "str",
    "abstract_zh": "str",
    "keywords_zh": "list",
    "toc_page": "int",
    "kind": "str",
}
UNIT_KINDS = ("article", "cover", "notice", "masthead", "toc", "advertisement")
# Block types a body block may be given (they stay in the body, typed so) ...
BODY_TYPES = tuple(r.value for r in Role if r in BLOCK_TABLE_ROLES)
# ... and the types that take a block out of the body into the unit's fields or the page furniture.
MOVED_TYPES = ("deck", "caption", "furniture")
BLOCK_TYPES = BODY_TYPES + MOVED_TYPES
UNIT_ACTIONS = ("merge_into_previous", "set", "split_at")
BLOCK_ACTIONS = ("type", "set")


class CorrectionsError(ValueError):
    """A corrections file that cannot be used: one line naming the file, the entry and the key."""


@dataclass(frozen=True)
class Correction:
    seq: int  # 1-based position in the file
    line: int  # where it starts in the file
    source: str  # the file
    target: str  # "unit" or "block"
    address: dict  # {page, title} or {page, text}
    action: str  # merge_into_previous, set, split_at, type
    value: object

    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass
class CorrectionResult:
    """One row of the `corrections` table: what was asked, where, and whether it applied."""

    correction: Correction
    applied: bool
    detail: str  # what was done, or why not
    article_seq: int | None = None
    page: int | None = None


@dataclass
class _State:
    articles: list[Article]
    furniture: dict[int, list[Line]] = field(default_factory=dict)  # page -> lines added
    # blocks given another type or text: the old block's id -> the new one (None: gone to the
    # furniture); the layout's pages get the same new objects, because later stages (tables) match
    # a unit's blocks with the page's blocks by identity
    swapped: dict[int, Block | None] = field(default_factory=dict)
    # PDF page -> the pages as read on it (two for a PDF page holding two facing pages)
    read_pages: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def as_read(self, addr: dict) -> dict:
        """The address with the pages as read that its PDF page means (`_read`)."""
        return {**addr, "_read": self.read_pages.get(addr["page"], (addr["page"],))}


def _own_copy(a: Article) -> Article:
    """A copy of the unit whose lists may be changed; the blocks themselves stay shared."""
    return replace(
        a,
        pages=list(a.pages),
        authors=list(a.authors),
        blocks=list(a.blocks),
        captions=list(a.captions),
        summaries=list(a.summaries),
        items=[replace(it, blocks=list(it.blocks)) for it in a.items],
        tables=list(a.tables),
        english=list(a.english),
        flow=list(a.flow),
        keywords=list(a.keywords),
        keywords_zh=list(a.keywords_zh),
    )


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "").casefold()


# ---------------------------------------------------------------- loading
def _check_address(addr, target: str, where: str) -> dict:
    key = "title" if target == "unit" else "text"
    if not isinstance(addr, dict):
        raise CorrectionsError(f'{where}: {target}: expected {{page: N, {key}: "…"}}')
    for k in addr:
        if k not in ("page", key):
            raise CorrectionsError(
                f"{where}: {target}.{k}: unknown key (a {target} is found by page and {key})"
            )
    if not isinstance(addr.get("page"), int) or isinstance(addr.get("page"), bool) or addr["page"] < 1:
        raise CorrectionsError(f"{where}: {target}.page: expected a page number")
    if key in addr and not (isinstance(addr[key], str) and addr[key].strip()):
        raise CorrectionsError(f"{where}: {target}.{key}: expected the text it starts with")
    if target == "block" and key not in addr:
        raise CorrectionsError(f"{where}: block.text: needed (the text the block starts with)")
    return dict(addr)


def _check_value(target: str, action: str, value, where: str):
    if target == "unit" and action == "merge_into_previous":
        if value is not True:
            raise CorrectionsError(f"{where}: merge_into_previous: expected true")
    elif target == "unit" and action == "split_at":
        return _check_address(value, "block", where.replace("block", "split_at"))
    elif target == "unit" and action == "set":
        if not isinstance(value, dict) or not value:
            raise CorrectionsError(f"{where}: set: expected field: value pairs")
        for k, v in value.items():
            shape = UNIT_FIELDS.get(k)
            if shape is None:
                raise CorrectionsError(f"{where}: set.{k}: not a unit field ({', '.join(UNIT_FIELDS)})")
            ok = (
                (shape == "list" and isinstance(v, list) and all(isinstance(x, str) for x in v))
                or (shape == "int" and isinstance(v, int) and not isinstance(v, bool))
                or (shape == "str" and isinstance(v, str))
                or v is None
            )
            if not ok:
                raise CorrectionsError(
                    f"{where}: set.{k}: expected {'a list of strings' if shape == 'list' else 'an integer' if shape == 'int' else 'a string'}"
                )
            if k == "kind" and v not in UNIT_KINDS:
                raise CorrectionsError(f"{where}: set.kind: one of {', '.join(UNIT_KINDS)}")
    elif target == "block" and action == "type":
        if value not in BLOCK_TYPES:
            raise CorrectionsError(f"{where}: type: {value!r} is not a block type ({', '.join(BLOCK_TYPES)})")
    elif target == "block" and action == "set":
        if not isinstance(value, dict) or set(value) != {"text"} or not isinstance(value["text"], str):
            raise CorrectionsError(f'{where}: set: a block\'s set takes text only ({{text: "…"}})')
    return value


def load_corrections(path: str | Path) -> list[Correction]:
    """Read and check a corrections file; CorrectionsError names the file, line and key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        nodes = yaml.compose(text)
        data = yaml.safe_load(text)
    except OSError as e:
        raise CorrectionsError(f"{path}: cannot read corrections file ({e.strerror})") from e
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise CorrectionsError(f"{path}: not valid YAML ({' '.join(str(e).split())})") from e
    if data is None:
        return []
    if not isinstance(data, list):
        raise CorrectionsError(
            f"{path}: a corrections file is a list of corrections (- unit: … / - block: …)"
        )
    out = []
    for i, entry in enumerate(data):
        line = nodes.value[i].start_mark.line + 1
        where = f"{path}:{line}"
        if not isinstance(entry, dict):
            raise CorrectionsError(f"{where}: expected a mapping (unit: … or block: …)")
        targets = [k for k in ("unit", "block") if k in entry]
        if len(targets) != 1:
            raise CorrectionsError(f"{where}: each correction names one unit: or one block:")
        target = targets[0]
        allowed = UNIT_ACTIONS if target == "unit" else BLOCK_ACTIONS
        actions = [k for k in entry if k != target]
        for k in actions:
            if k not in allowed:
                raise CorrectionsError(f"{where}: {k}: unknown key for a {target} ({', '.join(allowed)})")
        if len(actions) != 1:
            raise CorrectionsError(f"{where}: one action per correction ({', '.join(allowed)})")
        action = actions[0]
        address = _check_address(entry[target], target, where)
        value = _check_value(target, action, entry[action], where)
        out.append(Correction(i + 1, line, str(path), target, address, action, value))
    return out


# ---------------------------------------------------------------- finding
def _find_units(arts: list[Article], addr: dict) -> list[int]:
    want = _norm(addr.get("title"))
    return [
        i
        for i, a in enumerate(arts)
        if a.pages
        and a.pages[0] in addr["_read"]
        and (not want or _norm(a.title_zh).startswith(want) or _norm(a.title_en).startswith(want))
    ]


def _unit_blocks(a: Article) -> list[tuple[list[Block], int]]:
    """(the list holding it, its index) for every body block of the unit, items' included."""
    return [(a.blocks, i) for i in range(len(a.blocks))] + [
        (it.blocks, i) for it in a.items for i in range(len(it.blocks))
    ]


def _block_matches(b: Block, addr: dict) -> bool:
    return bool(set(addr["_read"]) & {p.page for p in b.pieces}) and _norm(b.text).startswith(
        _norm(addr["text"])
    )


def _find_blocks(arts: list[Article], addr: dict) -> list[tuple[int, list[Block], int]]:
    return [
        (ai, holder, bi)
        for ai, a in enumerate(arts)
        for holder, bi in _unit_blocks(a)
        if _block_matches(holder[bi], addr)
    ]


def _one(found: list, what: str, addr: dict) -> str | None:
    """Why a lookup is not usable (nothing, or more than one thing matches), or None."""
    if not found:
        return f"no {what} matches {_show(addr)}"
    if len(found) > 1:
        return f"{len(found)} {what}s match {_show(addr)}: give more of the text"
    return None


def _show(addr: dict) -> str:
    return json.dumps(addr, ensure_ascii=False)


# ---------------------------------------------------------------- applying
def _merge(arts: list[Article], i: int) -> str:
    prev, art = arts[i - 1], arts[i]
    offset = max((it.seq for it in prev.items), default=0)
    art.items = [replace(it, seq=it.seq + offset) for it in art.items]
    art.summaries = [
        replace(s, item_seq=s.item_seq + offset) if s.item_seq is not None else s for s in art.summaries
    ]
    prev.pages = sorted(set(prev.pages) | set(art.pages))
    prev.blocks += art.blocks
    prev.captions += art.captions
    prev.summaries += art.summaries
    prev.items += art.items
    prev.tables += art.tables
    prev.english += art.english
    prev.flow += art.flow
    if art.kind == UnitKind.ARTICLE and art.title_zh and art.title_bbox:
        # its title area was text of the unit before it: it goes back into the text, the title as a
        # heading, a subtitle, byline or deck as paragraphs (where the title stood: no box of theirs
        # is kept)
        where = [Piece(art.pages[0], art.title_bbox)]
        head = [Block(Role.HEADING, art.title_zh, [], where)]
        head += [Block(Role.PARAGRAPH, t, [], where) for t in (art.subtitle_zh, art.byline, art.deck_zh) if t]
        at = len(prev.blocks) - len(art.blocks)
        prev.blocks[at:at] = head
        k = len(prev.flow) - len(art.flow)
        prev.flow[k:k] = head
    del arts[i]
    return f"unit merged into {prev.title_zh!r}"


def _split(arts: list[Article], i: int, addr: dict) -> tuple[str | None, str]:
    art = arts[i]
    at = next((bi for bi, b in enumerate(art.blocks) if _block_matches(b, addr)), None)
    if at is None:
        return f"no block of this unit matches {_show(addr)}", ""
    if at == 0:
        return "the block opens the unit already", ""
    first = art.blocks[at]
    page = next(p.page for p in first.pieces if p.page in addr["_read"])  # the page as read it is on
    new = Article(seq=0, kind=art.kind, pages=[p for p in art.pages if p >= page])
    new.section_zh, new.section_en = art.section_zh, art.section_en
    new.blocks = art.blocks[at:]
    art.blocks = art.blocks[:at]
    if first.role == Role.HEADING:  # a heading that opens a unit is its title
        new.title_zh, new.title_bbox = first.text, first.bbox
        new.blocks = new.blocks[1:]
    cut = (page, next(p.bbox[1] for p in first.pieces if p.page == page))

    def after(page: int, y: float) -> bool:
        return (page, y) >= cut

    new.captions = [c for c in art.captions if after(c.page, c.bbox[1])]
    art.captions = [c for c in art.captions if not after(c.page, c.bbox[1])]
    new.tables = [t for t in art.tables if after(t.page, t.bbox[1])]
    art.tables = [t for t in art.tables if not after(t.page, t.bbox[1])]
    new.summaries = [s for s in art.summaries if s.pages and min(s.pages) > page]
    art.summaries = [s for s in art.summaries if not (s.pages and min(s.pages) > page)]
    k = next((fi for fi, b in enumerate(art.flow) if b is first), len(art.flow))
    new.flow, art.flow = art.flow[k:], art.flow[:k]
    new.english = [b for b in art.english if any(b is f for f in new.flow)]
    art.english = [b for b in art.english if not any(b is f for f in new.flow)]
    art.pages = [p for p in art.pages if p <= page]
    arts.insert(i + 1, new)
    return None, f"new unit opens at {first.text[:20]!r}" + (" (its title)" if new.title_zh else "")


def _retype(state: _State, ai: int, holder: list[Block], bi: int, kind: str) -> str:
    art, blk = state.articles[ai], holder[bi]
    if kind in BODY_TYPES:
        old = blk.role
        holder[bi] = _swap(state, art, blk, replace(blk, role=kind))
        return f"type {old} -> {kind}"
    del holder[bi]
    art.flow = [f for f in art.flow if f is not blk]
    state.swapped[id(blk)] = None if kind == "furniture" else replace(blk, role=kind)
    if kind == "deck":
        field_name = "deck_en" if blk.lang == "en" else "deck_zh"
        setattr(
            art,
            field_name,
            blk.text if not getattr(art, field_name) else f"{getattr(art, field_name)}{blk.text}",
        )
        return f"moved to the unit's {field_name}"
    if kind == "caption":
        art.captions += caption_parts(blk)  # a caption in both languages: one each
        art.captions.sort(key=lambda c: (c.page, c.bbox[1]))
        return "moved to the unit's captions"
    for ln in blk.lines:  # furniture
        state.furniture.setdefault(ln.page, []).append(ln)
    return "moved to the page furniture"


def _swap(state: _State, art: Article, old: Block, new: Block) -> Block:
    art.flow = [new if f is old else f for f in art.flow]
    state.swapped[id(old)] = new
    return new


def _apply_one(state: _State, c: Correction) -> tuple[bool, str, int | None, int | None]:
    arts = state.articles
    # an address names a PDF page, as the rows and the review page show it; a PDF page holding
    # two facing pages is two pages as read, and the address may mean either
    addr = state.as_read(c.address)
    page = addr["_read"][0]  # the page as read the result is on (the one found, once found)
    if c.target == "unit":
        found = _find_units(arts, addr)
        if why := _one(found, "unit", c.address):
            return False, why, None, page
        i = found[0]
        page = arts[i].pages[0]
        if c.action == "merge_into_previous":
            if i == 0:
                return False, "the first unit has no unit before it", arts[i].seq, page
            detail = _merge(arts, i)
            return True, detail, i - 1, page
        if c.action == "split_at":
            at = state.as_read(c.value)
            why, detail = _split(arts, i, at)
            return (False, why, i, page) if why else (True, detail, i + 1, at["_read"][0])
        for k, v in c.value.items():
            setattr(arts[i], k, list(v) if isinstance(v, list) else v)
        return True, "set " + ", ".join(c.value), i, page
    found = _find_blocks(arts, addr)
    if why := _one(found, "block", c.address):
        return False, why, None, page
    ai, holder, bi = found[0]
    page = next(p.page for p in holder[bi].pieces if p.page in addr["_read"])
    if c.action == "set":
        blk = holder[bi]
        holder[bi] = _swap(state, arts[ai], blk, replace(blk, text=c.value["text"]))
        return True, "text replaced", ai, page
    return True, _retype(state, ai, holder, bi, c.value), ai, page


def apply_corrections(issue: Issue, corrections: list[Correction]) -> Issue:
    """A new Issue with the corrections applied in order (the input is left as it was); every
    correction gets a CorrectionResult in issue.corrections, and one not applied a warning."""
    if not corrections:
        return replace(issue, corrections=[])
    read_pages: dict[int, tuple[int, ...]] = {}
    for p in issue.layout.raw.pages:
        read_pages[p.sheet or p.number] = (*read_pages.get(p.sheet or p.number, ()), p.number)
    state = _State(articles=[_own_copy(a) for a in issue.articles], read_pages=read_pages)
    origin = {id(new): old.seq for old, new in zip(issue.articles, state.articles, strict=True)}
    raw_results = []
    for c in corrections:
        applied, detail, idx, page = _apply_one(state, c)
        unit = state.articles[idx] if idx is not None and 0 <= idx < len(state.articles) else None
        raw_results.append((c, applied, detail, unit, page))
    # units numbered again in reading order; warnings already raised follow their unit
    renumber = {}
    for n, a in enumerate(state.articles, start=1):
        if id(a) in origin:
            renumber[origin[id(a)]] = n
        a.seq = n
    warnings = [
        replace(w, article_seq=renumber.get(w.article_seq)) if w.article_seq else w for w in issue.warnings
    ]
    results = []
    for c, applied, detail, unit, page in raw_results:
        results.append(CorrectionResult(c, applied, detail, unit.seq if unit else None, page))
        if not applied:
            warnings.append(
                Warning(
                    WarningCode.CORRECTION_NOT_APPLIED,
                    f"correction #{c.seq} ({c.where()}: {c.target} {_show(c.address)} {c.action}) not applied: {detail}",
                    None,
                    page,
                )
            )
    layout = issue.layout
    if state.swapped or state.furniture:
        layout = replace(layout, pages=[_page_after(p, state) for p in layout.pages])
    return replace(issue, articles=state.articles, layout=layout, warnings=warnings, corrections=results)


def _page_after(page, state: _State):
    """The page with its retyped blocks swapped for their new versions (the same objects the units
    hold), blocks gone to the furniture taken out and added there; an untouched page as it was."""
    sw = state.swapped
    if page.number not in state.furniture and not any(id(b) in sw for b in page.blocks):
        return page

    def final(b: Block) -> Block | None:  # a block corrected twice: its last version
        while b is not None and id(b) in sw:
            b = sw[id(b)]
        return b

    blocks = [final(b) for b in page.blocks]
    return replace(
        page,
        blocks=[b for b in blocks if b is not None],
        furniture=page.furniture + state.furniture.get(page.number, []),
    )


def correction_rows(issue: Issue) -> list[dict]:
    """Rows of the `corrections` table (article_id filled in by datasets)."""
    return [
        dict(
            correction_seq=r.correction.seq,
            source=r.correction.source,
            line=r.correction.line,
            target=r.correction.target,
            address=_show(r.correction.address),
            action=r.correction.action,
            value=json.dumps(r.correction.value, ensure_ascii=False),
            applied=r.applied,
            detail=r.detail,
            article_seq=r.article_seq,
            page=r.page,
        )
        for r in issue.corrections
    ]
