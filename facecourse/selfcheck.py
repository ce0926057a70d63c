"""Self-checks of code a student writes: the comparison and the words shared by the lessons'
code-along cells and the assignments' practice versions (:mod:`facecourse.selfstudy.practice`).

* :func:`canonical` turns an answer into a text form that equal answers share (4799520 and
  4799520.0, a list and a numpy array, a dict and a pandas Series), so a check compares meanings,
  not spellings;
* :data:`RIGHT`, :data:`NOT_YET` and :data:`NOT_ATTEMPTED` are the three verdicts, in the same
  words everywhere;
* :class:`CodeAlong` is a lesson's short code cell: the student replaces ``name = ...`` with one
  line and runs ``fc.check_code("02.c1", name)``.  The expected values are computed by the course
  when the check runs and never printed; a failed check says what to look at, in words.

Nothing is recorded or sent.  The course and self-study import this module; it imports neither.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pandas as pd

__all__ = ["RIGHT", "NOT_YET", "NOT_ATTEMPTED", "MARKS", "SelfCheckError", "canonical", "Expect", "CodeAlong",
           "CodeAlongReport"]

RIGHT, NOT_YET, NOT_ATTEMPTED = "right", "not right yet", "not attempted"
MARKS = {RIGHT: "✓", NOT_YET: "✗", NOT_ATTEMPTED: "·"}


class SelfCheckError(ValueError):
    """A check was given something it cannot compare, or was set up wrongly."""


def canonical(value, digits: int = 6) -> str:
    """A text form of ``value`` that equal answers share: floats to ``digits`` significant digits,
    numpy and pandas values as plain Python, dict keys and set members sorted."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer, float, np.floating)):  # 4799520 and 4799520.0 are the same answer
        x = float(value)
        if math.isnan(x):
            return "nan"
        text = format(x, f".{digits}g")
        return "0" if text in ("-0", "0") else text
    if value is None:
        return "null"
    if isinstance(value, str):
        return json.dumps(value.strip())
    if isinstance(value, pd.DataFrame):
        return canonical({str(c): value[c] for c in value.columns}, digits)
    if isinstance(value, pd.Series):
        return canonical(dict(zip(value.index, value.to_numpy())), digits)
    if isinstance(value, (np.ndarray, pd.Index)):
        return canonical(list(np.asarray(value).tolist()), digits)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(canonical(v, digits) for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(canonical(v, digits) for v in value)) + "}"
    if isinstance(value, dict):
        items = sorted((canonical(k, digits), canonical(v, digits)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    raise SelfCheckError(f"a check can't compare a {type(value).__name__}")


# -- code-along cells in the lessons ------------------------------------------------------------------

@dataclass(frozen=True)
class Expect:
    """One expectation of a code-along answer: ``measure(answer)`` must equal ``expected()`` (compared
    with :func:`canonical` to ``digits`` significant digits).  ``says`` is what the student reads when it
    fails: words that point at the mistake, never the expected value."""

    says: str
    measure: Callable[[Any], Any]
    expected: Callable[[], Any]
    digits: int = 6


@dataclass(frozen=True)
class CodeAlong:
    """A short code cell a student completes in a lesson, with its instant self-check.

    ``setup`` is the code shown above the blank line ``name = ...``; ``model_answer`` is one line that
    passes every expectation (the instructor edition shows it; the tests run it).  ``hint`` is shown
    with a failed check and must not contain the model answer.
    """

    id: str
    name: str
    task: str
    setup: str
    model_answer: str
    expects: tuple[Expect, ...]
    hint: str

    def __post_init__(self):
        if not self.expects:
            raise SelfCheckError(f"code-along {self.id}: give at least one expectation")
        if not self.model_answer.startswith(f"{self.name} ="):
            raise SelfCheckError(f"code-along {self.id}: the model answer must assign {self.name}")
        if self.model_answer.split("=", 1)[1].strip() in self.hint:
            raise SelfCheckError(f"code-along {self.id}: the hint gives the model answer away")

    @property
    def blank(self) -> str:
        """The line the student completes."""
        return f"{self.name} = ...  # {self.task}"

    def check(self, answer) -> "CodeAlongReport":
        if answer is Ellipsis:
            return CodeAlongReport(self, NOT_ATTEMPTED, [])
        failed = []
        for e in self.expects:
            try:
                got = canonical(e.measure(answer), e.digits)
            except Exception as err:  # a value of the wrong kind: say so, in the student's terms
                failed.append(f"{e.says} (Your {self.name} is a {type(answer).__name__}, and checking it raised "
                              f"{type(err).__name__}.)")
                continue
            if got != canonical(e.expected(), e.digits):
                failed.append(e.says)
        return CodeAlongReport(self, NOT_YET if failed else RIGHT, failed)


@dataclass
class CodeAlongReport:
    code_along: CodeAlong
    status: str
    failed: list[str]

    @property
    def passed(self) -> bool:
        return self.status == RIGHT

    def lines(self) -> list[str]:
        c, total = self.code_along, len(self.code_along.expects)
        if self.status == RIGHT:
            return [f"{MARKS[RIGHT]} {c.id}: right — all {total} checks pass."]
        if self.status == NOT_ATTEMPTED:
            return [f"{MARKS[NOT_ATTEMPTED]} {c.id}: not attempted yet — replace the ... in `{c.name} = ...` "
                    f"with your line, then run the cell again. (Not coding today? Skip it: the lesson goes on "
                    f"without it.)"]
        return [f"{MARKS[NOT_YET]} {c.id}: not right yet — {len(self.failed)} of {total} checks fail:",
                *(f"  - {msg}" for msg in self.failed), f"  Hint: {c.hint}"]

    def __str__(self) -> str:
        return "\n".join(self.lines())

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {RIGHT: "#006644", NOT_YET: "#A33A00", NOT_ATTEMPTED: "#4a4a4a"}[self.status]
        head, *rest = self.lines()
        items = "".join(f"<li>{html.escape(x.strip().removeprefix('- '))}</li>" for x in rest)
        return (f"<div role='status' class='fc-code-check' style='color:{colour}'><b>{html.escape(head)}</b>"
                + (f"<ul>{items}</ul>" if items else "") + "</div>")
