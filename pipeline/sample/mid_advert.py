"""Full-page advertisements of a few words set between two articles, as magazines sell them
mid-issue: a slogan in big type over a photo, an English line, a date or a hotline (invented here:
no sample prints them). `make fuzz` draws one into a third of its variants (tools/fuzz_layouts.py);
this module also typesets a fixture with one, its key holding it as an advertisement unit.

    python -m pipeline.sample.mid_advert --truth ../shared/corpus/issue-2026-v2n1.truth.json \\
        --profile mid-advert --ad 1 --after a17 --articles a01,a17,x01,a18 \\
        --out tests/fixtures/mid-advert.pdf
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pymupdf

from . import typeset
from .advert_joins import advert_unit

ADVERT_ID = "x01"  # the advertisement's id in the key
MID_ADS = [
    {
        "title_zh": "绿色能源 点亮未来",
        "subtitle_zh": "第三届新能源装备博览会",
        "title_en": "GREEN ENERGY EXPO",
        "blocks": ["2026年5月18日—20日 北京·国家会议中心"],
    },
    {
        "title_zh": "数智工厂",
        "subtitle_zh": "让每一台设备都会思考",
        "title_en": "SMART FACTORY SOLUTIONS",
        "blocks": ["咨询热线：400-820-2026"],
    },
    {
        "title_zh": "科创金融服务平台",
        "subtitle_zh": "陪伴科技企业走过每一轮成长",
        "title_en": None,
        "blocks": [],
    },
]


def with_advert(key: dict, ad: dict, after: int) -> dict:
    """The key with the advertisement `ad` (one of MID_ADS) as a unit after its after-th entry."""
    entry = advert_unit(ad, ADVERT_ID)
    articles = key["articles"][: after + 1] + [entry] + key["articles"][after + 1 :]
    return dict(key, articles=articles)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--truth", required=True, type=Path, help="issue-truth/1 JSON")
    ap.add_argument("--profile", required=True, choices=sorted(typeset.PROFILES))
    ap.add_argument("--ad", type=int, default=0, help="which of MID_ADS")
    ap.add_argument("--after", required=True, help="the entry id the advertisement follows")
    ap.add_argument("--articles", default=None, help="comma-separated entry ids to typeset")
    ap.add_argument("--out", required=True, type=Path, help="output PDF; the key is written beside it")
    args = ap.parse_args(argv)
    key = json.loads(args.truth.read_text(encoding="utf-8"))
    after = next(k for k, a in enumerate(key["articles"]) if a["id"] == args.after)
    ids = [s.strip() for s in args.articles.split(",")] if args.articles else None
    pdf, truth = typeset.typeset(with_advert(key, MID_ADS[args.ad], after), args.profile, ids)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    kp = args.out.with_name(args.out.stem + ".truth.json")
    kp.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(pymupdf.open('pdf', pdf))} pages, {len(pdf) // 1024} KB; key {kp}")


if __name__ == "__main__":
    main()
