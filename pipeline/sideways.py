"""A page printed sideways without /Rotate, read as the reader turns it.

Magazines set a table too wide for the portrait page (or a whole landscape page: a chart, a
spread of figures) on a landscape page and print it turned by 90° inside the content stream of a
portrait page: the text matrix is turned, the page's /Rotate stays 0. MuPDF reports such a page's
lines running up (turned 90°: the reader turns the magazine clockwise) or down (turned 270°).
Read as it stands, vertical.py would take each turned line for a vertical title and the table's
cells would be a heap of tall narrow lines.

The evidence is the page's own text: when most of its characters (TURNED_PAGE_SHARE) run one way
turned, the page is read turned upright, as a page with /Rotate is (extract._upright): text,
rules and images moved into the landscape page the reader sees, where lines run left to right
again and the layout, tables and captions stages read it as any page. What was upright on the
portrait page (a folio printed the usual way) is turned there, and read as vertical text is.

The page keeps the number it has; `RawPage.turn` says how it was turned, and every row's box is
moved back into the page's own (portrait) coordinates where the rows are written (spreads.to_pdf),
so provenance points at the page as it is in the file. A `page_turned` warning names each page
read so.

A page may be printed partly sideways: an upright running head, title and paragraph, and under
or beside them a table turned 90°. Neither way of reading the whole page is right there, so the
turned lines (grouped where they stand together, with the rules they reach) make a region
(`turned_region`) read turned upright in place: its content turned about its top-left corner,
what stood under it moved down and what stood right of it moved right by what the turned region
needs, the rest left where it is (`RawPage.region`; `region_back` moves a row's box back). A
frame drawn round the region and the upright lines set with it (a caption, a note) stretches with
it: its top left kept, its right side and foot moved as what stood right of and under the region.
The tables stage reads the area on the page so moved too (plumber_turn.py), merged cells and all.
"""

from __future__ import annotations

from .models import BBox, RawPage, TurnedRegion, Warning, WarningCode
from .pdf import pymupdf

# a page is read turned when at least this share of its characters run in lines turned one way
# (a vertical title, a thumb tab or a photo credit are a few per cent of an upright page's) ...
TURNED_PAGE_SHARE = 0.6
# ... and they are at least this many (a page holding only a turned credit or tab is no landscape
# page)
TURNED_PAGE_MIN_CHARS = 40


def _direction(dx: float, dy: float) -> int:
    """The turn that makes a line of this direction run left to right: 90 for a line running up
    the page, 270 for one running down, 0 otherwise."""
    if abs(dx) > 0.1:
        return 0
    return 90 if dy < 0 else 270


def _line_turn(ln: dict) -> int:
    """The turn of one rawdict line (0 for an upright one)."""
    dx, dy = ln.get("dir", (1.0, 0.0))
    # a vertical-writing font stacks upright glyphs: no turned page
    return 0 if dx > 0.9 or ln.get("wmode") else _direction(dx, dy)


def may_turn(text: dict) -> bool:
    """Can the page be turned at all: some line of it runs up or down. Most pages have none, and
    then no glyph needs counting (content_turn's count would find no turned character)."""
    return any(_line_turn(ln) for b in text["blocks"] for ln in b.get("lines", ()))


def content_turn(text: dict) -> int:
    """How the page's text is turned in its content stream (0, 90 or 270), from a rawdict of the
    page: the turn most of its characters share, when they are enough."""
    return counted_turn(text) if may_turn(text) else 0


def counted_turn(text: dict) -> int:
    """content_turn by counting every line's glyphs (on a page may_turn lets through)."""
    counts = {0: 0, 90: 0, 270: 0}  # glyphs (spaces too: a count, not a reading)
    for b in text["blocks"]:
        for ln in b.get("lines", ()):
            counts[_line_turn(ln)] += sum(len(s["chars"]) for s in ln["spans"])
    total = sum(counts.values())
    turn = max((90, 270), key=counts.__getitem__)
    if counts[turn] >= TURNED_PAGE_MIN_CHARS and counts[turn] >= TURNED_PAGE_SHARE * total:
        return turn
    return 0


