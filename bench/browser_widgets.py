"""Benchmark (not a test): speed as a student feels it, in a real browser.

In headless Chromium on a real JupyterLab, every lesson is run, then every control of every explorer
(a control in an output that holds a plotly figure) is operated as a student would -- sliders and
radio buttons by arrow keys, check boxes and buttons by Space or Enter, menus by choosing an option,
number boxes by typing and Enter -- at least 30 times.  Each time, measured in the page: from the
input event (its ``timeStamp``) to the explorer's figure redrawn, i.e. the last ``plotly_afterplot``
the change caused, once the kernel is idle and no redraw has followed for ``QUIET_MS``.  A control
that changes only the explorer's words (a readout under the figure) is timed to the readout's last
change instead (``"redrawn": "readout"``).

Beside them, the floor, measured in the same run before and after the lessons: a bare FigureWidget
driven by one slider.  Budget: every control p95 <= 100 ms and median <= 1.5x the floor's median.

Writes ``browser_widgets`` into bench/results.json (the other keys are kept):
``make bench`` runs it after bench/run_bench.py; ``make bench-browser`` runs only this.
On a shared machine the numbers are noisy: compare a control with the floor of the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import sys
import time
from pathlib import Path

import nbformat
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser_support import KERNEL_IDLE, chromium, jupyterlab, run_all  # noqa: E402

TOKEN = "course-browser-bench"
CHANGES = max(30, int(os.environ.get("BENCH_CHANGES", "30")))  # measured changes per control (after 2 warm-up)
WARM_UP = 2
QUIET_MS = 120  # no further redraw for this long: the figure has settled
TIMEOUT_MS = 2_000  # a change that redraws nothing within this is "no redraw"
# Changes in a row that redraw nothing before a control counts as "redrawn": "nothing": it changes nothing on
# screen by itself (a code before "Compare my coding", a safeguard's assumption while it is off, a
# Reveal already pressed, a menu that picks what another control edits).
MISSES = 2
BUDGET_P95_MS = 100
BUDGET_MEDIAN_X_FLOOR = 1.5

CONTROL_SELECTOR = ", ".join([
    ".widget-slider .noUi-handle", ".widget-dropdown select", ".widget-checkbox input",
    ".widget-radio-box input", ".widget-toggle-buttons button", ".widget-text input",
    ".jupyter-widgets > button.jupyter-button, .widget-button",
])

# Instrumentation: the first input event after arming, and every afterplot of every figure.
INSTRUMENT = """() => {
  if (!window.__fcBench) {
    window.__fcBench = {armed: false, input: null, after: [], text: [], plots: []};
    for (const type of ['keydown', 'input', 'change']) {
      document.addEventListener(type, e => { const b = window.__fcBench;
        if (b.armed && b.input === null) b.input = e.timeStamp; }, true);
    }
  }
  const b = window.__fcBench;
  // Controls that change only words (a readout) count the readout's last change instead.
  document.querySelectorAll('.jp-OutputArea-output').forEach(area => {
    if (area.__fcBenchObserved || !area.querySelector('.js-plotly-plot')) return;
    area.__fcBenchObserved = true;
    new MutationObserver(records => { if (records.some(r => { const n = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        return n && n.closest('.widget-html, .widget-htmlmath'); })) b.text.push(performance.now()); })
      .observe(area, {subtree: true, childList: true, characterData: true});
  });
  document.querySelectorAll('.js-plotly-plot').forEach(gd => {
    if (gd.__fcBenchId === undefined && typeof gd.on === 'function') {
      gd.__fcBenchId = b.plots.length; b.plots.push(gd);
      gd.on('plotly_afterplot', () => b.after.push([gd.__fcBenchId, performance.now()]));
    }
  });
}"""

# Every control that sits in an output with a figure: its kind, its name, and its figures' ids.
CONTROLS = r"""(selector) => {
  const out = [];
  document.querySelectorAll('.jp-OutputArea-output').forEach(area => {
    const plots = [...area.querySelectorAll('.js-plotly-plot')].map(gd => gd.__fcBenchId).filter(i => i !== undefined);
    if (!plots.length) return;
    const title = ((area.querySelector('.js-plotly-plot').layout || {}).title || {}).text || '';
    area.querySelectorAll(selector).forEach(el => {
      if (el.dataset.fcBench !== undefined) return;
      const root = el.closest('.widget-inline-hbox, .widget-checkbox, .widget-toggle-buttons, .widget-radio, .widget-button') || el;
      const words = n => (n && n.textContent || '').replace(/[\u200b\s]+/g, ' ').trim();
      const name = [root.querySelector('.widget-label-basic'), root.querySelector('.widget-label'), root.querySelector('label')]
        .map(words).find(t => t) || el.getAttribute('aria-label') || words(el);
      let kind = el.classList.contains('noUi-handle') ? 'slider' : el.tagName === 'SELECT' ? 'select'
        : el.type === 'checkbox' ? 'checkbox' : el.type === 'radio' ? 'radio'
        : root.classList.contains('widget-toggle-buttons') ? 'toggle' : el.tagName === 'INPUT' ? 'number' : 'button';
      // A radio group or a row of toggle buttons is one control: keep its first element only.
      if ((kind === 'radio' || kind === 'toggle') && root.dataset.fcBenchGroup !== undefined) return;
      if (kind === 'radio' || kind === 'toggle') root.dataset.fcBenchGroup = '1';
      el.dataset.fcBench = String(out.length);
      out.push({index: out.length, kind, plots, figure: title.replace(/<[^>]+>/g, '').slice(0, 60),
                name: name.slice(0, 60)});
    });
  });
  return out;
}"""

ARM = "() => { const b = window.__fcBench; b.after = []; b.text = []; b.input = null; b.armed = true; }"
# Settled: the kernel is idle and nothing has been redrawn for QUIET_MS since the change's last redraw
# of its figure (or, if the figure did not change, of its readout).
SETTLED = f"""([plots]) => {{ const b = window.__fcBench; if (b.input === null) return false;
  const fig = b.after.filter(([i, t]) => plots.includes(i) && t >= b.input).map(([i, t]) => t);
  const text = b.text.filter(t => t >= b.input);
  const last = fig.length ? fig[fig.length - 1] : text.length ? text[text.length - 1] : null;
  if (last === null || !({KERNEL_IDLE})()) return false;
  return performance.now() - last >= {QUIET_MS}; }}"""
LATENCY = """([plots]) => { const b = window.__fcBench; b.armed = false;
  const fig = b.after.filter(([i, t]) => plots.includes(i) && t >= b.input).map(([i, t]) => t);
  const text = b.text.filter(t => t >= b.input);
  return fig.length ? ['figure', fig[fig.length - 1] - b.input] : ['readout', text[text.length - 1] - b.input]; }"""


def floor_notebook(folder: Path) -> Path:
    """A bare FigureWidget driven by one slider: the least any explorer can cost."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(
        "import ipywidgets as w\nimport plotly.graph_objects as go\n"
        "fig = go.FigureWidget(go.Scatter(x=[0, 1], y=[0, 0.5]), layout=dict(title='floor', height=300))\n"
        "slider = w.FloatSlider(value=0.5, min=0, max=1, step=0.01, description='floor')\n"
        "slider.observe(lambda change: fig.data[0].update(y=[0, change.new]), names='value')\n"
        "w.VBox([slider, fig])")]
    path = folder / "browser-floor.ipynb"
    nbformat.write(nb, path)
    return path


