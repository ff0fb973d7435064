"""The sample issue typeset by WeasyPrint in a fourth house style (pipeline/sample/weasy_outer.py;
`make eval` makes and scores the whole rendition, row weasy-outer). Three of its pages are
committed (tests/fixtures/weasy/outer-deck.pdf): the end of a profile round-up, then an article
opening whose deck is set in two columns of slanted grey over a body in one column with its
Reading Summary boxed beside it, and that article's next page; the section tab, the journal's
name turned along the outer margin and the folio beside the text's last line stand in a wide
outer margin, nearer the text than the page's edge band. A second extract (outer-quote.pdf, the
rendition's pages 19-20) holds an article whose deck falls in two columns of two lines each, and
a pull quote across the page cutting a paragraph mid-sentence. A third (outer-deck-uneven.pdf, the
rendition's page 17, pictures taken out) holds a deck in two columns whose left column runs a
line longer than its right, over a body in three columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.models import Line
from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file
from pipeline.toc import read_entries

EXTRACT = Path(__file__).parent / "fixtures" / "weasy" / "outer-deck.pdf"
QUOTE_EXTRACT = Path(__file__).parent / "fixtures" / "weasy" / "outer-quote.pdf"
UNEVEN_EXTRACT = Path(__file__).parent / "fixtures" / "weasy" / "outer-deck-uneven.pdf"


def _reader(pdf: Path, out: Path):
    issue = ingest_file(pdf, out, Rules.load(DEFAULT_RULES))
    root = out / "jsonl" / issue.meta.issue_id

    def read(table: str) -> list[dict]:
        path = root / f"{table}.jsonl"
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    return read


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    return _reader(EXTRACT, tmp_path_factory.mktemp("outer"))


@pytest.fixture(scope="module")
def quote_rows(tmp_path_factory):
    return _reader(QUOTE_EXTRACT, tmp_path_factory.mktemp("outer-quote"))


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


def test_deck_column_longer_than_the_one_beside_it(tmp_path):
    """The deck's left column ends a line lower than its right: that last line, alone in its row,
    is still the deck column's (it stands under a line of its measure that is not alone), not a line
    set over the body's columns (main after 8c180f8: no deck, its lines two headings and a
    paragraph in the body, "引领力。坛活动规模大幅提升…")."""
    read = _reader(UNEVEN_EXTRACT, tmp_path)
    (art,) = [a for a in read("articles") if a["kind"] == "article"]
    deck = (art["deck_zh"] or "").replace("\n", "")
    assert deck.startswith("依托科促会引入的优质资源")
    assert deck.endswith("进一步提升科博会的国际影响力和行业引领力。")
    blocks = [b for b in read("blocks") if b["article_id"] == art["article_id"]]
    assert not [b for b in blocks if b["type"] == "heading"]
    assert "引领力" not in "".join(b["text"] for b in blocks)


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


def test_margin_folio_on_a_page_in_small_type(rows):
    """The round-up's last page sets all its text smaller than the body (profiles, their English
    versions), so no line there shows where the text block ends; its folio, standing where the
    left page's folio stands and running with the pages, is furniture all the same (main: "9"
    read as the heading of a seventh profile, which took the sixth's last English lines)."""
    assert "9" in {f["text"] for f in rows("furniture") if f["page"] == 1 and f["kind"] == "folio"}
    assert not any(i["title_zh"] == "9" for i in rows("items"))
    assert not any(b["text"] == "9" for b in rows("blocks"))


def test_body_run_across_the_page_foot_goes_on_over_the_turn(rows):
    """Under the Reading Summary boxed beside it, the body runs across the whole measure for the
    page's last two lines, stopping mid-sentence; its paragraph goes on at the next page's head
    (main: those lines, typed a deck by their width, were a paragraph of their own, cut)."""
    texts = [b["text"] for b in rows("blocks")]
    (cut,) = [t for t in texts if t.startswith("段冰毅会长从六个方面")]
    assert "严守合规底线，保障协会事业行稳致远" in cut.replace(" ", "")
    assert not any(t.startswith("协会事业行稳致远") for t in texts)


