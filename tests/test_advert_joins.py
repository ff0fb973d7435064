"""An article's table, and its running text, continued after a full-page advertisement. Fixture
tables-advert (pipeline/sample/advert_joins.py): 表18's rest (rows only, no label, no head) after
an advertisement page, a page of rows ending in figures; a paragraph cut by the page foot, finished
after an advertisement signed by the editors, its English line keeping its pages together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.articles import _names_pages
from pipeline.evaluate import evaluate
from pipeline.models import UnitKind, WarningCode
from pipeline.rules import Rules
from pipeline.run import ingest_file

PDF = Path(__file__).parent / "fixtures" / "tables-advert.pdf"
KEY = PDF.with_suffix(".truth.json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("advert")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def test_the_article_goes_on_after_each_advertisement(run):
    """Before: the table's rest was a unit of its own typed contents (its rows' figures read as
    page numbers), the pages after it notices, the text after the second advertisement an
    advertisement: 4 wrong units, cells 0.815, body 0.925."""
    out, issue = run
    kinds = [(a.kind, a.pages) for a in issue.articles]
    assert kinds == [
        (UnitKind.ARTICLE, [1, 2, 3, 4, 5, 6, 7, 9, 10, 12]),
        (UnitKind.ADVERTISEMENT, [8]),
        (UnitKind.ADVERTISEMENT, [11]),
    ]
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["n_units_wrong"] == 0 and score["body_similarity"] == 1.0
    assert score["paragraph_integrity_article"] == 1.0  # the sentence cut by the advertisement joined again
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"]
    assert not [w for w in issue.warnings if w.code == WarningCode.CONTENTS_NOT_LOCATED]


def test_a_rest_joined_on_its_measure_alone_is_warned(run):
    """The table's rest shows neither label nor head: only its measure says it is the table's."""
    _, issue = run
    warned = [w for w in issue.warnings if w.code == WarningCode.UNIT_RESUMED_DOUBTFUL]
    assert [w.page for w in warned] == [9]


def test_numbers_ending_lines_name_pages_only_in_range_and_rising():
    assert _names_pages([3, 8, 12, 17, 25, 31], (1, 64))
    assert not _names_pages([197, 354, 12, 980, 41, 506], (1, 64))  # a table's figures
    assert not _names_pages([40, 12, 33, 5, 61, 18], (1, 64))  # in range, in no order
    assert _names_pages([233, 240, 251], None)  # no folios read: the order alone


def test_tables_rows_hold_the_rest(run):
    out, issue = run
    path = out / "jsonl" / issue.meta.issue_id / "tables.jsonl"
    tables = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    t18 = next(t for t in tables if (t["caption"] or "").startswith("表18"))
    assert t18["pages"] == [7, 9]
