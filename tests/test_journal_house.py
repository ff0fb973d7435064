"""A journal house style by MuPDF's Story engine (pipeline/sample/journal_house.py): the front
matter across the page, the body in two columns, headings on three numbered levels in the body's
face, references with hanging indents, the English front matter after the references, bilingual
captions, first-page footnotes. Each test names the cause it holds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.rules import Rules
from pipeline.run import ingest_file

FIXTURES = Path(__file__).parent / "fixtures"
STYLES = ("bracket", "dotted", "flush", "runin")


@pytest.fixture(scope="module")
def house(tmp_path_factory):
    out = {}
    for style in STYLES:
        pdf = FIXTURES / f"journal-house-{style}.pdf"
        d = tmp_path_factory.mktemp(style)
        issue = ingest_file(pdf, d, Rules.load())
        key = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
        out[style] = (d, issue, key, evaluate(d, pdf.with_suffix(".truth.json"), issue.meta.issue_id))
    return out


def _rows(d: Path, issue_id: str, table: str) -> list[dict]:
    path = d / "jsonl" / issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("style", STYLES[:3])
def test_numbered_headings_in_the_body_face_are_headings(house, style):
    """'2.2　泡沫形成的核心逻辑' under a paragraph whose last line filled the column (no space above
    it, the body's face and size) was read into that paragraph; '3.4　传统行业具备…的' wrapped onto
    a second line was typed paragraph. Every heading of the key, on all three levels, is one heading
    block now."""
    d, issue, key, score = house[style]
    headings = ["".join(b["text"].split()) for b in key["articles"][0]["blocks"] if b["type"] == "heading"]
    assert any(h.count(".") == 2 for h in headings) and any("场景化的不可复制价值" in h for h in headings)
    got = {
        "".join(b["text"].split()) for b in _rows(d, issue.meta.issue_id, "blocks") if b["type"] == "heading"
    }
    assert all(h in got for h in headings), [h for h in headings if h not in got]
    assert score["block_type_acc"] == 1.0 and score["paragraph_integrity_article"] == 1.0


def test_reference_broken_before_a_long_word_is_one_entry(house):
    """'8. 夏毅鸣. …创业邦.' stops well short of the column's edge because the DOI after it did not
    fit; its second line hangs under the text. The entry numbered '8.' (not [8]) is one reference."""
    d, issue, key, _ = house["dotted"]
    refs = _rows(d, issue.meta.issue_id, "references")
    keyed = [b["text"] for b in key["articles"][0]["blocks"] if b["type"] == "reference"]
    assert [r["number"] for r in refs] == list(range(1, len(keyed) + 1))
    assert any(r["ref_text"].endswith("CYBA.0.2017-09-015.") and r["ref_text"].startswith("8.") for r in refs)


@pytest.mark.parametrize("style", STYLES)
def test_first_page_footnotes_are_fields(house, style):
    """收稿日期, 基金项目, 作者简介, 通信作者 and DOI at the foot of the first page (the left column's
    foot in the bracket style, across the page in the dotted one, the right column's foot with no
    rule in the flush one) are the article's fields, none of
    them body text; their labels are residue rows of reason label, nothing unaccounted."""
    d, issue, _, score = house[style]
    art = _rows(d, issue.meta.issue_id, "articles")[0]
    assert art["received"] and art["corresponding"] and art["doi"].startswith("10.13579/")
    assert art["funding"] == [
        "国家自然科学基金资助项目（72173021）；上海市哲学社会科学规划课题（2025BJB017）"
    ]
    assert art["author_bios"] and art["author_bios"][0].startswith("郑华林（1975—）")
    body = art["body_zh"]
    assert "收稿日期" not in body and "基金项目" not in body and "通信作者" not in body
    assert score["text_unaccounted_share"] == 0.0


@pytest.mark.parametrize("style", STYLES)
def test_every_reference_entry_is_a_row(house, style):
    """The list under 参考文献, or under 参考文献（References） with its translation in brackets (the
    flush style: no references table was written at all), entries numbered [1] or 1., wrapped
    under a hanging indent or flush with the column's edge: one references row per entry."""
    d, issue, key, _ = house[style]
    keyed = [b["text"] for b in key["articles"][0]["blocks"] if b["type"] == "reference"]
    refs = _rows(d, issue.meta.issue_id, "references")
    assert ["".join(r["ref_text"].split()) for r in refs] == ["".join(k.split()) for k in keyed]


def test_bracketed_labels_mid_line(house):
    """【关键词】 after the abstract's last sentence in one block, 【文献标识码】 and 【文章编号】 mid-line
    after 【中图分类号】: each label in its own brackets is a label wherever it stands."""
    d, issue, key, score = house["bracket"]
    art = _rows(d, issue.meta.issue_id, "articles")[0]
    assert art["keywords_zh"] == key["articles"][0]["keywords_zh"]
    assert (art["clc"], art["doc_code"]) == ("F062.9", "A") and art["article_no"].startswith("1672-0000")
    assert score["abstract_zh_acc"] == 1.0


@pytest.mark.parametrize("style", STYLES)
def test_english_front_matter_after_the_references(house, style):
    """The English title (four centred bold lines, the last two capitalised words), names,
    affiliations and 'Abstract:' (flush: Abstract on a line of its own) after the references in a
    column: the title is the article's whole
    (not read as names), the affiliations' last line is not the abstract's, the abstract is its
    summary, the table's 'Tab. 1' caption no English in the body (confidence sure)."""
    d, issue, key, score = house[style]
    art = _rows(d, issue.meta.issue_id, "articles")[0]
    assert art["title_en"] == key["articles"][0]["title_en"]
    assert score["summary_recall"] == 1.0 and score["summary_text_similarity"] == 1.0
    assert art["keywords_en"][0] == "AI bubble" and art["confidence"] >= 0.8


def test_headings_run_into_their_paragraph_are_cut_off(house):
    """runin sets the lower headings at the start of their paragraph: bold figures and a full-width
    space, bold figures in the house colour with no space (the colour ends the heading), or the
    body's face and a full-width space, some wrapped onto a second line. Main read each as a
    paragraph opening with a number (or a heading holding the paragraph's first words): paragraphs
    0.729. Each is a heading block of its own now and its paragraph whole (a heading in colour whose
    line holds the paragraph's first character too)."""
    d, issue, key, score = house["runin"]
    blocks = [(b["type"], "".join(b["text"].split())) for b in _rows(d, issue.meta.issue_id, "blocks")]
    keyed = [(b["type"], "".join(b["text"].split())) for b in key["articles"][0]["blocks"]]
    numbers = {"2.2.1", "2.2.2", "2.2.3", "3.1", "3.2", "3.4"}
    run_in = [t for ty, t in keyed if ty == "heading" and re.match(r"[\d.]*", t).group() in numbers]
    assert len(run_in) == 6  # 2.2.1-2.2.3, 3.1, 3.2, 3.4
    assert all(("heading", h) in blocks for h in run_in), [h for h in run_in if ("heading", h) not in blocks]
    after = [keyed[keyed.index(("heading", h)) + 1] for h in run_in]
    assert all(p in blocks for p in after)
    assert score["paragraph_integrity_article"] == 1.0 and score["block_type_acc"] == 1.0


def test_decimal_opening_a_line_after_a_sentence_is_no_heading(house):
    """runin prints paragraphs whose second line opens with a decimal after a sentence that filled
    the first ("……之中。" / "2.2 万亿元的新增投资…", "0.8 左右的相关系数…"): main cut each paragraph
    there. A number a unit follows is no heading's (rules' heading_number_units); 0.8 follows no
    heading before it (2.1) and none after it follows it: one paragraph, warned where it stands."""
    d, issue, key, _ = house["runin"]
    texts = ["".join(b["text"].split()) for b in _rows(d, issue.meta.issue_id, "blocks")]
    decimals = [
        "".join(b["text"].split())
        for b in key["articles"][0]["blocks"]
        if "。2.2万" in "".join(b["text"].split()) or "。0.8左右" in "".join(b["text"].split())
    ]
    assert len(decimals) == 2 and all(t in texts for t in decimals)
    warned = [w for w in issue.warnings if w.code == "heading_number_doubtful"]
    assert len(warned) == 1 and "0.8" in warned[0].message and warned[0].page and warned[0].bbox


def test_heading_numbers_follow_each_other():
    """A heading's number follows the one before it (the next at a level, or one level down, a
    missed heading allowed); a number a unit follows is no heading's."""
    from pipeline.numbered_headings import fits

    assert fits((2, 3), (2, 4)) and fits((2, 3), (3,)) and fits((2, 1), (2, 1, 1)) and fits(None, (5, 2))
    assert fits((2, 1), (2, 2, 1)) and not fits((2, 1), (2, 5)) and not fits((2, 1), (0, 8))
    assert fits((3, 2), (3, 4), missed=True) and not fits((3, 2), (3, 4))
    h = Rules.load().heading_number_re
    assert h.match("2.1 模型训练") and not h.match("2.5 万亿元的投资") and not h.match("3.2 GHz 的主频")


def _blk(role, text, y, x1=280.0, open_end=False):
    from pipeline.models import Block, Line, Piece, Role

    ln = Line(2, text, (50.0, y, x1, y + 10), 10.0, "SimSun", False, 0)
    return Block(Role(role), text, [ln], [Piece(2, ln.bbox)], size=10.0, open_end=open_end)


def test_unit_word_heading_kept_by_the_numbers_around_it():
    """A heading line in the body's face opening with a unit word ("2.2 万物互联…") is typed a
    heading by its shape (paragraphs) and kept where the heading numbers agree: silently with 2.1
    before it and 2.3 after it, warned when only one of them agrees, read as text (joined to the
    open paragraph before it) when neither does; the same line in bold is kept by its face."""
    from dataclasses import replace

    from pipeline.numbered_headings import numbered_headings

    rules = Rules.load()
    para = "据多家研究机构测算，全球人工智能领域的资本开支仍在快速增长之中，增速逐年提高"

    def run(before, after, head="2.2 万物互联下泡沫形成的核心逻辑", bold=False):
        h = _blk("heading", head, 120.0, x1=200.0)
        h = replace(h, bold=bold)
        blocks = [_blk("heading", before, 60.0), _blk("paragraph", para, 80.0, open_end=True), h]
        blocks += [_blk("paragraph", para + "。", 140.0), _blk("heading", after, 160.0)]
        out, found = numbered_headings(blocks, rules)
        # the warnings about the line under test
        return [b.role.value for b in out], [code.value for code, msg, *_ in found if msg.startswith("'2.2")]

    assert run("2.1 全球表现", "2.3 泡沫破裂的风险") == (
        ["heading", "paragraph", "heading", "paragraph", "heading"],
        [],
    )
    roles, warned = run("2.1 全球表现", "2.9 泡沫破裂的风险")
    assert roles[2] == "heading" and warned == ["heading_number_doubtful"]
    roles, warned = run("1.4 全球表现", "2.3 泡沫破裂的风险")
    assert roles[2] == "heading" and warned == ["heading_number_doubtful"]
    roles, warned = run("4.1 全球表现", "4.2 泡沫破裂的风险")
    assert roles == ["heading", "paragraph", "paragraph", "heading"] and warned == ["heading_number_doubtful"]
    roles, warned = run("4.1 全球表现", "4.2 泡沫破裂的风险", bold=True)
    assert roles[2] == "heading" and warned == ["heading_number_doubtful"]  # kept by its face, warned
    assert not Rules.load().heading_number_doubt("2.5 万亿元的新增投资")  # a measure word: a quantity


def test_unit_word_headings_in_the_body_face_are_headings(tmp_path):
    """journal-house-unitword sets four headings in the body's face whose words open with a unit
    word after the number (2.2　万物互联…, 2.2.2　万众追捧…, 2.3　倍速扩张…, 3.3　万无一失：…; one
    at a column's foot, the next heading at the next column's top). Main refused each as a quantity
    (heading_number_units) and read it into the paragraph before it, the next heading with it
    (paragraphs 0.947, block types 0.926). Each is a heading block now, none warned: the numbers
    around each agree."""
    pdf = FIXTURES / "journal-house-unitword.pdf"
    issue = ingest_file(pdf, tmp_path, Rules.load())
    score = evaluate(tmp_path, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
    key = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    unit_heads = [
        "".join(b["text"].split())
        for b in key["articles"][0]["blocks"]
        if b["type"] == "heading" and Rules.load().heading_number_doubt(b["text"])
    ]
    assert len(unit_heads) == 4
    got = {
        "".join(b["text"].split())
        for b in _rows(tmp_path, issue.meta.issue_id, "blocks")
        if b["type"] == "heading"
    }
    assert all(h in got for h in unit_heads)
    assert score["paragraph_integrity_article"] == 1.0 and score["block_type_acc"] == 1.0
    assert not [w for w in issue.warnings if w.code == "heading_number_doubtful"]


def test_run_in_heading_whose_space_fell_at_the_line_end(tmp_path):
    """journal-house-runin-plain runs every lower heading into its paragraph in the body's face
    with a full-width space; '3.3　传统行业是产业链供应链安全的底线' fills its line, its space at
    the line's end (the text keeps none; the text layer has its glyph after the line's last
    character: Line.end_space). Main read heading and paragraph as one paragraph, and 3.4 after it
    too (its number followed no heading: paragraphs 0.930). Both are headings now, their
    paragraphs whole, nothing warned."""
    pdf = FIXTURES / "journal-house-runin-plain.pdf"
    issue = ingest_file(pdf, tmp_path, Rules.load())
    score = evaluate(tmp_path, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
    blocks = [(b["type"], "".join(b["text"].split())) for b in _rows(tmp_path, issue.meta.issue_id, "blocks")]
    assert ("heading", "3.3传统行业是产业链供应链安全的底线") in blocks
    assert any(t == "paragraph" and x.startswith("传统行业覆盖从原材料") for t, x in blocks)
    assert score["paragraph_integrity_article"] == 1.0 and score["block_type_acc"] == 1.0
    assert not [w for w in issue.warnings if w.code == "heading_number_doubtful"]


def test_run_in_heading_whose_space_has_no_glyph_cut_where_its_line_stops(tmp_path, monkeypatch):
    """journal-house-runin-unspaced: runin-plain with no glyph for the full-width space falling at
    3.3's line end (an engine that draws none there): the line's text stops at '底线', no
    Line.end_space, and only its stopping an em short of the full line under it says a space stood
    there. That geometry decides: the heading is cut off and its paragraph whole (paragraphs and
    block types 1.000, nothing warned); with the em-short evidence taken away (END_GAP_MAX 0) the
    same PDF reads heading and paragraph as one paragraph and 3.4 after it as text, as main read
    runin-plain before Line.end_space (paragraphs 0.930)."""
    import pipeline.numbered_headings as nh

    pdf = FIXTURES / "journal-house-runin-unspaced.pdf"
    head = ("heading", "3.3传统行业是产业链供应链安全的底线")

    def read(out):
        issue = ingest_file(pdf, out, Rules.load())
        score = evaluate(out, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
        blocks = [(b["type"], "".join(b["text"].split())) for b in _rows(out, issue.meta.issue_id, "blocks")]
        return issue, score, blocks

    issue, score, blocks = read(tmp_path / "geometry")
    assert not any(ln.end_space for p in issue.layout.pages for b in p.blocks for ln in b.lines)
    assert head in blocks
    assert any(t == "paragraph" and x.startswith("传统行业覆盖从原材料") for t, x in blocks)
    assert score["paragraph_integrity"] == 1.0 and score["block_type_acc"] == 1.0
    assert not [w for w in issue.warnings if w.code == "heading_number_doubtful"]
    monkeypatch.setattr(nh, "END_GAP_MAX", 0.0)
    _, score, blocks = read(tmp_path / "without")
    assert head not in blocks and score["paragraph_integrity"] < 1.0


def test_run_in_heading_cut_at_a_line_end_by_where_the_line_stops():
    """With no glyph for the space at the line's end (Line.end_space unset), the heading's line
    stops about an em short of the full line under it: cut there where the number follows the
    heading before it. A first line running to the column's edge, or stopping far short (a line
    that ends its paragraph), or a number that follows no heading, is no heading cut there."""
    from pipeline.models import Block, Line, Piece, Role
    from pipeline.numbered_headings import numbered_headings

    rules = Rules.load()

    def line(text, y, x1):
        return Line(2, text, (50.0, y, x1, y + 10), 10.0, "SimSun", False, 0)

    def run(first_x1, number="3.3", before="3.2 传统行业是就业承载的主体"):
        lines = [
            line(f"{number} 传统行业是产业链供应链安全的底线", 100.0, first_x1),
            line("传统行业覆盖从原材料、零部件、生产制造到物", 114.0, 280.0),
            line("流销售的完整链条，是工业体系与供应链安全的", 128.0, 280.0),
            line("核心依托。", 142.0, 100.0),
        ]
        para = Block(
            Role.PARAGRAPH, "".join(x.text for x in lines), lines, [Piece(2, (50, 100, 280, 152))], size=10.0
        )
        head = Block(
            Role.HEADING, before, [line(before, 80.0, 200.0)], [Piece(2, (50, 80, 200, 90))], size=10.0
        )
        out, _ = numbered_headings([head, para], rules)
        return [(b.role.value, b.text[:6]) for b in out]

    cut = [("heading", "3.2 传统"), ("heading", "3.3 传统"), ("paragraph", "传统行业覆盖")]
    assert run(270.0) == cut  # an em short of the full lines
    assert len(run(280.0)) == 2 and len(run(240.0)) == 2  # to the edge; far short
    assert len(run(270.0, number="5.7")) == 2  # 5.7 after 3.2: no heading's number there


def test_unit_word_heading_run_in_cut_where_the_number_follows():
    """A heading in the body's face run into its paragraph with a full-width space, its words
    opening with a unit word ("2.2 万物互联下的格局　资本市场对…"), is cut off where its number
    follows the heading before it (2.1) and left whole where it does not (4.1 before it); a
    quantity ("2.5 万亿元　…": a unit after the unit) is never cut."""
    from pipeline.models import Block, Line, Piece, Role
    from pipeline.numbered_headings import numbered_headings

    rules = Rules.load()

    def run(text, before):
        ln = Line(2, text, (50.0, 100.0, 280.0, 110.0), 10.0, "SimSun", False, 0)
        nxt = Line(
            2, "大量资金涌入模型训练与算力建设等环节。", (50.0, 114.0, 200.0, 124.0), 10.0, "SimSun", False, 0
        )
        para = Block(Role.PARAGRAPH, text + nxt.text, [ln, nxt], [Piece(2, (50, 100, 280, 124))], size=10.0)
        head = Block(
            Role.HEADING,
            before,
            [Line(2, before, (50, 80, 200, 90), 10.0, "SimSun", False, 0)],
            [Piece(2, (50, 80, 200, 90))],
            size=10.0,
        )
        out, _ = numbered_headings([head, para], rules)
        return [(b.role.value, b.text.split("　")[0].split(" ")[-1][:6]) for b in out]

    line = "2.2 万物互联下的格局　资本市场对人工智能短期盈利"
    assert run(line, "2.1 全球表现") == [
        ("heading", "全球表现"),
        ("heading", "万物互联下的"),
        ("paragraph", "资本市场对人"),
    ]
    assert len(run(line, "4.1 全球表现")) == 2
    assert len(run("2.2 万亿元的投资　资本市场对人工智能短期盈利", "2.1 全球表现")) == 2
