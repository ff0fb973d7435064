"""The sample issue typeset by WeasyPrint in a fourth house style (pipeline/sample/weasy_outer.py;
`make eval` makes and scores the whole rendition, row weasy-outer). Three of its pages are
committed (tests/fixtures/weasy/outer-deck.pdf): the end of a profile round-up, then an article
opening whose deck is set in two columns of slanted grey over a body in one column with its
Reading Summary boxed beside it, and that article's next page; the section tab, the journal's
name turned along the outer margin and the folio beside the text's last line stand in a wide
outer margin, nearer the text than the page's edge band."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.models import Line
from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file
from pipeline.toc import read_entries

EXTRACT = Path(__file__).parent / "fixtures" / "weasy" / "outer-deck.pdf"


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    out = tmp_path_factory.mktemp("outer")
    issue = ingest_file(EXTRACT, out, Rules.load(DEFAULT_RULES))
    root = out / "jsonl" / issue.meta.issue_id

    def read(table: str) -> list[dict]:
        path = root / f"{table}.jsonl"
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    return read


def test_deck_in_two_columns_over_one_column_body(rows):
    """Each deck column read down before the next (main: each deck line read across the gutter
    into the line beside it, "以此次大会为 高水平科技…", the deck lost into the body)."""
    (art,) = [a for a in rows("articles") if a["kind"] == "article"]
    assert art["title_zh"] == "凝心聚力谋新篇 科技赋能启新程"
    assert art["deck_zh"].startswith("站在新的历史起点上，科促会将以此次大会为契机，坚守办会宗旨")
    assert "高水平科技自立自强、建设科技强国贡献新的更大力量。" in art["deck_zh"].replace("\n", "")
    body = "".join(b["text"] for b in rows("blocks") if b["article_id"] == art["article_id"])
    assert "站在新的历史起点上" not in body
    assert art["section_zh"] == "科促会动态"  # from the tab in the margin only


def test_outer_margin_furniture(rows):
    """The turned running head and section tab in the outer margin, and the folio beside the
    text's last line, are furniture on both a right and a left page (main: the running head
    and tab read as headings of their own, the left page's folio as the left column's first
    line, which made every line of that column a paragraph)."""
    furniture = rows("furniture")
    for page, folio in ((2, "10"), (3, "11")):
        texts = {f["text"] for f in furniture if f["page"] == page}
        assert {"国际科技促进 2026年第1期", "科促会动态", folio} <= texts
    texts = [b["text"] for b in rows("blocks")]
    assert not any(t in ("10", "11", "科促会动态") or "2026年第1期" in t for t in texts)


def _line(y: float, text: str, x: float = 77.0, size: float = 9.2) -> Line:
    return Line(1, text, (x, y, x + 12 * len(text), y + size * 1.3), size, "Noto-Sans-CJK-SC", False, 0)


def test_contents_page_numbers_before_titles():
    """A contents page printing each page number before its title, in bigger type read into the
    title's line ("12 标题"): the numbers rise with the entries and are their pages; a level-2
    title that begins with a number after them ("1 纳米！…") keeps it (main: no entry had a page)."""
    lines = [
        _line(100, "1 以中国创新与世界共振"),
        _line(130, "7 周志华：人工智能领域的领军学者"),
        _line(160, "10 凝心聚力谋新篇 科技赋能启新程"),
        _line(190, "21 中国科创：前沿突破，赋能世界"),
        _line(220, "每秒 10 米！全球首款“Bolt”诞生", x=90, size=8.2),
        _line(240, "1 纳米！功耗最低！北大团队实现芯片突破", x=90, size=8.2),
    ]
    entries = read_entries(lines, Rules.load(DEFAULT_RULES))
    assert [(e.title_zh, e.page) for e in entries[:4]] == [
        ("以中国创新与世界共振", 1),
        ("周志华：人工智能领域的领军学者", 7),
        ("凝心聚力谋新篇 科技赋能启新程", 10),
        ("中国科创：前沿突破，赋能世界", 21),
    ]
    assert entries[-1].title_zh == "1 纳米！功耗最低！北大团队实现芯片突破" and entries[-1].page is None
