"""A font's ToUnicode map read for pdfminer (the tables stage's pdfplumber) without its PostScript
tokenizer walking every entry.

pdfminer parses a ToUnicode CMap token by token in Python: a CJK font's map of tens of thousands
of entries (the sample issue's is 34k) cost more than the rest of the font, a quarter of the tables
stage. Its entries stand in `beginbfchar … endbfchar` and `beginbfrange … endbfrange` sections of
hex strings (and arrays of them); those sections are read here by one regular expression and
handed to pdfminer's own handler of the section's end keyword (the same objects, in the same order:
the same map, its warnings and its oddities), and the rest of the stream, each section replaced by
an empty `begincodespacerange endcodespacerange` (which leaves pdfminer's stack as the section
did: empty), is parsed by pdfminer as before. Whenever the stream is anything else (a section that
holds another kind of object, a section inside an array or after `endcmap`, a section pdfminer
would not read as one because it stands in a comment or a string, any cid section or `usecmap`),
the whole stream is parsed by pdfminer alone, from the start. tests/test_tounicode.py holds the
two readings equal over every ToUnicode stream of the fixtures and over crafted ones.
"""

from __future__ import annotations

import re
from io import BytesIO

# a section: the begin keyword after white space, hex strings and arrays of them, the end keyword
# before a delimiter (or the stream's end), as pdfminer's tokenizer reads keywords
_HEX = rb"<[0-9A-Fa-f\s]*>"
_BODY = rb"(?:\s|" + _HEX + rb"|\[(?:\s|" + _HEX + rb")*\])*"
_SECTION = re.compile(
    rb"(?<=\s)begin(bfchar|bfrange)(" + _BODY + rb")end\1(?=[#/%\[\]()<>{}\s]|\Z)",
)
_ANY_SECTION = re.compile(rb"begin(?:bfchar|bfrange)|end(?:bfchar|bfrange)")
_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])")
_SPACE = re.compile(rb"\s")
_PLACEHOLDER = b"begincodespacerange endcodespacerange"


def _objects(body: bytes) -> list | None:
    """The section body's objects as pdfminer makes them (bytes, lists of bytes); None when a hex
    string holds an odd number of digits (pdfminer reads its last one alone) or a hex string is
    followed straight by '>' (pdfminer reads '>>')."""
    out: list = []
    array: list | None = None
    for m in _TOKEN.finditer(body):
        if m.group(1) is not None:
            if body[m.end() : m.end() + 1] == b">":
                return None
            digits = _SPACE.sub(b"", m.group(1))
            if len(digits) % 2:
                return None
            value = bytes.fromhex(digits.decode("ascii"))
            (out if array is None else array).append(value)
        elif m.group(2):
            array = []
        else:
            out.append(array)
            array = None
    return out


def _plan(data: bytes) -> tuple[bytes, list[int], list[tuple[bytes, list]]] | None:
    """(the stream with each section replaced, the placeholders' offsets in it, each section's
    kind and objects) or None when the stream is not one this reading is sure of."""
    sections = list(_SECTION.finditer(data))
    if not sections or len(_ANY_SECTION.findall(data)) != 2 * len(sections):
        return None  # a section keyword the expression did not take whole
    pieces, offsets, found, at, size = [], [], [], 0, 0
    for m in sections:
        objs = _objects(m.group(2))
        if objs is None:
            return None
        pieces.append(data[at : m.start()])
        size += m.start() - at
        offsets.append(size)
        pieces.append(_PLACEHOLDER)
        size += len(_PLACEHOLDER)
        found.append((m.group(1), objs))
        at = m.end()
    pieces.append(data[at:])
    return b"".join(pieces), offsets, found


def install() -> None:
    """pdfminer's fonts read their ToUnicode streams through _ToUnicodeParser from now on (the
    same maps; an embedded encoding CMap is read as before)."""
    from pdfminer import pdffont

    if getattr(pdffont.CMapParser, "_fast", False):
        return
    pdffont.CMapParser = _parser_class(pdffont.CMapParser)


