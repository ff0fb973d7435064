"""`make fuzz-pdf` in small: every PDF gets an answer, and nothing an accepted one shows is lost.

A fixed subset: one seeded mutation of each kind (pipeline/sample/mutate.py) of a fixture, and
the odd PDFs from PDF libraries' test suites in tests/fixtures/odd-pdfs (MANIFEST.md). Each is
ingested or refused with one line naming the file; no other exception, nothing written for a
refused file, and an accepted file has its characters in the output tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import IngestError
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
    # every character in some output table (the residue table included), most in content rows
    assert c.claimed + c.residue >= 0.98 * c.chars, (pdf.name, c)
    assert c.coverage >= 0.95, (pdf.name, c)
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
