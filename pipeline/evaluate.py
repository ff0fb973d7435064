"""Score one issue's pipeline output against an `issue-truth/1` answer key.

Every comparison runs on `norm()`ed text (NFKC, all whitespace removed) because the key's
convention is that whitespace never counts. Metrics are floats in 0-1, or None when the key
gives nothing to score; counts sit next to them so a ratio can always be read in context.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from rich.table import Table

TABLES = ("articles", "blocks", "summaries", "captions", "items", "tables", "toc", "issues")
TITLE_RATIO = 90  # rapidfuzz ratio (0-100) that counts as the same title
MIN_CONTAINED = 6  # shorter titles are too generic to match by containment
SIM_OK = 0.9  # text similarity that counts a summary / English item as found
MIN_SENTENCE = 20  # shorter summary sentences would flag ordinary phrases as leaks
RIGHT_BODY = 0.8  # body similarity at which a matched article unit counts as right (calibration)
CONF_RIGHT, CONF_RIGHT_SHARE = 0.8, 0.9  # right units should be sure: this share at this confidence
CONF_WRONG = 0.5  # wrong units should say so: none above this confidence
STRAY_CHARS = 100  # body text in a unit whose key has none, below which the unit still counts as right
_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


def norm(text) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", str(text))) if text is not None else ""


def similarity(pred: str, truth: str) -> float:
    """1 - edit distance relative to the truth's length, floored at 0 (both args normalised)."""
    return max(0.0, 1.0 - Levenshtein.distance(pred, truth) / max(len(truth), 1))


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []  # a table the pipeline did not write is scored as empty, not as a crash
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_output(out_dir: Path, issue_id: str | None = None) -> tuple[str, dict[str, list[dict]]]:
    root = Path(out_dir) / "jsonl"
    if issue_id is None:
        issues = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        if len(issues) != 1:
            raise ValueError(f"{root}: expected exactly one issue directory, found {issues}; pass issue_id")
        issue_id = issues[0]
    return issue_id, {t: read_jsonl(root / issue_id / f"{t}.jsonl") for t in TABLES}


def truth_blocks(entry: dict) -> list[str]:
    """Normalised texts of an entry's body in key order: its own blocks, then its items' blocks."""
    blocks = list(entry.get("blocks") or [])
    for item in entry.get("items") or []:
        blocks += item.get("blocks") or []
    return [t for t in (norm(b.get("text")) for b in blocks) if t]


def match_articles(truth: list[dict], pred: list[dict]) -> dict[int, int]:
    """One-to-one truth index -> pred index by title_zh, greedy from the best ratio down."""
    candidates = []
    for ti, t in enumerate(truth):
        tt = norm(t.get("title_zh"))
        for pi, p in enumerate(pred):
            pt = norm(p.get("title_zh"))
            if not tt or not pt:
                continue
            score = fuzz.ratio(tt, pt)
            short, long_ = sorted((tt, pt), key=len)
            if score >= TITLE_RATIO or (len(short) >= MIN_CONTAINED and short in long_):
                candidates.append((score, ti, pi))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, ti, pi in sorted(candidates, key=lambda c: -c[0]):
        if ti not in matched and pi not in used:
            matched[ti] = pi
            used.add(pi)
    return matched


def _field_acc(pairs: list[tuple[dict, dict]], field: str, key=norm) -> float | None:
    # fields the key does not carry, or marks as not shown by this rendition, are not scored
    pairs = [(t, p) for t, p in pairs if field in t and field not in (t.get("unscored") or [])]
    return _ratio(sum(key(t.get(field)) == key(p.get(field)) for t, p in pairs), len(pairs))


def _authors(names) -> list[str]:
    return [n for n in map(norm, names or []) if n]


