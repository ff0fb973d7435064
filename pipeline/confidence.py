"""Stage: Issue -> Issue with each unit's confidence computed from the evidence for and against it.

The rule (documented here, every weight a named parameter): start from PRIOR, add the weight of
each piece of evidence the unit has, clamp to [FLOOR, 1]. Evidence is recorded where the
decisions were made (pipeline/skeleton.py: the contents, the title area, the page, text
continuity) and read here from the finished unit (its summary pairing, whether its text ends a
sentence). The weights are set so that an article the contents list and a title area marks is
sure (>= 0.8) and a unit with only display type to show for itself, or with evidence against it,
stays at or under DOUBT (0.5), the level the review page starts from. Evidence that the text
itself is misread (English run into the Chinese body) caps the confidence (CAPS), whatever the
evidence for the unit's boundaries.

    article, contents page read:  0.5 + contents 0.35 + title_area 0.2 + summary 0.1 ... -> 1.0
    article, no contents page:    0.5 + title_area 0.2 + heads_page 0.05 + summary 0.1  -> 0.85
    round-up found only by its contents entry: 0.5 + 0.35 - no_title_area 0.1 + heads_page 0.05
    display type kept as an opening: 0.5 - no_title_area 0.1 (- not_in_contents 0.25) ... <= 0.4
    article continued on a later page, both jump lines found: ... + jump_stitched 0.05
    ... its rest joined on one jump line and an open sentence only: capped at 0.7
    ... its rest found nowhere, or a unit holding a rest nothing sends to: capped at 0.5
    ... a block of it joined across a column or page end on its face alone: - join_doubtful 0.1
    ... its text read from a scan's invisible OCR layer: capped at 0.5 (ocr_text)
    ... runs of its pages' text named by no readable character, left out: capped at 0.5

A unit other than an article is sure (NON_ARTICLE_PAGE) only when what its pages print names its
kind (KIND_WORDS: its kind's words as a label or title, or a notice's title that is the journal's
own name; or, for an advertisement, an article surely going on over its page: "inserted", or its
pages set whole between an article that closes before them and one that opens after them:
"between_articles") and it heads its page; typed by its shape alone it stays at PRIOR.
"""

from __future__ import annotations

import itertools
import re

from .models import Article, Issue, Role, UnitKind, WarningCode
from .text import ends_with_stop

PRIOR = 0.5  # a unit with no evidence either way
DOUBT = 0.5  # at or under this, a unit is more likely wrong than right (the review page lists these first)
FLOOR = 0.05  # confidence never reaches 0: nothing was proven wrong, only doubted

