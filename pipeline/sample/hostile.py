"""Valid PDFs whose text layer lies: a sample's pages rewritten the ways that fool a reader silently.

Every file opens in any viewer and looks like the sample (or like nothing at all); what lies is the
text layer. One variant a file, each made from the same small sample (two pages, two articles,
tests/fixtures/decks-grey-story.pdf), with PyMuPDF and raw PDF edits:

- scan: each page replaced by its own picture (a grey JPEG at 100 dpi, as a scanner gives) with the
  page's text as an invisible OCR layer (text render mode 3) whose boxes are roughly where the
  picture shows the words: shifted a point or two and set 3 % larger, as OCR engines place them.
- hidden: the sample's pages as printed, with sentences no reader sees added: drawn under an opaque
  picture, clipped away by a clip path, white on the white paper, 0.5 pt tall, and invisible (render
  mode 3) on a page that is no scan.
- cropped: page 1's MediaBox does not start at 0,0 (the content moved with it, the page looks as
  before); page 2 has text in the MediaBox outside its CropBox (a viewer shows the crop box only).
- pua: the body font's ToUnicode maps every glyph to the private use area (the page looks right,
  its text layer is U+E000.. codes); the other fonts as before.
- unmapped: every font's ToUnicode maps every glyph to U+FFFD or to nothing: not a character of the
  text layer is readable.
- enormous: page 1 is 5 m wide (the sample's page at its left edge); page 2 carries 30,000 tiny
  drawings and 20,000 tiny glyphs (a dot screen set as text) under the sample's text.
- dense: a third page, an A1 sheet of eight columns of 10 pt type under a title (some 24,000
  glyphs, set as a newspaper sets them): normal text, only much of it.
- smallprint: a third page of small print, five columns of 6 pt type (terms, an index, classified
  notices): one page whose lines outweigh, by length, the sample's two pages of body text.
- margin: a line set upside down far out in the left margin at page 2's foot.
- rotated: each page stored turned, /Rotate 90 turning it upright, the crop box off the media
  box's corner, a sentence outside the crop box.
- cliptext: text set as a clip path (render mode 7): a title with a picture painted through it,
  a sentence with nothing painted through it.
- fauxbold: the titles overprinted twice, a little to the right: a faked bold.
- scattered: every page set again as some 1,500 small text objects drawn in a shuffled order.
- twice: each page's content stream drawn twice (an engine that drew the page twice): every glyph
  of the text layer stands twice, exactly over itself.

Beside each PDF, <name>.hostile.json says what a demanding reader expects of it: the sample's
answer key (the articles as printed, for `pipeline eval`), the sentences that must stay out of the
content (hidden), and the outcome (read, warned with which codes, or refused).

    python -m pipeline.sample.hostile --src tests/fixtures/decks-grey-story.pdf --out tests/fixtures/hostile

Deterministic: no dates, no random numbers; PDFs saved without a new id.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pymupdf

SCAN_DPI = 100
OCR_SHIFT = (1.4, 0.9)  # an OCR box stands this far right and down of the word in the picture
OCR_SCALE = 1.03  # and is set this much larger
CODES = 0x9000  # the sample's two-byte fonts use codes below this
FONT = "china-s"  # the reader's own CJK font (not embedded), as OCR engines use a font of no glyphs

# Sentences of this producer's own, none of them in any answer key, each hidden one way.
HIDDEN = {
    "under_image": "本句被一张不透明的图片完全盖住读者看不见",
    "clipped": "本句被剪切路径裁掉在页面上不会显示出来",
    "white": "本句用白色印在白纸上读者看不见这段文字",
    "tiny": "本句字高只有半个点读者只能看到一条细线",
    "invisible": "本句以不可见模式绘制既不填充也不描边",
}
OFF_CROP = "本句位于裁切框之外查看器不会显示这一行字"


def _write(
    doc: pymupdf.Document,
    src: Path,
    out: Path,
    why: str,
    codes: tuple[str, ...] = (),
    hidden: tuple[str, ...] = (),
    outcome: str = "read",
) -> None:
    """The variant's PDF (no new id, no date), then its key."""
    doc.set_metadata({"title": doc.metadata.get("title", "") or ""})
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    doc.close()
    _key(src, out, outcome, list(codes), list(hidden), why)


