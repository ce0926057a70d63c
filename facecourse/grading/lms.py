"""Grades into the LMS: nbgrader exporters writing the CSV files that Canvas's and Moodle's gradebook
imports accept, so no one re-keys a grade (run from the repository root, as every nbgrader command)::

    nbgrader export --exporter=facecourse.grading.lms.CanvasExporter --CanvasExporter.roster=roster.csv --to=canvas-grades.csv
    nbgrader export --exporter=facecourse.grading.lms.MoodleExporter --MoodleExporter.roster=roster.csv --to=moodle-grades.csv

The instructor's **roster** (a CSV file, never committed) maps nbgrader's student ids to the LMS's
people: a column ``nbgrader_id`` (or the column named by ``id_column``) beside the LMS's own columns.
Only people on the roster are written; in roster order:

* a student in the gradebook but **not on the roster** cannot be matched in the LMS: left out of the
  file (Moodle would abort the whole import on one unknown person) and named in a warning;
* a roster row with **no submission** gets ``missing``: ``"zero"`` (the default, as nbgrader's own
  export) or ``"blank"`` -- no grade: an empty cell in Canvas (the import leaves the grade as it is),
  ``-`` in Moodle (its import's "no grade");
* a submission whose written answers are **not graded yet** is written as no grade and named in a
  warning, never as a partial score;
* a **late** submission gets nbgrader's score after its late penalty (``LateSubmissionPlugin``),
  as nbgrader's ``score``: neither LMS applies its own late policy to imported grades.  Each late
  submission is named in the log; the Moodle file also has a feedback column per assignment saying
  how late it was and the penalty taken.

Grades are personal data: the roster and the files written here are ignored by git.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Bool, Dict, Enum, Unicode

__all__ = ["CanvasExporter", "MoodleExporter", "ClassGrades", "read_roster", "class_grades"]

CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_IDENTIFIERS = ["email", "username", "idnumber", "id"]  # Moodle's "Identify user by" choices


@dataclass
class Grade:
    score: float | None  # None: no grade to write (not submitted, or not fully graded yet)
    late_seconds: float = 0.0
    penalty: float = 0.0


@dataclass
class ClassGrades:
    """Every rostered student's grade per assignment, and who could not be written."""

    assignments: list[tuple[str, float]]  # (name, max score), in the gradebook's order
    rows: list[tuple[dict[str, str], dict[str, Grade]]]  # (roster row, grade by assignment)
    not_on_roster: list[str] = field(default_factory=list)
    not_submitted: list[tuple[str, str]] = field(default_factory=list)  # (student, assignment)
    not_graded_yet: list[tuple[str, str]] = field(default_factory=list)
    late: list[tuple[str, str, float, float]] = field(default_factory=list)  # (student, assignment, s, penalty)


