"""Text drawn more than once (a faked bold, a drop shadow, an outline over the fill) is read once;
repeats a reader sees are not. On the overprint-tables fixture (pipeline/sample/overprint.py:
tables-classic with its display type overprinted) and on pages drawn here with PyMuPDF."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from pipeline.extract import extract
from pipeline.residue import _norm
from pipeline.rules import Rules
from pipeline.run import ingest_file

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "overprint-tables.pdf"
SOURCE = FIXTURES / "tables-classic.pdf"  # the fixture it was made from: the same printed text


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, rules):
    out = tmp_path_factory.mktemp("overprint")
    issue = ingest_file(FIXTURE, out, rules)
    return out, issue


def rows(out: Path, issue_id: str, table: str) -> list[dict]:
    path = out / "jsonl" / issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_fixture_prints_its_display_type_more_than_once():
    """What the fixture is for: MuPDF's text layer holds the title and the headings two or more
    times (a check on the producer, not on the pipeline)."""
    key = json.loads(FIXTURE.with_suffix(".truth.json").read_text(encoding="utf-8"))
    title = key["articles"][0]["title_zh"]
    with pymupdf.open(FIXTURE) as doc:
        text = "".join(p.get_text() for p in doc)
    assert "".join(text.split()).count("".join(title.split())) >= 2
    headings = [b["text"] for a in key["articles"] for b in a["blocks"] if b.get("type") == "heading"]
    # (MuPDF folds a glyph drawn again right after itself: those headings read once already)
    assert sum("".join(text.split()).count("".join(h.split())) >= 2 for h in headings) >= len(headings) // 3


def test_copies_are_read_once(ingested):
    """The title, each heading, the deck and the table heads read once, as printed."""
    out, issue = ingested
    iid = issue.meta.issue_id
    key = json.loads(FIXTURE.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    (art,) = [a for a in rows(out, iid, "articles") if a["kind"] == "article"]
    assert art["title_zh"] == key["title_zh"]
    assert art["deck_zh"] == key["deck_zh"]
    headings = [b["text"] for b in rows(out, iid, "blocks") if b["type"] == "heading"]
    assert headings == [b["text"] for b in key["blocks"] if b.get("type") == "heading"]
    cells = {c["text"] for c in rows(out, iid, "table_cells")}
    assert {"发布时间", "政策名称", "其他融资"} <= cells


def test_copies_are_counted_with_the_glyph_they_copy(ingested, rules):
    """Conservation: every character of the text layer is in exactly one place. The fixture prints
    the same letters and digits as its source; its copies are counted in text_chars on top of
    them, and claimed, residue and unaccounted still add up to text_chars."""
    out, issue = ingested
    (row,) = rows(out, issue.meta.issue_id, "issues")
    source = extract(SOURCE, rules)
    printed = sum(len(_norm(ln.text)) for p in source.pages for ln in p.lines)
    raw = issue.layout.raw
    assert sum(len(_norm(ln.text)) for p in raw.pages for ln in p.lines) == printed
    copies = sum(len(_norm(ln.overprint)) for p in raw.pages for ln in p.lines)
    assert copies > 300
    assert row["text_chars"] == printed + copies
    assert row["text_claimed"] + row["text_residue"] + row["text_unaccounted"] == row["text_chars"]
    assert row["text_claimed"] >= 0.99 * row["text_chars"]


def test_each_page_read_so_is_warned_with_its_place(ingested):
    """One text_overprint warning per page holding copies, at the line holding the most (the
    title, on the first page)."""
    out, issue = ingested
    warned = [w for w in issue.warnings if w.code == "text_overprint"]
    pages = sorted({p.number for p in issue.layout.raw.pages for ln in p.lines if ln.overprint})
    assert [w.page for w in warned] == pages == list(range(1, 7))
    first = warned[0]
    (title,) = [ln for ln in issue.layout.raw.pages[0].lines if ln.size > 20]
    assert first.bbox == title.bbox and "“中国：积极推动" in first.message


def _write(page, items, font, color=(0, 0, 0), mode=0):
    """Text objects drawn in order: items are (x, y, text, size)."""
    tw = pymupdf.TextWriter(page.rect, color=color)
    for x, y, text, size in items:
        tw.append((x, y), text, font=font, fontsize=size)
    tw.write_text(page, render_mode=mode)


def test_repeats_a_reader_sees_are_kept_and_copies_collapse(tmp_path, rules):
    """Positional overlap, not sequence: 'll', 哈哈哈, ……, ——, a letter-spaced title, the same figure
    in cells stacked one above the other (lines set solid) are read as printed; a line drawn again a
    fraction of a point off, a grey shadow under a title (or under small type with narrow glyphs), a
    word drawn twice, an outline stroked over the fill are read once; the faked bold reads bold, the
    shadow and the outline do not."""
    font = pymupdf.Font("cjk")
    doc = pymupdf.open()
    page = doc.new_page()
    _write(page, [(50, 60, "Illegally full 哈哈哈……——", 12)], font)
    _write(page, [(50 + 24 * k, 90, ch, 18) for k, ch in enumerate("国国际际")], font)  # letter-spaced
    _write(page, [(50, 120 + 10 * k, "00", 10) for k in range(3)], font)  # cells set solid
    _write(page, [(50 + 0.3 * k, 170, "国际科技促进", 16) for k in range(3)], font)  # faked bold
    _write(page, [(51.5, 201.5, "科技标题", 16)], font, color=(0.6, 0.6, 0.6))  # the shadow, under
    _write(page, [(50, 200, "科技标题", 16)], font)
    _write(page, [(50, 230, "外框 Outline", 14)], font, mode=1)  # stroked, then filled
    _write(page, [(50, 230, "外框 Outline", 14)], font)
    # narrow glyphs: a shadow 1.6 pt right and 1.9 pt down of 8.5 pt type; four drawings 0.4 pt apart
    _write(page, [(51.6, 291.9, "Editor's note", 8.5)], font, color=(0.6, 0.6, 0.6))
    _write(page, [(50, 290, "Editor's note", 8.5)], font)
    _write(page, [(50 + 0.4 * k, 320, "‘模式’", 10) for k in range(4)], font)
    x = 50
    for word in ["Hello ", "world"]:  # each word drawn twice, one after the other
        _write(page, [(x, 260, word, 12), (x + 0.4, 260, word, 12)], font)
        x += font.text_length(word, 12)
    path = tmp_path / "overprint.pdf"
    doc.save(path)
    doc.close()
    lines = {ln.text: ln for ln in extract(path, rules).pages[0].lines}
    assert set(lines) == {
        "Illegally full 哈哈哈……——",
        "国 国 际 际",
        "00",
        "国际科技促进",
        "科技标题",
        "外框 Outline",
        "Hello world",
        "Editor's note",
        "‘模式’",
    }, sorted(lines)
    assert not lines["Illegally full 哈哈哈……——"].overprint and not lines["国 国 际 际"].overprint
    assert not lines["00"].overprint
    assert (
        sorted(lines["国际科技促进"].overprint) == sorted("国际科技促进" * 2) and lines["国际科技促进"].bold
    )
    assert lines["科技标题"].overprint == "科技标题" and not lines["科技标题"].bold
    assert lines["科技标题"].color == 0  # the text on top, not its grey shadow
    assert sorted(_norm(lines["外框 Outline"].overprint)) == sorted("外框Outline")
    assert not lines["外框 Outline"].bold
    assert sorted(_norm(lines["Hello world"].overprint)) == sorted("Helloworld")
    assert sorted(_norm(lines["Editor's note"].overprint)) == sorted("Editorsnote")
    assert sorted(lines["‘模式’"].overprint) == sorted("‘模式’" * 3) and lines["‘模式’"].bold


CAPTIONS = FIXTURES / "overprint-captions.pdf"  # news-classic, its captions and titles dressed up
TABLE_CAPTIONS = FIXTURES / "overprint-table-captions.pdf"  # tables-norules-story, likewise


def test_the_captions_fixtures_print_captions_and_titles_more_than_once():
    """What the fixtures are for (pipeline/sample/overprint.py --captions): the text layer holds
    each photo caption, each table caption and the titles two or more times (a shadow or an
    outline over the fill)."""
    for pdf in (CAPTIONS, TABLE_CAPTIONS):
        key = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
        with pymupdf.open(pdf) as doc:
            text = "".join("".join(p.get_text().split()) for p in doc)
        dressed = [c for a in key["articles"] for c in a["captions"]]
        dressed += [t["caption"] for a in key["articles"] for t in a["tables"] if t.get("caption")]
        dressed += [a["title_zh"] for a in key["articles"]]
        assert dressed and all(text.count("".join(c.split())) >= 2 for c in dressed), pdf.name


@pytest.mark.parametrize("pdf", [CAPTIONS, TABLE_CAPTIONS], ids=lambda p: p.stem)
def test_captions_and_titles_drawn_twice_read_once(tmp_path, rules, pdf):
    """Captions and titles set with a shadow or an outline read once: each caption (of a photo,
    of a table) as printed, titles, sections and paragraphs as in the source (before: a section
    label whose Latin half was faked bold word by word read as two lines, "科促会动态 CIAPST" and
    "News", and "News" taken for an article's English title: title_en and deck_en 0.667)."""
    from pipeline.evaluate import evaluate

    issue = ingest_file(pdf, tmp_path, rules)
    score = evaluate(tmp_path, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
    for metric in ("title_en_acc", "deck_en_acc", "section_acc", "body_similarity", "paragraph_integrity"):
        assert score[metric] in (1.0, None), (metric, score)  # None: the key has no such field
    assert score["body_similarity"] == score["paragraph_integrity_article"] == 1.0
    key = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    iid = issue.meta.issue_id
    assert [c["text"] for c in rows(tmp_path, iid, "captions")] == [
        c for a in key["articles"] for c in a["captions"]
    ]
    tables = [t["caption"] for t in rows(tmp_path, iid, "tables")]
    assert tables == [t["caption"] for a in key["articles"] for t in a["tables"]]
    titles = [a["title_zh"] for a in rows(tmp_path, iid, "articles") if a["kind"] == "article"]
    assert titles == [a["title_zh"] for a in key["articles"]]
    assert [w.page for w in issue.warnings if w.code == "text_overprint"]
