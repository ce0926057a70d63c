"""Grading a class with nbgrader: what instructors run, never what students import (but for figure checks).

One submission's way through (``make autograde``, :mod:`.classgrader`)::

    release ──> rebuild (.rebuild) ──> sandboxed student process (.sandbox, .worker) ──> nbgrader
    gradebook + feedback (.recorder)

Also here: the nbgrader add-ons named in ``nbgrader_config.py`` (:mod:`.nbgrader_addons`), rubrics
as data (:mod:`.rubrics`) and points per criterion (:mod:`.rubric_grades`), item analysis
(:mod:`.item_analysis`) and the plotly figure checks ps4 uses (:mod:`.figure_checks`).  Grading
may import the course (data, models, explorers' style); the course never imports grading.
"""
