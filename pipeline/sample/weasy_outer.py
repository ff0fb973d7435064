"""The sample issue typeset by WeasyPrint in a fourth house style, the conventions of magazines
that put their furniture on the outer edge and their display type where ours never does:

- a wide outer margin: the section label as a vertical tab (white on colour, turned 90°) half way
  down it, the journal and issue turned along its top, the folio at its foot, beside the text's
  last line (no running head or folio over or under the text block); the article pages carry no
  section label of their own
- the English title over the Chinese one, in spaced sans; the Chinese title in a black display
  sans, the subtitle under it
- decks in a light grey slanted serif (the KaiTi look, made by slanting a face that has no italic)
  set in two columns across the page, the English deck after it in the same two columns; bylines
  "撰文／张三 李四" after the deck
- pull quotes between two rules across the whole page, cutting the columns above them from those
  under them (the paragraph they cut goes on under them without an indent)
- the Reading Summary in a ruled box beside the body (a float at the body's head, the article in
  one column wrapping round it), or in a ruled box across the page at the article's end
- captions above their pictures; tables without a single rule (header in bold sans, cells aligned)
- the contents with each page number before its title, in big type

Deterministic (same key, same bytes). Writes the PDF, its answer key and `*.pages.json` as
weasy_issue does.

    python -m pipeline.sample.weasy_outer --truth ../shared/corpus/issue-2026-v2n1.truth.json \\
        --out data/out/weasy-outer/weasy-outer.pdf [--extract tests/fixtures/weasy/outer-extract.pdf]

`make eval` makes it and scores it; the PDF is not committed.
"""

from __future__ import annotations

from . import weasy_base
from .weasy_base import CSS as BASE_CSS
from .weasy_base import Issue, e, summary_box

ACCENT = "#00607a"
# a summary longer than this (characters) is boxed at the article's end, not beside its body
SIDE_MAX_CHARS = 1500

CSS = (
    BASE_CSS
    + """
@page {
  size: 185mm 260mm; margin: 18mm 17mm 18mm 17mm;
  @top-left { content: none; border: none } @top-right { content: none; border: none }
  @bottom-left { content: none } @bottom-right { content: none }
}
@page :left {
  margin-left: 27mm; margin-right: 15mm;
  @top-left { content: none; border: none } @bottom-left { content: none }
  @left-top { content: element(head); width: 14mm; vertical-align: top }
  @left-middle { content: element(tab); width: 14mm }
  @left-bottom { content: counter(page); width: 14mm; vertical-align: bottom; text-align: center;
                 font: bold 13pt 'Liberation Sans'; color: ACCENT }
}
@page :right {
  margin-left: 15mm; margin-right: 27mm;
  @top-right { content: none; border: none } @bottom-right { content: none }
  @right-top { content: element(head); width: 14mm; vertical-align: top }
  @right-middle { content: element(tab); width: 14mm }
  @right-bottom { content: counter(page); width: 14mm; vertical-align: bottom; text-align: center;
                  font: bold 13pt 'Liberation Sans'; color: ACCENT }
}
@page front { @left-top { content: none } @left-middle { content: none } @left-bottom { content: none }
              @right-top { content: none } @right-middle { content: none } @right-bottom { content: none } }
@page cover { @left-top { content: none } @left-middle { content: none } @left-bottom { content: none }
              @right-top { content: none } @right-middle { content: none } @right-bottom { content: none } }
@page advert { @left-top { content: none } @left-middle { content: none } @left-bottom { content: none }
               @right-top { content: none } @right-middle { content: none } @right-bottom { content: none } }
.head { position: running(head) }
.head span { display: block; transform: rotate(90deg) translate(18mm, 0); white-space: nowrap;
             font: 7.5pt 'Noto Sans CJK SC'; color: #777; letter-spacing: 1pt }
.tab { position: running(tab) }
.tab span { display: block; transform: rotate(90deg); white-space: nowrap; background: ACCENT; color: white;
            font: bold 9pt 'Noto Sans CJK SC'; padding: 2pt 8pt; letter-spacing: 2pt }
.tab.none span { display: none }
.sec { display: none }
.opener { display: none }
h1 { font: 900 23pt/1.25 'Noto Sans CJK SC'; color: #111; margin: 2pt 0 5pt 0 }
.title-en { font: 8.4pt/1.35 'Liberation Sans'; color: ACCENT; letter-spacing: 0.8pt; margin: 4pt 0 2pt 0;
            break-after: avoid }
.subtitle { font: 11.5pt 'Noto Sans CJK SC'; color: #333 }
.deck { font: italic 300 9.6pt/1.75 'Noto Serif CJK SC'; color: #707070; border: none; columns: 2;
        column-gap: 7mm; padding: 0; margin: 6pt 0 8pt 0 }
.deck .en { font: italic 8.4pt/1.4 'Liberation Serif'; color: #707070 }
.byline { font: 8.6pt 'Noto Sans CJK SC'; color: #111; margin: 0 0 10pt 0 }
.pq { border-top: 1pt solid ACCENT; border-bottom: 1pt solid ACCENT; color: ACCENT;
      font: bold 13pt/1.45 'Noto Sans CJK SC'; padding: 5pt 10mm; margin: 8pt 0; text-align: center }
.one { columns: 1 }
.side { break-inside: avoid; float: right; width: 36%; margin: 0 0 6pt 5mm; border: 0.8pt solid #444; padding: 5pt 6pt;
        font: 8.2pt/1.38 'Liberation Serif'; text-align: left; hyphens: auto }
.side .hd, .endbox .hd { font: bold 8pt 'Liberation Sans'; color: ACCENT; text-indent: 0; margin-bottom: 3pt }
.side p, .endbox p { text-indent: 0 }
.endbox { border: 0.8pt solid #444; padding: 5pt 6pt; margin: 10pt 0 4pt 0; font: 8.3pt/1.38 'Liberation Serif';
          hyphens: auto; box-decoration-break: clone }
figcaption { margin: 0 0 2pt 0 }
table.bare { border: none; margin: 6pt 0 10pt 0 }
table.bare td, table.bare th { border: none; padding: 2pt 5pt }
table.bare th { font: bold 7.8pt 'Noto Sans CJK SC'; color: ACCENT }
.toc .e { font: 9.2pt 'Noto Sans CJK SC'; margin: 4pt 0 0 0 }
.toc .e a.pg::after { content: target-counter(attr(href), page); font: bold 14pt 'Liberation Sans'; color: ACCENT;
                        margin-right: 6pt }
"""
).replace("ACCENT", ACCENT)


