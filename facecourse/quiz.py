"""Check-your-understanding questions with instant feedback, and predictions made before exploring.

The questions and predictions themselves are data, in :mod:`facecourse.lessons`; a lesson shows
one with ``fc.ask("02.1")`` or ``fc.predict("02.p1")``.  Every choice of a question carries its
own feedback, so a wrong answer is told *why* it is wrong, not only that it is; a prediction has
no right answer and, once locked in, says what to do next.  Choices are shown in an order
shuffled from the question's id, the same for every student, every run and the static site.
Nothing is recorded or sent anywhere.
"""

from __future__ import annotations

import hashlib
import html
import math
from dataclasses import dataclass

import ipywidgets as w

__all__ = ["Choice", "ChoiceQuestion", "NumberQuestion", "QuestionWidget", "Prediction", "PredictionWidget",
           "shown_order"]


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    feedback: str


def shown_order(key: str, n: int) -> tuple[int, ...]:
    """The order in which ``n`` choices of the question ``key`` are shown: indices sorted by a hash of
    the key and the index, so it depends on nothing but the id (no random state, no Python version)."""
    return tuple(sorted(range(n), key=lambda i: hashlib.sha256(f"{key}|{i}".encode()).hexdigest()))


def _number(text, what: str) -> float:
    """``text`` as a finite number ("1,200" and "1.2e3" both work), or a ValueError saying how to type one."""
    try:
        value = float(str(text).replace(",", "").strip())
    except ValueError:
        raise ValueError(f"{what}: type a number, e.g. 1200 or 1.2e3; got {text!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{what}: type a finite number; got {text!r}")
    return value


@dataclass(frozen=True)
class ChoiceQuestion:
    id: str
    prompt: str
    choices: tuple[Choice, ...]  # in source order; shown in the order of shown_order(id)

    def __post_init__(self):
        if sum(c.correct for c in self.choices) != 1:
            raise ValueError(f"question {self.id}: exactly one choice must be correct")
        if len(self.choices) < 2:
            raise ValueError(f"question {self.id}: needs at least two choices")
        if len({c.text for c in self.choices}) != len(self.choices):
            raise ValueError(f"question {self.id}: two choices have the same text")

    @property
    def shown(self) -> tuple[Choice, ...]:
        """The choices in the order students see them."""
        return tuple(self.choices[i] for i in shown_order(self.id, len(self.choices)))

    def grade(self, answer) -> tuple[bool, str]:
        """``answer`` is a choice's text or its index in source order; returns (correct, feedback)."""
        texts = [c.text for c in self.choices]
        if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(texts):
            choice = self.choices[answer]
        elif isinstance(answer, str) and answer in texts:
            choice = self.choices[texts.index(answer)]
        else:
            raise ValueError(f"question {self.id}: answer must be one of {texts} or its index 0-{len(texts) - 1}; "
                             f"got {answer!r}")
        return choice.correct, choice.feedback


@dataclass(frozen=True)
class NumberQuestion:
    id: str
    prompt: str
    answer: float
    rel_tolerance: float
    feedback_right: str
    feedback_wrong: str  # a hint, not the answer

    def grade(self, answer) -> tuple[bool, str]:
        value = _number(answer, f"question {self.id}")
        ok = math.isclose(value, self.answer, rel_tol=self.rel_tolerance)
        return ok, self.feedback_right if ok else self.feedback_wrong


_TEXT_STYLE = {"description_width": "initial"}


