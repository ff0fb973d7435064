"""Memory bounded by a page window, not by the page count: reading a file twice as long must not
need twice the working memory. Measured with tracemalloc (Python's own allocations, exact and
the same on a busy machine), never with time."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pymupdf

from pipeline.extract import extract
from pipeline.rules import Rules

FIXTURE = Path(__file__).parent / "fixtures" / "news-classic.pdf"


def _copies(tmp_path: Path, n: int) -> Path:
    """The fixture bound n times over: a volume of n issues."""
    path = tmp_path / f"volume-{n}.pdf"
    with pymupdf.open(FIXTURE) as one, pymupdf.open() as vol:
        for _ in range(n):
            vol.insert_pdf(one)
        vol.save(path)
    return path


def _working_memory(path: Path, rules: Rules) -> tuple[int, int]:
    """(peak bytes while extracting above what the result keeps, bytes the result keeps)."""
    tracemalloc.start()
    try:
        raw = extract(path, rules)
        gc.collect()  # what the result keeps, not garbage the collector has not reached yet
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert raw.pages
    return peak - kept, kept


def test_extract_working_memory_is_a_page_window_not_the_file(tmp_path):
    """What extract keeps (the pages' lines) grows with the pages; what it needs on top while
    reading (a page's glyphs, ~100 times its lines) must not: 2N pages need about what N pages need."""
    rules = Rules.load()
    small, large = _copies(tmp_path, 3), _copies(tmp_path, 6)
    _working_memory(small, rules)  # imports and one-time caches out of the measure
    work_n, kept_n = _working_memory(small, rules)
    work_2n, kept_2n = _working_memory(large, rules)
    assert kept_2n > 1.5 * kept_n  # the result does grow with the pages (the measure sees them)
    assert work_2n < 1.3 * work_n, (work_n, work_2n)
