"""The whole sample issue written as a word-processor document (flat ODF) and exported to PDF by
LibreOffice Writer, in a ninth house style, an association bulletin's, set with Writer's own means
(its text layer, frames, sections, tables, list numbering and fields, none of which our other
renditions use):

- a 205 x 280 mm page, facing pages (mirrored margins); the body in Writer sections of two columns
  with a hairline drawn in the gutter, every third article in three; Noto Serif CJK 9.3 pt
- Chinese set with a space between scripts ("天使轮 662 起"), as weasy_issue prints it
- the section label right-aligned over a full-width rule (an outline heading: the running head of
  right pages is a chapter field that names it); the title centred in black sans, the subtitle and
  the English title centred under it; bylines "文｜张三 李四" and "■ 张三" in turn, right-aligned
- the deck in another face (light sans, grey, at the body's size) in a Writer frame (a text box)
  across the page, its English under it in italic
- pull quotes between two rules in the middle of a column, centred, cutting a paragraph that goes
  on after them without an indent
- the English Reading Summary in the MIDDLE of the article's columns (after its third paragraph), in
  smaller type on a tint with a rule at its left, breaking across columns and pages as the text flows
- a profile round-up with no title of its own: the section label, then each profile's
  name-and-role heading on a tint (the first is the contents entry), its Chinese text, then its
  English name and text in smaller italic, two columns
- numbered briefs in three columns, numbered by Writer's list numbering ("1." and a tab)
- a ruled (full grid) table across the page, then a table with no rule at all at the top of the
  next page; captions under photos anchored in the column
- running heads in Writer's header: the journal and issue on left pages, the section (chapter
  field) on right ones, over a rule; folios in the outer corner of the footer, counted from the
  editorial (the cover and the notices before it have none)
- the contents in one column, each title followed by a dotted tab leader to its page (a
  page-reference field to a bookmark at the article's opening)

One LibreOffice conversion (a private user profile in a temporary folder); the pages of every unit
are read back from the named destinations Writer exports for its bookmarks, which are then removed.
Deterministic (the file identifier and dates are set from the document). Writes the PDF, its answer
key (the text as printed, folios as printed) and `*.pages.json`, as weasy_issue does.

    python -m pipeline.sample.office_issue --truth ../shared/corpus/issue-2026-v2n1.truth.json \\
        --out data/out/office/office-issue.pdf

`make eval` makes it when LibreOffice is on the machine (skipped with one line otherwise) and scores
it; the PDF is not committed, an extract is (tests/test_office_issue.py: `--extract
tests/fixtures/office/office-extract.pdf --pages 8-13,66-67,76,89-90`).
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import pymupdf

from .art import photo_pixmap, qr_pixmap
from .office import NS
from .story import HEADINGS
from .typeset import pull_quote, quote_cut
from .typst_issue import printed_key, set_front_unit, write_rendition
from .weasy_base import printed

BYLINE_FORMS = ("文｜{}", "■ {}")
ACCENT = "#1f5f8b"
WIDTH_CM = 17.4  # the text area: 20.5 cm less 1.7 + 1.4 cm margins


def _ps(name: str, size: float, para: str = "", text: str = "", sans: bool = False, tabs: str = "") -> str:
    """A paragraph style: CJK in Noto Serif (Noto Sans for sans), Latin in Liberation Serif/Sans;
    `tabs`, the paragraph's tab stops."""
    cjk = "Noto Sans CJK SC" if sans else "Noto Serif CJK SC"
    lat = "Liberation Sans" if sans else "Liberation Serif"
    return (
        f'<style:style style:name="{name}" style:family="paragraph">'
        f'<style:paragraph-properties style:punctuation-wrap="simple" {para}>{tabs}</style:paragraph-properties>'
        f'<style:text-properties style:font-name="{lat}" style:font-name-asian="{cjk}" '
        f'fo:font-size="{size}pt" style:font-size-asian="{size}pt" {text}/></style:style>'
    )


BOLD = 'fo:font-weight="bold" style:font-weight-asian="bold"'
ITALIC = 'fo:font-style="italic" style:font-style-asian="normal"'
EN = 'fo:language="en" fo:country="US" fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"'

