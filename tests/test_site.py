"""`make site`: the static, offline HTML version of the lessons (facecourse/publish/site.py).

The site is built once per test session in a temporary folder -- inside a fresh network
namespace when the machine allows one (tests/test_offline.py checks that it did) -- and
shared with tests/test_accessibility.py through :func:`built_site`.
"""

from __future__ import annotations

import atexit
import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import LESSONS, REPO

from facecourse.publish import site as fcsite
from facecourse.publish import static_widgets

pytestmark = pytest.mark.slow

# A fresh network namespace: no interfaces but a loopback that is down.
NETNS = ["unshare", "--user", "--map-root-user", "--net"]
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //cdn..., ftp://
RESOURCE_ATTRS = {"script": ["src"], "link": ["href"], "img": ["src", "srcset"], "iframe": ["src"],
                  "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"], "embed": ["src"],
                  "object": ["data"], "use": ["href", "xlink:href"], "image": ["href", "xlink:href"]}


def netns_available() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run([*NETNS, "true"], capture_output=True).returncode == 0


@functools.lru_cache(maxsize=1)
def built_site() -> dict:
    """Build the site once (offline if possible); returns its folder, whether it ran offline, and the log."""
    tmp = Path(tempfile.mkdtemp(prefix="facecourse-site-"))
    atexit.register(shutil.rmtree, tmp, True)
    out = tmp / "site"
    offline = netns_available()
    cmd = [sys.executable, "-m", "facecourse.publish.site", "--out", str(out), "--transport", "ipc"]
    started = time.perf_counter()
    result = subprocess.run([*NETNS, *cmd] if offline else cmd, cwd=REPO, capture_output=True, text=True,
                            timeout=1200)
    return {"out": out, "offline": offline, "returncode": result.returncode, "stdout": result.stdout,
            "stderr": result.stderr, "seconds": time.perf_counter() - started}


