"""The academic-article genre: labelled front matter, footnotes and references as fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.academic import find_labels, fold_width, split_labels, split_names
from pipeline.rules import Rules
from pipeline.run import ingest_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load()


def _rows(out: Path, issue_id: str, table: str) -> list[dict]:
    path = out / "jsonl" / issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_labels_letter_spaced_full_width_and_run_on(rules):
    lead, segs = split_labels("摘　要：本文提出一种方法。", rules)
    assert lead == "" and segs == [("abstract_zh", "本文提出一种方法。")]
    # two footnote labels run on in one line; the second stands mid-line after a CJK word
    _, segs = split_labels("关键词：网络；集合通信中图分类号：TP393；TN91", rules)
    assert [f for f, _ in segs] == ["keywords_zh", "clc"] and segs[1][1] == "TP393；TN91"
    _, segs = split_labels("Ａｂｓｔｒａｃｔ：Ｗｅ ｓｔｕｄｙ", rules)
    assert segs == [("abstract_en", "Ｗｅ ｓｔｕｄｙ")]  # matched folded, kept as printed
    # a label word inside running text is no label
    assert find_labels("本文的摘要内容包括研究目的", rules) == []
    assert fold_width("２０２０，Ａ") == "2020,A"


def test_names_letter_spaced_and_marked():
    assert split_names("柴若楠　郜　帅　兰江雨") == ["柴若楠", "郜帅", "兰江雨"]
    assert split_names("张慧峰1，刘宁春1，朱俊1*") == ["张慧峰", "刘宁春", "朱俊"]


def test_references_are_a_table_and_not_body(tmp_path, rules):
    """latex-academic's paper: its list comes out one row per numbered entry, its blocks stay typed
    reference, and none of it is in body_zh; its abstracts are fields, not body."""
    issue = ingest_file(FIXTURES / "latex-academic.pdf", tmp_path, rules)
    iid = issue.meta.issue_id
    refs = _rows(tmp_path, iid, "references")
    assert [r["number"] for r in refs] == list(range(1, 13))
    assert refs[0]["ref_text"].startswith("[1] ") and "[2]" not in refs[0]["ref_text"]
    art = next(a for a in _rows(tmp_path, iid, "articles") if a["article_id"] == refs[0]["article_id"])
    assert "[3]" not in art["body_zh"] and "摘要" not in art["body_zh"]
    assert art["abstract_zh"] and art["keywords_zh"]
    blocks = [b for b in _rows(tmp_path, iid, "blocks") if b["article_id"] == art["article_id"]]
    assert sum(b["type"] == "reference" for b in blocks) == 12
