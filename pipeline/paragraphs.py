"""Lines of one column -> blocks (paragraphs, headings, list items…) with their roles, and the
joining of blocks cut by a column or page end with their continuation in the same stream.

A new block starts where the indent, spacing, size, weight or colour says so; a line that stops
short ends its paragraph only at the end of a sentence (ragged-right text goes on). Roles come
from typography relative to the body text and from the markers in the rules.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from statistics import median

from .extract import is_cjk, join_text
from .models import BBox, Block, Line, PageLayout, Piece, Role, Warning, WarningCode
from .rules import Rules
from .text import SENTENCE_STOPS, ends_with_stop
from .titles_en import english_title_above

CLOSING = "。！？!?；;…”’」』）)》.\"'"


# Text between Chinese quotation or title marks: a Chinese sentence quoting an English title
# ("相关研究成果以“Integrated metabolomic and …”为题发表在") is Chinese whatever the title's length.
_QUOTED = re.compile(r"[“‘《「『〈][^“”‘’《》「」『』〈〉]*[”’》」』〉]")


@lru_cache(maxsize=8192)  # asked again and again of the same line texts while blocks are cut
def lang_of(text: str) -> str:
    """zh or en, by the letters: Latin ones inside Chinese quotation marks count only where no
    Chinese stands outside them (an English sentence quoting in curly quotes stays English)."""
    cjk = sum(1 for c in text if is_cjk(c) and c.isalpha())
    if cjk and ("“" in text or "《" in text or "「" in text or "『" in text or "‘" in text or "〈" in text):
        outside = _QUOTED.sub("", text)
        if any(is_cjk(c) and c.isalpha() for c in outside):
            text = outside
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "zh" if cjk * 3 >= latin or cjk > 20 else "en"


def _pitch(lines: list[Line], col: tuple[float, float] | None = None) -> float:
    """The column's line pitch, baseline to baseline: a line holding a formula glyph or a font
    with tall glyph boxes has a taller box, not a wider step. Where enough lines fill the column
    (col: its edges), the step under them (a wrap, as in _pitches)."""
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if 0 < b.row - a.row < 3 * a.size]
    steps = [b.row - a.row for a, b in pairs]
    wraps = [b.row - a.row for a, b in pairs if col is not None and _fills_column(a, col)]
    if len(wraps) >= MIN_PITCH_STEPS:
        return median(wraps)
    return median(steps) if steps else (lines[0].size * 1.5 if lines else 15.0)


# Two lines set in from the column's edge start this many ems apart or less: one inset block's lines.
INSET_SLACK_EM = 0.3

# Steps between lines of one size needed before that size gets its own pitch.
MIN_PITCH_STEPS = 3


# A numbered line standing this many pitches or more under the line above opens a block: the lines
# of one paragraph stand a pitch apart (a wrapped line is never set further off)
NUMBERED_GAP_PITCH = 1.2


# A line standing this many ems of its type further under the line above than the column's pitch
# is set apart by space: after a line that ends a sentence or stops short it opens a paragraph (a
# house that parts paragraphs by space alone, none indented). A paragraph's own lines stand a
# pitch apart; a line box grown by a taller glyph moves its baseline far less than this.
PARAGRAPH_SPACE_EM = 0.25


def _size_key(ln: Line) -> float:
    return round(ln.size * 2) / 2


def _pitches(lines: list[Line], col: tuple[float, float] | None = None) -> dict[float, float]:
    """Line pitch by type size: a column holding Chinese text and its English version in smaller
    type has two pitches, and the English one must not make every Chinese line a new paragraph.
    Where enough lines of a size fill the column (col: its edges), the pitch is the step under
    them: a full line wraps, so the line under it is the same paragraph's. Blocks may stand closer
    to each other than a paragraph's lines do (a reference list set with less space between its
    entries than its leading) and then outnumber the wraps among all steps."""
    steps: dict[float, list[float]] = {}
    wraps: dict[float, list[float]] = {}
    for a, b in zip(lines, lines[1:], strict=False):
        if _size_key(a) == _size_key(b) and 0 < b.row - a.row < 3 * a.size:
            steps.setdefault(_size_key(b), []).append(b.row - a.row)
            if col is not None and _fills_column(a, col):
                wraps.setdefault(_size_key(b), []).append(b.row - a.row)
    # a size with few lines (a wrapped heading) keeps the column's pitch: too few steps to tell
    return {
        k: median(wraps[k] if len(wraps.get(k, ())) >= MIN_PITCH_STEPS else v)
        for k, v in steps.items()
        if len(v) >= MIN_PITCH_STEPS
    }


def _pitch_of(ln: Line, pitches: dict[float, float], pitch: float) -> float:
    """The pitch a line of ln's size is set at: its size's own, or, for a size with too few lines
    to tell (a heading wrapped over two lines), the column's pitch, no less than a smaller size's
    pitch grown in proportion to the type (leading grows with the type: a profile's heading at 12.6
    pt wrapped at 19.5 pt in a column of English at 8.6 pt on an 11.6 pt pitch is one heading)."""
    key = _size_key(ln)
    if key in pitches:
        return pitches[key]
    scaled = [p * key / k for k, p in pitches.items() if 0 < k < key]
    return max([pitch, *scaled])


# A column's pitch under this many ems of its type is no leading: its lines are entries of a list
# set closer than their own leading (a paragraph's lines stand 1.2-1.8 ems apart).
TIGHT_PITCH_EM = 1.1
# A line stands at most this many ems of its type under the line it wraps (an ordinary leading).
WRAP_STEP_EM = 2.0


def _wrap_at_leading(prev: Line, cur: Line, col: tuple[float, float], pitch: float) -> bool:
    """cur is prev's wrapped line, though it stands further under it than the column's pitch: the
    pitch is no leading (TIGHT_PITCH_EM: a masthead's names, each a block of its own, set a point
    apart), the step is an ordinary one (WRAP_STEP_EM), prev leaves its sentence open and cur's
    first word would not have fitted in the room prev left before the column's edge (justified or
    ragged). A name or title wrapped at its paragraph's leading stands more than such a pitch
    under its first line, and would be read as set apart. Columns whose pitch is a leading are
    untouched."""
    size = max(prev.size, cur.size)
    return (
        pitch < TIGHT_PITCH_EM * size
        and cur.row - prev.row <= WRAP_STEP_EM * size
        and not ends_with_stop(prev.text)
        and not _first_word_fits(prev, cur, prev.wrap_right or col[1])
    )


def _fills_column(ln: Line, col: tuple[float, float]) -> bool:
    """The line runs to the column's right edge (a photo beside it moves the edge)."""
    return ln.x1 >= (ln.wrap_right or col[1]) - ln.size


_OPENING_MARKERS = ("note", "abstract_zh", "keywords_zh")


def _opening_markers(rules: Rules) -> tuple[str, ...]:
    """The markers of _OPENING_MARKERS' kinds as one tuple (str.startswith takes it at once)."""
    return rules.derived(
        "paragraph_opening_markers", lambda r: tuple(m for kind in _OPENING_MARKERS for m in r.markers(kind))
    )


