"""First pages of journals we have not seen (headless Chromium, journal.py's setup): the academic
front matter in other house styles, to check that the paper, its English title, its authors and
both abstracts are read in each.

- `single`: a one-column journal; the author line in large type with a letter-spaced two-character
  name (王　芳) and superscript marks; numbered affiliations each on a line of its own; 摘要 and
  关键词 as bold labels run in without a colon; the English title, authors, Abstract and Key words
  before the Chinese body, which runs in one column.
- `two`: the same with two authors in type nearly the title's size, the second 王　芳: the author
  line comes out of the text layer as two pieces cut at the em space, its left piece centred
  under the title on its own.

- `fields`: a two-column journal whose first page sets its labelled fields (中图分类号,
  文献标志码, 文章编号) in one row across the page, pushed apart with no space between them (each
  a piece of its own in the text layer, none as wide as a column), right above the columns; and
  its first-page footnote (收稿日期, 基金项目) in small type under the first column, running on
  past the column's edge into the gutter (a typesetter setting the footnote area wider than its
  column). The columns begin level with each other under the row.

- `masthead`: `fields` under the journal's masthead on its first page, over the title: the
  journal's name letter-spaced, its English name and web address, volume and ISSN, then the
  paper's citation line (引用格式：…, Chinese and English) in small type, more than two hundred
  characters above the title.

- `dateline`: `fields` under a masthead of three cells and no citation line, the title right under
  it: left the volume and number over the dateline (2026 年 3 月, in smaller type), centre the
  journal's name letter-spaced over its English name, right the same in English. The dateline is
  the masthead line nearest the title, less than two title sizes above it (a house that sets its
  masthead as text of the page, not as a running head repeated on every page).

- `apart`: `single` with its 摘要 letter-spaced on a line of its own, centred over the abstract,
  which is set in the body's type (物理学报's way: the label's text is the next block, though it
  reads as body text by its size); the numbered affiliations in the body's type too, the third
  naming no 大学, 学院 or 研究所 (中国人民银行 调查统计司).

- `bare`: `single` with its Chinese abstract printed without a label in the body's type (物理学报's
  way: the keywords' label under it tells it), PACS codes in the place of 中图分类号, and a first-page
  footnote whose mark stands before its label (* 通信作者. E-mail: …).

Needs Debian's `chromium` and `fonts-noto-cjk`; the PDF it wrote is committed.

    python -m pipeline.sample.journal_fronts --truth KEY.json --article a30 --variant single \\
        --out tests/fixtures/journal/journal-single.pdf
    python -m pipeline.sample.journal_fronts --truth KEY.json --article a30 --variant two \
        --out tests/fixtures/journal/journal-two.pdf
    python -m pipeline.sample.journal_fronts --truth KEY.json --article a30 --variant fields \
        --out tests/fixtures/journal/journal-fields.pdf
    python -m pipeline.sample.journal_fronts --truth KEY.json --article a30 --variant masthead \
        --out tests/fixtures/journal/journal-masthead.pdf
    python -m pipeline.sample.journal_fronts --truth KEY.json --article a30 --variant dateline \
        --out tests/fixtures/journal/journal-dateline.pdf
    python -m pipeline.sample.journal_fronts --truth KEY.json --article a30 --variant apart \
        --out tests/fixtures/journal/journal-apart.pdf
    python -m pipeline.sample.journal_fronts --truth KEY.json --article a30 --variant bare \
        --out tests/fixtures/journal/journal-bare.pdf
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path

from .browser import _render
from .fixture import article_parser, save_fixture
from .journal import HANGING_KEYWORDS_EN, _body_and_references, _paper

SINGLE_JOURNAL = "区域经济研究"
SINGLE_AUTHORS = [
    ("郑华林", "ZHENG Hualin", "1"),
    ("王　芳", "WANG Fang", "2"),
    ("欧阳明远", "OUYANG Mingyuan", "1"),
]
SINGLE_AFFILS = [
    "1. 国家统计局 国民经济核算司，北京 100826",
    "2. 华北财经大学 经济学院，北京 100872",
]
SINGLE_AFFILS_EN = [
    "1. Department of National Accounts, National Bureau of Statistics, Beijing 100826, China",
    "2. School of Economics, North China University of Finance, Beijing 100872, China",
]

# `two`: two authors, the second a letter-spaced two-character name, in type nearly the title's
TWO_AUTHORS = [("郑华林", "ZHENG Hualin", "1"), ("王　芳", "WANG Fang", "2")]
TWO_CSS = ".authors { font-size: 15pt; }"

SINGLE_CSS = """
@page { size: 185mm 260mm; margin: 20mm 18mm 20mm 18mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 10.5pt; color: #000; }
h1 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 18pt; font-weight: normal; text-align: center; margin: 10pt 0 10pt 0; }
.authors { font-family: 'Noto Serif CJK SC', serif; font-size: 14pt; text-align: center; margin: 0 0 6pt 0; }
.authors sup { font-size: 7pt; }
.affil { text-align: center; font-size: 8pt; margin: 0; line-height: 1.5; }
.front { font-size: 9pt; line-height: 1.5; text-align: justify; margin: 8pt 0 3pt 0; text-indent: 0; }
.front b { font-family: 'Noto Sans CJK SC', sans-serif; font-weight: bold; margin-right: 0.5em; }
.entitle { font-family: 'Liberation Serif', serif; font-weight: bold; font-size: 13pt; text-align: center; margin: 14pt 0 4pt 0; }
.enauthors { font-family: 'Liberation Serif', serif; text-align: center; font-size: 10pt; margin: 0 0 3pt 0; }
.enaffil { font-family: 'Liberation Serif', serif; text-align: center; font-size: 8pt; margin: 0; line-height: 1.4; }
.enfront { font-family: 'Liberation Serif', serif; font-size: 9pt; line-height: 1.4; text-align: justify; margin: 6pt 0 3pt 0; }
.body { margin-top: 14pt; text-align: justify; }
p { text-indent: 2em; margin: 0; line-height: 1.7; }
sup { font-size: 6.5pt; line-height: 0; }
h2 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 12pt; font-weight: normal; margin: 8pt 0 4pt 0; break-after: avoid; }
h3 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; font-weight: bold; margin: 6pt 0 3pt 0; break-after: avoid; }
.refhead { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; margin: 10pt 0 3pt 0; text-indent: 0; }
.ref { font-size: 8pt; line-height: 1.4; text-indent: -2em; padding-left: 2em; margin: 0 0 2pt 0; }
"""


# `apart`: 摘要 letter-spaced on a line of its own, centred over the abstract, which is set in the
# body's type (物理学报's way), as are the affiliations, the third naming none of the usual words
APART_CSS = """
.label { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; text-align: center; text-indent: 0;
         letter-spacing: 1em; margin: 10pt 0 4pt 0; }
