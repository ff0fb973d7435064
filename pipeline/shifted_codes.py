"""A Latin font whose ToUnicode names its codes as a row of ideographs, read by its own encoding.

pdfTeX with the CJK package may attach the ToUnicode CMap of one CJK subfont (TeX-Uni8f-0: codes
00-FF to U+8F00-U+8FFF, right for the SimSun subfont holding that Unicode row) to the Computer
Modern fonts of the same file: every digit, bracket and Latin letter set in text mode then reads
as an ideograph, '(1)' as 輨輱輩, 'GPU' as 轇轐轕. Nothing looks unmapped, and some of the
characters are real words (车, 转). Two kinds of evidence, both read from the file, must agree
before a glyph is read otherwise:

- the font: a simple (one byte a code) font whose ToUnicode maps its codes by one constant offset
  onto ideographs, many of them (a CJK row's CMap, not names of its own glyphs);
- the glyphs: those printed with it in a run are narrower than any ideograph (an ideograph is as
  wide as its type is high, condensed type a little less; digits and Latin letters half of that).
  The same CMap on the CJK subfont it belongs to prints em-wide ideographs and is left alone.

The run is then read by the font's own encoding: its /Differences, else the glyph names of its
embedded Type 1 program, else its base encoding (a code read as Latin-1). What was repaired is
told once per font with its first place (warning glyphs_repaired)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pdfminer.encodingdb import EncodingDB, name2unicode

from .models import Recoded, Warning, WarningCode

# an ideograph's advance is at least this share of its type size (condensed CJK type included);
# a run of one font narrower than this on average holds no ideographs, whatever its codes say
NARROW_EM = 0.75
# a ToUnicode maps a row of ideographs when at least this many of its one-byte codes go to
# ideographs by one offset, and that offset names at least OFFSET_SHARE of the codes it maps
MIN_SHIFTED_CODES = 32
OFFSET_SHARE = 0.9
# the simple fonts of PDF 32000 9.6 (one byte a code); a Type0 font's codes are CIDs
SIMPLE_FONTS = {"Type1", "MMType1", "TrueType", "Type3"}
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_HEX = re.compile(r"<([0-9A-Fa-f]+)>")
_RANGE = re.compile(r"beginbfrange(.*?)endbfrange", re.S)
_CHAR = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_DUP = re.compile(rb"dup\s+(\d+)\s*/([^\s/\[\]{}()<>]+)\s+put")
_DIFF = re.compile(r"/Differences\s*\[(.*?)\]", re.S)
_BASE = re.compile(r"/BaseEncoding\s*/(\w+)")


def is_ideograph(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


@dataclass(frozen=True)
class ShiftedFont:
    """A font whose ToUnicode names code c as chr(c + offset), and what its codes really are."""

    name: str  # as MuPDF names its spans (the subset tag dropped)
    offset: int
    decode: dict[int, str]  # code -> character, from the font's own encoding


def _tounicode(cmap: str) -> dict[int, int]:
    """The one-byte codes of a ToUnicode CMap and the first code point each maps to."""
    out: dict[int, int] = {}
    for body in _RANGE.findall(cmap):
        nums = _HEX.findall(body)
        for lo, hi, dst in zip(nums[0::3], nums[1::3], nums[2::3], strict=False):
            if len(lo) != 2 or len(dst) < 4:
                continue
            a, b, u = int(lo, 16), int(hi, 16), int(dst[:4], 16)
            for k in range(a, min(b, 0xFF) + 1):
                out[k] = u + k - a
    for body in _CHAR.findall(cmap):
        nums = _HEX.findall(body)
        for src, dst in zip(nums[0::2], nums[1::2], strict=False):
            if len(src) == 2 and len(dst) >= 4:
                out[int(src, 16)] = int(dst[:4], 16)
    return out


def row_offset(cmap: str) -> int | None:
    """The constant offset by which a ToUnicode maps one-byte codes onto ideographs (None: not so)."""
    mapped = _tounicode(cmap)
    offsets = Counter(u - c for c, u in mapped.items() if is_ideograph(chr(u)))
    if not offsets:
        return None
    offset, n = offsets.most_common(1)[0]
    return offset if n >= MIN_SHIFTED_CODES and n >= OFFSET_SHARE * len(mapped) else None


def _names(doc, xref: int) -> dict[int, str]:
    """The font's code -> glyph name: its embedded Type 1 program's encoding, then /Differences."""
    names: dict[int, str] = {}
    try:
        _, ext, _, buf = doc.extract_font(xref)
    except Exception:  # a font program that will not come out: its base encoding alone
        ext, buf = "", b""
    if ext in ("pfa", "pfb") and buf:
        clear = buf.split(b"eexec", 1)[0]
        names.update((int(c), n.decode("latin-1")) for c, n in _DUP.findall(clear) if int(c) < 256)
    kind, value = doc.xref_get_key(xref, "Encoding")
    enc = doc.xref_object(int(value.split()[0])) if kind == "xref" else value if kind == "dict" else ""
    diff = _DIFF.search(enc)
    if diff:
        code = 0
        for tok in diff.group(1).split():
            if tok.startswith("/"):
                names[code] = tok[1:]
                code += 1
            elif tok.isdigit():
                code = int(tok)
    return names


def _decoding(doc, xref: int) -> dict[int, str]:
    """code -> character by the font's own encoding (glyph names), else its base encoding."""
    kind, value = doc.xref_get_key(xref, "Encoding")
    if kind == "name":
        base = value.lstrip("/")
    else:
        enc = doc.xref_object(int(value.split()[0])) if kind == "xref" else value if kind == "dict" else ""
        m = _BASE.search(enc)
        base = m.group(1) if m else "StandardEncoding"
    try:
        table = dict(EncodingDB.get_encoding(base))
    except Exception:  # an encoding pdfminer does not know: Latin-1 below
        table = {}
    out = {c: chr(c) for c in range(0x20, 0x7F)}
    out.update({c: u for c, u in table.items() if u})
    for code, name in _names(doc, xref).items():
        try:
            out[code] = name2unicode(name)
        except Exception:  # a glyph name no list knows (a TeX font's own): the base encoding's
            continue
    return out


