"""Step 1 of grading one submission (trusted, in the grader): rebuild it on the released notebook.

Answer cells come from the student, matched by nbgrader id (or by cell id if the metadata was
stripped); test cells, their hidden tests and their points come from the gradebook.  Deleted,
duplicated, re-typed or edited cells, stripped metadata and invalid JSON are handled here and
reported; nothing a student does to the notebook's structure can change which tests run or what
they are worth.
"""

from __future__ import annotations

import json

import nbformat


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def rebuild(student_nb: dict, release_nb, gradebook_sources: dict[str, str]) -> tuple[object, list[str]]:
    """The notebook to execute: the release's cells, with the student's answers put in.

    Returns (notebook, notes).  Notes say what in the submission was ignored or repaired.
    """
    notes = []
    cells = student_nb.get("cells") if isinstance(student_nb, dict) else None
    if not isinstance(cells, list):
        raise ValueError("not a notebook: no list of cells")
    canonical = [c for c in release_nb.cells]
    canon_ids = {_grade_id(c): c for c in canonical if _grade_id(c)}
    by_cell_id = {c.get("id"): _grade_id(c) for c in canonical if c.get("id") and _grade_id(c)}

    # Match the student's cells to the canonical ones.
    answers: dict[str, dict] = {}
    extras_after: dict[str | None, list] = {}
    last_known = None
    stripped = 0
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        gid = _grade_id(cell)
        if gid is None and cell.get("id") in by_cell_id:
            gid = by_cell_id[cell.get("id")]
            stripped += 1
        if gid in canon_ids:
            canon = canon_ids[gid]
            if gid in answers:
                notes.append(f"cell {gid} appears more than once: the first copy was graded")
                continue
            answers[gid] = cell
            last_known = gid
        elif cell.get("cell_type") == "code" and str(_source(cell)).strip():
            extras_after.setdefault(last_known, []).append(cell)
    if stripped:
        notes.append(f"nbgrader metadata was removed from {stripped} cell(s): matched them by cell id")

    out = []
    for extra in extras_after.get(None, []):
        out.append(_plain_code_cell(extra))
    for canon in canonical:
        gid = _grade_id(canon)
        meta = canon.metadata.get("nbgrader", {})
        cell = nbformat.from_dict(json.loads(json.dumps(canon)))
        if gid and meta.get("solution"):
            student = answers.get(gid)
            if student is None:
                notes.append(f"answer cell {gid} is missing: graded as unanswered")
            elif student.get("cell_type") != canon.cell_type:
                notes.append(f"answer cell {gid} was changed from {canon.cell_type} to "
                             f"{student.get('cell_type')}: graded as unanswered")
            else:
                cell.source = _source(student)
        elif gid and meta.get("grade") or gid and meta.get("locked"):
            if gid in gradebook_sources:
                cell.source = gradebook_sources[gid]
            student = answers.get(gid)
            if student is None and meta.get("grade"):
                notes.append(f"test cell {gid} was deleted: restored")
            elif student is not None and _source(student) != canon.source and meta.get("grade"):
                notes.append(f"test cell {gid} was edited: restored")
        out.append(cell)
        for extra in extras_after.get(gid, []) if gid else []:
            out.append(_plain_code_cell(extra))
    nb = nbformat.v4.new_notebook()
    nb.metadata = json.loads(json.dumps(release_nb.metadata))
    nb.cells = out
    return nb, notes


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _plain_code_cell(cell):
    """A student's own extra code cell: kept (their answers may need it), never worth points."""
    return nbformat.v4.new_code_cell(_source(cell))
