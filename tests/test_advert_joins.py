"""An article's table, and its running text, continued after a full-page advertisement. Fixture
tables-advert (pipeline/sample/advert_joins.py): 表18's rest (rows only, no label, no head) after
an advertisement page, a page of rows ending in figures; a paragraph cut by the page foot, finished
after an advertisement signed by the editors, its English line keeping its pages together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.articles import _carries_on, _names_pages
from pipeline.evaluate import evaluate
from pipeline.models import Block, Line, Piece, Role, UnitKind, WarningCode
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


def test_a_rest_with_no_label_or_head_is_joined_on_its_columns(run):
    """The table's rest shows neither label nor head, but as many columns standing where the first
    part's do, figures where it prints them: no doubt (before: joined on its measure alone, warned
    unit_resumed_doubtful). The advertisement the article goes on over, which no word names, is a
    page the make-up put inside it: sure (before: 0.5; conf_right_sure 0.667 -> 1.000)."""
    out, issue = run
    assert not [w for w in issue.warnings if w.code == WarningCode.UNIT_RESUMED_DOUBTFUL]
    ad = next(a for a in issue.articles if a.pages == [8])
    assert "inserted" in ad.evidence and ad.confidence >= 0.8
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["conf_right_sure"] == 1.0


def _table(rows: list[list[tuple[float, float, str]]], top: float = 100.0) -> Block:
    """A table block of the rows of cells given (x-ranges and texts), rows 20 pt apart."""
    lines = [
        Line(
            page=1,
            text=t,
            bbox=(x0, top + 20 * k, x1, top + 20 * k + 9),
            size=9.0,
            font="Song",
            bold=False,
            color=0,
        )
        for k, row in enumerate(rows)
        for x0, x1, t in row
    ]
    box = (min(ln.x0 for ln in lines), lines[0].y0, max(ln.x1 for ln in lines), lines[-1].y1)
    return Block(Role.TABLE, "", lines, [Piece(1, box)])


def test_a_rest_whose_columns_stand_elsewhere_is_joined_in_doubt():
    """As wide as the first part, but its columns elsewhere, or a head row of words over figures:
    its measure alone speaks for it (doubtful); columns lining up: sure."""
    rules = Rules.load()
    head = [(56, 80, "城市"), (200, 230, "示范机构"), (470, 539, "增长")]
    rows = [[(56, 80, city), (205, 225, n), (480, 530, share)] for city, n, share in (
        ("北京", "197", "6.7%"), ("上海", "354", "8.1%"), ("广州", "146", "2.3%"))]  # fmt: skip
    first = _table([head, *rows])
    same = _table(rows[1:] + [[(56, 80, "深圳"), (205, 225, "503"), (480, 539, "0.1%")]])
    elsewhere = _table([[(56, 80, "天津"), (120, 150, "354"), (300, 330, "8.1%"), (500, 539, "9")]] * 3)
    headed = _table([[(56, 80, "省份"), (205, 225, "企业"), (480, 539, "占比")], *rows])
    assert _carries_on([first], [same], rules) == ("table", None)
    assert _carries_on([first], [elsewhere], rules) == ("table", "the table's measure")
    assert _carries_on([first], [headed], rules) == ("table", "the table's measure")


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
