"""Load a publication's rules file (YAML) into a typed object.

Everything publication-specific (section names, markers, patterns, dictionaries) is data in
rules/*.yaml; code only reads it through this object.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import yaml

from .rules_schema import RulesError, validate

T = TypeVar("T")

_SPACES = re.compile(r"\s+")

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "rules" / "guojikejicujin.yaml"


# libyaml's parser when PyYAML was built with it: the rules files are read at every start (a
# single `ingest` reads some ten, to choose its rules and load them), ~10x faster than PyYAML's
# pure-Python parser. Both build the values with the same safe constructor.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """yaml.safe_load's value; a text that does not parse is parsed again by PyYAML's own parser,
    so the error says what it always said."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return yaml.safe_load(text)


def _read(path: Path, seen: tuple[Path, ...] = ()) -> dict:
    """A rules file, over the file it `extends:` (a path beside it): what a magazine shares with
    others is written once; its own keys replace the base's, mappings merged key by key."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except OSError as e:
        raise RulesError(f"{path}: cannot read rules file ({e.strerror})") from e
    except yaml.YAMLError as e:
        raise RulesError(f"{path}: not valid YAML ({_one_line(e)})") from e
    validate(data, path)
    base = data.pop("extends", None)
    if not base:
        return data
    base_path = (path.parent / base).resolve()
    if base_path in seen:
        raise RulesError(f"{path}: extends: rules files extend each other in a loop")
    if not base_path.is_file():
        raise RulesError(f"{path}: extends: {base} not found (a path beside this file)")
    return _merge(_read(base_path, (*seen, path.resolve())), data)


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _chain(path: Path) -> list[Path]:
    """The rules file and the files it extends, base first."""
    chain: list[Path] = []
    while path is not None and path.resolve() not in chain:
        chain.insert(0, path.resolve())
        try:
            base = (load_yaml(path.read_text(encoding="utf-8")) or {}).get("extends")
        except (OSError, yaml.YAMLError, AttributeError):
            break
        path = (path.parent / base) if base else None
    return chain


_CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def page_number(text: str) -> int | None:
    """A page number as a jump line prints it: digits (full-width too), or Chinese numerals as a
    newspaper names its pages (第二版, 第十二版, 第一百零五页); None for anything else."""
    if text.isdigit():
        return int(text)
    total = digit = 0
    for ch in text:
        if ch in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[ch]
        elif ch in "十百":
            total += (digit or 1) * (10 if ch == "十" else 100)
            digit = 0
        else:
            return None
    return total + digit


@dataclass
class Rules:
    data: dict
    root: Path = field(default=Path("."))
    file: Path | None = None  # the rules file loaded (provenance in the datasets' metadata)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Rules:
        path = Path(path) if path else DEFAULT_RULES
        return cls(data=_read(path), root=path.resolve().parent.parent, file=path.resolve())

    @cached_property
    def sha256(self) -> str | None:
        """sha256 of the rules file and every file it extends, their bytes concatenated base
        first: any edit to any of them changes it."""
        if self.file is None:
            return None
        h = hashlib.sha256()
        for p in _chain(self.file):
            h.update(p.read_bytes())
        return h.hexdigest()

    def get(self, *keys, default=None):
        node = self.data
        for k in keys:
            if not isinstance(node, dict) or k not in node:
                return default
            node = node[k]
        return node

    def path(self, *keys) -> Path | None:
        p = self.get(*keys)
        return (self.root / p) if p else None

    @cached_property
    def sections(self) -> list[dict]:
        return self.get("sections", default=[]) or []

    @cached_property
    def _section_names(self) -> list[tuple[str, dict]]:
        """(name without spaces, lower case; its section), longest first."""
        names = [
            (re.sub(r"\s+", "", name).lower(), s)
            for s in self.sections
            for name in (s.get("zh"), s.get("en"))
            if name
        ]
        return sorted(names, key=lambda ns: -len(ns[0]))

    @cached_property
    def _sections_by_first(self) -> dict[str, list[tuple[str, dict]]]:
        """_section_names by their first character, each list longest first as there: a text can
        only start with the names that start with its own first character (section_for is asked
        of thousands of lines; the names of every section were tried on each)."""
        index: dict[str, list[tuple[str, dict]]] = {}
        for n, s in self._section_names:
            if n:
                index.setdefault(n[0], []).append((n, s))
        return index

    def section_for(self, text: str) -> dict | None:
        """The section whose zh or en name the text starts with (labels, running heads)."""
        t = _SPACES.sub("", text).lower()
        return next((s for n, s in self._sections_by_first.get(t[:1], ()) if t.startswith(n)), None)

    def derived(self, name: str, build: Callable[[Rules], T]) -> T:
        """What a stage compiles from these rules (patterns, indexes), built once per Rules:
        a stage that asks for it on every line must not rebuild it every time."""
        try:  # the usual call: built already (asked of every line; no empty dict made each time)
            return self.__dict__["_derived"][name]
        except KeyError:
            pass
        cache = self.__dict__.setdefault("_derived", {})
        if name not in cache:
            cache[name] = build(self)
        return cache[name]

    def jump_line(self, text: str) -> tuple[str, int | None] | None:
        """A line that sends the reader to another page (rules' jump_lines): ("out" | "in", the
        printed page it names, None when it names none); None for any other line."""
        compiled = self.derived(
            "jump_lines",
            lambda r: [
                (way, re.compile(p))
                for way in ("out", "in")
                for p in r.get("jump_lines", way, default=[]) or []
            ],
        )
        for way, pattern in compiled:
            m = pattern.match(text)
            if m:
                page = m.groupdict().get("page")
                return way, page_number(page) if page else None
        return None

    def continued_label(self, text: str) -> re.Match | None:
        """The text opens with a table's continued label (rules' tables.continued_patterns: 续表 3,
        表 3（续）, Table 3 (continued)): the match, its group `number` the table's number where the
        form names it in digits; None for any other text."""
        compiled = self.derived(
            "continued_labels",
            lambda r: [re.compile(p) for p in r.get("tables", "continued_patterns", default=[]) or []],
        )
        return next((m for p in compiled if (m := p.match(text))), None)

    def markers(self, kind: str) -> list[str]:
        return self.get("block_markers", kind, default=[]) or []

    @cached_property
    def byline_res(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.get("byline_patterns", default=[])]

    @cached_property
    def list_item_re(self) -> re.Pattern | None:
        p = self.get("list_item_pattern")
        return re.compile(p) if p else None

    @cached_property
    def field_label_re(self) -> re.Pattern | None:
        p = self.get("field_label_pattern")
        return re.compile(p) if p else None

    @cached_property
    def heading_number_re(self) -> re.Pattern | None:
        """heading_number_pattern, never matching a number a unit or measure word follows
        (heading_number_units: "2.5 万亿元" is a quantity)."""
        p = self.get("heading_number_pattern")
        if not p:
            return None
        units = self.get("heading_number_units", default=None) or []
        if units:
            alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
            p = rf"(?!\s*\d{{1,2}}(?:\.\d{{1,2}})*\s*(?:{alt})(?![A-Za-z]))" + p
        return re.compile(p)

    @cached_property
    def _heading_number_unit_res(self) -> tuple[re.Pattern, re.Pattern] | None:
        """(a heading number a unit follows, one whose unit a measure word, another unit, a
        digit, a stop or the line's end follows: a quantity for sure)."""
        p = self.get("heading_number_pattern")
        units = self.get("heading_number_units", default=None) or []
        if not p or not units:
            return None
        alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
        words = self.get("heading_number_measure_words", default=None) or []
        after = "|".join(re.escape(w) for w in sorted({*words, *units}, key=len, reverse=True))
        number = r"^\s*\d{1,2}(?:\.\d{1,2})*\s*"
        unit = rf"{number}(?:{alt})(?![A-Za-z])"
        sure = rf"{unit}\s*(?:{after}|[\d０-９]|[。，、；：！？,.;:!?）)]|$)"
        return re.compile(unit), re.compile(sure)

    def heading_number_doubt(self, text: str) -> bool:
        """The text opens as a numbered heading but for a unit word after its number that nothing
        after it confirms as the number's unit ("2.2 万物互联…", not "2.5 万亿元" nor "1.5 倍。"):
        heading_number_pattern reads it, heading_number_re refuses it, and no measure word,
        other unit, digit, stop or line end follows the unit."""
        res = self._heading_number_unit_res
        p = self.get("heading_number_pattern")
        if res is None or not p or not re.match(p, text):
            return False
        unit, sure = res
        return bool(unit.match(text)) and not sure.match(text)

    @cached_property
    def bio_re(self) -> re.Pattern | None:
        p = self.get("bio_pattern")
        return re.compile(p) if p else None

    @cached_property
    def reference_re(self) -> re.Pattern | None:
        p = self.get("reference_pattern")
        return re.compile(p) if p else None

    @cached_property
    def _summary_heads(self) -> list[tuple[str, re.Pattern]]:
        # any case, any spacing, either apostrophe, a colon after it, and a Chinese name before it
        # ("导读 Reading Summary")
        out = []
        for kind, heads in (self.get("summary_headings", default={}) or {}).items():
            for h in heads:
                words = r"\s*".join(re.escape(w) for w in h.replace("’", "'").split())
                words = words.replace("'", "['’]")
                out.append(
                    (
                        kind,
                        re.compile(rf"^\s*(?:[\u4e00-\u9fff]{{1,8}}\s*)?{words}(?![a-z])\s*[:：.]?\s*", re.I),
                    )
                )
        return out

    def summary_heading(self, text: str) -> tuple[str, int] | None:
        """(kind, where the summary's own text starts) when text opens with a summary heading."""
        for kind, pat in self._summary_heads:
            m = pat.match(text)
            if m:
                return kind, m.end()
        return None

    def summary_kind(self, text: str) -> str | None:
        """Which summary a box heading starts ('Reading Summary' -> reading_summary)."""
        found = self.summary_heading(text)
        return found[0] if found else None
