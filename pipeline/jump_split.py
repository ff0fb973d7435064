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
from collections.abc import Callable
from dataclasses import dataclass, field, replace

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


def cut_line(ln: Line, k: int) -> tuple[Line, Line]:
    """The line cut before character k into (left, right), each with its own box estimated from
    the characters' advances, the spaces between dropped (a caption's credit printed on its line:
    regions._credit_cut)."""
    return _cut(ln, k, jump_first=False)


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


# the most digits a jump's page number holds (the rules' patterns read \d{1,4})
PAGE_DIGITS = 4


@dataclass
class FolioEvidence:
    """What the issue's pages say about the page an in jump names when its number runs into the
    text's own digits ("Continued from page 32025年…": page 3, 32, 320 or 3202?): the folio each
    page prints (`folios`: PDF page -> printed folio or None, read only when first asked: the
    furniture of the pages as they stand), and the out jumps each page ends a part with."""

    raw: RawDocument
    rules: Rules
    folios: Callable[[], dict[int, int | None]] | None = None
    _printed: dict[int, int] | None = field(default=None, repr=False)
    _outs: dict[int, list[int | None]] = field(default_factory=dict, repr=False)

    def printed(self) -> dict[int, int]:
        """PDF page -> its printed folio, pages printing none given their neighbours' offset (as
        articles.printed_folios does); empty when no page prints one."""
        if self._printed is None:
            known = {p: f for p, f in (self.folios() if self.folios else {}).items() if f is not None}
            out: dict[int, int] = {}
            for page in self.raw.pages:
                if page.number in known:
                    out[page.number] = known[page.number]
                elif known:
                    near = min(known, key=lambda n: (abs(n - page.number), n))
                    out[page.number] = page.number + known[near] - near
            self._printed = out
        return self._printed

    def page_of(self, folio: int) -> int | None:
        """The PDF page printing this folio (the first, should two claim it)."""
        return next((p for p, f in sorted(self.printed().items()) if f == folio), None)

    def outs(self, number: int) -> list[int | None]:
        """The printed pages the out jumps on a PDF page name (None: the next page), whether set
        on a line of their own or run into a line's end."""
        if number not in self._outs:
            page = next((p for p in self.raw.pages if p.number == number), None)
            named = []
            for ln in page.lines if page else []:
                hit = self.rules.jump_line(ln.text.strip())
                if hit is None:
                    for pattern, anchored in _patterns(self.rules):
                        if anchored:
                            continue
                        for m in _pieces(pattern, anchored, ln.text):
                            if not ln.text[m.end() :].strip() and (h := self.rules.jump_line(m.group())):
                                hit = h
                if hit is not None and hit[0] == "out":
                    named.append(hit[1])
            self._outs[number] = named
        return self._outs[number]

    def sent_from(self, folio: int, here: int) -> tuple[bool, bool]:
        """(a page printing this folio stands before the page `here`, an out jump on it names
        `here`): the part an in jump on `here` names ended there."""
        page = self.page_of(folio)
        if page is None or page >= here:
            return False, False
        mine = self.printed().get(here)
        return True, any(n == mine if n is not None else page + 1 == here for n in self.outs(page))


def _page_cut(ln: Line, m: re.Match, lead: int, rules: Rules, evidence: FolioEvidence | None) -> int | None:
    """Where an in jump run into a line ends when its page's number runs into the text's own
    digits ("Continued from page 32025年…"): after each count of the run's first digits (up to
    PAGE_DIGITS, the text keeping the rest) the piece names another page. The folio -> page map
    decides: of the pages named, the one whose page ends a part with an out jump naming this page;
    else the only one the issue prints before this page. None when the evidence does not single
    out one (the line is left whole, as any line the patterns do not read)."""
    text = ln.text
    s = m.end()
    while s > 0 and text[s - 1].isdigit():
        s -= 1
    e = m.end()
    while e < len(text) and text[e].isdigit():
        e += 1
    cuts = []
    for c in range(s + 1, min(s + PAGE_DIGITS, e) + 1):
        hit = rules.jump_line(text[lead:c])
        if hit is not None and hit[0] == "in" and hit[1] == int(text[s:c]):
            cuts.append(c)
    if len(cuts) == 1 or evidence is None:
        return cuts[0] if len(cuts) == 1 else None
    said = {c: evidence.sent_from(int(text[s:c]), ln.page) for c in cuts}
    sent = [c for c in cuts if said[c][1]]
    before = [c for c in cuts if said[c][0]]
    found = sent if sent else before
    return found[0] if len(found) == 1 else None


def _split_line(
    ln: Line, lines: list[Line], rules: Rules, evidence: FolioEvidence | None = None
) -> list[Line] | None:
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
            end = m.end()
            if way == "in" and m.group()[-1:].isdigit() and ln.text[end : end + 1].strip():
                # the page's number runs into the text ("Continued from page 32025年…")
                end = _page_cut(ln, m, lead, rules, evidence)
                if end is None:
                    continue
            hit = rules.jump_line(ln.text[m.start() : end] if way == "in" else m.group())
            if hit is None or hit[0] != way or not _clear(ln, lines, below):
                continue
            left, right = _cut(ln, m.start() if way == "out" else end, jump_first=way == "in")
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


def _split_page(page: RawPage, rules: Rules, evidence: FolioEvidence | None = None) -> RawPage:
    out: list[Line] = []
    changed = False
    for ln in page.lines:
        parts = _split_line(ln, page.lines, rules, evidence)
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


def split_run_in(
    raw: RawDocument, rules: Rules, folios: Callable[[], dict[int, int | None]] | None = None
) -> RawDocument:
    """The document with every jump run into a text line cut off as a line of its own (a new
    document; pages with none are the same objects). folios: the folio each PDF page prints
    (None where it prints none), asked only when an in jump's page number runs into the text's
    digits (_page_cut); without it such a jump is cut only where one page alone can be meant."""
    if not _patterns(rules):
        return raw
    evidence = FolioEvidence(raw, rules, folios)
    pages = [_split_page(p, rules, evidence) for p in raw.pages]
    if all(a is b for a, b in zip(pages, raw.pages, strict=True)):
        return raw
    return replace(raw, pages=pages)
