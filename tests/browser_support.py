"""What the browser tests share: Debian's Chromium, a JupyterLab on a free loopback port, and a
page that fails any request leaving this machine.

Without `chromium` the browser tests are skipped on a developer's machine and fail in CI
(CI=true), so a missing browser cannot pass unnoticed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = REPO / "screenshots" / "browser"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"  # pinned in package.json; `make test` runs npm ci

KERNEL_IDLE = """() => { const a = window.jupyterapp; if (!a) return false; const w = a.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle'; }"""
# Done when the kernel is idle and every code cell of the notebook's model has an execution count
# (the model, not the DOM: JupyterLab does not render cells scrolled out of view).
ALL_RUN = """() => { const w = window.jupyterapp.shell.currentWidget; const k = w.sessionContext.session.kernel;
  const cells = w.content.model.cells; let code = 0;
  for (let i = 0; i < cells.length; i++) { const c = cells.get(i);
    if (c.type === 'code') { code++; if (c.executionCount === null || c.executionCount === undefined) return false; } }
  return k.status === 'idle' && code > 0; }"""


def require_chromium() -> None:
    """Call at module level in every browser test module."""
    if CHROMIUM:
        return
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium for the browser tests (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI runs these tests",
                allow_module_level=True)


@contextlib.contextmanager
def jupyterlab(root_dir: Path, token: str, log_name: str, extra_args: tuple[str, ...] = ()):
    """JupyterLab serving `root_dir` on a free loopback port; yields its base URL; stopped afterwards.
    `extra_args` are more command-line settings (e.g. another app settings folder)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    (REPO / "screenshots").mkdir(exist_ok=True)
    log_path = REPO / "screenshots" / log_name
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(bin_dir / "jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}",
             "--LabApp.expose_app_in_browser=True", *extra_args],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root_dir)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:  # poll the server's status until it answers (or gives up)
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError(f"JupyterLab did not start; see {log_path}") from None
                    time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def chromium(*extra_args: str):
    """Debian's Chromium, headless, with its own background traffic (updates, sync) switched off."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", *extra_args])
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def offline_page(width: int = 1400, height: int = 1000):
    """A Chromium page whose requests to any other machine are blocked and listed in `page.offsite`."""
    with chromium() as browser:
        pg = browser.new_page(viewport={"width": width, "height": height})
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


def run_all(page, base: str, token: str, path: str) -> None:
    """Open a notebook (path relative to the server root) and run all its cells; wait until done."""
    page.goto(f"{base}/lab/tree/{path}?reset&token={token}")
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(ALL_RUN, timeout=120_000, polling=500)
