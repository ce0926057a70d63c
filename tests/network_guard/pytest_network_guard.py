"""pytest plugin: a test fails if anything it runs tries to reach another machine.

Loaded for every test in the repository by the top-level ``conftest.py``.  Two guards:

* in the pytest process, ``pytest-socket`` refuses any ``connect`` but to loopback addresses and
  Unix sockets (the error names the host);
* every Python process the tests start -- kernels run by nbval, nbclient, the site build, nbgrader,
  the grading workers, JupyterLab -- inherits a ``PYTHONPATH`` that begins with this folder, so its
  ``sitecustomize`` installs :mod:`network_audit`, which appends each attempt to the log named by
  ``$FACECOURSE_NETWORK_LOG``.  After each test phase the new lines are read, and the first attempt
  fails the test with its address -- even when the code caught the error and went on.

A subprocess started with an environment of its own must pass :func:`guard_environment` on
(the ``network_guard_env`` fixture), or it runs unwatched.  A test marked ``installs_packages``
(creating an environment from the pins, as a student's first ``make lab`` does) lets pip alone reach
the package index.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import network_audit
import pytest

GUARD_DIR = Path(__file__).resolve().parent
LOG_DIR = GUARD_DIR.parents[1] / ".network-attempts"
LOOPBACK = "127.0.0.0/8,::1,localhost"  # what pytest-socket lets the pytest process connect to
_WATCHER = pytest.StashKey["_Watcher"]()


def guard_environment() -> dict[str, str]:
    """The variables a child process needs to be watched: give them to any ``env=`` you build."""
    return {k: os.environ[k] for k in ("PYTHONPATH", network_audit.LOG_VARIABLE) if k in os.environ}


class _Watcher:
    def __init__(self, log: Path):
        self.log, self.offset = log, 0

    def new_attempts(self) -> list[dict]:
        try:
            with open(self.log, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return []
        complete = data[: data.rfind(b"\n") + 1]  # a line still being written is read next time
        self.offset += len(complete)
        return [json.loads(line) for line in complete.decode().splitlines() if line.strip()]


def describe(attempts: list[dict]) -> str:
    first = attempts[0]
    text = (f"tried to reach another machine: {first['address']} ({first['event']} in process {first['pid']}: "
            f"{' '.join(map(str, first['argv']))})")
    others = sorted({a["address"] for a in attempts[1:]} - {first["address"]})
    return text + (f"; also {', '.join(others)}" if others else "")


@pytest.hookimpl(tryfirst=True)  # before pytest-socket reads its options
def pytest_configure(config):
    if getattr(config.option, "allow_hosts", "unset") is None:
        config.option.allow_hosts = LOOPBACK
        config.option.allow_unix_socket = True
    LOG_DIR.mkdir(exist_ok=True)
    log = LOG_DIR / f"attempts-{os.getpid()}.jsonl"
    log.write_bytes(b"")
    os.environ[network_audit.LOG_VARIABLE] = str(log)
    inherited = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(GUARD_DIR)]
    os.environ["PYTHONPATH"] = os.pathsep.join([str(GUARD_DIR), *inherited])
    network_audit.install(log)  # this process too: lookups that pytest-socket does not watch
    config.stash[_WATCHER] = _Watcher(log)


def _by_pip(attempt: dict) -> bool:
    return any(Path(str(part)).parent.name == "pip" or Path(str(part)).name in ("pip", "pip3") for part in attempt["argv"][:2])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    attempts = item.config.stash[_WATCHER].new_attempts()
    if item.get_closest_marker("installs_packages"):
        # Installing the pinned packages is the one step that needs the package index (as `make lab` does on a
        # fresh machine); only pip may reach it, and anything else the test runs is still watched.
        attempts = [a for a in attempts if not _by_pip(a)]
    if attempts:
        report = outcome.get_result()
        message = f"{item.nodeid} {describe(attempts)}"
        if report.failed:
            report.sections.append(("network guard", message))
        else:
            report.outcome, report.longrepr = "failed", message


def pytest_sessionfinish(session):
    watcher = session.config.stash.get(_WATCHER, None)
    if watcher is None:
        return
    late = watcher.new_attempts()
    if late:
        session.config.get_terminal_writer().line(f"network guard: after the last test, something {describe(late)}",
                                                  red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    watcher.log.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def network_guard_env() -> dict[str, str]:
    return guard_environment()
