"""A journal paper's numbered headings: the ones run into their paragraph, and numbers that are none.

Chinese journals number their sections on up to four levels (2, 2.1, 2.1.1) and set the lower
ones in the body's own type. Two causes follow from that:

- A heading run into its paragraph on one line ("2.1.1 模型训练　本文提出…"): the text layer holds
  one line; the paragraph stage sees a paragraph opening with a number. The heading ends where a
  space stands between two Chinese characters (Chinese text has none: a full-width space set
  it apart) or where a run in another face (bold, another font, a colour) that opens the line
  ends, after at most `run_in_max_chars` characters holding no sentence's stop. It is cut off as a
  heading block of its own (its line's box estimated from the characters' advances).
- A heading whose words open with a word that also reads as its number's unit ("2.2 万物互联…",
  beside "2.5 万亿元"; rules.heading_number_doubt: no measure word, other unit or stop after it) is
  taken by its shape in the paragraph stage (a short line of no clause, alone) and kept here in the
  body's face only where the heading numbers agree with it (2.1 before it, 2.3 after it); where one
  of them does not, it is kept and warned, where neither does it is text.
- A line opening with a decimal after a finished sentence ("……增长之中。" / "2.5 万亿元的投资…")
  reads like a heading set with no space above it. A number a unit follows is no heading
  (rules' heading_number_units, in rules.heading_number_re); and a heading's number follows the
  headings before it: 2.4 after 2.3, 3 after 2.x, 2.1.1 after 2.1 (one level skipped at most,
  where a heading was missed), or the next heading follows it (a heading missed before it must not
  demote every one after it). A numbered heading whose number does not follow, set in the body's
  face (no weight, size or face of its own), is a paragraph's line: joined to the paragraph
  before it when that one's last line runs to the column's edge and this one is not set in, else
  a paragraph; warned (`heading_number_doubtful`, page and bbox). One set apart by its face is
  kept a heading, warned too: the two pieces of evidence disagree.

`numbered_headings(blocks, rules)` returns the blocks (new ones where changed; the input is not
touched) and the warnings as (code, message, page, bbox).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from statistics import median

from .models import BBox, Block, Line, Piece, Role, WarningCode
from .paragraphs import _stream, join_fragments
from .rules import Rules

# a heading's number: one to four levels
_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})(?![\d.])")
# a heading's words hold no sentence's stop
_STOPS = re.compile(r"[。！？；!?;]")
# a space between two Chinese characters (or a Chinese bracket or quote): Chinese text has none
_CJK = r"[\u3400-\u9fff\uf900-\ufaff（）“”《》、：]"
_GAP = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
# a heading's words wrapped onto the next line: Chinese characters only
_WORDS = re.compile(r"^[\u3400-\u9fff]{1,30}$")
# a block in a face of its own: this much over the body's size
SIZE_STEP = 1.06
# a first line set in by this share of its size opens a paragraph
INDENT_SHARE = 0.8
# a heading run in whose space fell at its line's end, in a text layer with no glyph for that space:
# the line stops short of the full lines under it by about that space (an em), between these
# shares of its size (a line short by more ends its paragraph: paragraphs.py)
END_GAP_MIN, END_GAP_MAX = 0.4, 1.6


def _number(text: str) -> tuple[int, ...] | None:
    m = _NUMBER.match(text)
    return tuple(int(x) for x in m.group(1).split(".")) if m else None


def fits(prev: tuple[int, ...] | None, cur: tuple[int, ...], missed: bool = False) -> bool:
    """cur follows the heading numbered prev: the next at one of its levels (2.4 after 2.3, 3 after
    2.3), or one level down (2.1.1 after 2.1), a missed heading allowed for (2.2.1 after 2.1);
    `missed`: one heading at cur's level missed too (2.5 after 2.3: asked only where the face
    speaks for a heading)."""
    if prev is None:
        return True
    if cur == prev + (1,):
        return True
    for k in range(len(prev)):
        for step in (1, 2) if missed else (1,):
            nxt = prev[:k] + (prev[k] + step,)
            if cur == nxt or cur == nxt + (1,):
                return True
    return False


def _advance(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _cut_line(ln: Line, k: int) -> tuple[Line, Line]:
    """The line cut before character k (the spaces there dropped), each part's box estimated from
    the characters' advances."""
    text = ln.text
    left_text, right_text = text[:k].rstrip(), text[k:].lstrip()
    total = _advance(text) or 1.0
    x = ln.x0 + (ln.x1 - ln.x0) * _advance(text[: len(left_text)]) / total
    xr = ln.x0 + (ln.x1 - ln.x0) * _advance(text[: len(text) - len(right_text)]) / total
    left = replace(
        ln, text=left_text, bbox=(ln.x0, ln.y0, max(x, ln.x0 + 0.1), ln.y1), scripts=(), lead_face=0
    )
    right = replace(
        ln,
        text=right_text,
        bbox=(min(xr, ln.x1 - 0.1), ln.y0, ln.x1, ln.y1),
        scripts=tuple((a - k, b - k) for a, b in ln.scripts if a >= k),
        lead_face=0,
        wrap_left=None,
    )
    return left, right


