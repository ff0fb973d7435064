"""Stage 2: RawDocument -> LaidOutDocument: regions, columns, boxes, captions, reading order,
whole paragraphs and block roles, read the way a person reads the page.

Per page: furniture out (kept); framed or shaded rectangles become boxes; short small text
under or over a picture becomes a caption; the rest flows. The flow is cut into bands at
full-width lines (titles, decks); inside a band the columns are found from the whitespace
gutters of the text itself, so any grid from one to four columns works and may change down
the page. Lines become paragraphs by indent, spacing and where the last line stops; a paragraph
cut at a column or page end is joined to its continuation in the same stream, skipping
whatever was printed in between.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from .extract import is_cjk, join_text
from .furniture import find_furniture
from .models import BBox, Block, LaidOutDocument, Line, PageLayout, Piece, RawDocument, RawPage
from .rules import Rules

CLOSING = "。！？!?；;…”’」』）)》.\"'"


def lang_of(text: str) -> str:
    cjk = sum(1 for c in text if is_cjk(c) and c.isalpha())
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "zh" if cjk * 3 >= latin or cjk > 20 else "en"


def body_font_size(raw: RawDocument) -> float:
    """The size most characters of the issue are set in."""
    weight: Counter[float] = Counter()
    for page in raw.pages:
        for ln in page.lines:
            weight[round(ln.size * 2) / 2] += len(ln.text)
    return weight.most_common(1)[0][0] if weight else 10.0


# ---------------------------------------------------------------- boxes and figures
def _containing(rects: list[BBox], line: Line, pad: float = 2.0) -> int | None:
    cx, cy = (line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2
    best = None
    for i, (x0, y0, x1, y1) in enumerate(rects):
        if x0 - pad <= cx <= x1 + pad and y0 - pad <= cy <= y1 + pad:
            if line.x0 >= x0 - pad and line.x1 <= x1 + pad:
                area = (x1 - x0) * (y1 - y0)
                if best is None or area < best[1]:
                    best = (i, area)
    return best[0] if best else None


def _containing_box(boxes: list[BBox], fig: BBox) -> int | None:
    for i, b in enumerate(boxes):
        if b[0] - 2 <= fig[0] and fig[2] <= b[2] + 2 and b[1] - 2 <= fig[1] and fig[3] <= b[3] + 2:
            return i
    return None


def _boxes_and_figures(page: RawPage, lines: list[Line], tables: list[BBox]) -> tuple[list[BBox], list[BBox]]:
    """Rectangles holding text are boxes; rectangles and images without text are figures."""
    page_area = page.width * page.height
    cands = []
    for r in page.rects:
        x0, y0, x1, y1 = r.bbox
        if any(t[0] - 2 <= x0 and x1 <= t[2] + 2 and t[1] - 2 <= y0 and y1 <= t[3] + 2 for t in tables):
            continue  # header shading and cell frames belong to the table
        w, h = x1 - x0, y1 - y0
        if w < 30 or h < 12 or w * h > 0.85 * page_area:
            continue
        if r.filled and r.fill and min(r.fill) < 0.15 and not r.stroked:
            continue  # solid dark bars are decoration, not frames
        cands.append(r.bbox)
    cands = sorted(set(cands))
    boxes, figures = [], []
    for b in cands:
        inside = [ln for ln in lines if _containing([b], ln) is not None]
        (boxes if inside else figures).append(b)
    for im in page.images:
        if (im[2] - im[0]) > 20 and (im[3] - im[1]) > 20:
            figures.append(tuple(im))
    # a text box drawn as frame + shading gives two nearly equal rects: keep the outer one
    merged: list[BBox] = []
    for b in sorted(boxes, key=lambda r: -(r[2] - r[0]) * (r[3] - r[1])):
        if not any(
            abs(b[0] - m[0]) < 4 and abs(b[1] - m[1]) < 4 and abs(b[2] - m[2]) < 4 and abs(b[3] - m[3]) < 4
            for m in merged
        ):
            merged.append(b)
    return merged, figures


def _table_areas(page: RawPage) -> list[BBox]:
    """Where a ruled table sits (pdfplumber reads it later): a connected grid of horizontal and
    vertical rules, or a stack of long horizontal rules of one width (tables without verticals)."""
    thin = [
        r.bbox
        for r in page.rects
        if ((r.bbox[3] - r.bbox[1]) <= 2.5 and (r.bbox[2] - r.bbox[0]) >= 15)
        or ((r.bbox[2] - r.bbox[0]) <= 2.5 and (r.bbox[3] - r.bbox[1]) >= 8)
    ]
    areas = []
    for comp in _touching_groups(thin, tol=2.0):
        hs = sum(1 for b in comp if b[3] - b[1] <= 2.5)
        vs = len(comp) - hs
        box = (
            min(b[0] for b in comp),
            min(b[1] for b in comp),
            max(b[2] for b in comp),
            max(b[3] for b in comp),
        )
        if hs >= 2 and vs >= 2 and box[2] - box[0] >= 0.2 * page.width:
            areas.append(box)
    long_h = sorted(
        (b for b in thin if b[3] - b[1] <= 2.5 and b[2] - b[0] > 0.25 * page.width), key=lambda b: b[1]
    )
    stacks: list[list[BBox]] = []
    for b in long_h:
        last = stacks[-1][-1] if stacks else None
        if last and abs(last[0] - b[0]) < 6 and abs(last[2] - b[2]) < 6 and b[1] - last[3] < 80:
            stacks[-1].append(b)
        else:
            stacks.append([b])
    for group in stacks:
        if len(group) >= 3:
            areas.append((min(g[0] for g in group), group[0][1], max(g[2] for g in group), group[-1][3]))
    return [
        b
        for grp in _touching_groups(areas, tol=1.0)
        for b in [
            (min(x[0] for x in grp), min(x[1] for x in grp), max(x[2] for x in grp), max(x[3] for x in grp))
        ]
    ]


_DIGIT = re.compile(r"\d")
_BARE_NUMBER = re.compile(r"[\d.,，%]+")


def _aligned_table_areas(lines: list[Line], body: float, rules: Rules) -> list[BBox]:
    """Where a table set without any rule sits: a run of rows (lines on one baseline) of at least
    three cells apart by a real gap, whose cells stand in the same columns row after row (left,
    right or centre aligned), mostly short, one column mostly numbers, all in one type size.
    Lines as wide as running text (prose) never belong to one, so neither body text in columns
    nor a contents page nor a masthead's lists of names make a table."""
    cfg = rules.get("tables", "aligned", default=None) or {}
    min_rows = int(cfg.get("min_rows", 3))
    min_cols = int(cfg.get("min_columns", 3))
    gap_em = float(cfg.get("min_gap_em", 1.2))
    short_chars = int(cfg.get("short_cell_chars", 10))
    min_short = float(cfg.get("min_short_share", 0.5))
    min_numeric = float(cfg.get("min_numeric_share", 0.6))
    texts = [ln for ln in lines if len(ln.text.strip()) >= 10 and abs(ln.size - body) < 0.15 * body]
    prose_w = 0.8 * median(ln.width for ln in texts) if len(texts) >= 5 else float("inf")
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.y1, ln.x0)):
        if rows and abs(rows[-1][0].y1 - ln.y1) < 0.35 * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    cells_of: list[list[Line]] = []  # each row's cells: lines closer than the gap are one cell
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        cells: list[Line] = []
        for ln in row:
            if cells and ln.x0 - cells[-1].x1 < gap_em * ln.size:
                prev = cells[-1]
                cells[-1] = Line(
                    prev.page,
                    join_text(prev.text, ln.text),
                    (prev.x0, min(prev.y0, ln.y0), max(prev.x1, ln.x1), max(prev.y1, ln.y1)),
                    prev.size,
                    prev.font,
                    prev.bold,
                    prev.color,
                    prev.italic,
                )
            else:
                cells.append(ln)
        cells_of.append(cells)

    def matches(ln: Line, col: list[Line], tol: float) -> bool:
        x0 = median(c.x0 for c in col)
        x1 = median(c.x1 for c in col)
        cx = median((c.x0 + c.x1) / 2 for c in col)
        return abs(ln.x0 - x0) <= tol or abs(ln.x1 - x1) <= tol or abs((ln.x0 + ln.x1) / 2 - cx) <= tol

    areas: list[BBox] = []
    i = 0
    while i < len(rows):
        seed = cells_of[i]
        if len(seed) < min_cols or any(c.width >= prose_w for c in seed):
            i += 1
            continue
        cols: list[list[Line]] = [[c] for c in seed]
        table_rows = [i]
        j = i + 1
        while j < len(rows):
            lo, hi = min(c.x0 for c in cols[0]) - body, max(c.x1 for c in cols[-1]) + body
            inside = [c for c in cells_of[j] if c.x1 > lo and c.x0 < hi]
            if not inside:
                j += 1
                continue
            last = rows[table_rows[-1]]
            if min(c.y0 for c in inside) - max(c.y1 for c in last) > 1.2 * inside[0].size:
                break
            if any(c.width >= prose_w for c in inside):
                break
            tol = 0.5 * inside[0].size
            placed, k = [], 0
            for c in inside:
                while k < len(cols) and not matches(c, cols[k], tol):
                    k += 1
                if k == len(cols):
                    break
                placed.append((k, c))
                k += 1
            if len(placed) < len(inside) or len(placed) < 2:
                break
            for k, c in placed:
                cols[k].append(c)
            table_rows.append(j)
            j += 1
        cells = [c for col in cols for c in col]
        ids = {id(c) for c in cells}
        full = [r for r in table_rows if sum(id(c) in ids for c in cells_of[r]) >= min_cols]
        if len(full) >= min_rows and _table_like(cols, seed, short_chars, min_short, min_numeric):
            pad = 0.3 * body  # glyph boxes of another reader (pdfplumber) reach a little further
            areas.append(
                (
                    min(c.x0 for c in cells) - pad,
                    min(c.y0 for c in cells) - pad,
                    max(c.x1 for c in cells) + pad,
                    max(c.y1 for c in cells) + pad,
                )
            )
            i = j
        else:
            i += 1
    return areas


