"""The attention detector (lesson 05): what a classroom "attention" camera's flags are worth.

An ILLUSTRATIVE, SYNTHETIC model, not any real system.  At each check the
detector classifies each pupil as "attentive" or "inattentive".  Every number
is an assumption the student sets on screen:

- ``sensitivity``: the chance a check flags a pupil who really is inattentive;
- ``specificity``: the chance a check does *not* flag a pupil who is attentive;
- ``base_rate``: the share of checks at which a pupil really is inattentive;
- ``checks_per_lesson`` and ``lessons_per_term``: how often the camera judges;
- ``class_size``; and ``review_at``: flags in a term at which a pupil is
  reported to a teacher (a policy choice, not a property of the detector).

Checks are treated as independent, and every pupil has the same base rate;
both are simplifications that the lesson names.  Expected counts are computed
exactly (binomial); one class is also simulated with a fixed seed, vectorised
over pupils, to show the spread.  "Attention" itself is taken as given here:
whether a camera can measure it at all is the lesson's validity question.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["RANGES", "DetectorAssumptions", "TermOutcomes", "binomial_tail", "positive_predictive_value", "simulate_class",
           "term_outcomes", "SIMULATION_SEED"]

SIMULATION_SEED = 2019

# name: (min, max, what it is) -- used to validate the constructor and label the sliders
RANGES = {
    "class_size": (5, 60, "pupils in the class"),
    "sensitivity": (0.5, 1.0, "share of inattentive moments flagged"),
    "specificity": (0.8, 0.999, "share of attentive moments not flagged"),
    "base_rate": (0.001, 0.5, "share of checks at which a pupil is really inattentive"),
    "checks_per_lesson": (1, 90, "checks per lesson"),
    "lessons_per_term": (1, 100, "lessons per term"),
    "review_at": (1, 60, "flags in a term at which a pupil is reported"),
}


@dataclass(frozen=True)
class DetectorAssumptions:
    """The model's assumptions; the defaults are the lesson's worked example (none is a measurement)."""

    class_size: int = 30
    sensitivity: float = 0.80
    specificity: float = 0.98
    base_rate: float = 0.05
    checks_per_lesson: int = 10
    lessons_per_term: int = 40
    review_at: int = 10

    def __post_init__(self):
        for name, (lo, hi, what) in RANGES.items():
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)) or not np.isfinite(v):
                raise ValueError(f"{name} ({what}) must be a number between {lo} and {hi}; got {v!r}")
            if not lo <= v <= hi:
                raise ValueError(f"{name} ({what}) must be between {lo} and {hi}; got {v}")
            if isinstance(lo, int) and int(v) != v:
                raise ValueError(f"{name} ({what}) must be a whole number between {lo} and {hi}; got {v}")

    @property
    def checks_per_term(self) -> int:
        return int(self.checks_per_lesson) * int(self.lessons_per_term)


def positive_predictive_value(sensitivity, specificity, base_rate):
    """Share of flags that are right: P(really inattentive | flagged). Vectorised over its arguments."""
    sensitivity, specificity, base_rate = (np.asarray(x, dtype=float) for x in (sensitivity, specificity, base_rate))
    true_flag = base_rate * sensitivity
    false_flag = (1 - base_rate) * (1 - specificity)
    total = true_flag + false_flag
    return np.divide(true_flag, total, out=np.zeros_like(total), where=total > 0)


def binomial_tail(n: int, p: float, k: int) -> float:
    """P(X >= k) for X ~ Binomial(n, p), computed exactly in log space (vectorised over 0..k-1)."""
    if not 0 <= p <= 1:
        raise ValueError(f"p must be a probability between 0 and 1; got {p}")
    n, k = int(n), int(k)
    if k <= 0:
        return 1.0
    if k > n or p == 0:
        return 0.0
    if p == 1:
        return 1.0
    j = np.arange(k)  # 0 .. k-1 (k <= n here)
    steps = np.log(n - j[:-1]) - np.log(j[:-1] + 1) + np.log(p) - np.log1p(-p)
    log_pmf = n * np.log1p(-p) + np.concatenate([[0.0], np.cumsum(steps)])
    return float(np.clip(1.0 - np.exp(log_pmf).sum(), 0.0, 1.0))


@dataclass(frozen=True)
class TermOutcomes:
    checks_per_term: int
    true_flags_per_pupil: float          # expected, per pupil per term
    false_flags_per_pupil: float         # expected, per pupil per term (pupil with the class's base rate)
    false_flags_always_attentive: float  # expected, per term, for a pupil who is never inattentive
    ppv: float                           # share of flags that are right
    always_attentive_reported: float     # P(a never-inattentive pupil reaches review_at flags)
    pupils_reported: float               # expected pupils in the class reaching review_at flags
    pupils_reported_on_false_flags: float  # expected pupils reaching review_at on false flags alone


def term_outcomes(a: DetectorAssumptions) -> TermOutcomes:
    """Expected counts over one term, computed exactly from the assumptions."""
    n = a.checks_per_term
    p_true = a.base_rate * a.sensitivity
    p_false = (1 - a.base_rate) * (1 - a.specificity)
    return TermOutcomes(
        checks_per_term=n,
        true_flags_per_pupil=n * p_true,
        false_flags_per_pupil=n * p_false,
        false_flags_always_attentive=n * (1 - a.specificity),
        ppv=float(positive_predictive_value(a.sensitivity, a.specificity, a.base_rate)),
        always_attentive_reported=binomial_tail(n, 1 - a.specificity, a.review_at),
        pupils_reported=a.class_size * binomial_tail(n, p_true + p_false, a.review_at),
        pupils_reported_on_false_flags=a.class_size * binomial_tail(n, p_false, a.review_at),
    )


def simulate_class(a: DetectorAssumptions, seed: int = SIMULATION_SEED) -> tuple[np.ndarray, np.ndarray]:
    """One SYNTHETIC class over a term: (true flags, false flags) per pupil, vectorised, fixed seed."""
    rng = np.random.default_rng(seed)
    n = a.checks_per_term
    inattentive = rng.binomial(n, a.base_rate, size=int(a.class_size))
    true_flags = rng.binomial(inattentive, a.sensitivity)
    false_flags = rng.binomial(n - inattentive, 1 - a.specificity)
    return true_flags, false_flags
