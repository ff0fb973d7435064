"""Small decisions of the stages, each with the case that motivated it."""

import pytest

from pipeline.articles import split_authors
from pipeline.extract import join_text, normalize_text
from pipeline.paragraphs import join_fragments
from pipeline.rules import Rules


def test_lookalike_radicals_and_ligatures_fold_but_punctuation_stays():
    assert normalize_text("⼯业⼈才") == "工业人才"
    assert normalize_text("ﬁrst ﬂow") == "first flow"
    assert normalize_text("，。：") == "，。："


def test_cjk_joins_without_space_latin_with_one():
    assert join_text("人工智能", "产业") == "人工智能产业"
    assert join_text("artificial", "intelligence") == "artificial intelligence"
    assert join_text("AI", "产业") == "AI产业"


def test_hyphenation_removed_only_where_the_word_is_hyphenated():
    vocab = {"high-tech", "development"}
    assert join_fragments("the develop-", "ment of", vocab) == "the development of"
    assert join_fragments("a high-", "tech zone", vocab) == "a high-tech zone"
    assert (
        join_fragments("a research-", "manufacturing-application loop", vocab)
        == "a research-manufacturing-application loop"
    )
    assert (
        join_fragments("Sci-", "Tech", vocab) == "Sci- Tech"
        or join_fragments("Sci-", "Tech", vocab) == "Sci-Tech"
    )


def test_author_names_split_as_printed():
    rules = Rules.load()
    assert split_authors("杨静 周亚婧 陈敏", rules) == ["杨静", "周亚婧", "陈敏"]
    assert split_authors("张超白岑", rules) == ["张超", "白岑"]
    assert split_authors("珂 闻", rules) == ["珂 闻"]
    assert split_authors("本刊编辑部", rules) == ["本刊编辑部"]


def test_profiles_paired_by_romanised_name_not_position():
    from pipeline.items import _pair_by_name
    from pipeline.models import Item

    items = [
        Item(
            1,
            "周志华：人工智能领域的领军学者",
            "Hu Hailan: A Pioneer",
            text_en="Hu Hailan, an academician ...",
        ),
        Item(
            2,
            "胡海岚：神经科学领域的先驱",
            "Zhou Zhihua: A Scholar",
            text_en="Zhou Zhihua, an academician ...",
        ),
    ]
    _pair_by_name(items)
    assert items[0].text_en.startswith("Zhou Zhihua") and items[1].text_en.startswith("Hu Hailan")


def test_chinese_abstract_and_keywords_become_fields():
    from pipeline.articles import _take_abstract
    from pipeline.models import Article

    art, rules = Article(seq=1, kind="article", pages=[1]), Rules.load()
    assert _take_abstract(art, "摘要：本文从经济发展规律出发，论证传统行业的作用。", rules)
    assert _take_abstract(art, "关键词：人工智能泡沫；传统行业；实体经济", rules)
    assert not _take_abstract(art, "当前，人工智能产业热度空前。", rules)
    assert art.abstract_zh.startswith("本文") and art.keywords_zh == ["人工智能泡沫", "传统行业", "实体经济"]


def test_keywords_are_words_of_the_article_not_numbers():
    from pipeline.keywords import add_keywords
    from pipeline.models import Article, Block, Issue, IssueMeta, Piece

    body = "人工智能标准化工作取得进展。2025年，人工智能国家标准发布30项，标准化技术委员会成立。" * 3
    art = Article(
        seq=1, kind="article", pages=[1], blocks=[Block("paragraph", body, [], [Piece(1, (0, 0, 1, 1))])]
    )
    issue, tokens = add_keywords(Issue(IssueMeta("x"), None, [art]), Rules.load())
    assert "人工智能" in art.keywords and "标准化" in art.keywords
    assert not any(k.isdigit() for k in art.keywords) and "人工智能" in tokens[1]


def test_radical_supplement_forms_and_horizontal_bar_fold():
    assert normalize_text("征求意⻅稿 黑⻰江 2025―2027") == "征求意见稿 黑龙江 2025—2027"


BODY = "这是一段用于测试的正文文字，这是一段用于测试的正文文字，这是"


