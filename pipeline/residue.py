"""Conservation: every character of every page's text layer ends up in some output row.

Runs after every stage has claimed its text: a function of the final Issue (what the datasets
write) and the raw pages (what the PDF shows). Each line of a page is looked for in the texts
written from that page; what no output holds is kept, line by line, in the `residue` table with
the reason, and the run counts what is claimed, what is residue and what is neither (a warning
`text_unaccounted` names the pages when that is more than a tolerance).

A line is found whole, or in pieces: stages legitimately rewrite text (lines joined into
paragraphs, a label such as 摘要： cut off a field, a title split into fields), so a line counts
as claimed where pieces of it of at least `min_piece` characters stand in some output text of
its page. Only letters and digits are compared, in NFKC form (see `_norm`). A summary heading
is a label whose meaning is the summary's kind: when its text is in no row, its residue row
says so (reason `label`).

A glyph drawn more than once (a faked bold, a shadow, an outline over the fill) is read once by
extract (overprint.py); its copies are characters of the text layer too, kept on the line as
`Line.overprint`, and they go where the glyphs they copy go: counted in text_chars and claimed
as the line is (in the residue when the line is residue), never a row of their own.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

from .academic import find_labels
from .models import (
    BBox,
    Conservation,
    Issue,
    PageLayout,
    Residue,
    ResidueReason,
    Role,
    UnitKind,
    Warning,
    WarningCode,
)
from .rules import Rules
from .spreads import page_name


def _norm(text: str | None) -> str:
    """What counts of a text: its letters and digits (NFKC: full-width Ａ is A). Punctuation and
    marks are not counted: stages rewrite them by design (the —— before a subtitle, the · before
    a contents entry, the ： after a label, a hyphen at a line end)."""
    return _NOT_LETTER_OR_DIGIT.sub("", unicodedata.normalize("NFKC", text or ""))


# What is no letter (Unicode category L*) and no digit (N*): re's \w is exactly those and "_"
# (str.isalnum; tests/test_residue.py holds the two equal over every code point), and one
# substitution in C replaces a test of each character's category in Python.
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def _strings(obj) -> list[str]:
    """The text fields of a dataclass: its str and list[str] values."""
    out: list[str] = []
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, list):
            out += [x for x in v if isinstance(x, str)]
    return out


def _claims(issue: Issue) -> Iterable[tuple[str, Iterable[int]]]:
    """Every text the datasets write, with the pages it may have come from."""
    every = [p.number for p in issue.layout.raw.pages]
    for page in issue.layout.pages:
        for ln in page.furniture:
            yield ln.text, [page.number]
    for art in issue.articles:
        pages = sorted(art.pages) or every
        for b in [*art.blocks, *(b for it in art.items for b in it.blocks)]:
            yield b.text, {p.page for p in b.pieces}
            if b.title:
                yield b.title, {p.page for p in b.pieces}
        for c in art.captions:
            yield c.text, [c.page]
        starts = sorted(t.page for t in art.tables)
        last = max(pages)
        for t in art.tables:
            cells = [
                t.caption, t.caption_en, *t.continued_labels, *t.header, *(c for row in t.rows for c in row), *t.notes
            ]  # fmt: skip
            # a table may go on over the next pages (its continuations are appended to it): up
            # to where the unit's next table starts
            end = next((p for p in starts if p > t.page), last)
            yield "\x00".join(c for c in cells if c), range(t.page, max(end, t.page + 1) + 1)
        for s in art.summaries:
            yield s.text, s.pages or pages
        for it in art.items:
            # item_seq is written: it holds a brief's running number, printed before its title
            # (printed as 1, or 01 on a line of its own over the heading)
            seq = f"{it.seq} {it.seq:02d}"
            yield "\x00".join(x for x in (seq, it.title_zh, it.title_en, it.text_en) if x), pages
        for ref in art.references:
            yield ref.text, [ref.page, ref.page + 1]  # an entry may run onto the next page
        # every text field of the unit and of its front matter (titles, byline, 摘要, DOI …):
        # whatever fields the stages add, they are written, so they claim
        yield "\x00".join(_strings(art) + (_strings(art.front) if art.front else [])), pages
    toc_pages = sorted({p for a in issue.articles if a.kind == UnitKind.TOC for p in a.pages}) or every
    for e in issue.toc:
        yield "\x00".join([*_strings(e), str(e.page or "")]), toc_pages
    yield "\x00".join(_strings(issue.meta)), every


def _is_label(text: str, rules: Rules, nxt: str = "", prev: str = "") -> bool:
    """A line that is only a summary heading (rules' summary_headings: its meaning is the
    summary's kind) or a front-matter label (rules' academic fields: its meaning is the field's
    name), whole or a piece of one set letter-spaced, the rest on the line before or after it
    (摘 | 要：…, or 摘 over 要 beside the abstract)."""
    found = rules.summary_heading(text)
    if found is not None and found[1] >= len(text.rstrip()):
        return True
    squashed = "".join(text.split()).rstrip(":：")
    following, before = "".join(nxt.split()), "".join(prev.split()).rstrip(":：")
    return bool(squashed) and any(
        squashed == lab
        or (lab.startswith(squashed) and following.startswith(lab[len(squashed) :]))
        or (lab.endswith(squashed) and len(lab) > len(squashed) and before.endswith(lab[: -len(squashed)]))
        for lab in _label_words(rules)
    )


def _label_words(rules: Rules) -> list[str]:
    fields = rules.get("academic", "fields", default={}) or {}
    return ["".join(w.split()) for spec in fields.values() for w in (spec or {}).get("labels", [])]


def _labels_left(text: str, hay: str, min_piece: int, rules: Rules) -> tuple[str, int] | None:
    """A line opening with front-matter labels whose fields (what follows each label) some row
    holds, the labels themselves (cut off by academic.py) in none: (the labels' text, how many
    characters of the rest count). None when that is not the line's case."""
    spans = find_labels(text, rules)
    if not spans:
        return None
    labels, rest, at = [], [], 0
    for start, content, _ in spans:
        rest.append(text[at:start])
        labels.append(text[start:content].strip())
        at = content
    rest.append(text[at:])
    fields = _norm("".join(rest))
    if not _norm("".join(labels)) or _found(fields, hay, min_piece) < len(fields):
        return None
    return " ".join(labels), len(fields)


