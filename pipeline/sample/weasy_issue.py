"""An eighth producer: the whole sample issue typeset by WeasyPrint (HTML and CSS Paged Media, laid
out by WeasyPrint's own engine and shaped by Pango/HarfBuzz, a text layer unlike Chromium's,
MuPDF's, TeX's, Typst's or ReportLab's), in a house style the other renditions do not use:

- a 185 x 260 mm page (大16开), CSS multi-column bodies in two columns, every third article and the
  numbered briefs in three; Noto Serif CJK at 9.4 pt, Liberation Serif for English
- Chinese set with a space either side of every Latin word and number ("天使轮 662 起")
- titles in a dark red serif bold over a section label with a bar at its left; the English title
  in small grey sans under the Chinese one
- decks in grey sans across both columns with a rule under them (the English deck in the same
  frame, in italic); bylines "文｜张三 李四" and "■ 张三" in turn, before or after the deck
- pull quotes between two rules in the middle of a column, cutting a paragraph that goes on after
  them without an indent
- the English Reading Summary at the end of the columns, on a tint, under a small sans heading,
  breaking across columns and pages as the text flows
- a profile round-up with no title of its own: the section label, then each profile's name-and-role
  heading (the first is the contents entry), its Chinese text, then its English name and text in
  smaller italic
- numbered briefs ("1 标题") in three columns; a ruled (full grid) table, then a three-line table
  (no vertical rules) at the top of a later page
- running heads and folios in @page margin boxes: the journal and issue at the top of left pages,
  the section (a CSS named string) at the top of right ones, each over a hairline; folios in the
  outer bottom corner, counted from the editorial (the cover and the notices before it have none)
- the contents in two columns, each title followed by dot leaders and its page (target-counter)

Deterministic (WeasyPrint writes no date; same key, same bytes). Writes the PDF, its answer key
(the same content as the corpus key, with the text as printed: spaces between scripts, bylines;
`toc_page` and the contents' pages are the folios this rendition prints) and `*.pages.json` (the
physical pages of every key entry).

    python -m pipeline.sample.weasy_issue --truth ../shared/corpus/issue-2026-v2n1.truth.json \\
        --out data/out/weasy/weasy-issue.pdf [--extract tests/fixtures/weasy/weasy-extract.pdf]

`make eval` makes it and scores it; the PDF is not committed, an extract is (tests/test_weasy.py).
"""

from __future__ import annotations

import argparse
import base64
import copy
import html
import json
from pathlib import Path

from .art import photo_pixmap, qr_pixmap
from .spaced import spaced
from .story import HEADINGS
from .typeset import pull_quote, quote_cut
from .typst_issue import printed_key, write_rendition

BYLINE_FORMS = ("文｜{}", "■ {}")

