"""Typed facts read from the sentences and tables of every unit that holds body text.

extract_facts(issue, rules) -> {fact table: [row]}; every row carries where it was read:
article_seq (datasets turns it into article_id), page, and either table_index + row (+ col) of
the cells or the block_seq of the sentence, and source (the sentence or cells as printed), next to
its typed fields. The patterns read a normalised text (spaces between Chinese and Latin/digits
dropped, full-width digits made ASCII: "天使轮 662 起", "２０２０年" are what was written);
sources are cut from the text as printed. All patterns, word lists, units and source names come
from the rules file's `facts:` section. Columns and conventions: docs/DATA.md.

- investment_rounds: stage, deal_count, share (fraction), year, data_source
- funding_stats: data_source, scope, company_count, deal_count, amount_cny (yuan, and as printed),
  as_of (date + precision), approximate
- standards_counts: organisation, level, status, count, approximate, as_of, period (dates + precision)
- standard_refs: code, title
- policies: issuer, date (+ precision), title
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .datasets import body_blocks
from .dates import typed_date
from .models import Article, Issue, Role, Table
from .rules import Rules

FACT_TABLES = ("investment_rounds", "funding_stats", "standards_counts", "standard_refs", "policies")
# The spaces a typesetter puts between Chinese and Latin letters or digits ("天使轮 662 起", "A 轮"),
# or around Chinese punctuation, are not part of what was written; a space between two Chinese
# characters may be ("信息与文献 参考文献著录规则") and stays.
_IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019"
_ALNUM = "A-Za-z0-9%\uff05\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_DASH = "-\u2010\u2013\u2014\uff0d"
_SCRIPT_SPACE = re.compile(
    rf"(?<=[{_IDEO}])[^\S\n]+(?=[{_ALNUM}])|(?<=[{_ALNUM}])[^\S\n]+(?=[{_IDEO}])"
    rf"|(?<=[{_PUNCT}])[^\S\n]+|[^\S\n]+(?=[{_PUNCT}])"
    # ... and a line broken at a hyphen between digits leaves one in the text layer ("994- 2025")
    rf"|(?<=\d[{_DASH}])[^\S\n]+(?=\d)|(?<=\d)[^\S\n]+(?=[{_DASH}]\d)"
)
# full-width digits, Latin letters and ％ read as their ASCII forms (２０２０ -> 2020)
_FULLWIDTH = {
    c: chr(c - 0xFEE0)
    for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05]
}


@dataclass
class _Text:
    """A unit's body as one string, normalised for the patterns (spaces between scripts dropped,
    full-width digits made ASCII), with where each character was printed: for every normalised
    character its offset in `printed` (the same text as printed), and each block's start."""

    text: str
    printed: str
    origin: list[int]  # normalised offset -> offset in printed
    starts: list[tuple[int, int, int]]  # (offset, page, block_seq) of every block

    def where(self, offset: int) -> dict:
        """page and block_seq of the block holding the normalised offset."""
        page, seq = None, None
        for start, p, s in self.starts:
            if start > offset:
                break
            page, seq = p, s
        return {"page": page, "block_seq": seq}

    def verbatim(self, start: int, end: int) -> str:
        """The printed text of the normalised span [start, end) (its spaces and full-width forms)."""
        if end <= start:
            return ""
        return self.printed[self.origin[start] : self.origin[end - 1] + 1]


def normalise(text: str) -> tuple[str, list[int]]:
    """(text as the patterns read it, offset in text of each of its characters)."""
    kept, at = [], 0  # the pieces between the spaces dropped (matches in order, none empty)
    for m in _SCRIPT_SPACE.finditer(text):
        if m.start() > at:
            kept.append((at, m.start()))
        at = m.end()
    if at == 0:  # the usual text: no space to drop, every character where it was printed
        return text.translate(_FULLWIDTH), list(range(len(text)))
    if at < len(text):
        kept.append((at, len(text)))
    origin = [i for a, b in kept for i in range(a, b)]
    return "".join(text[a:b] for a, b in kept).translate(_FULLWIDTH), origin


def _article_text(art: Article, rules: Rules) -> _Text:
    """Blocks joined; a block that does not end a sentence (rules' facts.block_end_pattern) runs on
    into the next one (a list item cut from its continuation by the layout stage reads as one
    sentence again)."""
    ends = _re(rules, "block_end_pattern")
    out, printed, origin, starts = "", "", [], []
    prev_heading = False
    for seq, (_, b) in enumerate(body_blocks(art)):
        t = b.text.strip()
        if not t:
            continue
        if out and (prev_heading or (ends is not None and ends.search(out))):
            out += "\n"
            origin.append(len(printed))
            printed += "\n"
        norm, where = normalise(t)
        starts.append((len(out), b.page, seq))
        origin += map(len(printed).__add__, where)  # (no Python step per character)
        out += norm
        printed += t
        prev_heading = b.role not in (Role.PARAGRAPH, Role.LIST_ITEM)
    return _Text(out, printed, origin, starts)


