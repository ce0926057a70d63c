"""Stock `nbgrader autograde` and formgrader's Autograde button grade through the judge too.

The course's nbgrader_config.py puts JudgeExecute in place of nbgrader's Execute, so the attacks that
`make autograde` contains (tests/attack_submissions.py) are contained the same way there: the same
scores, and feedback without hidden tests.
"""

import shutil
from pathlib import Path

import attack_submissions as attacks
import autograde_submissions as subs
import nbformat
import pytest
from conftest import REPO
from nbgrader.api import Gradebook
from test_autograde import partly_right
from test_nbgrader_cycle import hidden_test_lines, nbgrader

ASSIGNMENT = "ps1-error-rates"
SCORES = {"blank": 0, "correct": 19, "partly-right": 16, **{s: attacks.EXPECTED[s] for s in (
    "installs-custom-exception-handler", "adds-input-transformer", "replaces-run-cell", "silences-tracebacks",
    "looks-for-hidden-tests", "exits-during-hidden-tests")}}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(REPO / "assignments" / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    source = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    makers = {**subs.ALL, **attacks.ALL, "partly-right": partly_right}
    for student in SCORES:
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{ASSIGNMENT}.ipynb").write_text(makers[student](release, source))
    nbgrader(course, "autograde", ASSIGNMENT, "--force")
    nbgrader(course, "generate_feedback", ASSIGNMENT, "--force")
    return course


def _scores(course: Path) -> dict[str, float]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: s.code_score for s in gb.assignment_submissions(ASSIGNMENT)}


def test_nbgrader_autograde_gives_every_attack_exactly_its_honest_score(course):
    assert _scores(course) == SCORES


def test_nbgrader_feedback_shows_no_hidden_test_even_to_a_student_who_printed_every_cell(course):
    hidden = hidden_test_lines(nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4))
    for student in SCORES:
        html = (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        assert not [h for h in hidden if h in html or h.replace("<", "&lt;") in html], student
    shown = (course / "feedback" / "looks-for-hidden-tests" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "def false_non_match_rate" in shown  # its hook printed its own cells, and only those


def test_formgraders_autograde_button_grades_through_the_judge(course):
    """The button calls NbGraderAPI.autograde in the Jupyter server's own process, with the course's config."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    from facecourse.grading import nbgrader_addons

    for student in ("adds-input-transformer", "partly-right"):  # handed in again under another name
        shutil.copytree(course / "submitted" / student, course / "submitted" / f"button-{student}")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config()
    config.CourseDirectory.root = str(course)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    try:
        for student in ("button-adds-input-transformer", "button-partly-right"):
            result = api.autograde(ASSIGNMENT, student)
            assert result["success"], result.get("error")
    finally:
        for worker in nbgrader_addons._WORKERS.values():
            worker.kill()
        nbgrader_addons._WORKERS.clear()
    scores = _scores(course)
    assert scores["button-adds-input-transformer"] == 0 and scores["button-partly-right"] == 16
