"""A sixth producer: the whole sample issue typeset by Typst (the `typst` package, a Python binding
with the compiler bundled), in a house style that neither our typesetter nor the foreign renditions
use, so that the pipeline meets an engine and a look it was never shown:

- a 3-column grid (2 for profiles and the editorial), 9 pt Noto Serif CJK, Liberation Serif for
  English; Typst's own CJK-Latin spacing (a gap, not a space glyph) and its justification
- the contents page as a two-column list, page numbers first ("06  标题"), English title in italic
  under each entry, the second-level entries indented without a number
- section openers: the section's name in big light display type across the top of the page
- section intros (a title, a deck and its English, no body) set as a full page of display type
- decks in sans grey across the columns with a rule under them; bylines as "文｜张三 李四" or
  "■ 张三" (alternating); articles of a section running on mid-page under a thick rule
- pull quotes between two rules in the middle of a paragraph (the paragraph goes on after them)
- English summaries in a framed box that breaks across columns and pages
- numbered briefs ("1 标题") in three columns; profile round-ups with the English title under each
  Chinese name heading and the English text in smaller italic after its Chinese text
- three-line tables across the page (top rule, rule under the header, bottom rule)
- running heads: the journal on even pages, the section on odd ones; folios in the outer margin,
  numbered from the editorial (the cover and the two notice pages before it have none)
- a full-page advertisement without running head or folio

Deterministic (Typst writes no date; same source, same bytes). Writes the PDF, its answer key
(the same content as the corpus key; `toc_page` and the contents' pages are the folios this
rendition prints, bylines as printed) and `*.pages.json` (the physical pages of every key entry).

    python -m pipeline.sample.typst_issue --truth ../shared/corpus/issue-2026-v2n1.truth.json \
        --out data/out/typst/typst-issue.pdf [--extract tests/fixtures/typst/typst-extract.pdf]

`make eval` makes it (two seconds) and scores it; the PDF is not committed, a three-page extract
is (tests/test_typst.py).
"""

from __future__ import annotations

import argparse
import copy
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from .art import photo_pixmap, qr_pixmap
from .story import HEADINGS
from .typeset import pull_quote

FONT_DIRS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/liberation"]

