"""A paragraph break in the middle of a text-layer row: where it is, and the row cut there.

Some typesetters (a Founder file among them) set a paragraph's last line, when it holds a character
and its full stop, and the next paragraph's first line on one row: the first line starts at its
indent, past the short line's end. Read as one line, the two paragraphs become one. The row is cut
where the glyphs show it, while lines are built, so each side keeps its glyphs and positions. All
of these must hold:

- the left piece starts the row, holds Chinese text (a loose Latin line's spaces may stretch as
  wide as the gap) and ends a sentence (a full stop, ! or ?, a closing mark after them); it is no
  list number ("1.", "a.");
- then the glyph positions jump: a gap with no ink in it (a space MuPDF put in for the gap is no
  ink; a repaired space glyph is) at least RUNON_GAP_EM wide, wider than a sentence's space, and
  wider by RUNON_WIDER_EM than the row's usual gap between glyphs (justification spreads its glue
  evenly, and a paragraph's last line is set tight);
- the right piece starts where the page's paragraphs start: another row of the same type starts
  that far (RUNON_INDENT_MIN_EM to RUNON_INDENT_MAX_EM, to within RUNON_INDENT_ALIGN) to the right
  of a column edge where rows start;
- a row of the same type within RUNON_ROWS above or below starts where this row starts and ends
  where the right piece ends (a full line of the column: the left edge is the column's, the right
  piece a full first line).
"""

from __future__ import annotations

import operator
import re

from .glyphs import SPACE_HOLDER

RUNON_GAP_EM = 0.7
RUNON_WIDER_EM = 0.3
RUNON_INDENT_MIN_EM = 1.5
RUNON_INDENT_MAX_EM = 3.0
RUNON_ROWS = 2.5  # ems of the row's type above and below: two rows at the loosest leading
RUNON_ALIGN = 1.0  # pt: rows that start or end "at the same place"
RUNON_INDENT_ALIGN = 1.2  # pt: a first line's indent, as another first line on the page shows it
RUNON_EDGE_ROWS = 3  # rows starting at one x that make it a column's left edge
SAME_TYPE = 0.03  # share of size within which two rows are set in one type

_SENTENCE_END = re.compile(r"[.。．!！?？][”’」』）)]?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")  # a Chinese paragraph's end (a loose Latin line spreads its spaces)
_LIST_NUMBER = re.compile(r"^[(（]?[0-9A-Za-zⅠ-Ⅻⅰ-ⅻ]{1,4}[)）]?[.．]$")
_STOP = re.compile(r"[.。．!！?？]")  # a glyph that can end the left piece's sentence
_CHAR = operator.itemgetter("c")


def _row(runs: list[dict]) -> tuple[float, float, float, float]:
    """A row's baseline, size, left and right."""
    if len(runs) == 1:  # the usual row: one run
        run = runs[0]
        return run["origin"][1], run["size"], run["bbox"][0], run["bbox"][2]
    ref = max(runs, key=lambda r: len(r["text"].strip()))
    return (
        ref["origin"][1],
        ref["size"],
        min(r["bbox"][0] for r in runs),
        max(r["bbox"][2] for r in runs),
    )


def _glyphs(runs: list[dict], until: float) -> list[tuple[dict, int]]:
    """The row's glyphs left to right that start before x = until, each as (its run, its index in
    the run): a repaired space glyph (SPACE_HOLDER) counts, a space character does not (MuPDF
    puts one in for any gap it sees)."""
    out = []
    for run in runs:
        if run["bbox"][0] >= until:
            continue
        for i, c in enumerate(run.get("chars") or ()):
            if c["bbox"][0] < until and (c["c"] == SPACE_HOLDER or c["c"].strip()):
                out.append((run, i))
    out.sort(key=lambda g: g[0]["chars"][g[1]]["bbox"][0])
    return out


def _cut_run(run: dict, lo: int, hi: int) -> dict:
    """The part of a run from glyph lo to glyph hi (exclusive), with its own text and box."""
    chars = run["chars"][lo:hi]
    return dict(
        run,
        chars=chars,
        text="".join(c["c"] for c in chars),
        origin=chars[0]["origin"],
        bbox=(
            chars[0]["bbox"][0],
            min(c["bbox"][1] for c in chars),
            chars[-1]["bbox"][2],
            max(c["bbox"][3] for c in chars),
        ),
    )


def _split(runs: list[dict], at: float) -> tuple[list[dict], list[dict]]:
    """The row's runs left of x = at and right of it, a run across it cut between its glyphs."""
    left, right = [], []
    for run in runs:
        chars = run.get("chars") or []
        if run["bbox"][2] <= at or not chars:
            (left if run["bbox"][0] < at else right).append(run)
        elif run["bbox"][0] >= at:
            right.append(run)
        else:
            k = next(i for i, c in enumerate(chars) if c["bbox"][0] >= at)
            left.append(_cut_run(run, 0, k))
            right.append(_cut_run(run, k, len(chars)))
    return left, right


Row = tuple[float, float, float, float]  # baseline, size, left, right


