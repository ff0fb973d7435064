"""The sample issue typeset by Typst in a house style of its own (pipeline/sample/typst_issue.py;
`make eval` makes and scores the whole rendition). Three of its pages are committed: an article
whose first photo stands at the top of its first column under a "■ 张三 李四" byline, and a
three-line table whose cells open with a bracket Typst sets compressed at the line start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file

EXTRACT = Path(__file__).parent / "fixtures" / "typst" / "typst-extract.pdf"


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    rules = Rules.load(DEFAULT_RULES)
    out = tmp_path_factory.mktemp("typst")
    issue = ingest_file(EXTRACT, out, rules)
    root = out / "jsonl" / issue.meta.issue_id

    def rows(table: str) -> list[dict]:
        return [json.loads(x) for x in (root / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]

    return rows


def test_a_caption_read_before_the_byline_is_no_byline(extract):
    """The photo at the top of the first column puts its caption ("世和基因", two names' shape) in
    reading order before the byline "■ 李都 张希 肖凡": main took the caption for a bare byline and
    typed the real one a heading."""
    (art,) = [a for a in extract("articles") if a["kind"] == "article"]
    assert art["authors"] == ["李都", "张希", "肖凡"]
    assert "世和基因" in [c["text"] for c in extract("captions")]


def test_three_line_table_with_compressed_opening_brackets(extract):
    """Typst sets 《 at a cell's start compressed to its inked half, so its glyph box reaches half an
    em into the gap after the narrow column before it (省份: 黑龙江 then 《黑龙江省…》): main read the
    two columns as one (cells 0.52 on the whole rendition)."""
    (table,) = extract("tables")
    assert table["header"] == ["发布时间", "省份", "政策名称"]
    assert len(table["rows"]) == 14 and all(len(r) == 3 and r[2].startswith("《") for r in table["rows"])
    assert ["2026年2月", "黑龙江", "《黑龙江省深入实施“人工智能+”行动的实施方案》"] in table["rows"]
