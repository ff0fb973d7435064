"""Stage 6: Issue -> rows of the output tables -> Parquet (hive-partitioned) + JSONL, atomically.

Every table has an explicit Arrow schema (docs/DATA.md), so an issue with no tables still writes
a typed empty file and analysts get the same dtypes for every issue. Files are written to a
staging folder first and swapped in per partition: a run that dies leaves the previous output.
"""

from __future__ import annotations

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
from .articles import pdf_pages_of_folios
from .corrections import correction_rows
from .dates import parse_printed
from .errors import IngestError
from .furniture import folio_value, in_field, roman_value
from .models import Article, Block, Issue, Role
from .rules import Rules
from .spreads import to_pdf
from .tables import cell_value
from .toc import toc_articles

S, INT, F, B, F64 = pa.string(), pa.int32(), pa.float32(), pa.bool_(), pa.float64()
DATE, UTC_TS = pa.date32(), pa.timestamp("us", tz="UTC")
LS, LI = pa.list_(pa.string()), pa.list_(pa.int32())
# one piece of a table cell printed in pieces (a row the page turn cut): its page and box there
PIECE = pa.struct([("page", INT), ("side", S), ("x0", F), ("y0", F), ("x1", F), ("y1", F)])

# Where every typed fact came from: its article and page, and either the table cell(s) (table_id,
# row, col as in table_cells) or the body block (block_seq as in blocks), and the text as printed.
FACT_KEYS: list[tuple[str, pa.DataType]] = [
    ("article_id", S),
    ("page", INT),
    ("side", S),
    ("table_id", S),
    ("row", INT),
    ("col", INT),
    ("block_seq", INT),
    ("source", S),
]

