"""How much one student costs: server + kernel memory and CPU while running each lesson, through the hub.

A measurement, not a test: its name keeps it out of `make test` (pytest collects test_*.py only);
docs/deploy.md's plan sizes come from it:

    make venv && .venv/bin/python -m pytest tests/hub/measure_footprint.py -s

A student logs in, their server starts (as their Unix account), they open each lesson, as
JupyterLab would (a session in the lesson's folder), and run every code cell in order.  A sampler
reads every process of that account four times a second: resident memory (RSS) and unique memory
(USS: what this student alone adds; shared libraries count once on the machine), and CPU time.
"""

from __future__ import annotations

import json
import threading
import time

import nbformat

from .conftest import REPO, HubUser, Kernel, processes_of, wait_for


MiB = 2**20


class Sampler(threading.Thread):
    def __init__(self, uid: int, server_pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.uid, self.server_pid, self.interval = uid, server_pid, interval
        self.stop = threading.Event()
        self.peak = {"rss": 0, "uss": 0, "kernel_rss": 0, "server_rss": 0, "cpu_percent_1s": 0.0}
        self.cpu_history: list[tuple[float, float]] = []

    def run(self):
        import psutil
        while not self.stop.is_set():
            rss = uss = kernel = server = cpu = 0.0
            for p in processes_of({self.uid}):
                try:
                    info = p.memory_full_info()
                    t = p.cpu_times()
                except psutil.Error:
                    continue
                rss += info.rss
                uss += info.uss
                cpu += t.user + t.system + t.children_user + t.children_system
                if p.pid == self.server_pid:
                    server = info.rss
                else:
                    kernel = max(kernel, info.rss)
            now = time.monotonic()
            self.cpu_history.append((now, cpu))
            old = [c for c in self.cpu_history if now - c[0] >= 1.0]
            if old:
                t0, c0 = old[-1]
                self.peak["cpu_percent_1s"] = max(self.peak["cpu_percent_1s"], 100 * (cpu - c0) / (now - t0))
                self.cpu_history = [c for c in self.cpu_history if now - c[0] < 2.0]
            for k, v in (("rss", rss), ("uss", uss), ("kernel_rss", kernel), ("server_rss", server)):
                self.peak[k] = max(self.peak[k], v)
            time.sleep(self.interval)


def _cpu_seconds(uid: int) -> float:
    import psutil
    total = 0.0
    for p in processes_of({uid}):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def test_memory_and_cpu_per_student(hub, accounts):
    import psutil
    student = accounts["right"]
    u = HubUser(hub, student).login()
    u.request_server()
    wait_for(u.server_ready, 180, "the student's server")
    server_pid = min(p.pid for p in processes_of({student.uid}))
    u.ok("GET", "lab")  # JupyterLab's page, as a browser would load it
    idle_rss = psutil.Process(server_pid).memory_info().rss
    u.run(f"import shutil; shutil.copytree({str(REPO / 'lessons')!r}, 'lessons')")

    results = {"server_idle_rss_mib": round(idle_rss / MiB), "lessons": {}}
    lessons = sorted((REPO / "lessons").glob("[0-9][0-9]-*.ipynb"))
    for lesson in lessons:
        nb = nbformat.read(lesson, 4)
        cpu0 = _cpu_seconds(student.uid)
        sampler = Sampler(student.uid, server_pid)
        sampler.start()
        t0 = time.monotonic()
        with Kernel(u, f"lessons/{lesson.name}") as k:
            for cell in nb.cells:
                if cell.cell_type == "code" and cell.source.strip():
                    k.execute(cell.source, timeout=300)
            time.sleep(0.5)  # one more sample with the kernel at its fullest
            cpu = _cpu_seconds(student.uid) - cpu0
        sampler.stop.set()
        sampler.join()
        results["lessons"][lesson.stem] = {
            "seconds": round(time.monotonic() - t0, 1),
            "cpu_seconds": round(cpu, 1),
            "peak_cpu_percent_over_1s": round(sampler.peak["cpu_percent_1s"]),
            "peak_server_plus_kernel_rss_mib": round(sampler.peak["rss"] / MiB),
            "peak_server_plus_kernel_uss_mib": round(sampler.peak["uss"] / MiB),
            "peak_kernel_rss_mib": round(sampler.peak["kernel_rss"] / MiB),
            "peak_server_rss_mib": round(sampler.peak["server_rss"] / MiB),
        }
    heaviest = max(results["lessons"], key=lambda k: results["lessons"][k]["peak_server_plus_kernel_rss_mib"])
    results["heaviest"] = heaviest
    print("\nper-student footprint:\n" + json.dumps(results, indent=1))
    assert results["lessons"][heaviest]["peak_server_plus_kernel_rss_mib"] > 0
