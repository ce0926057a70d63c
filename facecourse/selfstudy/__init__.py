"""Self-study versions of the assignments: the runtime learners call (:mod:`.practice`: check, hint,
solution) and the builder behind ``make practice`` (:mod:`.build`).

Self-study depends on the course and on nbgrader's release step; the course never imports it.
"""