# THE one declaration of the output: every table, its columns in order, their Arrow types.
# docs/DATA.md documents each table and column (tests/test_contract.py fails on any it does not
# list). `issue_id` is added to every row (the Parquet partition, a JSONL field). Conventions:
# pages are 1-based PDF pages (printed folios are printed_page / toc_page); shares are fractions
# (0.566, never 56.6); money is yuan; dates are date32 with a *_precision column (year, month, day);
# a table that joins articles shares no column name with it but its keys (summary_kind, not kind).
SCHEMAS: dict[str, list[tuple[str, pa.DataType]]] = {
    "issues": [
        ("journal_zh", S),
        ("journal_en", S),
        ("eissn", S),
        ("year", INT),
        ("volume", INT),
        ("number", INT),
        ("total_number", INT),
        ("pub_date", DATE),
        ("pub_date_precision", S),
        ("source_path", S),
        ("source_sha256", S),
        ("page_count", INT),
        # conservation (pipeline/residue.py): characters of the text layer, whitespace not counted
        ("text_chars", INT),
        ("text_claimed", INT),
        ("text_residue", INT),
        ("text_unaccounted", INT),
        ("pipeline_version", S),
        ("rules_file", S),
        ("rules_sha256", S),
        ("ingested_at", UTC_TS),
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
        ("tokens", LS),
        ("confidence", F),
        ("evidence", LS),
        # academic articles (pipeline/academic.py): the labelled front matter and footnotes
        ("authors_en", LS),
        ("affiliations", LS),
        ("keywords_en", LS),
        ("clc", S),
        ("doc_code", S),
        ("article_no", S),
        ("doi", S),
        ("received", S),
        ("funding", LS),
        ("corresponding", S),
        ("author_bios", LS),
        ("front_notes", LS),
    ],
    "blocks": [
        ("article_id", S),
        ("item_seq", INT),
        ("block_seq", INT),
        ("type", S),
        ("text", S),
        ("lang", S),
        ("page", INT),
        ("side", S),
        ("x0", F),
        ("y0", F),
        ("x1", F),
        ("y1", F),
        ("pages", LI),
        ("title", S),
        ("marks", pa.list_(LI)),
    ],
    "summaries": [
        ("article_id", S),
        ("item_seq", INT),
        ("summary_kind", S),
        ("text", S),
        ("pages", LI),
        ("summary_confidence", F),
        ("signal", S),
    ],
    "references": [
        ("article_id", S),
        ("ref_seq", INT),
        ("number", INT),
        ("ref_text", S),
        ("page", INT),
        ("side", S),
    ],
    "captions": [
        ("article_id", S),
        ("text", S),
        ("caption_kind", S),
        ("page", INT),
        ("side", S),
        ("x0", F),
        ("y0", F),
        ("x1", F),
        ("y1", F),
    ],
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
        ("side", S),
        ("caption", S),
        ("caption_en", S),
        ("header", LS),
        ("rows", pa.list_(LS)),
        ("n_rows", INT),
        ("n_cols", INT),
        ("notes", LS),
        ("x0", F),
        ("y0", F),
        ("x1", F),
        ("y1", F),
        ("pages", LI),
        ("continued_labels", LS),
    ],
    "table_cells": [
        ("article_id", S),
        ("table_id", S),
        ("page", INT),
        ("side", S),
        ("row", INT),
        ("col", INT),
        ("text", S),
        ("is_header", B),
        ("rowspan", INT),
        ("colspan", INT),
        ("value_num", F64),
        ("quantity", S),
        ("printed_value", F64),
        ("unit", S),
        ("x0", F),
        ("y0", F),
        ("x1", F),
        ("y1", F),
        ("pieces", pa.list_(PIECE)),
    ],
    "toc": [
        ("entry_seq", INT),
        ("level", INT),
        ("section_zh", S),
        ("section_en", S),
        ("title_zh", S),
        ("subtitle_zh", S),
        ("title_en", S),
        ("printed_page", INT),
        ("page", INT),
        ("side", S),
        ("article_id", S),
    ],
    "furniture": [
        ("page", INT),
        ("side", S),
        ("kind", S),
        ("text", S),
        ("x0", F),
        ("y0", F),
        ("x1", F),
        ("y1", F),
    ],
    # text of a page that no other row holds, as printed (reason: unclaimed, label, figure_text, unreadable_page)
    "residue": [
        ("page", INT),
        ("side", S),
        ("text", S),
        ("reason", S),
        ("detail", S),
        ("x0", F),
        ("y0", F),
        ("x1", F),
        ("y1", F),
    ],
    "warnings": [
        ("article_id", S),
        ("code", S),
        ("message", S),
        ("page", INT),
        ("side", S),
        ("x0", F),
        ("y0", F),
        ("x1", F),
        ("y1", F),
    ],
    # what a corrections file asked for and whether it applied (pipeline/corrections.py)
    "corrections": [
        ("correction_seq", INT),
        ("source", S),
        ("line", INT),
        ("target", S),
        ("address", S),
        ("action", S),
        ("value", S),
        ("applied", B),
        ("detail", S),
        ("article_id", S),
        ("page", INT),
        ("side", S),
    ],
    # typed facts (pipeline/facts.py), each row keyed to where it was read (FACT_KEYS)
    "investment_rounds": [
        *FACT_KEYS,
        ("stage", S),
        ("deal_count", INT),
        ("share", F64),
        ("year", INT),
        ("data_source", S),
    ],
    "funding_stats": [
        *FACT_KEYS,
        ("data_source", S),
        ("scope", S),
        ("company_count", INT),
        ("deal_count", INT),
        ("amount_cny", F64),
        ("printed_amount", F64),
        ("amount_unit", S),
        ("as_of", DATE),
        ("as_of_precision", S),
        ("approximate", B),
    ],
    "standards_counts": [
        *FACT_KEYS,
        ("organisation", S),
        ("level", S),
        ("status", S),
        ("count", INT),
        ("approximate", B),
        ("as_of", DATE),
        ("as_of_precision", S),
        ("period", DATE),
        ("period_precision", S),
    ],
    "standard_refs": [*FACT_KEYS, ("code", S), ("title", S)],
    "policies": [*FACT_KEYS, ("issuer", S), ("date", DATE), ("date_precision", S), ("title", S)],
}

