"""``make practice``: a self-study version of every assignment, built from its nbgrader source.

For each ``assignments/source/<id>/<id>.ipynb``:

1. nbgrader's own ``generate_assignment`` (in a temporary course) removes the solutions and the
   hidden tests, exactly as for the class release;
2. the source, with its solutions, is run once, and the value of every self-check expression
   (``metadata.facecourse.practice`` on each tests cell) is stored as a salted hash;
3. the practice notebook is the release with a setup cell at the top; each tests cell's visible
   tests run inside ``with practice.visible_tests(...)`` (a failure prints one line and the
   notebook goes on), then one self-check line per question; a pointer to the model answer follows
   each written answer; answer cells run cleanly while still blank (``name = ...`` placeholders).

Output: ``assignments/practice/<id>/<id>.ipynb``, ``practice-checks.json`` and the files the
assignment ships with.  Nothing in it holds a solution, a hidden test or an expected value.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from .practice import CHECKS_FILE, PracticeError, canonical, digest

REPO = Path(__file__).resolve().parents[2]
MARK = "@@facecourse-practice@@"
_SOLUTION_BLOCK = re.compile(r"### BEGIN SOLUTION\n(.*?)[ \t]*### END SOLUTION", re.S)


def _meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def questions_in(source_nb) -> dict[str, dict]:
    """The practice questions of a source notebook, in order: checks, hints, and which answer cells they cover."""
    out: dict[str, dict] = {}
    pending: list[str] = []  # answer cells since the last tests cell
    for cell in source_nb.cells:
        meta = _meta(cell)
        if meta.get("solution") and cell.cell_type == "code":
            pending.append(meta["grade_id"])
        elif meta.get("grade") and meta.get("solution"):  # a written answer
            gid = meta["grade_id"]
            out[re.sub(r"-answer$", "", gid)] = {"kind": "written", "answer_cells": [gid], "tests_cells": []}
        elif meta.get("grade") and cell.cell_type == "code":
            spec = cell.metadata.get("facecourse", {}).get("practice")
            if not spec:
                raise PracticeError(f"tests cell {meta['grade_id']} has no practice spec (metadata.facecourse.practice)")
            q = out.setdefault(spec["question"], {"kind": "code", "answer_cells": [], "tests_cells": [],
                                                  "checks": [], "hints": []})
            q["answer_cells"] += pending
            q["tests_cells"].append(meta["grade_id"])
            q["checks"] += [dict(c) for c in spec["checks"]]
            q["hints"] += [h for h in spec.get("hints", []) if h not in q["hints"]]
            pending = []
    for name, q in out.items():
        if q["kind"] == "code" and (not q["checks"] or not q["hints"]):
            raise PracticeError(f"question {name} needs at least one check and one hint")
    return out


def _expected_values(source_path: Path, questions: dict[str, dict]) -> dict[str, list[str]]:
    """Run the source (with its solutions) and return each check's canonical expected value."""
    from nbclient import NotebookClient

    nb = nbformat.read(source_path, as_version=4)
    todo = [(q, i, c["expr"], c.get("kind"), c.get("digits", 6)) for q, spec in questions.items()
            if spec["kind"] == "code" for i, c in enumerate(spec["checks"])]
    probe = (f"import json as _j\nfrom facecourse.selfstudy.practice import canonical as _c\n_out = {{}}\n"
             f"for _q, _i, _e, _k, _d in {todo!r}:\n"
             f"    _v = eval(_e)\n"
             f"    _out.setdefault(_q, []).append(_c(_v, _d) if _k != 'problems' else _j.dumps(list(_v)))\n"
             f"print({MARK!r} + _j.dumps(_out))")
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    with tempfile.TemporaryDirectory() as scratch:
        for item in source_path.parent.iterdir():
            if item.is_file() and item.suffix != ".ipynb":
                shutil.copy(item, scratch)
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": scratch}}).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
    values = json.loads(text.split(MARK, 1)[1])
    for q, spec in questions.items():
        for chk, value in zip(spec.get("checks", []), values.get(q, [])):
            if chk.get("kind") == "problems" and value != "[]":
                raise PracticeError(f"{q}: the solution itself fails the check {chk['expr']!r}: {value}")
    return values


