"""A fourth producer for test fixtures: articles of an answer key written as a word-processor
document (flat ODF) and exported to PDF by LibreOffice, the way an office prints a newsletter:
paragraph styles with first-line indents, a two-column section, shaded summary paragraphs,
anchored photos with captions, page headers and footers. Needs LibreOffice
(`apt-get install libreoffice-writer-nogui fonts-noto-cjk`); the PDF it wrote is committed.

    python -m pipeline.sample.office --truth KEY.json --articles a11,a18,a27 --out tests/fixtures/office-columns.pdf
    python -m pipeline.sample.office --truth KEY.json --articles a08,a22 --out tests/fixtures/office-tables.pdf
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import pymupdf

from .browser import _photo_uri
from .fixture import first_column_spans, producer_parser, save_fixture
from .story import HEADINGS

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def _pstyle(
    name: str, size: float, indent: str = "0cm", extra: str = "", text: str = "", parent: str = ""
) -> str:
    cjk = "Noto Sans CJK SC" if "bold" in text else "Noto Serif CJK SC"
    return (
        f'<style:style style:name="{name}" style:family="paragraph"{parent}>'
        # punctuation never hung in the margin: LibreOffice's PDF export leaves out a 、 or ， it hangs at a
        # line's end (the key printed "…定标、人工智能…", the PDF "…定标" / "人工智能…")
        f'<style:paragraph-properties fo:text-indent="{indent}" fo:line-height="150%" '
        f'style:punctuation-wrap="simple" {extra}/>'
        f'<style:text-properties style:font-name="Liberation Serif" style:font-name-asian="{cjk}" '
        f'fo:font-size="{size}pt" style:font-size-asian="{size}pt" {text}/></style:style>'
    )


STYLES = f"""
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"/>
 <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/>
 <style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'"/>
</office:font-face-decls>
<office:styles>
 {_pstyle("Body", 10, "0.71cm", 'fo:text-align="justify"')}
 {_pstyle("Label", 8.5, text='fo:color="#b00000"')}
 {_pstyle("Title", 20, extra='fo:margin-top="0.2cm" fo:margin-bottom="0.1cm"', text='fo:font-weight="bold" style:font-weight-asian="bold"')}
 {_pstyle("Sub", 12.5)}
 {_pstyle("TitleEn", 11, text='fo:font-style="italic"')}
 {_pstyle("Byline", 9, extra='fo:margin-bottom="0.2cm"')}
 {_pstyle("Deck", 11.5, extra='fo:margin-bottom="0.3cm"', text='fo:color="#223355"')}
 {_pstyle("Head", 11, extra='fo:margin-top="0.25cm" fo:keep-with-next="always"', text='fo:color="#a00000" fo:font-weight="bold" style:font-weight-asian="bold"')}
 {_pstyle("Summary", 8.5, extra='fo:text-align="justify" fo:background-color="#e8eef8" fo:padding="0.12cm" fo:margin-top="0.15cm" fo:margin-bottom="0.15cm"', text='fo:hyphenate="true" fo:language="en" fo:country="US" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"')}
 {_pstyle("SumHead", 10, extra='fo:background-color="#e8eef8" fo:padding="0.12cm" fo:margin-top="0.2cm"', text='fo:font-weight="bold"')}
 {_pstyle("Caption", 7.8, extra='fo:margin-bottom="0.2cm"', text='fo:color="#555555"')}
 {_pstyle("Small", 8.5, "-0.6cm", 'fo:margin-left="0.6cm"')}
 {_pstyle("Header", 7.5, text='fo:color="#666666"')}
</office:styles>
<office:automatic-styles>
 <style:style style:name="Cols" style:family="section"><style:section-properties>
  <style:columns fo:column-count="2" fo:column-gap="0.6cm"/></style:section-properties></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties
  fo:border="0.5pt solid #444444" fo:padding="0.05cm"/></style:style>
 <style:style style:name="Photo" style:family="graphic"><style:graphic-properties
  style:wrap="none" style:vertical-pos="top" style:horizontal-pos="center"/></style:style>
 <style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
  fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
