"""Step 3 (trusted, in the grader): score each executed notebook into the gradebook and write its feedback.

One writer, no locked or lost writes: a single thread runs nbgrader's own preprocessors
(``SaveAutoGrades`` ..., execution switched off) while the workers go on executing others.  The
feedback (the course's configuration: hidden tests removed), which only reads the gradebook and is
most of the recording's time, is written by a pool of processes, one per worker; a student counts as
recorded (``recorded.json``) only once both are done.  (A script that runs a ClassGrader needs the
usual ``if __name__ == "__main__":`` guard: the pool starts fresh Python processes.)
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    student: str
    status: str = "pending"  # graded | failed | skipped (already recorded)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    score: float | None = None
    max_score: float | None = None


class Recorder:
    """The one writer of the gradebook: scores each executed notebook with nbgrader (execution switched
    off) and writes its feedback, while the workers go on executing others."""

    def __init__(self, grader, outcomes: dict[str, Outcome]):  # grader: the ClassGrader whose run this records
        self.grader, self.outcomes = grader, outcomes
        self.todo: queue.Queue = queue.Queue()
        self.config = _course_config(grader.root)
        self.nbgrader = None  # (course directory, converters), made in the recorder's thread
        self.feedback = None  # the pool that writes feedback, started with the first student
        self.pending: list[tuple[str, str, object]] = []  # (student, input hash, feedback's future)
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def put(self, student: str):
        self.todo.put(student)

    def finish(self):
        self.todo.put(None)
        self.thread.join()
        for student, digest, future in self.pending:
            try:
                future.result()
                (self.grader.work / student / "recorded.json").write_text(json.dumps({"hash": digest}))  # last
                self.outcomes[student].status = "graded"
            except Exception as exc:  # noqa: BLE001 - one student's problem never stops the others
                self.outcomes[student].status = "failed"
                self.outcomes[student].notes.append(f"nbgrader could not write this submission's feedback ({exc})")
        if self.feedback is not None:
            self.feedback.shutdown()

    def _loop(self):
        while True:
            student = self.todo.get()
            if student is None:
                return
            try:
                self._record(student)
            except Exception as exc:  # one student's problem never stops the others
                self.outcomes[student].status = "failed"
                self.outcomes[student].notes.append(f"nbgrader could not record this submission ({exc})")

    def _record(self, student: str):
        g = self.grader
        if self.nbgrader is None:
            self.nbgrader = _converters(g.root, g.assignment, self.config)
            # spawn, not fork: this process has threads
            self.feedback = ProcessPoolExecutor(max(1, g.workers), mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_feedback_process, initargs=(str(g.root), g.assignment))
        coursedir, (autograde, _) = self.nbgrader
        folder = g.work / student
        digest = json.loads((folder / "executed.json").read_text())["hash"]
        coursedir.student_id = student
        # nbgrader reads <root>/<submitted_directory>/<student>/<assignment>: point it at the executed copy.
        coursedir.submitted_directory = str((folder / "executed").relative_to(g.root))
        _convert(autograde)
        if not (g.root / "autograded" / student / g.assignment).is_dir():
            raise RuntimeError("no autograded notebook was written")
        self.pending.append((student, digest, self.feedback.submit(_write_feedback, student)))


def _converters(root: Path, assignment: str, config):
    """nbgrader's Autograde (execution switched off) and GenerateFeedback, made once for the whole run."""
    from nbgrader.converters import Autograde, GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import DeduplicateIds, Execute, OverwriteCells, OverwriteKernelspec
    from traitlets.config import Config

    from .nbgrader_addons import JudgeExecute

    c = Config(config)
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.assignment_id = assignment
    c.BaseConverter.force = True
    # The course's autograde pipeline, but for the judge: the workers have judged this notebook already.
    # (Sanitizing keeps the outputs: nbgrader's would clear them first, before its execute step; the
    # release's metadata, which rebuild put back, is checked once, at the end of the pipeline.)
    c.Autograde.sanitize_preprocessors = [DeduplicateIds, OverwriteKernelspec, OverwriteCells]
    pipeline = c.Autograde.get("autograde_preprocessors") or Autograde.class_traits()["autograde_preprocessors"].default()
    c.Autograde.autograde_preprocessors = [p for p in pipeline if not issubclass(p, (JudgeExecute, Execute))]
    coursedir = CourseDirectory(config=c)
    converters = Autograde(coursedir=coursedir, config=c), GenerateFeedback(coursedir=coursedir, config=c)
    for conv in converters:
        conv.log.setLevel("ERROR")
    return coursedir, converters


_FEEDBACK: dict = {}  # in a feedback process: its course directory and converter


def _feedback_process(root: str, assignment: str):
    coursedir, (_, feedback) = _converters(Path(root), assignment, _course_config(Path(root)))
    _FEEDBACK.update(coursedir=coursedir, feedback=feedback)


def _write_feedback(student: str):
    """In a feedback process: one student's feedback, from the autograded notebook and the gradebook."""
    _FEEDBACK["coursedir"].student_id = student
    _convert(_FEEDBACK["feedback"])
    if not (Path(_FEEDBACK["coursedir"].root) / "feedback" / student).is_dir():
        raise RuntimeError("no feedback was written")


def _convert(converter):
    """What nbgrader's ``BaseConverter.start()`` does, but with one exporter for every student (nbgrader
    makes a new one each time, which compiles the feedback's HTML templates again: 0.1 s a student)."""
    from nbconvert.writers import FilesWriter

    converter.init_notebooks()
    if not getattr(converter, "_kept", False):
        converter.writer = FilesWriter(parent=converter, config=converter.config)
        converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
        for pp in converter.preprocessors:
            converter.exporter.register_preprocessor(pp)
        converter._kept = True
    here = os.getcwd()
    os.chdir(converter.coursedir.root)
    try:
        converter.convert_notebooks()
    finally:
        os.chdir(here)


def _course_config(root: Path):
    """The course's nbgrader_config.py (feedback preprocessors, timeouts), as nbgrader itself would load it."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    path = REPO / "nbgrader_config.py"
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config() if path.exists() else Config()
