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
    # A line or bars drawn without their positions (seen twice: a trace given only new y values) is a silent wrong
    # chart: a line without its x, or bars labelled 0, 1, 2 instead of their categories.
    missing_x = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => (p.data || [])
      .filter(t => (t.type === 'scatter' || t.type === 'bar') && (t.orientation === 'h'
        ? (t.x && t.x.length > 1 && !t.y) : (t.y && t.y.length > 1 && !t.x))).map(t => t.name))""")
    assert missing_x == [], f"{lesson.stem}: traces drawn without their positions: {missing_x}"
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


# -- lesson 02's predict, explore, reveal and code-along, as a student meets them ----------------------------

CELL_INDEX = """(id) => { const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  for (let i = 0; i < cells.length; i++) { if (cells.get(i).id === id) return i; } return -1; }"""
SHOW_CELL = """async (i) => { const nb = window.jupyterapp.shell.currentWidget.content; nb.activeCellIndex = i;
  await nb.scrollToCell(nb.widgets[i], 'start'); }"""
# The model's outputs, not the DOM: a cell scrolled out of view may not be rendered.
OUTPUT_TEXT = """(i) => JSON.stringify(window.jupyterapp.shell.currentWidget.content.model.cells.get(i).outputs.toJSON())"""


def _show(page, cell_id):
    i = page.evaluate(CELL_INDEX, cell_id)
    assert i >= 0, f"no cell {cell_id}"
    page.evaluate(SHOW_CELL, i)
    return i


def _run_code_along(page, i, line):
    """Write `line` in place of the code-along's blank, run the cell as a student would, wait for its check."""
    page.evaluate("""([i, line]) => { const cell = window.jupyterapp.shell.currentWidget.content.model.cells.get(i);
      cell.sharedModel.setSource(cell.sharedModel.getSource().replace(/^fmr = .*$/m, line)); }""", [i, line])
    before = page.evaluate(OUTPUT_TEXT, i)
    page.evaluate(SHOW_CELL, i)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-cell')")
    page.wait_for_function(f"(args) => ({OUTPUT_TEXT})(args[0]) !== args[1] && ({OUTPUT_TEXT})(args[0]).includes('02.c1')",
                           arg=[i, before], timeout=30_000)
    page.wait_for_function(KERNEL_IDLE_JS, timeout=30_000)
    return page.evaluate(OUTPUT_TEXT, i)


KERNEL_IDLE_JS = "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'"


