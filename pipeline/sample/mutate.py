"""Damaged PDFs made from a sound one: each mutation reproduces one way real files break.

Used by the bad-input tests (one mutation each, named) and by `make fuzz-pdf` (seeded random
mutations of the sample issue). Every function takes the sound file's bytes and returns the
damaged bytes; `rng` is a `random.Random` for the seeded ones.
"""

from __future__ import annotations

import random
import re

from ..pdf import pymupdf

_PLACEHOLDER = b"(PLACEHOLDER_0123)"


def _uncompressed(data: bytes, edit=None) -> bytes:
    """The file rewritten with readable (uncompressed) objects, after `edit(doc)` if given."""
    doc = pymupdf.open("pdf", data)
    try:
        if edit:
            edit(doc)
        return doc.tobytes(garbage=1)  # objects written as text (no object streams)
    finally:
        doc.close()


def invalid_key_in_dict(data: bytes, page: int = 0) -> bytes:
    """A small Form XObject drawn on `page` whose dictionary holds a string with unbalanced
    parentheses (a producer that wrote binary into a literal string): MuPDF cannot parse that
    object ("invalid key in dict", "cannot load object") and reads the rest of the page."""

    def edit(doc):
        x = doc.get_new_xref()
        doc.update_object(x, f"<</Type/XObject/Subtype/Form/BBox[0 0 10 10]/Junk{_PLACEHOLDER.decode()}>>")
        doc.update_stream(x, b"0 0 10 10 re f")
        pg = doc[page]
        pg.clean_contents()
        res = doc.xref_get_key(pg.xref, "Resources")
        target = int(res[1].split()[0]) if res[0] == "xref" else pg.xref
        prefix = "" if res[0] == "xref" else "Resources/"
        doc.xref_set_key(target, f"{prefix}XObject/Xbad", f"{x} 0 R")
        cx = pg.get_contents()[0]
        doc.update_stream(cx, doc.xref_stream(cx) + b"\nq 1 0 0 1 20 20 cm /Xbad Do Q\n")

    out = _uncompressed(data, edit)
    assert out.count(_PLACEHOLDER) == 1
    return out.replace(_PLACEHOLDER, b"(ab)cd)ef)gh)ij)k)")  # same length: the xref stays right


def truncate(data: bytes, share: float) -> bytes:
    """The first `share` of the file (a download cut short)."""
    return data[: int(len(data) * share)]


def unlisted_page_tree_cycle(data: bytes) -> bytes:
    """The page tree's last Pages node lists the root Pages node among its kids: a cycle."""

    def edit(doc):
        root = int(doc.xref_get_key(doc.pdf_catalog(), "Pages")[1].split()[0])
        kids = doc.xref_get_key(root, "Kids")[1]
        refs = re.findall(r"(\d+) 0 R", kids)
        doc.xref_set_key(root, "Kids", "[" + " ".join(f"{r} 0 R" for r in refs) + f" {root} 0 R]")

    return _uncompressed(data, edit)


def lost_page_content(data: bytes, page: int = 2) -> bytes:
    """`page`'s content stream replaced by one whose compressed data is garbage (a damaged
    sector): MuPDF reads nothing of that page's text and says why ("zlib error")."""

    def edit(doc):
        pg = doc[page]
        x = doc.get_new_xref()
        doc.update_object(x, "<</Length 64/Filter/FlateDecode>>")
        doc.update_stream(x, bytes(range(7, 7 + 64)), compress=False)
        doc.xref_set_key(x, "Filter", "/FlateDecode")
        doc.xref_set_key(pg.xref, "Contents", f"{x} 0 R")

    return _uncompressed(data, edit)


MUTATIONS = {
    "invalid_key_in_dict": invalid_key_in_dict,
    "lost_page_content": lost_page_content,
}


def seeded(data: bytes, seed: int) -> tuple[str, bytes]:
    """One random mutation of `data`, the same for the same seed."""
    rng = random.Random(seed)
    name = rng.choice(sorted(MUTATIONS))
    return name, MUTATIONS[name](data)