def _sentences(doc: _Text, rules: Rules):
    """(offset, sentence) of each sentence of the text (rules' facts.sentence_pattern)."""
    pattern = _re(rules, "sentence_pattern")
    if pattern is None:
        return
    for m in pattern.finditer(doc.text):
        s = m.group(0)
        lead = len(s) - len(s.lstrip())
        s = s.strip()
        if s:
            yield m.start() + lead, s


def _from_text(art: Article, doc: _Text, start: int, sentence: str) -> dict:
    """The keys of a fact read from a sentence: article, page, block, and the sentence as printed."""
    return dict(article_seq=art.seq, **doc.where(start), source=doc.verbatim(start, start + len(sentence)))


def _num(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _date(m: re.Match | None) -> tuple[str | None, str | None]:
    """(ISO date, precision) of a matched date; 年底 (year's end) is its December."""
    if not m:
        return None, None
    y = int(m.group("y"))
    mo = m.groupdict().get("m") or ("12" if m.groupdict().get("end") else None)
    return typed_date(y, int(mo) if mo else None)


def _re(rules: Rules, key: str) -> re.Pattern | None:
    """The rules' facts pattern under key, compiled once per rules; its {units} (where it says so)
    the rules' amount_units, longest first: a unit added to the rules is read with no other change."""

    def build(r: Rules) -> re.Pattern | None:
        p = r.get("facts", key)
        if not p:
            return None
        if "{units}" in p:
            units = sorted(r.get("facts", "amount_units", default={}) or {}, key=len, reverse=True)
            p = p.replace("{units}", "|".join(re.escape(u) for u in units) or "(?!)")
        return re.compile(p)

    return rules.derived(f"facts:{key}", build)


def _no_titles(text: str, rules: Rules) -> str:
    """Blank out quoted titles (rules' facts.title_quote_pattern, 《…》): a year in a report's name
    is not the date of the figure."""
    pattern = _re(rules, "title_quote_pattern")
    return pattern.sub(lambda m: " " * len(m.group(0)), text) if pattern else text


# ---------------------------------------------------------------- funding statistics
def _funding(art: Article, doc: _Text, rules: Rules) -> list[dict]:
    src_re = _re(rules, "funding_source_pattern")
    if src_re is None:
        return []
    comp_re, deal_re = _re(rules, "funding_company_pattern"), _re(rules, "funding_deal_pattern")
    amt_re, scope_re = _re(rules, "funding_amount_pattern"), _re(rules, "funding_scope_pattern")
    date_re = _re(rules, "date_pattern")
    units = rules.get("facts", "amount_units", default={}) or {}
    rows = []
    for off, s in _sentences(doc, rules):
        m = src_re.search(s)
        if not m:
            continue
        rest = _no_titles(s[m.end() :], rules)
        company = deal = amount = printed = unit = None
        approx = False
        if comp_re and (c := comp_re.search(rest)):
            company = int(c.group("n") or c.group("n2"))
        if deal_re and (d := deal_re.search(rest)):
            deal = int(d.group("n"))
        if amt_re and (a := amt_re.search(rest)):
            printed, unit = float(a.group("num")), a.group("unit")
            amount = printed * float(units.get(unit, 1))
            approx = bool(a.group("approx") or a.group("approx2"))
        if company is None and deal is None and amount is None:
            continue
        scope = scope_re.search(rest) if scope_re else None
        as_of, precision = _date(date_re.search(rest)) if date_re else (None, None)
        rows.append(
            dict(
                **_from_text(art, doc, off, s),
                data_source=m.group("source").strip(),
                scope=scope.group("scope").strip() if scope else None,
                company_count=company,
                deal_count=deal,
                amount_cny=amount,
                printed_amount=printed,
                amount_unit=unit,
                as_of=as_of,
                as_of_precision=precision,
                approximate=approx,
            )
        )
    return rows


# ---------------------------------------------------------------- investment rounds
def _label_in(text: str, words: list[str]) -> bool:
    t = re.sub(r"\s+", "", text)
    return any(t.startswith(w) for w in words)


def _rounds(art: Article, doc: _Text, rules: Rules, funding: list[dict]) -> list[dict]:
    spec = rules.get("facts", "round_table", default={}) or {}
    stages = sorted(rules.get("facts", "round_stages", default=[]) or [], key=len, reverse=True)
    ctx_re = _re(rules, "context_source_pattern")
    source = None
    if ctx_re and (m := ctx_re.search(doc.text)):
        source = m.group("source").strip()
    year = None
    if source:
        # the year of the same source's own total, when the article gives one
        same = [
            f
            for f in funding
            if f["data_source"] and (source in f["data_source"] or f["data_source"] in source)
        ]
        if same and same[0]["as_of"]:
            year = int(same[0]["as_of"][:4])  # the year the source's figures are for
    rows: list[dict] = []
    seen: set[tuple[str, int | None]] = set()
    for t_idx, t in enumerate(art.tables):
        if not t.header or not _label_in(t.header[0], spec.get("stage_header", [])):
            continue
        count_at = next(
            (i for i, r in enumerate(t.rows) if r and _label_in(r[0], spec.get("count_label", []))), None
        )
        share_at = next(
            (i for i, r in enumerate(t.rows) if r and _label_in(r[0], spec.get("share_label", []))), None
        )
        count_row = t.rows[count_at] if count_at is not None else None
        share_row = t.rows[share_at] if share_at is not None else None
        for c, stage in enumerate(t.header[1:], start=1):
            count = None
            if count_row and c < len(count_row):
                count = _num(re.sub(r"[^\d.]", "", normalise(count_row[c])[0]))
            share = None
            if share_row and c < len(share_row):
                if (v := _num(normalise(share_row[c])[0].strip().rstrip("%"))) is not None:
                    share = round(v / 100, 6)
            at = count_at if count_at is not None else share_at
            rows.append(
                dict(
                    article_seq=art.seq,
                    page=t.page,
                    table_index=t_idx,
                    row=at + 1 if at is not None else None,  # table_cells rows: 0 is the header
                    col=c,
                    source=" | ".join(
                        x
                        for x in (stage, count_row[c] if count_row else "", share_row[c] if share_row else "")
                        if x
                    ),
                    stage=stage,
                    deal_count=int(count) if count is not None else None,
                    share=share,
                    year=year,
                    data_source=source,
                )
            )
            seen.add((stage, int(count) if count is not None else None))
    pat = rules.get("facts", "round_text_pattern")
    if pat and stages:
        txt_re = re.compile(pat.replace("{stages}", "|".join(re.escape(s) for s in stages)))
        for off, s in _sentences(doc, rules):
            for m in txt_re.finditer(s):
                key = (m.group("stage"), int(m.group("count")))
                if key in seen:
                    continue
                seen.add(key)
                share = _num(m.group("share"))
                rows.append(
                    dict(
                        **_from_text(art, doc, off, s),
                        stage=key[0],
                        deal_count=key[1],
                        share=round(share / 100, 6) if share is not None else None,
                        year=year,
                        data_source=source,
                    )
                )
    return rows


# ---------------------------------------------------------------- standards
def _level(text: str, levels: dict[str, list[str]]) -> list[tuple[int, str]]:
    found = []
    for level, words in levels.items():
        for w in words:
            for m in re.finditer(re.escape(w), text):
                found.append((m.start(), level))
    return sorted(found)


def _standards(art: Article, doc: _Text, rules: Rules) -> list[dict]:
    specs = rules.get("facts", "standards_counts", default=[]) or []
    levels = rules.get("facts", "standards_levels", default={}) or {}
    orgs = rules.get("facts", "organisations", default=[]) or []
    ctx = int(rules.get("facts", "standards_context_chars", default=40))
    as_of_re, period_re = _re(rules, "standards_as_of_pattern"), _re(rules, "standards_period_pattern")
    approx_marks = rules.get("facts", "approximate_markers", default=[]) or []
    context_words = rules.get("facts", "standards_context_words", default=[]) or []
    compiled = [(s["status"], re.compile(s["pattern"])) for s in specs]
    rows, seen, order = [], set(), []
    text = doc.text
    for status, pat in compiled:
        for m in pat.finditer(text):
            if (m.start("count"), status) in seen:
                continue
            before = text[max(0, m.start() - ctx) : m.start()]
            inside = _level(m.group(0), levels)
            near = _level(before, levels)
            if not inside and not near and not any(w in before + m.group(0) for w in context_words):
                continue
            seen.add((m.start("count"), status))
            lv = (
                sorted({lv for _, lv in inside}, key=list(levels).index)
                if inside
                else ([near[-1][1]] if near else [])
            )
            para_start = text.rfind("\n", 0, m.start()) + 1
            para = text[para_start : m.start()]
            org = None
            for o in orgs:
                i = para.rfind(o)
                if i >= 0 and (org is None or i + len(o) > org[0]):
                    org = (i + len(o), o)
            sent_start = max(text.rfind(c, 0, m.start()) for c in "。！？\n") + 1
            sentence = text[sent_start : m.start()]
            as_of, as_of_precision = _date(as_of_re.search(sentence)) if as_of_re else (None, None)
            period, period_precision = None, None
            if as_of is None and period_re:
                years = list(period_re.finditer(para))
                if years:  # the year the count was reached in
                    period, period_precision = typed_date(int(years[-1].group("y")))
            groups = m.groupdict()
            approx = bool(groups.get("approx") or groups.get("approx2")) or any(
                text[max(0, m.start("count") - len(a)) : m.start("count")] == a for a in approx_marks
            )
            end = text.find("。", m.end())
            end = end + 1 if end >= 0 else len(text)
            while sent_start < end and text[sent_start].isspace():
                sent_start += 1
            rows.append(
                dict(
                    **_from_text(art, doc, sent_start, text[sent_start:end].rstrip()),
                    organisation=org[1] if org else None,
                    level="+".join(lv) if lv else None,
                    status=status,
                    count=int(m.group("count")),
                    approximate=approx,
                    as_of=as_of,
                    as_of_precision=as_of_precision,
                    period=period,
                    period_precision=period_precision,
                )
            )
            order.append(sent_start)
    ranked = sorted(range(len(rows)), key=lambda i: (rows[i]["page"] or 0, order[i]))
    return [rows[i] for i in ranked]


def _standard_refs(art: Article, doc: _Text, rules: Rules) -> list[dict]:
    ref_re = _re(rules, "standard_ref_pattern")
    if ref_re is None:
        return []
    rows = []
    for off, s in _sentences(doc, rules):
        for m in ref_re.finditer(s):
            rows.append(
                dict(
                    **{**_from_text(art, doc, off, s), **doc.where(off + m.start())},
                    code=re.sub(r"\s+", " ", m.group("code")).strip(),
                    title=m.group("title"),
                )
            )
    return rows


# ---------------------------------------------------------------- policies
def _norm_date(text: str, rules: Rules) -> tuple[str | None, str | None]:
    """(ISO date, precision) of '2025年9月' / '2025 年' (rules' facts.date_pattern)."""
    pattern = _re(rules, "date_pattern")
    return _date(pattern.search(normalise(text)[0])) if pattern else (None, None)


def _policy_table(art: Article, t_idx: int, t: Table, spec: dict, rules: Rules) -> list[dict]:
    def col(words):
        return next((i for i, h in enumerate(t.header) if _label_in(h, words)), None)

    d, i, ti = (
        col(spec.get("date_header", [])),
        col(spec.get("issuer_header", [])),
        col(spec.get("title_header", [])),
    )
    if ti is None or (d is None and i is None):
        return []
    rows = []
    for k, r in enumerate(t.rows):
        date, precision = _norm_date(r[d], rules) if d is not None else (None, None)
        rows.append(
            dict(
                article_seq=art.seq,
                page=t.page,
                table_index=t_idx,
                row=k + 1,  # table_cells rows: 0 is the header
                source=" | ".join(r),
                issuer=r[i] if i is not None else None,
                date=date,
                date_precision=precision,
                title=r[ti].strip().strip("《》"),
            )
        )
    return rows


def _policies(art: Article, doc: _Text, rules: Rules) -> list[dict]:
    spec = rules.get("facts", "policy_table", default={}) or {}
    rows = [row for k, t in enumerate(art.tables) for row in _policy_table(art, k, t, spec, rules)]
    exclude = rules.get("facts", "policy_title_exclude", default=[]) or []
    pats = rules.derived(
        "facts:policy_patterns",
        lambda r: [re.compile(p) for p in r.get("facts", "policy_patterns", default=[]) or []],
    )
    seen = {(r["title"], r["date"]) for r in rows}
    trim = rules.get("facts", "policy_issuer_trim", default=[]) or []
    for off, s in _sentences(doc, rules):
        for pat in pats:
            for m in pat.finditer(s):
                title = m.group("title")
                if any(title.endswith(x) for x in exclude):
                    continue
                date, precision = _norm_date(m.group("date"), rules)
                issuer = m.group("issuer").strip()
                for cut in trim:
                    if cut in issuer:
                        issuer = issuer.rsplit(cut, 1)[1]
                if not issuer:
                    continue
                if (title, date) in seen:
                    continue
                seen.add((title, date))
                rows.append(
                    dict(
                        **_from_text(art, doc, off, s),
                        issuer=issuer,
                        date=date,
                        date_precision=precision,
                        title=title,
                    )
                )
    return rows


def extract_facts(issue: Issue, rules: Rules) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {name: [] for name in FACT_TABLES}
    for art in issue.articles:
        if not art.blocks and not art.items and not art.tables:
            continue  # nothing printed as body text (the contents unit keeps its text in toc)
        doc = _article_text(art, rules)
        funding = _funding(art, doc, rules)
        out["funding_stats"] += funding
        out["investment_rounds"] += _rounds(art, doc, rules, funding)
        out["standards_counts"] += _standards(art, doc, rules)
        out["standard_refs"] += _standard_refs(art, doc, rules)
        out["policies"] += _policies(art, doc, rules)
    return out
