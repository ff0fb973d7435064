"""A journal house style set by MuPDF's own HTML engine (pymupdf.Story), page by page into frames
of our choosing: one paper of the answer key with what other Chinese journals do differently from
journal.py's Chromium pages. The front matter across the page in one column, the body in two
columns under it; headings on three numbered levels ("2", "2.1", "2.1.1"), the second and third
in the body's own face and size (only the number and the line's end tell them; one wraps over two
lines, one follows a full line with no space above it); references with a hanging indent, each
running over two or three lines; the English title, authors, Abstract and Key words after the
references; a figure and a three-line table with their captions in Chinese and English; running
heads naming the journal and its volume on every page; the first page's footnotes (收稿日期,
基金项目, 作者简介, 通信作者, DOI) under a short rule.

`--style bracket`: 【摘要】 and 【关键词】 labels, 【中图分类号】 and 【文献标识码】 on one line,
references numbered [1], the first page's footnotes at the foot of its left column (the right
column runs on to the page's foot beside them), folios centred at the foot.
`--style dotted`: 摘　要： and 关键词： labels, references numbered "1.", the footnotes across the
page under the two columns, running heads that differ on even and odd pages with the folio
outside.
`--style runin`: the bracket style, with headings run into their paragraph on one line, as many
journals set their lowest levels: "2.2.1　预期溢价远超实际价值　资本市场对…" (the heading bold and a
full-width space after it, bold with nothing after it but the face change, or in the body's own
face with a full-width space), the third section's second-level headings too; and paragraphs of
its own whose second line opens with a decimal after a finished sentence, in the body's face
("……增长之中。" / "2.2 万亿元的新增投资…", "0.8 左右的相关系数…"): numbers, not headings.
`--style runin-plain`: the runin style's headings all in the body's face, a full-width space after
each, also where that space falls at a line's end ("3.3　传统行业是产业链供应链安全的底线" fills its
line; the text layer keeps no space there: the heading's line stops an em short of the column's
edge, its paragraph runs on flush under it); no decimal paragraphs.
`--style runin-unspaced`: the runin-plain style with no glyph for a full-width space falling at a
line's end (3.3's): its line's text stops at the heading's last character; only the line standing
an em short of the full line under it says a space stood there (numbered_headings._space_at_line_end).
`--style unitword`: the bracket style, four of its headings in the body's face opening with a
word that also reads as a number's unit after the heading's number ("2.2　万物互联下…",
"2.3　倍速扩张下…", "3.3　万无一失：…"; a quantity reads "2.2 万亿元"), one of them on the
third level, set under a full line with no space above it.
`--style flush`: 摘　要 centred on a line of its own over the abstract, [关键词] and [中图分类号]
in square brackets, the reference list headed 参考文献（References） in the body's size with no
hanging indent (an entry's lines all start at the column's edge), Abstract on a line of its own
at the end, the footnotes at the foot of the right column, the English journal name in the
running head.

    python -m pipeline.sample.journal_house --truth KEY.json --article a30 --style bracket \
        --out tests/fixtures/journal-house-bracket.pdf
    python -m pipeline.sample.journal_house --truth KEY.json --article a30 --style dotted \
        --out tests/fixtures/journal-house-dotted.pdf
    python -m pipeline.sample.journal_house --truth KEY.json --article a30 --style flush \
        --out tests/fixtures/journal-house-flush.pdf
    python -m pipeline.sample.journal_house --truth KEY.json --article a30 --style runin \
        --out tests/fixtures/journal-house-runin.pdf
    python -m pipeline.sample.journal_house --truth KEY.json --article a30 --style runin-plain \
        --out tests/fixtures/journal-house-runin-plain.pdf
    python -m pipeline.sample.journal_house --truth KEY.json --article a30 --style runin-unspaced \
        --out tests/fixtures/journal-house-runin-unspaced.pdf
    python -m pipeline.sample.journal_house --truth KEY.json --article a30 --style unitword \
        --out tests/fixtures/journal-house-unitword.pdf

The journal, co-authors, front-matter values, figure and table are this fixture's own inventions;
the title, abstracts, body and references come from the answer key. Needs nothing but PyMuPDF.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pymupdf

from .fixture import article_parser, save_fixture

JOURNAL = "工程经济学报"
JOURNAL_EN = "Journal of Engineering Economics"
VOLUME, NUMBER, FIRST_FOLIO = 12, 2, 57
COAUTHORS = [("张　敏", "ZHANG Min", "2"), ("刘东升", "LIU Dongsheng", "1")]
AFFIL = "（1. 中国国际科技促进会，北京 100081；2. 东海理工大学 管理学院，上海 200093）"
AFFIL_EN = (
    "(1. China International Association for Promotion of Science and Technology, Beijing 100081, China; "
    "2. School of Management, Donghai University of Technology, Shanghai 200093, China)"
)
KEYWORDS_EN = [
    "AI bubble",
    "traditional industries",
    "real economy",
    "industrial structure",
    "economic efficiency",
]
FOOTNOTES = [
    "收稿日期：2025-10-21；修回日期：2026-01-08",
    "基金项目：国家自然科学基金资助项目（72173021）；上海市哲学社会科学规划课题（2025BJB017）",
    "作者简介：郑华林（1975—），男，高级工程师，研究方向为科技政策与产业经济；张敏（1990—），女，博士，讲师。",
    "通信作者：刘东升，E-mail：liuds@example.org",
    "DOI：10.13579/j.cnki.gcjj.2026.02.006",
]
FIGURE = (
    "图 1　人工智能投资与传统产业产出",
    "Fig. 1　AI investment and the output of traditional industries",
)
TABLE = ("表 1　三类产业的就业与产出", "Tab. 1　Employment and output of three sectors")
TABLE_ROWS = [
    ["产业", "就业占比/%", "产出占比/%"],
    ["农业", "22.8", "7.1"],
    ["制造业", "28.6", "38.2"],
    ["服务业", "48.6", "54.7"],
]

PAGE = pymupdf.paper_rect("a4")
MARGIN_X, TOP, BOTTOM, GUTTER = 52.0, 72.0, 780.0, 16.0

CSS = """
body { font-family: serif; font-size: 10pt; }
h1 { font-size: 17pt; text-align: center; margin: 6pt 0 8pt 0; font-weight: bold; }
.authors { font-size: 11pt; text-align: center; margin: 0 0 4pt 0; }
.affil { font-size: 8pt; text-align: center; margin: 0 0 8pt 0; }
.front { font-size: 9pt; line-height: 1.45; text-align: justify; margin: 0 18pt 3pt 18pt; }
p { text-indent: 2em; margin: 0; line-height: 1.6; text-align: justify; }
sup { font-size: 6pt; }
h2 { font-size: 12pt; font-weight: bold; margin: 8pt 0 4pt 0; }
h3 { font-size: 10pt; font-weight: normal; margin: 4pt 0 0 0; line-height: 1.6; }
h4 { font-size: 10pt; font-weight: normal; margin: 0; line-height: 1.6; }
.refhead { font-size: 11pt; font-weight: bold; text-indent: 0; margin: 10pt 0 3pt 0; }
.ref { font-size: 8pt; line-height: 1.4; text-indent: -2em; margin: 0 0 1pt 2em; text-align: left; }
.cap { font-size: 8.5pt; text-indent: 0; text-align: center; line-height: 1.35; margin: 0; }
.fig { text-align: center; margin: 6pt 0 2pt 0; }
table { font-size: 8.5pt; margin: 2pt auto 8pt auto; border-collapse: collapse;
        border-top: 1pt solid black; border-bottom: 1pt solid black; }
