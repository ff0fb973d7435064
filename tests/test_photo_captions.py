"""Photo captions as magazines set them. Fixture photo-captions (pipeline/sample/photo_captions.py):
a full-page photo between two pages of an article's text, its caption unnumbered and set large on
a band at its foot; a photo filling the text block, its numbered caption at the body's size; a
credit printed on a caption's line in brackets; a credit right-aligned on a caption's baseline; a
photo half the text block tall, its numbered caption centred under it at the body's size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.models import CaptionKind, Line, UnitKind
from pipeline.regions import _photo_page_caption, credit_parts
from pipeline.rules import Rules
from pipeline.run import ingest_file

PDF = Path(__file__).parent / "fixtures" / "photo-captions.pdf"
KEY = PDF.with_suffix(".truth.json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("photo-captions")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def _captions(out: Path, issue) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / "captions.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_photo_page_is_the_articles_picture_page(run):
    """Before: the photo page's large unnumbered caption opened an advertisement unit (0.5), and
    every page of the article after it was a unit of its own: 8 wrong units, body 0.957."""
    out, issue = run
    assert [(a.kind, a.pages[-1]) for a in issue.articles] == [(UnitKind.ARTICLE, 15)]
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["n_units_wrong"] == 0 and score["conf_right_sure"] == 1.0
    assert score["body_similarity"] == 1.0 and score["paragraph_integrity"] == 1.0
    assert score["caption_recall"] == 1.0 and score["leakage"] == 0.0
    texts = [c["text"] for c in _captions(out, issue)]
    assert "科研人员在中试基地调试生产设备" in texts
    assert "图11 某市科技创新中心外景" in texts  # before: a paragraph of the body
    assert "图13 某孵化器共享实验室" in texts  # under a photo in the text; before: in no row (residue)


def test_a_credit_on_a_captions_line_is_a_credit_row_with_its_own_box(run):
    out, issue = run
    rows = {c["text"]: c for c in _captions(out, issue)}
    for caption, credit in (
        ("科促会代表团与合作方代表合影", "摄影：张三"),
        ("图12 某科技园区夜景", "图片来源：某市科技局"),
    ):
        # before: one caption; the right-aligned credit a paragraph
        cap, cred = rows[caption], rows[credit]
        assert (cap["caption_kind"], cred["caption_kind"]) == (CaptionKind.CAPTION, CaptionKind.CREDIT)
        # the credit right of the caption
        assert cap["page"] == cred["page"] and cap["x1"] <= cred["x0"] + 0.5
        assert abs(cap["y1"] - cred["y1"]) < 1.0  # on its baseline


def _line(text: str, x0: float, y0: float, size: float = 9.0) -> Line:
    width = size * len(text)
    return Line(
        page=1, text=text, bbox=(x0, y0, x0 + width, y0 + size), size=size, font="Song", bold=False, color=0
    )


def test_credit_parts_cut_a_line_at_its_credit_marker():
    rules = Rules.load()
    line = _line("代表团合影（摄影：张三）", 100.0, 500.0)
    parts = credit_parts([line], rules)
    assert [[ln.text for ln in g] for g in parts] == [["代表团合影"], ["摄影：张三"]]
    assert parts[0][0].x1 <= parts[1][0].x0 and parts[1][0].x1 == line.x1
    # a credit printed without a marker ("褚旭峰 段仁虎 摄", as the sample issue prints one) stays
    plain = _line("科研人员在实验室中进行基因测序。褚旭峰 段仁虎 摄", 100.0, 500.0)
    assert credit_parts([plain], rules) == [[plain]]
    # a line opening with the marker is cut by _by_number already, not here
    alone = _line("摄影：李明", 100.0, 500.0)
    assert credit_parts([alone], rules) == [[alone]]


def test_a_photo_pages_caption_is_only_a_few_lines_of_one_size_off_the_picture():
    page = 595.0 * 842.0
    photo = (0.0, 0.0, 595.0, 780.0)
    caption = _line("科研人员在中试基地调试生产设备", 180.0, 795.0, 16.0)
    assert _photo_page_caption([caption], [photo], page) == [caption]
    on_it = _line("智汇湾区", 70.0, 160.0, 44.0)  # an advertisement's display type set on the picture
    assert _photo_page_caption([on_it], [photo], page) is None
    sizes = [caption, _line("摄影：李明", 250.0, 815.0, 9.0)]  # two sizes: read as before
    assert _photo_page_caption(sizes, [photo], page) is None
    small = (100.0, 100.0, 300.0, 300.0)  # a photo in the text: no photo page
    assert _photo_page_caption([_line("图1 某某", 100.0, 310.0)], [small], page) is None
