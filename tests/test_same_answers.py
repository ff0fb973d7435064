"""Faster forms of a few hot tests give the answers of the plain forms they replaced, over the
fixtures' own text and crafted input (speed changes must leave every output as it was)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pipeline.extract import _OBJ, _obj_headers, is_cjk
from pipeline.paragraphs import _CJK_WIDE, _em_units
from pipeline.rules import Rules

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")) + sorted((ROOT / "data" / "raw").glob("*.pdf"))


def _headers(found) -> list[tuple]:
    return [(m.span(), m.groups()) for m in found]


def test_object_headers_as_the_pattern_finds_them_in_every_fixture():
    assert PDFS
    for pdf in PDFS:
        data = pdf.read_bytes()
        assert _headers(_obj_headers(data)) == _headers(_OBJ.finditer(data)), pdf.name


def test_object_headers_as_the_pattern_finds_them_in_crafted_bytes():
    pieces = [b"0", b"1", b"9", b" ", b"\n", b"\r", b"\0", b"\t", b"obj", b"x", b"endobj", b"%%EOF"]
    pieces += [b"12345678901", b" " * 70, b"7" * 80]
    rnd = random.Random(8675)
    for _ in range(5000):
        data = b"".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 40)))
        assert _headers(_obj_headers(data)) == _headers(_OBJ.finditer(data)), data
    # a header whose white space runs past the first look back
    data = b"1 " + b" " * 10000 + b"0 obj" + b"7" * 5000 + b" 0 obj 3 0 objx"
    assert _headers(_obj_headers(data)) == _headers(_OBJ.finditer(data))


def test_em_units_is_the_sum_of_each_character():
    def plain(text: str) -> float:
        return sum(1.0 if is_cjk(ch) else 0.5 for ch in text)

    every = "".join(chr(o) for o in range(0x110000) if not 0xD800 <= o <= 0xDFFF)
    # the characters counted wide are is_cjk's, every one of them
    assert set(_CJK_WIDE.findall(every)) == {ch for ch in every if is_cjk(ch)}
    rnd = random.Random(1)
    for _ in range(500):
        text = "".join(rnd.choice(every[:0x10000]) for _ in range(rnd.randrange(0, 200)))
        assert _em_units(text) == plain(text)


@pytest.mark.parametrize("rules_file", sorted((ROOT / "rules").glob("*.yaml")))
def test_section_for_finds_the_first_longest_name(rules_file):
    try:
        rules = Rules.load(rules_file)
    except ValueError:
        pytest.skip("a base file, not loadable on its own")

    def plain(text: str):
        t = re.sub(r"\s+", "", text).lower()
        return next((s for n, s in rules._section_names if n and t.startswith(n)), None)

    names = [n for sec in rules.sections for n in (sec.get("zh"), sec.get("en")) if n]
    texts = ["", " ", "x", "目录"] + names
    texts += [n[:k] + t for n in names for k in (1, 2, len(n)) for t in ("", " 其他", " Focus", "：")]
    texts += [n.upper() + " " + n for n in names] + [" ".join(n) for n in names]
    for t in texts:
        assert rules.section_for(t) is plain(t), t