def _starts_block(
    prev: Line,
    cur: Line,
    col: tuple[float, float],
    pitch: float,
    rules: Rules,
    opener: Line,
    carried: float | None = None,
    item_hangs: tuple[tuple[float, float], ...] = (),
    own_pitch: bool = True,
    measured: bool = False,
    clear: frozenset[int] = frozenset(),
    listing: tuple[float, bool] | None = None,
) -> bool:
    """Does cur open a new block? prev is the line above it in the column, opener the first line
    of the block prev belongs to; carried: the x where the column's first block hangs, when that
    block is the rest of an item carried over from the column before (_carried_hang); item_hangs:
    where the column's marked items stand and hang their wrapped lines (item_hangs); own_pitch:
    pitch is the leading of cur's own type size, read from enough of its steps (_pitches), not the
    column's (a heading's wrapped line stands further off than the body's leading); measured:
    some line of the column clear of pictures runs to its right edge, so the column's measure is
    read from print, not guessed (a line short of it did stop short); clear: the ids of the lines
    whose measure that is (_clear_of_pictures); listing: the column's measure for hand breaks
    (its longest line clear of pictures at least) and whether the column is a list of short lines
    (_listing)."""
    first = opener is prev
    size = max(prev.size, cur.size)
    if abs(prev.size - cur.size) > 0.12 * size or prev.bold != cur.bold or prev.color != cur.color:
        return True
    if cur.row < prev.row - 1 or (
        cur.row - prev.row > 1.45 * pitch and not _wrap_at_leading(prev, cur, col, pitch)
    ):
        return True
    if (
        carried is not None
        and abs(cur.x0 - carried) < HANG_TOLERANCE * cur.size
        and _fills_column(prev, col)
        and not _is_marked(cur.text, rules)
    ):
        # the carried item's lines hang where they hung, under a full line: an indented line under
        # an indented line is no new paragraph here (as it is where a one-line paragraph stands)
        return False
    if _chinese_then_english(prev.text, cur.text):
        return True  # the English version set right under the Chinese text, in the same type
    if first and _byline_line(prev.text, rules) and lang_of(prev.text) != lang_of(cur.text):
        return True  # a byline is its own line: the Latin heading set under it in its type is not its
    if first and _flush_right(prev, col) and cur.x0 - (cur.wrap_left or col[0]) < 1.2 * cur.size:
        return True  # a line set flush right (a byline at the article's end) stands alone
    if first and _summary_heading_line(prev.text, rules):
        # a summary heading alone on its line is a label, whatever its face: its text opens on the
        # next line (a scan's OCR layer sets the bold heading in the text's own face)
        return True
    if _summary_heading_line(cur.text, rules) and CJK_CHARS.search(prev.text):
        # a summary heading on a line of its own under Chinese text (a byline "作者：…" set in the
        # same type right above it) opens the English summary, whatever frame it has or lacks
        return True
    left = col[0]
    cur_indented = cur.x0 - (cur.wrap_left or left) >= 1.2 * cur.size
    prev_indented = prev.x0 - (prev.wrap_left or left) >= 1.2 * cur.size
    lst = rules.list_item_re
    hanging = (  # a wrapped list item or reference whose next lines hang under its text
        first
        and 0 < cur.x0 - prev.x0 <= 3.5 * cur.size
        and (
            (not prev_indented and _is_marked(prev.text, rules))
            # an item printed with no marker in a list that hangs its items (具体事项由… after
            # 一、… 二、…): its first line stands where their markers do, its next where their
            # wrapped lines hang; a first-line indent reads the other way round
            or _hangs_as_item(prev, cur, item_hangs)
        )
        # a wrapped item (ragged or justified) runs close to the edge, unlike a heading; a reference
        # may break early before a long DOI or URL, as any item does before a word that did not fit
        and (
            prev.x1 >= col[1] - 4 * size
            or bool(rules.reference_re and rules.reference_re.match(prev.text))
            or not _first_word_fits(prev, cur, prev.wrap_right or col[1])
        )
    )
    # a block set in from the column's edge (a lead beside a bar, an inset quote): its first line
    # fills the column and leaves its sentence open, and the next line starts where it did
    inset_wrap = (
        first
        and prev_indented
        and abs(cur.x0 - prev.x0) < INSET_SLACK_EM * cur.size
        and _fills_column(prev, col)
        and not ends_with_stop(prev.text)
    )
    if (
        cur_indented
        and (not prev_indented or first)
        and not hanging
        and not inset_wrap
        and not _centred_wrap(prev, cur, col)
    ):
        return True  # first-line indent (two indented lines in a row: a one-line paragraph above)
    # a title wrapped after its colon ("…Branch:" / "Collaborative…") goes on
    ends_sentence = ends_with_stop(prev.text) and not (
        prev.bold and cur.bold and prev.text.rstrip()[-1:] in ":："
    )
    short = prev.x1 < (prev.wrap_right or col[1]) - 1.6 * size
    set_apart = cur.row - prev.row > NUMBERED_GAP_PITCH * pitch
    if (
        own_pitch
        and (ends_sentence or short)
        and cur.row - prev.row > pitch + PARAGRAPH_SPACE_EM * size
        and not _wrap_at_leading(prev, cur, col, pitch)
    ):
        return True  # a paragraph set apart by space alone after one that ended or stopped short
    if lst and lst.match(cur.text) and (ends_sentence or short or set_apart or prev.text[-1:] in "；;"):
        # a numbered item or heading after a finished or short line, or set apart from the line
        # above by more than the leading (a heading under a heading that filled its line)
        return True
    heading_no = rules.heading_number_re
    if (
        heading_no
        and heading_no.match(cur.text)
        and short
        and cur.x1 < (cur.wrap_right or col[1]) - 1.6 * size
    ):
        return True  # a numbered section heading (2.1 …) under a short line: a heading under a heading
    if (
        (ends_sentence or short)
        and rules.heading_number_doubt(cur.text)
        and cur.x1 < (cur.wrap_right or col[1]) - 1.6 * size
        and not _CLAUSE_MARK.search(cur.text)
    ):
        # a numbered heading whose words open with a unit word ("2.2 万物互联…", beside "2.5 万亿
        # 元"): a short line holding no clause after a finished or short line stands alone; the
        # paper's heading numbers decide what it is (numbered_headings)
        return True
    if heading_no and heading_no.match(cur.text) and ends_sentence and not _CLAUSE_MARK.search(cur.text):
        # a numbered section heading under a paragraph whose last line filled the column: a journal
        # sets it with no space above it, in the body's type; its number after a finished sentence
        # and a line with no clause in it (a line going on with the paragraph has its commas) open it
        return True
    if rules.reference_re and rules.reference_re.match(cur.text):
        # every reference opens with its number; but a citation ([13]) that a paragraph's line
        # wrapped to the next line's start, under a line of no list that fills the column and
        # leaves its sentence open (…海洋学 / [13]和地震学…), goes on with it
        cited = (
            not rules.reference_re.match(opener.text)
            and not short
            and not ends_sentence
            and prev.text.rstrip()[-1:] not in CLOSING
        )
        if not cited:
            return True
    if cur.text.startswith(_opening_markers(rules)):
        return True  # 注：, 摘要：, 关键词： open their own block
    if _fields(opener, prev, cur, rules):
        return True  # a list of fields: each line that opens with its label is one
    if rules.reference_re and rules.reference_re.match(opener.text):
        return False  # a reference breaks early before a long DOI or URL; only the next number ends it
    # a line that stops short ends its paragraph, unless it stops mid-sentence (ragged-right text)
    # or the next line's first word would not have fitted in the room it left; a line ending its
    # sentence less short than that ends it too where the next line also stands further off than
    # the leading (paragraphs set apart by a little space, no indent: a deck's): three pieces of
    # evidence that agree, each of which a wrapped line lacks
    fits = _first_word_fits(prev, cur, prev.wrap_right or col[1])
    if measured and id(prev) in clear and _hand_break(prev, cur, col, clear, listing):
        return True  # a field or a name on a line of its own (a list of short lines)
    return (short or set_apart) and ends_sentence and fits


# A line whose ends stand within this many ems of the same distance from the column's edges is
# centred (a display line set on the column's axis).
CENTRED_SLACK_EM = 1.0

# A line ending in one of these leaves its phrase open: a clause goes on after a comma or an
# enumeration mark, a word after a hyphen or a name's middle dot, a bracket or quote opened waits
# for its close. A label ending in a colon hands its value to the next line.
_PHRASE_OPEN = "，、,·・-‐–—/（(《“‘「『〈[【：:"


def _centred(ln: Line, col: tuple[float, float]) -> bool:
    left = ln.x0 - (ln.wrap_left or col[0])
    right = (ln.wrap_right or col[1]) - ln.x1
    return left >= ln.size and abs(left - right) <= CENTRED_SLACK_EM * ln.size


def _centred_wrap(prev: Line, cur: Line, col: tuple[float, float]) -> bool:
    """cur is the last line of a paragraph set centred (an advert's slogan, a cover's line in two):
    prev stands on the column's axis (as far from both edges, a full line included), leaves its
    sentence open and had no room for cur's first word, and cur is centred under it. Its room on
    the left is the centring's, not a first-line indent."""
    left = prev.x0 - (prev.wrap_left or col[0])
    right = (prev.wrap_right or col[1]) - prev.x1
    return (
        abs(left - right) <= CENTRED_SLACK_EM * prev.size
        and _centred(cur, col)
        and not ends_with_stop(prev.text)
        and not _first_word_fits(prev, cur, prev.wrap_right or col[1])
    )


# A line leaving this share of its column's measure empty ends well short of it: no line breaker
# leaves that much room where the next word fits (a paragraph's lines cut early before a word kept
# whole, a bracketed term or a number, leave an em or three).
WELL_SHORT_SHARE = 0.25


def _well_short(ln: Line, col: tuple[float, float]) -> bool:
    left = ln.wrap_left or col[0]
    right = ln.wrap_right or col[1]
    return right - ln.x1 >= WELL_SHORT_SHARE * (right - left)


# A picture (a photo, a figure, its caption) in the room a line leaves, within this many of the
# line's heights above or under it, may be what cut the line short: a typesetter holds text a
# stand-off clear of it and may keep the narrowed measure a line or two past that (WRAP_REACH and
# the run-on of layout._wrap_runs_on), so the column's measure is not known there.
PICTURE_STANDOFF_LINES = 3.0


def _clear_of_pictures(ln: Line, col: tuple[float, float], pictures: tuple[BBox, ...]) -> bool:
    """No picture stands in the room between the line's end and its column's right edge, level
    with it or within PICTURE_STANDOFF_LINES of it: the column's full measure holds for this line,
    and a line that stops short of it was not stopped by a wrap no one marked."""
    reach = PICTURE_STANDOFF_LINES * ln.height
    return not any(
        p[0] < col[1] - 1 and p[2] > ln.x1 and p[1] - reach < ln.y1 and p[3] + reach > ln.y0 for p in pictures
    )


def _hand_broken(
    prev: Line, cur: Line, col: tuple[float, float], cur_measured: bool = True, listed: bool = False
) -> bool:
    """prev stops short with no sentence stop and the line breaker did not end it (cur's first
    word would have fitted in the room it left, checked by the caller): it was broken by hand, and
    a line broken by hand with its phrase closed is a field or a name of its own (a masthead's
    names one a line, a cover's or a notice's label-value lines). Not where the phrase is left
    open at the break (a comma, a hyphen, a colon), and not between two centred lines: display
    text set on the column's axis is broken by hand inside one sentence (a title in two lines).
    cur_measured: cur is clear of pictures, so its own shortness can be read against the column;
    listed: the column is a list of short lines, whose breaks are by hand wherever the next run fits."""
    end = prev.text.rstrip()[-1:]
    if not end or end in _PHRASE_OPEN or not (listed or _well_short(prev, col)):
        return False  # in a list of short lines a name stops short of the longest by any amount
    if not _run_fits(prev, cur, prev.wrap_right or col[1]):
        return False  # the line breaker moved the next line's first run down: a wrap
    if _centred(prev, col) and _centred(cur, col):
        return False
    # a list of short lines: the next line stops well short too (a name, a field); or Chinese on
    # both sides of the break, where a line breaker may cut between any two characters, so one
    # that stopped this early did not stop for want of room (a Latin run kept whole may: a title
    # set unbroken moves down whole and leaves its line short)
    return listed or (cur_measured and _well_short(cur, col)) or (is_cjk(end) and _cjk_bounded(cur.text))


def _fields(opener: Line, prev: Line, cur: Line, rules: Rules) -> bool:
    """cur opens a field of a list of fields: it and the first line of prev's block both open with a
    label (rules' field_label_pattern), from the same x, in one face, and prev leaves no phrase
    open: a list's repeated shape (a notice's or a masthead's contact lines), whatever the length
    of prev, which may be the list's longest line and so no shorter than the column's measure."""
    label = rules.field_label_re
    return (
        label is not None
        and bool(label.match(cur.text))
        and bool(label.match(opener.text))
        and abs(cur.x0 - opener.x0) < 0.5 * cur.size
        and _same_face(opener, cur)
        and prev.text.rstrip()[-1:] not in _PHRASE_OPEN
    )


def _hand_break(
    prev: Line, cur: Line, col: tuple[float, float], clear: frozenset[int], listing: tuple[float, bool] | None
) -> bool:
    """prev is short of the column's measure and broken by hand (_hand_broken). The measure is
    the column's longest line at least (a list of names set in a column as narrow as its longest
    name, beside the next, has no justified edge to read it from); in a list of short lines
    (listing[1]) the next line's first run fitting the room is evidence enough."""
    right, listed = listing if listing else (col[1], False)
    mcol = (col[0], max(col[1], right))
    size = max(prev.size, cur.size)
    if prev.x1 >= (prev.wrap_right or mcol[1]) - 1.6 * size:
        return False
    return _hand_broken(prev, cur, mcol, id(cur) in clear, listed)


# A column is a list of short lines (a masthead's names, a cover's or a notice's fields) when at
# least this share of its breaks between lines of one face, and LIST_MIN_BREAKS of them, are hand
# breaks on the strict evidence (the next line stops well short too, or the break falls between
# Chinese characters): the shape repeats.
LIST_SHARE = 0.4
LIST_MIN_BREAKS = 3

# A column has a justified edge where this many of its lines end within JUSTIFIED_SLACK pt of its
# right (as _full_line_end reads it).
JUSTIFIED_LINES = 3
JUSTIFIED_SLACK = 1.0


