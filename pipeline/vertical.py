"""Text that does not run left to right across the page, read in its own direction (extract).

Chinese magazines print text down or up the page: section names rotated 90° along the outer edge
as thumb tabs, titles and pull quotes set vertically (竖排: characters stacked top to bottom,
columns right to left), photo credits rotated beside a photo, labels along a page edge. A PDF
draws it in one of three ways, and MuPDF reports each differently:

- rotated type: a raw line whose direction is not (1, 0) (rotated 90° reads up, (0, -1); 270°
  reads down, (0, 1));
- a vertical-writing font (WMode 1, Identity-V or a -V CMap): one raw line per character,
  direction (0, 1);
- horizontal glyphs placed one under the other: one raw line per character, direction (1, 0).

Left to the horizontal line builder, the first gives a tall line sorted by its first glyph's
baseline, and the other two give one-character lines that join the horizontal lines beside them
character by character. Here each is taken out of the page's raw lines first and rebuilt as
whole lines in reading order (the characters along the direction; a second column of the same
setting after the first: right to left for text reading down, left to right for text reading
up), each one `Line` with `vertical` set when it runs down or up the page. What a line is (a
running tab, a title, a credit) is decided by the stages that type lines, from where it stands.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter

from .glyphs import SPACE_HOLDER
from .models import Line

# A raw line is turned when its direction is further than this from left to right (degrees): a
# page scanned a little askew keeps its lines.
TURNED_DEG = 10.0
# Horizontal glyphs stacked into a vertical column: at least STACK_MIN glyphs of one size (within
# STACK_SIZE_SHARE), centred on one vertical (within STACK_ALIGN_EM), each STACK_PITCH_MIN_EM to
# STACK_PITCH_EM ems below the one before (a vertical setting's advance is an em, letter-spaced a
# little; a label set one character a line, as HTML does it with a line break after each, keeps the
# line's leading, up to 1.5 ems: a column of a text grid set one glyph at a time, at the same pitch,
# is told apart by its neighbours across, below), at least STACK_LETTERS of them letters, and most of them (more
# than STACK_FREE_SHARE) with no glyph of their size on their baseline closer across than
# STACK_ACROSS times the stack's own pitch (text read across stands closer across than down: a
# grid set square is read across, as before). A second column of a vertical title beside the
# first stands further off than the first's pitch.
STACK_MIN = 3
# Two ideographs stacked so, neither with any glyph of its size beside it on its baseline, are a
# two-character label set vertically (a section's name: 聚焦, 学术), when no other one-glyph piece
# of their size stands in their column within PAIR_CLEAR_EM ems over or under them: a narrow table
# column wraps its two-character cells (重/庆, 云/南) one glyph a line, pair under pair.
STACK_PAIR = 2
PAIR_CLEAR_EM = 4.0
# and with no glyph on their baselines within PAIR_SIDE_EM ems on one same side (a label stands
# beside the text; two glyphs set apart inside lines stretched by wide glue have text on both sides,
# or the one on its left and the other on its right)
PAIR_SIDE_EM = 4.0
PAIR_LEVEL_EM = 0.6
STACK_SIZE_SHARE = 0.03
STACK_ALIGN_EM = 0.15
STACK_PITCH_MIN_EM = 0.8
STACK_PITCH_EM = 1.5
STACK_LETTERS = 0.5
STACK_FREE_SHARE = 0.5
STACK_ACROSS = 1.1
# A glyph drawn again over itself (a faked bold, a shadow: overprint.py's cause, in vertical
# setting): the same character and size, centres within OVERPRINT_EM of an em. Read once; the
# copies are kept on the line (Line.overprint) for conservation.
OVERPRINT_EM = 0.3
# Along one line, a gap between glyph boxes wider than this (ems) ends it: two settings in one
# column (a tab and a label further down the same edge).
LINE_GAP_EM = 1.5
# Two columns of one vertical setting (a title set in two columns, a credit in two lines): the
# same direction and size, their centres at most COLUMN_PITCH_EM ems apart across, starting
# level (within COLUMN_START_EM ems along).
COLUMN_PITCH_EM = 2.0
COLUMN_START_EM = 1.0
# Inside one line, a gap between glyph boxes wider than this (ems) is a word space (Latin
# written down the page with its spaces drawn as gaps).
SPACE_EM = 0.5


# Punctuation in its vertical presentation forms (U+FE10-FE19, U+FE30-FE44), as some producers put
# it in the text layer of vertical setting: read as the marks they stand for (NFKC would give
# half-width brackets for some; Chinese text prints full-width ones).
_VERTICAL_FORMS = str.maketrans(
    "︐︑︒︓︔︕︖︗︘︙︰︱︲︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄",
    "，、。：；！？〖〗…‥—–（）｛｝〔〕【】《》〈〉「」『』",
)


def mark_direction(line: dict) -> list[dict]:
    """A rawdict line's spans, each tagged with the line's direction when it is turned or set in
    a vertical-writing font (the spans are the page read's own: tagged in place)."""
    spans = line["spans"]
    dx, dy = line.get("dir", (1.0, 0.0))
    if line.get("wmode") or _turned(dx, dy):
        for s in spans:
            s["dir"] = (dx, dy)
    return spans


def _turned(dx: float, dy: float) -> bool:
    return abs(math.degrees(math.atan2(dy, dx))) > TURNED_DEG


def take_vertical(page_no: int, raw_lines: list[list[dict]]) -> tuple[list[list[dict]], list[Line]]:
    """The page's raw lines without their turned type and stacked glyphs, and the lines those make,
    rebuilt whole in reading order."""
    glyphs: list[_Glyph] = []
    kept: list[list[dict]] = []
    for spans in raw_lines:
        straight = []
        for s in spans:
            if "dir" in s:
                glyphs += _glyphs_of(s, s["dir"])
            else:
                straight.append(s)
        kept.append(straight)
    stacked = _stacks([s for spans in kept for s in spans])
    if stacked:
        gone = {id(s) for s in stacked}
        kept = [[s for s in spans if id(s) not in gone] for spans in kept]
        for s in stacked:
            glyphs += _glyphs_of(s, (0.0, 1.0))
    if not glyphs:
        return raw_lines, []
    return [spans for spans in kept if spans], _rebuild(page_no, glyphs)


class _Glyph:
    """One character of turned or stacked type, with its direction and the span it came from."""

    __slots__ = ("c", "bbox", "dir", "span", "along", "across", "copies")

    def __init__(self, c: str, bbox, d: tuple[float, float], span: dict):
        self.c, self.bbox, self.dir, self.span = c, tuple(bbox), d, span
        self.copies = ""  # the characters of copies drawn over it, read once
        cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
        self.along = cx * d[0] + cy * d[1]
        # where successive lines of this direction go: down for (1, 0), left for text reading
        # down (columns right to left), right for text reading up
        self.across = -cx * d[1] + cy * d[0]

    @property
    def size(self) -> float:
        return self.span["size"]


def _glyphs_of(span: dict, d: tuple[float, float]) -> list[_Glyph]:
    norm = math.hypot(*d) or 1.0
    d = (round(d[0] / norm, 3), round(d[1] / norm, 3))
    return [_Glyph(c["c"], c["bbox"], d, span) for c in span.get("chars", [])]


def _single(span: dict) -> str | None:
    """The one visible character of a span drawing just that, else None."""
    chars = span.get("chars") or ()
    if len(chars) > 3:  # most spans: a word or a line
        return None
    chars = [c for c in chars if c["c"].strip()]
    return chars[0]["c"] if len(chars) == 1 else None


def _nearest_glyph(span: dict, x: float) -> float:
    """The centre of span's glyph nearest x, as far as its box tells: a line's long span beside a
    glyph stands as close across as its first glyph, not as its middle."""
    half = span["size"] / 2
    lo, hi = span["bbox"][0] + half, span["bbox"][2] - half
    return min(max(x, lo), hi) if lo <= hi else _centre(span)


def _stacks(spans: list[dict]) -> list[dict]:
    """The one-character horizontal spans that stack into vertical columns (STACK_*)."""
    singles = [s for s in spans if _single(s) is not None]
    if len(singles) < STACK_PAIR:
        return []
    # every span by baseline, to ask how close a glyph's neighbours on its line stand
    rows = sorted(spans, key=lambda s: s["origin"][1])
    bases = [s["origin"][1] for s in rows]

    def free(s: dict, pitch: float) -> bool:
        """No glyph of its size on its baseline stands closer (centre to centre) than
        STACK_ACROSS times the stack's pitch: the glyph is read down, not across."""
        size, base, mid = s["size"], s["origin"][1], _centre(s)
        lo = bisect.bisect_left(bases, base - 0.25 * size)
        hi = bisect.bisect_right(bases, base + 0.25 * size)
        return not any(
            o is not s
            and abs(o["size"] - size) <= STACK_SIZE_SHARE * size
            and abs(_nearest_glyph(o, mid) - mid) <= STACK_ACROSS * pitch
            and not (_single(o) == _single(s) and abs(_centre(o) - mid) <= OVERPRINT_EM * size)
            for o in rows[lo:hi]
        )

    def clear_sides(s: dict) -> set[str]:
        """The sides ("left", "right") on which no glyph stands level with it (its baseline within
        PAIR_LEVEL_EM ems: the next column's rows need not share this one's baselines) within
        PAIR_SIDE_EM ems."""
        size, base = s["size"], s["origin"][1]
        lo = bisect.bisect_left(bases, base - PAIR_LEVEL_EM * size)
        hi = bisect.bisect_right(bases, base + PAIR_LEVEL_EM * size)
        near = [o for o in rows[lo:hi] if o is not s and any(c["c"].strip() for c in o.get("chars", ()))]
        reach = PAIR_SIDE_EM * size
        out = set()
        if not any(0 <= s["bbox"][0] - o["bbox"][2] <= reach for o in near):
            out.add("left")
        if not any(0 <= o["bbox"][0] - s["bbox"][2] <= reach for o in near):
            out.add("right")
        return out

    singles.sort(key=_centre)
    columns: list[list[dict]] = []  # glyphs of one size centred on one vertical
    for s in singles:
        for column in reversed(columns[-4:]):
            first = column[0]
            if abs(_centre(s) - _centre(first)) <= STACK_ALIGN_EM * first["size"] and (
                abs(s["size"] - first["size"]) <= STACK_SIZE_SHARE * first["size"]
            ):
                column.append(s)
                break
        else:
            columns.append([s])
    stacks: list[list[dict]] = []
    short: list[list[dict]] = []  # runs too short to be a stack on their own
    copies: dict[int, list[dict]] = {}  # a glyph's copies drawn over it: they go where it goes
    for k, column in enumerate(columns):
        column.sort(key=lambda s: s["origin"][1])
        columns[k] = column = _read_once(column, copies)
        run = [column[0]]
        for s in [*column[1:], None]:
            prev = run[-1]
            step = s["origin"][1] - prev["origin"][1] if s is not None else 0.0
            if s is not None and STACK_PITCH_MIN_EM * prev["size"] <= step <= STACK_PITCH_EM * prev["size"]:
                run.append(s)
                continue
            pitch = (run[-1]["origin"][1] - run[0]["origin"][1]) / max(1, len(run) - 1)
            if len(run) >= STACK_MIN and _stackable(run):
                if sum(free(g, pitch) for g in run) > STACK_FREE_SHARE * len(run):
                    stacks.append(run)
            elif (
                len(run) == STACK_PAIR
                and all(_cjk(_single(g)) and free(g, pitch) for g in run)
                and set.intersection(*(clear_sides(g) for g in run))
                and _alone_in_column(run, column)
            ):
                stacks.append(run)  # a two-character label (聚焦, 学术) set one character under the other
            elif len(run) < STACK_MIN:
                short.append(run)
            if s is not None:
                run = [s]
    # the last column of a vertical title may hold a character or two ("章。" after a column of
    # twelve): a short run is a stack's next column when it starts level with it, beside it
    for run in short:
        size = run[0]["size"]
        if any(
            abs(st[0]["size"] - size) <= STACK_SIZE_SHARE * size
            and abs(st[0]["origin"][1] - run[0]["origin"][1]) <= COLUMN_START_EM * size
            and 0 < abs(_centre(st[0]) - _centre(run[0])) <= COLUMN_PITCH_EM * size
            and all(free(g, st[1]["origin"][1] - st[0]["origin"][1]) for g in run)
            for st in stacks
        ):
            stacks.append(run)
    return [c for run in stacks for s in run for c in (s, *copies.get(id(s), ()))]


def _read_once(column: list[dict], copies: dict[int, list[dict]]) -> list[dict]:
    """A column's glyphs (in order down) without the copies drawn over them (OVERPRINT_EM), which
    are noted under the glyph they copy."""
    out: list[dict] = []
    for s in column:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _single(s) == _single(prev)
            and abs(s["origin"][1] - prev["origin"][1]) <= OVERPRINT_EM * prev["size"]
            and abs(_centre(s) - _centre(prev)) <= OVERPRINT_EM * prev["size"]
        ):
            copies.setdefault(id(prev), []).append(s)
        else:
            out.append(s)
    return out