@pytest.fixture(scope="module")
def site() -> Path:
    built = built_site()
    assert built["returncode"] == 0, f"make site failed:\n{built['stdout']}\n{built['stderr'][-4000:]}"
    return built["out"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def explorer_count(lesson: Path) -> int:
    """Explorers a lesson shows (``fc.explorers.Name(...)``); each draws at least one figure."""
    nb = nbformat.read(lesson, as_version=4)
    return sum(len(re.findall(r"\bfc\.explorers\.\w+\(", c.source)) for c in nb.cells if c.cell_type == "code")


def figures(page: Path) -> dict[str, dict]:
    """Every plotly figure on a page: div id -> {"data": [...], "layout": {...}} from its newPlot call."""
    text = page.read_text(encoding="utf-8")
    found = {}
    decoder = json.JSONDecoder()
    for m in re.finditer(r'Plotly\.newPlot\(\s*"([^"]+)",\s*', text):
        data, end = decoder.raw_decode(text, m.end())
        rest = re.match(r"\s*,\s*", text[end:])
        layout, _ = decoder.raw_decode(text, end + rest.end())
        found[m.group(1)] = {"data": data, "layout": layout}
    return found


def test_index_lists_every_lesson_in_course_order(site):
    index = soup(site / "index.html")
    links = index.select("ol li > a")
    assert [a["href"] for a in links] == [f"{p.stem}.html" for p in LESSONS]
    for a, lesson in zip(links, LESSONS):
        title, _ = fcsite._first_heading(nbformat.read(lesson, as_version=4))
        assert a.get_text(strip=True) == title
        assert (site / a["href"]).is_file()
    assert index.html["lang"] == "en" and index.title.get_text(strip=True)


def test_every_lesson_page_has_its_figures_as_plotly_divs(site):
    for lesson in LESSONS:
        page = site / f"{lesson.stem}.html"
        doc = soup(page)
        divs = doc.select("div.plotly-graph-div")
        figs = figures(page)
        assert len(divs) >= max(1, explorer_count(lesson)), f"{page.name}: {len(divs)} plotly figure(s)"
        assert {d["id"] for d in divs} == set(figs), f"{page.name}: a plotly div without its newPlot call"
        for fig_id, fig in figs.items():
            assert fig["data"], f"{page.name} {fig_id}: a figure without data"
            panels = sum(1 for k in fig["layout"] if re.fullmatch(r"xaxis\d*", k))
            wrapper = doc.find(id=fig_id).find_parent(class_="fc-figure")
            assert ("fc-figure-wide" in wrapper["class"]) == (panels > 1), \
                f"{page.name} {fig_id}: side-by-side panels must scroll sideways on a phone, single panels not"
            assert (fig["layout"].get("title") or {}).get("text"), f"{page.name} {fig_id}: a figure without title"
            assert "width" not in fig["layout"], f"{page.name} {fig_id}: fixed width (too wide for a phone)"
            no_x = [t.get("name") for t in fig["data"] if t.get("type") == "scatter" and "y" in t and "x" not in t]
            assert no_x == [], f"{page.name} {fig_id}: traces without x values: {no_x}"
        # plotly.js once, from the file beside the pages; the live note on every explorer
        assert [s["src"] for s in doc.select("script[src]")] == ["plotly.min.js"]
        notes = doc.select(".fc-live-note")
        assert len(notes) >= explorer_count(lesson) and all("JupyterLab" in n.get_text() for n in notes)
    assert (site / "plotly.min.js").stat().st_size > 1_000_000


def test_figures_show_the_explorers_state_not_only_what_was_first_sent(site):
    # The threshold explorer fills its error areas after the figure is sent to the browser:
    # those traces must be on the page with data (they are empty in the saved widget state).
    figs = figures(site / "02-face-verification.html")
    traces = {t.get("name"): t for fig in figs.values() for t in fig["data"]}
    assert traces["false matches"].get("x"), "the threshold explorer's shaded false matches are missing"
    assert traces["false non-matches"].get("x")


def test_the_site_is_the_student_edition(site):
    from test_restructured_lessons import NOT_YET_RESTRUCTURED

    for lesson in LESSONS:
        if lesson.name[:2] not in NOT_YET_RESTRUCTURED:
            text = soup(site / f"{lesson.stem}.html").get_text()
            for note in ("Instructor notes", "Answer notes", "Answer key", "model answer"):
                assert note not in text, f"{lesson.stem}: {note!r} on the published (student) page"


def test_worked_numbers_stay_folded_and_predictions_say_where_to_make_them(site):
    doc = soup(site / "02-face-verification.html")
    reveals = doc.select("details.fc-reveal")
    assert len(reveals) == 2 and not any(d.has_attr("open") for d in reveals), "worked numbers must start folded"
    for d in reveals:
        assert d.summary.get_text(strip=True) == "I've tried it — show the worked numbers"
    assert "1,233,235" in reveals[0].pre.get_text() and "1,400.050" in reveals[1].pre.get_text()
    predictions = [n for n in doc.select(".fc-live-note") if "lock in your prediction" in n.get_text()]
    assert len(predictions) == 2
    assert "not attempted yet" in doc.select_one(".fc-code-check").get_text()


def test_no_page_loads_anything_from_another_site(site):
    offenders = []
    for page in pages(site):
        doc = soup(page)
        for tag, attrs in RESOURCE_ATTRS.items():
            for el in doc.find_all(tag):
                for attr in attrs:
                    value = el.get(attr)
                    if value and EXTERNAL.match(value):
                        offenders.append(f"{page.name}: <{tag} {attr}={value}>")
        for style in doc.find_all("style"):
            offenders += [f"{page.name}: css {u}" for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)",
                                                                       style.get_text())]
            offenders += [f"{page.name}: css @import" for _ in re.findall(r"@import", style.get_text())]
        for script in doc.find_all("script", src=False):
            offenders += [f"{page.name}: script imports {u}" for u in
                          re.findall(r"""import\s*\(?\s*['"]((?:https?:)?//[^'"]+)""", script.get_text())]
        # nbconvert's defaults would add these from CDNs
        text = page.read_text(encoding="utf-8")
        for cdn in ("require.min.js", "MathJax", "mermaid", "@jupyter-widgets/html-manager", "unpkg.com",
                    "cdn.jsdelivr", "cdnjs.cloudflare", "cdn.plot.ly", "fonts.googleapis"):
            if cdn in text:
                offenders.append(f"{page.name}: mentions {cdn}")
    assert offenders == []


def test_no_error_outputs_and_no_widget_leftovers(site):
    for page in pages(site):
        doc = soup(page)
        assert not doc.select("[data-mime-type='application/vnd.jupyter.stderr']"), f"{page.name}: error output"
        text = doc.get_text()
        for leftover in ("Traceback (most recent call last)", "Error rendering", "widget-view+json",
                         "shown only in JupyterLab", "Loading widget"):
            assert leftover not in text, f"{page.name}: {leftover!r}"
        assert "NBVAL_CHECK_OUTPUT" not in text


def test_links_between_pages_stay_on_the_site(site):
    for page in pages(site):
        for a in soup(page).find_all("a", href=True):
            href = a["href"]
            if EXTERNAL.match(href) or href.startswith(("#", "mailto:")):
                continue
            target = href.split("#")[0]
            assert not target.endswith((".ipynb", ".md")), f"{page.name}: link to {href}"
            assert (site / target).is_file(), f"{page.name}: broken link {href}"


def test_slider_readouts_match_ipywidgets():
    assert static_widgets.format_number(100_000_000, ".3s") == "100M"
    assert static_widgets.format_number(1e5, ".3s") == "100k"
    assert static_widgets.format_number(0.7, ".3f") == "0.700"
    assert static_widgets.format_number(0.0001, ".2g") == "0.0001"
    assert static_widgets.format_number(12, "d") == "12"
