"""Benchmark the pipeline on one PDF against the floor (raw PyMuPDF) and two other extractors.

    python tools/bench.py data/raw/issue-2026-v2n1-classic.pdf [--copies 10] [--workers 2]

(a) floor: PyMuPDF `get_text("dict")` over every page; (b) our stages in-process (best of 3, after
a warm-up run: no interpreter start-up, no imports); (c) the whole `ingest` command as a
subprocess; (d) pymupdf4llm `to_markdown` and pdfplumber `extract_text` of the same PDF; (e) a
batch of N copies (`ingest batch --workers W`) for pages per second and peak RSS; (f) `ingest
--help` wall time; (g) linearity: the issue twice over against once; (h) a volume: the issue bound
over and over to --volume-pages pages (built on the fly in a temporary folder), one `ingest`, for
pages per second and peak RSS (memory is bounded by a page window, not by the page count).
Prints a table of ratios to (a) with the targets and writes it as markdown to data/out/bench.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
INGEST = str(BIN / "ingest")

# Runs a command and prints its wall time and the peak RSS (KiB) of its process tree: Linux
# propagates the largest descendant's ru_maxrss up through each wait().
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "print(rc, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def measure(cmd: list[str]) -> tuple[int, float, float]:
    """(exit code, wall seconds, peak RSS in MB) of a command."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
    rc, wall, rss = out.stdout.split()
    return int(rc), float(wall), int(rss) / 1024


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def floor(pdf: Path) -> None:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        for page in doc:
            page.get_text("dict")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--volume-pages", type=int, default=3000, help="(h): pages of the volume; 0 skips it")
    ap.add_argument("--md", type=Path, default=ROOT / "data" / "out" / "bench.md")
    args = ap.parse_args()
    pdf: Path = args.pdf.resolve()

    import pymupdf
    from rich.console import Console
    from rich.table import Table

    from pipeline.rules import Rules
    from pipeline.run import process

    console = Console(stderr=True)
    with pymupdf.open(pdf) as doc:
        n_pages = doc.page_count
    rules = Rules.load()
    rows: list[tuple[str, str, str, str, str]] = []  # measure, value, ratio to floor, target, verdict
    verdicts: list[bool] = []

    def add(name, value, ratio="", target="", ok: bool | None = None):
        if ok is not None:
            verdicts.append(ok)
        rows.append((name, value, ratio, target, "" if ok is None else ("ok" if ok else "MISSED")))

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        # (a) the floor
        console.print("(a) floor: PyMuPDF get_text('dict')")
        floor(pdf)
        t_floor = best_of(3, lambda: floor(pdf))
        add("(a) PyMuPDF get_text('dict'), all pages", f"{t_floor:.3f} s", "1.0x")

        # (b) our stages in-process, best of 3 after a warm-up
        console.print("(b) pipeline stages in-process (warm-up + best of 3)")
        process(pdf, rules)
        best = None
        for _ in range(3):
            t = time.perf_counter()
            issue, _ = process(pdf, rules)
            wall = time.perf_counter() - t
            if best is None or wall < best[0]:
                best = (wall, dict(issue.timings))
        t_proc, timings = best
        add(
            "(b) pipeline.run.process, all stages",
            f"{t_proc:.3f} s",
            f"{t_proc / t_floor:.1f}x",
            "≤ 10x floor",
            t_proc <= 10 * t_floor,
        )
        for stage, secs in timings.items():
            add(f"    stage {stage}", f"{secs:.3f} s", f"{secs / t_floor:.1f}x")

        # (g) linearity: the issue twice over (same content mix, twice the pages) vs once. A half of the
        # issue would not do: its pages are not alike (the tables sit in the second half).
        double = tmp / "double.pdf"
        with pymupdf.open(pdf) as doc, pymupdf.open() as two:
            two.insert_pdf(doc)
            two.insert_pdf(doc)
            two.save(double)
        process(double, rules)
        t_double = best_of(3, lambda: process(double, rules))
        per_once, per_twice = t_proc / n_pages, t_double / (2 * n_pages)
        add(
            f"(g) process, the issue twice ({2 * n_pages} pages)",
            f"{t_double:.3f} s",
            f"{t_double / t_floor:.1f}x",
            "per page (twice) ≤ 1.25 × per page (once)",
            per_twice <= 1.25 * per_once,
        )
        add("    time per page: once / twice", f"{per_once * 1000:.1f} / {per_twice * 1000:.1f} ms")

        # (c) the whole command as a subprocess, its package byte-compiled as an installed one is (pip
        # compiles a package it installs; a Python that may write bytecode caches it on first import):
        # the editable install under PYTHONDONTWRITEBYTECODE=1 compiled the pipeline's 25k lines of
        # source again in every `ingest`, some 0.2 s of CPU. Stale files are never used (Python checks
        # each against its source's mtime and size).
        compileall.compile_dir(ROOT / "pipeline", quiet=1)
        console.print("(c) `ingest` as a subprocess (median of 3)")
        runs = [measure([INGEST, str(pdf), "--out", str(tmp / "out-one")]) for _ in range(3)]
        if any(rc != 0 for rc, _, _ in runs):
            console.print("[red]ingest failed[/red]")
        t_cli = sorted(wall for _, wall, _ in runs)[1]
        rss_cli = max(rss for _, _, rss in runs)
        add(
            "(c) `ingest ISSUE.pdf` subprocess (wall, median of 3)",
            f"{t_cli:.3f} s",
            f"{t_cli / t_floor:.1f}x",
        )
        # (c') the same with the review page (page images rendered by a helper during the stages)
        runs = [measure([INGEST, str(pdf), "--out", str(tmp / "out-report"), "--report"]) for _ in range(3)]
        t_rep = sorted(wall for _, wall, _ in runs)[1]
        add(
            "    `ingest --report` (wall, median of 3) / (c)",
            f"{t_rep:.3f} s",
            f"{t_rep / t_cli:.2f}x of (c)",
            "≤ 1.5x of (c)",
            t_rep <= 1.5 * t_cli and all(rc == 0 for rc, _, _ in runs),
        )

        # (d) other extractors on the same PDF
        console.print("(d) pymupdf4llm.to_markdown and pdfplumber.extract_text")
        try:
            import pymupdf4llm

            t = time.perf_counter()
            pymupdf4llm.to_markdown(str(pdf), show_progress=False)
            t_llm = time.perf_counter() - t
            add(
                f"(d) pymupdf4llm {getattr(pymupdf4llm, '__version__', '?')} to_markdown",
                f"{t_llm:.3f} s",
                f"{t_llm / t_floor:.1f}x",
            )
            add(
                "    pymupdf4llm / `ingest` (c)",
                f"{t_llm / t_cli:.1f}x",
                "",
                "≥ 5x (ingest faster)",
                t_llm / t_cli >= 5,
            )
        except ImportError as e:
            add("(d) pymupdf4llm to_markdown", f"not importable ({e})")
        try:
            import pdfplumber

            t = time.perf_counter()
            with pdfplumber.open(pdf) as doc:
                for page in doc.pages:
                    page.extract_text()
                    page.flush_cache()
            t_plumb = time.perf_counter() - t
            add(
                f"(d) pdfplumber {pdfplumber.__version__} extract_text",
                f"{t_plumb:.3f} s",
                f"{t_plumb / t_floor:.1f}x",
            )
        except ImportError as e:
            add("(d) pdfplumber extract_text", f"not importable ({e})")

        # (e) a batch of copies
        console.print(f"(e) batch of {args.copies} copies, {args.workers} workers")
        folder = tmp / "batch-in"
        folder.mkdir()
        for i in range(args.copies):
            shutil.copy(pdf, folder / f"copy-{i:02d}.pdf")
        cmd = [INGEST, "batch", str(folder), "--out", str(tmp / "out-batch"), "--workers", str(args.workers)]
        rc, t_batch, rss_batch = measure(cmd)
        manifest = json.loads((tmp / "out-batch" / "manifest.json").read_text(encoding="utf-8"))
        ok_files = sum(e.get("status") == "ok" for e in manifest.values())
        pps = args.copies * n_pages / t_batch
        add(
            f"(e) `ingest batch` {args.copies} copies × {n_pages} pages, {args.workers} workers",
            f"{t_batch:.2f} s",
            "",
            f"{ok_files}/{args.copies} files ok",
            rc == 0 and ok_files == args.copies,
        )
        add("    pages per second (batch)", f"{pps:.1f}", "", f"single ingest: {n_pages / t_cli:.1f} p/s")
        add("    peak RSS, `ingest ISSUE.pdf`", f"{rss_cli:.0f} MB", "", "≤ 600 MB", rss_cli <= 600)
        add("    peak RSS, largest batch process", f"{rss_batch:.0f} MB", "", "≤ 600 MB", rss_batch <= 600)

        # (h) a volume: the issue bound again and again, ingested in one run
        if args.volume_pages:
            console.print(f"(h) a volume of {args.volume_pages} pages, one `ingest`")
            volume = tmp / "volume.pdf"
            with pymupdf.open(pdf) as doc, pymupdf.open() as vol:
                while vol.page_count < args.volume_pages:
                    vol.insert_pdf(doc, to_page=min(doc.page_count, args.volume_pages - vol.page_count) - 1)
                vol.save(volume)
            rc, t_vol, rss_vol = measure([INGEST, str(volume), "--out", str(tmp / "out-volume")])
            pps_vol = args.volume_pages / t_vol
            add(
                f"(h) `ingest` a volume of {args.volume_pages} pages (the issue bound over and over)",
                f"{t_vol:.1f} s",
                f"{t_vol / t_floor:.1f}x",
                "exit 0",
                rc == 0,
            )
            add("    pages per second (volume)", f"{pps_vol:.1f}", "", "≥ 50 p/s", pps_vol >= 50)
            add("    peak RSS (volume)", f"{rss_vol:.0f} MB", "", "≤ 600 MB", rss_vol <= 600)

        # (f) --help
        t_help = min(measure([INGEST, "--help"])[1] for _ in range(3))
        add("(f) `ingest --help` (wall, best of 3)", f"{t_help:.3f} s", "", "< 0.5 s", t_help < 0.5)

    title = f"bench: {pdf.name}, {n_pages} pages"
    table = Table(title=title, title_justify="left")
    for col in ("measure", "value", "ratio to (a)", "target", "verdict"):
        table.add_column(col)
    for r in rows:
        style = "red" if r[4] == "MISSED" else None
        table.add_row(*r, style=style)
    Console(width=150).print(table)
    md = [f"# {title}", "", "| measure | value | ratio to (a) | target | verdict |", "|---|---|---|---|---|"]
    md += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    args.md.parent.mkdir(parents=True, exist_ok=True)
    args.md.write_text("\n".join(md) + "\n", encoding="utf-8")
    console.print(f"written {args.md}")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