def _release(source_dir: Path, name: str) -> Path:
    """nbgrader's release of one assignment, made in a temporary course."""
    course = Path(tempfile.mkdtemp(prefix="practice-release-"))
    shutil.copytree(source_dir, course / "source" / name)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([str(bin_dir / "nbgrader"), "generate_assignment", name, "--force",
                             f"--CourseDirectory.root={course}"], cwd=course, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment {name} failed:\n{result.stdout}\n{result.stderr}")
    return course / "release" / name


def _assigned_names(solution_code: str) -> list[str]:
    names = []
    for node in ast.parse(solution_code).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for t in targets:
            for n in ast.walk(t):
                if isinstance(n, ast.Name) and n.id not in names:
                    names.append(n.id)
    return names


def _blank_answer(release_source: str, solution_source: str, tested_names: set[str]) -> str:
    """A blank answer cell that runs: a top-level `raise NotImplementedError()` becomes `name = ...`
    lines for the names the tests look at (not the solution's intermediate steps)."""
    lines = release_source.splitlines()
    if "raise NotImplementedError()" not in [ln.strip() for ln in lines] or any(
            ln.strip() == "raise NotImplementedError()" and ln != ln.lstrip() for ln in lines):
        return release_source  # the placeholder is inside a function body: defining it is harmless
    block = _SOLUTION_BLOCK.search(solution_source)
    names = [n for n in _assigned_names(block.group(1) if block else solution_source) if n in tested_names]
    scaffold = [f"{n} = ...  # replace ... with your answer" for n in names] or ["pass  # your answer here"]
    out = []
    for ln in lines:
        out += scaffold if ln.strip() == "raise NotImplementedError()" else [ln]
    return "\n".join(out)


def build(name: str, out_root: Path | None = None, source_root: Path | None = None,
          expected_out: dict | None = None) -> Path:
    """Build the practice version of assignment ``name``; return its folder.

    ``expected_out``, if given, receives the canonical expected values (for tests; never written)."""
    source_dir = (source_root or REPO / "assignments" / "source") / name
    source_path = source_dir / f"{name}.ipynb"
    if not source_path.exists():
        raise FileNotFoundError(f"no source notebook {source_path}")
    source_nb = nbformat.read(source_path, as_version=4)
    questions = questions_in(source_nb)
    expected = _expected_values(source_path, questions)
    if expected_out is not None:
        expected_out.update(expected)
    release_dir = _release(source_dir, name)
    try:
        release_nb = nbformat.read(release_dir / f"{name}.ipynb", as_version=4)
        solutions = {_meta(c)["grade_id"]: c.source for c in source_nb.cells if _meta(c).get("solution")}
        tested_names = {w for c in source_nb.cells if _meta(c).get("grade") and c.cell_type == "code"
                        for w in re.findall(r"\b[A-Za-z_]\w*\b", c.source)}
        salt = hashlib.sha256(source_path.read_bytes()).hexdigest()[:16]

        last_tests = {q["tests_cells"][-1]: name_ for name_, q in questions.items() if q["kind"] == "code"}
        tests_question = {t: name_ for name_, q in questions.items() for t in q["tests_cells"]}
        written = {q["answer_cells"][0]: name_ for name_, q in questions.items() if q["kind"] == "written"}
        cells = [release_nb.cells[0], *_intro_cells(name)]
        for cell in release_nb.cells[1:]:
            meta = _meta(cell)
            gid = meta.get("grade_id")
            if meta.get("grade") and cell.cell_type == "code":  # a tests cell: its visible tests, guarded
                question = tests_question[gid]
                if _has_code(cell.source):
                    cells.append(_visible_tests_cell(question, gid, cell.source))
                if gid in last_tests:  # then one self-check line per question
                    cells.append(_check_cell(last_tests[gid], gid))
                continue
            if meta.get("solution") and cell.cell_type == "code":
                cell.source = _blank_answer(cell.source, solutions[gid], tested_names)
            cells.append(cell)
            if gid in written:
                cells.append(_written_cell(written[gid], gid))
        release_nb.cells = cells
        for cell in release_nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None

        spec = {"assignment": name, "salt": salt, "questions": {}}
        for qname, q in questions.items():
            entry = {"kind": q["kind"], "answer_cells": q["answer_cells"]}
            if q["kind"] == "code":
                entry["hints"] = q["hints"]
                entry["checks"] = []
                for i, (chk, value) in enumerate(zip(q["checks"], expected[qname])):
                    stored = {"expr": chk["expr"], "says": chk["says"], "digits": chk.get("digits", 6)}
                    if chk.get("kind") == "problems":
                        stored["kind"] = "problems"
                    else:  # the solution's value, and any other answer the graded tests also accept
                        values = [value, *(canonical(v, stored["digits"]) for v in chk.get("also_accept", []))]
                        stored["hashes"] = sorted({digest(salt, qname, i, v) for v in values})
                    entry["checks"].append(stored)
            spec["questions"][qname] = entry

        out = (out_root or REPO / "assignments" / "practice") / name
        if out.exists():
            progress = out / "practice-progress.json"
            kept = progress.read_bytes() if progress.exists() else None
            shutil.rmtree(out)
        else:
            kept = None
        shutil.copytree(release_dir, out)
        nbformat.write(release_nb, out / f"{name}.ipynb")
        (out / CHECKS_FILE).write_text(json.dumps(spec, indent=1, ensure_ascii=False))
        if kept is not None:  # a rebuild keeps the learner's own record
            (out / "practice-progress.json").write_bytes(kept)
        return out
    finally:
        shutil.rmtree(release_dir.parents[1], ignore_errors=True)


def _intro_cells(name: str) -> list:
    md = nbformat.v4.new_markdown_cell(
        "### This is the practice version\n\n"
        "Nothing here is graded or submitted. After each question, run its **self-check** line:\n\n"
        "- `practice.check(\"q1\")` says whether your answer is right, and if not, which expectation failed;\n"
        "- `practice.hint(\"q1\")` gives a hint — run it again for a bigger one;\n"
        "- `practice.solution(\"q1\")` shows a worked solution, after asking you to confirm. For written "
        "questions it shows the rubric and a model answer to compare yours with.\n\n"
        "The checks compare your answers with *hashes* of the expected values, so the notebook can't give the "
        "answers away by accident. **Your progress stays on this computer:** nothing is sent anywhere, ever. "
        "`practice.progress()` shows how far you are; to keep a record between sessions, start with "
        f"`Practice(\"{name}\", keep_progress=True)` — it writes `practice-progress.json` beside this notebook, "
        "and deleting that file forgets it. (In a course about surveillance, the tools that watch you should "
        "tell you so.)\n\n"
        "*The instructions above still speak of grading, hidden tests and Validate: they are for the class "
        "version. Here, each question's visible tests run as in class, but a failure prints one line instead "
        "of stopping you, and the self-check line after them plays the part of the hidden tests.*")
    code = nbformat.v4.new_code_cell(f"from facecourse.selfstudy.practice import Practice\n\npractice = Practice(\"{name}\")")
    md.metadata["facecourse"] = {"practice_cell": "intro"}
    code.metadata["facecourse"] = {"practice_cell": "setup"}
    return [md, code]


def _has_code(source: str) -> bool:
    return any(ln.strip() and not ln.strip().startswith("#") for ln in source.splitlines())


def _visible_tests_cell(question: str, tests_cell: str, source: str):
    """The class version's visible tests, run so that a failure is one line, not a traceback."""
    body = "\n".join(("    " + ln) if ln.strip() else ln for ln in source.rstrip().splitlines())
    cell = nbformat.v4.new_code_cell(f'with practice.visible_tests("{question}"):  # the tests the class version shows\n'
                                     f"{body}")
    cell.metadata["facecourse"] = {"practice_cell": "visible_tests", "question": question, "from": tests_cell}
    return cell


def _check_cell(question: str, tests_cell: str):
    cell = nbformat.v4.new_code_cell(f'practice.check("{question}")  # practice.hint("{question}") for a hint')
    cell.metadata["facecourse"] = {"practice_cell": "check", "question": question, "replaces": tests_cell}
    return cell


def _written_cell(question: str, answer_cell: str):
    cell = nbformat.v4.new_code_cell(f'practice.solution("{question}")  # the rubric and a model answer, '
                                     f'when you have written yours')
    cell.metadata["facecourse"] = {"practice_cell": "solution", "question": question, "after": answer_cell}
    return cell


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or sorted(
        p.name for p in (REPO / "assignments" / "source").iterdir() if p.is_dir())
    for name in names:
        out = build(name)
        print(f"{name}: {out.relative_to(REPO)}/{name}.ipynb")
    print("Open them in JupyterLab (make lab) under assignments/practice/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