def _centre(s: dict) -> float:
    return (s["bbox"][0] + s["bbox"][2]) / 2


def _alone_in_column(run: list[dict], column: list[dict]) -> bool:
    """No glyph of the column but the run's stands within PAIR_CLEAR_EM ems over or under it."""
    top, bottom = run[0]["origin"][1], run[-1]["origin"][1]
    reach = PAIR_CLEAR_EM * run[0]["size"]
    ids = {id(g) for g in run}
    return not any(id(s) not in ids and top - reach <= s["origin"][1] <= bottom + reach for s in column)


def _stackable(run: list[dict]) -> bool:
    """Most glyphs of the run are letters (ideographs): a column of one-character table cells
    (√, 1, 2, 3) or of bullets is no vertical setting."""
    return sum(_single(s).isalpha() for s in run) >= STACK_LETTERS * len(run)


def _rebuild(page_no: int, glyphs: list[_Glyph]) -> list[Line]:
    """Glyphs of one direction on one line (their centres within half an em across) joined in
    reading order, a line ended by a gap (LINE_GAP_EM); then columns of one setting joined."""
    pieces: list[list[_Glyph]] = []
    by_dir: dict[tuple, list[_Glyph]] = {}
    for g in glyphs:
        by_dir.setdefault(g.dir, []).append(g)
    for group in by_dir.values():
        group.sort(key=lambda g: g.across)
        lines: list[list[_Glyph]] = []
        for g in group:
            if lines and abs(g.across - lines[-1][0].across) <= 0.5 * max(g.size, lines[-1][0].size):
                lines[-1].append(g)
            else:
                lines.append([g])
        for line in lines:
            line.sort(key=lambda g: g.along)
            line = _glyphs_once(line)
            piece = [line[0]]
            for g in line[1:]:
                if _gap(piece[-1], g) > LINE_GAP_EM * max(g.size, piece[-1].size):
                    pieces.append(piece)
                    piece = [g]
                else:
                    piece.append(g)
            pieces.append(piece)
    pieces = [p for p in pieces if "".join(g.c for g in p).strip()]
    return [ln for ln in (_line(page_no, block) for block in _columns(pieces)) if ln is not None]