def _key(src: Path, out: Path, outcome: str, codes: list[str], hidden: list[str], why: str) -> None:
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    key = {
        "outcome": outcome,  # read | refused
        "warnings": codes,  # codes the run must raise (each with page and bbox)
        # sentences that must be in no content row, only in the residue (reason hidden): also those a
        # viewer does not draw at all (clipped away, outside the crop box), which the text layer holds
        "hidden": hidden,
        "why": why,
        "truth": truth,
    }
    out.with_suffix(".hostile.json").write_text(
        json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def _lines(page: pymupdf.Page) -> list[tuple[str, pymupdf.Rect, float, float]]:
    """Each upright line of the page: its text, box, size and baseline."""
    out = []
    for b in page.get_text("dict")["blocks"]:
        for ln in b.get("lines", []):
            spans = [s for s in ln["spans"] if s["text"].strip()]
            if spans and ln["dir"] == (1.0, 0.0):
                text = "".join(s["text"] for s in ln["spans"]).strip()
                main = max(spans, key=lambda s: len(s["text"]))
                out.append((text, pymupdf.Rect(ln["bbox"]), main["size"], main["origin"][1]))
    return out


def scan(src: Path, out: Path) -> None:
    doc = pymupdf.open(src)
    new = pymupdf.open()
    for page in doc:
        pix = page.get_pixmap(dpi=SCAN_DPI, colorspace=pymupdf.csGRAY)
        picture = pix.tobytes("jpeg", jpg_quality=40)
        p = new.new_page(width=page.rect.width, height=page.rect.height)
        p.insert_image(p.rect, stream=picture)
        p.insert_font(fontname=FONT)
        name = _reader_font(p)
        # as an OCR engine writes its layer: a line a run, stretched (Tz) to the width it measured
        dx, dy = OCR_SHIFT
        h = p.rect.height
        parts = ["BT 3 Tr\n"]
        for text, box, size, base in _lines(page):
            size *= OCR_SCALE
            natural = pymupdf.get_text_length(text, fontname=FONT, fontsize=size)
            stretch = 100 * box.width * OCR_SCALE / natural if natural else 100
            x, y = box.x0 + dx, h - (base + dy)
            parts.append(
                f"/{name} {size:.2f} Tf {stretch:.1f} Tz 1 0 0 1 {x:.2f} {y:.2f} Tm <{_hex(text)}> Tj\n"
            )
        parts.append("ET\n")
        _append(new, p, "".join(parts).encode())
    _write(
        new, src, out, "the page is a picture; its only text is an invisible OCR layer", codes=("ocr_text",)
    )


def _stream(doc: pymupdf.Document, data: bytes) -> int:
    """A new stream object holding `data`: its xref."""
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, data)
    return xref


def _set_contents(doc: pymupdf.Document, page: pymupdf.Page, xrefs: list[int]) -> None:
    doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{x} 0 R" for x in xrefs) + "]")


def _append(doc: pymupdf.Document, page: pymupdf.Page, content: bytes) -> None:
    """Content drawn after the page's own, in the page's PDF coordinates (y up)."""
    xref = _stream(doc, content)
    _set_contents(doc, page, [*page.get_contents(), xref])


def _wrap(doc: pymupdf.Document, page: pymupdf.Page, before: bytes) -> None:
    """The page's own content drawn after `before` (a "q ... cm" that moves or turns it), then
    its graphics state restored."""
    first = _stream(doc, before)
    back = _stream(doc, b"\nQ\n")
    _set_contents(doc, page, [first, *page.get_contents(), back])


def _in_margin(text: str, top: float, h: float) -> tuple[str, int]:
    """Text shown in the right margin from `top` down, seven characters a line: the operators of
    its lines (inside BT ... ET, its font set) and how many lines."""
    rows = [text[i : i + 7] for i in range(0, len(text), 7)]
    body = "".join(f"1 0 0 1 518 {h - top - 10 * k:.1f} Tm <{_hex(row)}> Tj " for k, row in enumerate(rows))
    return body, len(rows)


