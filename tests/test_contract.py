"""The data contract (docs/DATA.md, schema version 2): what is written is what is documented, every
table joins on its keys, every value has its type, read by pandas, DuckDB and Polars alike."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from pipeline import SCHEMA_VERSION, __version__
from pipeline.corrections import BODY_TYPES
from pipeline.datasets import FAILURES, SCHEMAS, written_version
from pipeline.errors import IngestError
from pipeline.models import (
    BLOCK_TABLE_ROLES,
    Article,
    Block,
    Piece,
    Role,
    Summary,
    SummaryKind,
    UnitKind,
    Warning,
    WarningCode,
)
from pipeline.rules import Rules
from pipeline.rules_schema import RulesError, validate
from pipeline.run import ingest_file

ROOT = Path(__file__).parent.parent
DATA_MD = ROOT / "docs" / "DATA.md"
SAMPLE = ROOT / "data" / "raw" / "issue-2026-v2n1-classic.pdf"
FACTS = ("investment_rounds", "funding_stats", "standards_counts", "standard_refs", "policies")
# columns that join articles (or are the same quantity printed elsewhere, DATA.md "Keys")
JOIN_KEYS = {"issue_id", "article_id"}
SAME_QUANTITY = {
    "items": {"title_zh", "title_en"},
    "toc": {"section_zh", "section_en", "title_zh", "subtitle_zh", "title_en"},
}


def type_name(t: pa.DataType) -> str:
    """An Arrow type as DATA.md writes it."""
    if pa.types.is_list(t):
        return f"list<{type_name(t.value_type)}>"
    if pa.types.is_timestamp(t):
        return f"timestamp[{t.unit}, {t.tz}]"
    if pa.types.is_date32(t):
        return "date32"
    return {"float": "float32", "double": "float64"}.get(str(t), str(t))


def documented() -> dict[str, dict[str, str]]:
    """{table: {column: type}} from the `### table` sections of DATA.md; a fact table that says
    "Key columns as above" starts with the rows of `### Typed facts`."""
    tables: dict[str, dict[str, str]] = {}
    name = None
    for line in DATA_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            name = line[4:].strip().strip("`")
            tables[name] = {}
        elif name and "Key columns as above" in line:
            tables[name].update(tables["Typed facts"])
        elif name and line.startswith("| ") and not line.startswith(("| column", "|---")):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            if len(cells) >= 2:
                tables[name][cells[0].strip("`")] = cells[1]
    tables.pop("Typed facts", None)
    return tables


def declared() -> dict[str, dict[str, str]]:
    out = {name: {c: type_name(t) for c, t in cols} for name, cols in SCHEMAS.items()}
    out["failures"] = {c: type_name(t) for c, t in FAILURES}
    return out


def _row(column: str, typ: str) -> str:
    return f"| {column} | {typ} | <unit or values> | <meaning> |"


def test_data_md_lists_every_declared_table_and_column_with_its_type():
    """Adding a table or column to datasets.SCHEMAS? Document it in docs/DATA.md: the message says
    exactly which section and row to add."""
    docs, decl = documented(), declared()
    problems = []
    for table, cols in decl.items():
        if table not in docs:
            rows = "\n".join(_row(c, t) for c, t in cols.items())
            problems.append(
                f"docs/DATA.md has no section for table {table!r}; add under '## Tables':\n"
                f"### {table}\n\nOne row per <what>.\n\n| column | type | unit / values | meaning |\n|---|---|---|---|\n{rows}"
            )
            continue
        for c, t in cols.items():
            if c not in docs[table]:
                problems.append(
                    f"docs/DATA.md '### {table}' does not list column {c!r}; add the row:\n{_row(c, t)}"
                )
            elif docs[table][c] != t:
                problems.append(
                    f"docs/DATA.md '### {table}' gives {c!r} type {docs[table][c]!r}, datasets.py writes {t!r}"
                )
        for c in docs[table].keys() - cols.keys():
            problems.append(
                f"docs/DATA.md '### {table}' lists column {c!r} that datasets.py does not write: remove it"
            )
    for table in docs.keys() - decl.keys():
        problems.append(f"docs/DATA.md documents table {table!r} that datasets.py does not write: remove it")
    assert not problems, "\n\n".join(problems)


def test_tables_that_join_articles_share_no_column_name_with_it_but_keys():
    arts = {c for c, _ in SCHEMAS["articles"]}
    for table, cols in SCHEMAS.items():
        names = {c for c, _ in cols}
        if table == "articles" or "article_id" not in names:
            continue
        clash = (names & arts) - JOIN_KEYS - SAME_QUANTITY.get(table, set())
        assert not clash, (
            f"{table} repeats articles' {sorted(clash)}: give them names of their own (as summary_kind)"
        )


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("contract")
    issue = ingest_file(SAMPLE, d, Rules.load())
    return d, issue.meta.issue_id


def test_written_files_hold_only_documented_tables_and_columns(out):
    d, iid = out
    docs = documented()
    written = {p.name for p in (d / "parquet").iterdir() if p.is_dir()}
    assert written == set(SCHEMAS), written ^ set(SCHEMAS)
    for table in written:
        f = d / "parquet" / table / f"issue_id={iid}" / "part-0.parquet"
        schema = pq.read_schema(f)
        assert table in docs, f"{table} is written but docs/DATA.md has no '### {table}'"
        for field in schema:
            assert field.name in docs[table], (
                f"{table}.{field.name} is written but docs/DATA.md does not list it"
            )
            assert docs[table][field.name] == type_name(field.type), (table, field.name, field.type)
        for line in (d / "jsonl" / iid / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()[:50]:
            extra = json.loads(line).keys() - docs[table].keys() - {"issue_id"}
            assert not extra, f"{table}.jsonl holds {extra} that docs/DATA.md does not list"


def test_parquet_metadata_tells_version_schema_and_provenance(out):
    d, iid = out
    rules = Rules.load()
    for table in SCHEMAS:
        meta = pq.read_schema(d / "parquet" / table / f"issue_id={iid}" / "part-0.parquet").metadata
        meta = {k.decode(): v.decode() for k, v in meta.items() if not k.startswith(b"ARROW")}
        assert meta["schema_version"] == SCHEMA_VERSION == "2" and meta["table"] == table
        js = json.loads(meta["json_schema"])
        assert list(js["properties"]) == ["issue_id", *(c for c, _ in SCHEMAS[table])]
        assert meta["pipeline_version"] == __version__
        assert meta["rules_file"] == "rules/guojikejicujin.yaml" and meta["rules_sha256"] == rules.sha256
        assert re.fullmatch(r"[0-9a-f]{64}", meta["source_sha256"])
    assert written_version(d) == "2"


_JSON_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list}


def _fits(value, spec: dict) -> bool:
    """A JSONL value against its column's JSON schema (types, list items, date formats)."""
    if value is None:
        return "null" in spec["type"]
    kinds = [t for t in spec["type"] if t != "null"]
    if not any(
        isinstance(value, _JSON_TYPES[k]) and not (k == "integer" and isinstance(value, bool)) for k in kinds
    ):
        return False
    if spec.get("format") == "date":
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
    if spec.get("format") == "date-time":
        return datetime.fromisoformat(value).utcoffset() is not None
    return "items" not in spec or all(_fits(v, spec["items"]) for v in value)


