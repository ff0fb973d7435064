"""A turned table standing in a frame with upright lines inside it (its caption over it, its note
under it, set upright) is found and read turned upright in place. Fixture sideways-framed
(pipeline/sample/sideways.py --set framed): under a paragraph, a grid turned 90°; beside a column,
a three-line table turned 270°."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.models import TurnedRegion, WarningCode
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.sideways import region_back, region_move

PDF = Path(__file__).parent / "fixtures" / "sideways-framed.pdf"
KEY = PDF.with_suffix(".truth.json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("framed")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def test_turned_tables_in_frames_with_upright_lines_are_read(run):
    """Before: no region was found on either page (the frame round the upright caption grew the
    region over it; the turned columns, standing far apart with no turned caption to bridge them,
    made no group): one table read as printed (its head a column), the other a heap of vertical
    lines; cells 0.542."""
    out, issue = run
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"] == 4
    assert score["body_similarity"] == 1.0
    turned = {w.page for w in issue.warnings if w.code == WarningCode.PAGE_TURNED}
    assert turned == {7, 8}
    assert not [w for w in issue.warnings if w.code == WarningCode.VERTICAL_TEXT]
    path = out / "jsonl" / issue.meta.issue_id / "tables.jsonl"
    tables = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for truth in json.loads(KEY.read_text(encoding="utf-8"))["articles"][-1]["tables"][-2:]:
        got = next(t for t in tables if t["caption"] == truth["caption"])
        assert got["header"] == truth["header"] and got["notes"] == truth["notes"]


def test_a_frame_round_the_region_stretches_with_it():
    """A box round the whole region keeps its top left; its right side moves right by dx and its
    foot down by dy, as what stood right of and under the region does; and back again."""
    tr = TurnedRegion(90, (100.0, 200.0, 200.0, 600.0), 300.0, 0.0)
    frame = (80.0, 150.0, 520.0, 640.0)
    moved = region_move(tr, frame)
    x0, y0 = moved.e + moved.a * frame[0], moved.f + moved.d * frame[1]
    x1, y1 = moved.e + moved.a * frame[2], moved.f + moved.d * frame[3]
    assert (round(x0), round(y0), round(x1), round(y1)) == (80, 150, 820, 640)
    assert tuple(round(v) for v in region_back(tr, (80.0, 150.0, 820.0, 640.0))) == frame


def test_inspect_draws_a_partly_turned_page_as_read():
    """pipeline inspect draws a page with a region printed sideways as the stages read it: the
    region's text upright where the layout's table area stands (before: the page as printed, the
    table's frame drawn over white paper beside its turned cells)."""
    from pipeline.extract import extract
    from pipeline.inspect import _draw_as_read
    from pipeline.layout import analyze
    from pipeline.pdf import pymupdf

    rules = Rules.load()
    doc = pymupdf.open(PDF)
    laid = analyze(extract(PDF, rules, doc), rules)
    for number in (7, 8):
        raw = next(p for p in laid.raw.pages if p.number == number)
        table = next(b for b in laid.pages[number - 1].blocks if b.role == "table")
        drawn = pymupdf.open()
        page = drawn.new_page(width=raw.width, height=raw.height)
        _draw_as_read(page, doc, number - 1, raw.region)
        words = page.get_text("words", clip=pymupdf.Rect(table.bbox))
        lines = page.get_text("dict", clip=pymupdf.Rect(table.bbox))["blocks"]
        dirs = {tuple(round(v) for v in ln["dir"]) for b in lines for ln in b.get("lines", ())}
        assert len(words) >= 20 and dirs == {(1, 0)}  # the cells, upright, inside the table's frame
