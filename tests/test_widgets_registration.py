"""Lesson 01 explorers driven headlessly, and the SIM-registration dataset checked against the fact sheet."""

import numpy as np
import pytest

from facecourse.data import load_dataset
from facecourse.data.world_counts import WORLD_COUNTS
from facecourse.explorers import SimRegistrationExplorer, SubscriptionsExplorer
from facecourse.explorers.registration import MILLIONS, PER_100
from facecourse.explorers.style import PALETTE, axis_titles
from facecourse.lessons import lesson01

# -- subscriptions against population ----------------------------------------------------------------------

def test_millions_view_draws_every_year_and_the_population_points():
    e = SubscriptionsExplorer()
    subs, pop, implied, line = e.figure.data
    assert list(subs.x) == list(range(2015, 2024))
    assert subs.y[list(subs.x).index(2019)] == pytest.approx(1601)
    assert dict(zip(pop.x, pop.y)) == {2019: pytest.approx(1400.05), 2020: pytest.approx(1411.78)}
    assert np.allclose(implied.y, subs.y), "at 1 subscription per user the implied users equal the subscriptions"
    assert line.visible is False
    assert e.figure.layout.yaxis.title.text == "subscriptions or people (millions)"
    assert list(subs.marker.symbol).count("circle-open") == 3, "2016, 2017 and 2021 are derived (LIKELY)"


def test_toggling_to_per_100_people_shows_miit_figures_and_the_course_computation():
    e = SubscriptionsExplorer()
    e.view.value = PER_100
    subs, pop, implied, line = e.figure.data
    shown = dict(zip(subs.x, subs.y))
    assert shown == {2017: 102.5, 2018: 112.2, 2019: 114.4, 2020: 113.9, 2022: 119.2, 2023: 122.5}
    computed = dict(zip(pop.x, pop.y))
    assert computed[2019] == pytest.approx(100 * 1601 / 1400.05)
    assert computed[2020] == pytest.approx(100 * 1594 / 1411.78)
    assert line.visible is True and list(line.y) == [100, 100]
    assert e.figure.layout.yaxis.title.text == "per 100 people"
    assert "depends on which population count" in e.status.value
    e.view.value = MILLIONS
    assert e.figure.data[3].visible is False and e.figure.layout.yaxis.range == (0, 1900)


def test_assumption_slider_divides_subscriptions_and_the_readout_follows():
    e = SubscriptionsExplorer()
    assert "impossible" in e.summary and "ASSUMPTION" in e.summary
    e.subscriptions_per_user.value = 1.3
    subs, _, implied, _ = e.figure.data
    assert np.allclose(np.array(implied.y) * 1.3, subs.y)
    assert e.implied_users_2019() == pytest.approx(1601 / 1.3)
    assert "1,232 million phone users, 88% of the population" in e.status.value
    assert "impossible" not in e.summary
    e.view.value = PER_100
    subs, _, implied, _ = e.figure.data
    assert np.allclose(np.array(implied.y) * 1.3, subs.y)


def test_leaving_out_derived_years_removes_the_likely_rows():
    e = SubscriptionsExplorer()
    e.include_derived.value = False
    assert list(e.figure.data[0].x) == [2015, 2018, 2019, 2020, 2022, 2023]
    assert set(e.figure.data[0].marker.symbol) == {"circle"}
    assert "leaving out the derived (LIKELY) years" in e.summary
    e.view.value = PER_100
    assert 2017 not in list(e.figure.data[0].x)


@pytest.mark.parametrize("kwargs, message", [
    (dict(view="per person"), "view must be 'millions' or 'per 100 people'"),
    (dict(subscriptions_per_user=0.5), "subscriptions_per_user must be between 1.0 and 2.5"),
    (dict(include_derived="yes"), "include_derived must be True or False"),
])
def test_subscriptions_explorer_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SubscriptionsExplorer(**kwargs)


# -- countries by registration policy ----------------------------------------------------------------------

def test_country_explorer_shows_every_country_with_its_source_by_default():
    s = SimRegistrationExplorer()
    total = len(s.countries)
    assert sum(len(t.x) for t in s.figure.data) == total == 18
    assert all("Source:" in text for t in s.figure.data for text in t.text)
    assert s.table.value.count("<tr>") == total + 1  # header + one row per country
    assert "not a sample of the world" in s.summary and "157" in s.summary


def test_filtering_by_policy_shows_only_those_countries():
    s = SimRegistrationExplorer()
    s.policy.value = "not mandatory for prepaid SIMs"
    shown = {t.name: list(t.y) for t in s.figure.data}
    assert shown["not mandatory for prepaid SIMs"] == ["Czech Republic", "United Kingdom", "United States"]
    assert shown["mandatory, with biometrics"] == []
    assert list(s.figure.layout.yaxis.categoryarray) == ["Czech Republic", "United Kingdom", "United States"]
    assert "GSMA Mobile Policy Handbook" in s.table.value
    assert "Showing 3 of 18 countries" in s.status.value


