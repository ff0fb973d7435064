"""Three-line tables set by ReportLab (three rules only, no short rule under a merged head): a
head over two columns with their own heads under it, heads over both head rows, cells wrapped onto
two lines set from the top of their row (表25) or centred in it (表26). Fixture tables-reportlab
(pipeline/sample/reportlab_tables.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.table_heads import implied_rules

PDF = Path(__file__).parent / "fixtures" / "tables-reportlab.pdf"
KEY = PDF.with_suffix(".truth.json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reportlab")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def test_merged_heads_and_wrapped_cells_are_read(run):
    """Before: the merged head's two columns read as one ("6.2 11.8", its heads in one cell), and
    the centred rows split at each wrapped cell's line (the values repeated in rows of their own):
    cells 0.512 (0.906 with the heads found)."""
    out, issue = run
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"] == 4
    assert score["body_similarity"] == 1.0
    path = out / "jsonl" / issue.meta.issue_id / "tables.jsonl"
    tables = {
        t["caption"].split(" ")[0]: t
        for t in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if t["caption"]
    }
    t25, t26 = tables["表25"], tables["表26"]
    assert t25["header"][1:3] == ["财政投入（亿元）", "财政投入（亿元）"]
    assert t25["rows"][0][:3] == ["城市", "概念验证", "中试平台"]
    assert t26["rows"][1] == ["企业主导", "78.4", "6.1", "产业链上下游企业的工艺验证和小批量试制"]
    assert len(t26["rows"]) == 5


def _w(text: str, x0: float, x1: float, top: float) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9}


def test_a_rule_is_implied_under_a_head_only_over_heads_of_its_own():
    bbox = (0.0, 0.0, 300.0, 200.0)
    body_x = [100.0, 200.0]
    over = _w("财政投入", 120.0, 180.0, 5.0)  # crosses no line: no merged head
    assert implied_rules(bbox, [over], body_x) == []
    merged = _w("财政投入（亿元）", 130.0, 270.0, 5.0)
    subs = [_w("概念验证", 120.0, 180.0, 18.0), _w("中试平台", 220.0, 280.0, 18.0)]
    (rule,) = implied_rules(bbox, [merged, *subs], body_x)
    assert (rule.x0, rule.x1) == (100.0, 300.0) and 14.0 < rule.y < 18.0
    assert implied_rules(bbox, [merged, subs[0]], body_x) == []  # a column with no head of its own
    wide = _w("概念验证与中试", 150.0, 250.0, 18.0)  # the head under it crosses the line too
    assert implied_rules(bbox, [merged, wide], body_x) == []
    past = _w("财政投入（亿元）", 130.0, 305.0, 5.0)  # reaching past the table's right edge
    (rule,) = implied_rules(bbox, [past, *subs], body_x)
    assert (rule.x0, rule.x1) == (100.0, 300.0)