# the contents' page numbers: a right tab at the text's edge, dot leaders before it
LEADER = (
    f'<style:tab-stops><style:tab-stop style:position="{WIDTH_CM - 0.1:.1f}cm" style:type="right" '
    'style:leader-style="dotted" style:leader-text="."/></style:tab-stops>'
)

STYLES = f"""
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"/>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"/>
 <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/>
 <style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'"/>
 <style:font-face style:name="Noto Sans CJK SC Light" svg:font-family="'Noto Sans CJK SC'" style:font-style-name="Light"/>
</office:font-face-decls>
<office:styles>
 {_ps("Body", 9.3, 'fo:text-indent="0.66cm" fo:line-height="152%" fo:text-align="justify" fo:margin-bottom="0.04cm"')}
 {_ps("GoOn", 9.3, 'fo:line-height="152%" fo:text-align="justify" fo:margin-bottom="0.04cm"')}
 {_ps("Plain", 9.3, 'fo:line-height="150%" fo:margin-bottom="0.05cm"')}
 {_ps("Section", 9, 'fo:text-align="end" fo:border-bottom="1.2pt solid ' + ACCENT + '" fo:padding-bottom="0.08cm" fo:margin-bottom="0.5cm"', f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 {_ps("NoSection", 1, 'fo:line-height="0.02cm"', 'fo:color="#ffffff"')}
 {_ps("Title", 21, 'fo:text-align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.15cm" fo:line-height="125%"', BOLD, sans=True)}
 {_ps("Sub", 12, 'fo:text-align="center" fo:margin-bottom="0.1cm"', 'fo:color="#333333"')}
 {_ps("TitleEn", 9.5, 'fo:text-align="center" fo:margin-bottom="0.2cm"', ITALIC + ' fo:color="#555555"')}
 {_ps("Byline", 9, 'fo:text-align="end" fo:margin-bottom="0.3cm"', 'fo:color="#222222"', sans=True)}
 {_ps("Deck", 9.3, 'fo:line-height="160%" fo:margin-bottom="0.08cm"', 'fo:color="#5a5a5a" fo:font-weight="300" style:font-weight-asian="300"', sans=True)}
 {_ps("DeckEn", 8.4, 'fo:line-height="135%"', ITALIC + ' fo:color="#5a5a5a"')}
 {_ps("Head", 10, 'fo:margin-top="0.2cm" fo:margin-bottom="0.08cm" fo:keep-with-next="always"', f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 {_ps("Quote", 11.5, 'fo:text-align="center" fo:line-height="140%" fo:border-top="1pt solid #9b3b2c" fo:border-bottom="1pt solid #9b3b2c" fo:padding="0.15cm" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm" fo:keep-together="always"', 'fo:color="#9b3b2c" ' + BOLD)}
 {_ps("SumHead", 8.5, 'fo:background-color="#e9eef2" fo:border-left="2pt solid ' + ACCENT + '" fo:padding="0.1cm" fo:margin-top="0.15cm" fo:keep-with-next="always"', f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 {_ps("Summary", 8.2, 'fo:text-align="justify" fo:line-height="132%" fo:background-color="#e9eef2" fo:border-left="2pt solid ' + ACCENT + '" fo:padding="0.1cm" fo:margin-bottom="0.15cm"', EN)}
 {_ps("Fig", 9.3, 'fo:text-align="center" fo:margin-top="0.1cm"')}
 {_ps("Caption", 7.4, 'fo:text-align="center" fo:margin-bottom="0.2cm"', 'fo:color="#555555"', sans=True)}
 {_ps("Small", 7.8, 'fo:line-height="135%" fo:margin-bottom="0.05cm"', 'fo:color="#333333"')}
 {_ps("Ref", 7.6, 'fo:margin-left="0.6cm" fo:text-indent="-0.6cm" fo:line-height="135%"')}
 {_ps("Bio", 8, 'fo:background-color="#eeeeee" fo:padding="0.1cm" fo:margin-top="0.15cm"', "", sans=True)}
 {_ps("AfterHead", 8.6, 'fo:border-top="0.5pt solid #777777" fo:padding-top="0.1cm" fo:margin-top="0.2cm"', f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 {_ps("After", 8.6, 'fo:line-height="145%"', 'fo:color="#444444"', sans=True)}
 {_ps("RunIn", 8.6, 'fo:margin-bottom="0.12cm"')}
 {_ps("Cell", 7.8, 'fo:line-height="130%"')}
 {_ps("CellHead", 7.8, 'fo:line-height="130%"', BOLD, sans=True)}
 {_ps("TNote", 7.2, 'fo:margin-bottom="0.1cm"', 'fo:color="#666666"')}
 {_ps("TCap", 8.4, 'fo:text-align="center" fo:margin-top="0.15cm" fo:margin-bottom="0.1cm"', BOLD, sans=True)}
 {_ps("ProfHead", 10, 'fo:background-color="#e4ecf1" fo:padding="0.08cm" fo:margin-top="0.25cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"', BOLD, sans=True)}
 {_ps("ProfEnHead", 8.2, 'fo:margin-top="0.1cm" fo:keep-with-next="always"', BOLD + " " + ITALIC + ' fo:color="#555555"')}
 {_ps("ProfEn", 7.9, 'fo:text-align="justify" fo:line-height="130%" fo:margin-bottom="0.15cm"', ITALIC + ' fo:color="#555555" ' + EN)}
 {_ps("Brief", 9.6, 'fo:margin-top="0.2cm" fo:margin-bottom="0.06cm" fo:keep-with-next="always"', BOLD, sans=True)}
 {_ps("BriefBody", 8.8, 'fo:text-indent="0.62cm" fo:line-height="148%" fo:text-align="justify"')}
 {_ps("TocTitle", 24, 'fo:margin-bottom="0.4cm" fo:border-bottom="2pt solid ' + ACCENT + '"', f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 {_ps("TocSec", 9, 'fo:margin-top="0.3cm" fo:margin-bottom="0.05cm" fo:keep-with-next="always"', f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 {_ps("TocEntry", 9.6, 'fo:margin-top="0.08cm"', "", sans=True, tabs=LEADER)}
 {_ps("TocEntry2", 8.6, 'fo:margin-left="0.8cm"')}
 {_ps("TocSub", 8.4, 'fo:margin-left="0.4cm"')}
 {_ps("TocEn", 7.8, 'fo:margin-left="0.4cm" fo:margin-bottom="0.06cm"', ITALIC + ' fo:color="#666666"')}
 {_ps("MastHead", 8, 'fo:margin-top="0.2cm"', f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 {_ps("Mast", 7.8, 'fo:line-height="140%"')}
 {_ps("CoverTitle", 46, 'fo:margin-top="1.5cm"', 'fo:color="#ffffff" ' + BOLD, sans=True)}
 {_ps("CoverEn", 12, 'fo:margin-bottom="1.2cm"', 'fo:color="#ffffff"', sans=True)}
 {_ps("CoverLine", 14, 'fo:margin-top="0.25cm"', 'fo:color="#ffffff" ' + BOLD, sans=True)}
 {_ps("CoverText", 10, "", 'fo:color="#ffffff"', sans=True)}
 {_ps("NoticeTitle", 18, 'fo:margin-bottom="0.3cm"', f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 {_ps("AdTitle", 44, 'fo:text-align="center" fo:margin-top="3cm"', 'fo:color="#ffffff" ' + BOLD, sans=True)}
 {_ps("AdText", 14, 'fo:text-align="center" fo:margin-top="0.3cm"', 'fo:color="#ffffff"', sans=True)}
 {_ps("QrText", 7.4, "", "", sans=True)}
 {_ps("Header", 7.2, 'fo:border-bottom="0.4pt solid #888888" fo:padding-bottom="0.05cm"', 'fo:color="#777777"', sans=True)}
 {_ps("HeaderR", 7.2, 'fo:text-align="end" fo:border-bottom="0.4pt solid #888888" fo:padding-bottom="0.05cm"', 'fo:color="#777777"', sans=True)}
 {_ps("Folio", 9.5, "", f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 {_ps("FolioR", 9.5, 'fo:text-align="end"', f'fo:color="{ACCENT}" ' + BOLD, sans=True)}
 <text:list-style style:name="Numbered"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">
  <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
  <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm"
   fo:text-indent="-0.6cm" fo:margin-left="0.6cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
</office:styles>
"""  # fmt: skip


