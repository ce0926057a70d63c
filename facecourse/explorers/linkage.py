"""Linkage explorers (lesson 06): quasi-identifiers → people unique → face-pay accounts re-identified.

:class:`LinkageExplorer` works on the course's SYNTHETIC town (``synthetic_population``, 20,000
invented people) and its pseudonymous face-pay log (``synthetic_facepay_log``).  Tick
quasi-identifiers; the figure shows how many people share their combination with nobody else,
the first-principles estimate of that share, and how many face-pay accounts a join on the same
attributes pins to exactly one registry person.

:class:`UniquenessEstimateExplorer` rebuilds a Sweeney-style estimate from first principles:
N people spread over K equally likely birth-date–sex combinations; share unique ≈ exp(−(N−1)/K),
checked against a simulation.

Updates are vectorised numpy on integer codes computed once (no per-person loops).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..data import SYNTHETIC_DISTRICTS, SYNTHETIC_PHONE_PREFIXES, load_dataset
from ..models import linkage
from .style import PALETTE, style_figure

__all__ = ["LinkageExplorer", "UniquenessEstimateExplorer", "BIRTH_PRECISIONS", "CLASS_SIZE_BINS",
           "SWEENEY_SHARE_UNIQUE"]

BIRTH_PRECISIONS = ("not used", "year", "year and month", "full date")
# Equivalence-class sizes shown as bars: [low, high] inclusive.
CLASS_SIZE_BINS = ((1, 1), (2, 2), (3, 4), (5, 9), (10, 99), (100, 10**9))
_BIN_LABELS = ["1 (unique)", "2", "3–4", "5–9", "10–99", "100+"]
SWEENEY_SHARE_UNIQUE = 0.87  # Sweeney (2000): ~87% of the US unique by 5-digit ZIP, sex and date of birth


def _codes(df, first_birth, first_year) -> dict[str, np.ndarray]:
    """Integer codes (0..n-1) for each quasi-identifier."""
    return {
        "district": np.searchsorted(np.array(SYNTHETIC_DISTRICTS), df["district"].to_numpy().astype(str)),
        "sex": (df["sex"].to_numpy().astype(str) == "M").astype(np.int64),
        "birth_year": df["birth_year"].to_numpy().astype(np.int64) - first_year,
        "birth_month": df["birth_month"].to_numpy().astype(np.int64) - 1,
        "birth_date": ((df["birth_date"] - first_birth).dt.days).to_numpy().astype(np.int64),
        "phone_prefix": np.searchsorted(np.array(SYNTHETIC_PHONE_PREFIXES), df["phone_prefix"].to_numpy().astype(str)),
    }


class LinkageExplorer(w.VBox):
    """Choose quasi-identifiers; see the share of people unique and the face-pay accounts re-identified."""

    def __init__(self, district: bool = True, sex: bool = True, birth: str = "year", phone_prefix: bool = False):
        for name, v in (("district", district), ("sex", sex), ("phone_prefix", phone_prefix)):
            if not isinstance(v, bool):
                raise ValueError(f"{name} must be True or False; got {v!r}")
        if birth not in BIRTH_PRECISIONS:
            raise ValueError(f"unknown birth precision {birth!r}; choose one of: {', '.join(BIRTH_PRECISIONS)}")
        self.registry = load_dataset("synthetic_population")
        self.facepay_log = load_dataset("synthetic_facepay_log")
        first_birth = self.registry["birth_date"].min()
        first_year = int(self.registry["birth_year"].min())
        self._reg = _codes(self.registry, first_birth, first_year)
        self._log = _codes(self.facepay_log, first_birth, first_year)
        self._trips = self.facepay_log["trips_in_week"].to_numpy()
        self._radix = {
            "district": len(SYNTHETIC_DISTRICTS), "sex": 2,
            "birth_year": int(self.registry["birth_year"].max()) - first_year + 1, "birth_month": 12,
            "birth_date": int((self.registry["birth_date"].max() - first_birth).days) + 1,
            "phone_prefix": len(SYNTHETIC_PHONE_PREFIXES),
        }
        self._district_sizes = np.bincount(self._reg["district"], minlength=len(SYNTHETIC_DISTRICTS))

        style = {"description_width": "initial"}
        self.district = w.Checkbox(value=district, description="district (postcode-like)", style=style, indent=False)
        self.sex = w.Checkbox(value=sex, description="sex", style=style, indent=False)
        self.birth = w.Dropdown(options=list(BIRTH_PRECISIONS), value=birth, description="date of birth",
                                style=style)
        self.phone_prefix = w.Checkbox(value=phone_prefix, description="first 3 digits of phone number",
                                       style=style, indent=False)
        self.figure = self._build_figure()
        self.readout = w.HTML()
        controls = w.HBox([self.district, self.sex, self.birth, self.phone_prefix],
                          layout=w.Layout(flex_flow="row wrap"))
        super().__init__([w.HTML("<b>Quasi-identifiers known about each person</b> (SYNTHETIC town of "
                                 f"{len(self.registry):,} invented people)"), controls, self.figure, self.readout])
        for c in (self.district, self.sex, self.birth, self.phone_prefix):
            c.observe(self._update, names="value")
        self._update()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> go.FigureWidget:
        fig = make_subplots(rows=1, cols=2, column_widths=[0.55, 0.45], horizontal_spacing=0.14,
                            subplot_titles=("How many people share your combination?", "Unique, estimated, linked"))
        fig.add_bar(x=_BIN_LABELS, y=[0] * len(_BIN_LABELS), name="people in the town",
                    marker_color=PALETTE["blue"], texttemplate="%{y:.1f}%", textposition="outside",
                    hovertemplate="class size %{x}: %{y:.1f}% of people<extra></extra>", row=1, col=1)
        fig.add_bar(x=["unique in town<br>(counted)", "unique in town<br>(estimate)", "face-pay accounts<br>re-identified"],
                    y=[0, 0, 0], name="share", marker_color=[PALETTE["vermillion"], PALETTE["orange"], PALETTE["reddish purple"]],
                    texttemplate="%{y:.1f}%", textposition="outside", showlegend=False,
                    hovertemplate="%{x}: %{y:.1f}%<extra></extra>", row=1, col=2)
        style_figure(fig, "SYNTHETIC town: the more you know, the fewer people share your details",
                     x_title="people with the same combination",
                     y_title="share of people (%)", height=460)
        fig.update_yaxes(range=[0, 110], row=1, col=1)
        fig.update_yaxes(range=[0, 110], title_text="share (%)", row=1, col=2)
        fig.update_xaxes(title_text="measure", row=1, col=2)
        fig.update_layout(showlegend=False, margin=dict(b=90))
        return go.FigureWidget(fig)

    # -- state ------------------------------------------------------------------
    @property
    def columns(self) -> list[str]:
        """The chosen quasi-identifiers, as dataset column names."""
        cols = []
        if self.district.value:
            cols.append("district")
        if self.sex.value:
            cols.append("sex")
        cols += {"not used": [], "year": ["birth_year"], "year and month": ["birth_year", "birth_month"],
                 "full date": ["birth_date"]}[self.birth.value]
        if self.phone_prefix.value:
            cols.append("phone_prefix")
        return cols

    def _keys(self, codes: dict[str, np.ndarray], cols: list[str]) -> np.ndarray:
        key = np.zeros(len(codes["sex"]), dtype=np.int64)
        for c in cols:
            key = key * self._radix[c] + codes[c]
        return key

    def stats(self) -> dict:
        """The numbers the figure shows (shares 0-1, counts of people and accounts)."""
        cols = self.columns
        n = len(self.registry)
        if not cols:
            sizes = np.full(n, n)
            log_matches = np.full(len(self._trips), n)
        else:
            uniq, inv, counts = np.unique(self._keys(self._reg, cols), return_inverse=True, return_counts=True)
            sizes = counts[inv]
            lk = self._keys(self._log, cols)
            pos = np.clip(np.searchsorted(uniq, lk), 0, len(uniq) - 1)
            log_matches = np.where(uniq[pos] == lk, counts[pos], 0)
        others = [c for c in cols if c != "district"]
        k = 1
        for c in others:
            k *= self._radix[c]
        if "district" in cols:
            estimate = linkage.expected_share_unique_by_group(self._district_sizes, k)
        else:
            estimate = linkage.expected_share_unique(n, k)
        one = log_matches == 1
        return {
            "columns": cols, "people": n, "classes": int(len(np.unique(sizes))) if not cols else int(len(uniq)),
            "combinations": k * (len(SYNTHETIC_DISTRICTS) if "district" in cols else 1),
            "share_unique": float((sizes == 1).mean()), "unique_people": int((sizes == 1).sum()),
            "estimate": estimate,
            "bins": np.array([((sizes >= lo) & (sizes <= hi)).mean() for lo, hi in CLASS_SIZE_BINS]),
            "accounts": len(log_matches), "accounts_linked": int(one.sum()),
            "share_linked": float(one.mean()), "trips_linked": int(self._trips[one].sum()),
            "trips": int(self._trips.sum()),
        }

    @property
    def summary(self) -> str:
        s = self.stats()
        known = ", ".join(s["columns"]) if s["columns"] else "nothing"
        return (f"Knowing {known} about each of {s['people']:,} invented people: {s['unique_people']:,} "
                f"({s['share_unique']:.1%}) share their combination with nobody else; the first-principles estimate "
                f"(equally likely combinations) is {s['estimate']:.1%}. Joining the pseudonymous face-pay log on the same "
                f"attributes pins {s['accounts_linked']:,} of {s['accounts']:,} accounts ({s['share_linked']:.1%}) "
                f"to exactly one registry person, with {s['trips_linked']:,} of {s['trips']:,} logged trips. "
                "All data SYNTHETIC.")

    def _update(self, *_):
        s = self.stats()
        with self.figure.batch_update():
            self.figure.data[0].y = 100 * s["bins"]
            self.figure.data[1].y = [100 * s["share_unique"], 100 * s["estimate"], 100 * s["share_linked"]]
        self.readout.value = f"<p role='status'>{self.summary}</p>"


class UniquenessEstimateExplorer(w.VBox):
    """Rebuild a Sweeney-style estimate: N people per area over K birth-date–sex combinations."""

    def __init__(self, people_per_area: float = 9_330, birth_years: int = 78, use_sex: bool = True, seed: int = 2000):
        if not 10 <= people_per_area <= 100_000:
            raise ValueError(f"people_per_area must be between 10 and 100,000; got {people_per_area}")
        if not (isinstance(birth_years, (int, np.integer)) and 1 <= birth_years <= 100):
            raise ValueError(f"birth_years must be a whole number from 1 to 100; got {birth_years!r}")
        if not isinstance(use_sex, bool):
            raise ValueError(f"use_sex must be True or False; got {use_sex!r}")
        self.seed = int(seed)
        style = {"description_width": "initial"}
        layout = w.Layout(width="520px")
        self.people_per_area = w.FloatLogSlider(value=people_per_area, base=10, min=1, max=5, step=0.01,
                                                readout_format=",.0f", description="people per area (e.g. per ZIP code)",
                                                style=style, layout=layout)
        self.birth_years = w.IntSlider(value=birth_years, min=1, max=100, description="years of birth in use",
                                       style=style, layout=layout)
        self.use_sex = w.Checkbox(value=use_sex, description="sex known too (×2 combinations)", style=style, indent=False)
        self.figure = self._build_figure()
        self.readout = w.HTML()
        super().__init__([self.people_per_area, self.birth_years, self.use_sex, self.figure, self.readout])
        for c in (self.people_per_area, self.birth_years, self.use_sex):
            c.observe(self._update, names="value")
        self._update()

    def _build_figure(self) -> go.FigureWidget:
        fig = go.Figure()
        fig.add_scatter(x=[], y=[], mode="lines", name="estimate exp(−(N−1)/K)", line=dict(color=PALETTE["blue"], width=3))
        fig.add_scatter(x=[], y=[], mode="markers", name="this area (estimate)",
                        marker=dict(size=14, color=PALETTE["orange"], symbol="diamond", line=dict(color="black", width=1)))
        fig.add_scatter(x=[], y=[], mode="markers", name="one simulated area",
                        marker=dict(size=11, color=PALETTE["bluish green"], symbol="x"))
        fig.add_hline(y=100 * SWEENEY_SHARE_UNIQUE, line=dict(color=PALETTE["vermillion"], dash="dash"),
                      annotation_text="Sweeney (2000): about 87% of the US", annotation_position="bottom left")
        style_figure(fig, "Share of people unique by date of birth (and sex) within one area",
                     x_title="people per area (log scale)", y_title="share unique (%)", height=420)
        fig.update_xaxes(type="log", range=[1, 5])
        fig.update_yaxes(range=[0, 105])
        return go.FigureWidget(fig)

    @property
    def combinations(self) -> int:
        return int(self.birth_years.value * 365 * (2 if self.use_sex.value else 1))

    def stats(self) -> dict:
        n, k = int(round(self.people_per_area.value)), self.combinations
        return {"people": n, "combinations": k, "per_combination": n / k,
                "estimate": linkage.expected_share_unique(n, k),
                "simulated": linkage.simulate_share_unique(n, k, seed=self.seed)}

    @property
    def summary(self) -> str:
        s = self.stats()
        sex = " × 2 sexes" if self.use_sex.value else ""
        return (f"{s['people']:,} people per area spread over {self.birth_years.value} years × 365 days{sex} = "
                f"{s['combinations']:,} equally likely combinations ({s['per_combination']:.2f} people per combination). "
                f"Estimated share unique exp(−(N−1)/K) = {s['estimate']:.1%}; one simulated area: {s['simulated']:.1%}. "
                f"Sweeney's figure for the US was about {SWEENEY_SHARE_UNIQUE:.0%}.")

    def _update(self, *_):
        s = self.stats()
        n_grid = np.logspace(1, 5, 200)
        with self.figure.batch_update():
            self.figure.data[0].x = n_grid
            self.figure.data[0].y = 100 * linkage.expected_share_unique(n_grid, s["combinations"])
            self.figure.data[1].x = [s["people"]]
            self.figure.data[1].y = [100 * s["estimate"]]
            self.figure.data[2].x = [s["people"]]
            self.figure.data[2].y = [100 * s["simulated"]]
        self.readout.value = f"<p role='status'>{self.summary}</p>"
