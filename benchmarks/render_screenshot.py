"""Screenshots of Kollektivkraft's rendered record for the docs: docs/images/render-kollektivkraft*.png.

Renders ``records/`` as of a fixed date (so that the picture changes only when
the record, its findings or the page do), opens it in Debian's Chromium with
Playwright, offline, and saves the first screen and one activity's section:

    .venv/bin/python benchmarks/render_screenshot.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
IMAGES = ROOT / "docs" / "images"
CHROMIUM = os.environ.get("ROPA_CHECK_CHROMIUM", "/usr/bin/chromium")
AS_OF = "2026-11-30"


def main() -> int:
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "kollektivkraft.html"
        ropa_check = str(Path(sys.executable).parent / "ropa-check")
        subprocess.run([ropa_check, "render", "records", "-o", str(html), "--today", AS_OF], cwd=ROOT, check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 1500})
            page.route("**/*", lambda route: route.continue_() if route.request.url == html.as_uri() else route.abort())
            page.goto(html.as_uri())
            page.screenshot(path=str(IMAGES / "render-kollektivkraft.png"))
            section = page.locator("#activity-medlemsregister")
            box = section.bounding_box()
            assert box is not None
            page.screenshot(
                path=str(IMAGES / "render-kollektivkraft-activity.png"),
                full_page=True,
                clip={"x": 0, "y": box["y"] - 8, "width": 1280, "height": 1100},
            )
            browser.close()
    for name in ("render-kollektivkraft.png", "render-kollektivkraft-activity.png"):
        print(IMAGES / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
