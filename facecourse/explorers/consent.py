"""Consent scenario explorer (lesson 04): which legal tests a use of a face meets, by jurisdiction.

Choose a use of a face and a jurisdiction, predict what the law requires, then
reveal the course's reading: the tests that apply, the facts that decide them
and the provisions cited, each with its source.  The chart is a matrix of uses
× tests for the chosen jurisdiction; a row stays hidden ("?") until the student
has predicted and revealed it.  Teaching material, not legal advice.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from ..data import COURSE_READINGS, FACE_USES, LEGAL_JURISDICTIONS, LEGAL_TESTS, TEST_ROLES
from ..models import legal
from .style import PALETTE, style_figure

__all__ = ["ConsentScenarioExplorer", "JURISDICTION_LABELS", "NOT_LEGAL_ADVICE"]

JURISDICTION_LABELS = {
    "China": "China (from November 2021)",
    "European Union": "EU (GDPR)",
    "Illinois (United States)": "Illinois (BIPA)",
}
NOT_LEGAL_ADVICE = ("Teaching material, not legal advice: where a row says \"the course's reading\", the application "
                    "of the law to this use is the course's interpretation, and you may dispute it.")

# Cell codes in the matrix, and how each is drawn (colour + text, so colour is never the only cue).
HIDDEN, NOT_ASKED = -1, 0
ROLE_CODE = {"applies": 1, "displaced by mandate": 2, "decisive": 3}
CELL_TEXT = {HIDDEN: "?", NOT_ASKED: "", 1: "applies", 2: "mandate", 3: "DECISIVE"}
_COLOURS = ["#DDDDDD", "#FFFFFF", PALETTE["sky blue"], PALETTE["yellow"], PALETTE["orange"]]
# zmin=-1, zmax=3: each of the five codes gets one band of a stepped colour scale.
_COLOURSCALE = [[edge, c] for i, c in enumerate(_COLOURS) for edge in (i / 5, (i + 1) / 5)]
# One word a line (nine columns share about 500 pixels): on one or two lines, neighbouring names ran together.
_TEST_AXIS = [t.replace("-", "-<br>").replace(" ", "<br>") for t in LEGAL_TESTS]
_USE_TICKS = [u.replace(" ", "<br>", 1) for u in FACE_USES]


def _build_codes() -> dict[str, np.ndarray]:
    """For each jurisdiction, a (uses × tests) array of role codes; NOT_ASKED where the law asks nothing."""
    t = legal.scenario_tests()
    codes = {}
    for j in LEGAL_JURISDICTIONS:
        m = np.zeros((len(FACE_USES), len(LEGAL_TESTS)), dtype=float)
        part = t[t["jurisdiction"] == j]
        rows = part["scenario"].map({s: i for i, s in enumerate(FACE_USES)}).to_numpy()
        cols = part["test"].map({x: i for i, x in enumerate(LEGAL_TESTS)}).to_numpy()
        m[rows, cols] = part["role"].map(ROLE_CODE).to_numpy()
        codes[j] = m
    return codes


class ConsentScenarioExplorer(w.VBox):
    """Pick a use and a jurisdiction, predict, reveal; the matrix fills in as rows are revealed.

    ``reveal_all=True`` starts with every row revealed (for instructors, and for review).
    """

    def __init__(self, use: str = "park entry", jurisdiction: str = "China", reveal_all: bool = False):
        if use not in FACE_USES:
            raise ValueError(f"unknown use of a face {use!r}; choose one of: {', '.join(FACE_USES)}")
        if jurisdiction not in LEGAL_JURISDICTIONS:
            raise ValueError(f"unknown jurisdiction {jurisdiction!r}; choose one of: {', '.join(LEGAL_JURISDICTIONS)}")
        if not isinstance(reveal_all, bool):
            raise ValueError(f"reveal_all must be True or False; got {reveal_all!r}")
        self._codes = _build_codes()
        self._readings = {(r.scenario, r.jurisdiction): r._asdict() for r in legal.scenarios().itertuples()}
        self._details: dict[tuple[str, str], str] = {}
        self.revealed: set[tuple[str, str]] = (
            {(s, j) for s in FACE_USES for j in LEGAL_JURISDICTIONS} if reveal_all else set())
        style = {"description_width": "initial"}
        self.use = w.Dropdown(options=list(FACE_USES), value=use, description="Use of a face", style=style)
        self.jurisdiction = w.Dropdown(options=[(JURISDICTION_LABELS[j], j) for j in LEGAL_JURISDICTIONS],
                                       value=jurisdiction, description="Jurisdiction", style=style)
        self.design = w.HTML()
        self.prediction = w.RadioButtons(options=list(COURSE_READINGS), value=None, description="Your prediction",
                                         style=style, layout=w.Layout(width="auto"))
        self.reveal_button = w.Button(description="Reveal the course's reading", button_style="primary",
                                      tooltip="Show the tests, the deciding facts and the provisions cited",
                                      layout=w.Layout(width="auto"))
        self.figure = self._build_figure()
        self.status = w.HTML()
        self.answer = w.HTML()
        super().__init__([w.HBox([self.use, self.jurisdiction]), self.design, self.prediction, self.reveal_button,
                          self.figure, self.status, self.answer])
        self.use.observe(self._on_choice, names="value")
        self.jurisdiction.observe(self._on_choice, names="value")
        self.reveal_button.on_click(lambda _: self.reveal())
        self._update()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> go.FigureWidget:
        fig = go.Figure(go.Heatmap(
            z=np.full((len(FACE_USES), len(LEGAL_TESTS)), HIDDEN, dtype=float), x=_TEST_AXIS, y=list(FACE_USES),
            zmin=-1, zmax=3, colorscale=_COLOURSCALE, showscale=False, xgap=2, ygap=2,
            text=[["?"] * len(LEGAL_TESTS)] * len(FACE_USES), texttemplate="%{text}", textfont=dict(size=12),
            hovertemplate="%{y} × %{x}: %{text}<extra></extra>", name="legal tests",
        ))
        style_figure(fig, "Which legal tests apply", x_title="legal test", y_title="use of a face", height=450)
        fig.update_yaxes(autorange="reversed", type="category", tickvals=list(FACE_USES), ticktext=_USE_TICKS)
        fig.update_xaxes(type="category", side="bottom", tickangle=0, tickfont=dict(size=12))
        fig.add_shape(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=-0.5, y1=0.5,
                      line=dict(color=PALETTE["black"], width=3), fillcolor="rgba(0,0,0,0)")
        fig.update_layout(margin=dict(l=120, b=110))
        return go.FigureWidget(fig)

    # -- state ------------------------------------------------------------------
    @property
    def choice(self) -> tuple[str, str]:
        return self.use.value, self.jurisdiction.value

    def is_revealed(self) -> bool:
        return self.choice in self.revealed

    def matrix(self) -> np.ndarray:
        """Cell codes shown for the current jurisdiction (HIDDEN for rows not yet revealed)."""
        j = self.jurisdiction.value
        m = self._codes[j].copy()
        hidden = np.array([(s, j) not in self.revealed for s in FACE_USES])
        m[hidden, :] = HIDDEN
        return m

    def reveal(self) -> bool:
        """Reveal the current row if a prediction was made; returns whether it was revealed."""
        if self.prediction.value is None and not self.is_revealed():
            self.answer.value = ("<p role='status'><b>Predict first.</b> Choose what you think the law requires "
                                 "for this use, then press the button.</p>")
            return False
        self.revealed.add(self.choice)
        self._update()
        return True

    @property
    def summary(self) -> str:
        use, j = self.choice
        shown = sum((s, j) in self.revealed for s in FACE_USES)
        head = (f"The matrix shows, for {JURISDICTION_LABELS[j]}, which of {len(LEGAL_TESTS)} legal tests apply to "
                f"each of {len(FACE_USES)} uses of a face; {shown} of {len(FACE_USES)} rows are revealed. "
                f"The framed row is {use}. ")
        if (use, j) not in self.revealed:
            return head + "Its row is hidden until you predict and reveal."
        row = self._codes[j][FACE_USES.index(use)]
        named = {role: [t for t, c in zip(LEGAL_TESTS, row) if c == ROLE_CODE[role]] for role in TEST_ROLES}
        parts = [f"{role}: {', '.join(named[role])}" for role in ("decisive", "displaced by mandate", "applies")
                 if named[role]]
        return head + "Its tests are " + "; ".join(parts) + f". The course's reading: {self._readings[use, j]['course_reading']}."

    # -- updates ----------------------------------------------------------------
    def _on_choice(self, change=None):
        self.prediction.value = None
        self._update()

    def _update(self):
        use, j = self.choice
        m = self.matrix()
        row = FACE_USES.index(use)
        with self.figure.batch_update():
            self.figure.data[0].z = m
            self.figure.data[0].text = np.vectorize(CELL_TEXT.get)(m.astype(int))
            self.figure.layout.shapes[0].y0 = row - 0.5
            self.figure.layout.shapes[0].y1 = row + 0.5
            self.figure.layout.title.text = (f"Which legal tests apply: {JURISDICTION_LABELS[j]}"
                                             "<br><sup>the course's reading; not legal advice</sup>")
        r = self._readings[use, j]
        self.design.value = (f"<p><b>The use, as designed:</b> {html.escape(r['use_as_designed'])}"
                             f"<small>{_fact_source(r['source'], '; use and facts: ')}</small><br>"
                             "<small>What does the law require? Predict, then reveal.</small></p>")
        self.status.value = (f"<p role='status' aria-live='polite'>{html.escape(self.summary)} "
                             "<small>Key: DECISIVE = the outcome turns on it; applies = must be met; "
                             "mandate = consent test displaced by a legal obligation; blank = not asked by this "
                             "law (in the course's reading); ? = not yet revealed.</small></p>")
        self.answer.value = self._answer_html() if self.is_revealed() else (
            "<p><i>Make your prediction above, then press <b>Reveal the course's reading</b>.</i></p>")

    def _answer_html(self) -> str:
        use, j = self.choice
        r = self._readings[use, j]
        verdict = ""
        if self.prediction.value is not None:
            if self.prediction.value == r["course_reading"]:
                verdict = "Your prediction matches the course's reading."
            else:
                verdict = (f"You predicted <i>{html.escape(self.prediction.value)}</i>. The course reads it "
                           "differently — compare your reasons with those below; a good argument for your answer "
                           "is worth making in discussion.")
        if (use, j) not in self._details:
            self._details[use, j] = _details_html(use, j)
        basis = "stated in a provision or ruling" if r["basis"].startswith("stated") else "the course's own interpretation"
        return (
            "<div style='border:1px solid #999;padding:8px;font-size:14px;line-height:1.45'>"
            f"<p><b>The course's reading:</b> {html.escape(r['course_reading'])} "
            f"<small>(basis: {html.escape(basis)})</small>. {verdict}</p><p>{html.escape(r['reasoning'])}</p>"
            f"{self._details[use, j]}</div>"
        )


def _details_html(use: str, j: str) -> str:
    """The tests table for one use and jurisdiction, with deciding facts and cited provisions (HTML)."""
    tests = legal.tests_for(use, j)
    rows = []
    for t in tests.itertuples():
        cites = legal.cited_provisions(t.provision_ids)
        cite_html = "<br>".join(
            f"<b>{html.escape(c.instrument)}, {html.escape(c.article)}</b> <small>(Source: "
            f"{html.escape(c.source)})</small>" for c in cites.itertuples())
        rows.append(f"<tr><td><b>{html.escape(t.test)}</b><br><small>{html.escape(t.role)}</small></td>"
                    f"<td>{html.escape(t.deciding_facts)}<br><small><i>{html.escape(t.basis)}</i>"
                    f"{_fact_source(t.source, '; facts: ')}"
                    f"</small></td><td>{cite_html}</td></tr>")
    not_asked = [x for x in LEGAL_TESTS if x not in set(tests["test"])]
    return (
        "<table style='border-collapse:collapse'><thead><tr><th>test</th><th>the facts that decide it</th>"
        f"<th>provisions cited</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p><small>Not asked by this law, in the course's reading: {html.escape(', '.join(not_asked)) or 'none'}."
        f"</small></p><p><small><b>{html.escape(NOT_LEGAL_ADVICE)}</b></small></p>"
    )


def _fact_source(source: str, marker: str) -> str:
    """The part of a ``source`` cell naming the sources of the facts (beyond the provisions cited), as HTML."""
    return f" · Source: {html.escape(source.split(marker, 1)[1])}" if marker in source else ""
