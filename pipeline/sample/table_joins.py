"""Tables continued over a page turn in the ways real issues print them, and two different tables
that merely look alike, for a test fixture: an existing fixture with pages added.

Each part stands under the running head and folio the issue prints (sideways._furniture), upright:

1. 表10, a ruled grid whose rest is printed after a full-page figure (a picture and its caption)
   that the make-up put between the table's two pages; the rest has no label and no head.
2. 表11, a three-line table continued on the facing page of a spread, the text block there set
   in the mirrored margins (every column edge stands further right by the same amount); the
   first continued row holds a merged cell spanning two columns ("未单列" over the two middle
   columns), and its last row is cut by the page turn: its first cell's second line ("示范区")
   is printed at the top of the next page, over the rest.
3. 表12, a ruled grid whose rest opens under "表12（续）" with its head row repeated.
4. 表17, a three-line table whose rest repeats its head row under no label, on the facing page.
5. 表13, a three-line table filling its page to the foot, and at the top of the next page a
   different table of as many columns, with no caption of its own: its own head row, other
   columns, other edges. They stay two tables.

The answer key is the source's, the added paragraphs and tables added to its last article (a
merged cell is repeated in each column it spans, as the pipeline writes it), the figure's caption
to its captions. Deterministic.

    python -m pipeline.sample.table_joins tests/fixtures/tables-classic.pdf \
        --out tests/fixtures/tables-joins.pdf
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pymupdf

from .fixture import rewrite_main, save_copy
from .sideways import (
    BODY,
    CAPTION,
    CELL,
    TALL_ROW,
    TEXT_FOOT,
    TEXT_TOP,
    _edges,
    _Landscape,
    furnish_appended,
)

FACING_SHIFT = 18.0  # pt the mirrored margins move the facing page's text block right


def _city_rows(seed: int, n: int) -> list[list[str]]:
    """Invented figures for n cities (a seeded generator: the same every run)."""
    names = (
        "北京 天津 石家庄 太原 沈阳 大连 长春 哈尔滨 上海 南京 苏州 杭州 宁波 合肥 福州 厦门 南昌 济南 青岛 "
        "郑州 武汉 长沙 广州 深圳 南宁 海口 重庆 成都 贵阳 昆明 西安 兰州 西宁 银川 乌鲁木齐"
    ).split()
    rng = random.Random(seed)
    rows = []
    for name in names[:n]:
        rows.append(
            [name, str(rng.randint(12, 980)), f"{rng.randint(5, 420) / 10:.1f}", f"{rng.randint(-50, 260) / 10:.1f}%"]
        )  # fmt: skip
    return rows


def _draw_rows(page: _Landscape, edges: list[float], rows: list[list[str]], top: float) -> None:
    """Rows of cells centred in their columns from top; a cell of None is covered by the merged
    cell to its left (the text centred over both); a row of one string and Nones is a cut row's
    rest (only its first cell printed)."""
    for k, row in enumerate(rows):
        y = top + (k + 0.5) * TALL_ROW + 0.35 * CELL
        c = 0
        while c < len(row):
            span = 1
            while c + span < len(row) and row[c + span] is None:
                span += 1
            if row[c]:
                mid = (edges[c] + edges[c + span]) / 2
                page.text(mid - page.width(row[c], CELL) / 2, y, row[c], CELL)
            c += span


def _rules(
    page: _Landscape, edges: list[float], top: float, n: int, kind: str, head: bool, merged=()
) -> None:
    """A grid over n rows from top (no rule inside a merged cell: merged holds (row, col) of each
    covered cell), or three lines (the head rule only when the part has its head)."""
    bottom = top + n * TALL_ROW
    shape = page.page.new_shape()
    if kind == "grid":
        for k in range(n + 1):
            shape.draw_line((edges[0], top + k * TALL_ROW), (edges[-1], top + k * TALL_ROW))
        for c, x in enumerate(edges):
            for k in range(n):
                if (k, c) not in merged:
                    shape.draw_line((x, top + k * TALL_ROW), (x, top + (k + 1) * TALL_ROW))
        shape.finish(color=(0, 0, 0), width=0.5)
    else:
        lines = [(top, 1.0), (bottom, 1.0)] + ([(top + TALL_ROW, 0.5)] if head else [])
        for y, w in lines:
            shape.draw_line((edges[0], y), (edges[-1], y))
            shape.finish(color=(0, 0, 0), width=w)
    shape.commit()


def _page(doc: pymupdf.Document, font: pymupdf.Font, w: float, h: float, shift: float = 0.0) -> _Landscape:
    page = _Landscape(doc, w, h, font)
    page.y = TEXT_TOP
    page.x0, page.x1 = page.x0 + shift, page.x1 + shift
    return page


def _part(page: _Landscape, edges: list[float], rows: list[list], kind: str, head: bool, merged=()) -> None:
    _draw_rows(page, edges, rows, page.y)
    _rules(page, edges, page.y, len(rows), kind, head, merged)
    page.y += len(rows) * TALL_ROW + 4


def _fit(page: _Landscape) -> int:
    """How many rows fit from the page's y down to the text block's foot."""
    return int((TEXT_FOOT - page.y) // TALL_ROW)


def _label(page: _Landscape, edges: list[float], s: str) -> None:
    """A continuation label set flush right over the table's rest."""
    page.y += CAPTION
    page.text(edges[-1] - page.width(s, CAPTION), page.y, s, CAPTION)
    page.y += 0.6 * CAPTION