# block markers whose meaning is the block's kind, cut off its title (编后：<title> is an afterword
# titled <title>: articles._titled_afterwords keeps the title, not the marker)
TITLE_MARKER_KINDS = ("afterword",)


def _marker_left(text: str, hay: str, rules: Rules) -> tuple[str, int] | None:
    """A line opening with a marker of TITLE_MARKER_KINDS whose rest starts some row (the title
    cut off it, whole or its first line however short): (the marker, how many characters of the
    rest count). None when that is not the line's case."""
    head = text.lstrip()
    marker = next((m for k in TITLE_MARKER_KINDS for m in rules.markers(k) if head.startswith(m)), None)
    rest = _norm(head[len(marker) :]) if marker else ""
    if not rest or not (hay.startswith(rest) or "\x00" + rest in hay):
        return None
    return marker, len(rest)


def _found(line: str, hay: str, min_piece: int) -> int:
    """How many characters of `line` stand in `hay` in pieces of at least `min_piece` (the
    whole line when shorter): greedy, longest piece first from the left."""
    if not line:
        return 0
    if line in hay:
        return len(line)
    need = min(min_piece, len(line))
    found, i = 0, 0
    first = last = None  # where the first piece found starts, the last one ends
    while i < len(line):
        j = i + need
        if j <= len(line) and line[i:j] in hay:
            while j < len(line) and line[i : j + 1] in hay:
                j += 1
            found += j - i
            first = i if first is None else first
            last = j
            i = j
        else:
            i += 1
    # a line cut between two rows (a heading run into its paragraph's first line) leaves a piece
    # shorter than min_piece: found when it ends the row before (the line's head) or starts the
    # row after (its tail), where the rows part
    if first and (hay.endswith(line[:first]) or line[:first] + "\x00" in hay):
        found += first
    if last is not None and last < len(line) and (hay.startswith(line[last:]) or "\x00" + line[last:] in hay):
        found += len(line) - last
    return found


def _cut_between_fields(line: str, fields: str) -> int:
    """A short line no piece of min_piece finds, cut between two fields of the rows (fields: the
    page's claims with each field normed apart, "\x00" between): a contents entry's wrapped title's
    last words and its page number ("共绘新蓝图……18"). The whole line when its head (two
    characters at least) ends a field and its tail starts one, else 0."""
    return next(
        (
            len(line)
            for k in range(2, len(line))
            if _ends_row(line[:k], fields) and _starts_row(line[k:], fields)
        ),
        0,
    )


def _ends_row(piece: str, hay: str) -> bool:
    return hay.endswith(piece) or piece + "\x00" in hay


def _starts_row(piece: str, hay: str) -> bool:
    return hay.startswith(piece) or "\x00" + piece in hay


def share_held(text: str, held: str, min_piece: int = 6) -> float:
    """The share of text's letters and digits that stand in `held` (in pieces of min_piece)."""
    t = _norm(text)
    return _found(t, _norm(held), min_piece) / len(t) if t else 1.0