th { font-weight: normal; padding: 2pt 8pt; border-bottom: 0.5pt solid black; }
td { padding: 2pt 8pt; text-align: center; }
.entitle { font-size: 12pt; font-weight: bold; text-align: center; text-indent: 0; margin: 14pt 0 4pt 0; line-height: 1.3; }
.enauthors { font-size: 9.5pt; text-align: center; text-indent: 0; margin: 0 0 2pt 0; }
.enaffil { font-size: 8pt; text-align: center; text-indent: 0; margin: 0 0 5pt 0; line-height: 1.3; }
.enfront { font-size: 9pt; text-indent: 0; line-height: 1.4; margin: 0 0 3pt 0; }
.refflush { font-size: 9.5pt; line-height: 1.5; text-indent: 0; margin: 0; text-align: left; }
.labelhead { font-size: 10.5pt; font-weight: bold; text-align: center; text-indent: 0; margin: 2pt 0 2pt 0; }
.enhead { font-size: 10pt; font-weight: bold; text-indent: 0; margin: 4pt 0 1pt 0; }
"""

# the style a house style takes everything but its body from
HOUSE = {"runin": "bracket", "runin-plain": "bracket", "runin-unspaced": "bracket", "unitword": "bracket"}
# unitword: headings in the body's face whose words open with a word that also reads as a number's
# unit after the heading's number ("2.2　万物互联…" beside "2.2 万亿元"), by number: the words
# printed instead of the key's
UNIT_WORD_HEADINGS = {
    "2.2": "万物互联下泡沫形成的核心逻辑",
    "2.2.2": "万众追捧下资源虹吸效应扭曲配置",
    "2.3": "倍速扩张下泡沫破裂的经济风险",
    "3.3": "万无一失：产业链供应链安全的底线",
}
# runin: how each heading run into its paragraph stands apart from it, in turn: (bold, in the
# house colour, what follows it): bold and a full-width space; bold in colour and nothing else (the
# engine has no bold Chinese face: the colour is the face change); the body's face and a space
RUN_IN_FACES = ((True, False, "　"), (True, True, ""), (False, False, "　"))
RUN_IN_COLOUR = "#1f3f8f"
# runin: the paragraphs of the fixture's own printed after these of the key (by how they start),
# each a sentence that fills its first line and then a line opening with a number, no heading
DECIMAL_AFTER = {
    "估值体系的扭曲": "2.2 万亿元的新增投资将在未来三年内陆续落地并带动上下游配套产业，其中约四成投向算力基础设施。",
    "系统性风险的传导路径": "0.8 左右的相关系数表明两者的联动程度已明显高于过去十年的平均水平，这一变化值得警惕。",
}
# the first sentence of such a paragraph: a prefix of this, closed by 。, as long as fills the line
DECIMAL_LEAD = "据多家研究机构测算全球人工智能领域的资本开支仍在快速增长之中且增速逐年提高"
# the table follows this many blocks of the key (runin: further on, so that it does not break over
# a page turn: a table continued over two pages is another cause, tests/test_tables_continued.py)
TABLE_AFTER = {"runin": 26, "runin-plain": 26, "runin-unspaced": 26}
COLUMN_WIDTH = PAGE.width / 2 - GUTTER / 2 - MARGIN_X

# the paper's blocks this fixture prints (slices of the key's article: its first two sections, the
# third with the long heading, the conclusion and the references)
KEPT = [(0, 31), (31, 41), (81, 97)]


def _levels(blocks: list[dict]) -> list[tuple[str, str]]:
    """(tag, text): headings numbered on three levels as journals number them ("2", "2.1",
    "2.1.1"), from the key's 一、/（一）/1. numbering; other blocks as they are."""
    out, n = [], [0, 0, 0]
    for b in blocks:
        text = b["text"]
        if b["type"] != "heading":
            out.append((b["type"], text))
            continue
        if m := re.match(r"[一二三四五六七八九十]+、\s*", text):
            n = [n[0] + 1, 0, 0]
            out.append(("h2", f"{n[0]}　{text[m.end() :]}"))
        elif m := re.match(r"[（(][一二三四五六七八九十]+[）)]\s*", text):
            n = [n[0], n[1] + 1, 0]
            out.append(("h3", f"{n[0]}.{n[1]}　{text[m.end() :]}"))
        elif m := re.match(r"\d+[.)．]?\s*", text):
            n = [n[0], n[1], n[2] + 1]
            out.append(("h4", f"{n[0]}.{n[1]}.{n[2]}　{text[m.end() :]}"))
        else:
            n = [n[0] + 1, 0, 0]  # 结论 and the like: a first-level heading of its own
            out.append(("h2", f"{n[0]}　{text}"))
    return out


