"""Bad input: every case fails with one clear line naming the file and the reason (IngestError),
through `pipeline.run.process` and through the `ingest` command. Files are made in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pymupdf
import pytest
from conftest import misplaced, rules_copy
from typer.testing import CliRunner

from pipeline.cli import ingest_app
from pipeline.errors import IngestError
from pipeline.rules import Rules
from pipeline.run import process, safe_id
from pipeline.sample import mutate

FIXTURE = Path(__file__).parent / "fixtures" / "news-classic.pdf"
RULES = Rules.load()


def _sound_pdf(objects: list[bytes]) -> bytes:
    """A hand-made PDF with a correct xref (MuPDF refuses to save a document with no pages)."""
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj%sendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


# A sound file whose page tree is empty.
ZERO_PAGES = _sound_pdf([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"])


def _encrypted(path: Path) -> None:
    with pymupdf.open(FIXTURE) as doc:
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")


def _no_text(path: Path) -> None:
    """Two pages: one with only an image, one with only a drawing (a scan has no text layer)."""
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pix.set_rect(pix.irect, (200, 30, 30))
    page.insert_image(pymupdf.Rect(50, 50, 400, 400), pixmap=pix)
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 300, 300), color=(0, 0, 1), fill=(0.8, 0.8, 1))
    doc.save(path)
    doc.close()


def _scans_with_stamps(path: Path) -> None:
    """Three scanned pages (an image over the page) with a folio and a library stamp as text: the
    pages are images, and the few characters on them are no text layer to read."""
    doc = pymupdf.open()
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 30, 40), False)
    pix.set_rect(pix.irect, (220,))
    for n in range(1, 4):
        page = doc.new_page()
        page.insert_image(pymupdf.Rect(10, 10, 585, 832), pixmap=pix)
        page.insert_text((280, 820), f"p. {n}  scan", fontsize=8)
    doc.save(path)
    doc.close()


def _corrupted(path: Path) -> None:
    """Opens (the header and xref survive) but the page content in the middle is garbage."""
    data = bytearray(FIXTURE.read_bytes())
    for i in range(len(data) // 3, 2 * len(data) // 3, 97):
        data[i] = (data[i] * 7 + 13) % 256
    path.write_bytes(bytes(data))


def _garbage(path: Path) -> None:
    """A %PDF header followed by noise: MuPDF cannot open it at all."""
    data = bytearray(FIXTURE.read_bytes())
    for i in range(2000, len(data), 37):
        data[i] = (data[i] * 31 + 7) % 256
    path.write_bytes(bytes(data))


# name -> (writer, words the reason must contain)
CASES = {
    "not-a-pdf.pdf": (lambda p: p.write_text("hello, this is a text file\n" * 20), "not a PDF"),
    "empty.pdf": (lambda p: p.write_bytes(b""), "empty file"),
    "truncated.pdf": (
        lambda p: p.write_bytes(FIXTURE.read_bytes()[: FIXTURE.stat().st_size // 2]),
        "truncated or damaged",
    ),
    "corrupted.pdf": (_corrupted, "truncated or damaged"),
    "garbage.pdf": (_garbage, "corrupted PDF"),
    "encrypted.pdf": (_encrypted, "encrypted PDF"),
    "no-text.pdf": (_no_text, "no text layer (2 pages, no character of text)"),
    "scans-with-stamps.pdf": (
        _scans_with_stamps,
        "no text layer (3 pages, all scanned images, only 21 characters",
    ),
    "zero-pages.pdf": (lambda p: p.write_bytes(ZERO_PAGES), "zero pages"),
    # no page because the page tree is gone, not because it is empty: damaged, not "zero pages"
    "no-page-tree.pdf": (
        lambda p: p.write_bytes(_sound_pdf([b"<</Type/Catalog>>"])),
        "PDF damaged: its catalog names no page tree",
    ),
    "page-tree-not-in-xref.pdf": (
        lambda p: p.write_bytes(_sound_pdf([b"<</Type/Catalog/Pages 2 0 R>>"])),
        "PDF damaged: its page tree (2 0 R) is not in the cross-reference table",
    ),
    "page-tree-not-pages.pdf": (
        lambda p: p.write_bytes(_sound_pdf([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Font/Count 0>>"])),
        "PDF damaged: its page tree (2 0 R) is not a /Pages node",
    ),
    # an empty page tree in a file with no xref: MuPDF had to repair it, so it is damaged
    "zero-pages-damaged.pdf": (
        lambda p: p.write_bytes(ZERO_PAGES[: ZERO_PAGES.index(b"xref")] + b"trailer<</Root 1 0 R>>\n%%EOF\n"),
        "PDF damaged: no page can be found",
    ),
    # cut so early that no page survives: damaged, not "zero pages"
    "cut-early.pdf": (
        lambda p: p.write_bytes(mutate.truncate(FIXTURE.read_bytes(), 0.05)),
        "6 of 6 pages cannot be read",
    ),
}


def _make(tmp_path: Path, name: str) -> tuple[Path, str]:
    writer, reason = CASES[name]
    path = tmp_path / name
    writer(path)
    return path, reason


def _cli(*args: str):
    return CliRunner().invoke(ingest_app, list(args))


@pytest.mark.parametrize("name", list(CASES))
def test_process_names_file_and_reason(tmp_path, name):
    path, reason = _make(tmp_path, name)
    with pytest.raises(IngestError) as err:
        process(path, RULES)
    assert err.value.path == str(path)
    assert reason in err.value.reason
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(str(path))


@pytest.mark.parametrize("name", list(CASES))
def test_cli_fails_with_one_line_on_stderr(tmp_path, name):
    path, reason = _make(tmp_path, name)
    out = tmp_path / "out"
    res = _cli(str(path), "--out", str(out))
    assert res.exit_code != 0
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert not (out / "parquet").exists()  # nothing written for a failed file


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="file not found"):
        process(tmp_path / "nope.pdf", RULES)


def test_too_many_pages(tmp_path):
    rules = Rules(data={**RULES.data, "limits": {**RULES.get("limits", default={}), "max_pages": 3}})
    with pytest.raises(IngestError, match=r"too many pages \(6 > 3"):
        process(FIXTURE, rules)
    res = _cli(
        str(FIXTURE), "--out", str(tmp_path / "out"), "--rules", str(rules_copy(tmp_path, max_pages=3))
    )
    assert res.exit_code != 0
    assert FIXTURE.name in res.stderr and "too many pages" in res.stderr


def test_slightly_truncated_file_repaired_by_mupdf_is_accepted(tmp_path):
    """Only the xref/trailer is cut off: MuPDF rebuilds it and every page reads cleanly."""
    data = FIXTURE.read_bytes()
    path = tmp_path / "tail-cut.pdf"
    path.write_bytes(data[: int(len(data) * 0.99)])
    issue, rows = process(path, RULES)
    assert len(issue.layout.pages) == 6 and rows["articles"]
    assert not misplaced(issue.warnings)


def test_a_short_text_layer_is_a_text_layer(tmp_path):
    """A page that says only "Hello World", no scan under it: read, not refused as a scan."""
    path = tmp_path / "hello.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "Hello World", fontsize=12)
        doc.save(path)
    issue, rows = process(path, RULES)
    assert issue.conservation.chars == 10 and issue.conservation.claimed == 10
    assert [b.text for a in issue.articles for b in a.blocks] == ["Hello World"]


def test_name_with_spaces_and_non_ascii_ingests(tmp_path):
    folder = tmp_path / "期刊 archive [2026]"
    folder.mkdir()
    path = folder / "国际科技 第1期 (copy).pdf"
    shutil.copy(FIXTURE, path)
    out = tmp_path / "out put"
    res = _cli(str(path), "--out", str(out))
    assert res.exit_code == 0, res.stderr
    parts = list((out / "parquet" / "articles").glob("issue_id=*/part-0.parquet"))
    assert len(parts) == 1
    issue_id = parts[0].parent.name.removeprefix("issue_id=")
    assert (out / "jsonl" / issue_id / "articles.jsonl").stat().st_size > 0


def test_javascript_and_embedded_files_are_inert(tmp_path):
    """A PDF with an OpenAction script and an attachment ingests; MuPDF's JS engine is off."""
    path = tmp_path / "scripted.pdf"
    with pymupdf.open(FIXTURE) as doc:
        doc.xref_set_key(doc.pdf_catalog(), "OpenAction", "<</S/JavaScript/JS(app.alert\\(1\\))>>")
        doc.embfile_add("payload.exe", b"MZ not really", filename="payload.exe")
        doc.save(path)
    from pipeline.extract import open_pdf

    doc = open_pdf(path, RULES)
    try:
        assert not pymupdf._as_pdf_document(doc).pdf_js_supported()
    finally:
        doc.close()
    issue, _ = process(path, RULES)
    assert issue.articles


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2026-v2n1", "2026-v2n1"),
        ("../../etc/passwd", "etc_passwd"),
        ("a/b\\c", "a_b_c"),
        ("..", "issue"),
        (".hidden", "hidden"),
        ("id=1%2F", "id_1_2F"),
        ("国际科技 2026", "国际科技_2026"),
        ("", "issue"),
        ("\x00\n", "issue"),
    ],
)
def test_safe_id(raw, expected):
    assert safe_id(raw) == expected
    assert len(safe_id("x" * 500)) == 80


