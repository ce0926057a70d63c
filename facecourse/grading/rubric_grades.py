"""Grades per rubric criterion, exported beside nbgrader's own ``export``.

nbgrader keeps one score per manually graded cell.  To record the criteria too, the grader
writes one line per criterion in that cell's comment box in formgrader, e.g.::

    Reads the numbers correctly: 2
    C2: 1
    States assumptions and limits: 2 — names the impostor share, not repeated refusals

(a criterion by its name or as C1, C2, ... in rubric order, a colon, the points of one of its
levels, then any remark).  ``make rubric-grades ASSIGNMENT=<id>`` reads every comment from the
gradebook, checks the points against the rubric and the cell's score, and writes one CSV row per
student, cell and criterion, so an instructor sees which criteria the class struggled with.
``python -m facecourse.grading.rubric_grades template <id>`` prints the lines to paste into the box.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import rubrics

__all__ = ["rubrics_in", "parse_comment", "CriterionScore", "criterion_scores", "write_csv", "template"]

_LINE = re.compile(r"^\s*(?P<label>[^:\n]+?)\s*:\s*(?P<points>\d+(?:\.\d+)?)\b(?P<rest>.*)$")
COLUMNS = ["assignment", "student_id", "grade_id", "criterion", "points", "max_points", "level", "status"]


def rubrics_in(source_notebook: Path) -> dict[str, dict]:
    """The rubric of every manually graded cell in an instructor's source notebook, by grade id."""
    nb = nbformat.read(source_notebook, as_version=4)
    out = {}
    for cell in nb.cells:
        rubric = cell.metadata.get("facecourse", {}).get("rubric")
        if rubric:
            out[cell.metadata["nbgrader"]["grade_id"]] = rubric
    return out


def parse_comment(rubric: dict, comment: str | None) -> tuple[dict[str, float], list[str]]:
    """(points by criterion name, problems) read from a grader's comment.

    Lines that don't name a criterion are remarks and are ignored; a criterion named twice, points
    that are not one of its levels, or a label that looks like a criterion but isn't one are problems.
    """
    names = [c["criterion"] for c in rubric["criteria"]]
    by_label = {n.casefold(): n for n in names} | {f"c{i + 1}": n for i, n in enumerate(names)}
    found: dict[str, float] = {}
    problems: list[str] = []
    for line in (comment or "").splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        label = m["label"].strip().casefold()
        name = by_label.get(label)
        if name is None:
            if re.fullmatch(r"c\d+", label):
                problems.append(f"{m['label'].strip()} is not a criterion (the rubric has C1-C{len(names)})")
            continue
        points = float(m["points"])
        allowed = [lvl["points"] for lvl in next(c for c in rubric["criteria"] if c["criterion"] == name)["levels"]]
        if name in found:
            problems.append(f"{name!r} is scored twice")
        elif points not in allowed:
            problems.append(f"{name!r}: {points:g} is not one of its levels ({', '.join(f'{p:g}' for p in allowed)})")
        else:
            found[name] = points
    return found, problems