def _picture_page(doc: pymupdf.Document, font: pymupdf.Font, w: float, h: float, caption: str) -> None:
    """A full-page figure: a picture filling the text block, its caption under it."""
    page = _page(doc, font, w, h)
    tall = (page.x1 - page.x0) * 4 / 3  # a portrait picture filling the measure
    rect = pymupdf.Rect(page.x0, TEXT_TOP + 10, page.x1, TEXT_TOP + 10 + tall)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 48, 64), False)
    for x in range(48):  # a deterministic gradient: a picture, not a blank
        for y in range(64):
            pix.set_pixel(x, y, (5 * x, 4 * y, 128))
    page.page.insert_image(rect, pixmap=pix)
    y = rect.y1 + 1.4 * CELL  # a figure's caption in small type, centred under it
    page.text((page.x0 + page.x1 - page.width(caption, CELL)) / 2, y, caption, CELL)
    page.finish()


def _key(caption: str | None, header: list[str], rows: list[list[str]], notes=()) -> dict:
    return {"caption": caption, "header": header, "rows": rows, "notes": list(notes)}


def _full(row: list) -> list[str]:
    """A printed row as the key holds it: a merged cell repeated in each column it spans."""
    out: list[str] = []
    for cell in row:
        out.append(out[-1] if cell is None else cell)
    return out


PARAS = {
    "10": (
        "城市是创新要素集聚的主要载体。本刊根据各市统计公报整理了2025年部分城市的科技创新指标，"
        "包括高新技术企业数量、研发经费和技术合同成交额的增长情况，供读者比较参考。",
        "从表10看，副省级以上城市在研发投入上的优势依然明显，但部分中西部城市的技术合同成交额增长更快。",
    ),
    "11": (
        "孵化器和众创空间是培育科技型中小企业的重要平台。下表汇总了部分城市国家级孵化载体的数量和在孵企业情况，"
        "其中个别城市尚未单列统计众创空间的数据。",
        "总体看，孵化载体的区域分布与城市的创新活跃程度大体一致，东部城市的在孵企业规模明显领先。",
    ),
    "12": (
        "知识产权运营是提升创新效益的重要环节。表12列出了部分城市2025年专利转让许可和质押融资的情况，"
        "数据来自各地知识产权部门的公开报告。",
        "可以看出，专利质押融资规模较大的城市，往往也是技术交易活跃、金融服务体系较完善的城市。",
    ),
    "17": (
        "新型研发机构是科技体制改革的试验田。表17列出了部分城市新型研发机构的数量和研发人员规模。",
        "总体看，新型研发机构正在成为连接基础研究和产业创新的重要桥梁。",
        "下面再看新型研发机构的情况。这类机构投资主体多元、管理制度灵活，在引进人才和转化成果方面各有特色。",
    ),
    "13": (
        "科技金融为创新企业提供了多层次的资金支持。表13汇总了部分城市政府引导基金的规模和投向，"
        "随后一页附列了各市科技贷款的余额情况，二者可以对照阅读。",
        "上述数据表明，引导基金与科技贷款相互补充，正在形成覆盖企业全生命周期的科技金融服务体系。",
    ),
}


def _after_figure(doc, font, w, h, key: dict) -> None:
    """表10: first part, a full-page figure, the rest (no label, no head)."""
    header = ["城市", "高新技术企业（家）", "研发经费（亿元）", "技术合同增长"]
    rows = _city_rows(10, 30)
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["10"][0])
    first.caption("表10 2025年部分城市科技创新主要指标")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    _part(first, edges, [header, *rows[:fit]], "grid", True)
    first.finish()
    _picture_page(doc, font, w, h, "图3 某市科技创新园区全景")
    rest = _page(doc, font, w, h)
    _part(rest, edges, rows[fit:], "grid", False)
    rest.y += BODY
    rest.paragraph(PARAS["10"][1])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["10"]]
    key["captions"].append("图3 某市科技创新园区全景")
    key["tables"].append(_key("表10 2025年部分城市科技创新主要指标", header, rows))


