"""Captions set beside their figure rather than under it (a narrow side column, level with the
figure's top or bottom edge, small type), built here with PyMuPDF in layouts of their own: the
ReportLab rendition (tests/test_reportlab.py) sets them to the left, level with the top."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf

from pipeline.extract import extract
from pipeline.layout import analyze
from pipeline.models import Role
from pipeline.rules import Rules

BODY = "这是一段用于测试的正文文字，这是一段用于测试的正文文字，这是一"
PHOTO = (60, 300, 250, 420)


def _page(tmp_path, small: list[tuple[float, float, str, float]]):
    """One page: body lines at 10 pt above and under a photo at PHOTO, and the small lines given
    (x, baseline, text, size) beside it; its layout."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("cjk").buffer)
    for k in range(12):
        page.insert_text((60, 80 + 16 * k), BODY, fontname="F0", fontsize=10)
    for k in range(12):
        page.insert_text((60, 450 + 16 * k), BODY, fontname="F0", fontsize=10)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 38, 24), 0)
    pix.set_rect(pix.irect, (120, 140, 160))
    page.insert_image(pymupdf.Rect(*PHOTO), pixmap=pix)
    for x, y, text, size in small:
        page.insert_text((x, y), text, fontname="F0", fontsize=size)
    doc.save(tmp_path / "beside.pdf")
    rules = Rules.load()
    return analyze(extract(tmp_path / "beside.pdf", rules), rules).pages[0]


def _captions(layout) -> list[str]:
    return [b.text for b in layout.blocks if b.role == Role.CAPTION]


def test_caption_right_of_its_photo_level_with_its_bottom(tmp_path):
    """Two small lines right of the photo, the last one's foot on the photo's foot: one caption,
    and no body paragraph holds it."""
    layout = _page(tmp_path, [(262, 408, "图为实验室中的", 7.5), (262, 418, "研究人员在工作", 7.5)])
    assert _captions(layout) == ["图为实验室中的研究人员在工作"]
    assert not any("研究人员" in b.text for b in layout.blocks if b.role != Role.CAPTION)
    assert not [w for w in layout.warnings if w.code == "caption_doubtful"]


def test_caption_beside_but_level_with_neither_edge_is_taken_with_a_doubt(tmp_path):
    """The same caption halfway down the photo: taken, and warned with its page and box."""
    layout = _page(tmp_path, [(262, 358, "图为实验室中的", 7.5), (262, 368, "研究人员在工作", 7.5)])
    assert _captions(layout) == ["图为实验室中的研究人员在工作"]
    (doubt,) = [w for w in layout.warnings if w.code == "caption_doubtful"]
    assert doubt.page == 1 and doubt.bbox[0] >= PHOTO[2]


def test_small_text_as_wide_as_a_column_beside_a_photo_is_no_caption(tmp_path):
    """Small type beside the photo that runs as wide as the body's column is a column of text
    (a summary set small), not a caption."""
    wide = "这是一段用于测试的正文文字，这是一段用于测试的正文文字，这是一段用于测试的"
    layout = _page(tmp_path, [(262, 310 + 9 * k, wide, 7.5) for k in range(3)])
    assert _captions(layout) == []


def test_small_text_under_a_photo_captioned_beside_it_stays_in_the_flow(tmp_path):
    """A caption in the side column left of the photo, level with its top, and a name set small and
    right-aligned a little under the photo (an article's byline printed bare at its end): the
    photo's caption is the one beside it; the name is no caption (main took it, as the only small
    text under the photo), and the decision is warned where the name stands."""
    layout = _page(
        tmp_path,
        [(8, 307, "工信部原部长", 7.5), (8, 317, "作主旨报告", 7.5), (215, 439, "王怀宇", 7.5)],
    )
    assert _captions(layout) == ["工信部原部长作主旨报告"]
    assert any(b.text == "王怀宇" for b in layout.blocks if b.role != Role.CAPTION)
    (doubt,) = [w for w in layout.warnings if w.code == "caption_doubtful"]
    assert doubt.page == 1 and doubt.bbox[1] > PHOTO[3] and doubt.bbox[0] > 200


def test_small_text_right_under_the_photo_wins_over_text_beside_it(tmp_path):
    """The other side: a caption right under the photo (within an em of its foot) is its caption;
    narrow small text beside it, level with its top, is then left in the flow and warned."""
    layout = _page(
        tmp_path,
        [(8, 307, "工信部原部长", 7.5), (8, 317, "作主旨报告", 7.5), (60, 428, "图为会议现场", 7.5)],
    )
    assert _captions(layout) == ["图为会议现场"]
    (doubt,) = [w for w in layout.warnings if w.code == "caption_doubtful"]
    assert doubt.bbox[2] <= PHOTO[0]


