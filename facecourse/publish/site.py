"""The static, offline web version of the lessons (``make site`` -> ``site/``).

``python -m facecourse.publish.site [--out site]`` executes every lesson in
``lessons/`` (nbclient, one fresh kernel each), turns every widget into a
static rendering of its *initial* state -- plotly FigureWidgets become plotly
figures (still interactive: hover, zoom), controls become their labels and
starting values, with a note on how to run the lesson live -- and writes one
HTML page per lesson plus ``index.html`` in course order, and the glossary and setup guides (``DOC_PAGES``).

Nothing is fetched from the network, to build or to view: nbconvert's CDN
scripts (require.js, MathJax, mermaid, the widget manager) are left out of the
template, and plotly.js is copied once from the installed plotly package to
``site/plotly.min.js``.  The pages work from ``file://`` on a laptop or from
any static web server (a phone on the course's wiki, an LMS).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .static_widgets import make_static

REPO = Path(__file__).resolve().parents[2]
LESSONS_DIR = REPO / "lessons"
# The guides a lesson links to, rendered as pages of the site too (name in docs/ -> page).
DOC_PAGES = {"glossary.md": "glossary.html", "setup.md": "setup.html"}
COURSE = "Faces, Phones and the State"
FIGURES_MIME = "application/vnd.facecourse.figures+json"
# Appended (for the build only) after a lesson's last cell: every live FigureWidget's figure as it is now.
# The saved widget state alone is not enough: a FigureWidget's later changes travel as messages.
COLLECT_FIGURES = f"""\
import json as _fc_json
import plotly.graph_objects as _fc_go
from IPython.display import display as _fc_display
from ipywidgets.widgets.widget import _instances as _fc_instances
_fc_display({{"{FIGURES_MIME}": {{k: _fc_json.loads(w.to_json()) for k, w in list(_fc_instances.items())
                                 if isinstance(w, _fc_go.FigureWidget)}}}}, raw=True)
"""


class SiteError(RuntimeError):
    """A lesson failed to run, or produced error output."""


@dataclass
class Page:
    source: Path
    slug: str
    title: str
    summary: str
    html_name: str
    errors: list[str] = field(default_factory=list)
    figures: int = 0


def lesson_paths(lessons_dir: Path = LESSONS_DIR) -> list[Path]:
    """The lessons in course order (their file names start with the two-digit lesson number)."""
    return sorted(Path(lessons_dir).glob("[0-9][0-9]-*.ipynb"))


# -- executing ------------------------------------------------------------------------------------------
DEFAULT_TRANSPORT = "ipc" if os.name == "posix" else "tcp"


def execute(path: Path, timeout: int = 180, transport: str = DEFAULT_TRANSPORT) -> nbformat.NotebookNode:
    """Run one lesson in a fresh kernel (cwd: the lesson's folder), keeping its widget state.

    ``transport="ipc"`` talks to the kernel over Unix sockets, so it also works where there is no
    network at all, not even loopback (a fresh network namespace).
    """
    from jupyter_client import AsyncKernelManager
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(COLLECT_FIGURES, metadata={"facecourse_site": "collect"}))
    scratch = Path(tempfile.mkdtemp(prefix="facecourse-kernel-"))
    try:
        kw = {"transport": "ipc", "ip": str(scratch / "kernel")} if transport == "ipc" else {}
        km = AsyncKernelManager(kernel_name="python3", **kw)  # nbclient wants the async manager
        NotebookClient(nb, km=km, timeout=timeout, allow_errors=True, record_timing=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    collector = nb.cells.pop()
    figures = {}
    for out in collector.get("outputs", []):
        figures.update(out.get("data", {}).get(FIGURES_MIME, {}))
        if out.get("output_type") == "error":
            nb.cells.append(collector)  # keep it, so the error is reported
    nb.metadata["facecourse_figures"] = figures
    return nb


def error_outputs(nb) -> list[str]:
    """Every error and stderr output in an executed notebook, as one line each."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i}: stderr: {''.join(out.get('text', ''))[:300]}")
    return found


