"""Publishing the course: the static offline site (:mod:`.site`, :mod:`.static_widgets`), the
instructor edition built from the student lessons (:mod:`.editions`, ``make instructor``), the check
that a lesson fits its stated time (:mod:`.budget`), the lab set-up run by ``make``
(:mod:`.labsetup`), the stored outputs nbval checks (:mod:`.checked_outputs`) and the launcher behind
``python -m facecourse lab`` / ``test`` (:mod:`.launcher`, standard library only).

Publishing runs the lessons and depends on the course; the course never imports it.
"""
