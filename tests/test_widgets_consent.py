"""Lesson 04: the consent scenario explorer driven headlessly, and its three legal datasets."""

import html

import numpy as np
import pandas as pd
import pytest

from facecourse.data import COURSE_READINGS, FACE_USES, LEGAL_JURISDICTIONS, LEGAL_TESTS, DatasetError, load_dataset
from facecourse.explorers import ConsentScenarioExplorer
from facecourse.explorers.consent import HIDDEN, NOT_LEGAL_ADVICE, ROLE_CODE
from facecourse.explorers.style import axis_titles
from facecourse.lessons import lesson04
from facecourse.models import legal

REQUIRED_BY_LAW = "required by law: consent is not the basis"


# -- the explorer ---------------------------------------------------------------

def test_rows_stay_hidden_until_a_prediction_is_made_and_revealed():
    e = ConsentScenarioExplorer()
    assert (np.array(e.figure.data[0].z) == HIDDEN).all()
    assert set(np.array(e.figure.data[0].text).ravel()) == {"?"}
    assert e.reveal() is False, "no prediction yet: nothing is revealed"
    assert "Predict first" in e.answer.value
    assert (np.array(e.figure.data[0].z) == HIDDEN).all()
    e.prediction.value = COURSE_READINGS[1]
    assert e.reveal() is True
    z = np.array(e.figure.data[0].z)
    assert (z[0] != HIDDEN).all() and (z[1:] == HIDDEN).all(), "only the park-entry row is revealed"
    assert "Your prediction matches the course's reading" in e.answer.value


def test_park_entry_in_china_shows_the_courts_necessity_reasoning_with_sources():
    e = ConsentScenarioExplorer(use="park entry", jurisdiction="China")
    e.prediction.value = COURSE_READINGS[0]
    e.reveal()
    z = np.array(e.figure.data[0].z)
    decisive = [t for t, c in zip(LEGAL_TESTS, z[0]) if c == ROLE_CODE["decisive"]]
    assert decisive == ["necessity", "alternative offered"]
    a = e.answer.value
    assert "The course reads it differently" in a
    assert "Fuyang District People&#x27;s Court" in a and "Lexology" in a
    assert "Art. 29" in a and "Source:" in a
    assert "not legal advice" in a
    assert "the course&#x27;s reading" in a and "stated in a provision or ruling" in a


def test_sim_registration_in_china_is_a_mandate_that_displaces_the_consent_tests():
    e = ConsentScenarioExplorer(use="SIM registration", jurisdiction="China")
    e.prediction.value = REQUIRED_BY_LAW
    assert e.reveal()
    row = np.array(e.figure.data[0].z)[FACE_USES.index("SIM registration")]
    roles = dict(zip(LEGAL_TESTS, row))
    assert roles["legal mandate"] == ROLE_CODE["decisive"]
    for t in ("informed consent", "free consent", "separate consent"):
        assert roles[t] == ROLE_CODE["displaced by mandate"]
    assert "Cybersecurity Law, Art. 24 (2016 text)" in e.answer.value
    assert "Personal Information Protection Law (PIPL), Art. 13" in e.answer.value
    assert "Your prediction matches" in e.answer.value
    assert "displaced by mandate: informed consent, free consent, separate consent" in e.summary


def test_changing_jurisdiction_updates_title_matrix_and_clears_the_prediction():
    e = ConsentScenarioExplorer(reveal_all=True)
    e.prediction.value = COURSE_READINGS[2]
    e.jurisdiction.value = "Illinois (United States)"
    assert e.prediction.value is None, "a new choice asks for a new prediction"
    assert "Illinois (BIPA)" in e.figure.layout.title.text
    z = np.array(e.figure.data[0].z)
    assert (z != HIDDEN).all()
    expected = legal.scenario_tests()
    expected = expected[expected["jurisdiction"] == "Illinois (United States)"]
    assert int((z > 0).sum()) == len(expected)
    assert "Written" in e.answer.value or "written" in e.answer.value
    e.jurisdiction.value = "European Union"
    assert "EU (GDPR)" in e.figure.layout.title.text
    assert "Art. 9(1)" in e.answer.value


def test_changing_the_use_moves_the_frame_and_the_description():
    e = ConsentScenarioExplorer()
    e.use.value = "metro payment"
    row = FACE_USES.index("metro payment")
    shape = e.figure.layout.shapes[0]
    assert shape.y0 == pytest.approx(row - 0.5) and shape.y1 == pytest.approx(row + 0.5)
    assert "Zhengzhou" in e.design.value
    assert "The framed row is metro payment" in e.summary and "hidden" in e.summary
    assert "role='status'" in e.status.value


def test_revealed_rows_stay_revealed_when_coming_back():
    e = ConsentScenarioExplorer()
    e.prediction.value = COURSE_READINGS[0]
    e.reveal()
    e.jurisdiction.value = "European Union"
    assert "Make your prediction" in e.answer.value
    e.jurisdiction.value = "China"
    assert "<b>The course's reading:</b>" in e.answer.value


