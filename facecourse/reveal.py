"""Worked numbers behind a reveal: ``fc.reveal(fc.lesson02.worked_example_one_in_a_million())``.

A lesson's key numbers answer its tasks, so they come after the tasks and stay folded until the
student asks for them.  :func:`reveal` wraps the printout in an object with two forms:

* ``text/plain`` is the printout itself, so nbval (``# NBVAL_CHECK_OUTPUT``) still checks every number;
* ``text/html`` is a closed ``<details>`` whose summary is the control "I've tried it — show the
  worked numbers".  JupyterLab and the static site (nbconvert) both show the HTML form, folded; it
  opens with a click or with Enter on the focused summary, and needs no kernel, widget or script.
"""

from __future__ import annotations

import html

__all__ = ["SUMMARY", "WorkedNumbers", "reveal"]

SUMMARY = "I've tried it — show the worked numbers"
# Inline styles only: JupyterLab keeps simple inline styles in (even untrusted) HTML output.
_SUMMARY_STYLE = ("cursor:pointer;display:inline-block;padding:4px 10px;border:1px solid #8a6d00;"
                  "border-radius:4px;background-color:#fff6d6;font-weight:bold")


class WorkedNumbers:
    """A key-number printout, folded behind a reveal (see the module docstring)."""

    def __init__(self, text: str):
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"reveal() needs the printout as non-empty text, e.g. fc.reveal(fc.lesson02."
                             f"worked_example_one_in_a_million()); got {text!r}")
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return (f'<details class="fc-reveal"><summary style="{_SUMMARY_STYLE}">{html.escape(SUMMARY)}</summary>'
                f"<pre>{html.escape(self.text)}</pre></details>")


def reveal(text: str) -> WorkedNumbers:
    """Show ``text`` (a lesson's worked numbers) folded until the student asks for it."""
    return WorkedNumbers(text)
