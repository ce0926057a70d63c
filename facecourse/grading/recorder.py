"""Step 3 (trusted, in the grader): score each executed notebook into the gradebook and write its feedback.

One writer, no locked or lost writes: a single thread runs nbgrader's own preprocessors
(``SaveAutoGrades`` ..., execution switched off) and the course's feedback configuration (hidden
tests removed) while the workers go on executing others.
"""

from __future__ import annotations

import json
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

    def _record(self, student: str):
        from nbgrader.converters import Autograde, GenerateFeedback
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.preprocessors import CheckCellMetadata, DeduplicateIds, Execute, OverwriteCells, OverwriteKernelspec
        from traitlets.config import Config

        from .nbgrader_addons import JudgeExecute

        g = self.grader
        folder = g.work / student
        digest = json.loads((folder / "executed.json").read_text())["hash"]
        c = Config(self.config)
        c.CourseDirectory.root = str(g.root)
        c.CourseDirectory.assignment_id = g.assignment
        c.CourseDirectory.student_id = student
        # nbgrader reads <root>/<submitted_directory>/<student>/<assignment>: point it at the executed copy.
        c.CourseDirectory.submitted_directory = str((folder / "executed").relative_to(g.root))
        c.BaseConverter.force = True
        # The course's autograde pipeline, but for the judge: the workers have judged this notebook already.
        # (Sanitizing keeps the outputs: nbgrader's would clear them first, before its execute step.)
        c.Autograde.sanitize_preprocessors = [DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata]
        pipeline = c.Autograde.get("autograde_preprocessors") or Autograde.class_traits()["autograde_preprocessors"].default()
        c.Autograde.autograde_preprocessors = [p for p in pipeline if not issubclass(p, (JudgeExecute, Execute))]
        autograde = Autograde(coursedir=CourseDirectory(config=c), config=c)
        autograde.log.setLevel("ERROR")
        autograde.start()
        if not (g.root / "autograded" / student / g.assignment).is_dir():
            raise RuntimeError("no autograded notebook was written")
        feedback = GenerateFeedback(coursedir=CourseDirectory(config=c), config=c)
        feedback.log.setLevel("ERROR")
        feedback.start()
        (folder / "recorded.json").write_text(json.dumps({"hash": digest}))  # last: marks completion
        self.outcomes[student].status = "graded"


def _course_config(root: Path):
    """The course's nbgrader_config.py (feedback preprocessors, timeouts), as nbgrader itself would load it."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    path = REPO / "nbgrader_config.py"
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config() if path.exists() else Config()
