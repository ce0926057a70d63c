"""A cell's outputs as nbformat output dicts, capped: used by the student's process and by the judge alike."""

from __future__ import annotations

import io
import json

OUTPUT_CAP_BYTES = 200_000  # per cell: enough for any honest answer, not for a flood


class Outputs:
    """Stream text, displays, a result and an error, in the order they came, up to ``cap`` bytes."""

    def __init__(self, cap: int = OUTPUT_CAP_BYTES):
        self.items: list[dict] = []
        self.cap, self.size, self.cut = cap, 0, False

    def _room(self, n: int) -> bool:
        if self.cut:
            return False
        if self.size + n > self.cap:
            self._cut()
            return False
        self.size += n
        return True

    def _cut(self):
        self.cut = True
        self.items.append({"output_type": "stream", "name": "stderr",
                           "text": f"\n[output cut: more than {self.cap:,} bytes from this cell]\n"})

    def write(self, name: str, text: str):
        if not text or self.cut:
            return
        room = self.cap - self.size
        if len(text) > room:
            text, full = text[:room], True
        else:
            full = False
        self.size += len(text)
        last = self.items[-1] if self.items else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        elif text:
            self.items.append({"output_type": "stream", "name": name, "text": text})
        if full:
            self._cut()

    def display(self, data: dict, metadata: dict | None = None, result_count: int | None = None):
        """A display (or, with ``result_count``, the cell's result: nbgrader reads a number there as partial credit)."""
        if not self._room(len(json.dumps(data, default=str))):
            return
        out = {"output_type": "display_data", "data": data, "metadata": metadata or {}}
        if result_count is not None:
            out = {"output_type": "execute_result", "data": data, "metadata": metadata or {},
                   "execution_count": result_count}
        self.items.append(out)

    def error(self, ename: str, evalue: str, traceback: list[str]):
        evalue = evalue if len(evalue) <= 2000 else evalue[:2000] + " [...]"
        traceback = [line[:4000] for line in traceback[-60:]]
        self.items.append({"output_type": "error", "ename": ename, "evalue": evalue, "traceback": traceback})

    @classmethod
    def checked(cls, outputs) -> list[dict]:
        """Outputs from the student's process, made valid nbformat and capped here too."""
        out = cls()
        out.extend(outputs if isinstance(outputs, list) else [])
        return out.items

    def extend(self, outputs: list[dict]):
        """Outputs that came from elsewhere (the student's process), capped here too."""
        for out in outputs:
            if not isinstance(out, dict):
                continue
            kind = out.get("output_type")
            if kind == "stream":
                self.write(out.get("name") if out.get("name") in ("stdout", "stderr") else "stdout", str(out.get("text", "")))
            elif kind in ("display_data", "execute_result") and isinstance(out.get("data"), dict):
                data = {str(k): v if isinstance(v, str) or k.endswith("json") else str(v) for k, v in out["data"].items()}
                count = out.get("execution_count")
                self.display(data, {}, (count if type(count) is int else 0) if kind == "execute_result" else None)
            elif kind == "error":
                tb = out.get("traceback")
                self.error(str(out.get("ename", "Error")), str(out.get("evalue", "")),
                           [str(x) for x in tb] if isinstance(tb, list) else [])


class Stream(io.TextIOBase):
    """A file-like ``sys.stdout``/``sys.stderr`` that writes into an Outputs."""

    def __init__(self, outputs: Outputs, name: str):
        self.outputs, self.name_ = outputs, name

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = str(text)
        self.outputs.write(self.name_, text)
        return len(text)

    def isatty(self) -> bool:
        return False
