"""Layout profiles: the geometry and type choices of one "producer".

Extraction must not depend on one geometry, so every number that a parser
might be tempted to hard-code (margins, columns, sizes, where the running
head sits, how folios relate to PDF pages) differs between profiles.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Profile:
    name: str
    width: float = 595.0
    height: float = 842.0
    margin_top: float = 64.0
    margin_bottom: float = 62.0
    margin_inner: float = 56.0
    margin_outer: float = 46.0
    columns: int = 2
    # articles (by id) set in three columns instead of `columns`
    three_col: tuple[str, ...] = ()
    gutter: float = 16.0
    body_size: float = 10.0
    leading: float = 17.0
    title_size: float = 22.0
    summary_size: float = 8.5
    caption_size: float = 7.8
    # "top": running head above the text block; "bottom": beside the folio
    head_position: str = "top"
    # "pdf": folio == PDF page number; "after_front": arabic folios start at the
    # first article, earlier pages get roman numerals ("roman") or none ("none")
    folio_mode: str = "pdf"
    front_folios: str = "none"
    # start the next article on the same page when at least this share of the
    # text block is still free
    continue_share: float = 0.42
    accent: tuple[float, float, float] = (0.70, 0.10, 0.12)
    accent2: tuple[float, float, float] = (0.05, 0.30, 0.55)
    tint: tuple[float, float, float] = (0.92, 0.95, 0.98)
    # placement of tables: which table styles go across the full page width
    full_width_tables: tuple[str, ...] = ("grid",)
    # producer quirks (the "tricky" profile)
    drop_cap: bool = False
    lookalikes: bool = False
    ligatures: bool = False
    hyphenate: bool = False
    # with hyphenate: a compound may also break after its own hyphen ("innovation-|driven"), as TeX does
    break_compounds: bool = False
    wrap_photo: bool = False
    # structure quirks (issue 10): display type and openings the contents must arbitrate
    pull_quotes: bool = False  # a body sentence again, large and coloured between two rules, mid-column
    quote_scale: float = 1.6  # the pull quote's size, times the body size
    # a line opening at the column's edge with a full-width opening mark (“ （ 《) sets the mark's
    # blank half out in the margin, its ink on the edge (XeLaTeX's ctex squeezes punctuation so)
    hang_openers: bool = False
    # bios and afterwords framed by four rules drawn as bars, sliced where a column or page end
    # breaks them (no rule across the cut: the sides of a box's rest run up to the column's top)
    sliced_boxes: bool = False
    # the running head's rule drawn on the text block's top edge (a browser's page-margin box
    # border), where the sides of a box continued from the column before begin
    head_rule_on_text: bool = False
    # notices set in their own text size, this many times the articles' body (their short lines,
    # contact details and a lead-in ending in a colon, bigger than the body yet their page's text)
    notice_scale: float = 1.0
    # a column this wide left of the text block on every page (the margins kept outside it),
    # empty but for the pull quotes: each set there level with the paragraph after the sentence it
    # repeats, between two short rules, the text uncut
    side_column: float = 0.0
    heading_opens_roundup: bool = False  # a profile round-up printed with no title: its first heading is it
    # with heading_opens_roundup: the round-up set right after this article (its id; "": where the
    # key has it), run on under its end mid-page when at least roundup_run_on of the page is left
    # (0: it opens a page of its own, as its section's first)
    roundup_after: str = ""
    roundup_run_on: float = 0.0
    contents: bool = True  # False: the issue prints no contents page
    # house conventions of the title area and round-ups (issue 10): "accent" decks are larger and
    # coloured; "grey-ruled" ones at body size in grey with a rule under them
    deck_style: str = "accent"
    # "key": the byline as the key prints it (文 / 张三); "bar": 文｜张三 李四; "square": ■ 张三 李四
    byline_style: str = "key"
    # round-up items numbered 1, 2, 3 … before their titles
    numbered_items: bool = False
    # every item's English version after its Chinese text, in smaller italic (no box)
    item_en_after: bool = False
    # the contents page: "classic" (second-level titles after a bullet, page numbers big beside
    # the title); "plain" (second-level titles with no bullet, a long one wrapped under a hanging
    # indent, entries a few points apart; page numbers a size above the title, on its baseline)
    toc_style: str = "classic"
    # articles continued on a later page (pipeline/sample/jumps.py): how many of the long ones are
    # cut after their opening page(s) and continued after the last article, with jump lines
    jumps: int = 0
    # the jump lines' forms (pipeline/sample/jumps.py JUMP_FORM_SETS): "classic", "more", "bare",
    # "bare-in"
    jump_forms: str = "classic"
    # the jump lines set in the part's last line after its text and in the continuation's first
    # line before it, in the body's type ("……完成了试点。（下转第 42 页）")
    jump_run_in: bool = False
    # such an out jump, when bracketed, broken over the part's last two lines
    jump_run_in_break: bool = False
    # with jump_run_in: each part cut right before a number in its last paragraph (the column
    # ending a line or two short), so its rest opens with digits run into the in jump's page
    # number ("Continued from page 32025年…", "续第3页2025年…": page 3, 32 or 320?)
    jump_rest_digits: bool = False
    # False: the rests are printed with no in line, each starting a new page (the out line's page
    # number and the text running on are all that join them)
    jump_in_lines: bool = True
    # with jump_in_lines=False: each rest printed under the end of the article before it (mid-column,
    # on the page that article ended on when a third of it is free), not at a page's top
    jump_rest_mid: bool = False
    # the article's title printed again over its continuation, with a continuation mark
    jump_title_again: bool = False


PROFILES: dict[str, Profile] = {
    "classic": Profile(name="classic"),
    "dense": Profile(
        name="dense",
        margin_top=46.0,
        margin_bottom=66.0,
        margin_inner=40.0,
        margin_outer=34.0,
        columns=2,
        three_col=("a09", "a11", "a14", "a17", "a19", "a24", "a26", "a28", "a30"),
        gutter=11.0,
        body_size=9.4,
        leading=14.6,
        title_size=20.0,
        summary_size=8.2,
        caption_size=7.4,
        head_position="bottom",
        folio_mode="after_front",
        front_folios="roman",
        continue_share=0.30,
        accent=(0.0, 0.42, 0.45),
        accent2=(0.55, 0.25, 0.05),
        tint=(0.95, 0.93, 0.86),
        full_width_tables=("rules",),
    ),
    "tricky": Profile(
        name="tricky",
        margin_top=58.0,
        margin_bottom=56.0,
        margin_inner=50.0,
        margin_outer=42.0,
        columns=2,
        gutter=14.0,
        body_size=10.4,
        leading=17.6,
        title_size=23.0,
        summary_size=8.8,
        caption_size=7.6,
        head_position="top",
        folio_mode="after_front",
        front_folios="none",
        continue_share=0.38,
        accent=(0.35, 0.15, 0.55),
        accent2=(0.10, 0.45, 0.25),
        tint=(0.93, 0.97, 0.93),
        full_width_tables=("grid", "rules"),
        drop_cap=True,
        lookalikes=True,
        ligatures=True,
        hyphenate=True,
        wrap_photo=True,
    ),
    # two variants a fuzz of layout parameters broke (tests/fixtures/variant-*): a one-column
    # 16K page with a wrapped contents column, and a 16K page whose body is bigger than its
    # English titles, with narrow gutters, three-column articles, drop caps and wrapped photos
    "pocket": Profile(
        name="pocket",
        width=521.6,
        height=737.0,
        margin_top=44.5,
        margin_bottom=50.4,
        margin_inner=79.1,
        margin_outer=63.5,
        columns=1,
        gutter=18.2,
        body_size=10.6,
        leading=15.9,
        title_size=27.1,
        summary_size=8.1,
        caption_size=7.1,
        head_position="bottom",
        folio_mode="after_front",
        front_folios="none",
        continue_share=0.46,
        full_width_tables=("grid", "rules"),
        lookalikes=True,
        ligatures=True,
        hyphenate=True,
    ),
    "compact": Profile(
        name="compact",
        width=521.6,
        height=737.0,
        margin_top=79.5,
        margin_bottom=32.3,
        margin_inner=63.0,
        margin_outer=79.9,
        columns=2,
        three_col=("a08", "a11", "a16", "a24", "a25", "a27"),
        gutter=10.5,
        body_size=11.5,
        leading=21.4,
        title_size=27.7,
        summary_size=7.7,
        caption_size=7.1,
        head_position="bottom",
        folio_mode="pdf",
        front_folios="none",
        continue_share=0.33,
        full_width_tables=("grid", "rules"),
        drop_cap=True,
        ligatures=True,
        hyphenate=True,
        wrap_photo=True,
    ),
    # structure (issue 10, tests/fixtures/skeleton-*): pull quotes between rules mid-column and a
    # profile round-up with no title of its own, found through the contents; quotes set smaller
    # (heading size), in two and three columns; then quotes in an issue that prints no contents
    # page, three columns on a letter page
    "quotes": Profile(
        name="quotes",
        margin_top=52.0,
        margin_inner=48.0,
        margin_outer=52.0,
        gutter=14.0,
        body_size=9.8,
        leading=16.2,
        title_size=24.0,
        folio_mode="after_front",
        accent=(0.0, 0.42, 0.45),
        pull_quotes=True,
        heading_opens_roundup=True,
    ),
    # quotes a size step up in a side column left of one column of text, in the accent colour
    # (read as headings by their face), where the page's reading order puts a column of its own:
    # first on its page, after the title area or before the page's first heading (the ReportLab
    # rendition's side column, here on a page of its own geometry)
    "quotes-margin": Profile(
        name="quotes-margin",
        margin_top=56.0,
        margin_inner=44.0,
        margin_outer=40.0,
        side_column=110.0,
        columns=1,
        body_size=9.6,
        leading=16.0,
        title_size=22.0,
        folio_mode="after_front",
        accent=(0.45, 0.20, 0.05),
        pull_quotes=True,
        quote_scale=1.1,
    ),
    # opening marks hung half an em into the margin at a line's start, with list items whose marker
    # line is set an em in and whose next lines hang under their text (the XeLaTeX rendition)
    "openers": Profile(
        name="openers",
        margin_top=60.0,
        margin_inner=52.0,
        margin_outer=44.0,
        gutter=16.0,
        body_size=9.0,
        leading=13.5,
        title_size=21.0,
        folio_mode="after_front",
        accent=(0.0, 0.28, 0.55),
        hang_openers=True,
    ),
    # bios and afterwords framed and sliced over a column break, under a running head whose rule
    # stands on the text's top edge (the Chromium rendition: a box's rest touched the head rule)
    "sliced": Profile(
        name="sliced",
        margin_top=58.0,
        margin_inner=46.0,
        margin_outer=46.0,
        columns=3,
        gutter=14.0,
        body_size=9.0,
        leading=14.4,
        title_size=21.0,
        folio_mode="after_front",
        accent=(0.78, 0.35, 0.08),
        accent2=(0.0, 0.28, 0.55),
        sliced_boxes=True,
        head_rule_on_text=True,
    ),
    # notices set a size above the articles' body (the plain Typst style: 10 pt over 9 pt), their
    # contact lines short lines of that text
    "notices-big": Profile(
        name="notices-big",
        margin_top=60.0,
        margin_inner=50.0,
        margin_outer=50.0,
        gutter=16.0,
        body_size=9.0,
        leading=14.6,
        title_size=22.0,
        folio_mode="after_front",
        accent=(0.2, 0.45, 0.25),
        notice_scale=1.12,
    ),
    "bare": Profile(
        name="bare",
        width=612.0,
        height=792.0,
        margin_top=40.0,
        margin_bottom=48.0,
        margin_inner=44.0,
        margin_outer=40.0,
        columns=3,
        gutter=12.0,
        body_size=9.2,
        leading=14.8,
        title_size=21.0,
        head_position="bottom",
        accent=(0.35, 0.15, 0.55),
        pull_quotes=True,
        heading_opens_roundup=True,
        contents=False,
    ),
    # front matter and a profile round-up in an issue with no contents page (fuzz v09, kept as
    # tests/fixtures/front-three): three columns on a letter page, an editorial whose English
    # title under its title reads as plain English, the page before it ending mid-line, numbered
    # profiles with no title of their own
    "front-three": Profile(
        name="front-three",
        width=612.0,
        height=792.0,
        margin_top=72.2,
        margin_bottom=43.6,
        margin_inner=38.2,
        margin_outer=35.8,
        columns=3,
        gutter=18.0,
        body_size=9.7,
        leading=15.2,
        title_size=27.8,
        summary_size=8.1,
        caption_size=7.3,
        head_position="bottom",
        accent=(0.10, 0.20, 0.50),
        heading_opens_roundup=True,
        contents=False,
        deck_style="grey-ruled",
        byline_style="square",
        numbered_items=True,
    ),
    # columns set closer than an em (fuzz seed 7301 v05: an 8.2 pt gutter at 9.2 pt type, on a 16K
    # page, tests/fixtures/narrow-gutter): a line of one column and the line beside it in the next
    # are closer than the widest gap inside a line, and were read as one line across the gutter
    "narrow-gutter": Profile(
        name="narrow-gutter",
        width=521.6,
        height=737.0,
        margin_top=50.3,
        margin_bottom=41.8,
        margin_inner=79.4,
        margin_outer=64.6,
        columns=2,
        three_col=("a10",),
        gutter=8.2,
        body_size=9.2,
        leading=17.1,
        title_size=20.7,
        summary_size=8.5,
        caption_size=7.5,
        head_position="bottom",
        folio_mode="after_front",
        front_folios="roman",
        continue_share=0.44,
        accent=(0.10, 0.20, 0.50),
        full_width_tables=("grid", "rules"),
        ligatures=True,
        hyphenate=True,
        wrap_photo=True,
        deck_style="grey-ruled",
        byline_style="square",
        numbered_items=True,
    ),
    # a letter page with a narrow head margin and running heads at the foot (fuzz seed 7301 v03,
    # tests/fixtures/tight-head): a pull quote in one column beside a photo or an afterword box in
    # the other, a bio box opening the next article right after the one closing an article, and a
    # summary's last lines in small type at the top of the next page
    "tight-head": Profile(
        name="tight-head",
        width=612.0,
        height=792.0,
        margin_top=32.5,
        margin_bottom=37.5,
        margin_inner=72.4,
        margin_outer=68.9,
        columns=2,
        three_col=("a28",),
        gutter=16.8,
        body_size=10.0,
        leading=17.2,
        title_size=21.6,
        summary_size=7.9,
        caption_size=8.4,
        head_position="bottom",
        continue_share=0.38,
        accent=(0.0, 0.42, 0.45),
        full_width_tables=("rules",),
        drop_cap=True,
        lookalikes=True,
        ligatures=True,
        hyphenate=True,
        wrap_photo=True,
        pull_quotes=True,
        quote_scale=1.5,
        byline_style="bar",
        item_en_after=True,
    ),
    # front matter on a 16K page in three columns of big type, numbered in roman numerals (fuzz
    # seed 58113 v08, tests/fixtures/front-roman): the masthead's four narrow columns of names in
    # small type, a notice run over onto a second page
    "front-roman": Profile(
        name="front-roman",
        width=521.6,
        height=737.0,
        margin_top=35.3,
        margin_bottom=60.1,
        margin_inner=79.7,
        margin_outer=79.0,
        columns=3,
        gutter=12.7,
        body_size=11.4,
        leading=19.5,
        title_size=24.9,
        summary_size=7.6,
        caption_size=7.1,
        folio_mode="after_front",
        front_folios="roman",
        continue_share=0.2,
        accent=(0.35, 0.15, 0.55),
        ligatures=True,
        hyphenate=True,
        pull_quotes=True,
        quote_scale=1.4,
        byline_style="square",
        numbered_items=True,
        item_en_after=True,
    ),
    # a letter page in two columns, no contents page (fuzz seed 31337 v00, tests/fixtures/bridge-title):
    # the English line under a front-matter page's or a profile round-up's title is shorter than
    # the full-width share but runs across the gutter; read as column text, it hid the gutter from
    # the lines under it (a notice's two columns read across as one, a round-up cut at a page)
    "bridge-title": Profile(
        name="bridge-title",
        width=612.0,
        height=792.0,
        margin_top=50.7,
        margin_bottom=69.8,
        margin_inner=30.6,
        margin_outer=38.3,
        columns=2,
        gutter=17.0,
        body_size=9.5,
        leading=17.9,
        title_size=27.9,
        summary_size=9.1,
        caption_size=8.1,
        head_position="bottom",
        folio_mode="after_front",
        continue_share=0.42,
        accent=(0.35, 0.15, 0.55),
        full_width_tables=(),
        wrap_photo=True,
        pull_quotes=True,
        quote_scale=1.7,
        contents=False,
        byline_style="bar",
        item_en_after=True,
    ),
    # front matter in three columns with a contents page (fuzz seed 777 v01, tests/fixtures/front-contents):
    # the journal's notice page ends on contact lines with no full stop; the next page's notice, a
    # title over an indented paragraph, was read as display type inside it (text left open before it)
    "front-contents": Profile(
        name="front-contents",
        width=612.0,
        height=792.0,
        margin_top=50.5,
        margin_bottom=55.4,
        margin_inner=31.7,
        margin_outer=56.7,
        columns=3,
        gutter=10.0,
        body_size=9.5,
        leading=14.1,
        title_size=24.5,
        summary_size=8.2,
        caption_size=7.5,
        folio_mode="after_front",
        front_folios="roman",
        continue_share=0.38,
        full_width_tables=(),
        drop_cap=True,
        lookalikes=True,
        ligatures=True,
        hyphenate=True,
        wrap_photo=True,
        pull_quotes=True,
        quote_scale=1.6,
        heading_opens_roundup=True,
        byline_style="square",
        numbered_items=True,
        item_en_after=True,
    ),
    # a profile round-up printed with no title of its own after the contents page, its items
    # numbered (fuzz seed 2718 v04, tests/fixtures/roundup-numbered): the item headings "1 周志华：…",
    # "2 …", "3 …" were read as contents entries with their page numbers first, so the round-up's
    # pages were contents pages, where no entry is looked for: the contents unit swallowed it.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile roundup-numbered --articles a01,a04,a07,a08,a09,a10,a11,a12 --out tests/fixtures/roundup-numbered.pdf
    "roundup-numbered": Profile(
        name="roundup-numbered",
        margin_top=42.0,
        margin_bottom=50.3,
        margin_inner=32.0,
        margin_outer=69.9,
        columns=2,
        gutter=19.8,
        body_size=10.7,
        leading=19.5,
        title_size=27.4,
        summary_size=9.1,
        caption_size=7.1,
        head_position="bottom",
        continue_share=0.48,
        full_width_tables=("rules",),
        lookalikes=True,
        pull_quotes=True,
        quote_scale=1.9,
        heading_opens_roundup=True,
        byline_style="bar",
        numbered_items=True,
        item_en_after=True,
    ),
    # a profile round-up in three columns, each item's English after its Chinese text in smaller
    # italic (fuzz seed 2718 v08, tests/fixtures/roundup-three-en): three English versions run over
    # from one page or column to the top of the next three columns, side by side in a face of their
    # own, were read as a deck in columns (head_columns) and joined into one item's English.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile roundup-three-en --articles a01,a07,a08,a09 --out tests/fixtures/roundup-three-en.pdf
    "roundup-three-en": Profile(
        name="roundup-three-en",
        width=612.0,
        height=792.0,
        margin_top=66.1,
        margin_bottom=45.6,
        margin_inner=40.3,
        margin_outer=61.5,
        columns=3,
        gutter=22.4,
        body_size=10.4,
        leading=19.6,
        title_size=22.4,
        summary_size=8.2,
        caption_size=7.3,
        head_position="bottom",
        continue_share=0.2,
        full_width_tables=("grid", "rules"),
        ligatures=True,
        pull_quotes=True,
        quote_scale=1.8,
        heading_opens_roundup=True,
        byline_style="square",
        item_en_after=True,
    ),
    # no contents page, a section opened by a picture page under the section's running head before
    # its opener's title (fuzz seed 2718 v06, tests/fixtures/opener-picture): the picture page held
    # no unit's text, so the opener started a page late and its page number was read from the title's
    # page. Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile opener-picture --articles a01,a15,a16,a18 --out tests/fixtures/opener-picture.pdf
    "opener-picture": Profile(
        name="opener-picture",
        margin_top=63.6,
        margin_bottom=75.9,
        margin_inner=60.4,
        margin_outer=52.7,
        columns=2,
        gutter=11.4,
        body_size=11.1,
        leading=20.0,
        title_size=18.9,
        summary_size=9.1,
        caption_size=7.6,
        folio_mode="after_front",
        continue_share=0.28,
        wrap_photo=True,
        pull_quotes=True,
        quote_scale=1.3,
        contents=False,
        byline_style="bar",
    ),
    # a journal paper in three narrow columns (fuzz seed 9001 v04, tests/fixtures/references-turn):
    # a reference cut at a page turn goes on at the next page's top with its DOI, digits and
    # Latin letters; read as English left in the body, it capped a right unit at 0.5.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile references-turn --articles a01,a28,a29,a30 --out tests/fixtures/references-turn.pdf
    "references-turn": Profile(
        name="references-turn",
        width=612.0,
        height=792.0,
        margin_top=79.3,
        margin_bottom=60.0,
        margin_inner=71.4,
        margin_outer=71.5,
        columns=3,
        gutter=9.7,
        body_size=9.8,
        leading=14.0,
        title_size=26.5,
        summary_size=8.1,
        caption_size=8.2,
        continue_share=0.39,
        hyphenate=True,
        pull_quotes=True,
        quote_scale=1.4,
        item_en_after=True,
    ),
    # English hyphenated as TeX does it, a compound broken after its own hyphen at a line end
    # ("innovation-|driven"; tests/fixtures/compounds-hyphen): the hyphen stays, as the issue
    # prints the compound whole elsewhere
    "compounds": Profile(
        name="compounds",
        accent=(0.20, 0.35, 0.20),
        hyphenate=True,
        break_compounds=True,
    ),
    # English set unhyphenated, as a browser or Typst sets it: a line breaks inside a word only
    # after a compound's own hyphen ("business-|friendly", "long-|termism"; the issue prints no word
    # it hyphenated, tests/fixtures/compounds-unhyphenated): every line-end hyphen stays
    "compounds-only": Profile(
        name="compounds-only",
        accent=(0.20, 0.30, 0.40),
        columns=3,
        summary_size=10.5,
        break_compounds=True,
    ),
    # a contents page set as two other engines set it (tests/fixtures/contents-plain): second-level
    # titles with no bullet at one pitch, some long enough to fill the column, others wrapped under
    # a hanging indent; page numbers on the titles' baseline, a size bigger
    # articles continued on a later page (tests/fixtures/jumps): two or three long articles cut
    # where their opening page (or the page after) is full, mid-sentence, a jump line at the foot
    # of the last column; their rests after the last article, before the advertisement, each under
    # a jump line naming the page it came from; jump lines in three forms (（下转第 N 页）, (转第N页),
    # (continued on page N))
    "jumps": Profile(
        name="jumps",
        margin_top=56.0,
        margin_inner=50.0,
        margin_outer=48.0,
        gutter=15.0,
        body_size=9.6,
        leading=16.0,
        title_size=22.0,
        folio_mode="after_front",
        accent=(0.55, 0.20, 0.10),
        jumps=3,
    ),
    # the same in three columns with the heads at the foot (tests/fixtures/jumps-three): two rests
    # stacked on one page, each in three balanced columns, so a page read column by column runs
    # through both (and the paragraph stage joins lines across them)
    "jumps-three": Profile(
        name="jumps-three",
        margin_top=46.0,
        margin_bottom=66.0,
        margin_inner=44.0,
        margin_outer=40.0,
        columns=3,
        gutter=12.0,
        body_size=9.0,
        leading=14.5,
        title_size=21.0,
        head_position="bottom",
        folio_mode="after_front",
        accent=(0.10, 0.35, 0.45),
        jumps=2,
    ),
    # other houses' jump lines (tests/fixtures/jumps-forms): "Continued on page N" with no bracket,
    # "(Continued from page N)", 转第N页 / 续第N版, (转PN) / (接PN); another geometry
    "jumps-forms": Profile(
        name="jumps-forms",
        margin_top=60.0,
        margin_inner=52.0,
        margin_outer=44.0,
        gutter=14.0,
        body_size=9.8,
        leading=16.5,
        title_size=20.0,
        folio_mode="after_front",
        accent=(0.15, 0.40, 0.20),
        jumps=3,
        jump_forms="more",
    ),
    # jump lines run into the text (tests/fixtures/jumps-runin): the out line in the part's last
    # line after its text, the in line in the continuation's first line before it, body type
    "jumps-runin": Profile(
        name="jumps-runin",
        margin_top=58.0,
        margin_inner=48.0,
        margin_outer=50.0,
        gutter=16.0,
        body_size=9.4,
        leading=15.5,
        title_size=21.0,
        folio_mode="after_front",
        accent=(0.45, 0.15, 0.45),
        jumps=3,
        jump_run_in=True,
    ),
    # jump lines run into the text with no brackets, and broken over two lines
    # (tests/fixtures/jumps-runin-bare): "……试点。Continued on page 5" and "……试点。转第6页" on
    # the part's last line, "……高标准（下转第" / "7页）" and "……(continued on" / "page 8)" over its
    # last two
    "jumps-runin-bare": Profile(
        name="jumps-runin-bare",
        margin_top=57.0,
        margin_inner=49.0,
        margin_outer=47.0,
        gutter=15.0,
        body_size=9.5,
        leading=15.8,
        title_size=21.0,
        folio_mode="after_front",
        accent=(0.35, 0.20, 0.40),
        jumps=4,
        jump_forms="bare",
        jump_run_in=True,
        jump_run_in_break=True,
    ),
    # in jumps run into the rest's first line with no brackets (tests/fixtures/jumps-runin-barein):
    # "续第2版年来……", "接第3页展开了……", "Continued from page 4……"; the out jumps bracketed or
    # bare after a sentence
    "jumps-runin-barein": Profile(
        name="jumps-runin-barein",
        margin_top=59.0,
        margin_inner=47.0,
        margin_outer=51.0,
        gutter=14.0,
        body_size=9.7,
        leading=16.2,
        title_size=21.5,
        folio_mode="after_front",
        accent=(0.20, 0.40, 0.35),
        jumps=4,
        jump_forms="bare-in",
        jump_run_in=True,
    ),
    "contents-plain": Profile(
        name="contents-plain",
        folio_mode="after_front",
        accent=(0.10, 0.30, 0.60),
        toc_style="plain",
    ),
    # the profile round-up in two columns, justified, its English versions after the Chinese in
    # smaller italic (fuzz seed 9001 v15, tests/fixtures/roundup-turn): the round-up's last page
    # holds only its last English paragraph's last two lines, one at the top of each column (the
    # left one filled most of the page's lines, read as a full-width line); and a page's first rows,
    # two English versions' ends side by side, one with a word space stretched four ems wide, read
    # as a deck set in two columns over the text (the stretched space taken for its gutter).
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile roundup-turn --articles a01,a08,a09 --out tests/fixtures/roundup-turn.pdf
    "roundup-turn": Profile(
        name="roundup-turn",
        width=521.6,
        height=737.0,
        margin_top=54.4,
        margin_bottom=46.5,
        margin_inner=77.7,
        margin_outer=37.2,
        columns=2,
        gutter=22.0,
        body_size=11.2,
        leading=18.8,
        title_size=22.1,
        summary_size=9.2,
        caption_size=8.0,
        folio_mode="after_front",
        continue_share=0.22,
        drop_cap=True,
        hyphenate=True,
        wrap_photo=True,
        contents=False,
        byline_style="bar",
        numbered_items=True,
        item_en_after=True,
    ),
    # no contents page; the profile round-up printed with no title of its own, set on mid-page
    # under the end of an article of another section, its section label over its first heading
    # (fuzz seed 9001 v11, the round-up-mid variation; tests/fixtures/roundup-mid): found only where
    # a round-up begins a page, its items were read as the article's text and the article's later
    # pages cut off (one of its section headings at a page top, the round-up after it, looked like
    # the round-up's start); the article's summary box, carried past its end to the next column's
    # top among the round-up's items, went to the round-up with the item's English boxed after it.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile roundup-mid --articles a01,a08,a23,a24,a25 --out tests/fixtures/roundup-mid.pdf
    "roundup-mid": Profile(
        name="roundup-mid",
        margin_top=58.0,
        margin_bottom=67.9,
        margin_inner=43.7,
        margin_outer=72.1,
        columns=2,
        three_col=("a25",),
        gutter=17.9,
        body_size=9.2,
        leading=17.2,
        title_size=22.4,
        summary_size=9.1,
        caption_size=7.8,
        head_position="bottom",
        folio_mode="after_front",
        front_folios="roman",
        continue_share=0.48,
        byline_style="square",
        heading_opens_roundup=True,
        roundup_after="a24",
        roundup_run_on=0.12,
        contents=False,
    ),
    # An untitled profile round-up set on under an article's end whose two columns stop short of
    # the page's foot (fuzz seed 20260 v08, the round-up-mid variation; v09 and v10 the same cause
    # over three columns, or with the round-up in three under two): its section label, narrow and
    # in small type, cut no band, so the round-up's first column was read before the article's
    # second (the article's references and summary went into the round-up); then the round-up,
    # with no title area, was cut at its page turn as front matter is, its first item's English
    # carried over to the next page's top (no whole item on the first page's piece): three units
    # typed advert, notice and article, no item's English. tests/fixtures/roundup-under-columns.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile roundup-under-columns --articles a01,a08,a29,a30,a31
    # --out tests/fixtures/roundup-under-columns.pdf
    "roundup-under-columns": Profile(
        name="roundup-under-columns",
        width=521.6,
        height=737.0,
        margin_top=40.0,
        margin_bottom=44.2,
        margin_inner=38.2,
        margin_outer=44.2,
        columns=2,
        gutter=14.6,
        body_size=11.0,
        leading=17.9,
        title_size=28.0,
        summary_size=8.6,
        caption_size=8.0,
        head_position="top",
        folio_mode="after_front",
        front_folios="roman",
        continue_share=0.2,
        full_width_tables=(),
        lookalikes=True,
        wrap_photo=True,
        quote_scale=1.4,
        heading_opens_roundup=True,
        roundup_after="a30",
        roundup_run_on=0.12,
        contents=False,
        item_en_after=True,
    ),
    # A pull quote in one column level with nothing but a paragraph's last line ("者。") in the
    # other, a boxed Reading Summary right under that line (fuzz seed 4711 v08, p34): two characters
    # were no text running beside, so the quote's first line was a title across the page; the last
    # line went on the other column's paragraph, the quote was cut in two around the left column's
    # next paragraph. tests/fixtures/quote-lastline.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile quote-lastline --articles a01,a14 --out tests/fixtures/quote-lastline.pdf
    "quote-lastline": Profile(
        name="quote-lastline",
        width=612.0,
        height=792.0,
        margin_top=72.2,
        margin_bottom=76.9,
        margin_inner=39.6,
        margin_outer=46.6,
        gutter=23.5,
        body_size=11.1,
        leading=20.4,
        title_size=22.6,
        summary_size=8.1,
        caption_size=7.4,
        folio_mode="after_front",
        continue_share=0.35,
        accent=(0.15, 0.15, 0.15),
        accent2=(0.7, 0.1, 0.12),
        full_width_tables=("rules",),
        lookalikes=True,
        ligatures=True,
        pull_quotes=True,
        quote_scale=1.7,
        deck_style="grey-ruled",
        numbered_items=True,
        contents=False,
    ),
    # A numbered heading wrapped flush ("五、防范人工智能泡沫的路径：坚持实体为 / 本、技术为器": its
    # second line starts where its first does, a few millionths of a point right in the floats), on
    # the page where a paragraph cut by the page turn goes on flush at the top of the first column
    # (fuzz seed 31337 v03, p82-83). The wrapped line read as a list's hang of nought, so every
    # flush paragraph of the column was an unmarked list item, and the paragraph's rest, typed
    # list_item, was not joined to its beginning. tests/fixtures/heading-wrap-flush.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile heading-wrap-flush --articles a01,a30 --out tests/fixtures/heading-wrap-flush.pdf
    "heading-wrap-flush": Profile(
        name="heading-wrap-flush",
        margin_top=79.2,
        margin_bottom=76.6,
        margin_inner=40.3,
        margin_outer=76.6,
        gutter=11.0,
        body_size=11.1,
        leading=16.3,
        title_size=20.1,
        summary_size=7.8,
        caption_size=8.1,
        head_position="bottom",
        continue_share=0.26,
        accent=(0.0, 0.42, 0.45),
        accent2=(0.7, 0.1, 0.12),
        tint=(0.94, 0.94, 0.94),
        full_width_tables=("grid", "rules"),
        ligatures=True,
        pull_quotes=True,
        quote_scale=1.3,
        contents=False,
        deck_style="grey-ruled",
        byline_style="bar",
    ),
    # An article's end in two balanced columns, the left two lines longer than the right, over the
    # next article in three columns on the same page (fuzz seed 31337 v05, p33): the left column's
    # last two lines, alone in their rows, lay across the three columns' gutter, under a paragraph's
    # short last line (so in no measure of a line above them): read as a line over the columns, they
    # cut the paragraph from its rest at the right column's top. tests/fixtures/columns-over-three.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile columns-over-three --articles a01,a17,a18 --out tests/fixtures/columns-over-three.pdf
    "columns-over-three": Profile(
        name="columns-over-three",
        margin_top=76.0,
        margin_bottom=65.6,
        margin_inner=45.8,
        margin_outer=30.5,
        three_col=("a18",),
        gutter=20.5,
        body_size=9.2,
        leading=14.4,
        title_size=27.7,
        summary_size=8.4,
        caption_size=8.0,
        folio_mode="after_front",
        continue_share=0.29,
        accent=(0.1, 0.2, 0.5),
        accent2=(0.1, 0.2, 0.5),
        full_width_tables=("grid", "rules"),
        drop_cap=True,
        lookalikes=True,
        ligatures=True,
        quote_scale=1.4,
        contents=False,
        deck_style="grey-ruled",
        byline_style="bar",
    ),
    # A titled profile round-up on one-column pages, its items numbered, no contents page (fuzz seed
    # 8675 v02, p8-9): item 3's heading heads the second page. The text before it (title area,
    # items 1 and 2) showed no item structure to _roundup_starts, its first block being the title's
    # English line, so the heading was taken for an untitled round-up's start: the round-up cut in
    # two, the second piece wrong at 0.85, items' English 0. tests/fixtures/roundup-titled-turn.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile roundup-titled-turn --articles a01,a08 --out tests/fixtures/roundup-titled-turn.pdf
    "roundup-titled-turn": Profile(
        name="roundup-titled-turn",
        width=521.6,
        height=737.0,
        margin_top=38.9,
        margin_bottom=76.9,
        margin_inner=79.2,
        margin_outer=56.3,
        columns=1,
        gutter=15.5,
        body_size=9.1,
        leading=16.0,
        title_size=25.5,
        summary_size=8.7,
        caption_size=8.2,
        head_position="bottom",
        folio_mode="after_front",
        continue_share=0.27,
        accent=(0.0, 0.42, 0.45),
        accent2=(0.0, 0.42, 0.45),
        tint=(0.93, 0.97, 0.93),
        full_width_tables=(),
        pull_quotes=True,
        quote_scale=1.5,
        contents=False,
        deck_style="grey-ruled",
        byline_style="bar",
        numbered_items=True,
        item_en_after=True,
    ),
    # A Reading Summary boxed across both columns of an article's last page, carried from the left
    # column's box to the right column's, then the untitled profile round-up set on under it in
    # three columns, its section label ("视频阅读 AR News") alone in its row under the boxes (fuzz
    # seed 8675 v05, p65): with nothing but boxes above it, the label was no section break (one
    # looked for text above it), so the right box was read in the round-up's third column and its
    # half of the summary became an item's English (summaries 0.947, items' English 0.833).
    # tests/fixtures/roundup-under-boxes.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile roundup-under-boxes --articles a01,a21,a22,a08 --out tests/fixtures/roundup-under-boxes.pdf
    "roundup-under-boxes": Profile(
        name="roundup-under-boxes",
        width=521.6,
        height=737.0,
        margin_top=63.9,
        margin_bottom=47.7,
        margin_inner=49.5,
        margin_outer=74.2,
        three_col=("a08",),
        gutter=17.0,
        body_size=10.6,
        leading=15.6,
        title_size=19.3,
        summary_size=7.8,
        caption_size=7.9,
        head_position="bottom",
        folio_mode="after_front",
        front_folios="roman",
        continue_share=0.23,
        accent=(0.0, 0.42, 0.45),
        accent2=(0.0, 0.42, 0.45),
        tint=(0.94, 0.94, 0.94),
        full_width_tables=(),
        drop_cap=True,
        lookalikes=True,
        hyphenate=True,
        wrap_photo=True,
        pull_quotes=True,
        quote_scale=1.3,
        heading_opens_roundup=True,
        roundup_after="a22",
        roundup_run_on=0.12,
        contents=False,
        numbered_items=True,
        item_en_after=True,
        toc_style="plain",
    ),
    # One-column pages, the untitled profile round-up set on in three columns under the last
    # article's reference list (fuzz seed 8675 v04, p85): the list, in small type over the
    # round-up's columns, stood in a band across the page, whose lines were cut only where size,
    # weight, language or spacing changed, so references ran together ([3]…[5], [7]…[12] one
    # block each: paragraphs 0.942). tests/fixtures/references-over-roundup.
    # Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile references-over-roundup --articles a01,a29,a30,a08
    # --out tests/fixtures/references-over-roundup.pdf
    "references-over-roundup": Profile(
        name="references-over-roundup",
        width=612.0,
        height=792.0,
        margin_top=78.7,
        margin_bottom=72.6,
        margin_inner=50.2,
        margin_outer=43.1,
        columns=1,
        three_col=("a08",),
        gutter=23.0,
        body_size=9.7,
        leading=15.8,
        title_size=23.8,
        summary_size=7.8,
        caption_size=7.2,
        head_position="bottom",
        continue_share=0.27,
        accent=(0.15, 0.15, 0.15),
        accent2=(0.7, 0.1, 0.12),
        tint=(0.93, 0.97, 0.93),
        full_width_tables=("rules",),
        drop_cap=True,
        pull_quotes=True,
        quote_scale=1.5,
        heading_opens_roundup=True,
        roundup_after="a30",
        roundup_run_on=0.12,
        contents=False,
        byline_style="square",
        numbered_items=True,
        item_en_after=True,
        toc_style="plain",
    ),
    # A full-page advertisement of a few words (a slogan over a photo, an English line, a hotline)
    # set between two articles, no word naming it (fuzz seed 8675 v06, p42; v01 and v09 alike):
    # typed by its shape alone it stayed at 0.5, right. The article before closes its text on the
    # page before and the one after opens on the page after with its title area: its place names
    # it, as an article going on over it does. tests/fixtures/mid-advert.
    # Made by: python -m pipeline.sample.mid_advert --truth ../shared/corpus/issue-2026-v2n1.truth.json
    # --profile mid-advert --ad 1 --after a17 --articles a01,a17,x01,a18 --out tests/fixtures/mid-advert.pdf
    "mid-advert": Profile(
        name="mid-advert",
        width=521.6,
        height=737.0,
        margin_top=33.0,
        margin_bottom=36.3,
        margin_inner=59.4,
        margin_outer=58.3,
        gutter=23.4,
        leading=14.2,
        title_size=20.2,
        summary_size=8.4,
        caption_size=7.3,
        head_position="bottom",
        folio_mode="after_front",
        front_folios="roman",
        continue_share=0.39,
        accent=(0.1, 0.2, 0.5),
        accent2=(0.15, 0.15, 0.15),
        tint=(0.94, 0.94, 0.94),
        full_width_tables=("rules",),
        wrap_photo=True,
        contents=False,
        deck_style="grey-ruled",
        byline_style="bar",
        item_en_after=True,
        toc_style="plain",
    ),
}


def _like(base: str, name: str, **changes) -> Profile:
    """A profile that is `base`'s but for `changes`: the same page with one cause changed."""
    return replace(PROFILES[base], name=name, **changes)


