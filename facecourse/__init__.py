"""Faces, Phones and the State: the logic behind the course's lessons and assignments.

Lessons stay thin and call into this package, which is laid out by concern (``docs/authoring.md``
has the map):

* :mod:`facecourse.data` loads and validates the datasets in ``datasets/`` and generates the synthetic ones;
* :mod:`facecourse.models` is the maths, one module per idea (verification, differentials, attention,
  linkage, aggregation, coding, legal, value weights, policy);
* :mod:`facecourse.explorers` holds the interactive explorers (controls -> a model -> a figure);
* :mod:`facecourse.lessons` has one module per lesson: its check questions and its key numbers;
* :mod:`facecourse.quiz` shows the check questions (``fc.ask("02.1")``);
* :mod:`facecourse.grading`, :mod:`facecourse.selfstudy` and :mod:`facecourse.publish` are the
  grading system, the practice versions and the static site: they use the course, never the reverse.

In a notebook, ``import facecourse as fc`` gives ``fc.load_dataset``, ``fc.ask``, ``fc.explorers``,
``fc.lesson00`` ... ``fc.lesson08`` and the models by name (``fc.verification``, ``fc.linkage`` ...).
Nothing in the package touches the network.
"""

from . import data, explorers
from .data import DatasetError, load_dataset
from .lessons import ask, lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08
from .models import aggregation, attention, coding, differentials, legal, linkage, policy, value_weights, verification

__all__ = ["DatasetError", "ask", "data", "explorers", "load_dataset",
           "aggregation", "attention", "coding", "differentials", "legal", "linkage", "policy", "value_weights", "verification",
           "lesson00", "lesson01", "lesson02", "lesson03", "lesson04", "lesson05", "lesson06", "lesson07", "lesson08"]
__version__ = "0.1.0"
