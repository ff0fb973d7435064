"""A third producer for test fixtures: articles of an answer key printed to PDF by headless
Chromium (Skia) from HTML with CSS columns, Noto CJK fonts, photos with captions and shaded
summary boxes, the way a web-to-print workflow makes them. Needs Debian's `chromium` and
`fonts-noto-cjk`; the PDF it wrote is committed, so tests never need a browser.

    python -m pipeline.sample.browser --truth KEY.json --articles a09,a17,a26 --out tests/fixtures/browser-columns.pdf

One column of text wrapping around photos held well clear of it (--wrap):

    python -m pipeline.sample.browser --truth KEY.json --articles a09,a25 --columns 1 --wrap \
        --out tests/fixtures/browser-wrap.pdf

A cover, then the contents set as a ruled table (--contents-table): a shaded header row of column
labels (页码 | 栏目 | 标题) over rows of folio, section and title, the subtitle run in after the title
(title——subtitle) and the English title under it in the same cell; each article's English title
printed over its Chinese one; the first article opens on the contents page, under the table:

    python -m pipeline.sample.browser --truth KEY.json --articles a09,a21,a27 --contents-table \
        --out tests/fixtures/browser-contents-table.pdf

Three-line tables squeezed into one column of three (--squeezed-tables):

    python -m pipeline.sample.browser --truth KEY.json --articles a22 --columns 3 --squeezed-tables \
        --out tests/fixtures/squeezed/browser-squeezed.pdf
"""

from __future__ import annotations

import base64
import html
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pymupdf

from .fixture import abstract_lines, first_column_spans, producer_parser, save_fixture
from .story import HEADINGS

CSS = """
@page { size: A4; margin: 22mm 16mm 20mm 16mm; }
body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 10pt; color: #111; }
.article { break-before: page; }
.article.runon { break-before: auto; margin-top: 18pt; }
.label { font-family: 'Noto Sans CJK SC', sans-serif; color: #b00; font-size: 8.5pt; }
h1 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 21pt; margin: 4pt 0 2pt 0; }
.sub { font-size: 13pt; margin: 0 0 4pt 0; }
.en { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 11pt; font-style: italic; margin: 0 0 4pt 0; }
.by { font-size: 9pt; margin: 0 0 6pt 0; }
.deck { font-size: 11.5pt; color: #234; margin: 0 0 10pt 0; line-height: 1.5; }
p.abs { font-size: 9pt; text-indent: 0; margin: 0 0 5pt 0; text-align: justify; }
.cols { column-count: var(--cols); column-gap: 6mm; text-align: justify; }
.en-box p, .en-text { hyphens: auto; }
.hang { text-indent: -2em; padding-left: 2em; }
.small { font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 6pt 0; break-inside: avoid; }
td, th { border: 0.6pt solid #555; padding: 2pt 3pt; text-indent: 0; }
th { background: #e6e6e6; }
.item-en { font-family: 'Liberation Serif', serif; font-size: 9.5pt; font-weight: bold; margin: 0 0 3pt 0; }
.en-text { font-family: 'Liberation Serif', serif; font-size: 8.8pt; font-style: italic; text-indent: 0; margin: 3pt 0 6pt 0; }
p { text-indent: 2em; margin: 0; line-height: 1.6; }
h2 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 11pt; color: #a00; margin: 8pt 0 3pt 0; break-after: avoid; }
.box { background: #eef2f8; padding: 5pt 6pt; margin: 6pt 0; box-decoration-break: clone; }
.box p { text-indent: 0; font-size: 9pt; }
.en-box p { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 8.5pt; line-height: 1.35; }
.en-box .head { font-weight: bold; font-size: 10pt; }
figure { margin: 6pt 0; break-inside: avoid; }
figure img { width: 100%; height: 105pt; display: block; }
figcaption { font-size: 7.8pt; color: #555; margin-top: 2pt; }
"""
# --tricky: photos floated into the text (the lines beside them wrap) and drop caps
TRICKY_CSS = """
figure { float: right; width: 48%; margin: 2pt 0 4pt 6pt; }
figure img { height: 80pt; }
.cols > p.first::first-letter { float: left; font-size: 31pt; line-height: 1; margin: 1pt 3pt 0 0; }
.cols > p.first { text-indent: 0; }
"""

# --wrap: photos floated into one column of text and held well clear of it (a stand-off of ten
# ems beside the photo, and one under it: the lines right under the photo still stop short)
WRAP_CSS = """
figure { float: right; width: 26%; margin: 2pt 0 16pt 100pt; }
figure img { height: 86pt; }
"""

