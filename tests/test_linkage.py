"""Lesson 06 / ps4: uniqueness, k-anonymity and linkage, and the synthetic town they run on."""

import math

import numpy as np
import pandas as pd
import pytest

from facecourse.data import load_dataset, synthetic
from facecourse.models import linkage


@pytest.fixture(scope="module")
def registry():
    return load_dataset("synthetic_population")


@pytest.fixture(scope="module")
def log():
    return load_dataset("synthetic_facepay_log")


SMALL = pd.DataFrame({"district": ["D01", "D01", "D01", "D02"], "sex": ["F", "F", "M", "F"],
                      "trips_in_week": [1, 2, 3, 4]})


def test_share_unique_and_class_sizes_on_a_table_checked_by_hand():
    assert linkage.class_sizes(SMALL, ["district"]).tolist() == [3, 3, 3, 1]
    assert linkage.share_unique(SMALL, ["district"]) == 0.25
    assert linkage.share_unique(SMALL, ["district", "sex"]) == 0.5
    assert linkage.share_unique(SMALL, "sex") == 0.25


def test_k_anonymity_summary_on_a_table_checked_by_hand():
    k = linkage.k_anonymity(SMALL, ["district", "sex"])
    assert (k.people, k.classes, k.k, k.unique_people) == (4, 3, 1, 2)
    assert k.share_unique == 0.5 and k.share_below_5 == 1.0 and k.median_class_size == 1.5
    assert "k = 1" in str(k)


@pytest.mark.parametrize("bad, message", [([], "at least one"), (["postcode"], "unknown column"),
                                           (["sex", "sex"], "named twice")])
def test_bad_columns_say_what_is_wrong(bad, message):
    with pytest.raises(ValueError, match=message):
        linkage.share_unique(SMALL, bad)


def test_first_principles_estimate_matches_the_formula_and_a_simulation():
    assert linkage.expected_share_unique(1, 10) == 1.0
    assert linkage.expected_share_unique(9_330, 56_940) == pytest.approx(math.exp(-9_329 / 56_940))
    e = linkage.sweeney_style_estimate()
    assert e["combinations"] == 78 * 365 * 2 == 56_940
    assert 0.84 <= e["expected_share_unique"] <= 0.86, "John D. Cook's back-of-envelope: 84-86%"
    sims = [linkage.simulate_share_unique(9_330, 56_940, seed=s) for s in range(5)]
    assert np.mean(sims) == pytest.approx(e["expected_share_unique"], abs=0.01)
    arr = linkage.expected_share_unique(np.array([1, 100]), 100)
    assert arr.shape == (2,) and arr[0] == 1.0
    with pytest.raises(ValueError):
        linkage.expected_share_unique(0, 10)


def test_the_simulation_runs_on_a_32_bit_numpy(monkeypatch):
    """Lesson 06 in a browser Python (32-bit numpy): index functions there cast int64 to int32 'safely',
    which fails.  Emulate that build's np.bincount and check the simulation still gives the same shares."""
    real_bincount = np.bincount

    def bincount_of_a_32_bit_build(x, *args, **kwargs):
        return real_bincount(np.asarray(x).astype(np.int32, casting="safe"), *args, **kwargs)

    expected = [linkage.simulate_share_unique(9_330, 56_940, seed=s) for s in range(3)]
    monkeypatch.setattr(linkage.np, "bincount", bincount_of_a_32_bit_build)
    assert [linkage.simulate_share_unique(9_330, 56_940, seed=s) for s in range(3)] == expected
    assert linkage.simulate_share_unique(20_000, 3) == 0.0  # every cell crowded
    assert linkage.simulate_share_unique(5_000, 10**12) == 1.0  # more cells than a 32-bit index can count


def test_by_group_estimate_weights_groups_by_size():
    got = linkage.expected_share_unique_by_group([1, 3], 2)
    assert got == pytest.approx((1 * 1 + 3 * math.exp(-1)) / 4)