def _listing(lines: list[Line], col: tuple[float, float], clear: frozenset[int]) -> tuple[float, bool]:
    """The column's measure for hand breaks (_hand_break) and whether it is a list of short lines.
    A justified edge (JUSTIFIED_LINES lines ending at the column's right) is its measure; with none
    (a list of names), its longest line clear of pictures is the least the measure can be."""
    ends = [ln.x1 for ln in lines if id(ln) in clear]
    justified = sum(1 for x in ends if abs(x - col[1]) <= JUSTIFIED_SLACK) >= JUSTIFIED_LINES
    right = col[1] if justified else max([col[1], *ends])
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if _same_face(a, b) and id(a) in clear]
    strict = sum(1 for a, b in pairs if _hand_break(a, b, col, clear, (right, False)))
    return right, len(pairs) >= LIST_MIN_BREAKS and strict >= max(LIST_MIN_BREAKS, LIST_SHARE * len(pairs))


def _cjk_bounded(text: str) -> bool:
    """The run a line breaker keeps whole at the text's start (_KEPT_WHOLE) ends in a Chinese
    character, after which it may cut: its width is read exactly (李 / （西 / 款“Bolt”诞), unlike
    a Latin run's, which a typesetter may keep whole further (a title set unbroken)."""
    m = _KEPT_WHOLE.match(text.lstrip())
    run = m.group(0).rstrip("—…") if m else ""
    return bool(run) and is_cjk(run[-1])


# What a line breaker keeps together at a line's start: a run of Latin letters or digits (a year,
# a number with its decimals, a word), else one character; with the punctuation that may not open a
# line (，。；》…) after it.
_FIRST_WORD = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9.,:/%+\-]*|.)[，。、；：！？）》」』”’,.;:!?)\]]*")


def _em_units(text: str) -> float:
    """The width of text in ems, roughly: a Chinese character or full-width sign one em, anything
    else half of one. (Every character half an em, and the wide ones, extract.is_cjk's ranges
    counted in C, half an em more: the same sum, exactly, for halves add up without rounding.)"""
    return 0.5 * (len(text) + len(_CJK_WIDE.findall(text)))


_CJK_WIDE = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")  # extract.is_cjk


# What no line breaker parts, more widely than _FIRST_WORD: an opening bracket or quote with what
# follows it, a Latin or digit run through the marks inside it (示,2025 / 箱:name@host.org / a URL),
# the closing marks after it and a dash or ellipsis, which are not set apart from what precedes.
# A quotation mark is glued to both its neighbours (Unicode's line breaking class QU: no break
# before or after it where Latin stands on one side, nor in engines that keep the older rule
# anywhere): 款“Bolt”诞 goes down whole. Reading more as kept whole only ever says a line was cut
# for want of room, never that it was broken by hand.
_LATIN_RUN = r"[A-Za-z0-9][A-Za-z0-9.,:;/%+\-@_~#&=?*]*"
_QUOTES = "“”‘’\"'"
_KEPT_WHOLE = re.compile(
    rf"[（(《“‘「『〈〔\[【<*\"']*(?:{_LATIN_RUN}|.)"
    rf"(?:[，。、；：！？）》」』〉〕】>,.;:!?)\]*]+(?:{_LATIN_RUN})?|[{_QUOTES}]+(?:{_LATIN_RUN}|[^\s{_QUOTES}])?)*"
    r"[—…]*"
)

# The room a line broken by hand leaves beyond its next line's first run, in ems of that line's
# type: a run's width is read from its line's average measure, a run of wide Latin letters is
# wider than that reading, and a line breaker leaves no room it could have filled.
HAND_BREAK_SLACK_EM = 1.0


def _run_fits(prev: Line, cur: Line, right: float) -> bool:
    """Would cur's first run (_KEPT_WHOLE) have fitted after prev with an em to spare?"""
    m = _KEPT_WHOLE.match(cur.text.lstrip())
    units = _em_units(cur.text)
    if not m or units <= 0:
        return True
    run = _em_units(m.group(0)) * cur.width / units
    return right - prev.x1 >= run + HAND_BREAK_SLACK_EM * cur.size


def _first_word_fits(prev: Line, cur: Line, right: float) -> bool:
    """Would cur's first word have fitted at the end of prev? A line breaker moves a word down only
    when it does not fit: a line that stops short because a year or a Latin word after it did not
    fit (ragged CJK text whose digits are kept together) ends no paragraph. The word's width is
    read from cur's own measure (its width over its ems)."""
    m = _FIRST_WORD.match(cur.text.lstrip())
    units = _em_units(cur.text)
    if not m or units <= 0:
        return True
    word = _em_units(m.group(0)) * cur.width / units
    return right - prev.x1 >= word


def _summary_heading_line(text: str, rules: Rules) -> bool:
    """The line is a summary heading and nothing else ("Reading Summary", "Editor's Note:")."""
    found = rules.summary_heading(text.strip())
    return found is not None and not text.strip()[found[1] :].strip(" :：-—")


def _chinese_then_english(prev: str, cur: str) -> bool:
    """A Chinese sentence ends the line and the next line is an English sentence opening, with no
    Chinese in it: the script changes at a sentence end (a reference's Latin tail is no sentence)."""
    return (
        prev.rstrip()[-1:] in "。！？”"
        and bool(CJK_CHARS.search(prev))
        and not CJK_CHARS.search(cur)
        and bool(re.match(r"[A-Z][a-z]", cur.strip()))
    )


CJK_CHARS = re.compile(r"[\u4e00-\u9fff]")  # "目录 CONTENTS" is a Chinese title with its English

# A line that starts this share of its column's width in from the left edge and runs to the right
# edge is set flush right (a byline or signature at an article's end), not a paragraph's first line.
FLUSH_RIGHT_INSET = 0.4


def _flush_right(ln: Line, col: tuple[float, float]) -> bool:
    left = ln.wrap_left or col[0]
    right = ln.wrap_right or col[1]
    return ln.x0 - left >= FLUSH_RIGHT_INSET * (right - left) and ln.x1 >= right - ln.size


def _byline_line(text: str, rules: Rules) -> bool:
    """The line reads as a byline by the publication's own patterns ("作者：…", "文 / …")."""
    return any(p.match(text.strip()) for p in rules.byline_res)


def _is_marked(text: str, rules: Rules) -> bool:
    """The line opens a list item, a reference or a note: its next lines may hang under the text.
    (Asked of every line, some lines several times: the note markers as one tuple for startswith.)"""
    if text.startswith(rules.derived("paragraphs:note_markers", lambda r: tuple(r.markers("note")))):
        return True
    item, reference = rules.list_item_re, rules.reference_re
    return bool((item is not None and item.match(text)) or (reference is not None and reference.match(text)))


def _join_lines(lines: list[Line], vocab: set[str] | None = None) -> str:
    text = ""
    for ln in lines:
        text = join_fragments(text, ln.text, vocab)
    return text


_HYPHEN_END = re.compile(r"([A-Za-z]+)[-\u2010]$")
# a soft hyphen (U+00AD): where an engine that marks its own breaks (Typst) broke a word at a line
# end; never a compound's hyphen, and no reader sees it anywhere else
SOFT_HYPHEN = "\u00ad"
# the Unicode hyphen (U+2010): WeasyPrint's mark for the breaks it makes (its hyphenate-character);
# where an issue prints it only at line ends, never inside a line, it marks its engine's own
# word breaks as a soft hyphen does (EnglishWords.marks)
UNICODE_HYPHEN = "\u2010"
_BREAKS = ("-", UNICODE_HYPHEN, SOFT_HYPHEN)  # what a line may end in where a word goes on
_WORD_END = re.compile(r"([A-Za-z]+)$")


_WORD_START = re.compile(r"^([a-z]+)")
# a number's hyphen at a line end: a compound's or a range's, never a word's broken syllable
_NUMBER_HYPHEN_END = re.compile(r"(?<![A-Za-z])\d+-$")


# a token no space can be part of: a web address or a DOI ("https://…", "www.…", "doi:…", "10.1000/…")
_UNSPACED_TOKEN = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|doi:|DOI:|\b10\.\d{4,9}/)[^\s\u3000-\u9fff\uff00-\uffef]*$"
)
# the longest such token looked for at a line's end
TOKEN_MAX_CHARS = 160
# characters no web address or DOI ends with: the line ended inside it ("10.12677/" | "ar.2025…")
_TOKEN_GOES_ON = "/_-?=&#%~:@+"
# characters only inside such a token, never in a word opening the next line ("c" | "om/>")
_TOKEN_INSIDE = re.compile(r"^[^\s\u3000-\u9fff\uff00-\uffef]*?(?:[/=&?#%_~@]|\.[A-Za-z0-9])")


# digits opening a line that a web address or DOI may go on with: a token that ends at a space,
# at the text's end, or at a closing mark, with no Chinese run into it ("84." but not "2025年")
_TOKEN_DIGITS = re.compile(r"^\d[^\s\u3000-\u9fff\uff00-\uffef]*(?:\s|[\u3000-\u303f\uff00-\uffef]|$)")


def _inside_token(left: str, right: str) -> bool:
    """The line end falls inside a web address or DOI broken where the line was full: the text
    before it ends such a token, and the token cannot end there (with a slash, a hyphen, a dot
    before a lowercase letter or digit) or the next line opens with what only such a token holds
    ("…niepublish.c" | "om/>", "10.12677/" | "ar.2025.126084."), or digits run on over it
    ("…ar.2025.1260" | "84.": a space never parts a token's run of digits). A sentence's stop then a capital,
    or a word of its own, begins a new token: the space stays."""
    # (join_fragments passes only the text's end: left is the paragraph so far, and a search
    # through all of it at every line would make joining a paragraph quadratic in its length)
    m = _UNSPACED_TOKEN.search(left)
    if not m or not right[:1].isascii() or not right[:1].strip():
        return False
    last, first = left[-1], right[0]
    if last in _TOKEN_GOES_ON:
        return True
    if last == ".":
        return first.islower() or first.isdigit()
    if last.isdigit() and first.isdigit():
        # digits on both sides: one run of them cut where the line was full ("1260" | "84."), unless
        # the next line's digits run into words (…/2025 | 2025年发布: a year after the address)
        return bool(_TOKEN_DIGITS.match(right))
    return last.isalnum() and bool(_TOKEN_INSIDE.match(right))


