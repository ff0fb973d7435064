"""Typed facts read from the articles' sentences and tables.

extract_facts(issue, rules) -> {fact table: [row]}; every row carries article_seq (datasets turns
it into article_id), page and source (the printed sentence or cell) next to its typed fields.
All patterns, word lists, units and source names come from the rules file's `facts:` section.

- investment_rounds: stage, deal_count, share (0-1), year, data_source
- funding_stats: data_source, scope, company_count, deal_count, amount_cny (yuan), as_of, approximate
- standards_counts: organisation, level, status, count, approximate, as_of, period
- standard_refs: code, title
- policies: issuer, date, title
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Article, Issue, Table
from .rules import Rules

FACT_TABLES = ("investment_rounds", "funding_stats", "standards_counts", "standard_refs", "policies")
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


@dataclass
class _Text:
    """An article's body as one string, with the page each character came from."""

    text: str
    starts: list[tuple[int, int]]  # (offset, page) of every block

    def page_at(self, offset: int) -> int | None:
        page = None
        for start, p in self.starts:
            if start > offset:
                break
            page = p
        return page


def _article_text(art: Article) -> _Text:
    """Blocks joined; a block that does not end a sentence runs on into the next one (a list
    item cut from its continuation by the layout stage reads as one sentence again)."""
    out, starts = "", []
    blocks = list(art.blocks) + [b for it in art.items for b in it.blocks]
    prev_heading = False
    for b in blocks:
        t = b.text.strip()
        if not t:
            continue
        if out and (prev_heading or re.search(r"[。！？；：:）)]$", out)):
            out += "\n"
        starts.append((len(out), b.page))
        out += t
        prev_heading = b.role not in ("paragraph", "list_item")
    return _Text(out, starts)


def _sentences(doc: _Text):
    for m in _SENTENCE.finditer(doc.text):
        s = m.group(0).strip()
        if s:
            yield m.start(), s


