"""Display type inside an article that no field takes is kept as content (pipeline/strays.py).

Cause (found reading photo-captions under a house's rules whose caption patterns do not know its
图 line): on a photo page whose one-paragraph neighbours span the page (typed decks), the caption
under the photo, short and at body size, was typed `other`; the article's title area had closed,
no branch took it, and it went to the residue table as `unclaimed`. A house numbering its figures
otherwise (照片 3, Abb. 3) or not at all prints the same page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.models import Block, Line, Piece, ResidueReason, Role, WarningCode
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.strays import place_stray

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "tests" / "fixtures" / "photo-captions.pdf"
CAPTION = "图13 某孵化器共享实验室"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """photo-captions read under rules whose caption patterns know only 表 (the house's figures
    are numbered in a way the rules do not name)."""
    tmp = tmp_path_factory.mktemp("strays")
    rules = tmp / "house.yaml"
    rules.write_text(
        f"extends: {ROOT / 'rules' / 'guojikejicujin.yaml'}\n"
        "tables:\n"
        "  caption_pattern: '^\\s*表\\s*[0-9]+'\n"
        "academic:\n"
        "  caption_pattern: '^\\s*(?:表|Table)\\s*[0-9]+'\n",
        encoding="utf-8",
    )
    out = tmp / "out"
    issue = ingest_file(PDF, out, Rules.load(rules))
    return out, issue


def _rows(out: Path, issue, table: str) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_caption_no_pattern_names_is_the_pictures_caption_not_residue(run):
    out, issue = run
    assert CAPTION in [c["text"] for c in _rows(out, issue, "captions")]
    assert not [r for r in issue.residue if "某孵化器" in r.text]
    assert all(r.reason != ResidueReason.UNCLAIMED for r in issue.residue)
    # the decision went against the block's type: warned where it stands
    doubt = [w for w in issue.warnings if w.code == WarningCode.CAPTION_DOUBTFUL and "某孵化器" in w.message]
    assert doubt and doubt[0].page == 15 and doubt[0].bbox is not None


def _block(text: str, y0: float, x0: float = 60.0, size: float = 10.0) -> Block:
    box = (x0, y0, x0 + size * len(text), y0 + size)
    ln = Line(page=3, text=text, bbox=box, size=size, font="Song", bold=False, color=0)
    return Block(Role.OTHER, text, [ln], [Piece(3, box)], size=size, column=-1)


def test_a_stray_away_from_pictures_is_a_heading_or_a_paragraph_and_warned():
    picture = (60.0, 100.0, 400.0, 300.0)
    under = place_stray(_block("某园区全景", 304.0), [picture])
    assert under[0].role == Role.CAPTION and under[1].code == WarningCode.CAPTION_DOUBTFUL
    far = place_stray(_block("某园区全景", 500.0), [picture])
    assert far[0].role == Role.HEADING and far[1].code == WarningCode.DISPLAY_TYPE_NOT_OPENING
    sentence = place_stray(_block("园区建成以来已有数十家企业入驻。", 304.0), [picture])
    assert sentence[0].role == Role.PARAGRAPH  # a sentence is no caption, even under a picture
    assert far[1].page == 3 and far[1].bbox == far[0].bbox
    # level with a caption in its type, no picture box found (a photo drawn as shadings: h2-chromium
    # p. 37, two captions side by side under two photos, the second typed other): a caption
    beside = _block("益阳高新区全景", 500.0, x0=300.0)
    beside.role = Role.CAPTION
    assert place_stray(_block("某园区全景", 500.0), [], [beside])[0].role == Role.CAPTION
    # named a caption by the rules' patterns (tables-joins p. 15: 表17 … set as display type over its
    # table, which the tables stage takes as its caption): a caption, no doubt to warn
    named = place_stray(_block("表17 部分城市新型研发机构情况", 500.0), [], [], [re.compile(r"^表\d+")])
    assert named[0].role == Role.CAPTION and named[1] is None


def test_an_afterword_titles_first_line_is_claimed_its_marker_a_label():
    """The layout fuzz (tools/fuzz_layouts.py, v00 and v11): 编后：<title> wrapped over two lines ("编后：脑机交汇，赋" / "能未来"):
    the title (kept without its marker by articles._titled_afterwords) starts a row, but the
    line's piece of it was shorter than min_piece: the whole line was residue, `unclaimed`."""
    from pipeline.residue import _marker_left, _norm

    rules = Rules.load()
    hay = "\x00".join(_norm(t) for t in ("前一段的正文到此为止。", "脑机交汇，赋能未来", "编后的正文"))
    assert _marker_left("编后：脑机交汇，赋", hay, rules) == ("编后", 5)
    assert _marker_left("编后：另一个标题", hay, rules) is None  # its title is in no row
    assert _marker_left("脑机交汇，赋", hay, rules) is None  # no marker: found as any line is


