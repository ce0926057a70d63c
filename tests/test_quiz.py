"""Check-your-understanding questions and predictions: well formed, used by the lessons, giving
feedback, and measuring understanding rather than test-taking (where the right answer sits, how long
it is, what the wrong answers say)."""

import collections
import json
import os
import re
import subprocess
import sys

import pytest
from conftest import LESSONS

from facecourse.lessons import PREDICTIONS, QUESTIONS, ask, predict
from facecourse.quiz import Choice, ChoiceQuestion, NumberQuestion, Prediction, shown_order

CHOICE_QUESTIONS = [q for q in QUESTIONS.values() if isinstance(q, ChoiceQuestion)]
MAX_SHARE_AT_ONE_POSITION = 0.35
MAX_SHARE_RIGHT_IS_LONGEST = 1 / 3
# Options that can be picked without knowing anything, or that reward test-taking over reading.
GIVEAWAY_OPTIONS = re.compile(r"\b(all|none|both|neither) of (the above|these|them|the (options|answers|choices))\b"
                              r"|^(both|neither) [a-d]\b|\b[a-d]\) and [a-d]\)", re.I)


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
    q = QUESTIONS["02.2"]
    wrong = next(c for c in q.choices if not c.correct)
    right = next(c for c in q.choices if c.correct)
    assert w.check() is None and "first" in w.feedback.value
    w.answer.value = wrong.text
    assert w.check() is False and "Not quite" in w.feedback.value and wrong.feedback in w.feedback.value
    w.answer.value = right.text
    w.button.click()
    assert "Right" in w.feedback.value


# -- where the right answer sits, and what the wrong ones say --------------------------------------------

def _right_index(q):
    return [c.correct for c in q.choices].index(True)


def _position_shares(positions):
    counts = collections.Counter(positions)
    return {pos: n / len(positions) for pos, n in sorted(counts.items())}


def test_no_option_position_holds_more_than_35_percent_of_the_right_answers():
    source = _position_shares([_right_index(q) for q in CHOICE_QUESTIONS])
    shown = _position_shares([shown_order(q.id, len(q.choices)).index(_right_index(q)) for q in CHOICE_QUESTIONS])
    assert max(source.values()) <= MAX_SHARE_AT_ONE_POSITION, f"right answers by position in the source: {source}"
    assert max(shown.values()) <= MAX_SHARE_AT_ONE_POSITION, f"right answers by position as shown: {shown}"


def test_the_right_answer_is_the_longest_option_in_at_most_a_third_of_the_questions():
    longest = [q.id for q in CHOICE_QUESTIONS
               if len(q.choices[_right_index(q)].text) > max(len(c.text) for c in q.choices if not c.correct)]
    assert len(longest) / len(CHOICE_QUESTIONS) <= MAX_SHARE_RIGHT_IS_LONGEST, \
        f"the right answer is the strictly longest option in {len(longest)} of {len(CHOICE_QUESTIONS)}: {longest}"


@pytest.mark.parametrize("qid", sorted(q.id for q in CHOICE_QUESTIONS))
def test_every_wrong_option_names_a_misconception_and_nothing_gives_the_answer_away(qid):
    q = QUESTIONS[qid]
    assert len(q.choices) >= 3, "two options are a coin toss"
    for c in q.choices:
        assert not GIVEAWAY_OPTIONS.search(c.text), f"option {c.text!r}: every option must be a claim to weigh"
    feedback = [c.feedback for c in q.choices]
    assert len(set(feedback)) == len(feedback), "each option needs its own feedback"
    for c in q.choices:
        if not c.correct:
            words = len(c.feedback.split())
            assert words >= 12, f"{c.text!r}: say which misconception it is and why it fails ({words} words)"
            assert not re.match(r"(no|wrong|incorrect|not quite)\b", c.feedback, re.I), \
                f"{c.text!r}: feedback starts by marking instead of explaining"


def test_choices_are_shown_in_the_same_shuffled_order_everywhere():
    q = QUESTIONS["02.1"]
    assert ask("02.1").answer.options == tuple(c.text for c in q.shown)
    assert sorted(shown_order(q.id, 4)) == [0, 1, 2, 3]
    # The order depends on the id alone: not on the process, its hash seed or the Python version's random.
    code = "from facecourse.quiz import shown_order; print([shown_order(f'{n:02d}.{k}', 4) for n in range(9) for k in range(7)])"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1
    assert len({shown_order(f"{n:02d}.{k}", 4) for n in range(9) for k in range(7)}) > 10, "not a shuffle"


# -- predictions ------------------------------------------------------------------------------------------

def _called_ids(call):
    ids = []
    for nb in LESSONS:
        for cell in json.loads(nb.read_text())["cells"]:
            ids += [(nb.name, i) for i in re.findall(rf'fc\.{call}\("([^"]+)"', "".join(cell["source"]))]
    return ids


def test_every_prediction_a_lesson_shows_exists_and_belongs_to_that_lesson():
    for name, pid in _called_ids("predict"):
        assert pid in PREDICTIONS, f"{name} shows unknown prediction {pid}"
        assert name.startswith(pid.split(".")[0]), f"{name} shows another lesson's prediction {pid}"


def test_a_choice_prediction_locks_once_made_and_says_what_to_do_next():
    p = Prediction("99.p1", "Which way?", next_step="Now run the explorer.", choices=("up", "down"))
    from facecourse.quiz import PredictionWidget
    w = PredictionWidget(p)
    assert w.lock() is False and "first" in w.status.value and not w.locked
    w.answer.value = "down"
    w.button.click()
    assert w.locked and w.answer.disabled and w.button.disabled
    assert "Locked in" in w.status.value and "down" in w.status.value and "Now run the explorer." in w.status.value
    assert "fc-prediction" in w._dom_classes


def test_a_number_prediction_accepts_commas_and_explains_bad_input():
    w = predict("02.p1")
    w.answer.value = "lots"
    assert w.lock() is False and "type a number" in w.status.value and not w.locked
    w.answer.value = "1,200,000"
    assert w.lock() is True and "1,200,000 people a year" in w.status.value and w.answer.disabled
    assert "nothing you enter is recorded" in w.children[0].value


def test_a_prediction_must_be_well_formed():
    with pytest.raises(ValueError, match="two or more different choices"):
        Prediction("x", "?", next_step="go", choices=("only one",))
    with pytest.raises(ValueError, match="say what to do"):
        Prediction("x", "?", next_step=" ")
    with pytest.raises(ValueError, match="unknown prediction '99.p9'; known: 02.p1"):
        predict("99.p9")


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
    with pytest.raises(ValueError, match="exactly one"):
        ChoiceQuestion("x", "?", (Choice("a", True, "f"), Choice("b", True, "f")))
    assert NumberQuestion("y", "?", 1.0, 0.01, "ok", "hint").grade("1.005")[0]
