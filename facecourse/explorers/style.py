"""Shared look of every course figure: colour-blind-safe palette, titles, labelled axes.

Every figure factory in the package goes through :func:`style_figure`, so a
figure cannot leave the package without a title and axis titles, and all of
them use the Okabe-Ito palette (distinguishable with the common forms of
colour blindness).
"""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe & Ito (2008), "Color Universal Design"
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
SEQUENCE = [PALETTE[k] for k in ("blue", "vermillion", "bluish green", "orange", "reddish purple", "sky blue", "black", "yellow")]
GENUINE_COLOUR = PALETTE["blue"]
IMPOSTOR_COLOUR = PALETTE["vermillion"]

FONT = dict(family="Arial, Helvetica, sans-serif", size=14)


def style_figure(fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None,
                 height: int = 420) -> go.Figure:
    """Apply the course look; ``x_title``/``y_title`` label the first axes (units in brackets)."""
    if not title:
        raise ValueError("every course figure needs a title")
    fig.update_layout(
        title=dict(text=title, x=0.01, xanchor="left"),
        template="plotly_white",
        font=FONT,
        colorway=SEQUENCE,
        height=height,
        margin=dict(l=70, r=30, t=70, b=60),
        hoverlabel=dict(font_size=13),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1.0),
    )
    if x_title:
        fig.update_xaxes(title_text=x_title, row=1, col=1) if _has_grid(fig) else fig.update_xaxes(title_text=x_title)
    if y_title:
        fig.update_yaxes(title_text=y_title, row=1, col=1) if _has_grid(fig) else fig.update_yaxes(title_text=y_title)
    return fig


def _has_grid(fig: go.Figure) -> bool:
    return getattr(fig, "_grid_ref", None) is not None


def axis_titles(fig: go.Figure) -> list[str]:
    """Titles of every x and y axis in ``fig`` (empty string where an axis has none)."""
    out = []
    for key in sorted(fig.layout.to_plotly_json()):
        if key.startswith(("xaxis", "yaxis")):
            out.append((fig.layout[key].title.text or "") if fig.layout[key].title else "")
    return out
