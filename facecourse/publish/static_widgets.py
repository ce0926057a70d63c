"""Widgets as static HTML, for the site: each view becomes a rendering of its *initial* state.

plotly FigureWidgets become plotly figures (still interactive: hover, zoom); controls become their
labels and starting values, with a note on how to run the lesson live; questions and predictions
say where to answer them.  (A worked-number reveal, :mod:`facecourse.reveal`, is plain HTML and needs
nothing here: it stays a closed ``<details>`` on the page.)  Used by :mod:`.site`.
"""

from __future__ import annotations

import html
import math
import re

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
CHECK_MARK = "# NBVAL_CHECK_OUTPUT"
LIVE_NOTE = ("Static preview: the controls below show their starting values and cannot be moved here; "
             "the figure still responds to hover and zoom. <b>Run this lesson in JupyterLab to move the "
             "controls</b> (<code>make lab</code>; see the course README).")
QUESTION_NOTE = "Run this lesson in JupyterLab to choose an answer and check it; feedback appears instantly there."
PREDICTION_NOTE = ("Run this lesson in JupyterLab to lock in your prediction before you explore; nothing you enter "
                   "is recorded.")


_SI = {-12: "p", -9: "n", -6: "µ", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T"}


def format_number(value, fmt: str | None) -> str:
    """A slider's readout as ipywidgets shows it (the d3-format subset the course uses)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " – ".join(format_number(v, fmt) for v in value)
    fmt = fmt or ""
    try:
        if fmt.endswith("s"):  # d3's SI prefix format, e.g. ".3s" -> 100M
            digits = int(fmt[1:-1] or 6) if fmt.startswith(".") else 6
            v = float(value)
            if v == 0:
                return "0"
            exp = max(-12, min(12, int(math.floor(math.log10(abs(v)) / 3) * 3)))
            return f"{v / 10 ** exp:.{digits}g}{_SI[exp]}"
        if fmt:
            return format(value, fmt.lstrip("~,"))
    except (ValueError, TypeError):
        pass
    return f"{value:,}" if isinstance(value, int) else f"{value:g}" if isinstance(value, float) else str(value)


class StaticWidgets:
    """Renders widget views from a notebook's saved widget state as plain, accessible HTML."""

    def __init__(self, state: dict, figures: dict | None = None, plotly_config: dict | None = None):
        self.state = state
        self.live_figures = figures or {}
        self.config = {"responsive": True, "displaylogo": False, **(plotly_config or {})}
        self.figures = 0
        self.counter = 0

    def model(self, ref: str) -> dict:
        key = ref[len("IPY_MODEL_"):] if ref.startswith("IPY_MODEL_") else ref
        return self.state.get(key, {"model_name": "Missing", "state": {}})

    def contains(self, ref: str, names: set[str]) -> bool:
        m = self.model(ref)
        return m["model_name"] in names or any(self.contains(c, names) for c in m["state"].get("children", []))

    def view(self, model_id: str) -> str:
        """A top-level widget output: the rendering plus a note on running it live."""
        if "fc-prediction" in self.model(model_id)["state"].get("_dom_classes", []):
            note = PREDICTION_NOTE
        elif self.contains(model_id, {"AnyModel"}) or self.contains(
                model_id, {"FloatSliderModel", "IntSliderModel", "FloatLogSliderModel", "DropdownModel"}):
            note = LIVE_NOTE
        elif self.contains(model_id, {"ButtonModel"}):
            note = QUESTION_NOTE
        else:
            note = ""
        body = self.render(model_id)
        note_html = f'<p class="fc-live-note">{note}</p>' if note else ""
        return f'<div class="fc-widget">{note_html}{body}</div>'

    def render(self, ref: str) -> str:
        m = self.model(ref)
        name, s = m["model_name"], m["state"]
        desc = html.escape(str(s.get("description") or ""))
        label = f'<span class="fc-label">{desc}</span> ' if desc else ""
        if name in ("VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel"):
            kind = "fc-hbox" if name == "HBoxModel" else "fc-vbox"
            return f'<div class="{kind}">' + "".join(self.render(c) for c in s.get("children", [])) + "</div>"
        if name in ("HTMLModel", "HTMLMathModel"):
            return f'<div class="fc-html">{label}{s.get("value", "")}</div>' if (s.get("value") or desc) else ""
        if name == "LabelModel":
            return f'<p class="fc-html">{html.escape(str(s.get("value", "")))}</p>'
        if name in ("FloatSliderModel", "IntSliderModel", "FloatLogSliderModel", "FloatRangeSliderModel",
                    "IntRangeSliderModel"):
            value = format_number(s.get("value"), s.get("readout_format") or ("d" if "Int" in name else ".2f"))
            lo = format_number(s.get("min") if name != "FloatLogSliderModel" else (s.get("base") or 10) ** s["min"],
                               s.get("readout_format"))
            hi = format_number(s.get("max") if name != "FloatLogSliderModel" else (s.get("base") or 10) ** s["max"],
                               s.get("readout_format"))
            return (f'<p class="fc-control">{label}<span class="fc-value">{html.escape(value)}</span>'
                    f' <span class="fc-range">(slider, {html.escape(lo)} to {html.escape(hi)})</span></p>')
        if name in ("DropdownModel", "ToggleButtonsModel", "SelectModel"):
            labels = s.get("_options_labels", [])
            index = s.get("index")
            value = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else "—"
            others = ", ".join(html.escape(x) for x in labels)
            return (f'<p class="fc-control">{label}<span class="fc-value">{html.escape(value)}</span>'
                    f' <span class="fc-range">(choices: {others})</span></p>')
        if name == "RadioButtonsModel":
            labels = s.get("_options_labels", [])
            index = s.get("index")
            items = "".join(
                f'<li>{html.escape(x)}{" <b>(selected)</b>" if i == index else ""}</li>' for i, x in enumerate(labels))
            return f'<div class="fc-control">{label}<ul class="fc-choices">{items}</ul></div>'
        if name in ("CheckboxModel", "ToggleButtonModel"):
            mark = "☑" if s.get("value") else "☐"
            state = "on" if s.get("value") else "off"
            return (f'<p class="fc-control"><span aria-hidden="true">{mark}</span> {desc} '
                    f'<span class="fc-range">({state})</span></p>')
        if name in ("TextModel", "BoundedFloatTextModel", "BoundedIntTextModel", "FloatTextModel", "IntTextModel",
                    "TextareaModel"):
            value = s.get("value")
            shown = html.escape(format_number(value, None) if isinstance(value, (int, float)) else str(value or ""))
            if not shown:
                shown = f'<i>{html.escape(s.get("placeholder") or "empty")}</i>'
            return f'<p class="fc-control">{label}<span class="fc-value">{shown}</span></p>'
        if name == "ButtonModel":
            return ""  # a button does nothing in a static page; the note says where it works
        if name == "OutputModel":
            return "".join(_output_html(o) for o in s.get("outputs", []))
        if name == "AnyModel" and "ControlNames" in str(s.get("_anywidget_id", "")):
            return ""  # names slider handles in JupyterLab; the static page has no sliders
        if name == "AnyModel" and "plotly" in str(s.get("_anywidget_id", "")):
            return self.figure(m, self.live_figures.get(ref.removeprefix("IPY_MODEL_")))
        return f'<p class="fc-control"><i>({html.escape(name.removesuffix("Model"))}: shown only in JupyterLab)</i></p>'

    def figure(self, model: dict, live: dict | None = None) -> str:
        import plotly.io as pio

        if live is None:  # only the figure as first sent: later changes are not in the saved state
            s = _with_buffers(model)
            live = {"data": list(s.get("_widget_data") or []), "layout": dict(s.get("_widget_layout") or {})}
        layout = dict(live.get("layout") or {})
        layout.pop("width", None)  # responsive: as wide as the page (a phone, a projector)
        fig = {"data": list(live.get("data") or []), "layout": layout}
        self.figures += 1
        self.counter += 1
        title = (layout.get("title") or {}).get("text") or "course figure"
        div = pio.to_html(fig, include_plotlyjs=False, full_html=False, config=self.config,
                          div_id=f"fc-figure-{self.counter}", validate=False)
        plain = re.sub(r"<[^>]+>", "", title)
        # Side-by-side panels are unreadable squeezed to a phone's width: keep them wide and let
        # the reader scroll sideways (see the phone rule in CSS).
        panels = sum(1 for k in layout if re.fullmatch(r"xaxis\d*", k))
        wide = " fc-figure-wide" if panels > 1 else ""
        return (f'<div class="fc-figure{wide}" role="figure" aria-label="{html.escape(plain, quote=True)}">'
                f"{div}</div>")


def _with_buffers(model: dict) -> dict:
    """A widget's state with its binary buffers (numpy arrays sent as bytes) turned back into lists."""
    import base64
    import copy

    import numpy as np

    state = copy.deepcopy(model["state"])
    for buf in model.get("buffers", []):
        node = state
        try:
            for key in buf["path"][:-1]:
                node = node[key]
        except (KeyError, IndexError, TypeError):
            continue  # a buffer of a transient message (e.g. _py2js_update), since reset
        if not isinstance(node, (dict, list)):
            continue
        raw = base64.b64decode(buf["data"]) if buf.get("encoding", "base64") == "base64" else bytes.fromhex(buf["data"])
        node[buf["path"][-1]] = raw

    def convert(x):
        if isinstance(x, dict):
            if "dtype" in x and "buffer" in x and isinstance(x["buffer"], bytes):
                arr = np.frombuffer(x["buffer"], dtype=x["dtype"])
                return arr.reshape(x.get("shape") or arr.shape).tolist()
            return {k: convert(v) for k, v in x.items()}
        if isinstance(x, list):
            return [convert(v) for v in x]
        return x

    return convert(state)


def _output_html(out) -> str:
    data = out.get("data", {})
    if "text/html" in data:
        return "".join(data["text/html"])
    if out.get("output_type") == "stream":
        return f"<pre>{html.escape(''.join(out.get('text', '')))}</pre>"
    if "text/plain" in data:
        return f"<pre>{html.escape(''.join(data['text/plain']))}</pre>"
    return ""


def make_static(nb) -> int:
    """Replace every widget view in ``nb`` by static HTML; drop the widget state. Returns the figure count."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    statics = StaticWidgets(state, nb.metadata.get("facecourse_figures"))
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.source = "\n".join(ln for ln in cell.source.splitlines() if ln.strip() != CHECK_MARK)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                out["data"] = {"text/html": statics.view(data[WIDGET_VIEW]["model_id"])}
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("facecourse_figures", None)
    return statics.figures