PRELUDE = r"""
#let SERIF = "Noto Serif CJK SC"
#let SANS = "Noto Sans CJK SC"
#let LATIN = "Liberation Serif"
#let accent = rgb("#1f6f78")
#let grey = luma(105)
#set document(date: none)
#set text(font: (LATIN, SERIF), size: 9pt, lang: "zh", region: "cn", fill: luma(20))
#set par(justify: true, leading: 0.72em, spacing: 0.72em, first-line-indent: (amount: 2em, all: true))
#let folio-from = <folio-from>
#let numbered(p) = {
  let f = query(folio-from)
  f.len() > 0 and f.first().location().page() <= p
}
#let section-at(p) = {
  let ms = query(<secmark>).filter(m => m.location().page() <= p)
  if ms.len() == 0 { none } else { ms.last().value }
}
#set page(
  width: 210mm, height: 285mm,
  margin: (top: 22mm, bottom: 20mm, inside: 17mm, outside: 25mm),
  header: context {
    let p = here().page()
    if not numbered(p) { return }
    set text(font: SANS, size: 7pt, fill: grey)
    set par(first-line-indent: 0pt)
    if calc.even(p) {
      align(left)[HEAD]
    } else {
      let s = section-at(p)
      if s != none and s.at(0) != "" { align(right)[#s.at(0)#h(6pt)#text(font: LATIN, style: "italic")[#s.at(1)]] }
    }
    v(-4pt)
    line(length: 100%, stroke: 0.4pt + luma(170))
  },
  footer: context {
    let p = here().page()
    if not numbered(p) { return }
    let n = counter(page).get().first()
    let s = text(font: SANS, weight: "bold", size: 12pt, fill: accent, str(n))
    if calc.odd(p) { place(right, dx: 17mm, dy: -1mm, s) } else { place(left, dx: -17mm, dy: -1mm, s) }
  },
)
#let label-sec(zh, en) = block(below: 6pt, text(font: SANS, size: 8pt, fill: white)[
  #box(fill: accent, inset: (x: 4pt, y: 2pt))[#zh]#h(5pt)#text(fill: accent, font: LATIN, style: "italic")[#en]])
#let opener(zh, en) = block(below: 10pt, width: 100%)[
  #set par(first-line-indent: 0pt, justify: false)
  #text(font: SANS, weight: "light", size: 40pt, fill: luma(205))[#zh]
  #v(-16pt)
  #text(font: LATIN, size: 11pt, fill: accent, tracking: 1.5pt)[#upper(en)]
  #v(-6pt)
  #line(length: 100%, stroke: 2pt + accent)]
#let ttl(t) = block(above: 4pt, below: 6pt, par(first-line-indent: 0pt, justify: false,
  text(font: SANS, weight: "bold", size: 21pt, t)))
#let subtitle(t) = block(below: 5pt, par(first-line-indent: 0pt, text(font: SANS, size: 12pt, fill: luma(60), t)))
#let title-en(t) = block(below: 8pt, par(first-line-indent: 0pt, justify: false,
  text(font: LATIN, style: "italic", size: 11pt, fill: accent, t)))
#let deck(zh, en) = block(width: 100%, below: 8pt, stroke: (bottom: 0.7pt + luma(150)), inset: (bottom: 7pt))[
  #set text(font: SANS, size: 9.5pt, fill: grey)
  #set par(first-line-indent: 0pt, leading: 0.8em)
  #for p in zh { par(p) }
  #for p in en { par(text(font: LATIN, style: "italic", size: 9pt, p)) }]
#let byline(t) = block(below: 10pt, par(first-line-indent: 0pt, text(font: SANS, size: 8.5pt, weight: "medium", t)))
#let head(t) = block(above: 9pt, below: 5pt, sticky: true, par(first-line-indent: 0pt, justify: false,
  text(font: SANS, weight: "bold", size: 9.5pt, fill: accent, t)))
#let pq(t) = block(above: 9pt, below: 9pt, width: 100%, breakable: false,
  stroke: (top: 1.2pt + accent, bottom: 1.2pt + accent), inset: (y: 7pt),
  par(first-line-indent: 0pt, justify: false, text(font: SANS, weight: "bold", size: 12.5pt, fill: accent, t)))
#let summ(hd, t) = block(breakable: true, width: 100%, above: 8pt, below: 8pt, fill: rgb("#f0f5f5"),
  stroke: 0.6pt + accent, inset: 6pt)[
  #set text(font: LATIN, size: 8.2pt, lang: "en", hyphenate: true)
  #set par(first-line-indent: 0pt, justify: true, leading: 0.55em)
  #text(weight: "bold", size: 9.5pt, fill: accent, hd)
  #parbreak()
  #t]
#let fig(cap, photo) = block(breakable: false, above: 8pt, below: 8pt, width: 100%)[
  #if photo == none { rect(width: 100%, height: 68pt, fill: gradient.linear(luma(150), luma(215)), stroke: none) } else { image(photo, width: 100%, height: 80pt, fit: "cover") }
  #v(-3pt)
  #par(first-line-indent: 0pt, justify: false, text(font: SANS, size: 7pt, fill: grey, cap))]
#let boxed(t) = block(breakable: true, width: 100%, above: 6pt, below: 8pt, fill: luma(238), inset: 6pt,
  par(first-line-indent: 0pt, text(font: SANS, size: 8pt, t)))
#let after(t) = block(above: 10pt, width: 100%, stroke: (top: 0.5pt + grey), inset: (top: 6pt),
  par(text(font: SANS, size: 8.5pt, fill: luma(60), t)))
#let note(t) = block(above: 6pt, par(first-line-indent: 0pt, text(size: 7.5pt, fill: luma(70), t)))
#let refr(t) = block(above: 2pt, below: 2pt, par(first-line-indent: 0pt, hanging-indent: 1.5em, text(size: 7.5pt, t)))
#let item(t) = par(first-line-indent: 0pt, hanging-indent: 0pt, t)
#let runin(lab, t) = block(below: 5pt, par(first-line-indent: 0pt, text(size: 8.5pt)[#text(font: SANS, weight: "bold")[#lab]#t]))
#let en-text(t) = block(above: 4pt, below: 10pt, par(first-line-indent: 0pt,
  text(font: LATIN, style: "italic", size: 8pt, lang: "en", hyphenate: true, fill: luma(60), t)))
#let item-head(n, t, en) = block(above: 10pt, below: 4pt, sticky: true)[
  #set par(first-line-indent: 0pt, justify: false)
  #text(font: SANS, weight: "bold", size: 10pt)[#if n != none [#text(fill: accent, size: 13pt, n)#h(4pt)]#t]
  #if en != none { linebreak(); text(font: LATIN, weight: "bold", style: "italic", size: 8.5pt, fill: accent, en) }]
#let tbl(hdr, rows, widths, notes) = block(width: 100%, above: 10pt, below: 10pt, breakable: false)[
  #set par(first-line-indent: 0pt, justify: false)
  #set text(size: 7.8pt)
  #table(columns: widths, stroke: none, inset: (x: 4pt, y: 3.5pt), align: left,
    table.hline(stroke: 1.1pt),
    ..hdr.map(h => text(font: SANS, weight: "bold", h)),
    table.hline(stroke: 0.5pt),
    ..rows.flatten(),
    table.hline(stroke: 1.1pt))
  #for n in notes { par(text(size: 7pt, fill: grey, n)) }]
#let runon-rule() = block(above: 16pt, below: 10pt, line(length: 100%, stroke: 2.5pt + luma(40)))
"""

