"""The rendered HTML in a real browser: Debian's Chromium, driven by Playwright.

It loads with no console error and no request beyond its own file, shows every
activity and Art. 30 field of Kollektivkraft's record, prints to PDF, passes
axe-core with no serious or critical violation, and runs no script a record
smuggles in. Screenshots of the first page and of one activity are saved as
artefacts (under ``$ROPA_CHECK_ARTEFACTS``, else the test's temporary folder;
the path is printed).

Without Chromium, Playwright or axe-core the tests are skipped, unless
``ROPA_CHECK_REQUIRE_BROWSER=1`` (CI sets it), where a missing piece fails them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ropa_check.cli import main
from tests.helpers import ROOT
from tests.render.conftest import IMAGE, SCRIPT

CHROMIUM = os.environ.get("ROPA_CHECK_CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("ROPA_CHECK_AXE") or ROOT / ".ci-node" / "node_modules" / "axe-core" / "axe.min.js")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Art. 30 fields, by their Swedish headings, that each activity's section shows.
ACTIVITY_HEADINGS = (
    "Översikt",
    "Ändamål",
    "Kategorier av registrerade",
    "Kategorier av personuppgifter",
    "Överföringar till tredjeland",
    "Konsekvensbedömning avseende dataskydd",
    "Dataflöde",
    "Anmärkningar",
)
CATEGORY_COLUMNS = ("Rättslig grund", "Tidsfrister för radering", "Mottagare", "Källor")
ACTIVITY_ROWS = ("Mottagare", "Tidsfrister för radering", "Säkerhetsåtgärder")
ORGANISATION_ROWS = ("Personuppgiftsansvarig: namn", "Företrädare (art. 27)", "Dataskyddsombud (art. 37)")


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM}"
    if not AXE.is_file():
        return f"no axe-core at {AXE} (set ROPA_CHECK_AXE)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _missing()
    if missing is not None:
        if os.environ.get("ROPA_CHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"ROPA_CHECK_REQUIRE_BROWSER=1 and {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Page:
    """A page that records every request (and lets none through but its own file) and every console error."""

    def __init__(self, browser: Any, url: str) -> None:
        self.url = url
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.goto(url, wait_until="load")

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()


def _render(tmp_path: Path, record: Path, name: str, *argv: str) -> Path:
    target = tmp_path / name
    assert main(["render", str(record), "-o", str(target), *argv]) == 0
    return target


def _artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("ROPA_CHECK_ARTEFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("render-artefacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def kollektivkraft(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    html = _render(tmp_path_factory.mktemp("render"), ROOT / "records", "kollektivkraft.html")
    page = Page(browser, html.as_uri())
    yield page
    page.context.close()


def test_loads_offline_with_no_request_and_no_console_error(kollektivkraft: Page) -> None:
    assert kollektivkraft.requests == [kollektivkraft.url]
    assert kollektivkraft.errors == []


def test_every_activity_and_art30_field_is_visible(kollektivkraft: Page) -> None:
    import yaml

    page = kollektivkraft.page
    for label in ORGANISATION_ROWS:
        assert page.locator("#organisation th", has_text=label).first.is_visible(), label
    ids = []
    for path in sorted((ROOT / "records" / "activities").glob("*.yaml")):
        for activity in yaml.safe_load(path.read_text(encoding="utf-8"))["activities"]:
            ids.append(activity["id"])
            section = page.locator(f"#activity-{activity['id']}")
            assert section.get_by_role("heading", level=2).inner_text().startswith(activity["name"])
            assert page.locator("nav").get_by_role("link", name=activity["name"], exact=True).is_visible()
            for heading in ACTIVITY_HEADINGS:
                assert section.get_by_role("heading", name=heading).first.is_visible(), (activity["id"], heading)
            if not activity.get("data_categories"):  # the record leaves them out: the page says so
                heading = section.get_by_role("heading", name="Kategorier av personuppgifter")
                assert heading.locator("xpath=following-sibling::*[1]").inner_text() == "ej angivet"
            for column in CATEGORY_COLUMNS if activity.get("data_categories") else ():
                assert section.locator("table.categories thead th", has_text=column).first.is_visible()
            for row in ACTIVITY_ROWS:
                assert section.locator("table.fields th", has_text=row).first.is_visible()
            for category in activity.get("data_categories", []):
                cell = section.locator(f"table.categories tbody th:has(code:text-is('{category['id']}'))")
                assert cell.is_visible(), (activity["id"], category["id"])
                assert category["name"] in cell.inner_text()
                # Every category has its row filled: each Art. 30 field says its value or "ej angivet".
                row = cell.locator("xpath=..")
                assert row.locator("td").count() == 7
                assert all(text.strip() for text in row.locator("td").all_inner_texts())
            assert section.locator("figure.flow svg").is_visible()
    assert ids == [s.get_attribute("id")[len("activity-") :] for s in page.locator("section.activity").all()]


def test_prints_to_pdf_a_page_per_activity_at_least(kollektivkraft: Page, tmp_path: Path) -> None:
    import re

    pdf = kollektivkraft.page.pdf(path=str(tmp_path / "kollektivkraft.pdf"), print_background=True)
    assert pdf.startswith(b"%PDF-")
    # Each activity starts a page of its own (print CSS), after the cover and the list of activities.
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert pages >= kollektivkraft.page.locator("section.activity").count() + 2


def test_axe_finds_no_serious_or_critical_violation(kollektivkraft: Page) -> None:
    page = kollektivkraft.page
    # Evaluated by the browser's debugging protocol: the page's own policy lets no script in, nor should it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, indent=1)
    assert len(results["passes"]) > 20  # axe ran its checks on the page (not on an empty document)
    assert kollektivkraft.requests == [kollektivkraft.url]


def test_screenshots_of_the_first_page_and_an_activity(
    kollektivkraft: Page, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _artefacts(tmp_path_factory)
    first = folder / "render-first-page.png"
    activity = folder / "render-activity-medlemsregister.png"
    kollektivkraft.page.screenshot(path=str(first))
    kollektivkraft.page.locator("#activity-medlemsregister").screenshot(path=str(activity))
    for shot in (first, activity):
        assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert shot.stat().st_size > 10_000  # a picture of the page, not a blank one
    with capsys.disabled():
        print(f"\nrender screenshots: {first} {activity}")


def test_a_hostile_record_runs_no_script(browser: Any, hostile_record: Path, tmp_path: Path) -> None:
    html = _render(tmp_path, hostile_record, "hostile.html", "--isolated")
    hostile = Page(browser, html.as_uri())
    try:
        page = hostile.page
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.evaluate("() => document.scripts.length") == 0
        assert page.evaluate("() => document.images.length") == 0
        # What the record says is on the page, as text.
        assert SCRIPT in page.locator("h1").inner_text()
        assert page.locator("#activity-medlemsregister h2").inner_text().startswith(IMAGE)
        assert hostile.errors == []
        assert hostile.requests == [hostile.url]  # the <img src=x> the record holds was never an image
    finally:
        hostile.context.close()