def _glyphs_once(line: list[_Glyph]) -> list[_Glyph]:
    """A line's glyphs (in order along it) without the copies drawn over them (OVERPRINT_EM): each
    copy is kept on the glyph it copies, for the line's count."""
    out: list[_Glyph] = []
    for g in line:
        near = [
            k
            for k in out[-3:]
            if k.c == g.c
            and abs(k.along - g.along) <= OVERPRINT_EM * g.size
            and abs(k.across - g.across) <= OVERPRINT_EM * g.size
        ]
        if near and g.c.strip():
            near[-1].copies += g.c
        else:
            out.append(g)
    return out


def _gap(a: _Glyph, b: _Glyph) -> float:
    """The white space between two glyphs of one line, along its direction."""
    half_a = abs((a.bbox[2] - a.bbox[0]) * a.dir[0]) / 2 + abs((a.bbox[3] - a.bbox[1]) * a.dir[1]) / 2
    half_b = abs((b.bbox[2] - b.bbox[0]) * b.dir[0]) / 2 + abs((b.bbox[3] - b.bbox[1]) * b.dir[1]) / 2
    return b.along - a.along - half_a - half_b


def _columns(pieces: list[list[_Glyph]]) -> list[list[list[_Glyph]]]:
    """Lines of one setting (COLUMN_*) grouped, in reading order across."""
    pieces.sort(key=lambda p: (p[0].dir, p[0].across))
    blocks: list[list[list[_Glyph]]] = []
    for p in pieces:
        if blocks:
            last = blocks[-1][-1]
            size = max(p[0].size, last[0].size)
            if (
                p[0].dir == last[0].dir
                and abs(p[0].size - last[0].size) <= STACK_SIZE_SHARE * size
                and 0 < p[0].across - last[0].across <= COLUMN_PITCH_EM * size
                and abs(p[0].along - last[0].along) <= COLUMN_START_EM * size
            ):
                blocks[-1].append(p)
                continue
        blocks.append([p])
    return blocks


