"""Record every attempt to reach another machine, in any Python process the tests start.

An audit hook (PEP 578) sees each ``socket.connect``, ``sendto``, ``sendmsg`` and each name or
address lookup (``getaddrinfo``, ``gethostbyname``, ...) before it happens, whether or not the code
catches the error that follows.  Attempts at anything but this machine (loopback addresses,
``localhost``, Unix sockets) are appended, one JSON line each, to the file named by
``$FACECOURSE_NETWORK_LOG``; the tests' pytest plugin (``pytest_network_guard``) fails the test
during which a line appeared.  Standard library only, and cheap: it runs in every kernel.
"""

from __future__ import annotations

import json
import os
import sys

LOG_VARIABLE = "FACECOURSE_NETWORK_LOG"
_LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_ADDRESS_EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg"}
_LOOKUP_EVENTS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                  "socket.gethostbyaddr", "socket.getnameinfo"}
_log_path: str | None = None


def is_local(host) -> bool:
    """Whether ``host`` (a name or an address, as a socket call gets it) is this machine's loopback."""
    if host is None:  # getaddrinfo(None, port): the wildcard a server binds to
        return True
    if isinstance(host, (bytes, bytearray)):
        host = bytes(host).decode("ascii", "replace")
    host = str(host).strip().strip("[]").lower().split("%")[0]
    if host.endswith(".localhost") or host in _LOCAL_NAMES:
        return True
    if host.startswith("::ffff:"):  # an IPv4 address written as IPv6
        host = host[len("::ffff:"):]
    if host.startswith("127.") and host.replace(".", "").isdigit():
        return True
    return host in ("::1", "0:0:0:0:0:0:0:1", "0.0.0.0", "::")


def outside_address(event: str, args: tuple):
    """The address an audited socket event reaches for, if it is not this machine's; else None."""
    if event in _ADDRESS_EVENTS:
        sock, address = args[0], args[1]
        if address is None or isinstance(address, (str, bytes, bytearray)):  # no address, or a Unix socket path
            return None
        if getattr(sock, "family", None) not in (2, 10):  # only AF_INET and AF_INET6 leave the machine
            return None
        host = address[0] if isinstance(address, tuple) and address else address
        return None if is_local(host) else f"{host}:{address[1]}" if isinstance(address, tuple) else str(address)
    if event in _LOOKUP_EVENTS:
        target = args[0]
        if event == "socket.getnameinfo":  # (sockaddr, flags): an address to name
            target = target[0] if isinstance(target, tuple) else target
        if is_local(target):
            return None
        if event == "socket.getaddrinfo" and len(args) > 1 and args[1] not in (None, 0):
            return f"{target}:{args[1]}"
        return str(target)
    return None


def _hook(event: str, args: tuple) -> None:
    if not event.startswith("socket.") or _log_path is None:
        return
    try:
        address = outside_address(event, args)
    except Exception:  # an odd argument shape: never break the program being watched
        return
    if address is None:
        return
    line = json.dumps({"event": event, "address": address, "pid": os.getpid(), "argv": sys.argv[:4]}) + "\n"
    try:
        fd = os.open(_log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)
    except OSError:  # a folder this process may not write to: nothing better to do than go on
        pass


def install(log_path: str | os.PathLike) -> None:
    """Record attempts in this process to ``log_path`` (installs the hook once; later calls move the log)."""
    global _log_path
    first = _log_path is None
    _log_path = os.fspath(log_path)
    if first:
        sys.addaudithook(_hook)


def install_from_environment() -> None:
    if os.environ.get(LOG_VARIABLE):
        install(os.environ[LOG_VARIABLE])
