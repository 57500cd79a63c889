"""End to end in a real Chromium: filter, open a work, read it, keyboard use, and a hostile work that must run nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh --test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go (FICLENS_SCREENSHOTS to keep them somewhere stable)."""
    folder = Path(os.environ["FICLENS_SCREENSHOTS"]) if os.environ.get("FICLENS_SCREENSHOTS") else \
        tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(8000)
    pg = context.new_page()
    events = {"dialogs": [], "errors": [], "requests": []}
    pg.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: events["errors"].append(str(e)))
    pg.on("request", lambda r: events["requests"].append(r.url))
    pg.events = events
    yield pg
    context.close()


def test_filter_open_and_read(page, server, web_library, shots):
    page.goto(server + "/")
    assert page.title().endswith("ficlens")
    total = int(page.locator("#results-h").inner_text().split()[0].replace(",", ""))
    assert total == page.evaluate("() => 0") + len(web_library["ids"]["seeds"]) + 32
    page.screenshot(path=str(shots / "library.png"), full_page=False)

    # include a tag from the sidebar by its label, exclude another by typing, narrow the words
    page.get_by_label("Angst", exact=False).first.check()
    page.locator("details.group", has_text="Exclude").locator("summary").click()
    page.get_by_label("Other tags to exclude").fill("Major Character Death")
    page.get_by_label("Words").fill(">100")
    page.get_by_role("button", name="Sort and Filter").first.click()
    page.wait_for_load_state()
    assert "include=Angst" in page.url and "exclude=Major+Character+Death" in page.url
    filtered = int(page.locator("#results-h").inner_text().split()[0])
    assert 0 < filtered < total
    api = page.request.get(server + "/api/works?include=Angst&exclude=Major+Character+Death&words=%3E100").json()
    assert filtered == api["total"]
    assert page.locator("ol.works > li.blurb").count() == min(20, filtered)
    page.screenshot(path=str(shots / "library-filtered.png"), full_page=False)

    # open the first result, then read it
    first = page.locator("ol.works h2 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert page.locator("svg.chart").count() >= 1 and page.locator("table.heat").count() == 1
    page.locator("ul.predictions details summary").first.click()
    assert page.locator("ul.predictions details[open] ul.evidence li").count() >= 1
    page.screenshot(path=str(shots / "work.png"), full_page=True)

    page.get_by_role("link", name="Read with speakers marked").click()
    page.wait_for_load_state()
    marks = page.locator("mark.q")
    assert marks.count() > 0
    speaker = marks.first.get_attribute("data-speaker")
    assert marks.first.locator(".who").inner_text().casefold() == speaker.casefold()
    legend = page.locator(".legend li").all_inner_texts()
    assert speaker in legend
    page.screenshot(path=str(shots / "reader.png"), full_page=False)
    assert page.events["errors"] == [] and page.events["dialogs"] == []
    assert all(u.startswith(server) for u in page.events["requests"])  # nothing fetched from elsewhere


def test_seed_work_pages_render(page, server, web_library, shots):
    wid = web_library["ids"]["seeds"][1]
    page.goto(f"{server}/works/{wid}")
    assert page.locator("h1").inner_text()
    rows = page.locator("table.chars tbody tr")
    api = page.request.get(f"{server}/api/works/{wid}").json()
    assert rows.count() == len(api["characters"])
    page.screenshot(path=str(shots / "seed-work.png"), full_page=True)
    page.goto(f"{server}/works/{wid}/read")
    assert page.locator(".text p").count() > 10
    page.screenshot(path=str(shots / "seed-reader.png"), full_page=False)


def test_status_form_with_the_keyboard(page, server, web_library):
    wid = web_library["ids"]["synthetic"][3]
    page.goto(f"{server}/works/{wid}")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    assert page.evaluate("() => getComputedStyle(document.activeElement).left") != "-9999px"  # visible on focus
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.get_by_label("Status").focus()
    page.keyboard.press("End")  # last option: dropped
    page.get_by_label("Note").fill("keyboard note")
    page.get_by_label("Note").focus()
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert page.evaluate("() => document.activeElement.textContent").strip() == "Save" and outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/works/{wid}?saved=1")
    w = page.request.get(f"{server}/api/works/{wid}").json()
    assert (w["status"], w["notes"]) == ("dropped", "keyboard note")
    page.request.post(f"{server}/api/works/{wid}/status", data={"status": "unread"})


def test_chapters_navigation(page, server, web_library):
    wid = web_library["ids"]["chapters"]
    page.goto(f"{server}/works/{wid}/read")
    assert page.locator(".chapter-title").inner_text() == "Chapter 1"
    page.get_by_role("link", name="Next chapter").click()
    assert page.locator(".chapter-title").inner_text() == "Chapter 2"
    page.get_by_label("Chapter", exact=True).select_option("3")
    page.get_by_role("button", name="Go").click()
    assert page.locator(".chapter-title").inner_text() == "Chapter 4"


def test_hostile_work_runs_nothing(page, server, web_library, shots):
    wid = web_library["ids"]["hostile"]
    for url in (f"/?include=Hostile", f"/works/{wid}", f"/works/{wid}/read"):
        page.goto(server + url)
        page.wait_for_timeout(150)
        assert page.evaluate("() => window.__pwned") is None, url
        assert page.locator("body").is_visible()  # the <style> trick hid nothing
        assert page.evaluate("() => document.querySelectorAll('script, iframe, style, [onerror], [onload]').length") == 0
    # the javascript: link is shown as text, never as a live link
    assert page.locator("a[href^='javascript']").count() == 0
    page.get_by_text("click me").click()
    page.locator("mark.q").first.hover()
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.__pwned") is None
    assert page.get_by_text("<script>window.__pwned", exact=False).count() >= 1  # visible as text
    page.screenshot(path=str(shots / "hostile-reader.png"), full_page=True)
    assert page.events["dialogs"] == [] and page.events["errors"] == []
    assert all(u.startswith(server) for u in page.events["requests"])
