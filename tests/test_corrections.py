"""Corrections that survive re-runs: the forms of the corrections file applied to the sample issue,
addressed by page and text prefix, recorded, and reported when stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pipeline.cli import ingest_app
from pipeline.corrections import CorrectionsError, apply_corrections, load_corrections
from pipeline.rules import Rules
from pipeline.run import process

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "data" / "raw" / "issue-2026-v2n1-classic.pdf"
FIXTURE = Path(__file__).parent / "fixtures" / "news-classic.pdf"


def _rows(out: Path, table: str) -> list[dict]:
    (folder,) = (out / "jsonl").iterdir()
    return [json.loads(x) for x in (folder / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def baseline():
    issue, _ = process(SAMPLE, Rules.load())
    return issue


def _pick(issue):
    """Targets chosen from what the pipeline found (not from the key): units with several pages
    and body blocks, so every form has something real to act on."""
    arts = [a for a in issue.articles if a.kind == "article" and a.title_zh and len(a.blocks) >= 8]
    merge = next(a for a in arts if issue.articles[a.seq - 2].kind == "article" and a.pages[0] > 4)
    others = [a for a in arts if a.seq not in (merge.seq, merge.seq - 1)]
    to_set, to_split, to_type = others[0], others[1], others[2]
    split_block = next(b for b in to_split.blocks[1:] if b.page > to_split.pages[0] and b.role == "paragraph")
    typed = next(b for b in to_type.blocks[2:] if b.role == "paragraph" and len(b.text) > 20)
    return merge, to_set, to_split, split_block, to_type, typed


def _file(tmp_path: Path, picks) -> Path:
    merge, to_set, to_split, split_block, _, typed = picks
    entries = [
        {"unit": {"page": merge.pages[0], "title": merge.title_zh[:6]}, "merge_into_previous": True},
        {
            "unit": {"page": to_set.pages[0], "title": to_set.title_zh[:4]},
            "set": {"title_en": "A Title Set by Hand", "authors": ["王怀宇"], "section_zh": "科促会动态"},
        },
        {
            "unit": {"page": to_split.pages[0], "title": to_split.title_zh[:5]},
            "split_at": {"page": split_block.page, "text": split_block.text[:10]},
        },
        {"block": {"page": typed.page, "text": typed.text[:12]}, "type": "pull_quote"},
        {"unit": {"page": 3, "title": "此标题不存在"}, "set": {"title_en": "stale"}},
    ]
    path = tmp_path / "fixes.yaml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def test_forms_apply_without_touching_the_input(baseline, tmp_path):
    picks = _file(tmp_path, _pick(baseline))
    merge, to_set, to_split, split_block, to_type, typed = _pick(baseline)
    before = [(a.seq, a.title_zh, list(a.pages), len(a.blocks)) for a in baseline.articles]
    fixed = apply_corrections(baseline, load_corrections(picks))
    assert [(a.seq, a.title_zh, list(a.pages), len(a.blocks)) for a in baseline.articles] == before
    assert (
        typed.role == "paragraph"
        and typed in next(p for p in baseline.layout.pages if p.number == typed.page).blocks
    )
    assert not baseline.corrections and not any(w.code == "correction_not_applied" for w in baseline.warnings)
    assert [r.applied for r in fixed.corrections] == [True, True, True, True, False]
    # merged: one unit fewer before the split adds one back; its pages and text in the unit before
    assert len(fixed.articles) == len(baseline.articles)
    prev = next(a for a in fixed.articles if a.title_zh == baseline.articles[merge.seq - 2].title_zh)
    assert set(merge.pages) <= set(prev.pages)
    assert merge.blocks[0].text in [b.text for b in prev.blocks]
    assert merge.title_zh in [b.text for b in prev.blocks if b.role == "heading"]
    assert not any(a.title_zh == merge.title_zh for a in fixed.articles)
    s = next(a for a in fixed.articles if a.title_zh == to_set.title_zh)
    assert (s.title_en, s.authors, s.section_zh) == ("A Title Set by Hand", ["王怀宇"], "科促会动态")
    head = next(a for a in fixed.articles if a.title_zh == to_split.title_zh)
    new = fixed.articles[head.seq]  # the next unit opens at the block
    assert split_block.text not in [b.text for b in head.blocks]
    assert new.pages[0] == split_block.page and (
        new.title_zh == split_block.text or new.blocks[0].text == split_block.text
    )
    assert [a.seq for a in fixed.articles] == list(range(1, len(fixed.articles) + 1))
    t = next(a for a in fixed.articles if a.title_zh == to_type.title_zh)
    quoted = next(b for b in t.blocks if b.text == typed.text)
    assert quoted.role == "pull_quote"
    # the page holds the very same block: later stages match a unit's blocks with the page's by identity
    was = next(p for p in baseline.layout.pages if p.number == typed.page).blocks
    now = next(p for p in fixed.layout.pages if p.number == typed.page).blocks
    assert any(b is typed for b in was) == any(b is quoted for b in now)
    assert not any(b is typed for b in now)
    stale = [w for w in fixed.warnings if w.code == "correction_not_applied"]
    assert len(stale) == 1 and "此标题不存在" in stale[0].message and stale[0].page == 3


def test_corrections_survive_a_reingest_and_are_recorded(baseline, tmp_path):
    merge, to_set, to_split, split_block, to_type, typed = picks = _pick(baseline)
    fixes = _file(tmp_path, picks)
    out = tmp_path / "out"
    results = []
    for _ in range(2):  # the same file, run again: the same corrected output
        res = CliRunner().invoke(ingest_app, [str(SAMPLE), "--out", str(out), "--corrections", str(fixes)])
        assert res.exit_code == 0, res.stderr
        stale = [ln for ln in res.stderr.splitlines() if "correction not applied" in ln]
        assert len(stale) == 1 and "此标题不存在" in stale[0] and f"{fixes}:" in stale[0]
        results.append((_rows(out, "articles"), _rows(out, "blocks"), _rows(out, "corrections")))
    assert results[0] == results[1]
    articles, blocks, corrections = results[0]
    assert [c["applied"] for c in corrections] == [True, True, True, True, False]
    assert [c["action"] for c in corrections] == ["merge_into_previous", "set", "split_at", "type", "set"]
    assert all(c["source"] == str(fixes) and c["line"] >= 1 for c in corrections)
    s = next(a for a in articles if a["title_zh"] == to_set.title_zh)
    assert s["title_en"] == "A Title Set by Hand" and s["authors"] == ["王怀宇"]
    quoted = next(b for b in blocks if b["text"] == typed.text)
    assert quoted["type"] == "pull_quote"
    assert typed.text not in next(a for a in articles if a["article_id"] == quoted["article_id"])["body_zh"]
    assert any(w["code"] == "correction_not_applied" for w in _rows(out, "warnings"))


@pytest.mark.parametrize(
    "body, words",
    [
        ("- unit: {page: 3}\n  merge_into_previous: yes please\n", ["fixes.yaml:1", "merge_into_previous"]),
        ("- unit: {page: 3}\n  set: {title_fr: x}\n", ["set.title_fr", "not a unit field"]),
        ("- block: {page: 3, text: 一}\n  type: sidebar\n", ["type", "'sidebar'"]),
        ("- block: {page: 3}\n  type: caption\n", ["block.text"]),
        ("- unit: {page: 3}\n  sett: {title_en: x}\n", ["sett", "unknown key"]),
        ("unit: 3\n", ["list of corrections"]),
    ],
)
def test_bad_corrections_file_is_one_line_before_any_work(tmp_path, body, words):
    path = tmp_path / "fixes.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CorrectionsError) as err:
        load_corrections(path)
    assert "\n" not in str(err.value) and str(err.value).startswith(str(path))
    for w in words:
        assert w in str(err.value)
    out = tmp_path / "out"
    res = CliRunner().invoke(ingest_app, [str(FIXTURE), "--out", str(out), "--corrections", str(path)])
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert res.exit_code == 2 and len(lines) == 1 and str(path) in lines[0]
    assert not out.exists()


def test_block_moved_to_captions_deck_and_furniture(tmp_path):
    issue, _ = process(FIXTURE, Rules.load())
    art = next(a for a in issue.articles if a.kind == "article" and len(a.blocks) >= 4)
    b1, b2, b3 = art.blocks[1], art.blocks[2], art.blocks[3]
    path = tmp_path / "fixes.yaml"
    entries = [
        {"block": {"page": b.page, "text": b.text[:12]}, "type": kind}
        for b, kind in ((b1, "caption"), (b2, "deck"), (b3, "furniture"))
    ]
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    fixed = apply_corrections(issue, load_corrections(path))
    assert all(r.applied for r in fixed.corrections)
    a = next(x for x in fixed.articles if x.title_zh == art.title_zh)
    assert not {b1.text, b2.text, b3.text} & {b.text for b in a.blocks}
    assert b1.text in [c.text for c in a.captions]
    assert b2.text in (a.deck_zh or "")
    now = next(p for p in fixed.layout.pages if p.number == b3.page).furniture
    was = next(p for p in issue.layout.pages if p.number == b3.page).furniture
    assert len(now) == len(was) + len(b3.lines) and b3.lines[0] in now and b3.lines[0] not in was
