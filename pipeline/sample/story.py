"""A second producer for test fixtures: articles of an answer key laid out by MuPDF's HTML/CSS
engine (pymupdf.Story) in one ragged column, as a web page or word processor would print them.
Nothing downstream may depend on how our own typesetter places glyphs.

    python -m pipeline.sample.story --truth KEY.json --articles a11,a18 --out tests/fixtures/story-onecolumn.pdf
"""

from __future__ import annotations

import argparse
import html
import json
from pathlib import Path

import pymupdf

CSS = """
body {font-family: sans-serif;}
.sec {font-size: 8.5pt; color: #c60;}
h1 {font-size: 20pt; margin: 0 0 4pt 0;}
.en {font-size: 11pt; font-style: italic; margin: 0 0 6pt 0;}
.by {font-size: 9pt; margin: 0 0 8pt 0;}
p {font-size: 10pt; text-indent: 2em; margin: 0; line-height: 1.5;}
h2 {font-size: 11.5pt; font-weight: bold; margin: 8pt 0 2pt 0; color: #a00;}
.sum {background: #e8eef8; padding: 4pt; margin: 6pt 0;}
.sum p {font-size: 8.5pt; text-indent: 0;}
"""
HEADINGS = {"reading_summary": "Reading Summary", "editor_note": "Editor's Note", "abstract": "Abstract"}


def article_html(a: dict) -> str:
    e = html.escape
    out = f"<div class='sec'>{e(a['section_zh'])} {e(a['section_en'])}</div><h1>{e(a['title_zh'])}</h1>"
    out += f"<div class='en'>{e(a['title_en'] or '')}</div><div class='by'>{e(a['byline'] or '')}</div>"
    for i, b in enumerate(a["blocks"]):
        out += f"<h2>{e(b['text'])}</h2>" if b["type"] == "heading" else f"<p>{e(b['text'])}</p>"
        if i == 2:  # the summary box after the third block, breaking across pages when it must
            for s in a["summaries"]:
                out += f"<div class='sum'><p><b>{HEADINGS[s['kind']]}</b></p><p>{e(s['text'])}</p></div>"
    return out


def build(truth: dict, ids: list[str], out: Path, first_folio: int = 20) -> dict:
    arts = [a for a in truth["articles"] if a["id"] in ids]
    story = pymupdf.Story(html="".join(article_html(a) for a in arts), user_css=CSS)
    page_rect = pymupdf.paper_rect("a4")
    tmp = out.with_suffix(".tmp.pdf")
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
    doc.set_metadata({"title": issue["journal_zh"]})
    doc.subset_fonts()
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    doc.close()
    tmp.unlink()
    key = dict(truth, articles=arts, toc=[], furniture=[head])
    for a in key["articles"]:
        a["toc_page"] = None  # where each article starts is not recorded for this producer
    out.with_suffix(".truth.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    return key


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--truth", required=True, type=Path)
    ap.add_argument("--articles", required=True)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    build(json.loads(args.truth.read_text(encoding="utf-8")), args.articles.split(","), args.out)


if __name__ == "__main__":
    main()
