"""The attention detector (lesson 05): what a classroom "attention" camera's flags are worth, and whose they are.

An ILLUSTRATIVE, SYNTHETIC model, not any real system.  At each check the
detector labels each pupil "attentive" or "inattentive".  Every number is an
assumption the student sets on screen or reads in the lesson:

- ``sensitivity``: the chance a check flags a pupil who really is inattentive;
- ``specificity``: the chance a check does *not* flag a pupil who is attentive
  and looking at the board;
- ``base_rate``: the share of checks at which most pupils really are
  inattentive; ``drift_rate``: the same for the pupils who drift off;
- ``camera_sees``: what the camera can tell apart (see :data:`CAMERA_SEES`);
- ``checks_per_lesson`` and ``lessons_per_term``: how often the camera judges;
- ``class_size``; and ``report_share``: the share of a term's checks at which
  a pupil must be flagged to be reported to a teacher (a policy choice, not a
  property of the detector).

Pupils differ (:data:`PUPIL_KINDS`): some look down to write notes, some look
away to think, some really drift off.  Their shares of the class and their
habits are ILLUSTRATIVE assumptions, not measurements of any classroom.  A
camera that reads head and gaze cannot tell an attentive pupil looking down
to write from an inattentive one, so it flags those moments as often as it
flags real inattention -- the lesson's validity question, made countable.

Checks are treated as independent.  Expected counts are exact (binomial); one
class is also simulated with a fixed seed, vectorised over pupils, to show the
spread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["CAMERA_SEES", "PUPIL_KINDS", "RANGES", "SIMULATION_SEED", "DetectorAssumptions", "KindOutcome",
           "PupilKind", "TermOutcomes", "binomial_tail", "class_ppv", "flag_rates", "kind_counts",
           "positive_predictive_value", "simulate_class", "term_outcomes"]

SIMULATION_SEED = 2019

# What the camera can tell apart: the generous assumption of the lesson, and what a camera reading
# head and gaze actually sees (looking down to write or away to think looks like inattention).
CAMERA_SEES = ("inattention itself", "only head and gaze")


@dataclass(frozen=True)
class PupilKind:
    """An ILLUSTRATIVE kind of pupil: its share of the class and its habits (assumptions, not data)."""

    name: str
    who: str            # the same in a sentence: "pupils who take notes"
    share: float        # of the class
    looks_away: float   # share of the pupil's attentive moments spent looking down or away from the board
    drifts_off: bool    # really inattentive at ``drift_rate`` instead of ``base_rate``


PUPIL_KINDS = (
    PupilKind("watches the board", "pupils who watch the board", 16 / 30, 0.02, False),
    PupilKind("takes notes", "pupils who take notes", 6 / 30, 0.20, False),
    PupilKind("looks away to think", "pupils who look away to think", 4 / 30, 0.10, False),
    PupilKind("drifts off", "pupils who drift off", 4 / 30, 0.02, True),
)

# name: (min, max, what it is) -- used to validate the constructor and label the sliders
RANGES = {
    "class_size": (5, 60, "pupils in the class"),
    "sensitivity": (0.5, 1.0, "share of inattentive moments flagged"),
    "specificity": (0.8, 0.999, "share of attentive moments, eyes on the board, not flagged"),
    "base_rate": (0.001, 0.5, "share of checks at which most pupils are really inattentive"),
    "drift_rate": (0.01, 0.9, "share of checks at which pupils who drift off are really inattentive"),
    "checks_per_lesson": (1, 90, "checks per lesson"),
    "lessons_per_term": (1, 100, "lessons per term"),
    "report_share": (0.01, 0.5, "share of a term's checks flagged at which a pupil is reported"),
}


@dataclass(frozen=True)
class DetectorAssumptions:
    """The model's assumptions; the defaults are the lesson's worked example (none is a measurement)."""

    class_size: int = 30
    sensitivity: float = 0.80
    specificity: float = 0.98
    base_rate: float = 0.05
    drift_rate: float = 0.30
    checks_per_lesson: int = 10
    lessons_per_term: int = 40
    report_share: float = 0.10
    camera_sees: str = CAMERA_SEES[0]

    def __post_init__(self):
        for name, (lo, hi, what) in RANGES.items():
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)) or not np.isfinite(v):
                raise ValueError(f"{name} ({what}) must be a number between {lo} and {hi}; got {v!r}")
            if not lo <= v <= hi:
                raise ValueError(f"{name} ({what}) must be between {lo} and {hi}; got {v}")
            if isinstance(lo, int) and int(v) != v:
                raise ValueError(f"{name} ({what}) must be a whole number between {lo} and {hi}; got {v}")
        if self.camera_sees not in CAMERA_SEES:
            raise ValueError(f"camera_sees must be one of {', '.join(map(repr, CAMERA_SEES))}; got {self.camera_sees!r}")

    @property
    def checks_per_term(self) -> int:
        return int(self.checks_per_lesson) * int(self.lessons_per_term)

    @property
    def flags_to_report(self) -> int:
        """Flags in a term at which a pupil is reported: the reporting share of the term's checks, rounded up."""
        return max(1, math.ceil(self.report_share * self.checks_per_term - 1e-9))


