"""A page printed sideways without /Rotate (a landscape table turned inside the content stream of a
portrait page) is read as the reader turns it: its text in reading order, its table's cells, its
caption and note; every box still in the page's own coordinates. On the sideways-tables fixture
(pipeline/sample/sideways.py: tables-classic with two such pages, turned 90° and 270°)."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from conftest import turned_by_rotate

from pipeline.evaluate import evaluate
from pipeline.extract import extract
from pipeline.rules import Rules
from pipeline.run import ingest_file

FIXTURES = Path(__file__).parent / "fixtures"
PDF = FIXTURES / "sideways-tables.pdf"
KEY = json.loads(PDF.with_suffix(".truth.json").read_text(encoding="utf-8"))
TURNED = {7: 90, 8: 270}  # the pages the producer added, and how it turned them


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load()


@pytest.fixture(scope="module")
def run(tmp_path_factory, rules):
    out = tmp_path_factory.mktemp("sideways")
    issue = ingest_file(PDF, out, rules)
    return out, issue


def _rows(out: Path, issue, table: str) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_fixture_turns_its_pages_in_the_content_stream():
    """What the fixture is for (a check on the producer): the added pages are portrait, /Rotate 0,
    and MuPDF reports their lines running up (turned 90°) or down (270°), but for the running head
    and the folio, upright in the head and foot bands."""
    with pymupdf.open(PDF) as doc:
        for number, turn in TURNED.items():
            page = doc[number - 1]
            assert page.rotation == 0 and page.rect.width < page.rect.height
            lines = [ln for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])]
            dirs = {tuple(round(v) for v in ln["dir"]) for ln in lines}
            assert dirs == {(0, -1) if turn == 90 else (0, 1), (1, 0)}
            upright = [ln for ln in lines if round(ln["dir"][0]) == 1]
            assert all(ln["bbox"][3] < 50 or ln["bbox"][1] > 790 for ln in upright)
            assert str(number) in {"".join(s["text"] for s in ln["spans"]) for ln in upright}


def test_turned_pages_are_read_upright_and_no_other(rules):
    """Only the pages most of whose text is turned are read turned, as the landscape pages they
    were typeset as: the vertical titles, tabs and credits of vertical-news leave its pages as
    they stand."""
    raw = extract(PDF, rules)
    assert {p.number: p.turn for p in raw.pages if p.turn} == TURNED
    for p in raw.pages:
        if p.turn:  # read as the landscape page it was typeset as, its lines left to right
            assert p.width > p.height
            # only the upright running head and folio run down it, along its side edges
            side = [ln for ln in p.lines if ln.vertical]
            assert side and all(ln.x1 < 60 or ln.x0 > p.width - 60 for ln in side)
    assert not [p.number for p in extract(FIXTURES / "vertical-news.pdf", rules).pages if p.turn]


def test_the_turned_pages_text_and_tables_read_as_printed(run):
    """Body text in reading order, each table's cells, caption and note: every score 1.000 (before:
    body similarity 0.963, table cells 0.398, the turned tables read as tall lines of one cell)."""
    out, issue = run
    score = evaluate(out, PDF.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"] == 4
    assert score["body_similarity"] == 1.0 and score["paragraph_integrity_article"] == 1.0, score
    tables = {t["page"]: t for t in _rows(out, issue, "tables")}
    for truth in KEY["articles"][-1]["tables"][-2:]:
        (page,) = [n for n, t in tables.items() if t["header"] == truth["header"]]
        assert page in TURNED
        assert tables[page]["caption"] == truth["caption"] and tables[page]["notes"] == truth["notes"]
        assert tables[page]["rows"] == truth["rows"]


def test_the_upright_running_head_and_folio_of_a_turned_page_are_its_furniture(run):
    """The running head and folio printed upright on a turned page run down its side once the page
    is turned: they are still the page's furniture, the folio its own number, in the page's head
    and foot bands, never body text."""
    out, issue = run
    furniture = [f for f in _rows(out, issue, "furniture") if f["page"] in TURNED]
    folios = {f["page"]: f for f in furniture if f["kind"] == "folio"}
    assert {n: f["text"] for n, f in folios.items()} == {n: str(n) for n in TURNED}
    assert all(f["y0"] > 790 for f in folios.values())
    heads = [f for f in furniture if f["kind"] == "running_head"]
    assert sorted(f["page"] for f in heads) == sorted(TURNED) and all(f["y1"] < 50 for f in heads)
    body = "".join(b["text"] for b in _rows(out, issue, "blocks") if b["page"] in TURNED)
    assert "Focus" not in body and "2026年第2卷第1期" not in body


def test_each_turned_page_is_warned_and_boxes_stay_in_its_own_coordinates(run):
    """A page_turned warning names each turned page (and no other); every row's box on them is in
    the portrait page's coordinates, where MuPDF reports the text: the paragraph's tall and
    narrow, over the turned lines it was read from."""
    out, issue = run
    warned = [w for w in _rows(out, issue, "warnings") if w["code"] == "page_turned"]
    assert sorted(w["page"] for w in warned) == sorted(TURNED)
    assert all(w["x0"] is None and f"page {w['page']} printed sideways" in w["message"] for w in warned)
    with pymupdf.open(PDF) as doc:
        for table in ("blocks", "tables", "captions", "residue"):
            for r in _rows(out, issue, table):
                if r.get("page") not in TURNED:
                    continue
                page = doc[r["page"] - 1]
                box = pymupdf.Rect(r["x0"], r["y0"], r["x1"], r["y1"])
                assert page.rect.contains(box), (table, r)
                if table == "blocks":
                    assert box.height > 5 * box.width
                    lines = [  # the paragraph's own lines (not a table cell it happens to name)
                        pymupdf.Rect(ln["bbox"])
                        for b in page.get_text("dict")["blocks"]
                        for ln in b.get("lines", [])
                        if len(text := "".join(s["text"] for s in ln["spans"])) > 20 and text in r["text"]
                    ]
                    assert lines and all(box.intersects(ln) for ln in lines)


def test_sideways_pages_turned_again_by_rotate_read_the_same(tmp_path, rules):
    """The same file drawn sideways and turned upright by /Rotate (a page turned both ways): read
    the same."""
    issue = ingest_file(turned_by_rotate(PDF, tmp_path / "rotated.pdf"), tmp_path / "out", rules)
    score = evaluate(tmp_path / "out", PDF.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["body_similarity"] == 1.0, score
    assert sorted(w.page for w in issue.warnings if w.code == "page_turned") == sorted(TURNED)


def test_inspect_draws_a_turned_page_upright(tmp_path, rules):
    """pipeline inspect shows a turned page as the stages read it (landscape, the overlay on its
    text), not the portrait page with the frames beside what they frame."""
    from pipeline.inspect import draw_pages

    (png,) = draw_pages(PDF, rules, "7", tmp_path, dpi=20)
    pix = pymupdf.Pixmap(str(png))
    assert pix.width > pix.height


MERGED = FIXTURES / "sideways-merged.pdf"


def test_merged_cells_of_a_turned_table_are_found_as_upright_ones_are(tmp_path, rules):
    """A ruled grid on a page printed sideways (sideways.py --set merged: a head over two columns,
    region names down the first column over their provinces) is read by pdfplumber on the page
    turned upright, as an upright grid is: each merged cell's text repeated in every cell it
    covers, its span on its top-left cell, each cell's box in the portrait page's coordinates.
    Before: read by the alignment of its lines, 专利授权（件）发明 one cell and 东部 in one row of
    its four: cells 0.504."""
    out = tmp_path / "out"
    issue = ingest_file(MERGED, out, rules)
    score = evaluate(out, MERGED.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"]
    # the turned page's last paragraph is the table's title over it, no sentence left open
    assert score["conf_right_sure"] == 1.0
    (table,) = [t for t in _rows(out, issue, "tables") if t["page"] == 7]
    truth = json.loads(MERGED.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][-1][
        "tables"
    ][-1]
    assert table["header"] == truth["header"] and table["rows"] == truth["rows"]
    cells = {
        (c["row"], c["col"]): c
        for c in _rows(out, issue, "table_cells")
        if c["table_id"] == table["table_id"]
    }
    assert (cells[(0, 2)]["rowspan"], cells[(0, 2)]["colspan"]) == (1, 2)  # 专利授权 over 发明, 实用新型
    assert (cells[(0, 0)]["rowspan"], cells[(0, 0)]["colspan"]) == (2, 1)  # 区域 over both head rows
    assert (cells[(2, 0)]["rowspan"], cells[(2, 0)]["text"]) == (4, "东部")  # over its four provinces
    assert [cells[(r, 0)]["text"] for r in range(2, 12)] == ["东部"] * 4 + ["中部"] * 3 + ["西部"] * 3
    with pymupdf.open(MERGED) as doc:
        page = doc[6]
        for (r, c), cell in cells.items():  # each box on the portrait page, over the glyphs it holds
            box = pymupdf.Rect(cell["x0"], cell["y0"], cell["x1"], cell["y1"])
            assert page.rect.contains(box) and box.height > box.width * 0.2, (r, c)
        beijing = cells[(2, 1)]
    # the page's only upright lines, its running head and folio, are its furniture on one turned
    # page too (the folio runs with the pages' folios; before: read as a heading '7')
    folios = [f for f in _rows(out, issue, "furniture") if f["page"] == 7 and f["kind"] == "folio"]
    assert [f["text"] for f in folios] == ["7"]
    assert not [b for b in _rows(out, issue, "blocks") if b["page"] == 7]
    with pymupdf.open(MERGED) as doc:
        page = doc[6]
        words = page.get_text(
            "words", clip=pymupdf.Rect(beijing["x0"], beijing["y0"], beijing["x1"], beijing["y1"])
        )
        assert "".join(w[4] for w in words) == "北京"


PARTIAL = FIXTURES / "sideways-partial.pdf"


def test_a_region_printed_sideways_on_an_upright_page_is_read_upright_as_a_table(tmp_path, rules):
    """Pages partly upright (sideways.py --set partial): p. 7 an upright paragraph over a
    three-line table turned 90°, p. 8 an upright column beside a grid turned 270°. The turned
    region is read upright in place and as a table (caption, note, every cell), the upright text
    as it stands; every box back in the page's own coordinates, over the glyphs it names. Before:
    the tables' lines read as vertical text (cells 0.516, body 0.969)."""
    raw = extract(PARTIAL, rules)
    regions = {p.number: p.region for p in raw.pages if p.region}
    assert {n: r.turn for n, r in regions.items()} == {7: 90, 8: 270}
    assert not [p.number for p in raw.pages if p.turn]  # no page read turned whole
    assert not [ln for p in raw.pages[6:] for ln in p.lines if ln.vertical]  # no line read vertical
    out = tmp_path / "out"
    issue = ingest_file(PARTIAL, out, rules)
    score = evaluate(out, PARTIAL.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == score["n_truth_tables"] == 4
    assert score["body_similarity"] == 1.0 and score["paragraph_integrity_article"] == 1.0
    assert score["conf_right_sure"] == 1.0
    key = json.loads(PARTIAL.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][-1]
    tables = {t["page"]: t for t in _rows(out, issue, "tables") if t["page"] in (7, 8)}
    for page, truth in zip((7, 8), key["tables"][-2:], strict=True):
        got = tables[page]
        assert (got["caption"], got["header"], got["rows"], got["notes"]) == (
            truth["caption"], truth["header"], truth["rows"], truth["notes"]
        )  # fmt: skip
    with pymupdf.open(PARTIAL) as doc:
        cells = [c for c in _rows(out, issue, "table_cells") if c["page"] in (7, 8)]
        blocks = [b for b in _rows(out, issue, "blocks") if b["page"] in (7, 8)]
        assert len(cells) == sum((len(t["rows"]) + 1) * t["n_cols"] for t in tables.values())
        for row in [*cells, *blocks, *tables.values()]:
            page = doc[row["page"] - 1]
            box = pymupdf.Rect(row["x0"], row["y0"], row["x1"], row["y1"])
            assert page.rect.contains(box), row
            text = row.get("text") or ""
            if text:  # the box holds the text it names, on the page as printed
                assert page.get_text("text", clip=box).replace("\n", "").startswith(text[:12]), row
        # the turned cells run across the page as printed: a row's cells one above the other
        beijing = [c for c in cells if c["page"] == 7 and c["row"] == 1]
        assert len({round(c["x0"]) for c in beijing}) == 1 and len({round(c["y0"]) for c in beijing}) == 5
    warned = [w for w in _rows(out, issue, "warnings") if w["code"] == "page_turned"]
    assert sorted(w["page"] for w in warned if w["page"] in (7, 8)) == [7, 8]
    assert all("a region of page" in w["message"] for w in warned if w["page"] in (7, 8))


def test_a_turned_page_with_an_upright_running_head_and_folio_is_turned_whole(rules):
    """The region rule leaves a page turned whole with only its furniture upright (sideways-tables'
    pages 7 and 8) to the whole-page turn, and finds no region on upright pages with vertical
    titles, tabs and credits (vertical-news)."""
    raw = extract(PDF, rules)
    assert {p.number: p.turn for p in raw.pages if p.turn} == TURNED
    assert not [p.number for p in raw.pages if p.region]
    assert not [p.number for p in extract(FIXTURES / "vertical-news.pdf", rules).pages if p.region]


@pytest.mark.parametrize(
    "name",
    [
        "sideways-tables.pdf",
        "sideways-partial.pdf",
        "vertical-news.pdf",
        "vertical-browser.pdf",
        "jumps-runin.pdf",
    ],
)
def test_the_quick_check_lets_through_every_page_the_count_turns(name):
    """sideways.may_turn keeps the glyph count off pages with no line running up or down: on real
    pages (turned ones, vertical titles and credits, upright ones) the turn read with it is the turn
    the full count reads, and it lets through the pages that hold turned lines (sideways-tables'
    turned pages, sideways-partial's turned regions, the vertical fixtures' titles) while passing
    over the others, where no turned region is found either."""
    from pipeline import sideways
    from pipeline.extract import TEXT_FLAGS

    passed = let_through = 0
    with pymupdf.open(FIXTURES / name) as doc:
        for page in doc:
            d = page.get_text("rawdict", flags=TEXT_FLAGS)
            assert sideways.content_turn(d) == sideways.counted_turn(d)
            if sideways.may_turn(d):
                let_through += 1
            else:
                passed += 1
                assert sideways.counted_turn(d) == 0
                assert sideways.turned_region(d, [], page.rect.width, page.rect.height) is None
            if name == "sideways-tables.pdf" and page.number + 1 in TURNED:
                assert sideways.may_turn(d) and sideways.counted_turn(d) == TURNED[page.number + 1]
    if name.startswith("vertical"):  # a vertical title or credit on every page
        assert let_through > 0
    else:
        assert passed > 0 and (let_through >= 2 or name == "jumps-runin.pdf")
