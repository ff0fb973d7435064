"""plumber_near: a crop of the near page holds the very objects a crop of the whole page holds."""

import pdfplumber
import pymupdf
import pytest

from pipeline.plumber_near import near_page
from pipeline.plumber_turn import turned_page

PDFS = ["tests/fixtures/tables-classic.pdf", "tests/fixtures/office-tables.pdf"]


def _boxes(page):
    """Boxes over the page: a grid of areas, the page's own box, a sliver."""
    x0, top, x1, bottom = page.bbox
    w, h = x1 - x0, bottom - top
    grid = [
        (x0 + i * w / 2, top + j * h / 3, x0 + (i + 1) * w / 2, top + (j + 2) * h / 3)
        for i in range(2)
        for j in range(2)
    ]
    return [*grid, page.bbox, (x0 + w / 2, top, x0 + w / 2 + 0.5, bottom)]


def _compare(path) -> int:
    compared = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:3]:
            for box in _boxes(page):
                whole = page.crop(box).objects
                near = near_page(page, box).crop(box).objects
                assert {k: v for k, v in whole.items() if v} == near
                compared += sum(map(len, near.values()))
    return compared


@pytest.mark.parametrize("path", PDFS)
def test_near_crop_is_the_whole_pages_crop(path):
    assert _compare(path) > 1000  # glyphs and rules enough to tell


def test_near_crop_on_a_page_box_off_the_origin(tmp_path):
    """A MediaBox whose corner is not (0, 0): pdfplumber moves every object by it."""
    with pymupdf.open(PDFS[0]) as doc:
        doc.select([1])
        r = doc[0].mediabox
        doc[0].set_mediabox(pymupdf.Rect(r.x0 + 8.5, r.y0 + 8.5, r.x1 + 8.5, r.y1 + 8.5))
        doc.save(tmp_path / "moved.pdf")
    with pdfplumber.open(tmp_path / "moved.pdf") as pdf:
        assert pdf.pages[0].mediabox[:2] != (0, 0)
    assert _compare(tmp_path / "moved.pdf") > 100


def test_a_page_read_turned_is_left_whole():
    with pdfplumber.open(PDFS[0]) as pdf:
        turned = turned_page(pdf.pages[0], 90)
        assert near_page(turned, (0, 0, 10, 10)) is turned
