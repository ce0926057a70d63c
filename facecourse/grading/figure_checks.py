"""Check a student's plotly figure and say what is wrong with it in plain words.

nbgrader's own helpers only check matplotlib figures; the course's figures are
plotly.  :func:`problems` returns a list of sentences a student can act on
(an empty list means the figure passes); :func:`assert_good_figure` raises an
``AssertionError`` carrying the same sentences, for use in test cells.

>>> import plotly.graph_objects as go
>>> fig = go.Figure(go.Scatter(x=["a", "b"], y=[0.1, 0.5]))
>>> problems(fig)[0]
'the figure has no title: add one with fig.update_layout(title="...")'
>>> _ = fig.update_layout(title="Share unique", xaxis_title="attributes known", yaxis_title="people unique (%)")
>>> problems(fig, y=[10, 50])
['no trace plots the expected y values (2 values expected; the figure plots: trace 1, scatter, 2 y values)']
>>> problems(fig, y=[10, 50], scales=(1, 0.01))
[]

Works with ``go.Figure``, ``go.FigureWidget`` and plotly express figures (which
are ``go.Figure``).  Anything else raises ``TypeError``.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np
from plotly.basedatatypes import BaseFigure

__all__ = ["problems", "assert_good_figure", "as_figure", "has_units", "PLACEHOLDER_TITLES"]

# Axis titles that plotly express writes by itself when it is given bare lists, or that say nothing.
PLACEHOLDER_TITLES = frozenset({"x", "y", "index", "value", "variable", "0", "1", "title", "x axis", "y axis",
                                "x-axis", "y-axis", "axis", "label", "figure", "plot", "chart", "untitled"})

# Words or signs that say what a number is measured in.  An axis title "passes" if it has text in
# brackets, a % sign, or one of these words.
_UNIT_PATTERN = re.compile(
    r"[(\[].+[)\]]|%|‰|\b(share|shares|proportion|fraction|percent|percentage|per|number|count|counts|people|"
    r"persons|accounts|records|rows|probability|yuan|usd|eur|seconds|minutes|hours|days|years)\b", re.IGNORECASE)


def as_figure(fig) -> BaseFigure:
    """Return ``fig`` if it is a plotly figure; otherwise raise a ``TypeError`` saying what it is."""
    if isinstance(fig, BaseFigure):
        return fig
    kind = type(fig)
    where = f"{kind.__module__}.{kind.__qualname__}"
    if kind.__module__.startswith("matplotlib"):
        hint = "it is a matplotlib figure: build it with plotly (plotly.graph_objects or plotly.express) instead"
    elif fig is None:
        hint = ("it is None — did the cell end with fig.show()? show() returns nothing: keep the figure itself "
                "in the variable (fig = go.Figure(...); then fig.show() on its own line)")
    elif isinstance(fig, dict):
        hint = "it is a dict: wrap it as go.Figure(your_dict)"
    else:
        hint = "expected a plotly figure (go.Figure, go.FigureWidget or a plotly express figure)"
    raise TypeError(f"cannot check a {where}: {hint}")


def has_units(title: str | None) -> bool:
    """Whether an axis title says what its numbers are measured in: '(%)', 'share of people', 'trips per week'…"""
    return bool(title) and bool(_UNIT_PATTERN.search(title))


def _text(title) -> str:
    if title is None:
        return ""
    text = getattr(title, "text", title)
    return (text or "").strip() if isinstance(text, str) or text is None else str(text).strip()


def _axis_title(fig: BaseFigure, axis: str) -> str:
    return _text(fig.layout[f"{axis}axis"].title)


def _values(seq) -> np.ndarray | None:
    """A trace's x or y as a 1-d array, or None when the trace has none."""
    if seq is None:
        return None
    arr = np.asarray(seq, dtype=object).ravel()
    return arr if arr.size else None


def _same(got: np.ndarray | None, expected: np.ndarray, scale: float, rtol: float, atol: float) -> bool:
    if got is None or len(got) != len(expected):
        return False
    if expected.dtype.kind in "fiub":
        try:
            g = got.astype(float)
        except (TypeError, ValueError):
            return False
        return bool(np.allclose(g, expected * scale, rtol=rtol, atol=atol * max(1.0, abs(scale)), equal_nan=False))
    return [str(v) for v in got] == [str(v) for v in expected]


def _expected(values, name: str) -> np.ndarray:
    if isinstance(values, str):
        raise TypeError(f"{name} should be a sequence of values, not a string")
    arr = np.asarray(list(values.values()) if isinstance(values, dict) else list(values))
    if arr.dtype.kind not in "fiub":
        arr = arr.astype(str)
    elif arr.dtype.kind != "f":
        arr = arr.astype(float)
    return arr


def _describe(trace, i: int) -> str:
    y = _values(getattr(trace, "y", None))
    n = 0 if y is None else len(y)
    return f"trace {i + 1}, {trace.type}, {n} y value{'s' if n != 1 else ''}"


