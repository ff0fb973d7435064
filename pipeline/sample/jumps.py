"""Articles continued on a later page (issue 10): the typesetter's issue with jumps.

A magazine short of room sets the first part of an article on its own pages and the rest at the
back of the issue, after a later article, next to an advertisement: a jump line at the foot of the
last column ("（下转第 42 页）", "(转第42页)", "(continued on page 42)") and one at the head of the
continuation ("（上接第 12 页）", "(接第12页)", "(continued from page 12)"). The first part is cut
where the page is full, mid-paragraph and mostly mid-sentence; photos and summary boxes stay in
it. The jump lines name printed folios, so the issue is set twice (as for the contents page): the
first pass finds the pages, the second prints their folios (the layout does not depend on them).

    python -m pipeline.sample.typeset --truth KEY.json --profile jumps --articles a07,a10,... --out X.pdf

The answer key keeps every article whole and in order (blocks as the corpus key has them); its
page_end is the continuation's page; the jump lines are listed as furniture (navigation, not
text) and, with their pages and direction, under `jumps`.
"""

from __future__ import annotations

from .compose import advance
from .flow import Item, fill
from .typeset import GREY, PageInfo, Typesetter

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
}
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
        arts = [a for a in key["articles"] if ids is None or a["id"] in ids]
        long_ = [
            a["id"]
            for a in arts
            if a["kind"] == "article" and sum(len(b["text"]) for b in a["blocks"]) >= JUMP_MIN_CHARS
        ]
        self.jumping = long_[: prof.jumps]
        self.forms = JUMP_FORM_SETS[prof.jump_forms]

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
            if room < 0.34 or not b.pno:
                b.new_page(PageInfo("article", art.get("section_zh"), art.get("section_en")))
            else:
                b.y += 8
            if b.bottom - b.y < p.leading * 3:
                b.continue_page()
            head = self._jump_line(art["id"], "in", self.forms[form][1], b.colw(n), right=False)
            head.keep_next = True
            b.place_columns([head] + tail, n)
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
    page = {(j["article"], j["direction"]): j["page"] for j in jump_lines}
    other = {"out": "in", "in": "out"}
    return {
        (aid, way): folios.get(page[(aid, other[way])], "") for aid, way in page if (aid, other[way]) in page
    }