WEIGHTS: dict[str, float] = {
    # for: where it opens
    "contents": 0.35,  # a contents entry located on the page its folio names (or a neighbour)
    "contents_elsewhere": 0.2,  # a contents entry's title, printed away from its page
    "title_area": 0.2,  # byline, English title, subtitle or deck with the title
    "heads_page": 0.05,  # the unit starts its page
    # a round-up printed with no title of its own that opens on its first item: its repeated items
    # (heading, Chinese text, English version) mark where it opens, as a title area would
    "item_structure": 0.2,
    # for: what it holds
    "summary": 0.1,  # an English summary paired with it by its heading
    "items": 0.1,  # a round-up: its repeated item structure found (three items or more)
    "standfirst": 0.1,  # a section opener: its Chinese deck and the English one beside it
    "ends_sentence": 0.05,  # its text ends a sentence (nothing cut off at its end)
    # against
    "not_in_contents": -0.25,  # the issue's contents were read and do not list this article
    "no_title_area": -0.1,  # an article with a title and nothing else to mark its opening
    "title_ends_sentence": -0.4,  # its "title" ends in 。: a sentence, not a title
    "repeats_body": -0.4,  # its "title" repeats a sentence printed before it: a pull quote
    "text_before_open": -0.2,  # the text before it stops mid-sentence: it may be its rest
    "ends_open": -0.2,  # its own text stops mid-sentence: the rest went elsewhere
    "continues_after": -0.2,  # ... and the next unit's text carries it on
    "english_in_body": -0.5,  # English paragraphs nothing paired left in its Chinese body: misread
    # articles continued on a later page (pipeline/jumps.py): its rest found after a jump, both
    # jump lines naming each other's pages through the folio map
    "jump_stitched": 0.05,
    "jump_one_sided": -0.2,  # its rest joined on one jump line and the sentence it left open only
    "jump_unmatched": -0.3,  # a jump line of its own whose other end was found nowhere: cut short
    # it holds a continuation (under an in line) no jump line sends to, or text on the page a jump
    # line names whose rest was found nowhere
    "holds_continuation": -0.3,
    # a block it holds was joined across a column or page end on weak evidence (the join_doubtful
    # warning, paragraphs.join_across_breaks: a piece its face typed a heading or deck read as a
    # paragraph's rest): its text may hold what is not its own
    "join_doubtful": -0.1,
    # a page with no text and no picture, given to it on its place alone (no box of its own
    # reaching its last page's foot): the page may be another unit's (articles._bare_page_turns)
    "bare_page_doubtful": -0.2,
}
# evidence that the unit is misread, whatever else speaks for it: its confidence is at most this
CAPS: dict[str, float] = {
    "english_in_body": DOUBT,  # the boundaries may be right, the text is not
    "continues_after": DOUBT,  # its last paragraph goes on in the next unit: one of them is cut wrong
    "title_ends_sentence": 0.3,
    "repeats_body": 0.3,
    "jump_one_sided": 0.7,  # its rest is probably right, but the other jump line disagrees: check it
    "jump_unmatched": DOUBT,  # its text goes on somewhere nothing found
    "holds_continuation": DOUBT,  # another article's rest sits in it
    # its text read from a scan's invisible OCR layer (hidden.py): an OCR engine's words, and its
    # blocks told by their places alone (the layer has no faces, sizes or colours of its own)
    "ocr_text": DOUBT,
    # runs of its pages' text named by no readable character, kept out (legible.py): text is missing
    "glyphs_unreadable": DOUBT,
    "bare_page_doubtful": DOUBT,
}
# the caps that hold for units of every kind: where its text went, and whether its text is the page's
JUMP_CAPS = ("jump_unmatched", "holds_continuation", "ocr_text", "glyphs_unreadable")
# non-article units (cover, contents, masthead, notices, adverts) are judged by the words that
# name their kind ("kind_named": page_kinds, the journal's name, the first page; without them, or
# with words of two kinds, "kinds_disagree": PRIOR) and their shape
# what its pages print that names its kind: words for it ("kind_named"), or, for a notice, the
# journal's own name as its title ("journal_page": the journal speaking of itself on a page that
# is not its cover, and whose words name no masthead, contents or advertisement); or, for an
# advertisement no word names, its place: a page inside an article whose text or table surely goes
# on over it ("inserted": articles._resumed_after_inserts, no doubt in how it carries on), or a
# page set whole between two articles, the one before closing its text there and the one after
# opening on the next page with its title area or its contents entry ("between_articles")
KIND_WORDS = frozenset({"kind_named", "journal_page", "inserted", "between_articles"})
NON_ARTICLE_PAGE = 0.9  # one that heads its page
NON_ARTICLE_MID_PAGE = 0.4  # one that starts mid-page: display type taken for a notice or advert?
MIN_ITEMS = 3  # items that make a round-up's structure evidence
SURE_SUMMARY = 0.8  # a summary paired at least this surely counts as pairing evidence
# English words in a row inside a body block, whatever its language: an English version (a summary,
# an item's English) run into the Chinese body. English that is no prose does not count, however
# many blocks it fills: a formula's letters (dx = σ(y − x)), an algorithm's lines, names with their
# marks, a label (专家观点 Expert Opinion), a short caption; nor does a cited title, shorter
ENGLISH_RUN = 20
_ENGLISH_RUN = re.compile(rf"(?:[A-Za-z][A-Za-z,.;:'’()-]*\s+){{{ENGLISH_RUN},}}")


