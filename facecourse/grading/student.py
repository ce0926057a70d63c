"""The student's process (forked by :mod:`.zygote`): runs the student's cells, answers the judge as data.

It runs the cells the judge sends -- the student's answers and the release's setup cells, never a
test -- in an IPython shell without a kernel, and answers three kinds of request: ``run`` (a cell:
its outputs), ``get`` (a name: its value encoded by :mod:`.codec`, or a handle for a function),
``call`` (a handle and arguments: the result or the exception, and what the call printed).
Everything here is the student's to change; nothing here decides a grade.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import traceback
import types
import warnings

from . import channel, codec
from .capture import Outputs, Stream

_current = [Outputs()]  # where displays go: the cell or the call being run


def prepare_shell():
    """An IPython shell whose displays, results and tracebacks land in the current Outputs."""
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class Hook(DisplayHook):
        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            _current[0].display(format_dict, md_dict, result_count=self.shell.execution_count)

        def finish_displayhook(self):
            self._is_active = False

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            _current[0].display(data, metadata)

        def clear_output(self, wait=False):
            pass

    class Shell(InteractiveShell):
        def _showtraceback(self, etype, evalue, stb):
            _current[0].error(etype.__name__, _text(evalue), stb)

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype"  # fig.show() is a display, not a browser window
    return Shell.instance(config=config, displayhook_class=Hook, display_pub_class=Publisher)


def _text(value) -> str:
    try:
        return str(value)[:2000]
    except Exception:  # a __str__ that raises
        return f"<{type(value).__name__}>"


@contextlib.contextmanager
def _captured(outputs: Outputs):
    _current[0] = outputs
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Stream(outputs, "stdout"), Stream(outputs, "stderr")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = old


@contextlib.contextmanager
def _no_interrupts():
    """A SIGINT from the judge lands in the student's code, never in the middle of a message."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class Server:
    def __init__(self, sock, shell):
        self.sock, self.shell = sock, shell
        self.handles: dict[int, object] = {}
        self.handle_of: dict[int, int] = {}  # id(function) -> its handle

    def serve(self):
        while True:
            with _no_interrupts():
                try:
                    header, buffers = channel.receive(self.sock)
                except channel.Closed:
                    return
            try:
                reply, out = self.answer(header, buffers)
            except KeyboardInterrupt:  # the judge's interrupt, between two lines of our own
                reply, out = {"interrupted": True}, []
            except Exception as exc:  # e.g. a shell the student's code took apart: say so, keep serving
                reply, out = {"broken": f"{exc.__class__.__name__}: {_text(exc)}"}, []
            with _no_interrupts():
                try:
                    channel.send(self.sock, reply, out)
                except channel.Closed:
                    return

    def answer(self, header: dict, buffers: list[bytes]):
        op = header.get("op")
        if op == "files":
            for name, data in zip(header["names"], buffers):
                with open(name.replace("/", "_"), "wb") as f:
                    f.write(data)
            return {}, []
        if op == "run":
            outputs = Outputs()
            with _captured(outputs):
                result = self.shell.run_cell(header["source"], store_history=True)
            error = result.error_before_exec or result.error_in_exec
            return {"outputs": [] if header.get("quiet") else outputs.items,
                    "error": type(error).__name__ if error is not None else None}, []
        if op == "get":
            if header["name"] not in self.shell.user_ns:
                return {"missing": True}, []
            return self.value(self.shell.user_ns[header["name"]])
        if op == "call":
            return self.call(header, buffers)
        return {"unknown": str(op)}, []

    def value(self, v):
        if isinstance(v, types.ModuleType):
            return {"module": v.__name__}, []
        if callable(v):
            if id(v) not in self.handle_of:
                self.handle_of[id(v)] = len(self.handles)
                self.handles[len(self.handles)] = v
            return {"callable": self.handle_of[id(v)], "name": getattr(v, "__qualname__", type(v).__name__)}, []
        try:
            tree, buffers = codec.encode(v)
        except codec.UnacceptedValue as exc:
            return {"refused": str(exc)}, []
        return {"value": tree}, buffers

    def call(self, header: dict, buffers: list[bytes]):
        fn = self.handles.get(header["handle"])
        if fn is None:
            return {"refused": "a function of a process that has since been restarted"}, []
        args, kwargs = codec.decode(header["args"], buffers, reference=self._resolve)
        outputs = Outputs()
        try:
            with _captured(outputs), _judges_settings(header.get("context", {})):
                result = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - every exception is the student's answer
            reply, out = {"raised": _exception(exc)}, []
        else:
            reply, out = self.value(result)
        reply["outputs"] = outputs.items
        return reply, out

    def _resolve(self, handle):
        if handle not in self.handles:
            raise codec.MalformedValue("a function handle this process never gave")
        return self.handles[handle]


@contextlib.contextmanager
def _judges_settings(context: dict):
    """The test's numpy error state and warning filter, as they would have been in one process."""
    import numpy as np

    errstate = {k: v for k, v in context.get("errstate", {}).items() if v in ("ignore", "warn", "raise", "call", "print", "log")}
    with np.errstate(**errstate), warnings.catch_warnings():
        if context.get("ignore_warnings"):
            warnings.simplefilter("ignore")
        yield


def _exception(exc: BaseException) -> dict:
    base = next(c for c in type(exc).__mro__ if c.__module__ == "builtins")
    try:
        tb = traceback.format_exception(type(exc), exc, exc.__traceback__)[-20:]
    except Exception:
        tb = []
    return {"base": base.__name__, "type": type(exc).__qualname__, "message": _text(exc),
            "traceback": [line[:2000] for line in tb]}