.abs { font-size: 10.5pt; line-height: 1.7; text-align: justify; text-indent: 0; margin: 0 0 6pt 0; }
.affil { font-size: 10.5pt; }
"""
# `bare`: the abstract printed without a label (物理学报's way), PACS codes for the CLC's, and a
# footnote whose mark stands before its label
BARE_PACS = "PACS：89.65.Gh，89.20.Ff"
BARE_FOOTNOTE = "* 通信作者. E-mail: zhenghl@example.org"
BARE_CSS = (
    ".abs { font-size: 10.5pt; line-height: 1.7; text-align: justify; text-indent: 0; margin: 8pt 0 6pt 0; }"
)
APART_AFFILS = [
    "1. 国家统计局 国民经济核算司，北京 100826",
    "2. 华北财经大学 经济学院，北京 100872",
    "3. 中国人民银行 调查统计司，北京",
]


def build_single(
    truth: dict,
    article_id: str,
    out: Path,
    n_body: int = 8,
    authors=SINGLE_AUTHORS,
    css: str = "",
    label_apart: bool = False,
    bare: bool = False,
) -> dict:
    chromium, a, body, refs, abstract_en = _paper(truth, article_id, n_body)
    authors_html = "，".join(f"{html.escape(n)}<sup>{m}</sup>" for n, _, m in authors)
    en_html = ", ".join(f"{html.escape(e)}<sup>{m}</sup>" for _, e, m in authors)
    parts, key_blocks = _body_and_references(body, refs, -1, "", "参考文献")
    affil_lines = APART_AFFILS if label_apart else SINGLE_AFFILS
    affils = "".join(f"<p class='affil'>{html.escape(x)}</p>" for x in affil_lines)
    abstract_html = (
        f"<p class='label'>摘要</p><p class='abs'>{html.escape(a['abstract_zh'])}</p>"
        if label_apart
        else f"<p class='abs'>{html.escape(a['abstract_zh'])}</p>"
        if bare
        else f"<p class='front'><b>摘要</b>{html.escape(a['abstract_zh'])}</p>"
    )
    fields_html = (
        f"<p class='front'>{BARE_PACS}</p>"
        if bare
        else "<p class='front'><b>中图分类号</b>F062.9　　<b>文献标志码</b>A</p>"
    )
    affils_en = "".join(f"<p class='enaffil'>{html.escape(x)}</p>" for x in SINGLE_AFFILS_EN)
    page = f"""<html lang='zh'><head><meta charset='utf-8'><style>{SINGLE_CSS}{css}</style></head><body>
