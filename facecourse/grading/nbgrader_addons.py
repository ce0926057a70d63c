"""nbgrader add-ons used by the course's ``nbgrader_config.py``."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool


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
