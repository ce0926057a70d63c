"""The pre-imported parent of every student process (started by :class:`.sandbox.Zygote`, not by hand).

It imports what a submission needs once (numpy, pandas, plotly, the course, IPython), then locks
itself down and forks one student process per submission on request -- instead of a fresh Jupyter
kernel per student.  It never receives a test: only the sockets the judge hands it.

Inside the sandbox (``SANDBOX`` in sandbox.py) it is PID 1 of its own PID namespace, which Linux
protects from signals sent from inside; it hides the course folders under empty mounts, makes every
other mount read-only (a submission can write nothing another process reads, the judge's code
included), caps the number of processes, and is not dumpable (no ptrace, no ``/proc/1/mem``).  Each
student process gets its own mount namespace with a fresh small ``/tmp`` (its working folder) and
``/dev/shm``, keeps only its socket to the judge, and drops every capability before running a line.

Control messages from the judge (:mod:`.channel`): ``spawn`` (followed by the student's socket, sent
as a file descriptor), ``interrupt`` (SIGINT to the student), ``end`` (kill the student and every
process it made).
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import resource
import shutil
import signal
import socket
import sys
import tempfile

from . import channel
from .sandbox import kept_paths

_libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND = 1, 2, 4, 8, 32, 4096
MS_NOATIME, MS_NODIRATIME, MS_RELATIME, MS_STRICTATIME, MS_PRIVATE, MS_REC = 1024, 2048, 1 << 21, 1 << 24, 1 << 18, 1 << 14
_FLAGS = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC, "noatime": MS_NOATIME,
          "nodiratime": MS_NODIRATIME, "relatime": MS_RELATIME, "strictatime": MS_STRICTATIME}
PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 4, 24, 38, 47, 4
PR_SET_PDEATHSIG = 1
MAX_PROCESSES = 64  # a student's process and what it starts: far above honest use, far below a fork bomb's
STUDENT_TMP = "size=128m,mode=1777"


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


# A course (or its Python) checked out under /tmp would vanish under a fresh /tmp: the student then gets a
# fresh /dev/shm as the working folder instead, and /tmp stays as the sandbox left it (empty but for the
# course, read-only).
FRESH = ("/dev/shm",) if any(_inside(k, "/tmp") for k in kept_paths()) else ("/tmp", "/dev/shm")


def _mount(source: bytes, target: str, fstype: bytes | None, flags: int, data: bytes | None) -> bool:
    return _libc.mount(source, target.encode(), fstype, flags, data) == 0


def hide_paths(paths: list[str], keep: list[str]) -> list[str]:
    """Mount an empty tmpfs over each path (only possible inside a mount namespace), then bind each kept
    path that was inside it back in place (it is made read-only with everything else)."""
    hidden = []
    for p in paths:
        if not os.path.isdir(p):
            continue
        inside = [k for k in keep if _inside(k, p) and k != p and os.path.isdir(k)]
        handles = {k: os.open(k, os.O_PATH | os.O_DIRECTORY) for k in inside}  # reachable after the mount
        # The student is uid 0 of the sandbox without capabilities, so the owner's bits are the ones that
        # count: through to what is kept, nothing to list.
        mode = b"111" if inside else b"000"
        if _mount(b"none", p, b"tmpfs", 0, b"size=1m,mode=" + mode):
            hidden.append(p)
            for k, fd in handles.items():
                os.makedirs(k, mode=0o111, exist_ok=True)
                if not _mount(f"/proc/self/fd/{fd}".encode(), k, None, MS_BIND | MS_REC, None):
                    raise OSError(ctypes.get_errno(), f"could not keep {k} visible in the sandbox")
        for fd in handles.values():
            os.close(fd)
    return hidden


def read_only_everywhere() -> list[str]:
    """Remount every mount read-only but /proc, /sys and /dev; returns the mount points that stayed writable."""
    writable = []
    with open("/proc/self/mountinfo") as f:
        mounts = [line.split() for line in f]
    for fields in mounts:
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4])
        options = fields[5].split(",")
        if point.split("/")[1] in ("proc", "sys", "dev") or "ro" in options:
            continue
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY | sum(_FLAGS.get(o, 0) for o in options)
        if not _mount(b"none", point, None, flags, None):
            writable.append(point)
    return writable


def limit_processes() -> str:
    """At most 300 processes in this PID namespace (Linux 6.14+; 301 is the least pid_max Linux takes),
    and RLIMIT_NPROC in each student process (which Linux does not apply to root)."""
    try:
        with open("/proc/sys/kernel/pid_max", "w") as f:
            f.write("301")
        return "pid_max 301 in the sandbox's PID namespace"
    except OSError:
        return f"RLIMIT_NPROC {MAX_PROCESSES} (not enforced for root)"


def drop_privileges():
    """No capability left, none to gain: the student cannot remount, ptrace the zygote or undo any of this."""
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    with open("/proc/sys/kernel/cap_last_cap") as f:
        last = int(f.read())
    for cap in range(last + 1):
        _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    if _libc.capset(ctypes.byref(Header(0x20080522, 0)), (Data * 2)()) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")


def enter_student(fd: int, shell, sandboxed: bool, work: str):
    """In the forked child: lock down, then serve the judge on socket ``fd`` until it hangs up."""
    from .student import Server

    os.setsid()
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if sandboxed:
        if _libc.unshare(CLONE_NEWNS) != 0 or not _mount(b"none", "/", None, MS_REC | MS_PRIVATE, None):
            raise OSError(ctypes.get_errno(), "no private mount namespace for the student")
        for point in FRESH:
            if os.path.isdir(point) and not _mount(b"none", point, b"tmpfs", MS_NOSUID | MS_NODEV, STUDENT_TMP.encode()):
                raise OSError(ctypes.get_errno(), f"no fresh {point} for the student")
    os.makedirs(work, exist_ok=True)
    os.chdir(work)
    os.environ.update(HOME=work, TMPDIR=work if not sandboxed else FRESH[0])
    null = os.open(os.devnull, os.O_RDWR)
    for std in (0, 1, 2):
        os.dup2(null, std)
    os.closerange(3, fd)
    os.closerange(fd + 1, 1 << 16)
    resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))
    if sandboxed:
        drop_privileges()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    Server(socket.socket(fileno=fd), shell).serve()


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    sandboxed = os.getpid() == 1
    # PID 1 ignores a signal without a handler when it comes from inside its namespace: no handlers here.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    import numpy  # noqa: F401 - imported once here, inherited by every student process
    import pandas  # noqa: F401
    import plotly.express  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    import facecourse  # noqa: F401
    from facecourse.grading import figure_checks  # noqa: F401

    from .student import prepare_shell

    shell = prepare_shell()
    report = {"ready": True, "sandboxed": sandboxed}
    if sandboxed:
        report["hidden"] = hide_paths(json.loads(os.environ.get("FACECOURSE_HIDE", "[]")),
                                      json.loads(os.environ.get("FACECOURSE_KEEP", "[]")))
        _mount(b"none", "/dev/shm", b"tmpfs", MS_NOSUID | MS_NODEV, b"size=1m,mode=000") if os.path.isdir("/dev/shm") else None
        report["writable"] = read_only_everywhere()
        report["processes"] = limit_processes()
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    channel.send(control, report)
    child = None
    while True:
        try:
            header, _ = channel.receive(control)
        except channel.Closed:
            break
        op = header.get("op")
        if op == "spawn":
            _, fds, _, _ = socket.recv_fds(control, 1, 1)
            # Inside the sandbox every student gets a fresh /tmp; outside, a folder removed after it.
            work = f"{FRESH[0]}/work" if sandboxed else tempfile.mkdtemp(prefix="student-")
            child = os.fork()
            if child == 0:
                try:
                    control.close()
                    enter_student(fds[0], shell, sandboxed, work)
                except BaseException as exc:  # noqa: BLE001 - tell the judge why, then go
                    try:
                        channel.send(socket.socket(fileno=fds[0]), {"failed": f"{exc.__class__.__name__}: {exc}"})
                    except Exception:
                        pass
                finally:
                    os._exit(0)
            os.close(fds[0])
            channel.send(control, {"pid": child})
        elif op == "interrupt" and child:
            _signal(child, signal.SIGINT)
            channel.send(control, {})
        elif op == "end":
            _end(child, sandboxed)
            child = None
            if not sandboxed:
                shutil.rmtree(work, ignore_errors=True)
            channel.send(control, {})
    _end(child, sandboxed)


def _signal(pid: int, sig: int):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _end(child: int | None, sandboxed: bool):
    """Kill the student and everything it started, and reap them."""
    if sandboxed:  # PID 1: every other process in the namespace is the student's
        _signal(-1, signal.SIGKILL)
    elif child:
        try:
            os.killpg(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            os.waitpid(child, 0)
        except ChildProcessError:
            pass
    while True:
        try:
            pid, _ = os.waitpid(-1, 0 if sandboxed else os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break


if __name__ == "__main__":
    main()
