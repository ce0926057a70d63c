"""The practice check logic on its own (facecourse/selfstudy/practice.py): fast, no kernel, no build.

tests/test_practice.py runs the built practice notebooks as a learner would; these tests pin the
pieces underneath -- the canonical text and its hash, how a check decides "right", "not right yet",
"partly done" and "not attempted", the one-line visible tests, hints, solutions and the progress
record -- on a hand-made ``practice-checks.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from facecourse.selfstudy import practice as practice_module
from facecourse.selfstudy.practice import (
    CHECKS_FILE,
    PROGRESS_FILE,
    CheckReport,
    Practice,
    PracticeError,
    canonical,
    digest,
)

SALT = "0123456789abcdef"
NAME = "ps0-toy"


def _spec() -> dict:
    """A toy assignment: q1 has two checks (a rate and a list), q2 two parts, q3 a 'problems' check, q4 is written."""
    def hashes(question, index, *values, digits=6):
        return sorted({digest(SALT, question, index, canonical(v, digits)) for v in values})

    return {"assignment": NAME, "salt": SALT, "questions": {
        "q1": {"kind": "code", "answer_cells": ["q1-answer"], "hints": ["first nudge", "bigger nudge"],
               "checks": [{"expr": "rate", "says": "the rate is not right", "digits": 6,
                           "hashes": hashes("q1", 0, 183 / 20000)},
                          {"expr": "sorted(groups)", "says": "the groups are not right", "digits": 6,
                           "hashes": hashes("q1", 1, ["A", "B"])}]},
        "q2": {"kind": "code", "answer_cells": ["q2a-answer", "q2b-answer"], "hints": ["only hint"],
               "checks": [{"expr": "first_part", "says": "part (a) is not right", "digits": 6,
                           "hashes": hashes("q2", 0, 1)},
                          {"expr": "second_part", "says": "part (b) is not right", "digits": 6,
                           "hashes": hashes("q2", 1, 2)}]},
        "q3": {"kind": "code", "answer_cells": ["q3-answer"], "hints": ["look at the figure"],
               "checks": [{"expr": "figure_problems", "says": "the figure is not right yet:", "digits": 6,
                           "kind": "problems"}]},
        "q4": {"kind": "written", "answer_cells": ["q4-answer"]},
    }}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / CHECKS_FILE).write_text(json.dumps(_spec()))
    return tmp_path


def _practice(folder, **ns):
    return Practice(NAME, namespace=dict(ns), folder=folder)


# -- canonical text and its hash ----------------------------------------------------------------

def test_canonical_keeps_six_significant_digits_so_a_wrong_denominator_is_a_wrong_rate():
    # 183 false matches among 20,000 impostor scores, against the same count divided by n - 1
    assert canonical(183 / 20000) == "0.00915"
    assert canonical(183 / 19999) == "0.00915046"
    assert canonical(183 / 19999) != canonical(183 / 20000)
    assert canonical(4799520, 5) == "4.7995e+06" and canonical(4799520) == "4.79952e+06"
    assert canonical(0.1234565, 4) == "0.1235"


def test_canonical_forms_of_each_kind_of_value():
    assert canonical(True) == "true" and canonical(np.bool_(False)) == "false"
    assert canonical(float("nan")) == "nan" and canonical(-0.0) == "0" and canonical(0) == "0"
    assert canonical(None) == "null"
    assert canonical("  oppose ") == '"oppose"'
    assert canonical([1, "a", None]) == '[1,"a",null]'
    assert canonical((2, 1)) == "[2,1]" and canonical({2, 1}) == "{1,2}"
    assert canonical({"b": 1, "a": [2]}) == '{"a":[2],"b":1}'
    assert canonical(pd.Series([0.5, 1.0], index=["x", "y"])) == '{"x":0.5,"y":1}'
    assert canonical(pd.DataFrame({"fmr": [0.25], "fnmr": [0.5]}, index=["A"])) == '{"fmr":{"A":0.25},"fnmr":{"A":0.5}}'
    assert canonical(pd.Index([3, 4])) == "[3,4]" and canonical(np.array([[1, 2]])) == "[[1,2]]"
    assert canonical([0.123456789], 3) == "[0.123]" and canonical({"k": 0.123456789}, 3) == '{"k":0.123}'
    assert canonical(pd.Series({"r": 0.987654}), 2) == '{"r":0.99}'
    with pytest.raises(PracticeError, match="a check can't compare a builtin_function_or_method"):
        canonical(len)


def test_digest_depends_on_every_part():
    base = digest(SALT, "q1", 0, "0.5")
    assert len(base) == 64
    assert len({base, digest("other salt", "q1", 0, "0.5"), digest(SALT, "q2", 0, "0.5"),
                digest(SALT, "q1", 1, "0.5"), digest(SALT, "q1", 0, "0.25")}) == 5


# -- check -------------------------------------------------------------------------------------

def test_a_right_answer_passes_every_check(folder):
    report = _practice(folder, rate=183 / 20000, groups=["B", "A"]).check("q1")
    assert (report.status, report.failed, report.total, report.pending) == ("right", [], 2, 0)
    assert report.passed and str(report) == "✓ q1: right — all 2 checks pass."
    assert repr(report) == str(report)


def test_a_wrong_answer_says_which_expectation_failed_but_not_the_value(folder):
    report = _practice(folder, rate=183 / 19999, groups=["A", "B"]).check("q1")
    assert report.status == "not right yet" and not report.passed
    assert report.failed == ["the rate is not right"]
    assert str(report) == ('✗ q1: not right yet — 1 of 2 checks fail:\n  - the rate is not right\n'
                           '  practice.hint("q1") gives a hint.')
    assert "0.00915" not in str(report)


def test_nothing_answered_is_not_attempted_and_never_a_mistake(folder):
    for ns in ({}, {"rate": ..., "groups": ...}):
        report = _practice(folder, **ns).check("q1")
        assert (report.status, report.failed, report.pending) == ("not attempted", [], 2)
        assert str(report).startswith("· q1: not attempted yet — write your answer in the cell above")


def test_the_placeholder_exception_counts_as_not_attempted(folder):
    def placeholder():
        raise NotImplementedError()

    ns = {"rate": 183 / 20000, "groups": ["A", "B"], "placeholder": placeholder}
    p = Practice(NAME, namespace=ns, folder=folder)
    p.spec["questions"]["q1"]["checks"][1]["expr"] = "placeholder()"
    assert p.check("q1").status == "partly done"


def test_names_bound_inside_the_check_expression_are_not_the_learners(folder):
    p = _practice(folder, rate=183 / 20000, groups=["A", "B"])
    p.spec["questions"]["q1"]["checks"][1]["expr"] = "[g for g in sorted(groups)]"
    p.spec["questions"]["q1"]["checks"][0]["expr"] = "(lambda x: x)(rate)"
    assert p.check("q1").status == "right"


def test_half_answered_is_partly_done_and_says_how_many_checks_wait(folder):
    report = _practice(folder, first_part=1).check("q2")
    assert (report.status, report.pending, report.failed) == ("partly done", 1, [])
    assert str(report) == ("✓ q2: so far so good — the 1 checks of what you've answered pass; "
                           "1 more check wait for parts you haven't answered yet.")
    wrong = _practice(folder, first_part=5).check("q2")
    assert wrong.status == "not right yet"
    assert "1 of 2 checks fail; 1 more check wait for parts you haven't answered yet:" in str(wrong)


def test_pending_checks_are_counted_in_the_plural(folder):
    p = _practice(folder, rate=0.5)
    p.spec["questions"]["q1"]["checks"].append(dict(p.spec["questions"]["q1"]["checks"][1]))
    report = p.check("q1")
    assert report.pending == 2 and "2 more checks wait" in str(report)


def test_learner_code_that_raises_is_reported_in_their_terms(folder):
    class Broken:
        def __lt__(self, other):
            raise ZeroDivisionError("division by zero")

    report = _practice(folder, rate=183 / 20000, groups=[Broken(), Broken()]).check("q1")
    assert report.status == "not right yet"
    assert report.failed == ["the groups are not right (Running it raised ZeroDivisionError: division by zero)"]


def test_a_value_of_a_kind_no_check_expects_is_named(folder):
    report = _practice(folder, rate=object(), groups=["A", "B"]).check("q1")
    assert report.failed == ["the rate is not right (got a object, which this question doesn't expect)"]


def test_problems_checks_list_what_is_wrong_in_words(folder):
    assert _practice(folder, figure_problems=[]).check("q3").status == "right"
    report = _practice(folder, figure_problems=["no title", "the y axis has no units."]).check("q3")
    assert report.failed == ["the figure is not right yet: no title. the y axis has no units."]
    report = _practice(folder, figure_problems="no title").check("q3")
    assert report.failed == ["the figure is not right yet:"]


def test_unknown_and_written_questions_are_refused_with_the_way_out(folder):
    p = _practice(folder)
    with pytest.raises(PracticeError, match=r"no question 'q9' in ps0-toy; the questions are q1, q2, q3, q4"):
        p.check("q9")
    with pytest.raises(PracticeError, match=r"q4 is a written question: practice.solution\('q4'\) shows"):
        p.check("q4")
    assert p.questions == ["q1", "q2", "q3", "q4"]


def test_a_checks_file_for_another_assignment_or_none_is_refused(folder, tmp_path_factory):
    with pytest.raises(PracticeError, match=r"is for 'ps0-toy', not 'ps9'"):
        Practice("ps9", namespace={}, folder=folder)
    empty = tmp_path_factory.mktemp("empty")
    with pytest.raises(PracticeError, match=r"no practice-checks.json for 'ps0-toy' in .*run `make practice`"):
        Practice(NAME, namespace={}, folder=empty)


def test_the_checks_file_is_found_in_the_current_folder_first(folder, monkeypatch):
    monkeypatch.chdir(folder)
    assert Practice(NAME, namespace={}).folder == folder


def test_without_a_namespace_the_running_notebooks_is_used_or_the_fix_is_named(folder, monkeypatch):
    import IPython

    p = Practice(NAME, folder=folder)
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    with pytest.raises(PracticeError, match=r"no notebook is running: pass namespace=globals\(\)"):
        p.check("q1")

    class Shell:
        user_ns = {"rate": 183 / 20000, "groups": ["A", "B"]}

    monkeypatch.setattr(IPython, "get_ipython", lambda: Shell())
    assert p.check("q1").status == "right"


# -- visible tests: one line, and the notebook goes on -----------------------------------------

def _visible(folder, capsys, ns, code=None, exc=None):
    p = Practice(NAME, namespace=ns, folder=folder)
    with p.visible_tests("q1"):
        if code is not None:
            exec(code, ns)
        if exc is not None:
            raise exc
    return capsys.readouterr().out


@pytest.mark.parametrize("code", ["assert answer <= 1", "len(answer)", "answer.mean()", "assert answer + 1 > 0"])
def test_a_placeholder_left_in_place_is_not_attempted_not_a_type_error(folder, capsys, code):
    out = _visible(folder, capsys, {"answer": ...}, code)
    assert out == "· visible tests for q1: not attempted yet.\n"


def test_an_error_naming_a_placeholder_variable_is_not_attempted(folder, capsys):
    out = _visible(folder, capsys, {"answer": ...}, exc=ValueError("answer must be a number"))
    assert out == "· visible tests for q1: not attempted yet.\n"
    out = _visible(folder, capsys, {"answer": 0.5, "_hidden": ...}, exc=ValueError("_hidden must be a number"))
    assert out == "✗ a visible test for q1 stopped with ValueError: _hidden must be a number\n"


def test_visible_tests_outcomes_in_one_line_each(folder, capsys):
    ns = {"answer": 0.5}
    assert _visible(folder, capsys, ns, "assert answer <= 1") == (
        "✓ the visible tests for q1 pass (the self-check below checks more).\n")
    assert _visible(folder, capsys, ns, "assert answer > 1, 'a share is more than 1?'") == (
        "✗ a visible test for q1 fails: a share is more than 1?\n")
    assert _visible(folder, capsys, ns, "assert answer > 1") == "✗ a visible test for q1 fails.\n"
    assert _visible(folder, capsys, ns, "undefined_name") == "· visible tests for q1: not attempted yet.\n"
    assert _visible(folder, capsys, ns, exc=NotImplementedError()) == "· visible tests for q1: not attempted yet.\n"
    assert _visible(folder, capsys, ns, "1 / 0") == (
        "✗ a visible test for q1 stopped with ZeroDivisionError: division by zero\n")


def test_an_interrupt_is_not_swallowed_by_visible_tests(folder, capsys):
    with pytest.raises(KeyboardInterrupt):
        _visible(folder, capsys, {}, exc=KeyboardInterrupt())
    assert capsys.readouterr().out == ""


def test_visible_tests_for_an_unknown_question_are_refused(folder):
    with pytest.raises(PracticeError, match="no question 'q7'"):
        _practice(folder).visible_tests("q7")


# -- hints, solutions, progress ---------------------------------------------------------------

def test_hints_come_one_at_a_time_then_point_to_the_solution(folder):
    p = _practice(folder)
    assert p.hint("q1") == "Hint 1 of 2 for q1: first nudge (run again for hint 2)"
    assert p.hint("q1") == ("Hint 2 of 2 for q1: bigger nudge — that was the last hint; "
                            "practice.solution('q1') shows the worked solution.")
    assert p.hint("q1").startswith("Hint 2 of 2 for q1: bigger nudge")
    assert repr(p.hint("q2")) == ("Hint 1 of 1 for q2: only hint — that was the last hint; "
                                  "practice.solution('q2') shows the worked solution.")
    p.spec["questions"]["q2"]["hints"] = []
    assert p.hint("q2") == "There are no hints for q2; practice.solution('q2') shows the worked solution."


def _source_notebook(repo):
    cells = [nbformat.v4.new_code_cell("### BEGIN SOLUTION\nrate = 183 / 20000\n### END SOLUTION"),
             nbformat.v4.new_markdown_cell("People refused bear the cost.")]
    cells[0].metadata["nbgrader"] = {"grade_id": "q1-answer", "solution": True}
    cells[1].metadata["nbgrader"] = {"grade_id": "q4-answer", "solution": True, "grade": True}
    cells[1].metadata["facecourse"] = {"rubric": {"criteria": [{"criterion": "names who bears the cost", "levels": [
        {"points": 0, "descriptor": "does not"}, {"points": 2, "descriptor": "names them"}]}]}}
    nb = nbformat.v4.new_notebook(cells=cells)
    path = repo / "assignments" / "source" / NAME / f"{NAME}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nb, path)


def test_solutions_ask_first_then_show_the_worked_solution_without_markers(folder, tmp_path_factory, monkeypatch):
    repo = tmp_path_factory.mktemp("repo")
    monkeypatch.setattr(practice_module, "REPO", repo)
    p = _practice(folder)
    first = p.solution("q1")
    assert first.startswith("Looking at the worked solution is the end of practising q1")
    assert "practice.solution('q1', confirm=True)" in first and first.markdown is False
    assert first._repr_markdown_() is None
    assert p.solution("q4").startswith("Write your own answer to q4 first")
    assert "not on this computer" in p.solution("q1", confirm=True)
    _source_notebook(repo)
    shown = p.solution("q1", confirm=True)
    assert shown == ("## q1: a worked solution\n\n```python\nrate = 183 / 20000\n```\n\n"
                     "Other answers that pass every check are just as right.")
    assert shown._repr_markdown_() == shown
    written = p.solution("q4", confirm=True)
    assert written.startswith("## q4: rubric and model answer\n\n") and "names who bears the cost" in written
    assert written.endswith("People refused bear the cost.")


def test_progress_is_reported_per_question(folder, tmp_path_factory, monkeypatch):
    repo = tmp_path_factory.mktemp("repo")
    monkeypatch.setattr(practice_module, "REPO", repo)
    _source_notebook(repo)
    ns = {"rate": 183 / 20000, "groups": ["A", "B"]}
    p = Practice(NAME, namespace=ns, folder=folder)
    p.check("q1")
    ns["rate"] = 0.5
    p.check("q1")
    p.hint("q2")
    p._record("q3", solution_seen=True)
    p.solution("q4", confirm=True)
    lines = str(p.progress()).splitlines()
    assert lines[0] == ("Progress on ps0-toy (this session only; Practice(..., keep_progress=True) keeps a record "
                        "on this computer):")
    assert lines[1:] == ["  q1: not right yet (was right before)", "  q2: not checked yet (1 hint)",
                         "  q3: not checked yet (solution seen)", "  q4: model answer seen"]
    assert not (folder / PROGRESS_FILE).exists()


def test_a_kept_record_stays_beside_the_notebook_and_is_read_back(folder):
    ns = {"rate": 183 / 20000, "groups": ["A", "B"]}
    kept = Practice(NAME, namespace=ns, folder=folder, keep_progress=True)
    kept.hint("q1")
    kept.hint("q1")
    kept.check("q1")
    record = json.loads((folder / PROGRESS_FILE).read_text())
    assert record["assignment"] == NAME and "never sent anywhere" in record["note"]
    q1 = record["questions"]["q1"]
    assert q1["hints_seen"] == 2 and q1["status"] == "right" and q1["ever_right"] is True and "checked" in q1
    again = Practice(NAME, namespace=ns, folder=folder, keep_progress=True)
    assert f"(kept in {folder / PROGRESS_FILE}, on this computer only):" in again.progress()
    assert "  q1: right (2 hints)" in again.progress().splitlines()
    assert again.hint("q1").startswith("Hint 2 of 2")
    assert "q4: written: compare with the model answer when done" in again.progress()


def test_check_report_statuses_read_as_sentences():
    assert str(CheckReport("q5", "not attempted")).startswith("· q5: not attempted yet")
    assert not CheckReport("q5", "partly done", total=3, pending=1).passed
    assert str(CheckReport("q5", "partly done", total=3, pending=2)) == (
        "✓ q5: so far so good — the 1 checks of what you've answered pass; 2 more checks wait for parts you "
        "haven't answered yet.")


# -- found by make mutation: digits, several failures, the record's details, the folders searched ----------

def test_a_check_compares_at_its_own_number_of_digits(folder):
    p = _practice(folder, rate=0.1234)
    p.spec["questions"]["q1"]["checks"] = [{"expr": "rate", "says": "rate", "digits": 3,
                                            "hashes": [digest(SALT, "q1", 0, canonical(0.123, 3))]}]
    assert p.check("q1").status == "right", "0.1234 and 0.123 agree to 3 significant digits"
    p.spec["questions"]["q1"]["checks"][0]["digits"] = 4
    assert p.check("q1").status == "not right yet"


def test_every_failing_check_is_listed(folder):
    report = _practice(folder, rate=0.5, groups=["C"]).check("q1")
    assert report.failed == ["the rate is not right", "the groups are not right"]
    assert "2 of 2 checks fail" in str(report)


def test_canonical_passes_its_digits_down_into_every_container():
    assert canonical(pd.DataFrame({"a": [0.123456789]}), 3) == '{"a":{0:0.123}}'
    assert canonical(np.array([0.123456789]), 3) == "[0.123]"
    assert canonical({0.123456789}, 3) == "{0.123}"
    assert canonical({0.123456789: "x"}, 3) == '{0.123:"x"}'


def test_the_record_has_a_utc_time_a_note_and_is_readable(folder):
    kept = Practice(NAME, namespace={"rate": 0.5}, folder=folder, keep_progress=True)
    kept.check("q1")
    text = (folder / PROGRESS_FILE).read_text()
    assert text.startswith('{\n "assignment": "ps0-toy",\n "note": ')
    record = json.loads(text)
    assert record["note"] == ("Written by facecourse.selfstudy on this computer only; never sent anywhere. "
                              "Delete this file to forget.")
    assert record["questions"]["q1"]["checked"].endswith("+00:00") and "T" in record["questions"]["q1"]["checked"]


def test_an_old_or_partial_record_is_read_without_fuss(folder):
    (folder / PROGRESS_FILE).write_text(json.dumps({"assignment": NAME}))
    assert Practice(NAME, namespace={}, folder=folder, keep_progress=True).hint("q1").startswith("Hint 1 of 2")
    (folder / PROGRESS_FILE).write_text(json.dumps({"assignment": NAME, "questions": {"q1": {"status": "right"}}}))
    again = Practice(NAME, namespace={}, folder=folder, keep_progress=True)
    assert again.hint("q1").startswith("Hint 1 of 2")


def test_hints_and_a_seen_solution_are_both_listed_in_progress(folder, tmp_path_factory, monkeypatch):
    repo = tmp_path_factory.mktemp("repo")
    monkeypatch.setattr(practice_module, "REPO", repo)
    _source_notebook(repo)
    p = _practice(folder)
    p.hint("q1")
    p.solution("q1", confirm=True)
    assert "  q1: not checked yet (1 hint, solution seen)" in p.progress().splitlines()


def test_without_a_folder_the_course_practice_folder_is_searched_and_named(folder, tmp_path_factory, monkeypatch):
    repo = tmp_path_factory.mktemp("repo")
    monkeypatch.setattr(practice_module, "REPO", repo)
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    with pytest.raises(PracticeError) as err:
        Practice(NAME, namespace={})
    assert str(err.value) == (f"no {CHECKS_FILE} for 'ps0-toy' in {Path.cwd()}, {repo / 'assignments' / 'practice' / NAME}: "
                              "run `make practice` in the course folder first")
    home = repo / "assignments" / "practice" / NAME
    home.mkdir(parents=True)
    (home / CHECKS_FILE).write_text((folder / CHECKS_FILE).read_text())
    assert Practice(NAME, namespace={}).folder == home


def test_no_notebook_message_in_full(folder, monkeypatch):
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    with pytest.raises(PracticeError) as err:
        Practice(NAME, folder=folder).check("q1")
    assert str(err.value) == "no notebook is running: pass namespace=globals()"


def test_a_solution_in_several_cells_and_a_source_with_plain_cells(folder, tmp_path_factory, monkeypatch):
    repo = tmp_path_factory.mktemp("repo")
    monkeypatch.setattr(practice_module, "REPO", repo)
    _source_notebook(repo)
    path = repo / "assignments" / "source" / NAME / f"{NAME}.ipynb"
    nb = nbformat.read(path, 4)
    for gid, code in (("q2a-answer", "first_part = 1"), ("q2b-answer", "second_part = 2")):
        cell = nbformat.v4.new_code_cell(f"### BEGIN SOLUTION\n{code}\n### END SOLUTION")
        cell.metadata["nbgrader"] = {"grade_id": gid, "solution": True}
        nb.cells.append(cell)
    nb.cells.append(nbformat.v4.new_markdown_cell("A plain cell, no nbgrader metadata."))
    nbformat.write(nb, path)
    shown = _practice(folder).solution("q2", confirm=True)
    assert shown == ("## q2: a worked solution\n\n```python\nfirst_part = 1\n```\n\n```python\nsecond_part = 2\n```"
                     "\n\nOther answers that pass every check are just as right.")
    written = _practice(folder).solution("q4", confirm=True)
    assert written.markdown is True and written._repr_markdown_() == str(written)


def test_every_check_is_run_whatever_the_ones_before_it_did(folder):
    p = _practice(folder, rate=0.5, groups=["A", "B"])
    q = p.spec["questions"]["q1"]
    q["checks"] = [{"expr": "not_yet", "says": "pending", "digits": 6, "hashes": []},
                   {"expr": "1 / 0", "says": "raises", "digits": 6, "hashes": []},
                   {"expr": "rate", "says": "wrong", "digits": 6, "hashes": []},
                   {"expr": "['no title']", "says": "problems:", "digits": 6, "kind": "problems"},
                   {"expr": "sorted(groups)", "says": "groups", "hashes": [digest(SALT, "q1", 4, canonical(["A", "B"]))]}]
    report = p.check("q1")
    assert report.failed == ["raises (Running it raised ZeroDivisionError: division by zero)", "wrong", "problems: no title."]
    assert (report.pending, report.total) == (1, 5)


def test_a_check_without_digits_compares_at_six(folder):
    p = _practice(folder, rate=0.1234564)
    p.spec["questions"]["q1"]["checks"] = [{"expr": "rate", "says": "rate",
                                            "hashes": [digest(SALT, "q1", 0, canonical(0.123456))]}]
    assert p.check("q1").status == "right"