def _act(page, control, kind: str, step: int) -> None:
    """One change of a control, as a student makes it; the page is armed just before the input."""
    if kind == "select":
        n = control.evaluate("e => e.options.length")
        nxt = (control.evaluate("e => e.selectedIndex") + 1) % n
        page.evaluate(ARM)
        control.select_option(index=nxt)
    elif kind == "number":
        value = float(control.input_value() or 0)
        control.fill(f"{value * (1.25 if step % 2 == 0 else 0.8):g}")
        page.evaluate(ARM)
        control.press("Enter")
    elif kind == "toggle":
        buttons = control.locator("xpath=..").locator("button")
        target = buttons.nth((step + 1) % buttons.count())
        target.focus()
        page.evaluate(ARM)
        target.press("Space")
    else:
        control.focus()
        key = {"slider": "ArrowRight" if (step // 5) % 2 == 0 else "ArrowLeft", "radio": "ArrowDown",
               "checkbox": "Space"}.get(kind, "Enter")
        page.evaluate(ARM)
        page.keyboard.press(key)


def measure_controls(page, key_prefix: str) -> dict:
    # Every figure drawn (plotly gives it its event methods) before listening to it.
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')].every(gd => typeof gd.on === 'function')",
                           timeout=60_000)
    page.evaluate(INSTRUMENT)
    return _measure(page, key_prefix, page.evaluate(CONTROLS, CONTROL_SELECTOR))


