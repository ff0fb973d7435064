"""Articles continued on a later page (issue 10; pipeline/jumps.py): the fixture `jumps` (profile
jumps, pipeline/sample/jumps.py) prints three articles cut where their opening page is full, each
with a jump line at the foot of its last column in another form, and their rests after a later
article, before the advertisement, each under a jump line naming the page it came from;
`jumps-three` two of them in three columns, both rests stacked on one page (read column by column,
the page runs through both: main before the zones, paragraphs 0.871); `jumps-title` (profile
jumps-title) each rest under its article's title printed again with （续） (before the fold: article
precision 0.571, body 0.919, paragraphs 0.864, four units wrong up to 1.00); `jumps-forms` (profile
jumps-forms) other houses' forms: "Continued on page N" with no bracket, "(Continued from page N)",
转第N页 / 续第N版, (转PN) / (接PN) (main before the forms: body 0.584, paragraphs 0.678, two
units wrong at 1.00); `jumps-runin` (profile jumps-runin) the jump lines set in the body's last
and first lines ("……高标准（下转第 5 页）", "(接第2页)年来始终……"; main before: body 0.299,
paragraphs 0.475, four units wrong at 1.00), `jumps-runin-three` in three columns (the first line
after an in jump read as set in by the jump's width: paragraphs 0.968); `jumps-runin-bare` (profile
jumps-runin-bare) out jumps run in with no brackets after a sentence ("……机遇。Continued on page 6")
and broken over a column's last two lines ("……高标准（下转第" / "5页）", "……必须“(continued" / "on
page 6)"; main before: body 0.456, paragraphs 0.567, page_end 0.500, a unit wrong at 1.00);
`jumps-runin-barein` (profile jumps-runin-barein) in jumps run into the rest's first line with no
brackets ("续第1版构建起……", "上接第4页　　而在……"; main before: body 0.818, paragraphs 0.881,
page_end 0.750, two units wrong at 1.00); `jumps-noin` (profile jumps-noin) the rests printed with
no in line, each at the top of a page (main before: body 0.283, paragraphs 0.475, four wrong);
`jumps-noin-mid` (profile jumps-noin-mid) each under the end of the text before it, mid-column;
`jumps-noin-title` (profile jumps-noin-title) the same under the article's title printed again
with （续） (main before: body 0.174, paragraphs 0.525, page_end 0.000, a unit wrong at 1.00)."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from conftest import misplaced

from pipeline.evaluate import evaluate, norm
from pipeline.rules import Rules
from pipeline.run import ingest_file

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "jumps.pdf"
KEY = json.loads(FIXTURE.with_suffix(".truth.json").read_text(encoding="utf-8"))
NAMES = [
    "jumps",
    "jumps-three",
    "jumps-forms",
    "jumps-runin",
    "jumps-runin-three",
    "jumps-runin-bare",
    "jumps-runin-barein",
    "jumps-runin-digits",
    "jumps-title",
]  # both jump lines printed
ALL = [*NAMES, "jumps-noin", "jumps-noin-mid", "jumps-noin-title"]


def _key(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load()


def _rows(out: Path, issue, table: str) -> list[dict]:
    path = out / "jsonl" / issue.meta.issue_id / f"{table}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _bodies(out: Path, issue) -> dict[str, list[str]]:
    """title -> the article's body blocks, normalised, in order."""
    titles = {a["article_id"]: norm(a["title_zh"]) for a in _rows(out, issue, "articles")}
    bodies: dict[str, list[str]] = {t: [] for t in titles.values()}
    for b in sorted(_rows(out, issue, "blocks"), key=lambda b: b["block_seq"]):
        if b["type"] != "pull_quote":
            bodies[titles[b["article_id"]]].append(norm(b["text"]))
    return bodies


def _jumping() -> list[str]:
    return sorted({j["article"] for j in KEY["jumps"]})


