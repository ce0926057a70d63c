"""One-to-many search explorer (lesson 02): why a tiny false match rate is not tiny against a whole country."""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from .. import formatting as fmt
from ..models.verification import check_rate, one_to_many_false_candidates
from .style import PALETTE, style_figure

__all__ = ["OneToManyExplorer"]

_GALLERY = np.logspace(2, 9.3, 120)


class OneToManyExplorer(w.VBox):
    """Set a gallery size and a per-comparison false match rate; see the false candidates per search."""

    def __init__(self, gallery_size: float = 1_400_050_000, fmr: float = 1e-6):
        if not 100 <= gallery_size <= 2e9:
            raise ValueError(f"gallery_size must be between 100 and 2,000,000,000 people; got {gallery_size}")
        check_rate(fmr, "fmr")
        if not 1e-10 <= fmr <= 1e-2:
            raise ValueError(f"fmr must be between 0.0000000001 and 0.01 for this explorer; got {fmr}")
        style = {"description_width": "initial"}
        layout = w.Layout(width="560px")
        self.gallery_size = w.FloatLogSlider(value=gallery_size, base=10, min=2, max=9.3, step=0.05,
                                             readout_format=".3s", description="People in the gallery searched",
                                             style=style, layout=layout)
        self.fmr = w.FloatLogSlider(value=fmr, base=10, min=-10, max=-2, step=0.25, readout_format=".1e",
                                    description="False match rate per comparison", style=style, layout=layout)
        fig = go.Figure()
        fig.add_scatter(x=_GALLERY, y=_GALLERY * fmr, name="expected false candidates",
                        line=dict(color=PALETTE["vermillion"], width=3))
        fig.add_scatter(x=[gallery_size], y=[gallery_size * fmr], mode="markers", name="this search",
                        marker=dict(size=14, color=PALETTE["blue"], symbol="diamond", line=dict(color="black", width=1)))
        fig.add_hline(y=1, line=dict(color="black", dash="dot"), annotation_text="one false candidate per search",
                      annotation_position="top left")
        style_figure(fig, "One face searched against everyone: false candidates per search",
                     x_title="people in the gallery (log scale)", y_title="expected false candidates (log scale)",
                     height=400)
        fig.update_xaxes(type="log", exponentformat="power")
        fig.update_yaxes(type="log", range=[-7, 7], exponentformat="power", dtick=2)
        self.figure = go.FigureWidget(fig)
        self.readout = w.HTML()
        super().__init__([self.gallery_size, self.fmr, self.figure, self.readout])
        self.gallery_size.observe(self._update, names="value")
        self.fmr.observe(self._update, names="value")
        self._update()

    def result(self) -> dict[str, float]:
        return one_to_many_false_candidates(self.gallery_size.value, self.fmr.value)

    @property
    def summary(self) -> str:
        r = self.result()
        return (f"Searching one face against {fmt.people(self.gallery_size.value)} people at a false match rate of "
                f"{fmt.one_in(self.fmr.value)} per comparison gives {fmt.number(r['expected_false_candidates'])} expected "
                f"false candidates per search; the chance of at least one is {fmt.percent(r['p_at_least_one'])}.")

    def _update(self, change=None):
        n, fmr = self.gallery_size.value, self.fmr.value
        with self.figure.batch_update():
            self.figure.data[0].y = _GALLERY * fmr
            self.figure.data[1].x = [n]
            self.figure.data[1].y = [n * fmr]
        self.readout.value = f"<p role='status' aria-live='polite' style='font-size:15px'>{self.summary}</p>"
