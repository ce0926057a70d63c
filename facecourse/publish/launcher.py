"""The course's two commands on any system, with or without ``make``: ``python -m facecourse lab`` and
``python -m facecourse test`` (``make lab`` and ``make test`` call them; ``docs/setup.md`` is for students).

Each step runs only when its inputs changed, as make would: the environment (``.venv``, from the pins in
``requirements.txt``, then the lab set-up), the practice versions of the assignments (for ``lab``) and
the Node tools the browser tests use (for ``test``).  Standard library only: this runs on the bare
Python that will create the environment, on Windows (``.venv\\Scripts\\python.exe``), macOS and Linux.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parents[2]
MIN_PYTHON = (3, 11)
FIRST_LESSON = "lessons/00-start-here.ipynb"


class LaunchError(Exception):
    """A step failed or cannot start; the message says what to do."""


@dataclass(frozen=True)
class Venv:
    """Where a virtual environment keeps its programs: ``Scripts\\`` on Windows, ``bin/`` elsewhere."""

    path: PurePath
    windows: bool = os.name == "nt"

    @property
    def scripts(self) -> PurePath:
        return self.path / ("Scripts" if self.windows else "bin")

    @property
    def python(self) -> PurePath:
        return self.scripts / ("python.exe" if self.windows else "python")

    @property
    def stamp(self) -> PurePath:
        return self.path / ".installed"

    def environ(self, base: dict[str, str]) -> dict[str, str]:
        """``base`` with the environment's programs first on PATH: nbgrader runs ``alembic`` by name and
        Jupyter finds its kernels through PATH."""
        sep = ";" if self.windows else ":"
        path = base.get("PATH", "")
        return {**base, "PATH": f"{self.scripts}{sep}{path}" if path else str(self.scripts),
                "VIRTUAL_ENV": str(self.path)}


def check_python(version: tuple[int, ...] = tuple(sys.version_info)) -> None:
    if tuple(version[:2]) < MIN_PYTHON:
        raise LaunchError(f"Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer is needed; this is "
                          f"{version[0]}.{version[1]}. Install it (docs/setup.md) and run the command with it, "
                          f"e.g. `py -3.11 -m facecourse lab` on Windows or `python3.11 -m facecourse lab`.")


def out_of_date(stamp: Path, inputs: list[Path]) -> bool:
    """True if ``stamp`` is missing or older than any of ``inputs``."""
    if not stamp.exists():
        return True
    made = stamp.stat().st_mtime
    return any(p.stat().st_mtime > made for p in inputs if p.exists())


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def venv_steps(venv: Venv, root: Path, python: str) -> list[list[str]]:
    """The commands that create (if needed) and refresh the environment, in order."""
    pip = [str(venv.python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    steps = [] if Path(venv.python).exists() else [[python, "-m", "venv", str(venv.path)]]
    return steps + [
        [*pip, "-r", str(root / "requirements.txt")],
        [*pip, "--no-deps", "--no-build-isolation", "-e", str(root)],
        [str(venv.python), "-m", "facecourse.publish.labsetup"],
    ]


def lab_command(venv: Venv, root: Path, port: int, as_root: bool) -> list[str]:
    """JupyterLab on lesson 00, serving the course folder on this machine only."""
    return [str(venv.python), "-m", "jupyterlab", FIRST_LESSON, f"--ServerApp.root_dir={root}",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", *(["--allow-root"] if as_root else [])]


def test_command(venv: Venv, pytest_args: list[str]) -> list[str]:
    return [str(venv.python), "-m", "pytest", *pytest_args]


class Launcher:
    def __init__(self, root: Path = ROOT, venv: Path | None = None, python: str = sys.executable):
        self.root = Path(root)
        self.venv = Venv(Path(venv) if venv else self.root / ".venv")
        self.python = python

    def run(self, cmd: list[str]) -> None:
        print("+ " + " ".join(cmd), flush=True)
        code = subprocess.call(cmd, cwd=self.root, env=self.venv.environ(dict(os.environ)))
        if code != 0:
            raise LaunchError(f"this step failed (exit code {code}); the usual causes and fixes are in docs/setup.md")

    def ensure_venv(self) -> None:
        inputs = [self.root / p for p in ("requirements.txt", "pyproject.toml", "facecourse/publish/labsetup.py")]
        if Path(self.venv.python).exists() and not out_of_date(Path(self.venv.stamp), inputs):
            return
        check_python()
        print(f"Setting up {self.venv.path} from requirements.txt (the first time takes a few minutes)")
        for step in venv_steps(self.venv, self.root, self.python):
            self.run(step)
        Path(self.venv.stamp).touch()

    def ensure_practice(self) -> None:
        stamp = self.root / "assignments" / "practice" / ".built"
        inputs = [Path(self.venv.stamp), *self.root.glob("assignments/source/*/*.ipynb"),
                  *self.root.glob("facecourse/selfstudy/*.py")]
        if out_of_date(stamp, inputs):
            self.run([str(self.venv.python), "-m", "facecourse.selfstudy.build"])
            stamp.touch()

    def ensure_node_tools(self) -> None:
        stamp = self.root / "node_modules" / ".installed"
        if not out_of_date(stamp, [self.root / "package.json", self.root / "package-lock.json"]):
            return
        npm = shutil.which("npm")
        if npm is None:
            raise LaunchError("npm (Node.js) is needed for the browser and hub tests: install Node.js "
                              "(docs/setup.md), then run the command again")
        self.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
        stamp.touch()

    def lab(self, port: int) -> int:
        self.ensure_venv()
        self.ensure_practice()
        print(f"Starting JupyterLab on {FIRST_LESSON}; open the http://127.0.0.1:{port}/lab?token=... "
              "address printed below (Ctrl+C stops it).", flush=True)
        try:
            return subprocess.call(lab_command(self.venv, self.root, port, is_root()), cwd=self.root,
                                   env=self.venv.environ(dict(os.environ)))
        except KeyboardInterrupt:
            return 0

    def test(self, pytest_args: list[str]) -> int:
        self.ensure_venv()
        self.ensure_node_tools()
        return subprocess.call(test_command(self.venv, pytest_args), cwd=self.root,
                               env=self.venv.environ(dict(os.environ)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m facecourse", description="Run the course: JupyterLab on lesson 00, or the tests.")
    parser.add_argument("--venv", help="where the course's environment lives (default: .venv in the course folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{lab,test,venv,practice,node}")
    lab = commands.add_parser("lab", help="set up if needed, build the practice versions, open JupyterLab")
    lab.add_argument("--port", type=int, default=8888, help="the port JupyterLab listens on (default 8888)")
    commands.add_parser("test", help="set up if needed, then run pytest; other arguments go to pytest",
                        add_help=False)
    commands.add_parser("venv", help="only create or refresh the environment")
    commands.add_parser("practice", help="only build the practice versions of the assignments")
    commands.add_parser("node", help="only install the Node tools the browser and hub tests use (npm ci)")
    args, rest = parser.parse_known_args(argv)
    if rest and args.command != "test":
        parser.error(f"unrecognised arguments: {' '.join(rest)}")
    launcher = Launcher(venv=Path(args.venv).resolve() if args.venv else None)
    try:
        if args.command == "lab":
            return launcher.lab(args.port)
        if args.command == "test":
            return launcher.test(rest[1:] if rest[:1] == ["--"] else rest)
        if args.command == "node":
            launcher.ensure_node_tools()
            return 0
        launcher.ensure_venv()
        if args.command == "practice":
            launcher.ensure_practice()
        return 0
    except LaunchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
