"""nbgrader add-ons used by the course's ``nbgrader_config.py``."""

from __future__ import annotations

import atexit
import os
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Float, Integer


class ShortTracebacks(Preprocessor):
    """In feedback, cut the error output of test cells to ``ename: evalue``.

    A full traceback can show the lines of a hidden test that failed; the
    assertion message alone says what went wrong without giving the test away.
    """

    enabled = Bool(True, help="nbconvert skips preprocessors that are not enabled").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade", False):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        return cell, resources


class RemovePracticeSpecs(Preprocessor):
    """In the class release, drop the self-check specs kept for the practice version.

    Source test cells carry ``metadata.facecourse.practice`` (check expressions, hints) for
    ``make practice``; students in a graded class should not find the hints in the metadata.
    """

    enabled = Bool(True, help="nbconvert skips preprocessors that are not enabled").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        course = cell.metadata.get("facecourse")
        if isinstance(course, dict) and "practice" in course:
            course.pop("practice")
            if not course:
                cell.metadata.pop("facecourse")
        return cell, resources


class WarningsAreNotFailures(Preprocessor):
    """When grading, show text a test cell wrote to stderr as ordinary output.

    nbgrader scores a tests cell 0 if it wrote anything to stderr, so a harmless warning
    raised by a student's correct code (numpy's divide-by-zero, pandas' FutureWarning) would
    cost the points.  A failed test raises, which gives an error output: that still scores 0.
    """

    enabled = Bool(True, help="nbconvert skips preprocessors that are not enabled").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade", False):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream" and out.get("name") == "stderr":
                    out["name"] = "stdout"
        return cell, resources


class JudgeExecute(NbGraderPreprocessor):
    """nbgrader's execute step, done by the judge (:mod:`.judge`): set in place of ``Execute`` in
    ``c.Autograde.autograde_preprocessors``, so ``nbgrader autograde`` and formgrader's Autograde
    button grade as ``make autograde`` does.  The test cells get the judge's verdicts as outputs;
    SaveAutoGrades then scores them as usual.  One judge process (and its sandbox) serves every
    notebook of an nbgrader run."""

    timeout = Integer(60, help="Seconds per cell, the tests' calls to the student's code included.").tag(config=True)
    submission_timeout = Integer(600, help="Seconds for a whole notebook.").tag(config=True)
    memory_gb = Float(3.0, help="Address space of the student's process, in GB.").tag(config=True)

    def preprocess(self, nb, resources):
        import base64

        import nbformat
        from nbgrader.api import Gradebook

        from .judge import trusted_cells

        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            trusted = trusted_cells(gb.find_notebook(info["notebook"], info["assignment"]))
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        files = {p.name: base64.b64encode(p.read_bytes()).decode() for p in sorted(folder.iterdir())  # the data
                 if p.is_file() and p.suffix != ".ipynb" and p.name not in ("timestamp.txt", "submission_secret.txt")}
        job = {"student": info.get("student"), "notebook": nbformat.writes(nb), "trusted": trusted, "files": files,
               "cell_timeout": self.timeout, "submission_timeout": self.submission_timeout}
        worker = self._worker()
        result = worker.run(job)
        if not isinstance(result, dict) or not result.get("notebook"):
            _WORKERS.pop(self._key(), None)
            worker.kill()
            self.log.error("The judge stopped while grading this notebook (%s): its tests score 0.", result)
            for cell in nb.cells:
                if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
                    cell.outputs = [nbformat.v4.new_output("error", ename="NotRun", evalue="not graded", traceback=[])]
            return nb, resources
        for note in result.get("notes", []):
            self.log.warning("%s", note)
        judged = nbformat.reads(result["notebook"], as_version=4)
        for cell, done in zip(nb.cells, judged.cells):
            if cell.cell_type == "code":
                cell.outputs = done.outputs
        return nb, resources

    def _key(self):
        return (self.submission_timeout, int(self.memory_gb * 1024**3), os.getcwd())

    def _worker(self):
        from .sandbox import Limits, hidden_paths, sandbox_available
        from .worker import JudgeWorker

        key = self._key()
        if key not in _WORKERS:
            sandboxed = sandbox_available()
            if not sandboxed:
                self.log.warning("Linux namespaces (unshare) are not available: student code is NOT sandboxed")
            # nbgrader runs converters from the course root: that and the course's own folder are hidden.
            _WORKERS[key] = JudgeWorker(hidden_paths(Path(os.getcwd())),
                                        Limits(self.timeout, self.submission_timeout, key[1]), sandboxed)
            atexit.register(_WORKERS[key].kill)
        return _WORKERS[key]


_WORKERS: dict = {}