def _edited(tmp_path: Path, way: str, replace_with: str | None = None) -> Path:
    """The fixture with its jump lines of one way (out, in) taken off the page (redacted), or
    printed again naming another page."""
    doc = pymupdf.open(FIXTURE)
    for j in KEY["jumps"]:
        if j["direction"] != way:
            continue
        page = doc[j["page"] - 1]
        lines = [ln for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])]
        for ln in lines:
            if "".join(s["text"] for s in ln["spans"]).replace(" ", "") != j["text"].replace(" ", ""):
                continue
            rect = pymupdf.Rect(ln["bbox"])
            page.add_redact_annot(rect)
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)
            if replace_with is not None:
                page.insert_text((rect.x0, rect.y1 - 2), replace_with, fontname="china-s", fontsize=8)
    path = tmp_path / f"jumps-{way}.pdf"
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory, rules):
    out = {}
    for name in ALL:
        d = tmp_path_factory.mktemp(name)
        out[name] = d, ingest_file(FIXTURES / f"{name}.pdf", d, rules)
    return out


def test_key_prints_three_jumps_in_three_forms():
    """The producer's own claim: three articles jump, each out line on the article's pages and its
    in line after a later article, the forms all different."""
    assert len(_jumping()) == 3
    outs = [j for j in KEY["jumps"] if j["direction"] == "out"]
    ins = [j for j in KEY["jumps"] if j["direction"] == "in"]
    assert len({j["text"].strip("（）() 0123456789") for j in outs}) == 3
    starts = {a["id"]: a["page_start"] for a in KEY["articles"]}
    later = max(
        a["page_start"] for a in KEY["articles"] if a["kind"] == "article" and a["id"] not in _jumping()
    )
    assert all(j["page"] >= later for j in ins) and all(j["page"] < later for j in outs)
    assert all(starts[j["article"]] <= j["page"] for j in outs)


@pytest.mark.parametrize("name", NAMES)
def test_continued_articles_come_out_whole_and_in_order(runs, name):
    """Each jumping article's body is its key's, whole and in order (the paragraph cut at the jump
    one block again), and the later article the rests were printed after holds only its own."""
    out, issue = runs[name]
    key = _key(name)
    bodies = _bodies(out, issue)
    for a in key["articles"]:
        if a["kind"] == "article":
            assert bodies[norm(a["title_zh"])] == [norm(b["text"]) for b in a["blocks"]], a["id"]
    score = evaluate(out, FIXTURES / f"{name}.truth.json", issue.meta.issue_id)
    assert score["paragraph_integrity_article"] == 1.0 and score["body_similarity"] == 1.0
    assert score["page_end_acc"] == 1.0 and score["leakage"] == 0.0
    stitched = [a for a in issue.articles if "jump_stitched" in a.evidence]
    assert len(stitched) == len({j["article"] for j in key["jumps"]}) and all(
        a.confidence >= 0.8 for a in stitched
    )
    assert not [w for w in issue.warnings if w.code.startswith("jump_") and w.code != "jump_title_again"]


@pytest.mark.parametrize("name", ALL)
def test_jump_lines_are_furniture_rows_of_kind_jump(runs, name):
    """The jump lines are navigation: furniture rows of kind jump where the key printed them, in no
    body block nor the residue, and counted (conservation)."""
    out, issue = runs[name]
    key = _key(name)
    rows = _rows(out, issue, "furniture")
    assert sorted((r["page"], norm(r["text"])) for r in rows if r["kind"] == "jump") == sorted(
        (j["page"], norm(j["text"])) for j in key["jumps"]
    )
    texts = "".join(b["text"] for b in _rows(out, issue, "blocks"))
    assert not [j for j in key["jumps"] if norm(j["text"]) in norm(texts)]
    residue = "".join(r["text"] for r in _rows(out, issue, "residue"))
    assert not [j for j in key["jumps"] if norm(j["text"]) in norm(residue)]
    (row,) = _rows(out, issue, "issues")
    assert row["text_unaccounted"] <= 0.003 * row["text_chars"]


