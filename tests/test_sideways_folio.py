"""The page's upright folio standing among the turned lines of a table printed sideways does not
hide the turned region. Fixture sideways-folio (pipeline/sample/sideways.py --set folio): a table
turned 90° in the outer part of a page under a paragraph, and a grid turned 270° left of a column,
each running down into the foot margin round the folio in its corner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.models import TurnedRegion, WarningCode
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.sideways import region_back, region_move

PDF = Path(__file__).parent / "fixtures" / "sideways-folio.pdf"
KEY = PDF.with_suffix(".truth.json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("folio")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def _rows(out: Path, issue, table: str) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_turned_tables_round_the_folio_are_read_and_the_folio_kept(run):
    """Before: the folio among the turned lines refused the region on the first page (its table
    a heap of vertical lines, its caption lost), and on the second it stopped the region growing
    over the grid's outer rule (its first column lost): cells 0.533, body 0.989."""
    out, issue = run
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"] == 4
    assert score["body_similarity"] == 1.0 and score["paragraph_integrity"] == 1.0
    assert {w.page for w in issue.warnings if w.code == WarningCode.PAGE_TURNED} == {7, 8}
    folios = {(f["page"], f["text"]) for f in _rows(out, issue, "furniture") if f["kind"] == "folio"}
    assert {(7, "7"), (8, "8")} <= folios
    folio7 = next(f for f in _rows(out, issue, "furniture") if f["kind"] == "folio" and f["page"] == 7)
    assert folio7["x0"] > 500 and folio7["y0"] > 780  # where the page prints it
    assert [r for r in _rows(out, issue, "residue") if r["page"] in (7, 8)] == []


def test_a_kept_line_stays_where_it_is_both_ways():
    tr = TurnedRegion(90, (400.0, 180.0, 590.0, 838.0), 468.0, 0.0, ((543.0, 799.0, 549.0, 813.0),))
    folio = (543.0, 799.0, 549.0, 813.0)
    assert tuple(region_move(tr, folio)) == (1, 0, 0, 1, 0, 0)
    assert region_back(tr, folio) == folio
    inside = (450.0, 300.0, 462.0, 400.0)  # a turned line: turned with the region
    assert tuple(region_move(tr, inside)) != (1, 0, 0, 1, 0, 0)
