"""A real JupyterHub on loopback for the hub test: Unix accounts, PAM logins, one server per user.

What runs is what docs/deploy.md sets up for one machine, in miniature:

* Unix accounts made with `useradd` (homes 0700), passwords set with `chpasswd`, logins checked
  by JupyterHub's PAMAuthenticator;
* LocalProcessSpawner: each user's `jupyterhub-singleuser` runs as that user, from the course's
  environment (the venv running the tests), in their home;
* configurable-http-proxy from node_modules/ (pinned in package.json);
* two Jupyter config folders put on each server's JUPYTER_CONFIG_PATH by the hub (on a real hub
  /etc/jupyter/faces-phones-state[-instructors]; here temporary ones): the course's, for everyone
  (exchange, course id, formgrader off), and the instructors', first for the hub group
  `instructors` (the course's nbgrader_config.py, ~/course as course root, formgrader on);
* the exchange: world-writable with the sticky bit, the course's folder owned by the instructor.

Everything is removed at the end, whatever happened: the hub is stopped (it stops the servers and
the proxy), then any process still owned by a test account or left by the proxy is ended by its
pid, then the accounts and their homes are deleted.  Accounts left by a run that was killed
(their creator's pid is written in the account's comment field) are removed at the next start.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CHP = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
COURSE_ID = "faces-phones-state"
USER_PREFIX = "fpstest-"  # every account this test makes starts with it
COMMENT = "faces-phones-state hub test, pid {pid}"


# -- can it run here? --------------------------------------------------------------------------------

def missing_requirements() -> list[str]:
    why = []
    if not sys.platform.startswith("linux"):
        why.append("it needs Linux")
    elif os.geteuid() != 0:
        why.append("it must run as root (it creates Unix accounts and the hub switches to them)")
    for tool in ("useradd", "userdel", "chpasswd", "make", "node"):
        if not shutil.which(tool):
            why.append(f"`{tool}` is not installed")
    if not os.access(CHP, os.X_OK):
        why.append(f"{CHP.relative_to(REPO)} is missing: run `make node_modules/.installed` (npm ci)")
    for module in ("jupyterhub", "pamela", "websocket", "psutil", "requests"):
        try:
            __import__(module)
        except ImportError:
            why.append(f"Python package {module!r} is not installed in {sys.prefix}: run `make venv`")
    if sys.platform.startswith("linux") and private_ancestor(REPO / "x"):
        why.append(f"other users cannot enter {private_ancestor(REPO / 'x')}: the course folder must be "
                   "readable by every user of the hub")
    if not (VENV_BIN / "jupyterhub-singleuser").exists():
        why.append(f"{VENV_BIN / 'jupyterhub-singleuser'} is missing: run `make venv`")
    return why


def require_machine():
    """Skip locally with the reason; in CI (CI=true) the same reason is a failure."""
    why = missing_requirements()
    if why:
        msg = "the JupyterHub test cannot run: " + "; ".join(why)
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(msg + " (CI=true: this must run in CI)", pytrace=False)
        pytest.skip(msg)


def wait_for(condition, timeout: float, what: str, interval: float = 0.2):
    """Poll `condition` until it returns something truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = condition()
            if result:
                return result
        except Exception as exc:  # noqa: BLE001 (remembered and reported)
            last_error = exc
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}"
                       + (f" (last error: {last_error!r})" if last_error else ""))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- processes and accounts --------------------------------------------------------------------------

def processes_of(uids: set[int]):
    import psutil
    out = []
    for p in psutil.process_iter(["pid", "uids"]):
        try:
            if p.info["uids"] and p.info["uids"].real in uids:
                out.append(p)
        except psutil.Error:
            pass
    return out


def end_processes(procs, grace: float = 5.0) -> list[str]:
    """SIGTERM, then SIGKILL after `grace` seconds; each process by its pid.  Returns what was ended."""
    import psutil
    ended = []
    for p in procs:
        try:
            ended.append(f"{p.pid} {' '.join(p.cmdline())[:120]}")
            p.terminate()
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(procs, timeout=grace)
    for p in alive:
        try:
            p.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(alive, timeout=grace)
    return ended


