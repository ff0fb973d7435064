"""A table's rest after a full-page photo, and a table whose columns are set otherwise on its
second page, for test fixtures: an existing fixture with pages added (more of table_joins' cases,
pipeline/sample/table_joins.py, in fixtures of their own).

The table pages stand under the running head and folio the issue prints (sideways._furniture).

`--set figure` (fixture tables-figure):

1. 表19, a three-line table filling its page to the foot; a full-page photo printed to the
   page's edges (no running head, no folio), its numbered caption on a white band at its foot,
   set as a photo page's caption is, larger than the body, the photographer's credit under it
   in small type; the rest at the next page's top under no label, its head row repeated. The
   photo page holds no title: it is no unit of its own, only a picture the make-up put between,
   and its credit line is no sign that the table stopped.
2. 表20, a ruled grid filling its page to the foot; two full-page photos, each with a one-line
   caption in a figure's small type; the rest at the next page's top, rows only (no
   label, no head: its columns alone join it), then a paragraph.

`--set under` (fixture tables-under):

5. 表23, a short three-line table standing in its page, a one-line paragraph of the article set
   right under it (as close as a caption stands), in the body's face and size, the article's
   next paragraph at the body's line pitch under it (paragraphs set solid, no space between).
6. 表24, a ruled grid filling its page to the foot, its rest on the next page with its head row
   repeated, a one-line paragraph right under the rest, and the next paragraph solid under it.
   Neither one-line paragraph is a caption: no number, the body's type, the body's pitch.
7. 图9, a photo in the text, its caption centred under it in small type, the photographer's
   credit right under the caption in the same type, at the caption's own line pitch: two
   caption rows (the key holds a credit as a caption line of its own), no text run on.

`--set split` (fixture tables-split):

3. 表21, a three-line table whose rest, on the next page, is set with its columns re-fitted to
   its own cells (every inner column edge moved), its head row repeated.
4. 表22, a ruled grid whose rest, on the next page, sets its last column as two (the figure and
   its unit in cells of their own: a rule between them), its head row repeated over both.

The answer key is the source's, the paragraphs and tables added to its last article (a table as
its first part prints its columns), each photo's caption to its captions. Deterministic.

    python -m pipeline.sample.figure_joins tests/fixtures/tables-classic.pdf --set figure \
        --out tests/fixtures/tables-figure.pdf
    python -m pipeline.sample.figure_joins tests/fixtures/tables-classic.pdf --set under \
        --out tests/fixtures/tables-under.pdf
    python -m pipeline.sample.figure_joins tests/fixtures/tables-classic.pdf --set split \
        --out tests/fixtures/tables-split.pdf
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pymupdf

from .fixture import rewrite_parser, save_copy
from .sideways import BODY, CELL, TALL_ROW, _edges, furnish_appended
from .table_joins import _city_rows, _draw_rows, _fit, _key, _page, _part

PHOTO_CAPTION = 16.0  # a photo page's caption: display type, over the body's size

PARAS = {
    "19": (
        "高校院所是科技成果的主要供给方。表19列出了部分城市高校院所2025年以转让、许可和作价投资方式"
        "转化科技成果的合同数和合同金额。",
        "从表19可以看出，高校院所集中的城市，成果转化合同的数量和金额都明显领先，"
        "但合同金额的增速在不同城市之间差别较大。",
    ),
    "20": (
        "中试基地是科技成果走向产业化的关键一环。表20汇总了部分城市中试基地的数量、服务项目和增长情况。",
        "总体看，中试基地正在从少数城市的探索走向更大范围的布局，服务项目的增长尤其明显。",
    ),
    "21": (
        "科技服务业是创新体系的重要支撑。表21列出了部分城市科技服务机构的数量和营业收入，"
        "转页后各栏宽度按本页内容重新排定。",
        "可以看出，科技服务机构的营业收入与城市的产业规模大体相当，"
        "但从业人员的多少与营业收入并不完全对应，一些城市的机构规模不大，专业化程度却很高。",
    ),
    "22": (
        "技术合同登记反映了技术交易的活跃程度。表22列出了部分城市技术合同登记的数量和成交额。",
        "表22的续表把成交额的数值和单位分栏排印，读者对照时请注意。"
        "总体看，技术合同成交额较高的城市，登记的合同数量也较多，技术市场的集聚效应正在显现。",
    ),
    "23": (
        "创新券是地方政府支持中小企业购买科技服务的常用工具。表23列出了部分城市创新券的发放和兑付情况。",
        "各地兑付比例差别明显。",
        "兑付比例较高的城市，大多建立了线上申领和兑付的统一平台，企业从申领到兑付的周期明显缩短，"
        "服务机构的积极性也更高。",
    ),
    "9": (
        "园区是科技创新要素集聚的重要载体。下图是某市科技园区的全景，园区内集聚了大量科技型企业和研发机构。",
        "园区的发展得益于完善的配套服务和开放的创新环境，入驻企业的数量逐年增加。",
    ),
    "24": (
        "科技企业孵化以后的加速成长同样需要支持。表24列出了部分城市科技企业加速器的数量和入驻企业情况。",
        "入驻企业的营业收入增长较快。",
        "加速器为成长期企业提供了更大的生产空间和更专业的服务，与孵化器形成了接力培育的链条，"
        "一些城市还配套设立了专项基金。",
    ),
}

PHOTOS = {
    "9": "图9 某市科技园区全景",
    "19": "图5 某国家级孵化器共享实验室一角",
    "20": ("图6 某中试基地生产线", "图7 某中试基地检测中心"),
}
CREDIT = "摄影：李明"


def _photo_page(
    doc: pymupdf.Document, font: pymupdf.Font, w: float, h: float, caption: str, size: float, credit: str = ""
) -> None:
    """A full-page photo printed to the page's edges, its caption on a white band at the foot,
    centred, the photographer's credit (if any) under it in small type; no running head, no folio."""
    page = doc.new_page(width=w, height=h)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 50, 70), False)
    for x in range(50):  # a deterministic gradient: a picture, not a blank
        for y in range(70):
            pix.set_pixel(x, y, (90 + 3 * x, 40 + 2 * y, 60 + x))
    band = 3.2 * size + (2.0 * CELL if credit else 0.0)
    page.insert_image(pymupdf.Rect(0, 0, w, h - band), pixmap=pix)
    writer = pymupdf.TextWriter(page.rect)
    x = (w - font.text_length(caption, fontsize=size)) / 2
    writer.append((x, h - band + 1.9 * size), caption, font=font, fontsize=size)
    if credit:
        x = (w - font.text_length(credit, fontsize=CELL)) / 2
        writer.append((x, h - band + 1.9 * size + 1.8 * CELL), credit, font=font, fontsize=CELL)
    writer.write_text(page)


