"""Another house style, printed by headless Chromium: the title-area and round-up conventions our
own typesetter never uses, so that the pipeline reads them by role and not by face.

- decks at body size in another face (sans, grey), across the columns with a rule under them, or
  in grey serif between two rules; the English deck right under the Chinese one, in the same
  frame; the byline after the deck
- bylines as "文｜张三 李四", "■ 张三", or 文 with the bar drawn as a rule (absent from the text)
- news briefs with numbered headings ("1 标题") in three columns, set a little smaller than the
  body, under a deck at body size across the page
- a profile round-up: name-and-role heading, Chinese text, then its English version after it in
  smaller italic (no English title), its last line filled to the column edge; or (set
  `profiles-over`) each profile's English title printed OVER its Chinese heading, in a sans face
  between the last profile's English version and the next heading
- a table with rules on every cell, then on the next page a three-line table (top rule, rule
  under the header, bottom rule; no verticals) in the same article
- (set plain) pull quotes under a big opening quotation mark, no rules, in bold type a size and a
  quarter bigger, their lines broken by hand, in the middle of a paragraph that goes on after them;
  the editorial set a size bigger than the issue's body, no deck; folios between dashes ("— 60 —");
  a notice page first: the journal's name, short lines indented, one long paragraph run across
  the page, the contact lines indented, two QR codes with their captions
- (set notice-runs) a notice in two columns of big type that runs over onto a second page inside
  its copyright line, the rest of which and its contact lines (合作垂询：广告投放 …) stand alone on
  that page, short, with no title, as an advertisement would; then a full-page advertisement
  that names itself (编辑部 宣)
- (set masthead-runs) a copyright notice with its English title, then the masthead in three columns
  of big type run over onto a second page that holds only the duty editors' headings and names
- (set notice-centred) a copyright notice in two columns of its own text size on an A4 page, its
  title area centred over them: the English title, set a little bigger than the notice's text,
  alone in its row and across the gutter though short of the page's width (fuzz seed 9001 v09's
  cause: read as column text it hid the gutter and the notice was read across both columns)
- (set notice-spaced) notices whose paragraphs, list items and heading are set apart by space
  alone, none indented: one in two justified columns (its items flush, an unmarked one among
  them), one across the page; read as a standfirst, their text went into deck fields
- (set tails) what closes an article or stands before its text without a label: an afterword in a
  tinted box in the body's own face, or under a rule in grey sans; an expert's bio in small grey sans
  before the body; references in one column, each hanging under its number, set with less room
  between entries than between their own lines; an article set ragged right, where a line stops
  short whenever a number after it does not fit

Needs Debian's `chromium` and `fonts-noto-cjk`; the PDFs it wrote are committed (tests never need
a browser).

    python -m pipeline.sample.house --truth KEY.json --set decks --out tests/fixtures/house-decks.pdf
    python -m pipeline.sample.house --truth KEY.json --set roundups --out tests/fixtures/house-roundups.pdf
    python -m pipeline.sample.house --truth KEY.json --set profiles-over --out tests/fixtures/house-profiles-over.pdf
    python -m pipeline.sample.house --truth KEY.json --set plain --out tests/fixtures/house-plain.pdf
    python -m pipeline.sample.house --truth KEY.json --set notice-runs --out tests/fixtures/house-notice-runs.pdf
    python -m pipeline.sample.house --truth KEY.json --set masthead-runs --out tests/fixtures/house-masthead-runs.pdf
    python -m pipeline.sample.house --truth KEY.json --set tails --out tests/fixtures/house-tails.pdf
    python -m pipeline.sample.house --truth KEY.json --set notice-centred --out tests/fixtures/house-notice-centred.pdf
    python -m pipeline.sample.house --truth KEY.json --set notice-spaced --out tests/fixtures/house-notice-spaced.pdf
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import shutil
from pathlib import Path

from .browser import _photo_uri, _render
from .fixture import first_column_spans, save_fixture
from .story import HEADINGS
from .typeset import pull_quote

CSS = """
@page { size: 184mm 260mm; margin: 20mm 15mm 18mm 15mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 10pt; color: #111; }
.article { break-before: page; }
.label { font-family: 'Noto Sans CJK SC', sans-serif; color: #fff; background: #08c; display: inline-block;
  padding: 1pt 4pt; font-size: 9pt; }
h1 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 20pt; margin: 8pt 0 3pt 0; }
.sub { font-size: 12pt; margin: 0 0 3pt 0; }
.en { font-family: 'Liberation Serif', serif; font-size: 10.5pt; font-style: italic; color: #08c; margin: 0 0 8pt 0; }
.deck { font-size: 10pt; line-height: 1.6; margin: 0 0 6pt 0; padding: 0 0 6pt 0; }
.deck p { text-indent: 2em; }
.deck.sans { font-family: 'Noto Sans CJK SC', sans-serif; color: #666; border-bottom: 0.8pt solid #888; }
.deck.serif { color: #555; border-top: 0.6pt solid #555; border-bottom: 0.6pt solid #555; padding-top: 5pt; }
.deck .deck-en { font-family: 'Liberation Serif', serif; font-style: italic; font-size: 9pt; text-indent: 0;
  line-height: 1.35; margin-top: 4pt; }
.by { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 9pt; margin: 0 0 10pt 0; }
.bar { display: inline-block; width: 0; height: 9pt; border-left: 1pt solid #333; margin: 0 5pt;
  vertical-align: -1pt; }
.cols { column-count: var(--cols); column-gap: 7mm; text-align: justify; }
.cols.three { column-count: 3; column-gap: 6mm; font-size: 9pt; }
p { text-indent: 2em; margin: 0; line-height: 1.6; }
h2 { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; color: #06a; margin: 8pt 0 3pt 0;
  break-after: avoid; }
/* each English version's last line filled to the column edge, as a last line may happen to be:
   the column's English must still run on only from a column's end to the next column's top */
.profiles .en-text { text-align-last: justify; }
.item-head { break-inside: avoid; }
.item-en { font-family: 'Liberation Sans', sans-serif; font-size: 9pt; color: #06a; margin: 8pt 0 0 0; text-indent: 0;
  text-align: left;
  break-after: avoid; }
/* profiles-over: no paragraph's first two lines alone at a column's foot (body size is the English
   versions' there: two lines of Chinese in larger type read as a heading; not what this set shows) */
.over p { orphans: 4; }
.en-text { font-family: 'Liberation Serif', serif; font-size: 8.5pt; font-style: italic; color: #444;
  text-indent: 0; margin: 3pt 0 8pt 0; line-height: 1.3; }
.box { background: #eef4f8; padding: 5pt 6pt; margin: 6pt 0; }
.box p { font-family: 'Liberation Serif', serif; font-size: 8.5pt; text-indent: 0; line-height: 1.35; }
.box .head { font-weight: bold; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 6pt 0; break-inside: avoid; }
table.grid td, table.grid th { border: 0.6pt solid #555; padding: 2pt 3pt; }
table.grid th { background: #e6e6e6; }
table.three { border-top: 1pt solid #111; border-bottom: 1pt solid #111; }
table.three th { border-bottom: 0.6pt solid #111; padding: 3pt; }
table.three td { padding: 3pt; text-align: center; }
.note { font-size: 7.5pt; text-indent: 0; color: #333; }
.next-page { break-before: page; }
figure { margin: 6pt 0; break-inside: avoid; }
figure img { width: 100%; height: 90pt; display: block; }
figcaption { font-size: 7.5pt; color: #555; margin-top: 2pt; }
.qmark { font-family: 'Liberation Serif', serif; font-size: 32pt; line-height: 1; color: #2a6f77;
  margin: 8pt 0 -12pt 6pt; }
.pq { font-weight: bold; font-size: 12.5pt; line-height: 1.35; color: #333; text-indent: 0;
  margin: 0 6pt 8pt 6pt; break-inside: avoid; }
.cont { text-indent: 0; }
.lead p:not(.pq) { font-size: 11pt; }
.notice h1 { font-size: 18pt; }
.notice p { text-indent: 0; margin: 0 0 4pt 0; }
.notice .long { font-size: 8.5pt; line-height: 1.4; }
.notice .short { margin-left: 6mm; }
.notice .qr { display: inline-block; width: 60pt; margin: 24pt 40pt 0 0; font-size: 7.5pt; }
.notice .qr img { width: 60pt; height: 60pt; display: block; }
/* notice-runs: a notice in two columns of big type that runs over onto a second page mid-sentence */
.runs .flow { column-count: 2; column-gap: 8mm; column-fill: auto; font-size: 12pt; line-height: 1.75;
  margin-top: var(--lead); text-align: justify; }
.runs .flow p { text-indent: 2em; margin: 0 0 2pt 0; orphans: 1; widows: 1; }
.runs .flow p.item { text-indent: 0; }
.runs .flow h2 { font-size: 12pt; margin: 6pt 0 2pt 0; }
/* notice-spaced: notices whose paragraphs and items are set apart by space alone, none indented:
   one in two justified columns, one across the page */
.spaced .flow { column-count: 2; column-gap: 8mm; font-size: 10pt; line-height: 1.6; text-align: justify;
  margin-top: 10pt; }
.spaced .flow.across { column-count: 1; }
.spaced .flow p { text-indent: 0; margin: 0 0 5pt 0; }
.spaced .flow h2 { font-size: 11pt; margin: 8pt 0 3pt 0; }
/* masthead-runs: the masthead in three columns of big type, run over onto a second page */
.masthead .flow { column-count: 3; column-gap: 6mm; column-fill: auto; font-size: 13pt; line-height: 1.6;
  margin-top: var(--lead); }
.masthead .flow h2 { font-size: 11pt; color: #06a; margin: 8pt 0 2pt 0; }
.masthead .flow p { text-indent: 0; }
/* notice-centred: the title area centred over the notice's two columns, its English a size up */
.centred h1 { font-size: 16pt; text-align: center; }
.centred .en { font-size: 11pt; color: #333; text-align: center; margin: 2pt 0 12pt 0; }
.centred .flow { column-count: 2; column-gap: 8mm; font-size: 10.5pt; line-height: 1.6; text-align: justify; }
.advert h1 { font-size: 30pt; text-align: center; margin-top: 120pt; }
.advert .en { text-align: center; font-size: 14pt; }
.advert p { text-align: center; }
/* set tails */
.tails .cols { text-align: left; }
.tails .bio-bare { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 8.5pt; color: #666; text-indent: 0;
  margin: 0 0 6pt 0; }
.tails .after-box { background: #f3ecdc; padding: 5pt 6pt; margin: 8pt 0 0 0; }
.tails .after-rule { border-top: 0.6pt solid #888; padding-top: 5pt; margin-top: 8pt;
  font-family: 'Noto Sans CJK SC', sans-serif; font-size: 9pt; color: #555; }
.tails .cols.refs { column-count: 1; }
.tails .ref { font-size: 8pt; line-height: 2; margin-top: -7pt; padding-left: 2em; text-indent: -2em; }
"""

# which article is set how: (deck style, byline form)
DECKS_SET = {
    "a16": ("sans", "slash"),
    "a17": ("serif", "bar"),
    "a18": ("sans", "square"),
    "a22": ("serif", "rule"),
}
ROUNDUPS_SET = {"a08": (None, None), "a13": ("sans", "bar")}
PROFILES_OVER_SET = {"a08": (None, None)}
PLAIN_SET = {
    "a02": (None, None),
    "a04": (None, "bar"),
    "a10": ("serif", "bar"),
    "a24": ("serif", "square"),
    "a28": (None, "bar"),
}
# a notice that runs over onto a second page inside a sentence: the rest of its copyright line, then
# its contact lines (合作垂询：广告投放 …) alone on the page, short and with 广告 in them as an
# advertisement would be; a real advertisement page after it, naming itself (编辑部 宣)
NOTICE_RUNS_SET = {"a04": (None, "bar"), "a03": (None, None), "a31": (None, None), "a10": ("serif", "square")}
# the notice's text set down this far under its title: the page ends inside its copyright line
NOTICE_LEAD = "132pt"
# a copyright notice with its English title, then the masthead (no title of its own) run over two
# pages, the second holding only duty editors' headings and names: no word there names a masthead
MASTHEAD_RUNS_SET = {
    "a04": (None, "bar"),
    "a05": (None, None),
    "a06": (None, None),
    "a10": ("serif", "square"),
}
MASTHEAD_LEAD = "300pt"  # the masthead's names set down this far: the page ends after its committee
# a copyright notice whose title area is centred over its two columns, then the editorial
NOTICE_CENTRED_SET = {"a05": (None, None), "a04": (None, "bar")}
# notices set with space alone between their paragraphs, no indent (as fpdf-issue sets its notice
# page): the member-service notice in two columns (its list items, the unmarked one, its heading),
# the copyright notice across the page; after an article (a first page naming the journal is a cover)
NOTICE_SPACED_SET = {"a04": (None, "bar"), "a03": (None, None), "a05": (None, None)}
# its page: A4 with narrow margins (the notice's columns wide enough to hold it on one page)
NOTICE_CENTRED_PAGE = "@page { size: 210mm 297mm; margin: 18mm 14mm 18mm 14mm; }"
TAILS_SET = {
    "a14": (None, "slash"),
    "a20": (None, "bar"),
    "a27": (None, "square"),
    "a28": (None, "slash"),
    "a30": (None, "bar"),
}
SETS = {
    "decks": DECKS_SET,
    "roundups": ROUNDUPS_SET,
    "profiles-over": PROFILES_OVER_SET,
    "plain": PLAIN_SET,
    "notice-runs": NOTICE_RUNS_SET,
    "masthead-runs": MASTHEAD_RUNS_SET,
    "tails": TAILS_SET,
    "notice-centred": NOTICE_CENTRED_SET,
    "notice-spaced": NOTICE_SPACED_SET,
}
TAILS = {"tails"}  # sets printing afterwords and bios without labels, references set tight
# in the tails set: the afterword in a tinted box in the body's face, else under a rule in grey sans
AFTER_BOXED = {"a27"}
# in the tails set: the article whose references run in one column across the page (most fit on
# one line: the steps between entries outnumber the steps of an entry's wrapped lines)
REFS_WIDE = {"a30"}
EN_OVER = {"profiles-over"}  # sets whose profiles print their English title over the Chinese heading
QUOTED = {"plain"}  # the sets whose articles each carry a pull quote under a quotation mark
LEAD = {"a04"}  # set a size bigger than the body (an editorial), in the sets with quotes
# blocks kept of long articles (a fixture is a few pages): of a22 the two passages its tables
# follow (policies, investment stages); the first briefs of a13
KEEP_BLOCKS = {
    "a10": [slice(0, 8)],
    "a24": [slice(0, 8)],
    "a28": [slice(0, 8)],
    "a17": [slice(0, 8)],
    "a18": [slice(0, 8)],
    "a22": [slice(35, 42), slice(88, 94)],
}
# the tails set's own: a14's bio and first paragraphs, a30's close and its references (a28 whole)
TAILS_KEEP = {"a14": [slice(0, 10)], "a30": [slice(76, 98)]}
KEEP_ITEMS = {"a13": slice(0, 9)}


def _byline(names: list[str], form: str) -> tuple[str, str]:
    """(html, text as printed) of a byline in one of the house forms."""
    e, joined = html.escape, " ".join(names)
    if form == "bar":
        return f"文｜{e(joined)}", f"文｜{joined}"
    if form == "square":
        return f"■ {e(joined)}", f"■ {joined}"
    if form == "rule":  # the bar is a drawn rule: the text layer has only 文 and the names
        return f"文<span class='bar'></span>{e(joined)}", f"文 {joined}"
    return f"文 / {e(joined)}", f"文 / {joined}"


def _deck(a: dict, style: str) -> str:
    e = html.escape
    out = f"<div class='deck {style}'>"
    out += "".join(f"<p>{e(p)}</p>" for p in a["deck_zh"].split("\n") if p.strip())
    out += "".join(
        f"<p class='deck-en' lang='en'>{e(p)}</p>" for p in (a.get("deck_en") or "").split("\n") if p.strip()
    )
    return out + "</div>"


def _table(t: dict, three_line: bool) -> str:
    e = html.escape
    if three_line:
        out = "<table class='three'><tr>" + "".join(f"<th>{e(h)}</th>" for h in t["header"]) + "</tr>"
        out += "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in t["rows"])
    else:
        out = "<table class='grid'><tr>" + "".join(f"<th>{e(h)}</th>" for h in t["header"]) + "</tr>"
        for cells, span in zip(t["rows"], first_column_spans(t["rows"]), strict=True):
            first = f"<td rowspan='{span}'>{e(cells[0])}</td>" if span else ""
            out += "<tr>" + first + "".join(f"<td>{e(c)}</td>" for c in cells[1:]) + "</tr>"
    out += "</table>"
    return out + "".join(f"<p class='note'>{e(n)}</p>" for n in t.get("notes") or [])


def _quoted(text: str, quote: str) -> str:
    """A paragraph cut near its middle (after a comma when there is one) by a pull quote under a
    big quotation mark; it goes on after the quote without an indent. The quote's first line is
    broken by hand a third of the way in, as a designer breaks display type."""
    e = html.escape
    mid = len(text) // 2
    commas = [i + 1 for i, ch in enumerate(text) if ch == "，" and len(text) // 4 < i < 3 * len(text) // 4]
    cut = min(commas, key=lambda i: abs(i - mid)) if commas else mid
    brk = max(4, len(quote) // 3)
    return (
        f"<p>{e(text[:cut])}</p><div class='qmark'>“</div>"
        f"<p class='pq'>{e(quote[:brk])}<br>{e(quote[brk:])}</p><p class='cont'>{e(text[cut:])}</p>"
    )


def _tail(aid: str, kind: str, text: str) -> str:
    """(set tails) a bio, afterword or reference as this set prints it: no label on any."""
    if kind == "bio":
        return f"<p class='bio-bare'>{text}</p>"
    if kind == "afterword":
        return f"<div class='{'after-box' if aid in AFTER_BOXED else 'after-rule'}'><p>{text}</p></div>"
    return f"<p class='ref'>{text}</p>"


def article_html(
    a: dict,
    deck: str | None,
    byline: str | None,
    photo: str,
    quote: tuple[int, str] = (-1, ""),
    lead: bool = False,
    en_over: bool = False,
    tails: bool = False,
) -> str:
    e = html.escape
    out = f"<div class='article{' tails' if tails else ''}'><div class='label'>{e(a['section_zh'])}</div><h1>{e(a['title_zh'])}</h1>"
    if a.get("subtitle_zh"):
        out += f"<div class='sub'>——{e(a['subtitle_zh'])}</div>"
    if a.get("title_en"):
        out += f"<div class='en'>{e(a['title_en'])}</div>"
    if a.get("deck_zh") and deck:
        out += _deck(a, deck)
    if byline:
        out += f"<div class='by'>{byline}</div>"
    numbered = a["id"] == "a13"  # the briefs: numbered headings, three columns
    kind = " three" if numbered else " profiles" if a.get("items") else ""
    kind += " over" if en_over else ""
    kind += " refs" if tails and a["id"] in REFS_WIDE else ""
    out += f"<div class='cols{kind}{' lead' if lead else ''}'>"
    for n, it in enumerate(a.get("items") or [], start=1):
        head = f"<h2>{n} {e(it['title_zh'])}</h2>" if numbered else f"<h2>{e(it['title_zh'])}</h2>"
        if en_over and it.get("title_en"):  # kept with its heading, in a sans face a size up
            head = f"<div class='item-head'><p class='item-en' lang='en'>{e(it['title_en'])}</p>{head}</div>"
        out += head
        out += "".join(f"<p>{e(b['text'])}</p>" for b in it["blocks"])
        if it.get("text_en"):
            out += f"<p class='en-text' lang='en'>{e(it['text_en'])}</p>"
    tables = list(a.get("tables") or [])
    captions = list(a["captions"])
    for i, b in enumerate(a["blocks"]):
        text = e(b["text"])
        if i == quote[0]:
            out += _quoted(b["text"], quote[1])
        elif b["type"] == "heading":
            out += f"<h2>{text}</h2>"
        elif tails and b["type"] in ("bio", "afterword", "reference"):
            out += _tail(a["id"], b["type"], text)
        elif b["type"] in ("list_item", "note", "reference"):
            out += f"<p style='text-indent:0'>{text}</p>"
        else:
            out += f"<p>{text}</p>"
        if i == 2:
            for s in a["summaries"]:
                out += f"<div class='box' lang='en'><p class='head'>{HEADINGS[s['kind']]}</p><p>{e(s['text'])}</p></div>"
        if captions and i % 4 == 3:
            out += f"<figure><img src='{photo}'><figcaption>{e(captions.pop(0))}</figcaption></figure>"
        if tables and b["type"] == "paragraph" and b["text"].rstrip().endswith(("：", ":")):
            # the first table ruled on every cell; the next one three-line, at the top of the next page
            second = len(tables) < len(a["tables"])
            cls = "cols next-page" if second else "cols"
            out += f"</div><div class='{'next-page' if second else ''}'>{_table(tables.pop(0), second)}</div><div class='{cls}'>"
    for c in captions:
        out += f"<figure><img src='{photo}'><figcaption>{e(c)}</figcaption></figure>"
    return out + "</div></div>"


def notice_html(a: dict, photo: str) -> str:
    """A notice page: title and English title, its paragraphs (the long one run across the page,
    the short ones indented under the title), the captions under pictures side by side."""
    e = html.escape
    out = f"<div class='article notice'><h1>{e(a['title_zh'])}</h1>"
    out += f"<div class='en'>{e(a['title_en'])}</div>" if a.get("title_en") else ""
    for b in a["blocks"]:
        out += f"<p class='{'long' if len(b['text']) > 120 else 'short'}'>{e(b['text'])}</p>"
    out += "".join(f"<div class='qr'><img src='{photo}'>{e(c)}</div>" for c in a["captions"])
    return out + "</div>"


def centred_notice_html(a: dict) -> str:
    """A notice in two columns of its own text size under a centred title area: the Chinese
    title, then the English one a little bigger than the text, short, so over the gutter."""
    e = html.escape
    out = f"<div class='article notice centred'><h1>{e(a['title_zh'])}</h1>"
    out += f"<div class='en'>{e(a['title_en'])}</div>" if a.get("title_en") else ""
    out += "<div class='flow'>" + "".join(f"<p>{e(b['text'])}</p>" for b in a["blocks"])
    return out + "</div></div>"


def running_notice_html(a: dict) -> str:
    """A notice in two columns of big type, set down under its title by NOTICE_LEAD: long enough
    to run on over the page, its list items flush, its heading in the text's face."""
    e = html.escape
    out = f"<div class='article notice runs' style='--lead: {NOTICE_LEAD}'><h1>{e(a['title_zh'])}</h1>"
    out += "<div class='flow'>"
    for b in a["blocks"]:
        if b["type"] == "heading":
            out += f"<h2>{e(b['text'])}</h2>"
        else:
            out += f"<p class='{'item' if b['type'] == 'list_item' else ''}'>{e(b['text'])}</p>"
    return out + "</div></div>"


def spaced_notice_html(a: dict, across: bool) -> str:
    """A notice whose paragraphs, items and heading are set apart by space alone (none indented),
    in two columns or across the page, under its title and English title."""
    e = html.escape
    out = f"<div class='article notice spaced'><h1>{e(a['title_zh'])}</h1>"
    out += f"<div class='en'>{e(a['title_en'])}</div>" if a.get("title_en") else ""
    out += f"<div class='flow{' across' if across else ''}'>"
    for b in a["blocks"]:
        tag = "h2" if b["type"] == "heading" else "p"
        out += f"<{tag}>{e(b['text'])}</{tag}>"
    return out + "</div></div>"


def masthead_html(a: dict) -> str:
    """The masthead: its role headings and the names under them in three columns of big type, set
    down by MASTHEAD_LEAD, so that it runs over onto a second page."""
    e = html.escape
    out = f"<div class='article masthead' style='--lead: {MASTHEAD_LEAD}'><div class='flow'>"
    for b in a["blocks"]:
        tag = "h2" if b["type"] == "heading" else "p"
        out += f"<{tag}>{e(b['text'])}</{tag}>"
    return out + "</div></div>"


def advert_html(a: dict, photo: str) -> str:
    """A full-page advertisement: its slogan set big and centred, the English under it, the
    credit line (编辑部 宣) and two QR codes."""
    e = html.escape
    out = f"<div class='article notice advert'><h1>{e(a['title_zh'])}</h1>"
    out += f"<div class='en'>{e(a['title_en'])}</div>" if a.get("title_en") else ""
    out += "".join(f"<p>{e(b['text'])}</p>" for b in a["blocks"])
    out += "".join(f"<div class='qr'><img src='{photo}'>{e(c)}</div>" for c in a["captions"])
    return out + "</div>"


def printed(
    truth: dict, which: dict[str, tuple[str | None, str | None]], en_over: bool = False, tails: bool = False
) -> list[dict]:
    """The key's articles as this fixture prints them (trimmed; bylines, items as printed)."""
    arts = []
    for a in truth["articles"]:
        if a["id"] not in which:
            continue
        a = copy.deepcopy(a)
        keep = TAILS_KEEP if tails else KEEP_BLOCKS
        if a["id"] in keep:
            a["blocks"] = [b for part in keep[a["id"]] for b in a["blocks"][part]]
        if a["id"] in KEEP_ITEMS:
            a["items"] = a["items"][KEEP_ITEMS[a["id"]]]
        if tails:  # no deck, abstract or keywords printed; afterwords without their title (and label)
            a.update(deck_zh=None, deck_en=None, abstract_zh=None, keywords_zh=[])
            for b in (b for b in a["blocks"] if b["type"] == "afterword"):
                b["title"] = None
        for it in [] if en_over else a.get("items") or []:
            it["title_en"] = None  # profiles print no English title here, only the English text
        arts.append(a)
    return arts


def build(
    truth: dict,
    which: dict[str, tuple[str | None, str | None]],
    out: Path,
    en_over: bool = False,
    quotes: bool = False,
    runs: bool = False,
    tails: bool = False,
    centred: bool = False,
    spaced: bool = False,
) -> dict:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("needs Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    arts, photo, body = printed(truth, which, en_over, tails), _photo_uri(), ""
    # a notice page after the first article (a first page naming the journal would be its cover)
    arts = (
        arts[1:2]
        + [a for a in arts if a["kind"] == "notice"]
        + [a for a in arts[2:] if a["kind"] != "notice"]
        if not (
            runs or tails or centred or spaced
        )  # (the first of the other sets was never printed: kept so, their PDFs unchanged)
        else sorted(arts, key=lambda a: list(which).index(a["id"]))  # notice-runs, tails: in the set's order
    )
    for n, a in enumerate(arts):
        if a["kind"] == "notice" and runs and a["id"] == "a03":
            body += running_notice_html(a)
            continue
        if a["kind"] == "masthead":
            body += masthead_html(a)
            continue
        if a["kind"] == "advertisement":
            body += advert_html(a, photo)
            continue
        if a["kind"] == "notice" and spaced:
            body += spaced_notice_html(a, across=len(a["blocks"]) < 10)
            continue
        if a["kind"] == "notice":
            body += centred_notice_html(a) if centred else notice_html(a, photo)
            continue
        deck, form = which[a["id"]]
        by_html = None
        if form and a.get("authors"):
            by_html, a["byline"] = _byline(a["authors"], form)
        quote = pull_quote(a["blocks"], n) if quotes else (-1, "")
        body += article_html(a, deck, by_html, photo, quote, quotes and a["id"] in LEAD, en_over, tails)
    style = CSS + ":root { --cols: 2; }" + (NOTICE_CENTRED_PAGE if centred else "")
    doc = _render(
        chromium,
        f"<html lang='zh'><head><meta charset='utf-8'><style>{style}</style></head><body>{body}</body></html>",
    )
    issue = truth["issue"]
    head = f"{issue['journal_zh']} {issue['year']}年第{issue['number']}期"
    for i, pg in enumerate(doc):
        pg.insert_text((42, 34), head, fontsize=7.5, fontname="china-s", color=(0.3, 0.3, 0.3))
        if quotes:  # the plain set: the folio centred between dashes
            pg.insert_text(
                (pg.rect.width / 2 - 16, pg.rect.height - 24),
                f"— {60 + i} —",
                fontsize=8.5,
                fontname="china-s",
            )
        else:
            pg.insert_text((pg.rect.width / 2 - 5, pg.rect.height - 24), str(60 + i), fontsize=8.5)
    return save_fixture(doc, out, truth, arts, head)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--truth", required=True, type=Path)
    ap.add_argument("--set", required=True, choices=sorted(SETS))
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    build(
        json.loads(args.truth.read_text(encoding="utf-8")),
        SETS[args.set],
        args.out,
        en_over=args.set in EN_OVER,
        quotes=args.set in QUOTED,
        runs=args.set in ("notice-runs", "masthead-runs"),
        tails=args.set in TAILS,
        centred=args.set == "notice-centred",
        spaced=args.set == "notice-spaced",
    )


if __name__ == "__main__":
    main()