# Written by `ingest batch` beside the partitions (OUT/failures.parquet, OUT/failures.jsonl), not
# per issue: the files of the last batch run that could not be ingested.
FAILURES: list[tuple[str, pa.DataType]] = [
    ("source_path", S),
    ("sha256", S),
    ("reason", S),
    ("at", UTC_TS),
]
# the column every per-issue table gets from its partition (and every JSONL row carries)
PARTITION = ("issue_id", S)


def arrow_schema(name: str, provenance: dict[str, str] | None = None) -> pa.Schema:
    """The table's Arrow schema with the key-value metadata every file carries: schema version,
    table name, its JSON schema, and (when known) the pipeline version, rules file and sha256,
    source PDF sha256."""
    cols = FAILURES if name == "failures" else SCHEMAS[name]
    meta = {
        "schema_version": SCHEMA_VERSION,
        "table": name,
        "json_schema": json.dumps(json_schema(name), ensure_ascii=False),
        **(provenance or {}),
    }
    return pa.schema(cols, metadata=meta)


def _json_type(t: pa.DataType) -> dict:
    if pa.types.is_list(t):
        return {"type": ["array", "null"], "items": _json_type(t.value_type)}
    if pa.types.is_struct(t):
        fields = [t.field(i) for i in range(t.num_fields)]
        return {"type": ["object", "null"], "properties": {f.name: _json_type(f.type) for f in fields}}
    if pa.types.is_string(t):
        return {"type": ["string", "null"]}
    if pa.types.is_integer(t):
        return {"type": ["integer", "null"]}
    if pa.types.is_floating(t):
        return {"type": ["number", "null"]}
    if pa.types.is_boolean(t):
        return {"type": ["boolean", "null"]}
    if pa.types.is_date(t):
        return {"type": ["string", "null"], "format": "date"}
    if pa.types.is_timestamp(t):
        return {"type": ["string", "null"], "format": "date-time"}
    raise TypeError(f"no JSON type for {t}")


def json_schema(name: str) -> dict:
    """A JSON-lines row of the table as JSON Schema (2020-12); the JSONL files follow it."""
    cols = FAILURES if name == "failures" else [PARTITION, *SCHEMAS[name]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": name,
        "description": f"one row of {name} (docs/DATA.md), schema version {SCHEMA_VERSION}",
        "type": "object",
        "properties": {c: _json_type(t) for c, t in cols},
        "required": [c for c, _ in cols],
    }


def _aid(issue_id: str, seq: int) -> str:
    return f"{issue_id}-{seq:03d}"


def _shown_path(path: Path, root: Path) -> str:
    """A rules file as the repository names it (rules/x.yaml), or its full path if elsewhere."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def table_id(article_id: str, index: int) -> str:
    """The id of an article's index-th table (0-based), as in tables, table_cells and facts."""
    return f"{article_id}-t{index + 1}"


def body_blocks(art: Article) -> list[tuple[int | None, Block]]:
    """(item_seq, block) of every row the blocks table holds for an article, in block_seq order:
    its own body, then its round-up items' blocks (facts.py numbers its blocks the same way)."""
    return [(None, b) for b in art.blocks] + [(it.seq, b) for it in art.items for b in it.blocks]


def _quantity(printed: float | None, unit: str | None, conventions: dict) -> tuple[float | None, str | None]:
    """A printed number in the datasets' convention for its unit (rules tables.unit_quantities):
    56.6 % -> (0.566, 'share'), 6.56 亿元 -> (656000000.0, 'money_cny'); no known unit: as printed."""
    if printed is None:
        return None, None
    conv = conventions.get(unit) if unit else None
    if not conv:
        return printed, None
    return round(printed * float(conv.get("scale", 1)), 10), conv.get("quantity")


