"""The check-your-understanding questions: one module per lesson (``lessonNN.py``), ids "NN.k".

Every fact a question relies on is taught, with its source, in the lesson that
asks it.  Feedback explains; it never only says "wrong".  A new lesson adds
its own module; this file collects them all.
"""

from __future__ import annotations

import importlib
import pkgutil

QUESTIONS = {}
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("lesson"):
        for _q in importlib.import_module(f"{__name__}.{_info.name}").QUESTIONS:
            if _q.id in QUESTIONS:
                raise RuntimeError(f"duplicate question id {_q.id} in facecourse.questions.{_info.name}")
            if not _q.id.startswith(_info.name[len("lesson"):] + "."):
                raise RuntimeError(f"question {_q.id} belongs in lesson{_q.id.split('.')[0]}.py, not {_info.name}.py")
            QUESTIONS[_q.id] = _q
