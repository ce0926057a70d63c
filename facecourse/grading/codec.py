"""Values between the student's process and the judge, as data only: decoding executes nothing.

A value becomes a *tree* (lists, strings and numbers that ``json`` can write) and a list of raw
*buffers* (bytes of arrays and ``bytes`` values), and back.  Decoding uses ``json``, ``int()`` on
digits, ``np.frombuffer`` with a checked dtype and the pandas and plotly constructors; no pickle, no
``eval``, no import, no attribute named by the other side.  The exact type survives the trip (an
``np.int64`` stays an ``np.int64``, a ``bool`` is not an ``int``), so ``isinstance`` in a test means
what it meant in the student's process.  Subclasses are refused: a ``float`` whose ``__eq__`` always
says yes is not a float.  Accepted:

    None, bool, int, float, complex, str, bytes, list, tuple, dict, set, frozenset,
    numpy scalars and arrays (bool, int, uint, float, complex, datetime64, timedelta64, str, bytes;
    object arrays of accepted values), pandas Index (incl. RangeIndex, MultiIndex), Series and
    DataFrame (numpy, str, category, nullable and tz-aware columns), plotly Figure and FigureWidget.

(:mod:`.channel` puts a tree and its buffers into one message.)
"""

from __future__ import annotations

import datetime as dt
import re
import sys

import numpy as np
import pandas as pd

LIMIT_BYTES = 64 * 1024 * 1024  # the largest value that crosses: far above any honest answer
MAX_DEPTH = 100  # nesting; deeper is a value that contains itself, or a wall of brackets
ACCEPTED = ("None, bool, int, float, complex, str, bytes, list, tuple, dict, set, numpy scalars and arrays, "
            "pandas Series, DataFrame and Index, plotly figures")
_DTYPE = re.compile(r"[<>|=]?([biufcUS]\d+|[Mm]8(\[\d*(Y|M|W|D|h|m|s|ms|us|ns|ps|fs|as)\])?)")
_INT = re.compile(r"-?\d+")
_ZONE = re.compile(r"UTC[+-]\d\d:\d\d|(?!dateutil/)[A-Za-z][\w+\-]*(/[A-Za-z][\w+\-]*)*")  # a name, never a path
_TIMES = (dt.date, dt.datetime, dt.time, dt.timedelta, pd.Timestamp, pd.Timedelta, type(pd.NaT))
_MASKED = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "boolean"}


class UnacceptedValue(TypeError):
    """A value of a kind that does not cross (its message says which kind, and what is accepted)."""


class MalformedValue(ValueError):
    """A tree or message that ``encode``/``pack`` did not make."""


# -- encoding ---------------------------------------------------------------------------------------

def encode(value, *, limit: int = LIMIT_BYTES, reference=None) -> tuple[list, list[bytes]]:
    """``(tree, buffers)`` for ``value``; raises UnacceptedValue for anything not listed above.

    ``reference(v)`` may give an int handle for a value of another kind (sent as a reference the
    other side resolves itself, e.g. a proxy for one of its own functions); ``None`` refuses it.
    """
    enc = _Encoder(limit, reference)
    return enc.node(value, 0), enc.buffers


