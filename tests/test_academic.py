"""The academic-article genre: labelled front matter, footnotes and references as fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.academic import _name_list, find_labels, fold_width, split_labels, split_names
from pipeline.choose import RulesChooser, rules_for
from pipeline.evaluate import evaluate
from pipeline.evaluate_light import evaluate_light, is_light_key
from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.sample.journal import LAST_AFFIL_EN

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load()


def _rows(out: Path, issue_id: str, table: str) -> list[dict]:
    path = out / "jsonl" / issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_labels_letter_spaced_full_width_and_run_on(rules):
    lead, segs = split_labels("摘　要：本文提出一种方法。", rules)
    assert lead == "" and segs == [("abstract_zh", "本文提出一种方法。")]
    # two footnote labels run on in one line; the second stands mid-line after a CJK word
    _, segs = split_labels("关键词：网络；集合通信中图分类号：TP393；TN91", rules)
    assert [f for f, _ in segs] == ["keywords_zh", "clc"] and segs[1][1] == "TP393；TN91"
    _, segs = split_labels("Ａｂｓｔｒａｃｔ：Ｗｅ ｓｔｕｄｙ", rules)
    assert segs == [("abstract_en", "Ｗｅ ｓｔｕｄｙ")]  # matched folded, kept as printed
    # a label word inside running text is no label
    assert find_labels("本文的摘要内容包括研究目的", rules) == []
    assert fold_width("２０２０，Ａ") == "2020,A"


def test_jump_lines_are_furniture(rules):
    """ "(下转第 114 页)" tells where the text goes on: furniture wherever it stands, not body."""
    assert rules.jump_line("(下转第 114 页)") == ("out", 114)
    assert rules.jump_line("（上接第12页）") == ("in", 12)
    assert rules.jump_line("上接第 3 页的内容，本文讨论") is None


def test_names_letter_spaced_and_marked():
    assert split_names("柴若楠　郜　帅　兰江雨") == ["柴若楠", "郜帅", "兰江雨"]
    assert split_names("张慧峰1，刘宁春1，朱俊1*") == ["张慧峰", "刘宁春", "朱俊"]


def test_last_row_of_an_english_title_is_no_author_line():
    """An English title wrapped in its own type ends on two capitalised words ("Development
    Perspective"): no author line, so the title keeps them (fuzz seed 2718 v03: title_en 0.958 on
    main, they went to authors_en). An author line lists names or capitalises a surname."""
    assert not _name_list("Development Perspective")
    assert _name_list("ZHENG Hualin")
    assert _name_list("Zhang Wei, Li Na and Wang Fang")


@pytest.fixture(scope="module")
def academic_out(tmp_path_factory, rules):
    out = tmp_path_factory.mktemp("academic")
    return out, ingest_file(FIXTURES / "latex-academic.pdf", out, rules)


def test_references_are_a_table_and_not_body(academic_out):
    """latex-academic's paper: its list comes out one row per numbered entry, its blocks stay typed
    reference, and none of it is in body_zh; its abstracts are fields, not body."""
    tmp_path, issue = academic_out
    iid = issue.meta.issue_id
    refs = _rows(tmp_path, iid, "references")
    assert [r["number"] for r in refs] == list(range(1, 13))
    assert refs[0]["ref_text"].startswith("[1] ") and "[2]" not in refs[0]["ref_text"]
    art = next(a for a in _rows(tmp_path, iid, "articles") if a["article_id"] == refs[0]["article_id"])
    assert "[3]" not in art["body_zh"] and "摘要" not in art["body_zh"]
    assert art["abstract_zh"] and art["keywords_zh"]
    blocks = [b for b in _rows(tmp_path, iid, "blocks") if b["article_id"] == art["article_id"]]
    assert sum(b["type"] == "reference" for b in blocks) == 12


def test_light_key_scores_found_fields_and_leaks(academic_out, tmp_path):
    """`pipeline eval` with a light key (one paper, as in ../shared/wild-dev): the paper keyed from
    its own answer key is found whole; a key string that is in the body counts as a leak."""
    out, _ = academic_out
    truth = json.loads((FIXTURES / "latex-academic.truth.json").read_text(encoding="utf-8"))
    art = next(a for a in truth["articles"] if a.get("abstract_zh"))
    paras = [b["text"] for b in art["blocks"] if b["type"] == "paragraph"][:6]
    key = dict(
        file="latex-academic.pdf",
        title_zh=art["title_zh"],
        title_en=art["title_en"],
        authors=art["authors"],
        abstract_zh=art["abstract_zh"],
        abstract_en=next(s["text"] for s in art["summaries"] if s["kind"] == "abstract"),
        paragraphs=paras,
        front_matter=[paras[0]],  # in the body: must count as leaked
        running_heads=["参考文献 [1] 沈联涛"],  # nowhere in the body
        captions=[],
    )
    path = tmp_path / "key.json"
    path.write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    assert is_light_key(key)
    res = evaluate_light(out, path)
    assert res["article_found"] == res["title_en_ok"] == res["authors_ok"] == 1.0
    assert res["abstract_zh_ok"] == res["abstract_en_ok"] == 1.0 and res["paragraph_integrity"] == 1.0
    assert res["front_matter_leak"] == 1.0 and res["running_head_leak"] == 0.0


JOURNAL = FIXTURES / "journal" / "journal-academic.pdf"


@pytest.fixture(scope="module")
def journal_out(tmp_path_factory):
    """The journal paper pipeline/sample/journal.py set (Chromium, footnotes by MuPDF), ingested
    with the default `--rules auto`: it names no publication we have a file for."""
    out = tmp_path_factory.mktemp("journal")
    rules = RulesChooser("auto").for_pdf(JOURNAL)
    issue = ingest_file(JOURNAL, out, rules)
    key = json.loads(JOURNAL.with_suffix(".truth.json").read_text(encoding="utf-8"))
    return (
        out,
        issue,
        key["articles"][0],
        evaluate(out, JOURNAL.with_suffix(".truth.json"), issue.meta.issue_id),
    )


def test_generic_profile_names_no_journal(journal_out):
    out, issue, _, _ = journal_out
    row = _rows(out, issue.meta.issue_id, "issues")[0]
    assert row["journal_zh"] is None and row["rules_file"].endswith("generic-zh.yaml")
    assert rules_for(FIXTURES / "latex-academic.pdf").name == "guojikejicujin.yaml"


def test_journal_paper_front_matter_is_fields(journal_out):
    """One unit (the masthead above the title is no cover); authors with marks and a letter-spaced
    name; 摘　要, the English abstract, and every first-page footnote as fields, none in the body."""
    out, issue, key, score = journal_out
    arts = _rows(out, issue.meta.issue_id, "articles")
    assert [a["kind"] for a in arts] == ["article"]
    a = arts[0]
    assert a["title_zh"] == key["title_zh"] and a["title_en"] == key["title_en"]
    assert a["authors"] == key["authors"] == ["郑华林", "王芳", "李建国"]
    assert score["abstract_zh_acc"] == 1.0 and score["keywords_zh_acc"] == 1.0
    assert score["summary_precision"] == 1.0 and score["summary_recall"] == 1.0
    assert a["clc"] == "F062.9" and a["doc_code"] == "A" and a["doi"].startswith("10.12345/")
    assert a["received"].startswith("2025−11−03") and len(a["funding"]) == 2
    assert a["corresponding"].startswith("王") and a["authors_en"][:1] == ["ZHENG Hualin"]
    assert len(a["author_bios"]) == 3 and len(a["affiliations"]) == 2
    body = a["body_zh"]
    for printed in (
        "收稿日期",
        "基金项目",
        "Foundation",
        "作者简介",
        "通信作者",
        "中图分类号",
        "DOI",
        "Key words",
    ):
        assert printed not in body, printed
    assert "科技进展学报" not in body and "·32·" not in body  # running heads whose folio changes
    assert score["leakage"] == 0.0


def test_journal_references_and_superscripts(journal_out):
    out, issue, key, score = journal_out
    refs = _rows(out, issue.meta.issue_id, "references")
    assert [r["number"] for r in refs] == list(range(1, 13))
    assert "王芳（1988" not in refs[-1]["ref_text"]  # the bio after the list is no reference
    body = _rows(out, issue.meta.issue_id, "articles")[0]["body_zh"]
    assert "[4]" not in body and "技术崇拜[1-2]。" in body  # a superscript citation inline
    assert score["body_similarity"] >= 0.95


def test_journal_paragraph_read_whole_across_first_page_footnote(journal_out):
    """The first body paragraph is cut at the first column's end, where the first-page footnote
    (收稿日期, smaller type) stands under it before the text goes on in the next column: the
    footnote does not close the paragraph, which is one block."""
    out, issue, key, _ = journal_out
    first = next(b["text"] for b in key["blocks"] if b["type"] == "paragraph")
    blocks = [b for b in _rows(out, issue.meta.issue_id, "blocks") if b["type"] == "paragraph"]
    whole = [b for b in blocks if "".join(b["text"].split()) == "".join(first.split())]
    assert len(whole) == 1, [b["text"][:20] for b in blocks if b["text"][:8] in first]
    assert whole[0]["pages"][0] == 1


HANGING = FIXTURES / "journal" / "journal-hanging.pdf"


@pytest.fixture(scope="module")
def hanging_out(tmp_path_factory):
    """pipeline/sample/journal.py's journal-hanging (Chromium): the title area's causes real first
    pages showed, ingested with the default `--rules auto`."""
    out = tmp_path_factory.mktemp("hanging")
    issue = ingest_file(HANGING, out, RulesChooser("auto").for_pdf(HANGING))
    key = json.loads(HANGING.with_suffix(".truth.json").read_text(encoding="utf-8"))
    iid = issue.meta.issue_id
    return out, iid, key["articles"][0], _rows(out, iid, "articles")


def test_name_lines_told_by_content():
    from pipeline.academic import is_name_line, latin_script

    assert is_name_line("作者名 作者名 作者名(字体为3 号仿宋* 作者)", strict=True)
    assert is_name_line("郑华林1)欧阳明远", strict=True)  # the mark ends a name (no space after it)
    assert split_names("郑华林1)欧阳明远2),3) 王芳1)") == ["郑华林", "欧阳明远", "王芳"]
    assert not is_name_line("图像识别", strict=True) and not is_name_line("基于深度学习的图像识别方法")
    # a section heading whose number stands an em apart (tests/wild twocol-template: 1 引言 was read
    # as the byline) and an affiliation's number open the line: no author line; a mark follows a name
    assert not is_name_line("1 引言", strict=True) and not is_name_line("2.1 方法")
    assert is_name_line("张三1 李四2", strict=True)
    assert latin_script("Title *（中英文题目一致) 字体为4 号Times New Roman, 加粗* Title")
    assert not latin_script("ChatGPT时代的高等教育：机遇与挑战")


def test_labels_run_in_without_colon(rules):
    text = "本文讨论泡沫的成因。关键词 人工智能；泡沫"
    assert [f for _, _, f in find_labels(text, rules)] == []  # in running text: no label
    _, segs = split_labels(text, rules, run_in=True)  # in the front matter: after a sentence's end
    assert segs == [("keywords_zh", "人工智能；泡沫")]
    assert find_labels("首页包括标题。摘要、关键词(4～10个)。", rules, run_in=True) == []
    _, segs = split_labels("中图分类号 F062.9 文献标志码 A", rules)
    assert segs == [("clc", "F062.9"), ("doc_code", "A")]


def test_author_line_in_title_type_is_no_title(hanging_out):
    """The author line set in the title's type right under it (joined to the title's block, its
    marks 2),3) apart): the title is the title alone, the names are the authors, one unit."""
    _, _, key, arts = hanging_out
    assert [a["kind"] for a in arts] == ["article"]
    assert arts[0]["title_zh"] == key["title_zh"]
    assert arts[0]["authors"] == key["authors"] == ["郑华林", "欧阳明远", "王芳"]


def test_english_names_with_bracketed_marks(hanging_out):
    """The English author line under the English title carries the Chinese byline's marks, closed
    by a bracket (OUYANG Mingyuan2),3): its authors, not an English paragraph left in the body
    (which made the paper, read right, say 0.3: english_in_body)."""
    out, iid, _, arts = hanging_out
    assert arts[0]["authors_en"] == ["ZHENG Hualin", "OUYANG Mingyuan", "WANG Fang"]
    assert not [b for b in _rows(out, iid, "blocks") if "Hualin" in b["text"]]
    assert "english_in_body" not in arts[0]["evidence"] and arts[0]["confidence"] >= 0.8


def test_english_title_by_script(hanging_out):
    """An English title at title size with a Chinese term in it is the English title, not a
    second Chinese title opening a unit of its own."""
    _, _, key, arts = hanging_out
    assert len(arts) == 1 and arts[0]["title_en"] == key["title_en"]
    assert "人工智能泡沫" in key["title_en"]


def test_labels_mid_line_and_in_a_label_column(hanging_out):
    """关键词 run in after the abstract's last sentence without a colon, 中图分类号 / 文献标志码 /
    DOI without colons on one line, Abstract and Key words in a label column of their own."""
    out, iid, key, arts = hanging_out
    a = arts[0]
    assert a["abstract_zh"] == key["abstract_zh"] and a["keywords_zh"] == key["keywords_zh"]
    assert (a["clc"], a["doc_code"], a["doi"]) == ("F062.9", "A", "10.54321/j.jer.2026.01.004")
    summaries = [s["text"] for s in _rows(out, iid, "summaries")]
    assert summaries == [key["summaries"][0]["text"]]
    assert len(a["keywords_en"]) == 5 and "economic efficiency" in a["keywords_en"]


def test_small_front_matter_is_never_body(hanging_out):
    """Affiliations naming a bureau and a hospital, and an editorial note, in small type between
    the authors and the abstract: front matter, not body; and the first page's footnote area
    under the first column, which opens with a funding statement without a label."""
    _, _, _, arts = hanging_out
    a = arts[0]
    for printed in ("国家统计局", "北京协和医院", "本文为特约稿件", "关键词", "Abstract", "中图分类号"):
        assert printed not in a["body_zh"], printed
    assert any("北京协和医院" in x for x in a["affiliations"])
    assert "国家社会科学基金资助项目" not in a["body_zh"] and "收稿日期" not in a["body_zh"]
    assert "国家社会科学基金资助项目（No.24BJL001）" in a["front_notes"] and a["received"] == "2025−11−03"


def test_captions_of_a_vector_figure(hanging_out):
    """A chart drawn with vector paths (no image object) across both columns, its two captions
    and the next table's two set one under the other: each caption its own row, none in the body, the
    columns under them read apart (not run together across the gutter)."""
    out, iid, key, arts = hanging_out
    caps = [c["text"].replace(" ", "") for c in _rows(out, iid, "captions")]
    assert caps == [c.replace("　", "").replace(" ", "") for c in key["captions"]]
    tables = _rows(out, iid, "tables")
    assert [t["caption"].replace(" ", "") for t in tables] == ["表1人工智能泡沫与互联网泡沫的比较"]
    # the table's English caption, set under its Chinese one, is the table's, not a photo's
    assert [t["caption_en"] for t in tables] == ["Table 1 The AI bubble and the dot-com bubble compared"]
    body = arts[0]["body_zh"]
    assert "Fig." not in body and "全球科技巨头 AI 资本开支（" not in body
    paras = [b["text"] for b in key["blocks"] if b["type"] == "paragraph"]
    assert all("".join(p.split()) in "".join(body.split()) for p in paras)


def test_hanging_references_one_row_each(hanging_out):
    """The two-column reference list: one row per entry, in order, none interleaved."""
    out, iid, key, _ = hanging_out
    refs = _rows(out, iid, "references")
    want = [b["text"] for b in key["blocks"] if b["type"] == "reference"]
    assert [r["number"] for r in refs] == list(range(1, len(want) + 1))
    # each entry holds its own characters (a justified line whose pieces come out of order is the
    # line assembly's matter; an entry interleaved with its neighbour holds others')
    assert [sorted("".join(r["ref_text"].split())) for r in refs] == [
        sorted("".join(w.split())) for w in want
    ]


def test_reference_lines_hyphenated_across_blocks(rules):
    """A reference list read one line per block (small type, no indent): the table joins each
    entry's lines, a word hyphenated at a line end one word again, a compound the list prints
    whole elsewhere kept with its hyphen, the next number still a cut."""
    from pipeline.academic import split_references
    from pipeline.models import Block, Piece

    def blk(text):
        return Block(role="reference", text=text, lines=[], pieces=[Piece(4, (0, 0, 100, 10))])

    lines = [
        "1 Wang X, Gu Y. Ap-",
        "proximate policy learning. IEEE, 2020",
        "2 Li Y. A multi-",
        "agent study of multi-agent",
        "systems. 自动化学报",
        "3 张三. 网络[J]. 2021",
    ]
    refs = split_references([blk(t) for t in lines], rules)
    assert [r.number for r in refs] == [1, 2, 3]
    assert "Approximate policy" in refs[0].text and "A multi-agent study" in refs[1].text


PLAIN = FIXTURES / "journal" / "journal-plain.pdf"


@pytest.fixture(scope="module")
def plain_out(tmp_path_factory):
    """journal-plain (pipeline/sample/journal.py --variant plain): a first page of front matter
    only, the body from page 2."""
    out = tmp_path_factory.mktemp("plain")
    issue = ingest_file(PLAIN, out, RulesChooser("auto").for_pdf(PLAIN))
    key = json.loads(PLAIN.with_suffix(".truth.json").read_text(encoding="utf-8"))
    iid = issue.meta.issue_id
    return out, iid, key["articles"][0], _rows(out, iid, "articles")


def test_english_title_in_regular_small_type(plain_out):
    """The English title set in regular type smaller than the body (no bold, no title size): the
    first English line after the Chinese front matter that reads as a title."""
    _, _, key, arts = plain_out
    assert [a["kind"] for a in arts] == ["article"]
    assert arts[0]["title_en"] == key["title_en"]
    assert arts[0]["authors"] == key["authors"]  # names at title size, a remark after them


def test_footnote_before_the_body_is_front_matter(plain_out):
    """The first page holds front matter only: its footnote (收稿日期) and the funding statement
    set under it without a label are read before any body text, and stay out of the body."""
    _, _, _, arts = plain_out
    a = arts[0]
    assert a["received"].startswith("2025−11−03")
    assert any("国家社会科学基金" in x for x in a["front_notes"] + a["funding"])
    assert "国家社会科学基金" not in a["body_zh"] and "收稿日期" not in a["body_zh"]


def test_long_captions_of_a_chart_in_a_column(plain_out, rules):
    """A chart drawn with vector paths inside one column: its long Chinese caption and its English
    one are captions, not body; a caption is measured in ideograph widths (English counts half)."""
    from pipeline.academic import _is_caption

    out, iid, key, arts = plain_out
    caps = ["".join(c["text"].split()) for c in _rows(out, iid, "captions")]
    assert caps == ["".join(c.split()) for c in key["captions"]]
    assert "全球主要科技巨头在人工智能基础设施" not in arts[0]["body_zh"]
    assert all(_is_caption(c, rules) for c in key["captions"])  # 66 and 141 characters
    assert not _is_caption("图 1 所示为本文的系统框架，数据经采集、清洗后进入模型训练。", rules)


PLAIN_END = FIXTURES / "journal" / "journal-plain-end.pdf"


def test_english_front_matter_after_the_references(tmp_path):
    """journal-plain-end: the English title, authors, Abstract and Key words printed after the
    references, at the paper's end. The reference list ends there: the abstract is the paper's
    summary (not a reference, not body), the names its English authors, one unit."""
    issue = ingest_file(PLAIN_END, tmp_path, RulesChooser("auto").for_pdf(PLAIN_END))
    iid = issue.meta.issue_id
    key = json.loads(PLAIN_END.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    arts = _rows(tmp_path, iid, "articles")
    assert [a["kind"] for a in arts] == ["article"] and arts[0]["title_en"] == key["title_en"]
    assert arts[0]["authors_en"] == ["ZHENG Hualin", "OUYANG Mingyuan", "WANG Fang"]
    assert [s["text"] for s in _rows(tmp_path, iid, "summaries")] == [key["summaries"][0]["text"]]
    refs = _rows(tmp_path, iid, "references")
    assert [r["number"] for r in refs] == list(range(1, 13)) and "Abstract" not in refs[-1]["ref_text"]
    assert "Abstract" not in arts[0]["body_zh"] and len(arts[0]["keywords_en"]) == 5


ENGLISH_LAST = FIXTURES / "journal" / "journal-english-last.pdf"


def test_english_front_matter_on_the_last_page(tmp_path):
    """journal-english-last (航空学报's way): after the appendix, a page of its own holds the English
    title (bold, a little bigger than the body: no title by its size), the names at the title's
    size with their marks, numbered affiliations in bold italic (the first wraps), Abstract,
    Keywords and English footnotes; a bold English figure caption across the page comes earlier.
    The title is the paper's title_en (not the caption, not a body paragraph), the names its
    English authors, the affiliations front matter, and none of it is body."""
    issue = ingest_file(ENGLISH_LAST, tmp_path, RulesChooser("auto").for_pdf(ENGLISH_LAST))
    iid = issue.meta.issue_id
    key = json.loads(ENGLISH_LAST.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    (art,) = _rows(tmp_path, iid, "articles")
    assert art["kind"] == "article" and art["title_en"] == key["title_en"]
    assert art["authors_en"] == ["ZHENG Hualin", "OUYANG Mingyuan", "WANG Fang"]
    english = [a for a in art["affiliations"] if a[:1].isdigit()]
    assert english == LAST_AFFIL_EN
    assert [s["text"] for s in _rows(tmp_path, iid, "summaries")] == [key["summaries"][0]["text"]]
    assert len(art["keywords_en"]) == 5 and art["funding"]
    blocks = _rows(tmp_path, iid, "blocks")
    assert not [b for b in blocks if b["page"] == 4]  # the last page is all front matter
    assert [b["type"] for b in blocks if b["text"].startswith("Fig. 2")] == []  # a caption, not a block
    caps = [c["text"] for c in _rows(tmp_path, iid, "captions")]
    assert any(c.startswith("Fig. 2") for c in caps)


ENGLISH_BARE = FIXTURES / "journal" / "journal-english-bare.pdf"


def test_english_front_matter_at_the_end_with_a_bare_abstract(tmp_path):
    """journal-english-bare: journal-english-last's last page with its abstract printed with no
    label, right over its labelled keywords (a Typst template of 北京理工大学学报's house style
    does so). Only an Abstract label told English front matter at the paper's end: its title and
    names were body text and the abstract went unread. The keywords' label tells it as well, and
    the bare paragraph over them is the abstract."""
    issue = ingest_file(ENGLISH_BARE, tmp_path, RulesChooser("auto").for_pdf(ENGLISH_BARE))
    iid = issue.meta.issue_id
    key = json.loads(ENGLISH_BARE.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    (art,) = _rows(tmp_path, iid, "articles")
    assert art["title_en"] == key["title_en"]
    (summary,) = [s["text"] for s in _rows(tmp_path, iid, "summaries")]
    # (a compound broken at a line end, high-|quality, loses its hyphen: another cause)
    assert summary.replace("-", "") == key["summaries"][0]["text"].replace("-", "")
    assert len(art["keywords_en"]) == 5
    assert not [b for b in _rows(tmp_path, iid, "blocks") if b["page"] == 4]  # the last page is front matter


NUMBERED = FIXTURES / "journal" / "journal-numbered.pdf"


@pytest.fixture(scope="module")
def numbered_out(tmp_path_factory):
    """journal-numbered (pipeline/sample/journal.py --variant numbered): numbered paragraphs of
    several sentences and short numbered list items in one paper, an appendix after the list."""
    out = tmp_path_factory.mktemp("numbered")
    issue = ingest_file(NUMBERED, out, RulesChooser("auto").for_pdf(NUMBERED))
    key = json.loads(NUMBERED.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    iid = issue.meta.issue_id
    return _rows(out, iid, "blocks"), key, _rows(out, iid, "references"), _rows(out, iid, "captions")


def _typed(blocks: list[dict], text: str) -> list[str]:
    want = "".join(text.split())
    return [b["type"] for b in blocks if "".join(b["text"].split()) == want]


def test_numbered_paragraphs_are_paragraphs_short_items_list_items(numbered_out):
    """（1）… of several sentences, a run of them (one of the four a single sentence): paragraphs;
    the short numbered items of the same paper (one sentence each, 1. … ; and 1. 融资收缩：…。):
    list items."""
    blocks, key, _, _ = numbered_out
    numbered = [b for b in key["blocks"] if b["text"].startswith("（")]
    items = [b for b in key["blocks"] if b["type"] == "list_item"]
    assert len(numbered) == 4 and len(items) == 7
    for b in numbered + items:
        assert _typed(blocks, b["text"]) == [b["type"]], b["text"][:20]


def test_short_points_numbered_1_in_brackets_are_paragraphs(numbered_out):
    """Short points numbered (1), (2), (3) after a sentence that opens them, one clause each: a
    paper numbers the points of its argument so, and each is a paragraph (the items numbered 1.
    above stay list items)."""
    blocks, key, _, _ = numbered_out
    points = [b for b in key["blocks"] if b["text"].startswith("(")]
    assert len(points) == 3 and all(len(b["text"]) < 25 for b in points)
    for b in points:
        assert _typed(blocks, b["text"]) == ["paragraph"], b["text"]


def test_appendix_after_the_references_is_body(numbered_out):
    """A heading after the reference list, in bigger type than its entries, ends the list: the
    appendix's heading and paragraph are the paper's body, not a 13th reference."""
    blocks, key, refs, _ = numbered_out
    heading, para = key["blocks"][-2:]
    assert _typed(blocks, heading["text"]) == ["heading"]
    assert _typed(blocks, para["text"]) == ["paragraph"]
    assert [r["number"] for r in refs] == list(range(1, 13))


def test_figure_caption_under_its_parts_captions(numbered_out):
    """A figure of two charts inside a paragraph, "(a) …" and "(b) …" under them and the figure's
    numbered caption further down under both: three captions, and the paragraph it cut is one."""
    blocks, key, _, captions = numbered_out
    assert sorted("".join(c["text"].split()) for c in captions) == sorted(
        "".join(c.split()) for c in key["captions"]
    )
    cut = next(b for b in key["blocks"] if b["type"] == "paragraph" and b["text"].startswith("当前存在"))
    assert _typed(blocks, cut["text"]) == ["paragraph"]


def test_footnote_labels_of_other_journals(rules):
    """收稿时间 / 修改时间 / 采用时间 (not 日期) and 中文引用格式 / 英文引用格式 are footnote labels."""
    _, segs = split_labels("收稿时间: 2020-01-02; 修改时间: 2020-03-04; 采用时间: 2020-05-06", rules)
    assert [f for f, _ in segs] == ["received", "received", "received"]
    lead, segs = split_labels("中文引用格式: 张三, 李四. 论文题目. 软件学报, 2021", rules)
    assert lead == "" and segs[0][0] == "citation"


MIDPAGE = FIXTURES / "journal" / "journal-midpage.pdf"


def test_paper_opening_mid_page_under_the_one_before(tmp_path):
    """journal-midpage: the paper opens mid-page under the end of the paper before it in the issue
    (a paragraph and the last entries of its list, [10]-[12]). That end is a unit of its own (an
    untitled article, not a cover nor this paper's front matter); this paper is read whole, its
    English title apart from the English names set under it in the same type."""
    issue = ingest_file(MIDPAGE, tmp_path, RulesChooser("auto").for_pdf(MIDPAGE))
    iid = issue.meta.issue_id
    key = json.loads(MIDPAGE.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"]
    arts = _rows(tmp_path, iid, "articles")
    assert [a["kind"] for a in arts] == ["article", "article"]
    tail, paper = arts
    assert tail["title_zh"] is None and key[0]["blocks"][0]["text"][:20] in tail["body_zh"]
    assert paper["title_zh"] == key[1]["title_zh"] and paper["title_en"] == key[1]["title_en"]
    assert paper["authors"] == key[1]["authors"]
    assert paper["authors_en"] == ["ZHENG Hualin", "OUYANG Mingyuan", "WANG Fang"]
    assert not any(key[0]["blocks"][0]["text"][:20] in n for n in paper["front_notes"])
    refs = [r for r in _rows(tmp_path, iid, "references") if r["article_id"] == paper["article_id"]]
    assert [r["number"] for r in refs] == list(range(1, 13)) and refs[0]["ref_text"].startswith("[1] 沈联涛")


SINGLE = FIXTURES / "journal" / "journal-single.pdf"


def test_one_column_journal_front_page(tmp_path):
    """journal-single (pipeline/sample/journal_fronts.py): a one-column journal, the author line
    with a letter-spaced name, numbered affiliations on lines of their own, 摘要 and 关键词 as bold
    labels without a colon, and a bold English title wrapped onto a second line set as far apart as
    the body's lines (1.7): that line was read into no row at all, and the title lost its end."""
    rules = RulesChooser("auto").for_pdf(SINGLE)
    issue = ingest_file(SINGLE, tmp_path, rules)
    key = json.loads(SINGLE.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    art = next(a for a in issue.articles if a.kind == "article")
    assert art.title_en == key["title_en"]
    assert art.authors == key["authors"]
    score = evaluate(tmp_path, SINGLE.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["abstract_zh_acc"] == score["summary_recall"] == score["paragraph_integrity_article"] == 1.0


TWO = FIXTURES / "journal" / "journal-two.pdf"


def test_author_line_cut_at_a_letter_space(tmp_path):
    """journal-two: two authors in type nearly the title's size, the second a letter-spaced name
    (王　芳). The text layer cuts the line at the em space; its left piece (郑华林1，王) stood centred
    under the title alone and went with the title area while 芳2 did not: no author was read."""
    rules = RulesChooser("auto").for_pdf(TWO)
    issue = ingest_file(TWO, tmp_path, rules)
    key = json.loads(TWO.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    art = next(a for a in issue.articles if a.kind == "article")
    assert art.authors == key["authors"] == ["郑华林", "王芳"]
    assert art.title_en == key["title_en"]


FIELDS = FIXTURES / "journal" / "journal-fields.pdf"


def test_columns_under_a_row_of_fields_and_over_a_wide_footnote(tmp_path):
    """journal-fields: the labelled fields (中图分类号 … 文献标志码 … 文章编号 …) set in one row across
    the page with no space between them, right above two columns that begin level; and the first
    page's footnote under the first column running on past the column's edge. Each hid the
    gutter (the row's pieces are each shorter than a column; the footnote is in small type and
    narrower than the page): the columns' lines were read as one, left and right run together.
    Now every body paragraph of the key is one block, and the fields are read."""
    rules = RulesChooser("auto").for_pdf(FIELDS)
    issue = ingest_file(FIELDS, tmp_path, rules)
    key = json.loads(FIELDS.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    art = next(a for a in issue.articles if a.kind == "article")
    blocks = {"".join(b.text.split()) for b in art.blocks}
    paragraphs = ["".join(b["text"].split()) for b in key["blocks"] if b["type"] == "paragraph"]
    assert [p for p in paragraphs if p not in blocks] == []
    assert (art.front.clc, art.front.doc_code) == ("F062.9", "A")
    assert art.front.article_no == "1002-7718(2026)03-0041-09"
    body = "".join(b.text for b in art.blocks)
    assert "收稿日期" not in body and "基金项目" not in body


MASTHEAD = FIXTURES / "journal" / "journal-masthead.pdf"


def test_masthead_and_citation_line_over_the_title(tmp_path):
    """journal-masthead: the journal's masthead (its name letter-spaced, English name and address,
    volume and ISSN) and the paper's citation line in small type, more than MASTHEAD_MAX_CHARS
    above the title on the first page. They made a 'cover' unit of their own, typed by its page
    alone, at confidence 0.9; the journal's name would be the paper's column label. Now they are
    the paper's front matter: one unit, no section, nothing of the masthead in the body."""
    rules = RulesChooser("auto").for_pdf(MASTHEAD)
    issue = ingest_file(MASTHEAD, tmp_path, rules)
    assert [a.kind for a in issue.articles] == ["article"]
    art = issue.articles[0]
    assert art.section_zh is None
    body = "".join(b.text for b in art.blocks)
    assert "ISSN" not in body and "引用格式" not in body and "http" not in body


DIAGRAM = FIXTURES / "journal" / "journal-diagram.pdf"


def test_labels_over_a_vector_diagram_are_the_figures(tmp_path):
    """journal-diagram: a network diagram drawn with vector paths in one column, its labels side
    by side on one baseline (轨道0 轨道1 …, GPU 0 GPU 1 …) read as lines longer than a label: the
    drawing was no figure and its labels were a body paragraph. Text over a diagram of many pieces
    is its labels: in no block, each kept in the residue as figure_text; the caption is one."""
    issue = ingest_file(DIAGRAM, tmp_path, RulesChooser("auto").for_pdf(DIAGRAM))
    iid = issue.meta.issue_id
    blocks = " ".join(b["text"] for b in _rows(tmp_path, iid, "blocks"))
    assert not [w for w in ("轨道", "GPU", "Server") if w in blocks]
    labels = [r["text"] for r in _rows(tmp_path, iid, "residue") if r["reason"] == "figure_text"]
    assert "Server 0" in labels and "轨道3" in " ".join(labels)
    assert [c["text"].replace(" ", "").replace("　", "") for c in _rows(tmp_path, iid, "captions")] == [
        "图1集群网络拓扑"
    ]


def test_a_grid_of_rules_is_no_diagram(tmp_path):
    """Text in a drawing made of rules alone, across and down (a table's cells that the tables
    stage did not read; pdfplumber's issue-33 test file draws one a cell edge at a time) is no
    diagram's labels: regions.rule_grid tells it, and layout keeps its text in the flow. The
    network diagram of journal-diagram (boxes and links) is no grid."""
    import pymupdf

    from pipeline.extract import extract
    from pipeline.regions import drawn_figures, rule_grid

    pdf = tmp_path / "grid.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    x0, y0, w, h = 72, 130, 80, 14
    for r in range(7):  # rules across, drawn a cell at a time
        for c in range(4):
            page.draw_line((x0 + c * w, y0 + r * h), (x0 + (c + 1) * w, y0 + r * h), width=0.5)
    for c in range(5):  # rules down, a cell at a time
        for r in range(6):
            page.draw_line((x0 + c * w, y0 + r * h), (x0 + c * w, y0 + (r + 1) * h), width=0.5)
    for i in range(24):
        page.insert_text((x0 + (i % 4) * w + 4, y0 + (i // 4) * h + 10), f"0.{i:02d}", fontsize=9)
    doc.save(pdf)
    rules = RulesChooser("auto").for_pdf(pdf)
    grid = extract(pdf, rules).pages[0]
    boxes = drawn_figures(grid, grid.lines, [])
    assert boxes and all(rule_grid(grid, b) for b in boxes)
    rules = RulesChooser("auto").for_pdf(DIAGRAM)
    diagram = next(p for p in extract(DIAGRAM, rules).pages if drawn_figures(p, p.lines, []))
    assert not [b for b in drawn_figures(diagram, diagram.lines, []) if rule_grid(diagram, b)]


DATELINE = FIXTURES / "journal" / "journal-dateline.pdf"


def test_a_masthead_dateline_over_the_title_is_no_author_line(tmp_path):
    """journal-dateline: the masthead set as text of the first page, its dateline (2026 年 3 月)
    the line nearest the title, less than two title sizes above it. Its year read as an
    affiliation mark (2017 年 5 月 as the name 年月 marked 2017), the dateline was taken for the
    authors printed over the title: kept at the head of the unit, it stopped the title area before
    the title, and the paper had no title (a real journal template, 《岩土工程学报》's, showed
    it). A mark is a number of one or two digits: the dateline is the masthead's, the title the
    paper's."""
    issue = ingest_file(DATELINE, tmp_path, RulesChooser("auto").for_pdf(DATELINE))
    key = json.loads(DATELINE.with_suffix(".truth.json").read_text(encoding="utf-8"))
    assert [a.kind for a in issue.articles] == ["article"]
    art = issue.articles[0]
    assert art.title_zh == key["articles"][0]["title_zh"]
    body = "".join(b.text for b in art.blocks)
    assert "2026 年 3 月" not in body and "年3月" not in body.replace(" ", "")


APART = FIXTURES / "journal" / "journal-apart.pdf"


def test_label_set_apart_over_an_abstract_in_body_type(tmp_path):
    """journal-apart: 摘要 letter-spaced on a line of its own, centred over an abstract set in the
    body's type (物理学报's way), under numbered affiliations in the body's type too, the first
    naming no institution's word but ending in a postal code, the third neither (中国人民银行
    调查统计司，北京). The abstract, Chinese text at body size, was read as the body's start: no
    abstract, and it and the affiliations in the body (wild aps-template: front matter in the body
    0.27 -> 0.64 once its first page was read as one column). The label's text is the block under
    it unless that is a heading; a numbered line ending in a postal code, or numbered one past the
    affiliation before it, is an affiliation."""
    rules = RulesChooser("auto").for_pdf(APART)
    issue = ingest_file(APART, tmp_path, rules)
    key = json.loads(APART.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    art = next(a for a in issue.articles if a.kind == "article")
    assert "".join(art.abstract_zh.split()) == "".join(key["abstract_zh"].split())
    assert [a for a in art.front.affiliations if a[0].isdigit() and "China" not in a] == [
        "1. 国家统计局 国民经济核算司，北京 100826",
        "2. 华北财经大学 经济学院，北京 100872",
        "3. 中国人民银行 调查统计司，北京",
    ]
    body = "".join(b.text for b in art.blocks)
    assert "调查统计司" not in body and key["abstract_zh"][:20] not in body


BARE = FIXTURES / "journal" / "journal-bare.pdf"


def test_abstract_printed_without_a_label(tmp_path):
    """journal-bare: the Chinese abstract printed without a label in the body's type, the keywords'
    label right under it (物理学报's way), PACS codes where 中图分类号 would stand, and a first-page
    footnote whose mark stands before its label (* 通信作者. E-mail: …). With one kind of label the
    unit was read as no paper at all (wild wlxb-paper: no authors, no abstract, the journal's
    English name as its title_en); the PACS line, the abstract and the footnote were body."""
    rules = RulesChooser("auto").for_pdf(BARE)
    issue = ingest_file(BARE, tmp_path, rules)
    key = json.loads(BARE.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"][0]
    art = next(a for a in issue.articles if a.kind == "article")
    assert "".join(art.abstract_zh.split()) == "".join(key["abstract_zh"].split())
    assert art.authors == key["authors"] and art.title_en == key["title_en"]
    assert "zhenghl@example.org" in art.front.corresponding
    body = "".join(b.text for b in art.blocks)
    assert "PACS" not in body and "通信作者" not in body and key["abstract_zh"][:20] not in body


def test_footnotes_in_both_scripts_leave_the_paragraph_open(tmp_path):
    """journal-hanging-notes: under a paragraph the first column's foot leaves open, the first
    page's footnotes one a line in both scripts (dates, the handling editor, its English line, the
    numbered affiliations). The English footnote does not end the run of footnotes, so the
    numbered one under it is no paragraph of the body: the paragraph goes on at the next column's
    top (before: cut in two, paragraph integrity 0.955), and no footnote is joined to it."""
    pdf = FIXTURES / "journal" / "journal-hanging-notes.pdf"
    issue = ingest_file(pdf, tmp_path, RulesChooser("auto").for_pdf(pdf))
    score = evaluate(tmp_path, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["paragraph_integrity_article"] == 1.0
    body = [b["text"] for b in _rows(tmp_path, issue.meta.issue_id, "blocks") if b["type"] == "paragraph"]
    assert not any("Recommended by" in t or "国民经济核算司" in t for t in body)