def _laid_out(tmp_path, pages: list[list[tuple]]):
    """A PDF of pages of (x, y, text, size[, font]) lines, read by extract + layout."""
    import pymupdf

    from pipeline.extract import extract
    from pipeline.layout import analyze

    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("cjk").buffer)
        for x, y, text, size, *font in lines:
            page.insert_text((x, y), text, fontname=font[0] if font else "F0", fontsize=size)
    doc.save(tmp_path / "synthetic.pdf")
    rules = Rules.load()
    return analyze(extract(tmp_path / "synthetic.pdf", rules), rules).pages


def test_footnote_mark_rides_on_its_line(tmp_path):
    first = "　　人工智能产业热度空前，资本大量涌入，催生了片面的社会认知"
    lines = [
        (72, 100, first, 10),
        (72 + 10 * len(first) + 1, 96, "1", 6, "helv"),  # the superscript
        (72, 116, "甚至出现资源过度倾斜的倾向。", 10),
    ] + [(72, 150 + 16 * k, "　　这是一段用于测试的正文文字，这是一段用于测试的正文。", 10) for k in range(8)]
    first_block = _laid_out(tmp_path, [lines])[0].blocks[0]
    assert first_block.text.startswith("人工智能") and "认知1甚至" in first_block.text


def test_short_last_page_of_a_one_column_article_is_body_not_deck(tmp_path):
    # a full page, then the tail of the paragraph alone on the last page
    pages = _laid_out(tmp_path, [[(60, 80 + 16 * k, BODY, 10) for k in range(n)] for n in (30, 3)])
    assert len(pages[0].blocks[-1].pieces) == 2  # joined to its continuation on the last page


def test_a_body_line_naming_the_journal_at_a_column_top_is_not_a_running_head(tmp_path):
    head = (60, 30, "国际科技促进 2026年第2卷第1期", 7.5)
    firsts = ["这是一段用于测试的正文文字，", "《国际科技促进》编辑部认为，", "这是一段用于测试的正文文字，"]
    pages = _laid_out(
        tmp_path,
        [
            [head, (60, 60, f + "这是一段用于测试的正文文字，这是", 10)]
            + [(60, 60 + 16 * k, BODY, 10) for k in range(1, 30)]
            for f in firsts
        ],
    )
    assert [ln.text for ln in pages[1].furniture] == ["国际科技促进 2026年第2卷第1期"]
    assert "《国际科技促进》编辑部认为" in "".join(b.text for p in pages for b in p.blocks)


def test_body_size_is_the_size_most_lines_run_in_not_most_characters(tmp_path):
    """A long English summary in small type has more characters than a short Chinese body (a
    Latin letter is half as wide), but the body is what covers the page."""
    import pymupdf

    from pipeline.extract import extract
    from pipeline.layout import body_font_size

    english = "The Fifth Session of the Council met in Beijing to plan the year ahead and review."
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("cjk").buffer)
    for k in range(20):
        page.insert_text((60, 80 + 15 * k), BODY[:24], fontname="F0", fontsize=10.5)
    for k in range(8):
        page.insert_text((60, 420 + 10 * k), english, fontname="helv", fontsize=7.5)
    doc.save(tmp_path / "mixed.pdf")
    raw = extract(tmp_path / "mixed.pdf", Rules.load())
    chars = {size: sum(len(ln.text) for ln in raw.pages[0].lines if ln.size == size) for size in (10.5, 7.5)}
    assert chars[7.5] > chars[10.5]  # by characters the English would win
    assert body_font_size(raw) == 10.5


def test_a_rules_file_extends_its_base(tmp_path):
    (tmp_path / "base.yaml").write_text(
        "tables: {snap_tolerance: 3, min_column_gap_em: 0.6}\nlimits: {max_pages: 9}\n"
    )
    (tmp_path / "mag.yaml").write_text(
        "extends: base.yaml\ntables: {snap_tolerance: 5}\njournal: {zh: 某刊}\n"
    )
    rules = Rules.load(tmp_path / "mag.yaml")
    assert rules.get("tables") == {"snap_tolerance": 5, "min_column_gap_em": 0.6}
    assert rules.get("limits", "max_pages") == 9 and rules.get("journal", "zh") == "某刊"
    (tmp_path / "base.yaml").write_text("extends: mag.yaml\n")
    with pytest.raises(ValueError, match="loop"):
        Rules.load(tmp_path / "mag.yaml")