def _line(page_no: int, block: list[list[_Glyph]]) -> Line | None:
    """One Line of a turned or stacked setting: its columns' text in reading order."""
    # extract imports this module: its text helpers are taken when a line is made
    from .extract import MIN_TEXT_SIZE, _span_bold, join_text, normalize_text

    text = ""
    for piece in block:
        part = piece[0].c
        for a, b in zip(piece, piece[1:], strict=False):
            space = _gap(a, b) > SPACE_EM * b.size and not a.c.isspace() and not b.c.isspace()
            part += (" " if space and not (_cjk(a.c) or _cjk(b.c)) else "") + b.c
        text = join_text(text, " ".join(part.split()))
    text = normalize_text(" ".join(text.replace(SPACE_HOLDER, " ").translate(_VERTICAL_FORMS).split()))
    if not text.strip():
        return None
    glyphs = [g for piece in block for g in piece if g.c.strip()]
    weight: Counter = Counter()
    spans = {id(g.span): g.span for g in glyphs}
    for g in glyphs:
        weight[id(g.span)] += 1
    main = spans[weight.most_common(1)[0][0]]
    x0 = min(g.bbox[0] for g in glyphs)
    y0 = min(g.bbox[1] for g in glyphs)
    x1 = max(g.bbox[2] for g in glyphs)
    y1 = max(g.bbox[3] for g in glyphs)
    d = glyphs[0].dir
    return Line(
        page_no,
        text,
        (x0, y0, x1, y1),
        max(main["size"], MIN_TEXT_SIZE),
        main["font"],
        _span_bold(main),
        main["color"],
        bool(main.get("flags", 0) & 2),
        # ordered where it starts: a line reading down stands at its top, one reading up at its foot
        base=y1 if d[1] < 0 else y0 + main["size"],
        vertical=abs(d[1]) > abs(d[0]),
        overprint="".join(g.copies for g in glyphs),
    )


def _cjk(ch: str) -> bool:
    from .extract import is_cjk

    return is_cjk(ch)
