"""Grades per rubric criterion: read from formgrader comments, checked, exported as CSV."""

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from nbgrader.api import Gradebook

from facecourse.grading import rubric_grades

ASSIGNMENT = "ps1-error-rates"
RUBRIC = rubric_grades.rubrics_in(REPO / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")["q8-answer"]
C1, C2, C3 = (c["criterion"] for c in RUBRIC["criteria"])


def test_criteria_by_name_or_number_and_remarks_ignored():
    comment = f"Good work overall.\n{C1.upper()}: 2 — clear\nC2: 1\n{C3}:0\nSee me: 3 things to fix"
    found, problems = rubric_grades.parse_comment(RUBRIC, comment)
    assert found == {C1: 2, C2: 1, C3: 0} and problems == []


@pytest.mark.parametrize("comment, problem", [
    ("C1: 2\nC1: 1", "scored twice"),
    ("C2: 1.5", "not one of its levels"),
    ("C9: 1", "C9 is not a criterion"),
])
def test_inconsistent_comments_are_reported(comment, problem):
    assert problem in " ".join(rubric_grades.parse_comment(RUBRIC, comment)[1])


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    """ps1 autograded for four students, whose written answers a grader then scored in formgrader."""
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(REPO / "assignments" / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    bin_dir = Path(sys.executable).parent
    run = lambda *a: subprocess.run([str(bin_dir / "nbgrader"), *a, f"--CourseDirectory.root={course}"],  # noqa: E731
                                    cwd=REPO, env={"PATH": f"{bin_dir}:/usr/bin:/bin"}, check=True, capture_output=True)
    run("generate_assignment", ASSIGNMENT, "--force")
    for student in ("ana", "ben", "cai", "dee"):
        shutil.copytree(course / "release" / ASSIGNMENT, course / "submitted" / student / ASSIGNMENT)
    run("autograde", ASSIGNMENT, "--force")
    marks = {  # student: (score typed in formgrader, comment)
        "ana": (5, f"{C1}: 2\n{C2}: 1\n{C3}: 2\nWeigh the two harms against each other."),
        "ben": (3, "C1: 1\nC2: 1\nC3: 1"),
        "cai": (4, "C1: 2\nC2: 1\nC3: 2"),  # adds up to 5, not 4
        "dee": (None, None),  # not graded yet
    }
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student, (score, comment) in marks.items():
            if score is not None:
                gb.find_grade("q8-answer", ASSIGNMENT, ASSIGNMENT, student).manual_score = score
                gb.find_comment("q8-answer", ASSIGNMENT, ASSIGNMENT, student).manual_comment = comment
        gb.db.commit()
    return course


def test_export_writes_a_row_per_student_and_criterion_with_its_status(graded_course, capsys):
    out = graded_course / "criteria.csv"
    assert rubric_grades.main(["export", ASSIGNMENT, f"--course={graded_course}", f"--to={out}"]) == 0
    rows = list(csv.DictReader(open(out)))
    assert len(rows) == 4 * 3
    by = {(r["student_id"], r["criterion"]): r for r in rows}
    assert by[("ana", C2)]["points"] == "1" and by[("ana", C2)]["status"] == "ok"
    assert by[("ana", C2)]["level"].startswith("Names both")
    assert by[("ben", C3)]["points"] == "1" and by[("ben", C3)]["status"] == "ok"
    assert "add up to 5" in by[("cai", C1)]["status"]
    assert by[("dee", C1)]["status"] == "not graded yet" and by[("dee", C1)]["points"] == ""
    printed = capsys.readouterr().out
    # C2 over the consistently graded students (ana, ben): 2 of 4 points.
    assert f"q8-answer · {C2}: 50% of the points on average (2 students)" in printed


def test_template_lists_every_criterion_with_its_levels(graded_course):
    text = rubric_grades.template(graded_course, ASSIGNMENT)
    assert "# q8-answer (6 points)" in text
    assert all(f"{c}:   (one of 0/1/2)" in text for c in (C1, C2, C3))


def test_missing_gradebook_or_assignment_is_explained(tmp_path, graded_course, capsys):
    shutil.copytree(REPO / "assignments" / "source" / ASSIGNMENT, tmp_path / "source" / ASSIGNMENT)
    assert rubric_grades.main(["export", ASSIGNMENT, f"--course={tmp_path}"]) == 2
    assert "no gradebook" in capsys.readouterr().err
    assert rubric_grades.main(["export", "ps9-nothing", f"--course={graded_course}"]) == 2
    assert "no source notebook for 'ps9-nothing'" in capsys.readouterr().err
