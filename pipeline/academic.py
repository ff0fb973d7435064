"""The academic-article genre: a journal paper's labelled front matter, first-page footnotes and
reference list, read as the article's fields instead of body text.

A journal paper prints, around its title: authors (with affiliation marks), affiliations,
摘要, 关键词, 中图分类号, 文献标志码, DOI, then the English title, authors, affiliations, Abstract
and Key words; at the foot of its first page 收稿日期, 基金项目, 作者简介, 通信作者; after its
text a reference list and often the authors' bios. `read_front` takes one unit's blocks (reading
order) and returns what it read and the blocks left for articles.py (title area and body).
Labels and patterns are data (rules: `academic`); nothing here knows a journal.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from .extract import is_cjk, join_text
from .models import BBox, Block, FrontMatter, Reference, Role, Summary, SummaryKind
from .numbered_headings import numbered_headings
from .numbered_points import numbered_points
from .paragraphs import join_fragments, make_block
from .rules import Rules

# Full-width ASCII (Ａｂｓｔｒａｃｔ, ２０２０, ：) and the ideographic space, folded one character for one so
# that offsets found in the folded text cut the original, which is kept as printed.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation as ASCII, the ideographic space as a space
    (same length: an offset in the result is an offset in the text)."""
    return text.translate(_WIDTH)


# fields that are first-page footnotes: they do not end the running abstract they interrupt
FOOTNOTE_FIELDS = {"received", "funding", "bio", "corresponding", "citation", "editor"}
_OPEN = "[【〔(（<"
_CLOSE = "]】〕)）>"
# one name of an author line: 1-4 ideographs (a letter-spaced name prints as one-character pieces)
# with its affiliation marks ("作者名1)", "王芳2),3)", "朱俊1*", "张三†")
# an affiliation mark: a number of one or two digits and/or a star or dagger ("1", "2*", "1,2"); a
# run of three digits or more is a year or a count ("2017 年 5 月", a masthead's dateline over the
# title), never a mark, so a dateline never reads as an author line
_MARK = r"(?:\d{1,2}(?!\d)[)）]?|[*∗†‡])+"
_NAME_PIECE = re.compile(rf"^[\u4e00-\u9fff]{{1,4}}(?:{_MARK}(?:[,，]{_MARK})*)?$")
_MARK_PIECE = re.compile(rf"^{_MARK}(?:[,，]{_MARK})*$")
# a remark in brackets after the names ("(通信作者)", a style note): not a name
_NAME_REMARK = re.compile(r"\s*[（(][^()（）]{0,40}[)）]\s*$")
# pieces of one line set this far apart (x type size) are separate words: names set two ems apart
# come out of the line joiner run together (作者名作者名), the gap tells them apart
NAME_GAP_EM = 0.9
_EN_NAMES = re.compile(r"^(?:[A-Z][A-Za-z'\-]+\s+[A-Z][A-Za-z'\-]+(?:[\s\d*,∗]*(?:,|and|\s)\s*)?)+$")
# a footnote's mark, alone before the footnote's label
_FOOT_MARKS = "*∗†‡§¶#"
_FOOT_MARK = re.compile(r"^\s*[*∗†‡§¶#]{1,3}\s*$")
_MARKS_ONLY = re.compile(r"^[\d\s,，*∗)）]+$")
_NUMBERED_HEADING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[一二三四五六七八九十]{1,3}[、.])\s*\S")


# the roles a reference entry may have been given by typography (a list in small type)
_REFERENCE_ROLES = {Role.PARAGRAPH, Role.ENGLISH, Role.REFERENCE, Role.LIST_ITEM, Role.DECK, Role.DECK_EN}


@dataclass(frozen=True)
class _Label:
    field: str
    pattern: re.Pattern
    latin: bool
    strong: bool


@dataclass
class AcademicRead:
    """What read_front found in one unit: the article's fields and the blocks left to build it."""

    blocks: list[Block]
    front: FrontMatter
    abstract_zh: str | None = None
    keywords_zh: list[str] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    section: str | None = None  # a label printed above the title ("综述")
    byline: str | None = None  # the name line under the title, as printed
    title_en: str | None = None
    authors: list[str] = field(default_factory=list)
    # doubtful decisions on the body's numbered headings: (code, message, page, bbox)
    decisions: list[tuple] = field(default_factory=list)


def _label_pattern(label: str) -> tuple[re.Pattern, bool]:
    """A label, letter-spaced or not: 摘要 matches 摘　要 and 摘 要; Key words matches Keywords."""
    latin = label.isascii()
    if latin:
        core = r"\s*".join(re.escape(w) for w in label.split())
        return re.compile(core), True
    core = r"\s*".join(re.escape(c) for c in label if not c.isspace())
    return re.compile(core), False


@lru_cache(maxsize=8)
def _labels_for(fields_key: tuple) -> tuple[_Label, ...]:
    out = []
    for name, labels, strong in fields_key:
        for label in labels:
            pat, latin = _label_pattern(label)
            out.append(_Label(name, pat, latin, strong))
    return tuple(out)


def labels(rules: Rules) -> tuple[_Label, ...]:
    return rules.derived("academic_labels", _build_labels)


def _build_labels(rules: Rules) -> tuple[_Label, ...]:
    spec = rules.get("academic", "fields", default={}) or {}
    key = tuple(
        (name, tuple(v.get("labels") or []), bool(v.get("strong")))
        for name, v in spec.items()
        if isinstance(v, dict)
    )
    return _labels_for(key)


def _any_label(rules: Rules) -> re.Pattern:
    """One pattern for every label: most texts hold none, and one search tells."""
    pats = [f"(?:{lab.pattern.pattern})" for lab in labels(rules)]
    return re.compile("|".join(pats) if pats else r"$^")


# what ends a sentence: a label run in after it (no colon) opens the next field
_SENTENCE_END = "。.!！?？;；"
# what cannot follow a label: the word is running text ("摘要、关键词(4∼10个)")
_NOT_AFTER_LABEL = "、，,。.；;)）"


# Texts known to hold no label at all, remembered per Rules up to this many: the stages ask about
# the same lines again and again (each unit's front, each page's kind), and most hold none.
LABEL_FREE_TEXTS = 50_000


def find_labels(text: str, rules: Rules, run_in: bool = False) -> list[tuple[int, int, str]]:
    """(label start, content start, field) for each label printed in text, in order.

    A label counts where it opens the text, where a colon follows it, or, for a strong Latin
    label (never a word of running text: DOI, Key words), wherever it stands after a non-letter
    (基金项目 is also a word of "国家自然科学基金项目(…)"). run_in (the front matter, before the
    body): also a label without a colon run in after a sentence's end ("…用词准确. 关键词 …")."""
    free = rules.derived("academic_label_free", lambda r: set())
    if text in free:
        return []
    folded = fold_width(text)
    if not rules.derived("academic_any_label", _any_label).search(folded):
        if len(free) >= LABEL_FREE_TEXTS:
            free.clear()
        free.add(text)
        return []
    found = []
    for lab in labels(rules):
        for m in lab.pattern.finditer(folded):
            start, end = m.start(), m.end()
            before = folded[:start].rstrip()
            # (a footnote's mark may stand before its label: "† 通信作者. E-mail: …")
            opened = not folded[:start].strip(" " + _OPEN + _FOOT_MARKS)
            j = end
            while j < len(folded) and folded[j] in " " + _CLOSE:
                j += 1
            colon = j < len(folded) and folded[j] in ":："
            nxt = folded[end : end + 1]
            prev = folded[start - 1 : start]
            if lab.latin and (nxt.isascii() and nxt.isalpha()):
                continue  # "Abstracts", "DOIs": another word
            after = folded[j : j + 1]
            bracketed = prev in _OPEN and folded[end : end + 1] in _CLOSE
            if opened or colon or bracketed:
                ok = True  # a label in its own brackets (【关键词】) is no word of running text
            elif run_in and before[-1:] in _SENTENCE_END and after and after not in _NOT_AFTER_LABEL:
                ok = True
            elif lab.strong and lab.latin:  # "…function DOI 10.1/x"
                ok = not prev or not (prev.isascii() and prev.isalnum()) or is_cjk(prev)
            elif lab.strong:  # a Chinese label mid-line takes a colon, or stands apart between spaces
                # ("F062.9 文献标志码 A"; 基金项目 is also a word of "国家自然科学基金项目(…)")
                ok = prev.isspace() and (not after or after.isspace() or after.isascii() and after.isalnum())
            else:
                ok = False
            if ok:
                found.append((start, j + 1 if colon else j, lab.field))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[tuple[int, int, str]] = []
    for f in found:
        if not out or f[0] >= out[-1][1]:
            out.append(f)
    return out