def delete_account(name: str) -> str | None:
    """End the account's processes, then `userdel --remove` (home and mail spool).  Returns an error or None."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return None
    end_processes(processes_of({uid}))
    r = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
    home = Path("/home") / name
    if home.exists():  # userdel refuses some homes (e.g. not owned by the user); this one is ours
        shutil.rmtree(home, ignore_errors=True)
    try:
        pwd.getpwnam(name)
        return f"could not delete account {name}: {r.stderr.strip()}"
    except KeyError:
        return None


def remove_stale_accounts():
    """Accounts from an earlier run that was killed before it could clean up (its pid is gone)."""
    import psutil
    for entry in pwd.getpwall():
        if entry.pw_name.startswith(USER_PREFIX) and entry.pw_gecos.startswith(COMMENT.split("{")[0]):
            try:
                pid = int(entry.pw_gecos.rsplit(" ", 1)[1])
            except ValueError:
                continue
            if not psutil.pid_exists(pid):
                delete_account(entry.pw_name)


@dataclass
class Account:
    name: str
    role: str  # "instructor" or a student's kind of answer: "right", "partly", "blank"
    password: str
    uid: int = 0
    home: Path = Path("/nonexistent")


@pytest.fixture(scope="module")
def accounts():
    """One instructor and three students, real Unix accounts; deleted with their homes at the end."""
    require_machine()
    remove_stale_accounts()
    run_id = secrets.token_hex(3)
    made: list[Account] = []
    try:
        for role in ("instructor", "right", "partly", "blank"):
            acc = Account(f"{USER_PREFIX}{run_id}-{role}", role, secrets.token_urlsafe(18))
            subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash",
                            "--comment", COMMENT.format(pid=os.getpid()), "-K", "HOME_MODE=0700", acc.name],
                           check=True, capture_output=True, text=True)
            made.append(acc)
            subprocess.run(["chpasswd"], input=f"{acc.name}:{acc.password}\n", check=True,
                           capture_output=True, text=True)
            entry = pwd.getpwnam(acc.name)
            acc.uid, acc.home = entry.pw_uid, Path(entry.pw_dir)
            os.chmod(acc.home, 0o700)  # also where login.defs has no HOME_MODE
        yield {a.role: a for a in made}
    finally:
        errors = [e for e in (delete_account(a.name) for a in made) if e]
        if errors:
            raise RuntimeError("; ".join(errors))


# -- the hub -----------------------------------------------------------------------------------------

@dataclass
class Hub:
    url: str  # the proxy's public address: http://127.0.0.1:<port>
    proc: subprocess.Popen
    state: Path  # root-only: config, database, logs
    shared: Path  # readable by everyone: the system Jupyter config and the exchange
    exchange: Path
    config_dir: Path
    log: Path
    accounts: dict = field(default_factory=dict)

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no hub log)"


HUB_CONFIG = """\
# JupyterHub for the hub test: the same settings as docs/deploy.md (one machine), on loopback.
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {proxy_port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{state}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.command = ["{chp}"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = "{state}/proxy.pid"

c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = {users!r}
c.PAMAuthenticator.open_sessions = False
c.JupyterHub.load_groups = {{"instructors": {{"users": [{instructor!r}]}}}}

c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = ["{venv_bin}/jupyterhub-singleuser"]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab"


def jupyter_config_path(spawner):
    # Everyone gets the course settings; instructors also theirs (formgrader on), which come first.
    dirs = ["{config_dir}/course"]  # on a real hub: /etc/jupyter/faces-phones-state
    if any(g.name == "instructors" for g in spawner.user.groups):
        dirs.insert(0, "{config_dir}/instructors")
    return ":".join(dirs)


c.Spawner.environment = {{
    "PATH": "{venv_bin}:/usr/local/bin:/usr/bin:/bin",
    "JUPYTER_CONFIG_PATH": jupyter_config_path,
    "PYTHONUNBUFFERED": "1",
}}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
"""

COURSE_NBGRADER_CONFIG = """\
# Every user's nbgrader settings (on a real hub: /etc/jupyter/faces-phones-state/nbgrader_config.py).
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "{course}"
c.Exchange.root = "{exchange}"
"""

INSTRUCTOR_NBGRADER_CONFIG = """\
# Instructors' nbgrader settings: the course's own configuration, each instructor's course folder.
import os
c = get_config()  # noqa: F821
load_subconfig("{repo}/nbgrader_config.py")  # noqa: F821  (feedback without hidden tests, timeouts)
c.CourseDirectory.root = os.path.expanduser("~/course")
c.CourseDirectory.course_id = "{course}"
c.Exchange.root = "{exchange}"
"""


def private_ancestor(path: Path) -> Path | None:
    """The topmost folder above `path` that other users cannot enter (e.g. /root for a pyenv Python)."""
    for parent in reversed(path.parents):
        if not os.stat(parent).st_mode & 0o001:
            return parent
    return None


def exposing_python(cmd: list[str], stage: Path) -> list[str]:
    """`cmd`, run so that every user can execute the Python the course's environment is built on.

    Every user's server runs the course's environment, so its Python must be readable by everyone
    (docs/deploy.md: build it from a system Python, or in /opt).  A venv made from a Python under a
    private folder (pyenv in /root, say) is not.  Then the hub, and so every server it starts, runs
    in a private mount namespace in which that folder is an empty world-readable tmpfs holding only
    the Python.  Nothing changes outside: the namespace ends with the hub.
    """
    base = Path(os.path.realpath(sys.base_prefix))
    blocked = private_ancestor(base / "x")
    if blocked is None:
        return cmd
    stage.mkdir()
    script = (f"set -e; mount --bind '{base}' '{stage}'; "
              f"mount -t tmpfs -o mode=0755,size=1m fpstest-hub '{blocked}'; mkdir -p '{base}'; "
              f"mount --bind '{stage}' '{base}'; umount '{stage}'; exec \"$@\"")
    return ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", script, "sh", *cmd]


def _formgrader(enabled: bool) -> str:
    return json.dumps({"ServerApp": {"jpserver_extensions": {
        "nbgrader.server_extensions.formgrader": enabled}}}, indent=1)


def _make_venv_current():
    """`make autograde` (run by the instructor, who cannot write .venv) must find .venv up to date."""
    r = subprocess.run(["make", "-C", str(REPO), "-q", ".venv/.installed"], capture_output=True)
    if r.returncode != 0:
        subprocess.run(["make", "-C", str(REPO), "venv"], check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def hub(accounts):
    """A running JupyterHub (PAM + LocalProcessSpawner + configurable-http-proxy) on loopback ports."""
    _make_venv_current()
    instructor = accounts["instructor"]
    state = Path(tempfile.mkdtemp(prefix="fpstest-hub-state-"))  # 0700, root's
    shared = Path(tempfile.mkdtemp(prefix="fpstest-hub-shared-"))
    os.chmod(shared, 0o755)
    config_dir = shared / "etc-jupyter"
    exchange = shared / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o1777)  # everyone may create; nobody may remove another's entry
    course_dir = exchange / COURSE_ID  # made by the admin for the instructor: no student can squat it
    course_dir.mkdir()
    os.chown(course_dir, instructor.uid, pwd.getpwnam(instructor.name).pw_gid)
    os.chmod(course_dir, 0o755)
    for layer, nbgrader_config, formgrader in (
            ("course", COURSE_NBGRADER_CONFIG, False), ("instructors", INSTRUCTOR_NBGRADER_CONFIG, True)):
        d = config_dir / layer
        (d / "jupyter_server_config.d").mkdir(parents=True)
        (d / "nbgrader_config.py").write_text(nbgrader_config.format(repo=REPO, course=COURSE_ID, exchange=exchange))
        (d / "jupyter_server_config.d" / "zz-faces-phones-state.json").write_text(_formgrader(formgrader))
    for p in [config_dir, *config_dir.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)

    proxy_port, api_port, hub_port = free_port(), free_port(), free_port()
    while len({proxy_port, api_port, hub_port}) < 3:
        api_port, hub_port = free_port(), free_port()
    (state / "jupyterhub_config.py").write_text(HUB_CONFIG.format(
        proxy_port=proxy_port, hub_port=hub_port, api_port=api_port, state=state, chp=CHP,
        users={a.name for a in accounts.values()}, instructor=instructor.name, venv_bin=VENV_BIN,
        config_dir=config_dir))
    log = state / "jupyterhub.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_", "NBGRADER"))}
    env["PATH"] = f"{VENV_BIN}:{env.get('PATH', '/usr/bin:/bin')}"
    with open(log, "wb") as out:
        proc = subprocess.Popen(exposing_python([str(VENV_BIN / "jupyterhub"), "-f",
                                                 str(state / "jupyterhub_config.py")], state / "python"),
                                cwd=state, stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
    h = Hub(f"http://127.0.0.1:{proxy_port}", proc, state, shared, exchange, config_dir, log, accounts)
    try:
        import requests

        def up():
            if proc.poll() is not None:
                raise RuntimeError(f"the hub exited with {proc.returncode}:\n{h.log_tail()}")
            return requests.get(f"{h.url}/hub/api/", timeout=5).status_code == 200
        try:
            wait_for(up, 90, "the hub to answer through the proxy")
        except RuntimeError as exc:
            pytest.fail(str(exc), pytrace=False)
        except TimeoutError as exc:
            pytest.fail(f"{exc}\n{h.log_tail()}", pytrace=False)
        yield h
    finally:
        leftovers = stop_hub(h, accounts)
        shutil.rmtree(state, ignore_errors=True)
        shutil.rmtree(shared, ignore_errors=True)
        if leftovers:
            raise RuntimeError("still running after the hub stopped (ended by pid): " + "; ".join(leftovers))


def stop_hub(h: Hub, accounts: dict) -> list[str]:
    """Stop the hub (SIGTERM: it stops every user server and the proxy), then end whatever survived."""
    import psutil
    proxy_pid = None
    try:
        proxy_pid = int((h.state / "proxy.pid").read_text().strip())
    except (OSError, ValueError):
        pass
    if h.proc.poll() is None:
        h.proc.send_signal(signal.SIGTERM)
        try:
            h.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            h.proc.kill()
            h.proc.wait(timeout=10)
    leftovers = []
    if proxy_pid and psutil.pid_exists(proxy_pid):
        try:
            p = psutil.Process(proxy_pid)
            if "configurable-http-proxy" in " ".join(p.cmdline()):
                leftovers += end_processes([p])
        except psutil.Error:
            pass
    leftovers += end_processes(processes_of({a.uid for a in accounts.values()}))
    return leftovers


# -- acting as a user, through the hub ---------------------------------------------------------------

class HubUser:
    """One person at the hub: logs in with their password (PAM), asks for a token, uses their server."""

    def __init__(self, hub: Hub, account: Account):
        import requests
        self.hub, self.account, self.name = hub, account, account.name
        self.session = requests.Session()
        self.token: str | None = None

    # hub
    def login(self):
        s = self.session
        r = s.get(f"{self.hub.url}/hub/login", timeout=30)
        r.raise_for_status()
        xsrf = s.cookies.get("_xsrf")
        r = s.post(f"{self.hub.url}/hub/login?next=", timeout=60, allow_redirects=False,
                   data={"username": self.name, "password": self.account.password, "_xsrf": xsrf})
        assert r.status_code in (302, 303), f"{self.name} could not log in: {r.status_code} {r.text[:300]}"
        r = s.post(f"{self.hub.url}/hub/api/users/{self.name}/tokens", timeout=30,
                   headers={"X-XSRFToken": s.cookies.get("_xsrf") or xsrf},
                   json={"note": "hub test", "expires_in": 3600})
        assert r.status_code in (200, 201), f"{self.name} got no token: {r.status_code} {r.text[:300]}"
        self.token = r.json()["token"]
        return self

    def hub_api(self, method: str, path: str, **kw):
        import requests
        return requests.request(method, f"{self.hub.url}/hub/api/{path}", timeout=60,
                                headers={"Authorization": f"token {self.token}"}, **kw)

    def request_server(self):
        r = self.hub_api("POST", f"users/{self.name}/server")
        assert r.status_code in (201, 202), f"{self.name}: spawn refused: {r.status_code} {r.text[:300]}"

    def server_ready(self) -> bool:
        r = self.hub_api("GET", f"users/{self.name}")
        r.raise_for_status()
        server = r.json().get("servers", {}).get("")
        return bool(server and server.get("ready"))

    # the user's own server, through the proxy
    @property
    def base(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def api(self, method: str, path: str, *, as_user: HubUser | None = None, timeout: float = 120, **kw):
        """A request to this user's server, made with `as_user`'s token (default: their own)."""
        import requests
        token = (as_user or self).token
        return requests.request(method, f"{self.base}/{path}", timeout=timeout,
                                headers={"Authorization": f"token {token}"}, **kw)

    def ok(self, method: str, path: str, **kw):
        r = self.api(method, path, **kw)
        assert r.status_code < 300, f"{self.name}: {method} {path} -> {r.status_code} {r.text[:500]}"
        return r

    def run(self, code: str, timeout: float = 300) -> str:
        """Run `code` in a new kernel on this user's server (so: as this Unix user); return its output.

        Fails if the code raises.  The kernel is shut down afterwards.
        """
        with Kernel(self) as k:
            return k.execute(code, timeout)


class Kernel:
    """A kernel on a user's server, driven over its websocket as JupyterLab does."""

    def __init__(self, user: HubUser, notebook_path: str | None = None):
        self.user, self.notebook_path = user, notebook_path

    def __enter__(self):
        import websocket
        u = self.user
        if self.notebook_path:  # a session, as when a notebook is opened: the kernel runs in its folder
            model = u.ok("POST", "api/sessions", json={"path": self.notebook_path, "type": "notebook",
                                                       "name": "", "kernel": {"name": "python3"}}).json()
            self.id, self.session_id = model["kernel"]["id"], model["id"]
        else:
            self.id, self.session_id = u.ok("POST", "api/kernels", json={"name": "python3"}).json()["id"], None
        url = f"{u.base.replace('http://', 'ws://')}/api/kernels/{self.id}/channels"
        self.ws = websocket.create_connection(url, timeout=300, header=[f"Authorization: token {u.token}"])
        self.session = uuid.uuid4().hex
        return self

    def __exit__(self, *exc):
        try:
            self.ws.close()
        finally:
            if self.session_id:
                self.user.api("DELETE", f"api/sessions/{self.session_id}")
            self.user.api("DELETE", f"api/kernels/{self.id}")

    def execute(self, code: str, timeout: float = 300) -> str:
        """Run `code`; return what it printed.  Raises AssertionError if it raised."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.user.name, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": textwrap.dedent(code), "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        out, error, replied, idle = [], None, False, False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.user.name}: code did not finish in {timeout} s")
            self.ws.settimeout(max(1.0, deadline - time.monotonic()))
            raw = self.ws.recv()
            if isinstance(raw, bytes):  # a message with binary buffers (widget state): not ours to read
                continue
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                out.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        text = "".join(out)
        if error:
            raise AssertionError(f"{self.user.name}: code failed: {error}\n{text}")
        return text
