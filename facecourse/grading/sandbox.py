"""Step 2 (untrusted code, sandboxed): the long-lived workers that execute submissions, and their limits.

Where Linux namespaces are available (``unshare``), each worker (:mod:`.worker`) has no network,
its own PID namespace (it is PID 1, which the processes inside cannot kill) and a mount namespace
in which the course folder (gradebook, sources, hidden tests, other students' work) is hidden.
Every worker has a memory limit; every cell a time limit; every submission a total time limit.
"""

from __future__ import annotations

import json
import os
import queue
import resource
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SANDBOX = ["unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--mount", "--mount-proc"]


@dataclass
class Limits:
    cell_timeout: int = 60  # seconds per cell (as nbgrader's Execute.timeout)
    submission_timeout: int = 600  # seconds for a whole notebook
    memory_bytes: int = 3 * 1024**3  # address space per worker and its kernel


def hidden_paths(course_root: Path) -> list[str]:
    """What a submission must not see: the course, and the places where copies of it or other work live.

    /tmp gets a fresh empty tmpfs (the kernel's scratch directory is made in it afterwards), unless the
    course package or its Python live there, in which case only the course folders are hidden.
    """
    keep = [REPO.resolve(), Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
            Path(os.path.realpath(sys.executable)).parent]
    paths = []
    for p in ("/tmp", "/var/tmp", "/home", "/root", "/srv"):
        if not any(k == Path(p) or Path(p) in k.parents for k in keep):
            paths.append(p)
    return paths + [str(Path(course_root).resolve()), str(REPO / "assignments")]


def sandbox_available() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run([*SANDBOX, "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


class Worker:
    """One long-lived sandboxed executor; replaced when it dies or runs over."""

    def __init__(self, hide: list[str], limits: Limits, sandboxed: bool):
        self.limits = limits
        cmd = [sys.executable, "-m", "facecourse.grading.worker"]
        if sandboxed:
            cmd = [*SANDBOX, *cmd]
        env = {**os.environ, "FACECOURSE_HIDE": json.dumps(hide),
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}

        def limit():  # runs in the child before exec: inherited by the worker and its kernels
            resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env, text=True, cwd="/",
                                     preexec_fn=limit, start_new_session=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        hello = self._next(120)
        if not hello or not hello.get("ready"):
            self.kill()
            raise RuntimeError("a grading worker failed to start")
        self.hidden = hello.get("hidden", [])

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _next(self, timeout: float):
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return "timeout"
        if line is None:
            return None
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            return None

    def run(self, job: dict) -> dict | str | None:
        """The result, or "timeout" / None (worker died)."""
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return None
        return self._next(self.limits.submission_timeout + 60)  # the worker enforces the limit; this is a backstop

    def kill(self):
        try:
            os.killpg(self.proc.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
