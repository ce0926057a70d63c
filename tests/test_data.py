"""Datasets: every file loads and matches its schema; bad files and names fail clearly."""

import re

import pandas as pd
import pytest
from conftest import REPO

from facecourse.data import DATASETS, DatasetError, load_dataset, read_csv_checked, synthetic


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_loads_with_its_schema(name):
    df = load_dataset(name)
    assert list(df.columns) == [c.name for c in DATASETS[name].columns]
    assert len(df) > 0


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_has_a_datasheet_naming_its_columns_licence_and_origin(name):
    sheet = (REPO / "datasets" / f"{name}.md").read_text()
    for col in DATASETS[name].columns:
        assert f"`{col.name}`" in sheet, f"datasheet of {name} does not describe column {col.name}"
    assert "Licence" in sheet
    assert ("SYNTHETIC" in sheet) == DATASETS[name].synthetic, "datasheet must say SYNTHETIC exactly when it is"


def test_every_real_row_names_a_source():
    for name, schema in DATASETS.items():
        if schema.synthetic:
            continue
        df = load_dataset(name)
        assert (df["source"].str.len() > 5).all(), f"{name}: a row without a real source"


def test_unknown_dataset_name_lists_the_available_ones():
    with pytest.raises(DatasetError, match=r"unknown dataset 'faces'.*events_timeline"):
        load_dataset("faces")


def _write(tmp_path, text):
    p = tmp_path / "bad.csv"
    p.write_text(text, encoding="utf-8")
    return p


POPULATION = DATASETS["china_population"]
HEADER = "year,population_millions,measure,source\n"


@pytest.mark.parametrize(
    "body, message",
    [
        ("year,population_millions,source\n2019,1400,x\n", r"columns do not match.*missing \['measure'\]"),
        (HEADER, r"no rows"),
        (HEADER + "2019,lots,census,NBS\n", r"line 2: column 'population_millions' has 'lots'; expected a number"),
        (HEADER + "2019,1400,guess,NBS\n", r"line 2: column 'measure' has 'guess'; allowed"),
        (HEADER + "2019,-5,census,NBS\n", r"must be at least 0"),
        (HEADER + "2019.5,1400,census,NBS\n", r"expected a whole number"),
        (HEADER + "2019,1400,census,\n", r"column 'source' is empty"),
        (HEADER + "2019,1400,census,NBS\n2019,1401,census,NBS\n", r"line 2: duplicate row"),
        ('year,population_millions\n"2019,1400\n', r"not a readable CSV|columns do not match"),
    ],
)
def test_malformed_csv_says_what_is_wrong_and_where(tmp_path, body, message):
    with pytest.raises(DatasetError, match=message):
        read_csv_checked(_write(tmp_path, body), POPULATION)


def test_bad_date_is_reported_with_the_expected_format(tmp_path):
    events = (REPO / "datasets" / "events_timeline.csv").read_text().splitlines()
    events[1] = events[1].replace("2008-07-01", "July 2008", 1)
    with pytest.raises(DatasetError, match=r"line 2: column 'date' has 'July 2008'; expected a date as YYYY-MM-DD"):
        read_csv_checked(_write(tmp_path, "\n".join(events) + "\n"), DATASETS["events_timeline"])


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(DatasetError, match="file not found"):
        read_csv_checked(tmp_path / "nothing.csv", POPULATION)


def test_synthetic_datasets_regenerate_byte_for_byte(tmp_path):
    for path in synthetic.write_all(tmp_path):
        assert path.read_bytes() == (REPO / "datasets" / path.name).read_bytes(), (
            f"{path.name} differs from its generator: run `make datasets` and commit the result")


def test_synthetic_scores_follow_their_documented_design():
    df = load_dataset("synthetic_match_scores")
    counts = df["comparison"].value_counts()
    assert counts["genuine"] == synthetic.N_GENUINE and counts["impostor"] == synthetic.N_IMPOSTOR
    assert df.groupby("comparison")["score"].median()["genuine"] > 0.8
    assert df.groupby("comparison")["score"].median()["impostor"] < 0.3


def test_key_facts_match_the_fact_sheet():
    subs = load_dataset("china_mobile_subscriptions").set_index("year")
    assert subs.loc[2019, "subscriptions_millions"] == pytest.approx(1601, abs=1)
    assert subs.loc[2018, "per_100_people"] == 112.2
    assert subs.loc[2020, "net_change_millions"] == -7.28
    pop = load_dataset("china_population").set_index("year")
    assert pop.loc[2019, "population_millions"] == 1400.05
    ev = load_dataset("events_timeline")
    rule = ev[ev["date"] == pd.Timestamp("2019-12-01")]
    assert len(rule) == 1 and "face" in rule["event"].iloc[0]


def test_events_use_the_verified_dates_of_the_safari_park_case():
    ev = load_dataset("events_timeline")
    court = ev[ev["kind"] == "court"].set_index("date")["event"]
    assert any(re.search("Guo Bing", e) for e in court[pd.Timestamp("2019-10-28"):pd.Timestamp("2019-10-28")])
    assert pd.Timestamp("2020-11-20") in court.index and pd.Timestamp("2021-04-09") in court.index