def _line_starts(blk: Block) -> list[int] | None:
    """Where each of the block's lines starts in its text (None when a line is not found there)."""
    starts, at = [], 0
    for ln in blk.lines:
        k = blk.text.find(ln.text, at)
        if k < 0:
            return None
        starts.append(k)
        at = k + len(ln.text)
    return starts


def _space_at_line_end(blk: Block) -> bool:
    """The block's first line ends where a space stood: the text layer holds a full-width space
    after its last character (Line.end_space), or, with no glyph for it, the line stops short of
    the full line under it by about an em (END_GAP_MIN..END_GAP_MAX of its size) where justified
    Chinese text runs to the column's edge."""
    first = blk.lines[0]
    if first.end_space:
        return True
    if len(blk.lines) < 3 or any(ln.page != first.page for ln in blk.lines[1:3]):
        return False
    short_by = blk.lines[1].x1 - first.x1  # (the second line is full: a third follows it)
    return END_GAP_MIN * first.size <= short_by <= END_GAP_MAX * first.size


def _run_in_end(blk: Block, rules: Rules, max_chars: int) -> int | None:
    """Where, in the block's text, a heading run into its first line (or wrapped onto its second)
    ends: a space between two Chinese characters after the number's words, the end of the
    first line's opening run in another face, or the first line's end where a space stood there
    (_space_at_line_end). None when no heading is run in."""
    text, first = blk.text, blk.lines[0]
    heading_no = rules.heading_number_re
    m = _NUMBER.match(text)
    if not m or "." not in m.group(1) or heading_no is None:
        return None
    if not (heading_no.match(text) or rules.heading_number_doubt(text)):
        return None  # (a unit word after the number: only where the heading numbers agree, below)
    start = m.end()
    ends = []
    if start + 1 < first.lead_face < len(first.text) and text.startswith(first.text):
        ends.append(first.lead_face)  # the run in the heading's face ends there
    gap = _GAP.search(text, start + 1, start + 1 + max_chars + 1)
    if gap:
        ends.append(gap.start())
    if len(blk.lines) > 1 and text.startswith(first.text) and _space_at_line_end(blk):
        ends.append(len(first.text))  # the space fell at the line's end
    for end in sorted(ends):
        words = text[start:end].strip()
        if 2 <= len(words) <= max_chars and not _STOPS.search(words) and text[end:].strip():
            return end
    return None


def _split_at(blk: Block, end: int) -> tuple[Block, Block] | None:
    """The block cut at a character offset of its text into (heading, paragraph): the lines before
    it, and the line it falls in cut there (None when the lines cannot be placed in the text)."""
    starts = _line_starts(blk)
    if starts is None:
        return None
    i = max(k for k, s in enumerate(starts) if s <= end)
    ln = blk.lines[i]
    if end - starts[i] == len(ln.text) and i + 1 < len(blk.lines):
        head_lines, first = list(blk.lines[: i + 1]), blk.lines[i + 1]  # cut at the line's end
        i += 1
    elif end - starts[i] >= len(ln.text):
        return None
    else:
        head_part, first = _cut_line(ln, end - starts[i])
        head_lines = [*blk.lines[:i], head_part] if head_part.text else list(blk.lines[:i])
    if not head_lines or not first.text:
        return None
    x0, y0 = min(x.x0 for x in head_lines), min(x.y0 for x in head_lines)
    x1, y1 = max(x.x1 for x in head_lines), max(x.y1 for x in head_lines)
    head = replace(
        blk,
        role=Role.HEADING,
        text=blk.text[:end].rstrip(),
        lines=head_lines,
        pieces=[Piece(head_lines[0].page, (x0, y0, x1, y1))],
        open_end=False,
    )
    para = replace(blk, role=Role.PARAGRAPH, text=blk.text[end:].lstrip(), lines=[first, *blk.lines[i + 1 :]])
    return head, para