def test_filtering_by_biometrics_shows_each_row_with_its_sources():
    s = SimRegistrationExplorer(biometrics="face")
    assert sorted(y for t in s.figure.data for y in t.y) == ["China", "Singapore"]
    s.biometrics.value = "fingerprint or face"
    assert "Thailand" in s.summary and "All of them are marked VERIFIED" in s.summary
    assert "15 December 2017" in s.table.value and "Straits Times" in s.table.value
    s.policy.value = "not mandatory for prepaid SIMs"
    assert s.summary.startswith("No country in the dataset matches these filters.")
    assert sum(len(t.x) for t in s.figure.data) == 0


def test_a_likely_row_is_flagged_in_the_summary():
    df = load_dataset("sim_registration_by_country")
    df.loc[df["country"] == "Thailand", "confidence"] = "LIKELY"
    s = SimRegistrationExplorer(countries=df, biometrics="fingerprint or face")
    assert "1 of them is marked LIKELY" in s.summary


def test_country_explorer_rejects_an_unknown_filter_and_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown policy 'banned'; choose one of: All, mandatory, with biometrics"):
        SimRegistrationExplorer(policy="banned")
    with pytest.raises(ValueError, match=r"unknown biometrics 'iris'"):
        SimRegistrationExplorer(biometrics="iris")


@pytest.mark.parametrize("make", [SubscriptionsExplorer, SimRegistrationExplorer])
def test_lesson01_figures_are_titled_labelled_summarised_and_colour_blind_safe(make):
    e = make()
    fig = e.figure
    assert fig.layout.title.text
    assert all(axis_titles(fig)), f"an axis without a title: {axis_titles(fig)}"
    assert len(e.summary) > 40 and "role='status'" in e.status.value
    safe = {c.lower() for c in PALETTE.values()}
    for trace in fig.data:
        for colour in (trace.line.color if trace.mode and "lines" in trace.mode else None, trace.marker.color):
            if isinstance(colour, str) and colour.startswith("#"):
                assert colour.lower() in safe, f"{colour} is not from the Okabe-Ito palette"
    controls = [c for c in e.children if hasattr(c, "value") and type(c).__name__ not in ("HTML", "FigureWidget")]
    controls += [c for box in e.children if hasattr(box, "children") and not hasattr(box, "data")
                 for c in box.children]
    assert controls and all(c.description for c in controls), "every control needs a label"


# -- the dataset and the key numbers -----------------------------------------------------------------------

FACTS_COUNTRIES = {  # the only countries FACTS.md names in its SIM-registration section
    "Afghanistan", "Bahrain", "Bangladesh", "Benin", "China", "Nigeria", "Oman", "Pakistan", "Peru", "Saudi Arabia",
    "Singapore", "Tajikistan", "Tanzania", "Thailand", "Uganda", "Czech Republic", "United Kingdom", "United States",
}


def test_sim_dataset_names_only_countries_the_fact_sheet_names_each_with_a_source():
    df = load_dataset("sim_registration_by_country")
    assert set(df["country"]) <= FACTS_COUNTRIES
    assert (df["source"].str.len() > 20).all()
    no_mandate = df[df["policy"] == "not mandatory for prepaid SIMs"]
    assert set(no_mandate["country"]) == {"Czech Republic", "United Kingdom", "United States"}
    assert no_mandate["source"].str.contains("GSMA").all()


def test_thailand_start_date_carries_its_sources():
    row = load_dataset("sim_registration_by_country").set_index("country").loc["Thailand"]
    assert row["confidence"] == "VERIFIED"
    assert "15 December 2017" in row["detail"]
    assert "Straits Times" in row["source"] and "Bangkok Post" in row["source"]


def test_comparitech_rows_never_exceed_its_count_of_17():
    df = load_dataset("sim_registration_by_country")
    listed = df[df["in_comparitech_2020_list"] == "yes"]
    assert len(listed) <= WORLD_COUNTS["biometric_registration"][0]
    assert listed["source"].str.contains("Comparitech").all()
    assert (listed["policy"] == "mandatory, with biometrics").all()


def test_key_numbers_of_lesson_01():
    text = lesson01.subscriptions_and_population()
    assert "114.4 per 100 (MIIT says 114.4)" in text
    assert "112.9 per 100 (MIIT says 113.9)" in text
    assert "years in which the total fell: 2020" in text
    counts = lesson01.sim_registration_counts()
    assert "Countries in the course's dataset: 18 (all VERIFIED)" in counts
    assert "157" in counts and "17" in counts and "about 1 billion" in counts
