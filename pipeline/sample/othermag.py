"""Another magazine, to prove that a new publication needs a rules file and no code: articles of
the answer key re-dressed as 《创新观察》 (Innovation Observer), with its own section names, bylines
printed after the name ("张梅 撰文") and its own heading over the English summaries ("English
Digest"), printed by headless Chromium (pipeline/sample/browser.py). rules/chuangxin-guancha.yaml
is that magazine's rules file; with ours, its sections, authors and summaries are not found.

    python -m pipeline.sample.othermag --truth KEY.json --articles a10,a18,a25,a27 \
        --out tests/fixtures/other-magazine/chuangxin-guancha.pdf
"""

from __future__ import annotations

import json

from .browser import build
from .fixture import producer_parser

JOURNAL = {"journal_zh": "创新观察", "journal_en": "Innovation Observer"}
SECTIONS = {  # ours -> theirs
    "科促会动态": ("学会要闻", "Society Bulletin"),
    "创新与产业化": ("产业创新", "Industry & Innovation"),
    "科海文苑": ("人文随笔", "Essays"),
    "专家观点": ("名家论坛", "Forum"),
    "聚焦": ("深度", "In Depth"),
    "政策与策略": ("政策观察", "Policy Watch"),
}
HEADINGS = {"reading_summary": "English Digest", "editor_note": "From the Editors", "abstract": "Summary"}


def redress(truth: dict, ids: list[str]) -> dict:
    """The key's articles as the other magazine prints them (the same texts)."""
    arts = []
    for a in truth["articles"]:
        if a["id"] not in ids:
            continue
        zh, en = SECTIONS[a["section_zh"]]
        byline = f"{' '.join(a['authors'])} 撰文" if a["authors"] else None
        arts.append(dict(a, section_zh=zh, section_en=en, byline=byline))
    return dict(truth, issue=dict(truth["issue"], **JOURNAL), articles=arts)


def main() -> None:
    ap = producer_parser(__doc__)
    args = ap.parse_args()
    ids = args.articles.split(",")
    truth = redress(json.loads(args.truth.read_text(encoding="utf-8")), ids)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    build(truth, ids, args.out, headings=HEADINGS)


if __name__ == "__main__":
    main()
