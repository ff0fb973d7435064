"""Articles continued on a later page (issue 10): the typesetter's issue with jumps.

A magazine short of room sets the first part of an article on its own pages and the rest at the
back of the issue, after a later article, next to an advertisement: a jump line at the foot of the
last column ("（下转第 42 页）", "(转第42页)", "(continued on page 42)") and one at the head of the
continuation ("（上接第 12 页）", "(接第12页)", "(continued from page 12)"). The first part is cut
where the page is full, mid-paragraph and mostly mid-sentence; photos and summary boxes stay in
it. The jump lines name printed folios, so the issue is set twice (as for the contents page): the
first pass finds the pages, the second prints their folios (the layout does not depend on them).

    python -m pipeline.sample.typeset --truth KEY.json --profile jumps --articles a07,a10,... --out X.pdf

Profile switches: `jump_forms` (other houses' forms, JUMP_FORM_SETS), `jump_run_in` (the jump set in
the part's last line after its text and in the continuation's first line before it, in the body's
type; with `jump_rest_digits` the part cut right before a number, so the rest's digits run on from
the in jump's page number: "Continued from page 12025年…"), `jump_run_in_break` (such an out jump, when bracketed, broken over the part's last two lines:
"……高标准（下转第" / "7页）"), `jump_in_lines=False` (the rests printed with no in line, each starting a page; with
`jump_rest_mid`, each under the end of the article before it, mid-column, as a rest with an in
line would be),
`jump_title_again` (the article's title printed again over its continuation, with （续）).

The answer key keeps every article whole and in order (blocks as the corpus key has them); its
page_end is the continuation's page; the jump lines are listed as furniture (navigation, not
text) and, with their pages and direction, under `jumps`.
"""

from __future__ import annotations

from .compose import Line, Run, advance, compose_cjk
from .flow import Item, fill, text_items
from .typeset import DARK, GREY, PageInfo, Typesetter

# (out, in) jump line forms, one pair per jumping article in turn: full-width brackets with and
# without spaces around the number, half-width ones, English
JUMP_FORMS = (
    ("（下转第 {n} 页）", "（上接第 {n} 页）"),
    ("(转第{n}页)", "(接第{n}页)"),
    ("(continued on page {n})", "(continued from page {n})"),
)
# other houses' forms (profile jump_forms "more"): English in title case without brackets and
# with them, bare Chinese with 版 (a newspaper's page) at the in line, a page named "P42"
JUMP_FORM_SETS = {
    "classic": JUMP_FORMS,
    "more": (
        ("Continued on page {n}", "(Continued from page {n})"),
        ("转第{n}页", "续第{n}版"),
        ("(转P{n})", "(接P{n})"),
    ),
    # jumps run into the text with no brackets (profile jumps-runin-bare): English and Chinese
    # after the part's last sentence ("……试点。Continued on page 5", "……试点。转第6页"), then
    # bracketed ones (broken over two lines with jump_run_in_break); the in lines bracketed, run
    # into the rest's first line
    "bare": (
        ("（下转第{n}页）", "（上接第{n}页）"),
        ("Continued on page {n}", "(Continued from page {n})"),
        ("(continued on page {n})", "(continued from page {n})"),
        ("转第{n}页", "（接第{n}页）"),
    ),
    # in jumps run into the rest's first line with no brackets (profile jumps-runin-barein): the
    # jump printed at the line's start and the text straight after it ("续第2版年来……"; two
    # ideographic spaces between where a paragraph begins there), a newspaper's 版, English
    "bare-in": (
        ("（下转第{n}版）", "续第{n}版"),
        ("Continued on page {n}", "Continued from page {n}"),
        ("(转第{n}页)", "接第{n}页"),
        ("转第{n}页", "上接第{n}页"),
    ),
    # in jumps run into a rest that opens with digits (profile jumps-runin-digits): the page's
    # number and the text's run together, in English and in Chinese ("Continued from page 12025年…",
    # "续第3页2025年…"); the out jumps bracketed, the part cut right before a number mid-sentence
    "digits-in": (
        ("(continued on page {n})", "Continued from page {n}"),
        ("（下转第{n}页）", "续第{n}页"),
        ("(continued on page {n})", "Continued from page {n}"),
        ("（转第{n}页）", "接第{n}页"),
    ),
}
# a run-in jump line is composed with this page number, whatever it prints (the page found in the
# first pass), so the lines break the same way in both passes; the printed number is set in its
# place, the jump's characters after it moved up to it
RUN_IN_PLACEHOLDER = "000"
# how many characters a run-in out line may push over to the continuation to make room for itself
RUN_IN_MAX_PUSH = 40
# the title printed again over a continuation (profile jump_title_again): its mark, and how many
# points over the body size it is set
JUMP_TITLE_MARK = "（续）"
JUMP_TITLE_STEP = 5.0
# an article long enough to be worth a jump: characters of body text
JUMP_MIN_CHARS = 1500
# what text-only items a continuation must at least carry (so a jump is no empty gesture)
JUMP_MIN_TAIL = 6


