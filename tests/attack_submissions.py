"""Hostile submissions: each tries one way of changing its grade from inside the student's process.

Named for what they do, as nbgrader's own fixtures are.  Each starts from the blank release (so it
must score 0) or from the partly right submission of tests/test_autograde.py (so it must score
exactly what its honest part earns: 9 of 12); ``EXPECTED`` there lists the score of each.
"""

from __future__ import annotations

import nbformat
from autograde_submissions import _answered, _first_answer_id


def _blank_with(release_nb, code: str) -> str:
    """The blank release with `code` as its first answer cell."""
    return nbformat.writes(_answered(release_nb, nbformat.v4.new_notebook(), {_first_answer_id(release_nb): code}))


def installs_custom_exception_handler(release_nb, source_nb):
    """One line: every exception, a failed assert included, is handed to a handler that shows nothing."""
    return _blank_with(release_nb, "get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)")


ALL = {f.__name__.replace("_", "-"): f for f in (
    installs_custom_exception_handler,
)}
