"""The sample issue typeset by Typst in a house style of its own (pipeline/sample/typst_issue.py;
`make eval` makes and scores the whole rendition). Six of its pages are committed: the cover with
its cover lines, a copyright notice with its English title and the masthead page after it, an
article whose first photo stands at the top of its first column under a "■ 张三 李四" byline, with
captions at a loose leading, and a three-line table whose cells open with a bracket Typst sets
compressed at the line start."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.models import Line
from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file
from pipeline.toc import read_entries

EXTRACT = Path(__file__).parent / "fixtures" / "typst" / "typst-extract.pdf"


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    rules = Rules.load(DEFAULT_RULES)
    out = tmp_path_factory.mktemp("typst")
    issue = ingest_file(EXTRACT, out, rules)
    root = out / "jsonl" / issue.meta.issue_id

    def rows(table: str) -> list[dict]:
        return [json.loads(x) for x in (root / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]

    return rows


def test_a_caption_read_before_the_byline_is_no_byline(extract):
    """The photo at the top of the first column puts its caption ("世和基因", two names' shape) in
    reading order before the byline "■ 李都 张希 肖凡": main took the caption for a bare byline and
    typed the real one a heading."""
    (art,) = [a for a in extract("articles") if a["title_zh"] == "南京：抢占未来产业制高点"]
    assert art["authors"] == ["李都", "张希", "肖凡"]
    assert "世和基因" in [c["text"] for c in extract("captions")]


def test_three_line_table_with_compressed_opening_brackets(extract):
    """Typst sets 《 at a cell's start compressed to its inked half, so its glyph box reaches half an
    em into the gap after the narrow column before it (省份: 黑龙江 then 《黑龙江省…》): main read the
    two columns as one (cells 0.52 on the whole rendition)."""
    (table,) = extract("tables")
    assert table["header"] == ["发布时间", "省份", "政策名称"]
    assert len(table["rows"]) == 14 and all(len(r) == 3 and r[2].startswith("《") for r in table["rows"])
    assert ["2026年2月", "黑龙江", "《黑龙江省深入实施“人工智能+”行动的实施方案》"] in table["rows"]


def test_caption_lines_at_a_loose_leading_are_one_caption(extract):
    """Typst sets a caption at the body's leading (its lines 1.66 of its size apart): a line that
    runs to the photo's edge goes on in the next one though that stands more than 0.6 of the size
    under it (main: the first line a caption, the rest a heading in the body)."""
    captions = [c["text"] for c in extract("captions")]
    assert "世和基因科研人员在实验室中进行基因测序。褚旭峰 段仁虎 摄" in captions
    body = " ".join(b["text"] for b in extract("blocks"))
    assert "褚旭峰" not in body


def test_cover_lines_open_no_units(extract):
    """The cover repeats articles' titles in display type, each with its subtitle or English title:
    they are the cover's text, not openings (main: the cover cut in two, the cover lines an
    'advertisement', the cover's text its title)."""
    units = [a for a in extract("articles") if a["page_start"] == 1]
    assert [(a["kind"], a["title_zh"]) for a in units] == [("cover", "国际科技促进")]
    held = [b["text"] for b in extract("blocks") if b["article_id"] == units[0]["article_id"]]
    assert "凝心聚力谋新篇 科技赋能启新程" in held and "警惕人工智能泡沫" in held


def test_notice_and_masthead_pages_are_two_units(extract):
    """A copyright notice with an English title runs into the masthead page after it, which has no
    title of its own; the pages' headings name two kinds of page, so each is a unit (main: one
    'masthead' unit titled 版权声明, at 0.5)."""
    kinds = {a["page_start"]: (a["kind"], a["page_end"]) for a in extract("articles")}
    assert kinds[2] == ("notice", 2) and kinds[3] == ("masthead", 3)


def _line(text: str, x0: float, y0: float, x1: float, size: float = 8.5) -> Line:
    return Line(7, text, (x0, y0, x1, y0 + size * 1.1), size, "NotoSerifCJKsc-Regular", False, 0)


def test_contents_title_wrapped_inside_a_quote_is_one_entry():
    """Typst's contents (page 7 of the rendition): second-level entries set closer to one another
    (5 pt) than a wrapped title's lines are (the leading, 6 pt), so spacing cannot tell the wrap; the
    title broke inside “病灶导航”, which its next line closes (main: two entries, “…“病灶导” and “航”")."""
    lines = [
        _line("第二艘国产大型邮轮即将出坞", 79.4, 690.6, 193.5),
        _line("全球首创！为神经外科提供实时、高精度“病灶导", 79.4, 702.9, 261.6),
        _line("航”", 79.4, 715.2, 91.6),
        _line("效率突破 15%！中国新一代太阳能电池研究取得新", 79.4, 726.4, 267.1),
    ]
    titles = [e.title_zh for e in read_entries(lines, Rules.load(DEFAULT_RULES))]
    assert titles[:2] == ["第二艘国产大型邮轮即将出坞", "全球首创！为神经外科提供实时、高精度“病灶导航”"]


PLAIN = Path(__file__).parent / "fixtures" / "typst" / "typst-plain-extract.pdf"


def test_title_area_between_rules_is_no_table(tmp_path):
    """typst_issue.py --style plain, two pages: the section's display name over a rule, then title,
    subtitle and English title, then the deck between two rules: three rules of one width, close
    together, with text between them, read as a three-line table that swallowed the title area
    (main: no article, the pages one untitled unit)."""
    issue = ingest_file(PLAIN, tmp_path, Rules.load(DEFAULT_RULES))
    root = tmp_path / "jsonl" / issue.meta.issue_id
    arts = [json.loads(x) for x in (root / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    (art,) = arts
    assert (
        art["title_zh"] == "从航天大国到空天强国的战略跃迁"
        and art["subtitle_zh"] == "专访中国国际科技促进会会长段洙毅"
    )
    assert art["deck_zh"].startswith("“支柱”意味着航空航天") and art["title_en"].startswith("Strategic Leap")
    assert not (root / "tables.jsonl").read_text(encoding="utf-8").strip()


QUOTE = Path(__file__).parent / "fixtures" / "typst" / "typst-plain-quote.pdf"


def test_pull_quote_under_a_quotation_mark_in_two_blocks(tmp_path):
    """typst_issue.py --style plain, one page: a pull quote in bold type a quarter bigger than the
    body under a big opening quotation mark (no rules), mid-column, its two lines ragged so that
    each came out a block of its own (a heading and a heading). The mark stood between the
    paragraph the quote cut and the quote, so the cut was not seen (main: the quote's lines two
    headings in the body, the paragraph in two)."""
    issue = ingest_file(QUOTE, tmp_path, Rules.load(DEFAULT_RULES))
    root = tmp_path / "jsonl" / issue.meta.issue_id
    blocks = [json.loads(x) for x in (root / "blocks.jsonl").read_text(encoding="utf-8").splitlines()]
    quotes = [b["text"] for b in blocks if b["type"] == "pull_quote"]
    assert quotes == ["“科研不只是发论文，落地产业化才能真正发挥价值"]
    body = [b["text"] for b in blocks if b["type"] != "pull_quote"]
    (cut,) = [t for t in body if t.startswith("以“三项改革”为抓手")]
    assert "修订“以演代评”实施方案" in cut and cut.endswith("探索“一站式”成果管理等新模式。")
    assert "发挥价值" not in body and not any(t.startswith("科研不只是发论文") for t in body)


def test_contents_title_wrapped_at_the_pitch_of_a_proven_wrap_is_one_entry():
    """The same contents column further down: Typst sets a wrapped title's lines at the leading
    (12.3 pt top to top), looser than one second-level entry is set from the next (11.2 pt), so
    "…取得新" / "进展" stands further apart than entries do. The wrap the closing quote proved
    above ("…“病灶导" / "航”") shows this list's wrap pitch: a line at that pitch, not the entries',
    carries on the title (main: "进展" an entry of its own; contents entries 0.978)."""
    lines = [
        _line("1 纳米！功耗最低！北大团队实现芯片领域重要突破", 79.4, 680.5, 273.0),
        _line("第二艘国产大型邮轮即将出坞", 79.4, 691.7, 190.3),
        _line("全球首创！为神经外科提供实时、高精度“病灶导", 79.4, 702.9, 261.6),
        _line("航”", 79.4, 715.2, 91.6),
        _line("效率突破 15%！中国新一代太阳能电池研究取得新", 79.4, 726.4, 267.1),
        _line("进展", 79.4, 739.0, 96.4),
    ]
    titles = [e.title_zh for e in read_entries(lines, Rules.load(DEFAULT_RULES))]
    assert titles == [
        "1 纳米！功耗最低！北大团队实现芯片领域重要突破",
        "第二艘国产大型邮轮即将出坞",
        "全球首创！为神经外科提供实时、高精度“病灶导航”",
        "效率突破 15%！中国新一代太阳能电池研究取得新进展",
    ]


def test_contents_line_of_one_character_is_the_title_above_wrapped():
    """typst_issue.py --style plain, its contents column: "…研究取得新进" / "展", the wrap 0.8 pt
    looser than the entries (no quote or bracket to prove it); no title is one character, so "展"
    is the last of the title above (main: an entry "展")."""
    lines = [
        _line("第二艘国产大型邮轮即将出坞", 88.0, 697.4, 198.2),
        _line("全球首创！为神经外科提供实时、高精度“病灶导航”", 88.0, 708.6, 282.3),
        _line("效率突破 15%！中国新一代太阳能电池研究取得新进", 88.0, 719.8, 284.0),
        _line("展", 88.0, 732.0, 96.5),
        _line("新型神经网络在中国研发成功", 88.0, 743.2, 198.2),
    ]
    titles = [e.title_zh for e in read_entries(lines, Rules.load(DEFAULT_RULES))]
    assert titles[2:] == ["效率突破 15%！中国新一代太阳能电池研究取得新进展", "新型神经网络在中国研发成功"]


def test_words_broken_at_a_soft_hyphen_read_whole(extract):
    """Typst marks the word breaks it makes at a line end with a soft hyphen (U+00AD) in the text
    layer, and prints its compounds' own hyphens as hyphens. A soft hyphen is a word going on
    (main: 'Technol\\xad ogy', a space and the invisible mark in every English summary of the
    rendition); each word broken so reads whole, with no mark left anywhere."""
    import pymupdf

    broken: list[str] = []
    with pymupdf.open(EXTRACT) as doc:
        for page in doc:
            for blk in page.get_text("dict")["blocks"]:
                lines = ["".join(s["text"] for s in ln["spans"]).strip() for ln in blk.get("lines", [])]
                for a, b in zip(lines, lines[1:], strict=False):
                    if (
                        a.endswith("\u00ad")
                        and (head := re.search(r"[A-Za-z]+$", a[:-1]))
                        and (tail := re.match(r"[a-z]+", b))
                    ):
                        broken.append(head.group(0) + tail.group(0))
    assert len(broken) >= 8  # the notice's English, the article's summary
    tables = ("articles", "blocks", "summaries", "items", "captions")
    text = json.dumps([extract(t) for t in tables], ensure_ascii=False)
    assert "\u00ad" not in text
    words = set(re.findall(r"[A-Za-z]+", text))
    assert [w for w in broken if w not in words] == []


def test_masthead_names_one_a_line_in_a_column_of_short_lines(extract):
    """Typst's masthead (page 3 of the extract) sets its names one a line, flush left in one column
    on the page, each a block a point from the next, closer than a wrapped line's leading. Its
    longer lines (a foreign member's name with the country before it, 70% of the reach of the
    widest) were read as full-width bands, cut off the list, and the name under each was run into
    it ("(西班牙) 埃尔文·布尔特李国胜": masthead paragraphs 0.71 on the whole rendition); a title
    wrapped at its leading, further apart than the names, stays one."""
    (unit,) = [a for a in extract("articles") if a["kind"] == "masthead"]
    held = [b["text"] for b in extract("blocks") if b["article_id"] == unit["article_id"]]
    for name in ("(西班牙) 埃尔文·布尔特", "李国胜", "(意大利) 阿尔韦托·努涅斯-塞莱斯", "汤文博", "Liu Bin"):
        assert name in held
    assert "Alberto I. Nunez-Selles(Italy)" in held and "Tang Wenbo" in held
    assert "China International Association for Promotion of Science and Technology" in held


LABEL_FOOT = Path(__file__).parent / "fixtures" / "typst" / "typst-label-foot.pdf"


def test_section_label_left_at_a_page_foot_is_the_next_units(tmp_path):
    """typst_issue.py --extract … --pages 56-58: Typst keeps no section label with its title, so the
    label of the article opening page 58 (专家观点 Expert Opinion) stands alone at the foot of page
    57, under the end of the article before. It is the next unit's label: main ended the article
    before with it, a heading in English in its Chinese body (evidence english_in_body, the only
    right unit of the whole rendition under 0.8)."""
    rules = Rules.load(DEFAULT_RULES)
    issue = ingest_file(LABEL_FOOT, tmp_path, rules)
    first, second = [a for a in issue.articles if a.kind == "article"]
    assert first.title_zh.startswith("中国制造如何实现")
    assert not any("Expert Opinion" in b.text for b in first.blocks)
    assert "english_in_body" not in first.evidence
    assert second.title_zh.startswith("邬贺铨") and second.section_zh == "专家观点"
    assert "heads_page" in second.evidence
