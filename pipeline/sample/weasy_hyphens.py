"""English hyphenated by WeasyPrint (pyphen's patterns, `hyphens: auto`, lang en): the sample
issue's Reading Summaries set justified in three narrow columns, so that hundreds of words break at a
line end and compounds break at their own hyphen too ("atomic-|scale", "industry-|academia-…").

`--mark unicode` (the default) keeps WeasyPrint's hyphenate-character, the Unicode hyphen U+2010,
which the text layer gives at each break it made ("job-re\u2010|lated"): the issue prints it only
there, never inside a line. `--mark ascii` sets `hyphenate-character: "-"`, as TeX and
LibreOffice mark their breaks: a word's break and a compound's look alike, and only the issue's
words and the hyphenation patterns its breaks fit tell them apart.

    python -m pipeline.sample.weasy_hyphens --truth KEY.json --mark unicode --out tests/fixtures/hyphens/weasy-hyphens-unicode.pdf
    python -m pipeline.sample.weasy_hyphens --truth KEY.json --mark ascii --out tests/fixtures/hyphens/weasy-hyphens-ascii.pdf

Beside each PDF, `<name>.json` holds the paragraphs as set (the key the tests read).
"""

from __future__ import annotations

import argparse
import html
import json
from pathlib import Path

MARKS = {"unicode": "\u2010", "ascii": "-"}


def paragraphs(key: dict) -> list[str]:
    """Every Reading Summary of the key, in order."""
    return [s["text"] for a in key["articles"] for s in a.get("summaries") or []]


def page_html(texts: list[str], mark: str) -> str:
    css = (
        "@page { size: 420pt 595pt; margin: 36pt } body { columns: 3; column-gap: 12pt }"
        " p { font: 9pt/1.3 'Liberation Serif'; text-align: justify; hyphens: auto; margin: 0 0 6pt 0;"
        f' hyphenate-character: "{MARKS[mark]}" }}'
    )
    body = "".join(f"<p>{html.escape(t)}</p>" for t in texts)
    return f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{css}</style></head><body>{body}</body></html>'


def build(key: dict, mark: str) -> tuple[bytes, list[str]]:
    from weasyprint import HTML  # (a dev dependency: fixtures are made, never read, with it)

    texts = paragraphs(key)
    return HTML(string=page_html(texts, mark)).write_pdf(), texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--truth", required=True)
    ap.add_argument("--mark", choices=sorted(MARKS), default="unicode")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    key = json.loads(Path(args.truth).read_text(encoding="utf-8"))
    pdf, texts = build(key, args.mark)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    out.with_suffix(".json").write_text(
        json.dumps({"paragraphs": texts}, ensure_ascii=False, indent=1) + "\n"
    )
    print(f"{out}: {len(pdf) // 1024} KB")


if __name__ == "__main__":
    main()
