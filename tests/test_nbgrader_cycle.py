"""The nbgrader cycle on every assignment in assignments/source/, as an instructor runs it.

generate_assignment -> validate (source passes, release fails) -> no leaks in the
release -> autograde a correct and a blank submission -> feedback without hidden
tests -> export.  Runs in a temporary copy of the course, never in assignments/.
"""

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ASSIGNMENTS, REPO
from nbgrader.api import Gradebook
from nbgrader.validator import Validator

from facecourse.grading import rubrics

SOLUTION = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$", re.M)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    bin_dir = Path(sys.executable).parent  # nbgrader runs `alembic` by name: the venv's tools come first
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    cmd = [str(bin_dir / "nbgrader"), *args, f"--CourseDirectory.root={course}"]
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    # nbgrader logs a broken nbgrader_config.py and carries on without it: that must fail here.
    assert "Exception while loading config file" not in result.stdout + result.stderr, result.stderr
    return result


def solution_lines(source: str) -> str:
    """An answer as a student would write it: the solution, without nbgrader's markers."""
    inside = re.search(r"### BEGIN SOLUTION\n(.*?)\s*### END SOLUTION", source, re.S)
    return SOLUTION.sub("", source) if inside is None else re.sub(
        r"[ \t]*### BEGIN SOLUTION\n(.*?)[ \t]*### END SOLUTION\n?", r"\1", source, flags=re.S)


def hidden_test_lines(nb) -> list[str]:
    lines = []
    for cell in nb.cells:
        for block in HIDDEN.findall(cell.source):
            lines += [ln.strip() for ln in block.splitlines() if len(ln.strip()) > 12]
    return lines


@pytest.fixture(scope="module", params=[a.name for a in ASSIGNMENTS])
def cycle(request, tmp_path_factory):
    name = request.param
    course = tmp_path_factory.mktemp(name)
    shutil.copytree(REPO / "assignments" / "source" / name, course / "source" / name)
    nbgrader(course, "generate_assignment", name, "--force")
    source_nb = nbformat.read(next((course / "source" / name).glob("*.ipynb")), 4)
    release_path = next((course / "release" / name).glob("*.ipynb"))
    release_nb = nbformat.read(release_path, 4)

    # Submissions: "correct" answers every cell with the source's solution; "blank" hands in the release.
    by_id = {c.metadata["nbgrader"]["grade_id"]: c for c in source_nb.cells if "nbgrader" in c.metadata}
    correct = nbformat.from_dict(json.loads(json.dumps(release_nb)))
    for cell in correct.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            cell.source = solution_lines(by_id[meta["grade_id"]].source)
    for student, nb in (("correct", correct), ("blank", release_nb)):
        dest = course / "submitted" / student / name
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / release_path.name)
        for extra in release_path.parent.iterdir():
            if extra != release_path:
                shutil.copy(extra, dest / extra.name)

    nbgrader(course, "autograde", name, "--force")
    nbgrader(course, "generate_feedback", name, "--force")
    nbgrader(course, "export", f"--to={course / 'grades.csv'}")
    return dict(name=name, course=course, source=source_nb, release=release_nb, release_path=release_path)


def test_source_passes_its_own_tests(cycle):
    src = next((cycle["course"] / "source" / cycle["name"]).glob("*.ipynb"))
    assert Validator(invert=False).validate(str(src)) == {}


def test_released_blank_notebook_fails_its_tests(cycle):
    assert Validator(invert=True).validate(str(cycle["release_path"])) == {}


def test_release_leaks_no_solution_and_no_hidden_test(cycle):
    text = cycle["release_path"].read_text()
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert '"practice"' not in text, "the practice version's checks and hints are in the class release"
    for line in hidden_test_lines(cycle["source"]):
        assert line not in text, f"hidden test line in the release: {line}"
    for cell in cycle["source"].cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            inside = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S).group(1)
            for line in inside.splitlines():
                if len(line.strip()) > 15:
                    assert line.strip() not in text, f"solution line in the release: {line.strip()}"


def _autograded_scores(course: Path, name: str) -> dict[str, tuple[float, float]]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        out = {}
        for student in ("correct", "blank"):
            sub = gb.find_submission(name, student)
            auto = [g for nb in sub.notebooks for g in nb.grades if g.auto_score is not None or g.cell.cell_type == "code"]
            out[student] = (sum(g.score for g in auto), sum(g.max_score for g in auto))
        return out


def test_correct_submission_gets_every_autograded_point_and_blank_gets_none(cycle):
    scores = _autograded_scores(cycle["course"], cycle["name"])
    got, possible = scores["correct"]
    assert possible > 0 and got == possible, f"correct submission scored {got}/{possible}"
    assert scores["blank"][0] == 0, f"blank submission scored {scores['blank'][0]}"


def test_feedback_exists_and_shows_no_hidden_test(cycle):
    for student in ("correct", "blank"):
        files = list((cycle["course"] / "feedback" / student / cycle["name"]).glob("*.html"))
        assert files, f"no feedback for {student}"
        html = files[0].read_text()
        assert "BEGIN HIDDEN TESTS" not in html
        for line in hidden_test_lines(cycle["source"]):
            assert line not in html and line.replace("<", "&lt;") not in html, f"hidden test in feedback: {line}"


def test_export_writes_a_grade_row_per_student(cycle):
    with open(cycle["course"] / "grades.csv") as f:
        rows = [r for r in csv.DictReader(f) if r["assignment"] == cycle["name"]]
    assert sorted(r["student_id"] for r in rows) == ["blank", "correct"]


def test_every_manually_graded_cell_has_a_rubric_shown_to_students_that_adds_up(cycle):
    cells = cycle["source"].cells
    manual = [i for i, c in enumerate(cells)
              if c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"].get("solution")]
    assert manual, "an assignment has at least one written part"
    released = [c.source for c in cycle["release"].cells]
    for i in manual:
        meta = cells[i].metadata
        rubric = meta.get("facecourse", {}).get("rubric")
        assert rubric, f"{meta['nbgrader']['grade_id']} has no rubric"
        rubrics.validate(rubric, meta["nbgrader"]["points"])
        assert cells[i - 1].source == rubrics.to_markdown(rubric), "rubric shown above the answer is out of date"
        assert rubrics.to_markdown(rubric) in released, "students don't see the rubric"
