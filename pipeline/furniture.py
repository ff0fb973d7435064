"""Page furniture: running heads and folios, found by what repeats across pages.

A line is furniture when it sits in the top or bottom band of its page and either repeats
(same text with digits masked) on several pages, names the journal or a section, or is a
bare page number. Furniture is kept (PageLayout.furniture) for audit, never dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from .models import Line, RawDocument
from .rules import Rules

BAND = 0.085  # share of the page height at top and bottom where running heads live
# a head or foot rule repeated on many pages may stand further in (a CNKI page's head rule at
# 9.5%): what prints beyond it is furniture even outside BAND
RULE_BAND = 0.15
# a page number alone, or set between two ornaments ("— 12 —", "· 12 ·", "- 12 -"): marks on one
# side only ("-12", "12 /") may be a number's sign or a fraction, and stay content
_ORNAMENT = r"[-‐‑–—―·•∙・~～*＊|｜]{1,3}"
_FOLIO = re.compile(rf"^\s*(?:(?P<o>{_ORNAMENT})\s*)?(?:第\s*)?(\d{{1,4}})(?:\s*页)?(?(o)\s*{_ORNAMENT})\s*$")
_FOLIO_EDGE = re.compile(r"^\s*(\d{1,4})\s+\D|\D\s+(\d{1,4})\s*$")
# front matter numbered in roman numerals (i … xxx)
_ROMAN = re.compile(r"^\s*(x{0,3})(ix|iv|v?i{0,3})\s*$", re.IGNORECASE)


def folio_value(text: str) -> int | None:
    """The page number a folio line prints ("12", "第 12 页", "— 12 —"), None for any other text."""
    m = _FOLIO.match(text)
    return int(m.group(2)) if m else None


def _signature(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _in_band(line: Line, height: float) -> bool:
    return line.y1 <= height * BAND or line.y0 >= height * (1 - BAND)


def _names_journal_or_section(text: str, rules: Rules) -> bool:
    """A short line naming the journal or a section: a running head."""
    t = re.sub(r"\s+", "", text).lower()
    if len(t) > 60:
        return False
    journal = [rules.get("journal", "zh"), rules.get("journal", "en")]
    if any(j and re.sub(r"\s+", "", j).lower() in t for j in journal):
        return True
    return rules.section_for(text) is not None and len(t) <= 40


def _is_bare_number(ln: Line, height: float, body_size: float) -> bool:
    return _in_band(ln, height) and ln.size <= body_size * 1.5 and bool(_FOLIO.match(ln.text))


def roman_value(text: str) -> int | None:
    """The value of a roman numeral (i … xxxix), None for anything else."""
    m = _ROMAN.match(text)
    if not m or not text.strip():
        return None
    tens, units = m.group(1).lower(), m.group(2).lower()
    value = 10 * len(tens)
    value += {"ix": 9, "iv": 4}.get(units, (5 if units.startswith("v") else 0) + units.count("i"))
    return value


def _roman_offset(raw: RawDocument, body_size: float) -> int | None:
    """roman numeral - PDF page, as the roman numerals alone in the bands of two pages or more
    agree (front matter numbered i, ii, iii …); None when they do not."""
    offsets: Counter[int] = Counter()
    for page in raw.pages:
        for ln in page.lines:
            value = roman_value(ln.text)
            if value is not None and _in_band(ln, page.height) and ln.size <= body_size * 1.5:
                offsets[value - page.number] += 1
    if not offsets:
        return None
    value, count = offsets.most_common(1)[0]
    return value if count >= 2 else None


def _folio_offset(raw: RawDocument, body_size: float, margins: dict[int, set[int]]) -> int | None:
    """printed page - PDF page, as most bare page numbers in the bands agree (None: no agreement).
    margins: id(page) -> the page's _margin_folios (worked out once for the stage)."""
    offsets: Counter[int] = Counter()
    for page in raw.pages:
        margin = margins[id(page)]
        for ln in page.lines:
            if _is_bare_number(ln, page.height, body_size) or id(ln) in margin:
                offsets[int(_FOLIO.match(ln.text).group(2)) - page.number] += 1
    if not offsets:
        return None
    value, count = offsets.most_common(1)[0]
    return value if count >= 2 or len(raw.pages) <= 2 else None


