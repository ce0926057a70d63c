"""Lesson 07 explorers: code the reported reactions yourself, and weigh values to rank policy options.

:class:`ReactionCodingExplorer` — one stance and one concern dropdown per reaction;
"Compare my coding" computes Cohen's kappa against the course's coding and an
illustrative classmate's, and draws the agreement matrix of the chosen pair.

:class:`ValueWeightingExplorer` — a weight slider per value ranks the policy options by
weighted mean score; the course's illustrative scores can be edited; the readout says
which single weight change would flip the leader.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from ..models import coding
from ..models import value_weights as pw
from .style import PALETTE, style_figure

__all__ = ["ReactionCodingExplorer", "ValueWeightingExplorer", "PAIRS"]

NOT_CODED = ""
PAIRS = ("you vs the course", "you vs the classmate (illustrative)", "the classmate (illustrative) vs the course")
_STYLE = {"description_width": "initial"}


def _possessive(coder: str) -> str:
    return "your" if coder == "you" else f"{coder}'s"


class ReactionCodingExplorer(w.VBox):
    """Code each reaction by stance and concern, then compare with the course and an illustrative classmate."""

    def __init__(self, dimension: str = "stance", pair: str = PAIRS[0]):
        if dimension not in coding.DIMENSIONS:
            raise ValueError(f"unknown dimension {dimension!r}; choose one of: {', '.join(coding.DIMENSIONS)}")
        if pair not in PAIRS:
            raise ValueError(f"unknown pair {pair!r}; choose one of: {', '.join(PAIRS)}")
        self._reactions = coding.reactions()
        self._course = {d: coding.course_codes(d) for d in coding.DIMENSIONS}
        self.compared = False
        self.stance_codes, self.concern_codes, rows = [], [], []
        for r in self._reactions.itertuples():
            st = w.Dropdown(options=[("(not coded)", NOT_CODED)] + [(c, c) for c in coding.DIMENSIONS["stance"]],
                            value=NOT_CODED, description=f"Reaction {r.reaction_id} stance", style=_STYLE)
            co = w.Dropdown(options=[("(not coded)", NOT_CODED)] + [(c, c) for c in coding.DIMENSIONS["concern"]],
                            value=NOT_CODED, description=f"Reaction {r.reaction_id} concern", style=_STYLE)
            self.stance_codes.append(st)
            self.concern_codes.append(co)
            text = w.HTML(f"<p><b>{r.reaction_id}.</b> {html.escape(r.paraphrase)} "
                          f"<small>({html.escape(r.speaker)}; reported by {html.escape(r.source)})</small></p>")
            rows.append(w.VBox([text, w.HBox([st, co])]))
        self.compare_button = w.Button(description="Compare my coding", button_style="primary",
                                       tooltip="Compute Cohen's kappa against the course and the classmate",
                                       layout=w.Layout(width="auto"))
        self.dimension = w.ToggleButtons(options=list(coding.DIMENSIONS), value=dimension, description="Compare on",
                                         style=_STYLE)
        self.pair = w.Dropdown(options=list(PAIRS), value=pair, description="Coders", style=_STYLE,
                               layout=w.Layout(width="auto"))
        self.figure = self._build_figure()
        self.status = w.HTML()
        self.table = w.HTML()
        super().__init__(rows + [self.compare_button, w.HBox([self.dimension, self.pair]), self.figure,
                                 self.status, self.table])
        self.compare_button.on_click(lambda _: self.compare())
        for c in [self.dimension, self.pair] + self.stance_codes + self.concern_codes:
            c.observe(lambda _: self._update(), names="value")
        self._update()

    def _build_figure(self) -> go.FigureWidget:
        fig = go.Figure(go.Heatmap(z=[[0]], x=["-"], y=["-"], colorscale=[[0, "#FFFFFF"], [1, PALETTE["blue"]]],
                                   showscale=False, texttemplate="%{z}", xgap=2, ygap=2, name="agreement",
                                   hovertemplate="first coder: %{y}<br>second coder: %{x}<br>reactions: %{z}"
                                                 "<extra></extra>"))
        style_figure(fig, "Where two coders agree (diagonal) and differ", x_title="second coder's code",
                     y_title="first coder's code", height=420)
        fig.update_yaxes(autorange="reversed", type="category")
        fig.update_xaxes(type="category")
        fig.update_layout(margin=dict(l=150, b=90))
        return go.FigureWidget(fig)

    # -- state ------------------------------------------------------------------
    def your_codes(self, dimension: str) -> list[str]:
        controls = self.stance_codes if dimension == "stance" else self.concern_codes
        return [c.value for c in controls]

    def set_codes(self, dimension: str, codes) -> None:
        """Set all your codes on one dimension at once (for instructors and tests)."""
        controls = self.stance_codes if dimension == "stance" else self.concern_codes
        if len(codes) != len(controls):
            raise ValueError(f"give {len(controls)} codes, one per reaction; got {len(codes)}")
        with self.hold_trait_notifications():
            for c, v in zip(controls, codes):
                c.value = v
        self._update()

    def compare(self) -> None:
        self.compared = True
        self._update()

    def coders(self) -> tuple[str, list[str], str, list[str]]:
        """(first name, first codes, second name, second codes) for the chosen pair and dimension."""
        d = self.dimension.value
        you, course, mate = self.your_codes(d), list(self._course[d]), list(coding.ILLUSTRATIVE_CLASSMATE[d])
        return {PAIRS[0]: ("you", you, "the course", course),
                PAIRS[1]: ("you", you, "the classmate", mate),
                PAIRS[2]: ("the classmate", mate, "the course", course)}[self.pair.value]

    def result(self) -> dict | None:
        """Kappa and agreement for the chosen pair on the items both coded; None if not available yet."""
        n1, a, n2, b = self.coders()
        uses_you = n1 == "you"
        if uses_you and not self.compared:
            return None
        keep = [i for i, x in enumerate(a) if x != NOT_CODED]
        if len(keep) < 2:
            return None
        cats = coding.DIMENSIONS[self.dimension.value]
        a2, b2 = [a[i] for i in keep], [b[i] for i in keep]
        lo, hi = coding.one_change_kappa_range(b2, a2, cats)
        return dict(first=n1, second=n2, n=len(keep), total=len(a), kappa=coding.cohens_kappa(a2, b2, cats),
                    agreement=coding.observed_agreement(a2, b2), matrix=coding.agreement_matrix(a2, b2, cats),
                    one_change=(lo, hi))

    @property
    def summary(self) -> str:
        d = self.dimension.value
        r = self.result()
        if r is None:
            n1 = self.coders()[0]
            if n1 == "you" and not self.compared:
                return (f"Code the reactions, then press \"Compare my coding\". The course's {d} codes stay hidden "
                        "until you do.")
            return f"Code at least two reactions on {d} to compare."
        lo, hi = r["one_change"]
        return (f"On {d}, {r['first']} and {r['second']} agree on {int(round(r['agreement'] * r['n']))} of {r['n']} "
                f"reactions ({r['agreement']:.0%}); Cohen's kappa = {r['kappa']:.2f}. "
                + ("" if r["n"] == r["total"] else f"{r['total'] - r['n']} reactions are not coded yet. ")
                + f"Changing just one of {'your' if r['first'] == 'you' else r['first'] + chr(39) + 's'} codes would move kappa to anywhere from {lo:.2f} to "
                  f"{hi:.2f}: with so few items, kappa is unstable.")

    def _update(self) -> None:
        d = self.dimension.value
        cats = list(coding.DIMENSIONS[d])
        r = self.result()
        z = np.zeros((len(cats), len(cats)), dtype=int) if r is None else r["matrix"]
        n1, _, n2, _ = self.coders()
        with self.figure.batch_update():
            h = self.figure.data[0]
            h.z, h.x, h.y = z.tolist(), cats, cats
            h.zmin, h.zmax = 0, max(1, int(z.max()))  # an empty matrix stays white
            self.figure.layout.title.text = self._title(r)
            self.figure.layout.xaxis.title.text = f"{_possessive(n2)} {d} code"
            self.figure.layout.yaxis.title.text = f"{_possessive(n1)} {d} code"
        self.status.value = f"<p role='status'>{html.escape(self.summary)}</p>"
        self.table.value = self._table() if self.compared else ""

    def _title(self, result: dict | None) -> str:
        """What the matrix shows; while it is still empty, how far the student's own coding has got."""
        d = self.dimension.value
        if result is not None:
            return f"Where {result['first']} and {result['second']} agree (diagonal) and differ, on {d}"
        n1, first = self.coders()[:2]
        if n1 == "you" and not self.compared:
            coded = sum(c != NOT_CODED for c in first)
            return f"Your {d} codes: {coded} of {len(first)} done. Then press \"Compare my coding\""
        return f"Code at least two reactions on {d} to compare"

    def _table(self) -> str:
        rows = []
        for i, r in enumerate(self._reactions.itertuples()):
            rows.append("<tr>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in (
                r.reaction_id, self.stance_codes[i].value or "-", r.course_stance,
                coding.ILLUSTRATIVE_CLASSMATE["stance"][i], self.concern_codes[i].value or "-", r.course_concern,
                coding.ILLUSTRATIVE_CLASSMATE["concern"][i], r.coding_note)) + "</tr>")
        head = "".join(f"<th>{h}</th>" for h in ("#", "your stance", "course", "classmate*", "your concern", "course",
                                                  "classmate*", "why the course coded it so"))
        return ("<table><thead><tr>" + head + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
                "<p><small>The course's coding is a judgement, open to dispute. *The classmate is illustrative: "
                "a coding invented by the course as an example.</small></p>")


