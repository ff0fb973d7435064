"""Three-line tables set by ReportLab, for a test fixture: an existing fixture with pages added,
each page ReportLab's own (its fonts, its text and its rules as ReportLab writes them, copied
whole into the fixture), under the running head and folio the issue prints (sideways._furniture).

Each table has the three rules only (a top rule, one under the head, a bottom rule; no
verticals), a head of two rows with a merged head cell spanning two columns over their own heads
(and the first and last heads spanning both rows), and cells wrapped onto two or three lines in
a narrow column:

1. 表25, the cells set from the top of their row, under a paragraph, a note under the bottom rule;
2. 表26, cells centred in their rows, the multi-line cells in the middle column, wider tracking
   between rows, a paragraph after it.

The answer key is the source's, the paragraphs and tables added to its last article (a merged
head cell repeated in each column and row it spans, a wrapped cell's lines joined, as the
pipeline writes them). Deterministic (ReportLab's invariant mode, fonts cut down by fontTools).

    python -m pipeline.sample.reportlab_tables tests/fixtures/tables-classic.pdf \
        --out tests/fixtures/tables-reportlab.pdf
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pymupdf

from .fixture import rewrite_main, save_copy
from .reportlab_issue import register_fonts
from .sideways import TEXT_TOP, furnish_appended

MARGIN_X = 56.0

TABLES = [
    {
        "before": (
            "概念验证和中试是科技成果从实验室走向市场的两道关口。本刊整理了部分城市2025年支持这两类平台的"
            "资金投入和服务情况，表25按城市列出，重点方向一栏列出各地平台集中的领域。"
        ),
        "caption": "表25 部分城市概念验证与中试平台支持情况",
        "head": [
            ["城市", "财政投入（亿元）", "财政投入（亿元）", "重点方向", "服务项目（项）"],
            ["城市", "概念验证", "中试平台", "重点方向", "服务项目（项）"],
        ],
        "rows": [
            ["北京", "6.2", "11.8", "人工智能、集成电路、生物医药", "412"],
            ["上海", "5.4", "13.1", "生物医药、高端装备", "376"],
            ["深圳", "4.9", "9.6", "新型显示、智能终端、新能源", "351"],
            ["杭州", "3.1", "6.4", "数字经济", "228"],
            ["合肥", "2.7", "8.9", "量子信息、新能源汽车、先进材料", "196"],
            ["西安", "2.2", "5.3", "航空航天、光电子", "164"],
        ],
        "widths": (0.14, 0.18, 0.18, 0.2, 0.3),
        "valign": "TOP",
        "notes": ["注：财政投入为市级财政当年安排的专项资金。"],
        "after": None,
    },
    {
        "before": (
            "平台建成之后能否持续运营，关键在于能否形成稳定的收入来源。表26比较了几类平台的收入结构，"
            "其中服务收入一栏按主要来源分列。"
        ),
        "caption": "表26 不同类型中试平台的收入结构",
        "head": [
            ["平台类型", "收入占比（%）", "收入占比（%）", "主要服务收入来源"],
            ["平台类型", "服务收入", "财政补助", "主要服务收入来源"],
        ],
        "rows": [
            ["企业主导", "78.4", "6.1", "产业链上下游企业的工艺验证和小批量试制"],
            ["院所主导", "41.7", "35.2", "科研团队的样品制备与检测"],
            ["政府主导", "33.9", "48.6", "中小企业的共性技术服务和设备共享"],
            ["联合共建", "56.3", "21.8", "成员单位委托的联合攻关项目"],
        ],
        "widths": (0.22, 0.24, 0.24, 0.3),
        "valign": "MIDDLE",
        "notes": [],
        "after": (
            "可以看出，企业主导的平台服务收入占比最高，政府主导的平台仍较多依靠财政补助，"
            "如何提高自我造血能力是这类平台下一步需要解决的问题。"
        ),
    },
]


def _styles():
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle(
        "body", fontName="RLSerif", fontSize=10, leading=16, firstLineIndent=20, wordWrap="CJK", spaceAfter=10
    )
    caption = ParagraphStyle(
        "caption", parent=body, fontName="RLSans", fontSize=10, alignment=1, firstLineIndent=0
    )
    cell = ParagraphStyle(
        "cell", parent=body, fontSize=9, leading=13, firstLineIndent=0, alignment=1, spaceAfter=0
    )
    note = ParagraphStyle("note", parent=cell, fontSize=8, alignment=0, spaceBefore=4)
    return body, caption, cell, note


def _three_line(spec: dict, width: float, cell):
    """The table: a two-row head (merged cells spanning columns and rows), three rules only."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    head, rows = spec["head"], spec["rows"]
    data = []
    for r, row in enumerate([*head, *rows]):
        out = []
        for c, text in enumerate(row):
            covered = (r == 1 and head[0][c] == text) or (c > 0 and r < len(head) and row[c - 1] == text)
            out.append("" if covered else Paragraph(text, cell))
        data.append(out)
    style = [
        ("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"),
        ("LINEBELOW", (0, 1), (-1, 1), 0.5, "black"),
        ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black"),
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), spec["valign"]),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for c in range(len(head[0])):
        if head[0][c] == head[1][c]:
            style.append(("SPAN", (c, 0), (c, 1)))  # a head over both head rows
    c = 0
    while c < len(head[0]):
        end = c
        while end + 1 < len(head[0]) and head[0][end + 1] == head[0][c]:
            end += 1
        if end > c:
            style.append(("SPAN", (c, 0), (end, 0)))  # a head over two columns
        c = end + 1
    widths = [width * w for w in spec["widths"]]
    return Table(data, colWidths=widths, style=TableStyle(style), repeatRows=0)


