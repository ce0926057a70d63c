"""The models' and the data layer's exact words and edges: what `make mutation` found no test pinned.

A learner reads these messages ("a wrong argument raises a message saying what was wrong and what
is allowed"), so each is compared whole, not by a fragment; and each boundary (0 people, a score of
exactly 1, a single threshold) is tried on both sides.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

from facecourse.data import DATASETS, Column, DatasetError, Schema, datasets_dir, load_dataset, read_csv_checked
from facecourse.models import coding, legal, linkage
from facecourse.models import value_weights as vw
from facecourse.models.attention import DetectorAssumptions, binomial_tail, positive_predictive_value
from facecourse.models.differentials import (
    ILLUSTRATIVE_GROUPS,
    MODES,
    group_thresholds,
    ratio_text,
    threshold_for_fnmr,
    worst_best_ratio,
)
from facecourse.models.policy import REFERENCE, Assumptions, Design, assumptions_table, evaluate, governance_events
from facecourse.models.verification import (
    ScoreModel,
    check_rate,
    check_threshold,
    counter_outcomes,
    det_points,
    false_match_rate,
    false_non_match_rate,
    one_to_many_false_candidates,
    threshold_for_fmr,
)


def _message(call) -> str:
    with pytest.raises((ValueError, DatasetError)) as err:
        call()
    return str(err.value)


# -- verification -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: check_threshold("0.5"), "threshold must be a number between 0 and 1 (scores are on a 0-1 scale); got '0.5'"),
    (lambda: check_threshold(True), "threshold must be a number between 0 and 1 (scores are on a 0-1 scale); got True"),
    (lambda: check_threshold(1.5), "threshold must be between 0 and 1 (scores are on a 0-1 scale); got 1.5"),
    (lambda: check_threshold(-0.1, "t"), "t must be between 0 and 1 (scores are on a 0-1 scale); got -0.1"),
    (lambda: check_rate(float("inf"), "fmr"), "fmr must be a proportion between 0 and 1; got inf"),
    (lambda: check_rate(False, "fmr"), "fmr must be a proportion between 0 and 1; got False"),
    (lambda: check_rate(2, "fmr"), "fmr must be a proportion between 0 and 1 (e.g. 0.001 for 1 in 1,000); got 2"),
    (lambda: false_match_rate([], 0.5), "impostor_scores is empty: at least one comparison score is needed"),
    (lambda: false_non_match_rate([0.1, float("nan")], 0.5),
     "genuine_scores contains missing values (NaN); drop or fix them first"),
    (lambda: false_match_rate([0.2, 1.5], 0.5), "impostor_scores must lie between 0 and 1; found values from 0.2 to 1.5"),
    (lambda: false_non_match_rate([-0.5, 0.2], 0.5), "genuine_scores must lie between 0 and 1; found values from -0.5 to 0.2"),
    (lambda: threshold_for_fmr([0.2, 7], 0.1), "impostor_scores must lie between 0 and 1; found values from 0.2 to 7"),
    (lambda: threshold_for_fmr([0.2], 1.5),
     "target_fmr must be a proportion between 0 and 1 (e.g. 0.001 for 1 in 1,000); got 1.5"),
    (lambda: threshold_for_fmr([0.2, 1.0, 1.0], 0.0),
     "no threshold between 0 and 1 gives an FMR of at most 0.0: 2 impostor scores are exactly 1"),
    (lambda: det_points([], [0.5]), "genuine_scores is empty: at least one comparison score is needed"),
    (lambda: det_points([0.5], [2]), "impostor_scores must lie between 0 and 1; found values from 2 to 2"),
    (lambda: det_points([0.5], [0.5], []), "thresholds must be a non-empty list of numbers between 0 and 1"),
    (lambda: det_points([0.5], [0.5], [0.5, 1.5]), "thresholds must be a non-empty list of numbers between 0 and 1"),
    (lambda: det_points([0.5], [0.5], [-0.5]), "thresholds must be a non-empty list of numbers between 0 and 1"),
    (lambda: det_points([0.5], [0.5], [float("nan")]), "thresholds must be a non-empty list of numbers between 0 and 1"),
    (lambda: counter_outcomes(-1, 0.1, 0.1, 0.1), "registrations must be a non-negative number of people; got -1"),
    (lambda: counter_outcomes(True, 0.1, 0.1, 0.1), "registrations must be a non-negative number of people; got True"),
    (lambda: counter_outcomes("10", 0.1, 0.1, 0.1), "registrations must be a non-negative number of people; got '10'"),
    (lambda: counter_outcomes(float("nan"), 0.1, 0.1, 0.1), "registrations must be a non-negative number of people; got nan"),
    (lambda: counter_outcomes(10, 2, 0.1, 0.1),
     "impostor_share must be a proportion between 0 and 1 (e.g. 0.001 for 1 in 1,000); got 2"),
    (lambda: counter_outcomes(10, 0.1, 3, 0.1), "fmr must be a proportion between 0 and 1 (e.g. 0.001 for 1 in 1,000); got 3"),
    (lambda: counter_outcomes(10, 0.1, 0.1, "x"), "fnmr must be a proportion between 0 and 1; got 'x'"),
    (lambda: one_to_many_false_candidates(-5, 0.1), "gallery_size must be a non-negative number of people; got -5"),
    (lambda: one_to_many_false_candidates(5, -0.1),
     "fmr must be a proportion between 0 and 1 (e.g. 0.001 for 1 in 1,000); got -0.1"),
    (lambda: ScoreModel(genuine_mean="2"), "genuine_mean must be a finite number; got '2'"),
    (lambda: ScoreModel(impostor_mean=True), "impostor_mean must be a finite number; got True"),
    (lambda: ScoreModel(impostor_sd=float("inf")), "impostor_sd must be a finite number; got inf"),
    (lambda: ScoreModel(impostor_sd=0), "genuine_sd and impostor_sd must be greater than 0"),
    (lambda: ScoreModel(genuine_sd=-1), "genuine_sd and impostor_sd must be greater than 0"),
    (lambda: ScoreModel().fmr([0.5, 1.5]), "thresholds must be numbers between 0 and 1 (scores are on a 0-1 scale)"),
    (lambda: ScoreModel().fnmr([-0.1]), "thresholds must be numbers between 0 and 1 (scores are on a 0-1 scale)"),
    (lambda: ScoreModel().fnmr([float("nan")]), "thresholds must be numbers between 0 and 1 (scores are on a 0-1 scale)"),
    (lambda: ScoreModel().density([0.5], "Genuine"), "comparison must be 'genuine' or 'impostor'; got 'Genuine'"),
    (lambda: ScoreModel().threshold_for_fmr(-1),
     "target_fmr must be a proportion between 0 and 1 (e.g. 0.001 for 1 in 1,000); got -1"),
    (lambda: ScoreModel().sample(-1, 5, seed=1), "n_genuine must be a whole number of comparisons, 0 or more; got -1"),
    (lambda: ScoreModel().sample(5, 2.0, seed=1), "n_impostor must be a whole number of comparisons, 0 or more; got 2.0"),
    (lambda: ScoreModel().sample(True, 5, seed=1), "n_genuine must be a whole number of comparisons, 0 or more; got True"),
])
def test_verification_messages(call, message):
    assert _message(call) == message


def test_verification_edges_are_allowed():
    assert check_threshold(0) == 0.0 and check_threshold(1) == 1.0 and check_rate(0, "r") == 0.0
    assert false_match_rate([1.0, 0.0], 1.0) == 0.5 and false_non_match_rate([1.0, 0.0], 0.0) == 0.0
    assert false_match_rate([0, 1], 0.5) == 0.5, "whole-number scores are scores too"
    zero = counter_outcomes(0, 0.1, 0.1, 0.1)
    assert (zero.registrations, zero.genuine_attempts, zero.impostors_accepted) == (0, 0, 0)
    o = counter_outcomes(1000, 0.1, 0.5, 0.2)
    assert (o.registrations, o.impostor_share, o.genuine_attempts, o.impostor_attempts) == (1000, 0.1, 900, 100)
    assert (o.genuine_refused, o.impostors_accepted) == pytest.approx((180, 50))
    assert one_to_many_false_candidates(0, 1.0) == {"expected_false_candidates": 0.0, "p_at_least_one": 0.0}
    assert one_to_many_false_candidates(1, 1.0) == {"expected_false_candidates": 1.0, "p_at_least_one": 1.0}
    assert one_to_many_false_candidates(0.5, 1.0)["p_at_least_one"] == 0.0
    assert one_to_many_false_candidates(2, 0.5)["p_at_least_one"] == pytest.approx(0.75)
    assert one_to_many_false_candidates(3, 0.0) == {"expected_false_candidates": 0.0, "p_at_least_one": 0.0}


def test_the_threshold_for_a_target_fmr_on_a_hand_checked_list():
    scores = [0.9, 0.1, 0.5, 0.7, 0.3]
    assert threshold_for_fmr(scores, 0.2) == np.nextafter(0.7, 1)  # one of five may pass: 0.9 does, 0.7 may not
    assert threshold_for_fmr(scores, 0.4) == np.nextafter(0.5, 1)
    assert threshold_for_fmr(scores, 0.0) == np.nextafter(0.9, 1)
    assert threshold_for_fmr([0.4, 0.4, 0.2], 0.34) == np.nextafter(0.4, 1), "a tie goes above or below together"
    assert threshold_for_fmr([0.2, 1.0], 0.5) == np.nextafter(0.2, 1)


def test_det_points_by_hand():
    d = det_points([0.2, 0.6, 0.9], [0.1, 0.4, 0.6, 0.8], [0.0, 0.5, 0.6, 1.0])
    assert set(d) == {"threshold", "fmr", "fnmr"}
    assert d["threshold"].tolist() == [0.0, 0.5, 0.6, 1.0]
    assert d["fmr"].tolist() == [1.0, 0.5, 0.5, 0.0]
    assert d["fnmr"].tolist() == pytest.approx([0.0, 1 / 3, 1 / 3, 1.0])
    assert det_points([0.5], [0.5], [0.5])["fmr"].tolist() == [1.0], "a single threshold is a list too"
    default = det_points([0.2, 0.7], [0.1, 0.4])
    assert default["threshold"].size == 201 and default["threshold"][1] == pytest.approx(0.005)


def test_score_model_edges():
    m = ScoreModel()
    assert m.threshold_for_fmr(0.0) == 1.0 and m.threshold_for_fmr(1.0) == 0.0
    assert float(m.fmr(1.0)) == 0.0 and float(m.fnmr(0.0)) == 0.0
    assert float(m.fmr(0.0)) == 1.0 and float(m.fnmr(1.0)) == 1.0
    assert m.fmr([0, 1]).dtype == float
    centre = 1 / (1 + math.exp(-m.genuine_mean))  # the density peaks near each mean's score, not the other's
    assert m.density([centre], "genuine")[0] > m.density([centre], "impostor")[0]
    assert m.density([0.5], "genuine")[0] == pytest.approx(
        math.exp(-0.5 * (m.genuine_mean / m.genuine_sd) ** 2) / (m.genuine_sd * math.sqrt(2 * math.pi)) / 0.25)
    assert m.density([1], "impostor")[0] >= 0
    s = m.sample(0, 3, seed=4)
    assert s["genuine"].size == 0 and s["impostor"].size == 3
    assert ScoreModel(genuine_sd=1e-9).genuine_sd == 1e-9


# -- differentials ------------------------------------------------------------------------------------------

def test_differentials_edges_and_words():
    c = ILLUSTRATIVE_GROUPS["C"]
    assert threshold_for_fnmr(c, 0.0) == 0.0 and threshold_for_fnmr(c, 1.0) == 1.0
    assert _message(lambda: threshold_for_fnmr(c, 1.5)) == (
        "target_fnmr must be a proportion between 0 and 1 (e.g. 0.001 for 1 in 1,000); got 1.5")
    assert _message(lambda: group_thresholds(ILLUSTRATIVE_GROUPS, "fair")) == (
        "unknown mode 'fair'; choose one of: one global threshold, per-group: equal FMR, per-group: equal FNMR")
    assert group_thresholds(ILLUSTRATIVE_GROUPS, MODES[0]) == {"A": 0.755, "B": 0.755, "C": 0.755}
    fmr_equal = group_thresholds(ILLUSTRATIVE_GROUPS, MODES[1])
    assert all(float(m.fmr(fmr_equal[g])) == pytest.approx(1e-6, rel=1e-6) for g, m in ILLUSTRATIVE_GROUPS.items())
    fnmr_equal = group_thresholds(ILLUSTRATIVE_GROUPS, MODES[2])
    assert all(float(m.fnmr(fnmr_equal[g])) == pytest.approx(0.01, rel=1e-6) for g, m in ILLUSTRATIVE_GROUPS.items())
    assert worst_best_ratio({"A": 0.02, "B": 0.01, "C": 0.04}) == (4.0, "C", "B")
    assert worst_best_ratio({"A": 0.0, "B": 0.0}) == (1.0, "A", "A")
    assert worst_best_ratio({"A": 0.0, "B": 0.3}) == (math.inf, "B", "A")
    assert ratio_text(math.inf) == "no finite ratio (the best group has no errors)"
    assert ratio_text(1.0) == ratio_text(1.004) == "1× (equal)"
    assert ratio_text(1.005) == "1×" and ratio_text(2.5) == "2.5×" and ratio_text(99.94) == "99.9×"
    assert ratio_text(100) == "100×" and ratio_text(100.4) == "100×" and ratio_text(12345) == "12,345×"


# -- attention ----------------------------------------------------------------------------------------------

def test_attention_edges_and_words():
    assert _message(lambda: binomial_tail(10, -0.1, 3)) == "p must be a probability between 0 and 1; got -0.1"
    assert binomial_tail(5, 0.999999, 5) <= 1.0 and binomial_tail(3000, 1e-9, 1) >= 0.0
    assert binomial_tail(1, 0.5, 1) == pytest.approx(0.5)
    ppv = positive_predictive_value([0.8, 0.8], [1.0, 0.9], [0.0, 0.0])
    assert ppv.tolist() == [0.0, 0.0] and ppv.dtype == float
    assert positive_predictive_value(1, 1, 1).dtype == float
    assert DetectorAssumptions(class_size=5, sensitivity=0.5, specificity=0.8, base_rate=0.001).class_size == 5
    assert DetectorAssumptions(class_size=60, sensitivity=1.0, specificity=0.999, base_rate=0.5).base_rate == 0.5
    assert _message(lambda: DetectorAssumptions(specificity=0.5)) == (
        "specificity (share of attentive moments, eyes on the board, not flagged) must be between 0.8 and 0.999; got 0.5")


# -- coding and value weights -------------------------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: coding.course_codes("tone"), "unknown dimension 'tone'; choose one of: stance, concern"),
    (lambda: coding.cohens_kappa(["x", "q"], ["x", "y"], ["x", "y"]),
     "coder A uses codes not in the categories: ['q']; allowed: x, y"),
    (lambda: coding.cohens_kappa(["x", "y"], ["x", "z"], ["x", "y"]),
     "coder B uses codes not in the categories: ['z']; allowed: x, y"),
    (lambda: coding.agreement_matrix(["x"], ["x"], ["x", "x"]), "categories must be at least two distinct codes"),
    (lambda: coding.agreement_matrix(["x"], ["x", "y"], ["x", "y"]),
     "the two coders coded different numbers of items (1 and 2)"),
    (lambda: coding.cohens_kappa([], [], ["x", "y"]), "no items to compare: code at least one item"),
    (lambda: coding.observed_agreement([], []), "need two codings of the same, non-zero number of items"),
    (lambda: coding.observed_agreement(["x"], ["x", "y"]), "need two codings of the same, non-zero number of items"),
    (lambda: vw.weighted_scores(np.ones(7), np.ones((5, 6))),
     "scores must be a 5 options x 7 values table; got shape (5, 6)"),
    (lambda: vw.weighted_scores(np.ones(3)), "give one weight per value (7: protection from fraud and identity theft, "
     "public security, knowing who holds each number, privacy, data security, freedom from monitoring, access for "
     "everyone); got (3,)"),
    (lambda: vw.weighted_scores([1, 1, 1, 1, 1, 1, float("nan")]),
     "weights must be finite and 0 or more; scores must be finite"),
    (lambda: vw.weighted_scores(np.ones(7), np.full((5, 7), np.inf)),
     "weights must be finite and 0 or more; scores must be finite"),
    (lambda: vw.weighted_scores(np.zeros(7)), "at least one weight must be above 0"),
])
def test_coding_and_weighting_messages(call, message):
    assert _message(call) == message


def test_coding_edges():
    assert coding.observed_agreement(["x"], ["x"]) == 1.0 and coding.observed_agreement(["x"], ["y"]) == 0.0
    assert coding.observed_agreement([1, 2], [1.0, 3]) == 0.5
    assert coding.observed_agreement([1, "x"], [1, "x"]) == 1.0, "codes compared as they are, not as text"
    assert coding.cohens_kappa(["x", "x"], ["x", "x"], ["x", "y"]) == 1.0
    # one code used by both coders throughout, but they still disagree once: chance agreement total, kappa 0
    assert coding.cohens_kappa(["x", "x", "x", "x"], ["x", "x", "x", "x"], ["x", "y"]) == 1.0
    m = coding.agreement_matrix(["x", "y", "y"], ["y", "y", "x"], ["x", "y"])
    assert m.tolist() == [[0, 1], [1, 1]] and m.dtype.kind == "i"
    r = coding.reactions()
    assert r.index.tolist() == list(range(len(r))) and "index" not in r.columns


def test_ranking_with_scores_given_and_ties_in_order():
    scores = np.zeros((5, 7))
    scores[3] = 5
    assert vw.ranking(np.ones(7), scores) == [3, 0, 1, 2, 4], "ties keep the options' order"
    assert vw.weighted_scores([1, 0, 0, 0, 0, 0, 0], scores).tolist() == [0, 0, 0, 5, 0]
    flips = vw.flip_points(np.ones(7), scores)
    assert flips == [], "an option that leads on every value cannot be overtaken"
    lead = np.zeros((5, 7))
    lead[0] = [9, 0, 0, 0, 0, 0, 0]
    lead[1] = [0, 9, 0, 0, 0, 0, 0]
    w = np.array([2.0, 1, 0, 0, 0, 0, 0])
    (first, second) = vw.flip_points(w, lead)
    assert (first.value, first.direction, first.weight, first.new_leader) == (vw.VALUES[0], "lower", 0.0, vw.OPTIONS[1])
    assert (second.value, second.direction, second.weight, second.new_leader) == (
        vw.VALUES[1], "raise", 3.0, vw.OPTIONS[1])


def test_flip_points_with_a_single_nonzero_weight():
    w = np.zeros(7)
    w[vw.VALUES.index("privacy")] = 1  # no registration for prepaid SIMs leads
    assert vw.OPTIONS[vw.ranking(w)[0]].startswith("no registration")
    for f in vw.flip_points(w):
        assert f.value != "privacy", "every weight 0 is no ranking at all, not a new leader"


def test_flip_points_look_at_every_value_even_after_one_that_cannot_flip():
    scores = np.zeros((5, 7))
    scores[0, 1] = 9
    scores[1, 2] = 9
    w = np.array([1.0, 2, 1, 0, 0, 0, 0])  # option 0 leads 18 to 9; value 0 moves nobody
    flips = {f.value: (f.direction, f.weight, f.new_leader) for f in vw.flip_points(w, scores)}
    assert flips == {vw.VALUES[1]: ("lower", 0.0, vw.OPTIONS[1]), vw.VALUES[2]: ("raise", 3.0, vw.OPTIONS[1])}


# -- linkage --------------------------------------------------------------------------------------------------

TOWN = pd.DataFrame({"district": ["D01", "D01", "D02", "D02", "D02", None],
                     "sex": ["F", "F", "M", "M", "F", "F"],
                     "birth_year": [1980, 1981, 1980, 1980, 1980, 1980],
                     "birth_month": [1, 1, 2, 2, 3, 3],
                     "birth_date": ["1980-01-01", "1981-01-05", "1980-02-02", "1980-02-02", "1980-03-03", "1980-03-10"],
                     "phone_prefix": ["133", "133", "135", "135", "135", "138"]})


@pytest.mark.parametrize("call, message", [
    (lambda: linkage.share_unique(TOWN, []), "choose at least one column to group people by"),
    (lambda: linkage.share_unique(TOWN, ["zip"]), "unknown column(s) ['zip']; the table has: district, sex, "
     "birth_year, birth_month, birth_date, phone_prefix"),
    (lambda: linkage.share_unique(TOWN, ["sex", "sex"]), "a column is named twice in ['sex', 'sex']"),
    (lambda: linkage.share_unique(TOWN.iloc[:0], ["sex"]), "the table has no rows"),
    (lambda: linkage.expected_share_unique(0, 5), "people and combinations must both be at least 1"),
    (lambda: linkage.expected_share_unique(5, 0), "people and combinations must both be at least 1"),
    (lambda: linkage.simulate_share_unique(0, 5), "people and combinations must both be at least 1"),
    (lambda: linkage.simulate_share_unique(5, 0), "people and combinations must both be at least 1"),
])
def test_linkage_messages(call, message):
    assert _message(call) == message


def test_class_sizes_keep_the_rows_order_and_count_missing_values_as_a_value():
    sizes = linkage.class_sizes(TOWN, ["district", "sex"])
    assert sizes.name == "class_size" and sizes.index.tolist() == TOWN.index.tolist()
    assert sizes.tolist() == [2, 2, 2, 2, 1, 1]
    shuffled = TOWN.iloc[[4, 0, 5, 2, 1, 3]]
    assert linkage.class_sizes(shuffled, ["district", "sex"]).tolist() == [1, 2, 1, 2, 2, 2]


def test_k_anonymity_summary_by_hand():
    k = linkage.k_anonymity(TOWN, ["district", "sex"])
    assert (k.columns, k.people, k.classes, k.k, k.unique_people) == (("district", "sex"), 6, 4, 1, 2)
    assert k.share_unique == pytest.approx(2 / 6) and k.share_below_5 == 1.0 and k.median_class_size == 2.0
    five = linkage.k_anonymity(pd.DataFrame({"d": ["a"] * 5 + ["b"] * 4}), ["d"])
    assert five.share_below_5 == pytest.approx(4 / 9) and five.unique_people == 0 and five.k == 4
    assert str(k) == ("district, sex: 4 combinations among 6 people; k = 1; unique 2 (33.3%); "
                      "in classes smaller than 5: 100.0%; median person's class: 2")


def test_possible_combinations_by_hand():
    assert linkage.possible_combinations(TOWN, ["birth_year"]) == 2
    assert linkage.possible_combinations(TOWN, ["birth_month"]) == 12
    assert linkage.possible_combinations(TOWN, ["birth_date"]) == 366 + 5  # 1980-01-01 .. 1981-01-05 (1980 is leap)
    assert linkage.possible_combinations(TOWN, ["birth_date", "birth_year", "birth_month", "sex"]) == 371 * 2
    assert linkage.possible_combinations(TOWN, ["phone_prefix", "sex"], within="sex") == 3
    assert linkage.possible_combinations(TOWN, "sex") == 2
    gaps = pd.DataFrame({"birth_year": [1980, 1985], "birth_month": [1, 1]})
    assert linkage.possible_combinations(gaps, ["birth_year"]) == 6, "every year in the range, not only those present"
    assert linkage.possible_combinations(gaps, ["birth_year", "birth_month"]) == 6 * 12


def test_estimates_by_hand():
    assert linkage.expected_share_unique(3, 2) == pytest.approx(math.exp(-1))
    assert isinstance(linkage.expected_share_unique(3, 2), float)
    both = linkage.expected_share_unique([1, 3], [2, 2])
    assert both.tolist() == pytest.approx([1.0, math.exp(-1)])
    assert linkage.expected_share_unique_by_group([2, 2], 4) == pytest.approx(math.exp(-1 / 4))
    assert linkage.simulate_share_unique(1, 1) == 1.0 and linkage.simulate_share_unique(2, 1) == 0.0
    assert linkage.simulate_share_unique(50, 10, seed=3) == linkage.simulate_share_unique(50, 10, seed=3)
    same = [linkage.simulate_share_unique(30, 60, seed=7) for _ in range(3)]
    assert len(set(same)) == 1 and linkage.simulate_share_unique(30, 60) == linkage.simulate_share_unique(30, 60, seed=0)
    assert linkage.simulate_share_unique(500, 2, seed=0) == 0.0
    runs = [linkage.simulate_share_unique(20, 1000, seed=s) for s in range(30)]
    assert np.mean(runs) == pytest.approx(math.exp(-19 / 1000), abs=0.02) and len(set(runs)) > 1
    assert linkage.simulate_share_unique(1000, 1000) != linkage.simulate_share_unique(1000, 1000, seed=1)
    e = linkage.sweeney_style_estimate(100, birth_years=1, days_per_year=10, sexes=2)
    assert e == {"people_per_area": 100.0, "combinations": 20.0, "people_per_combination": 5.0,
                 "expected_share_unique": pytest.approx(math.exp(-99 / 20))}
    assert linkage.sweeney_style_estimate()["people_per_area"] == 9_330.0


def test_join_counts_by_hand():
    log = pd.DataFrame({"district": ["D01", "D02", "D09", None], "sex": ["F", "F", "F", "F"], "trips_in_week": [3, 4, 5, 6]})
    j = linkage.join_counts(TOWN, log, ["district", "sex"])
    assert (j.on, j.records, j.linked_to_one, j.linked_to_several, j.linked_to_none) == (("district", "sex"), 4, 2, 1, 1)
    assert j.trips_linked_to_one == 4 + 6
    two = linkage.join_counts(TOWN, log, ["sex"], trips_column=None)
    assert (two.linked_to_one, two.linked_to_several, two.trips_linked_to_one) == (0, 4, None)
    exactly_two = linkage.join_counts(pd.DataFrame({"d": ["a", "a", "b"]}), pd.DataFrame({"d": ["a", "b"]}), ["d"])
    assert (exactly_two.linked_to_one, exactly_two.linked_to_several, exactly_two.trips_linked_to_one) == (1, 1, None)
    assert linkage.join_counts(TOWN, log, ["sex"], trips_column="nothing").trips_linked_to_one is None


# -- legal --------------------------------------------------------------------------------------------------

def test_legal_words_and_order():
    assert _message(lambda: legal.reading("selfie", "China")) == (
        "unknown use of a face 'selfie'; choose one of: park entry, SIM registration, campus gate, "
        "residential compound, metro payment")
    assert _message(lambda: legal.tests_for("park entry", "Mars")) == (
        "unknown jurisdiction 'Mars'; choose one of: China, European Union, Illinois (United States)")
    assert legal.split_list(None) == [] and legal.split_list(float("nan")) == [] and legal.split_list(" ; ") == []
    assert legal.split_list(1.5) == ["1.5"]
    rows = legal.tests_for("park entry", "China")
    assert rows.index.tolist() == list(range(len(rows))) and "index" not in rows.columns
    from facecourse.data import LEGAL_TESTS
    assert rows["test"].tolist() == [t for t in LEGAL_TESTS if t in set(rows["test"])], "in LEGAL_TESTS order"
    assert set(rows["scenario"]) == {"park entry"} and set(rows["jurisdiction"]) == {"China"}
    ids = legal.split_list(rows["provision_ids"].iloc[0])
    assert legal.cited_provisions(ids)["provision_id"].tolist() == ids
    assert legal.cited_provisions("; ".join(reversed(ids)))["provision_id"].tolist() == list(reversed(ids))
    assert legal.cited_provisions(tuple(ids))["provision_id"].tolist() == ids


def test_legal_reference_errors_name_the_table_and_line():
    prov, scen, tests = legal.provisions(), legal.scenarios(), legal.scenario_tests()
    bad = prov.copy()
    bad.loc[3, "tests_supplied"] = "vibes; necessity"
    assert _message(lambda: legal.check_references(bad, scen, tests)).startswith(
        "legal_provisions, line 5: unknown test(s) ['vibes']; allowed: ['sensitive data',")
    bad = scen.copy()
    bad.loc[2, "provision_ids"] = ""
    assert _message(lambda: legal.check_references(prov, bad, tests)) == (
        "face_use_scenarios, line 4: provision ids (none) not in legal_provisions")
    stray = pd.concat([tests, tests.iloc[[0]].assign(jurisdiction="Mars")], ignore_index=True)
    assert _message(lambda: legal.check_references(prov, scen, stray)) == (
        "face_use_tests: rows for unknown pairs [('park entry', 'Mars')]")


# -- policy ---------------------------------------------------------------------------------------------------

def test_policy_words_and_edges():
    assert _message(lambda: evaluate(REFERENCE, 0.5)) == "assumptions must be an Assumptions object; got float"
    assert _message(lambda: evaluate([REFERENCE, "x"])) == "designs must be a Design or a non-empty sequence of Design objects"
    assert _message(lambda: Design(retention="a week")) == (
        "unknown retention 'a week'; choose one of: kept indefinitely (assumed 10 years), kept 3 years, kept 1 year, "
        "kept 30 days, deleted straight after the match")
    assert Assumptions(face_fnmr=0.0).face_fnmr == 0.0 and Assumptions(face_fnmr=1.0).face_fnmr == 1.0
    every = Design(alternative=True, on_device=True, audit=True, human_review=True, retention="kept 1 year")
    assert every.describe() == ("alternative to the face scan; on-device matching; independent audit; "
                                "human review of rejections; face images kept 1 year")
    assert REFERENCE.describe() == "face images kept indefinitely (assumed 10 years)"
    r = evaluate([REFERENCE, every])
    assert r.columns[0] == "design" and r["design"].tolist() == [REFERENCE.describe(), every.describe()]
    assert r.dtypes.drop("design").map(lambda d: d.kind).eq("f").all()
    t = assumptions_table()
    assert t.columns.tolist() == ["ASSUMPTION", "value"] and t["value"].iloc[0] == Assumptions().registrations_per_year
    ev = governance_events()
    assert ev.index.tolist() == list(range(len(ev))) and "index" not in ev.columns


# -- data loading ----------------------------------------------------------------------------------------------

def _csv(tmp_path, text, name="bad.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


POP = DATASETS["china_population"]
SUBS = DATASETS["china_mobile_subscriptions"]


def test_load_messages_name_file_line_and_column(tmp_path):
    header = "year,population_millions,measure,source\n"
    p = _csv(tmp_path, header + "2019,1400,census,NBS\n2019.5,1400,census,NBS\n")
    assert _message(lambda: read_csv_checked(p, POP)) == (
        f"{p}, line 3: column 'year' has '2019.5'; expected a whole number")
    p = _csv(tmp_path, header + "2019,1400,census,NBS\n2020,1400,census,\n")
    assert _message(lambda: read_csv_checked(p, POP)) == f"{p}, line 3: column 'source' is empty, but a value is required"
    p = _csv(tmp_path, "year,population_millions,measure,source,extra\n2019,1400,census,NBS,x\n")
    assert _message(lambda: read_csv_checked(p, POP)) == (
        f"{p}: columns do not match the 'china_population' schema; expected ['year', 'population_millions', "
        "'measure', 'source'], unexpected ['extra']")
    p = _csv(tmp_path, "year,population_millions,source\n2019,1400,x\n")
    assert _message(lambda: read_csv_checked(p, POP)) == (
        f"{p}: columns do not match the 'china_population' schema; expected ['year', 'population_millions', "
        "'measure', 'source'], missing ['measure']")
    assert _message(lambda: load_dataset("faces")).startswith("unknown dataset 'faces'; the course has: china_mobile_subscriptions, ")
    assert _message(lambda: load_dataset(3)).startswith("unknown dataset 3; the course has: ")
    p = tmp_path / "none.csv"
    assert _message(lambda: read_csv_checked(p, POP)) == f"{p}: file not found (expected the 'china_population' dataset here)"


def test_optional_columns_load_empty_cells_as_missing_and_keep_their_types(tmp_path):
    text = ("year,subscriptions_millions,net_change_millions,per_100_people,confidence,source\n"
            "2019,1600.5,,112.2,VERIFIED,MIIT\n2020,1594,-7.28,,LIKELY,MIIT\n")
    df = read_csv_checked(_csv(tmp_path, text), SUBS)
    assert df["year"].dtype == "int64" and df["year"].tolist() == [2019, 2020]
    assert df["net_change_millions"].isna().tolist() == [True, False] and df["net_change_millions"].dtype == float
    assert df["per_100_people"].isna().tolist() == [False, True]
    sheet = load_dataset("legal_provisions")
    assert sheet["tests_supplied"].map(lambda v: pd.isna(v) or isinstance(v, str)).all()
    assert sheet["tests_supplied"].isna().any() and not (sheet["tests_supplied"] == "").any()
    optional_int = Schema("t", "optional whole numbers", (Column("n", "int", required=False), Column("label", "str")))
    df = read_csv_checked(_csv(tmp_path, "n,label\n3,a\n,b\n", "opt.csv"), optional_int)
    assert str(df["n"].dtype) == "Int64" and df["n"].isna().tolist() == [False, True]
    df = read_csv_checked(_csv(tmp_path, "n,label\n 4 ,a\n", "pad.csv"), optional_int)
    assert df["n"].tolist() == [4]


def test_text_cells_are_trimmed_and_bom_or_latin1_files_are_refused_or_read(tmp_path):
    text = "year,population_millions,measure,source\n2019, 1400 , census ,NBS  \n"
    df = read_csv_checked(_csv(tmp_path, text), POP)
    assert df["measure"].tolist() == ["census"] and df["source"].tolist() == ["NBS"]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("year,population_millions,measure,source\n2019,1400,census,Pékin\n".encode("latin-1"))
    assert "not a readable CSV file (UnicodeDecodeError" in _message(lambda: read_csv_checked(latin, POP))


def test_the_datasets_folder_can_be_moved_with_an_environment_variable(tmp_path, monkeypatch):
    assert datasets_dir() == REPO / "datasets"
    (tmp_path / "china_population.csv").write_text("year,population_millions,measure,source\n2019,1,census,X\n")
    monkeypatch.setenv("FACECOURSE_DATASETS", str(tmp_path))
    assert datasets_dir() == tmp_path
    assert load_dataset("china_population")["population_millions"].tolist() == [1.0]


def test_a_number_below_the_minimum_is_reported_with_its_text(tmp_path):
    p = _csv(tmp_path, "year,population_millions,measure,source\n2019,-5,census,NBS\n")
    assert _message(lambda: read_csv_checked(p, POP)) == f"{p}, line 2: column 'population_millions' has -5; it must be at least 0"
    assert re.search("line 2", _message(lambda: read_csv_checked(
        _csv(tmp_path, "year,population_millions,measure,source\n1999,5,census,NBS\n", "y.csv"), POP)))
