"""Faces, Phones and the State: the logic behind the course's lessons and assignments.

Lessons stay thin and call into this package, which is laid out by concern (``docs/authoring.md``
has the map):

* :mod:`facecourse.data` loads and validates the datasets in ``datasets/`` and generates the synthetic ones;
* :mod:`facecourse.models` is the maths, one module per idea (verification, differentials, attention,
  linkage, aggregation, coding, legal, value weights, policy);
* :mod:`facecourse.explorers` holds the interactive explorers (controls -> a model -> a figure);
* :mod:`facecourse.lessons` has one module per lesson: its check questions and its key numbers;
* :mod:`facecourse.quiz` shows the check questions and the predictions (``fc.ask("02.1")``,
  ``fc.predict("02.p1")``); :mod:`facecourse.reveal` folds worked numbers behind a reveal
  (``fc.reveal(...)``); :mod:`facecourse.selfcheck` checks code-along cells (``fc.check_code("02.c1", fmr)``)
  with the comparison the practice versions use;
* :mod:`facecourse.grading`, :mod:`facecourse.selfstudy` and :mod:`facecourse.publish` are the
  grading system, the practice versions and the static site: they use the course, never the reverse.

In a notebook, ``import facecourse as fc`` gives ``fc.load_dataset``, ``fc.ask``, ``fc.predict``,
``fc.reveal``, ``fc.check_code``, ``fc.explorers``,
``fc.lesson00`` ... ``fc.lesson08`` and the models by name (``fc.verification``, ``fc.linkage`` ...).
Nothing in the package touches the network.  On a Python without the course's packages only the
launcher (``python -m facecourse lab`` / ``test``) works: it creates the environment.
"""

import importlib.util

# `python -m facecourse lab` imports this package on the bare Python that will create the course's
# environment: there the course's names are not loaded, and using one says what to run.
if importlib.util.find_spec("ipywidgets") is None or importlib.util.find_spec("pandas") is None:
    def __getattr__(name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise ModuleNotFoundError(f"facecourse.{name} needs the course's packages, which this Python does not have: "
                                  "run `python -m facecourse lab` to create the course's environment (docs/setup.md)")
else:
    from . import data, explorers
    from .data import DatasetError, load_dataset
    from .lessons import ask, check_code, predict, lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08
    from .models import aggregation, attention, coding, differentials, legal, linkage, policy, value_weights, verification
    from .reveal import reveal


__all__ = ["DatasetError", "ask", "check_code", "predict", "reveal", "data", "explorers", "load_dataset",
           "aggregation", "attention", "coding", "differentials", "legal", "linkage", "policy", "value_weights", "verification",
           "lesson00", "lesson01", "lesson02", "lesson03", "lesson04", "lesson05", "lesson06", "lesson07", "lesson08"]
__version__ = "0.1.0"
