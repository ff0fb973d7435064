"""Honest confidence: a unit's confidence comes from the evidence for and against it, so units
that are wrong say so even when a decision went the wrong way."""

from __future__ import annotations

from pathlib import Path

from pipeline import articles, runon, skeleton
from pipeline.evaluate import evaluate
from pipeline.models import Role
from pipeline.rules import Rules
from pipeline.run import ingest_file

FIXTURES = Path(__file__).parent / "fixtures"


def test_units_display_type_opened_say_they_are_doubtful(tmp_path, monkeypatch):
    """Force every local opening to stand (pull quotes open units, as before the skeleton): the
    fragments that makes are wrong units, and each says so (<= 0.5), while the right ones stay
    sure (>= 0.8); the calibration metric sees both."""
    monkeypatch.setattr(skeleton, "_keep", lambda op, has_contents, any_entries: True)
    pdf = FIXTURES / "skeleton-bare.pdf"
    issue = ingest_file(pdf, tmp_path, Rules.load())
    score = evaluate(tmp_path, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
    assert score["n_units_wrong"] >= 4 and score["article_precision"] < 1.0
    assert score["conf_wrong_max"] <= 0.5 and score["conf_right_sure"] in (None, 1.0)
    # the fragments (display type taken for titles) and the articles they cut short both know it
    fragments = [a for a in issue.articles if a.kind == "article" and "no_title_area" in a.evidence]
    cut = [a for a in issue.articles if a.kind == "article" and "title_area" in a.evidence]
    assert len(fragments) == len(cut) == 3
    assert all({"repeats_body", "text_before_open"} <= set(a.evidence) for a in fragments)
    assert all("continues_after" in a.evidence and a.confidence <= 0.5 for a in cut)


def test_every_fixture_unit_confidence_is_calibrated(tmp_path):
    """The units of a fixture read right are sure, from the evidence of their own pages."""
    rules = Rules.load()
    for name in ("skeleton-quotes", "contents-tricky", "roundup-dense"):
        pdf = FIXTURES / f"{name}.pdf"
        issue = ingest_file(pdf, tmp_path / name, rules)
        score = evaluate(tmp_path / name, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
        assert score["n_units_wrong"] == 0 and score["conf_right_sure"] == 1.0, (name, score)
        assert all(a.evidence for a in issue.articles if a.kind == "article")


def test_second_page_of_a_notice_cut_at_the_turn_says_it_is_doubtful(tmp_path, monkeypatch):
    """Without the run-on evidence (runon.runs_on), the notice's second page (front-roman: the last
    item of its list, 合作垂询：广告投放…, and the contact lines) comes out a unit of its own, a
    wrong one; the 广告 inside a sentence names no advertisement, so it is typed by its shape
    alone and says so (0.5; main: advertisement at 0.9). The notice's first page, cut short of its
    second, is wrong too and cannot know it with the run-on evidence gone: it counts as wrong since
    that second page's text is its own blocks (read into deck fields before, the page held no block
    and passed for a blank one the notice could end short of)."""
    monkeypatch.setattr(articles.runon, "runs_on", lambda before, after, rules: None)
    pdf = FIXTURES / "front-roman.pdf"
    issue = ingest_file(pdf, tmp_path, Rules.load())
    score = evaluate(tmp_path, pdf.with_suffix(".truth.json"), issue.meta.issue_id)
    cut = next(a for a in issue.articles if a.pages[0] == 4)
    assert "kind_named" not in cut.evidence and cut.confidence <= 0.5
    assert cut.kind != "article" and not (cut.deck_zh or cut.deck_en)
    assert score["n_units_wrong"] == 2 and score["conf_wrong_max"] == 0.9  # the cut one and the first part


def test_kind_words_name_a_page_as_labels_not_inside_sentences():
    """版权声明：… heading its block, a short credit line (编辑部 宣) or a title name the page's
    kind; 广告 inside a sentence of running text only mentions it."""
    from pipeline.models import Block, Line, Role

    def block(text: str) -> Block:
        line = Line(page=1, text=text, bbox=(0, 0, 100, 10), size=10, font="f", bold=False, color=0)
        return Block(role=Role.PARAGRAPH, text=text, lines=[line], pieces=[])

    ads = ["广告", "编辑部 宣"]
    assert runon.names_kind([block("《国际科技促进》编辑部宣")], ads)
    assert runon.names_kind([block("广告")], ads)
    assert not runon.names_kind([block("合作垂询：广告投放 / 会议协办 / 学术推广。")], ads)
    assert not runon.names_kind([block("本刊长期承接各类广告，欢迎来电垂询，联系人刘坤，电话见下。")], ads)
    assert runon.names_kind([block("版权声明：录用稿件需签署国际许可协议。")], ["版权声明"])


def test_a_page_opening_on_display_type_does_not_run_on():
    """A later page whose first block is display type (a title the skeleton took for a pull quote,
    a heading) has a title area of its own: its text does not carry on the page before, however
    open that page's last sentence (make fuzz --seed 31337 v00: a notice page read across its
    columns left a sentence open before the next notice's title)."""
    from pipeline.models import Block, Line, Piece, Role

    def block(text: str, page: int, role: Role, y: float, open_end: bool = False) -> Block:
        line = Line(page=page, text=text, bbox=(0, y, 200, y + 10), size=10, font="f", bold=False, color=0)
        return Block(
            role=role, text=text, lines=[line], pieces=[Piece(page, (0, y, 200, y + 10))], open_end=open_end
        )

    before = [block("为充分整合学术交流方面的资源优势，有效开展科技交流和", 2, Role.PARAGRAPH, 700, True)]
    text = block("科技产业化工作。", 3, Role.PARAGRAPH, 60)
    rules = Rules.load()
    assert runon.runs_on(before, [text], rules) == "sentence"
    quote = block("中国国际科技促进会期刊 会员服务与商务合作", 3, Role.PULL_QUOTE, 40)
    assert runon.runs_on(before, [quote, text], rules) is None


def test_english_counts_against_a_unit_as_prose_not_as_a_language():
    """english_in_body is an English version run into the Chinese body: a run of ENGLISH_RUN
    words. A paper's display formulas, an English label or names read as English (lang en) are no
    such thing: they made every real journal paper of wild-dev and tests/wild say 0.05-0.4 though
    read right, and typst-issue's article under a section label printed 专家观点 Expert Opinion 0.5."""
    from pipeline.confidence import evidence
    from pipeline.models import Article, Block, Line, Piece

    def block(text: str, lang: str, role: Role = Role.PARAGRAPH) -> Block:
        line = Line(page=1, text=text, bbox=(0, 0, 100, 10), size=10, font="f", bold=False, color=0)
        return Block(role=role, text=text, lines=[line], pieces=[Piece(1, line.bbox)], lang=lang)

    chinese = block("当前，人工智能技术正经历前所未有的发展热潮，其在自然语言处理等领域取得了突破。", "zh")
    not_prose = [
        block("dx = σ(y − x), dy = x(ρ − z) − y, dz = xy − βz. (3)", "en"),
        block("专家观点 Expert Opinion", "en", Role.HEADING),
        block("ZHENG Hualin1, OUYANG Mingyuan2),3, WANG Fang1", "en"),
        block("for j = β, β + 1, ..., σ − 1 do", "en"),
    ]
    art = Article(
        seq=1, kind="article", pages=[1], title_zh="标题", byline="文 / 张三", blocks=[chinese, *not_prose]
    )
    assert "english_in_body" not in evidence(art, contents_read=False)
    summary = block(
        "Although China's manufacturing scale ranks first globally, its overall strength still lags behind "
        "the United States in quality, efficiency, core technologies and the strength of its brands.",
        "en",
    )
    art.blocks.append(summary)
    assert "english_in_body" in evidence(art, contents_read=False)