CSS = """
@page {
  size: 185mm 260mm; margin: 20mm 17mm 19mm 17mm;
  @bottom-left { content: none } @bottom-right { content: none }
}
@page :left {
  margin-left: 19mm; margin-right: 15mm;
  @top-left { content: "HEAD"; font: 7pt 'Noto Sans CJK SC'; color: #7a7a7a;
              border-bottom: 0.4pt solid #9a9a9a; width: 100%; vertical-align: bottom; padding-bottom: 2pt }
  @bottom-left { content: counter(page); font: bold 10pt 'Liberation Sans'; color: #7d1f1a }
}
@page :right {
  margin-left: 15mm; margin-right: 19mm;
  @top-right { content: string(section); font: 7pt 'Noto Sans CJK SC'; color: #7a7a7a; text-align: right;
               border-bottom: 0.4pt solid #9a9a9a; width: 100%; vertical-align: bottom; padding-bottom: 2pt }
  @bottom-right { content: counter(page); font: bold 10pt 'Liberation Sans'; color: #7d1f1a }
}
@page front { @top-left { content: none; border: none } @top-right { content: none; border: none }
              @bottom-left { content: none } @bottom-right { content: none } }
@page cover { margin: 14mm; background: #1d3557;
              @top-left { content: none; border: none } @top-right { content: none; border: none }
              @bottom-left { content: none } @bottom-right { content: none } }
@page advert { margin: 18mm; background: #5b2a86;
               @top-left { content: none; border: none } @top-right { content: none; border: none }
               @bottom-left { content: none } @bottom-right { content: none } }
@page :nth(1 of editorial) { counter-reset: page 1 }
html { font-family: 'Liberation Serif', 'Noto Serif CJK SC'; font-size: 9.4pt; color: #161616;
       line-height: 1.62; text-align: justify; }
body { margin: 0 }
p { margin: 0 0 0.25em 0; text-indent: 2em; orphans: 2; widows: 2 }
.front { page: front; break-before: page }
.cover { page: cover; color: white; text-align: left }
.advert { page: advert; color: white; text-align: center }
.editorial { page: editorial }
.newpage { break-before: page }
.cols2 { columns: 2; column-gap: 6mm }
.cols3 { columns: 3; column-gap: 5mm }
.runon { border-top: 2pt solid #7d1f1a; margin-top: 14pt; padding-top: 6pt }
.sec { string-set: section content(); font: bold 8.5pt 'Noto Sans CJK SC'; color: #7d1f1a;
       border-left: 4pt solid #7d1f1a; padding-left: 5pt; margin: 0 0 6pt 0; text-indent: 0 }
.sec .en { font: italic 8pt 'Liberation Sans'; color: #8a8a8a; margin-left: 6pt }
.opener { font: 300 30pt 'Noto Sans CJK SC'; color: #d8c9c4; margin: 0 0 2pt 0; text-indent: 0;
          line-height: 1.1; text-align: left }
h1 { font: bold 19pt/1.3 'Noto Serif CJK SC'; color: #7d1f1a; margin: 2pt 0 4pt 0; text-align: left }
.subtitle { font: 11pt 'Noto Serif CJK SC'; color: #444; text-indent: 0; margin-bottom: 4pt; text-align: left }
.title-en { font: 8.6pt/1.35 'Liberation Sans'; color: #6f6f6f; text-indent: 0; margin-bottom: 8pt;
            text-align: left }
.byline { font: 500 8.6pt 'Noto Sans CJK SC'; text-indent: 0; margin: 4pt 0 8pt 0; text-align: left }
.deck { font: 9pt/1.7 'Liberation Sans', 'Noto Sans CJK SC'; color: #666; border-bottom: 0.8pt solid #888;
        padding-bottom: 6pt; margin-bottom: 10pt }
.deck p { text-indent: 0; margin-bottom: 3pt }
.deck .en { font-style: italic; font-size: 8.4pt; line-height: 1.4 }
h3 { font: bold 9.6pt 'Noto Sans CJK SC'; color: #1d3557; margin: 8pt 0 3pt 0; break-after: avoid;
     text-align: left }
.pq { border-top: 1.4pt solid #b5542d; border-bottom: 1.4pt solid #b5542d; margin: 8pt 0; padding: 6pt 2pt;
      font: bold 12pt/1.45 'Noto Serif CJK SC'; color: #b5542d; text-indent: 0; text-align: left;
      break-inside: avoid }
.goon { text-indent: 0 }
.summary { background: #eef1f4; padding: 5pt 6pt; margin: 8pt 0; font: 8.3pt/1.38 'Liberation Serif';
           text-align: justify; hyphens: auto; box-decoration-break: clone }
.summary .hd { font: bold 8pt 'Liberation Sans'; color: #1d3557; text-indent: 0; letter-spacing: 0.5pt;
               margin-bottom: 3pt }
.summary p { text-indent: 0 }
figure { margin: 6pt 0; break-inside: avoid }
figure img, figure .shade { width: 100%; height: 70pt; display: block }
figure .shade { background: linear-gradient(#9aa5ad, #d5dadd) }
figcaption { font: 7.2pt/1.4 'Noto Sans CJK SC'; color: #666; margin-top: 2pt; text-align: left }
.note { font-size: 7.6pt; color: #555; text-indent: 0 }
.ref { font-size: 7.6pt; text-indent: -1.6em; padding-left: 1.6em }
.item { text-indent: 0 }
.bio { font: 8pt 'Noto Sans CJK SC'; background: #eeeeee; padding: 4pt; text-indent: 0; margin: 6pt 0 }
.after { font: 8.4pt 'Noto Sans CJK SC'; color: #444; border-top: 0.5pt solid #777; padding-top: 5pt;
         margin-top: 8pt }
.after .after-h { font-weight: bold; color: #7d1f1a; text-indent: 0; margin-bottom: 2pt }
.runin { text-indent: 0; font-size: 8.6pt; margin-bottom: 5pt }
.runin b { font-family: 'Noto Sans CJK SC' }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt 0; font-size: 7.8pt; line-height: 1.4 }
td, th { padding: 3pt 4pt; text-align: left; vertical-align: top }
th { font-family: 'Noto Sans CJK SC'; font-weight: bold }
table.grid td, table.grid th { border: 0.5pt solid #555 }
table.grid th { background: #e3e0da }
table.three { break-before: page; border-top: 1.2pt solid #111; border-bottom: 1.2pt solid #111 }
table.three th { border-bottom: 0.6pt solid #111 }
.tnote { font-size: 7pt; color: #666; text-indent: 0 }
.profile-h { font: bold 10.5pt 'Noto Sans CJK SC'; color: #111; margin: 10pt 0 3pt 0; text-indent: 0;
             break-after: avoid; text-align: left }
.profile-en-h { font: bold italic 8pt/1.3 'Liberation Serif'; color: #555; text-indent: 0; margin-top: 5pt;
                text-align: left }
.profile-en { font: italic 7.8pt/1.35 'Liberation Serif'; color: #555; text-indent: 0; margin-bottom: 6pt;
              hyphens: auto }
.brief-h { font: bold 9.4pt 'Noto Sans CJK SC'; margin: 8pt 0 2pt 0; text-indent: 0; break-after: avoid;
           text-align: left }
.brief-h .n { color: #b5542d; font: bold 12pt 'Liberation Sans'; margin-right: 3pt }
.briefs p { font-size: 8.6pt }
.toc-title { font: bold 26pt 'Noto Serif CJK SC'; color: #7d1f1a; letter-spacing: 12pt; text-indent: 0 }
.toc-title span { font: 10pt 'Liberation Sans'; color: #888; letter-spacing: 2pt; margin-left: 4pt }
.toc { columns: 2; column-gap: 7mm; margin-top: 6pt }
.toc .s { font: bold 9pt 'Noto Sans CJK SC'; color: #fff; background: #7d1f1a; padding: 1pt 4pt;
          margin: 8pt 0 3pt 0; text-indent: 0; break-after: avoid; text-align: left }
.toc .s .en { font: italic 7.5pt 'Liberation Serif'; margin-left: 5pt }
.toc .e { font: 9pt 'Noto Sans CJK SC'; text-indent: 0; margin: 2pt 0 0 0; text-align: left }
.toc .e a { color: inherit; text-decoration: none }
.toc .e a::after { content: leader('.') target-counter(attr(href), page); font: bold 9pt 'Liberation Sans' }
.toc .e2 { font: 8.2pt 'Noto Serif CJK SC'; text-indent: 0; margin: 1pt 0 0 1.5em; text-align: left }
.toc .ten { font: italic 7.4pt/1.3 'Liberation Serif'; color: #777; text-indent: 0; margin: 0 0 3pt 0;
            text-align: left }
.toc .e2 + .ten { margin-left: 1.5em }
.toc .sub { font-size: 8pt; text-indent: 0; margin: 0; text-align: left }
.masthead { columns: 3; column-gap: 5mm; font-size: 7.8pt; line-height: 1.45 }
.masthead p { text-indent: 0; margin: 0 0 1pt 0; text-align: left }
.masthead h4 { font: bold 8pt 'Noto Sans CJK SC'; color: #7d1f1a; margin: 6pt 0 1pt 0 }
.intro h1 { font-size: 30pt; margin-top: 40mm }
.intro .deck { width: 78%; margin-top: 16mm }
.cover h1 { color: white; font: 900 44pt 'Noto Sans CJK SC'; margin: 10mm 0 2mm 0 }
.cover .en { font: 12pt 'Liberation Sans'; letter-spacing: 1pt; margin-bottom: 12mm; text-indent: 0 }
.cover p { text-indent: 0; text-align: left }
.cover .line { font: bold 14pt 'Noto Sans CJK SC'; margin: 6pt 0 2pt 0 }
.advert h1 { color: white; font: 900 48pt 'Noto Sans CJK SC'; text-align: center; margin-top: 40mm }
.advert p { text-indent: 0; text-align: center }
.qr { display: inline-block; width: 46%; vertical-align: top; margin: 6pt 1%; text-align: left }
.qr img { width: 54pt; height: 54pt; display: block }
.qr p { font-size: 7.4pt; text-indent: 0 }
.notice h1 { color: #1d3557 }
.notice.two { columns: 2; column-gap: 6mm }
"""