def positive_predictive_value(sensitivity, specificity, base_rate):
    """Share of flags that are right for one pupil who never looks away: P(really inattentive | flagged)."""
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


def kind_counts(class_size: int, kinds=PUPIL_KINDS) -> np.ndarray:
    """Pupils of each kind in a class of ``class_size`` (largest remainder, so they add up)."""
    exact = np.array([k.share for k in kinds]) * int(class_size)
    counts = np.floor(exact).astype(int)
    counts[np.argsort(-(exact - counts), kind="stable")[:int(class_size) - counts.sum()]] += 1
    return counts


def flag_rates(a: DetectorAssumptions, base_rate=None, kinds=PUPIL_KINDS) -> tuple[np.ndarray, np.ndarray]:
    """Per kind, the chance a check gives a true flag and a false flag (arrays; ``base_rate`` may be an array).

    With ``base_rate`` an array of shape (m,), the results have shape (kinds, m): the curve of the explorer.
    """
    base = np.asarray(a.base_rate if base_rate is None else base_rate, dtype=float)
    drifts = np.array([k.drifts_off for k in kinds]).reshape((-1,) + (1,) * base.ndim)
    looks = np.array([k.looks_away for k in kinds]).reshape((-1,) + (1,) * base.ndim)
    inattentive = np.where(drifts, a.drift_rate, base)
    # A camera that reads only head and gaze flags looking down or away as often as it flags inattention.
    looking_away_flagged = a.sensitivity if a.camera_sees == CAMERA_SEES[1] else 1 - a.specificity
    p_true = inattentive * a.sensitivity
    p_false = (1 - inattentive) * (looks * looking_away_flagged + (1 - looks) * (1 - a.specificity))
    return p_true, p_false


def class_ppv(a: DetectorAssumptions, base_rate=None, kinds=PUPIL_KINDS) -> np.ndarray:
    """Share of the whole class's flags that are right, at ``base_rate`` (a number or an array)."""
    p_true, p_false = flag_rates(a, base_rate, kinds)
    w = kind_counts(a.class_size, kinds).reshape((-1,) + (1,) * (p_true.ndim - 1))
    true, total = (w * p_true).sum(axis=0), (w * (p_true + p_false)).sum(axis=0)
    return np.divide(true, total, out=np.zeros_like(total), where=total > 0)


@dataclass(frozen=True)
class KindOutcome:
    kind: PupilKind
    pupils: int                      # of this kind in the class
    true_flags: float                # expected, per pupil per term
    false_flags: float               # expected, per pupil per term
    reported: float                  # P(such a pupil is reported)
    # P(reported, but not on true flags alone): the false flags tipped the pupil over the rule
    reported_because_of_false_flags: float

    @property
    def ppv(self) -> float:
        total = self.true_flags + self.false_flags
        return self.true_flags / total if total else 0.0


