"""Text drawn more than once, read once.

Chinese fonts rarely come with a bold, so bold is faked by drawing the same glyphs two to four
times a fraction of a point apart; a title gets a drop shadow (the same text again a point or two
off, in grey, under it); some engines draw a text box twice, stroked as an outline and filled.
MuPDF folds a glyph repeated right after itself, but not a line, word or shadow drawn again: the
text layer then holds those characters two or more times (a title that repeats itself, a heading
read twice, 国际 and 国际 on one baseline).

The test is positional overlap, never the sequence: a copy is the same character, at a similar
size, its origin within a fraction of an em of the glyph's and its box mostly over the glyph's
box. Repeats a reader sees ('ll', 哈哈, ……, ——, the same figure in two cells of a table, a title
letter-spaced) stand side by side, their boxes touching at most, and are kept. Of a glyph and its
copies the one drawn last (on top: the text over its shadow) is kept. A copy of the same colour
drawn a little off the glyph is a faked bold: the glyph is read as bold (char flag 8, synthetic
bold, as MuPDF marks text filled and stroked at once).

The copies' characters are not lost to conservation: each kept glyph carries them ("copies"),
the line built from it holds them in `Line.overprint`, and residue.py counts them with that line
(claimed where it is claimed); `overprint_warnings` names each page read so, with the line holding
the most copies as its place.

Only glyph runs whose boxes overlap another run's by a glyph, or whose glyphs step back over each
other, are looked at glyph by glyph: on a page without overprint none is, and the page costs one
sort of its runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .models import RawPage, Warning, WarningCode

# a copy's origin is within this many ems of the glyph's, across and down (a faked bold is drawn
# 0.2-0.5 pt off, a shadow 1-2 pt: 0.3 em holds a 2 pt shadow from 7 pt type up)
COPY_SHIFT_EM = 0.3
# and the two boxes overlap across by at least this share of the narrower one (neighbours set side
# by side touch: 0; tracked tight, 'll' overlaps by 0.2; a 2 pt shadow of a 3.4 pt '(' by 0.4),
# or at all when the copy stands off the glyph's baseline by OFF_BASELINE_EM or more (neighbours on
# a line share it: a shadow 1.6 pt right and 1.9 pt down of an 8.5 pt "'" overlaps it by 0.2) ...
COPY_OVERLAP_X = 0.3
OFF_BASELINE_EM = 0.05
# ... and down by at least this share of the shorter one (lines set solid overlap by 0.25 at most)
COPY_OVERLAP_Y = 0.5
# and its size differs from the glyph's by less than this share
COPY_SIZE = 0.1
# runs whose boxes overlap by this share of the shorter one's height (down and across) are looked
# at glyph by glyph
RUN_OVERLAP = 0.5
# a run whose glyphs step back over the one before by more than this many ems is looked at glyph by
# glyph (kerning steps back 0.05 em; a glyph drawn again a fraction of a point off, a whole glyph)
STEP_BACK_EM = 0.15
# a copy of the same colour off the glyph by more than this (pt) is a faked bold; exactly over it
# (an outline drawn over the fill) is not
BOLD_SHIFT_PT = 0.05
SYNTHETIC_BOLD = 8  # rawdict char_flags: synthetic bold (extract._span_bold reads it)


def _overlap_a_glyph(a, b) -> bool:
    """Boxes a and b overlap by RUN_OVERLAP of the shorter one's height down and as much across
    (of a one-glyph run's width): a glyph's worth of both (a line drawn again may come joined to
    other text, overlapping only in part)."""
    tall = min(a[3] - a[1], b[3] - b[1])
    wide = min(tall, a[2] - a[0], b[2] - b[0])  # a run of one narrow glyph: its width
    return (
        min(a[2], b[2]) - max(a[0], b[0]) >= RUN_OVERLAP * wide
        and min(a[3], b[3]) - max(a[1], b[1]) >= RUN_OVERLAP * tall
    )


def _overlapping(boxes: list) -> set[int]:
    """Indexes of the runs whose boxes overlap another's by a glyph: one sweep down the page."""
    tops = [b[1] for b in boxes]
    active: list[int] = []  # the runs reaching below the top of the one at hand
    hit: set[int] = set()
    for i in sorted(range(len(boxes)), key=tops.__getitem__):
        b = boxes[i]
        still = []
        for j in active:
            c = boxes[j]
            if c[3] > b[1]:
                still.append(j)
                if b[0] < c[2] and c[0] < b[2] and _overlap_a_glyph(b, c):
                    hit.update((i, j))
        still.append(i)
        active = still
    return hit


def _is_copy(c: tuple, k: tuple) -> bool:
    """Glyph c drawn again as glyph k (both (char, size, colour, origin, bbox)): same character,
    same size, origins close, boxes over each other."""
    size, k_size = c[1], k[1]
    if abs(size - k_size) > COPY_SIZE * max(size, k_size):
        return False
    reach = COPY_SHIFT_EM * max(size, k_size)
    (cx, cy), (kx, ky) = c[3], k[3]
    if abs(cx - kx) > reach or abs(cy - ky) > reach:
        return False
    a, b = c[4], k[4]
    across = min(a[2], b[2]) - max(a[0], b[0])
    down = min(a[3], b[3]) - max(a[1], b[1])
    if across <= 0 or down < COPY_OVERLAP_Y * min(a[3] - a[1], b[3] - b[1]):
        return False
    return across >= COPY_OVERLAP_X * min(a[2] - a[0], b[2] - b[0]) or abs(cy - ky) >= OFF_BASELINE_EM * size


def find_copies(glyphs: list[tuple]) -> tuple[dict[int, int], set[int], dict[int, int]]:
    """Of glyphs (char, size, colour, origin, bbox) in drawing order: which are copies of which
    (index -> index of the glyph kept, the last drawn of them), which kept glyphs are a faked bold
    (a copy of their colour a little off them), and where each kept glyph stands (index -> the
    first drawn of its colour: a faked bold is drawn at the pen's place, then again to the right;
    taking the last copy's place would move a bold word off the text around it)."""
    seen: dict[str, list[int]] = {}  # every glyph looked at so far, by character
    of: dict[int, int] = {}
    bold: set[int] = set()
    place: dict[int, int] = {}
    for i in range(len(glyphs) - 1, -1, -1):
        g = glyphs[i]
        # a copy of any glyph of a group is in the group: four drawings 0.5 pt apart of a narrow
        # glyph (’, l) overlap their neighbours, not the one drawn last
        for j in seen.get(g[0], ()):
            if _is_copy(g, glyphs[j]):
                k = of.get(j, j)
                of[i] = k
                if g[2] == glyphs[k][2]:
                    place[k] = i
                    shift = max(abs(g[3][0] - glyphs[k][3][0]), abs(g[3][1] - glyphs[k][3][1]))
                    if shift > BOLD_SHIFT_PT:
                        bold.add(k)
                break
        seen.setdefault(g[0], []).append(i)
    return of, bold, place


def collapse_overprint(lines: list[list[dict]], reread: Callable[[dict], list[dict]]) -> list[list[dict]]:
    """A page's lines of glyph runs (extract._span_runs) with every glyph drawn again over itself
    read once.

    Looked at glyph by glyph: the runs whose boxes overlap another run's by a glyph, and those
    whose own glyphs step back over each other (`redrawn`, set by _span_runs). The input is not
    changed: a run with copies taken out is cut there (each piece consecutive glyphs again, cut
    too where a faked bold starts or ends) and each piece read again as runs (`reread`); a kept
    glyph with copies carries their characters ("copies") and its run says so ("overprint").
    Lines without copies are returned as they are."""
    at, boxes, suspects = [], [], set()
    for li, runs in enumerate(lines):
        for ri, run in enumerate(runs):
            at.append((li, ri))
            boxes.append(run["bbox"])
            if "redrawn" in run:
                suspects.add((li, ri))
    suspects.update(at[i] for i in _overlapping(boxes))
    if not suspects:
        return lines
    where = []  # (line, run, char) of each glyph looked at, in drawing order
    glyphs = []
    for li, ri in sorted(suspects):
        run = lines[li][ri]
        for ci, c in enumerate(run["chars"]):
            where.append((li, ri, ci))
            glyphs.append((c["c"], run["size"], run["color"], c["origin"], c["bbox"]))
    of, bold_at, place_at = find_copies(glyphs)
    if not of:
        return lines
    dropped = {where[i] for i in of}
    copies: dict[tuple[int, int, int], list[str]] = {}  # kept glyph -> its copies' characters
    for i, k in sorted(of.items()):
        copies.setdefault(where[k], []).append(glyphs[i][0])
    bold = {where[k] for k in bold_at}
    place = {where[k]: glyphs[i][3:] for k, i in place_at.items()}  # kept glyph -> (origin, bbox)
    touched = {key[:2] for key in dropped} | {key[:2] for key in copies}
    out = []
    for li, runs in enumerate(lines):
        if not any((li, ri) in touched for ri in range(len(runs))):
            out.append(runs)
            continue
        kept = []
        for ri, run in enumerate(runs):
            if (li, ri) not in touched:
                kept.append(run)
                continue
            chars = [(ci, c) for ci, c in enumerate(run["chars"]) if (li, ri, ci) not in dropped]
            for piece in _pieces(run, chars, (li, ri), copies, bold, place):
                kept += reread(piece)
        if kept:
            out.append(kept)
    return out


def _pieces(
    run: dict, chars: list[tuple[int, dict]], key: tuple, copies: dict, bold: set, place: dict
) -> list[dict]:
    """The run's kept glyphs as pieces of consecutive glyphs of one weight, each a span of its own
    (its text read again from them by the caller)."""
    groups: list[list[tuple[int, dict]]] = []
    for ci, c in chars:
        if (
            groups
            and groups[-1][-1][0] == ci - 1
            and ((*key, groups[-1][-1][0]) in bold) == ((*key, ci) in bold)
        ):
            groups[-1].append((ci, c))
        else:
            groups.append([(ci, c)])
    out = []
    for group in groups:
        glyphs = []
        for ci, c in group:
            got = copies.get((*key, ci))
            if got:
                origin, box = place.get((*key, ci), (c["origin"], c["bbox"]))
                c = dict(c, copies="".join(got), origin=origin, bbox=box)
            glyphs.append(c)
        piece = {k: v for k, v in run.items() if k not in ("text", "redrawn")}
        piece.update(
            chars=glyphs,
            origin=glyphs[0]["origin"],
            bbox=(
                min(c["bbox"][0] for c in glyphs),
                min(c["bbox"][1] for c in glyphs),
                max(c["bbox"][2] for c in glyphs),
                max(c["bbox"][3] for c in glyphs),
            ),
        )
        if any("copies" in c for c in glyphs):
            piece["overprint"] = True
        if (*key, group[0][0]) in bold:
            piece["char_flags"] = run.get("char_flags", 0) | SYNTHETIC_BOLD
        out.append(piece)
    return out


def overprint_text(spans: Iterable[dict]) -> str:
    """The characters of the copies drawn over these spans' glyphs (read once), in order."""
    return "".join(c.get("copies", "") for s in spans if s.get("overprint") for c in s["chars"])


def overprint_warnings(pages: list[RawPage]) -> list[Warning]:
    """`text_overprint` for each page holding glyphs drawn more than once, read once: how many
    copies on how many lines, placed at the line with the most (a fake-bold magazine would give a
    warning per heading otherwise)."""
    out = []
    for p in pages:
        lines = [ln for ln in p.lines if ln.overprint]
        if not lines:
            continue
        most = max(lines, key=lambda ln: len(ln.overprint))
        n = sum(len(ln.overprint) for ln in lines)
        out.append(
            Warning(
                WarningCode.TEXT_OVERPRINT,
                f"{n} copies of glyphs drawn over themselves (a faked bold, a shadow or an outline) "
                f"read once, on {len(lines)} line(s); the most on “{most.text[:24]}”",
                page=p.number,
                bbox=most.bbox,
            )
        )
    return out


def plumber_without_copies(page):
    """A pdfplumber page (or a crop of one) without the copies of its glyphs drawn more than once
    (the same test, on pdfplumber's chars: origin read as the box's left and bottom edge); the page
    itself when it has none. pdfplumber reads the table areas from the file, not from extract's
    lines: without this a heading drawn twice is a cell reading 政政策策名名称称."""
    chars = page.chars
    glyphs = [
        (
            c["text"],
            c["size"],
            c.get("non_stroking_color"),
            (c["x0"], c["bottom"]),
            (c["x0"], c["top"], c["x1"], c["bottom"]),
        )
        for c in chars
    ]
    of, _, _ = find_copies(glyphs)
    if not of:
        return page
    drop = {id(chars[i]) for i in of}
    return page.filter(lambda obj: id(obj) not in drop)
