"""Lesson 07: Cohen's kappa against hand-worked examples, and the value-weighting logic."""

import numpy as np
import pytest

from facecourse.data import REACTION_CONCERNS, REACTION_STANCES, load_dataset
from facecourse.models import coding
from facecourse.models import value_weights as pw


def test_kappa_matches_the_hand_worked_two_by_two_example():
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    # p_o = 35/50 = 0.7; A yes 25/50, B yes 30/50 -> p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    m = coding.agreement_matrix(a, b, ["yes", "no"])
    assert m.tolist() == [[20, 5], [10, 15]]
    assert coding.observed_agreement(a, b) == pytest.approx(0.7)
    assert coding.cohens_kappa(a, b, ["yes", "no"]) == pytest.approx(0.4)


def test_kappa_of_the_course_and_the_classmate_is_worked_by_hand():
    # stance: agree 5/7; course S2 M1 O4, classmate S1 M1 O5 -> p_e = (2+1+20)/49; kappa = 12/26
    a, b = coding.course_codes("stance"), coding.ILLUSTRATIVE_CLASSMATE["stance"]
    assert coding.cohens_kappa(a, b, REACTION_STANCES) == pytest.approx(12 / 26)
    # concern: agree 4/7; p_e = 8/49; kappa = 20/41
    a, b = coding.course_codes("concern"), coding.ILLUSTRATIVE_CLASSMATE["concern"]
    assert coding.cohens_kappa(a, b, REACTION_CONCERNS) == pytest.approx(20 / 41)


def test_kappa_edges_perfect_chance_and_symmetry():
    cats = ["x", "y", "z"]
    a = ["x", "y", "z", "x", "y", "z"]
    assert coding.cohens_kappa(a, a, cats) == pytest.approx(1.0)
    assert coding.cohens_kappa(["x", "x", "y", "y"], ["x", "y", "x", "y"], cats) == pytest.approx(0.0)
    assert coding.cohens_kappa(["x", "y"], ["y", "x"], cats) == pytest.approx(-1.0)
    b = ["x", "y", "y", "x", "z", "z"]
    assert coding.cohens_kappa(a, b, cats) == pytest.approx(coding.cohens_kappa(b, a, cats))
    assert coding.cohens_kappa(["x"] * 4, ["x"] * 4, cats) == 1.0  # one code used throughout: full agreement


@pytest.mark.parametrize("a, b, cats, message", [
    (["x"], ["x", "y"], ["x", "y"], "different numbers of items"),
    (["x", "q"], ["x", "y"], ["x", "y"], r"coder A uses codes not in the categories: \['q'\]"),
    (["x"], ["x"], ["x"], "at least two distinct codes"),
    ([], [], ["x", "y"], "no items"),
])
def test_kappa_rejects_bad_input_saying_why(a, b, cats, message):
    with pytest.raises(ValueError, match=message):
        coding.cohens_kappa(a, b, cats)


def test_one_change_shows_how_unstable_kappa_is_on_seven_items():
    lo, hi = coding.one_change_kappa_range(coding.course_codes("stance"), coding.ILLUSTRATIVE_CLASSMATE["stance"],
                                           REACTION_STANCES)
    assert lo < 0.2 < 0.7 < hi


def test_reactions_are_paraphrases_attributed_to_the_guardian_with_unnamed_speakers():
    r = coding.reactions()
    assert len(r) == 7 and r["reaction_id"].tolist() == list(range(1, 8))
    assert (r["source"] == "The Guardian, Lily Kuo, 2 December 2019").all()
    assert r["source_url"].str.startswith("https://www.theguardian.com/").all()
    assert r["speaker"].str.contains("unnamed").all()
    assert set(r["course_stance"]) == set(REACTION_STANCES)
    # the only words kept in quotation marks are the short attributed phrase
    quoted = r["paraphrase"].str.count('"').sum()
    assert quoted == 2 and r["paraphrase"].str.contains('"dystopian surveillance state"').any()
    assert set(coding.CODEBOOK["concern"]) == set(REACTION_CONCERNS)


def test_voices_from_chinese_sources_disagree_and_each_has_a_link():
    r = coding.reactions("chinese-sources")
    assert r["reaction_id"].tolist() == list(range(8, 12))
    assert {"support", "oppose"} <= set(r["course_stance"]), "the collection exists to show disagreement"
    assert r["source_url"].str.match(r"https?://").all() and (r["source"].str.len() > 40).all()
    assert r["paraphrase"].str.count('"').sum() <= 2, "paraphrases, with at most one short quoted phrase"
    assert sorted(load_dataset("public_reactions")["reaction_id"]) == list(range(1, 12))
    with pytest.raises(ValueError, match="unknown collection 'weibo'"):
        coding.reactions("weibo")


def test_weighted_scores_are_weighted_means_and_rank_the_options():
    w = np.zeros(len(pw.VALUES))
    w[pw.VALUES.index("privacy")] = 1
    assert pw.weighted_scores(w).tolist() == pw.COURSE_SCORES[:, pw.VALUES.index("privacy")].tolist()
    equal = np.full(len(pw.VALUES), 5.0)
    assert pw.weighted_scores(equal) == pytest.approx(pw.COURSE_SCORES.mean(axis=1))
    assert pw.ranking(equal)[0] == 2  # ID check + look-up + no resale, with the course's scores
    w = np.zeros(len(pw.VALUES))
    w[0] = 10
    assert pw.ranking(w)[0] == 0  # fraud protection alone: the face match leads


def test_flip_points_are_where_the_leader_really_changes():
    equal = np.full(len(pw.VALUES), 5.0)
    flips = pw.flip_points(equal)
    assert flips, "with equal weights the leader can be flipped"
    for f in flips:
        w = equal.copy()
        v = pw.VALUES.index(f.value)
        w[v] = f.weight
        assert pw.OPTIONS[pw.ranking(w)[0]] == f.new_leader
        step = 1 if f.direction == "raise" else -1
        w[v] = f.weight - step  # one step short of the flip: the old leader still leads
        assert pw.ranking(w)[0] == 2
    w = np.zeros(len(pw.VALUES))
    w[0] = 10
    assert all(f.new_leader != pw.OPTIONS[0] for f in pw.flip_points(w))


@pytest.mark.parametrize("weights, scores, message", [
    (np.zeros(7), None, "at least one weight"),
    (np.ones(6), None, "one weight per value"),
    (-np.ones(7), None, "0 or more"),
    (np.ones(7), np.ones((4, 7)), "options x"),
])
def test_weighting_rejects_bad_input(weights, scores, message):
    with pytest.raises(ValueError, match=message):
        pw.weighted_scores(weights, scores)
