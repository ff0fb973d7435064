"""A PDF writer of our own that emits its text layer the way hostile engines do, behind the small part
of fpdf2's API the sample producers draw with (add_page, set_font, text, rect, line, image, colours).

What it writes, unlike every engine the samples used before:
- every glyph shown on its own with an absolute text matrix (`1 0 0 1 x y Tm <gid> Tj`), Chinese
  justification and Latin word spacing only in those positions; no space glyph anywhere (a space is
  the gap it leaves);
- a page's text in no reading order: its glyphs sorted by baseline across the whole page, so the
  columns' lines come interleaved row by row (left column's line, right column's line, ...), rows
  top to bottom on odd pages and bottom to top on even ones; all drawing before any text;
- each face as a Type 0 font, Identity-H, TrueType outlines subset with their glyph ids kept; faces
  named "mute" are embedded without a ToUnicode map and with no cmap in the font file (as a
  designer's display font often comes), each of their runs wrapped in a marked-content span whose
  /ActualText gives the run's text as printed (spaces included).

Deterministic: no dates, font subsets saved without a new timestamp, names from the faces' names.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class _Font:
    name: str
    path: Path
    mute: bool
    upm: int = 1000
    cmap: dict[int, int] = field(default_factory=dict)  # code point -> glyph id
    adv: list[int] = field(default_factory=list)  # glyph id -> advance, font units
    bbox: tuple[int, int, int, int] = (0, 0, 0, 0)
    ascent: int = 0
    descent: int = 0
    used: dict[int, str] = field(default_factory=dict)  # glyph id -> the character first drawn with it


@dataclass
class _Glyph:
    x: float
    y: float  # baseline, from the page's top
    font: str
    size: float
    color: tuple[float, float, float]
    gid: int


@dataclass
class _Run:
    """A run of a mute face: emitted whole inside its ActualText span."""

    text: str
    glyphs: list[_Glyph]


@dataclass
class _Page:
    ops: list[str] = field(default_factory=list)  # drawing, in the order drawn
    glyphs: list[_Glyph | _Run] = field(default_factory=list)
    images: dict[str, int] = field(default_factory=dict)  # resource name -> object number


def _num(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _rgb(c: tuple[int, int, int]) -> tuple[float, float, float]:
    return tuple(round(v / 255, 3) for v in c)  # type: ignore[return-value]


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


class RawPdf:
    """Pages drawn in points from the top-left corner, as fpdf2 (unit="pt") draws them."""

    def __init__(self, width: float, height: float, fonts: dict[str, Path], mute: set[str] = frozenset()):
        from fontTools.ttLib import TTFont

        self.w, self.h = width, height
        self.fonts: dict[str, _Font] = {}
        for name, path in fonts.items():
            tt = TTFont(path, lazy=True)
            f = _Font(name, Path(path), name in mute, tt["head"].unitsPerEm)
            order = tt.getGlyphOrder()
            gid = {g: i for i, g in enumerate(order)}
            f.cmap = {cp: gid[g] for cp, g in tt.getBestCmap().items()}
            hmtx = tt["hmtx"].metrics
            f.adv = [hmtx[g][0] for g in order]
            head = tt["head"]
            f.bbox = (head.xMin, head.yMin, head.xMax, head.yMax)
            f.ascent, f.descent = tt["hhea"].ascent, tt["hhea"].descent
            self.fonts[name] = f
            tt.close()
        self.pages: list[_Page] = []
        self._font: _Font | None = None
        self._size = 10.0
        self._text = (0.0, 0.0, 0.0)
        self._fill = (0.0, 0.0, 0.0)
        self._draw = (0.0, 0.0, 0.0)
        self._lw = 0.567
        self._tc = 0.0
        self._images: list[tuple[str, bytes, int, int]] = []  # key, flate RGB, w, h
        self._image_ids: dict[str, int] = {}

    # -- state
    @property
    def page(self) -> int:
        return len(self.pages)

    def add_page(self) -> None:
        self.pages.append(_Page())

    def set_font(self, name: str, size: float = 10.0) -> None:
        self._font, self._size = self.fonts[name], size

    def set_text_color(self, r: int, g: int = 0, b: int = 0) -> None:
        self._text = _rgb((r, g, b))

    def set_fill_color(self, r: int, g: int = 0, b: int = 0) -> None:
        self._fill = _rgb((r, g, b))

    def set_draw_color(self, r: int, g: int = 0, b: int = 0) -> None:
        self._draw = _rgb((r, g, b))

    def set_line_width(self, w: float) -> None:
        self._lw = w

    def set_char_spacing(self, tc: float) -> None:
        self._tc = tc

    # -- text
    def _gid(self, f: _Font, ch: str) -> int:
        return f.cmap.get(ord(ch), 0)

    def get_string_width(self, s: str) -> float:
        f = self._font
        assert f is not None
        return sum(f.adv[self._gid(f, ch)] for ch in s) * self._size / f.upm

    def text(self, x: float, y: float, s: str) -> None:
        """`s` from (x, baseline y), glyph by glyph; spaces only advance."""
        f = self._font
        assert f is not None
        glyphs = []
        for ch in s:
            gid = self._gid(f, ch)
            if not ch.isspace():
                f.used.setdefault(gid, ch)
                glyphs.append(_Glyph(x, y, f.name, self._size, self._text, gid))
            x += f.adv[gid] * self._size / f.upm + self._tc
        page = self.pages[-1]
        if f.mute and glyphs:
            page.glyphs.append(_Run(s, glyphs))
        else:
            page.glyphs.extend(glyphs)

    # -- drawing
    def rect(self, x: float, y: float, w: float, h: float, style: str | None = None) -> None:
        box = f"{_num(x)} {_num(self.h - y - h)} {_num(w)} {_num(h)} re"
        if style == "F":
            op = f"{' '.join(map(_num, self._fill))} rg {box} f"
        else:
            op = f"{' '.join(map(_num, self._draw))} RG {_num(self._lw)} w {box} S"
        self.pages[-1].ops.append(op)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.pages[-1].ops.append(
            f"{' '.join(map(_num, self._draw))} RG {_num(self._lw)} w "
            f"{_num(x0)} {_num(self.h - y0)} m {_num(x1)} {_num(self.h - y1)} l S"
        )

    def image_rgb(self, key: str, samples: bytes, iw: int, ih: int, x, y, w, h) -> None:
        """An RGB picture (8 bits a sample) drawn into (x, y, w, h)."""
        if key not in self._image_ids:
            self._image_ids[key] = len(self._images)
            self._images.append((key, zlib.compress(samples, 9), iw, ih))
        name = f"Im{self._image_ids[key]}"
        self.pages[-1].images[name] = self._image_ids[key]
        self.pages[-1].ops.append(
            f"q {_num(w)} 0 0 {_num(h)} {_num(x)} {_num(self.h - y - h)} cm /{name} Do Q"
        )

    # -- output
    def _text_ops(self, page: _Page, upward: bool) -> list[str]:
        def where(g: _Glyph | _Run) -> tuple[float, float]:
            first = g.glyphs[0] if isinstance(g, _Run) else g
            return (round(first.y, 1), first.x)

        order = sorted(page.glyphs, key=where)
        if upward:
            rows: dict[float, list] = {}
            for g in order:
                rows.setdefault(where(g)[0], []).append(g)
            order = [g for y in sorted(rows, reverse=True) for g in rows[y]]
        out = ["BT"]
        state: list = [None, None]

        def show(g: _Glyph) -> None:
            if state[0] != (g.font, g.size):
                out.append(f"/{self._res(g.font)} {_num(g.size)} Tf")
                state[0] = (g.font, g.size)
            if state[1] != g.color:
                out.append(f"{' '.join(map(_num, g.color))} rg")
                state[1] = g.color
            out.append(f"1 0 0 1 {_num(g.x)} {_num(self.h - g.y)} Tm <{g.gid:04X}> Tj")

        for g in order:
            if isinstance(g, _Run):
                out.append(f"/Span <</ActualText <FEFF{_utf16(g.text)}>>> BDC")
                for x in g.glyphs:
                    show(x)
                out.append("EMC")
            else:
                show(g)
        out.append("ET")
        return out

    def _res(self, font: str) -> str:
        return "F" + str(list(self.fonts).index(font))

    def _font_file(self, f: _Font) -> bytes:
        """The face cut down to the glyphs drawn, their ids kept; a mute face loses its cmap."""
        from fontTools.subset import Options, Subsetter
        from fontTools.ttLib import TTFont

        tt = TTFont(f.path, recalcTimestamp=False)
        opts = Options()
        opts.retain_gids = True
        opts.layout_features = []
        opts.notdef_outline = True
        opts.name_IDs = ["*"]
        opts.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG", "FFTM"]
        sub = Subsetter(opts)
        order = tt.getGlyphOrder()
        sub.populate(glyphs=[order[g] for g in sorted(f.used | {0: ""})])
        sub.subset(tt)
        if f.mute:
            del tt["cmap"]
        buf = io.BytesIO()
        tt.save(buf)
        return buf.getvalue()

    def output(self) -> bytes:
        objs: list[bytes] = []

        def add(body: bytes | str) -> int:
            objs.append(body.encode("latin-1") if isinstance(body, str) else body)
            return len(objs)

        def stream(dict_body: str, data: bytes) -> int:
            data = zlib.compress(data, 9)
            return add(
                f"<< {dict_body} /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
                + data
                + b"\nendstream"
            )

        catalog = add("")  # filled in at the end
        pages_obj = add("")
        font_ids = {}
        for name, f in self.fonts.items():
            if not f.used:
                continue
            tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(name.encode()).digest()[:6])
            base = f"{tag}+{f.path.stem.replace(' ', '')}"
            scale = 1000 / f.upm
            ff = stream("", self._font_file(f))
            desc = add(
                f"<< /Type /FontDescriptor /FontName /{base} /Flags 4 /FontBBox "
                f"[{' '.join(str(round(v * scale)) for v in f.bbox)}] /ItalicAngle 0 "
                f"/Ascent {round(f.ascent * scale)} /Descent {round(f.descent * scale)} "
                f"/CapHeight {round(f.ascent * scale)} /StemV 80 /FontFile2 {ff} 0 R >>"
            )
            widths = " ".join(f"{g} [{round(f.adv[g] * scale)}]" for g in sorted(f.used))
            cid = add(
                f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{base} /CIDSystemInfo << /Registry "
                f"(Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {desc} 0 R "
                f"/DW 1000 /W [{widths}] /CIDToGIDMap /Identity >>"
            )
            tu = ""
            if not f.mute:
                lines = [f"<{g:04X}> <{_utf16(ch)}>" for g, ch in sorted(f.used.items())]
                chunks = [lines[i : i + 100] for i in range(0, len(lines), 100)]
                body = "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
                cmap = (
                    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                    f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
                )
                tu = f" /ToUnicode {stream('', cmap.encode())} 0 R"
            font_ids[name] = add(
                f"<< /Type /Font /Subtype /Type0 /BaseFont /{base} /Encoding /Identity-H "
                f"/DescendantFonts [{cid} 0 R]{tu} >>"
            )
        image_ids = [
            stream(
                f"/Type /XObject /Subtype /Image /Width {iw} /Height {ih} /ColorSpace /DeviceRGB "
                "/BitsPerComponent 8",
                zlib.decompress(data),
            )
            for _, data, iw, ih in self._images
        ]
        fonts_res = " ".join(f"/{self._res(n)} {i} 0 R" for n, i in font_ids.items())
        kids = []
        for n, page in enumerate(self.pages, start=1):
            content = page.ops + self._text_ops(page, upward=n % 2 == 0)
            c = stream("", "\n".join(content).encode("latin-1"))
            xobj = " ".join(f"/{k} {image_ids[v]} 0 R" for k, v in sorted(page.images.items()))
            kids.append(
                add(
                    f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {_num(self.w)} {_num(self.h)}] "
                    f"/Resources << /Font << {fonts_res} >> /XObject << {xobj} >> >> /Contents {c} 0 R >>"
                )
            )
        objs[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
        objs[pages_obj - 1] = (
            f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
        )
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(objs, start=1):
            offsets.append(out.tell())
            out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            out.write(f"{off:010d} 00000 n \n".encode())
        out.write(
            f"trailer\n<< /Size {len(objs) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        )
        return out.getvalue()
