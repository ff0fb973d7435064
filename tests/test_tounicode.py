"""pipeline.tounicode reads a ToUnicode stream into the very map pdfminer's own parser makes."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pymupdf
import pytest
from pdfminer.cmapdb import CMapParser, FileUnicodeMap

from pipeline import tounicode

ROOT = Path(__file__).resolve().parent.parent
FAST = tounicode._parser_class(CMapParser)


def _both(data: bytes) -> tuple[FileUnicodeMap, FileUnicodeMap]:
    theirs, ours = FileUnicodeMap(), FileUnicodeMap()
    CMapParser(theirs, BytesIO(data)).run()
    FAST(ours, BytesIO(data)).run()
    return theirs, ours


def _same(data: bytes) -> bool:
    theirs, ours = _both(data)
    return (
        theirs.cid2unichr == ours.cid2unichr
        and list(theirs.cid2unichr) == list(ours.cid2unichr)  # in the same order too
        and theirs.attrs == ours.attrs
    )


def _streams() -> dict[bytes, str]:
    out: dict[bytes, str] = {}
    pdfs = sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")) + sorted(
        (ROOT / "data" / "raw").glob("*.pdf")
    )
    for path in pdfs:
        try:
            doc = pymupdf.open(path)
        except Exception:  # noqa: BLE001 - the fuzz's damaged files
            continue
        with doc:
            for xref in range(1, doc.xref_length()):
                try:
                    kind, ref = doc.xref_get_key(xref, "ToUnicode")
                    data = doc.xref_stream(int(ref.split()[0])) if kind == "xref" else None
                except Exception:  # noqa: BLE001
                    continue
                if data:
                    out.setdefault(data, path.name)
    return out


def test_every_fixture_map_reads_the_same():
    streams = _streams()
    assert len(streams) > 100
    assert [name for data, name in streams.items() if not _same(data)] == []
    # and the quick reading is the one taken for nearly all of them (the sample's CJK map included)
    planned = [data for data in streams if tounicode._plan(data) is not None]
    assert len(planned) >= 0.9 * len(streams)
    assert max(streams, key=len) in planned


HEAD = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
TAIL = b"\nendcmap CMapName currentdict /CMap defineresource pop end end\n"


@pytest.mark.parametrize(
    "body",
    [
        b"2 beginbfchar <0003> <0020> <0004> <00A0> endbfchar",  # a space, then a no-break space for it
        b"1 beginbfchar <0003> <0020> endbfchar 1 beginbfchar <0003> <00A0> endbfchar",
        b"1 beginbfrange <0001> <0010> <0041> endbfrange",
        b"1 beginbfrange <0001> <0010> <009A> endbfrange",  # through U+00A0
        b"1 beginbfrange <0001> <0010> <D7FA> endbfrange",  # into the surrogates
        b"1 beginbfrange <0001> <0010> <FFFA> endbfrange",  # past FFFF: wraps
        b"1 beginbfrange <0010> <0001> <0041> endbfrange",  # an empty range
        b"1 beginbfrange <0001> <0003> [<0041> <0042> <0043>] endbfrange",
        b"1 beginbfrange <01> <0003> <0041> endbfrange",  # ends of two lengths
        b"1 beginbfrange <0001> <0003> <00000041> endbfrange",
        b"1 beginbfrange <0001> <0003> <D835DC00> endbfrange",  # a surrogate pair counting up
        b"2 beginbfchar <0001> <004> <0002> <0042> endbfchar",  # an odd number of digits
        b"3 beginbfchar <0001> <0041> <0002> endbfchar",  # one left over
        b"1 beginbfchar <00 01> <00\n41> endbfchar",  # spaces inside hex strings
        b"1 beginbfchar <0001> (A) endbfchar",  # a literal string
        b"1 beginbfchar <0001> /A endbfchar",  # a glyph name
        b"% 1 beginbfchar <0001> <0041> endbfchar\n1 beginbfchar <0002> <0042> endbfchar",  # in a comment
        b"/X (1 beginbfchar <0001> <0041> endbfchar) def 1 beginbfchar <0002> <0042> endbfchar",  # in a string
        b"[ 1 beginbfchar <0001> <0041> endbfchar ] 1 beginbfchar <0002> <0042> endbfchar",  # in an array
        b"endcmap 1 beginbfchar <0001> <0041> endbfchar",  # after the map's end
        b"1 begincidrange <0001> <0002> 5 endcidrange 1 beginbfchar <0001> <0041> endbfchar",
        b"/Adobe-Japan1-UCS2 usecmap 1 beginbfchar <0001> <0041> endbfchar",
        b"1 beginbfchar <0001> <0041> endbfchar 1 beginbfrange <0001> <0002> <0061> endbfrange",
        b"1 beginbfchar <0001> <0041>>> endbfchar",
        b"1 beginbfchar<0001><0041>endbfchar",  # no space around the keywords
    ],
)
def test_crafted_maps_read_the_same(body):
    assert _same(HEAD + body + TAIL)
    assert _same(body)  # with no header at all


def test_install_replaces_the_parser_fonts_use():
    from pdfminer import pdffont

    tounicode.install()
    tounicode.install()  # once only
    assert getattr(pdffont.CMapParser, "_fast", False)
    assert pdffont.CMapParser.__mro__[1] is CMapParser
