"""The pinned environment: pip pins and environment.yml agree; the tools the course needs are pinned."""

import re
import sys

from conftest import REPO


def _pins(lines):
    pins = {}
    for line in lines:
        line = line.strip().lstrip("- ").strip()
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s#]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def _requirements():
    return _pins((REPO / "requirements.txt").read_text().splitlines())


def _environment_yml_pip():
    text = (REPO / "environment.yml").read_text()
    pip_block = text.split("- pip:", 1)[1]
    return _pins(pip_block.splitlines())


def test_environment_yml_and_requirements_pin_the_same_versions():
    req, env = _requirements(), _environment_yml_pip()
    assert req, "requirements.txt has no pins"
    drift = {k: (req.get(k), env.get(k)) for k in set(req) | set(env) if req.get(k) != env.get(k)}
    assert not drift, f"requirements.txt and environment.yml disagree (requirements, environment.yml): {drift}"


def test_environment_yml_uses_the_same_python():
    assert re.search(r"^\s*-\s*python=3\.11\s*$", (REPO / "environment.yml").read_text(), re.M)


def test_the_design_card_packages_are_pinned():
    req = _requirements()
    for pkg in ("jupyterlab", "nbgrader", "ipywidgets", "plotly", "pandas", "nbval", "anywidget", "pytest"):
        assert pkg in req, f"{pkg} is not pinned in requirements.txt"


def test_the_running_environment_is_the_pinned_one():
    from importlib.metadata import version
    req = _requirements()
    for pkg in ("jupyterlab", "nbgrader", "ipywidgets", "plotly", "pandas", "nbval", "numpy"):
        assert version(pkg) == req[pkg], f"{pkg} {version(pkg)} installed but {req[pkg]} pinned: run make"
    assert sys.version_info >= (3, 11)
