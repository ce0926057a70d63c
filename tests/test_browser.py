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

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser_support import AXE, SHOTS, jupyterlab, offline_page, require_chromium, run_all
from conftest import LESSONS, REPO

TOKEN = "course-browser-test"
# The widget controls a student operates (ipywidgets 8 in JupyterLab 4).
CONTROLS = (".jp-OutputArea-output .widget-slider .noUi-handle, .jp-OutputArea-output .widget-dropdown select, "
            ".jp-OutputArea-output .widget-checkbox input, .jp-OutputArea-output .widget-radio-box input, "
            ".jp-OutputArea-output .widget-toggle-button, .jp-OutputArea-output .widget-text input, "
            ".jp-OutputArea-output .jupyter-widgets button.jupyter-button")
NAME_RULES = ["label", "button-name", "select-name", "aria-input-field-name", "aria-toggle-field-name",
              "input-button-name", "link-name", "nested-interactive"]

require_chromium()


@pytest.fixture(scope="module")
def lab():
    with jupyterlab(REPO, TOKEN, "jupyterlab.log") as base:
        yield base


@pytest.fixture(scope="module")
def page(lab):
    with offline_page() as pg:
        yield pg


FIGURE_STATE = """() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')]
  .map(p => [(p.data || []).map(t => [t.x, t.y, t.z]), (p.layout || {}).shapes, ((p.layout || {}).title || {}).text]))"""
FIGURE_CHANGED = f"(before) => ({FIGURE_STATE})() !== before"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_runs_and_its_explorer_responds_offline(page, lab, lesson):
    run_all(page, lab, TOKEN, lesson.relative_to(REPO).as_posix())
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
        except PlaywrightTimeoutError:  # this control moved no figure: try the next
            continue
    assert changed, f"{lesson.stem}: no control changed any figure"
    page.screenshot(path=str(SHOTS / f"{lesson.stem}.png"), full_page=False)
    assert page.offsite == [], f"{lesson.stem} tried to reach: {page.offsite}"


def check_names_and_keyboard(page, lesson):
    """Every control has an accessible name and takes focus; Tab alone walks the first explorer's controls."""
    assert AXE.is_file(), "node_modules/axe-core is missing: `make test` installs it (npm ci)"
    page.add_script_tag(path=str(AXE))
    unnamed = page.evaluate("""async (rules) => (await axe.run({include: [['.jp-OutputArea']]},
        {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']}))
        .violations.map(v => v.id + ': ' + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' +
          (n.html || '').slice(0, 120)).join(' | '))""", NAME_RULES)
    assert unnamed == [], f"{lesson.stem}: controls without an accessible name: {unnamed}"
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
