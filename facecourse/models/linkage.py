"""Uniqueness, k-anonymity and record linkage (lesson 06, assignment ps4).

A *quasi-identifier* is an attribute that is not a name or an ID number but,
combined with others, can single a person out: district, sex, date of birth,
the first digits of a phone number.  People who share the same values of the
chosen quasi-identifiers form an *equivalence class*; a person alone in their
class is *unique*, and anyone who knows those attributes can pick them out.

Everything here is vectorised pandas / numpy (``groupby`` and ``merge``), so it
runs on the course's 20,000-person synthetic town in milliseconds.

>>> import pandas as pd
>>> df = pd.DataFrame({"district": ["D01", "D01", "D02"], "sex": ["F", "M", "F"]})
>>> share_unique(df, ["district"])
0.3333333333333333
>>> share_unique(df, ["district", "sex"])
1.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

__all__ = ["QUASI_IDENTIFIERS", "KAnonymitySummary", "class_sizes", "share_unique", "k_anonymity",
           "possible_combinations", "expected_share_unique", "expected_share_unique_by_group",
           "join_counts", "JoinCounts", "re_identify", "simulate_share_unique", "sweeney_style_estimate"]

# The quasi-identifiers in the synthetic population and face-pay log.
QUASI_IDENTIFIERS = ("district", "sex", "birth_year", "birth_month", "birth_date", "phone_prefix")


def _columns(df: pd.DataFrame, columns: Iterable[str]) -> list[str]:
    if isinstance(columns, str):
        columns = [columns]
    cols = list(columns)
    if not cols:
        raise ValueError("choose at least one column to group people by")
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"unknown column(s) {missing}; the table has: {', '.join(map(str, df.columns))}")
    if len(set(cols)) != len(cols):
        raise ValueError(f"a column is named twice in {cols}")
    if df.empty:
        raise ValueError("the table has no rows")
    return cols


def class_sizes(df: pd.DataFrame, columns: Iterable[str]) -> pd.Series:
    """For each row, how many rows share its values of ``columns`` (its equivalence-class size)."""
    cols = _columns(df, columns)
    return df.groupby(cols, sort=False, dropna=False)[cols[0]].transform("size").rename("class_size")


def share_unique(df: pd.DataFrame, columns: Iterable[str]) -> float:
    """Share of rows (people) that no other row matches on ``columns``: 0 to 1."""
    return float((class_sizes(df, columns) == 1).mean())


@dataclass(frozen=True)
class KAnonymitySummary:
    columns: tuple[str, ...]
    people: int
    classes: int  # number of distinct combinations present
    k: int  # the smallest class: the table is k-anonymous for this k
    unique_people: int  # people in classes of size 1
    share_unique: float
    share_below_5: float  # people in classes of fewer than 5 (a common release threshold)
    median_class_size: float  # the class size of the median person

    def __str__(self) -> str:
        return (f"{', '.join(self.columns)}: {self.classes:,} combinations among {self.people:,} people; "
                f"k = {self.k}; unique {self.unique_people:,} ({self.share_unique:.1%}); "
                f"in classes smaller than 5: {self.share_below_5:.1%}; median person's class: {self.median_class_size:g}")


def k_anonymity(df: pd.DataFrame, columns: Iterable[str]) -> KAnonymitySummary:
    """Summarise how well ``columns`` hide people: k, classes, and the shares unique and below 5."""
    cols = _columns(df, columns)
    sizes = class_sizes(df, cols)
    return KAnonymitySummary(
        columns=tuple(cols), people=len(df), classes=int(df.groupby(cols, sort=False, dropna=False).ngroups),
        k=int(sizes.min()), unique_people=int((sizes == 1).sum()), share_unique=float((sizes == 1).mean()),
        share_below_5=float((sizes < 5).mean()), median_class_size=float(sizes.median()),
    )


def possible_combinations(df: pd.DataFrame, columns: Iterable[str], within: str | None = None) -> int:
    """How many value combinations ``columns`` allow, counting each column's possible values.

    ``birth_date`` counts every day from the earliest to the latest birth date; ``birth_month`` counts
    12 and ``birth_year`` every year in the range (so month needs year beside it, as in the data);
    other columns count their distinct values.  ``within`` names a column left out of the product
    (e.g. ``"district"``, when the estimate is made district by district).
    """
    cols = [c for c in _columns(df, columns) if c != within]
    k = 1
    if "birth_date" in cols:
        d = pd.to_datetime(df["birth_date"])
        k *= int((d.max() - d.min()).days) + 1
        cols = [c for c in cols if c not in ("birth_date", "birth_year", "birth_month")]
    for c in cols:
        if c == "birth_year":
            k *= int(df[c].max() - df[c].min()) + 1
        elif c == "birth_month":
            k *= 12
        else:
            k *= int(df[c].nunique())
    return k


def expected_share_unique(people, combinations):
    """Expected share of ``people`` who are unique when spread at random over ``combinations`` equally likely cells.

    Each person is unique if none of the other ``people − 1`` falls in their cell:
    (1 − 1/K)^(N−1) ≈ exp(−(N − 1)/K).  Works on numbers and numpy arrays.

    >>> round(expected_share_unique(9_330, 78 * 365 * 2), 3)
    0.849
    """
    n = np.asarray(people, dtype=float)
    k = np.asarray(combinations, dtype=float)
    if np.any(n < 1) or np.any(k < 1):
        raise ValueError("people and combinations must both be at least 1")
    out = np.exp(-(n - 1) / k)
    return float(out) if out.ndim == 0 else out


def expected_share_unique_by_group(group_sizes, combinations) -> float:
    """The estimate applied group by group (e.g. district by district), weighted by group size."""
    n = np.asarray(group_sizes, dtype=float)
    return float((n * expected_share_unique(n, combinations)).sum() / n.sum())


def simulate_share_unique(people: int, combinations: int, seed: int = 0) -> float:
    """Drop ``people`` at random into ``combinations`` equally likely cells; the share alone in their cell."""
    if people < 1 or combinations < 1:
        raise ValueError("people and combinations must both be at least 1")
    cells = np.random.default_rng(seed).integers(0, combinations, size=int(people))
    # Count people per occupied cell with np.unique, not np.bincount: bincount casts its int64 input to
    # the platform's index type and fails on 32-bit numpy builds (browser Pythons), and it would allocate
    # one counter per possible cell, however many there are.
    _, counts = np.unique(cells, return_counts=True)
    return float((counts == 1).sum() / people)


def sweeney_style_estimate(people_per_area: float = 9_330, birth_years: int = 78, days_per_year: int = 365,
                           sexes: int = 2) -> dict[str, float]:
    """John D. Cook's back-of-envelope check of Sweeney's 87%: people per ZIP over birth-date–sex combinations."""
    k = birth_years * days_per_year * sexes
    return {"people_per_area": float(people_per_area), "combinations": float(k),
            "people_per_combination": people_per_area / k,
            "expected_share_unique": expected_share_unique(people_per_area, k)}


@dataclass(frozen=True)
class JoinCounts:
    on: tuple[str, ...]
    records: int  # rows of the log
    linked_to_one: int  # rows matching exactly one registry person: re-identified
    linked_to_several: int  # ambiguous: the right person is among several
    linked_to_none: int
    trips_linked_to_one: int | None = None  # trips made by the re-identified accounts, if the log counts trips

    @property
    def share_linked_to_one(self) -> float:
        return self.linked_to_one / self.records


def join_counts(registry: pd.DataFrame, log: pd.DataFrame, on: Iterable[str],
                trips_column: str | None = "trips_in_week") -> JoinCounts:
    """Join a log to a registry on ``on``; count log rows that match exactly one, several or no registry rows."""
    cols = _columns(registry, on)
    _columns(log, cols)
    sizes = registry.groupby(cols, sort=False, dropna=False).size().rename("_matches").reset_index()
    m = log.merge(sizes, on=cols, how="left")["_matches"].fillna(0).to_numpy()
    one = m == 1
    trips = None
    if trips_column and trips_column in log.columns:
        trips = int(log[trips_column].to_numpy()[one].sum())
    return JoinCounts(on=tuple(cols), records=len(log), linked_to_one=int(one.sum()),
                      linked_to_several=int((m > 1).sum()), linked_to_none=int((m == 0).sum()),
                      trips_linked_to_one=trips)


def re_identify(registry: pd.DataFrame, log: pd.DataFrame, on: Iterable[str], log_key: str = "account_id",
                registry_key: str = "person_id") -> pd.Series:
    """The log rows a join on ``on`` pins to exactly one registry row: ``log_key`` -> ``registry_key``.

    What :func:`join_counts` counts as ``linked_to_one``, with the names put back.
    """
    cols = _columns(registry, [*on])
    _columns(log, [*cols, log_key])
    _columns(registry, [registry_key])
    sizes = registry.groupby(cols, sort=False, dropna=False)[registry_key].transform("size")
    alone = registry[sizes == 1][[*cols, registry_key]]
    pinned = log[[log_key, *cols]].merge(alone, on=cols, how="inner")
    return pinned.set_index(log_key)[registry_key].sort_index()
