"""Timeline explorer (lesson 00): events filtered by jurisdiction and kind, each with its source."""

from __future__ import annotations

import html
import textwrap

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..data import EVENT_KINDS, JURISDICTIONS, load_dataset
from .style import SEQUENCE, style_figure

__all__ = ["TimelineExplorer", "ALL"]

ALL = "All"
_ROWS = "rows"
_PRECISION_FORMAT = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


class TimelineExplorer(w.VBox):
    """Pick a jurisdiction and a kind of event; the chart and the sourced list below it follow."""

    def __init__(self, events: pd.DataFrame | None = None, jurisdiction: str = ALL, kind: str = ALL):
        self.events = (events if events is not None else load_dataset("events_timeline")).sort_values("date")
        self.events = self.events.reset_index(drop=True)
        self._labels = self.events.apply(_label, axis=1)
        present_j = [j for j in JURISDICTIONS if j in set(self.events["jurisdiction"])]
        present_k = [k for k in EVENT_KINDS if k in set(self.events["kind"])]
        self.jurisdiction = w.Dropdown(options=[ALL, *present_j], description="Jurisdiction",
                                       style={"description_width": "initial"})
        self.kind = w.Dropdown(options=[ALL, *present_k], description="Kind of event",
                               style={"description_width": "initial"})
        _set_choice(self.jurisdiction, jurisdiction, "jurisdiction")
        _set_choice(self.kind, kind, "kind")
        self._kinds = present_k
        self.figure = self._build_figure(present_j)
        self.status = w.HTML()
        self.table = w.HTML()
        super().__init__([w.HBox([self.jurisdiction, self.kind]), self.figure, self.status, self.table])
        self.jurisdiction.observe(self._update, names="value")
        self.kind.observe(self._update, names="value")
        self._update()

    def _build_figure(self, jurisdictions) -> go.FigureWidget:
        fig = go.Figure()
        # An invisible point per row keeps every kind of event on the axis while filters empty some rows.
        fig.add_scatter(x=[_iso(self.events["date"].min())] * len(self._kinds), y=self._kinds, mode="markers",
                        marker=dict(opacity=0), showlegend=False, hoverinfo="skip", name=_ROWS)
        symbols = ["circle", "square", "diamond", "triangle-up", "cross", "x", "star"]
        for i, j in enumerate(jurisdictions):
            fig.add_scatter(x=[], y=[], mode="markers", name=j,
                            marker=dict(size=13, color=SEQUENCE[i % len(SEQUENCE)], symbol=symbols[i % len(symbols)],
                                        line=dict(color="white", width=1)),
                            hovertemplate="%{text}<extra>%{fullData.name}</extra>")
        style_figure(fig, "Events, 2008-2025 (hover over a point for the event and its source)",
                     x_title="date (year)", y_title="kind of event", height=440)
        fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(self._kinds)), type="category",
                         range=[-0.5, len(self._kinds) - 0.5])
        fig.update_xaxes(range=["2007-06-01", "2026-01-01"])
        fig.update_layout(margin=dict(l=150, r=180),
                          legend=dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top", title_text="jurisdiction"))
        return go.FigureWidget(fig)

    def selected(self) -> pd.DataFrame:
        """The events that pass the current filters, in date order."""
        ev = self.events
        mask = pd.Series(True, index=ev.index)
        if self.jurisdiction.value != ALL:
            mask &= ev["jurisdiction"] == self.jurisdiction.value
        if self.kind.value != ALL:
            mask &= ev["kind"] == self.kind.value
        return ev[mask]

    @property
    def summary(self) -> str:
        sel = self.selected()
        if sel.empty:
            return "No events match these filters."
        first, last = sel["date"].min().year, sel["date"].max().year
        return (f"Showing {len(sel)} of {len(self.events)} events (jurisdiction: {self.jurisdiction.value}; "
                f"kind: {self.kind.value}), from {first} to {last}.")

    def _update(self, change=None):
        sel = self.selected()
        with self.figure.batch_update():
            for trace in self.figure.data[1:]:
                part = sel[sel["jurisdiction"] == trace.name]
                trace.x = part["date"].map(_iso).tolist()
                trace.y = part["kind"].tolist()
                trace.text = [_hover(r) for r in part.itertuples()]
        self.status.value = f"<p role='status' aria-live='polite'>{html.escape(self.summary)}</p>"
        rows = "".join(
            f"<tr><td style='white-space:nowrap'>{html.escape(self._labels[i])}</td>"
            f"<td>{html.escape(r.jurisdiction)}</td><td>{html.escape(r.kind)}</td>"
            f"<td>{html.escape(r.event)}</td><td><small>{html.escape(r.source)}</small></td></tr>"
            for i, r in zip(sel.index, sel.itertuples())
        )
        self.table.value = (
            "<details><summary>The events as a table, with sources</summary>"
            "<table style='border-collapse:collapse;font-size:13px'>"
            "<thead><tr><th>date</th><th>jurisdiction</th><th>kind</th><th>event</th><th>source</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></details>"
        )


def _iso(date: pd.Timestamp) -> str:
    """Dates go to the browser as ISO strings: a browser worker cannot copy Python date objects (DataCloneError)."""
    return date.strftime("%Y-%m-%d")


def _label(row) -> str:
    return row["date"].strftime(_PRECISION_FORMAT[row["date_precision"]]).lstrip("0")


def _hover(r) -> str:
    date = r.date.strftime(_PRECISION_FORMAT[r.date_precision]).lstrip("0")
    body = "<br>".join(textwrap.wrap(html.escape(r.event), 60))
    src = "<br>".join(textwrap.wrap(html.escape(r.source), 60))
    return f"<b>{date}</b><br>{body}<br><i>Source: {src}</i>"


def _set_choice(dropdown: w.Dropdown, value: str, what: str) -> None:
    if value not in dropdown.options:
        raise ValueError(f"unknown {what} {value!r}; choose one of: {', '.join(dropdown.options)}")
    dropdown.value = value
