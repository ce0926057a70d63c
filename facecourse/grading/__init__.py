"""Grading a class with nbgrader: what instructors run, never what students import (but for figure checks).

One submission's way through (``make autograde``: :mod:`.classgrader`; ``nbgrader autograde`` and
formgrader's button: :class:`.nbgrader_addons.JudgeExecute`, which starts at the judge)::

    release + submission
       |  rebuild (.rebuild): answers from the student; tests, hidden tests, points from the gradebook
       v
    judge process (.worker, .judge) ---- runs the release's setup cells and every test itself
       |       ^                         (expected values, hidden inputs, the verdict: all here)
       |       |  data only (.remote -> .channel, .codec): run a cell / get a value / call a function
       v       |
    sandboxed student process (.sandbox, .zygote, .student): forked from a pre-imported zygote;
       |        runs the student's cells only; no network, no files in common, no capabilities
       v
    nbgrader gradebook (.recorder: SaveAutoGrades scores the judge's verdicts, one writer)
       v
    feedback (hidden tests removed, test errors cut to one line: .nbgrader_addons)

Also here: rubrics as data (:mod:`.rubrics`) and points per criterion (:mod:`.rubric_grades`), item
analysis (:mod:`.item_analysis`) and the plotly figure checks ps4 uses (:mod:`.figure_checks`).
Grading may import the course (data, models, explorers' style); the course never imports grading.
"""
