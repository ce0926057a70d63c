"""Policy designer (lesson 08): choose safeguards for face matching at SIM registration, see the trade-offs.

The model is :mod:`facecourse.models.policy`: ILLUSTRATIVE, with every number
an assumption shown on screen and editable.  The figure compares "your design"
with a reference design (face scan for everyone, images kept, no other
safeguard) on four outcomes a year; the readout adds face scans performed and
the staff time that human review costs.
"""

from __future__ import annotations

import html
from dataclasses import asdict, fields

import ipywidgets as w
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import policy as pdm
from .style import PALETTE, style_figure

__all__ = ["PolicyDesigner", "PANELS", "ILLUSTRATIVE_NOTE"]

PANELS = ("genuine_refused", "impostors_through", "images_held", "images_exposed")
_PANEL_TITLES = ("Genuine customers<br>still refused", "Impostors who<br>get a number",
                 "Live face images<br>held centrally", "Face images expected<br>to be exposed")
_Y_TITLES = ("people a year", "people a year", "images (stock)", "images a year")
_BARS = ("reference", "your design")
_COLOURS = (PALETTE["sky blue"], PALETTE["vermillion"])
ILLUSTRATIVE_NOTE = ("ILLUSTRATIVE MODEL. Every number below the safeguards is an ASSUMPTION: no public source gives "
                     "any of them for China's rule. Change them and see which conclusions survive.")
_STEPS = {"registrations_per_year": 1_000_000, "review_minutes": 1.0}


def _fmt(x: float) -> str:
    if x >= 1e9:
        return f"{x / 1e9:.2f} billion"
    if x >= 1e6:
        return f"{x / 1e6:.1f} million"
    return f"{x:,.0f}"


