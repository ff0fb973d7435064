import copy
import io
import json

import pytest
from rich.console import Console

from pipeline.evaluate import evaluate, match_articles, norm, render_table, write_json

ISSUE = "2026-v2n1"
SUMMARY_A = "On January 10, the assembly was held in Beijing. It set out the plan for 2026 in detail."
SUMMARY_B = (
    "Jiangxi reported six major scientific achievements. They lead the whole country in several fields."
)

TRUTH = {
    "schema": "issue-truth/1",
    "furniture": ["国际科技促进 2026年第1期"],
    "articles": [
        {
            "id": "a01",
            "kind": "cover",
            "title_zh": "国际科技促进",
            "blocks": [{"type": "paragraph", "text": "封面"}],
        },
        {
            "id": "a02",
            "kind": "article",
            "section_zh": "科促会动态",
            "title_zh": "凝心聚力谋新篇 科技赋能启新程",
            "title_en": "Gather Strength to Plan a New Chapter",
            "authors": ["王怀宇"],
            "toc_page": 10,
            "blocks": [
                {"type": "paragraph", "text": "隆冬时节，万象更新，科促会五届五次会员大会在京隆重举行。"},
                {"type": "heading", "text": "一答战略升维"},
                {"type": "paragraph", "text": "会议总结了二〇二五年的工作，部署了新一年的重点任务。"},
            ],
            "captions": ["大会现场的热烈气氛"],
            "summaries": [{"kind": "reading_summary", "text": SUMMARY_A}],
            "tables": [],
            "items": [],
        },
        {
            "id": "a03",
            "kind": "article",
            "section_zh": "地方创新",
            "title_zh": "江西：六大硬核科创成果领跑全国",
            "title_en": None,
            "authors": [],
            "toc_page": 20,
            "blocks": [{"type": "paragraph", "text": "江西省科技厅发布了六大硬核科创成果，覆盖多个领域。"}],
            "captions": [],
            "summaries": [{"kind": "reading_summary", "text": SUMMARY_B}],
            "tables": [
                {"caption": None, "header": ["年份", "项目"], "rows": [["2025", "十二"], ["2026", "十五"]]}
            ],
            "items": [
                {
                    "title_zh": "人物",
                    "blocks": [{"type": "paragraph", "text": "周志华，中国科学院院士，南京大学副校长。"}],
                    "captions": [],
                    "text_en": "Zhou Zhihua is an Academician of the Chinese Academy of Sciences.",
                }
            ],
        },
    ],
}


def perfect_output() -> dict[str, list[dict]]:
    """What a flawless pipeline would write for TRUTH (whitespace deliberately differs)."""
    return perfect_output_for(TRUTH)


def perfect_output_for(truth: dict) -> dict[str, list[dict]]:
    out = {t: [] for t in ("articles", "blocks", "summaries", "captions", "items", "tables")}
    for seq, art in enumerate(truth["articles"]):
        aid = f"p{seq}"
        out["articles"].append({**{k: art.get(k) for k in ("kind", "title_zh", "title_en", "section_zh",
                                                            "authors", "toc_page")}, "article_id": aid})  # fmt: skip
        n = 0
        for item_seq, owner in [(None, art), *enumerate(art.get("items") or [])]:
            for b in owner.get("blocks") or []:
                out["blocks"].append(
                    {"article_id": aid, "item_seq": item_seq, "block_seq": n, "text": b["text"] + " "}
                )
                n += 1
            if item_seq is not None:
                out["items"].append({"article_id": aid, "item_seq": item_seq, "text_en": owner["text_en"]})
        out["summaries"] += [
            {"article_id": aid, "item_seq": None, "text": s["text"]} for s in art.get("summaries") or []
        ]
        out["captions"] += [{"article_id": aid, "text": c} for c in art.get("captions") or []]
        out["tables"] += [
            {"article_id": aid, "header": t["header"], "rows": t["rows"]} for t in art.get("tables") or []
        ]
    return out


