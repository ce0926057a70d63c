"""Error-rate maths: the definitions students rely on, the edge cases, and clear errors."""

import math

import numpy as np
import pytest

from facecourse.models.verification import (
    ScoreModel,
    counter_outcomes,
    det_points,
    false_match_rate,
    false_non_match_rate,
    one_to_many_false_candidates,
    threshold_for_fmr,
)


def test_a_score_equal_to_the_threshold_is_a_match():
    assert false_match_rate([0.5, 0.5, 0.2, 0.9], 0.5) == 0.75
    assert false_non_match_rate([0.5, 0.5, 0.2, 0.9], 0.5) == 0.25


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "0.5", None, True])
def test_threshold_outside_zero_one_is_refused_with_the_allowed_range(bad):
    with pytest.raises(ValueError, match="between 0 and 1"):
        false_match_rate([0.2, 0.3], bad)


def test_scores_must_be_a_non_empty_set_of_numbers_in_range():
    with pytest.raises(ValueError, match="empty"):
        false_match_rate([], 0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        false_non_match_rate([0.2, 7], 0.5)
    with pytest.raises(ValueError, match="NaN"):
        false_non_match_rate([0.2, float("nan")], 0.5)


def test_threshold_for_fmr_is_the_lowest_threshold_meeting_the_target():
    rng = np.random.default_rng(1)
    scores = np.round(rng.random(1000) * 0.99, 2)  # many ties, none at 1
    for target in (0.0, 0.001, 0.01, 0.1, 0.5):
        t = threshold_for_fmr(scores, target)
        assert false_match_rate(scores, t) <= target
        below = scores[scores < t]
        if below.size:  # the next score down would break the target
            assert false_match_rate(scores, float(below.max())) > target


def test_threshold_for_fmr_of_one_accepts_everyone():
    assert threshold_for_fmr([0.2, 0.4], 1.0) == 0.0


def test_threshold_for_fmr_explains_an_unreachable_target():
    with pytest.raises(ValueError, match="impostor scores are exactly 1"):
        threshold_for_fmr([0.2, 1.0], 0.0)


def test_threshold_for_fmr_rejects_a_target_that_is_not_a_proportion():
    with pytest.raises(ValueError, match="proportion between 0 and 1"):
        threshold_for_fmr([0.2, 0.4], 5)


def test_det_points_trade_one_error_for_the_other():
    rng = np.random.default_rng(2)
    d = det_points(rng.beta(5, 2, 500), rng.beta(2, 5, 500))
    assert np.all(np.diff(d["fmr"]) <= 0) and np.all(np.diff(d["fnmr"]) >= 0)
    assert d["fmr"][0] == 1 and d["fnmr"][0] == 0


def test_counter_outcomes_turn_rates_into_people():
    o = counter_outcomes(100_000_000, 0.0001, fmr=0.001, fnmr=0.01)
    assert o.impostor_attempts == pytest.approx(10_000)
    assert o.genuine_refused == pytest.approx(99_990_000 * 0.01)
    assert o.impostors_accepted == pytest.approx(10)


@pytest.mark.parametrize("kwargs, message", [
    (dict(registrations=-1, impostor_share=0.1, fmr=0.1, fnmr=0.1), "registrations"),
    (dict(registrations=10, impostor_share=2, fmr=0.1, fnmr=0.1), "impostor_share"),
    (dict(registrations=10, impostor_share=0.1, fmr=-0.1, fnmr=0.1), "fmr"),
])
def test_counter_outcomes_reject_impossible_inputs(kwargs, message):
    with pytest.raises(ValueError, match=message):
        counter_outcomes(**kwargs)


def test_one_to_many_search_against_a_country():
    r = one_to_many_false_candidates(1_400_050_000, 1e-6)
    assert r["expected_false_candidates"] == pytest.approx(1400.05)
    assert r["p_at_least_one"] == pytest.approx(1.0)
    small = one_to_many_false_candidates(1000, 1e-6)
    assert small["p_at_least_one"] == pytest.approx(1 - (1 - 1e-6) ** 1000, rel=1e-9)


def test_score_model_formulas_agree_with_its_own_samples():
    m = ScoreModel()
    s = m.sample(200_000, 200_000, seed=3)
    for t in (0.4, 0.6, 0.7):
        assert false_match_rate(s["impostor"], t) == pytest.approx(float(m.fmr(t)), abs=0.002)
        assert false_non_match_rate(s["genuine"], t) == pytest.approx(float(m.fnmr(t)), abs=0.002)


def test_score_model_threshold_for_fmr_inverts_fmr_even_in_the_far_tail():
    m = ScoreModel()
    for target in (1e-2, 1e-6, 1e-9):
        assert float(m.fmr(m.threshold_for_fmr(target))) == pytest.approx(target, rel=1e-6)


def test_score_model_same_seed_same_scores_and_density_integrates_to_one():
    m = ScoreModel()
    a, b = m.sample(10, 10, seed=5), m.sample(10, 10, seed=5)
    assert np.array_equal(a["genuine"], b["genuine"])
    x = np.linspace(0, 1, 200_001)
    for kind in ("genuine", "impostor"):
        assert np.trapezoid(m.density(x, kind), x) == pytest.approx(1, abs=1e-3)


def test_score_model_rejects_bad_parameters():
    with pytest.raises(ValueError, match="greater than 0"):
        ScoreModel(genuine_sd=0)
    with pytest.raises(ValueError, match="'genuine' or 'impostor'"):
        ScoreModel().density([0.5], "other")
    with pytest.raises(ValueError, match="between 0 and 1"):
        ScoreModel().fmr([1.2])
    assert math.isfinite(float(ScoreModel().fmr(0.0)))