def doubts(names: list[str]) -> list[str]:
    """The evidence names that count against a unit or cap it (what the review page shows beside a
    unit it lists as least confident: what to check)."""
    return [n for n in names if WEIGHTS.get(n, 0.0) < 0 or n in CAPS or n == "kinds_disagree"]


def evidence(art: Article, contents_read: bool, over_tables: frozenset[int] = frozenset()) -> list[str]:
    """The evidence names that apply to this unit (signs in WEIGHTS). over_tables: the ids of the
    blocks the layout reads right before a table (its title over it)."""
    found = list(art.evidence_for) + list(art.evidence_against)
    listed = {"contents", "contents_elsewhere"} & set(found)
    if art.kind == UnitKind.ARTICLE:
        if contents_read and not listed:
            found.append("not_in_contents")
        opens_on_items = len(art.items) >= MIN_ITEMS and (art.title_zh or "").endswith(art.items[0].title_zh)
        if "title_area" not in found and opens_on_items:
            found.append("item_structure")  # a round-up with no title of its own opens on its first item
        elif "title_area" not in found and not (art.byline or art.title_en or art.deck_zh or art.subtitle_zh):
            found.append("no_title_area")
        elif "title_area" not in found:
            found.append("title_area")  # read from the column grid (an English title under the title)
        if any(s.confidence >= SURE_SUMMARY for s in art.summaries):
            found.append("summary")
        if len(art.items) >= MIN_ITEMS:
            found.append("items")
        if art.deck_zh and art.deck_en and not art.blocks:
            found.append("standfirst")
        body = art.blocks + [b for it in art.items for b in it.blocks]
        # a reference list cites English sources as printed (and a reference's DOI carried over a
        # column or page reads as Latin): no English version left in the Chinese body. A block is
        # judged by its prose, not by its language: a paper's display formulas and an English label
        # read as English (lang en) and made every real journal paper say 0.5 or less
        if any(b.role not in (Role.PULL_QUOTE, Role.REFERENCE) and _ENGLISH_RUN.search(b.text) for b in body):
            found.append("english_in_body")
        last = next((b for b in reversed(art.blocks) if b.role == Role.PARAGRAPH), None)
        if last is not None and ends_with_stop(last.text):
            found.append("ends_sentence")
        elif last is not None and last.open_end and id(last) not in over_tables:
            # stopped mid-sentence with its last line full to the column's edge: cut off. One that
            # stops short of the edge without a stop is a label line (a table's title over its
            # table, an address), no sentence left open; nor is a title right over its table,
            # wherever its line ends (a page printed sideways holding a caption, a table, a note)
            found.append("ends_open")
    return found


def unit_confidence(art: Article) -> float:
    """The rule: PRIOR plus the weights of the unit's evidence (art.evidence), capped by CAPS."""
    names = art.evidence
    cap = min((CAPS[n] for n in names if n in CAPS), default=1.0)
    if art.kind != UnitKind.ARTICLE:
        # a notice or advert can hold an article's rest too (set beside it): that caps it alike
        cap = min((CAPS[n] for n in names if n in JUMP_CAPS), default=1.0)
        if not KIND_WORDS & set(names) or "kinds_disagree" in names:
            # typed by its shape alone, or by words of two kinds: nothing sure either way
            return min(cap, PRIOR)
        opened = [n for n in art.evidence_for if n not in KIND_WORDS]  # evidence its opening had
        shaped = ("heads_page" in names or not opened) and "text_before_open" not in names
        return min(cap, NON_ARTICLE_PAGE if shaped else NON_ARTICLE_MID_PAGE)
    score = PRIOR + sum(WEIGHTS.get(n, 0.0) for n in names)
    return round(min(cap, max(FLOOR, score)), 3)


