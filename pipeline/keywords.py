"""jieba keywords and search tokens per article, with the rules' user dictionary and stop words."""

from __future__ import annotations

import logging
import multiprocessing as mp
import re
from dataclasses import dataclass
from functools import lru_cache
from math import log
from pathlib import Path

from .models import Issue, UnitKind
from .rules import Rules


@dataclass(frozen=True)
class _Idf:
    """What jieba's TF-IDF ranking needs: word -> idf, the median for unseen words, stop words."""

    freq: dict[str, float]
    median: float
    stop_words: frozenset[str]


def _load_idf(idf_path: Path, stop_words: str | None) -> _Idf:
    # read jieba's idf.txt directly: importing jieba.analyse would also build its default TF-IDF
    # and TextRank extractors (POS tagger included), ~0.5 s of loading for tables never used
    freq = {}
    for line in idf_path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.rpartition(" ")
        if word:
            freq[word] = float(value)
    values = sorted(freq.values())
    stops = Path(stop_words).read_text(encoding="utf-8").splitlines() if stop_words else []
    return _Idf(freq, values[len(values) // 2], frozenset(w.strip().lower() for w in stops if w.strip()))


@lru_cache(maxsize=4)
def _tokenizer(user_dict: str | None, stop_words: str | None):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    if user_dict:
        tok.load_userdict(user_dict)
    return tok, _load_idf(Path(jieba.__file__).parent / "analyse" / "idf.txt", stop_words)


def _dict_paths(rules: Rules) -> tuple[str | None, str | None]:
    ud, sw = rules.path("keywords", "user_dict"), rules.path("keywords", "stop_words")
    return (str(ud) if ud and ud.exists() else None, str(sw) if sw and sw.exists() else None)


# jieba's own patterns for what its cut reads as words (re_han_default) and as spaces (re_skip_default)
_RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.UNICODE)
_RE_SKIP = re.compile("(\r\n|\\s)", re.UNICODE)

Body = tuple[int, bool, list[int | str]]  # article seq, is an article, its texts (or their numbers)


def _cut(tok, text: str, memo: dict[str, list[str]] | None = None) -> list[str]:
    """jieba's cut (accurate mode, HMM on), whitespace-only cuts left out: what `tok.cut(text)`
    gives, word for word (tests/test_keywords.py holds the two to each other). Its own code builds
    a dict of lists (get_DAG) and then walks it again with a generator of tuples per character
    (calc): half of the keywords stage. Here one pass finds each position's best word end
    (_best_ends); the rest is jieba's own walk, and its HMM (finalseg) for runs of single
    characters that are no word. One cut per block: jieba never joins words across the line
    break between blocks anyway. memo: the HMM's cuts of runs already cut in this issue (the same
    unknown names and terms come back block after block; the HMM's cut of a run is the same
    wherever it stands)."""
    from jieba import finalseg

    hmm = finalseg.cut if memo is None else _remembered(finalseg.cut, memo)

    words: list[str] = []
    # split with its one group gives the text between runs and the runs in turn: a run at every
    # odd place (what _RE_HAN.match tells of each piece: the text between runs holds none)
    for k, blk in enumerate(_RE_HAN.split(text)):
        if not blk:
            continue
        if k % 2:
            words += _cut_han(tok.FREQ, log(tok.total), blk, hmm)
        else:  # spaces whole, anything else one character at a time (jieba's re_skip)
            for x in _RE_SKIP.split(blk):
                if _RE_SKIP.match(x):
                    words.append(x)
                else:
                    words += x
    return [w for w in words if w.strip()]


def _remembered(hmm, memo: dict[str, list[str]]):
    """hmm with its cuts kept in memo, by the run it cut."""

    def cut(run: str) -> list[str]:
        words = memo.get(run)
        if words is None:
            words = memo[run] = list(hmm(run))
        return words

    return cut


def _best_ends(freq: dict[str, int], logtotal: float, sentence: str) -> list[int]:
    """For each position of sentence, where the word starting there ends (its last index) on
    jieba's most probable path: jieba's get_DAG and calc in one pass from the end, the same sums
    in the same order (log(freq) - logtotal + the best score after the word), a tie going to the
    longer word as calc's max over (score, end) has it."""
    n = len(sentence)
    score: list[float] = [0.0] * (n + 1)
    score[n] = 0  # calc's route[N] = (0, 0)
    ends = [0] * (n + 1)
    get = freq.get
    for k in range(n - 1, -1, -1):
        best, end = None, k
        i = k
        f = get(sentence[k])
        while f is not None:  # the dictionary holds every prefix of its words (frequency 0)
            if f:
                s = log(f) - logtotal + score[i + 1]
                if best is None or s >= best:
                    best, end = s, i
            i += 1
            if i >= n:
                break
            f = get(sentence[k : i + 1])
        if best is None:  # no word starts here: the character alone
            best = log(get(sentence[k]) or 1) - logtotal + score[k + 1]
        score[k], ends[k] = best, end
    return ends


def _cut_han(freq: dict[str, int], logtotal: float, sentence: str, hmm) -> list[str]:
    """jieba's __cut_DAG on a run of Chinese, Latin letters and digits (re_han); hmm: its
    finalseg.cut."""
    ends = _best_ends(freq, logtotal, sentence)
    out: list[str] = []
    buf = ""
    x, n = 0, len(sentence)

    def flush(buf: str) -> None:  # single characters in a row: one, a word, or the HMM's cut
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):
            out.extend(hmm(buf))
        else:
            out.extend(buf)

    while x < n:
        y = ends[x] + 1
        if y - x == 1:
            buf += sentence[x]
        else:
            if buf:
                flush(buf)
                buf = ""
            out.append(sentence[x:y])
        x = y
    if buf:
        flush(buf)
    return out


