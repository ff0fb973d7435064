"""The sample issue typeset by WeasyPrint in a house style of its own (pipeline/sample/weasy_issue.py;
`make eval` makes and scores the whole rendition). Nine of its pages are committed, in this order:
the first contents page (two columns, dot leaders, page numbers by target-counter), the first page
of a profile round-up with no title of its own (each profile's English title and text in smaller
italic after its Chinese text), an opening whose English title is set in the deck's small grey
sans, the numbered briefs in three columns, a page where a heading stands over a numbered heading,
a three-column page under a running head whose rule WeasyPrint draws as a ring between two
rectangles, the ruled table, the three-line table at a later page's top, and a page where a photo's
caption in the left column stands level with an indented paragraph in the right one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.paragraphs import join_fragments
from pipeline.pdf import pymupdf
from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file

EXTRACT = Path(__file__).parent / "fixtures" / "weasy" / "weasy-extract.pdf"


@pytest.fixture(scope="module")
def extract_rows(tmp_path_factory):
    rules = Rules.load(DEFAULT_RULES)
    out = tmp_path_factory.mktemp("weasy")
    issue = ingest_file(EXTRACT, out, rules)
    root = out / "jsonl" / issue.meta.issue_id

    def rows(table: str) -> list[dict]:
        path = root / f"{table}.jsonl"
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    return rows


def _blocks(rows, page: int) -> list[tuple[str, str]]:
    return [(b["type"], b["text"]) for b in rows("blocks") if b["page"] == page]


def test_border_drawn_as_a_ring_is_a_rule(tmp_path):
    """WeasyPrint (Cairo) paints a CSS border as the ring between two rectangles filled with the
    even-odd rule: a border-bottom is a 0.4 pt ring around the whole box whose other sides have
    no width. Its side is a rule; the box it encloses is no shading (main: a grey rectangle over
    the page's head, read as a figure, which put the first row of the columns under it in a band of
    its own: two columns' lines read as one)."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    shape = page.new_shape()
    shape.draw_rect(pymupdf.Rect(40, 0, 360, 56.3))
    shape.draw_rect(pymupdf.Rect(40, 0, 360, 56.7))
    shape.finish(fill=(0.6, 0.6, 0.6), color=None, even_odd=True)
    shape.commit()
    page.insert_text((40, 80), "正文", fontname="china-s", fontsize=9)
    doc.save(tmp_path / "ring.pdf")
    (raw_page,) = extract(tmp_path / "ring.pdf", Rules.load(DEFAULT_RULES)).pages
    boxes = [tuple(round(v, 1) for v in r.bbox) for r in raw_page.rects]
    assert boxes == [(40.0, 56.3, 360.0, 56.7)]


def test_columns_under_a_ring_drawn_head_rule(extract_rows):
    """Page 6: the first row of three columns, the third holding a photo at its top, right under the
    head rule: each line is read in its column (main: '湖南未来光电技术研究院成' and the right
    column's '称“湘投金天”…' as one line of a band across the page)."""
    texts = [t for _, t in _blocks(extract_rows, 6)]
    assert texts[0].startswith("湖南未来光电技术研究院成立运营，科技创新策源能力不断增强")
    assert not any("研究院成称" in t for t in texts)


def test_pull_quote_between_rules_mid_column(extract_rows):
    """Page 8: a sentence of the article repeated between two rules in the middle of its column is
    a pull quote, the paragraph it cuts one block (main: a framed 'box', the rules' ring read as its
    frame)."""
    blocks = _blocks(extract_rows, 8)
    assert ("pull_quote", "人工智能是全球性的科技革命，需要全球合作共同推动") in blocks
    assert not any(kind == "box" for kind, _ in blocks)
    (para,) = [t for kind, t in blocks if kind == "paragraph" and t.startswith("人工智能是全球性的科技革命")]
    assert "《意见》提出要把人工智能作为" in para


def test_english_title_in_the_decks_face(extract_rows):
    """Page 3: the English title set under the Chinese title and subtitle in the small grey sans the
    decks use, before the byline and the Chinese deck, is the English title, not an English deck
    (main: deck_en held the English title)."""
    (art,) = [a for a in extract_rows("articles") if a["page_start"] == 3]
    assert art["title_en"].startswith("Gather Strength to Plan a New Chapter")
    assert art["deck_en"] is None and art["deck_zh"].startswith("站在新的历史起点上")


def test_numbered_briefs_keep_their_numbers_with_their_headings(extract_rows):
    """Page 4: briefs in three columns, each heading's running number set bigger than its title
    on the same baseline: one heading per brief, numbered as printed, which round-ups read as their
    items (main: the number '1' a heading of its own, an item of its own on the whole rendition)."""
    blocks = _blocks(extract_rows, 4)
    heads = [t for kind, t in blocks if kind == "heading"]
    assert heads == ["1 每秒 10 米！全球首款“Bolt”诞生", "2 研发成功！中国量子科技取得里程碑式进展"]
    assert not any(t.strip().isdigit() for _, t in blocks)


def test_profile_roundup_after_a_contents_page_it_cannot_place(extract_rows):
    """Page 2: a profile round-up with no title of its own right after a contents page whose entries
    the extract cannot place (most of their pages are missing): it is a unit of its own, found by
    its items, each profile's English title and text (printed after its Chinese text) paired with
    it (main: the page swallowed by the contents unit, its lines read as contents entries)."""
    (art,) = [a for a in extract_rows("articles") if a["page_start"] == 2]
    assert art["kind"] == "article" and art["title_zh"] == "周志华：人工智能领域的领军学者"
    items = [it for it in extract_rows("items") if it["article_id"] == art["article_id"]]
    assert [it["title_en"] for it in items[:2]] == [
        "Zhou Zhihua: A Leading Scholar in the Field of Artificial Intelligence",
        "Chen Xiaolong: A Pioneer in the Field of Wide Bandgap Semiconductors",
    ]
    assert items[0]["text_en"].startswith("Zhou Zhihua, an Academician")
    assert not any(e["title_zh"].startswith("周志华，") for e in extract_rows("toc"))


def test_numbered_heading_under_a_heading_that_filled_its_line(extract_rows):
    """Page 5: '中国行动：…标准扩容' fills its column's line and '一、总体情况' stands under it a
    heading's spacing down: two headings (main: one, their text run together)."""
    blocks = _blocks(extract_rows, 5)
    assert ("heading", "中国行动：政策提速、体系成型、标准扩容") in blocks
    assert ("heading", "一、总体情况") in blocks


def test_caption_in_one_column_pushes_no_line_of_the_other(extract_rows):
    """Page 9: a caption under a photo that fills the left column stands level with the right
    column's indented '一是容错率低…': that indent opens a paragraph (main: the line was taken for
    text wrapping around the caption, its indent the wrap's edge, and the paragraph ran on)."""
    texts = [t for _, t in _blocks(extract_rows, 9)]
    assert "张钹院士强调，司法领域的特殊性，决定了司法人工智能对技术提出的一系列严苛要求：" in texts
    assert any(t.startswith("一是容错率低，") for t in texts)


def test_contents_titles_and_their_wraps(extract_rows):
    """Page 1: two second-level entries, the first stopping well short of the column, are two
    entries; a title's last character wrapped onto a line of its own is the title's; a title wrapped
    with its leaders and page number on its last line keeps that page (main: the two entries one,
    '…取得新进' and '展' two, the wrapped title's page lost)."""
    toc = {e["title_zh"]: e for e in extract_rows("toc")}
    assert "每秒 10 米！全球首款“Bolt”诞生" in toc and "研发成功！中国量子科技取得里程碑式进展" in toc
    assert "效率突破 15%！中国新一代太阳能电池研究取得新进展" in toc and "展" not in toc
    assert toc["科促会风光火储分会年会：协同创新筑生态，聚力共绘新蓝图"]["printed_page"] == 18


def test_ruled_table_then_three_line_table(extract_rows):
    """Pages 7 and 8: a table ruled on every side, then one with three rules only (top, under the
    header, bottom) at a later page's top: both read, every cell in place."""
    tables = {t["page"]: t for t in extract_rows("tables")}
    assert tables[7]["header"] == ["发布时间", "省份", "政策名称"] and len(tables[7]["rows"]) == 14
    assert tables[8]["header"] == ["阶段", "早期融资", "中期融资", "后期融资", "IPO", "其他融资"]
    assert tables[8]["rows"][1] == ["占比", "56.6%", "11.8%", "7.8%", "2.3%", "21.6%"]


def test_compound_broken_at_its_hyphen_before_a_capital():
    """'Five-' at a line's end and 'Year' opening the next: hyphenation never breaks before a capital,
    a compound's own hyphen does (main: 'Five- Year')."""
    assert join_fragments("the 15th Five-", "Year Plan period.") == "the 15th Five-Year Plan period."
    assert join_fragments("inno-", "vation") == "innovation"