# Profiles made from another's record, one cause (or one colour) changed.
PROFILES["quotes-small"] = _like(
    "quotes",
    "quotes-small",
    three_col=("a14",),
    accent=(0.70, 0.10, 0.12),
    quote_scale=1.3,  # below title size: the quote reads as a heading or a big paragraph
    heading_opens_roundup=False,
)

# quotes a size step up only, set bold (stroked): display type by its face and by repeating
# the text it cuts, not by its size (the ReportLab rendition's side-column quotes, 1.09x)
PROFILES["quotes-bold"] = _like(
    "quotes",
    "quotes-bold",
    accent=(0.10, 0.25, 0.55),
    quote_scale=1.08,
    heading_opens_roundup=False,
)

# in jumps run into a rest that opens with digits (tests/fixtures/jumps-runin-digits): the page's
# number and the text's run together ("Continued from page 12025年…"); only the folio -> page
# map (the pages the issue prints, where a part ends with a jump to this page) tells the page
PROFILES["jumps-runin-digits"] = _like(
    "jumps-runin-barein",
    "jumps-runin-digits",
    margin_top=58.0,
    margin_inner=48.0,
    margin_outer=50.0,
    accent=(0.45, 0.25, 0.40),
    jump_forms="digits-in",
    jump_rest_digits=True,
)

