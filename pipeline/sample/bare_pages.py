"""A page with no text of its own between two articles of different sections, for a test fixture:
an existing fixture with one page put in after the page an article ends on (layout fuzz seed 31337:
v02 set a blank page there, v09 a page holding only a box's foot run over the turn).

    --style blank: the page prints the running head of its side and nothing else (its folio is
                   suppressed, but it counts: the folios after it move on). It belongs to no unit.
    --style spill: a shaded box set at the foot of the article's last page runs over the turn: the
                   page holds its last strip at its head. It is the article's, which runs onto it.

The next article opens on the page after with a title area of its own: the page is no picture
page of its section. The answer key is the source's, its page numbers moved on after the page put
in, and so are the folios, toc pages and contents entries after it. Deterministic.

    python -m pipeline.sample.bare_pages tests/fixtures/hung-openers.pdf --style blank \
        --out tests/fixtures/bare-blank.pdf
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf

from .fixture import rewrite_parser
from .sideways import BAND

SHADE = (0.88, 0.91, 0.96)  # the box's fill
SPILL_STRIP = 8.0  # the box's height on the page it runs onto
BOX_HEIGHT = 60.0  # the box's height at the foot of the article's last page


def _running_head(page: pymupdf.Page, like: pymupdf.Page) -> None:
    """The running head (its text and rule, in the top band) of `like`, a page of the same side."""
    h = like.rect.height
    for d in like.get_drawings():
        r = d["rect"]
        if r.y1 <= BAND * h:
            page.draw_line(
                (r.x0, r.y0), (r.x1, r.y0), color=d.get("color") or (0, 0, 0), width=d.get("width") or 0.5
            )
    font = pymupdf.Font("cjk")
    for b in like.get_text("dict")["blocks"]:
        for ln in b.get("lines", []):
            if ln["bbox"][3] > BAND * h:
                continue
            for s in ln["spans"]:
                c = s["color"]
                writer = pymupdf.TextWriter(
                    page.rect, color=((c >> 16) / 255, ((c >> 8) & 255) / 255, (c & 255) / 255)
                )
                writer.append(s["origin"], s["text"], font=font, fontsize=s["size"])
                writer.write_text(page)


def _refolio(page: pymupdf.Page) -> None:
    """The folio in the page's foot band printed one on: the page put in before it counts."""
    h = page.rect.height
    font = pymupdf.Font("cjk")
    spans = [
        s
        for b in page.get_text("dict")["blocks"]
        for ln in b.get("lines", [])
        if ln["bbox"][1] >= (1 - BAND) * h
        for s in ln["spans"]
        if s["text"].strip().isdigit()
    ]
    for s in spans:
        page.add_redact_annot(pymupdf.Rect(s["bbox"]))
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)
    for s in spans:
        c = s["color"]
        writer = pymupdf.TextWriter(
            page.rect, color=((c >> 16) / 255, ((c >> 8) & 255) / 255, (c & 255) / 255)
        )
        writer.append(s["origin"], str(int(s["text"].strip()) + 1), font=font, fontsize=s["size"])
        writer.write_text(page)


def _text_frame(page: pymupdf.Page) -> tuple[float, float, float]:
    """The left and right edges and the foot of the page's text (its lines out of the bands)."""
    h = page.rect.height
    boxes = [
        ln["bbox"]
        for b in page.get_text("dict")["blocks"]
        for ln in b.get("lines", [])
        if BAND * h < ln["bbox"][1] and ln["bbox"][3] < (1 - BAND) * h
    ]
    return min(b[0] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def bare(src: Path, out: Path, style: str) -> dict:
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    doc = pymupdf.open(src)
    arts = truth["articles"]
    # the first article ending on the page before one of another section opens
    before, after = next(
        (a, b)
        for a, b in zip(arts, arts[1:], strict=False)
        if a["kind"] == b["kind"] == "article"
        and b["page_start"] == a["page_end"] + 1
        and a["section_zh"] != b["section_zh"]
    )
    last = before["page_end"]  # 1-based; the new page is last + 1
    w, h = doc[last - 1].rect.width, doc[last - 1].rect.height
    page = doc.new_page(pno=last, width=w, height=h)
    _running_head(page, doc[last - 2])  # the page two before stands on the same side
    if style == "spill":
        left, right, foot = _text_frame(doc[last - 1])
        mid = (left + right) / 2
        box = pymupdf.Rect(mid + 6, foot + 4, right, min(foot + 4 + BOX_HEIGHT, (1 - BAND) * h))
        doc[last - 1].draw_rect(box, color=None, fill=SHADE, overlay=False)
        top = BAND * h + 12
        page.draw_rect(pymupdf.Rect(left, top, mid - 6, top + SPILL_STRIP), color=None, fill=SHADE)
        before["page_end"] = last + 1

    def moved(p: int) -> int:
        return p + 1 if p > last else p

    for k in range(last + 1, len(doc)):  # the page put in counts: the folios after it move on
        _refolio(doc[k])

    for a in arts:
        if a is not before or style != "spill":
            a["page_start"], a["page_end"] = moved(a["page_start"]), moved(a["page_end"])
        a["caption_pages"] = [moved(p) for p in a.get("caption_pages", [])]
        for s in a.get("summaries", []):
            s["pages"] = [moved(p) for p in s.get("pages", [])]
    for a in arts:
        if a.get("toc_page") is not None:
            a["toc_page"] = moved(a["toc_page"])
    for e in truth.get("toc") or []:
        e["page"] = moved(e["page"])
    # the page put in prints no folio, but counts (its folio is suppressed, as a blank page's is)
    truth["folio_map"] = {str(moved(int(k))): moved(v) for k, v in truth["folio_map"].items()}
    truth["folio_map"][str(last + 1)] = last + 1
    truth["folio_map"] = dict(sorted(truth["folio_map"].items(), key=lambda kv: int(kv[0])))
    doc.subset_fonts()
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    out.with_suffix(".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return truth


def main() -> None:
    ap = rewrite_parser(__doc__)
    ap.add_argument("--style", choices=("blank", "spill"), required=True)
    args = ap.parse_args()
    bare(args.src, args.out, args.style)


if __name__ == "__main__":
    main()
