"""The sample issue in a sixth house style, written by a PDF writer of our own with a hostile engine's
text layer (pipeline/sample/glyph_issue.py on rawpdf.py; `make eval` makes and scores the whole
rendition, row glyph-issue). Here a short issue of it is built from the corpus key (the cover, the
editorial, the profile round-up, a news article, the numbered briefs, two section openers, an
article with six authors, the article with two tables and the paper) and ingested: every glyph shown on its own, no space glyph,
the columns' lines interleaved in the stream, display type readable only through /ActualText."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "issue-2026-v2n1.truth.json"
UNITS = ["a01", "a08", "a09", "a13", "a16", "a17", "a21", "a22", "a30"]

pytest.importorskip("fontTools")
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="needs the corpus key (../shared/corpus)")


def _norm(s: str | None) -> str:
    return re.sub(r"\s", "", s or "")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from pipeline.sample.glyph_issue import compile_issue

    tmp = tmp_path_factory.mktemp("glyph")
    key = json.loads(CORPUS.read_text(encoding="utf-8"))
    pdf, truth, pages = compile_issue(key, UNITS)
    path = tmp / "glyph-short.pdf"
    path.write_bytes(pdf)
    issue = ingest_file(path, tmp / "out", Rules.load(DEFAULT_RULES))
    root = tmp / "out" / "jsonl" / issue.meta.issue_id

    def read(table: str) -> list[dict]:
        f = root / f"{table}.jsonl"
        return [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines()] if f.exists() else []

    return pdf, {a["id"]: a for a in truth["articles"]}, read, pages


def _unit(read, title: str) -> dict:
    (art,) = [a for a in read("articles") if _norm(a["title_zh"]).startswith(_norm(title)[:8])]
    return art


def test_same_bytes_each_run(built):
    from pipeline.sample.glyph_issue import compile_issue

    key = json.loads(CORPUS.read_text(encoding="utf-8"))
    assert compile_issue(key, UNITS)[0] == built[0]


def test_text_layer_is_hostile(built):
    """What the writer promises: titles in a face with no ToUnicode (unreadable without /ActualText),
    no space glyph, a page's glyphs out of reading order."""
    import pymupdf

    pdf, truth, _, pages = built
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    page = doc[pages["a09"]["start"] - 1]
    title = _norm(truth["a09"]["title_zh"])
    assert title in _norm(page.get_text())
    assert title not in _norm(page.get_text(flags=pymupdf.TEXT_IGNORE_ACTUALTEXT))
    stream = doc.xref_stream(page.get_contents()[0]).decode("latin-1")
    shows = re.findall(r"1 0 0 1 ([\d.]+) ([\d.]+) Tm <([0-9A-F]{4})> Tj", stream)
    assert len(shows) == stream.count(" Tj") > 500  # one glyph a show, each placed on its own
    assert "/ActualText" in stream
    # the columns' lines come interleaved: the stream runs along a row from one column into the next
    assert any(float(b[0]) - float(a[0]) > 150 and a[1] == b[1] for a, b in pairwise(shows))


def test_units_and_roundups(built):
    """Every unit found once; the profile round-up opened by its first profile keeps its six profiles
    with their English, the briefs numbered 01, 02, … on lines of their own their seventeen items."""
    _, truth, read, _ = built
    arts = [a for a in read("articles") if a["kind"] == "article"]
    assert len(arts) == len(UNITS)  # the editorial, not the cover
    items = read("items")
    profiles = [i for i in items if i["article_id"] == _unit(read, truth["a08"]["title_zh"])["article_id"]]
    assert len(profiles) == 6 and all(i["text_en"] for i in profiles)
    briefs = [i for i in items if i["article_id"] == _unit(read, truth["a13"]["title_zh"])["article_id"]]
    assert len(briefs) == 17


def test_byline_over_the_title(built):
    """文｜王怀宇 / ■ 本刊编辑部 printed between the section label and the title is the title's (main:
    every byline went to the unit before, authors 0.000 on the whole rendition)."""
    _, truth, read, _ = built
    for aid in ("a09", "a16", "a17", "a22"):
        assert _unit(read, truth[aid]["title_zh"])["authors"] == truth[aid]["authors"], aid


