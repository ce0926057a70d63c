"""Grades into the LMS: a class graded with nbgrader, exported for Canvas's and Moodle's gradebook
imports (facecourse/grading/lms.py) and checked column by column."""

import csv
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import nbformat
import pytest
from autograde_submissions import blank, correct
from conftest import REPO
from nbgrader.api import Gradebook

from facecourse.grading import lms, rubric_grades

pytestmark = pytest.mark.slow
ASSIGNMENT = "ps1-error-rates"
DUE = datetime(2026, 3, 2, 23, 59, tzinfo=timezone.utc)
# Who did what: ana and cai answered (cai 2 h 30 min late), ben handed in a blank notebook, dee's written
# answer is not graded yet, eve is on the roster and never submitted, zed submitted but is not on the roster.


def with_written_answer(release, source):
    nb = nbformat.reads(correct(release, source), 4)
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == WRITTEN_ID]
    cell.source = "At the counter these rates mean some genuine customers are refused every day."
    return nbformat.writes(nb)


SUBMISSIONS = {"ana": (correct, DUE - timedelta(hours=5)), "ben": (blank, DUE - timedelta(days=1)),
               "cai": (correct, DUE + timedelta(hours=2, minutes=30)),
               "dee": (with_written_answer, DUE - timedelta(hours=1)),
               "zed": (correct, DUE - timedelta(hours=2))}
SOURCE = REPO / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
WRITTEN_ID = next(iter(rubric_grades.rubrics_in(SOURCE)))  # the written answer, graded by hand
WRITTEN = {"ana": 5, "ben": 0, "cai": 4}  # its points, typed in formgrader
ROSTER = [  # a Canvas gradebook export with a nbgrader_id column added, and the Moodle e-mail
    {"nbgrader_id": "ana", "Student": "Ana Li", "ID": "1001", "SIS User ID": "S1", "SIS Login ID": "ana",
     "Section": "A", "email": "ana@uni.example"},
    {"nbgrader_id": "eve", "Student": "Eve Wu", "ID": "1005", "SIS User ID": "S5", "SIS Login ID": "eve",
     "Section": "B", "email": "eve@uni.example"},
    {"nbgrader_id": "ben", "Student": "Ben Øst", "ID": "1002", "SIS User ID": "S2", "SIS Login ID": "ben",
     "Section": "A", "email": "ben@uni.example"},
    {"nbgrader_id": "cai", "Student": "蔡 Cai", "ID": "1003", "SIS User ID": "S3", "SIS Login ID": "cai",
     "Section": "B", "email": "cai@uni.example"},
    {"nbgrader_id": "dee", "Student": "Dee Roe", "ID": "1004", "SIS User ID": "S4", "SIS Login ID": "dee",
     "Section": "A", "email": "dee@uni.example"},
]


def _nbgrader(course, *args):
    bin_dir = Path(sys.executable).parent
    return subprocess.run([str(bin_dir / "nbgrader"), *args, f"--CourseDirectory.root={course}"], cwd=REPO,
                          env={"PATH": f"{bin_dir}:/usr/bin:/bin"}, capture_output=True, text=True)


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(REPO / "assignments" / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    assert _nbgrader(course, "generate_assignment", ASSIGNMENT, "--force").returncode == 0
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate=DUE.replace(tzinfo=None))
        for student in SUBMISSIONS:
            gb.update_or_create_student(student)
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    source = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    for student, (make, when) in SUBMISSIONS.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{ASSIGNMENT}.ipynb").write_text(make(release, source))
        (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    done = _nbgrader(course, "autograde", ASSIGNMENT, "--force")
    assert done.returncode == 0, done.stderr[-2000:]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student, score in WRITTEN.items():
            grade = gb.find_grade(WRITTEN_ID, ASSIGNMENT, ASSIGNMENT, student)
            grade.manual_score, grade.needs_manual_grade = score, False
        gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "cai").late_submission_penalty = 3.0
        gb.db.commit()
        expected = {s: gb.find_submission(ASSIGNMENT, s).score for s in WRITTEN}
        expected["auto"] = gb.find_submission(ASSIGNMENT, "zed").score  # correct, nothing written
        expected["max"] = gb.find_assignment(ASSIGNMENT).max_score
    roster = course / "roster.csv"
    with open(roster, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(ROSTER[0]))
        writer.writeheader()
        writer.writerows(ROSTER)
    return course, roster, expected


def _export(course, exporter, *options):
    out = course / f"{exporter}.csv"
    done = _nbgrader(course, "export", f"--exporter=facecourse.grading.lms.{exporter}", f"--to={out}", *options)
    assert done.returncode == 0, done.stderr[-2000:]
    with open(out, newline="", encoding="utf-8") as f:
        return list(csv.reader(f)), done.stderr