def _section_style(name: str, cols: int) -> str:
    sep = (
        '<style:column-sep style:width="0.02cm" style:color="#8a8a8a" style:height="100%" '
        'style:vertical-align="top"/>'
    )
    return (
        f'<style:style style:name="{name}" style:family="section"><style:section-properties>'
        f'<style:columns fo:column-count="{cols}" fo:column-gap="0.55cm">{sep}</style:columns>'
        "</style:section-properties></style:style>"
    )


def _layout(name: str, background: str = "", furniture: bool = True) -> str:
    bg = f' fo:background-color="{background}"' if background else ""
    hf = (
        '<style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.4cm"/>'
        '</style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.5cm" '
        'fo:margin-top="0.35cm"/></style:footer-style>'
        if furniture
        else ""
    )
    return (
        f'<style:page-layout style:name="{name}" style:page-usage="mirrored"><style:page-layout-properties '
        'fo:page-width="20.5cm" fo:page-height="28cm" fo:margin-top="1.3cm" fo:margin-bottom="1.2cm" '
        f'fo:margin-left="1.7cm" fo:margin-right="1.4cm"{bg}/>{hf}</style:page-layout>'
    )


AUTOMATIC = f"""
<office:automatic-styles>
 <style:style style:name="B" style:family="text"><style:text-properties {BOLD}/></style:style>
 {_section_style("Cols2", 2)}
 {_section_style("Cols3", 3)}
 <style:style style:name="MCover" style:family="paragraph" style:parent-style-name="CoverTitle" style:master-page-name="Cover"/>
 <style:style style:name="MFront" style:family="paragraph" style:parent-style-name="NoticeTitle" style:master-page-name="Front"/>
 <style:style style:name="MEditorial" style:family="paragraph" style:parent-style-name="Section" style:master-page-name="Body">
  <style:paragraph-properties style:page-number="1"/></style:style>
 <style:style style:name="MAdvert" style:family="paragraph" style:parent-style-name="AdTitle" style:master-page-name="Advert"/>
 <style:style style:name="BSection" style:family="paragraph" style:parent-style-name="Section">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="BNoSection" style:family="paragraph" style:parent-style-name="NoSection">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="DeckFrame" style:family="graphic"><style:graphic-properties draw:fill="none" draw:stroke="none" style:wrap="none"
  style:vertical-pos="top" style:vertical-rel="paragraph" style:horizontal-pos="center" style:horizontal-rel="paragraph"
  fo:border-left="3pt solid {ACCENT}"
  fo:padding-left="0.3cm" fo:padding-top="0.05cm" fo:padding-bottom="0.05cm" fo:margin-bottom="0.35cm"/></style:style>
 <style:style style:name="Photo" style:family="graphic"><style:graphic-properties draw:fill="none" style:wrap="none"
  style:vertical-pos="top" style:horizontal-pos="center"/></style:style>
 <style:style style:name="TWide" style:family="table"><style:table-properties style:width="{WIDTH_CM}cm" table:align="margins"
  fo:margin-top="0.15cm" fo:margin-bottom="0.2cm"/></style:style>
 <style:style style:name="TNext" style:family="table"><style:table-properties style:width="{WIDTH_CM}cm" table:align="margins"
  fo:break-before="page" fo:margin-bottom="0.2cm"/></style:style>
 <style:style style:name="CGrid" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #444444" fo:padding="0.06cm"/></style:style>
 <style:style style:name="CGridHead" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #444444" fo:padding="0.06cm" fo:background-color="#dfe7ed"/></style:style>
 <style:style style:name="CBare" style:family="table-cell"><style:table-cell-properties fo:border="none" fo:padding="0.08cm"/></style:style>
 {_layout("PLBody")}
 {_layout("PLFront", furniture=False)}
 {_layout("PLCover", "#14324a", furniture=False)}
 {_layout("PLAdvert", "#6b2d2d", furniture=False)}
</office:automatic-styles>
"""  # fmt: skip


