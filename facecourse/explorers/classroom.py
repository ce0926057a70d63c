"""Attention-detector explorer (lesson 05): what a classroom "attention" camera's flags are worth.

The model is :mod:`facecourse.models.attention`; this file is its controls and figure.

An ILLUSTRATIVE, SYNTHETIC model, not any real system.  At each check the
detector classifies each pupil as "attentive" or "inattentive".  Every number
is an assumption the student sets on screen:

- ``sensitivity``: the chance a check flags a pupil who really is inattentive;
- ``specificity``: the chance a check does *not* flag a pupil who is attentive;
- ``base_rate``: the share of checks at which a pupil really is inattentive;
- ``checks_per_lesson`` and ``lessons_per_term``: how often the camera judges;
- ``class_size``; and ``review_at``: flags in a term at which a pupil is
  reported to a teacher (a policy choice, not a property of the detector).

Checks are treated as independent, and every pupil has the same base rate;
both are simplifications that the lesson names.  Expected counts are computed
exactly (binomial); one class is also simulated with a fixed seed, vectorised
over pupils, to show the spread.  "Attention" itself is taken as given here:
whether a camera can measure it at all is the lesson's validity question.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import formatting as fmt
from ..models.attention import (
    DetectorAssumptions,
    TermOutcomes,
    positive_predictive_value,
    simulate_class,
    term_outcomes,
)
from .style import PALETTE, style_figure

__all__ = ["AttentionDetectorExplorer"]

FALSE_COLOUR = PALETTE["vermillion"]
TRUE_COLOUR = PALETTE["blue"]
_BASE_RATE_AXIS = np.logspace(-3, np.log10(0.5), 200)


class AttentionDetectorExplorer(w.VBox):
    """Set the detector's accuracy and the classroom's habits; see one simulated class and the share of flags that are right."""

    def __init__(self, class_size: int = 30, sensitivity: float = 0.80, specificity: float = 0.98,
                 base_rate: float = 0.05, checks_per_lesson: int = 10, lessons_per_term: int = 40,
                 review_at: int = 10):
        a = DetectorAssumptions(class_size, sensitivity, specificity, base_rate, checks_per_lesson,
                                lessons_per_term, review_at)
        style = {"description_width": "initial"}
        layout = w.Layout(width="560px")
        self.sensitivity = w.FloatSlider(value=a.sensitivity, min=0.5, max=1.0, step=0.01, readout_format=".2f",
                                         description="ASSUMPTION: sensitivity (inattentive moments flagged)",
                                         style=style, layout=layout)
        self.specificity = w.FloatSlider(value=a.specificity, min=0.8, max=0.999, step=0.001, readout_format=".3f",
                                         description="ASSUMPTION: specificity (attentive moments not flagged)",
                                         style=style, layout=layout)
        self.base_rate = w.FloatLogSlider(value=a.base_rate, base=10, min=-3, max=np.log10(0.5), step=0.01,
                                          readout_format=".3f",
                                          description="ASSUMPTION: base rate (share of moments really inattentive)",
                                          style=style, layout=layout)
        self.checks_per_lesson = w.IntSlider(value=a.checks_per_lesson, min=1, max=90,
                                             description="ASSUMPTION: checks per lesson", style=style, layout=layout)
        self.lessons_per_term = w.IntSlider(value=a.lessons_per_term, min=1, max=100,
                                            description="ASSUMPTION: lessons per term", style=style, layout=layout)
        self.class_size = w.IntSlider(value=a.class_size, min=5, max=60, description="ASSUMPTION: pupils in the class",
                                      style=style, layout=layout)
        self.review_at = w.IntSlider(value=a.review_at, min=1, max=60,
                                     description="POLICY: report a pupil after this many flags in a term",
                                     style=style, layout=layout)
        self.controls = (self.sensitivity, self.specificity, self.base_rate, self.checks_per_lesson,
                         self.lessons_per_term, self.class_size, self.review_at)
        self.figure = self._build_figure()
        self.readout = w.HTML()
        super().__init__([*self.controls, self.figure, self.readout])
        for c in self.controls:
            c.observe(self._update, names="value")
        self._update()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> go.FigureWidget:
        fig = make_subplots(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.14,
                            subplot_titles=("One simulated class over a term (SYNTHETIC)",
                                            "How often is a flag right?"))
        fig.add_bar(x=[], y=[], name="false flags (pupil was attentive)", marker_color=FALSE_COLOUR,
                    marker_pattern_shape="/", row=1, col=1,
                    hovertemplate="pupil %{x}: %{y} false flags<extra></extra>")
        fig.add_bar(x=[], y=[], name="true flags (pupil was inattentive)", marker_color=TRUE_COLOUR, row=1, col=1,
                    hovertemplate="pupil %{x}: %{y} true flags<extra></extra>")
        fig.add_scatter(x=[], y=[], mode="lines", name="reported at this many flags",
                        line=dict(color=PALETTE["black"], width=2, dash="dash"), row=1, col=1)
        fig.add_scatter(x=[], y=[], mode="lines", showlegend=False,
                        name="share of flags that are right", line=dict(color=PALETTE["bluish green"], width=3),
                        row=1, col=2, hovertemplate="base rate %{x:.3f}: %{y:.0%} of flags right<extra></extra>")
        fig.add_scatter(x=[], y=[], mode="markers", showlegend=False, name="this base rate",
                        marker=dict(size=14, color=PALETTE["orange"], symbol="diamond",
                                    line=dict(color="black", width=1)), row=1, col=2)
        style_figure(fig, "Illustrative model of an 'attention' camera (all numbers are assumptions)",
                     x_title="pupils in the class (sorted by flags)", y_title="flags in the term", height=480)
        fig.update_layout(barmode="stack", bargap=0.15,
                          legend=dict(y=-0.22, yanchor="top", x=0, xanchor="left"), margin=dict(b=110))
        # An explicit range (in log10 units): autorange on a log axis misplaced the curve after updates.
        fig.update_xaxes(type="log", title_text="base rate: share of moments really inattentive (log scale)",
                         range=[-3, float(np.log10(0.5))], exponentformat="power", row=1, col=2)
        fig.update_yaxes(range=[0, 1.02], tickformat=".0%", title_text="flags that are right (PPV)", row=1, col=2)
        return go.FigureWidget(fig)

    # -- state ------------------------------------------------------------------
    @property
    def assumptions(self) -> DetectorAssumptions:
        return DetectorAssumptions(self.class_size.value, self.sensitivity.value, self.specificity.value,
                                   self.base_rate.value, self.checks_per_lesson.value, self.lessons_per_term.value,
                                   self.review_at.value)

    def outcomes(self) -> TermOutcomes:
        return term_outcomes(self.assumptions)

    @property
    def summary(self) -> str:
        """The figure and its numbers in words (also shown under the figure)."""
        a, o = self.assumptions, self.outcomes()
        true_f, false_f = simulate_class(a)
        share_false = false_f.sum() / max(true_f.sum() + false_f.sum(), 1)
        return (
            f"With {a.checks_per_term:,} checks per pupil in the term, a pupil who is never inattentive is expected "
            f"to be flagged {fmt.number(o.false_flags_always_attentive)} times, and has a "
            f"{fmt.percent(o.always_attentive_reported)} chance of reaching {a.review_at} flags and being reported. "
            f"At a base rate of {a.base_rate:.3f}, {fmt.percent(o.ppv)} of flags are right and "
            f"{fmt.percent(1 - o.ppv)} are false; in a class of {a.class_size}, about "
            f"{o.pupils_reported:.1f} pupils are expected to be reported, {o.pupils_reported_on_false_flags:.1f} "
            f"of them on false flags alone. In the simulated class shown, {int((true_f + false_f >= a.review_at).sum())} "
            f"of {a.class_size} pupils reach {a.review_at} flags, and {fmt.percent(share_false)} of all its flags are "
            "false."
        )

    def _update(self, change=None):
        a = self.assumptions
        o = term_outcomes(a)
        true_f, false_f = simulate_class(a)
        order = np.argsort(-(true_f + false_f), kind="stable")
        pupils = np.arange(1, a.class_size + 1)
        fig = self.figure
        with fig.batch_update():
            fig.data[0].x, fig.data[0].y = pupils, false_f[order]
            fig.data[1].x, fig.data[1].y = pupils, true_f[order]
            fig.data[2].x, fig.data[2].y = [0.5, a.class_size + 0.5], [a.review_at, a.review_at]
            # x and y set together on every update, like the other traces: a trace created with its x
            # and later given only a new y drew without its x in the browser
            fig.data[3].x, fig.data[3].y = _BASE_RATE_AXIS, positive_predictive_value(
                a.sensitivity, a.specificity, _BASE_RATE_AXIS)
            fig.data[4].x, fig.data[4].y = [a.base_rate], [o.ppv]
        self.readout.value = (
            "<div role='status' aria-live='polite' style='font-size:15px;line-height:1.5'>"
            f"<b>False flags per term, pupil never inattentive:</b> {fmt.number(o.false_flags_always_attentive)} &nbsp; "
            f"<b>chance such a pupil is reported:</b> {fmt.percent(o.always_attentive_reported)}<br>"
            f"<b>Flags per pupil per term:</b> {fmt.number(o.true_flags_per_pupil)} true, "
            f"{fmt.number(o.false_flags_per_pupil)} false &nbsp; <b>flags that are right (PPV):</b> {fmt.percent(o.ppv)}<br>"
            f"<b>Pupils reported per class per term (expected):</b> {o.pupils_reported:.1f}, of whom "
            f"{o.pupils_reported_on_false_flags:.1f} on false flags alone<br>"
            f"<small>{self.summary} SYNTHETIC: an illustrative model with your assumptions, not a real system; "
            "checks are treated as independent and every pupil has the same base rate.</small></div>"
        )
