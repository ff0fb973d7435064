"""The points of an enumeration in running text (一是…二是…三是…, 其一，…, （1）…), read from
how each paragraph opens (the rules' ordinal_patterns): a paragraph opening with the next number
of the form the paragraph before it opened with carries that enumeration on. Evidence that two
pieces of text are one, where nothing else joins them: a jump's rest printed with no in line,
after a part that ended a sentence (jumps.py)."""

from __future__ import annotations

import re

from .rules import Rules

_CHINESE_DIGITS = {c: k for k, c in enumerate("一二三四五六七八九", start=1)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _patterns(rules: Rules) -> list[re.Pattern]:
    return rules.derived(
        "ordinal_patterns", lambda r: [re.compile(p) for p in r.get("ordinal_patterns") or []]
    )


def _number(n: str) -> int | None:
    """一 … 九十九, 1 … 99, ① … ⑳ as a number; None when it is none of them."""
    if n.isascii() and n.isdigit():
        return int(n)
    if n in _CIRCLED:
        return _CIRCLED.index(n) + 1
    if n == "十":
        return 10
    tens, ten, units = n.partition("十")
    if not ten:
        return _CHINESE_DIGITS.get(n) if len(n) == 1 else None
    high = _CHINESE_DIGITS.get(tens, 0) if tens else 1
    low = _CHINESE_DIGITS.get(units, 0) if units else 0
    return high * 10 + low if (not tens or high) and (not units or low) else None


def ordinal(text: str, rules: Rules) -> tuple[int, int] | None:
    """(which form, which number) the text opens an enumeration's point with; None when it does not."""
    for k, pat in enumerate(_patterns(rules)):
        m = pat.match(text)
        if m and (n := _number(m.group("n"))) is not None:
            return k, n
    return None


def carries_on(before: str, after: str, rules: Rules) -> bool:
    """`after` opens the next point of the enumeration `before` opened a point of: the same form,
    the next number (二是 -> 三是, （2） -> （3）)."""
    a, b = ordinal(before, rules), ordinal(after, rules)
    return a is not None and b is not None and a[0] == b[0] and b[1] == a[1] + 1
