"""Lesson 05: the attention-detector explorer driven headlessly, and its model (pupils who differ)."""

import re

import numpy as np
import pytest

from facecourse.explorers import AttentionDetectorExplorer
from facecourse.explorers.style import PALETTE, axis_titles
from facecourse.lessons.lesson05 import attention_detector_worked_example, classroom_cases
from facecourse.models.attention import (
    CAMERA_SEES,
    PUPIL_KINDS,
    DetectorAssumptions,
    binomial_tail,
    class_ppv,
    flag_rates,
    kind_counts,
    positive_predictive_value,
    simulate_class,
    term_outcomes,
)

HEAD_AND_GAZE = CAMERA_SEES[1]


@pytest.fixture
def explorer():
    return AttentionDetectorExplorer()


# -- the model ------------------------------------------------------------------------------

def test_ppv_by_hand():
    # sensitivity 0.9, specificity 0.95, base rate 2%: 0.018 / (0.018 + 0.049)
    assert float(positive_predictive_value(0.9, 0.95, 0.02)) == pytest.approx(0.018 / 0.067)
    assert float(positive_predictive_value(0.8, 1.0, 0.01)) == 1.0
    assert float(positive_predictive_value(0.8, 0.98, 0.0)) == 0.0


def test_ppv_falls_with_the_base_rate():
    ppv = positive_predictive_value(0.8, 0.98, np.logspace(-3, np.log10(0.5), 50))
    assert np.all(np.diff(ppv) > 0)


@pytest.mark.parametrize("n,p,k", [(400, 0.02, 10), (400, 0.023, 10), (3600, 0.02, 60), (50, 0.3, 20), (10, 0.5, 1)])
def test_binomial_tail_matches_a_direct_sum(n, p, k):
    from math import comb
    direct = 1 - sum(comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k))
    assert binomial_tail(n, p, k) == pytest.approx(direct, abs=1e-9)


def test_binomial_tail_edges():
    assert binomial_tail(10, 0.3, 0) == 1.0
    assert binomial_tail(10, 0.3, 11) == 0.0
    assert binomial_tail(10, 0.0, 1) == 0.0
    assert binomial_tail(10, 1.0, 10) == 1.0
    with pytest.raises(ValueError):
        binomial_tail(10, 1.5, 3)


def test_term_outcomes_by_hand():
    # 10 x 40 = 400 checks; sens 0.8, spec 0.98; most pupils inattentive at 5% of checks, drifters at 30%
    o = term_outcomes(DetectorAssumptions())
    assert o.checks_per_term == 400 and o.flags_to_report == 40  # 10% of 400 checks
    assert o.false_flags_always_attentive == pytest.approx(8.0)
    board, notes, drifts = o.kind("watches the board"), o.kind("takes notes"), o.kind("drifts off")
    assert board.pupils == 16 and notes.pupils == 6 and drifts.pupils == 4
    assert board.true_flags == pytest.approx(400 * 0.05 * 0.8) and board.false_flags == pytest.approx(400 * 0.95 * 0.02)
    assert drifts.true_flags == pytest.approx(400 * 0.30 * 0.8) and drifts.false_flags == pytest.approx(400 * 0.7 * 0.02)
    # a camera that tells inattention itself treats looking down to write like any attentive moment
    assert notes.false_flags == pytest.approx(board.false_flags)
    true, total = 26 * 0.04 + 4 * 0.24, 26 * 0.059 + 4 * (0.24 + 0.014)
    assert o.ppv == pytest.approx(true / total)
    assert o.true_flags_per_pupil == pytest.approx(400 * (26 * 0.04 + 4 * 0.24) / 30)
    assert o.pupils_reported_because_of_false_flags <= o.pupils_reported <= 30
    with pytest.raises(ValueError, match="known: watches the board"):
        o.kind("sleeps")


