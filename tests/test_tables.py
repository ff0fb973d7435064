"""Tables read from the table areas only: every cell right, merged cells repeated, spans kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import norm
from pipeline.rules import Rules
from pipeline.run import process
from pipeline.tables import cell_value, join_cell

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def tables_run():
    return process(FIX / "tables-classic.pdf", Rules.load())


def _truth_tables() -> list[dict]:
    truth = json.loads((FIX / "tables-classic.truth.json").read_text(encoding="utf-8"))
    return [t for a in truth["articles"] for t in a.get("tables") or []]


def _grid(header, rows):
    return [[norm(c) for c in row] for row in [header, *rows]]


def test_every_cell_right(tables_run):
    issue, rows = tables_run
    found = [t for a in issue.articles for t in a.tables]
    truth = _truth_tables()
    assert len(found) == len(truth) == 2
    for want in truth:
        grid = _grid(want["header"], want["rows"])
        assert any(_grid(t.header, t.rows) == grid for t in found), want["header"]
    notes = {norm(n) for t in found for n in t.notes}
    assert notes == {norm(n) for t in truth for n in t["notes"]}


def test_merged_cells_and_spans(tables_run):
    issue, rows = tables_run
    policy = next(t for a in issue.articles for t in a.tables if t.header[0] == "发布时间")
    # 2025年10月 is printed once over three rows: repeated in each, rowspan on the first
    assert [r[0] for r in policy.rows[:3]] == ["2025年10月"] * 3
    assert policy.spans[(1, 0)] == (3, 1)
    assert policy.spans[(6, 0)] == (5, 1)
    cells = {(c["table_id"], c["row"], c["col"]): c for c in rows["table_cells"]}
    tid = next(t["table_id"] for t in rows["tables"] if t["header"][0] == "发布时间")
    assert cells[(tid, 1, 0)]["rowspan"] == 3 and cells[(tid, 2, 0)]["rowspan"] == 1


def test_table_text_left_the_body(tables_run):
    issue, _ = tables_run
    body = "".join(b.text for a in issue.articles for b in a.blocks)
    assert "《黑龙江省深入实施" not in body  # a policy-table cell
    assert "注：早期融资包括" not in body  # the table note moved to table.notes


def test_no_table_on_body_pages():
    issue, rows = process(FIX / "news-classic.pdf", Rules.load())
    assert rows["tables"] == [] and rows["table_cells"] == []
    assert all(not a.tables for a in issue.articles)


def test_cell_values():
    units = Rules.load().get("tables", "units")
    assert cell_value("56.6%", ["占比"], units) == (56.6, "%")
    assert cell_value("1800", ["数量 (起)", "早期融资"], units) == (1800.0, "起")
    assert cell_value("2025年10月", ["发布时间"], units) == (None, None)
    assert join_cell("《河北省推动行动计划(2025—2027\n年)》") == "《河北省推动行动计划(2025—2027年)》"
    assert join_cell("Pre-A\nround") == "Pre-A round"
