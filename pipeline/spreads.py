"""Two facing pages exported as one PDF page (a spread): each half read as the page it is.

A designer's "spreads" export puts pages 2-3, 4-5, ... side by side on one landscape PDF page.
Read as one page, the two halves give wrong columns, a wrong reading order and one folio for two
pages. A landscape page alone is no spread (slides, wide tables, a landscape report: their
columns can leave the middle just as empty), so the split asks for evidence of two pages:

- a fold: a strip down the middle, FOLD_WIDTH wide, that no line crosses but a few crossing
  elements (a headline or photo run across both pages, as spreads print them: at most
  MAX_CROSSING_SHARE of the page's characters);
- two folios, one per half, in the head or foot band, the right one the left one plus 1 (facing
  pages number on). A PDF page with both is a spread; so is every other page of the same size
  with a fold in the same file (a spread of two photos, or of an advertisement beside an opening,
  prints no folio: the export made all its pages alike).

`split_spreads` runs once, right after extraction: a spread becomes two RawPages, numbered in
reading order like any page, each in its half's own coordinates (x minus the half's offset), and
carrying the PDF page it is on (`sheet`), its offset and its side. Every stage in between reads
pages as before; the rows are mapped back to the PDF page and its coordinates where they are
written (`to_pdf`, datasets.py), with a `side` column saying which half. A line crossing the fold
is kept whole, on the half that holds most of it, and warned about (`spread_crossing`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from .models import BBox, Line, RawDocument, RawPage, Side, TurnedRegion, Warning, WarningCode
from .sideways import region_back, to_page

LANDSCAPE = 1.25  # width over height at which a page may hold two portrait pages
FOLD_ZONE = 0.04  # the fold is looked for this share of the width either side of the middle
FOLD_WIDTH = 0.015  # the strip at the fold is at least this share of the width
MAX_CROSSING_SHARE = 0.1  # characters of lines crossing the fold, at most this share of the page's
FOLIO_BAND = 0.1  # a folio stands in the top or bottom this share of the height
SAME_SIZE = 2.0  # points: pages this close in width and height are "of the same size"
STEP = 1.0  # points between the positions tried for the fold
_FOLIO = re.compile(r"^\d{1,4}$|^\d{1,4}\s|\s\d{1,4}$")


@dataclasses.dataclass(frozen=True)
class Fold:
    x: float  # where the page is cut, in its coordinates


def find_fold(page: RawPage) -> Fold | None:
    """The widest strip near the middle crossed by the fewest characters, if it is wide enough
    and those characters few enough: where two facing pages meet."""
    if page.width <= LANDSCAPE * page.height or not page.lines:
        return None
    mid, zone = page.width / 2, FOLD_ZONE * page.width
    near = [ln for ln in page.lines if ln.x0 < mid + zone and ln.x1 > mid - zone]
    xs = [mid - zone + k * STEP for k in range(int(2 * zone / STEP) + 1)]
    cost = [sum(len(ln.text) for ln in near if ln.x0 < x < ln.x1) for x in xs]
    least = min(cost)
    best: tuple[int, int] = (0, -1)  # the longest run of positions at the least cost
    start = None
    for k, c in enumerate([*cost, None]):
        if c == least and start is None:
            start = k
        elif c != least and start is not None:
            if k - start > best[1] - best[0] + 1:
                best = (start, k - 1)
            start = None
    if (best[1] - best[0]) * STEP < FOLD_WIDTH * page.width:
        return None
    total = sum(len(ln.text) for ln in page.lines)
    if least > MAX_CROSSING_SHARE * total:
        return None
    return Fold((xs[best[0]] + xs[best[1]]) / 2)


def _folio(lines: Iterable[Line], page: RawPage, lo: float, hi: float) -> int | None:
    """The page number printed in the head or foot band between lo and hi, if one (and one only)."""
    band = FOLIO_BAND * page.height
    found = set()
    for ln in lines:
        if ln.x0 >= lo and ln.x1 <= hi and (ln.y1 <= band or ln.y0 >= page.height - band):
            text = ln.text.strip()
            if _FOLIO.search(text):
                numbers = re.findall(r"^\d{1,4}(?=\s|$)|(?<=\s)\d{1,4}$", text)
                found.update(int(n) for n in numbers)
    return found.pop() if len(found) == 1 else None


def facing_folios(page: RawPage, fold: Fold) -> bool:
    """Each half prints its own folio and they number on: two pages side by side."""
    left = _folio(page.lines, page, 0, fold.x)
    right = _folio(page.lines, page, fold.x, page.width)
    return left is not None and right is not None and right == left + 1


def _same_size(a: RawPage, b: RawPage) -> bool:
    return abs(a.width - b.width) <= SAME_SIZE and abs(a.height - b.height) <= SAME_SIZE


def _shift(box: BBox, dx: float) -> BBox:
    return (box[0] - dx, box[1], box[2] - dx, box[3])


def _half(page: RawPage, number: int, side: Side, lo: float, hi: float, lines: list[Line]) -> RawPage:
    """The page between lo and hi, in its own coordinates (x - lo)."""
    moved = [
        dataclasses.replace(
            ln,
            page=number,
            bbox=_shift(ln.bbox, lo),
            wrap_left=None if ln.wrap_left is None else ln.wrap_left - lo,
            wrap_right=None if ln.wrap_right is None else ln.wrap_right - lo,
        )
        for ln in lines
    ]
    # a rule, shading or photo across the fold is printed on both pages: each keeps its own part
    rects = [
        dataclasses.replace(r, bbox=_clipped(r.bbox, lo, hi)) for r in page.rects if _inside(r.bbox, lo, hi)
    ]
    images = [_clipped(b, lo, hi) for b in page.images if _inside(b, lo, hi)]
    # what the sheet hides goes with the half its middle stands on (residue rows, warnings)
    hidden = [
        dataclasses.replace(h, bbox=_shift(h.bbox, lo))
        for h in page.hidden
        if lo <= (h.bbox[0] + h.bbox[2]) / 2 < hi
    ]
    return RawPage(
        number,
        hi - lo,
        page.height,
        moved,
        rects,
        images,
        damage=page.damage,
        unreadable=page.unreadable,
        sheet=page.number,
        x_offset=lo,
        side=side,
        hidden=hidden,
        ocr=None if page.ocr is None else _clipped(page.ocr, lo, hi),
    )


def _inside(box: BBox, lo: float, hi: float) -> bool:
    """Some of box lies between lo and hi (a vertical rule has no width: where it stands)."""
    return max(box[0], lo) < min(box[2], hi) or lo <= box[0] == box[2] < hi


def _clipped(box: BBox, lo: float, hi: float) -> BBox:
    """The part of box between lo and hi, in the coordinates of a page starting at lo."""
    return (max(box[0], lo) - lo, box[1], min(box[2], hi) - lo, box[3])


def _where(line: Line, fold: float) -> Side:
    """The side holding most of a line (a crossing headline stays whole where it mostly stands)."""
    return Side.LEFT if fold - line.x0 >= line.x1 - fold else Side.RIGHT


# reads a spread again, its two pages' lines rebuilt apart: (PDF page, fold x) -> (left, right)
# lines in the PDF page's coordinates, or None when it cannot be read again
HalvesReader = Callable[[int, float], tuple[list[Line], list[Line]] | None]


def split_spreads(raw: RawDocument, halves: HalvesReader | None = None) -> RawDocument:
    """The document with every spread read as two pages, numbered in reading order; the input is
    not changed. A document with no spread is returned as it is. `halves` (extract.py) rebuilds
    each side's lines from the glyphs: lines read from the whole page may join the two pages'
    lines at the same height; without it the page's lines are dealt to the side holding most."""
    folds = {p.number: find_fold(p) for p in raw.pages}
    proven = [p for p in raw.pages if folds[p.number] and facing_folios(p, folds[p.number])]
    if not proven:
        return raw
    spread = {p.number for p in raw.pages if folds[p.number] and any(_same_size(p, q) for q in proven)}
    pages: list[RawPage] = []
    first_of: dict[int, int] = {}  # PDF page -> the number of its first (left) page
    warnings: list[Warning] = []
    for p in raw.pages:
        first_of[p.number] = len(pages) + 1
        if p.number not in spread:
            n = len(pages) + 1
            pages.append(dataclasses.replace(p, number=n, lines=_renumbered(p.lines, n), sheet=p.number))
            continue
        fold = folds[p.number].x
        left_no, right_no = len(pages) + 1, len(pages) + 2
        read = halves(p.number, fold) if halves else None
        if read is None:
            read = (
                [ln for ln in p.lines if _where(ln, fold) == Side.LEFT],
                [ln for ln in p.lines if _where(ln, fold) == Side.RIGHT],
            )
        left, right = read
        pages.append(_half(p, left_no, Side.LEFT, 0.0, fold, left))
        pages.append(_half(p, right_no, Side.RIGHT, fold, p.width, right))
        for number, offset, lines in ((left_no, 0.0, left), (right_no, fold, right)):
            for ln in lines:
                if ln.x0 < fold < ln.x1:  # kept whole on the side holding most of it
                    side = Side.LEFT if number == left_no else Side.RIGHT
                    warnings.append(
                        Warning(
                            WarningCode.SPREAD_CROSSING,
                            f"a line crosses the fold of PDF page {p.number} (two facing pages): "
                            f"kept whole on the {side} page: {ln.text[:30]!r}",
                            page=number,
                            bbox=_shift(ln.bbox, offset),
                        )
                    )
    split = sorted(spread)
    warnings.insert(
        0,
        Warning(
            WarningCode.SPREAD_PAGES,
            f"{len(split)} PDF page(s) hold two facing pages (a fold, folios numbering on), each "
            f"half read as a page of its own: PDF p. {split[0]}"
            + (f"-{split[-1]}" if len(split) > 1 else ""),
            page=first_of[split[0]],
        ),
    )
    moved = [_moved_warning(w, first_of, folds, spread) for w in raw.warnings]
    return dataclasses.replace(raw, pages=pages, warnings=[*moved, *warnings])


