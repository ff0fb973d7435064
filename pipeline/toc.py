"""Stage 3b: the contents pages -> TocEntry list; fills English titles the article pages lack.

Read line by line in reading order: a section label sets the section; a bare page number
opens an entry when it stands level with the line after it (number printed before the
title) or closes the entry whose line it stands level with (number after the title, or at
the line's end); a Chinese line is the entry's title, or opens an un-numbered (level 2)
entry once the current one is complete; "——…" is a subtitle; Latin lines are the English title.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from rapidfuzz import fuzz, process

from .models import Issue, LaidOutDocument, Line, TocEntry, UnitKind
from .rules import Rules
from .text import strip_dash

# "title ...... 12", "title 12", or "标题12" when the page number is set flush against the title
_TRAILING_PAGE = re.compile(r"^(.*?[^\d\s.·…])[\s.·…]*(\d{1,3})$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _clean(t: str) -> str:
    return re.sub(r"\s+", "", t or "")


def _level_with(a: Line, b: Line) -> bool:
    return abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < 0.6 * max(a.size, b.size)


_BULLET = re.compile(r"\s*[·•●▪]\s*")


_SUB = re.compile(r"^[—–-]{1,2}")


def _right_below(prev: Line | None, ln: Line) -> bool:
    """ln is the next line of the same text block (a run-in list wrapping)."""
    return prev is not None and 0 <= ln.y0 - prev.y1 < 0.8 * ln.size and abs(ln.size - prev.size) < 0.5


def _strip_marks(text: str, marks: set[str]) -> str:
    for m in sorted(marks, key=len, reverse=True):
        text = text.replace(m, "")
    return text


# A title's wrapped line is set tighter than one entry is set from the next: where the lines
# around show the pitch between entries (top to top), a line carries on the title above only when
# it stands at least this much (in ems) closer than that (a list of one-line entries at one pitch
# wraps nowhere)
WRAP_CLOSER_EM = 0.25
# a line stands at the pitch of the list's wraps (those proven by a bracket the next line closes)
# when it is within this many ems of one, and nearer it than the entries' pitch: where the leading
# is looser than the spacing between entries, wraps stand further apart than entries do
WRAP_PITCH_EM = 0.1
# how far a wrapped line may be indented under the title's first line (a hanging indent), in ems
WRAP_INDENT_EM = 2.0
# and how far left of it (in ems): a page number set on a tint before the title (its glyphs
# inside the tint's padding) stands in from the column's edge the wrapped line starts at
WRAP_OUTDENT_EM = 0.5
# lines of one list overlap by at most this much (in ems) where the leading is tight
OVERLAP_EM = 0.3
# a title's wrapped rest runs at most this far (in ems) past the end of the line it left (the
# width of the character that did not fit, with its punctuation)
WRAP_NEXT_CHAR_EM = 2.0
# a line of at most this many Chinese characters (and nothing else) under a title that filled its
# line is the title's last characters (contents titles are longer), whatever the spacing says
WRAP_STUB_CHARS = 2


def _title_like(a: Line, b: Line) -> bool:
    """b is set like a (same page and size, Chinese, near the same left edge): a line of the
    same list of titles."""
    return (
        a.page == b.page
        and abs(a.size - b.size) < 0.5
        and abs(a.x0 - b.x0) <= WRAP_INDENT_EM * a.size
        and bool(_CJK.search(b.text))
        and not _SUB.match(b.text.strip())
    )


def _pitch_after(lines: list[Line], i: int) -> float | None:
    """How far line i + 1 stands below line i (top to top) when both are titles of one list set
    one under the other; None where there is no such pair."""
    if i < 0 or i + 1 >= len(lines):
        return None
    a, b = lines[i], lines[i + 1]
    if not (_title_like(a, b) and _CJK.search(a.text) and -OVERLAP_EM * a.size <= b.y0 - a.y1 < 2 * a.size):
        return None
    return b.y0 - a.y0


def _wraps(
    cur: TocEntry,
    prev: Line | None,
    ln: Line,
    lines: list[Line],
    i: int,
    wrap_pitches: list[float] | None = None,
) -> bool:
    """ln (lines[i]) carries on the title of cur: right under its first line, same style, that
    line ran out of room (it is long, or reaches as far right as any title set like it), and set
    closer than the entries around it are set apart, or at the pitch the list's proven wraps stand
    at (wrap_pitches, added to here) rather than the entries' (else, with no entries around to
    compare: flush left under it, closer than half an em)."""
    if prev is None or cur.title_en is not None or cur.subtitle_zh is not None:
        return False
    alike = [
        o.x1
        for o in lines
        if o.page == prev.page and abs(o.x0 - prev.x0) < 2 and abs(o.size - prev.size) < 0.5
    ]
    full = len(prev.text) >= 16 or prev.x1 >= max(alike, default=prev.x1) - 1.5 * prev.size
    gap = ln.y0 - prev.y1
    if not (
        -OVERLAP_EM * ln.size <= gap
        and abs(ln.size - prev.size) < 0.5
        and full
        and prev.text.rstrip()[-1:] not in "！？。!?"
        and prev.x0 - WRAP_OUTDENT_EM * prev.size < ln.x0 < prev.x0 + WRAP_INDENT_EM * prev.size
    ):
        return False
    pitch = ln.y0 - prev.y0
    if _closes_open_pair(cur.title_zh, ln.text):
        if wrap_pitches is not None and lines[i - 1] is prev:
            wrap_pitches.append(pitch)
        return True  # the title above left a quote or bracket open that this line closes
    if len(ln.text.strip()) == 1:
        return True  # no title is one character: the last of the title above, wrapped alone
    if _CJK.match(ln.text.strip()) and ln.x1 > prev.x1 + WRAP_NEXT_CHAR_EM * ln.size:
        # a title breaks where its next character no longer fits: the rest, flush under it and
        # opening with a Chinese character, never runs further right than the line it left
        return False
    by_width = prev.x1 >= max(alike, default=prev.x1) - 1.5 * prev.size
    stub = ln.text.strip()
    if by_width and len(stub) <= WRAP_STUB_CHARS and len(_CJK.findall(stub)) == len(stub):
        return True  # a character or two left over from a title that filled its line is no entry
    around = [p for p in (_pitch_after(lines, i - 2), _pitch_after(lines, i)) if p is not None]
    if around and lines[i - 1] is prev:
        if pitch < max(around) - WRAP_CLOSER_EM * ln.size:
            return True
        off = min((abs(pitch - w) for w in wrap_pitches or []), default=math.inf)
        return off < WRAP_PITCH_EM * ln.size and off < min(abs(pitch - a) for a in around)
    return -OVERLAP_EM * ln.size <= gap < 0.5 * ln.size and abs(ln.x0 - prev.x0) < WRAP_OUTDENT_EM * ln.size


_PAIRS = ("“”", "‘’", "《》", "〈〉", "（）", "()", "「」", "『』", "【】", "〔〕")


def _closes_open_pair(title: str, line: str) -> bool:
    """line closes a quote or bracket that the title so far opened and left open, before opening
    another (“病灶导 / 航”): the title goes on, whatever the spacing says."""
    for o, c in _PAIRS:
        at = line.find(c)
        if title.count(o) > title.count(c) and at >= 0 and o not in line[:at]:
            return True
    return False


def parse_toc(issue: Issue, rules: Rules) -> Issue:
    """The entries printed in the contents units' own blocks (segment leaves them there), which
    are then emptied: the contents live in the toc table, not as body text."""
    units = [a for a in issue.articles if a.kind == UnitKind.TOC]
    lines = [ln for a in units for b in a.blocks for ln in b.lines]
    for a in units:
        a.blocks = []
    issue.toc = read_entries(lines, rules)
    issue.layout = _issue_lines_as_furniture(issue.layout, lines, rules)
    _fill_from_toc(issue)
    return issue


def _issue_lines_as_furniture(layout: LaidOutDocument, lines: list[Line], rules: Rules) -> LaidOutDocument:
    """The layout with the contents pages' issue lines (2026年第2卷第1期（总第3期）: the rules'
    issue_patterns, which read_entries passes over as no entry) kept in their page's furniture, as
    the running heads that print the issue's name are: text of the page, in no other row."""
    pattern = rules.get("issue_patterns", "year_volume_number")
    issue_re = re.compile(pattern) if pattern else None
    found: dict[int, list[Line]] = {}
    for ln in lines:
        if issue_re and issue_re.search(ln.text):
            found.setdefault(ln.page, []).append(ln)
    if not found:
        return layout
    pages = [
        replace(p, furniture=[*p.furniture, *found[p.number]]) if p.number in found else p
        for p in layout.pages
    ]
    return replace(layout, pages=pages)