def _page_rules(page, top: bool) -> set[int]:
    """y (rounded) of the long thin rules in the page's top or bottom band."""
    return {
        round((r.bbox[1] + r.bbox[3]) / 2)
        for r in page.rects
        if r.bbox[3] - r.bbox[1] <= 2.5
        and r.bbox[2] - r.bbox[0] >= 0.4 * page.width
        and (r.bbox[3] <= page.height * RULE_BAND if top else r.bbox[1] >= page.height * (1 - RULE_BAND))
    }


def _repeated_rule(drawn: list[set[int]]) -> int | None:
    """A head (or foot) rule: drawn at one height on many pages. What is printed beyond it, on
    its side of the text, is furniture even when printed once (an article's title as its head)."""
    counts: Counter[int] = Counter()
    for ys in drawn:
        counts.update({y for x in ys for y in (x - 1, x, x + 1)})
    if not counts:
        return None
    y, n = counts.most_common(1)[0]
    return y if n >= max(2, 0.4 * len(drawn)) else None


def _text_top(raw: RawDocument, body_size: float) -> float | None:
    """Where the text block starts: the median over pages of the top of their first line in body
    type (None: no page has one). Running heads stand above it."""
    tops = sorted(
        min(ln.y0 for ln in body)
        for page in raw.pages
        if (body := [ln for ln in page.lines if abs(ln.size - body_size) < 0.1 * body_size])
    )
    return tops[len(tops) // 2] if tops else None


# A line running down or up the page within this share of the page width from its left or right
# edge, in type no bigger than EDGE_SIZE times the body's, is an edge label (a thumb tab naming the
# section, the journal's name along the spine): furniture when it repeats on the pages or names
# the journal or a section, as a running head is. A vertical title in the margin is bigger type.
EDGE_BAND = 0.1
EDGE_SIZE = 1.5


def _at_edge(ln: Line, page, body_size: float) -> bool:
    width = page.width
    return (
        ln.vertical
        and ln.size <= EDGE_SIZE * body_size
        and (ln.x1 <= width * EDGE_BAND or ln.x0 >= width * (1 - EDGE_BAND))
        and not _inside_text_block(ln, page, body_size)
    )


def _inside_text_block(ln: Line, page, body_size: float) -> bool:
    """The page's body lines (MARGIN_BODY_LINES of them at least) reach further out towards the
    edge than ln: a label set in the type area beside a title (a section's name set vertically at
    the head of the article's first column), not a tab on the edge."""
    body = [
        o for o in page.lines if not o.vertical and o is not ln and abs(o.size - body_size) < 0.1 * body_size
    ]
    if len(body) < MARGIN_BODY_LINES:
        return False
    left_edge = ln.x1 <= page.width / 2
    return min(o.x0 for o in body) < ln.x0 - 1 if left_edge else max(o.x1 for o in body) > ln.x1 + 1


# A house style with a wide outer margin sets its tabs, running head and folio in it, nearer the
# text than EDGE_BAND: a line running down or up the page in the margin beside the page's text
# block (no text of the page further out than it, at least MARGIN_BODY_LINES lines of body type on
# the page to tell where the block ends) is at the edge too.
MARGIN_BODY_LINES = 5
# where two pages print one label "at the same place": within this many points across the page
MARGIN_SAME_X = 4.0


def _beside_text_block(ln: Line, page, body_size: float) -> bool:
    """ln stands in the side margin: no horizontal line of the page reaches further out than its
    inner edge at its height, and the page's body lines (MARGIN_BODY_LINES of them at least) all
    stand on the other side of it."""
    body = [
        o for o in page.lines if not o.vertical and o is not ln and abs(o.size - body_size) < 0.1 * body_size
    ]
    if len(body) < MARGIN_BODY_LINES:
        return False
    across = [o for o in page.lines if o is not ln and not o.vertical and o.y0 < ln.y1 and o.y1 > ln.y0]
    left, right = min(o.x0 for o in body), max(o.x1 for o in body)
    outside_right = ln.x0 >= right and not any(o.x1 > ln.x0 for o in across)
    outside_left = ln.x1 <= left and not any(o.x0 < ln.x1 for o in across)
    return outside_right or outside_left


def _in_outer_margin(ln: Line, page, body_size: float) -> bool:
    return ln.vertical and ln.size <= EDGE_SIZE * body_size and _beside_text_block(ln, page, body_size)


def _margin_folios(page, body_size: float) -> set[int]:
    """ids of the bare page number in the side margin beside the text block (a folio printed
    level with the text's last line, not under it): the only one in the lower half of the page
    (numbers down the margin are line numbers)."""
    found = [
        ln
        for ln in page.lines
        if not ln.vertical
        and ln.size <= 1.5 * body_size
        and ln.y0 >= page.height / 2
        and _FOLIO.match(ln.text)
        and _beside_text_block(ln, page, body_size)
    ]
    return {id(found[0])} if len(found) == 1 else set()


def _turned_folio(page, ln: Line, offset: int | None) -> bool:
    """ln is the folio of a page read turned (sideways.py), printed upright in the portrait page's
    foot band and so along a side edge now: a bare number running with the pages' folios."""
    m = _FOLIO.match(ln.text)
    return bool(page.turn and m and offset is not None and int(m.group(2)) - page.number == offset)


def _folio_place(ln: Line) -> tuple[int, int]:
    """Where a folio stands, by its centre across the page (a folio of two digits is wider than one
    of one, centred on the same point) and its baseline, to MARGIN_SAME_X."""
    return round((ln.x0 + ln.x1) / 2 / MARGIN_SAME_X), round(ln.y1 / MARGIN_SAME_X)


def _placed_folios(raw: RawDocument, body_size: float, margins: dict[int, set[int]]) -> dict[int, set[int]]:
    """The margin folios of the pages whose text is too little, or in other type than the body's,
    to show the text block's edge (a page of profiles or briefs in smaller type, a section opener):
    a bare number in the page's lower half standing where margin folios stand on other pages
    (centre and baseline, MARGIN_SAME_X; on two of them at least, or one in a short file of up to
    eight pages) and running with the pages as they do (the same printed page - PDF page). Only
    where the page has none of its own. margins: id(page) -> the page's _margin_folios."""
    places: Counter[tuple[tuple[int, int], int]] = Counter()
    for page in raw.pages:
        for ln in page.lines:
            if id(ln) in margins[id(page)]:
                places[(_folio_place(ln), int(_FOLIO.match(ln.text).group(2)) - page.number)] += 1
    found = dict(margins)
    min_repeat = 1 if len(raw.pages) <= 8 else 2
    for page in raw.pages:
        if margins[id(page)]:
            continue
        placed = [
            ln
            for ln in page.lines
            if not ln.vertical
            and ln.size <= 1.5 * body_size
            and ln.y0 >= page.height / 2
            and (m := _FOLIO.match(ln.text))
            and places[(_folio_place(ln), int(m.group(2)) - page.number)] >= min_repeat
        ]
        if len(placed) == 1:
            found[id(page)] = {id(placed[0])}
    return found


def edge_labels(raw: RawDocument, rules: Rules, body_size: float, offset: int | None = None) -> set[int]:
    """ids of the lines that are edge labels (EDGE_BAND, or the outer margin beside the text
    block): along a side edge, repeated on several pages or naming the journal or a section, or
    the folio of a page read turned (its number running with the pages': offset, folio minus page
    number). A label printed once that names nothing (广告 along one page's edge) is left to the
    page's text, where it is read as a block of its own."""
    at_edge = [
        (page, ln)
        for page in raw.pages
        for ln in page.lines
        if _at_edge(ln, page, body_size) or _in_outer_margin(ln, page, body_size)
    ]
    # the same label at the same place on a page with too little text to show its block's edge
    # (a section opener, a contents page) stands in that margin too
    placed = {(_signature(ln.text), round(ln.x0 / MARGIN_SAME_X)) for _, ln in at_edge}
    chosen = {id(ln) for _, ln in at_edge}
    at_edge += [
        (page, ln)
        for page in raw.pages
        for ln in page.lines
        if ln.vertical
        and id(ln) not in chosen
        and (_signature(ln.text), round(ln.x0 / MARGIN_SAME_X)) in placed
        and not _inside_text_block(ln, page, body_size)
    ]
    pages: dict[str, set[int]] = {}
    for page, ln in at_edge:
        pages.setdefault(_signature(ln.text), set()).add(page.number)
    min_repeat = 2 if len(raw.pages) <= 8 else 3
    return {
        id(ln)
        for page, ln in at_edge
        if len(pages[_signature(ln.text)]) >= min_repeat
        or _names_journal_or_section(ln.text, rules)
        or _turned_folio(page, ln, offset)
    }


def in_field(ln: Line, fields: list) -> bool:
    """The line's middle stands inside one of the page's printed form fields (RawPage.fields)."""
    x, y = (ln.x0 + ln.x1) / 2, (ln.y0 + ln.y1) / 2
    return any(f[0] <= x <= f[2] and f[1] <= y <= f[3] for f in fields)


def find_furniture(
    raw: RawDocument, rules: Rules, body_size: float
) -> dict[int, tuple[list[Line], int | None, list[int]]]:
    """page number -> (furniture lines, printed folio or None, y of the head/foot rules drawn on it)."""
    counts: Counter[str] = Counter()
    for page in raw.pages:
        seen = {_signature(ln.text) for ln in page.lines if _in_band(ln, page.height)}
        counts.update(seen)
    min_repeat = 2 if len(raw.pages) <= 8 else 3
    margins = {id(page): _margin_folios(page, body_size) for page in raw.pages}
    offset = _folio_offset(raw, body_size, margins)
    margins = _placed_folios(raw, body_size, margins)
    roman = _roman_offset(raw, body_size)
    tops = {page.number: _page_rules(page, top=True) for page in raw.pages}
    bottoms = {page.number: _page_rules(page, top=False) for page in raw.pages}
    head_rule, foot_rule = _repeated_rule(list(tops.values())), _repeated_rule(list(bottoms.values()))

    text_top = _text_top(raw, body_size)
    edges = edge_labels(raw, rules, body_size, offset)

    result = {}
    for page in raw.pages:
        furniture, folio = [], None
        margin = margins[id(page)]
        bare = [ln for ln in page.lines if _is_bare_number(ln, page.height, body_size) or id(ln) in margin]
        # the rules count on the pages they are drawn on
        head, foot = (
            y if y is not None and any(abs(y - d) <= 1 for d in drawn[page.number]) else None
            for y, drawn in ((head_rule, tops), (foot_rule, bottoms))
        )
        for ln in page.lines:
            if in_field(ln, page.fields):
                furniture.append(ln)  # a form field's value, printed by the viewer over the page
                continue
            if id(ln) in edges:
                furniture.append(ln)  # a thumb tab or a label along the side edge
                continue
            if rules.jump_line(ln.text) is not None:
                furniture.append(ln)  # "(下转第 114 页)": where the text goes on, not the text
                continue
            beyond_rule = (head is not None and ln.y1 <= head + 1) or (foot is not None and ln.y0 >= foot - 1)
            if (
                not (_in_band(ln, page.height) or beyond_rule or id(ln) in margin)
                or ln.size > body_size * 1.5
            ):
                continue
            # a page with a head (foot) rule prints its running head beyond it: a line on the text's
            # side of that rule (a note in small type at a column's top naming the publisher) is text
            inside = (head is not None and ln.y0 > head + 1 and ln.y1 <= page.height / 2) or (
                foot is not None and ln.y1 < foot - 1 and ln.y0 >= page.height / 2
            )
            m = _FOLIO.match(ln.text)
            numeral = roman_value(ln.text)
            if roman is not None and numeral is not None and numeral - page.number == roman:
                furniture.append(ln)  # a front-matter folio in roman numerals, running with the pages
            # a folio runs with the pages; other numbers up there (a contents page's) are content
            elif m and ((int(m.group(2)) - page.number == offset) if offset is not None else len(bare) == 1):
                folio = int(m.group(2))
                furniture.append(ln)
            elif m and not m.group("o"):
                continue
            elif (
                counts[_signature(ln.text)] >= min_repeat
                # a body line at the top of a column may name the journal too: heads are set smaller
                or (_names_journal_or_section(ln.text, rules) and ln.size < 0.95 * body_size and not inside)
                # small text at the very top, above where the text starts (a summary's last lines
                # at a column's top, on a page with a narrow head margin, are text)
                or (
                    ln.size <= 0.85 * body_size
                    and ln.y1 <= page.height * 0.06
                    and not inside
                    and (text_top is None or ln.y1 <= text_top)
                )
                or (head is not None and ln.y1 <= head + 1)  # above the head rule
                or (foot is not None and ln.y0 >= foot - 1)  # below the foot rule
            ):
                furniture.append(ln)
                # a number between ornaments that repeats as furniture does, beyond a head or foot
                # rule where no bare number stands in the band (so no offset was agreed): the folio
                e = m or _FOLIO_EDGE.search(ln.text)
                if e and folio is None:
                    folio = int(e.group(2)) if m else int(e.group(1) or e.group(2))
        result[page.number] = (furniture, folio, [y for y in (head, foot) if y is not None])
    return result
