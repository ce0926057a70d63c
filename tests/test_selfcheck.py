"""Code-along cells and worked-number reveals: the lessons' own self-checks.

A code-along's check must pass the model answer, fail the mistakes students really make (saying
what to look at, never the expected value), say "not attempted" for the untouched `...`, and use
the same comparison and the same words as the practice versions of the assignments.  A reveal
must keep the printout for nbval and fold it for the reader.
"""

import json
import re

import numpy as np
import pytest
from conftest import LESSONS

import facecourse as fc
from facecourse import selfcheck
from facecourse.lessons import CODE_ALONGS
from facecourse.reveal import SUMMARY, reveal
from facecourse.selfstudy import practice

# What students hand in, right and wrong, for each code-along (the setup lines run first).
ANSWERS = {
    "02.c1": {
        "right": ['fmr = (impostor["score"] >= 0.70).mean()',
                  'fmr = float(np.mean(impostor["score"].to_numpy() >= 0.7))',
                  'fmr = len(impostor[impostor["score"] >= 0.70]) / len(impostor)'],
        "wrong": ['fmr = (impostor["score"] >= 0.70).sum()',                     # a count, not a share
                  'fmr = (scores["score"] >= 0.70).mean()',                     # genuine pairs included
                  'fmr = 100 * (impostor["score"] >= 0.70).mean()',             # a percentage
                  'fmr = (impostor["score"] < 0.70).mean()'],                   # the share rejected
    },
    "03.c1": {
        "right": ['fnmr_by_group = (genuine["score"] < 0.755).groupby(genuine["group"]).mean()',
                  'fnmr_by_group = genuine.groupby("group")["score"].apply(lambda s: (s < 0.755).mean())',
                  'fnmr_by_group = {g: (p["score"] < 0.755).mean() for g, p in genuine.groupby("group")}'],
        "wrong": ['fnmr_by_group = (genuine["score"] <= 0.755).groupby(genuine["group"]).mean()',  # ties refused
                  'fnmr_by_group = (scores["score"] < 0.755).groupby(scores["group"]).mean()',     # impostors too
                  'fnmr_by_group = (genuine["score"] < 0.755).mean()',                             # not per group
                  'fnmr_by_group = genuine.groupby("group")[["score"]].mean()'],                  # mean score
    },
    "06.c1": {
        "right": ['joined = log.merge(registry, on=["district", "sex", "birth_date"])',
                  'joined = registry.merge(log, on=["birth_date", "sex", "district"])'],
        "wrong": ['joined = log.merge(registry)',                                      # every shared column
                  'joined = log.merge(registry, on=["district", "sex", "birth_year"])',  # year, not date
                  'joined = log',                                                      # no join at all
                  'joined = log.merge(registry, on=["district", "sex"])'],                        # too few
    },
    "06.c2": {
        "right": ['unique_share = (~registry.duplicated(["district", "sex", "birth_date"], keep=False)).mean()',
                  'unique_share = registry.groupby(["district", "sex", "birth_date"])["person_id"]'
                  '.transform("size").eq(1).mean()',
                  'unique_share = (registry.value_counts(["birth_date", "sex", "district"]) == 1).sum() / 20_000'],
        "wrong": ['unique_share = registry.value_counts(["district", "sex", "birth_date"]).eq(1).mean()',  # combinations
                  'unique_share = 1 - registry.duplicated(["district", "sex", "birth_date"]).mean()',     # distinct ones
                  'unique_share = registry.value_counts(["district", "sex", "birth_date"]).eq(1).sum()',   # a count
                  'unique_share = 100 * (~registry.duplicated(["district", "sex", "birth_date"], keep=False)).mean()',
                  'unique_share = (~registry.duplicated(["district", "sex", "birth_year"], keep=False)).mean()'],
    },
}


def run(code_along, line):
    ns = {"fc": fc, "np": np}
    exec(code_along.setup + "\n" + line, ns)  # noqa: S102 - the course's own answers
    return code_along.check(ns[code_along.name])


