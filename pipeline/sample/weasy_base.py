"""The shared base of the issue typeset by WeasyPrint (HTML and CSS Paged Media): the style sheet
every WeasyPrint house style starts from, the HTML of every unit (cover, notices, masthead,
contents, articles, adverts, profile round-ups, numbered briefs) with the places a house style
changes named as methods of `Issue`, and the driver that renders the HTML, reads each unit's pages
from its anchors and writes the rendition (PDF, key, pages) with its extract.

The houses: weasy_issue (the third house style), weasy_outer (the fourth: furniture on the outer
edge) and quad_issue (the seventh: a news weekly's four columns). Each is a subclass of `Issue`
that overrides the hooks where it differs and adds its own CSS after `CSS`; everything else, and so
every decision the houses share, is made here once.
"""

from __future__ import annotations

import base64
import copy
import html

from .art import photo_pixmap, qr_pixmap
from .spaced import spaced
from .story import HEADINGS
from .typeset import pull_quote, quote_cut
from .typst_issue import printed_key, rendition_main, set_front_unit

# the sheet of the third house style (weasy_issue), which the other houses extend: a running head
# "HEAD" is replaced by the journal and issue
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
    """The article as these house styles print it: a space between Chinese and Latin words or
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
    """An anchor the driver finds on the page it falls on: a unit's start or end."""
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


def summary_box(s: dict, cls: str) -> str:
    """A Reading Summary in a box of class `cls`, under its small heading."""
    return f'<div class="{cls}"><p class="hd">{HEADINGS[s["kind"]]}</p><p>{e(s["text"])}</p></div>\n'