# A column label heading a contents table (页码, 栏目, 标题, 作者) is a word or two: at most this
# many characters.
LABEL_MAX_CHARS = 4


def _column_labels(lines: list[Line], rules: Rules) -> set[int]:
    """ids of the lines of a contents table's header row: two or more short words side by side,
    no digit and no section name among them, above every page number of their page (the labels
    of the columns, repeated at each page's top where the table runs on; no entry)."""
    out: set[int] = set()
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    for page_lines in by_page.values():
        numbers = [ln for ln in page_lines if ln.text.strip().isdigit()]
        if not numbers:
            continue
        top = min(ln.y0 for ln in numbers)
        for ln in page_lines:
            if ln.y1 > top:  # below a page number: no label (its row is not looked for)
                continue
            row = [o for o in page_lines if _level_with(o, ln)]
            if len(row) >= 2 and all(_label_cell(o.text, rules) for o in row):
                out.update(id(o) for o in row)
    return out


def _label_cell(text: str, rules: Rules) -> bool:
    t = _clean(text)
    return (
        0 < len(t) <= LABEL_MAX_CHARS
        and bool(_CJK.search(t))
        and not re.search(r"\d", t)
        and not rules.section_for(text.strip())
    )


def _run_in_subtitle(e: TocEntry) -> None:
    """A subtitle run in after its title on one line (title——subtitle, as a table cell sets it)."""
    if e.subtitle_zh is not None:
        return
    title, dash, sub = e.title_zh.partition("——")
    if dash and _CJK.search(title) and _CJK.search(sub):
        e.title_zh, e.subtitle_zh = title.rstrip(), strip_dash(dash + sub)


