"""Lesson 00's claim tracing and timeline reveal: students trace three claims of the rewritten copy
themselves, lock in a verdict each, then compare with the course's verdicts and reasons."""

from __future__ import annotations

from facecourse.data import load_dataset
from facecourse.lessons import PREDICTIONS, lesson00


def test_each_traced_claim_quotes_the_copy_exactly_and_asks_for_one_of_the_datasets_verdicts():
    claims = load_dataset("rewritten_copy_claims").set_index("claim_id")
    assert set(lesson00.VERDICTS) == set(claims["verdict"]), "the verdict boxes offer the dataset's five verdicts"
    for k, c in zip((2, 3, 4), lesson00.TRACED_CLAIMS):
        assert c.copy_says == claims.loc[c.claim_id, "copy_says"], f"claim {c.letter} must quote the copy as the dataset does"
        prediction = PREDICTIONS[f"00.p{k}"]
        assert c.copy_says in prediction.prompt and prediction.choices == lesson00.VERDICTS


def test_the_traced_claims_cover_three_different_verdicts_and_the_reveal_gives_each_with_its_reasons():
    claims = load_dataset("rewritten_copy_claims").set_index("claim_id")
    verdicts = [claims.loc[c.claim_id, "verdict"] for c in lesson00.TRACED_CLAIMS]
    assert len(set(verdicts)) == 3, "three claims that teach three different verdicts"
    text = lesson00.traced_claims_worked_numbers()
    for c, verdict in zip(lesson00.TRACED_CLAIMS, verdicts):
        block = text.split(f"Claim {c.letter}: ", 1)[1].split("\nClaim ", 1)[0]
        assert f"verdict:          {verdict}" in block
        assert c.reasoning.split()[0] in block and "sources:" in block
    assert "Claims checked in the rewritten copy: 11" in text


def test_the_timeline_reveal_answers_the_prediction_from_the_dataset():
    text = lesson00.timeline_worked_numbers()
    task2 = text.split("Task 2", 1)[1].split("Task 3", 1)[0]
    assert "came into force on 1 November 2021" in task2
    for ruling in ("20 Nov 2020 First-instance ruling", "9 Apr 2021  Hangzhou Intermediate People's Court"):
        assert ruling in task2, "both rulings in Guo Bing's case come before the PIPL (prediction 00.p1)"
    assert "China            24" in text.split("Task 4", 1)[1]
    assert "May 2018    MIIT notice on fighting telecom fraud orders pilots" in text.split("Task 2", 1)[0]