def _page(value, default: int | None = None) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def key_pages(truth_path: Path, entries: list[dict]) -> dict[str, tuple[int, int]]:
    """Each key entry's physical pages (1-based, first and last): the entry's own `page_start` /
    `page_end` where the key carries them, else the `<stem>.pages.json` written beside a rendition's
    key ({entry id: {start, end}}). An entry with neither has no pages to hold a unit to."""
    side = Path(truth_path).with_name(Path(truth_path).name.replace(".truth.json", ".pages.json"))
    try:
        pages_file = json.loads(side.read_text(encoding="utf-8")) if side != Path(truth_path) else {}
    except (OSError, ValueError):
        pages_file = {}
    pages: dict[str, tuple[int, int]] = {}
    for entry in entries:
        eid = entry.get("id")
        start, end = _page(entry.get("page_start")), _page(entry.get("page_end"))
        if start is None and isinstance(pages_file.get(eid), dict):
            start, end = _page(pages_file[eid].get("start")), _page(pages_file[eid].get("end"))
        if start is not None and end is not None:
            pages[eid] = (start, end)
    return pages


def _pages_agree(entry: dict, unit: dict, pages: dict[str, tuple[int, int]], text_pages=None) -> bool:
    """A unit spans the key entry's pages, first and last, where the key gives them. One page
    short at an end is allowed only where the key shares that page with another entry (an article
    ending where the next opens): which of the two a page holding both is counted to is a boundary
    call (a producer records where an entry's first mark falls, which may be the foot of the page
    before its title), not a unit cut short or swallowed; so is a page on which the output holds no
    text at all (`text_pages`: a blank verso under a running head, counted to the entry before it
    by a producer). A unit running onto a page the key gives to others only, or longer than the
    key's at either end, is wrong."""
    want = pages.get(entry.get("id"))
    if want is None:
        return True
    (start, end), have = want, (_page(unit.get("page_start")), _page(unit.get("page_end")))
    if have == want:
        return True
    others = [p for eid, p in pages.items() if eid != entry.get("id")]
    blank = set() if text_pages is None else {start, end} - set(text_pages)
    shared_start = any(p[1] == start for p in others) or start in blank
    shared_end = any(p[0] == end for p in others) or end in blank
    starts = have[0] == start or (shared_start and have[0] == start + 1 <= end)
    ends = have[1] == end or (shared_end and have[1] == end - 1 >= start)
    return starts and ends


def unit_holds(
    entry: dict, unit: dict, texts: list[str], pages: dict, keyed_elsewhere: str, text_pages=None
) -> float | None:
    """How well a unit holds a key entry (None: it does not). The unit matching rule, for every kind:
    its pages are the entry's (where the key gives them, `key_pages`) and its text is the entry's:
    body similarity >= RIGHT_BODY to the entry's text (its blocks, then its items' blocks). An entry
    whose key gives no text (a contents page, keyed by its entries; a section opener; a cover keyed by
    its kind alone) is held by a unit that holds no more than STRAY_CHARS of text that other entries
    of the key own (`keyed_elsewhere`): a contents unit that swallowed the round-up after it holds
    the round-up's text and is wrong, however empty the contents' own entry is."""
    if not _pages_agree(entry, unit, pages, text_pages):
        return None
    truth_body = "".join(truth_blocks(entry))
    if truth_body:
        sim = similarity("".join(texts), truth_body)
        return sim if sim >= RIGHT_BODY else None
    swallowed = sum(len(t) for t in texts if t and t in keyed_elsewhere)
    return 1.0 if swallowed < STRAY_CHARS else None


def _keyed_elsewhere(entries: list[dict], entry: dict) -> str:
    return "\x1f".join("\x1f".join(truth_blocks(e)) for e in entries if e is not entry)


def other_units_right(
    entries: list[dict],
    units: list[dict],
    pred_blocks: dict,
    pages: dict | None = None,
    all_entries=None,
    text_pages=None,
) -> list[bool]:
    """For each unit that is not an article (cover, notice, masthead, contents, advertisement,
    document), is it right? (other_units_paired: it holds an entry of its own kind)."""
    paired = other_units_paired(entries, units, pred_blocks, pages, all_entries, text_pages)
    return [ui in paired for ui in range(len(units))]


