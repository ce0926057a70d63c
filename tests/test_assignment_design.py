"""The assignments grade reasoning, not look-ups: read from the source notebooks themselves.

Every graded cell says what kind of point it gives (``metadata.facecourse.kind``); from the cells'
own nbgrader points these tests compute the share that rewards reasoning, check the questions that
used to be answerable without thought, and hold every model answer to its own rubric.
"""

import ast
import difflib
import inspect
import json
import re

import nbformat
import numpy as np
import pytest
from conftest import ASSIGNMENTS, LESSONS

import facecourse as fc
from facecourse.data import synthetic
from facecourse.grading import rubric_grades, variants

KINDS = {"computation", "structured reasoning", "written"}
REASONING = {"structured reasoning", "written"}
PASS_MARK, TOP_MARK = 0.5, 0.85
# A student weak in argument is assumed to earn at most half of the reasoning points (the middle
# level of each rubric criterion, a lucky half of the structured parts).
WEAK_ARGUMENT_SHARE = 0.5
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS\n?", re.S)
NOTES = re.compile(r"<details><summary>Grading notes: why this earns full marks, criterion by criterion</summary>"
                   r"(?P<notes>.*?)</details>", re.S)


def _source(name):
    return nbformat.read(next(p for p in ASSIGNMENTS if p.name == name) / f"{name}.ipynb", 4)


def _graded(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]


def _points_by_kind(nb) -> dict[str, float]:
    out = dict.fromkeys(KINDS, 0.0)
    for cell in _graded(nb):
        out[cell.metadata["facecourse"]["kind"]] += cell.metadata["nbgrader"]["points"]
    return out


def _cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _setup_namespace(nb) -> dict:
    """Run the locked code cells that come before the first answer (the setup a student starts from)."""
    ns: dict = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            break
        if cell.cell_type == "code" and meta.get("locked") and "display(" not in cell.source:
            exec(compile(cell.source, meta["grade_id"], "exec"), ns)
    return ns


@pytest.mark.parametrize("folder", ASSIGNMENTS, ids=lambda p: p.name)
def test_every_graded_cell_says_what_kind_of_point_it_gives(folder):
    nb = _source(folder.name)
    for cell in _graded(nb):
        kind = cell.metadata.get("facecourse", {}).get("kind")
        gid = cell.metadata["nbgrader"]["grade_id"]
        assert kind in KINDS, f"{folder.name} {gid}: metadata.facecourse.kind should be one of {sorted(KINDS)}"
        written = cell.cell_type == "markdown" and cell.metadata["nbgrader"].get("solution")
        assert (kind == "written") == bool(written), f"{gid}: 'written' is exactly the cells graded by hand"


def test_reasoning_carries_at_least_45_percent_of_all_points_and_a_pass_in_every_assignment():
    totals = dict.fromkeys(KINDS, 0.0)
    for folder in ASSIGNMENTS:
        by_kind = _points_by_kind(_source(folder.name))
        total = sum(by_kind.values())
        reasoning = sum(by_kind[k] for k in REASONING) / total
        # a student strong in argument and weak in pandas passes on the reasoning points alone ...
        assert reasoning >= PASS_MARK, f"{folder.name}: only {reasoning:.0%} of the points reward reasoning"
        # ... and one strong in pandas and weak in argument cannot reach a top mark
        best_without_argument = (by_kind["computation"] + WEAK_ARGUMENT_SHARE * reasoning * total) / total
        assert best_without_argument < TOP_MARK, f"{folder.name}: {best_without_argument:.0%} without argument"
        for k in KINDS:
            totals[k] += by_kind[k]
    share = sum(totals[k] for k in REASONING) / sum(totals.values())
    assert share >= 0.45, f"across ps1-ps4 only {share:.0%} of the points reward reasoning"