# --style plain: another look on the same engine: two columns at 10 pt, the folio centred under
# the page between dashes and the journal over every page, decks in serif ink between two rules,
# pull quotes under a big opening quote mark without rules, English summaries run on in the columns
# under a rule and a small heading (no box), round-up English in upright type, ruled tables.
PLAIN = r"""
#set text(size: 10pt)
#set page(
  width: 210mm, height: 297mm, margin: (top: 24mm, bottom: 24mm, x: 20mm),
  header: context {
    let p = here().page()
    if not numbered(p) { return }
    align(center, text(font: SANS, size: 7.5pt, fill: grey)[HEAD])
  },
  footer: context {
    let p = here().page()
    if not numbered(p) { return }
    align(center, text(font: LATIN, size: 9pt)[— #counter(page).get().first() —])
  },
)
#let deck(zh, en) = block(width: 100%, below: 10pt, stroke: (top: 0.6pt + luma(90), bottom: 0.6pt + luma(90)),
  inset: (y: 6pt))[
  #set text(size: 10pt, fill: rgb("#5a3d1e"))
  #set par(first-line-indent: (amount: 2em, all: true), leading: 0.75em)
  #for p in zh { par(p) }
  #for p in en { par(first-line-indent: 0pt, text(font: LATIN, size: 9pt, p)) }]
#let pq(t) = block(above: 10pt, below: 10pt, width: 100%, breakable: false, inset: (x: 8pt))[
  #set par(first-line-indent: 0pt, justify: false)
  #text(font: LATIN, size: 30pt, fill: accent)[“]
  #v(-18pt)
  #text(font: SERIF, weight: "bold", size: 11.5pt, fill: luma(50), t)]
#let summ(hd, t) = block(breakable: true, width: 100%, above: 10pt, below: 10pt,
  stroke: (top: 0.8pt + accent), inset: (top: 5pt))[
  #set text(font: LATIN, size: 8.8pt, lang: "en", hyphenate: true)
  #set par(first-line-indent: 0pt, justify: true, leading: 0.5em)
  #text(font: SANS, weight: "bold", size: 8pt, fill: accent, upper(hd))
  #parbreak()
  #t]
#let en-text(t) = block(above: 4pt, below: 10pt, par(first-line-indent: 0pt,
  text(font: LATIN, size: 8.5pt, lang: "en", hyphenate: true, fill: luma(40), t)))
#let tbl(hdr, rows, widths, notes) = block(width: 100%, above: 10pt, below: 10pt, breakable: false)[
  #set par(first-line-indent: 0pt, justify: false)
  #set text(size: 8pt)
  #table(columns: widths, stroke: 0.5pt + luma(80), inset: 4pt, align: left,
    fill: (_, y) => if y == 0 { luma(225) },
    ..hdr, ..rows.flatten())
  #for n in notes { par(text(size: 7pt, fill: grey, n)) }]
"""

STYLES = {"grid": "", "plain": PLAIN}

