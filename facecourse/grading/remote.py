"""The judge's side of one student process: run a cell, fetch a value, call a function -- with time limits.

A student process that runs over a deadline is interrupted (SIGINT, through the zygote); one that
does not stop within ``GRACE`` seconds, dies or sends something that is not a message is killed.
If that happens while it runs one of its own cells, its later cells are not run (as in nbgrader,
where the kernel would be gone).  If it happens during a test's call, that test fails, and before the
next request the judge starts a fresh process and quietly re-runs the cells run so far, so the
failure costs that question's points only.
"""

from __future__ import annotations

import builtins
import sys
import time
import warnings

from . import channel, codec
from .codec import UnacceptedValue

GRACE = 3.0  # seconds a process has to stop after an interrupt
RESTARTS = 3  # fresh processes per submission after a failed call


class TimeLimit(BaseException):
    """The cell ran over its time limit (not an Exception: a test's ``except Exception`` cannot hide it)."""


class StudentGone(BaseException):
    """The student's process is no longer running (same reason for being a BaseException)."""


class StudentFunction:
    """Stands in the judge for a function of the student's: calling it runs it in the student's process."""

    def __init__(self, student: "Student", handle: int, name: str):
        self._student, self._handle, self._process = student, handle, student.process
        self.__name__ = self.__qualname__ = name

    def __call__(self, *args, **kwargs):
        return self._student.call(self, args, kwargs)

    def __repr__(self) -> str:
        return f"<the student's {self.__qualname__}>"


class Student:
    waiting = False  # the judge is waiting on a student process: the judge's alarm leaves it to the deadline

    def __init__(self, zygote, files: dict[str, bytes]):
        self.zygote, self.files = zygote, files
        self.history: list[str] = []  # cells run so far, for a restart
        self.sock, self.gone, self.restart_reason, self.restarts, self.process = None, None, None, 0, 0
        self.deadline = time.monotonic() + 60
        self.cache: dict[str, object] = {}
        self.notes: list[str] = []
        self._start()

    # -- requests ------------------------------------------------------------------------------------

    def run(self, source: str, deadline: float, label: str) -> tuple[list[dict], str | None]:
        """A cell's outputs (the student's), and a note if it ran over its time or ended the process."""
        if self.gone:
            return [], None
        try:
            reply, _, interrupted = self._request({"op": "run", "source": source}, [], deadline, permanent=True)
        except StudentGone as exc:
            return [_error("StudentProcessEnded", str(exc))], f"{label}: {exc}; later cells were not run"
        except TimeLimit as exc:
            return [_error("CellTimeoutError", str(exc))], f"{label}: {exc}; later cells were not run"
        self.history.append(source)
        outputs = reply.get("outputs") if isinstance(reply.get("outputs"), list) else []
        if interrupted:
            return outputs, f"{label}: a cell ran over the time limit and was interrupted"
        if "broken" in reply:
            return outputs, f"{label}: the student's process could not run this cell ({str(reply['broken'])[:200]})"
        if reply.get("error") == "MemoryError":
            return outputs, f"{label}: a cell ran out of memory (the grading memory limit)"
        return outputs, None

    def value(self, name: str):
        """The student's value of ``name`` (KeyError if there is none)."""
        if name not in self.cache:
            try:
                reply, buffers, _ = self._request({"op": "get", "name": name}, [], self.deadline)
            except TimeLimit:
                raise TimeLimit(f"the student's process did not give the value of {name!r} in time") from None
            if reply.get("missing"):
                self.cache[name] = KeyError(name)
            else:
                try:
                    self.cache[name] = self._result(reply, buffers, f"the value of {name!r}")
                except UnacceptedValue as exc:
                    self.cache[name] = exc
        found = self.cache[name]
        if isinstance(found, BaseException):
            raise type(found)(*found.args)
        return found

    def call(self, fn: StudentFunction, args: tuple, kwargs: dict):
        if fn._student is not self or fn._process != self.process:
            raise StudentGone("a function of the student's process before it was restarted")
        try:
            tree, buffers = codec.encode((args, kwargs), reference=self._handle_of)
        except UnacceptedValue as exc:
            raise UnacceptedValue(f"the judge cannot pass this to {fn.__qualname__}(): {exc}") from None
        header = {"op": "call", "handle": fn._handle, "args": tree, "context": _settings()}
        reply, buffers, interrupted = self._request(header, buffers, self.deadline, forget=True)
        _forward(reply.get("outputs"))
        if interrupted:
            raise TimeLimit(f"{fn.__qualname__}() ran over the cell's time limit and was interrupted")
        if isinstance(reply.get("raised"), dict):
            raise _rebuilt(reply["raised"])
        return self._result(reply, buffers, f"what {fn.__qualname__}() returned")

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None
            self.zygote.end()

    # -- the process --------------------------------------------------------------------------------

    def _start(self):
        self.sock, _ = self.zygote.spawn()
        self.process += 1
        self.proxies: dict[int, StudentFunction] = {}
        names = list(self.files)
        reply, _, _ = self._request({"op": "files", "names": names}, [self.files[n] for n in names],
                                    time.monotonic() + 30, permanent=True, fresh=True)
        if "failed" in reply:
            self._lost(f"the student's process could not start ({reply['failed']})", permanent=True)

    def _restart(self):
        reason, self.restart_reason = self.restart_reason, None
        self.restarts += 1
        if self.restarts > RESTARTS:
            self.gone = f"{reason}, too often"
            return
        self.notes.append(f"{reason}: the submission's cells were run again in a fresh process")
        self._start()
        for source in self.history:
            try:
                self._request({"op": "run", "source": source, "quiet": True}, [], self.deadline, permanent=True)
            except (TimeLimit, StudentGone):
                self.gone = f"{reason}, and again when its cells were run a second time"
                return

    def _request(self, header, buffers, deadline, *, permanent=False, forget=False, fresh=False):
        """(reply, buffers, interrupted).  Raises StudentGone, or TimeLimit if the process had to be killed."""
        outer, Student.waiting = Student.waiting, True
        try:
            if self.restart_reason and not fresh:
                self._restart()
            if self.gone:
                raise StudentGone(self.gone)
            if forget or header["op"] == "run":
                self.cache.clear()  # the student's code may change its names
            try:
                channel.send(self.sock, header, buffers)
                return (*channel.receive(self.sock, deadline), False)
            except channel.TimedOut:
                pass
            except channel.Closed as exc:
                self._lost(f"the student's process ended ({exc})", permanent)
                raise StudentGone(self.gone or self.restart_reason) from None
            self.zygote.interrupt()
            try:
                return (*channel.receive(self.sock, time.monotonic() + GRACE), True)
            except (channel.TimedOut, channel.Closed):
                self._lost("the student's code ran over the time limit and did not stop when interrupted", permanent)
                raise TimeLimit(self.gone or self.restart_reason) from None
        finally:
            Student.waiting = outer

    def _lost(self, reason: str, permanent: bool):
        self.close()
        if permanent:
            self.gone = reason
        else:
            self.restart_reason = reason

    def _handle_of(self, v):
        return v._handle if type(v) is StudentFunction and v._student is self and v._process == self.process else None

    def _result(self, reply: dict, buffers: list[bytes], what: str):
        if "value" in reply:
            try:
                return codec.decode(reply["value"], buffers)
            except codec.MalformedValue as exc:
                raise UnacceptedValue(f"this test needs {what}, which the judge could not read ({exc})") from None
        if type(reply.get("callable")) is int:
            handle = reply["callable"]
            if handle not in self.proxies:
                self.proxies[handle] = StudentFunction(self, handle, str(reply.get("name", "function"))[:100])
            return self.proxies[handle]
        if isinstance(reply.get("module"), str) and reply["module"] in sys.modules:
            return sys.modules[reply["module"]]
        why = next((str(reply[k])[:500] for k in ("refused", "broken") if k in reply), f"a module or object ({str(reply)[:80]})")
        raise UnacceptedValue(f"this test needs {what}, a value of a kind the judge does not accept: {why}")


