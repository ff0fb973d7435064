"""An article's table, and its running text, continued after a full-page advertisement the make-up
put between their two pages, for a test fixture: an existing fixture with pages added (a set of
tables-joins' cases, pipeline/sample/table_joins.py, in a fixture of its own).

The pages stand under the running head and folio the issue prints (sideways._furniture), the
advertisements as a full page prints them: a picture over the whole page, display type on it, no
running head and no folio.

1. 表18, a three-line table filling its page to the foot; a full-page advertisement (a slogan and
   an English line, no word naming it an advertisement); the rest at the next page's top, rows
   only (no label, no head): a page of rows ending in figures, which is no contents page.
2. A paragraph cut by the page foot in mid-sentence; a full-page advertisement signed by the
   editors (编辑部 宣); the sentence finished at the next page's top, and more paragraphs.

The answer key is the source's, the paragraphs and the table added to its last article, each
advertisement a unit of its own. Deterministic.

    python -m pipeline.sample.advert_joins tests/fixtures/tables-classic.pdf \
        --out tests/fixtures/tables-advert.pdf
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf

from .fixture import rewrite_main, save_copy
from .sideways import BODY, CELL, LEADING, TEXT_FOOT, TEXT_TOP, _edges, furnish_appended
from .table_joins import _city_rows, _fit, _key, _page, _part

ADVERTS = (
    {
        "title_zh": "智汇湾区",
        "subtitle_zh": "创新高地·逐梦未来",
        "title_en": None,
        "blocks": ["聚四海英才，汇八方智慧，共建开放创新的科技生态。"],
    },
    {
        "title_zh": "科创中国",
        "subtitle_zh": "开放合作·互利共赢",
        "title_en": "SCIENCE AND INNOVATION",
        "blocks": ["以科技交流促进合作，以创新成果服务发展。", "《国际科技促进》编辑部 宣"],
    },
)

FIGURE = "图4 某高校概念验证中心实验室"

PARAS = {
    "18": (
        "技术转移机构是连接高校院所与企业的纽带。表18汇总了部分城市技术转移示范机构的数量、"
        "促成交易的项目数和成交金额，数据截至2025年底。",
        "从表18可以看出，技术转移机构数量较多的城市，促成交易的项目数和成交金额也明显领先。",
    ),
    "text": (
        "科技成果转化是一项系统工程，既需要高校院所提供高质量的成果供给，也需要企业具备承接转化的能力，"
        "还需要中介服务机构在供需之间穿针引线。近年来，各地围绕成果转化的堵点和难点，"
        "在赋予科研人员职务科技成果所有权或长期使用权、建设概念验证中心和中试基地、"
        "培养技术经理人队伍等方面开展了大量探索，积累了不少可复制、可推广的经验。",
        "以概念验证为例，许多高校院所的科研成果停留在实验室阶段，距离产业化还有相当长的距离，"
        "企业往往不愿意承担早期验证的风险。概念验证中心通过提供资金、场地和专业服务，"
        "帮助科研团队验证技术的可行性和商业价值，降低了成果转化的不确定性。"
        "一些城市还设立了专门的概念验证资金，按照项目的进展分阶段给予支持，"
        "并引入投资机构和产业界专家参与项目评审，使验证工作更加贴近市场需求。",
        "在技术经理人队伍建设方面，各地普遍面临专业人才短缺的问题。"
        "技术经理人既要懂技术，又要懂市场、懂法律、懂金融，培养周期长、难度大。"
        "为此，一些地方探索建立了技术经理人职称评价制度，打通了职业发展通道，"
        "并通过开设专门课程、组织实务培训和建立导师制度等方式，"
        "加快培养一批能够在成果转化一线发挥作用的复合型人才，取得了积极成效，"
        "也为其他地区提供了有益的借鉴。",
        "展望未来，科技成果转化工作需要在完善制度环境、强化平台支撑和壮大人才队伍等方面持续发力，"
        "推动更多科技成果从样品变成产品、从产品变成商品。",
    ),
}


def _advert_page(doc: pymupdf.Document, font: pymupdf.Font, w: float, h: float, ad: dict) -> None:
    """A full-page advertisement: a picture over the whole page, display type set on it in white."""
    page = doc.new_page(width=w, height=h)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    for x in range(60):  # a deterministic gradient: a picture, not a blank
        for y in range(80):
            pix.set_pixel(x, y, (40 + 2 * x, 60 + y, 150))
    page.insert_image(page.rect, pixmap=pix)
    white = (1, 1, 1)
    writer = pymupdf.TextWriter(page.rect, color=white)
    x, y = 70.0, 200.0
    writer.append((x, y), ad["title_zh"], font=font, fontsize=44)
    y += 50
    writer.append((x + 2, y), ad["subtitle_zh"], font=font, fontsize=18)
    if ad["title_en"]:
        y += 30
        writer.append((x + 2, y), ad["title_en"], font=pymupdf.Font("helv"), fontsize=14)
    y = h - 200
    for s in ad["blocks"]:
        writer.append((x + 2, y), s, font=font, fontsize=12)
        y += 30
    writer.write_text(page)


def advert_unit(ad: dict, unit_id: str) -> dict:
    """The answer key's entry of a full-page advertisement (one of ADVERTS, or mid_advert's): its
    titles and slogan lines, no byline, deck, section or contents entry."""
    return {
        "id": unit_id,
        "kind": "advertisement",
        "section_zh": None,
        "section_en": None,
        "title_zh": ad["title_zh"],
        "subtitle_zh": ad["subtitle_zh"],
        "title_en": ad["title_en"],
        "authors": [],
        "byline": None,
        "deck_zh": None,
        "deck_en": None,
        "toc_page": None,
        "abstract_zh": None,
        "keywords_zh": [],
        "blocks": [{"type": "paragraph", "text": t} for t in ad["blocks"]],
        "captions": [],
        "summaries": [],
        "tables": [],
        "items": [],
    }


def _advert_key(ad: dict, page: int) -> dict:
    return {**advert_unit(ad, f"ad{page}"), "page_start": page, "page_end": page}


def _table_after_advert(doc, font, w, h, key: dict, ads: list[dict]) -> None:
    """表18: first part to the page foot, a full-page advertisement, the rest (rows only)."""
    header = ["城市", "示范机构（家）", "成交金额（亿元）", "项目增长"]
    rows = _city_rows(18, 32)
    first = _page(doc, font, w, h)
    first.paragraph(PARAS["18"][0])
    first.caption("表18 部分城市技术转移示范机构情况")
    edges = _edges(first.x0, first.x1, [header, *rows], font)
    fit = _fit(first) - 1
    _part(first, edges, [header, *rows[:fit]], "three-line", True)
    first.finish()
    _advert_page(doc, font, w, h, ADVERTS[0])
    ads.append(_advert_key(ADVERTS[0], len(doc)))
    rest = _page(doc, font, w, h)
    _part(rest, edges, rows[fit:], "three-line", False)
    rest.y += BODY
    rest.paragraph(PARAS["18"][1])
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["18"]]
    key["tables"].append(_key("表18 部分城市技术转移示范机构情况", header, rows))


def _set_until_foot(page, s: str, indent: bool) -> str:
    """Set s solid in the measure down to the text block's foot; what did not fit is returned."""
    x = page.x0 + (2 * BODY if indent else 0)
    line = ""
    for k, ch in enumerate(s):
        if x + page.width(line + ch, BODY) > page.x1:
            if page.y + 2 * LEADING * BODY > TEXT_FOOT:
                page.y += LEADING * BODY
                page.text(x, page.y, line, BODY)
                return s[k:]
            page.y += LEADING * BODY
            page.text(x, page.y, line, BODY)
            x, line = page.x0, ""
        line += ch
    page.y += LEADING * BODY
    page.text(x, page.y, line, BODY)
    page.y += 0.8 * BODY
    return ""


