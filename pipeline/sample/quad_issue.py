"""The sample issue typeset by WeasyPrint in a seventh house style, a news weekly's: narrow columns,
display type broken in two, and furniture that moves with the article:

- a 210 x 280 mm page, the body in four narrow columns (some 13 ideographs a line), 8.6 pt; the
  editorial and the paper in two
- titles split over two lines of different sizes: a light line of 12.5 pt (the part up to a colon,
  else the title's first words), then the rest in 23 pt black; the subtitle under them
- the section label set vertically, one character under another on a coloured bar, at the left of
  the title area (no horizontal section label anywhere on the article's page)
- the deck beside the title (a right-hand column of the title area, in a coloured light sans), its
  English after it in the same column; bylines "撰稿　张三 · 李四" under the title
- the English Reading Summary BEFORE the Chinese text: a shaded box across the page between the
  title area and the four columns
- a drop cap: the body's first character three lines tall, floated into the first column
- pull quotes inside a column under a big opening quotation mark, with a bar at their left
- a profile round-up as boxes, each holding a whole profile (name-and-role heading, Chinese text,
  English heading and text), two boxes a row; numbered briefs as framed boxes in two columns, each
  number a big digit floated beside its heading
- tables shaded row by row (zebra), without a single rule
- running heads: the journal and issue on left pages, the ARTICLE's title on right pages; folios at
  the inner margin of the page's foot
- the contents in two columns, each entry's page number before its title in a coloured block

Deterministic (same key, same bytes). Writes the PDF, its answer key and `*.pages.json` as
weasy_issue does.

    python -m pipeline.sample.quad_issue --truth ../shared/corpus/issue-2026-v2n1.truth.json \\
        --out data/out/quad/quad-issue.pdf [--extract tests/fixtures/quad/quad-opener.pdf --pages 12-13]

`make eval` makes it and scores it; the PDF is not committed, four extracts are (tests/test_quad_issue.py:
`--extract tests/fixtures/quad/quad-NAME.pdf --pages P`, opener 12-13, profiles 8-11, briefs 20-22,
table 48-50).
"""

from __future__ import annotations

import re

from . import weasy_base
from .weasy_base import CSS as BASE_CSS
from .weasy_base import Issue, e, summary_box

ACCENT = "#a3461d"
INK = "#23323f"

CSS = (
    (
        BASE_CSS
        + """
@page {
  size: 210mm 280mm; margin: 19mm 15mm 17mm 15mm;
  @top-left { content: none; border: none } @top-right { content: none; border: none }
  @bottom-left { content: none } @bottom-right { content: none }
}
@page :left {
  margin-left: 15mm; margin-right: 15mm;
  @top-left { content: "HEAD"; font: 7pt 'Noto Sans CJK SC'; color: #777; width: 100%;
              border-bottom: 0.5pt solid #999; vertical-align: bottom; padding-bottom: 2pt }
  @top-right { content: none; border: none }
  @bottom-left { content: none }
  @bottom-right { content: counter(page); font: bold 9pt 'Liberation Sans'; color: ACCENT }
}
@page :right {
  margin-left: 15mm; margin-right: 15mm;
  @top-right { content: string(atitle); font: 7pt 'Noto Sans CJK SC'; color: #777; width: 100%;
               text-align: right; border-bottom: 0.5pt solid #999; vertical-align: bottom; padding-bottom: 2pt }
  @top-left { content: none; border: none }
  @bottom-right { content: none }
  @bottom-left { content: counter(page); font: bold 9pt 'Liberation Sans'; color: ACCENT }
}
html { font-size: 8.6pt; line-height: 1.6 }
.rh { string-set: atitle attr(data-t); height: 0; margin: 0 }
.cols4 { columns: 4; column-gap: 4mm }
.sec, .opener { display: none }
.ta { display: flex; flex-direction: row; margin: 0 0 8pt 0; break-inside: avoid; align-items: flex-start }
.vlabel { width: 9mm; background: ACCENT; color: white; font: bold 9pt/1.25 'Noto Sans CJK SC';
          text-align: center; padding: 4pt 0; margin-right: 4mm; text-indent: 0 }
.tmain { flex: 62 }
.tside { flex: 38; margin-left: 6mm; border-left: 0.6pt solid ACCENT; padding-left: 4mm }
.kick { font: 300 12.5pt/1.3 'Noto Sans CJK SC'; color: INK; text-indent: 0; text-align: left; margin: 0 }
h1 { font: 900 23pt/1.25 'Noto Sans CJK SC'; color: INK; margin: 0 0 4pt 0; text-align: left }
.subtitle { font: 11pt 'Noto Serif CJK SC'; color: #444 }
.title-en { font: italic 8.8pt/1.35 'Liberation Serif'; color: #666; margin: 2pt 0 5pt 0 }
.byline { font: 8.4pt 'Noto Sans CJK SC'; color: ACCENT; margin: 4pt 0 0 0 }
.deck { font: 300 9.4pt/1.7 'Noto Sans CJK SC'; color: ACCENT; border: none; padding: 0; margin: 0 }
.deck p { text-indent: 0; text-align: left }
.deck .en { font: italic 8pt/1.4 'Liberation Serif'; color: #7a5a4a; margin-top: 4pt }
.lead { background: #ece8df; padding: 5pt 7pt; margin: 0 0 9pt 0; columns: 2; column-gap: 6mm;
        font: 8.2pt/1.38 'Liberation Serif'; hyphens: auto; text-align: justify }
.lead .hd { font: bold 8pt 'Liberation Sans'; color: ACCENT; text-indent: 0; margin-bottom: 2pt }
.lead p { text-indent: 0 }
p.drop .dc { float: left; font: bold 27pt/1 'Noto Serif CJK SC'; color: ACCENT; margin: 1pt 3pt 0 0 }
p.drop { text-indent: 0 }
.pq { border: none; border-left: 2.4pt solid ACCENT; margin: 6pt 0 6pt 0; padding: 0 0 0 5pt;
      font: bold 10.5pt/1.45 'Noto Serif CJK SC'; color: ACCENT; text-align: left; break-inside: avoid }
.pq .mark { display: block; font: bold 30pt/0.9 'Liberation Serif'; color: #d9b8a6; margin-bottom: -4pt }
h3 { font: bold 9pt 'Noto Sans CJK SC'; color: ACCENT }
.boxes { columns: 2; column-gap: 6mm }
.box { border: 0.8pt solid INK; padding: 5pt 6pt; margin: 0 0 7pt 0; break-inside: avoid }
.box .profile-h { margin-top: 0 }
.nb { font: bold 26pt/1 'Liberation Sans'; color: ACCENT; float: left; display: block; margin: 0 5pt 0 0 }
.brief-h { margin-top: 0; color: INK }
table.zebra { border: none; margin: 6pt 0 10pt 0 }
table.zebra td, table.zebra th { border: none; padding: 2.5pt 5pt }
table.zebra th { background: INK; color: white }
table.zebra tr:nth-child(even) td { background: #ece8df }
.toc .e { font: 9pt 'Noto Sans CJK SC'; margin: 5pt 0 0 0 }
.toc .e a.pg::after { content: target-counter(attr(href), page); font: bold 10pt 'Liberation Sans';
                      color: white; background: ACCENT; padding: 0 3pt; margin-right: 5pt }
"""
    )
    .replace("ACCENT", ACCENT)
    .replace("INK", INK)
)