def join_fragments(left: str, right: str, vocab: set[str] | None = None) -> str:
    """Join line or paragraph pieces; undo line-end hyphenation only where the word is hyphenated;
    no space inside a web address or DOI broken at the line end (_inside_token)."""
    last = left[-1:]
    # (a cheap test first: a token's end is ASCII, and only a window holding a slash, a colon or
    # "www." can hold one; most lines joined are Chinese or plain words)
    if last.isascii() and (last in _TOKEN_GOES_ON or last.isalnum() or last == "."):
        window = left[-TOKEN_MAX_CHARS:]
        if ("/" in window or ":" in window or "www." in window) and _inside_token(window, right):
            return left + right
    # the pattern is searched only where it can match, a hyphen at the end (`$` also before a
    # final newline): left is the paragraph so far, and a search through all of it at every line
    # made joining a paragraph's lines quadratic in its length
    if left.endswith(SOFT_HYPHEN) or (left[-1:] and left[-1] in getattr(vocab, "marks", ())):
        # a word the engine broke at a line end, and said so: it goes on, unmarked
        return left[:-1] + right if right[:1].isalnum() else join_text(left[:-1], right)
    m = _HYPHEN_END.search(left) if left.endswith(("-", "-\n", UNICODE_HYPHEN)) else None
    n = _WORD_START.match(right)
    if m and n:
        whole, compound = m.group(1) + n.group(1), m.group(1) + "-" + n.group(1)
        # research-|manufacturing-application: a compound; but not in-|novation-driven, a word the
        # issue prints whole ("innovation") broken inside the compound's first part
        chain = right[n.end() : n.end() + 1] == "-" and (vocab is None or whole.lower() not in vocab)
        if chain or (vocab is not None and whole.lower() not in vocab and _keeps_hyphen(vocab, compound)):
            return left + right
        return left[:-1] + right
    if m and right[:1].isupper() and right[:1].isascii():
        return left + right  # Five-|Year: hyphenation never breaks before a capital, a compound's hyphen does
    if not m and _NUMBER_HYPHEN_END.search(left[-8:]) and right[:1].isascii() and right[:1].isalnum():
        return left + right  # 365-|day, 10-|trillion-yuan, 2025-|2026: no syllable of a number is hyphenated
    return join_text(left, right)


def _keeps_hyphen(vocab: set[str], compound: str) -> bool:
    """A line-end hyphen the issue does not print the word run together for is a compound's: the
    issue prints the compound or its parts (_compound_in), or, where it prints neither, it is an
    issue that breaks no word at a hyphen of its own (EnglishWords.hyphenates False: a browser or
    Typst setting English unhyphenated, whose line-end hyphens are all compounds' ("long-|termism",
    "business-|friendly"), while TeX's "in-|novating" comes with breaks it can tell)."""
    if _compound_in(vocab, compound) or getattr(vocab, "hyphenates", None) is False:
        return True
    # where the issue's own word breaks all stand where the hyphenation patterns allow one (TeX's,
    # LibreOffice's, a browser's: h1's 106 of 106), a break the patterns never make in the word run
    # together is a compound's hyphen (h1's "job-|related", "early-|stage", "four-|layer")
    head, _, tail = compound.partition("-")
    patterns = getattr(vocab, "patterns", ())
    return bool(patterns) and not any(_patterns_allow(lang, head + tail, len(head)) for lang in patterns)


# the English hyphenation patterns an issue's engine may have used (pyphen's, LibreOffice's from TeX)
PATTERN_LANGS = ("en_US", "en_GB")


@lru_cache(maxsize=2)
def _hyphenator(lang: str):
    import pyphen  # (hyphenation patterns shipped offline; loaded only for an issue that hyphenates)

    return pyphen.Pyphen(lang=lang)


@lru_cache(maxsize=8192)
def _patterns_allow(lang: str, word: str, at: int) -> bool:
    """These hyphenation patterns allow a break in the word at this offset."""
    return at in _hyphenator(lang).positions(word.lower())


def _compound_in(vocab: set[str], compound: str) -> bool:
    """The issue prints this compound with its hyphen mid-line; or, when it prints neither the
    compound nor the word run together anywhere, it prints the second part as a word of its own
    and the first part as a word or as the first word of other compounds (high-quality, high-end):
    military-|civilian and high-|potential are compounds broken at their hyphen, not words
    hyphenated, whose parts (in-|novating, ten-|dency) are no words (_english_vocab leaves the
    fragments of line-end breaks out)."""
    low = compound.lower()
    if low in vocab:
        return True
    head, _, tail = low.partition("-")
    return tail in vocab and (head in vocab or head + "-" in vocab)