@dataclass
class CriterionScore:
    assignment: str
    student_id: str
    grade_id: str
    criterion: str
    points: float | None
    max_points: float
    level: str
    status: str  # "ok", or what is missing or inconsistent

    def row(self) -> dict:
        return {k: ("" if v is None else f"{v:g}" if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _level(rubric: dict, name: str, points: float | None) -> str:
    crit = next(c for c in rubric["criteria"] if c["criterion"] == name)
    return next((lvl["descriptor"] for lvl in crit["levels"] if lvl["points"] == points), "")


def criterion_scores(course_root: Path, assignment: str) -> list[CriterionScore]:
    """Every student's points per criterion for one assignment, from the gradebook's comments."""
    from nbgrader.api import Gradebook, MissingEntry

    root = Path(course_root)
    sources = sorted((root / "source" / assignment).glob("*.ipynb"))
    if not sources:
        raise FileNotFoundError(f"no source notebook for {assignment!r} in {root / 'source' / assignment}")
    db = root / "gradebook.db"
    if not db.exists():
        raise FileNotFoundError(f"no gradebook at {db}: run `make autograde ASSIGNMENT={assignment}` first")
    out: list[CriterionScore] = []
    with Gradebook(f"sqlite:///{db}") as gb:
        try:
            submissions = gb.assignment_submissions(assignment)
        except MissingEntry:
            raise KeyError(f"the gradebook has no assignment {assignment!r}") from None
        for source in sources:
            for grade_id, rubric in rubrics_in(source).items():
                for sub in sorted(submissions, key=lambda s: s.student.id):
                    student = sub.student.id
                    try:
                        grade = gb.find_grade(grade_id, source.stem, assignment, student)
                        comment = gb.find_comment(grade_id, source.stem, assignment, student).comment
                    except MissingEntry:
                        grade, comment = None, None
                    found, problems = parse_comment(rubric, comment)
                    if grade is None or grade.manual_score is None:
                        status = "not graded yet"
                    elif not found:
                        status = "no criterion scores in the comment"
                    elif problems:
                        status = "; ".join(problems)
                    elif len(found) < len(rubric["criteria"]):
                        status = "some criteria not scored"
                    elif abs(sum(found.values()) - grade.manual_score) > 1e-9:
                        status = f"criteria add up to {sum(found.values()):g}, the cell's score is {grade.manual_score:g}"
                    else:
                        status = "ok"
                    for crit in rubric["criteria"]:
                        name = crit["criterion"]
                        pts = found.get(name)
                        out.append(CriterionScore(assignment, student, grade_id, name, pts,
                                                  max(lvl["points"] for lvl in crit["levels"]),
                                                  _level(rubric, name, pts), status))
    return out


def write_csv(scores: list[CriterionScore], path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(s.row() for s in scores)
    return path


def summary(scores: list[CriterionScore]) -> list[str]:
    """One line per criterion: mean share of its points over students graded consistently."""
    lines = []
    keys = list(dict.fromkeys((s.grade_id, s.criterion) for s in scores))
    for gid, name in keys:
        rows = [s for s in scores if (s.grade_id, s.criterion) == (gid, name) and s.status == "ok"]
        if rows:
            share = sum(s.points for s in rows) / sum(s.max_points for s in rows)
            lines.append(f"{gid} · {name}: {share:.0%} of the points on average ({len(rows)} students)")
        else:
            lines.append(f"{gid} · {name}: no consistent criterion scores yet")
    return lines


def template(course_root: Path, assignment: str) -> str:
    """The lines a grader pastes into each comment box, per manually graded cell."""
    blocks = []
    for source in sorted((Path(course_root) / "source" / assignment).glob("*.ipynb")):
        for grade_id, rubric in rubrics_in(source).items():
            levels = lambda c: "/".join(f"{lvl['points']:g}" for lvl in c["levels"])  # noqa: E731
            lines = [f"{c['criterion']}:   (one of {levels(c)})" for c in rubric["criteria"]]
            blocks.append(f"# {grade_id} ({rubrics.max_points(rubric):g} points)\n" + "\n".join(lines))
    return "\n\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m facecourse.grading.rubric_grades", description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["export", "template"])
    parser.add_argument("assignment")
    parser.add_argument("--course", default="assignments", help="the nbgrader course root (default: assignments)")
    parser.add_argument("--to", help="CSV path (default: <course>/grades/<assignment>-criteria.csv)")
    args = parser.parse_args(argv)
    course = Path(args.course)
    try:
        if args.action == "template":
            print(template(course, args.assignment))
            return 0
        scores = criterion_scores(course, args.assignment)
    except (FileNotFoundError, KeyError) as err:
        print(f"error: {err.args[0]}", file=sys.stderr)
        return 2
    path = write_csv(scores, Path(args.to) if args.to else course / "grades" / f"{args.assignment}-criteria.csv")
    print(f"wrote {len(scores)} rows to {path}")
    print("\n".join(summary(scores)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
