"""Accessibility of the static site (`make site`): axe-core in Debian's Chromium, every page.

axe-core comes from node_modules/ (pinned in package.json; `make node_modules/.installed`),
injected with Playwright into each page of the site built by tests/test_site.py (the index,
every lesson, the glossary), opened from file:// with every other request blocked.  No
violation of serious or critical impact may remain.  Screenshots of the index and two lessons,
at phone width (390 px) and desktop width, go to screenshots/site/.

Needs Debian's `chromium` (skipped without it on a developer's machine, a failure in CI=true) and
node_modules/axe-core, which `make test` installs.
"""

from __future__ import annotations

import pytest

from browser_support import AXE, chromium, require_chromium
from conftest import LESSONS, REPO
from test_site import built_site

SHOTS = REPO / "screenshots" / "site"
BLOCKING = {"serious", "critical"}

require_chromium()
assert AXE.is_file(), "node_modules/axe-core is missing: `make test` installs it (npm ci)"

pytestmark = pytest.mark.slow
PAGES = ["index.html", *[f"{p.stem}.html" for p in LESSONS], "glossary.html"]
SCREENSHOT_PAGES = {"index.html", f"{LESSONS[0].stem}.html", f"{LESSONS[2].stem}.html"}


@pytest.fixture(scope="module")
def site():
    built = built_site()
    assert built["returncode"] == 0, f"make site failed:\n{built['stderr'][-4000:]}"
    return built["out"]


@pytest.fixture(scope="module")
def browser():
    with chromium("--allow-file-access-from-files") as b:
        yield b


def open_page(browser, site, name, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.offsite, page.errors = [], []

    def guard(route):
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:")):
            route.continue_()
        else:
            page.offsite.append(url)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto((site / name).as_uri())
    page.wait_for_load_state("load")
    if name not in ("index.html", "glossary.html"):
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0",
                               timeout=30_000)
    if name not in ("index.html", "glossary.html"):  # lesson pages re-lay their figures out for phones on load
        page.wait_for_function("() => document.documentElement.dataset.fcLayout === 'done'", timeout=10_000)
    return page


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_or_critical_axe_violations(browser, site, name):
    page = open_page(browser, site, name, 1280, 900)
    try:
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
          .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))""")
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        assert blocking == [], f"{name}: " + "; ".join(
            f"{v['impact']} {v['id']} ({v['help']}) at {v['nodes']}" for v in blocking)
        assert page.title().strip(), f"{name}: no <title>"
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.errors == [], f"{name}: script errors {page.errors}"
        assert page.offsite == [], f"{name} tried to reach: {page.offsite}"
        if name in SCREENSHOT_PAGES:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"desktop-{name.removesuffix('.html')}.png"))
    finally:
        page.close()


@pytest.mark.parametrize("name", sorted(SCREENSHOT_PAGES))
def test_page_fits_a_phone(browser, site, name):
    page = open_page(browser, site, name, 390, 844)
    try:
        # Nothing wider than the screen except inside the scrollable output areas and tables.
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= 392, f"{name}: the page is {overflow} px wide at a 390 px screen"
        # Single-panel figures fit the screen; side-by-side panels keep their width in a box no
        # wider than the screen that scrolls sideways.
        widths = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(p => {
            const box = p.closest('.fc-figure-wide');
            return box ? [box.offsetWidth, getComputedStyle(box).overflowX] : [p.offsetWidth, 'fits']; })""")
        assert all(0 < w <= 390 and how in ("fits", "auto") for w, how in widths), \
            f"{name}: figure (width, overflow) {widths} at 390 px"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"phone-{name.removesuffix('.html')}.png"))
        if widths:
            first = page.locator(".fc-figure-wide" if page.locator(".fc-figure-wide").count() else ".fc-figure").first
            first.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"phone-{name.removesuffix('.html')}-figure.png"))
        assert page.errors == [] and page.offsite == []
    finally:
        page.close()
