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


def type3_boxes_off_line(data: bytes, char: str = "—") -> bytes:
    """Every Type 3 font that draws `char` gets a FontBBox five ems above the baseline (a browser
    that boxed a one-glyph em dash font by its ink: MuPDF gives its glyphs boxes off their line,
    the text and its baseline stay where they were)."""

    def edit(doc):
        xrefs = set()
        for page in doc:
            for b in page.get_text("rawdict")["blocks"]:
                for ln in b.get("lines", []):
                    for s in ln["spans"]:
                        m = re.match(r"Type3 \((\d+) 0 R\)", s["font"])
                        if m and any(c["c"] == char for c in s["chars"]):
                            xrefs.add(int(m.group(1)))
        for x in sorted(xrefs):
            doc.xref_set_key(x, "FontBBox", "[0 -5200 900 -4300]")

    return _uncompressed(data, edit)


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


def stalling_page(data: bytes, page: int = 2, segments: int = 200_000) -> bytes:
    """`page` drawn over with `segments` hair-line strokes before its own content (a plot
    exported point by point, or a file built to stall a reader): its text is intact, but reading
    its drawings costs MuPDF seconds where a page costs milliseconds."""

    def edit(doc):
        pg = doc[page]
        ops = "".join(
            f"{k % 400 + 50} {k // 400 % 600 + 100} m {k % 400 + 51} {k // 400 % 600 + 101} l S\n"
            for k in range(segments)
        )
        x = doc.get_new_xref()
        doc.update_object(x, "<<>>")
        doc.update_stream(x, ops.encode())
        doc.xref_set_key(pg.xref, "Contents", f"[{x} 0 R {' '.join(f'{c} 0 R' for c in pg.get_contents())}]")

    return _uncompressed(data, edit)


def flip_bytes(data: bytes, rng: random.Random, count: int = 40) -> bytes:
    """`count` bytes past the header replaced by random ones (a bad disk, a bad transfer)."""
    out = bytearray(data)
    for _ in range(count):
        out[rng.randrange(16, len(out))] = rng.randrange(256)
    return bytes(out)


def damage_xref(data: bytes, rng: random.Random) -> bytes:
    """Offsets in the cross-reference table shifted (an editor that rewrote objects in place)."""
    at = data.rfind(b"xref")
    if at < 0:
        return flip_bytes(data, rng)
    head, tail = data[:at], bytearray(data[at:])
    for m in list(re.finditer(rb"\d{10} \d{5} n", bytes(tail)))[: 400 : rng.randint(2, 5)]:
        tail[m.start() + 6 : m.start() + 10] = b"%04d" % rng.randrange(10000)
    return head + bytes(tail)


def duplicate_objects(data: bytes, rng: random.Random) -> bytes:
    """Objects defined a second time in the same revision with other content: the xref points at
    one, a repairing reader may take the other."""
    text = _uncompressed(data)
    heads = list(re.finditer(rb"\n(\d+) 0 obj\s*<<", text))
    picks = rng.sample(heads, min(3, len(heads)))
    extra = b"".join(b"%s 0 obj\n<</Type/Page/Contents[]>>\nendobj\n" % m.group(1) for m in picks)
    at = text.rfind(b"xref")
    return text[:at] + extra + text[at:]


def zero_stream_lengths(data: bytes, rng: random.Random) -> bytes:
    """Some /Length values set to 0: MuPDF has to find each stream's end by itself."""
    out = _uncompressed(data)
    spots = list(re.finditer(rb"/Length (\d+)", out))
    for m in sorted(rng.sample(spots, min(len(spots), rng.randint(1, 20))), key=lambda m: -m.start()):
        out = out[: m.start(1)] + b"0".rjust(len(m.group(1))) + out[m.end(1) :]
    return out


def garbage_after_eof(data: bytes, rng: random.Random) -> bytes:
    """Random bytes after %%EOF (an appended signature block, a download padded with noise)."""
    return data + bytes(rng.randrange(256) for _ in range(rng.randint(10, 5000)))


def random_stream(data: bytes, rng: random.Random) -> bytes:
    """One page's content stream replaced by random operators and operands."""
    ops = [b"BT", b"ET", b"Tf", b"Tj", b"TJ", b"cm", b"re", b"f", b"q", b"Q", b"Do", b"m", b"l", b"S", b"'"]
    args = [b"1", b"0", b"-3.5", b"/F1", b"(abc)", b"[(x) 20 (y)]", b"<4e2d>", b"1e9", b"/Xbad"]
    body = b" ".join(rng.choice(args + ops) for _ in range(rng.randint(50, 2000)))

    def edit(doc):
        pg = doc[rng.randrange(doc.page_count)]
        pg.clean_contents()
        doc.update_stream(pg.get_contents()[0], body)

    return _uncompressed(data, edit)


def encrypt(data: bytes, rng: random.Random) -> bytes:
    """A user password nobody gave us."""
    doc = pymupdf.open("pdf", data)
    try:
        return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    finally:
        doc.close()


def empty_page_tree(data: bytes, rng: random.Random) -> bytes:
    """The page tree emptied (Kids [] Count 0) in place, the xref left right (padded)."""
    text = _uncompressed(data)
    m = re.search(rb"/Type\s*/Pages\b", text)
    if not m:
        return text
    start = text.rfind(b"obj", 0, m.start())
    end = text.find(b"endobj", m.end())
    obj = text[start:end]
    new = re.sub(rb"/Kids\s*\[[^\]]*\]", b"/Kids[]", obj)
    new = re.sub(rb"/Count\s+\d+", b"/Count 0", new)
    return text[:start] + new + b" " * max(0, len(obj) - len(new)) + text[end:]


def _seeded_truncate(data: bytes, rng: random.Random) -> bytes:
    return truncate(data, rng.uniform(0.05, 0.999))


def _seeded_invalid_key(data: bytes, rng: random.Random) -> bytes:
    return invalid_key_in_dict(data, page=rng.randrange(pymupdf.open("pdf", data).page_count))


def _seeded_lost_page(data: bytes, rng: random.Random) -> bytes:
    return lost_page_content(data, page=rng.randrange(pymupdf.open("pdf", data).page_count))


# name -> f(data, rng): the seeded mutations `make fuzz-pdf` draws from
SEEDED = {
    "flip_bytes": flip_bytes,
    "truncate": _seeded_truncate,
    "damage_xref": damage_xref,
    "duplicate_objects": duplicate_objects,
    "zero_stream_lengths": zero_stream_lengths,
    "garbage_after_eof": garbage_after_eof,
    "random_stream": random_stream,
    "encrypt": encrypt,
    "empty_page_tree": empty_page_tree,
    "invalid_key_in_dict": _seeded_invalid_key,
    "lost_page_content": _seeded_lost_page,
    "page_tree_cycle": lambda data, rng: unlisted_page_tree_cycle(data),
}


def seeded(data: bytes, seed: int) -> tuple[str, bytes]:
    """One random mutation of `data`, the same for the same seed."""
    rng = random.Random(seed)
    name = sorted(SEEDED)[seed % len(SEEDED)]  # every kind in turn, its parameters from the seed
    return name, SEEDED[name](data, rng)