def run(tmp_path, out: dict[str, list[dict]], truth: dict = TRUTH) -> dict:
    issue_dir = tmp_path / "out" / "jsonl" / ISSUE
    issue_dir.mkdir(parents=True)
    for table, rows in out.items():
        text = "".join(json.dumps({"issue_id": ISSUE, **r}, ensure_ascii=False) + "\n" for r in rows)
        (issue_dir / f"{table}.jsonl").write_text(text, encoding="utf-8")
    truth_path = tmp_path / "truth.json"
    truth_path.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return evaluate(tmp_path / "out", truth_path)


HEADLINE_PERFECT = [
    "article_precision", "article_recall", "title_en_acc", "section_acc", "authors_acc", "toc_page_acc",
    "body_similarity", "paragraph_integrity", "summary_precision", "summary_recall", "summary_text_similarity",
    "items_en_recall", "table_cell_accuracy", "caption_recall",
]  # fmt: skip


def test_perfect_output_scores_one_everywhere(tmp_path):
    r = run(tmp_path, perfect_output())
    assert r["issue_id"] == ISSUE
    for name in HEADLINE_PERFECT:
        assert r[name] == pytest.approx(1.0), name
    assert r["leakage"] == 0.0 and r["leak_examples"] == []
    assert (r["n_truth_articles"], r["n_pred_articles"], r["n_matched"]) == (2, 2, 2)
    assert r["n_truth_blocks"] == 6 and r["n_intact_blocks"] == 6  # the cover's block counts too
    assert r["page_start_acc"] is None  # the key carries no page_start


def test_split_paragraph_lowers_integrity_not_similarity(tmp_path):
    out = perfect_output()
    first = next(i for i, b in enumerate(out["blocks"]) if b["text"].startswith("隆冬"))
    text = out["blocks"][first]["text"]
    out["blocks"][first : first + 1] = [
        {**out["blocks"][first], "text": text[:10]},
        {**out["blocks"][first], "text": text[10:]},
    ]
    r = run(tmp_path, out)
    assert r["paragraph_integrity"] == pytest.approx(5 / 6)  # (the cover's block came out whole)
    assert r["paragraph_integrity_article"] == pytest.approx(4 / 5)
    assert r["body_similarity"] == pytest.approx(1.0)


def test_caption_in_body_is_leakage(tmp_path):
    out = perfect_output()
    block = next(b for b in out["blocks"] if b["text"].startswith("会议总结"))
    block["text"] += "大会现场的热烈气氛"
    r = run(tmp_path, out)
    assert r["leak_captions"] == 1.0 and r["leak_summaries"] == 0.0 and r["leak_furniture"] == 0.0
    assert r["leakage"] > 0
    assert any("大会现场" in e for e in r["leak_examples"])
    assert r["body_similarity"] < 1.0


def test_running_head_and_summary_sentence_leak(tmp_path):
    out = perfect_output()
    out["blocks"][1]["text"] = "国际科技促进 2026年第1期" + out["blocks"][1]["text"]
    out["blocks"][2]["text"] += "On January 10, the assembly was held in Beijing."
    r = run(tmp_path, out)
    assert r["leak_furniture"] == 1.0
    assert r["n_leaked_summaries"] == 1 and 0 < r["leak_summaries"] < 1


def test_summary_on_wrong_article_lowers_precision(tmp_path):
    out = perfect_output()
    out["summaries"][1]["article_id"] = out["summaries"][0]["article_id"]
    r = run(tmp_path, out)
    assert r["summary_precision"] == pytest.approx(1 / 2)
    assert r["summary_recall"] == pytest.approx(1 / 2)


def test_item_english_counts_as_a_correct_summary(tmp_path):
    out = perfect_output()
    item = out["items"][0]
    out["summaries"].append({"article_id": item["article_id"], "item_seq": 0, "text": item["text_en"]})
    r = run(tmp_path, out)
    assert r["summary_precision"] == 1.0 and r["summary_recall"] == 1.0


def test_table_with_one_wrong_cell(tmp_path):
    out = perfect_output()
    out["tables"][0] = copy.deepcopy(out["tables"][0])
    out["tables"][0]["rows"][1][1] = "十六"
    r = run(tmp_path, out)
    assert r["table_cell_accuracy"] == pytest.approx(5 / 6)


