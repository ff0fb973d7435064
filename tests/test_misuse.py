"""Misuse of the commands and of rules files: one line naming the file, key or option; no traceback,
nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import ingest_app, pipeline_app
from pipeline.rules import DEFAULT_RULES, Rules

FIXTURE = Path(__file__).parent / "fixtures" / "news-classic.pdf"  # 6 pages
RULES_DIR = DEFAULT_RULES.parent


def _one_line(res, *words: str) -> str:
    assert res.exit_code != 0
    assert "Traceback" not in (res.stderr + res.stdout)
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


def _rules_file(tmp_path: Path, body: str) -> Path:
    """A magazine file that extends the real base (so only the line under test can be wrong)."""
    path = tmp_path / "mag.yaml"
    path.write_text(f"extends: {RULES_DIR / 'base-zh.yaml'}\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body, key, words",
    [
        ("sectons:\n  - {zh: 聚焦, en: Focus}\n", "sectons", ["unknown key", "'sections'"]),
        ('sections: "nope"\n', "sections", ["expected a list"]),
        ("sections:\n  - {zh: 聚焦, en: [Focus]}\n", "sections[0].en", ["expected a string"]),
        ("byline_patterns: ['^文(']\n", "byline_patterns[0]", ["does not compile"]),
        ("issue_patterns: {total_number: '总第(\\d+期'}\n", "issue_patterns.total_number", ["compile"]),
        ("limits: {max_pages: lots}\n", "limits.max_pages", ["expected an integer"]),
        ("tables: {aligned: {min_rowz: 3}}\n", "tables.aligned.min_rowz", ["unknown key"]),
    ],
)
def test_bad_rules_file_names_file_and_key(tmp_path, body, key, words):
    path = _rules_file(tmp_path, body)
    with pytest.raises(ValueError) as err:
        Rules.load(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: {key}:") and "\n" not in msg, msg
    for w in words:
        assert w in msg
    out = tmp_path / "out"
    line = _one_line(
        CliRunner().invoke(ingest_app, [str(FIXTURE), "--out", str(out), "--rules", str(path)]),
        str(path),
        key,
    )
    assert not out.exists(), line
    _one_line(CliRunner().invoke(pipeline_app, ["inspect", str(FIXTURE), "--rules", str(path)]), key)


def test_rules_extending_a_missing_file(tmp_path):
    path = tmp_path / "mag.yaml"
    path.write_text("extends: nowhere.yaml\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"mag.yaml: extends: nowhere.yaml not found"):
        Rules.load(path)


def test_shipped_rules_files_validate():
    for path in RULES_DIR.glob("*.yaml"):
        Rules.load(path)


def test_out_pointing_at_a_file(tmp_path):
    target = tmp_path / "taken.txt"
    target.write_text("x")
    _one_line(CliRunner().invoke(ingest_app, [str(FIXTURE), "--out", str(target)]), "--out", str(target))
    _one_line(CliRunner().invoke(ingest_app, [str(FIXTURE), "--out", str(target / "sub")]), "--out")
    assert target.read_text() == "x"


def test_a_folder_without_batch_is_refused(tmp_path):
    (tmp_path / "raw").mkdir()
    res = CliRunner().invoke(ingest_app, [str(tmp_path / "raw"), "--out", str(tmp_path / "out")])
    _one_line(res, str(tmp_path / "raw"), "ingest batch")
    assert not (tmp_path / "out").exists()
    res = CliRunner().invoke(ingest_app, ["batch", str(FIXTURE), "--out", str(tmp_path / "out")])
    _one_line(res, str(FIXTURE), "not a folder")
    for extra, words in ((["--corrections", str(FIXTURE)], ["--corrections"]),):
        res = CliRunner().invoke(
            ingest_app, ["batch", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), *extra]
        )
        _one_line(res, *words)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "spec, words",
    [("abc", ["--pages 'abc'", "10-13"]), ("100", ["--pages '100'", "6 pages"]), ("3-1", ["'3-1'"])],
)
def test_inspect_pages_misuse(tmp_path, spec, words):
    out = tmp_path / "inspect"
    res = CliRunner().invoke(pipeline_app, ["inspect", str(FIXTURE), "--pages", spec, "--out", str(out)])
    _one_line(res, *words)
    assert not out.exists()


def test_inspect_writes_the_pages_asked_for(tmp_path):
    res = CliRunner().invoke(
        pipeline_app, ["inspect", str(FIXTURE), "--pages", "2-3", "--out", str(tmp_path)]
    )
    assert res.exit_code == 0, res.stderr
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "news-classic-p002.png",
        "news-classic-p003.png",
    ]


def test_another_source_for_an_issue_id_is_refused_before_any_work(tmp_path, monkeypatch):
    out = tmp_path / "out"
    first, other = FIXTURE, FIXTURE.parent / "tables-classic.pdf"  # both print issue 2026-v2n1
    assert CliRunner().invoke(ingest_app, [str(first), "--out", str(out)]).exit_code == 0
    import pipeline.run

    def no_work(*args, **kwargs):
        raise AssertionError("the stages ran")

    with monkeypatch.context() as m:
        m.setattr(pipeline.run, "extract", no_work)
        res = CliRunner().invoke(ingest_app, [str(other), "--out", str(out)])
    line = _one_line(res, str(other), str(first), "2026-v2n1", "--replace")
    assert res.exit_code == 1, line
    rows = (out / "jsonl" / "2026-v2n1" / "issues.jsonl").read_text(encoding="utf-8")
    assert str(first) in rows and str(other) not in rows
    # the same file again is its own partition; --replace writes the other one
    assert CliRunner().invoke(ingest_app, [str(first), "--out", str(out)]).exit_code == 0
    res = CliRunner().invoke(ingest_app, [str(other), "--out", str(out), "--replace"])
    assert res.exit_code == 0, res.stderr
    assert str(other) in (out / "jsonl" / "2026-v2n1" / "issues.jsonl").read_text(encoding="utf-8")


def test_eval_misuse(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(ingest_app, [str(FIXTURE), "--out", str(out)]).exit_code == 0
    key = FIXTURE.with_suffix(".truth.json")
    not_json = tmp_path / "key.json"
    not_json.write_text("no json here")
    for args, words in (
        ([str(tmp_path / "nope"), "--truth", str(key)], ["nope", "not an output folder"]),
        ([str(out), "--truth", str(tmp_path / "nope.json")], ["--truth", "nope.json", "not found"]),
        ([str(out), "--truth", str(not_json)], [str(not_json), "cannot score"]),
        ([str(out), "--truth", str(key), "--issue-id", "1999-v1n1"], ["--issue-id 1999-v1n1", "2026-v2n1"]),
    ):
        _one_line(CliRunner().invoke(pipeline_app, ["eval", *args]), *words)
