"""Attention-detector explorer (lesson 05): what a classroom "attention" camera's flags are worth, and whose they are.

The model is :mod:`facecourse.models.attention`; this file is its controls and figure.

An ILLUSTRATIVE, SYNTHETIC model, not any real system.  Pupils differ: most
watch the board, some look down to write notes, some look away to think, some
really drift off (:data:`~facecourse.models.attention.PUPIL_KINDS`, all
assumptions).  The student sets the camera's accuracy, what it can tell apart
(inattention itself, or only head and gaze), how often it checks, and the
school's reporting rule, and sees one simulated class, the expected flags of
each kind of pupil, and the share of flags that are right.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import formatting as fmt
from ..models.attention import (
    CAMERA_SEES,
    PUPIL_KINDS,
    DetectorAssumptions,
    TermOutcomes,
    class_ppv,
    simulate_class,
    term_outcomes,
)
from .style import PALETTE, style_figure

__all__ = ["AttentionDetectorExplorer"]

FALSE_COLOUR = PALETTE["vermillion"]
TRUE_COLOUR = PALETTE["blue"]
_BASE_RATE_AXIS = np.logspace(-3, np.log10(0.5), 200)
_KIND_NAMES = [k.name for k in PUPIL_KINDS]
# Tick labels under the groups of bars, broken so that a group of four pupils has room for its name.
_KIND_TICKS = [k.name.replace(" ", "<br>", 1) for k in PUPIL_KINDS]


def _chance(p: float) -> str:
    """A chance in words and in the readout table: whole percents, with "under 1%" and "over 99%" at the ends."""
    if 0 < p < 0.005:
        return "under 1%"
    if 0.995 < p < 1:
        return "over 99%"
    return f"{p:.0%}"


class AttentionDetectorExplorer(w.VBox):
    """Set the camera, the class's habits and the school's rule; see who is flagged, and how often rightly."""

    def __init__(self, class_size: int = 30, sensitivity: float = 0.80, specificity: float = 0.98,
                 base_rate: float = 0.05, drift_rate: float = 0.30, checks_per_lesson: int = 10,
                 lessons_per_term: int = 40, report_share: float = 0.10, camera_sees: str = CAMERA_SEES[0]):
        a = DetectorAssumptions(class_size, sensitivity, specificity, base_rate, drift_rate, checks_per_lesson,
                                lessons_per_term, report_share, camera_sees)
        style = {"description_width": "initial"}
        layout = w.Layout(width="600px")
        self.camera_sees = w.ToggleButtons(options=list(CAMERA_SEES), value=a.camera_sees,
                                           description="ASSUMPTION: what the camera sees",
                                           tooltips=["generous: it tells real inattention from writing or thinking",
                                                     "what it sees: a head looking down or eyes away from the board"],
                                           style=style)
        self.sensitivity = w.FloatSlider(value=a.sensitivity, min=0.5, max=1.0, step=0.01, readout_format=".2f",
                                         description="ASSUMPTION: sensitivity (inattentive moments flagged)",
                                         style=style, layout=layout)
        self.specificity = w.FloatSlider(value=a.specificity, min=0.8, max=0.999, step=0.001, readout_format=".3f",
                                         description="ASSUMPTION: specificity (eyes-on-board moments not flagged)",
                                         style=style, layout=layout)
        self.base_rate = w.FloatLogSlider(value=a.base_rate, base=10, min=-3, max=np.log10(0.5), step=0.01,
                                          readout_format=".3f",
                                          description="ASSUMPTION: base rate, most pupils (moments really inattentive)",
                                          style=style, layout=layout)
        self.drift_rate = w.FloatSlider(value=a.drift_rate, min=0.01, max=0.9, step=0.01, readout_format=".2f",
                                        description="ASSUMPTION: base rate, pupils who drift off",
                                        style=style, layout=layout)
        self.checks_per_lesson = w.IntSlider(value=a.checks_per_lesson, min=1, max=90,
                                             description="ASSUMPTION: checks per lesson", style=style, layout=layout)
        self.lessons_per_term = w.IntSlider(value=a.lessons_per_term, min=1, max=100,
                                            description="ASSUMPTION: lessons per term", style=style, layout=layout)
        self.class_size = w.IntSlider(value=a.class_size, min=5, max=60, description="ASSUMPTION: pupils in the class",
                                      style=style, layout=layout)
        self.report_share = w.FloatSlider(value=a.report_share, min=0.01, max=0.5, step=0.01, readout_format=".0%",
                                          description="POLICY: report a pupil flagged at this share of checks",
                                          style=style, layout=layout)
        self.controls = (self.camera_sees, self.sensitivity, self.specificity, self.base_rate, self.drift_rate,
                         self.checks_per_lesson, self.lessons_per_term, self.class_size, self.report_share)
        self.figure = self._build_figure()
        self.readout = w.HTML()
        super().__init__([*self.controls, self.figure, self.readout])
        for c in self.controls:
            c.observe(self._update, names="value")
        self._update()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> go.FigureWidget:
        fig = make_subplots(rows=2, cols=2, specs=[[{"colspan": 2}, None], [{}, {}]], row_heights=[0.5, 0.5],
                            column_widths=[0.55, 0.45], horizontal_spacing=0.2, vertical_spacing=0.24,
                            subplot_titles=("One simulated class over a term (SYNTHETIC), pupils grouped by kind",
                                            "Flags per pupil in a term, by kind (expected)",
                                            "How often is a flag right?"))
        # 0-2: the simulated class; 3-4: the share of flags that are right; 5-7: flags by kind
        fig.add_bar(x=[], y=[], name="false flags (pupil was attentive)", marker_color=FALSE_COLOUR,
                    marker_pattern_shape="/", row=1, col=1,
                    hovertemplate="pupil %{x}: %{y} false flags<extra></extra>")
        fig.add_bar(x=[], y=[], name="true flags (pupil was inattentive)", marker_color=TRUE_COLOUR, row=1, col=1,
                    hovertemplate="pupil %{x}: %{y} true flags<extra></extra>")
        fig.add_scatter(x=[], y=[], mode="lines", name="reported at this many flags",
                        line=dict(color=PALETTE["black"], width=2, dash="dash"), row=1, col=1)
        fig.add_scatter(x=[], y=[], mode="lines", showlegend=False,
                        name="share of flags that are right", line=dict(color=PALETTE["bluish green"], width=3),
                        row=2, col=2, hovertemplate="base rate %{x:.3f}: %{y:.0%} of flags right<extra></extra>")
        fig.add_scatter(x=[], y=[], mode="markers", showlegend=False, name="this base rate",
                        marker=dict(size=14, color=PALETTE["orange"], symbol="diamond",
                                    line=dict(color="black", width=1)), row=2, col=2)
        fig.add_bar(x=[], y=[], orientation="h", showlegend=False, name="false flags per pupil (expected)",
                    marker_color=FALSE_COLOUR, marker_pattern_shape="/", row=2, col=1,
                    hovertemplate="%{y}: %{x:.1f} false flags per pupil<extra></extra>")
        fig.add_bar(x=[], y=[], orientation="h", showlegend=False, name="true flags per pupil (expected)",
                    marker_color=TRUE_COLOUR, row=2, col=1,
                    hovertemplate="%{y}: %{x:.1f} true flags per pupil<extra></extra>")
        fig.add_scatter(x=[], y=[], mode="lines", showlegend=False, name="reported at this many flags (by kind)",
                        line=dict(color=PALETTE["black"], width=2, dash="dash"), row=2, col=1)
        style_figure(fig, "Illustrative model of an 'attention' camera (all numbers are assumptions)",
                     x_title="pupils in the class, grouped by kind", y_title="flags in the term", height=860)
        fig.update_layout(barmode="stack", bargap=0.15,
                          legend=dict(y=-0.12, yanchor="top", x=0, xanchor="left"), margin=dict(b=110, l=150))
        fig.update_xaxes(title_text="flags per pupil in the term", row=2, col=1)
        fig.update_yaxes(title_text="kind of pupil", categoryorder="array", categoryarray=_KIND_NAMES[::-1],
                         row=2, col=1)
        # An explicit range (in log10 units): autorange on a log axis misplaced the curve after updates.
        fig.update_xaxes(type="log", title_text="base rate, most pupils (log scale)", dtick=1,
                         range=[-3, float(np.log10(0.5))], exponentformat="power", row=2, col=2)
        fig.update_xaxes(tickangle=0, row=1, col=1)
        fig.update_yaxes(range=[0, 1.02], tickformat=".0%", title_text="flags that are right (PPV)", row=2, col=2)
        return go.FigureWidget(fig)

    # -- state ------------------------------------------------------------------
    @property
    def assumptions(self) -> DetectorAssumptions:
        return DetectorAssumptions(self.class_size.value, self.sensitivity.value, self.specificity.value,
                                   self.base_rate.value, self.drift_rate.value, self.checks_per_lesson.value,
                                   self.lessons_per_term.value, self.report_share.value, self.camera_sees.value)

    def outcomes(self) -> TermOutcomes:
        return term_outcomes(self.assumptions)

    @property
    def summary(self) -> str:
        """The figure and its numbers in words (also shown under the figure)."""
        a = self.assumptions
        return self._describe(a, term_outcomes(a), simulate_class(a))

    @staticmethod
    def _describe(a: DetectorAssumptions, o: TermOutcomes, simulated) -> str:
        kinds = [k for k in o.by_kind if k.pupils]
        reported = "; ".join(f"{k.kind.who}, {k.reported * k.pupils:.1f} of {k.pupils}" for k in kinds)
        by_false = sorted(kinds, key=lambda k: -k.false_flags)
        if len(by_false) > 1 and by_false[1].false_flags > 0.95 * by_false[0].false_flags:
            false_flags = (f"false flags fall about equally on every kind of pupil who is attentive most of the time "
                           f"(up to {fmt.number(by_false[0].false_flags)} a term each)")
        else:
            false_flags = (f"per pupil, the most false flags go to {by_false[0].kind.who} "
                           f"({fmt.number(by_false[0].false_flags)} a term each)")
        _, true_f, false_f = simulated
        return (
            f"Assumption: the camera sees {a.camera_sees}. With {a.checks_per_term:,} checks per pupil in "
            f"the term, a pupil who is never inattentive and always watches the board is expected to be flagged "
            f"{fmt.number(o.false_flags_always_attentive)} times; its chance of reaching {o.flags_to_report} flags "
            f"and being reported is {_chance(o.always_attentive_reported)}. At a base rate of {a.base_rate:.3f} for "
            f"most pupils, {fmt.percent(o.ppv)} of the class's flags are right. Pupils expected to be reported, by "
            f"kind: {reported}; {o.pupils_reported_because_of_false_flags:.1f} of them only because of false flags "
            f"(their true flags alone would not reach the rule); {false_flags}. In the simulated class shown, "
            f"{int((true_f + false_f >= o.flags_to_report).sum())} of {a.class_size} pupils reach "
            f"{o.flags_to_report} flags."
        )

    def _update(self, change=None):
        a = self.assumptions
        o = term_outcomes(a)
        simulated = kind, true_f, false_f = simulate_class(a)
        # kind by kind, each sorted by flags (most first)
        order = np.lexsort((-(true_f + false_f), kind))
        pupils = np.arange(1, a.class_size + 1)
        present = [k for k in range(len(PUPIL_KINDS)) if (kind == k).any()]
        centres = [float(pupils[kind[order] == k].mean()) for k in present]
        by_kind = [k for k in o.by_kind if k.pupils]
        names = [k.kind.name for k in by_kind]
        fig = self.figure
        with fig.batch_update():
            fig.data[0].x, fig.data[0].y = pupils, false_f[order]
            fig.data[1].x, fig.data[1].y = pupils, true_f[order]
            fig.data[2].x, fig.data[2].y = [0.5, a.class_size + 0.5], [o.flags_to_report] * 2
            # x and y set together on every update, like the other traces: a trace created with its x
            # and later given only a new y drew without its x in the browser
            fig.data[3].x, fig.data[3].y = _BASE_RATE_AXIS, class_ppv(a, _BASE_RATE_AXIS)
            fig.data[4].x, fig.data[4].y = [a.base_rate], [o.ppv]
            fig.data[5].x, fig.data[5].y = [k.false_flags for k in by_kind], names
            fig.data[6].x, fig.data[6].y = [k.true_flags for k in by_kind], names
            fig.data[7].x, fig.data[7].y = [o.flags_to_report] * 2, [names[0], names[-1]]
            if tuple(fig.layout.xaxis.tickvals or ()) != tuple(centres):  # only when the class size changes
                fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext = centres, [_KIND_TICKS[k] for k in present]
        cell = "<td style='padding:0 10px'>{}</td>"
        # the header cells need the same padding, or their words run together
        head = "<th scope='col' style='padding:0 10px;vertical-align:bottom'>{}</th>"
        rows = "".join(
            "<tr>" + "".join(cell.format(v) for v in (
                html.escape(k.kind.name), k.pupils, fmt.number(k.true_flags), fmt.number(k.false_flags),
                f"{k.ppv:.0%}", _chance(k.reported), _chance(k.reported_because_of_false_flags))) + "</tr>"
            for k in o.by_kind)
        self.readout.value = (
            "<div role='status' aria-live='polite' style='font-size:15px;line-height:1.5'>"
            f"<b>Reported at:</b> {o.flags_to_report} flags in {a.checks_per_term:,} checks &nbsp; "
            f"<b>flags that are right (PPV), whole class:</b> {fmt.percent(o.ppv)} &nbsp; "
            f"<b>pupils reported (expected):</b> {o.pupils_reported:.1f} of {a.class_size}, "
            f"{o.pupils_reported_because_of_false_flags:.1f} only because of false flags<br>"
            "<table style='border-collapse:collapse;margin:4px 0;text-align:left'><caption style='text-align:left'>Each kind of "
            "pupil (ILLUSTRATIVE): flags per pupil in a term, expected</caption><thead><tr>"
            + "".join(head.format(h) for h in ("kind", "pupils", "true flags", "false flags", "flags right",
                                               "chance reported", "reported only because of false flags"))
            + f"</tr></thead><tbody>{rows}</tbody></table>"
            f"<small>{self._describe(a, o, simulated)} SYNTHETIC: an illustrative model with your assumptions, not a real system; the "
            "kinds of pupil and their habits are assumptions too, and checks are treated as independent.</small></div>"
        )
