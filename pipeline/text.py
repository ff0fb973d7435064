"""Small text helpers shared by the stages (segmentation, contents, layout, confidence)."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def strip_dash(text: str) -> str:
    """ "——科促会五届五次会员大会…" -> the subtitle itself (the dash is typography)."""
    return text.strip().lstrip("—–-").strip()


def squeeze(text: str | None) -> str:
    """Text without whitespace: titles are compared the way the key compares them."""
    return _SPACE.sub("", text or "")


# what ends a sentence, and what ends a clause a line may stop at (a sentence, a colon, a semicolon,
# an ellipsis, a Latin full stop)
SENTENCE_STOPS = "。！？!?"
CLAUSE_STOPS = SENTENCE_STOPS + "…：:；;."
_CLOSERS = "”’」』）)》\"'"


def ends_with_stop(text: str, stops: str = CLAUSE_STOPS) -> bool:
    """The text ends in one of stops, possibly inside closing quotes or brackets (。” ！）); a
    closing quote alone (“…技术”获奖) ends nothing."""
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in stops