USABLE = "e => e.getClientRects().length > 0 && !e.disabled && !e.closest('[disabled]')"


def _settle(page) -> None:
    """The kernel idle and the front end through the messages before it (widget state lands a frame later)."""
    page.wait_for_function(KERNEL_IDLE, timeout=10_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _reveal(page, control, c) -> bool:
    """A control usable only in some modes (lesson 03's sliders): choose each option of its explorer's
    menus and toggle buttons until it is shown and enabled.  False if it never is."""
    if control.evaluate(USABLE):
        return True
    area = control.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea-output')]")
    menus = area.locator(".widget-dropdown select")
    choices = [lambda m=m, i=i: menus.nth(m).select_option(index=i)
               for m in range(menus.count()) for i in range(menus.nth(m).evaluate("e => e.options.length"))]
    toggles = area.locator(".widget-toggle-buttons button")
    choices += [lambda i=i: toggles.nth(i).click() for i in range(toggles.count())]
    handle = control.element_handle()
    for choose in choices:
        choose()
        _settle(page)
        try:  # the enabled state can land a little after the figure
            page.wait_for_function(f"e => ({USABLE})(e)", arg=handle, timeout=1_500)
            return True
        except Exception:
            continue
    return False


def _toggle_choices(control) -> list:
    """Clicks on each of the explorer's toggle buttons (its modes), to try in turn."""
    toggles = control.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea-output')]").locator(
        ".widget-toggle-buttons button")
    return [lambda i=i: toggles.nth(i).click() for i in range(toggles.count())]


def _measure(page, key_prefix: str, controls: list[dict]) -> dict:
    out = {}
    for c in controls:
        control = page.locator(f"[data-fc-bench='{c['index']}']")
        name = f"{key_prefix} · {c['name'] or c['kind']}"
        while name in out:
            name += "'"
        _settle(page)
        if not _reveal(page, control, c):
            out[name] = {"kind": c["kind"], "figure": c["figure"], "redrawn": "never enabled", "changes": 0}
            continue
        control.scroll_into_view_if_needed()
        page.locator(".js-plotly-plot").nth(c["plots"][0]).scroll_into_view_if_needed()
        times, kinds, misses, step = [], set(), 0, 0
        modes = _toggle_choices(control)  # a control that does nothing in this mode is tried in the others
        while len(times) < CHANGES and (misses < MISSES or (not times and modes)):
            if misses >= MISSES:
                modes.pop()()
                _settle(page)
                misses = 0
            _act(page, control, c["kind"], step)
            step += 1
            try:
                page.wait_for_function(SETTLED, arg=[c["plots"]], timeout=TIMEOUT_MS, polling=10)
            except Exception:
                misses += 1  # the change redrew nothing (a slider at its end turns round; see MISSES)
                page.evaluate("() => { window.__fcBench.armed = false; }")
                if c["kind"] == "slider":
                    step += 5 - step % 5  # turn round
                continue
            redrawn, latency = page.evaluate(LATENCY, [c["plots"]])
            misses = 0
            if step > WARM_UP:
                times.append(latency)
                kinds.add(redrawn)
        if len(times) < CHANGES:
            out[name] = {"kind": c["kind"], "figure": c["figure"], "redrawn": "nothing", "changes": len(times)}
            continue
        out[name] = {"kind": c["kind"], "figure": c["figure"], "redrawn": "figure" if "figure" in kinds else "readout",
                     "changes": len(times),
                     "median_ms": round(statistics.median(times), 1), "p95_ms": round(float(np.percentile(times, 95)), 1)}
        print(f"  {name}: median {out[name]['median_ms']} ms, p95 {out[name]['p95_ms']} ms", flush=True)
    return out