def _lead_after(head: Block, blocks: list[Block], max_chars: int) -> tuple[Block, Block, Block] | None:
    """A heading wrapped onto the paragraph's first line in its own face ("3.2 传统行业是…关乎社会"
    / "稳定　传统行业吸纳…", the paragraph stage cut at the line's face): (the heading with that
    run, the paragraph block it was taken from, that block without it); None when the next body
    block opens with no such run."""
    k = next((i for i, b in enumerate(blocks) if b is head), None)
    nxt = next((b for b in blocks[k + 1 :] if _stream(b) == "body"), None) if k is not None else None
    if nxt is None or nxt.role != Role.PARAGRAPH or len(head.lines) > 2 or _STOPS.search(head.text[-1:]):
        return None
    if _indented(nxt):
        return None  # a paragraph set in begins there: nothing of the heading wrapped onto it
    first = nxt.lines[0]
    run = first.text[: first.lead_face].strip()
    if not _WORDS.match(run):
        return None
    if not run or len(head.text) + len(run) > max_chars + 8 or _STOPS.search(run) or _NUMBER.match(run):
        return None  # (a run opening with a number is the next heading's, in its bold figures)
    if not nxt.text.startswith(first.text):
        return None
    cut, rest_line = _cut_line(first, first.lead_face)
    x0, y0 = min(head.bbox[0], cut.x0), min(head.bbox[1], cut.y0)
    x1, y1 = max(head.bbox[2], cut.x1), max(head.bbox[3], cut.y1)
    joined = replace(
        head,
        text=join_fragments(head.text, run),
        lines=[*head.lines, cut],
        pieces=[Piece(head.page, (x0, y0, x1, y1))],
    )
    para = replace(nxt, text=nxt.text[first.lead_face :].lstrip(), lines=[rest_line, *nxt.lines[1:]])
    return joined, nxt, para


def _indented(blk: Block) -> bool:
    first = blk.lines[0]
    rest = [ln for ln in blk.lines[1:] if ln.page == first.page and abs(ln.x0 - first.x0) < 6 * first.size]
    return bool(rest) and first.x0 - min(ln.x0 for ln in rest) >= INDENT_SHARE * (first.size or 1.0)


def _set_apart(blk: Block, body: float) -> bool:
    """The block's face sets it apart from the body's text: weight, size, or an opening run in
    another face."""
    return (
        blk.bold or blk.size >= SIZE_STEP * body or 0 < blk.lines[0].lead_face <= len(blk.lines[0].text) // 2
    )


def _join(a: Block, b: Block) -> Block:
    return replace(
        a,
        text=join_fragments(a.text, b.text),
        lines=a.lines + b.lines,
        pieces=a.pieces + b.pieces,
        open_end=b.open_end,
    )


Found = tuple[WarningCode, str, int | None, BBox | None]


