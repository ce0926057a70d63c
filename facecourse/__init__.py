"""Faces, Phones and the State: the logic behind the course's lessons and assignments.

Lessons stay thin and call into this package:

* :mod:`facecourse.data` loads and validates the datasets in ``datasets/``;
* :mod:`facecourse.metrics` computes error rates and what they mean for people;
* :mod:`facecourse.widgets` holds the interactive explorers;
* :mod:`facecourse.quiz` shows check-your-understanding questions;
* :mod:`facecourse.lesson_figures` prints each lesson's key numbers;
* :mod:`facecourse.linkage`, :mod:`facecourse.coding`, :mod:`facecourse.policy_weights`,
  :mod:`facecourse.policy_designer`, :mod:`facecourse.legal`: the models behind lessons 04-08;
* :mod:`facecourse.figure_checks` checks a student's plotly figure (data, title, axes, units);
* :mod:`facecourse.practice` gives self-learners check/hint/solution (``make practice`` builds the
  practice versions with :mod:`facecourse.practice_build`);
* :mod:`facecourse.autograde` grades a class (``make autograde``), :mod:`facecourse.rubric_grades`
  exports points per rubric criterion, :mod:`facecourse.item_analysis` shows instructors which
  questions the class found hard.

Nothing in the package touches the network.
"""

from . import coding, data, figure_checks, figures, formatting, legal, lesson_figures, linkage, metrics, policy_designer, policy_weights, widgets
from .data import DatasetError, load_dataset
from .quiz import ask

__all__ = ["DatasetError", "ask", "coding", "data", "figure_checks", "figures", "formatting", "legal", "lesson_figures", "linkage",
           "load_dataset", "metrics", "policy_designer", "policy_weights", "widgets"]
__version__ = "0.1.0"