def test_every_code_along_has_realistic_answers_here():
    assert set(ANSWERS) == set(CODE_ALONGS)


@pytest.mark.parametrize("cid", sorted(CODE_ALONGS))
def test_the_model_answer_and_other_right_answers_pass(cid):
    c = CODE_ALONGS[cid]
    for line in [c.model_answer, *ANSWERS[cid]["right"]]:
        report = run(c, line)
        assert report.status == selfcheck.RIGHT and report.passed, f"{line}: {report}"
        assert str(report).startswith(f"✓ {cid}: right")


@pytest.mark.parametrize("cid", sorted(CODE_ALONGS))
def test_real_mistakes_are_not_right_yet_and_the_check_never_shows_the_value(cid):
    c = CODE_ALONGS[cid]
    expected = [canon for e in c.expects for canon in [selfcheck.canonical(e.expected(), 3)]]
    for line in ANSWERS[cid]["wrong"]:
        report = run(c, line)
        assert report.status == selfcheck.NOT_YET, f"{line} passed the check"
        text = str(report) + report._repr_html_()
        assert "not right yet" in text and c.hint in text
        for value in expected:
            if value not in ("true", "false") and not value.startswith("["):
                assert value not in text, f"{line}: the report gives the expected value {value}"


def test_an_untouched_code_along_is_not_attempted_and_says_it_can_be_skipped():
    report = fc.check_code("02.c1", ...)
    assert report.status == selfcheck.NOT_ATTEMPTED
    assert "not attempted yet" in str(report) and "Skip it" in str(report)
    with pytest.raises(ValueError, match="unknown code-along '99.c1'; known: 02.c1"):
        fc.check_code("99.c1", 1)


def test_lessons_and_practice_compare_with_the_same_canonical_and_use_the_same_words():
    assert practice.canonical is selfcheck.canonical
    assert issubclass(practice.PracticeError, ValueError)
    for status in (selfcheck.RIGHT, selfcheck.NOT_YET, selfcheck.NOT_ATTEMPTED):
        report = practice.CheckReport("q1", status, ["x"] if status == selfcheck.NOT_YET else [], 2)
        assert status.split()[0] in str(report) and str(report).startswith(selfcheck.MARKS[status])


def test_a_code_along_that_gives_its_answer_away_is_refused():
    with pytest.raises(selfcheck.SelfCheckError, match="hint gives the model answer away"):
        selfcheck.CodeAlong("x", "y", "t", "", "y = a.mean()", (selfcheck.Expect("s", float, lambda: 1),),
                            hint="try a.mean()")


def test_every_code_along_a_lesson_checks_exists_and_shows_its_setup():
    for nb in LESSONS:
        for cell in json.loads(nb.read_text())["cells"]:
            src = "".join(cell["source"])
            for cid in re.findall(r'fc\.check_code\("([^"]+)", (\w+)\)', src):
                c = CODE_ALONGS[cid[0]]
                assert nb.name.startswith(c.id.split(".")[0]) and cid[1] == c.name
                assert c.setup in src and c.blank in src, f"{nb.name}: the cell should hold the setup and `{c.blank}`"
                assert c.model_answer not in src


# -- reveals -----------------------------------------------------------------------------------------------

def test_a_reveal_keeps_the_printout_as_text_and_folds_it_as_html():
    text = fc.lesson02.threshold_worked_numbers()
    r = reveal(text)
    assert repr(r) == text, "nbval compares text/plain: it must be the printout itself"
    html = r._repr_html_()
    assert html.startswith('<details class="fc-reveal">') and "<details open" not in html
    assert re.search(r"<summary[^>]*>I&#x27;ve tried it — show the worked numbers</summary>", html)
    assert "1,233,235" in html and "<script" not in html  # a plain <details>: no kernel, widget or script
    assert SUMMARY == "I've tried it — show the worked numbers"
    with pytest.raises(ValueError, match="non-empty text"):
        reveal("")