def test_a_camera_that_reads_head_and_gaze_flags_looking_down_like_inattention():
    a = DetectorAssumptions(camera_sees=HEAD_AND_GAZE)
    p_true, p_false = flag_rates(a)
    names = [k.name for k in PUPIL_KINDS]
    notes = names.index("takes notes")
    # attentive 95% of the time; of that, 20% looking down (flagged at the sensitivity) and 80% at the board
    assert p_false[notes] == pytest.approx(0.95 * (0.20 * 0.8 + 0.80 * 0.02))
    assert p_true[notes] == pytest.approx(0.05 * 0.8)
    o = term_outcomes(a)
    assert o.kind("takes notes").reported_because_of_false_flags > 0.99, "the note-taker is reported on false flags"
    assert o.kind("watches the board").reported < 0.05
    assert o.kind("takes notes").ppv < o.kind("watches the board").ppv < o.kind("drifts off").ppv


def test_reported_because_of_false_flags_means_the_true_flags_alone_would_not_reach_the_rule():
    o = term_outcomes(DetectorAssumptions(camera_sees=HEAD_AND_GAZE))
    thinker, drifter = o.kind("looks away to think"), o.kind("drifts off")
    # 16 true flags expected against a rule of 40: a thinker reported at all is reported because of false flags,
    # though her false flags alone (37 expected) often fall short of 40
    assert binomial_tail(400, 0.05 * 0.8, 40) < 1e-6 < binomial_tail(400, thinker.false_flags / 400, 40) < 0.5
    assert thinker.reported_because_of_false_flags == pytest.approx(thinker.reported) and thinker.reported > 0.95
    # 96 true flags expected: a pupil who drifts off reaches the rule without any false flag
    assert drifter.reported > 0.99 and drifter.reported_because_of_false_flags < 0.01
    assert o.pupils_reported_because_of_false_flags == pytest.approx(
        sum(k.pupils * k.reported for k in o.by_kind if k.kind.name != "drifts off"), abs=0.01)


@pytest.mark.parametrize("size", range(5, 61))
def test_the_kinds_of_pupil_add_up_to_the_class(size):
    counts = kind_counts(size)
    assert counts.sum() == size and (counts >= 0).all()
    assert list(kind_counts(30)) == [16, 6, 4, 4]


def test_the_reporting_rule_is_a_share_of_the_terms_checks():
    assert DetectorAssumptions().flags_to_report == 40
    assert DetectorAssumptions(checks_per_lesson=90).flags_to_report == 360
    assert DetectorAssumptions(report_share=0.01, checks_per_lesson=1, lessons_per_term=1).flags_to_report == 1
    assert DetectorAssumptions(report_share=0.33, checks_per_lesson=1, lessons_per_term=10).flags_to_report == 4


def test_class_ppv_is_the_class_share_of_right_flags_and_rises_with_the_base_rate():
    a = DetectorAssumptions()
    curve = class_ppv(a, np.logspace(-3, np.log10(0.5), 50))
    assert np.all(np.diff(curve) > 0)
    assert float(class_ppv(a)) == pytest.approx(term_outcomes(a).ppv)
    one_kind = (PUPIL_KINDS[0],)  # a class of pupils who never look away: the single-pupil formula
    assert float(class_ppv(a, 0.02, kinds=one_kind)) == pytest.approx(float(positive_predictive_value(0.8, 0.98, 0.02)))


@pytest.mark.parametrize("camera", CAMERA_SEES)
def test_simulation_is_seeded_and_agrees_with_the_expectation(camera):
    a = DetectorAssumptions(class_size=60, camera_sees=camera)
    k1, t1, f1 = simulate_class(a)
    k2, t2, f2 = simulate_class(a)
    assert np.array_equal(k1, k2) and np.array_equal(t1, t2) and np.array_equal(f1, f2)
    assert np.array_equal(np.bincount(k1, minlength=len(PUPIL_KINDS)), kind_counts(60))
    runs = [simulate_class(a, seed=s) for s in range(200)]
    o = term_outcomes(a)
    for i, expected in enumerate(o.by_kind):
        true = np.mean([t[k == i].mean() for k, t, _ in runs])
        false = np.mean([f[k == i].mean() for k, _, f in runs])
        assert true == pytest.approx(expected.true_flags, rel=0.05), expected.kind.name
        assert false == pytest.approx(expected.false_flags, rel=0.05), expected.kind.name