def _after_photo(doc, font, w, h, key: dict, photo_pages: set[int]) -> None:
    """表19: first part to the page foot; a full-page photo, its caption alone; the rest with its
    head row repeated."""
    header = ["城市", "转化合同（项）", "合同金额（亿元）", "比上年增长"]
    rows = _city_rows(19, 30)
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["19"][0])
    first.caption("表19 部分城市高校院所科技成果转化情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    _part(first, edges, [header, *rows[:fit]], "three-line", True)
    first.finish()
    _photo_page(doc, font, w, h, PHOTOS["19"], PHOTO_CAPTION, CREDIT)
    photo_pages.add(len(doc))
    rest = _page(doc, font, w, h)
    _part(rest, edges, [header, *rows[fit:]], "three-line", True)
    rest.y += BODY
    rest.paragraph(PARAS["19"][1])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in (PARAS["19"][0], CREDIT, PARAS["19"][1])]
    key["captions"].append(PHOTOS["19"])
    key["tables"].append(_key("表19 部分城市高校院所科技成果转化情况", header, rows))


def _after_photos(doc, font, w, h, key: dict, photo_pages: set[int]) -> None:
    """表20: a ruled grid to the page foot; two full-page photos; the rest, rows only."""
    header = ["城市", "中试基地（家）", "服务项目（项）", "比上年增长"]
    rows = _city_rows(20, 30)
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["20"][0])
    first.caption("表20 部分城市中试基地建设情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    _part(first, edges, [header, *rows[:fit]], "grid", True)
    first.finish()
    for caption in PHOTOS["20"]:
        _photo_page(doc, font, w, h, caption, CELL)
        photo_pages.add(len(doc))
    rest = _page(doc, font, w, h)
    _part(rest, edges, rows[fit:], "grid", False)
    rest.y += BODY
    rest.paragraph(PARAS["20"][1])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["20"]]
    key["captions"] += list(PHOTOS["20"])
    key["tables"].append(_key("表20 部分城市中试基地建设情况", header, rows))


