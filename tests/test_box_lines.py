"""Lines of a box set with a wide padding (XeLaTeX's tcolorbox cover panel on the foreign
rendition h1: text 17 pt in from the frame), built as that page sets them."""

from __future__ import annotations

from pipeline.layout import Anchor, _anchor_blocks
from pipeline.models import Line
from pipeline.rules import Rules


def _line(text: str, x0: float, y0: float, x1: float, size: float) -> Line:
    return Line(1, text, (x0, y0, x1, y0 + size * 1.2), size, "Times", False, 0, base=y0 + size)


def test_a_wide_padding_is_no_indent():
    """Every line of the panel starts 17 pt in from the frame's inner edge (more than an indent):
    each read as indented, each line after a block's first opened a paragraph of its own (an
    English title wrapped over three lines came out as three blocks). The box's text starts where
    its lines start."""
    lines = [
        _line("凝心聚力谋新篇科技赋能启新程", 68.0, 293.0, 256.3, 13.4),
        _line("Gather Strength to Plan a New Chapter and Empower the Future with", 68.0, 320.1, 297.1, 7.5),
        _line("Technology: The 5th Council's 5th General Meeting of the CAPST Was", 68.0, 329.2, 301.7, 7.5),
        _line("Grandly Held in Beijing", 68.0, 338.4, 143.9, 7.5),
        _line("从航天大国到空天强国的战略跃迁", 68.0, 355.6, 269.8, 13.4),
    ]
    box = Anchor(1, (51.0, 190.0, 335.4, 560.0), "box", ("b1", lines), 9.0)
    blocks = _anchor_blocks(box, 9.0, Rules.load(), (1, 0))
    texts = [b.text for b in blocks]
    assert texts[1].startswith("Gather Strength") and texts[1].endswith("Grandly Held in Beijing")
    assert len(blocks) == 3