def split_labels(text: str, rules: Rules, run_in: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """text -> (what precedes the first label, [(field, content) per label])."""
    marks = find_labels(text, rules, run_in)
    if not marks:
        return text, []
    lead = text[: marks[0][0]].rstrip(" " + _OPEN + "\u3000")
    segs = []
    for k, (_, content, name) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        # the label's closing bracket and the next label's opening one (…发展。【关键词】) are not
        # this field's; a bracket the field closes itself (…课题（2025BJB017）) is
        seg = text[content:end].lstrip(" \u3000:：;；" + _CLOSE).rstrip(" \u3000:：;；" + _OPEN)
        segs.append((name, seg.strip()))
    return lead, segs


def _is_references_heading(text: str, rules: Rules) -> bool:
    """参考文献, [参考文献], References: …; or one heading with its translation after it, in
    brackets or after a slash (参考文献（References）, 参考文献/References), as bilingual journals
    print it."""
    t = re.sub(r"[\s\u3000:：\[\]【】()（）/／]", "", fold_width(text))
    heads = [re.sub(r"\s", "", h) for h in rules.get("academic", "references_heading", default=[]) or []]
    return any(t == h or (t.startswith(h) and t[len(h) :] in heads) for h in heads)


def signals(blocks: list[Block], rules: Rules) -> set[str]:
    """The kinds of label that open a line or stand after a colon in these blocks. A line is read
    as its visual row: a label letter-spaced an em wide ("摘　要") is two lines on one baseline,
    and neither piece holds the label."""
    found = set()
    for blk in blocks:
        for row in _rows(blk.lines or []):
            text = " ".join(ln.text for ln in sorted(row, key=lambda ln: ln.x0))
            found |= {f for _, _, f in find_labels(text, rules)}
    return found


def is_academic(blocks: list[Block], rules: Rules) -> bool:
    """Enough kinds of front-matter label on the page of the title (or the unit's first page)."""
    if not rules.get("academic", "fields"):
        return False
    title = next((b for b in blocks if b.role == Role.TITLE), blocks[0] if blocks else None)
    if title is None:
        return False
    # a label letter-spaced so widely that its first character is a block of its own counts too
    first = join_spaced_labels([b for b in blocks if b.page == title.page], rules)
    main = signals(first, rules) - FOOTNOTE_FIELDS - {"article_no"}
    return len(main) >= int(rules.get("academic", "min_signals", default=2))


def _keywords(text: str) -> list[str]:
    return [w.strip() for w in re.split(r"[；;，,、\u037e]|\s{2,}|\u3000", text) if w.strip()]


def _strip_marks(name: str) -> str:
    """ "朱俊1" / "作者名1)" / "张三*" -> the name without its affiliation mark."""
    return re.sub(r"[\d*∗,)）]+$", "", name).strip()


def _apart_at_marks(text: str) -> str:
    """An affiliation mark ends its name: "郑华林1)欧阳明远" is two names (the gap after the mark
    was no space character)."""
    return re.sub(r"([\d*∗†‡][)）]?)(?=[\u4e00-\u9fff])", r"\1 ", text)


def split_names(line: str) -> list[str]:
    """ "柴若楠　郜　帅　兰江雨" -> 3 names: a two-character name letter-spaced prints as two
    one-character pieces, and no Chinese name has one character; marks (朱俊1, 作者名2)) dropped."""
    bare = _apart_at_marks(_NAME_REMARK.sub("", fold_width(line)))
    pieces = [_strip_marks(p) for p in re.split(r"[，,、;；\s]+", bare) if _strip_marks(p)]
    out: list[str] = []
    for p in pieces:
        if len(p) == 1 and out and len(out[-1]) == 1:
            out[-1] += p
        else:
            out.append(p)
    return out


def spaced_text(blk: Block) -> str:
    """The block's text with a space where two pieces of one line stand apart (NAME_GAP_EM)."""
    out, prev = "", None
    for ln in blk.lines:
        apart = prev is not None and abs(prev.y1 - ln.y1) < 0.3 * ln.size
        if apart and ln.x0 - prev.x1 >= NAME_GAP_EM * ln.size:
            out = f"{out} {ln.text}"
        else:
            out = join_text(out, ln.text)
        prev = ln
    return out


def same_row(a: Block, b: Block) -> bool:
    """b stands level with a's last row, to its right (one line cut into blocks)."""
    last = a.lines[-1] if a.lines else None
    first = b.lines[0] if b.lines else None
    return (
        last is not None
        and first is not None
        and a.page == b.page
        and abs(last.y1 - first.y1) < 0.3 * max(last.size, first.size)
        and first.x0 >= last.x1 - 1
    )


_LEADING_NUMBER = re.compile(r"\d+(?:\.\d+)*\.?")


def is_name_line(text: str, strict: bool = False) -> bool:
    """An author line: Chinese names of 2-4 characters with affiliation marks, separated by spaces
    or commas, perhaps a remark in brackets after them. strict: two names at least, or a name with
    its mark (a title's last line "图像识别" is one bare word, never an author line)."""
    t = _apart_at_marks(_NAME_REMARK.sub("", fold_width(text).strip()))
    pieces = [p for p in re.split(r"[，,、;；\s]+", t) if p]
    if not pieces or not all(_NAME_PIECE.match(p) or _MARK_PIECE.match(p) for p in pieces):
        return False
    if _LEADING_NUMBER.fullmatch(pieces[0]):
        # a number before the first name is a section heading's ("1 引言", its number set an em
        # apart) or an affiliation's: an author's mark follows the name it marks
        return False
    names = split_names(t)
    if not names or not all(2 <= len(n) <= 4 for n in names):
        return False
    marked = any(re.search(r"[\d*∗†‡]", p) for p in pieces)
    return not strict or len(names) >= 2 or marked


def _framed(text: str) -> bool:
    """In brackets or numbered ("(1. …", "1)(…", "2. …"): how affiliations are set."""
    t = fold_width(text).strip()
    return t[:1] in "(（" or bool(re.match(r"^\d{1,2}\s*[.)）]", t))


# an affiliation's line runs no longer than this many characters (a sentence of the body runs on)
AFFILIATION_MAX_CHARS = 120
# a postal code closing an address ("，北京 100826", "Beijing 100826, China")
_POSTCODE_END = re.compile(r"\d{5,6}\s*(?:[,，]\s*(?:P\.\s*R\.\s*)?China)?\s*[)）]?$")
_LEAD_NUMBER = re.compile(r"^[(（]?(\d{1,2})\s*[.)）]")


def _numbered_next(prev: str, text: str) -> bool:
    """text is numbered one past prev ("2) …" after "1) …")."""
    a, b = _LEAD_NUMBER.match(fold_width(prev).strip()), _LEAD_NUMBER.match(fold_width(text).strip())
    return bool(a and b) and int(b.group(1)) == int(a.group(1)) + 1


def _looks_affiliation(text: str, rules: Rules, prev: str = "") -> bool:
    """An affiliation: an institution's word, numbered or with a postal code; or, whatever it
    names (国家统计局, 物理所), a numbered line ending in a postal code, or the next of a numbered
    list of affiliations (prev: the last one read), no sentence."""
    pat = rules.get("academic", "affiliation_pattern")
    t = fold_width(text).strip()
    if bool(pat and re.search(pat, t)) and (_framed(t) or bool(re.search(r"\d{5,6}", t))):
        return True
    if len(t) > AFFILIATION_MAX_CHARS or not _framed(t) or t.endswith(("。", ".")):
        return False
    return bool(_POSTCODE_END.search(t)) or bool(prev and _numbered_next(prev, t))


# roles of the title area's own display lines (articles.py reads them)
_TITLE_AREA_ROLES = {Role.TITLE, Role.TITLE_EN, Role.SUBTITLE, Role.SECTION, Role.BYLINE, Role.CAPTION}


# roles a block of the footnote area may have been read as (small type, no label: a short line in
# footnote type reads as a heading to the typography, never one in a footnote's place)
_FOOT_ROLES = {Role.PARAGRAPH, Role.HEADING, Role.NOTE, Role.LIST_ITEM, Role.ENGLISH, Role.DECK, Role.DECK_EN}


def _foot_above(prev: Block, foot: Block, max_size: float) -> bool:
    """prev is the start of the footnote area a labelled footnote goes on from: small type, in
    the footnote's column, right above it (less than two lines' room between)."""
    return (
        prev.page == foot.page
        and len(prev.pieces) == 1
        and prev.role in _FOOT_ROLES
        and prev.size <= max_size
        and prev.column == foot.column
        and -1 <= foot.bbox[1] - prev.bbox[3] < 2 * foot.size
    )


def _foot_goes_on(foot: Block | None, blk: Block, max_size: float) -> bool:
    """blk goes on with the labelled footnote above it: small type, on its page, at or under it."""
    return (
        foot is not None
        and blk.page == foot.page
        and blk.size <= max_size
        and blk.bbox[1] >= foot.bbox[1] - 1
    )


def _unclosed(text: str) -> bool:
    t = fold_width(text)
    return t.count("(") > t.count(")")


# an English name's affiliation marks: digits or stars, closed by a bracket where the Chinese
# byline's are (2),3): journal-hanging)
_EN_MARKS = re.compile(r"[\d*∗]+[)）]?")


def _en_names(text: str) -> bool:
    t = _EN_MARKS.sub("", fold_width(text)).strip()
    return bool(_EN_NAMES.match(t)) and len(t) < 200 and not re.search(r"[.:;]", t)


@dataclass
class _State:
    front: FrontMatter = field(default_factory=FrontMatter)
    texts: dict[str, list[str]] = field(default_factory=dict)
    pages: dict[str, set[int]] = field(default_factory=dict)
    boxes: dict[str, BBox] = field(default_factory=dict)  # where each field starts on its first page
    current: str | None = None
    byline: str | None = None
    byline_block: Block | None = None  # the last block of the author line read (it may go on beside)
    title_en: str | None = None  # an English title read here (articles.py reads one typed title_en)
    title_en_block: Block | None = None  # the last block of that title (it may wrap onto the next)
    seen_title_en: bool = False
    last_field: str | None = None  # the field of the last label read (a footnote's end follows it)
    english_tail: bool = False  # reading English front matter printed at the paper's end
    names_en_block: Block | None = None  # the English author line read (a remark may stand beside it)

    def add(self, name: str, text: str, blk: Block, go_on: bool = False) -> None:
        parts = self.texts.setdefault(name, [])
        if go_on and parts:
            parts[-1] = _join(parts[-1], text)
        else:
            parts.append(text)
        if blk.page < min(self.pages.get(name, {blk.page + 1})):
            self.boxes[name] = blk.bbox
        # every page the block's pieces sit on (a block rejoined across a page turn claims both)
        self.pages.setdefault(name, set()).update(p.page for p in blk.pieces)


def _join(a: str, b: str) -> str:
    if re.search(r"[A-Za-z]-$", a) and b[:1].islower():
        return a[:-1] + b  # a word hyphenated across a column or page break
    return join_text(a, b)


def join_spaced_labels(blocks: list[Block], rules: Rules) -> list[Block]:
    """A label letter-spaced so widely that its first character became a block of its own
    ("摘" then "要：随着…"): the two are one block again when together they open with a label."""
    out: list[Block] = []
    for blk in blocks:
        prev = out[-1] if out else None
        head = prev.text.strip() if prev else ""
        if (
            prev is not None
            and 1 <= len(head) <= 2
            and all(is_cjk(c) for c in head)
            and prev.page == blk.page
            and abs(prev.bbox[1] - blk.bbox[1]) < max(prev.size, blk.size)
        ):
            lead, segs = split_labels(head + blk.text.strip(), rules)
            if segs and not lead:
                out[-1] = dataclasses.replace(blk, text=head + blk.text.strip(), lines=prev.lines + blk.lines)
                continue
        out.append(blk)
    return out


# the fields whose label opens a part of the front matter (not a footnote's, not a DOI inside a
# reference entry's wrapped line)
_OPENING_FIELDS = {"abstract_zh", "abstract_en", "keywords_zh", "keywords_en"}


def _opens_with_set_label(text: str, rules: Rules) -> bool:
    """A line opening with the label of an abstract or keywords set off as a label is (Abstract:,
    【关键词】): a colon or its own brackets after it, not a word opening a line of running text."""
    marks = find_labels(text, rules)
    if not marks or marks[0][0] > 1 or marks[0][2] not in _OPENING_FIELDS:
        return False
    start, content, _ = marks[0]
    label = fold_width(text[start:content]).rstrip()
    return label[-1:] in ":：" + _CLOSE or fold_width(text)[:start].strip() in tuple(_OPEN)


def split_at_labels(blocks: list[Block], rules: Rules) -> list[Block]:
    """A block one of whose later rows opens with an abstract's or keywords' label (the last line
    of centred affiliations run into "Abstract: …" under it, as a column at the paper's end sets
    them) is cut there: the label opens its own block. A new list; the blocks are not changed."""
    out: list[Block] = []
    for blk in blocks:
        rows = _rows(blk.lines) if len(blk.pieces) == 1 and len(blk.lines) > 1 else []
        cuts = [
            i
            for i, row in enumerate(rows)
            if i and _opens_with_set_label(min(row, key=lambda ln: ln.x0).text, rules)
        ]
        if not cuts:
            out.append(blk)
            continue
        for lo, hi in zip([0, *cuts], [*cuts, len(rows)], strict=True):
            out.append(_sub_block(blk, [ln for r in rows[lo:hi] for ln in r]))
    return out


def _rows(lines: list) -> list[list]:
    """A block's lines grouped into visual rows (pieces of one baseline together)."""
    rows: list[list] = []
    for ln in lines:
        top, bottom = (min(x.y0 for x in rows[-1]), max(x.y1 for x in rows[-1])) if rows else (0, 0)
        overlap = min(bottom, ln.y1) - max(top, ln.y0)
        if rows and overlap >= 0.5 * min(bottom - top, ln.y1 - ln.y0):  # a raised mark is in its row
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return rows


def _sub_block(blk: Block, lines: list, role: Role | None = None) -> Block:
    """A new block of some of blk's lines (blk is not changed): its role and place kept."""
    col = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    new = make_block(lines, blk.column, col, blk.box_id)
    return dataclasses.replace(new, role=role or blk.role, segment=blk.segment)


def split_title_names(blocks: list[Block]) -> list[Block]:
    """An author line set in the title's type joins the title's block: its last rows, when they read
    as an author line (names with marks or two names at least, by content, not size), are a block
    of their own."""
    out: list[Block] = []
    for blk in blocks:
        rows = _rows(blk.lines) if blk.role == Role.TITLE and len(blk.pieces) == 1 else []
        cut = len(rows)
        while cut > 1 and is_name_line(
            spaced_text(_sub_block(blk, [ln for r in rows[cut - 1 :] for ln in r])), True
        ):
            cut -= 1
        if 0 < cut < len(rows):
            out.append(_sub_block(blk, [ln for r in rows[:cut] for ln in r]))
            out.append(_sub_block(blk, [ln for r in rows[cut:] for ln in r], Role.OTHER))
        else:
            out.append(blk)
    return out


# labels of the Chinese front matter: an English title follows them
_CHINESE_FRONT = {"abstract_zh", "keywords_zh", "clc", "doc_code", "article_no", "doi"}


def latin_script(text: str) -> bool:
    """More Latin letters than ideographs, and a Latin letter first: English, whatever Chinese
    words it carries (a Chinese term in brackets, a style note)."""
    t = fold_width(text)
    latin = sum(1 for c in t if c.isascii() and c.isalpha())
    cjk = sum(1 for c in t if "\u4e00" <= c <= "\u9fff")
    first = next((c for c in t if c.isalpha()), "")
    return latin > cjk and first.isascii()


# A title-size block after the title, bigger than it by this factor, is the title's rest
TITLE_REST_SIZE = 1.1


def title_area_roles(blocks: list[Block], rules: Rules) -> list[Block]:
    """Title-size blocks after a Chinese title on its page that are not titles, told by content:
    an author line (names with marks, two names at least) set in big type is the title area's
    author line (typed other), and a block in Latin script past the paper's Chinese front-matter
    labels or right under its title area is its English title (typed title_en). Neither opens
    another unit. A new list; the blocks are not changed."""
    blocks = split_title_names(blocks)
    out = list(blocks)
    title, seen, front_only, names = None, set(), True, None
    for i, blk in enumerate(blocks):
        if blk.role == Role.TITLE:
            # after a Chinese title on its page, or anywhere after a paper's Chinese front matter
            # (the English title printed at the paper's end, after its references)
            after = title is not None and (blk.page == title.page or bool(seen & _CHINESE_FRONT))
            # the rest of an author line cut into pieces (names apart from their marks)
            goes_on = names is not None and same_row(names, blk) and is_name_line(spaced_text(blk))
            # a title's own next line: set bigger than the line before it (a light first line over
            # the title's main words: an author line is never set bigger than its title), or after
            # a colon that leaves the title open ("中国科创：" / "前沿突破，赋能世界")
            rest = (
                title is not None
                and blk.page == title.page
                and (blk.size > TITLE_REST_SIZE * title.size or title.text.rstrip().endswith(("：", ":")))
            )
            if after and front_only and not rest and (goes_on or is_name_line(spaced_text(blk), True)):
                out[i] = dataclasses.replace(blk, role=Role.OTHER)
                names = blk
                continue
            if after and latin_script(blk.text) and (seen & _CHINESE_FRONT or front_only):
                out[i] = dataclasses.replace(blk, role=Role.TITLE_EN)
                continue
            if not latin_script(blk.text):
                title, seen, front_only = blk, set(), True
            continue
        seen |= {f for ln in blk.lines for _, _, f in find_labels(ln.text, rules)}
        if blk.role == Role.OTHER and is_name_line(spaced_text(blk), True):
            names = blk
        front_only = front_only and (
            blk.role in (Role.TITLE_EN, Role.SUBTITLE)
            or _front_like(spaced_text(blk), rules)
            or not blk.text.strip()
        )
    return out


# how far (x type size) the text a label heads may stand to the right of the label
LABEL_CELL_GAP_EM = 4.0


def _label_only(text: str, rules: Rules) -> bool:
    lead, segs = split_labels(text.strip(), rules)
    return not lead and len(segs) == 1 and not segs[0][1]


def join_label_cells(blocks: list[Block], rules: Rules) -> list[Block]:
    """A label set in a column of its own (摘　要 | text, 关键词 | words): the layout may read the
    label column apart from the text beside it, so that the label lands in another block and its
    text runs on in the block above. Each label line alone on its row goes back in front of the
    line on its baseline to its right: that block is cut there, and the label with that line and
    the rest of its block is one block. A new list; the blocks are not changed."""
    out = list(blocks)
    for _ in range(8):  # one move per pass (indexes change); a front page holds a few labels
        moved = _move_one_label(out, rules)
        if moved is None:
            return out
        out = moved
    return out


def _move_one_label(blocks: list[Block], rules: Rules) -> list[Block] | None:
    for bi, blk in enumerate(blocks):
        if len(blk.pieces) != 1:
            continue
        for lab in blk.lines:
            if not _label_only(lab.text, rules):
                continue
            same_row = [ln for ln in blk.lines if ln is not lab and abs(ln.y1 - lab.y1) < 0.3 * lab.size]
            if any(0 <= ln.x0 - lab.x1 for ln in same_row):
                continue  # its text is in its own block already
            for ti, tgt in enumerate(blocks):
                if ti == bi or len(tgt.pieces) != 1 or tgt.page != blk.page:
                    continue
                k = next(
                    (
                        k
                        for k, ln in enumerate(tgt.lines)
                        if abs(ln.y1 - lab.y1) < 0.3 * lab.size
                        and 0 <= ln.x0 - lab.x1 < LABEL_CELL_GAP_EM * lab.size
                        and not _label_only(ln.text, rules)
                    ),
                    None,
                )
                if k is None:
                    continue
                rest = [ln for ln in blk.lines if ln is not lab]
                head = _sub_block(tgt, tgt.lines[:k]) if k else None
                tail = _sub_block(tgt, [lab, *tgt.lines[k:]])
                out: list[Block] = []
                for i, b in enumerate(blocks):
                    if i == bi:
                        if rest:
                            out.append(_sub_block(b, rest))
                    elif i == ti:
                        out += [x for x in (head, tail) if x is not None]
                    else:
                        out.append(b)
                return out
    return None


def read_front(blocks: list[Block], rules: Rules, body_size: float) -> AcademicRead | None:
    """The academic fields of one unit, or None when it does not read as a journal paper."""
    blocks = join_label_cells(join_spaced_labels(blocks, rules), rules)
    if not is_academic(blocks, rules):
        return None
    blocks = split_at_labels(blocks, rules)
    running = set(rules.get("academic", "running_fields", default=[]) or [])
    body_share = float(rules.get("academic", "body_size_share", default=0.97))
    foot_share = float(rules.get("academic", "footnote_size_share", default=0.92))
    bio_re = re.compile(rules.get("academic", "bio_pattern") or r"$^")
    st = _State()
    kept: list[Block] = []
    title_at = next((i for i, b in enumerate(blocks) if b.role == Role.TITLE), -1)
    section = None
    above = blocks[: title_at + 1]
    for i, blk in enumerate(above):  # above the title: its label and the journal's masthead
        if blk.role in (Role.TITLE, Role.SECTION, Role.SUBTITLE) or blk.page != blocks[title_at].page:
            kept.append(blk)
        elif _title_en_over(blk, blocks[title_at]):
            kept.append(blk)  # the English title printed above the Chinese one
        elif _names_over(blk, blocks[title_at]):
            kept.append(blk)  # the byline printed over the title: articles.py reads it
        elif _section_label(blk, above[i + 1 :], rules) and section is None:
            section = blk.text.strip()
        elif segs := split_labels(blk.text.strip(), rules)[1]:
            for name, content in segs:  # 文章编号 and DOI printed above the title
                _take(st, name, content, blk, rules)
        else:
            st.front.notes.append(blk.text.strip())
    zone, refs, in_bios = True, False, False
    pending: tuple[str, Block] | None = None  # a label printed alone, waiting for its text
    names: list[str] = []
    last_foot: Block | None = None
    ref_blocks: list[Block] = []
    tail = blocks[title_at + 1 :]
    for k, blk in enumerate(tail):
        text = blk.text.strip()
        lead, segs = split_labels(text, rules, run_in=zone)
        if (refs and _opens_english_front(blk, lead, segs)) or (
            not zone and _english_front_follows(tail, k, body_size, rules)
        ):
            # the English title and abstract printed after the references, the bios or an
            # appendix, at the paper's end: the list ends, the English front matter is read as on
            # the first page
            refs, in_bios, zone = False, False, True
            st.english_tail, st.seen_title_en = True, st.title_en is not None
        if refs and _heads_after_list(blk, text, ref_blocks, rules):
            # 附录, 致谢 after the list: a new part of the paper, no entry's continuation
            refs, in_bios = False, False
            kept.append(dataclasses.replace(blk, role=Role.HEADING))
            continue
        if refs:
            if (
                in_bios
                or any(f == "bio" for f, _ in segs)
                or bio_re.match(text)
                or _opens_with_name(text, names)
            ):
                in_bios = in_bios or not (segs or bio_re.match(text))
                st.front.author_bios.append(text)
            elif (
                _is_references_heading(text, rules)
                or blk.role not in _REFERENCE_ROLES
                or blk.box_id is not None
            ):
                kept.append(blk)  # a remark, a caption, a summary box after the list keep their type
            else:
                ref_text, bio = _bio_run_on(text, bio_re)
                if bio:  # the first bio set right under the last entry, read into its line
                    st.front.author_bios.append(bio)
                    in_bios = True
                ref = dataclasses.replace(blk, role=Role.REFERENCE, text=ref_text)
                kept.append(ref)
                ref_blocks.append(ref)
            continue
        if _is_references_heading(text, rules):
            refs, zone = True, False
            kept.append(dataclasses.replace(blk, role=Role.HEADING))
            continue
        if pending is not None:
            # a label set apart ("Abstract", "Key words" as headings): its text is the next block of
            # the front matter; otherwise the label stays where it is (summaries.py pairs a heading)
            name, label_blk = pending
            pending = None
            if (
                zone
                and not segs
                and _lang_fits(name, text)
                and not (blk.role == Role.HEADING and _ends_zone(blk, st, body_size, body_share))
            ):
                _take(st, name, text, blk, rules)
                st.current = name if name in running else None
                continue
            kept.append(label_blk)
            st.current = None
        if len(segs) == 1 and not segs[0][1] and not lead and zone and segs[0][0] not in FOOTNOTE_FIELDS:
            pending = (segs[0][0], blk)
            continue
        if segs and _FOOT_MARK.match(lead) and all(f in FOOTNOTE_FIELDS for f, _ in segs):
            lead = ""  # a footnote's mark before its label ("† 通信作者. E-mail: …")
        foot_goes_on = last_foot is not None and blk.page == last_foot.page and lead and segs
        if foot_goes_on and blk.size <= foot_share * body_size and st.last_field:
            _take(st, st.last_field, lead, blk, rules)  # the end of the footnote above, then a label
            lead = ""
        if segs and (not lead or zone):
            if lead and st.current in running and _lang_fits(st.current, lead):
                st.add(st.current, lead, blk, go_on=True)  # the abstract's end, then a label
            elif lead:
                _unlabelled(st, blk, lead, rules, names)
            for name, content in segs:
                _take(st, name, content, blk, rules)
                st.last_field = name
                if name not in FOOTNOTE_FIELDS:
                    st.current = name if name in running else None
            last_foot = blk if all(f in FOOTNOTE_FIELDS for f, _ in segs) else None
            if last_foot is not None:
                while kept and _foot_above(kept[-1], blk, foot_share * body_size):
                    # the footnote area's first lines, set without a label (a funding statement)
                    st.front.notes.insert(0, kept.pop().text.strip())
            continue
        if zone and _foot_goes_on(last_foot, blk, foot_share * body_size):
            # a first-page footnote read before the body began (a first page of front matter only)
            (st.front.affiliations if _looks_affiliation(text, rules) else st.front.notes).append(text)
            continue
        if zone and "abstract_zh" not in st.texts and not segs and _bare_abstract_zh(tail, k, rules):
            _take(st, "abstract_zh", text, blk, rules)  # printed without a label (物理学报)
            continue
        last_affiliation = st.front.affiliations[-1] if st.front.affiliations else ""
        if (
            zone
            and not _front_like(text, rules, last_affiliation)
            and _ends_zone(blk, st, body_size, body_share)
        ):
            zone = False
        if zone and st.title_en_block is not None and _title_en_wraps(st.title_en_block, blk, rules):
            st.title_en, st.title_en_block = _join(st.title_en or "", text), blk
            continue
        st.title_en_block = None
        if zone and kept and _continues_title_en(kept[-1], blk):
            kept[-1] = dataclasses.replace(
                kept[-1], text=_join(kept[-1].text, text), lines=kept[-1].lines + blk.lines
            )
            continue
        if zone and st.english_tail and _bare_abstract_en(st, tail, k, rules):
            _take(st, "abstract_en", text, blk, rules)
            continue
        if zone:
            if st.current in running and _lang_fits(st.current, text):
                st.add(st.current, text, blk, go_on=True)
            elif _is_caption(text, rules) and blk.role not in (Role.TITLE, Role.TITLE_EN):
                kept.append(dataclasses.replace(blk, role=Role.CAPTION))  # a figure on the first page
            elif _unlabelled(st, blk, text, rules, names):
                pass
            elif blk.size <= foot_share * body_size and blk.role not in _TITLE_AREA_ROLES:
                # small type between the title and the body: affiliations and editorial notes,
                # whatever words they use, never body text
                framed = _framed(text)
                (st.front.affiliations if framed else st.front.notes).append(text)
            else:
                kept.append(blk)
            continue
        if last_foot is not None and blk.page == last_foot.page and blk.size <= foot_share * body_size:
            (st.front.affiliations if _looks_affiliation(text, rules) else st.front.notes).append(text)
            continue
        last_foot = None
        if bio_re.match(text):
            st.front.author_bios.append(text)
            continue
        if (blk.role in _CAPTION_ROLES or blk.role == Role.TITLE_EN) and _is_caption(text, rules):
            # a figure/table caption line (an English one set bold across the page read as a title)
            kept.append(dataclasses.replace(blk, role=Role.CAPTION))
            continue
        if blk.role in _CAPTION_ROLES and (stack := caption_stack(blk, rules)):
            kept += stack  # captions set one under the other, read as one block
            continue
        kept.append(blk)
    if pending is not None:
        kept.append(pending[1])
    return _result(st, kept, ref_blocks, rules, section)


def _section_label(blk: Block, after: list[Block], rules: Rules) -> bool:
    """A short line above the paper's title is its column label ("综述") when nothing but labelled
    fields (文章编号, DOI) stands between it and the title: the journal's name heading the page's
    masthead has the masthead's other lines (its English name, volume, ISSN) under it."""
    if len(blk.text.strip()) > 8 or re.search(r"\d", blk.text):
        return False
    between = [b for b in after if b.role not in (Role.TITLE, Role.SECTION, Role.SUBTITLE)]
    return all(split_labels(b.text.strip(), rules)[1] for b in between)


def _heads_after_list(blk: Block, text: str, entries: list[Block], rules: Rules) -> bool:
    """A heading after the reference list (附录, 致谢, Background): a short unnumbered line set
    bigger than the list's entries, by `academic.list_end_heading_size` or more, and no longer
    than `academic.list_end_heading_chars`. An entry's own lines are set in the entries' type,
    however short or bold they are; a line its marker types (a 注：or（作者系…）note) is no heading."""
    if not entries or blk.box_id is not None or blk.role not in (Role.PARAGRAPH, Role.HEADING):
        return False
    ratio = float(rules.get("academic", "list_end_heading_size", default=1.1))
    limit = int(rules.get("academic", "list_end_heading_chars", default=30))
    pat = rules.get("academic", "reference_number") or r"^\s*\[(\d{1,3})\]"
    entry_size = median(b.size for b in entries)
    return (
        len(re.sub(r"\s", "", text)) <= limit
        and blk.size >= ratio * entry_size
        and not re.match(pat, fold_width(text))
    )


def _opens_english_front(blk: Block, lead: str, segs: list[tuple[str, str]]) -> bool:
    """The English title, or an English abstract or keywords label opening the block."""
    if blk.role == Role.TITLE_EN:
        return True
    return not lead.strip() and bool(segs) and segs[0][0] in ("abstract_en", "keywords_en")


# how many blocks after an English title-like line its Abstract label may stand (names,
# affiliations and their wrapped lines between)
ENGLISH_FRONT_REACH = 12


def _english_front_follows(blocks: list[Block], k: int, body_size: float, rules: Rules) -> bool:
    """blocks[k], past the body's start, is the English title of front matter printed at the
    paper's end (航空学报 sets it on the last page, after the appendix, a little bigger than the
    body or bold, whatever role its type gave it): a title-like line in Latin script (no sentence,
    no caption, no names, no address) with an Abstract label opening a block after it on its page,
    before any Chinese body text."""
    blk = blocks[k]
    t = fold_width(blk.text).strip()
    if blk.lang != "en" or not latin_script(t) or blk.box_id is not None:
        return False
    if (
        len(t) >= 300
        or t.endswith(".")
        or _is_caption(t, rules)
        or _en_names(t)
        or _looks_affiliation(t, rules)
    ):
        return False
    if not (blk.bold or blk.size >= body_size):
        return False
    for nxt in blocks[k + 1 : k + 1 + ENGLISH_FRONT_REACH]:
        if nxt.page != blk.page:
            return False
        lead, segs = split_labels(nxt.text.strip(), rules)
        if segs and not lead.strip() and segs[0][0] in ("abstract_en", "keywords_en"):
            return True  # the abstract labelled, or printed bare before its labelled keywords
        if (
            nxt.lang == "zh"
            and nxt.role == Role.PARAGRAPH
            and nxt.size >= body_size * 0.97
            and len(nxt.text) > 20
        ):
            return False  # Chinese body text first: a heading of the body in English
    return False


# a Chinese abstract printed bare (no label) runs this many characters at least
BARE_ABSTRACT_ZH_MIN_CHARS = 100


def _bare_abstract_zh(blocks: list[Block], k: int, rules: Rules) -> bool:
    """blocks[k], in the front matter, is the Chinese abstract printed without a label (物理学报
    sets it so, in the body's type, under the affiliations): a paragraph of Chinese with the
    keywords' label opening the block right under it."""
    blk = blocks[k]
    if blk.lang != "zh" or blk.role != Role.PARAGRAPH or k + 1 >= len(blocks):
        return False
    if len(re.sub(r"\s", "", blk.text)) < BARE_ABSTRACT_ZH_MIN_CHARS:
        return False
    nxt = blocks[k + 1]
    lead, segs = split_labels(nxt.text.strip(), rules)
    return nxt.page == blk.page and not lead.strip() and bool(segs) and segs[0][0] == "keywords_zh"


# an English abstract printed bare (no label) runs this many characters at least
BARE_ABSTRACT_MIN_CHARS = 200


def _bare_abstract_en(st: _State, blocks: list[Block], k: int, rules: Rules) -> bool:
    """blocks[k], in English front matter printed at the paper's end, is its abstract printed with
    no label: English sentences (BARE_ABSTRACT_MIN_CHARS and more, ending on a full stop) right
    over the English keywords' label, no abstract read yet."""
    blk = blocks[k]
    t = fold_width(blk.text).strip()
    if (
        "abstract_en" in st.texts
        or blk.lang != "en"
        or len(t) < BARE_ABSTRACT_MIN_CHARS
        or not t.endswith(".")
    ):
        return False
    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
    if nxt is None or nxt.page != blk.page:
        return False
    lead, segs = split_labels(nxt.text.strip(), rules)
    return bool(segs) and not lead.strip() and segs[0][0] == "keywords_en"


def _bio_run_on(text: str, bio_re: re.Pattern) -> tuple[str, str | None]:
    """A reference entry with an author bio run on after its end ("…2022(009):000.王芳（1988−），
    女，…"): (the entry, the bio), or (text, None)."""
    inner = re.compile(r"(?<=[.。)）\]])" + bio_re.pattern.lstrip("^"))
    m = inner.search(text)
    if not m or m.start() == 0:
        return text, None
    return text[: m.start()].rstrip(), text[m.start() :].strip()


# roles a caption line may have been given by its type (a wide caption under a figure across the
# page reads as display type: deck, other)
_CAPTION_ROLES = {
    Role.HEADING,
    Role.PARAGRAPH,
    Role.ENGLISH,
    Role.OTHER,
    Role.DECK,
    Role.DECK_EN,
    Role.LIST_ITEM,
}


def caption_stack(blk: Block, rules: Rules) -> list[Block]:
    """Captions set one under the other (图 2 …, Fig. 2 …, 表 2 …, Table 2 …: a figure's captions
    and the next table's) that the layout read as one block: one caption block per caption, cut
    at each row that opens with a caption's number; [] when the block is not all captions."""
    if len(blk.pieces) != 1:
        return []
    pat = rules.get("academic", "caption_pattern")
    rows = _rows(blk.lines)
    if not pat or len(rows) < 2:
        return []
    groups: list[list] = []
    for row in rows:
        text = fold_width("".join(ln.text for ln in row)).strip()
        if re.match(pat, text):
            groups.append(list(row))
        elif groups:
            groups[-1] += row
        else:
            return []
    if len(groups) < 2:
        return []
    out = [_sub_block(blk, g, Role.CAPTION) for g in groups]
    return out if all(_is_caption(b.text, rules) for b in out) else []


def _is_caption(text: str, rules: Rules) -> bool:
    pat = rules.get("academic", "caption_pattern")
    limit = int(rules.get("academic", "caption_max_chars", default=60))
    t = fold_width(text).strip()
    # measured in ideograph widths: a Latin letter or digit is half of one (an English caption runs
    # about twice as many characters as its Chinese one)
    width = sum(1.0 if is_cjk(c) else 0.5 for c in t if not c.isspace())
    return bool(pat and re.match(pat, t)) and width <= limit and not t.endswith(("。", "."))


def _opens_with_name(text: str, names: list[str]) -> bool:
    t = re.sub(r"\s", "", text)
    return any(len(n) >= 2 and t.startswith(n) and not t.startswith(n + "等") for n in names)


# the English title's wrapped line stands at most this far (x its size) under the line before
TITLE_WRAP_GAP = 0.8


def _title_en_over(blk: Block, title: Block) -> bool:
    """blk is the English title set right above the Chinese title (within two of its lines),
    across the page as the title is."""
    return (
        blk.role == Role.TITLE_EN and blk.column == -1 and 0 <= title.bbox[1] - blk.bbox[3] < 2 * title.size
    )


def _continues_title_en(prev: Block, blk: Block) -> bool:
    """The English title's second line, set apart as a block of its own (same size, right under)."""
    if prev.role != Role.TITLE_EN or blk.lang != "en" or abs(prev.size - blk.size) > 0.3:
        return False
    return -0.5 * blk.size <= blk.bbox[1] - prev.bbox[3] < 0.8 * blk.size and blk.role in (
        Role.HEADING,
        Role.ENGLISH,
        Role.TITLE_EN,
    )


def _title_en_wraps(prev: Block, blk: Block, rules: Rules) -> bool:
    """The English title read from prev wraps onto blk: English in the same type right under it
    (leading as wide as the body's, 1.7 lines, sets the lines apart as blocks), not names, not an
    address, and prev stops short of a sentence's end."""
    if blk.lang != "en" or abs(prev.size - blk.size) > 0.3 or prev.bold != blk.bold:
        return False
    t = blk.text.strip()
    if _name_list(t) or _looks_affiliation(t, rules) or prev.text.rstrip().endswith("."):
        return False
    return -0.5 * blk.size <= blk.bbox[1] - prev.bbox[3] < TITLE_WRAP_GAP * blk.size


def _name_list(text: str) -> bool:
    """English names as an author line sets them: two or more (a comma, "and"), or one with its
    surname in capitals (ZHENG Hualin); two capitalised words alone are as likely the last line of a
    title ("Development Perspective") set in its type."""
    t = fold_width(text)
    return _en_names(t) and bool(re.search(r",|\band\b|\b[A-Z]{2,}\b", t))


def _lang_fits(name: str, text: str) -> bool:
    """Does this text continue that field: Chinese for *_zh, English for *_en?"""
    t = fold_width(text)
    cjk = sum(1 for c in t if is_cjk(c))
    latin = sum(1 for c in t if c.isascii() and c.isalpha())
    return cjk > latin if name.endswith("_zh") else latin > 2 * cjk


def _front_like(text: str, rules: Rules, prev: str = "") -> bool:
    """A name line, an affiliation or affiliation marks: front matter whatever its type size.
    prev: the last affiliation read."""
    t = fold_width(text).strip()
    return bool(_MARKS_ONLY.match(t) or is_name_line(t) or _looks_affiliation(t, rules, prev))


def _ends_zone(blk: Block, st: _State, body_size: float, body_share: float) -> bool:
    """The body begins: a numbered or plain heading, or Chinese text at body size."""
    if st.english_tail and blk.role == Role.HEADING and not _NUMBERED_HEADING.match(blk.text):
        return False  # a remark set bold beside the English names; the paper's headings are behind
    if blk.role == Role.HEADING and (blk.lang == "zh" or _NUMBERED_HEADING.match(blk.text)):
        # an unnumbered Chinese line before any front-matter label is the title area's (a name line
        # set without separators), not the first heading of the body
        seen = bool(st.texts) or st.front.clc is not None or st.front.doi is not None
        return not _MARKS_ONLY.match(blk.text) and (seen or bool(_NUMBERED_HEADING.match(blk.text)))
    if blk.lang != "zh" or blk.role not in (Role.PARAGRAPH, Role.LIST_ITEM, Role.BOX, Role.NOTE):
        return False
    return blk.size >= body_share * body_size and len(blk.text.strip()) > 20


def _unlabelled(st: _State, blk: Block, text: str, rules: Rules, names: list[str]) -> bool:
    """A block of the front matter without a label: names, affiliations, affiliation marks.
    False when it is none of them (a title, a byline: articles.py reads those)."""
    t = text.strip()
    if _MARKS_ONLY.match(t) and len(t) <= 16:
        st.front.notes.append(t)  # affiliation marks set apart from their names
        return True
    spaced = spaced_text(blk).strip() if blk.lines and t == blk.text.strip() else t
    goes_on = st.byline_block is not None and same_row(st.byline_block, blk)
    if blk.lang == "zh" and (not names or goes_on) and is_name_line(spaced):
        names += split_names(spaced)
        st.byline = f"{st.byline} {spaced}" if goes_on and st.byline else spaced
        st.byline_block = blk
        return True
    if st.names_en_block is not None and same_row(st.names_en_block, blk) and _framed(t):
        st.front.notes.append(t)  # a remark in brackets after the English names, on their line
        st.names_en_block = blk
        return True
    note = st.front.notes[-1] if st.front.notes else ""
    if note and _unclosed(note) and not _MARKS_ONLY.match(t) and re.search(r"[)）]", t) and len(t) < 40:
        st.front.notes[-1] = _join(note, t)  # the remark's bracket closes on the next line
        return True
    last = st.front.affiliations[-1] if st.front.affiliations else ""
    wraps = last.rstrip().endswith((",", "，")) and not _framed(t)  # "…, Nanjing 210016," / "China"
    if last and (_unclosed(last) or wraps) and not _MARKS_ONLY.match(t):
        st.front.affiliations[-1] = _join(last, t)  # the bracketed list goes on on the next line
        return True
    if _looks_affiliation(t, rules, last):
        st.front.affiliations.append(t)
        return True
    if (
        blk.lang == "en"
        and not st.seen_title_en
        and "abstract_en" not in st.texts
        # (typed title_en by its type: at the paper's end, after English read into the body before
        # it, a caption's or the journal's name, it is the paper's English title all the same)
        and (
            blk.role in (Role.HEADING, Role.ENGLISH, Role.DECK_EN)
            or (st.english_tail and blk.role == Role.TITLE_EN)
        )
    ):
        # the English title: set bold, or (in regular type, smaller than the body) the first English
        # line after the Chinese front matter that reads as a title, not a sentence or an address
        chinese_done = bool(st.texts.get("abstract_zh") or st.texts.get("keywords_zh"))
        titled = t[:1].isupper() and not t.rstrip().endswith(".") and not _framed(t) and len(t) < 300
        rows = _rows(blk.lines) if t == blk.text.strip() else []
        names_row = " ".join(ln.text for ln in rows[-1]) if len(rows) >= 2 else ""
        if names_row and _name_list(names_row):  # the English names set right under it, same type
            t = _join_rows(rows[:-1])
        if (blk.bold or (chinese_done and titled)) and not _en_names(t) and not _looks_affiliation(t, rules):
            st.seen_title_en, st.title_en = True, t  # the English title, set as a heading in the grid
            st.title_en_block = None if names_row and _name_list(names_row) else blk
            if names_row and _name_list(names_row):
                st.front.authors_en += _en_name_list(names_row)
            return True
    if blk.role == Role.TITLE_EN:
        st.seen_title_en = True
    if blk.lang == "en" and _en_names(t) and (blk.role != Role.TITLE_EN or st.title_en is not None):
        # names typed title_en (set at the title's size across the page) once the title is read
        st.front.authors_en += _en_name_list(t)
        st.names_en_block = blk
        return True
    return False


def _en_name_list(text: str) -> list[str]:
    return [n.strip() for n in re.split(r",|\band\b", _EN_MARKS.sub("", text)) if n.strip()]


def _join_rows(rows: list[list]) -> str:
    text = ""
    for row in rows:
        text = (
            _join(text, " ".join(ln.text.strip() for ln in row))
            if text
            else " ".join(ln.text.strip() for ln in row)
        )
    return text


def _take(st: _State, name: str, content: str, blk: Block, rules: Rules) -> None:
    f = st.front
    if name in ("abstract_zh", "abstract_en"):
        st.add(name, content, blk)
    elif name == "keywords_zh":
        st.add(name, content, blk)
    elif name == "keywords_en":
        f.keywords_en += _keywords(content)
    elif name in ("clc", "doc_code", "article_no", "doi"):
        if getattr(f, name) is None:
            setattr(f, name, content)
    elif name == "received":
        f.received = content if f.received is None else f"{f.received}; {content}"
    elif name == "funding":
        f.funding.append(content)
    elif name == "bio":
        if content:
            f.author_bios.append(content)
    elif name == "corresponding":
        f.corresponding = content
    else:
        f.notes.append(content)


def _result(
    st: _State, kept: list[Block], ref_blocks: list[Block], rules: Rules, section: str | None
) -> AcademicRead:
    kept, decisions = numbered_headings(kept, rules)  # run-in headings; numbers that are none
    kept = numbered_points(kept, rules)  # the paper's numbered points are paragraphs
    out = AcademicRead(blocks=kept, front=st.front, section=section, byline=st.byline, title_en=st.title_en)
    out.decisions = decisions
    out.authors = split_names(st.byline) if st.byline else []
    if st.texts.get("abstract_zh"):
        out.abstract_zh = " ".join(st.texts["abstract_zh"]).strip()
    if st.texts.get("keywords_zh"):
        out.keywords_zh = [w for t in st.texts["keywords_zh"] for w in _keywords(t)]
    for text in [t for t in st.texts.get("abstract_en", []) if t.strip()]:
        pages = sorted(st.pages.get("abstract_en", set()))
        out.summaries.append(
            Summary(
                SummaryKind.ABSTRACT,
                text.strip(),
                pages,
                1.0,
                "Abstract label in the front matter",
                bbox=st.boxes.get("abstract_en"),
            )
        )
    out.references = split_references(ref_blocks, rules)
    return out


def split_references(blocks: list[Block], rules: Rules) -> list[Reference]:
    """The reference list, one entry per printed number ([1], [2] … or 1, 2 …).

    Entries are cut where the next number in sequence stands, so a line of one entry that
    starts with a digit (a year, a page) does not open a new one."""
    if not blocks:
        return []
    text, starts = "", []  # the list as one text, and where each block starts in it
    compounds = {w.lower() for b in blocks for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", b.text)}
    for b in blocks:
        piece = b.text.strip()
        # a word hyphenated at a line or column end is one word again, unless the list prints
        # that compound with its hyphen elsewhere (multi-agent)
        if text and re.search(r"[A-Za-z]-$", text) and piece[:1].islower():
            text = join_fragments(text, piece, compounds)
        else:
            text = f"{text} {piece}" if text else piece  # a space: the next number stands apart
        starts.append((len(text) - len(piece), b.page))
    pat = rules.get("academic", "reference_number") or r"^\s*\[(\d{1,3})\]"
    first = re.match(pat, fold_width(text))
    if not first:
        return [Reference(None, text, blocks[0].page)]
    n = int(next(g for g in first.groups() if g))
    bracket = fold_width(text).lstrip()[:1] == "["
    folded = fold_width(text)
    cuts = [(0, n)]
    pos = first.end()
    while True:
        nxt = n + 1
        needle = (
            rf"\[{nxt}\]" if bracket else rf"(?<=[\s.。)）\]])\s*{nxt}[.．]?\s+(?=[A-Z\u4e00-\u9fff\[(（])"
        )
        m = re.compile(needle).search(folded, pos)
        if not m:
            break
        cuts.append((m.start(), nxt))
        pos, n = m.end(), nxt
    out = []
    for k, (at, num) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(text)
        page = next((p for s, p in reversed(starts) if s <= at), blocks[0].page)
        out.append(Reference(num, text[at:end].strip(), page))
    return out


def apply(art, read: AcademicRead) -> None:
    """Put what read_front found into the article articles.py built from the blocks left."""
    art.front = read.front
    art.abstract_zh = read.abstract_zh or art.abstract_zh
    art.keywords_zh = read.keywords_zh or art.keywords_zh
    art.summaries = read.summaries + art.summaries
    art.references = read.references
    if read.section and not art.section_zh:
        art.section_zh = read.section
    if read.title_en:  # read in the front matter's order, before any English that follows it
        art.title_en = read.title_en
    if read.byline and not art.authors:
        art.byline, art.authors = read.byline, read.authors
    art.authors = [n for n in (_strip_marks(a) for a in art.authors) if n]


def _names_over(blk: Block, title: Block) -> bool:
    """The authors' names right over the title (a house that prints the byline first)."""
    return (
        blk.lang == "zh"
        and 0 <= title.bbox[1] - blk.bbox[3] < 2 * title.size
        and (blk.role == Role.BYLINE or is_name_line(blk.text.strip()))
    )


# text above a paper's title that reads as the end of the paper before it (a paper cut out of
# an issue's pages opens mid-page): this many characters of body-size paragraphs, or references
PAPER_TAIL_MIN_CHARS = 60


def ends_paper_before(head: list[Block], nxt: list[Block], rules: Rules) -> bool:
    """head, set above a journal paper's title on the title's page, is the end of the paper
    before it: body paragraphs or the tail of a reference list, not a masthead or a cover."""
    title = next((b for b in nxt if b.role == Role.TITLE), None)
    if title is None or not head or not is_academic(nxt, rules):
        return False
    if any(b.page != title.page or b.bbox[1] > title.bbox[1] for b in head):
        return False
    refs = re.compile(rules.get("reference_pattern") or r"^\s*\[\d{1,3}\]")
    prose = sum(len(b.text) for b in head if b.role == Role.PARAGRAPH)
    return prose >= PAPER_TAIL_MIN_CHARS or any(refs.match(b.text) for b in head)


MASTHEAD_MAX_CHARS = 200  # more text than this above a title is a page of its own, not its masthead
# type below this share of the paper's body size above its title (the journal's name and
# volume, a citation line "引用格式：…" with its English version) is a masthead's whatever its
# length: only text at body size or more counts against MASTHEAD_MAX_CHARS
MASTHEAD_SMALL_SHARE = 0.9


def _body_size(blocks: list[Block]) -> float | None:
    """The size most of the paper's paragraph text is set in (by characters)."""
    chars: dict[float, int] = {}
    for b in blocks:
        if b.role == Role.PARAGRAPH and b.size:
            chars[round(b.size, 1)] = chars.get(round(b.size, 1), 0) + len(b.text)
    return max(chars, key=chars.get) if chars else None


def joins_masthead(head: list[Block], nxt: list[Block], rules: Rules) -> bool:
    """Lines printed above a journal paper's title on its first page (the journal's masthead,
    volume and issue, a column label, a citation line in small type) belong to the paper, not to
    a cover of their own."""
    title = next((b for b in nxt if b.role == Role.TITLE), None)
    if title is None or any(b.role == Role.TITLE for b in head) or not head:
        return False
    if any(b.page != title.page or b.bbox[1] > title.bbox[1] for b in head):
        return False
    if ends_paper_before(head, nxt, rules):
        return False  # body text or reference entries: the paper before, however small its type
    body = _body_size(nxt)
    counted = sum(len(b.text) for b in head if body is None or b.size >= MASTHEAD_SMALL_SHARE * body)
    return counted <= MASTHEAD_MAX_CHARS and is_academic(nxt, rules)