def _refitted(doc, font, w, h, key: dict, photo_pages: set[int]) -> None:
    """表21: a three-line table whose rest sets its columns re-fitted to its own cells."""
    header = ["城市", "科技服务机构（家）", "营业收入（亿元）", "从业人员（万人）"]
    rng = random.Random(21)
    rows = [
        [r[0], str(rng.randint(1200, 98000)), f"{rng.randint(100, 99999) / 10:.1f}", f"{rng.randint(5, 390) / 10:.1f}"]
        for r in _city_rows(21, 30)
    ]  # fmt: skip
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["21"][0])
    first.caption("表21 部分城市科技服务机构情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    _part(first, edges, [header, *rows[:fit]], "three-line", True)
    first.finish()
    rest = _page(doc, font, w, h)
    # the rest's own columns: the measure kept, the inner edges moved (the first column wider)
    moved = [edges[0], edges[1] + 40, edges[2] + 22, edges[3] + 8, edges[4]]
    _part(rest, moved, [header, *rows[fit:]], "three-line", True)
    rest.y += BODY
    rest.paragraph(PARAS["21"][1])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["21"]]
    key["tables"].append(_key("表21 部分城市科技服务机构情况", header, rows))


def _split_column(doc, font, w, h, key: dict, photo_pages: set[int]) -> None:
    """表22: a ruled grid whose rest sets its last column as two: the figure, then its unit, with
    a rule between them; the head row repeated, its last head over both."""
    header = ["城市", "登记合同（项）", "技术交易额（亿元）", "成交额"]
    rng = random.Random(22)
    rows = [[r[0], r[1], r[2], f"{rng.randint(10, 990)}亿元"] for r in _city_rows(22, 30)]
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["22"][0])
    first.caption("表22 部分城市技术合同登记情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    _part(first, edges, [header, *rows[:fit]], "grid", True)
    first.finish()
    rest = _page(doc, font, w, h)
    mid = (edges[3] + edges[4]) / 2 + 6  # the last column cut in two: figure | unit
    split = [*edges[:4], mid, edges[4]]
    top = rest.y
    _draw_rows(rest, edges, [header], top)  # the head over the columns as the first part prints them
    body = [[r[0], r[1], r[2], r[3][:-2], r[3][-2:]] for r in rows[fit:]]
    _draw_rows(rest, split, body, top + TALL_ROW)
    n = 1 + len(body)
    shape = rest.page.new_shape()
    for k in range(n + 1):
        shape.draw_line((edges[0], top + k * TALL_ROW), (edges[-1], top + k * TALL_ROW))
    for x in split:
        y0 = top + (TALL_ROW if x == mid else 0)  # the head cell spans figure and unit
        shape.draw_line((x, y0), (x, top + n * TALL_ROW))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    rest.y = top + n * TALL_ROW + 4 + BODY
    rest.paragraph(PARAS["22"][1])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["22"]]
    key["tables"].append(_key("表22 部分城市技术合同登记情况", header, rows))