def _cell_pieces(line: str, cells: str, bbox, areas: list) -> int:
    """Characters of a line that stands inside a table's area and runs across its cells (MuPDF reads
    one line through a row of cells whose texts wrapped): each piece between spaces is part of one
    cell, however short. 0 for a line outside every table."""
    if not any(
        a[0] - 2 <= bbox[0] and bbox[2] <= a[2] + 2 and a[1] - 2 <= bbox[1] and bbox[3] <= a[3] + 2
        for a in areas
    ):
        return 0
    return sum(len(t) for t in map(_norm, line.split()) if t and t in cells)


def account_text(issue: Issue, rules: Rules) -> Issue:
    """The Issue with its residue rows and conservation counts (the input is not changed)."""
    share = float(rules.get("conservation", "residue_line_share", default=0.5))
    min_piece = int(rules.get("conservation", "min_piece", default=6))
    raw = issue.layout.raw
    hay: dict[int, list[str]] = {p.number: [] for p in raw.pages}
    field_hay: dict[int, list[str]] = {p.number: [] for p in raw.pages}  # each field normed apart
    for claim, pages in _claims(issue):
        text = str(claim)
        t = _norm(text)
        if t:
            # (a text of one field is its own parts: normed once)
            parts = "\x00".join(x for x in map(_norm, text.split("\x00")) if x) if "\x00" in text else t
            for p in set(pages):
                if p in hay:
                    hay[p].append(t)
                    field_hay[p].append(parts)
    tables: dict[int, list] = {}  # page -> the bboxes of its tables
    for art in issue.articles:
        for t in art.tables:
            for page, box in t.parts():  # a table continued on the next page stands on both
                tables.setdefault(page, []).append(box)
    # page -> its diagrams, and the rows of their labels the tables stage gave back to them
    drawings = {pl.number: pl.drawings + _label_rows(pl) for pl in issue.layout.pages}
    total = claimed = in_residue = 0
    residue: list[Residue] = []
    unaccounted: dict[int, int] = {}
    unaccounted_at: dict[int, tuple] = {}  # page -> (characters lost, bbox) of the line losing the most
    page_chars: dict[int, int] = {}
    for p in raw.pages:
        if p.unreadable:
            box = (0.0, 0.0, p.width, p.height)
            residue.append(Residue("", p.number, box, ResidueReason.UNREADABLE_PAGE, p.damage))
        for h in p.hidden:  # text no reader sees or reads (hidden.py): residue, as the layer holds it
            n = len(_norm(h.text))
            total += n
            in_residue += n
            page_chars[p.number] = page_chars.get(p.number, 0) + n
            residue.append(Residue(h.text, p.number, h.bbox, ResidueReason.HIDDEN, h.why))
        page_hay = "\x00".join(hay[p.number])
        # a field printed in capitals (a section's English name set upper case) is the field: lines
        # are looked for case-blind (lower() keeps nearly every length; the count is capped at it)
        page_hay_lower = page_hay.lower()
        page_fields = None  # built for the page when a line needs it
        for k, ln in enumerate(p.lines):
            text = _norm(ln.text)
            found = min(_found(text.lower(), page_hay_lower, min_piece), len(text))
            if not found and text:
                page_fields = (
                    page_fields if page_fields is not None else "\x00".join(field_hay[p.number]).lower()
                )
                found = _cut_between_fields(text.lower(), page_fields)
            if found < len(text) and p.number in tables:
                found = max(found, _cell_pieces(ln.text, page_hay, ln.bbox, tables[p.number]))
            copies = len(_norm(ln.overprint))  # glyphs drawn again over the line's, read once
            total += len(text) + copies
            page_chars[p.number] = page_chars.get(p.number, 0) + len(text) + copies
            held = _copies_claimed(copies, found, len(text))
            claimed += found + held
            lost = len(text) - found
            if not lost:
                continue
            # a line of labelled fields whose labels are what no row holds (a first-page footnote
            # "收稿日期：…；修回日期：…": the labels may be under half its text)
            left = _labels_left(ln.text, page_hay, min_piece, rules)
            if left and found <= left[1]:
                labels, fields = left  # the fields are claimed; their labels are what is left
                claimed += fields - found
                residue.append(Residue(labels, p.number, ln.bbox, ResidueReason.LABEL))
                in_residue += len(text) - fields + copies - held
                continue
            marked = _marker_left(ln.text, page_hay, rules)
            if marked and found <= marked[1]:
                marker, rest = marked  # the title after it is claimed; the marker is a label
                claimed += rest - found
                residue.append(Residue(marker, p.number, ln.bbox, ResidueReason.LABEL))
                in_residue += len(text) - rest + copies - held
                continue
            if lost >= share * len(text):  # mostly unclaimed: the line is residue, as printed
                nxt = p.lines[k + 1].text if k + 1 < len(p.lines) else ""
                prev = p.lines[k - 1].text if k else ""
                labelled = _is_label(ln.text, rules, nxt, prev)
                why = ResidueReason.LABEL if labelled else ResidueReason.UNCLAIMED
                if not labelled and _over_drawing(ln.bbox, drawings.get(p.number, [])):
                    why = ResidueReason.FIGURE_TEXT
                residue.append(Residue(ln.text, p.number, ln.bbox, why))
                in_residue += lost + copies - held
            else:  # a few characters of a claimed line (a rewritten mark, a dropped label)
                lost += copies - held
                unaccounted[p.number] = unaccounted.get(p.number, 0) + lost
                if lost > unaccounted_at.get(p.number, (0, None))[0]:
                    unaccounted_at[p.number] = (lost, ln.bbox)
    at = {p: box for p, (_, box) in unaccounted_at.items()}
    counts = Conservation(total, claimed, in_residue, unaccounted, page_chars, at)
    return dataclasses.replace(issue, residue=residue, conservation=counts)


