"""Legal provisions on face data and the course's mapping of uses of a face to legal tests (lesson 04, ps3).

Three datasets work together:

* ``legal_provisions`` — one row per provision, ruling or decision, with its
  citation (``instrument`` + ``article``), a summary in the course's words,
  the legal tests it supplies and its source;
* ``face_use_scenarios`` — one row per (use of a face, jurisdiction): the use
  as designed and the course's reading of what the law requires;
* ``face_use_tests`` — one row per (use, jurisdiction, test) that the law
  asks about, with the facts that decide it and the provisions cited.

Tests a law does not ask about have no row.  Lists of ids or tests inside a
cell are separated by ``"; "``.  Every reading is teaching material, not legal
advice; the ``basis`` column says whether it is stated in a provision or
ruling or is the course's reading.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..data import FACE_USES, LEGAL_JURISDICTIONS, LEGAL_TESTS, DatasetError, load_dataset

__all__ = ["split_list", "provisions", "scenarios", "scenario_tests", "reading", "tests_for",
           "cited_provisions", "check_references"]


def split_list(cell: str | None) -> list[str]:
    """``"CN-PIPL-28; CN-PIPL-29"`` -> ``["CN-PIPL-28", "CN-PIPL-29"]``; empty -> ``[]``."""
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


@lru_cache(maxsize=1)
def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    prov = load_dataset("legal_provisions")
    scen = load_dataset("face_use_scenarios")
    tests = load_dataset("face_use_tests")
    check_references(prov, scen, tests)
    return prov, scen, tests


def provisions() -> pd.DataFrame:
    """The ``legal_provisions`` table, checked (a copy: change it freely)."""
    return _tables()[0].copy()


def scenarios() -> pd.DataFrame:
    return _tables()[1].copy()


def scenario_tests() -> pd.DataFrame:
    return _tables()[2].copy()


def _check_choice(scenario: str, jurisdiction: str) -> None:
    if scenario not in FACE_USES:
        raise ValueError(f"unknown use of a face {scenario!r}; choose one of: {', '.join(FACE_USES)}")
    if jurisdiction not in LEGAL_JURISDICTIONS:
        raise ValueError(f"unknown jurisdiction {jurisdiction!r}; choose one of: {', '.join(LEGAL_JURISDICTIONS)}")


def reading(scenario: str, jurisdiction: str) -> pd.Series:
    """The ``face_use_scenarios`` row for this use and jurisdiction."""
    _check_choice(scenario, jurisdiction)
    scen = _tables()[1]
    return scen[(scen["scenario"] == scenario) & (scen["jurisdiction"] == jurisdiction)].iloc[0]


def tests_for(scenario: str, jurisdiction: str) -> pd.DataFrame:
    """The tests this law asks about for this use, in the order of ``LEGAL_TESTS``."""
    _check_choice(scenario, jurisdiction)
    t = _tables()[2]
    rows = t[(t["scenario"] == scenario) & (t["jurisdiction"] == jurisdiction)]
    order = {name: i for i, name in enumerate(LEGAL_TESTS)}
    return rows.sort_values("test", key=lambda s: s.map(order)).reset_index(drop=True)


def cited_provisions(ids: str | list[str]) -> pd.DataFrame:
    """The provisions with these ids, in the order given."""
    ids = split_list(ids) if isinstance(ids, str) else list(ids)
    prov = _tables()[0].set_index("provision_id")
    return prov.loc[ids].reset_index()


def check_references(prov: pd.DataFrame, scen: pd.DataFrame, tests: pd.DataFrame) -> None:
    """Raise :class:`DatasetError` if an id, a test name or a (use, jurisdiction) pair does not line up."""
    known = set(prov["provision_id"])
    for i, cell in prov["tests_supplied"].items():
        bad = [t for t in split_list(cell) if t not in LEGAL_TESTS]
        if bad:
            raise DatasetError(f"legal_provisions, line {i + 2}: unknown test(s) {bad}; allowed: {list(LEGAL_TESTS)}")
    for name, table in (("face_use_scenarios", scen), ("face_use_tests", tests)):
        for i, cell in table["provision_ids"].items():
            ids = split_list(cell)
            missing = [p for p in ids if p not in known]
            if not ids or missing:
                raise DatasetError(f"{name}, line {i + 2}: provision ids {missing or '(none)'} not in legal_provisions")
    pairs = set(zip(scen["scenario"], scen["jurisdiction"]))
    expected = {(s, j) for s in FACE_USES for j in LEGAL_JURISDICTIONS}
    if pairs != expected:
        raise DatasetError(f"face_use_scenarios: missing (use, jurisdiction) pairs {sorted(expected - pairs)}")
    stray = set(zip(tests["scenario"], tests["jurisdiction"])) - expected
    if stray:
        raise DatasetError(f"face_use_tests: rows for unknown pairs {sorted(stray)}")
