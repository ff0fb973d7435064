"""A producer for the academic-article genre: one paper of the answer key set the way a Chinese
journal prints it, by headless Chromium, with what real journal PDFs carry and our magazine
samples do not: a masthead above the title (volume and issue, the journal's name letter-spaced),
authors with superscript affiliation marks and a letter-spaced two-character name (王　芳),
affiliations in brackets, 摘　要 letter-spaced, 中图分类号 and 文献标志码 on one line, a DOI,
the English title, authors, affiliations, Abstract and Key words, superscript citations
([1-2]) inside the body lines, first-page footnotes (收稿日期, 基金项目, 作者简介, 通信作者) under
a short rule, numbered section headings, a two-column reference list, author bios after it, and
running heads whose folio part changes from page to page ("·32·", "科技进展学报 2026，12（2）").
The journal, the co-authors and the front-matter values are this fixture's own inventions; the
title, abstracts, body and references come from the answer key. Needs Debian's `chromium` and
`fonts-noto-cjk`; the PDF it wrote is committed, so tests never need a browser.

    python -m pipeline.sample.journal --truth KEY.json --article a30 --out tests/fixtures/journal/journal-academic.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant hanging \
        --out tests/fixtures/journal/journal-hanging.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant hanging-notes \
        --out tests/fixtures/journal/journal-hanging-notes.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant plain \
        --out tests/fixtures/journal/journal-plain.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant plain-end \
        --out tests/fixtures/journal/journal-plain-end.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant midpage \
        --out tests/fixtures/journal/journal-midpage.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant numbered \
        --out tests/fixtures/journal/journal-numbered.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant english-last \
        --out tests/fixtures/journal/journal-english-last.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant english-bare \
        --out tests/fixtures/journal/journal-english-bare.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant plain-capblock \
        --out tests/fixtures/journal/journal-plain-capblock.pdf
    python -m pipeline.sample.journal --truth KEY.json --article a30 --variant diagram \
        --out tests/fixtures/journal/journal-diagram.pdf
"""

from __future__ import annotations

import functools
import html
import json
import shutil
from pathlib import Path

from .browser import _render
from .fixture import article_parser, save_fixture

JOURNAL = "科技进展学报"
JOURNAL_EN = "Journal of Science and Technology Progress"
FIRST_FOLIO = 31
# the fixture's own invented front matter (not from the answer key)
COAUTHORS = [("王　芳", "WANG Fang", "1,2"), ("李建国", "LI Jianguo", "2")]
AFFIL_ZH = "（1. 中国国际科技促进会，北京 100081；2. 华北财经大学 经济学院，北京 100872）"
AFFIL_EN = (
    "(1. China International Association for Promotion of Science and Technology, Beijing 100081, China; "
    "2. School of Economics, North China University of Finance, Beijing 100872, China)"
)
CLC, DOC_CODE, DOI = "F062.9", "A", "10.12345/j.issn.2096-0000.2026.02.003"
FOOTNOTES = [
    "收稿日期：2025−11−03；修回日期：2026−01−12",
    "基金项目：国家社会科学基金资助项目（No.24BJL001）；北京市自然科学基金资助项目（No.9252001）",
    "Foundation Items: The National Social Science Fund of China (No.24BJL001), Beijing Natural Science Foundation (No.9252001)",
    "作者简介：郑华林（1975−），男，高级工程师，主要研究方向为科技政策与产业经济。",
    "通信作者：王　芳，wangf@example.org",
]
BIOS = [
    "王芳（1988−），女，博士，华北财经大学副教授，主要研究方向为产业组织与数字经济。",
    "李建国（1969−），男，博士，华北财经大学教授、博士生导师，主要研究方向为宏观经济与经济增长。",
]
# where the citations go: (block index among the kept paragraphs, after which sentence end, mark)
CITES = ["[1-2]", "[3]", "[4,6]", "[5]"]

CSS = """
@page { size: A4; margin: 24mm 17mm 20mm 17mm; }
@page :first { margin-bottom: 52mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 10pt; color: #000; }
.mast { display: flex; justify-content: space-between; font-size: 8pt; border-bottom: 0.8pt solid #000;
        padding-bottom: 2pt; margin-bottom: 10pt; }
.mast .name { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 12pt; letter-spacing: 0.8em; }
.label { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; font-weight: bold; margin: 0 0 6pt 0; }
h1 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 17pt; text-align: center; margin: 4pt 0 8pt 0; }
.authors { text-align: center; font-family: 'Noto Serif CJK SC', serif; font-size: 11pt; margin: 0 0 3pt 0; }
.affil { text-align: center; font-size: 7.5pt; margin: 0 0 8pt 0; }
.front { font-size: 9pt; line-height: 1.45; text-align: justify; margin: 0 12mm 3pt 12mm; }
.front b { font-family: 'Noto Sans CJK SC', sans-serif; }
.entitle { font-family: 'Liberation Serif', serif; font-weight: bold; font-size: 14pt; text-align: center; margin: 10pt 0 5pt 0; }
.enauthors { font-family: 'Liberation Serif', serif; text-align: center; font-size: 10.5pt; margin: 0 0 2pt 0; }
.enaffil { font-family: 'Liberation Serif', serif; text-align: center; font-size: 7.5pt; margin: 0 10mm 6pt 10mm; }
.enfront { font-family: 'Liberation Serif', serif; font-size: 9pt; line-height: 1.35; text-align: justify; margin: 0 12mm 3pt 12mm; }
.cols { column-count: 2; column-gap: 7mm; text-align: justify; margin-top: 12pt; }
p { text-indent: 2em; margin: 0; line-height: 1.65; }
sup { font-size: 6.5pt; line-height: 0; }
h2 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 11pt; font-weight: normal; margin: 7pt 0 3pt 0; break-after: avoid; }
h3 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; font-weight: normal; margin: 5pt 0 2pt 0; break-after: avoid; }
.refhead { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; margin: 10pt 0 3pt 0; text-indent: 0; }
.ref { font-size: 7.8pt; line-height: 1.35; text-indent: -2em; padding-left: 2em; margin: 0 0 2pt 0; }
.bio { font-size: 8pt; line-height: 1.4; text-indent: 2em; margin: 6pt 0 0 0; }
"""


