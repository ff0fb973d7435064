"""Typeset the sample issue in seeded random layouts and score the pipeline on each: where does
it break when margins, columns, sizes, page formats, quirks and house conventions (decks in grey
with a rule under, bylines 文｜… or ■ …, numbered round-up items, profiles' English in italic after
the Chinese text) vary as real magazines do?

    python tools/fuzz_layouts.py [--seed 20260] [--n 12] [--only v08 v01] [--out data/out/fuzz]

(--only typesets and scores just those variants, drawn exactly as in the full run: each variant's
draws are seeded by its own number.)

Besides geometry and type, each variant draws the structure quirks of issue 10: pull quotes
between rules mid-column (at 1.25-1.9 times the body size), a profile round-up printed with no
title of its own (its first heading is the contents entry), an issue with no contents page; and,
drawn after those (so the draws above stay as they were), the contents page in another engine's
style (toc_style plain) and the round-ups (numbered briefs, profiles) in three columns.

A third of the variants (drawn apart too, from their own seed) carry a full-page advertisement of a
few words between two articles, as magazines sell them mid-issue (a slogan in big type over a
photo, an English line, a date or a hotline; invented here, added to the variant's key as an
advertisement unit): it must come out as a unit of its own, not as the article before it running on.

A quarter of the variants (drawn apart, from their own seed) print the profile round-up with no
title of its own, in an issue without a contents page, set on mid-page under an article (profile
roundup_after; params.json says which): a section of its own that opens no page, its first heading
all there is to say where it begins.

A quarter of the variants (drawn apart, so the layouts above stay as they were) are also exported
as spreads: OUT/issue-vNN-spreads.pdf, the variant imposed 2-up (cover alone, then facing pages
side by side on one PDF page, a photo across the fold of every third spread), scored with its key
remapped beside the 1-up (pipeline/sample/impose.py, pipeline/spreads.py).

Writes OUT/issue-vNN.pdf with its answer key, runs `pipeline eval-samples` over them and prints
the score table (also OUT/eval.md); OUT/params.json says what each variant is. A variant worth
keeping becomes a profile in pipeline/sample/profiles.py (as `pocket` and `compact` did).
Needs the corpus answer key (../shared/corpus).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.sample import impose, mid_advert, profiles, typeset  # noqa: E402

TRUTH = ROOT.parent / "shared" / "corpus" / "issue-2026-v2n1.truth.json"
PAGES = {"A4": (595.0, 842.0), "16K": (521.6, 737.0), "letter": (612.0, 792.0)}
SPREADS_SHARE = 0.25  # of the variants also exported as spreads
MID_AD_SHARE = 0.33  # of the variants with a full-page advertisement between two articles
ACCENTS = [(0.70, 0.10, 0.12), (0.0, 0.42, 0.45), (0.35, 0.15, 0.55), (0.10, 0.20, 0.50), (0.15, 0.15, 0.15)]
TINTS = [(0.92, 0.95, 0.98), (0.95, 0.93, 0.86), (0.93, 0.97, 0.93), (0.94, 0.94, 0.94)]


def variant(seed: int, i: int, articles: list[str], roundups: tuple[str, ...] = ()) -> profiles.Profile:
    r = random.Random(seed * 100 + i)

    def between(a: float, b: float) -> float:
        return round(r.uniform(a, b), 1)

    width, height = PAGES[r.choice(list(PAGES))]
    body = between(9.0, 11.5)
    columns = r.choice([1, 2, 2, 2, 3])
    folio_mode = r.choice(["pdf", "after_front"])
    prof = profiles.Profile(
        name=f"v{i:02d}",
        width=width,
        height=height,
        margin_top=between(30, 80),
        margin_bottom=between(30, 80),
        margin_inner=between(30, 80),
        margin_outer=between(30, 80),
        columns=columns,
        three_col=tuple(sorted(r.sample(articles, r.randint(0, 8)))) if columns != 3 else (),
        gutter=between(8, 24),
        body_size=body,
        leading=round(body * r.uniform(1.4, 1.9), 1),
        title_size=between(18, 28),
        summary_size=between(7.5, 9.5),
        caption_size=between(7.0, 8.5),
        head_position=r.choice(["top", "bottom"]),
        folio_mode=folio_mode,
        front_folios=r.choice(["none", "roman"]) if folio_mode == "after_front" else "none",
        continue_share=round(r.uniform(0.2, 0.5), 2),
        accent=r.choice(ACCENTS),
        accent2=r.choice(ACCENTS),
        tint=r.choice(TINTS),
        full_width_tables=tuple(s for s in ("grid", "rules") if r.random() < 0.5),
        drop_cap=r.random() < 0.4,
        lookalikes=r.random() < 0.4,
        ligatures=r.random() < 0.4,
        hyphenate=r.random() < 0.4,
        wrap_photo=r.random() < 0.4,
        # house conventions (drawn last: the draws above, and so the earlier variants, stay as they were)
        deck_style=r.choice(["accent", "grey-ruled"]),
        byline_style=r.choice(["key", "bar", "square"]),
        numbered_items=r.random() < 0.5,
        item_en_after=r.random() < 0.5,
        # structure (issue 10): pull quotes of any size, a round-up with no title of its own, no contents
        pull_quotes=r.random() < 0.5,
        quote_scale=between(1.25, 1.9),
        heading_opens_roundup=r.random() < 0.4,
        contents=r.random() < 0.8,
    )
    # drawn after every draw above, so each variant's earlier draws stay as they were: the contents
    # set as two other engines set them (no bullets, hanging indents, page numbers a size up), and
    # the round-ups (numbered briefs, profiles) set in three columns on pages of one or two
    toc_style = r.choice(["classic", "classic", "plain"])
    roundups_three = r.random() < 0.4
    three = tuple(sorted({*prof.three_col, *roundups})) if roundups_three and columns != 3 else prof.three_col
    return replace(prof, toc_style=toc_style, three_col=three)


ROUNDUP_MID_SHARE = 0.25  # of the variants with the untitled round-up set on mid-page, no contents
ROUNDUP_RUN_ON = 0.12  # the share of the page left under the article before it that it runs on in


def roundup_mid(seed: int, name: str, key: dict) -> str | None:
    """The article after which the variant sets its profile round-up (the article whose first
    item's heading is its title), drawn from the variant's own seed; None when the variant has no
    such round-up mid-page."""
    r = random.Random(f"{seed}-{name}-roundup-mid")
    if r.random() >= ROUNDUP_MID_SHARE:
        return None
    arts = key["articles"]
    roundup = next(
        (a for a in arts if a.get("items") and a["items"][0].get("title_zh") == a.get("title_zh")), None
    )
    if roundup is None:
        return None
    rest = [a for a in arts if a is not roundup]
    # an article with a body of its own to end mid-page (not a section opener), not the last
    return r.choice([a["id"] for a in rest[:-1] if a["kind"] == "article" and a["blocks"]])


def mid_ad(seed: int, name: str, key: dict) -> dict | None:
    """The variant's key with a full-page advertisement after one of its articles (drawn from the
    variant's own seed, apart from its layout), or None when the variant has none."""
    r = random.Random(f"{seed}-{name}-mid-ad")
    if r.random() >= MID_AD_SHARE:
        return None
    ad = r.choice(mid_advert.MID_ADS)
    arts = [k for k, a in enumerate(key["articles"]) if a["kind"] == "article"]
    return mid_advert.with_advert(key, ad, r.choice(arts[1:-1]))  # between two articles


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20260)
    ap.add_argument("--n", type=int, default=12)
    ap.add_argument("--truth", type=Path, default=TRUTH)
    ap.add_argument("--only", nargs="+", default=None, help="just these variants (v08 v01 …)")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "out" / "fuzz")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    key = json.loads(args.truth.read_text(encoding="utf-8"))
    articles = [a["id"] for a in key["articles"] if a["kind"] == "article"]
    roundups = tuple(a["id"] for a in key["articles"] if a["kind"] == "article" and a.get("items"))
    variants = [variant(args.seed, i, articles, roundups) for i in range(args.n)]
    if args.only:
        variants = [v for v in variants if v.name in args.only]
    for prof in variants:
        profiles.PROFILES[prof.name] = prof  # the dict the typesetter reads its profiles from
    spreads = {
        p.name for p in variants if random.Random(f"{args.seed}-{p.name}-spreads").random() < SPREADS_SHARE
    }
    moved = {p.name: roundup_mid(args.seed, p.name, key) for p in variants}
    for i, prof in enumerate(variants):
        if moved[prof.name]:  # no contents page; the round-up untitled, run on under an article
            variants[i] = replace(
                prof,
                heading_opens_roundup=True,
                contents=False,
                roundup_after=moved[prof.name],
                roundup_run_on=ROUNDUP_RUN_ON,
            )
            profiles.PROFILES[prof.name] = variants[i]
    sources = {p.name: mid_ad(args.seed, p.name, key) for p in variants}
    params = {
        p.name: {
            **{k: v for k, v in asdict(p).items() if k not in ("name", "accent", "accent2", "tint")},
            "spreads": p.name in spreads,
            "mid_ad_after": next(
                (
                    a["id"]
                    for a, b in zip(
                        sources[p.name]["articles"], sources[p.name]["articles"][1:], strict=False
                    )
                    if b["id"] == mid_advert.ADVERT_ID
                ),
                None,
            )
            if sources[p.name]
            else None,
        }
        for p in variants
    }
    (args.out / "params.json").write_text(json.dumps(params, indent=1), encoding="utf-8")
    for prof in variants:
        truth = args.truth
        if sources[prof.name] is not None:  # the key with the advertisement added, beside the params
            truth = args.out / f"source-{prof.name}.json"
            truth.write_text(json.dumps(sources[prof.name], ensure_ascii=False), encoding="utf-8")
        typeset.main(
            [
                "--truth",
                str(truth),
                "--profile",
                prof.name,
                "--out",
                str(args.out / f"issue-{prof.name}.pdf"),
            ]
        )
        if prof.name in spreads:
            one = args.out / f"issue-{prof.name}.pdf"
            two = args.out / f"issue-{prof.name}-spreads.pdf"
            impose.impose(one, two, crossing=3)
            key = json.loads(one.with_suffix(".truth.json").read_text(encoding="utf-8"))
            remapped = impose.remap_key(key)
            two.with_suffix(".truth.json").write_text(
                json.dumps(remapped, ensure_ascii=False), encoding="utf-8"
            )
    pipeline = Path(sys.executable).parent / "pipeline"
    cmd = [
        str(pipeline),
        "eval-samples",
        str(args.out),
        "--out",
        str(args.out / "runs"),
        "--md",
        str(args.out / "eval.md"),
    ]
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