def _renumbered(lines: list[Line], number: int) -> list[Line]:
    return (
        lines
        if all(ln.page == number for ln in lines)
        else [dataclasses.replace(ln, page=number) for ln in lines]
    )


def _moved_warning(
    w: Warning, pages: list[RawPage], first_of: dict[int, int], folds, spread: set[int]
) -> Warning:
    """A warning extraction raised on a PDF page, pointed at the page it is on after the split."""
    if w.page is None or w.page not in first_of:
        return w
    if w.page not in spread or w.bbox is None:
        return dataclasses.replace(w, page=first_of[w.page])
    fold = folds[w.page].x
    if (w.bbox[0] + w.bbox[2]) / 2 < fold:
        return dataclasses.replace(w, page=first_of[w.page])
    return dataclasses.replace(w, page=first_of[w.page] + 1, bbox=_shift(w.bbox, fold))


@dataclasses.dataclass(frozen=True)
class PdfPlace:
    """Where a page the stages read lies in the PDF."""

    page: int  # the PDF page
    x_offset: float  # add to x to get the PDF page's coordinates
    side: Side | None  # which half of a spread; None for a page read whole
    # a page printed sideways, read turned upright (sideways.py): the turn and the size read
    turn: int = 0
    size: tuple[float, float] = (0.0, 0.0)
    region: TurnedRegion | None = None  # a region of it printed sideways, read turned in place