def other_units_paired(
    entries: list[dict],
    units: list[dict],
    pred_blocks: dict,
    pages: dict | None = None,
    all_entries=None,
    text_pages=None,
) -> dict[int, int]:
    """Each unit that is not an article (cover, notice, masthead, contents, advertisement,
    document) paired with the key entry it holds (unit index -> entry index): it must hold an entry
    of the key of its own kind (`unit_holds`: its pages and its text), each entry taken once, best
    pairs first (such units' titles are their first lines, so text, not title, pairs them). A unit
    of a kind the key does not give there (a notice read where an article stands, a masthead
    swallowing a notice) is paired with none: it is wrong."""
    pages = pages or {}
    everyone = entries if all_entries is None else all_entries
    elsewhere = {id(e): _keyed_elsewhere(everyone, e) for e in entries if not truth_blocks(e)}
    pairs = []
    for ui, unit in enumerate(units):  # such a unit may hold its first lines as its decks
        decks = [norm(unit.get("deck_zh")), norm(unit.get("deck_en"))]
        texts = [*decks, *pred_blocks.get(unit.get("article_id"), [])]
        for ti, entry in enumerate(entries):
            if entry.get("kind") == unit.get("kind"):
                score = unit_holds(entry, unit, texts, pages, elsewhere.get(id(entry), ""), text_pages)
                if score is not None:
                    pairs.append((score, ui, ti))
    paired: dict[int, int] = {}
    for _, ui, ti in sorted(pairs, key=lambda p: -p[0]):
        if ui not in paired and ti not in paired.values():
            paired[ui] = ti
    return paired


def _key_blocks_by_kind(entries: list[dict]) -> list[tuple[str, str, str]]:
    """(kind, normalised text, type) of every block the key types: an entry's own blocks under its
    unit kind (article, cover, notice, masthead, advertisement...), a round-up item's under `item`."""
    out = []
    for entry in entries:
        kind = entry.get("kind") or "article"
        for b in entry.get("blocks") or []:
            out.append((kind, norm(b.get("text")), b.get("type")))
        for item in entry.get("items") or []:
            out += [("item", norm(b.get("text")), b.get("type")) for b in item.get("blocks") or []]
    return [(k, t, ty) for k, t, ty in out if t and ty]


def block_roles(entries: list[dict], out_blocks: list[dict]) -> dict:
    """Block roles for every unit kind the key describes (articles' own blocks, round-up items',
    the cover's, notices', the masthead's, adverts'), whichever unit the block came out in: a
    segmentation error is scored by the unit metrics, a role by this. Each key block is paired
    one-to-one with an output block of the same text (exactly, else the most similar left over at
    SIM_OK or more, so a block cut or joined past that is not scored: paragraph integrity counts
    it), and right when the output's type is the key's. Pull quotes repeat the body: never paired.
    Gives the share per kind (`block_role_acc_<kind>`, None where the kind has no paired block),
    over every kind (`block_role_acc`), the lowest kind's (`block_role_worst`, named in
    `block_role_worst_kind`), and the first mistakes (`block_role_examples`)."""
    pool: dict[str, list[str]] = {}
    for b in out_blocks:
        if b.get("type") != "pull_quote" and (text := norm(b.get("text"))):
            pool.setdefault(text, []).append(b.get("type"))
    wanted = _key_blocks_by_kind(entries)
    got: list[str | None] = [None] * len(wanted)
    for i, (_, text, _) in enumerate(wanted):
        if pool.get(text):
            got[i] = pool[text].pop(0)
    left = [(t, ty) for t, types in pool.items() for ty in types]
    missing = [i for i, g in enumerate(got) if g is None]
    if missing and left:
        pairs = greedy_text_match([t for t, _ in left], [wanted[i][1] for i in missing])
        for pi, mi, _ in pairs:
            got[missing[mi]] = left[pi][1]
    by_kind: dict[str, list[bool]] = {}
    examples = []
    for (kind, text, want), have in zip(wanted, got, strict=True):
        if have is None:
            continue
        by_kind.setdefault(kind, []).append(have == want)
        if have != want:
            examples.append(f"{kind}: {want} read as {have}: {text[:30]}")
    r: dict = {f"block_role_acc_{k}": _ratio(sum(v), len(v)) for k, v in sorted(by_kind.items())}
    scored = [ok for v in by_kind.values() for ok in v]
    r["block_role_acc"] = _ratio(sum(scored), len(scored))
    worst = min(by_kind, key=lambda k: (sum(by_kind[k]) / len(by_kind[k]), k), default=None)
    r["block_role_worst"] = r.get(f"block_role_acc_{worst}") if worst else None
    r["block_role_worst_kind"] = worst if r["block_role_worst"] not in (None, 1.0) else None
    r["n_block_roles_scored"], r["block_role_examples"] = len(scored), examples[:8]
    return r


