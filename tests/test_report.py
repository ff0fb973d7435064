"""The review page (`ingest --report`, `pipeline review`): every decision beside its page, warnings
first and linked to their region, search, addresses for the corrections file; checked in headless
Chromium when it is installed."""

from __future__ import annotations

import json
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pipeline.cli import ingest_app, pipeline_app
from pipeline.corrections import load_corrections

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.imgs: list[str] = []
        self.external: list[str] = []
        self.addresses: list[str] = []
        self.cells: list[str] = []
        self._cell = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.imgs.append(a.get("src", ""))
        if tag in ("link", "script") and (a.get("href") or a.get("src")):
            self.external.append(a.get("href") or a.get("src"))
        if tag == "input" and "addr" in (a.get("class") or ""):
            self.addresses.append(a["value"])
        self._cell = tag in ("td", "th")

    def handle_endtag(self, tag):
        self._cell = False if tag in ("td", "th") else self._cell

    def handle_data(self, data):
        self.text.append(data)
        if self._cell:
            self.cells.append(data)


def _ingest(out: Path, name: str, *extra: str) -> Path:
    res = CliRunner().invoke(
        ingest_app, [str(FIXTURES / f"{name}.pdf"), "--out", str(out), "--report", *extra]
    )
    assert res.exit_code == 0, res.stderr
    (page,) = (out / "report").glob("*.html")
    return page