def test_continuation_without_its_jump_stays_where_it_is(tmp_path, rules):
    """With the out lines gone, nothing sends to the rests: each stays in the unit that holds it,
    warned at its in line (page, bbox), and that unit is in doubt; the jump lines still are
    furniture."""
    issue = ingest_file(_edited(tmp_path, "out"), tmp_path / "out", rules)
    warned = [w for w in issue.warnings if w.code == "jump_unmatched"]
    ins = [j for j in KEY["jumps"] if j["direction"] == "in"]
    assert sorted(w.page for w in warned) == sorted(j["page"] for j in ins)
    assert not misplaced(warned) and all(w.bbox[0] < 300 for w in warned)  # the in lines, left column
    holders = [a for a in issue.articles if "holds_continuation" in a.evidence]
    assert holders and all(a.confidence <= 0.5 for a in holders)
    later = next(a for a in KEY["articles"] if a["kind"] == "article" and a["id"] not in _jumping())
    holder = next(a for a in issue.articles if norm(a.title_zh) == norm(later["title_zh"]))
    assert holder in holders and len(holder.blocks) > len(later["blocks"])  # the rests stayed in it


def test_rest_whose_in_line_names_another_page_is_joined_in_doubt(tmp_path, rules):
    """In lines that name a page the article was never on: where the part stops mid-sentence, the
    out line and that open sentence speak for the join; it is made, warned (jump_doubtful, at the
    in line), and the article's confidence says so. Where the part ends a sentence (a26's cut falls
    at a paragraph's end) nothing speaks for it: the article stays cut, warned, in doubt."""
    out = tmp_path / "out"
    issue = ingest_file(_edited(tmp_path, "in", "（上接第 99 页）"), out, rules)
    bodies = _bodies(out, issue)
    doubtful = [w for w in issue.warnings if w.code == "jump_doubtful"]
    assert doubtful and not misplaced(doubtful)
    by_title = {norm(a.title_zh): a for a in issue.articles}
    joined = cut = 0
    for a in KEY["articles"]:
        if a["id"] not in _jumping():
            continue
        unit = by_title[norm(a["title_zh"])]
        if "jump_one_sided" in unit.evidence:
            assert bodies[norm(a["title_zh"])] == [norm(b["text"]) for b in a["blocks"]], a["id"]
            assert unit.confidence < 0.8 and unit.seq in {w.article_seq for w in doubtful}
            joined += 1
        else:
            assert "jump_unmatched" in unit.evidence and unit.confidence <= 0.5, a["id"]
            cut += 1
    assert joined == 2 and cut == 1


def test_jump_line_patterns_in_every_profile():
    """The patterns are publication knowledge in rules/ (base-zh.yaml, so the generic profile and
    every magazine's file have them): direction and printed page, never a sentence that mentions
    a page."""
    for name in ("generic-zh.yaml", "guojikejicujin.yaml", "chuangxin-guancha.yaml"):
        r = Rules.load(Path("rules") / name)
        assert r.jump_line("（下转第 42 页）") == ("out", 42)
        assert r.jump_line("(接第12页)") == ("in", 12)
        assert r.jump_line("(continued on page 7)") == ("out", 7)
        assert r.jump_line("(Continued from page 3)") == ("in", 3)
        assert r.jump_line("转下页") == ("out", None)
        assert r.jump_line("详见第 42 页的表格") is None
        # other houses' forms
        assert r.jump_line("Continued on page 42") == ("out", 42)
        assert r.jump_line("[Continued on p. 42]") == ("out", 42)
        assert r.jump_line("Continued on next page") == ("out", None)
        assert r.jump_line("转第42页") == ("out", 42)
        assert r.jump_line("(转P42)") == ("out", 42)
        assert r.jump_line("续第3版") == ("in", 3)
        assert r.jump_line("(接P12)") == ("in", 12)
        assert r.jump_line("（紧接第一版）") == ("in", 1)
        assert r.jump_line("Continued from previous page") == ("in", None)
        assert r.jump_line("See page 42 for the full table.") is None
        assert r.jump_line("Continued on page 42 of the report") is None


