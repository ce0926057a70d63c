"""Lesson notebooks: the structure every lesson promises, no stray outputs, nothing online."""

import ast
import json
import re

import pytest
from conftest import ASSIGNMENTS, LESSONS, REPO

REQUIRED = ["**Time:**", "**Questions this lesson answers**", "**By the end you will be able to**",
            "Check your understanding", "Discussion", "## Key points", "## Further reading"]


def _cells(path):
    return json.loads(path.read_text())["cells"]


def _text(cell):
    return "".join(cell["source"])


def test_lessons_00_and_02_exist():
    names = [p.name for p in LESSONS]
    assert "00-start-here.ipynb" in names and "02-face-verification.ipynb" in names


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_has_every_part_in_order(path):
    md = "\n".join(_text(c) for c in _cells(path) if c["cell_type"] == "markdown")
    positions = [md.find(part) for part in REQUIRED]
    assert all(p >= 0 for p in positions), f"missing: {[r for r, p in zip(REQUIRED, positions) if p < 0]}"
    assert positions == sorted(positions), "parts out of order"
    assert md.startswith("# "), "a lesson starts with its title"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_instructor_edition_has_instructor_notes_for_the_discussion(path):
    import nbformat

    from facecourse.publish import editions

    edition = editions.instructor_edition(nbformat.read(path, as_version=4), editions.read_notes(path))
    md = "\n".join(c.source for c in edition.cells if c.cell_type == "markdown")
    discussion = re.search(r"^## \d+ · Discussion", md, re.M)
    assert discussion and "Instructor notes" in md[discussion.end():md.find("## Key points")], \
        "the discussion needs instructor notes (timing, what to listen for, misconceptions), in lessons/instructor/"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_has_an_explorer_checked_numbers_and_no_committed_outputs(path):
    code = [c for c in _cells(path) if c["cell_type"] == "code"]
    assert any("fc.explorers." in _text(c) for c in code), "no interactive explorer"
    assert any("# NBVAL_CHECK_OUTPUT" in _text(c) for c in code), "no key numbers checked by nbval"
    for c in code:
        if "# NBVAL_CHECK_OUTPUT" not in _text(c):
            assert not c.get("outputs"), f"committed output in a cell nbval does not check: {_text(c)[:60]!r}"
        assert c.get("execution_count") is None or "# NBVAL_CHECK_OUTPUT" in _text(c)
        if "# NBVAL_CHECK_OUTPUT" in _text(c):  # nbval silently skips a reference that was never run
            assert c.get("execution_count") is not None and c.get("outputs"), \
                f"checked cell without its stored output (run make checked-outputs): {_text(c)[:60]!r}"
    assert "widgets" not in json.loads(path.read_text()).get("metadata", {}), "widget state committed"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_code_stays_thin(path):
    for c in _cells(path):
        if c["cell_type"] == "code":
            src = _text(c)
            assert len(src.splitlines()) <= 6, f"logic belongs in the package: {src[:80]!r}"
            tree = ast.parse(src)
            assert not any(isinstance(n, (ast.FunctionDef, ast.ClassDef)) for n in ast.walk(tree))


NETWORK_MODULES = {"urllib", "requests", "http", "socket", "httpx", "urllib3", "aiohttp", "webbrowser", "ftplib"}


# The judge talks to the student's process over Unix socket pairs it creates itself (never an address).
LOCAL_SOCKETS = {"channel.py", "sandbox.py", "zygote.py"}


def test_course_code_imports_nothing_that_talks_to_the_network():
    files = list((REPO / "facecourse").rglob("*.py"))
    for name in LOCAL_SOCKETS:
        text = (REPO / "facecourse" / "grading" / name).read_text()
        assert not re.search(r"AF_INET|create_connection|\.connect\(|\.bind\(|getaddrinfo", text), name
    for nb in LESSONS + [p for a in ASSIGNMENTS for p in a.glob("*.ipynb")]:
        files.append(nb)
    for f in files:
        if f.suffix == ".py":
            sources = [f.read_text()]
        else:
            sources = [_text(c) for c in _cells(f) if c["cell_type"] == "code"]
        for src in sources:
            for node in ast.walk(ast.parse(src)):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for n in names:
                    if n == "socket" and f.parent.name == "grading" and f.name in LOCAL_SOCKETS:
                        continue
                    assert n.split(".")[0] not in NETWORK_MODULES, f"{f.name} imports {n}"


def test_no_lesson_or_dataset_loads_anything_from_a_url():
    for path in LESSONS:
        for c in _cells(path):
            if c["cell_type"] == "code":
                assert not re.search(r"https?://", _text(c)), f"{path.name} has a URL in code"


def _stated_minutes(path) -> int:
    nb = json.loads(path.read_text())
    top = "".join("".join(c["source"]) for c in nb["cells"][:3])
    found = re.search(r"\*\*Time:\*\* about (\d+) minutes", top)
    assert found, f"{path.name}: no '**Time:** about N minutes' at the top"
    return int(found.group(1))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_readme_and_instructor_guide_give_the_time_the_lesson_states(path):
    # A course map that says 75 minutes for a 52-minute lesson misleads whoever plans a session from it.
    minutes, number = _stated_minutes(path), path.name[:2]
    readme = re.search(rf"^\| {number} \|.*\| (\d+) min \|", (REPO / "README.md").read_text(), re.M)
    guide = re.search(rf"^\| {number} [^|]*\| (\d+) min \|", (REPO / "docs" / "instructor-guide.md").read_text(), re.M)
    assert readme and int(readme.group(1)) == minutes, f"README's course map: lesson {number} is {minutes} min"
    assert guide and int(guide.group(1)) == minutes, f"instructor guide's table: lesson {number} is {minutes} min"