def test_the_class_was_graded_as_planned(graded_class):
    _, _, score = graded_class
    assert score["auto"] > 0 and score["ben"] == 0
    assert score["ana"] == score["auto"] + 5 and score["cai"] == score["auto"] + 4, "cai's penalty is not in score"


def pts(value) -> str:
    return lms.points(float(value))


def test_canvas_file_has_its_five_columns_points_possible_and_a_column_per_assignment(graded_class):
    course, roster, score = graded_class
    rows, log = _export(course, "CanvasExporter", f"--CanvasExporter.roster={roster}")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", ASSIGNMENT]
    assert rows[1] == ["Points Possible", "", "", "", "", pts(score["max"])]
    body = {r[1]: r for r in rows[2:]}
    assert [r[0] for r in rows[2:]] == ["Ana Li", "Eve Wu", "Ben Øst", "蔡 Cai", "Dee Roe"], "roster order, roster only"
    assert body["1001"] == ["Ana Li", "1001", "S1", "ana", "A", pts(score["ana"])]
    assert body["1005"][5] == "0", "no submission: 0 by default, as nbgrader's own export"
    assert body["1002"][5] == "0"
    assert body["1003"][2:5] == ["S3", "cai", "B"] and body["1003"][5] == pts(score["cai"] - 3), "late: less the penalty of 3"
    assert body["1004"][5] == "", "written answer not graded yet: no grade, never a partial score"
    assert "zed" not in {c for r in rows for c in r}
    assert "Not on the roster, so left out" in log and "zed" in log
    assert "not graded yet: dee (ps1-error-rates)" in log
    assert "Late: cai (ps1-error-rates), Submitted 2 h 30 min after the due date; a late penalty of 3 points" in log


def test_canvas_names_an_existing_assignment_and_leaves_missing_grades_blank_when_asked(graded_class):
    course, roster, _ = graded_class
    rows, _ = _export(course, "CanvasExporter", f"--CanvasExporter.roster={roster}",
                      "--CanvasExporter.missing=blank", f"--CanvasExporter.columns={ASSIGNMENT}=PS1 (4321)")
    assert rows[0][5] == "PS1 (4321)"
    assert {r[1]: r[5] for r in rows[2:]}["1005"] == ""


def test_moodle_file_has_the_identifier_a_grade_and_a_feedback_column(graded_class):
    course, roster, score = graded_class
    rows, log = _export(course, "MoodleExporter", f"--MoodleExporter.roster={roster}", "--MoodleExporter.missing=blank")
    assert rows[0] == ["email", ASSIGNMENT, f"{ASSIGNMENT} (feedback)"]
    by = {r[0]: r[1:] for r in rows[1:]}
    assert list(by) == ["ana@uni.example", "eve@uni.example", "ben@uni.example", "cai@uni.example", "dee@uni.example"]
    assert by["ana@uni.example"] == [pts(score["ana"]), ""]
    assert by["eve@uni.example"] == ["-", ""], "no submission, missing=blank: Moodle's '-' (no grade)"
    assert by["ben@uni.example"] == ["0", ""]
    assert by["cai@uni.example"] == [pts(score["cai"] - 3), "Submitted 2 h 30 min after the due date; a late penalty of 3 points was taken."]
    assert by["dee@uni.example"] == ["-", ""]
    assert "zed" in log


def test_moodle_by_username_without_feedback(graded_class, tmp_path):
    course, roster, score = graded_class
    by_name = tmp_path / "roster.csv"
    by_name.write_text("nbgrader_id,username\nana,ali\nben,bost\n")
    rows, log = _export(course, "MoodleExporter", f"--MoodleExporter.roster={by_name}",
                        "--MoodleExporter.identifier=username", "--MoodleExporter.late_feedback=False")
    assert rows == [["username", ASSIGNMENT], ["ali", pts(score["ana"])], ["bost", "0"]]
    assert "cai" in log and "dee" in log and "zed" in log  # submitted, not on this roster


@pytest.mark.parametrize("text, message", [
    (None, "no roster at"),
    ("nbgrader_id,email\nana,a@x\nana,b@x\n", "'ana' appears twice"),
    ("student,email\nana,a@x\n", "no column(s) ['nbgrader_id']"),
    ("nbgrader_id,email\nana,\n", "has no email: Moodle would abort the whole import"),
])
def test_a_bad_roster_is_explained(graded_class, tmp_path, text, message):
    course, _, _ = graded_class
    path = tmp_path / "roster.csv"
    if text is not None:
        path.write_text(text)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb, \
            pytest.raises((ValueError, FileNotFoundError), match=re.escape(message)):
        exporter = lms.MoodleExporter(roster=str(path), to=str(tmp_path / "out.csv"))
        exporter.export(gb)
    assert not (tmp_path / "out.csv").exists(), "nothing half-written"
