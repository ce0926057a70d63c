"""One module per lesson, named like its notebook (``lessons/05-....ipynb`` <-> ``lesson05.py``).

Each holds the lesson's check-your-understanding questions (``QUESTIONS``, ids "NN.k"; every fact a
question relies on is taught, with its source, in the lesson that asks it; feedback explains, it
never only says "wrong"), its predictions (``PREDICTIONS``, ids "NN.pk", made before an explorer),
its code-along cells (``CODE_ALONGS``, ids "NN.ck") and the key numbers the lesson prints.  Lesson
modules import models, data, the quiz and the self-check; nothing in the course imports them but
the package's face.  This file collects every lesson's questions, predictions and code-alongs;
:func:`ask`, :func:`predict` and :func:`check_code` show one.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..quiz import PredictionWidget, QuestionWidget
from ..selfcheck import CodeAlongReport

QUESTIONS, PREDICTIONS, CODE_ALONGS = {}, {}, {}
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("lesson"):
        _module = importlib.import_module(f"{__name__}.{_info.name}")
        _number = _info.name[len("lesson"):]
        for _kind, _index in (("QUESTIONS", QUESTIONS), ("PREDICTIONS", PREDICTIONS), ("CODE_ALONGS", CODE_ALONGS)):
            for _q in getattr(_module, _kind, ()):
                if _q.id in _index:
                    raise RuntimeError(f"duplicate id {_q.id} in facecourse.lessons.{_info.name}")
                if not _q.id.startswith(_number + "."):
                    raise RuntimeError(f"{_q.id} belongs in lesson{_q.id.split('.')[0]}.py, not {_info.name}.py")
                _index[_q.id] = _q


def _find(index: dict, kind: str, key: str):
    if key not in index:
        raise ValueError(f"unknown {kind} {key!r}; known: {', '.join(sorted(index))}")
    return index[key]


def ask(question_id: str) -> QuestionWidget:
    """Show the question with this id (e.g. ``"02.1"``) as a widget."""
    return QuestionWidget(_find(QUESTIONS, "question", question_id))


def predict(prediction_id: str) -> PredictionWidget:
    """Show the prediction with this id (e.g. ``"02.p1"``): the student locks in a guess before exploring."""
    return PredictionWidget(_find(PREDICTIONS, "prediction", prediction_id))


def check_code(code_along_id: str, answer) -> CodeAlongReport:
    """Check a code-along answer (e.g. ``fc.check_code("02.c1", fmr)``): right, not right yet, or not attempted."""
    return _find(CODE_ALONGS, "code-along", code_along_id).check(answer)
