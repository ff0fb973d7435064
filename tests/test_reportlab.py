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
    # the shaded header row's column labels are no entries; a subtitle run in after its title is its own
    assert not {"页码", "栏目", "标题"} & {e["title_zh"] for e in extract("toc")}
    assert "no_contents" not in [w["code"] for w in extract("warnings")]


def test_caption_in_the_side_column_beside_its_photo(extract):
    """A caption set in a margin column beside its photo, its first line level with the photo's
    top, nothing under or over the photo: it is the photo's caption (main: a heading in the body;
    captions 0.03 on the whole rendition)."""
    captions = [c["text"] for c in extract("captions")]
    assert "科促会会长段冰毅在活动中讲话" in captions
    body = [b["text"] for b in extract("blocks")]
    assert "科促会会长段冰毅在活动中讲话" not in body


TITLE_BYLINE = Path(__file__).parent / "fixtures" / "reportlab" / "reportlab-title-byline.pdf"


@pytest.fixture(scope="module")
def title_byline(tmp_path_factory):
    """Pages 47-50 and 77-79 of the rendition: two articles whose English title, set above the
    Chinese one, wraps over two lines, and two whose only byline ("作者：…", flush right) ends the
    article, right above the English summary's heading "Reading Summary" in the same type."""
    out = tmp_path_factory.mktemp("reportlab-title-byline")
    issue = ingest_file(TITLE_BYLINE, out, Rules.load(DEFAULT_RULES))
    root = out / "jsonl" / issue.meta.issue_id
    rows = (root / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    arts = {a["title_zh"]: a for a in map(json.loads, rows)}
    blocks = [json.loads(x) for x in (root / "blocks.jsonl").read_text(encoding="utf-8").splitlines()]
    return arts | {"": blocks}  # "" (no title): the blocks


def test_english_title_above_the_title_keeps_all_its_lines(title_byline):
    """The short last line of an English title right above the Chinese title is not a label of its
    own: the lines above it in its type are the same title."""
    assert title_byline["张钹： 期待中国学者定义司法智能发展方向"]["title_en"] == (
        "Zhang Bo: Expecting Chinese Scholars to Define the Future Direction of Judicial AI"
    )
    assert title_byline["顾晓松：脑机接口将成未来产业增长新引擎"]["title_en"] == (
        "Gu Xiaosong: Brain-Computer Interfaces Expected to Become a New Engine for Future Industrial Growth"
    )


def test_byline_at_the_end_is_one_line(title_byline):
    """The byline after the body gives the authors; the Latin heading under it is not a name."""
    art = title_byline["陕西：超 4.8 万项科技成果走向市场"]
    assert art["byline"] == "作者：张梅"
    assert art["authors"] == ["张梅"]
    assert title_byline["张钹： 期待中国学者定义司法智能发展方向"]["authors"] == ["清轩"]


def test_bio_across_the_page_under_the_title_is_no_deck(title_byline):
    """A bio printed under the title in another face, across the one column (专家小传：…), is named
    by its label: the article's bio, first in its body, not its deck (main: the deck, body 0.923)."""
    art = title_byline["张钹： 期待中国学者定义司法智能发展方向"]
    assert art["deck_zh"] is None
    first = next(b for b in title_byline[""] if b["article_id"] == art["article_id"])
    assert first["type"] == "bio" and first["text"].startswith("专家小传：张钹")


RAGGED = Path(__file__).parent / "fixtures" / "reportlab" / "reportlab-ragged.pdf"


def test_line_short_of_a_number_that_did_not_fit_ends_no_paragraph(tmp_path):
    """Two pages of an article: ReportLab breaks CJK lines ragged and keeps a number with what
    follows it ("2024年,"), so a line ending a sentence may stop two ems short of the column's edge
    because the year after it did not fit: read as the paragraph's end (main: the two paragraphs
    this happens in cut in two, paragraphs 0.997 on the whole rendition). A line stops its
    paragraph only if the next line's first word would have fitted after it."""
    issue = ingest_file(RAGGED, tmp_path, Rules.load(DEFAULT_RULES))
    root = tmp_path / "jsonl" / issue.meta.issue_id
    texts = [json.loads(x)["text"] for x in (root / "blocks.jsonl").read_text(encoding="utf-8").splitlines()]
    (cut,) = [t for t in texts if t.startswith("南京生物医药谷早在2015年")]
    assert cut.endswith("2024年,江北新区基因与细胞技术被列为全省首批未来产业先行集聚发展试点之一。")
    (cut,) = [t for t in texts if t.startswith("2022 年，南京印发")]
    assert "六大新赛道；2025 年南京市政府工作报告" in cut
    assert not any(t.startswith(("2024年,江北", "2025 年南京市政府")) for t in texts)