def _table_like(
    cols: list[list[Line]], header: list[Line], short_chars: int, min_short: float, min_numeric: float
) -> bool:
    cells = [c for col in cols for c in col]
    sizes = [c.size for c in cells]
    if max(sizes) > 1.15 * min(sizes):
        return False  # a contents page or a masthead mixes type sizes; a table does not
    if re.fullmatch(_BARE_NUMBER, header[0].text.strip()):
        return False  # a row opening with a bare number is a contents entry (page, title), not a header
    short = sum(len(re.sub(r"\s", "", c.text)) <= short_chars for c in cells)
    if short < min_short * len(cells):
        return False
    body_rows = [col[1:] for col in cols]
    return any(
        col and sum(bool(_DIGIT.search(c.text)) for c in col) >= min_numeric * len(col) for col in body_rows
    )


def _touching_groups(boxes: list[BBox], tol: float) -> list[list[BBox]]:
    """Connected components of boxes that touch or overlap (within tol)."""
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if a[0] - tol <= b[2] and b[0] - tol <= a[2] and a[1] - tol <= b[3] and b[1] - tol <= a[3]:
                parent[find(i)] = find(j)
    groups: dict[int, list[BBox]] = {}
    for i, b in enumerate(boxes):
        groups.setdefault(find(i), []).append(b)
    return list(groups.values())


