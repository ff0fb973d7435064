"""`ingest batch DIR`: ingest every PDF not yet ingested, in parallel, safe to kill and re-run.

How it stays coherent:

- OUT/manifest.json maps each source (its resolved path) to its content hash, issue id and status.
  It is rewritten atomically after every file. A file whose hash is there with status ok is skipped
  (`--force` re-ingests everything); a changed file is re-ingested; a failed file is remembered by
  its hash and retried only when it changes (or with `--retry-failed`), and stays in the failures
  table until then. Files that are not PDFs are listed as skipped. Names are printed whole,
  relative to the folder.
- Corrections: FOLDER/../corrections/<issue_id>.yaml is applied when present (pipeline/corrections.py);
  its hash is kept in the manifest, so an edited corrections file re-ingests its issue.
- Worker processes (`--workers`) run the stages and write each issue into a private staging folder
  (OUT/.batch-staging/<job>), with its review page (OUT/report/<issue_id>.html and its page images,
  pipeline/report.py; not with `--no-report`: a review page that cannot be written is said, the
  issue stands); only the parent moves a finished issue's partitions into OUT, one
  issue at a time, then records it in the manifest. A file that fails, hangs (per-file timeout:
  `limits.timeout_seconds` in the rules) or crashes its worker therefore never leaves a partial
  partition, and never stops the batch. A batch killed at any point leaves OUT as it was before
  the file in flight; re-running finishes the job (a file published but not yet recorded is simply
  ingested again, which rewrites the same partition).
- The issue id comes from the PDF's text, so two files can claim the same id. The same content under
  two names writes the same partition (idempotently; the `issues` row names the last source
  written). The id is read from each file's first pages before any work, so a second file claiming
  an id (in this batch, or already ingested) is refused at once. Different content claiming an id
  already ingested from another existing file is a
  failure ("issue id X already ingested from Y"): the batch never silently replaces another file's
  data. A changed file replaces its own partition; if its id changed, its old partition is removed
  unless another source still owns it.
- An exclusive lock (flock on OUT/.batch.lock, released by the kernel if the batch dies) keeps two
  batches apart.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import multiprocessing as mp
import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .choose import RulesChooser
from .datasets import arrow_schema, remove_issue, swap_in
from .identity import conflict, peek_issue_id

STAGING = ".batch-staging"
MAX_FILES_PER_WORKER = 50  # a fresh worker now and then keeps memory flat on a big archive


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_json_atomic(data, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load_manifest(out: Path) -> dict:
    path = Path(out) / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


class BatchLock:
    """An exclusive flock on OUT/.batch.lock (the file holds the owner's pid, for the message).

    The kernel drops the lock when the owner dies, however it dies: no stale lock to clean up."""

    def __init__(self, out: Path):
        self.path = Path(out) / ".batch.lock"
        self.fd: int | None = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise RuntimeError(f"another batch (pid {owner}) is running on {self.path.parent}") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self.fd = fd
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # releases the flock; the file itself stays (unlinking would race)
            self.fd = None


# ---------------------------------------------------------------- worker process
def _die_with_parent() -> None:
    """Linux: a worker gets SIGKILL when the batch process dies (no orphan keeps working)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _worker(conn, rules_path: str | None, report: bool = True) -> None:
    """Runs jobs (pdf, staging folder) sent by the parent until it sends None."""
    _die_with_parent()
    from .datasets import write_issue
    from .errors import IngestError
    from .report import write_review
    from .run import process

    chooser = RulesChooser(rules_path)  # rules_path None or "auto": each PDF its own rules
    while True:
        job = conn.recv()
        if job is None:
            return
        pdf, staging, corrections_dir = job
        conn.send(("started",))
        try:
            issue, rows = process(pdf, chooser.for_pdf(pdf), corrections_dir=Path(corrections_dir))
            write_issue(rows, issue.meta.issue_id, Path(staging))
            n_pages = len(issue.layout.pages)
            stale = sum(not r.applied for r in issue.corrections)
            review = None
            if report:
                try:  # from the rows just written, the page images rendered from the PDF
                    write_review(staging, issue.meta.issue_id, pdf=pdf)
                except Exception as e:  # noqa: BLE001 - the data stand without their review page
                    review = f"review page not written: {type(e).__name__}: {e}"
            conn.send(
                ("ok", issue.meta.issue_id, len(issue.articles), len(issue.warnings), n_pages, stale, review)
            )
        except IngestError as e:
            conn.send(("failed", e.reason))
        except Exception as e:  # a bug in a stage must not stop the batch; it is reported per file
            conn.send(("failed", f"internal error in pipeline: {type(e).__name__}: {e}"))


class _Slot:
    """One worker process and the job it is running."""

    def __init__(self, ctx, rules_path: str | None, report: bool = True):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, rules_path, report), daemon=True)
        self.proc.start()
        child.close()
        self.job = None
        self.started: float | None = None
        self.done = 0

    def send(self, job) -> None:
        self.job = job
        self.started = None  # the clock starts when the worker picks the job up
        self.conn.send((str(job["path"]), str(job["staging"]), str(job["corrections_dir"])))

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(5)
        self.kill()


