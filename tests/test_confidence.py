"""Honest confidence: a unit's confidence comes from the evidence for and against it, so units
that are wrong say so even when a decision went the wrong way."""

from __future__ import annotations

from pathlib import Path

from pipeline import skeleton
from pipeline.evaluate import evaluate
from pipeline.rules import Rules
from pipeline.run import ingest_file

FIXTURES = Path(__file__).parent / "fixtures"


def test_units_display_type_opened_say_they_are_doubtful(tmp_path, monkeypatch):
    """Force every local opening to stand (pull quotes open units, as before the skeleton): the
    fragments that makes are wrong units, and each says so (<= 0.5), while the right ones stay
    sure (>= 0.8); the calibration metric sees both."""
    monkeypatch.setattr(skeleton, "_keep", lambda op, has_contents, any_entries: True)
    pdf = FIXTURES / "skeleton-bare.pdf"
    issue = ingest_file(pdf, tmp_path, Rules.load())
    score = evaluate(tmp_path, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["n_units_wrong"] >= 4 and score["article_precision"] < 1.0
    assert score["conf_wrong_max"] <= 0.5 and score["conf_right_sure"] in (None, 1.0)
    # the fragments (display type taken for titles) and the articles they cut short both know it
    fragments = [a for a in issue.articles if a.kind == "article" and "no_title_area" in a.evidence]
    cut = [a for a in issue.articles if a.kind == "article" and "title_area" in a.evidence]
    assert len(fragments) == len(cut) == 3
    assert all({"repeats_body", "text_before_open"} <= set(a.evidence) for a in fragments)
    assert all("continues_after" in a.evidence and a.confidence <= 0.5 for a in cut)


def test_every_fixture_unit_confidence_is_calibrated(tmp_path):
    """The units of a fixture read right are sure, from the evidence of their own pages."""
    rules = Rules.load()
    for name in ("skeleton-quotes", "contents-tricky", "roundup-dense"):
        pdf = FIXTURES / f"{name}.pdf"
        issue = ingest_file(pdf, tmp_path / name, rules)
        score = evaluate(tmp_path / name, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
        assert score["n_units_wrong"] == 0 and score["conf_right_sure"] == 1.0, (name, score)
        assert all(a.evidence for a in issue.articles if a.kind == "article")
