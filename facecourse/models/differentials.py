"""Demographic differentials (lesson 03, ps2): illustrative groups, per-group thresholds, worst/best ratios.

Three **illustrative** groups, named neutrally "A", "B" and "C", each with its own synthetic
score model.  The parameters are invented to make the trade-offs visible; they are not
measurements of any algorithm or of any real demographic group (NIST found that differentials
depend on the algorithm and can even reverse between algorithms, so no single ordering of real
groups exists to model).

Three ways to set thresholds (:data:`MODES`): one global threshold for everyone; per-group
thresholds giving every group the same false match rate (FMR); per-group thresholds giving every
group the same false non-match rate (FNMR).
"""

from __future__ import annotations

import math
from statistics import NormalDist

from .verification import ScoreModel, check_rate, check_threshold

__all__ = ["ILLUSTRATIVE_GROUPS", "MODES", "DEFAULT_GROUP_SHARES", "threshold_for_fnmr", "group_thresholds",
           "worst_best_ratio", "ratio_text"]

# Illustrative, invented parameters (logit-normal score models, as in lesson 02).
# Group A is lesson 02's model.  Group B: impostor pairs score higher (more false matches).
# Group C: genuine pairs score lower and vary more (more false non-matches), impostors a little higher.
ILLUSTRATIVE_GROUPS: dict[str, ScoreModel] = {
    "A": ScoreModel(genuine_mean=2.25, genuine_sd=0.5, impostor_mean=-1.25, impostor_sd=0.5),
    "B": ScoreModel(genuine_mean=2.25, genuine_sd=0.5, impostor_mean=-0.85, impostor_sd=0.5),
    "C": ScoreModel(genuine_mean=2.05, genuine_sd=0.55, impostor_mean=-1.15, impostor_sd=0.5),
}
# ASSUMPTION: each group's share of registrations (no source; the groups are invented).
DEFAULT_GROUP_SHARES = {"A": 0.70, "B": 0.20, "C": 0.10}
MODES = ("one global threshold", "per-group: equal FMR", "per-group: equal FNMR")


def threshold_for_fnmr(model: ScoreModel, target_fnmr) -> float:
    """The threshold at which ``model``'s FNMR equals ``target_fnmr`` (0 < target < 1)."""
    target = check_rate(target_fnmr, "target_fnmr")
    if target in (0.0, 1.0):
        return 0.0 if target == 0.0 else 1.0
    z = model.genuine_mean + model.genuine_sd * NormalDist().inv_cdf(target)
    return float(1 / (1 + math.exp(-z)))


def group_thresholds(models: dict[str, ScoreModel], mode: str, threshold: float = 0.755,
                     target_fmr: float = 1e-6, target_fnmr: float = 0.01) -> dict[str, float]:
    """Each group's threshold under ``mode`` (one of :data:`MODES`)."""
    if mode == MODES[0]:
        t = check_threshold(threshold)
        return {g: t for g in models}
    if mode == MODES[1]:
        return {g: m.threshold_for_fmr(target_fmr) for g, m in models.items()}
    if mode == MODES[2]:
        return {g: threshold_for_fnmr(m, target_fnmr) for g, m in models.items()}
    raise ValueError(f"unknown mode {mode!r}; choose one of: {', '.join(MODES)}")


def worst_best_ratio(rates: dict[str, float]) -> tuple[float, str, str]:
    """(worst / best, worst group, best group); inf when the best group has no errors and another has some."""
    worst = max(rates, key=rates.get)
    best = min(rates, key=rates.get)
    hi, lo = rates[worst], rates[best]
    if lo > 0:
        ratio = hi / lo
    else:
        ratio = math.inf if hi > 0 else 1.0
    return ratio, worst, best


def ratio_text(ratio: float) -> str:
    if math.isinf(ratio):
        return "no finite ratio (the best group has no errors)"
    if ratio < 1.005:
        return "1× (equal)"
    return f"{ratio:.3g}×" if ratio < 100 else f"{ratio:,.0f}×"
