"""Lesson 01's worked numbers: the reveals after each explorer's tasks answer those tasks from the datasets."""

from __future__ import annotations

from facecourse.explorers import SubscriptionsExplorer
from facecourse.lessons import lesson01


def test_the_subscriptions_reveal_gives_the_slider_value_task_3_asks_for():
    text = lesson01.subscriptions_worked_numbers()
    assert "on the slider, 1.25" in text and "lower limit" in text
    # The value it names is the one at which the explorer's dashed line first stays below one per person.
    e = SubscriptionsExplorer(view="per 100 people")
    for value, below in ((1.20, False), (1.25, True)):
        e.subscriptions_per_user.value = value
        assert bool(max(e.series()["implied users"][1]) < 100) is below
    assert "derived (LIKELY) years are 2016, 2017, 2021; the only fall is 2020 (-7.28 million)" in text


def test_the_country_reveal_answers_each_task_and_warns_against_counting_rows():
    text = lesson01.sim_registration_worked_numbers()
    assert "Task 1: Czech Republic, United Kingdom, United States" in text
    assert "Task 2: face: China, Singapore" in text
    assert "Task 3: type not stated: 8 countries" in text
    assert "15 of 18 rows (83%)" in text and "not a sample of the world" in text
    assert "157 (GSMA" in text and "17 (Comparitech" in text
