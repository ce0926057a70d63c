"""Student submissions for grading tests, each named for what it does (as nbgrader's own fixtures are).

Built from the released notebook and the instructor's source, so they stay in step with the
assignment.  Each function takes (release_nb, source_nb) and returns the text of the file the
student hands in.
"""

from __future__ import annotations

import json
import re

import nbformat


def answers(source_nb, *, written: bool = False) -> dict[str, str]:
    """The instructor's answers without nbgrader's markers, by grade id: code answers, and the
    model answers of written questions too if `written`."""
    out = {}
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and (cell.cell_type == "code" or written):
            out[meta["grade_id"]] = re.sub(r"[ \t]*### (BEGIN|END) SOLUTION\n?", "", cell.source)
    return out


def _copy(nb):
    return nbformat.from_dict(json.loads(json.dumps(nb)))


def _answered(release_nb, source_nb, overrides: dict[str, str] | None = None):
    nb = _copy(release_nb)
    answers_ = {**answers(source_nb), **(overrides or {})}
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers_ and cell.metadata["nbgrader"].get("solution"):
            cell.source = answers_[gid]
    return nb


def _first_answer_id(release_nb) -> str:
    return next(c.metadata["nbgrader"]["grade_id"] for c in release_nb.cells
                if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"))


def correct(release_nb, source_nb):
    return nbformat.writes(_answered(release_nb, source_nb))


def blank(release_nb, source_nb):
    return nbformat.writes(release_nb)


def infinite_loop(release_nb, source_nb):
    first = _first_answer_id(release_nb)
    return nbformat.writes(_answered(release_nb, source_nb, {first: "while True:\n    pass"}))


def infinite_loop_ignoring_interrupts(release_nb, source_nb):
    first = _first_answer_id(release_nb)
    code = "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass"
    return nbformat.writes(_answered(release_nb, source_nb, {first: code}))


def _with_code_before_first_answer(release_nb, source_nb, code: str) -> str:
    """Correct answers, with `code` run at the start of the first answer cell."""
    first = _first_answer_id(release_nb)
    nb = _answered(release_nb, source_nb)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == first)
    cell.source = code + cell.source
    return nbformat.writes(nb)


def output_flood(release_nb, source_nb):
    return _with_code_before_first_answer(release_nb, source_nb, "for _ in range(20000):\n    print('x' * 1000)\n")


def memory_hog(release_nb, source_nb):
    code = "hog = []\nwhile True:\n    hog.append(bytearray(50_000_000))\n"
    return _with_code_before_first_answer(release_nb, source_nb, code)


def kills_parent(release_nb, source_nb):
    """Signals its parent and its process group instead of answering question 1."""
    first = _first_answer_id(release_nb)
    code = ("import os, signal\nfor sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT):\n"
            "    os.kill(os.getppid(), sig)\ntry:\n    os.killpg(0, signal.SIGKILL)\nexcept Exception:\n    pass\n")
    return nbformat.writes(_answered(release_nb, source_nb, {first: code}))


def reads_other_files(release_nb, source_nb, course: str = "/tmp"):
    """Looks for the gradebook, the instructor's sources (with hidden tests) and other students' work
    in the course folder; answers correctly.  If it finds any, its first test fails; sandboxed, it finds none."""
    code = (f"import glob, os\nfound = [p for pattern in ('gradebook.db', 'submitted/*/*/*.ipynb', "
            f"'source/*/*.ipynb', 'release/*/*.ipynb') for p in glob.glob(os.path.join({course!r}, pattern))]\n"
            "assert not found, found\n")
    return _with_code_before_first_answer(release_nb, source_nb, code)


def uses_network(release_nb, source_nb, port: int = 9):
    """Tries to reach a server on the grading machine's loopback (the test starts one on `port`)."""
    code = f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2).close()\n"
    return _with_code_before_first_answer(release_nb, source_nb, code)


def deletes_cells(release_nb, source_nb):
    nb = _answered(release_nb, source_nb)
    nb.cells = [c for c in nb.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    return nbformat.writes(nb)


def duplicates_cells(release_nb, source_nb):
    nb = _answered(release_nb, source_nb)
    nb.cells = [x for c in nb.cells for x in ([c, _copy(c)] if c.cell_type == "code" else [c])]
    for i, c in enumerate(nb.cells):
        c.id = f"dup-{i}"
    return nbformat.writes(nb)


def changes_cell_types(release_nb, source_nb):
    nb = _answered(release_nb, source_nb)
    for c in nb.cells:
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"):
            c.cell_type = "markdown"
            c.pop("outputs", None)
            c.pop("execution_count", None)
    return nbformat.writes(nb)


def edits_tests_and_points(release_nb, source_nb):
    """Blank answers, but every test replaced by `pass` and worth 100 points."""
    nb = _copy(release_nb)
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if meta.get("grade") and c.cell_type == "code":
            c.source = "pass"
            meta["points"] = 100
    return nbformat.writes(nb)


def strips_metadata(release_nb, source_nb):
    nb = _answered(release_nb, source_nb)
    for c in nb.cells:
        c.metadata.pop("nbgrader", None)
    return nbformat.writes(nb)


def invalid_json(release_nb, source_nb):
    return correct(release_nb, source_nb)[: 500]


def extra_helper_cell(release_nb, source_nb):
    """Correct, with the student's own helper cell that later answers use."""
    nb = _answered(release_nb, source_nb)
    first = _first_answer_id(release_nb)
    idx = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == first)
    nb.cells.insert(idx, nbformat.v4.new_code_cell("HELPER_CONSTANT = 42"))
    return nbformat.writes(nb)


def warns_but_correct(release_nb, source_nb):
    """Correct, but its first function warns each time it runs (to stderr, during the tests)."""
    first = _first_answer_id(release_nb)
    code = answers(source_nb)[first].replace(":\n", ":\n    import warnings; warnings.warn('my slow version')\n", 1)
    return nbformat.writes(_answered(release_nb, source_nb, {first: code}))


ALL = {f.__name__.replace("_", "-"): f for f in (
    correct, blank, infinite_loop, infinite_loop_ignoring_interrupts, output_flood, memory_hog, kills_parent,
    reads_other_files, uses_network, deletes_cells, duplicates_cells, changes_cell_types, edits_tests_and_points,
    strips_metadata, invalid_json, extra_helper_cell, warns_but_correct)}