def test_summary_headings_in_any_case_spacing_and_after_a_chinese_name():
    rules = Rules.load()
    assert rules.summary_heading("READING  SUMMARY: On January 10") == ("reading_summary", 18)
    assert rules.summary_kind("导读 Reading Summary") == "reading_summary"
    assert rules.summary_kind("Editors’ Note") == "editor_note"
    assert rules.summary_kind("Abstract：Currently, AI…") == "abstract"
    assert rules.summary_kind("Abstraction is a habit") is None and rules.summary_kind("摘要：当前") is None


def test_english_display_lines_no_field_took_stay_in_the_body():
    """An English paper whose abstract came from its front matter: English lines later in it that
    the layout read as display type (an English title's or standfirst's face) pair with no summary
    and fill no field; they stay in the body where they stand, as a heading and a paragraph (they
    were dropped: fuzz-pdf's pdfplumber issue-316 lost a page of text, 97.8 % kept). A line that
    is the article's English title stays out."""
    from pipeline.models import (
        Article,
        Block,
        Issue,
        IssueMeta,
        LaidOutDocument,
        Piece,
        RawDocument,
        Role,
        Summary,
        SummaryKind,
        UnitKind,
    )
    from pipeline.summaries import pair_summaries

    def blk(role, text, page):
        return Block(role, text, [], [Piece(page, (50.0, 100.0, 400.0, 120.0))], lang="en")

    body = blk(Role.PARAGRAPH, "The study followed three sites.", 2)
    title_again = blk(Role.TITLE_EN, "Shift work and the family", 3)
    display = blk(Role.TITLE_EN, "focused on a broader range of relevant behaviours", 9)
    standfirst = blk(Role.DECK_EN, "For the measure of FWC the mean scores were lower.", 9)
    art = Article(seq=1, kind=UnitKind.ARTICLE, pages=[1, 2, 3, 9], title_en="Shift work and the family")
    art.summaries = [
        Summary(SummaryKind.ABSTRACT, "Purpose – This research aims …", [1], 1.0, "front matter")
    ]
    art.blocks = [body]
    art.english = [title_again, display, standfirst]
    art.flow = [body, title_again, display, standfirst]
    raw = RawDocument("x.pdf", "0", [])
    issue = Issue(IssueMeta("x"), LaidOutDocument(raw, [], 10.0), [art])
    out = pair_summaries(issue, Rules.load()).articles[0]
    assert [(b.role, b.text) for b in out.blocks] == [
        (Role.PARAGRAPH, body.text),
        (Role.HEADING, display.text),
        (Role.PARAGRAPH, standfirst.text),
    ]


def test_a_heading_across_the_gutter_from_a_line_of_other_type_is_a_line_of_its_own(tmp_path):
    """fuzz v02: a profile's Chinese heading (11.4 pt) opening the right column stood 1.6 pt above
    the left column's italic English (9.4 pt), a 9.7 pt gutter apart: read as one line
    ('… By leading numerous 胡海岚：…'), the heading was lost and two items' English ran together.
    A label in two scripts and two sizes set a space apart stays one line."""
    import pymupdf

    from pipeline.extract import extract

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("cjk").buffer)
    english = [
        "high-temperature superconductors opened new directions in",
        "international superconductivity research. By leading numerous",
        "major national research projects, he has laid a solid founda-",
        "tion for the self-reliance of the semiconductor industry.",
    ]
    for i, text in enumerate(english):  # a column whose lines end at its right edge (290.8)
        width = pymupdf.get_text_length(text, fontname="tiit", fontsize=9.4)
        page.insert_text((290.8 - width, 664.5 + 12.7 * i), text, fontname="tiit", fontsize=9.4)
    page.insert_text((300.5, 675.6), "胡海岚：神经科学与脑科学领域的先驱", fontname="F0", fontsize=11.4)
    page.insert_text((300.5, 689.7), "Hu Hailan: A Pioneer in Neuroscience", fontname="tibo", fontsize=9.0)
    # a section label: 10 pt Chinese, 8.5 pt English a space of 0.94 em apart
    page.insert_text((60, 80), "科促会动态", fontname="F0", fontsize=10)
    page.insert_text((60 + 50 + 8, 80), "CIAPST News", fontname="helv", fontsize=8.5)
    doc.save(tmp_path / "gutter.pdf")
    rules = Rules.load()
    texts = [ln.text for p in extract(tmp_path / "gutter.pdf", rules).pages for ln in p.lines]
    assert "胡海岚：神经科学与脑科学领域的先驱" in texts
    assert "international superconductivity research. By leading numerous" in texts
    assert "科促会动态 CIAPST News" in texts


