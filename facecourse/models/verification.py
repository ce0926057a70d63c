"""Error rates of a face-comparison system, and what they mean at national scale.

Convention used throughout the course: a comparison is a *match* when its
score is **at or above** the threshold.  Scores and thresholds are on a 0-1
scale.

* false match rate (FMR): share of impostor comparisons (two different people)
  wrongly declared a match;
* false non-match rate (FNMR): share of genuine comparisons (the same person)
  wrongly declared a non-match.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

import numpy as np

from ..data.synthetic import logit_normal_scores

__all__ = [
    "check_threshold", "check_rate", "false_match_rate", "false_non_match_rate",
    "threshold_for_fmr", "det_points", "CounterOutcome", "counter_outcomes",
    "one_to_many_false_candidates", "ScoreModel",
]


def check_threshold(threshold, name: str = "threshold") -> float:
    """Return ``threshold`` as a float, or raise ValueError unless it is a number in [0, 1]."""
    if isinstance(threshold, bool) or not isinstance(threshold, Real) or not math.isfinite(threshold):
        raise ValueError(f"{name} must be a number between 0 and 1 (scores are on a 0-1 scale); got {threshold!r}")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1 (scores are on a 0-1 scale); got {threshold}")
    return float(threshold)


def check_rate(rate, name: str) -> float:
    """Return ``rate`` as a float, or raise ValueError unless it is a proportion in [0, 1]."""
    if isinstance(rate, bool) or not isinstance(rate, Real) or not math.isfinite(rate):
        raise ValueError(f"{name} must be a proportion between 0 and 1; got {rate!r}")
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"{name} must be a proportion between 0 and 1 (e.g. 0.001 for 1 in 1,000); got {rate}")
    return float(rate)


def _check_count(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a non-negative number of people; got {value!r}")
    return float(value)


def _scores(scores, name: str) -> np.ndarray:
    arr = np.asarray(scores, dtype=float).ravel()
    if arr.size == 0:
        raise ValueError(f"{name} is empty: at least one comparison score is needed")
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains missing values (NaN); drop or fix them first")
    if (arr < 0).any() or (arr > 1).any():
        raise ValueError(f"{name} must lie between 0 and 1; found values from {arr.min():g} to {arr.max():g}")
    return arr


def false_match_rate(impostor_scores, threshold) -> float:
    """Share of impostor scores at or above ``threshold``."""
    t = check_threshold(threshold)
    return float(np.mean(_scores(impostor_scores, "impostor_scores") >= t))


def false_non_match_rate(genuine_scores, threshold) -> float:
    """Share of genuine scores below ``threshold``."""
    t = check_threshold(threshold)
    return float(np.mean(_scores(genuine_scores, "genuine_scores") < t))


def threshold_for_fmr(impostor_scores, target_fmr) -> float:
    """The lowest threshold whose false match rate is at most ``target_fmr``.

    With ``n`` impostor scores, at most ``floor(target_fmr * n)`` of them may
    reach the threshold, so the threshold sits just above the next-highest
    impostor score.  Ties are handled: every copy of a tied score is either
    above or below the threshold together.
    """
    target = check_rate(target_fmr, "target_fmr")
    imp = np.sort(_scores(impostor_scores, "impostor_scores"))[::-1]
    allowed = int(math.floor(target * imp.size + 1e-9))
    if allowed >= imp.size:
        return 0.0
    if imp[allowed] >= 1.0:
        raise ValueError(
            f"no threshold between 0 and 1 gives an FMR of at most {target}: "
            f"{int((imp >= 1.0).sum())} impostor scores are exactly 1"
        )
    return float(np.nextafter(imp[allowed], np.inf))


def det_points(genuine_scores, impostor_scores, thresholds=None) -> dict[str, np.ndarray]:
    """FMR and FNMR at each threshold: the points of a detection error trade-off (DET) curve."""
    gen = np.sort(_scores(genuine_scores, "genuine_scores"))
    imp = np.sort(_scores(impostor_scores, "impostor_scores"))
    if thresholds is None:
        thresholds = np.linspace(0, 1, 201)
    t = np.asarray(thresholds, dtype=float)
    if t.size == 0 or np.isnan(t).any() or (t < 0).any() or (t > 1).any():
        raise ValueError("thresholds must be a non-empty list of numbers between 0 and 1")
    fnmr = np.searchsorted(gen, t, side="left") / gen.size
    fmr = 1.0 - np.searchsorted(imp, t, side="left") / imp.size
    return {"threshold": t, "fmr": fmr, "fnmr": fnmr}


@dataclass(frozen=True)
class CounterOutcome:
    """Expected yearly outcomes of face checks at phone-shop counters."""

    registrations: float
    impostor_share: float
    genuine_attempts: float
    impostor_attempts: float
    genuine_refused: float
    impostors_accepted: float


def counter_outcomes(registrations, impostor_share, fmr, fnmr) -> CounterOutcome:
    """Turn error rates into expected numbers of people.

    ``registrations`` attempts a year, of which a share ``impostor_share`` are
    made by someone using another person's ID card.  Genuine customers are
    refused at rate ``fnmr``; impostors are accepted at rate ``fmr``.
    """
    n = _check_count(registrations, "registrations")
    share = check_rate(impostor_share, "impostor_share")
    fmr = check_rate(fmr, "fmr")
    fnmr = check_rate(fnmr, "fnmr")
    genuine = n * (1 - share)
    impostors = n * share
    return CounterOutcome(n, share, genuine, impostors, genuine * fnmr, impostors * fmr)


def one_to_many_false_candidates(gallery_size, fmr) -> dict[str, float]:
    """Comparing one face against a gallery of ``gallery_size`` other people (1:N search).

    Returns the expected number of false candidates per search and the
    probability of at least one, treating comparisons as independent.
    """
    n = _check_count(gallery_size, "gallery_size")
    fmr = check_rate(fmr, "fmr")
    expected = n * fmr
    # 1 - (1 - fmr)^n, computed stably for tiny fmr and huge n
    p_any = -math.expm1(n * math.log1p(-fmr)) if fmr < 1 else (1.0 if n >= 1 else 0.0)
    return {"expected_false_candidates": expected, "p_at_least_one": p_any}


_erfc = np.vectorize(math.erfc, otypes=[float])  # accurate in the tails, where FMR lives


def _upper_tail(z):
    return 0.5 * _erfc(np.asarray(z, dtype=float) / math.sqrt(2))


@dataclass(frozen=True)
class ScoreModel:
    """An illustrative score model: normal distributions on the logit of the score.

    ``score = 1 / (1 + exp(-z))`` with ``z ~ Normal(mean, sd)`` separately for
    genuine and impostor comparisons.  FMR and FNMR then have exact
    formulas, so a widget can evaluate them for any threshold in microseconds
    and at rates as small as 1 in 10 billion.
    """

    genuine_mean: float = 2.25
    genuine_sd: float = 0.5
    impostor_mean: float = -1.25
    impostor_sd: float = 0.5

    def __post_init__(self):
        for name in ("genuine_mean", "genuine_sd", "impostor_mean", "impostor_sd"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, Real) or not math.isfinite(v):
                raise ValueError(f"{name} must be a finite number; got {v!r}")
        if self.genuine_sd <= 0 or self.impostor_sd <= 0:
            raise ValueError("genuine_sd and impostor_sd must be greater than 0")

    @staticmethod
    def _logit(thresholds):
        t = np.asarray(thresholds, dtype=float)
        if np.isnan(t).any() or (t < 0).any() or (t > 1).any():
            raise ValueError("thresholds must be numbers between 0 and 1 (scores are on a 0-1 scale)")
        with np.errstate(divide="ignore"):
            return np.log(t) - np.log1p(-t)

    def fmr(self, thresholds):
        """False match rate at each threshold (exact under the model)."""
        z = self._logit(thresholds)
        return _upper_tail((z - self.impostor_mean) / self.impostor_sd)

    def fnmr(self, thresholds):
        """False non-match rate at each threshold (exact under the model)."""
        z = self._logit(thresholds)
        return 1.0 - _upper_tail((z - self.genuine_mean) / self.genuine_sd)

    def density(self, scores, comparison: str):
        """Probability density of scores on the 0-1 scale, for 'genuine' or 'impostor' comparisons."""
        if comparison not in ("genuine", "impostor"):
            raise ValueError(f"comparison must be 'genuine' or 'impostor'; got {comparison!r}")
        mean, sd = (
            (self.genuine_mean, self.genuine_sd) if comparison == "genuine"
            else (self.impostor_mean, self.impostor_sd)
        )
        s = np.clip(np.asarray(scores, dtype=float), 1e-12, 1 - 1e-12)
        z = np.log(s) - np.log1p(-s)
        return np.exp(-0.5 * ((z - mean) / sd) ** 2) / (sd * math.sqrt(2 * math.pi)) / (s * (1 - s))

    def threshold_for_fmr(self, target_fmr) -> float:
        """The threshold at which the model's FMR equals ``target_fmr`` (0 < target < 1)."""
        from statistics import NormalDist

        target = check_rate(target_fmr, "target_fmr")
        if target in (0.0, 1.0):
            return 1.0 if target == 0.0 else 0.0
        z = self.impostor_mean + self.impostor_sd * NormalDist().inv_cdf(1 - target)
        return float(1 / (1 + math.exp(-z)))

    def sample(self, n_genuine: int, n_impostor: int, seed: int) -> dict[str, np.ndarray]:
        """Draw synthetic scores with a fixed seed (same seed, same scores)."""
        for name, n in (("n_genuine", n_genuine), ("n_impostor", n_impostor)):
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise ValueError(f"{name} must be a whole number of comparisons, 0 or more; got {n!r}")
        return logit_normal_scores((self.genuine_mean, self.genuine_sd), (self.impostor_mean, self.impostor_sd),
                                   n_genuine, n_impostor, seed)
