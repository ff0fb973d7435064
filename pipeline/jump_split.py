"""Jump lines run into a text line, cut off it: "……完成了试点。（下转第42页）" at a column's foot,
"（上接第12页）展开了……" at the head of a continuation.

A house short of room sets the jump in the last line of the part, after its text, or in the first
line of the continuation, before it, in the body's own type: the text layer holds one line for
both. Left whole, the jump is read as body text and the jumps stage (jumps.py) never sees it.
Here, before furniture is found (layout.analyze), such a line becomes two lines on the same
baseline: the text, and the jump line, which furniture then keeps as a jump line (kind jump) like
one set on its own.

A piece of the line is a jump when one of the rules' `jump_lines.run_in` patterns (how a jump set
in a text line stands apart from the text: in brackets, after a sentence's stop, or at the line's
start by its own end, "续第2版年来……") finds it and the rules' `out` (`in`)
patterns read it, and where it stands says so:
- an out jump ends the line, text stands before it, and no text line stands right under the line
  in its x-range (the line ends its column: a cross-reference "(see page 42)" inside a paragraph
  has lines under it);
- an in jump starts the line, text follows it, and no text line stands right over the line in its
  x-range (a continuation starts a column or stands apart from the text before it).

The text layer keeps no glyph positions here, so where the line is cut is estimated from the
characters' advances (a Chinese or full-width character one em, any other half an em), scaled to
the line's width. The text after an in jump starts its column where it stands (`wrap_left`): the
jump took the line's start, so the paragraph stage reads no indent there; whether a paragraph
begins after the jump is read from how far the text stands off it (jumps._runs_on).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .models import Line, RawDocument, RawPage
from .rules import Rules

# no text line may stand within this many of the line's heights under an out jump's line (over an
# in jump's line) in its x-range: the next line of a paragraph stands about half a height away
RUN_IN_CLEAR = 1.0
# lines whose vertical overlap is more than this share of the smaller height share a row
SAME_ROW = 0.5
_OPENERS = "(（["
_CLOSERS = ")）]"
# a jump broken over a column's last two lines leaves only its end on the last one: at most this
# many characters, ending in a bracket or a page word (rules' jump_lines.page_words), or Latin
# words and a page's number
PAIR_TAIL_MAX = 40


# a pattern anchored at the line's start (after its inline flags): it finds a jump there only
_ANCHORED = re.compile(r"^(?:\(\?[a-zA-Z]+\))?\^")


def _patterns(rules: Rules) -> list[tuple[re.Pattern, bool]]:
    """The rules' run_in patterns, each with whether it is anchored at the line's start."""
    return rules.derived(
        "jump_run_in",
        lambda r: [
            (re.compile(p), bool(_ANCHORED.match(p))) for p in r.get("jump_lines", "run_in", default=[]) or []
        ],
    )


def _pieces(pattern: re.Pattern, anchored: bool, text: str) -> list[re.Match]:
    """Where the pattern finds a piece of the text (at its start only, when anchored)."""
    if anchored:
        m = pattern.match(text)
        return [m] if m else []
    return list(pattern.finditer(text))


def _page_words(rules: Rules) -> tuple[str, ...]:
    """The words a jump puts after its page's number (rules' jump_lines.page_words: 页, 版)."""
    return rules.derived(
        "jump_page_words", lambda r: tuple(r.get("jump_lines", "page_words", default=[]) or [])
    )


def _tail(rules: Rules) -> re.Pattern:
    """How a jump's end broken onto a column's last line ends: a closing bracket, a page word, or
    Latin words and a page's number."""

    def build(r: Rules) -> re.Pattern:
        words = "|".join(re.escape(w) for w in _page_words(r))
        return re.compile(
            rf"[)）\]]$|(?:{words})$|[A-Za-z][^。！？]*\d\.?$"
            if words
            else r"[)）\]]$|[A-Za-z][^。！？]*\d\.?$"
        )

    return rules.derived("jump_tail", build)


