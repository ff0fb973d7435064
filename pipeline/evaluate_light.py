"""Score an output against a light answer key: one real journal article, keyed by hand.

A light key (../shared/wild-dev/keys/<name>.json) gives a paper's title_zh/en, authors, both
abstracts, the front-matter lines, running heads and captions it prints, and 8-12 paragraphs
copied whole. The metrics are those of wild-dev's score_wild.py, ported so that `pipeline eval`
and `make eval` report them (the definitions below are the same):

- article_found: an articles row of kind article whose title_zh has ratio >= 90 with the key
  (full-width letters and digits folded); title_zh_strict_ok: the same without folding
- title_en_ok, abstract_zh_ok: that row's field ratio >= 90; authors_ok: the same set of names
- abstract_en_ok: some summaries row of that article has ratio >= 90 with the key's abstract
  (a summary that runs on into the references or formulas fails)
- paragraph_integrity: share of key paragraphs equal (ratio >= 95) to ONE block of type
  paragraph (para_any_type: of any body type); blocks of every unit are searched
- front_matter_leak, running_head_leak, caption_leak: share of the key's strings found inside
  the concatenated articles.body_zh (substring, or partial_ratio >= 95 for 20+ characters)
- spurious_units: articles rows whose kind is not article, save those a key of our own
  (tests/wild/keys) lists as printed: "other_units", each {"kind", "page"} (a course paper's
  cover form, its contents page), a unit of that kind opening on that page (wild-dev's keys list
  none: their definition unchanged)
- confidence (ours, not score_wild.py's): the found paper's confidence, which should be sure (>= 0.8:
  it is read right as far as the key can tell), and the most confident other unit's, save those
  the key lists as printed (a paper holds one article: another unit is a misreading, which should
  say so: <= 0.5)

Ratios are rapidfuzz fuzz.ratio (0-100) after removing whitespace and folding full-width
punctuation (and U+037E) to ASCII on both sides.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rapidfuzz import fuzz, process
from rich.table import Table

from .evaluate import render_markdown, render_table

TITLE_RATIO = 90  # a field's text right
PARAGRAPH_RATIO = 95  # a paragraph read as one block
PARTIAL_RATIO = 95  # a leaked string of MIN_PARTIAL+ characters found approximately
MIN_PARTIAL = 20
_WS = re.compile(r"\s+")
_PUNCT = (
    set(range(0xFF01, 0xFF10))
    | set(range(0xFF1A, 0xFF21))
    | set(range(0xFF3B, 0xFF41))
    | set(range(0xFF5B, 0xFF5F))
)
TABLES = ("articles", "blocks", "summaries", "tables")


def is_light_key(key: dict) -> bool:
    """A light key names one paper and its paragraphs; an issue-truth key lists articles."""
    return "paragraphs" in key and "title_zh" in key and "articles" not in key


def norm(text, fold_width: bool = False) -> str:
    if not text:
        return ""
    out = []
    for c in str(text):
        o = ord(c)
        if o in _PUNCT or (fold_width and 0xFF01 <= o <= 0xFF5E):
            c = chr(o - 0xFEE0)
        elif o == 0x037E:  # GREEK QUESTION MARK, canonically ';'
            c = ";"
        out.append(c)
    return _WS.sub("", "".join(out))


def _ratio(a, b, fold_width: bool = False) -> float:
    a, b = norm(a, fold_width), norm(b, fold_width)
    return fuzz.ratio(a, b) if a and b else 0.0


def _load(out_dir: Path) -> dict[str, list[dict]]:
    data: dict[str, list[dict]] = {t: [] for t in TABLES}
    for d in sorted((Path(out_dir) / "jsonl").glob("*")):
        for t in TABLES:
            p = d / f"{t}.jsonl"
            if p.is_file():
                data[t] += [
                    json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()
                ]
    return data


def _found_in(needle: str, hay: str) -> bool:
    n = norm(needle, True)
    if not n:
        return False
    return n in hay or (
        len(n) >= MIN_PARTIAL and len(hay) >= len(n) and fuzz.partial_ratio(n, hay) >= PARTIAL_RATIO
    )


def evaluate_light(out_dir: Path, key_path: Path) -> dict:
    key = json.loads(Path(key_path).read_text(encoding="utf-8"))
    data = _load(out_dir)
    arts = data["articles"]
    res: dict = {"file": key.get("file"), "issue_id": key.get("file", "").rsplit(".", 1)[0]}
    cands = [
        (_ratio(a.get("title_zh"), key["title_zh"], True), a) for a in arts if a.get("kind") == "article"
    ]
    best_r, best = max(cands, key=lambda x: x[0]) if cands else (0.0, None)
    art = best if best is not None and best_r >= TITLE_RATIO else None
    res["article_found"] = float(art is not None)
    res["title_zh_strict_ok"] = float(
        art is not None and _ratio(art.get("title_zh"), key["title_zh"]) >= TITLE_RATIO
    )
    if art:
        res["title_en_ok"] = float(_ratio(art.get("title_en"), key["title_en"]) >= TITLE_RATIO)
        res["authors_ok"] = float(
            {norm(x) for x in art.get("authors") or []} == {norm(x) for x in key["authors"]}
        )
        res["abstract_zh_ok"] = float(_ratio(art.get("abstract_zh"), key["abstract_zh"]) >= TITLE_RATIO)
        sums = [s for s in data["summaries"] if s.get("article_id") == art.get("article_id")]
        best_en = max([_ratio(s.get("text"), key["abstract_en"]) for s in sums] or [0.0])
        res["abstract_en_ok"] = float(best_en >= TITLE_RATIO)
    else:
        res.update(title_en_ok=0.0, authors_ok=0.0, abstract_zh_ok=0.0, abstract_en_ok=0.0)
    blocks = data["blocks"]
    para = [norm(b.get("text"), True) for b in blocks if b.get("type") == "paragraph"]
    anyt = [norm(b.get("text"), True) for b in blocks if b.get("type") not in ("heading", "reference")]
    ok = ok_any = 0
    for p in key["paragraphs"]:
        q = norm(p, True)
        r1 = process.extractOne(q, para, scorer=fuzz.ratio, processor=None)[1] if para else 0.0
        r2 = process.extractOne(q, anyt, scorer=fuzz.ratio, processor=None)[1] if anyt else 0.0
        ok += r1 >= PARAGRAPH_RATIO
        ok_any += max(r1, r2) >= PARAGRAPH_RATIO
    n = len(key["paragraphs"]) or 1
    res["paragraph_integrity"], res["para_any_type"] = ok / n, ok_any / n
    body = norm("\n".join(a.get("body_zh") or "" for a in arts), True)
    for field, name in (
        ("front_matter", "front_matter_leak"),
        ("running_heads", "running_head_leak"),
        ("captions", "caption_leak"),
    ):
        items = key.get(field) or []
        hits = [s for s in items if _found_in(s, body)]
        res[name] = len(hits) / len(items) if items else 0.0
        res[name + "_hits"] = hits
    printed = {(u["kind"], u["page"]) for u in key.get("other_units") or []}
    res["spurious_units"] = sum(
        a.get("kind") != "article" and (a.get("kind"), a.get("page_start")) not in printed for a in arts
    )
    res["found_confidence"] = float(art.get("confidence") or 0.0) if art else None
    others = [
        float(a.get("confidence") or 0.0)
        for a in arts
        if a is not art and (a.get("kind"), a.get("page_start")) not in printed
    ]
    res["spurious_confidence_max"] = max(others, default=None)
    res["n_tables"], res["n_tables_key"] = len(data["tables"]), key.get("n_tables")
    return res


LIGHT_COLUMNS = (
    ("found", "article_found"), ("title_en", "title_en_ok"), ("authors", "authors_ok"),
    ("abstract zh / en", ("abstract_zh_ok", "abstract_en_ok")), ("paragraphs whole", "paragraph_integrity"),
    ("front matter in body", "front_matter_leak"), ("running heads in body", "running_head_leak"),
    ("captions in body", "caption_leak"), ("spurious units", "spurious_units"),
    ("confidence: paper / others max", ("found_confidence", "spurious_confidence_max")),
)  # fmt: skip


def _cell(metrics: dict, names) -> str:
    names = names if isinstance(names, tuple) else (names,)
    vals = [metrics.get(n) for n in names]
    return " / ".join(
        str(v) if isinstance(v, int) else f"{v:.2f}" if isinstance(v, float) else "—" for v in vals
    )


def render_light_table(results: dict[str, dict]) -> Table:
    return render_table(results, LIGHT_COLUMNS, "Real journal articles vs light keys", _cell)


def render_light_markdown(results: dict[str, dict]) -> str:
    return render_markdown(results, LIGHT_COLUMNS, _cell)