class QuestionWidget(w.VBox):
    """A question, a way to answer it, a Check button and the feedback."""

    def __init__(self, question: ChoiceQuestion | NumberQuestion):
        self.question = question
        prompt = w.HTML(f"<p><b>Question {html.escape(question.id)}.</b> {question.prompt}</p>")
        if isinstance(question, ChoiceQuestion):
            self.answer = w.RadioButtons(options=[c.text for c in question.shown], value=None,
                                         layout=w.Layout(width="auto"), description="Your answer", style=_TEXT_STYLE)
        else:
            self.answer = w.Text(placeholder="type a number", description="Your answer", style=_TEXT_STYLE,
                                 continuous_update=False)
        self.button = w.Button(description="Check", button_style="primary", tooltip="Check your answer")
        self.feedback = w.HTML()
        self.button.on_click(lambda _: self.check())
        super().__init__([prompt, self.answer, self.button, self.feedback])

    def check(self) -> bool | None:
        """Grade the current answer and show the feedback; ``None`` if nothing was answered yet."""
        value = self.answer.value
        if value in (None, ""):
            self.feedback.value = "<p role='status'>Choose or type an answer first.</p>"
            return None
        try:
            ok, text = self.question.grade(value)
        except ValueError as exc:
            self.feedback.value = f"<p role='status'>{html.escape(str(exc))}</p>"
            return None
        mark = "✅ Right." if ok else "❌ Not quite."
        colour = "#006644" if ok else "#A33A00"
        self.feedback.value = f"<p role='status' style='color:{colour}'><b>{mark}</b> {text}</p>"
        return ok


# -- predictions --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Prediction:
    """A guess the student commits to before an explorer: one of ``choices``, or a number if there are none.

    There is no right answer here; the tasks and the worked numbers after the explorer show what
    happens.  ``next_step`` is what the widget says once the prediction is locked in.
    """

    id: str
    prompt: str
    next_step: str
    choices: tuple[str, ...] = ()
    unit: str = ""  # for a number: what it counts, e.g. "people a year"

    def __post_init__(self):
        if len(self.choices) == 1 or len(set(self.choices)) != len(self.choices):
            raise ValueError(f"prediction {self.id}: give two or more different choices, or none for a number")
        if self.choices and self.unit:
            raise ValueError(f"prediction {self.id}: a unit is for number predictions; this one has choices")
        if not self.next_step.strip():
            raise ValueError(f"prediction {self.id}: say what to do once the prediction is locked in")


class PredictionWidget(w.VBox):
    """A prediction, a way to make it, and a button that locks it in (after which nothing can change it)."""

    def __init__(self, prediction: Prediction):
        self.prediction = prediction
        prompt = w.HTML(f"<p><b>Predict first ({html.escape(prediction.id)}).</b> {prediction.prompt} "
                        f"<i>A guess is fine; nothing you enter is recorded or sent.</i></p>")
        if prediction.choices:
            self.answer = w.RadioButtons(options=list(prediction.choices), value=None, layout=w.Layout(width="auto"),
                                         description="My prediction", style=_TEXT_STYLE)
        else:
            unit = f" ({prediction.unit})" if prediction.unit else ""
            self.answer = w.Text(placeholder="type a number", description=f"My prediction{unit}", style=_TEXT_STYLE,
                                 continuous_update=False, layout=w.Layout(width="480px"))
        self.button = w.Button(description="Lock in my prediction", button_style="warning",
                               tooltip="Lock in your prediction; after that it cannot be changed",
                               layout=w.Layout(width="220px"))
        self.status = w.HTML()
        self.button.on_click(lambda _: self.lock())
        self.add_class("fc-prediction")
        super().__init__([prompt, self.answer, self.button, self.status])

    @property
    def locked(self) -> bool:
        return self.button.disabled

    def lock(self) -> bool:
        """Lock in the current prediction and say what to do next; False (and why) if there is none yet."""
        if self.locked:
            return True
        value = self.answer.value
        if value in (None, ""):
            self.status.value = "<p role='status'>Choose or type a prediction first: a guess is fine.</p>"
            return False
        if not self.prediction.choices:
            try:
                x = _number(value, "your prediction")
            except ValueError as exc:
                self.status.value = f"<p role='status'>{html.escape(str(exc))}</p>"
                return False
            value = (f"{int(x):,}" if x.is_integer() and abs(x) < 1e15 else f"{x:,.6g}") + (
                f" {self.prediction.unit}" if self.prediction.unit else "")
        self.answer.disabled = self.button.disabled = True
        self.status.value = (f"<p role='status'><b>Locked in:</b> {html.escape(str(value))}. "
                             f"{self.prediction.next_step}</p>")
        return True
