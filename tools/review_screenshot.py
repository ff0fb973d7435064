"""The README's picture of the review page: headless Chromium (Debian's chromium + chromedriver,
driven by selenium) opens OUT/report/<issue>.html, clicks a warning and saves a PNG.

    python tools/review_screenshot.py data/out/report/2026-v2n1.html docs/img/review-classic.png
    python tools/review_screenshot.py data/out/report/2026-v2n1.html docs/img/review-check-first.png \
        --warning -1 --size 1400,800
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--warning", type=int, default=0, help="which warning to click (0-based; -1: none)")
    ap.add_argument("--size", default="1400,900")
    args = ap.parse_args()
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        f"--window-size={args.size}",
        "--hide-scrollbars",
    ):
        opts.add_argument(arg)
    driver = webdriver.Chrome(
        service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts
    )
    try:
        driver.get(args.page.resolve().as_uri())
        links = driver.find_elements("css selector", "#warnings a.warn")
        if links and args.warning >= 0:
            links[args.warning].click()
        time.sleep(1.5)  # the lazily loaded page image
        args.png.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(args.png))
        # 256 colours: a third of the bytes, the text as sharp
        Image.open(args.png).convert("RGB").quantize(256).save(args.png, optimize=True)
    finally:
        driver.quit()
    print(args.png)


if __name__ == "__main__":
    main()