# --squeezed-tables: three-line tables squeezed into one column of three (a rule over and under,
# one under the header, no cell rules), the text flush with the rules' left end, so narrow that
# every cell of a row wraps and numbers break inside ("2025—202" / "8年")
SQUEEZED_CSS = """
table { width: 150pt; font-size: 8pt; border-top: 1pt solid #000; border-bottom: 1pt solid #000; }
td, th { border: none; padding: 2.5pt 6pt 2.5pt 0; vertical-align: top; text-align: left;
         word-break: break-all; line-height: 1.25; }
th { background: none; border-bottom: 0.5pt solid #000; }
"""


def _photo_uri() -> str:
    """A small gradient 'photo' as a data URI (no file from outside)."""
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 64, 40), 0)
    for y in range(40):
        for x in range(64):
            pix.set_pixel(x, y, (60 + 2 * x, 110 + y, 170 - y))
    return "data:image/png;base64," + base64.b64encode(pix.tobytes("png")).decode()


def article_html(
    a: dict,
    runon: bool,
    photo: str,
    headings: dict[str, str] = HEADINGS,
    table_spans: bool = True,
    en_over: bool = False,
    first: bool = False,
) -> str:
    """en_over: the English title printed over the Chinese one; first: the article opens on the
    page before it (under the contents), not on a page of its own."""
    e = html.escape
    out = f"<div class='article{' runon' if runon else ''}{' first' if first else ''}'>"
    out += f"<div class='label'>{e(a['section_zh'])} {e(a['section_en'])}</div>"
    if en_over:
        out += f"<div class='en over'>{e(a['title_en'] or '')}</div>"
    out += f"<h1>{e(a['title_zh'])}</h1>"
    if a.get("subtitle_zh"):
        out += f"<div class='sub'>——{e(a['subtitle_zh'])}</div>"
    if not en_over:
        out += f"<div class='en'>{e(a['title_en'] or '')}</div>"
    out += f"<div class='by'>{e(a['byline'] or '')}</div>"
    if a.get("deck_zh"):
        out += f"<div class='deck'>{e(a['deck_zh'])}</div>"
    out += "".join(f"<p class='abs'><b>{label}</b>{e(text)}</p>" for label, text in abstract_lines(a))
    out += "<div class='cols'>"
    captions = list(a["captions"])
    for it in a["items"]:
        out += f"<h2>{e(it['title_zh'])}</h2>"
        if it.get("title_en"):
            out += f"<p class='item-en' lang='en'>{e(it['title_en'])}</p>"
        out += "".join(f"<p>{e(b['text'])}</p>" for b in it["blocks"])
        if it.get("text_en"):
            out += f"<p class='en-text' lang='en'>{e(it['text_en'])}</p>"
    tables = list(a["tables"])
    for i, b in enumerate(a["blocks"]):
        text = e(b["text"])
        if tables and b["type"] == "paragraph" and b["text"].rstrip().endswith(("：", ":")):
            out += f"<p>{text}</p>" + _table_html(tables.pop(0), table_spans)
            continue
        if b["type"] in ("list_item", "reference"):
            out += f"<p class='hang{' small' if b['type'] == 'reference' else ''}'>{text}</p>"
        elif b["type"] == "note":
            out += f"<p class='small'>{text}</p>"
        elif b["type"] == "heading":
            out += f"<h2>{text}</h2>"
        elif b["type"] == "bio":
            out += f"<div class='box'><p>{text}</p></div>"
        elif b["type"] == "afterword":
            out += f"<div class='box'><p><b>编后：{e(b.get('title') or '')}</b></p><p>{text}</p></div>"
        else:
            out += f"<p{' class=first' if i == 0 else ''}>{text}</p>"
        if i == 1:
            for s in a["summaries"]:
                out += f"<div class='box en-box' lang='en'><p class='head'>{headings[s['kind']]}</p>"
                out += f"<p>{e(s['text'])}</p></div>"
        if captions and i % 4 == 3:
            out += f"<figure><img src='{photo}'><figcaption>{e(captions.pop(0))}</figcaption></figure>"
    for c in captions:
        out += f"<figure><img src='{photo}'><figcaption>{e(c)}</figcaption></figure>"
    return out + "</div></div>"


def _table_html(t: dict, spans: bool = True) -> str:
    """A ruled grid; equal consecutive values in the first column become one merged cell (unless
    spans is False: every row prints its own)."""
    e = html.escape
    out = "<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in t["header"]) + "</tr>"
    row_spans = first_column_spans(t["rows"]) if spans else [1] * len(t["rows"])
    for cells, span in zip(t["rows"], row_spans, strict=True):
        first = f"<td rowspan='{span}'>{e(cells[0])}</td>" if span else ""
        out += "<tr>" + first + "".join(f"<td>{e(c)}</td>" for c in cells[1:]) + "</tr>"
    out += "</table>"
    return out + "".join(f"<p class='small'>{e(n)}</p>" for n in t.get("notes") or [])


