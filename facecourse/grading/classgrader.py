"""Grade a whole class with nbgrader: in parallel, judged outside the student's process, safe to rerun.

    make autograde ASSIGNMENT=ps1-error-rates        # or: python -m facecourse.grading ps1-error-rates

nbgrader stays the grading engine and the gradebook.  What this adds around it:

1. **Rebuild** (trusted, here): each submitted notebook is rebuilt on the
   released notebook.  Answer cells come from the student, matched by nbgrader
   id (or by cell id if the metadata was stripped); test cells, their hidden
   tests and their points come from the gradebook.  Deleted, duplicated,
   re-typed or edited cells, stripped metadata and invalid JSON are handled
   here and reported; nothing a student does to the notebook's structure can
   change which tests run or what they are worth.
2. **Judge** (parallel): one long-lived judge process per core (:mod:`.worker`,
   :mod:`.judge`).  It runs the release's cells and the tests itself and never
   a line of the student's; the student's cells run in a student process
   forked from a pre-imported zygote in the sandbox (:mod:`.sandbox`,
   :mod:`.zygote`, :mod:`.student`): no network, its own PID, IPC and mount
   namespaces, the course folder (gradebook, sources, hidden tests, other
   students' work) hidden, every other file read-only.  Values cross only as
   data (:mod:`.codec`).  Every student process has a memory and a process
   limit; every cell a time limit (the tests' calls to the student's code
   included); every submission a total time limit; output per cell is capped.
   A judge process that dies or runs over is replaced and the run goes on.
3. **Record** (trusted, here): as each notebook comes back, a single recorder thread scores it with
   nbgrader's own preprocessors (``SaveAutoGrades`` …, execution switched off) into the one
   gradebook and writes its feedback with the course's configuration (hidden tests removed), while
   the workers go on executing others -- one writer, no locked or lost writes, no idle core.

Crash-safe: each executed notebook is cached under ``assignments/.autograde/``
with a hash of its input; rerunning after a crash finishes the job, and
rerunning a finished job changes nothing.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import queue
import shutil
import threading
import time
from pathlib import Path

import nbformat

from .judge import trusted_cells
from .rebuild import rebuild
from .recorder import Outcome, Recorder
from .sandbox import Limits, hidden_paths, sandbox_available
from .worker import JudgeWorker

REPO = Path(__file__).resolve().parents[2]
WORK_DIR = ".autograde"  # inside the course root; ignored by git


# -- the whole run ------------------------------------------------------------------------------

class ClassGrader:
    def __init__(self, course_root: Path, assignment: str, workers: int | None = None,
                 limits: Limits | None = None, sandbox: bool | None = None, quiet: bool = False):
        self.root = Path(course_root).resolve()
        self.assignment = assignment
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.limits = limits or Limits()
        self.sandboxed = sandbox_available() if sandbox is None else sandbox
        self.quiet = quiet
        self.work = self.root / WORK_DIR / assignment
        self.release = self.root / "release" / assignment
        if not self.release.is_dir():
            raise SystemExit(f"no release of {assignment!r} in {self.root / 'release'}: "
                             f"run `nbgrader generate_assignment {assignment}` first")
        self.release_nbs = {p.name: nbformat.read(p, 4) for p in sorted(self.release.glob("*.ipynb"))}
        self.files = {p.name: base64.b64encode(p.read_bytes()).decode()
                      for p in self.release.iterdir() if p.is_file() and p.suffix != ".ipynb"}
        self.sources, self.trusted = self._gradebook_cells()

    def log(self, msg: str):
        if not self.quiet:
            print(msg, flush=True)

    def _gradebook_cells(self) -> tuple[dict, dict]:
        """Per notebook: every source cell's source (for rebuild), and the locked code cells the judge
        may run as the release's own (``{"source", "test"}`` by grade id)."""
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gb:
            a = gb.find_assignment(self.assignment)
            sources = {nb.name + ".ipynb": {c.name: c.source for c in nb.source_cells} for nb in a.notebooks}
            trusted = {nb.name + ".ipynb": trusted_cells(nb) for nb in a.notebooks}
            return sources, trusted

    def students(self) -> list[str]:
        sub = self.root / "submitted"
        return sorted(p.parent.name for p in sub.glob(f"*/{self.assignment}") if p.is_dir())

    def _input_hash(self, student: str) -> str:
        h = hashlib.sha256()
        for p in sorted((self.root / "submitted" / student / self.assignment).rglob("*")):
            if p.is_file():
                h.update(p.name.encode())
                h.update(p.read_bytes())
        for name in self.release_nbs:
            h.update((self.release / name).read_bytes())
        return h.hexdigest()

    def run(self) -> list[Outcome]:
        start = time.perf_counter()
        students = self.students()
        outcomes = {s: Outcome(s) for s in students}
        jobs = []
        for s in students:
            digest = self._input_hash(s)
            record = self.work / s / "recorded.json"
            if record.exists() and json.loads(record.read_text()).get("hash") == digest:
                outcomes[s].status = "skipped"
                outcomes[s].notes.append("already graded from this submission")
                continue
            executed = self.work / s / "executed.json"
            if executed.exists() and json.loads(executed.read_text()).get("hash") == digest:
                continue  # executed before a crash: only needs recording
            job = self._prepare(s, digest, outcomes[s])
            if job:
                jobs.append(job)
        mode = "sandboxed (no network, own PID and mount namespaces)" if self.sandboxed else \
            "NOT sandboxed (unshare unavailable): time and memory limits only"
        self.log(f"Grading {self.assignment}: {len(students)} submission(s), {len(jobs)} to run, "
                 f"{self.workers} worker(s), {mode}")
        # Students executed before an interrupted run only need recording.
        to_record = [s for s, o in outcomes.items() if o.status == "pending" and (self.work / s / "executed.json").exists()
                     and s not in {j["student"] for j in jobs}]
        recorder = Recorder(self, outcomes)
        for s in to_record:
            recorder.put(s)
        self._execute(jobs, outcomes, recorder)
        recorder.finish()
        self._scores(outcomes)
        self._summary(list(outcomes.values()), time.perf_counter() - start)
        return list(outcomes.values())

    def _prepare(self, student: str, digest: str, outcome: Outcome) -> dict | None:
        folder = self.root / "submitted" / student / self.assignment
        nbs = {}
        for name, release_nb in self.release_nbs.items():
            path = folder / name
            if not path.exists():
                outcome.status = "failed"
                outcome.notes.append(f"{name} was not submitted")
                return None
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                nb, notes = rebuild(raw, release_nb, self.sources.get(name, {}))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                outcome.status = "failed"
                outcome.notes.append(f"{name} is not valid notebook JSON ({exc.__class__.__name__}: {exc})")
                return None
            except ValueError as exc:
                outcome.status = "failed"
                outcome.notes.append(f"{name}: {exc}")
                return None
            outcome.notes += notes
            nbs[name] = nbformat.writes(nb)
        return {"student": student, "hash": digest, "notebooks": nbs}


    def _execute(self, jobs: list[dict], outcomes: dict[str, Outcome], recorder: "Recorder"):
        if not jobs:
            return
        hide = hidden_paths(self.root)
        todo: queue.Queue = queue.Queue()
        for j in jobs:
            todo.put(j)
        done = [0]
        lock = threading.Lock()

        def loop():
            worker = None
            while True:
                try:
                    job = todo.get_nowait()
                except queue.Empty:
                    break
                out = outcomes[job["student"]]
                executed = {}
                for name, text in job["notebooks"].items():
                    if worker is None:
                        worker = JudgeWorker(hide, self.limits, self.sandboxed)
                    t0 = time.perf_counter()
                    res = worker.run({"student": job["student"], "notebook": text, "files": self.files,
                                      "trusted": self.trusted.get(name, {}), "cell_timeout": self.limits.cell_timeout,
                                      "submission_timeout": self.limits.submission_timeout})
                    out.seconds += time.perf_counter() - t0
                    if not isinstance(res, dict):
                        worker.kill()
                        worker = None
                        why = ("ran over the time limit for a whole submission"
                               if res == "timeout" else "killed its grading process")
                        out.notes.append(f"{name}: the submission {why}; graded as far as it got: nothing")
                        res = {"notebook": _unexecuted(text), "notes": [], "status": "ok"}
                    out.notes += [f"{name}: {n}" for n in res.get("notes", [])]
                    executed[name] = res.get("notebook") or _unexecuted(text)
                self._save_executed(job["student"], job["hash"], executed)
                recorder.put(job["student"])
                with lock:
                    done[0] += 1
                    failed = sum(1 for o in outcomes.values() if o.status == "failed")
                    self.log(f"  [{done[0]}/{len(jobs)}] {job['student']}: executed in {out.seconds:.1f} s"
                             + (f" ({'; '.join(out.notes)})" if out.notes else "")
                             + (f" — {failed} failed so far" if failed else ""))
            if worker:
                worker.kill()

        threads = [threading.Thread(target=loop) for _ in range(min(self.workers, len(jobs)))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def _save_executed(self, student: str, digest: str, executed: dict[str, str]):
        folder = self.work / student
        nb_dir = folder / "executed" / student / self.assignment
        if nb_dir.exists():
            shutil.rmtree(nb_dir)
        nb_dir.mkdir(parents=True)
        for name, text in executed.items():
            (nb_dir / name).write_text(text, encoding="utf-8")
        # nbgrader carries these into autograded/ and feedback/; release_feedback needs the secret.
        for extra in ("timestamp.txt", "submission_secret.txt"):
            src = self.root / "submitted" / student / self.assignment / extra
            if src.exists():
                shutil.copy(src, nb_dir / extra)
        (folder / "executed.json").write_text(json.dumps({"hash": digest}))  # written last: marks completion

    def _scores(self, outcomes: dict[str, Outcome]):
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gb:
            for s, o in outcomes.items():
                try:
                    sub = gb.find_submission(self.assignment, s)
                except MissingEntry:
                    continue
                o.score, o.max_score = sub.code_score, sub.max_code_score

    def _summary(self, outcomes: list[Outcome], seconds: float):
        graded = [o for o in outcomes if o.status == "graded"]
        failed = [o for o in outcomes if o.status == "failed"]
        skipped = [o for o in outcomes if o.status == "skipped"]
        self.log(f"\nDone in {seconds:.1f} s: {len(graded)} graded, {len(skipped)} unchanged since the last run, "
                 f"{len(failed)} not graded.")
        for o in failed:
            self.log(f"  NOT GRADED {o.student}: {'; '.join(o.notes)}")
        for o in graded:
            if o.notes:
                self.log(f"  note {o.student}: {'; '.join(o.notes)}")
        report = self.root / WORK_DIR / f"{self.assignment}-report.json"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps([o.__dict__ for o in outcomes], indent=2))
        self.log(f"Report: {report}")



def _unexecuted(text: str) -> str:
    nb = nbformat.reads(text, 4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("error", ename="NotRun", evalue="not run", traceback=[])] \
                if cell.metadata.get("nbgrader", {}).get("grade") else []
    return nbformat.writes(nb)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("assignment")
    p.add_argument("--course-root", default=str(REPO / "assignments"))
    p.add_argument("--workers", type=int, default=None, help="parallel workers (default: one per core)")
    p.add_argument("--cell-timeout", type=int, default=60)
    p.add_argument("--submission-timeout", type=int, default=600)
    p.add_argument("--memory-gb", type=float, default=3.0)
    p.add_argument("--no-sandbox", action="store_true", help="do not use Linux namespaces even if available")
    a = p.parse_args(argv)
    limits = Limits(a.cell_timeout, a.submission_timeout, int(a.memory_gb * 1024**3))
    grader = ClassGrader(Path(a.course_root), a.assignment, a.workers, limits,
                         sandbox=False if a.no_sandbox else None)
    outcomes = grader.run()
    return 1 if any(o.status == "failed" for o in outcomes) else 0
