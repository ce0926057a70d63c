"""Generators for the course's synthetic datasets.

Every synthetic file in ``datasets/`` is written by this module from a fixed
seed, so ``make datasets`` (``python -m facecourse.data.synthetic``) rebuilds it
byte for byte.  Parameters are documented in each file's datasheet.  The same
generators (``match_scores``, ``group_scores``, ``town``) take other parameters:
each term's version of the assignments draws its data with them
(:mod:`facecourse.grading.variants`); their defaults make the datasets.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .loading import datasets_dir
from .schemas import WEEKDAYS


def logit_normal_scores(genuine: tuple[float, float], impostor: tuple[float, float], n_genuine: int,
                        n_impostor: int, seed: int) -> dict[str, np.ndarray]:
    """Scores ``1 / (1 + exp(-z))`` with ``z ~ Normal(mean, sd)`` for genuine and impostor pairs (same seed, same scores).

    ``genuine`` and ``impostor`` are ``(mean, sd)`` on the logit scale: the parameters of
    :class:`facecourse.models.verification.ScoreModel`, which draws its samples here.
    """
    rng = np.random.default_rng(seed)
    zg = rng.normal(genuine[0], genuine[1], n_genuine)
    zi = rng.normal(impostor[0], impostor[1], n_impostor)
    return {"genuine": 1 / (1 + np.exp(-zg)), "impostor": 1 / (1 + np.exp(-zi))}


MATCH_SCORES_SEED = 20191201  # the day the rule came into force
# A weaker system than the lessons' illustrative model, so that a sample of 2,000 genuine
# pairs shows false non-matches at realistic thresholds.
# (mean, sd) of the logit of genuine and impostor scores.
MATCH_SCORES_MODEL = {"genuine": (2.0, 0.6), "impostor": (-1.0, 0.6)}
N_GENUINE, N_IMPOSTOR = 2_000, 20_000


def match_scores(genuine: tuple[float, float] = MATCH_SCORES_MODEL["genuine"],
                 impostor: tuple[float, float] = MATCH_SCORES_MODEL["impostor"], seed: int = MATCH_SCORES_SEED,
                 n_genuine: int = N_GENUINE, n_impostor: int = N_IMPOSTOR) -> pd.DataFrame:
    """Genuine and impostor comparison scores, rounded to 4 decimals, in shuffled order.

    The defaults make the dataset ``synthetic_match_scores``; ps1's term variants pass their own
    model and seed (:mod:`facecourse.grading.variants`).
    """
    s = logit_normal_scores(genuine, impostor, n_genuine=n_genuine, n_impostor=n_impostor, seed=seed)
    df = pd.DataFrame(
        {
            "comparison": ["genuine"] * n_genuine + ["impostor"] * n_impostor,
            "score": np.round(np.concatenate([s["genuine"], s["impostor"]]), 4),
        }
    )
    order = np.random.default_rng(seed + 1).permutation(len(df))
    df = df.iloc[order].reset_index(drop=True)
    df.insert(0, "pair_id", np.arange(len(df)))
    return df


def synthetic_match_scores() -> pd.DataFrame:
    """The dataset ``synthetic_match_scores``."""
    return match_scores()


# --- lesson 03 / ps2: synthetic scores for three illustrative groups -------------------------
# Neutral names on purpose: the parameters are invented, so attaching real demographic labels
# would state a "fact" about real people that no source supports.  Weaker systems than the
# lesson 03 explorer's (as synthetic_match_scores is weaker than lesson 02's), so that samples
# of 2,000 genuine and 10,000 impostor pairs per group show errors at realistic thresholds.
GROUP_SCORES_SEED = 20191219  # the day NIST released NISTIR 8280
GROUP_SCORE_MODELS = {
    "A": {"genuine": (2.0, 0.6), "impostor": (-1.0, 0.6)},
    "B": {"genuine": (2.0, 0.6), "impostor": (-0.6, 0.6)},
    "C": {"genuine": (1.8, 0.66), "impostor": (-0.9, 0.6)},
}
N_GENUINE_PER_GROUP, N_IMPOSTOR_PER_GROUP = 2_000, 10_000


def group_scores(models: dict[str, dict[str, tuple[float, float]]] | None = None, seed: int = GROUP_SCORES_SEED,
                 n_genuine: int = N_GENUINE_PER_GROUP, n_impostor: int = N_IMPOSTOR_PER_GROUP) -> pd.DataFrame:
    """Genuine and impostor scores per group (``models``: group -> genuine/impostor logit (mean, sd)),
    rounded to 4 decimals, in shuffled order.  The defaults make the dataset ``synthetic_group_scores``."""
    parts = []
    for i, (group, model) in enumerate((models or GROUP_SCORE_MODELS).items()):
        s = logit_normal_scores(**model, n_genuine=n_genuine, n_impostor=n_impostor, seed=seed + i)
        parts.append(pd.DataFrame({
            "group": group,
            "comparison": ["genuine"] * n_genuine + ["impostor"] * n_impostor,
            "score": np.round(np.concatenate([s["genuine"], s["impostor"]]), 4),
        }))
    df = pd.concat(parts, ignore_index=True)
    order = np.random.default_rng(seed + 100).permutation(len(df))
    df = df.iloc[order].reset_index(drop=True)
    df.insert(0, "pair_id", np.arange(len(df)))
    return df


def synthetic_group_scores() -> pd.DataFrame:
    """The dataset ``synthetic_group_scores``."""
    return group_scores()


GENERATORS = {"synthetic_match_scores": synthetic_match_scores}
GENERATORS["synthetic_group_scores"] = synthetic_group_scores


# --- lesson 06 / ps4: a synthetic town for uniqueness and linkage -----------------------------
# 20,000 invented adults (a registry) and the invented face-pay metro accounts of some of them
# (a pseudonymous log).  Every parameter is documented in datasets/synthetic_population.md and
# datasets/synthetic_facepay_log.md; none is a measurement of any real place or person.
POPULATION_SEED = 20190927  # the day MIIT announced the rule (and the Zijingshan photo was taken)
N_PEOPLE = 20_000
N_DISTRICTS = 20
DISTRICT_SIZE_EXPONENT = 0.6  # district k (1-based) gets weight k ** -0.6: a few big districts, many small
BIRTH_YEAR_FIRST, BIRTH_YEAR_LAST = 1940, 2003  # adults aged 16-79 at the end of 2019
BIRTH_YEAR_PEAK, BIRTH_YEAR_SPREAD = 1975, 22.0  # weight of year y: exp(-((y - peak) / spread) ** 2)
PHONE_PREFIXES = ("133", "135", "138", "139", "150", "153", "186", "189")
PHONE_PREFIX_WEIGHTS = (0.08, 0.12, 0.20, 0.18, 0.12, 0.06, 0.14, 0.10)
FACEPAY_SHARE_UNDER_50, FACEPAY_SHARE_50_PLUS = 0.25, 0.06  # chance of having a face-pay account, by age in 2019
FACEPAY_TRIPS_MEAN = 6.0  # trips in the logged week: 1 + Poisson(6)


TOWN_DEFAULTS = {"seed": POPULATION_SEED, "n_people": N_PEOPLE, "n_districts": N_DISTRICTS,
                 "district_size_exponent": DISTRICT_SIZE_EXPONENT, "facepay_share_under_50": FACEPAY_SHARE_UNDER_50,
                 "facepay_share_50_plus": FACEPAY_SHARE_50_PLUS, "trips_mean": FACEPAY_TRIPS_MEAN}


def _district_codes(n_districts: int = N_DISTRICTS) -> list[str]:
    return [f"D{k:02d}" for k in range(1, n_districts + 1)]


def _synthetic_town(**params) -> pd.DataFrame:
    unknown = set(params) - set(TOWN_DEFAULTS)
    if unknown:
        raise ValueError(f"unknown town parameter(s) {sorted(unknown)}; allowed: {', '.join(TOWN_DEFAULTS)}")
    p = {**TOWN_DEFAULTS, **params}
    n_people, n_districts = int(p["n_people"]), int(p["n_districts"])
    rng = np.random.default_rng(p["seed"])
    w = np.arange(1, n_districts + 1) ** -p["district_size_exponent"]
    district = rng.choice(n_districts, size=n_people, p=w / w.sum())
    sex = rng.choice(np.array(["F", "M"]), size=n_people)
    years = np.arange(BIRTH_YEAR_FIRST, BIRTH_YEAR_LAST + 1)
    yw = np.exp(-(((years - BIRTH_YEAR_PEAK) / BIRTH_YEAR_SPREAD) ** 2))
    year = rng.choice(years, size=n_people, p=yw / yw.sum())
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days_in_year = np.where(leap, 366, 365)
    day = np.floor(rng.random(n_people) * days_in_year).astype(int)
    birth = pd.to_datetime(year.astype(str), format="%Y") + pd.to_timedelta(day, unit="D")
    prefix = rng.choice(np.array(PHONE_PREFIXES), size=n_people, p=np.array(PHONE_PREFIX_WEIGHTS))
    p_pay = np.where(2019 - year < 50, p["facepay_share_under_50"], p["facepay_share_50_plus"])
    has_pay = rng.random(n_people) < p_pay
    trips = 1 + rng.poisson(p["trips_mean"], size=n_people)
    return pd.DataFrame({
        "person_id": np.arange(1, n_people + 1),
        "district": np.array(_district_codes(n_districts))[district],
        "sex": sex,
        "birth_date": birth.strftime("%Y-%m-%d"),
        "birth_year": year,
        "birth_month": birth.month,
        "phone_prefix": prefix,
        "_facepay": has_pay,
        "_trips": trips,
    })


def town(**params) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A synthetic town: (registry, pseudonymous face-pay log).  Keyword parameters override
    ``TOWN_DEFAULTS`` (which make the datasets ``synthetic_population`` and ``synthetic_facepay_log``);
    ps4's term variants pass their own."""
    people = _synthetic_town(**params)
    registry = people.drop(columns=["_facepay", "_trips"])
    acc = people[people["_facepay"]]
    order = np.random.default_rng(params.get("seed", POPULATION_SEED) + 1).permutation(len(acc))
    acc = acc.iloc[order].reset_index(drop=True)
    log = pd.DataFrame({
        "account_id": [f"A{i:05d}" for i in range(1, len(acc) + 1)],
        "district": acc["district"], "sex": acc["sex"], "birth_date": acc["birth_date"],
        "birth_year": acc["birth_year"], "birth_month": acc["birth_month"], "phone_prefix": acc["phone_prefix"],
        "trips_in_week": acc["_trips"],
    })
    return registry, log


