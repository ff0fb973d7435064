"""Vertical and rotated text as a web-to-print house style sets it: the browser producer
(browser.py, headless Chromium) with CSS `writing-mode: vertical-rl` and `transform: rotate`.

- each article's title set vertically (竖排), floated right of its title area, in two columns
  when it is long (read right to left): Chromium draws each character as a horizontal glyph
  placed under the one before, and a Latin run or a number turned on its side;
- a thumb tab on every page (an @page margin box, right-middle): the section's name set
  vertically on a coloured tab at the right edge, glyph by glyph;
- each photo's credit (摄影：本刊记者) turned 90° along the photo's right side, reading up.

The answer key is the articles', the credits added to the captions (a caption of their own).

    python -m pipeline.sample.vertical_browser --truth ../shared/corpus/issue-2026-v2n1.truth.json \
        --articles a10,a12 --out tests/fixtures/vertical-browser.pdf
"""

from __future__ import annotations

import json

from . import browser
from .fixture import producer_parser

CREDIT = "摄影：本刊记者"

VERTICAL_CSS = """
h1 { writing-mode: vertical-rl; float: right; max-height: 250pt; font-size: 21pt; line-height: 1.25;
     margin: 2pt 0 8pt 12pt; }
.article { display: flow-root; }
@page { @right-middle { content: "TAB"; writing-mode: vertical-rl; background: #a00; color: #fff;
     font: 9pt 'Noto Sans CJK SC', sans-serif; width: 13pt; margin-left: 30pt; text-align: center; } }
figure { position: relative; }
figure img { width: 92%; }
figure::after { content: var(--credit); position: absolute; left: 92%; top: 105pt; margin-left: 2pt;
     transform-origin: left top; transform: rotate(-90deg); font-size: 6.5pt; color: #444;
     white-space: nowrap; }
"""


def build(truth: dict, ids: list[str], out) -> dict:
    arts = [a for a in truth["articles"] if a["id"] in ids]
    sections = {a["section_zh"] for a in arts}
    if len(sections) != 1:
        raise SystemExit("articles of one section: the tab names it on every page")
    # a margin box sees no custom property of the document: the name is written into the rule
    css = VERTICAL_CSS.replace("TAB", sections.pop()) + f":root {{ --credit: '{CREDIT}'; }}"
    key = browser.build(truth, ids, out, columns=2, extra_css=css)
    for a in key["articles"]:  # every photo carries a credit along its side
        photos = len(a["captions"])
        a["captions"] = [*a["captions"], *[CREDIT] * photos]
    out.with_suffix(".truth.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    return key


def main() -> None:
    args = producer_parser(__doc__).parse_args()
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    build(truth, args.articles.split(","), args.out)


if __name__ == "__main__":
    main()