def test_the_contents_pages_issue_line_is_a_furniture_row_not_residue():
    """The issue line under the contents' heading (2026年第2卷第1期（总第3期）) is no entry (toc.py
    passes it over) and was in no row: `unclaimed` on every fixture with a contents page. It names
    the issue as a running head does: a furniture row of its page."""
    from pipeline.run import process

    issue, rows = process(ROOT / "tests" / "fixtures" / "contents-plain.pdf", Rules.load())
    assert not [r for r in issue.residue if r.reason == ResidueReason.UNCLAIMED]
    lines = [f["text"] for f in rows["furniture"] if "总第" in f["text"]]
    assert lines and all("卷" in t and "期" in t for t in lines)
    assert not [e for e in issue.toc if "总第" in (e.title_zh or "")]  # still no entry


def test_a_table_area_read_as_no_table_keeps_its_text_in_its_unit():
    """Wild bit-typst (a thesis cover: the filled-in values of a form, over rules, found as a
    table area that pdfplumber reads as no table): the area's layout block, typed table, is in no
    unit's blocks, and tables.py dropped the area: six values (学院, 专业, 学号, names) unclaimed.
    The text goes into the unit nearest it, where it stands in reading order."""
    from types import SimpleNamespace

    from pipeline.models import Article, UnitKind
    from pipeline.tables import _Area, _keep_area_text

    before, after = _block("题目：学者的困境", 100.0), _block("学院：专业名称：学号：", 300.0)
    before.role = after.role = Role.PARAGRAPH
    values = _block("自动化学院 导航制导与控制 3120255718", 200.0)
    values.role = Role.TABLE
    cover = Article(seq=1, kind=UnitKind.COVER, pages=[3], blocks=[before, after])
    flat = [before, values, after]
    pos = {id(b): i for i, b in enumerate(flat)}
    owner = {id(before): cover, id(after): cover}
    issue = SimpleNamespace(articles=[cover], layout=SimpleNamespace(pages=[]))
    area = _Area(3, values.bbox, [values])
    assert _keep_area_text(issue, area, owner, flat, pos)
    assert [b.text for b in cover.blocks] == [before.text, values.text, after.text]
    assert cover.blocks[1].role == Role.PARAGRAPH and values.role == Role.TABLE  # a new block
    # the unit holding the text already (a stage kept the area's lines as paragraphs): nothing added
    assert not _keep_area_text(issue, area, owner, flat, pos) and len(cover.blocks) == 3
    # an area touching a figure drawn with paths is its labels (wild telsci2025 p. 8: 轨道0 … 轨道7
    # along a diagram's top edge): not the unit's text
    cover.blocks = [before, after]
    drawn = SimpleNamespace(number=3, drawings=[(50.0, values.bbox[3] - 1, 400.0, 280.0)])
    pictured = SimpleNamespace(articles=[cover], layout=SimpleNamespace(pages=[drawn]))
    assert not _keep_area_text(pictured, area, owner, flat, pos) and len(cover.blocks) == 2


def test_a_contents_entrys_wrapped_last_words_and_page_are_claimed():
    """weasy-extract's contents: an entry's title wraps, its last words and its page number on a
    line of their own ("共绘新蓝图……18"): no piece of min_piece characters, the entry's fields run
    together in its row: the line was residue, `unclaimed`. Its head ends the title field, its tail
    is the page field."""
    from pipeline.run import process

    issue, _ = process(ROOT / "tests" / "fixtures" / "weasy" / "weasy-extract.pdf", Rules.load())
    assert any(e.title_zh.endswith("共绘新蓝图") and e.page == 18 for e in issue.toc if e.title_zh)
    assert not [r for r in issue.residue if r.reason == ResidueReason.UNCLAIMED]