def confidence_calibration(pred_arts: list[dict], right: dict[int, bool]) -> dict:
    """Is each unit's confidence honest (every kind: articles, and the cover, notices, masthead,
    contents and advertisements)? An article unit is right when it matches an article of the key
    and holds its body (similarity >= RIGHT_BODY), another unit when it matches an entry of its
    kind and holds its text (other_units_right); wrong otherwise (a fragment, display type read as
    an opening, an article cut short, a unit of the wrong kind). Goal: every wrong unit <=
    CONF_WRONG, and at least CONF_RIGHT_SHARE of the right ones >= CONF_RIGHT."""
    conf = [float(a.get("confidence") or 0.0) for a in pred_arts]
    right_conf = [c for i, c in enumerate(conf) if right.get(i)]
    wrong_conf = [c for i, c in enumerate(conf) if not right.get(i)]
    share = _ratio(sum(c >= CONF_RIGHT for c in right_conf), len(right_conf))
    worst = max(wrong_conf, default=None)
    # the units that break the goal, each named (kind, first page, title, confidence, evidence)
    misses = [
        f"{'right' if right.get(i) else 'wrong'} {a.get('kind')} p{a.get('page_start')} "
        f"{(a.get('title_zh') or '')[:16]} {c:.2f} {','.join(a.get('evidence') or [])}"
        for i, (a, c) in enumerate(zip(pred_arts, conf, strict=True))
        if (c < CONF_RIGHT if right.get(i) else c > CONF_WRONG)
    ]
    return {
        "conf_right_sure": share,  # share of right units at >= CONF_RIGHT
        "conf_wrong_max": worst,  # the most confident wrong unit (None: no wrong unit)
        "conf_calibrated": None
        if share is None
        else float(share >= CONF_RIGHT_SHARE and (worst is None or worst <= CONF_WRONG)),
        "n_units_right": len(right_conf),
        "n_units_wrong": len(wrong_conf),
        "conf_examples": misses[:8],  # right units under CONF_RIGHT, wrong ones over CONF_WRONG
    }


def conservation(issue_rows: list[dict]) -> dict:
    """Share of the text layer's characters that some output row holds as content (blocks, captions,
    summaries, items, tables, toc, furniture), and the share no row holds at all: the run counts
    both (pipeline/residue.py); this reads them back so the score table shows them beside the rest."""
    row = issue_rows[0] if issue_rows else {}
    chars = row.get("text_chars")
    if not chars:
        return {"text_claimed": None, "text_unaccounted_share": None}
    return {
        "text_claimed": _ratio(row.get("text_claimed") or 0, chars),
        "text_unaccounted_share": _ratio(row.get("text_unaccounted") or 0, chars),
    }


def greedy_text_match(preds: list[str], truths: list[str]) -> list[tuple[int, int, float]]:
    """One-to-one (pred, truth, similarity) pairs with similarity >= SIM_OK, best first (a pair whose
    lengths differ by more than 1 - SIM_OK of the truth's cannot reach it and is not measured)."""
    pairs = sorted(
        (
            (similarity(p, t), pi, ti)
            for pi, p in enumerate(preds)
            for ti, t in enumerate(truths)
            if abs(len(p) - len(t)) <= (1 - SIM_OK) * max(len(t), 1)
        ),
        reverse=True,
    )
    used_p, used_t, out = set(), set(), []
    for sim, pi, ti in pairs:
        if sim >= SIM_OK and pi not in used_p and ti not in used_t:
            used_p.add(pi)
            used_t.add(ti)
            out.append((pi, ti, sim))
    return out