def _num(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _date(m: re.Match | None) -> str | None:
    if not m:
        return None
    y = m.group("y")
    mo = m.groupdict().get("m") or ("12" if m.groupdict().get("end") else None)
    return f"{int(y):04d}-{int(mo):02d}" if mo else y


def _re(rules: Rules, key: str) -> re.Pattern | None:
    p = rules.get("facts", key)
    return re.compile(p) if p else None


def _no_titles(text: str) -> str:
    """Blank out 《…》 titles (a year in a report's name is not the date of the figure)."""
    return re.sub(r"《[^》]*》", lambda m: " " * len(m.group(0)), text)


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
    for off, s in _sentences(doc):
        m = src_re.search(s)
        if not m:
            continue
        rest = _no_titles(s[m.end() :])
        company = deal = amount = None
        approx = False
        if comp_re and (c := comp_re.search(rest)):
            company = int(c.group("n") or c.group("n2"))
        if deal_re and (d := deal_re.search(rest)):
            deal = int(d.group("n"))
        if amt_re and (a := amt_re.search(rest)):
            amount = float(a.group("num")) * float(units.get(a.group("unit"), 1))
            approx = bool(a.group("approx") or a.group("approx2"))
        if company is None and deal is None and amount is None:
            continue
        scope = scope_re.search(rest) if scope_re else None
        rows.append(
            dict(
                article_seq=art.seq,
                page=doc.page_at(off),
                source=s,
                data_source=m.group("source").strip(),
                scope=scope.group("scope").strip() if scope else None,
                company_count=company,
                deal_count=deal,
                amount_cny=amount,
                as_of=_date(date_re.search(rest)) if date_re else None,
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
            year = int(same[0]["as_of"][:4])
    rows: list[dict] = []
    seen: set[tuple[str, int | None]] = set()
    for t in art.tables:
        if not t.header or not _label_in(t.header[0], spec.get("stage_header", [])):
            continue
        count_row = next((r for r in t.rows if r and _label_in(r[0], spec.get("count_label", []))), None)
        share_row = next((r for r in t.rows if r and _label_in(r[0], spec.get("share_label", []))), None)
        for c, stage in enumerate(t.header[1:], start=1):
            count = _num(re.sub(r"[^\d.]", "", count_row[c])) if count_row and c < len(count_row) else None
            share = None
            if share_row and c < len(share_row) and (v := _num(share_row[c].strip().rstrip("%"))) is not None:
                share = round(v / 100, 6)
            rows.append(
                dict(
                    article_seq=art.seq,
                    page=t.page,
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
        for off, s in _sentences(doc):
            for m in txt_re.finditer(s):
                key = (m.group("stage"), int(m.group("count")))
                if key in seen:
                    continue
                seen.add(key)
                share = _num(m.group("share"))
                rows.append(
                    dict(
                        article_seq=art.seq,
                        page=doc.page_at(off),
                        source=s,
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
    compiled = [(s["status"], re.compile(s["pattern"])) for s in specs]
    rows, seen = [], set()
    text = doc.text
    for status, pat in compiled:
        for m in pat.finditer(text):
            if (m.start("count"), status) in seen:
                continue
            before = text[max(0, m.start() - ctx) : m.start()]
            inside = _level(m.group(0), levels)
            near = _level(before, levels)
            if not inside and not near and "标准" not in before + m.group(0):
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
            as_of = _date(as_of_re.search(sentence)) if as_of_re else None
            period = None
            if as_of is None and period_re:
                years = list(period_re.finditer(para))
                period = years[-1].group("y") if years else None
            groups = m.groupdict()
            approx = bool(groups.get("approx") or groups.get("approx2")) or any(
                text[max(0, m.start("count") - len(a)) : m.start("count")] == a for a in approx_marks
            )
            end = text.find("。", m.end())
            rows.append(
                dict(
                    article_seq=art.seq,
                    page=doc.page_at(m.start()),
                    source=text[sent_start : end + 1 if end >= 0 else len(text)].strip(),
                    organisation=org[1] if org else None,
                    level="+".join(lv) if lv else None,
                    status=status,
                    count=int(m.group("count")),
                    approximate=approx,
                    as_of=as_of,
                    period=period,
                )
            )
    rows.sort(key=lambda r: (r["page"] or 0, text.find(r["source"])))
    return rows


def _standard_refs(art: Article, doc: _Text, rules: Rules) -> list[dict]:
    ref_re = _re(rules, "standard_ref_pattern")
    if ref_re is None:
        return []
    rows = []
    for off, s in _sentences(doc):
        for m in ref_re.finditer(s):
            rows.append(
                dict(
                    article_seq=art.seq,
                    page=doc.page_at(off + m.start()),
                    source=s,
                    code=re.sub(r"\s+", " ", m.group("code")).strip(),
                    title=m.group("title"),
                )
            )
    return rows


# ---------------------------------------------------------------- policies
def _norm_date(text: str) -> str | None:
    m = re.search(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?", text)
    if not m:
        return None
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}" if m.group(2) else m.group(1)


def _policy_table(art: Article, t: Table, spec: dict) -> list[dict]:
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
    for r in t.rows:
        rows.append(
            dict(
                article_seq=art.seq,
                page=t.page,
                source=" | ".join(r),
                issuer=r[i] if i is not None else None,
                date=_norm_date(r[d]) if d is not None else None,
                title=r[ti].strip().strip("《》"),
            )
        )
    return rows


def _policies(art: Article, doc: _Text, rules: Rules) -> list[dict]:
    spec = rules.get("facts", "policy_table", default={}) or {}
    rows = [row for t in art.tables for row in _policy_table(art, t, spec)]
    exclude = rules.get("facts", "policy_title_exclude", default=[]) or []
    pats = [re.compile(p) for p in rules.get("facts", "policy_patterns", default=[]) or []]
    seen = {(r["title"], r["date"]) for r in rows}
    trim = rules.get("facts", "policy_issuer_trim", default=[]) or []
    for off, s in _sentences(doc):
        for pat in pats:
            for m in pat.finditer(s):
                title = m.group("title")
                if any(title.endswith(x) for x in exclude):
                    continue
                date = _norm_date(m.group("date"))
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
                        article_seq=art.seq,
                        page=doc.page_at(off),
                        source=s,
                        issuer=issuer,
                        date=date,
                        title=title,
                    )
                )
    return rows


def extract_facts(issue: Issue, rules: Rules) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {name: [] for name in FACT_TABLES}
    for art in issue.articles:
        if art.kind != "article":
            continue
        doc = _article_text(art)
        funding = _funding(art, doc, rules)
        out["funding_stats"] += funding
        out["investment_rounds"] += _rounds(art, doc, rules, funding)
        out["standards_counts"] += _standards(art, doc, rules)
        out["standard_refs"] += _standard_refs(art, doc, rules)
        out["policies"] += _policies(art, doc, rules)
    return out