@pytest.mark.parametrize("folder", ASSIGNMENTS, ids=lambda p: p.name)
def test_the_brief_states_the_points_the_cells_give(folder):
    nb = _source(folder.name)
    by_kind = _points_by_kind(nb)
    total, manual = sum(by_kind.values()), by_kind["written"]
    brief = nb.cells[0].source
    assert f"**Points:** {total:g} — {total - manual:g} marked automatically" in brief, brief[:400]
    assert f"{manual:g} marked by your instructor" in brief


def test_a_constant_threshold_fails_ps1_question_3s_visible_test():
    visible = HIDDEN.sub("", _cell(_source("ps1-error-rates"), "q3-tests").source)

    def run(function):
        exec(visible, {"np": np, "threshold_for_fmr": function})

    run(lambda scores, target: fc.verification.threshold_for_fmr(scores, target))  # a right answer passes
    for constant in (1.0, 0.7, 0.85, 0.0):
        with pytest.raises(AssertionError):
            run(lambda scores, target, c=constant: c)


def test_no_ps3_answer_can_be_read_from_what_its_setup_loads():
    nb = _source("ps3-consent-proportionality")
    setup = "\n".join(c.source for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("locked"))
    for reader in ("face_use_tests", "face_use_scenarios", "scenario_tests", "scenarios()", "tests_for", "reading("):
        assert reader not in setup, f"ps3's setup reads {reader}: the lessons' readings hold answers"
    ns = _setup_namespace(nb)
    loaded = json.dumps({k: (v.astype(str).to_dict("list") if hasattr(v, "to_dict") else v) for k, v in ns.items()
                         if not k.startswith("_") and not callable(v) and not inspect.ismodule(v)},
                        default=lambda o: sorted(map(str, o)) if isinstance(o, (set, frozenset)) else str(o)).lower()
    for word in ("showroom", "kohler", "toilet", "ride-hailing", "rideshare", "kindergarten", "mercadona",
                 "supermarket", "clock in", "clockin"):
        mentions = loaded.count(word)
        expected = loaded.count(f'"{word}-') if word in ("showroom", "toilet", "rideshare", "kindergarten", "supermarket", "clockin") else 0
        assert mentions == expected, f"the data ps3's setup loads mention {word!r} beyond the scenario ids"


