"""Stage: Issue -> Issue with articles continued on a later page stitched whole (issue 10).

A magazine short of room ends an article's first part with a jump line at the foot of its last
column ("（下转第 42 页）", "(continued on page 42)") and prints the rest after a later article,
under a jump line naming where it came from ("（上接第 12 页）"). Segmentation reads that rest as
part of whatever unit is open there. The jump lines are furniture (furniture.py, by the rules'
`jump_lines`), so they are out of the text already; here they are evidence:

- the out line's page number, through the folio -> page map, names the page the rest is on;
- an in line on that page naming, through the same map, the page the part ended on (or one of
  the article's pages) agrees: both ends found;
- the sentence left open at the jump, and the text under the in line running on (no paragraph
  indent), say the paragraph cut there goes on: the two pieces are one block again.

A continuation is the text under the in line, in reading order, up to the next continuation, the
next jump out, or the end of the unit that held it. It moves to the article the out line ended;
the contents entry still gives the article's start (its first page is unchanged).

Decisions, and the evidence names the confidence stage weighs (pipeline/confidence.py):
- both lines agree: stitched ("jump_stitched");
- only one end found (an in line on the named page that names another page, or one naming the
  part's page found elsewhere) and the part's last sentence left open: stitched, warned
  (`jump_doubtful`, evidence "jump_one_sided");
- an out line whose rest is found nowhere: the article stays cut, warned (`jump_unmatched`,
  evidence "jump_unmatched"), and the units holding paragraphs on the page it names have
  "holds_continuation" (its rest is in one of them); an in line nothing sends to: the continuation
  stays where it is, warned (`jump_unmatched`), and the unit holding it has "holds_continuation".
- a rest printed with no in line: on the page the out line names, a paragraph at the top of a
  column whose unit's text before it ended a paragraph (_unheaded_rests), its first line running on
  where the part's sentence is left open: joined ("jump_continuity"); set in where the part ended a
  sentence (a paragraph begins, as any may): joined, warned (`jump_doubtful`, "jump_one_sided");
  two or more such places (the later of a page turn preferred): none joined, the out line warned
  as above. An in line is inferred over it, so it ends as a printed one's does;
- a unit opened at an article's title printed again over its continuation (……（续）), and one
  opened at the page turn after it with no title of its own: folded into the unit before, as if
  the title were not printed (_fold_titles_again), the title lines kept as jump furniture
  (`jump_title_again`); the in line's band starts at that title;
- a jump line naming a page no page prints, past the issue, or on the wrong side of its own page:
  warned (`jump_page_invalid`), no rest looked for there;
- a jump run into the part's last line or the continuation's first (jump_split.py cut it off as a
  line of its own): that line is its edge, and the text after an in jump begins a paragraph only
  when it stands off the jump by an indent;
- a page read column by column runs through the text of rests stacked on it, and of the unit they
  follow: each line belongs to the rest whose in line stands nearest over it in its column
  (_Zones), blocks are cut where that changes, and paragraphs the columns carried round a rest
  are joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .articles import pdf_pages_of_folios
from .models import (
    BODY_ROLES,
    Article,
    Block,
    Issue,
    Line,
    PageLayout,
    Piece,
    Role,
    UnitKind,
    Warning,
    WarningCode,
)
from .ordinals import carries_on
from .paragraphs import join_fragments
from .rules import Rules
from .text import ends_with_stop, squeeze

# how far (in the jump line's own heights) a text line may overlap the jump line and still count as
# above or below it: line boxes of mixed type overlap by a little
OVERLAP_LINES = 0.5
# a text line on a jump line's row, closer to it than this many of its heights, is the line the jump
# was run into ("……完成了试点。（下转第42页）", split by jump_split.py or set apart by a space)
RUN_IN_GAP = 2.0
# a continuation's first line set in by at least this share of its type size begins a paragraph
INDENT_SHARE = 0.8
# a first line within this share of its size of the lines under it starts flush with them
FLUSH_SHARE = 0.3
# a text standing this share of its type size further below the text over it than its own lines
# stand apart is set off from it (a space left between two texts)
SET_OFF_SHARE = 0.4


@dataclass(frozen=True, eq=False)
class JumpLine:
    """One jump line: which way it points, the printed page it names (None: the next or the
    previous page), and where it stands."""

    way: str  # "out" | "in"
    named: int | None
    line: Line
    # no line printed: where a continuation printed with no in line starts (_unheaded_rests), a
    # line's height over its first line; never a furniture row, never warned as unanswered
    inferred: bool = False

    @property
    def page(self) -> int:
        return self.line.page


def jump_lines(issue: Issue, rules: Rules) -> list[JumpLine]:
    """Every jump line of the issue (kept as furniture), in page order, top to bottom."""
    found = []
    for page in issue.layout.pages:
        for ln in page.furniture:
            hit = rules.jump_line(ln.text)
            if hit is not None:
                found.append(JumpLine(hit[0], hit[1], ln))
    return sorted(found, key=lambda j: (j.page, j.line.y0, j.line.x0))


class _Units:
    """Copies of the units' block lists and which unit holds each block (by identity), kept up to
    date as blocks are split, joined and moved: the input issue is never changed."""

    def __init__(self, articles: list[Article]):
        self.arts = [
            replace(
                a,
                blocks=list(a.blocks),
                flow=list(a.flow),
                english=list(a.english),
                captions=list(a.captions),
            )
            for a in articles
        ]
        self.owner: dict[int, int] = {}
        for n, a in enumerate(self.arts):
            if a.kind == UnitKind.TOC:
                continue  # the contents' lines are entries, never an article's rest
            for b in [*a.flow, *a.blocks, *a.english]:
                self.owner.setdefault(id(b), n)
        self.blocks = {id(b): b for a in self.arts for b in [*a.flow, *a.blocks, *a.english]}

    def held(self, n: int) -> list[Block]:
        """A unit's text in reading order (its flow; its blocks where it keeps no flow)."""
        a = self.arts[n]
        return a.flow or a.blocks

    def swap(self, old: Block, new: list[Block]) -> None:
        """Put new in old's place in every list of the unit holding old."""
        n = self.owner.pop(id(old))
        a = self.arts[n]
        for name in ("blocks", "flow", "english"):
            seq = getattr(a, name)
            if any(b is old for b in seq):
                k = next(i for i, b in enumerate(seq) if b is old)
                setattr(a, name, seq[:k] + new + seq[k + 1 :])
        for b in new:
            self.owner[id(b)] = n
            self.blocks[id(b)] = b

    def move(self, moved: list[Block], to: int, after: Block) -> None:
        """Take moved out of the units holding them and put them in unit `to` right after `after`
        (at the end where a list does not hold it), each in the lists it was in (body, flow,
        English)."""
        ids = {id(b) for b in moved}
        dest = self.arts[to]
        for n in {self.owner[i] for i in ids}:
            a = self.arts[n]
            for name in ("blocks", "flow", "english"):
                seq = getattr(a, name)
                taken = [b for b in seq if id(b) in ids]
                setattr(a, name, [b for b in seq if id(b) not in ids])
                into = getattr(dest, name)
                k = next((i + 1 for i, b in enumerate(into) if b is after), len(into))
                setattr(dest, name, into[:k] + taken + into[k:])
        for i in ids:
            self.owner[i] = to


