"""jieba keywords and search tokens per article, with the rules' user dictionary and stop words."""

from __future__ import annotations

import logging
import multiprocessing as mp
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


def _dict_paths(rules: Rules) -> tuple[str | None, str | None]:
    ud, sw = rules.path("keywords", "user_dict"), rules.path("keywords", "stop_words")
    return (str(ud) if ud and ud.exists() else None, str(sw) if sw and sw.exists() else None)


def _analyse(
    bodies: list[tuple[int, bool, str]], paths, top_k: int
) -> dict[int, tuple[list[str], list[str]]]:
    """seq -> (keywords, tokens); one jieba cut per body feeds both."""
    tok, extractor = _tokenizer(*paths)
    out = {}
    for seq, is_article, body in bodies:
        words = [w for w in tok.cut(body) if w.strip()]
        out[seq] = (_top_tfidf(words, extractor, top_k) if is_article and words else [], words)
    return out


def _serve(conn, paths, top_k: int) -> None:
    _tokenizer(*paths)  # the slow part, done while the parent reads the PDF
    try:
        conn.send(_analyse(conn.recv(), paths, top_k))
    except EOFError:
        pass
    finally:
        conn.close()


class KeywordPrefetch:
    """jieba's dictionaries take about a second to load in a fresh process: for a one-off ingest a
    forked helper loads them while this process reads the PDF, then does the cutting. Where jieba
    is already loaded or fork is not possible, the work is done in-process."""

    def __init__(self, rules: Rules):
        self.paths, self.top_k = _dict_paths(rules), rules.get("keywords", "top_k", default=8)
        self.conn = self.proc = None
        if _tokenizer.cache_info().currsize or "fork" not in mp.get_all_start_methods():
            return
        try:
            ctx = mp.get_context("fork")
            self.conn, child = ctx.Pipe()
            self.proc = ctx.Process(target=_serve, args=(child, self.paths, self.top_k), daemon=True)
            self.proc.start()
            child.close()
        except (AssertionError, OSError):  # e.g. inside a daemonic worker, which may not fork children
            self.conn = self.proc = None

    def analyse(self, bodies: list[tuple[int, bool, str]]) -> dict[int, tuple[list[str], list[str]]]:
        if self.conn is not None:
            try:
                self.conn.send(bodies)
                return self.conn.recv()
            except (EOFError, OSError):
                pass  # the helper died: do it here
            finally:
                self.close()
        return _analyse(bodies, self.paths, self.top_k)

    def close(self) -> None:
        """Done or given up (the PDF failed): the helper has nothing left worth waiting for."""
        if self.proc is not None:
            self.conn.close()
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join()
            self.conn = self.proc = None


def add_keywords(
    issue: Issue, rules: Rules, prefetch: KeywordPrefetch | None = None
) -> tuple[Issue, dict[int, str]]:
    """Returns the issue with keywords set and article seq -> space-separated tokens of its body."""
    bodies = [
        (
            art.seq,
            art.kind == "article",
            "\n".join(b.text for b in art.blocks + [b for it in art.items for b in it.blocks]),
        )
        for art in issue.articles
    ]
    if prefetch is not None:
        result = prefetch.analyse(bodies)
    else:
        result = _analyse(bodies, _dict_paths(rules), rules.get("keywords", "top_k", default=8))
    tokens = {}
    for art in issue.articles:
        art.keywords, words = result[art.seq]
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