def test_deck_in_a_barred_frame_across_the_columns_stays_one_block():
    """h2-chromium's decks: a full-width band holding the title area and, under it, a deck at the
    body's size in a frame with a bar at its left and padding (its first line indented, the next
    ones 12.8 pt right of the title's edge). Its paragraphs are cut from its own edges, not the
    band's: measured from the title's edge every deck line looked indented and each became a block
    of its own (its last line, typed other, was lost to the deck: deck 1.000 -> 0.833)."""
    from pipeline.models import Line
    from pipeline.paragraphs import wide_blocks

    def line(text, x0, y0, x1, size):
        return Line(11, text, (x0, y0, x1, y0 + size), size, "Type3", False, 0x333333, base=y0 + 0.9 * size)

    deck = [
        line("站在新的历史起点上，科促会将以此次大会为契机，坚守办会宗旨、", 76.8, 185.9, 549.8, 9.5),
        line("实的作风，深耕科技服务领域，推动科技与产业深度融合，为中国实", 57.8, 200.9, 549.8, 9.5),
        line("更大力量。", 57.8, 215.9, 105.3, 9.5),
    ]
    title = [line("凝心聚力谋新篇 科技赋能启新程", 45.0, 90.0, 358.0, 22.0)]
    blocks = wide_blocks(title + deck, Rules.load(), 9.5)
    assert [b.text for b in blocks][-1] == "".join(ln.text for ln in deck)


@pytest.mark.parametrize("kind", ["cover", "article"])
def test_text_in_another_ink_is_a_deck_only_in_an_article(kind):
    """A paragraph in another ink than the body's right under a title is an article's deck (a grey
    deck on a one-column page); on a cover (white and coloured type over a photo) it is the cover's
    text: main took a fuzzed issue's whole cover text for its deck, the cover unit held no text
    and was wrong at confidence 0.9 (make fuzz v08, v11)."""
    from pipeline.articles import _build_article, _Unit
    from pipeline.models import Block, Line, Piece, Role

    def block(role, text, size, color):
        ln = Line(1, text, (50.0, 100.0, 500.0, 100.0 + size), size, "Sans", False, color)
        return Block(role, text, [ln], [Piece(1, ln.bbox)], size=size)

    unit = _Unit(
        [
            block(Role.TITLE, "国际科技促进", 40.0, 0x000000),
            block(
                Role.PARAGRAPH,
                "国际视野 · 前沿视角 · 专家视点 · 科技视界，解码世界科技发展的现在与未来。",
                10.0,
                0xFFFFFF,
            ),
            block(Role.PARAGRAPH, "正文第一段，以正文的墨色排印，讲述本期的主题与内容安排。", 10.0, 0x000000),
        ],
        [1],
    )
    art = _build_article(1, unit, kind, Rules.load(), {}, 10.0, 0x000000)
    assert (art.deck_zh is not None) == (kind == "article")


def test_compound_broken_at_its_hyphen_when_its_parts_are_words():
    """weasy-outer's deck_en "high-|potential startups": the issue prints neither high-potential
    nor highpotential, but prints "potential" as a word and opens other compounds with "high-"
    (high-quality): a compound broken at its hyphen (main: "highpotential"). A part that is no
    word the issue prints (in-|novating: "novating") is a syllable's hyphen, undone."""
    vocab = {"high-quality", "high-", "potential", "in", "innovation"}
    assert join_fragments("for high-", "potential startups", vocab) == "for high-potential startups"
    assert join_fragments("keeps in-", "novating", vocab) == "keeps innovating"
    assert join_fragments("the high-", "lands", {"high", "lands", "highlands"}) == "the highlands"