def _advance(text: str) -> float:
    """The text's width in ems, by characters: Chinese and full-width ones an em, others half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _x_at(ln: Line, text: str, k: int) -> float:
    """Where in the line character k starts, estimated from the advances before it."""
    total = _advance(text) or 1.0
    return ln.x0 + (ln.x1 - ln.x0) * _advance(text[:k]) / total


def _clear(ln: Line, lines: list[Line], below: bool) -> bool:
    """No other text line stands right under (over) this one in its x-range."""
    h = max(ln.height, 1.0)
    for other in lines:
        if other is ln or other.vertical or min(other.x1, ln.x1) <= max(other.x0, ln.x0):
            continue
        overlap = min(other.y1, ln.y1) - max(other.y0, ln.y0)
        if overlap > SAME_ROW * min(h, max(other.height, 1.0)):
            continue  # the same row (another column's line, or a piece of this one)
        gap = other.y0 - ln.y1 if below else ln.y0 - other.y1
        if -SAME_ROW * h <= gap < RUN_IN_CLEAR * h:
            return False
    return True


def _scripts(ln: Line, start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple((a - start, b - start) for a, b in ln.scripts if a >= start and b <= end)


def _cut(ln: Line, k: int, jump_first: bool) -> tuple[Line, Line]:
    """The line cut before character k into (left, right), the spaces between dropped; the text
    part of an in line (jump first) starts its column where the line did."""
    text = ln.text
    left_end = len(text[:k].rstrip())
    right_start = k + len(text[k:]) - len(text[k:].lstrip())
    xl, xr = _x_at(ln, text, left_end), _x_at(ln, text, right_start)
    left = replace(
        ln,
        text=text[:left_end],
        bbox=(ln.x0, ln.y0, max(xl, ln.x0 + 0.1), ln.y1),
        scripts=_scripts(ln, 0, left_end),
        overprint="" if jump_first else ln.overprint,
    )
    right = replace(
        ln,
        text=text[right_start:],
        bbox=(min(xr, ln.x1 - 0.1), ln.y0, ln.x1, ln.y1),
        scripts=_scripts(ln, right_start, len(text)),
        overprint=ln.overprint if jump_first else "",
        opens_paragraph=False,
        # after an in jump the text starts its column where it stands: the jump took the line's
        # start, no indent (whether a paragraph begins there is jumps._runs_on's to read)
        wrap_left=min(xr, ln.x1 - 0.1) if jump_first else ln.wrap_left,
    )
    return left, right


def _may_end_jump(text: str, page_words: tuple[str, ...]) -> bool:
    """The text could end with a jump (a closing bracket, a page's number or a page word: 页, 版):
    a cheap test before the patterns are tried on a line."""
    if text.endswith(".") and len(text) > 1:
        text = text[:-1]  # "Continued on page 12."
    last = text[-1:]
    return bool(last) and (last in _CLOSERS or last.isdigit() or text.endswith(page_words))


def _split_line(ln: Line, lines: list[Line], rules: Rules) -> list[Line] | None:
    """The line as (text, jump) or (jump, text) when a jump is run into it; None otherwise."""
    text = ln.text.strip()
    if ln.vertical or len(text) < 4:
        return None
    # a cheap test first: only a line that ends as a jump does or opens a bracket is searched all
    # through; any other is tried only for a jump at its start standing apart by its own end
    # ("续第2版年来……": the page's number and page word)
    anywhere = _may_end_jump(text, _page_words(rules)) or text[0] in _OPENERS
    lead = len(ln.text) - len(ln.text.lstrip())
    for pattern, anchored in _patterns(rules):
        if not (anywhere or anchored):
            continue
        for m in _pieces(pattern, anchored, ln.text):
            before, after = ln.text[: m.start()].strip(), ln.text[m.end() :].strip()
            if before and not after:
                way, below = "out", True
            elif after and not before and m.start() == lead:
                way, below = "in", False
            else:
                continue
            hit = rules.jump_line(m.group())
            if hit is None or hit[0] != way or not _clear(ln, lines, below):
                continue
            left, right = _cut(ln, m.start() if way == "out" else m.end(), jump_first=way == "in")
            return [left, right]
    return None


def _over(ln: Line, lines: list[Line]) -> Line | None:
    """The text line right over this one in its x-range (the line before it in its paragraph),
    within RUN_IN_CLEAR of its height; None when there is none."""
    h = max(ln.height, 1.0)
    best, best_gap = None, None
    for other in lines:
        if other is ln or other.vertical or min(other.x1, ln.x1) <= max(other.x0, ln.x0):
            continue
        overlap = min(other.y1, ln.y1) - max(other.y0, ln.y0)
        if overlap > SAME_ROW * min(h, max(other.height, 1.0)):
            continue
        gap = ln.y0 - other.y1
        if -SAME_ROW * h <= gap < RUN_IN_CLEAR * h and (best_gap is None or gap < best_gap):
            best, best_gap = other, gap
    return best


def _glue(a: str, b: str) -> str:
    """Two lines' texts as one: a space between Latin words or numbers, none in Chinese."""
    a, b = a.rstrip(), b.lstrip()
    return (
        a + (" " if a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum() else "") + b
    )


def _split_pair(ln: Line, lines: list[Line], rules: Rules) -> tuple[Line, list[Line]] | None:
    """A jump run into a column's last two lines and broken between them ("……高标准（下转第" /
    "12页）", "…… (continued on" / "page 12)"): the line over this one and what they become,
    (line over, [its text before the jump, if any, and the jump line]). The jump line holds the
    whole jump and stands where it ends (on this line's row; over both rows when the line over
    holds nothing else), so the text line over it is its edge, as for a jump set on a line of its
    own. None when the two lines hold no jump, when this line holds anything after it, or when
    text stands under it (no column's end)."""
    text = ln.text.strip()
    if (
        ln.vertical
        or len(text) > PAIR_TAIL_MAX
        or not _tail(rules).search(text)
        or not _clear(ln, lines, below=True)
    ):
        return None
    up = _over(ln, lines)
    if up is None or not up.text.strip():
        return None
    joined = _glue(up.text, ln.text)
    seam = len(up.text.rstrip())
    for pattern, anchored in _patterns(rules):
        for m in _pieces(pattern, anchored, joined):
            if not (m.start() < seam < m.end()) or joined[m.end() :].strip():
                continue  # the jump must run from the line over into this one, to its end
            hit = rules.jump_line(m.group())
            if hit is None or hit[0] != "out":
                continue
            before = joined[: m.start()].rstrip()
            if before:
                text_part, _ = _cut(up, m.start(), jump_first=False)
                box = ln.bbox
                kept = [text_part]
            else:
                box = (min(up.x0, ln.x0), up.y0, max(up.x1, ln.x1), ln.y1)
                kept = []
            jump = replace(ln, text=m.group().strip(), bbox=box, scripts=(), opens_paragraph=False)
            return up, [*kept, jump]
    return None


def _split_page(page: RawPage, rules: Rules) -> RawPage:
    out: list[Line] = []
    changed = False
    for ln in page.lines:
        parts = _split_line(ln, page.lines, rules)
        if parts is None:
            out.append(ln)
        else:
            out.extend(parts)
            changed = True
    # a jump broken over a column's last two lines: both lines read again as (text, jump)
    pairs = [(ln, found) for ln in out if (found := _split_pair(ln, out, rules)) is not None]
    if pairs:
        instead = {id(up): parts for _, (up, parts) in pairs}
        gone = {id(ln) for ln, _ in pairs}
        out = [x for ln in out if id(ln) not in gone for x in instead.get(id(ln), [ln])]
        changed = True
    return replace(page, lines=out) if changed else page


def split_run_in(raw: RawDocument, rules: Rules) -> RawDocument:
    """The document with every jump run into a text line cut off as a line of its own (a new
    document; pages with none are the same objects)."""
    if not _patterns(rules):
        return raw
    pages = [_split_page(p, rules) for p in raw.pages]
    if all(a is b for a, b in zip(pages, raw.pages, strict=True)):
        return raw
    return replace(raw, pages=pages)
