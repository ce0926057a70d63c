"""Messages over a socket: an 8-byte length, then a message made by :func:`.codec.pack`."""

from __future__ import annotations

import select
import socket
import struct
import time

from .codec import LIMIT_BYTES, MalformedValue, pack, unpack

FRAME_LIMIT = LIMIT_BYTES + 16 * 1024 * 1024  # a value at the limit, with room for its header and outputs


class Closed(ConnectionError):
    """The other side went away (or sent something that is not a message)."""


class TimedOut(TimeoutError):
    """No whole message came before the deadline."""


def send(sock: socket.socket, header: dict, buffers: list[bytes] = ()) -> None:
    data = pack(header, buffers)
    try:
        sock.sendall(struct.pack("<Q", len(data)))
        sock.sendall(data)
    except OSError as exc:
        raise Closed(f"the other side went away ({exc.__class__.__name__})") from None


def receive(sock: socket.socket, deadline: float | None = None, limit: int = FRAME_LIMIT) -> tuple[dict, list[bytes]]:
    """The next message; ``deadline`` is a ``time.monotonic()`` value (None: wait for ever)."""
    (size,) = struct.unpack("<Q", _exactly(sock, 8, deadline))
    if size > limit:
        raise Closed(f"a message of {size:,} bytes, more than the {limit:,} allowed")
    try:
        return unpack(_exactly(sock, size, deadline, started=True))
    except MalformedValue as exc:
        raise Closed(f"a message that is not one ({exc})") from None


def _exactly(sock: socket.socket, n: int, deadline: float | None, started: bool = False) -> bytes:
    chunks, got = [], 0
    while got < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([sock], [], [], left)[0]:
                if got or started:  # half a message: the stream can no longer be trusted
                    raise Closed("a message cut off at the deadline")
                raise TimedOut()
        try:
            chunk = sock.recv(min(n - got, 1 << 20))
        except OSError as exc:
            raise Closed(f"the other side went away ({exc.__class__.__name__})") from None
        if not chunk:
            raise Closed("the other side went away")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)
