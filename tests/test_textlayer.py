"""Lines and paragraphs on a real text layer: the traits of tests/fixtures/textlayer/textlayer.pdf
(pipeline/sample/textlayer.py, set glyph by glyph with PyMuPDF), each read the way a reader reads
it. The paragraphs are checked against the fixture's light key, as wild-dev's scorer does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate_light import evaluate_light, norm
from pipeline.extract import extract
from pipeline.models import ResidueReason
from pipeline.rules import Rules
from pipeline.run import ingest_file

FIXTURE = Path(__file__).parent / "fixtures" / "textlayer" / "textlayer.pdf"
KEY = FIXTURE.parent / "keys" / "textlayer.json"


@pytest.fixture(scope="module")
def lines():
    raw = extract(FIXTURE, Rules.load(None))
    return [ln for page in raw.pages for ln in page.lines]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    out = tmp_path_factory.mktemp("textlayer")
    issue = ingest_file(FIXTURE, out, Rules.load(None))
    blocks = [
        json.loads(row)
        for row in (out / "jsonl" / issue.meta.issue_id / "blocks.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    return out, blocks


def _line_with(lines, text):
    found = [ln for ln in lines if text in ln.text]
    assert len(found) == 1, [ln.text for ln in lines if text[:2] in ln.text]
    return found[0]


@pytest.mark.parametrize(
    "printed, mark",
    [
        ("答案似乎很明确[1-2]。", "[1-2]"),  # the full stop after a raised citation, back on the baseline
        ("标[3]。世界银行", "[3]"),  # a citation raised so far its baseline sorts it first
        ("模[4,6]。中国工程院", "[4,6]"),  # at a line's start: the mark after its word, not before
    ],
)
def test_citations_ride_inline_and_are_marked(lines, printed, mark):
    ln = _line_with(lines, printed)
    assert [ln.text[a:b] for a, b in ln.scripts] == [mark]
    assert ln.base is not None and ln.base < ln.y1  # the baseline of the line's own type


def test_logo_and_formula_glyph_are_one_line(lines):
    """TeX's logo (its small A kerned back over the L) reads LATEX; a formula glyph twice the
    body size stretches its line's box, not its baseline, and does not cut the line."""
    ln = _line_with(lines, "LATEX排版的∑指数")
    assert ln.height > 2 * ln.size - 1  # the glyph's box


@pytest.mark.parametrize(
    "key_index, cause",
    [
        (0, "a raised citation before the full stop"),
        (1, "a citation raised further, a stray comma run"),
        (2, "a line made tall by a formula glyph: spacing from the baseline"),
        (3, "a stray 、 run and a citation at a line's start"),
        (4, "TEX in its own font, its E lowered, the glue after it stretched past an em"),
        (5, "cut by the column end, the 9 pt first-page footnote between its halves"),
        (7, "cut by the page end, a footnote across the page between its halves"),
        (8, "above a diagram of small boxes across the columns, cut by the column end"),
        (9, "cut by a diagram across the columns"),
        (10, "below the diagram and its caption, cut by the column end"),
    ],
)
def test_key_paragraph_is_one_block(ingested, key_index, cause):
    _, blocks = ingested
    want = norm(json.loads(KEY.read_text(encoding="utf-8"))["paragraphs"][key_index], True)
    got = [b for b in blocks if b["type"] == "paragraph" and norm(b["text"], True) == want]
    assert len(got) == 1, (cause, [b["text"][:12] for b in blocks if b["text"][:4] in want])


def test_every_key_paragraph_whole(ingested):
    out, _ = ingested
    assert evaluate_light(out, KEY)["paragraph_integrity"] == 1.0


def test_blocks_table_marks_the_superscripts(ingested):
    """The citations stay inline in the paragraph's text, and the blocks table says where they are."""
    _, blocks = ingested
    first = next(b for b in blocks if "答案似乎很明确" in b["text"])
    assert [first["text"][a:b] for a, b in first["marks"]] == ["[1-2]"]
    assert "明确[1-2]。" in first["text"]
    marked = [blk["text"][a:b] for blk in blocks for a, b in blk["marks"]]
    assert marked == ["[1-2]", "[3]", "[4,6]"]


STRETCHED = FIXTURE.parent / "stretched.pdf"  # textlayer.py --variant stretched
STRETCHED_KEY = FIXTURE.parent / "keys" / "stretched.json"


@pytest.fixture(scope="module")
def stretched(tmp_path_factory):
    out = tmp_path_factory.mktemp("stretched")
    issue = ingest_file(STRETCHED, out, Rules.load(None))
    rows = (out / "jsonl" / issue.meta.issue_id / "blocks.jsonl").read_text(encoding="utf-8").splitlines()
    return out, [json.loads(row) for row in rows]