def shifted_fonts(page, names: set[str]) -> dict[str, list[ShiftedFont]]:
    """The page's simple fonts named so (as MuPDF names spans) whose ToUnicode maps a row of
    ideographs onto their codes."""
    doc = page.parent
    out: dict[str, list[ShiftedFont]] = {}
    for xref, _ext, kind, basefont, _ref, _enc in page.get_fonts():
        name = _SUBSET.sub("", basefont)
        if kind not in SIMPLE_FONTS or name not in names:
            continue
        tu_kind, tu = doc.xref_get_key(xref, "ToUnicode")
        if tu_kind != "xref":
            continue
        try:
            cmap = doc.xref_stream(int(tu.split()[0])).decode("latin-1")
        except Exception:  # a CMap stream that will not decode names nothing
            continue
        offset = row_offset(cmap)
        if offset is not None:
            out.setdefault(name, []).append(ShiftedFont(name, offset, _decoding(doc, xref)))
    return out


def _advance(glyphs: dict, line_dir: tuple[float, float]) -> float:
    """How far a glyph (or a run's box) reaches along its line."""
    x0, y0, x1, y1 = glyphs["bbox"]
    return abs((x1 - x0) * line_dir[0]) + abs((y1 - y0) * line_dir[1])


def _ideograph_run(span: dict) -> list[dict]:
    """The glyphs of a run that all read as ideographs (a space MuPDF put in a gap is no glyph);
    [] when some glyph reads otherwise."""
    glyphs = [c for c in span.get("chars") or [] if not c["c"].isspace()]
    return glyphs if glyphs and all(is_ideograph(c["c"]) for c in glyphs) else []


def _narrow_ideographs(span: dict, line_dir: tuple[float, float]) -> bool:
    """A run whose glyphs all read as ideographs, though narrower than any ideograph prints."""
    chars = span.get("chars") or []
    size = span.get("size") or 0
    if not chars or size <= 0 or _advance(span, line_dir) >= NARROW_EM * size * len(chars):
        return False  # (most runs: as wide as ideographs, or empty; the glyphs are not looked at)
    glyphs = _ideograph_run(span)
    return bool(glyphs) and sum(_advance(c, line_dir) for c in glyphs) < NARROW_EM * size * len(glyphs)


