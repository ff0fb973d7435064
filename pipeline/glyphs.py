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

import operator
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


_CHAR = operator.itemgetter("c")


def _line_chars(spans: list[dict]) -> list[tuple[str, str, dict]]:
    """(character, font, glyph) of a raw line, in the order the spans give them."""
    return [(ch["c"], s.get("font", ""), ch) for s in spans for ch in s.get("chars", [])]


class GlyphRepair:
    """Repairs of mis-mapping fonts, decided from the whole file's text but read one page at a
    time: `observe` counts each page's evidence (the page's glyphs are not kept), `decide` says
    which fonts give which characters wrongly, and `repair` fixes, in place, the raw lines of a
    page read again. Only pages that hold a character of the table or a suspect (`pages`) can
    change, and only when some font is proven wrong (`needed`)."""

    def __init__(self, rules: Rules):
        self.table = _table(rules)
        self.min_evidence = int(rules.get("glyph_repairs", "min_evidence", default=2))
        self.min_share = float(rules.get("glyph_repairs", "min_share", default=0.5))
        self.suspects = set(rules.get("glyph_repairs", "suspects", default=[]) or [])
        self.means = {r.char: r.means for r in self.table}
        self.wanted = set(self.means)
        self.uses: Counter[tuple[str, str]] = Counter()  # (font, char) -> occurrences
        self.shown: Counter[tuple[str, str]] = (
            Counter()
        )  # (font, char) -> occurrences the context shows wrong
        # page index -> (line, glyph) positions whose own context shows the glyph wrong
        self.in_context: dict[int, set[tuple[int, int]]] = {}
        self.pages: list[int] = []  # the pages holding a character of the table or a suspect
        self.fixed: set[tuple[str, str]] = set()
        self.done: Counter[str] = Counter()
        self.first: dict[str, tuple[int, tuple]] = {}
        self.doubts: dict[str, tuple[int, tuple, int]] = {}

    def observe(self, index: int, page: list[list[dict]]) -> None:
        """Count the evidence of one page's raw lines (lists of rawdict spans)."""
        if not self.table:
            return
        watched = self.wanted | self.suspects
        held = False
        for n, spans in enumerate(page):
            text = "".join(["".join(map(_CHAR, s.get("chars", []))) for s in spans])
            held = held or not watched.isdisjoint(text)
            if self.wanted.isdisjoint(text):
                continue  # the usual line: no glyph of the table, nothing to count
            chars = _line_chars(spans)
            for c, font, _ in chars:
                if c in self.wanted:
                    self.uses[(font, c)] += 1
            for rep in self.table:
                if rep.char not in text:
                    continue
                marked: set[int] = set()
                for pat in rep.evidence:
                    for m in pat.finditer(text):
                        marked |= {m.start() + k for k, c in enumerate(m.group()) if c == rep.char}
                for i in marked:
                    self.shown[(chars[i][1], rep.char)] += 1
                    self.in_context.setdefault(index, set()).add((n, i))
        if held:
            self.pages.append(index)

    def evidence(self) -> tuple:
        """What observe counted, for another process's GlyphRepair to absorb."""
        return self.uses, self.shown, self.in_context, self.pages

    def handed_over(self) -> tuple:
        """What observe counted since the last call (evidence()), forgotten here: a second reader
        hands each page's evidence with the page, and only the pages taken from it count."""
        evidence = self.evidence()
        self.uses, self.shown, self.in_context, self.pages = Counter(), Counter(), {}, []
        return evidence

    def absorb(self, evidence: tuple) -> None:
        """Add the evidence another reader counted on later pages of the file (evidence())."""
        uses, shown, in_context, pages = evidence
        self.uses.update(uses)
        self.shown.update(shown)
        self.in_context.update(in_context)
        self.pages = sorted({*self.pages, *pages})

    def decide(self) -> None:
        """The (font, character) pairs the file's text shows wrong, from every page observed."""
        self.fixed = {
            key
            for key, n in self.shown.items()
            # the font gives this character wrongly
            if n >= self.min_evidence and n >= self.min_share * self.uses[key]
        }

    @property
    def needed(self) -> list[int]:
        """The page indexes whose glyphs change (or are doubted): to be read again and repaired."""
        return self.pages if self.fixed else []

    def repair(self, index: int, page: list[list[dict]]) -> None:
        """Repair, in place, one page's raw lines (the page read again, glyph for glyph the same
        as when observed); pages are repaired in order, for the warnings' first places."""
        proven = {c for _, c in self.fixed}
        bad_fonts = {font for font, _ in self.fixed}
        context = self.in_context.get(index, set())
        page_no = index + 1
        for n, spans in enumerate(page):
            for i, (c, font, glyph) in enumerate(_line_chars(spans)):
                # a font that gives the character wrongly throughout, or one occurrence that shows it
                # where the same character is proven wrong in another font of the file
                if (font, c) in self.fixed or (c in proven and (n, i) in context):
                    glyph["c"] = SPACE_HOLDER if self.means[c].isspace() else self.means[c]
                    self.done[c] += 1
                    self.first.setdefault(c, (page_no, tuple(glyph["bbox"])))
                elif font in bad_fonts and (c in self.suspects or c in self.means):
                    d = self.doubts.get(c, (page_no, tuple(glyph["bbox"]), 0))
                    self.doubts[c] = (d[0], d[1], d[2] + 1)

    def warnings(self) -> list[Warning]:
        """What was repaired and what is left in doubt, each from its first place."""
        out = []
        for c, n in self.done.items():
            page_no, box = self.first[c]
            out.append(
                Warning(
                    WarningCode.GLYPHS_REPAIRED,
                    f"{n} × {c!r} read as {self.means[c]!r}: the font maps that glyph wrongly (evidence around it), from p. {page_no}",
                    page=page_no,
                    bbox=box,
                )
            )
        for c, (page_no, box, n) in self.doubts.items():
            out.append(
                Warning(
                    WarningCode.GLYPHS_DOUBTFUL,
                    f"{n} × {c!r} printed in a font that maps glyphs wrongly: probably a symbol, left as printed, from p. {page_no}",
                    page=page_no,
                    bbox=box,
                )
            )
        return out
