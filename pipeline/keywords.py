"""jieba keywords and search tokens per article, with the rules' user dictionary and stop words."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from .models import Issue
from .rules import Rules


@lru_cache(maxsize=4)
def _tokenizer(user_dict: str | None, stop_words: str | None):
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    if user_dict:
        tok.load_userdict(user_dict)
    extractor = jieba.analyse.TFIDF()
    extractor.tokenizer = tok
    extractor.postokenizer = None
    if stop_words:
        extractor.set_stop_words(stop_words)
    return tok, extractor


def add_keywords(issue: Issue, rules: Rules) -> tuple[Issue, dict[int, str]]:
    """Returns the issue with keywords set and article seq -> space-separated tokens of its body."""
    ud, sw = rules.path("keywords", "user_dict"), rules.path("keywords", "stop_words")
    tok, extractor = _tokenizer(
        str(ud) if ud and ud.exists() else None, str(sw) if sw and sw.exists() else None
    )
    top_k = rules.get("keywords", "top_k", default=8)
    tokens = {}
    for art in issue.articles:
        body = "\n".join(b.text for b in art.blocks + [b for it in art.items for b in it.blocks])
        words = [w for w in tok.cut(body) if w.strip()]  # cut once: tokens and TF-IDF share it
        if art.kind == "article" and words:
            art.keywords = _top_tfidf(words, extractor, top_k)
        tokens[art.seq] = " ".join(words)
    return issue, tokens


_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a year or a number is not a keyword


def _top_tfidf(words: list[str], extractor, top_k: int) -> list[str]:
    """jieba's TF-IDF ranking (extract_tags) over words already cut, stop words left out."""
    freq: dict[str, float] = {}
    for w in words:
        if len(w.strip()) >= 2 and _WORDLIKE.search(w) and w.lower() not in extractor.stop_words:
            freq[w] = freq.get(w, 0.0) + 1.0
    weight = {w: n * extractor.idf_freq.get(w, extractor.median_idf) for w, n in freq.items()}
    return sorted(weight, key=lambda w: (-weight[w], w))[:top_k]