BYLINE = "撰稿　{}"


def split_title(title: str) -> tuple[str, str]:
    """Where this house breaks a title in two: after a colon (the colon on the first line), else at
    its first space, else after its first third (at least two characters each side)."""
    m = re.search(r"[：:]\s*", title)
    if m and 2 <= m.start() and m.end() < len(title) - 2:
        return title[: m.start() + 1], title[m.end() :]
    if " " in title.strip():
        head, _, rest = title.strip().partition(" ")
        if len(head) >= 2 and len(rest) >= 2:
            return head, rest
    k = max(2, len(title) // 3)
    return title[:k], title[k:]


class QuadIssue(Issue):
    """The issue in the news weekly's style: what differs from weasy_base's is overridden."""

    CSS = CSS
    TOC_PAGE_FIRST = True
    DROP_CAP = True
    BRIEF_NUMBER = "nb"
    TABLE_STYLE = "zebra"

    def byline_text(self, authors: list[str]) -> str:
        return BYLINE.format(" · ".join(authors))

    def vlabel(self, a: dict) -> str:
        chars = [c for c in (a.get("section_zh") or "") if not c.isspace()]
        return f'<div class="vlabel">{"<br>".join(e(c) for c in chars)}</div>'

    def title_area(self, a: dict) -> str:
        kick, main = split_title(a["title_zh"])
        left = f'<p class="kick">{e(kick)}</p><h1>{e(main)}</h1>'
        if a.get("subtitle_zh"):
            left += f'<p class="subtitle">——{e(a["subtitle_zh"])}</p>'
        if a.get("title_en"):
            left += f'<p class="title-en">{e(a["title_en"])}</p>'
        left += self.byline(a)
        deck = self.deck(a)
        side = f'<div class="tside">{deck}</div>' if deck else ""
        return f'<div class="ta">{self.vlabel(a)}<div class="tmain">{left}</div>{side}</div>\n'

    def running_title(self, title: str) -> str:
        return f'<div class="rh" data-t="{e(title)}"></div>'

    def furniture(self, a: dict) -> str:
        return self.running_title(a["title_zh"])

    def contents_furniture(self) -> str:
        return self.running_title("目录")

    def runs_on_previous(self, a: dict, new_section: bool) -> bool:
        return False  # every article opens a page

    def columns(self, a: dict, idx: int) -> str:
        return "cols2" if a["id"] == "a04" or a.get("abstract_zh") else "cols4"

    def summaries_at(self, a: dict, idx: int, place: str) -> str:
        return "".join(summary_box(s, "lead") for s in a["summaries"]) if place == "before" else ""

    def quote_html(self, quote: str) -> str:
        return f'<p class="pq"><span class="mark">“</span>{e(quote)}</p>\n'

    def briefs(self, a: dict) -> str:
        out = "".join(
            f'<div class="box">{self.brief(n, it)}</div>\n' for n, it in enumerate(a["items"], start=1)
        )
        return f'<div class="boxes briefs">\n{out}</div>\n'

    def profiles(self, a: dict) -> str:
        out = "".join(f'<div class="box">{self.profile(it)}</div>\n' for it in a["items"])
        return f"{self.vlabel(a)}<div class='boxes'>\n{out}</div>\n"

    def unit_break(self) -> str:
        return "<!--rh-->"  # moved inside the unit's first box (before it, it would make a page)

    def document(self) -> str:
        return re.sub(r"<!--rh-->(<div[^>]*>)", r'\1<div class="rh" data-t=""></div>', super().document())


def compile_issue(key: dict) -> tuple[bytes, dict, dict]:
    """(PDF, its answer key, the physical pages of every entry)."""
    return weasy_base.compile_issue(key, QuadIssue)


def main(argv: list[str] | None = None) -> None:
    weasy_base.main(argv, QuadIssue, __doc__)


if __name__ == "__main__":
    main()
