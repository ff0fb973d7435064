"""QA report: one self-contained HTML page per issue for a person checking an ingest.

`write_report(issue, pdf_path, out_dir)` writes OUT/report/<issue_id>.html: counts, warnings, every
unit with its pages, titles, summaries and confidence, its tables as HTML tables, and thumbnails of
its pages with the layout overlay of `pipeline inspect` (PNG, inlined as base64: no other files,
nothing fetched). Thumbnails are small (40 dpi) so the report takes about a second per 50 pages.
"""

from __future__ import annotations

import base64
import io
import os
from html import escape
from pathlib import Path

from .inspect import ROLE_COLORS, overlay_png
from .models import Article, Issue, Table
from .pdf import pymupdf

THUMB_DPI = 40

CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:24px;color:#222;background:#fafafa}
h1{margin:0 0 4px}h2{margin:28px 0 8px;border-bottom:2px solid #ddd}
.meta{color:#666}.counts{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.counts div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px 12px}
.counts b{display:block;font-size:1.4em}
table{border-collapse:collapse;margin:6px 0;background:#fff}
td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;font-size:.9em}th{background:#eee}
.art{background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px 16px;margin:12px 0}
.art h3{margin:0}.en{color:#335;font-style:italic}.kind{font-size:.8em;color:#fff;background:#888;
border-radius:4px;padding:1px 6px;margin-right:6px}.kind.article{background:#2a6}
.conf{font-variant-numeric:tabular-nums}.low{color:#c00;font-weight:bold}
.summary{border-left:3px solid #e80;padding:4px 10px;margin:6px 0;background:#fff8ef}
.thumbs{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.thumbs figure{margin:0;text-align:center;font-size:.8em;color:#666}
.thumbs img{border:1px solid #bbb;display:block}
.legend span{display:inline-block;padding:0 6px;margin:2px;border:2px solid;font-size:.8em}
.warn td:first-child{white-space:nowrap}
"""


def _conf(value: float | None) -> str:
    if value is None:
        return ""
    cls = "conf low" if value < 0.8 else "conf"
    return f'<span class="{cls}">{value:.2f}</span>'


def _table_html(t: Table) -> str:
    head = "".join(f"<th>{escape(c or '')}</th>" for c in t.header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c or '')}</td>" for c in row) + "</tr>" for row in t.rows)
    cap = f"<caption>{escape(t.caption)}</caption>" if t.caption else ""
    notes = "".join(f"<div class='meta'>{escape(n)}</div>" for n in t.notes)
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{notes}"


def _small_png(png: bytes) -> bytes:
    """A 64-colour palette PNG: a third of the bytes, still readable as a thumbnail."""
    from PIL import Image

    buf = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").quantize(64, method=Image.Quantize.FASTOCTREE).save(buf, "PNG")
    return buf.getvalue()


def _thumb(png: bytes, page: int) -> str:
    data = base64.b64encode(_small_png(png)).decode("ascii")
    return (
        f'<figure id="p{page}"><img alt="page {page}" src="data:image/png;base64,{data}">'
        f"<figcaption>p. {page}</figcaption></figure>"
    )


def _article_html(a: Article, issue: Issue, thumbs: dict[int, str]) -> str:
    pages = f"pp. {min(a.pages)}–{max(a.pages)}" if a.pages else "no pages"
    parts = [
        f'<div class="art" id="a{a.seq}">',
        f'<h3><span class="kind {escape(a.kind)}">{escape(a.kind)}</span>'
        f"{a.seq}. {escape(a.title_zh or '(no title)')}</h3>",
    ]
    if a.subtitle_zh:
        parts.append(f"<div>{escape(a.subtitle_zh)}</div>")
    if a.title_en:
        parts.append(f'<div class="en">{escape(a.title_en)}</div>')
    section = " / ".join(s for s in (a.section_zh, a.section_en) if s)
    info = [pages, section, ", ".join(a.authors), f"confidence {_conf(a.confidence)}"]
    info.append(f"{len(a.blocks)} blocks, {len(a.captions)} captions, {len(a.items)} items")
    parts.append('<div class="meta">' + " · ".join(escape(x) if "<span" not in x else x for x in info if x))
    parts.append("</div>")
    if a.keywords:
        parts.append(f'<div class="meta">keywords: {escape(", ".join(a.keywords))}</div>')
    for s in a.summaries:
        label = f"{s.kind}" + (f" (item {s.item_seq})" if s.item_seq is not None else "")
        parts.append(
            f'<div class="summary"><div class="meta">{escape(label)} · pages {escape(str(s.pages))} · '
            f"confidence {_conf(s.confidence)} · {escape(s.signal)}</div>{escape(s.text)}</div>"
        )
    for w in (w for w in issue.warnings if w.article_seq == a.seq):
        parts.append(f'<div class="low">⚠ {escape(w.code)}: {escape(w.message)}</div>')
    for t in a.tables:
        parts.append(_table_html(t))
    parts.append('<div class="thumbs">' + "".join(thumbs[p] for p in a.pages if p in thumbs) + "</div>")
    parts.append("</div>")
    return "\n".join(parts)


def render_report(issue: Issue, pdf_path: str | Path, dpi: int = THUMB_DPI) -> str:
    """The report as one HTML string."""
    laid = issue.layout
    thumbs: dict[int, str] = {}
    with pymupdf.open(pdf_path) as doc:  # a private copy: the overlay is drawn on its pages
        for p in laid.pages:
            thumbs[p.number] = _thumb(overlay_png(doc, laid, p.number, dpi), p.number)
    m = issue.meta
    arts = [a for a in issue.articles if a.kind == "article"]
    counts = {
        "pages": len(laid.pages),
        "articles": len(arts),
        "other units": len(issue.articles) - len(arts),
        "blocks": sum(len(a.blocks) for a in issue.articles),
        "summaries": sum(len(a.summaries) for a in issue.articles),
        "tables": sum(len(a.tables) for a in issue.articles),
        "toc entries": len(issue.toc),
        "warnings": len(issue.warnings),
    }
    title = f"{m.journal_zh or ''} {m.issue_id}".strip()
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        f"<title>QA report {escape(m.issue_id)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<div class="meta">{escape(m.journal_en or "")} · {escape(str(pdf_path))} · '
        f"published {escape(m.pub_date or '?')} · eISSN {escape(m.eissn or '?')}</div>",
        '<div class="counts">'
        + "".join(f"<div><b>{v}</b>{escape(k)}</div>" for k, v in counts.items())
        + "</div>",
    ]
    if issue.timings:
        out.append(
            '<div class="meta">timings: '
            + ", ".join(f"{escape(k)} {v:.2f}s" for k, v in issue.timings.items())
            + "</div>"
        )
    out.append("<h2>Warnings</h2>")
    if issue.warnings:
        rows = "".join(
            f"<tr><td>{escape(w.code)}</td><td>{w.article_seq or ''}</td><td>{w.page or ''}</td>"
            f"<td>{escape(w.message)}</td></tr>"
            for w in issue.warnings
        )
        out.append(
            f'<table class="warn"><tr><th>code</th><th>unit</th><th>page</th><th>message</th></tr>{rows}</table>'
        )
    else:
        out.append("<p>none</p>")
    out.append("<h2>Units</h2>")
    out.append(
        '<div class="legend">'
        + "".join(
            f'<span style="border-color:rgb({r * 255:.0f},{g * 255:.0f},{b * 255:.0f})">{escape(role)}</span>'
            for role, (r, g, b) in ROLE_COLORS.items()
        )
        + "</div>"
    )
    for a in issue.articles:
        out.append(_article_html(a, issue, thumbs))
    covered = {p for a in issue.articles for p in a.pages}
    rest = [n for n in thumbs if n not in covered]
    if rest:
        out.append("<h2>Pages outside every unit</h2>")
        out.append('<div class="thumbs">' + "".join(thumbs[n] for n in rest) + "</div>")
    out.append("</body></html>")
    return "\n".join(out)


def write_report(issue: Issue, pdf_path: str | Path, out_dir: str | Path) -> Path:
    """Write OUT_DIR/report/<issue_id>.html (atomically) and return its path."""
    target = Path(out_dir) / "report" / f"{issue.meta.issue_id}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(render_report(issue, pdf_path), encoding="utf-8")
    os.replace(tmp, target)
    return target
