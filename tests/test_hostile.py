"""Valid PDFs whose text layer lies (tests/fixtures/hostile, pipeline/sample/hostile.py): each read
as a demanding reader expects, checked against its key (<name>.hostile.json: the sample's answer
key, the sentences no reader sees, the warnings, read or refused)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import misplaced

from pipeline.errors import IngestError
from pipeline.evaluate import evaluate
from pipeline.models import ResidueReason, UnitKind, WarningCode
from pipeline.rules import Rules
from pipeline.run import ingest_file, process

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


def _key(name: str) -> dict:
    return json.loads((HOSTILE / f"{name}.hostile.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules():
    return Rules.load(None)


@pytest.fixture(scope="module")
def runs(rules):
    cache = {}

    def run(name):
        if name not in cache:
            cache[name] = process(HOSTILE / f"{name}.pdf", rules)[0]
        return cache[name]

    return run


def _content(issue) -> str:
    """Every text a content row holds (blocks, titles, summaries), not the residue."""
    out = []
    for a in issue.articles:
        out += [b.text for b in a.blocks] + [s.text for s in a.summaries]
        out += [a.title_zh or "", a.deck_zh or "", a.title_en or ""]
    return "\x00".join(out)


def _scores(tmp_path, name) -> dict:
    out = tmp_path / name
    done = ingest_file(HOSTILE / f"{name}.pdf", out, Rules.load(None))
    truth = tmp_path / f"{name}.truth.json"
    truth.write_text(json.dumps(_key(name)["truth"], ensure_ascii=False), encoding="utf-8")
    return evaluate(out, truth, done.meta.issue_id)


@pytest.mark.parametrize(
    "name", ["hidden", "cropped", "enormous", "twice", "rotated", "cliptext", "fauxbold", "scattered"]
)
def test_hidden_text_stays_out_of_the_content(runs, name):
    """What no reader sees is in no content row: each hidden sentence is in the residue (reason
    hidden), warned with its page and box; the articles are read whole, none of them doubted."""
    issue = runs(name)
    key = _key(name)
    content = _content(issue)
    for sentence in key["hidden"]:
        assert sentence[:8] not in content, sentence
    residue = "\x00".join(r.text.replace(" ", "") for r in issue.residue if r.reason == ResidueReason.HIDDEN)
    for sentence in key["hidden"]:
        assert sentence[:6] in residue, sentence
    codes = {w.code for w in issue.warnings}
    for code in key["warnings"]:
        assert code in codes
    assert not misplaced(issue.warnings)
    assert [a.title_zh for a in issue.articles] == [a["title_zh"] for a in key["truth"]["articles"]]
    assert all(a.confidence >= 0.8 for a in issue.articles)


def test_each_way_of_hiding_is_named(runs):
    issue = runs("hidden")
    why = {r.detail for r in issue.residue if r.reason == ResidueReason.HIDDEN}
    assert why == {"white_on_paper", "tiny", "invisible", "under_picture", "clipped"}
    (w,) = [w for w in issue.warnings if w.code == WarningCode.TEXT_HIDDEN]
    assert w.page == 1 and w.bbox is not None


def test_text_no_viewer_draws_is_residue_not_content(runs):
    """Text a clip path cuts away, and text set outside the crop box (in the media box around it),
    are in the text layer though no viewer draws them: each in the residue with its reason and box
    (never in the content), the page warned text_hidden with page and box, nothing unaccounted."""
    clipped = [r for r in runs("hidden").residue if r.detail == "clipped"]
    assert "".join(r.text for r in clipped) == next(
        t for t in _key("hidden")["hidden"] if t.startswith("本句被剪切")
    )
    assert all(r.page == 1 and r.bbox[0] >= 500 for r in clipped)  # where the margin sentence stands
    issue = runs("cropped")
    (off,) = [r for r in issue.residue if r.detail == "off_page"]
    assert off.page == 2 and off.bbox[1] > issue.layout.raw.pages[1].height  # below the crop box
    (w,) = [w for w in issue.warnings if w.code == WarningCode.TEXT_HIDDEN]
    assert w.page == 2 and w.bbox == off.bbox and "crop box" in w.message
    assert not issue.conservation.unaccounted


def test_hidden_text_counted_in_conservation(runs):
    issue = runs("hidden")
    c = issue.conservation
    hidden = sum(len("".join(r.text.split())) for r in issue.residue if r.reason == ResidueReason.HIDDEN)
    assert hidden and c.residue >= hidden
    assert not c.unaccounted


def test_enormous_and_dense_pages_within_budget(runs):
    """A 5 m wide page reads as the page it is; a page of 30,000 drawings and 20,000 glyphs 1.5 pt
    tall (a dot screen) reads its article, the dots hidden as tiny in a handful of residue rows."""
    issue = runs("enormous")
    assert issue.layout.raw.pages[0].width > 14000
    tiny = [r for r in issue.residue if r.detail == "tiny"]
    assert 0 < len(tiny) <= 10
    assert sum(len("".join(r.text.split())) for r in tiny) >= 20000


def test_scan_read_through_its_ocr_layer(runs):
    """A scanned page whose text is an invisible OCR layer: read (its text is the page's), warned
    with the scan's box, and no unit read from it is sure."""
    issue = runs("scan")
    ocr = [w for w in issue.warnings if w.code == WarningCode.OCR_TEXT]
    assert sorted(w.page for w in ocr) == [1, 2] and all(w.bbox for w in ocr)
    content = _content(issue)
    assert "第二十八届中国北京国际科技产业博览会" in content
    assert "我是在黄河边长大的" in content
    assert issue.articles and all(a.confidence <= 0.5 for a in issue.articles)
    assert not any(r.reason == ResidueReason.HIDDEN for r in issue.residue)


def test_scan_laid_out_as_type(runs, tmp_path):
    """The OCR layer's lines, each stretched to the width the engine measured (so MuPDF reads a
    size off by a few per cent a line), make paragraphs whole; the picture is the page, not a
    figure on it; the titles by their size, the decks (set in grey in the sample, and in the OCR
    layer's one colour) by the ink the scan shows under them, the English titles and summaries
    found, none of the English left in the body."""
    issue = runs("scan")
    truth = _key("scan")["truth"]["articles"]
    assert [a.title_zh for a in issue.articles] == [a["title_zh"] for a in truth]
    assert [a.title_en for a in issue.articles] == [a["title_en"] for a in truth]
    assert [a.deck_zh for a in issue.articles] == [a["deck_zh"] for a in truth]
    blocks = [b.text for a in issue.articles for b in a.blocks]
    # a paragraph over three OCR lines (two of them stretched differently) is one block
    assert any(b.startswith("1947年，我出生在兰州") and b.endswith("的血脉。") for b in blocks)
    assert not any("Reading Summary" in b or "Editor's Note" in b for b in blocks)
    assert [len(a.summaries) for a in issue.articles] == [1, 1]
    scores = _scores(tmp_path, "scan")
    assert scores["paragraph_integrity"] >= 0.99 and scores["leakage"] <= 0.01
    assert scores["body_similarity"] >= 0.99  # (0.19 read as one figure's text)


def test_private_use_glyphs_kept_out_and_doubted(runs):
    """The body's Latin face maps to the private use area: its runs leave the content (residue,
    reason hidden, detail unreadable), each page warned with a box, the units doubted; the Chinese
    text is read, and a lone glyph so named inside it stays, warned unmapped_glyphs."""
    issue = runs("pua")
    content = _content(issue)
    assert not re.search("[\ue000-\uf8ff]{3}", content)  # a lone one stays where it stands (unmapped_glyphs)
    assert any(w.code == WarningCode.UNMAPPED_GLYPHS for w in issue.warnings)
    assert "第二十八届中国北京国际科技产业博览会" in content
    bad = [w for w in issue.warnings if w.code == WarningCode.GLYPHS_UNREADABLE]
    assert sorted(w.page for w in bad) == [1, 2] and all(w.bbox for w in bad)
    assert any(r.detail == "unreadable" for r in issue.residue)
    assert all(a.confidence <= 0.5 for a in issue.articles if a.kind == UnitKind.ARTICLE)


def test_unreadable_file_refused_in_one_line(rules):
    """Every font maps every glyph to U+FFFD or to nothing (MuPDF then reads CIDs as code points):
    refused, one line naming the file and the reason."""
    with pytest.raises(IngestError) as e:
        process(HOSTILE / "unmapped.pdf", rules)
    text = str(e.value)
    assert "unmapped.pdf" in text and "text layer unreadable" in text and "\n" not in text


def test_page_drawn_twice_read_once(runs):
    issue = runs("twice")
    assert any(w.code == WarningCode.TEXT_OVERPRINT for w in issue.warnings)
    content = _content(issue)
    assert content.count("我是在黄河边长大的") == 1


def test_dense_page_laid_out_within_budget(runs, rules):
    """An A1 sheet of 24,000 glyphs in eight columns of the body's type: laid out in full (its
    article whole, scored below), at no cost out of proportion; given a layout budget it cannot
    meet, laid out the plain way: its columns in order and their paragraphs, warned layout_plain
    with the page and the box of its text, every character still in a row."""
    issue = runs("dense")
    assert not any(w.code in (WarningCode.LAYOUT_PLAIN, WarningCode.PAGE_SLOW) for w in issue.warnings)
    tight = Rules(
        data={**rules.data, "limits": {**rules.get("limits", default={}), "layout_page_seconds": 1e-4}}
    )
    plain = process(HOSTILE / "dense.pdf", tight)[0]
    warned = [w for w in plain.warnings if w.code == WarningCode.LAYOUT_PLAIN]
    assert 3 in {w.page for w in warned} and all(w.bbox for w in warned)
    assert not plain.conservation.unaccounted
    sheet = ["".join(b.text.split()) for a in plain.articles for b in a.blocks if b.pieces[0].page == 3]
    paras = ["".join(p["text"].split()) for p in _key("dense")["truth"]["articles"][-1]["blocks"]]
    # the columns read in order, and a paragraph cut at a column's end joined to its rest at the
    # next column's top (each column a run of column text of its own, as the full layout's are):
    # the sheet's paragraphs as set, every one whole (spaces aside: the reader's font leaves a gap
    # the line rebuilding reads as one)
    assert sheet == paras


def test_body_size_not_outweighed_by_a_page_of_small_print(runs, tmp_path):
    """A page of small print (five columns of 6 pt type) holds more length of line than the
    sample's two pages of body text: the body is still the articles' 10 pt, so the articles are
    articles with their summaries (not advertisements of display type), and the small print is
    read as its page's text, each of its paragraphs whole."""
    issue = runs("smallprint")
    truth = _key("smallprint")["truth"]["articles"]
    assert [a.title_zh for a in issue.articles] == [a["title_zh"] for a in truth]
    assert [a.kind for a in issue.articles] == [UnitKind.ARTICLE] * 3
    assert [len(a.summaries) for a in issue.articles[:2]] == [1, 1]
    sheet = ["".join(b.text.split()) for b in issue.articles[2].blocks]
    assert sheet == ["".join(p["text"].split()) for p in truth[2]["blocks"]]
    assert not issue.conservation.unaccounted
    (w,) = [w for w in issue.warnings if w.code == WarningCode.BODY_SIZE_DOUBTFUL]
    assert w.page == 3 and w.bbox and "6 pt" in w.message
    scores = _scores(tmp_path, "smallprint")
    assert scores["leakage"] <= 0.01 and scores["summary_recall"] == 1.0


def test_line_in_the_margin_leaves_the_text_unindented(runs, tmp_path):
    """A line far out in the left margin at page 2's foot, set upside down, running on under the
    text: its column's lines are measured from where they start, not from it (each line read as
    indented opened a paragraph); the line is a block of its own, every character in a row."""
    issue = runs("margin")
    line = "答案倒印在页脚从页边伸到正文下"
    own = [b for a in issue.articles for b in a.blocks if line in b.text]
    assert len(own) == 1 and own[0].text == line
    assert not issue.conservation.unaccounted
    scores = _scores(tmp_path, "margin")
    assert scores["paragraph_integrity"] >= 0.99 and scores["deck_zh_acc"] == 1.0
    assert scores["body_similarity"] >= 0.98  # the line itself is no text of the key


def test_rotated_page_with_its_crop_box_off_the_corner(runs):
    """Pages stored turned with /Rotate 90, the crop box off the media box's corner: read upright
    (scored below); the sentence outside the crop box is residue where it stands on the page as
    displayed (below its foot), as the page's rows are."""
    issue = runs("rotated")
    page = issue.layout.raw.pages[1]
    assert (page.width, page.height) == (595.0, 842.0)
    (off,) = [r for r in issue.residue if r.detail == "off_page"]
    assert off.page == 2 and off.bbox[1] >= page.height and 0 <= off.bbox[0] < page.width


def test_text_set_as_a_clip_path(runs):
    """Render mode 7: a title a picture is painted through is printed (read, the article whole);
    a sentence with nothing painted through it no reader sees (residue, clip_only, warned)."""
    issue = runs("cliptext")
    assert issue.articles[0].title_zh == _key("cliptext")["truth"]["articles"][0]["title_zh"]
    only = [r for r in issue.residue if r.detail == "clip_only"]
    assert "".join(r.text for r in only) == _key("cliptext")["hidden"][0]
    (w,) = [w for w in issue.warnings if w.code == WarningCode.TEXT_HIDDEN]
    assert w.page == 1 and w.bbox == only[0].bbox


def test_faked_bold_read_once(runs):
    issue = runs("fauxbold")
    assert any(w.code == WarningCode.TEXT_OVERPRINT for w in issue.warnings)
    titles = [a["title_zh"] for a in _key("fauxbold")["truth"]["articles"]]
    assert [a.title_zh for a in issue.articles] == titles
    assert not issue.conservation.unaccounted


@pytest.mark.parametrize(
    "name",
    ["hidden", "cropped", "twice", "dense", "smallprint", "rotated", "cliptext", "fauxbold", "scattered"],
)
def test_scores_as_the_sample(name, tmp_path):
    """Read as the sample itself is: articles, body and paragraphs against its answer key."""
    scores = _scores(tmp_path, name)
    assert scores["article_recall"] == 1.0
    assert scores["body_similarity"] >= 0.99
    assert scores["paragraph_integrity"] >= 0.99


def test_lines_rebuilt_within_the_page_budget(rules):
    """Rebuilding lines glyph by glyph is held to the page's CPU-time budget: past it, each of
    MuPDF's own lines is a line (the page's text whole), and the page says why (page_damaged)."""
    from pipeline import extract as ex

    doc = ex.open_pdf(HOSTILE / "twice.pdf", rules)
    try:
        got = ex._read_page(doc, 1, (595.0, 842.0))
    finally:
        doc.close()
    spans = ex._raw_lines(got)
    whole, why = ex._lines_within(2, spans, 0)  # no budget: rebuilt
    assert why is None
    cut, why = ex._lines_within(2, spans, 1e-6)  # a budget no page meets
    assert why and "limits.page_seconds" in why
    chars = lambda lines: len("".join("".join(ln.text.split()) for ln in lines))  # noqa: E731
    assert cut and chars(cut) >= chars(whole)  # nothing lost (the copies drawn twice are kept)