def test_issue_id_from_pdf_text_is_sanitised(tmp_path, monkeypatch):
    """Whatever id segmentation derives from the PDF's text, the partition stays inside --out."""
    import pipeline.run as run

    real = run.segment

    def hostile(*args):
        issue = real(*args)
        issue.meta.issue_id = "../../../escaped/x"
        return issue

    monkeypatch.setattr(run, "segment", hostile)
    out = tmp_path / "out"
    issue = run.ingest_file(FIXTURE, out, RULES)
    assert issue.meta.issue_id == "escaped_x"
    assert (out / "parquet" / "articles" / "issue_id=escaped_x" / "part-0.parquet").exists()
    assert not (tmp_path.parent / "escaped").exists()


def _warnings(issue, code):
    return [w for w in issue.warnings if w.code == code]


def test_object_that_will_not_parse_is_named_and_the_page_read(tmp_path):
    """A Form XObject whose dictionary does not parse ("invalid key in dict", as a real journal
    PDF had): MuPDF reads every page; the file is ingested with a warning naming the lost object
    on its page, and the text is the sound file's."""
    path = tmp_path / "invalid-key.pdf"
    path.write_bytes(mutate.invalid_key_in_dict(FIXTURE.read_bytes(), page=0))
    issue, rows = process(path, RULES)
    sound, sound_rows = process(FIXTURE, RULES)
    (w,) = _warnings(issue, "page_damaged")
    assert w.page == 1 and "cannot load object" in w.message and "invalid key in dict" in w.message
    assert [b["text"] for b in rows["blocks"]] == [b["text"] for b in sound_rows["blocks"]]
    assert not _warnings(issue, "page_unreadable")
    assert not misplaced(issue.warnings)


