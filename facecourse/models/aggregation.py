"""Aggregation: what a week of harmless records shows that no single record does (lesson 06).

A metro gate records an *entry*: an account, a day, an hour and a station -- what the operator
needs to charge a fare.  One entry says that someone paid a fare somewhere.  The entries of one
account over a week say where its holder lives (where the day's first journey starts), where they
work (where the weekday journeys home start), and whether they come back to one place at the same
hours on the same days -- the timetable of a service, a shift or a course of treatment.

Entries are tables with the columns ``account_id``, ``day`` (``Mon`` ... ``Sun``), ``hour`` (0-23)
and ``station``.  Everything is vectorised pandas: no loop over people.

>>> import pandas as pd
>>> week = pd.DataFrame({"account_id": ["A1", "A1", "A1", "A2"], "day": ["Mon", "Mon", "Tue", "Sun"],
...                      "hour": [8, 18, 8, 11], "station": ["D01", "Tech Park", "D01", "Market Square"]})
>>> inferred_home(week).to_dict()
{'A1': 'D01'}
>>> list(accounts_in_every_window(week, "Market Square", [("Sun", (11, 12))]))
['A2']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from ..data import WEEKDAYS

__all__ = ["Window", "WindowFinding", "accounts_in_every_window", "entries_in_window", "inferred_home",
           "usual_evening_station", "what_a_week_reveals", "week_of"]

Window = tuple[str, tuple[int, int]]  # ("Sun", (11, 12)): Sunday, from 11:00 to 12:59
ENTRY_COLUMNS = ("account_id", "day", "hour", "station")


def _check_entries(entries: pd.DataFrame) -> None:
    missing = [c for c in ENTRY_COLUMNS if c not in entries.columns]
    if missing:
        raise ValueError(f"the entries table lacks column(s) {missing}; it needs: {', '.join(ENTRY_COLUMNS)}")
    bad_days = sorted(set(entries["day"]) - set(WEEKDAYS))
    if bad_days:
        raise ValueError(f"unknown day(s) {bad_days}; days are written {', '.join(WEEKDAYS)}")


def _check_window(window: Window) -> None:
    day, hours = window
    if day not in WEEKDAYS:
        raise ValueError(f"unknown day {day!r} in window {window}; days are written {', '.join(WEEKDAYS)}")
    lo, hi = hours
    if not (0 <= lo <= hi <= 23):
        raise ValueError(f"window {window}: hours must run from a first to a last hour within 0-23")


def entries_in_window(entries: pd.DataFrame, station: str, window: Window) -> pd.DataFrame:
    """The entries at ``station`` on the window's day, from its first hour to the end of its last."""
    _check_entries(entries)
    _check_window(window)
    day, (lo, hi) = window
    mask = (entries["station"] == station) & (entries["day"] == day) & entries["hour"].between(lo, hi)
    return entries[mask]


def accounts_in_every_window(entries: pd.DataFrame, station: str, windows: Iterable[Window]) -> pd.Index:
    """Accounts with at least one entry at ``station`` in *each* of ``windows`` (sorted)."""
    windows = list(windows)
    if not windows:
        raise ValueError("give at least one window, e.g. [('Sun', (11, 12))]")
    found = None
    for w in windows:
        ids = pd.Index(entries_in_window(entries, station, w)["account_id"].unique())
        found = ids if found is None else found.intersection(ids)
    return found.sort_values()


def inferred_home(entries: pd.DataFrame, morning_until: int = 11) -> pd.Series:
    """Per account, the station where its first journey of the day most often starts before ``morning_until``:00.

    Accounts that never start a day in the morning are left out (their home is not shown by the week).
    """
    _check_entries(entries)
    first = entries.loc[entries.groupby(["account_id", "day"], sort=False)["hour"].idxmin()]
    first = first[first["hour"] < morning_until]
    return _most_common_station(first)


def usual_evening_station(entries: pd.DataFrame, hours: tuple[int, int] = (16, 20)) -> pd.Series:
    """Per account, the station of most of its weekday entries between ``hours`` (the journey home from work)."""
    _check_entries(entries)
    evening = entries[entries["day"].isin(WEEKDAYS[:5]) & entries["hour"].between(*hours)]
    return _most_common_station(evening)


def _most_common_station(entries: pd.DataFrame) -> pd.Series:
    counts = entries.groupby(["account_id", "station"]).size().rename("n").reset_index()
    # the most frequent station; ties go to the alphabetically first station, so the answer is repeatable
    best = counts.sort_values(["account_id", "n", "station"], ascending=[True, False, True])
    return best.drop_duplicates("account_id").set_index("account_id")["station"]


def week_of(entries: pd.DataFrame, account_id: str) -> pd.DataFrame:
    """One account's entries in day-and-hour order."""
    _check_entries(entries)
    mine = entries[entries["account_id"] == account_id]
    if mine.empty:
        raise ValueError(f"no entries for account {account_id!r}")
    order = mine["day"].map({d: k for k, d in enumerate(WEEKDAYS)})
    return mine.assign(_order=order).sort_values(["_order", "hour"]).drop(columns="_order")


@dataclass(frozen=True)
class WindowFinding:
    """What one entry, and what a whole week, say about who visits ``station`` at ``windows``."""

    station: str
    windows: tuple[Window, ...]
    entries_in_first_window: int  # the single records: entries at the station in the first window
    of_them_by_visitors: int  # ... made by accounts that truly have the trait (visitors)
    accounts_in_every_window: int  # the week: accounts seen there in every window
    of_them_visitors: int  # ... that truly have the trait
    visitors: int  # accounts that truly have the trait

    @property
    def one_entry_share(self) -> float:
        """How often a single entry in the first window belongs to a visitor."""
        return self.of_them_by_visitors / self.entries_in_first_window if self.entries_in_first_window else 0.0

    @property
    def week_share(self) -> float:
        """How often an account seen in every window is a visitor."""
        return self.of_them_visitors / self.accounts_in_every_window if self.accounts_in_every_window else 0.0


def what_a_week_reveals(entries: pd.DataFrame, station: str, windows: Iterable[Window],
                        visitors: Iterable[str]) -> WindowFinding:
    """Compare one entry with a week of entries as evidence that an account belongs to ``visitors``.

    ``visitors`` are the accounts that truly have the trait (in the SYNTHETIC town the generator knows
    them; a real analyst would not, which is why the week's answer can be wrong).
    """
    windows = tuple(windows)
    if not windows:
        raise ValueError("give at least one window, e.g. [('Sun', (11, 12))]")
    truly = set(visitors)
    single = entries_in_window(entries, station, windows[0])
    flagged = accounts_in_every_window(entries, station, windows)
    return WindowFinding(
        station=station, windows=windows, entries_in_first_window=len(single),
        of_them_by_visitors=int(single["account_id"].isin(truly).sum()),
        accounts_in_every_window=len(flagged), of_them_visitors=int(flagged.isin(truly).sum()),
        visitors=len(truly),
    )
