"""Conservation (pipeline/residue.py): text a stage loses is found, kept and warned about."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from pipeline.models import ResidueReason
from pipeline.residue import account_text, conservation_warnings
from pipeline.rules import Rules
from pipeline.run import process

FIXTURE = Path(__file__).parent / "fixtures" / "news-classic.pdf"
RULES = Rules.load()


@pytest.fixture(scope="module")
def issue():
    return process(FIXTURE, RULES)[0]


def test_a_sound_run_claims_its_text(issue):
    c = issue.conservation
    assert c.chars > 5000 and c.coverage > 0.99
    assert all(r.reason != ResidueReason.UNCLAIMED for r in issue.residue)


def test_text_a_stage_dropped_is_residue_with_page_and_bbox(issue):
    """Drop the body of the second article after the fact, as a faulty stage would: its lines
    come back as residue rows where they stand, and the run warns."""
    art = issue.articles[1]
    lost = [b for b in art.blocks if b.role == "paragraph"][:3]
    thinner = dataclasses.replace(art, blocks=[b for b in art.blocks if b not in lost])
    broken = dataclasses.replace(issue, articles=[thinner if a is art else a for a in issue.articles])
    result = account_text(broken, RULES)
    assert issue.articles[1].blocks != thinner.blocks  # the input was not changed
    unclaimed = [r for r in result.residue if r.reason == ResidueReason.UNCLAIMED]
    lines = [ln for b in lost for ln in b.lines]
    kept = {(r.page, r.bbox) for r in unclaimed}
    wanted = [(ln.page, ln.bbox) for ln in lines if len(ln.text) > 4]
    assert len(wanted) > 10 and sum(w in kept for w in wanted) >= 0.9 * len(wanted)
    assert result.conservation.residue >= 0.8 * sum(ch.isalnum() for b in lost for ch in b.text)
    codes = [w.code for w in conservation_warnings(result, RULES)]
    assert "text_residue" in codes


def test_characters_lost_inside_lines_are_unaccounted_and_warned(issue):
    """A stage that keeps every line but drops a character here and there: not residue (most of
    each line is held), but counted and warned with the page."""
    art = issue.articles[1]
    cut = [
        dataclasses.replace(b, text="".join(ch for i, ch in enumerate(b.text) if i % 20 != 9))
        for b in art.blocks
    ]
    broken = dataclasses.replace(
        issue, articles=[dataclasses.replace(art, blocks=cut) if a is art else a for a in issue.articles]
    )
    result = account_text(broken, RULES)
    assert sum(result.conservation.unaccounted.values()) > 0
    (w,) = [w for w in conservation_warnings(result, RULES) if w.code == "text_unaccounted"]
    assert w.page in art.pages


FIELDS = Path(__file__).parent / "fixtures" / "journal" / "journal-fields.pdf"


def test_front_matter_labels_left_by_their_fields_are_labels():
    """journal-fields: academic.py reads 中图分类号：F062.9 and 文献标志码：A into the paper's fields
    and cuts their labels off, and 摘　要 is letter-spaced (摘 a piece of its own). Those lines were
    residue as printed, 'unclaimed', their values with them, though the values are in the
    articles row. Now only the labels are residue, with the reason `label`, and the counts add up."""
    from pipeline.choose import RulesChooser

    issue, _ = process(FIELDS, RulesChooser("auto").for_pdf(FIELDS))
    assert issue.residue and all(r.reason == ResidueReason.LABEL for r in issue.residue)
    texts = [r.text.rstrip("：:") for r in issue.residue]
    assert "摘" in texts and "中图分类号" in texts and "文献标志码" in texts
    assert not [t for t in texts if "F062" in t]
    c = issue.conservation
    assert c.claimed + c.residue + sum(c.unaccounted.values()) == c.chars


def test_letters_and_digits_are_unicode_categories_l_and_n():
    """residue._norm keeps letters and digits by re's \\w without "_": the same characters as the
    Unicode categories L* and N*, over every code point of this Python's Unicode database."""
    import unicodedata

    from pipeline.residue import _NOT_LETTER_OR_DIGIT, _norm

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    kept = "".join(ch for ch in every if unicodedata.category(ch)[0] in "LN")
    assert _NOT_LETTER_OR_DIGIT.sub("", every) == kept
    assert _norm("Ａ１_，年—a") == "A1年a"


def test_section_labels_side_by_side_on_tinted_bars_are_two():
    """variant-compact's contents page prints its section labels on tinted bars over both columns
    at one height (科促会动态 CIAPST News | 聚焦 Focus). The left bar's one line reaches past 0.6 of
    its box, with no stop: read as a box's text left open, it was joined to the right bar's label
    as a box broken over the column, though the left column's entries stand under it. The first
    entry then took the right column's section (聚焦) and the left label was in no row (unclaimed)."""
    pdf = FIXTURE.with_name("variant-compact.pdf")
    issue = process(pdf, RULES)[0]
    key = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    assert [(e.title_zh, e.section_zh) for e in issue.toc if e.level == 1] == [
        (e["title_zh"], e["section_zh"]) for e in key["toc"]
    ]
    assert not [r.text for r in issue.residue if r.reason == ResidueReason.UNCLAIMED]


WILD_DEV = Path(__file__).resolve().parents[2] / "shared" / "wild-dev"


@pytest.mark.skipif(not (WILD_DEV / "telsci2025.pdf").is_file(), reason="../shared/wild-dev is not here")
def test_labels_along_a_drawings_top_are_figure_text():
    """telsci2025 p. 8 (a real paper, read in place from ../shared/wild-dev): a row of labels along
    a diagram's top edge, just off its paths (轨道0 … 轨道7), is read by layout as a rule-less table
    area and by the tables stage as no table, the figure's labels: so the residue keeps it as
    figure_text, as the labels over the paths, not as text no stage took (unclaimed)."""
    from pipeline.choose import RulesChooser

    pdf = WILD_DEV / "telsci2025.pdf"
    issue = process(pdf, RulesChooser("auto").for_pdf(pdf))[0]
    rails = [r for r in issue.residue if r.page == 8 and r.text.startswith("轨道")]
    assert rails and all(r.reason == ResidueReason.FIGURE_TEXT for r in rails)
    assert not [r.text for r in issue.residue if r.reason == ResidueReason.UNCLAIMED]
