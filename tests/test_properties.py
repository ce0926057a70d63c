"""Properties, not only examples (hypothesis): what must hold for every input, not just the worked ones.

Fast by default (the "ci" profile in tests/conftest.py: 25 examples each, the same every run);
HYPOTHESIS_PROFILE=thorough searches a thousand examples per property.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from conftest import ASSIGNMENTS
from hypothesis import assume, given
from hypothesis import strategies as st

from facecourse.data import DATASETS, load_dataset
from facecourse.models import coding, linkage
from facecourse.models.attention import positive_predictive_value
from facecourse.models.verification import (
    ScoreModel,
    det_points,
    false_match_rate,
    false_non_match_rate,
    one_to_many_false_candidates,
    threshold_for_fmr,
)
from facecourse.selfstudy.practice import canonical, digest

# Scores as the course stores them (4 decimals), so that ties are common.
score = st.integers(0, 10_000).map(lambda k: k / 10_000)
scores = st.lists(score, min_size=1, max_size=300)
threshold = st.floats(0, 1, allow_nan=False)


# -- error rates ---------------------------------------------------------------------------------

@given(scores, threshold, threshold)
def test_fmr_falls_and_fnmr_rises_as_the_threshold_rises(s, t1, t2):
    lo, hi = sorted((t1, t2))
    assert false_match_rate(s, hi) <= false_match_rate(s, lo)
    assert false_non_match_rate(s, hi) >= false_non_match_rate(s, lo)
    # the two rates split the same comparisons: each score is a match or a non-match, never both
    assert false_match_rate(s, lo) + false_non_match_rate(s, lo) == pytest.approx(1.0)


@given(scores, scores)
def test_the_det_curve_is_the_two_rates_at_each_threshold(gen, imp):
    thresholds = np.linspace(0, 1, 21)
    d = det_points(gen, imp, thresholds)
    assert np.all(np.diff(d["fmr"]) <= 0) and np.all(np.diff(d["fnmr"]) >= 0)
    for t, fmr, fnmr in zip(thresholds, d["fmr"], d["fnmr"]):
        assert fmr == pytest.approx(false_match_rate(imp, float(t)))
        assert fnmr == pytest.approx(false_non_match_rate(gen, float(t)))


@given(st.lists(st.integers(0, 9_999).map(lambda k: k / 10_000), min_size=1, max_size=300),
       st.floats(0, 1, allow_nan=False))
def test_the_threshold_for_a_target_fmr_is_the_lowest_that_meets_it_with_ties(s, target):
    t = threshold_for_fmr(s, target)
    arr = np.asarray(s)
    assert 0 <= t <= 1
    assert false_match_rate(s, t) <= target + 1e-12, "the threshold meets the target"
    below = arr[arr < t]
    if below.size:  # the next threshold down admits the highest score below t, and every tie of it
        assert false_match_rate(s, float(below.max())) > target
    allowed = math.floor(target * len(s) + 1e-9)
    assert int((arr >= t).sum()) <= allowed, "never more matches than the target allows"


@given(st.lists(score, min_size=1, max_size=50), st.integers(1, 50))
def test_scores_of_exactly_one_can_make_a_target_unreachable(s, ones):
    s = s + [1.0] * ones
    allowed = 0.5 * ones / len(s)  # fewer than the perfect scores
    with pytest.raises(ValueError, match="impostor scores are exactly 1"):
        threshold_for_fmr(s, allowed)


@given(st.floats(-3, 3), st.floats(0.2, 1.5), st.floats(-3, 3), st.floats(0.2, 1.5),
       st.lists(st.floats(0.001, 0.999), min_size=2, max_size=20))
def test_the_score_models_rates_are_monotone_too(gm, gsd, im, isd, ts):
    m = ScoreModel(genuine_mean=gm, genuine_sd=gsd, impostor_mean=im, impostor_sd=isd)
    t = np.sort(np.asarray(ts))
    assert np.all(np.diff(m.fmr(t)) <= 1e-15) and np.all(np.diff(m.fnmr(t)) >= -1e-15)
    assert np.all((m.fmr(t) >= 0) & (m.fmr(t) <= 1) & (m.fnmr(t) >= 0) & (m.fnmr(t) <= 1))


@given(st.floats(1e-9, 0.5))
def test_the_score_models_threshold_gives_back_its_target(target):
    m = ScoreModel()
    assert float(m.fmr(m.threshold_for_fmr(target))) == pytest.approx(target, rel=1e-6)


@given(st.integers(0, 10**9), st.integers(0, 10**9), st.floats(1e-12, 0.1))
def test_a_bigger_gallery_means_more_false_candidates(n1, n2, fmr):
    small, big = (one_to_many_false_candidates(n, fmr) for n in sorted((n1, n2)))
    assert small["expected_false_candidates"] <= big["expected_false_candidates"]
    assert 0 <= small["p_at_least_one"] <= big["p_at_least_one"] <= 1


@given(st.floats(0.5, 1), st.floats(0.8, 0.999), st.floats(0.8, 0.999), st.floats(0.001, 0.5))
def test_a_more_specific_detector_has_more_flags_right(sensitivity, spec1, spec2, base_rate):
    lo, hi = sorted((spec1, spec2))
    ppv_lo, ppv_hi = positive_predictive_value(sensitivity, [lo, hi], base_rate)
    assert 0 <= ppv_lo <= ppv_hi <= 1


# -- Cohen's kappa ---------------------------------------------------------------------------------

CATEGORIES = ("support", "oppose", "mixed")
codings = st.integers(1, 40).flatmap(lambda n: st.tuples(st.lists(st.sampled_from(CATEGORIES), min_size=n, max_size=n),
                                                         st.lists(st.sampled_from(CATEGORIES), min_size=n, max_size=n)))


@given(codings)
def test_kappa_lies_in_its_bounds_and_is_symmetric(pair):
    a, b = pair
    k = coding.cohens_kappa(a, b, CATEGORIES)
    assert -1 - 1e-12 <= k <= 1 + 1e-12
    assert k == pytest.approx(coding.cohens_kappa(b, a, CATEGORIES))
    assert 0 <= coding.observed_agreement(a, b) <= 1
    assert coding.agreement_matrix(a, b, CATEGORIES).sum() == len(a)


@given(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=40))
def test_kappa_is_one_for_identical_codings(a):
    assert coding.cohens_kappa(a, list(a), CATEGORIES) == pytest.approx(1.0)
    assert coding.observed_agreement(a, list(a)) == 1.0


@given(codings)
def test_one_change_brackets_kappa_when_it_is_not_already_extreme(pair):
    a, b = pair
    lo, hi = coding.one_change_kappa_range(a, b, CATEGORIES)
    assert -1 - 1e-12 <= lo <= hi <= 1 + 1e-12


# -- linkage ---------------------------------------------------------------------------------------------

@st.composite
def tables(draw):
    n = draw(st.integers(1, 80))
    cols = {name: draw(st.lists(st.integers(0, draw(st.integers(0, 6))), min_size=n, max_size=n))
            for name in ("district", "sex", "birth_year", "phone_prefix")}
    order = draw(st.permutations(list(cols)))
    return pd.DataFrame(cols), order


@given(tables())
def test_uniqueness_grows_as_quasi_identifiers_are_added(table):
    df, order = table
    shares = [linkage.share_unique(df, order[:i]) for i in range(1, len(order) + 1)]
    ks = [linkage.k_anonymity(df, order[:i]).k for i in range(1, len(order) + 1)]
    assert shares == sorted(shares), "adding a column never makes anyone less unique"
    assert ks == sorted(ks, reverse=True), "adding a column never makes the smallest class bigger"
    for i in range(1, len(order)):
        bigger = linkage.class_sizes(df, order[:i]).to_numpy()
        smaller = linkage.class_sizes(df, order[: i + 1]).to_numpy()
        assert np.all(smaller <= bigger)


@given(tables())
def test_a_join_accounts_for_every_log_row(table):
    df, order = table
    j = linkage.join_counts(df, df.iloc[::2], order[:2], trips_column=None)
    assert j.linked_to_one + j.linked_to_several + j.linked_to_none == j.records == len(df.iloc[::2])
    assert j.linked_to_none == 0, "every log row here is somebody in the registry"
    assert j.linked_to_one == int((linkage.class_sizes(df, order[:2]).to_numpy()[::2] == 1).sum())


@given(st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 10**6))
def test_the_first_principles_estimate_falls_with_people_and_rises_with_combinations(n1, n2, k):
    lo, hi = sorted((n1, n2))
    assert 0 <= linkage.expected_share_unique(hi, k) <= linkage.expected_share_unique(lo, k) <= 1


# -- practice hashing tells apart what the graded tests tell apart ---------------------------------------

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def _graded_tolerances() -> list[float]:
    """The absolute tolerances the assignments' hidden tests compare rates and shares with
    (``abs(a - b) < 1e-12``, ``tol=1e-9``); relative ones (``1e-6 * abs(x)``) and figure tolerances are not rates."""
    import nbformat

    found = []
    for folder in ASSIGNMENTS:
        for path in folder.glob("*.ipynb"):
            for cell in nbformat.read(path, 4).cells:
                for block in HIDDEN.findall(cell.source):
                    found += [float(x) for x in re.findall(r"(?:<=?|\btol=)\s*(\d(?:\.\d+)?e-\d+)(?!\s*\*)", block)]
    return found


TOLERANCE = max(_graded_tolerances())
# Rates and shares in the checks are counts over rows of a course dataset: at most this many.
LARGEST = max(len(load_dataset(name)) for name in DATASETS)


def test_the_graded_tolerances_are_found_and_finer_than_one_row_in_the_largest_dataset():
    assert {1e-12, 1e-9} <= set(_graded_tolerances()) and TOLERANCE < 1 / LARGEST


@given(st.integers(1, LARGEST), st.data())
def test_two_rates_the_graded_tests_tell_apart_get_different_hashes(n, data):
    k1 = data.draw(st.integers(0, n), label="count")
    k2 = data.draw(st.integers(0, n).filter(lambda k: k != k1), label="another count")
    a, b = k1 / n, k2 / n
    assert abs(a - b) > TOLERANCE  # the graded tests tell them apart ...
    assert canonical(a) != canonical(b)  # ... and so does the practice check
    assert digest("salt", "q1", 0, canonical(a)) != digest("salt", "q1", 0, canonical(b))


@given(st.integers(2, LARGEST), st.data())
def test_the_same_count_over_a_wrong_denominator_is_a_different_answer(n, data):
    """183/19999 is not 183/20000: dividing by n - 1 (or n + 1) is a mistake the checks must see."""
    k = data.draw(st.integers(1, n - 1), label="count")
    for wrong in (n - 1, n + 1):
        if abs(k / n - k / wrong) > TOLERANCE:  # (one false match in 36,000 is within it: no test tells those apart)
            assert canonical(k / n) != canonical(k / wrong)


@given(st.integers(0, LARGEST), st.integers(0, LARGEST))
def test_counts_of_people_are_told_apart(k1, k2):
    assume(k1 != k2)
    assert canonical(k1) != canonical(k2) and canonical(float(k1)) == canonical(k1)


@given(st.lists(st.integers(0, LARGEST), min_size=1, max_size=6), st.integers(0, 5))
def test_lists_of_counts_differing_in_one_place_are_told_apart(counts, where):
    changed = list(counts)
    changed[where % len(counts)] += 1
    assert canonical(counts) != canonical(changed)
    assert canonical(np.asarray(counts)) == canonical(counts) == canonical(tuple(counts))


def test_a_rate_of_exactly_zero_or_one_is_canonical():
    assert canonical(0 / 7) == canonical(0) == "0" and canonical(7 / 7) == canonical(1) == "1"
    assert math.isclose(float(canonical(183 / 20000)), 183 / 20000)