def _ref_text(text: str, style: str) -> str:
    """[1] as the key prints it, or 1. (the dotted house style)."""
    return re.sub(r"^\[(\d+)\]\s*", r"\1. ", text) if style == "dotted" else text


def _png() -> bytes:
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 80, 40), 0)
    for y in range(40):
        for x in range(80):
            pix.set_pixel(x, y, (120 + (x * 3 + y) % 100,))
    return pix.tobytes("png")


def _figure_html() -> str:
    e = html.escape
    return (
        "<div class='fig'><img src='fig.png' width='190' height='95'/></div>"
        f"<p class='cap'>{e(FIGURE[0])}</p><p class='cap'>{e(FIGURE[1])}</p>"
    )


def _table_html() -> str:
    e = html.escape
    head, *rows = TABLE_ROWS
    return (
        f"<p class='cap' style='margin-top:6pt'>{e(TABLE[0])}</p><p class='cap'>{e(TABLE[1])}</p><table>"
        + "<tr>"
        + "".join(f"<th>{e(c)}</th>" for c in head)
        + "</tr>"
        + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
        + "</table>"
    )


def _front_html(a: dict, style: str) -> str:
    e = html.escape
    names = [(a["authors"][0], "ZHENG Hualin", "1")] + COAUTHORS
    authors = "，".join(f"{e(n)}<sup>{m}</sup>" for n, _, m in names)
    kw = "；".join(a["keywords_zh"])
    if style == "bracket":
        rows = [
            f"<b>【摘要】</b>{e(a['abstract_zh'])}",
            f"<b>【关键词】</b>{e(kw)}",
            "<b>【中图分类号】</b>F062.9　　<b>【文献标识码】</b>A　　<b>【文章编号】</b>1672-0000（2026）02-0057-07",
        ]
    elif style == "flush":
        return (
            f"<h1>{e(a['title_zh'])}</h1><p class='authors'>{authors}</p><p class='affil'>{e(AFFIL)}</p>"
            f"<p class='labelhead'>摘　要</p><p class='front'>{e(a['abstract_zh'])}</p>"
            f"<p class='front' style='text-indent:0'><b>[关键词]</b> {e(kw)}</p>"
            "<p class='front' style='text-indent:0'><b>[中图分类号]</b> F062.9　　<b>[文献标识码]</b> A</p>"
        )
    else:
        rows = [
            f"<b>摘　要：</b>{e(a['abstract_zh'])}",
            f"<b>关键词：</b>{e(kw)}",
            "<b>中图分类号：</b>F062.9　　<b>文献标志码：</b>A　　<b>文章编号：</b>1672-0000（2026）02-0057-07",
        ]
    return (
        f"<h1>{e(a['title_zh'])}</h1><p class='authors'>{authors}</p><p class='affil'>{e(AFFIL)}</p>"
        + "".join(f"<p class='front' style='text-indent:0'>{r}</p>" for r in rows)
    )