def test_switching_what_the_camera_sees_keeps_the_same_class():
    generous, realistic = (simulate_class(DetectorAssumptions(camera_sees=c)) for c in CAMERA_SEES)
    assert np.array_equal(generous[1], realistic[1]), "the same true flags: only the false flags change"
    notes = generous[0] == 1
    assert (realistic[2][notes] > generous[2][notes]).all()


@pytest.mark.parametrize("kwargs", [
    dict(class_size=0), dict(class_size=30.5), dict(sensitivity=1.2), dict(specificity=0.5),
    dict(base_rate=0.0), dict(base_rate=0.9), dict(checks_per_lesson=0), dict(lessons_per_term=500),
    dict(report_share=0.0), dict(report_share=0.9), dict(drift_rate=1.0), dict(sensitivity="high"),
    dict(base_rate=float("nan")), dict(class_size=True),
])
def test_bad_arguments_say_what_is_allowed(kwargs):
    with pytest.raises(ValueError, match="between"):
        AttentionDetectorExplorer(**kwargs)


def test_an_unknown_camera_setting_lists_the_allowed_ones():
    with pytest.raises(ValueError, match="'inattention itself', 'only head and gaze'"):
        AttentionDetectorExplorer(camera_sees="x-ray")


# -- the explorer, as a student uses it ------------------------------------------------------

def test_figure_is_labelled_and_uses_the_palette(explorer):
    fig = explorer.figure
    assert fig.layout.title.text and "assumption" in fig.layout.title.text.lower()
    titles = axis_titles(fig)
    assert "flags in the term" in titles and any("base rate" in t for t in titles)
    assert fig.data[0].marker.color == PALETTE["vermillion"] and fig.data[1].marker.color == PALETTE["blue"]
    for control in explorer.controls:
        assert control.description
    assert sum("ASSUMPTION" in c.description for c in explorer.controls) == 8
    assert "POLICY" in explorer.report_share.description
    assert "role='status'" in explorer.readout.value and "SYNTHETIC" in explorer.readout.value


def test_bars_show_the_simulated_class_kind_by_kind(explorer):
    kind, t, f = simulate_class(explorer.assumptions)
    assert len(explorer.figure.data[0].y) == 30
    assert sum(explorer.figure.data[0].y) == f.sum() and sum(explorer.figure.data[1].y) == t.sum()
    totals = np.asarray(explorer.figure.data[0].y) + np.asarray(explorer.figure.data[1].y)
    for k in range(len(PUPIL_KINDS)):
        assert np.all(np.diff(totals[kind == k]) <= 0), "pupils of one kind sorted by flags"
    assert [t.replace("<br>", " ") for t in explorer.figure.layout.xaxis.ticktext] == [k.name for k in PUPIL_KINDS]
    explorer.class_size.value = 12
    assert len(explorer.figure.data[0].x) == 12
    assert list(explorer.figure.data[2].x) == [0.5, 12.5]


def test_the_kind_panel_shows_who_carries_the_false_flags(explorer):
    def false_flags():
        return dict(zip(explorer.figure.data[5].y, explorer.figure.data[5].x))
    before = false_flags()
    assert before["takes notes"] == pytest.approx(before["watches the board"])
    explorer.camera_sees.value = HEAD_AND_GAZE
    after = false_flags()
    assert after["takes notes"] == pytest.approx(400 * 0.95 * (0.2 * 0.8 + 0.8 * 0.02))
    assert after["takes notes"] > 5 * before["takes notes"] and after["looks away to think"] > 3 * before["takes notes"]
    assert "the most false flags go to pupils who take notes" in explorer.summary
    assert "pupils who take notes, 6.0 of 6" in explorer.summary
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", explorer.readout.value)
    notes = cells[cells.index("takes notes"):cells.index("takes notes") + 7]
    assert notes == ["takes notes", "6", "16", "67", "19%", "over 99%", "over 99%"]


