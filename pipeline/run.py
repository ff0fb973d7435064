"""Run the stages on one PDF: each stage a function from one typed model to the next.

The result carries per-stage timings and warnings; input the pipeline cannot handle raises
IngestError naming the file and the reason.
"""

from __future__ import annotations

import ctypes
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

from .articles import segment
from .confidence import assess_units
from .corrections import Correction, CorrectionsError, apply_corrections, load_corrections
from .costs import by_page_read, slow_pages
from .datasets import issue_rows, refuse_old_output, write_issue
from .errors import IngestError
from .extract import extract, open_pdf
from .facts import extract_facts
from .forked import PARALLEL_MIN_PAGES, can_fork
from .generic import hold_text
from .identity import conflict
from .items import split_items
from .jumps import stitch_jumps
from .keywords import KeywordPrefetch, add_keywords
from .layout import analyze
from .models import Issue, Role, UnitKind, Warning, WarningCode
from .residue import account_text, conservation_warnings
from .rules import Rules
from .spreads import page_name
from .summaries import pair_summaries
from .tables import AreaReader, extract_tables, read_ahead
from .toc import parse_toc


def safe_id(text: str, default: str = "issue") -> str:
    """An issue id safe as a partition folder name: the PDF's text is untrusted, so no path
    separators, no `..`, no leading dot, no `=`/`%` (hive partitioning), at most 80 characters."""
    t = unicodedata.normalize("NFKC", str(text))
    t = re.sub(r"[^\w.-]+", "_", t, flags=re.UNICODE)
    t = re.sub(r"\.{2,}", ".", t).strip("._-")
    return t[:80].rstrip("._-") or default


def fallback_issue_id(path: Path) -> str:
    """File stem made safe for a partition name (the PDF's own text may give a better id)."""
    return safe_id(path.stem)


# a glyph whose font maps it to no character: U+FFFD, a private-use code point, a control other
# than tab and newline (one pattern, not a Python step per character of every line)
_UNMAPPED = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b-\x1f]")


def _warnings(issue: Issue) -> None:
    """What a person should check: one row each in the warnings table."""

    def warn(code: str, message: str, art=None, page=None, bbox=None) -> None:
        issue.warnings.append(Warning(code, message, art.seq if art else None, page, bbox))

    def head(a):  # (page, bbox) of an article's title area, for a warning about the article as a whole
        if a.title_bbox is not None:
            return a.pages[0], a.title_bbox
        held = [
            *a.blocks,
            *a.flow,
            *(b for it in a.items for b in it.blocks),
        ]  # a round-up's text is its items'
        first = min(held, key=lambda b: b.page, default=None)  # its first block, on its first page
        return (first.page, first.bbox) if first else (a.pages[0], None)

    raw = issue.layout.raw
    for note in raw.notes:
        warn(WarningCode.PDF_REPAIRED, note)
    issue.warnings += raw.warnings  # text-layer repairs and doubts, where they were made
    issue.warnings += [w for p in issue.layout.pages for w in p.warnings]  # the layout's doubts
    for p in raw.pages:
        if p.unreadable:
            warn(
                WarningCode.PAGE_UNREADABLE,
                f"page {p.sheet or p.number} cannot be read: {p.damage}",
                page=p.number,
            )
        elif p.damage:
            warn(
                WarningCode.PAGE_DAMAGED,
                f"page {p.sheet or p.number} read in part, MuPDF lost: {p.damage}",
                page=p.number,
            )
    articles = [a for a in issue.articles if a.kind == UnitKind.ARTICLE]
    for a in articles:
        if not a.summaries:
            warn(
                WarningCode.NO_SUMMARY,
                f"article {a.title_zh!r} has no English summary",
                a,
                *head(a),
            )
        for s in a.summaries:
            if s.confidence < 0.8:
                warn(
                    WarningCode.LOW_CONFIDENCE_SUMMARY,
                    f"{s.signal} ({s.confidence:.2f})",
                    a,
                    s.pages[0],
                    s.bbox,
                )
        if a.title_en is None:
            warn(
                WarningCode.NO_TITLE_EN,
                f"article {a.title_zh!r} has no English title",
                a,
                *head(a),
            )
        english = [b for b in a.blocks if b.lang == "en" and b.role != Role.REFERENCE]  # cited as printed
        if english:
            warn(
                WarningCode.ENGLISH_IN_BODY,
                f"{len(english)} English block(s) left in the body",
                a,
                english[0].page,
                english[0].bbox,
            )
    # glyphs a reader sees but the text layer does not name (fonts without a ToUnicode map)
    unmapped = [
        (p.number, ln.bbox, len(_UNMAPPED.findall(ln.text)))
        for p in issue.layout.raw.pages
        for ln in p.lines
        if _UNMAPPED.search(ln.text)
    ]
    if unmapped:
        pages = Counter(n for n, _, _ in unmapped)
        first, box, _ = min(unmapped, key=lambda u: u[0])
        warn(
            WarningCode.UNMAPPED_GLYPHS,
            f"{sum(c for _, _, c in unmapped)} glyph(s) without a character (fonts with no ToUnicode) on {len(pages)} page(s), from p. {page_name(raw, first)}",
            page=first,
            bbox=box,
        )
    # contents entries found on no page are warned about where segmentation looks for them