def _parser_class(base):
    from pdfminer.cmapdb import FileUnicodeMap

    begin_space, end_space = base.KEYWORD_BEGINCODESPACERANGE, base.KEYWORD_ENDCODESPACERANGE
    ends = {b"bfchar": base.KEYWORD_ENDBFCHAR, b"bfrange": base.KEYWORD_ENDBFRANGE}
    refused = {
        base.KEYWORD_BEGINBFCHAR,
        base.KEYWORD_ENDBFCHAR,
        base.KEYWORD_BEGINBFRANGE,
        base.KEYWORD_ENDBFRANGE,
        base.KEYWORD_BEGINCIDCHAR,
        base.KEYWORD_ENDCIDCHAR,
        base.KEYWORD_BEGINCIDRANGE,
        base.KEYWORD_ENDCIDRANGE,
        base.KEYWORD_USECMAP,
    }

    class _Rest(base):
        """pdfminer's parser over the stream without its sections, noting where it meets the
        placeholders (at the top level, inside the map) and refusing any keyword that would
        touch the map itself."""

        def __init__(self, cmap, fp):
            super().__init__(cmap, fp)
            self.met: set[tuple[int, object]] = set()
            self.refused = False

        def do_keyword(self, pos, token):
            if token in refused:
                self.refused = True
                return
            if (token is begin_space or token is end_space) and not self.context and self._in_cmap:
                self.met.add((pos, token))
            super().do_keyword(pos, token)

    class _ToUnicodeParser(base):
        _fast = True

        def run(self) -> None:
            cmap = self.cmap
            fresh = type(cmap) is FileUnicodeMap and not cmap.attrs and not cmap.cid2unichr
            data = (
                self.fp.getvalue() if fresh and isinstance(self.fp, BytesIO) and not self.fp.tell() else None
            )
            plan = _plan(data) if data is not None else None
            if plan is None:
                return super().run()
            rest, offsets, sections = plan
            probe = _Rest(cmap, BytesIO(rest))
            probe.run()
            placed = {(at, begin_space) for at in offsets}
            placed |= {(at + len(_PLACEHOLDER) - len(b"endcodespacerange"), end_space) for at in offsets}
            if probe.refused or not placed <= probe.met:
                cmap.attrs.clear()  # what the probe set: read the whole stream afresh
                cmap.cid2unichr.clear()
                return super().run()
            for kind, objs in sections:  # as pdfminer reads a section: its objects, then its end
                if kind == b"bfrange":
                    self._ranges(objs)
                else:
                    self._chars(objs)

        def _chars(self, objs: list) -> None:
            """pdfminer's endbfchar: each (code, text) pair of hex strings, its text UTF-16BE."""
            table = self.cmap.cid2unichr
            for k in range(0, len(objs) - len(objs) % 2, 2):
                cid, code = objs[k], objs[k + 1]
                if isinstance(cid, bytes) and isinstance(code, bytes):
                    cid = int.from_bytes(cid, "big") if cid else 0
                    text = code.decode("UTF-16BE", "ignore")
                    if text == "\u00a0" and table.get(cid) == " ":
                        continue  # pdfminer keeps a space a no-break space would replace
                    table[cid] = text

        def _ranges(self, objs: list) -> None:
            """pdfminer's endbfrange: a range whose text is one UTF-16 unit counting up through
            characters of the basic plane (no surrogate, no no-break space, no wrap past FFFF) is
            entered at once; any other range as pdfminer enters it, in turn."""
            table = self.cmap.cid2unichr
            for k in range(0, len(objs) - len(objs) % 3, 3):
                first, last, code = objs[k : k + 3]
                if (
                    isinstance(first, bytes)
                    and isinstance(last, bytes)
                    and first
                    and len(first) == len(last)
                    and isinstance(code, bytes)
                    and len(code) == 2
                ):
                    start, end = int.from_bytes(first, "big"), int.from_bytes(last, "big")
                    low = int.from_bytes(code, "big")
                    high = low + end - start
                    if high <= 0xFFFF and (high < 0xD800 or low > 0xDFFF) and not low <= 0xA0 <= high:
                        table.update(zip(range(start, end + 1), map(chr, range(low, high + 1)), strict=True))
                        continue
                self.popall()
                self.push((0, first), (0, last), (0, code))
                self.do_keyword(0, ends[b"bfrange"])

    return _ToUnicodeParser
