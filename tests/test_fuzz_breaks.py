"""Paragraph breaks the layout fuzz found on seed 4711 (v00, v01: paragraph integrity 0.999 and
0.996), each on lines built as the variant's PDF set them (the page geometry of the variant)."""

from __future__ import annotations

from pipeline.layout import Anchor, _flow_order, _wrapped
from pipeline.models import Line
from pipeline.paragraphs import _continues, make_block
from pipeline.rules import Rules


def _line(text: str, x0: float, y0: float, x1: float, size: float = 10.2, page: int = 1) -> Line:
    return Line(page, text, (x0, y0, x1, y0 + 13.4), size, "Droid Sans Fallback", False, 0, base=y0 + 11.0)


def test_a_page_holding_only_a_paragraphs_last_lines_is_one_column():
    """v00 p. 59: a one-column article's paragraph carried over a page turn, the page holding only
    its last two lines, the last short and ending in an ellipsis (no sentence stop). Half the lines
    reached across, so the page had no one-column look, and the full line, spanning the page's
    text, was read as a band of its own (a deck): the paragraph was not joined across the turn.
    A paragraph's last line, short under a longer line of its type, says nothing of columns."""
    lines = [
        _line(
            "部署了南京未来产业发展的六大新赛道；2025 年南京市政府工作报告中提到，加快 6 个省级未来产业先行集聚",
            47,
            48,
            564,
        ),
        _line("发展试点主承载区建设……", 47, 67, 178),
    ]
    order = _flow_order(lines, 10.2, Rules.load())
    assert [idx for idx, _, _ in order] == [0]


def test_a_wrap_reaches_the_lines_its_photo_keeps_narrow_past_its_stand_off():
    """v01 p. 15: a small photo at a column's foot, the lines beside it cut short, and the
    typesetter keeps the narrow measure two lines under the photo. The last of them, out of
    WRAP_REACH, kept the column's edge, so it stopped short and its paragraph seemed finished
    (its sentence goes on in the next column). The wrap runs on down the lines in its measure."""
    photo = Anchor(1, (316.0, 636.0, 397.0, 690.0), "figure", None, 10.2)
    flow = [
        _line("会筹备与运营，为这场科技盛宴注入", 228, 560, 398),
        _line("作为国家一", 249, 617, 308),
        _line("级社团组织，科", 228, 635, 308),
        _line("促会始终以“科技", 228, 654, 308),
        _line("产业化、产业科", 228, 673, 308),
        _line("技化”为宗旨，历", 228, 692, 308),
        _line("经38年发展构建", 228, 711, 308),
    ]
    assert _wrapped(photo, flow)
    assert [ln.wrap_right for ln in flow[1:]] == [308] * 6
    assert flow[0].wrap_right is None  # the column's full line over the wrap keeps its edge


def test_a_one_line_paragraph_indented_at_a_columns_head_is_no_rest():
    """v01 p. 30: a paragraph ending its sentence on a full line at a page's foot, and at the next
    page's head a one-line paragraph indented two ems ("但关键短板同样不容忽视："). The indent of a
    one-line block was measured from its own line, so it showed none and the line was joined on.
    Its column's other blocks say where the column starts."""
    rules = Rules.load()
    col = (318.0, 578.0)
    prev = make_block(
        [
            _line("座作为压舱石，有长征系列火箭的高密度发射能力作为基", 318, 694, 578, page=29),
            _line("础，更有全球领先的数字经济和庞大应用场景作为牵引。", 318, 713, 573, page=29),
        ],
        1,
        col,
    )
    nxt = make_block([_line("但关键短板同样不容忽视：", 54, 80, 177, page=30)], 0, (34.0, 294.0))
    assert prev.open_end  # a full last line: only the indent says the paragraph ended
    assert _continues(prev, nxt, rules)  # its own line alone shows no indent
    assert not _continues(prev, nxt, rules, col_left=34.0)
    # a sentence left open goes on whatever the indent
    prev_open = make_block(
        [_line("础，更有全球领先的数字经济和庞大应用场景作为牵引，", 318, 713, 573, page=29)], 1, col
    )
    assert _continues(prev_open, nxt, rules, col_left=34.0)


def test_a_citation_wrapped_to_a_lines_start_goes_on_with_its_paragraph():
    """wild wlxb-paper p. 2: a citation set inline ([13]) that the line breaker carried to the next
    line's start, under a line that fills the column and leaves its sentence open: it read as a
    reference entry's number, and a 715-character paragraph was cut there into a paragraph and a
    'reference'. In a reference list (its first line a reference) every number opens an entry."""
    from pipeline.paragraphs import _starts_block

    rules = Rules.load()
    col = (72.0, 554.0)
    body = _line(
        "对物理模拟过程的自动微分是自动微分重要的应用之一，其中最大的技术挑战是对电磁学，海洋学",
        72,
        166,
        554,
        10.46,
    )
    cited = _line(
        "[13]和地震学 [14, 15]等问题中最核心的微分方程求解过程的自动微分。这些微分方程的常见的求",
        72,
        182,
        554,
        10.46,
    )
    assert not _starts_block(body, cited, col, 15.7, rules, body)
    entry = _line(
        "[12] Griewank A, Walther A 2008 Evaluating Derivatives: Principles and Techniques of",
        72,
        166,
        554,
        10.46,
    )
    nxt = _line(
        "[13] Chen R T Q, Rubanova Y, Bettencourt J, Duvenaud D 2018 Neural ordinary differential",
        72,
        182,
        554,
        10.46,
    )
    assert _starts_block(entry, nxt, col, 15.7, rules, entry)
