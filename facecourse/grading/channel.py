"""Messages between the judge, the zygote and a student process: a JSON header and raw buffers.

On the wire: an 8-byte length, then the message (:func:`pack`): the header's length, the header as
JSON (which lists the buffers' lengths), then the buffers.  Reading one (:func:`unpack`) only parses
JSON and cuts bytes; anything else is a MalformedValue.
"""

from __future__ import annotations

import json
import select
import socket
import struct
import time

from .codec import LIMIT_BYTES, MalformedValue

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


def _check(ok: bool, what: str):
    if not ok:
        raise MalformedValue(what)


def pack(header: dict, buffers: list[bytes] = ()) -> bytes:
    """One message: the header as JSON, then each buffer; the lengths come first."""
    head = json.dumps({"h": header, "n": [len(b) for b in buffers]}, separators=(",", ":")).encode()
    return b"".join([struct.pack("<Q", len(head)), head, *buffers])


def unpack(message: bytes) -> tuple[dict, list[bytes]]:
    _check(len(message) >= 8, "a message too short to read")
    (size,) = struct.unpack_from("<Q", message)
    try:
        head = json.loads(message[8:8 + size])
    except (ValueError, RecursionError):
        raise MalformedValue("a message whose header is not JSON") from None
    _check(type(head) is dict and set(head) == {"h", "n"} and type(head["h"]) is dict and type(head["n"]) is list
           and all(type(x) is int and x >= 0 for x in head["n"]), "a malformed message header")
    _check(8 + size + sum(head["n"]) == len(message), "a message whose buffers do not add up to its length")
    view, at, buffers = memoryview(message), 8 + size, []
    for n in head["n"]:
        buffers.append(bytes(view[at:at + n]))
        at += n
    return head["h"], buffers
