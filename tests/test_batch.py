"""`ingest batch`: incremental, parallel, lock, failures, timeout, and kill-then-resume."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pymupdf
import pytest
from conftest import rules_copy
from rich.console import Console

from pipeline.batch import BatchLock, load_manifest, run_batch

FIXTURES = Path(__file__).parent / "fixtures"
NEWS = FIXTURES / "news-classic.pdf"  # issue id 2026-v2n1 (every fixture has this id)
INGEST = Path(sys.executable).parent / "ingest"


def variant(path: Path, number: int, src: Path = NEWS) -> Path:
    """A fixture with a cover page naming another issue: its id becomes 2027-v3n<number>."""
    with pymupdf.open(src) as doc:
        page = doc.new_page(0, width=doc[0].rect.width, height=doc[0].rect.height)
        page.insert_text((72, 100), f"国际科技促进 2027年第3卷第{number}期", fontname="china-s", fontsize=14)
        doc.save(path)
    return path


def batch(folder: Path, out: Path, **kw) -> tuple[int, str]:
    buf = io.StringIO()
    code = run_batch(folder, out, kw.pop("rules", None), console=Console(file=buf, width=300), **kw)
    return code, buf.getvalue()


def n_rows(out: Path, issue_id: str, table: str = "articles") -> int:
    return pq.read_table(out / "parquet" / table / f"issue_id={issue_id}" / "part-0.parquet").num_rows


def partitions(out: Path, table: str = "articles") -> set[str]:
    return {p.name.removeprefix("issue_id=") for p in (out / "parquet" / table).glob("issue_id=*")}


def mtime(out: Path, issue_id: str) -> float:
    return (out / "parquet" / "articles" / f"issue_id={issue_id}" / "part-0.parquet").stat().st_mtime_ns


def reviews(out: Path) -> set[str]:
    """The issues with a review page whose page images are there too."""
    pages = {p.stem for p in (out / "report").glob("*.html")}
    return {
        i
        for i in pages
        if (out / "report" / i / "p001.jpg").exists() and (out / "report" / i / "sizes.json").exists()
    }


def leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.startswith((".staging", ".old-", ".batch-staging"))]


@pytest.fixture(scope="module")
def expected_rows(tmp_path_factory) -> dict[str, int]:
    """Article rows of one plain ingest of each source (to check for duplicates and losses)."""
    from pipeline.rules import Rules
    from pipeline.run import process

    d = tmp_path_factory.mktemp("v")
    rules = Rules.load()
    return {
        "news": len(process(NEWS, rules)[1]["articles"]),
        "variant": len(process(variant(d / "v.pdf", 3), rules)[1]["articles"]),
    }


def test_batch_incremental_force_changed_and_same_content(tmp_path, expected_rows):
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "sub dir").mkdir(parents=True)
    shutil.copy(NEWS, src / "a.pdf")
    shutil.copy(NEWS, src / "sub dir" / "b 副本.pdf")  # same content, other name: same issue id
    variant(src / "c.pdf", 3)

    code, log = batch(src, out, workers=2)
    assert code == 0, log
    assert "3 ingested" in log
    assert partitions(out) == {"2026-v2n1", "2027-v3n3"}
    assert n_rows(out, "2026-v2n1") == expected_rows["news"]  # written twice, no duplicates
    assert n_rows(out, "2027-v3n3") == expected_rows["variant"]
    df = pd.read_parquet(out / "parquet" / "articles")
    assert len(df) == expected_rows["news"] + expected_rows["variant"]
    manifest = load_manifest(out)
    assert {e["status"] for e in manifest.values()} == {"ok"} and len(manifest) == 3
    assert reviews(out) == {"2026-v2n1", "2027-v3n3"}  # each issue's review page, by default
    assert "2027-v3n3" in (out / "report" / "2027-v3n3.html").read_text(encoding="utf-8")
    assert not leftovers(out)

    # re-run: a no-op
    before = {i: mtime(out, i) for i in partitions(out)}
    code, log = batch(src, out, workers=2)
    assert code == 0 and "0 ingested, 3 already done" in log
    assert {i: mtime(out, i) for i in partitions(out)} == before
    assert load_manifest(out) == manifest

    # a changed file is re-ingested and replaces its own partition only
    variant(src / "c.pdf", 4)
    code, log = batch(src, out, workers=2)
    assert code == 0 and "1 ingested, 2 already done" in log, log
    assert partitions(out) == {"2026-v2n1", "2027-v3n4"}  # its old id is gone, the others untouched
    assert reviews(out) == {"2026-v2n1", "2027-v3n4"} == {p.stem for p in (out / "report").glob("*.html")}
    assert mtime(out, "2026-v2n1") == before["2026-v2n1"]
    assert (
        len(pd.read_parquet(out / "parquet" / "articles")) == expected_rows["news"] + expected_rows["variant"]
    )

    # a.pdf changes id, but b 副本.pdf still owns 2026-v2n1: that partition stays
    variant(src / "a.pdf", 5)
    assert batch(src, out)[0] == 0
    assert partitions(out) == {"2026-v2n1", "2027-v3n4", "2027-v3n5"}

    # --force re-ingests everything; --no-report leaves the review pages as they were
    page = out / "report" / "2027-v3n4.html"
    written = page.stat().st_mtime_ns
    code, log = batch(src, out, workers=2, force=True, report=False)
    assert code == 0 and "3 ingested, 0 already done" in log
    assert page.stat().st_mtime_ns == written
    assert not leftovers(out)


def test_no_report_writes_no_review_page(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(NEWS, src / "a.pdf")
    res = subprocess.run(
        [str(INGEST), "batch", str(src), "--out", str(out), "--workers", "1", "--no-report"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert partitions(out) == {"2026-v2n1"} and not (out / "report").exists()


def test_failures_are_listed_and_never_stop_the_batch(tmp_path, expected_rows):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(NEWS, src / "good.pdf")
    (src / "bad.pdf").write_text("not a pdf at all")
    (src / "half.pdf").write_bytes(NEWS.read_bytes()[: NEWS.stat().st_size // 2])
    shutil.copy(FIXTURES / "tables-classic.pdf", src / "other.pdf")  # different content, same id

    code, log = batch(src, out, workers=2)
    assert code == 1
    fails = pd.read_parquet(out / "failures.parquet").set_index("source_path")["reason"].to_dict()
    assert fails[str(src / "bad.pdf")] == "not a PDF (no %PDF header)"
    assert "truncated or damaged" in fails[str(src / "half.pdf")]
    # good.pdf and other.pdf both claim 2026-v2n1: the second is refused from its first pages
    conflict = [r for r in fails.values() if "issue id 2026-v2n1" in r]
    assert len(conflict) == 1 and len(fails) == 3
    assert "claimed by good.pdf in this batch" in fails[str(src / "other.pdf")]
    for name in ("bad.pdf", "half.pdf"):
        assert name in log
    assert partitions(out) == {"2026-v2n1"}
    assert not leftovers(out)
    assert len(pd.read_json(out / "failures.jsonl", lines=True)) == 3

    # failed files are remembered by hash: not retried while unchanged, still listed
    code, log = batch(src, out)
    assert code == 1 and "0 ingested" in log and "3 failed before and unchanged" in log, log
    assert len(pd.read_parquet(out / "failures.parquet")) == 3
    (src / "bad.pdf").write_text("still not a pdf, but changed")
    code, log = batch(src, out)
    assert "1 failed, 2 failed before" in log, log
    code, log = batch(src, out, retry_failed=True)
    assert "0 ingested, 1 already done, 3 failed" in log and "failed before" not in log, log

    # once the files are fixed, the batch succeeds and the failures table is empty
    (src / "bad.pdf").unlink()
    (src / "half.pdf").unlink()
    (src / "other.pdf").unlink()
    code, log = batch(src, out)
    assert code == 0, log
    assert len(pd.read_parquet(out / "failures.parquet")) == 0


def test_whole_names_non_pdfs_listed_and_corrections_applied(tmp_path):
    src, out = tmp_path / "raw", tmp_path / "out"
    (src / "renditions").mkdir(parents=True)
    long = "issue-2026-v2n1-a-rendition-with-a-rather-long-name-that-a-table-would-cut-classic.pdf"
    (src / "renditions" / long).write_text("not a pdf")
    (src / "notes.txt").write_text("a note")
    (src / "key.truth.json").write_text("{}")
    shutil.copy(NEWS, src / "news.pdf")
    code, log = batch(src, out, workers=1)
    assert code == 1
    assert "skipped 2 file(s) that are not PDFs: key.truth.json, notes.txt" in log
    assert f"renditions/{long}" in log.replace("\n", "")
    # a corrections file beside the folder is applied; when it changes, the issue is ingested again
    fixes = tmp_path / "corrections" / "2026-v2n1.yaml"
    fixes.parent.mkdir()
    fixes.write_text("- unit: {page: 1, title: 此标题不存在}\n  set: {title_en: x}\n", encoding="utf-8")
    code, log = batch(src, out, workers=1)
    assert "1 ingested" in log and "1 correction(s) not applied" in log, log
    rows = pd.read_json(out / "jsonl" / "2026-v2n1" / "corrections.jsonl", lines=True)
    assert rows["applied"].tolist() == [False] and rows["source"].tolist() == [str(fixes)]
    code, log = batch(src, out, workers=1)
    assert "0 ingested" in log
    fixes.write_text("", encoding="utf-8")
    code, log = batch(src, out, workers=1)
    assert "1 ingested" in log
    # a corrections file that cannot be used fails its issue, naming both files
    fixes.write_text("- unit: {page: 1}\n  merge_into_previous: maybe\n", encoding="utf-8")
    code, log = batch(src, out, workers=1)
    line = next(ln for ln in log.splitlines() if ln.startswith("failed news.pdf"))
    assert f"corrections file {fixes}:1: merge_into_previous" in line, log


def test_timeout_per_file(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(NEWS, src / "slow.pdf")
    code, log = batch(src, out, rules=rules_copy(tmp_path, timeout_seconds=0.001), workers=1)
    assert code == 1
    reason = pd.read_parquet(out / "failures.parquet")["reason"].tolist()
    assert len(reason) == 1 and reason[0].startswith("timed out after")
    assert not (out / "parquet").exists() and not leftovers(out)


def test_lock_keeps_two_batches_apart(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(NEWS, src / "a.pdf")
    with BatchLock(out):
        code, log = batch(src, out)
    assert code == 3 and "another batch" in log and str(os.getpid()) in log
    assert not (out / "manifest.json").exists()


def test_killed_batch_resumes_without_duplicates_or_losses(tmp_path, expected_rows):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for n in range(3, 7):  # four issues, each its own partition
        variant(src / f"issue {n}.pdf", n)
    shutil.copy(NEWS, src / "news.pdf")
    cmd = [str(INGEST), "batch", str(src), "--out", str(out), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            manifest = out / "manifest.json"
            if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the batch finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # the batch and its worker, mid-run
    finally:
        proc.wait(10)
    done = load_manifest(out)
    assert 1 <= len(done) < 5

    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    manifest = load_manifest(out)
    assert len(manifest) == 5 and {e["status"] for e in manifest.values()} == {"ok"}
    assert f"{5 - len(done)} ingested, {len(done)} already done" in res.stderr
    ids = {f"2027-v3n{n}" for n in range(3, 7)} | {"2026-v2n1"}
    assert partitions(out) == ids
    for table in ("issues", "blocks", "warnings"):
        assert partitions(out, table) == ids
    assert n_rows(out, "2026-v2n1") == expected_rows["news"]
    for n in range(3, 7):
        assert n_rows(out, f"2027-v3n{n}") == expected_rows["variant"]
        assert n_rows(out, f"2027-v3n{n}", "issues") == 1
    assert reviews(out) == ids  # every issue's review page, whole, the killed run's included
    assert not leftovers(out)
