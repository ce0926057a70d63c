"""Lesson 03: the differentials explorer driven headlessly, its helpers, and the lesson's datasets."""

import math

import numpy as np
import pytest

from facecourse.data import load_dataset, synthetic
from facecourse.explorers import DifferentialsExplorer
from facecourse.explorers.style import PALETTE, axis_titles
from facecourse.lessons.lesson03 import differentials_worked_example, gender_shades_table, nist_findings
from facecourse.models.differentials import (
    ILLUSTRATIVE_GROUPS,
    MODES,
    group_thresholds,
    threshold_for_fnmr,
    worst_best_ratio,
)
from facecourse.models.verification import ScoreModel


@pytest.fixture
def explorer():
    return DifferentialsExplorer()


def _points(e):
    return [(e.figure.data[i].x[0], e.figure.data[i].y[0]) for i in (3, 4, 5)]


# -- the explorer, as a student uses it ------------------------------------------------------

def test_global_threshold_gives_each_group_its_own_rates(explorer):
    e = explorer
    e.threshold.value = 0.755
    pts = _points(e)
    for (x, y), (g, m) in zip(pts, ILLUSTRATIVE_GROUPS.items()):
        assert x == pytest.approx(float(m.fmr(0.755)))
        assert y == pytest.approx(float(m.fnmr(0.755)))
    assert len({round(math.log10(x), 3) for x, _ in pts}) == 3, "the same threshold lands on different FMRs"
    assert set(e.thresholds().values()) == {0.755}
    assert "Worst/best FMR ratio:</b> 38.4× (group B vs group A)" in e.readout.value
    assert "Worst/best FNMR ratio:</b> 3.79× (group C vs group A)" in e.readout.value
    assert e.figure.data[6].x == () or len(e.figure.data[6].x) == 0, "no target line with one global threshold"


def test_moving_the_global_threshold_changes_the_ratios(explorer):
    e = explorer
    e.threshold.value = 0.70
    low = e.ratios()
    e.threshold.value = 0.80
    high = e.ratios()
    assert low["fmr"][0] == pytest.approx(25.1, abs=0.1) and high["fmr"][0] == pytest.approx(57.5, abs=0.1)
    assert high["fnmr"][0] < low["fnmr"][0]
    assert sum(o.genuine_refused for o in e.outcomes().values()) == pytest.approx(4.9e6, rel=0.02)


def test_equal_fmr_mode_lines_points_up_vertically_and_moves_the_gap_to_fnmr(explorer):
    e = explorer
    e.mode.value = "per-group: equal FMR"
    assert e.threshold.disabled and not e.target_fmr.disabled and e.target_fnmr.disabled
    xs = [x for x, _ in _points(e)]
    assert np.allclose(xs, 1e-6, rtol=1e-6)
    assert list(e.figure.data[6].x) == [pytest.approx(1e-6)] * 2, "vertical target line at the target FMR"
    t = e.thresholds()
    assert t["B"] > t["C"] > t["A"]
    q = e.ratios()
    assert q["fmr"][0] == pytest.approx(1.0) and q["fnmr"][0] == pytest.approx(6.0, abs=0.05)
    assert q["fnmr"][1] == "B"
    assert "the false match rate is the same in every group" in e.summary
    assert "Worst/best FMR ratio:</b> 1× (equal)" in e.readout.value
    refused = [e.figure.data[7].y[i] for i in range(3)]
    assert refused[1] == pytest.approx(1.48e6, rel=0.01)
    e.target_fmr.value = 1e-4
    assert np.allclose([x for x, _ in _points(e)], 1e-4, rtol=1e-6)


def test_equal_fnmr_mode_lines_points_up_horizontally_and_moves_the_gap_to_fmr(explorer):
    e = explorer
    e.mode.value = "per-group: equal FNMR"
    assert e.threshold.disabled and e.target_fmr.disabled and not e.target_fnmr.disabled
    assert np.allclose([y for _, y in _points(e)], 0.01, rtol=1e-6)
    assert list(e.figure.data[6].y) == [pytest.approx(0.01)] * 2, "horizontal target line at the target FNMR"
    ratio, worst, best = e.ratios()["fmr"]
    assert worst == "C" and best == "A" and ratio == pytest.approx(41.4, abs=0.1)
    assert "the false non-match rate is the same in every group (1%)" in e.summary