def _lesson_text() -> str:
    """Everything the lessons show: markdown, stored outputs, and the key numbers their modules print."""
    parts = []
    for path in LESSONS:
        for cell in nbformat.read(path, 4).cells:
            parts.append(cell.source)
            for out in cell.get("outputs", []):
                parts.append(str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", "")))
    for n in range(9):
        module = getattr(fc, f"lesson{n:02d}")
        for _, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not inspect.signature(function).parameters:
                parts.append(str(function()))
    return "\n".join(parts)


@pytest.mark.parametrize("term", [variants.DEFAULT_TERM, "ci-other-term"])
def test_no_lesson_prints_ps4s_numbers(term):
    p = variants.parameters("ps4-policy-memo", term)
    registry, log = synthetic.town(**p["TOWN"])
    numbers = [f"{len(registry):,}", f"{len(log):,}", f"{int(log['trips_in_week'].sum()):,}"]
    for i in range(len(variants.ps4.ATTRIBUTES)):
        k = fc.linkage.k_anonymity(registry, list(variants.ps4.ATTRIBUTES[: i + 1]))
        numbers += [f"{k.share_unique:.1%}"] if 0.02 < k.share_unique < 0.999 else []  # tiny shares are everywhere
        # a count under 1,000 turns up in nine lessons by coincidence ("reported at 360 flags" in lesson 05);
        # the lessons' own town would show in the large counts and the shares
        numbers += [f"{k.k:,}"] if k.k >= 1_000 else []
    join = fc.linkage.join_counts(registry, log, p["LINK_ON"])
    numbers += [f"{join.linked_to_one:,}", f"{join.trips_linked_to_one:,}"]
    text = _lesson_text()
    shown = [n for n in numbers if re.search(rf"(?<![\d.,]){re.escape(n)}(?![\d]|[.,]\d)", text)]
    assert not shown, f"a lesson prints ps4's expected numbers {shown}: ps4 must use parameters no lesson shows"


def _model_answers():
    for folder in ASSIGNMENTS:
        nb = _source(folder.name)
        for cell in _graded(nb):
            if cell.metadata["facecourse"]["kind"] == "written":
                question = cell.metadata["nbgrader"]["grade_id"].replace("-answer", "-text")
                yield folder.name, cell, _cell(nb, question).source


@pytest.mark.parametrize("name, cell, question", list(_model_answers()), ids=lambda x: x if isinstance(x, str) and x.startswith("ps") else "")
def test_every_model_answer_meets_every_criterion_of_its_own_rubric(name, cell, question):
    rubric = cell.metadata["facecourse"]["rubric"]
    found = NOTES.search(cell.source)
    assert found, f"{name}: the model answer has no grading notes, criterion by criterion"
    scores, problems = rubric_grades.parse_comment(rubric, found["notes"])
    assert not problems, problems
    for criterion in rubric["criteria"]:
        top = max(level["points"] for level in criterion["levels"])
        assert scores.get(criterion["criterion"]) == top, f"{name}: {criterion['criterion']!r} is not at its top level"
    assert sum(scores.values()) == cell.metadata["nbgrader"]["points"]
    body = MARKUP.sub("", NOTES.sub("", cell.source))
    for line in found["notes"].strip().splitlines():
        if line.strip():
            quotes = re.findall(r'"([^"]{12,}?)"', line)
            assert quotes, f"{name}: a note should quote the model answer where it meets the criterion: {line[:80]}"
            for quote in quotes:
                assert MARKUP.sub("", quote) in body, f"{name}: the note quotes {quote!r}, which the model answer does not say"


MARKUP = re.compile(r"<!--v [a-z0-9_]+-->|<!--/v-->|\*\*|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")


@pytest.mark.parametrize("name, cell, question", list(_model_answers()), ids=lambda x: x if isinstance(x, str) and x.startswith("ps") else "")
def test_every_model_answer_is_about_as_long_as_its_question_asks(name, cell, question):
    body = re.sub(r"\[[^\]]*\]", "", NOTES.sub("", MARKUP.sub("", cell.source)))  # without the notes to graders
    words = len(re.findall(r"[\w'’-]+", body.split("removed from the released version):", 1)[1]))
    asked = re.search(r"about (\d+) words(?: \((\d+)–(\d+)\))?|(\d+) to (\d+) words", question)
    assert asked, f"{name}: the question should say how long the answer is"
    if asked[1]:
        low, high = (int(asked[2]), int(asked[3])) if asked[2] else (0.7 * int(asked[1]), 1.4 * int(asked[1]))
    else:
        low, high = int(asked[4]), int(asked[5])
    assert low <= words <= high, f"{name}: the model answer has {words} words; the question asks for {asked[0]}"


def _lesson_checks():
    for n in range(9):
        for q in getattr(fc, f"lesson{n:02d}").QUESTIONS:
            right = [c.text for c in getattr(q, "choices", ()) if c.correct]
            yield q.id, q.prompt, right


def _assignment_options():
    """Every string a student chooses from: the option, statement and claim cells of every assignment."""
    for folder in ASSIGNMENTS:
        for cell in _source(folder.name).cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("locked") and not meta.get("grade"):
                for node in ast.walk(ast.parse(cell.source)):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 15:
                        yield folder.name, node.value


def test_no_structured_question_repeats_a_lesson_check():
    options = list(_assignment_options())
    assert options
    for qid, prompt, right in _lesson_checks():
        for answer in right:
            for name, option in options:
                ratio = difflib.SequenceMatcher(None, answer.lower(), option.lower()).ratio()
                assert ratio < 0.75, f"{name} offers {option!r}, the right answer of lesson check {qid}"
