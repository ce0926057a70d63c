"""Check-your-understanding questions with instant feedback.

The questions themselves are data, in :mod:`facecourse.lessons`; a lesson
shows one with ``fc.ask("02.1")`` (:func:`facecourse.lessons.ask`).  Every choice carries its own feedback, so a
wrong answer is told *why* it is wrong, not only that it is.  Nothing is
recorded or sent anywhere.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import ipywidgets as w

__all__ = ["Choice", "ChoiceQuestion", "NumberQuestion", "QuestionWidget"]


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class ChoiceQuestion:
    id: str
    prompt: str
    choices: tuple[Choice, ...]

    def __post_init__(self):
        if sum(c.correct for c in self.choices) != 1:
            raise ValueError(f"question {self.id}: exactly one choice must be correct")
        if len(self.choices) < 2:
            raise ValueError(f"question {self.id}: needs at least two choices")

    def grade(self, answer) -> tuple[bool, str]:
        """``answer`` is the index of a choice or its text; returns (correct, feedback)."""
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
        try:
            value = float(str(answer).replace(",", "").strip())
        except ValueError:
            raise ValueError(f"question {self.id}: type a number, e.g. 1200 or 1.2e3; got {answer!r}") from None
        if not math.isfinite(value):
            raise ValueError(f"question {self.id}: type a finite number; got {answer!r}")
        ok = math.isclose(value, self.answer, rel_tol=self.rel_tolerance)
        return ok, self.feedback_right if ok else self.feedback_wrong


class QuestionWidget(w.VBox):
    """A question, a way to answer it, a Check button and the feedback."""

    def __init__(self, question: ChoiceQuestion | NumberQuestion):
        self.question = question
        prompt = w.HTML(f"<p><b>Question {html.escape(question.id)}.</b> {question.prompt}</p>")
        if isinstance(question, ChoiceQuestion):
            self.answer = w.RadioButtons(options=[c.text for c in question.choices], value=None,
                                         layout=w.Layout(width="auto"), description="Your answer",
                                         style={"description_width": "initial"})
        else:
            self.answer = w.Text(placeholder="type a number", description="Your answer",
                                 style={"description_width": "initial"}, continuous_update=False)
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
