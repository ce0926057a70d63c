"""Does a lesson fit its clock?  Its student-facing prose, its tasks, and the time it states.

``python -m facecourse.publish.budget lessons/*.ipynb`` prints, for each lesson, the words a student
reads, the tasks per explorer, the checks, predictions and code-alongs, and the time the lesson states
against the time those need; ``tests/test_restructured_lessons.py`` requires every restructured lesson to pass.

What counts as prose: every markdown cell of the student edition, except further reading (from
``## Further reading`` to the end of its cell), sources in ``<small>...</small>``, optional
``<details><summary><b>Going further</b>...</details>`` sections and any instructor notes still folded
in a cell.  The stated time is the lesson's first line, in this form::

    **Time:** about 55 minutes — 12 minutes reading, 23 minutes exploring (2 predictions, 6 tasks,
    1 code-along), 5 minutes of checks, 15 minutes of discussion.

Reading must be about the words at 150 a minute; exploring and checks about the minutes below per
task, prediction, code-along and check; the parts must add up to the total.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

WORDS_PER_MINUTE = 150
WORD_BUDGET = 2000
MAX_TASKS_PER_EXPLORER = 4
MINUTES_PER_TASK, MINUTES_PER_PREDICTION, MINUTES_PER_CODE_ALONG, MINUTES_PER_CHECK = 3, 1, 3, 1
DISCUSSION_MINUTES = (10, 20)
MAX_TOTAL_MINUTES = 75
PARTS = ("reading", "exploring", "checks", "discussion")

_FOLDED = re.compile(r"<details>\s*<summary>\s*<b>(?:Going further|Instructor notes)\b.*?</details>", re.S | re.I)
_SMALL = re.compile(r"<small>.*?</small>", re.S | re.I)
_FURTHER = re.compile(r"^## Further reading.*", re.S | re.M)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")
_TIME = re.compile(r"\*\*Time:\*\*\s*about (\d+) minutes(.*)")
_PART = re.compile(r"(\d+) minutes (reading|exploring|of checks|of discussion)")
_TASKS = re.compile(r"\*\*Tasks\*\*[^\n]*\n+((?:[ \t]*\d+\.[^\n]*\n?(?:[ \t]+[^\n]*\n?)*)+)")
_TASK_ITEM = re.compile(r"^[ \t]*\d+\.\s", re.M)


def prose(nb) -> str:
    """The student-facing prose of a lesson notebook (see the module docstring for what is left out)."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = _FURTHER.sub("", _SMALL.sub(" ", _FOLDED.sub(" ", cell.source)))
        text = _TAG.sub(" ", _LINK.sub("]", text))
        parts.append(text)
    return "\n".join(parts)


def count_words(text: str) -> int:
    """Words as a reader counts them: "1,400", "don't" and "人像比对" are one word each; markup is not a word."""
    return len(_WORD.findall(text))


def task_lists(nb) -> list[int]:
    """The number of tasks in each **Tasks** list of the lesson, in order."""
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += [len(_TASK_ITEM.findall(m.group(1))) for m in _TASKS.finditer(cell.source + "\n")]
    return found


def _count_calls(nb, call: str) -> int:
    return sum(len(re.findall(rf"\bfc\.{call}\(", c.source)) for c in nb.cells if c.cell_type == "code")


@dataclass
class Budget:
    lesson: str
    words: int
    tasks: list[int]
    checks: int
    predictions: int
    code_alongs: int
    stated_total: int | None
    stated: dict[str, int] = field(default_factory=dict)

    @property
    def needed(self) -> dict[str, float]:
        return {"reading": self.words / WORDS_PER_MINUTE,
                "exploring": (MINUTES_PER_TASK * sum(self.tasks) + MINUTES_PER_PREDICTION * self.predictions
                              + MINUTES_PER_CODE_ALONG * self.code_alongs),
                "checks": MINUTES_PER_CHECK * self.checks}

    def problems(self) -> list[str]:
        found = []
        if self.words > WORD_BUDGET:
            found.append(f"{self.words:,} words of prose; at most {WORD_BUDGET:,} (move depth to 'Going further')")
        for i, n in enumerate(self.tasks, 1):
            if n > MAX_TASKS_PER_EXPLORER:
                found.append(f"task list {i} has {n} tasks; at most {MAX_TASKS_PER_EXPLORER} per explorer")
        missing = [p for p in PARTS if p not in self.stated]
        if self.stated_total is None or missing:
            found.append("the **Time:** line should read 'about N minutes — R minutes reading, E minutes "
                         "exploring (...), C minutes of checks, D minutes of discussion'"
                         + (f"; missing: {', '.join(missing)}" if missing and self.stated_total else ""))
            return found
        if sum(self.stated.values()) != self.stated_total:
            found.append(f"the parts add up to {sum(self.stated.values())} minutes, not the {self.stated_total} "
                         f"stated")
        for part, need in self.needed.items():
            if abs(self.stated[part] - need) > max(2, 0.2 * need):
                found.append(f"{self.stated[part]} minutes {part} stated; the lesson needs about {need:.0f}")
        lo, hi = DISCUSSION_MINUTES
        if not lo <= self.stated["discussion"] <= hi:
            found.append(f"{self.stated['discussion']} minutes of discussion; state {lo}-{hi}")
        if self.stated_total > MAX_TOTAL_MINUTES:
            found.append(f"{self.stated_total} minutes in all; at most {MAX_TOTAL_MINUTES}")
        return found


def budget(path: str | Path) -> Budget:
    nb = nbformat.read(path, as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    m = _TIME.search(md)
    stated = {}
    if m:
        for minutes, part in _PART.findall(m.group(2)):
            stated[part.removeprefix("of ")] = int(minutes)
    return Budget(Path(path).stem, count_words(prose(nb)), task_lists(nb), _count_calls(nb, "ask"),
                  _count_calls(nb, "predict"), _count_calls(nb, "check_code"), int(m.group(1)) if m else None, stated)


def main(argv: list[str]) -> int:
    for path in argv:
        b = budget(path)
        need = ", ".join(f"{k} {v:.0f}" for k, v in b.needed.items())
        print(f"{b.lesson}: {b.words:,} words, tasks per explorer {b.tasks}, {b.checks} checks, "
              f"{b.predictions} predictions, {b.code_alongs} code-alongs; states {b.stated_total} min "
              f"{b.stated or ''}; needs about {need} (+ discussion)")
        for p in b.problems():
            print(f"  - {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
