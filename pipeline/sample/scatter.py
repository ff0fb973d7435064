"""A hostile text layer for test fixtures: an existing fixture rewritten so that every glyph is a
text object of its own, drawn in random order (the content stream says nothing about reading
order), in a substitute font whose metrics differ from the printed ones (narrow Western quotes in
Chinese text) and with bold faked by stroking. The page looks the same; only geometry is left to
read it by. Rules, boxes and photos are kept. Deterministic (seeded).

    python -m pipeline.sample.scatter tests/fixtures/office-columns.pdf --out tests/fixtures/scattered-office.pdf
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pymupdf

from .fixture import rewrite_parser


def _glyphs(page: pymupdf.Page) -> list[tuple]:
    """(x, y, char, size, colour, bold) of every visible glyph. A glyph that stands for several
    characters (a two-em dash read as ——, a ligature) gives the first its whole box and the rest
    none: they are spread over the box, as a producer setting them one by one would."""
    out = []
    raw = page.get_text("rawdict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE)
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                bold = bool(span["flags"] & 16) or "bold" in span["font"].lower()
                chars = span["chars"]
                i = 0
                while i < len(chars):
                    j = i + 1
                    while j < len(chars) and chars[j]["bbox"][2] - chars[j]["bbox"][0] < 0.01:
                        j += 1  # characters sharing the first one's box
                    x0, x1 = chars[i]["bbox"][0], chars[i]["bbox"][2]
                    for k, c in enumerate(chars[i:j]):
                        if c["c"].strip():
                            x = x0 + (x1 - x0) * k / (j - i)
                            out.append((x, c["origin"][1], c["c"], span["size"], span["color"], bold))
                    i = j
    return out


def scatter(src: Path, out: Path, seed: int = 7) -> None:
    font = pymupdf.Font("cjk")  # Droid Sans Fallback: CJK and Latin, proportional quotes
    rng = random.Random(seed)
    doc = pymupdf.open(src)
    for page in doc:
        glyphs = _glyphs(page)
        page.add_redact_annot(page.rect)
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_NONE,
            graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_REMOVE,
        )
        rng.shuffle(glyphs)
        writers: dict[tuple, pymupdf.TextWriter] = {}  # one text object per colour and weight
        for x, y, ch, size, color, bold in glyphs:
            if (color, bold) not in writers:
                writers[color, bold] = pymupdf.TextWriter(page.rect, color=pymupdf.sRGB_to_pdf(color))
            writers[color, bold].append((x, y), ch, font=font, fontsize=size)
        for (_, bold), writer in writers.items():
            writer.write_text(page, render_mode=2 if bold else 0)  # fill and stroke: a faked bold
    save_rewrite(doc, src, out)


def save_rewrite(doc: pymupdf.Document, src: Path, out: Path) -> None:
    """A fixture redrawn glyph by glyph: its fonts subset, saved deterministically, and the source's
    answer key beside it unchanged (the page prints the same text)."""
    doc.subset_fonts()
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    truth = json.loads(src.with_suffix(".truth.json").read_text(encoding="utf-8"))
    out.with_suffix(".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def main() -> None:
    ap = rewrite_parser(__doc__)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    scatter(args.src, args.out, args.seed)


if __name__ == "__main__":
    main()