def _english_html(a: dict, abstract_en: str, style: str) -> str:
    e = html.escape
    names = ["ZHENG Hualin"] + [en for _, en, _ in COAUTHORS]
    abstract = (
        f"<p class='enhead'>Abstract</p><p class='enfront'>{e(abstract_en)}</p>"
        if style == "flush"
        else f"<p class='enfront'><b>Abstract:</b> {e(abstract_en)}</p>"
    )
    return (
        f"<p class='entitle'>{e(a['title_en'])}</p><p class='enauthors'>{e(', '.join(names))}</p>"
        f"<p class='enaffil'>{e(AFFIL_EN)}</p>"
        + abstract
        + f"<p class='enfront'><b>Key words:</b> {e('; '.join(KEYWORDS_EN))}</p>"
    )


def _body(a: dict, style: str) -> tuple[str, list[dict], list[dict]]:
    """The body's HTML, the key's blocks as printed, and the key's tables."""
    e = html.escape
    blocks = [a["blocks"][i] for lo, hi in KEPT for i in range(lo, hi)]
    parts, key, figure_done, table_done = [], [], False, False
    pending, run_ins = None, 0  # runin: the heading waiting for its paragraph; how many run in
    added = 0  # runin: paragraphs of the fixture's own (the figure and table stay where they were)
    for tag, text in _levels(blocks):
        if style == "unitword" and tag in ("h3", "h4"):
            num = text.split("　", 1)[0]
            text = f"{num}　{UNIT_WORD_HEADINGS[num]}" if num in UNIT_WORD_HEADINGS else text
        if tag == "reference":
            text = _ref_text(text, style)
            parts.append(f"<p class='{'refflush' if style == 'flush' else 'ref'}'>{e(text)}</p>")
            key.append({"type": "reference", "text": text})
            continue
        if (
            tag in ("h2", "h3", "h4")
            and style.startswith("runin")
            and _runs_in(tag, text)
            and pending is None
        ):
            pending = text  # set at the start of the paragraph under it
            key.append({"type": "heading", "text": text})
            continue
        if tag in ("h2", "h3", "h4"):
            if text.split("　", 1)[-1].startswith("参考文献"):
                head = "参考文献（References）" if style == "flush" else "参考文献"
                parts.append(f"<p class='refhead'>{head}</p>")
                key.append({"type": "heading", "text": head})
                continue
            parts.append(f"<{tag}>{e(text)}</{tag}>")
            key.append({"type": "heading", "text": text})
            continue
        if tag == "note":
            continue  # the key's closing note is the magazine's, not this journal's
        if pending is not None:  # the heading run into this paragraph, in the face its turn gives
            for _ in RUN_IN_FACES:  # (a space the line breaker would drop at a line's end: the next)
                bold, coloured, gap = RUN_IN_FACES[run_ins % len(RUN_IN_FACES)]
                if not gap or not _gap_at_line_end(pending, text):
                    break
                run_ins += 1
            if style in ("runin-plain", "runin-unspaced"):  # the body's face and a space, wherever it falls
                bold, coloured, gap = RUN_IN_FACES[-1]
            head = f"<b>{e(pending)}</b>" if bold else e(pending)
            head = f"<span style='color:{RUN_IN_COLOUR}'>{head}</span>" if coloured else head
            parts.append(f"<p>{head}{gap}{e(text)}</p>")
            pending, run_ins = None, run_ins + 1
        else:
            parts.append(f"<p>{e(text)}</p>")
        key.append({"type": tag, "text": text})
        extra = next((v for k, v in DECIMAL_AFTER.items() if text.startswith(k)), None)
        if style == "runin" and extra is not None:
            para = _decimal_paragraph(extra)
            parts.append(f"<p>{e(para)}</p>")
            key.append({"type": "paragraph", "text": para})
            added += 1
        if not figure_done and len(key) - added > 6 and tag == "paragraph":
            parts.append(_figure_html())
            figure_done = True
        elif (
            figure_done
            and not table_done
            and len(key) - added > TABLE_AFTER.get(style, 24)
            and tag == "paragraph"
        ):
            parts.append(_table_html())
            table_done = True
    table = {"caption": TABLE[0], "caption_en": TABLE[1], "header": TABLE_ROWS[0], "rows": TABLE_ROWS[1:]}
    return "".join(parts), key, [table]


