"""Check-your-understanding questions: well formed, used by the lessons, and giving feedback."""

import json
import re

import pytest
from conftest import LESSONS

from facecourse.lessons import QUESTIONS, ask
from facecourse.quiz import ChoiceQuestion, NumberQuestion


def _asked_ids():
    ids = []
    for nb in LESSONS:
        for cell in json.loads(nb.read_text())["cells"]:
            ids += re.findall(r'fc\.ask\("([^"]+)"\)', "".join(cell["source"]))
    return ids


def test_every_question_a_lesson_asks_exists_and_belongs_to_that_lesson():
    for nb in LESSONS:
        for cell in json.loads(nb.read_text())["cells"]:
            for qid in re.findall(r'fc\.ask\("([^"]+)"\)', "".join(cell["source"])):
                assert qid in QUESTIONS, f"{nb.name} asks unknown question {qid}"
                assert nb.name.startswith(qid.split(".")[0]), f"{nb.name} asks another lesson's question {qid}"


def test_every_question_is_asked_somewhere():
    assert set(QUESTIONS) == set(_asked_ids())


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_every_choice_explains_itself(qid):
    q = QUESTIONS[qid]
    if isinstance(q, ChoiceQuestion):
        assert all(len(c.feedback) > 15 for c in q.choices)
    else:
        assert str(int(q.answer)) not in q.feedback_wrong.replace(",", ""), "a hint must not give the answer"


def test_choice_widget_gives_instant_feedback():
    w = ask("02.2")
    assert w.check() is None and "first" in w.feedback.value
    w.answer.value = "Both go down"
    assert w.check() is False and "Not quite" in w.feedback.value and "explorer" in w.feedback.value
    w.answer.value = "FMR goes down and FNMR goes up"
    w.button.click()
    assert "Right" in w.feedback.value


def test_number_widget_accepts_commas_and_explains_bad_input():
    w = ask("02.3")
    w.answer.value = "200,000"
    assert w.check() is True
    w.answer.value = "2000"
    assert w.check() is False and "proportion" in w.feedback.value
    w.answer.value = "lots"
    assert w.check() is None and "type a number" in w.feedback.value


def test_unknown_question_lists_known_ids():
    with pytest.raises(ValueError, match="unknown question '99.9'; known: 00.1"):
        ask("99.9")


def test_a_question_must_have_exactly_one_right_answer():
    from facecourse.quiz import Choice
    with pytest.raises(ValueError, match="exactly one"):
        ChoiceQuestion("x", "?", (Choice("a", True, "f"), Choice("b", True, "f")))
    assert NumberQuestion("y", "?", 1.0, 0.01, "ok", "hint").grade("1.005")[0]
