"""Realistic student submissions to every assignment, graded by `make autograde`'s class grader.

Each module in tests/realistic_submissions/ lists what real students hand in: a correct answer
written differently from the solution, partly right ones, one hard-coded to pass only the
visible tests, and typical misconceptions, with the score each tests cell must get.  They are
graded on the committed (default) variant and on one other term's (`make variant`), with the
same expected scores.
"""

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from autograde_submissions import answers
from conftest import ASSIGNMENTS, REPO
from nbgrader.api import Gradebook
from realistic_submissions import given_answers

from facecourse.grading import variants
from facecourse.grading.classgrader import ClassGrader
from facecourse.grading.sandbox import Limits, sandbox_available

FOLDER = Path(__file__).parent / "realistic_submissions"
OTHER_TERM = "ci-other-term"  # any term name works; this one is graded in CI beside the default
MODULES = {m.ASSIGNMENT: m for m in (importlib.import_module(f"realistic_submissions.{p.stem}")
                                     for p in sorted(FOLDER.glob("ps*.py")))}


def test_every_assignment_has_realistic_submissions():
    assert sorted(MODULES) == sorted(a.name for a in ASSIGNMENTS)


def _submission(release_nb, source_nb, spec: dict):
    nb = nbformat.from_dict(json.loads(json.dumps(release_nb)))
    given = given_answers(spec, answers(source_nb, written=True))
    known = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    assert set(spec["answers"]) <= known, f"answers for cells that don't exist: {set(spec['answers']) - known}"
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and meta["grade_id"] in given:
            cell.source = given[meta["grade_id"]]
    return nb


@pytest.fixture(scope="module", params=[(name, term) for term in (variants.DEFAULT_TERM, OTHER_TERM)
                                        for name in sorted(MODULES)], ids="{0[0]}@{0[1]}".format)
def graded(request, tmp_path_factory, network_guard_env):
    assert sandbox_available(), "Linux namespaces (unshare) are needed for isolated grading on this machine"
    (name, term), module = request.param, MODULES[request.param[0]]
    course = tmp_path_factory.mktemp(name)
    if term == variants.DEFAULT_TERM:
        shutil.copytree(REPO / "assignments" / "source" / name, course / "source" / name)
    else:
        variants.write(term, course, only=[name])
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "nbgrader"), "generate_assignment", name, "--force",
                    f"--CourseDirectory.root={course}"], cwd=REPO, check=True, capture_output=True,
                   env={"PATH": f"{bin_dir}:/usr/bin:/bin", **network_guard_env})
    notebook = next((course / "source" / name).glob("*.ipynb")).name
    source = nbformat.read(course / "source" / name / notebook, 4)
    release = nbformat.read(course / "release" / name / notebook, 4)
    for student, spec in module.SUBMISSIONS.items():
        folder = course / "submitted" / student / name
        shutil.copytree(course / "release" / name, folder)
        nbformat.write(_submission(release, source, spec), folder / notebook)
        (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC")
    outcomes = ClassGrader(course, name, workers=2, limits=Limits(cell_timeout=30, submission_timeout=240),
                           quiet=True).run()
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {}
        for student in module.SUBMISSIONS:
            sub = gb.find_submission(name, student)
            scores[student] = {g.name: g.score for nb in sub.notebooks for g in nb.grades
                               if g.cell.cell_type == "code"}
    return module, scores, {o.student: o for o in outcomes}


def test_each_kind_of_submission_is_there(graded):
    module = graded[0]
    kinds = " ".join(module.SUBMISSIONS)
    for kind in ("correct-written-differently", "partly-right", "hard-coded", "misconception"):
        assert kind in kinds, f"{module.ASSIGNMENT}: no {kind} submission"


def test_every_tests_cell_gets_the_score_it_deserves(graded):
    module, scores, outcomes = graded
    wrong = {}
    for student, spec in module.SUBMISSIONS.items():
        assert set(spec["scores"]) == set(scores[student]), f"{student}: list a score for every tests cell"
        if scores[student] != spec["scores"]:
            wrong[student] = {k: (scores[student][k], v) for k, v in spec["scores"].items() if scores[student][k] != v}
    assert not wrong, f"(got, expected) per tests cell: {wrong}\n" + "\n".join(
        f"{s}: {outcomes[s].status} {outcomes[s].notes}" for s in wrong)
