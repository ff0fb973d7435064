"""English summaries with no frame (pipeline/summaries.py): four pages of the ReportLab rendition
(pipeline/sample/reportlab_issue.py, pages 66-69). An article ends with its byline ("作者：…") and,
right under it in the same type, the heading "Reading Summary" on a line of its own, then the
English summary in a smaller face, no box or shade; the next article's English title, printed
above its Chinese one, follows on the next page. On main before this test the heading ran into
the byline, the summary stayed in the body and the next article had no English title."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.rules import DEFAULT_RULES, Rules
from pipeline.run import ingest_file

EXTRACT = Path(__file__).parent / "fixtures" / "reportlab" / "reportlab-summaries.pdf"


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    rules = Rules.load(DEFAULT_RULES)
    out = tmp_path_factory.mktemp("reportlab-summaries")
    issue = ingest_file(EXTRACT, out, rules)
    root = out / "jsonl" / issue.meta.issue_id

    def rows(table: str) -> list[dict]:
        return [json.loads(x) for x in (root / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]

    return rows


def _article(rows, title_start: str) -> dict:
    return next(
        a
        for a in rows("articles")
        if a["kind"] == "article" and (a["title_zh"] or "").startswith(title_start)
    )


def test_unframed_summary_after_the_byline_is_found(extract):
    """The heading on its own line under the byline opens the summary; its English paragraphs are
    the summary, whole, and none of it is left in the article's body."""
    art = _article(extract, "骥骥企业")
    (summary,) = [s for s in extract("summaries") if s["article_id"] == art["article_id"]]
    assert summary["summary_kind"] == "reading_summary"
    assert summary["text"].startswith("Under China's national innovation-driven development strategy")
    assert summary["text"].endswith("high-quality industrial development.")
    body = [b for b in extract("blocks") if b["article_id"] == art["article_id"]]
    assert not [b["text"] for b in body if b["lang"] == "en"]
    assert "Reading Summary" not in (art["byline"] or "")


def test_english_title_above_the_next_title_is_not_summary(extract):
    """The next article's English title, in a larger face than the summary, ends the summary and
    goes to that article."""
    nxt = _article(extract, "小米")
    assert nxt["title_en"] == 'Xiaomi\'s Path to "Defying Fate and Transforming Destiny"'
    assert all("Xiaomi's Path" not in s["text"] for s in extract("summaries"))
