"""The judge: grades one notebook, running the release's cells itself and never a line of the student's.

Each code cell has one of three roles, decided from the gradebook (:func:`roles`):

* the student's cells (answers, extra cells, anything not in the gradebook as a locked cell) run in
  the student's process (:class:`.remote.Student`), and their outputs become the cell's outputs;
* the release's setup cells (locked, no points) run in both: the student's code needs their names,
  and so do the tests;
* test cells run here only, in a namespace (:class:`Namespace`) where the release's names are the
  judge's own, builtins are Python's own, and every other name is the student's: a value fetched as
  data, or, for a function, a proxy that runs it in the student's process.  What the test prints,
  its error and its result become the cell's outputs, which nbgrader scores as usual.

Every cell has ``cell_timeout`` seconds, a test's calls to the student included; the notebook has
``submission_timeout``.  Hidden tests, expected values and the verdict stay in this process.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import linecache
import signal
import sys
import time
import traceback

import nbformat

from .capture import Outputs, Stream
from .codec import UnacceptedValue
from .remote import Student, TimeLimit


def trusted_cells(gradebook_notebook) -> dict[str, dict]:
    """The gradebook's locked code cells of one notebook (an nbgrader ``Notebook``): what the judge runs itself."""
    tests = {c.name for c in gradebook_notebook.grade_cells}
    return {c.name: {"source": c.source, "test": c.name in tests}
            for c in gradebook_notebook.source_cells if c.locked and c.cell_type == "code"}


def roles(nb, trusted: dict[str, dict]) -> list[str | None]:
    """Per cell: "test", "setup", "student", or None (not code).  ``trusted``: the gradebook's locked
    cells by grade id, ``{"source": ..., "test": bool}``; a cell is the release's only if its source is."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            out.append(None)
            continue
        known = trusted.get(cell.metadata.get("nbgrader", {}).get("grade_id"))
        out.append(("test" if known["test"] else "setup") if known and known["source"] == cell.source else "student")
    return out


def _display(*objs, **kwargs):
    """``display`` for release cells run by the judge: shown as text in the cell's outputs."""
    for obj in objs:
        _capturing[0].display({"text/plain": repr(obj)})


BUILTINS = {**vars(builtins), "display": _display}
_capturing = [Outputs()]


class Namespace(dict):
    """A test's globals: what trusted cells bound, then Python's builtins, then the student's names."""

    def __init__(self, student: Student):
        super().__init__(__builtins__=BUILTINS, __name__="__main__")
        self.student = student

    def __missing__(self, name):
        if name in BUILTINS:
            return BUILTINS[name]
        if name.startswith("__") and name.endswith("__"):
            raise KeyError(name)
        return self.student.value(name)

    def __contains__(self, name) -> bool:
        if dict.__contains__(self, name):
            return True
        if not isinstance(name, str) or name in BUILTINS or name.startswith("__"):
            return False
        try:
            self.student.value(name)
        except KeyError:
            return False
        except UnacceptedValue:
            pass
        return True

    def get(self, name, default=None):
        try:
            return self[name]
        except KeyError:
            return default


class _Alarm:
    """Raises TimeLimit in the judge's own code at the cell's deadline (waits on the student check it themselves)."""

    def __init__(self):
        self.deadline = None
        signal.signal(signal.SIGALRM, self._fire)

    def _fire(self, *_):
        if self.deadline is None:
            return
        if Student.waiting:  # the wait has the same deadline; check again just after it
            signal.setitimer(signal.ITIMER_REAL, 0.05)
            return
        raise TimeLimit("this cell ran over its time limit")

    @contextlib.contextmanager
    def until(self, deadline: float):
        self.deadline = deadline
        signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 0.001))
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.deadline = None


def judge_notebook(nb, trusted: dict[str, dict], student: Student, cell_timeout: float,
                   submission_timeout: float) -> list[str]:
    """Run ``nb`` (in place: each code cell gets its outputs); returns notes for the instructor."""
    notes, alarm, ns = [], _Alarm(), Namespace(student)
    end = time.monotonic() + submission_timeout
    results = 0
    for index, (cell, role) in enumerate(zip(nb.cells, roles(nb, trusted))):
        if role is None:
            continue
        label = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
        if time.monotonic() > end:
            cell.outputs = nbformat.from_dict(_not_run(role, f"the submission ran over its total time limit ({submission_timeout:.0f} s)"))
            notes.append(f"ran over the time limit for a whole submission ({submission_timeout:.0f} s)")
            continue
        deadline = min(time.monotonic() + cell_timeout, end)
        if role == "test":
            results += 1
            student.deadline = deadline
            cell.outputs = nbformat.from_dict(run_trusted(cell.source, ns, alarm, deadline, label, results))
            continue
        if role == "setup":
            student.deadline = deadline
            failed = [o for o in run_trusted(cell.source, ns, alarm, deadline, label) if o["output_type"] == "error"]
            if failed:
                notes.append(f"the release's cell {label} failed in the judge ({failed[0]['ename']}: {failed[0]['evalue']})")
            deadline = min(time.monotonic() + cell_timeout, end)
        outputs, note = student.run(cell.source, deadline, label)
        cell.outputs = nbformat.from_dict(Outputs.checked(outputs))
        notes += [note] if note else []
    return notes


def _not_run(role: str, why: str) -> list[dict]:
    out = Outputs()
    if role == "test":
        out.error("NotRun", f"not run: {why}", [f"NotRun: not run: {why}"])
    return out.items


def run_trusted(source: str, ns: Namespace, alarm: _Alarm, deadline: float, label: str, count: int = 0) -> list[dict]:
    """Run a release cell here; its prints, last value and error become its outputs."""
    outputs = Outputs()
    filename = f"<{label}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    _capturing[0] = outputs
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Stream(outputs, "stdout"), Stream(outputs, "stderr")
    try:
        with alarm.until(deadline):
            tree = ast.parse(source, filename)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, filename, "exec"), ns)
            if last is not None and not source.rstrip().endswith(";"):
                value = eval(compile(ast.Expression(last.value), filename, "eval"), ns)
                if value is not None:
                    outputs.display({"text/plain": repr(value)}, result_count=count)
    except BaseException as exc:  # noqa: BLE001 - a failed test is an error output, whatever it raised
        outputs.error(type(exc).__name__, str(exc), _traceback(exc))
    finally:
        sys.stdout, sys.stderr = old
        linecache.cache.pop(filename, None)
    return outputs.items


def _traceback(exc: BaseException) -> list[str]:
    """The test's own frames (not the judge's), then the student's traceback if the student's code raised."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.startswith(_HERE)]
    lines = traceback.format_list(frames) + traceback.format_exception_only(type(exc), exc)
    student = getattr(exc, "student_traceback", None)
    if student:
        lines += ["\nIn the student's process:\n", *student]
    return ["Traceback (most recent call last):\n", *lines]


_HERE = __file__.rsplit("/", 1)[0]
