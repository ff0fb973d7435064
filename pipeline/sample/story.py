"""A second producer for test fixtures: articles of an answer key laid out by MuPDF's HTML/CSS
engine (pymupdf.Story) in one ragged column, as a web page or word processor would print them.
Nothing downstream may depend on how our own typesetter places glyphs.

    python -m pipeline.sample.story --truth KEY.json --articles a11,a18,a27 --out tests/fixtures/story-onecolumn.pdf

With --table-style none the article's tables are printed as plain HTML tables without any rule
(columns only by alignment), a long one breaking across a page; three-line-narrow sets them as
three-line tables in a narrow measure (cells wrap, each set from the top of its row; --tables
picks which of the article's tables are printed); --blocks keeps a slice of the
blocks (a short fixture), --table-after says after which block each table goes:

With --deck-style grey the decks are set at the body's size, indent and leading, in grey ink
(told from the body only by their colour, as a one-column page sets them):

    python -m pipeline.sample.story --truth KEY.json --articles a10,a25 --blocks 0-4 --deck-style grey \
        --out tests/fixtures/decks-grey-story.pdf

    python -m pipeline.sample.story --truth KEY.json --articles a22 --blocks 64-93 --table-style none \
        --table-after 74,91 --table-captions "表1 …|表2 …" --out tests/fixtures/tables-norules-story.pdf

With --quote-across each article is set on a page of its own in two balanced columns, cut across
the page by a pull quote (a sentence of the paragraph before, as typeset.py picks it), set large in
the house colour and centred between two rules, its lines ragged on both sides: the columns above
it end mid-sentence and the paragraph goes on at the head of the columns under it, without an
indent (no summary printed; --blocks keeps a slice short enough for the page):

    python -m pipeline.sample.story --truth KEY.json --articles a23,a27 --blocks 0-7 --quote-across \
        --out tests/fixtures/quote-across-story.pdf
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import pymupdf

from .fixture import producer_parser, save_fixture
from .typeset import pull_quote, quote_cut

CSS = """
body {font-family: sans-serif;}
.sec {font-size: 8.5pt; color: #c60;}
h1 {font-size: 20pt; margin: 0 0 4pt 0;}
.en {font-size: 11pt; font-style: italic; margin: 0 0 6pt 0;}
.by {font-size: 9pt; margin: 0 0 8pt 0;}
.deck {font-size: 11pt; color: #335; margin: 0 0 8pt 0; line-height: 1.4;}
p {font-size: 10pt; text-indent: 2em; margin: 0; line-height: 1.5;}
h2 {font-size: 11.5pt; font-weight: bold; margin: 8pt 0 2pt 0; color: #a00;}
.sum {background: #e8eef8; padding: 4pt; margin: 6pt 0;}
.sum p {font-size: 8.5pt; text-indent: 0;}
"""
# tables set without any rule: columns only by alignment, generous gaps between them
TABLE_CSS = {
    "none": """
table {font-size: 9pt; margin: 6pt 0 4pt 0; border-collapse: collapse;}
.tcap {font-size: 9pt; font-weight: bold; text-indent: 0; margin: 8pt 0 3pt 0;}
th {font-weight: bold; text-align: left; padding: 1pt 18pt 2pt 0;}
td {text-align: left; vertical-align: top; padding: 1pt 18pt 1pt 0;}
.tnote {font-size: 8pt; text-indent: 0; line-height: 1.4; margin: 0 0 6pt 0;}
""",
    # a three-line table (rules over and under, one under the header) squeezed into a narrow
    # measure, as in one column of a three-column page: numbers and their units wrap inside their
    # cells, each cell set from the top of its row
    "three-line-narrow": """
table {font-size: 8pt; width: 165pt; margin: 6pt 0 4pt 0; border-collapse: collapse;
       border-top: 1pt solid black; border-bottom: 1pt solid black;}
.tcap {font-size: 9pt; font-weight: bold; text-indent: 0; margin: 8pt 0 3pt 0;}
th {font-weight: bold; text-align: left; vertical-align: top; padding: 3pt 6pt 3pt 0; border-bottom: 0.5pt solid black;}
td {text-align: left; vertical-align: top; padding: 3pt 6pt 3pt 0;}
.tnote {font-size: 8pt; text-indent: 0; line-height: 1.4; margin: 0 0 6pt 0;}
""",
}
# a deck set like the body (same size, indent and leading) and told from it only by its grey ink
DECK_CSS = {
    "grey": ".deck {font-size: 10pt; color: #6e6e6e; text-indent: 2em; margin: 0 0 6pt 0; line-height: 1.5;}\n",
    # a lead in a ruled frame as wide as the one column, in the body's ink and size
    "boxed": ".deck {font-size: 10pt; color: #111; border: 0.8pt solid #8a3b12; padding: 6pt 8pt;"
    " margin: 0 0 10pt 0; line-height: 1.5;}\n",
}
# a pull quote across the page, centred between two rules (--quote-across)
# (every other article's a size smaller: half a size over the body's, not a title's)
QUOTE_CSS = """
.pq.small {font-size: 12.5pt;}
.pq {font-size: 15pt; color: #8a3b12; text-align: center; text-indent: 0; line-height: 1.4;
     border-top: 1pt solid #8a3b12; border-bottom: 1pt solid #8a3b12; margin: 6pt 60pt; padding: 4pt 0;}
p.cont {text-indent: 0;}
"""
COLUMN_GAP = 18.0  # points between the two columns of --quote-across
HEADINGS = {"reading_summary": "Reading Summary", "editor_note": "Editor's Note", "abstract": "Abstract"}


def table_html(tab: dict) -> str:
    e = html.escape
    out = f"<p class='tcap'>{e(tab['caption'])}</p>" if tab.get("caption") else ""
    out += "<table>"
    out += "<tr>" + "".join(f"<th>{e(c)}</th>" for c in tab["header"]) + "</tr>"
    for row in tab["rows"]:
        out += "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
    out += "</table>"
    return out + "".join(f"<p class='tnote'>{e(n)}</p>" for n in tab.get("notes") or [])


def article_html(a: dict, table_after: dict[int, list[dict]] | None = None) -> str:
    e = html.escape
    out = f"<div class='sec'>{e(a['section_zh'])} {e(a['section_en'])}</div><h1>{e(a['title_zh'])}</h1>"
    out += f"<div class='en'>{e(a['title_en'] or '')}</div><div class='by'>{e(a['byline'] or '')}</div>"
    if a.get("deck_zh"):
        out += f"<div class='deck'>{e(a['deck_zh'])}</div>"
    for i, b in enumerate(a["blocks"]):
        if b["type"] == "afterword":  # its heading, as printed: 编后：<title>
            out += f"<p><b>编后：{e(b.get('title') or '')}</b></p>"
        out += f"<h2>{e(b['text'])}</h2>" if b["type"] == "heading" else f"<p>{e(b['text'])}</p>"
        if i == 2:  # the summary box after the third block, breaking across pages when it must
            for s in a["summaries"]:
                out += f"<div class='sum'><p><b>{HEADINGS[s['kind']]}</b></p><p>{e(s['text'])}</p></div>"
        for tab in (table_after or {}).get(i, []):
            out += table_html(tab)
    return out


def _place(dev, html_text: str, css: str, rects: list[pymupdf.Rect]) -> float:
    """Set html into rects one after the other (a column each) and draw it; the lowest y it
    reached. Raises when the text does not fit."""
    story = pymupdf.Story(html=html_text, user_css=css)
    bottom = rects[0].y0
    for rect in rects:
        more, filled = story.place(rect)
        story.draw(dev)
        bottom = max(bottom, pymupdf.Rect(filled).y1)
        if bottom > rect.y1 + 0.5:
            break  # MuPDF says it is done, but ran the rest on past the rect's foot (clipped)
        if not more:
            return bottom
    raise ValueError("the text does not fit the page: keep fewer blocks (--blocks)")


def _balanced(html_text: str, css: str, x0: float, x1: float, y: float, y_max: float) -> float:
    """The least column height at which html_text fits two columns side by side (x0..x1 less
    the gap, from y): the columns come out balanced, as a typesetter sets a section's."""
    w = (x1 - x0 - COLUMN_GAP) / 2
    for h in range(20, int(y_max - y) + 1, 2):
        scratch = pymupdf.DocumentWriter(io.BytesIO())  # a story goes on only once drawn
        dev = scratch.begin_page(pymupdf.paper_rect("a4"))
        try:
            _place(
                dev, html_text, css, [pymupdf.Rect(x0, y, x0 + w, y + h), pymupdf.Rect(x1 - w, y, x1, y + h)]
            )
            return float(h)
        except ValueError:
            continue
        finally:
            scratch.end_page()
            scratch.close()
    raise ValueError("the text does not fit the page: keep fewer blocks (--blocks)")


def quote_across_page(writer: pymupdf.DocumentWriter, a: dict, idx: int) -> None:
    """One page: the title area across the page, the body in two balanced columns cut across by
    the pull quote, the paragraph it cuts going on at the head of the columns under it."""
    e = html.escape
    k, quote = pull_quote(a["blocks"], idx)
    if k < 0:
        raise ValueError(f"{a['id']}: no paragraph to cut with a pull quote in these blocks")
    text = a["blocks"][k]["text"]
    cut = quote_cut(text)

    def body(blocks: list[dict]) -> str:
        return "".join(
            f"<h2>{e(b['text'])}</h2>" if b["type"] == "heading" else f"<p>{e(b['text'])}</p>" for b in blocks
        )

    head = f"<div class='sec'>{e(a['section_zh'])} {e(a['section_en'])}</div><h1>{e(a['title_zh'])}</h1>"
    head += f"<div class='en'>{e(a['title_en'] or '')}</div><div class='by'>{e(a['byline'] or '')}</div>"
    if a.get("deck_zh"):
        head += f"<div class='deck'>{e(a['deck_zh'])}</div>"
    above = body(a["blocks"][:k]) + f"<p>{e(text[:cut])}</p>"
    under = f"<p class='cont'>{e(text[cut:])}</p>" + body(a["blocks"][k + 1 :])
    css = CSS + QUOTE_CSS
    page = pymupdf.paper_rect("a4")
    x0, x1, y_max = 72.0, page.width - 72, page.height - 60
    w = (x1 - x0 - COLUMN_GAP) / 2
    dev = writer.begin_page(page)
    y = _place(dev, head, css, [pymupdf.Rect(x0, 60, x1, y_max)]) + 6
    for part in (above, None, under):
        if part is None:  # the quote across the page
            size = " small" if idx % 2 else ""
            y = _place(dev, f"<p class='pq{size}'>{e(quote)}</p>", css, [pymupdf.Rect(x0, y, x1, y_max)]) + 4
            continue
        h = _balanced(part, css, x0, x1, y, y_max)
        _place(dev, part, css, [pymupdf.Rect(x0, y, x0 + w, y + h), pymupdf.Rect(x1 - w, y, x1, y + h)])
        y += h + 4
    writer.end_page()


def build(
    truth: dict,
    ids: list[str],
    out: Path,
    first_folio: int = 20,
    table_style: str | None = None,
    blocks: tuple[int, int] | None = None,
    table_after: list[int] | None = None,
    captions: list[str] | None = None,
    only_tables: list[int] | None = None,
    deck_style: str | None = None,
    quote_across: bool = False,
) -> dict:
    """table_style None: tables are not printed (and not in the key); "none": printed without
    rules. blocks (start, end): keep blocks[start:end] of each article; table_after: the block
    index (of the whole article) after which each table goes, evenly spread when not given."""
    arts = [json.loads(json.dumps(a)) for a in truth["articles"] if a["id"] in ids]
    parts = []
    for a in arts:
        tabs = (a.get("tables") or []) if table_style else []
        if only_tables:  # just these of the article's tables (1-based), the others not printed
            tabs = [t for i, t in enumerate(tabs, 1) if i in only_tables]
            a["tables"] = tabs
        lo, hi = blocks or (0, len(a["blocks"]))
        a["blocks"] = a["blocks"][lo:hi]
        after: dict[int, list[dict]] = {}
        for t, tab in enumerate(tabs):
            if captions and t < len(captions) and captions[t]:
                tab["caption"] = captions[t]
            k = table_after[t] - lo if table_after else (t + 1) * len(a["blocks"]) // (len(tabs) + 1)
            after.setdefault(k, []).append(tab)
        parts.append(article_html(a, after))
    css = CSS + (TABLE_CSS[table_style] if table_style else "") + (DECK_CSS[deck_style] if deck_style else "")
    tmp = out.with_suffix(".tmp.pdf")
    if quote_across:
        arts = [dict(a, summaries=[]) for a in arts]  # an article a page, no summary printed
        writer = pymupdf.DocumentWriter(str(tmp))
        for i, a in enumerate(arts):
            quote_across_page(writer, a, i)
        writer.close()
    else:
        story = pymupdf.Story(html="".join(parts), user_css=css)
        page_rect = pymupdf.paper_rect("a4")
        writer = pymupdf.DocumentWriter(str(tmp))
        more = True
        while more:
            dev = writer.begin_page(page_rect)
            more, _ = story.place(page_rect + (72, 60, -72, -60))
            story.draw(dev)
            writer.end_page()
        writer.close()
    doc = pymupdf.open(tmp)
    issue = truth["issue"]
    head = f"{issue['journal_zh']}  {issue['year']}年第{issue['volume']}卷第{issue['number']}期"
    for i, page in enumerate(doc):
        page.insert_text((72, 40), head, fontsize=8, fontname="china-s")
        page.insert_text((page.rect.width / 2, 810), str(first_folio + i), fontsize=9)
    arts = [dict(a, captions=[]) for a in arts]  # this producer prints no photos, so no captions
    key = save_fixture(doc, out, truth, arts, head, subset=True)
    tmp.unlink()
    return key


def main() -> None:
    ap = producer_parser(__doc__)
    ap.add_argument("--table-style", choices=sorted(TABLE_CSS), help="print the tables, set this way")
    ap.add_argument("--blocks", help="START-END: keep this slice of each article's blocks")
    ap.add_argument("--table-after", help="block index after which each table goes (comma-separated)")
    ap.add_argument("--table-captions", help="captions printed over the tables ('|'-separated)")
    ap.add_argument("--tables", help="which of the article's tables to print (1-based, comma-separated)")
    ap.add_argument("--deck-style", choices=sorted(DECK_CSS), help="set the decks this way")
    ap.add_argument(
        "--quote-across", action="store_true", help="one page, two columns cut by a pull quote across"
    )
    args = ap.parse_args()
    build(
        json.loads(args.truth.read_text(encoding="utf-8")),
        args.articles.split(","),
        args.out,
        table_style=args.table_style,
        blocks=tuple(int(x) for x in args.blocks.split("-")) if args.blocks else None,
        table_after=[int(x) for x in args.table_after.split(",")] if args.table_after else None,
        captions=args.table_captions.split("|") if args.table_captions else None,
        only_tables=[int(x) for x in args.tables.split(",")] if args.tables else None,
        deck_style=args.deck_style,
        quote_across=args.quote_across,
    )


if __name__ == "__main__":
    main()
