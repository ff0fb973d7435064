"""Typed facts of the sample issue against the list typed from its answer key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.datasets import issue_rows
from pipeline.facts import extract_facts
from pipeline.rules import Rules
from pipeline.run import process

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "data" / "raw" / "issue-2026-v2n1-classic.pdf"
EXPECTED = json.loads(
    (Path(__file__).parent / "fixtures" / "expected_facts.json").read_text(encoding="utf-8")
)
KEYS = {
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
# achieved level (found / expected); a drop below it is a regression
MIN_FOUND = {"investment_rounds": 7, "funding_stats": 6, "standards_counts": 7, "standard_refs": 3}


def _key(row: dict, fields) -> tuple:
    return tuple(round(row[f], 4) if isinstance(row.get(f), float) else row.get(f) for f in fields)


@pytest.fixture(scope="module")
def facts():
    rules = Rules.load()
    issue, _ = process(SAMPLE, rules)
    return issue, extract_facts(issue, rules)


@pytest.mark.parametrize("table", sorted(KEYS))
def test_found_vs_expected(facts, table):
    _, found = facts
    fields = KEYS[table]
    want = {_key(r, fields) for r in EXPECTED[table]}
    got = {_key(r, fields) for r in found[table]}
    hit, missed, extra = want & got, want - got, got - want
    print(f"{table}: found {len(hit)}/{len(want)}, missed {sorted(map(str, missed))}, extra {len(extra)}")
    assert len(hit) >= MIN_FOUND[table], missed
    assert not extra, extra  # nothing the key does not hold


def test_policies_from_the_table(facts):
    _, found = facts
    got = {(r["issuer"], r["date"], r["title"]) for r in found["policies"]}
    want = {(r["issuer"], r["date"], r["title"]) for r in EXPECTED["policies_from_table"]}
    assert want <= got


def test_every_fact_row_is_sourced(facts):
    _, found = facts
    for rows in found.values():
        for r in rows:
            assert r["article_seq"] and r["page"] and r["source"]


def test_rows_reach_the_datasets(facts):
    issue, found = facts
    rows = issue_rows(issue, {}, found, Rules.load())
    assert len(rows["funding_stats"]) == len(found["funding_stats"])
    assert all(r["article_id"].startswith(issue.meta.issue_id) for r in rows["investment_rounds"])
    cells = [c for c in rows["table_cells"] if c["text"] == "56.6%"]
    assert cells and cells[0]["value_num"] == pytest.approx(56.6) and cells[0]["unit"] == "%"
