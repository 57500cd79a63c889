"""The HTML report in a real Chromium: it renders, and story text with scripts runs nothing."""

from __future__ import annotations

import shutil

import pytest

from ficlens.export.html_report import write_html

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.mark.browser
def test_report_renders_and_runs_no_script(annotated_work, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    path = write_html(annotated_work, tmp_path / "report.html")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        assert page.title().startswith("Lantern <b>test</b>")
        assert page.locator("mark.quote").count() == 2
        assert page.locator("mark.quote .spk").first.inner_text() == "Mara"
        assert page.locator("svg.network circle").count() == 2
        assert "onerror=" in page.inner_text("body")  # shown as text, not run
        assert page.locator("img").count() == 0 and page.locator("a[href^=javascript]").count() == 0
        assert page.evaluate("window.pwned === undefined") and not dialogs
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert (tmp_path / "report.png").stat().st_size > 10_000