def test_a_caption_in_both_languages_in_one_block_is_two_captions(tmp_path):
    """The photo's caption in Chinese, then in English on the line under it, one block (nothing
    but the script changes): two captions, each with its own box, the English one under."""
    from pipeline.caption_lang import caption_parts

    layout = _page(
        tmp_path, [(60, 430, "图为实验室中的研究人员在工作", 7.5), (60, 439, "Researchers at work", 7.5)]
    )
    (block,) = [b for b in layout.blocks if b.role == Role.CAPTION]
    zh, en = caption_parts(block)
    assert (zh.text, en.text) == ("图为实验室中的研究人员在工作", "Researchers at work")
    assert en.bbox[1] >= zh.bbox[3] - 1


def test_a_chinese_caption_running_on_in_latin_stays_whole(tmp_path):
    """The other side: a Chinese caption whose row stops inside a Latin name that the next row
    carries on ("…来源：Bloomberg" / "Intelligence"): one caption."""
    from pipeline.caption_lang import caption_parts

    layout = _page(
        tmp_path, [(60, 430, "图为产业规模，来源：Bloomberg", 7.5), (60, 439, "Intelligence", 7.5)]
    )
    (block,) = [b for b in layout.blocks if b.role == Role.CAPTION]
    assert [c.text for c in caption_parts(block)] == [block.text]


CAPBLOCK = Path(__file__).parent / "fixtures" / "journal" / "journal-plain-capblock.pdf"


def test_figure_caption_in_both_languages_in_one_block_journal():
    """journal.py --variant plain-capblock: a chart's long Chinese caption (two lines) and its
    English version (two lines, no "Fig. 1" of its own) in one paragraph under it. Main wrote one
    caption holding both languages (caption recall 0 against the key's two); now each language
    is a caption row of its own, in the order printed, and neither is body text."""
    from pipeline.choose import RulesChooser
    from pipeline.evaluate import norm
    from pipeline.run import process

    issue, rows = process(CAPBLOCK, RulesChooser("auto").for_pdf(CAPBLOCK))
    truth = json.loads(CAPBLOCK.with_suffix(".truth.json").read_text(encoding="utf-8"))
    want = [norm(c) for a in truth["articles"] for c in a["captions"]]
    assert [norm(c["text"]) for c in rows["captions"]] == want
    body = norm(" ".join(b.text for a in issue.articles for b in a.blocks))
    assert not any(c[:12] in body for c in want)


def _ln(x0: float, y0: float, text: str, font: str, size: float = 8.5):
    from pipeline.models import Line

    return Line(1, text, (x0, y0, x0 + size * 0.5 * len(text.encode("gbk")), y0 + size), size, font, False, 0)


def test_a_table_captions_english_without_its_label_is_told_by_script_face_and_place():
    """A table caption's English printed without a label (表 1 … / Main variables …): the English
    rows are its English when script says so and face or place agrees (another face, centred on
    the caption's axis); a Latin row in the caption's own face set off its axis and edge is no
    English caption (kept, the decision noted); one in its face but centred is, noted."""
    from pipeline.caption_lang import english_rows

    zh = _ln(130, 103, "表 1　主要变量及其定义", "SimHei")
    en = _ln(0, 112.5, "Main variables and their definitions", "TimesNewRoman")
    centre = (zh.x0 + zh.x1) / 2
    en = _ln(centre - (en.x1 - en.x0) / 2, 112.5, en.text, en.font)
    got_zh, got_en, doubt = english_rows([zh, en])
    assert (
        [ln.text for ln in got_zh] == [zh.text] and [ln.text for ln in got_en] == [en.text] and doubt is None
    )
    same_face_off = _ln(zh.x0 + 40, 112.5, en.text, "SimHei")
    _, none, doubt = english_rows([zh, same_face_off])
    assert none == [] and "kept in the caption" in doubt
    same_face_centred = _ln(en.x0, 112.5, en.text, "SimHei")
    _, got_en, doubt = english_rows([zh, same_face_centred])
    assert [ln.text for ln in got_en] == [en.text] and "face" in doubt


def test_caption_label_and_its_text_a_quad_apart_are_one_caption(tmp_path):
    """A caption set "图 1", a quad, then its text in the body's size (LaTeX's \\quad; tests/wild
    twocol-template's 图 1 | 花): the row is two lines, the label taken as the figure's caption by its
    number and the text left in the flow as a paragraph of its own (which cut the paragraph going
    on under the figure). The label's row is the caption's."""
    layout = _page(tmp_path, [(121, 434, "图 1", 10), (157, 434, "实验装置", 10)])
    assert _captions(layout) == ["图 1 实验装置"]
    assert not any("实验装置" in b.text for b in layout.blocks if b.role != Role.CAPTION)
