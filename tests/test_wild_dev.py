"""The five real journal articles of ../shared/wild-dev, scored against their light keys as `make eval`
scores them (pipeline/evaluate_light.py), so that a regression there fails `make test`, not only
shows in a table after `make eval`. Each PDF is ingested once per session (a module-scoped fixture);
the folder is test material only, read in place and never copied. Skipped where it is not there.

Every column that reads 1.00 (or 0 leaked, 0 spurious) on all five is asserted for each file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

WILD = Path(__file__).resolve().parents[2] / "shared" / "wild-dev"
PDFS = sorted(WILD.glob("*.pdf")) if WILD.is_dir() else []
NAMES = [p.stem for p in PDFS if (WILD / "keys" / f"{p.stem}.json").is_file()]

pytestmark = pytest.mark.skipif(not NAMES, reason="needs ../shared/wild-dev (real journal PDFs and keys)")

WHOLE = (
    "article_found",
    "title_en_ok",
    "authors_ok",
    "abstract_zh_ok",
    "abstract_en_ok",
    "paragraph_integrity",
)
LEAKS = ("front_matter_leak", "running_head_leak", "caption_leak")


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict]:
    """Each wild-dev PDF ingested (rules chosen per PDF, as ingest and eval-samples choose them) and
    scored against its light key."""
    from pipeline.choose import RulesChooser
    from pipeline.evaluate_light import evaluate_light
    from pipeline.run import ingest_file

    chooser = RulesChooser("auto")
    root = tmp_path_factory.mktemp("wild-dev")
    out = {}
    for name in NAMES:
        pdf = WILD / f"{name}.pdf"
        ingest_file(pdf, root / name, chooser.for_pdf(pdf))
        out[name] = evaluate_light(root / name, WILD / "keys" / f"{name}.json")
    return out


def test_the_five_are_there():
    """The folder holds the five articles SOURCES.md lists, each with its key (a missing one would
    silently shrink what is scored)."""
    assert len(NAMES) == 5, NAMES
    for name in NAMES:
        key = json.loads((WILD / "keys" / f"{name}.json").read_text(encoding="utf-8"))
        assert key["paragraphs"] and key["title_zh"]


@pytest.mark.parametrize("name", NAMES)
def test_paper_read_whole(scores, name):
    """The paper is found by its title, with its English title, authors, both abstracts and every
    keyed paragraph as one paragraph block."""
    res = scores[name]
    assert {m: res[m] for m in WHOLE} == dict.fromkeys(WHOLE, 1.0), name


@pytest.mark.parametrize("name", NAMES)
def test_nothing_leaks_into_the_body(scores, name):
    """No front-matter line, running head or caption inside the body text, and no unit of another
    kind than article."""
    res = scores[name]
    assert {m: res[m + "_hits"] for m in LEAKS} == dict.fromkeys(LEAKS, []), name
    assert res["spurious_units"] == 0, name
