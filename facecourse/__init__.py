"""Faces, Phones and the State: the logic behind the course's lessons and assignments.

Lessons stay thin and call into this package:

* :mod:`facecourse.data` loads and validates the datasets in ``datasets/``;
* :mod:`facecourse.metrics` computes error rates and what they mean for people;
* :mod:`facecourse.widgets` holds the interactive explorers;
* :mod:`facecourse.quiz` shows check-your-understanding questions;
* :mod:`facecourse.lesson_figures` prints each lesson's key numbers.

Nothing in the package touches the network.
"""

from . import data, figures, formatting, lesson_figures, metrics, widgets
from .data import DatasetError, load_dataset
from .quiz import ask

__all__ = ["DatasetError", "ask", "data", "figures", "formatting", "lesson_figures", "load_dataset",
           "metrics", "widgets"]
__version__ = "0.1.0"
