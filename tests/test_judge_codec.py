"""The codec between the student's process and the judge: exact round trips, clear refusals, and
nothing but data accepted when decoding (every malformed tree or message is a MalformedValue)."""

import copy
import datetime as dt
import json
import math
import struct

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest

from facecourse.grading import codec
from facecourse.grading.channel import pack, unpack
from facecourse.grading.codec import MalformedValue, UnacceptedValue, decode, encode


def through(value, **kwargs):
    """encode -> pack -> bytes -> unpack -> decode, as between two processes."""
    tree, buffers = encode(value, **kwargs)
    header, received = unpack(pack({"v": tree}, buffers))
    return decode(header["v"], received)


def same(a, b) -> bool:
    """Equal, of exactly the same type all the way down (dtype, index and names included)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and (
            all(same(x, y) for x, y in zip(a.ravel().tolist(), b.ravel().tolist())) if a.dtype == object
            else bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fcmM")))
    if isinstance(a, np.generic):
        return a.dtype == b.dtype and (bool(np.isnan(a) and np.isnan(b)) if a.dtype.kind in "fc" and np.isnan(a) else a == b)
    if isinstance(a, (pd.Series, pd.DataFrame)):
        return a.equals(b) and a.index.equals(b.index) and list(a.index.names) == list(b.index.names) and (
            list(a.dtypes) == list(b.dtypes) and list(a.columns) == list(b.columns) if isinstance(a, pd.DataFrame)
            else a.dtype == b.dtype and a.name == b.name)
    if isinstance(a, pd.Index):
        return a.equals(b) and a.dtype == b.dtype and list(a.names) == list(b.names)
    if isinstance(a, (dt.datetime, dt.time)):
        return a == b and a.tzinfo == b.tzinfo and a.fold == b.fold
    if isinstance(a, go.Figure):
        return json.loads(a.to_json()) == json.loads(b.to_json()) and all(
            type(x) is type(y) and getattr(x, "dtype", None) == getattr(y, "dtype", None)
            for t, u in zip(a.data, b.data) for x, y in ((t.x, u.x), (t.y, u.y)))
    return a == b


PLAIN = [None, True, False, 0, 1, -1, 2**64 + 1, -(10**200), 0.0, -0.0, 1.5, -2.25e-300, math.inf, -math.inf,
         math.nan, 1 + 2j, complex(-0.0, math.inf), "", "a", "tab\tnew\nline", "中文 ü", "lone \ud800 surrogate",
         b"", b"\x00\xff\x00", [], [1, "a", None], (), (1,), (1, (2, (3,))), {}, {"a": 1, 2: "b", (1, "x"): [3]},
         {"nested": {"deeper": {"deepest": [1.5]}}}, set(), {1, "a", (2, 3)}, frozenset(), frozenset({1.5, "b"}),
         [[], [[]], {}], {1: {2}, frozenset({3}): (4,)}]


@pytest.mark.parametrize("value", PLAIN, ids=repr)
def test_python_values_cross_unchanged_and_keep_their_exact_type(value):
    assert same(through(value), value)


def test_bool_is_not_int_and_int_is_not_float_after_the_trip():
    out = through([True, 1, 1.0, np.True_, np.int64(1), np.float64(1)])
    assert [type(x) for x in out] == [bool, int, float, np.bool_, np.int64, np.float64]


NUMPY = [np.float64(0.1), np.float32(1.5), np.float16(2), np.int8(-3), np.int16(300), np.int32(-7), np.int64(2**62),
         np.uint8(255), np.uint16(1), np.uint32(2**31), np.uint64(2**63), np.bool_(False), np.complex64(1 + 2j),
         np.complex128(-1j), np.float64(np.nan), np.str_("abc"), np.str_(""), np.bytes_(b"xy"),
         np.datetime64("2019-12-01", "D"), np.datetime64("2019-12-01T08:00:00.123456", "us"), np.timedelta64(5, "s"),
         np.arange(6, dtype=np.int64).reshape(2, 3), np.array([[1.5, np.nan], [np.inf, -0.0]]),
         np.array([True, False]), np.array(["ab", "c"]), np.array([b"x", b"yz"]), np.array(3.0), np.zeros((0, 4)),
         np.array([1, 2], dtype=">i4"), np.array([1 + 1j], dtype=np.complex64), np.array([], dtype="U0"),
         np.array(["2020-01-01", "NaT"], dtype="M8[us]"), np.array([1, 2], dtype="m8[ms]"),
         np.arange(12.0).reshape(3, 4)[:, ::2], np.asfortranarray(np.arange(6).reshape(2, 3)),
         np.array([1, "a", None, [2]], dtype=object), np.array([[None, 1.5]], dtype=object)]


@pytest.mark.parametrize("value", NUMPY, ids=lambda v: f"{type(v).__name__}-{getattr(v, 'dtype', '')}")
def test_numpy_scalars_and_arrays_keep_dtype_shape_and_values(value):
    out = through(value)
    assert same(out, value)
    if isinstance(value, np.ndarray):
        out[...] = out  # a copy the test may change, not a read-only view of the message
        assert out.flags.writeable


def frames():
    idx = pd.Index(["x", "y", "z"], name="group")
    return [
        pd.Series([0.1, 0.2, 0.3], index=idx, name="fmr"),
        pd.Series(["a", None, "c"]), pd.Series(["a", "b"], dtype=pd.StringDtype("python", na_value=pd.NA)),
        pd.Series([1, 2, 3], index=pd.RangeIndex(10, 16, 2)), pd.Series([], dtype=float),
        pd.Series([1, None], dtype="Int64"), pd.Series([1.5, None], dtype="Float64"),
        pd.Series([True, None], dtype="boolean"), pd.Series(pd.Categorical(["u", "v", "u"], ordered=True)),
        pd.Series(pd.to_datetime(["2019-12-01", "2020-01-01"]).tz_localize("Asia/Shanghai")),
        pd.Series(np.array(["2019-12-01"], dtype="M8[us]")), pd.Series(pd.to_timedelta([1, 2], unit="h")),
        pd.Series([1, "a", None], dtype=object), pd.Series(["a", "b"], dtype=object), pd.Series({("a", 1): 1.0, ("b", 2): 2.0}),
        pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "c": [0.5, np.nan], "d": [True, False]}),
        pd.DataFrame({"fmr": [0.1], "fnmr": [0.2]}, index=pd.Index(["A"], name="group")),
        pd.DataFrame([[1, 2]], columns=["same", "same"]), pd.DataFrame(index=[1, 2]), pd.DataFrame(),
        pd.DataFrame({"when": pd.date_range("2019-12-01", periods=2, tz="UTC"), "n": pd.array([1, None], dtype="Int64")}),
        pd.DataFrame({"v": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["k", "n"])),
        pd.DataFrame({("top", "a"): [1], ("top", "b"): [2]}),
        idx, pd.RangeIndex(3), pd.RangeIndex(5, -5, -3, name="r"), pd.Index([1, 2], dtype="int32"),
        pd.Index([1, "a"], dtype=object), pd.DatetimeIndex(["2019-12-01"], name="day"), pd.CategoricalIndex(["a", "b", "a"]),
        pd.TimedeltaIndex(["1h"]), pd.MultiIndex.from_product([["a", "b"], [1, 2]], names=["l", None]),
    ]


@pytest.mark.parametrize("value", frames(), ids=lambda v: type(v).__name__)
def test_pandas_values_keep_type_dtypes_index_and_names(value):
    assert same(through(value), value)


TIMES = [dt.date(2019, 12, 1), dt.datetime(2019, 12, 1, 8, 30, 1, 5), dt.time(23, 59, 59, 999999),
         dt.datetime(2019, 12, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=8))),
         dt.datetime(2019, 11, 3, 1, 30, fold=1), dt.time(1, 2, tzinfo=dt.timezone.utc), dt.time(1, 30, fold=1),
         dt.timedelta(days=-1, seconds=5, microseconds=7), pd.Timestamp("2019-12-01 08:00:00.123456789"),
         pd.Timestamp("2019-12-01", tz="Asia/Shanghai"), pd.Timestamp("2019-12-01").as_unit("s"),
         pd.Timedelta("1h 2min"), pd.Timedelta(7, unit="ns")]


@pytest.mark.parametrize("value", TIMES, ids=repr)
def test_dates_and_times_keep_their_type_zone_and_precision(value):
    out = through(value)
    assert same(out, value) and getattr(out, "unit", None) == getattr(value, "unit", None)


def test_missing_values_stay_what_they_were():
    out = through([pd.NA, pd.NaT, None, math.nan, np.float64("nan")])
    assert out[0] is pd.NA and out[1] is pd.NaT and out[2] is None
    assert type(out[3]) is float and math.isnan(out[3]) and type(out[4]) is np.float64


def test_plotly_figures_keep_their_traces_layout_and_array_dtypes():
    fig = go.Figure(go.Scatter(x=["a", "b"], y=np.array([0.25, 0.5]), name="shares"))
    fig.update_layout(title="People unique", yaxis_title="share", yaxis_range=[0, 1])
    fig.add_bar(x=["a", "b"], y=np.array([1, 2], dtype=np.int64))
    out = through(fig)
    assert same(out, fig)
    assert out.data[0].y.dtype == np.float64 and out.data[1].y.dtype == np.int64  # not base64 shrunk to int8
    assert out.layout.title.text == "People unique" and tuple(out.layout.yaxis.range) == (0, 1)
    express = px.bar(x=["a", "b"], y=[1.5, 2.5], title="t")
    assert same(through(express), express)
    frames = go.Figure(data=[go.Scatter(y=[1])], frames=[go.Frame(data=[go.Scatter(y=[2])], name="f")])
    assert through(frames).frames[0].name == "f"


class FakeFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class ClaimsToBeFloat:
    __class__ = property(lambda self: float)


class MyDict(dict):
    pass


class MyFloat64(np.float64):
    pass


class MyArray(np.ndarray):
    pass


class MySeries(pd.Series):
    pass


@pytest.mark.parametrize("value, words", [
    (FakeFloat(0.5), "FakeFloat, made from float: give a plain float"),
    (ClaimsToBeFloat(), "ClaimsToBeFloat"),
    (MyDict(a=1), "MyDict, made from dict"),
    (MyFloat64(0.5), "MyFloat64, made from float"),
    (np.zeros(2, dtype="V4"), "void"),
    (np.arange(3).view(MyArray), "MyArray, made from ndarray"),
    (MySeries([1]), "MySeries, made from Series"),
    (True.__class__.__mro__, "a type"),
    (lambda x: x, "function or class"),
    (len, "function or class"),
    (object(), "object"),
    ([1, [2, {"k": object()}]], "object"),
    (np.array([object()], dtype=object), "object"),
    (np.zeros(2, dtype=[("a", "i4")]), "structured"),
    (pd.Series(pd.period_range("2019-12", periods=2, freq="M")), "period"),
    (pd.Series(pd.arrays.SparseArray([0, 1])), "Sparse"),
    (pd.Interval(0, 1), "Interval"),
    (dt.datetime(2019, 12, 1, tzinfo=__import__("zoneinfo").ZoneInfo("Asia/Shanghai")), "time zone"),
    (10 ** 5000, "more than 4300 digits"),
], ids=lambda v: type(v).__name__ if not isinstance(v, str) else v[:20])
def test_values_of_other_kinds_are_refused_with_a_message_saying_what_they_are(value, words):
    with pytest.raises(UnacceptedValue, match=None) as err:
        encode(value)
    assert words in str(err.value)
    assert "None, bool, int" in str(err.value) or "dtype" in str(err.value) or "zone" in str(err.value) \
        or "digits" in str(err.value)


def test_refusal_is_a_typeerror_and_malformed_is_a_valueerror():
    assert issubclass(UnacceptedValue, TypeError) and issubclass(MalformedValue, ValueError)


def nested(levels: int) -> list:
    value = []
    for _ in range(levels):
        value = [value]
    return value


def test_a_value_that_contains_itself_or_nests_more_than_100_deep_is_refused():
    loop = []
    loop.append(loop)
    with pytest.raises(UnacceptedValue, match="contains itself"):
        encode(loop)
    with pytest.raises(UnacceptedValue, match="more than 100 deep"):
        encode(nested(101))
    assert same(through(nested(100)), nested(100))


def test_a_tree_nested_more_than_100_deep_is_malformed():
    assert decode(encode(nested(100))[0], []) == nested(100)
    tree = ["l", []]
    for _ in range(101):
        tree = ["l", [tree]]
    with pytest.raises(MalformedValue, match="too deep"):
        decode(tree, [])


def test_values_over_the_size_limit_are_refused_before_they_are_sent():
    # Each value counts 16 bytes, plus its text or data: a bytes value of limit - 16 bytes is the largest.
    assert through(b"x" * 984, limit=1000) == b"x" * 984
    with pytest.raises(UnacceptedValue, match="larger than the judge accepts"):
        encode(b"x" * 985, limit=1000)
    with pytest.raises(UnacceptedValue, match="larger"):
        encode("x" * 9000, limit=8000)
    with pytest.raises(UnacceptedValue, match="larger"):
        encode([0] * 600, limit=8000)  # many small values add up
    assert through(np.zeros(900), limit=8000).shape == (900,)
    assert codec.LIMIT_BYTES == 64 * 2**20


def test_a_reference_goes_out_and_comes_back_only_through_the_callers_own_functions():
    marker = object()
    tree, buffers = encode([1, marker], reference=lambda v: 7 if v is marker else None)
    assert tree[1][1] == ["ref", 7]
    assert decode(tree, buffers, reference=lambda h: ("resolved", h)) == [1, ("resolved", 7)]
    with pytest.raises(MalformedValue, match="did not ask"):
        decode(tree, buffers)
    with pytest.raises(UnacceptedValue):
        encode([marker], reference=lambda v: "7")  # a handle is an int, nothing else


# -- decoding what encode never made --------------------------------------------------------------

MALFORMED = [
    [], "s", 1, None, ["nope"], ["i"], ["i", 5], ["i", "1.5"], ["i", " 7"], ["i", "0x10"], ["i", "1_000"],
    ["b", 1], ["b", "true"], ["f", "1.0"], ["f", True], ["s", 1], ["s", "a", "b"], ["y", 5], ["y", -1], ["y", "0"],
    ["l", "abc"], ["l", [["nope"]]], ["d", [[["s", "k"]]]], ["d", [["s", "k"]]], ["d", [[["l", []], ["N"]]]],
    ["S", [["l", []]]], ["n", "<f8", 1], ["n", "O", 0], ["n", "<f4", 0],
    ["a", "O", [1], 0], ["a", "<f8", [2], 0], ["a", "<f8", [-1], 0], ["a", "<f8", [1.0], 0], ["a", "V8", [1], 0],
    ["a", "[('a', '<i4')]", [1], 0], ["a", "f8,i4", [1], 0], ["a", "<f8", [1], 9], ["a", "<M8[xx]", [1], 0],
    ["ao", [2], [["N"]]], ["ao", [1], "x"], ["fig", "Scatter", ["d", []]], ["fig", "Figure", ["l", []]],
    ["ser", ["a", "<f8", [1], 0], ["R", 0, 2, 1, ["N"]], ["N"]], ["ser", ["nope"], ["R", 0, 1, 1, ["N"]], ["N"]],
    ["df", ["I", ["a", "<f8", [1], 0], ["N"]], [], ["R", 0, 0, 1, ["N"]]], ["R", 0, 1, 0, ["N"]], ["R", 0, 1.5, 1, ["N"]],
    ["I", ["str", "python", "nan", 9, 9, 9], ["N"]], ["I", ["str", "rust", "nan", 0, 0, 0], ["N"]],
    ["I", ["cat", ["I", ["a", "|S1", [1], 0], ["N"]], ["a", "<f8", [1], 0], False], ["N"]],
    ["I", ["mask", "Int128", ["a", "<f8", [1], 0], ["a", "|b1", [1], 0]], ["N"]],
    ["I", ["dtz", "h", "UTC", ["a", "<i8", [1], 0]], ["N"]], ["I", ["a", "<f8", [1, 1], 0], ["N"]],
    ["MI", [], [], []], ["ts", "not a time", None, "ns"], ["ts", "2019-12-01", "../../etc/passwd", "ns"],
    ["ts", "2019-12-01", "dateutil//etc/passwd", "ns"], ["ts", "2019-12-01", "/etc/localtime", "ns"],
    ["I", ["dtz", "ns", "dateutil//etc/passwd", ["a", "<i8", [1], 0]], ["N"]], ["tdp", "1.5", "ns"], ["date", 2019, 13, 1],
    ["dt", [2019, 12, 1], None, 0], ["tm", [25, 0, 0, 0], None, 0], ["td", 1, 2, "3"], ["ref", "x"],
]


@pytest.mark.parametrize("tree", MALFORMED, ids=lambda t: json.dumps(t)[:60])
def test_anything_encode_did_not_make_is_malformed_never_a_crash_or_another_value(tree):
    with pytest.raises(MalformedValue):
        decode(tree, [b"\x00" * 8])


def test_a_json_number_read_as_a_float_is_a_float():
    assert type(decode(["f", 1], [])) is float and decode(["f", 1], []) == 1.0


def test_an_array_or_scalar_given_more_data_than_its_shape_is_malformed():
    with pytest.raises(MalformedValue):
        decode(["a", "<i4", [1], 0], [b"\x00" * 8])
    with pytest.raises(MalformedValue):
        decode(["n", "<i4", 0], [b"\x00" * 8])


def test_a_forged_multi_index_or_nullable_column_is_malformed():
    tree, buffers = encode(pd.MultiIndex.from_tuples([("a", 1), ("b", 2)]))
    buffers[tree[2][0][3]] = np.array([0, 5], dtype=np.int8).tobytes()  # a code past the end of its level
    with pytest.raises(MalformedValue):
        decode(tree, buffers)
    tree, buffers = encode(pd.Series([1, None], dtype="Int64"))
    data = tree[1][2]
    tree[1][2] = ["a", "<i4", [2], data[3]]
    buffers[data[3]] = np.array([1, 0], dtype=np.int32).tobytes()  # int32 data claiming to be Int64
    with pytest.raises(MalformedValue, match="wrong dtype"):
        decode(tree, buffers)
    tree, buffers = encode(pd.Series(["a", "b"]))
    tree[1][2] = "missing"
    with pytest.raises(MalformedValue, match="missing value"):
        decode(tree, buffers)


def test_a_bad_category_code_or_nullable_mask_is_malformed():
    cats = encode(pd.Series(pd.Categorical(["a", "b"])))[0]
    cats[1][2][3] = 0  # the codes' buffer, pointed at the categories' data
    with pytest.raises(MalformedValue):
        decode(cats, [b"a", b"\x05"])
    tree, buffers = encode(pd.Series([1, None], dtype="Int64"))
    buffers[-1] = b"\x00"  # a mask shorter than the data
    with pytest.raises(MalformedValue):
        decode(tree, buffers)


def test_a_str_column_that_is_not_all_text_or_does_not_fit_its_mask_is_malformed():
    tree, buffers = encode(pd.Series(["ab", "c", None]))
    assert tree[1][3][0] == "a" and tree[1][3][1] == "<U2"  # fixed width: fast both ways
    short, forged = copy.deepcopy(tree), list(buffers)
    short[1][4][2] = [2]  # a mask of two for three values
    forged[short[1][4][3]] = b"\x00\x00"
    with pytest.raises(MalformedValue):
        decode(short, forged)
    numbers = ["ser", ["str", "python", "nan", ["ao", [1], [["i", "5"]]], ["a", "|b1", [1], 0]], ["R", 0, 1, 1, ["N"]], ["N"]]
    with pytest.raises(MalformedValue, match="str column"):
        decode(numbers, [b"\x00"])  # a number is not text, though pandas would make it "5"
    floats = ["ser", ["str", "python", "nan", ["a", "<f8", [1], 0], ["a", "|b1", [1], 1]], ["R", 0, 1, 1, ["N"]], ["N"]]
    with pytest.raises(MalformedValue, match="str column"):
        decode(floats, [b"\x00" * 8, b"\x00"])


def test_text_that_fixed_width_would_change_or_bloat_travels_as_objects_and_comes_back_exact():
    for series in (pd.Series(["ends in NUL\x00", "b"]), pd.Series(["x" * 100_000] + ["y"] * 1000)):
        tree, buffers = encode(series)
        assert tree[1][3][0] == "ao"
        assert same(decode(tree, buffers), series)


# -- messages -------------------------------------------------------------------------------------

def test_a_message_carries_its_header_and_buffers_exactly():
    header, buffers = {"op": "call", "n": [1, 2.5, None]}, [b"", b"abc", bytes(range(256))]
    assert unpack(pack(header, buffers)) == (header, buffers)
    assert unpack(pack({})) == ({}, [])


@pytest.mark.parametrize("message", [
    b"", b"\x01\x00\x00\x00\x00\x00\x00\x00", struct.pack("<Q", 99) + b"{}",
    struct.pack("<Q", 2) + b"{}", struct.pack("<Q", 5) + b"nope!",
    struct.pack("<Q", 11) + b'{"h":{},"n":[]}'[:11],
    pack({"a": 1}, [b"xy"])[:-1], pack({"a": 1}, [b"xy"]) + b"z",
    (lambda h: struct.pack("<Q", len(h)) + h)(b'{"h":[],"n":[]}'),
    (lambda h: struct.pack("<Q", len(h)) + h + b"x")(b'{"h":{},"n":[-1, 2]}'),
    (lambda h: struct.pack("<Q", len(h)) + h)(b'{"h":{},"n":[],"x":1}'),
    (lambda h: struct.pack("<Q", len(h)) + h)(b'{"h":{},"n":["1"]}'),
    (lambda h: struct.pack("<Q", len(h)) + h)(b"[" * 100000),
])
def test_a_broken_message_is_malformed(message):
    with pytest.raises(MalformedValue):
        unpack(message)


def test_decoding_reads_only_what_it_is_given():
    """A tree that names a buffer past the end, or claims more data than a buffer holds, is malformed."""
    tree, buffers = encode(np.arange(4))
    with pytest.raises(MalformedValue):
        decode(tree, [])
    with pytest.raises(MalformedValue):
        decode(tree, [buffers[0][:-1]])