def test_specificity_cannot_fix_what_the_camera_cannot_see(explorer):
    explorer.camera_sees.value = HEAD_AND_GAZE
    before = dict(zip(explorer.figure.data[5].y, explorer.figure.data[5].x))
    explorer.specificity.value = 0.995
    after = dict(zip(explorer.figure.data[5].y, explorer.figure.data[5].x))
    assert after["watches the board"] < 0.6 * before["watches the board"]
    assert after["takes notes"] > 0.9 * before["takes notes"]
    assert explorer.outcomes().kind("takes notes").reported_because_of_false_flags > 0.99


def test_lowering_the_base_rate_lowers_the_share_of_flags_that_are_right(explorer):
    explorer.base_rate.value = 0.2
    high = explorer.figure.data[4].y[0]
    explorer.base_rate.value = 0.01
    low = explorer.figure.data[4].y[0]
    assert high == pytest.approx(0.916, abs=0.002) and low == pytest.approx(0.672, abs=0.002)
    assert explorer.figure.data[4].x[0] == pytest.approx(0.01)
    assert "67.17% of the class's flags are right" in explorer.summary


def test_specificity_moves_the_curve(explorer):
    before = np.asarray(explorer.figure.data[3].y).copy()
    explorer.specificity.value = 0.995
    assert np.all(np.asarray(explorer.figure.data[3].y) > before), "fewer false alarms: every flag is likelier right"


def test_reporting_rule_moves_the_lines_and_the_readout(explorer):
    explorer.camera_sees.value = HEAD_AND_GAZE
    assert "3.19% chance" not in explorer.summary and "reaching 40 flags" in explorer.summary
    assert list(explorer.figure.data[7].x) == [40, 40]
    assert "pupils who take notes, 6.0 of 6" in explorer.summary
    explorer.report_share.value = 0.30
    assert list(explorer.figure.data[2].y) == [120, 120] and list(explorer.figure.data[7].x) == [120, 120]
    assert "reaching 120 flags" in explorer.summary
    # a rule strict enough to spare the note-takers misses most of the pupils who really drift off
    assert "pupils who take notes, 0.0 of 6" in explorer.summary and "pupils who drift off, 0.3 of 4" in explorer.summary


def test_every_30_seconds(explorer):
    explorer.checks_per_lesson.value = 90
    o = explorer.outcomes()
    assert o.checks_per_term == 3600 and o.false_flags_always_attentive == pytest.approx(72)
    assert o.flags_to_report == 360 and o.always_attentive_reported < 1e-6
    explorer.camera_sees.value = HEAD_AND_GAZE
    ppv_at_90 = explorer.outcomes().ppv
    assert explorer.outcomes().kind("looks away to think").reported > 0.999, "more checks: surer, not righter"
    explorer.checks_per_lesson.value = 10
    assert explorer.outcomes().ppv == pytest.approx(ppv_at_90) and explorer.outcomes().kind(
        "looks away to think").reported < 0.99


def test_worked_examples_print_the_lesson_numbers():
    text = attention_detector_worked_example()
    assert "SYNTHETIC" in text and "8.0 false flags" in text and "72.0 false flags" in text
    for needle in ("takes notes", "drifts off", "only head and gaze", "78%", "67%", "92%", "29%", "91%"):
        assert needle in text, needle
    cases = classroom_cases()
    for needle in ("No. 11 Middle School", "Skellefte", "Pharmaceutical University", "Lei Chaozi", "SEK 200,000"):
        assert needle in cases