@pytest.mark.parametrize(
    "key_index, cause",
    [
        (0, "its first two lines stretched at one place, a lowered subscript in the first line's left piece"),
        (2, "two lines inside it stretched at one place, under a full line across the gap"),
        (3, "its last line two characters, a narrow raised citation and the full stop"),
        (4, "its last line two characters, a citation wider than an em between them and the stop"),
    ],
)
def test_lines_stretched_in_a_column_are_not_a_gutter(stretched, key_index, cause):
    """Wide glue one row above the other looks like a gutter; the pieces on each side are still
    one line each, whatever their boxes' bottoms (a subscript drops one piece's box). A line of two
    characters in running type is no drop cap: the citation raised between them and the full stop
    is its own (见图[6-7]。)."""
    _, blocks = stretched
    want = norm(json.loads(STRETCHED_KEY.read_text(encoding="utf-8"))["paragraphs"][key_index], True)
    got = [b for b in blocks if b["type"] == "paragraph" and norm(b["text"], True) == want]
    assert len(got) == 1, (cause, [b["text"][:12] for b in blocks if b["text"][:4] in want])


def test_stretched_page_every_paragraph_whole(stretched):
    out, _ = stretched
    assert evaluate_light(out, STRETCHED_KEY)["paragraph_integrity"] == 1.0


def test_abstract_label_letter_spaced_an_em_wide(tmp_path):
    """摘 and 要 set an em and more apart in a bold face with no space glyph between (XeLaTeX's
    摘\\quad 要; textlayer.py --variant spaced): each half is a line of its own on one baseline, and
    no block holds the label whole. The paper is still told by its labels (摘要, 关键词) and its
    abstract read (main, and the foreign XeLaTeX rendition's last paper: no abstract, the unit not
    read as a paper)."""
    pdf = FIXTURE.parent / "textlayer-spaced.pdf"
    issue = ingest_file(pdf, tmp_path, Rules.load(None))
    score = evaluate_light(tmp_path, FIXTURE.parent / "keys" / "textlayer-spaced.json")
    assert score["article_found"] == 1.0 and score["abstract_zh_ok"] == 1.0
    assert score["spurious_units"] == 0 and score["paragraph_integrity"] == 1.0
    assert score["found_confidence"] >= 0.8 and score["spurious_confidence_max"] is None
    (paper,) = [a for a in issue.articles if a.kind == "article"]
    assert paper.keywords_zh == ["制造业", "综合指数", "高质量发展"]


RUNON = FIXTURE.parent / "runon.pdf"  # textlayer.py --variant runon
RUNON_KEY = FIXTURE.parent / "keys" / "runon.json"


def test_paragraph_break_inside_a_row(tmp_path):
    """A paragraph's last line (a character and a half-width full stop) and the next paragraph's
    first line set on one row at its indent: the row is two lines, cut where the glyphs jump, each
    keeping its own box, and the two paragraphs are two blocks."""
    raw = extract(RUNON, Rules.load(None))
    lines = [ln for page in raw.pages for ln in page.lines]
    opened = [ln for ln in lines if ln.opens_paragraph]
    assert len(opened) == 2
    for ln in opened:
        (before,) = [o for o in lines if abs(o.row - ln.row) < 1 and o.x1 <= ln.x0]
        assert before.text.endswith(".") and len(before.text) == 2
        assert ln.x0 - before.x0 > 1.5 * ln.size  # the first line at its indent
    ingest_file(RUNON, tmp_path, Rules.load(None))
    assert evaluate_light(tmp_path, RUNON_KEY)["paragraph_integrity"] == 1.0


@pytest.mark.parametrize("pdf", ["textlayer.pdf", "stretched.pdf", "textlayer-spaced.pdf"])
def test_sentence_ends_inside_rows_do_not_cut_them(pdf):
    """Sentences end mid-row everywhere else (a full stop, a raised citation, stretched glue after
    them): no row is cut there."""
    raw = extract(FIXTURE.parent / pdf, Rules.load(None))
    assert not [ln.text for page in raw.pages for ln in page.lines if ln.opens_paragraph]


FIGLABELS = FIXTURE.parent / "figlabels.pdf"  # textlayer.py --variant figlabels
FIGLABELS_KEY = FIXTURE.parent / "keys" / "figlabels.json"


