"""`make fuzz-pdf`: every PDF gets an answer, and nothing an accepted one shows is lost.

Two sets of inputs, each run through `ingest` in its own process with a time limit:
- seeded mutations of the sample issue (pipeline/sample/mutate.py: truncation, byte flips, a
  damaged xref, objects defined twice, zeroed stream lengths, garbage after %%EOF, random
  streams, encryption, an empty page tree, a page-tree cycle, unparsable objects, lost pages);
- odd PDFs from the test suites PDF libraries keep in their repositories (tools/fuzz_pdf_corpus.json:
  repository, commit, path, licence), read from a local git mirror of each (--mirror, default
  ../.mirror/<owner>+<name>/repo). They are copied into the output folder, never committed.

Each run is one of: ok (with the share of its characters in content rows), a clean one-line
error, a crash (a traceback), over the time limit, or a partial output (an error that left
files). Writes OUT/fuzz-pdf.md and OUT/fuzz-pdf.jsonl and prints the summary.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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


def run_one(label: str, pdf: Path, limit: float, ingest: str) -> dict:
    """One `ingest` in its own process and output folder; what became of it."""
    out = Path(tempfile.mkdtemp(prefix="fuzz-pdf-"))
    t = time.perf_counter()
    try:
        proc = subprocess.run(
            [ingest, str(pdf), "--out", str(out / "o")], capture_output=True, text=True, timeout=limit
        )
    except subprocess.TimeoutExpired:
        shutil.rmtree(out, ignore_errors=True)
        return {"file": label, "result": "timeout", "seconds": limit}
    seconds = round(time.perf_counter() - t, 2)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    written = list((out / "o").rglob("*.parquet")) + list((out / "o").rglob("*.jsonl"))
    row: dict = {"file": label, "seconds": seconds}
    if proc.returncode == 0:
        issues = next((out / "o" / "jsonl").glob("*/issues.jsonl"), None)
        rec = json.loads(issues.read_text().splitlines()[0]) if issues else {}
        chars = rec.get("text_chars") or 0
        row.update(
            result="ok",
            chars=chars,
            coverage=round(rec["text_claimed"] / chars, 4) if chars else 1.0,
            residue_share=round(rec["text_residue"] / chars, 4) if chars else 0.0,
        )
    elif "Traceback" in proc.stderr or "internal error" in proc.stderr:
        row.update(result="crash", message=(lines[-1] if lines else "")[:300])
    elif written:
        row.update(result="partial", message=(lines[-1] if lines else "")[:300])
    else:
        row.update(result="error", message=" ".join(lines)[:300], one_line=len(lines) == 1)
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
    return (
        f"| {kind} | {len(mine)} | {count['ok']} | {count['error']} ({multi} not one line) | {count['crash']} | "
        f"{count['timeout']} | {count['partial']} | {len(low)} | {median if median is not None else '—'} |"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=Path, default=ROOT / "data/raw/issue-2026-v2n1-classic.pdf")
    ap.add_argument("--mutations", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=ROOT / "tools/fuzz_pdf_corpus.json")
    ap.add_argument("--mirror", type=Path, default=ROOT.parent / ".mirror")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per file")
    ap.add_argument("--out", type=Path, default=ROOT / "data/out/fuzz-pdf")
    args = ap.parse_args()
    ingest = str(Path(sys.executable).parent / "ingest")
    inputs = [
        ("mutation", x) for x in mutations(args.sample, args.mutations, args.seed, args.out / "mutations")
    ]
    inputs += [("real-world", x) for x in corpus_files(args.corpus, args.mirror, args.out / "corpus")]
    rows = []
    for kind, (label, path) in inputs:
        row = {"kind": kind, **run_one(label, path, args.limit, ingest)}
        rows.append(row)
        flag = "" if row["result"] in ("ok", "error") else "  <<<"
        print(f"{row['result']:8s} {row.get('coverage', ''):<7} {label}{flag}", flush=True)
    head = (
        "| inputs | files | ok | clean one-line error | crash | over the limit | partial output | "
        "accepted with < 98 % of characters in content rows | median coverage |\n|---|---|---|---|---|---|---|---|---|"
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