def test_jsonl_rows_follow_the_json_schema_in_the_parquet_metadata(out):
    d, iid = out
    for table in SCHEMAS:
        meta = pq.read_schema(d / "parquet" / table / f"issue_id={iid}" / "part-0.parquet").metadata
        props = json.loads(meta[b"json_schema"])["properties"]
        for line in (d / "jsonl" / iid / f"{table}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            bad = {k: v for k, v in row.items() if k not in props or not _fits(v, props[k])}
            assert not bad, f"{table}: {bad}"


def test_rules_provenance_changes_with_the_base_file_too(tmp_path):
    base = (ROOT / "rules" / "base-zh.yaml").read_text(encoding="utf-8")
    own = (ROOT / "rules" / "guojikejicujin.yaml").read_text(encoding="utf-8")
    (tmp_path / "base-zh.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "mag.yaml").write_text(own, encoding="utf-8")
    before = Rules.load(tmp_path / "mag.yaml").sha256
    (tmp_path / "base-zh.yaml").write_text(base + "\n# an edit\n", encoding="utf-8")
    assert Rules.load(tmp_path / "mag.yaml").sha256 != before


def test_pandas_reads_typed_columns(out):
    import pandas as pd

    d, _ = out
    arts = pd.read_parquet(d / "parquet" / "articles", dtype_backend="pyarrow")
    assert str(arts["toc_page"].dtype).startswith("int32")  # nulls and all: an integer
    body = arts[arts["kind"] == "article"].iloc[0]
    assert len(body["tokens"]) > 50 and all(isinstance(w, str) and w.strip() for w in body["tokens"])
    issues = pd.read_parquet(d / "parquet" / "issues", dtype_backend="pyarrow")
    assert "timestamp[us, tz=UTC]" in str(issues["ingested_at"].dtype)
    assert isinstance(issues["pub_date"].iloc[0], date) and issues["pub_date_precision"].iloc[0] == "day"
    summaries = pd.read_parquet(d / "parquet" / "summaries", dtype_backend="pyarrow")
    joined = arts.merge(summaries, on=["issue_id", "article_id"])
    assert not [c for c in joined.columns if c.endswith(("_x", "_y"))]  # the README's join, no kind_y
    assert len(joined) == len(summaries)


def test_duckdb_joins_articles_tables_cells_and_facts(out):
    duckdb = pytest.importorskip("duckdb")
    d, _ = out
    con = duckdb.connect()
    for t in ("articles", "tables", "table_cells", "investment_rounds", "blocks", "funding_stats", "toc"):
        con.execute(
            f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{d}/parquet/{t}/*/*.parquet', hive_partitioning=true)"
        )
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE funding_stats)").fetchall())
    assert types["as_of"] == "DATE" and types["amount_cny"] == "DOUBLE" and types["deal_count"] == "INTEGER"
    # articles -> tables -> typed facts, and each fact back to the very cell it was read from
    rows = con.execute(
        """SELECT a.title_zh, t.table_id, r.stage, r.deal_count, r.share, c.value_num, c.printed_value, c.unit
           FROM articles a JOIN tables t USING (issue_id, article_id)
           JOIN investment_rounds r USING (issue_id, article_id, table_id)
           JOIN table_cells c ON c.issue_id = r.issue_id AND c.table_id = r.table_id AND c.row = r.row AND c.col = r.col"""
    ).fetchall()
    assert len(rows) == 5 and all(r[3] == round(r[5]) for r in rows)
    # every share is a fraction, in the facts and in the cells alike
    shares = con.execute(
        "SELECT value_num, printed_value FROM table_cells WHERE quantity = 'share'"
    ).fetchall()
    assert shares and all(0 <= v <= 1 and abs(v * 100 - p) < 1e-6 for v, p in shares)
    # facts read from sentences point to the block that holds them
    bad = con.execute(
        """SELECT f.source FROM funding_stats f JOIN blocks b USING (issue_id, article_id, block_seq)
           WHERE position(substr(replace(f.source, ' ', ''), 1, 6) IN replace(b.text, ' ', '')) = 0"""
    ).fetchall()
    n = con.execute("SELECT count(*) FROM funding_stats WHERE block_seq IS NOT NULL").fetchone()[0]
    assert n >= 6 and not bad
    # contents entries join the article they list, on the PDF page it starts
    toc = con.execute(
        """SELECT count(*), count(*) FILTER (WHERE e.page = a.page_start OR e.printed_page = a.toc_page)
           FROM toc e JOIN articles a USING (issue_id, article_id) WHERE e.level = 1"""
    ).fetchone()
    assert toc[0] >= 20 and toc[1] == toc[0]


def test_polars_reads_types_and_joins(out):
    pl = pytest.importorskip("polars")
    d, _ = out
    scan = {t: pl.scan_parquet(f"{d}/parquet/{t}/**/*.parquet", hive_partitioning=True) for t in SCHEMAS}
    arts = scan["articles"].collect()
    assert arts.schema["tokens"] == pl.List(pl.String) and arts.schema["toc_page"] == pl.Int32
    assert scan["issues"].collect().schema["ingested_at"] == pl.Datetime("us", "UTC")
    std = scan["standards_counts"].collect()
    assert std.schema["period"] == pl.Date and set(std["period_precision"].drop_nulls()) <= {
        "year",
        "month",
        "day",
    }
    joined = (
        scan["articles"]
        .join(scan["tables"], on=["issue_id", "article_id"])
        .join(scan["investment_rounds"], on=["issue_id", "article_id", "table_id"], suffix="_fact")
        .collect()
    )
    assert joined.height == 5 and joined["share"].max() < 1


def test_every_fact_row_has_its_keys_and_verbatim_source(out):
    import pandas as pd

    d, iid = out
    for t in FACTS:
        df = pd.read_parquet(d / "parquet" / t, dtype_backend="pyarrow")
        assert df["article_id"].notna().all() and df["page"].notna().all() and df["source"].notna().all()
        from_table, from_text = df["table_id"].notna(), df["block_seq"].notna()
        assert (from_table ^ from_text).all(), t  # one or the other, never neither
        assert (df.loc[from_table, "row"].notna()).all()


def test_units_that_are_not_articles_have_no_authors(out):
    import pandas as pd

    d, _ = out
    arts = pd.read_parquet(d / "parquet" / "articles", dtype_backend="pyarrow")
    assert "masthead" in set(arts["kind"])
    assert all(len(a) == 0 for a in arts.loc[arts["kind"] != "article", "authors"])


def test_console_counts_the_blocks_it_wrote(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import ingest_app

    pdf = ROOT / "tests" / "fixtures" / "roundup-dense.pdf"  # a round-up: items hold blocks too
    res = CliRunner().invoke(ingest_app, [str(pdf), "--out", str(tmp_path)], terminal_width=400)
    said = int(re.search(r"(\d+) blocks", res.output).group(1))
    written = sum(1 for f in (tmp_path / "jsonl").glob("*/blocks.jsonl") for _ in f.open(encoding="utf-8"))
    assert said == written > 0


def test_an_output_folder_of_schema_v1_is_refused_with_one_line(tmp_path):
    old = tmp_path / "parquet" / "articles" / "issue_id=x"
    old.mkdir(parents=True)
    pq.write_table(
        pa.table({"a": [1]}).replace_schema_metadata({"schema_version": "1"}), old / "part-0.parquet"
    )
    with pytest.raises(IngestError) as e:
        ingest_file(ROOT / "tests" / "fixtures" / "tables-classic.pdf", tmp_path, Rules.load())
    assert "schema version 1" in str(e.value) and "\n" not in str(e.value)
    assert not (tmp_path / "jsonl").exists()  # nothing written
    from typer.testing import CliRunner

    from pipeline.cli import ingest_app

    for args in (
        ["batch", str(ROOT / "tests" / "fixtures")],
        [str(ROOT / "tests" / "fixtures" / "tables-classic.pdf")],
    ):
        res = CliRunner().invoke(ingest_app, [*args, "--out", str(tmp_path)], terminal_width=400)
        assert res.exit_code == 1 and "schema version 1" in res.output, res.output
        assert len(res.output.strip().splitlines()) == 1
    assert not (tmp_path / "jsonl").exists() and not (tmp_path / "manifest.json").exists()


def test_ingested_at_is_utc(out):
    d, _ = out
    t = pq.read_table(d / "parquet" / "issues").column("ingested_at")[0].as_py()
    assert isinstance(t, datetime) and t.utcoffset().total_seconds() == 0


def _documented_values(table: str, column: str) -> set[str]:
    """The values DATA.md lists for a column (its 'unit / values' cell, notes in brackets dropped)."""
    name = None
    for line in DATA_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            name = line[4:].strip().strip("`")
        elif name == table and line.startswith(f"| {column} |"):
            cell = line.strip("|").split(" | ")[2]
            cell = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", "", cell)
            return {v.strip() for v in re.split(r"[,/]", cell) if v.strip()}
    raise AssertionError(f"docs/DATA.md '### {table}' has no column {column!r}")


def test_every_kind_and_code_the_pipeline_knows_is_documented():
    """A new role the blocks table can hold, unit kind, summary kind or warning code is a new value
    of a written column: DATA.md lists it (and lists nothing the pipeline cannot write)."""
    assert _documented_values("warnings", "code") == set(WarningCode)
    assert _documented_values("articles", "kind") == set(UnitKind)
    assert _documented_values("summaries", "summary_kind") == set(SummaryKind)
    assert _documented_values("blocks", "type") == set(BLOCK_TABLE_ROLES) <= set(Role)
    assert set(BODY_TYPES) == set(BLOCK_TABLE_ROLES)  # what a correction may retype a block to


def test_every_role_written_is_documented(out):
    d, iid = out
    written = {
        json.loads(r)["type"] for r in (d / "jsonl" / iid / "blocks.jsonl").read_text("utf-8").splitlines()
    }
    assert written and written <= _documented_values("blocks", "type")
    codes = {
        json.loads(r)["code"] for r in (d / "jsonl" / iid / "warnings.jsonl").read_text("utf-8").splitlines()
    }
    assert codes and codes <= _documented_values("warnings", "code")


def test_an_unknown_role_kind_or_code_cannot_be_made(tmp_path):
    """Roles, kinds and codes are enums: a misspelt one fails where it is made, not in the output."""
    with pytest.raises(ValueError, match="headline"):
        Block("headline", "文本", [], [Piece(1, (0, 0, 10, 10))])
    with pytest.raises(ValueError, match="articel"):
        Article(seq=1, kind="articel", pages=[1])
    with pytest.raises(ValueError, match="digest"):
        Summary("digest", "text", [1])
    with pytest.raises(ValueError, match="no_sumary"):
        Warning("no_sumary", "message")
    assert Block("paragraph", "文本", [], [Piece(1, (0, 0, 10, 10))]).role is Role.PARAGRAPH
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: base-zh.yaml\nsummary_headings:\n  digest: ['Digest']\n", encoding="utf-8")
    with pytest.raises(RulesError, match="summary_headings.digest: unknown key"):
        validate(yaml.safe_load(bad.read_text("utf-8")), bad)
