"""The judge is out of the student's reach: no signals, no ptrace, no /proc/<pid>/mem, no shared memory,
no files in common, no network -- tried from inside a student process, with this test as the judge."""

import ctypes
import json
import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

import pytest

from facecourse.grading import channel
from facecourse.grading.sandbox import REPO, Limits, Zygote, hidden_paths, sandbox_available
from facecourse.grading.zygote import FRESH

PROBE = r'''
import ctypes, json, os, signal, socket
libc = ctypes.CDLL(None, use_errno=True)
def attempt(f):
    try:
        return f()
    except Exception as exc:
        return type(exc).__name__
def write(path):
    with open(path, "w") as f:
        f.write("planted")
    return "written"
status = dict(line.split(":\t", 1) for line in open("/proc/self/status").read().splitlines() if ":\t" in line)
cmdlines = {}
for p in os.listdir("/proc"):
    if p.isdigit():
        cmdlines[p] = attempt(lambda: open(f"/proc/{p}/cmdline", "rb").read().replace(b"\0", b" ").decode())
libc.shmget.restype = ctypes.c_int
report = {
    "pid": os.getpid(), "ppid": os.getppid(), "processes": cmdlines,
    "cap_eff": status["CapEff"].strip(), "no_new_privs": status["NoNewPrivs"].strip(),
    "ptrace_zygote": libc.ptrace(16, 1, None, None), "ptrace_errno": ctypes.get_errno(),
    "mem_zygote": attempt(lambda: open("/proc/1/mem", "rb").read(1)),
    "environ_zygote": attempt(lambda: open("/proc/1/environ", "rb").read(1)),
    "kill_zygote": attempt(lambda: os.kill(1, signal.SIGKILL)),
    "kill_judge": attempt(lambda: os.kill(JUDGE_PID, signal.SIGKILL)),
    "shm_of_the_judge": libc.shmget(SHM_KEY, 0, 0),
    "shared_writable_maps": [l for l in open("/proc/self/maps") if l.split()[1].endswith("s") and "w" in l.split()[1]],
    "judge_file": attempt(lambda: open(JUDGE_FILE).read()),
    "judge_socket": attempt(lambda: socket.socket(socket.AF_UNIX).connect(JUDGE_SOCKET)),
    "network": attempt(lambda: socket.create_connection(("127.0.0.1", JUDGE_PORT), timeout=2)),
    "write_repo": attempt(lambda: write(os.path.join(REPO_DIR, "planted.txt"))),
    "write_python": attempt(lambda: write(os.path.join(os.path.dirname(os.__file__), "planted.py"))),
    "write_tmp": attempt(lambda: write(TMP + "/planted-by-the-first-student")),
    "unmount_tmp": libc.umount2(TMP.encode(), 2),
    "remount_rw": libc.mount(b"none", REPO_DIR.encode(), None, 32 | 4096, None),
}
print(json.dumps(report))
'''


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    assert sandbox_available(), "Linux namespaces (unshare) are needed for isolated grading on this machine"
    course = tmp_path_factory.mktemp("course")
    z = Zygote(hidden_paths(course), Limits(), sandboxed=True)
    yield z, course
    z.close()


def run_in_student(z, source: str) -> tuple[dict, socket.socket]:
    sock, _ = z.spawn()
    channel.send(sock, {"op": "files", "names": []})
    channel.receive(sock, time.monotonic() + 30)
    channel.send(sock, {"op": "run", "source": source})
    reply, _ = channel.receive(sock, time.monotonic() + 60)
    return reply, sock


