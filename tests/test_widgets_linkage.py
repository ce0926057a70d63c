"""Lesson 06: the linkage explorers driven headlessly, as a student would."""

import pytest

from facecourse.data import load_dataset
from facecourse.explorers import LinkageExplorer, UniquenessEstimateExplorer
from facecourse.explorers.linkage import BIRTH_PRECISIONS
from facecourse.explorers.style import axis_titles
from facecourse.models import linkage


@pytest.fixture(scope="module")
def town():
    return LinkageExplorer()


def test_explorer_matches_the_pandas_functions_at_every_setting(town):
    reg, log = load_dataset("synthetic_population"), load_dataset("synthetic_facepay_log")
    for birth in BIRTH_PRECISIONS:
        for prefix in (False, True):
            town.birth.value, town.phone_prefix.value = birth, prefix
            s = town.stats()
            assert s["share_unique"] == pytest.approx(linkage.share_unique(reg, s["columns"]))
            assert s["accounts_linked"] == linkage.join_counts(reg, log, s["columns"]).linked_to_one
            k = linkage.possible_combinations(reg, s["columns"], within="district")
            assert s["estimate"] == pytest.approx(
                linkage.expected_share_unique_by_group(reg["district"].value_counts().to_numpy(), k))
            assert town.figure.data[1].y[0] == pytest.approx(100 * s["share_unique"])
            assert sum(town.figure.data[0].y) == pytest.approx(100)
    town.birth.value, town.phone_prefix.value = "year", False


def test_adding_full_birth_date_reidentifies_most_accounts(town):
    town.birth.value = "full date"
    assert "96.4%" in town.summary and "3,396 of 3,548" in town.summary
    assert "96.4%" in town.readout.value and "role='status'" in town.readout.value
    town.birth.value = "year"
    assert "198 (1.0%)" in town.summary


def test_nothing_known_means_nobody_is_unique(town):
    town.district.value, town.sex.value, town.birth.value = False, False, "not used"
    assert town.stats()["share_unique"] == 0 and "Knowing nothing" in town.summary
    assert town.figure.data[0].y[-1] == pytest.approx(100)
    town.district.value, town.sex.value, town.birth.value = True, True, "year"


def test_figures_have_titles_axis_titles_and_labelled_controls(town):
    est = UniquenessEstimateExplorer()
    for e in (town, est):
        assert e.figure.layout.title.text
        assert all(axis_titles(e.figure)), axis_titles(e.figure)
    for c in (town.district, town.sex, town.birth, town.phone_prefix, est.people_per_area, est.birth_years, est.use_sex):
        assert c.description


def test_estimate_explorer_rebuilds_the_back_of_envelope_figure():
    e = UniquenessEstimateExplorer()
    assert e.combinations == 56_940 and "84.9%" in e.summary
    e.use_sex.value = False
    assert e.combinations == 28_470 and "72.1%" in e.summary
    e.people_per_area.value = 1_000
    s = e.stats()
    assert abs(s["simulated"] - s["estimate"]) < 0.05
    assert e.figure.data[1].y[0] == pytest.approx(100 * s["estimate"])


@pytest.mark.parametrize("kwargs", [dict(birth="day"), dict(district="yes"), dict(phone_prefix=1)])
def test_linkage_explorer_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        LinkageExplorer(**kwargs)


@pytest.mark.parametrize("kwargs", [dict(people_per_area=5), dict(birth_years=0), dict(birth_years=2.5),
                                    dict(use_sex="no")])
def test_estimate_explorer_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        UniquenessEstimateExplorer(**kwargs)