# A page number printed before its title on the title's own line ("12 标题", the number set in
# bigger type and read into the line): the contents number at least this many entries so, their
# numbers rising in reading order as pages do; a title that merely begins with a number (a
# level-2 entry "1 纳米！…" under an article on page 21) breaks the rise and keeps its number.
LEAD_PAGE_MIN_ENTRIES = 3
_LEAD_PAGE = re.compile(r"^(\d{1,3})\s+(?=[\u4e00-\u9fff“《（(])")


def _lead_pages(lines: list[Line]) -> dict[int, int]:
    """id(line) -> the page number printed before the title on it, where the contents print their
    page numbers so (more such lines than lines with the page after the title or on its own)."""
    lead: dict[int, int] = {}
    others = 0
    last = 0
    for ln in lines:
        text = ln.text.strip()
        m = _LEAD_PAGE.match(text)
        if m is None:
            trailing = _TRAILING_PAGE.match(text)
            others += text.isdigit() or bool(trailing and _CJK.search(trailing.group(1)))
            continue
        tail = _TRAILING_PAGE.match(text[m.end() :])
        if tail and _CJK.search(tail.group(1)):
            others += 1  # its page printed after the title: the leading number is the title's
            continue
        page = int(m.group(1))
        if page >= last:
            lead[id(ln)] = page
            last = page
    if len(lead) < LEAD_PAGE_MIN_ENTRIES or len(lead) <= others:
        return {}
    return lead