def test_labels_over_a_figures_pictures_are_the_figures(tmp_path):
    """A figure of two pictures in the second column, its labels text set over them (a row across
    both, one in the gap between them): no block holds a label, the residue keeps them as the
    figure's text, and the paragraph the figure cuts is one block, the first column beside the
    figure not taken for text wrapped around it."""
    issue = ingest_file(FIGLABELS, tmp_path, Rules.load(None))
    key = json.loads(FIGLABELS_KEY.read_text(encoding="utf-8"))
    rows = (tmp_path / "jsonl" / issue.meta.issue_id / "blocks.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(r)["text"] for r in rows.splitlines()]
    assert not [t for t in texts if any(lab in t for lab in ("CPU", "NPU", "高速链路", "交换芯片"))]
    residue = {r.text: r.reason for r in issue.residue}
    assert {residue.get(lab) for lab in key["figure_labels"]} == {ResidueReason.FIGURE_TEXT}
    assert evaluate_light(tmp_path, FIGLABELS_KEY)["paragraph_integrity"] == 1.0


REFTABS = FIXTURE.parent / "reftabs.pdf"  # textlayer.py --variant reftabs
REFTABS_KEY = FIXTURE.parent / "keys" / "reftabs.json"


def test_reference_numbers_at_a_tab_stop_are_no_column(tmp_path):
    """A one-column reference list set number | tab | text (Typst's, LaTeX's): [1] … [9] apart
    from their text, each entry's last line ragged, a URL's line stretched into pieces. The bare
    numbers counted as narrow lines made the page read as columns, and the entries whose number
    fills the tab ([10] …, run on into their text) as lines over those columns: each was cut in two
    (its first line typed as a title, the rest a paragraph), and in a real Typst journal template
    the English title was taken from a reference. A list's bare number is no column evidence:
    every entry is one reference block, the body paragraphs whole."""
    issue = ingest_file(REFTABS, tmp_path, Rules.load(None))
    key = json.loads(REFTABS_KEY.read_text(encoding="utf-8"))
    rows = (tmp_path / "jsonl" / issue.meta.issue_id / "blocks.jsonl").read_text(encoding="utf-8")
    blocks = [json.loads(r) for r in rows.splitlines()]
    refs = [norm(b["text"]) for b in blocks if b["type"] == "reference"]
    assert refs == [norm(r) for r in key["references"]]
    assert evaluate_light(tmp_path, REFTABS_KEY)["paragraph_integrity"] == 1.0


SHIFTED = FIXTURE.parent / "shifted.pdf"  # textlayer.py --variant shifted


def test_latin_font_with_a_cjk_rows_tounicode_read_by_its_encoding(tmp_path):
    """The paper's Latin font (digits, citations, TEX) given a CJK subfont's ToUnicode (every code
    read as U+8F00 + the code, as pdfTeX with the CJK package does to Computer Modern): its glyphs,
    narrower than any ideograph, are read by the font's own encoding, every paragraph whole as a
    reader reads it, no citation left in ideographs, and the repair warned at its first run."""
    issue = ingest_file(SHIFTED, tmp_path, Rules.load(None))
    assert evaluate_light(tmp_path, FIXTURE.parent / "keys" / "shifted.json")["paragraph_integrity"] == 1.0
    text = "".join(b.text for a in issue.articles for b in a.blocks)
    shifted = "".join(chr(0x8F00 + ord(c)) for c in "[1-2]")  # 轛輱輭輲轝
    assert "[1-2]" in text and shifted not in text
    (w,) = [w for w in issue.warnings if w.code == "glyphs_repaired"]
    assert w.page == 1 and w.bbox and "Times-Roman" in w.message


def test_cjk_rows_tounicode_on_em_wide_glyphs_kept(tmp_path):
    """The same CMap on a font whose glyphs are em-wide (the CJK subfont it belongs to) names
    ideographs: they are kept as printed."""
    import pymupdf

    from pipeline.sample.textlayer import ROW_CMAP

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "1-2 GPU", fontname="Times-Roman", fontsize=12)
    (xref,) = [f[0] for f in page.get_fonts()]
    cmap = doc.get_new_xref()
    doc.update_object(cmap, "<<>>")
    doc.update_stream(cmap, ROW_CMAP.encode("ascii"))
    doc.xref_set_key(xref, "ToUnicode", f"{cmap} 0 R")
    doc.xref_set_key(xref, "FirstChar", "32")
    doc.xref_set_key(xref, "LastChar", "127")
    doc.xref_set_key(xref, "Widths", "[" + " ".join(["1000"] * 96) + "]")
    pdf = tmp_path / "em.pdf"
    doc.save(pdf)
    raw = extract(pdf, Rules.load(None))
    text = "".join(ln.text for ln in raw.pages[0].lines)
    assert "".join(chr(0x8F00 + ord(c)) for c in "GPU") in text
    assert not [w for w in raw.warnings if w.code == "glyphs_repaired"]


