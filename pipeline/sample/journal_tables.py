"""Three-line tables as Chinese journals print them, in one paper (journal.py's setup, headless
Chromium, one table's rules drawn by MuPDF): top rule, header rule and bottom rule, no verticals,
the caption above, in one column of a two-column page or across both.

- 表 1: inside one column and taller than its header by far, rules as Chromium draws borders
  (filled rectangles, cell by cell) of two widths (1.5 pt top and bottom, 0.5 pt under the header),
  the other column's running text beside it; its variable names in an italic face whose font
  descriptor boxes the glyphs under their baseline (a Founder or TeX math font's way);
- 表 2: across both columns (over the body's two columns, under the front matter), a header of two rows with
  merged cells (a column head set over both header rows, year heads over two columns each, a
  short rule under each year head), a note under the bottom rule (注：…);
- 表 3: inside one column, set by Chromium without borders and ruled afterwards by MuPDF with
  stroked lines (0.75 / 0.35 / 0.75 pt), as TeX's drivers and Founder's typesetters draw them;
- 表 A1: an appendix form printed empty (a header between the top two rules, nothing under it yet: what a
  journal's template shows).

`--narrow`: a fifth table, 表 4, of two short columns set at 45 % of its column's width (its rules
about 0.18 of the page's width, narrower than a column of three), under body block 3.

`--six`: instead of the tables above, one table, 表 4, of six columns set in one column of the page,
cells padded 1.5 pt, the heads wrapped (a journal's panel of indicators by year): on the head row
two columns' text stand closer than a column gap, under it the gap is wide.

`--top`: instead of the tables above, one table, 表 4, across the page, its cells set from the top
of their row, the first and third columns wrapped onto two lines beside one-line cells (as
电信科学 sets its 表 3).

`--paired`: instead of the tables above, one table, 表 5, of two column pairs (产业门类 | 统计代码
twice) side by side in one column, three rules and a vertical rule between the pairs drawn cell by cell, no outer verticals
(as 航空学报's and 北航学报's templates set a short list), its heads wrapped onto two lines, under body
block 3, and right under it, as wide, 表 6 (three rules; the two tables' rules stack closer than
regions.RULE_STACK_GAP, 表 6's caption between them).

`--bilingual`: each caption in Chinese and, on the line under it, in English (表 1 … / Table 1 …),
the English line set tight on the table's top rule, its descenders reaching past the rule's top
(as a journal set in XeLaTeX or Word prints them). `--bare-english`: the same, the English line
printed without its label (表 1 … / Main variables and their definitions).

`--offset-box`: journal-tables with each page's MediaBox and CropBox moved off the origin
(OFFSET_BOX up and right, the content with them: the pages look the same), as CNKI's copies of a
journal's pages carry them ([8.5 8.5 603.6 816.2]).

`--label-apart`: journal-tables with each caption's label flush with its table's left edge and
its title centred over the table (as 通信学报 sets 表 2: the title far right of its label).

`--stacked`: 表 3 set right under 表 1 in the same column and ruled as it is (by the browser), its
caption between 表 1's bottom rule and its own top rule, closer than rules of one width stacked in one table stand apart (as Typst or
LaTeX float two tables one under the other).

Needs Debian's `chromium` and `fonts-noto-cjk`; the PDF it wrote is committed.

    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 \
        --out tests/fixtures/journal/journal-tables.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --bilingual \
        --out tests/fixtures/journal/journal-tables-bilingual.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --bare-english \
        --out tests/fixtures/journal/journal-tables-bare-english.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --narrow \
        --out tests/fixtures/journal/journal-tables-narrow.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --six \
        --out tests/fixtures/journal/journal-tables-six.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --top \
        --out tests/fixtures/journal/journal-tables-top.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --paired \
        --out tests/fixtures/journal/journal-tables-paired.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --wide-after 2 \
        --out tests/fixtures/journal/journal-tables-wide.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --offset-box \
        --out tests/fixtures/journal/journal-tables-offset.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --label-apart \
        --out tests/fixtures/journal/journal-tables-apart.pdf
    python -m pipeline.sample.journal_tables --truth KEY.json --article a30 --stacked \
        --out tests/fixtures/journal/journal-tables-stacked.pdf
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pymupdf

from .browser import _render
from .fixture import article_parser, save_fixture
from .journal import HANGING_KEYWORDS_EN, PLAIN_CSS, _numbered, _paper

JOURNAL = "产业经济评论"
AUTHORS = [("郑华林", "ZHENG Hualin", "1"), ("王芳", "WANG Fang", "2")]
AFFIL = "（1. 国家统计局 国民经济核算司，北京 100826；2. 华北财经大学 经济学院，北京 100872）"

T1_CAPTION = "表 1　主要变量及其定义"
T1 = [
    ["变量", "定义"],
    ["Y", "地区生产总值（亿元）"],
    ["K", "固定资本存量（亿元）"],
    ["L", "年末从业人员数（万人）"],
    ["AI", "人工智能企业注册数（家）"],
    ["RD", "研发经费支出占比（%）"],
    ["Open", "进出口总额占比（%）"],
    ["Fin", "金融机构贷款余额占比（%）"],
    ["Edu", "高校在校生人数（万人）"],
    ["Urban", "城镇人口占比（%）"],
]
T2_CAPTION = "表 2　人工智能投资与传统产业产出（2024—2025 年）"
T2_HEAD = ["行业", "2024 年", "2025 年"]
T2_SUBHEAD = ["投资/亿元", "增速/%", "投资/亿元", "增速/%"]
T2_ROWS = [
    ["制造业", "1250", "8.2", "1390", "11.2"],
    ["批发和零售业", "430", "3.1", "455", "5.8"],
    ["交通运输业", "380", "2.6", "402", "5.8"],
    ["金融业", "960", "12.4", "1180", "22.9"],
]
T2_NOTE = "注：增速按可比价格计算，投资为当年新增额。"
T3_CAPTION = "表 3　传统产业数字化转型指标"
T3 = [
    ["指标", "2023 年", "2025 年"],
    ["研发设计工具普及率/%", "79.6", "82.3"],
    ["关键工序数控化率/%", "62.2", "64.8"],
    ["工业云平台应用率/%", "55.1", "59.7"],
    ["智能制造示范工厂/家", "421", "730"],
    ["工业机器人密度/台", "392", "470"],
    ["数字化车间/个", "1230", "2050"],
]
T3_RULES = (0.75, 0.35, 0.75)  # stroke widths of the top, header and bottom rules
T4_CAPTION = "表 A1　企业调查登记表"
T4_HEAD = ["企业名称", "所属行业", "从业人数", "数字化投入"]
# `--narrow`: two short columns at 45 % of the column's width
T5_CAPTION = "表 4　模型参数取值"
T5 = [["参数", "取值"], ["α", "0.35"], ["β", "0.60"], ["δ", "0.05"], ["γ", "1.20"], ["θ", "0.85"]]
# `--six`: six columns in one column of the page, the heads wrapped, the cells as wide as they
# can be (a journal's panel of indicators by year)
T8_CAPTION = "表 4　2021—2025 年制造业数字化指标"
T8 = [
    ["年份", "研发投入/亿元", "专利授权/件", "数控化率/%", "上云率/%", "产值增速/%"],
    ["2021", "1285.6", "10452", "55.3", "41.7", "9.6"],
    ["2022", "1402.9", "11830", "58.1", "45.2", "7.4"],
    ["2023", "1533.4", "12967", "60.6", "49.8", "6.8"],
    ["2024", "1689.0", "14215", "62.9", "53.6", "7.1"],
    ["2025", "1842.7", "15608", "64.8", "57.9", "6.5"],
]
# `--top`: cells set from the top of their row, some wrapped onto two lines beside one-line cells
# (a list of techniques by field: 电信科学's 表 3)
T9_CAPTION = "表 4　各技术领域的主要技术途径"
T9 = [
    ["细分技术途径", "归属技术领域", "互联与通信途径", "传输效率途径"],
    ["网络拓扑设计", "网络架构", "Fat-Tree、Spine-Leaf、Dragonfly、Slimfly", "—"],
    ["组网形态", "网络架构", "单轨、轨道优化、双平面", "轨道优化"],
    ["GPU 互联方式", "网络架构", "PCIe 技术、NVLink、UALink", "—"],
    ["高性能网络交换机", "网络设备", "H3C、云尖、锐捷、中兴", "—"],
    ["拥塞控制", "通信协议", "—", "PFC、ECN、DCQCN、亲和性调度、集中控制器"],
]
# `--bilingual`: the English line under each caption
T6_CAPTION = "表 5　产业门类及其统计代码"
T6_HEAD = ["产业门类", "统计代码"]
T6_PAIRS = [
    ("农业", "A", "制造业", "C"),
    ("采矿业", "B", "建筑业", "E"),
    ("批发零售", "F", "金融业", "J"),
    ("交通运输", "G", "房地产业", "K"),
    ("住宿餐饮", "H", "教育", "P"),
    ("信息服务", "I", "卫生", "Q"),
]
# set right under 表 5, as wide, its caption between the two tables' rules
T7_CAPTION = "表 6　各门类企业数量"
T7 = [
    ["门类", "企业数/家", "占比/%"],
    ["制造业", "1250", "41.2"],
    ["金融业", "430", "14.2"],
    ["教育", "380", "12.5"],
]
CAPTIONS_EN = {
    T1_CAPTION: "Table 1　Main variables and their definitions",
    T2_CAPTION: "Table 2　AI investment and output of traditional industries (2024—2025)",
    T3_CAPTION: "Table 3　Indicators of the digital transformation of traditional industries",
    T4_CAPTION: "Table A1　Enterprise survey form",
}
BILINGUAL_CSS = """
.tcap.en { font-family: 'Liberation Serif', serif; line-height: 1.0; margin-bottom: -1.5pt; }
"""

# journal.py's page rules for its own variants (.wide: a figure across the page, its English
# caption bold; .last: English front matter on a last page) are not these tables'
_OWN = [ln for ln in PLAIN_CSS.splitlines() if ln.startswith((".wide", ".last"))]
CSS = (
    "\n".join(
        ln
        for ln in PLAIN_CSS.replace(
            ".cols { column-count: 2; column-gap: 7mm; text-align: justify; break-before: page; }", ""
        ).splitlines()
        if ln not in _OWN
    )
    + """
