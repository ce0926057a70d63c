"""nbgrader configuration for the course.  Run nbgrader (and `make lab`) from the repository root.

The course root is `assignments/`: source/ holds the instructor versions;
release/, submitted/, autograded/, feedback/, gradebook.db and the exchange are
made by nbgrader and are never committed (see .gitignore).
"""

import os

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

from facecourse.grading.nbgrader_addons import JudgeExecute, RemovePracticeSpecs, ShortTracebacks, WarningsAreNotFailures

c = get_config()  # noqa: F821 (provided by nbgrader)
here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = os.path.join(here, "assignments")
c.CourseDirectory.course_id = "faces-phones-state"
# The exchange moves assignments between instructor and students (release, fetch, submit, collect).
# On a shared machine or JupyterHub, point NBGRADER_EXCHANGE at a directory every user can reach.
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", os.path.join(here, "assignments", "exchange"))

# A cell that runs longer than this is interrupted (a test cell scores 0); later cells still run.
# JudgeExecute grades (autograde); Execute runs the student's Validate, in the student's own kernel.
c.JudgeExecute.timeout = 60
c.ExecutePreprocessor.timeout = 60
c.Execute.timeout = 60

# Feedback: no hidden tests, and test-cell errors cut to "ename: evalue".
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ShortTracebacks, CSSHTMLHeaderPreprocessor]

# Release: as nbgrader does it, then without the self-check specs and hints kept for `make practice`.
c.GenerateAssignment.preprocessors = [*GenerateAssignment.class_traits()["preprocessors"].default(), RemovePracticeSpecs]

# Autograde: the judge replaces nbgrader's Execute (facecourse/grading/judge.py): the student's code runs
# sandboxed in a process of its own, the tests run in the judge, and only data crosses between the two,
# so no student code can change a test's verdict or see a hidden test.  A warning printed by correct code
# (to stderr) must not zero a tests cell, as nbgrader's default rule would; a failed test still scores 0.
_autograde = Autograde.class_traits()["autograde_preprocessors"].default()
c.Autograde.autograde_preprocessors = [JudgeExecute, WarningsAreNotFailures, *_autograde[1:]]