class PolicyDesigner(w.VBox):
    """Tick safeguards and edit assumptions; the four panels compare your design with the reference."""

    def __init__(self, design: pdm.Design | None = None, assumptions: pdm.Assumptions | None = None):
        design = pdm.REFERENCE if design is None else design
        assumptions = pdm.Assumptions() if assumptions is None else assumptions
        if not isinstance(design, pdm.Design):
            raise ValueError(f"design must be a facecourse.models.policy.Design; got {type(design).__name__}")
        if not isinstance(assumptions, pdm.Assumptions):
            raise ValueError("assumptions must be a facecourse.models.policy.Assumptions; "
                             f"got {type(assumptions).__name__}")
        style = {"description_width": "initial"}
        wide = w.Layout(width="auto")
        self.alternative = w.Checkbox(value=bool(design.alternative), style=style, layout=wide,
                                      description="Offer an alternative to the face scan (e.g. staff check the ID)")
        self.retention = w.Dropdown(options=list(pdm.RETENTION_YEARS), value=design.retention, style=style,
                                    description="Live face images are", layout=w.Layout(width="460px"))
        self.on_device = w.Checkbox(value=bool(design.on_device), style=style, layout=wide,
                                    description="Match on the device at the counter; send only yes/no")
        self.audit = w.Checkbox(value=bool(design.audit), style=style, layout=wide,
                                description="Independent audit of the system")
        self.human_review = w.Checkbox(value=bool(design.human_review), style=style, layout=wide,
                                       description="Human review of every rejection")
        self.safeguards = (self.alternative, self.retention, self.on_device, self.audit, self.human_review)
        self.assumption_inputs: dict[str, w.BoundedFloatText] = {}
        for f in fields(pdm.Assumptions):
            lo, hi = pdm.ASSUMPTION_RANGES[f.name]
            # A fixed label column wide enough for the longest label, so that every box keeps room for its value.
            box = w.BoundedFloatText(value=getattr(assumptions, f.name), min=lo, max=hi,
                                     step=_STEPS.get(f.name, 0.01), description=f"ASSUMPTION: {pdm.ASSUMPTION_LABELS[f.name]}",
                                     style={"description_width": "570px"}, layout=w.Layout(width="700px"))
            self.assumption_inputs[f.name] = box
            setattr(self, f.name, box)
        self.reset_button = w.Button(description="Reset assumptions", tooltip="Put every assumption back to its default")
        self.figure = self._build_figure()
        self.status = w.HTML()
        self.table = w.HTML()
        note = w.HTML(f"<p><b>{html.escape(ILLUSTRATIVE_NOTE)}</b></p>")
        super().__init__([
            w.HTML("<b>Safeguards</b>"), *self.safeguards, self.figure, self.status, self.table, note,
            w.VBox(list(self.assumption_inputs.values())), self.reset_button,
        ])
        for c in (*self.safeguards, *self.assumption_inputs.values()):
            c.observe(self._update, names="value")
        self.reset_button.on_click(lambda _: self.reset_assumptions())
        self._update()

    # -- state ------------------------------------------------------------------
    @property
    def design(self) -> pdm.Design:
        return pdm.Design(alternative=self.alternative.value, retention=self.retention.value,
                          on_device=self.on_device.value, audit=self.audit.value,
                          human_review=self.human_review.value)

    @property
    def assumptions(self) -> pdm.Assumptions:
        return pdm.Assumptions(**{k: float(b.value) for k, b in self.assumption_inputs.items()})

    def results(self):
        """Outcomes a year: row 0 the reference design, row 1 yours."""
        return pdm.evaluate([pdm.REFERENCE, self.design], self.assumptions)

    def reset_assumptions(self) -> None:
        defaults = asdict(pdm.Assumptions())
        with self.hold_trait_notifications():
            for k, b in self.assumption_inputs.items():
                b.unobserve(self._update, names="value")
                b.value = defaults[k]
                b.observe(self._update, names="value")
        self._update()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> go.FigureWidget:
        fig = make_subplots(rows=1, cols=len(PANELS), subplot_titles=_PANEL_TITLES, horizontal_spacing=0.09)
        for col, _ in enumerate(PANELS, start=1):
            for name, colour in zip(_BARS, _COLOURS):
                fig.add_bar(x=[name], y=[0], name=name, marker_color=colour, showlegend=(col == 1),
                            legendgroup=name, text=[""], textposition="outside", cliponaxis=False,
                            hovertemplate="%{x}: %{text}<extra></extra>", row=1, col=col)
        style_figure(fig, "Your design against the reference (face scan for all, images kept)"
                          "<br><sup>ILLUSTRATIVE, under the assumptions below</sup>",
                     x_title="design", y_title=_Y_TITLES[0], height=430)
        for col, title in enumerate(_Y_TITLES, start=1):
            fig.update_yaxes(title_text=title, rangemode="tozero", row=1, col=col)
            fig.update_xaxes(title_text="design", row=1, col=col)
        # The legend sits above the panel titles, not on them.
        fig.update_layout(margin=dict(t=130), font=dict(size=12), legend=dict(y=1.2, yanchor="bottom"))
        fig.update_annotations(font_size=13)
        return go.FigureWidget(fig)

    @property
    def summary(self) -> str:
        r = self.results()
        ref, you = r.iloc[0], r.iloc[1]

        def cmp(key):
            return f"{_fmt(you[key])} (reference {_fmt(ref[key])})"
        return (f"Your design ({self.design.describe()}), a year, in this illustrative model: "
                f"genuine customers still refused {cmp('genuine_refused')}; impostors who get a number "
                f"{cmp('impostors_through')}; face scans performed {cmp('face_scans')}; live face images held "
                f"{cmp('images_held')}; face images expected to be exposed {cmp('images_exposed')}; "
                f"staff hours of human review {_fmt(you['review_hours'])}.")

    def _update(self, change=None):
        r = self.results()
        with self.figure.batch_update():
            for i, key in enumerate(PANELS):
                for j in range(2):
                    tr = self.figure.data[2 * i + j]
                    v = float(r[key].iloc[j])
                    tr.y = [v]
                    tr.text = [_fmt(v)]
        self.status.value = f"<p role='status' aria-live='polite'>{html.escape(self.summary)}</p>"
        rows = "".join(
            f"<tr><td>{html.escape(label)}</td><td style='text-align:right'>{_fmt(r[key].iloc[0])}</td>"
            f"<td style='text-align:right'>{_fmt(r[key].iloc[1])}</td></tr>"
            for key, label in pdm.OUTCOMES.items())
        self.table.value = (
            "<details><summary>All outcomes as a table</summary><table style='font-size:13px'>"
            "<thead><tr><th>outcome</th><th>reference</th><th>your design</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></details>")
