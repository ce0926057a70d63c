"""Rubrics as data: the criteria and levels for a manually graded answer.

A rubric lives in the answer cell's metadata (``metadata.facecourse.rubric``)
and is shown to students in the markdown cell above the answer, rendered by
:func:`to_markdown`.  Graders see the same table in formgrader.  The points of
the best level of each criterion add up to the cell's nbgrader points
(checked by :func:`validate` and by the tests).
"""

from __future__ import annotations

import html

__all__ = ["validate", "max_points", "to_markdown", "RubricError"]


class RubricError(ValueError):
    pass


def validate(rubric: dict, points: float | None = None) -> None:
    """Raise :class:`RubricError` unless ``rubric`` is well formed (and sums to ``points``, if given)."""
    if not isinstance(rubric, dict) or not isinstance(rubric.get("criteria"), list) or not rubric["criteria"]:
        raise RubricError("a rubric is a dict with a non-empty list under 'criteria'")
    for i, c in enumerate(rubric["criteria"]):
        if not isinstance(c, dict) or not c.get("criterion") or not isinstance(c.get("levels"), list) or len(c["levels"]) < 2:
            raise RubricError(f"criterion {i + 1}: needs a 'criterion' name and at least two 'levels'")
        pts = [lvl.get("points") for lvl in c["levels"]]
        if any(not isinstance(p, (int, float)) or p < 0 for p in pts):
            raise RubricError(f"criterion {c['criterion']!r}: every level needs points of 0 or more")
        if pts != sorted(pts) or len(set(pts)) != len(pts):
            raise RubricError(f"criterion {c['criterion']!r}: levels must go from fewest to most points, no ties")
        if any(not lvl.get("descriptor") for lvl in c["levels"]):
            raise RubricError(f"criterion {c['criterion']!r}: every level needs a descriptor")
    if points is not None and max_points(rubric) != points:
        raise RubricError(f"rubric totals {max_points(rubric)} points but the cell is worth {points}")


def max_points(rubric: dict) -> float:
    return sum(max(lvl["points"] for lvl in c["levels"]) for c in rubric["criteria"])


def to_markdown(rubric: dict) -> str:
    """The rubric as a markdown table: one row per criterion, one column per level."""
    validate(rubric)
    width = max(len(c["levels"]) for c in rubric["criteria"])
    head = "| criterion | " + " | ".join(f"level {i + 1}" for i in range(width)) + " |"
    rule = "|---" * (width + 1) + "|"
    rows = []
    for c in rubric["criteria"]:
        cells = [f"**{lvl['points']} pt{'s' if lvl['points'] != 1 else ''}** — {html.escape(lvl['descriptor'])}"
                 for lvl in c["levels"]]
        cells += [""] * (width - len(cells))
        rows.append(f"| {html.escape(c['criterion'])} | " + " | ".join(cells) + " |")
    return "\n".join([f"**Rubric** ({max_points(rubric):g} points)", "", head, rule, *rows])
