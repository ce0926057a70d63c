"""Grading step 1 on its own (facecourse.grading.rebuild): whatever the submission's test cells say,
the notebook that is executed has the gradebook's tests -- hidden tests included -- and points.

tests/test_autograde.py and tests/test_realistic_submissions.py check this end to end through the
class grader; here it is checked directly, without nbgrader or a kernel, so a rebuild that kept the
released (visible-only) tests is caught in a second.
"""

import json

import nbformat
import pytest

from facecourse.grading.rebuild import rebuild

VISIBLE = "assert 0 <= rate <= 1, 'a rate is a share'"
HIDDEN = "### BEGIN HIDDEN TESTS\nassert abs(rate - 0.25) < 1e-12, 'wrong rate'\n### END HIDDEN TESTS"


def _cell(kind, source, grade_id, **meta):
    cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": grade_id, **meta}
    cell.id = grade_id
    return cell


@pytest.fixture
def release():
    return nbformat.v4.new_notebook(cells=[
        _cell("markdown", "Compute the rate.", "brief", locked=True, grade=False, solution=False),
        _cell("code", "rate = ...", "q1-answer", solution=True, grade=False, locked=False),
        _cell("code", VISIBLE, "q1-tests", grade=True, solution=False, locked=True, points=2),
        _cell("markdown", "YOUR ANSWER HERE", "q2-answer", solution=True, grade=True, locked=False, points=3),
    ])


GRADEBOOK = {"brief": "Compute the rate.", "q1-tests": VISIBLE + "\n" + HIDDEN}


def _student(release, **changes):
    nb = json.loads(json.dumps(release))
    for cell in nb["cells"]:
        gid = cell["metadata"]["nbgrader"]["grade_id"]
        if gid in changes:
            cell["source"] = changes[gid]
    return nb


def _by_id(nb):
    return {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}


def test_the_hidden_tests_are_put_back_into_an_honest_submission(release):
    nb, notes = rebuild(_student(release, **{"q1-answer": "rate = 0.25"}), release, GRADEBOOK)
    cells = _by_id(nb)
    assert cells["q1-tests"].source == VISIBLE + "\n" + HIDDEN
    assert cells["q1-answer"].source == "rate = 0.25"
    assert cells["q1-tests"].metadata["nbgrader"]["points"] == 2
    assert notes == []


def test_edited_or_deleted_tests_are_restored_with_a_note(release):
    edited = _student(release, **{"q1-answer": "rate = 7", "q1-tests": "pass"})
    edited["cells"][2]["metadata"]["nbgrader"]["points"] = 100
    nb, notes = rebuild(edited, release, GRADEBOOK)
    assert _by_id(nb)["q1-tests"].source == VISIBLE + "\n" + HIDDEN
    assert _by_id(nb)["q1-tests"].metadata["nbgrader"]["points"] == 2
    assert notes == ["test cell q1-tests was edited: restored"]
    deleted = _student(release, **{"q1-answer": "rate = 0.25"})
    deleted["cells"] = [c for c in deleted["cells"] if c["metadata"]["nbgrader"]["grade_id"] != "q1-tests"]
    nb, notes = rebuild(deleted, release, GRADEBOOK)
    assert [c.metadata["nbgrader"]["grade_id"] for c in nb.cells] == ["brief", "q1-answer", "q1-tests", "q2-answer"]
    assert _by_id(nb)["q1-tests"].source == VISIBLE + "\n" + HIDDEN
    assert "test cell q1-tests was deleted: restored" in notes


def test_answers_are_matched_by_cell_id_when_the_metadata_was_stripped(release):
    stripped = _student(release, **{"q1-answer": "rate = 0.25"})
    for cell in stripped["cells"]:
        cell["metadata"].pop("nbgrader")
    nb, notes = rebuild(stripped, release, GRADEBOOK)
    assert _by_id(nb)["q1-answer"].source == "rate = 0.25"
    assert _by_id(nb)["q1-tests"].source == VISIBLE + "\n" + HIDDEN
    assert notes == ["nbgrader metadata was removed from 4 cell(s): matched them by cell id"]


def test_duplicated_retyped_and_extra_cells(release):
    sub = _student(release, **{"q1-answer": "rate = 0.25"})
    first = dict(sub["cells"][1])
    sub["cells"].insert(2, {**json.loads(json.dumps(first)), "source": "rate = 0.9", "id": "copy"})
    sub["cells"].insert(1, {"cell_type": "code", "source": "HELPER = 1", "metadata": {}, "outputs": [],
                            "execution_count": None, "id": "helper"})
    sub["cells"][-1]["cell_type"] = "code"
    nb, notes = rebuild(sub, release, GRADEBOOK)
    assert [c.source for c in nb.cells][:3] == ["Compute the rate.", "HELPER = 1", "rate = 0.25"]
    assert "cell q1-answer appears more than once: the first copy was graded" in notes
    assert "answer cell q2-answer was changed from markdown to code: graded as unanswered" in notes
    assert _by_id(nb)["q2-answer"].source == "YOUR ANSWER HERE"


def test_a_missing_answer_and_a_non_notebook(release):
    sub = _student(release)
    sub["cells"] = [c for c in sub["cells"] if c["metadata"]["nbgrader"]["grade_id"] != "q1-answer"]
    nb, notes = rebuild(sub, release, GRADEBOOK)
    assert "answer cell q1-answer is missing: graded as unanswered" in notes
    with pytest.raises(ValueError, match="not a notebook"):
        rebuild({"cells": "nope"}, release, GRADEBOOK)
