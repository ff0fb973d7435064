"""Photo captions as magazines set them on photo pages and with their credits, for a test fixture:
an existing fixture with pages added to its last article (as figure_joins.py adds its cases).

The text pages stand under the running head and folio the issue prints (sideways._furniture).

1. A full-page photo printed to the page's edges between two pages of the article's text (no
   running head, no folio), its caption UNNUMBERED on a white band at the foot, set large (a
   photo page's caption is display type) and centred: the article's picture page, its caption
   the article's, no advertisement (nothing on it names one; its type stands off the picture,
   at its edge, one line of one size, where an advertisement sets its display type on the
   picture, a slogan over more lines).
2. A full-page photo filling the text block under the running head, its caption NUMBERED (图11)
   under it in the BODY's face and size, centred, ending no sentence, the article's text going
   on on the next page: a caption, though set as large as the body.
3. A photo in the text, its caption centred under it in small type, the photographer's credit
   on the caption's own line, in brackets after it (……合影（摄影：张三）): two caption rows, the
   caption and its credit (rules' block_markers.credit), each with its own box.
4. A photo in the text, its numbered caption flush left under it and the picture agency's credit
   right-aligned on the same baseline (图片来源：…): two caption rows.
5. A photo half the text block tall between two paragraphs, its numbered caption (图13) centred
   right under it in the body's face and size: a caption, though set as large as the body.

The answer key is the source's, the paragraphs and captions added to its last article (a credit as
a caption line of its own, without its brackets, as the keys hold credits). Deterministic.

    python -m pipeline.sample.photo_captions tests/fixtures/tables-classic.pdf \
        --out tests/fixtures/photo-captions.pdf
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf

from .figure_joins import PHOTO_CAPTION
from .fixture import rewrite_main, save_copy
from .sideways import BODY, CELL, TEXT_FOOT, furnish_appended
from .table_joins import _page

PARAS = {
    "page": (
        "科技成果转化离不开一线科研人员的持续投入。在许多中试基地，科研人员与企业工程师一起"
        "调试设备、优化工艺，把实验室里的成果一步步推向生产线。",
        "中试环节的工作往往周期长、投入大，需要稳定的资金和专业的团队。一些地方设立了中试专项资金，"
        "对公共中试平台的设备购置和运行给予补助，吸引了更多企业把中试放在本地完成。",
    ),
    "body": (
        "创新平台的建设是各地竞相发力的重点。下图是某市新建成的科技创新中心，"
        "集聚了研发、孵化、展示和交流等功能。",
        "中心投入使用以来，已有数十家科技型企业和研发团队入驻，举办各类交流活动上百场。",
    ),
    "credit": (
        "国际合作是科技创新的重要途径。科促会代表团近期赴外开展交流，与多家机构签署了合作备忘录，"
        "并参观了当地的创新园区和研发中心。",
        "双方将在人才培养、联合研发和成果转化等方面开展务实合作。",
    ),
    "half": (
        "孵化器的服务能力直接影响初创企业的成长。许多孵化器为入驻企业提供办公场地、创业辅导、"
        "投融资对接和政策咨询等一站式服务，帮助企业度过最艰难的起步阶段。",
        "近年来，一些孵化器还建设了共享实验室和中试车间，进一步降低了初创企业的研发成本。",
    ),
    "right": (
        "科技园区的夜间经济也在发展。园区周边的商业和文化设施日益完善，吸引了大批青年人才在此工作和生活。",
        "园区管理部门表示，将继续完善配套服务，营造更好的创新创业环境。",
    ),
}

PAGE_CAPTION = "科研人员在中试基地调试生产设备"
BODY_CAPTION = "图11 某市科技创新中心外景"
CREDITED = ("科促会代表团与合作方代表合影", "（摄影：张三）")
RIGHT = ("图12 某科技园区夜景", "图片来源：某市科技局")
HALF_CAPTION = "图13 某孵化器共享实验室"


def _gradient(w: int, h: int, seed: int) -> pymupdf.Pixmap:
    """A deterministic gradient: a picture, not a blank."""
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, w, h), False)
    for x in range(w):
        for y in range(h):
            pix.set_pixel(x, y, ((seed + 3 * x) % 256, (2 * y + seed) % 256, (seed * 7 + x) % 256))
    return pix


def _text_page(doc, font, w, h, paras: tuple[str, ...]):
    page = _page(doc, font, w, h)
    for p in paras:
        page.paragraph(p)
    return page


def _large_unnumbered(doc, font, w, h, key: dict, bare: set[int]) -> None:
    """Text; a full-page photo to the edges, its unnumbered caption large on a band at its foot;
    the article's text on."""
    page = _text_page(doc, font, w, h, PARAS["page"][:1])
    page.finish()
    photo = doc.new_page(width=w, height=h)
    band = 3.2 * PHOTO_CAPTION
    photo.insert_image(pymupdf.Rect(0, 0, w, h - band), pixmap=_gradient(56, 72, 30), keep_proportion=False)
    writer = pymupdf.TextWriter(photo.rect)
    x = (w - font.text_length(PAGE_CAPTION, fontsize=PHOTO_CAPTION)) / 2
    writer.append((x, h - band + 1.9 * PHOTO_CAPTION), PAGE_CAPTION, font=font, fontsize=PHOTO_CAPTION)
    writer.write_text(photo)
    bare.add(len(doc))
    page = _text_page(doc, font, w, h, PARAS["page"][1:])
    page.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["page"]]
    key["captions"].append(PAGE_CAPTION)


