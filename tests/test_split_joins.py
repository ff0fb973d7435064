"""A table whose columns are set otherwise on its second page. Fixture tables-split
(pipeline/sample/figure_joins.py --set split): 表21's rest with its columns re-fitted to its own
cells (every inner edge moved), its head repeated; 表22's rest, a ruled grid setting its last
column as two (the figure, then its unit), its head repeated over both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.models import WarningCode
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.table_joins import merge_columns, split_groups

PDF = Path(__file__).parent / "fixtures" / "tables-split.pdf"
KEY = PDF.with_suffix(".truth.json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("split")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def _rows(out: Path, issue, table: str) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_rest_is_read_in_its_first_parts_columns(run):
    """Before: 表22's rest (five columns read where its first part prints four) was kept apart, a
    table of its own with no caption: cells 0.923, 5 tables for 4."""
    out, issue = run
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"] == 4
    tables = {(t["caption"] or "").split(" ")[0]: t for t in _rows(out, issue, "tables")}
    assert tables["表21"]["pages"] == [7, 8] and tables["表22"]["pages"] == [9, 10]
    key = json.loads(KEY.read_text(encoding="utf-8"))["articles"][-1]["tables"][-1]
    assert tables["表22"]["rows"][-1] == key["rows"][-1]  # "…亿元": figure and unit one cell again
    warned = [w for w in issue.warnings if w.code == WarningCode.TABLE_JOIN_DOUBTFUL]
    assert [w.page for w in warned] == [10]  # two printed columns read as one: said where


def test_split_columns_are_grouped_under_the_first_parts():
    first = [56.0, 150.0, 280.0, 420.0, 539.0]
    assert split_groups(first, [56.0, 150.0, 280.0, 420.0, 485.0, 539.0]) == [[0], [1], [2], [3, 4]]
    assert split_groups(first, first) is None  # no column split
    assert split_groups(first, [56.0, 120.0, 280.0, 420.0, 485.0, 539.0]) is None  # an edge moved
    grid = [["城市", "金额", "金额"], ["北京", "990", "亿元"], ["Bei", "jing", "x"]]
    boxes = [[(0.0, 0.0, 10.0, 5.0), (10.0, 0.0, 20.0, 5.0), (20.0, 0.0, 30.0, 5.0)]] * 3
    got, spans, got_boxes = merge_columns(grid, {(0, 1): (1, 2)}, boxes, [[0], [1, 2]])
    assert got == [["城市", "金额"], ["北京", "990亿元"], ["Bei", "jing x"]]
    assert spans == {} and got_boxes[0] == [(0.0, 0.0, 10.0, 5.0), (10.0, 0.0, 30.0, 5.0)]