def test_line_end_breaks_its_compounds_explain_say_the_issue_breaks_no_word():
    """Whether an issue hyphenates words, from how many of its lines end in a hyphen: about as many
    as its compounds' hyphens among the places a line may end explain (house-roundups: 3 in 84
    lines, 19 hyphens and 655 spaces inside lines: 2.4 explained) is an engine breaking only at
    compounds; many more (h1's TeX: 154 in 590 lines, 14.4 explained) one hyphenating words; too
    few lines say nothing. The count decides only where no break is a word the issue prints whole."""
    from pipeline.paragraphs import LineEnds, _breaks_explained, _hyphen_habit

    assert _breaks_explained(LineEnds(lines=84, breaks=3, spaces=655, hyphens=19))
    assert not _breaks_explained(LineEnds(lines=590, breaks=154, spaces=4706, hyphens=118))
    assert not _breaks_explained(LineEnds(lines=534, breaks=33, spaces=4653, hyphens=123))  # 13.8 explained
    assert not _breaks_explained(LineEnds(lines=30, breaks=1, spaces=300, hyphens=10))  # too few lines
    browser = LineEnds(lines=180, breaks=3, spaces=813, hyphens=21)
    assert _hyphen_habit({"top", "toptier"}, [("top", "tier")], browser) is True  # a word it prints whole
    assert _hyphen_habit({"top"}, [("top", "tier")], browser) is False
    assert join_fragments("in top-", "tier journals", type("V", (set,), {"hyphenates": False})({"top"})) == (
        "in top-tier journals"
    )


def test_a_break_the_issues_hyphenation_patterns_never_make_is_a_compounds():
    """h1 (XeLaTeX) hyphenates English by TeX's US patterns: every one of its 106 words broken at a
    line end and printed whole elsewhere stands where those patterns allow a break (not the
    British ones: secu-|rity). Its "job-|related", "early-|stage", "four-|layer" are compounds it
    prints nowhere else, nor their parts: broken where the patterns break no word run together
    (jo-bre-lat-ed, earlystage, fourlay-er), they keep their hyphen (main: jobrelated, earlystage,
    fourlayer). Breaks a synthetic typesetter made by a rule of its own fit no patterns: no say."""
    from pipeline.paragraphs import EnglishWords, _patterns_fit

    us = [("secu", "rity"), ("in", "novating"), ("mem", "ber"), ("implemen", "tation"), ("dy", "namics")]
    vocab = EnglishWords({h + t for h, t in us} | {"related", "theoretical"})
    vocab.hyphenates = True
    assert _patterns_fit(vocab, us) == ("en_US",)
    assert _patterns_fit(vocab, us[:4]) == ()  # too few to tell
    assert _patterns_fit(vocab, [*us, ("theore", "tical")]) == ()  # the classic sample's own rule
    vocab.patterns = _patterns_fit(vocab, us)
    assert join_fragments("a job-", "related task", vocab) == "a job-related task"
    assert join_fragments("an early-", "stage fund", vocab) == "an early-stage fund"
    assert join_fragments("a four-", "layer stack", vocab) == "a four-layer stack"
    assert join_fragments("keeps in-", "novating", vocab) == "keeps innovating"
    assert join_fragments("its mem-", "bers", vocab) == "its members"
    vocab.patterns = ()
    assert join_fragments("a job-", "related task", vocab) == "a jobrelated task"


def test_a_numbers_hyphen_at_a_line_end_stays_and_joins():
    """h1's '"365-|day High-Tech Expo"' and typst-plain's '10-|trillion-yuan': a number's hyphen
    is a compound's or a range's, never a syllable's; main read '365- day' and '10- trillion'."""
    assert join_fragments('a "365-', 'day High-Tech Expo"') == 'a "365-day High-Tech Expo"'
    assert join_fragments("break the 10-", "trillion-yuan mark") == "break the 10-trillion-yuan mark"
    assert join_fragments("2025-", "2026年") == "2025-2026年"


