"""Small text helpers shared by the stages that read titles (segmentation, contents)."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def strip_dash(text: str) -> str:
    """ "——科促会五届五次会员大会…" -> the subtitle itself (the dash is typography)."""
    return text.strip().lstrip("—–-").strip()


def squeeze(text: str | None) -> str:
    """Text without whitespace: titles are compared the way the key compares them."""
    return _SPACE.sub("", text or "")
