"""A one-line paragraph of the article right under a table is no part of the table's caption.
Fixture tables-under (pipeline/sample/figure_joins.py --set under): 表23, a short table with a
one-line paragraph set right under it, and 表24's rest with one under it; in both the next
paragraph follows solid, at the body's pitch. The caption over the table is centred in type a
little larger than the body's and ends no sentence, so its line read as open: the one-liner,
a paragraph in the body's type, was joined on as the caption's rest. And 图9, a photo whose
credit (摄影：…) stands right under its caption in the same small type: a caption row of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.models import Block, Line, Piece, Role
from pipeline.paragraphs import CAPTION_SAME_SIZE, _caption_ends
from pipeline.rules import Rules
from pipeline.run import ingest_file

PDF = Path(__file__).parent / "fixtures" / "tables-under.pdf"
KEY = PDF.with_suffix(".truth.json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("under")
    issue = ingest_file(PDF, out, Rules.load())
    return out, issue


def test_the_paragraph_under_a_table_stays_the_articles(run):
    """Before: 表23's and 表24's captions ended in the one-liner under the table (or its rest, on
    the next page); the paragraph was lost from the body (paragraphs 0.982, body 0.997)."""
    out, issue = run
    path = out / "jsonl" / issue.meta.issue_id / "tables.jsonl"
    tables = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    captions = {t["caption"] for t in tables}
    assert {"表23 部分城市创新券发放和兑付情况", "表24 部分城市科技企业加速器情况"} <= captions
    score = evaluate(out, KEY, issue.meta.issue_id)
    assert score["paragraph_integrity"] == 1.0 and score["body_similarity"] == 1.0
    assert score["table_cell_accuracy"] == 1.0 and score["n_units_wrong"] == 0


def test_a_credit_under_a_caption_is_a_row_of_its_own(run):
    """Before: the credit ran on into the caption's text (图9 某市科技园区全景摄影：李明)."""
    out, issue = run
    path = out / "jsonl" / issue.meta.issue_id / "captions.jsonl"
    captions = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert "图9 某市科技园区全景" in captions and "摄影：李明" in captions
    assert evaluate(out, KEY, issue.meta.issue_id)["caption_recall"] == 1.0


def _block(text: str, size: float, page: int = 1, y: float = 100.0) -> Block:
    line = Line(
        page=page, text=text, bbox=(200.0, y, 400.0, y + size), size=size, font="Song", bold=False, color=0
    )
    return Block(
        role=Role.PARAGRAPH,
        text=text,
        lines=[line],
        pieces=[Piece(page, line.bbox)],
        lang="zh",
        column=0,
        size=size,
        open_end=True,
    )


def test_a_caption_runs_on_only_in_its_own_size():
    rules = Rules.load()
    caption = _block("表3 部分城市创新券发放和", 10.5)
    assert _caption_ends(caption, _block("各地兑付比例差别明显。", 10.0, y=300.0), rules)
    assert _caption_ends(_block("图2 某园区全景", 9.0), _block("园区占地较大。", 10.0), rules)
    # the caption's rest, wrapped to the next column or page in the caption's very size
    assert not _caption_ends(caption, _block("兑付情况", 10.5, page=2), rules)
    same = 10.5 * (1 - CAPTION_SAME_SIZE / 2)
    assert not _caption_ends(caption, _block("兑付情况", same, page=2), rules)
    # a body paragraph that names a table is no caption: its size decides nothing here
    assert not _caption_ends(_block("从上表看，各地", 10.0), _block("差别明显。", 9.0), rules)
