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

`--set continued`: instead, two upright tables each run over a page turn with their head row only
on the first page, as a typesetter breaks a long table: a ruled grid whose second part opens under
a "续表5" label, and a three-line table whose second part has no label at all (a top rule, the
rows, the bottom rule). Each part fills its page to the text block's foot.

`--set partial`: instead, a page that is partly upright: its running head and folio, a paragraph
set upright across the top, and under it a three-line table (its caption and note with it)
turned 90° in the rest of the text block; then a page whose left column is upright running text
and whose right part holds a ruled table turned 270°, beside it.

`--set framed`: instead, two partly upright pages whose turned table stands in a frame holding
upright lines too, the caption over the turned table and its note under it, set upright: under a
paragraph, a grid turned 90°; beside a column, a three-line table turned 270°. The frame's rules
reach round the upright lines.

`--set folio`: instead, the two partly upright pages of --set partial with their turned region
reaching into the page's foot margin, so that the page's upright folio stands among the turned
lines: under a paragraph, a table turned 90° in the outer part of the page runs down to the foot,
round the folio in its corner; left of a column, a grid turned 270° does the same on the facing
page.

`--set merged`: instead, a page printed sideways (turned 90°) holding a ruled grid with merged
cells: a head cell over two columns (its two heads under it), a first column whose region names
run down over several rows.

    python -m pipeline.sample.sideways tests/fixtures/tables-classic.pdf --out tests/fixtures/sideways-tables.pdf
    python -m pipeline.sample.sideways tests/fixtures/tables-classic.pdf --set continued \
        --out tests/fixtures/tables-continued.pdf
    python -m pipeline.sample.sideways tests/fixtures/tables-classic.pdf --set partial \
        --out tests/fixtures/sideways-partial.pdf
    python -m pipeline.sample.sideways tests/fixtures/tables-classic.pdf --set merged \
        --out tests/fixtures/sideways-merged.pdf
    python -m pipeline.sample.sideways tests/fixtures/tables-classic.pdf --set framed \
        --out tests/fixtures/sideways-framed.pdf
    python -m pipeline.sample.sideways tests/fixtures/tables-classic.pdf --set folio \
        --out tests/fixtures/sideways-folio.pdf
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pymupdf

from .fixture import rewrite_parser, save_copy

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


def furnish_appended(
    doc: pymupdf.Document,
    start: int,
    font: pymupdf.Font,
    truth: dict,
    bare: frozenset[int] | set[int] = frozenset(),
) -> None:
    """The pages a producer appended to a fixture from `start` on: each prints the running head and
    folio of the nearest earlier page of its side that prints them (_furniture), and the key's folio
    map gives it its number. bare: the 1-based pages that print none (a photo or an advertisement
    printed to the page's edges)."""
    for k in range(start, len(doc)):
        if k + 1 not in bare:
            like = k - 2
            while like + 1 in bare:
                like -= 2
            _furniture(doc[k], doc[like], font)
        truth["folio_map"][str(k + 1)] = k + 1


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


PROVINCES = (
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 "
    "海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆"
).split()


def _rd_rows() -> list[list[str]]:
    """Invented R&D figures for each province (a seeded generator: the same every run)."""
    rng = random.Random(5)
    rows = []
    for name in PROVINCES:
        spend = rng.randint(30, 4800) + rng.randint(0, 9) / 10
        rows.append(
            [name, f"{spend:.1f}", f"{rng.randint(-20, 180) / 10:.1f}%", f"{rng.randint(40, 650) / 100:.2f}%",
             f"{rng.randint(30, 160) / 10:.1f}%"]
        )  # fmt: skip
    return rows


def _contract_rows() -> list[list[str]]:
    """Invented technology-contract figures by year (seeded)."""
    rng = random.Random(6)
    rows, amount = [], 780.0
    for year in range(2001, 2026):
        grow = rng.randint(40, 320) / 10
        amount *= 1 + grow / 100
        count = rng.randint(200, 950) / 10
        rows.append(
            [f"{year}年", f"{count:.1f}", f"{amount:.1f}", f"{grow:.1f}%", f"{amount * 10 / count:.1f}"]
        )
    return rows