<h1>{html.escape(a["title_zh"])}</h1>
<p class='authors'>{authors_html}</p>{affils}
{abstract_html}
<p class='front'><b>关键词</b>{html.escape("；".join(a["keywords_zh"]))}</p>
{fields_html}
<p class='entitle'>{html.escape(a["title_en"])}</p>
<p class='enauthors'>{en_html}</p>{affils_en}
<p class='enfront'><b>Abstract:</b> {html.escape(abstract_en)}</p>
<p class='enfront'><b>Key words:</b> {html.escape("; ".join(HANGING_KEYWORDS_EN))}</p>
<div class='body'>{"".join(parts)}</div></body></html>"""
    doc = _render(chromium, page)
    w, h = doc[0].rect.width, doc[0].rect.height
    if bare:  # the first page's footnote, its mark before its label
        doc[0].insert_text((51, h - 48), BARE_FOOTNOTE, fontsize=8, fontname="china-s")
    for i, pg in enumerate(doc):
        pg.insert_text((w / 2 - 6, h - 28), f"·{i + 1}·", fontsize=8, fontname="china-s")
        if i:
            pg.insert_text((51, 36), f"{SINGLE_JOURNAL}　2026 年第 3 期", fontsize=8, fontname="china-s")
            pg.draw_line((51, 40), (w - 51, 40), width=0.5)
    issue = dict(truth["issue"], journal_zh=SINGLE_JOURNAL, journal_en=None, volume=5, number=3)
    art = dict(
        a,
        section_zh=None,
        section_en=None,
        subtitle_zh=None,
        authors=[n.replace("　", "") for n, _, _ in authors],
        byline=None,
        blocks=key_blocks,
        captions=[],
        tables=[],
        summaries=[{"kind": "abstract", "text": abstract_en}],
    )
    return save_fixture(doc, out, dict(truth, issue=issue), [art], SINGLE_JOURNAL, subset=True)


# `fields`: a two-column journal, its labelled fields in one row, its footnote past the column
FIELDS_JOURNAL = "工程技术学报"
FIELDS = [("中图分类号", "F062.9"), ("文献标志码", "A"), ("文章编号", "1002-7718(2026)03-0041-09")]
FIELDS_FOOTNOTES = [  # lines narrower than the text's width, two of them past the column's edge
    "收稿日期：2025-11-03；修回日期：2026-01-12",
    "基金项目：国家社会科学基金资助项目（24BJL001）；北京市自然科学基金",
    "资助项目（9252001）；中国科学院青年创新促进会（2025-118）",
]
FIELDS_CSS = """
@page { size: A4; margin: 22mm 20mm 24mm 20mm; }
@page :first { margin-bottom: 38mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 10.5pt; color: #000; }
h1 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 20pt; font-weight: normal; text-align: center; margin: 12pt 0 8pt 0; }
.authors { font-size: 14pt; text-align: center; margin: 0 0 4pt 0; }
.authors sup { font-size: 7pt; }
.affil { text-align: center; font-size: 8pt; margin: 0 0 8pt 0; }
.front { font-size: 9pt; line-height: 1.5; text-align: justify; margin: 0 0 3pt 0; text-indent: 0; }
.front b, .fields b { font-family: 'Noto Sans CJK SC', sans-serif; font-weight: normal; }
.fields { display: flex; justify-content: space-between; font-size: 9pt; margin: 2pt 0 0 0; }
.entitle { font-family: 'Liberation Serif', serif; font-weight: bold; font-size: 12pt; text-align: center; margin: 10pt 0 3pt 0; }
.enauthors { font-family: 'Liberation Serif', serif; text-align: center; font-size: 9pt; margin: 0 0 3pt 0; }
.enfront { font-family: 'Liberation Serif', serif; font-size: 9pt; line-height: 1.4; text-align: justify; margin: 0 0 3pt 0; text-indent: 0; }
.cols { column-count: 2; column-gap: 7mm; text-align: justify; margin-top: 12pt; }
p { text-indent: 2em; margin: 0; line-height: 1.65; }
sup { font-size: 6.5pt; line-height: 0; }
h2 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 12pt; font-weight: bold; margin: 6pt 0 3pt 0; break-after: avoid; }
h3 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; font-weight: normal; margin: 5pt 0 2pt 0; break-after: avoid; }
.refhead { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; margin: 10pt 0 3pt 0; text-indent: 0; }
.ref { font-size: 8pt; line-height: 1.4; text-indent: -2em; padding-left: 2em; margin: 0 0 2pt 0; }
"""


MASTHEAD_CSS = """
.mast { display: flex; justify-content: space-between; border-bottom: 0.6pt solid #000; padding-bottom: 2pt; }
.mast p { margin: 0; text-indent: 0; font-size: 8pt; line-height: 1.35; }
.mast .jname { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; letter-spacing: 0.6em; margin-bottom: 3pt; }
.mast .right { text-align: right; }
.cite { font-size: 7.5pt; line-height: 1.4; text-indent: 0; text-align: justify; margin: 6pt 0 0 0; font-style: italic; }
"""


def _masthead(a: dict) -> str:
    """The first page's masthead and the paper's citation line (Chinese and English)."""
    names = "，".join(n.replace("　", "") for n, _, _ in TWO_AUTHORS)
    names_en = ", ".join(e for _, e, _ in TWO_AUTHORS)
    cite = (
        f"{names}. {a['title_zh']}[J]. {FIELDS_JOURNAL}, 2026, 12(3): 41-49. {names_en}. {a['title_en']}[J]. "
        "Journal of Engineering and Technology, 2026, 12(3): 41-49 (in Chinese)."
    )
    return (
        "<div class='mast'><div><p class='jname'>" + html.escape(FIELDS_JOURNAL) + "</p>"
        "<p>Journal of Engineering and Technology　http://gcjs.example.cn</p></div>"
        "<div class='right'><p>2026 年 3 月　第 12 卷第 3 期</p><p>ISSN 1002-7718　CN 11-2233/T</p></div></div>"
        f"<p class='cite'><b>引用格式：</b>{html.escape(cite)}</p>"
    )


DATELINE_CSS = """
.mast { display: flex; justify-content: space-between; align-items: flex-end; }
.mast p { margin: 0; text-indent: 0; line-height: 1.3; }
.mast .big { font-size: 10pt; }
.mast .small { font-size: 7pt; }
.mast .jname { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; letter-spacing: 1.2em; text-align: center; }
.mast .centre { text-align: center; }
.mast .right { text-align: right; }
h1 { margin-top: 12pt; }
"""


def _dateline_masthead() -> str:
    """A masthead of three cells, the dateline under the volume and number at the left."""
    return (
        "<div class='mast'><div><p class='big'>第 12 卷第 3 期</p><p class='small'>2026 年 3 月</p></div>"
        f"<div class='centre'><p class='jname'>{html.escape(FIELDS_JOURNAL)}</p>"
        "<p class='small'>Journal of Engineering and Technology</p></div>"
        "<div class='right'><p class='big'>Vol. 12 No. 3</p><p class='small'>Mar. 2026</p></div></div>"
    )


def build_fields(
    truth: dict, article_id: str, out: Path, n_body: int = 10, masthead: bool = False, dateline: bool = False
) -> dict:
    chromium, a, body, refs, abstract_en = _paper(truth, article_id, n_body)
    authors_html = "，".join(f"{html.escape(n)}<sup>{m}</sup>" for n, _, m in TWO_AUTHORS)
    en_html = ", ".join(f"{html.escape(e)}<sup>{m}</sup>" for _, e, m in TWO_AUTHORS)
    parts, key_blocks = _body_and_references(body, refs, -1, "", "参考文献")
    fields = "".join(f"<span><b>{k}：</b>{html.escape(v)}</span>" for k, v in FIELDS)
    css = FIELDS_CSS + (MASTHEAD_CSS if masthead else "") + (DATELINE_CSS if dateline else "")
    mast = _masthead(a) if masthead else _dateline_masthead() if dateline else ""
    page = f"""<html lang='zh'><head><meta charset='utf-8'><style>{css}</style></head><body>
{mast}<h1>{html.escape(a["title_zh"])}</h1>
<p class='authors'>{authors_html}</p><p class='affil'>{html.escape(SINGLE_AFFILS[0])}；{html.escape(SINGLE_AFFILS[1])}</p>
<p class='front'><b>摘　要：</b>{html.escape(a["abstract_zh"])}</p>
<p class='front'><b>关键词：</b>{html.escape("；".join(a["keywords_zh"]))}</p>
<p class='entitle'>{html.escape(a["title_en"])}</p>
<p class='enauthors'>{en_html}</p>
<p class='enfront'><b>Abstract:</b> {html.escape(abstract_en)}</p>
<p class='enfront'><b>Key words:</b> {html.escape("; ".join(HANGING_KEYWORDS_EN))}</p>
<div class='fields'>{fields}</div>
<div class='cols'>{"".join(parts)}</div></body></html>"""
    doc = _render(chromium, page)
    w, h = doc[0].rect.width, doc[0].rect.height
    margin = 20 / 25.4 * 72
    # the first page's footnote area under the first column, set wider than the column: its lines
    # run on into the gutter and under the second column's first characters
    first = doc[0]
    top = h - 38 / 25.4 * 72 + 14
    first.draw_line((margin, top - 6), (margin + 80, top - 6), width=0.5)
    for k, note in enumerate(FIELDS_FOOTNOTES):
        first.insert_text((margin, top + 4 + 11 * k), note, fontsize=7.5, fontname="china-s")
    for i, pg in enumerate(doc):
        pg.insert_text((w / 2 - 6, h - 28), f"·{41 + i}·", fontsize=8, fontname="china-s")
    issue = dict(truth["issue"], journal_zh=FIELDS_JOURNAL, journal_en=None, volume=12, number=3)
    art = dict(
        a,
        section_zh=None,
        section_en=None,
        subtitle_zh=None,
        authors=[n.replace("　", "") for n, _, _ in TWO_AUTHORS],
        byline=None,
        blocks=key_blocks,
        captions=[],
        tables=[],
        summaries=[{"kind": "abstract", "text": abstract_en}],
    )
    return save_fixture(doc, out, dict(truth, issue=issue), [art], FIELDS_JOURNAL, subset=True)


def main() -> None:
    ap = article_parser(__doc__)
    ap.add_argument(
        "--variant",
        choices=["single", "two", "fields", "masthead", "dateline", "apart", "bare"],
        default="single",
    )
    args = ap.parse_args()
    make = {
        "single": build_single,
        "two": functools.partial(build_single, authors=TWO_AUTHORS, css=TWO_CSS),
        "fields": build_fields,
        "masthead": functools.partial(build_fields, masthead=True),
        "dateline": functools.partial(build_fields, dateline=True),
        "apart": functools.partial(build_single, css=APART_CSS, label_apart=True),
        "bare": functools.partial(build_single, css=BARE_CSS, bare=True),
    }[args.variant]
    make(json.loads(args.truth.read_text(encoding="utf-8")), args.article, args.out)


if __name__ == "__main__":
    main()