class OuterIssue(Issue):
    """The issue in the outer-edge house style: what differs from weasy_base's is overridden."""

    CSS = CSS
    TOC_PAGE_FIRST = True
    QUOTE_ACROSS = True  # WeasyPrint loses text after a column-span: all that breaks across pages
    TABLE_STYLE = "bare"

    def fig(self, caption: str) -> str:
        """Caption over its picture."""
        html_ = super().fig(caption)
        pic, _, rest = html_.partition("<figcaption>")
        cap, _, _ = rest.partition("</figcaption>")
        return f"{pic.replace('<figure>', '<figure><figcaption>' + cap + '</figcaption>')}</figure>\n"

    def tab(self, section: str | None) -> str:
        if not section:
            return '<div class="tab none"><span>&#8203;</span></div>'
        return f'<div class="tab"><span>{e(section)}</span></div>'

    def furniture(self, a: dict) -> str:
        return self.tab(a.get("section_zh"))

    def byline_text(self, authors: list[str]) -> str:
        return "撰文／" + " ".join(authors)

    def title_area(self, a: dict) -> str:
        out = ""
        if a.get("title_en"):
            out += f'<p class="title-en">{e(a["title_en"])}</p>'
        out += f"<h1>{e(a['title_zh'])}</h1>"
        if a.get("subtitle_zh"):
            out += f'<p class="subtitle">——{e(a["subtitle_zh"])}</p>'
        return out + self.deck(a) + self.byline(a)

    def beside(self, a: dict, idx: int) -> bool:
        """The summaries boxed beside the body, only where the box fits on the article's first
        page (WeasyPrint lays a float that breaks across pages over the next article's type)."""
        return bool(
            idx % 2 == 0
            and not self.runs_on
            and a["summaries"]
            and sum(len(s["text"]) for s in a["summaries"]) <= SIDE_MAX_CHARS
            and not a.get("tables")
            and a["id"] != "a04"
        )

    def columns(self, a: dict, idx: int) -> str:
        if self.beside(a, idx):
            return "one"
        # three columns only round no table (WeasyPrint drops a line at a page foot in three columns
        # resumed under a table)
        return "cols3" if idx % 3 == 0 and a["id"] != "a04" and not a.get("tables") else "cols2"

    def summaries_at(self, a: dict, idx: int, place: str) -> str:
        beside = self.beside(a, idx)
        if (place, beside) in (("first", True), ("after", False)):
            return "".join(summary_box(s, "side" if beside else "endbox") for s in a["summaries"])
        return ""

    def opening(self) -> str:
        return f'<div class="head"><span>{e(self.head)}</span></div>'

    def unit_break(self) -> str:
        return self.tab(None)

    def style(self) -> str:
        return self.CSS  # the base sheet's running head "HEAD" is overridden, left as it is


def compile_issue(key: dict) -> tuple[bytes, dict, dict]:
    """(PDF, its answer key, the physical pages of every entry)."""
    return weasy_base.compile_issue(key, OuterIssue)


def main(argv: list[str] | None = None) -> None:
    weasy_base.main(argv, OuterIssue, __doc__)


if __name__ == "__main__":
    main()
