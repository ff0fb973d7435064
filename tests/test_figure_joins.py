"""A table's rest after a full-page photo. Fixture tables-figure (pipeline/sample/figure_joins.py
--set figure): 表19's rest, its head repeated, after a photo printed to the page's edges with its
numbered caption in display type and a credit line under it; 表20's rest, rows only, after two
full-page photos with small captions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.models import UnitKind, WarningCode
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.table_joins import FIGURE_PAGE_MAX_CHARS, JoinEvidence, figure_page

PDF = Path(__file__).parent / "fixtures" / "tables-figure.pdf"
KEY = PDF.with_suffix(".truth.json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("figure")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def _rows(out: Path, issue, table: str) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_photo_page_is_the_articles_and_each_rest_joins(run):
    """Before: the photo's caption, set larger than the body, was no caption: it opened a unit of
    its own (an advertisement at 0.5, a wrong unit), the caption lost from the captions."""
    out, issue = run
    assert [(a.kind, a.pages[0], a.pages[-1]) for a in issue.articles] == [(UnitKind.ARTICLE, 1, 13)]
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["n_units_wrong"] == 0 and score["caption_recall"] == 1.0
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"]
    assert score["body_similarity"] == 1.0 and score["paragraph_integrity"] == 1.0
    tables = {(t["caption"] or "").split(" ")[0]: t for t in _rows(out, issue, "tables")}
    assert tables["表19"]["pages"] == [7, 9]  # over the photo page and its credit line
    assert tables["表20"]["pages"] == [10, 13]  # over two photo pages
    captions = {c["text"] for c in _rows(out, issue, "captions")}
    assert "图5 某国家级孵化器共享实验室一角" in captions
    assert not [w for w in issue.warnings if w.code == WarningCode.TABLE_JOIN_DOUBTFUL]


def test_a_page_that_is_only_a_picture():
    photo = [(17.0, 0.0, 578.0, 786.0)]
    assert figure_page(595, 842, photo, ["摄影：李明"])
    assert not figure_page(595, 842, photo, ["字" * (FIGURE_PAGE_MAX_CHARS + 1)])  # text of its own
    assert not figure_page(595, 842, [(56.0, 80.0, 539.0, 400.0)], ["摄影：李明"])  # a figure in the text
    # two pictures overlapping are counted once: together less than half the page
    assert not figure_page(595, 842, [(0.0, 0.0, 595.0, 300.0), (0.0, 0.0, 595.0, 300.0)], [])


def test_a_rest_joined_over_a_picture_pages_text_on_its_columns_alone_is_warned():
    rows_only = JoinEvidence(
        label=False, head_repeated=False, row_cut=False, own_head=False, aligned=True, pages_between=1
    )
    assert rows_only.decide() == (True, None)
    over = JoinEvidence(**{**rows_only.__dict__, "over_picture_text": True})
    joined, why = over.decide()
    assert joined and why is not None
    headed = JoinEvidence(**{**over.__dict__, "head_repeated": True})
    assert headed.decide() == (True, None)
