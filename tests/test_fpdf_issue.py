"""The sample issue typeset by fpdf2 in a fifth house style (pipeline/sample/fpdf_issue.py; `make
eval` makes and scores the whole rendition, row fpdf-issue). Here a short issue of it is built from
the corpus key (the editorial, the profile round-up, a news article, the numbered briefs, an
article with six authors, the article with two tables and the one with a reference list) and
ingested: every line placed by the
producer, Chinese justified by character spacing, English word by word, pull quotes between two
lines of the paragraph they cut, the English title flush right, the Reading Summary at the
article's head."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "issue-2026-v2n1.truth.json"
UNITS = ["a08", "a09", "a13", "a17", "a22", "a30"]

pytest.importorskip("fpdf")
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="needs the corpus key (../shared/corpus)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from pipeline.sample.fpdf_issue import compile_issue

    tmp = tmp_path_factory.mktemp("fpdf")
    key = json.loads(CORPUS.read_text(encoding="utf-8"))
    pdf, truth, _ = compile_issue(key, UNITS)
    path = tmp / "fpdf-short.pdf"
    path.write_bytes(pdf)
    issue = ingest_file(path, tmp / "out", Rules.load(DEFAULT_RULES))
    root = tmp / "out" / "jsonl" / issue.meta.issue_id

    def read(table: str) -> list[dict]:
        f = root / f"{table}.jsonl"
        return [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines()] if f.exists() else []

    return pdf, {a["id"]: a for a in truth["articles"]}, read


def _unit(read, title: str) -> dict:
    norm = lambda s: re.sub(r"\s", "", s or "")  # noqa: E731
    (art,) = [a for a in read("articles") if norm(a["title_zh"]).startswith(norm(title)[:8])]
    return art


def test_same_bytes_each_run(built):
    from pipeline.sample.fpdf_issue import compile_issue

    key = json.loads(CORPUS.read_text(encoding="utf-8"))
    assert compile_issue(key, UNITS)[0] == built[0]


def test_units_and_roundups(built):
    """Every unit found once; the profile round-up (its first heading the contents entry) keeps its
    six profiles with their English, the numbered briefs in three columns their seventeen items."""
    _, truth, read = built
    arts = [a for a in read("articles") if a["kind"] == "article"]
    assert len(arts) == len(UNITS) + 1  # and the editorial
    items = read("items")
    profiles = [i for i in items if i["article_id"] == _unit(read, truth["a08"]["title_zh"])["article_id"]]
    assert len(profiles) == 6 and all(i["text_en"] for i in profiles)
    briefs = [i for i in items if i["article_id"] == _unit(read, truth["a13"]["title_zh"])["article_id"]]
    assert len(briefs) == 17


def test_pull_quote_between_lines_keeps_its_paragraph(built):
    """The pull quote set between two full lines of a paragraph is typed pull_quote, and the
    paragraph it cut is one block again."""
    _, truth, read = built
    aid = _unit(read, truth["a09"]["title_zh"])["article_id"]
    blocks = [b for b in read("blocks") if b["article_id"] == aid]
    assert any(b["type"] == "pull_quote" for b in blocks)
    texts = {re.sub(r"\s", "", b["text"]) for b in blocks if b["type"] == "paragraph"}
    whole = [re.sub(r"\s", "", b["text"]) for b in truth["a09"]["blocks"] if b["type"] == "paragraph"]
    assert sum(t in texts for t in whole) >= len(whole) - 1


def test_bylines_spaced_by_their_own_run(built):
    """文｜杨静 周亚婧 …: each space between two names set as a run of its own in the Latin face
    (main: the space runs dropped, one name of fifteen characters)."""
    _, truth, read = built
    assert _unit(read, truth["a17"]["title_zh"])["authors"] == truth["a17"]["authors"]


def test_flush_right_title_area(built):
    """An English title set flush right over two lines is one title (main: its last line a heading
    in the body, the deck under it read as body, confidence 0.5); on the editorial's page, a short
    title over two columns with its English title and byline flush right over the right column
    stand over the columns (main: read after the left column's body, the English title in it)."""
    _, truth, read = built
    for aid in ("a09", "a04"):
        art = _unit(read, truth[aid]["title_zh"])
        assert art["title_en"] == truth[aid]["title_en"]
        body = [b["text"] for b in read("blocks") if b["article_id"] == art["article_id"]]
        assert not any(truth[aid]["title_en"].split()[-1] in t for t in body)
    art = _unit(read, truth["a09"]["title_zh"])
    assert re.sub(r"\s", "", art["deck_zh"]) == re.sub(r"\s", "", truth["a09"]["deck_zh"])
    assert art["confidence"] >= 0.8


def test_table_of_outlined_cells(built):
    """A table drawn cell by cell as outlined rectangles (fpdf2's way) is a ruled grid (main: read
    as a framed box, its first two columns lost), and the three-line table on a later page of the
    same article is found too."""
    _, truth, read = built
    art = _unit(read, truth["a22"]["title_zh"])
    tables = [t for t in read("tables") if t["article_id"] == art["article_id"]]
    assert [t["header"] for t in tables] == [t["header"] for t in truth["a22"]["tables"]]
    assert tables[0]["rows"][0][:2] == [
        re.sub(r"\s+", " ", c) for c in truth["a22"]["tables"][0]["rows"][0][:2]
    ]


def test_letter_spacing_is_no_space(built):
    """fpdf justifies a Chinese line by character spacing (Tc), Latin runs in it too: MuPDF reads
    every gap that spacing leaves in a Latin run as a space ("[ J ] .", "A I"), and a reference's
    short line before a long DOI, spread to the full measure glyph by glyph, comes out in pieces
    joined as words ("[ J ] . 创业邦."). A gap no wider than the line's own spacing is none (main:
    "[ J ]" in the references; in the whole rendition a reference number "[ 8 ]" that opened
    nothing, so two references ran together)."""
    _, truth, read = built
    aid = _unit(read, truth["a30"]["title_zh"])["article_id"]
    refs = [b["text"] for b in read("blocks") if b["article_id"] == aid and b["type"] == "reference"]
    wanted = [b["text"] for b in truth["a30"]["blocks"] if b["type"] == "reference"]
    assert [re.sub(r"\s", "", t) for t in refs] == [re.sub(r"\s", "", t) for t in wanted]
    assert not any(re.search(r"\[ \w+ \]|\bA I\b", t) for t in refs)


def test_chinese_run_on_into_a_quoted_english_title(built):
    """A brief's paragraph cut at a page turn right before the English title it quotes goes on in
    a piece that reads as English by its letters ("《Nature Communications》期刊上。", Chinese by its
    marks): the paragraph's rest, not the brief's English version (main: the item's text_en)."""
    _, truth, read = built
    aid = _unit(read, truth["a13"]["title_zh"])["article_id"]
    (item,) = [
        i for i in read("items") if i["article_id"] == aid and i["title_zh"].startswith("中国科学家破译")
    ]
    assert not item["text_en"]
    assert "发表在《Nature Communications》期刊上。" in item["text_zh"]
