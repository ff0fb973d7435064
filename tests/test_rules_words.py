"""Publication words live in rules/, not in code: the words a jump puts after its page's number
(jump_lines.page_words: 第42页, 第3版) and the forms of a table's continued label with the table's
number in each (tables.continued_patterns: 续表 3, 表 3（续）, Table 3 (continued)). Every profile
has them (base-zh.yaml, so the generic profile too); taken out of the rules, the code knows none."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.jump_split import split_run_in
from pipeline.models import Line, RawDocument, RawPage
from pipeline.rules import Rules
from pipeline.tables import _may_continue

PROFILES = ("generic-zh.yaml", "guojikejicujin.yaml", "chuangxin-guancha.yaml")


def _split(rules: Rules, *texts: str) -> list[str]:
    lines = [
        Line(1, t, (50.0, 700.0 + 16 * k, 290.0, 712.0 + 16 * k), 10.0, "SimSun", False, 0)
        for k, t in enumerate(texts)
    ]
    raw = RawDocument("x.pdf", "0", [RawPage(1, 595, 842, lines, [], [])])
    return [ln.text for ln in split_run_in(raw, rules).pages[0].lines]


@pytest.mark.parametrize("name", PROFILES)
def test_page_words_come_from_the_rules(name):
    """A bare jump after a sentence ending in a page word is cut off with the profile's rules;
    with jump_lines.page_words emptied nothing in the code reads 页 as a jump's end, and the line
    (which then passes no cheap test) stays whole; so does a jump's end broken onto a column's
    last line."""
    rules = Rules.load(Path("rules") / name)
    assert _split(rules, "在多个城市开展了一系列试点。转第7页") == ["在多个城市开展了一系列试点。", "转第7页"]
    assert _split(rules, "在多个城市开展了一系列试点。转至第", "5版") == [
        "在多个城市开展了一系列试点。",
        "转至第5版",
    ]
    bare = Rules(data={**rules.data, "jump_lines": {**rules.data["jump_lines"], "page_words": []}})
    assert _split(bare, "在多个城市开展了一系列试点。转第7页") == ["在多个城市开展了一系列试点。转第7页"]
    assert _split(bare, "在多个城市开展了一系列试点。转至第", "5版") == [
        "在多个城市开展了一系列试点。转至第",
        "5版",
    ]


@pytest.mark.parametrize("name", PROFILES)
def test_continued_label_names_its_table_number(name):
    """Each form of the label gives the table's number where it prints one in digits (full-width
    folded by the caller); the others are labels naming none."""
    rules = Rules.load(Path("rules") / name)

    def number(text):
        m = rules.continued_label(text)
        return m and (m.groupdict().get("number") or "")

    assert number("续表 3 各地试点情况") == "3"
    assert number("续表") == "" and number("续表三") == ""
    assert number("表 12（续）") == "12" and number("表三(续)") == ""
    assert number("Table 4 (continued)") == "4" and number("(Continued)") == ""
    assert number("表 3 各地试点情况") is None and number("续表明，该方法") is None


def test_a_label_naming_another_number_parts_the_tables():
    """tables._may_continue: a part under 续表 N (表 N（续）, Table N (continued)) joins the table
    before only when N is its number; a label naming no number (续表) says nothing against it."""
    rules = Rules.load()
    art = object()

    def joins(label, caption="表 3 各地试点情况"):
        prev = (art, SimpleNamespace(caption=caption, header=["a", "b"]), SimpleNamespace(page=7))
        table = SimpleNamespace(caption="", caption_en="", header=["x", "y"])
        block = SimpleNamespace(text=label) if label is not None else None
        return _may_continue(prev, art, table, SimpleNamespace(page=8), [], block, [7, 8], rules)

    assert joins("续表 3") and joins("续表３") and joins("表 3（续）") and joins("Table 3 (continued)")
    assert joins("续表") and joins(None)
    assert not joins("续表 4") and not joins("表 4（续）") and not joins("Table 4 (continued)")


@pytest.mark.parametrize("name", PROFILES)
def test_measure_words_come_from_the_rules(name):
    """A number opening a line whose unit word (万, 亿) a compound unit follows is a quantity, not a
    heading number in doubt ("35.22 亿卡时，" as references-turn prints it, "1.5 万千瓦时",
    "3.2 亿元人民币"), by the rules' heading_number_measure_words alone: taken out of the rules, the
    same line reads as a heading in doubt; a measure word added only to the rules is read."""
    rules = Rules.load(Path("rules") / name)
    for text in ("35.22 亿卡时，用算力估算 14.09 亿卡时", "1.5 万千瓦时的电量", "3.2 亿元人民币的投资"):
        assert not rules.heading_number_doubt(text)
    assert rules.heading_number_doubt("2.2 万物互联下的格局")
    words = [w for w in rules.data["heading_number_measure_words"] if w != "卡时"]
    without = Rules(data={**rules.data, "heading_number_measure_words": words})
    assert without.heading_number_doubt("35.22 亿卡时，用算力估算")
    assert without.heading_number_doubt("2.4 亿车次的通行量")
    added = Rules(data={**rules.data, "heading_number_measure_words": [*words, "车次"]})
    assert not added.heading_number_doubt("2.4 亿车次的通行量")


def _funding(rules: Rules, sentence: str) -> list[dict]:
    from pipeline.facts import extract_facts
    from pipeline.models import Article, Block, Issue, IssueMeta, Piece

    art = Article(
        seq=1, kind="article", pages=[3], blocks=[Block("paragraph", sentence, [], [Piece(3, (0, 0, 1, 1))])]
    )
    return extract_facts(Issue(IssueMeta("x"), None, [art]), rules)["funding_stats"]


@pytest.mark.parametrize("name", PROFILES)
def test_amount_units_come_from_the_rules(name):
    """A funding sentence's amount is read in the rules' amount_units (compound ones too: 千万元,
    亿元人民币), each scaled to yuan; a unit added only to the rules is read with no change in code,
    and one taken out is read no more."""
    rules = Rules.load(Path("rules") / name)
    said = "据清科研究中心数据显示，2025 年，人工智能行业融资总额约 8500 万元人民币，融资事件 1015 起。"
    (row,) = _funding(rules, said)
    assert (row["printed_amount"], row["amount_unit"], row["amount_cny"]) == (8500.0, "万元人民币", 8.5e7)
    said = "据清科研究中心数据显示，2025 年，人工智能行业融资总额约 3.5 亿元人民币。"
    (row,) = _funding(rules, said)
    assert (row["amount_unit"], row["amount_cny"]) == ("亿元人民币", 3.5e8)
    facts = rules.data["facts"]
    said = "据清科研究中心数据显示，2025 年，人工智能行业融资总额约 4.2 千亿元。"
    assert _funding(rules, said) == []
    added = Rules(
        data={**rules.data, "facts": {**facts, "amount_units": {**facts["amount_units"], "千亿元": 1e11}}}
    )
    (row,) = _funding(added, said)
    assert (row["amount_unit"], row["amount_cny"], row["approximate"]) == ("千亿元", 4.2e11, True)