def make_block(lines: list[Line], col_idx: int, col: tuple[float, float], box_id: int | None = None) -> Block:
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
    right = last.wrap_right or col[1]  # a photo beside the last line moves its edge
    long_last = last.x1 - col[0] >= 0.6 * (right - col[0])
    reaches_edge = last.x1 >= right - 1.2 * last.size or (
        long_last and last.text.rstrip()[-1:] not in CLOSING
    )
    return Block(
        role=Role.PARAGRAPH,
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


# A line starting this many of the column's type sizes left of where the column's other lines
# start stands in the margin, not at the column's edge ...
MARGIN_LINE_EM = 4.0
# ... when there are at most this many such lines; and the lines right of them show an edge: at
# least this many of them start at one place (within EDGE_SLACK_PT), as a column's lines do (lines
# set flush right, a contents page's issue line, share none)
MARGIN_LINES_MAX = 2
MARGIN_TEXT_LINES = 2
EDGE_SLACK_PT = 0.5


def _text_start(lines: list[Line], left: float) -> float:
    """Where the column's lines start. The column's extent reaches as far as any glyph of it: a
    line or two standing far out in the margin (a note beside the text, a line at the page's foot
    set off to the left or upside down, a printer's slug), among these lines or elsewhere in the
    column, would make every line of the text look indented, and each line would open a
    paragraph. The edge is where the leftmost of these lines starts, the margin's few lines set
    aside, when that is more than MARGIN_LINE_EM type sizes right of the extent and at least
    MARGIN_TEXT_LINES lines start there."""
    starts = sorted(ln.x0 for ln in lines if ln.text.strip())
    if len(starts) < MARGIN_TEXT_LINES:
        return left
    size = median(ln.size for ln in lines)
    first = starts[0]
    for k in range(1, min(MARGIN_LINES_MAX, len(starts) - MARGIN_TEXT_LINES) + 1):
        if starts[k] - starts[k - 1] > MARGIN_LINE_EM * size:
            first = starts[k]
            break
    at_edge = sum(1 for x in starts if abs(x - first) <= EDGE_SLACK_PT)
    return first if first - left > MARGIN_LINE_EM * size and at_edge >= MARGIN_TEXT_LINES else left


def _full_line_end(lines: list[Line], right: float) -> float:
    """Where the column's full lines end. The column's extent reaches as far as any glyph, and
    punctuation hung in the margin reaches up to an em past the justified edge; a line that stops
    there is full, not short. The edge is where most lines end, if that is within reach of the
    extent (ragged text has no such place and keeps its extent)."""
    ends = Counter(round(ln.x1) for ln in lines if ln.text)
    size = median(ln.size for ln in lines)
    near = [(n, x) for x, n in ends.items() if x >= right - 1.5 * size]
    n, edge = max(near, default=(0, right))
    return float(edge) if n >= 3 else right


# A line stands at a hang when its left edge is within this many of its type sizes of it; a
# marked line's next line hangs only when it starts further right than that (a wrapped heading
# 五、… whose second line starts where it starts, 4e-6 pt right in the floats, hangs nothing: read
# as a hang of nought, every flush paragraph of its column became an unmarked list item)
HANG_TOLERANCE = 0.25


def hang_offsets(lines: list[Line], rules: Rules, size: float) -> list[float]:
    """How far right of its number each marked item (a reference, a list item, a note) of these
    lines set in this type size hangs its wrapped lines: one offset per item whose next line
    hangs, in order."""
    return [
        b.x0 - a.x0
        for a, b in zip(lines, lines[1:], strict=False)
        if abs(a.size - size) < 0.05 * size
        and abs(b.size - size) < 0.05 * size
        and _is_marked(a.text, rules)
        and not _is_marked(b.text, rules)
        and HANG_TOLERANCE * size < b.x0 - a.x0 <= 3.5 * size
    ]


def item_hangs(lines: list[Line], rules: Rules) -> tuple[tuple[float, float], ...]:
    """(x of the marker, x of the wrapped lines) of each marked item of these lines whose next
    line hangs under its text: where this column's list sets an item and hangs its lines."""
    return tuple(
        (a.x0, b.x0)
        for a, b in zip(lines, lines[1:], strict=False)
        if abs(a.size - b.size) < 0.05 * a.size
        and _is_marked(a.text, rules)
        and not _is_marked(b.text, rules)
        and HANG_TOLERANCE * a.size < b.x0 - a.x0 <= 3.5 * a.size
    )


def _hangs_as_item(first: Line, nxt: Line, hangs: tuple[tuple[float, float], ...]) -> bool:
    """first stands where some marked item of the column stands and nxt where that item's wrapped
    lines hang (HANG_TOLERANCE), and neither is marked: an unmarked item of the list, wrapped."""
    tol = HANG_TOLERANCE * first.size
    return any(abs(first.x0 - mx) < tol and abs(nxt.x0 - hx) < tol for mx, hx in hangs)


def unmarked_items(blocks: list[Block], rules: Rules) -> None:
    """A paragraph of a column whose lines hang as the column's marked items hang theirs (its first
    line where their markers stand, every other line where their wrapped lines do) is an item of
    that list printed without a marker (一、… 二、… then 具体事项由…, wrapped under the items' text):
    a list item. One line alone shows no hang and stays a paragraph."""
    hangs = item_hangs([ln for b in blocks for ln in b.lines], rules)
    for blk in blocks:
        if (
            blk.role == Role.PARAGRAPH
            and len(blk.lines) >= 2
            and not _is_marked(blk.text, rules)
            and all(_hangs_as_item(blk.lines[0], ln, hangs) for ln in blk.lines[1:])
        ):
            blk.role = Role.LIST_ITEM


def _numbered(text: str, rules: Rules) -> bool:
    """The text opens with an item's or a section heading's number (一、 （二） 1. 2.1)."""
    text = text.strip()
    return _is_marked(text, rules) or any(
        r is not None and r.match(text) for r in (rules.list_item_re, rules.heading_number_re)
    )


def listed_entries(
    blocks: list[Block], col: tuple[float, float], rules: Rules, pictures: tuple[BBox, ...] = ()
) -> None:
    """Short blocks read as headings (big type, a line or two) that hand breaks part from each
    other in one face are the entries of a list of short lines (a masthead's names set in big
    type, one a line), not headings: a heading stands over text, not over another heading set
    just as it is, unless their numbers tell two levels."""
    lines = [ln for b in blocks for ln in b.lines]
    if not lines:
        return
    col = (col[0], _full_line_end(lines, col[1]))
    clear = {id(ln) for ln in lines if _clear_of_pictures(ln, col, pictures)}
    if not any(_fills_column(ln, col) for ln in lines if id(ln) in clear):
        return  # the column's measure is not read from print (as in paragraphs)
    listed: set[int] = set()
    for i, (a, b) in enumerate(zip(blocks, blocks[1:], strict=False)):
        prev, cur = a.lines[-1], b.lines[0]
        size = max(prev.size, cur.size)
        short = prev.x1 < (prev.wrap_right or col[1]) - 1.6 * size
        # a heading over its text, or numbered headings of two levels (五、… then （一）…)
        both = a.role == b.role == Role.HEADING and not any(_numbered(x.text, rules) for x in (a, b))
        if (
            both
            and _same_face(prev, cur)
            and short
            and id(prev) in clear
            and _hand_broken(prev, cur, col, id(cur) in clear)
        ):
            listed |= {i, i + 1}
    listed |= _label_value_entries(blocks, rules, listed)
    for i in listed:
        blocks[i].role = Role.ENGLISH if blocks[i].lang == "en" else Role.PARAGRAPH


# A run of one-line blocks read as headings whose faces alternate, label, value, label, value, at
# least this many blocks long, is a list of labelled entries (a masthead's 值班编辑 / 于雪晶 / 英文编辑
# / 任 蓓, the names a size bigger than their labels).
LABEL_VALUE_BLOCKS = 4


def _label_value_entries(blocks: list[Block], rules: Rules, listed: set[int]) -> set[int]:
    """The values of runs of label and value blocks, each read as a heading (big type, one line),
    the two faces alternating with no text between (LABEL_VALUE_BLOCKS at least): a heading stands
    over text, and a second heading under a heading, both in faces that take turns down the
    column, is the first one's value. The run's first block is a label. Numbered headings of two
    levels (五、… then （一）…) are headings, and so are entries of a list already found (listed)."""
    got: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= LABEL_VALUE_BLOCKS:
            got.update(run[1::2])
        run.clear()

    for i, b in enumerate(blocks):
        single = (
            b.role == Role.HEADING and len(b.lines) == 1 and i not in listed and not _numbered(b.text, rules)
        )
        if not single:
            close()
            continue
        if run:
            last = blocks[run[-1]].lines[0]
            alternates = not _same_face(last, b.lines[0]) and (
                len(run) < 2 or _same_face(blocks[run[-2]].lines[0], b.lines[0])
            )
            if not alternates:
                close()
        run.append(i)
    close()
    return got


def _carried_hang(lines: list[Line], col: tuple[float, float], rules: Rules) -> float | None:
    """The x of the column's first line when it is the rest of a marked item carried over from
    the column or page before: it opens with no number of its own, indented by just the offset at
    which the column's own marked items, in its type size, hang their wrapped lines. A first-line
    indent would read the same; the items' hang in this very column is the evidence that parts
    them (a reference list's next entry after a long DOI cut by the page turn)."""
    top = lines[0]
    if _is_marked(top.text, rules):
        return None
    inset = top.x0 - (top.wrap_left or col[0])
    offsets = hang_offsets(lines, rules, top.size)
    if inset > 0 and any(abs(inset - o) < HANG_TOLERANCE * top.size for o in offsets):
        return top.x0
    return None


def paragraphs(
    lines: list[Line],
    col_idx: int,
    col: tuple[float, float],
    rules: Rules,
    box_id=None,
    pictures: tuple[BBox, ...] = (),
) -> list[Block]:
    """The column's lines as blocks; pictures: the page's photos, figures and captions, near
    which the column's measure is not read (_clear_of_pictures)."""
    if not lines:
        return []
    col = (_text_start(lines, col[0]), _full_line_end(lines, col[1]))
    pitch = _pitch(lines, col)
    pitches = _pitches(lines, col)
    hang = _carried_hang(lines, col, rules)
    hangs = item_hangs(lines, rules)
    top_x = lines[0].x0
    clear = frozenset(id(ln) for ln in lines if _clear_of_pictures(ln, col, pictures))
    measured = any(_fills_column(ln, col) for ln in lines if id(ln) in clear)
    listing = _listing(lines, col, clear) if measured else None
    blocks, cur = [], [lines[0]]
    for ln in lines[1:]:
        # only while the column's first block hangs whole (a paragraph's first-line indent has
        # the next line back at the edge)
        carried = hang if cur[0] is lines[0] and all(abs(c.x0 - top_x) < 0.5 for c in cur) else None
        own = _size_key(ln) in pitches and _size_key(cur[-1]) == _size_key(ln)
        if _starts_block(
            cur[-1],
            ln,
            col,
            _pitch_of(ln, pitches, pitch),
            rules,
            cur[0],
            carried,
            hangs,
            own,
            measured,
            clear,
            listing,
        ):
            blocks.append(make_block(cur, col_idx, col, box_id))
            cur = [ln]
        else:
            cur.append(ln)
    blocks.append(make_block(cur, col_idx, col, box_id))
    return blocks


def role_of(block: Block, body: float, rules: Rules, in_wide_band: bool, ink: int | None = None) -> str:
    text = block.text.strip()
    if block.box_id is not None:
        if rules.summary_kind(text):
            return Role.SUMMARY
        for kind in (Role.BIO, Role.AFTERWORD):
            if any(text.startswith(m) for m in rules.markers(kind)):
                return kind
        if block.lang == "zh" and rules.bio_re and rules.bio_re.match(text):
            return Role.BIO
        return Role.SUMMARY if block.lang == "en" else Role.BOX
    if any(p.match(text) for p in rules.byline_res) and len(text) < 60:
        return Role.BYLINE
    if len(block.lines) == 1 and is_section_label(text, rules):
        return Role.SECTION
    if text.startswith(("——", "—")) and len(text) < 80 and block.lang == "zh":
        return Role.SUBTITLE
    if rules.summary_kind(text) and len(text) < 40:
        return Role.SUMMARY_HEADING
    size = block.size
    if in_wide_band or size >= 1.45 * body:
        if size >= 1.45 * body and (block.lang == "zh" or len(CJK_CHARS.findall(text)) >= 2):
            # a big bare number (a folio in the contents, a statistic) is not a title
            return Role.TITLE if len(LETTERS.findall(text)) >= 2 else Role.OTHER
        if block.lang == "en":
            # the English title: body size or more, or set bold (a standfirst is not)
            return Role.TITLE_EN if (size >= body * 0.98 or block.bold) and len(text) < 300 else Role.DECK_EN
        if (kind := _marked_kind(text, rules)) is not None:
            return kind  # a bio across the page under the title is named by its label, not a deck
        if any(text.startswith(m) for m in rules.markers(Role.NOTE)):
            # a note across the page (the author's note carried alone to the top of a page,
            # （作者系…）; a table's 注：) is named by its marker: a deck opens with no label
            return Role.NOTE
        return Role.DECK if len(text) > 20 else Role.OTHER
    if any(text.startswith(m) for m in rules.markers(Role.NOTE)):
        return Role.NOTE
    if (kind := _marked_kind(text, rules)) is not None:
        return kind
    if rules.reference_re and rules.reference_re.match(text):
        return Role.REFERENCE
    short = (  # narrow columns wrap headings; a heading is a phrase: no sentence ends inside it (text
        # in a size above the body's cut by a column end, "…应用。本期…标准化", is a paragraph's)
        len(text) <= 48
        and len(block.lines) <= 3
        and text[-1:] not in "。；;，,"
        and not _STOP_INSIDE.search(text[:-1])
    )
    coloured = ink is not None and block.lines[0].color != ink and block.lang == "zh" and size >= 0.98 * body
    if short and (size >= 1.06 * body or block.bold or coloured):
        return Role.HEADING
    numbered = (rules.heading_number_re and rules.heading_number_re.match(text)) or (
        # a heading's number a unit word follows that nothing confirms as its unit: a heading by
        # its shape, one line; the paper's heading numbers decide (numbered_headings)
        len(block.lines) == 1 and rules.heading_number_doubt(text)
    )
    if (
        short
        and numbered
        and size >= 0.98 * body
        and (len(block.lines) == 1 or not _CLAUSE_MARK.search(text))
    ):
        # a journal's numbered section heading set in the body's type (2.1 …, 3.1.3 …); wrapped
        # over two or three lines when it holds no clause (a short numbered paragraph has its commas)
        return Role.HEADING
    if rules.list_item_re and rules.list_item_re.match(text):
        return Role.LIST_ITEM
    if block.lang == "en":
        return Role.ENGLISH
    return Role.PARAGRAPH


# the marks that part a sentence's clauses or end it: a heading is a phrase and holds none
_CLAUSE_MARK = re.compile(r"[，。；！？,;!?]")
_STOP_INSIDE = re.compile(r"。")  # (！ and ？ may: "成功验证！中国团队…")


def _marked_kind(text: str, rules: Rules) -> str | None:
    """Bio or afterword, when the text opens with the label that names it (专家小传, 编后) printed
    without a frame."""
    for kind in (Role.BIO, Role.AFTERWORD):
        if any(text.startswith(m) for m in rules.markers(kind)):
            return kind
    return None


def is_section_label(text: str, rules: Rules) -> bool:
    """A section label is the section's name and little else ("聚焦 Focus"), not a sentence."""
    sec = rules.section_for(text)
    return (
        bool(sec)
        and len(re.sub(r"\s", "", text)) <= len(re.sub(r"\s", "", sec.get("zh", "") + sec.get("en", ""))) + 3
    )


LETTERS = re.compile(r"[\u4e00-\u9fffA-Za-z]")


# Lines at the body's size a full-width run needs before its paragraphs are cut as a column's.
WIDE_BODY_LINES = 3

# The widest step (baseline to baseline, in ems of the type) at which a paragraph's wrapped line is
# still set under the line before it: a double-spaced paper (a manuscript as submitted) sets its
# lines 2.4 ems apart, space that reads as a gap under lines set solid.
WIDE_WRAP_MAX_STEP_EM = 3.0
# ...and the line before it starts at the band's left edge or a first-line indent no deeper than
# this (ems): a byline set flush right ("■ 达理", "文｜张超 白岑") over a deck ends at the band's edge
# too, and is no line of the deck's paragraph
WIDE_WRAP_MAX_INDENT_EM = 4.0


def _wraps_on(prev: Line, cur: Line, col: tuple[float, float], body: float) -> bool:
    """cur is the next line of prev's paragraph, however far below it: both at the body's size,
    prev running to the band's right edge with its sentence open and cur back at its left edge,
    a step no wider than WIDE_WRAP_MAX_STEP_EM (a paragraph of a double-spaced page set across it,
    whose every line stood apart from the next by more than the gap that parts blocks)."""
    return (
        body > 0
        and abs(prev.size - body) < 0.05 * body
        and abs(cur.size - body) < 0.05 * body
        and _fills_column(prev, col)
        and prev.x0 - col[0] <= WIDE_WRAP_MAX_INDENT_EM * body  # prev spans the band, from its indent
        and not ends_with_stop(prev.text)
        and abs(cur.x0 - col[0]) < 0.5 * cur.size
        and 0 < cur.row - prev.row <= WIDE_WRAP_MAX_STEP_EM * body
    )


def wide_blocks(lines: list[Line], rules: Rules | None = None, body: float = 0.0) -> list[Block]:
    """Full-width lines: split where size, weight or language changes, or the spacing opens."""
    col = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    blocks, cur = [], [lines[0]]
    for ln in lines[1:]:
        p = cur[-1]
        if (
            abs(p.size - ln.size) > 0.1 * max(p.size, ln.size)
            or p.bold != ln.bold
            or lang_of(p.text) != lang_of(ln.text)
            or (ln.y0 - p.y1 > 0.9 * ln.size and not _wraps_on(p, ln, col, body))
            or ln.text.startswith(("——", "文/", "文 /"))
        ):
            blocks.append(make_block(cur, -1, col))
            cur = [ln]
        else:
            cur.append(ln)
    blocks.append(make_block(cur, -1, col))
    if rules is not None and body:
        # full-width text at the body's size in several lines is body text set across the page (a
        # one-column article on a page whose other article has columns): its paragraphs are told
        # apart as a column's are, by indent and short last lines; and so is a list set across the
        # page in one type at any size (a reference list over a round-up's columns): its entries
        # by their numbers
        blocks = [
            piece
            for b in blocks
            for piece in (
                # measured from its own lines' edges: the band also holds the title area, set
                # further out than a deck in a frame (its left bar, its padding)
                paragraphs(b.lines, -1, (min(ln.x0 for ln in b.lines), max(ln.x1 for ln in b.lines)), rules)
                if (
                    len(b.lines) >= WIDE_BODY_LINES
                    and all(abs(ln.size - body) < 0.05 * body for ln in b.lines)
                )
                or _wide_list(b.lines, rules)
                else [b]
            )
        ]
    for b in blocks:
        b.open_end = False
    return blocks


def _wide_list(lines: list[Line], rules: Rules) -> bool:
    """Full-width lines that are a list: at least WIDE_LIST_ENTRIES of them open a marked entry (a
    reference's [n], a list item's number), all flush at one left edge, in one size."""
    left = min(ln.x0 for ln in lines)
    marked = [ln for ln in lines if _is_marked(ln.text, rules) and ln.x0 - left < 0.5 * ln.size]
    size = lines[0].size
    return len(marked) >= WIDE_LIST_ENTRIES and all(abs(ln.size - size) < 0.05 * size for ln in lines)


# Marked entries that make a full-width run a list to be cut at its numbers
WIDE_LIST_ENTRIES = 2


class EnglishWords(set):
    """The words an issue prints in its English lines (_english_vocab), and its habit at line ends:
    `hyphenates` True where it breaks a word at a hyphen of its own (a line-end break whose word the
    issue prints whole elsewhere, its compound nowhere), False where it does not (no such break,
    and at least HABIT_MIN_COMPOUNDS line-end breaks the issue shows are compounds: printed with
    their hyphen mid-line, or their parts printed as words; or no more line-end breaks than its
    compounds explain: _breaks_explained), None where its breaks do not say."""

    hyphenates: bool | None = None
    # the hyphenation patterns (PATTERN_LANGS) under which every one of the word breaks (a
    # word broken at a line end that it prints whole elsewhere), at least PATTERNS_MIN_BREAKS of
    # them, stands where a break is allowed: its engine hyphenates by them, and a break none of
    # them makes is a compound's. Empty where the breaks are too few or fit no patterns.
    patterns: tuple[str, ...] = ()
    # characters the engine marks its own word breaks with at a line end, besides the soft
    # hyphen (_break_marks): such a break is a word going on, and its "-" breaks are compounds'
    marks: tuple[str, ...] = ()


# line-end breaks that must be a compound's, and none a word's, for an issue to break only compounds
HABIT_MIN_COMPOUNDS = 2
# English lines within blocks an issue must print before its count of line-end breaks says whether
# it breaks words: an engine hyphenating English breaks one line in twenty to one in four (TeX 24-35%
# in columns, the classic sample's hyphenated English 6%), so fifty lines show it
HABIT_MIN_LINES = 50
# how far the breaks may exceed the count its compounds explain, in standard deviations of that
# count (a Poisson count: measured, engines breaking only compounds stay within 0.7 of them, and
# engines hyphenating words go 5 and more over)
HABIT_BREAK_SIGMAS = 2.0


@dataclass
class LineEnds:
    """What an issue's English lines within blocks show at their ends and inside them."""

    lines: int = 0  # line ends inside a block (a block's last line ends no break)
    breaks: int = 0  # of them, ending in a hyphen
    soft: int = 0  # of them, ending in a soft hyphen (the engine marks its own word breaks so)
    spaces: int = 0  # word spaces inside lines: places a line could end at
    hyphens: int = 0  # compounds' hyphens inside lines: places a line could end at, keeping the hyphen


def _breaks_explained(ends: LineEnds) -> bool:
    """The issue's line-end hyphens are no more than its compounds explain: a line ends at a
    compound's own hyphen about as often as a compound's hyphen stands among the places a line may
    end (word spaces and compounds' hyphens, counted inside its lines), so an engine breaking only
    compounds (a browser or Typst setting English unhyphenated) ends about lines x hyphens / places
    lines in a hyphen, and one hyphenating words many more (h1's TeX: 154 for 14 explained)."""
    if ends.lines < HABIT_MIN_LINES or not ends.breaks:
        return False
    explained = ends.lines * ends.hyphens / max(1, ends.hyphens + ends.spaces)
    return ends.breaks <= explained + HABIT_BREAK_SIGMAS * math.sqrt(explained) + 1


# word breaks an issue must show, every one where the patterns allow it, before the patterns decide
# its other breaks (one that a synthetic typesetter's own rule made tells no more than a coin: the
# classic sample's tricky rendition, 17 of 22)
PATTERNS_MIN_BREAKS = 5


def _patterns_fit(vocab: set[str], breaks: list[tuple[str, str]]) -> tuple[str, ...]:
    """EnglishWords.patterns from the issue's own line-end breaks (head, tail) within blocks."""
    words = [(h, t) for h, t in breaks if (h + t) in vocab and f"{h}-{t}" not in vocab]
    if len(words) < PATTERNS_MIN_BREAKS:
        return ()
    return tuple(
        lang for lang in PATTERN_LANGS if all(_patterns_allow(lang, h + t, len(h)) for h, t in words)
    )


def _hyphen_habit(
    vocab: set[str], breaks: list[tuple[str, str]], ends: LineEnds | None = None
) -> bool | None:
    """EnglishWords.hyphenates from the issue's own line-end breaks (head, tail) within blocks."""
    compounds = 0
    for head, tail in breaks:
        if (head + tail) in vocab and f"{head}-{tail}" not in vocab:
            return True
        if (head + tail) not in vocab and _compound_in(vocab, f"{head}-{tail}"):
            compounds += 1
    if compounds >= HABIT_MIN_COMPOUNDS or (ends is not None and (ends.soft > 0 or _breaks_explained(ends))):
        return False  # (an engine marking its word breaks with soft hyphens prints the hyphens it ends on)
    return None


# a space between two words inside a line, and a compound's hyphen between two letters
_WORD_SPACE = re.compile(r"[A-Za-z,.;:)\"'] +[A-Za-z(\"']")
_MID_HYPHEN = re.compile(r"[A-Za-z]-[A-Za-z]")


def _break_marks(pages: list[PageLayout]) -> tuple[str, ...]:
    """EnglishWords.marks: the Unicode hyphen, where the issue's English lines end in it and none
    holds it inside (WeasyPrint's hyphenate-character: "re\u2010|lated" in "job-re\u2010|lated")."""
    ends = inside = 0
    for p in pages:
        for b in p.blocks:
            if b.lang == "en":
                for ln in b.lines:
                    text = ln.text.rstrip()
                    ends += text.endswith(UNICODE_HYPHEN)
                    inside += UNICODE_HYPHEN in text[:-1]
    return (UNICODE_HYPHEN,) if ends and not inside else ()


def _english_vocab(pages: list[PageLayout]) -> EnglishWords:
    """The words the issue prints inside its English lines (a compound's hyphen mid-line is its
    own): read line by line, never from block texts, whose line-end hyphens were already undone
    without this vocabulary ("innovation-|driven" read as "innovationdriven" would vouch for
    itself). A word broken at a line-end hyphen is two fragments, both left out. Each compound's
    first word is in it with its hyphen too ("high-" for high-quality: _compound_in)."""
    vocab = EnglishWords()
    breaks: list[tuple[str, str]] = []  # (head, tail) of each line-end hyphen inside a block
    ends = LineEnds()
    vocab.marks = _break_marks(pages)
    for p in pages:
        for b in p.blocks:
            if b.lang == "en":
                broken = soft = False  # the line above ended in a hyphen: this line opens with the rest
                head = ""
                ends.lines += len(b.lines) - 1
                for ln in b.lines:
                    raw = ln.text.rstrip()
                    marked = raw.endswith(SOFT_HYPHEN) or (raw.endswith(UNICODE_HYPHEN) and bool(vocab.marks))
                    text = raw[:-1] if marked else _HYPHEN_END.sub("", raw)
                    ends.spaces += len(_WORD_SPACE.findall(text))
                    ends.hyphens += len(_MID_HYPHEN.findall(text))
                    words = [w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text)]
                    n = _WORD_START.match(ln.text.lstrip()) if broken or soft else None
                    if broken and n:
                        breaks.append((head, n.group(1)))
                    if soft and n:
                        vocab.add(head + n.group(1))  # a word the engine marked as one (Technol\xad|ogy)
                    if (broken or soft) and words and ln.text.lstrip().lower().startswith(words[0]):
                        words = words[1:]  # ("novating" of in-|novating is no word the issue prints)
                    soft = marked
                    broken = not soft and text != raw
                    ends.breaks += broken and ln is not b.lines[-1]
                    ends.soft += soft and ln is not b.lines[-1]
                    if broken:
                        head = _HYPHEN_END.search(raw).group(1).lower()
                    elif soft:
                        head = m.group(1).lower() if (m := _WORD_END.search(text)) else ""
                        if head and words and words[-1].rpartition("-")[2] == head:
                            # ("technol" of Technol\xad|ogy is no word either; job-re\u2010|lated: job)
                            words[-1] = words[-1][: -len(head)].rstrip("-")
                            words = [w for w in words if w]
                    vocab.update(words)
                    # the first word of each compound, with its hyphen (high- of high-quality)
                    vocab.update(w.partition("-")[0] + "-" for w in words if "-" in w)
    vocab.hyphenates = _hyphen_habit(vocab, breaks, ends)
    vocab.patterns = _patterns_fit(vocab, breaks) if vocab.hyphenates is True else ()
    return vocab