class Issue:
    """The HTML of the whole issue, unit by unit, recording what it prints where the key must say
    so (text with spaces between scripts, bylines). A house style subclasses it: the class
    attributes and the methods under "hooks" are where the houses differ."""

    CSS = CSS
    # the contents: each page number before its title (True), else after dot leaders
    TOC_PAGE_FIRST = False
    # a pull quote across the page, between the columns over it and those under it (True), else
    # inside its column
    QUOTE_ACROSS = False
    # the body's first paragraph opens with a drop cap
    DROP_CAP = False
    # the class of a numbered brief's number
    BRIEF_NUMBER = "n"
    # the class of the body's tables
    TABLE_STYLE = "grid"

    def __init__(self, key: dict):
        self.key = copy.deepcopy(key)
        self.key["articles"] = [printed(a) if a["kind"] == "article" else a for a in self.key["articles"]]
        self.out: list[str] = []
        self.n_article = 0
        self.n_fig = 0
        self.n_table = 0
        self.prev: dict | None = None
        self.runs_on = False

    # ------------------------------------------------------------- hooks
    def byline_text(self, authors: list[str]) -> str:
        """A magazine article's byline (an academic paper prints the names only)."""
        return " ".join(authors)

    def furniture(self, a: dict) -> str:
        """What an article's box opens with, before its start mark (a tab, a running title)."""
        return ""

    def contents_furniture(self) -> str:
        """What the contents' box opens with, before its start mark."""
        return ""

    def article_head(self, a: dict, new_section: bool) -> str:
        """What stands over an article's title (a section label, an opener)."""
        return ""

    def titles(self, a: dict) -> str:
        """The title, its subtitle and its English title, in that order."""
        out = f"<h1>{e(a['title_zh'])}</h1>"
        if a.get("subtitle_zh"):
            out += f'<p class="subtitle">——{e(a["subtitle_zh"])}</p>'
        if a.get("title_en"):
            out += f'<p class="title-en">{e(a["title_en"])}</p>'
        return out

    def title_area(self, a: dict) -> str:
        return self.titles(a) + self.byline(a) + self.deck(a)

    def intro_area(self, a: dict) -> str:
        """A section intro's page of display type."""
        return self.title_area(a)

    def runs_on_previous(self, a: dict, new_section: bool) -> bool:
        """Whether an article runs on under the previous one (else it opens a page): every other
        magazine article of a section that follows one with a body."""
        prev = self.prev
        return bool(
            not new_section
            and prev is not None
            and prev["kind"] == "article"
            and prev.get("blocks")
            and a.get("blocks")
            and not a.get("abstract_zh")
            and self.n_article % 2 == 0
        )

    def columns(self, a: dict, idx: int) -> str:
        """The class of the body's column boxes."""
        return "cols3" if idx % 3 == 0 and a["id"] != "a04" else "cols2"

    def summaries_at(self, a: dict, idx: int, place: str) -> str:
        """The Reading Summaries set at `place` of the body: "before" the columns, "first" or
        "last" in them, "after" them."""
        return ""

    def quote_html(self, quote: str) -> str:
        return f'<p class="pq">{e(quote)}</p>\n'

    def table(self, t: dict) -> str:
        return table_html(t, self.TABLE_STYLE)

    def opening(self) -> str:
        """What the document opens with, before the first unit (a house style's own furniture)."""
        return ""

    def unit_break(self) -> str:
        """Set before a unit that is not an article: no running section over its pages."""
        return '<p class="sec" style="display: none"></p>'

    def style(self) -> str:
        return self.CSS.replace("HEAD", self.head)

    # ------------------------------------------------------------- pictures
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
        """Two columns: a band per section, then each entry with its page (before its title or
        after dot leaders, TOC_PAGE_FIRST)."""
        by_page = {x["toc_page"]: x["id"] for x in self.key["articles"] if x.get("toc_page") is not None}
        out = ['<div class="newpage">', self.contents_furniture(), mark(a["id"], "start")]
        out.append('<p class="toc-title">目录<span>CONTENTS</span></p><div class="toc">')
        section = None
        for en in self.key["toc"]:
            if en["section_zh"] != section:
                section = en["section_zh"]
                out.append(f'<p class="s">{e(section)}<span class="en">{e(en["section_en"])}</span></p>')
            if en["level"] == 1 and en.get("page") is not None:
                href, title = f"#start-{by_page[en['page']]}", e(en["title_zh"])
                if self.TOC_PAGE_FIRST:
                    out.append(f'<p class="e"><a class="pg" href="{href}"></a>{title}</p>')
                else:
                    out.append(f'<p class="e"><a href="{href}">{title}</a></p>')
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
        # the academic paper: names only, as such papers print them
        text = " ".join(a["authors"]) if a.get("abstract_zh") else self.byline_text(a["authors"])
        a["byline"] = text
        return f'<p class="byline">{e(text)}</p>\n'

    def deck(self, a: dict) -> str:
        zh = [p for p in (a.get("deck_zh") or "").split("\n") if p.strip()]
        en = [p for p in (a.get("deck_en") or "").split("\n") if p.strip()]
        if not zh and not en:
            return ""
        inner = "".join(f"<p>{e(p)}</p>" for p in zh) + "".join(f'<p class="en">{e(p)}</p>' for p in en)
        return f'<div class="deck">{inner}</div>\n'

    def intro(self, a: dict) -> None:
        """A section intro: the page is display type (title, English title, byline, deck)."""
        self.out += [
            '<div class="newpage intro">',
            self.furniture(a),
            mark(a["id"], "start"),
            self.intro_area(a),
            mark(a["id"], "end") + "</div>\n",
        ]
        self.n_article += 1

    def article(self, a: dict, idx: int) -> None:
        new_section = self.prev is None or self.prev.get("section_zh") != a["section_zh"]
        self.runs_on = self.runs_on_previous(a, new_section)
        cls = "runon" if self.runs_on else "newpage"
        if a["id"] == "a04":  # the folios count from the editorial
            cls += " editorial"
        out = [
            f'<div class="{cls}">',
            self.furniture(a),
            mark(a["id"], "start"),
            self.article_head(a, new_section),
        ]
        if a.get("items") and not a.get("blocks") and a["title_zh"] == a["items"][0]["title_zh"]:
            out.append(self.profiles(a))  # the first profile's heading is the unit's title
        else:
            out.append(self.title_area(a))
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
        """The body in column boxes, cut by its tables (after the paragraph that announces each)
        and, QUOTE_ACROSS, by its pull quote; a figure after every fifth block."""
        cols = self.columns(a, idx)
        blocks = a["blocks"]
        k, quote = pull_quote(blocks, idx)
        drop = (
            next((i for i, b in enumerate(blocks) if b["type"] == "paragraph"), None)
            if self.DROP_CAP
            else None
        )
        tables = list(a.get("tables") or [])
        captions = list(a["captions"])
        segs = [self.summaries_at(a, idx, "before")]
        cur = self.summaries_at(a, idx, "first")
        for i, b in enumerate(blocks):
            if i == drop:
                cur += f'<p class="drop"><span class="dc">{e(b["text"][0])}</span>{e(b["text"][1:])}</p>\n'
            elif i == k and quote:
                cut = quote_cut(b["text"])
                cur += f"<p>{e(b['text'][:cut])}</p>\n"
                if self.QUOTE_ACROSS:
                    segs.append(f'<div class="{cols}">\n{cur}</div>\n{self.quote_html(quote)}')
                    cur = ""
                else:
                    cur += self.quote_html(quote)
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
        cur += self.summaries_at(a, idx, "last")
        segs.append(f'<div class="{cols}">\n{cur}</div>\n')
        segs.append(self.summaries_at(a, idx, "after"))
        segs += [self.table(t) for t in tables]
        return "".join(segs)

    def brief(self, n: int, it: dict) -> str:
        """A numbered brief: its number and heading, its text and pictures."""
        out = f'<p class="brief-h"><span class="{self.BRIEF_NUMBER}">{n}</span>{e(it["title_zh"])}</p>\n'
        out += "".join(block_html(b) for b in it["blocks"])
        return out + "".join(self.fig(c) for c in it.get("captions") or [])

    def briefs(self, a: dict) -> str:
        out = "".join(self.brief(n, it) for n, it in enumerate(a["items"], start=1))
        return f'<div class="cols3 briefs">\n{out}</div>\n'

    def profile(self, it: dict) -> str:
        """One profile of a round-up: its name-and-role heading, its Chinese text and pictures,
        its English name and text."""
        out = f'<p class="profile-h">{e(it["title_zh"])}</p>\n'
        out += "".join(block_html(b) for b in it["blocks"])
        out += "".join(self.fig(c) for c in it.get("captions") or [])
        if it.get("title_en"):
            out += f'<p class="profile-en-h">{e(it["title_en"])}</p>\n'
        if it.get("text_en"):
            out += f'<p class="profile-en">{e(it["text_en"])}</p>\n'
        return out

    def profiles(self, a: dict) -> str:
        out = "".join(self.profile(it) for it in a["items"])
        return f'<div class="cols2">\n{out}</div>\n'

    # ------------------------------------------------------------- driver
    def document(self) -> str:
        issue = self.key["issue"]
        self.head = f"{issue['journal_zh']}  {issue['year']}年第{issue['number']}期"
        self.out.append(self.opening())
        seen_editorial = False
        for idx, a in enumerate(self.key["articles"]):
            kind = a["kind"]
            if kind != "article":
                self.out.append(self.unit_break())
            if set_front_unit(self, a, front=not seen_editorial):
                pass
            elif not a["blocks"] and not a.get("items"):
                self.intro(a)
            else:
                seen_editorial = True
                self.article(a, idx)
            self.prev = a
        body = "".join(self.out)
        return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{self.style()}</style></head><body>{body}</body></html>'


def compile_issue(key: dict, house: type[Issue]) -> tuple[bytes, dict, dict]:
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


def main(argv: list[str] | None, house: type[Issue], doc: str) -> None:
    """A house's command line: the rendition from the corpus key, and an extract of it if asked."""
    rendition_main(argv, doc, lambda key, args: compile_issue(key, house))
