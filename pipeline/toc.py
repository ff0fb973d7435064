"""Stage 3b: the contents pages -> TocEntry list; fills English titles the article pages lack.

A contents entry is a run of blocks on a toc page: an optional section label, the Chinese
title, an optional subtitle (——…), an optional English title, and the printed page number
(standing alone or at the end of a line). Entries without a page are level 2.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .models import Issue, TocEntry
from .rules import Rules

_PAGE = re.compile(r"^(.*?)[\s.·…]*?(\d{1,3})$")


def _clean(t: str) -> str:
    return re.sub(r"\s+", "", t)


def parse_toc(issue: Issue, rules: Rules) -> Issue:
    toc_pages = {p for a in issue.articles if a.kind == "toc" for p in a.pages}
    entries: list[TocEntry] = []
    section = (None, None)
    cur: TocEntry | None = None
    for page in issue.layout.pages:
        if page.number not in toc_pages:
            continue
        for blk in page.blocks:
            for ln in blk.lines:
                text = ln.text.strip()
                if not text or any(m == _clean(text) for m in rules.get("page_kinds", "toc", default=[])):
                    continue
                sec = rules.section_for(text)
                if sec and len(_clean(text)) <= len(_clean(sec.get("zh", "") + sec.get("en", ""))) + 2:
                    section = (sec.get("zh"), sec.get("en"))
                    continue
                m = _PAGE.match(text)
                page_no = int(m.group(2)) if m else None
                body = (m.group(1) if m else text).strip()
                if text.isdigit():
                    if cur is not None and cur.page is None:
                        cur.page = int(text)
                    continue
                if re.match(r"^[—-]{1,2}", body) and cur is not None:
                    cur.subtitle_zh = body
                elif re.search(r"[\u4e00-\u9fff]", body):
                    cur = TocEntry(1 if page_no else 2, section[0], section[1], body, None, None, page_no)
                    entries.append(cur)
                elif cur is not None and body:
                    cur.title_en = body if cur.title_en is None else cur.title_en + " " + body
                if page_no and cur is not None and cur.page is None:
                    cur.page = page_no
    for e in entries:
        e.level = 1 if e.page is not None else 2
    issue.toc = entries
    _fill_from_toc(issue)
    return issue


def _fill_from_toc(issue: Issue) -> None:
    """Articles missing an English title or section take them from their contents entry."""
    for art in issue.articles:
        if art.kind != "article" or not art.title_zh:
            continue
        best = max(
            issue.toc, key=lambda e: fuzz.ratio(_clean(e.title_zh), _clean(art.title_zh)), default=None
        )
        if best is None or fuzz.ratio(_clean(best.title_zh), _clean(art.title_zh)) < 85:
            continue
        if art.title_en is None and best.title_en:
            art.title_en = best.title_en
        if art.section_zh is None and best.section_zh:
            art.section_zh, art.section_en = best.section_zh, best.section_en