def _stream(block: Block) -> str:
    if block.role in (Role.SUMMARY, Role.SUMMARY_HEADING, Role.ENGLISH) or (
        block.box_id is not None and block.lang == "en"
    ):
        return "en"
    if block.box_id is not None:
        return "box"
    if block.role in (Role.CAPTION, Role.TABLE):
        return block.role
    return "body"


def _continues(
    prev: Block, nxt: Block, rules: Rules, hangs: bool = False, col_left: float | None = None
) -> bool:
    """nxt is the rest of prev: prev ran to the column edge (or, hangs, prev is a marked item
    and nxt's lines hang where its lines hung: _hangs_on), nxt is the same kind of text and does
    not open with a first-line indent or a box heading. col_left: where the lines of nxt's column
    start (its other blocks'), which alone shows a one-line block's indent."""
    same_role = (
        nxt.role == prev.role
        or (prev.role in (Role.BIO, Role.AFTERWORD) and nxt.role == Role.BOX)
        or (
            prev.role in (Role.LIST_ITEM, Role.REFERENCE, Role.NOTE, Role.BIO, Role.AFTERWORD)
            and nxt.role == Role.PARAGRAPH
        )
        or (prev.role in _CITED and nxt.role == Role.ENGLISH)
        or _latin_run_on(prev, nxt)
        or latin_cut_back(prev, nxt)
    )
    wide_run = wide_text_runs_on(prev, nxt)
    face_run = face_runs_on(prev, nxt)
    if (
        not (prev.open_end or wide_run or hangs)
        or not (same_role or wide_run or face_run)
        or (nxt.role not in JOINABLE and not face_run)
    ):
        return False
    if prev.role == Role.ENGLISH and len(prev.lines) < 2:
        return False  # a one-line English title or label is not the start of running text
    if abs(nxt.size - prev.size) > 0.12 * max(nxt.size, prev.size) or nxt.bold != prev.bold:
        return False
    if prev.lines[-1].color != nxt.lines[0].color:
        return False  # text runs on in its own colour (not into a quote beside it in the accent's)
    if _is_marked(nxt.text, rules):
        return False  # a new list item or reference
    if _captions_apart(prev.text, nxt.text, rules):
        return False  # a caption does not run on into another one (表 1 …, 表 3 … under 表 1's table)
    if _caption_ends(prev, nxt, rules):
        return False  # the article's text under the table is no caption's rest (表 1 … over it)
    if rules.continued_label(nxt.text):
        return False  # 续表 3 over a table's part on the next page labels that part, it ends no text
    if any(nxt.text.startswith(m) for kind in ("bio", "afterword") for m in rules.markers(kind)):
        return False  # a new bio or afterword (专家小传：…), whatever the box before it left open
    first = nxt.lines[0]
    own_left = min(ln.x0 for ln in nxt.lines)
    if first.x0 - own_left >= 1.2 * first.size and len(nxt.lines) > 1:
        return False
    if (
        len(nxt.lines) == 1
        and col_left is not None
        and first.x0 - (first.wrap_left or col_left) >= 1.2 * first.size
        and ends_with_stop(prev.text, SENTENCE_STOPS)
    ):
        # a one-line paragraph at the column's head, indented as its column's paragraphs are,
        # after a sentence closed on a full line: the line ended a paragraph that filled it
        return False
    return rules.summary_kind(nxt.text) is None