def _indents(rows: list[Row]) -> list[tuple[float, float, float]]:
    """The page's first-line indents: (size, column edge, offset) of each row of a size that
    starts RUNON_INDENT_MIN_EM to RUNON_INDENT_MAX_EM right of an x where RUNON_EDGE_ROWS rows of
    that size start."""
    keys = [(round(size, 1), round(x0)) for _, size, x0, _ in rows]
    starts: dict[tuple[float, float], int] = {}
    for key in keys:
        starts[key] = starts.get(key, 0) + 1
    edges: dict[float, list[float]] = {}  # size -> the x of each column edge rows of that size start at
    for (e_size, edge), n in starts.items():
        if n >= RUNON_EDGE_ROWS:
            edges.setdefault(e_size, []).append(edge)
    out = []
    if not edges:
        return out
    for (_, size, x0, _), (r_size, _) in zip(rows, keys, strict=True):
        for edge in edges.get(r_size, ()):
            if RUNON_INDENT_MIN_EM * size <= x0 - edge <= RUNON_INDENT_MAX_EM * size:
                out.append((size, float(edge), x0 - edge))
    return out


def _stop_before(runs: list[dict], until: float) -> bool:
    """Whether a glyph that can end a sentence starts left of x = until: the left piece ends a
    sentence, so a row without one there has no break (a cheap test that keeps the glyph-by-glyph
    reading off a page's ordinary rows, most of which hold no full stop in their first ems)."""
    for run in runs:
        chars = run.get("chars") or ()
        if run["bbox"][0] >= until or not chars:
            continue
        text = "".join(map(_CHAR, chars))
        if len(text) != len(chars):
            return True  # a glyph of more than one character: no index to go by, read it all
        if any(chars[m.start()]["bbox"][0] < until for m in _STOP.finditer(text)):
            return True
    return False


def _break_at(
    runs: list[dict], row: Row, rows: list[Row], indents: list[tuple[float, float, float]]
) -> float | None:
    """Where the row's paragraph break stands (the x of the right piece's first glyph), or None."""
    base, size, x0, x1 = row
    if x1 - x0 < 2 * RUNON_INDENT_MAX_EM * size:
        return None  # a short row: no full first line on it
    if not any(abs(s - size) <= SAME_TYPE * size for s, _, _ in indents):
        return None  # no first line of its type on the page to start where the right piece would
    until = x0 + (RUNON_INDENT_MAX_EM + 0.1) * size
    if not _stop_before(runs, until):
        return None  # no full stop where the left piece would end
    glyphs = _glyphs(runs, until)
    boxes = [g[0]["chars"][g[1]]["bbox"] for g in glyphs]
    gaps = [b[0] - a[2] for a, b in zip(boxes, boxes[1:], strict=False)]
    for k, gap in enumerate(gaps):
        start = boxes[k + 1][0]
        if gap < RUNON_GAP_EM * size or start - x0 < RUNON_INDENT_MIN_EM * size:
            continue
        if start - x0 > RUNON_INDENT_MAX_EM * size:
            return None  # past any indent: the row's left piece would be a full line
        if any(glyphs[j][0].get("script") for j in (k, k + 1)):
            continue  # a citation's gap is its own
        every = [g[0]["chars"][g[1]]["bbox"] for g in _glyphs(runs, x1)]
        others = sorted(b[0] - a[2] for a, b in zip(every, every[1:], strict=False) if a is not boxes[k])
        if not others or gap < others[len(others) // 2] + RUNON_WIDER_EM * size:
            return None  # the row's usual spacing (a letter-spaced line)
        if not any(
            abs(s - size) <= SAME_TYPE * size and abs(x0 + off - start) <= RUNON_INDENT_ALIGN
            for s, _, off in indents
        ):
            return None  # not where the page's paragraphs start
        left = "".join(g[0]["chars"][g[1]]["c"] for g in glyphs[: k + 1]).replace(SPACE_HOLDER, "").strip()
        if not _SENTENCE_END.search(left) or _LIST_NUMBER.match(left) or not _CJK.search(left):
            return None
        end = x1
        full = any(
            0.5 * size <= abs(b - base) <= RUNON_ROWS * size
            and abs(s - size) <= SAME_TYPE * size
            and abs(left - x0) <= RUNON_ALIGN
            and abs(right - end) <= RUNON_ALIGN
            for b, s, left, right in rows
        )
        return start if full else None
    return None


def split_runon_rows(lines: list[list[dict]]) -> list[list[dict]]:
    """The page's rows (lists of runs), each row that holds one paragraph's end and the next one's
    start cut in two at the break (module doc), the runs of the right piece marked
    opens_paragraph; other rows as they are."""
    row_of = [_row(runs) if runs else None for runs in lines]
    rows = [row for row in row_of if row is not None]
    indents = _indents(rows)
    if not indents:
        return list(lines)  # no paragraph on the page starts at an indent: no right piece can
    out = []
    for runs, row in zip(lines, row_of, strict=True):
        at = _break_at(runs, row, rows, indents) if runs else None
        if at is None:
            out.append(runs)
            continue
        left, right = _split(runs, at)
        out += [left, [dict(r, opens_paragraph=True) for r in right]]
    return out
