"""Demographic-differentials explorer (lesson 03): one global threshold or per-group thresholds.

The model -- three illustrative groups (invented parameters, no real labels), the three ways to set
thresholds, worst/best ratios -- is :mod:`facecourse.models.differentials`.  The figure shows each
group's DET curve with its operating point, and the genuine customers refused per year in each
group at national scale, under assumed registrations and assumed group shares (both labelled
ASSUMPTION).
"""

from __future__ import annotations

import math

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import formatting as fmt
from ..models.differentials import (
    DEFAULT_GROUP_SHARES,
    ILLUSTRATIVE_GROUPS,
    MODES,
    group_thresholds,
    ratio_text,
    worst_best_ratio,
)
from ..models.verification import ScoreModel, check_rate, check_threshold, counter_outcomes
from .style import PALETTE, style_figure

__all__ = ["DifferentialsExplorer", "GROUP_COLOURS"]

GROUP_COLOURS = {"A": PALETTE["blue"], "B": PALETTE["vermillion"], "C": PALETTE["bluish green"]}
GROUP_SYMBOLS = {"A": "circle", "B": "diamond", "C": "square"}
_DET_THRESHOLDS = np.linspace(0.001, 0.999, 500)
_TINY = 1e-12  # plotted in place of 0 on log axes


