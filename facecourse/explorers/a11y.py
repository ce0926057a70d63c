"""Accessible names for the explorers' sliders.

ipywidgets 8 draws a slider's handle as ``<div role="slider">`` (noUiSlider) and never links it to
the slider's visible description, so a screen reader announces only a number and axe-core reports
"ARIA input fields must have an accessible name".  :class:`ControlNames` is an invisible widget
that, wherever it is displayed, gives every slider handle in the same output the text of its
label as ``aria-label`` (and keeps doing so as the sliders re-render).  :func:`name_controls`
adds one to every explorer of a class.
"""

from __future__ import annotations

import functools

import anywidget

__all__ = ["ControlNames", "name_controls"]

_ESM = """
function nameHandles(root) {
  root.querySelectorAll('.widget-slider').forEach(function (slider) {
    var label = slider.querySelector('.widget-label');
    var text = label ? label.textContent.trim() : '';
    if (!text) return;
    slider.querySelectorAll('[role="slider"]').forEach(function (handle) {
      if (handle.getAttribute('aria-label') !== text) handle.setAttribute('aria-label', text);
    });
  });
}
export default {
  render({ el }) {
    el.style.display = 'none';
    el.setAttribute('aria-hidden', 'true');
    var root = el.closest('.jp-OutputArea-output, .output_subarea, .widget-vbox') || document.body;
    var queued = false;
    var run = function () { queued = false; nameHandles(root); };
    var observer = new MutationObserver(function () {
      if (!queued) { queued = true; requestAnimationFrame(run); }
    });
    observer.observe(root, { childList: true, subtree: true });
    setTimeout(run, 0);
    return function () { observer.disconnect(); };
  }
};
"""


class ControlNames(anywidget.AnyWidget):
    """Invisible helper: names the slider handles of the explorer it is part of (see module doc)."""

    _esm = _ESM


def name_controls(cls):
    """Make every instance of the explorer class ``cls`` (a Box) end with a :class:`ControlNames`."""
    if getattr(cls.__init__, "_names_controls", False):
        return cls
    original = cls.__init__

    @functools.wraps(original)
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if not any(isinstance(c, ControlNames) for c in self.children):
            self.children = (*self.children, ControlNames())

    __init__._names_controls = True
    cls.__init__ = __init__
    return cls