def _overlaps_x(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _line_column(blk: Block, ln: Line) -> tuple[float, float]:
    """The x-range of the column a block's line stands in: the piece of the block holding it (a
    paragraph cut by a column end has a piece a column), a short last line counting as its
    column's width."""
    for p in blk.pieces:
        x0, y0, x1, y1 = p.bbox
        if p.page == ln.page and x0 - 1 <= ln.x0 <= x1 + 1 and y0 - 1 <= ln.y0 <= y1 + 1:
            return x0, x1
    return ln.x0, ln.x1


def _column(blk: Block, page: int) -> tuple[float, float]:
    """The x-range of a block's first piece on a page."""
    box = next((p.bbox for p in blk.pieces if p.page == page), blk.bbox)
    return box[0], box[2]


def _neighbour(units: _Units, jump: JumpLine, below: bool) -> tuple[Block, int] | None:
    """The text line right under (below) or right over the jump line in its column, as (block
    holding it, the line's index in the block)."""
    j = jump.line
    slack = OVERLAP_LINES * j.height
    best, best_gap = None, None
    for b in units.blocks.values():
        if id(b) not in units.owner or not any(p.page == j.page for p in b.pieces):
            continue
        for k, ln in enumerate(b.lines):
            if ln.page != j.page:
                continue
            if _run_into(ln, jump, below):
                gap = -slack  # the text the jump was run into (jump_split.py): that line is its edge
            elif not _overlaps_x(_line_column(b, ln), (j.x0, j.x1)):
                continue
            else:
                gap = ln.y0 - j.y1 if below else j.y0 - ln.y1
                if gap < -slack:
                    continue
            if best_gap is None or gap < best_gap:
                best, best_gap = (b, k), gap
    return best


def _run_into(ln: Line, jump: JumpLine, after: bool) -> bool:
    """The text line a jump was run into: on the jump line's row (they overlap by more than half
    the smaller height), right after it (an in line) or right before it (an out line), closer
    than RUN_IN_GAP of the jump line's heights."""
    j = jump.line
    if min(ln.y1, j.y1) - max(ln.y0, j.y0) <= 0.5 * min(ln.height, j.height):
        return False
    gap = ln.x0 - j.x1 if after else j.x0 - ln.x1
    return -OVERLAP_LINES * j.height <= gap < RUN_IN_GAP * j.height


def _rebuilt(blk: Block, lines: list[Line]) -> Block:
    """The block holding only these of its lines (text joined again, one piece a column run)."""
    text = ""
    for ln in lines:
        text = join_fragments(text, ln.text)
    runs: list[list[Line]] = []
    for ln in lines:
        if runs and runs[-1][-1].page == ln.page and ln.y0 >= runs[-1][-1].y0 - 1:
            runs[-1].append(ln)
        else:
            runs.append([ln])  # a new page, or back up the page: the next column
    pieces = [
        Piece(
            r[0].page,
            (min(x.x0 for x in r), min(x.y0 for x in r), max(x.x1 for x in r), max(x.y1 for x in r)),
        )
        for r in runs
    ]
    return replace(blk, text=text, lines=list(lines), pieces=pieces)


def _edge_block(units: _Units, jump: JumpLine) -> Block | None:
    """The block an out line ends (the one over it) or an in line begins (the one under it),
    split at the jump line when a block runs past it (lines joined across the jump)."""
    found = _neighbour(units, jump, below=jump.way == "in")
    if found is None:
        return None
    blk, k = found
    cut = k if jump.way == "in" else k + 1
    if 0 < cut < len(blk.lines):
        first, second = _rebuilt(blk, blk.lines[:cut]), _rebuilt(blk, blk.lines[cut:])
        units.swap(blk, [first, second])
        return second if jump.way == "in" else first
    return blk


def _holding(units: _Units, blk: Block | None, jump: JumpLine) -> Block | None:
    """The block held now that has the edge line of a block that was split since: its first line
    for an in line, its last for an out line."""
    if blk is None or id(blk) in units.owner:
        return blk
    edge = blk.lines[0] if jump.way == "in" else blk.lines[-1]
    return next(
        (b for b in units.blocks.values() if id(b) in units.owner and any(ln is edge for ln in b.lines)), None
    )


def _indented(blk: Block) -> bool:
    """Its first line is set in from the lines under it in its column: a paragraph begins."""
    first = blk.lines[0]
    rest = [
        ln
        for ln in blk.lines[1:]
        if ln.page == first.page and _overlaps_x((ln.x0, ln.x1), (first.x0, first.x1))
    ]
    return bool(rest) and first.x0 - min(ln.x0 for ln in rest) >= INDENT_SHARE * (first.size or 1.0)


def _left_open(blk: Block) -> bool:
    """The part ends inside a sentence: its last paragraph stops without a stop."""
    return not ends_with_stop(blk.text)


class _Zones:
    """Which continuation each line of a page holding in lines belongs to: the nearest in line over
    it whose column starts at or left of the line's (None: the page's own text, over them all). A
    page read column by column runs through the text of two continuations stacked on it, or of
    the unit they follow, and the paragraph stage may have joined lines across them."""

    def __init__(self, ins: list[JumpLine], edges: dict):
        self.by_page: dict[int, list[tuple[JumpLine, float]]] = {}
        for j in ins:
            start = edges.get(j)
            left = min(j.line.x0, _column(start, j.page)[0]) if start is not None else j.line.x0
            self.by_page.setdefault(j.page, []).append((j, left))

    def of(self, ln: Line) -> JumpLine | None:
        best = None
        for j, left in self.by_page.get(ln.page, []):
            slack = OVERLAP_LINES * j.line.height
            if (
                j.line.y0 - slack <= ln.y0
                and left - slack <= ln.x0
                and (best is None or j.line.y0 > best.line.y0)
            ):
                best = j
        return best

    def split(self, units: _Units) -> None:
        """Cut every block where, on one page, its lines pass from one zone into another."""
        for b in list(units.blocks.values()):
            if id(b) not in units.owner or not any(p.page in self.by_page for p in b.pieces):
                continue
            zone = [self.of(ln) for ln in b.lines]
            cuts = [
                k
                for k in range(1, len(b.lines))
                if b.lines[k].page == b.lines[k - 1].page in self.by_page and zone[k] is not zone[k - 1]
            ]
            if cuts:
                bounds = [0, *cuts, len(b.lines)]
                units.swap(b, [_rebuilt(b, b.lines[i:j]) for i, j in zip(bounds, bounds[1:], strict=False)])


def _continuation(
    units: _Units, jin: JumpLine, start: Block, zones: _Zones, ins: list[JumpLine], ends: set[int]
) -> list[Block]:
    """What an in line heads, in the reading order of the unit holding it: on its page, the text
    of its zone (_Zones); on the pages after, the unit's text until another in line begins
    another continuation; never past a block a jump out ends. Whatever else the unit holds there
    (its own columns over the in line, read in between when the page's columns run through
    both) stays where it is."""
    slack = OVERLAP_LINES * jin.line.height
    src = units.owner[id(start)]
    seq = units.held(src)
    k = next(i for i, b in enumerate(seq) if b is start)
    others = [j for j in ins if j is not jin]
    more_here = any(j.page == jin.page and j.line.y0 > jin.line.y0 for j in others)
    moved: list[Block] = []
    for b in seq[k:]:
        page = b.page
        if page < jin.page:
            continue
        if page == jin.page:
            inside = zones.of(b.lines[0]) is jin
        else:
            if any(jin.page < j.page < page for j in others) or more_here:
                break  # another continuation began before this page
            firsts = [j.line.y0 for j in others if j.page == page]
            inside = b.bbox[1] < min(firsts, default=float("inf")) - slack  # over the next one's in line
        if inside:
            moved.append(b)
            if id(b) in ends:
                break
    return moved


def _runs_on(a: Block, b: Block, jin: JumpLine | None = None) -> bool:
    """b carries on the paragraph a leaves open across a break (a jump, a column or page end the
    page's reading order hid): a stops mid-sentence, b's first line is not set in, both are the
    same kind of text, and b does not stand right under a in one column. A first line the in line
    jin was run into is set in when it stands that far off the jump."""
    first, end = b.lines[0], a.lines[-1]
    broken = first.page != end.page or first.y0 < end.y1 - 1  # a later page, or up the page: a column
    if jin is not None and _run_into(first, jin, after=True):
        indented = first.x0 - jin.line.x1 >= INDENT_SHARE * (first.size or 1.0)
    else:
        indented = _indented(b)
    return (
        broken and _left_open(a) and not indented and a.lang == b.lang and a.role == b.role == Role.PARAGRAPH
    )


def _join(units: _Units, to: int, a: Block, b: Block) -> Block:
    """a and b as one block in unit `to`, where a stood."""
    joined = replace(
        a,
        text=join_fragments(a.text, b.text),
        lines=a.lines + b.lines,
        pieces=a.pieces + b.pieces,
        open_end=b.open_end,
    )
    dest = units.arts[to]
    for name in ("blocks", "flow"):
        seq = [x for x in getattr(dest, name) if x is not b]
        setattr(dest, name, [joined if x is a else x for x in seq])
    for x in (a, b):
        units.owner.pop(id(x), None)
    units.owner[id(joined)] = to
    units.blocks[id(joined)] = joined
    return joined


def _stitch(
    units: _Units,
    jin: JumpLine,
    start: Block,
    last: Block,
    to: int,
    zones: _Zones,
    ins: list[JumpLine],
    ends: set[int],
) -> bool:
    """Move the continuation the in line heads (_continuation) to unit `to`, after `last` (the
    block its out line ended); the paragraph cut at the jump joined again when the text runs on,
    and so are paragraphs of the continuation cut by a column end. Returns whether the text ran on
    at the jump."""
    src = units.owner[id(start)]
    seq = units.held(src)
    k = next(i for i, b in enumerate(seq) if b is start)
    in_place = src == to and k > 0 and seq[k - 1] is last  # "转下页": already where it belongs
    moved = _continuation(units, jin, start, zones, ins, ends)
    taken = {id(b) for b in moved}
    seq = units.held(src)  # as the zones left it
    # the unit's own text on either side of what was taken: the two may be one paragraph its
    # columns carried round the continuation
    seams = [
        (seq[i - 1], seq[j])
        for i in range(1, len(seq))
        if id(seq[i]) in taken and id(seq[i - 1]) not in taken
        for j in [next((j for j in range(i, len(seq)) if id(seq[j]) not in taken), len(seq))]
        if j < len(seq)
    ]
    if not in_place:
        units.move(moved, to, last)
    for a, b in seams:
        if src != to and id(a) in units.owner and id(b) in units.owner and _runs_on(a, b):
            _join(units, src, a, b)
    runs_on = bool(moved) and _runs_on(last, moved[0], jin)
    cur = last
    for i, b in enumerate(moved):
        cur = _join(units, to, cur, b) if (runs_on if i == 0 else _runs_on(cur, b)) else b
    return runs_on


def _column_top(blk: Block, page: PageLayout) -> bool:
    """The block's first line stands at the top of its column: no other block of its page stands
    over it in its x-range (a photo's caption, a title, the column's text before it)."""
    first = blk.lines[0]
    col = _line_column(blk, first)
    for other in page.blocks:
        if other is blk or not any(p.page == page.number for p in other.pieces):
            continue
        for p in other.pieces:
            x0, y0, x1, y1 = p.bbox
            if (
                p.page == page.number
                and y1 <= first.y0 + OVERLAP_LINES * first.height
                and _overlaps_x((x0, x1), col)
            ):
                if not any(ln is first for ln in other.lines):
                    return False
    return True


def _full(blk: Block) -> bool:
    """The block's last line reaches its column's right edge (to within an em): its paragraph may
    go on in the next column."""
    end = blk.lines[-1]
    return end.x1 >= _line_column(blk, end)[1] - (end.size or 1.0)


def _carries_on_beside(blk: Block, page: PageLayout) -> bool:
    """A paragraph in a column to the block's left runs down past its top and stops there
    mid-sentence at the column's edge: the block at this column's top carries it on (a band of
    balanced columns, read column by column, puts other text between the two)."""
    first = blk.lines[0]
    for other in page.blocks:
        end = other.lines[-1] if other.lines else None
        if other is blk or end is None or end.page != page.number:
            continue
        if end.x1 <= first.x0 + 1 and end.y1 > first.y0 and _left_open(other) and _full(other):
            return True
    return False


def _unheaded_rests(units: _Units, issue: Issue, last: Block, target: int) -> list[Block]:
    """Where, on the page an out line names, a continuation printed with no in line may start: a
    paragraph of the part's language at the top of its column (_column_top) that carries on
    nothing of its own unit: its unit's text before it is running text (no title area, no
    heading over it) ending a sentence in a short line (a paragraph's end). Its first line runs on
    (not set in) when the part's last sentence is left open, and is set in when the part ended one
    (a paragraph begins there). Mid-column, under the end of another text (_rest_mid_column), only
    where the part's sentence is left open. Of several, those after a page turn of their unit's
    text (not after a column of the same page)."""
    page = next((p for p in issue.layout.pages if p.number == target), None)
    if page is None:
        return []
    runs_on = _left_open(last)
    found = []
    for b in units.blocks.values():
        n = units.owner.get(id(b))
        if n is None or b.lines[0].page != target or b.role != Role.PARAGRAPH or b.lang != last.lang:
            continue
        if _indented(b) == runs_on or _carries_on_beside(b, page):
            continue
        seq = units.held(n)
        k = next((i for i, x in enumerate(seq) if x is b), 0)
        before = seq[k - 1] if k > 0 else None
        if before is None or before.role not in BODY_ROLES - {Role.HEADING}:
            continue
        if not _column_top(b, page):
            if runs_on and _rest_mid_column(units, issue, page, b):
                found.append((b, False))
            continue
        if _left_open(before) or _full(before):
            continue  # a paragraph may run on past a full stop at its column's end: b may be that
        found.append((b, before.lines[-1].page < target))
    turned = [b for b, turn in found if turn]
    return turned if len(found) > 1 and turned else [b for b, _ in found]


def _rest_mid_column(units: _Units, issue: Issue, page: PageLayout, blk: Block) -> bool:
    """A rest with no in line printed mid-column, under the end of another text: its first line
    starts flush with the lines under it (_flush: where every paragraph is set in, no paragraph
    begins there), and the text right over it in its column either ends there, a sentence ended,
    short of the column's edge or set off from it by more than the column's line spacing, or goes
    on elsewhere (balanced columns of a band before it) with such a space left; nothing (a picture,
    a caption) stands in that space. The part's sentence left open at its jump is the other half of
    the evidence (the caller's)."""
    if not _flush(blk):
        return False
    first = blk.lines[0]
    col = _line_column(blk, first)
    above, above_line, gap = None, None, None
    for b in units.blocks.values():
        if id(b) not in units.owner or b is blk:
            continue
        for ln in b.lines:
            if ln.page != first.page or not _overlaps_x((ln.x0, ln.x1), col):
                continue
            g = first.y0 - ln.y1
            if g >= -OVERLAP_LINES * first.height and (gap is None or g < gap):
                above, above_line, gap = b, ln, g
    if above is None or above.role not in BODY_ROLES - {Role.HEADING}:
        return False  # nothing over it, or a heading: no end of a text
    pitch = [
        b.y0 - a.y1
        for a, b in zip(blk.lines, blk.lines[1:], strict=False)
        if a.page == b.page and b.y0 > a.y1 - 1
    ]
    spaced = bool(pitch) and gap > sorted(pitch)[len(pitch) // 2] + SET_OFF_SHARE * (first.size or 1.0)
    raw = next((p for p in issue.layout.raw.pages if p.number == page.number), None)
    boxes = [x.bbox for x in page.blocks for x in x.pieces if x.page == page.number] + (
        raw.images if raw else []
    )
    if any(
        _overlaps_x((x0, x1), col) and y0 >= above_line.y1 - 1 and y1 <= first.y0 + 1 and y1 - y0 > 1
        for x0, y0, x1, y1 in boxes
    ):
        return False  # a picture or a caption between them: text going on under it
    if above_line is not above.lines[-1] or (_left_open(above) and _full(above)):
        return spaced  # its text goes on in the next column of its band: a space left after the band
    return not _left_open(above) and (spaced or not _full(above))


def _flush(blk: Block) -> bool:
    """The block's first line starts where the lines under it in its column start (to within
    FLUSH_SHARE of its size): no paragraph's indent, and lines under it to measure by."""
    first = blk.lines[0]
    rest = [
        ln
        for ln in blk.lines[1:]
        if ln.page == first.page and _overlaps_x((ln.x0, ln.x1), (first.x0, first.x1))
    ]
    return bool(rest) and abs(first.x0 - min(ln.x0 for ln in rest)) <= FLUSH_SHARE * (first.size or 1.0)


def _holding_text_on(articles: list[Article], page: int | None, owner: int) -> list[int]:
    """The units other than `owner` that segmentation gave paragraphs on a page (an unanswered out
    line names it: its rest is in one of them, not in a rest joined there since)."""
    return [
        n
        for n, a in enumerate(articles)
        if n != owner
        and a.kind != UnitKind.TOC
        and any(b.page == page and b.role == Role.PARAGRAPH for b in (a.flow or a.blocks))
    ]


def _target(jump: JumpLine, pages_of: dict[int, int]) -> int | None:
    """The PDF page a jump line names: its printed page through the folio map, or the next
    (previous) page when it names none."""
    if jump.named is None:
        return jump.page + (1 if jump.way == "out" else -1)
    return pages_of.get(jump.named)


def _page_invalid(jump: JumpLine, target: int | None, pages_of: dict[int, int], last_page: int) -> str | None:
    """Why the page a jump line names cannot hold its other end (None when it can): a printed page
    no page of the issue prints, a page past the issue's end, or one on the wrong side of the
    line's own page (an out line naming its own or an earlier page, an in line its own or a later
    one). Without a folio map a printed page cannot be checked: None."""
    said = (
        f"names page {jump.named}"
        if jump.named is not None
        else "names the " + ("next page" if jump.way == "out" else "page before")
    )
    if target is None:
        return f"{said}, which no page of the issue prints" if pages_of else None
    if not 1 <= target <= last_page:
        return f"{said}, past the issue's pages"
    if jump.way == "out" and target <= jump.page:
        return f"{said} (PDF page {target}), not after its own page: a part goes on later in the issue"
    if jump.way == "in" and target >= jump.page:
        return f"{said} (PDF page {target}), not before its own page: a continuation follows its part"
    return None


def _pages_held(a: Article) -> set[int]:
    return {p.page for b in [*a.blocks, *a.flow, *a.english] for p in b.pieces} | {c.page for c in a.captions}


def _title_again(title: str | None, rules: Rules) -> str | None:
    """A title as a continuation prints it again, its continuation mark (rules' jump_lines
    `title_marks`: "（续）", "(continued)") taken off and its spaces squeezed; None for no title."""
    if not title:
        return None
    marks = rules.derived(
        "jump_title_marks",
        lambda r: [re.compile(p) for p in r.get("jump_lines", "title_marks", default=[]) or []],
    )
    t = squeeze(title)
    for m in marks:
        t = m.sub("", t)
    return t or None


def _fold_titles_again(units: _Units, jumped: set[int], rules: Rules) -> dict[int, int]:
    """Units opened by a title printed again over a continuation ("科促会深度参与…（续）", the title
    of an article whose part ends at a jump line) are no units: segmentation cut the text there,
    as it does at a unit with no title area of its own right after one (the continuation going on
    over a page turn). Each folds into the unit before it, as if the title were not printed, so
    the continuation is found under its in line as any other. Returns {unit folded: unit before}."""
    titles = {_title_again(units.arts[n].title_zh, rules) for n in jumped} - {None}
    folded: dict[int, int] = {}
    for u, a in enumerate(units.arts):
        if u == 0 or a.kind == UnitKind.TOC:
            continue
        again = _title_again(a.title_zh, rules) in titles and u not in jumped
        untitled = u - 1 in folded and not {"title_area", "contents"} & set(a.evidence_for)
        if not (again or untitled):
            continue
        to = folded.get(u - 1, u - 1)
        folded[u] = to
        dest = units.arts[to]
        for name in ("blocks", "flow", "english", "captions"):
            setattr(dest, name, getattr(dest, name) + getattr(a, name))
            setattr(a, name, [])
        for b in [*dest.flow, *dest.blocks, *dest.english]:
            if id(b) in units.owner:
                units.owner[id(b)] = to
    return folded


def _heads(title: Line, jump: JumpLine) -> bool:
    """A title line stands right over an in line, in its column (within two of its heights)."""
    j = jump.line
    return (
        title.page == j.page
        and _overlaps_x((title.x0, title.x1), (j.x0, max(j.x1, j.x0 + 1)))
        and -OVERLAP_LINES * j.height <= j.y0 - title.y1 <= 2 * title.height
    )


def _title_lines(issue: Issue, a: Article) -> list[Line]:
    """The lines of a unit's title as its first page prints them (inside its title box)."""
    if a.title_bbox is None or not a.pages:
        return []
    x0, y0, x1, y1 = a.title_bbox
    page = next((p for p in issue.layout.pages if p.number == a.pages[0]), None)
    return [
        ln
        for b in (page.blocks if page else [])
        if b.role in (Role.TITLE, Role.SUBTITLE)
        for ln in b.lines
        if ln.page == a.pages[0]
        and x0 - 1 <= ln.x0
        and ln.x1 <= x1 + 1
        and y0 - 1 <= ln.y0
        and ln.y1 <= y1 + 1
    ]


def _titled_rests(units, issue, outs, ins, edges, folded, again, opening, pages_of, rules) -> dict:
    """Rests under their article's title printed again with no in line (……（续）, then the text):
    the title names the article, as an in line would, and stands where its rest starts. For each
    out line whose part's title a folded unit printed again, with no in line under that title: an
    in line inferred over the title, heading the text the unit opened with; sure when the title
    stands on the page the out line names."""
    found: dict[JumpLine, tuple[JumpLine, bool]] = {}
    taken: set[int] = set()
    for out in outs:
        last = edges.get(out)
        if last is None or id(last) not in units.owner:
            continue
        title = _title_again(units.arts[units.owner[id(last)]].title_zh, rules)
        for u in folded:
            lines, first = again.get(u) or [], opening.get(u)
            if (
                u in taken
                or not lines
                or first is None
                or id(first) not in units.owner
                or first.role != Role.PARAGRAPH
                or _title_again(issue.articles[u].title_zh, rules) != title
                or any(_heads(t, j) for t in lines for j in ins)
            ):
                continue
            box = (
                min(t.x0 for t in lines),
                min(t.y0 for t in lines),
                max(t.x1 for t in lines),
                max(t.y1 for t in lines),
            )
            jin = JumpLine("in", None, replace(lines[0], text="", bbox=box), inferred=True)
            edges[jin] = first
            found[out] = (jin, _target(out, pages_of) == lines[0].page)
            taken.add(u)
            break
    return found


def stitch_jumps(issue: Issue, rules: Rules) -> Issue:
    """Articles continued on a later page made whole (see the module doc)."""
    jumps = jump_lines(issue, rules)
    if not jumps:
        return issue
    units = _Units(issue.articles)
    edges = {j: _edge_block(units, j) for j in jumps}  # splits first: every edge a block boundary
    edges = {j: units.blocks.get(id(b)) if b is not None else None for j, b in edges.items()}
    pages_of = pdf_pages_of_folios(issue.layout)
    outs = [j for j in jumps if j.way == "out"]
    ins = [j for j in jumps if j.way == "in"]
    # units opened by a title printed again over a continuation: folded before the rests are found
    opening = {u: next(iter(a.flow or a.blocks), None) for u, a in enumerate(units.arts)}
    folded = _fold_titles_again(
        units,
        {units.owner[id(edges[j])] for j in outs if edges[j] is not None and id(edges[j]) in units.owner},
        rules,
    )
    again = {u: _title_lines(issue, issue.articles[u]) for u in folded}
    if folded:  # a rest's band starts at the title printed over its in line
        tops = [ln for lines in again.values() for ln in lines]
        for j in list(ins):
            over = [t for t in tops if _heads(t, j)]
            if over:
                top = min(t.y0 for t in over)
                moved = replace(j, line=replace(j.line, bbox=(j.line.x0, top, j.line.x1, j.line.y1)))
                edges[moved] = edges.pop(j)
                ins[ins.index(j)] = moved
    last_page = max((p.number for p in issue.layout.pages), default=0)
    # continuations printed with no in line: an in line inferred where the text shows one starts
    inferred: dict[JumpLine, tuple[JumpLine, bool]] = {}  # out line -> (its inferred in line, sure)
    inferred.update(_titled_rests(units, issue, outs, ins, edges, folded, again, opening, pages_of, rules))
    for out in outs:
        if out in inferred:
            continue
        last, target = edges[out], _target(out, pages_of)
        if last is None or target is None or _page_invalid(out, target, pages_of, last_page):
            continue
        if any(j.page == target or _target(j, pages_of) == out.page for j in ins):
            continue  # an in line may answer it
        rests = _unheaded_rests(units, issue, last, target)
        if len(rests) != 1:
            continue
        first = rests[0].lines[0]
        x0, x1 = _line_column(rests[0], first)
        line = replace(first, text="", bbox=(x0, first.y0 - first.height, x1, first.y0 - 0.5))
        jin = JumpLine("in", None, line, inferred=True)
        edges[jin] = rests[0]
        # sure when the part's last sentence is left open, or when the rest's first paragraph
        # opens the next point of the enumeration the part's last paragraph opened (二是… | 三是…)
        inferred[out] = (jin, _left_open(last) or carries_on(last.text, rests[0].text, rules))
    ins += [jin for jin, _ in inferred.values()]
    zones = _Zones(ins, edges)
    zones.split(units)
    edges = {j: _holding(units, b, j) for j, b in edges.items()}  # the edges' parts, where split
    # a continuation ends where the next one starts (its in line), or after a block a jump out ends
    after_out = {id(edges[j]) for j in outs if edges[j] is not None}
    warnings: list[Warning] = []
    for_: dict[int, list[str]] = {}
    against: dict[int, list[str]] = {}
    used: set[JumpLine] = set()
    moved_from: dict[int, set[int]] = {}  # unit -> pages it lost text on

    def warn(code, message, jump, n=None):
        warnings.append(
            Warning(code, message, units.arts[n].seq if n is not None else None, jump.page, jump.line.bbox)
        )

    for out in outs:
        # the block holding the part's last line now: an earlier continuation moved away may have
        # left this part and its own rest side by side, joined as one paragraph (_stitch's seams)
        last = edges[out] = _holding(units, edges[out], out)
        if last is None or id(last) not in units.owner:
            warn(WarningCode.JUMP_UNMATCHED, f"jump line {out.line.text!r} ends no text", out)
            continue
        n = units.owner[id(last)]
        art = units.arts[n]
        target = _target(out, pages_of)
        invalid = _page_invalid(out, target, pages_of, last_page)
        if invalid:  # said where it stands; an in line naming this part may still answer it
            warn(WarningCode.JUMP_PAGE_INVALID, f"jump line {out.line.text!r} {invalid}", out, n)
        here = set(art.pages) | {out.page}
        for j in ins:
            edges[j] = _holding(units, edges[j], j)
        joined = [j for j in ins if j not in used and edges[j] is last and _target(out, pages_of) == j.page]
        if joined:  # the part and its rest are one block already: nothing to move
            used.add(joined[0])
            for_.setdefault(n, []).append("jump_stitched")
            continue
        free = [j for j in ins if j not in used and edges[j] is not None and id(edges[j]) in units.owner]
        on_target = [j for j in free if j.page == target and not invalid]
        agree = [j for j in on_target if _target(j, pages_of) in here]
        back = [j for j in free if j.page != target and _target(j, pages_of) in here and j.page > out.page]
        if out in inferred and id(edges[inferred[out][0]]) in units.owner:
            jin, sure = inferred[out]  # no in line: the page named and the text running on
        elif agree:
            jin, sure = agree[0], True
        elif (on_target or back) and _left_open(last):
            jin, sure = (on_target or back)[0], False
        else:
            if not invalid:
                warn(
                    WarningCode.JUMP_UNMATCHED,
                    f"jump line {out.line.text!r}: no continuation found on page {target}; the article stays cut here",
                    out,
                    n,
                )
                for u in _holding_text_on(issue.articles, target, n):  # the rest is in one of them, unjoined
                    against.setdefault(u, []).append("holds_continuation")
            against.setdefault(n, []).append("jump_unmatched")  # cut short: its rest is somewhere
            continue
        used.add(jin)
        if n + 1 < len(units.arts):  # the unit after the part: the text before it stops at the jump
            nxt = units.arts[n + 1]
            nxt.evidence_against = [e for e in nxt.evidence_against if e != "text_before_open"]
        start = edges[jin]
        src = units.owner[id(start)]
        runs_on = _stitch(units, jin, start, last, n, zones, ins, after_out)
        moved_from.setdefault(src, set()).add(jin.page)
        if jin.inferred:
            if sure:
                for_.setdefault(n, []).append("jump_continuity")
            else:
                against.setdefault(n, []).append("jump_one_sided")
                warn(
                    WarningCode.JUMP_DOUBTFUL,
                    f"jump line {out.line.text!r}: no in line on page {target}; the text at the top of a "
                    "column there taken as its continuation though the part ends a sentence (a "
                    "paragraph begins there, as any may)",
                    jin,
                    n,
                )
        elif sure:
            for_.setdefault(n, []).append("jump_stitched")
        else:
            against.setdefault(n, []).append("jump_one_sided")
            said = (
                f"jump line {out.line.text!r} and {jin.line.text!r} (page {jin.page}) do not name each "
                f"other's pages; joined because the text before the jump stops mid-sentence"
                + ("" if runs_on else " (the continuation begins a paragraph)")
            )
            warn(WarningCode.JUMP_DOUBTFUL, said, jin, n)
    for jin in ins:
        if jin in used or jin.inferred:
            continue
        start = edges[jin]
        n = units.owner.get(id(start)) if start is not None else None
        invalid = _page_invalid(jin, _target(jin, pages_of), pages_of, last_page)
        warn(
            WarningCode.JUMP_PAGE_INVALID if invalid else WarningCode.JUMP_UNMATCHED,
            f"continuation under {jin.line.text!r}: "
            + (f"it {invalid}; " if invalid else "")
            + "no jump line sends to it; left where it is",
            jin,
            n,
        )
        if n is not None:
            against.setdefault(n, []).append("holds_continuation")
    layout = issue.layout
    if folded:
        for u in folded:
            a = issue.articles[u]
            said = (
                f"{a.title_zh!r}: an article's title printed again over its continuation, no unit of its "
                "own; the title kept as jump furniture"
                if again[u]
                else f"{a.title_zh!r}: no title of its own after a title printed again; read on with the text before it"
            )
            first = next(iter(a.flow or a.blocks), None)
            box = a.title_bbox or (first.bbox if first is not None else None)
            warnings.append(
                Warning(WarningCode.JUMP_TITLE_AGAIN, said, None, a.pages[0] if a.pages else None, box)
            )
        heads = {id(ln): ln for lines in again.values() for ln in lines}
        layout = replace(
            layout,
            pages=[
                replace(
                    p,
                    furniture=p.furniture + [ln for ln in heads.values() if ln.page == p.number],
                    jump_titles=p.jump_titles + [ln for ln in heads.values() if ln.page == p.number],
                )
                if any(ln.page == p.number for ln in heads.values())
                else p
                for p in layout.pages
            ],
        )
    arts = []
    for n, a in enumerate(units.arts):
        if n in folded:
            continue
        held = _pages_held(a)
        lost = min(moved_from.get(n, {10**9}))
        pages = (
            sorted({p for p in a.pages if p < lost or p in held or p == a.pages[0]} | held)
            if a.pages
            else a.pages
        )
        arts.append(
            replace(
                a,
                pages=pages,
                evidence_for=a.evidence_for + for_.get(n, []),
                evidence_against=a.evidence_against + against.get(n, []),
            )
        )
    return replace(issue, layout=layout, articles=arts, warnings=issue.warnings + warnings)
