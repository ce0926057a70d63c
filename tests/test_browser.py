"""Every lesson as a student meets it: JupyterLab in a real (headless) Chromium, offline.

For each lesson: open it, run all cells, assert no error output and that every explorer's
plotly figure rendered, operate the controls (sliders and buttons from the keyboard) until the
first figure changes, and assert the page asked nothing of any machine but this one.
Keyboard and names: every widget control has an accessible name (axe-core's naming rules, from
node_modules/), can take focus, and is reached from the explorer's first control by Tab alone.
Screenshots are saved under screenshots/browser/ (a CI artefact; not committed).

Needs Debian's `chromium` (installed by .ci/run).  Without it the tests are skipped on a
developer's machine and fail in CI (CI=true), so a missing browser cannot pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import LESSONS, REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = REPO / "screenshots" / "browser"
TOKEN = "course-browser-test"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# The widget controls a student operates (ipywidgets 8 in JupyterLab 4).
CONTROLS = (".jp-OutputArea-output .widget-slider .noUi-handle, .jp-OutputArea-output .widget-dropdown select, "
            ".jp-OutputArea-output .widget-checkbox input, .jp-OutputArea-output .widget-radio-box input, "
            ".jp-OutputArea-output .widget-toggle-button, .jp-OutputArea-output .widget-text input, "
            ".jp-OutputArea-output .jupyter-widgets button.jupyter-button")
NAME_RULES = ["label", "button-name", "select-name", "aria-input-field-name", "aria-toggle-field-name",
              "input-button-name", "link-name", "nested-interactive"]

if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium for the browser tests (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI runs these tests",
                allow_module_level=True)


@pytest.fixture(scope="module")
def lab():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    (REPO / "screenshots").mkdir(exist_ok=True)
    log = open(REPO / "screenshots" / "jupyterlab.log", "w")
    proc = subprocess.Popen(
        [str(bin_dir / "jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={REPO}", "--LabApp.expose_app_in_browser=True"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("JupyterLab did not start; see screenshots/jupyterlab.log")
            time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"])
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        pg.offsite = []

        def guard(route):
            url = route.request.url
            if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
                route.continue_()
            else:
                pg.offsite.append(url)
                route.abort()

        pg.route("**/*", guard)
        yield pg
        browser.close()


KERNEL_IDLE = """() => { const a = window.jupyterapp; if (!a) return false; const w = a.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle'; }"""
ALL_RUN = """() => { const ps = [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')];
  const w = window.jupyterapp.shell.currentWidget; const k = w.sessionContext.session.kernel;
  return k.status === 'idle' && ps.length > 0 && !ps.some(p => p.textContent.includes('*'))
    && ps.filter(p => /\\[\\d+\\]/.test(p.textContent)).length > 0; }"""
FIGURE_STATE = """() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')]
  .map(p => [(p.data || []).map(t => [t.x, t.y, t.z]), (p.layout || {}).shapes, ((p.layout || {}).title || {}).text]))"""
FIGURE_CHANGED = f"(before) => ({FIGURE_STATE})() !== before"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_runs_and_its_explorer_responds_offline(page, lab, lesson):
    rel = lesson.relative_to(REPO).as_posix()
    page.goto(f"{lab}/lab/tree/{rel}?reset&token={TOKEN}")
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_timeout(1000)
    page.wait_for_function(ALL_RUN, timeout=120_000, polling=500)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0", timeout=30_000)
    SHOTS.mkdir(parents=True, exist_ok=True)

    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, f"{lesson.stem}: error output: {errors.first.inner_text()[:500]}"
    plots = page.locator(".js-plotly-plot")
    assert plots.count() >= 1
    # A line drawn without its x (seen once: a trace given only new y values) is a silent wrong chart.
    missing_x = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => (p.data || [])
      .filter(t => t.type === 'scatter' && t.y && t.y.length > 1 && !t.x).map(t => t.name))""")
    assert missing_x == [], f"{lesson.stem}: traces drawn without x values: {missing_x}"
    assert page.locator(".widget-label, .widget-label-basic, label").count() > 0

    check_names_and_keyboard(page, lesson)

    # Operate the controls in page order until a figure changes: sliders by arrow keys,
    # check boxes and buttons by Space/Enter, menus by choosing the next option.
    plots.first.scroll_into_view_if_needed()
    before = page.evaluate(FIGURE_STATE)
    controls = page.locator(".widget-slider .noUi-handle, .widget-dropdown select, .widget-checkbox input, "
                            ".widget-toggle-button, .jupyter-widgets button.jupyter-button")
    changed = False
    started = time.perf_counter()
    for i in range(min(controls.count(), 15)):
        control = controls.nth(i)
        control.focus()
        kind = control.evaluate("e => e.tagName.toLowerCase() + (e.classList.contains('noUi-handle') ? '-slider' : '')")
        if kind == "select":
            # Headless Chromium's native menus ignore keys; choose the next option through the page instead.
            n = control.evaluate("e => e.options.length")
            control.select_option(index=(control.evaluate("e => e.selectedIndex") + 1) % n)
        else:
            for key in {"div-slider": ["ArrowLeft"] * 6, "input": ["Space"]}.get(kind, ["Enter"]):
                page.keyboard.press(key)
        try:
            page.wait_for_function(FIGURE_CHANGED, arg=before, timeout=2_000)
            changed = True
            break
        except Exception:
            continue
    assert changed, f"{lesson.stem}: no control changed any figure"
    assert time.perf_counter() - started < 40
    page.screenshot(path=str(SHOTS / f"{lesson.stem}.png"), full_page=False)
    assert page.offsite == [], f"{lesson.stem} tried to reach: {page.offsite}"


def check_names_and_keyboard(page, lesson):
    """Every control has an accessible name and takes focus; Tab alone walks the first explorer's controls."""
    if AXE.is_file():
        page.add_script_tag(path=str(AXE))
        unnamed = page.evaluate("""async (rules) => (await axe.run({include: [['.jp-OutputArea']]},
            {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']}))
            .violations.map(v => v.id + ': ' + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' +
              (n.html || '').slice(0, 120)).join(' | '))""", NAME_RULES)
        assert unnamed == [], f"{lesson.stem}: controls without an accessible name: {unnamed}"
    elif os.environ.get("CI"):
        raise AssertionError("node_modules/axe-core is missing (make node_modules/.installed)")
    not_focusable = page.evaluate(f"""() => [...document.querySelectorAll({CONTROLS!r})]
        .filter(e => !e.disabled).filter(e => {{ e.focus(); return document.activeElement !== e || e.tabIndex < 0; }})
        .map(e => e.outerHTML.slice(0, 120))""")
    assert not_focusable == [], f"{lesson.stem}: controls that cannot take focus: {not_focusable}"
    # Tab order: from the first control of the first explorer, Tab must reach each of its controls.
    explorer = page.locator(".jp-OutputArea-output:has(.js-plotly-plot)").first
    controls = explorer.locator(CONTROLS.replace(".jp-OutputArea-output ", ""))
    n = controls.count()
    assert n > 0, f"{lesson.stem}: the first explorer has no controls"
    page.evaluate("window.__fcTabbed = new Set()")
    controls.first.focus()
    marks = [controls.nth(i).evaluate("(e, i) => { e.dataset.fcControl = i; return i; }", i) for i in range(n)]
    reached = {0}
    for _ in range(6 * n + 10):
        page.keyboard.press("Tab")
        idx = page.evaluate("() => document.activeElement && document.activeElement.dataset.fcControl")
        if idx is not None:
            reached.add(int(idx))
        if len(reached) == n:
            break
    assert reached == set(marks), (f"{lesson.stem}: Tab did not reach controls "
                                   f"{sorted(set(marks) - reached)} of the first explorer")