def e(text: str | None) -> str:
    return html.escape(text or "")


def png_uri(pix) -> str:
    return "data:image/png;base64," + base64.b64encode(pix.tobytes("png")).decode("ascii")


def printed(article: dict, fullwidth_every: int = 0) -> dict:
    """The article as this house style prints it: a space between Chinese and Latin words or
    numbers, in its text and display type, and, given fullwidth_every, one body paragraph in that
    many with its digits full width (its key entry keeps the printed text)."""
    a = copy.deepcopy(article)
    for field in ("title_zh", "subtitle_zh", "deck_zh", "abstract_zh"):
        a[field] = spaced(a.get(field))
    for i, b in enumerate(a["blocks"]):
        full = (
            bool(fullwidth_every) and b["type"] == "paragraph" and i % fullwidth_every == fullwidth_every - 1
        )
        b["text"] = spaced(b["text"], fullwidth=full)
    for it in a.get("items") or []:
        it["title_zh"] = spaced(it["title_zh"])
        for b in it["blocks"]:
            b["text"] = spaced(b["text"])
        it["captions"] = [spaced(c) for c in it.get("captions") or []]
    a["captions"] = [spaced(c) for c in a.get("captions") or []]
    for t in a.get("tables") or []:
        t["rows"] = [[spaced(c) for c in row] for row in t["rows"]]
    return a