TAIL = r"""
#context [#metadata(query(<mark>).map(m => (m.value, m.location().page(),
  counter(page).at(m.location()).first())))<pagemap>]
"""

BYLINE_FORMS = ("文｜{}", "■ {}")


def s(text: str) -> str:
    """A Typst string literal (JSON's escapes are Typst's too)."""
    return json.dumps(text, ensure_ascii=False)


def arr(items: list[str]) -> str:
    return "(" + "".join(s(x) + ", " for x in items) + ")"


def mark(aid: str, what: str) -> str:
    return f'#metadata(("{aid}", "{what}"))<mark>\n'


def sec_mark(a: dict) -> str:
    return f"#metadata(({s(a['section_zh'] or '')}, {s(a['section_en'] or '')}))<secmark>\n"


def para(text: str) -> str:
    return f"#par[#{s(text)}]\n"


def block_markup(b: dict) -> str:
    t, text = b["type"], b["text"]
    if t == "heading":
        return f"#head({s(text)})\n"
    if t == "list_item":
        return f"#item({s(text)})\n"
    if t == "reference":
        return f"#refr({s(text)})\n"
    if t == "note":
        return f"#note({s(text)})\n"
    if t == "bio":
        return f"#boxed({s(text)})\n"
    if t == "afterword":
        return f"#after({s(text)})\n"
    return para(text)