def test_rests_printed_with_no_in_line_joined_wherever_they_start(tmp_path, rules):
    """A magazine that prints only the out lines. A rest that starts a column on the page named
    (here: a page of its own) is joined by that and the text running on (jumps-noin's cause); one
    printed mid-column under the later article's end (main: left cut, warned, in doubt) by the page
    named, the part's sentence left open and its first line running on flush where every
    paragraph is set in, after a space left under the text over it. Where the part ends a
    sentence (…二是…。), the paragraph beginning at a column's top opens the enumeration's next
    point (三是…): joined, sure (without the enumeration: in doubt, warned where taken, see
    test_a_rest_after_a_part_that_ends_a_sentence_is_doubted_without_an_enumeration). Every
    jumping article comes out whole; the later article holds only its own."""
    out = tmp_path / "out"
    issue = ingest_file(_edited(tmp_path, "in"), out, rules)
    bodies = _bodies(out, issue)
    assert not [w for w in issue.warnings if w.code == "jump_unmatched"]
    doubtful = [w for w in issue.warnings if w.code == "jump_doubtful"]
    by_title = {norm(a.title_zh): a for a in issue.articles}
    sure = 0
    for a in KEY["articles"]:
        if a["id"] not in _jumping():
            continue
        unit = by_title[norm(a["title_zh"])]
        assert bodies[norm(a["title_zh"])] == [norm(b["text"]) for b in a["blocks"]], a["id"]
        if "jump_continuity" in unit.evidence:
            assert unit.confidence >= 0.8, a["id"]
            sure += 1
        else:
            assert "jump_one_sided" in unit.evidence and unit.confidence < 0.8, a["id"]
            assert unit.seq in {w.article_seq for w in doubtful} and not misplaced(doubtful)
    assert sure == 3
    later = next(a for a in KEY["articles"] if a["kind"] == "article" and a["id"] not in _jumping())
    assert bodies[norm(later["title_zh"])] == [norm(b["text"]) for b in later["blocks"]]


def test_rests_printed_mid_column_with_no_in_line_are_joined(runs):
    """jumps-noin-mid prints only the out lines and each rest under the end of the text before it,
    mid-column, in bands of balanced columns (main: body 0.488, paragraphs 0.780, page_end 0.250,
    two articles left cut and warned). Where the part's sentence is left open, the page named and
    the rest's first line running on flush after a space left join them (jump_continuity, sure);
    the part that ends a sentence is joined at a column's top, sure where its rest opens the next
    point of the enumeration the part's last paragraph opened. Every article whole."""
    out, issue = runs["jumps-noin-mid"]
    key = _key("jumps-noin-mid")
    bodies = _bodies(out, issue)
    for a in key["articles"]:
        if a["kind"] == "article":
            assert bodies[norm(a["title_zh"])] == [norm(b["text"]) for b in a["blocks"]], a["id"]
    score = evaluate(out, FIXTURES / "jumps-noin-mid.truth.json", issue.meta.issue_id)
    assert score["paragraph_integrity_article"] == 1.0 and score["body_similarity"] == 1.0
    assert score["page_end_acc"] == 1.0 and score["leakage"] == 0.0
    sure = [a for a in issue.articles if "jump_continuity" in a.evidence]
    # the part that ends a sentence (…二是…。) and its rest (三是…): the enumeration runs on
    assert len(sure) == 3 and all(a.confidence >= 0.8 for a in sure)
    assert not [a for a in issue.articles if "jump_one_sided" in a.evidence]
    assert not [w for w in issue.warnings if w.code.startswith("jump_")]


def test_rests_with_no_in_line_joined_by_the_page_named_and_the_text_running_on(runs):
    """jumps-noin prints only the out lines; each rest starts a page. Where the part stops
    mid-sentence and the text at the top of the page's first column runs on (not set in), the
    page named and that continuity join them (jump_continuity, sure); where the part ends a
    sentence, the paragraph beginning there opens the next point of the part's enumeration
    (二是…。 | 三是…): sure too. Every article whole."""
    out, issue = runs["jumps-noin"]
    key = _key("jumps-noin")
    bodies = _bodies(out, issue)
    for a in key["articles"]:
        if a["kind"] == "article":
            assert bodies[norm(a["title_zh"])] == [norm(b["text"]) for b in a["blocks"]], a["id"]
    score = evaluate(out, FIXTURES / "jumps-noin.truth.json", issue.meta.issue_id)
    assert score["paragraph_integrity_article"] == 1.0 and score["body_similarity"] == 1.0
    assert score["page_end_acc"] == 1.0 and score["leakage"] == 0.0
    sure = [a for a in issue.articles if "jump_continuity" in a.evidence]
    # the part that ends a sentence (…二是…。) and its rest (三是…): the enumeration runs on
    # (before: joined in doubt, 0.7; conf_right_sure 0.833)
    assert len(sure) == 3 and all(a.confidence >= 0.8 for a in sure)
    assert not [w for w in issue.warnings if w.code.startswith("jump_")]