def _pages(src_w: float, src_h: float, tmp: Path) -> bytes:
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    text = "".join(
        json.dumps(
            [s["before"], s["caption"], s["head"], s["rows"], s["notes"], s["after"]], ensure_ascii=False
        )
        for s in TABLES
    )
    register_fonts(text, tmp)
    body, caption, cell, note = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=(src_w, src_h),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=TEXT_TOP,
        bottomMargin=80,
        invariant=1,
        title="tables",
        author="",
        creator="ReportLab",
    )
    story = []
    for spec in TABLES:
        story += [Paragraph(spec["before"], body), Paragraph(spec["caption"], caption), Spacer(1, 4)]
        story.append(_three_line(spec, src_w - 2 * MARGIN_X, cell))
        story += [Paragraph(n, note) for n in spec["notes"]]
        story.append(Spacer(1, 14))
        if spec["after"]:
            story.append(Paragraph(spec["after"], body))
    doc.build(story)
    return buf.getvalue()


def _key_table(spec: dict) -> dict:
    head, *more = spec["head"]
    return {
        "caption": spec["caption"],
        "header": head,
        "rows": [*more, *spec["rows"]],
        "notes": spec["notes"],
    }


def tables(src: Path, out: Path) -> dict:
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    font = pymupdf.Font("cjk")
    doc = pymupdf.open(src)
    w, h = doc[-1].rect.width, doc[-1].rect.height
    with tempfile.TemporaryDirectory() as tmp:
        made = pymupdf.open("pdf", _pages(w, h, Path(tmp)))
    start = len(doc)
    doc.insert_pdf(made)
    furnish_appended(doc, start, font, truth)
    last = truth["articles"][-1]
    for spec in TABLES:
        last["blocks"] += [{"type": "paragraph", "text": p} for p in (spec["before"], spec["after"]) if p]
        last["tables"].append(_key_table(spec))
    last["page_end"] = len(doc)
    save_copy(doc, out, truth)
    return truth


def main() -> None:
    rewrite_main(__doc__, tables)


if __name__ == "__main__":
    main()
