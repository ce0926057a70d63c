"""Explorers driven headlessly: set a control as a student would, assert on the figure and the words."""

import numpy as np
import pytest

from facecourse.explorers import OneToManyExplorer, ThresholdExplorer, TimelineExplorer
from facecourse.explorers.style import PALETTE, axis_titles
from facecourse.models.verification import ScoreModel


@pytest.fixture(scope="module")
def threshold_explorer():
    return ThresholdExplorer()


def test_moving_the_threshold_moves_the_line_the_point_and_the_shading(threshold_explorer):
    e = threshold_explorer
    e.threshold.value = 0.6
    fig = e.figure
    assert fig.layout.shapes[0].x0 == pytest.approx(0.6)
    m = ScoreModel()
    assert fig.data[5].x[0] == pytest.approx(float(m.fmr(0.6)))
    assert fig.data[5].y[0] == pytest.approx(float(m.fnmr(0.6)))
    assert min(fig.data[2].x) == pytest.approx(0.6)  # false matches shaded from the threshold up
    assert max(fig.data[3].x) == pytest.approx(0.6)  # false non-matches shaded up to it
    e.threshold.value = 0.8
    assert fig.layout.shapes[0].x0 == pytest.approx(0.8)
    assert min(fig.data[2].x) == pytest.approx(0.8)


@pytest.mark.parametrize("threshold", [0.6, 0.7, 0.8])
def test_shaded_areas_are_the_error_rates_on_a_linear_axis(threshold_explorer, threshold):
    # Lesson 02's task 1 compares the two shaded areas: on a log axis they would not be the rates.
    e = threshold_explorer
    e.threshold.value = threshold
    fig = e.figure
    assert fig.layout.yaxis.type == "linear", "an area under a log-scaled density is not a share of comparisons"
    m = ScoreModel()
    assert np.trapezoid(fig.data[2].y, fig.data[2].x) == pytest.approx(float(m.fmr(threshold)), rel=0.01)
    assert np.trapezoid(fig.data[3].y, fig.data[3].x) == pytest.approx(float(m.fnmr(threshold)), rel=0.01)


def test_magnifying_the_tails_cuts_the_peaks_and_says_so():
    e = ThresholdExplorer()
    whole = e.figure.layout.yaxis.range[1]
    assert whole >= max(e.figure.data[0].y) and whole >= max(e.figure.data[1].y), "whole curves: peaks visible"
    e.height.value = "tails, magnified 100× (peaks cut off)"
    assert e.figure.layout.yaxis.range[1] == pytest.approx(whole / 100)
    assert "100×" in e.figure.layout.annotations[0].text and "magnified 100×" in e.summary
    assert e.figure.layout.yaxis.type == "linear"


def test_stricter_threshold_refuses_more_people_and_admits_fewer_impostors(threshold_explorer):
    e = threshold_explorer
    e.threshold.value = 0.6
    loose = e.outcome()
    e.threshold.value = 0.8
    strict = e.outcome()
    assert strict.genuine_refused > loose.genuine_refused
    assert strict.impostors_accepted < loose.impostors_accepted


def test_readout_states_the_counts_for_the_assumptions_set(threshold_explorer):
    e = threshold_explorer
    e.threshold.value = 0.7
    e.registrations.value = 1e8
    e.impostor_share.value = 1e-4
    assert "about 250,000 genuine customers refused" in e.readout.value
    e.registrations.value = 1e7
    assert "about 25,000 genuine customers refused" in e.readout.value
    assert "assumption" in e.summary


@pytest.mark.parametrize("kwargs, message", [
    (dict(threshold=1.2), "between 0 and 1"),
    (dict(registrations=10), "registrations must be between"),
    (dict(impostor_share=0.5), "impostor_share must be between"),
    (dict(height="log"), "height must be one of 'whole curves'"),
])
def test_threshold_explorer_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ThresholdExplorer(**kwargs)


def test_timeline_filters_by_jurisdiction_and_kind():
    t = TimelineExplorer()
    total = len(t.events)
    assert sum(len(tr.x) for tr in t.figure.data[1:]) == total
    t.jurisdiction.value = "China"
    shown = {tr.name: len(tr.x) for tr in t.figure.data[1:]}
    assert shown["China"] == (t.events["jurisdiction"] == "China").sum()
    assert all(n == 0 for name, n in shown.items() if name != "China")
    t.kind.value = "court"
    china_court = t.events[(t.events["jurisdiction"] == "China") & (t.events["kind"] == "court")]
    (trace,) = [tr for tr in t.figure.data if tr.name == "China"]
    assert len(trace.x) == len(china_court) and set(trace.y) == {"court"}
    assert "Guo Bing" in t.table.value and "Source" in trace.text[0]
    assert f"Showing {len(china_court)} of {total} events" in t.status.value