def mark(aid: str, what: str) -> str:
    return f'<span class="mk" id="{what}-{aid}"></span>'


def block_html(b: dict) -> str:
    t, text = b["type"], e(b["text"])
    cls = {"list_item": "item", "reference": "ref", "note": "note", "bio": "bio"}
    if t == "afterword":  # 编后, under a rule: its title on a line of its own, then its text
        title = f'<p class="after-h">编后：{e(b["title"])}</p>' if b.get("title") else ""
        return f'<div class="after">{title}<p>{text}</p></div>\n'
    if t == "heading":
        return f"<h3>{text}</h3>\n"
    if t in cls:
        return f'<p class="{cls[t]}">{text}</p>\n'
    return f"<p>{text}</p>\n"


def table_html(t: dict, style: str) -> str:
    out = f'<p class="tnote">{e(t["caption"])}</p>' if t.get("caption") else ""
    out += f'<table class="{style}"><thead><tr>' + "".join(f"<th>{e(h)}</th>" for h in t["header"])
    out += "</tr></thead><tbody>"
    out += "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in t["rows"])
    out += "</tbody></table>\n"
    out += "".join(f'<p class="tnote">{e(n)}</p>\n' for n in t.get("notes") or [])
    return out


class Issue:
    """The HTML of the whole issue, article by article, recording what it prints where the key
    must say so (text with spaces between scripts, bylines)."""

    def __init__(self, key: dict):
        self.key = copy.deepcopy(key)
        self.key["articles"] = [printed(a) if a["kind"] == "article" else a for a in self.key["articles"]]
        self.out: list[str] = []
        self.n_article = 0
        self.n_fig = 0
        self.n_table = 0
        self.prev: dict | None = None

    def fig(self, caption: str) -> str:
        """A figure: every other one a photo (an image), the others a drawn shading."""
        self.n_fig += 1
        pic = (
            '<div class="shade"></div>' if self.n_fig % 2 else f'<img src="{png_uri(photo_pixmap(caption))}">'
        )
        return f"<figure>{pic}<figcaption>{e(caption)}</figcaption></figure>\n"

    # ------------------------------------------------------------- front and back matter
    def cover(self, a: dict) -> None:
        out = ['<div class="cover">', mark(a["id"], "start"), f"<h1>{e(a['title_zh'])}</h1>"]
        out.append(f'<p class="en">{e(a["title_en"])}</p>')
        for b in a["blocks"]:
            out.append(f'<p class="{"line" if b["type"] == "heading" else ""}">{e(b["text"])}</p>')
        out.append(mark(a["id"], "end") + "</div>\n")
        self.out += out

    def notice(self, a: dict, front: bool) -> None:
        two = len(a["blocks"]) > 10
        out = [f'<div class="{"front" if front else "newpage"} notice">', mark(a["id"], "start")]
        if a.get("title_zh"):
            out.append(f"<h1>{e(a['title_zh'])}</h1>")
        if a.get("title_en"):
            out.append(f'<p class="title-en">{e(a["title_en"])}</p>')
        out.append(f'<div class="{"notice two" if two else ""}">')
        out += [block_html(b) for b in a["blocks"]]
        out += [
            f'<div class="qr"><img src="{png_uri(qr_pixmap(c))}"><p>{e(c)}</p></div>' for c in a["captions"]
        ]
        out.append("</div>" + mark(a["id"], "end") + "</div>\n")
        self.out += out

    def masthead(self, a: dict) -> None:
        out = ['<div class="newpage">', mark(a["id"], "start"), '<div class="masthead">']
        for b in a["blocks"]:
            out.append(f"<h4>{e(b['text'])}</h4>" if b["type"] == "heading" else f"<p>{e(b['text'])}</p>")
        out.append("</div>" + mark(a["id"], "end") + "</div>\n")
        self.out += out

    def contents(self, a: dict) -> None:
        """Two columns: a band per section, then each entry, its page after dot leaders."""
        by_page = {x["toc_page"]: x["id"] for x in self.key["articles"] if x.get("toc_page") is not None}
        out = ['<div class="newpage">', mark(a["id"], "start")]
        out.append('<p class="toc-title">目录<span>CONTENTS</span></p><div class="toc">')
        section = None
        for en in self.key["toc"]:
            if en["section_zh"] != section:
                section = en["section_zh"]
                out.append(f'<p class="s">{e(section)}<span class="en">{e(en["section_en"])}</span></p>')
            if en["level"] == 1 and en.get("page") is not None:
                out.append(f'<p class="e"><a href="#start-{by_page[en["page"]]}">{e(en["title_zh"])}</a></p>')
            else:
                out.append(f'<p class="e2">{e(en["title_zh"])}</p>')
            if en.get("subtitle_zh"):
                out.append(f'<p class="sub">——{e(en["subtitle_zh"])}</p>')
            if en.get("title_en"):
                out.append(f'<p class="ten">{e(en["title_en"])}</p>')
        out.append("</div>" + mark(a["id"], "end") + "</div>\n")
        self.out += out

    def advert(self, a: dict) -> None:
        out = ['<div class="advert">', mark(a["id"], "start"), f"<h1>{e(a['title_zh'])}</h1>"]
        if a.get("subtitle_zh"):
            out.append(f'<p style="font-size: 16pt">{e(a["subtitle_zh"])}</p>')
        if a.get("title_en"):
            out.append(f'<p style="font: 16pt Liberation Sans; letter-spacing: 2pt">{e(a["title_en"])}</p>')
        out += [f'<p style="margin: 10pt 12%">{e(b["text"])}</p>' for b in a["blocks"]]
        out += [
            f'<div class="qr" style="width: 30%"><img src="{png_uri(qr_pixmap(c))}"><p>{e(c)}</p></div>'
            for c in a["captions"]
        ]
        out.append(mark(a["id"], "end") + "</div>\n")
        self.out += out

    # ------------------------------------------------------------- articles
    def byline(self, a: dict) -> str:
        if not a.get("authors"):
            return ""
        if a.get("abstract_zh"):  # the academic paper: names only, as such papers print them
            text = " ".join(a["authors"])
        else:
            text = BYLINE_FORMS[self.n_article % 2].format(" ".join(a["authors"]))
        a["byline"] = text
        return f'<p class="byline">{e(text)}</p>\n'

    def deck(self, a: dict) -> str:
        zh = [p for p in (a.get("deck_zh") or "").split("\n") if p.strip()]
        en = [p for p in (a.get("deck_en") or "").split("\n") if p.strip()]
        if not zh and not en:
            return ""
        inner = "".join(f"<p>{e(p)}</p>" for p in zh) + "".join(f'<p class="en">{e(p)}</p>' for p in en)
        return f'<div class="deck">{inner}</div>\n'

    def section_label(self, a: dict) -> str:
        return f'<p class="sec">{e(a["section_zh"])}<span class="en">{e(a["section_en"])}</span></p>\n'

    def intro(self, a: dict) -> None:
        """A section intro: the page is display type (title, English title, byline, deck)."""
        out = ['<div class="newpage intro">', mark(a["id"], "start"), self.section_label(a)]
        out.append(f"<h1>{e(a['title_zh'])}</h1>")
        out.append(f'<p class="title-en">{e(a["title_en"])}</p>')
        out.append(self.byline(a))
        out.append(self.deck(a))
        out.append(mark(a["id"], "end") + "</div>\n")
        self.out += out
        self.n_article += 1

    def article(self, a: dict, idx: int) -> None:
        prev = self.prev
        new_section = prev is None or prev.get("section_zh") != a["section_zh"]
        runs_on = (
            not new_section
            and prev is not None
            and prev["kind"] == "article"
            and prev.get("blocks")
            and a.get("blocks")
            and not a.get("abstract_zh")
            and self.n_article % 2 == 0
        )
        cls = "runon" if runs_on else "newpage"
        if a["id"] == "a04":  # the folios count from the editorial
            cls += " editorial"
        out = [f'<div class="{cls}">', mark(a["id"], "start")]
        if new_section and not runs_on:
            out.append(f'<p class="opener">{e(a["section_zh"])}</p>')
        out.append(self.section_label(a))
        if a.get("items") and not a.get("blocks") and a["title_zh"] == a["items"][0]["title_zh"]:
            out.append(self.profiles(a))  # the first profile's heading is the unit's title
        else:
            out.append(f"<h1>{e(a['title_zh'])}</h1>")
            if a.get("subtitle_zh"):
                out.append(f'<p class="subtitle">——{e(a["subtitle_zh"])}</p>')
            if a.get("title_en"):
                out.append(f'<p class="title-en">{e(a["title_en"])}</p>')
            by = self.byline(a)
            out.append(by if self.n_article % 2 == 0 else "")
            out.append(self.deck(a))
            out.append("" if self.n_article % 2 == 0 else by)
            for label, text in (
                ("摘要：", a.get("abstract_zh")),
                ("关键词：", "；".join(a.get("keywords_zh") or [])),
            ):
                if text:
                    out.append(f'<p class="runin"><b>{label}</b>{e(text)}</p>\n')
            out.append(self.briefs(a) if a.get("items") else self.body(a, idx))
        out.append(mark(a["id"], "end") + "</div>\n")
        self.out += out
        self.n_article += 1

    def body(self, a: dict, idx: int) -> str:
        cols = "cols3" if idx % 3 == 0 and a["id"] != "a04" else "cols2"
        blocks = a["blocks"]
        k, quote = pull_quote(blocks, idx)
        tables = list(a.get("tables") or [])
        captions = list(a["captions"])
        segs: list[str] = []
        cur = ""
        for i, b in enumerate(blocks):
            if i == k and quote:
                cut = quote_cut(b["text"])
                cur += f"<p>{e(b['text'][:cut])}</p>\n<p class='pq'>{e(quote)}</p>\n"
                cur += f"<p class='goon'>{e(b['text'][cut:])}</p>\n"
            else:
                cur += block_html(b)
            if captions and i % 5 == 2:
                cur += self.fig(captions.pop(0))
            if tables and b["type"] == "paragraph" and b["text"].rstrip().endswith(("：", ":")):
                segs.append(f'<div class="{cols}">\n{cur}</div>\n')
                segs.append(self.table(tables.pop(0)))
                cur = ""
        cur += "".join(self.fig(c) for c in captions)
        for s in a["summaries"]:
            cur += (
                f'<div class="summary"><p class="hd">{HEADINGS[s["kind"]]}</p><p>{e(s["text"])}</p></div>\n'
            )
        segs.append(f'<div class="{cols}">\n{cur}</div>\n')
        segs += [self.table(t) for t in tables]
        return "".join(segs)

    def table(self, t: dict) -> str:
        """The first table of the issue fully ruled, the next ones three-line, each at a page top."""
        self.n_table += 1
        return table_html(t, "grid" if self.n_table == 1 else "three")

    def briefs(self, a: dict) -> str:
        out = ""
        for n, it in enumerate(a["items"], start=1):
            out += f'<p class="brief-h"><span class="n">{n}</span>{e(it["title_zh"])}</p>\n'
            out += "".join(block_html(b) for b in it["blocks"])
            out += "".join(self.fig(c) for c in it.get("captions") or [])
        return f'<div class="cols3 briefs">\n{out}</div>\n'

    def profiles(self, a: dict) -> str:
        out = ""
        for it in a["items"]:
            out += f'<p class="profile-h">{e(it["title_zh"])}</p>\n'
            out += "".join(block_html(b) for b in it["blocks"])
            out += "".join(self.fig(c) for c in it.get("captions") or [])
            if it.get("title_en"):
                out += f'<p class="profile-en-h">{e(it["title_en"])}</p>\n'
            if it.get("text_en"):
                out += f'<p class="profile-en">{e(it["text_en"])}</p>\n'
        return f'<div class="cols2">\n{out}</div>\n'

    # ------------------------------------------------------------- driver
    def opening(self) -> str:
        """What the document opens with, before the first unit (a house style's own furniture)."""
        return ""

    def unit_break(self) -> str:
        """Set before a unit that is not an article: no running section over its pages."""
        return '<p class="sec" style="display: none"></p>'

    def style(self) -> str:
        return CSS.replace("HEAD", self.head)

    def document(self) -> str:
        issue = self.key["issue"]
        self.head = f"{issue['journal_zh']}  {issue['year']}年第{issue['number']}期"
        self.out.append(self.opening())
        seen_editorial = False
        for idx, a in enumerate(self.key["articles"]):
            kind = a["kind"]
            if kind != "article":
                self.out.append(self.unit_break())
            if kind == "cover":
                self.cover(a)
            elif kind == "notice":
                self.notice(a, front=not seen_editorial)
            elif kind == "masthead":
                self.masthead(a)
            elif kind == "toc":
                self.contents(a)
            elif kind == "advertisement":
                self.advert(a)
            elif not a["blocks"] and not a.get("items"):
                self.intro(a)
            else:
                seen_editorial = True
                self.article(a, idx)
            self.prev = a
        body = "".join(self.out)
        return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{self.style()}</style></head><body>{body}</body></html>'


