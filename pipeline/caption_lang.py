"""A caption printed in both languages in one block: its Chinese rows, then its English rows under
them (a bilingual magazine's photo caption, a journal's 图 1 … over its English version printed
without a label of its own), read by the layout as one block because nothing but the script
changes. Each language is a caption of its own, as when they are printed as two blocks; a
caption that merely names a Latin term, or whose Chinese text runs on in Latin script over a
line end, stays whole."""

from __future__ import annotations

from .extract import is_cjk
from .models import Block, Caption, CaptionKind, Line
from .paragraphs import lang_of, make_block
from .regions import visual_rows

# A row is English when at most this share of its letters are CJK (a Chinese row naming a Latin
# term, "AI 资本开支", is not) and it holds at least EN_ROW_MIN_LETTERS Latin letters.
EN_ROW_MAX_CJK = 0.2
EN_ROW_MIN_LETTERS = 2


def _text(row: list[Line]) -> str:
    return " ".join(ln.text.strip() for ln in row).strip()


def _english(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii())
    cjk = sum(1 for c in letters if is_cjk(c))
    return latin >= EN_ROW_MIN_LETTERS and cjk <= EN_ROW_MAX_CJK * len(letters)


def _opens_sentence(text: str) -> bool:
    """An English caption opens with a capital or a number ("Fig. 1", "Duan Bingyi …", "2025 …")."""
    first = text.lstrip("\"'“‘([（")[:1]
    return first.isascii() and (first.isupper() or first.isdigit())


def _ends_row(text: str) -> bool:
    """The Chinese row does not stop inside Latin text that the next row could carry on
    ("… 来源：Bloomberg" / "Intelligence"): it ends on an ideograph, a digit of its own or a
    closing mark."""
    last = text.rstrip()[-1:]
    return bool(last) and not (last.isascii() and (last.isalpha() or last in "-,/&"))


def language_cut(rows: list[list[Line]]) -> int | None:
    """Where the English rows begin under the Chinese ones: the first row, after Chinese ones,
    from which every row is English, opening with a capital or a number after a Chinese row that
    ended; None when the block is one language (or the evidence disagrees)."""
    texts = [_text(r) for r in rows]
    for k in range(1, len(rows)):
        if lang_of(" ".join(texts[:k])) != "zh":
            return None
        if all(_english(t) for t in texts[k:]):
            return k if _opens_sentence(texts[k]) and _ends_row(texts[k - 1]) else None
    return None


def caption_parts(blk: Block, credit: tuple[str, ...] = ()) -> list[Caption]:
    """The captions a caption block holds: one, or its Chinese and its English part (see the
    module's docstring), each with its own box. A block opening with a credit marker (the rules'
    block_markers.credit, given as `credit`: regions cut it off its caption) is a credit row."""
    if credit and blk.text.strip().startswith(credit):
        return [Caption(blk.text, blk.page, blk.bbox, CaptionKind.CREDIT)]
    rows = visual_rows(blk.lines) if len(blk.pieces) == 1 and blk.lines else []
    cut = language_cut(rows) if len(rows) >= 2 else None
    if cut is None:
        return [Caption(blk.text, blk.page, blk.bbox)]
    out = []
    for part in (rows[:cut], rows[cut:]):
        lines = [ln for r in part for ln in r]
        sub = make_block(lines, blk.column, (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)))
        out.append(Caption(sub.text, blk.page, sub.bbox))
    return out


# A caption's English rows printed without a label of their own (表 1 … / Main variables and
# their definitions) are told from a Chinese caption wrapped onto a Latin line by three pieces of
# evidence: script (language_cut: English rows, opening a sentence, after a Chinese row that
# ended), face (set in a face of their own: another font, size or slant than the Chinese rows')
# and place (centred on the Chinese rows' axis, or flush with their left edge, as the caption's
# own rows are set). Script must say so; face and place each may disagree, and a cut made or
# refused against one of them is doubtful.
# The English rows' centre may stand this many of their ems off the Chinese rows' centre (or
# their left edge off the Chinese rows' left edge) and still be set as the caption is.
EN_PLACE_TOL_EM = 1.5
# Type sizes this far apart (pt) are two faces.
EN_FACE_SIZE_TOL = 0.6


def _face(lines: list[Line]) -> tuple[str, float, bool]:
    """The face most of these lines' characters are set in: font, size, slant."""
    weight: dict[tuple[str, float, bool], int] = {}
    for ln in lines:
        key = (ln.font, round(ln.size, 1), ln.italic)
        weight[key] = weight.get(key, 0) + len(ln.text.strip())
    return max(weight, key=weight.get)


def _own_face(zh: list[Line], en: list[Line]) -> bool:
    (zf, zs, zi), (ef, es, ei) = _face(zh), _face(en)
    return zf != ef or zi != ei or abs(zs - es) > EN_FACE_SIZE_TOL


def _set_as_caption(zh: list[Line], en: list[Line]) -> bool:
    """The English rows stand where the caption's own rows stand: on the axis of the Chinese
    rows, or flush with their left edge."""
    em = max(ln.size for ln in en)
    zx0, zx1 = min(ln.x0 for ln in zh), max(ln.x1 for ln in zh)
    ex0, ex1 = min(ln.x0 for ln in en), max(ln.x1 for ln in en)
    centred = abs((zx0 + zx1) / 2 - (ex0 + ex1) / 2) <= EN_PLACE_TOL_EM * em
    return centred or abs(zx0 - ex0) <= EN_PLACE_TOL_EM * em


def english_rows(lines: list[Line]) -> tuple[list[Line], list[Line], str | None] | None:
    """A table caption's Chinese lines and its English lines printed under them without a label
    (see EN_PLACE_TOL_EM above), with a note when the evidence disagreed; None when script finds
    no English rows. When face and place both say the rows are the caption's own (a Chinese
    caption wrapped onto a Latin line), the English lines are none, and the note says why."""
    rows = visual_rows(lines)
    cut = language_cut(rows) if len(rows) >= 2 else None
    if cut is None:
        return None
    zh, en = [ln for r in rows[:cut] for ln in r], [ln for r in rows[cut:] for ln in r]
    face, place = _own_face(zh, en), _set_as_caption(zh, en)
    if not face and not place:
        return (
            lines,
            [],
            "caption rows in English kept in the caption: set in its face, off its axis and edge",
        )
    doubt = None
    if not face:
        doubt = "caption's English rows read by script and place, set in the Chinese rows' face"
    elif not place:
        doubt = "caption's English rows read by script and face, set off the Chinese rows' axis and edge"
    return zh, en, doubt
