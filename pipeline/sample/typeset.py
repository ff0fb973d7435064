"""Typeset an issue answer key (`issue-truth/1`) into a born-digital magazine
PDF plus the answer key for that PDF.

    python -m pipeline.sample.typeset --truth KEY.json --profile classic \
        --out data/raw/issue-2026-v2n1-classic.pdf [--articles a09,a10]

The PDF deliberately carries no structure hints (no tags, outline, hidden
text, annotations or metadata beyond the title): extraction has to work from
the page geometry like it does for real issues.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from .art import photo_pixmap, qr_pixmap, seeded, table_item, table_style
from .compose import advance, compose_cjk, compose_latin, lookalike
from .fixture import abstract_lines
from .flow import BLACK, Box, Item, PageCtx, balance, chain_height, draw_columns, fill, text_items
from .profiles import PROFILES, Profile

GREY = (0.38, 0.38, 0.38)
DARK = (0.12, 0.12, 0.14)
WHITE = (1.0, 1.0, 1.0)
SUMMARY_HEADS = {"reading_summary": "Reading Summary", "editor_note": "Editor's Note", "abstract": "Abstract"}


@dataclass
class PageInfo:
    kind: str
    head_zh: str | None = None
    head_en: str | None = None


def roman(n: int) -> str:
    vals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


class Builder:
    """Owns the document, the current page and the vertical cursor."""

    def __init__(self, prof: Profile, issue: dict, toc_folios: dict[int, str] | None):
        self.prof = prof
        self.issue = issue
        self.toc_folios = toc_folios or {}
        self.doc = pymupdf.open()
        self.pages: list[PageInfo] = []
        self.ctx: PageCtx | None = None
        self.y = 0.0
        self.marks: dict[tuple, set[int]] = defaultdict(set)
        self.furniture: list[str] = []

    # ---------------------------------------------------------- geometry
    @property
    def pno(self) -> int:
        return len(self.pages)

    def xrange(self, pno: int | None = None) -> tuple[float, float]:
        """Text block x-range; even PDF pages are left-hand pages (the cover is
        page 1, a right-hand page), so inner/outer margins mirror."""
        p = self.prof
        left = (pno or self.pno) % 2 == 0
        x0 = p.margin_outer if left else p.margin_inner
        x1 = p.width - (p.margin_inner if left else p.margin_outer)
        return x0 + p.side_column, x1

    @property
    def top(self) -> float:
        return self.prof.margin_top

    @property
    def bottom(self) -> float:
        return self.prof.height - self.prof.margin_bottom

    def new_page(self, info: PageInfo):
        if self.ctx:
            self.ctx.flush()
        page = self.doc.new_page(width=self.prof.width, height=self.prof.height)
        self.ctx = PageCtx(page)
        self.pages.append(info)
        self.y = self.top

    def continue_page(self):
        info = self.pages[-1]
        self.new_page(PageInfo(info.kind, info.head_zh, info.head_en))

    def mark(self, item: Item):
        for t in item.tags:
            self.marks[t].add(self.pno)

    # ---------------------------------------------------------- placement
    def place_full(self, items: list[Item], keep_all: bool = False):
        """Stack items across the full text width (title areas)."""
        x0, x1 = self.xrange()
        if keep_all:
            total = sum(i.height for i in items)
            if self.y + total > self.bottom and self.y > self.top + 1:
                self.continue_page()
                x0, x1 = self.xrange()
        for it in items:
            if self.y + it.height > self.bottom + 0.01 and self.y > self.top + 1:
                self.continue_page()
                x0, x1 = self.xrange()
            if it.kind == "glue" and self.y <= self.top + 0.01:
                continue
            if it.draw:
                it.draw(self.ctx, x0, self.y)
            self.mark(it)
            self.y += it.height

    def place_columns(self, items: list[Item], ncols: int, gap_after: float = 14.0):
        """Flow items through `ncols` columns over as many pages as needed.
        A 'full' item (wide table) ends the current band: the columns above
        it are balanced, the item spans the width, the columns resume below."""
        p = self.prof
        # a whole page's column: a keep chain (a heading's lines, the lines it keeps with) breaks at a
        # page's foot only when longer than that; balanced columns keep their old cut
        column = self.bottom - self.top
        i = 0
        while i < len(items):
            j = i
            while j < len(items) and items[j].kind != "full":
                j += 1
            seg = items[i:j]
            while seg:
                avail = self.bottom - self.y
                if avail < p.leading * 3:
                    self.continue_page()
                    continue
                n, cols = fill(seg, avail, ncols, column=column)
                if n == 0:
                    if self.y > self.top + 1:
                        self.continue_page()
                        continue
                    n, cols = fill(seg, avail, ncols, force=True)
                done = n >= len(seg)
                if done:
                    h = balance(seg, ncols, avail)
                    n, cols = fill(seg, h, ncols)
                used = self._draw_cols(cols, ncols)
                seg = seg[n:]
                if done and not seg:
                    self.y += used + gap_after
                else:
                    self.continue_page()
            if j < len(items):
                it = items[j]
                if self.y + it.height > self.bottom and self.y > self.top + 1:
                    self.continue_page()
                x0, _x1 = self.xrange()
                it.draw(self.ctx, x0, self.y)
                self.mark(it)
                self.y += it.height + 8
            i = j + 1

    def colw(self, ncols: int) -> float:
        x0, x1 = self.xrange(1)
        return (x1 - x0 - (ncols - 1) * self.prof.gutter) / ncols

    def _draw_cols(self, cols, ncols: int) -> float:
        x0, _ = self.xrange()
        w = self.colw(ncols)
        xs = [x0 + c * (w + self.prof.gutter) for c in range(ncols)]
        return draw_columns(self.ctx, cols, xs, self.y, w, on_item=self.mark)

    # ---------------------------------------------------------- finishing
    def folios(self) -> dict[int, str]:
        """Printed folio of each PDF page (the cover carries none)."""
        out: dict[int, str] = {}
        n = len(self.pages)
        if self.prof.folio_mode == "pdf":
            first = 1
        else:
            first = next((k + 1 for k, pg in enumerate(self.pages) if pg.kind == "article"), 1)
        for pno in range(1, n + 1):
            if self.pages[pno - 1].kind == "cover":
                continue
            if pno >= first:
                out[pno] = str(pno - first + 1) if self.prof.folio_mode != "pdf" else str(pno)
            elif self.prof.front_folios == "roman":
                out[pno] = roman(pno)
        return out

    def finish(self) -> dict[int, str]:
        if self.ctx:
            self.ctx.flush()
        folios = self.folios()
        for k in range(len(self.pages)):
            pno = k + 1
            if self.pages[k].kind == "cover":
                continue
            ctx = PageCtx(self.doc[k])
            self._running_head(ctx, pno, self.pages[k], folios.get(pno))
            ctx.flush()
        return folios

    def _head_strings(self, pno: int, info: PageInfo) -> list[tuple[str, str]]:
        iss = self.issue
        journal = [(iss["journal_zh"], "cjk"), (iss["journal_en"], "helv")]
        issue = [(f"{iss['year']}年第{iss['volume']}卷第{iss['number']}期", "cjk")]
        section = [(info.head_zh, "cjk"), (info.head_en or "", "helv")] if info.head_zh else journal
        left = pno % 2 == 0
        if self.prof.name == "tricky":
            left = not left
        return journal + issue if left else section

    def _running_head(self, ctx: PageCtx, pno: int, info: PageInfo, folio: str | None):
        p = self.prof
        x0, x1 = self.xrange(pno)
        left = pno % 2 == 0
        parts = [(s, f) for s, f in self._head_strings(pno, info) if s]
        size = 7.6
        widths = [advance(f, s) * size for s, f in parts]
        total = sum(widths) + 10 * (len(parts) - 1)
        folio_size = 10.0
        fw = advance("hebo", folio or "") * folio_size
        if p.head_position == "top":
            base = p.margin_top - 22
            rule = p.margin_top if p.head_rule_on_text else base + 5
            x = x0 if left else x1 - total
            fy = p.height - p.margin_bottom + 30
        else:
            # heads set beside the folio at the foot, rule above them
            base = p.height - p.margin_bottom + 34
            rule = base - 12
            x = x0 + fw + 12 if left else x1 - total - fw - 12
            fy = base
        for (s, f), w in zip(parts, widths, strict=True):
            ctx.text(x, base, s, f, size, GREY)
            if s not in self.furniture:
                self.furniture.append(s)
            x += w + 10
        ctx.page.draw_line((x0, rule), (x1, rule), color=p.accent if p.name == "dense" else GREY, width=0.5)
        if folio:
            fx = x0 if left else x1 - fw
            ctx.text(fx, fy, folio, "hebo", folio_size, p.accent)


# ====================================================================== content


class Typesetter:
    def __init__(self, prof: Profile, key: dict, ids: list[str] | None, toc_folios=None):
        self.prof = prof
        self.key = key
        self.ids = ids
        self.b = Builder(prof, key["issue"], toc_folios)
        self.prev_article: dict | None = None
        self.text_scale = 1.0  # the unit's text size over the body's (a notice set bigger)

    # ---------------------------------------------------------- helpers
    def transform(self):
        return lookalike if self.prof.lookalikes else None

    def para(
        self,
        text,
        size,
        width,
        tags,
        indent=2.0,
        color=BLACK,
        leading=None,
        mode=0,
        keep=0,
        box=None,
        inset=0.0,
        **kw,
    ):
        kw.setdefault("hang_openers", self.prof.hang_openers)
        lines = compose_cjk(text, size, width, indent=indent, transform=self.transform(), **kw)
        return text_items(
            lines, size, leading or size * 1.7, color, mode, box=box, keep=keep, tags=tags, inset=inset
        )

    def latin(
        self,
        text,
        size,
        width,
        tags,
        font="tiro",
        color=BLACK,
        leading=None,
        box=None,
        inset=0.0,
        keep=0,
        **kw,
    ):
        p = self.prof
        kw.setdefault("hyphenate", p.hyphenate)
        kw.setdefault("compounds", p.break_compounds)
        kw.setdefault("ligatures", p.ligatures)
        lines = compose_latin(text, size, width, font=font, **kw)
        return text_items(
            lines, size, leading or size * 1.35, color, box=box, keep=keep, tags=tags, inset=inset
        )

    @staticmethod
    def glue(h, tags=None, box=None, kind="glue"):
        return Item(h, None, kind=kind, box=box, tags=list(tags or []))

    def photo(self, caption: str, seed: str, width: float, tags, qr=False) -> Item:
        p = self.prof
        size = p.caption_size
        img_h = 64.0 if qr else round(seeded(seed, 90, 150))
        img_w = 64.0 if qr else width
        lines = compose_cjk(caption, size, width, indent=0, justify=False, align="center" if qr else "left")
        lead = size * 1.45
        height = 6 + img_h + 4 + len(lines) * lead + 8

        def draw(ctx: PageCtx, x, y):
            ix = x + (width - img_w) / 2
            pix = qr_pixmap(seed) if qr else photo_pixmap(seed)
            ctx.page.insert_image(pymupdf.Rect(ix, y + 6, ix + img_w, y + 6 + img_h), pixmap=pix)
            yy = y + 6 + img_h + 4
            for k, ln in enumerate(lines):
                ctx.line(ln, x, yy + k * lead + size * 1.05, GREY)

        return Item(height, draw, tags=list(tags))

    # ---------------------------------------------------------- blocks
    def block_items(
        self, blk: dict, width: float, tags, first: bool = False, dropcap: bool = False
    ) -> list[Item]:
        p = self.prof
        s, lead = p.body_size * self.text_scale, p.leading * self.text_scale
        t = blk["type"]
        text = blk["text"]
        if t == "paragraph":
            if dropcap and len(text) > 60:
                return self.dropcap(text, width, tags)
            return self.para(text, s, width, tags, leading=lead)
        if t == "heading":
            hs = s + 1.4
            return [self.glue(lead * 0.7, tags)] + self.para(
                text,
                hs,
                width,
                tags,
                indent=0,
                color=p.accent,
                leading=hs * 1.6,
                mode=2,
                keep=99,
                justify=False,
            )
        if t == "list_item":
            m = re.match(r"^\s*(\d+[\.、．)]|（[一二三四五六七八九十\d]+）|\(\d+\)|[•·●■])\s*", text)
            hang = advance("cjk" if m and not m.group(0).isascii() else "tiro", m.group(0)) * s if m else s
            ind = s

            def frame(i):
                return (ind, width - ind) if i == 0 else (ind + hang, width - ind - hang)

            lines = compose_cjk(
                text, s, frame, indent=0, transform=self.transform(), hang_openers=p.hang_openers
            )
            return text_items(lines, s, lead, tags=tags)
        if t in ("note", "reference"):
            ns = s - (1.4 if t == "note" else 1.8)
            if t == "reference":

                def frame(i, ns=ns):
                    return (0.0, width) if i == 0 else (ns * 2, width - ns * 2)

                lines = compose_cjk(text, ns, frame, indent=0, transform=self.transform())
                return [self.glue(2, tags)] + text_items(lines, ns, ns * 1.55, GREY, tags=tags)
            return [self.glue(4, tags)] + self.para(
                text, ns, width, tags, indent=0, color=GREY, leading=ns * 1.6
            )
        if t == "bio":
            box = Box(stroke=p.accent2, sliced=p.sliced_boxes)
            return self.boxed(
                [
                    self.para(
                        text, s - 1, width - 14, tags, indent=0, leading=(s - 1) * 1.65, box=box, inset=7
                    )
                ],
                box,
                tags,
            )
        if t == "afterword":
            box = Box(fill=p.tint, stroke=p.accent if p.sliced_boxes else None, sliced=p.sliced_boxes)
            head = self.para(
                f"编后：{blk.get('title') or ''}",
                s + 0.6,
                width - 14,
                tags,
                indent=0,
                color=p.accent,
                mode=2,
                keep=99,
                box=box,
                inset=7,
                justify=False,
            )
            body = self.para(text, s - 0.5, width - 14, tags, leading=(s - 0.5) * 1.65, box=box, inset=7)
            return self.boxed([head, body], box, tags)
        return self.para(text, s, width, tags, leading=lead)

    def boxed(self, parts: list[list[Item]], box: Box, tags) -> list[Item]:
        """Wrap item lists in a box: outer space, inner padding, contents."""
        out = [self.glue(8, tags), Item(6, None, box=box, keep_next=True, tags=list(tags))]
        for part in parts:
            out += part
        out.append(Item(6, None, box=box, tags=list(tags)))
        box.first, box.last = out[1], out[-1]
        out.append(self.glue(8, tags))
        return out

    def dropcap(self, text: str, width: float, tags) -> list[Item]:
        """First paragraph with a three-line drop cap (the big glyph sits
        outside the text lines, as producers do it)."""
        p = self.prof
        s, lead = p.body_size, p.leading
        dsize = lead * 2 + s * 0.9
        dw = dsize + 3

        def frame(i):
            return (dw, width - dw) if i < 3 else (0.0, width)

        lines = compose_cjk(text[1:], s, frame, indent=0, transform=self.transform())
        items = text_items(lines, s, lead, tags=tags)
        inner = items[0].draw
        cap = text[0]

        def draw(ctx, x, y):
            inner(ctx, x, y)
            ctx.text(x, y + lead * 2 + (lead - s) / 2 + s * 0.86, cap, "cjk", dsize, p.accent, 2)

        items[0].draw = draw
        items[0].keep_next = items[1].keep_next = True
        return items

    def summary_items(self, summ: dict, width: float, tags) -> list[Item]:
        p = self.prof
        box = Box(fill=p.tint)
        size = p.summary_size
        head = self.latin(
            SUMMARY_HEADS.get(summ["kind"], "Summary"),
            size + 1.5,
            width - 14,
            tags,
            font="hebo",
            color=p.accent2,
            box=box,
            inset=7,
            keep=99,
            justify=False,
        )
        parts = [head, [Item(3, None, box=box, keep_next=True, tags=list(tags))]]
        for para in summ["text"].split("\n"):
            if para.strip():
                parts.append(self.latin(para, size, width - 14, tags, box=box, inset=7, leading=size * 1.38))
        return self.boxed(parts, box, tags)

    # ---------------------------------------------------------- articles
    def title_items(self, art: dict, width: float, tags) -> list[Item]:
        p = self.prof
        out: list[Item] = []
        if art.get("section_zh"):
            zh, en = art["section_zh"], art.get("section_en") or ""

            def label(ctx, x, y):
                ctx.page.draw_rect(pymupdf.Rect(x, y + 3, x + 4, y + 15), color=None, fill=p.accent, width=0)
                ctx.text(x + 9, y + 13, zh, "cjk", 10, p.accent, 2)
                ctx.text(x + 9 + advance("cjk", zh) * 10 + 8, y + 13, en, "helv", 8.5, p.accent)

            out.append(Item(22, label, keep_next=True, tags=list(tags)))
        ts = p.title_size
        if art.get("title_zh"):
            out += self.para(
                art["title_zh"],
                ts,
                width * 0.92,
                tags,
                indent=0,
                color=DARK,
                leading=ts * 1.35,
                mode=2,
                keep=99,
                justify=False,
            )
        if art.get("subtitle_zh"):
            out += self.para(
                "——" + art["subtitle_zh"],
                ts * 0.6,
                width,
                tags,
                indent=0,
                color=p.accent2,
                leading=ts * 0.95,
                keep=99,
                justify=False,
            )
        if art.get("title_en"):
            out.append(self.glue(3, tags))
            out += self.latin(
                art["title_en"],
                11,
                width * 0.9,
                tags,
                font="tibo",
                color=GREY,
                leading=14,
                keep=99,
                justify=False,
                hyphenate=False,
            )
        if art.get("byline"):
            out.append(self.glue(5, tags))
            out += self.para(
                self.byline(art), 9.5, width, tags, indent=0, color=DARK, leading=15, keep=99, justify=False
            )
        if art.get("deck_zh"):
            out.append(self.glue(6, tags))
            ruled = p.deck_style == "grey-ruled"
            ds = p.body_size if ruled else p.body_size + 0.8
            for para in art["deck_zh"].split("\n"):
                out += self.para(
                    para, ds, width, tags, color=GREY if ruled else p.accent2, leading=ds * 1.65, keep=99
                )
            if ruled:

                def deck_rule(ctx, x, y):
                    ctx.page.draw_line((x, y + 4), (x + width, y + 4), color=GREY, width=0.6)

                out.append(Item(8, deck_rule, tags=list(tags)))
        if art.get("deck_en"):
            out.append(self.glue(4, tags))
            for para in art["deck_en"].split("\n"):
                out += self.latin(para, 9.2, width, tags, font="tiit", color=GREY, leading=12.6, keep=99)
        size = p.body_size - 0.6  # 摘要 and 关键词 in smaller type across the page, as printed
        for label, text in abstract_lines(art):
            out.append(self.glue(4, tags))
            out += self.para(
                label + text, size, width, tags, indent=0, color=DARK, leading=size * 1.6, keep=99
            )
        for it in out:
            it.keep_next = True

        def rule(ctx, x, y):
            ctx.page.draw_line((x, y + 7), (x + width, y + 7), color=p.accent, width=0.8)

        out.append(Item(16, rule, tags=list(tags)))
        return out

    def byline(self, art: dict) -> str:
        """The byline in the profile's house form (the names are the key's)."""
        names = " ".join(art.get("authors") or [])
        if self.prof.byline_style == "bar" and names:
            return f"文｜{names}"
        if self.prof.byline_style == "square" and names:
            return f"■ {names}"
        return art["byline"]

    def ncols(self, art: dict) -> int:
        if art["kind"] == "masthead":
            return 4 if self.prof.columns == 2 and self.prof.name != "dense" else 5
        return 3 if art["id"] in self.prof.three_col else self.prof.columns

    def body_items(self, art: dict, idx: int, width: float, full_width: float) -> list[Item]:
        """The article body as one vertical list: blocks with photos spread
        through them, the summary box at a varying position, tables."""
        p = self.prof
        aid = art["id"]
        tags = [("art", aid)]
        qr = art["kind"] in ("notice", "advertisement")
        self.text_scale = p.notice_scale if art["kind"] == "notice" else 1.0
        seq: list[Item] = []
        blocks = art["blocks"]
        nb = len(blocks)
        # where photos, summaries and tables go (after block index k)
        anchors: dict[int, list[Item]] = defaultdict(list)
        for c, cap in enumerate(art["captions"]):
            k = (c + 1) * nb // (len(art["captions"]) + 1) if not qr else nb
            anchors[k].append(self.photo(cap, f"{aid}/{c}/{cap}", width, tags + [("cap", aid, c)], qr=qr))
        for s, summ in enumerate(art["summaries"]):
            where = (idx + s) % 3  # 0 start, 1 middle, 2 end: deterministic variety
            k = [0, nb // 2, nb][where] if nb else 0
            anchors[k].append(self.summary_items(summ, width, tags + [("sum", aid, s)]))
        for t, tab in enumerate(art.get("tables") or []):
            full = table_style(tab) in p.full_width_tables
            k = (t + 1) * nb // (len(art["tables"]) + 1)
            while 0 < k < nb and blocks[k - 1]["type"] == "heading":
                k += 1
            w = full_width if full else width
            item = table_item(tab, w, p.body_size - 1.6, p.accent, p.tint, full, tags)
            if not full and item.height > self.b.bottom - self.b.top:
                # taller than a column at its width (a long table in one of three narrow columns):
                # set across the page, as a typesetter would, never run off the page's foot
                item = table_item(tab, full_width, p.body_size - 1.6, p.accent, p.tint, True, tags)
            anchors[k].append(item)
        wrap_done = not p.wrap_photo
        quote_at, quote = pull_quote(blocks, idx) if p.pull_quotes and art["kind"] == "article" else (-1, "")
        for k in range(nb + 1):
            for a in anchors.get(k, []):
                seq += a if isinstance(a, list) else [a]
            if k == nb:
                break
            blk = blocks[k]
            first_para = k == 0 or (k == 1 and blocks[0]["type"] == "heading")
            dc = p.drop_cap and first_para and idx % 2 == 0 and art["kind"] == "article"
            if (
                not wrap_done
                and blk["type"] == "paragraph"
                and len(blk["text"]) > 160
                and art["captions"]
                and k > 0
            ):
                seq += self.wrapped(blk["text"], width, tags, f"{aid}/wrap")
                wrap_done = True
                continue
            if k == quote_at:
                seq += self.quoted_paragraph(blk["text"], quote, width, tags)
                continue
            seq += self.block_items(blk, width, tags, dropcap=dc)
        for n, item in enumerate(art.get("items") or []):
            seq += self.roundup_item(aid, n, item, width, tags)
        return seq

    def quoted_paragraph(self, text: str, quote: str, width: float, tags) -> list[Item]:
        """A paragraph cut mid-sentence by a pull quote: the quote large, in the accent colour,
        between two rules across the column; the paragraph's lines go on under it."""
        p = self.prof
        lines = self.para(text, p.body_size, width, tags, leading=p.leading)
        qs = round(p.body_size * p.quote_scale, 1)
        if p.side_column:
            return [self.margin_quote(quote, qs, tags), *lines]
        big = self.para(
            quote, qs, width - 12, tags, indent=0, color=p.accent, leading=qs * 1.4, mode=2, justify=False
        )
        big = self._shift(big, 6)

        def rule(ctx, x, y):
            ctx.page.draw_line((x, y + 5), (x + width, y + 5), color=p.accent, width=1.0)

        block = (
            [self.glue(6, tags), Item(10, rule, tags=list(tags))] + big + [Item(10, rule, tags=list(tags))]
        )
        for it in block:
            it.keep_next = True
        block.append(self.glue(6, tags))
        cut = max(2, len(lines) // 2)
        return lines[:cut] + block + lines[cut:]

    def margin_quote(self, quote: str, qs: float, tags) -> Item:
        """A pull quote in the side column, its top level with the line that follows (taking no
        height in the text), between two short rules in the accent colour; kept on the page
        (moved up from its foot)."""
        p, b = self.prof, self.b
        mw = p.side_column - 16
        big = self.para(quote, qs, mw, tags, indent=0, color=p.accent, leading=qs * 1.45, justify=False)
        height = len(big) * qs * 1.45

        def draw(ctx, x, y):
            mx = b.xrange(ctx.page.number + 1)[0] - p.side_column
            y = min(y, b.bottom - height - 10)
            ctx.page.draw_line((mx, y - 3), (mx + mw, y - 3), color=p.accent, width=1.0)
            for k, it in enumerate(big):
                it.draw(ctx, mx, y + k * qs * 1.45)
            ctx.page.draw_line((mx, y + height + 3), (mx + mw, y + height + 3), color=p.accent, width=1.0)

        return Item(0, draw, keep_next=True, tags=list(tags))

    def wrapped(self, text: str, width: float, tags, seed: str) -> list[Item]:
        """A paragraph whose first lines run beside a photo at the column's
        right edge (text wrap); the rest of the paragraph flows normally."""
        p = self.prof
        s, lead = p.body_size, p.leading
        pw = width * 0.48
        ph = round(seeded(seed, 70, 100))
        nwrap = int((ph + 8) // lead) + 1

        def frame(i):
            return (0.0, width - pw - 8) if i < nwrap else (0.0, width)

        lines = compose_cjk(text, s, frame, transform=self.transform())
        items = text_items(lines, s, lead, tags=tags)
        head = items[:nwrap]
        inner = [it.draw for it in head]
        height = max(nwrap * lead, ph + 8)

        def draw(ctx, x, y):
            ctx.page.insert_image(
                pymupdf.Rect(x + width - pw, y + 3, x + width, y + 3 + ph), pixmap=photo_pixmap(seed, 120, 80)
            )
            for k, d in enumerate(inner):
                d(ctx, x, y + k * lead)

        return [Item(height, draw, tags=list(tags))] + items[nwrap:]

    def roundup_item(self, aid: str, n: int, item: dict, width: float, tags) -> list[Item]:
        """One piece of a round-up: bold title, English title, text, photos and
        its English version, arranged differently from piece to piece."""
        p = self.prof
        out: list[Item] = [self.glue(p.leading * 0.8, tags)]
        hs = p.body_size + 1.6
        title = f"{n + 1} {item['title_zh']}" if p.numbered_items else item["title_zh"]
        out += self.para(
            title,
            hs,
            width,
            tags,
            indent=0,
            color=DARK,
            leading=hs * 1.55,
            mode=2,
            keep=99,
            justify=False,
        )
        if item.get("title_en"):
            out += self.latin(
                item["title_en"],
                p.body_size - 0.8,
                width,
                tags,
                font="tibo",
                color=p.accent2,
                keep=99,
                justify=False,
                hyphenate=False,
            )
        en: list[Item] = []
        if item.get("text_en"):
            if p.item_en_after:  # smaller italic, after the Chinese text
                en = [self.glue(4, tags)] + self.latin(
                    item["text_en"], p.summary_size, width, tags, font="tiit", color=GREY
                )
            elif n % 2 == 0:
                box = Box(fill=p.tint)
                en = self.boxed(
                    [self.latin(item["text_en"], p.summary_size, width - 14, tags, box=box, inset=7)],
                    box,
                    tags,
                )
            else:
                en = [self.glue(4, tags)] + self.latin(
                    item["text_en"], p.summary_size + 0.3, width, tags, font="tiit", color=GREY
                )
        body: list[Item] = []
        for blk in item["blocks"]:
            body += self.block_items(blk, width, tags)
        for c, cap in enumerate(item.get("captions") or []):
            body.append(self.photo(cap, f"{aid}/{n}/{c}", width, tags + [("icap", aid, n, c)]))
        out += (en + body) if n % 3 == 1 and not p.item_en_after else (body + en)
        return out

    def start_article(self, art: dict):
        """New page unless the previous article of the same section ended
        with enough room left on its page."""
        b, p = self.b, self.prof
        prev = self.prev_article
        room = (b.bottom - b.y) / (b.bottom - b.top)
        same = (
            prev is not None and prev.get("section_zh") == art.get("section_zh") and art["kind"] == "article"
        )
        has_body = bool(art["blocks"] or art.get("items"))
        if b.pno and same and has_body and room >= p.continue_share:
            b.y += 10
            return
        if (
            b.pno
            and prev is not None
            and p.roundup_run_on
            and room >= p.roundup_run_on
            and self.untitled(art)
        ):
            b.y += 10  # the untitled round-up set on under the article before it, in a section of its own
            return
        b.new_page(
            PageInfo(art["kind"], art.get("section_zh") or self._page_title(art), art.get("section_en"))
        )

    def _opening(self, items: list[Item]) -> float:
        """The height the text under a title area needs on its page: its first lines and what they
        keep with (a heading's lines, a profile's English title), no less than place_columns asks."""
        k = 0
        while k < len(items) and items[k].kind == "glue":
            k += 1
        if k == len(items):
            return 0.0  # a section opener's title area opens no text on its page
        return max(self.prof.leading * 3, min(chain_height(items, k), self.b.bottom - self.b.top))

    def untitled(self, art: dict) -> bool:
        """A round-up printed with no title of its own (its first profile heading is its title)."""
        items = art.get("items") or []
        return (
            self.prof.heading_opens_roundup
            and bool(items)
            and items[0].get("title_zh") == art.get("title_zh")
        )

    def _page_title(self, art):
        return art.get("title_zh") or self.b.issue["journal_zh"]

    def article(self, art: dict, idx: int):
        b = self.b
        tags = [("art", art["id"])]
        self.start_article(art)
        x0, x1 = b.xrange()
        full = x1 - x0
        if self.untitled(art):
            # the round-up prints no title of its own: the section label, then its first profile
            art = dict(art, title_zh=None, title_en=None, subtitle_zh=None, byline=None)
        if not (art["blocks"] or art.get("items")):
            # section opener: a large photo and the title area with its decks
            h = round(seeded(art["id"], 250, 320))
            b.place_full(
                [
                    Item(
                        h + 14,
                        lambda ctx, x, y: ctx.page.insert_image(
                            pymupdf.Rect(x, y, x + full, y + h), pixmap=photo_pixmap(art["id"], 240, 160)
                        ),
                        tags=list(tags),
                    )
                ]
            )
        title = self.title_items(art, full, tags)
        n = self.ncols(art)
        items = self.body_items(art, idx, b.colw(n), full)
        if b.pno and b.y > b.top + 1 and b.y + sum(i.height for i in title) + self._opening(items) > b.bottom:
            # a title area (or a section label alone) is not left at a page's foot without the
            # text it opens: it goes to the next page with it
            b.new_page(
                PageInfo(art["kind"], art.get("section_zh") or self._page_title(art), art.get("section_en"))
            )
        b.place_full(title, keep_all=True)
        b.place_columns(items, n)
        self.prev_article = art if art["kind"] == "article" else None

    # ---------------------------------------------------------- other pages
    def cover(self, art: dict):
        b, p = self.b, self.prof
        b.new_page(PageInfo("cover"))
        ctx = b.ctx
        W, H = p.width, p.height
        tags = [("art", art["id"])]
        ctx.page.draw_rect(pymupdf.Rect(0, 0, W, 150), color=None, fill=p.accent, width=0)
        ctx.text(40, 92, art["title_zh"], "cjk", 54, WHITE, 2)
        ctx.text(42, 124, art.get("title_en") or "", "hebo", 13, WHITE)
        ctx.page.insert_image(
            pymupdf.Rect(W * 0.42, 160, W - 28, H - 40), pixmap=photo_pixmap("cover", 200, 300)
        )
        b.marks[("art", art["id"])].add(b.pno)
        # cover lines in the left column, shrunk until they fit
        width = W * 0.42 - 48
        scale = 1.0
        while True:
            items = []
            for blk in art["blocks"]:
                if blk["type"] == "heading":
                    items.append(self.glue(8 * scale))
                    items += self.para(
                        blk["text"],
                        12.5 * scale,
                        width,
                        tags,
                        indent=0,
                        color=p.accent,
                        mode=2,
                        leading=16 * scale,
                        justify=False,
                    )
                elif blk["text"].isascii():
                    items += self.latin(
                        blk["text"],
                        7.6 * scale,
                        width,
                        tags,
                        font="tiit",
                        color=GREY,
                        justify=False,
                        hyphenate=False,
                    )
                else:
                    items += self.para(
                        blk["text"],
                        8.2 * scale,
                        width,
                        tags,
                        indent=0,
                        color=DARK,
                        leading=12.5 * scale,
                        justify=False,
                    )
            if sum(i.height for i in items) <= H - 200 or scale < 0.5:
                break
            scale *= 0.93
        y = 170.0
        for it in items:
            if it.draw:
                it.draw(ctx, 30, y)
            y += it.height

    def masthead(self, art: dict):
        b, p = self.b, self.prof
        b.new_page(PageInfo("masthead", self.b.issue["journal_zh"], self.b.issue["journal_en"]))
        tags = [("art", art["id"])]
        x0, x1 = b.xrange()
        ctx = b.ctx
        ctx.text(x0, b.y + 26, self.b.issue["journal_zh"], "cjk", 24, p.accent, 2)
        ctx.text(x0, b.y + 44, self.b.issue["journal_en"], "hebo", 10, GREY)
        b.marks[tags[0]].add(b.pno)
        b.y += 64
        n = self.ncols(art)
        w = b.colw(n)
        items = []
        for blk in art["blocks"]:
            if blk["type"] == "heading":
                items.append(self.glue(7, tags))
                items += self.para(
                    blk["text"],
                    8.6,
                    w,
                    tags,
                    indent=0,
                    color=p.accent,
                    mode=2,
                    leading=13,
                    keep=99,
                    justify=False,
                )
            elif blk["text"].isascii():
                items += self.latin(blk["text"], 7.6, w, tags, justify=False, hyphenate=False, leading=10.5)
            else:
                items += self.para(blk["text"], 8.2, w, tags, indent=0, leading=12.5, justify=False)
        b.place_columns(items, n)

    def toc(self, art: dict, entries: list[dict]):
        b, p = self.b, self.prof
        b.new_page(PageInfo("toc", "目录", "CONTENTS"))
        tags = [("art", art["id"])]
        x0, x1 = b.xrange()
        ctx = b.ctx
        iss = self.b.issue
        ctx.text(x0, b.y + 30, "目 录", "cjk", 28, p.accent, 2)
        ctx.text(x0 + 100, b.y + 30, "CONTENTS", "hebo", 16, GREY)
        stamp = f"{iss['year']}年第{iss['volume']}卷第{iss['number']}期（总第{iss['total_number']}期）"
        ctx.text(x1 - advance("cjk", stamp) * 9, b.y + 30, stamp, "cjk", 9, DARK)
        ctx.page.draw_line((x0, b.y + 40), (x1, b.y + 40), color=p.accent, width=1.2)
        b.marks[tags[0]].add(b.pno)
        b.y += 56
        w = b.colw(2)
        items: list[Item] = []
        section = None
        for e in entries:
            if e["section_zh"] != section:
                section = e["section_zh"]
                zh, en = section, e.get("section_en") or ""

                def head(ctx, x, y, zh=zh, en=en):
                    ctx.page.draw_rect(
                        pymupdf.Rect(x, y + 6, x + w, y + 21), color=None, fill=p.tint, width=0
                    )
                    ctx.text(x + 4, y + 18, zh, "cjk", 10.5, p.accent, 2)
                    ctx.text(x + 10 + advance("cjk", zh) * 10.5, y + 18, en, "helv", 8, p.accent2)

                items.append(Item(26, head, keep_next=True, tags=list(tags)))
            items += self.toc_entry(e, w, tags)
        b.place_columns(items, 2)

    def toc_entry(self, e: dict, w: float, tags) -> list[Item]:
        p = self.prof
        out: list[Item] = []
        if e["level"] == 1:
            num = self.b.toc_folios.get(e["page"], "00") if e.get("page") is not None else ""
            ind = 30.0
            lines = self.para(
                e["title_zh"], 10, w - ind, tags, indent=0, color=DARK, mode=2, leading=14.5, justify=False
            )

            plain = p.toc_style == "plain"
            # "plain": a size above the title's, on the title's baseline (text_items' baseline)
            num_size, num_base = (11.0, (14.5 - 10) / 2 + 10 * 0.86) if plain else (14.0, 13.0)

            def pn(ctx, x, y, num=num, num_size=num_size, num_base=num_base):
                ctx.text(x, y + num_base, num, "hebo", num_size, p.accent)

            first = lines[0].draw

            def draw(ctx, x, y, first=first, pn=pn):
                pn(ctx, x, y)
                first(ctx, x + ind, y)

            lines[0].draw = draw
            for it in lines[1:]:
                d = it.draw
                it.draw = lambda ctx, x, y, d=d: d(ctx, x + ind, y)
            out += lines
            if e.get("subtitle_zh"):
                out += self._shift(
                    self.para(
                        "——" + e["subtitle_zh"],
                        8.6,
                        w - ind,
                        tags,
                        indent=0,
                        color=p.accent2,
                        leading=12.5,
                        justify=False,
                    ),
                    ind,
                )
            if e.get("title_en"):
                out += self._shift(
                    self.latin(
                        e["title_en"],
                        8.2,
                        w - ind,
                        tags,
                        font="tiit",
                        color=GREY,
                        leading=10.5,
                        justify=False,
                        hyphenate=False,
                    ),
                    ind,
                )
            out.append(self.glue(7, tags))
        elif p.toc_style == "plain":  # no bullet; a long title wraps under a hanging indent
            ind, hang = 30.0, 8.8
            lines = self.para(e["title_zh"], 8.8, w - ind - hang, tags, indent=0, color=DARK, leading=11.0)
            out += self._shift(lines[:1], ind) + self._shift(lines[1:], ind + hang)
            out += self._toc_title_en(e, w, ind, tags)
            out.append(self.glue(3, tags))
        else:
            ind = 40.0
            out += self._shift(
                self.para(
                    "· " + e["title_zh"],
                    8.8,
                    w - ind,
                    tags,
                    indent=0,
                    color=DARK,
                    leading=12.5,
                    justify=False,
                ),
                ind - 8,
            )
            out += self._toc_title_en(e, w, ind, tags)
            out.append(self.glue(3, tags))
        for it in out[:-1]:
            it.keep_next = True
        return out

    def _toc_title_en(self, e: dict, w: float, ind: float, tags) -> list[Item]:
        """A contents entry's English title, grey italic under its Chinese one (none: nothing)."""
        if not e.get("title_en"):
            return []
        kw = dict(font="tiit", color=GREY, leading=10, justify=False, hyphenate=False)
        return self._shift(self.latin(e["title_en"], 7.8, w - ind, tags, **kw), ind)

    @staticmethod
    def _shift(items: list[Item], dx: float) -> list[Item]:
        for it in items:
            d = it.draw
            if d:
                it.draw = lambda ctx, x, y, d=d: d(ctx, x + dx, y)
        return items

    def advert(self, art: dict):
        b = self.b
        b.new_page(PageInfo("advertisement", self.b.issue["journal_zh"], self.b.issue["journal_en"]))
        ctx = b.ctx
        tags = [("art", art["id"])]
        x0, x1 = b.xrange()
        ctx.page.insert_image(pymupdf.Rect(x0, b.top, x1, b.bottom), pixmap=photo_pixmap("advert", 160, 220))
        b.marks[tags[0]].add(b.pno)
        y = b.top + 60
        ctx.text(x0 + 30, y + 40, art["title_zh"] or "", "cjk", 46, WHITE, 2)
        if art.get("subtitle_zh"):
            ctx.text(x0 + 32, y + 78, art["subtitle_zh"], "cjk", 16, WHITE)
        if art.get("title_en"):
            ctx.text(x0 + 32, y + 104, art["title_en"], "hebo", 14, WHITE)
        y += 140
        w = x1 - x0 - 60
        for blk in art["blocks"]:
            its = (
                self.latin(blk["text"], 10, w, tags, font="tiit", color=WHITE)
                if blk["text"].isascii()
                else self.para(blk["text"], 11, w, tags, indent=0, color=WHITE, leading=18)
            )
            for it in its:
                it.draw(ctx, x0 + 30, y)
                y += it.height
            y += 8
        for c, cap in enumerate(art["captions"]):
            it = self.photo(cap, f"{art['id']}/{c}", 64, tags + [("cap", art["id"], c)], qr=True)
            cx = x1 - 30 - (len(art["captions"]) - c) * 84
            ctx.page.draw_rect(
                pymupdf.Rect(cx - 6, b.bottom - 116, cx + 70, b.bottom - 20), color=None, fill=WHITE, width=0
            )
            it.draw(ctx, cx, b.bottom - 116)
            self.b.mark(it)

    # ---------------------------------------------------------- driver
    def run(self) -> Builder:
        arts = [a for a in self.key["articles"] if self.ids is None or a["id"] in self.ids]
        entries = toc_entries(self.key, self.ids)
        for idx, art in enumerate(arts):
            kind = art["kind"]
            if kind == "cover":
                self.cover(art)
            elif kind == "masthead":
                self.masthead(art)
            elif kind == "toc":
                if self.prof.contents:
                    self.toc(art, entries)
            elif kind == "advertisement":
                self.advert(art)
            else:
                self.article(art, idx)
            if kind != "article":
                self.prev_article = None
        return self.b


def pull_quote(blocks: list[dict], idx: int) -> tuple[int, str]:
    """Where a pull quote goes (the paragraph nearest the middle long enough to be cut in two)
    and what it says: a sentence of the paragraph before, as printed or cut to its main clause
    (every other article), without its full stop."""
    n = len(blocks)
    long_ = [k for k in range(1, n) if blocks[k]["type"] == "paragraph" and len(blocks[k]["text"]) >= 150]
    if n < 5 or not long_:
        return -1, ""
    k = min(long_, key=lambda k: (abs(k - n // 2), k))
    source = blocks[k - 1]["text"] if blocks[k - 1]["type"] == "paragraph" else blocks[k]["text"][:80]
    sentences = [x for x in re.findall(r"[^。！？]+(?=[。！？])", source) if 14 <= len(x) <= 60]
    if not sentences:
        return -1, ""
    quote = sentences[0]
    if idx % 2 and "，" in quote and len(quote.split("，", 1)[1]) >= 12:
        quote = quote.split("，", 1)[1]  # the main clause only: a quote is often trimmed
    return k, quote


def quote_cut(text: str) -> int:
    """Where a pull quote cuts a paragraph: at the comma nearest its middle, else its middle."""
    mid = len(text) // 2
    commas = [i + 1 for i, ch in enumerate(text) if ch == "，" and len(text) // 4 < i < 3 * len(text) // 4]
    return min(commas, key=lambda i: abs(i - mid)) if commas else mid


def toc_entries(key: dict, ids: list[str] | None) -> list[dict]:
    """Contents entries, restricted to the typeset articles (level-2 entries
    follow their level-1 entry)."""
    if ids is None:
        return list(key["toc"])
    pages = {a["toc_page"] for a in key["articles"] if a["id"] in ids and a.get("toc_page") is not None}
    out, keep = [], False
    for e in key["toc"]:
        if e["level"] == 1:
            keep = e["page"] in pages
        if keep:
            out.append(e)
    return out


def _build(prof: Profile, key: dict, ids, toc_folios, jump_folios=None):
    if prof.jumps:  # articles continued on a later page (pipeline/sample/jumps.py)
        from .jumps import JumpTypesetter

        ts = JumpTypesetter(prof, key, ids, toc_folios, jump_folios)
    else:
        ts = Typesetter(prof, key, ids, toc_folios)
    b = ts.run()
    b.jump_lines = getattr(ts, "jump_lines", [])
    b.rest_starts = getattr(ts, "rest_starts", [])  # rests with no in line: the out lines' pages
    b.para_splits = getattr(ts, "para_splits", [])  # paragraphs a jump parted (article, text, at)
    folios = b.finish()
    return b, folios


def typeset(key: dict, profile: str, ids: list[str] | None = None) -> tuple[bytes, dict]:
    """Return (pdf bytes, answer key for that PDF)."""
    prof = PROFILES[profile]
    if prof.roundup_after:
        key = _roundup_moved(key, prof.roundup_after)
    # pass 1 finds where articles start; pass 2 prints those folios in the
    # contents (the layout does not depend on the numbers, so pages stay put)
    b, folios = _build(prof, key, ids, None)
    starts = {
        a["toc_page"]: min(b.marks[("art", a["id"])])
        for a in key["articles"]
        if a.get("toc_page") is not None and ("art", a["id"]) in b.marks
    }
    toc_folios = {orig: folios.get(pno, "") for orig, pno in starts.items()}
    jumps = _jump_folios(b, folios) if prof.jumps else None
    n1 = len(b.pages)
    b.doc.close()
    b, folios = _build(prof, key, ids, toc_folios, jumps)
    assert len(b.pages) == n1, "contents numbers changed the layout"
    doc = b.doc
    doc.subset_fonts()
    doc.set_metadata(
        {"title": f"{key['issue']['journal_zh']} {key['issue']['year']}年第{key['issue']['number']}期"}
    )
    pdf = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    doc.close()
    return pdf, answer_key(key, ids, b, folios, prof)


def _roundup_moved(key: dict, after: str) -> dict:
    """The key with its profile round-up (the article whose first item's heading is its title)
    moved right after the article `after`, in the order printed."""
    arts = key["articles"]
    roundup = next(a for a in arts if a.get("items") and a["items"][0].get("title_zh") == a.get("title_zh"))
    rest = [a for a in arts if a is not roundup]
    k = next(i for i, a in enumerate(rest) if a["id"] == after)
    return dict(key, articles=rest[: k + 1] + [roundup] + rest[k + 1 :])


def _jump_folios(b: Builder, folios: dict[int, str]) -> dict:
    from .jumps import jump_folios

    return jump_folios(b.jump_lines + b.rest_starts, folios)


def _folio_value(f: str):
    return int(f) if f.isdigit() else f


def answer_key(key: dict, ids, b: Builder, folios: dict[int, str], prof: Profile) -> dict:
    out = copy.deepcopy(key)
    out["articles"] = [a for a in out["articles"] if ids is None or a["id"] in ids]
    if not prof.contents:  # no contents page printed: no entries, and no toc unit to find
        out["articles"] = [a for a in out["articles"] if a["kind"] != "toc"]
    orig_to_folio = {}
    for a in out["articles"]:
        pages = sorted(b.marks.get(("art", a["id"]), []))
        a["page_start"], a["page_end"] = pages[0], pages[-1]
        if a.get("toc_page") is not None:
            printed = _folio_value(folios.get(pages[0], ""))
            orig_to_folio[a["toc_page"]] = printed
            a["toc_page"] = printed
        a["caption_pages"] = [min(b.marks[("cap", a["id"], c)]) for c in range(len(a["captions"]))]
        for s, summ in enumerate(a["summaries"]):
            summ["pages"] = sorted(b.marks[("sum", a["id"], s)])
        for n, item in enumerate(a.get("items") or []):
            item["caption_pages"] = [
                min(b.marks[("icap", a["id"], n, c)]) for c in range(len(item.get("captions") or []))
            ]
    toc = toc_entries(key, ids) if prof.contents else []
    out["toc"] = []
    for e in toc:
        e = dict(e)
        if e.get("page") is not None:
            e["page"] = orig_to_folio.get(e["page"], e["page"])
        out["toc"].append(e)
    out["furniture"] = b.furniture
    if prof.jumps:  # jump lines: navigation, kept as furniture (pipeline/sample/jumps.py)
        out["furniture"] = b.furniture + [j["text"] for j in b.jump_lines]
        out["jumps"] = b.jump_lines
        for aid, text, at in b.para_splits:  # a paragraph the jump parted: two in print, two here
            a = next(x for x in out["articles"] if x["id"] == aid)
            k = next(i for i, blk in enumerate(a["blocks"]) if blk["text"] == text)
            first, second = (
                dict(a["blocks"][k], text=text[:at].rstrip()),
                dict(a["blocks"][k], text=text[at:].strip()),
            )
            a["blocks"][k : k + 1] = [first, second]
    out["folio_map"] = {f: p for p, f in sorted(folios.items())}
    out["profile"] = prof.name
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--truth", required=True, type=Path, help="issue-truth/1 JSON")
    ap.add_argument("--profile", default="classic", choices=sorted(PROFILES))
    ap.add_argument("--out", required=True, type=Path, help="output PDF; the key is written beside it")
    ap.add_argument("--articles", default=None, help="comma-separated entry ids to typeset (fixtures)")
    args = ap.parse_args(argv)
    key = json.loads(args.truth.read_text(encoding="utf-8"))
    ids = [s.strip() for s in args.articles.split(",")] if args.articles else None
    pdf, truth = typeset(key, args.profile, ids)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    kp = args.out.with_name(args.out.stem + ".truth.json")
    kp.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    npages = len(pymupdf.open("pdf", pdf))
    print(f"{args.out}: {npages} pages, {len(pdf) // 1024} KB; key {kp}")


if __name__ == "__main__":
    main()