# -- pages --------------------------------------------------------------------------------------------------
SITE_CSS = """
:root { --fc-text: #1a1a1a; --fc-muted: #4a4a4a; --fc-accent: #005a9c; --fc-note: #fff6d6; }
body.jp-Notebook { margin: 0; padding: 0; color: var(--fc-text); }
main { max-width: 1100px; margin: 0 auto; padding: 0 16px 32px; box-sizing: border-box; }
.fc-site-header, .fc-site-footer { max-width: 1100px; margin: 0 auto; padding: 10px 16px; box-sizing: border-box;
  font-family: var(--jp-ui-font-family); font-size: 15px; display: flex; flex-wrap: wrap; gap: 8px 20px; }
.fc-site-header { border-bottom: 1px solid #ccc; }
.fc-site-header nav, .fc-site-footer nav { display: flex; flex-wrap: wrap; gap: 6px 20px; }
.fc-site-footer { border-top: 1px solid #ccc; margin-top: 24px; }
.fc-site-header a, .fc-site-footer a, .fc-index a { color: var(--fc-accent); }
.fc-banner { background: var(--fc-note); border-left: 4px solid #8a6d00; padding: 8px 12px; margin: 12px 0;
  font-family: var(--jp-ui-font-family); font-size: 15px; line-height: 1.5; }
.fc-live-note { background: var(--fc-note); border-left: 4px solid #8a6d00; padding: 6px 10px; margin: 4px 0 8px;
  font-size: 14px; line-height: 1.5; }
.fc-widget { max-width: 100%; overflow-x: auto; }
.fc-control { margin: 4px 0; line-height: 1.5; }
.fc-label { font-weight: 600; }
.fc-label::after { content: ":"; }
.fc-value { font-variant-numeric: tabular-nums; background: #eef3f8; padding: 0 4px; border-radius: 3px; }
.fc-range { color: var(--fc-muted); font-size: 90%; }
.fc-hbox { display: flex; flex-wrap: wrap; gap: 4px 24px; align-items: baseline; }
.fc-choices { margin: 4px 0 8px; }
.fc-figure { width: 100%; margin: 6px 0; }
.jp-RenderedHTMLCommon a, .jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited {
  color: var(--fc-accent); text-decoration: underline; }
/* Code colours dark enough for WCAG AA (4.5:1) on the code cells' grey */
:root { --jp-mirror-editor-comment-color: #2f6262; --jp-mirror-editor-operator-color: #7a18b8; }
.jp-RenderedHTMLCommon table { display: block; max-width: 100%; overflow-x: auto; }
.jp-OutputArea-output { overflow-x: auto; }
.fc-index ol { padding-left: 1.4em; }
.fc-index li { margin: 0 0 14px; line-height: 1.5; }
.fc-index .fc-summary { display: block; color: var(--fc-muted); }
@media (max-width: 600px) {
  main { padding: 0 8px 24px; }
  .jp-RenderedHTMLCommon { padding-right: 0; font-size: 15px; }
  .jp-Cell { padding: 2px 0; }
  .jp-InputArea-editor { font-size: 12px; }
  .jp-RenderedHTMLCommon h1 { font-size: 1.6em; }
  .fc-figure-wide { overflow-x: auto; }
  .fc-figure-wide > div { min-width: 660px; }
  .fc-figure-wide::before { content: "Two panels side by side: scroll sideways to see both."; display: block;
    font-size: 13px; color: var(--fc-muted); }
}
"""

# On a phone, the course's figures (made for a notebook ~900 px wide) get smaller type, tighter margins
# and titles wrapped onto two lines, so nothing is cut off at 390 px.
PHONE_JS = """
window.addEventListener('load', function () {
  var done = function () { document.documentElement.dataset.fcLayout = 'done'; };  // tests wait for this
  if (!window.Plotly || window.innerWidth >= 700) { done(); return; }
  var pending = [];
  document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
    var lay = gd.layout || {}, title = ((lay.title || {}).text || ''), upd = {
      'font.size': 10, 'title.font.size': 13, 'legend.font.size': 10, 'hoverlabel.font.size': 11,
      'margin.l': 48, 'margin.r': 12};
    if (title.length > 38 && title.indexOf('<br>') < 0) {
      var mid = Math.floor(title.length / 2), cut = title.lastIndexOf(' ', mid);
      if (cut < 10) cut = title.indexOf(' ', mid);
      if (cut > 0) { upd['title.text'] = title.slice(0, cut) + '<br>' + title.slice(cut + 1); upd['margin.t'] = 90; }
    }
    (lay.annotations || []).forEach(function (a, i) { upd['annotations[' + i + '].font.size'] = 10; });
    pending.push(Plotly.relayout(gd, upd));
  });
  Promise.all(pending).then(done, done);
});
"""

TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{# nbconvert's lab template, minus everything it would fetch from a CDN. #}
{%- block html_head_js -%}
<script src="plotly.min.js"></script>
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<style type="text/css">{{ resources.fc.css }}</style>{%- endblock html_head_css -%}
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
<header class="fc-site-header"><nav aria-label="Lessons (top)"><a href="index.html">{{ resources.fc.course }}: all lessons</a>
{{ resources.fc.nav }}</nav></header>
<main>
<p class="fc-banner">{{ resources.fc.banner }}</p>
{%- endblock body_header -%}
{% block body_footer %}
</main>
<footer class="fc-site-footer"><nav aria-label="Lessons (bottom)"><a href="index.html">All lessons</a>
{{ resources.fc.nav }}</nav></footer>
<script>{{ resources.fc.js }}</script>
</body>
{% endblock body_footer %}
"""

BANNER = ("Static copy of this lesson, run when the site was built. Plots respond to hover and zoom; explorers and "
          "questions show their starting state. To move the controls and check your answers, open "
          "<code>lessons/{name}</code> in JupyterLab (<code>make lab</code>).")


def _first_heading(nb) -> tuple[str, str]:
    """The lesson's title (its first # heading) and a one-line summary (the first bulleted question)."""
    title, summary = "", ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        if not title:
            m = re.search(r"^# (.+)$", cell.source, re.M)
            if m:
                title = m.group(1).strip()
        if not summary:
            m = re.search(r"^- (.+)$", cell.source, re.M)
            if m:
                summary = m.group(1).strip()
        if title and summary:
            break
    return title, summary


def _markdown_inline(text: str) -> str:
    from nbconvert.filters import markdown2html_mistune

    out = markdown2html_mistune(text).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.S)


def _exporter():
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", extra_loaders=[jinja2.DictLoader({"fc_site.html.j2": TEMPLATE})],
                        template_file="fc_site.html.j2", exclude_input_prompt=True, exclude_output_prompt=True)


def _fix_links(body: str, lesson_names: set[str]) -> str:
    """Links between lessons go to their pages, links to the guides in DOC_PAGES to theirs; a link to any
    other file of the repository (the README, say) is not on the site, so only its words are kept."""
    def repl(m):
        target = m.group(2)
        stem = Path(target.split("#")[0]).name
        anchor = ("#" + target.split("#", 1)[1]) if "#" in target else ""
        if stem.endswith(".ipynb") and stem in lesson_names:
            target = stem[:-len(".ipynb")] + ".html" + anchor
        elif stem in DOC_PAGES:
            target = DOC_PAGES[stem] + anchor
        return f'{m.group(1)}"{target}"'
    body = re.sub(r'(<a\s[^>]*?href=)"([^"]+)"', repl, body)
    return re.sub(r'<a\s[^>]*?href="(?![a-z]+:|#)[^"]*\.(?:md|ipynb)(?:#[^"]*)?"[^>]*>(.*?)</a>', r"\1", body, flags=re.S)


def render_page(nb, page: Page, prev: Page | None, nxt: Page | None, lesson_names: set[str]) -> str:
    nav = []
    if prev:
        nav.append(f'<a href="{prev.html_name}" rel="prev">← Previous: {html.escape(prev.title)}</a>')
    if nxt:
        nav.append(f'<a href="{nxt.html_name}" rel="next">Next: {html.escape(nxt.title)} →</a>')
    nb.metadata["title"] = f"{page.title} — {COURSE}"
    resources = {"metadata": {"name": page.slug}, "fc": {
        "css": SITE_CSS, "js": PHONE_JS, "course": COURSE, "nav": " ".join(nav),
        "banner": BANNER.format(name=html.escape(page.source.name))}}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return _fix_links(body, lesson_names)