def test_one_unreadable_page_is_reported_and_the_rest_ingested(tmp_path):
    path = tmp_path / "lost-page.pdf"
    path.write_bytes(mutate.lost_page_content(FIXTURE.read_bytes(), page=2))
    issue, rows = process(path, RULES)
    (w,) = _warnings(issue, "page_unreadable")
    assert w.page == 3 and "zlib" in w.message
    assert len(issue.layout.pages) == 6
    assert {b["page"] for b in rows["blocks"]} >= {1, 2, 4, 5, 6}
    assert 3 not in {b["page"] for b in rows["blocks"]}
    assert not misplaced(issue.warnings)


def test_page_tree_cycle_is_a_file_warning(tmp_path):
    path = tmp_path / "cycle.pdf"
    path.write_bytes(mutate.unlisted_page_tree_cycle(FIXTURE.read_bytes()))
    issue, rows = process(path, RULES)
    (w,) = _warnings(issue, "pdf_repaired")
    assert "cycle in page tree" in w.message
    assert len(issue.layout.pages) == 6 and rows["articles"]


def test_too_many_unreadable_pages_refuse_the_file(tmp_path):
    rules = Rules(
        data={**RULES.data, "limits": {**RULES.get("limits", default={}), "max_unreadable_share": 0.1}}
    )
    path = tmp_path / "lost-page.pdf"
    path.write_bytes(mutate.lost_page_content(FIXTURE.read_bytes(), page=2))
    with pytest.raises(IngestError, match=r"1 of 6 pages cannot be read \(pages 3; MuPDF: .*zlib"):
        process(path, rules)


