"""Display type set in columns of its own at the head of the text: a deck (standfirst) in two
columns of another face over a body in one column, or in three (layout).

A band of lines between two full-width lines is read as one set of columns, found from the
whitespace that runs down the whole band. A deck in two columns of grey slanted type over a body
in one column has no such gutter (the body runs across it), so each deck line would be read
across the gutter into the line beside it. The rows at the band's head that stand side by side,
in faces the band's body text does not use, are their own band: their columns are read one after
the other before the text under them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .models import Line

# two lines of one row stand side by side (a gutter between them) when at least this many ems of
# their type apart
HEAD_GUTTER_EM = 1.0
# rows with lines side by side needed to call the head of a band columns of its own
HEAD_SPLIT_ROWS = 2
# a deck in columns is running text in one face (or two: the Chinese deck and its English beside
# it): at most this many faces, its lines this many characters long at the median (a contents
# page's numbers, titles and labels side by side are short lines in many faces)
HEAD_MAX_FACES = 2
HEAD_MIN_CHARS = 12


def _face(ln: Line) -> tuple[float, int, bool, bool]:
    """Size, colour, slant and weight: not the font's name (a Type 3 font is one name a glyph)."""
    return (round(ln.size * 2) / 2, ln.color, ln.italic, ln.bold)


def _rows(lines: list[Line]) -> list[list[Line]]:
    """The lines grouped into rows (overlapping vertically), top to bottom."""
    rows: list[list[Line]] = []
    bottom = 0.0  # the lowest bottom of the row at hand's lines
    for ln in sorted(lines, key=lambda ln: (ln.y0, ln.x0)):
        if rows and ln.y0 < bottom - 0.3 * ln.size:
            rows[-1].append(ln)
            bottom = max(bottom, ln.y1)
        else:
            rows.append([ln])
            bottom = ln.y1
    return rows


def _side_by_side(row: list[Line]) -> bool:
    if len(row) < 2:
        return False
    row = sorted(row, key=lambda ln: ln.x0)
    return len(row) >= 2 and all(
        b.x0 - a.x1 >= HEAD_GUTTER_EM * max(a.size, b.size) for a, b in zip(row, row[1:], strict=False)
    )


def split_head_columns(run: list[Line], placed: Callable[[Line], bool]) -> list[list[Line]]:
    """The band's lines as one band, or cut round its head columns: the first rows set side by
    side in faces of their own (at least HEAD_SPLIT_ROWS such rows, no line in the band's body
    face), the rows above them (a subtitle), then the rest (with
    the band's boxes and pictures, which `placed` tells, kept where they stand)."""
    texts = [ln for ln in run if not placed(ln)]
    if len(texts) < 2 * HEAD_SPLIT_ROWS:
        return [run]
    face_of = {id(ln): _face(ln) for ln in texts}  # each line's face, worked out once
    body_face = Counter(face_of[id(ln)] for ln in texts).most_common(1)[0][0]
    rows = _rows(texts)
    split_faces = {face_of[id(ln)] for row in rows if _side_by_side(row) for ln in row}
    split_faces.discard(body_face)
    if not split_faces:  # no row stands side by side in a face of its own: no head columns
        return [run]
    inside = [all(face_of[id(ln)] in split_faces for ln in row) for row in rows]
    if True not in inside:
        return [run]
    first = inside.index(True)  # under a subtitle or a line of the title area the band holds
    if any(face_of[id(ln)] == body_face for row in rows[:first] for ln in row):
        return [run]  # the band's text starts above it: these rows are inside the text
    last = first
    while last + 1 < len(rows) and inside[last + 1]:
        last += 1
    head = rows[first : last + 1]
    if sum(_side_by_side(row) for row in head) < HEAD_SPLIT_ROWS or last == len(rows) - 1:
        return [run]
    band = [ln for row in head for ln in row]
    lengths = sorted(len(ln.text.strip()) for ln in band)
    if len({face_of[id(ln)] for ln in band}) > HEAD_MAX_FACES or lengths[len(lengths) // 2] < HEAD_MIN_CHARS:
        return [run]
    above = {id(ln) for row in rows[:first] for ln in row}
    ids = {id(ln) for row in head for ln in row}
    # the head's gutters: gaps that run down its rows, each shared by HEAD_SPLIT_ROWS rows or more
    # (one row's gap alone is a justified line's stretched word space: "metal-intercalated
    # iron-selenide-based", set apart by four ems in a narrow column, is no gutter)
    row_gaps = [
        [(a.x1, b.x0) for a, b in zip(row, row[1:], strict=False)]
        for row in (sorted(row, key=lambda ln: ln.x0) for row in head if _side_by_side(row))
    ]
    gaps = [
        g
        for gs in row_gaps
        for g in gs
        if sum(any(o0 < g[1] and o1 > g[0] for o0, o1 in other) for other in row_gaps) >= HEAD_SPLIT_ROWS
    ]
    crossed = any(ln.x0 < g0 and ln.x1 > g1 for ln in texts if id(ln) not in ids for g0, g1 in gaps)
    faces = {_face(ln) for ln in band}
    under = [ln for ln in texts if id(ln) not in ids and id(ln) not in above]
    if not crossed and (any(ln.bold for ln in band) or any(_face(ln) in faces for ln in under)):
        # the text under it keeps its gutters: bold type side by side is two headings at the top
        # of two columns, each the column's own (a deck is set light); and type whose face the
        # columns print again under it is their text, each column's lines carried over from the
        # page or column before (the ends of a round-up's English versions at the top of three
        # columns), not a deck, which the text under it never sets again
        return [run]
    parts = [
        [ln for ln in run if id(ln) in above],
        [ln for ln in run if id(ln) in ids],
        [ln for ln in run if id(ln) not in ids and id(ln) not in above],
    ]
    return [p for p in parts if p]