def _runs_in(tag: str, text: str) -> bool:
    """runin: the headings set at the start of their paragraph: the third level, and the second
    level's of the third section (references and conclusions keep their own lines)."""
    return tag == "h4" or (tag == "h3" and text.startswith("3."))


def _set_lines(text: str) -> list[str]:
    """The lines a body paragraph is set in, in a column of the body's width."""
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    story = pymupdf.Story(html=f"<p>{html.escape(text)}</p>", user_css=CSS)
    dev = writer.begin_page(PAGE)
    story.place(pymupdf.Rect(0, 0, COLUMN_WIDTH, PAGE.height))
    story.draw(dev)
    writer.end_page()
    writer.close()
    with pymupdf.open("pdf", buf.getvalue()) as doc:
        return [
            "".join(sp["text"] for sp in ln["spans"]).strip()
            for b in doc[0].get_text("dict")["blocks"]
            for ln in b.get("lines", [])
        ]


def _gap_at_line_end(heading: str, text: str) -> bool:
    """A heading run in with a space after it, set in the column: the space falls at a line's end
    (where the text layer keeps none, nothing would part the heading from its text)."""
    lines = _set_lines(heading + "\u3000" + text)
    head = "".join(heading.split())
    seen = ""
    for ln in lines:
        seen += "".join(ln.split())
        if seen == head:
            return True
        if len(seen) >= len(head):
            return False
    return False


