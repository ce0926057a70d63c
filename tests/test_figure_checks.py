"""facecourse.grading.figure_checks: every check passes a good figure and catches a bad one, in plain words."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest

from facecourse.grading import figure_checks
from facecourse.grading.figure_checks import assert_good_figure, has_units, problems

SHARES = [0.0, 0.01, 0.41, 0.96]
STEPS = ["district", "+ sex", "+ birth year", "+ birth date"]


def good(kind=go.Scatter, y=SHARES, **layout):
    fig = go.Figure(kind(x=STEPS, y=y))
    fig.update_layout(title="Share of people unique as attributes are added", xaxis_title="attributes known",
                      yaxis_title="people unique (share, 0–1)")
    fig.update_layout(**layout)
    return fig


def test_a_good_figure_has_no_problems_whatever_it_is_built_with():
    assert problems(good(), y=SHARES) == []
    assert problems(good(go.Bar), y=SHARES, trace_type="bar") == []
    assert problems(go.FigureWidget(good()), y=SHARES, x=STEPS) == []
    df = pd.DataFrame({"step": STEPS, "unique": SHARES})
    fig = px.line(df, x="step", y="unique", markers=True, title="Uniqueness grows",
                  labels={"step": "attributes known", "unique": "share of people unique"})
    assert problems(fig, y=SHARES, x=STEPS) == []
    assert_good_figure(fig, y=SHARES)  # does not raise


def test_percentages_pass_only_when_the_scale_is_allowed():
    fig = good(y=[100 * v for v in SHARES], yaxis_title="people unique (%)")
    assert problems(fig, y=SHARES, scales=(1, 100)) == []
    assert any("no trace plots the expected y values" in p for p in problems(fig, y=SHARES))


def test_shares_labelled_as_percent_and_percentages_labelled_as_shares_are_named():
    as_shares = good(yaxis_title="people unique (%)")  # plots 0-1 but says %
    assert problems(as_shares, y=SHARES, scales=(1, 100)) == [
        "the y axis title 'people unique (%)' says percent, but the values plotted are shares from 0 to 1: "
        "multiply them by 100, or call the axis a share"]
    as_percent = good(y=[100 * v for v in SHARES], yaxis_title="share of people unique")
    assert "says share, but the values plotted are percentages" in problems(as_percent, y=SHARES, scales=(1, 100))[0]
    assert problems(as_shares, y=SHARES) == []  # only shares allowed: nothing to disambiguate
    zeros = good(y=[0, 0, 0, 0], yaxis_title="people unique (%)")
    assert problems(zeros, y=[0, 0, 0, 0], scales=(1, 100)) == []  # reads the same at both scales


def test_missing_title_is_named():
    assert problems(good(title=None)) == ['the figure has no title: add one with fig.update_layout(title="...")']
    assert "says nothing" in problems(good(title="Figure"))[0]
    assert problems(good(title="A")) == ["the figure's title 'A' is too short to say what the figure shows "
                                         "(use at least 2 words)"]
    assert problems(good(title="Uniqueness"), min_title_words=1) == []
    assert problems(good(title=None), needs_title=False) == []


def test_missing_axis_titles_are_named():
    found = problems(good(xaxis_title=None, yaxis_title=None))
    assert any("the x axis has no title" in p for p in found)
    assert any("the y axis has no title" in p for p in found)
    assert problems(good(xaxis_title=None), needs_axis_titles=False) == []


def test_plotly_express_default_axis_titles_count_as_placeholders():
    found = problems(px.line(y=SHARES, title="Uniqueness"))  # px writes "x" and "y" for bare lists
    assert any("x axis title 'x' is a placeholder" in p for p in found)
    assert any("y axis title 'y' is a placeholder" in p for p in found)
    found = problems(px.bar(pd.Series(SHARES), title="Uniqueness"))  # ... and "index" and "value" for a Series
    assert any("x axis title 'index' is a placeholder" in p for p in found)
    assert any("y axis title 'value' is a placeholder" in p for p in found)


def test_a_y_axis_title_without_units_is_named():
    found = problems(good(yaxis_title="Uniqueness"))
    assert found == ["the y axis title 'Uniqueness' gives no units — say e.g. '(%)' or 'share of people'"]
    assert problems(good(yaxis_title="Uniqueness"), needs_units=False) == []
    assert any("x axis title" in p for p in problems(good(), needs_units="xy"))


@pytest.mark.parametrize("title, ok", [("people unique (%)", True), ("share of people unique", True),
                                        ("% unique", True), ("unique [0-1]", True), ("trips per week", True),
                                        ("Uniqueness", False), ("unique", False), ("", False), (None, False)])
def test_has_units(title, ok):
    assert has_units(title) is ok


def test_wrong_data_is_named_and_the_expected_values_are_not_given_away():
    found = problems(good(y=[0.0, 0.01, 0.5, 0.96]), y=SHARES)
    assert len(found) == 1 and found[0].startswith("no trace plots the expected y values")
    assert "0.41" not in found[0]
    assert problems(good(y=SHARES[:3]), y=SHARES) != []  # one value short
    assert problems(good(), x=["a", "b", "c", "d"])[0].startswith("no trace plots the expected x values")


def test_values_on_the_wrong_axis_are_named():
    fig = go.Figure(go.Bar(x=SHARES, y=STEPS, orientation="h"))
    fig.update_layout(title="t t", xaxis_title="share of people unique", yaxis_title="attributes (names)")
    assert problems(fig, y=SHARES) == ["the expected values are plotted along the x axis: put them on the y axis "
                                       "(for a bar chart, drop orientation='h')"]


def test_trace_type_and_empty_figures():
    assert problems(good(), trace_type="bar") == ["the figure has no bar trace (it has: scatter)"]
    assert any("no trace plots" in p for p in problems(good(), y=SHARES, trace_type="bar"))
    empty = go.Figure(layout=dict(title="t t", xaxis_title="a b", yaxis_title="share"))
    assert problems(empty, y=SHARES) == ["the figure has no data: add a trace, e.g. "
                                         "fig.add_trace(go.Scatter(x=..., y=...))"]


def test_assert_good_figure_raises_with_every_problem():
    with pytest.raises(AssertionError) as err:
        assert_good_figure(good(title=None, yaxis_title="Uniqueness"), y=SHARES)
    text = str(err.value)
    assert "no title" in text and "gives no units" in text


@pytest.mark.parametrize("thing, says", [(None, r"fig\.show\(\)"), ({"data": []}, r"go\.Figure\(your_dict\)"),
                                         ([1, 2], "expected a plotly figure")])
def test_anything_but_a_plotly_figure_is_a_clear_type_error(thing, says):
    with pytest.raises(TypeError, match=says):
        problems(thing)


def test_a_matplotlib_figure_is_named_as_such():
    # matplotlib is not a course dependency: a stand-in class from its module is enough to test the message
    Figure = type("Figure", (), {"__module__": "matplotlib.figure"})
    with pytest.raises(TypeError, match="matplotlib figure: build it with plotly"):
        figure_checks.as_figure(Figure())


def test_bad_arguments():
    with pytest.raises(ValueError, match="scales"):
        problems(good(), y=SHARES, scales=())
    with pytest.raises(TypeError, match="not a string"):
        problems(good(), y="0.1, 0.2")