def test_lesson_02_prediction_locks_and_worked_numbers_stay_hidden_until_asked(page, lab):
    lesson = REPO / "lessons" / "02-face-verification.ipynb"
    run_all(page, lab, TOKEN, lesson.relative_to(REPO).as_posix())
    SHOTS.mkdir(parents=True, exist_ok=True)

    # Predict: a number, locked in with the button; afterwards neither the box nor the button works.
    _show(page, "predict-threshold")
    prediction = page.locator(".fc-prediction").first
    prediction.wait_for(timeout=30_000)
    box = prediction.locator(".widget-text input")
    box.fill("5,000")
    box.press("Enter")
    page.screenshot(path=str(SHOTS / "02-prediction-before.png"))
    prediction.locator("button", has_text="Lock in my prediction").click()
    page.wait_for_function("() => document.querySelector('.fc-prediction').innerText.includes('Locked in')",
                           timeout=10_000)
    assert "5,000 people a year" in prediction.inner_text() and "work through its four tasks" in prediction.inner_text()
    assert box.is_disabled() and prediction.locator("button").is_disabled()
    page.screenshot(path=str(SHOTS / "02-prediction-locked.png"))

    # Explore: magnify the tails, then move the threshold; the figure follows.
    explorer = page.locator(".jp-OutputArea-output:has(.js-plotly-plot)").first
    explorer.scroll_into_view_if_needed()
    explorer.locator(".widget-dropdown select").first.select_option(label="tails, magnified 100× (peaks cut off)")
    page.wait_for_function("""() => { const p = document.querySelector('.js-plotly-plot');
      return p.layout.annotations[0].text.includes('100×') && p.layout.yaxis.range[1] < 0.2; }""", timeout=10_000)
    explorer.locator(".widget-slider .noUi-handle").first.focus()
    for _ in range(20):
        page.keyboard.press("ArrowLeft")  # 0.70 -> 0.60 in steps of 0.005
    page.wait_for_function("() => document.body.innerText.includes('At threshold 0.600')", timeout=10_000)
    explorer.screenshot(path=str(SHOTS / "02-explorer-tails-at-0.60.png"))

    # Reveal: the printout is in the page but hidden until the student asks for it.
    _show(page, "cell-11")
    reveal = page.locator("details.fc-reveal").first
    reveal.wait_for(timeout=10_000)
    numbers = reveal.locator("pre")
    assert reveal.get_attribute("open") is None and not numbers.is_visible(), "worked numbers shown before asked"
    assert "1,233,235" not in page.locator(".jp-Notebook").inner_text()
    page.screenshot(path=str(SHOTS / "02-reveal-closed.png"))
    reveal.locator("summary", has_text="I've tried it — show the worked numbers").click()
    page.wait_for_function("() => document.querySelector('details.fc-reveal').open", timeout=5_000)
    assert numbers.is_visible() and "1,233,235" in numbers.inner_text()
    page.screenshot(path=str(SHOTS / "02-reveal-open.png"))

    # Code along: untouched it is not attempted; a count is not right yet; the share is right.
    i = _show(page, "code-along-fmr")
    assert "not attempted yet" in page.evaluate(OUTPUT_TEXT, i)
    wrong = _run_code_along(page, i, 'fmr = (impostor["score"] >= 0.70).sum()')
    assert "not right yet" in wrong and "0.0013" not in wrong
    page.evaluate(SHOW_CELL, i)
    page.screenshot(path=str(SHOTS / "02-code-along-wrong.png"))
    right = _run_code_along(page, i, 'fmr = (impostor["score"] >= 0.70).mean()')
    assert "right — all 2 checks pass" in right
    page.evaluate(SHOW_CELL, i)
    page.screenshot(path=str(SHOTS / "02-code-along-right.png"))
    assert page.offsite == [], f"lesson 02 tried to reach: {page.offsite}"


# -- lesson 00's claim tracing, as a student meets it ------------------------------------------------------------

def test_lesson_00_verdicts_lock_and_the_courses_verdicts_stay_hidden_until_asked(page, lab):
    lesson = REPO / "lessons" / "00-start-here.ipynb"
    run_all(page, lab, TOKEN, lesson.relative_to(REPO).as_posix())
    SHOTS.mkdir(parents=True, exist_ok=True)

    # Trace claim A: choose a verdict, lock it in; the box and the button no longer work.
    _show(page, "predict-claim-a")
    verdict = page.locator(".fc-prediction", has_text="Claim A").first
    verdict.wait_for(timeout=30_000)
    verdict.locator(".widget-radio-box label", has_text="garbled wording").click()
    verdict.locator("button", has_text="Lock in my prediction").click()
    page.wait_for_function("""() => [...document.querySelectorAll('.fc-prediction')]
      .some(p => p.innerText.includes('Claim A') && p.innerText.includes('Locked in'))""", timeout=10_000)
    assert "garbled wording" in verdict.inner_text() and "Now trace claim B." in verdict.inner_text()
    assert verdict.locator("button").is_disabled()
    page.screenshot(path=str(SHOTS / "00-verdict-locked.png"))

    # The course's verdicts are in the page but folded until asked for.
    _show(page, "cell-10")
    reveal = page.locator("details.fc-reveal", has_text="The course's verdicts on the three claims").first
    reveal.wait_for(timeout=10_000)
    reasons = reveal.locator("pre")
    assert reveal.get_attribute("open") is None and not reasons.is_visible(), "the course's verdicts shown before asked"
    reveal.locator("summary", has_text="I've tried it — show the worked numbers").click()
    page.wait_for_function("""() => [...document.querySelectorAll('details.fc-reveal')]
      .some(d => d.open && d.textContent.includes("The course's verdicts on the three claims"))""", timeout=5_000)
    assert reasons.is_visible() and "verdict:          unsupported" in reasons.inner_text()
    page.screenshot(path=str(SHOTS / "00-verdicts-open.png"))
    assert page.offsite == [], f"lesson 00 tried to reach: {page.offsite}"


