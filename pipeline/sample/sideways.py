"""Pages printed sideways without /Rotate, for test fixtures: an existing fixture with pages added
the way magazines print a table too wide for the portrait page. The page is typeset landscape
(a paragraph, a table's caption, the table, its note) and drawn turned by 90° inside the content
stream of a portrait page (PyMuPDF's show_pdf_page(rotate=...): the text matrix is turned, the
page's /Rotate stays 0), once each way: turned 90° (the reader turns the magazine clockwise:
lines run up the page) and 270° (lines run down). One table is ruled as a grid, one is a
three-line table (rules over and under, one under its head). The running head, its rule and the
folio stay upright where every page prints them (copied from the page two before, the folio
numbered on): the page's own furniture, turned against its text.

The answer key is the source's, with the added pages' paragraphs, tables and captions added to
its last article (the pages follow it). Deterministic.

    python -m pipeline.sample.sideways tests/fixtures/tables-classic.pdf --out tests/fixtures/sideways-tables.pdf
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pymupdf

BODY, CAPTION, CELL, NOTE = 10.0, 10.5, 9.0, 8.0
MARGIN = 56.0
LEADING = 1.6  # body line pitch in ems
ROW = 18.0  # a table row's height (one line of cells)

TABLES = [
    {
        "turn": 90,
        "rules": "grid",
        "before": (
            "为便于比较，本刊根据各省公开数据整理了2025年部分省份人工智能产业发展的主要指标。"
            "从产业规模看，广东、北京、上海位居前三，合计占全国核心产业规模的四成以上；"
            "从增速看，中西部省份增长较快，四川、湖北、安徽的增速均超过百分之二十五。"
        ),
        "caption": "表3 2025年部分省份人工智能产业发展主要指标",
        "header": [
            "省份",
            "产业规模（亿元）",
            "同比增长",
            "企业数量（家）",
            "算力规模（EFLOPS）",
            "融资事件（起）",
            "代表园区",
        ],
        "rows": [
            ["广东", "2860", "21.4%", "1530", "24.6", "612", "广州琶洲"],
            ["北京", "2710", "18.2%", "2160", "31.2", "905", "中关村"],
            ["上海", "2340", "19.7%", "1380", "26.8", "688", "张江"],
            ["浙江", "1650", "22.9%", "980", "15.3", "402", "杭州未来科技城"],
            ["江苏", "1580", "20.1%", "910", "17.9", "356", "南京江北新区"],
            ["四川", "820", "27.3%", "540", "11.4", "133", "成都天府新区"],
            ["湖北", "760", "26.5%", "470", "9.8", "118", "武汉光谷"],
            ["安徽", "690", "28.1%", "430", "8.6", "97", "合肥高新区"],
        ],
        "notes": ["注：产业规模为人工智能核心产业规模；融资事件含种子轮至IPO各阶段。"],
        "after": None,
    },
    {
        "turn": 270,
        "rules": "three-line",
        "before": None,
        "caption": "表4 “人工智能+”重点行业应用场景与进展",
        "header": ["行业", "典型场景", "应用普及率", "示范项目（个）", "主要瓶颈"],
        "rows": [
            ["制造", "质量检测、预测性维护", "38%", "1200", "高质量数据不足"],
            ["医疗", "影像辅助诊断、智能导诊", "45%", "640", "临床验证周期长"],
            ["交通", "智能调度、自动驾驶", "27%", "410", "法规标准待完善"],
            ["金融", "智能风控、智能投顾", "61%", "520", "模型可解释性"],
            ["教育", "个性化学习、智能评测", "33%", "380", "数据隐私保护"],
            ["农业", "病虫害识别、精准灌溉", "19%", "260", "基础设施薄弱"],
        ],
        "notes": ["注：应用普及率为2025年末该行业规模以上企业中部署相关应用的比例。"],
        "after": (
            "从表4可以看出，金融和医疗行业的应用普及率较高，农业和交通仍处于起步阶段。"
            "下一步，应聚焦数据、标准和场景开放三个方面补齐短板，推动人工智能在更多行业规模化落地。"
        ),
    },
]


class _Landscape:
    """One landscape page being typeset top to bottom."""

    def __init__(self, doc: pymupdf.Document, width: float, height: float, font: pymupdf.Font):
        self.page = doc.new_page(width=width, height=height)
        self.font = font
        self.y = MARGIN
        self.x0, self.x1 = MARGIN, width - MARGIN
        self.writer = pymupdf.TextWriter(self.page.rect)

    def text(self, x: float, y: float, s: str, size: float) -> None:
        self.writer.append((x, y), s, font=self.font, fontsize=size)

    def width(self, s: str, size: float) -> float:
        return self.font.text_length(s, fontsize=size)

    def paragraph(self, s: str) -> None:
        """Set solid in the measure, the first line indented two ems."""
        x = self.x0 + 2 * BODY
        line = ""
        for ch in s:
            if x + self.width(line + ch, BODY) > self.x1:
                self.y += LEADING * BODY
                self.text(x, self.y, line, BODY)
                x, line = self.x0, ""
            line += ch
        self.y += LEADING * BODY
        self.text(x, self.y, line, BODY)
        self.y += 0.8 * BODY

    def caption(self, s: str) -> None:
        self.y += 1.8 * CAPTION
        self.text((self.x0 + self.x1 - self.width(s, CAPTION)) / 2, self.y, s, CAPTION)
        self.y += 0.8 * CAPTION

    def table(self, header: list[str], rows: list[list[str]], rules: str) -> None:
        """Columns as wide as their longest cell plus a gap, spread over the measure; cells
        centred; a grid of rules, or three lines."""
        grid = [header, *rows]
        need = [max(self.width(r[c], CELL) for r in grid) + 2 * CELL for c in range(len(header))]
        spare = (self.x1 - self.x0 - sum(need)) / len(need)
        edges = [self.x0]
        for w in need:
            edges.append(edges[-1] + w + spare)
        top = self.y
        for k, row in enumerate(grid):
            for c, cell in enumerate(row):
                mid = (edges[c] + edges[c + 1]) / 2
                self.text(
                    mid - self.width(cell, CELL) / 2, top + k * ROW + 0.7 * ROW + 0.3 * CELL, cell, CELL
                )
        bottom = top + len(grid) * ROW
        shape = self.page.new_shape()
        if rules == "grid":
            for k in range(len(grid) + 1):
                shape.draw_line((self.x0, top + k * ROW), (self.x1, top + k * ROW))
            for x in edges:
                shape.draw_line((x, top), (x, bottom))
            shape.finish(color=(0, 0, 0), width=0.5)
        else:
            for y, w in ((top, 1.0), (top + ROW, 0.5), (bottom, 1.0)):
                shape.draw_line((self.x0, y), (self.x1, y))
                shape.finish(color=(0, 0, 0), width=w)
        shape.commit()
        self.y = bottom + 4

    def note(self, s: str) -> None:
        self.y += 1.4 * NOTE
        self.text(self.x0, self.y, s, NOTE)
        self.y += 0.6 * NOTE

    def finish(self) -> None:
        self.writer.write_text(self.page)


def _typeset(spec: dict, width: float, height: float, font: pymupdf.Font) -> pymupdf.Document:
    doc = pymupdf.open()
    page = _Landscape(doc, width, height, font)
    if spec["before"]:
        page.paragraph(spec["before"])
    page.caption(spec["caption"])
    page.table(spec["header"], spec["rows"], spec["rules"])
    for n in spec["notes"]:
        page.note(n)
    if spec["after"]:
        page.y += BODY
        page.paragraph(spec["after"])
    page.finish()
    return doc


BAND = 0.07  # the running head and the folio stand in this share of the page's height, top or foot
BASE14 = ("Times-", "Helvetica", "Courier")


def _furniture(page: pymupdf.Page, like: pymupdf.Page, font: pymupdf.Font) -> None:
    """The running head, its rule and the folio of `like` (a page of the same side) drawn upright
    on page, the folio given the page's number."""
    h = page.rect.height
    for d in like.get_drawings():
        r = d["rect"]
        if r.y1 <= BAND * h or r.y0 >= (1 - BAND) * h:
            page.draw_line(
                (r.x0, r.y0), (r.x1, r.y0), color=d.get("color") or (0, 0, 0), width=d.get("width") or 0.5
            )
    fonts: dict[str, pymupdf.Font] = {}
    for b in like.get_text("dict")["blocks"]:
        for ln in b.get("lines", []):
            if BAND * h < ln["bbox"][1] and ln["bbox"][3] < (1 - BAND) * h:
                continue
            for s in ln["spans"]:
                text = str(page.number + 1) if s["text"].strip() == str(like.number + 1) else s["text"]
                name = s["font"] if s["font"].startswith(BASE14) else ""
                f = fonts.setdefault(name, pymupdf.Font(name) if name else font)
                c = s["color"]
                writer = pymupdf.TextWriter(
                    page.rect, color=((c >> 16) / 255, ((c >> 8) & 255) / 255, (c & 255) / 255)
                )
                writer.append(s["origin"], text, font=f, fontsize=s["size"])
                writer.write_text(page)


def sideways(src: Path, out: Path) -> dict:
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    font = pymupdf.Font("cjk")
    doc = pymupdf.open(src)
    w, h = doc[-1].rect.width, doc[-1].rect.height
    last = truth["articles"][-1]
    for spec in TABLES:
        land = _typeset(spec, h, w, font)
        page = doc.new_page(width=w, height=h)
        page.show_pdf_page(page.rect, land, 0, rotate=spec["turn"])
        number = len(doc)
        _furniture(page, doc[number - 3], font)
        truth["folio_map"][str(number)] = number
        for key in ("before", "after"):
            if spec[key]:
                last["blocks"].append({"type": "paragraph", "text": spec[key]})
        last["tables"].append(
            {
                "caption": spec["caption"],
                "header": spec["header"],
                "rows": spec["rows"],
                "notes": spec["notes"],
            }
        )
        last["page_end"] = number
    doc.subset_fonts()
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    out.with_suffix(".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path, help="a fixture PDF with its .truth.json beside it")
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    sideways(args.src, args.out)


if __name__ == "__main__":
    main()
