"""keywords._cut is jieba's cut, word for word, only faster: held to tok.cut on real text."""

import re

import jieba
import pymupdf
import pytest

from pipeline import keywords
from pipeline.rules import Rules

FIXTURES = ["data/raw/issue-2026-v2n1-classic.pdf", "tests/fixtures/latex-academic.pdf"]


@pytest.fixture(scope="module")
def tok():
    return keywords._tokenizer(*keywords._dict_paths(Rules.load()))[0]


def test_the_patterns_are_jiebas():
    assert keywords._RE_HAN.pattern == jieba.re_han_default.pattern
    assert keywords._RE_SKIP.pattern == jieba.re_skip_default.pattern
    assert keywords._RE_HAN.flags == jieba.re_han_default.flags


def _jieba(tok, text):
    return [w for w in tok.cut(text) if w.strip()]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \u3000\r\n",
        "国际科技促进会在北京召开2026年度理事会，会议审议通过了《章程》修订案。",
        "AI-for-Science 12.5% 的增长 C++ & C# a.b_c",
        "一二三四五六七八九十百千万亿",  # single characters in a row
        "他说：“犇羴鱻”——靐龘齉。",  # rare characters the dictionary does not hold (the HMM's cut)
        "𠀀字\x00\t尾",  # outside re_han, control characters
    ],
)
def test_cut_matches_jieba_on_edge_texts(tok, text):
    assert keywords._cut(tok, text) == _jieba(tok, text)


def test_cut_matches_jieba_on_the_fixtures_text(tok):
    texts = []
    for path in FIXTURES:
        with pymupdf.open(path) as doc:
            texts += [t for page in doc for t in re.split(r"\n{2,}", page.get_text())]
    assert sum(map(len, texts)) > 50_000  # enough text to meet every branch
    mismatched = [t for t in texts if keywords._cut(tok, t) != _jieba(tok, t)]
    assert mismatched == []
    # with the HMM's cuts remembered over the texts, as an issue's blocks are cut
    memo: dict[str, list[str]] = {}
    assert [t for t in texts if keywords._cut(tok, t, memo) != _jieba(tok, t)] == []
    assert memo  # runs the HMM cut were met
