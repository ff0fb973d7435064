"""Stage 6: Issue -> rows of the output tables -> Parquet (hive-partitioned) + JSONL, atomically.

Every table has an explicit Arrow schema (docs/DATA.md), so an issue with no tables still writes
a typed empty file and analysts get the same dtypes for every issue. Files are written to a
staging folder first and swapped in per partition: a run that dies leaves the previous output.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.json as pj
import pyarrow.parquet as pq

from . import SCHEMA_VERSION, __version__
from .models import Issue
from .rules import Rules
from .tables import cell_value

S, INT, F, B = pa.string(), pa.int32(), pa.float32(), pa.bool_()
LS, LI = pa.list_(pa.string()), pa.list_(pa.int32())

SCHEMAS: dict[str, list[tuple[str, pa.DataType]]] = {
    "issues": [
        ("journal_zh", S),
        ("journal_en", S),
        ("eissn", S),
        ("year", INT),
        ("volume", INT),
        ("number", INT),
        ("total_number", INT),
        ("pub_date", S),
        ("source_path", S),
        ("source_sha256", S),
        ("page_count", INT),
        ("pipeline_version", S),
        ("ingested_at", S),
    ],
    "articles": [
        ("article_id", S),
        ("seq", INT),
        ("kind", S),
        ("section_zh", S),
        ("section_en", S),
        ("title_zh", S),
        ("subtitle_zh", S),
        ("title_en", S),
        ("authors", LS),
        ("byline", S),
        ("deck_zh", S),
        ("deck_en", S),
        ("toc_page", INT),
        ("page_start", INT),
        ("page_end", INT),
        ("body_zh", S),
        ("n_paragraphs", INT),
        ("keywords", LS),
        ("abstract_zh", S),
        ("keywords_zh", LS),
        ("tokens", S),
        ("confidence", F),
    ],
    "blocks": [
        ("article_id", S),
        ("item_seq", INT),
        ("seq", INT),
        ("type", S),
        ("text", S),
        ("lang", S),
        ("page", INT),
        ("x0", F),
        ("y0", F),
        ("x1", F),
        ("y1", F),
        ("pages", LI),
        ("title", S),
    ],
    "summaries": [
        ("article_id", S),
        ("item_seq", INT),
        ("kind", S),
        ("text", S),
        ("pages", LI),
        ("confidence", F),
        ("signal", S),
    ],
    "captions": [("article_id", S), ("text", S), ("page", INT), ("x0", F), ("y0", F), ("x1", F), ("y1", F)],
    "items": [
        ("article_id", S),
        ("item_seq", INT),
        ("title_zh", S),
        ("title_en", S),
        ("text_zh", S),
        ("text_en", S),
        ("en_confidence", F),
        ("en_signal", S),
    ],
    "tables": [
        ("article_id", S),
        ("table_id", S),
        ("page", INT),
        ("caption", S),
        ("header", LS),
        ("rows", pa.list_(LS)),
        ("n_rows", INT),
        ("n_cols", INT),
        ("notes", LS),
    ],
    "table_cells": [
        ("table_id", S),
        ("row", INT),
        ("col", INT),
        ("text", S),
        ("is_header", B),
        ("rowspan", INT),
        ("colspan", INT),
        ("value_num", pa.float64()),
        ("unit", S),
    ],
    "toc": [
        ("seq", INT),
        ("level", INT),
        ("section_zh", S),
        ("section_en", S),
        ("title_zh", S),
        ("subtitle_zh", S),
        ("title_en", S),
        ("page", INT),
    ],
    "furniture": [("page", INT), ("kind", S), ("text", S), ("x0", F), ("y0", F), ("x1", F), ("y1", F)],
    "warnings": [
        ("article_id", S),
        ("code", S),
        ("message", S),
        ("page", INT),
        ("x0", F),
        ("y0", F),
        ("x1", F),
        ("y1", F),
    ],
    # typed facts (pipeline/facts.py); source is the printed sentence or cell they were read from
    "investment_rounds": [
        ("article_id", S),
        ("page", INT),
        ("stage", S),
        ("deal_count", INT),
        ("share", F),
        ("year", INT),
        ("data_source", S),
        ("source", S),
    ],
    "funding_stats": [
        ("article_id", S),
        ("page", INT),
        ("data_source", S),
        ("scope", S),
        ("company_count", INT),
        ("deal_count", INT),
        ("amount_cny", pa.float64()),
        ("as_of", S),
        ("approximate", B),
        ("source", S),
    ],
    "standards_counts": [
        ("article_id", S),
        ("page", INT),
        ("organisation", S),
        ("level", S),
        ("status", S),
        ("count", INT),
        ("approximate", B),
        ("as_of", S),
        ("period", S),
        ("source", S),
    ],
    "standard_refs": [("article_id", S), ("page", INT), ("code", S), ("title", S), ("source", S)],
    "policies": [("article_id", S), ("page", INT), ("issuer", S), ("date", S), ("title", S), ("source", S)],
}


def _aid(issue_id: str, seq: int) -> str:
    return f"{issue_id}-{seq:03d}"


def issue_rows(
    issue: Issue,
    tokens: dict[int, str],
    facts: dict[str, list[dict]] | None = None,
    rules: Rules | None = None,
) -> dict[str, list[dict]]:
    """Flatten the Issue into one list of plain dicts per table (facts: extract_facts' rows;
    rules: where the units of numeric table cells are listed)."""
    units = (rules.get("tables", "units", default=[]) if rules else []) or []
    iid = issue.meta.issue_id
    raw = issue.layout.raw
    m = issue.meta
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    rows["issues"].append(
        dict(
            journal_zh=m.journal_zh,
            journal_en=m.journal_en,
            eissn=m.eissn,
            year=m.year,
            volume=m.volume,
            number=m.number,
            total_number=m.total_number,
            pub_date=m.pub_date,
            source_path=raw.path,
            source_sha256=raw.sha256,
            page_count=len(raw.pages),
            pipeline_version=__version__,
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )
    for art in issue.articles:
        aid = _aid(iid, art.seq)
        body = [(None, b) for b in art.blocks] + [(it.seq, b) for it in art.items for b in it.blocks]
        rows["articles"].append(
            dict(
                article_id=aid,
                seq=art.seq,
                kind=art.kind,
                section_zh=art.section_zh,
                section_en=art.section_en,
                title_zh=art.title_zh,
                subtitle_zh=art.subtitle_zh,
                title_en=art.title_en,
                authors=art.authors,
                byline=art.byline,
                deck_zh=art.deck_zh,
                deck_en=art.deck_en,
                toc_page=art.toc_page,
                page_start=min(art.pages) if art.pages else None,
                page_end=max(art.pages) if art.pages else None,
                body_zh="\n".join(b.text for _, b in body if b.role != "pull_quote"),
                n_paragraphs=sum(b.role != "pull_quote" for _, b in body),
                keywords=art.keywords,
                abstract_zh=art.abstract_zh,
                keywords_zh=art.keywords_zh,
                tokens=tokens.get(art.seq, ""),
                confidence=art.confidence,
            )
        )
        for seq, (item_seq, b) in enumerate(body):
            x0, y0, x1, y1 = b.bbox
            rows["blocks"].append(
                dict(
                    article_id=aid,
                    item_seq=item_seq,
                    seq=seq,
                    type=b.role,
                    text=b.text,
                    lang=b.lang,
                    page=b.page,
                    x0=x0,
                    y0=y0,
                    x1=x1,
                    y1=y1,
                    pages=sorted({p.page for p in b.pieces}),
                    title=b.title,
                )
            )
        for s in art.summaries:
            rows["summaries"].append(
                dict(
                    article_id=aid,
                    item_seq=s.item_seq,
                    kind=s.kind,
                    text=s.text,
                    pages=s.pages,
                    confidence=s.confidence,
                    signal=s.signal,
                )
            )
        for c in art.captions:
            rows["captions"].append(
                dict(
                    article_id=aid,
                    text=c.text,
                    page=c.page,
                    x0=c.bbox[0],
                    y0=c.bbox[1],
                    x1=c.bbox[2],
                    y1=c.bbox[3],
                )
            )
        for it in art.items:
            rows["items"].append(
                dict(
                    article_id=aid,
                    item_seq=it.seq,
                    title_zh=it.title_zh,
                    title_en=it.title_en,
                    text_zh="\n".join(b.text for b in it.blocks),
                    text_en=it.text_en,
                    en_confidence=it.en_confidence,
                    en_signal=it.en_signal,
                )
            )
        for t_idx, t in enumerate(art.tables):
            tid = f"{aid}-t{t_idx + 1}"
            rows["tables"].append(
                dict(
                    article_id=aid,
                    table_id=tid,
                    page=t.page,
                    caption=t.caption,
                    header=t.header,
                    rows=t.rows,
                    n_rows=len(t.rows),
                    n_cols=len(t.header),
                    notes=t.notes,
                )
            )
            for r, row in enumerate([t.header] + t.rows):
                for c, text in enumerate(row):
                    rs, cs = t.spans.get((r, c), (1, 1))
                    num, unit = cell_value(text, [row[0], t.header[c] if c < len(t.header) else ""], units)
                    rows["table_cells"].append(
                        dict(
                            table_id=tid,
                            row=r,
                            col=c,
                            text=text,
                            is_header=r == 0,
                            rowspan=rs,
                            colspan=cs,
                            value_num=None if r == 0 else num,
                            unit=None if r == 0 or num is None else unit,
                        )
                    )
    for name, fact_rows in (facts or {}).items():
        if name not in SCHEMAS:
            continue
        for f in fact_rows:
            seq = f.get("article_seq")
            aid = _aid(iid, seq) if seq is not None else None
            rows[name].append({"article_id": aid, **{k: v for k, v in f.items() if k != "article_seq"}})
    for i, e in enumerate(issue.toc):
        rows["toc"].append(
            dict(
                seq=i + 1,
                level=e.level,
                section_zh=e.section_zh,
                section_en=e.section_en,
                title_zh=e.title_zh,
                subtitle_zh=e.subtitle_zh,
                title_en=e.title_en,
                page=e.page,
            )
        )
    for p in issue.layout.pages:
        for ln in p.furniture:
            kind = "folio" if ln.text.strip().isdigit() else "running_head"
            rows["furniture"].append(
                dict(page=p.number, kind=kind, text=ln.text, x0=ln.x0, y0=ln.y0, x1=ln.x1, y1=ln.y1)
            )
    for w in issue.warnings:
        rows["warnings"].append(
            dict(
                article_id=_aid(iid, w.article_seq) if w.article_seq else None,
                code=w.code,
                message=w.message,
                page=w.page,
                **dict(zip(("x0", "y0", "x1", "y1"), w.bbox or (None,) * 4, strict=True)),
            )
        )
    return rows


def _jsonl(issue_id: str, rows: list[dict]) -> bytes:
    return "".join(
        json.dumps({"issue_id": issue_id, **r}, ensure_ascii=False, allow_nan=False, default=str) + "\n"
        for r in rows
    ).encode("utf-8")


def _arrow(name: str, jsonl: bytes) -> pa.Table:
    """The Parquet table is parsed from the very JSONL written beside it, by Arrow's C++ reader
    against the explicit schema: the two outputs cannot disagree, and pyarrow's conversion of
    Python lists (which imports pandas, 0.25 s, only to look for pandas objects) is not needed."""
    schema = pa.schema(SCHEMAS[name], metadata={"schema_version": SCHEMA_VERSION, "table": name})
    if not jsonl:
        return pa.Table.from_batches([], schema=schema)  # (schema.empty_table() imports pandas)
    table = pj.read_json(
        io.BytesIO(jsonl),
        read_options=pj.ReadOptions(use_threads=False, block_size=len(jsonl) + 1),
        parse_options=pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore"),
    )
    return table.select(schema.names).cast(schema)


def swap_in(staged: Path, final: Path) -> None:
    """Replace final with staged; the old copy is removed only once the new one is in place."""
    final.parent.mkdir(parents=True, exist_ok=True)
    old = final.with_name(f".old-{final.name}-{uuid.uuid4().hex[:8]}")
    if final.exists():
        os.replace(final, old)
    os.replace(staged, final)
    shutil.rmtree(old, ignore_errors=True)


def write_issue(rows: dict[str, list[dict]], issue_id: str, out: Path) -> list[Path]:
    out = Path(out)
    staging = out / f".staging-{issue_id}-{uuid.uuid4().hex[:8]}"
    try:
        for name, table_rows in rows.items():
            part = staging / "parquet" / name / f"issue_id={issue_id}"
            part.mkdir(parents=True)
            jsonl = _jsonl(issue_id, table_rows)
            pq.write_table(_arrow(name, jsonl), part / "part-0.parquet")
            jdir = staging / "jsonl" / issue_id
            jdir.mkdir(parents=True, exist_ok=True)
            (jdir / f"{name}.jsonl").write_bytes(jsonl)
        written = []
        for name in rows:
            final = out / "parquet" / name / f"issue_id={issue_id}"
            swap_in(staging / "parquet" / name / f"issue_id={issue_id}", final)
            written.append(final)
        swap_in(staging / "jsonl" / issue_id, out / "jsonl" / issue_id)
        written.append(out / "jsonl" / issue_id)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_issue(issue_id: str, out: Path) -> None:
    """Drop an issue's partitions (used when a changed file is re-ingested under a new id)."""
    for part in (Path(out) / "parquet").glob(f"*/issue_id={issue_id}"):
        shutil.rmtree(part, ignore_errors=True)
    shutil.rmtree(Path(out) / "jsonl" / issue_id, ignore_errors=True)