def problems(fig, *, x: Sequence | None = None, y: Sequence | None = None, trace_type: str | None = None,
             needs_title: bool = True, needs_axis_titles: bool = True, needs_units: bool | str = True,
             min_title_words: int = 2, scales: Iterable[float] = (1,), rtol: float = 1e-6, atol: float = 1e-9) -> list[str]:
    """Everything wrong with ``fig``, in plain words; an empty list when nothing is.

    ``x``, ``y``: values that one trace must plot (the same trace when both are given; numbers are
    compared with ``rtol``/``atol``, anything else as text, in order).  ``scales``: factors by which
    the plotted y may differ from ``y`` — ``(1, 100)`` accepts shares plotted as percentages.
    ``trace_type``: the kind of trace that must plot them ("scatter", "bar", …).
    ``needs_units``: which axis titles must name a unit — True means the y axis, or give "x", "y" or "xy".
    ``min_title_words``: a title shorter than this many words is reported as too short.
    """
    fig = as_figure(fig)
    scales = tuple(scales)
    if not scales:
        raise ValueError("scales needs at least one factor, e.g. (1,) or (1, 100)")
    out: list[str] = []

    title = _text(fig.layout.title)
    if needs_title:
        if not title:
            out.append('the figure has no title: add one with fig.update_layout(title="...")')
        elif title.lower() in PLACEHOLDER_TITLES:
            out.append(f"the figure's title {title!r} says nothing: say what the figure shows")
        elif len(re.findall(r"\w+", title)) < min_title_words:
            out.append(f"the figure's title {title!r} is too short to say what the figure shows "
                       f"(use at least {min_title_words} words)")

    unit_axes = "y" if needs_units is True else ("" if needs_units is False else str(needs_units))
    for axis in ("x", "y"):
        text = _axis_title(fig, axis)
        if needs_axis_titles or axis in unit_axes:
            if not text:
                out.append(f'the {axis} axis has no title: add one with fig.update_layout({axis}axis_title="...")')
                continue
            if text.lower() in PLACEHOLDER_TITLES:
                out.append(f"the {axis} axis title {text!r} is a placeholder (plotly express writes it when given "
                           f"bare lists): say what the axis shows")
                continue
        if axis in unit_axes and not has_units(text):
            out.append(f"the {axis} axis title {text!r} gives no units — say e.g. '(%)' or 'share of people'")

    traces = list(fig.data)
    if not traces:
        out.append("the figure has no data: add a trace, e.g. fig.add_trace(go.Scatter(x=..., y=...))")
        return out
    if trace_type and not any(t.type == trace_type for t in traces):
        kinds = ", ".join(sorted({t.type for t in traces}))
        out.append(f"the figure has no {trace_type} trace (it has: {kinds})")

    if x is None and y is None:
        return out
    ex = None if x is None else _expected(x, "x")
    ey = None if y is None else _expected(y, "y")
    candidates = [t for t in traces if trace_type is None or t.type == trace_type]

    y_scales = scales if ey is not None and ey.dtype.kind == "f" else (1,)

    def matched_scales(t, xs, ys) -> set:
        """The scales at which trace ``t`` plots the expected values (empty if it does not)."""
        if ex is not None and not _same(_values(xs), ex, 1.0, rtol, atol):
            return set()
        if ey is None:
            return {1}
        return {s for s in y_scales if _same(_values(ys), ey, s, rtol, atol)}

    found_at = set().union(*(matched_scales(t, getattr(t, "x", None), getattr(t, "y", None)) for t in candidates))
    if found_at:
        out += _unit_scale_problems(_axis_title(fig, "y"), found_at, y_scales)
        return out
    if any(matched_scales(t, getattr(t, "y", None), getattr(t, "x", None)) for t in candidates):
        out.append("the expected values are plotted along the x axis: put them on the y axis "
                   "(for a bar chart, drop orientation='h')")
        return out
    what = " and ".join(w for w, v in (("x", ex), ("y", ey)) if v is not None)
    n = len(ey) if ey is not None else len(ex)
    plotted = "; ".join(_describe(t, i) for i, t in enumerate(traces))
    out.append(f"no trace plots the expected {what} values ({n} values expected; the figure plots: {plotted})")
    return out


def _unit_scale_problems(y_title: str, found_at: set, scales: tuple) -> list[str]:
    """When shares and percentages are both accepted, the y axis title must say which one is plotted."""
    if not {1, 100} <= set(scales) or len(found_at) != 1:
        return []  # only one scale allowed, or the values read the same at both (e.g. all zero)
    says_percent = "%" in y_title or re.search(r"\bper ?cent", y_title, re.IGNORECASE) is not None
    says_share = re.search(r"\b(share|proportion|fraction)\b", y_title, re.IGNORECASE) is not None
    if found_at == {1} and says_percent:
        return [f"the y axis title {y_title!r} says percent, but the values plotted are shares from 0 to 1: "
                "multiply them by 100, or call the axis a share"]
    if found_at == {100} and says_share and not says_percent:
        return [f"the y axis title {y_title!r} says share, but the values plotted are percentages: "
                "divide them by 100, or put '(%)' in the axis title"]
    return []


def assert_good_figure(fig, **kw) -> None:
    """Raise ``AssertionError`` listing every problem :func:`problems` finds (same keywords)."""
    found = problems(fig, **kw)
    if found:
        raise AssertionError("The figure is not finished yet:\n- " + "\n- ".join(found))
