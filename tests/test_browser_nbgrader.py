"""The nbgrader student view of ps1 in a real browser: JupyterLab with nbgrader's labextension.

ps1 is released in a temporary course (`nbgrader generate_assignment --CourseDirectory.root=...`,
as tests/test_nbgrader_cycle.py does) and put in a student's folder beside a solved copy;
JupyterLab serves that folder.  In each notebook the test presses the nbgrader "Validate" button
in the notebook toolbar and reads the dialog: the blank release must fail, the solved copy pass.
Offline: any request to another machine fails the test.  Screenshots in screenshots/browser/.

Needs Debian's `chromium` (skipped without it locally, a failure in CI=true).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from browser_support import SHOTS, jupyterlab, offline_page, require_chromium
from conftest import REPO
from test_nbgrader_cycle import nbgrader, solution_lines

TOKEN = "course-nbgrader-test"
NAME = "ps1-error-rates"

require_chromium()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(REPO / "assignments" / "source" / NAME, course / "source" / NAME)
    nbgrader(course, "generate_assignment", NAME, "--force")
    home = tmp_path_factory.mktemp("student")
    shutil.copytree(course / "release" / NAME, home / NAME)
    release_path = next((home / NAME).glob("*.ipynb"))
    # A solved copy: every answer cell gets the source's solution, as in the nbgrader cycle test.
    source = nbformat.read(next((course / "source" / NAME).glob("*.ipynb")), 4)
    by_id = {c.metadata["nbgrader"]["grade_id"]: c for c in source.cells if "nbgrader" in c.metadata}
    solved = nbformat.read(release_path, 4)
    for cell in solved.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            cell.source = solution_lines(by_id[meta["grade_id"]].source)
    nbformat.write(solved, home / NAME / "solved.ipynb")
    return home


@pytest.fixture(scope="module")
def lab(student_dir):
    with jupyterlab(student_dir, TOKEN, "jupyterlab-nbgrader.log") as base:
        yield base


@pytest.fixture(scope="module")
def page(lab):
    with offline_page() as pg:
        yield pg


def validate(page, lab, notebook: str) -> tuple[str, str]:
    """Open the notebook, press nbgrader's Validate button; return the dialog's (class, text)."""
    page.goto(f"{lab}/lab/tree/{NAME}/{notebook}?reset&token={TOKEN}")
    button = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .validate-button").first
    button.wait_for(state="visible", timeout=90_000)
    # Keyboard, as a student using only the keyboard would: focus the toolbar button, press Enter.
    target = button.locator("button") if button.locator("button").count() else button
    target.focus()
    page.keyboard.press("Enter")
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(state="visible", timeout=180_000)
    page.wait_for_function("""() => { const d = document.querySelector('.jp-Dialog');
      return d && /Validation Results/.test(d.textContent)
        && d.querySelector('.validation-success, .validation-failed, .validation-error, .validation-changed'); }""",
                           timeout=180_000)
    body = dialog.locator(".validation-success, .validation-failed, .validation-error, .validation-changed").first
    kind = body.get_attribute("class") or ""
    text = dialog.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"nbgrader-validate-{Path(notebook).stem}.png"))
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=10_000)
    return kind, text


def test_validate_button_reports_the_blank_release_fails(page, lab, student_dir):
    release = next((student_dir / NAME).glob(f"{NAME}*.ipynb")).name
    kind, text = validate(page, lab, release)
    assert "validation-failed" in kind, f"blank ps1 did not fail validation: {kind}\n{text[:1500]}"
    assert "Success!" not in text
    assert page.offsite == [], f"tried to reach: {page.offsite}"


def test_validate_button_reports_a_solved_notebook_passes(page, lab):
    kind, text = validate(page, lab, "solved.ipynb")
    assert "validation-success" in kind, f"solved ps1 did not pass validation: {kind}\n{text[:1500]}"
    assert "passes all the tests" in text
    assert page.offsite == [], f"tried to reach: {page.offsite}"
