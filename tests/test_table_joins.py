"""A table's rest joined to it on evidence, not on "same unit, same columns, next page". Fixture
tables-joins (pipeline/sample/table_joins.py): 表10's rest after a full-page figure; 表11's rest on
the facing page in mirrored margins, its first row finishing the row the turn cut, a cell merged
over two columns in the next; 表12's rest under 表12（续） with its head repeated; 表17's rest with
its head repeated under no label; 表13 filling its page, and a different table of as many columns,
with no caption, at the next page's top."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.models import WarningCode
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.table_joins import JoinEvidence, own_head

PDF = Path(__file__).parent / "fixtures" / "tables-joins.pdf"
KEY = PDF.with_suffix(".truth.json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("joins")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def _rows(out: Path, issue, table: str) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_rest_joins_its_table_and_a_different_table_stays_apart(run):
    """Before: 表10's rest (after the figure) and 表11's rest (a lone cut cell, a merged cell: not
    even read as a table, its rows one paragraph) were tables or body of their own, and the table
    under 表13 was joined to it (same unit, same columns, next page): cells 0.865."""
    out, issue = run
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"] == 8
    assert score["body_similarity"] == 1.0 and score["leakage"] == 0.0
    tables = {(t["caption"] or "").split(" ")[0]: t for t in _rows(out, issue, "tables")}
    assert tables["表10"]["pages"] == [7, 9]  # the figure's page between
    assert tables["表11"]["pages"] == [10, 11] and tables["表12"]["pages"] == [12, 13]
    assert tables["表12"]["continued_labels"] == ["表12（续）"]
    assert tables["表17"]["pages"] == [15, 16] and tables["表17"]["continued_labels"] == []
    assert tables["表13"]["pages"] == [17] and tables[""]["pages"] == [18]
    assert tables[""]["header"][0] == "年份"  # its own head, not a row of 表13
    assert not [w for w in issue.warnings if w.code == WarningCode.TABLE_JOIN_DOUBTFUL]


def test_a_cell_cut_by_the_page_turn_keeps_both_pieces(run):
    """The row cut by the turn is one row; its cut cell names both pieces (page and box of each),
    the other cells of the row their one place."""
    out, issue = run
    cells = _rows(out, issue, "table_cells")
    cut = next(c for c in cells if c["text"] == "长三角一体化示范区")
    first, rest = cut["pieces"]
    assert (first["page"], rest["page"]) == (10, 11)
    assert (first["x0"], first["y0"]) == (cut["x0"], cut["y0"]) and first["y1"] > 700  # at the foot
    assert rest["y0"] < 100 and rest["x0"] > first["x0"]  # at the next page's top, mirrored margins
    mates = [c for c in cells if c["table_id"] == cut["table_id"] and c["row"] == cut["row"] and c is not cut]
    assert mates and all(c["pieces"] is None and c["page"] == 10 for c in mates)


def test_a_cell_merged_over_two_columns_in_the_rest_spans_them(run):
    out, issue = run
    merged = [c for c in _rows(out, issue, "table_cells") if c["text"] == "未单列"]
    assert [c["col"] for c in merged] == [1, 2] and merged[0]["colspan"] == 2 and merged[0]["page"] == 11


def _evidence(**kw) -> JoinEvidence:
    base = dict(
        label=False, head_repeated=False, row_cut=False, own_head=False, aligned=None, pages_between=0
    )
    return JoinEvidence(**{**base, **kw})


def test_the_decision_weighs_evidence_that_can_disagree():
    assert _evidence(label=True).decide() == (True, None)
    assert _evidence(head_repeated=True, aligned=True).decide() == (True, None)
    assert _evidence(aligned=True).decide() == (True, None)
    assert _evidence(own_head=True, aligned=False).decide() == (False, None)
    # a head of its own in the same columns: kept apart, warned
    joined, why = _evidence(own_head=True, aligned=True).decide()
    assert not joined and why
    # no label, no head, columns elsewhere: joined as before, warned
    joined, why = _evidence(aligned=False).decide()
    assert joined and why
    # after pages between, misaligned and unlabelled: not joined
    assert _evidence(aligned=False, pages_between=1).decide() == (False, None)
    # a label over a rest whose columns stand elsewhere: joined, warned
    joined, why = _evidence(label=True, aligned=False).decide()
    assert joined and why


def test_a_head_of_its_own_is_words_where_the_first_part_prints_figures():
    head = ["城市", "规模（亿元）", "增长"]
    rows = [["北京", "120", "3.5%"], ["上海", "98", "-1.2%"], ["广州", "77", "4.0%"]]
    other = [["年份", "余额（亿元）", "增速"], ["2024年", "3252", "9.1%"]]
    assert own_head(head, rows, other)
    assert not own_head(head, rows, [head, ["深圳", "66", "2.0%"]])  # the head repeated
    assert not own_head(head, rows, [["深圳", "66", "2.0%"], ["南宁", "12", "1.0%"]])  # a row
    assert not own_head(head, rows, [["示范区", "", ""], ["南宁", "12", "1.0%"]])  # a cut row's rest