def _error(ename: str, evalue: str) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": [f"{ename}: {evalue}"]}


def _settings() -> dict:
    """The judge's numpy error state and whether it ignores every warning (the test's ``catch_warnings``)."""
    import numpy as np

    first = warnings.filters[0] if warnings.filters else None
    ignoring = bool(first and first[0] == "ignore" and first[1] is None and first[2] is Warning)
    return {"errstate": np.geterr(), "ignore_warnings": ignoring}


def _forward(outputs):
    """What a student's function printed during a call: to the judge's sys.stdout/stderr, where the test runs."""
    if not isinstance(outputs, list):
        return
    for out in outputs[:1000]:
        if isinstance(out, dict) and out.get("output_type") == "stream" and isinstance(out.get("text"), str):
            (sys.stderr if out.get("name") == "stderr" else sys.stdout).write(out["text"])


def _rebuilt(raised: dict) -> BaseException:
    """The student's exception as the nearest builtin class, so that a test's ``except`` means the same."""
    cls = getattr(builtins, str(raised.get("base")), None)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        cls = Exception
    name, message = str(raised.get("type", cls.__name__))[:100], str(raised.get("message", ""))[:2000]
    text = message if name == cls.__name__ else f"{name}: {message}"
    for base in cls.__mro__:
        try:
            exc = base(text)
            break
        except Exception:
            continue
    tb = raised.get("traceback")
    exc.student_traceback = [str(x)[:2000] for x in tb[-20:]] if isinstance(tb, list) else []
    return exc