# ---------------------------------------------------------------- publishing
def _publish(staging: Path, out: Path, issue_id: str) -> None:
    """Move one issue's finished partitions from the staging folder into OUT."""
    part = f"issue_id={issue_id}"
    for table_dir in sorted((staging / "parquet").iterdir()):
        swap_in(table_dir / part, out / "parquet" / table_dir.name / part)
    swap_in(staging / "jsonl" / issue_id, out / "jsonl" / issue_id)
    page = staging / "report" / f"{issue_id}.html"
    if page.exists():  # its images first, then the page that shows them
        if (staging / "report" / issue_id).is_dir():
            swap_in(staging / "report" / issue_id, out / "report" / issue_id)
        os.replace(page, out / "report" / page.name)


def _owner_conflict(manifest: dict, key: str, issue_id: str, sha: str) -> str | None:
    """Another existing source already ingested under this id with different content?"""
    for other, e in manifest.items():
        if (
            other != key
            and e.get("status") == "ok"
            and e.get("issue_id") == issue_id
            and e.get("sha256") != sha
            and Path(other).exists()
        ):
            return other
    return None


# ---------------------------------------------------------------- the batch
def run_batch(
    folder: Path,
    out: Path,
    rules_path: Path | None,
    workers: int = 2,
    force: bool = False,
    console: Console | None = None,
    retry_failed: bool = False,
    replace: bool = False,
    corrections_dir: Path | None = None,
    report: bool = True,
) -> int:
    """Exit code: 0 every file ingested or already done, 1 some failed, 3 another batch runs.
    Corrections are read from corrections_dir/<issue_id>.yaml (default: FOLDER/../corrections).
    report: write each ingested issue's review page (OUT/report/<issue_id>.html)."""
    console = console or Console(stderr=True)
    chooser = RulesChooser(rules_path)  # None: `auto`, each PDF its own rules (choose.py)
    timeout = float(chooser.base.get("limits", "timeout_seconds", default=600))
    out = Path(out)
    try:
        lock = BatchLock(out)
        lock.__enter__()
    except RuntimeError as e:
        console.print(f"[red]error:[/red] {escape(str(e))}", soft_wrap=True)
        return 3
    try:
        opts = dict(
            retry_failed=retry_failed,
            replace=replace,
            corrections_dir=Path(corrections_dir or Path(folder).parent / "corrections"),
            chooser=chooser,
            report=report,
        )
        return _run_locked(Path(folder), out, rules_path, workers, force, timeout, console, **opts)
    finally:
        lock.__exit__()


def _corrections_sha(corrections_dir: Path, issue_id: str | None) -> str | None:
    """The content hash of the issue's corrections file (a changed file means a re-ingest)."""
    path = corrections_dir / f"{issue_id}.yaml"
    return sha256_of(path) if issue_id and path.is_file() else None


