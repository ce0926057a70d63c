"""The package is laid out by concern, and its imports run one way (docs/authoring.md has the map).

    lessons, explorers  ->  models  ->  data          grading, selfstudy, publish  ->  the course

Read from the source (every import, including those inside functions), not from a running import,
so a lazy import cannot hide an arrow that runs back.
"""

import ast
import inspect
from pathlib import Path

import ipywidgets
import pytest

import facecourse

PACKAGE = Path(facecourse.__file__).parent
REPO = PACKAGE.parent
FRONT_END = {"ipywidgets", "plotly", "anywidget", "nbgrader", "nbconvert", "nbclient", "IPython"}
# Which rooms each room may import from (besides itself).  The package's face (__init__.py) imports them all.
MAY_IMPORT = {
    "data": set(),
    "models": {"data"},
    "formatting": set(),
    "quiz": set(),
    "reveal": set(),
    "selfcheck": set(),
    "explorers": {"data", "models", "formatting"},
    "lessons": {"data", "models", "formatting", "quiz", "selfcheck"},
    "grading": {"data", "models", "explorers", "formatting", "lessons", "quiz"},
    "selfstudy": {"data", "models", "formatting", "grading", "selfcheck"},
    "publish": {"data", "models", "explorers", "formatting", "lessons", "quiz", "reveal", "selfcheck"},
}
MAX_LINES = 420  # "about 400": a module longer than this is two ideas


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        room = rel.parts[0].removesuffix(".py")
        yield path, rel, room


def _imports(path: Path, rel: Path) -> list[str]:
    """Absolute dotted names of every module ``path`` imports (relative imports resolved)."""
    package = ["facecourse", *rel.parts[:-1]]
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            mod = ".".join([*base, node.module] if node.module else base)
            names += [mod] + [f"{mod}.{a.name}" for a in node.names]
    return names


def _room_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    return parts[1] if parts[0] == "facecourse" and len(parts) > 1 else None


def test_every_module_lives_in_a_room_and_the_old_flat_modules_are_gone():
    rooms = {room for _, rel, room in _modules() if rel.name != "__init__.py" or len(rel.parts) > 1}
    assert rooms <= set(MAY_IMPORT) | {"__main__"}, f"modules outside the rooms: {rooms - set(MAY_IMPORT)}"
    assert not (PACKAGE / "lesson_figures.py").exists()
    # (a checkout from before the move may keep an untracked __pycache__ there: only modules count)
    assert not list(PACKAGE.glob("questions/*.py")) and not list(PACKAGE.glob("widgets/*.py"))


@pytest.mark.parametrize("room", ["data", "models"])
def test_models_and_data_never_import_widgets_plotting_or_grading(room):
    for path, rel, r in _modules():
        if r == room:
            bad = {n.split(".")[0] for n in _imports(path, rel)} & FRONT_END
            assert not bad, f"{rel} imports {sorted(bad)}: models and data must run without a front end"


def test_imports_run_one_way_between_rooms():
    wrong = []
    for path, rel, room in _modules():
        if rel == Path("__init__.py") or rel == Path("__main__.py"):
            continue
        for name in _imports(path, rel):
            target = _room_of(name)
            if target and target != room and target not in MAY_IMPORT[room]:
                wrong.append(f"{rel} -> {name}")
    assert not wrong, "imports that run the wrong way:\n" + "\n".join(sorted(set(wrong)))


def test_no_module_is_longer_than_about_400_lines():
    long = {str(rel): n for path, rel, _ in _modules() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert not long, f"split these by idea: {long}"


def test_every_room_says_what_lives_there_and_who_may_import_it():
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text())) or ""
        assert len(doc.split()) >= 20 and "import" in doc, f"{init.relative_to(REPO)}: say what lives here and who imports it"


def test_each_lesson_notebook_has_its_module_and_each_module_its_notebook():
    notebooks = {p.name[:2] for p in (REPO / "lessons").glob("[0-9][0-9]-*.ipynb")}
    modules = {p.stem.removeprefix("lesson") for p in (PACKAGE / "lessons").glob("lesson[0-9][0-9].py")}
    assert notebooks == modules
    for n in modules:
        assert getattr(facecourse, f"lesson{n}") is not None, f"fc.lesson{n} is the name the notebook uses"


def _explorer_names_used_outside():
    """(where, module, name) for every name imported from facecourse.explorers.<module> outside the explorers."""
    used = []
    for path in [*REPO.glob("tests/**/*.py"), *REPO.glob("bench/*.py"), *PACKAGE.rglob("*.py")]:
        rel = path.relative_to(REPO)
        if rel.parts[:2] == ("facecourse", "explorers"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("facecourse.explorers."):
                used += [(str(rel), node.module, a.name) for a in node.names]
    return used


def test_explorers_hand_out_widgets_and_their_look_never_maths():
    """What the rest of the course takes from an explorer module is a widget class or a constant
    (the maths behind a figure is a model, in facecourse.models); the shared look (style) is the exception."""
    import importlib

    for where, module, name in _explorer_names_used_outside():
        if module in ("facecourse.explorers.style", "facecourse.explorers.a11y"):
            continue
        obj = getattr(importlib.import_module(module), name)
        if inspect.isclass(obj):
            assert issubclass(obj, ipywidgets.Widget), f"{where}: {module}.{name} is not a widget: move it to models/"
        else:
            assert not callable(obj), f"{where} calls {module}.{name}: maths belongs in facecourse.models"
