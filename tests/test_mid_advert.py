"""A full-page advertisement of a few words set between two articles, no word naming it (fixture
mid-advert, pipeline/sample/mid_advert.py with profile mid-advert: fuzz seed 8675 v06's geometry;
v01 and v09 alike). Typed by its shape alone it stayed at 0.5 though right (conf_right_sure
0.75). Its place names it: the article before closes its text on the page before, the one after
opens on the page after with its title area."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from pipeline.confidence import _between_articles
from pipeline.evaluate import evaluate
from pipeline.models import Role, UnitKind
from pipeline.rules import Rules
from pipeline.run import ingest_file

PDF = Path(__file__).parent / "fixtures" / "mid-advert.pdf"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("mid-advert")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def test_an_advert_between_two_articles_is_sure_by_its_place(run):
    out, issue = run
    kinds = [(a.kind, a.pages[0]) for a in issue.articles]
    assert kinds == [
        (UnitKind.COVER, 1),
        (UnitKind.ARTICLE, 2),
        (UnitKind.ADVERTISEMENT, 7),
        (UnitKind.ARTICLE, 8),
    ]
    ad = issue.articles[2]
    assert "between_articles" in ad.evidence and ad.confidence >= 0.8
    score = evaluate(out, PDF.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["n_units_wrong"] == 0 and score["conf_right_sure"] == 1.0


def test_the_place_says_nothing_when_a_neighbour_leaves_it_open(run):
    """The article before left open (its last paragraph stops mid-sentence: the page may be its
    own), or the one after opening with no title area of its own (the page may be its opening):
    the advert's place names nothing."""
    _, issue = run
    prev, ad, nxt = issue.articles[1:4]
    ad = copy.deepcopy(ad)
    ad.evidence = [n for n in ad.evidence if n != "between_articles"]
    assert _between_articles(prev, ad, nxt)
    open_prev = copy.deepcopy(prev)
    last = next(b for b in reversed(open_prev.blocks) if b.role == Role.PARAGRAPH)
    last.text = last.text.rstrip("。！？”") + "，并且"
    assert not _between_articles(open_prev, ad, nxt)
    bare_next = copy.deepcopy(nxt)
    bare_next.evidence = [n for n in bare_next.evidence if n not in ("title_area", "contents")]
    assert not _between_articles(prev, ad, bare_next)