def _decimal_paragraph(rest: str) -> str:
    """A sentence that fills the first line of a paragraph in the column (its first-line indent
    taken), then `rest`, whose number opens the second line: the lead found by setting it."""
    for n in range(12, len(DECIMAL_LEAD) + 1):
        text = DECIMAL_LEAD[:n] + "。" + rest
        lines = _set_lines(text)
        if len(lines) > 1 and lines[0].endswith("。") and lines[1].startswith(rest[:3]):
            return text
    raise ValueError("no lead fills the line before the number")


def _frames(page_no: int, top: float, foot_top: float | None, style: str) -> list[pymupdf.Rect]:
    """The two column frames of a page, from top down; the first page's left column (bracket
    style) or right one (flush) stops over its footnotes."""
    mid = PAGE.width / 2
    short = foot_top if foot_top is not None and page_no == 0 else BOTTOM
    left_bottom, right_bottom = (BOTTOM, short) if style == "flush" else (short, BOTTOM)
    return [
        pymupdf.Rect(MARGIN_X, top, mid - GUTTER / 2, left_bottom),
        pymupdf.Rect(mid + GUTTER / 2, top, PAGE.width - MARGIN_X, right_bottom),
    ]


def _running_heads(doc: pymupdf.Document, short: str, style: str) -> list[str]:
    """Running heads and folios, as each style prints them; the strings printed (for the key)."""
    printed = set()
    vol = f"第 {VOLUME} 卷第 {NUMBER} 期"
    vol_en = f"Vol.{VOLUME} No.{NUMBER}"
    for i, pg in enumerate(doc):
        w = pg.rect.width
        folio = FIRST_FOLIO + i
        if style == "bracket":
            heads = [(MARGIN_X, vol), (w / 2 - 36, JOURNAL), (w - MARGIN_X - 58, vol_en)]
            for x, t in heads:
                pg.insert_text((x, 52), t, fontsize=8.5, fontname="china-s")
                printed.add(t)
            pg.insert_text((w / 2 - 6, 810), str(folio), fontsize=9)
        elif style == "flush":
            left = f"{JOURNAL_EN}, {vol_en}, Feb. 2026"
            pg.insert_text((MARGIN_X, 52), left, fontsize=8, fontname="tiro")
            pg.insert_text((w - MARGIN_X - 12, 52), str(folio), fontsize=9, fontname="tiro")
            printed.add(left)
        else:
            even = i % 2 == 1
            left = f"· {folio} ·" if even else f"{vol}　{short}"
            right = f"{JOURNAL}　{vol_en}" if even else f"· {folio} ·"
            pg.insert_text((MARGIN_X, 52), left, fontsize=8.5, fontname="china-s")
            width = pymupdf.get_text_length(right, fontname="china-s", fontsize=8.5)
            pg.insert_text((w - MARGIN_X - width, 52), right, fontsize=8.5, fontname="china-s")
            printed.update(t for t in (left, right) if "·" not in t)
        pg.draw_line((MARGIN_X, 57), (w - MARGIN_X, 57), width=0.5)
    return sorted(printed)


def _drop_line_end_spaces(doc: pymupdf.Document) -> None:
    """runin-unspaced: the full-width space a line ends in taken out of the text layer, as an
    engine that draws no glyph for a space falling at a line's end leaves it (MuPDF draws one):
    the line's text stops at its last character, an em short of the column's edge. Nothing
    visible changes (the glyph is blank)."""
    for page in doc:
        for b in page.get_text("rawdict")["blocks"]:
            for ln in b.get("lines", []):
                chars = [c for sp in ln["spans"] for c in sp["chars"]]
                if len(chars) > 1 and chars[-1]["c"] == "\u3000" and chars[-2]["c"].strip():
                    x0, y0, x1, y1 = chars[-1]["bbox"]
                    mid = (y0 + y1) / 2
                    page.add_redact_annot(pymupdf.Rect(x0 + 0.3 * (x1 - x0), mid - 1, x1 - 0.1, mid + 1))
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_NONE,
            graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_REMOVE,
        )


