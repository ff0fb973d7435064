"""`make fuzz-pdf` in small: every PDF gets an answer, and nothing an accepted one shows is lost.

A fixed subset: one seeded mutation of each kind (pipeline/sample/mutate.py) of a fixture, and
the odd PDFs from PDF libraries' test suites in tests/fixtures/odd-pdfs (MANIFEST.md). Each is
ingested or refused with one line naming the file; no other exception, nothing written for a
refused file, and an accepted file has its characters in the output tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import regions
from pipeline.errors import IngestError
from pipeline.models import ResidueReason
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.sample.mutate import SEEDED, seeded

FIXTURES = Path(__file__).parent / "fixtures"
SOUND = FIXTURES / "news-classic.pdf"
ODD = sorted((FIXTURES / "odd-pdfs").glob("*.pdf"))
RULES = Rules.load()


def _check(pdf: Path, out: Path) -> str:
    try:
        issue = ingest_file(pdf, out, RULES)
    except IngestError as e:
        assert str(e).startswith(str(pdf)) and "\n" not in str(e) and e.reason
        assert not out.exists() or not any(out.rglob("*.parquet")), "a refused file left output"
        return "refused"
    c = issue.conservation
    # every character in some output table (the residue table included), most of what a reader
    # sees and reads in content rows (text no reader sees, such as a damaged stream's glyphs set
    # far off the page, is residue of reason hidden by design)
    assert c.claimed + c.residue >= 0.98 * c.chars, (pdf.name, c)
    hidden = sum(len("".join(r.text.split())) for r in issue.residue if r.reason == ResidueReason.HIDDEN)
    assert c.claimed >= 0.95 * (c.chars - hidden), (pdf.name, c, hidden)
    assert all(a.blocks or a.tables or a.title_zh or a.title_en for a in issue.articles), "an empty unit"
    return "ok"


@pytest.mark.parametrize("seed", range(len(SEEDED)))
def test_each_kind_of_damage_is_ingested_or_refused_cleanly(tmp_path, seed):
    name, data = seeded(SOUND.read_bytes(), seed)
    pdf = tmp_path / f"{seed:02d}-{name}.pdf"
    pdf.write_bytes(data)
    _check(pdf, tmp_path / "out")


# the files of the subset that must be refused, and why; every other one must be read
REFUSED = {
    "pdfminer-aes-256-r6.pdf": "encrypted PDF",
    "pdfplumber-issue-297-example.pdf": "no text layer",
}


@pytest.mark.parametrize("pdf", ODD, ids=[p.name for p in ODD])
def test_odd_pdfs_from_other_libraries_test_suites(tmp_path, pdf):
    if pdf.name in REFUSED:
        with pytest.raises(IngestError, match=REFUSED[pdf.name]):
            ingest_file(pdf, tmp_path / "out", RULES)
    assert _check(pdf, tmp_path / "out") == ("refused" if pdf.name in REFUSED else "ok")


# make fuzz-pdf's mutations of the classic sample that crashed: pdfplumber opened the damaged file,
# saw another page count, and closing it walked pages it could not parse (a MediaBox of None)
@pytest.mark.parametrize("seed", [37, 40])
def test_a_damaged_file_pdfplumber_cannot_close_is_still_answered(tmp_path, seed):
    sample = Path(__file__).parent.parent / "data" / "raw" / "issue-2026-v2n1-classic.pdf"
    name, data = seeded(sample.read_bytes(), seed)
    pdf = tmp_path / f"{seed:02d}-{name}.pdf"
    pdf.write_bytes(data)
    assert _check(pdf, tmp_path / "out") == "ok"


# A page of vector art (pdf.js's issue12810: 87,577 strokes on one page) was accepted once its few
# words counted as a text layer, and then never answered: the regions stage tried every pair of
# its pieces for touching (and every shading against every one before it). Reproduced here by a
# page of the fixture drawn over with tens of thousands of hair-line strokes.
def test_a_page_of_many_thousand_strokes_is_read(tmp_path):
    from pipeline.sample.mutate import stalling_page

    pdf = tmp_path / "strokes.pdf"
    pdf.write_bytes(stalling_page(SOUND.read_bytes(), page=2, segments=40_000))
    assert _check(pdf, tmp_path / "out") == "ok"


def _random_boxes(rng, n: int, spread: float) -> list[tuple]:
    out = []
    for _ in range(n):
        x, y = rng.uniform(0, spread), rng.uniform(0, spread)
        out.append((x, y, x + rng.choice([0, 0.5, 3, 20, 90]), y + rng.choice([0, 0.5, 3, 20])))
    return out


def test_touching_groups_by_grid_are_the_groups_of_every_pair():
    import random

    from pipeline.regions import connected, touching

    rng = random.Random(3)
    for _ in range(300):
        boxes, tol = _random_boxes(rng, rng.randint(0, 60), 250), rng.choice([0.5, 1.0, 2.0, 6.0])
        assert regions._touching_groups(boxes, tol) == connected(boxes, touching(tol))


def test_touching_groups_of_many_pieces_try_few_pairs():
    """Line art: 30,000 short strokes. Every pair would be 450 million tries."""
    import random

    from pipeline.regions import connected, grid_cells, touching

    rng = random.Random(4)
    boxes = _random_boxes(rng, 30_000, 1500)
    tries = 0
    test = touching(6.0)

    def counted(a, b):
        nonlocal tries
        tries += 1
        return test(a, b)

    groups = connected(boxes, counted, cells=grid_cells(6.0))
    assert sum(len(g) for g in groups) == len(boxes)
    assert tries < 20 * len(boxes)


def test_stacked_shadings_join_as_comparing_each_with_all_before():
    """The swept join of stacked shadings gives what trying each shading against every one
    before it gave (the latest that fits takes it)."""
    import dataclasses
    import random

    from pipeline.models import Rect

    def every_pair(rects):
        out = []
        for r in sorted(rects, key=lambda r: (r.bbox[1], r.bbox[0])):
            last = next(
                (
                    o
                    for o in reversed(out)
                    if o.filled and r.filled and not o.stroked and not r.stroked and o.fill == r.fill
                    and abs(o.bbox[0] - r.bbox[0]) < 2 and abs(o.bbox[2] - r.bbox[2]) < 2
                    and -1 <= r.bbox[1] - o.bbox[3] <= 2
                ),
                None,
            )  # fmt: skip
            if last is None:
                out.append(r)
            else:
                out[out.index(last)] = dataclasses.replace(
                    last, bbox=(*last.bbox[:3], max(last.bbox[3], r.bbox[3]))
                )
        return out

    rng = random.Random(5)
    for _ in range(300):
        rects = []
        for _ in range(rng.randint(0, 40)):
            x0, y0 = rng.choice([10, 10.5, 11.9, 50]), rng.uniform(0, 150)
            box = (x0, y0, x0 + rng.choice([100, 100.8, 101.5, 60]), y0 + rng.choice([5, 10, 12]))
            fill = rng.choice([(0.9, 0.9, 0.9), (1, 1, 1), None])
            rects.append(Rect(box, filled=rng.random() < 0.8, stroked=rng.random() < 0.2, fill=fill))
        for k in range(rng.randint(0, 5)):  # a box shaded paragraph by paragraph
            box = (10, 100 + 10 * k + rng.uniform(-1, 2), 110, 110 + 10 * k)
            rects.append(Rect(box, filled=True, stroked=False, fill=(0.9, 0.9, 0.9)))
        assert regions._stacked_shadings(rects) == every_pair(rects)