def test_bare_names_over_a_papers_title(built):
    """郑华林 printed bare over the paper's title, under its section label (main: residue)."""
    _, truth, read, _ = built
    assert _unit(read, truth["a30"]["title_zh"])["authors"] == truth["a30"]["authors"]


def test_subtitle_without_a_dash_and_deck_beside_a_bar(built):
    """A subtitle in a grey serif with no dash between the title and the English title (main: a
    heading that ended the title area, the deck under it read as body); a section opener's deck set in
    beside a bar, its English one block a paragraph (main: one block a line, a line of it the English
    title, confidence 0.2)."""
    _, truth, read, _ = built
    for aid in ("a09", "a30"):
        art = _unit(read, truth[aid]["title_zh"])
        assert _norm(art["subtitle_zh"]) == _norm(truth[aid]["subtitle_zh"]), aid
    assert _norm(_unit(read, truth["a09"]["title_zh"])["deck_zh"]) == _norm(truth["a09"]["deck_zh"])
    opener = _unit(read, truth["a16"]["title_zh"])
    assert opener["title_en"] == truth["a16"]["title_en"]
    assert _norm(opener["deck_en"]) == _norm(truth["a16"]["deck_en"])
    assert opener["confidence"] >= 0.8


def test_labels_in_capitals_and_numbers_on_their_own_line_claimed(built):
    """A section label whose English is printed in capitals and a brief's number printed 01 over its
    heading are held by rows (main: residue, unclaimed)."""
    _, _, read, _ = built
    assert not [r["text"] for r in read("residue") if r["reason"] == "unclaimed"]


def test_pull_quote_on_a_tint_keeps_its_paragraph(built):
    _, truth, read, _ = built
    aid = _unit(read, truth["a09"]["title_zh"])["article_id"]
    blocks = [b for b in read("blocks") if b["article_id"] == aid]
    assert any(b["type"] == "pull_quote" for b in blocks)
    texts = {_norm(b["text"]) for b in blocks if b["type"] == "paragraph"}
    whole = [_norm(b["text"]) for b in truth["a09"]["blocks"] if b["type"] == "paragraph"]
    assert sum(t in texts for t in whole) >= len(whole) - 1


def test_tables_ruled_by_segments_and_by_tint(built):
    """A grid of line segments, then a table with no rule at all, its rows told by a tint; their head
    rows in a face with no ToUnicode, read through /ActualText (main: (cid:273)(cid:384)… in every
    head cell, pdfminer's text for glyphs it cannot map)."""
    _, truth, read, _ = built
    art = _unit(read, truth["a22"]["title_zh"])
    tables = [t for t in read("tables") if t["article_id"] == art["article_id"]]
    assert [t["header"] for t in tables] == [t["header"] for t in truth["a22"]["tables"]]
    for got, want in zip(tables, truth["a22"]["tables"], strict=True):
        assert [[_norm(c) for c in r] for r in got["rows"]] == [[_norm(c) for c in r] for r in want["rows"]]


def test_section_openers_deck_paragraphs(built):
    """A section opener's deck prints its paragraphs set apart by a little space, no indent; the
    English one's first paragraph ends its sentence less than 1.6 em short of the measure (main: its
    two paragraphs one block; a21's, whose last lines stop well short, three). deck_zh and deck_en
    keep a paragraph a line, as the key does."""
    _, truth, read, _ = built
    for aid in ("a16", "a21"):
        opener = _unit(read, truth[aid]["title_zh"])
        for field in ("deck_zh", "deck_en"):
            assert [_norm(p) for p in opener[field].split("\n")] == [
                _norm(p) for p in truth[aid][field].split("\n")
            ], (aid, field)


