"""Faces, Phones and the State: the logic behind the course's lessons and assignments.

Lessons stay thin and call into this package, which is laid out by concern (``docs/authoring.md``
has the map):

* :mod:`facecourse.data` loads and validates the datasets in ``datasets/`` and generates the synthetic ones;
* :mod:`facecourse.models` is the maths, one module per idea (verification, differentials, attention,
  linkage, coding, legal, value weights, policy);
* :mod:`facecourse.explorers` holds the interactive explorers (controls -> a model -> a figure);
* :mod:`facecourse.lessons` has one module per lesson: its check questions and its key numbers;
* :mod:`facecourse.quiz` shows the check questions (``fc.ask("02.1")``);
* :mod:`facecourse.grading`, :mod:`facecourse.selfstudy` and :mod:`facecourse.publish` are the
  grading system, the practice versions and the static site: they use the course, never the reverse.

In a notebook, ``import facecourse as fc`` gives ``fc.load_dataset``, ``fc.ask``, ``fc.explorers``,
``fc.lesson00`` ... ``fc.lesson08`` and the models by name (``fc.verification``, ``fc.linkage`` ...).
Nothing in the package touches the network.

The names load on first use (``fc.explorers`` imports the explorers when a lesson first asks), so
``python -m facecourse lab`` runs on a bare Python before the course's environment exists.
"""

import importlib

__version__ = "0.1.0"

# name -> (module, attribute); attribute None: the name is that module itself.
_NAMES = {
    "data": (".data", None), "explorers": (".explorers", None),
    "load_dataset": (".data", "load_dataset"), "DatasetError": (".data", "DatasetError"),
    "ask": (".lessons", "ask"),
    **{f"lesson{n:02d}": (f".lessons.lesson{n:02d}", None) for n in range(9)},
    **{m: (f".models.{m}", None) for m in ("attention", "coding", "differentials", "legal", "linkage", "policy",
                                             "value_weights", "verification")},
}
__all__ = sorted(_NAMES)


def __getattr__(name: str):
    if name not in _NAMES:
        raise AttributeError(f"module 'facecourse' has no attribute {name!r}")
    module, attribute = _NAMES[name]
    value = importlib.import_module(module, __name__)
    if attribute:
        value = getattr(value, attribute)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_NAMES))
