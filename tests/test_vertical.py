"""Text running down or up the page (vertical.py, vertical_layout.py, furniture.edge_labels):
thumb tabs, vertical titles (glyph by glyph and in a WMode 1 font), rotated photo credits, on the
fixture vertical-news (pipeline/sample/vertical.py, from news-classic), a Japanese page set
vertically (pdfminer's jo.pdf), and producers whose glyphs must not be taken for stacks."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from conftest import turned_by_rotate

from pipeline.evaluate import evaluate
from pipeline.extract import extract
from pipeline.rules import Rules
from pipeline.run import ingest_file

FIXTURES = Path(__file__).parent / "fixtures"
PDF = FIXTURES / "vertical-news.pdf"
KEY = json.loads(PDF.with_suffix(".truth.json").read_text(encoding="utf-8"))
TITLES = [a["title_zh"] for a in KEY["articles"][1:3]]  # set vertically: glyph by glyph, WMode 1
TAB = KEY["articles"][0]["section_zh"]


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load()


@pytest.fixture(scope="module")
def run(tmp_path_factory, rules):
    out = tmp_path_factory.mktemp("vertical")
    issue = ingest_file(PDF, out, rules)
    return out, issue


def _rows(out: Path, issue, table: str) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_vertical_titles_are_whole_lines_never_inside_the_body_lines_beside_them(rules):
    raw = extract(PDF, rules)
    vertical = {ln.text: ln for p in raw.pages for ln in p.lines if ln.vertical}
    for title in TITLES:
        assert title in vertical, sorted(vertical)
        ln = vertical[title]
        assert ln.y1 - ln.y0 > 10 * (ln.x1 - ln.x0)  # tall and narrow, as printed
    # the body lines beside the titles are read as printed (before, a title's characters were
    # read into them one by one: "参1月28日…", "促文/珂 闻")
    for number in (3, 5):
        page = next(p for p in raw.pages if p.number == number)
        assert not [ln.text for ln in page.lines if not ln.vertical and ln.x0 < 53]
    page3 = {ln.text for ln in raw.pages[2].lines}
    assert "1月28日，第二十八届中国北京国际科技产业博览" in page3 and "文/珂 闻" in page3


def test_rotated_tabs_and_edge_labels_are_furniture_on_every_page(run):
    out, issue = run
    furniture = _rows(out, issue, "furniture")
    pages = {p.number for p in issue.layout.raw.pages}
    tabs = {r["page"] for r in furniture if r["text"] == TAB and r["x0"] > 0.9 * 595}
    tabs |= {r["page"] for r in furniture if r["text"] == TAB and r["x1"] < 0.1 * 595}
    assert tabs == pages
    edge = [
        r for r in furniture if r["text"].startswith(KEY["issue"]["journal_zh"]) and r["y1"] - r["y0"] > 50
    ]
    assert {r["page"] for r in edge} == pages
    body = "".join(r["text"] for r in _rows(out, issue, "blocks"))
    assert "2026年第2卷第1期" not in body


def test_rotated_credits_are_captions_of_their_photos(run):
    out, issue = run
    captions = {(r["page"], r["text"]) for r in _rows(out, issue, "captions")}
    assert (3, "摄影：李明") in captions and (4, "摄影：王军") in captions
    body = "".join(r["text"] for r in _rows(out, issue, "blocks"))
    assert "摄影" not in body


def test_vertical_titles_open_their_articles_and_are_warned_where_they_stand(run):
    out, issue = run
    score = evaluate(out, PDF.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["article_recall"] == 1.0 and score["article_precision"] == 1.0
    assert score["paragraph_integrity_article"] == 1.0 and score["leakage"] == 0.0
    titles = [r["title_zh"] for r in _rows(out, issue, "articles")]
    assert all(t in titles for t in TITLES)
    warned = {w.message.split(": ", 1)[1]: w for w in issue.warnings if w.code == "vertical_text"}
    assert sorted(warned) == sorted(TITLES)
    assert all(w.page in (3, 5) and w.bbox is not None for w in warned.values())


def test_every_character_of_the_vertical_text_is_in_one_row(run):
    """Each line running down or up the page is in exactly one output row of its page (furniture,
    a caption, an article's title); nothing of it in the residue."""
    out, issue = run
    c = issue.conservation
    assert c.chars == c.claimed + c.residue + sum(c.unaccounted.values())
    assert {r.text for r in issue.residue} == {"Reading Summary"}  # the summaries' heading labels
    rows = [r for t in ("furniture", "captions", "blocks") for r in _rows(out, issue, t)]
    titles = [r["title_zh"] for r in _rows(out, issue, "articles")]
    turned = [ln for p in issue.layout.raw.pages for ln in p.lines if ln.vertical]
    assert len(turned) == 6 * 2 + 2 + 2  # a tab and an edge label a page, two titles, two credits
    for ln in turned:
        inside = [
            r
            for r in rows
            if r["page"] == ln.page
            and ln.text in r["text"]
            and r["x0"] - 1 <= ln.x0
            and r["y0"] - 1 <= ln.y0
            and ln.x1 <= r["x1"] + 1
            and ln.y1 <= r["y1"] + 1
        ]
        assert len(inside) + titles.count(ln.text) == 1, (ln.page, ln.text, inside)


def test_vertical_fixture_read_with_pages_turned_by_rotate(tmp_path, rules):
    """The same pages drawn sideways and turned upright by /Rotate: the tabs, titles and credits
    still run down or up the page as displayed, and are read the same."""
    issue = ingest_file(turned_by_rotate(PDF, tmp_path / "rotated.pdf"), tmp_path / "out", rules)
    score = evaluate(tmp_path / "out", PDF.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["article_recall"] == 1.0 and score["caption_recall"] == 1.0, score
    assert score["leakage"] == 0.0 and score["paragraph_integrity_article"] == 1.0


def test_a_japanese_page_set_vertically_reads_in_column_order(tmp_path, rules):
    """pdfminer's jo.pdf: a poem set vertically (columns right to left, in two tiers). Read before
    as horizontal lines across the columns, one character of each."""
    pdf = FIXTURES / "odd-pdfs" / "pdfminer-jo.pdf"
    issue = ingest_file(pdf, tmp_path / "out", rules)
    text = "".join(b.text for u in issue.articles for b in u.blocks)
    first, second, later = (
        "わたくしといふ現象は假定された有機交流電燈の",
        "ひとつの青い照明です",
        "大正十三年一月廿日",
    )
    assert first in text and second in text and later in text
    assert text.index(first) < text.index(second) < text.index(later)


@pytest.mark.parametrize("name", ["scattered-office", "news-classic", "latex-columns"])
def test_horizontal_text_set_glyph_by_glyph_is_no_stack(rules, name):
    """A page set one glyph at a time (scattered-office: every glyph its own text object, in
    random order) has columns of glyphs one under another: text read across, never a stack."""
    raw = extract(FIXTURES / f"{name}.pdf", rules)
    assert not [ln.text for p in raw.pages for ln in p.lines if ln.vertical]


BROWSER = FIXTURES / "vertical-browser.pdf"


def test_a_browsers_vertical_title_in_two_columns_reads_whole(rules):
    """Chromium sets `writing-mode: vertical-rl` glyph by glyph (each a horizontal glyph under the
    one before) and a title too long for its height in two or three columns, right to left: one
    line, in reading order, the last column's few characters after the others'."""
    key = json.loads(BROWSER.with_suffix(".truth.json").read_text(encoding="utf-8"))
    raw = extract(BROWSER, rules)
    vertical = [ln for p in raw.pages for ln in p.lines if ln.vertical]
    titles = [a["title_zh"] for a in key["articles"]]
    for title in titles:
        (line,) = [ln for ln in vertical if ln.text.replace(" ", "") == title.replace(" ", "")]
        assert line.x1 - line.x0 > 1.8 * line.size  # two columns or more
    # no character of a title is left as a line of its own
    assert not [ln.text for p in raw.pages for ln in p.lines if not ln.vertical and ln.size > 15]


def test_a_browsers_tab_and_credits(tmp_path, rules):
    """The section's name in a page margin box set vertically (a thumb tab on every page) is
    furniture; each photo's credit, turned along its side, is a caption of its own."""
    key = json.loads(BROWSER.with_suffix(".truth.json").read_text(encoding="utf-8"))
    issue = ingest_file(BROWSER, tmp_path / "out", rules)
    section = key["articles"][0]["section_zh"]
    pages = {p.number for p in issue.layout.raw.pages}
    tabs = {p.number for p in issue.layout.pages for ln in p.furniture if ln.vertical and ln.text == section}
    assert tabs == pages
    credits = [c for a in issue.articles for c in a.captions if c.text.startswith("摄影")]
    assert len(credits) == sum(c.startswith("摄影") for a in key["articles"] for c in a["captions"]) == 6
    score = evaluate(tmp_path / "out", BROWSER.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["article_recall"] == 1.0 and score["caption_recall"] == 1.0 and score["leakage"] == 0.0


def test_vertical_presentation_forms_read_as_the_marks_they_stand_for(tmp_path, rules):
    """Punctuation a vertical setting draws in its presentation forms (︽ ︾ ︐ ︒, as a -V CMap
    font gives them) is read as the marks a reader reads: 《科技》，创新。"""
    from pipeline.sample.vertical import _title_wmode

    pdf = tmp_path / "forms.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((100, 100), "正文一行横排文字。", fontname="china-s", fontsize=10)
        _title_wmode(doc, page, "︽科技︾︐创新︒", (300, 100, 400, 120), 20, (0, 0, 0))
        doc.save(pdf)
    lines = extract(pdf, rules).pages[0].lines
    assert [(ln.vertical, ln.text) for ln in lines] == [
        (False, "正文一行横排文字。"),
        (True, "《科技》，创新。"),
    ]


def test_vertical_text_drawn_twice_is_read_once(tmp_path, rules):
    """A vertical title stacked glyph by glyph and a rotated credit, each drawn twice 0.4 pt apart
    (a faked bold): one line each, every character once, the copies kept with the line for the
    count (overprint.py's cause in vertical setting)."""
    pdf = tmp_path / "twice.pdf"
    title, credit = "科技赋能启新程", "摄影：李明"
    with pymupdf.open() as doc:
        page = doc.new_page()
        for k in range(12):
            page.insert_text(
                (100, 100 + 17 * k), "正文横排文字一行，共计二十个字的段落。", fontname="china-s", fontsize=10
            )
        for dx in (0.0, 0.4):
            for k, ch in enumerate(title):
                page.insert_text((70 + dx, 100 + 22 * k), ch, fontname="china-s", fontsize=20)
            page.insert_text((320 + dx, 300), credit, fontname="china-s", fontsize=7, rotate=90)
        doc.save(pdf)
    lines = extract(pdf, rules).pages[0].lines
    turned = {ln.text: ln for ln in lines if ln.vertical}
    assert sorted(turned) == sorted([title, credit])
    assert turned[title].overprint == title and turned[credit].overprint == credit
    assert all(ln.text == "正文横排文字一行，共计二十个字的段落。" for ln in lines if not ln.vertical)


def test_first_glyphs_of_lines_running_on_are_no_stack():
    """Three lines of a column each opening with one ideograph in a span of its own (a font
    change right after it: 义\\email地址…, as LaTeX's CJK spacing sets it), a line's pitch apart: the
    glyphs are read across with their lines, whose next glyph stands an em off, not down as a
    vertical label (wild-dev aas-template read 义要用 as vertical text, then as its byline,
    because the line's long span was measured from its middle)."""
    from pipeline.vertical import _stacks

    def span(text, x, base, size=9.0):
        w = size * len(text)
        chars = [{"c": c, "origin": (x + i * size, base)} for i, c in enumerate(text)]
        return {
            "size": size,
            "origin": (x, base),
            "bbox": (x, base - size, x + w, base + 2),
            "chars": chars,
            "text": text,
        }

    spans = []
    for k, (first, rest) in enumerate(
        [
            ("义", "地址用来定义中文摘要用来"),
            ("要", "定义中文关键词同样用来"),
            ("用", "定义英文作者用来定义英"),
        ]
    ):
        base = 100 + k * 13.0
        spans += [span(first, 300, base), span(rest, 309.5, base)]
    assert _stacks(spans) == []
