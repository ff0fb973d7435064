"""jieba keywords and search tokens per article, with the rules' user dictionary and stop words."""

from __future__ import annotations

import logging
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
    stop = extractor.stop_words
    tokens = {}
    for art in issue.articles:
        body = "\n".join(b.text for b in art.blocks)
        if art.kind == "article" and body:
            art.keywords = [w for w in extractor.extract_tags(body, topK=top_k * 2) if w not in stop][:top_k]
        tokens[art.seq] = " ".join(w for w in tok.cut(body) if w.strip())
    return issue, tokens