def test_a_rest_after_a_part_that_ends_a_sentence_is_doubted_without_an_enumeration(tmp_path, rules):
    """The same file read with no enumeration forms in the rules: where the part ends a sentence,
    a paragraph beginning at the top of the page named is all there is: joined, warned at the
    place taken (jump_doubtful, page and bbox), held below 0.8. Every article whole either way."""
    bare = Rules(data={**rules.data, "ordinal_patterns": []})
    out = tmp_path / "out"
    issue = ingest_file(FIXTURES / "jumps-noin.pdf", out, bare)
    key = _key("jumps-noin")
    bodies = _bodies(out, issue)
    for a in key["articles"]:
        if a["kind"] == "article":
            assert bodies[norm(a["title_zh"])] == [norm(b["text"]) for b in a["blocks"]], a["id"]
    sure = [a for a in issue.articles if "jump_continuity" in a.evidence]
    doubted = [a for a in issue.articles if "jump_one_sided" in a.evidence]
    assert len(sure) == 2 and all(a.confidence >= 0.8 for a in sure)
    assert len(doubted) == 1 and doubted[0].confidence <= 0.7
    warned = [w for w in issue.warnings if w.code.startswith("jump_")]
    assert [w.code for w in warned] == ["jump_doubtful"] and not misplaced(warned)
    assert warned[0].article_seq == doubted[0].seq


def test_run_in_jump_cut_off_only_at_a_column_end(rules):
    """jump_split: a bracketed jump ending a line with no text under it is cut off as a line of
    its own (the text keeps the rest of the row), an in jump starting a line with no text over it
    too; the same bracket inside a paragraph (a line under it) is a cross-reference and stays."""
    from pipeline.jump_split import split_run_in
    from pipeline.models import Line, RawDocument, RawPage

    def line(text, y, x0=50.0, x1=290.0):
        return Line(1, text, (x0, y, x1, y + 12), 10.0, "SimSun", False, 0)

    end = line("家、创新企业和科研机构组成的高标准（下转第5页）", 700)
    head = line("（上接第1页）产业生态，在科技成果转化、国际科技", 100)
    mid = line("详情可参见附录的表格与注释（see page 42）", 300)
    under = line("其后各段继续讨论这一问题的多个方面和细节内容", 318)
    raw = RawDocument("x.pdf", "0", [RawPage(1, 595, 842, [head, mid, under, end], [], [])])
    texts = [ln.text for ln in split_run_in(raw, rules).pages[0].lines]
    assert texts == [
        "（上接第1页）",
        "产业生态，在科技成果转化、国际科技",
        mid.text,
        under.text,
        "家、创新企业和科研机构组成的高标准",
        "（下转第5页）",
    ]
    cut = split_run_in(raw, rules).pages[0].lines
    assert cut[0].x1 <= cut[1].x0 and cut[4].x1 <= cut[5].x0 and cut[5].x1 == end.x1
    assert split_run_in(RawDocument("x.pdf", "0", [RawPage(1, 595, 842, [mid, under], [], [])]), rules).pages[
        0
    ].lines == [mid, under]


def test_run_in_jump_with_no_brackets_or_over_two_lines_cut_off(rules):
    """jump_split: a jump with no brackets after a sentence's stop at a column's end is cut off
    ("……机遇。Continued on page 6", "……试点。转第7页"); one broken over the column's last two
    lines is one jump line where it ends, the text over it keeps the rest of its row; the same
    words inside a sentence, or with text under them, stay text."""
    from pipeline.jump_split import split_run_in
    from pipeline.models import Line, RawDocument, RawPage

    def line(text, y, x0=50.0, x1=290.0):
        return Line(1, text, (x0, y, x1, y + 12), 10.0, "SimSun", False, 0)

    def split(*lines):
        raw = RawDocument("x.pdf", "0", [RawPage(1, 595, 842, list(lines), [], [])])
        return [ln.text for ln in split_run_in(raw, rules).pages[0].lines]

    assert split(line("认可这一倡议带来的重大机遇。Continued on page 6", 700)) == [
        "认可这一倡议带来的重大机遇。",
        "Continued on page 6",
    ]
    assert split(line("在多个城市开展了一系列试点。转第7页", 700)) == [
        "在多个城市开展了一系列试点。",
        "转第7页",
    ]
    assert split(line("研究机构联合发布的报告转第7页", 700)) == ["研究机构联合发布的报告转第7页"]  # no stop
    over, end = line("家、创新企业和科研机构组成的高标准（下转第", 684), line("5页）", 700, x1=80.0)
    assert split(over, end) == ["家、创新企业和科研机构组成的高标准", "（下转第5页）"]
    over, end = line("the market grew fast (continued on", 684), line("page 12)", 700, x1=110.0)
    assert split(over, end) == ["the market grew fast", "(continued on page 12)"]
    under = line("其后各段继续讨论这一问题的多个方面和细节内容", 716)
    assert split(over, end, under) == [over.text, end.text, under.text]  # no column's end


