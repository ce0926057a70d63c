"""Lesson 04's worked readings: the reveal after the consent explorer's tasks says what the explorer shows."""

from __future__ import annotations

from facecourse.data import LEGAL_JURISDICTIONS
from facecourse.explorers import ConsentScenarioExplorer
from facecourse.lessons import lesson04


def _block(text: str, task: str) -> str:
    return text.split(f"{task}: ", 1)[1].split("\nTask ", 1)[0].split("\n\n", 1)[0]


def test_the_reveal_gives_the_readings_the_explorer_shows_for_each_task():
    text = lesson04.consent_worked_numbers()
    for task, use, places in (("Task 1", "park entry", ["China"]),
                              ("Task 2", "park entry", ["Illinois (United States)", "European Union"]),
                              ("Task 3", "SIM registration", LEGAL_JURISDICTIONS),
                              ("Task 4", "metro payment", LEGAL_JURISDICTIONS)):
        block = _block(text, task)
        for j in places:
            e = ConsentScenarioExplorer(use=use, jurisdiction=j, reveal_all=True)
            reading = e.summary.split("The course's reading: ", 1)[1].rstrip(".")
            assert reading in block, f"{task}: the reveal must give the explorer's reading for {use} in {j}"
    assert "decisive: necessity [CN-GUO-2020, CN-PIPL-28]; alternative offered [CN-CAC-MPS-2025]" in _block(text, "Task 1")
    assert "displaced by mandate: informed consent" in _block(text, "Task 3")
    assert "Readings stated in a provision or ruling: 2 of 15" in text
