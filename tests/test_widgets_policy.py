"""Lesson 08: the policy designer driven headlessly, as a student would."""

import pytest

from facecourse.explorers import PolicyDesigner
from facecourse.explorers.policy import ILLUSTRATIVE_NOTE, PANELS
from facecourse.explorers.style import axis_titles
from facecourse.models.policy import ASSUMPTION_LABELS, Assumptions, Design


def _bars(e, panel):
    i = PANELS.index(panel)
    return float(e.figure.data[2 * i].y[0]), float(e.figure.data[2 * i + 1].y[0])


def test_starts_at_the_reference_with_titled_axes_and_a_readout():
    e = PolicyDesigner()
    assert len(e.figure.data) == 2 * len(PANELS)
    assert _bars(e, "genuine_refused") == pytest.approx((999_900, 999_900))
    assert e.figure.layout.title.text.startswith("Your design against the reference")
    assert all(axis_titles(e.figure)), "every axis has a title"
    assert "role='status'" in e.status.value and "illustrative model" in e.summary
    assert "999,900 (reference 999,900)" in e.summary


def test_every_assumption_is_on_screen_labelled_and_editable():
    e = PolicyDesigner()
    assert set(e.assumption_inputs) == set(ASSUMPTION_LABELS)
    for name, box in e.assumption_inputs.items():
        assert box.description.startswith("ASSUMPTION: ") and ASSUMPTION_LABELS[name] in box.description
    assert "ASSUMPTION" in ILLUSTRATIVE_NOTE and "ILLUSTRATIVE" in ILLUSTRATIVE_NOTE


def test_ticking_human_review_moves_only_your_bars():
    e = PolicyDesigner()
    e.human_review.value = True
    ref, you = _bars(e, "genuine_refused")
    assert ref == pytest.approx(999_900) and you == pytest.approx(99_990)
    assert _bars(e, "impostors_through")[1] == pytest.approx(975)
    assert "staff hours of human review 168,233" in e.summary


def test_an_alternative_and_its_assumptions_drive_the_fraud_panel():
    e = PolicyDesigner()
    e.alternative.value = True
    assert _bars(e, "impostors_through")[1] == pytest.approx(3_300)
    e.alternative_stops_impostors.value = 0.95
    assert _bars(e, "impostors_through")[1] == pytest.approx(500)
    e.reset_assumptions()
    assert e.alternative_stops_impostors.value == pytest.approx(0.6)
    assert _bars(e, "impostors_through")[1] == pytest.approx(3_300)


def test_retention_and_on_device_empty_the_store():
    e = PolicyDesigner()
    e.retention.value = "kept 30 days"
    assert _bars(e, "images_held")[1] == pytest.approx(1e8 * 30 / 365)
    e.on_device.value = True
    assert _bars(e, "images_held")[1] == 0 and _bars(e, "images_exposed")[1] == 0
    assert "on-device matching" in e.summary


def test_constructor_takes_a_design_and_assumptions_and_validates_them():
    e = PolicyDesigner(design=Design(audit=True), assumptions=Assumptions(breach_chance_per_year=0.1))
    assert e.audit.value is True
    assert _bars(e, "images_exposed")[1] == pytest.approx(1e9 * 0.1 * 0.7)
    with pytest.raises(ValueError, match="design"):
        PolicyDesigner(design="ban")
    with pytest.raises(ValueError, match="assumptions"):
        PolicyDesigner(assumptions={"face_fnmr": 0.01})


def test_controls_have_labels():
    e = PolicyDesigner()
    for c in (*e.safeguards, *e.assumption_inputs.values(), e.reset_button):
        assert c.description
