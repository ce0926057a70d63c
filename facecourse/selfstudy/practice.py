"""Self-study: instant checks, graduated hints and worked solutions for an assignment's practice version.

The practice notebook (built by ``make practice`` from the instructor's source, see
:mod:`facecourse.selfstudy.build`) starts with ``practice = Practice("<assignment id>")`` and has
one self-check line after each question::

    practice.check("q1")     # right or not, and which expectation failed, in words
    practice.hint("q1")      # the next hint: a nudge first, then more
    practice.solution("q1")  # the worked solution, after a confirmation step

What the checks compare with is stored only as salted SHA-256 hashes of the expected values (in
``practice-checks.json`` beside the notebook), never the values themselves.  The worked
solutions are read, when asked for, from the instructor's source notebook in the course
repository.  Progress stays on this computer: nothing is ever sent anywhere, and a record is
written (to ``practice-progress.json`` beside the notebook) only if you ask for one.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..selfcheck import MARKS, NOT_ATTEMPTED, NOT_YET, RIGHT, canonical
from ..selfcheck import SelfCheckError as PracticeError  # one error for every self-check, lessons' and practice's

__all__ = ["Practice", "CheckReport", "canonical", "digest", "PracticeError"]

CHECKS_FILE = "practice-checks.json"
PROGRESS_FILE = "practice-progress.json"
REPO = Path(__file__).resolve().parents[2]


# -- canonical text -> salted hash ------------------------------------------------------------

def digest(salt: str, question: str, index: int, canonical_text: str) -> str:
    return hashlib.sha256(f"{salt}|{question}|{index}|{canonical_text}".encode()).hexdigest()


# -- what a learner sees ------------------------------------------------------------------------

@dataclass
class CheckReport:
    question: str
    status: str  # RIGHT | NOT_YET | NOT_ATTEMPTED (the shared words) | "partly done"
    failed: list[str] = field(default_factory=list)
    total: int = 0
    pending: int = 0  # checks of parts not answered yet

    @property
    def passed(self) -> bool:
        return self.status == RIGHT

    def __str__(self) -> str:
        if self.status == RIGHT:
            return f"{MARKS[RIGHT]} {self.question}: right — all {self.total} checks pass."
        if self.status == NOT_ATTEMPTED:
            return (f"{MARKS[NOT_ATTEMPTED]} {self.question}: not attempted yet — write your answer in the cell above, run it, "
                    f"then run this check again.")
        waiting = (f"; {self.pending} more check{'s' if self.pending != 1 else ''} wait for parts you haven't "
                   f"answered yet") if self.pending else ""
        if self.status == "partly done":
            return f"✓ {self.question}: so far so good — the {self.total - self.pending} checks of what you've answered pass{waiting}."
        lines = [f"{MARKS[NOT_YET]} {self.question}: not right yet — {len(self.failed)} of {self.total} checks fail{waiting}:"]
        lines += [f"  - {msg}" for msg in self.failed]
        lines.append(f'  practice.hint("{self.question}") gives a hint.')
        return "\n".join(lines)

    __repr__ = __str__


class _NotAttempted(Exception):
    pass


class Practice:
    """Checks, hints and solutions for one assignment's practice notebook.

    ``namespace`` is where answers are looked up (default: the running notebook's variables);
    ``folder`` holds ``practice-checks.json`` (default: the current folder, else the course's
    ``assignments/practice/<id>/``); ``keep_progress=True`` records results in
    ``practice-progress.json`` in that folder, on this computer only.
    """

    def __init__(self, assignment: str, *, keep_progress: bool = False, namespace: dict | None = None,
                 folder: str | Path | None = None):
        candidates = [Path(folder)] if folder is not None else [Path.cwd(), REPO / "assignments" / "practice" / assignment]
        path = next((p / CHECKS_FILE for p in candidates if (p / CHECKS_FILE).exists()), None)
        if path is None:
            raise PracticeError(f"no {CHECKS_FILE} for {assignment!r} in {', '.join(map(str, candidates))}: "
                                f"run `make practice` in the course folder first")
        self.spec = json.loads(path.read_text())
        if self.spec.get("assignment") != assignment:
            raise PracticeError(f"{path} is for {self.spec.get('assignment')!r}, not {assignment!r}")
        self.assignment, self.folder, self.keep_progress = assignment, path.parent, keep_progress
        self._namespace = namespace
        self._hints_shown: dict[str, int] = {}
        self._results: dict[str, dict] = {}
        if keep_progress and (self.folder / PROGRESS_FILE).exists():
            saved = json.loads((self.folder / PROGRESS_FILE).read_text())
            self._results = saved.get("questions", {})
            self._hints_shown = {q: r.get("hints_seen", 0) for q, r in self._results.items()}

    # -- lookups --
    @property
    def questions(self) -> list[str]:
        return list(self.spec["questions"])

    def _question(self, question: str) -> dict:
        if question not in self.spec["questions"]:
            raise PracticeError(f"no question {question!r} in {self.assignment}; the questions are "
                                f"{', '.join(self.spec['questions'])}")
        return self.spec["questions"][question]

    def _ns(self) -> dict:
        if self._namespace is not None:
            return self._namespace
        try:
            from IPython import get_ipython
            shell = get_ipython()
        except ImportError:  # pragma: no cover - IPython comes with Jupyter
            shell = None
        if shell is None:
            raise PracticeError("no notebook is running: pass namespace=globals()")
        return shell.user_ns

    # -- check --
    def _evaluate(self, expr: str, ns: dict):
        import builtins
        tree = ast.parse(expr, mode="eval")
        bound = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        bound |= {a.arg for n in ast.walk(tree) if isinstance(n, ast.Lambda) for a in n.args.args}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id not in bound:
                missing = node.id not in ns and not hasattr(builtins, node.id)
                if missing or ns.get(node.id) is Ellipsis:  # never run, or still the placeholder `...`
                    raise _NotAttempted
        try:
            return eval(expr, ns)  # noqa: S307 - the course's own check expressions, in the learner's notebook
        except NotImplementedError as err:  # the released placeholder: `raise NotImplementedError()`
            raise _NotAttempted from err

    def check(self, question: str) -> CheckReport:
        q = self._question(question)
        if q["kind"] == "written":
            raise PracticeError(f"{question} is a written question: practice.solution({question!r}) shows "
                                f"the rubric and a model answer to compare yours with")
        ns = self._ns()
        failed, attempted, pending = [], 0, 0
        for i, chk in enumerate(q["checks"]):
            try:
                value = self._evaluate(chk["expr"], ns)
            except _NotAttempted:  # a part of the question not answered yet: not a mistake
                pending += 1
                continue
            except Exception as err:  # the learner's code raised: say so, in their terms
                attempted += 1
                failed.append(f"{chk['says']} (Running it raised {type(err).__name__}: {err})")
                continue
            attempted += 1
            if chk.get("kind") == "problems":
                if not isinstance(value, (list, tuple)):
                    failed.append(chk["says"])
                elif value:
                    failed.append(chk["says"] + " " + " ".join(f"{p}." if not str(p).endswith(".") else str(p) for p in value))
                continue
            try:
                text = canonical(value, chk.get("digits", 6))
            except PracticeError:
                failed.append(f"{chk['says']} (got a {type(value).__name__}, which this question doesn't expect)")
                continue
            if digest(self.spec["salt"], question, i, text) not in chk["hashes"]:
                failed.append(chk["says"])
        status = (NOT_ATTEMPTED if attempted == 0 else NOT_YET if failed
                  else "partly done" if pending else RIGHT)
        report = CheckReport(question, status, failed, len(q["checks"]), pending)
        self._record(question, status=status)
        return report

    def visible_tests(self, question: str) -> "_VisibleTests":
        """Run the class version's visible tests for `question` without stopping the notebook:
        ``with practice.visible_tests("q1"):`` followed by the tests, indented."""
        self._question(question)
        return _VisibleTests(question, self._ns)

    # -- hints and solutions --
    def hint(self, question: str) -> "_Text":
        q = self._question(question)
        hints = q.get("hints", [])
        if not hints:
            return _Text(f"There are no hints for {question}; practice.solution({question!r}) shows the worked solution.")
        n = min(self._hints_shown.get(question, 0) + 1, len(hints))
        self._hints_shown[question] = n
        self._record(question, hints_seen=n)
        more = (f" (run again for hint {n + 1})" if n < len(hints)
                else f" — that was the last hint; practice.solution({question!r}) shows the worked solution.")
        return _Text(f"Hint {n} of {len(hints)} for {question}: {hints[n - 1]}{more}")

    def solution(self, question: str, confirm: bool = False) -> "_Text":
        q = self._question(question)
        if not confirm:
            if q["kind"] == "written":
                return _Text(f"Write your own answer to {question} first: the rubric and the model answer are for "
                             f"checking it, and reading them first makes the exercise a copying one. When yours is "
                             f"written, run practice.solution({question!r}, confirm=True).")
            return _Text(f"Looking at the worked solution is the end of practising {question}: you learn more from "
                         f"another try or a hint first (practice.hint({question!r})). If you're sure, run "
                         f"practice.solution({question!r}, confirm=True).")
        source = REPO / "assignments" / "source" / self.assignment / f"{self.assignment}.ipynb"
        if not source.exists():
            return _Text(f"The worked solutions are in the course's source notebook ({source.relative_to(REPO)}), "
                         f"which is not on this computer.")
        import nbformat
        cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nbformat.read(source, as_version=4).cells}
        self._record(question, solution_seen=True)
        if q["kind"] == "written":
            from ..grading import rubrics
            cell = cells[q["answer_cells"][0]]
            return _Text(f"## {question}: rubric and model answer\n\n{rubrics.to_markdown(cell.metadata['facecourse']['rubric'])}"
                         f"\n\n{cell.source}", markdown=True)
        parts = [re.sub(r"[ \t]*### (BEGIN|END) SOLUTION\n?", "", cells[gid].source).strip()
                 for gid in q["answer_cells"]]
        return _Text(f"## {question}: a worked solution\n\n" + "\n\n".join(f"```python\n{p}\n```" for p in parts)
                     + "\n\nOther answers that pass every check are just as right.", markdown=True)

    # -- progress --
    def _record(self, question: str, **changes) -> None:
        entry = self._results.setdefault(question, {})
        entry.update(changes)
        if "status" in changes:
            entry["checked"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
            if changes["status"] == RIGHT:
                entry["ever_right"] = True
        if self.keep_progress:
            data = {"assignment": self.assignment, "note": "Written by facecourse.selfstudy on this computer only; "
                    "never sent anywhere. Delete this file to forget.", "questions": self._results}
            (self.folder / PROGRESS_FILE).write_text(json.dumps(data, indent=1))

    def progress(self) -> "_Text":
        lines = [f"Progress on {self.assignment} "
                 + (f"(kept in {self.folder / PROGRESS_FILE}, on this computer only):" if self.keep_progress
                    else "(this session only; Practice(..., keep_progress=True) keeps a record on this computer):")]
        for question, q in self.spec["questions"].items():
            r = self._results.get(question, {})
            if q["kind"] == "written":
                state = "model answer seen" if r.get("solution_seen") else "written: compare with the model answer when done"
            else:
                state = r.get("status") or "not checked yet"
                if r.get("ever_right") and r.get("status") != RIGHT:
                    state += " (was right before)"
            extras = [f"{r['hints_seen']} hint{'s' if r['hints_seen'] != 1 else ''}"] if r.get("hints_seen") else []
            if r.get("solution_seen") and q["kind"] != "written":
                extras.append("solution seen")
            lines.append(f"  {question}: {state}" + (f" ({', '.join(extras)})" if extras else ""))
        return _Text("\n".join(lines))


class _VisibleTests:
    """Context manager around a visible tests cell: one line of outcome instead of a traceback."""

    def __init__(self, question: str, namespace):
        self.question, self._namespace = question, namespace

    def __enter__(self):
        return self

    def __exit__(self, kind, err, tb):
        if kind is None:
            print(f"✓ the visible tests for {self.question} pass (the self-check below checks more).")
            return False
        if not issubclass(kind, Exception):
            return False  # KeyboardInterrupt and the like: let them through
        if issubclass(kind, (NotImplementedError, NameError)) or _placeholder_involved(err, self._namespace()):
            print(f"· visible tests for {self.question}: not attempted yet.")
        elif issubclass(kind, AssertionError):
            print(f"✗ a visible test for {self.question} fails: {err}" if str(err)
                  else f"✗ a visible test for {self.question} fails.")
        else:
            print(f"✗ a visible test for {self.question} stopped with {kind.__name__}: {err}")
        return True  # reported in one line; the notebook goes on


def _placeholder_involved(err: BaseException, ns: dict) -> bool:
    """A TypeError or similar caused by an answer still set to the placeholder `...`."""
    return "ellipsis" in str(err).lower() or any(v is Ellipsis for k, v in ns.items() if not k.startswith("_")
                                                 and k in str(err))


class _Text(str):
    """A string that Jupyter shows as text (or markdown) rather than as a quoted repr."""

    def __new__(cls, text: str, markdown: bool = False):
        obj = super().__new__(cls, text)
        obj.markdown = markdown
        return obj

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self):
        return str(self) if self.markdown else None