def test_join_counts_on_a_table_checked_by_hand():
    log = pd.DataFrame({"district": ["D01", "D02", "D03"], "sex": ["M", "F", "F"], "trips_in_week": [5, 7, 9]})
    j = linkage.join_counts(SMALL, log, ["district", "sex"])
    assert (j.records, j.linked_to_one, j.linked_to_several, j.linked_to_none) == (3, 2, 0, 1)
    assert j.trips_linked_to_one == 12 and j.share_linked_to_one == pytest.approx(2 / 3)
    j = linkage.join_counts(SMALL, log, ["district"])
    assert (j.linked_to_one, j.linked_to_several, j.linked_to_none) == (1, 1, 1)


def test_synthetic_town_follows_its_datasheet(registry, log):
    assert len(registry) == synthetic.N_PEOPLE == 20_000
    assert registry["birth_year"].between(1940, 2003).all()
    assert (registry["birth_date"].dt.year == registry["birth_year"]).all()
    assert (registry["birth_date"].dt.month == registry["birth_month"]).all()
    assert registry["district"].nunique() == 20 and set(registry["sex"]) == {"F", "M"}
    sizes = registry["district"].value_counts()
    assert sizes["D01"] == sizes.max() and sizes.min() > 400
    assert not {"person_id", "name"} & set(log.columns), "the log is pseudonymous"
    assert 3_000 < len(log) < 4_000


def test_every_unique_join_finds_the_true_owner(registry, log):
    cols = ["district", "sex", "birth_date"]
    owners = synthetic.facepay_log_owners()
    sizes = registry.groupby(cols).size().rename("n").reset_index()
    merged = log.reset_index().merge(sizes, on=cols).merge(registry[cols + ["person_id"]], on=cols)
    unique = merged[merged["n"] == 1].sort_values("index")
    assert (unique["person_id"].to_numpy() == owners[unique["index"].to_numpy()]).all()
    assert len(unique) == linkage.join_counts(registry, log, cols).linked_to_one


def test_uniqueness_rises_as_quasi_identifiers_are_added(registry):
    from facecourse.lessons.lesson06 import LESSON06_STEPS
    shares = [linkage.share_unique(registry, cols) for _, cols in LESSON06_STEPS]
    assert shares == sorted(shares)
    assert shares[0] == 0 and shares[-1] > 0.99


def test_possible_combinations_counts_each_columns_values(registry):
    assert linkage.possible_combinations(registry, ["district", "sex"]) == 40
    assert linkage.possible_combinations(registry, ["district", "sex"], within="district") == 2
    assert linkage.possible_combinations(registry, ["birth_year", "birth_month"]) == 64 * 12
    days = (registry["birth_date"].max() - registry["birth_date"].min()).days + 1
    assert 23_000 < days <= 23_376  # 1940-01-01 to 2003-12-31 at most
    assert linkage.possible_combinations(registry, ["sex", "birth_date"]) == 2 * days


def test_re_identify_names_exactly_the_accounts_a_join_pins_to_one_person(registry, log):
    on = ["district", "sex", "birth_date"]
    named = linkage.re_identify(registry, log, on)
    assert len(named) == linkage.join_counts(registry, log, on).linked_to_one
    owners = dict(zip(log["account_id"], synthetic.facepay_log_owners()))
    assert all(owners[a] == p for a, p in named.items()), "a unique match in a complete, error-free registry is right"
    reg = pd.DataFrame({"person_id": [1, 2, 3], "district": ["D01", "D01", "D02"]})
    acc = pd.DataFrame({"account_id": ["X", "Y"], "district": ["D01", "D02"]})
    assert linkage.re_identify(reg, acc, ["district"]).to_dict() == {"Y": 3}  # X matches two people: not named
    with pytest.raises(ValueError, match="unknown column"):
        linkage.re_identify(reg, acc.drop(columns="account_id"), ["district"])