def _grey(level: int) -> pymupdf.Pixmap:
    """A small even grey picture (stretched where it is drawn)."""
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 8, 8), False)
    pix.set_rect(pix.irect, (level,))
    return pix


def _hex(text: str) -> str:
    return "".join(f"{ord(c):04X}" for c in text)


def _reader_font(page: pymupdf.Page) -> str:
    """The resource name of the reader's CJK font insert_text put on the page (codes UTF-16)."""
    return next(f[4] for f in page.get_fonts() if f[4] == FONT)


def hidden(src: Path, out: Path) -> None:
    doc = pymupdf.open(src)
    page = doc[0]
    h = page.rect.height
    # across the body's column, between its lines: white, 0.5 pt and invisible sentences
    for kind, y in (("white", 303.0), ("tiny", 423.0), ("invisible", 543.0)):
        mode = 3 if kind == "invisible" else 0
        color = (1, 1, 1) if kind == "white" else (0, 0, 0)
        size = 0.5 if kind == "tiny" else 10
        page.insert_text((100, y), HIDDEN[kind], fontsize=size, fontname=FONT, color=color, render_mode=mode)
    # in the right margin, in lines of seven characters: a sentence a grey picture is drawn over,
    # and one clipped away by a clip path a point square in the page's corner
    name = _reader_font(page)
    margin = []
    for kind, top in (("under_image", 300.0), ("clipped", 500.0)):
        body, n_rows = _in_margin(HIDDEN[kind], top, h)
        clip = "0 0 1 1 re W n " if kind == "clipped" else ""
        margin.append(f"q {clip}BT /{name} 9 Tf {body}ET Q\n")
        if kind == "under_image":
            _append(doc, page, margin.pop().encode())
            page.insert_image(
                pymupdf.Rect(514, top - 12, 586, top + 10 * n_rows), pixmap=_grey(200), keep_proportion=False
            )
    _append(doc, page, "".join(margin).encode())
    _write(
        doc,
        src,
        out,
        "sentences no reader sees: under a picture, clipped away, white on white, 0.5 pt, invisible",
        codes=("text_hidden",),
        hidden=tuple(HIDDEN.values()),
    )


def cropped(src: Path, out: Path) -> None:
    doc = pymupdf.open(src)
    # page 1: MediaBox [100 200 695 1042], the content moved with it
    p = doc[0]
    w, h = p.rect.width, p.rect.height
    _wrap(doc, p, b"q 1 0 0 1 100 200 cm\n")
    doc.xref_set_key(p.xref, "MediaBox", f"[100 200 {100 + w:g} {200 + h:g}]")
    # page 2: a MediaBox 200 pt taller than its CropBox, a sentence in the part not shown
    p = doc[1]
    p.insert_font(fontname=FONT)
    name = FONT
    text = f"BT /{name} 10 Tf 1 0 0 1 60 -100 Tm <{_hex(OFF_CROP)}> Tj ET\n"
    _append(doc, p, text.encode())
    doc.xref_set_key(p.xref, "MediaBox", f"[0 -200 {w:g} {h:g}]")
    doc.xref_set_key(p.xref, "CropBox", f"[0 0 {w:g} {h:g}]")
    _write(
        doc,
        src,
        out,
        "a MediaBox off 0,0; text outside the CropBox (a viewer does not show it)",
        codes=("text_hidden",),
        hidden=(OFF_CROP,),
    )