class ValueWeightingExplorer(w.VBox):
    """Weigh seven values; see how the policy options rank and which weight change flips the leader."""

    def __init__(self, weights=None, scores=None):
        weights = np.full(len(pw.VALUES), 5.0) if weights is None else np.asarray(weights, dtype=float)
        scores = pw.COURSE_SCORES if scores is None else np.asarray(scores, dtype=float)
        pw.weighted_scores(weights, scores)  # validates, raising ValueError with what is allowed
        if (weights > 10).any() or (scores < 0).any() or (scores > 10).any():
            raise ValueError("weights and scores must lie between 0 and 10")
        self.scores = scores.copy()
        # One label width for every weight, so that the sliders line up and their positions can be compared.
        self.weights = [w.IntSlider(value=int(round(x)), min=0, max=10, step=1, description=v,
                                    style={"description_width": "280px"}, continuous_update=False,
                                    layout=w.Layout(width="600px"))
                        for v, x in zip(pw.VALUES, weights)]
        self.score_option = w.Dropdown(options=list(pw.OPTIONS), description="Edit the score of", style=_STYLE,
                                       layout=w.Layout(width="auto"))
        self.score_value = w.Dropdown(options=list(pw.VALUES), description="on the value", style=_STYLE,
                                      layout=w.Layout(width="auto"))
        self.score = w.IntSlider(value=int(self.scores[0, 0]), min=0, max=10, description="Score (0-10)",
                                 style=_STYLE, continuous_update=False)
        self.reset_button = w.Button(description="Reset to the course's scores", tooltip="Undo your edits",
                                     layout=w.Layout(width="auto"))
        label = w.HTML(f"<p><b>{html.escape(pw.ILLUSTRATIVE_LABEL)}</b></p>")
        self.figure = self._build_figure()
        self.status = w.HTML()
        super().__init__([w.HTML("<b>Your weights</b> (0 = does not matter to you, 10 = matters most)"),
                          *self.weights, label, w.HBox([self.score_option, self.score_value], layout=w.Layout(flex_flow="row wrap")),
                          w.HBox([self.score, self.reset_button]), self.figure, self.status])
        for s in self.weights:
            s.observe(lambda _: self._update(), names="value")
        self.score_option.observe(lambda _: self._show_score(), names="value")
        self.score_value.observe(lambda _: self._show_score(), names="value")
        self.score.observe(self._on_score, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self._update()

    def _build_figure(self) -> go.FigureWidget:
        fig = go.Figure(go.Bar(x=[0] * len(pw.OPTIONS), y=list(pw.OPTIONS), orientation="h",
                               marker_color=PALETTE["sky blue"], texttemplate="%{x:.2f}", textposition="outside",
                               name="weighted score",
                               hovertemplate="%{y}<br>weighted score %{x:.2f} of 10<extra></extra>"))
        style_figure(fig, "Policy options ranked by your weights (illustrative scores)",
                     x_title="weighted mean score (0-10)", y_title="policy option", height=420)
        fig.update_xaxes(range=[0, 10.5])
        fig.update_yaxes(categoryorder="total ascending", automargin=True)
        fig.update_layout(margin=dict(l=20))
        return go.FigureWidget(fig)

    def weight_values(self) -> np.ndarray:
        return np.array([s.value for s in self.weights], dtype=float)

    def _show_score(self) -> None:
        i, j = pw.OPTIONS.index(self.score_option.value), pw.VALUES.index(self.score_value.value)
        self.score.value = int(self.scores[i, j])

    def _on_score(self, change) -> None:
        i, j = pw.OPTIONS.index(self.score_option.value), pw.VALUES.index(self.score_value.value)
        if self.scores[i, j] != change["new"]:
            self.scores[i, j] = change["new"]
            self._update()

    def reset(self) -> None:
        self.scores = pw.COURSE_SCORES.copy()
        self._show_score()
        self._update()

    @property
    def summary(self) -> str:
        wts = self.weight_values()
        if wts.sum() == 0:
            return "All weights are 0: give at least one value a weight above 0 to rank the options."
        totals = pw.weighted_scores(wts, self.scores)
        order = pw.ranking(wts, self.scores)
        ranked = "; ".join(f"{k + 1}. {pw.OPTIONS[i]} ({totals[i]:.2f})" for k, i in enumerate(order))
        edited = int((self.scores != pw.COURSE_SCORES).sum())
        text = (f"Weighted mean scores out of 10, best first: {ranked}. "
                + (f"You have edited {edited} of the course's scores. " if edited else
                   "Scores are the course's illustrative judgements. "))
        if np.isclose(totals[order[0]], totals[order[1]]):
            text += "The top two are tied. "
        flips = pw.flip_points(wts, self.scores)
        if not flips:
            return text + "No single weight change from 0 to 10 would change the leader."
        f = flips[0]
        others = len(flips) - 1
        return (text + f"Nearest flip: {f.direction} the weight on '{f.value}' to {f.weight:.0f} and "
                f"'{f.new_leader}' takes the lead"
                + (f"; {others} other values can also flip it on their own." if others else "."))

    def _update(self) -> None:
        wts = self.weight_values()
        totals = np.zeros(len(pw.OPTIONS)) if wts.sum() == 0 else pw.weighted_scores(wts, self.scores)
        lead = int(np.argmax(totals)) if wts.sum() else -1
        colours = [PALETTE["orange"] if i == lead else PALETTE["sky blue"] for i in range(len(pw.OPTIONS))]
        with self.figure.batch_update():
            self.figure.data[0].x = totals.tolist()
            self.figure.data[0].marker.color = colours
        self.status.value = f"<p role='status'>{html.escape(self.summary)}</p>"
