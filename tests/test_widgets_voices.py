"""Lesson 07: the reaction-coding and value-weighting explorers, driven as a student would."""

import numpy as np
import pytest

from facecourse.explorers import ReactionCodingExplorer, ValueWeightingExplorer
from facecourse.explorers.style import axis_titles
from facecourse.explorers.voices import PAIRS
from facecourse.lessons import lesson07
from facecourse.models import coding
from facecourse.models import value_weights as pw


def test_course_codes_stay_hidden_until_the_student_compares():
    e = ReactionCodingExplorer()
    assert len(e.stance_codes) == len(e.concern_codes) == 7
    assert all(c.description for c in e.stance_codes + e.concern_codes)
    assert np.array(e.figure.data[0].z).sum() == 0
    assert "press" in e.summary and "hidden" in e.summary
    assert e.table.value == ""
    assert e.figure.layout.title.text and all(axis_titles(e.figure))


def test_coding_like_the_classmate_gives_the_classmates_kappa():
    e = ReactionCodingExplorer()
    e.set_codes("stance", coding.ILLUSTRATIVE_CLASSMATE["stance"])
    e.compare_button.click()
    assert e.compared
    assert "Cohen's kappa = 0.46" in e.summary and "agree on 5 of 7" in e.summary
    z = np.array(e.figure.data[0].z)
    assert z.sum() == 7 and np.trace(z) == 5
    assert "open to dispute" in e.table.value and "illustrative" in e.table.value
    assert "0.46" in e.status.value and "role='status'" in e.status.value


def test_agreeing_with_the_course_everywhere_gives_kappa_one():
    e = ReactionCodingExplorer(dimension="concern")
    e.set_codes("concern", coding.course_codes("concern"))
    e.compare()
    assert "Cohen's kappa = 1.00" in e.summary
    e.pair.value = PAIRS[2]
    assert "the classmate and the course agree on 4 of 7" in e.summary
    assert "the course's concern code" in e.figure.layout.xaxis.title.text


def test_partial_coding_is_compared_on_the_coded_items_only():
    e = ReactionCodingExplorer()
    e.compare()
    assert "at least two" in e.summary
    e.stance_codes[0].value = "support"
    e.stance_codes[1].value = "support"
    assert "agree on 2 of 2" in e.summary and "5 reactions are not coded yet" in e.summary


def test_coding_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="stance, concern"):
        ReactionCodingExplorer(dimension="tone")
    with pytest.raises(ValueError, match="you vs the course"):
        ReactionCodingExplorer(pair="me vs you")


def test_weights_rank_the_options_and_name_the_nearest_flip():
    v = ValueWeightingExplorer()
    assert [s.description for s in v.weights] == list(pw.VALUES)
    assert np.allclose(v.figure.data[0].x, pw.weighted_scores(np.full(7, 5.0)))
    assert v.summary.startswith("Weighted mean scores out of 10, best first: 1. ID check")
    assert "Nearest flip: lower the weight on 'knowing who holds each number' to 3" in v.summary
    v.weights[pw.VALUES.index("privacy")].value = 8
    assert "1. no registration for prepaid SIMs" in v.summary
    assert v.figure.data[0].marker.color[4] == "#E69F00"  # the leader is highlighted
    assert v.figure.layout.title.text and all(axis_titles(v.figure))


def test_scores_are_editable_and_resettable():
    v = ValueWeightingExplorer()
    v.score_option.value = pw.OPTIONS[0]
    v.score_value.value = "privacy"
    assert v.score.value == 2
    v.score.value = 9
    assert v.scores[0, pw.VALUES.index("privacy")] == 9
    assert "You have edited 1 of the course's scores" in v.summary
    assert pw.COURSE_SCORES[0, pw.VALUES.index("privacy")] == 2, "the course's table is never changed"
    v.reset_button.click()
    assert (v.scores == pw.COURSE_SCORES).all() and v.score.value == 2
    assert "illustrative" in v.children[len(pw.VALUES) + 1].value.lower()


def test_all_zero_weights_are_explained_not_an_error():
    v = ValueWeightingExplorer()
    for s in v.weights:
        s.value = 0
    assert "give at least one value a weight" in v.summary
    assert np.allclose(v.figure.data[0].x, 0)


def test_weighting_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="one weight per value"):
        ValueWeightingExplorer(weights=[5] * 3)
    with pytest.raises(ValueError, match="between 0 and 10"):
        ValueWeightingExplorer(weights=[11] * 7)


def test_key_numbers():
    text = lesson07.reaction_coding_worked_numbers()
    assert "stance   agree on 5 of 7; Cohen's kappa 0.46 (chance agreement 23/49 = 0.47)" in text
    assert "1. 6.14  ID check + number look-up" in lesson07.value_weighting_worked_numbers()


def test_the_empty_matrix_says_how_far_the_coding_has_got():
    e = ReactionCodingExplorer()
    assert e.figure.layout.title.text.startswith("Your stance codes: 0 of 7 done")
    assert e.figure.layout.yaxis.title.text == "your stance code"
    assert e.figure.data[0].zmax >= 1, "an empty matrix is drawn white, not as full cells"
    e.stance_codes[0].value = "support"
    assert "1 of 7 done" in e.figure.layout.title.text
    e.set_codes("stance", coding.ILLUSTRATIVE_CLASSMATE["stance"])
    e.compare()
    assert e.figure.layout.title.text == "Where you and the course agree (diagonal) and differ, on stance"
    e.pair.value = PAIRS[2]
    assert e.figure.layout.title.text.startswith("Where the classmate and the course agree")


def test_reactions_8_to_11_are_listed_to_code_and_their_codes_come_only_in_the_reveal():
    listing, reveal = lesson07.voices_to_code(), lesson07.reaction_coding_worked_numbers()
    rest = listing.text
    for row in coding.reactions("chinese-sources").itertuples():
        assert row.paraphrase in listing.text and row.source_url in listing._repr_html_()
        assert f"{row.reaction_id}. {row.course_stance} · {row.course_concern}" in reveal
        assert row.coding_note[:40] in reveal
        for shown in (row.paraphrase, row.speaker, row.source, row.source_url):
            rest = rest.replace(shown, "")
    # what is left is numbering and labels: no code, and no reason for one, before the student has coded
    codes = [c for d in coding.DIMENSIONS.values() for c in d]
    assert not [c for c in codes if c in rest.lower()], rest