def _cmap(dest, codes: int) -> bytes:
    """A ToUnicode CMap over two-byte codes mapping code c < codes to dest(c): a hex code, '' for
    nothing, or a hex code followed by '+' for a range counting up from it."""
    body = []
    for hi in range((codes + 255) // 256):
        first = dest(hi * 256)
        if first.endswith("+"):
            body.append(f"<{hi:02X}00> <{hi:02X}FF> <{first[:-1]}>")
            continue
        row = " ".join(f"<{dest(hi * 256 + lo)}>" for lo in range(256))
        body.append(f"<{hi:02X}00> <{hi:02X}FF> [{row}]")
    chunks = [body[i : i + 100] for i in range(0, len(body), 100)]
    ranges = "".join(f"{len(c)} beginbfrange\n" + "\n".join(c) + "\nendbfrange\n" for c in chunks)
    return _cmap_program("Hostile-UCS", "<0000> <FFFF>", ranges)


def _one_byte_cmap(dest) -> bytes:
    row = " ".join(f"<{dest(c)}>" for c in range(256))
    return _cmap_program("Hostile-UCS1", "<00> <FF>", f"1 beginbfrange\n<00> <FF> [{row}]\nendbfrange\n")


def _cmap_program(name: str, space: str, ranges: str) -> bytes:
    """A ToUnicode CMap named `name` over the code space `space`, its bfranges `ranges`."""
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo <</Registry(Adobe)/Ordering(UCS)/Supplement 0>> def\n"
        f"/CMapName /{name} def /CMapType 2 def\n"
        f"1 begincodespacerange {space} endcodespacerange\n" + ranges + "endcmap\n"
        "CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()


def _fonts(doc: pymupdf.Document) -> list[int]:
    return [x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Type")[1] == "/Font"]


def _set_tounicode(doc: pymupdf.Document, font: int, cmap: bytes) -> None:
    doc.xref_set_key(font, "ToUnicode", f"{_stream(doc, cmap)} 0 R")


def _body_font(doc: pymupdf.Document) -> int:
    """The Type 0 font drawing the most glyphs of the sample: its body face."""
    counts: dict[str, int] = {}
    for page in doc:
        for b in page.get_text("rawdict")["blocks"]:
            for ln in b.get("lines", []):
                for s in ln["spans"]:
                    counts[s["font"]] = counts.get(s["font"], 0) + len(s["chars"])
    top = max(counts, key=counts.get)
    named = {x: doc.xref_get_key(x, "BaseFont")[1].lstrip("/").replace("#20", " ") for x in _fonts(doc)}
    return next(
        x
        for x, n in named.items()
        if n.split("+")[-1] == top and doc.xref_get_key(x, "Subtype")[1] == "/Type0"
    )


def pua(src: Path, out: Path) -> None:
    doc = pymupdf.open(src)
    _set_tounicode(doc, _body_font(doc), _cmap(lambda c: f"{0xE000 + c % 0x1900:04X}+", CODES))
    _write(
        doc, src, out, "the body font maps every glyph to the private use area", codes=("unmapped_glyphs",)
    )


def unmapped(src: Path, out: Path) -> None:
    doc = pymupdf.open(src)
    for i, font in enumerate(
        x for x in _fonts(doc) if doc.xref_get_key(x, "Subtype")[1] in ("/Type0", "/Type1")
    ):
        dest = (lambda c: "FFFD") if i % 2 == 0 else (lambda c: "")
        simple = doc.xref_get_key(font, "Subtype")[1] == "/Type1"
        _set_tounicode(doc, font, _one_byte_cmap(dest) if simple else _cmap(dest, CODES))
    _write(doc, src, out, "every font maps every glyph to U+FFFD or to nothing", outcome="refused")


def enormous(src: Path, out: Path) -> None:
    doc = pymupdf.open(src)
    p = doc[0]
    h = p.rect.height
    doc.xref_set_key(p.xref, "MediaBox", f"[0 0 14173 {h:g}]")  # 5 m wide
    p = doc[1]
    # 30,000 tiny squares (0.3 pt) and 20,000 tiny dots set as text, in a screen under the text
    parts = ["q 0.85 g\n"]
    for k in range(30000):
        x, y = 20 + (k % 200) * 2.7, 20 + (k // 200) * 5.0
        parts.append(f"{x:.1f} {y:.1f} .3 .3 re f\n")
    parts.append("Q\n")
    _append(doc, p, "".join(parts).encode())
    p.insert_font(fontname="helv")
    name = "helv"
    dots = [f"BT /{name} 1.5 Tf 0.8 g\n"]
    for k in range(20000):
        x, y = 22 + (k % 200) * 2.7, 22 + (k // 200) * 7.5
        dots.append(f"1 0 0 1 {x:.1f} {y:.1f} Tm (.) Tj\n")
    dots.append("ET\n")
    _append(doc, p, "".join(dots).encode())
    _write(
        doc,
        src,
        out,
        "a 5 m wide page; a page of 30,000 drawings and 20,000 glyphs 1.5 pt tall",
        codes=("text_hidden",),
    )


DENSE_SIZE = (1684.0, 2384.0)  # A1: a broadsheet or a poster
DENSE_COLUMNS = 8
DENSE_PT = 10.0  # the sample's body size: normal type, not a dot screen
DENSE_MARGIN = 48.0
DENSE_GUTTER = 12.0
DENSE_TITLE = "整版密排的八栏新闻版面"  # this producer's own words, in no answer key
DENSE_TITLE_PT = 36.0


def _body_paragraphs(doc: pymupdf.Document) -> list[str]:
    """The sample's body text, a paragraph a raw line group: each line of body size, the
    paragraphs parted where a line stops short."""
    paras, cur = [], ""
    for page in doc:
        for text, box, size, _ in _lines(page):
            if abs(size - 10) > 0.6 or len(text) < 2:
                continue
            cur += text
            if box.x1 < 480:
                paras.append(cur)
                cur = ""
    return [p for p in paras + [cur] if p]


def _sheet(doc, paras, size, columns, pt, margin, gutter, title, title_pt) -> list[str]:
    """A new page of the given size: a title, then columns of pt type set full as a newspaper sets
    them (paragraphs indented two ems, each column running on into the next), the paragraphs
    repeated until the page is full. The paragraphs as set, in order."""
    w, h = size
    page = doc.new_page(width=w, height=h)
    page.insert_font(fontname=FONT)
    col_w = (w - 2 * margin - (columns - 1) * gutter) / columns
    per_line = int(col_w // pt)
    pitch = pt * 1.4
    top = margin + title_pt * 2
    rows = int((h - margin - top) // pitch)
    parts = [f"BT /{FONT} {title_pt:g} Tf 1 0 0 1 {margin:g} {h - margin - title_pt:.2f} Tm"]
    parts.append(f" <{_hex(title)}> Tj\n/{FONT} {pt:g} Tf\n")
    k = 0
    text, indent = "", True
    set_paras: list[str] = []
    for c in range(columns):
        x0 = margin + c * (col_w + gutter)
        for r in range(rows):
            if not text:
                text, indent = paras[k % len(paras)], True
                set_paras.append("")
                k += 1
            room = per_line - (2 if indent else 0)
            line, text = text[:room], text[room:]
            set_paras[-1] += line
            x = x0 + (2 * pt if indent else 0)
            y = h - top - pt - r * pitch
            parts.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm <{_hex(line)}> Tj\n")
            indent = False
    parts.append("ET\n")
    _append(doc, page, "".join(parts).encode())
    return set_paras


def _key_with_sheet(out: Path, ident: str, title: str, set_paras: list[str]) -> None:
    """The key beside out gains the sheet as a third article: its title and its paragraphs."""
    key = out.with_suffix(".hostile.json")
    data = json.loads(key.read_text(encoding="utf-8"))
    last = data["truth"]["articles"][-1]
    data["truth"]["articles"].append(
        {
            **{k: None for k in last},
            "id": ident,
            "kind": "article",
            "title_zh": title,
            "authors": [],
            "keywords_zh": [],
            "blocks": [{"type": "paragraph", "text": p} for p in set_paras],
            "captions": [],
            "summaries": [],
            "tables": [],
            "items": [],
        }
    )
    key.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def dense(src: Path, out: Path) -> None:
    """The sample with a third page: an A1 sheet under a title of its own, eight columns of the
    body's 10 pt type, some 24,000 glyphs set as a newspaper sets them (paragraphs indented two
    ems, each column running on into the next): normal text, only much of it, to hold the
    page-wise stages to their CPU budget. Its key: the sample's answer key and a third article,
    the sheet's title and the paragraphs as set."""
    doc = pymupdf.open(src)
    set_paras = _sheet(
        doc,
        _body_paragraphs(doc),
        DENSE_SIZE,
        DENSE_COLUMNS,
        DENSE_PT,
        DENSE_MARGIN,
        DENSE_GUTTER,
        DENSE_TITLE,
        DENSE_TITLE_PT,
    )
    _write(doc, src, out, "a third page: an A1 sheet of eight columns of the body's type, some 24,000 glyphs")
    _key_with_sheet(out, "dense", DENSE_TITLE, set_paras)


SMALL_SIZE = (595.0, 842.0)  # A4, as the sample's pages
SMALL_COLUMNS = 5
SMALL_PT = 6.0  # small print: terms, an index, classified notices
SMALL_MARGIN = 36.0
SMALL_GUTTER = 8.0
SMALL_TITLE = "读者服务与版权说明细则"  # this producer's own words, in no answer key
SMALL_TITLE_PT = 20.0  # the sample titles' size


def smallprint(src: Path, out: Path) -> None:
    """The sample with a third page of small print (an A4 page of five columns of 6 pt type under
    a title, as terms, an index or classified notices are set): one page whose lines, by length,
    outnumber the sample's two pages of body text, so that a body size read by the issue's length
    of lines is the small print's and the articles' body reads as display type. Its key: the
    sample's answer key and a third article, the page's title and its paragraphs as set."""
    doc = pymupdf.open(src)
    set_paras = _sheet(
        doc,
        _body_paragraphs(doc),
        SMALL_SIZE,
        SMALL_COLUMNS,
        SMALL_PT,
        SMALL_MARGIN,
        SMALL_GUTTER,
        SMALL_TITLE,
        SMALL_TITLE_PT,
    )
    _write(
        doc,
        src,
        out,
        "a third page of small print: five columns of 6 pt type outweighing, by length, the body text",
    )
    _key_with_sheet(out, "smallprint", SMALL_TITLE, set_paras)


MARGIN_LINE = "答案倒印在页脚从页边伸到正文下"  # this producer's own words, in no answer key
MARGIN_PT = 8.0  # under the body's 10 pt, over any size read as hidden
MARGIN_X = 12.0  # the line's left edge: far out in the margin, seven ems left of the text's 84 pt,
# its right end under the text (no gutter parts it from the column)


def margin(src: Path, out: Path) -> None:
    """The sample with a line far out in the left margin at page 2's foot, below the text, set
    upside down (turned half a circle, as a quiz's answer is printed), running on under the text.
    It stands in the text column's extent, seven ems left of its lines, which made every line of the text above look
    indented: each line opened a paragraph. Its text is the page's, kept in a row of its own; the
    articles read as the sample's."""
    doc = pymupdf.open(src)
    page = doc[1]
    page.insert_font(fontname=FONT)
    # turned: drawn right to left and downwards from its origin, which stands at its right end
    right = MARGIN_X + MARGIN_PT * len(MARGIN_LINE)
    _append(
        doc,
        page,
        f"BT /{FONT} {MARGIN_PT:g} Tf -1 0 0 -1 {right:g} 50 Tm <{_hex(MARGIN_LINE)}> Tj ET\n".encode(),
    )
    _write(doc, src, out, "a line set upside down far out in the left margin at page 2's foot")


ROTATE_CROP = (30.0, 40.0)  # the crop box's lower left corner in the rotated page's media box
CLIP_ONLY = "本句只作剪切路径其中没有填充任何颜色"  # render mode 7, nothing painted through it
FAUX_BOLD_SHIFT = 0.35  # a faked bold: the title drawn again this far right, twice
SCATTER_RUN = 2  # characters a text object holds when a page is set one small object at a time
SCATTER_SEED = 20261208  # the order the objects are drawn in (fixed: the fixture is deterministic)


def rotated(src: Path, out: Path) -> None:
    """Each page stored turned a quarter (its content drawn sideways, /Rotate 90 turning it upright
    again for the viewer), its crop box off the media box's corner (the content moved with it),
    and on page 2 a sentence set in the media box outside the crop box."""
    doc = pymupdf.open(src)
    dx, dy = ROTATE_CROP
    for k, p in enumerate(doc):
        w, h = p.rect.width, p.rect.height
        if k == 1:  # in PDF space below the page's foot: in the media box, outside the crop box
            p.insert_font(fontname=FONT)
            _append(doc, p, f"BT /{FONT} 10 Tf 1 0 0 1 60 -20 Tm <{_hex(OFF_CROP)}> Tj ET\n".encode())
        # stored turned anticlockwise, (x, y) -> (h - y, x), and moved to the crop box's corner:
        # the viewer's quarter turn clockwise shows it upright
        _wrap(doc, p, f"q 0 1 -1 0 {dx + h:g} {dy:g} cm\n".encode())
        doc.xref_set_key(p.xref, "MediaBox", f"[0 0 {h + 2 * dx:g} {w + 2 * dy:g}]")
        doc.xref_set_key(p.xref, "CropBox", f"[{dx:g} {dy:g} {dx + h:g} {dy + w:g}]")
        doc.xref_set_key(p.xref, "Rotate", "90")
    _write(
        doc,
        src,
        out,
        "pages stored turned with /Rotate 90, the crop box off the media box's corner; text outside it",
        codes=("text_hidden",),
        hidden=(OFF_CROP,),
    )


def cliptext(src: Path, out: Path) -> None:
    """Text set as clip paths (render mode 7) on page 1: the first article's title set again so,
    a grey picture painted through its glyphs (printed: a title filled with a photo), and in the
    right margin a sentence with nothing painted through it (no reader sees it)."""
    doc = pymupdf.open(src)
    page = doc[0]
    h = page.rect.height
    text, box, size, base = max(_lines(page), key=lambda t: t[2])  # the title: the biggest type
    page.add_redact_annot(box)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)
    page.insert_font(fontname=FONT)
    body, _ = _in_margin(CLIP_ONLY, 300.0, h)
    _append(doc, page, f"q BT 7 Tr /{FONT} 9 Tf {body}ET n Q\n".encode())
    # the title: clip to its glyphs, then a picture drawn over their place (inside q ... Q)
    xref = page.insert_image(pymupdf.Rect(0, 0, 1, 1), pixmap=_grey(60))  # the image as a resource ...
    name = next(img[7] for img in page.get_images(full=True) if img[0] == xref)
    # ... not drawn where insert_image drew it (its own content stream, the page's last)
    _set_contents(doc, page, page.get_contents()[:-1])
    width = pymupdf.get_text_length(text, fontname=FONT, fontsize=size)
    _append(
        doc,
        page,
        f"q BT 7 Tr /{FONT} {size:.2f} Tf 1 0 0 1 {box.x0:.2f} {h - base:.2f} Tm <{_hex(text)}> Tj ET "
        f"{width:.2f} 0 0 {size * 1.2:.2f} {box.x0:.2f} {h - base - size * 0.25:.2f} cm /{name} Do Q\n".encode(),
    )
    _write(
        doc,
        src,
        out,
        "text set as a clip path: a title with a picture painted through it (printed), a sentence with nothing (hidden)",
        codes=("text_hidden",),
        hidden=(CLIP_ONLY,),
    )


def fauxbold(src: Path, out: Path) -> None:
    """Every line set above the body's size (the titles) drawn twice more, a little to the right
    each time, in the reader's font: a bold faked by overprinting, as office software does."""
    doc = pymupdf.open(src)
    for page in doc:
        h = page.rect.height
        page.insert_font(fontname=FONT)
        parts = []
        for text, box, size, base in _lines(page):
            if size < 14:
                continue
            for k in (1, 2):
                x = box.x0 + k * FAUX_BOLD_SHIFT
                parts.append(
                    f"BT /{FONT} {size:.2f} Tf 1 0 0 1 {x:.2f} {h - base:.2f} Tm <{_hex(text)}> Tj ET\n"
                )
        _append(doc, page, "".join(parts).encode())
    _write(doc, src, out, "the titles overprinted twice, shifted: a faked bold", codes=("text_overprint",))


def scattered(src: Path, out: Path) -> None:
    """Every page's text set again as one small text object every two characters, each glyph
    placed on its own and the objects drawn in a shuffled order (some 1,500 a page): the pages look
    the same; their text layer's order says nothing, only where each object stands does."""
    import random

    doc = pymupdf.open(src)
    shuffle = random.Random(SCATTER_SEED).shuffle
    for page in doc:
        _scatter(page, shuffle)
    _write(doc, src, out, "every page set again as ~1,500 small text objects drawn in a shuffled order")


def _scatter(page: pymupdf.Page, shuffle) -> None:
    h = page.rect.height
    objects = []
    for b in page.get_text("rawdict")["blocks"]:
        for ln in b.get("lines", []):
            if ln["dir"] != (1.0, 0.0):
                continue
            for sp in ln["spans"]:
                chars = [c for c in sp["chars"] if c["c"].strip()]
                for i in range(0, len(chars), SCATTER_RUN):
                    run = chars[i : i + SCATTER_RUN]
                    # each glyph placed where it stood, in a face of the same widths: Latin in
                    # Helvetica (the sample's Latin face is Nimbus Sans, its metrics'), the rest in
                    # the reader's CJK font (an em wide, as the sample's)
                    latin = "hebo" if "Bold" in sp["font"] else "helv"
                    shows = "".join(_shown(c, latin, sp["size"], h) for c in run)
                    objects.append(f"BT {_rgb(sp['color'])} rg {shows}ET\n")
    page.add_redact_annot(page.rect)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)
    for name in (FONT, "helv", "hebo"):
        page.insert_font(fontname=name)
    shuffle(objects)
    _append(page.parent, page, "".join(objects).encode())


def _shown(c: dict, latin: str, size: float, h: float) -> str:
    """One glyph set where it stood, as wide as it stood (scaled with Tz where the face at hand is
    wider or narrower than the sample's): ASCII in the Latin face, the rest in the reader's CJK
    font."""
    x, y = c["origin"][0], h - c["origin"][1]
    font = latin if ord(c["c"]) < 128 else FONT
    natural = pymupdf.get_text_length(c["c"], fontname=font, fontsize=size)
    wide = c["bbox"][2] - c["bbox"][0]
    tz = 100 * wide / natural if natural > 0 and wide > 0 else 100
    shown = (
        "(" + ("\\" + c["c"] if c["c"] in "()\\" else c["c"]) + ")" if font == latin else f"<{_hex(c['c'])}>"
    )
    return f"/{font} {size:.2f} Tf {tz:.1f} Tz 1 0 0 1 {x:.2f} {y:.2f} Tm {shown} Tj "


def _rgb(color: int) -> str:
    return " ".join(f"{((color >> s) & 0xFF) / 255:.3f}" for s in (16, 8, 0))


def twice(src: Path, out: Path) -> None:
    doc = pymupdf.open(src)
    for p in doc:
        _set_contents(doc, p, p.get_contents() * 2)
    _write(doc, src, out, "every page drawn twice: each glyph of the text layer stands twice")


VARIANTS = {
    "scan": scan,
    "hidden": hidden,
    "cropped": cropped,
    "pua": pua,
    "unmapped": unmapped,
    "enormous": enormous,
    "twice": twice,
    "dense": dense,
    "smallprint": smallprint,
    "margin": margin,
    "rotated": rotated,
    "cliptext": cliptext,
    "fauxbold": fauxbold,
    "scattered": scattered,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--only", help="comma-separated variants (default: all)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only.split(",") if args.only else VARIANTS:
        VARIANTS[name](args.src, args.out / f"{name}.pdf")


if __name__ == "__main__":
    main()