def _captions(lines: list[Line], figures: list[BBox], body: float, rules: Rules) -> list[list[Line]]:
    """Small lines right under a figure (or over it, when nothing is under it) that overlap it
    horizontally; a caption belongs to one figure only."""
    small = [ln for ln in lines if ln.size < body * 0.96 and not _is_section_label(ln.text, rules)]
    used: set[int] = set()
    caps: list[list[Line]] = []
    for fig in sorted(figures, key=lambda f: (f[1], f[0])):
        over = [ln for ln in small if id(ln) not in used and ln.x0 < fig[2] and ln.x1 > fig[0]]
        below = sorted((ln for ln in over if -3 <= ln.y0 - fig[3] <= 3.2 * ln.size), key=lambda ln: ln.y0)
        above = sorted((ln for ln in over if -3 <= fig[1] - ln.y1 <= 2.0 * ln.size), key=lambda ln: -ln.y0)
        if not (below or above):
            continue
        group = [below[0] if below else above[0]]
        for ln in sorted(over, key=lambda ln: ln.y0):  # follow a multi-line caption downwards
            last = group[-1]
            if ln.y0 > last.y0 and ln.y0 - last.y1 < 0.6 * ln.size and abs(ln.size - group[0].size) < 0.6:
                group.append(ln)
        used.update(id(ln) for ln in group)
        caps.append(group)
    return caps