def _facing_merged(doc, font, w, h, key: dict) -> None:
    """表11: first part on a left-hand page, the rest on the facing page in mirrored margins, its
    first row holding a merged cell over two columns; the part's last row cut by the turn."""
    header = ["城市", "国家级孵化器（家）", "众创空间（家）", "在孵企业（家）"]
    rows = _city_rows(11, 28)
    if len(doc) % 2 == 0:  # the first part on a left-hand (even) page
        _page(doc, font, w, h).finish()
        key["blank_pages"] = key.get("blank_pages", 0) + 1
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["11"][0])
    first.caption("表11 部分城市国家级孵化载体情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    cut = ["长三角一体化", *rows[fit - 1][1:]]  # the part's last row: its first cell on two lines
    printed = [header, *rows[: fit - 1], cut]
    _part(first, edges, printed, "three-line", True)
    first.finish()
    rest = _page(doc, font, w, h, FACING_SHIFT)
    moved = [x + FACING_SHIFT for x in edges]
    merged_row = [rows[fit][0], "未单列", None, rows[fit][3]]
    tail = [["示范区", "", "", ""], merged_row, *rows[fit + 1 :]]
    _part(rest, moved, tail, "three-line", False)
    rest.y += BODY
    rest.paragraph(PARAS["11"][1])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["11"]]
    rows_key = [
        *rows[: fit - 1],
        ["长三角一体化示范区", *rows[fit - 1][1:]],
        _full(merged_row),
        *rows[fit + 1 :],
    ]
    key["tables"].append(_key("表11 部分城市国家级孵化载体情况", header, rows_key))


def _head_repeated(doc, font, w, h, key: dict) -> None:
    """表12: a ruled grid whose rest opens under 表12（续） with its head repeated."""
    header = ["城市", "专利转让（件）", "质押融资（亿元）", "比上年增长"]
    rows = _city_rows(12, 30)
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["12"][0])
    first.caption("表12 2025年部分城市专利转让与质押融资情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    _part(first, edges, [header, *rows[:fit]], "grid", True)
    first.finish()
    rest = _page(doc, font, w, h)
    _label(rest, edges, "表12（续）")
    _part(rest, edges, [header, *rows[fit:]], "grid", True)
    rest.y += BODY
    rest.paragraph(PARAS["12"][1])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["12"]]
    key["tables"].append(_key("表12 2025年部分城市专利转让与质押融资情况", header, rows))


def _head_only(doc, font, w, h, key: dict) -> None:
    """表17: a three-line table whose rest repeats its head row with no label at all, on the facing
    page in mirrored margins."""
    header = ["城市", "新型研发机构（家）", "研发人员（万人）", "比上年增长"]
    rows = _city_rows(17, 30)
    if len(doc) % 2 == 1:  # the first part on a left-hand (even) page
        blank = _page(doc, font, w, h)
        blank.paragraph(PARAS["17"][2])
        blank.finish()
        key["blocks"].append({"type": "paragraph", "text": PARAS["17"][2]})
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["17"][0])
    first.caption("表17 部分城市新型研发机构情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    _part(first, edges, [header, *rows[:fit]], "three-line", True)
    first.finish()
    rest = _page(doc, font, w, h, FACING_SHIFT)
    _part(rest, [x + FACING_SHIFT for x in edges], [header, *rows[fit:]], "three-line", True)
    rest.y += BODY
    rest.paragraph(PARAS["17"][1])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["17"][:2]]
    key["tables"].append(_key("表17 部分城市新型研发机构情况", header, rows))


def _two_tables(doc, font, w, h, key: dict) -> None:
    """表13 filling its page, then a different table of as many columns at the next page's top,
    with no caption: its own head, its own column widths."""
    header = ["城市", "引导基金规模（亿元）", "子基金（只）", "投向战略性新兴产业"]
    rows = _city_rows(13, 40)
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["13"][0])
    first.caption("表13 部分城市政府引导基金情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    rows = rows[:fit]
    _part(first, edges, [header, *rows], "three-line", True)
    first.finish()
    other_head = ["年份", "科技贷款余额（亿元）", "增速", "占各项贷款比重"]
    rng = random.Random(14)
    other = [
        [f"{y}年", f"{rng.randint(800, 9000)}", f"{rng.randint(50, 300) / 10:.1f}%", f"{rng.randint(20, 90) / 10:.1f}%"]
        for y in range(2016, 2026)
    ]  # fmt: skip
    second = _page(doc, font, w, h)
    x0, x1 = second.x0 + 60, second.x1 - 60  # a narrower table, set in from both sides
    other_edges = _edges(x0, x1, [other_head, *other], font)
    _part(second, other_edges, [other_head, *other], "three-line", True)
    second.y += BODY
    second.paragraph(PARAS["13"][1])
    second.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["13"]]
    key["tables"].append(_key("表13 部分城市政府引导基金情况", header, rows))
    key["tables"].append(_key(None, other_head, other))


def joins(src: Path, out: Path) -> dict:
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    font = pymupdf.Font("cjk")
    doc = pymupdf.open(src)
    w, h = doc[-1].rect.width, doc[-1].rect.height
    last = truth["articles"][-1]
    start = len(doc)
    for case in (_after_figure, _facing_merged, _head_repeated, _head_only, _two_tables):
        case(doc, font, w, h, last)
    last.pop("blank_pages", None)
    furnish_appended(doc, start, font, truth)
    last["page_end"] = len(doc)
    save_copy(doc, out, truth)
    return truth


def main() -> None:
    rewrite_main(__doc__, joins)


if __name__ == "__main__":
    main()
