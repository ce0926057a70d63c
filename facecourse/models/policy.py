"""Policy designer (lesson 08): an ILLUSTRATIVE model of safeguards for face matching at SIM registration.

Choose safeguards (an alternative to the face scan, a retention limit,
on-device matching, an independent audit, human review of rejections) and the
model counts, per year, what the design does to five things: genuine customers
still refused, impostors who get a number, face scans performed, live face
images held, and the images a breach would be expected to expose.

Every number in :class:`Assumptions` is an **assumption**: no public source
gives any of them for China's rule (lesson 02 explains why even yearly
registrations are unknown).  The model exists to make trade-offs visible and
arguable, not to estimate what happened.  Everything is vectorised: one call
evaluates any number of designs at once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import numpy as np
import pandas as pd

from ..data import load_dataset

__all__ = ["Assumptions", "ASSUMPTION_LABELS", "Design", "RETENTION_YEARS", "REFERENCE", "OUTCOMES",
           "evaluate", "governance_events", "GOVERNANCE_KINDS"]

# How long live face images captured at the counter are kept (years).  The
# first option's 10 years is itself an assumption: "kept until the account
# closes" has no fixed term.
RETENTION_YEARS = {
    "kept indefinitely (assumed 10 years)": 10.0,
    "kept 3 years": 3.0,
    "kept 1 year": 1.0,
    "kept 30 days": 30 / 365,
    "deleted straight after the match": 0.0,
}
GOVERNANCE_KINDS = ("law or regulation", "standards", "court")


@dataclass(frozen=True)
class Assumptions:
    """The model's inputs. None comes from a source: each is an ASSUMPTION to question and change."""

    registrations_per_year: float = 100_000_000
    impostor_share: float = 1 / 10_000
    face_fnmr: float = 0.01
    face_stops_impostors: float = 0.95
    alternative_uptake: float = 0.10
    impostors_choose_alternative: float = 0.80
    alternative_stops_impostors: float = 0.60
    review_recovers: float = 0.90
    review_lets_impostors_through: float = 0.05
    review_minutes: float = 10.0
    breach_chance_per_year: float = 0.02
    audit_cuts_breach_chance: float = 0.30

    def __post_init__(self):
        for f in fields(self):
            v = getattr(self, f.name)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not np.isfinite(v):
                raise ValueError(f"assumption {f.name} must be a finite number; got {v!r}")
            lo, hi = ASSUMPTION_RANGES[f.name]
            if not lo <= v <= hi:
                raise ValueError(f"assumption {f.name} must be between {lo:g} and {hi:g}; got {v!r}")


# (label shown on screen, lower bound, upper bound).  Shares are proportions (0-1).
ASSUMPTION_LABELS = {
    "registrations_per_year": "New registrations a year",
    "impostor_share": "Share of attempts made with someone else's ID",
    "face_fnmr": "Face match: share of genuine customers refused at the first attempt",
    "face_stops_impostors": "Face match: share of impostor attempts it stops",
    "alternative_uptake": "Alternative: share of genuine customers who choose it",
    "impostors_choose_alternative": "Alternative: share of impostors who choose it",
    "alternative_stops_impostors": "Alternative: share of impostor attempts it stops",
    "review_recovers": "Human review: share of wrongly refused customers it lets in",
    "review_lets_impostors_through": "Human review: share of stopped impostors it wrongly lets in",
    "review_minutes": "Human review: staff minutes per refused attempt",
    "breach_chance_per_year": "Chance a year that the store of face images is breached",
    "audit_cuts_breach_chance": "Independent audit: share by which it cuts that chance",
}
ASSUMPTION_RANGES = {name: (0.0, 1.0) for name in ASSUMPTION_LABELS}
ASSUMPTION_RANGES["registrations_per_year"] = (0.0, 2e9)
ASSUMPTION_RANGES["review_minutes"] = (0.0, 240.0)