def _copies_claimed(copies: int, found: int, chars: int) -> int:
    """Of the copies drawn over a line's glyphs (extract read them once: overprint.py), how many
    count as claimed: they go where the glyphs they copy go, the same share as the line's."""
    return copies if found >= chars else copies * found // chars if chars else 0


def conservation_warnings(issue: Issue, rules: Rules) -> list[Warning]:
    """`text_unaccounted` when characters of some pages are in no row at all (not even residue),
    `text_residue` when more than a share of the text is only in the residue table."""
    c = issue.conservation
    if c is None:
        return []
    out = []
    min_chars = int(rules.get("conservation", "unaccounted_page_chars", default=10))
    min_share = float(rules.get("conservation", "unaccounted_page_share", default=0.01))
    pages = sorted(
        p for p, n in c.unaccounted.items() if n > min_chars and n > min_share * c.page_chars.get(p, 0)
    )
    if pages:
        n = sum(c.unaccounted[p] for p in pages)
        shown = ", ".join(page_name(issue.layout.raw, p) for p in pages[:10]) + (
            " …" if len(pages) > 10 else ""
        )
        out.append(
            Warning(
                WarningCode.TEXT_UNACCOUNTED,
                f"{n} character(s) of the text layer in no output row, pages {shown}",
                page=pages[0],
                bbox=c.unaccounted_at.get(pages[0]),  # the line of that page that lost the most
            )
        )
    share = float(rules.get("conservation", "residue_warn_share", default=0.02))
    if c.chars and c.residue > share * c.chars:
        pages = sorted({r.page for r in issue.residue})
        shown = ", ".join(page_name(issue.layout.raw, p) for p in pages[:10]) + (
            " …" if len(pages) > 10 else ""
        )
        out.append(
            Warning(
                WarningCode.TEXT_RESIDUE,
                f"{c.residue / c.chars:.1%} of the text is in no content row, only in the residue table (pages {shown})",
                page=pages[0] if pages else None,
                bbox=next((r.bbox for r in issue.residue if pages and r.page == pages[0]), None),
            )
        )
    return out


# a table area this close to a figure drawn with vector paths (points) is the figure's labels
AREA_DRAWING_PAD = 2.0


def touches_drawing(bbox: BBox, drawings: list[BBox]) -> bool:
    """The box touches (or comes within AREA_DRAWING_PAD of) one of the page's drawn figures."""
    x0, y0, x1, y1 = bbox
    pad = AREA_DRAWING_PAD
    return any(
        d[0] - pad <= x1 and x0 <= d[2] + pad and d[1] - pad <= y1 and y0 <= d[3] + pad for d in drawings
    )


def _label_rows(page: PageLayout) -> list[BBox]:
    """The page's table areas that touch a drawn figure: read as no table, they are the figure's
    labels (tables._on_a_drawing: a row of them along a diagram's top edge, just off its paths),
    and their lines figure text, not text no stage took (telsci2025 p. 8: 轨道0 … 轨道7)."""
    if not page.drawings:
        return []
    return [b.bbox for b in page.blocks if b.role == Role.TABLE and touches_drawing(b.bbox, page.drawings)]


def _over_drawing(bbox: BBox, drawings: list[BBox]) -> bool:
    """The line's centre lies on a figure drawn with vector paths (layout: text over a diagram)."""
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return any(d[0] - 2 <= cx <= d[2] + 2 and d[1] - 2 <= cy <= d[3] + 2 for d in drawings)
