"""Fast checks of the sample-issue typesetter (pipeline.sample.typeset)."""

import hashlib
import json
import unicodedata
from pathlib import Path

import pymupdf
import pytest

from pipeline.sample.typeset import typeset

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT.parent / "shared" / "corpus" / "issue-2026-v2n1.truth.json"  # ../shared, read in place
CLASSIC_KEY = ROOT / "data/raw/issue-2026-v2n1-classic.truth.json"

pytestmark = pytest.mark.skipif(not TRUTH.exists(), reason="corpus answer key not available")


def _norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


@pytest.fixture(scope="module")
def key():
    return json.loads(TRUTH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dense_subset(key):
    # a contents page plus two short articles, in the profile whose folios
    # differ from the PDF page numbers
    return typeset(key, "dense", ["a07", "a27", "a28"])


def test_deterministic(key):
    a, _ = typeset(key, "classic", ["a27", "a28"])
    b, _ = typeset(key, "classic", ["a27", "a28"])
    assert hashlib.sha256(a).hexdigest() == hashlib.sha256(b).hexdigest()


def test_no_structure_hints(dense_subset):
    pdf, _ = dense_subset
    doc = pymupdf.open("pdf", pdf)
    assert doc.get_toc() == []
    assert "StructTreeRoot" not in doc.xref_object(doc.pdf_catalog())
    assert not any(list(p.annots()) for p in doc)
    assert {k for k, v in doc.metadata.items() if v} <= {"format", "title"}


def test_titles_and_text_on_pages(dense_subset):
    pdf, truth = dense_subset
    doc = pymupdf.open("pdf", pdf)
    for art in truth["articles"]:
        pages = range(art["page_start"] - 1, art["page_end"])
        text = _norm("".join(doc[p].get_text() for p in pages))
        if art["kind"] == "article":
            assert _norm(art["title_zh"])[:8] in _norm(doc[art["page_start"] - 1].get_text())
        for blk in art["blocks"]:
            assert _norm(blk["text"]) in text or all(c in text for c in _norm(blk["text"]))


def test_toc_page_is_printed_folio(dense_subset):
    pdf, truth = dense_subset
    doc = pymupdf.open("pdf", pdf)
    arts = [a for a in truth["articles"] if a.get("toc_page") is not None]
    assert arts
    for art in arts:
        assert truth["folio_map"][str(art["toc_page"])] == art["page_start"]
        page = doc[art["page_start"] - 1]
        foot = [w[4] for w in page.get_text("words") if w[1] > page.rect.height * 0.85]
        assert str(art["toc_page"]) in foot
        # the folio differs from the PDF page number in this profile
        assert art["toc_page"] != art["page_start"]
    printed = {e["page"] for e in truth["toc"] if e["level"] == 1}
    assert printed == {a["toc_page"] for a in arts}


@pytest.mark.skipif(not CLASSIC_KEY.exists(), reason="classic issue not generated")
def test_classic_issue_has_summary_across_pages():
    truth = json.loads(CLASSIC_KEY.read_text(encoding="utf-8"))
    spans = [s["pages"] for a in truth["articles"] for s in a["summaries"]]
    assert any(len(p) == 2 for p in spans)
    # an article starting on the page where the previous one ends
    arts = [a for a in truth["articles"] if a["kind"] == "article"]
    assert any(x["page_end"] == y["page_start"] for x, y in zip(arts, arts[1:], strict=False))


def test_line_narrower_than_a_glyph_still_breaks():
    # a frame narrower than one character cannot be split further: each character is set on a
    # line of its own (overhanging) instead of the line breaker waiting forever for room
    from pipeline.sample.compose import compose_cjk

    lines = compose_cjk("发布时间省份", 9.4, 8.5, indent=0, justify=False, align="center")
    assert ["".join(r.text for r in ln.runs) for ln in lines] == list("发布时间省份")


def test_table_column_narrower_than_a_glyph(key, monkeypatch):
    # fuzz variant v08 (16K, body 11 pt, the article in three columns) left a table column 8.5 pt
    # wide for 9.4 pt type and the typesetter never finished; the article's tables must print whole
    from dataclasses import replace

    from pipeline.sample import profiles

    geometry = {"width": 521.6, "height": 737.0, "margin_top": 40.0, "margin_bottom": 44.2}
    geometry |= {"margin_inner": 38.2, "margin_outer": 44.2, "gutter": 14.6}
    narrow = replace(
        profiles.PROFILES["classic"],
        name="narrow-3col",
        columns=2,
        three_col=("a22",),
        body_size=11.0,
        leading=17.9,
        full_width_tables=(),
        **geometry,
    )
    monkeypatch.setitem(profiles.PROFILES, narrow.name, narrow)
    pdf, truth = typeset(key, narrow.name, ["a22"])
    doc = pymupdf.open("pdf", pdf)
    text = _norm("".join(p.get_text() for p in doc))
    art = next(a for a in truth["articles"] if a["id"] == "a22")
    for tab in art["tables"]:
        for cell in tab["header"] + [c for row in tab["rows"] for c in row]:
            assert all(ch in text for ch in _norm(cell))


def test_a_table_taller_than_its_column_is_set_across_the_page(key, monkeypatch):
    # fuzz seed 31337 v02 (16K, wide margins, body 10.9 pt, the article in three columns): the
    # policy table at one column's width was taller than the page's text block and ran off its
    # foot, over the running foot's rule (the layout read that rule as the table's, the cells as
    # the page's text: 0.286). A typesetter sets such a table across the page.
    from dataclasses import replace

    from pipeline.sample import profiles

    geometry = {"width": 521.6, "height": 737.0, "margin_top": 78.7, "margin_bottom": 68.2}
    geometry |= {"margin_inner": 74.8, "margin_outer": 78.2, "gutter": 12.2}
    tall = replace(
        profiles.PROFILES["classic"],
        name="tall-table-3col",
        three_col=("a22",),
        body_size=10.9,
        leading=16.8,
        full_width_tables=(),
        **geometry,
    )
    monkeypatch.setitem(profiles.PROFILES, tall.name, tall)
    pdf, _ = typeset(key, tall.name, ["a22"])
    doc = pymupdf.open("pdf", pdf)
    for page in doc:
        for d in page.get_drawings():
            assert d["rect"].y1 <= page.rect.height - tall.margin_bottom + 1, (page.number, d["rect"])


def test_a_keep_chain_breaks_only_when_longer_than_a_whole_column():
    # fuzz seed 4711 v06: an untitled profile round-up set on under an article's end, its first
    # heading (two lines), English title and first lines at a page's foot in three columns: the
    # chain, longer than the foot's short columns, was clamped to them and broken at once, the
    # heading's lines one to a column (the layout read no heading). A chain breaks only when it is
    # longer than a whole column of the page; at a short foot it goes to the next page whole.
    from pipeline.sample.flow import Item, fill

    heading = [Item(18.0, keep_next=True) for _ in range(2)]
    english = [Item(12.0, keep_next=True) for _ in range(4)]
    text = [Item(20.0, keep_next=True), Item(20.0), Item(20.0)]
    chain = heading + english + text
    assert fill(chain, 80.0, 3, column=600.0)[0] == 0  # 124 pt do not go into 80 at the foot
    n, cols = fill(chain, 150.0, 3, column=600.0)
    assert n == len(chain) and len(cols[0]) >= len(heading + english) + 2
    assert fill(chain, 100.0, 3, column=100.0)[0] > 0  # longer than a whole column: it must break


def test_a_word_wider_than_the_measure_breaks_after_its_own_hyphen():
    # fuzz seed 31337 v04: a Reading Summary in a narrow column of three, English set with no
    # hyphenation; "research-manufacturing-application" alone was wider than the column and ran
    # over the gutter into the next column's line (the two read as one line across the page). Every
    # engine breaks such a word after its own hyphen.
    from pipeline.sample.compose import advance, compose_latin

    measure = 90.0
    lines = compose_latin("a closed research-manufacturing-application loop", 8.1, measure)
    for ln in lines:
        last = ln.runs[-1]
        assert last.x + advance(last.font, last.text.rstrip()) * last.size <= measure + 0.01
    words = " ".join(r.text.strip() for ln in lines for r in ln.runs)
    assert "research-manufacturing-" in words.replace("- ", "-")


def test_a_title_area_goes_with_the_text_it_opens(key, monkeypatch):
    # fuzz seed 4711 v06: with the round-up's first heading kept whole, its section label (the
    # untitled round-up's title area) was left alone at the page's foot, the heading on the next
    # page (section and page read from the article before). A title area is set where the first
    # lines of its text fit under it.
    from dataclasses import replace

    from pipeline.sample import profiles
    from pipeline.sample import typeset as ts

    prof = replace(
        profiles.PROFILES["classic"],
        name="label-at-foot",
        heading_opens_roundup=True,
        numbered_items=True,
        item_en_after=True,
        contents=False,
        roundup_run_on=0.01,
    )
    monkeypatch.setitem(profiles.PROFILES, prof.name, prof)
    b = ts.Typesetter(prof, key, ["a08"])
    roundup = next(a for a in key["articles"] if a["id"] == "a08")
    b.b.new_page(ts.PageInfo("article", "学术", None))
    b.b.y = b.b.bottom - 3 * prof.leading  # room for the label, not for the heading and its lines
    b.prev_article = {"section_zh": "学术"}
    b.article(roundup, 0)
    first = min(p for pages in b.b.marks.values() for p in pages)
    assert first == 2  # nothing of the round-up, not its label either, on the page it did not fit