def _p(style: str, text: str | None) -> str:
    return f'<text:p text:style-name="{style}">{escape(text or "")}</text:p>'


def _b64(pix: pymupdf.Pixmap) -> str:
    return base64.b64encode(pix.tobytes("png")).decode("ascii")


class OfficeIssue:
    """The ODF body of the whole issue, unit by unit, recording what it prints where the key must
    say so (text with spaces between scripts, bylines)."""

    def __init__(self, key: dict):
        self.key = copy.deepcopy(key)
        self.key["articles"] = [printed(a) if a["kind"] == "article" else a for a in self.key["articles"]]
        self.out: list[str] = []
        self.n_article = 0
        self.n_table = 0
        self.n_frame = 0
        self.seen_editorial = False
        issue = self.key["issue"]
        self.head = f"{issue['journal_zh']}  {issue['year']}年第{issue['number']}期"

    # ------------------------------------------------------------- helpers
    def mark(self, aid: str, what: str) -> str:
        return f'<text:bookmark text:name="{what}-{aid}"/>'

    def opening(self, style: str, aid: str, text: str | None, heading: bool = False) -> str:
        """The unit's first paragraph, carrying the bookmark its pages and the contents read."""
        tag = 'text:h text:outline-level="1"' if heading else "text:p"
        close = "text:h" if heading else "text:p"
        return f'<{tag} text:style-name="{style}">{self.mark(aid, "start")}{escape(text or "")}</{close}>'

    def end(self, aid: str, unit: str) -> str:
        """The unit with its end bookmark in its last paragraph (a paragraph of its own after a
        full column would print a blank page)."""
        k = max(unit.rfind("</text:p>"), unit.rfind("</text:h>"))
        return unit[:k] + self.mark(aid, "end") + unit[k:]

    def fig(self, caption: str, cols: int) -> str:
        self.n_frame += 1
        w = {1: 12.0, 2: 8.2, 3: 5.2}[cols]
        h = round(w * 0.58, 2)
        pic = (
            f'<text:p text:style-name="Fig"><draw:frame draw:style-name="Photo" draw:name="Pic{self.n_frame}" '
            f'text:anchor-type="as-char" svg:width="{w}cm" svg:height="{h}cm" draw:z-index="0"><draw:image>'
            f"<office:binary-data>{_b64(photo_pixmap(caption))}</office:binary-data></draw:image></draw:frame></text:p>"
        )
        return pic + _p("Caption", caption)

    def block(self, b: dict) -> str:
        t = b["type"]
        if t == "heading":
            return _p("Head", b["text"])
        if t == "afterword":
            title = _p("AfterHead", f"编后：{b['title']}") if b.get("title") else ""
            return title + _p("After", b["text"])
        style = {"reference": "Ref", "note": "Small", "list_item": "Plain", "bio": "Bio"}.get(t, "Body")
        return _p(style, b["text"])

    def table(self, t: dict) -> str:
        """The issue's first table ruled as a grid; the next ones with no rule, each at a page top."""
        self.n_table += 1
        grid = self.n_table == 1
        cell = "CGrid" if grid else "CBare"
        n = len(t["header"])
        out = _p("TCap", t["caption"]) if t.get("caption") else ""
        out += (
            f'<table:table table:name="Table{self.n_table}" table:style-name="{"TWide" if grid else "TNext"}">'
            f'<table:table-column table:number-columns-repeated="{n}"/><table:table-header-rows><table:table-row>'
        )
        for h in t["header"]:
            out += f'<table:table-cell table:style-name="{"CGridHead" if grid else cell}">{_p("CellHead", h)}</table:table-cell>'
        out += "</table:table-row></table:table-header-rows>"
        for row in t["rows"]:
            out += "<table:table-row>"
            out += "".join(
                f'<table:table-cell table:style-name="{cell}">{_p("Cell", c)}</table:table-cell>' for c in row
            )
            out += "</table:table-row>"
        out += "</table:table>"
        return out + "".join(_p("TNote", n) for n in t.get("notes") or [])

    def section(self, body: str, cols: int) -> str:
        self.n_frame += 1
        return (
            f'<text:section text:style-name="Cols{cols}" text:name="Sec{self.n_frame}">{body}</text:section>'
        )

    # ------------------------------------------------------------- front and back matter
    def cover(self, a: dict) -> None:
        out = self.opening("MCover", a["id"], a["title_zh"]) + _p("CoverEn", a.get("title_en"))
        for b in a["blocks"]:
            out += _p("CoverLine" if b["type"] == "heading" else "CoverText", b["text"])
        self.out.append(self.end(a["id"], out))

    def qr(self, c: str) -> str:
        self.n_frame += 1
        return (
            f'<text:p text:style-name="QrText"><draw:frame draw:style-name="Photo" draw:name="Qr{self.n_frame}" '
            'text:anchor-type="as-char" svg:width="2cm" svg:height="2cm" draw:z-index="0"><draw:image>'
            f"<office:binary-data>{_b64(qr_pixmap(c))}</office:binary-data></draw:image></draw:frame></text:p>"
            + _p("QrText", c)
        )

    def notice(self, a: dict) -> None:
        if self.seen_editorial:
            out = f'<text:h text:outline-level="1" text:style-name="BNoSection">{self.mark(a["id"], "start")}</text:h>'
            out += _p("NoticeTitle", a.get("title_zh")) if a.get("title_zh") else ""
        else:
            out = self.opening("MFront", a["id"], a.get("title_zh"))
        if a.get("title_en"):
            out += _p("TitleEn", a["title_en"])
        body = "".join(
            self.block(b) if b["type"] != "heading" else _p("MastHead", b["text"]) for b in a["blocks"]
        )
        body += "".join(self.qr(c) for c in a["captions"])
        out += self.section(body, 2) if len(a["blocks"]) > 10 else body
        self.out.append(self.end(a["id"], out))

    def masthead(self, a: dict) -> None:
        out = f'<text:h text:outline-level="1" text:style-name="BNoSection">{self.mark(a["id"], "start")}</text:h>'
        body = "".join(_p("MastHead" if b["type"] == "heading" else "Mast", b["text"]) for b in a["blocks"])
        self.out.append(self.end(a["id"], out + self.section(body, 3)))

    def contents(self, a: dict) -> None:
        by_page = {x["toc_page"]: x["id"] for x in self.key["articles"] if x.get("toc_page") is not None}
        out = f'<text:h text:outline-level="1" text:style-name="BNoSection">{self.mark(a["id"], "start")}</text:h>'
        out += _p("TocTitle", "目  录  CONTENTS")
        section = None
        for en in self.key["toc"]:
            if en["section_zh"] != section:
                section = en["section_zh"]
                out += _p("TocSec", f"{section}  {en['section_en']}")
            if en["level"] == 1 and en.get("page") is not None:
                ref = f"start-{by_page[en['page']]}"
                out += (
                    f'<text:p text:style-name="TocEntry">{escape(en["title_zh"])}<text:tab/>'
                    f'<text:bookmark-ref text:reference-format="page" text:ref-name="{ref}">0</text:bookmark-ref></text:p>'
                )
            else:
                out += _p("TocEntry2", en["title_zh"])
            if en.get("subtitle_zh"):
                out += _p("TocSub", f"——{en['subtitle_zh']}")
            if en.get("title_en"):
                out += _p("TocEn", en["title_en"])
        self.out.append(self.end(a["id"], out))

    def advert(self, a: dict) -> None:
        out = self.opening("MAdvert", a["id"], a["title_zh"])
        if a.get("subtitle_zh"):
            out += _p("AdText", a["subtitle_zh"])
        if a.get("title_en"):
            out += _p("AdText", a["title_en"])
        out += "".join(_p("AdText", b["text"]) for b in a["blocks"])
        out += "".join(self.qr(c) for c in a["captions"])
        self.out.append(self.end(a["id"], out))

    # ------------------------------------------------------------- articles
    def byline(self, a: dict) -> str:
        if not a.get("authors"):
            return ""
        if a.get("abstract_zh"):  # the academic paper: names only
            text = " ".join(a["authors"])
        else:
            text = BYLINE_FORMS[self.n_article % 2].format(" ".join(a["authors"]))
        a["byline"] = text
        return _p("Byline", text)

    def deck(self, a: dict) -> str:
        zh = [p for p in (a.get("deck_zh") or "").split("\n") if p.strip()]
        en = [p for p in (a.get("deck_en") or "").split("\n") if p.strip()]
        if not zh and not en:
            return ""
        self.n_frame += 1
        inner = "".join(_p("Deck", p) for p in zh) + "".join(_p("DeckEn", p) for p in en)
        return (
            f'<text:p text:style-name="Plain"><draw:frame draw:style-name="DeckFrame" draw:name="Deck{self.n_frame}" '
            f'text:anchor-type="paragraph" svg:width="{WIDTH_CM - 0.4:.1f}cm" draw:z-index="1">'
            f'<draw:text-box fo:min-height="0.8cm">{inner}</draw:text-box></draw:frame></text:p>'
        )

    def title_area(self, a: dict, first: str) -> str:
        out = self.opening(first, a["id"], f"{a['section_zh']}  {a['section_en']}", heading=True)
        out += _p("Title", a["title_zh"])
        if a.get("subtitle_zh"):
            out += _p("Sub", f"——{a['subtitle_zh']}")
        if a.get("title_en"):
            out += _p("TitleEn", a["title_en"])
        out += self.byline(a) + self.deck(a)
        for label, text in (
            ("摘要：", a.get("abstract_zh")),
            ("关键词：", "；".join(a.get("keywords_zh") or [])),
        ):
            if text:
                out += f'<text:p text:style-name="RunIn"><text:span text:style-name="B">{label}</text:span>{escape(text)}</text:p>'
        return out

    def article(self, a: dict, idx: int) -> None:
        first = "BSection"
        if not self.seen_editorial:
            first = "MEditorial"
            self.seen_editorial = True
        if a.get("items") and not a.get("blocks") and a["title_zh"] == a["items"][0]["title_zh"]:
            out = self.opening(first, a["id"], f"{a['section_zh']}  {a['section_en']}", heading=True)
            out += self.profiles(a)
        elif not a["blocks"] and not a.get("items"):  # a section intro: display type only
            out = self.title_area(a, first)
        else:
            out = self.title_area(a, first)
            out += self.briefs(a) if a.get("items") else self.body(a, idx)
        self.out.append(self.end(a["id"], out))
        self.n_article += 1

    def body(self, a: dict, idx: int) -> str:
        cols = 3 if idx % 3 == 0 and a["id"] != "a04" and not a.get("abstract_zh") else 2
        blocks = a["blocks"]
        k, quote = pull_quote(blocks, idx)
        tables = list(a.get("tables") or [])
        captions = list(a["captions"])
        summary_at = min(2, len(blocks) - 1)
        segs: list[str] = []
        cur = ""
        for i, b in enumerate(blocks):
            if i == k and quote:
                cut = quote_cut(b["text"])
                cur += _p("Body", b["text"][:cut]) + _p("Quote", quote) + _p("GoOn", b["text"][cut:])
            else:
                cur += self.block(b)
            if i == summary_at:
                for s in a["summaries"]:
                    cur += _p("SumHead", HEADINGS[s["kind"]]) + _p("Summary", s["text"])
            if captions and i % 5 == 3:
                cur += self.fig(captions.pop(0), cols)
            if tables and b["type"] == "paragraph" and b["text"].rstrip().endswith(("：", ":")):
                segs.append(self.section(cur, cols))
                segs.append(self.table(tables.pop(0)))
                cur = ""
        cur += "".join(self.fig(c, cols) for c in captions)
        segs.append(self.section(cur, cols))
        segs += [self.table(t) for t in tables]
        return "".join(segs)

    def briefs(self, a: dict) -> str:
        out = '<text:list text:style-name="Numbered">'
        for it in a["items"]:
            out += f"<text:list-item>{_p('Brief', it['title_zh'])}</text:list-item>"
            rest = "".join(_p("BriefBody", b["text"]) for b in it["blocks"])
            rest += "".join(self.fig(c, 3) for c in it.get("captions") or [])
            out += (
                f"</text:list>{rest}"
                + '<text:list text:style-name="Numbered" text:continue-numbering="true">'
            )
        out += "</text:list>"
        return self.section(out, 3)

    def profiles(self, a: dict) -> str:
        out = ""
        for it in a["items"]:
            out += _p("ProfHead", it["title_zh"])
            out += "".join(self.block(b) for b in it["blocks"])
            out += "".join(self.fig(c, 2) for c in it.get("captions") or [])
            if it.get("title_en"):
                out += _p("ProfEnHead", it["title_en"])
            if it.get("text_en"):
                out += _p("ProfEn", it["text_en"])
        return self.section(out, 2)

    # ------------------------------------------------------------- driver
    def master(self) -> str:
        right = '<text:p text:style-name="HeaderR"><text:chapter text:display="name" text:outline-level="1"/></text:p>'
        left = _p("Header", self.head)
        folio_r = '<text:p text:style-name="FolioR"><text:page-number text:select-page="current"/></text:p>'
        folio_l = '<text:p text:style-name="Folio"><text:page-number text:select-page="current"/></text:p>'
        return (
            "<office:master-styles>"
            '<style:master-page style:name="Body" style:page-layout-name="PLBody">'
            f"<style:header>{right}</style:header><style:header-left>{left}</style:header-left>"
            f"<style:footer>{folio_r}</style:footer><style:footer-left>{folio_l}</style:footer-left></style:master-page>"
            '<style:master-page style:name="Front" style:page-layout-name="PLFront"/>'
            '<style:master-page style:name="Cover" style:page-layout-name="PLCover"/>'
            '<style:master-page style:name="Advert" style:page-layout-name="PLAdvert"/>'
            "</office:master-styles>"
        )

    def document(self) -> str:
        for idx, a in enumerate(self.key["articles"]):
            if not set_front_unit(self, a):
                self.article(a, idx)
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" '
            f'office:mimetype="application/vnd.oasis.opendocument.text">{STYLES}{AUTOMATIC}{self.master()}'
            f"<office:body><office:text>{''.join(self.out)}</office:text></office:body></office:document>"
        )


