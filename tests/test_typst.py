"""The sample issue typeset by Typst in a house style of its own (pipeline/sample/typst_issue.py;
`make eval` makes and scores the whole rendition). Six of its pages are committed: the cover with
its cover lines, a copyright notice with its English title and the masthead page after it, an
article whose first photo stands at the top of its first column under a "■ 张三 李四" byline, with
captions at a loose leading, and a three-line table whose cells open with a bracket Typst sets
compressed at the line start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file

EXTRACT = Path(__file__).parent / "fixtures" / "typst" / "typst-extract.pdf"


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    rules = Rules.load(DEFAULT_RULES)
    out = tmp_path_factory.mktemp("typst")
    issue = ingest_file(EXTRACT, out, rules)
    root = out / "jsonl" / issue.meta.issue_id

    def rows(table: str) -> list[dict]:
        return [json.loads(x) for x in (root / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]

    return rows


def test_a_caption_read_before_the_byline_is_no_byline(extract):
    """The photo at the top of the first column puts its caption ("世和基因", two names' shape) in
    reading order before the byline "■ 李都 张希 肖凡": main took the caption for a bare byline and
    typed the real one a heading."""
    (art,) = [a for a in extract("articles") if a["title_zh"] == "南京：抢占未来产业制高点"]
    assert art["authors"] == ["李都", "张希", "肖凡"]
    assert "世和基因" in [c["text"] for c in extract("captions")]


def test_three_line_table_with_compressed_opening_brackets(extract):
    """Typst sets 《 at a cell's start compressed to its inked half, so its glyph box reaches half an
    em into the gap after the narrow column before it (省份: 黑龙江 then 《黑龙江省…》): main read the
    two columns as one (cells 0.52 on the whole rendition)."""
    (table,) = extract("tables")
    assert table["header"] == ["发布时间", "省份", "政策名称"]
    assert len(table["rows"]) == 14 and all(len(r) == 3 and r[2].startswith("《") for r in table["rows"])
    assert ["2026年2月", "黑龙江", "《黑龙江省深入实施“人工智能+”行动的实施方案》"] in table["rows"]


def test_caption_lines_at_a_loose_leading_are_one_caption(extract):
    """Typst sets a caption at the body's leading (its lines 1.66 of its size apart): a line that
    runs to the photo's edge goes on in the next one though that stands more than 0.6 of the size
    under it (main: the first line a caption, the rest a heading in the body)."""
    captions = [c["text"] for c in extract("captions")]
    assert "世和基因科研人员在实验室中进行基因测序。褚旭峰 段仁虎 摄" in captions
    body = " ".join(b["text"] for b in extract("blocks"))
    assert "褚旭峰" not in body


def test_cover_lines_open_no_units(extract):
    """The cover repeats articles' titles in display type, each with its subtitle or English title:
    they are the cover's text, not openings (main: the cover cut in two, the cover lines an
    'advertisement', the cover's text its title)."""
    units = [a for a in extract("articles") if a["page_start"] == 1]
    assert [(a["kind"], a["title_zh"]) for a in units] == [("cover", "国际科技促进")]
    held = [b["text"] for b in extract("blocks") if b["article_id"] == units[0]["article_id"]]
    assert "凝心聚力谋新篇 科技赋能启新程" in held and "警惕人工智能泡沫" in held


def test_notice_and_masthead_pages_are_two_units(extract):
    """A copyright notice with an English title runs into the masthead page after it, which has no
    title of its own; the pages' headings name two kinds of page, so each is a unit (main: one
    'masthead' unit titled 版权声明, at 0.5)."""
    kinds = {a["page_start"]: (a["kind"], a["page_end"]) for a in extract("articles")}
    assert kinds[2] == ("notice", 2) and kinds[3] == ("masthead", 3)
