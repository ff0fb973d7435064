"""The sample issue typeset by WeasyPrint in a news weekly's house style (pipeline/sample/quad_issue.py;
`make eval` makes and scores the whole rendition, row quad-issue). Four extracts are committed
(tests/fixtures/quad/): an article's two pages (quad-opener: the section label set vertically one
character a line beside a title broken over two lines of two sizes, the deck beside the title, the
English summary boxed in two columns before the Chinese text, a drop cap), a profile round-up boxed
one profile a box (quad-profiles, after the contents' last page), numbered briefs in boxes, each
number a big digit floated beside its heading (quad-briefs), and tables drawn with no rule, their rows
shaded in bands (quad-table: one over a page turn, one under a dark head row)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file

FIXTURES = Path(__file__).parent / "fixtures" / "quad"


def _read(name: str, out: Path):
    issue = ingest_file(FIXTURES / f"{name}.pdf", out, Rules.load(DEFAULT_RULES))
    root = out / "jsonl" / issue.meta.issue_id

    def read(table: str) -> list[dict]:
        path = root / f"{table}.jsonl"
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    return read


@pytest.fixture(scope="module")
def opener(tmp_path_factory):
    return _read("quad-opener", tmp_path_factory.mktemp("quad-opener"))


def test_title_in_two_sizes_and_vertical_label(opener):
    """One article: its title's light first line and big second line are one title (main: the first
    line an advertisement unit of its own), its section the label set one character a line beside
    it (main: characters read as headings and a byline), its byline '撰稿　王怀宇'."""
    (art,) = [a for a in opener("articles") if a["kind"] == "article"]
    assert art["title_zh"].replace(" ", "") == "凝心聚力谋新篇科技赋能启新程"
    assert art["section_zh"] == "科促会动态"
    assert art["authors"] == ["王怀宇"]
    assert art["deck_zh"].startswith("站在新的历史起点上")
    assert art["confidence"] >= 0.8


def test_summary_boxed_in_two_columns(opener):
    """The boxed English summary's two columns are read one after the other (main: each line of the
    left column joined to the line beside it in the right one)."""
    (s,) = opener("summaries")
    text = s["text"]
    assert text.startswith("On January 10, the Fifth Session")
    assert "the Seventh Council Meeting and the Eighth Standing Council Meeting" in text
    assert text.index("It also outlined") < text.index("core functions and six strategic directions")


def test_drop_cap_joins_its_paragraph(opener):
    body = [b for b in opener("blocks") if b["type"] == "paragraph"]
    assert body[0]["text"].startswith("隆冬时节，万象更新")


def test_profiles_boxed_one_a_box(tmp_path):
    """Each profile framed in a box of its own is an item, not a sidebar (main: no unit, the pages
    swallowed by the contents unit before them)."""
    read = _read("quad-profiles", tmp_path)
    (art,) = [a for a in read("articles") if a["kind"] == "article"]
    assert art["title_zh"] == "周志华：人工智能领域的领军学者"
    assert art["section_zh"] == "视频阅读"
    items = read("items")
    assert len(items) == 6
    assert all(it["text_en"] for it in items)


def test_briefs_numbered_by_a_floated_digit(tmp_path):
    """A brief's number floated big beside its heading is no letter of it ('4' beside '1 纳米！…'
    read '41 纳米！…'); each brief, boxed or not, is an item of the round-up."""
    read = _read("quad-briefs", tmp_path)
    (art,) = [a for a in read("articles") if a["kind"] == "article"]
    assert art["authors"] == ["本刊编辑部"]
    titles = [it["title_zh"] for it in read("items")]
    assert titles[0] == "每秒 10 米！全球首款“Bolt”诞生"
    assert "1 纳米！功耗最低！北大团队实现芯片领域重要突破" in titles
    assert len(titles) == 6


def test_tables_told_by_shaded_rows(tmp_path):
    """Tables with no rule, their rows shaded in bands: the first over a page turn, 14 rows (main:
    its rows read as body text across its columns), the second under a dark head row."""
    read = _read("quad-table", tmp_path)
    tables = read("tables")
    assert [t["header"] for t in tables] == [
        ["发布时间", "省份", "政策名称"],
        ["阶段", "早期融资", "中期融资", "后期融资", "IPO", "其他融资"],
    ]
    assert tables[0]["n_rows"] == 14 and tables[0]["pages"] == [1, 2]
    assert tables[1]["rows"][0] == ["数量 (起)", "1800", "374", "247", "73", "686"]
