"""QA report: self-contained HTML that a browser renders, with every unit's titles and tables."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pymupdf
import pytest
from typer.testing import CliRunner

from pipeline.cli import ingest_app
from pipeline.report import write_report
from pipeline.rules import Rules
from pipeline.run import process

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.srcs: list[str] = []
        self.hrefs: list[str] = []
        self.tables = 0
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.srcs.append(a.get("src", ""))
        if tag in ("link", "script"):
            self.hrefs.append(a.get("href") or a.get("src") or "inline")
        if tag == "table":
            self.tables += 1
        self._in_cell = tag in ("td", "th")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_cell:
            self.cells.append(data)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    pdf = FIXTURES / "tables-classic.pdf"
    issue, _ = process(pdf, Rules.load())
    out = tmp_path_factory.mktemp("report")
    return issue, write_report(issue, pdf, out)


def test_report_is_self_contained_and_complete(report):
    issue, path = report
    assert path.name == f"{issue.meta.issue_id}.html" and path.parent.name == "report"
    html = path.read_text(encoding="utf-8")
    parsed = _Collect()
    parsed.feed(html)
    text = "".join(parsed.text)
    for a in issue.articles:
        if a.title_zh:
            assert a.title_zh in text
        if a.title_en:
            assert a.title_en in text
        for s in a.summaries:
            assert s.text in text
    assert len(parsed.srcs) >= len(issue.layout.pages)
    assert all(src.startswith("data:image/png;base64,") for src in parsed.srcs)
    assert parsed.hrefs == []  # no stylesheet, script or anything else to fetch
    tables = [t for a in issue.articles for t in a.tables]
    assert tables, "the fixture has tables"
    assert parsed.tables == len(tables) + (1 if issue.warnings else 0)  # + the warnings table
    for t in tables:
        assert all(h in parsed.cells for h in t.header if h)
    assert f">{len(issue.warnings)}<" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")
def test_headless_chromium_renders_it(report, tmp_path):
    _, path = report
    shot = tmp_path / "shot.png"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1200,1600",
        path.resolve().as_uri(),
    ]
    subprocess.run(cmd, capture_output=True, timeout=60, check=False)
    assert shot.exists() and shot.stat().st_size > 0
    pix = pymupdf.Pixmap(str(shot))
    assert (pix.width, pix.height) == (1200, 1600)
    samples = pix.samples
    stride = pix.n * 97  # sample every 97th pixel
    colours = {bytes(samples[i : i + pix.n]) for i in range(0, len(samples), stride)}
    assert len(colours) > 20, "the screenshot is blank"


def test_cli_report_option(tmp_path):
    res = CliRunner().invoke(
        ingest_app, [str(FIXTURES / "news-classic.pdf"), "--out", str(tmp_path), "--report"]
    )
    assert res.exit_code == 0, res.stderr
    assert list((tmp_path / "report").glob("*.html"))
