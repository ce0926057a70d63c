"""Step 3 (trusted, in the grader): score each executed notebook into the gradebook and write its feedback.

One writer, no locked or lost writes: a single thread runs nbgrader's own preprocessors
(``SaveAutoGrades`` ..., execution switched off) and the course's feedback configuration (hidden
tests removed) while the workers go on executing others.
"""

from __future__ import annotations

import json
import os
import queue
import threading
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
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def put(self, student: str):
        self.todo.put(student)

    def finish(self):
        self.todo.put(None)
        self.thread.join()

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

    def _converters(self):
        """nbgrader's Autograde (execution switched off) and GenerateFeedback, made once for the whole run."""
        from nbgrader.converters import Autograde, GenerateFeedback
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.preprocessors import DeduplicateIds, Execute, OverwriteCells, OverwriteKernelspec
        from traitlets.config import Config

        from .nbgrader_addons import JudgeExecute

        g = self.grader
        c = Config(self.config)
        c.CourseDirectory.root = str(g.root)
        c.CourseDirectory.assignment_id = g.assignment
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

    def _record(self, student: str):
        g = self.grader
        if self.nbgrader is None:
            self.nbgrader = self._converters()
        coursedir, (autograde, feedback) = self.nbgrader
        folder = g.work / student
        digest = json.loads((folder / "executed.json").read_text())["hash"]
        coursedir.student_id = student
        # nbgrader reads <root>/<submitted_directory>/<student>/<assignment>: point it at the executed copy.
        coursedir.submitted_directory = str((folder / "executed").relative_to(g.root))
        _convert(autograde)
        if not (g.root / "autograded" / student / g.assignment).is_dir():
            raise RuntimeError("no autograded notebook was written")
        _convert(feedback)
        (folder / "recorded.json").write_text(json.dumps({"hash": digest}))  # last: marks completion
        self.outcomes[student].status = "graded"


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
