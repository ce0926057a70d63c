"""A judge process: grades one notebook per job, each with a student process forked from its zygote.

    JudgeWorker(hide, limits, sandboxed).run(job) -> result      (the grader's side)
    python -m facecourse.grading.worker '<config>'               (the process; started by JudgeWorker)

A job (one JSON line on stdin): the rebuilt or sanitized notebook, the gradebook's locked cells by
grade id (``{"source", "test"}``: what the judge may run as the release's), the release's data files,
and the limits.  The result (one line on stdout): the notebook with every code cell's outputs --
the student's for the student's cells, the judge's verdicts for the tests -- and notes.  This process
runs trusted code only; student code runs in the zygote's sandbox (:mod:`.sandbox`).
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import sys
import threading
import time

from .sandbox import Limits, Zygote, _die_with_parent, child_environment


class JudgeWorker:
    """One long-lived judge process (and its zygote); replaced when it dies or runs over."""

    def __init__(self, hide: list[str], limits: Limits, sandboxed: bool):
        self.limits = limits
        config = {"hide": hide, "sandboxed": sandboxed, "memory_bytes": limits.memory_bytes}
        self.proc = subprocess.Popen([sys.executable, "-m", "facecourse.grading.worker", json.dumps(config)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     env=child_environment(), text=True, cwd="/", start_new_session=True,
                                     preexec_fn=_die_with_parent)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        hello = self._next(180)
        if not isinstance(hello, dict) or not hello.get("ready"):
            self.kill()
            raise RuntimeError(f"a grading worker failed to start ({hello})")
        self.sandbox = hello.get("sandbox", {})

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
        """The result, or "timeout" / None (the judge process died)."""
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return None
        return self._next(self.limits.submission_timeout + 60)  # the judge enforces the limit; this is a backstop

    def kill(self):
        try:
            os.killpg(self.proc.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()


def grade(job: dict, zygote: Zygote) -> dict:
    """One job: the notebook judged, cell by cell."""
    import nbformat

    from .judge import judge_notebook
    from .remote import Student

    start = time.perf_counter()
    nb = nbformat.reads(job["notebook"], as_version=4)
    files = {name: base64.b64decode(data) for name, data in job.get("files", {}).items()}
    student = Student(zygote, files)
    try:
        notes = judge_notebook(nb, job.get("trusted", {}), student, job["cell_timeout"], job["submission_timeout"])
    finally:
        student.close()
    return {"student": job["student"], "status": "ok", "notes": sorted(set(notes + student.notes)),
            "notebook": nbformat.writes(nb), "seconds": round(time.perf_counter() - start, 3)}


def main() -> None:
    config = json.loads(sys.argv[1])
    limits = Limits(memory_bytes=config["memory_bytes"])
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but results on the result pipe
    zygote = Zygote(config["hide"], limits, config["sandboxed"], wait=False)  # it imports while we do
    import nbformat  # noqa: F401 - the judge's own imports, before any job
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    import facecourse  # noqa: F401
    from facecourse.grading import figure_checks  # noqa: F401

    zygote.wait()
    out.write(json.dumps({"ready": True, "sandbox": zygote.report}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        if zygote.proc.poll() is not None:  # it never should; if it did, a fresh one
            zygote = Zygote(config["hide"], limits, config["sandboxed"])
        try:
            result = grade(job, zygote)
        except Exception as exc:  # report, never crash the worker
            result = {"student": job.get("student"), "status": "error", "notebook": "",
                      "notes": [f"grading stopped early ({exc.__class__.__name__}: {exc})"]}
        out.write(json.dumps(result) + "\n")
        out.flush()
    zygote.close()


if __name__ == "__main__":
    main()
