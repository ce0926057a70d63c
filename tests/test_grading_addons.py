"""The course's nbgrader add-ons, and that nbgrader_config.py really installs them."""

import nbformat
from conftest import REPO
from traitlets.config.loader import PyFileConfigLoader

from facecourse.grading.nbgrader_addons import JudgeExecute, RemovePracticeSpecs, ShortTracebacks, WarningsAreNotFailures


def _tests_cell(outputs, **facecourse):
    cell = nbformat.v4.new_code_cell("assert answer == 42")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "q1-tests", "points": 1}
    if facecourse:
        cell.metadata["facecourse"] = facecourse
    cell.outputs = outputs
    return cell


def test_a_warning_in_a_tests_cell_is_shown_as_output_but_an_error_still_fails():
    warned = _tests_cell([nbformat.v4.new_output("stream", name="stderr", text="RuntimeWarning: divide by zero")])
    WarningsAreNotFailures().preprocess_cell(warned, {}, 0)
    assert warned.outputs[0]["name"] == "stdout" and "divide by zero" in warned.outputs[0]["text"]
    failed = _tests_cell([nbformat.v4.new_output("error", ename="AssertionError", evalue="", traceback=["x"])])
    WarningsAreNotFailures().preprocess_cell(failed, {}, 0)
    assert failed.outputs[0]["output_type"] == "error"


def test_feedback_cuts_a_failed_tests_traceback_to_its_message():
    cell = _tests_cell([nbformat.v4.new_output("error", ename="AssertionError", evalue="wrong share",
                                               traceback=["  assert hidden_line(...)", "AssertionError: wrong share"])])
    ShortTracebacks().preprocess_cell(cell, {}, 0)
    assert cell.outputs[0]["traceback"] == ["AssertionError: wrong share"]


def test_release_drops_practice_specs_and_keeps_the_rubric():
    cell = _tests_cell([], practice={"question": "q1", "hints": ["secret nudge"]}, rubric={"criteria": []})
    RemovePracticeSpecs().preprocess_cell(cell, {}, 0)
    assert cell.metadata["facecourse"] == {"rubric": {"criteria": []}}
    bare = _tests_cell([], practice={"question": "q1"})
    RemovePracticeSpecs().preprocess_cell(bare, {}, 0)
    assert "facecourse" not in bare.metadata


def test_the_course_config_installs_every_add_on():
    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config()
    assert config.GenerateAssignment.preprocessors[-1] is RemovePracticeSpecs
    auto = config.Autograde.autograde_preprocessors
    assert auto[0] is JudgeExecute and auto[1] is WarningsAreNotFailures  # the judge, not nbgrader's Execute
    assert ShortTracebacks in config.GenerateFeedback.preprocessors
