"""`ingest batch DIR`: ingest every PDF not yet ingested, in parallel, safe to kill and re-run.

The manifest (OUT/manifest.json, rewritten atomically after every file) records each source's
content hash; a file whose hash is already there is skipped, a changed file is re-ingested and
replaces its own partition. Each file runs in its own process with a timeout, so a file that
hangs or crashes a stage cannot stop the batch. A lock file keeps two batches apart.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .rules import Rules


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_json_atomic(data, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


class BatchLock:
    """An exclusive lock file holding the owner's pid; a lock left by a dead process is taken over."""

    def __init__(self, out: Path):
        self.path = out / ".batch.lock"

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
                return self
            except FileExistsError:
                try:
                    pid = int(self.path.read_text() or 0)
                    os.kill(pid, 0)
                except (ValueError, ProcessLookupError, PermissionError):
                    self.path.unlink(missing_ok=True)  # stale
                    continue
                raise RuntimeError(f"another batch (pid {pid}) is running on {self.path.parent}") from None
        raise RuntimeError(f"cannot take the lock {self.path}")

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)


def _worker(pdf: str, out: str, rules_path: str | None, conn) -> None:
    from .errors import IngestError
    from .run import ingest_file

    try:
        issue = ingest_file(pdf, out, Rules.load(rules_path))
        conn.send(("ok", issue.meta.issue_id, len(issue.articles), len(issue.warnings)))
    except IngestError as e:
        conn.send(("failed", e.reason, 0, 0))
    except Exception as e:  # a bug in a stage must not stop the batch; it is reported per file
        conn.send(("failed", f"internal error in pipeline: {type(e).__name__}: {e}", 0, 0))
    finally:
        conn.close()


def run_batch(
    folder: Path,
    out: Path,
    rules_path: Path | None,
    workers: int = 2,
    force: bool = False,
    console: Console | None = None,
) -> int:
    console = console or Console(stderr=True)
    rules = Rules.load(rules_path)
    timeout = float(rules.get("limits", "timeout_seconds", default=600))
    out = Path(out)
    try:
        with BatchLock(out):
            return _run_locked(Path(folder), out, rules_path, workers, force, timeout, console)
    except RuntimeError as e:
        console.print(f"[red]error:[/red] {e}")
        return 3


def _run_locked(folder, out, rules_path, workers, force, timeout, console) -> int:
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    pdfs = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    todo = []
    for p in pdfs:
        digest = sha256_of(p)
        entry = manifest.get(str(p))
        if not force and entry and entry.get("sha256") == digest and entry.get("status") == "ok":
            continue
        todo.append((p, digest, entry))
    failures = []
    ctx = mp.get_context("spawn")  # a clean interpreter per file: no state shared with the parent
    running: dict = {}
    queue = list(todo)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task(f"batch {folder}", total=len(todo))
        while queue or running:
            while queue and len(running) < max(1, workers):
                p, digest, entry = queue.pop(0)
                parent, child = ctx.Pipe(duplex=False)
                proc = ctx.Process(
                    target=_worker, args=(str(p), str(out), str(rules_path) if rules_path else None, child)
                )
                proc.start()
                child.close()
                running[proc] = (p, digest, entry, parent, time.monotonic())
            time.sleep(0.05)
            for proc, (p, digest, entry, conn, started) in list(running.items()):
                result = None
                if conn.poll():
                    try:
                        result = conn.recv()
                    except EOFError:
                        result = ("failed", "worker died without a result", 0, 0)
                elif not proc.is_alive():
                    result = ("failed", f"worker crashed (exit code {proc.exitcode})", 0, 0)
                elif time.monotonic() - started > timeout:
                    proc.kill()
                    result = ("failed", f"timed out after {timeout:.0f}s", 0, 0)
                if result is None:
                    continue
                proc.join(5)
                del running[proc]
                status, detail, n_articles, n_warn = result
                now = datetime.now(UTC).isoformat(timespec="seconds")
                if status == "ok":
                    if entry and entry.get("issue_id") and entry["issue_id"] != detail:
                        from .datasets import remove_issue

                        remove_issue(entry["issue_id"], out)
                    manifest[str(p)] = {
                        "sha256": digest,
                        "issue_id": detail,
                        "status": "ok",
                        "ingested_at": now,
                    }
                    progress.console.print(
                        f"[green]ok[/green] {p.name}: {detail}, {n_articles} units, {n_warn} warnings"
                    )
                else:
                    failures.append({"source_path": str(p), "sha256": digest, "reason": detail, "at": now})
                    progress.console.print(f"[red]failed[/red] {p}: {detail}")
                _write_json_atomic(manifest, manifest_path)
                progress.advance(task)
    _write_failures(failures, out)
    skipped = len(pdfs) - len(todo)
    console.print(
        f"batch: {len(pdfs)} PDFs, {len(todo) - len(failures)} ingested, {skipped} already done, "
        f"{len(failures)} failed"
    )
    for f in failures:
        console.print(f"  [red]{f['source_path']}[/red]: {f['reason']}")
    return 1 if failures else 0


def _write_failures(failures: list[dict], out: Path) -> None:
    """The failures of the last batch run, as a table (Parquet + JSONL), written atomically."""
    schema = pa.schema(
        [("source_path", pa.string()), ("sha256", pa.string()), ("reason", pa.string()), ("at", pa.string())]
    )
    table = pa.Table.from_pylist(failures, schema=schema)
    tmp = out / f".failures.{os.getpid()}.parquet"
    pq.write_table(table, tmp)
    os.replace(tmp, out / "failures.parquet")
    tmpj = out / f".failures.{os.getpid()}.jsonl"
    tmpj.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures), encoding="utf-8")
    os.replace(tmpj, out / "failures.jsonl")
