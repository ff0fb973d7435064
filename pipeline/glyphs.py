"""Characters a font's ToUnicode map names wrongly, repaired where the evidence says so.

Some fonts (Founder/方正 fonts in AdultPDF and older typesetting systems) map typographic glyphs
to unrelated CJK characters: a space to 摇, a hyphen to 鄄, an apostrophe to 蒺, a full stop in
numbers to 郾. The text is mapped, so nothing looks wrong to a program. The table of known
mis-mappings is data (rules: glyph_repairs); a character is repaired only in a font where the
text around it shows the mis-mapping (鄄 between Latin letters, 摇 repeated or beside ASCII) often
enough, because the same character printed in another font is the word it names. Characters the
same fonts give for math symbols are not guessed at: they are warned, with page and place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .models import Warning, WarningCode
from .rules import Rules

# A glyph repaired to a space keeps a visible stand-in until its line is rebuilt: a run of
# spaces alone would be dropped there, and the gap it leaves would split the line in two.
SPACE_HOLDER = "\u2063"


@dataclass(frozen=True)
class _Repair:
    char: str
    means: str
    evidence: tuple[re.Pattern, ...]


def _table(rules: Rules) -> list[_Repair]:
    spec = rules.get("glyph_repairs", "table", default=[]) or []
    return [
        _Repair(r["char"], r["means"], tuple(re.compile(e) for e in r.get("evidence") or [])) for r in spec
    ]


def _line_chars(spans: list[dict]) -> list[tuple[str, str, dict]]:
    """(character, font, glyph) of a raw line, in the order the spans give them."""
    return [(ch["c"], s.get("font", ""), ch) for s in spans for ch in s.get("chars", [])]


def repair_pages(pages: list[list[list[dict]]], rules: Rules) -> list[Warning]:
    """Repair, in place, the glyphs of mis-mapping fonts in every page's raw lines (lists of
    rawdict spans, before lines are rebuilt from them); the warnings say what was done and what
    is left in doubt. The spans are this stage's own working copy, read from the PDF."""
    table = _table(rules)
    if not table:
        return []
    min_evidence = int(rules.get("glyph_repairs", "min_evidence", default=2))
    min_share = float(rules.get("glyph_repairs", "min_share", default=0.5))
    wanted = {r.char for r in table}
    uses: Counter[tuple[str, str]] = Counter()  # (font, char) -> occurrences
    shown: Counter[tuple[str, str]] = Counter()  # (font, char) -> occurrences the context shows wrong
    in_context: set[int] = set()  # the glyphs whose own context shows it
    for page in pages:
        for spans in page:
            chars = _line_chars(spans)
            text = "".join(c for c, _, _ in chars)
            if not wanted & set(text):
                continue
            for c, font, _ in chars:
                if c in wanted:
                    uses[(font, c)] += 1
            for rep in table:
                if rep.char not in text:
                    continue
                marked: set[int] = set()
                for pat in rep.evidence:
                    for m in pat.finditer(text):
                        marked |= {m.start() + k for k, c in enumerate(m.group()) if c == rep.char}
                for i in marked:
                    shown[(chars[i][1], rep.char)] += 1
                    in_context.add(id(chars[i][2]))
    fixed = {
        key
        for key, n in shown.items()
        if n >= min_evidence and n >= min_share * uses[key]  # the font gives this character wrongly
    }
    means = {r.char: r.means for r in table}
    proven = {c for _, c in fixed}
    done: Counter[str] = Counter()
    first: dict[str, tuple[int, tuple]] = {}
    suspects = set(rules.get("glyph_repairs", "suspects", default=[]) or [])
    bad_fonts = {font for font, _ in fixed}
    doubts: dict[str, tuple[int, tuple, int]] = {}
    for page_no, page in enumerate(pages, start=1):
        for spans in page:
            for c, font, glyph in _line_chars(spans):
                # a font that gives the character wrongly throughout, or one occurrence that shows it
                # where the same character is proven wrong in another font of the file
                if (font, c) in fixed or (c in proven and id(glyph) in in_context):
                    glyph["c"] = SPACE_HOLDER if means[c].isspace() else means[c]
                    done[c] += 1
                    first.setdefault(c, (page_no, tuple(glyph["bbox"])))
                elif font in bad_fonts and (c in suspects or c in means):
                    n = doubts.get(c, (page_no, tuple(glyph["bbox"]), 0))
                    doubts[c] = (n[0], n[1], n[2] + 1)
    out = []
    for c, n in done.items():
        page_no, box = first[c]
        out.append(
            Warning(
                WarningCode.GLYPHS_REPAIRED,
                f"{n} × {c!r} read as {means[c]!r}: the font maps that glyph wrongly (evidence around it), from p. {page_no}",
                page=page_no,
                bbox=box,
            )
        )
    for c, (page_no, box, n) in doubts.items():
        out.append(
            Warning(
                WarningCode.GLYPHS_DOUBTFUL,
                f"{n} × {c!r} printed in a font that maps glyphs wrongly: probably a symbol, left as printed, from p. {page_no}",
                page=page_no,
                bbox=box,
            )
        )
    return out