def _body_size_numbered(doc, font, w, h, key: dict, bare: set[int]) -> None:
    """Text; a photo filling the text block, its numbered caption under it at the body's size;
    the article's text on."""
    page = _text_page(doc, font, w, h, PARAS["body"][:1])
    page.finish()
    page = _page(doc, font, w, h)
    foot = TEXT_FOOT - 2.2 * BODY
    page.page.insert_image(
        pymupdf.Rect(page.x0, page.y, page.x1, foot), pixmap=_gradient(64, 48, 90), keep_proportion=False
    )
    cx = (page.x0 + page.x1 - page.width(BODY_CAPTION, BODY)) / 2
    page.text(cx, foot + 1.6 * BODY, BODY_CAPTION, BODY)
    page.finish()
    page = _text_page(doc, font, w, h, PARAS["body"][1:])
    page.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["body"]]
    key["captions"].append(BODY_CAPTION)


def _in_text_photo(page, seed: int) -> pymupdf.Rect:
    rect = pymupdf.Rect(page.x0 + 60, page.y + 20, page.x1 - 60, page.y + 280)
    page.page.insert_image(rect, pixmap=_gradient(48, 40, seed), keep_proportion=False)
    return rect


def _credit_in_line(doc, font, w, h, key: dict, bare: set[int]) -> None:
    """A photo in the text; its caption centred under it, the credit in brackets on its line."""
    page = _text_page(doc, font, w, h, PARAS["credit"][:1])
    rect = _in_text_photo(page, 150)
    s = "".join(CREDITED)
    y = rect.y1 + 1.4 * CELL
    page.text((page.x0 + page.x1 - page.width(s, CELL)) / 2, y, s, CELL)
    page.y = y + 0.6 * CELL
    page.paragraph(PARAS["credit"][1])
    page.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["credit"]]
    key["captions"] += [CREDITED[0], CREDITED[1].strip("（）")]


def _credit_right(doc, font, w, h, key: dict, bare: set[int]) -> None:
    """A photo in the text; its numbered caption flush left under it, the credit right-aligned on
    the same baseline."""
    page = _text_page(doc, font, w, h, PARAS["right"][:1])
    rect = _in_text_photo(page, 210)
    y = rect.y1 + 1.4 * CELL
    page.text(rect.x0, y, RIGHT[0], CELL)
    page.text(rect.x1 - page.width(RIGHT[1], CELL), y, RIGHT[1], CELL)
    page.y = y + 0.6 * CELL
    page.paragraph(PARAS["right"][1])
    page.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["right"]]
    key["captions"] += list(RIGHT)


def _half_page_body_size(doc, font, w, h, key: dict, bare: set[int]) -> None:
    """A paragraph; a photo half the text block tall, its numbered caption centred right under it
    at the body's size; the next paragraph."""
    page = _text_page(doc, font, w, h, PARAS["half"][:1])
    rect = pymupdf.Rect(page.x0 + 40, page.y + 16, page.x1 - 40, page.y + 16 + 0.5 * (TEXT_FOOT - page.y))
    page.page.insert_image(rect, pixmap=_gradient(40, 30, 60), keep_proportion=False)
    y = rect.y1 + 1.3 * BODY
    page.text((rect.x0 + rect.x1 - page.width(HALF_CAPTION, BODY)) / 2, y, HALF_CAPTION, BODY)
    page.y = y + 0.8 * BODY
    page.paragraph(PARAS["half"][1])
    page.finish()
    key["blocks"] += [{"type": "paragraph", "text": p} for p in PARAS["half"]]
    key["captions"].append(HALF_CAPTION)


CASES = (_large_unnumbered, _body_size_numbered, _credit_in_line, _credit_right, _half_page_body_size)


def photo_captions(src: Path, out: Path) -> dict:
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    font = pymupdf.Font("cjk")
    doc = pymupdf.open(src)
    w, h = doc[-1].rect.width, doc[-1].rect.height
    last = truth["articles"][-1]
    start = len(doc)
    bare: set[int] = set()  # photos printed to the page's edges: no running head, no folio
    for case in CASES:
        case(doc, font, w, h, last, bare)
    furnish_appended(doc, start, font, truth, bare)
    last["page_end"] = len(doc)
    save_copy(doc, out, truth)
    return truth


def main() -> None:
    rewrite_main(__doc__, photo_captions)


if __name__ == "__main__":
    main()