def test_missing_tables_and_unmatched_articles(tmp_path):
    out = perfect_output()
    out = {"articles": [a for a in out["articles"] if a["title_zh"] != "江西：六大硬核科创成果领跑全国"]}
    out["articles"].append({"article_id": "x", "kind": "article", "title_zh": None, "authors": None})
    r = run(tmp_path, out)
    assert r["article_precision"] == pytest.approx(1 / 2) and r["article_recall"] == pytest.approx(1 / 2)
    assert r["body_similarity"] == 0.0 and r["paragraph_integrity"] == 0.0
    assert r["table_cell_accuracy"] == 0.0 and r["summary_precision"] is None
    assert r["unmatched_truth_titles"] == ["江西：六大硬核科创成果领跑全国"]


def test_norm_and_title_matching():
    assert norm(" 科促会\u3000年会： 协同 ") == "科促会年会:协同"
    truth = [{"title_zh": "科促会风光火储分会年会： 协同创新筑生态"}, {"title_zh": "南京"}]
    pred = [{"title_zh": "南京：抢占未来产业制高点"}, {"title_zh": "协同创新筑生态"}]
    assert match_articles(truth, pred) == {0: 1}  # containment needs >= 6 chars, so 南京 stays unmatched


def test_render_and_write_json(tmp_path):
    r = run(tmp_path, perfect_output())
    table = render_table({"sample.pdf": r, "broken.pdf": {"article_recall": None}})
    console = Console(file=io.StringIO(), width=400)
    console.print(table)
    text = console.file.getvalue()
    assert "sample.pdf" in text and "1.000" in text and "—" in text
    path = tmp_path / "eval" / "results.json"
    write_json({"sample.pdf": r}, path)
    assert json.loads(path.read_text(encoding="utf-8"))["sample.pdf"]["n_matched"] == 2
    assert [p.name for p in path.parent.iterdir()] == ["results.json"]


