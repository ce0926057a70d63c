"""nbgrader configuration for the course.  Run nbgrader (and `make lab`) from the repository root.

The course root is `assignments/`: source/ holds the instructor versions;
release/, submitted/, autograded/, feedback/, gradebook.db and the exchange are
made by nbgrader and are never committed (see .gitignore).
"""

import os

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

from facecourse.grading.nbgrader_addons import RemovePracticeSpecs, ShortTracebacks, WarningsAreNotFailures

c = get_config()  # noqa: F821 (provided by nbgrader)
here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = os.path.join(here, "assignments")
c.CourseDirectory.course_id = "faces-phones-state"
# The exchange moves assignments between instructor and students (release, fetch, submit, collect).
# On a shared machine or JupyterHub, point NBGRADER_EXCHANGE at a directory every user can reach.
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", os.path.join(here, "assignments", "exchange"))

# A student cell that runs longer than this is interrupted and scores 0; later cells still run.
c.ExecutePreprocessor.timeout = 60
c.Execute.timeout = 60

# Feedback: no hidden tests, and test-cell errors cut to "ename: evalue".
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ShortTracebacks, CSSHTMLHeaderPreprocessor]

# Release: as nbgrader does it, then without the self-check specs and hints kept for `make practice`.
c.GenerateAssignment.preprocessors = [*GenerateAssignment.class_traits()["preprocessors"].default(), RemovePracticeSpecs]

# Autograde: a warning printed by correct code (to stderr) must not zero a tests cell, as nbgrader's
# default rule would; a failed test still raises and scores 0.
_autograde = Autograde.class_traits()["autograde_preprocessors"].default()
c.Autograde.autograde_preprocessors = [*_autograde[:1], WarningsAreNotFailures, *_autograde[1:]]