class _Encoder:
    def __init__(self, limit, reference):
        self.left, self.reference, self.buffers = limit, reference, []

    def spend(self, n: int):
        self.left -= n
        if self.left < 0:
            raise UnacceptedValue(f"a value larger than the judge accepts ({LIMIT_BYTES // 2**20} MB in all)")

    def buffer(self, data: bytes) -> int:
        self.spend(len(data))
        self.buffers.append(bytes(data))
        return len(self.buffers) - 1

    def node(self, v, depth: int):
        if depth > MAX_DEPTH:
            raise UnacceptedValue(f"a value nested more than {MAX_DEPTH} deep (or one that contains itself)")
        self.spend(16)
        t = type(v)
        if v is None:
            return ["N"]
        if v is pd.NA:
            return ["NA"]
        if t is bool:
            return ["b", v]
        if t is int:
            try:
                return ["i", str(v)]
            except ValueError:  # more digits than Python converts
                raise UnacceptedValue("an int too long to convert to text (more than 4300 digits)") from None
        if t is float:
            return ["f", v]
        if t is complex:
            return ["c", v.real, v.imag]
        if t is str:
            self.spend(len(v))
            return ["s", v]
        if t is bytes:
            return ["y", self.buffer(v)]
        if t in (list, tuple, set, frozenset):
            return [{list: "l", tuple: "t", set: "S", frozenset: "F"}[t], [self.node(x, depth + 1) for x in v]]
        if t is dict:
            return ["d", [[self.node(k, depth + 1), self.node(x, depth + 1)] for k, x in v.items()]]
        if t is np.ndarray:
            return self.array(v, depth)
        if isinstance(v, np.generic) and t is np.dtype(t).type and np.dtype(t).kind in "biufcMmUS":
            a = np.asarray(v)  # (an empty np.str_ has itemsize 0; as an array it has 1)
            return ["n", a.dtype.str, self.buffer(a.tobytes())]
        if t in (pd.Index, pd.RangeIndex, pd.MultiIndex, pd.DatetimeIndex, pd.TimedeltaIndex, pd.CategoricalIndex):
            return self.index(v, depth)
        if t is pd.Series:
            return ["ser", self.values(v.array, depth), self.index(v.index, depth), self.node(v.name, depth + 1)]
        if t is pd.DataFrame:
            return ["df", self.index(v.columns, depth), [self.values(v.iloc[:, i].array, depth)
                                                         for i in range(v.shape[1])], self.index(v.index, depth)]
        if t in _TIMES:
            return self.time(v)
        figure = _figure_kind(t)
        if figure:  # its properties, arrays as arrays (the figure's own to_dict would shrink them to base64)
            spec = {"data": [trace.to_plotly_json() for trace in v.data], "layout": v.layout.to_plotly_json()}
            if v.frames:
                spec["frames"] = [frame.to_plotly_json() for frame in v.frames]
            return ["fig", figure, self.node(spec, depth + 1)]
        handle = self.reference(v) if self.reference else None
        if type(handle) is int:
            return ["ref", handle]
        raise UnacceptedValue(describe(v))

    def time(self, v):
        if v is pd.NaT:
            return ["NaT"]
        if type(v) is pd.Timestamp:
            utc = v.tz_convert("UTC").tz_localize(None) if v.tz is not None else v
            return ["ts", utc.isoformat(), str(v.tz) if v.tz is not None else None, v.unit]
        if type(v) is pd.Timedelta:
            return ["tdp", str(v.as_unit("ns").value), v.unit]
        if type(v) is dt.timedelta:
            return ["td", v.days, v.seconds, v.microseconds]
        if type(v) is dt.date:
            return ["date", v.year, v.month, v.day]
        offset = v.utcoffset() if type(v) is dt.datetime else v.tzinfo.utcoffset(None) if v.tzinfo else None
        if v.tzinfo is not None and type(v.tzinfo) is not dt.timezone:
            raise UnacceptedValue(f"a {type(v).__name__} in the time zone {v.tzinfo!r} (give it in UTC or with a fixed offset)")
        fields = [v.hour, v.minute, v.second, v.microsecond]
        zone = None if offset is None else offset // dt.timedelta(microseconds=1)
        if type(v) is dt.time:
            return ["tm", fields, zone, v.fold]
        return ["dt", [v.year, v.month, v.day, *fields], zone, v.fold]

    def array(self, a: np.ndarray, depth: int):
        if a.dtype.kind == "O":
            return ["ao", list(a.shape), [self.node(x, depth + 1) for x in a.ravel().tolist()]]
        if a.dtype.kind not in "biufcMmUS" or a.dtype.fields is not None or a.dtype.subdtype is not None:
            raise UnacceptedValue(f"a numpy array of dtype {a.dtype} (structured and void arrays do not cross)")
        return ["a", a.dtype.str, list(a.shape), self.buffer(np.ascontiguousarray(a).tobytes())]

    def values(self, arr, depth: int):
        """The values of a Series, a DataFrame column or an Index."""
        dtype = arr.dtype
        if isinstance(arr, np.ndarray):
            return self.array(arr, depth)
        if isinstance(dtype, pd.StringDtype):
            items = np.asarray(arr, dtype=object)
            missing = np.asarray(pd.isna(items), dtype=bool)
            text = np.where(missing, "", items)
            return ["str", dtype.storage, "nan" if dtype.na_value is not pd.NA else "NA", self.array(_strings(text), depth),
                    self.array(missing, depth)]
        if isinstance(dtype, pd.CategoricalDtype):
            return ["cat", self.index(pd.Index(arr.categories), depth), self.array(np.asarray(arr.codes), depth),
                    bool(dtype.ordered)]
        if isinstance(dtype, pd.DatetimeTZDtype):
            return ["dtz", dtype.unit, str(dtype.tz), self.array(np.asarray(arr.asi8), depth)]
        if dtype.name in _MASKED and hasattr(arr, "_mask"):
            return ["mask", dtype.name, self.array(np.asarray(arr._data), depth),
                    self.array(np.asarray(arr._mask), depth)]
        if isinstance(arr, pd.arrays.NumpyExtensionArray) or dtype.kind in "mM":
            return self.array(np.asarray(arr), depth)
        raise UnacceptedValue(f"pandas values of dtype {dtype} (not among the dtypes the judge accepts)")

    def index(self, idx, depth: int):
        if type(idx) is pd.RangeIndex:
            return ["R", idx.start, idx.stop, idx.step, self.node(idx.name, depth + 1)]
        if type(idx) is pd.MultiIndex:
            return ["MI", [self.index(level, depth) for level in idx.levels],
                    [self.array(np.asarray(c), depth) for c in idx.codes], [self.node(n, depth + 1) for n in idx.names]]
        return ["I", self.values(idx.array, depth), self.node(idx.name, depth + 1)]