class DifferentialsExplorer(w.VBox):
    """Three illustrative groups: see FMR and FNMR per group, their worst/best ratios, and people affected.

    ``registrations`` (new registrations a year), ``impostor_share`` (share of
    attempts made with someone else's ID) and the groups' shares of
    registrations are assumptions the user sets: no source gives them.
    Impostor attempts against a group's IDs are assumed to be made by people
    of the same group (also an assumption).
    """

    def __init__(self, models: dict[str, ScoreModel] | None = None, mode: str = MODES[0],
                 threshold: float = 0.755, target_fmr: float = 1e-6, target_fnmr: float = 0.01,
                 registrations: float = 100_000_000, impostor_share: float = 0.0001,
                 share_b: float = DEFAULT_GROUP_SHARES["B"], share_c: float = DEFAULT_GROUP_SHARES["C"]):
        self.models = dict(models or ILLUSTRATIVE_GROUPS)
        if list(self.models) != ["A", "B", "C"]:
            raise ValueError(f"models must be a dict with the keys 'A', 'B', 'C' in that order; got {list(self.models)}")
        if any(not isinstance(m, ScoreModel) for m in self.models.values()):
            raise ValueError("every model must be a facecourse.models.verification.ScoreModel")
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose one of: {', '.join(MODES)}")
        check_threshold(threshold)
        check_rate(target_fmr, "target_fmr")
        if not 1e-9 <= target_fmr <= 1e-2:
            raise ValueError(f"target_fmr must be between 0.000000001 and 0.01; got {target_fmr}")
        check_rate(target_fnmr, "target_fnmr")
        if not 1e-4 <= target_fnmr <= 0.3:
            raise ValueError(f"target_fnmr must be between 0.0001 and 0.3; got {target_fnmr}")
        if not 1e5 <= registrations <= 2e9:
            raise ValueError(f"registrations must be between 100,000 and 2,000,000,000 a year; got {registrations}")
        check_rate(impostor_share, "impostor_share")
        if not 1e-6 <= impostor_share <= 0.1:
            raise ValueError(f"impostor_share must be between 0.000001 and 0.1; got {impostor_share}")
        for name, share in (("share_b", share_b), ("share_c", share_c)):
            check_rate(share, name)
            if share > 0.5:
                raise ValueError(f"{name} must be between 0 and 0.5 (group A gets the rest); got {share}")

        style = {"description_width": "initial"}
        layout = w.Layout(width="600px")
        self.mode = w.ToggleButtons(options=list(MODES), value=mode, description="Thresholds",
                                    tooltips=["the same threshold for every group",
                                              "a threshold per group, each giving the target FMR",
                                              "a threshold per group, each giving the target FNMR"],
                                    style={"description_width": "initial", "button_width": "190px"})
        self.threshold = w.FloatSlider(value=threshold, min=0.0, max=1.0, step=0.005, readout_format=".3f",
                                       description="Global threshold (match if score ≥ this)", style=style,
                                       layout=layout)
        self.target_fmr = w.FloatLogSlider(value=target_fmr, base=10, min=-9, max=-2, step=0.25,
                                           readout_format=".1e", description="Target FMR for every group",
                                           style=style, layout=layout)
        self.target_fnmr = w.FloatLogSlider(value=target_fnmr, base=10, min=-4, max=math.log10(0.3), step=0.125,
                                            readout_format=".2%", description="Target FNMR for every group",
                                            style=style, layout=layout)
        self.registrations = w.FloatLogSlider(value=registrations, base=10, min=5, max=9.3, step=0.05,
                                              readout_format=".3s",
                                              description="ASSUMPTION: new registrations per year",
                                              style=style, layout=layout)
        self.impostor_share = w.FloatLogSlider(value=impostor_share, base=10, min=-6, max=-1, step=0.25,
                                               readout_format=".2g",
                                               description="ASSUMPTION: share of attempts by impostors",
                                               style=style, layout=layout)
        self.share_b = w.FloatSlider(value=share_b, min=0.0, max=0.5, step=0.01, readout_format=".0%",
                                     description="ASSUMPTION: group B's share of registrations",
                                     style=style, layout=layout)
        self.share_c = w.FloatSlider(value=share_c, min=0.0, max=0.5, step=0.01, readout_format=".0%",
                                     description="ASSUMPTION: group C's share of registrations",
                                     style=style, layout=layout)
        self.controls = (self.mode, self.threshold, self.target_fmr, self.target_fnmr,
                         self.registrations, self.impostor_share, self.share_b, self.share_c)
        self.figure = self._build_figure()
        self.readout = w.HTML()
        super().__init__([*self.controls, self.figure, self.readout])
        for control in self.controls:
            control.observe(self._update, names="value")
        self._update()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> go.FigureWidget:
        fig = make_subplots(rows=1, cols=2, column_widths=[0.55, 0.45], horizontal_spacing=0.14,
                            subplot_titles=("Error trade-off per group (DET curves)",
                                            "Genuine customers refused per year"))
        for g, m in self.models.items():  # traces 0-2: the curves
            fmr, fnmr = m.fmr(_DET_THRESHOLDS), m.fnmr(_DET_THRESHOLDS)
            keep = (fmr > _TINY) & (fnmr > _TINY)
            fig.add_scatter(x=fmr[keep], y=fnmr[keep], name=f"group {g}", legendgroup=g,
                            line=dict(color=GROUP_COLOURS[g], width=2, dash=("solid", "dash", "dot")["ABC".index(g)]),
                            hovertemplate=f"group {g}<br>FMR %{{x:.2g}}<br>FNMR %{{y:.2g}}<extra></extra>",
                            row=1, col=1)
        for g in self.models:  # traces 3-5: the operating points
            fig.add_scatter(x=[], y=[], mode="markers", name=f"group {g}: operating point", legendgroup=g,
                            showlegend=False,
                            marker=dict(size=14, color=GROUP_COLOURS[g], symbol=GROUP_SYMBOLS[g],
                                        line=dict(color=PALETTE["black"], width=1)),
                            hovertemplate=f"group {g} here<br>FMR %{{x:.2g}}<br>FNMR %{{y:.2g}}<extra></extra>",
                            row=1, col=1)
        # trace 6: the target line (vertical for equal FMR, horizontal for equal FNMR, empty for global)
        fig.add_scatter(x=[], y=[], mode="lines", name="target", showlegend=False,
                        line=dict(color=PALETTE["black"], width=1, dash="dot"), row=1, col=1)
        # trace 7: people refused per group
        fig.add_bar(x=[f"group {g}" for g in self.models], y=[0, 0, 0], name="refused per year", showlegend=False,
                    marker=dict(color=[GROUP_COLOURS[g] for g in self.models],
                                line=dict(color=PALETTE["black"], width=1)),
                    text=["", "", ""], textposition="outside", cliponaxis=False,
                    hovertemplate="%{x}: %{y:,.0f} refused per year<extra></extra>", row=1, col=2)
        style_figure(fig, "Illustrative groups (SYNTHETIC): who gets the errors",
                     x_title="false match rate (log scale)", y_title="false non-match rate (log scale)", height=480)
        fig.update_xaxes(type="log", range=[-10, -1], exponentformat="power", dtick=2, row=1, col=1)
        fig.update_yaxes(type="log", range=[-5, 0], exponentformat="power", dtick=1, row=1, col=1)
        fig.update_xaxes(title_text="illustrative group", row=1, col=2)
        fig.update_yaxes(title_text="people refused per year (first attempt)", rangemode="tozero", row=1, col=2)
        fig.update_layout(legend=dict(y=-0.2, yanchor="top", x=0, xanchor="left"), margin=dict(b=100))
        return go.FigureWidget(fig)

    # -- state ------------------------------------------------------------------
    def shares(self) -> dict[str, float]:
        """Each group's share of registrations (ASSUMPTION): B and C as set, A the rest."""
        b, c = self.share_b.value, self.share_c.value
        return {"A": max(0.0, 1.0 - b - c), "B": b, "C": c}

    def thresholds(self) -> dict[str, float]:
        return group_thresholds(self.models, self.mode.value, self.threshold.value,
                                self.target_fmr.value, self.target_fnmr.value)

    def rates(self) -> dict[str, dict[str, float]]:
        """``{"fmr": {group: rate}, "fnmr": {group: rate}}`` at the current thresholds."""
        t = self.thresholds()
        return {"fmr": {g: float(m.fmr(t[g])) for g, m in self.models.items()},
                "fnmr": {g: float(m.fnmr(t[g])) for g, m in self.models.items()}}

    def outcomes(self) -> dict:
        """Expected yearly outcomes per group (facecourse.models.verification.CounterOutcome)."""
        r, shares = self.rates(), self.shares()
        return {g: counter_outcomes(self.registrations.value * shares[g], self.impostor_share.value,
                                    r["fmr"][g], r["fnmr"][g]) for g in self.models}

    def ratios(self) -> dict[str, tuple[float, str, str]]:
        """Worst/best ratio of each error rate across the groups, with the worst and best group."""
        r = self.rates()
        return {"fmr": worst_best_ratio(r["fmr"]), "fnmr": worst_best_ratio(r["fnmr"])}

    @property
    def summary(self) -> str:
        """The figure and its numbers in words (also shown under the figure)."""
        mode = self.mode.value
        r, q, o = self.rates(), self.ratios(), self.outcomes()
        if mode == MODES[0]:
            how = f"With one global threshold of {self.threshold.value:.3f}"
        elif mode == MODES[1]:
            how = f"With per-group thresholds chosen so every group's FMR is {fmt.one_in(self.target_fmr.value)}"
        else:
            how = f"With per-group thresholds chosen so every group's FNMR is {fmt.percent(self.target_fnmr.value)}"
        parts = []
        for key, name, show in (("fmr", "false match rate", fmt.one_in), ("fnmr", "false non-match rate", fmt.percent)):
            ratio, worst, best = q[key]
            if ratio < 1.005:
                parts.append(f"the {name} is the same in every group ({show(r[key][worst])})")
            else:
                parts.append(f"the {name} is worst in group {worst} ({show(r[key][worst])}) and best in group {best} "
                             f"({show(r[key][best])}), a ratio of {ratio_text(ratio)}")
        refused = sum(x.genuine_refused for x in o.values())
        return (
            f"{how}, {parts[0]}; {parts[1]}. With {fmt.people(self.registrations.value)} registrations a year and the "
            f"assumed group "
            f"shares (both assumptions), {fmt.people(refused)} genuine customers are refused at the first attempt "
            f"each year, of whom {fmt.people(o['B'].genuine_refused)} in group B and "
            f"{fmt.people(o['C'].genuine_refused)} in group C."
        )

    def _update(self, change=None):
        mode = self.mode.value
        self.threshold.disabled = mode != MODES[0]
        self.target_fmr.disabled = mode != MODES[1]
        self.target_fnmr.disabled = mode != MODES[2]
        t, r, o, shares = self.thresholds(), self.rates(), self.outcomes(), self.shares()
        refused = [o[g].genuine_refused for g in self.models]
        fig = self.figure
        with fig.batch_update():
            for i, g in enumerate(self.models):
                fig.data[3 + i].x = [max(r["fmr"][g], _TINY)]
                fig.data[3 + i].y = [max(r["fnmr"][g], _TINY)]
            if mode == MODES[1]:
                fig.data[6].x, fig.data[6].y = [self.target_fmr.value] * 2, [1e-5, 1.0]
            elif mode == MODES[2]:
                fig.data[6].x, fig.data[6].y = [1e-10, 0.1], [self.target_fnmr.value] * 2
            else:
                fig.data[6].x, fig.data[6].y = [], []
        # The bars in a message of their own: batched with traces whose x changed, the bars' unchanged x went
        # to the browser as "undefined" and plotly.js dropped it (the bars were labelled 0, 1, 2).
        with fig.batch_update():
            fig.data[7].y, fig.data[7].text = refused, [fmt.people(n) for n in refused]
        q = self.ratios()
        rows = "".join(
            f"<tr><td>group {g}</td><td>{fmt.percent(shares[g])}</td><td>{t[g]:.3f}</td>"
            f"<td>{_fmr_text(r['fmr'][g])}</td><td>{fmt.percent(r['fnmr'][g])}</td>"
            f"<td>{fmt.people(o[g].genuine_refused)}</td><td>{fmt.people(o[g].impostors_accepted)}</td></tr>"
            for g in self.models
        )
        self.readout.value = (
            "<div role='status' aria-live='polite' style='font-size:14px;line-height:1.5'>"
            "<table style='border-collapse:collapse'><caption style='text-align:left'>"
            "Per group, at the current thresholds (illustrative groups, SYNTHETIC scores)</caption>"
            "<tr><th>group</th><th>share of registrations (ASSUMPTION)</th><th>threshold</th><th>FMR</th>"
            "<th>FNMR</th><th>genuine customers refused per year</th><th>impostors accepted per year</th></tr>"
            f"{rows}</table>"
            f"<b>Worst/best FMR ratio:</b> {_ratio_line(q['fmr'])} &nbsp; "
            f"<b>Worst/best FNMR ratio:</b> {_ratio_line(q['fnmr'])}<br>"
            f"<small>{self.summary} The groups and their scores are invented for teaching, not measurements of any "
            "real system or real group.</small></div>"
        )


def _ratio_line(q: tuple[float, str, str]) -> str:
    ratio, worst, best = q
    return ratio_text(ratio) if ratio < 1.005 else f"{ratio_text(ratio)} (group {worst} vs group {best})"


def _fmr_text(fmr: float) -> str:
    return f"{fmt.one_in(fmr)}" if fmr > 0 else "0"