def _sentences(text) -> list[str]:
    return [s for s in map(norm, _SENTENCE_END.split(str(text or ""))) if len(s) >= MIN_SENTENCE]


def _grid(header, rows) -> list[list[str]]:
    return [[norm(c) for c in (r or [])] for r in [header or [], *(rows or [])]]


def _cells_agreeing(truth: list[list[str]], pred: list[list[str]]) -> int:
    return sum(
        1
        for r, row in enumerate(truth)
        for c, cell in enumerate(row)
        if r < len(pred) and c < len(pred[r]) and pred[r][c] == cell
    )


def evaluate(out_dir: Path, truth_path: Path, issue_id: str | None = None) -> dict:
    key = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    issue_id, out = load_output(out_dir, issue_id)
    entries = key.get("articles") or []
    truth_arts = [a for a in entries if a.get("kind") == "article"]
    pred_arts = [a for a in out["articles"] if a.get("kind") == "article"]
    matched = match_articles(truth_arts, pred_arts)
    pages = key_pages(truth_path, entries)
    text_pages = {_page(row.get("page")) for table in ("blocks", "captions") for row in out[table]}
    pid_of = {ti: pred_arts[pi].get("article_id") for ti, pi in matched.items()}
    r: dict = {"issue_id": issue_id}
    r.update(conservation(out["issues"]))

    # Articles and their metadata.
    r["article_precision"] = _ratio(len(matched), len(pred_arts))
    r["article_recall"] = _ratio(len(matched), len(truth_arts))
    pairs = [(truth_arts[ti], pred_arts[pi]) for ti, pi in matched.items()]
    r["title_en_acc"] = _field_acc(pairs, "title_en")
    r["section_acc"] = _field_acc(pairs, "section_zh")
    r["authors_acc"] = _field_acc(pairs, "authors", key=_authors)
    for field in ("subtitle_zh", "abstract_zh"):
        r[f"{field}_acc"] = _field_acc(pairs, field)
    r["keywords_zh_acc"] = _field_acc(pairs, "keywords_zh", key=_authors)
    with_toc = [(t, p) for t, p in pairs if t.get("toc_page") is not None]
    r["toc_page_acc"] = _field_acc(with_toc, "toc_page", key=_page)
    # Contents entries: title and printed page both right (level 2 entries have no page).
    printed = Counter(
        (norm(e.get("title_zh")), e.get("printed_page")) for e in out["toc"]
    )  # key: printed pages
    has_contents_page = any(a.get("kind") == "toc" for a in entries)  # excerpts list entries they don't print
    wanted = (
        [(norm(e.get("title_zh")), e.get("page")) for e in key.get("toc") or []] if has_contents_page else []
    )
    r["toc_entry_recall"] = _ratio(sum((Counter(wanted) & printed).values()), len(wanted)) if wanted else None
    # Optional key fields: only scored where the key carries them.
    for field in ("page_start", "page_end"):
        r[f"{field}_acc"] = _field_acc([(t, p) for t, p in pairs if t.get(field) is not None], field, _page)

    # Predicted body blocks per article, in reading order (item blocks follow by item_seq); a
    # pull quote repeats the body and is not part of it.
    pred_blocks: dict = {}
    for b in sorted(
        (b for b in out["blocks"] if b.get("type") != "pull_quote"),
        key=lambda b: (_page(b.get("item_seq"), -1), _page(b.get("block_seq"), 0)),
    ):
        pred_blocks.setdefault(b.get("article_id"), []).append(norm(b.get("text")))

    # Body similarity (length-weighted) and paragraph integrity (exact one-to-one block matches).
    sim_weighted = total_len = intact = n_truth_blocks = 0
    unit_right = dict.fromkeys(range(len(pred_arts)), False)  # pred article -> its unit is right
    issue_pool = Counter(t for texts in pred_blocks.values() for t in texts)
    for ti, art in enumerate(truth_arts):
        tblocks = truth_blocks(art)
        truth_body = "".join(tblocks)
        pred = pred_blocks.get(pid_of[ti], []) if ti in pid_of else []
        if ti in pid_of:  # an unmatched article contributes its length with a score of 0
            stray = len("".join(pred)) < STRAY_CHARS  # a section opener holding a stray line is still right
            sim = similarity("".join(pred), truth_body) if truth_body else float(stray)
            sim_weighted += sim * len(truth_body)
            unit_right[matched[ti]] = sim >= RIGHT_BODY and _pages_agree(
                art, pred_arts[matched[ti]], pages, text_pages
            )
        total_len += len(truth_body)
        pool = Counter(pred) if ti in pid_of else issue_pool  # unmatched: credit blocks found anywhere
        for text in tblocks:
            n_truth_blocks += 1
            if pool[text] > 0:
                pool[text] -= 1
                intact += 1
    r["body_similarity"] = _ratio(sim_weighted, total_len)
    others = [a for a in out["articles"] if a.get("kind") != "article"]
    other_entries = [e for e in entries if e.get("kind") != "article"]
    other_pairs = other_units_paired(other_entries, others, pred_blocks, pages, entries, text_pages)
    other_right = [ui in other_pairs for ui in range(len(others))]
    # Decks of every unit paired with its key entry: an article's, and a notice's, cover's, masthead's
    # or advert's, whose key gives none (null): text of such a unit read into a deck field (its
    # paragraphs set apart by space alone, read as a standfirst) is a role error the unit's body
    # similarity does not see, since the unit is paired by its text, decks included.
    deck_pairs = pairs + [(other_entries[ti], others[ui]) for ui, ti in sorted(other_pairs.items())]
    for field in ("deck_zh", "deck_en"):
        r[f"{field}_acc"] = _field_acc(deck_pairs, field)
        r[f"{field}_acc_other"] = _field_acc(deck_pairs[len(pairs) :], field)
    r["deck_examples"] = [
        f"{p.get('kind')} p{p.get('page_start')}: {(p.get('deck_zh') or p.get('deck_en') or '')[:40]}"
        for t, p in deck_pairs
        if any(f in t and norm(t.get(f)) != norm(p.get(f)) for f in ("deck_zh", "deck_en"))
    ][:5]
    every_right = {
        i: ok for i, ok in enumerate([*(unit_right[i] for i in range(len(pred_arts))), *other_right])
    }
    r.update(confidence_calibration(pred_arts + others, every_right))
    # Paragraph integrity over every unit kind: a notice's, the cover's, the masthead's or an
    # advert's key blocks must come out whole too (a list item cut at its hanging line, paragraphs
    # read into a deck field are misses). Each is looked for in the unit paired with its entry,
    # else anywhere in the issue, as an unmatched article's are.
    by_kind = {"article": (intact, n_truth_blocks)}
    for ti, entry in enumerate(other_entries):
        unit = next((others[ui] for ui, t in other_pairs.items() if t == ti), None)
        pool = Counter(pred_blocks.get(unit.get("article_id"), [])) if unit is not None else issue_pool
        kind = entry.get("kind") or "other"
        found, count = by_kind.get(kind, (0, 0))
        for text in truth_blocks(entry):
            count += 1
            if pool[text] > 0:
                pool[text] -= 1
                found += 1
        by_kind[kind] = (found, count)
    intact, n_truth_blocks = (sum(v[i] for v in by_kind.values()) for i in (0, 1))
    r["paragraph_integrity"] = _ratio(intact, n_truth_blocks)
    for kind, (found, count) in sorted(by_kind.items()):
        r[f"paragraph_integrity_{kind}"] = _ratio(found, count)
    # Block types (heading, list_item, reference, bio, afterword, note…) of the blocks that came out whole.
    pred_type = {(b.get("article_id"), norm(b.get("text"))): b.get("type") for b in out["blocks"]}
    typed = [
        pred_type[(pid_of[ti], norm(b.get("text")))] == b.get("type")
        for ti, art in enumerate(truth_arts)
        if ti in pid_of
        for b in (art.get("blocks") or [])
        + [x for it in art.get("items") or [] for x in it.get("blocks") or []]
        if (pid_of[ti], norm(b.get("text"))) in pred_type
    ]
    r["block_type_acc"] = _ratio(sum(typed), len(typed)) if typed else None
    r.update(block_roles(entries, out["blocks"]))

    # Leakage: captions, English summaries and running heads that ended up in body text.
    # Separator between articles so a match cannot straddle two unrelated bodies.
    truth_text = "\x1f".join("".join(truth_blocks(a)) for a in entries)
    pred_text = "\x1f".join("".join(texts) for texts in pred_blocks.values())
    foreign: dict[str, set[str]] = {"captions": set(), "summaries": set(), "furniture": set()}
    for a in entries:
        for owner in [a, *(a.get("items") or [])]:
            foreign["captions"].update(norm(c) for c in owner.get("captions") or [])
            # Round-up items' English versions are summaries too: they must not sit in body blocks.
            foreign["summaries"].update(_sentences(owner.get("text_en")))
        for s in a.get("summaries") or []:
            foreign["summaries"].update(_sentences(s.get("text")))
    foreign["furniture"].update(norm(f) for f in key.get("furniture") or [])
    leaked_total = foreign_total = 0
    examples: list[str] = []
    for kind, strings in foreign.items():
        # Strings the key itself prints in a body are legitimate text, not leaks.
        strings = sorted(s for s in strings if s and s not in truth_text)
        leaked = [s for s in strings if s in pred_text]
        r[f"leak_{kind}"] = _ratio(len(leaked), len(strings))
        r[f"n_foreign_{kind}"], r[f"n_leaked_{kind}"] = len(strings), len(leaked)
        leaked_total, foreign_total = leaked_total + len(leaked), foreign_total + len(strings)
        examples += [f"{kind}: {s[:60]}" for s in leaked]
    r["leakage"] = _ratio(leaked_total, foreign_total)
    r["leak_examples"] = examples[:5]

    # Summaries: matched per article, one-to-one, against the article's summaries + items' English.
    preds_by_article: dict = {}
    for s in out["summaries"]:
        preds_by_article.setdefault(s.get("article_id"), []).append(norm(s.get("text")))
    n_truth_sum = correct = recalled = 0
    best_sims: list[float] = []
    for ti, art in enumerate(truth_arts):
        sums = [norm(s.get("text")) for s in art.get("summaries") or []]
        targets = sums + [norm(i.get("text_en")) for i in art.get("items") or [] if norm(i.get("text_en"))]
        preds = preds_by_article.get(pid_of[ti], []) if ti in pid_of else []
        found = greedy_text_match(preds, targets)
        correct += len(found)
        recalled += sum(1 for _, k, _ in found if k < len(sums))
        n_truth_sum += len(sums)
        best_sims += [max((similarity(p, t) for p in preds), default=0.0) for t in sums]
    n_pred_sum = len(out["summaries"])  # summaries on unmatched or non-article units count as wrong
    r["summary_precision"] = _ratio(correct, n_pred_sum)
    r["summary_recall"] = _ratio(recalled, n_truth_sum)
    r["summary_text_similarity"] = _ratio(sum(best_sims), len(best_sims))

    # English versions of round-up items.
    items_en: dict = {}
    for i in out["items"]:
        if norm(i.get("text_en")):
            items_en.setdefault(i.get("article_id"), []).append(norm(i.get("text_en")))
    n_items_en = items_found = 0
    for ti, art in enumerate(truth_arts):
        cands = items_en.get(pid_of[ti], []) if ti in pid_of else []
        for item in art.get("items") or []:
            if text := norm(item.get("text_en")):
                n_items_en += 1
                items_found += any(similarity(c, text) >= SIM_OK for c in cands)
    r["items_en_recall"] = _ratio(items_found, n_items_en)

    # Tables: each truth table against its best predicted table, cell by cell.
    pred_grids = [_grid(t.get("header"), t.get("rows")) for t in out["tables"]]
    cells = agree = n_truth_tables = 0
    for a in entries:
        for table in a.get("tables") or []:
            grid = _grid(table.get("header"), table.get("rows"))
            n_truth_tables += 1
            cells += sum(map(len, grid))
            agree += max((_cells_agreeing(grid, g) for g in pred_grids), default=0)
    r["table_cell_accuracy"] = _ratio(agree, cells) if n_truth_tables else None

    truth_caps = Counter(
        norm(c) for a in truth_arts for o in [a, *(a.get("items") or [])] for c in o.get("captions") or []
    )
    pred_caps = Counter(norm(c.get("text")) for c in out["captions"])
    r["caption_recall"] = _ratio(sum((truth_caps & pred_caps).values()), sum(truth_caps.values()))

    r.update(
        n_truth_articles=len(truth_arts), n_pred_articles=len(pred_arts), n_matched=len(matched),
        n_truth_blocks=n_truth_blocks, n_pred_blocks=len(out["blocks"]), n_intact_blocks=intact,
        n_truth_summaries=n_truth_sum, n_pred_summaries=n_pred_sum, n_correct_summaries=correct,
        n_truth_items_en=n_items_en, n_truth_tables=n_truth_tables, n_pred_tables=len(pred_grids),
        n_truth_cells=cells, n_agreeing_cells=agree,
        unmatched_truth_titles=[a.get("title_zh") for ti, a in enumerate(truth_arts) if ti not in matched],
    )  # fmt: skip
    return r