# ---------------------------------------------------------------- columns
def _gutters(lines: list[Line], x_lo: float, x_hi: float, body: float) -> list[tuple[float, float]]:
    """Vertical whitespace strips that (almost) no line crosses."""
    if not lines:
        return []
    lo, hi = int(x_lo), int(x_hi) + 1
    diff = [0] * (hi - lo + 2)  # coverage by a difference array: one pass per line, not per point
    for ln in lines:
        a, b = max(lo, int(ln.x0) + 1), min(hi, int(ln.x1))
        if a < b:
            diff[a - lo] += 1
            diff[b - lo] -= 1
    allowed = max(0, len(lines) // 40)
    gaps, start, cover = [], None, 0
    for i in range(hi - lo + 1):
        cover += diff[i]
        if cover <= allowed and start is None:
            start = i
        elif cover > allowed and start is not None:
            gaps.append((start + lo, i + lo))
            start = None
    min_w = max(4.0, 0.45 * body)
    # inner gaps only: margins are not gutters
    return [(a, b) for a, b in gaps if b - a >= min_w and a > lo + 5 and b < hi - 5]


def _columns(lines: list[Line], body: float) -> list[tuple[float, float]]:
    x_lo = min(ln.x0 for ln in lines)
    x_hi = max(ln.x1 for ln in lines)
    gutters = _gutters(lines, x_lo, x_hi, body)
    edges = [x_lo] + [g for gap in gutters for g in gap] + [x_hi]
    cols = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    # a "column" narrower than a few characters is a tab stop, not a column
    return [c for c in cols if c[1] - c[0] > 4 * body] or [(x_lo, x_hi)]


def _is_wide(line: Line, text_w: float, body: float) -> bool:
    """Spans the text area, or is title type (a big bare number, like a contents folio, is not)."""
    big = line.size >= 1.45 * body and len(_LETTERS.findall(line.text)) >= 2
    return line.width > 0.62 * text_w or big


_LETTERS = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _continues_wide(prev: Line, ln: Line) -> bool:
    """The short last line of a full-width title or deck: same style, right below, ending earlier."""
    return (
        not isinstance(ln, Anchor)
        and abs(prev.size - ln.size) < 0.05 * prev.size
        and prev.bold == ln.bold
        and -0.3 * ln.size <= ln.y0 - prev.y1 < 0.9 * ln.size
        and abs(prev.x0 - ln.x0) < 2.5 * ln.size
        and ln.x1 < prev.x1 + 2
    )


def _labels_title(ln: Line, nxt: Line | None, body: float) -> bool:
    """A short line right above a title (section label, kicker) belongs to the title area."""
    return (
        nxt is not None
        and not isinstance(ln, Anchor)
        and nxt.size >= 1.45 * body
        and 0 <= nxt.y0 - ln.y1 < 1.5 * max(ln.size, body)
        and len(ln.text) < 40
    )


class Anchor(Line):
    """A non-text element placed in the flow (box, caption, figure, table) so that it is ordered
    with the columns and cuts the paragraph stream where it stands."""

    def __init__(self, page: int, bbox: BBox, kind: str, payload, size: float):
        super().__init__(page, "", bbox, size, "", False, 0)
        self.kind = kind
        self.payload = payload


def _flow_order(lines: list[Line], body: float) -> list[tuple[int, list[Line], tuple[float, float]]]:
    """Cut the page's flowing items into (column index, items, column x-range) runs in reading order."""
    if not lines:
        return []
    lines = sorted(lines, key=lambda ln: (ln.y0, ln.x0))
    text_w = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    # a single-column page (most body lines run the full width): only big type is "full width"
    body_lines = [ln for ln in lines if not isinstance(ln, Anchor) and abs(ln.size - body) < 0.05 * body]
    one_column = len(body_lines) >= 2 and sum(ln.width > 0.62 * text_w for ln in body_lines) > 0.5 * len(
        body_lines
    )
    if one_column:
        text_w = float("inf")
    # bands: runs of narrow lines between full-width lines
    runs: list[tuple[bool, list[Line]]] = []
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        wide = (
            _is_wide(ln, text_w, body)
            or bool(runs and runs[-1][0] and _continues_wide(runs[-1][1][-1], ln))
            or _labels_title(ln, nxt, body)
        )
        if runs and runs[-1][0] == wide:
            runs[-1][1].append(ln)
        else:
            runs.append((wide, [ln]))
    out = []
    for wide, run in runs:
        if wide:
            out.append((-1, run, (min(ln.x0 for ln in run), max(ln.x1 for ln in run))))
            continue
        cols = _columns(run, body)
        by_col: dict[int, list[Line]] = {}
        for ln in run:
            cx = (ln.x0 + ln.x1) / 2
            idx = min(
                range(len(cols)),
                key=lambda i: (
                    0
                    if cols[i][0] - 2 <= ln.x0 and cx <= cols[i][1]
                    else abs((cols[i][0] + cols[i][1]) / 2 - cx)
                ),
            )
            by_col.setdefault(idx, []).append(ln)
        for idx in sorted(by_col):
            out.append((idx, sorted(by_col[idx], key=lambda ln: (ln.y0, ln.x0)), cols[idx]))
    return out


def merge_same_baseline(lines: list[Line]) -> list[Line]:
    """Inside one column or box, pieces on one baseline are one line (justified words set apart)."""
    out: list[Line] = []
    for ln in sorted(lines, key=lambda ln: (round(ln.y1), ln.x0)):
        prev = out[-1] if out else None
        if (
            prev is not None
            and not isinstance(prev, Anchor)
            and not isinstance(ln, Anchor)
            and abs(prev.y1 - ln.y1) < 0.3 * ln.size
            and ln.x0 >= prev.x1 - 1
        ):
            text = prev.text + (" " if lang_of(prev.text + ln.text) == "en" else "") + ln.text
            out[-1] = Line(
                prev.page,
                text,
                (prev.x0, min(prev.y0, ln.y0), ln.x1, max(prev.y1, ln.y1)),
                prev.size,
                prev.font,
                prev.bold,
                prev.color,
                prev.italic,
            )
        else:
            out.append(ln)
    return sorted(out, key=lambda ln: (ln.y0, ln.x0))


# ---------------------------------------------------------------- paragraphs
def _pitch(lines: list[Line]) -> float:
    steps = [b.y0 - a.y0 for a, b in zip(lines, lines[1:], strict=False) if 0 < b.y0 - a.y0 < 3 * a.size]
    return median(steps) if steps else (lines[0].size * 1.5 if lines else 15.0)


def _starts_block(
    prev: Line, cur: Line, col: tuple[float, float], pitch: float, rules: Rules, opener: Line
) -> bool:
    """Does cur open a new block? prev is the line above it in the column, opener the first line
    of the block prev belongs to."""
    first = opener is prev
    size = max(prev.size, cur.size)
    if abs(prev.size - cur.size) > 0.12 * size or prev.bold != cur.bold or prev.color != cur.color:
        return True
    if cur.y0 - prev.y0 > 1.45 * pitch or cur.y0 < prev.y0 - 1:
        return True
    left = col[0]
    cur_indented = cur.x0 - (cur.wrap_left or left) >= 1.2 * cur.size
    prev_indented = prev.x0 - (prev.wrap_left or left) >= 1.2 * cur.size
    lst = rules.list_item_re
    hanging = (  # a wrapped list item or reference whose next lines hang under its text
        first
        and not prev_indented
        and 0 < cur.x0 - prev.x0 <= 3.5 * cur.size
        and _is_marked(prev.text, rules)
        # a wrapped item fills its line; a reference may break early before a long DOI or URL
        and (
            prev.x1 >= col[1] - 1.6 * size or bool(rules.reference_re and rules.reference_re.match(prev.text))
        )
    )
    if cur_indented and (not prev_indented or first) and not hanging:
        return True  # first-line indent (two indented lines in a row: a one-line paragraph above)
    ends_sentence = prev.text[-1:] in CLOSING + "：:"
    if lst and lst.match(cur.text) and (ends_sentence or prev.text[-1:] in "；;"):
        return True
    if rules.reference_re and rules.reference_re.match(cur.text):
        return True  # every reference opens with its number
    if any(cur.text.startswith(m) for m in rules.markers("note")):
        return True
    if rules.reference_re and rules.reference_re.match(opener.text):
        return False  # a reference breaks early before a long DOI or URL; only the next number ends it
    # a line that stops short ends its paragraph, unless it stops mid-sentence (ragged-right text)
    return prev.x1 < col[1] - 1.6 * size and ends_sentence


def _is_marked(text: str, rules: Rules) -> bool:
    """The line opens a list item or a reference: its next lines may hang under the text."""
    return any(p is not None and p.match(text) for p in (rules.list_item_re, rules.reference_re))


def _join_lines(lines: list[Line]) -> str:
    text = ""
    for ln in lines:
        text = _join_fragments(text, ln.text)
    return text


_HYPHEN_END = re.compile(r"([A-Za-z]+)-$")
_WORD_START = re.compile(r"^([a-z]+)")


def _join_fragments(left: str, right: str, vocab: set[str] | None = None) -> str:
    """Join line or paragraph pieces; undo line-end hyphenation only where the word is hyphenated."""
    m, n = _HYPHEN_END.search(left), _WORD_START.match(right)
    if m and n:
        whole, compound = m.group(1) + n.group(1), m.group(1) + "-" + n.group(1)
        if vocab is None or compound.lower() not in vocab or whole.lower() in vocab:
            return left[:-1] + right
        return left + right
    return join_text(left, right)


def _make_block(
    lines: list[Line], col_idx: int, col: tuple[float, float], box_id: int | None = None
) -> Block:
    text = _join_lines(lines)
    sizes = Counter()
    for ln in lines:
        sizes[round(ln.size, 1)] += len(ln.text)
    last = lines[-1]
    bbox = (
        min(ln.x0 for ln in lines),
        min(ln.y0 for ln in lines),
        max(ln.x1 for ln in lines),
        max(ln.y1 for ln in lines),
    )
    # the paragraph may go on in the next column: its last line is full, or stops mid-sentence
    long_last = last.x1 - col[0] >= 0.6 * (col[1] - col[0])
    reaches_edge = last.x1 >= col[1] - 1.2 * last.size or (
        long_last and last.text.rstrip()[-1:] not in CLOSING
    )
    return Block(
        role="paragraph",
        text=text,
        lines=list(lines),
        pieces=[Piece(last.page, bbox)],
        lang=lang_of(text),
        column=col_idx,
        box_id=box_id,
        size=sizes.most_common(1)[0][0],
        bold=sum(len(ln.text) for ln in lines if ln.bold) * 2 > len(text),
        open_end=reaches_edge and len(lines) >= 1,
    )


def _paragraphs(
    lines: list[Line], col_idx: int, col: tuple[float, float], rules: Rules, box_id=None
) -> list[Block]:
    if not lines:
        return []
    pitch = _pitch(lines)
    blocks, cur = [], [lines[0]]
    for ln in lines[1:]:
        if _starts_block(cur[-1], ln, col, pitch, rules, cur[0]):
            blocks.append(_make_block(cur, col_idx, col, box_id))
            cur = [ln]
        else:
            cur.append(ln)
    blocks.append(_make_block(cur, col_idx, col, box_id))
    return blocks


# ---------------------------------------------------------------- roles
def _role(block: Block, body: float, rules: Rules, in_wide_band: bool, ink: int | None = None) -> str:
    text = block.text.strip()
    if block.box_id is not None:
        if rules.summary_kind(text):
            return "summary"
        for kind in ("bio", "afterword"):
            if any(text.startswith(m) for m in rules.markers(kind)):
                return kind
        if block.lang == "zh" and rules.bio_re and rules.bio_re.match(text):
            return "bio"
        return "summary" if block.lang == "en" else "box"
    if any(p.match(text) for p in rules.byline_res) and len(text) < 60:
        return "byline"
    if len(block.lines) == 1 and _is_section_label(text, rules):
        return "section"
    if text.startswith(("——", "—")) and len(text) < 80 and block.lang == "zh":
        return "subtitle"
    if rules.summary_kind(text) and len(text) < 40:
        return "summary_heading"
    size = block.size
    if in_wide_band or size >= 1.45 * body:
        if size >= 1.45 * body and block.lang == "zh":
            # a big bare number (a folio in the contents, a statistic) is not a title
            return "title" if len(_LETTERS.findall(text)) >= 2 else "other"
        if block.lang == "en":
            return "title_en" if size >= body * 0.98 and len(text) < 300 else "deck_en"
        return "deck" if len(text) > 20 else "other"
    if any(text.startswith(m) for m in rules.markers("note")):
        return "note"
    if any(text.startswith(m) for m in rules.markers("bio")):
        return "bio"  # 专家小传 printed without a frame
    if rules.reference_re and rules.reference_re.match(text):
        return "reference"
    short = len(text) <= 40 and len(block.lines) <= 2 and text[-1:] not in "。；;，,"
    coloured = ink is not None and block.lines[0].color != ink and block.lang == "zh" and size >= 0.98 * body
    if short and (size >= 1.06 * body or block.bold or coloured):
        return "heading"
    if rules.list_item_re and rules.list_item_re.match(text):
        return "list_item"
    if block.lang == "en":
        return "english"
    return "paragraph"


def _is_section_label(text: str, rules: Rules) -> bool:
    """A section label is the section's name and little else ("聚焦 Focus"), not a sentence."""
    sec = rules.section_for(text)
    return (
        bool(sec)
        and len(re.sub(r"\s", "", text)) <= len(re.sub(r"\s", "", sec.get("zh", "") + sec.get("en", ""))) + 3
    )


# ---------------------------------------------------------------- the stage
def _layout_page(page: RawPage, furniture: list[Line], folio, body: float, rules: Rules) -> PageLayout:
    fset = {id(ln) for ln in furniture}
    lines = [ln for ln in page.lines if id(ln) not in fset]
    n = page.number
    ink = Counter(ln.color for ln in lines if abs(ln.size - body) < 0.1 * body).most_common(1)
    ink = ink[0][0] if ink else None  # the body text colour: a short line in another colour is a heading
    anchors: list[Line] = []

    tables = _table_areas(page)
    unruled = [ln for ln in lines if _containing(tables, ln, pad=4) is None]
    tables += _aligned_table_areas(unruled, body, rules)
    table_lines: dict[int, list[Line]] = {}
    for ln in lines:
        t = _containing(tables, ln, pad=4)
        if t is not None:
            table_lines.setdefault(t, []).append(ln)
    for t, bbox in enumerate(tables):
        anchors.append(
            Anchor(n, bbox, "table", sorted(table_lines.get(t, []), key=lambda ln: (ln.y0, ln.x0)), body)
        )
    tset = {id(ln) for group in table_lines.values() for ln in group}
    lines = [ln for ln in lines if id(ln) not in tset]

    boxes, figures = _boxes_and_figures(page, lines, tables)
    box_lines: dict[int, list[Line]] = {}
    flow: list[Line] = []
    for ln in lines:
        b = _containing(boxes, ln)
        if b is None:
            flow.append(ln)
        else:
            box_lines.setdefault(b, []).append(ln)
    # captions: under a figure in the flow, or under a figure inside the same box (an advert's QR code)
    caption_groups = _captions(flow, [f for f in figures if _containing_box(boxes, f) is None], body, rules)
    for b, blines in box_lines.items():
        inside = [f for f in figures if _containing_box(boxes, f) == b]
        caption_groups += _captions(blines, inside, body, rules) if inside else []
    cset = {id(ln) for g in caption_groups for ln in g}
    flow = [ln for ln in flow if id(ln) not in cset]
    for b, blines in box_lines.items():
        blines = [ln for ln in blines if id(ln) not in cset]
        if blines:
            anchors.append(Anchor(n, boxes[b], "box", (_box_key(n, b), blines), body))

    for group in caption_groups:
        bbox = (
            min(ln.x0 for ln in group),
            min(ln.y0 for ln in group),
            max(ln.x1 for ln in group),
            max(ln.y1 for ln in group),
        )
        anchors.append(Anchor(n, bbox, "caption", group, body))
    for fig in figures:
        anchors.append(Anchor(n, fig, "figure", None, body))

    ordered: list[Block] = []
    segment = 0
    for col_idx, items, col in _flow_order(flow + anchors, body):
        wide = col_idx < 0
        pending: list[Line] = []

        def flush(pending=pending, col_idx=col_idx, col=col, wide=wide):
            nonlocal segment
            if not pending:
                return
            paras = (
                _wide_blocks(pending)
                if wide
                else _paragraphs(merge_same_baseline(pending), col_idx, col, rules)
            )
            for blk in paras:
                blk.role = _role(blk, body, rules, wide, ink)
                blk.segment = (n, segment)
            ordered.extend(paras)
            pending.clear()
            segment += 1

        for item in items:
            if isinstance(item, Anchor) and item.kind in ("figure", "caption") and _wrapped(item, flow):
                # text runs around this photo: it does not cut the paragraph beside it
                ordered.extend(_anchor_blocks(item, body, rules, (n, -1)))
            elif isinstance(item, Anchor):
                flush()
                ordered.extend(_anchor_blocks(item, body, rules, (n, segment)))
                segment += 1
            else:
                pending.append(item)
        flush()
    columns = sorted({(round(c[0]), round(c[1])) for ci, _, c in _flow_order(flow, body) if ci >= 0})
    return PageLayout(n, page.width, page.height, folio, ordered, furniture, columns)


def _wrapped(anchor: Line, flow: list[Line]) -> bool:
    """Some text line stands beside the anchor (same height, left or right of it). Lines it pushes
    right start their column at the leftmost of them, so that only a real indent looks indented."""
    left_side, right_side = [], []
    for ln in flow:
        if min(ln.y1, anchor.y1) - max(ln.y0, anchor.y0) <= 0.5 * ln.height:
            continue
        if ln.x1 <= anchor.x0 + 2 and anchor.x0 - ln.x1 < 3 * ln.size:
            left_side.append(ln)
        elif ln.x0 >= anchor.x1 - 2 and ln.x0 - anchor.x1 < 3 * ln.size:
            right_side.append(ln)
    if right_side:
        start = min(ln.x0 for ln in right_side)
        for ln in right_side:
            ln.wrap_left = start
    return bool(left_side or right_side)


def _anchor_blocks(anchor: Anchor, body: float, rules: Rules, segment) -> list[Block]:
    if anchor.kind == "box":
        box_id, blines = anchor.payload
        bx = anchor.bbox
        blocks = _paragraphs(merge_same_baseline(blines), -2, (bx[0] + 3, bx[2] - 3), rules, box_id=box_id)
        for blk in blocks:
            blk.role = _role(blk, body, rules, False)
            blk.segment = segment
        return blocks
    if anchor.kind == "caption":
        group = anchor.payload
        cap = _make_block(merge_same_baseline(group), -3, (anchor.x0, anchor.x1))
        cap.role, cap.segment = "caption", segment
        return [cap]
    if anchor.kind == "table":
        text = " ".join(ln.text for ln in anchor.payload)
        return [
            Block(
                "table", text, anchor.payload, [Piece(anchor.page, anchor.bbox)], column=-4, segment=segment
            )
        ]
    return []  # figures only cut the flow


def _box_key(page_no: int, idx: int) -> int:
    return page_no * 1000 + idx


def _wide_blocks(lines: list[Line]) -> list[Block]:
    """Full-width lines: split where size, weight or language changes, or the spacing opens."""
    col = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    blocks, cur = [], [lines[0]]
    for ln in lines[1:]:
        p = cur[-1]
        if (
            abs(p.size - ln.size) > 0.1 * max(p.size, ln.size)
            or p.bold != ln.bold
            or lang_of(p.text) != lang_of(ln.text)
            or ln.y0 - p.y1 > 0.9 * ln.size
            or ln.text.startswith(("——", "文/", "文 /"))
        ):
            blocks.append(_make_block(cur, -1, col))
            cur = [ln]
        else:
            cur.append(ln)
    blocks.append(_make_block(cur, -1, col))
    for b in blocks:
        b.open_end = False
    return blocks


def _english_vocab(pages: list[PageLayout]) -> set[str]:
    vocab: set[str] = set()
    for p in pages:
        for b in p.blocks:
            if b.lang == "en":
                vocab.update(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", b.text))
    return vocab


def _stream(block: Block) -> str:
    if block.role in ("summary", "summary_heading", "english") or (
        block.box_id is not None and block.lang == "en"
    ):
        return "en"
    if block.box_id is not None:
        return "box"
    if block.role in ("caption", "table"):
        return block.role
    return "body"


def _continues(prev: Block, nxt: Block, rules: Rules) -> bool:
    """nxt is the rest of prev: prev ran to the column edge, nxt is the same kind of text and
    does not open with a first-line indent or a box heading."""
    same_role = (
        nxt.role == prev.role
        or (prev.role in ("bio", "afterword") and nxt.role == "box")
        or (prev.role in ("list_item", "reference", "note", "bio", "afterword") and nxt.role == "paragraph")
    )
    if not prev.open_end or not same_role or nxt.role not in JOINABLE:
        return False
    if prev.role == "english" and len(prev.lines) < 2:
        return False  # a one-line English title or label is not the start of running text
    if abs(nxt.size - prev.size) > 0.12 * max(nxt.size, prev.size) or nxt.bold != prev.bold:
        return False
    if _is_marked(nxt.text, rules):
        return False  # a new list item or reference
    first = nxt.lines[0]
    col_left = min(ln.x0 for ln in nxt.lines)
    if first.x0 - col_left >= 1.2 * first.size and len(nxt.lines) > 1:
        return False
    return rules.summary_kind(nxt.text) is None


JOINABLE = ("paragraph", "summary", "english", "bio", "afterword", "box", "list_item", "note", "reference")


def join_across_breaks(pages: list[PageLayout], rules: Rules) -> None:
    """Join paragraphs cut by a column or page end with their continuation in the same stream."""
    vocab = _english_vocab(pages)
    last: dict[str, Block] = {}
    for page in pages:
        kept = []
        for blk in page.blocks:
            s = _stream(blk)
            prev = last.get(s)
            if prev is not None and _continues(prev, blk, rules) and _is_break(prev, blk):
                prev.text = _join_fragments(prev.text, blk.text, vocab)
                prev.lines += blk.lines
                prev.pieces += blk.pieces
                prev.open_end = blk.open_end
                continue
            kept.append(blk)
            last[s] = blk
        page.blocks = kept


def _is_break(prev: Block, nxt: Block) -> bool:
    """The two pieces were cut apart by a column or page end, or by something printed between them
    (never further than the next page: a paragraph does not jump pages)."""
    return prev.segment != nxt.segment and 0 <= nxt.page - prev.pieces[-1].page <= 1


def analyze(raw: RawDocument, rules: Rules) -> LaidOutDocument:
    body = body_font_size(raw)
    furniture = find_furniture(raw, rules, body)
    pages = []
    for page in raw.pages:
        furn, folio = furniture[page.number]
        pages.append(_layout_page(page, furn, folio, body, rules))
    join_across_breaks(pages, rules)
    return LaidOutDocument(raw, pages, body)