FRONT_CSS = """
.cover { height: 180mm; break-after: page; font-family: 'Noto Sans CJK SC', sans-serif; }
.cover .name { font-size: 44pt; font-weight: bold; color: #a00; margin-top: 40mm; }
.cover .en { font-size: 13pt; margin: 6pt 0 30pt 0; }
.cover .line { font-size: 11pt; }
.contents { break-after: page; }
.contents h1 { font-size: 26pt; }
.contents .sec { font-family: 'Noto Sans CJK SC', sans-serif; color: #b00; font-size: 9pt; margin-top: 12pt; }
.contents .entry { display: flex; justify-content: space-between; font-size: 10.5pt; margin-top: 4pt; }
.contents .entry-en { font-family: 'Liberation Serif', serif; font-style: italic; font-size: 8.5pt; color: #444; }
"""


CONTENTS_TABLE_CSS = """
.contents { break-after: auto; }
.contents table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin-bottom: 14pt; }
.contents th { background: #ddd; font-family: 'Noto Sans CJK SC', sans-serif; font-weight: bold; text-align: left;
  border: 0.6pt solid #666; padding: 3pt 5pt; }
.contents th:first-child { width: 30pt; } .contents th:nth-child(2) { width: 62pt; }
.contents td { border: 0.6pt solid #666; padding: 3pt 5pt; vertical-align: top; }
.contents td .en { font-family: 'Liberation Serif', serif; font-style: italic; font-size: 8pt; color: #444; margin: 1pt 0 0 0; }
.article.first { break-before: auto; }
.en.over { font-family: 'Liberation Sans', sans-serif; font-style: normal; font-size: 10pt; margin: 0 0 2pt 0; }
"""


def contents_table_html(truth: dict, arts: list[dict], pages: dict[str, int]) -> str:
    """A cover and a contents page set as a ruled table with a header row of column labels."""
    e, issue = html.escape, truth["issue"]
    out = (
        f"<div class='cover'><div class='name'>{e(issue['journal_zh'])}</div><div class='en'>"
        f"{e(issue['journal_en'].upper())}</div><div class='line'>{issue['year']}年第{issue['volume']}卷"
        f"第{issue['number']}期 总第{issue['total_number']}期</div></div>"
        "<div class='contents'><h1>目录 CONTENTS</h1><table><tr><th>页码</th><th>栏目</th><th>标题</th></tr>"
    )
    for a in arts:
        title = e(a["title_zh"]) + (f"——{e(a['subtitle_zh'])}" if a.get("subtitle_zh") else "")
        out += (
            f"<tr><td>{pages.get(a['id'], 0):02d}</td><td>{e(a['section_zh'])}</td>"
            f"<td><div>{title}</div><div class='en'>{e(a['title_en'] or '')}</div></td></tr>"
        )
    return out + "</table></div>"


def front_html(truth: dict, arts: list[dict], pages: dict[str, int]) -> str:
    """A cover and a contents page: section, title with its page number at the line's end,
    subtitle, English title."""
    e, issue = html.escape, truth["issue"]
    out = (
        f"<div class='cover'><div class='name'>{e(issue['journal_zh'])}</div><div class='en'>"
        f"{e(issue['journal_en'].upper())}</div><div class='line'>{issue['year']}年第{issue['volume']}卷"
        f"第{issue['number']}期 总第{issue['total_number']}期</div></div>"
        "<div class='contents'><h1>目录 CONTENTS</h1>"
    )
    section = None
    for a in arts:
        if a["section_zh"] != section:
            section = a["section_zh"]
            out += f"<div class='sec'>{e(a['section_zh'])} {e(a['section_en'])}</div>"
        out += f"<div class='entry'><span>{e(a['title_zh'])}</span><span>{pages.get(a['id'], 0):02d}</span></div>"
        if a.get("subtitle_zh"):
            out += f"<div class='entry'><span>——{e(a['subtitle_zh'])}</span></div>"
        out += f"<div class='entry-en'>{e(a['title_en'] or '')}</div>"
    return out + "</div>"


def _render(chromium: str, page: str) -> pymupdf.Document:
    with tempfile.TemporaryDirectory() as tmp:
        src, raw = Path(tmp) / "issue.html", Path(tmp) / "raw.pdf"
        src.write_text(page, encoding="utf-8")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={tmp}/profile", f"--print-to-pdf={raw}", src.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        return pymupdf.open(stream=raw.read_bytes(), filetype="pdf")