def _front_row(front) -> dict:
    """The academic front-matter columns of an articles row (empty for other articles)."""
    f = front
    return dict(
        authors_en=f.authors_en if f else [],
        affiliations=f.affiliations if f else [],
        keywords_en=f.keywords_en if f else [],
        clc=f.clc if f else None,
        doc_code=f.doc_code if f else None,
        article_no=f.article_no if f else None,
        doi=f.doi if f else None,
        received=f.received if f else None,
        funding=f.funding if f else [],
        corresponding=f.corresponding if f else None,
        author_bios=f.author_bios if f else [],
        front_notes=f.notes if f else [],
    )


def issue_rows(
    issue: Issue,
    tokens: dict[int, list[str]],
    facts: dict[str, list[dict]] | None = None,
    rules: Rules | None = None,
) -> dict[str, list[dict]]:
    """Flatten the Issue into one list of plain dicts per table (facts: extract_facts' rows;
    rules: the units of numeric table cells and what they mean, and the rules file's provenance)."""
    units = (rules.get("tables", "units", default=[]) if rules else []) or []
    conventions = (rules.get("tables", "unit_quantities", default={}) if rules else {}) or {}
    iid = issue.meta.issue_id
    raw = issue.layout.raw
    m = issue.meta
    cons = issue.conservation
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    pub_date, pub_precision = parse_printed(m.pub_date)
    rows["issues"].append(
        dict(
            journal_zh=m.journal_zh,
            journal_en=m.journal_en,
            eissn=m.eissn,
            year=m.year,
            volume=m.volume,
            number=m.number,
            total_number=m.total_number,
            pub_date=pub_date,
            pub_date_precision=pub_precision,
            source_path=raw.path,
            source_sha256=raw.sha256,
            page_count=len(raw.pages),
            text_chars=cons.chars if cons else None,
            text_claimed=cons.claimed if cons else None,
            text_residue=cons.residue if cons else None,
            text_unaccounted=sum(cons.unaccounted.values()) if cons else None,
            pipeline_version=__version__,
            rules_file=_shown_path(rules.file, rules.root) if rules and rules.file else None,
            rules_sha256=rules.sha256 if rules else None,
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )
    for art in issue.articles:
        aid = _aid(iid, art.seq)
        body = body_blocks(art)
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
                # a reference list is the references table, not body text (its blocks stay typed)
                body_zh="\n".join(b.text for _, b in body if b.role not in (Role.PULL_QUOTE, Role.REFERENCE)),
                n_paragraphs=sum(b.role != Role.PULL_QUOTE for _, b in body),
                keywords=art.keywords,
                abstract_zh=art.abstract_zh,
                keywords_zh=art.keywords_zh,
                tokens=tokens.get(art.seq, []),
                confidence=art.confidence,
                evidence=art.evidence,
                **_front_row(art.front),
            )
        )
        for k, ref in enumerate(art.references):
            rows["references"].append(
                dict(article_id=aid, ref_seq=k + 1, number=ref.number, ref_text=ref.text, page=ref.page)
            )
        for seq, (item_seq, b) in enumerate(body):
            x0, y0, x1, y1 = b.bbox
            rows["blocks"].append(
                dict(
                    article_id=aid,
                    item_seq=item_seq,
                    block_seq=seq,
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
                    marks=[[a, e] for a, e in b.marks()],
                )
            )
        for s in art.summaries:
            rows["summaries"].append(
                dict(
                    article_id=aid,
                    item_seq=s.item_seq,
                    summary_kind=s.kind,
                    text=s.text,
                    pages=s.pages,
                    summary_confidence=s.confidence,
                    signal=s.signal,
                )
            )
        for c in art.captions:
            rows["captions"].append(
                dict(
                    article_id=aid,
                    text=c.text,
                    caption_kind=c.kind,
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
            tid = table_id(aid, t_idx)
            rows["tables"].append(
                dict(
                    article_id=aid,
                    table_id=tid,
                    page=t.page,
                    caption=t.caption,
                    caption_en=t.caption_en,
                    header=t.header,
                    rows=t.rows,
                    n_rows=len(t.rows),
                    n_cols=len(t.header),
                    notes=t.notes,
                    x0=t.bbox[0],
                    y0=t.bbox[1],
                    x1=t.bbox[2],
                    y1=t.bbox[3],
                    pages=[page for page, _ in t.parts()],
                    continued_labels=t.continued_labels,
                )
            )
            for r, row in enumerate([t.header] + t.rows):
                for c, text in enumerate(row):
                    rs, cs = t.spans.get((r, c), (1, 1))
                    printed, unit = (None, None)
                    if r > 0:
                        labels = [row[0], t.header[c] if c < len(t.header) else ""]
                        printed, unit = cell_value(text, labels, units)
                    value, quantity = _quantity(printed, unit, conventions)
                    page, box = t.cell_place(r, c)
                    rows["table_cells"].append(
                        dict(
                            article_id=aid,
                            table_id=tid,
                            page=page,
                            row=r,
                            col=c,
                            text=text,
                            is_header=r == 0,
                            rowspan=rs,
                            colspan=cs,
                            value_num=value,
                            quantity=quantity,
                            printed_value=printed,
                            unit=unit if printed is not None else None,
                            **dict(zip(("x0", "y0", "x1", "y1"), box or (None,) * 4, strict=True)),
                            pieces=[
                                {
                                    "page": p,
                                    "side": None,
                                    **dict(zip(("x0", "y0", "x1", "y1"), b, strict=True)),
                                }
                                for p, b in t.cell_pieces[(r, c)]
                            ]
                            if (r, c) in t.cell_pieces
                            else None,
                        )
                    )
    for name, fact_rows in (facts or {}).items():
        if name not in SCHEMAS:
            continue
        for f in fact_rows:
            seq = f.get("article_seq")
            aid = _aid(iid, seq) if seq is not None else None
            t_idx = f.get("table_index")
            row = {k: v for k, v in f.items() if k not in ("article_seq", "table_index")}
            rows[name].append(
                {
                    "article_id": aid,
                    "table_id": table_id(aid, t_idx) if t_idx is not None and aid else None,
                    **row,
                }
            )
    folio_pages = pdf_pages_of_folios(issue.layout)
    entry_articles = toc_articles(issue)
    seq = None
    for i, e in enumerate(issue.toc):
        # a level-2 entry (a round-up's piece) lies in the article of the entry above it
        seq = entry_articles.get(i) if e.level == 1 else seq
        rows["toc"].append(
            dict(
                entry_seq=i + 1,
                level=e.level,
                section_zh=e.section_zh,
                section_en=e.section_en,
                title_zh=e.title_zh,
                subtitle_zh=e.subtitle_zh,
                title_en=e.title_en,
                printed_page=e.page,
                page=folio_pages.get(e.page) if e.page is not None else None,
                article_id=_aid(iid, seq) if seq is not None else None,
            )
        )
    fields = {rp.number: rp.fields for rp in issue.layout.raw.pages}
    for p in issue.layout.pages:
        for ln in p.furniture:
            if in_field(ln, fields.get(p.number, [])):
                rows["furniture"].append(
                    dict(
                        page=p.number, kind="form_field", text=ln.text, x0=ln.x0, y0=ln.y0, x1=ln.x1, y1=ln.y1
                    )
                )
                continue
            folio = (
                ln.text.strip().isdigit()
                or roman_value(ln.text) is not None
                or (p.folio is not None and folio_value(ln.text) == p.folio)
            )
            jump = rules.jump_line(ln.text) is not None or any(ln is t for t in p.jump_titles)
            kind = "jump" if jump else "folio" if folio else "running_head"
            rows["furniture"].append(
                dict(page=p.number, kind=kind, text=ln.text, x0=ln.x0, y0=ln.y0, x1=ln.x1, y1=ln.y1)
            )
    for r in issue.residue:
        x0, y0, x1, y1 = r.bbox
        rows["residue"].append(
            dict(page=r.page, text=r.text, reason=str(r.reason), detail=r.detail, x0=x0, y0=y0, x1=x1, y1=y1)
        )
    for c in correction_rows(issue):
        seq = c.pop("article_seq")
        rows["corrections"].append({**c, "article_id": _aid(iid, seq) if seq is not None else None})
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
    # pages as the stages read them -> PDF pages and their coordinates (a spread's halves)
    return to_pdf(rows, raw)


def _write_jsonl(path: Path, issue_id: str, rows: list[dict]) -> int:
    """One JSON object a line, written row by row (a volume's blocks table is tens of MB: never
    held as one string and its bytes besides); returns the bytes written."""
    size = 0
    with path.open("wb") as f:
        for r in rows:
            line = json.dumps({"issue_id": issue_id, **r}, ensure_ascii=False, allow_nan=False, default=str)
            size += f.write(line.encode("utf-8") + b"\n")
    return size


def _as_read(t: pa.DataType) -> pa.DataType:
    """Arrow's JSON reader does not parse dates: they are read as their ISO text, then cast."""
    return S if pa.types.is_date(t) else t


def _arrow(name: str, jsonl: Path, size: int, provenance: dict[str, str] | None = None) -> pa.Table:
    """The Parquet table is parsed from the very JSONL file written beside it (size bytes), by
    Arrow's C++ reader against the explicit schema: the two outputs cannot disagree, and pyarrow's
    conversion of Python lists (which imports pandas, 0.25 s, only to look for pandas objects) is
    not needed."""
    schema = arrow_schema(name, provenance)
    if not size:
        return pa.Table.from_batches([], schema=schema)  # (schema.empty_table() imports pandas)
    reading = pa.schema([(f.name, _as_read(f.type)) for f in schema])
    table = pj.read_json(
        str(jsonl),
        read_options=pj.ReadOptions(use_threads=False, block_size=size + 1),
        parse_options=pj.ParseOptions(explicit_schema=reading, unexpected_field_behavior="ignore"),
    )
    return table.select(schema.names).cast(schema)


def provenance(rows: dict[str, list[dict]]) -> dict[str, str]:
    """What every file of the issue says it came from (Parquet key-value metadata)."""
    issue = (rows.get("issues") or [{}])[0]
    keys = ("pipeline_version", "rules_file", "rules_sha256", "source_sha256")
    return {k: str(issue[k]) for k in keys if issue.get(k) is not None}


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
    refuse_old_output(out)
    meta = provenance(rows)
    staging = out / f".staging-{issue_id}-{uuid.uuid4().hex[:8]}"
    try:
        for name, table_rows in rows.items():
            part = staging / "parquet" / name / f"issue_id={issue_id}"
            part.mkdir(parents=True)
            jdir = staging / "jsonl" / issue_id
            jdir.mkdir(parents=True, exist_ok=True)
            jsonl = jdir / f"{name}.jsonl"
            size = _write_jsonl(jsonl, issue_id, table_rows)
            pq.write_table(_arrow(name, jsonl, size, meta), part / "part-0.parquet")
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
    shutil.rmtree(Path(out) / "report" / issue_id, ignore_errors=True)  # its review page and images
    (Path(out) / "report" / f"{issue_id}.html").unlink(missing_ok=True)


def written_version(out: Path) -> str | None:
    """The schema version of an output folder's existing Parquet files (None: nothing there yet).
    One file per table is enough: a folder is written by one version at a time (see refuse_old_output)."""
    for f in sorted((Path(out) / "parquet").glob("*/issue_id=*/part-0.parquet"))[:1]:
        meta = pq.read_schema(f).metadata or {}
        return meta.get(b"schema_version", b"1").decode()
    return None


def refuse_old_output(out: Path) -> None:
    """Output of another schema version is not mixed with this one's: one clear line instead."""
    found = written_version(out)
    if found is not None and found != SCHEMA_VERSION:
        raise IngestError(
            out,
            f"holds datasets of schema version {found}, this pipeline writes version "
            f"{SCHEMA_VERSION} (docs/DATA.md); ingest into an empty folder, or move the old one away "
            "and re-ingest its PDFs",
        )
