"""Tables read from the table areas only: every cell right, merged cells repeated, spans kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import norm
from pipeline.rules import Rules
from pipeline.run import process
from pipeline.tables import _text_rows, cell_value, join_cell

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def tables_run():
    return process(FIX / "tables-classic.pdf", Rules.load())


def _truth_tables() -> list[dict]:
    truth = json.loads((FIX / "tables-classic.truth.json").read_text(encoding="utf-8"))
    return [t for a in truth["articles"] for t in a.get("tables") or []]


def _grid(header, rows):
    return [[norm(c) for c in row] for row in [header, *rows]]


def test_every_cell_right(tables_run):
    issue, rows = tables_run
    found = [t for a in issue.articles for t in a.tables]
    truth = _truth_tables()
    assert len(found) == len(truth) == 2
    for want in truth:
        grid = _grid(want["header"], want["rows"])
        assert any(_grid(t.header, t.rows) == grid for t in found), want["header"]
    notes = {norm(n) for t in found for n in t.notes}
    assert notes == {norm(n) for t in truth for n in t["notes"]}


def test_merged_cells_and_spans(tables_run):
    issue, rows = tables_run
    policy = next(t for a in issue.articles for t in a.tables if t.header[0] == "发布时间")
    # 2025年10月 is printed once over three rows: repeated in each, rowspan on the first
    assert [r[0] for r in policy.rows[:3]] == ["2025年10月"] * 3
    assert policy.spans[(1, 0)] == (3, 1)
    assert policy.spans[(6, 0)] == (5, 1)
    cells = {(c["table_id"], c["row"], c["col"]): c for c in rows["table_cells"]}
    tid = next(t["table_id"] for t in rows["tables"] if t["header"][0] == "发布时间")
    assert cells[(tid, 1, 0)]["rowspan"] == 3 and cells[(tid, 2, 0)]["rowspan"] == 1


def test_table_text_left_the_body(tables_run):
    issue, _ = tables_run
    body = "".join(b.text for a in issue.articles for b in a.blocks)
    assert "《黑龙江省深入实施" not in body  # a policy-table cell
    assert "注：早期融资包括" not in body  # the table note moved to table.notes


def test_no_table_on_body_pages():
    issue, rows = process(FIX / "news-classic.pdf", Rules.load())
    assert rows["tables"] == [] and rows["table_cells"] == []
    assert all(not a.tables for a in issue.articles)


def test_cell_values():
    units = Rules.load().get("tables", "units")
    assert cell_value("56.6%", ["占比"], units) == (56.6, "%")
    assert cell_value("1800", ["数量 (起)", "早期融资"], units) == (1800.0, "起")
    assert cell_value("2025年10月", ["发布时间"], units) == (None, None)
    assert join_cell("《河北省推动行动计划(2025—2027\n年)》") == "《河北省推动行动计划(2025—2027年)》"
    assert join_cell("Pre-A\nround") == "Pre-A round"


# ---------------------------------------------------------------- tables set without any rule
@pytest.fixture(scope="module")
def norules_run():
    return process(FIX / "tables-norules-story.pdf", Rules.load())


def _truth(name: str) -> list[dict]:
    truth = json.loads((FIX / name).read_text(encoding="utf-8"))
    return [t for a in truth["articles"] for t in a.get("tables") or []]


def test_rule_less_tables_every_cell_right(norules_run):
    issue, rows = norules_run
    found = [t for a in issue.articles for t in a.tables]
    truth = _truth("tables-norules-story.truth.json")
    assert len(found) == len(truth) == 2
    for want in truth:
        got = next(t for t in found if norm(t.header[0]) == norm(want["header"][0]))
        assert _grid(got.header, got.rows) == _grid(want["header"], want["rows"])
        assert norm(got.caption or "") == norm(want["caption"] or "")
        assert [norm(n) for n in got.notes] == [norm(n) for n in want["notes"]]
    assert len(rows["tables"]) == 2


def test_rule_less_table_continued_on_next_page(norules_run):
    issue, _ = norules_run
    policy = next(t for a in issue.articles for t in a.tables if t.header[0] == "发布时间")
    assert policy.page == 1 and len(policy.rows) == 14  # 9 rows on page 1, 5 more on page 2
    assert policy.rows[-1][1] == "黑龙江"
    body = "".join(b.text for a in issue.articles for b in a.blocks)
    assert "《江西省" not in body and "56.6%" not in body  # cells left the body
    assert "表1" not in body and "注：早期融资包括" not in body  # caption and note moved to the table


@pytest.mark.parametrize(
    "name", ["news-classic.pdf", "roundup-dense.pdf", "contents-tricky.pdf", "story-onecolumn.pdf"]
)
def test_no_false_tables(name):
    """Body text in two or three columns, a contents page, English justified text: no table."""
    issue, rows = process(FIX / name, Rules.load())
    assert rows["tables"] == [] and rows["table_cells"] == []
    assert all(not b.role == "table" for p in issue.layout.pages for b in p.blocks)


def _story_pdf(tmp_path, html: str) -> Path:
    import pymupdf

    story = pymupdf.Story(
        html=html, user_css="body {font-family: sans-serif; font-size: 10pt;} td {padding: 1pt 18pt 1pt 0;}"
    )
    out = tmp_path / "t.pdf"
    writer = pymupdf.DocumentWriter(str(out))
    more = True
    while more:
        dev = writer.begin_page(pymupdf.paper_rect("a4"))
        more, _ = story.place(pymupdf.paper_rect("a4") + (72, 60, -72, -60))
        story.draw(dev)
        writer.end_page()
    writer.close()
    return out


def test_aligned_lists_are_not_tables(tmp_path):
    """A masthead's names in columns and a contents list (page, title) set as borderless grids."""
    from pipeline.extract import extract
    from pipeline.layout import analyze

    names = ["张绍纯", "刘彬", "孙洪峰", "计秋芝", "周济", "徐利伟", "王伟", "李强", "赵敏"]
    masthead = "".join(
        "<tr>" + "".join(f"<td>{names[(r + c) % 9]}</td>" for c in range(4)) + "</tr>" for r in range(6)
    )
    contents = "".join(
        f"<tr><td>{p}</td><td>人工智能全方位赋能千行百业第{p}篇</td><td>{p + 40}</td><td>标准化工作综述</td></tr>"
        for p in range(4, 40, 5)
    )
    text = "<p>" + "以中国创新与世界共振，推动科技与产业深度融合。" * 12 + "</p>"
    pdf = _story_pdf(
        tmp_path, text + f"<table>{masthead}</table>" + text + f"<table>{contents}</table>" + text
    )
    laid = analyze(extract(pdf, Rules.load()), Rules.load())
    assert not [b for p in laid.pages for b in p.blocks if b.role == "table"]