def _solid(page, paras: tuple[str, ...]) -> None:
    """Paragraphs set solid: the next one's first line at the body's line pitch under the last
    line of the one before (no space between paragraphs)."""
    for p in paras:
        page.paragraph(p)
        page.y -= 0.8 * BODY


def _line_under(doc, font, w, h, key: dict, photo_pages: set[int]) -> None:
    """表23: a short table in its page, a one-line paragraph right under it, the next solid."""
    header = ["城市", "发放创新券（万元）", "兑付金额（万元）", "兑付比例"]
    rows = _city_rows(23, 8)
    page = _page(doc, font, w, h)
    page.paragraph(PARAS["23"][0])
    page.caption("表23 部分城市创新券发放和兑付情况")
    edges = _edges(page.x0, page.x1, [header, *rows], font)
    _part(page, edges, [header, *rows], "three-line", True)
    _solid(page, PARAS["23"][1:])
    page.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["23"]]
    key["tables"].append(_key("表23 部分城市创新券发放和兑付情况", header, rows))


def _line_under_rest(doc, font, w, h, key: dict, photo_pages: set[int]) -> None:
    """表24: a ruled grid to the page foot; its rest (head repeated), a one-line paragraph right
    under the rest, the next solid."""
    header = ["城市", "加速器（家）", "入驻企业（家）", "营业收入增长"]
    rows = _city_rows(24, 30)
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["24"][0])
    first.caption("表24 部分城市科技企业加速器情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    _part(first, edges, [header, *rows[:fit]], "grid", True)
    first.finish()
    rest = _page(doc, font, w, h)
    _part(rest, edges, [header, *rows[fit:]], "grid", True)
    _solid(rest, PARAS["24"][1:])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["24"]]
    key["tables"].append(_key("表24 部分城市科技企业加速器情况", header, rows))


def _credited(doc, font, w, h, key: dict, photo_pages: set[int]) -> None:
    """图9: a photo in the text, its caption and, right under it in the same small type, its credit."""
    page = _page(doc, font, w, h)
    page.paragraph(PARAS["9"][0])
    rect = pymupdf.Rect(page.x0 + 60, page.y + 20, page.x1 - 60, page.y + 320)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 48, 64), False)
    for x in range(48):  # a deterministic gradient: a picture, not a blank
        for y in range(64):
            pix.set_pixel(x, y, (5 * x, 4 * y, 128))
    page.page.insert_image(rect, pixmap=pix)
    y = rect.y1 + 1.4 * CELL
    for s in (PHOTOS["9"], CREDIT):  # at a caption's line pitch, centred
        page.text((page.x0 + page.x1 - page.width(s, CELL)) / 2, y, s, CELL)
        y += 1.4 * CELL
    page.y = y
    page.paragraph(PARAS["9"][1])
    page.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["9"]]
    key["captions"] += [PHOTOS["9"], CREDIT]


SETS = {
    "figure": (_after_photo, _after_photos),
    "split": (_refitted, _split_column),
    "under": (_line_under, _line_under_rest, _credited),
}


def joins(src: Path, out: Path, kind: str) -> dict:
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    font = pymupdf.Font("cjk")
    doc = pymupdf.open(src)
    w, h = doc[-1].rect.width, doc[-1].rect.height
    last = truth["articles"][-1]
    start = len(doc)
    photo_pages: set[int] = set()
    for case in SETS[kind]:
        case(doc, font, w, h, last, photo_pages)
    furnish_appended(doc, start, font, truth, photo_pages)  # a photo to the edges prints none
    last["page_end"] = len(doc)
    save_copy(doc, out, truth)
    return truth


def main() -> None:
    ap = rewrite_parser(__doc__)
    ap.add_argument("--set", choices=sorted(SETS), required=True)
    args = ap.parse_args()
    joins(args.src, args.out, args.set)


if __name__ == "__main__":
    main()