def read_entries(lines: list[Line], rules: Rules) -> list[TocEntry]:
    """The contents entries printed on these lines (the contents pages' lines in reading order)."""
    lead_pages = _lead_pages(lines)
    marks = {_clean(m) for m in rules.get("page_kinds", UnitKind.TOC, default=[])}
    pattern = rules.get("issue_patterns", "year_volume_number")
    issue_re = re.compile(pattern) if pattern else None
    entries: list[TocEntry] = []
    section: tuple[str | None, str | None] = (None, None)
    cur: TocEntry | None = None
    pending_page: int | None = None  # a number printed before its title
    cur_line: Line | None = None
    bulleted = False  # the current entry was opened by a bullet in a run-in list
    labels = _column_labels(lines, rules)
    wrap_pitches: list[float] = []  # how far below its title's line each proven wrap stands
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if not text or not _strip_marks(_clean(text), marks) or (issue_re and issue_re.search(text)):
            continue  # the page's own heading ("目录 CONTENTS") or issue line
        if id(ln) in labels:
            continue  # a contents table's column labels
        if id(ln) in lead_pages:  # "12 标题": the number opens the entry its title starts
            pending_page = lead_pages[id(ln)]
            text = _LEAD_PAGE.sub("", text, count=1).strip()
        sec = rules.section_for(text)
        if sec and len(_clean(text)) <= len(_clean(sec.get("zh", "") + sec.get("en", ""))) + 2:
            section, cur = (sec.get("zh"), sec.get("en")), None
            continue
        if text.isdigit():
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            # a number level with the next title opens that entry; otherwise it closes the current one
            opens_next = (
                nxt is not None
                and _level_with(ln, nxt)
                and _CJK.search(nxt.text)
                and not _SUB.match(nxt.text)
            )
            if cur is not None and cur.page is None and cur_line is not None and _level_with(ln, cur_line):
                cur.page = int(text)
            elif opens_next:
                pending_page = int(text)
            elif cur is not None and cur.page is None:
                cur.page = int(text)
            continue
        m = _TRAILING_PAGE.match(text)
        body, page_no = (m.group(1), int(m.group(2))) if m and _CJK.search(m.group(1)) else (text, None)
        if _SUB.match(body) and cur is not None:
            cur.subtitle_zh = strip_dash(body)
        elif _CJK.search(body):
            # un-numbered entries may be run in: "·title ·title", wrapping from line to line
            pieces = _BULLET.split(body)
            head = pieces[0].strip()
            run_on = bulleted and pending_page is None and _right_below(cur_line, ln)
            wraps = (
                cur is not None
                and id(ln) not in lead_pages
                and (run_on or _wraps(cur, cur_line, ln, lines, i, wrap_pitches))
            )
            if head and cur is not None and wraps:
                cur.title_zh += head  # the entry's title goes on from the line above
                if cur.page is None and page_no is not None:
                    cur.page = page_no  # its page printed after the title's last line
            elif head:
                cur = TocEntry(2, section[0], section[1], head, None, None, pending_page or page_no)
                cur.at_page, cur.at_bbox = ln.page, ln.bbox
                entries.append(cur)
                pending_page, bulleted = None, False
            for piece in (p.strip() for p in pieces[1:]):
                if piece:
                    cur = TocEntry(2, section[0], section[1], piece, None, None, None, ln.page, ln.bbox)
                    entries.append(cur)
                    bulleted = True
        elif cur is not None and re.search(r"[A-Za-z]", body):
            cur.title_en = body if cur.title_en is None else f"{cur.title_en} {body}"
            bulleted = False
        cur_line = ln
    for e in entries:
        e.level = 1 if e.page is not None else 2
        _run_in_subtitle(e)
    return entries


# how alike (rapidfuzz ratio, 0-100) an article's title and a contents entry's must be to be one
ENTRY_TITLE_RATIO = 85


def _best_entry(titles: list[str], art) -> tuple[int | None, float]:
    """The contents entry whose title (titles: the entries' cleaned titles) is most like the
    article's own, the first of equals, and how alike (0-100)."""
    if art.kind != UnitKind.ARTICLE or not art.title_zh or not titles:
        return None, 0.0
    _, score, i = process.extractOne(_clean(art.title_zh), titles, scorer=fuzz.ratio)
    return (i, score) if score >= ENTRY_TITLE_RATIO else (None, score)


def _entry_titles(issue: Issue) -> list[str]:
    return [_clean(e.title_zh) for e in issue.toc]


def toc_articles(issue: Issue) -> dict[int, int]:
    """Contents entry index -> seq of the article it lists (toc.article_id): each article takes
    its best entry (_best_entry); an entry two articles take goes to the closer one."""
    best: dict[int, tuple[float, int]] = {}
    titles = _entry_titles(issue)
    for art in issue.articles:
        i, score = _best_entry(titles, art)
        if i is not None and score > best.get(i, (-1.0, 0))[0]:
            best[i] = (score, art.seq)
    return {i: seq for i, (_, seq) in best.items()}


def _fill_from_toc(issue: Issue) -> None:
    """Articles take their contents page from their contents entry (a section opener's photo page
    comes before its title page), and an English title or section they lack."""
    titles = _entry_titles(issue)
    for art in issue.articles:
        i, _ = _best_entry(titles, art)
        if i is None:
            continue
        best = issue.toc[i]
        if best.page is not None:
            art.toc_page = best.page
        if art.title_en is None and best.title_en:
            art.title_en = best.title_en
        if art.section_zh is None and best.section_zh:
            art.section_zh, art.section_en = best.section_zh, best.section_en
