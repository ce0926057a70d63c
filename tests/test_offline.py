"""No network at all: every lesson runs, and the site builds, in a fresh network namespace.

`unshare --user --map-root-user --net` gives a namespace with no interfaces but a loopback that
is down, so not even 127.0.0.1 works; the kernel therefore talks over Unix sockets
(transport="ipc").  The build is the one tests/test_site.py
checks: it executes each lesson with nbclient and fails on any error output.

Needs `unshare` (util-linux) and unprivileged user namespaces: skipped without them on a
developer's machine, a failure in CI (CI=true).
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import struct
import subprocess
import sys

import pytest
from conftest import LESSONS, REPO
from test_site import NETNS, built_site, netns_available

if not netns_available():
    if os.environ.get("CI"):
        raise RuntimeError("CI must be able to run `unshare --user --map-root-user --net` (util-linux)")
    pytest.skip("no network namespaces here (unshare); CI runs these tests", allow_module_level=True)

pytestmark = pytest.mark.slow

# Tries every address given on the command line (host:port) and lists the network interfaces that are up.
PROBE = """
import fcntl, json, socket, struct, sys
reached = []
for target in sys.argv[1:]:
    host, port = target.rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
        reached.append(target)
    except OSError:
        pass
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
up = [name for _, name in socket.if_nameindex() if struct.unpack("16sH", fcntl.ioctl(
    s, 0x8913, struct.pack("16sH", name.encode(), 0))[:18])[1] & 1]  # SIOCGIFFLAGS, IFF_UP
print(json.dumps({"reached": reached, "up": up}))
"""


def _own_addresses() -> list[str]:
    """This machine's IPv4 addresses, read from its interfaces (SIOCGIFADDR): no packet is sent."""
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(s.fileno(), 0x8915, struct.pack("256s", name.encode()[:15]))
            except OSError:  # an interface without an IPv4 address
                continue
            found.append(socket.inet_ntoa(packed[20:24]))
    return found


def _probe(prefix: list[str], targets: list[str]) -> dict:
    # A deliberate probe, so it runs without the network guard's log (tests/network_guard/).
    env = {k: v for k, v in os.environ.items() if k != "FACECOURSE_NETWORK_LOG"}
    result = subprocess.run([*prefix, sys.executable, "-c", PROBE, *targets], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_namespace_really_has_no_network():
    """A server listening on every address of this machine: reachable from here, not from the namespace."""
    with socket.socket() as server:
        server.bind(("0.0.0.0", 0))
        server.listen(16)
        port = server.getsockname()[1]
        loopback = f"127.0.0.1:{port}"
        outside = _probe([], [loopback])  # the control: the probe can reach a listening server
        assert outside["reached"] == [loopback] and "lo" in outside["up"]
        own = [f"{a}:{port}" for a in _own_addresses() if not a.startswith("127.")]
        inside = _probe(NETNS, [loopback, *own])
    assert inside == {"reached": [], "up": []}, f"reachable from inside the namespace: {inside}"


def test_every_lesson_runs_without_network_and_without_errors():
    built = built_site()
    assert built["offline"], "the site was not built in a network namespace"
    assert built["returncode"] == 0, f"a lesson failed with no network:\n{built['stderr'][-4000:]}"
    for lesson in LESSONS:
        assert f"ran {lesson.name}" in built["stdout"], f"{lesson.name} was not run"
        assert (built["out"] / f"{lesson.stem}.html").is_file()


def test_a_lesson_run_directly_with_nbclient_offline():
    # Independent of the site builder's bookkeeping: run one lesson with nbclient, check each output.
    code = (
        "import sys, json; from facecourse.publish.site import execute, error_outputs; "
        f"nb = execute({str(LESSONS[2])!r}, transport='ipc'); "
        "print(json.dumps({'errors': error_outputs(nb), 'cells': sum(c.cell_type == 'code' and "
        "c.execution_count is not None for c in nb.cells)}))"
    )
    result = subprocess.run([*NETNS, sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errors"] == [] and report["cells"] > 0