def turn_matrix(turn: int, width: float, height: float) -> pymupdf.Matrix:
    """From the portrait page (width x height) to the page turned upright (height x width): a
    point's place as the reader who turned the page sees it."""
    if turn == 90:  # the page turned clockwise: its left edge is the top
        return pymupdf.Matrix(0, 1, -1, 0, height, 0)
    if turn == 270:  # turned anticlockwise: its right edge is the top
        return pymupdf.Matrix(0, -1, 1, 0, 0, width)
    return pymupdf.Matrix(1, 0, 0, 1, 0, 0)


def to_page(bbox: BBox, turn: int, width: float, height: float) -> BBox:
    """A box read on the page turned upright (width x height, as read) back in the page's own
    coordinates."""
    if not turn:
        return bbox
    m = ~turn_matrix(turn, height, width)  # the portrait page is height wide and width high
    r = pymupdf.Rect(bbox).transform(m)
    return (r.x0, r.y0, r.x1, r.y1)


def turned_warnings(pages: list[RawPage]) -> list[Warning]:
    """`page_turned` for each page read turned upright, or with a region turned upright."""
    return [
        Warning(
            WarningCode.PAGE_TURNED,
            f"page {p.sheet or p.number} printed sideways (its text turned {p.turn}° in the content "
            "stream, /Rotate 0): read turned upright; boxes are given in the page's own coordinates"
            if p.turn
            else f"a region of page {p.sheet or p.number} printed sideways (its text turned "
            f"{p.region.turn}° in the content stream, the rest upright): read turned upright in place; "
            "boxes are given in the page's own coordinates",
            page=p.number,
        )
        for p in pages
        if p.turn or p.region
    ]


# A page partly upright, partly turned (a table printed sideways under or beside upright text):
# its turned lines of one turn, grouped where they stand closer than REGION_GAP_EM of their type
# or reach one rule (a turned table's columns stand far apart; its rules run across them),
# make a region when a group holds REGION_MIN_LINES lines and TURNED_PAGE_MIN_CHARS characters,
# no upright line stands inside it (save the page's furniture wholly in the head or foot band, a
# folio the turned table runs round: left where it is, TurnedRegion.kept, when the region read
# upright leaves it clear), and upright text outside the head and foot bands
# (REGION_BAND of the page's height: a running head, a folio) holds REGION_UPRIGHT_MIN_CHARS (a
# page turned whole with its upright running head and folio is read turned whole). The rules the
# turned lines reach grow the region, but not over an upright line: a frame drawn round the
# turned table and its caption or note set upright is no rule of the table's.
REGION_GAP_EM = 3.0
REGION_MIN_LINES = 4
REGION_BAND = 0.08
REGION_UPRIGHT_MIN_CHARS = 20
REGION_PAD = 2.0  # pt around the region's lines (a rule or a glyph's edge just outside them)
# a rule standing within this many ems of the turned lines' type from them is the region's (a
# table's top rule set a few points over its head row)
REGION_RULE_GAP_EM = 1.0


def _centre_in(box, region, pad: float = 0.0) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] - pad <= cx <= region[2] + pad and region[1] - pad <= cy <= region[3] + pad


def _near(a, b, gap: float) -> bool:
    return a[0] - gap <= b[2] and b[0] - gap <= a[2] and a[1] - gap <= b[3] and b[1] - gap <= a[3]