def _run_locked(
    folder,
    out,
    rules_path,
    workers,
    force,
    timeout,
    console,
    retry_failed,
    replace,
    corrections_dir,
    chooser,
    report,
) -> int:
    if not folder.is_dir():
        console.print(f"[red]error:[/red] {escape(str(folder))}: not a folder", soft_wrap=True)
        return 2
    staging_root = out / STAGING
    shutil.rmtree(staging_root, ignore_errors=True)  # left by a killed batch; we hold the lock
    manifest_path = out / "manifest.json"
    manifest = load_manifest(out)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and STAGING not in p.parts)
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]

    def name(p: Path) -> str:  # whole names, relative to the folder: renditions stay told apart
        for base in (folder, folder.resolve()):
            if p.is_relative_to(base):
                return str(p.relative_to(base))
        return str(p)

    others = [p for p in files if p.suffix.lower() != ".pdf" and not p.name.startswith(".")]
    if others:
        console.print(
            f"skipped {len(others)} file(s) that are not PDFs: " + ", ".join(escape(name(p)) for p in others),
            soft_wrap=True,
            highlight=False,
        )
    todo = []
    failed_before = []
    early: list[tuple[dict, tuple]] = []  # jobs refused before any work
    claimed: dict[str, dict] = {}  # issue id (from the first pages) -> the job that claims it first
    for p in pdfs:
        key = str(p.resolve())
        digest = sha256_of(p)
        entry = manifest.get(key)
        same = entry and entry.get("sha256") == digest
        fixes_same = entry and entry.get("corrections_sha256") == _corrections_sha(
            corrections_dir, entry.get("issue_id")
        )
        if not force and same and entry.get("status") == "ok" and fixes_same:
            continue
        if not force and not retry_failed and same and entry.get("status") == "failed":
            failed_before.append((p, entry))  # remembered by hash: retried when the file changes
            continue
        job = {
            "path": p,
            "key": key,
            "sha256": digest,
            "staging": staging_root / f"job-{len(todo) + len(early)}",
            "corrections_dir": corrections_dir,
        }
        # duplicate issue ids are found from the first pages, before a full ingest
        issue_id = peek_issue_id(p, chooser.for_pdf(p))  # the rules its full run will use
        first = claimed.get(issue_id) if issue_id else None
        owner = None if replace or not issue_id else _owner_conflict(manifest, key, issue_id, digest)
        if first is not None and first["sha256"] != digest and not replace:
            early.append(
                (
                    job,
                    (
                        "failed",
                        f"issue id {issue_id} is also claimed by {name(first['path'])} in this batch (different content)",
                    ),
                )
            )
        elif owner:
            early.append(
                (
                    job,
                    (
                        "failed",
                        f"issue id {issue_id} already ingested from {name(Path(owner))} (different content)",
                    ),
                )
            )
        else:
            if issue_id:
                claimed.setdefault(issue_id, job)
            todo.append(job)

    failures: list[dict] = []
    ingested = 0
    ctx = mp.get_context("spawn")  # a clean interpreter: nothing shared with the parent
    rules_arg = str(rules_path) if rules_path else None
    slots: list[_Slot] = []
    queue = list(todo)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())

    def finish(job, result) -> None:
        nonlocal ingested
        now = datetime.now(UTC).isoformat(timespec="seconds")
        key, p, staging = job["key"], job["path"], job["staging"]
        old = manifest.get(key) or {}
        if result[0] == "ok":
            _, issue_id, n_units, n_warn, n_pages, n_stale, review = result
            owner = None if replace else _owner_conflict(manifest, key, issue_id, job["sha256"])
            held = None if replace else conflict(out, issue_id, p, job["sha256"])
            if owner:
                result = (
                    "failed",
                    f"issue id {issue_id} already ingested from {name(Path(owner))} (different content)",
                )
            elif held and not any(e.get("issue_id") == issue_id and k == key for k, e in manifest.items()):
                result = ("failed", held)
            else:
                _publish(staging, out, issue_id)
                old_id = old.get("issue_id")
                if (
                    old_id
                    and old_id != issue_id
                    and not any(k != key and e.get("issue_id") == old_id for k, e in manifest.items())
                ):
                    remove_issue(old_id, out)
                manifest[key] = {
                    "sha256": job["sha256"],
                    "issue_id": issue_id,
                    "status": "ok",
                    "pages": n_pages,
                    "ingested_at": now,
                    "corrections_sha256": _corrections_sha(corrections_dir, issue_id),
                }
                ingested += 1
                stale = f", [yellow]{n_stale} correction(s) not applied[/yellow]" if n_stale else ""
                progress.console.print(
                    f"[green]ok[/green] {escape(name(p))}: {issue_id}, {n_pages} pages, {n_units} units, "
                    f"{n_warn} warnings{stale}" + (f", [yellow]{escape(review)}[/yellow]" if review else ""),
                    soft_wrap=True,
                )
        if result[0] != "ok":
            reason = result[1]
            failures.append({"source_path": str(p), "sha256": job["sha256"], "reason": reason, "at": now})
            # the previous version's partition (if any) stays; the file is retried next run
            manifest[key] = {**old, "sha256": job["sha256"], "status": "failed", "reason": reason, "at": now}
            progress.console.print(f"[red]failed[/red] {escape(name(p))}: {escape(reason)}", soft_wrap=True)
        _write_json_atomic(manifest, manifest_path)
        shutil.rmtree(staging, ignore_errors=True)
        progress.advance(task)

    try:
        with Progress(*columns, console=console) as progress:
            task = progress.add_task(f"batch {escape(str(folder))}", total=len(todo) + len(early))
            for job, result in early:
                finish(job, result)
            n_workers = min(max(1, workers), len(todo))  # (none when nothing is left to do)
            slots = [_Slot(ctx, rules_arg, report) for _ in range(n_workers)]
            while queue or any(s.job for s in slots):
                for i, slot in enumerate(slots):
                    if slot.job is None and queue:
                        if slot.done >= MAX_FILES_PER_WORKER or not slot.proc.is_alive():
                            slot.stop()
                            slot = slots[i] = _Slot(ctx, rules_arg, report)
                        slot.send(queue.pop(0))
                time.sleep(0.02)
                for i, slot in enumerate(slots):
                    if slot.job is None:
                        continue
                    result = None
                    try:
                        while result is None and slot.conn.poll():
                            msg = slot.conn.recv()
                            if msg[0] == "started":
                                slot.started = time.monotonic()
                            else:
                                result = msg
                    except (EOFError, OSError):
                        result = ("failed", f"worker crashed (exit code {slot.proc.exitcode})")
                    if result is None and not slot.proc.is_alive():
                        result = ("failed", f"worker crashed (exit code {slot.proc.exitcode})")
                    if result is None and slot.started and time.monotonic() - slot.started > timeout:
                        result = ("failed", f"timed out after {timeout:g}s (limits.timeout_seconds)")
                    if result is None:
                        continue
                    job, slot.job = slot.job, None
                    slot.done += 1
                    if result[0] == "failed" and result[1].startswith(("worker crashed", "timed out")):
                        slot.kill()  # its state is unknown: a fresh worker takes the next file
                        slots[i] = _Slot(ctx, rules_arg, report) if queue else slot
                    finish(job, result)
    finally:
        for slot in slots:
            slot.stop() if slot.job is None else slot.kill()
        shutil.rmtree(staging_root, ignore_errors=True)

    # the failures table lists every file failing now: this run's and those remembered unchanged
    remembered = [
        {"source_path": str(p), "sha256": e["sha256"], "reason": e.get("reason", ""), "at": e.get("at", "")}
        for p, e in failed_before
    ]
    _write_failures(failures + remembered, out)
    skipped = len(pdfs) - len(todo) - len(early) - len(failed_before)
    console.print(
        f"batch: {len(pdfs)} PDFs, {ingested} ingested, {skipped} already done, {len(failures)} failed"
        + (f", {len(failed_before)} failed before and unchanged (--retry-failed)" if failed_before else ""),
        soft_wrap=True,
    )
    if failures or failed_before:
        table = Table("file", "reason", title="failures", title_justify="left")
        table.columns[0].overflow = table.columns[1].overflow = "fold"  # whole names, never cut
        for f in failures + remembered:
            table.add_row(escape(name(Path(f["source_path"]))), escape(f["reason"]))
        console.print(table)
    return 1 if failures or failed_before else 0


def _write_failures(failures: list[dict], out: Path) -> None:
    """The files failing now (this run and those remembered), as a table (Parquet + JSONL), written atomically; its
    schema is the `failures` table of datasets.py (docs/DATA.md)."""
    out.mkdir(parents=True, exist_ok=True)
    typed = [{**f, "at": datetime.fromisoformat(f["at"])} for f in failures]
    table = pa.Table.from_pylist(typed, schema=arrow_schema("failures"))
    tmp = out / f".failures.{os.getpid()}.parquet"
    pq.write_table(table, tmp)
    os.replace(tmp, out / "failures.parquet")
    tmpj = out / f".failures.{os.getpid()}.jsonl"
    tmpj.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures), encoding="utf-8")
    os.replace(tmpj, out / "failures.jsonl")