def _strings(text: np.ndarray) -> np.ndarray:
    """Text as a fixed-width numpy array (fast both ways), or, where that would not be exact (a string
    ending in NUL, which numpy drops) or would be far larger (one long string among short ones), as
    an object array of str."""
    lengths = np.fromiter(map(len, text), dtype=np.int64, count=len(text))
    fixed = text.astype(str) if len(text) else np.array([], dtype="U1")
    if fixed.nbytes <= 8 * int(lengths.sum()) + 4096 and np.array_equal(np.strings.str_len(fixed), lengths):
        return fixed
    return text


def _figure_kind(t) -> str | None:
    go = sys.modules.get("plotly.graph_objects")  # not imported: no value can be a figure
    if go is not None and (t is go.Figure or t is getattr(go, "FigureWidget", None)):
        return t.__name__
    return None


def describe(v) -> str:
    """What a refused value is, in words a student can act on."""
    t = type(v)
    name = t.__qualname__ if t.__module__ in ("builtins", "__main__") else f"{t.__module__}.{t.__qualname__}"
    plain = next((b for b in (bool, int, float, complex, str, bytes, list, tuple, dict, set, frozenset, np.ndarray,
                              pd.Series, pd.DataFrame, pd.Index) if isinstance(v, b)), None)
    if callable(v) and plain is None:
        return f"a {name} (a function or class; the judge accepts only data: {ACCEPTED})"
    made_from = f", made from {plain.__name__}: give a plain {plain.__name__}" if plain else ""
    return f"a {name}{made_from} (the judge accepts {ACCEPTED})"


# -- decoding ---------------------------------------------------------------------------------------

def decode(tree, buffers: list[bytes], *, reference=None):
    """The value ``encode`` made ``(tree, buffers)`` from; MalformedValue for anything else.

    ``reference(handle)`` resolves a ``["ref", handle]`` node; without it such a node is malformed.
    """
    try:
        return _Decoder(buffers, reference).node(tree, 0)
    except MalformedValue:
        raise
    except Exception as exc:  # a constructor refusing what it was given: still malformed, never a crash
        raise MalformedValue(f"not a value the judge can read ({exc.__class__.__name__}: {exc})") from None


def _check(ok: bool, what: str = "a malformed value"):
    if not ok:
        raise MalformedValue(what)