def _rows(out: Path, table: str) -> list[dict]:
    (folder,) = (out / "jsonl").iterdir()
    return [json.loads(x) for x in (folder / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]


def test_review_page_holds_every_decision_and_its_address(tmp_path):
    out = tmp_path / "out"
    page = _ingest(out, "tables-classic")
    parsed = _Collect()
    parsed.feed(page.read_text(encoding="utf-8"))
    text = "".join(parsed.text)
    for a in _rows(out, "articles"):
        assert a["title_zh"] in text
    blocks = _rows(out, "blocks")
    for b in blocks:
        assert b["text"] in text
    for s in _rows(out, "summaries"):
        assert s["text"] in text
    tables = _rows(out, "tables")
    assert tables and all(h in parsed.cells for t in tables for h in t["header"] if h)
    assert parsed.external == []  # nothing fetched: images are files beside the page
    n_pages = _rows(out, "issues")[0]["page_count"]
    folder = page.with_suffix("")
    assert len(list(folder.glob("p*.jpg"))) == n_pages
    assert {p for p in parsed.imgs} >= {f"{folder.name}/p{n:03d}.jpg" for n in range(1, n_pages + 1)}
    # every block's address, pasted into a corrections file, finds that block and only it
    block_addresses = [a for a in parsed.addresses if a.startswith("- block:")]
    assert len(block_addresses) == len(blocks)
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(
        "\n".join(f"{a}\n  type: {b['type']}" for a, b in zip(block_addresses, blocks, strict=True)),
        encoding="utf-8",
    )
    assert len(load_corrections(fixes)) == len(blocks)
    units = _rows(out, "articles")
    unit_addresses = [a for a in parsed.addresses if a.startswith("- unit:")]
    assert len(unit_addresses) == len(units)
    fixes.write_text(
        fixes.read_text(encoding="utf-8")
        + "\n"
        + "\n".join(f"{a}\n  set: {{kind: {u['kind']}}}" for a, u in zip(unit_addresses, units, strict=True)),
        encoding="utf-8",
    )
    res = CliRunner().invoke(
        ingest_app, [str(FIXTURES / "tables-classic.pdf"), "--out", str(out), "--corrections", str(fixes)]
    )
    assert res.exit_code == 0, res.stderr
    assert all(c["applied"] for c in _rows(out, "corrections"))
    res = CliRunner().invoke(pipeline_app, ["review", str(out)])  # each unit lists its corrections
    assert res.exit_code == 0, res.stderr
    assert f"correction #{len(blocks) + 1} (set): applied" in page.read_text(encoding="utf-8")
    assert [(b["type"], b["text"]) for b in _rows(out, "blocks")] == [(b["type"], b["text"]) for b in blocks]


def test_pipeline_review_rewrites_the_page_from_the_output(tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(ingest_app, [str(FIXTURES / "news-classic.pdf"), "--out", str(out)])
    assert res.exit_code == 0 and not (out / "report").exists()
    res = CliRunner().invoke(pipeline_app, ["review", str(out)])
    assert res.exit_code == 0, res.stderr
    (page,) = (out / "report").glob("*.html")
    assert page.with_suffix("").is_dir() and res.stdout.strip() == str(page)
    # the least confident units are listed with what lowered them: the evidence to check
    (arts,) = (out / "jsonl").glob("*/articles.jsonl")
    rows = [json.loads(line) for line in arts.read_text(encoding="utf-8").splitlines()]
    rows[1] = dict(rows[1], confidence=0.3, evidence=[*rows[1]["evidence"], "ends_open", "text_before_open"])
    arts.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert CliRunner().invoke(pipeline_app, ["review", str(out)]).exit_code == 0
    least = page.read_text(encoding="utf-8").split('<ol id="least">')[1].split("</ol>")[0]
    first = least.split("</li>")[0]
    assert "0.30" in first and "ends_open, text_before_open" in first and "title_area" not in first
    for args, words in (
        (["review", str(tmp_path / "nope")], ["nope", "not an output folder"]),
        (["review", str(out), "--issue", "1999-v1n1"], ["--issue 1999-v1n1", "not in"]),
    ):
        res = CliRunner().invoke(pipeline_app, args)
        lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
        assert res.exit_code == 2 and len(lines) == 1 and all(w in lines[0] for w in words), res.stderr


@pytest.fixture
def browser():
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("chromium not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1300,900",
    ):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


def _wait(predicate, seconds: float = 10.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if value := predicate():
            return value
        time.sleep(0.1)
    return predicate()


def test_in_a_real_browser_a_warning_opens_its_region_and_search_finds_words(tmp_path, browser):
    out = tmp_path / "out"
    fixes = tmp_path / "fixes.yaml"  # a stale correction: its warning points at a page of its own
    fixes.write_text(
        yaml.safe_dump([{"unit": {"page": 2, "title": "不存在"}, "set": {"title_en": "x"}}]), encoding="utf-8"
    )
    page = _ingest(out, "contents-tricky", "--corrections", str(fixes))
    warnings = _rows(out, "warnings")
    with_box = next(w for w in warnings if w["x0"] is not None)
    browser.get(page.resolve().as_uri())
    links = browser.find_elements("css selector", "#warnings a.warn")
    assert len(links) == len(warnings)
    links[[w["code"] for w in warnings].index(with_box["code"])].click()
    region = _wait(lambda: browser.execute_script("return document.querySelector('.region.on')"))
    assert region is not None and region.is_displayed()
    fig = browser.execute_script("return arguments[0].closest('figure.page')", region)
    assert fig.get_attribute("data-page") == str(with_box["page"])
    # the outline stands where the warning's bbox is on the page, and is on screen
    f, r = fig.rect, region.rect
    w_pt, h_pt = float(fig.get_attribute("data-w")), float(fig.get_attribute("data-h"))
    assert abs((r["x"] - f["x"]) / f["width"] - with_box["x0"] / w_pt) < 0.02
    assert abs((r["y"] - f["y"]) / f["height"] - with_box["y0"] / h_pt) < 0.02
    assert browser.execute_script(
        "const b=arguments[0].getBoundingClientRect();return b.bottom>0&&b.top<innerHeight", region
    )
    img = fig.find_element("css selector", "img")
    assert _wait(
        lambda: browser.execute_script("return arguments[0].complete&&arguments[0].naturalWidth", img)
    )
    # the stale correction's warning opens its whole page
    stale = [w["code"] for w in warnings].index("correction_not_applied")
    link = browser.find_elements("css selector", "#warnings a.warn")[stale]
    browser.execute_script("arguments[0].scrollIntoView({block:'center'})", link)  # back up the page
    link.click()
    region = _wait(lambda: browser.execute_script("return document.querySelector('.region.on')"))
    fig = browser.execute_script("return arguments[0].closest('figure.page')", region)
    assert fig.get_attribute("data-page") == "2" and region.is_displayed()
    # search: a word of a body block is found and marked
    word = next(b["text"] for b in _rows(out, "blocks") if len(b["text"]) > 20)[4:8]
    box = browser.find_element("css selector", "#search")
    box.send_keys(word)
    hits = _wait(lambda: browser.find_element("css selector", "#hits").text)
    assert hits.endswith(("match", "matches")) and int(hits.split()[0]) >= 1, hits
    marks = browser.find_elements("css selector", "mark")
    assert marks and all(m.text.lower() == word.lower() for m in marks) and marks[0].is_displayed()
    # a page zooms when clicked
    before = fig.rect["width"]
    browser.execute_script("arguments[0].scrollIntoView()", fig)
    fig.click()
    assert _wait(lambda: fig.rect["width"] > 1.5 * before)
