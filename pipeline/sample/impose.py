"""Spreads: an issue exported two facing pages to a PDF page, as a designer's "spreads" export does.

The first page (the cover) stands alone on a sheet of its own size, then pages 2-3, 4-5, ... sit
side by side on landscape sheets twice as wide (a last page left over stands alone). Each page is
placed with PyMuPDF's show_pdf_page, which wraps it in a form XObject: its text layer, rules and
images are kept, only moved. `--crossing N` lays a photo across the fold of every Nth spread, in
the band above the type area, as real spreads print a picture running over both pages (it holds
no text: the key is unchanged). The answer key follows the pages: every PDF page number it
carries (page_start, page_end, caption_pages, the folio map) becomes the sheet that page is on;
printed page numbers (toc_page, the contents' pages) stay as printed.

    python -m pipeline.sample.impose tests/fixtures/tables-classic.pdf --out tests/fixtures/spreads-tables.pdf
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pymupdf

CROSSING_BAND = 0.02  # the photo's height, as a share of the page height, high in the head margin
CROSSING_WIDTH = 0.3  # its width as a share of one page's width, centred on the fold


def sheet_of(page: int) -> int:
    """The sheet (PDF page of the imposed file) a 1-based page of the source lands on."""
    return page // 2 + 1


def side_of(page: int, n_pages: int) -> str | None:
    """left / right on its sheet, None when the page stands alone (the cover, a last even page)."""
    if page == 1 or (page % 2 == 0 and page == n_pages):
        return None
    return "left" if page % 2 == 0 else "right"


def _photo(width: int, height: int) -> pymupdf.Pixmap:
    """A photo-like gradient (a picture, not a flat fill a reader might take for a frame)."""
    samples = bytearray()
    for y in range(height):
        for x in range(width):
            samples += bytes(((x * 255) // width, (y * 255) // height, 140))
    return pymupdf.Pixmap(pymupdf.csRGB, width, height, bytes(samples), False)


def impose(src: Path, out: Path, crossing: int = 0) -> int:
    """Write src 2-up to out; returns the number of sheets."""
    doc = pymupdf.open(src)
    n = len(doc)
    sheets = pymupdf.open()
    photo = _photo(120, 24) if crossing else None
    spread_no = 0
    page = 1
    while page <= n:
        rect = doc[page - 1].rect
        if side_of(page, n) is None:
            sheet = sheets.new_page(width=rect.width, height=rect.height)
            sheet.show_pdf_page(sheet.rect, doc, page - 1)
            page += 1
            continue
        right = doc[page].rect
        sheet = sheets.new_page(width=rect.width + right.width, height=max(rect.height, right.height))
        sheet.show_pdf_page(pymupdf.Rect(0, 0, rect.width, rect.height), doc, page - 1)
        sheet.show_pdf_page(pymupdf.Rect(rect.width, 0, rect.width + right.width, right.height), doc, page)
        spread_no += 1
        if photo is not None and spread_no % crossing == 0:
            w = CROSSING_WIDTH * rect.width
            band = CROSSING_BAND * rect.height
            sheet.insert_image(
                pymupdf.Rect(rect.width - w / 2, 4, rect.width + w / 2, 4 + band), pixmap=photo
            )
        page += 2
    sheets.set_metadata(doc.metadata or {})
    sheets.save(out, garbage=3, deflate=True)
    return len(sheets)


def remap_key(key: dict) -> dict:
    """The answer key of the imposed file: PDF page numbers become sheets, printed ones stay."""
    out = json.loads(json.dumps(key))

    def remap(value):
        return (
            sheet_of(int(value))
            if isinstance(value, int) or (isinstance(value, str) and value.isdigit())
            else value
        )

    for art in out.get("articles") or []:
        for field in ("page_start", "page_end"):
            if art.get(field) is not None:
                art[field] = remap(art[field])
        if art.get("caption_pages"):
            art["caption_pages"] = [remap(p) for p in art["caption_pages"]]
    if isinstance(out.get("folio_map"), dict):
        out["folio_map"] = {folio: remap(p) for folio, p in out["folio_map"].items()}
    return out


def remap_page_ranges(ranges: dict) -> dict:
    """A `*.pages.json` (entry -> {start, end} PDF pages) for the imposed file."""
    return {k: {f: sheet_of(p) for f, p in v.items()} for k, v in ranges.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument(
        "--truth", type=Path, help="the 1-up answer key (default: <pdf stem>.truth.json beside it)"
    )
    ap.add_argument("--crossing", type=int, default=0, help="a photo across the fold of every Nth spread")
    args = ap.parse_args()
    n_pages = len(pymupdf.open(args.pdf))
    sheets = impose(args.pdf, args.out, args.crossing)
    truth = args.truth or args.pdf.with_suffix("").with_suffix(".truth.json")
    if truth.is_file():
        key = remap_key(json.loads(truth.read_text(encoding="utf-8")))
        target = args.out.with_suffix("").with_suffix(".truth.json")
        target.write_text(json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.pdf} ({n_pages} pages) -> {args.out} ({sheets} sheets)")


if __name__ == "__main__":
    main()