# one score table, in the console and in the README: (column, metric or (metric, metric) as "a / b")
SCORE_COLUMNS = (
    ("article P / R", ("article_precision", "article_recall")), ("title_en", "title_en_acc"),
    ("section", "section_acc"), ("authors", "authors_acc"), ("toc_page", "toc_page_acc"),
    ("body sim", "body_similarity"), ("paragraph integrity", "paragraph_integrity"), ("leakage", "leakage"),
    ("summary P / R", ("summary_precision", "summary_recall")), ("items_en", "items_en_recall"),
    ("table cells", "table_cell_accuracy"), ("contents entries", "toc_entry_recall"),
    ("block types", "block_type_acc"), ("decks zh / en", ("deck_zh_acc", "deck_en_acc")), ("block roles: every kind / worst kind", ("block_role_acc", "block_role_worst", "block_role_worst_kind")),
    ("abstract / keywords", ("abstract_zh_acc", "keywords_zh_acc")),
    ("confidence: right sure / wrong max", ("conf_right_sure", "conf_wrong_max")),
    ("text claimed / unaccounted", ("text_claimed", "text_unaccounted_share")),
)  # fmt: skip


def _cell(metrics: dict, names) -> str:
    names = names if isinstance(names, tuple) else (names,)
    return " / ".join(
        f"{v:.3f}" if isinstance(v, int | float) else v if isinstance(v, str) else "—"
        for v in (metrics.get(n) for n in names)
    )


def render_table(
    results: dict[str, dict], columns=SCORE_COLUMNS, title: str = "Extraction vs answer key", cell=_cell
) -> Table:
    """One row per run, one column per (column, metric names) pair; cell formats a run's metrics."""
    table = Table(title=title)
    table.add_column("run")
    for column, _ in columns:
        table.add_column(column, justify="right")
    for run, metrics in results.items():
        table.add_row(run, *(cell(metrics, names) for _, names in columns))
    return table


def render_markdown(results: dict[str, dict], columns=SCORE_COLUMNS, cell=_cell) -> str:
    head = "| run | " + " | ".join(c for c, _ in columns) + " |"
    rule = "|---" * (len(columns) + 1) + "|"
    body = [f"| {run} | " + " | ".join(cell(m, n) for _, n in columns) + " |" for run, m in results.items()]
    return "\n".join([head, rule, *body]) + "\n"


def write_json(results, path: Path) -> None:
    """Write atomically so a reader never sees a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