def page_name(raw: RawDocument, number: int) -> str:
    """A page as read, named as a reader finds it in the PDF (for messages): "13", or "13 left"
    for half of a PDF page holding two facing pages."""
    page = raw.pages[number - 1] if 0 < number <= len(raw.pages) else None
    if page is None or page.number != number:
        page = next((p for p in raw.pages if p.number == number), None)
    if page is None or page.side is None:
        return str(page.sheet or number) if page else str(number)
    return f"{page.sheet} {page.side}"


def pdf_places(raw: RawDocument) -> dict[int, PdfPlace]:
    """Page number as the stages read it -> its place in the PDF."""
    return {
        p.number: PdfPlace(p.sheet or p.number, p.x_offset, p.side, p.turn, (p.width, p.height), p.region)
        for p in raw.pages
    }


def to_pdf(rows: dict[str, list[dict]], raw: RawDocument) -> dict[str, list[dict]]:
    """Every row's page as the PDF page it is on, its box in that page's coordinates, and `side`
    set where the page is half of a spread; lists of pages become the PDF pages, in order, once
    each. Rows of a document with no spread are returned as they are."""
    places = pdf_places(raw)
    if all(pl.page == n and pl.side is None and not pl.turn and not pl.region for n, pl in places.items()):
        return rows
    out: dict[str, list[dict]] = {}
    for name, table in rows.items():
        out[name] = [_row_to_pdf(r, places) for r in table]
    if out.get("issues"):
        out["issues"] = [{**r, "page_count": len({pl.page for pl in places.values()})} for r in out["issues"]]
    return out


def _row_to_pdf(row: dict, places: dict[int, PdfPlace]) -> dict:
    new = dict(row)
    for key in ("page_start", "page_end"):
        if isinstance(row.get(key), int) and row[key] in places:
            new[key] = places[row[key]].page
    if isinstance(row.get("pages"), list):
        new["pages"] = sorted({places[p].page if p in places else p for p in row["pages"]})
    if isinstance(row.get("pieces"), list):  # a table cell's pieces: each placed as a row is
        new["pieces"] = [_row_to_pdf(p, places) for p in row["pieces"]]
    page = row.get("page")
    if "page" in row and isinstance(page, int) and page in places:
        place = places[page]
        new["page"] = place.page
        new["side"] = str(place.side) if place.side else None
        if place.turn and row.get("x0") is not None:  # back in the page's own coordinates
            box = to_page((row["x0"], row["y0"], row["x1"], row["y1"]), place.turn, *place.size)
            new.update(zip(("x0", "y0", "x1", "y1"), box, strict=True))
        if place.region and row.get("x0") is not None:  # a region read turned, or moved beside it
            box = region_back(place.region, (row["x0"], row["y0"], row["x1"], row["y1"]))
            new.update(zip(("x0", "y0", "x1", "y1"), box, strict=True))
        if place.x_offset and row.get("x0") is not None:
            new["x0"] = row["x0"] + place.x_offset
            new["x1"] = row["x1"] + place.x_offset
    return new