def _hangs_on(prev: Block, nxt: Block, page: PageLayout, rules: Rules) -> bool:
    """nxt, at the head of a column, is the rest of the marked item prev (a reference, a list
    item, a note), whatever prev's last line looked like: a reference breaks early before a long
    DOI or URL, so a short last line ending in a full stop ends nothing. The evidence is the hang:
    nxt has no number of its own and every line of it stands right of its column's edge (where
    the lines of the column's other blocks start) by the offset at which prev's wrapped lines hung
    right of its number. A list item or a note must have left its sentence open."""
    if prev.role not in _CITED or _is_marked(nxt.text, rules):
        return False
    if prev.role != Role.REFERENCE and prev.text.rstrip()[-1:] in CLOSING:
        # a list item or note that ended its sentence: a one-line paragraph indented as far as the
        # list hangs (two ems, both) opens the next column on its own
        return False
    offsets = hang_offsets(prev.lines, rules, prev.size)
    column = [
        ln.x0
        for b in page.blocks
        if b is not nxt and b.segment == nxt.segment and b.column == nxt.column
        for ln in b.lines
    ]
    if not offsets or not column:
        return False
    left = min(column)
    return all(abs(ln.x0 - left - offsets[-1]) < HANG_TOLERANCE * ln.size for ln in nxt.lines)


def _column_left(blk: Block, lefts: dict[tuple, list[tuple[float, int]]]) -> float | None:
    """Where the lines of blk's column start, read from the column's other blocks (None when it
    holds no other). lefts: _column_lefts of its page."""
    for x, owner in lefts.get((blk.segment, blk.column, blk.box_id), ()):
        if owner != id(blk):
            return x
    return None


def _column_lefts(page: PageLayout) -> dict[tuple, list[tuple[float, int]]]:
    """For each column of the page (segment, column, box), the two blocks whose lines start
    furthest left: where each starts, and which block it is. Read once a page: looked up for
    each block, every block of a page of thousands of blocks made joining quadratic."""
    lefts: dict[tuple, list[tuple[float, int]]] = {}
    for b in page.blocks:
        if not b.lines:
            continue
        two = lefts.setdefault((b.segment, b.column, b.box_id), [])
        two.append((min(ln.x0 for ln in b.lines), id(b)))
        if len(two) > 2:
            two.sort(key=lambda t: t[0])
            del two[2:]
    for two in lefts.values():
        two.sort(key=lambda t: t[0])
    return lefts


def wide_text_runs_on(prev: Block, nxt: Block) -> bool:
    """Text set across the page (a wide band's block, typed a deck by its place: wide_blocks leaves
    every such block closed) that is the body's text run on: the page's body, wrapped round a
    float that ended, runs across the whole measure for its last lines, and its paragraph goes on
    at the next column's or page's head. Told by continuity, not place: prev stops mid-sentence on
    a full line, and nxt, a paragraph in prev's very face (size, colour, slant, weight: a deck is
    set in a face of its own), takes the sentence up."""
    if prev.role != Role.DECK or nxt.role != Role.PARAGRAPH or prev.lang != "zh" or nxt.lang != "zh":
        return False
    a = prev.lines[-1]
    full = len(prev.lines) >= 2 and a.x1 >= prev.bbox[2] - 1.2 * a.size
    return _same_face(a, nxt.lines[0]) and full and prev.text.rstrip()[-1:] not in CLOSING + "：:"


def _same_face(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) < 0.05 * a.size and (a.color, a.italic, a.bold) == (b.color, b.italic, b.bold)


def face_runs_on(prev: Block, nxt: Block) -> bool:
    """A paragraph and a piece typed a heading, in one face, are one text cut by a column end: a
    short piece in a face other than the body's reads as a heading (role_of), so the two or three
    lines of a deck set in two columns of grey that fall in one column come out as one, the rest
    as a paragraph. A heading is set in a face of its own, never in the face of the paragraph
    beside it; and prev stops mid-sentence."""
    return (
        {prev.role, nxt.role} == {Role.HEADING, Role.PARAGRAPH}
        and prev.lang == nxt.lang == "zh"
        and prev.open_end
        and prev.text.rstrip()[-1:] not in CLOSING + "：:"
        and all(_same_face(nxt.lines[0], ln) for ln in prev.lines + nxt.lines)
    )


def _title_over_heading(blk: Block, nxt: Block) -> bool:
    """blk is English set as the title over the Chinese heading nxt (titles_en)."""
    return nxt.role == Role.HEADING and nxt.lang == "zh" and english_title_above(blk, nxt)


_CAPTION_NUMBER = re.compile(r"[A-Z]?[0-9０-９]+|[一二三四五六七八九十]+")


def _caption_number(text: str, rules: Rules) -> str | None:
    """The number of the caption the text opens with (表 1 and Table 1 both say 1), if it opens one."""
    for key in ("tables", "academic"):
        pat = rules.get(key, "caption_pattern")
        m = re.match(pat, text) if pat else None
        num = _CAPTION_NUMBER.search(m.group(0)) if m else None
        if num:
            return unicodedata.normalize("NFKC", num.group(0))
    return None


def _captions_apart(prev: str, nxt: str, rules: Rules) -> bool:
    """Both texts open a caption, of different numbers: two captions, never one run on."""
    a = _caption_number(prev, rules)
    b = _caption_number(nxt, rules) if a else None
    return b is not None and a != b


# A numbered caption's rest is set in its own type: text whose size differs from the caption's by
# more than this share of it is another text (the body under the table, a credit in smaller type),
# however open the caption's centred line leaves its end.
CAPTION_SAME_SIZE = 0.03


def _caption_ends(prev: Block, nxt: Block, rules: Rules) -> bool:
    """prev opens a caption (表 1 …, 图 2 …: its number) and nxt is set in another size: a caption
    (over a table or a figure, the table's or figure's body printed between) does not run on into
    the article's next paragraph under it, which stands in the body's size. A wrapped caption cut
    by a column or page end goes on in the caption's very size, so that run-on stays."""
    return (
        _caption_number(prev.text, rules) is not None
        and _caption_number(nxt.text, rules) is None
        and abs(nxt.size - prev.size) > CAPTION_SAME_SIZE * max(nxt.size, prev.size)
    )


def _latin_run_on(prev: Block, nxt: Block) -> bool:
    """A Chinese paragraph cut at a column end inside the English words it quotes (a paper's
    title in brackets) goes on in a block that reads as English by its letters, yet holds Chinese:
    prev stops on a Latin word, nxt is that Latin text running back into Chinese. Or cut right
    before them: prev stops mid-sentence on a full line ("…发表在"), and nxt, the quoted English
    run back into Chinese ("《Nature Communications》期刊上。"), is punctuated as Chinese is (an
    English version never uses the full-width marks)."""
    if prev.role != Role.PARAGRAPH or prev.lang != "zh" or nxt.role != Role.ENGLISH:
        return False
    if not CJK_CHARS.search(nxt.text):
        return False
    end = prev.text.rstrip()
    return bool(re.search(r"[A-Za-z,]$", end)) or (
        prev.open_end and end[-1:] not in CLOSING + "：:" and bool(_CHINESE_MARK.search(nxt.text))
    )


_CHINESE_MARK = re.compile(r"[，。；：！？、]")  # a sentence's or clause's mark in Chinese text


def latin_cut_back(prev: Block | None, nxt: Block) -> bool:
    """The other way round: the first piece of a Chinese paragraph, cut at a column end inside the
    English it quotes, holds so many Latin letters that it reads as English (prev: opens with
    Chinese, stops on a Latin word), and its rest reads as Chinese, opening with that English's
    next word (nxt)."""
    return (
        prev is not None
        and prev.role == Role.ENGLISH
        and prev.box_id is None
        and prev.open_end
        and bool(CJK_CHARS.match(prev.text.lstrip()))
        and bool(re.search(r"[A-Za-z,]$", prev.text.rstrip()))
        and nxt.role == Role.PARAGRAPH
        and nxt.lang == "zh"
        and bool(re.match(r"[A-Za-z(]", nxt.text.lstrip()))
    )


# Body-stream text set this much smaller than the body text (footnotes such as 收稿日期 or
# 基金项目 under the first column, a figure's notes) may sit between the two halves of a paragraph
# cut by the column end: it does not close that paragraph (nor is it joined to it: sizes differ).
# One step of the Chinese size scale is enough: 小五 (9 pt) footnotes under a 五号 (10.5 pt) body.
FOOT_SIZE_RATIO = 0.9