def test_contents_entries_scored_by_title_and_page(tmp_path):
    import json

    from pipeline.evaluate import evaluate

    key = {
        "articles": [{"id": "a1", "kind": "toc", "blocks": []}],
        "toc": [
            {"title_zh": "甲文章", "page": 3, "level": 1},
            {"title_zh": "乙文章", "page": None, "level": 2},
        ],
    }
    (tmp_path / "key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "jsonl" / "x"
    out.mkdir(parents=True)
    rows = [{"title_zh": "甲文章", "printed_page": 3}, {"title_zh": "乙文章", "printed_page": 5}]
    (out / "toc.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
    )
    assert evaluate(tmp_path, tmp_path / "key.json")["toc_entry_recall"] == 0.5


def test_markdown_table_has_a_row_per_run_and_pairs_in_one_cell():
    from pipeline.evaluate import SCORE_COLUMNS, render_markdown

    md = render_markdown({"a": {"article_precision": 1.0, "article_recall": 0.5}, "b": {}})
    lines = md.splitlines()
    assert len(lines) == 4 and lines[2].startswith("| a | 1.000 / 0.500 | —")
    assert all(line.count("|") == len(SCORE_COLUMNS) + 2 for line in lines)


def test_conservation_read_back_from_the_issues_row(tmp_path):
    out = perfect_output()
    out["issues"] = [{"text_chars": 1000, "text_claimed": 990, "text_residue": 6, "text_unaccounted": 4}]
    r = run(tmp_path, out)
    assert r["text_claimed"] == pytest.approx(0.99)
    assert r["text_unaccounted_share"] == pytest.approx(0.004)
    # an output without the counts (a run that did not write them) scores "—", not a crash or a zero
    assert run(tmp_path / "old", perfect_output())["text_claimed"] is None


def test_calibration_counts_every_unit_kind(tmp_path):
    """A cover, notice, masthead or advertisement unit is judged like an article unit: right when
    it matches an entry of its kind and holds its text, else wrong, and its confidence counts."""
    out = perfect_output()
    for a in out["articles"]:
        a["confidence"] = 0.9
    r = run(tmp_path / "right", copy.deepcopy(out))
    assert (r["n_units_right"], r["n_units_wrong"], r["conf_calibrated"]) == (3, 0, 1.0)
    out["articles"][0]["kind"] = "notice"  # the cover read as a notice, sure of itself
    r = run(tmp_path / "kind", copy.deepcopy(out))
    assert (r["n_units_right"], r["n_units_wrong"], r["conf_wrong_max"]) == (2, 1, 0.9)
    out["articles"][0]["kind"] = "cover"
    out["blocks"] = [b for b in out["blocks"] if b["article_id"] != "p0"]  # a cover without its text
    r = run(tmp_path / "empty", out)
    assert r["n_units_wrong"] == 1 and r["conf_calibrated"] == 0.0


def test_a_unit_is_right_only_on_its_pages_and_text(tmp_path):
    """The unit matching rule: a unit is right only when its pages and its text are its key entry's.
    A contents entry keyed with no text is no licence to swallow: a contents unit holding the round-up
    after it (text another entry owns) is wrong, and a unit one page too long is wrong."""
    truth = copy.deepcopy(TRUTH)
    truth["articles"].insert(1, {"id": "t", "kind": "toc", "title_zh": "目录", "blocks": []})
    for entry, pages in zip(truth["articles"], [(1, 1), (2, 2), (3, 4), (5, 5)], strict=True):
        entry["page_start"], entry["page_end"] = pages
    out = perfect_output_for(truth)
    for a, entry in zip(out["articles"], truth["articles"], strict=True):
        a.update(confidence=0.9, page_start=entry["page_start"], page_end=entry["page_end"])
    r = run(tmp_path / "right", copy.deepcopy(out), truth)
    assert (r["n_units_right"], r["n_units_wrong"]) == (4, 0)
    swallowed = copy.deepcopy(out)  # the contents unit took the last article's pages and text
    last = swallowed["articles"].pop()
    swallowed["articles"][1]["page_end"] = last["page_end"]
    for b in swallowed["blocks"]:
        if b["article_id"] == last["article_id"]:
            b["article_id"] = swallowed["articles"][1]["article_id"]
    r = run(tmp_path / "swallowed", swallowed, truth)
    assert r["n_units_wrong"] == 1 and r["conf_wrong_max"] == 0.9
    longer = copy.deepcopy(out)  # the first article's text, but a page past its end
    longer["articles"][2]["page_end"] += 1
    r = run(tmp_path / "longer", longer, truth)
    assert r["n_units_wrong"] == 1 and r["body_similarity"] == pytest.approx(1.0)


def test_block_roles_scored_for_every_unit_kind(tmp_path):
    """A cover's, a notice's or a round-up item's blocks are typed like an article's: a notice's
    list read as paragraphs lowers the notice's role score, whichever unit holds it."""
    truth = copy.deepcopy(TRUTH)
    truth["articles"][0]["blocks"] = [
        {"type": "heading", "text": "编读服务"},
        {"type": "list_item", "text": "一、邀请各分支机构选派通讯员。"},
    ]
    truth["articles"][0]["kind"] = "notice"
    out = perfect_output_for(truth)
    for b, want in zip(out["blocks"], _types_of(truth), strict=True):
        b["type"] = want
    r = run(tmp_path / "right", copy.deepcopy(out), truth)
    assert r["block_role_acc"] == 1.0 and r["block_role_acc_notice"] == 1.0
    assert r["block_role_acc_item"] == 1.0 and r["block_role_worst_kind"] is None
    out["blocks"][1]["type"] = "paragraph"  # the list item read as a paragraph
    out["blocks"][-1]["text"] = out["blocks"][-1]["text"][:-2]  # short of its stop: still paired
    out["blocks"][-1]["type"] = "heading"
    r = run(tmp_path / "wrong", out, truth)
    assert r["block_role_acc_notice"] == 0.5 and r["block_role_acc_item"] == 0.0
    assert r["block_role_worst_kind"] == "item" and r["block_role_worst"] == 0.0
    assert r["block_type_acc"] == 1.0  # the articles' own blocks are as they were


def _types_of(truth: dict) -> list[str]:
    return [
        b["type"]
        for art in truth["articles"]
        for owner in [art, *(art.get("items") or [])]
        for b in owner.get("blocks") or []
    ]


def test_a_notices_deck_is_scored_and_its_blocks_count_for_integrity(tmp_path):
    """A notice's key gives no deck: its text read into deck_zh (its paragraphs set apart by space
    alone, read as a standfirst) lowers deck accuracy, though the unit, paired by its text decks
    included, is still right; and its blocks count for paragraph integrity like an article's: a
    notice's list item cut in two is a miss (before, both went unseen)."""
    truth = copy.deepcopy(TRUTH)
    truth["articles"][0].update(
        kind="notice",
        deck_zh=None,
        deck_en=None,
        blocks=[
            {"type": "paragraph", "text": "为体现全员办刊的理念，现通知如下："},
            {"type": "list_item", "text": "具体事项由编委会负责对接和解释。"},
        ],
    )
    out = perfect_output_for(truth)
    for a in out["articles"]:
        a["confidence"] = 0.9
    r = run(tmp_path / "right", copy.deepcopy(out), truth)
    assert r["deck_zh_acc"] == 1.0 and r["deck_zh_acc_other"] == 1.0
    assert r["paragraph_integrity"] == 1.0 and r["paragraph_integrity_notice"] == 1.0
    decked = copy.deepcopy(out)  # the notice's first paragraph read as its deck
    decked["articles"][0]["deck_zh"] = decked["blocks"][0]["text"]
    decked["blocks"] = decked["blocks"][1:]
    r = run(tmp_path / "decked", decked, truth)
    assert r["deck_zh_acc_other"] == 0.0 and r["deck_zh_acc"] == 0.0  # (the articles carry no deck)
    assert r["deck_examples"] and r["deck_examples"][0].startswith("notice")
    assert r["n_units_wrong"] == 0  # a role error, not a segmentation one
    assert r["paragraph_integrity_notice"] == 0.5 and r["paragraph_integrity_article"] == 1.0
    split = copy.deepcopy(out)  # the list item cut at its hanging line
    item = split["blocks"][1]
    split["blocks"][1:2] = [{**item, "text": item["text"][:-3]}, {**item, "text": item["text"][-3:]}]
    r = run(tmp_path / "split", split, truth)
    assert r["paragraph_integrity_notice"] == 0.5 and r["paragraph_integrity"] == pytest.approx(6 / 7)


def test_light_key_other_units_printed_are_not_spurious(tmp_path):
    """A light key of our own may list the units of other kinds a real file prints (a course
    paper's cover form, its contents page): a unit of that kind opening on that page is no spurious
    unit; one of another kind or on another page still is, and a key listing none counts every
    unit that is not an article (wild-dev's definition)."""
    from pipeline.evaluate_light import evaluate_light

    rows = [
        {"kind": "cover", "page_start": 1, "title_zh": "成绩"},
        {"kind": "toc", "page_start": 2, "title_zh": "目录"},
        {"kind": "notice", "page_start": 3, "title_zh": "说明"},
        {"kind": "article", "page_start": 3, "title_zh": "学者的困境"},
    ]
    out = tmp_path / "out" / "jsonl" / "paper"
    out.mkdir(parents=True)
    (out / "articles.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
    )
    key = {"file": "paper.pdf", "title_zh": "学者的困境", "title_en": "", "authors": [], "abstract_zh": "",
           "abstract_en": "", "paragraphs": ["无"]}  # fmt: skip
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    listed = tmp_path / "listed.json"
    other = [{"kind": "cover", "page": 1}, {"kind": "toc", "page": 2}, {"kind": "toc", "page": 3}]
    listed.write_text(json.dumps({**key, "other_units": other}, ensure_ascii=False), encoding="utf-8")
    assert evaluate_light(tmp_path / "out", plain)["spurious_units"] == 3
    assert evaluate_light(tmp_path / "out", listed)["spurious_units"] == 1
