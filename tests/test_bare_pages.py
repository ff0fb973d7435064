"""A page with no text between two units (layout fuzz seed 31337 v02: a blank page under the running
head; v09: a page holding only the bottom of a box run over from the page before) is no section
opener's picture page: it was given to the next opener, whose unit then started a page early at
confidence 0.95-1.0. Built pages: the opener keeps a page only when a picture covers it; a page of
marks alone goes to the unit it follows, sure where that unit's box spilled over the turn, doubted
(capped at 0.5, warned at the page) where nothing says so; a blank page goes to no unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.articles import _bare_page_turns, _opener_pages
from pipeline.confidence import DOUBT, unit_confidence
from pipeline.evaluate import evaluate
from pipeline.models import (
    Article,
    Block,
    LaidOutDocument,
    Line,
    PageLayout,
    Piece,
    RawDocument,
    RawPage,
    Rect,
    Role,
    UnitKind,
    WarningCode,
)
from pipeline.rules import Rules
from pipeline.run import ingest_file

W, H = 521.6, 737.0
TEXT_FOOT = 680.0


def _head(page: int) -> list[Line]:
    return [
        Line(page, "国际科技促进", (75.0, 40.0, 200.0, 50.0), 8.0, "Song", False, 0),
        Line(page, str(page + 20), (250.0, 700.0, 262.0, 710.0), 8.0, "Song", False, 0),
    ]


def _text(page: int) -> list[Block]:
    return [Block(Role.PARAGRAPH, "正文。", [], [Piece(page, (75.0, 80.0, 443.0, TEXT_FOOT))])]


def _issue(bare_marks: list[Rect], images=(), box_before: bool = False):
    rule = Rect((75.0, 46.0, 443.0, 46.0), False, True)  # the running head's rule: a hairline
    before = [rule, Rect((265.0, 500.0, 443.0, TEXT_FOOT + 2), True, False)] if box_before else [rule]
    raw = [
        RawPage(1, W, H, [], before, []),
        RawPage(2, W, H, [], [rule, *bare_marks], list(images)),
        RawPage(3, W, H, [], [rule], []),
    ]
    laid = [
        PageLayout(1, W, H, 21, _text(1), _head(1)),
        PageLayout(2, W, H, 22, [], _head(2)),
        PageLayout(3, W, H, 23, _text(3), _head(3)),
    ]
    doc = LaidOutDocument(RawDocument("x.pdf", "0", raw), laid, 10.0)
    arts = [
        Article(seq=1, kind=UnitKind.ARTICLE, pages=[1], section_zh="科促会动态", title_zh="甲"),
        Article(seq=2, kind=UnitKind.ARTICLE, pages=[3], section_zh="科技前沿", title_zh="乙"),
    ]
    _opener_pages(arts, doc, Rules.load(), {1: 21, 2: 22, 3: 23})
    return arts, _bare_page_turns(arts, doc)


def test_a_blank_page_between_two_articles_goes_to_no_opener():
    arts, decisions = _issue([])
    assert [a.pages for a in arts] == [[1], [3]]
    assert decisions == []


def test_a_box_spilled_over_the_turn_keeps_its_page_with_the_unit_it_runs_from():
    spill = Rect((72.0, 64.0, 315.0, 70.0), True, False)  # the box's foot, at the page's head
    arts, decisions = _issue([spill], box_before=True)
    assert [a.pages for a in arts] == [[1, 2], [3]]
    assert decisions == []
    assert "bare_page_doubtful" not in arts[0].evidence_against


def test_marks_alone_with_nothing_spilled_go_to_the_unit_before_doubted_and_warned():
    mark = Rect((72.0, 400.0, 315.0, 406.0), True, False)  # no box before reaches its foot
    arts, decisions = _issue([mark])
    assert [a.pages for a in arts] == [[1, 2], [3]]
    assert [(d.code, d.page) for d in decisions] == [(WarningCode.BARE_PAGE_DOUBTFUL, 2)]
    arts[0].evidence = ["contents", "title_area", "heads_page", *arts[0].evidence_against]
    assert unit_confidence(arts[0]) <= DOUBT


@pytest.mark.parametrize("drawn", [False, True])
def test_a_picture_page_still_opens_the_next_section(drawn):
    photo = (40.0, 60.0, 480.0, 690.0)
    arts, decisions = _issue([Rect(photo, True, False)] if drawn else [], images=[] if drawn else [photo])
    assert [a.pages for a in arts] == [[1], [2, 3]]
    assert decisions == []


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("style", "pages"),
    [("blank", [[1, 2, 3, 4, 5], [7, 8, 9, 10, 11]]), ("spill", [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11]])],
)
def test_a_page_with_no_text_after_an_article_is_not_the_next_openers(tmp_path, style, pages):
    """Fixtures bare-blank and bare-spill (pipeline/sample/bare_pages.py, from hung-openers): page 6
    printed blank under its running head, or holding only the foot of a shaded box run over from
    page 5. Before: the next article opened on page 6, a wrong unit at 0.8 in both."""
    pdf = FIXTURES / f"bare-{style}.pdf"
    issue = ingest_file(pdf, tmp_path, Rules.load())
    assert [a.pages for a in issue.articles] == pages
    score = evaluate(tmp_path, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["n_units_wrong"] == 0 and score["n_units_right"] == 2
    assert score["conf_wrong_max"] is None or score["conf_wrong_max"] <= DOUBT
