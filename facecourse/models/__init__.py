"""The course's maths, one module per idea; what lessons, explorers, assignments and tests compute with.

:mod:`.verification` (scores, FMR/FNMR, DET, counter outcomes, 1:N searches), :mod:`.differentials`
(lesson 03's groups and thresholds), :mod:`.attention` (lesson 05's detector), :mod:`.linkage`
(uniqueness, k-anonymity, joins), :mod:`.aggregation` (what a week of records reveals),
:mod:`.coding` (Cohen's kappa), :mod:`.legal` (provisions and tests), :mod:`.value_weights`
(lesson 07) and :mod:`.policy` (lesson 08's designer).  Models import
only :mod:`facecourse.data`, numpy and pandas -- never ipywidgets, plotly or nbgrader.
"""
