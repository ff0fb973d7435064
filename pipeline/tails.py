"""An afterword or a bio printed without its label, told by its face and its place.

A magazine may print an editor's afterword (编后) or an expert's bio with no label naming it: set
apart from the article's text in another face (sans where the body is serif, smaller, grey, in a
tinted box or under a rule). The face alone says "not the body"; the place says which: the text
that closes an article after its body, in a face of its own, is its afterword, and a bio reads as
one by the rules' bio pattern (a name, then the person's posts) wherever it stands, at the head
of the article or at its end. Body text in the body's own face is never retyped, and neither is a
block the rules' markers already named (a note, a reference, a labelled bio or afterword).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from .models import Article, Block, Line, Role
from .rules import Rules
from .text import ends_with_stop

# An afterword is prose: shorter set-off text at an article's end is a source line or a credit.
AFTERWORD_MIN_CHARS = 60
# Paragraphs in the body's face the set-off text must follow: it closes a body, it is not one.
MIN_BODY_PARAGRAPHS = 3
# Type sizes differing by more than this share are two faces (9 pt sans under 9.6 pt serif).
SIZE_STEP = 0.04
# Share of the body's characters its most used font family must hold for font names to count.
FAMILY_SHARE = 0.6

_STYLE = re.compile(r"[-,]?(regular|roman|book|medium|bold|semibold|demibold|light|italic|oblique)$", re.I)

# roles set off from the body that may follow its afterword, or stand before its first paragraph
_TRAILING = (Role.NOTE, Role.REFERENCE, Role.PULL_QUOTE, Role.BIO)
_RETYPABLE = (Role.PARAGRAPH, Role.BOX)

Face = tuple[str, float, int, bool]


@lru_cache(maxsize=1024)  # a pure function of the name, asked for every line of every article
def _family(font: str) -> str:
    """The font's family: its subset prefix (ABCDEF+) and style suffix left off."""
    name = font.split("+", 1)[-1]
    while (short := _STYLE.sub("", name)) != name:
        name = short
    return name.lower()


def _line_face(ln: Line, families: bool) -> Face:
    return (_family(ln.font) if families else "", round(ln.size, 1), ln.color, ln.bold)


def _face(blk: Block, families: bool) -> Face | None:
    """The face most of the block's characters are set in: family (when font names tell faces
    apart), size, ink, weight."""
    faces: Counter = Counter()
    for ln in blk.lines:
        faces[_line_face(ln, families)] += len(ln.text)
    return faces.most_common(1)[0][0] if faces else None


def _body_lines(blocks: list[Block]) -> list[Line]:
    return [ln for b in blocks if b.role == Role.PARAGRAPH and b.lang == "zh" for ln in b.lines]


def _fonts_named(lines: list[Line]) -> bool:
    """Font names tell faces apart only where the body holds to one family: a browser's Type 3
    output names a new font every few glyphs."""
    families: Counter = Counter()
    for ln in lines:
        families[_family(ln.font)] += len(ln.text)
    total = sum(families.values())
    return bool(total) and families.most_common(1)[0][1] >= FAMILY_SHARE * total


def _body_face(lines: list[Line], families: bool) -> Face | None:
    """The face the article's Chinese paragraphs are set in (by characters)."""
    faces: Counter = Counter()
    for ln in lines:
        faces[_line_face(ln, families)] += len(ln.text)
    return faces.most_common(1)[0][0] if faces else None


def _set_off(blk: Block, body: Face, families: bool) -> bool:
    """The block stands apart from the body: framed or tinted (the body's paragraphs never are), or
    set in another face."""
    face = _face(blk, families)
    if blk.box_id is not None or face is None:
        return face is not None
    family, size, ink, bold = face
    return family != body[0] or ink != body[2] or bold != body[3] or abs(size - body[1]) > SIZE_STEP * body[1]


def is_bio(text: str, named: str, rules: Rules) -> bool:
    """The text reads as a bio by the rules' pattern (a name, a comma, the person's posts) and the
    name is one the article's title area prints (named: its title, subtitle, byline): the pattern
    alone also fits a sentence opening "会上，…会长" or "近日，…院士"."""
    m = rules.bio_re.match(text.strip()) if rules.bio_re else None
    name = re.split(r"[，,]", text.strip(), maxsplit=1)[0].strip() if m else ""
    return bool(name) and name in named


def title_area_names(art: Article) -> str:
    """What the article's title area prints that a bio's name may repeat."""
    return " ".join(x for x in (art.title_zh, art.subtitle_zh, art.byline, *art.authors) if x)


def unlabelled_tails(
    blocks: list[Block], flow: list[Block], named: str, rules: Rules
) -> tuple[list[Block], list[Block]]:
    """An article's body blocks and flow with its unlabelled afterword and bios typed (named: what
    its title area prints, title_area_names): new lists, the retyped blocks copies (the input
    untouched)."""
    lines = _body_lines(blocks)
    families = _fonts_named(lines)
    body = _body_face(lines, families)
    if body is None or any(b.role == Role.AFTERWORD for b in blocks):
        return blocks, flow  # no body to stand apart from, or the afterword named by its label
    typed: dict[int, Role] = {}
    # the head: the first block, before any body paragraph, set off from the body, read as a bio
    first = next((i for i, b in enumerate(blocks) if b.role not in (Role.PULL_QUOTE,)), None)
    if first is not None:
        blk = blocks[first]
        if (
            blk.role in _RETYPABLE
            and blk.lang == "zh"
            and _set_off(blk, body, families)
            and is_bio(blk.text, named, rules)
        ):
            typed[first] = Role.BIO
    # the tail: the run of set-off Chinese prose after the last paragraph in the body's face
    end = len(blocks)
    while end > 0 and blocks[end - 1].role in _TRAILING:
        end -= 1
    start = end
    while (
        start > 0
        and blocks[start - 1].role in _RETYPABLE
        and blocks[start - 1].lang == "zh"
        and _set_off(blocks[start - 1], body, families)
    ):
        start -= 1
    run = blocks[start:end]
    faces = {_face(b, families) for b in run}
    before = sum(1 for b in blocks[:start] if b.role == Role.PARAGRAPH and _face(b, families) == body)
    if (
        run
        and len(faces) == 1
        and before >= MIN_BODY_PARAGRAPHS
        and sum(len(b.text) for b in run) >= AFTERWORD_MIN_CHARS
        and ends_with_stop(run[-1].text, "。！？")
    ):
        for i in range(start, end):
            typed[i] = Role.BIO if is_bio(blocks[i].text, named, rules) else Role.AFTERWORD
    if not typed:
        return blocks, flow
    new = {id(blocks[i]): replace(blocks[i], role=role) for i, role in typed.items()}
    return [new.get(id(b), b) for b in blocks], [new.get(id(b), b) for b in flow]
