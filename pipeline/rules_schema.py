"""What a rules file may hold: every key, the shape of its value, which strings are patterns.

`validate(data, path)` is called on each file as it is read (before `extends:` merges it), so a
misspelt key (`sectons:`), a wrong shape (`sections: "nope"`) or a pattern that does not compile
fails with one line naming the file and the key, instead of being ignored or crashing a stage
later with a traceback. A new key a stage reads is added here, next to its neighbours.

The spec is plain data: a type name ("str", "int", "num", "bool", "re" = a regular expression,
"path" = a file path), a one-element list `[spec]` (a list of those), a dict of fixed keys, or
`Any(spec)` (a mapping whose keys are free, e.g. block marker kinds, each value of that spec).
YAML null is accepted anywhere (it means "not set").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .models import SummaryKind, UnitKind


@dataclass(frozen=True)
class Any:
    """A mapping with free keys (kinds, units, levels), every value of one spec; `keys`, when
    given, is the enum the keys must be values of (a summary kind, a unit kind)."""

    value: object
    keys: type[StrEnum] | None = None


@dataclass(frozen=True)
class OneOf:
    """A value that may take one of several shapes (e.g. a pattern or a list of patterns)."""

    options: tuple


STRS = ["str"]

SCHEMA: dict = {
    "extends": "path",
    "journal": {"zh": "str", "en": "str", "names": STRS},
    "issue_patterns": {
        "year_volume_number": "re",
        "total_number": "re",
        "eissn": "re",
        "pub_date": "re",
    },
    "sections": [{"zh": "str", "en": "str", "aliases": STRS}],
    "byline_patterns": ["re"],
    "summary_headings": Any(STRS, keys=SummaryKind),
    "page_kinds": Any(STRS, keys=UnitKind),
    "keywords": {"top_k": "int", "user_dict": "path", "stop_words": "path"},
    "block_markers": Any(STRS),
    "bio_pattern": "re",
    "list_item_pattern": "re",
    "field_label_pattern": "re",
    "ordinal_patterns": ["re"],
    "heading_number_pattern": "re",
    "heading_number_units": STRS,
    "heading_number_measure_words": STRS,
    "numbered_paragraphs": {"min_sentences": "int", "min_chars": "num", "run_share": "num"},
    "reference_pattern": "re",
    "jump_lines": {"out": ["re"], "in": ["re"], "run_in": ["re"], "title_marks": ["re"], "page_words": STRS},
    "limits": {
        "max_pages": "int",
        "max_file_mb": "num",
        "timeout_seconds": "num",
        "max_unreadable_share": "num",
        "page_seconds": "num",
        "layout_page_seconds": "num",
        "page_cost_multiple": "num",
        "page_cost_min_seconds": "num",
    },
    "conservation": {
        "min_piece": "int",
        "residue_line_share": "num",
        "unaccounted_page_chars": "int",
        "unaccounted_page_share": "num",
        "residue_warn_share": "num",
    },
    "tables": {
        "caption_pattern": "re",
        "caption_en_pattern": "re",
        "continued_patterns": ["re"],
        "note_markers": STRS,
        "min_column_gap_em": "num",
        "snap_tolerance": "num",
        "max_header_shading_height": "num",
        "area_seconds": "num",
        "file_seconds_per_page": "num",
        "aligned": {
            "min_rows": "int",
            "min_columns": "int",
            "min_gap_em": "num",
            "short_cell_chars": "int",
            "min_short_share": "num",
            "min_numeric_share": "num",
        },
        "units": STRS,
        "unit_quantities": Any({"quantity": "str", "scale": "num"}),
    },
    # characters some fonts map wrongly, repaired where the evidence says so (pipeline/glyphs.py)
    "glyph_repairs": {
        "min_evidence": "int",
        "min_share": "num",
        "table": [{"char": "str", "means": "str", "evidence": ["re"]}],
        "suspects": STRS,
    },
    # the academic-article genre (pipeline/academic.py)
    "academic": {
        "min_signals": "int",
        "fields": Any({"labels": STRS, "strong": "bool"}),
        "running_fields": STRS,
        "references_heading": STRS,
        "reference_number": "re",
        "list_end_heading_size": "num",
        "list_end_heading_chars": "int",
        "bio_pattern": "re",
        "affiliation_pattern": "re",
        "caption_pattern": "re",
        "caption_max_chars": "int",
        "body_size_share": "num",
        "footnote_size_share": "num",
        "numbered_points": {"marker": "re", "run_share": "num"},
        "numbered_headings": {"run_in_max_chars": "int"},
    },
    "facts": {
        "number": "re",
        "approximate_markers": STRS,
        "amount_units": Any("num"),
        "round_stages": STRS,
        "round_text_pattern": "re",
        "round_table": Any(STRS),
        "context_source_pattern": "re",
        "funding_source_pattern": "re",
        "funding_company_pattern": "re",
        "funding_deal_pattern": "re",
        "funding_amount_pattern": "re",
        "funding_scope_pattern": "re",
        "date_pattern": "re",
        "sentence_pattern": "re",
        "block_end_pattern": "re",
        "title_quote_pattern": "re",
        "standards_context_words": STRS,
        "standards_context_chars": "int",
        "standards_counts": [{"status": "str", "pattern": "re"}],
        "standards_levels": Any(STRS),
        "standards_as_of_pattern": "re",
        "standards_period_pattern": "re",
        "organisations": STRS,
        "standard_ref_pattern": "re",
        "policy_patterns": ["re"],
        "policy_issuer_trim": STRS,
        "policy_title_exclude": STRS,
        "policy_table": Any(STRS),
    },
}


class RulesError(ValueError):
    """A rules file that cannot be used: the message is one line naming the file and the key."""


_SHAPE = {
    "str": "a string",
    "re": "a pattern (string)",
    "path": "a file path (string)",
    "int": "an integer",
    "num": "a number",
    "bool": "true or false",
}


def _describe(spec) -> str:
    if isinstance(spec, str):
        return _SHAPE[spec]
    if isinstance(spec, list):
        return "a list"
    if isinstance(spec, OneOf):
        return " or ".join(_describe(o) for o in spec.options)
    return "a mapping (key: value)"


def _errors(value, spec, key: str) -> str | None:
    """The first problem of value against spec, as 'key: what is wrong', or None."""
    if value is None:
        return None
    if isinstance(spec, OneOf):
        found = [_errors(value, o, key) for o in spec.options]
        return None if None in found else found[0]
    if isinstance(spec, str):
        if spec in ("str", "path") and isinstance(value, str):
            return None
        if spec == "re" and isinstance(value, str):
            try:
                re.compile(value)
            except re.error as e:
                return f"{key}: pattern does not compile ({e})"
            return None
        if spec == "int" and isinstance(value, int) and not isinstance(value, bool):
            return None
        if spec == "num" and isinstance(value, int | float) and not isinstance(value, bool):
            return None
        if spec == "bool" and isinstance(value, bool):
            return None
        return f"{key}: expected {_describe(spec)}, got {_show(value)}"
    if isinstance(spec, list):
        if not isinstance(value, list):
            return f"{key}: expected {_describe(spec)}, got {_show(value)}"
        for i, v in enumerate(value):
            if err := _errors(v, spec[0], f"{key}[{i}]"):
                return err
        return None
    if not isinstance(value, dict):
        return f"{key}: expected {_describe(spec)}, got {_show(value)}"
    for k, v in value.items():
        sub = f"{key}.{k}" if key else str(k)
        if isinstance(spec, Any):
            inner = spec.value
            if spec.keys is not None and k not in spec.keys._value2member_map_:
                return f"{sub}: unknown key (one of {', '.join(spec.keys)})"
        elif k in spec:
            inner = spec[k]
        else:
            near = difflib.get_close_matches(str(k), [str(s) for s in spec], n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            return f"{sub}: unknown key{hint}"
        if err := _errors(v, inner, sub):
            return err
    return None


def _show(value) -> str:
    kind = {str: "a string", int: "an integer", float: "a number", bool: "true/false", list: "a list"}
    text = repr(value)
    return f"{kind.get(type(value), 'a mapping')} {text[:40] + '…' if len(text) > 40 else text}"


def validate(data, path: str | Path) -> None:
    """Raise RulesError('<path>: <key>: <problem>') for the first problem in one file's data."""
    if not isinstance(data, dict):
        raise RulesError(f"{path}: a rules file is a mapping of keys, got {_show(data)}")
    if err := _errors(data, SCHEMA, ""):
        raise RulesError(f"{path}: {err}")
