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
The HTML, the sheet and the driver are weasy_base's, which weasy_outer and quad_issue share; this
house's own choices are the hooks of `WeasyIssue`.
"""

from __future__ import annotations

from .weasy_base import Issue, e, summary_box, table_html
from .weasy_base import compile_issue as compile_house
from .weasy_base import main as house_main

BYLINE_FORMS = ("文｜{}", "■ {}")


class WeasyIssue(Issue):
    """The third house style: section label and opener over the title, bylines before or after
    the deck in turn, summaries at the columns' end, a ruled table, then three-line ones."""

    def byline_text(self, authors: list[str]) -> str:
        return BYLINE_FORMS[self.n_article % 2].format(" ".join(authors))

    def section_label(self, a: dict) -> str:
        return f'<p class="sec">{e(a["section_zh"])}<span class="en">{e(a["section_en"])}</span></p>\n'

    def article_head(self, a: dict, new_section: bool) -> str:
        opener = f'<p class="opener">{e(a["section_zh"])}</p>' if new_section and not self.runs_on else ""
        return opener + self.section_label(a)

    def title_area(self, a: dict) -> str:
        by = self.byline(a)
        before = self.n_article % 2 == 0
        return self.titles(a) + (by if before else "") + self.deck(a) + ("" if before else by)

    def intro_area(self, a: dict) -> str:
        out = self.section_label(a) + f"<h1>{e(a['title_zh'])}</h1>"
        out += f'<p class="title-en">{e(a["title_en"])}</p>'
        return out + self.byline(a) + self.deck(a)

    def summaries_at(self, a: dict, idx: int, place: str) -> str:
        return "".join(summary_box(s, "summary") for s in a["summaries"]) if place == "last" else ""

    def table(self, t: dict) -> str:
        """The first table of the issue fully ruled, the next ones three-line, each at a page top."""
        self.n_table += 1
        return table_html(t, "grid" if self.n_table == 1 else "three")


def compile_issue(key: dict) -> tuple[bytes, dict, dict]:
    """(PDF, its answer key, the physical pages of every entry)."""
    return compile_house(key, WeasyIssue)


def main(argv: list[str] | None = None) -> None:
    house_main(argv, WeasyIssue, __doc__)


if __name__ == "__main__":
    main()
