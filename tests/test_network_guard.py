"""The network guard itself (tests/network_guard/): an attempt to reach another machine is caught in
every kind of process the tests start, even when the code swallows the error and goes on.

Each attempt here is made inside a fresh network namespace (or the grading sandbox, which has one),
so nothing ever leaves this machine: the connect fails at once with "network unreachable", and the
audit hook has already recorded it.  192.0.2.1 is TEST-NET-1, an address reserved for documentation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat
import network_audit
import pytest
import pytest_network_guard
from conftest import REPO
from test_site import NETNS, netns_available

from facecourse.grading.sandbox import Limits, sandbox_available
from facecourse.grading.worker import JudgeWorker

OUTSIDE = "192.0.2.1"
# What a careless lesson helper might do: try to phone home, and carry on quietly when it cannot.
SWALLOWED = f"""import socket
try:
    socket.create_connection(({OUTSIDE!r}, 80), timeout=2).close()
except OSError:
    pass
print("the lesson goes on")"""
# Bring the namespace's loopback up (TCP kernels need it), then run the command: no `ip` tool needed.
LOOPBACK_UP = """import fcntl, os, socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
flags = struct.unpack("16sH", fcntl.ioctl(s, 0x8913, struct.pack("16sH", b"lo", 0))[:18])[1]
fcntl.ioctl(s, 0x8914, struct.pack("16sH", b"lo", flags | 1))
os.execv(sys.argv[1], sys.argv[1:])"""

needs_netns = pytest.mark.skipif(not netns_available() and not os.environ.get("CI"),
                                 reason="no network namespaces here (unshare); CI runs these tests")


def _notebook(path, *sources):
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources]), path)
    return path


def _recorded(log):
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


@pytest.mark.parametrize("host, local", [
    ("127.0.0.1", True), ("127.3.4.5", True), ("localhost", True), ("LOCALHOST", True), ("::1", True),
    ("[::1]", True), ("::ffff:127.0.0.1", True), (None, True), ("", True), (b"localhost", True),
    ("0.0.0.0", True), ("jupyter.localhost", True),
    ("192.0.2.1", False), ("pypi.org", False), ("10.0.0.1", False), ("::ffff:8.8.8.8", False),
    ("127.example.com", False), ("1.1.1.1", False), ("fe80::1%eth0", False),
])
def test_only_this_machines_loopback_counts_as_local(host, local):
    assert network_audit.is_local(host) is local


def test_which_socket_events_are_attempts_at_another_machine():
    import socket

    inet, unix = socket.socket(socket.AF_INET), socket.socket(socket.AF_UNIX)
    try:
        assert network_audit.outside_address("socket.connect", (inet, (OUTSIDE, 80))) == f"{OUTSIDE}:80"
        assert network_audit.outside_address("socket.connect", (inet, ("127.0.0.1", 80))) is None
        assert network_audit.outside_address("socket.connect", (unix, "/run/kernel.sock")) is None
        assert network_audit.outside_address("socket.sendto", (inet, ("8.8.8.8", 53))) == "8.8.8.8:53"
        assert network_audit.outside_address("socket.sendmsg", (inet, None)) is None
    finally:
        inet.close()
        unix.close()
    assert network_audit.outside_address("socket.getaddrinfo", ("pypi.org", 443, 0, 0, 0)) == "pypi.org:443"
    assert network_audit.outside_address("socket.getaddrinfo", ("pypi.org", None, 0, 0, 0)) == "pypi.org"
    assert network_audit.outside_address("socket.getaddrinfo", ("localhost", 8888, 0, 0, 0)) is None
    assert network_audit.outside_address("socket.gethostbyname", ("example.org",)) == "example.org"
    assert network_audit.outside_address("socket.getnameinfo", ((OUTSIDE, 80), 0)) == OUTSIDE
    assert network_audit.outside_address("socket.bind", (None, ("0.0.0.0", 80))) is None
    assert network_audit.outside_address("open", ("/etc/hosts",)) is None


def test_the_report_names_the_first_address_and_the_process():
    attempts = [{"event": "socket.getaddrinfo", "address": "pypi.org:443", "pid": 7, "argv": ["-m", "ipykernel"]},
                {"event": "socket.connect", "address": "1.1.1.1:443", "pid": 7, "argv": ["-m", "ipykernel"]}]
    assert pytest_network_guard.describe(attempts) == (
        "tried to reach another machine: pypi.org:443 (socket.getaddrinfo in process 7: -m ipykernel); also 1.1.1.1:443")


def test_processes_the_tests_start_carry_the_guard():
    env = pytest_network_guard.guard_environment()
    assert env["PYTHONPATH"].split(os.pathsep)[0] == str(pytest_network_guard.GUARD_DIR)
    assert env[network_audit.LOG_VARIABLE].startswith(str(pytest_network_guard.LOG_DIR))
    code = "import network_audit; print(network_audit._log_path)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[0] == env[network_audit.LOG_VARIABLE]


@needs_netns
def test_a_kernel_that_only_tries_to_connect_is_recorded(tmp_path):
    """nbclient, as the site build and test_offline run the lessons (Unix-socket kernel, no network at all)."""
    nb = _notebook(tmp_path / "lesson.ipynb", SWALLOWED)
    log = tmp_path / "attempts.jsonl"
    code = ("import json, sys; from facecourse.publish.site import execute, error_outputs; "
            f"nb = execute({str(nb)!r}, transport='ipc'); print(json.dumps(error_outputs(nb)))")
    result = subprocess.run([*NETNS, sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                            timeout=300, env={**os.environ, network_audit.LOG_VARIABLE: str(log)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [], "the lesson itself ran without an error"
    connects = [a for a in _recorded(log) if a["event"] == "socket.connect"]
    assert [a["address"] for a in connects] == [f"{OUTSIDE}:80"]
    assert "ipykernel_launcher" in " ".join(connects[0]["argv"])


@needs_netns
def test_nbval_fails_a_lesson_that_only_tries_to_connect(tmp_path):
    """The planted bug of issue 19: the lesson runs clean, nbval alone would pass it; the guard fails it."""
    _notebook(tmp_path / "lesson.ipynb", "import facecourse as fc", SWALLOWED)
    pytest_cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "pytest_network_guard",
                  "--nbval-lax", "-q", "lesson.ipynb"]
    result = subprocess.run([*NETNS, sys.executable, "-c", LOOPBACK_UP, *pytest_cmd], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"tried to reach another machine: {OUTSIDE}:80" in result.stdout
    assert "1 failed, 1 passed" in result.stdout, result.stdout[-2000:]


@pytest.mark.skipif(not sandbox_available() and not os.environ.get("CI"), reason="no grading sandbox (unshare) here")
def test_a_submission_that_tries_to_connect_cannot_leave_the_grading_sandbox():
    """The student's process has no network at all (and read-only files, so it cannot write the guard's log):
    the attempt fails inside the sandbox, the submission is still graded, and the judge reaches nobody."""
    tries = f"""import socket
try:
    socket.create_connection(({OUTSIDE!r}, 80), timeout=2).close()
    print("connected")
except OSError as exc:
    print("blocked:", exc.__class__.__name__)"""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(tries)])
    worker = JudgeWorker([], Limits(cell_timeout=30, submission_timeout=120), sandboxed=True)
    try:
        result = worker.run({"student": "careless", "notebook": nbformat.writes(nb), "files": {}, "cell_timeout": 30,
                             "submission_timeout": 120})
    finally:
        worker.kill()
    assert isinstance(result, dict) and result["status"] == "ok", result
    printed = "".join(o.get("text", "") for o in nbformat.reads(result["notebook"], 4).cells[0].outputs)
    assert printed.startswith("blocked:") and "connected" not in printed, printed