def test_no_mode_makes_both_ratios_equal(explorer):
    e = explorer
    for mode in MODES:
        e.mode.value = mode
        q = e.ratios()
        assert max(q["fmr"][0], q["fnmr"][0]) > 1.5, mode


def test_group_shares_change_counts_not_rates(explorer):
    e = explorer
    before = e.rates()
    e.share_c.value = 0.02
    assert e.outcomes()["C"].genuine_refused == pytest.approx(93_000, rel=0.01)
    e.share_c.value = 0.40
    assert e.outcomes()["C"].genuine_refused == pytest.approx(1.86e6, rel=0.01)
    assert e.shares()["A"] == pytest.approx(0.40)
    assert e.rates() == before
    assert "about 1.9 million in group C" in e.readout.value
    assert "ASSUMPTION" in e.share_b.description and "ASSUMPTION" in e.registrations.description


def test_impostor_share_drives_impostors_accepted(explorer):
    e = explorer
    e.impostor_share.value = 1e-2
    accepted = {g: o.impostors_accepted for g, o in e.outcomes().items()}
    assert accepted["B"] == pytest.approx(7.8, abs=0.05)
    # per attempt, B's ID holders are 38 times as exposed; in counts, B is also a smaller group (20% vs 70%)
    assert (accepted["B"] / 0.2) / (accepted["A"] / 0.7) == pytest.approx(38.4, abs=0.2)


def test_extreme_threshold_does_not_break_the_ratios(explorer):
    e = explorer
    e.threshold.value = 1.0
    assert e.ratios()["fmr"][0] == 1.0  # no group has any false match
    assert "1× (equal)" in e.readout.value
    e.threshold.value = 0.0
    assert all(v == pytest.approx(1.0) for v in e.rates()["fmr"].values())


@pytest.mark.parametrize("kwargs, message", [
    (dict(mode="fair"), "unknown mode 'fair'; choose one of: one global threshold"),
    (dict(threshold=1.5), "between 0 and 1"),
    (dict(target_fmr=0.5), "target_fmr must be between"),
    (dict(target_fnmr=0.9), "target_fnmr must be between"),
    (dict(registrations=10), "registrations must be between"),
    (dict(impostor_share=0.5), "impostor_share must be between"),
    (dict(share_b=0.7), "share_b must be between 0 and 0.5"),
    (dict(models={"X": ScoreModel()}), "keys 'A', 'B', 'C'"),
])
def test_explorer_rejects_bad_settings_and_says_what_is_allowed(kwargs, message):
    with pytest.raises(ValueError, match=message):
        DifferentialsExplorer(**kwargs)


def test_figure_is_titled_labelled_summarised_colour_blind_safe_and_keyboard_labelled(explorer):
    e = explorer
    fig = e.figure
    assert "SYNTHETIC" in fig.layout.title.text
    assert all(axis_titles(fig)), axis_titles(fig)
    assert len(e.summary) > 40
    safe = {c.lower() for c in PALETTE.values()}
    for trace in fig.data:
        for colour in (getattr(trace, "line", None) and trace.line.color,
                       getattr(trace, "marker", None) and trace.marker.color):
            colours = colour if isinstance(colour, (list, tuple)) else [colour]
            for c in colours:
                if isinstance(c, str) and c.startswith("#"):
                    assert c.lower() in safe, f"{c} is not from the Okabe-Ito palette"
    for control in e.controls:
        assert control.description
    assert "role='status'" in e.readout.value
    assert [tr.name for tr in fig.data[:3]] == ["group A", "group B", "group C"]


# -- helpers ---------------------------------------------------------------------------------

def test_threshold_for_fnmr_inverts_fnmr():
    m = ILLUSTRATIVE_GROUPS["C"]
    for target in (1e-3, 0.01, 0.2):
        assert float(m.fnmr(threshold_for_fnmr(m, target))) == pytest.approx(target, rel=1e-9)
    with pytest.raises(ValueError, match="target_fnmr must be a proportion"):
        threshold_for_fnmr(m, 2)


