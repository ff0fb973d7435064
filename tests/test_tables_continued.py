"""A table continued over a page turn with its head row only on the first page is one table, its
cells each on the page it is printed on. Fixture tables-continued (pipeline/sample/sideways.py
--set continued: tables-classic with two such tables, a ruled grid whose second part opens under
a 续表5 label, a three-line table whose second part has no label, only its top and bottom rules)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.rules import Rules
from pipeline.run import ingest_file

PDF = Path(__file__).parent / "fixtures" / "tables-continued.pdf"
KEY = json.loads(PDF.with_suffix(".truth.json").read_text(encoding="utf-8"))
PARTS = {"表5": (7, 8), "表6": (9, 10)}  # each table's two pages, as the producer set them


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("continued")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def _rows(out: Path, issue, table: str) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_continued_table_is_one_table_with_every_row(run):
    """Before: 表6's rows on its second page (no head, no label, two rules) were one paragraph of
    body text, and 表5's caption ran on into the 续表5 label: cells 0.943."""
    out, issue = run
    score = evaluate(out, PDF.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"] == 4
    assert score["body_similarity"] == 1.0 and score["paragraph_integrity_article"] == 1.0
    tables = {t["caption"].split()[0]: t for t in _rows(out, issue, "tables") if t["caption"]}
    for truth in KEY["articles"][-1]["tables"][-2:]:
        got = tables[truth["caption"].split()[0]]
        assert got["caption"] == truth["caption"]  # the label is no part of it
        assert got["header"] == truth["header"] and got["rows"] == truth["rows"]
        assert got["pages"] == list(PARTS[truth["caption"].split()[0]])
    assert tables["表5"]["continued_labels"] == ["续表5"] and tables["表6"]["continued_labels"] == []
    body = "".join(b["text"] for b in _rows(out, issue, "blocks"))
    assert "续表" not in body and "2022年" not in body  # label and rows left the body


def test_cells_keep_the_page_and_place_they_are_printed_at(run):
    """Each cell's page is its own: the first part's rows on the first page, the rest on the next,
    its box there (rows top down on each page, the second part from the page's top)."""
    out, issue = run
    tables = {t["caption"].split()[0]: t for t in _rows(out, issue, "tables") if t["caption"]}
    cells = _rows(out, issue, "table_cells")
    for name, (first, second) in PARTS.items():
        mine = [c for c in cells if c["table_id"] == tables[name]["table_id"]]
        col0 = sorted((c for c in mine if c["col"] == 0), key=lambda c: c["row"])
        pages = [c["page"] for c in col0]
        cut = pages.index(second)
        assert set(pages[:cut]) == {first} and set(pages[cut:]) == {second}
        for part in (col0[:cut], col0[cut:]):
            tops = [c["y0"] for c in part]
            assert tops == sorted(tops) and all(c["y1"] > c["y0"] and c["x1"] > c["x0"] for c in part)
        assert col0[cut]["y0"] < 120  # the second part opens at its page's top
        assert col0[cut - 1]["y1"] > 700  # the first part ran to its page's foot
    new = next(c for c in cells if c["text"] == "2022年")  # the first row of 表6's headless part
    assert new["page"] == 10 and new["col"] == 0