def test_page_over_its_time_budget_is_given_up_not_waited_for(tmp_path):
    """A page drawn over with 200,000 strokes costs MuPDF seconds of CPU where its neighbours cost
    milliseconds: past limits.page_seconds it is given up (a warning naming the page and the budget,
    a residue row), and the rest of the file is ingested as the sound file is."""
    rules = Rules(data={**RULES.data, "limits": {**RULES.get("limits", default={}), "page_seconds": 0.5}})
    path = tmp_path / "stalling.pdf"
    path.write_bytes(mutate.stalling_page(FIXTURE.read_bytes(), page=2))
    issue, rows = process(path, rules)
    (w,) = _warnings(issue, "page_unreadable")
    assert w.page == 3 and "time budget" in w.message and "limits.page_seconds" in w.message
    assert [r["page"] for r in rows["residue"] if r["reason"] == "unreadable_page"] == [3]
    assert 3 not in {b["page"] for b in rows["blocks"]}
    assert {b["page"] for b in rows["blocks"]} >= {1, 2, 4, 5, 6}


def test_a_page_costing_far_past_its_median_page_is_named(tmp_path):
    """Issue 14: no stage may cost more than a bounded multiple of its median page. A page drawn
    over with 40,000 strokes costs extract and layout some 40 times what its neighbours cost (page
    1, its fonts loaded, some 3 times): past a bound of 10 times, a page_slow warning names it, the stage and the bound, page-wide (no bbox). Under the default
    floor of limits.page_cost_min_seconds the sound fixture's pages are never named."""
    path = tmp_path / "heavy.pdf"
    path.write_bytes(mutate.stalling_page(FIXTURE.read_bytes(), page=2, segments=40_000))
    limits = {**RULES.get("limits", default={}), "page_cost_min_seconds": 0, "page_cost_multiple": 10}
    rules = Rules(data={**RULES.data, "limits": limits})
    issue, rows = process(path, rules)
    slow = _warnings(issue, "page_slow")
    assert {w.page for w in slow if "extract" in w.message} == {3}
    assert {w.page for w in slow if "layout" in w.message} == {3}
    assert all("limits.page_cost_multiple" in w.message for w in slow) and not misplaced(slow)
    assert {r["page"] for r in rows["warnings"] if r["code"] == "page_slow"} == {3}
    assert set(issue.layout.raw.page_cpu) == set(range(1, 7)) == set(issue.layout.page_cpu)
    sound, _ = process(FIXTURE, RULES)
    assert not _warnings(sound, "page_slow")


def test_slow_pages_need_both_the_multiple_and_the_floor():
    from pipeline.costs import slow_pages
    from pipeline.models import RawDocument, RawPage

    costs = {n: 0.01 for n in range(1, 10)} | {4: 0.5, 7: 1.5}  # 50x and 150x the median
    raw = RawDocument("x.pdf", "", [RawPage(n, 595, 842, [], [], []) for n in range(1, 10)])
    (w,) = slow_pages("layout", costs, RULES, raw)  # page 4 is under the 1 s floor
    assert w.page == 7 and w.bbox is None and "150x" in w.message and w.message.startswith("page 7:")
    assert slow_pages("layout", {1: 1.5, 2: 1.2}, RULES, raw) == []  # pages alike: none out of proportion
