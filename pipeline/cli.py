"""Command line: `ingest ISSUE.pdf` / `ingest batch DIR`, and `pipeline eval|inspect`.

Heavy libraries are imported inside the commands so `--help` answers at once.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import typer

ingest_app = typer.Typer(
    add_completion=False, help="Ingest magazine-issue PDFs into Parquet and JSONL datasets."
)
pipeline_app = typer.Typer(
    add_completion=False, help="Tools around the ingest pipeline: scoring, inspection."
)


@ingest_app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="ISSUE.pdf, or `batch DIR` to ingest every new PDF in DIR"),
    out: Path = typer.Option(Path("data/out"), "--out", help="output folder"),
    rules: str = typer.Option(
        "auto",
        "--rules",
        help="publication rules YAML, or `auto`: the rules file of the publication the PDF names "
        "(cover, running heads, metadata), else rules/generic-zh.yaml",
    ),
    workers: int = typer.Option(
        2,
        "--workers",
        help="parallel worker processes (batch: files at once; one long PDF: processes reading its pages)",
    ),
    force: bool = typer.Option(False, "--force", help="batch: re-ingest files already ingested"),
    report: bool | None = typer.Option(
        None,
        "--report/--no-report",
        help="also write the review page OUT/report/<issue_id>.html (batch: written unless --no-report)",
        show_default=False,
    ),
    replace: bool = typer.Option(
        False, "--replace", help="write the issue even if --out holds its id from another source file"
    ),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="batch: retry files that failed before even if unchanged"
    ),
    corrections: Path = typer.Option(
        None,
        "--corrections",
        help="corrections YAML applied after the automatic stages (batch: DIR/../corrections/<issue_id>.yaml)",
    ),
):
    """Run every stage on ISSUE.pdf and write the datasets under --out."""
    from rich.console import Console
    from rich.markup import escape

    from .choose import RulesChooser
    from .errors import IngestError
    from .identity import check_before_work

    console = Console(stderr=True)

    def fail(message: str) -> typer.Exit:
        console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True, highlight=False)
        return typer.Exit(2)

    try:
        chooser = RulesChooser(rules)
    except ValueError as e:
        raise fail(str(e)) from e
    if problem := out_problem(out):
        raise fail(problem)
    from .datasets import refuse_old_output

    try:
        refuse_old_output(out)
    except IngestError as e:
        console.print(f"[red]error:[/red] {escape(str(e))}", soft_wrap=True, highlight=False)
        raise typer.Exit(1) from e
    if paths[0] == "batch":
        from .batch import run_batch

        if len(paths) != 2:
            raise fail("`ingest batch DIR` takes one folder")
        if corrections is not None:
            raise fail("--corrections is for one issue; a batch reads DIR/../corrections/<issue_id>.yaml")
        if not Path(paths[1]).is_dir():
            raise fail(f"{paths[1]}: not a folder (`ingest batch DIR` ingests the PDFs in a folder)")
        raise typer.Exit(
            run_batch(
                Path(paths[1]),
                out,
                None if chooser.auto else Path(rules),
                workers=workers,
                force=force,
                console=console,
                retry_failed=retry_failed,
                replace=replace,
                report=report is not False,
            )
        )
    fixes = None
    if corrections is not None:
        from .corrections import load_corrections

        try:
            fixes = load_corrections(corrections)  # checked before any work
        except ValueError as e:
            raise fail(str(e)) from e
    for p in paths:
        if Path(p).is_dir():  # a batch is asked for by name, never run by accident
            raise fail(f"{p}: is a folder; to ingest every PDF in it run `ingest batch {p}`")
    failed = 0
    for p in paths:
        try:
            chosen = chooser.for_pdf(p)  # once: choosing reads the PDF's first pages and the rules files
            if not replace:  # before any work: another file's issue is never silently replaced
                check_before_work(Path(p), out, chosen)
            _ingest_one(Path(p), out, chosen, console, bool(report), fixes, replace, workers)
        except IngestError as e:  # one line, whatever the width; a path may hold [brackets]
            console.print(f"[red]error:[/red] {escape(str(e))}", soft_wrap=True, highlight=False)
            failed += 1
    raise typer.Exit(1 if failed else 0)


def out_problem(out: Path) -> str | None:
    """Why --out cannot be the output folder (a file, or a path under a file), or None."""
    for parent in (out, *out.parents):
        if parent.exists():
            if not parent.is_dir():
                what = "is a file" if parent == out else f"lies under {parent}, which is a file"
                return f"--out {out}: {what}, not a folder"
            return None
    return None


def _ingest_one(
    pdf: Path, out: Path, rules, console, report=False, fixes=None, replace=False, workers=1
) -> None:
    from .keywords import KeywordPrefetch

    keywords = KeywordPrefetch(rules)  # jieba loads in a helper while the heavy imports and the PDF run
    try:
        _run_one(pdf, out, rules, console, report, keywords, fixes, replace, workers)
    finally:
        keywords.close()


def _run_one(
    pdf: Path, out: Path, rules, console, report: bool, keywords, fixes=None, replace=False, workers=1
) -> None:
    from rich.progress import Progress

    from .run import ingest_file

    stages = [
        "extract",
        "layout",
        "articles",
        "toc",
        "items",
        "summaries",
        "generic",
        "tables",
        "facts",
        "keywords",
        "residue",
        "rows",
    ]
    renderer = None
    if report:  # the page images are rendered by a helper while the stages run
        from .report import PageRenderer

        renderer = PageRenderer(pdf, out)
    try:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(f"{pdf.name}", total=len(stages))
            issue = ingest_file(
                pdf,
                out,
                rules,
                progress=lambda name: progress.advance(task),
                prefetch=keywords,
                corrections=fixes,
                replace=replace,
                workers=workers,
            )
    except BaseException:
        if renderer is not None:
            renderer.cancel()
        raise
    from .datasets import body_blocks
    from .models import UnitKind

    arts = [a for a in issue.articles if a.kind == UnitKind.ARTICLE]
    n_sum = sum(len(a.summaries) for a in issue.articles)
    total = sum(issue.timings.values())
    cons = issue.conservation
    kept = f"text {cons.coverage:.1%} in rows, {len(issue.residue)} residue rows, " if cons else ""
    n_pdf = len({p.sheet or p.number for p in issue.layout.raw.pages})  # a spread is one PDF page, two read
    pages = (
        f"{n_pdf} pages"
        if n_pdf == len(issue.layout.pages)
        else f"{n_pdf} pages ({len(issue.layout.pages)} read)"
    )
    console.print(
        f"[green]{pdf}[/green] -> {out} issue {issue.meta.issue_id}: {pages}, "
        f"{len(arts)} articles, {len(issue.articles) - len(arts)} other units, "
        f"{sum(len(body_blocks(a)) for a in issue.articles)} blocks, {n_sum} summaries, "
        f"{sum(len(a.tables) for a in issue.articles)} tables, {kept}{len(issue.warnings)} warnings, {total:.2f}s"
    )
    print_corrections(issue, console)
    if renderer is not None:
        from .report import write_review

        t = time.perf_counter()
        path = write_review(out, issue.meta.issue_id, renderer=renderer)
        console.print(
            f"review page: {path} ({time.perf_counter() - t:.2f}s more)", soft_wrap=True, highlight=False
        )


def print_corrections(issue, console) -> None:
    """One line for the corrections applied, one for each that was not (it is stale: fix or drop it)."""
    from rich.markup import escape

    if not issue.corrections:
        return
    done = sum(r.applied for r in issue.corrections)
    console.print(f"corrections: {done} of {len(issue.corrections)} applied", highlight=False)
    for r in issue.corrections:
        if not r.applied:
            c = r.correction
            console.print(
                f"[yellow]correction not applied:[/yellow] {escape(c.where())} #{c.seq} {c.target} "
                f"{escape(str(c.address))} {c.action}: {escape(r.detail)}",
                soft_wrap=True,
                highlight=False,
            )


@pipeline_app.command("review")
def review_cmd(
    out: Path = typer.Argument(..., help="output folder of `ingest`"),
    issue: str = typer.Option(None, "--issue", help="issue id (default: every issue in OUT)"),
    pdf: Path = typer.Option(None, "--pdf", help="the source PDF, if it moved since the ingest"),
):
    """Write the review page OUT/report/<issue_id>.html from an ingest's output: pages with the
    layout overlay beside the text, warnings and least confident units first, search, addresses
    for the corrections file."""
    from rich.console import Console
    from rich.markup import escape

    from .report import issue_ids, write_review

    console = Console(stderr=True)

    def fail(message: str) -> typer.Exit:
        console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True, highlight=False)
        return typer.Exit(2)

    if not out.is_dir():
        raise fail(f"{out}: not an output folder of `ingest`")
    ids = issue_ids(out)
    if not ids:
        raise fail(f"{out}: holds no ingested issue (no jsonl/<issue_id>/issues.jsonl)")
    if issue is not None and issue not in ids:
        raise fail(f"--issue {issue}: not in {out} (it holds {', '.join(ids)})")
    if pdf is not None and not pdf.is_file():
        raise fail(f"--pdf {pdf}: file not found")
    for iid in [issue] if issue else ids:
        print(write_review(out, iid, pdf=pdf))


@pipeline_app.command("eval")
def eval_cmd(
    out_dir: Path = typer.Argument(..., help="output folder of `ingest`"),
    truth: Path = typer.Option(
        ..., "--truth", help="answer key JSON: issue-truth/1, or a light key of one journal article"
    ),
    issue_id: str = typer.Option(None, "--issue-id"),
    json_out: Path = typer.Option(
        None, "--json", help="write the scores here (default OUT_DIR/eval/<issue>.json)"
    ),
    facts: Path = typer.Option(
        None,
        "--facts",
        help="also count the typed facts of this hand-typed list (tests/fixtures/expected_facts.json)",
    ),
):
    """Score an ingest output against an answer key."""
    import json

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from .evaluate import evaluate, write_json
    from .evaluate_light import evaluate_light, is_light_key

    def fail(message: str) -> typer.Exit:
        Console(stderr=True).print(f"[red]error:[/red] {escape(message)}", soft_wrap=True, highlight=False)
        return typer.Exit(2)

    if not (out_dir / "parquet").is_dir():
        raise fail(f"{out_dir}: not an output folder of `ingest` (no parquet/ in it)")
    if not truth.is_file():
        raise fail(f"--truth {truth}: file not found")
    held = sorted(p.name for p in (out_dir / "jsonl").glob("*") if p.is_dir())
    if issue_id is not None and issue_id not in held:
        raise fail(f"--issue-id {issue_id}: not in {out_dir} (it holds {', '.join(held) or 'no issue'})")
    try:
        light = is_light_key(json.loads(truth.read_text(encoding="utf-8")))
        res = evaluate_light(out_dir, truth) if light else evaluate(out_dir, truth, issue_id)
    except (
        OSError,
        ValueError,
        KeyError,
        TypeError,
    ) as e:  # a key that is not an answer key, an id not there
        raise fail(
            f"{truth}: cannot score {out_dir} against it ({type(e).__name__}: {' '.join(str(e).split())})"
        ) from e
    if facts is not None:
        from .facts_eval import read_output_facts, score_facts

        if not facts.is_file():
            raise fail(f"--facts {facts}: file not found")
        got = score_facts(
            read_output_facts(out_dir, res["issue_id"]), json.loads(facts.read_text(encoding="utf-8"))
        )
        res.update(
            typed_facts_found=got["found"],
            typed_facts_expected=got["expected"],
            typed_facts_extra=got["extra"],
        )
    table = Table("metric", "value", title=f"{res['issue_id']} vs {truth.name}")
    for key, value in res.items():
        if isinstance(value, float):
            table.add_row(key, f"{value:.3f}")
        elif isinstance(value, int) or value is None:
            table.add_row(key, "—" if value is None else str(value))
    Console().print(table)
    write_json(res, json_out or out_dir / "eval" / f"{res['issue_id']}.json")


@pipeline_app.command("eval-facts")
def eval_facts_cmd(
    out_dir: Path = typer.Argument(..., help="output folder of `ingest`"),
    expected: Path = typer.Option(
        Path("tests/fixtures/expected_facts.json"), "--expected", help="the facts typed by hand"
    ),
    issue_id: str = typer.Option(None, "--issue-id"),
):
    """Count the typed facts an output holds of a hand-typed list (rounds, funding, standards)."""
    import json

    from .facts_eval import read_output_facts, score_facts

    res = score_facts(read_output_facts(out_dir, issue_id), json.loads(expected.read_text(encoding="utf-8")))
    for table, r in res["tables"].items():
        print(f"{table}: {r['found']}/{r['expected']}" + (f", missed {r['missed']}" if r["missed"] else ""))
    print(f"typed facts found: {res['found']}/{res['expected']}, extra {res['extra']}")


@pipeline_app.command("inspect")
def inspect_cmd(
    pdf: Path = typer.Argument(...),
    pages: str = typer.Option(None, "--pages", help="e.g. 10-13 or 3,5"),
    out: Path = typer.Option(Path("data/out/inspect"), "--out"),
    rules: Path = typer.Option(None, "--rules"),
):
    """Draw what the layout engine saw onto PNG page images."""
    from rich.console import Console
    from rich.markup import escape

    from .errors import IngestError
    from .inspect import draw_pages
    from .rules import Rules

    console = Console(stderr=True)
    try:
        if problem := out_problem(out):
            raise ValueError(problem)
        written = draw_pages(pdf, Rules.load(rules), pages, out)
    except (ValueError, IngestError) as e:  # a rules file, --pages, --out or the PDF: one line
        console.print(f"[red]error:[/red] {escape(str(e))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2 if isinstance(e, ValueError) else 1) from e
    for p in written:
        print(p)


def main() -> None:  # pragma: no cover
    sys.exit(ingest_app())


@pipeline_app.command("eval-samples")
def eval_samples_cmd(
    folders: list[Path] = typer.Argument(
        ..., help="folders holding PDFs with a <stem>.truth.json beside them"
    ),
    out: Path = typer.Option(Path("data/out/eval-runs"), "--out"),
    rules: str = typer.Option("auto", "--rules", help="rules YAML, or `auto` (per PDF, as ingest)"),
    md: Path = typer.Option(None, "--md", help="also write the table as markdown (the README's)"),
):
    """Ingest every sample PDF that has an answer key and print one score table."""
    from rich.console import Console

    from .choose import RulesChooser
    from .errors import IngestError
    from .evaluate import evaluate, render_markdown, render_table, write_json
    from .evaluate_light import evaluate_light, render_light_markdown, render_light_table
    from .run import ingest_file

    try:
        chooser = RulesChooser(rules)
        for folder in folders:
            if not folder.is_dir():
                raise ValueError(f"{folder}: not a folder")
    except ValueError as e:
        from rich.markup import escape

        Console(stderr=True).print(f"[red]error:[/red] {escape(str(e))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from e
    results, light = {}, {}
    for folder in folders:
        for pdf in sorted(folder.glob("*.pdf")):
            key = pdf.with_suffix(".truth.json")
            light_key = folder / "keys" / f"{pdf.stem}.json"  # real articles keyed lightly (wild-dev)
            if not key.exists() and not light_key.exists():
                continue
            run_out = out / pdf.stem
            shutil.rmtree(run_out, ignore_errors=True)  # a scratch folder: last run's output goes
            try:
                issue = ingest_file(pdf, run_out, chooser.for_pdf(pdf))
            except IngestError as e:  # a real file we cannot read scores 0, the others still run
                Console(stderr=True).print(f"error: {e}", soft_wrap=True, highlight=False, markup=False)
                issue = None
            if key.exists():
                results[pdf.stem] = evaluate(run_out, key, issue.meta.issue_id if issue else None)
            else:
                light[pdf.stem] = evaluate_light(run_out, light_key)
    Console(width=250).print(render_table(results))
    if light:
        Console(width=250).print(render_light_table(light))
    write_json({**results, **light}, out / "summary.json")
    if md:
        text = render_markdown(results) + (f"\n{render_light_markdown(light)}" if light else "")
        md.write_text(text, encoding="utf-8")