def _numbered(blocks: list[dict]) -> list[tuple[str, str]]:
    """The paper's headings numbered as journals do ("1 引言", "1.1 …"), paragraphs as they are."""
    out, major, minor = [], 0, 0
    for b in blocks:
        text = b["text"]
        if b["type"] == "heading":
            bare = text.split("、", 1)[-1] if "、" in text[:4] else text.lstrip("（(一二三四五六七八九十)） ")
            if text[:1] in "一二三四五六七八九十":
                major, minor = major + 1, 0
                out.append(("h2", f"{major} {bare}"))
            else:
                minor += 1
                out.append(("h3", f"{major}.{minor} {bare}"))
        else:
            out.append(("p", text))
    return out


def _cite(text: str, mark: str) -> tuple[str, str]:
    """(html with the mark as a superscript after the first sentence, the text as a reader reads it)."""
    at = text.find("。")
    if at < 0:
        return html.escape(text), text
    return (
        html.escape(text[:at]) + f"<sup>{mark}</sup>" + html.escape(text[at:]),
        text[:at] + mark + text[at:],
    )


def _paper(truth: dict, article_id: str, n_body: int) -> tuple[str, dict, list[dict], list[dict], str]:
    """(the chromium to print with, the key's article, its first n_body body blocks, its
    references, its English abstract)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("needs Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    a = next(x for x in truth["articles"] if x["id"] == article_id)
    body = [b for b in a["blocks"] if b["type"] in ("heading", "paragraph")][:n_body]
    refs = [b for b in a["blocks"] if b["type"] == "reference"]
    abstract_en = next(s["text"] for s in a["summaries"] if s["kind"] == "abstract")
    return chromium, a, body, refs, abstract_en


def _body_and_references(
    body: list[dict], refs: list[dict], figure_after: int, figure: str, ref_heading: str
) -> tuple[list[str], list[dict]]:
    """The paper's body with a figure after its block figure_after, then the reference list under
    its heading: (HTML parts, the key's blocks)."""
    key_blocks, parts = [], []
    for k, (tag, text) in enumerate(_numbered(body)):
        parts.append(f"<{tag}>{html.escape(text)}</{tag}>")
        key_blocks.append({"type": "heading" if tag != "p" else "paragraph", "text": text})
        if k == figure_after:
            parts.append(figure)
    parts.append(f"<p class='refhead'>{ref_heading}</p>")
    key_blocks.append({"type": "heading", "text": ref_heading})
    for r in refs:
        parts.append(f"<p class='ref'>{html.escape(r['text'])}</p>")
        key_blocks.append({"type": "reference", "text": r["text"]})
    return parts, key_blocks


def build(truth: dict, article_id: str, out: Path, n_body: int = 9) -> dict:
    chromium, a, body, refs, abstract_en = _paper(truth, article_id, n_body)
    first = a["authors"][0]
    names = [(first, a["title_en"] and "ZHENG Hualin", "1")] + COAUTHORS
    authors_html = "，".join(f"{html.escape(n)}<sup>{m}</sup>" for n, _, m in names)
    en_html = ", ".join(f"{html.escape(e)}<sup>{m}</sup>" for _, e, m in names)
    key_blocks, parts, cites = [], [], list(CITES)
    for tag, text in _numbered(body):
        if tag == "p" and cites:
            shown, read = _cite(text, cites.pop(0))
        else:
            shown, read = html.escape(text), text
        parts.append(f"<{tag}>{shown}</{tag}>")
        key_blocks.append({"type": "heading" if tag != "p" else "paragraph", "text": read})
    parts.append("<p class='refhead'>参考文献：</p>")
    key_blocks.append({"type": "heading", "text": "参考文献："})
    for r in refs:
        parts.append(f"<p class='ref'>{html.escape(r['text'])}</p>")
        key_blocks.append({"type": "reference", "text": r["text"]})
    parts += [f"<p class='bio'>{html.escape(b)}</p>" for b in BIOS]
    page = f"""<html lang='zh'><head><meta charset='utf-8'><style>{CSS}</style></head><body>
<div class='mast'><span>第 12 卷第 2 期<br>2026 年 2 月</span><span class='name'>{JOURNAL}</span>
<span>Vol.12 No.2<br>Feb. 2026</span></div>
<h1>{html.escape(a["title_zh"])}</h1>
<p class='authors'>{authors_html}</p><p class='affil'>{AFFIL_ZH}</p>
<p class='front'><b>摘　要：</b>{html.escape(a["abstract_zh"])}</p>
<p class='front'><b>关键词：</b>{html.escape("；".join(a["keywords_zh"]))}</p>
<p class='front'><b>中图分类号：</b>{CLC}　　　　<b>文献标志码：</b>{DOC_CODE}</p>
<p class='front'><b>DOI：</b>{DOI}</p>
<p class='entitle'>{html.escape(a["title_en"])}</p>
<p class='enauthors'>{en_html}</p><p class='enaffil'>{AFFIL_EN}</p>
<p class='enfront'><b>Abstract:</b> {html.escape(abstract_en)}</p>
<p class='enfront'><b>Key words:</b> {html.escape("; ".join(a.get("keywords_en") or ["artificial intelligence bubble", "traditional industries", "real economy"]))}</p>
<div class='cols'>{"".join(parts)}</div></body></html>"""
    doc = _render(chromium, page)
    first_page = doc[0]
    w, h = first_page.rect.width, first_page.rect.height
    # the first page's footnotes under a short rule, in the room its bigger bottom margin left
    first_page.draw_line((48, h - 142), (190, h - 142), width=0.5)
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in FOOTNOTES)
    first_page.insert_htmlbox(
        (48, h - 136, w - 48, h - 40),
        notes,
        css="p { font-size: 7.5pt; line-height: 1.3; margin: 0 0 1.5pt 0; font-family: serif; }",
    )  # set by MuPDF's own HTML engine: a second producer on the same page, as in real files
    short = f"{first}等：{a['title_zh']}"
    for i, pg in enumerate(doc):
        folio = FIRST_FOLIO + i
        if i == 0:
            pg.insert_text((w / 2 - 6, h - 24), f"·{folio}·", fontsize=8, fontname="china-s")
            continue
        if i % 2:  # even folios: the journal and its volume, the folio outside
            pg.insert_text((48, 40), f"·{folio}·", fontsize=8, fontname="china-s")
            pg.insert_text((w - 190, 40), f"{JOURNAL}　2026，12（2）", fontsize=8, fontname="china-s")
        else:
            pg.insert_text((48, 40), f"第 2 期　{short}", fontsize=8, fontname="china-s")
            pg.insert_text((w - 68, 40), f"·{folio}·", fontsize=8, fontname="china-s")
        pg.draw_line((48, 44), (w - 48, 44), width=0.5)
    issue = dict(truth["issue"], journal_zh=JOURNAL, journal_en=JOURNAL_EN, volume=12, number=2)
    art = dict(
        a,
        section_zh=None,
        section_en=None,
        subtitle_zh=None,
        authors=[first] + [n.replace("　", "") for n, _, _ in COAUTHORS],
        byline=None,
        blocks=key_blocks,
        captions=[],
        tables=[],
        summaries=[{"kind": "abstract", "text": abstract_en}],
    )
    return save_fixture(doc, out, dict(truth, issue=issue), [art], f"{JOURNAL}　2026，12（2）", subset=True)


