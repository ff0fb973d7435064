"""An enumeration's points read from how paragraphs open (rules' ordinal_patterns, ordinals.py):
the evidence that joins a jump's rest printed with no in line after a part ending a sentence."""

from __future__ import annotations

from pipeline.ordinals import carries_on, ordinal
from pipeline.rules import Rules


def test_the_next_point_of_the_same_form_carries_the_enumeration_on():
    rules = Rules.load()
    for before, after in (
        ("二是需体现司法程序的独立价值。", "三是事实认定依赖证据链。"),
        ("其一，明确技术路线。", "其二，构建四层技术体系。"),
        ("第二，完善制度。", "第三，强化平台。"),
        ("九、其他事项", "十、附则"),
        ("十九、某某", "二十、某某"),
        ("（2）算力短缺。", "（3）数据不足。"),
        ("9. 某某", "10. 某某"),
        ("②某某", "③某某"),
    ):
        assert carries_on(before, after, rules), (before, after)


def test_a_gap_another_form_or_no_number_is_no_enumeration_going_on():
    rules = Rules.load()
    assert not carries_on("二是……", "四是……", rules)  # a point skipped
    assert not carries_on("一是……", "一是……", rules)
    assert not carries_on("1. 某某", "（2）某某", rules)  # another form
    assert not carries_on("二是……", "三年来，园区……", rules)  # 三年 opens no point
    assert not carries_on("报告中，张钹院士……", "三是……", rules)
    assert ordinal("2025年，某某", rules) is None  # a year is no point's number
    assert ordinal("十二是", rules) == (0, 12) and ordinal("二十一、", rules) == (3, 21)
    assert not carries_on("二是……", "三是……", Rules(data={**rules.data, "ordinal_patterns": []}))