class _Decoder:
    def __init__(self, buffers, reference):
        self.buffers, self.reference = buffers, reference

    def buffer(self, i) -> bytes:
        _check(type(i) is int and 0 <= i < len(self.buffers), "a reference to a buffer that is not there")
        return self.buffers[i]

    def node(self, n, depth: int):
        _check(depth <= MAX_DEPTH, "a value nested too deep")
        _check(type(n) is list and len(n) > 0 and type(n[0]) is str, "not a value node")
        tag, args = n[0], n[1:]
        shape = _SHAPES.get(tag)
        _check(shape is not None, f"an unknown kind of value ({tag[:20]!r})")
        _check(len(args) == len(shape) and all(k == "*" or type(a) in _KINDS[k] for k, a in zip(shape, args)),
               f"a malformed {tag!r} value")
        if tag == "N":
            return None
        if tag in ("NA", "NaT"):
            return pd.NA if tag == "NA" else pd.NaT
        if tag in _TIME_TAGS:
            return self.time(tag, args)
        if tag in ("b", "s"):
            return args[0]
        if tag == "f":
            return float(args[0])
        if tag == "i":
            _check(_INT.fullmatch(args[0]) is not None, "an int that is not digits")
            return int(args[0])
        if tag == "c":
            return complex(args[0], args[1])
        if tag == "y":
            return bytes(self.buffer(args[0]))
        if tag in ("l", "t", "S", "F"):
            items = [self.node(x, depth + 1) for x in args[0]]
            return {"l": list, "t": tuple, "S": set, "F": frozenset}[tag](items)
        if tag == "d":
            _check(all(type(p) is list and len(p) == 2 for p in args[0]), "a malformed dict")
            return {self.node(k, depth + 1): self.node(v, depth + 1) for k, v in args[0]}
        if tag in ("a", "ao"):
            return self.array(n, depth)
        if tag == "n":
            dtype = _dtype(args[0])
            data = self.buffer(args[1])
            _check(len(data) == dtype.itemsize, "a numpy scalar of the wrong size")
            return np.frombuffer(data, dtype=dtype)[0]
        if tag in ("I", "R", "MI"):
            return self.index(n, depth)
        if tag == "ser":
            values, index = self.values(args[0], depth), self.index(args[1], depth)
            return pd.Series(values, index=index, dtype=values.dtype, name=self.node(args[2], depth + 1), copy=False)
        if tag == "df":
            columns, index = self.index(args[0], depth), self.index(args[2], depth)
            values = [self.values(c, depth) for c in args[1]]
            df = pd.DataFrame(dict(enumerate(values)), index=index, copy=False)
            df.columns = columns
            return df
        if tag == "fig":
            _check(args[0] in ("Figure", "FigureWidget"), "an unknown kind of figure")
            spec = self.node(args[1], depth + 1)
            _check(type(spec) is dict, "a figure that is not a dict")
            import plotly.graph_objects as go

            return getattr(go, args[0])(spec)
        _check(self.reference is not None, "a reference the judge did not ask for")  # tag == "ref"
        return self.reference(args[0])

    def time(self, tag: str, args: list):
        if tag == "ts":
            _check(args[1] is None or _ZONE.fullmatch(args[1]) is not None, "a time zone that is not a name")
            stamp = pd.Timestamp(args[0]).as_unit(args[2])
            return stamp.tz_localize("UTC").tz_convert(args[1]) if args[1] is not None else stamp
        if tag == "tdp":
            _check(_INT.fullmatch(args[0]) is not None, "a malformed pandas Timedelta")
            return pd.Timedelta(int(args[0]), unit="ns").as_unit(args[1])
        if tag == "td":
            return dt.timedelta(days=args[0], seconds=args[1], microseconds=args[2])
        if tag == "date":
            return dt.date(*args)
        _check(all(type(x) is int for x in args[0]) and len(args[0]) == (4 if tag == "tm" else 7), "a malformed time")
        zone = None if args[1] is None else dt.timezone(dt.timedelta(microseconds=args[1]))
        return (dt.time if tag == "tm" else dt.datetime)(*args[0], tzinfo=zone, fold=args[2])

    def array(self, n, depth: int) -> np.ndarray:
        tag = n[0]
        _check(type(n) is list and tag in ("a", "ao") and len(n) == len(_SHAPES[tag]) + 1, "not an array")
        shape = n[2] if tag == "a" else n[1]
        _check(type(shape) is list and all(type(s) is int and s >= 0 for s in shape), "an array of a malformed shape")
        count = int(np.prod(shape, dtype=object))
        if tag == "ao":
            _check(type(n[2]) is list and len(n[2]) == count, "an object array of the wrong length")
            out = np.empty(count, dtype=object)
            for i, x in enumerate(n[2]):
                out[i] = self.node(x, depth + 1)
            return out.reshape(shape)
        dtype = _dtype(n[1])
        data = self.buffer(n[3])
        _check(len(data) == count * dtype.itemsize, "an array whose data does not fit its shape")
        return np.frombuffer(data, dtype=dtype, count=count).reshape(shape).copy()

    def values(self, n, depth: int):
        _check(type(n) is list and len(n) > 0, "not pandas values")
        tag = n[0]
        if tag in ("a", "ao"):
            return self.array(n, depth)
        _check(tag in _VALUE_SHAPES and len(n) == len(_VALUE_SHAPES[tag]) + 1
               and all(type(a) in _KINDS[k] for k, a in zip(_VALUE_SHAPES[tag], n[1:])), "malformed pandas values")
        if tag == "str":
            _check(n[2] in ("nan", "NA"), "an unknown missing value for a str column")
            text, missing = self.array(n[3], depth), self.array(n[4], depth)
            _check(text.dtype.kind in "UO" and missing.dtype == bool  # numpy checks their shapes
                   and (text.dtype.kind == "U" or all(type(x) is str for x in text.tolist())), "a malformed str column")
            items = text.astype(object)
            items[missing] = None
            return pd.array(items, dtype=pd.StringDtype(storage=n[1], na_value=np.nan if n[2] == "nan" else pd.NA))
        if tag == "cat":
            categories, codes = self.index(n[1], depth), self.array(n[2], depth)
            return pd.Categorical.from_codes(codes, categories=categories, ordered=n[3])
        if tag == "dtz":
            _check(n[1] in ("s", "ms", "us", "ns") and _ZONE.fullmatch(n[2]) is not None, "an unknown unit or zone")
            ticks = self.array(n[3], depth)
            _check(ticks.dtype == np.int64 and ticks.ndim == 1, "malformed times")
            return pd.Series(ticks.view(f"M8[{n[1]}]")).dt.tz_localize("UTC").dt.tz_convert(n[2]).array
        _check(n[1] in _MASKED, "an unknown nullable dtype")  # tag == "mask"
        data, mask = self.array(n[2], depth), self.array(n[3], depth)  # pandas checks their shapes and the mask
        dtype = pd.api.types.pandas_dtype(n[1])
        _check(data.dtype == dtype.numpy_dtype, "a nullable column of the wrong dtype")  # pandas would change it
        return dtype.construct_array_type()(data, mask)

    def index(self, n, depth: int):
        _check(type(n) is list and len(n) > 0 and n[0] in ("I", "R", "MI"), "not an index")
        tag = n[0]
        _check(len(n) == len(_SHAPES[tag]) + 1 and all(type(a) in _KINDS[k] for k, a in zip(_SHAPES[tag], n[1:])),
               "a malformed index")
        if tag == "R":
            return pd.RangeIndex(n[1], n[2], n[3], name=self.node(n[4], depth + 1))
        if tag == "MI":
            levels = [self.index(level, depth) for level in n[1]]
            codes = [self.array(c, depth) for c in n[2]]
            names = [self.node(x, depth + 1) for x in n[3]]
            _check(len(levels) == len(codes) == len(names) > 0, "a malformed multi-index")
            return pd.MultiIndex(levels=levels, codes=codes, names=names, verify_integrity=True)
        values = self.values(n[1], depth)
        _check(getattr(values, "ndim", 1) == 1, "an index that is not one-dimensional")
        return pd.Index(values, dtype=values.dtype, name=self.node(n[2], depth + 1), copy=False)