# The variant `journal-hanging`: the same paper in another journal's house style, with the title
# area's causes that real first pages showed and journal-academic does not have.
HANGING_JOURNAL = "经济与技术评论"
HANGING_AUTHORS = [
    ("郑华林", "ZHENG Hualin", "1)"),
    ("欧阳明远", "OUYANG Mingyuan", "2),3)"),
    ("王芳", "WANG Fang", "1)"),
]
HANGING_KEYWORDS_EN = [
    "artificial intelligence bubble",
    "traditional industries",
    "real economy",
    "industrial structure",
    "economic efficiency",
]
# affiliations that name no university or institute (a bureau, a hospital), and an editorial note,
# both in small type between the authors and the abstract
HANGING_AFFIL = "（1. 国家统计局 国民经济核算司，北京 100826；2. 北京协和医院 信息中心，北京 100730；3. 首都经济研究会，北京 100037）"
HANGING_NOTE = "本文为特约稿件，英文摘要经作者审定，网络首发后内容不再变动"
# the English title carries a Chinese term in brackets: Latin script, with ideographs in it
HANGING_TERM = "（人工智能泡沫）"
HANGING_FIG = "图 1　全球科技巨头 AI 资本开支（亿美元）"
HANGING_FIG_EN = "Fig. 1　AI capital expenditure of global technology giants"
HANGING_TAB = "表 1　人工智能泡沫与互联网泡沫的比较"
HANGING_TAB_EN = "Table 1　The AI bubble and the dot-com bubble compared"
HANGING_TABLE = [
    ["指标", "互联网泡沫", "人工智能泡沫"],
    ["市销率峰值", "1.0", "1.8"],
    ["资本开支增速", "30%", "45%"],
]

# the first page's footnote area: a funding statement without a label first, then labelled ones
HANGING_FOOTNOTES = [
    "国家社会科学基金资助项目（No.24BJL001）",
    "收稿日期：2025−11−03",
    "作者简介：郑华林（1975−），男，高级工程师，主要研究方向为科技政策与产业经济。",
]