def test_bare_in_jump_at_a_line_start_cut_off(rules):
    """jump_split: an in jump with no brackets printed at the start of a line with no text over it,
    the text straight after it ("续第2版年来……", "Continued from page 4 The…"), is cut off where
    its page's number and page word end; the same words under a text line, or words the in
    patterns do not read ("第3版的内容……"), stay text."""
    from pipeline.jump_split import split_run_in
    from pipeline.models import Line, RawDocument, RawPage

    def line(text, y, x0=50.0, x1=290.0):
        return Line(1, text, (x0, y, x1, y + 12), 10.0, "SimSun", False, 0)

    def split(*lines):
        raw = RawDocument("x.pdf", "0", [RawPage(1, 595, 842, list(lines), [], [])])
        return [ln.text for ln in split_run_in(raw, rules).pages[0].lines]

    assert split(line("续第2版年来始终坚持以服务国家战略为宗旨", 100)) == [
        "续第2版",
        "年来始终坚持以服务国家战略为宗旨",
    ]
    assert split(line("上接第十二版　　而在临床应用深化过程中", 100)) == [
        "上接第十二版",
        "而在临床应用深化过程中",
    ]
    assert split(line("Continued from page 4 the market grew fast", 100)) == [
        "Continued from page 4",
        "the market grew fast",
    ]
    over = line("本刊将在后续各期陆续刊出相关的报道，敬请关注", 84)
    assert split(over, head := line("续第2版年来始终坚持以服务国家战略为宗旨", 100)) == [over.text, head.text]
    assert split(line("第3版的内容由编辑部统一审定后刊出", 100)) == ["第3版的内容由编辑部统一审定后刊出"]
    (cut,) = [
        ln
        for ln in split_run_in(
            RawDocument("x.pdf", "0", [RawPage(1, 595, 842, [line("接第3页展开了讨论与交流", 100)], [], [])]),
            rules,
        )
        .pages[0]
        .lines
        if ln.text == "展开了讨论与交流"
    ]
    assert cut.wrap_left == cut.x0 > 50.0  # the text starts its column where it stands: no indent


def test_in_jump_page_run_into_digits_settled_by_the_folio_map(rules):
    """An in jump whose page's number runs into the text's own digits ("Continued from page
    32025年…": page 3, 32, 320 or 3202?) is cut where the folio -> page map says: the page whose
    part ends with an out jump naming this page; else the only page named that the issue prints
    before this one; with two such pages and no out jump, nowhere (the line stays whole). A
    Chinese in jump ends at its page word ("续第32页2025年…"), whatever the map."""
    from pipeline.jump_split import split_run_in
    from pipeline.models import Line, RawDocument, RawPage

    def line(page, text, y=100.0):
        return Line(page, text, (50.0, y, 290.0, y + 12), 10.0, "SimSun", False, 0)

    def split(text, outs, pages=40, here=40, folios=True):
        raw = RawDocument(
            "x.pdf",
            "0",
            [
                RawPage(
                    n,
                    595,
                    842,
                    [line(n, text)] if n == here else [line(n, t, 700.0) for p, t in outs if p == n],
                    [],
                    [],
                )
                for n in range(1, pages + 1)
            ],
        )
        folio_map = (lambda: {n: n for n in range(1, pages + 1)}) if folios else None
        return [ln.text for ln in split_run_in(raw, rules, folio_map).pages[here - 1].lines]

    text = "Continued from page 32025年，人工智能相关产业规模"
    at_32 = ["Continued from page 32", "025年，人工智能相关产业规模"]
    at_3 = ["Continued from page 3", "2025年，人工智能相关产业规模"]
    assert split(text, [(32, "……完成了试点。(continued on page 40)")]) == at_32
    assert split(text, [(3, "（下转第40页）")]) == at_3
    assert split(text, [(32, "(continued on page 39)")]) == [text]  # names another page: no evidence
    assert split(text, []) == [text]  # pages 3 and 32 both precede it: no evidence either way
    assert split(text, [], pages=20, here=20) == at_3  # the issue prints no page 32
    assert split(text, [(32, "Continued on page 40")], folios=False) == [text]  # no map: left whole
    assert split("续第32页2025年，人工智能相关产业规模", []) == ["续第32页", "2025年，人工智能相关产业规模"]


