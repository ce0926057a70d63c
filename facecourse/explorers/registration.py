"""Real-name registration explorers (lesson 01).

* :class:`SubscriptionsExplorer` — China's mobile subscriptions against its population, in millions or per
  100 people, with an ASSUMPTION slider for subscriptions per phone user (why "more than one per person" does
  not mean "everyone has a phone").
* :class:`SimRegistrationExplorer` — the countries the course's sources name, filtered by registration policy
  and by the biometrics collected, each with its source.
"""

from __future__ import annotations

import html
import textwrap

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..data import SIM_BIOMETRICS, SIM_POLICIES, load_dataset
from ..data.world_counts import WORLD_COUNTS
from .style import PALETTE, style_figure

__all__ = ["SubscriptionsExplorer", "SimRegistrationExplorer", "ALL",
           "MILLIONS", "PER_100"]

ALL = "All"
MILLIONS = "millions"
PER_100 = "per 100 people"

_SYMBOL = {"VERIFIED": "circle", "LIKELY": "circle-open"}
_Y_RANGE = {MILLIONS: [0, 1900], PER_100: [0, 135]}
_Y_TITLE = {MILLIONS: "subscriptions or people (millions)", PER_100: "per 100 people"}


class SubscriptionsExplorer(w.VBox):
    """Subscriptions and population by year; switch between millions and per 100 people.

    ``subscriptions_per_user`` is an ASSUMPTION (no source in the course gives it): the average number of
    subscriptions held by each person who has at least one.  Dividing subscriptions by it gives the number of
    phone users it implies, which the figure draws as a dashed line.
    """

    def __init__(self, subscriptions: pd.DataFrame | None = None, population: pd.DataFrame | None = None,
                 view: str = MILLIONS, subscriptions_per_user: float = 1.0, include_derived: bool = True):
        subs = subscriptions if subscriptions is not None else load_dataset("china_mobile_subscriptions")
        pop = population if population is not None else load_dataset("china_population")
        if view not in (MILLIONS, PER_100):
            raise ValueError(f"view must be {MILLIONS!r} or {PER_100!r}; got {view!r}")
        if not 1.0 <= subscriptions_per_user <= 2.5:
            raise ValueError("subscriptions_per_user must be between 1.0 and 2.5 (each phone user holds at least "
                             f"one subscription); got {subscriptions_per_user}")
        if not isinstance(include_derived, bool):
            raise ValueError(f"include_derived must be True or False; got {include_derived!r}")
        self.subscriptions = subs.sort_values("year").reset_index(drop=True)
        self.population = pop.sort_values("year").reset_index(drop=True)
        # numpy columns, so that an update is a few vectorised operations
        self._year = self.subscriptions["year"].to_numpy(dtype=float)
        self._subs = self.subscriptions["subscriptions_millions"].to_numpy(dtype=float)
        self._per100 = self.subscriptions["per_100_people"].to_numpy(dtype=float)
        self._verified = (self.subscriptions["confidence"] == "VERIFIED").to_numpy()
        self._symbols = np.array([_SYMBOL[c] for c in self.subscriptions["confidence"]])
        self._pop_year = self.population["year"].to_numpy(dtype=float)
        self._pop = self.population["population_millions"].to_numpy(dtype=float)
        self._pop_label = np.array([f"{m} (NBS)" for m in self.population["measure"]])
        subs_by_year = dict(zip(self._year, self._subs))
        self._pop_subs = np.array([subs_by_year.get(y, np.nan) for y in self._pop_year])

        style = {"description_width": "initial"}
        self.view = w.ToggleButtons(options=[MILLIONS, PER_100], value=view, description="Show",
                                    style=style, tooltips=["counts in millions", "per 100 people"])
        self.subscriptions_per_user = w.FloatSlider(
            value=subscriptions_per_user, min=1.0, max=2.5, step=0.05, readout_format=".2f",
            description="ASSUMPTION: subscriptions per phone user", style=style, layout=w.Layout(width="560px"))
        self.include_derived = w.Checkbox(value=include_derived, description="Include derived (LIKELY) years",
                                          indent=False)
        self.figure = self._build_figure()
        self.status = w.HTML()
        super().__init__([self.view, self.subscriptions_per_user, self.include_derived, self.figure, self.status])
        for control in (self.view, self.subscriptions_per_user, self.include_derived):
            control.observe(self._update, names="value")
        self._update()

    def _build_figure(self) -> go.FigureWidget:
        fig = go.Figure()
        fig.add_scatter(x=[], y=[], mode="lines+markers", name="subscriptions (MIIT)",
                        line=dict(color=PALETTE["blue"], width=3),
                        marker=dict(size=11, color=PALETTE["blue"], line=dict(color=PALETTE["blue"], width=2)),
                        hovertemplate="%{x}: %{y:,.1f}<br>%{text}<extra></extra>")
        fig.add_scatter(x=[], y=[], mode="markers", name="population (NBS)",
                        marker=dict(size=14, color=PALETTE["vermillion"], symbol="diamond",
                                    line=dict(color="black", width=1)),
                        hovertemplate="%{x}: %{y:,.1f}<br>%{text}<extra></extra>")
        fig.add_scatter(x=[], y=[], mode="lines", name="phone users implied by your ASSUMPTION",
                        line=dict(color=PALETTE["bluish green"], width=3, dash="dash"),
                        hovertemplate="%{x}: %{y:,.1f}<extra>implied by the assumption</extra>")
        fig.add_scatter(x=[2014.5, 2023.5], y=[100, 100], mode="lines", name="one per person (100 per 100)",
                        line=dict(color=PALETTE["black"], width=1.5, dash="dot"), hoverinfo="skip")
        style_figure(fig, "China: mobile subscriptions and population, end of each year",
                     x_title="year (end of)", y_title=_Y_TITLE[MILLIONS], height=440)
        fig.update_xaxes(range=[2014.5, 2023.5], dtick=1)
        fig.update_layout(legend=dict(orientation="h", y=-0.2, yanchor="top", x=0, xanchor="left"),
                          margin=dict(b=120))
        return go.FigureWidget(fig)

    # -- state ------------------------------------------------------------------
    def _rows(self) -> np.ndarray:
        return np.ones_like(self._verified) if self.include_derived.value else self._verified

    def series(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """What the figure shows now: {"subscriptions", "population", "implied users"} -> (years, values)."""
        keep = self._rows().astype(bool)
        spu = self.subscriptions_per_user.value
        if self.view.value == MILLIONS:
            subs = (self._year[keep], self._subs[keep])
            pop = (self._pop_year, self._pop)
            implied = (self._year[keep], self._subs[keep] / spu)
        else:
            has = keep & ~np.isnan(self._per100)
            subs = (self._year[has], self._per100[has])
            pop = (self._pop_year, 100 * self._pop_subs / self._pop)
            implied = (self._year[has], self._per100[has] / spu)
        return {"subscriptions": subs, "population": pop, "implied users": implied}

    def implied_users_2019(self) -> float:
        """Phone users in 2019 (millions) implied by the subscriptions-per-user assumption."""
        return float(self._subs[self._year == 2019][0] / self.subscriptions_per_user.value)

    @property
    def summary(self) -> str:
        spu = self.subscriptions_per_user.value
        s = self.series()
        years, values = s["subscriptions"]
        pop_2019 = float(self._pop[(self._pop_year == 2019)][0])
        subs_2019 = float(self._subs[self._year == 2019][0])
        users = self.implied_users_2019()
        derived = "including" if self.include_derived.value else "leaving out"
        if self.view.value == MILLIONS:
            head = (f"Subscriptions rose from {values[0]:,.0f} million ({years[0]:.0f}) to {values[-1]:,.0f} million "
                    f"({years[-1]:.0f}), {derived} the derived (LIKELY) years. At the end of 2019 there were "
                    f"{subs_2019:,.0f} million subscriptions for {pop_2019:,.0f} million people "
                    f"({subs_2019 / pop_2019:.2f} per person).")
        else:
            pop_years, pop_values = s["population"]
            head = (f"MIIT's own figure rose from {values[0]:.1f} subscriptions per 100 people ({years[0]:.0f}) to "
                    f"{values[-1]:.1f} ({years[-1]:.0f}), {derived} the derived (LIKELY) years. Dividing by the "
                    "National Bureau of Statistics population gives "
                    + " and ".join(f"{v:.1f} in {y:.0f}" for y, v in zip(pop_years, pop_values))
                    + ": the answer depends on which population count is used.")
        share = users / pop_2019
        if share > 1:
            tail = (f"With your ASSUMPTION of {spu:.2f} subscriptions per phone user, 2019 would have had "
                    f"{users:,.0f} million phone users: more than the whole population, which is impossible. "
                    "Some people must hold more than one subscription.")
        else:
            tail = (f"With your ASSUMPTION of {spu:.2f} subscriptions per phone user, 2019 would have had "
                    f"{users:,.0f} million phone users, {share:.0%} of the population. No source in this course "
                    "gives the real figure: the answer is only as good as the assumption.")
        return f"{head} {tail}"

    def _update(self, change=None):
        view = self.view.value
        s = self.series()
        keep = self._rows().astype(bool)
        if view == PER_100:
            keep = keep & ~np.isnan(self._per100)
        conf = np.where(self._verified[keep], "VERIFIED (seen in a named source)", "LIKELY (derived by subtraction)")
        fig = self.figure
        with fig.batch_update():
            sub, pop, implied, line = fig.data
            sub.x, sub.y = s["subscriptions"]
            sub.marker.symbol = self._symbols[keep]
            sub.text = conf
            sub.name = "subscriptions (MIIT)" if view == MILLIONS else "subscriptions per 100 people (MIIT's figure)"
            pop.x, pop.y = s["population"]
            pop.text = (self._pop_label if view == MILLIONS else
                        np.array([f"subscriptions ÷ {lbl}" for lbl in self._pop_label]))
            pop.name = ("population (NBS)" if view == MILLIONS else
                        "per 100 people, computed by the course from the NBS population")
            implied.x, implied.y = s["implied users"]
            line.visible = view == PER_100
            fig.layout.yaxis.title.text = _Y_TITLE[view]
            fig.layout.yaxis.range = _Y_RANGE[view]
        self.status.value = f"<p role='status' aria-live='polite'>{html.escape(self.summary)}</p>"


class SimRegistrationExplorer(w.VBox):
    """Countries by SIM-registration policy and the biometrics collected; hover or open the table for sources."""

    def __init__(self, countries: pd.DataFrame | None = None, policy: str = ALL, biometrics: str = ALL):
        df = countries if countries is not None else load_dataset("sim_registration_by_country")
        order = {p: i for i, p in enumerate(SIM_POLICIES)}
        self.countries = (df.assign(_order=df["policy"].map(order))
                          .sort_values(["_order", "country"]).drop(columns="_order").reset_index(drop=True))
        self._policies = [p for p in SIM_POLICIES if p in set(self.countries["policy"])]
        self._kinds = [b for b in SIM_BIOMETRICS if b in set(self.countries["biometrics"])]
        style = {"description_width": "initial"}
        self.policy = w.Dropdown(options=[ALL, *self._policies], description="Registration policy", style=style,
                                 layout=w.Layout(width="420px"))
        self.biometrics = w.Dropdown(options=[ALL, *self._kinds], description="Biometrics collected", style=style,
                                     layout=w.Layout(width="360px"))
        _set_choice(self.policy, policy, "policy")
        _set_choice(self.biometrics, biometrics, "biometrics")
        self._policy_arr = self.countries["policy"].to_numpy()
        self._kind_arr = self.countries["biometrics"].to_numpy()
        self._country_arr = self.countries["country"].to_numpy()
        self._likely = (self.countries["confidence"] == "LIKELY").to_numpy()
        self._hover = np.array([_hover(r) for r in self.countries.itertuples()])
        self._rows_html = np.array([_row_html(r) for r in self.countries.itertuples()])
        self.figure = self._build_figure()
        self.status = w.HTML()
        self.table = w.HTML()
        super().__init__([w.HBox([self.policy, self.biometrics]), self.figure, self.status, self.table])
        self.policy.observe(self._update, names="value")
        self.biometrics.observe(self._update, names="value")
        self._update()

    def _build_figure(self) -> go.FigureWidget:
        fig = go.Figure()
        colours = [PALETTE["vermillion"], PALETTE["orange"], PALETTE["blue"]]
        symbols = ["circle", "square", "diamond"]
        for i, p in enumerate(SIM_POLICIES):
            if p in self._policies:
                fig.add_scatter(x=[], y=[], mode="markers", name=p,
                                marker=dict(size=15, color=colours[i], symbol=symbols[i],
                                            line=dict(color="black", width=1)),
                                hovertemplate="%{text}<extra></extra>")
        style_figure(fig, "SIM registration in the countries the sources name (not a sample)",
                     x_title="biometrics collected at registration (as the sources describe it)", y_title="country",
                     height=560)
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=self._kinds,
                         range=[-0.5, len(self._kinds) - 0.5])
        fig.update_yaxes(type="category", categoryorder="array", autorange="reversed")
        fig.update_layout(margin=dict(l=130, b=150),
                          legend=dict(orientation="h", y=-0.22, yanchor="top", x=0, xanchor="left",
                                      title_text="policy: "))
        return go.FigureWidget(fig)

    def _mask(self) -> np.ndarray:
        mask = np.ones(len(self.countries), dtype=bool)
        if self.policy.value != ALL:
            mask &= self._policy_arr == self.policy.value
        if self.biometrics.value != ALL:
            mask &= self._kind_arr == self.biometrics.value
        return mask

    def selected(self) -> pd.DataFrame:
        """The countries that pass the current filters."""
        return self.countries[self._mask()]

    @property
    def summary(self) -> str:
        mask = self._mask()
        n = int(mask.sum())
        compulsory, _ = WORLD_COUNTS["compulsory_registration"]
        biometric, _ = WORLD_COUNTS["biometric_registration"]
        context = (f" This is not a sample of the world: the GSMA counted {compulsory} countries with compulsory SIM "
                   f"registration (2021) and Comparitech {biometric} with biometric registration (January 2020); "
                   "the course lists only the countries its sources name.")
        if n == 0:
            return "No country in the dataset matches these filters." + context
        likely = int((mask & self._likely).sum())
        hedge = f" {likely} of them is marked LIKELY (see its source)." if likely == 1 else (
            f" {likely} of them are marked LIKELY." if likely else " All of them are marked VERIFIED.")
        names = ", ".join(self._country_arr[mask])
        return (f"Showing {n} of {len(self.countries)} countries (policy: {self.policy.value}; biometrics: "
                f"{self.biometrics.value}): {names}.{hedge}{context}")

    def _update(self, change=None):
        mask = self._mask()
        fig = self.figure
        with fig.batch_update():
            for trace in fig.data:
                m = mask & (self._policy_arr == trace.name)
                trace.x = self._kind_arr[m]
                trace.y = self._country_arr[m]
                trace.text = self._hover[m]
            fig.layout.yaxis.categoryarray = list(self._country_arr[mask])
        self.status.value = f"<p role='status' aria-live='polite'>{html.escape(self.summary)}</p>"
        self.table.value = (
            "<details open><summary>The countries as a table, with sources</summary>"
            "<table style='border-collapse:collapse;font-size:13px'>"
            "<thead><tr><th>country</th><th>policy</th><th>biometrics</th><th>what the source says</th>"
            "<th>source</th><th>confidence</th></tr></thead>"
            f"<tbody>{''.join(self._rows_html[mask])}</tbody></table></details>"
        )


def _hover(r) -> str:
    detail = "<br>".join(textwrap.wrap(html.escape(r.detail), 60))
    src = "<br>".join(textwrap.wrap(html.escape(r.source), 60))
    return f"<b>{html.escape(r.country)}</b> ({html.escape(r.confidence)})<br>{detail}<br><i>Source: {src}</i>"


def _row_html(r) -> str:
    cells = (r.country, r.policy, r.biometrics, r.detail)
    return ("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
            + f"<td><small>{html.escape(r.source)}</small></td><td>{html.escape(r.confidence)}</td></tr>")


def _set_choice(dropdown: w.Dropdown, value: str, what: str) -> None:
    if value not in dropdown.options:
        raise ValueError(f"unknown {what} {value!r}; choose one of: {', '.join(dropdown.options)}")
    dropdown.value = value