HANGING_CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
@page :first { margin-bottom: 36mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 10pt; color: #000; }
.run { font-size: 8pt; text-align: right; border-bottom: 0.5pt solid #000; margin-bottom: 14pt; }
.title { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 18pt; font-weight: normal;
         text-align: center; line-height: 1.5; margin: 0 0 2pt 0; }
.title sup { font-size: 14pt; line-height: 0; }
.affil { text-align: center; font-size: 7.5pt; margin: 6pt 0 0 0; }
.note { text-align: center; font-size: 7.5pt; margin: 1pt 0 8pt 0; }
.front { font-size: 9pt; line-height: 1.5; text-align: justify; margin: 0 8mm 3pt 8mm; }
.front b { font-family: 'Noto Sans CJK SC', sans-serif; font-weight: bold; }
.entitle { font-family: 'Liberation Serif', serif; font-weight: bold; font-size: 15pt; text-align: center; margin: 12pt 0 4pt 0; }
.enauthors { font-family: 'Liberation Serif', serif; text-align: center; font-size: 10pt; margin: 0 0 6pt 0; }
.grid { display: grid; grid-template-columns: 5.5em 1fr; column-gap: 0.8em; font-family: 'Liberation Serif', serif;
        font-size: 9pt; line-height: 1.4; margin: 0 8mm 3pt 8mm; text-align: justify; }
.grid b { font-weight: bold; }
.cols { column-count: 2; column-gap: 7mm; text-align: justify; margin-top: 12pt; }
p { text-indent: 2em; margin: 0; line-height: 1.65; }
sup { font-size: 6.5pt; line-height: 0; }
h2 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 11pt; font-weight: normal; margin: 7pt 0 3pt 0; break-after: avoid; }
h3 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; font-weight: normal; margin: 5pt 0 2pt 0; break-after: avoid; }
.wide { column-span: all; margin: 8pt 0 8pt 0; text-align: center; }
.cap { font-size: 8.5pt; text-indent: 0; text-align: center; line-height: 1.4; }
table { margin: 2pt auto; border-collapse: collapse; font-size: 8.5pt; }
td, th { border-top: 0.6pt solid #000; border-bottom: 0.6pt solid #000; padding: 2pt 8pt; }
.refhead { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; margin: 10pt 0 3pt 0; text-indent: 0; }
.ref { font-size: 7.8pt; line-height: 1.35; text-indent: -2em; padding-left: 2em; margin: 0 0 2pt 0; }
"""

# bars of the figure: drawn as vector paths (an inline SVG), no image object and no text in it
_BARS = [(2023, 32), (2024, 46), (2025, 61), (2026, 80)]


def _figure() -> str:
    bars = "".join(
        f"<rect x='{30 + 60 * i}' y='{100 - h}' width='34' height='{h}' fill='#555'/>"
        for i, (_, h) in enumerate(_BARS)
    )
    return (
        "<div class='wide'><svg width='280' height='110' xmlns='http://www.w3.org/2000/svg'>"
        f"<line x1='20' y1='100' x2='270' y2='100' stroke='#000'/>{bars}</svg>"
        f"<p class='cap'>{html.escape(HANGING_FIG)}</p><p class='cap'>{html.escape(HANGING_FIG_EN)}</p>"
        f"<p class='cap'>{html.escape(HANGING_TAB)}</p><p class='cap'>{html.escape(HANGING_TAB_EN)}</p>"
        + "<table>"
        + "".join(
            "<tr>" + "".join(f"<{t}>{html.escape(c)}</{t}>" for c in row) + "</tr>"
            for k, row in enumerate(HANGING_TABLE)
            for t in ["th" if k == 0 else "td"]
        )
        + "</table></div>"
    )


def build_hanging(
    truth: dict, article_id: str, out: Path, n_body: int = 9, footnotes: list[str] = HANGING_FOOTNOTES
) -> dict:
    """journal-hanging: the title area's causes seen on real first pages. The author line set in
    the title's type right under it (names of 2-4 characters, marks like 2),3), no commas); small
    affiliations naming a bureau and a hospital, and an editorial note, between the authors and the
    abstract; 摘要 and 关键词 run in one paragraph without colons (关键词 mid-line after the
    abstract's last sentence); an English title at title size with a Chinese term in it; Abstract
    and Key words in a label column of their own (a grid: label | text); captions of a vector
    figure (no image object) and of the next table set one under the other across both columns;
    under the first column, the first page's footnotes, a funding statement without a label first.
    footnotes: that footnote area's lines (journal-hanging-notes: Chinese, English and numbered
    ones, one a line, under a paragraph the first column's foot leaves open)."""
    chromium, a, body, refs, abstract_en = _paper(truth, article_id, n_body)
    title_en = a["title_en"].replace(":", f" {HANGING_TERM}:", 1)
    kw_en = HANGING_KEYWORDS_EN
    authors_html = "　".join(f"{html.escape(n)}<sup>{m}</sup>" for n, _, m in HANGING_AUTHORS)
    en_html = ", ".join(f"{html.escape(e)}<sup>{m.rstrip(')')}</sup>" for _, e, m in HANGING_AUTHORS)
    parts, key_blocks = _body_and_references(body, refs, 3, _figure(), "参考文献")
    page = f"""<html lang='zh'><head><meta charset='utf-8'><style>{HANGING_CSS}</style></head><body>
<div class='run'>{HANGING_JOURNAL}　2026 年第 4 卷第 1 期</div>
<div class='title'>{html.escape(a["title_zh"])}<br>{authors_html}</div>
<p class='affil'>{HANGING_AFFIL}</p><p class='note'>{HANGING_NOTE}</p>
<p class='front'><b>摘要</b> {html.escape(a["abstract_zh"])} <b>关键词</b> {html.escape("；".join(a["keywords_zh"]))}</p>
<p class='front'><b>中图分类号</b> F062.9 <b>文献标志码</b> A <b>DOI</b> 10.54321/j.jer.2026.01.004</p>
<p class='entitle'>{html.escape(title_en)}</p>
<p class='enauthors'>{en_html}</p>
<div class='grid'><b>Abstract</b><span>{html.escape(abstract_en)}</span>
<b>Key words</b><span>{html.escape("; ".join(kw_en))}</span></div>
<div class='cols'>{"".join(parts)}</div></body></html>"""
    doc = _render(chromium, page)
    first = doc[0]
    w, h = first.rect.width, first.rect.height
    first.draw_line((51, h - 96), (180, h - 96), width=0.5)
    first.insert_htmlbox(
        (51, h - 92, w / 2 - 10, h - 40),
        "".join(f"<p>{html.escape(n)}</p>" for n in footnotes),
        css="p { font-size: 7.5pt; line-height: 1.3; margin: 0 0 1pt 0; font-family: serif; }",
    )
    issue = dict(truth["issue"], journal_zh=HANGING_JOURNAL, journal_en=None, volume=4, number=1)
    art = dict(
        a,
        section_zh=None,
        section_en=None,
        subtitle_zh=None,
        title_en=title_en,
        authors=[n.replace("　", "") for n, _, _ in HANGING_AUTHORS],
        byline=None,
        blocks=key_blocks,
        # the table's own caption (表 1) is its table's; the figure's two and the table's English one
        # are captions
        captions=[HANGING_FIG, HANGING_FIG_EN],  # the table's English caption is the table's
        tables=[
            {
                "caption": HANGING_TAB,
                "caption_en": HANGING_TAB_EN,
                "header": HANGING_TABLE[0],
                "rows": HANGING_TABLE[1:],
            }
        ],
        summaries=[{"kind": "abstract", "text": abstract_en}],
    )
    return save_fixture(doc, out, dict(truth, issue=issue), [art], HANGING_JOURNAL, subset=True)


# journal-hanging-notes' footnote area, as a journal of another house prints it: the dates, the
# handling editor on a line of its own, its English, the authors' affiliations numbered in both
# scripts, each a line broken by hand
BILINGUAL_FOOTNOTES = [
    "收稿日期：2025−11−03　录用日期：2026−01−12",
    "本文责任编委　王芳",
    "Recommended by Associate Editor WANG Fang",
    "1. 国家统计局 国民经济核算司　北京 100826",
    "1. Department of National Accounts, National Bureau of Statistics, Beijing 100826",
]


# The variant `journal-plain`: a first page of front matter only (the body starts on page 2),
# in a third house style.
PLAIN_JOURNAL = "现代产业经济"
PLAIN_AUTHORS = [
    ("郑华林", "ZHENG Hualin", "1"),
    ("欧阳明远", "OUYANG Mingyuan", "2"),
    ("王芳", "WANG Fang", "1"),
]
PLAIN_AFFIL = "（1. 国家统计局 国民经济核算司，北京 100826；2. 北京协和医院 信息中心，北京 100730）"
PLAIN_RECEIVED = "收稿日期：2025−11−03；修回日期：2026−01−12"
# a funding statement without a label, under the labelled footnote: the footnote goes on
PLAIN_FUNDING = "本课题得到国家社会科学基金（No.24BJL001）和北京市自然科学基金（No.9252001）资助。"
PLAIN_FIG = (
    "图 1　2023—2026 年全球主要科技巨头在人工智能基础设施、云服务数据中心与算力布局上的资本开支"
    "及其同比增速（单位：亿美元，%）"
)
PLAIN_FIG_EN = (
    "Fig. 1　Capital expenditure of leading technology companies on AI infrastructure, "
    "cloud data centres and computing power, with its annual growth, 2023-2026"
)

PLAIN_CSS = """
@page { size: A4; margin: 22mm 20mm 24mm 20mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 10pt; color: #000; }
h1 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 20pt; font-weight: normal; text-align: center; margin: 18pt 0 8pt 0; }
.authors { font-family: 'Noto Serif CJK SC', serif; font-size: 15pt; text-align: center; margin: 0 0 6pt 0; }
.authors sup { font-size: 8pt; }
.affil { text-align: center; font-size: 7.5pt; margin: 0 0 10pt 0; }
.front { font-size: 9pt; line-height: 1.5; text-align: justify; margin: 0 6mm 3pt 6mm; }
.front b { font-family: 'Noto Sans CJK SC', sans-serif; }
.entitle { font-family: 'Liberation Serif', serif; font-size: 9pt; text-align: center; margin: 14pt 0 3pt 0; }
.entitle.end { font-size: 15pt; font-weight: bold; margin-top: 24pt; }
.cols.tail { break-before: auto; }
hr.cut { border: 0; border-top: 0.8pt solid #000; margin: 10pt 0 0 0; }
.enauthors { font-family: 'Liberation Serif', serif; text-align: center; font-size: 8.5pt; margin: 0 0 6pt 0; }
.enfront { font-family: 'Liberation Serif', serif; font-size: 9pt; line-height: 1.4; text-align: justify; margin: 0 6mm 3pt 6mm; }
.cols { column-count: 2; column-gap: 7mm; text-align: justify; break-before: page; }
.last { break-before: page; font-family: 'Liberation Sans', sans-serif; }
.last .t { font-size: 12pt; font-weight: bold; margin: 18pt 0 10pt 0; }
.last .n { font-size: 12pt; margin: 0 0 10pt 0; }
.last .n sup { font-size: 7pt; }
.last .a { font-size: 9pt; font-weight: bold; font-style: italic; margin: 0 0 6pt 0; }
.last .f { font-size: 9pt; line-height: 1.5; margin: 26pt 0 6pt 0; text-align: justify; }
.last .k { font-size: 9pt; margin: 0; }
.wide { column-span: all; margin: 8pt 0 8pt 0; text-align: center; }
.wide .en { font-family: 'Liberation Serif', serif; font-weight: bold; }
p { text-indent: 2em; margin: 0; line-height: 1.65; }
h2 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 11pt; font-weight: normal; margin: 7pt 0 3pt 0; break-after: avoid; }
h3 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; font-weight: normal; margin: 5pt 0 2pt 0; break-after: avoid; }
.fig { margin: 6pt 0; text-align: center; break-inside: avoid; }
.cap { font-size: 8pt; text-indent: 0; text-align: center; line-height: 1.35; }
.refhead { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; margin: 10pt 0 3pt 0; text-indent: 0; }
.ref { font-size: 7.8pt; line-height: 1.35; text-indent: -2em; padding-left: 2em; margin: 0 0 2pt 0; }
"""


# journal-plain-capblock: the figure's Chinese and English captions in one paragraph, the English
# one without a label of its own (no "Fig. 1"), as a bilingual magazine captions a photo
PLAIN_FIG_EN_BARE = PLAIN_FIG_EN.split("　", 1)[1]


def _column_figure(one_block: bool = False) -> str:
    """A chart inside one column, drawn with vector paths, its long captions under it (one_block:
    in one paragraph, the English one unlabelled, on a new line under the Chinese one)."""
    if one_block:
        caps = f"<p class='cap'>{html.escape(PLAIN_FIG)}<br>{html.escape(PLAIN_FIG_EN_BARE)}</p>"
    else:
        caps = f"<p class='cap'>{html.escape(PLAIN_FIG)}</p><p class='cap'>{html.escape(PLAIN_FIG_EN)}</p>"
    bars = "".join(
        f"<rect x='{20 + 40 * i}' y='{90 - h}' width='22' height='{h}' fill='#666'/>"
        for i, (_, h) in enumerate(_BARS)
    )
    return (
        f"<div class='fig'><svg width='190' height='96' xmlns='http://www.w3.org/2000/svg'>"
        f"<line x1='10' y1='90' x2='180' y2='90' stroke='#000'/><line x1='10' y1='10' x2='10' y2='90' stroke='#000'/>"
        f"{bars}</svg>{caps}</div>"
    )


# journal-midpage: the paper starts mid-page, under the end of the paper before it in the issue
# (its last paragraphs and the tail of its reference list, numbered on from [10]), as a single
# paper cut out of an issue's pages prints it
MIDPAGE_TAIL_FROM = "a15"


def _tail_of_previous(truth: dict, refs: list[dict]) -> tuple[str, list[dict]]:
    """(html, key blocks) of the previous paper's end: its last paragraphs, its list's last entries."""
    prev = next(x for x in truth["articles"] if x["id"] == MIDPAGE_TAIL_FROM)
    paras = [b["text"] for b in prev["blocks"] if b["type"] == "paragraph"][-1:]
    entries = [f"[{10 + k}] {r['text'].split('] ', 1)[-1]}" for k, r in enumerate(refs[-3:])]
    html_ = "".join(f"<p>{html.escape(t)}</p>" for t in paras)
    html_ += "".join(f"<p class='ref'>{html.escape(e)}</p>" for e in entries)
    blocks = [{"type": "paragraph", "text": t} for t in paras] + [
        {"type": "reference", "text": e} for e in entries
    ]
    return f"<div class='cols tail'>{html_}</div><hr class='cut'>", blocks


# journal-numbered: numbered paragraphs and numbered lists in one paper, and an appendix after the
# references. Body blocks of the answer key's article, by index: (tag, number, block); tag "np" is
# a numbered paragraph ("（1）" + a paragraph of several sentences: the key types it paragraph),
# "li" a list item as the key has it (short, one sentence each: list_item). "own" is this
# fixture's own text: a sentence that opens them, then NUMBERED_POINTS, short points numbered
# "(1)" as a paper numbers the points of its argument: a paper's points, paragraphs
# (pipeline/numbered_points.py).
NUMBERED_BODY = [
    ("h2", "1 引言", None),
    ("p", "", 1),
    ("p", "", 2),  # cut by a figure of two parts (NUMBERED_FIGURE_IN)
    ("h2", "2 人工智能泡沫的风险特征", None),
    ("np", "（1）", 5),
    ("np", "（2）", 6),
    ("np", "（3）", 7),
    ("np", "（4）", 17),  # one sentence, in a run of numbered paragraphs
    ("h2", "2.1 泡沫破裂的经济风险", None),
    ("li", "", 19),
    ("li", "", 20),
    ("li", "", 21),
    ("li", "", 22),
    ("p", "", 24),
    ("li", "", 27),
    ("li", "", 28),
    ("li", "", 29),
    ("p", "", 30),
    ("own", "", None),
]
NUMBERED_POINTS_INTRO = "本文的判断基于以下前提："
NUMBERED_POINTS = [
    "(1) 技术进步的速度不会骤然放缓；",
    "(2) 资本市场对盈利的要求趋于严格；",
    "(3) 监管框架在两年内基本成形。",
]
NUMBERED_APPENDIX = "附录A　数据来源与口径"
# a figure of two parts, each with its caption, and the figure's numbered caption under both, set
# inside the key's block NUMBERED_FIGURE_IN (cutting it after NUMBERED_FIGURE_AT characters, at a line end)
NUMBERED_FIGURE_IN, NUMBERED_FIGURE_AT = 2, 108
NUMBERED_PART_CAPTIONS = ["(a) 投资规模", "(b) 估值水平"]
NUMBERED_CAPTION = "图 1　人工智能泡沫的两个维度"
NUMBERED_APPENDIX_BODY = 25  # the key's paragraph set under it


def _parts_figure() -> str:
    """Two charts side by side (vector paths), a caption under each, and the figure's numbered
    caption a little further down under both, set as a block inside a paragraph's text."""
    cap = "font-size: 8pt; line-height: 1.35; text-indent: 0; display: block; text-align: center;"
    charts = ""
    for n, caption in enumerate(NUMBERED_PART_CAPTIONS):
        bars = "".join(
            f"<rect x='{12 + 22 * k}' y='{60 - h * (n + 1) // 2}' width='12' height='{h * (n + 1) // 2}' fill='#666'/>"
            for k, (_, h) in enumerate(_BARS[:3])
        )
        charts += (
            "<span style='display: inline-block; width: 45%; vertical-align: top;'>"
            "<svg width='90' height='64' xmlns='http://www.w3.org/2000/svg'>"
            f"<line x1='6' y1='60' x2='86' y2='60' stroke='#000'/>{bars}</svg>"
            f"<span style='{cap}'>{html.escape(caption)}</span></span>"
        )
    return (
        f"<span style='display: block; text-indent: 0; text-align: center; margin: 5pt 0;'>{charts}"
        f"<span style='{cap} margin-top: 6pt;'>{html.escape(NUMBERED_CAPTION)}</span></span>"
    )


def _numbered_body(a: dict, refs: list[dict]) -> tuple[list[str], list[dict]]:
    """journal-numbered's body, its reference list and the appendix after the list: (HTML parts,
    the key's blocks)."""
    parts, key_blocks = [], []
    for tag, number, i in NUMBERED_BODY:
        if tag == "own":  # a sentence that opens short numbered points
            for text in [NUMBERED_POINTS_INTRO, *NUMBERED_POINTS]:
                parts.append(f"<p>{html.escape(text)}</p>")
                key_blocks.append({"type": "paragraph", "text": text})
            continue
        text = number + a["blocks"][i]["text"] if i is not None else number
        kind = {"h2": "heading", "li": "list_item"}.get(tag, "paragraph")
        element = "p" if tag in ("np", "li") else tag
        shown = html.escape(text)
        if i == NUMBERED_FIGURE_IN:  # the figure cuts the paragraph mid-sentence
            cut = NUMBERED_FIGURE_AT
            shown = html.escape(text[:cut]) + _parts_figure() + html.escape(text[cut:])
        parts.append(f"<{element}>{shown}</{element}>")
        key_blocks.append({"type": kind, "text": text})
    parts.append("<p class='refhead'>参考文献：</p>")
    key_blocks.append({"type": "heading", "text": "参考文献："})
    for r in refs:
        parts.append(f"<p class='ref'>{html.escape(r['text'])}</p>")
        key_blocks.append({"type": "reference", "text": r["text"]})
    text = a["blocks"][NUMBERED_APPENDIX_BODY]["text"]
    parts += [f"<h2>{html.escape(NUMBERED_APPENDIX)}</h2>", f"<p>{html.escape(text)}</p>"]
    key_blocks += [{"type": "heading", "text": NUMBERED_APPENDIX}, {"type": "paragraph", "text": text}]
    return parts, key_blocks


# journal-diagram: a network diagram drawn with vector paths in one column (two servers, each a box
# of four GPU boxes, rails over them), its labels set side by side on one baseline so that a reader
# joins them into lines longer than a label ("GPU 0 GPU 1 GPU 2 GPU 3", "轨道0 轨道1 …")
DIAGRAM_CAPTION = "图 1　集群网络拓扑"


def _diagram_figure() -> str:
    parts = []
    for s_ in range(2):
        x0 = 8 + 108 * s_
        parts.append(f"<rect x='{x0}' y='40' width='100' height='50' fill='none' stroke='#000'/>")
        for g in range(4):
            gx = x0 + 4 + 24 * g
            parts.append(f"<rect x='{gx}' y='50' width='20' height='16' fill='#eee' stroke='#000'/>")
            parts.append(f"<text x='{gx + 1}' y='61' font-size='6'>GPU {g}</text>")
            parts.append(f"<line x1='{gx + 10}' y1='50' x2='{gx + 10}' y2='20' stroke='#000'/>")
        parts.append(f"<text x='{x0 + 34}' y='84' font-size='7'>Server {s_}</text>")
    for r in range(4):
        parts.append(f"<rect x='{20 + 50 * r}' y='6' width='34' height='12' fill='none' stroke='#000'/>")
        parts.append(f"<text x='{23 + 50 * r}' y='15' font-size='7'>轨道{r}</text>")
    return (
        "<div class='fig'><svg width='220' height='96' xmlns='http://www.w3.org/2000/svg' "
        f"font-family='Noto Sans CJK SC'>{''.join(parts)}</svg>"
        f"<p class='cap'>{html.escape(DIAGRAM_CAPTION)}</p></div>"
    )


# journal-english-last (航空学报's way): the English front matter on a page of its own after the
# appendix, in one column, left-aligned: a bold title a little bigger than the body, the names at
# the title's size with their marks, numbered affiliations in bold italic (the first one wraps),
# Abstract and Keywords, and the page's footnotes in English; a figure across both columns earlier,
# its English caption bold (a bold Latin line across the page, which is no English title)
LAST_AFFIL_EN = [
    "1. School of Economics and Management, North China University of Finance and Economics, "
    "Changping District, Beijing 102206, China",
    "2. Department of National Accounts, National Bureau of Statistics, Beijing 100826, China",
]
LAST_FOOTNOTES = [
    "Received: 2025-11-03; Revised: 2026-01-12; Accepted: 2026-02-20",
    "Foundation item: National Social Science Fund of China (24BJL001)",
    "*Corresponding author. E-mail: wangf@example.org",
]
LAST_FIG = "图 2　人工智能投资与实体经济增速"
LAST_FIG_EN = "Fig. 2　AI investment and the growth of the real economy"


def _wide_figure() -> str:
    """A chart across both columns (vector paths), its Chinese caption, then its English one bold."""
    bars = "".join(
        f"<rect x='{30 + 60 * i}' y='{80 - h * 3 // 4}' width='34' height='{h * 3 // 4}' fill='#555'/>"
        for i, (_, h) in enumerate(_BARS)
    )
    return (
        "<div class='wide'><svg width='280' height='86' xmlns='http://www.w3.org/2000/svg'>"
        f"<line x1='20' y1='80' x2='270' y2='80' stroke='#000'/>{bars}</svg>"
        f"<p class='cap'>{html.escape(LAST_FIG)}</p><p class='cap en'>{html.escape(LAST_FIG_EN)}</p></div>"
    )


def _english_last(a: dict, abstract_en: str, bare: bool = False) -> str:
    names = ", ".join(
        f"{html.escape(e)}<sup>{m}{',*' if k == 2 else ''}</sup>" for k, (_, e, m) in enumerate(PLAIN_AUTHORS)
    )
    affils = "".join(f"<p class='a'>{html.escape(t)}</p>" for t in LAST_AFFIL_EN)
    return f"""<div class='last'><p class='t'>{html.escape(a["title_en"])}</p><p class='n'>{names}</p>{affils}
<p class='f'>{"" if bare else "<b>Abstract:</b> "}{html.escape(abstract_en)}</p>
<p class='k'><b>Keywords:</b> {html.escape("; ".join(HANGING_KEYWORDS_EN))}</p></div>"""


def build_plain(
    truth: dict,
    article_id: str,
    out: Path,
    n_body: int = 9,
    english_at_end: bool = False,
    midpage: bool = False,
    numbered: bool = False,
    english_last: bool = False,
    bare_abstract: bool = False,
    caption_block: bool = False,
    diagram: bool = False,
) -> dict:
    """journal-plain: a first page of front matter only. The author line at title size as a line
    of its own, a remark after the names (通信作者); the English title in regular type smaller
    than the body; the first page's footnote (收稿日期) with a funding statement without a label
    under it, both before any body text; a chart in one column (vector paths) with a Chinese
    caption longer than most and its English version. english_at_end (journal-plain-end): the
    English title (bold, larger), authors, Abstract and Key words printed after the references, at
    the paper's end, as many Chinese journals do, instead of on the first page. numbered
    (journal-numbered): the body is NUMBERED_BODY, numbered paragraphs of several sentences
    ("（1）…。…。") and short numbered list items, and an appendix (a heading in the body's
    headings' type, then a paragraph) follows the reference list; a figure of two charts, a caption
    under each and the figure's numbered caption under both, cuts a paragraph. english_last
    (journal-english-last): journal-numbered's body with a figure across both columns (_wide_figure)
    and the English front matter on a page of its own after the appendix (_english_last), with its
    footnotes in English at the page's foot; bare_abstract (journal-english-bare) prints that page's
    abstract with no label, right over its labelled keywords (as a Typst template of
    北京理工大学学报's house style does). caption_block
    (journal-plain-capblock): the figure's captions in one paragraph, the English one unlabelled. diagram (journal-diagram): the chart is a network
    diagram whose labels read as lines longer than a label (_diagram_figure)."""
    chromium, a, body, refs, abstract_en = _paper(truth, article_id, n_body)
    numbered = numbered or english_last
    authors_html = "，".join(f"{html.escape(n)}<sup>{m}</sup>" for n, _, m in PLAIN_AUTHORS) + "（通信作者）"
    en_html = ", ".join(f"{html.escape(e)}<sup>{m}</sup>" for _, e, m in PLAIN_AUTHORS)
    if numbered:
        parts, key_blocks = _numbered_body(a, refs)
        if english_last:
            parts.insert(4, _wide_figure())
    else:
        figure = _diagram_figure() if diagram else _column_figure(caption_block)
        parts, key_blocks = _body_and_references(body, refs, 2, figure, "参考文献：")
    english = f"""<p class='entitle{" end" if english_at_end else ""}'>{html.escape(a["title_en"])}</p>
<p class='enauthors'>{en_html}</p>
<p class='enfront'><b>Abstract:</b> {html.escape(abstract_en)}</p>
<p class='enfront'><b>Key words:</b> {html.escape("; ".join(HANGING_KEYWORDS_EN))}</p>"""
    tail_html, tail_blocks = _tail_of_previous(truth, refs) if midpage else ("", [])
    page = f"""<html lang='zh'><head><meta charset='utf-8'><style>{PLAIN_CSS}</style></head><body>
{tail_html}<h1>{html.escape(a["title_zh"])}</h1>
<p class='authors'>{authors_html}</p><p class='affil'>{PLAIN_AFFIL}</p>
<p class='front'><b>摘　要：</b>{html.escape(a["abstract_zh"])}</p>
<p class='front'><b>关键词：</b>{html.escape("；".join(a["keywords_zh"]))}</p>
<p class='front'><b>中图分类号：</b>F062.9　　<b>文献标志码：</b>A</p>
{"" if english_at_end or english_last else english}
<div class='cols'>{"".join(parts)}</div>{english if english_at_end else ""}
{_english_last(a, abstract_en, bare_abstract) if english_last else ""}</body></html>"""
    doc = _render(chromium, page)
    first = doc[0]
    w, h = first.rect.width, first.rect.height
    first.draw_line((57, h - 96), (200, h - 96), width=0.5)
    css = "p { font-size: 7.5pt; line-height: 1.3; margin: 0; font-family: serif; }"
    # two boxes set apart: the labelled footnote, and the statement that goes on under it
    first.insert_htmlbox((57, h - 90, w - 57, h - 78), f"<p>{html.escape(PLAIN_RECEIVED)}</p>", css=css)
    first.insert_htmlbox((57, h - 72, w - 57, h - 58), f"<p>{html.escape(PLAIN_FUNDING)}</p>", css=css)
    if english_last:  # the last page's footnotes, in English, under a short rule
        last = doc[-1]
        last.draw_line((57, h - 110), (200, h - 110), width=0.5)
        notes = "".join(f"<p>{html.escape(n)}</p>" for n in LAST_FOOTNOTES)
        last.insert_htmlbox(
            (57, h - 104, w - 57, h - 50), notes, css=css.replace("margin: 0;", "margin: 0 0 2pt 0;")
        )
    for i, pg in enumerate(doc):
        pg.insert_text((w / 2 - 6, h - 30), f"·{i + 1}·", fontsize=8, fontname="china-s")
    issue = dict(truth["issue"], journal_zh=PLAIN_JOURNAL, journal_en=None, volume=7, number=3)
    art = dict(
        a,
        section_zh=None,
        section_en=None,
        subtitle_zh=None,
        authors=[n for n, _, _ in PLAIN_AUTHORS],
        byline=None,
        blocks=key_blocks,
        captions=(
            [*NUMBERED_PART_CAPTIONS, NUMBERED_CAPTION]
            if numbered
            else [DIAGRAM_CAPTION]
            if diagram
            else [PLAIN_FIG, PLAIN_FIG_EN_BARE if caption_block else PLAIN_FIG_EN]
        )
        + ([LAST_FIG, LAST_FIG_EN] if english_last else []),
        tables=[],
        summaries=[{"kind": "abstract", "text": abstract_en}],
    )
    arts = [art]
    if midpage:  # the previous paper's end: an untitled unit of its own, never this paper's text
        prev = next(x for x in truth["articles"] if x["id"] == MIDPAGE_TAIL_FROM)
        tail = dict(prev, id="tail", title_zh=None, title_en=None, subtitle_zh=None, authors=[], byline=None)
        tail.update(deck_zh=None, deck_en=None, abstract_zh=None, keywords_zh=[], summaries=[], captions=[])
        arts = [dict(tail, blocks=tail_blocks, tables=[], items=[]), art]
    return save_fixture(doc, out, dict(truth, issue=issue), arts, PLAIN_JOURNAL, subset=True)


def main() -> None:
    ap = article_parser(__doc__)
    ap.add_argument(
        "--variant",
        choices=[
            "academic",
            "hanging",
            "hanging-notes",
            "plain",
            "plain-end",
            "midpage",
            "numbered",
            "english-last",
            "english-bare",
            "plain-capblock",
            "diagram",
        ],
        default="academic",
    )
    args = ap.parse_args()
    make = {
        "academic": build,
        "hanging": build_hanging,
        "hanging-notes": functools.partial(build_hanging, footnotes=BILINGUAL_FOOTNOTES),
        "plain": build_plain,
        "plain-end": functools.partial(build_plain, english_at_end=True),
        "midpage": functools.partial(build_plain, midpage=True),
        "numbered": functools.partial(build_plain, numbered=True),
        "english-last": functools.partial(build_plain, english_last=True),
        "english-bare": functools.partial(build_plain, english_last=True, bare_abstract=True),
        "plain-capblock": functools.partial(build_plain, caption_block=True),
        "diagram": functools.partial(build_plain, diagram=True),
    }[args.variant]
    make(json.loads(args.truth.read_text(encoding="utf-8")), args.article, args.out)


if __name__ == "__main__":
    main()