class JumpTypesetter(Typesetter):
    """The typesetter, with `prof.jumps` articles cut after their opening page (or pages) and
    continued after the issue's last article, before its advertisements."""

    def __init__(self, prof, key, ids, toc_folios=None, jump_folios=None):
        super().__init__(prof, key, ids, toc_folios)
        self.jump_folios = jump_folios or {}  # (article id, "out" | "in") -> the folio to print
        self.tails: list[tuple[dict, list[Item], int, int]] = []  # (article, items, columns, form)
        self.jump_lines: list[dict] = []  # what the key lists: text, page, direction, article
        self.rest_starts: list[dict] = []  # where rests printed with no in line start (their folios)
        self.para_splits: list[tuple[str, str, int]] = []  # (article, paragraph text, where parted)
        arts = [a for a in key["articles"] if ids is None or a["id"] in ids]
        long_ = [
            a["id"]
            for a in arts
            if a["kind"] == "article" and sum(len(b["text"]) for b in a["blocks"]) >= JUMP_MIN_CHARS
        ]
        self.jumping = long_[: prof.jumps]
        self.forms = JUMP_FORM_SETS[prof.jump_forms]
        # run-in jumps: each body paragraph's line items -> (paragraph record, line index)
        self.para_of: dict[int, tuple[dict, int]] = {}

    def block_items(self, blk: dict, width: float, tags, first: bool = False, dropcap: bool = False):
        items = super().block_items(blk, width, tags, first=first, dropcap=dropcap)
        if self.prof.jump_run_in and blk["type"] == "paragraph" and not (dropcap and len(blk["text"]) > 60):
            self._record(items, blk["text"], width, tags, indent=2.0)
        return items

    def _record(self, items: list[Item], text: str, width: float, tags, indent: float) -> None:
        rec = dict(text=text, width=width, tags=tags, indent=indent, n=len(items))
        for k, it in enumerate(items):
            self.para_of[id(it)] = (rec, k)

    def _compose(self, text: str, width: float, indent: float) -> list[Line]:
        return compose_cjk(text, self.prof.body_size, width, indent=indent, transform=self.transform())

    def _items(self, lines: list[Line], tags) -> list[Item]:
        p = self.prof
        return text_items(lines, p.body_size, p.leading, tags=list(tags))

    # ---------------------------------------------------------- the first part
    def article(self, art: dict, idx: int):
        if art["id"] not in self.jumping:
            return super().article(art, idx)
        b = self.b
        tags = [("art", art["id"])]
        self.start_article(art)
        x0, x1 = b.xrange()
        b.place_full(self.title_items(art, x1 - x0, tags), keep_all=True)
        n = self.ncols(art)
        items = self.body_items(art, idx, b.colw(n), x1 - x0)
        form = self.jumping.index(art["id"]) % len(self.forms)
        pages = 1 + form % 2  # every other article runs a second page before it jumps
        jump = self._jump_line(art["id"], "out", self.forms[form][0], b.colw(n), right=True)
        head, tail = self._split(items, n, pages, jump.height)
        brk = self.prof.jump_run_in_break and self.forms[form][0][0] in "(（["
        ran = (
            self._run_in_out(art["id"], head, tail, self.forms[form][0], brk)
            if self.prof.jump_run_in
            else None
        )
        if ran is not None:  # the jump set in the part's last line, after its text
            head, tail = ran
            b.place_columns(head, n)
        else:
            b.place_columns(head + [jump], n)
        self.tails.append((art, tail, n, form))
        self.prev_article = None  # the next article opens a page of its own

    def _split(self, items: list[Item], ncols: int, pages: int, reserve: float):
        """Cut the body where `pages` pages are full (the opening page's room first; fewer pages
        when the rest would be too short to jump), keeping out of the continuation what is no text
        line (photos, summary boxes, tables): moved before the cut, as a designer moves them onto
        the pages the article opens on."""
        b = self.b
        seq = list(items)
        for budget in range(pages, 0, -1):
            seq = list(items)
            for _ in range(8):
                room = [b.bottom - b.y - reserve] + [b.bottom - b.top - reserve] * (budget - 1)
                cut = 0
                for h in room:
                    cut += fill(seq[cut:], h, ncols)[0]
                while 0 < cut < len(seq) and (seq[cut - 1].kind == "glue" or seq[cut - 1].keep_next):
                    cut -= 1  # never after a heading or a space: the jump comes after a text line
                if len(seq) - cut < JUMP_MIN_TAIL:
                    break
                # a photo or summary box the cut falls in or after moves whole (all its items)
                groups = {t for it in seq[cut:] if not _is_text_line(it) for t in it.tags if t[0] != "art"}
                if not groups:
                    return seq[:cut], seq[cut:]
                extras = [it for it in seq if any(t in groups for t in it.tags)]
                seq = extras + [it for it in seq if not any(t in groups for t in it.tags)]
        raise ValueError("an article too short to jump: set fewer pages before the jump")

    def _paragraph_at(self, seq: list[Item], end: bool):
        """The paragraph whose line ends `seq` (end) or starts it: (record, its items in seq, their
        index range in seq); None when that line is no recorded paragraph's."""
        it = seq[-1] if end else seq[0]
        if id(it) not in self.para_of:
            return None
        rec, k = self.para_of[id(it)]
        lo, hi = (len(seq) - 1 - k, len(seq)) if end else (0, rec["n"] - k)
        if lo < 0 or hi > len(seq):
            return None
        if any(self.para_of.get(id(x), (None,))[0] is not rec for x in seq[lo:hi]):
            return None
        return rec, lo, hi

    def _number_set(self, line: Line, folio: str, spread: bool) -> Line:
        """A line composed with RUN_IN_PLACEHOLDER, the printed page number set in its place and the
        characters after it moved up: by the room the number left (a line's end), or by less
        and less to the line's last character (spread: a justified line stays justified)."""
        runs = list(line.runs)
        k = next(i for i, r in enumerate(runs) if RUN_IN_PLACEHOLDER in r.text)
        r = runs[k]
        text = r.text.replace(RUN_IN_PLACEHOLDER, folio, 1)
        shift = (advance(r.font, r.text) - advance(r.font, text)) * r.size
        runs[k] = Run(r.x, text, r.font, r.size)
        after = len(runs) - k - 1
        for i in range(k + 1, len(runs)):
            # the jump's characters after the number up to it; a justified line's text after the
            # jump spreads the room over its gaps, its last character where it was
            step = shift if not spread else shift * (len(runs) - 1 - i) / max(after - 1, 1)
            runs[i] = Run(runs[i].x - step, runs[i].text, runs[i].font, runs[i].size)
        return Line(line.x, runs)

    def _recording(self, item: Item, aid: str, way: str, text: str) -> Item:
        """The item, recording the jump line it prints (text, page) when it is drawn."""
        inner = item.draw

        def draw(ctx, x, y):
            inner(ctx, x, y)
            self.jump_lines.append(dict(article=aid, direction=way, text=text, page=self.b.pno))

        return Item(item.height, draw, kind=item.kind, keep_next=item.keep_next, box=item.box, tags=item.tags)

    def _run_in_out(self, aid: str, head: list[Item], tail: list[Item], form: str, brk: bool = False):
        """The part with its out jump set in its last line after the text ("……完成了试点。（下转第
        42 页）"): that paragraph's lines in the part composed again with the jump at their end, in
        as many lines, characters pushed over to the continuation as room needs (never inside a
        Latin word); the continuation starts with them, not indented. None when the part does not
        end in a body paragraph. `brk`: the jump broken over the last two lines.
        """
        found = self._paragraph_at(head, end=True)
        if found is None:
            return None
        rec, lo, hi = found
        k = hi - lo  # lines of the paragraph in the part
        if brk and k < 2:
            return None
        rest_n = rec["n"] - k
        if tail[:rest_n] and any(self.para_of.get(id(x), (None,))[0] is not rec for x in tail[:rest_n]):
            return None
        text, width = rec["text"], rec["width"]
        lines = self._compose(text, width, rec["indent"])
        shown = "".join(r.text for ln in lines[:k] for r in ln.runs).replace(" ", "")
        c_total, seen = 0, 0
        while c_total < len(text) and seen < len(shown):
            seen += text[c_total] != " "
            c_total += 1
        mark = form.format(n=RUN_IN_PLACEHOLDER)
        # a jump with no brackets follows a finished sentence (else it would read as text)
        after_stop = mark[0] not in "(（["
        flat = mark.replace(" ", "")
        # after a sentence: back to the last stop in the part's lines (the column may end a line
        # or two short, as a designer leaves it rather than cut a sentence for the jump)
        digits = self.prof.jump_rest_digits  # the rest opens with a number: cut right before one
        push = c_total if after_stop or brk or digits else RUN_IN_MAX_PUSH
        for c in range(c_total, max(c_total - push, 0), -1):
            if 0 < c < len(text) and text[c - 1].isascii() and text[c].isascii() and text[c].isalnum():
                continue  # never inside a Latin word or number
            if after_stop and text[c - 1] not in "。！？.!?":
                continue
            if digits and not (c < len(text) and text[c].isdigit() and not text[c - 1].isascii()):
                continue
            new = self._compose(text[:c].rstrip() + mark, width, rec["indent"])
            last = "".join(r.text for r in new[-1].runs).replace(" ", "")
            if brk:  # the last line holds only the jump's end, the line over it its start
                before = "".join(r.text for r in new[-2].runs).replace(" ", "") if len(new) > 1 else ""
                ends = 0 < len(last) < len(flat) and flat.endswith(last) and (before + last).endswith(flat)
            else:
                ends = last.endswith(flat)
            if (len(new) == k or ((after_stop or digits) and 1 <= len(new) < k)) and ends:
                break
        else:
            return None
        printed = form.format(n=self.jump_folios.get((aid, "out"), "00"))
        at = next(
            i for i in range(len(new) - 1, -1, -1) if any(RUN_IN_PLACEHOLDER in r.text for r in new[i].runs)
        )
        new[at] = self._number_set(new[at], self.jump_folios.get((aid, "out"), "00"), spread=False)
        items = self._items(new, rec["tags"])
        items[-1] = self._recording(items[-1], aid, "out", printed)
        rest = text[c:].strip()
        # after a sentence the rest begins a paragraph of its own (the key's paragraph parted there)
        rest_indent = rec["indent"] if after_stop else 0.0
        if after_stop and rest:
            self.para_splits.append((aid, text, c))
        rest_items = self._items(self._compose(rest, width, rest_indent), rec["tags"]) if rest else []
        if rest_items:
            self._record(rest_items, rest, width, rec["tags"], indent=rest_indent)
        # the lines the part no longer fills: the paragraph's room kept, its column ending short
        room = [Item(items[0].height, lambda ctx, x, y: None, kind="glue")] * (k - len(items))
        return head[:lo] + items + room, rest_items + tail[rest_n:]

    def _run_in_in(self, aid: str, tail: list[Item], form: str):
        """The continuation with its in jump set in its first line before the text ("（上接第 12 页）
        展开了……"): its first paragraph composed again after the jump, not indented. None when the
        continuation does not start with a body paragraph."""
        found = self._paragraph_at(tail, end=False) if tail else None
        if found is None:
            return None
        rec, lo, hi = found
        if lo != 0 or self.para_of[id(tail[0])][1] != 0:
            return None
        mark = form.format(n=RUN_IN_PLACEHOLDER)
        # a paragraph beginning after the jump stands off it by its indent (ideographic spaces)
        gap = "\u3000" * round(rec["indent"])
        lines = self._compose(mark + gap + rec["text"].strip(), rec["width"], 0.0)
        if not "".join(r.text for r in lines[0].runs).replace(" ", "").startswith(mark.replace(" ", "")):
            return None
        folio = self.jump_folios.get((aid, "in"), "00")
        lines[0] = self._number_set(lines[0], folio, spread=len(lines) > 1)
        items = self._items(lines, rec["tags"])
        items[0] = self._recording(items[0], aid, "in", form.format(n=folio))
        return items + tail[hi:]

    def _title_again(self, art: dict, width: float) -> list[Item]:
        """The article's title printed again over its continuation, bold and a size or two over
        the body, with a continuation mark: navigation, listed with the jump lines (direction
        "title", one entry a line as printed), no part of the body."""
        p = self.prof
        size = p.body_size + JUMP_TITLE_STEP
        lines = compose_cjk(art["title_zh"] + JUMP_TITLE_MARK, size, width, indent=0, justify=False)
        items = text_items(lines, size, size * 1.5, DARK, 2, keep=len(lines), tags=[])
        for it, ln in zip(items, lines, strict=True):
            items[items.index(it)] = self._recording(it, art["id"], "title", "".join(r.text for r in ln.runs))
        for it in items:
            it.keep_next = True
        return items

    def _jump_line(self, aid: str, way: str, form: str, width: float, right: bool) -> Item:
        """A jump line in smaller grey type, flush right at the foot of the column or flush left at
        the head of the continuation; the page it names is the other end's folio."""
        p = self.prof
        folio = self.jump_folios.get((aid, way), "00")
        text = form.format(n=folio)
        size = p.body_size - 1.0
        lines = (
            self.latin(text, size, width, [("art", aid)], font="tiit", justify=False, hyphenate=False)
            if text.isascii()
            else self.para(text, size, width, [("art", aid)], indent=0, justify=False, color=GREY)
        )
        inner = lines[0].draw
        w = advance("tiit" if text.isascii() else "cjk", text) * size
        dx = max(width - w, 0.0) if right else 0.0

        def draw(ctx, x, y):
            inner(ctx, x + dx, y + (p.leading - lines[0].height) / 2)
            self.jump_lines.append(dict(article=aid, direction=way, text=text, page=self.b.pno))

        # no tags: the line is navigation, no part of the article's body (marks no page for it)
        return Item(p.leading, draw, tags=[])

    # ---------------------------------------------------------- the continuations
    def continuations(self):
        """Every jumping article's rest, in turn, after the last article: on the page that article
        ended on when a third of it is free, else on a new page."""
        b, p = self.b, self.prof
        for art, tail, n, form in self.tails:
            room = (b.bottom - b.y) / (b.bottom - b.top)
            if not p.jump_in_lines and not p.jump_rest_mid:  # the rest starts a page, at a column's top
                b.new_page(PageInfo("article", art.get("section_zh"), art.get("section_en")))
                self.rest_starts.append(dict(article=art["id"], direction="in", page=b.pno))
                b.place_columns(tail, n)
                continue
            if room < 0.34 or not b.pno:
                b.new_page(PageInfo("article", art.get("section_zh"), art.get("section_en")))
            else:
                b.y += 8
            if b.bottom - b.y < p.leading * 3:
                b.continue_page()
            if not p.jump_in_lines:  # no in line: the rest starts mid-column, under what ends there
                self.rest_starts.append(dict(article=art["id"], direction="in", page=b.pno))
                again = self._title_again(art, b.colw(n)) if p.jump_title_again else []
                b.place_columns(again + tail, n)
                continue
            ran = self._run_in_in(art["id"], tail, self.forms[form][1]) if p.jump_run_in else None
            if ran is not None:  # the jump set in the continuation's first line, before its text
                b.place_columns(ran, n)
                continue
            head = self._jump_line(art["id"], "in", self.forms[form][1], b.colw(n), right=False)
            head.keep_next = True
            again = self._title_again(art, b.colw(n)) if p.jump_title_again else []
            b.place_columns(again + [head] + tail, n)
        self.tails = []

    def advert(self, art: dict):
        self.continuations()  # the rests come before the advertisements at the back
        super().advert(art)

    def run(self):
        super().run()
        self.continuations()  # an issue with no advertisement after its articles
        return self.b


def _is_text_line(it: Item) -> bool:
    """A line of body text (or a space), boxed ones (a bio, an afterword) included: what a
    continuation may carry. Photos and summary boxes carry a tag of their own, wide tables span
    the page."""
    return it.kind != "full" and all(t[0] == "art" for t in it.tags)


def jump_folios(jump_lines: list[dict], folios: dict[int, str]) -> dict[tuple[str, str], str]:
    """What each jump line prints, from the first pass: the out line names the continuation's
    folio, the in line the folio of the page the article jumped from."""
    page = {(j["article"], j["direction"]): j["page"] for j in jump_lines if j["direction"] in ("out", "in")}
    other = {"out": "in", "in": "out"}
    return {
        (aid, way): folios.get(page[(aid, other[way])], "") for aid, way in page if (aid, other[way]) in page
    }