CONTINUED = [
    {
        "rules": "grid",
        "label": "续表5",
        "before": (
            "研发投入是衡量一个地区科技创新能力的基础指标。本刊根据各地统计公报整理了2025年全国31个"
            "省（区、市）研究与试验发展经费投入情况。总体看，东部省份投入规模大、强度高，中西部省份"
            "增速较快，区域之间的差距正在逐步缩小；基础研究占比仍然偏低，多数省份不足百分之十。"
        ),
        "caption": "表5 2025年各省（区、市）研究与试验发展经费投入情况",
        "header": ["地区", "R&D经费（亿元）", "比上年增长", "投入强度", "基础研究占比"],
        "rows": _rd_rows(),
        "notes": ["注：投入强度为R&D经费与地区生产总值之比。"],
        "after": (
            "从表5可以看出，投入强度超过全国平均水平的省份集中在东部沿海地区。下一步，"
            "中西部省份应在稳定增长的同时提高基础研究比重，夯实原始创新能力。"
        ),
    },
    {
        "rules": "three-line",
        "label": None,
        "before": (
            "技术市场是科技成果转化的重要渠道。进入新世纪以来，我国技术合同成交额持续增长，"
            "技术开发和技术服务合同成为主体，平均每项合同的成交金额明显提高。"
            "表6列出了2001年以来全国技术合同的成交情况，数据来自历年全国技术市场统计年度报告。"
            "可以看到，成交额在多数年份保持两位数增长，合同数量则在波动中上升；"
            "二〇一八年以后，单项合同的平均成交金额提高更快，反映出技术交易向高价值领域集中的趋势。"
            "与此同时，高校和科研院所作为卖方的合同占比逐年提高，企业作为买方的主体地位更加稳固，"
            "技术要素市场化配置的改革成效正在显现。"
        ),
        "caption": "表6 2001—2025年全国技术合同成交情况",
        "header": ["年份", "技术合同（万项）", "成交额（亿元）", "比上年增长", "平均每项（万元）"],
        "rows": _contract_rows(),
        "notes": [],
        "after": (
            "总的来看，技术市场规模的扩大为创新要素的流动提供了有力支撑，"
            "但区域之间、行业之间的不平衡依然存在，需要在制度供给上持续发力。"
        ),
    },
]

TEXT_TOP, TEXT_FOOT = (
    64.0,
    780.0,
)  # the upright pages' text block (the source's running head over it, folio under)


def _edges(x0: float, x1: float, grid: list[list[str]], font: pymupdf.Font) -> list[float]:
    """Column edges over the measure: each column as wide as its longest cell plus a gap."""
    need = [max(font.text_length(r[c], fontsize=CELL) for r in grid) + 2 * CELL for c in range(len(grid[0]))]
    spare = (x1 - x0 - sum(need)) / len(need)
    edges = [x0]
    for w in need:
        edges.append(edges[-1] + w + spare)
    return edges


TALL_ROW = 26.0  # the continued tables' row pitch (cells padded as a journal pads a long table's)


def _rows_at(page: _Landscape, edges: list[float], rows: list[list[str]], top: float) -> None:
    for k, row in enumerate(rows):
        for c, cell in enumerate(row):
            mid = (edges[c] + edges[c + 1]) / 2
            page.text(mid - page.width(cell, CELL) / 2, top + (k + 0.5) * TALL_ROW + 0.35 * CELL, cell, CELL)


def _rules_at(page: _Landscape, edges: list[float], top: float, n: int, rules: str, head: bool) -> None:
    """A grid over n rows from top, or three lines: the thick top and bottom rules, the thin one
    under the head when the part has its head."""
    bottom = top + n * TALL_ROW
    shape = page.page.new_shape()
    if rules == "grid":
        for k in range(n + 1):
            shape.draw_line((edges[0], top + k * TALL_ROW), (edges[-1], top + k * TALL_ROW))
        for x in edges:
            shape.draw_line((x, top), (x, bottom))
        shape.finish(color=(0, 0, 0), width=0.5)
    else:
        lines = [(top, 1.0), (bottom, 1.0)] + ([(top + TALL_ROW, 0.5)] if head else [])
        for y, w in lines:
            shape.draw_line((edges[0], y), (edges[-1], y))
            shape.finish(color=(0, 0, 0), width=w)
    shape.commit()


