"""Lesson 06: what one gate entry and what a week of entries reveal (models/aggregation.py), and the
SYNTHETIC trip log they run on."""

import pandas as pd
import pytest

from facecourse.data import load_dataset, synthetic
from facecourse.models import aggregation

# A week checked by hand.  A1 commutes D01 -> Tech Park and attends on Sunday and Wednesday;
# A2 shops at Market Square on Sunday only; A3 lives at Market Square's neighbour D02 and
# never starts a day before 11:00.
WEEK = pd.DataFrame(
    [("A1", "Mon", 8, "D01"), ("A1", "Mon", 18, "Tech Park"), ("A1", "Tue", 7, "D01"),
     ("A1", "Tue", 17, "Tech Park"), ("A1", "Wed", 20, "Market Square"), ("A1", "Sun", 11, "Market Square"),
     ("A2", "Sun", 9, "D02"), ("A2", "Sun", 12, "Market Square"),
     ("A3", "Sat", 14, "D02"), ("A3", "Wed", 21, "Market Square")],
    columns=["account_id", "day", "hour", "station"])
SERVICES = [("Sun", (11, 12)), ("Wed", (20, 21))]


def test_one_entry_is_ambiguous_and_the_week_is_not():
    assert set(aggregation.entries_in_window(WEEK, "Market Square", SERVICES[0])["account_id"]) == {"A1", "A2"}
    assert list(aggregation.accounts_in_every_window(WEEK, "Market Square", SERVICES)) == ["A1"]
    f = aggregation.what_a_week_reveals(WEEK, "Market Square", SERVICES, visitors=["A1"])
    assert (f.entries_in_first_window, f.of_them_by_visitors) == (2, 1)
    assert (f.accounts_in_every_window, f.of_them_visitors, f.visitors) == (1, 1, 1)
    assert f.one_entry_share == 0.5 and f.week_share == 1.0


def test_the_routine_comes_from_first_journeys_and_weekday_evenings():
    assert aggregation.inferred_home(WEEK).to_dict() == {"A1": "D01", "A2": "D02"}  # A3: no morning start
    assert aggregation.usual_evening_station(WEEK).to_dict() == {"A1": "Tech Park"}  # A3 at 21:xx: not evening
    week = aggregation.week_of(WEEK, "A1")
    assert list(zip(week["day"], week["hour"])) == [("Mon", 8), ("Mon", 18), ("Tue", 7), ("Tue", 17),
                                                    ("Wed", 20), ("Sun", 11)]


@pytest.mark.parametrize("call, message", [
    (lambda: aggregation.entries_in_window(WEEK.drop(columns="station"), "D01", ("Mon", (7, 9))), "lacks column"),
    (lambda: aggregation.entries_in_window(WEEK, "D01", ("Monday", (7, 9))), "unknown day 'Monday'"),
    (lambda: aggregation.entries_in_window(WEEK, "D01", ("Mon", (9, 7))), "within 0-23"),
    (lambda: aggregation.accounts_in_every_window(WEEK, "D01", []), "at least one window"),
    (lambda: aggregation.week_of(WEEK, "A9"), "no entries for account 'A9'"),
    (lambda: aggregation.inferred_home(WEEK.assign(day="Funday")), r"unknown day\(s\) \['Funday'\]"),
])
def test_bad_input_says_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.fixture(scope="module")
def trips():
    return load_dataset("synthetic_trip_log")


@pytest.fixture(scope="module")
def truth():
    return synthetic.trip_log_truth()


def test_every_account_makes_exactly_its_trips_in_week(trips):
    log = load_dataset("synthetic_facepay_log").set_index("account_id")
    counts = trips.groupby("account_id").size()
    assert counts.reindex(log.index).tolist() == log["trips_in_week"].tolist()
    when = trips["day"].map({d: k for k, d in enumerate(synthetic.WEEKDAYS)}) * 24 + trips["hour"]
    assert when.is_monotonic_increasing, "rows are in time order"
    assert trips["entry_id"].tolist() == list(range(1, len(trips) + 1))


def test_the_trip_log_follows_its_documented_design(trips, truth):
    assert len(truth) == trips["account_id"].nunique() == 3_548
    assert truth["worships"].mean() == pytest.approx(synthetic.WORSHIP_SHARE, abs=0.01)
    assert truth["clinic_patient"].mean() == pytest.approx(synthetic.CLINIC_SHARE, abs=0.01)
    # every worshipper is logged at Market Square in both service windows; every patient at Riverside twice
    log = load_dataset("synthetic_facepay_log").set_index("account_id")
    several = set(log.index[log["trips_in_week"] >= 2])
    for station, windows, trait in ((synthetic.WORSHIP_STATION, synthetic.WORSHIP_WINDOWS, "worships"),
                                    (synthetic.CLINIC_STATION, synthetic.CLINIC_WINDOWS, "clinic_patient")):
        visitors = set(truth.loc[truth[trait], "account_id"]) & several
        assert visitors <= set(aggregation.accounts_in_every_window(trips, station, windows)), (
            f"every {trait} account with two or more entries is logged at {station} in every window")
    # commuters' evening station is their work station for most of them
    ev = aggregation.usual_evening_station(trips)
    t = truth.set_index("account_id")
    commuters = t.index[t["commuter"]].intersection(ev.index)
    assert (ev[commuters] == t.loc[commuters, "work_station"]).mean() > 0.5


def test_one_entry_is_a_guess_and_the_week_near_certainty(trips, truth):
    for station, windows, trait in ((synthetic.WORSHIP_STATION, synthetic.WORSHIP_WINDOWS, "worships"),
                                    (synthetic.CLINIC_STATION, synthetic.CLINIC_WINDOWS, "clinic_patient")):
        f = aggregation.what_a_week_reveals(trips, station, windows, truth.loc[truth[trait], "account_id"])
        assert f.one_entry_share < 0.5, f"{station}: one entry should leave most of the doubt"
        assert f.week_share > 0.95, f"{station}: the week should all but settle it"
        assert f.visitors / len(truth) < 0.03
