"""The launcher: `python -m facecourse lab` / `test` do what `make lab` / `make test` do, without make,
on Windows, macOS and Linux (facecourse/publish/launcher.py; the Makefile calls it)."""

import os
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from conftest import REPO

from facecourse.publish import launcher
from facecourse.publish.launcher import LaunchError, Venv


def test_windows_keeps_programs_in_scripts_and_separates_path_with_semicolons():
    v = Venv(PureWindowsPath(r"C:\Users\ana\faces\.venv"), windows=True)
    assert v.python == PureWindowsPath(r"C:\Users\ana\faces\.venv\Scripts\python.exe")
    env = v.environ({"PATH": r"C:\Windows\system32;C:\Windows", "USERNAME": "ana"})
    assert env["PATH"] == r"C:\Users\ana\faces\.venv\Scripts;C:\Windows\system32;C:\Windows"
    assert env["USERNAME"] == "ana" and env["VIRTUAL_ENV"] == r"C:\Users\ana\faces\.venv"
    cmd = launcher.lab_command(v, PureWindowsPath(r"C:\Users\ana\faces"), 8888, as_root=False)
    assert cmd[:3] == [r"C:\Users\ana\faces\.venv\Scripts\python.exe", "-m", "jupyterlab"]
    assert r"--ServerApp.root_dir=C:\Users\ana\faces" in cmd and "--allow-root" not in cmd


def test_macos_and_linux_keep_programs_in_bin():
    v = Venv(PurePosixPath("/home/ana/faces/.venv"), windows=False)
    assert v.python == PurePosixPath("/home/ana/faces/.venv/bin/python")
    assert v.environ({"PATH": "/usr/bin:/bin"})["PATH"] == "/home/ana/faces/.venv/bin:/usr/bin:/bin"
    assert v.environ({})["PATH"] == "/home/ana/faces/.venv/bin"
    cmd = launcher.lab_command(v, PurePosixPath("/home/ana/faces"), 9000, as_root=True)
    assert "--ServerApp.port=9000" in cmd and "--ServerApp.ip=127.0.0.1" in cmd and cmd[-1] == "--allow-root"
    assert launcher.test_command(v, ["-k", "x"]) == ["/home/ana/faces/.venv/bin/python", "-m", "pytest", "-k", "x"]


def test_the_environment_is_created_once_then_only_refreshed(tmp_path):
    v = Venv(tmp_path / ".venv", windows=False)
    first = launcher.venv_steps(v, tmp_path, "/usr/bin/python3.11")
    assert first[0] == ["/usr/bin/python3.11", "-m", "venv", str(tmp_path / ".venv")]
    assert [s[-2:] for s in first[1:3]] == [["-r", str(tmp_path / "requirements.txt")], ["-e", str(tmp_path)]]
    assert first[3][-1] == "facecourse.publish.labsetup"
    Path(v.python).parent.mkdir(parents=True)
    Path(v.python).touch()
    assert launcher.venv_steps(v, tmp_path, "/usr/bin/python3.11") == first[1:]


def test_a_step_reruns_only_when_an_input_is_newer(tmp_path):
    stamp, source = tmp_path / ".built", tmp_path / "requirements.txt"
    source.write_text("x==1\n")
    assert launcher.out_of_date(stamp, [source])
    stamp.touch()
    os.utime(source, (time.time() - 60,) * 2)
    assert not launcher.out_of_date(stamp, [source, tmp_path / "missing.txt"])
    os.utime(source, (time.time() + 60,) * 2)
    assert launcher.out_of_date(stamp, [source])


def test_an_old_python_is_refused_with_what_to_do():
    with pytest.raises(LaunchError, match=r"Python 3.11 or newer is needed; this is 3.9.*py -3.11"):
        launcher.check_python((3, 9, 18))
    launcher.check_python((3, 12, 1))


def test_arguments_after_test_go_to_pytest(monkeypatch):
    seen = []
    monkeypatch.setattr(launcher.Launcher, "test", lambda self, args: seen.append((self.venv.path, args)) or 0)
    assert launcher.main(["test", "tests/test_linkage.py", "-q", "-ra"]) == 0
    assert launcher.main(["--venv", "/tmp/elsewhere", "test", "--", "-k", "kappa"]) == 0
    assert seen == [(REPO / ".venv", ["tests/test_linkage.py", "-q", "-ra"]), (Path("/tmp/elsewhere"), ["-k", "kappa"])]


def _path_without_make(tmp_path) -> str:
    """A PATH with every program of this one but make: a folder of links to them."""
    farm = tmp_path / "bin"
    farm.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(folder):
            continue
        for entry in os.scandir(folder):
            target = farm / entry.name
            if entry.name in ("make", "gmake") or target.exists() or not os.access(entry.path, os.X_OK):
                continue
            target.symlink_to(entry.path)
    return str(farm)


@pytest.mark.slow
@pytest.mark.installs_packages
def test_the_tests_run_without_make_from_a_bare_python(tmp_path):
    """The way a Windows student runs the suite: no make, a Python without the course's packages,
    `python -m facecourse test` creating the environment from the pins, then pytest (a small part)."""
    bare_python = sys._base_executable  # the interpreter .venv was made from: none of the course's packages
    env = {**os.environ, "PATH": _path_without_make(tmp_path)}
    env.pop("VIRTUAL_ENV", None)
    assert subprocess.run(["which", "make"], env=env, capture_output=True).returncode != 0, "make is still on PATH"
    venv = tmp_path / "venv"
    done = subprocess.run([bare_python, "-E", "-s", "-m", "facecourse", "--venv", str(venv), "test",
                           "tests/test_environment.py", "-q", "-p", "no:cacheprovider"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=1200)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-3000:]
    assert f"+ {bare_python} -m venv {venv}" in out and "passed" in out and "failed" not in out
    assert (venv / "bin" / "python").exists() and (venv / ".installed").exists()
    assert (venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json").exists(), "the lab set-up ran"


def test_on_a_bare_python_the_course_says_how_to_get_its_packages(tmp_path):
    bare_python = sys._base_executable
    done = subprocess.run([bare_python, "-E", "-s", "-c", "import facecourse as fc; fc.load_dataset"],
                          cwd=REPO, capture_output=True, text=True)
    if "No module named 'facecourse'" in done.stderr or done.returncode == 0:
        pytest.fail(f"unexpected: {done.stderr[-500:]}")
    assert "run `python -m facecourse lab` to create the course's environment" in done.stderr
