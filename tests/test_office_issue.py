"""The sample issue written as a flat ODF document and exported by LibreOffice Writer in an
association bulletin's house style (pipeline/sample/office_issue.py; `make eval` makes and scores the
whole rendition when soffice is there, row office-issue). One extract is committed
(tests/fixtures/office/office-extract.pdf, `--extract ... --pages 8-13,66-67,76,89-90`): the contents' two
pages (each title, a dotted tab leader running up to its page number), the profile round-up after
them (each profile's name-and-role heading on a tint of its own, the first the contents entry), an
article whose pull quote between two rules is centred over three lines, and the back-cover advert
whose slogan, set large, ends in 。"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file

EXTRACT = Path(__file__).parent / "fixtures" / "office" / "office-extract.pdf"


@pytest.fixture(scope="module")
def read(tmp_path_factory):
    out = tmp_path_factory.mktemp("office-extract")
    issue = ingest_file(EXTRACT, out, Rules.load(DEFAULT_RULES))
    root = out / "jsonl" / issue.meta.issue_id

    def rows(table: str) -> list[dict]:
        path = root / f"{table}.jsonl"
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    return rows


def test_contents_entries_through_tab_leaders(read):
    """A word processor's dotted tab leader runs right up to the page number ('标题.....7'): the
    pages are contents pages and their entries keep their pages (main: a line ending in '.7' was
    read as no page number, the contents typed an article at 0.3 and no entry read)."""
    (toc,) = [a for a in read("articles") if a["kind"] == "toc"]
    assert toc["page_start"] == 1
    entries = {e["title_zh"].replace(" ", ""): e for e in read("toc") if e["printed_page"] is not None}
    assert len(entries) >= 20
    assert entries["以中国创新与世界共振"]["printed_page"] == 1
    assert entries["周志华：人工智能领域的领军学者"]["printed_page"] == 7
    assert entries["凝心聚力谋新篇科技赋能启新程"]["page"] == 5


def test_pull_quote_over_three_centred_lines(read):
    """The quote's lines come out as two blocks (its short last line centred under the others), set
    with a word processor's leading of the font's line height (more than an em between lines): one
    quote, and the paragraph it cuts one block again (main: two quotes, the paragraph in two)."""
    blocks = [b for b in read("blocks") if b["page"] == 6]
    quotes = [b for b in blocks if b["type"] == "pull_quote"]
    assert len(quotes) == 1 and quotes[0]["text"].replace(" ", "").endswith("一份亮眼的“成绩单”")
    (cut,) = [b for b in blocks if b["text"].startswith("展望 2026 年")]
    assert "二是深化平台赋能与国际化布局，推动科技合作与成果转化" in cut["text"].replace(" ", "")


def test_advert_slogan_is_its_text(read):
    """The advert's slogan, set large and ending in 。, is no opening; in a unit that is not an
    article it is the unit's own text, not a pull quote repeating an article's (main: typed
    pull_quote, so the advert held none of its words)."""
    (ad,) = [a for a in read("articles") if a["kind"] == "advertisement"]
    blocks = [b for b in read("blocks") if b["article_id"] == ad["article_id"]]
    assert not [b for b in blocks if b["type"] == "pull_quote"]
    assert any("中国智造，以智慧赋能产业" in b["text"] and b["type"] == "paragraph" for b in blocks)


def test_pull_quote_of_one_line_blocks(read):
    """A quote centred over two lines, each its own block (neither has two lines to show the quote's
    leading): its lines stand as far apart as the body's lines do, in ems of their type, so they are
    one quote (main: two pull quotes, the leading more than an em)."""
    quotes = [b for b in read("blocks") if b["page"] == 7 and b["type"] == "pull_quote"]
    assert len(quotes) == 1
    assert (
        quotes[0]["text"].replace(" ", "")
        == "我们注册为子公司，在管理上相对独立，与手机团队的协同非常困难，经常出现扯皮"
    )


def test_profile_headings_on_tints(read):
    """Each profile's heading is set on a tint of its own (a paragraph's background): the tint is the
    line's shading, not a box, so the heading stays in the column's flow (main: the six headings of
    two pages were read as one box block, the round-up found nowhere and swallowed by the contents
    unit)."""
    arts = [a for a in read("articles") if a["kind"] == "article"]
    profiles = next(a for a in arts if a["title_zh"] == "周志华：人工智能领域的领军学者")
    assert profiles["page_start"] == 3
    items = [i for i in read("items") if i["article_id"] == profiles["article_id"]]
    titles = [i["title_zh"] for i in items]
    for name in ("周志华", "陈小龙", "李德仁", "胡海岚", "李德毅", "钱旭红"):
        assert sum(t.startswith(name) for t in titles) == 1, titles
    assert all(len(t) < 25 for t in titles)  # no heading run into the next one
    english = {i["title_zh"][:3]: i["text_en"] or "" for i in items}
    assert english["周志华"].startswith("Zhou Zhihua, an Academician")
    assert english["钱旭红"].startswith("Qian Xuhong")