"""  # fmt: skip


def _p(style: str, text: str) -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def article_xml(a: dict, n: int, photo_b64: str) -> str:
    out = _p("Label", f"{a['section_zh']} {a['section_en']}") + _p("Title", a["title_zh"])
    if a.get("subtitle_zh"):
        out += _p("Sub", "——" + a["subtitle_zh"])
    out += _p("TitleEn", a["title_en"] or "") + _p("Byline", a["byline"] or "")
    if a.get("deck_zh"):
        out += _p("Deck", a["deck_zh"])
    out += f'<text:section text:style-name="Cols" text:name="S{n}">'
    captions = list(a["captions"])
    for it in a["items"]:
        out += _p("Head", it["title_zh"])
        if it.get("title_en"):
            out += _p("TitleEn", it["title_en"])
        out += "".join(_p("Body", b["text"]) for b in it["blocks"])
        if it.get("text_en"):
            out += _p("Summary", it["text_en"])
    tables = list(a["tables"])
    for i, b in enumerate(a["blocks"]):
        if tables and b["type"] == "paragraph" and b["text"].rstrip().endswith(("：", ":")):
            out += _p("Body", b["text"]) + _table_xml(tables.pop(0))
            continue
        style = {"heading": "Head", "reference": "Small", "list_item": "Small", "note": "Small"}.get(
            b["type"], "Body"
        )
        if b["type"] == "afterword":
            out += _p("Summary", f"编后：{b.get('title') or ''}")
            style = "Summary"
        elif b["type"] == "bio":
            style = "Summary"
        out += _p(style, b["text"])
        if i == 2:
            for s in a["summaries"]:
                out += _p("SumHead", HEADINGS[s["kind"]]) + _p("Summary", s["text"])
        if captions and i % 4 == 1:
            out += (
                '<text:p text:style-name="Caption"><draw:frame draw:style-name="Photo" text:anchor-type="as-char" '
                'svg:width="7.8cm" svg:height="4.2cm"><draw:image><office:binary-data>'
                f"{photo_b64}</office:binary-data></draw:image></draw:frame></text:p>"
                + _p("Caption", captions.pop(0))
            )
    return out + "</text:section>"


def _table_xml(t: dict) -> str:
    """A bordered table; equal consecutive values in the first column become one merged cell."""
    cell = '<table:table-cell table:style-name="Cell"{span}>{p}</table:table-cell>'
    n = len(t["header"])
    out = f'<table:table table:name="T{len(t["rows"])}"><table:table-column table:number-columns-repeated="{n}"/>'
    out += (
        "<table:table-row>"
        + "".join(cell.format(span="", p=_p("Small", h)) for h in t["header"])
        + "</table:table-row>"
    )
    for cells, span in zip(t["rows"], first_column_spans(t["rows"]), strict=True):
        first = (
            cell.format(span=f' table:number-rows-spanned="{span}"', p=_p("Small", cells[0]))
            if span
            else "<table:covered-table-cell/>"
        )
        out += (
            "<table:table-row>" + first + "".join(cell.format(span="", p=_p("Small", c)) for c in cells[1:])
        )
        out += "</table:table-row>"
    out += "</table:table>"
    return out + "".join(_p("Small", note) for note in t.get("notes") or [])


def build(truth: dict, ids: list[str], out: Path) -> dict:
    soffice = shutil.which("soffice")
    if not soffice:
        raise SystemExit("needs LibreOffice (apt-get install libreoffice-writer-nogui fonts-noto-cjk)")
    arts = [a for a in truth["articles"] if a["id"] in ids]
    photo = _photo_uri().split(",", 1)[1]
    issue = truth["issue"]
    head = f"{issue['journal_zh']}  {issue['year']}年第{issue['volume']}卷第{issue['number']}期"
    body = "".join(article_xml(a, n, photo) for n, a in enumerate(arts))
    master = (
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">'
        f"<style:header>{_p('Header', head)}</style:header>"
        '<style:footer><text:p text:style-name="Header"><text:page-number text:select-page="current"/>'
        "</text:p></style:footer></style:master-page></office:master-styles>"
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.text">{STYLES}{master}'
        f"<office:body><office:text>{body}</office:text></office:body></office:document>"
    )
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "issue.fodt"
        src.write_text(xml, encoding="utf-8")
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
             "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        doc = pymupdf.open(Path(tmp) / "issue.pdf")
    # LibreOffice draws a new file identifier each run: one from the document's source instead, so the
    # same key gives the same bytes
    ident = hashlib.md5(xml.encode("utf-8")).hexdigest().upper()
    doc.xref_set_key(-1, "ID", f"[<{ident}><{ident}>]")
    return save_fixture(doc, out, truth, arts, head)


def main() -> None:
    ap = producer_parser(__doc__)
    args = ap.parse_args()
    build(json.loads(args.truth.read_text(encoding="utf-8")), args.articles.split(","), args.out)


if __name__ == "__main__":
    main()