def _rank(
    bodies: list[Body], cuts: list[list[str]], paths, top_k: int
) -> dict[int, tuple[list[str], list[str]]]:
    """seq -> (keywords, tokens); a body part is a block text, or the number of one already cut."""
    tok, idf = _tokenizer(*paths)
    out = {}
    # one string per distinct word: a volume's millions of tokens are a vocabulary of thousands,
    # and the pickle that carries them back from the helper then sends each word once
    vocabulary: dict[str, str] = {}
    memo: dict[str, list[str]] = {}  # the HMM's cuts, for this issue's blocks
    for seq, is_article, parts in bodies:
        words = [
            vocabulary.setdefault(w, w)
            for p in parts
            for w in (cuts[p] if isinstance(p, int) else _cut(tok, p, memo))
        ]
        out[seq] = (_top_tfidf(words, idf, top_k) if is_article and words else [], words)
    return out


def _serve(conn, paths, top_k: int) -> None:
    tok, _ = _tokenizer(*paths)  # the slow part, done while the parent reads the PDF
    cuts: list[list[str]] = []
    try:
        while True:
            kind, payload = conn.recv()
            if kind == "cut":  # block texts sent ahead: cut while the parent reads the tables
                memo: dict[str, list[str]] = {}
                cuts = [_cut(tok, t, memo) for t in payload]
            else:
                conn.send(_rank(payload, cuts, paths, top_k))
                return
    except EOFError:
        pass
    finally:
        conn.close()


class KeywordPrefetch:
    """jieba's dictionaries take about a second to load in a fresh process: for a one-off ingest a
    forked helper loads them while this process reads the PDF, cuts the block texts while the
    tables are read, then ranks. Where jieba is already loaded or fork is not possible, the work
    is done in-process."""

    def __init__(self, rules: Rules):
        self.paths, self.top_k = _dict_paths(rules), rules.get("keywords", "top_k", default=8)
        self.conn = self.proc = None
        self.sent: dict[int, tuple[int, str]] = {}  # id(block) -> (number, text) of texts sent ahead
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

    def send_ahead(self, issue: Issue) -> None:
        """Hand the helper every block text now; later stages only drop blocks."""
        if self.conn is None:
            return
        blocks = [b for art in issue.articles for b in _blocks(art)]
        self.sent = {id(b): (i, b.text) for i, b in enumerate(blocks)}
        try:
            self.conn.send(("cut", [b.text for b in blocks]))
        except OSError:
            self.close()

    def analyse(self, issue: Issue) -> dict[int, tuple[list[str], list[str]]]:
        if self.conn is not None:
            try:
                self.conn.send(("rank", _bodies(issue, self._part)))
                return self.conn.recv()
            except (EOFError, OSError):
                pass  # the helper died: do it here
            finally:
                self.close()
        return _rank(_bodies(issue), [], self.paths, self.top_k)

    def _part(self, block) -> int | str:
        number, text = self.sent.get(id(block), (None, None))
        return number if number is not None and text == block.text else block.text

    def close(self) -> None:
        """Done or given up (the PDF failed): the helper has nothing left worth waiting for."""
        if self.proc is not None:
            self.conn.close()
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join()
            self.conn = self.proc = None


def _blocks(art) -> list:
    return art.blocks + [b for it in art.items for b in it.blocks]


def _bodies(issue: Issue, part=lambda block: block.text) -> list[Body]:
    return [
        (art.seq, art.kind == UnitKind.ARTICLE, [part(b) for b in _blocks(art)]) for art in issue.articles
    ]


def add_keywords(
    issue: Issue, rules: Rules, prefetch: KeywordPrefetch | None = None
) -> tuple[Issue, dict[int, list[str]]]:
    """Returns the issue with keywords set and article seq -> the jieba tokens of its body, in
    order (whitespace-only cuts left out)."""
    if prefetch is not None:
        result = prefetch.analyse(issue)
    else:
        result = _rank(_bodies(issue), [], _dict_paths(rules), rules.get("keywords", "top_k", default=8))
    tokens = {}
    for art in issue.articles:
        art.keywords, words = result[art.seq]
        tokens[art.seq] = [w for w in words if w.strip()]
    return issue, tokens


_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a year or a number is not a keyword


def _top_tfidf(words: list[str], idf: _Idf, top_k: int) -> list[str]:
    """jieba's TF-IDF ranking (extract_tags) over words already cut, stop words left out."""
    freq: dict[str, float] = {}
    refused: set[str] = set()  # each distinct word tested once (an article repeats its words)
    for w in words:
        if w in freq:
            freq[w] += 1.0
        elif w not in refused:
            if len(w.strip()) >= 2 and _WORDLIKE.search(w) and w.lower() not in idf.stop_words:
                freq[w] = 1.0
            else:
                refused.add(w)
    weight = {w: n * idf.freq.get(w, idf.median) for w, n in freq.items()}
    return sorted(weight, key=lambda w: (-weight[w], w))[:top_k]
