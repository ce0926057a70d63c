"""Where student code runs: the sandboxed zygote that forks one student process per submission, and the limits.

Where Linux namespaces are available (``unshare``), the zygote (:mod:`.zygote`) and every student
process it forks have no network, their own PID, IPC and mount namespaces (the judge and the grader
are not in them: nothing there can signal, trace or read them), the course folder (gradebook,
sources, hidden tests, other students' work) hidden, and every other file read-only.  Every student
process has a memory limit and a process limit; the judge gives every cell a time limit and every
submission a total time limit.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import channel

REPO = Path(__file__).resolve().parents[2]
SANDBOX = ["unshare", "--user", "--map-root-user", "--net", "--pid", "--ipc", "--fork", "--kill-child",
           "--mount", "--mount-proc"]


@dataclass
class Limits:
    cell_timeout: int = 60  # seconds per cell (as nbgrader's Execute.timeout), the calls its tests make included
    submission_timeout: int = 600  # seconds for a whole notebook
    memory_bytes: int = 3 * 1024**3  # address space per student process


def kept_paths() -> list[str]:
    """What student code needs to see even inside a hidden folder: the course package and its Python."""
    keep = {REPO.resolve(), Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
            Path(os.path.realpath(sys.executable)).parent}
    return sorted(str(k) for k in keep)


def hidden_paths(course_root: Path) -> list[str]:
    """What a submission must not see: the course, and the places where copies of it or other work live.

    Each gets an empty tmpfs; the zygote then puts back, read-only, only the paths of :func:`kept_paths`
    that were inside one (a course cloned into /home/instructor: that folder, not every other home).
    """
    return ["/tmp", "/var/tmp", "/home", "/root", "/srv", "/run", str(Path(course_root).resolve()),
            str(REPO / "assignments")]


def sandbox_available() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run([*SANDBOX, "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def child_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a process we start: the course importable, an inherited PYTHONPATH entry kept
    after it, one BLAS thread (two cores shared by many processes), and the rest passed through."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", **(extra or {})}


def _die_with_parent():
    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


class Zygote:
    """The judge's handle on its zygote: start it, get a socket to a fresh student process, stop it."""

    def __init__(self, hide: list[str], limits: Limits, sandboxed: bool, wait: bool = True):
        ours, theirs = socket.socketpair()
        cmd = [sys.executable, "-m", "facecourse.grading.zygote", str(theirs.fileno())]
        if sandboxed:
            cmd = [*SANDBOX, *cmd]
        # What the student's process inherits: nothing from the grader's environment but what Python needs.
        keep = ("PATH", "LANG", "LC_ALL", "TZ")
        env = {k: v for k, v in child_environment().items() if k in keep or k.startswith(("PYTHON", "FACECOURSE_"))
               or k.endswith("_NUM_THREADS")}
        env.update(FACECOURSE_HIDE=json.dumps(hide), FACECOURSE_KEEP=json.dumps(kept_paths()), HOME="/tmp",
                   MPLBACKEND="agg")

        def limit():  # in the child before exec: inherited by the zygote and every student process
            resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            _die_with_parent()

        self.proc = subprocess.Popen(cmd, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd="/",
                                     preexec_fn=limit, start_new_session=True)
        theirs.close()
        self.control, self.report = ours, None
        if wait:
            self.wait()

    def wait(self):
        """Until the zygote has imported everything and locked itself down (its report says how)."""
        try:
            self.report, _ = channel.receive(self.control, deadline=_after(120))
        except (channel.Closed, channel.TimedOut):
            self.close()
            raise RuntimeError("the sandbox for student code failed to start") from None

    def spawn(self) -> tuple[socket.socket, int]:
        """A socket to a new student process, and its pid (in the sandbox's namespace)."""
        ours, theirs = socket.socketpair()
        try:
            channel.send(self.control, {"op": "spawn"})
            socket.send_fds(self.control, [b"S"], [theirs.fileno()])
            reply, _ = channel.receive(self.control, deadline=_after(30))
        finally:
            theirs.close()
        return ours, reply["pid"]

    def interrupt(self):
        channel.send(self.control, {"op": "interrupt"})
        channel.receive(self.control, deadline=_after(10))

    def end(self):
        """Kill the student process and everything it started."""
        channel.send(self.control, {"op": "end"})
        channel.receive(self.control, deadline=_after(30))

    def close(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
        self.control.close()


def _after(seconds: float) -> float:
    return time.monotonic() + seconds
