"""Threshold explorer (lesson 02): from a score threshold to people refused and impostors let in."""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import formatting as fmt
from ..models.verification import ScoreModel, check_rate, check_threshold, counter_outcomes
from .style import GENUINE_COLOUR, IMPOSTOR_COLOUR, PALETTE, style_figure

__all__ = ["ThresholdExplorer"]

_SCORES = np.linspace(0.0005, 0.9995, 400)
_DET_THRESHOLDS = np.linspace(0.001, 0.999, 500)
# The left panel's height: the whole curves, or their thin tails (where the errors are) magnified.
# Both are linear, so each shaded area equals its error rate and the two areas can be compared.
HEIGHTS = {"whole curves": 1, "tails, magnified 100× (peaks cut off)": 100}
_PANEL_TITLE = {1: "Score distributions (shaded areas = error rates)",
                100: "Tails magnified 100× (shaded areas = error rates)"}


class ThresholdExplorer(w.VBox):
    """Move the threshold; see the score distributions, the DET curve and the yearly counts.

    The left panel's density axis is linear, so each shaded area *is* an error rate; ``height``
    magnifies it 100× to show the thin tails where the errors are (the peaks are then cut off).

    ``registrations`` (new registrations a year) and ``impostor_share`` (share
    of attempts made with someone else's ID) are assumptions the user sets:
    no public source gives either for China.
    """

    def __init__(self, model: ScoreModel | None = None, threshold: float = 0.70,
                 registrations: float = 100_000_000, impostor_share: float = 0.0001, height: str = "whole curves"):
        self.model = model or ScoreModel()
        check_threshold(threshold)
        if height not in HEIGHTS:
            raise ValueError(f"height must be one of {', '.join(map(repr, HEIGHTS))}; got {height!r}")
        if not 1e5 <= registrations <= 2e9:
            raise ValueError(f"registrations must be between 100,000 and 2,000,000,000 a year; got {registrations}")
        check_rate(impostor_share, "impostor_share")
        if not 1e-6 <= impostor_share <= 0.1:
            raise ValueError(f"impostor_share must be between 0.000001 and 0.1; got {impostor_share}")

        style = {"description_width": "initial"}
        layout = w.Layout(width="560px")
        self.threshold = w.FloatSlider(
            value=threshold, min=0.0, max=1.0, step=0.005, readout_format=".3f",
            description="Threshold (match if score ≥ this)", style=style, layout=layout, continuous_update=True,
        )
        self.registrations = w.FloatLogSlider(
            value=registrations, base=10, min=5, max=9.3, step=0.05, readout_format=".3s",
            description="ASSUMPTION: new registrations per year", style=style, layout=layout,
        )
        self.impostor_share = w.FloatLogSlider(
            value=impostor_share, base=10, min=-6, max=-1, step=0.25, readout_format=".2g",
            description="ASSUMPTION: share of attempts by impostors", style=style, layout=layout,
        )
        self.height = w.Dropdown(options=list(HEIGHTS), value=height, description="Left panel shows",
                                 style=style, layout=w.Layout(width="420px"))
        self.figure = self._build_figure()
        self.readout = w.HTML()
        super().__init__([self.threshold, self.registrations, self.impostor_share, self.height, self.figure,
                          self.readout])
        for control in (self.threshold, self.registrations, self.impostor_share, self.height):
            control.observe(self._update, names="value")
        self._update()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> go.FigureWidget:
        m = self.model
        fig = make_subplots(
            rows=1, cols=2, column_widths=[0.55, 0.45], horizontal_spacing=0.16,
            subplot_titles=(_PANEL_TITLE[1], "Error trade-off (DET curve)"),
        )
        gen_d = m.density(_SCORES, "genuine")
        imp_d = m.density(_SCORES, "impostor")
        fig.add_scatter(x=_SCORES, y=imp_d, name="impostor pairs (different people)",
                        line=dict(color=IMPOSTOR_COLOUR, width=2, dash="dash"), row=1, col=1)
        fig.add_scatter(x=_SCORES, y=gen_d, name="genuine pairs (same person)",
                        line=dict(color=GENUINE_COLOUR, width=2), row=1, col=1)
        # shaded error areas, filled in by _update
        fig.add_scatter(x=[], y=[], fill="tozeroy", mode="none", name="false matches",
                        fillcolor="rgba(213,94,0,0.45)", row=1, col=1)
        fig.add_scatter(x=[], y=[], fill="tozeroy", mode="none", name="false non-matches",
                        fillcolor="rgba(0,114,178,0.35)", row=1, col=1)
        fmr = m.fmr(_DET_THRESHOLDS)
        fnmr = m.fnmr(_DET_THRESHOLDS)
        keep = (fmr > 1e-12) & (fnmr > 1e-12)
        fig.add_scatter(x=fmr[keep], y=fnmr[keep], name="all thresholds", showlegend=False,
                        line=dict(color=PALETTE["black"], width=2), row=1, col=2,
                        hovertemplate="FMR %{x:.2g}<br>FNMR %{y:.2g}<extra></extra>")
        fig.add_scatter(x=[], y=[], mode="markers", name="this threshold", showlegend=False,
                        marker=dict(size=14, color=PALETTE["orange"], symbol="diamond",
                                    line=dict(color="black", width=1)), row=1, col=2)
        fig.add_vline(x=0.7, line=dict(color="black", width=2), row=1, col=1)
        style_figure(fig, "Illustrative model: where one threshold puts the errors",
                     x_title="comparison score (0-1)", y_title="density (linear scale)",
                     height=480)
        fig.update_xaxes(range=[0, 1], row=1, col=1)
        # A linear axis, never a log one: an area under a density is then a share of comparisons.
        self._peak = float(max(gen_d.max(), imp_d.max())) * 1.05
        fig.update_yaxes(type="linear", rangemode="tozero", row=1, col=1)
        fig.update_xaxes(type="log", title_text="false match rate (log scale)", range=[-10, 0],
                         exponentformat="power", dtick=2, row=1, col=2)
        fig.update_yaxes(type="log", title_text="false non-match rate (log scale)", range=[-6, 0],
                         exponentformat="power", dtick=1, row=1, col=2)
        fig.update_layout(legend=dict(y=-0.22, yanchor="top", x=0, xanchor="left"), margin=dict(b=110))
        return go.FigureWidget(fig)

    # -- state ------------------------------------------------------------------
    def rates(self) -> tuple[float, float]:
        """(FMR, FNMR) at the current threshold, under the model."""
        t = self.threshold.value
        return float(self.model.fmr(t)), float(self.model.fnmr(t))

    def outcome(self):
        fmr, fnmr = self.rates()
        return counter_outcomes(self.registrations.value, self.impostor_share.value, fmr, fnmr)

    @property
    def summary(self) -> str:
        """The figure and its numbers in words (also shown under the figure)."""
        t = self.threshold.value
        fmr, fnmr = self.rates()
        o = self.outcome()
        zoom = HEIGHTS[self.height.value]
        view = "the whole curves" if zoom == 1 else f"the tails magnified {zoom}×, peaks cut off"
        return (
            f"At threshold {t:.3f}, the model's false match rate is {fmr_text(fmr)} and its false non-match "
            f"rate is {fmt.percent(fnmr)}: in the left panel ({view}) each shaded area is one of these rates. "
            f"With {fmt.people(o.registrations)} registrations a year and "
            f"{fmt.one_in(o.impostor_share)} attempts made by an impostor (both assumptions), that is "
            f"{fmt.people(o.genuine_refused)} genuine customers refused at the first attempt and "
            f"{fmt.people(o.impostors_accepted)} impostors accepted each year."
        )

    def _update(self, change=None):
        t = self.threshold.value
        fmr, fnmr = self.rates()
        fig = self.figure
        above = _SCORES >= t
        with fig.batch_update():
            fig.data[2].x = np.concatenate([[t], _SCORES[above]])
            fig.data[2].y = np.concatenate([[float(self.model.density(t, "impostor"))], fig.data[0].y[above]])
            fig.data[3].x = np.concatenate([_SCORES[~above], [t]])
            fig.data[3].y = np.concatenate([fig.data[1].y[~above], [float(self.model.density(t, "genuine"))]])
            fig.data[5].x = [max(fmr, 1e-12)]
            fig.data[5].y = [max(fnmr, 1e-12)]
            fig.layout.shapes[0].x0 = t
            fig.layout.shapes[0].x1 = t
            magnified = HEIGHTS[self.height.value]
            fig.layout.yaxis.range = [0, self._peak / magnified]
            fig.layout.annotations[0].text = _PANEL_TITLE[magnified]
        o = self.outcome()
        self.readout.value = (
            "<div role='status' aria-live='polite' style='font-size:15px;line-height:1.5'>"
            f"<b>False match rate:</b> {fmr_text(fmr)} &nbsp; "
            f"<b>False non-match rate:</b> {fmt.percent(fnmr)}<br>"
            f"<b>Genuine customers refused per year:</b> {fmt.people(o.genuine_refused)} &nbsp; "
            f"<b>Impostors accepted per year:</b> {fmt.people(o.impostors_accepted)}<br>"
            f"<small>{self.summary} Scores are synthetic (illustrative model, not a real system).</small></div>"
        )


def fmr_text(fmr: float) -> str:
    return f"{fmt.percent(fmr)} ({fmt.one_in(fmr)})" if fmr > 0 else "0"
