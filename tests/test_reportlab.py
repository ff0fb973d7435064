"""The sample issue typeset by ReportLab in a house style of its own (pipeline/sample/reportlab_issue.py;
`make eval` makes and scores the whole rendition). Three of its pages are committed: the first
page of the contents, set as a ruled table (folio, section, title with its English under it), an
article's opening (section label, English title above the Chinese one, a boxed lead, photos with
their captions in the narrow side column, level with each photo's top), and a page of a table
with full grid rules and a shaded header row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file

EXTRACT = Path(__file__).parent / "fixtures" / "reportlab" / "reportlab-extract.pdf"


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    rules = Rules.load(DEFAULT_RULES)
    out = tmp_path_factory.mktemp("reportlab")
    issue = ingest_file(EXTRACT, out, rules)
    root = out / "jsonl" / issue.meta.issue_id

    def rows(table: str) -> list[dict]:
        return [json.loads(x) for x in (root / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]

    return rows


def test_grid_table_with_shaded_header(extract):
    """Every cell ruled on four sides and the header row on a grey fill: one table, its header the
    shaded row, every row three cells."""
    (table,) = [t for t in extract("tables") if t["page"] == 3]
    assert table["header"] == ["发布时间", "省份", "政策名称"]
    assert len(table["rows"]) == 14 and all(len(r) == 3 for r in table["rows"])
    assert ["2026年2月", "黑龙江", "《黑龙江省深入实施“人工智能+”行动的实施方案》"] in table["rows"]


def test_title_under_its_english_title_opens_the_article(extract):
    """The Chinese title set under its English one, both in a sans face, opens the unit."""
    titles = [a["title_zh"] for a in extract("articles") if a["kind"] == "article"]
    assert "科促会深度参与第二十八届北京科博会" in titles


def test_contents_set_as_a_table_are_the_skeleton(extract):
    """The contents page is one ruled table: its cells holding a folio alone are its entries'
    page numbers, so the page is read as contents (main: 'no contents page read', the issue cut
    from local evidence alone: 20 units wrong on the whole rendition)."""
    assert [a["kind"] for a in extract("articles")][0] == "toc"
    assert ("以中国创新与世界共振", 1) in [(e["title_zh"], e["printed_page"]) for e in extract("toc")]
    assert "no_contents" not in [w["code"] for w in extract("warnings")]


def test_caption_in_the_side_column_beside_its_photo(extract):
    """A caption set in a margin column beside its photo, its first line level with the photo's
    top, nothing under or over the photo: it is the photo's caption (main: a heading in the body;
    captions 0.03 on the whole rendition)."""
    captions = [c["text"] for c in extract("captions")]
    assert "科促会会长段冰毅在活动中讲话" in captions
    body = [b["text"] for b in extract("blocks")]
    assert "科促会会长段冰毅在活动中讲话" not in body
