"""Score the typed facts of an ingest output against a hand-typed list (tests/fixtures/expected_facts.json).

A fact is found when a row of its table holds the same key fields (numbers rounded to 4 places,
dates as printed to their precision: '2025', '2025-12'). The total is the issue's "typed facts
found" (23 in the sample issue's list: rounds, funding stats, standards counts, standard refs).
"""

from __future__ import annotations

import json
from pathlib import Path

# the fields that make a fact the same fact, per table
KEYS: dict[str, tuple[str, ...]] = {
    "investment_rounds": ("stage", "deal_count", "share", "year", "data_source"),
    "funding_stats": (
        "data_source",
        "scope",
        "company_count",
        "deal_count",
        "amount_cny",
        "as_of",
        "approximate",
    ),
    "standards_counts": ("organisation", "level", "status", "count", "approximate", "as_of", "period"),
    "standard_refs": ("code", "title"),
}
_SHOWN = {"year": 4, "month": 7, "day": 10}  # characters of the ISO date a precision shows


def as_printed(date, precision: str | None) -> str | None:
    """A typed date back to the precision it was printed with: (2025-12-01, month) -> '2025-12'."""
    if date is None:
        return None
    return str(date)[: _SHOWN.get(precision or "day", 10)]


def fact_key(row: dict, table: str) -> tuple:
    """The comparable key of a row, from the datasets (typed dates) or from the expected list."""
    out = []
    for f in KEYS[table]:
        v = row.get(f)
        if f"{f}_precision" in row:
            v = as_printed(v, row[f"{f}_precision"])
        out.append(round(v, 4) if isinstance(v, float) else v)
    return tuple(out)


def score_facts(found: dict[str, list[dict]], expected: dict) -> dict:
    """{table: (hits, expected, missed keys, extra keys)} and the totals."""
    result: dict = {"tables": {}}
    hits = total = extra = 0
    for table in KEYS:
        want = {fact_key(r, table) for r in expected.get(table, [])}
        got = {fact_key(r, table) for r in found.get(table, [])}
        result["tables"][table] = dict(
            found=len(want & got),
            expected=len(want),
            missed=sorted(map(str, want - got)),
            extra=sorted(map(str, got - want)),
        )
        hits, total, extra = hits + len(want & got), total + len(want), extra + len(got - want)
    result.update(found=hits, expected=total, extra=extra)
    return result


def read_output_facts(out_dir: Path, issue_id: str | None = None) -> dict[str, list[dict]]:
    """The fact tables of one issue in an output folder, from its JSONL."""
    root = Path(out_dir) / "jsonl"
    if issue_id is None:
        issues = sorted(p.name for p in root.iterdir() if p.is_dir())
        if len(issues) != 1:
            raise ValueError(f"{root}: expected exactly one issue directory, found {issues}; pass issue_id")
        issue_id = issues[0]
    out = {}
    for table in KEYS:
        path = root / issue_id / f"{table}.jsonl"
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        out[table] = [json.loads(line) for line in lines if line.strip()]
    return out
