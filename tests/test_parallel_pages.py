"""A long PDF read and laid out by two processes (extract's and layout's workers=2: the second half
of its pages in a forked process) gives exactly what one process gives: the same pages, lines,
sizes, warnings, glyph repairs and blocks, whether the second process finishes, fails, or is
never started."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from pipeline import extract as extract_module
from pipeline import layout as layout_module
from pipeline.extract import extract
from pipeline.forked import PARALLEL_MIN_PAGES, can_fork
from pipeline.layout import analyze
from pipeline.rules import Rules

SAMPLE = Path(__file__).parent.parent / "data" / "raw" / "issue-2026-v2n1-classic.pdf"

pytestmark = pytest.mark.skipif(not can_fork(), reason="no fork on this system")


def _same(a, b) -> None:
    assert [p.number for p in a.pages] == [p.number for p in b.pages]
    for pa, pb in zip(a.pages, b.pages, strict=True):
        assert pa == pb, pa.number
    assert a.warnings == b.warnings
    assert a.notes == b.notes
    assert a.title == b.title
    assert a.page_cpu.keys() == b.page_cpu.keys()


@pytest.fixture
def forks(monkeypatch):
    """The number of second readers started."""
    started = []
    real = extract_module.Forked

    def counting(*args):
        started.append(args)
        return real(*args)

    monkeypatch.setattr(extract_module, "Forked", counting)
    monkeypatch.setattr(layout_module, "Forked", counting)
    return started


def test_sample_issue_read_in_two_processes_is_read_the_same(forks):
    rules = Rules.load()
    assert pymupdf.open(SAMPLE).page_count >= PARALLEL_MIN_PAGES
    one = extract(SAMPLE, rules)
    assert not forks  # one worker: one process
    two = extract(SAMPLE, rules, workers=2)
    assert len(forks) == 1
    _same(one, two)
    # laid out: the blocks, and the raw lines the layout marks (a line a photo cuts short)
    laid_one, laid_two = analyze(one, rules), analyze(two, rules, workers=2)
    assert len(forks) == 2
    assert laid_one.pages == laid_two.pages
    assert any(ln.wrap_left or ln.wrap_right for p in laid_two.raw.pages for ln in p.lines)
    _same(laid_one.raw, laid_two.raw)
    # the blocks hold the raw pages' own lines, as when one process lays them out
    raw_ids = {id(ln) for p in laid_two.raw.pages for ln in p.lines}
    held = [ln for p in laid_two.pages for b in p.blocks for ln in b.lines]
    assert sum(id(ln) in raw_ids for ln in held) == sum(
        id(ln) in {id(x) for p in laid_one.raw.pages for x in p.lines}
        for ln in (ln for p in laid_one.pages for b in p.blocks for ln in b.lines)
    )


def _misprinted(path: Path, pages: int) -> Path:
    """A file whose font gives a hyphen as 鄄 (as Founder fonts do), with the evidence for it only
    on the last pages and a use of the character on the first ones: the repair of the first pages
    rests on what the second reader counts."""
    with pymupdf.open() as doc:
        for n in range(pages):
            page = doc.new_page()
            page.insert_text((72, 72), f"第{n + 1}页 正文", fontname="china-s", fontsize=10)
            if n < 2:
                page.insert_text((72, 100), "鄄一个字", fontname="china-s", fontsize=10)
            if n >= pages - 3:
                page.insert_text((72, 100), "COVID鄄19 well鄄known", fontname="china-s", fontsize=10)
        doc.save(path)
    return path


def test_glyph_evidence_counted_by_the_second_reader_repairs_the_first_pages(tmp_path, forks):
    rules = Rules.load()
    pdf = _misprinted(tmp_path / "misprinted.pdf", PARALLEL_MIN_PAGES)
    one = extract(pdf, rules)
    two = extract(pdf, rules, workers=2)
    assert len(forks) == 1
    _same(one, two)
    assert "COVID-19 well-known" in [ln.text for ln in two.pages[-1].lines]
    assert "-一个字" in [ln.text for ln in two.pages[0].lines]  # the font gives 鄄 wrongly throughout
    assert [w.code for w in two.warnings] == ["glyphs_repaired"]


def test_a_second_reader_that_fails_leaves_its_pages_to_the_first(tmp_path, forks, monkeypatch):
    rules = Rules.load()
    pdf = _misprinted(tmp_path / "misprinted.pdf", PARALLEL_MIN_PAGES)
    one = extract(pdf, rules)
    real = extract_module._read_back

    def dies_halfway(*args):
        for k, item in enumerate(real(*args)):
            if k == 5:
                raise RuntimeError("the second reader fails")
            yield item

    monkeypatch.setattr(extract_module, "_read_back", dies_halfway)
    two = extract(pdf, rules, workers=2)
    assert len(forks) == 1
    _same(one, two)


def test_a_short_file_is_read_by_one_process(tmp_path, forks):
    pdf = _misprinted(tmp_path / "short.pdf", PARALLEL_MIN_PAGES - 1)
    extract(pdf, Rules.load(), workers=2)
    assert not forks


def _rows(pdf: Path, rules: Rules, workers: int) -> dict:
    from pipeline.run import process

    _, rows = process(pdf, rules, workers=workers)
    for row in rows["issues"]:
        row.pop("ingested_at")  # the clock's, not the file's
    return rows


def test_tables_read_by_a_second_process_are_the_same(tmp_path, monkeypatch):
    """The whole run with two processes (pages read and laid out in halves, the later table areas
    read by AreaReader's process) writes the rows one process writes; and so it does when the
    second table reader fails."""
    from pipeline import tables as tables_module

    rules = Rules.load()
    sent = []
    real = tables_module.AreaReader.send

    def send(self, pages, known, tasks, *budgets):
        sent.append(tasks)
        return real(self, pages, known, tasks, *budgets)

    monkeypatch.setattr(tables_module.AreaReader, "send", send)
    one = _rows(SAMPLE, rules, 1)
    assert not sent
    assert len(one["tables"]) >= 2
    assert _rows(SAMPLE, rules, 2) == one
    assert len(sent) == 1 and sent[0]  # the later areas went to the other process

    def fails(*args):
        raise RuntimeError("the second table reader fails")
        yield

    monkeypatch.setattr(tables_module, "_serve_areas", fails)
    assert _rows(SAMPLE, rules, 2) == one


def test_tables_read_ahead_whole_by_the_second_process(monkeypatch):
    """The areas given to AreaReader's process after the layout stage, all answered before the
    tables stage looks: this process takes its answers, in order, and never opens pdfplumber."""
    import time

    from pipeline import tables as tables_module

    rules = Rules.load()
    one = _rows(SAMPLE, rules, 1)
    real_read, real_open = tables_module._read_plan, tables_module._open_plumber
    opened = []

    def read_plan(issue, doc, plan, rules, reader):
        deadline = time.monotonic() + 120
        while (
            reader.answered() < len(plan.tasks) and not reader.helper.failed and time.monotonic() < deadline
        ):
            time.sleep(0.05)  # the other process is given the time to answer every area
        assert reader.answered() == len(plan.tasks)
        return real_read(issue, doc, plan, rules, reader)

    def open_plumber(*args):
        opened.append(args)
        return real_open(*args)

    monkeypatch.setattr(tables_module, "_read_plan", read_plan)
    monkeypatch.setattr(tables_module, "_open_plumber", open_plumber)
    assert _rows(SAMPLE, rules, 2) == one
    assert not opened


@pytest.fixture
def slow_here(monkeypatch):
    """Pages read and laid out 20 ms slower in this process than in a forked one (the time is
    slept, not spent): the forked process takes most of the pages. Returns the forked helpers."""
    import os
    import time

    parent = os.getpid()
    for module, name in ((extract_module, "_read_lines"), (layout_module, "_lay_out")):
        real = getattr(module, name)

        def slow(*args, real=real):
            if os.getpid() == parent:
                time.sleep(0.02)
            return real(*args)

        monkeypatch.setattr(module, name, slow)
    helpers = []
    real_forked = extract_module.Forked

    def keeping(*args):
        helpers.append(real_forked(*args))
        return helpers[-1]

    monkeypatch.setattr(extract_module, "Forked", keeping)
    monkeypatch.setattr(layout_module, "Forked", keeping)
    return helpers


def test_pages_shared_by_what_each_process_has_time_for(tmp_path, slow_here):
    """The forked reader goes from the last page back until it meets this one: given the time, it
    reads most of the file, the glyph evidence (on the last pages only) with it, and the pages,
    repairs and layout are the ones one process makes."""
    rules = Rules.load()
    pdf = _misprinted(tmp_path / "misprinted.pdf", 2 * PARALLEL_MIN_PAGES)
    one = extract(pdf, rules)
    two = extract(pdf, rules, workers=2)
    assert len(slow_here) == 1 and len(slow_here[0].items) >= PARALLEL_MIN_PAGES
    _same(one, two)
    assert "-一个字" in [ln.text for ln in two.pages[0].lines]  # repaired by the other's evidence
    laid_one, laid_two = analyze(one, rules), analyze(two, rules, workers=2)
    assert len(slow_here) == 2 and len(slow_here[1].items) >= PARALLEL_MIN_PAGES
    assert laid_one.pages == laid_two.pages