def assess_units(issue: Issue) -> Issue:
    """Every unit's confidence from its evidence (see the module doc). Continuity is read across
    neighbours: a unit whose text the next one carries on was cut short ("continues_after"), and
    the one that carries it on began inside a sentence ("text_before_open")."""
    contents_read = not any(
        w.code in (WarningCode.NO_CONTENTS, WarningCode.CONTENTS_NOT_LOCATED) for w in issue.warnings
    )
    over_tables = frozenset(
        id(b)
        for page in issue.layout.pages
        for b, nxt in itertools.pairwise(page.blocks)
        if nxt.role == Role.TABLE
    )
    doubtful_joins = {
        (w.page, tuple(w.bbox)) for w in issue.warnings if w.code == WarningCode.JOIN_DOUBTFUL and w.bbox
    }
    raw = issue.layout.raw.pages
    ocr_pages = {p.number for p in raw if p.ocr is not None}
    unreadable_pages = {p.number for p in raw if any(h.why == "unreadable" for h in p.hidden)}
    for art in issue.articles:
        art.evidence = evidence(art, contents_read, over_tables)
        if ocr_pages & set(art.pages):
            art.evidence.append("ocr_text")
        if unreadable_pages & set(art.pages):
            art.evidence.append("glyphs_unreadable")
        held = [*art.blocks, *(b for it in art.items for b in it.blocks)]
        if doubtful_joins and any(
            (pc.page, tuple(pc.bbox)) in doubtful_joins for b in held for pc in b.pieces
        ):
            art.evidence.append("join_doubtful")
    for prev, art in zip(issue.articles, issue.articles[1:], strict=False):
        if prev.kind != UnitKind.ARTICLE:
            # front matter's lines (addresses, lists, credits) end without a full stop: no text
            # left open before the unit after it, whatever the opening's check saw
            art.evidence = [n for n in art.evidence if n != "text_before_open"]
            continue
        last = next((b for b in reversed(prev.blocks) if b.role == Role.PARAGRAPH), None)
        if last is not None and last.open_end and not ends_with_stop(last.text):
            if "text_before_open" not in art.evidence:
                art.evidence.append("text_before_open")
            prev.evidence.append("continues_after")
    for prev, art, nxt in zip(issue.articles, issue.articles[1:], issue.articles[2:], strict=False):
        if _between_articles(prev, art, nxt):
            art.evidence.append("between_articles")
    for art in issue.articles:
        art.confidence = unit_confidence(art)
    return issue


def _between_articles(prev: Article, art: Article, nxt: Article) -> bool:
    """art, an advertisement no word names (typed by its shape: display type, little text), heads
    its own pages set whole between two articles: prev closes its text on the page before (its
    last paragraph ends a sentence and nothing after carries it on) and nxt opens on the page after
    with its title area or its contents entry, nothing left open before it. The make-up put the
    page there between two articles; a page of one of them (its photo page, its last lines) would
    leave prev open or nxt without an opening of its own. Read after the continuity evidence."""
    if art.kind != UnitKind.ADVERTISEMENT or KIND_WORDS & set(art.evidence):
        return False
    if "heads_page" not in art.evidence or "kinds_disagree" in art.evidence or art.captions:
        return False
    if prev.kind != UnitKind.ARTICLE or nxt.kind != UnitKind.ARTICLE or not (prev.pages and art.pages):
        return False
    # its last paragraph, a round-up's in its last item
    body = prev.blocks + [b for it in prev.items for b in it.blocks]
    last = next((b for b in reversed(body) if b.role == Role.PARAGRAPH), None)
    closed = (
        last is not None
        and ends_with_stop(last.text)
        and not {"continues_after", "ends_open"} & set(prev.evidence)
    )
    opens = bool({"title_area", "contents"} & set(nxt.evidence)) and "text_before_open" not in nxt.evidence
    whole = prev.pages[-1] == art.pages[0] - 1 and bool(nxt.pages) and nxt.pages[0] == art.pages[-1] + 1
    return closed and opens and whole