def synthetic_population() -> pd.DataFrame:
    """The registry: one row per invented person, with the quasi-identifiers a registry holds."""
    return town()[0]


def synthetic_facepay_log() -> pd.DataFrame:
    """A pseudonymous face-pay log: one row per account, no name or person_id, shuffled."""
    return town()[1]


def facepay_log_owners(**params) -> np.ndarray:
    """The person_id behind each row of the face-pay log (ground truth for tests; not in any CSV)."""
    people = _synthetic_town(**params)
    ids = people.loc[people["_facepay"], "person_id"].to_numpy()
    return ids[np.random.default_rng(params.get("seed", POPULATION_SEED) + 1).permutation(len(ids))]


GENERATORS["synthetic_population"] = synthetic_population
GENERATORS["synthetic_facepay_log"] = synthetic_facepay_log


# --- lesson 06: one week of the face-pay accounts' gate entries, for aggregation ---------------
# Each entry is a fare paid: an account, a station, a day, an hour.  Harmless one by one; the week
# of one account shows a routine, and the town has two places whose visitors a week picks out: a
# place of worship beside Market Square (weekly services ending on Sunday late morning and
# Wednesday evening) and a specialist clinic at Riverside (appointments on Tuesday and Thursday
# mornings).  Every number is invented and documented in datasets/synthetic_trip_log.md.
TRIPS_SEED = 20191203  # the day Zhengzhou offered face-scan entry at every metro station (Xinhua)
STATIONS = {**{d: f"homes of district {d}" for d in _district_codes()},
            "Tech Park": "offices",
            "Market Square": "shops, a market and a place of worship",
            "Riverside": "a riverside park and the town hospital, with a specialist clinic"}