def _continued_pages(
    spec: dict, w: float, h: float, font: pymupdf.Font
) -> tuple[pymupdf.Document, list[dict]]:
    """Two upright pages: the paragraph before, the caption, the head and as many rows as fit
    above the text block's foot; on the next page, the label (if any) and the rest, the note and
    the paragraph after. Returns the pages and the key's blocks."""
    doc = pymupdf.open()
    first = _Landscape(doc, w, h, font)
    first.y = TEXT_TOP
    first.paragraph(spec["before"])
    first.caption(spec["caption"])
    edges = _edges(first.x0, first.x1, [spec["header"], *spec["rows"]], font)
    fit = int((TEXT_FOOT - first.y) // TALL_ROW) - 1  # rows under the head
    head_part = [spec["header"], *spec["rows"][:fit]]
    _rows_at(first, edges, head_part, first.y)
    _rules_at(first, edges, first.y, len(head_part), spec["rules"], True)
    first.finish()
    second = _Landscape(doc, w, h, font)
    second.y = TEXT_TOP
    if spec["label"]:  # set flush right over the table, as Chinese journals print 续表
        second.y += CAPTION
        second.text(edges[-1] - second.width(spec["label"], CAPTION), second.y, spec["label"], CAPTION)
        second.y += 0.6 * CAPTION
    rest = spec["rows"][fit:]
    _rows_at(second, edges, rest, second.y)
    _rules_at(second, edges, second.y, len(rest), spec["rules"], False)
    second.y += len(rest) * TALL_ROW + 4
    for n in spec["notes"]:
        second.note(n)
    second.y += BODY
    second.paragraph(spec["after"])
    second.finish()
    return doc, [{"type": "paragraph", "text": spec["before"]}, {"type": "paragraph", "text": spec["after"]}]


PARTIAL_BELOW = {
    "above": (
        "人工智能与实体经济的深度融合正在从单点应用走向系统变革。各地在推进过程中普遍把场景开放作为"
        "抓手，以重点行业的标杆项目带动中小企业跟进。下表汇总了部分城市2025年发布的场景清单，"
        "从中可以看出各地选择的重点方向各有侧重。"
    ),
    "turn": 90,
    "rules": "three-line",
    "caption": "表7 部分城市2025年人工智能应用场景清单发布情况",
    "header": ["城市", "发布批次", "场景数量（个）", "重点方向", "揭榜企业（家）"],
    "rows": [
        ["北京", "3", "126", "大模型、自动驾驶", "212"],
        ["上海", "2", "98", "智能制造、金融科技", "167"],
        ["深圳", "4", "143", "智能终端、低空经济", "248"],
        ["杭州", "2", "87", "电子商务、城市治理", "139"],
        ["成都", "2", "64", "智慧医疗、文化创意", "96"],
        ["武汉", "1", "52", "光电子、智能网联汽车", "81"],
    ],
    "notes": ["注：场景数量为当年各批次清单所列场景之和。"],
}

PARTIAL_BESIDE = {
    "column": (
        "场景清单发布之后，各地普遍采用“揭榜挂帅”方式组织实施，由企业提出解决方案、"
        "政府部门组织评审并给予资金和数据支持。从实施效果看，清单制度有效降低了企业进入新场景的门槛，"
        "也帮助政府部门更早发现新技术应用中的风险。右表列出了部分城市对揭榜项目的支持政策。"
        "其中，深圳和上海的单个项目资助上限较高，成都和武汉更注重开放公共数据。"
        "下一步，各地还需建立项目验收和效果评估机制，避免重发布、轻落实。"
    ),
    "turn": 270,
    "rules": "grid",
    "caption": "表8 部分城市揭榜项目支持政策",
    "header": ["城市", "资助上限（万元）", "数据开放", "首购支持"],
    "rows": [
        ["北京", "1000", "是", "是"],
        ["上海", "2000", "是", "是"],
        ["深圳", "3000", "否", "是"],
        ["成都", "500", "是", "否"],
        ["武汉", "800", "是", "否"],
    ],
    "notes": [],
}


def _land_table(
    spec: dict, width: float, height: float, font: pymupdf.Font, margin: float = 24.0
) -> pymupdf.Document:
    """The turned part typeset on a landscape page of its own size: caption, table, note."""
    doc = pymupdf.open()
    page = _Landscape(doc, width, height, font)
    page.x0, page.x1 = margin, width - margin
    page.y = 0.0
    page.caption(spec["caption"])
    page.table(spec["header"], spec["rows"], spec["rules"])
    for n in spec["notes"]:
        page.note(n)
    page.finish()
    return doc


def _paragraph_in(page: pymupdf.Page, font: pymupdf.Font, s: str, x0: float, x1: float, y: float) -> float:
    """An upright paragraph set solid in [x0, x1] from y on an existing page (its first line
    indented two ems); the y under it."""
    land = _Landscape.__new__(_Landscape)  # the typesetter over a page made elsewhere
    land.page, land.font, land.y, land.x0, land.x1 = page, font, y, x0, x1
    land.writer = pymupdf.TextWriter(page.rect)
    land.paragraph(s)
    land.finish()
    return land.y


def _partial_pages(doc: pymupdf.Document, font: pymupdf.Font, w: float, h: float) -> list[dict]:
    """The two partly upright pages, appended to doc; the key's blocks."""
    page = doc.new_page(width=w, height=h)
    y = _paragraph_in(page, font, PARTIAL_BELOW["above"], MARGIN, w - MARGIN, TEXT_TOP)
    region = pymupdf.Rect(MARGIN, y + 2 * BODY, w - MARGIN, TEXT_FOOT)
    land = _land_table(PARTIAL_BELOW, region.height, region.width, font)
    page.show_pdf_page(region, land, 0, rotate=PARTIAL_BELOW["turn"])
    _furniture(page, doc[len(doc) - 3], font)
    page = doc.new_page(width=w, height=h)
    split = MARGIN + 0.42 * (w - 2 * MARGIN)
    _paragraph_in(page, font, PARTIAL_BESIDE["column"], MARGIN, split, TEXT_TOP)
    region = pymupdf.Rect(split + 2 * BODY, TEXT_TOP, w - MARGIN, TEXT_FOOT - 200)
    land = _land_table(PARTIAL_BESIDE, region.height, region.width, font)
    page.show_pdf_page(region, land, 0, rotate=PARTIAL_BESIDE["turn"])
    _furniture(page, doc[len(doc) - 3], font)
    return [
        {"type": "paragraph", "text": PARTIAL_BELOW["above"]},
        {"type": "paragraph", "text": PARTIAL_BESIDE["column"]},
    ]


# --set folio: the partial pages' tables again, their turned region reaching into the page's head
# and foot bands, so that the upright running head or folio stands among the turned lines
FOLIO_BELOW = {**PARTIAL_BELOW, "caption": "表23 部分城市2025年人工智能应用场景清单发布情况（续前）"}
FOLIO_BESIDE = {**PARTIAL_BESIDE, "caption": "表24 部分城市揭榜项目支持政策（补充）"}


def _folio_pages(doc: pymupdf.Document, font: pymupdf.Font, w: float, h: float) -> list[dict]:
    """Two partly upright pages whose turned table reaches past the text block into the page's
    margins: under a paragraph, a three-line table turned 90° running down to the page's foot, the
    folio printed upright in its corner among the turned lines; left of a column, a grid turned 270°
    running down to the foot round the folio in the other corner. Appended to doc; the
    key's blocks."""
    page = doc.new_page(width=w, height=h)
    y = _paragraph_in(page, font, FOLIO_BELOW["above"], MARGIN, w - MARGIN, TEXT_TOP)
    region = pymupdf.Rect(w - 186, y + 2 * BODY, w - 6, h - 4)
    land = _land_table(FOLIO_BELOW, region.height, region.width, font, margin=4.0)
    page.show_pdf_page(region, land, 0, rotate=FOLIO_BELOW["turn"])
    _furniture(page, doc[len(doc) - 3], font)
    page = doc.new_page(width=w, height=h)
    region = pymupdf.Rect(24, TEXT_TOP, 164, h - 4)
    _paragraph_in(page, font, FOLIO_BESIDE["column"], region.x1 + 2 * BODY, w - MARGIN, TEXT_TOP)
    land = _land_table(FOLIO_BESIDE, region.height, region.width, font, margin=4.0)
    page.show_pdf_page(region, land, 0, rotate=FOLIO_BESIDE["turn"])
    _furniture(page, doc[len(doc) - 3], font)
    return [
        {"type": "paragraph", "text": FOLIO_BELOW["above"]},
        {"type": "paragraph", "text": FOLIO_BESIDE["column"]},
    ]


MERGED = {
    "turn": 90,
    "caption": "表9 2025年各区域部分省份专利授权与技术合同情况",
    # two head rows: 专利授权 over 发明 and 实用新型, 技术合同 over 成交额 and 增长; 区域 and 省份 over both
    "head": [
        ["区域", "省份", "专利授权（件）", "专利授权（件）", "技术合同（亿元）", "技术合同（亿元）"],
        ["区域", "省份", "发明", "实用新型", "成交额", "比上年增长"],
    ],
    "rows": [
        ["东部", "北京", "108620", "71250", "8536.9", "7.6%"],
        ["东部", "上海", "53420", "96310", "4850.2", "12.1%"],
        ["东部", "江苏", "91750", "312480", "4721.6", "15.3%"],
        ["东部", "浙江", "68930", "241760", "2980.4", "18.7%"],
        ["中部", "安徽", "32150", "98640", "3210.8", "21.4%"],
        ["中部", "湖北", "35680", "87230", "3365.1", "19.2%"],
        ["中部", "湖南", "21470", "65380", "1820.7", "24.6%"],
        ["西部", "四川", "28960", "79150", "2130.5", "16.8%"],
        ["西部", "陕西", "24310", "42870", "3642.9", "22.3%"],
        ["西部", "重庆", "13820", "45290", "1105.3", "14.9%"],
    ],
    "notes": ["注：专利授权为国内发明和实用新型专利授权量。"],
}


def _merged_grid(page: _Landscape, grid: list[list[str]], n_head: int) -> None:
    """A ruled grid whose equal neighbouring cells are one merged cell: across in the head rows
    (one head over two columns), down in the first column (a region over its provinces) and down
    the head's columns that head both head rows. Each merged cell's text centred in it; no rule
    inside it."""
    edges = _edges(page.x0, page.x1, grid, page.font)
    top = page.y
    n, m = len(grid), len(grid[0])
    owner = {}  # (r, c) -> the merged cell's top-left (r0, c0)
    for r in range(n):
        for c in range(m):
            if (r, c) in owner:
                continue
            r1, c1 = r + 1, c + 1
            while c1 < m and r < n_head and grid[r][c1] == grid[r][c]:
                c1 += 1
            while r1 < n and grid[r1][c] == grid[r][c] and (c == 0 or (r < n_head and r1 < n_head)):
                r1 += 1
            for rr in range(r, r1):
                for cc in range(c, c1):
                    owner[(rr, cc)] = (r, c)
            mid_x, mid_y = (edges[c] + edges[c1]) / 2, top + (r + r1) / 2 * ROW
            page.text(mid_x - page.width(grid[r][c], CELL) / 2, mid_y + 0.35 * CELL, grid[r][c], CELL)
    shape = page.page.new_shape()
    for r in range(n + 1):  # the rule over row r, cut where a merged cell runs across it
        for c in range(m):
            if 0 < r < n and owner[(r, c)] == owner[(r - 1, c)]:
                continue
            shape.draw_line((edges[c], top + r * ROW), (edges[c + 1], top + r * ROW))
    for c in range(m + 1):  # the rule left of column c
        for r in range(n):
            if 0 < c < m and owner[(r, c)] == owner[(r, c - 1)]:
                continue
            shape.draw_line((edges[c], top + r * ROW), (edges[c], top + (r + 1) * ROW))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    page.y = top + n * ROW + 4


def _merged_page(doc: pymupdf.Document, font: pymupdf.Font, w: float, h: float) -> None:
    land = pymupdf.open()
    page = _Landscape(land, h, w, font)
    page.caption(MERGED["caption"])
    _merged_grid(page, [*MERGED["head"], *MERGED["rows"]], len(MERGED["head"]))
    for n in MERGED["notes"]:
        page.note(n)
    page.finish()
    out = doc.new_page(width=w, height=h)
    out.show_pdf_page(out.rect, land, 0, rotate=MERGED["turn"])
    _furniture(out, doc[len(doc) - 3], font)


FRAMED = [
    {
        "above": (
            "各地在推进科技成果转化的过程中，普遍把中试平台建设作为补齐链条的关键一环。"
            "下表列出了部分省份2025年认定的中试平台数量和服务情况，表题和注释按本刊版式直排印在框内。"
        ),
        "turn": 90,
        "rules": "grid",
        "caption": "表14 2025年部分省份中试平台建设情况",
        "header": ["省份", "中试平台（家）", "服务企业（家）", "中试项目（项）", "成果转化收入（亿元）"],
        "rows": [
            ["江苏", "86", "3120", "1450", "62.3"],
            ["浙江", "72", "2860", "1280", "55.8"],
            ["广东", "91", "3540", "1630", "71.2"],
            ["山东", "64", "2210", "980", "38.6"],
            ["湖北", "48", "1650", "720", "27.4"],
            ["四川", "41", "1380", "610", "22.9"],
        ],
        "notes": ["注：成果转化收入为平台服务项目当年实现的技术收入。"],
    },
    {
        "column": (
            "中试平台的运营模式各不相同。有的依托龙头企业建设，主要服务产业链上下游；"
            "有的由高校和科研院所牵头，侧重早期技术验证；还有的由地方政府投资、市场化团队运营。"
            "右侧框内列出了几种模式的主要特点，框内的表题和注释按常规横排。"
        ),
        "turn": 270,
        "rules": "three-line",
        "caption": "表15 中试平台主要运营模式比较",
        "header": ["运营模式", "牵头主体", "平台数量（家）", "服务对象"],
        "rows": [
            ["企业主导", "龙头企业", "168", "产业链企业"],
            ["院所主导", "高校院所", "126", "早期项目"],
            ["政府主导", "地方政府", "94", "中小企业"],
            ["联合共建", "多方共建", "57", "区域产业"],
        ],
        "notes": ["注：平台数量为2025年末在运营的中试平台。"],
    },
]


def _land_grid(spec: dict, width: float, height: float, font: pymupdf.Font) -> pymupdf.Document:
    """The turned table alone typeset on a landscape page of its own size (no caption, no note)."""
    doc = pymupdf.open()
    page = _Landscape(doc, width, height, font)
    page.x0, page.x1 = 4.0, width - 4.0
    page.y = 4.0
    page.table(spec["header"], spec["rows"], spec["rules"])
    page.finish()
    return doc


def _upright_line(
    page: pymupdf.Page, font: pymupdf.Font, s: str, x0: float, x1: float, y: float, size: float
) -> None:
    writer = pymupdf.TextWriter(page.rect)
    writer.append(((x0 + x1 - font.text_length(s, fontsize=size)) / 2, y), s, font=font, fontsize=size)
    writer.write_text(page)


def _framed_pages(doc: pymupdf.Document, font: pymupdf.Font, w: float, h: float) -> list[dict]:
    """Two partly upright pages whose turned table stands in a frame with upright lines inside it,
    the caption over the turned table and its note under it (a table under a paragraph, turned
    90°; one beside a column, turned 270°). Appended to doc; the key's blocks."""
    blocks = []
    for spec in FRAMED:
        page = doc.new_page(width=w, height=h)
        if "above" in spec:
            y = _paragraph_in(page, font, spec["above"], MARGIN, w - MARGIN, TEXT_TOP)
            frame = pymupdf.Rect(MARGIN, y + 2 * BODY, w - MARGIN, TEXT_FOOT)
            blocks.append({"type": "paragraph", "text": spec["above"]})
        else:
            split = MARGIN + 0.42 * (w - 2 * MARGIN)
            _paragraph_in(page, font, spec["column"], MARGIN, split, TEXT_TOP)
            frame = pymupdf.Rect(split + 2 * BODY, TEXT_TOP, w - MARGIN, TEXT_FOOT - 160)
            blocks.append({"type": "paragraph", "text": spec["column"]})
        pad = 8.0
        top_line, top_size = spec["caption"], CAPTION
        bottom_line, bottom_size = spec["notes"][0], NOTE
        _upright_line(page, font, top_line, frame.x0, frame.x1, frame.y0 + pad + top_size, top_size)
        _upright_line(page, font, bottom_line, frame.x0, frame.x1, frame.y1 - pad, bottom_size)
        region = pymupdf.Rect(
            frame.x0 + pad,
            frame.y0 + 2 * pad + 1.5 * top_size,
            frame.x1 - pad,
            frame.y1 - pad - bottom_size - 4,
        )
        land = _land_grid(spec, region.height, region.width, font)
        page.show_pdf_page(region, land, 0, rotate=spec["turn"])
        page.draw_rect(frame, color=(0, 0, 0), width=0.6)
        _furniture(page, doc[len(doc) - 3], font)
    return blocks


def _key_table(caption: str, header: list[str], rows: list[list[str]], notes: list[str]) -> dict:
    return {"caption": caption, "header": header, "rows": rows, "notes": notes}


def variant(src: Path, out: Path, kind: str) -> dict:
    """The source with the pages of one --set added (continued, partial, merged)."""
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    font = pymupdf.Font("cjk")
    doc = pymupdf.open(src)
    w, h = doc[-1].rect.width, doc[-1].rect.height
    last = truth["articles"][-1]
    start = len(doc)
    if kind == "continued":
        for spec in CONTINUED:
            pages, blocks = _continued_pages(spec, w, h, font)
            for k in range(len(pages)):
                page = doc.new_page(width=w, height=h)
                page.show_pdf_page(page.rect, pages, k)
                _furniture(page, doc[len(doc) - 3], font)
            last["blocks"] += blocks
            last["tables"].append(_key_table(spec["caption"], spec["header"], spec["rows"], spec["notes"]))
    elif kind == "framed":
        last["blocks"] += _framed_pages(doc, font, w, h)
        for spec in FRAMED:
            last["tables"].append(_key_table(spec["caption"], spec["header"], spec["rows"], spec["notes"]))
    elif kind == "folio":
        last["blocks"] += _folio_pages(doc, font, w, h)
        for spec in (FOLIO_BELOW, FOLIO_BESIDE):
            last["tables"].append(_key_table(spec["caption"], spec["header"], spec["rows"], spec["notes"]))
    elif kind == "partial":
        last["blocks"] += _partial_pages(doc, font, w, h)
        for spec in (PARTIAL_BELOW, PARTIAL_BESIDE):
            last["tables"].append(_key_table(spec["caption"], spec["header"], spec["rows"], spec["notes"]))
    else:
        _merged_page(doc, font, w, h)
        head, *more = MERGED["head"]
        last["tables"].append(_key_table(MERGED["caption"], head, [*more, *MERGED["rows"]], MERGED["notes"]))
    for number in range(start + 1, len(doc) + 1):
        truth["folio_map"][str(number)] = number
    last["page_end"] = len(doc)
    save_copy(doc, out, truth)
    return truth


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
    save_copy(doc, out, truth)
    return truth


def main() -> None:
    ap = rewrite_parser(__doc__)
    ap.add_argument(
        "--set", choices=("turned", "continued", "partial", "merged", "framed", "folio"), default="turned"
    )
    args = ap.parse_args()
    if args.set == "turned":
        sideways(args.src, args.out)
    else:
        variant(args.src, args.out, args.set)


if __name__ == "__main__":
    main()