def _text_after_advert(doc, font, w, h, key: dict, ads: list[dict]) -> None:
    """Paragraphs to the page foot, the last cut in mid-sentence; a full-page advertisement; the
    sentence finished at the next page's top, then more paragraphs."""
    first = _page(doc, font, w, h)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 64, 60), False)
    for x in range(64):  # a deterministic gradient: a picture, not a blank
        for y in range(60):
            pix.set_pixel(x, y, (3 * x, 4 * y, 90))
    tall = (first.x1 - first.x0) * 21 / 20
    first.page.insert_image(pymupdf.Rect(first.x0, TEXT_TOP + 10, first.x1, TEXT_TOP + 10 + tall), pixmap=pix)
    first.y = TEXT_TOP + 10 + tall + 1.4 * CELL  # a figure's caption in small type, centred under it
    first.text((first.x0 + first.x1 - first.width(FIGURE, CELL)) / 2, first.y, FIGURE, CELL)
    first.y += 1.2 * BODY
    paras = list(PARAS["text"])
    cut = ""
    while paras and not cut:
        cut = _set_until_foot(first, paras.pop(0), indent=True)
    if not (cut and paras):
        raise ValueError("the text must be cut by the page foot and run on over the advertisement")
    first.finish()
    _advert_page(doc, font, w, h, ADVERTS[1])
    ads.append(_advert_key(ADVERTS[1], len(doc)))
    rest = _page(doc, font, w, h)
    rest.y = TEXT_TOP
    _set_until_foot(rest, cut, indent=False)
    for p in paras:
        rest.paragraph(p)
    rest.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["text"]]
    key["captions"].append(FIGURE)


def joins(src: Path, out: Path) -> dict:
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    font = pymupdf.Font("cjk")
    doc = pymupdf.open(src)
    w, h = doc[-1].rect.width, doc[-1].rect.height
    last = truth["articles"][-1]
    start = len(doc)
    ads: list[dict] = []
    for case in (_table_after_advert, _text_after_advert):
        case(doc, font, w, h, last, ads)
    # a full-page advertisement prints no running head, no folio
    furnish_appended(doc, start, font, truth, {a["page_start"] for a in ads})
    last["page_end"] = len(doc)
    truth["articles"] += ads
    save_copy(doc, out, truth)
    return truth


def main() -> None:
    rewrite_main(__doc__, joins)


if __name__ == "__main__":
    main()