COMMUTER_SHARE_UNDER_60, COMMUTER_SHARE_60_PLUS = 0.70, 0.15  # by age at the end of 2019
WORK_STATION_WEIGHTS = {"Tech Park": 0.5, "Market Square": 0.2, "Riverside": 0.1, "another district": 0.2}
COMMUTE_OUT_HOURS, COMMUTE_BACK_HOURS = (7, 9), (17, 19)  # weekday entries: at home, then at work
ERRAND_DESTINATIONS = {"Market Square": 0.55, "Riverside": 0.45}
ERRAND_DAY_WEIGHTS = (1, 1, 1, 1, 1, 2, 2)  # Mon-Sun: weekends are twice as busy
ERRAND_RETURN_HOURS, ERRAND_STAY_HOURS = (10, 21), (1, 3)  # the entry for home; the one from home 1-3 hours earlier
WORSHIP_STATION, WORSHIP_SHARE = "Market Square", 0.025
WORSHIP_WINDOWS = (("Sun", (11, 12)), ("Wed", (20, 21)))  # entries on the way home from the services
CLINIC_STATION, CLINIC_SHARE = "Riverside", 0.015
CLINIC_WINDOWS = (("Tue", (10, 11)), ("Thu", (10, 11)))  # entries on the way home from appointments