def test_pull_quote_in_centred_lines_rejoins_its_paragraph(rows, quote_rows):
    """A pull quote across the page, its lines centred (each in a block of its own, typed a
    heading), or set in one block that its width typed a deck: typed pull_quote, and the paragraph
    it cut is one block again (main: the lines stayed headings, the quote a paragraph; both halves
    of the paragraph stood apart)."""
    blocks = rows("blocks")
    (quote,) = [b for b in blocks if b["type"] == "pull_quote"]
    assert quote["text"].startswith("2025 年，科促会紧扣国家战略需求") and quote["text"].endswith("“成绩单”")
    assert any("二是深化平台赋能与国际化布局，推动科技合作与成果转化" in b["text"] for b in blocks)
    blocks = quote_rows("blocks")
    (quote,) = [b for b in blocks if b["type"] == "pull_quote"]
    assert quote["text"].startswith("此次与中国国际科技促进会开展深度合作") and quote["page"] == 2
    assert any("格里维奇院士深耕矿山机械研究，重点分享了" in b["text"] for b in blocks)


def test_deck_in_two_columns_cut_into_a_heading_and_a_paragraph(quote_rows):
    """A deck of four lines in two columns: the first column's two lines, short and grey, read as
    a heading by their face, the second's as a paragraph. In one face, the first stopping
    mid-sentence, they are one text: the deck (main: no deck, both pieces in the body)."""
    (art,) = [a for a in quote_rows("articles") if a["kind"] == "article"]
    assert art["deck_zh"] == (
        "科促会与俄罗斯国际自然科学院的战略合作，以及本次院士合作项目对接会的成功举办，既是落实两国科技"
        "合作共识的具体行动，也是推动“科技产业化，产业科技化”的生动实践。"
    )
    assert art["body_zh"].startswith("为落实中国国际科技促进会")  # (the deck repeats a sentence of it)


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


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "issue-2026-v2n1.truth.json"


@pytest.mark.skipif(not CORPUS.exists(), reason="needs the corpus key (../shared/corpus)")
def test_english_title_handed_on_takes_its_page_with_it(tmp_path):
    """A short issue of the rendition built from the corpus key (the editorial, the contents, the
    profile round-up, the news article after it): the article's English title, set over its Chinese
    one on its opening page, is first read as the round-up's last lines, then handed on. The
    round-up's pages are where its own text stands, as the producer's page list says, not that
    page too (main: the round-up ran pp. 4-7, over the article's opening; every article of the
    whole rendition whose next one opened on a page of its own was a page too long)."""
    from pipeline.sample.weasy_outer import compile_issue

    key = json.loads(CORPUS.read_text(encoding="utf-8"))
    key["articles"] = [a for a in key["articles"] if a["id"] in {"a04", "a07", "a08", "a09"}]
    titles = {a["title_zh"] for a in key["articles"]}
    key["toc"] = [t for t in key["toc"] if t["title_zh"] in titles]
    pdf, _, pages = compile_issue(key)
    (tmp_path / "short.pdf").write_bytes(pdf)
    read = _reader(tmp_path / "short.pdf", tmp_path / "out")
    arts = {a["title_zh"][:3]: a for a in read("articles") if a["kind"] == "article"}
    roundup, article = arts["周志华"], arts["凝心聚"]
    assert (
        article["title_en"].startswith("Gather Strength") and article["page_start"] == pages["a09"]["start"]
    )
    assert (roundup["page_start"], roundup["page_end"]) == (pages["a08"]["start"], pages["a08"]["end"])


def test_deck_joined_on_its_face_alone_is_warned(quote_rows):
    """The deck's two column pieces, the first typed a heading by its face, are joined on the face
    they share and the sentence the first leaves open: evidence that disagrees with the face's
    role, warned join_doubtful at the piece joined on (main: no warning). The extract's paragraphs
    cut by its column and page ends (one role, the first running to the column's edge) are joined
    silently."""
    doubts = [w for w in quote_rows("warnings") if w["code"] == "join_doubtful"]
    assert len(doubts) == 1 and doubts[0]["page"] == 1 and doubts[0]["x0"] is not None
    assert doubts[0]["message"].startswith("'是落实两国科技合作共识的具体行动")
    blocks = quote_rows("blocks")
    assert len({b["page"] for b in blocks}) == 2  # (text on both pages, joined over the turn)
