"""Two facing pages on one PDF page (a spreads export): each half read as the page it is, every row
still naming the PDF page it is on, its box in that page's coordinates and its side; landscape
pages that are one page (slides, wide tables, reports) are never cut."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from pipeline.evaluate import evaluate
from pipeline.extract import extract
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.sample.impose import impose, remap_key, sheet_of, side_of
from pipeline.spreads import page_name, split_spreads

FIXTURES = Path(__file__).parent / "fixtures"
ONE_UP = FIXTURES / "tables-classic.pdf"  # spreads-tables.pdf is this file imposed 2-up
TWO_UP = FIXTURES / "spreads-tables.pdf"
SCORES = (
    "article_precision",
    "article_recall",
    "body_similarity",
    "paragraph_integrity",
    "table_cell_accuracy",
    "summary_precision",
    "summary_recall",
    "caption_recall",
    "page_start_acc",
    "page_end_acc",
)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load()


@pytest.fixture(scope="module")
def both(tmp_path_factory, rules):
    """The 1-up fixture and its 2-up imposition, each ingested and scored with its own key."""
    out = {}
    for pdf in (ONE_UP, TWO_UP):
        d = tmp_path_factory.mktemp(pdf.stem)
        issue = ingest_file(pdf, d, rules)
        out[pdf.stem] = (d, issue, evaluate(d, pdf.with_suffix(".truth.json"), issue.meta.issue_id))
    return out


def rows(out_dir: Path, issue, table: str) -> list[dict]:
    path = out_dir / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_fixture_is_its_one_up_source_imposed():
    """The committed 2-up fixture is what the producer makes of the 1-up one, key included: the
    cover alone, then facing pages, text layer kept (show_pdf_page wraps each page in a form)."""
    with pymupdf.open(ONE_UP) as one, pymupdf.open(TWO_UP) as two:
        assert len(two) == sheet_of(len(one))
        assert two[0].rect.width == one[0].rect.width  # the cover alone
        assert two[1].rect.width == 2 * one[1].rect.width
        text = "".join(two[1].get_text().split())
        assert "".join(one[1].get_text().split())[:200] in text
        assert "".join(one[2].get_text().split())[:200] in text
    key = json.loads(ONE_UP.with_suffix(".truth.json").read_text(encoding="utf-8"))
    assert remap_key(key) == json.loads(TWO_UP.with_suffix(".truth.json").read_text(encoding="utf-8"))


def test_two_up_scores_as_the_one_up(both):
    one, two = both["tables-classic"][2], both["spreads-tables"][2]
    assert {k: two[k] for k in SCORES} == {k: one[k] for k in SCORES}
    assert two["body_similarity"] == 1.0 and two["table_cell_accuracy"] == 1.0
    issue = both["spreads-tables"][1]
    assert [w.code for w in issue.warnings].count("spread_pages") == 1
    assert issue.layout.raw.pages[1].side == "left" and issue.layout.raw.pages[2].side == "right"
    # messages name pages as the PDF shows them
    assert [page_name(issue.layout.raw, n) for n in range(1, 7)] == [
        "1",
        "2 left",
        "2 right",
        "3 left",
        "3 right",
        "4",
    ]


def test_rows_say_the_pdf_page_its_coordinates_and_side(both):
    """Every block of the 2-up run is where the same block of the 1-up run is, moved onto its
    sheet: PDF page, side, and x shifted by the width of the page to its left."""
    d1, i1, _ = both["tables-classic"]
    d2, i2, _ = both["spreads-tables"]
    width = pymupdf.open(ONE_UP)[0].rect.width
    one = {b["text"]: b for b in rows(d1, i1, "blocks")}
    two = rows(d2, i2, "blocks")
    assert len(two) == len(one)
    for b in two:
        a = one[b["text"]]
        side = side_of(a["page"], 6)
        assert (b["page"], b["side"]) == (sheet_of(a["page"]), side)
        assert b["pages"] == sorted({sheet_of(p) for p in a["pages"]})
        shift = width if side == "right" else 0.0
        assert abs(b["x0"] - (a["x0"] + shift)) < 0.5 and abs(b["x1"] - (a["x1"] + shift)) < 0.5
        assert abs(b["y0"] - a["y0"]) < 0.5
    tables = rows(d2, i2, "tables")
    assert tables and all(t["side"] in ("left", "right") for t in tables)
    assert rows(d2, i2, "issues")[0]["page_count"] == 4  # PDF pages, not pages read
    furniture = rows(d2, i2, "furniture")
    assert {(f["page"], f["side"]) for f in furniture if f["kind"] == "folio"} >= {(2, "left"), (2, "right")}


def _crossing_headline(tmp_path: Path) -> tuple[Path, str]:
    """The fixture's source imposed, with a headline set across the fold of its second sheet, in
    the head margin: it runs over both pages as spreads print one."""
    src = tmp_path / "spreads.pdf"
    impose(ONE_UP, src)
    headline = "Across the fold of two facing pages"
    with pymupdf.open(src) as doc:
        page = doc[1]
        page.insert_text((page.rect.width / 2 - 150, 30), headline, fontsize=18)
        doc.save(tmp_path / "crossing.pdf")
    return tmp_path / "crossing.pdf", headline


def test_a_headline_across_the_fold_stays_whole_and_the_rest_is_split(tmp_path, rules):
    pdf, headline = _crossing_headline(tmp_path)
    raw = extract(pdf, rules)  # extraction splits: each side's lines rebuilt from its glyphs
    assert [p.side for p in raw.pages] == [None, "left", "right", "left", "right", None]
    crossing = [w for w in raw.warnings if w.code == "spread_crossing"]
    assert len(crossing) == 1 and crossing[0].page == 2 and crossing[0].bbox is not None
    held = [ln for p in raw.pages for ln in p.lines if headline in ln.text]
    assert len(held) == 1 and held[0].page == 2  # whole, on the side holding most of it
    issue = ingest_file(pdf, tmp_path / "out", rules)
    score = evaluate(tmp_path / "out", TWO_UP.with_suffix(".truth.json"))
    # the rest read as without the headline (the key does not know it: it costs only its own length)
    assert (
        score["paragraph_integrity_article"] == score["article_recall"] == score["table_cell_accuracy"] == 1.0
    )
    assert score["body_similarity"] > 0.99
    # the headline is in one row, as printed, on its PDF page, its box across the fold
    found = [
        r
        for table in ("blocks", "residue", "furniture")
        for r in rows(tmp_path / "out", issue, table)
        if headline in (r.get("text") or "")
    ]
    assert len(found) == 1 and found[0]["page"] == 2
    assert found[0]["x0"] < 595 < found[0]["x1"]


def _landscape(tmp_path: Path) -> Path:
    """Landscape pages that are one page each, though their middle may be empty: a two-column
    report with one page number, a slide whose columns leave the middle empty, a wide table."""
    doc = pymupdf.open()
    para = "Quarterly figures for every region are reported here by month and by product line. " * 4
    for n in range(1, 4):
        page = doc.new_page(width=842, height=595)
        page.insert_textbox(pymupdf.Rect(40, 60, 405, 540), para * 4, fontsize=9)
        page.insert_textbox(pymupdf.Rect(437, 60, 802, 540), para * 4, fontsize=9)
        page.insert_text((415, 575), str(n), fontsize=9)  # one folio, centred
    slide = doc.new_page(width=960, height=540)
    slide.insert_text((60, 60), "Results", fontsize=28)
    slide.insert_textbox(pymupdf.Rect(60, 100, 450, 500), "• Revenue grew\n• Costs fell\n" * 6, fontsize=16)
    slide.insert_textbox(pymupdf.Rect(510, 100, 900, 500), "• Margin rose\n• Staff grew\n" * 6, fontsize=16)
    slide.insert_text((60, 525), "2024", fontsize=9)  # a date and the slide's number: no facing folios
    slide.insert_text((880, 525), "12", fontsize=9)
    table = doc.new_page(width=842, height=595)
    for r in range(20):
        for c in range(8):
            table.insert_text((40 + c * 100, 60 + r * 24), f"{r * c + 1:,}", fontsize=9)
    doc.save(tmp_path / "landscape.pdf")
    return tmp_path / "landscape.pdf"


def _unsplit(raw) -> bool:
    return all(p.side is None and p.sheet is None for p in raw.pages) and not any(
        w.code == "spread_pages" for w in raw.warnings
    )


def test_landscape_pages_that_are_one_page_are_not_split(tmp_path, rules):
    assert _unsplit(extract(_landscape(tmp_path), rules))
    for pdf in sorted((FIXTURES / "odd-pdfs").glob("*.pdf")):
        try:
            raw = extract(pdf, rules)
        except Exception:  # noqa: BLE001 - refused files have no pages to split
            continue
        assert _unsplit(raw), pdf.name


def test_without_the_glyphs_lines_go_to_the_side_holding_most(tmp_path, rules, monkeypatch):
    """split_spreads on the whole pages' lines alone (no re-read): the same pages and sides, the
    crossing headline kept whole on one side and warned about."""
    pdf, headline = _crossing_headline(tmp_path)
    monkeypatch.setattr("pipeline.extract.split_spreads", lambda raw, halves=None: raw)
    whole = extract(pdf, rules)
    assert _unsplit(whole)
    raw = split_spreads(whole)
    assert [p.side for p in raw.pages] == [None, "left", "right", "left", "right", None]
    assert [p.sheet for p in raw.pages] == [1, 2, 2, 3, 3, 4]
    held = [ln for p in raw.pages for ln in p.lines if headline in ln.text]
    assert len(held) == 1 and [w.code for w in raw.warnings].count("spread_crossing") == 1


def test_corrections_address_the_pdf_page_the_rows_show(both, tmp_path, rules):
    """A correction copied from the rows (PDF page, text) finds its block on either half."""
    import yaml

    d2, i2, _ = both["spreads-tables"]
    blocks = rows(d2, i2, "blocks")
    picked = [
        next(b for b in blocks if b["side"] == side and b["type"] == "paragraph" and len(b["text"]) > 20)
        for side in ("left", "right")
    ]
    fixes = tmp_path / "fixes.yaml"
    entries = [{"block": {"page": b["page"], "text": b["text"][:12]}, "type": "pull_quote"} for b in picked]
    fixes.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    issue = ingest_file(TWO_UP, tmp_path / "out", rules, corrections=fixes)
    done = rows(tmp_path / "out", issue, "corrections")
    assert [r["applied"] for r in done] == [True, True]
    assert [(r["page"], r["side"]) for r in done] == [(b["page"], b["side"]) for b in picked]
    after = {b["text"]: b for b in rows(tmp_path / "out", issue, "blocks")}
    for b in picked:
        assert after[b["text"]]["type"] == "pull_quote"
        assert (after[b["text"]]["page"], after[b["text"]]["side"]) == (b["page"], b["side"])
