"""`pipeline inspect`: draw what the layout engine saw onto PNG page images.

Coloured frames by role, the reading-order number of each block, arrows from one block to the
next, joins across breaks in dashed red, furniture greyed out. One look tells why a paragraph
went where it went.
"""

from __future__ import annotations

from pathlib import Path

from .extract import extract, open_pdf
from .layout import analyze
from .models import LaidOutDocument, PageLayout, TurnedRegion
from .pdf import pymupdf
from .rules import Rules
from .spreads import pdf_places

ROLE_COLORS = {
    "title": (0.85, 0.1, 0.1),
    "subtitle": (0.85, 0.4, 0.1),
    "title_en": (0.6, 0.1, 0.6),
    "section": (0.9, 0.6, 0.0),
    "byline": (0.1, 0.6, 0.6),
    "deck": (0.4, 0.4, 0.9),
    "deck_en": (0.4, 0.4, 0.9),
    "heading": (0.9, 0.2, 0.5),
    "paragraph": (0.1, 0.4, 0.9),
    "list_item": (0.2, 0.6, 0.9),
    "note": (0.5, 0.5, 0.2),
    "reference": (0.5, 0.3, 0.1),
    "bio": (0.2, 0.7, 0.2),
    "afterword": (0.2, 0.7, 0.2),
    "caption": (0.0, 0.65, 0.0),
    "summary": (0.95, 0.5, 0.0),
    "summary_heading": (0.95, 0.5, 0.0),
    "english": (0.7, 0.3, 0.0),
    "table": (0.3, 0.3, 0.3),
    "box": (0.2, 0.5, 0.2),
    "other": (0.5, 0.5, 0.5),
}


def parse_pages(spec: str | None, count: int) -> list[int]:
    """'10-13', '3,5' or '2-4,9' -> page numbers; ValueError (one line, naming --pages) for
    anything else or a page the PDF does not have."""
    if not spec:
        return list(range(1, count + 1))
    pages: list[int] = []
    for part in spec.split(","):
        a, _, b = part.strip().partition("-")
        if not a.strip().isdigit() or (b and not b.strip().isdigit()):
            raise ValueError(f"--pages {spec!r}: expected page numbers such as 10-13 or 3,5")
        lo, hi = int(a), int(b or a)
        if lo < 1 or hi < lo:
            raise ValueError(f"--pages {spec!r}: {part.strip()!r} is not a page range (pages count from 1)")
        if hi > count:
            raise ValueError(f"--pages {spec!r}: the PDF has {count} page{'s' if count != 1 else ''}")
        pages += range(lo, hi + 1)
    return pages


def draw_overlay(page: pymupdf.Page, layout: PageLayout, first_order: int = 0) -> None:
    """Draw one page's layout onto the (in-memory) page: frames by role, reading-order numbers
    (counted from first_order + 1), arrows from block to block, joins across breaks, furniture."""
    blocks = layout.blocks
    shape = page.new_shape()
    for ln in layout.furniture:
        shape.draw_rect(pymupdf.Rect(ln.bbox))
        shape.finish(color=None, fill=(0.6, 0.6, 0.6), fill_opacity=0.55)
    prev_center = None
    for blk in blocks:
        color = ROLE_COLORS.get(blk.role, (0.5, 0.5, 0.5))
        for piece in blk.pieces:
            if piece.page != layout.number:
                continue
            shape.draw_rect(pymupdf.Rect(piece.bbox))
            shape.finish(color=color, width=1.0, dashes="[3] 0" if piece is not blk.pieces[0] else None)
        bb = (
            blk.bbox
            if blk.page == layout.number
            else next(p.bbox for p in blk.pieces if p.page == layout.number)
        )
        center = ((bb[0] + bb[2]) / 2, (bb[1] + bb[3]) / 2)
        if prev_center:
            shape.draw_line(prev_center, center)
            shape.finish(color=(0.9, 0.1, 0.1), width=0.4, stroke_opacity=0.5)
        prev_center = center
        if len(blk.pieces) > 1:  # paragraph joined across a break: show where it goes on
            for a, b in zip(blk.pieces, blk.pieces[1:], strict=False):
                if a.page == b.page == layout.number:
                    shape.draw_line((a.bbox[2], a.bbox[3]), (b.bbox[0], b.bbox[1]))
                    shape.finish(color=(1, 0, 0), width=1.2, dashes="[2] 0")
    for i, blk in enumerate(blocks):  # labels in the same shape: one content stream, one commit
        piece = next((p for p in blk.pieces if p.page == layout.number), None)
        if piece:
            shape.insert_text(
                (piece.bbox[0], piece.bbox[1] + 6),
                f"{first_order + i + 1} {blk.role}",
                fontsize=6,
                color=ROLE_COLORS.get(blk.role, (0.3, 0.3, 0.3)),
            )
    shape.commit()


