"""Saving a fixture made by another producer: the PDF without structure hints, and its answer key."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pymupdf


def producer_parser(doc: str) -> argparse.ArgumentParser:
    """The command line every fixture producer shares: the answer key, the articles to set (ids,
    comma-separated) and the PDF to write; a producer adds its own options to it."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--truth", required=True, type=Path)
    ap.add_argument("--articles", required=True)
    ap.add_argument("--out", required=True, type=Path)
    return ap


def article_parser(doc: str) -> argparse.ArgumentParser:
    """The command line of a producer that sets one article of the key (a journal paper): the
    answer key, the article's id and the PDF to write; a producer adds its own options to it."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--truth", required=True, type=Path)
    ap.add_argument("--article", required=True)
    ap.add_argument("--out", required=True, type=Path)
    return ap


def rewrite_parser(doc: str) -> argparse.ArgumentParser:
    """The command line of a producer that rewrites a fixture: the fixture's PDF (its key beside
    it) and the PDF to write; a producer adds its own options to it."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("src", type=Path, help="a fixture PDF with its .truth.json beside it")
    ap.add_argument("--out", required=True, type=Path)
    return ap


def rewrite_main(doc: str, rewrite: Callable[[Path, Path], object]) -> None:
    """The whole command line of a producer that rewrites a fixture with no option of its own."""
    args = rewrite_parser(doc).parse_args()
    rewrite(args.src, args.out)


def save_fixture(
    doc: pymupdf.Document,
    out: Path,
    truth: dict,
    arts: list[dict],
    head: str,
    subset: bool = False,
    toc: list[dict] | None = None,
) -> dict:
    """A real issue carries no tagging, outline or metadata beyond a title: strip what the producer
    added, save deterministically, and write the answer key (the entries printed) beside the PDF."""
    cat = doc.pdf_catalog()
    for key in ("StructTreeRoot", "MarkInfo", "Outlines", "Lang"):
        doc.xref_set_key(cat, key, "null")
    blank = {k: "" for k in doc.metadata if k not in ("format", "encryption")}
    doc.set_metadata(blank | {"title": truth["issue"]["journal_zh"]})
    if subset:
        doc.subset_fonts()
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    doc.close()
    key = dict(truth, articles=arts, toc=toc or [], furniture=[head])
    if toc is None:  # no contents page printed: no page to check
        key["articles"] = [dict(a, toc_page=None) for a in arts]
    out.with_suffix(".truth.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    return key


def save_copy(doc: pymupdf.Document, out: Path, truth: dict) -> None:
    """Save a fixture rewritten from another (its fonts subset, deterministically) and write its
    answer key beside it, as the producers that copy a fixture and change some pages do."""
    doc.subset_fonts()
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    out.with_suffix(".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def first_column_spans(rows: list[list[str]]) -> list[int]:
    """How many rows each row's first cell spans when equal consecutive values are merged (0: the
    cell is covered by the one above)."""
    spans = []
    for i, row in enumerate(rows):
        if i and rows[i - 1][0] == row[0]:
            spans.append(0)
        else:
            n = 1
            while i + n < len(rows) and rows[i + n][0] == row[0]:
                n += 1
            spans.append(n)
    return spans


def abstract_lines(article: dict) -> list[tuple[str, str]]:
    """摘要 and 关键词 as the title area prints them: (run-in label, text), only those it has."""
    parts = (
        ("摘要：", article.get("abstract_zh")),
        ("关键词：", "；".join(article.get("keywords_zh") or [])),
    )
    return [(label, text) for label, text in parts if text]
