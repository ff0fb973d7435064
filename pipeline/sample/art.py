"""Deterministic artwork: generated "photos", QR-like codes and tables."""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache

import pymupdf

from .compose import compose_cjk
from .flow import BLACK, Color, Item, PageCtx


def _seed(text: str) -> bytes:
    return hashlib.md5(text.encode("utf-8")).digest()


def seeded(text: str, lo: float, hi: float) -> float:
    """A deterministic number in [lo, hi] derived from `text`."""
    return lo + (hi - lo) * int.from_bytes(_seed(text)[:4], "big") / 0xFFFFFFFF


@lru_cache(maxsize=256)
def photo_pixmap(seed: str, w: int = 150, h: int = 100) -> pymupdf.Pixmap:
    """A landscape-like gradient: sky, a ridge line and a tinted ground, so
    the page looks like it carries a photo without shipping any file."""
    s = _seed(seed)
    sky = (s[0] // 2 + 100, s[1] // 2 + 120, 200 + s[2] // 5)
    ground = (40 + s[3] // 3, 70 + s[4] // 3, 50 + s[5] // 4)
    f1, f2, ph = 2 + s[6] % 5, 5 + s[7] % 7, s[8] / 40
    buf = bytearray()
    for y in range(h):
        t = y / h
        for x in range(w):
            ridge = 0.55 + 0.12 * math.sin(f1 * x / w * 3.1 + ph) + 0.05 * math.sin(f2 * x / w * 6.2)
            if t < ridge:
                k = t / ridge
                c = [int(sky[i] * (1 - 0.35 * k) + 255 * 0.25 * k) for i in range(3)]
            else:
                k = (t - ridge) / (1 - ridge + 1e-6)
                c = [int(ground[i] * (1 - 0.4 * k)) for i in range(3)]
            buf += bytes(min(255, max(0, v)) for v in c)
    return pymupdf.Pixmap(pymupdf.csRGB, w, h, bytes(buf), 0)


@lru_cache(maxsize=64)
def qr_pixmap(seed: str, n: int = 25) -> pymupdf.Pixmap:
    """A QR-code look-alike (finder squares plus hashed modules)."""
    bits = b"".join(_seed(f"{seed}/{i}") for i in range(n * n // 128 + 1))
    buf = bytearray()
    for y in range(n):
        for x in range(n):
            finder = any(x0 <= x < x0 + 7 and y0 <= y < y0 + 7 for x0, y0 in ((0, 0), (n - 7, 0), (0, n - 7)))
            if finder:
                dx = min(x % (n - 7) if x >= n - 7 else x, 6)
                dy = min(y % (n - 7) if y >= n - 7 else y, 6)
                ring = max(abs(dx - 3), abs(dy - 3))
                dark = ring != 2
            else:
                k = y * n + x
                dark = bool(bits[k // 8] >> (k % 8) & 1)
            buf += b"\x10\x10\x10" if dark else b"\xff\xff\xff"
    return pymupdf.Pixmap(pymupdf.csRGB, n, n, bytes(buf), 0)


# ---------------------------------------------------------------- tables


def table_style(tab: dict) -> str:
    """'grid' (ruled, merged first column) when the first column repeats
    values in consecutive rows, else 'rules' (horizontal rules only)."""
    col0 = [r[0] for r in tab["rows"]]
    repeats = any(a == b for a, b in zip(col0, col0[1:], strict=False))
    return "grid" if repeats else "rules"


def table_item(tab: dict, width: float, size: float, accent: Color, tint: Color, full: bool, tags) -> Item:
    style = table_style(tab)
    ncol = len(tab["header"])
    lead = size * 1.45
    pad = 3.0
    # column widths from the longest content, capped so long titles wrap
    nat = []
    for c in range(ncol):
        texts = [tab["header"][c]] + [r[c] for r in tab["rows"]]
        nat.append(min(max(len(t) for t in texts), 30) + 2)
    tot = sum(nat)
    widths = [width * n / tot for n in nat]
    xs = [sum(widths[:c]) for c in range(ncol)]

    def cell_lines(text, c, bold=False):
        align = "left" if (style == "grid" and c == ncol - 1) else "center"
        return compose_cjk(text, size, widths[c] - 2 * pad, indent=0, justify=False, align=align)

    head = [cell_lines(t, c) for c, t in enumerate(tab["header"])]
    head_h = max(len(h) for h in head) * lead + 2 * pad
    body = [[cell_lines(t, c) for c, t in enumerate(r)] for r in tab["rows"]]
    merge = style == "grid"
    row_h = []
    for cells in body:
        cs = cells[1:] if merge else cells
        row_h.append(max(len(x) for x in cs) * lead + 2 * pad)
        if not merge:
            row_h[-1] = max(row_h[-1], len(cells[0]) * lead + 2 * pad)
    # groups of consecutive equal first-column values (merged cells)
    groups = []
    r = 0
    while r < len(body):
        g = r
        while merge and g + 1 < len(body) and tab["rows"][g + 1][0] == tab["rows"][r][0]:
            g += 1
        groups.append((r, g))
        r = g + 1
    notes = [compose_cjk(n, size - 0.5, width, indent=0) for n in tab.get("notes") or []]
    cap = compose_cjk(tab["caption"], size + 1, width, indent=0, justify=False) if tab.get("caption") else []
    cap_h = len(cap) * lead + (4 if cap else 0)
    notes_h = sum(len(n) for n in notes) * (size * 1.4) + (4 if notes else 0)
    height = cap_h + head_h + sum(row_h) + notes_h + 10

    def put(ctx: PageCtx, lines, x, y, h, color=BLACK, mode=0):
        # vertically centred in a cell of height h
        y0 = y + (h - len(lines) * lead) / 2
        for k, ln in enumerate(lines):
            ctx.line(ln, x + pad, y0 + k * lead + (lead - size) / 2 + size * 0.86, color, mode)

    def draw(ctx: PageCtx, x: float, y: float):
        page = ctx.page
        y += 4
        for k, ln in enumerate(cap):
            ctx.line(ln, x, y + k * lead + size * 1.1, accent, 2)
        y += cap_h
        page.draw_rect(pymupdf.Rect(x, y, x + width, y + head_h), color=None, fill=tint, width=0)
        for c in range(ncol):
            put(ctx, head[c], x + xs[c], y, head_h, accent, 2)
        thick, thin = 1.1, 0.4
        line_col = (0.25, 0.25, 0.25)
        top = y
        page.draw_line((x, y), (x + width, y), color=line_col, width=thick if style == "rules" else thin)
        y += head_h
        page.draw_line((x, y), (x + width, y), color=line_col, width=thin if style == "grid" else 0.6)
        for g0, g1 in groups:
            gy = y
            for r in range(g0, g1 + 1):
                h = row_h[r]
                first = 1 if merge else 0
                for c in range(first, ncol):
                    put(ctx, body[r][c], x + xs[c], y, h)
                y += h
                if style == "grid" and r < g1:
                    # inner rule of a merged group skips the merged cell
                    page.draw_line((x + xs[1], y), (x + width, y), color=line_col, width=thin)
                elif style == "grid":
                    page.draw_line((x, y), (x + width, y), color=line_col, width=thin)
            if merge:
                put(ctx, body[g0][0], x, gy, y - gy)
        if style == "rules":
            page.draw_line((x, y), (x + width, y), color=line_col, width=thick)
        else:
            for c in range(ncol + 1):
                cx = x + (xs[c] if c < ncol else width)
                page.draw_line((cx, top), (cx, y), color=line_col, width=thin)
        y += 5
        for n in notes:
            for ln in n:
                ctx.line(ln, x, y + (size - 0.5) * 0.95, (0.3, 0.3, 0.3))
                y += size * 1.4

    return Item(height, draw, kind="full" if full else "line", tags=list(tags))