def test_timeline_with_no_matching_events_says_so():
    t = TimelineExplorer(jurisdiction="Sweden", kind="court")
    assert t.summary == "No events match these filters."
    assert sum(len(tr.x) for tr in t.figure.data[1:]) == 0
    assert len(set(t.figure.data[0].y)) == 7, "every kind of event keeps its row on the axis"


def test_timeline_rejects_an_unknown_filter_and_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown jurisdiction 'Mars'; choose one of: All, China"):
        TimelineExplorer(jurisdiction="Mars")


def test_one_to_many_point_is_gallery_times_fmr():
    s = OneToManyExplorer()
    s.gallery_size.value = 1e6
    s.fmr.value = 1e-4
    assert s.figure.data[1].x[0] == pytest.approx(1e6)
    assert s.figure.data[1].y[0] == pytest.approx(100)
    assert np.allclose(np.array(s.figure.data[0].y) / np.array(s.figure.data[0].x), 1e-4)
    assert "100 expected false candidates" in s.readout.value


def test_one_to_many_rejects_bad_settings():
    with pytest.raises(ValueError, match="gallery_size"):
        OneToManyExplorer(gallery_size=5)


@pytest.mark.parametrize("make", [ThresholdExplorer, TimelineExplorer, OneToManyExplorer])
def test_every_explorer_figure_is_titled_labelled_summarised_and_colour_blind_safe(make):
    e = make()
    fig = e.figure
    assert fig.layout.title.text
    assert all(axis_titles(fig)), f"an axis without a title: {axis_titles(fig)}"
    assert len(e.summary) > 40
    safe = {c.lower() for c in PALETTE.values()}
    for trace in fig.data:
        for colour in (getattr(trace, "line", None) and trace.line.color,
                       getattr(trace, "marker", None) and trace.marker.color):
            if isinstance(colour, str) and colour.startswith("#"):
                assert colour.lower() in safe, f"{colour} is not from the Okabe-Ito palette"
    for control in e.children:
        if hasattr(control, "description") and hasattr(control, "value") and not hasattr(control, "children"):
            if type(control).__name__ not in ("HTML", "FigureWidget"):
                assert control.description, f"{type(control).__name__} without a label"


def _not_json(value, path="msg"):
    """Where `value` holds something other than JSON's types (what a browser worker can always copy)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in ([f"{path}: key {k!r}"] if not isinstance(k, str) else [])
                + _not_json(v, f"{path}.{k}")]
    if isinstance(value, (list, tuple)):  # JSON arrays
        return [p for i, v in enumerate(value) for p in _not_json(v, f"{path}[{i}]")]
    if value is None or type(value) in (str, int, float, bool):
        return []
    return [f"{path}: {type(value).__name__} {value!r}"]


@pytest.mark.parametrize("jurisdiction, kind", [("All", "All"), ("China", "All"), ("All", "court"), ("Sweden", "court")])
def test_timeline_sends_the_browser_only_json_values(monkeypatch, jurisdiction, kind):
    """What ipywidgets sends for the timeline (its state when shown, then every update) is plain JSON:
    dates as ISO strings, since a browser worker cannot copy Python date objects (DataCloneError)."""
    from ipywidgets.widgets.widget import Widget, _remove_buffers

    sent = []
    monkeypatch.setattr(Widget, "_send", lambda self, msg, buffers=None: sent.append(msg))
    t = TimelineExplorer()
    shown = [_remove_buffers(child.get_state())[0] for child in (t.figure, t.status, t.table, t.jurisdiction, t.kind)]
    t.jurisdiction.value, t.kind.value = jurisdiction, kind
    updates = [m for m in sent if m.get("method") == "update"]
    assert any("_py2js_update" in m["state"] or "_py2js_restyle" in m["state"] for m in updates), "no figure update sent"
    problems = _not_json(shown, "state") + _not_json(updates, "update")
    assert problems == [], problems[:5]
    x = [v for tr in t.figure.data[1:] for v in tr.x]
    assert all(isinstance(v, str) and len(v) == 10 and v[4] == "-" for v in x), x[:3]