.cols { column-count: 2; column-gap: 7mm; text-align: justify; margin-top: 10pt; }
.tab { margin: 6pt 0; break-inside: avoid; text-align: center; }
.tab.wide { column-span: all; }
.tcap { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 8.5pt; text-indent: 0; text-align: center; line-height: 1.4; }
.tnote { font-size: 7.5pt; text-indent: 0; text-align: left; line-height: 1.4; margin: 2pt 0 0 0; }
table { border-collapse: collapse; font-size: 8pt; margin: 2pt auto 0 auto; }
td, th { padding: 1.5pt 7pt; font-weight: normal; line-height: 1.35; }
table.three { width: 100%; }
table.three tr:first-child th { border-top: 1.5pt solid #000; }
table.three tr.last th { border-bottom: 0.5pt solid #000; }
table.three tr:last-child td { border-bottom: 1.5pt solid #000; }
table.three th.sub div { border-bottom: 0.5pt solid #000; margin: 0 3pt; padding-bottom: 1.5pt; }
table.bare { width: 100%; }
table.three td.pair, table.three th.pair { border-left: 0.8pt solid #000; }
table.top td { vertical-align: top; }
table.top td:nth-child(1), table.top td:nth-child(2) { width: 4.2em; }
table.six td, table.six th { padding: 1pt 1.5pt; text-align: center; }
table.three i { font-family: 'Liberation Serif', serif; }
"""
)


def caption_en(text: str, bilingual: bool | str) -> str:
    """The English caption printed under the Chinese one: labelled (Table 1 …), or, with
    bilingual "bare", without its label (as some journals print it)."""
    en = CAPTIONS_EN[text]
    return en.split("　", 1)[1] if bilingual == "bare" else en


def _caption(text: str, bilingual: bool | str) -> str:
    zh = f"<p class='tcap'>{html.escape(text)}</p>"
    return zh + (f"<p class='tcap en'>{html.escape(caption_en(text, bilingual))}</p>" if bilingual else "")


def _row(cells: list[str], tag: str = "td", cls: str = "") -> str:
    attr = f" class='{cls}'" if cls else ""
    return f"<tr{attr}>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"


def _table1(bilingual: bool | str = False) -> str:
    return (
        f"<div class='tab'>{_caption(T1_CAPTION, bilingual)}<table class='three'>"
        + _row(T1[0], "th", "last")
        + "".join(f"<tr><td><i>{html.escape(v)}</i></td><td>{html.escape(d)}</td></tr>" for v, d in T1[1:])
        + "</table></div>"
    )


def _table2(bilingual: bool | str = False) -> str:
    y1, y2 = T2_HEAD[1:]
    head = (
        f"<tr><th rowspan='2' style='border-bottom: 0.5pt solid #000'>{html.escape(T2_HEAD[0])}</th>"
        f"<th colspan='2' class='sub'><div>{y1}</div></th><th colspan='2' class='sub'><div>{y2}</div></th></tr>"
    )
    return (
        f"<div class='tab wide'>{_caption(T2_CAPTION, bilingual)}"
        "<table class='three' style='width: 90%'>"
        + head
        + _row(T2_SUBHEAD, "th", "last")
        + "".join(_row(r) for r in T2_ROWS)
        + f"</table><p class='tnote'>{html.escape(T2_NOTE)}</p></div>"
    )


def _table3(bilingual: bool | str = False, ruled: bool = False) -> str:
    """ruled: the browser draws its rules (as 表 1's), else MuPDF does (_rule_table3)."""
    if ruled:
        head, rows = f"<table class='three'>{_row(T3[0], 'th', 'last')}", T3[1:]
    else:
        head, rows = "<table class='bare'>" + _row(T3[0], "th"), T3[1:]
    return (
        f"<div class='tab'>{_caption(T3_CAPTION, bilingual)}{head}"
        + "".join(map(_row, rows))
        + "</table></div>"
    )


def _table5() -> str:
    return (
        f"<div class='tab'><p class='tcap'>{html.escape(T5_CAPTION)}</p>"
        "<table class='three' style='width: 45%; text-align: center'>"
        + _row(T5[0], "th", "last")
        + "".join(_row(r) for r in T5[1:])
        + "</table></div>"
    )


def _table8() -> str:
    return (
        f"<div class='tab'><p class='tcap'>{html.escape(T8_CAPTION)}</p>"
        "<table class='three six'>"
        + _row(T8[0], "th", "last")
        + "".join(_row(r) for r in T8[1:])
        + "</table></div>"
    )


def _table9() -> str:
    return (
        f"<div class='tab wide'><p class='tcap'>{html.escape(T9_CAPTION)}</p>"
        "<table class='three top' style='width: 88%'>"
        + _row(T9[0], "th", "last")
        + "".join(_row(r) for r in T9[1:])
        + "</table></div>"
    )


def _table4(bilingual: bool | str = False) -> str:
    return (
        f"<div class='tab wide'>{_caption(T4_CAPTION, bilingual)}"
        "<table class='three' style='width: 80%'>"
        + _row(T4_HEAD, "th", "last")
        + "<tr>"
        + "".join("<td style='height: 40pt'></td>" for _ in T4_HEAD)
        + "</tr></table></div>"
    )


def _table6() -> str:
    """Two column pairs side by side, a vertical rule between them (each cell's left border: a
    piece per row), the heads wrapped onto two lines."""
    head = "".join(
        f"<th{' class=pair' if k == 2 else ''}>{h[:2]}<br>{h[2:]}</th>" for k, h in enumerate(T6_HEAD * 2)
    )
    rows = "".join(
        "<tr>"
        + "".join(f"<td{' class=pair' if k == 2 else ''}>{html.escape(c)}</td>" for k, c in enumerate(r))
        + "</tr>"
        for r in T6_PAIRS
    )
    return (
        f"<div class='tab'><p class='tcap'>{html.escape(T6_CAPTION)}</p>"
        f"<table class='three'><tr class='last'>{head}</tr>{rows}</table></div>"
        f"<div class='tab'><p class='tcap'>{html.escape(T7_CAPTION)}</p>"
        "<table class='three' style='text-align: center'>"
        + _row(T7[0], "th", "last")
        + "".join(_row(r) for r in T7[1:])
        + "</table></div>"
    )


def _rule_table3(doc: pymupdf.Document) -> None:
    """Draw table 3's three rules with MuPDF, as stroked lines, around the text Chromium set: the
    column's width, the header's top and bottom, the last row's bottom."""
    for page in doc:
        cap = page.search_for(T3_CAPTION.split("　")[1])
        head = [r for r in page.search_for(T3[0][0]) if cap and r.y0 > cap[0].y1]
        last = page.search_for(T3[-1][0])
        if not (head and last and cap):
            continue
        w = page.rect.width
        margin, gap = 20 / 25.4 * 72, 7 / 25.4 * 72
        col_w = (w - 2 * margin - gap) / 2
        x0 = margin if head[0].x0 < w / 2 else margin + col_w + gap
        x1 = x0 + col_w
        head_cells = [r for c in T3[0] for r in page.search_for(c) if abs(r.y0 - head[0].y0) < 2]
        top, mid = min(r.y0 for r in head_cells) - 2.5, max(r.y1 for r in head_cells) + 2
        bottom = last[0].y1 + 2.5
        for y, width in zip((top, mid, bottom), T3_RULES, strict=True):
            page.draw_line((x0, y), (x1, y), width=width)
        return
    raise SystemExit("table 3 not found on any page")


def _box_under_baseline(doc: pymupdf.Document) -> None:
    """The italic face's descriptor says its glyphs hang from the baseline down (Ascent 0, Descent
    -1000), as some Founder and TeX math fonts declare: a reader boxing glyphs by it puts table 1's
    italic variable names a full size under their line, over the next row."""
    seen: set[int] = set()
    for page in doc:
        for xref, _, kind, name, *_ in page.get_fonts():
            if "Italic" not in name or kind != "Type0" or xref in seen:
                continue
            seen.add(xref)
            desc = doc.xref_get_key(xref, "DescendantFonts")[1].strip("[] ").split()[0]
            fd = int(doc.xref_get_key(int(desc), "FontDescriptor")[1].split()[0])
            doc.xref_set_key(fd, "Ascent", "0")
            doc.xref_set_key(fd, "Descent", "-1000")
            doc.xref_set_key(fd, "FontBBox", "[0 -1000 1000 0]")
    if not seen:
        raise SystemExit("no italic face to declare off its baseline")


# `--offset-box`: the page box set off the origin by this much (pt), as CNKI's copies of a
# journal's pages carry it (MediaBox [8.5 8.5 603.6 816.2])
OFFSET_BOX = 8.50394


def _offset_boxes(doc: pymupdf.Document, d: float) -> None:
    """Each page's MediaBox moved d up and right of the origin, its content moved with it: the page
    looks the same, but a reader that measures from the box's corner as written and one that
    measures from the page as shown no longer agree on where anything stands."""
    for page in doc:
        page.clean_contents()  # one content stream, to be wrapped whole
        x0, y0, x1, y1 = (float(v) for v in doc.xref_get_key(page.xref, "MediaBox")[1].strip("[]").split())
        (xref,) = page.get_contents()
        doc.update_stream(xref, f"q 1 0 0 1 {d} {d} cm\n".encode() + doc.xref_stream(xref) + b"\nQ")
        box = f"[{x0 + d:g} {y0 + d:g} {x1 + d:g} {y1 + d:g}]"
        doc.xref_set_key(page.xref, "MediaBox", box)
        doc.xref_set_key(page.xref, "CropBox", box)


# `--label-apart`: each caption's label flush with the table's left edge, its title centred over
# the table (通信学报's way: 表 2 at the left, the title far right of it)
LABEL_APART_CSS = """
.tcap.apart { position: relative; }
.tcap.apart .lab { position: absolute; left: 0; top: 0; }
"""


def _labels_apart(page: str) -> str:
    """The page's table captions set label left, title centred (LABEL_APART_CSS)."""
    for cap in (T1_CAPTION, T2_CAPTION, T3_CAPTION, T4_CAPTION):
        label, title = cap.split("　", 1)
        page = page.replace(
            f"<p class='tcap'>{html.escape(cap)}</p>",
            f"<p class='tcap apart'><span class='lab'>{html.escape(label)}</span>{html.escape(title)}</p>",
        )
    return page.replace("</style>", LABEL_APART_CSS + "</style>", 1)


def build(
    truth: dict,
    article_id: str,
    out: Path,
    n_body: int = 12,
    wide_after: int | None = None,
    bilingual: bool | str = False,
    narrow: bool = False,
    six: bool = False,
    top: bool = False,
    stacked: bool = False,
    paired: bool = False,
    offset_box: bool = False,
    label_apart: bool = False,
) -> dict:
    """wide_after: the body block 表 2 follows (None: above the body's columns, under the front
    matter); mid-page, the browser balances the columns above it into a band of a few lines.
    bilingual: each caption in Chinese over English, the English line tight on the top rule.
    stacked: 表 3 right under 表 1, in the same column."""
    chromium, a, body, refs, abstract_en = _paper(truth, article_id, n_body)
    authors_html = "，".join(f"{html.escape(n)}<sup>{m}</sup>" for n, _, m in AUTHORS)
    en_html = ", ".join(f"{html.escape(e)}<sup>{m}</sup>" for _, e, m in AUTHORS)
    inserts = {1: _table1(bilingual), 6: _table3(bilingual), 9: _table4(bilingual)}
    if stacked:  # both ruled by the browser, so that their rules are of one width
        del inserts[6]
        inserts[1] += _table3(bilingual, ruled=True)
    if narrow:
        inserts[3] = _table5()
    if six:  # the six-column table alone: the others are journal-tables'
        inserts = {3: _table8()}
    if top:  # the table of cells set from the top alone
        inserts = {3: _table9()}
    if paired:  # the paired table alone: the others are journal-tables'
        inserts = {3: _table6()}
    if wide_after is not None:
        inserts[wide_after] = inserts.get(wide_after, "") + _table2(bilingual)
    parts, key_blocks = [_table2(bilingual) if wide_after is None and not (paired or six or top) else ""], []
    for k, (tag, text) in enumerate(_numbered(body)):
        parts.append(f"<{tag}>{html.escape(text)}</{tag}>")
        key_blocks.append({"type": "heading" if tag != "p" else "paragraph", "text": text})
        parts.append(inserts.get(k, ""))
    parts.append("<p class='refhead'>参考文献：</p>")
    key_blocks.append({"type": "heading", "text": "参考文献："})
    for r in refs:
        parts.append(f"<p class='ref'>{html.escape(r['text'])}</p>")
        key_blocks.append({"type": "reference", "text": r["text"]})
    css = CSS + (BILINGUAL_CSS if bilingual else "")
    page = f"""<html lang='zh'><head><meta charset='utf-8'><style>{css}</style></head><body>
<h1>{html.escape(a["title_zh"])}</h1>
<p class='authors'>{authors_html}</p><p class='affil'>{AFFIL}</p>
<p class='front'><b>摘　要：</b>{html.escape(a["abstract_zh"])}</p>
<p class='front'><b>关键词：</b>{html.escape("；".join(a["keywords_zh"]))}</p>
<p class='front'><b>中图分类号：</b>F062.9　　<b>文献标志码：</b>A</p>
<p class='entitle'>{html.escape(a["title_en"])}</p>
<p class='enauthors'>{en_html}</p>
<p class='enfront'><b>Abstract:</b> {html.escape(abstract_en)}</p>
<p class='enfront'><b>Key words:</b> {html.escape("; ".join(HANGING_KEYWORDS_EN))}</p>
<div class='cols'>{"".join(parts)}</div></body></html>"""
    if label_apart:
        page = _labels_apart(page)
    doc = _render(chromium, page)
    if not stacked and not paired and not six and not top:
        _rule_table3(doc)
    w, h = doc[0].rect.width, doc[0].rect.height
    for i, pg in enumerate(doc):
        pg.insert_text((w / 2 - 6, h - 30), f"·{i + 1}·", fontsize=8, fontname="china-s")
    issue = dict(truth["issue"], journal_zh=JOURNAL, journal_en=None, volume=9, number=2)
    merged = [T2_HEAD[0], T2_HEAD[1], T2_HEAD[1], T2_HEAD[2], T2_HEAD[2]]  # merged cells repeated

    def en(caption: str) -> dict:  # a table's English caption, when printed
        return {"caption_en": caption_en(caption, bilingual)} if bilingual else {}

    art = dict(
        a,
        section_zh=None,
        section_en=None,
        subtitle_zh=None,
        authors=[n.replace("　", "") for n, _, _ in AUTHORS],
        byline=None,
        blocks=key_blocks,
        captions=[],  # each table's captions are its table's (the English one: caption_en)
        tables=[
            {"caption": T6_CAPTION, "header": T6_HEAD * 2, "rows": [list(r) for r in T6_PAIRS]},
            {"caption": T7_CAPTION, "header": T7[0], "rows": T7[1:]},
        ]
        if paired
        else [{"caption": T8_CAPTION, "header": T8[0], "rows": T8[1:]}]
        if six
        else [{"caption": T9_CAPTION, "header": T9[0], "rows": T9[1:]}]
        if top
        else [
            {"caption": T1_CAPTION, **en(T1_CAPTION), "header": T1[0], "rows": T1[1:]},
            {
                "caption": T2_CAPTION,
                **en(T2_CAPTION),
                "header": merged,
                "rows": [[T2_HEAD[0], *T2_SUBHEAD], *T2_ROWS],
            },
            {"caption": T3_CAPTION, **en(T3_CAPTION), "header": T3[0], "rows": T3[1:]},
            {"caption": T4_CAPTION, **en(T4_CAPTION), "header": T4_HEAD, "rows": []},
        ]
        + ([{"caption": T5_CAPTION, "header": T5[0], "rows": T5[1:]}] if narrow else []),
        summaries=[{"kind": "abstract", "text": abstract_en}],
    )
    doc.subset_fonts()
    if not paired and not six and not top:
        _box_under_baseline(doc)
    if offset_box:
        _offset_boxes(doc, OFFSET_BOX)
    return save_fixture(doc, out, dict(truth, issue=issue), [art], JOURNAL)


def main() -> None:
    ap = article_parser(__doc__)
    ap.add_argument("--wide-after", type=int, default=None, help="set 表 2 after this body block")
    ap.add_argument("--bilingual", action="store_true", help="captions in Chinese over English")
    ap.add_argument("--bare-english", action="store_true", help="--bilingual, the English without its label")
    ap.add_argument("--top", action="store_true", help="a table of cells set from the top, some wrapped")
    ap.add_argument("--six", action="store_true", help="a fifth table of six columns in one column")
    ap.add_argument("--narrow", action="store_true", help="a fifth table of two short columns, narrow")
    ap.add_argument("--stacked", action="store_true", help="表 3 right under 表 1 in one column")
    ap.add_argument("--offset-box", action="store_true", help="page boxes set off the origin (CNKI)")
    ap.add_argument("--label-apart", action="store_true", help="caption labels left, titles centred")
    ap.add_argument("--paired", action="store_true", help="one table of two column pairs, a vertical between")
    args = ap.parse_args()
    build(
        json.loads(args.truth.read_text(encoding="utf-8")),
        args.article,
        args.out,
        wide_after=args.wide_after,
        bilingual="bare" if args.bare_english else args.bilingual,
        narrow=args.narrow,
        six=args.six,
        top=args.top,
        stacked=args.stacked,
        paired=args.paired,
        offset_box=args.offset_box,
        label_apart=args.label_apart,
    )


if __name__ == "__main__":
    main()