def _dtype(text) -> np.dtype:
    _check(type(text) is str and _DTYPE.fullmatch(text) is not None, f"a dtype the judge does not accept ({str(text)[:20]})")
    return np.dtype(text)


_KINDS = {"bool": (bool,), "num": (int, float), "str": (str,), "int": (int,), "list": (list,), "*": (),
          "int?": (int, type(None)), "str?": (str, type(None))}
_SHAPES = {"N": (), "b": ("bool",), "i": ("str",), "f": ("num",), "c": ("num", "num"), "s": ("str",), "y": ("int",),
           "l": ("list",), "t": ("list",), "S": ("list",), "F": ("list",), "d": ("list",),
           "a": ("str", "list", "int"), "ao": ("list", "list"), "n": ("str", "int"),
           "I": ("list", "list"), "R": ("int", "int", "int", "list"), "MI": ("list", "list", "list"),
           "ser": ("list", "list", "list"), "df": ("list", "list", "list"), "fig": ("str", "list"), "ref": ("int",),
           "NA": (), "NaT": (), "ts": ("str", "str?", "str"), "tdp": ("str", "str"), "td": ("int", "int", "int"),
           "date": ("int", "int", "int"), "tm": ("list", "int?", "int"), "dt": ("list", "int?", "int")}
_TIME_TAGS = ("ts", "tdp", "td", "date", "tm", "dt")
_VALUE_SHAPES = {"str": ("str", "str", "list", "list"), "cat": ("list", "list", "bool"),
                 "dtz": ("str", "str", "list"), "mask": ("str", "list", "list")}