def convert(xml: str) -> pymupdf.Document:
    """One LibreOffice run: the flat ODF to PDF, its bookmarks exported as named destinations; a
    private user profile in the temporary folder (never the user's own, never shared)."""
    soffice = shutil.which("soffice")
    if not soffice:
        raise SystemExit("needs LibreOffice (apt-get install libreoffice-writer-nogui fonts-noto-cjk)")
    fltr = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "issue.fodt"
        src.write_text(xml, encoding="utf-8")
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", fltr,
             "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        return pymupdf.open(stream=(Path(tmp) / "issue.pdf").read_bytes(), filetype="pdf")


def compile_issue(key: dict) -> tuple[bytes, dict, dict]:
    """(PDF, its answer key, the physical pages of every entry)."""
    iss = OfficeIssue(key)
    xml = iss.document()
    doc = convert(xml)
    pages: dict[str, dict] = {}
    for name, dest in doc.resolve_names().items():
        what, _, aid = name.partition("-")
        if what in ("start", "end"):
            pages.setdefault(aid, {})[what] = dest["page"] + 1
    first = pages["a04"]["start"]  # the folios count from the editorial
    folio = {aid: p["start"] - first + 1 for aid, p in pages.items()}
    # what a real issue carries: no destinations, outline, tagging or producer's dates; the file
    # identifier drawn from the document's source, so the same key gives the same bytes
    cat = doc.pdf_catalog()
    for k in ("Names", "Dests", "StructTreeRoot", "MarkInfo", "Outlines", "Lang"):
        doc.xref_set_key(cat, k, "null")
    blank = {k: "" for k in doc.metadata if k not in ("format", "encryption")}
    doc.set_metadata(blank | {"title": iss.key["issue"]["journal_zh"]})
    ident = hashlib.md5(xml.encode("utf-8")).hexdigest().upper()
    doc.xref_set_key(-1, "ID", f"[<{ident}><{ident}>]")
    pdf = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    return pdf, printed_key(iss.key, folio, iss.head), pages


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--truth", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--extract", type=Path, help="also save these pages (--pages) of it here")
    ap.add_argument("--pages", default="5-7", help="physical pages of the extract")
    args = ap.parse_args(argv)
    if not shutil.which("soffice"):
        print("office-issue skipped: no LibreOffice (soffice) on this machine")
        return
    key = json.loads(args.truth.read_text(encoding="utf-8"))
    pdf, truth, pages = compile_issue(key)
    write_rendition(args.out, pdf, truth, pages, args.extract, args.pages)


if __name__ == "__main__":
    main()