def _corrections_for(pdf: Path, issue_id: str, corrections, corrections_dir) -> list[Correction]:
    """The corrections given (a file or its loaded entries), else <corrections_dir>/<issue_id>.yaml
    when there is one; a file that cannot be used fails the PDF's ingest, naming both files."""
    if corrections is None and corrections_dir is not None:
        found = Path(corrections_dir) / f"{issue_id}.yaml"
        corrections = found if found.is_file() else None
    if corrections is None or isinstance(corrections, list):
        return corrections or []
    try:
        return load_corrections(corrections)
    except CorrectionsError as e:
        raise IngestError(pdf, f"corrections file {e}") from e


def _return_freed_memory() -> None:
    """Hand the heap's freed pages back to the system (glibc's malloc_trim). glibc keeps what a
    stage freed for reuse; pdfplumber's per-page objects after the tables stage and the stages'
    intermediate models leave ~10 % of a volume's peak RSS held that way. Elsewhere a no-op."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def process(
    pdf: str | Path,
    rules: Rules,
    progress=None,
    prefetch: bool | KeywordPrefetch = False,
    corrections: Path | list[Correction] | None = None,
    corrections_dir: Path | None = None,
    workers: int = 1,
) -> tuple[Issue, dict[str, list[dict]]]:
    """PDF -> Issue and the rows of every output table, without writing anything. Corrections
    (a file, or <corrections_dir>/<issue_id>.yaml) are applied after the segmentation stages.
    workers: processes that may read a long PDF's pages (extract.PARALLEL_MIN_PAGES; the same
    result either way); a batch, which runs files side by side, leaves it at one."""
    pdf = Path(pdf)
    timings: dict[str, float] = {}

    def timed(name, fn, *args):
        t = time.perf_counter()
        result = fn(*args)
        timings[name] = time.perf_counter() - t
        if progress:
            progress(name)
        return result

    doc = open_pdf(pdf, rules)
    # a long file's table areas are read by a second process too, forked now while this one is small
    areas = (
        AreaReader(pdf, rules)
        if workers >= 2 and doc.page_count >= PARALLEL_MIN_PAGES and can_fork()
        else None
    )
    # a one-off run loads jieba in a helper process while the PDF is read; a long-lived process
    # (batch worker, tests) keeps jieba loaded in-process instead
    keywords = (
        prefetch if isinstance(prefetch, KeywordPrefetch) else KeywordPrefetch(rules) if prefetch else None
    )
    try:
        raw = timed("extract", extract, pdf, rules, doc, workers)
        laid = timed("layout", analyze, raw, rules, workers)
        if areas is not None:  # the table areas are read by the other process from now on
            read_ahead(areas, laid, rules)
        issue = timed("articles", segment, laid, rules, fallback_issue_id(pdf))
        issue.meta.issue_id = safe_id(issue.meta.issue_id, fallback_issue_id(pdf))
        issue = timed("jumps", stitch_jumps, issue, rules)  # articles continued on a later page
        issue = timed("toc", parse_toc, issue, rules)
        issue = timed("items", split_items, issue, rules)
        issue = timed("summaries", pair_summaries, issue, rules)
        issue = timed("generic", hold_text, issue, rules)
        fixes = _corrections_for(pdf, issue.meta.issue_id, corrections, corrections_dir)
        if fixes:
            issue = timed("corrections", apply_corrections, issue, fixes)
        if keywords is not None:
            keywords.send_ahead(issue)
        issue = timed("tables", extract_tables, issue, doc, rules, areas)
        # confidence is read from the units as they are written, corrected ones included: after the
        # tables stage, which takes its captions, notes and cells' text out of the units' blocks
        # (an English table caption read as a paragraph counted as English left in the body)
        issue = timed("confidence", assess_units, issue)
        _return_freed_memory()
        facts = timed("facts", extract_facts, issue, rules)
        issue, tokens = timed("keywords", add_keywords, issue, rules, keywords)
        issue = timed("residue", account_text, issue, rules)
    finally:
        doc.close()
        if keywords is not None:
            keywords.close()
        if areas is not None:
            areas.close()
    _warnings(issue)
    issue.warnings += conservation_warnings(issue, rules)
    # no stage may cost a page out of proportion to its median page (issue 14): said, page by page
    raw = issue.layout.raw
    issue.warnings += slow_pages("extract", by_page_read(raw, raw.page_cpu), rules, raw)
    issue.warnings += slow_pages("layout", issue.layout.page_cpu, rules, raw)
    rows = timed("rows", issue_rows, issue, tokens, facts, rules)
    _return_freed_memory()  # before the write, the run's peak
    issue.timings = timings
    return issue, rows


def ingest_file(
    pdf: str | Path,
    out: str | Path,
    rules: Rules,
    progress=None,
    prefetch: bool | KeywordPrefetch = False,
    corrections: Path | list[Correction] | None = None,
    replace: bool = False,
    workers: int = 1,
) -> Issue:
    """process() then write; unless replace, an issue id OUT holds from another source file is
    refused (checked again here: the full run may read another id than the first pages gave)."""
    refuse_old_output(Path(out))  # before the work, not after it
    issue, rows = process(pdf, rules, progress, prefetch, corrections, workers=workers)
    if not replace and (why := conflict(out, issue.meta.issue_id, Path(pdf), issue.layout.raw.sha256)):
        raise IngestError(pdf, why)
    t = time.perf_counter()
    write_issue(rows, issue.meta.issue_id, Path(out))
    issue.timings["write"] = time.perf_counter() - t
    return issue
