"""Item analysis for instructors: which questions the class got, and which separate strong from weak work.

Reads the nbgrader gradebook (never writes it).  Students are shown as
"student 1", "student 2", … unless ``show_names=True``.

* **facility**: the mean share of a question's points the class earned (1 = everyone got it);
* **discrimination**: the correlation between a question's score and the rest of the
  assignment's score (corrected item-total correlation).  Near 0 or negative: the question does
  not separate stronger from weaker submissions — worth a look.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..explorers.style import PALETTE, style_figure

__all__ = ["item_scores", "item_statistics", "item_figure", "summary"]


def item_scores(gradebook: str | Path, assignment: str, show_names: bool = False) -> pd.DataFrame:
    """One row per student, one column per graded cell: the share of that cell's points earned (0-1)."""
    from nbgrader.api import Gradebook, MissingEntry

    path = Path(gradebook)
    if not path.is_file():
        raise FileNotFoundError(f"no gradebook at {path}: run nbgrader (or make autograde) first")
    rows = {}
    with Gradebook(f"sqlite:///{path}") as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise ValueError(f"the gradebook has no assignment {assignment!r}") from None
        subs = gb.assignment_submissions(assignment)
        for sub in subs:
            scores = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.max_score and g.score is not None:
                        scores[g.name] = g.score / g.max_score
            rows[sub.student.id] = scores
    if not rows:
        raise ValueError(f"no graded submissions of {assignment!r} yet")
    df = pd.DataFrame.from_dict(rows, orient="index").sort_index()
    df = df[sorted(df.columns)]
    if not show_names:
        df.index = [f"student {i + 1}" for i in range(len(df))]
    df.index.name = "student"
    return df


def item_statistics(scores: pd.DataFrame) -> pd.DataFrame:
    """Facility and discrimination of each item (column) of ``scores``."""
    if scores.empty:
        raise ValueError("no scores to analyse")
    filled = scores.fillna(0.0)
    total = filled.sum(axis=1)
    out = []
    for item in filled.columns:
        rest = total - filled[item]
        if filled[item].std() == 0 or rest.std() == 0:
            disc = np.nan  # everyone scored the same: the question cannot separate anyone
        else:
            disc = float(np.corrcoef(filled[item], rest)[0, 1])
        out.append({"item": item, "facility": float(filled[item].mean()), "discrimination": disc,
                    "students": int(scores[item].notna().sum())})
    return pd.DataFrame(out).set_index("item")


def item_figure(stats: pd.DataFrame, assignment: str) -> go.Figure:
    """Facility as bars, discrimination as markers, one pair per question."""
    fig = go.Figure()
    fig.add_bar(x=stats.index, y=stats["facility"], name="facility (share of points earned)",
                marker_color=PALETTE["blue"], hovertemplate="%{x}: facility %{y:.2f}<extra></extra>")
    fig.add_scatter(x=stats.index, y=stats["discrimination"], mode="markers", name="discrimination (item-rest correlation)",
                    marker=dict(color=PALETTE["vermillion"], size=12, symbol="diamond"),
                    hovertemplate="%{x}: discrimination %{y:.2f}<extra></extra>")
    fig.add_hline(y=0.2, line=dict(color="black", dash="dot"), annotation_text="discrimination 0.2",
                  annotation_position="top left")
    style_figure(fig, f"{assignment}: which questions the class got, and which separate strong from weak work",
                 x_title="graded cell", y_title="share of points / correlation (-1 to 1)")
    fig.update_yaxes(range=[-1, 1.05])
    return fig


def summary(stats: pd.DataFrame) -> str:
    """The figure in words."""
    hardest = stats["facility"].idxmin()
    weak = stats[(stats["discrimination"] < 0.2) | stats["discrimination"].isna()].index.tolist()
    return (f"{len(stats)} graded cells. Hardest: {hardest} (facility {stats.loc[hardest, 'facility']:.2f}). "
            + (f"Weak discrimination (below 0.2 or undefined): {', '.join(weak)}." if weak
               else "Every question separates stronger from weaker submissions (discrimination at least 0.2)."))
