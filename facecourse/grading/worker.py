"""Sandboxed executor for student notebooks (started by :mod:`facecourse.grading.sandbox`, not by hand).

Reads one job per line on stdin (JSON: the notebook to run, its data files,
limits), runs it in a fresh kernel, writes one result per line on stdout.
Student code never sees the course directory, the gradebook or other
students' work: the job arrives through a pipe, the kernel runs in an empty
scratch directory, and when the worker starts inside a namespace sandbox
(see ``SANDBOX`` in sandbox.py) the course folders are hidden under empty
tmpfs mounts, there is no network, and this worker is PID 1 of its own PID
namespace -- which Linux protects from signals sent by the processes inside.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

OUTPUT_CAP_BYTES = 200_000  # per cell: enough for any honest answer, not for a flood


def hide_paths(paths: list[str]) -> list[str]:
    """Mount an empty tmpfs over each path (only possible inside a mount namespace)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    hidden = []
    for p in paths:
        if os.path.isdir(p) and libc.mount(b"none", p.encode(), b"tmpfs", 0, b"size=1m,mode=000") == 0:
            hidden.append(p)
    return hidden


def _client_class():
    import nbformat
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """Keeps at most OUTPUT_CAP_BYTES of output per cell, so a flood cannot exhaust memory."""

        def output(self, outs, msg, display_id, cell_index):
            size = getattr(self, "_cap_sizes", {}).get(cell_index, 0)
            if not hasattr(self, "_cap_sizes"):
                self._cap_sizes = {}
            if size > OUTPUT_CAP_BYTES:
                return None
            out = super().output(outs, msg, display_id, cell_index)
            size += len(json.dumps(msg.get("content", {}), default=str))
            self._cap_sizes[cell_index] = size
            if size > OUTPUT_CAP_BYTES:
                outs.append(nbformat.v4.new_output(
                    "stream", name="stderr", text=f"\n[output cut: more than {OUTPUT_CAP_BYTES:,} bytes from this cell]\n"))
            return out

    return CappedClient


def run_job(job: dict) -> dict:
    import nbformat
    from jupyter_client import AsyncKernelManager
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    start = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="student-"))
    notes = []
    nb = nbformat.reads(job["notebook"], as_version=4)
    try:
        for name, data in job.get("files", {}).items():
            (scratch / Path(name).name).write_bytes(base64.b64decode(data))
        # nbclient needs the async manager: with a blocking client it can wait forever on a busy kernel.
        km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(scratch / ".kernel"))
        client = _client_class()(
            nb, km=km, timeout=job["cell_timeout"], interrupt_on_timeout=True, allow_errors=True,
            error_on_timeout={"ename": "CellTimeoutError", "evalue": f"cell ran over {job['cell_timeout']} s",
                              "traceback": [f"CellTimeoutError: cell ran over {job['cell_timeout']} s"]},
            record_timing=False, resources={"metadata": {"path": str(scratch)}},
        )
        finished = threading.Event()
        watchdog = threading.Thread(target=_exit_if_kernel_dies, args=(km, nb, job, notes, start, finished),
                                    daemon=True)
        watchdog.start()
        try:
            client.execute(cwd=str(scratch), cleanup_kc=False)
        except DeadKernelError:
            notes.append("the kernel died while running the notebook (later cells were not run)")
        except CellTimeoutError:
            notes.append(f"a cell ran over {job['cell_timeout']} s and could not be interrupted")
        finally:
            finished.set()
            _kill_kernel(km)
        status = "ok"
    except Exception as exc:  # anything else: report, never crash the worker
        status = "error"
        notes.append(f"grading stopped early ({exc.__class__.__name__}: {exc}); later cells were not run")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and out.get("ename") in ("KeyboardInterrupt", "CellTimeoutError"):
                notes.append(f"a cell ran over the {job['cell_timeout']} s time limit and was interrupted")
            if out.get("output_type") == "error" and out.get("ename") == "MemoryError":
                notes.append("a cell ran out of memory (the grading memory limit)")
    return {"student": job["student"], "status": status, "notes": sorted(set(notes)),
            "notebook": nbformat.writes(nb), "seconds": round(time.perf_counter() - start, 3)}