@dataclass(frozen=True)
class TermOutcomes:
    checks_per_term: int
    flags_to_report: int
    true_flags_per_pupil: float          # expected, per pupil per term, over the class
    false_flags_per_pupil: float         # expected, per pupil per term, over the class
    false_flags_always_attentive: float  # expected, per term, for a pupil never inattentive, eyes on the board
    ppv: float                           # share of the class's flags that are right
    always_attentive_reported: float     # P(that pupil reaches the reporting rule)
    pupils_reported: float               # expected pupils in the class reported
    pupils_reported_because_of_false_flags: float  # expected pupils whose true flags alone would not be reported
    by_kind: tuple[KindOutcome, ...]

    def kind(self, name: str) -> KindOutcome:
        for k in self.by_kind:
            if k.kind.name == name:
                return k
        raise ValueError(f"no kind of pupil {name!r}; known: {', '.join(k.kind.name for k in self.by_kind)}")


def term_outcomes(a: DetectorAssumptions, kinds=PUPIL_KINDS) -> TermOutcomes:
    """Expected counts over one term, computed exactly from the assumptions."""
    n, k = a.checks_per_term, a.flags_to_report
    p_true, p_false = flag_rates(a, kinds=kinds)
    counts = kind_counts(a.class_size, kinds)
    # True and false flags fall on different checks, so {true flags >= k} lies inside {all flags >= k}:
    # the chance of being reported because of false flags is the difference of the two tails.
    reported = [binomial_tail(n, float(t + f), k) for t, f in zip(p_true, p_false)]
    by_kind = tuple(
        KindOutcome(kind, int(c), n * float(t), n * float(f), r, max(0.0, r - binomial_tail(n, float(t), k)))
        for kind, c, t, f, r in zip(kinds, counts, p_true, p_false, reported))
    size = int(counts.sum())
    return TermOutcomes(
        checks_per_term=n,
        flags_to_report=k,
        true_flags_per_pupil=sum(o.pupils * o.true_flags for o in by_kind) / size,
        false_flags_per_pupil=sum(o.pupils * o.false_flags for o in by_kind) / size,
        false_flags_always_attentive=n * (1 - a.specificity),
        ppv=float(class_ppv(a, kinds=kinds)),
        always_attentive_reported=binomial_tail(n, 1 - a.specificity, k),
        pupils_reported=sum(o.pupils * o.reported for o in by_kind),
        pupils_reported_because_of_false_flags=sum(o.pupils * o.reported_because_of_false_flags for o in by_kind),
        by_kind=by_kind,
    )


def simulate_class(a: DetectorAssumptions, seed: int = SIMULATION_SEED,
                   kinds=PUPIL_KINDS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One SYNTHETIC class over a term: (kind index, true flags, false flags) per pupil, kind by kind.

    Vectorised over pupils, with a fixed seed; the same draws in both camera settings, so switching what
    the camera sees changes who is flagged, not which class it is.
    """
    rng = np.random.default_rng(seed)
    n = a.checks_per_term
    kind = np.repeat(np.arange(len(kinds)), kind_counts(a.class_size, kinds))
    inattentive_rate = np.where([kinds[i].drifts_off for i in kind], a.drift_rate, a.base_rate)
    inattentive = rng.binomial(n, inattentive_rate)
    looking_away = rng.binomial(n - inattentive, [kinds[i].looks_away for i in kind])
    looking_away_flagged = a.sensitivity if a.camera_sees == CAMERA_SEES[1] else 1 - a.specificity
    true_flags = rng.binomial(inattentive, a.sensitivity)
    false_flags = (rng.binomial(looking_away, looking_away_flagged)
                   + rng.binomial(n - inattentive - looking_away, 1 - a.specificity))
    return kind, true_flags, false_flags
