"""Which issue a PDF is, before the work: no output partition is ever replaced by another source.

An issue id comes from the PDF's own text (the issue line of its first pages), so two files can
claim one id: two renditions of an issue, or another magazine read with the wrong rules. The id is
read first from the first pages' text (`peek_issue_id`, a few milliseconds), so `ingest` can refuse
before any work and the batch can set a duplicate aside before ingesting it; the id the full run
finds is checked again before anything is written, in case the quick read saw another one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .pdf import pymupdf
from .rules import Rules

PEEK_PAGES = 6  # the pages whose text names the issue (the same number articles.issue_meta reads)


def id_from_text(text: str, rules: Rules) -> str | None:
    """The issue id the rules' year/volume/number pattern gives for this text, or None."""
    pattern = rules.get("issue_patterns", "year_volume_number")
    m = re.search(pattern, text) if pattern else None
    return f"{int(m.group(1))}-v{int(m.group(2))}n{int(m.group(3))}" if m else None


def peek_issue_id(pdf: Path, rules: Rules) -> str | None:
    """The issue id from the first pages' plain text, or None when the file cannot be opened or
    names none (the full run then decides, and reports)."""
    from .run import fallback_issue_id, safe_id

    try:
        with pymupdf.open(pdf, filetype="pdf") as doc:
            if doc.needs_pass:
                return None
            text = " ".join(doc[i].get_text() for i in range(min(PEEK_PAGES, doc.page_count)))
    except Exception:  # unreadable: the ingest itself says why, in its own words
        return None
    found = id_from_text(text, rules)
    return safe_id(found, fallback_issue_id(pdf)) if found else fallback_issue_id(pdf)


def holder(out: Path, issue_id: str) -> dict | None:
    """The `issues` row of the partition already written for this id in OUT (source_path,
    source_sha256), or None."""
    path = Path(out) / "jsonl" / issue_id / "issues.jsonl"
    try:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        return json.loads(first)
    except (OSError, IndexError, ValueError):
        return None


def same_source(row: dict, pdf: Path, sha256: str) -> bool:
    """The row was written from this file (same path: it may have changed) or the same content."""
    if row.get("source_sha256") == sha256:
        return True
    try:
        return Path(row.get("source_path") or "").resolve() == Path(pdf).resolve()
    except OSError:
        return False


def conflict(out: Path, issue_id: str, pdf: Path, sha256: str) -> str | None:
    """Why this file may not be written as issue_id into OUT (it holds that issue from another
    source file), or None."""
    row = holder(out, issue_id)
    if row is None or same_source(row, pdf, sha256):
        return None
    return (
        f"issue {issue_id} is already in {out} from another file, {row.get('source_path')} "
        f"(different content); --replace to overwrite it"
    )


def sha256_of(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_before_work(pdf: Path, out: Path, rules: Rules) -> None:
    """Raise IngestError naming both files when the first pages name an issue OUT already holds
    from another source file (a missing or unreadable file is left to the ingest to report)."""
    from .errors import IngestError

    if not Path(pdf).is_file():
        return
    issue_id = peek_issue_id(pdf, rules)
    if issue_id and (why := conflict(out, issue_id, pdf, sha256_of(pdf))):
        raise IngestError(pdf, why)
