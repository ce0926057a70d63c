"""Value weighting of policy options (lesson 07): rank options under a student's own weights.

The options, the values and every score below are the course's ILLUSTRATIVE judgements
(0 = serves the value badly, 10 = serves it well), made to teach how weights drive a
ranking.  They are not measurements; students are meant to dispute and edit them.

A weighted score is the weighted mean of an option's scores:
``sum(weight * score) / sum(weights)``, on the same 0-10 scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["COURSE_SCORES", "ILLUSTRATIVE_LABEL", "OPTIONS", "VALUES", "Flip", "flip_points", "ranking",
           "weighted_scores"]

ILLUSTRATIVE_LABEL = ("Illustrative: the options' scores are the course's judgements (0 = serves the value badly, "
                      "10 = serves it well), not measurements. Edit them.")

OPTIONS = (
    "face match at the counter (the 2019 rule)",
    "ID card check only (real-name, as before 2019)",
    "ID check + number look-up + no resale (the notice without the face match)",
    "face match + safeguards (image deleted after the check, independent audit)",
    "no registration for prepaid SIMs (as in the UK or US)",
)
VALUES = (
    "protection from fraud and identity theft",
    "public security",
    "knowing who holds each number",
    "privacy",
    "data security",
    "freedom from monitoring",
    "access for everyone",
)
# rows: OPTIONS; columns: VALUES.  The course's illustrative judgements.
COURSE_SCORES = np.array([
    [9, 9, 9, 2, 3, 2, 4],
    [5, 6, 6, 5, 5, 5, 6],
    [7, 7, 8, 5, 5, 5, 6],
    [8, 8, 9, 4, 6, 3, 4],
    [2, 2, 1, 9, 9, 9, 9],
], dtype=float)
COURSE_SCORES.setflags(write=False)

WEIGHT_GRID = np.arange(11.0)  # the whole-number weights the sliders offer


def _check(weights, scores) -> tuple[np.ndarray, np.ndarray]:
    w = np.asarray(weights, dtype=float)
    s = COURSE_SCORES if scores is None else np.asarray(scores, dtype=float)
    if s.shape != COURSE_SCORES.shape:
        raise ValueError(f"scores must be a {COURSE_SCORES.shape[0]} options x {COURSE_SCORES.shape[1]} values "
                         f"table; got shape {s.shape}")
    if w.shape != (len(VALUES),):
        raise ValueError(f"give one weight per value ({len(VALUES)}: {', '.join(VALUES)}); got {w.shape}")
    if not (np.isfinite(w).all() and np.isfinite(s).all()) or (w < 0).any():
        raise ValueError("weights must be finite and 0 or more; scores must be finite")
    if w.sum() <= 0:
        raise ValueError("at least one weight must be above 0")
    return w, s


def weighted_scores(weights, scores=None) -> np.ndarray:
    """Each option's weighted mean score (0-10), in OPTIONS order."""
    w, s = _check(weights, scores)
    return s @ w / w.sum()


def ranking(weights, scores=None) -> list[int]:
    """Option indices from best to worst (ties keep OPTIONS order)."""
    return [int(i) for i in np.argsort(-weighted_scores(weights, scores), kind="stable")]


@dataclass(frozen=True)
class Flip:
    value: str
    direction: str  # "raise" or "lower"
    weight: float  # the weight at which another option first takes the lead
    new_leader: str


def flip_points(weights, scores=None) -> list[Flip]:
    """For each value, the nearest weight (0-10, other weights fixed) at which the leader changes.

    Values whose weight can go anywhere from 0 to 10 without changing the leader are left out.
    Vectorised: every value x every grid weight x every option at once.
    """
    w, s = _check(weights, scores)
    n_val, g = len(VALUES), WEIGHT_GRID
    leader = int(np.argmax(s @ w))
    # trial weights: (values, grid, values) -- row v replaces weight v with each grid value
    trial = np.broadcast_to(w, (n_val, g.size, n_val)).copy()
    trial[np.arange(n_val), :, np.arange(n_val)] = g
    totals = trial @ s.T  # (values, grid, options); the mean's denominator does not change the argmax
    valid = trial.sum(axis=2) > 0
    leaders = np.where(valid, np.argmax(totals, axis=2), leader)
    flips = []
    for v in range(n_val):
        changed = np.nonzero(leaders[v] != leader)[0]
        if changed.size == 0:
            continue
        nearest = changed[np.argmin(np.abs(g[changed] - w[v]))]
        flips.append(Flip(VALUES[v], "raise" if g[nearest] > w[v] else "lower", float(g[nearest]),
                          OPTIONS[int(leaders[v, nearest])]))
    return sorted(flips, key=lambda f: abs(f.weight - w[VALUES.index(f.value)]))