# the same in three columns with the heads at the foot (tests/fixtures/jumps-runin-three): a
# continuation's first line, the in jump run into it, reads as set in by the jump's width
PROFILES["jumps-runin-three"] = _like(
    "jumps-three",
    "jumps-runin-three",
    accent=(0.30, 0.25, 0.50),
    jump_run_in=True,
)

# rests printed with no in line (tests/fixtures/jumps-noin): each starts a page, at the top of
# its first column, after the later article; only the out line names its page
PROFILES["jumps-noin"] = _like(
    "jumps",
    "jumps-noin",
    margin_top=54.0,
    margin_outer=46.0,
    leading=16.2,
    accent=(0.20, 0.30, 0.55),
    jump_in_lines=False,
)

# rests printed with no in line mid-column (tests/fixtures/jumps-noin-mid): each under the end
# of the article before it, only the out line naming its page
PROFILES["jumps-noin-mid"] = _like(
    "jumps",
    "jumps-noin-mid",
    margin_top=55.0,
    margin_inner=49.0,
    margin_outer=47.0,
    accent=(0.25, 0.35, 0.50),
    jump_in_lines=False,
    jump_rest_mid=True,
)

# the same with the article's title printed again over each rest, with （续）, and no in line
# (tests/fixtures/jumps-noin-title): only the title and the out line name the rest
PROFILES["jumps-noin-title"] = _like(
    "jumps-noin-mid",
    "jumps-noin-title",
    margin_top=57.0,
    margin_inner=51.0,
    leading=16.1,
    accent=(0.40, 0.25, 0.20),
    jump_title_again=True,
)

# the article's title printed again over each continuation, with （续）, over the in line
# (tests/fixtures/jumps-title): segmentation opens a unit at each, titled like a contents entry
PROFILES["jumps-title"] = _like(
    "jumps",
    "jumps-title",
    accent=(0.50, 0.30, 0.10),
    jump_title_again=True,
)

# A Reading Summary box set at an article's foot in two balanced columns, both pieces drawn from
# one top (fuzz seed 4711 v08, p60; seed 31337 v03): the right piece's top came out a hair higher
# in the floats the producer writes, so it was read first and the summary came out in two pieces,
# the second first. tests/fixtures/summary-level.
# Made by: python -m pipeline.sample.typeset --truth ../shared/corpus/issue-2026-v2n1.truth.json
# --profile summary-level --articles a01,a02,a21,a22 --out tests/fixtures/summary-level.pdf
PROFILES["summary-level"] = _like(
    "quote-lastline",
    "summary-level",
)