def _result(job, status, notes, nb_text, start) -> dict:
    return {"student": job["student"], "status": status, "notes": sorted(set(notes)),
            "notebook": nb_text, "seconds": round(time.perf_counter() - start, 3)}


_RESULT_FD = None  # where the executor child writes its result


def _kernel_pid(km) -> int | None:
    provisioner = getattr(km, "provisioner", None)
    return getattr(provisioner, "pid", None) if provisioner is not None else None


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _kill_kernel(km) -> None:
    pid = _kernel_pid(km)
    if pid:
        try:
            os.killpg(os.getpgid(pid), signal.SIGKILL)
        except OSError:
            pass


def _exit_if_kernel_dies(km, nb, job, notes, start, finished):
    """nbclient can wait forever for a kernel that killed itself: report what ran, then leave."""
    import nbformat

    while not finished.wait(0.3):
        pid = _kernel_pid(km)
        if pid and not _alive(pid) and not finished.is_set():
            notes = [*notes, "the kernel died while running the notebook (later cells were not run)"]
            _write_result(_result(job, "ok", notes, nbformat.writes(nb), start))
            os._exit(0)


def _write_result(result: dict) -> None:
    data = (json.dumps(result) + "\n").encode()
    while data:
        n = os.write(_RESULT_FD, data)
        data = data[n:]


def run_isolated(job: dict) -> dict:
    """Run one job in a child process, so that a submission that kills its parent kills only that child."""
    global _RESULT_FD
    start = time.perf_counter()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the executor: parent of the kernel
        os.close(read_end)
        os.setpgid(0, 0)
        _absorb_signals()  # the kernel's parent: a signal from the submission must not stop grading
        _RESULT_FD = write_end
        try:
            result = run_job(job)
        except BaseException as exc:  # noqa: BLE001 - report everything
            result = _result(job, "error", [f"{exc.__class__.__name__}: {exc}"], job["notebook"], start)
        _write_result(result)
        os._exit(0)
    os.close(write_end)
    chunks, deadline = [], time.monotonic() + job.get("submission_timeout", 600)
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([read_end], [], [], min(left, 1.0))
        if ready:
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read_end)
    _kill_everything_else(pid)
    raw = b"".join(chunks)
    try:
        return json.loads(raw)
    except ValueError:
        why = (f"ran over the time limit for a whole submission ({job.get('submission_timeout', 600)} s)"
               if timed_out else "killed its grading process")
        return _result(job, "failed", [f"the submission {why}: nothing could be graded"], "", start)


def _kill_everything_else(child: int) -> None:
    try:
        os.killpg(child, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if os.getpid() == 1:  # in our own PID namespace: nothing else in it may outlive the job
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    while True:  # reap (as PID 1 we inherit every orphan)
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG if os.getpid() != 1 else 0)
        except ChildProcessError:
            break
        if pid == 0:
            break


def _absorb_signals() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2,
                signal.SIGALRM, signal.SIGPIPE):
        signal.signal(sig, lambda *_: None)


def main() -> None:
    # A submission may signal its parent.  The kernel's parent is a per-job executor child; the
    # worker itself absorbs stray signals with no-op handlers (handlers, unlike ignored signals,
    # are reset on exec, so kernels keep the default behaviour) and, as PID 1 of its PID
    # namespace, cannot be killed from inside it.
    _absorb_signals()
    # Import the heavy parts once: every per-job executor is forked from here and inherits them.
    import nbclient  # noqa: F401
    import nbformat  # noqa: F401
    from jupyter_client import AsyncKernelManager  # noqa: F401
    _client_class()
    hidden = hide_paths(json.loads(os.environ.get("FACECOURSE_HIDE", "[]")))
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but results on the result pipe
    out.write(json.dumps({"ready": True, "pid": os.getpid(), "hidden": hidden}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        result = run_isolated(json.loads(line))
        out.write(json.dumps(result) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
