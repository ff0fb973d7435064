"""Columns set less than an em apart and display type at a column's foot, on pages drawn here
(fuzz seed 4242 v03: a letter page, columns 9.3 pt apart at 11.3 pt type, pull quotes 1.7 times
the body). Before: the page's first row, where a picture stands under the next column's first two
lines, was read across the gutter as one line; a pull quote's last line at the left column's foot,
the right column ended beside it, read as a title across the page (the article cut there into
three units, one sure of itself at 0.75)."""

from __future__ import annotations

import pymupdf
import pytest

from pipeline.extract import extract
from pipeline.layout import analyze
from pipeline.rules import Rules

SIZE, LEAD, GAP, CHARS = 11.3, 20.5, 9.3, 20  # body type, leading, gutter, characters a column
LEFT = 77.0
RIGHT = LEFT + CHARS * SIZE + GAP
TEXT = (
    "企业有需求改革有回应为破解科技成果转化缺钱转不会转落地难的痛点陕西多管齐下强化支撑保障从资金平台人才三维发力为科研成果从实验室走向生产线铺就快车道"
    * 20
)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load()


class _Text:
    def __init__(self):
        self.k = 0

    def take(self, n: int) -> str:
        self.k += n
        return TEXT[self.k - n : self.k]


def test_first_row_over_a_picture_is_two_columns(tmp_path, rules):
    """The right column's first two lines, then a picture: only one row beside the first stops and
    starts at the gap (the rows under it end in the left column), none runs across it."""
    text, doc = _Text(), pymupdf.open()
    page = doc.new_page(width=612, height=792)
    rows = [(text.take(CHARS - 2), 2 * SIZE, text.take(CHARS)), (text.take(CHARS), 0, text.take(3) + "。")]
    rows += [(text.take(12) + "。", 0, None)] + [(text.take(CHARS), 0, None) for _ in range(8)]
    for i, (left, indent, right) in enumerate(rows):
        page.insert_text((LEFT + indent, 72 + i * LEAD), left, fontname="china-s", fontsize=SIZE)
        if right:
            page.insert_text((RIGHT, 72 + i * LEAD), right, fontname="china-s", fontsize=SIZE)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 40), False)
    pix.clear_with(180)
    page.insert_image(pymupdf.Rect(RIGHT, 72 + 1.5 * LEAD, RIGHT + CHARS * SIZE, 72 + 8 * LEAD), pixmap=pix)
    doc.save(tmp_path / "first-row.pdf")
    lines = extract(tmp_path / "first-row.pdf", rules).pages[0].lines
    first = [ln for ln in lines if abs(ln.y1 - lines[0].y1) < 1]
    assert [ln.text for ln in first] == [rows[0][0], rows[0][2]]


def test_pull_quote_at_a_column_foot_stays_in_its_column(tmp_path, rules):
    """Two lines of big type between rules at the left column's foot; the right column's text
    stands beside the first and ends before the second."""
    text, doc = _Text(), pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for r in range(24):
        page.insert_text((LEFT, 72 + r * LEAD), text.take(CHARS), fontname="china-s", fontsize=SIZE)
    big, ink, y = 1.7 * SIZE, (0.0, 0.42, 0.45), 72 + 24 * LEAD + 10
    page.draw_line((LEFT, y - big), (LEFT + CHARS * SIZE, y - big), color=ink)
    page.insert_text((LEFT, y), "科研不只是发论文，落地产", fontname="china-s", fontsize=big, color=ink)
    page.insert_text(
        (LEFT, y + 1.4 * big), "业化才能真正发挥价值", fontname="china-s", fontsize=big, color=ink
    )
    page.draw_line((LEFT, y + 1.4 * big + 8), (LEFT + CHARS * SIZE, y + 1.4 * big + 8), color=ink)
    for r in range(25):
        page.insert_text((RIGHT, 72 + r * LEAD), text.take(CHARS), fontname="china-s", fontsize=SIZE)
    doc.save(tmp_path / "quote-foot.pdf")
    blocks = analyze(extract(tmp_path / "quote-foot.pdf", rules), rules).pages[0].blocks
    quote = [b for b in blocks if b.size > 1.5 * SIZE]
    assert [(b.text, b.column) for b in quote] == [("科研不只是发论文，落地产业化才能真正发挥价值", 0)]
    assert [b.column for b in blocks] == [0, 0, 1]
