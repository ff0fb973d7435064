"""Three-line tables whose every cell wraps, with bilingual captions (journal_tables.py's paper,
headless Chromium): what a narrow journal column does to a table of names and sentences.

- 表 1: one column of two, three columns (a Chinese company name, its English name, its line
  of business) each too narrow for its text, so every cell of every row wraps onto two to four
  lines; the rows are set with no padding at all, so the gap between two rows is the gap between
  two lines of a cell, and nothing but the text (where a cell's last line stops short, a blank
  under a cell that ended) tells where a row ends. The English column is narrower than its longest
  words, which the browser breaks where the line is full, with no hyphen ("Technolo" / "gy").
  Its caption prints Chinese and English in one block (表 1 … on a line, Table 1 … under it).
- 表 2: the same kind of table with the Chinese caption and the English one set as two
  paragraphs; a short key column (地区), sentences ending in 。, amounts ending the last column.

Needs Debian's `chromium` and `fonts-noto-cjk`; the PDF it wrote is committed.

    python -m pipeline.sample.wrapped_tables --truth KEY.json --article a30 \
        --out tests/fixtures/wrapped/journal-wrapped.pdf
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pymupdf

from .browser import _render
from .fixture import article_parser, save_fixture
from .journal import HANGING_KEYWORDS_EN, _numbered, _paper
from .journal_tables import AFFIL, AUTHORS, CSS, JOURNAL

# the fixture's own invented companies and measures (not from the answer key)
T1_CAPTION = ("表 1　样本企业及其主营业务", "Table 1　Sample enterprises and their main business")
T1_HEAD = ["企业", "英文名称", "主营业务"]
T1 = [
    [
        "深圳市云帆智能科技有限公司",
        "Shenzhen Yunfan Intelligent Technology",
        "工业视觉检测设备与边缘计算平台研发",
    ],
    [
        "杭州数澜信息技术股份有限公司",
        "Hangzhou Shulan Information Technology",
        "制造业数据中台与供应链协同软件",
    ],
    ["苏州纳维机器人系统有限公司", "Suzhou Navi Robotics Systems", "协作机器人及其控制系统"],
    ["成都天府算力科技有限公司", "Chengdu Tianfu Computing Technology", "智能算力中心建设与运营服务"],
    ["武汉光谷芯联半导体有限公司", "Wuhan Guanggu Xinlian Semiconductor", "车规级功率芯片设计与封装测试"],
]
T1_WIDTHS = ("33%", "18%", "49%")
T2_CAPTION = ("表 2　各地区智能制造推进举措", "Table 2　Measures for intelligent manufacturing by region")
T2_HEAD = ["地区", "主要举措", "投资规模"]
T2 = [
    ["长三角地区", "建设跨省工业互联网标识解析节点，推动产业链协同。", "累计投资约 1250 亿元"],
    ["粤港澳大湾区", "发展智能终端与机器人产业集群，完善首台套保险补偿。", "累计投资约 980 亿元"],
    ["京津冀地区", "布局智能算力中心，开放城市级应用场景。", "累计投资约 760 亿元"],
    ["成渝地区", "推进汽车与电子信息产业数字化改造。", "累计投资约 430 亿元"],
]
T2_WIDTHS = ("17%", "55%", "28%")

WRAPPED_CSS = """
table.wrapped { width: 100%; table-layout: fixed; }
table.wrapped td, table.wrapped th { padding: 0 6pt 0 0; vertical-align: top; text-align: left;
                                     line-height: 1.3; }
table.wrapped td.en { font-family: 'Liberation Serif', serif; overflow-wrap: anywhere; hyphens: none; }
table.wrapped tr:first-child th { padding-top: 2pt; }
table.wrapped tr.last th { padding-bottom: 2pt; }
table.wrapped tr:nth-child(2) td { padding-top: 2pt; }
table.wrapped tr:last-child td { padding-bottom: 2pt; }
"""


def _table(caption: tuple[str, str], head: list[str], rows: list[list[str]], widths, one_block: bool) -> str:
    e = html.escape
    zh, en = caption
    cap = (
        f"<p class='tcap'>{e(zh)}<br>{e(en)}</p>"
        if one_block
        else f"<p class='tcap'>{e(zh)}</p><p class='tcap'>{e(en)}</p>"
    )
    cols = "".join(f"<col style='width: {w}'>" for w in widths)
    out = f"<div class='tab'>{cap}<table class='three wrapped'>{cols}<tr class='last'>"
    out += "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>"
    for r in rows:
        cells = [f"<td{' class=en' if c.isascii() else ''}>{e(c)}</td>" for c in r]
        out += "<tr>" + "".join(cells) + "</tr>"
    return out + "</table></div>"


def build(truth: dict, article_id: str, out: Path, n_body: int = 10) -> dict:
    chromium, a, body, refs, abstract_en = _paper(truth, article_id, n_body)
    authors_html = "，".join(f"{html.escape(n)}<sup>{m}</sup>" for n, _, m in AUTHORS)
    en_html = ", ".join(f"{html.escape(e)}<sup>{m}</sup>" for _, e, m in AUTHORS)
    inserts = {
        1: _table(T1_CAPTION, T1_HEAD, T1, T1_WIDTHS, one_block=True),
        5: _table(T2_CAPTION, T2_HEAD, T2, T2_WIDTHS, one_block=False),
    }
    parts, key_blocks = [], []
    for k, (tag, text) in enumerate(_numbered(body)):
        parts.append(f"<{tag}>{html.escape(text)}</{tag}>")
        key_blocks.append({"type": "heading" if tag != "p" else "paragraph", "text": text})
        parts.append(inserts.get(k, ""))
    parts.append("<p class='refhead'>参考文献：</p>")
    key_blocks.append({"type": "heading", "text": "参考文献："})
    for r in refs:
        parts.append(f"<p class='ref'>{html.escape(r['text'])}</p>")
        key_blocks.append({"type": "reference", "text": r["text"]})
    page = f"""<html lang='zh'><head><meta charset='utf-8'><style>{CSS}{WRAPPED_CSS}</style></head><body>
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
    doc: pymupdf.Document = _render(chromium, page)
    w, h = doc[0].rect.width, doc[0].rect.height
    for i, pg in enumerate(doc):
        pg.insert_text((w / 2 - 6, h - 30), f"·{i + 1}·", fontsize=8, fontname="china-s")
    issue = dict(truth["issue"], journal_zh=JOURNAL, journal_en=None, volume=9, number=3)
    art = dict(
        a,
        section_zh=None,
        section_en=None,
        subtitle_zh=None,
        authors=[n.replace("　", "") for n, _, _ in AUTHORS],
        byline=None,
        blocks=key_blocks,
        captions=[],  # each table's caption is its table's
        tables=[
            {"caption": zh, "caption_en": en, "header": head, "rows": rows}
            for (zh, en), head, rows in ((T1_CAPTION, T1_HEAD, T1), (T2_CAPTION, T2_HEAD, T2))
        ],
        summaries=[{"kind": "abstract", "text": abstract_en}],
    )
    doc.subset_fonts()
    return save_fixture(doc, out, dict(truth, issue=issue), [art], JOURNAL)


def main() -> None:
    ap = article_parser(__doc__)
    args = ap.parse_args()
    build(json.loads(args.truth.read_text(encoding="utf-8")), args.article, args.out)


if __name__ == "__main__":
    main()