@dataclass(frozen=True)
class Design:
    """A set of safeguards. ``retention`` is a key of :data:`RETENTION_YEARS`."""

    alternative: bool = False
    retention: str = "kept indefinitely (assumed 10 years)"
    on_device: bool = False
    audit: bool = False
    human_review: bool = False

    def __post_init__(self):
        for name in ("alternative", "on_device", "audit", "human_review"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise ValueError(f"safeguard {name} must be True or False; got {getattr(self, name)!r}")
        if self.retention not in RETENTION_YEARS:
            raise ValueError(f"unknown retention {self.retention!r}; choose one of: {', '.join(RETENTION_YEARS)}")

    def describe(self) -> str:
        parts = [label for label, on in (("alternative to the face scan", self.alternative),
                                         ("on-device matching", self.on_device), ("independent audit", self.audit),
                                         ("human review of rejections", self.human_review)) if on]
        parts.append(f"face images {self.retention}")
        return "; ".join(parts)


REFERENCE = Design()  # face scan for everyone, images kept, no other safeguard

OUTCOMES = {
    "genuine_refused": "genuine customers still refused (a year)",
    "impostors_through": "impostors who get a number (a year)",
    "face_scans": "face scans performed (a year)",
    "images_held": "live face images held centrally",
    "images_exposed": "face images expected to be exposed (a year)",
    "review_hours": "staff hours of human review (a year)",
    "refused_first_attempt": "genuine customers refused at the first attempt (a year)",
}


def evaluate(designs, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """Outcomes a year for each design (a :class:`Design` or a sequence of them), one row each.

    Vectorised: the safeguards become arrays and every outcome is one numpy expression.
    """
    a = assumptions or Assumptions()
    if not isinstance(a, Assumptions):
        raise ValueError(f"assumptions must be an Assumptions object; got {type(a).__name__}")
    ds = [designs] if isinstance(designs, Design) else list(designs)
    if not ds or not all(isinstance(d, Design) for d in ds):
        raise ValueError("designs must be a Design or a non-empty sequence of Design objects")
    alt = np.array([d.alternative for d in ds], dtype=float)
    device = np.array([d.on_device for d in ds], dtype=float)
    audit = np.array([d.audit for d in ds], dtype=float)
    review = np.array([d.human_review for d in ds], dtype=float)
    years = np.array([RETENTION_YEARS[d.retention] for d in ds])

    n = a.registrations_per_year
    genuine, impostors = n * (1 - a.impostor_share), n * a.impostor_share
    genuine_face = genuine * (1 - alt * a.alternative_uptake)
    imp_alt = impostors * alt * a.impostors_choose_alternative
    imp_face = impostors - imp_alt
    refused_first = genuine_face * a.face_fnmr
    imp_stopped = imp_face * a.face_stops_impostors
    genuine_refused = refused_first * (1 - review * a.review_recovers)
    impostors_through = (imp_face - imp_stopped + imp_alt * (1 - a.alternative_stops_impostors)
                         + review * imp_stopped * a.review_lets_impostors_through)
    face_scans = genuine_face + imp_face
    images_held = face_scans * years * (1 - device)
    breach = a.breach_chance_per_year * (1 - audit * a.audit_cuts_breach_chance)
    images_exposed = images_held * breach
    review_hours = review * (refused_first + imp_stopped) * a.review_minutes / 60
    out = pd.DataFrame({
        "genuine_refused": genuine_refused, "impostors_through": impostors_through, "face_scans": face_scans,
        "images_held": images_held, "images_exposed": images_exposed, "review_hours": review_hours,
        "refused_first_attempt": refused_first,
    })
    out.insert(0, "design", [d.describe() for d in ds])
    return out


def assumptions_table(assumptions: Assumptions | None = None) -> pd.DataFrame:
    """The assumptions with their on-screen labels, for printing beside any result."""
    a = assumptions or Assumptions()
    return pd.DataFrame([(ASSUMPTION_LABELS[k], v) for k, v in asdict(a).items()], columns=["ASSUMPTION", "value"])


def governance_events() -> pd.DataFrame:
    """The course timeline (``events_timeline``) filtered to laws, regulations, standards and court rulings."""
    ev = load_dataset("events_timeline")
    return ev[ev["kind"].isin(GOVERNANCE_KINDS)].reset_index(drop=True)