def build(
    truth: dict,
    ids: list[str],
    out: Path,
    first_folio: int = 30,
    columns: int = 2,
    tricky: bool = False,
    front: bool = False,
    headings: dict[str, str] = HEADINGS,
    extra_css: str = "",
    head_rule: tuple[float, float, float] | None = None,
    table_spans: bool = True,
    wrap: bool = False,
    contents_table: bool = False,
) -> dict:
    """extra_css: a house style over the default one; head_rule: (y, x0, x1) of a rule drawn under
    the running head on every page that has one."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("needs Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    arts = [a for a in truth["articles"] if a["id"] in ids]
    photo = _photo_uri()
    front = front or contents_table
    body = "".join(
        article_html(
            a,
            runon=i == 1 and not contents_table,
            photo=photo,
            headings=headings,
            table_spans=table_spans,
            en_over=contents_table,
            first=contents_table and i == 0,
        )
        for i, a in enumerate(arts)
    )
    style = (
        CSS
        + (TRICKY_CSS if tricky else "")
        + (WRAP_CSS if wrap else "")
        + (FRONT_CSS if front else "")
        + (CONTENTS_TABLE_CSS if contents_table else "")
        + f":root {{ --cols: {columns}; }}"
        + extra_css
    )

    def html_page(pages: dict[str, int]) -> str:
        lead = (contents_table_html if contents_table else front_html)(truth, arts, pages) if front else ""
        head = f"<head><meta charset='utf-8'><style>{style}</style></head>"
        return f"<html lang='zh'>{head}<body>{lead}{body}</body></html>"

    folios: dict[str, int] = {}
    if front:  # a first pass finds where each article starts, to print it in the contents
        draft = _render(chromium, html_page({a["id"]: 0 for a in arts}))
        for a in arts:
            pages = enumerate(draft)  # after the cover and the contents, which list the titles too
            # (the first may open under the contents, which print its title too: then twice there)
            k = next(
                i
                for i, pg in pages
                if pg.get_text().replace("\n", "").count(a["title_zh"][:8]) >= (2 if i == 1 else 1) and i >= 1
            )
            folios[a["id"]] = first_folio + k
    doc = _render(chromium, html_page(folios))
    if front:
        arts = [dict(a, toc_page=folios[a["id"]]) for a in arts]
    if contents_table:  # this style prints no English deck
        arts = [dict(a, deck_en=None) for a in arts]
    issue = truth["issue"]
    head = f"{issue['journal_zh']} · {issue['year']}年第{issue['volume']}卷第{issue['number']}期"
    for i, pg in enumerate(doc):
        if front and i < 2:
            continue  # no running head or folio on the cover and the contents
        pg.insert_text((46, 36), head, fontsize=7.5, fontname="china-s", color=(0.4, 0.4, 0.4))
        if head_rule is not None:
            y, x0, x1 = head_rule
            pg.draw_line((x0, y), (x1, y), color=(0, 0.28, 0.55), width=0.8)
        pg.insert_text((pg.rect.width - 60, pg.rect.height - 28), str(first_folio + i), fontsize=9)
    if not front:
        return save_fixture(doc, out, truth, arts, head)
    toc = [
        dict(level=1, page=a["toc_page"], section_zh=a["section_zh"], section_en=a["section_en"],
             title_zh=a["title_zh"], subtitle_zh=a.get("subtitle_zh"), title_en=a["title_en"])
        for a in arts
    ]  # fmt: skip
    pages = [{"id": "cover", "kind": "cover", "blocks": []}, {"id": "contents", "kind": "toc", "blocks": []}]
    return save_fixture(doc, out, truth, pages + arts, head, toc=toc)


def main() -> None:
    ap = producer_parser(__doc__)
    ap.add_argument("--columns", type=int, default=2)
    ap.add_argument("--tricky", action="store_true", help="photos floated into the text, drop caps")
    ap.add_argument("--front", action="store_true", help="a cover and a contents page first")
    ap.add_argument("--wrap", action="store_true", help="photos floated into the text, held well clear of it")
    ap.add_argument("--squeezed-tables", action="store_true", help="three-line tables in a narrow column")
    ap.add_argument(
        "--contents-table",
        action="store_true",
        help="a cover and the contents as a ruled table, a header row",
    )
    args = ap.parse_args()
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    build(
        truth,
        args.articles.split(","),
        args.out,
        columns=args.columns,
        tricky=args.tricky,
        front=args.front,
        wrap=args.wrap,
        contents_table=args.contents_table,
        extra_css=SQUEEZED_CSS if args.squeezed_tables else "",
        table_spans=not args.squeezed_tables,
    )


if __name__ == "__main__":
    main()