def measure() -> dict:
    # The server works on copies: JupyterLab autosaves a notebook left open for minutes, outputs and all.
    root = Path(tempfile.mkdtemp(prefix="browser-bench-"))
    shutil.copytree(REPO / "lessons", root / "lessons")
    try:
        return _measure_all(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _measure_all(root: Path) -> dict:
    floor_path = floor_notebook(root).relative_to(root).as_posix()
    only = os.environ.get("BENCH_LESSONS", "").split()  # e.g. "02 06": only those lessons (while tuning)
    lessons = [p for p in sorted((root / "lessons").glob("[0-9][0-9]-*.ipynb")) if not only or p.name[:2] in only]
    started = time.perf_counter()
    floors, controls = [], {}
    with jupyterlab(root, TOKEN, "jupyterlab-bench.log") as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for stage in ("before", *lessons, "after"):
            page.goto("about:blank")
            page.evaluate("() => { delete window.__fcBench; }")
            if isinstance(stage, str):
                run_all(page, base, TOKEN, floor_path)
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
                floors.append(next(iter(measure_controls(page, f"floor ({stage})").values())))
            else:
                print(f"{stage.stem}", flush=True)
                run_all(page, base, TOKEN, stage.relative_to(root).as_posix())
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
                controls.update(measure_controls(page, stage.stem))
        browser_version = browser.version
    floor = min(floors, key=lambda f: f.get("median_ms", float("inf")))
    over = {}
    for name, v in controls.items():
        if "median_ms" in v:
            v["median_x_floor"] = round(v["median_ms"] / floor["median_ms"], 2)
            if v["p95_ms"] > BUDGET_P95_MS or v["median_x_floor"] > BUDGET_MEDIAN_X_FLOOR:
                over[name] = v
    return {
        "what": "key press or selection -> explorer figure redrawn (last plotly_afterplot), measured in the page, "
                "headless Chromium on JupyterLab",
        "budget": {"p95_ms": BUDGET_P95_MS, "median_x_floor": BUDGET_MEDIAN_X_FLOOR},
        "floor": floor, "floors": floors, "controls": controls, "over_budget": sorted(over),
        "seconds": round(time.perf_counter() - started, 1), "chromium": browser_version,
        "note": "noisy on a shared machine; compare each control with the floor of the same run",
    }


def write(results: dict, path: Path = REPO / "bench" / "results.json") -> None:
    """Merge into bench/results.json, keeping every other key."""
    existing = json.loads(path.read_text()) if path.exists() else {}
    existing["browser_widgets"] = results
    path.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    results = measure()
    write(results)
    print(json.dumps({k: results[k] for k in ("floor", "over_budget", "seconds")}, indent=2, ensure_ascii=False))
    for name in results["over_budget"]:
        v = results["controls"][name]
        print(f"OVER BUDGET: {name}: median {v['median_ms']} ms ({v['median_x_floor']}x floor), p95 {v['p95_ms']} ms")


if __name__ == "__main__":
    main()
