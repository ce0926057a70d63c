"""One module per lesson, named like its notebook (``lessons/05-....ipynb`` <-> ``lesson05.py``).

Each holds the lesson's check-your-understanding questions (ids "NN.k"; every fact a question
relies on is taught, with its source, in the lesson that asks it; feedback explains, it never only
says "wrong") and the key numbers the lesson prints.  Lesson modules import models, data and the
quiz; nothing in the course imports them but the package's face and the quiz's question index.
This file collects every lesson's questions into :data:`QUESTIONS`; :func:`ask` shows one.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..quiz import QuestionWidget

QUESTIONS = {}
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("lesson"):
        for _q in importlib.import_module(f"{__name__}.{_info.name}").QUESTIONS:
            if _q.id in QUESTIONS:
                raise RuntimeError(f"duplicate question id {_q.id} in facecourse.lessons.{_info.name}")
            if not _q.id.startswith(_info.name[len("lesson"):] + "."):
                raise RuntimeError(f"question {_q.id} belongs in lesson{_q.id.split('.')[0]}.py, not {_info.name}.py")
            QUESTIONS[_q.id] = _q


def ask(question_id: str) -> QuestionWidget:
    """Show the question with this id (e.g. ``"02.1"``) as a widget."""
    if question_id not in QUESTIONS:
        raise ValueError(f"unknown question {question_id!r}; known: {', '.join(sorted(QUESTIONS))}")
    return QuestionWidget(QUESTIONS[question_id])
