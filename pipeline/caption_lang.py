"""A caption printed in both languages in one block: its Chinese rows, then its English rows under
them (a bilingual magazine's photo caption, a journal's 图 1 … over its English version printed
without a label of its own), read by the layout as one block because nothing but the script
changes. Each language is a caption of its own, as when they are printed as two blocks; a
caption that merely names a Latin term, or whose Chinese text runs on in Latin script over a
line end, stays whole."""

from __future__ import annotations

from .extract import is_cjk
from .models import Block, Caption, Line
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


def caption_parts(blk: Block) -> list[Caption]:
    """The captions a caption block holds: one, or its Chinese and its English part (see the
    module's docstring), each with its own box."""
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