def test_rest_opening_with_digits_run_into_its_in_jump_is_joined(runs):
    """jumps-runin-digits (profile jumps-runin-digits): each part cut right before a number, its
    rest opening with digits run into the in jump ("Continued from page 12025年是…", the part
    ended on folio 1, folio 12 is the rest's own page). main: the jump was read as the rest's text
    (body 0.999, paragraphs 0.994); now a jump row naming page 1, the article whole."""
    out, issue = runs["jumps-runin-digits"]
    score = evaluate(out, FIXTURES / "jumps-runin-digits.truth.json", issue.meta.issue_id)
    jumps = [r["text"] for r in _rows(out, issue, "furniture") if r["kind"] == "jump"]
    assert "Continued from page 1" in jumps
    assert not any("Continued from" in b for bodies in _bodies(out, issue).values() for b in bodies)
    assert score["body_similarity"] == 1.0 and score["paragraph_integrity"] == 1.0


def test_title_printed_again_over_a_rest_opens_no_unit(runs):
    """jumps-title prints each article's title again, with （续）, over its rest: segmentation opens
    a unit at each (a contents entry's title, found elsewhere). Each such unit is folded back, as
    if the title were not printed (and so is the unit segmentation opened at the page turn after
    one, with no title of its own); the rests are then found under their in lines; the titles are
    furniture of kind jump, said where they stand (jump_title_again)."""
    out, issue = runs["jumps-title"]
    key = _key("jumps-title")
    assert sorted(norm(a.title_zh) for a in issue.articles if a.kind == "article") == sorted(
        norm(a["title_zh"]) for a in key["articles"] if a["kind"] == "article"
    )
    again = [j for j in key["jumps"] if j["direction"] == "title"]
    rows = [r for r in _rows(out, issue, "furniture") if r["kind"] == "jump"]
    assert {(j["page"], norm(j["text"])) for j in again} <= {(r["page"], norm(r["text"])) for r in rows}
    warned = [w for w in issue.warnings if w.code == "jump_title_again"]
    assert {w.page for w in warned} >= {j["page"] for j in again} and not misplaced(warned)


def test_rest_under_its_title_printed_again_with_no_in_line_is_joined(runs):
    """jumps-noin-title prints each rest mid-column under its article's title printed again with
    （续）, and no in line: the title names the article as an in line would and stands where the
    rest starts. Each rest is joined to its article (sure: the title stands on the page the out line
    names), whether the part's sentence is left open or not; the titles are jump furniture."""
    out, issue = runs["jumps-noin-title"]
    key = _key("jumps-noin-title")
    bodies = _bodies(out, issue)
    for a in key["articles"]:
        if a["kind"] == "article":
            assert bodies[norm(a["title_zh"])] == [norm(b["text"]) for b in a["blocks"]], a["id"]
    score = evaluate(out, FIXTURES / "jumps-noin-title.truth.json", issue.meta.issue_id)
    assert score["paragraph_integrity_article"] == 1.0 and score["body_similarity"] == 1.0
    assert score["page_end_acc"] == 1.0 and score["article_precision"] == 1.0
    joined = [a for a in issue.articles if "jump_continuity" in a.evidence]
    assert len(joined) == 3 and all(a.confidence >= 0.8 for a in joined)
    assert not [w for w in issue.warnings if w.code in ("jump_unmatched", "jump_doubtful")]