def _shell(title: str, heading_html: str, content: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; margin: 0; line-height: 1.5; }}
main {{ max-width: 820px; margin: 0 auto; padding: 8px 16px 40px; }}
a {{ color: #005a9c; }}
h1 {{ font-size: 1.7em; line-height: 1.25; }}
.fc-index ol {{ padding-left: 1.4em; }}
.fc-index li {{ margin: 0 0 14px; }}
.fc-summary {{ display: block; color: #4a4a4a; }}
.fc-note {{ background: #fff6d6; border-left: 4px solid #8a6d00; padding: 8px 12px; }}
table {{ border-collapse: collapse; display: block; max-width: 100%; overflow-x: auto; }}
th, td {{ border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }}
</style>
</head>
<body>
<main>
{heading_html}
{content}
</main>
</body>
</html>
"""


def render_index(pages: list[Page]) -> str:
    items = "\n".join(
        f'<li><a href="{p.html_name}">{html.escape(p.title)}</a>'
        f'<span class="fc-summary">{_markdown_inline(p.summary)}</span></li>' for p in pages)
    content = f"""<p>{COURSE} is an open course in surveillance ethics built around one case: from 1 December 2019,
everyone in China registering a new mobile phone number at a shop must have their face scanned and matched to their ID.
These pages are a static copy of the lessons, run when the site was built, for reading ahead on a phone or previewing.</p>
<p class="fc-note">Plots respond to hover and zoom; the explorers' controls and the check-your-understanding
questions show their starting state. To use them, run the lessons in JupyterLab: from the course folder,
<code>make lab</code> (see the course README). Nothing on these pages contacts any other site.</p>
<section class="fc-index" aria-labelledby="lessons-heading">
<h2 id="lessons-heading">Lessons, in course order</h2>
<ol>
{items}
</ol>
</section>
<p>Terms in Chinese: <a href="glossary.html">glossary</a>. Running the lessons on your own computer:
<a href="setup.html">setup</a>. The graded assignments (nbgrader) come from your
instructor and are not part of this site.</p>"""
    return _shell(f"{COURSE}: lessons", f"<h1>{COURSE}</h1>", content)


def render_doc(path: Path, lesson_names: set[str]) -> str:
    """A guide from docs/ (the glossary, the setup page) as a page of the site."""
    from nbconvert.filters import markdown2html_mistune

    text = path.read_text(encoding="utf-8")
    body = _fix_links(markdown2html_mistune(text), lesson_names)
    title = re.search(r"^# (.+)$", text, re.M).group(1)
    nav = '<nav aria-label="Site"><p><a href="index.html">All lessons</a></p></nav>'
    return _shell(f"{title} — {COURSE}", nav, body)


def _run_one(args) -> tuple[str, dict, list[str]]:
    path, timeout, transport = args
    nb = execute(Path(path), timeout=timeout, transport=transport)
    return str(path), nb, error_outputs(nb)


def build(out: str | Path = REPO / "site", lessons: list[Path] | None = None, jobs: int | None = None,
          timeout: int = 180, transport: str = DEFAULT_TRANSPORT, allow_errors: bool = False, log=print) -> list[Page]:
    """Execute the lessons and write the site into ``out``. Raises :class:`SiteError` on any error output."""
    out = Path(out)
    lessons = [Path(p) for p in (lessons or lesson_paths())]
    if not lessons:
        raise SiteError("no lessons found")
    jobs = jobs or max(1, min(2, os.cpu_count() or 1, len(lessons)))
    started = time.perf_counter()
    executed: dict[str, tuple] = {}
    if jobs == 1:
        for p in lessons:
            executed[str(p)] = _run_one((p, timeout, transport))[1:]
            log(f"ran {p.name}")
    else:
        with ProcessPoolExecutor(jobs) as pool:
            for path, nb, errs in pool.map(_run_one, [(p, timeout, transport) for p in lessons]):
                executed[path] = (nb, errs)
                log(f"ran {Path(path).name}")
    pages = []
    for p in lessons:
        nb, errs = executed[str(p)]
        title, summary = _first_heading(nb)
        pages.append(Page(p, p.stem, title or p.stem, summary, p.stem + ".html", errs))
    problems = [f"{pg.source.name}: {e}" for pg in pages for e in pg.errors]
    if problems and not allow_errors:
        raise SiteError("lessons produced error output:\n" + "\n".join(problems))

    out.mkdir(parents=True, exist_ok=True)
    import plotly

    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", out / "plotly.min.js")
    names = {p.name for p in lessons}
    for i, page in enumerate(pages):
        nb = executed[str(page.source)][0]
        page.figures = make_static(nb)
        text = render_page(nb, page, pages[i - 1] if i else None, pages[i + 1] if i + 1 < len(pages) else None, names)
        (out / page.html_name).write_text(text, encoding="utf-8")
    (out / "index.html").write_text(render_index(pages), encoding="utf-8")
    for doc, page_name in DOC_PAGES.items():
        (out / page_name).write_text(render_doc(REPO / "docs" / doc, names), encoding="utf-8")
    log(f"wrote {len(pages)} lesson pages, index.html, {' and '.join(DOC_PAGES.values())} to {out} "
        f"in {time.perf_counter() - started:.1f} s")
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m facecourse.publish.site", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(REPO / "site"), help="output folder (default: site/)")
    ap.add_argument("--jobs", type=int, default=None, help="lessons run in parallel (default: up to 2)")
    ap.add_argument("--transport", choices=["tcp", "ipc"], default=DEFAULT_TRANSPORT,
                    help=f"kernel transport; ipc works with no network at all (default here: {DEFAULT_TRANSPORT})")
    ap.add_argument("lessons", nargs="*", help="lesson notebooks (default: every lesson in lessons/)")
    args = ap.parse_args(argv)
    try:
        build(args.out, [Path(p) for p in args.lessons] or None, jobs=args.jobs, transport=args.transport)
    except SiteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
