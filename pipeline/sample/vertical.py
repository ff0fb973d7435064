"""Text that does not run left to right: an existing fixture rewritten with PyMuPDF the way many
Chinese magazines print it.

- a thumb tab on every page: the section's name rotated 90° on a coloured tab at the page's outer
  edge (reading down on a right-hand page, up on a left-hand one), and the journal's name and
  issue rotated along the inner edge (page furniture, as a running head is);
- titles set vertically (竖排) in the margin tight beside the opening's first column, in place of
  the horizontal title: one glyph by glyph (each character a horizontal glyph of its own, stacked
  top to bottom), one in a vertical-writing font (WMode 1: a CID font with a -V CMap, the
  characters advancing down the page);
- photo credits (摄影：…) rotated 90° along a photo's right edge, one reading up, one down.

The answer key is the source's, with the credits added to the captions of the article they stand
in (each is a caption of its own). Deterministic.

    python -m pipeline.sample.vertical tests/fixtures/news-classic.pdf --out tests/fixtures/vertical-news.pdf
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf

from .fixture import rewrite_main

FONT = "china-s"  # MuPDF's built-in CJK font (Adobe-GB1), as a Type0 font with a UniGB-UTF16-H CMap
TAB_SIZE, TAB_WIDTH, TAB_HEIGHT = 9.0, 16.0, 110.0
EDGE_SIZE = 7.0
TITLE_GAP = 4.0  # between a vertical title and the column beside it: tight, as magazines set it
CREDIT_SIZE = 7.0
CREDITS = ("摄影：李明", "摄影：王军")


def _words(page: pymupdf.Page) -> list[tuple[tuple, str, float]]:
    """(bbox, text, size) of each line of the page as MuPDF reads it."""
    out = []
    for b in page.get_text("dict")["blocks"]:
        for ln in b.get("lines", []):
            text = "".join(s["text"] for s in ln["spans"])
            out.append((tuple(ln["bbox"]), text, max(s["size"] for s in ln["spans"])))
    return out


def _thumb_tab(page: pymupdf.Page, section: str, right: bool) -> None:
    """The section's name on a tab at the outer edge, rotated: reading down on the right edge,
    up on the left one (the reader turns the magazine towards the spine)."""
    w, h = page.rect.width, page.rect.height
    top = 0.32 * h
    x0 = w - TAB_WIDTH if right else 0.0
    page.draw_rect(pymupdf.Rect(x0, top, x0 + TAB_WIDTH, top + TAB_HEIGHT), color=None, fill=(0.75, 0.1, 0.1))
    length = len(section) * TAB_SIZE
    start = top + (TAB_HEIGHT - length) / 2
    # a glyph turned 90° stands 1 em to one side of its baseline and 0.2 em to the other
    if right:  # reading down: rotate 270 (the glyphs' tops face the page's outer edge)
        page.insert_text(
            (x0 + TAB_WIDTH / 2 - 0.4 * TAB_SIZE, start), section, fontname=FONT,
            fontsize=TAB_SIZE, rotate=270, color=(1, 1, 1),
        )  # fmt: skip
    else:  # reading up
        page.insert_text(
            (x0 + TAB_WIDTH / 2 + 0.4 * TAB_SIZE, start + length), section, fontname=FONT,
            fontsize=TAB_SIZE, rotate=90, color=(1, 1, 1),
        )  # fmt: skip


def _inner_edge(page: pymupdf.Page, label: str, right_page: bool) -> None:
    """The journal and issue rotated along the inner edge, near the foot of the page."""
    w, h = page.rect.width, page.rect.height
    length = len(label) * EDGE_SIZE * 0.8
    if right_page:  # inner edge on the left: reading up
        page.insert_text(
            (18, 0.9 * h), label, fontname=FONT, fontsize=EDGE_SIZE, rotate=90, color=(0.4, 0.4, 0.4)
        )
    else:
        page.insert_text(
            (w - 18, 0.9 * h - length),
            label,
            fontname=FONT,
            fontsize=EDGE_SIZE,
            rotate=270,
            color=(0.4, 0.4, 0.4),
        )


def _remove(page: pymupdf.Page, box: tuple) -> None:
    page.add_redact_annot(pymupdf.Rect(box))
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )


def _title_glyphs(page: pymupdf.Page, title: str, box: tuple, size: float, color) -> None:
    """The title stacked glyph by glyph, top to bottom, tight left of the column it stood over."""
    x = box[0] - TITLE_GAP - size
    for k, ch in enumerate(title.replace(" ", "")):
        page.insert_text((x, box[1] + size * (k + 0.88)), ch, fontname=FONT, fontsize=size, color=color)


def _vertical_font(doc: pymupdf.Document, page: pymupdf.Page) -> str:
    """A copy of the page's built-in CJK font with the vertical CMap (UniGB-UTF16-V): WMode 1.
    Returns its resource name."""
    page.insert_text((0, 0), " ", fontname=FONT, fontsize=1)  # the font in the page's resources
    xref = next(f[0] for f in page.get_fonts() if f[4] == FONT)
    vx = doc.get_new_xref()
    doc.update_object(vx, doc.xref_object(xref).replace("UniGB-UTF16-H", "UniGB-UTF16-V"))
    kind, res = doc.xref_get_key(page.xref, "Resources")
    target = int(res.split()[0]) if kind == "xref" else page.xref
    prefix = "" if kind == "xref" else "Resources/"
    kind, fonts = doc.xref_get_key(target, prefix + "Font")
    if kind == "xref":
        doc.xref_set_key(int(fonts.split()[0]), "FV", f"{vx} 0 R")
    else:
        doc.xref_set_key(target, prefix + "Font/FV", f"{vx} 0 R")
    return "FV"


def _title_wmode(
    doc: pymupdf.Document, page: pymupdf.Page, title: str, box: tuple, size: float, color
) -> None:
    """The title in a vertical-writing font: one text object, the characters advancing down."""
    name = _vertical_font(doc, page)
    x = box[0] - TITLE_GAP - size / 2  # a vertical font's origin is the top centre of its glyph
    y = page.rect.height - box[1]  # PDF space: y up
    text = title.replace(" ", "").encode("utf-16-be").hex()
    r, g, b = color
    stream = (
        f"q BT {r:.3f} {g:.3f} {b:.3f} rg /{name} {size:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm <{text}> Tj ET Q"
    )
    cx = doc.get_new_xref()
    doc.update_object(cx, "<<>>")
    doc.update_stream(cx, stream.encode())
    contents = page.get_contents() + [cx]
    doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{c} 0 R" for c in contents) + "]")


def _credit(page: pymupdf.Page, image: tuple, credit: str, up: bool) -> None:
    """A photo credit rotated along the photo's right edge (reading up from its foot, or down
    from its head)."""
    x = image[2] + 1.5  # where the turned glyphs start
    if up:
        page.insert_text((x + CREDIT_SIZE, image[3]), credit, fontname=FONT, fontsize=CREDIT_SIZE, rotate=90)
    else:
        page.insert_text(
            (x + 0.2 * CREDIT_SIZE, image[1]), credit, fontname=FONT, fontsize=CREDIT_SIZE, rotate=270
        )


def _colour(page: pymupdf.Page, box: tuple) -> tuple[float, float, float]:
    for b in page.get_text("dict", clip=pymupdf.Rect(box))["blocks"]:
        for ln in b.get("lines", []):
            c = ln["spans"][0]["color"]
            return ((c >> 16) / 255, ((c >> 8) & 255) / 255, (c & 255) / 255)
    return (0.0, 0.0, 0.0)


def verticalize(src: Path, out: Path) -> dict:
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    doc = pymupdf.open(src)
    arts = truth["articles"]
    label = f"{truth['issue']['journal_zh']} {truth['furniture'][-1]}"
    # the second and third articles' titles go vertical: glyph by glyph, then in a WMode 1 font
    vertical = {a["id"]: how for a, how in zip(arts[1:3], ("glyphs", "wmode"), strict=False)}
    credits = iter(CREDITS)
    pictured: list[tuple[dict, int]] = []
    for page in doc:
        number = page.number + 1
        right = number % 2 == 1  # odd pages are right-hand pages
        on_page = [a for a in arts if a["page_start"] <= number <= a["page_end"]]
        for a in arts:
            if a["id"] not in vertical or a["page_start"] != number:
                continue
            lines = _words(page)
            box, _, size = next(
                ln for ln in lines if ln[1].replace(" ", "") == a["title_zh"].replace(" ", "")
            )
            color = _colour(page, box)
            _remove(page, box)
            if vertical[a["id"]] == "glyphs":
                _title_glyphs(page, a["title_zh"], box, size, color)
            else:
                _title_wmode(doc, page, a["title_zh"], box, size, color)
        images = [tuple(i["bbox"]) for i in page.get_image_info()]
        owner = next((a for a in on_page if a["captions"] and a["id"] in vertical), None)
        if images and owner is not None:
            credit = next(credits, None)
            if credit is not None:
                _credit(page, images[0], credit, up=len(pictured) % 2 == 0)
                pictured.append((owner, number))
                owner.setdefault("_credits", []).append((credit, number))
        _thumb_tab(page, on_page[-1]["section_zh"], right)
        _inner_edge(page, label, right)
    for a in arts:
        for credit, number in a.pop("_credits", []):
            a["captions"] = [*a["captions"], credit]
            a["caption_pages"] = [*a["caption_pages"], number]
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    out.with_suffix(".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return truth


def main() -> None:
    rewrite_main(__doc__, verticalize)


if __name__ == "__main__":
    main()
