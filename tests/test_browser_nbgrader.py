"""The nbgrader student view of ps1 in a real browser: JupyterLab with nbgrader's labextension.

ps1 is released in a temporary course (`nbgrader generate_assignment --CourseDirectory.root=...`,
as tests/test_nbgrader_cycle.py does) and put in a student's folder beside a solved copy;
JupyterLab serves that folder.  In each notebook the test presses the nbgrader "Validate" button
in the notebook toolbar and reads the dialog: the blank release must fail, the solved copy pass.
Offline: any request to another machine fails the test.  Screenshots in screenshots/browser/.

Needs Debian's `chromium` (skipped without it locally, a failure in CI=true).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import REPO
from test_nbgrader_cycle import nbgrader, solution_lines

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = REPO / "screenshots" / "browser"
TOKEN = "course-nbgrader-test"
NAME = "ps1-error-rates"

if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium for the browser tests (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI runs these tests",
                allow_module_level=True)

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
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    (REPO / "screenshots").mkdir(exist_ok=True)
    log = open(REPO / "screenshots" / "jupyterlab-nbgrader.log", "w")
    proc = subprocess.Popen(
        [str(bin_dir / "jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={student_dir}",
         "--LabApp.expose_app_in_browser=True"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=student_dir)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("JupyterLab did not start; see screenshots/jupyterlab-nbgrader.log")
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
