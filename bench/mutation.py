"""make mutation: how many small planted bugs (mutants) the fast unit tests catch, per pure module.

mutmut (pinned in requirements.txt) copies the package into a scratch folder, makes one mutant at a
time in the modules below (a ``<`` turned into ``<=``, a constant changed, a line dropped ...),
and runs the unit tests that reach the mutated function.  A mutant the tests fail on is *killed*;
one they pass is a *survivor*: a bug the suite would let through, or an equivalent change (listed,
with the reason, in bench/mutation-survivors.md).  Writes bench/mutation.json:

    {"modules": {"facecourse/models/linkage.py": {"killed": k, "total": n, ...}, ...}, "score": ...}

Goal: at least 85% killed in every module.  Takes 15-30 minutes on two cores; run it after
changing a module below or its tests (docs/authoring.md says when).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The pure modules measured -- edit this list when the package moves.  Globs; a pattern that matches
# nothing (the judge's codec, until it exists) is skipped.
MODULES = [
    "facecourse/models/*.py",
    "facecourse/data/*.py",
    "facecourse/selfstudy/practice.py",  # the practice check logic (move with it if it becomes a course module)
    "facecourse/grading/codec*.py",  # the judge's codec: values between the student's process and the judge
]
# Their fast unit tests (no kernel, no nbgrader run, no browser).  Globs too.
TESTS = [
    "tests/test_metrics.py", "tests/test_properties.py", "tests/test_coding.py", "tests/test_linkage.py",
    "tests/test_data.py", "tests/test_data_limits.py", "tests/test_policy_designer.py", "tests/test_aggregation.py",
    "tests/test_models_edges.py", "tests/test_practice_checks.py", "tests/test_widgets*.py", "tests/test_*codec*.py",
]
GOAL = 0.85
# What mutmut reports, and whether it counts as caught.  A timeout is caught: the mutant made a test hang.
CAUGHT = {"killed", "timeout", "segfault"}
OUT = REPO / "bench" / "mutation.json"


def _expand(patterns: list[str]) -> list[str]:
    return [str(p.relative_to(REPO)) for pattern in patterns for p in sorted(REPO.glob(pattern))
            if p.name != "__init__.py"]  # the package's __init__ files hold no functions to mutate


def _workspace(modules: list[str], tests: list[str]) -> Path:
    """A scratch copy of what the tests need, with mutmut's settings in its own pyproject.toml."""
    work = Path(tempfile.mkdtemp(prefix="facecourse-mutation-"))
    for folder in ("facecourse", "tests", "datasets", "assignments/source", "lessons"):
        shutil.copytree(REPO / folder, work / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("conftest.py", "pyproject.toml"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, work / name)
    settings = {
        "source_paths": ["facecourse"],
        "only_mutate": modules,
        "also_copy": ["datasets/", "assignments/", "lessons/", "conftest.py"],
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-m", "not slow", "-W", "ignore::DeprecationWarning"],
        "pytest_add_cli_args_test_selection": tests,
        "debug": False,
    }
    with open(work / "pyproject.toml", "a") as f:
        f.write("\n[tool.mutmut]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in settings.items()))
    return work


def _results(work: Path, modules: list[str]) -> dict:
    """Read mutmut's verdicts (run inside `work`, where mutmut keeps them) into per-module counts."""
    code = (
        "import json, sys\n"
        "from mutmut.mutation.data import SourceFileMutationData\n"
        "from mutmut.stats import status_by_exit_code\n"
        "out = {}\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    m = SourceFileMutationData(path=path)\n"
        "    m.load()\n"
        "    out[path] = {k: status_by_exit_code[v] for k, v in m.exit_code_by_key.items()}\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, json.dumps(modules)], cwd=work, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def main(module_patterns: list[str] = MODULES, out_path: Path = OUT) -> int:
    """``python bench/mutation.py [module glob ...]`` measures only those modules (and writes nothing)."""
    modules, tests = _expand(module_patterns), _expand(TESTS)
    work = _workspace(modules, tests)
    mutmut = Path(sys.executable).with_name("mutmut")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    log, diffs = REPO / "bench" / "mutation.log", REPO / "bench" / "mutation-survivors.log"
    try:
        with open(log, "w") as out:
            run = subprocess.run([str(mutmut), "run", "--max-children", str(os.cpu_count() or 2)], cwd=work, env=env,
                                 stdout=out, stderr=subprocess.STDOUT)
        if run.returncode != 0:
            print(f"mutmut failed (exit {run.returncode}); see {log.relative_to(REPO)}", file=sys.stderr)
            return run.returncode
        verdicts = _results(work, modules)
        report = {"modules": {}, "goal": GOAL}
        survivors = []
        for module, by_mutant in verdicts.items():
            statuses = list(by_mutant.values())
            killed = sum(s in CAUGHT for s in statuses)
            left = sorted(k for k, s in by_mutant.items() if s not in CAUGHT)
            report["modules"][module] = {"killed": killed, "total": len(statuses),
                                         "score": round(killed / len(statuses), 4) if statuses else None,
                                         "not_killed": {k: by_mutant[k] for k in left}}
            survivors += left
        total = sum(m["total"] for m in report["modules"].values())
        report["score"] = round(sum(m["killed"] for m in report["modules"].values()) / total, 4) if total else None
        with open(diffs, "w") as out:  # the diff of every mutant left alive, for bench/mutation-survivors.md
            for name in survivors:
                out.write(f"\n===== {name}\n")
                out.flush()
                subprocess.run([str(mutmut), "show", name], cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT)
        if out_path is not None:
            out_path.write_text(json.dumps(report, indent=1) + "\n")
        below = {m: v["score"] for m, v in report["modules"].items() if v["total"] and v["score"] < GOAL}
        for module, v in report["modules"].items():
            print(f"{module}: {v['killed']}/{v['total']} killed ({v['score']:.1%})" if v["total"] else f"{module}: no mutants")
        print(f"score: {report['score']:.1%}; survivors' diffs in {diffs.relative_to(REPO)}"
              + (f"; wrote {out_path.relative_to(REPO)}" if out_path is not None else ""))
        if below:
            print(f"BELOW THE {GOAL:.0%} GOAL: {below}")
            return 1
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], None) if sys.argv[1:] else main())