def recode(page, d: dict) -> list[Recoded]:
    """Read, in place in the page's fresh rawdict d, the glyphs the two kinds of evidence show
    shifted onto ideographs by their font's encoding; what was read so, one entry per font. The
    glyphs' evidence is weighed over all the runs of one font on the page reading as ideographs:
    a lone '=' or 'm' is as wide as a condensed ideograph, the font's runs together are not."""
    runs = [
        (s, tuple(ln.get("dir", (1.0, 0.0))))
        for b in d["blocks"]
        if b.get("type", 0) == 0
        for ln in b["lines"]
        for s in ln["spans"]
    ]
    narrow = {s.get("font", "") for s, dr in runs if _narrow_ideographs(s, dr)}
    if not narrow:
        return []
    fonts = shifted_fonts(page, narrow)
    by_font: dict[str, list[tuple[dict, list[dict], tuple[float, float]]]] = {}
    for s, dr in runs:
        if s.get("font", "") in fonts and (glyphs := _ideograph_run(s)):
            by_font.setdefault(s["font"], []).append((s, glyphs, dr))
    done: dict[str, Recoded] = {}
    for name, held in by_font.items():
        wide = sum(_advance(c, dr) for _, glyphs, dr in held for c in glyphs)
        if wide >= NARROW_EM * sum(s["size"] * len(glyphs) for s, glyphs, _ in held):
            continue  # the font's glyphs are ideographs' width: its CMap names them rightly
        for s, glyphs, _ in held:
            for f in fonts[name]:
                codes = [ord(c["c"]) - f.offset for c in glyphs]
                if not all(0 <= k < 256 and k in f.decode for k in codes):
                    continue
                for c, k in zip(glyphs, codes, strict=True):
                    c["c"] = f.decode[k]
                r = done.get(name)
                box = r.bbox if r else tuple(s["bbox"])
                done[name] = Recoded(name, f.offset, (r.glyphs if r else 0) + len(codes), box)
                break
    return list(done.values())


def recoded_warnings(pages, name) -> list[Warning]:
    """One warning a font whose glyphs were read by its encoding: how many, on which pages, at
    the first run. name(page number) -> the page as printed."""
    first: dict[str, tuple] = {}
    counts: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    for p in pages:
        for r in p.recoded:
            first.setdefault(r.font, (p.number, r))
            counts[r.font] += r.glyphs
            where.setdefault(r.font, []).append(name(p.number))
    out = []
    for font, (page_no, r) in first.items():
        pages_said = ", ".join(where[font][:6]) + (" …" if len(where[font]) > 6 else "")
        out.append(
            Warning(
                WarningCode.GLYPHS_REPAIRED,
                f"{counts[font]} glyph(s) of font {font} read by the font's own encoding, not as the ideographs "
                f"its ToUnicode names (each code + U+{r.offset:04X}), the glyphs being narrower than any "
                f"ideograph: pp. {pages_said}",
                page=page_no,
                bbox=r.bbox,
            )
        )
    return out


def _plumber_shifted(page) -> dict[str, tuple[int, dict[int, str]]]:
    """The fonts of a pdfplumber page (its base font names) whose ToUnicode maps a row of
    ideographs onto their codes: the offset and the font's own encoding (pdfminer's, from its
    /Encoding or its Type 1 program), for the page's simple fonts."""
    from pdfminer.pdffont import PDFTrueTypeFont, PDFType1Font
    from pdfminer.pdftypes import resolve1

    out: dict[str, tuple[int, dict[int, str]]] = {}
    fonts = resolve1((page.page_obj.resources or {}).get("Font")) or {}
    for ref in fonts.values():
        spec = resolve1(ref)
        kind = getattr(spec.get("Subtype"), "name", "")
        tu = resolve1(spec.get("ToUnicode"))
        if kind not in SIMPLE_FONTS - {"Type3"} or tu is None:
            continue
        try:
            offset = row_offset(tu.get_data().decode("latin-1"))
            if offset is None:
                continue
            font = (PDFTrueTypeFont if kind == "TrueType" else PDFType1Font)(None, spec)
        except Exception:  # a font pdfminer cannot read names nothing
            continue
        out[getattr(spec.get("BaseFont"), "name", "")] = (offset, dict(font.cid2unicode))
    return out


def plumber_recoded(page):
    """A pdfplumber page (or crop) whose glyphs shifted onto ideographs by their font's ToUnicode
    are read by the font's encoding, as extract reads them (the same two kinds of evidence: its
    font, and its glyphs reading as ideographs narrower than NARROW_EM of their size on average,
    over the page or crop). The chars are the crop's own dicts, changed in place; the page itself
    is returned."""
    held: dict[str, list[dict]] = {}
    for c in page.chars:
        if len(c["text"]) == 1 and is_ideograph(c["text"]):
            held.setdefault(c["fontname"], []).append(c)
    narrow = {
        name: chars
        for name, chars in held.items()
        if sum(c["width"] for c in chars) < NARROW_EM * sum(c["size"] for c in chars)
    }
    if not narrow:
        return page
    fonts = _plumber_shifted(page)
    for name, chars in narrow.items():
        got = fonts.get(name)
        for c in chars if got is not None else []:
            c["text"] = got[1].get(ord(c["text"]) - got[0]) or c["text"]
    return page
