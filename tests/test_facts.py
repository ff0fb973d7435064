"""Typed facts of the sample issue against the list typed from its answer key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.datasets import issue_rows
from pipeline.facts import extract_facts
from pipeline.facts_eval import KEYS, as_printed, fact_key
from pipeline.rules import Rules
from pipeline.run import process

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "data" / "raw" / "issue-2026-v2n1-classic.pdf"
EXPECTED = json.loads(
    (Path(__file__).parent / "fixtures" / "expected_facts.json").read_text(encoding="utf-8")
)
# achieved level (found / expected); a drop below it is a regression
MIN_FOUND = {"investment_rounds": 7, "funding_stats": 6, "standards_counts": 7, "standard_refs": 3}


@pytest.fixture(scope="module")
def facts():
    rules = Rules.load()
    issue, _ = process(SAMPLE, rules)
    return issue, extract_facts(issue, rules)


@pytest.mark.parametrize("table", sorted(KEYS))
def test_found_vs_expected(facts, table):
    _, found = facts
    want = {fact_key(r, table) for r in EXPECTED[table]}
    got = {fact_key(r, table) for r in found[table]}
    hit, missed, extra = want & got, want - got, got - want
    print(f"{table}: found {len(hit)}/{len(want)}, missed {sorted(map(str, missed))}, extra {len(extra)}")
    assert len(hit) >= MIN_FOUND[table], missed
    assert not extra, extra  # nothing the key does not hold


def test_policies_from_the_table(facts):
    _, found = facts
    got = {(r["issuer"], as_printed(r["date"], r["date_precision"]), r["title"]) for r in found["policies"]}
    want = {(r["issuer"], r["date"], r["title"]) for r in EXPECTED["policies_from_table"]}
    assert want <= got


def test_every_fact_row_is_sourced(facts):
    _, found = facts
    for rows in found.values():
        for r in rows:
            assert r["article_seq"] and r["page"] and r["source"]
            assert (r.get("table_index") is not None) != (r.get("block_seq") is not None)


def test_rows_reach_the_datasets(facts):
    issue, found = facts
    rows = issue_rows(issue, {}, found, Rules.load())
    assert len(rows["funding_stats"]) == len(found["funding_stats"])
    assert all(r["article_id"].startswith(issue.meta.issue_id) for r in rows["investment_rounds"])
    cells = [c for c in rows["table_cells"] if c["text"] == "56.6%"]
    assert cells and cells[0]["value_num"] == pytest.approx(0.566) and cells[0]["quantity"] == "share"
    assert cells[0]["printed_value"] == pytest.approx(56.6) and cells[0]["unit"] == "%"


# ---------------------------------------------------------------- other typesetting of the same facts
SPACED = Path(__file__).parent / "fixtures" / "spaced-browser.pdf"  # pipeline/sample/spaced.py


def test_facts_found_where_chinese_and_digits_are_spaced_apart(tmp_path):
    """ "天使轮 662 起", "修订 472 项", "２０２５ 年": the same 23 facts, and three-line tables drawn
    cell by cell at the top of a page (the rounds table) are read as tables."""
    from pipeline.facts_eval import read_output_facts, score_facts
    from pipeline.run import ingest_file

    issue = ingest_file(SPACED, tmp_path, Rules.load())
    res = score_facts(read_output_facts(tmp_path, issue.meta.issue_id), EXPECTED)
    assert res["found"] == res["expected"] == 23 and res["extra"] == 0, res["tables"]
    rounds = [r for r in read_output_facts(tmp_path)["investment_rounds"] if r["table_id"]]
    assert len(rounds) == 5  # from the table, keyed to its cells
    from typer.testing import CliRunner

    from pipeline.cli import pipeline_app

    key, facts = SPACED.with_suffix(".truth.json"), Path(__file__).parent / "fixtures" / "expected_facts.json"
    args = [
        "eval",
        str(tmp_path),
        "--truth",
        str(key),
        "--facts",
        str(facts),
        "--json",
        str(tmp_path / "s.json"),
    ]
    assert CliRunner().invoke(pipeline_app, args).exit_code == 0
    scores = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert (scores["typed_facts_found"], scores["typed_facts_expected"], scores["typed_facts_extra"]) == (
        23,
        23,
        0,
    )


def test_spaces_between_scripts_and_full_width_digits_are_read_as_written():
    from pipeline.facts import normalise

    text = "从融资阶段看，天使轮 662 起，A 轮 745 起；２０２５ 年 ９ 月，T/CI 994- 2025"
    norm, origin = normalise(text)
    assert norm == "从融资阶段看，天使轮662起，A轮745起；2025年9月，T/CI 994-2025"
    assert len(origin) == len(norm) and all(
        text[o] == c or c.isascii() for o, c in zip(origin, norm, strict=True)
    )


def test_facts_read_from_a_notice_too_with_their_block_and_verbatim_source():
    """A unit typed notice (or advertisement) that prints sentences holds facts like an article."""
    from pipeline.models import Article, Block, Issue, IssueMeta, Piece

    text = (
        "据新浪财经创投 Plus 数据显示，2025 年，中国人工智能行业共有 788 家公司获得融资，融资事件 1015 起。"
    )
    notice = Article(
        seq=3,
        kind="notice",
        pages=[7],
        blocks=[
            Block("heading", "启事", [], [Piece(7, (0, 0, 1, 1))]),
            Block("paragraph", text, [], [Piece(7, (0, 10, 1, 11))]),
        ],
    )
    found = extract_facts(Issue(IssueMeta("x"), None, [notice]), Rules.load())["funding_stats"]
    assert len(found) == 1
    f = found[0]
    assert (f["data_source"], f["company_count"], f["deal_count"]) == ("新浪财经创投Plus", 788, 1015)
    assert (f["as_of"], f["as_of_precision"]) == ("2025-01-01", "year")
    assert f["block_seq"] == 1 and f["page"] == 7 and f["source"] == text  # as printed, spaces and all


def test_standard_codes_keep_their_letter_suffix_and_ordinals_are_no_codes():
    from pipeline.models import Article, Block, Issue, IssueMeta, Piece

    refs = [
        "[22] ZHANG X, et al. Proceedings of 2016 IEEE 7th Annual Ubiquitous Computing Conference. 2016: 1-7.",
        "[50] IEEE. IEEE 802.1Qbb—IEEE standard for local and metropolitan area networks[S]. 2011.",
        "[51] 国家标准化管理委员会. GB/T 7714-2015《信息与文献 参考文献著录规则》[S]. 2015.",
    ]
    art = Article(
        seq=1,
        kind="article",
        pages=[9],
        blocks=[Block("reference", t, [], [Piece(9, (0, i, 1, i + 1))]) for i, t in enumerate(refs)],
    )
    found = extract_facts(Issue(IssueMeta("x"), None, [art]), Rules.load())["standard_refs"]
    assert [(r["code"], r["title"]) for r in found] == [
        ("IEEE 802.1Qbb", None),
        ("GB/T 7714-2015", "信息与文献 参考文献著录规则"),
    ]
