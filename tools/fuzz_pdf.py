"""`make fuzz-pdf`: every PDF gets an answer, and nothing an accepted one shows is lost.

Two sets of inputs, each run through `ingest` in its own process with a limit of CPU time (so that
a busy machine does not turn a slow file into a time-out; --jobs runs several at once):
- seeded mutations of the sample issue (pipeline/sample/mutate.py: truncation, byte flips, a
  damaged xref, objects defined twice, zeroed stream lengths, garbage after %%EOF, random
  streams, encryption, an empty page tree, a page-tree cycle, unparsable objects, lost pages);
- odd PDFs from the test suites PDF libraries keep in their repositories (tools/fuzz_pdf_corpus.json:
  repository, commit, path, licence; tools/fuzz_pdf_gather.py adds a repository's files), read
  from a local git mirror of each (--mirror, default ../.mirror/<owner>+<name>/repo). They are
  copied into the output folder, never committed.

Each run is one of: ok (with the share of its characters in content rows), a clean one-line
error, a crash (a traceback), over the time limit, or a partial output (an error that left
files). Writes OUT/fuzz-pdf.md and OUT/fuzz-pdf.jsonl and prints the summary.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# a run may take this many times its CPU-time limit in wall time (a loaded machine) before it is
# called a time-out anyway
WALL_FACTOR = 5


def corpus_files(manifest: Path, mirror: Path, dest: Path) -> list[tuple[str, Path]]:
    """The manifest's files copied out of their mirrors (missing mirrors are skipped, said once)."""
    entries = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    out, missing = [], set()
    dest.mkdir(parents=True, exist_ok=True)
    for e in entries:
        git_dir = mirror / e["repo"].replace("/", "+") / "repo"
        if not git_dir.exists():
            missing.add(e["repo"])
            continue
        name = f"{e['repo'].replace('/', '+')}+{e['path'].replace('/', '+')}"
        path = dest / name
        if not path.exists():
            blob = subprocess.run(
                ["git", "--git-dir", str(git_dir), "show", f"{e['commit']}:{e['path']}"],
                capture_output=True,
                check=False,
            )
            if blob.returncode:
                missing.add(f"{e['repo']}@{e['commit'][:8]}")
                continue
            path.write_bytes(blob.stdout)
        out.append((f"{e['repo']}:{e['path']}", path))
    for m in sorted(missing):
        print(f"fuzz-pdf: no mirror for {m} under {mirror} (fetch it to include its files)", file=sys.stderr)
    return out


def mutations(sample: Path, count: int, seed: int, dest: Path) -> list[tuple[str, Path]]:
    from pipeline.sample.mutate import seeded

    dest.mkdir(parents=True, exist_ok=True)
    data = sample.read_bytes()
    out = []
    for s in range(seed, seed + count):
        name, damaged = seeded(data, s)
        path = dest / f"{s:04d}-{name}.pdf"
        path.write_bytes(damaged)
        out.append((f"mutation {s} {name}", path))
    return out


def _limit_cpu(seconds: float):
    """For the child: killed (SIGXCPU, then SIGKILL) past `seconds` of its own CPU time."""

    def set_limit():
        soft = max(1, round(seconds))
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))

    return set_limit