def test_digits_of_a_doi_cut_at_a_line_end_run_on():
    """glyph-issue's flow breaks a token too long for its line where the line is full, between
    digits: '…DOI:10.12677/ar.2025.1260' | '84.' is one DOI (main: a space between); a number of
    running text after an address keeps its space ('…/a/1' | '2025年发布')."""
    assert join_fragments("DOI:10.12677/ar.2025.1260", "84.") == "DOI:10.12677/ar.2025.126084."
    assert join_fragments("DOI:CNKI:SUN:CYBA.0.201", "7-09-015.") == "DOI:CNKI:SUN:CYBA.0.2017-09-015."
    assert join_fragments("见 https://www.gov.cn/a/1", "2025年发布") == "见 https://www.gov.cn/a/1 2025年发布"
    assert join_fragments("the rate was 12", "34 people") == "the rate was 12 34 people"


def test_line_end_fragments_are_no_words_of_the_issue(tmp_path):
    """The vocabulary that decides a line-end hyphen is read from the issue's English lines; the
    rest of a word broken at a line end ("novating") is no word of it, so it vouches for no
    compound ("in-|novating" kept its hyphen when "in-" opened a compound elsewhere)."""
    import pymupdf

    from pipeline.extract import extract
    from pipeline.layout import analyze

    lines = [
        "The in-house team, with high-quality data and potential partners,",
        "keeps its eyes on the goal and offers our high-",
        "potential startups a path forward as it keeps in-",
        "novating with partners across the whole region.",
    ]
    doc = pymupdf.open()
    page = doc.new_page(width=420, height=300)
    for i, text in enumerate(lines):
        page.insert_text((40, 60 + 14 * i), text, fontname="tiro", fontsize=10)
    doc.save(tmp_path / "hyphens.pdf")
    rules = Rules.load()
    laid = analyze(extract(tmp_path / "hyphens.pdf", rules), rules)
    text = " ".join(b.text for p in laid.pages for b in p.blocks)
    assert "high-potential startups" in text and "keeps innovating with" in text


def test_author_note_alone_across_a_page_is_a_note(tmp_path):
    """fpdf-issue: an article's closing note (（作者系…）), carried alone to the top of a page, stands
    across the page like a deck and was typed one by its place (then held by no unit: residue).
    Its marker names it wherever it stands."""
    import pymupdf

    from pipeline.extract import extract
    from pipeline.layout import analyze

    doc = pymupdf.open()
    page = doc.new_page(width=540, height=750)
    page.insert_text(
        (48, 70), "（作者系中国国际科技促进会专家工作委员会副主任）", fontname="china-s", fontsize=7.6
    )
    doc.save(tmp_path / "note.pdf")
    rules = Rules.load()
    laid = analyze(extract(tmp_path / "note.pdf", rules), rules)
    assert [b.role for p in laid.pages for b in p.blocks] == ["note"]


def test_english_caption_in_title_type_after_the_body_is_a_caption():
    """A figure's English caption set in the title's type after the body began (Fig. 1. … under
    its Chinese caption, typed title_en by its face: tests/wild wlxb-paper p. 4) is the figure's
    caption. Taken for the paper's English title, it was replaced by the title its front matter
    gives, and the line was in no row (residue, unclaimed)."""
    from pipeline.articles import _build_article, _Unit
    from pipeline.models import Block, Line, Piece, Role

    def block(role, text, y, size=10.0):
        ln = Line(1, text, (50.0, y, 500.0, y + size), size, "Serif", False, 0)
        return Block(role, text, [ln], [Piece(1, ln.bbox)], size=size)

    caption = "Fig. 1. The forward mode and backward mode of gradient propagation"
    unit = _Unit(
        [
            block(Role.TITLE, "自动微分以及它在物理模拟中的应用", 60.0, 20.0),
            block(
                Role.PARAGRAPH,
                "自动微分是指自动获取一段计算机程序导数的技术，很多人对它的了解源自机器学习。",
                100.0,
            ),
            block(Role.TITLE_EN, caption, 140.0),
            block(Role.PARAGRAPH, "并通过对这个无穷小量的运算完成对程序的求导。", 160.0),
        ],
        [1],
    )
    art = _build_article(1, unit, "article", Rules.load(), {}, 10.0, 0)
    assert art.title_en is None and [c.text for c in art.captions] == [caption]
