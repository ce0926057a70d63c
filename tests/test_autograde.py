"""make autograde: a class of honest, broken and hostile submissions graded together in one run.

Honest students get exact scores; each broken or hostile submission is graded or reported with
its reason, never changes another student's grade, never stops the run, never inflates its
points.  Then the run is repeated (nothing changes) and interrupted runs are finished.
"""

import json
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import attack_submissions as attacks
import autograde_submissions as subs
import nbformat
import pytest
from conftest import REPO
from nbgrader.api import Gradebook

from facecourse.grading.classgrader import ClassGrader
from facecourse.grading.sandbox import Limits, sandbox_available

ASSIGNMENT = "ps1-error-rates"
LIMITS = Limits(cell_timeout=4, submission_timeout=25)


def partly_right(release_nb, source_nb):
    """Questions 1 and 2 right; question 3 always answers 0.5.  Question 5 is checked against the
    student's own (wrong) threshold, so the mistake costs points once, not three times."""
    nb = subs._answered(release_nb, source_nb, {"q3-answer": "def threshold_for_fmr(impostor_scores, target_fmr):\n"
                                                             "    return 0.5"})
    return nbformat.writes(nb)


# Exact autograded scores (out of 19) for submissions whose score is determined.
EXPECTED = {
    "correct": 19, "blank": 0, "partly-right": 16, "extra-helper-cell": 19, "deletes-cells": 19,
    "duplicates-cells": 19, "strips-metadata": 19, "warns-but-correct": 19, "output-flood": 19, "reads-other-files": 19,
    "uses-network": 12,  # its first answer cell cannot connect: questions 1, 4 and 5 fail, 2, 3, 6 and 7 pass
    "edits-tests-and-points": 0, "changes-cell-types": 0, "infinite-loop": 12,
    "infinite-loop-ignoring-interrupts": 0, "kills-parent": 0,
    **attacks.EXPECTED,  # attacks from inside the student's process, each scoring exactly its honest part
}