def test_a_student_process_cannot_reach_the_judge_or_the_machine(sandbox, tmp_path):
    z, course = sandbox
    libc = ctypes.CDLL(None, use_errno=True)
    shm_key = 0x5EC12E7
    shm_id = libc.shmget(shm_key, 4096, 0o1666)  # IPC_CREAT | rw for everyone
    assert shm_id >= 0
    secret = course / "gradebook-like-file.txt"
    secret.write_text("expected values")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "judge.sock"))
    server.listen(1)
    tcp = socket.socket()
    tcp.bind(("127.0.0.1", 0))
    tcp.listen(1)
    try:
        source = (f"JUDGE_PID = {os.getpid()}\nSHM_KEY = {shm_key}\nJUDGE_FILE = {str(secret)!r}\n"
                  f"TMP = {FRESH[0]!r}\nJUDGE_SOCKET = {str(tmp_path / 'judge.sock')!r}\nJUDGE_PORT = {tcp.getsockname()[1]}\n"
                  f"REPO_DIR = {str(REPO)!r}\n" + PROBE)
        reply, sock = run_in_student(z, source)
        report = json.loads("".join(o.get("text", "") for o in reply["outputs"] if o["output_type"] == "stream"))
    finally:
        libc.shmctl(shm_id, 0, None)  # IPC_RMID
        server.close()
        tcp.close()
    # Its own PID namespace: the zygote is PID 1, the judge (this process) has no number there at all.
    assert report["ppid"] == 1 and all("pytest" not in str(c) for c in report["processes"].values()), report["processes"]
    assert report["cap_eff"] == "0000000000000000" and report["no_new_privs"] == "1"
    assert report["ptrace_zygote"] == -1 and report["ptrace_errno"] == 1  # EPERM
    assert report["mem_zygote"] in ("PermissionError", "OSError") and report["environ_zygote"] in ("PermissionError", "OSError")
    assert report["kill_zygote"] is None and report["kill_judge"] == "ProcessLookupError"  # PID 1 ignores it
    assert report["shm_of_the_judge"] == -1 and report["shared_writable_maps"] == []
    assert report["judge_file"] in ("FileNotFoundError", "PermissionError")
    assert report["judge_socket"] in ("FileNotFoundError", "PermissionError", "ConnectionRefusedError")
    assert report["network"] in ("OSError", "ConnectionRefusedError") or "Error" in report["network"]
    assert report["write_repo"] == "OSError" and report["write_python"] == "OSError"
    assert not (REPO / "planted.txt").exists()
    assert report["write_tmp"] == "written" and report["unmount_tmp"] == -1 and report["remount_rw"] == -1
    sock.close()
    z.end()
    # The zygote survived, and the next student's /tmp is a new one: nothing left by the one before.
    reply, sock = run_in_student(z, f"import os\nprint(sorted(os.listdir({FRESH[0]!r})), os.getppid())")
    assert reply["outputs"][0]["text"] == "['work'] 1\n"
    sock.close()
    z.end()


def test_the_student_process_environment_has_nothing_of_the_graders(sandbox, monkeypatch):
    z, _ = sandbox
    reply, sock = run_in_student(z, "import os, json\nprint(json.dumps(dict(os.environ)))")
    env = json.loads(reply["outputs"][0]["text"])
    sock.close()
    z.end()
    assert not {k for k in env if "TOKEN" in k or "SECRET" in k or k.startswith(("JUPYTERHUB", "JPY_"))}
    assert env["HOME"] == f"{FRESH[0]}/work" and str(REPO) in env["PYTHONPATH"].split(os.pathsep)


@pytest.fixture
def outside_tmp():
    """A folder outside /tmp (every student gets a fresh /tmp of its own, which would hide one in it)."""
    folder = tempfile.mkdtemp(dir="/var/tmp", prefix="facecourse-test-")
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


def test_a_course_inside_a_hidden_folder_shows_only_itself(outside_tmp, monkeypatch):
    """A course cloned into /home/instructor must not show the student every other home: the hidden
    folder is emptied and only the kept path comes back (read-only)."""
    from facecourse.grading import sandbox as sandbox_module

    homes = outside_tmp / "home"
    (homes / "instructor" / "course").mkdir(parents=True)
    (homes / "instructor" / "course" / "lesson.txt").write_text("the course")
    (homes / "another-student").mkdir()
    (homes / "another-student" / "answers.txt").write_text("someone else's work")
    kept = str(homes / "instructor" / "course")
    usual = sandbox_module.kept_paths()
    monkeypatch.setattr(sandbox_module, "kept_paths", lambda: [*usual, kept])
    z = Zygote([str(homes)], Limits(), sandboxed=True)
    try:
        probe = (f"import json, os\ndef attempt(f):\n    try:\n        return f()\n    except Exception as exc:\n"
                 f"        return type(exc).__name__\nprint(json.dumps({{"
                 f"'course': attempt(lambda: open({kept + '/lesson.txt'!r}).read()),"
                 f"'other': attempt(lambda: open({str(homes / 'another-student' / 'answers.txt')!r}).read()),"
                 f"'listing': attempt(lambda: os.listdir({str(homes)!r})),"
                 f"'write': attempt(lambda: open({kept + '/planted.txt'!r}, 'w'))}}))")
        reply, sock = run_in_student(z, probe)
        sock.close()
        seen = json.loads(reply["outputs"][0]["text"])
    finally:
        z.close()
    assert seen["course"] == "the course"
    assert seen["other"] in ("FileNotFoundError", "PermissionError") and seen["listing"] == "PermissionError"
    assert seen["write"] in ("OSError", "PermissionError"), seen


def test_an_inherited_pythonpath_entry_is_kept_after_the_courses(monkeypatch, tmp_path):
    from facecourse.grading.sandbox import child_environment

    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    assert child_environment()["PYTHONPATH"].split(os.pathsep) == [str(REPO), str(tmp_path)]
    monkeypatch.delenv("PYTHONPATH")
    assert child_environment()["PYTHONPATH"] == str(REPO)
    assert sys.executable  # the same interpreter runs the judge and the sandbox