def run_one(label: str, pdf: Path, limit: float, ingest: str) -> dict:
    """One `ingest` in its own process and output folder; what became of it. The limit is CPU
    time (the process's and its helpers'), as every budget in the pipeline is: a busy machine must
    not turn a file into a time-out. Wall time past WALL_FACTOR times the limit (a process that
    waits instead of working) is a time-out too."""
    out = Path(tempfile.mkdtemp(prefix="fuzz-pdf-"))
    t = time.perf_counter()
    with open(out / "stderr", "w+b") as err:
        proc = subprocess.Popen(
            [ingest, str(pdf), "--out", str(out / "o")],
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=_limit_cpu(limit),
            start_new_session=True,  # its own process group: a time-out ends its helpers too
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t > WALL_FACTOR * limit:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # a helper it forked and left behind
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    seconds = round(time.perf_counter() - t, 2)
    cpu = round(usage.ru_utime + usage.ru_stime, 2)
    if proc.returncode < 0 and -proc.returncode in (signal.SIGXCPU, signal.SIGKILL):
        shutil.rmtree(out, ignore_errors=True)
        return {"file": label, "result": "timeout", "seconds": seconds, "cpu": cpu}
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    written = list((out / "o").rglob("*.parquet")) + list((out / "o").rglob("*.jsonl"))
    row: dict = {"file": label, "seconds": seconds, "cpu": cpu}
    if proc.returncode == 0:
        issues = next((out / "o" / "jsonl").glob("*/issues.jsonl"), None)
        rec = json.loads(issues.read_text().splitlines()[0]) if issues else {}
        chars = rec.get("text_chars") or 0
        row.update(
            result="ok",
            chars=chars,
            coverage=round(rec["text_claimed"] / chars, 4) if chars else 1.0,
            residue_share=round(rec["text_residue"] / chars, 4) if chars else 0.0,
            kept=round((rec["text_claimed"] + rec["text_residue"]) / chars, 4) if chars else 1.0,
        )
    elif "Traceback" in stderr or "internal error" in stderr or proc.returncode < 0:
        row.update(result="crash", message=(lines[-1] if lines else f"exit {proc.returncode}")[:300])
    elif written:
        row.update(result="partial", message=(lines[-1] if lines else "")[:300])
    else:
        # one line, naming the file (ingest's message starts with the path it was given)
        row.update(
            result="error", message=" ".join(lines)[:300], one_line=len(lines) == 1 and str(pdf) in lines[0]
        )
    shutil.rmtree(out, ignore_errors=True)
    return row


def summary(rows: list[dict], kind: str) -> str:
    mine = [r for r in rows if r["kind"] == kind]
    ok = [r for r in mine if r["result"] == "ok"]
    low = [r for r in ok if r["coverage"] < 0.98]
    cov = sorted(r["coverage"] for r in ok)
    median = cov[len(cov) // 2] if cov else None
    count = {k: sum(r["result"] == k for r in mine) for k in ("ok", "error", "crash", "timeout", "partial")}
    multi = sum(1 for r in mine if r["result"] == "error" and not r.get("one_line"))
    slowest = max((r.get("cpu", 0) for r in mine), default=0)
    return (
        f"| {kind} | {len(mine)} | {count['ok']} | {count['error']} ({multi} not one line naming the file) | "
        f"{count['crash']} | {count['timeout']} | {count['partial']} | {len(low)} | "
        f"{median if median is not None else '—'} | {slowest:.1f} |"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=Path, default=ROOT / "data/raw/issue-2026-v2n1-classic.pdf")
    ap.add_argument("--mutations", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=ROOT / "tools/fuzz_pdf_corpus.json")
    ap.add_argument("--mirror", type=Path, default=ROOT.parent / ".mirror")
    ap.add_argument("--limit", type=float, default=60.0, help="CPU seconds per file")
    ap.add_argument("--jobs", type=int, default=1, help="files ingested at once")
    ap.add_argument("--out", type=Path, default=ROOT / "data/out/fuzz-pdf")
    args = ap.parse_args()
    ingest = str(Path(sys.executable).parent / "ingest")
    inputs = [
        ("mutation", x) for x in mutations(args.sample, args.mutations, args.seed, args.out / "mutations")
    ]
    inputs += [("real-world", x) for x in corpus_files(args.corpus, args.mirror, args.out / "corpus")]

    def one(item: tuple[str, tuple[str, Path]]) -> dict:
        kind, (label, path) = item
        row = {"kind": kind, **run_one(label, path, args.limit, ingest)}
        flag = "" if row["result"] in ("ok", "error") else "  <<<"
        print(f"{row['result']:8s} {row.get('coverage', ''):<7} {row['cpu']:6.1f}s {label}{flag}", flush=True)
        return row

    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        rows = list(pool.map(one, inputs))  # in input order, whatever order they finish in
    head = (
        "| inputs | files | ok | clean one-line error | crash | over the limit | partial output | "
        "accepted with < 98 % of characters in content rows | median coverage | slowest (CPU s) |\n"
        "|---|---|---|---|---|---|---|---|---|---|"
    )
    table = "\n".join([head, summary(rows, "real-world"), summary(rows, "mutation")])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "fuzz-pdf.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    (args.out / "fuzz-pdf.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    bad = [r for r in rows if r["result"] in ("crash", "timeout", "partial")]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