# -- lesson 06: a choice prediction, a reveal after the tasks, and the merge code-along ---------------------

def _set_line_and_run(page, i, pattern, line, check_id):
    """Replace the line matching `pattern` in cell i with `line`, run the cell, wait for its self-check."""
    page.evaluate("""([i, pattern, line]) => { const cell = window.jupyterapp.shell.currentWidget.content.model.cells.get(i);
      cell.sharedModel.setSource(cell.sharedModel.getSource().replace(new RegExp(pattern, 'm'), line)); }""",
                  [i, pattern, line])
    before = page.evaluate(OUTPUT_TEXT, i)
    page.evaluate(SHOW_CELL, i)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-cell')")
    page.wait_for_function(f"(a) => ({OUTPUT_TEXT})(a[0]) !== a[1] && ({OUTPUT_TEXT})(a[0]).includes(a[2])",
                           arg=[i, before, check_id], timeout=30_000)
    page.wait_for_function(KERNEL_IDLE_JS, timeout=30_000)
    return page.evaluate(OUTPUT_TEXT, i)


def test_lesson_06_choice_prediction_reveal_and_merge_code_along(page, lab):
    lesson = REPO / "lessons" / "06-from-identity-to-surveillance.ipynb"
    run_all(page, lab, TOKEN, lesson.relative_to(REPO).as_posix())
    SHOTS.mkdir(parents=True, exist_ok=True)

    # A choice prediction: pick one, lock it in; afterwards the choices cannot change.
    i = _show(page, "predict-linkage")
    prediction = page.locator(".jp-Notebook .jp-Cell").nth(i).locator(".fc-prediction")
    prediction.wait_for(timeout=30_000)
    prediction.locator(".widget-radio-box label", has_text="about one in ten").click()
    prediction.locator("button", has_text="Lock in my prediction").click()
    page.wait_for_function("(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node.innerText"
                           ".includes('Locked in')", arg=i, timeout=10_000)
    assert "about one in ten" in prediction.inner_text() and "four tasks" in prediction.inner_text()
    assert prediction.locator(".widget-radio-box input").first.is_disabled()
    assert prediction.locator("button").is_disabled()

    # The town's worked numbers come after its tasks, folded until asked for.
    tasks = _show(page, "cell-11")
    reveal_at = _show(page, "cell-13")
    assert reveal_at > tasks
    reveal = page.locator(".jp-Notebook .jp-Cell").nth(reveal_at).locator("details.fc-reveal")
    reveal.wait_for(timeout=10_000)
    assert reveal.get_attribute("open") is None and not reveal.locator("pre").is_visible()
    assert "3,396 (96%)" not in page.locator(".jp-Notebook").inner_text()
    reveal.locator("summary", has_text="I've tried it — show the worked numbers").click()
    page.wait_for_function("(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node"
                           ".querySelector('details.fc-reveal').open", arg=reveal_at, timeout=5_000)
    assert "3,396 (96%)" in reveal.locator("pre").inner_text()
    page.screenshot(path=str(SHOTS / "06-town-reveal-open.png"))

    # The code-along: a merge on every shared column is not right yet; the merge on the three columns is.
    i = _show(page, "code-along-merge")
    assert "not attempted yet" in page.evaluate(OUTPUT_TEXT, i)
    wrong = _set_line_and_run(page, i, r"^joined = .*$", "joined = log.merge(registry)", "06.c1")
    assert "not right yet" in wrong
    right = _set_line_and_run(page, i, r"^joined = .*$",
                              'joined = log.merge(registry, on=["district", "sex", "birth_date"])', "06.c1")
    assert "right — all 2 checks pass" in right
    page.evaluate(SHOW_CELL, i)
    page.screenshot(path=str(SHOTS / "06-code-along-right.png"))
    assert page.offsite == [], f"lesson 06 tried to reach: {page.offsite}"
