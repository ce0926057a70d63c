"""Lesson 05: the attention-detector explorer driven headlessly, and its model."""

from dataclasses import replace

import numpy as np
import pytest

from facecourse.explorers import AttentionDetectorExplorer
from facecourse.explorers.style import PALETTE, axis_titles
from facecourse.lessons.lesson05 import attention_detector_worked_example, classroom_cases
from facecourse.models.attention import (
    DetectorAssumptions,
    binomial_tail,
    positive_predictive_value,
    simulate_class,
    term_outcomes,
)


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
    o = term_outcomes(DetectorAssumptions())  # 10 x 40 = 400 checks; sens 0.8, spec 0.98, base 0.05
    assert o.checks_per_term == 400
    assert o.false_flags_always_attentive == pytest.approx(8.0)
    assert o.false_flags_per_pupil == pytest.approx(400 * 0.95 * 0.02)
    assert o.true_flags_per_pupil == pytest.approx(400 * 0.05 * 0.8)
    assert o.ppv == pytest.approx(0.04 / 0.059)
    assert o.pupils_reported_on_false_flags <= o.pupils_reported <= 30


def test_simulation_is_seeded_and_agrees_with_the_expectation():
    a = replace(DetectorAssumptions(), class_size=60)
    t1, f1 = simulate_class(a)
    t2, f2 = simulate_class(a)
    assert np.array_equal(t1, t2) and np.array_equal(f1, f2)
    means = np.mean([np.concatenate(simulate_class(a, seed=s)).reshape(2, -1).mean(axis=1) for s in range(200)], axis=0)
    o = term_outcomes(a)
    assert means[0] == pytest.approx(o.true_flags_per_pupil, rel=0.03)
    assert means[1] == pytest.approx(o.false_flags_per_pupil, rel=0.03)


@pytest.mark.parametrize("kwargs", [
    dict(class_size=0), dict(class_size=30.5), dict(sensitivity=1.2), dict(specificity=0.5),
    dict(base_rate=0.0), dict(base_rate=0.9), dict(checks_per_lesson=0), dict(lessons_per_term=500),
    dict(review_at=0), dict(sensitivity="high"), dict(base_rate=float("nan")), dict(class_size=True),
])
def test_bad_arguments_say_what_is_allowed(kwargs):
    with pytest.raises(ValueError, match="between"):
        AttentionDetectorExplorer(**kwargs)


# -- the explorer, as a student uses it ------------------------------------------------------

def test_figure_is_labelled_and_uses_the_palette(explorer):
    fig = explorer.figure
    assert fig.layout.title.text and "assumption" in fig.layout.title.text.lower()
    titles = axis_titles(fig)
    assert "flags in the term" in titles and any("base rate" in t for t in titles)
    assert fig.data[0].marker.color == PALETTE["vermillion"] and fig.data[1].marker.color == PALETTE["blue"]
    for control in explorer.controls:
        assert control.description
    assert sum("ASSUMPTION" in c.description for c in explorer.controls) == 6
    assert "POLICY" in explorer.review_at.description
    assert "role='status'" in explorer.readout.value and "SYNTHETIC" in explorer.readout.value


def test_bars_show_the_simulated_class(explorer):
    t, f = simulate_class(explorer.assumptions)
    assert len(explorer.figure.data[0].y) == 30
    assert sum(explorer.figure.data[0].y) == f.sum() and sum(explorer.figure.data[1].y) == t.sum()
    totals = np.asarray(explorer.figure.data[0].y) + np.asarray(explorer.figure.data[1].y)
    assert np.all(np.diff(totals) <= 0), "pupils sorted by flags"
    explorer.class_size.value = 12
    assert len(explorer.figure.data[0].x) == 12
    assert list(explorer.figure.data[2].x) == [0.5, 12.5]


def test_lowering_the_base_rate_lowers_the_share_of_flags_that_are_right(explorer):
    explorer.base_rate.value = 0.2
    high = explorer.figure.data[4].y[0]
    explorer.base_rate.value = 0.01
    low = explorer.figure.data[4].y[0]
    assert high == pytest.approx(0.909, abs=0.002) and low == pytest.approx(0.288, abs=0.002)
    assert explorer.figure.data[4].x[0] == pytest.approx(0.01)
    assert "28.78% of flags are right" in explorer.summary


def test_specificity_moves_the_curve(explorer):
    before = np.asarray(explorer.figure.data[3].y).copy()
    explorer.specificity.value = 0.995
    after = np.asarray(explorer.figure.data[3].y)
    assert np.all(after > before), "fewer false flags: a larger share of flags is right at every base rate"
    assert np.allclose(after, positive_predictive_value(0.80, 0.995, np.asarray(explorer.figure.data[3].x)))
    assert explorer.figure.data[4].y[0] == pytest.approx(float(positive_predictive_value(0.80, 0.995, 0.05)))


def test_review_rule_moves_the_line_and_the_readout(explorer):
    assert "28.21% chance of reaching 10 flags" in explorer.summary
    explorer.review_at.value = 14
    assert list(explorer.figure.data[2].y) == [14, 14]
    assert "3.27% chance of reaching 14 flags" in explorer.summary


def test_every_30_seconds(explorer):
    explorer.checks_per_lesson.value = 90
    o = explorer.outcomes()
    assert o.checks_per_term == 3600 and o.false_flags_always_attentive == pytest.approx(72)
    explorer.review_at.value = 60
    assert explorer.outcomes().always_attentive_reported > 0.9


def test_worked_examples_print_the_lesson_numbers():
    text = attention_detector_worked_example()
    assert "SYNTHETIC" in text and "8.0 false flags" in text and "28.2%" in text
    assert "29%" in text and "68%" in text and "91%" in text
    cases = classroom_cases()
    for needle in ("No. 11 Middle School", "Skellefte", "Pharmaceutical University", "Lei Chaozi", "SEK 200,000"):
        assert needle in cases

