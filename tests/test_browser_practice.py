"""The self-study route in a real browser: ps1's practice version in JupyterLab, offline.

The practice version is built into a temporary folder with a copy that has the instructor's
answers filled in.  Run all on the blank notebook: no error, every self-check says "not
attempted".  Run all on the answered copy: every self-check says right.  Screenshots in
screenshots/browser/.
"""

from __future__ import annotations

import nbformat
import pytest
from autograde_submissions import answers
from browser_support import SHOTS, jupyterlab, offline_page, require_chromium, run_all
from conftest import REPO

from facecourse.selfstudy import build as practice_build

require_chromium()
pytestmark = pytest.mark.slow

TOKEN = "course-practice-test"
NAME = "ps1-error-rates"


@pytest.fixture(scope="module")
def practice_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("practice")
    folder = practice_build.build(NAME, out_root=root)
    source = nbformat.read(REPO / "assignments" / "source" / NAME / f"{NAME}.ipynb", 4)
    given = answers(source)
    answered = nbformat.read(folder / f"{NAME}.ipynb", 4)
    for cell in answered.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in given and cell.cell_type == "code":
            cell.source = given[gid]
    nbformat.write(answered, folder / "answered.ipynb")
    return folder


@pytest.fixture(scope="module")
def page(practice_dir):
    with jupyterlab(practice_dir, TOKEN, "jupyterlab-practice.log") as base, offline_page() as pg:
        pg.base = base
        yield pg


CHECK_OUTPUTS = """() => { const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) { const c = cells.get(i);
    const fc = c.getMetadata ? c.getMetadata('facecourse') : null;
    if (fc && fc.practice_cell === 'check') out.push(JSON.stringify(c.toJSON().outputs)); }
  return out; }"""
ERRORS = """() => { const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells; let n = 0;
  for (let i = 0; i < cells.length; i++) { const c = cells.get(i);
    if (c.type === 'code') n += c.toJSON().outputs.filter(o => o.output_type === 'error').length; }
  return n; }"""


def _run(page, notebook: str) -> list[str]:
    run_all(page, page.base, TOKEN, f"{notebook}")
    assert page.evaluate(ERRORS) == 0, f"{notebook}: a cell raised an error"
    checks = page.evaluate(CHECK_OUTPUTS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Show question 1's answer and self-check (the notebook renders only the cells in view).
    page.evaluate("""async () => { const nb = window.jupyterapp.shell.currentWidget.content;
      const i = nb.widgets.findIndex(c => { const m = c.model.getMetadata('facecourse');
        return m && m.practice_cell === 'check'; });
      nb.activeCellIndex = i; await nb.scrollToCell(nb.widgets[i], 'center'); }""")
    page.locator(".jp-OutputArea-output").filter(has_text="q1:").first.wait_for(state="visible", timeout=10_000)
    page.screenshot(path=str(SHOTS / f"practice-{notebook.removesuffix('.ipynb')}.png"))
    assert page.offsite == [], f"tried to reach: {page.offsite}"
    return checks


def test_blank_practice_runs_and_every_check_says_not_attempted(page):
    checks = _run(page, f"{NAME}.ipynb")
    assert len(checks) == 7 and all("not attempted" in c for c in checks), checks


def test_answered_practice_passes_every_check(page):
    checks = _run(page, "answered.ipynb")
    assert len(checks) == 7 and all("right — all" in c for c in checks), checks