@pytest.mark.parametrize("kwargs, message", [
    (dict(use="selfie"), r"unknown use of a face 'selfie'; choose one of: park entry"),
    (dict(jurisdiction="Mars"), r"unknown jurisdiction 'Mars'; choose one of: China"),
    (dict(reveal_all="yes"), r"reveal_all must be True or False"),
])
def test_explorer_rejects_bad_settings_and_lists_the_choices(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ConsentScenarioExplorer(**kwargs)


def test_figure_is_titled_labelled_keyboard_controls_are_labelled():
    e = ConsentScenarioExplorer()
    assert e.figure.layout.title.text.startswith("Which legal tests apply")
    assert axis_titles(e.figure) == ["legal test", "use of a face"]
    for control in (e.use, e.jurisdiction, e.prediction, e.reveal_button):
        assert control.description
    assert len(e.summary) > 40
    assert "not legal advice" in NOT_LEGAL_ADVICE


def test_every_pair_can_be_revealed_and_cites_only_known_provisions():
    e = ConsentScenarioExplorer()
    known = {r.provision_id: r for r in legal.provisions().itertuples()}
    for j in LEGAL_JURISDICTIONS:
        e.jurisdiction.value = j
        for s in FACE_USES:
            e.use.value = s
            e.prediction.value = REQUIRED_BY_LAW
            assert e.reveal()
            assert legal.reading(s, j)["course_reading"] in e.answer.value
            # the provisions shown are exactly those the pair's tests cite, each one in legal_provisions
            ids = [p for cell in legal.tests_for(s, j)["provision_ids"] for p in legal.split_list(cell)]
            assert ids and set(ids) <= set(known), f"{s}, {j}: cites {sorted(set(ids) - set(known))}"
            for p in ids:
                citation = f"<b>{html.escape(known[p].instrument)}, {html.escape(known[p].article)}</b> <small>(Source: "
                assert citation in e.answer.value, f"{s}, {j}: {p} is cited but not shown"
            assert e.answer.value.count("</b> <small>(Source: ") == len(ids), f"{s}, {j}: a provision nobody cited"
    assert (np.array(e.figure.data[0].z) != HIDDEN).all()


# -- the datasets -----------------------------------------------------------------

def test_legal_datasets_reference_each_other_cleanly():
    prov, scen, tests = legal.provisions(), legal.scenarios(), legal.scenario_tests()
    legal.check_references(prov, scen, tests)
    assert len(scen) == len(FACE_USES) * len(LEGAL_JURISDICTIONS)
    assert prov["provision_id"].is_unique


def test_a_dangling_provision_id_or_unknown_test_is_reported():
    prov, scen, tests = legal.provisions(), legal.scenarios(), legal.scenario_tests()
    bad = tests.copy()
    bad.loc[0, "provision_ids"] = "CN-PIPL-99"
    with pytest.raises(DatasetError, match=r"face_use_tests, line 2: provision ids \['CN-PIPL-99'\]"):
        legal.check_references(prov, scen, bad)
    bad_prov = prov.copy()
    bad_prov.loc[0, "tests_supplied"] = "vibes"
    with pytest.raises(DatasetError, match="unknown test"):
        legal.check_references(bad_prov, scen, tests)
    with pytest.raises(DatasetError, match="missing"):
        legal.check_references(prov, scen.iloc[1:], tests)


def test_provisions_match_the_fact_sheet():
    prov = load_dataset("legal_provisions").set_index("provision_id")
    assert prov.loc["CN-PIPL-29", "date"] == pd.Timestamp("2021-11-01")
    assert prov.loc["CN-SPC-2021-ART10", "date"] == pd.Timestamp("2021-08-01")
    assert prov.loc["CN-CAC-MPS-2025", "date"] == pd.Timestamp("2025-06-01")
    assert prov.loc["CN-GUO-2020", "date"] == pd.Timestamp("2020-11-20")
    assert prov.loc["CN-GUO-2021", "date"] == pd.Timestamp("2021-04-09")
    assert "1,038 yuan" in prov.loc["CN-GUO-2020", "summary"]
    assert "fingerprint" in prov.loc["CN-GUO-2021", "summary"]
    assert prov.loc["US-FACEBOOK-2021", "date"] == pd.Timestamp("2021-02-26")
    assert "$650 million" in prov.loc["US-FACEBOOK-2021", "summary"]
    assert prov.loc["CN-CSL-24", "article"] == "Art. 24 (2016 text)"
    for pid in ("EU-GDPR-4-14", "EU-GDPR-9-1", "CN-PIPL-26", "CN-PIPL-28", "CN-SPC-2021-ART2"):
        assert pid in prov.index


def test_the_sim_rule_is_the_only_use_read_as_required_by_law():
    scen = legal.scenarios()
    mandated = scen[scen["course_reading"] == REQUIRED_BY_LAW]
    assert list(zip(mandated["scenario"], mandated["jurisdiction"])) == [("SIM registration", "China")]


def test_every_reading_says_whether_it_is_stated_or_the_courses_reading():
    for table in (legal.scenarios(), legal.scenario_tests()):
        assert table["basis"].isin(["stated in a provision or ruling", "the course's reading"]).all()
    # Applications the sources do not state directly must be labelled as the course's reading.
    scen = legal.scenarios().set_index(["scenario", "jurisdiction"])
    assert scen.loc[("campus gate", "China"), "basis"] == "the course's reading"
    assert scen.loc[("residential compound", "China"), "basis"] == "stated in a provision or ruling"


def test_key_numbers_print_the_case_timeline_and_the_readings():
    timeline = lesson04.safari_park_case_timeline()
    assert "28 Oct 2019" in timeline and "389 days" in timeline and "529 days" in timeline
    counts = lesson04.consent_scenario_counts()
    assert "Provisions, rulings and decisions in the dataset: 31" in counts
    assert "Readings stated in a provision or ruling: 2 of 15" in counts