@pytest.fixture(scope="module")
def listener():
    """A server on the grading machine's loopback that a sandboxed submission must not reach."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    stop = threading.Event()

    def serve():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                srv.accept()[0].close()
            except OSError:
                pass

    threading.Thread(target=serve, daemon=True).start()
    yield srv.getsockname()[1]
    stop.set()
    srv.close()


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory, listener):
    assert sandbox_available(), "Linux namespaces (unshare) are needed for isolated grading on this machine"
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(REPO / "assignments" / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    bin_dir = Path(sys.executable).parent
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin"}
    subprocess.run([str(bin_dir / "nbgrader"), "generate_assignment", ASSIGNMENT, "--force",
                    f"--CourseDirectory.root={course}"], cwd=REPO, env=env, check=True, capture_output=True)
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    source = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    makers = {**subs.ALL, **attacks.ALL, "partly-right": partly_right}
    for student, make in makers.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        extra = {"uses-network": {"port": listener}, "reads-other-files": {"course": str(course)},
                 "writes-files-everywhere": {"repo": str(REPO)}}.get(student, {})
        text = make(release, source, **extra)
        (folder / f"{ASSIGNMENT}.ipynb").write_text(text)
        (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC")
    outcomes = {o.student: o for o in ClassGrader(course, ASSIGNMENT, workers=2, limits=LIMITS, quiet=True).run()}
    return course, outcomes


def _scores(course):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: (s.code_score, s.max_code_score) for s in gb.assignment_submissions(ASSIGNMENT)}


def test_every_submission_is_graded_or_reported_in_one_run(graded_class):
    course, outcomes = graded_class
    assert set(outcomes) == set(EXPECTED) | {"invalid-json", "memory-hog"}
    not_graded = {s for s, o in outcomes.items() if o.status != "graded"}
    assert not_graded == {"invalid-json"}
    assert "not valid notebook JSON" in " ".join(outcomes["invalid-json"].notes)


def test_exact_scores_and_no_inflated_points(graded_class):
    course, _ = graded_class
    scores = _scores(course)
    for student, expected in EXPECTED.items():
        assert scores[student] == (expected, 19), f"{student}: {scores[student]}"
    # Its first answer cell runs out of memory (or time): questions 1, 4 and 5 fail, 2, 3, 6 and 7 may pass.
    assert scores["memory-hog"][0] <= 12 and scores["memory-hog"][1] == 19


@pytest.mark.parametrize("student, reason", [
    ("infinite-loop", "time limit and was interrupted"),
    ("infinite-loop-ignoring-interrupts", "did not stop when interrupted"),
    ("kills-parent", "student's process ended"),  # it signals the sandbox's PID 1 (ignored), then its own group
    ("edits-tests-and-points", "was edited: restored"),
    ("deletes-cells", "was deleted: restored"),
    ("duplicates-cells", "appears more than once"),
    ("changes-cell-types", "changed from code to markdown"),
    ("strips-metadata", "matched them by cell id"),
    ("memory-hog", "a cell ran"),  # out of memory, or over the time limit while filling it
])
def test_each_broken_submission_says_what_happened(graded_class, student, reason):
    _, outcomes = graded_class
    assert reason in " ".join(outcomes[student].notes), outcomes[student].notes


def test_output_flood_is_cut(graded_class):
    course, _ = graded_class
    executed = course / ".autograde" / ASSIGNMENT / "output-flood" / "executed" / "output-flood" / ASSIGNMENT
    assert "[output cut" in (executed / f"{ASSIGNMENT}.ipynb").read_text()  # 20 MB printed, a little kept
    graded = course / "autograded" / "output-flood" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert graded.stat().st_size < 2_000_000


def test_feedback_for_every_graded_student_without_hidden_tests(graded_class):
    course, outcomes = graded_class
    hidden = [line.strip() for cell in nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4).cells
              for block in cell.source.split("### BEGIN HIDDEN TESTS")[1:]
              for line in block.split("### END HIDDEN TESTS")[0].splitlines() if len(line.strip()) > 12]
    for student, o in outcomes.items():
        if o.status != "graded":
            continue
        html = (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        assert not any(h in html for h in hidden), f"hidden test in {student}'s feedback"


def test_no_hidden_test_reaches_any_output_of_the_students_code(graded_class):
    """The judge never sends a test to the student's process: even a hook that prints every cell it runs,
    and a search of the process's own memory, find no hidden test (and the hook did run)."""
    course, outcomes = graded_class
    source = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    hidden = [line.strip() for cell in source.cells for block in cell.source.split("### BEGIN HIDDEN TESTS")[1:]
              for line in block.split("### END HIDDEN TESTS")[0].splitlines() if len(line.strip()) > 12]
    seen = {}
    for student, o in outcomes.items():
        if o.status != "graded":
            continue
        nb = nbformat.read(course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
        text = "".join(str(out.get("text", "")) + json.dumps(out.get("data", {})) for cell in nb.cells
                       if cell.cell_type == "code" and not cell.metadata.get("nbgrader", {}).get("grade")
                       for out in cell.outputs)
        seen[student] = text
        assert not [h for h in hidden if h in text], f"a hidden test line in the output of {student}'s own cells"
    assert "def false_non_match_rate" in seen["looks-for-hidden-tests"]  # its pre_run_cell hook printed its cells


def test_a_failure_inside_a_tests_call_costs_only_that_question(graded_class):
    _, outcomes = graded_class
    for student in ("exits-during-hidden-tests", "recurses-without-end"):
        assert "run again in a fresh process" in " ".join(outcomes[student].notes), outcomes[student].notes


def test_rerunning_a_finished_job_changes_nothing(graded_class):
    course, _ = graded_class
    before = _scores(course)
    outcomes = ClassGrader(course, ASSIGNMENT, workers=2, limits=LIMITS, quiet=True).run()
    assert {o.student for o in outcomes if o.status == "skipped"} == set(before)
    assert _scores(course) == before


def test_an_interrupted_run_is_finished_by_the_next(graded_class):
    course, _ = graded_class
    before = _scores(course)
    work = course / ".autograde" / ASSIGNMENT
    (work / "correct" / "recorded.json").unlink()  # killed after running, before recording
    shutil.rmtree(work / "partly-right")  # killed while running
    outcomes = {o.student: o for o in ClassGrader(course, ASSIGNMENT, workers=2, limits=LIMITS, quiet=True).run()}
    assert outcomes["correct"].status == "graded" and outcomes["partly-right"].status == "graded"
    assert outcomes["blank"].status == "skipped"
    assert _scores(course) == before


def test_report_lists_every_student(graded_class):
    course, outcomes = graded_class
    report = json.loads((course / ".autograde" / f"{ASSIGNMENT}-report.json").read_text())
    assert {r["student"] for r in report} == set(outcomes)


def test_item_analysis_reads_the_gradebook_without_names(graded_class):
    from facecourse.grading.item_analysis import item_figure, item_scores, item_statistics, summary

    course, _ = graded_class
    scores = item_scores(course / "gradebook.db", ASSIGNMENT)
    assert all(name.startswith("student ") for name in scores.index), "names shown without being asked"
    assert "q1-tests" in scores.columns and scores.to_numpy().max() <= 1
    named = item_scores(course / "gradebook.db", ASSIGNMENT, show_names=True)
    assert named.loc["correct", "q1-tests"] == 1 and named.loc["blank", "q1-tests"] == 0
    stats = item_statistics(scores)
    # q2 (false non-match rate) is answered by more submissions than q1 (which the loops and hogs break)
    assert stats.loc["q2-tests", "facility"] > stats.loc["q1-tests", "facility"]
    assert stats["discrimination"].dropna().between(-1, 1).all()
    fig = item_figure(stats, ASSIGNMENT)
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert list(fig.data[0].x) == list(stats.index)
    assert "Hardest" in summary(stats)


def test_item_analysis_explains_a_missing_gradebook_or_assignment(graded_class, tmp_path):
    from facecourse.grading.item_analysis import item_scores

    course, _ = graded_class
    with pytest.raises(FileNotFoundError, match="no gradebook"):
        item_scores(tmp_path / "gradebook.db", ASSIGNMENT)
    with pytest.raises(ValueError, match="no assignment 'ps9'"):
        item_scores(course / "gradebook.db", "ps9")


def test_item_analysis_notebook_runs_on_a_graded_class(graded_class):
    from nbclient import NotebookClient

    course, _ = graded_class
    nb = nbformat.read(REPO / "docs" / "item-analysis.ipynb", 4)
    for cell in nb.cells:
        cell.source = cell.source.replace('Path("..") / "assignments" / "gradebook.db"', repr(str(course / "gradebook.db")))
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("Hardest" in o.get("text", "") for o in outputs)