def numbered_headings(blocks: list[Block], rules: Rules) -> tuple[list[Block], list[Found]]:
    """The paper's blocks with its run-in headings cut off their paragraphs and its numbers that
    are no headings read as text (module doc), and the warnings for the doubtful ones."""
    max_chars = rules.get("academic", "numbered_headings", "run_in_max_chars", default=None)
    if max_chars is None or rules.heading_number_re is None:
        return blocks, []
    sizes = [b.size for b in blocks if b.role == Role.PARAGRAPH and _stream(b) == "body"]
    body = median(sizes) if sizes else 0.0
    out: list[Block] = []
    found: list[Found] = []
    prev: tuple[int, ...] | None = None
    last_body: int | None = None  # index in out of the last body block
    carry: Line | None = None  # a paragraph's first words cut off the heading line they ran into

    def said(blk: Block, why: str) -> None:
        found.append((WarningCode.HEADING_NUMBER_DOUBTFUL, f"{blk.text[:30]!r}: {why}", blk.page, blk.bbox))

    # the number of the next numbered heading after each block: a heading the one after it follows
    # is one, whatever came before it (a heading missed before it must not demote those after)
    after: dict[int, tuple[int, ...] | None] = {}
    nxt_num: tuple[int, ...] | None = None
    for blk in reversed(blocks):
        after[id(blk)] = nxt_num
        if blk.role == Role.HEADING and _stream(blk) == "body" and (n := _number(blk.text)) is not None:
            nxt_num = n

    def follows(blk: Block, num: tuple[int, ...]) -> bool:
        """The heading before it or the one after it agrees with the number."""
        later = after.get(id(blk))
        return fits(prev, num) or (later is not None and fits(num, later))

    instead: dict[int, Block] = {}  # a block whose opening run went to the heading before it
    for blk in blocks:
        blk = instead.get(id(blk), blk)
        if _stream(blk) != "body" or not blk.lines:
            out.append(blk)
            continue
        num = _number(blk.text)
        before = out[last_body] if last_body is not None else None
        if carry is not None:  # the text a heading line ran into: this paragraph's first words
            if blk.role == Role.PARAGRAPH and not _indented(blk):
                blk = replace(blk, text=join_fragments(carry.text, blk.text), lines=[carry, *blk.lines])
            else:
                out.append(
                    replace(
                        blk,
                        role=Role.PARAGRAPH,
                        text=carry.text,
                        lines=[carry],
                        pieces=[Piece(carry.page, carry.bbox)],
                    )
                )
            carry = None
        if blk.role == Role.HEADING and num is not None:
            shown = f"{'.'.join(map(str, num))} after {'.'.join(map(str, prev or ())) or 'none'}"
            if not follows(blk, num) and not _set_apart(blk, body):
                said(
                    blk,
                    f"heading number {shown} follows no heading before it, in the body's face: read as text",
                )
                blk = replace(blk, role=Role.PARAGRAPH)
                if (
                    before is not None
                    and before.role == Role.PARAGRAPH
                    and before.open_end
                    and not _indented(blk)
                ):
                    out[last_body] = _join(before, blk)
                    continue
                out.append(blk)
                last_body = len(out) - 1
                continue
            if not follows(blk, num):
                said(blk, f"heading number {shown} follows no heading before it: kept a heading for its face")
            elif (
                rules.heading_number_doubt(blk.text)
                and not _set_apart(blk, body)
                and not (fits(prev, num) and (after.get(id(blk)) is None or fits(num, after[id(blk)])))
            ):
                # a unit word after the number (2.2 万物…) reads as a quantity too: the numbers
                # around it agree only on one side
                said(
                    blk,
                    f"heading number {shown} is followed by a unit word and fits one neighbour only: kept",
                )
            prev = num
            end = _run_in_end(blk, rules, int(max_chars))
            parts = _split_at(blk, end) if end is not None else None
            if parts is not None:
                # a heading set apart from the paragraph below by its face, the paragraph's first
                # words run into its line: the heading is cut off them, they go on below
                blk, rest = parts
                carry = rest.lines[0] if len(rest.lines) == 1 else None
                if carry is None:
                    out.append(blk)
                    blk = rest
            else:
                found_run = _lead_after(blk, blocks, int(max_chars))
                if found_run is not None:
                    blk, nxt, rest = found_run
                    instead[id(nxt)] = rest
        elif blk.role == Role.PARAGRAPH and num is not None:
            end = _run_in_end(blk, rules, int(max_chars))
            parts = (
                _split_at(blk, end)
                if end is not None
                and (
                    fits(prev, num)
                    or blk.lines[0].lead_face == end
                    or (blk.lines[0].lead_face and fits(prev, num, missed=True))
                )
                # a unit word after the number ("2.2 万物互联　…") reads as a quantity too: cut
                # only where the heading before agrees with the number
                and (fits(prev, num) or not rules.heading_number_doubt(blk.text))
                else None
            )
            if parts is not None:
                head, blk = parts
                out.append(head)
                prev = num
            elif (
                not follows(blk, num)
                and rules.heading_number_re.match(blk.text)
                and before is not None
                and before.role == Role.PARAGRAPH
                and before.open_end
                and not _indented(blk)
            ):
                # the paragraph stage broke the paragraph at a line opening with a number after a
                # finished sentence; the number follows no heading: one paragraph again
                said(
                    blk,
                    f"line opening with {'.'.join(map(str, num))} after a finished sentence: "
                    "no heading's number there, the paragraph goes on",
                )
                out[last_body] = _join(before, blk)
                continue
        out.append(blk)
        last_body = len(out) - 1
    return out, found
