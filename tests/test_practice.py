"""make practice: self-study versions with instant checks that give nothing away.

Built for every assignment in assignments/source/ into a temporary folder, then run as a learner
would: blank, with the instructor's answers, and with the realistic submissions' answers.
"""

import json
import re

import nbformat
import pytest
from autograde_submissions import answers
from conftest import ASSIGNMENTS, REPO
from nbclient import NotebookClient
from realistic_submissions import given_answers
from test_realistic_submissions import MODULES

from facecourse.grading import variants
from facecourse.selfstudy import build as practice_build
from facecourse.selfstudy.practice import CHECKS_FILE, PROGRESS_FILE, Practice, PracticeError, canonical

OTHER_TERM = "ci-other-term"
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)[ \t]*### END SOLUTION", re.S)


@pytest.fixture(scope="module", params=[a.name for a in ASSIGNMENTS])
def built(request, tmp_path_factory):
    name = request.param
    expected = {}
    out = practice_build.build(name, out_root=tmp_path_factory.mktemp("practice"), expected_out=expected)
    source = nbformat.read(REPO / "assignments" / "source" / name / f"{name}.ipynb", 4)
    return name, out, source, expected


def _run(folder, name, given: dict[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """Run the practice notebook with `given` answers in its answer cells: (check output by question, errors)."""
    nb = nbformat.read(folder / f"{name}.ipynb", 4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if given and gid in given and cell.cell_type == "code":
            cell.source = given[gid]
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    checks, errors = {}, []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                errors.append(f"{cell.source[:60]!r}: {out.ename}: {out.evalue}")
        if cell.metadata.get("facecourse", {}).get("practice_cell") == "check":
            text = "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            checks[cell.metadata["facecourse"]["question"]] = text
    return checks, errors


def test_no_solution_hidden_test_or_expected_value_in_the_practice_files(built):
    name, out, source, expected = built
    text = "\n".join(p.read_text() for p in out.iterdir() if p.suffix in (".ipynb", ".json"))
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    for cell in source.cells:
        for block in HIDDEN.findall(cell.source) + SOLUTION.findall(cell.source):
            for line in block.splitlines():
                if len(line.strip()) > 15:
                    assert line.strip() not in text, f"solution or hidden test line in the practice version: {line}"
    for question, values in expected.items():
        for value in values:
            if len(value) >= 5 and value not in ("[]", "false"):  # short values (true, 0.5, 3) are everywhere
                assert value not in text, f"{question}: expected value {value} readable in the practice files"
    for cell in source.cells:  # model answers of written questions: shown by solution(), not stored beside
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and meta.get("solution") and cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                assert len(line.strip()) < 30 or line.strip() not in text, f"model answer in the practice files: {line}"


def test_blank_practice_runs_clean_and_every_check_says_not_attempted(built):
    name, out, _, _ = built
    checks, errors = _run(out, name)
    assert errors == []
    assert checks and all("not attempted" in text for text in checks.values()), checks


def test_the_instructors_answers_pass_every_check(built):
    name, out, source, expected = built
    checks, errors = _run(out, name, answers(source))
    assert errors == []
    assert all("right — all" in text for text in checks.values()), checks


@pytest.mark.parametrize("name", [a.name for a in ASSIGNMENTS])
def test_another_terms_practice_version_checks_that_terms_answers(name, tmp_path):
    """make practice on a variant: its hashes are that term's, so the term's own answers pass and the
    default's numbers do not."""
    variants.write(OTHER_TERM, tmp_path / "course", only=[name])
    source_root = tmp_path / "course" / "source"
    out = practice_build.build(name, out_root=tmp_path / "practice", source_root=source_root)
    source = nbformat.read(source_root / name / f"{name}.ipynb", 4)
    checks, errors = _run(out, name, answers(source))
    assert errors == [] and all("right — all" in text for text in checks.values()), checks
    default = nbformat.read(REPO / "assignments" / "source" / name / f"{name}.ipynb", 4)
    typed_in = {gid: code for gid, code in answers(default).items() if gid not in answers(source)
                or answers(source)[gid] != code}  # the default's answers where the term's differ
    if typed_in:
        checks, _ = _run(out, name, {**answers(source), **typed_in})
        assert any(text.startswith("✗") for text in checks.values()), "the default's answers pass another term's checks"


def test_realistic_wrong_answers_fail_their_checks_with_words_not_values(built):
    """Every question a realistic submission loses all its points on is reported as not right yet."""
    name, out, source, expected = built
    module = MODULES[name]
    spec = json.loads((out / CHECKS_FILE).read_text())
    seen_wrong = 0
    for student, sub in module.SUBMISSIONS.items():
        given = given_answers(sub, answers(source))
        checks, errors = _run(out, name, given)
        assert errors == [], f"{student}: {errors}"
        for question, q in spec["questions"].items():
            if q["kind"] != "code" or question not in checks:
                continue
            tests_cells = [tid for tid in sub["scores"] if any(
                c.metadata.get("facecourse", {}).get("practice", {}).get("question") == question
                and c.metadata["nbgrader"]["grade_id"] == tid for c in source.cells)]
            if tests_cells and all(sub["scores"][t] == 0 for t in tests_cells) and sub["answers"]:
                if any(gid in sub["answers"] for gid in q["answer_cells"]) or sub["base"] == "blank":
                    seen_wrong += 1
                    assert checks[question].startswith(("✗", "·")), f"{student} {question}: {checks[question]}"
                    for value in expected[question]:
                        if len(value) >= 5:
                            assert value not in checks[question], f"{student} {question} shows an expected value"
            if student.startswith("correct"):
                assert "right — all" in checks[question], f"{student} {question}: {checks[question]}"
    assert seen_wrong, "no realistic submission got a question wrong"


def test_hints_come_in_order_then_point_to_the_solution_which_asks_first(built):
    name, out, source, expected = built
    practice = Practice(name, namespace={}, folder=out)
    question = next(q for q, spec in practice.spec["questions"].items() if spec["kind"] == "code")
    hints = practice.spec["questions"][question]["hints"]
    for i, hint in enumerate(hints, start=1):
        assert practice.hint(question).startswith(f"Hint {i} of {len(hints)} for {question}: {hint}")
    assert "last hint" in practice.hint(question)
    first = practice.solution(question)
    assert "confirm=True" in first and "```" not in first
    shown = practice.solution(question, confirm=True)
    answer_cell = practice.spec["questions"][question]["answer_cells"][0]
    assert answers(source)[answer_cell].strip() in shown


def test_written_questions_show_rubric_and_model_answer_only_when_asked(built):
    name, out, source, expected = built
    practice = Practice(name, namespace={}, folder=out)
    written = [q for q, spec in practice.spec["questions"].items() if spec["kind"] == "written"]
    assert written
    for question in written:
        assert "Rubric" not in practice.solution(question)
        shown = practice.solution(question, confirm=True)
        assert "**Rubric**" in shown and "Model answer" in shown
        with pytest.raises(PracticeError, match="written question"):
            practice.check(question)


def test_progress_is_kept_only_when_asked_and_only_beside_the_notebook(built):
    name, out, source, expected = built
    (out / PROGRESS_FILE).unlink(missing_ok=True)
    ns = {}
    practice = Practice(name, namespace=ns, folder=out)
    question = practice.questions[0]
    practice.check(question)
    assert not (out / PROGRESS_FILE).exists()
    assert "this session only" in practice.progress()
    kept = Practice(name, namespace=ns, folder=out, keep_progress=True)
    kept.hint(question)
    kept.check(question)
    record = json.loads((out / PROGRESS_FILE).read_text())
    assert record["questions"][question]["hints_seen"] == 1 and "never sent anywhere" in record["note"]
    again = Practice(name, namespace=ns, folder=out, keep_progress=True)
    assert f"{question}: not attempted (1 hint)" in again.progress()
    (out / PROGRESS_FILE).unlink()


def test_the_practice_module_cannot_reach_the_network():
    text = (REPO / "facecourse" / "selfstudy" / "practice.py").read_text()
    assert not re.search(r"^\s*(import|from)\s+(socket|urllib|http|requests|ssl)\b", text, re.M)


def test_canonical_values_agree_for_equal_answers_written_differently():
    import numpy as np
    import pandas as pd
    assert canonical(0.1 + 0.2) == canonical(0.3) == canonical(np.float32(0.3))
    assert canonical([1, 2.0]) == canonical((1, 2)) == canonical(np.array([1, 2]))
    assert canonical({"b": 1, "a": 2}) == canonical(pd.Series({"a": 2, "b": 1}))
    assert canonical({3, 1}) == canonical(frozenset([1, 3]))
    assert canonical(True) != canonical(1) and canonical(" yes ") == canonical("yes")
    assert canonical(4799520, 5) == canonical(4799520.0, 5) == canonical(np.int64(4799520), 5)
    with pytest.raises(PracticeError, match="can't compare a object"):
        canonical(object())


def test_a_wrong_question_name_says_which_exist(built):
    name, out, _, _ = built
    practice = Practice(name, namespace={}, folder=out)
    with pytest.raises(PracticeError, match="the questions are"):
        practice.check("q99")
    with pytest.raises(PracticeError, match="run `make practice`"):
        Practice(name, namespace={}, folder=out.parent / "nowhere")


@pytest.mark.parametrize("built", ["ps2-demographic-audit"], indirect=True)  # its q2 has two answer cells
def test_a_question_half_answered_is_partly_done_not_wrong(built):
    name, out, source, _ = built
    practice = Practice(name, namespace={}, folder=out)
    multi = [q for q, spec in practice.spec["questions"].items() if spec["kind"] == "code" and len(spec["answer_cells"]) > 1]
    assert multi, f"{name} no longer has a question answered in several cells: pick another assignment"
    question = multi[0]
    first = practice.spec["questions"][question]["answer_cells"][0]
    ns = {}
    exec(compile("\n".join(c.source for c in source.cells if c.metadata.get("nbgrader", {}).get("locked")
                           and c.cell_type == "code" and "BEGIN" not in c.source
                           and not c.metadata["nbgrader"].get("grade")), "setup", "exec"), ns)
    for gid, code in answers(source).items():  # every earlier answer, and the first part of this question
        exec(code, ns)
        if gid == first:
            break
    report = Practice(name, namespace=ns, folder=out).check(question)
    assert report.status == "partly done" and report.pending > 0 and "haven't answered yet" in str(report), str(report)


def test_visible_tests_report_in_one_line_and_let_the_notebook_go_on(built, capsys):
    name, out, _, _ = built
    ns = {"answer": ...}
    practice = Practice(name, namespace=ns, folder=out)
    question = practice.questions[0]
    with practice.visible_tests(question):
        exec("assert answer <= 1", ns)  # run in the notebook's namespace, where answer is still `...`
    with practice.visible_tests(question):
        raise NotImplementedError()
    with practice.visible_tests(question):
        raise AssertionError("a share is between 0 and 1")
    with practice.visible_tests(question):
        pass
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"· visible tests for {question}: not attempted yet.", f"· visible tests for {question}: not attempted yet.",
                     f"✗ a visible test for {question} fails: a share is between 0 and 1",
                     f"✓ the visible tests for {question} pass (the self-check below checks more)."]