def read_roster(path: str | Path, id_column: str, required: list[str]) -> list[dict[str, str]]:
    """The roster's rows; a clear error if the file, a column or an id is missing, or an id repeats."""
    path = Path(path)
    if not str(path) or not path.is_file():
        raise FileNotFoundError(f"no roster at {str(path)!r}: give the instructor's roster CSV with "
                                f"--<Exporter>.roster=<file> (columns: {', '.join([id_column, *required])})")
    with open(path, newline="", encoding="utf-8-sig") as f:  # a spreadsheet's byte-order mark is fine
        reader = csv.DictReader(f)
        missing = [c for c in [id_column, *required] if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"the roster {path} has no column(s) {missing}; it has {reader.fieldnames}")
        rows = [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    seen: set[str] = set()
    for i, row in enumerate(rows, start=2):
        sid = row[id_column]
        if not sid:
            raise ValueError(f"roster {path}, line {i}: no {id_column}")
        if sid in seen:
            raise ValueError(f"roster {path}: {id_column} {sid!r} appears twice")
        seen.add(sid)
    return rows


def class_grades(gb: Gradebook, roster: list[dict[str, str]], id_column: str, missing: str,
                 assignments: list[str] | None = None, students: list[str] | None = None) -> ClassGrades:
    chosen = [a for a in gb.assignments if not assignments or a.name in assignments]
    out = ClassGrades(assignments=[(a.name, float(a.max_score)) for a in chosen], rows=[])
    rostered = {row[id_column] for row in roster}
    out.not_on_roster = sorted(s.id for s in gb.students if s.id not in rostered and (not students or s.id in students))
    for row in roster:
        sid = row[id_column]
        if students and sid not in students:
            continue
        grades = {}
        for a in chosen:
            try:
                sub = gb.find_submission(a.name, sid)
            except MissingEntry:
                out.not_submitted.append((sid, a.name))
                grades[a.name] = Grade(0.0 if missing == "zero" else None)
                continue
            if sub.needs_manual_grade:
                out.not_graded_yet.append((sid, a.name))
                grades[a.name] = Grade(None)
                continue
            penalty = float(sub.late_submission_penalty or 0.0)
            late = float(sub.total_seconds_late or 0.0)
            if late > 0:
                out.late.append((sid, a.name, late, penalty))
            grades[a.name] = Grade(max(0.0, float(sub.score) - penalty), late, penalty)
        out.rows.append((row, grades))
    return out


def points(value: float) -> str:
    """A score as both imports read it: a point for decimals, no trailing zeros (12, 11.5)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def late_note(grade: Grade) -> str:
    if grade.late_seconds <= 0:
        return ""
    minutes = round(grade.late_seconds / 60)
    when = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
    taken = f"a late penalty of {points(grade.penalty)} points was taken" if grade.penalty else "no late penalty"
    return f"Submitted {when} after the due date; {taken}."


class _LmsExporter(ExportPlugin):
    roster = Unicode("", help="the instructor's roster CSV: nbgrader ids beside the LMS's own columns").tag(config=True)
    id_column = Unicode("nbgrader_id", help="the roster column holding nbgrader's student ids").tag(config=True)
    missing = Enum(["zero", "blank"], default_value="zero",
                   help="a roster student with no submission: 'zero', or 'blank' (no grade)").tag(config=True)
    columns = Dict(help="the LMS column for each nbgrader assignment, e.g. {'ps1-error-rates': 'PS1 (1234)'}; "
                        "default: the assignment's name").tag(config=True)
    default_file = ""
    no_grade = ""

    def required_columns(self) -> list[str]:
        raise NotImplementedError

    def table(self, grades: ClassGrades) -> list[list[str]]:
        raise NotImplementedError

    def column(self, assignment: str) -> str:
        return self.columns.get(assignment, assignment)

    def cell(self, grade: Grade) -> str:
        return self.no_grade if grade.score is None else points(grade.score)

    def export(self, gradebook: Gradebook) -> None:
        roster = read_roster(self.roster, self.id_column, self.required_columns())
        grades = class_grades(gradebook, roster, self.id_column, self.missing,
                              [str(a) for a in self.assignment], [str(s) for s in self.student])
        table = self.table(grades)  # before opening the file: a bad roster leaves nothing half-written
        dest = Path(self.to or self.default_file)
        with open(dest, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(table)
        self.log.info("Wrote %d students' grades for %s to %s", len(grades.rows),
                      ", ".join(a for a, _ in grades.assignments), dest)
        if grades.not_on_roster:
            self.log.warning("Not on the roster, so left out (add them to %s to export them): %s",
                             self.roster, ", ".join(grades.not_on_roster))
        if grades.not_graded_yet:
            self.log.warning("Written as no grade, because written answers are not graded yet: %s",
                             ", ".join(f"{s} ({a})" for s, a in grades.not_graded_yet))
        if grades.not_submitted:
            self.log.info("No submission (written as %s): %s", "0" if self.missing == "zero" else "no grade",
                          ", ".join(f"{s} ({a})" for s, a in grades.not_submitted))
        for s, a, seconds, penalty in grades.late:
            self.log.info("Late: %s (%s), %s", s, a, late_note(Grade(None, seconds, penalty)))


class CanvasExporter(_LmsExporter):
    """Canvas's gradebook import (Grades > Import): its five identity columns, one column per assignment.

    The roster is a Canvas gradebook export (Grades > Export) with a ``nbgrader_id`` column added, or with
    ``id_column`` set to ``SIS Login ID`` where the hub's logins are the university's.  Name a column
    ``"<Canvas assignment name> (<its Canvas id>)"`` through ``columns`` to fill an existing Canvas
    assignment; a plain name makes Canvas create a new one.  The second row gives the points possible,
    as in Canvas's own export.
    """

    default_file = "canvas-grades.csv"
    no_grade = ""  # an empty cell: Canvas leaves that grade as it is

    def required_columns(self) -> list[str]:
        return CANVAS_COLUMNS

    def table(self, grades: ClassGrades) -> list[list[str]]:
        names = [a for a, _ in grades.assignments]
        header = [*CANVAS_COLUMNS, *(self.column(a) for a in names)]
        possible = ["Points Possible", "", "", "", "", *(points(m) for _, m in grades.assignments)]
        rows = []
        for row, g in grades.rows:
            if not any(row[c] for c in ("ID", "SIS User ID", "SIS Login ID")):
                raise ValueError(f"roster row for {row[self.id_column]!r} has no ID, SIS User ID or SIS Login ID: "
                                 "Canvas could not tell who it is")
            rows.append([row[c] for c in CANVAS_COLUMNS] + [self.cell(g[a]) for a in names])
        return [header, possible, *rows]


class MoodleExporter(_LmsExporter):
    """Moodle's CSV grade import (Grades > Import > CSV file): an identifier column, one column per
    assignment and, with ``late_feedback``, one feedback column per assignment.

    On the import page, choose *Identify user by* = the identifier column (``identifier``: email,
    username, idnumber or id, the roster column of that name) and map each grade column to its grade
    item (or "new grade item"); map a feedback column to that item's feedback only if you want the late
    notes, since it replaces the item's existing feedback for every row.
    """

    default_file = "moodle-grades.csv"
    no_grade = "-"  # Moodle's import reads "-" as no grade
    identifier = Enum(MOODLE_IDENTIFIERS, default_value="email",
                      help="the roster column Moodle identifies people by").tag(config=True)
    late_feedback = Bool(True, help="add a feedback column per assignment saying how late a submission was").tag(config=True)

    def required_columns(self) -> list[str]:
        return [self.identifier]

    def table(self, grades: ClassGrades) -> list[list[str]]:
        names = [a for a, _ in grades.assignments]
        header = [self.identifier, *(self.column(a) for a in names)]
        if self.late_feedback:
            header += [f"{self.column(a)} (feedback)" for a in names]
        rows = []
        for row, g in grades.rows:
            if not row[self.identifier]:
                raise ValueError(f"roster row for {row[self.id_column]!r} has no {self.identifier}: Moodle "
                                 "would abort the whole import on it")
            cells = [row[self.identifier], *(self.cell(g[a]) for a in names)]
            if self.late_feedback:
                cells += [late_note(g[a]) for a in names]
            rows.append(cells)
        return [header, *rows]
