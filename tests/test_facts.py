"""Typed facts of the sample issue against the list typed from its answer key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.datasets import issue_rows
from pipeline.facts import extract_facts
from pipeline.facts_eval import KEYS, as_printed, fact_key
from pipeline.rules import Rules
from pipeline.run import process

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "data" / "raw" / "issue-2026-v2n1-classic.pdf"
EXPECTED = json.loads(
    (Path(__file__).parent / "fixtures" / "expected_facts.json").read_text(encoding="utf-8")
)
# achieved level (found / expected); a drop below it is a regression
MIN_FOUND = {"investment_rounds": 7, "funding_stats": 6, "standards_counts": 7, "standard_refs": 3}


@pytest.fixture(scope="module")
def facts():
    rules = Rules.load()
    issue, _ = process(SAMPLE, rules)
    return issue, extract_facts(issue, rules)


@pytest.mark.parametrize("table", sorted(KEYS))
def test_found_vs_expected(facts, table):
    _, found = facts
    want = {fact_key(r, table) for r in EXPECTED[table]}
    got = {fact_key(r, table) for r in found[table]}
    hit, missed, extra = want & got, want - got, got - want
    print(f"{table}: found {len(hit)}/{len(want)}, missed {sorted(map(str, missed))}, extra {len(extra)}")
    assert len(hit) >= MIN_FOUND[table], missed
    assert not extra, extra  # nothing the key does not hold


def test_policies_from_the_table(facts):
    _, found = facts
    got = {(r["issuer"], as_printed(r["date"], r["date_precision"]), r["title"]) for r in found["policies"]}
    want = {(r["issuer"], r["date"], r["title"]) for r in EXPECTED["policies_from_table"]}
    assert want <= got


def test_every_fact_row_is_sourced(facts):
    _, found = facts
    for rows in found.values():
        for r in rows:
            assert r["article_seq"] and r["page"] and r["source"]
            assert (r.get("table_index") is not None) != (r.get("block_seq") is not None)


def test_rows_reach_the_datasets(facts):
    issue, found = facts
    rows = issue_rows(issue, {}, found, Rules.load())
    assert len(rows["funding_stats"]) == len(found["funding_stats"])
    assert all(r["article_id"].startswith(issue.meta.issue_id) for r in rows["investment_rounds"])
    cells = [c for c in rows["table_cells"] if c["text"] == "56.6%"]
    assert cells and cells[0]["value_num"] == pytest.approx(0.566) and cells[0]["quantity"] == "share"
    assert cells[0]["printed_value"] == pytest.approx(56.6) and cells[0]["unit"] == "%"