def quoted(text: str, quote: str) -> str:
    """A paragraph cut by a pull quote near its middle (at a comma when there is one): the
    paragraph goes on after the quote without an indent."""
    mid = len(text) // 2
    commas = [i + 1 for i, ch in enumerate(text) if ch == "，" and len(text) // 4 < i < 3 * len(text) // 4]
    cut = min(commas, key=lambda i: abs(i - mid)) if commas else mid
    return (
        para(text[:cut])
        + f"#pq({s(quote)})\n"
        + f"#par(first-line-indent: (amount: 0pt, all: true))[#{s(text[cut:])}]\n"
    )


def table_markup(t: dict) -> str:
    n = len(t["header"])
    # a column of long texts (policy titles) takes the rest of the width
    longest = [max(len(r[c]) for r in t["rows"]) for c in range(n)]
    widths = "(" + ", ".join("1fr" if w > 20 else "auto" for w in longest) + ",)"
    if "1fr" not in widths:
        widths = f"({', '.join(['1fr'] * n)},)"
    rows = "(" + ", ".join(arr(r) for r in t["rows"]) + ",)"
    return f"#tbl({arr(t['header'])}, {rows}, {widths}, {arr(t.get('notes') or [])})\n"


class Issue:
    """Builds the Typst source of the whole issue, article by article, recording what it prints
    where the key must say so (bylines as printed)."""

    def __init__(self, key: dict, style: str = "grid"):
        self.key = copy.deepcopy(key)
        self.style = style
        self.body_cols = 2 if style == "plain" else 3
        self.src: list[str] = []
        self.prev: dict | None = None
        self.n_article = 0
        self.assets: dict[str, bytes] = {}  # images the source names, written beside it
        self.n_fig = 0

    def qr(self, seed: str) -> str:
        name = f"qr-{len(self.assets)}.png"
        self.assets[name] = qr_pixmap(seed).tobytes("png")
        return name

    def fig(self, caption: str) -> str:
        """A figure: every other one a photo (an image), the others drawn (a shading)."""
        self.n_fig += 1
        if self.n_fig % 2:
            return f"#fig({s(caption)}, none)\n"
        name = f"photo-{len(self.assets)}.png"
        self.assets[name] = photo_pixmap(caption).tobytes("png")
        return f"#fig({s(caption)}, {s(name)})\n"

    # ------------------------------------------------------------- front and back matter
    def cover(self, a: dict) -> None:
        out = [
            '#page(header: none, footer: none, margin: 16mm, fill: rgb("#123c40"))[\n',
            mark(a["id"], "start"),
        ]
        out.append("#set text(fill: white, font: SANS)\n#set par(first-line-indent: 0pt, justify: false)\n")
        out.append(f'#text(size: 46pt, weight: "black")[#{s(a["title_zh"])}]\n\n')
        out.append(f"#text(font: LATIN, size: 12pt, tracking: 1pt)[#{s(a['title_en'])}]\n\n#v(14pt)\n")
        for b in a["blocks"]:
            size = "15pt" if b["type"] == "heading" else "9pt"
            weight = "bold" if b["type"] == "heading" else "regular"
            out.append(f'#block(below: 8pt, text(size: {size}, weight: "{weight}")[#{s(b["text"])}])\n')
        out.append(mark(a["id"], "end") + "]\n")
        self.src += out

    def notice(self, a: dict, cols: int = 1) -> None:
        out = ["#pagebreak(weak: true)\n", mark(a["id"], "start")]
        if a.get("title_zh"):
            out.append(f"#ttl({s(a['title_zh'])})\n")
        if a.get("title_en"):
            out.append(f"#title-en({s(a['title_en'])})\n")
        body = "".join(block_markup(b) for b in a["blocks"])
        body += "".join(
            f"#box(width: 48%)[#image({s(self.qr(c))}, width: 60pt)#note({s(c)})]\n" for c in a["captions"]
        )
        out.append(f"#columns({cols}, gutter: 7mm)[\n{body}]\n" if cols > 1 else body)
        out.append(mark(a["id"], "end"))
        self.src += out

    def masthead(self, a: dict) -> None:
        out = ["#pagebreak(weak: true)\n", mark(a["id"], "start"), "#set text(size: 8pt)\n"]
        out.append("#columns(3, gutter: 6mm)[\n")
        for b in a["blocks"]:
            if b["type"] == "heading":
                out.append(
                    f'#block(above: 7pt, below: 2pt, text(font: SANS, weight: "bold", fill: accent)[#{s(b["text"])}])\n'
                )
            else:
                out.append(f"#block(above: 1pt, below: 1pt, par(first-line-indent: 0pt)[#{s(b['text'])}])\n")
        out.append("]\n#set text(size: 9pt)\n")
        out.append(mark(a["id"], "end"))
        self.src += out

    def contents(self, a: dict) -> None:
        """Two columns: section labels, then each entry with its page number first."""
        by_page = {x["toc_page"]: x["id"] for x in self.key["articles"] if x.get("toc_page") is not None}
        out = ["#pagebreak(weak: true)\n", mark(a["id"], "start")]
        out.append('#opener("目录", "Contents")\n#columns(2, gutter: 9mm)[\n')
        out.append("#set par(first-line-indent: 0pt, justify: false)\n")
        section = None
        for e in self.key["toc"]:
            if e["section_zh"] != section:
                section = e["section_zh"]
                out.append(
                    f'#block(above: 10pt, below: 5pt, text(font: SANS, weight: "bold", size: 10pt, fill: accent)'
                    f'[#{s(section)}#h(5pt)#text(font: LATIN, style: "italic", weight: "regular")[#{s(e["section_en"] or "")}]])\n'
                )
            en = (
                f'#linebreak()#text(font: LATIN, style: "italic", size: 7.5pt, fill: grey)[#{s(e["title_en"])}]'
                if e.get("title_en")
                else ""
            )
            sub = f"#linebreak()#text(size: 8pt)[——#{s(e['subtitle_zh'])}]" if e.get("subtitle_zh") else ""
            if e["level"] == 1 and e.get("page") is not None:
                num = f'#context text(font: SANS, weight: "bold", size: 12pt, fill: accent, {{ let n = counter(page).at(label({s("art-" + by_page[e["page"]])})).first(); if n < 10 {{ "0" + str(n) }} else {{ str(n) }} }})'
                out.append(
                    f"#block(below: 7pt, grid(columns: (9mm, 1fr), column-gutter: 2mm, [{num}], "
                    f"[#text(font: SANS, size: 9.5pt)[#{s(e['title_zh'])}]{sub}{en}]))\n"
                )
            else:
                out.append(
                    f"#block(below: 5pt, inset: (left: 11mm), [#text(size: 8.5pt)[#{s(e['title_zh'])}]{sub}{en}])\n"
                )
        out.append("]\n")
        out.append(mark(a["id"], "end"))
        self.src += out

    def advert(self, a: dict) -> None:
        out = [
            '#page(header: none, footer: none, margin: 20mm, fill: rgb("#7a1f1f"))[\n',
            mark(a["id"], "start"),
        ]
        out.append(
            "#set text(fill: white, font: SANS)\n#set par(first-line-indent: 0pt, justify: false)\n#v(40mm)\n"
        )
        out.append(f'#align(center, text(size: 54pt, weight: "black")[#{s(a["title_zh"])}])\n')
        if a.get("subtitle_zh"):
            out.append(f"#align(center, text(size: 18pt)[#{s(a['subtitle_zh'])}])\n")
        if a.get("title_en"):
            out.append(
                f"#align(center, text(font: LATIN, size: 20pt, tracking: 3pt)[#{s(a['title_en'])}])\n#v(20mm)\n"
            )
        for b in a["blocks"]:
            out.append(f"#align(center, block(width: 80%, below: 10pt, text(size: 10pt)[#{s(b['text'])}]))\n")
        out.append("#v(1fr)\n#align(center)[")
        for c in a["captions"]:
            out.append(f"#box(inset: 8pt)[#image({s(self.qr(c))}, width: 50pt)#text(size: 7pt)[#{s(c)}]]")
        out.append("]\n" + mark(a["id"], "end") + "]\n")
        self.src += out

    # ------------------------------------------------------------- articles
    def _byline(self, a: dict) -> str | None:
        if not a.get("authors"):
            return None
        if a.get("abstract_zh"):  # the academic paper: names only, as such papers print them
            printed = " ".join(a["authors"])
        else:
            printed = BYLINE_FORMS[self.n_article % 2].format(" ".join(a["authors"]))
        a["byline"] = printed
        return printed

    def intro(self, a: dict) -> None:
        """A section intro: the page is display type (title, English title, deck in both languages)."""
        out = [
            "#pagebreak(weak: true)\n",
            mark(a["id"], "start"),
            f"#metadata(none)<art-{a['id']}>\n",
            sec_mark(a),
        ]
        out.append(f"#opener({s(a['section_zh'])}, {s(a['section_en'])})\n#v(30mm)\n")
        out.append(
            f'#block(below: 10pt, par(first-line-indent: 0pt, justify: false, text(font: SANS, weight: "black", size: 34pt)[#{s(a["title_zh"])}]))\n'
        )
        out.append(f"#title-en({s(a['title_en'])})\n")
        by = self._byline(a)
        if by:
            out.append(f"#byline({s(by)})\n")
        out.append("#v(10mm)\n")
        zh = [p for p in (a.get("deck_zh") or "").split("\n") if p.strip()]
        en = [p for p in (a.get("deck_en") or "").split("\n") if p.strip()]
        out.append(f"#block(width: 75%, deck({arr(zh)}, {arr(en)}))\n")
        out.append(mark(a["id"], "end"))
        self.src += out
        self.n_article += 1

    def article(self, a: dict, idx: int) -> None:
        prev = self.prev
        new_section = prev is None or prev.get("section_zh") != a["section_zh"]
        runs_on = (
            not new_section
            and prev is not None
            and prev["kind"] == "article"
            and not prev.get("items")
            and (prev.get("blocks") or prev.get("items"))
            and not a.get("items")
            and not a.get("abstract_zh")
            and a["id"] not in ("a04",)
            and self.n_article % 3 != 0
        )
        out = ["#runon-rule()\n" if runs_on else "#pagebreak(weak: true)\n"]
        if a["id"] == "a04":
            out.append("#counter(page).update(1)\n#metadata(none)<folio-from>\n")
        out.append(mark(a["id"], "start"))
        out.append(f"#metadata(none)<art-{a['id']}>\n")
        out.append(sec_mark(a))
        if new_section and not runs_on:
            out.append(f"#opener({s(a['section_zh'])}, {s(a['section_en'])})\n")
        else:
            out.append(f"#label-sec({s(a['section_zh'])}, {s(a['section_en'])})\n")
        out.append(f"#ttl({s(a['title_zh'])})\n")
        if a.get("subtitle_zh"):
            out.append(f"#subtitle({s('——' + a['subtitle_zh'])})\n")
        if a.get("title_en"):
            out.append(f"#title-en({s(a['title_en'])})\n")
        by = self._byline(a)
        zh = [p for p in (a.get("deck_zh") or "").split("\n") if p.strip()]
        en = [p for p in (a.get("deck_en") or "").split("\n") if p.strip()]
        by_first = self.n_article % 2 == 0
        if by and by_first:
            out.append(f"#byline({s(by)})\n")
        if zh or en:
            out.append(f"#deck({arr(zh)}, {arr(en)})\n")
        if by and not by_first:
            out.append(f"#byline({s(by)})\n")
        for label, text in (
            ("摘要：", a.get("abstract_zh")),
            ("关键词：", "；".join(a.get("keywords_zh") or [])),
        ):
            if text:
                out.append(f"#runin({s(label)}, {s(text)})\n")
        out.append(self.body(a, idx))
        out.append(mark(a["id"], "end"))
        self.src += out
        self.n_article += 1

    def body(self, a: dict, idx: int) -> str:
        if a.get("items"):
            return self.roundup(a)
        cols = 2 if a["id"] == "a04" else self.body_cols
        blocks = a["blocks"]
        k, quote = pull_quote(blocks, idx)
        summaries = list(a["summaries"])
        at_end = bool(a.get("abstract_zh"))  # a paper's English abstract closes it
        summary_at = max(1, len(blocks) // 3)
        tables = list(a.get("tables") or [])
        captions = list(a["captions"])
        segs: list[str] = []
        cur = ""
        for i, b in enumerate(blocks):
            cur += quoted(b["text"], quote) if i == k else block_markup(b)
            if i == summary_at - 1 and not at_end:
                cur += "".join(f"#summ({s(HEADINGS[x['kind']])}, {s(x['text'])})\n" for x in summaries)
                summaries = []
            if captions and i % 5 == 2:
                cur += self.fig(captions.pop(0))
            if tables and b["type"] == "paragraph" and b["text"].rstrip().endswith(("：", ":")):
                segs.append(f"#columns({cols}, gutter: 5mm)[\n{cur}]\n")
                segs.append(table_markup(tables.pop(0)))
                cur = ""
        cur += "".join(self.fig(c) for c in captions)
        cur += "".join(f"#summ({s(HEADINGS[x['kind']])}, {s(x['text'])})\n" for x in summaries)
        segs.append(f"#columns({cols}, gutter: 5mm)[\n{cur}]\n")
        segs += [table_markup(t) for t in tables]
        return "".join(segs)

    def roundup(self, a: dict) -> str:
        numbered = not any(it.get("text_en") for it in a["items"])  # briefs: numbered, three columns
        cols = 3 if numbered else 2
        out = ""
        for n, it in enumerate(a["items"], start=1):
            en = s(it["title_en"]) if it.get("title_en") else "none"
            out += f"#item-head({s(str(n)) if numbered else 'none'}, {s(it['title_zh'])}, {en})\n"
            out += "".join(block_markup(b) for b in it["blocks"])
            out += "".join(self.fig(c) for c in it.get("captions") or [])
            if it.get("text_en"):
                out += f"#en-text({s(it['text_en'])})\n"
        return f"#columns({cols}, gutter: 6mm)[\n{out}]\n"

    # ------------------------------------------------------------- driver
    def source(self) -> str:
        issue = self.key["issue"]
        head = f"{issue['journal_zh']}  {issue['year']}年第{issue['number']}期"
        self.head = head
        for idx, a in enumerate(self.key["articles"]):
            kind = a["kind"]
            if kind != "article":
                self.src.append('#metadata(("", ""))<secmark>\n')
            if set_front_unit(self, a, cols=2 if len(a["blocks"]) > 10 else 1):
                pass
            elif not a["blocks"] and not a.get("items"):
                self.intro(a)
            else:
                self.article(a, idx)
            self.prev = a
        return (PRELUDE + STYLES[self.style]).replace("HEAD", head) + "".join(self.src) + TAIL


def compile_issue(key: dict, style: str = "grid") -> tuple[bytes, dict, dict]:
    """(PDF, its answer key, the physical pages of every entry)."""
    import typst

    iss = Issue(key, style)
    src = iss.source()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "issue.typ"
        path.write_text(src, encoding="utf-8")
        for name, data in iss.assets.items():
            (Path(tmp) / name).write_bytes(data)
        pdf = typst.compile(str(path), font_paths=FONT_DIRS)
        marks = json.loads(typst.query(str(path), "<pagemap>", field="value", one=True, font_paths=FONT_DIRS))
    pages: dict[str, dict] = {}
    folio: dict[str, int] = {}
    for (aid, what), page, printed in marks:
        pages.setdefault(aid, {})["start" if what == "start" else "end"] = page
        if what == "start":
            folio[aid] = printed
    return pdf, printed_key(iss.key, folio, iss.head), pages


# The method each whole-issue producer sets a unit of these kinds with; any other is an article.
UNIT_SETTERS = {
    "cover": "cover",
    "notice": "notice",
    "masthead": "masthead",
    "toc": "contents",
    "advertisement": "advert",
}


def set_front_unit(producer, unit: dict, **notice) -> bool:
    """Set a unit that is no article with the producer's method for its kind (keyword arguments go
    to its notice method); False for an article, which each producer sets its own way."""
    name = UNIT_SETTERS.get(unit["kind"])
    if name is None:
        return False
    getattr(producer, name)(unit, **(notice if name == "notice" else {}))
    return True


def printed_key(truth: dict, folio: dict[str, int], head: dict) -> dict:
    """The answer key as this rendition prints it (in place): each article's and contents entry's
    page becomes the folio the rendition printed on its first page; its running head the furniture."""
    orig_to_folio = {}
    for a in truth["articles"]:
        if a.get("toc_page") is not None:
            orig_to_folio[a["toc_page"]] = folio[a["id"]]
            a["toc_page"] = folio[a["id"]]
    for e in truth["toc"]:
        if e.get("page") is not None:
            e["page"] = orig_to_folio[e["page"]]
    truth["furniture"] = [head]
    return truth


def write_extract(pdf: Path, pages: str, out: Path) -> None:
    """A few pages of the rendition ("37-38,41"), saved small: a committed test fixture."""
    import pymupdf

    src = pymupdf.open(pdf)
    doc = pymupdf.open()
    for part in pages.split(","):
        first, _, last = part.partition("-")
        doc.insert_pdf(src, from_page=int(first) - 1, to_page=int(last or first) - 1)
    doc.subset_fonts()
    doc.save(out, garbage=4, deflate=True, no_new_id=True)


def write_rendition(
    out: Path, pdf: bytes, truth: dict, pages: dict, extract: Path | None, extract_pages: str
) -> None:
    """A rendition's files, as every whole-issue producer writes them: OUT (the PDF), OUT's stem
    .truth.json (the key remapped to its folios) and .pages.json (each unit's pages), and, when
    asked, the extract (a few pages, a committed fixture)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    stem = out.with_suffix("")
    Path(f"{stem}.truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    Path(f"{stem}.pages.json").write_text(json.dumps(pages, indent=1) + "\n", encoding="utf-8")
    if extract:
        extract.parent.mkdir(parents=True, exist_ok=True)
        write_extract(out, extract_pages, extract)
    print(f"{out}: {max(p['end'] for p in pages.values())} pages, {len(pdf) // 1024} KB")


def rendition_main(
    argv: list[str] | None,
    doc: str,
    make: Callable[[dict, argparse.Namespace], tuple[bytes, dict, dict]],
    pages: str = "5-7",
    options: Callable[[argparse.ArgumentParser], object] | None = None,
) -> None:
    """The command line every whole-issue producer shares: the corpus key (--truth), the PDF to
    write (--out) and, when asked, an extract of its pages (--extract, --pages: `pages` unless
    given); `options` adds a producer's own, `make(key, args)` sets the issue (PDF, key, pages)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--truth", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--extract", type=Path, help="also save these pages (--pages) of it here")
    ap.add_argument("--pages", default=pages, help="physical pages of the extract")
    if options:
        options(ap)
    args = ap.parse_args(argv)
    pdf, truth, unit_pages = make(json.loads(args.truth.read_text(encoding="utf-8")), args)
    write_rendition(args.out, pdf, truth, unit_pages, args.extract, args.pages)


def main(argv: list[str] | None = None) -> None:
    rendition_main(
        argv,
        __doc__,
        lambda key, args: compile_issue(key, args.style),
        pages="1,5-6,37-38,41",
        options=lambda ap: ap.add_argument("--style", default="grid", choices=sorted(STYLES)),
    )


if __name__ == "__main__":
    main()