def test_brief_quoting_an_english_title_is_one_chinese_paragraph(built):
    """A brief's paragraph quoting its paper's English title (北京时间…以“Integrated metabolomic …
    (Gossypium hirsutum)”为题发表在 / 《自然—遗传学》…) holds more Latin letters than Chinese: it was
    read as the brief's English version, kept apart from its rest over the page turn and put after
    the brief's last paragraph (main: glyph-issue paragraphs 0.999, body 0.998)."""
    _, truth, read, _ = built
    want = [
        _norm(b["text"])
        for it in truth["a13"]["items"]
        for b in it["blocks"]
        if "Integrated metabolomic" in b["text"]
    ]
    aid = _unit(read, truth["a13"]["title_zh"])["article_id"]
    got = [_norm(b["text"]) for b in read("blocks") if b["article_id"] == aid]
    assert len(want) == 1 and want[0] in got


def test_cover_display_words_are_cover_blocks(built):
    """The cover's display words (领读 世界科技, set glyph by glyph in a face with no ToUnicode) under
    its title area fill no field: they were dropped with the title area (main: residue, unclaimed).
    They are a heading of the cover, as are its cover lines, each English line under one a line of
    text (main: the last cover line's English, a title_en after display type, a heading, and the
    cover line over it a paragraph)."""
    _, truth, read, _ = built
    cover = next(a for a in read("articles") if a["kind"] == "cover")
    got = {_norm(b["text"]): b["type"] for b in read("blocks") if b["article_id"] == cover["article_id"]}
    want = {_norm(b["text"]): b["type"] for b in truth["a01"]["blocks"]}
    headings = [t for t, ty in want.items() if ty == "heading"]
    assert len(headings) >= 6 and all(got.get(t) == "heading" for t in headings), got
    assert all(got[t] == "paragraph" for t, ty in want.items() if ty == "paragraph" and t in got)


def test_list_number_apart_from_its_row_reads_its_rows_spacing(built):
    """The paper's '3. 商业困局：…' on a line justified by character spacing, glyph by glyph: MuPDF
    gives '3.' a raw line of its own (a Latin face) too short to show its spacing, and made a space
    of the 2.5 pt between 3 and . ('3 . 商业困局', no list number: typed paragraph). Read against the
    spacing of the Chinese raw line right after it on its baseline, it is '3.' and a list item."""
    _, truth, read, _ = built
    aid = _unit(read, truth["a30"]["title_zh"])["article_id"]
    (blk,) = [b for b in read("blocks") if b["article_id"] == aid and "商业困局" in b["text"]]
    assert blk["text"].startswith("3. ") and blk["type"] == "list_item"


def test_doi_cut_between_its_digits_is_one_token(built):
    """The paper's references, set as a flow that breaks a token too long for the line where the
    line is full: two DOIs cut between digits ('…ar.2025.1260' | '84.', '…CYBA.0.201' | '7-09-015.').
    A space never parts a web address's or DOI's run of digits; main read '1260 84.' and '201 7-09'."""
    _, truth, read, _ = built
    refs = " ".join(r["ref_text"] for r in read("references"))
    printed = [r["text"] for r in truth["a30"]["blocks"] if r["type"] == "reference"]
    for doi in ("10.12677/ar.2025.126084.", "CNKI:SUN:CYBA.0.2017-09-015."):
        assert any(doi in r for r in printed)  # the key prints it whole
        assert doi in refs, doi


# a run of single letters or digits each a space apart: a word read letter by letter
_SPELT_OUT = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9] [A-Za-z0-9] [A-Za-z0-9](?![A-Za-z0-9])")


def test_letter_spacing_across_spans_is_no_space(built):
    """A line justified by character spacing with a Latin word in it ("《自然—遗传学》（Nature"): every
    glyph drawn on its own, MuPDF made a space of each gap in the word and set each space as a span
    of its own, between one-letter spans, where the line's letter-spacing was never read against it
    (main: "（N a t u r e Genetics）", "2 0 2 2", "—  遗传学"). A space MuPDF made no wider than the
    line's spacing is none, wherever it stands in the line's spans; the words are whole again."""
    _, truth, read, _ = built
    texts = [b["text"] for b in read("blocks")] + [t for it in read("items") for t in (it["text_zh"] or "",)]
    assert not [t for t in texts if _SPELT_OUT.search(t)]
    (item,) = [it for it in read("items") if "Genetics" in (it["text_zh"] or "")]
    assert "《自然—遗传学》（Nature Genetics）" in item["text_zh"]