def test_rule_less_table_with_right_aligned_numbers(tmp_path):
    from pipeline.extract import extract
    from pipeline.layout import analyze

    rows = [("北京", "1,234", "12.5%", "356"), ("上海", "987", "9.1%", "41"), ("深圳", "15", "0.2%", "7")]
    body = "".join(
        f"<tr><td>{a}</td><td style='text-align:right'>{b}</td><td style='text-align:right'>{c}</td>"
        f"<td style='text-align:right'>{d}</td></tr>"
        for a, b, c, d in rows
    )
    head = "<tr><td>城市</td><td>企业数量</td><td>占比</td><td>新增</td></tr>"
    text = "<p>" + "以中国创新与世界共振，推动科技与产业深度融合。" * 12 + "</p>"
    pdf = _story_pdf(tmp_path, text + f"<table>{head}{body}</table>" + text)
    laid = analyze(extract(pdf, Rules.load()), Rules.load())
    tables = [b for p in laid.pages for b in p.blocks if b.role == "table"]
    assert len(tables) == 1 and "0.2%" in tables[0].text and "以中国" not in tables[0].text


def test_table_over_its_time_budget_is_read_by_alignment(tmp_path):
    """pdfplumber given no time at all: every area falls back to the alignment reader, warned
    with page and bbox, and the rule-less tables still read whole (merged cells need pdfplumber)."""
    from pipeline.evaluate import evaluate
    from pipeline.run import ingest_file

    base = Rules.load()
    rules = Rules(data={**base.data, "tables": {**base.data["tables"], "area_seconds": 1e-6}})
    pdf = Path(__file__).parent / "fixtures" / "tables-norules-story.pdf"
    issue = ingest_file(pdf, tmp_path, rules)
    slow = [w for w in issue.warnings if w.code == "table_slow"]
    assert slow and all(w.page and w.bbox for w in slow)
    assert sum(len(a.tables) for a in issue.articles) == 2
    score = evaluate(tmp_path, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0


def test_the_alignment_reader_reads_words_and_joins_latin_words_broken_over_a_cells_lines(tmp_path):
    """pdfplumber given no time at all on journal-wrapped (rows set with no padding, every cell
    wrapped, an English column narrower than its words): the alignment reader read the layout's
    lines, which run from one cell into the next ("长三角地 建设跨省…"), and wrote each line of an
    English cell as a row ("Technolog" / "y": 表 1 read as 21 rows, 表 2 as 8, cells 0.09). It
    reads the glyphs' words now, as pdfplumber does, and joins a Latin word broken over a cell's
    lines on the same evidence (latin_breaks): both tables whole."""
    from pipeline.evaluate import evaluate
    from pipeline.run import ingest_file

    base = Rules.load()
    rules = Rules(data={**base.data, "tables": {**base.data["tables"], "area_seconds": 1e-6}})
    issue = ingest_file(WRAPPED, tmp_path, rules)
    assert len([w for w in issue.warnings if w.code == "table_slow"]) == 2
    found = [t for a in issue.articles for t in a.tables]
    want1, want2 = _wrapped_truth()
    got1 = next(t for t in found if t.header[0] == want1["header"][0])
    assert [r[1] for r in got1.rows] == [r[1] for r in want1["rows"]]  # Technology, Semiconductor
    score = evaluate(tmp_path, WRAPPED.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0


JOURNAL_OFFSET = FIX / "journal" / "journal-tables-offset.pdf"


def test_tables_on_a_page_whose_box_is_off_the_origin(tmp_path):
    """journal_tables.py --offset-box: each page's MediaBox at [8.5 8.5 …] (as CNKI's copies carry
    it), the page looking the same. pdfplumber measures from the box's corner as written, the
    layout from the page as shown: each area was read 8.5 pt off, its head row and top rule cut
    off (the heads left in the residue, cells 0.000), and a row whose glyphs' baselines fell
    outside the crop lost. Read where pdfplumber sees the page, every table is whole."""
    from pipeline.evaluate import evaluate
    from pipeline.run import ingest_file

    issue = ingest_file(JOURNAL_OFFSET, tmp_path, Rules.load())
    score = evaluate(tmp_path, JOURNAL_OFFSET.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["table_cell_accuracy"] == 1.0 and score["n_pred_tables"] == 4
    heads = {h for a in issue.articles for t in a.tables for h in t.header}
    assert not [r.text for r in issue.residue if r.text in heads]


JOURNAL_APART = FIX / "journal" / "journal-tables-apart.pdf"


def test_a_caption_title_set_far_right_of_its_label_is_the_tables_caption():
    """journal_tables.py --label-apart: each caption's label flush left, its title centred over the
    table (通信学报's 表 2). The layout reads the two as blocks of their own, the title across the
    columns: 表 A1's label stood left of its narrower table, so the form was no table (its heads in
    the residue) and its title was residue too. A block on the label's row, to its right, over the
    table and in the label's size is its title: every caption whole, no title left over."""
    from pipeline.choose import RulesChooser

    issue, _ = process(JOURNAL_APART, RulesChooser("auto").for_pdf(JOURNAL_APART))
    want = _truth("journal/journal-tables-apart.truth.json")
    found = [t for a in issue.articles for t in a.tables]
    assert sorted(norm(t.caption or "") for t in found) == sorted(norm(t["caption"]) for t in want)
    for t in want:
        got = next(f for f in found if norm(f.caption or "") == norm(t["caption"]))
        assert _grid(got.header, got.rows) == _grid(t["header"], t["rows"]), t["caption"]
    titles = [norm(t["caption"].split("　", 1)[1]) for t in want]
    left = [b.text for a in issue.articles for b in a.blocks] + [
        c.text for a in issue.articles for c in a.captions
    ]
    left += [r.text for r in issue.residue]
    assert not [t for t in left if norm(t) in titles or norm(t).startswith("表")]


JOURNAL_SIX = FIX / "journal" / "journal-tables-six.pdf"


def test_a_six_column_table_squeezed_into_one_column_keeps_its_columns():
    """journal_tables.py --six: six columns in one column of the page, cells padded 1.5 pt, the
    heads wrapped: 年份 and 研发投入/亿元 stand 4.5 pt apart on the head row (under min_column_gap_em)
    while every row under them leaves the gap 14 pt wide. The gap was read across the narrowest
    row, so the first two columns were one ('2021 1285.6', cells 0.000). A gap the rows keep wide,
    narrowed only by rows with an ideograph beside it, parts the columns."""
    from pipeline.choose import RulesChooser

    issue, _ = process(JOURNAL_SIX, RulesChooser("auto").for_pdf(JOURNAL_SIX))
    (want,) = _truth("journal/journal-tables-six.truth.json")
    (got,) = [t for a in issue.articles for t in a.tables]
    assert _grid(got.header, got.rows) == _grid(want["header"], want["rows"])


JOURNAL_TOP = FIX / "journal" / "journal-tables-top.pdf"


def test_cells_set_from_the_top_wrapped_beside_one_line_cells_keep_their_row():
    """journal_tables.py --top (电信科学's 表 3): cells set from the top of their row, the first and
    third columns wrapped onto two lines beside one-line cells. The break between rows was read
    midway between the one-line cells' rows, through the wrapped cells' second lines ('设计',
    'Slimfly', '联方式' in the residue, cells 0.833): it cut them as if each were a value centred
    over a row boundary. A line is such a value only when its cell's lines stand centred there."""
    from pipeline.choose import RulesChooser

    issue, _ = process(JOURNAL_TOP, RulesChooser("auto").for_pdf(JOURNAL_TOP))
    (want,) = _truth("journal/journal-tables-top.truth.json")
    (got,) = [t for a in issue.articles for t in a.tables]
    assert _grid(got.header, got.rows) == _grid(want["header"], want["rows"])
    assert not [r.text for r in issue.residue if r.reason == "unclaimed"]


def test_a_word_space_inside_a_cell_parts_no_columns():
    """The other side: a gap narrower than min_gap that a Latin word space makes (a name in one
    cell, the other rows short of it) parts no columns, however wide the other rows leave it."""
    from pipeline.tables import _text_columns

    def word(x0, x1, top, text):
        return {"x0": x0, "x1": x1, "top": top, "bottom": top + 8, "text": text}

    words = [
        word(10, 40, 0, "Shenzhen"), word(43, 70, 0, "Yunfan"), word(120, 140, 0, "2021"),
        word(10, 30, 12, "Wuhan"), word(120, 140, 12, "2022"),
        word(10, 32, 24, "Suzhou"), word(120, 140, 24, "2023"),
    ]  # fmt: skip
    assert _text_columns(words, 4.8) == [95.0]


# ---------------------------------------------------------------- cells that wrap in a narrow measure
def test_narrow_three_line_table_wrapped_cells_stay_in_their_row():
    """A three-line table squeezed into a narrow measure (MuPDF Story, each cell set from the top
    of its row): 数量 (起) wraps onto two lines while the numbers beside it do not; the wrapped
    line is the same cell, not a row of its own (and not cut in half)."""
    issue, rows = process(FIX / "tables-narrow-story.pdf", Rules.load())
    (want,) = _truth("tables-narrow-story.truth.json")
    (got,) = [t for a in issue.articles for t in a.tables]
    assert len(got.rows) == len(want["rows"]) == 2
    assert _grid(got.header, got.rows) == _grid(want["header"], want["rows"])
    assert "21.6%" not in "".join(b.text for a in issue.articles for b in a.blocks)  # cells left the body


def _word(x0, top, text, size=9.4):
    return {"x0": x0, "x1": x0 + 4.7 * len(text), "top": top, "bottom": top + size, "text": text}


COLS = [38.0, 65.0, 88.0, 112.0, 133.0, 153.0, 175.0]  # six columns of a narrow table


def test_cells_wrapped_in_a_row_whose_other_cells_are_centred_keep_one_row():
    """As our typesetter sets a six-column table in one column of three (make fuzz v08): each cell
    centred in its row; 1800 wraps to 180|0 and 56.6% to 56.6|%, the cells beside them do not. The
    rows are set further apart (10 pt) than the lines of a cell (4 pt): two rows, not four."""
    words = [
        *(_word(42, t, s) for t, s in ((236.1, "数量"), (249.7, "(起)"), (276.2, "占比"))),
        *(_word(69, t, s) for t, s in ((236.3, "180"), (249.9, "0"), (269.5, "56.6"), (283.2, "%"))),
        *(_word(92, t, s) for t, s in ((243.1, "374"), (269.5, "11.8"), (283.2, "%"))),
        *(_word(116, t, s) for t, s in ((236.3, "24"), (249.9, "7"), (269.5, "7.8"), (283.2, "%"))),
        *(_word(136, t, s) for t, s in ((243.1, "73"), (269.5, "2.3"), (283.2, "%"))),
        *(_word(156, t, s) for t, s in ((243.1, "686"), (269.5, "21.6"), (283.2, "%"))),
    ]
    ys = _text_rows(words, 229.8, 296.3, COLS)
    assert ys and all(259.3 < y < 269.5 for y in ys)  # between 数量 (起) … and 占比 …, nowhere else


def test_rows_set_close_and_values_centred_over_rows_stay_rows():
    """The same narrow table with its rows set as close as lines (no padding, as LaTeX sets a
    tabular) and a value centred over two rows (a merged cell without rules): every break is a
    row, none is a wrap."""
    tops = [236.0, 249.6, 263.2, 276.8]
    words = [_word(42, 242.8, "早期"), _word(42, 270.0, "后期")]  # each centred over two rows
    for x in COLS[1:-1]:
        words += [_word(x + 3, t, str(i)) for i, t in enumerate(tops)]
    ys = _text_rows(words, 229.8, 296.3, COLS)
    assert all(any(t + 9.4 < y < n for y in ys) for t, n in zip(tops, tops[1:], strict=False))


def _kerned_table_pdf(path: Path) -> Path:
    """A ruled table whose producer kerns a glyph back past its neighbour's origin inside one text
    run ([(Nor) 900 (th)] TJ: 'th' is drawn over 'r'): the cell reads 'North' in the order it was
    set, but 'Ntohr' when its glyphs are sorted left to right."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 60), "Quarterly figures", fontname="helv", fontsize=10)  # the font resource
    xs, ys = [72, 232, 372, 512], [100, 120, 140, 160, 180, 200]
    ops = [f"{xs[0]} {842 - y} m {xs[-1]} {842 - y} l S" for y in ys]
    ops += [f"{x} {842 - ys[0]} m {x} {842 - ys[-1]} l S" for x in xs]
    cells = [["Region", "Units", "Share"], ["North", "1200", "0.25"], ["South", "1800", "0.35"]]
    cells += [["East", "900", "0.18"], ["West", "1100", "0.22"]]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            shown = "[(Nor) 900 (th)] TJ" if text == "North" else f"({text}) Tj"
            ops.append(f"BT /helv 10 Tf {xs[c] + 4} {842 - ys[r] - 14} Td {shown} ET")
    xref = page.get_contents()[0]
    doc.update_stream(xref, doc.xref_stream(xref) + ("\n" + "\n".join(ops)).encode())
    doc.save(path)
    return path


def test_cell_text_in_the_order_it_was_set(tmp_path):
    """pdfplumber sorts a cell's glyphs left to right; a glyph kerned back then reads out of order
    and the cell no longer holds what the page's lines say (their text lost to every table: fuzz-pdf's
    pdfplumber issue-192 kept 94.6 %). Cells are read in the order the producer set them, as the
    page's lines are: every character of the page is in a row."""
    issue, _ = process(_kerned_table_pdf(tmp_path / "kerned.pdf"), Rules.load())
    (table,) = [t for a in issue.articles for t in a.tables]
    assert table.rows[0][0].replace(" ", "") == "North"
    c = issue.conservation
    assert c.claimed == c.chars and not issue.residue


JOURNAL_TABLES = FIX / "journal" / "journal-tables.pdf"


@pytest.fixture(scope="module")
def journal_tables_run():
    """pipeline/sample/journal_tables.py: four three-line tables of a journal paper (Chromium's
    filled rules of two widths, MuPDF's stroked ones, a merged header with short rules, an empty
    appendix form), read with the rules `--rules auto` chooses."""
    from pipeline.choose import RulesChooser

    return process(JOURNAL_TABLES, RulesChooser("auto").for_pdf(JOURNAL_TABLES))


def _journal_truth() -> list[dict]:
    truth = json.loads(JOURNAL_TABLES.with_suffix(".truth.json").read_text(encoding="utf-8"))
    return [t for a in truth["articles"] for t in a["tables"]]


def test_three_line_tables_every_cell_right(journal_tables_run):
    """表 1 and 表 3 stand in one column beside the other column's running text and are taller
    than the rule gap alone allows (read as body text before: the prose beside them was taken for
    text between their rules); 表 2's heads over two columns each keep their columns; 表 1's
    italic variable names, boxed by their font under their baseline, stay in their rows (each row
    was read into the row above)."""
    issue, _ = journal_tables_run
    found = [t for a in issue.articles for t in a.tables]
    truth = _journal_truth()
    assert len(found) == len(truth) == 4
    for want in truth:
        grid = _grid(want["header"], want["rows"])
        got = next((t for t in found if norm(t.caption or "") == norm(want["caption"])), None)
        assert got is not None, want["caption"]
        assert _grid(got.header, got.rows) == grid, want["caption"]


def test_merged_header_spans(journal_tables_run):
    """A head over two columns with a short rule under it is one merged cell (colspan 2); the
    head beside the short rule stands over both header rows (rowspan 2)."""
    issue, _ = journal_tables_run
    table = next(t for a in issue.articles for t in a.tables if t.caption and t.caption.startswith("表 2"))
    assert table.spans[(0, 1)] == (1, 2) and table.spans[(0, 3)] == (1, 2)
    assert table.spans[(0, 0)] == (2, 1)
    assert table.notes and table.notes[0].startswith("注：")


def test_empty_form_under_its_caption_is_a_table(journal_tables_run):
    """A header between the top two rules and nothing under it (an appendix form, a template's
    example) is a table when its caption is above it: its header was lost to residue before."""
    issue, _ = journal_tables_run
    form = next(t for a in issue.articles for t in a.tables if t.caption and t.caption.startswith("表 A1"))
    assert form.header == ["企业名称", "所属行业", "从业人数", "数字化投入"] and form.rows == []
    lost = " ".join(r.text for r in issue.residue)
    assert "企业名称" not in lost


def test_three_line_tables_text_only_in_tables(journal_tables_run):
    """Conservation: a cell's text is in its table and in no body block, caption or residue row."""
    issue, _ = journal_tables_run
    body = "".join(norm(b.text) for a in issue.articles for b in a.blocks)
    outside = body + "".join(norm(c.text) for a in issue.articles for c in a.captions)
    outside += "".join(norm(r.text) for r in issue.residue)
    truth = json.loads(JOURNAL_TABLES.with_suffix(".truth.json").read_text(encoding="utf-8"))
    printed = "".join(norm(b["text"]) for a in truth["articles"] for b in a["blocks"])
    cells = [c for t in _journal_truth() for c in [*t["header"], *(c for r in t["rows"] for c in r)]]
    own = [c for c in cells if len(norm(c)) >= 3 and norm(c) not in printed]  # not also said in the text
    assert len(own) > 40
    for cell in own:
        assert norm(cell) not in outside, cell


def test_glyph_boxed_off_its_baseline_is_boxed_from_it():
    """A char whose box hangs a full size under its baseline (a font descriptor's Descent -1000)
    is boxed from the baseline; a char boxed as usual keeps its box."""
    from pipeline.cell_text import upright

    off = {"top": 100.0, "bottom": 108.0, "y1": 700.0, "size": 8.0, "matrix": (1, 0, 0, 1, 50, 700.0)}
    assert upright(off) == pytest.approx((93.6, 101.6))
    usual = {"top": 93.0, "bottom": 101.5, "y1": 707.0, "size": 8.0, "matrix": (1, 0, 0, 1, 50, 707.0 - 7.0)}
    assert upright(usual) == (93.0, 101.5)


JOURNAL_WIDE = FIX / "journal" / "journal-tables-wide.pdf"


def test_table_across_both_columns_mid_page():
    """journal-tables-wide: 表 2 across both columns mid-page, so the browser balances the columns
    above it into a band of three lines each. Its caption, centred over the gutter, stood in that
    band, hid the gutter and the band's left and right lines were read as one; and 表 2 apart from
    its caption's words stayed in the band. Now the paragraph running through the band is one
    block and the caption is the table's, whole."""
    from pipeline.choose import RulesChooser

    issue, _ = process(JOURNAL_WIDE, RulesChooser("auto").for_pdf(JOURNAL_WIDE))
    truth = json.loads(JOURNAL_WIDE.with_suffix(".truth.json").read_text(encoding="utf-8"))
    paragraphs = [norm(b["text"]) for a in truth["articles"] for b in a["blocks"] if b["type"] == "paragraph"]
    blocks = {norm(b.text) for a in issue.articles for b in a.blocks}
    assert all(p in blocks for p in paragraphs)
    captions = {norm(t.caption or "") for a in issue.articles for t in a.tables}
    assert norm("表 2　人工智能投资与传统产业产出（2024—2025 年）") in captions
    assert norm("表 A1　企业调查登记表") in captions
    assert not [r for r in issue.residue if "企业" in r.text]


def test_three_line_tables_squeezed_into_a_narrow_column():
    """Chromium, three-line tables 150 pt wide in one column of three (browser.py
    --squeezed-tables): the first column set flush with the rules' left end, every cell of some
    rows wrapped at the same height, numbers broken inside a cell. The first column keeps its
    first characters (main read "025 10" for 2025年10月), a number broken over two lines is one
    number ("(202 5—2027年)" on main), a row whose every cell wrapped is one row when a cell's
    bracket opened above the break is closed below it (《甘肃省深入实施“人工智 / 能+”行动方案》)."""
    pdf = FIX / "squeezed" / "browser-squeezed.pdf"
    issue, _ = process(pdf, Rules.load())
    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    (want,) = [t for a in truth["articles"] for t in a.get("tables") or [] if t["header"][0] == "发布时间"]
    found = [t for a in issue.articles for t in a.tables]
    (got,) = [t for t in found if norm(t.header[0]) == "发布时间"]
    assert _grid(got.header, got.rows) == _grid(want["header"], want["rows"])
    # IPO broken "IP" / "O" where the cell's line is full: one word (the body prints it whole)
    (stages,) = [t for a in truth["articles"] for t in a.get("tables") or [] if t["header"][0] == "阶段"]
    (got,) = [t for t in found if norm(t.header[0]) == "阶段"]
    assert got.header == stages["header"] and "IPO" in got.header


JOURNAL_BILINGUAL = FIX / "journal" / "journal-tables-bilingual.pdf"
JOURNAL_BARE_ENGLISH = FIX / "journal" / "journal-tables-bare-english.pdf"


@pytest.mark.parametrize("pdf", [JOURNAL_BILINGUAL, JOURNAL_BARE_ENGLISH], ids=["labelled", "bare"])
def test_bilingual_captions_set_tight_on_the_top_rule(pdf):
    """journal_tables.py --bilingual: each caption in Chinese over English (表 1 … / Table 1 …), the
    English line so close over the top rule that its descenders reach into the table's box. That
    sliver of the English line was read as the table's first row (表 1 was lost, its cells left in
    the residue), and the English caption was left in the body. Now every table is read with every
    cell right under its Chinese caption, and each English caption is the table's caption_en (as
    journal-hanging's), never body. --bare-english prints the English line without its label
    (表 1 … / Main variables and their definitions): it was joined into the Chinese caption and
    caption_en stayed None; it is the caption's English by script, face and place."""
    from pipeline.choose import RulesChooser

    issue, _ = process(pdf, RulesChooser("auto").for_pdf(pdf))
    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    want = [t for a in truth["articles"] for t in a["tables"]]
    found = [t for a in issue.articles for t in a.tables]
    assert len(found) == len(want) == 4
    for t in want:
        got = next((f for f in found if norm(f.caption or "") == norm(t["caption"])), None)
        assert got is not None, t["caption"]
        assert _grid(got.header, got.rows) == _grid(t["header"], t["rows"]), t["caption"]
        assert norm(got.caption_en or "") == norm(t["caption_en"]), t["caption"]
    captions = [norm(c.text) for a in issue.articles for c in a.captions]
    assert captions == [norm(c) for a in truth["articles"] for c in a["captions"]]
    left = [b.text for a in issue.articles for b in a.blocks] + [r.text for r in issue.residue]
    assert not [t for t in left if t.startswith(("Table", "表"))]
    english = [norm(t["caption_en"]) for t in want]
    assert not [t for t in left if norm(t) in english]
    assert not [w for w in issue.warnings if w.code == "caption_doubtful"]
    # confidence is read from the unit as written, after its tables took their captions: the
    # English captions, paragraphs of the body until then, are no English left in it (the paper
    # was read right at 0.4, english_in_body, when confidence was assessed before the tables)
    (art,) = issue.articles
    assert "english_in_body" not in art.evidence and art.confidence >= 0.8, art.evidence


# ---------------------------------------------------------------- rows set with no padding, every cell wrapped
WRAPPED = FIX / "wrapped" / "journal-wrapped.pdf"


@pytest.fixture(scope="module")
def wrapped_run():
    return process(WRAPPED, Rules.load())


def _wrapped_truth() -> list[dict]:
    truth = json.loads(WRAPPED.with_suffix(".truth.json").read_text(encoding="utf-8"))
    return [t for a in truth["articles"] for t in a["tables"]]


def test_rows_whose_every_cell_wraps_with_no_padding(wrapped_run):
    """Three-line tables squeezed into a journal column with no padding between rows
    (wrapped_tables.py, Chromium): every cell of every row wraps onto two to four lines and the
    gap between rows is the gap between lines, so only the text tells where a row ends (a line
    that stops short, a cell that ends with 。 or a number, a column blank above a cell's first
    line). Main read each line as a row: 表 1 as 20 rows, 表 2 as 8."""
    issue, _ = wrapped_run
    found = [t for a in issue.articles for t in a.tables]
    want1, want2 = _wrapped_truth()
    got1 = next(t for t in found if t.header[0] == want1["header"][0])
    got2 = next(t for t in found if t.header[0] == want2["header"][0])
    assert _grid(got2.header, got2.rows) == _grid(want2["header"], want2["rows"])
    assert len(got1.rows) == len(want1["rows"]) == 5
    for c in (0, 2):  # the Chinese columns (the English one: see the Latin-break test)
        assert [norm(r[c]) for r in got1.rows] == [norm(r[c]) for r in want1["rows"]]
    assert not [w for w in issue.warnings if w.code == "table_row_doubtful"]


def test_latin_words_broken_without_a_hyphen_in_a_narrow_cell_are_one_word(wrapped_run):
    """表 1's English column is narrower than its longer words, which Chromium breaks where the line
    is full, with no hyphen: "Technolog" / "y", "Semicond" / "uctor". Main read them as two words;
    the words of the names that wrapped at a space stay apart ("Shenzhen Yunfan"). A join made on
    the line's shape alone (the document prints no "semiconductor") is warned with page and bbox."""
    issue, _ = wrapped_run
    want1, _ = _wrapped_truth()
    got1 = next(t for a in issue.articles for t in a.tables if t.header[0] == want1["header"][0])
    assert [r[1] for r in got1.rows] == [r[1] for r in want1["rows"]]  # spaces as printed
    doubtful = [w for w in issue.warnings if w.code == "table_word_doubtful"]
    assert any("Semiconductor" in w.message and w.page == 2 and w.bbox for w in doubtful)
    assert not any("Technology" in w.message for w in doubtful)  # printed whole in the abstract


def test_a_line_that_wrapped_at_a_space_keeps_its_space():
    """The other side of the evidence: room left on the line for the next word, both pieces printed
    as words elsewhere, a capital opening the next line: two words."""
    from pipeline.latin_breaks import weigh
    from pipeline.table_rows import Line

    known = {"quick", "brown", "fox", "technology"}
    roomy = weigh(
        Line(40, 80, 100, 108, "the quick", 18), Line(40, 56, 110, 118, "brown fox", 18), 120, known
    )
    assert roomy is not None and not roomy.join
    capital = weigh(Line(40, 118, 100, 108, "Shenzhen", 30), Line(40, 70, 110, 118, "Yunfan", 30), 120, set())
    assert capital is not None and not capital.join
    broken = weigh(Line(40, 119, 100, 108, "Technolo", 8), Line(40, 48, 110, 118, "gy", 8), 120, known)
    assert broken is not None and broken.join and not broken.doubtful
    assert weigh(Line(40, 119, 100, 108, "数据", 8), Line(40, 48, 110, 118, "gy", 8), 120, known) is None


def test_a_break_the_columns_disagree_on_is_kept_and_warned():
    """Rows set at one pitch, two columns that wrap (lines full to one edge, last lines short).
    At the first break both columns run on: one row. At the second, the left column's line left
    no room for the next word and that word goes on in lowercase (it runs on), while the right
    column's line stops short with room for the next character (its cell ended): a line that
    stops short is sure evidence, so the break is kept, but on less weight than the votes
    against it: doubtful, and reported where it stands."""
    from pipeline.tables import _text_rows

    def w(x0, x1, top, text):
        return {"x0": x0, "x1": x1, "top": top, "bottom": top + 8, "text": text}

    words = [
        w(40, 100, 100, "Shenzhen Yunfa"),  # full: the column's edge
        w(40, 70, 110, "nice"),
        w(40, 100, 120, "robotics maker"),  # lowercase again after "nice", and no room for it
        w(40, 66, 130, "ltd"),
        w(120, 150, 100, "工业视觉"),  # full
        w(120, 140, 110, "检测"),  # stops short: room for one more character
        w(120, 150, 120, "制造业数"),
        w(120, 140, 130, "据中"),
    ]
    doubts = []
    ys = _text_rows(words, 98, 140, [38, 110, 160], doubts)
    assert len(ys) == 1 and 118 < ys[0] < 120  # one break: after 检测, not inside either row
    assert [round(v.y) for v in doubts] == [round(ys[0])]
    assert "lowercase" in doubts[0].reason and "stops short" in doubts[0].reason


def test_bilingual_captions_each_language_in_its_field(wrapped_run):
    """表 1 prints its Chinese and English captions in one block (表 1 … / Table 1 … under it), 表 2
    in two, the English one wrapped so that its last word stands as a block of its own. Main kept
    表 1's caption as one string of both languages, and read 表 2's English caption and its last
    word as body text. Each lands in its field: caption (Chinese), caption_en (English)."""
    issue, rows = wrapped_run
    want = _wrapped_truth()
    got = [t for a in issue.articles for t in a.tables]
    assert [norm(t.caption) for t in got] == [norm(t["caption"]) for t in want]
    assert [t.caption_en for t in got] == [t["caption_en"].replace("\u3000", " ") for t in want]
    assert [r["caption_en"] for r in rows["tables"]] == [t.caption_en for t in got]
    body = " ".join(b.text for a in issue.articles for b in [*a.blocks, *a.english])
    assert "Table" not in body and "region" not in body


def test_split_caption():
    import re

    from pipeline.tables import split_caption

    en = re.compile(Rules.load().get("tables", "caption_en_pattern"))
    assert split_caption("表 3　变量定义 Table 3　Definitions of variables", en) == (
        "表 3　变量定义",
        "Table 3　Definitions of variables",
    )
    assert split_caption("Tab. 2 Results", en) == (None, "Tab. 2 Results")
    assert split_caption("表 2　各地区指标", en) == ("表 2　各地区指标", None)
    # a Chinese caption naming a table in passing is not split there
    assert split_caption("表 4　与 Table 1 对应的各地区指标及其说明", en) == (
        "表 4　与 Table 1 对应的各地区指标及其说明",
        None,
    )


JOURNAL_NARROW = FIX / "journal" / "journal-tables-narrow.pdf"


def test_narrow_three_line_table_inside_a_column():
    """journal_tables.py --narrow: 表 4, two short columns set at 45 % of its column's width, its
    rules 0.17 of the page's width. Rules-only tables needed rules of 0.2 of the page (a column of
    a three-column page is 0.24): 表 4 was not found and its cells stayed in the body as paragraphs
    (a real journal's small 方案 | 前馈 | 反馈 table, 0.19, likewise). Now it is read, every cell right."""
    from pipeline.choose import RulesChooser

    issue, _ = process(JOURNAL_NARROW, RulesChooser("auto").for_pdf(JOURNAL_NARROW))
    truth = json.loads(JOURNAL_NARROW.with_suffix(".truth.json").read_text(encoding="utf-8"))
    want = [t for a in truth["articles"] for t in a["tables"]]
    found = [t for a in issue.articles for t in a.tables]
    assert len(found) == len(want) == 5
    for t in want:
        got = next((f for f in found if norm(f.caption or "") == norm(t["caption"])), None)
        assert got is not None, t["caption"]
        assert _grid(got.header, got.rows) == _grid(t["header"], t["rows"]), t["caption"]
    body = [b.text for a in issue.articles for b in a.blocks]
    assert "0.35" not in " ".join(body)


JOURNAL_STACKED = FIX / "journal" / "journal-tables-stacked.pdf"


def test_a_caption_between_stacked_three_line_tables_parts_them():
    """journal_tables.py --stacked: 表 3 set right under 表 1 in one column, both ruled by the
    browser at the column's width, 表 3's caption between 表 1's bottom rule and its own top rule
    (closer than rules of one width in one table may stand apart). Main stacked the six rules into
    one area, read as one table: 表 3 was lost, its caption and header rows in 表 1's cells. A
    caption between two rules parts them: every table read, every cell right."""
    from pipeline.choose import RulesChooser

    issue, _ = process(JOURNAL_STACKED, RulesChooser("auto").for_pdf(JOURNAL_STACKED))
    truth = json.loads(JOURNAL_STACKED.with_suffix(".truth.json").read_text(encoding="utf-8"))
    want = [t for a in truth["articles"] for t in a["tables"]]
    found = [t for a in issue.articles for t in a.tables]
    assert len(found) == len(want) == 4
    for t in want:
        got = next((f for f in found if norm(f.caption or "") == norm(t["caption"])), None)
        assert got is not None, t["caption"]
        assert _grid(got.header, got.rows) == _grid(t["header"], t["rows"]), t["caption"]


def test_only_a_caption_alone_on_its_row_parts_stacked_rules():
    """The other side: between the same rules, a row of cells whose first names a table (表 2 | 1250
    | 8.2) is a table's row, and no caption at all leaves the rules one stack, as before."""
    from pipeline.models import Line, RawPage, Rect
    from pipeline.regions import table_areas

    def rule(y):
        return Rect((56.0, y, 288.0, y + 0.8), True, False)

    def line(y, text, x0=60.0):
        return Line(1, text, (x0, y, x0 + 8 * len(text), y + 8), 8, "sans", False, 0)

    rules = [rule(y) for y in (100, 112, 200, 240, 252, 330)]
    cells = [line(y, "深圳市云帆") for y in (102, 120, 150, 243, 260, 300)]
    pattern = [Rules.load().get("tables", "caption_pattern")]
    caption = [line(222, "表 2", x0=100), line(222, "各地区智能制造推进举措", x0=140)]
    assert len(table_areas(RawPage(1, 595, 842, [*cells, *caption], rules, []), captions=pattern)) == 2
    row = [line(222, "表 2", x0=60), line(222, "1250", x0=160), line(222, "8.2", x0=240)]
    assert len(table_areas(RawPage(1, 595, 842, [*cells, *row], rules, []), captions=pattern)) == 1
    assert len(table_areas(RawPage(1, 595, 842, cells, rules, []), captions=pattern)) == 1


JOURNAL_PAIRED = FIX / "journal" / "journal-tables-paired.pdf"


def test_three_line_table_of_two_column_pairs_with_a_rule_between():
    """journal_tables.py --paired: 表 5, two column pairs side by side in one column, three rules
    and a vertical rule between the pairs drawn cell by cell, no outer verticals (航空学报's and
    北航学报's short lists). The vertical made its rules a 'grid' of no columns, and a grid's rules
    never stacked into a three-line table: 表 5 was body text. Right under it, as wide, 表 6: its
    caption between the two tables' rules parts them (one area held both once 表 5's rules stacked)."""
    from pipeline.choose import RulesChooser

    issue, _ = process(JOURNAL_PAIRED, RulesChooser("auto").for_pdf(JOURNAL_PAIRED))
    want = _truth("journal/journal-tables-paired.truth.json")
    found = [t for a in issue.articles for t in a.tables]
    assert len(found) == len(want) == 2
    for got, t in zip(found, want, strict=True):
        assert _grid(got.header, got.rows) == _grid(t["header"], t["rows"]), t["caption"]
    body = "".join(b.text for a in issue.articles for b in a.blocks)
    assert "批发零售" not in body and "房地产业" not in body and "1250" not in body