def _body_size(pages: list[PageLayout]) -> float:
    """The type size most of the paragraphs' text is set in."""
    sizes: Counter = Counter()
    for p in pages:
        for b in p.blocks:
            if b.role == Role.PARAGRAPH:
                sizes[b.size] += len(b.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _foot_under(prev: Block, blk: Block, body_size: float, foot: set[int]) -> bool:
    """blk is smaller type at its page's foot (a footnote) after a body-size paragraph: it leaves
    that paragraph open."""
    return id(blk) in foot and blk.size < FOOT_SIZE_RATIO * body_size <= FOOT_SIZE_RATIO * prev.size


# Footnotes stand in the lower part of the page: below this share of its height.
FOOT_ZONE = 0.6


def _page_foot(page: PageLayout, body_size: float) -> set[int]:
    """The page's blocks in its lower part with nothing under them but smaller type: footnotes
    stand at the foot of the page (a contents page's small entries between bigger titles do not)."""
    small = FOOT_SIZE_RATIO * body_size
    boxes = [(b, p.bbox) for b in page.blocks for p in b.pieces if p.page == page.number]
    # the pieces in type not smaller, from the top: only they can stand under a footnote (looked
    # for from the nearest down, each block against these alone: a page of thousands of blocks)
    big = sorted(((box[1], box, b) for b, box in boxes if b.size >= small), key=lambda t: t[0])
    tops = [t[0] for t in big]
    foot = set()
    for blk, (x0, _, x1, y1) in boxes:
        if y1 <= FOOT_ZONE * page.height:
            continue
        under = big[bisect_left(tops, y1 - 1) :]
        if not any(o is not blk and ox0 < x1 and x0 < ox1 for _, (ox0, _, ox1, _), o in under):
            foot.add(id(blk))
    return foot


_CITED = (Role.REFERENCE, Role.LIST_ITEM, Role.NOTE)  # may end in Latin text that runs on over a break
JOINABLE = (
    Role.PARAGRAPH,
    Role.SUMMARY,
    Role.ENGLISH,
    Role.BIO,
    Role.AFTERWORD,
    Role.BOX,
    Role.LIST_ITEM,
    Role.NOTE,
    Role.REFERENCE,
)


def join_across_breaks(pages: list[PageLayout], rules: Rules) -> None:
    """Join paragraphs cut by a column or page end with their continuation in the same stream."""
    vocab = _english_vocab(pages)
    body_size = _body_size(pages)
    last: dict[str, Block] = {}
    closing: dict[tuple[int, int], Block] = {}  # the last block of each run of column text
    tail: dict[int, tuple[int, int]] = {}  # a joined block's last run of column text
    footnotes: set[int] = set()  # blocks read as footnotes under a paragraph they left open
    for page in pages:
        kept = []
        foot = _page_foot(page, body_size)
        lefts = _column_lefts(page)
        for k, blk in enumerate(page.blocks):
            s = _stream(blk)
            body = last.get("body")
            if s == "en" and blk.box_id is None and body is not None and body.role in _CITED:
                s = "body"  # the Latin tail of a reference (journal, DOI) cut off at a column end
            elif s == "en" and blk.box_id is None and body is not None and _latin_run_on(body, blk):
                s = "body"  # a Chinese paragraph cut inside an English name it quotes
            elif s == "body" and blk.box_id is None and latin_cut_back(last.get("en"), blk):
                s = "en"  # its first piece read as English: joined to it, then typed as the paragraph
            prev = last.get(s)
            # English set in the column (a profile's English version after its Chinese text) runs
            # on over a break only from the end of its column (text after it there closed it) to
            # the top of the next (text before it there opened another)
            closed = (
                prev is not None
                and prev.box_id is None
                and s == "en"
                and (
                    closing.get(tail.get(id(prev), prev.segment)) is not prev
                    or closing.get(blk.segment) is not None
                )
            )
            # an English title printed over the Chinese heading right under it at the top of a
            # column opens that item: it is not the rest of the English version before the break
            over = k + 1 < len(page.blocks) and _title_over_heading(blk, page.blocks[k + 1])
            if (
                prev is not None
                and not closed
                and not over
                and _continues(prev, blk, rules, _hangs_on(prev, blk, page, rules), _column_left(blk, lefts))
                and _is_break(prev, blk)
                and not (s == "box" and _label_bar(prev, page))
            ):
                if _rests_on_face(prev, blk):
                    page.warnings.append(_join_doubt(prev, blk))
                closing[blk.segment] = prev
                tail[id(prev)] = blk.segment
                prev.text = join_fragments(prev.text, blk.text, vocab)
                prev.lines += blk.lines
                prev.pieces += blk.pieces
                prev.open_end = blk.open_end
                if prev.role in (Role.DECK, Role.HEADING):
                    # the body's text set across the page (wide_text_runs_on), or a paragraph's
                    # piece that read as a heading by its face (face_runs_on)
                    prev.role = Role.PARAGRAPH
                if prev.role == Role.ENGLISH and blk.role == Role.PARAGRAPH:
                    prev.role, prev.lang = Role.PARAGRAPH, "zh"  # Chinese text quoting English
                    last["body"] = prev
                    last.pop("en", None)
                continue
            closing[blk.segment] = blk
            # a footnote comes right after the paragraph it cuts (a list in small type after its
            # lead-in is a list: its first item is followed by more of it)
            # (a numbered item in small type right after its lead-in is a list, not a footnote;
            # numbered affiliations further down the footnotes are footnotes)
            right_after = len(kept) > 0 and (
                (kept[-1] is prev and blk.role not in ("list_item", "reference")) or id(kept[-1]) in footnotes
            )
            kept.append(blk)
            if s == "body" and right_after and prev.open_end and _foot_under(prev, blk, body_size, foot):
                footnotes.add(id(blk))
            elif (
                len(kept) > 1
                and id(kept[-2]) in footnotes
                and body is not None
                and body.open_end
                and _foot_under(body, blk, body_size, foot)
            ):
                # the footnotes go on in the other script (收稿日期 … / Recommended by … / 1. 中国
                # 科学院…): a block of them in English is no more the paragraph's rest than the
                # Chinese ones around it, nor the end of the English text before the paragraph
                footnotes.add(id(blk))
            else:
                last[s] = blk
        page.blocks = kept
    for page in pages:  # line-end hyphens inside English blocks, now that the words are known
        for blk in page.blocks:
            # (asked of its lines: the first join may have taken the block's only hyphen away)
            if (
                blk.lang == "en"
                and blk.role != Role.TABLE
                and any(ln.text.rstrip().endswith(_BREAKS) for ln in blk.lines)
            ):
                blk.text = _join_lines(blk.lines, vocab)


def _rests_on_face(prev: Block, nxt: Block) -> bool:
    """A join whose evidence disagrees: one piece's face typed it a heading or a deck, and only the
    sentence it leaves open and the face the two share say it is the other's rest (face_runs_on,
    wide_text_runs_on). Pieces of one role, the first running to the column's edge, are the
    ordinary paragraph cut by a column or page end: strong evidence, no warning."""
    return prev.role != nxt.role and (face_runs_on(prev, nxt) or wide_text_runs_on(prev, nxt))


def _join_doubt(prev: Block, nxt: Block) -> Warning:
    """The join_doubtful warning, at the piece joined on (its page and box): confidence.py counts
    it against the unit that holds the joined block (join_doubtful)."""
    return Warning(
        WarningCode.JOIN_DOUBTFUL,
        f"{nxt.text.strip()[:30]!r} joined to {prev.text.strip()[-20:]!r} ({prev.role} then {nxt.role}) "
        "across a column or page end on the face they share and the sentence left open only",
        page=nxt.page,
        bbox=nxt.bbox,
    )


def _label_bar(prev: Block, page: PageLayout) -> bool:
    """prev is a box's one line with text of the page standing under it, across its width: a label
    on a bar (a contents page's section labels on tinted bars over their columns), the whole text
    of its box, not a box's part broken into the next column (which fills its lines, however high
    the band it breaks at: an afterword across the top of two columns, the next article under it).
    A one-line part's own width says nothing (the 0.6 share of make_block read it as left open)."""
    if len(prev.lines) != 1:
        return False
    pg, (x0, _, x1, y1) = prev.pieces[-1].page, prev.pieces[-1].bbox
    return pg == page.number and any(
        b is not prev
        and b.page == pg
        and b.bbox[1] >= y1 - 1
        and min(x1, b.bbox[2]) - max(x0, b.bbox[0]) >= 0.5 * min(x1 - x0, b.bbox[2] - b.bbox[0])
        for b in page.blocks
    )


def _is_break(prev: Block, nxt: Block) -> bool:
    """The two pieces were cut apart by a column or page end, or by something printed between them
    (never further than the next page: a paragraph does not jump pages)."""
    return prev.segment != nxt.segment and 0 <= nxt.page - prev.pieces[-1].page <= 1


# A sentence ends at 。！？ or at a Latin full stop, ! or ? followed by a space, CJK text or the
# end (some journals set "." as the Chinese full stop); not at a decimal point or an abbreviation
# inside a word ("2.1", "e.g.x"), and not after a lone digit ("2. 1", a section number).
_SENTENCE_END = re.compile(r"[。！？]|(?<![\d.])(?<!\b[A-Za-z])[.!?](?=\s|[\u4e00-\u9fff]|$)")


def _sentences(text: str) -> int:
    """How many sentences the text holds (a last one left without its full stop counts too)."""
    ends = list(_SENTENCE_END.finditer(text))
    return len(ends) + (1 if text[ends[-1].end() :].strip() else 0) if ends else 1


def _prose_item(block: Block, marker: re.Pattern, min_sentences: int, min_chars: float) -> bool:
    """A numbered block that reads as prose: after its number, at least min_sentences sentences
    and at least min_chars characters of text (an ideograph one, a Latin character half; a wrapped
    list item is one sentence or a few words; "（1）Run-in heading。Sentence。Sentence。" is a
    paragraph). Counted in characters, not in lines of the block's own column: the same item set
    in a narrow column fills more lines than across the page, and must read the same."""
    m = marker.match(block.text)
    rest = block.text[m.end() :] if m else block.text
    ems = sum(1.0 if is_cjk(c) else 0.5 for c in rest if not c.isspace())
    return _sentences(rest) >= min_sentences and ems >= min_chars


def numbered_paragraphs(pages: list[PageLayout], rules: Rules) -> None:
    """Numbered paragraphs are paragraphs. A run of consecutive numbered body blocks (list items,
    in reading order across columns and pages) is a list when its items are short; when at least
    `numbered_paragraphs.run_share` of them read as prose (_prose_item), the numbers number
    paragraphs ("（1）…。…。" setting out an argument), and every block of the run is one."""
    marker = rules.list_item_re
    spec = rules.get("numbered_paragraphs", default=None) or {}
    if marker is None or not spec:
        return
    min_sentences = int(spec.get("min_sentences", 2))
    min_chars = float(spec.get("min_chars", 120.0))
    share = float(spec.get("run_share", 0.5))
    runs: list[list[Block]] = [[]]
    for page in pages:
        for blk in page.blocks:
            if _stream(blk) != "body":
                continue  # a caption, a table or a box set beside the list does not end it
            if blk.role == Role.LIST_ITEM:
                runs[-1].append(blk)
            elif runs[-1]:
                runs.append([])
    for run in runs:
        prose = sum(_prose_item(b, marker, min_sentences, min_chars) for b in run)
        if run and prose >= share * len(run):
            for b in run:
                b.role = Role.PARAGRAPH
