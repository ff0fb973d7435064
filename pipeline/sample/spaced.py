"""A producer for a house style the samples lacked: Chinese set with a space on either side of
every Latin word and number ("天使轮 662 起，A 轮 745 起", as many editors and web styles set it),
some figures in full-width digits (２０２５ 年), and data tables as three-line tables (top, header and
bottom rules only, no verticals) set across the page at the top of a page, right under a head rule,
their rules drawn cell by cell as HTML prints them. Printed by headless Chromium (browser.py).

    python -m pipeline.sample.spaced --truth ../shared/corpus/issue-2026-v2n1.truth.json \
        --articles a09,a15,a22 --out tests/fixtures/spaced-browser.pdf

The answer key beside the PDF holds the text as printed (spaces, full-width digits): the scores
ignore whitespace and fold full-width forms, as a reader would.
"""

from __future__ import annotations

import copy
import json
import re

from . import browser
from .fixture import producer_parser

CJK = "\u4e00-\u9fff"
_SPACE_BEFORE = re.compile(rf"(?<=[{CJK}])(?=[A-Za-z0-9])")
_SPACE_AFTER = re.compile(rf"(?<=[A-Za-z0-9%])(?=[{CJK}])")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
EVERY_NTH_FULLWIDTH = 3  # one block (and one table row) in this many prints its digits full width

# a three-line table across the page, starting a page: its top rule lands on the head rule
THREE_LINE_CSS = """
table { column-span: all; break-before: page; border-collapse: collapse; margin-top: 0; }
td, th { border: none; background: none; }
th { border-top: 0.8pt solid #111; border-bottom: 0.6pt solid #111; }
tr:last-child td { border-bottom: 0.8pt solid #111; }
"""
# the text area's top edge (browser.CSS's @page margin: a page's first box starts there, its own
# top margin dropped at the break) and left edge (the margin plus Chromium's body margin, 8 px)
TOP, LEFT = 22 * 72 / 25.4, 16 * 72 / 25.4 + 6
HEAD_RULE = (TOP - 0.8, LEFT, 595.28 - LEFT)  # the head rule along the text area's top edge (A4)


def spaced(text: str | None, fullwidth: bool = False) -> str | None:
    """A space between Chinese and Latin/digits, both ways; digits full width if asked."""
    if not text:
        return text
    text = _SPACE_AFTER.sub(" ", _SPACE_BEFORE.sub(" ", text))
    return text.translate(_FULL) if fullwidth else text


def restyle(article: dict) -> dict:
    """The article as this house style prints it (its key entry keeps the printed text)."""
    a = copy.deepcopy(article)
    for field in ("title_zh", "subtitle_zh", "deck_zh", "abstract_zh"):
        a[field] = spaced(a.get(field))
    for i, b in enumerate(a["blocks"]):
        b["text"] = spaced(b["text"], fullwidth=i % EVERY_NTH_FULLWIDTH == 1)
    for it in a.get("items") or []:
        for b in it["blocks"]:
            b["text"] = spaced(b["text"])
    a["captions"] = [spaced(c) for c in a.get("captions") or []]
    for t in a.get("tables") or []:
        t["rows"] = [
            [spaced(c, fullwidth=r % EVERY_NTH_FULLWIDTH == 1) for c in row]
            for r, row in enumerate(t["rows"])
        ]
    return a


def main() -> None:
    ap = producer_parser(__doc__)
    args = ap.parse_args()
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    ids = args.articles.split(",")
    truth["articles"] = [restyle(a) if a["id"] in ids else a for a in truth["articles"]]
    # every row prints its own date: a cell spanning rows of a table without rules between them is
    # a case of its own (not this producer's)
    browser.build(truth, ids, args.out, extra_css=THREE_LINE_CSS, head_rule=HEAD_RULE, table_spans=False)


if __name__ == "__main__":
    main()
