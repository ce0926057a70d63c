"""Benchmarks (not tests): lesson execution time against a floor, and widget response time.

Writes bench/results.json:
  floor_s   a notebook that only imports the course package and shows one empty FigureWidget,
            executed the same way as the lessons, in the same run
  lessons   seconds to execute each lesson (fresh kernel each, nbclient, in this process)
  widgets   time from a control change to the figure updated, in the kernel (median, p95 over
            >= 50 changes), at national-scale settings
  autograde the same synthetic class graded by `make autograde` and by stock sequential `nbgrader autograde`
            (ps1; ps2-ps4 under autograde_by_assignment).  `python bench/run_bench.py autograde` runs only this.
Budgets (issue: foundation): widget median <= 16 ms and p95 <= 50 ms; each lesson <= 2x floor.
The same times as a student feels them, in the browser, are bench/browser_widgets.py (browser_widgets).
Budget (issue 14): autograde speedup >= 4 on 2 cores.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import nbformat
import numpy as np
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def execute_seconds(nb, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def floor_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import facecourse as fc\nimport plotly.graph_objects as go\ngo.FigureWidget()")]
    return nb


def time_changes(control, values) -> dict:
    times = []
    for v in values:
        start = time.perf_counter()
        control.value = v
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 3),
            "p95_ms": round(float(np.percentile(times, 95)), 3), "changes": len(times)}


def widget_timings() -> dict:
    from facecourse.explorers import OneToManyExplorer, ThresholdExplorer, TimelineExplorer

    out = {}
    t = ThresholdExplorer()
    out["ThresholdExplorer.threshold"] = time_changes(t.threshold, [float(v) for v in np.linspace(0.4, 0.95, 100)])
    out["ThresholdExplorer.impostor_share"] = time_changes(t.impostor_share, [float(v) for v in np.logspace(-6, -1, 60)])
    out["ThresholdExplorer.height"] = time_changes(t.height, [list(t.height.options)[i % 2] for i in range(1, 61)])
    s = OneToManyExplorer()
    out["OneToManyExplorer.gallery_size"] = time_changes(s.gallery_size, [float(v) for v in np.logspace(3, 9.1, 60)])
    tl = TimelineExplorer()
    options = list(tl.jurisdiction.options)
    out["TimelineExplorer.jurisdiction"] = time_changes(tl.jurisdiction, [options[i % len(options)] for i in range(1, 61)])
    from facecourse.explorers import SimRegistrationExplorer, SubscriptionsExplorer  # lesson 01
    sub = SubscriptionsExplorer()
    out["SubscriptionsExplorer.subscriptions_per_user"] = time_changes(
        sub.subscriptions_per_user, [round(1.0 + 0.05 * (i % 30), 2) for i in range(1, 101)])
    out["SubscriptionsExplorer.view"] = time_changes(sub.view, [("per 100 people", "millions")[i % 2] for i in range(60)])
    sim = SimRegistrationExplorer()
    options = list(sim.policy.options)
    out["SimRegistrationExplorer.policy"] = time_changes(sim.policy, [options[i % len(options)] for i in range(1, 61)])
    from facecourse.explorers import DifferentialsExplorer  # lesson 03
    d = DifferentialsExplorer()
    out["DifferentialsExplorer.threshold"] = time_changes(d.threshold, [float(v) for v in np.linspace(0.5, 0.95, 100)])
    out["DifferentialsExplorer.mode"] = time_changes(d.mode, [list(d.mode.options)[i % 3] for i in range(1, 61)])
    d.mode.value = "per-group: equal FMR"
    out["DifferentialsExplorer.target_fmr"] = time_changes(d.target_fmr, [float(v) for v in np.logspace(-9, -2, 60)])
    from facecourse.explorers import ConsentScenarioExplorer  # lesson 04
    c = ConsentScenarioExplorer(reveal_all=True)
    out["ConsentScenarioExplorer.use"] = time_changes(c.use, [list(c.use.options)[i % 5] for i in range(1, 61)])
    out["ConsentScenarioExplorer.jurisdiction"] = time_changes(
        c.jurisdiction, [[v for _, v in c.jurisdiction.options][i % 3] for i in range(1, 61)])
    from facecourse.explorers import AttentionDetectorExplorer  # lesson 05
    ad = AttentionDetectorExplorer()
    out["AttentionDetectorExplorer.base_rate"] = time_changes(
        ad.base_rate, [float(v) for v in np.logspace(-3, np.log10(0.5), 100)])
    out["AttentionDetectorExplorer.checks_per_lesson"] = time_changes(ad.checks_per_lesson, [1 + i % 90 for i in range(1, 101)])
    from facecourse.explorers import PolicyDesigner  # lesson 08
    pd_ = PolicyDesigner()
    out["PolicyDesigner.human_review"] = time_changes(pd_.human_review, [bool(i % 2) for i in range(1, 101)])
    out["PolicyDesigner.face_fnmr"] = time_changes(pd_.face_fnmr, [0.001 + 0.001 * (i % 30) for i in range(1, 101)])
    out["PolicyDesigner.retention"] = time_changes(pd_.retention, [list(pd_.retention.options)[i % 5] for i in range(1, 61)])
    from facecourse.explorers import ReactionCodingExplorer, ValueWeightingExplorer  # lesson 07
    rc = ReactionCodingExplorer()
    rc.compare()
    out["ReactionCodingExplorer.stance_code"] = time_changes(
        rc.stance_codes[0], [("support", "oppose", "mixed")[i % 3] for i in range(1, 61)])
    vw = ValueWeightingExplorer()
    out["ValueWeightingExplorer.weight"] = time_changes(vw.weights[3], [i % 11 for i in range(1, 101)])
    from facecourse.explorers import LinkageExplorer, UniquenessEstimateExplorer  # lesson 06
    lk = LinkageExplorer()
    out["LinkageExplorer.birth"] = time_changes(lk.birth, [list(lk.birth.options)[i % 4] for i in range(1, 101)])
    out["LinkageExplorer.phone_prefix"] = time_changes(lk.phone_prefix, [bool(i % 2) for i in range(1, 61)])
    ue = UniquenessEstimateExplorer()
    out["UniquenessEstimateExplorer.people_per_area"] = time_changes(
        ue.people_per_area, [float(v) for v in np.logspace(1, 5, 100)])
    return out


def autograde_timings(assignment: str = "ps1-error-rates", students: int = 100) -> dict:
    """The same synthetic class graded by `make autograde` (the judge; feedback included) and by stock
    sequential `nbgrader autograde` (nbgrader's own Execute, one kernel per notebook, no course config),
    in the same run; both must give every student the same score.  per_student_s: seconds of a worker
    per student in `make autograde`."""
    import os
    import shutil
    import subprocess
    import tempfile

    sys.path.insert(0, str(REPO / "tests"))
    import autograde_submissions as subs
    from nbgrader.api import Gradebook

    from facecourse.grading.classgrader import ClassGrader
    from facecourse.grading.sandbox import sandbox_available

    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    # Honest work only: stock nbgrader stops on some broken notebooks, and the comparison must be like for like.
    makers = [subs.correct, subs.blank, subs.extra_helper_cell]
    timings, scores = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("parallel", "sequential"):
            course = Path(tmp) / kind
            shutil.copytree(REPO / "assignments" / "source" / assignment, course / "source" / assignment)
            subprocess.run([str(bin_dir / "nbgrader"), "generate_assignment", assignment, "--force",
                            f"--CourseDirectory.root={course}"], cwd=REPO, env=env, check=True, capture_output=True)
            name = next((course / "release" / assignment).glob("*.ipynb")).name
            release = nbformat.read(course / "release" / assignment / name, 4)
            source = nbformat.read(course / "source" / assignment / name, 4)
            for i in range(students):
                folder = course / "submitted" / f"student{i:03d}" / assignment
                shutil.copytree(course / "release" / assignment, folder)
                (folder / name).write_text(makers[i % len(makers)](release, source))
            start = time.perf_counter()
            if kind == "parallel":
                grader = ClassGrader(course, assignment, quiet=True)
                worker_seconds = sum(o.seconds for o in grader.run())
                workers = grader.workers
            else:  # from the course folder: no nbgrader_config.py there, so nbgrader's defaults
                subprocess.run([str(bin_dir / "nbgrader"), "autograde", assignment, f"--CourseDirectory.root={course}"],
                               cwd=course, env=env, check=True, capture_output=True)
            timings[kind] = time.perf_counter() - start
            with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
                scores[kind] = {s.student.id: s.code_score for s in gb.assignment_submissions(assignment)}
    return {"students": students, "workers": workers, "sandboxed": sandbox_available(),
            "parallel_s": round(timings["parallel"], 2), "sequential_nbgrader_s": round(timings["sequential"], 2),
            "speedup": round(timings["sequential"] / timings["parallel"], 2),
            "per_student_s": round(worker_seconds / students, 3),
            "same_scores": scores["parallel"] == scores["sequential"] and len(scores["parallel"]) == students}


def practice_timings() -> dict:
    """Seconds to build each assignment's practice version (make practice; make lab does it once)."""
    import tempfile

    from facecourse.selfstudy import build as practice_build

    out = {}
    with tempfile.TemporaryDirectory() as scratch:
        for source in sorted((REPO / "assignments" / "source").iterdir()):
            start = time.perf_counter()
            practice_build.build(source.name, out_root=Path(scratch))
            out[source.name] = round(time.perf_counter() - start, 2)
    return out


def autograde_results() -> dict:
    """ps1 with 100 students (the issue's benchmark), and each other assignment with 50."""
    others = sorted(p.name for p in (REPO / "assignments" / "source").iterdir() if p.is_dir() and p.name != "ps1-error-rates")
    return {"autograde": autograde_timings(), "autograde_by_assignment": {a: autograde_timings(a, 50) for a in others}}


def main() -> None:
    if sys.argv[1:] == ["autograde"]:  # only the grading benchmark, merged into the existing results
        out = REPO / "bench" / "results.json"
        results = {**json.loads(out.read_text()), **autograde_results()}
        out.write_text(json.dumps(results, indent=2) + "\n")
        print(json.dumps({k: results[k] for k in ("autograde", "autograde_by_assignment")}, indent=2))
        return
    floor = min(execute_seconds(floor_notebook(), REPO) for _ in range(2))
    lessons = {}
    for path in sorted((REPO / "lessons").glob("[0-9][0-9]-*.ipynb")):
        lessons[path.stem] = {"seconds": round(execute_seconds(nbformat.read(path, 4), path.parent), 3)}
    results = {
        "floor_s": round(floor, 3),
        "lessons": lessons,
        "course_s": round(sum(v["seconds"] for v in lessons.values()), 3),
        "widgets": widget_timings(),
        **autograde_results(),
        "practice_build_s": practice_timings(),
        "machine": {"python": sys.version.split()[0], "cores": __import__("os").cpu_count()},
    }
    out = REPO / "bench" / "results.json"
    kept = json.loads(out.read_text()) if out.exists() else {}  # keep what other benchmarks wrote (browser_widgets)
    out.write_text(json.dumps({**kept, **results}, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2))
    for name, v in lessons.items():
        if v["seconds"] > 2 * floor:
            print(f"OVER BUDGET: {name} took {v['seconds']:.2f} s, more than 2x the floor ({floor:.2f} s)")
    if results["autograde"]["speedup"] < 4 or not results["autograde"]["same_scores"]:
        print(f"OVER BUDGET: make autograde is {results['autograde']['speedup']}x stock nbgrader (needs 4x), "
              f"same scores: {results['autograde']['same_scores']}")
    for name, v in results["widgets"].items():
        if v["median_ms"] > 16 or v["p95_ms"] > 50:
            print(f"OVER BUDGET: {name} median {v['median_ms']} ms, p95 {v['p95_ms']} ms")


if __name__ == "__main__":
    main()