def test_a_fonts_lone_wide_glyph_read_with_its_narrow_runs(tmp_path):
    """A lone '=' or 'm' of the shifted font is as wide as a condensed ideograph (0.78 and 0.83 em):
    the font's runs on the page are weighed together, and it is read with them."""
    import pymupdf

    from pipeline.sample.textlayer import ROW_CMAP

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "(1) GPU", fontname="Times-Roman", fontsize=12)
    page.insert_text((160, 100), "m", fontname="Times-Roman", fontsize=12)
    (xref,) = [f[0] for f in page.get_fonts()]
    cmap = doc.get_new_xref()
    doc.update_object(cmap, "<<>>")
    doc.update_stream(cmap, ROW_CMAP.encode("ascii"))
    doc.xref_set_key(xref, "ToUnicode", f"{cmap} 0 R")
    pdf = tmp_path / "lone.pdf"
    doc.save(pdf)
    raw = extract(pdf, Rules.load(None))
    text = " ".join(ln.text for ln in raw.pages[0].lines)
    assert "(1)" in text and "GPU" in text and "m" in text
    assert not [c for c in text if 0x8F00 <= ord(c) <= 0x8FFF]


def test_table_reader_reads_shifted_glyphs_as_extract_does():
    """pdfplumber, reading a table's area, meets the same shifted glyphs: read by the font's
    encoding too (shifted_codes.plumber_recoded)."""
    import pdfplumber

    from pipeline.shifted_codes import plumber_recoded

    with pdfplumber.open(SHIFTED) as pdf:
        page = pdf.pages[0]
        shifted = "".join(chr(0x8F00 + ord(c)) for c in "[1-2]")
        assert shifted in "".join(c["text"] for c in page.chars)
        text = "".join(c["text"] for c in plumber_recoded(page).chars)
    assert "[1-2]" in text and shifted not in text


MANUSCRIPT = FIXTURE.parent / "manuscript.pdf"  # textlayer.py --variant manuscript
MANUSCRIPT_KEY = FIXTURE.parent / "keys" / "manuscript.json"


def test_double_spaced_manuscript_paragraphs_whole(tmp_path):
    """A paper as submitted (物理学报's class: one column, lines 2.4 ems apart; wlxb-paper of
    tests/wild): every paragraph is one block. Before, a paragraph set across a page that also
    holds a two-column glossary was cut at every line (a step wider than the gap that parts
    full-width blocks), a fraction's denominator hanging under its line was a line of its own that
    cut its paragraph, and the rounded box on the next page (tcolorbox: lines and arcs) was read as
    rules, so its first line was joined to the open sentence before it."""
    raw = extract(MANUSCRIPT, Rules.load(None))
    lines = [ln for page in raw.pages for ln in page.lines]
    fraction = _line_with(lines, "为局域导")
    assert "其中∂q∂θ与∂L∂s为局域导" in fraction.text  # numerator, then its denominator, in the line
    assert not [ln.text for ln in lines if ln.text.replace(" ", "") in ("∂θ", "∂s", "∂θ∂s")]
    issue = ingest_file(MANUSCRIPT, tmp_path, Rules.load(None))
    assert evaluate_light(tmp_path, MANUSCRIPT_KEY)["paragraph_integrity"] == 1.0
    rows = (tmp_path / "jsonl" / issue.meta.issue_id / "blocks.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(r)["text"] for r in rows.splitlines()]
    assert [t for t in texts if t.startswith("放置规则")]  # the box's lines, a block of their own


def test_flush_right_byline_over_a_deck_is_no_wrapped_line():
    """A byline set flush right at the body's size ("■ 达理", fpdf-issue) ends at the band's edge and
    leaves no sentence closed, like a double-spaced paragraph's line; the deck under it, back at the
    band's left edge, is no line of its paragraph: it does not start at the band's left edge or an
    indent. A double-spaced paragraph's lines still go on."""
    from pipeline.models import Line
    from pipeline.paragraphs import wide_blocks

    def line(text, x0, x1, y):
        return Line(1, text, (x0, y - 10.5, x1, y + 2), 10.5, "f", False, 0, base=y)

    byline = line("■ 达理", 480, 540, 100)
    deck = line("此次年会搭建了高效合作平台，标志着中国风光火储协同发展迈入系统化推进新", 60, 540, 125)
    assert len(wide_blocks([byline, deck], Rules.load(None), 10.5)) == 2
    first = line("鹅卵石游戏是一个定义在一维格子上的单人游戏。人们最初提出这个模型是为了描述", 81, 540, 100)
    assert len(wide_blocks([first, deck], Rules.load(None), 10.5)) == 1