def build(truth: dict, article_id: str, out: Path, style: str = "bracket") -> dict:
    a = json.loads(json.dumps(next(x for x in truth["articles"] if x["id"] == article_id)))
    unspaced = style == "runin-unspaced"
    abstract_en = next(s["text"] for s in a["summaries"] if s["kind"] == "abstract")
    body_html, key_blocks, tables = _body(a, style)
    style = HOUSE.get(style, style)  # the rest as the house style it is made from
    arch = pymupdf.Archive()
    arch.add(_png(), "fig.png")
    front = pymupdf.Story(html=_front_html(a, style), user_css=CSS, archive=arch)
    body = pymupdf.Story(html=body_html + _english_html(a, abstract_en, style), user_css=CSS, archive=arch)
    n_notes = len(FOOTNOTES)
    foot_top = BOTTOM - n_notes * 20 - 8 if style in ("bracket", "flush") else None
    body_bottom_first = BOTTOM - n_notes * 12 - 10 if style == "dotted" else BOTTOM
    tmp = out.with_suffix(".tmp.pdf")
    writer = pymupdf.DocumentWriter(str(tmp))
    page_no, more = 0, True
    while more:
        dev = writer.begin_page(PAGE)
        top = TOP
        if page_no == 0:
            _, filled = front.place(pymupdf.Rect(MARGIN_X, TOP, PAGE.width - MARGIN_X, BOTTOM))
            front.draw(dev)
            top = pymupdf.Rect(filled).y1 + 14
        for frame in _frames(page_no, top, foot_top, style):
            if page_no == 0 and style == "dotted":
                frame.y1 = body_bottom_first
            more, _ = body.place(frame)
            body.draw(dev)
            if not more:
                break
        writer.end_page()
        page_no += 1
    writer.close()
    doc = pymupdf.open(tmp)
    if unspaced:
        _drop_line_end_spaces(doc)
    first = doc[0]
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in FOOTNOTES)
    note_css = "p { font-size: 7.5pt; line-height: 1.3; margin: 0 0 1.5pt 0; font-family: serif; }"
    if style == "bracket":  # at the foot of the left column, under a short rule
        first.draw_line((MARGIN_X, foot_top + 2), (MARGIN_X + 70, foot_top + 2), width=0.5)
        first.insert_htmlbox(
            (MARGIN_X, foot_top + 5, PAGE.width / 2 - GUTTER / 2, BOTTOM + 4), notes, css=note_css
        )
    elif style == "flush":  # at the foot of the right column, with no rule
        first.insert_htmlbox(
            (PAGE.width / 2 + GUTTER / 2, foot_top + 5, PAGE.width - MARGIN_X, BOTTOM + 4),
            notes,
            css=note_css,
        )
    else:  # across the page under both columns
        first.draw_line((MARGIN_X, body_bottom_first + 4), (MARGIN_X + 110, body_bottom_first + 4), width=0.5)
        first.insert_htmlbox(
            (MARGIN_X, body_bottom_first + 7, PAGE.width - MARGIN_X, BOTTOM + 14), notes, css=note_css
        )
    short = f"{a['authors'][0]}等：{a['title_zh']}"
    heads = _running_heads(doc, short, style)
    issue = dict(truth["issue"], journal_zh=JOURNAL, journal_en=JOURNAL_EN, volume=VOLUME, number=NUMBER)
    art = dict(
        a,
        section_zh=None,
        section_en=None,
        subtitle_zh=None,
        deck_zh=None,
        deck_en=None,
        authors=[a["authors"][0]] + [n.replace("　", "") for n, _, _ in COAUTHORS],
        byline=None,
        blocks=key_blocks,
        captions=list(FIGURE),
        tables=tables,
        summaries=[{"kind": "abstract", "text": abstract_en}],
    )
    key = save_fixture(doc, out, dict(truth, issue=issue), [art], heads[0], subset=True)
    key["furniture"] = heads
    out.with_suffix(".truth.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.unlink()
    return key


def main() -> None:
    ap = article_parser(__doc__)
    ap.add_argument(
        "--style",
        choices=("bracket", "dotted", "flush", "runin", "runin-plain", "runin-unspaced", "unitword"),
        default="bracket",
    )
    args = ap.parse_args()
    build(json.loads(args.truth.read_text(encoding="utf-8")), args.article, args.out, args.style)


if __name__ == "__main__":
    main()