def test_group_thresholds_and_ratios():
    t = group_thresholds(ILLUSTRATIVE_GROUPS, MODES[1], target_fmr=1e-5)
    assert all(float(ILLUSTRATIVE_GROUPS[g].fmr(v)) == pytest.approx(1e-5, rel=1e-9) for g, v in t.items())
    with pytest.raises(ValueError, match="unknown mode"):
        group_thresholds(ILLUSTRATIVE_GROUPS, "magic")
    assert worst_best_ratio({"A": 0.01, "B": 0.04}) == (4.0, "B", "A")
    assert worst_best_ratio({"A": 0.0, "B": 0.04})[0] == math.inf
    assert worst_best_ratio({"A": 0.0, "B": 0.0})[0] == 1.0


# -- key numbers and datasets ----------------------------------------------------------------

def test_worked_example_states_its_assumptions_and_the_three_modes():
    text = differentials_worked_example()
    assert text.startswith("ASSUMPTIONS: 100,000,000 registrations a year")
    assert "worst/best FMR ratio 38.4 (B vs A); worst/best FNMR ratio 3.8 (C vs A); refused in all: 1,566,505" in text
    assert "worst/best FMR ratio 1 (equal); worst/best FNMR ratio 6.0 (B vs A)" in text
    assert "worst/best FMR ratio 41.4 (C vs A); worst/best FNMR ratio 1 (equal)" in text


def test_gender_shades_matches_the_fact_sheet():
    gs = load_dataset("gender_shades_error_rates").set_index(["study", "classifier", "subgroup"])["error_rate_percent"]
    first = "Gender Shades (2018)"
    assert gs[(first, "IBM", "darker female")] == 34.7  # the abstract's "up to 34.7%"
    assert max(gs[(first, c, "lighter male")] for c in ("Microsoft", "Face++ (Megvii)", "IBM")) == 0.8
    assert gs[(first, "Microsoft", "darker female")] == 20.8 and gs[(first, "Face++ (Megvii)", "darker female")] == 34.5
    follow = "Actionable Auditing (2019)"
    assert gs[(follow, "Amazon", "darker female")] == 31.37 and gs[(follow, "Kairos", "all faces")] == 6.60
    # only the verified follow-up figures: none for the three original companies
    assert not any(k[0] == follow and k[1] in ("Microsoft", "Face++ (Megvii)", "IBM") for k in gs.index)
    assert len(gs) == 16
    table = gender_shades_table()
    assert "Gender classification error" in table and "IBM" in table and "34.4" in table


def test_nist_findings_hedge_exactly_the_secondary_summary_rows():
    df = load_dataset("nist_frvt_findings")
    likely = df[df["confidence"] == "LIKELY"]
    assert set(likely["finding_id"]) == {8, 9, 10}
    assert likely["finding"].str.contains("reported").all(), "LIKELY findings must be worded as reported"
    text = " ".join(df["finding"])
    assert "factor of 10 to 100 depending on the algorithm" in text
    assert "reversed for a number of algorithms developed in China" in text
    assert "189 algorithms from 99 developers" in text and "18.27 million images of 8.49 million people" in text
    assert (df["scope"].str.len() > 10).all()
    assert "3 LIKELY (hedge these)" in nist_findings()


def test_synthetic_group_scores_follow_their_documented_design():
    df = load_dataset("synthetic_group_scores")
    assert list(df.columns) == ["pair_id", "group", "comparison", "score"]
    counts = df.groupby(["group", "comparison"]).size()
    assert (counts.xs("genuine", level="comparison") == synthetic.N_GENUINE_PER_GROUP).all()
    assert (counts.xs("impostor", level="comparison") == synthetic.N_IMPOSTOR_PER_GROUP).all()
    med = df.groupby(["group", "comparison"])["score"].median()
    assert med[("B", "impostor")] > med[("A", "impostor")], "group B's impostors score higher"
    assert med[("C", "genuine")] < med[("A", "genuine")], "group C's genuine pairs score lower"
    assert df["pair_id"].tolist() == list(range(len(df)))
    assert synthetic.GENERATORS["synthetic_group_scores"] is synthetic.synthetic_group_scores
