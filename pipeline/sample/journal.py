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

    python -m pipeline.sample.journal --truth KEY.json --article a30 --out tests/fixtures/journal-academic.pdf
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
from pathlib import Path

from .browser import _render
from .fixture import save_fixture

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


def build(truth: dict, article_id: str, out: Path, n_body: int = 9) -> dict:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("needs Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    a = next(x for x in truth["articles"] if x["id"] == article_id)
    body = [b for b in a["blocks"] if b["type"] in ("heading", "paragraph")][:n_body]
    refs = [b for b in a["blocks"] if b["type"] == "reference"]
    abstract_en = next(s["text"] for s in a["summaries"] if s["kind"] == "abstract")
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--truth", required=True, type=Path)
    ap.add_argument("--article", required=True)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    build(json.loads(args.truth.read_text(encoding="utf-8")), args.article, args.out)


if __name__ == "__main__":
    main()