def compile_issue(key: dict, house: type[Issue] = Issue) -> tuple[bytes, dict, dict]:
    """(PDF, its answer key, the physical pages of every entry), in `house`'s style."""
    from weasyprint import HTML

    iss = house(key)
    doc = HTML(string=iss.document()).render()
    pages: dict[str, dict] = {}
    for n, page in enumerate(doc.pages, start=1):
        for anchor in page.anchors:
            what, _, aid = anchor.partition("-")
            if what in ("start", "end"):
                pages.setdefault(aid, {})[what] = n
    first = pages["a04"]["start"]  # the folios count from the editorial's page
    folio = {aid: p["start"] - first + 1 for aid, p in pages.items()}
    pdf = doc.write_pdf()
    return pdf, printed_key(iss.key, folio, iss.head), pages


def main(argv: list[str] | None = None, house: type[Issue] = Issue, doc: str | None = None) -> None:
    ap = argparse.ArgumentParser(description=(doc or __doc__).splitlines()[0])
    ap.add_argument("--truth", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--extract", type=Path, help="also save these pages (--pages) of it here")
    ap.add_argument("--pages", default="5-7", help="physical pages of the extract")
    args = ap.parse_args(argv)
    key = json.loads(args.truth.read_text(encoding="utf-8"))
    pdf, truth, pages = compile_issue(key, house)
    write_rendition(args.out, pdf, truth, pages, args.extract, args.pages)


if __name__ == "__main__":
    main()