def overlay_png(doc: pymupdf.Document, laid: LaidOutDocument, page_no: int, dpi: int = 40) -> bytes:
    """One page (1-based) with its layout overlay, as PNG bytes. Draws on the in-memory page:
    use a document opened for this (it is never saved)."""
    first = sum(len(p.blocks) for p in laid.pages if p.number < page_no)
    layout = next(p for p in laid.pages if p.number == page_no)
    place = pdf_places(laid.raw)[page_no]
    page = doc[place.page - 1]
    if place.side is not None:  # half of a spread: that half alone, in its own coordinates
        half = pymupdf.open()
        page = half.new_page(width=layout.width, height=layout.height)
        clip = pymupdf.Rect(place.x_offset, 0, place.x_offset + layout.width, layout.height)
        page.show_pdf_page(page.rect, doc, place.page - 1, clip=clip)
    elif place.turn:  # printed sideways: the page turned upright, as the stages read it
        upright = pymupdf.open()
        page = upright.new_page(width=layout.width, height=layout.height)
        page.show_pdf_page(page.rect, doc, place.page - 1, rotate=-place.turn)
    elif place.region is not None:  # a region printed sideways: read turned upright in place
        upright = pymupdf.open()
        page = upright.new_page(width=layout.width, height=layout.height)
        _draw_as_read(page, doc, place.page - 1, place.region)
    draw_overlay(page, layout, first)
    return page.get_pixmap(dpi=dpi).tobytes("png")


def _draw_as_read(page: pymupdf.Page, doc: pymupdf.Document, pno: int, tr: TurnedRegion) -> None:
    """The PDF page drawn as the stages read it with its region turned (sideways.region_move): the
    region's content turned upright about its top-left corner, the band under it moved down by dy,
    the band level with it on its right moved right by dx (one of the two is 0), the rest where it
    is, so the overlay's boxes stand on the cells and lines they frame."""
    src = doc[pno].rect
    x0, y0, x1, y1 = tr.bbox
    bands = [  # (clip on the page as printed, where it is drawn)
        ((0, 0, src.width, y0), (0, 0, src.width, y0)),
        ((0, y0, x0, y1), (0, y0, x0, y1)),
        ((x1, y0, src.width, y1), (x1 + tr.dx, y0, src.width + tr.dx, y1)),
        ((0, y1, src.width, src.height), (0, y1 + tr.dy, src.width, src.height + tr.dy)),
    ]
    for clip, at in bands:
        if clip[2] - clip[0] > 0.5 and clip[3] - clip[1] > 0.5:
            page.show_pdf_page(pymupdf.Rect(at), doc, pno, clip=pymupdf.Rect(clip))
    turned = pymupdf.Rect(x0, y0, x0 + (y1 - y0), y0 + (x1 - x0))  # the region turned upright
    page.show_pdf_page(turned, doc, pno, clip=pymupdf.Rect(tr.bbox), rotate=-tr.turn)


def draw_pages(pdf: Path, rules: Rules, pages: str | None, out: Path, dpi: int = 80) -> list[Path]:
    doc = open_pdf(Path(pdf), rules)
    try:
        wanted = parse_pages(pages, doc.page_count)  # before any work: a wrong --pages fails at once
        laid = analyze(extract(pdf, rules, doc), rules)
        places = pdf_places(laid.raw)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for layout in laid.pages:
            place = places[layout.number]  # --pages names PDF pages; a spread's halves are -l, -r
            if place.page not in wanted:
                continue
            side = f"-{place.side.value[0]}" if place.side else ""
            target = out / f"{Path(pdf).stem}-p{place.page:03d}{side}.png"
            target.write_bytes(overlay_png(doc, laid, layout.number, dpi))
            written.append(target)
        return written
    finally:
        doc.close()