def turned_region(text: dict, rects: list, width: float, height: float) -> TurnedRegion | None:
    """The region of a partly upright page whose lines are turned, read upright in place; None
    when the page has none (most pages: no turned line at all, checked first)."""
    turned: dict[int, list[tuple[BBox, int, float]]] = {90: [], 270: []}
    upright: list[tuple[BBox, int]] = []
    for b in text["blocks"]:
        for ln in b.get("lines", ()):
            dx, dy = ln.get("dir", (1.0, 0.0))
            n = sum(len(s["chars"]) for s in ln["spans"])
            if dx > 0.9 or ln.get("wmode"):
                upright.append((tuple(ln["bbox"]), n))
            elif turn := _direction(dx, dy):
                size = max((s["size"] for s in ln["spans"]), default=0.0)
                turned[turn].append((tuple(ln["bbox"]), n, size))
    turn = max((90, 270), key=lambda t: sum(n for _, n, _ in turned[t]))
    lines = turned[turn]
    if sum(n for _, n, _ in lines) < TURNED_PAGE_MIN_CHARS or len(lines) < REGION_MIN_LINES:
        return None
    groups: list[list[tuple[BBox, int, float]]] = []
    for ln in lines:  # grouped where they stand close
        near = [g for g in groups if any(_near(ln[0], o[0], REGION_GAP_EM * max(ln[2], o[2])) for o in g)]
        merged = [ln, *(o for g in near for o in g)]
        groups = [g for g in groups if g not in near] + [merged]
    for r in rects:  # a rule the lines of two groups reach joins them (a turned table's columns
        rb = r.bbox  # stand far apart across the page; its rules run across them all)
        if (rb[2] - rb[0]) * (rb[3] - rb[1]) > 0.5 * width * height:
            continue
        near = [g for g in groups if any(_near(rb, o[0], REGION_GAP_EM * o[2]) for o in g)]
        if len(near) > 1:
            groups = [g for g in groups if g not in near] + [[o for g in near for o in g]]
    group = max(groups, key=lambda g: sum(n for _, n, _ in g))
    if len(group) < REGION_MIN_LINES or sum(n for _, n, _ in group) < TURNED_PAGE_MIN_CHARS:
        return None
    box = [
        min(g[0][0] for g in group),
        min(g[0][1] for g in group),
        max(g[0][2] for g in group),
        max(g[0][3] for g in group),
    ]
    size = sorted(g[2] for g in group)[len(group) // 2]  # the turned lines' type
    band = REGION_BAND * height
    grown = True
    while grown:  # the region's own rules (a table's grid or three lines) reach past its text
        grown = False
        for r in rects:
            rb = r.bbox
            if _near(rb, box, REGION_RULE_GAP_EM * size) and not (
                box[0] <= rb[0] and box[1] <= rb[1] and rb[2] <= box[2] and rb[3] <= box[3]
            ):
                if (rb[2] - rb[0]) * (rb[3] - rb[1]) > 0.5 * width * height:
                    continue  # a page frame or background is no part of it
                wider = [min(box[0], rb[0]), min(box[1], rb[1]), max(box[2], rb[2]), max(box[3], rb[3])]
                if any(
                    _centre_in(u, wider) and not _centre_in(u, box) and not _in_band(u, band, height)
                    for u, _ in upright
                ):
                    continue  # a frame round upright lines too (a caption, a note set upright in it)
                box = wider
                grown = True
    region = (box[0] - REGION_PAD, box[1] - REGION_PAD, box[2] + REGION_PAD, box[3] + REGION_PAD)
    w, h = region[2] - region[0], region[3] - region[1]
    read = (region[0], region[1], region[0] + h, region[1] + w)  # the region turned upright
    among = [u for u, _ in upright if _centre_in(u, region)]
    # an upright line among the turned lines is no part of them: the region is refused, save for
    # the page's own furniture (a folio, a running head's words) set wholly in its head or foot
    # band, which stays where it is when the region read upright leaves it clear
    if any(not _in_band(u, band, height) or _meets(u, read) for u in among):
        return None
    outside = sum(n for u, n in upright if u[1] > band and u[3] < height - band)
    if outside < REGION_UPRIGHT_MIN_CHARS:
        return None
    return TurnedRegion(turn, region, max(0.0, h - w), max(0.0, w - h), tuple(among))


def _in_band(box, band: float, height: float) -> bool:
    return box[3] <= band or box[1] >= height - band


def _meets(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _kept(tr: TurnedRegion, box) -> bool:
    """box stands in one of the upright lines left in place among the turned lines."""
    return any(_within(box, k) for k in tr.kept)


def _within(inner, outer, pad: float = 1.0) -> bool:
    return (
        inner[0] >= outer[0] - pad
        and inner[1] >= outer[1] - pad
        and inner[2] <= outer[2] + pad
        and inner[3] <= outer[3] + pad
    )


def region_matrix(tr: TurnedRegion) -> pymupdf.Matrix:
    """The region's content turned upright about its top-left corner (as turn_matrix turns a page
    about its own)."""
    x0, y0, x1, y1 = tr.bbox
    if tr.turn == 90:  # x' = x0 + (y1 - y), y' = y0 + (x - x0)
        return pymupdf.Matrix(0, 1, -1, 0, x0 + y1, y0 - x0)
    return pymupdf.Matrix(0, -1, 1, 0, x0 - y0, y0 + x1)  # 270: x' = x0 + (y - y0), y' = y0 + (x1 - x)


def region_move(tr: TurnedRegion, box) -> pymupdf.Matrix:
    """How an object of the page as printed, boxed so, moves on the page read: turned with the
    region it stands in, down when under it, right when beside it to its right."""
    x0, y0, x1, y1 = tr.bbox
    if _kept(tr, box):
        return pymupdf.Matrix(1, 0, 0, 1, 0, 0)
    if _encloses(box, tr.bbox):
        return _stretch(box, tr.dx, tr.dy)
    if _centre_in(box, tr.bbox):
        return region_matrix(tr)
    across = box[0] < x1 and box[2] > x0
    level = box[1] < y1 and box[3] > y0
    if across and box[1] >= y1 - REGION_PAD:
        return pymupdf.Matrix(1, 0, 0, 1, 0, tr.dy)
    if level and box[0] >= x1 - REGION_PAD:
        return pymupdf.Matrix(1, 0, 0, 1, tr.dx, 0)
    return pymupdf.Matrix(1, 0, 0, 1, 0, 0)


def _encloses(box, region) -> bool:
    """box stands round the whole region, clear of it on every side (a frame drawn round a turned
    table and the upright lines set with it)."""
    return (
        box[0] <= region[0] - REGION_PAD
        and box[1] <= region[1] - REGION_PAD
        and box[2] >= region[2] + REGION_PAD
        and box[3] >= region[3] + REGION_PAD
    )


def _stretch(box, dx: float, dy: float) -> pymupdf.Matrix:
    """A box round the region moved as its sides move: its top left kept, its right side moved
    right by dx and its foot down by dy (what stood right of and under the region moved so)."""
    sx = (box[2] - box[0] + dx) / max(box[2] - box[0], 1e-6)
    sy = (box[3] - box[1] + dy) / max(box[3] - box[1], 1e-6)
    return pymupdf.Matrix(sx, 0, 0, sy, box[0] * (1 - sx), box[1] * (1 - sy))


def region_back(tr: TurnedRegion, bbox: BBox) -> BBox:
    """A box read on the page with its region turned, back in the page's own coordinates."""
    x0, y0, x1, y1 = tr.bbox
    read = (x0, y0, x0 + (y1 - y0), y0 + (x1 - x0))  # the region turned upright
    if _kept(tr, bbox):
        return bbox
    if _encloses(bbox, read):
        r = pymupdf.Rect(bbox).transform(
            ~_stretch((bbox[0], bbox[1], bbox[2] - tr.dx, bbox[3] - tr.dy), tr.dx, tr.dy)
        )
        return (r.x0, r.y0, r.x1, r.y1)
    if _centre_in(bbox, read):
        m = ~region_matrix(tr)
    elif bbox[0] < x1 and bbox[2] > x0 and bbox[1] >= read[3] - REGION_PAD:
        m = pymupdf.Matrix(1, 0, 0, 1, 0, -tr.dy)
    elif bbox[1] < read[3] and bbox[3] > y0 and bbox[0] >= read[2] - REGION_PAD:
        m = pymupdf.Matrix(1, 0, 0, 1, -tr.dx, 0)
    else:
        return bbox
    r = pymupdf.Rect(bbox).transform(m)
    return (r.x0, r.y0, r.x1, r.y1)
