"""Lesson 08: the policy designer's illustrative model, its key numbers, and the governance timeline filter."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from facecourse.lessons import lesson08
from facecourse.models.policy import (
    ASSUMPTION_LABELS,
    GOVERNANCE_KINDS,
    REFERENCE,
    RETENTION_YEARS,
    Assumptions,
    Design,
    assumptions_table,
    evaluate,
    governance_events,
)

A = Assumptions()


def test_reference_design_counts_follow_from_the_assumptions():
    r = evaluate(REFERENCE).iloc[0]
    genuine = A.registrations_per_year * (1 - A.impostor_share)
    impostors = A.registrations_per_year * A.impostor_share
    assert r.genuine_refused == pytest.approx(genuine * A.face_fnmr) == pytest.approx(999_900)
    assert r.impostors_through == pytest.approx(impostors * (1 - A.face_stops_impostors)) == pytest.approx(500)
    assert r.face_scans == pytest.approx(1e8)
    assert r.images_held == pytest.approx(1e8 * 10)
    assert r.images_exposed == pytest.approx(1e9 * A.breach_chance_per_year)
    assert r.review_hours == 0


def test_human_review_trades_refusals_for_impostors_and_staff_time():
    ref, rev = evaluate([REFERENCE, Design(human_review=True)]).itertuples()
    assert rev.genuine_refused == pytest.approx(ref.genuine_refused * (1 - A.review_recovers))
    assert rev.impostors_through == pytest.approx(500 + 9_500 * A.review_lets_impostors_through)
    assert rev.review_hours == pytest.approx((999_900 + 9_500) * 10 / 60)


def test_an_alternative_raises_fraud_only_if_it_is_weaker_than_the_face_match():
    alt = Design(alternative=True)
    assert evaluate(alt).iloc[0].impostors_through == pytest.approx(100 + 8_000 * 0.4)
    as_strong = replace(A, alternative_stops_impostors=A.face_stops_impostors)
    assert evaluate(alt, as_strong).iloc[0].impostors_through == pytest.approx(500)
    assert evaluate(alt).iloc[0].genuine_refused == pytest.approx(999_900 * 0.9)


def test_retention_on_device_and_audit_change_only_the_stored_images():
    designs = [REFERENCE, Design(retention="kept 30 days"), Design(on_device=True), Design(audit=True)]
    r = evaluate(designs)
    for col in ("genuine_refused", "impostors_through", "face_scans"):
        assert np.allclose(r[col], r[col].iloc[0])
    assert r.images_held.iloc[1] == pytest.approx(1e8 * 30 / 365)
    assert r.images_held.iloc[2] == 0 and r.images_exposed.iloc[2] == 0
    assert r.images_exposed.iloc[3] == pytest.approx(2e7 * (1 - A.audit_cuts_breach_chance))


def test_evaluate_is_vectorised_over_many_designs():
    designs = [Design(alternative=a, retention=k, on_device=d, audit=u, human_review=h)
               for a in (False, True) for k in RETENTION_YEARS for d in (False, True)
               for u in (False, True) for h in (False, True)]
    r = evaluate(designs)
    assert len(r) == 80 and (r.drop(columns="design").to_numpy() >= 0).all()
    one_at_a_time = pd.concat([evaluate(d) for d in designs], ignore_index=True)
    pd.testing.assert_frame_equal(r, one_at_a_time, check_exact=False, rtol=1e-12)
    assert r["design"].is_unique, "each design is described by its own safeguards"


@pytest.mark.parametrize("bad", [dict(face_fnmr=1.5), dict(impostor_share=-0.1), dict(registrations_per_year=float("nan")),
                                 dict(review_minutes="ten"), dict(audit_cuts_breach_chance=True)])
def test_assumptions_out_of_range_are_refused_with_a_reason(bad):
    with pytest.raises(ValueError, match="assumption"):
        Assumptions(**bad)


def test_bad_designs_are_refused():
    with pytest.raises(ValueError, match="unknown retention"):
        Design(retention="forever")
    with pytest.raises(ValueError, match="True or False"):
        Design(audit="yes")
    with pytest.raises(ValueError, match="Design"):
        evaluate([])
    with pytest.raises(ValueError, match="Assumptions"):
        evaluate(REFERENCE, {"face_fnmr": 0.01})


def test_every_assumption_is_labelled_for_the_screen():
    t = assumptions_table()
    assert list(t["ASSUMPTION"]) == list(ASSUMPTION_LABELS.values())
    assert len(t) == len(A.__dataclass_fields__)


def test_governance_events_are_the_timeline_filtered_to_law_standards_and_courts():
    ev = governance_events()
    assert set(ev["kind"]) <= set(GOVERNANCE_KINDS)
    texts = " ".join(ev["event"])
    for needle in ("BIPA", "General Data Protection Regulation", "San Francisco", "SenseTime", "27 or 28",
                   "Supreme People's Court", "Data Security Law", "Personal Information Protection Law",
                   "Art. 5(1)(e)", "Art. 5(1)(h)", "Ministry of Public Security"):
        assert needle in texts, needle
    assert ev["date"].dt.year.min() == 2008 and ev["date"].dt.year.max() == 2025
    assert "Megvii" not in texts


def test_key_numbers_print_the_assumptions_label_and_three_designs():
    out = lesson08.policy_designer_worked_example()
    assert "ILLUSTRATIVE" in out and "ASSUMPTIONS" in out
    assert "999,900" in out and "89,991" in out and "3,395" in out
    counts = lesson08.governance_timeline_counts()
    assert counts.startswith("Laws, regulations, standards and court rulings in the timeline:")