@lru_cache(maxsize=1)  # the lesson asks for the log and its truth several times; callers get copies
def _trip_week() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The trip log and the truth behind it (who commutes where, who worships, who attends the clinic)."""
    log = synthetic_facepay_log()
    rng = np.random.default_rng(TRIPS_SEED)
    n = len(log)
    age = 2019 - log["birth_year"].to_numpy()
    commuter = rng.random(n) < np.where(age < 60, COMMUTER_SHARE_UNDER_60, COMMUTER_SHARE_60_PLUS)
    work = rng.choice(np.array(list(WORK_STATION_WEIGHTS)), size=n, p=np.array(list(WORK_STATION_WEIGHTS.values())))
    worships = rng.random(n) < WORSHIP_SHARE
    clinic = rng.random(n) < CLINIC_SHARE
    districts = _district_codes()
    day_weights = np.array(ERRAND_DAY_WEIGHTS) / sum(ERRAND_DAY_WEIGHTS)
    rows = []
    # A generator run by `make datasets`: one account at a time, for clarity; it takes well under a second.
    for i, (account, home, trips) in enumerate(zip(log["account_id"], log["district"], log["trips_in_week"])):
        if work[i] == "another district":
            work[i] = rng.choice([d for d in districts if d != home])
        kept = []  # the visits the lesson is about are always in the logged week
        if worships[i]:
            kept += [(WORSHIP_STATION, day, int(rng.integers(lo, hi + 1))) for day, (lo, hi) in WORSHIP_WINDOWS]
        if clinic[i]:
            kept += [(CLINIC_STATION, day, int(rng.integers(lo, hi + 1))) for day, (lo, hi) in CLINIC_WINDOWS]
        routine = []
        if commuter[i]:
            for day in WEEKDAYS[:5]:
                routine += [(home, day, int(rng.integers(COMMUTE_OUT_HOURS[0], COMMUTE_OUT_HOURS[1] + 1))),
                            (work[i], day, int(rng.integers(COMMUTE_BACK_HOURS[0], COMMUTE_BACK_HOURS[1] + 1)))]
        for _ in range(trips):  # enough errands that every account can make its trips_in_week entries
            day = WEEKDAYS[rng.choice(7, p=day_weights)]
            back = int(rng.integers(ERRAND_RETURN_HOURS[0], ERRAND_RETURN_HOURS[1] + 1))
            dest = str(rng.choice(list(ERRAND_DESTINATIONS), p=list(ERRAND_DESTINATIONS.values())))
            stay = int(rng.integers(ERRAND_STAY_HOURS[0], ERRAND_STAY_HOURS[1] + 1))
            routine += [(home, day, back - stay), (dest, day, back)]
        order = rng.permutation(len(routine))
        chosen = kept[:trips] + [routine[j] for j in order[:max(0, trips - len(kept))]]
        rows += [(account, station, day, hour) for station, day, hour in chosen]
    trips = pd.DataFrame(rows, columns=["account_id", "station", "day", "hour"])
    # Chronological order, ties broken at random, so that row order says nothing about who is who.
    trips["_day"] = trips["day"].map({d: k for k, d in enumerate(WEEKDAYS)})
    trips["_tie"] = np.random.default_rng(TRIPS_SEED + 1).permutation(len(trips))
    trips = trips.sort_values(["_day", "hour", "_tie"]).drop(columns=["_day", "_tie"]).reset_index(drop=True)
    trips.insert(0, "entry_id", np.arange(1, len(trips) + 1))
    trips = trips[["entry_id", "account_id", "day", "hour", "station"]]
    truth = pd.DataFrame({"account_id": log["account_id"], "commuter": commuter,
                          "work_station": np.where(commuter, work, ""), "worships": worships,
                          "clinic_patient": clinic})
    return trips, truth


def synthetic_trip_log() -> pd.DataFrame:
    """One row per gate entry of the face-pay accounts in the logged week (as many as their ``trips_in_week``)."""
    return _trip_week()[0].copy()


def trip_log_truth() -> pd.DataFrame:
    """What the generator decided for each account (commuter, work station, worships, clinic patient).

    The truth behind the SYNTHETIC log, so that the lesson and the tests can say how often an inference
    from the log is right.  It is in no CSV: a real analyst never has it.
    """
    return _trip_week()[1].copy()


GENERATORS["synthetic_trip_log"] = synthetic_trip_log


def write_all(out_dir: Path | None = None) -> list[Path]:
    out_dir = Path(out_dir) if out_dir else datasets_dir()
    written = []
    for name, make in GENERATORS.items():
        path = out_dir / f"{name}.csv"
        make().to_csv(path, index=False, float_format="%.4f", lineterminator="\n")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(f"wrote {p}")
