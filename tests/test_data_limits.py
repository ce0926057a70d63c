"""Every range limit in every dataset schema is enforced (property-based, hypothesis).

A value just past a column's minimum or maximum, in any row of the real file, is refused with a
message naming the file, the line and the column -- so a year 2099 or a score of 1.0001 typed
into a CSV never loads silently.
"""

from __future__ import annotations

import csv
import functools
import io
import re

import pytest
from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st

from facecourse.data import DATASETS, DatasetError, read_csv_checked

ROWS_USED = 200  # the first rows of each file: enough to place the bad value anywhere, fast for 20,000-row files

LIMITS = [(name, col, side) for name, schema in sorted(DATASETS.items()) for col in schema.columns
          for side in ("minimum", "maximum") if getattr(col, side) is not None]


@functools.lru_cache(maxsize=None)
def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    with open(REPO / "datasets" / f"{name}.csv", newline="", encoding="utf-8") as f:
        return tuple(tuple(r) for r in list(csv.reader(f))[: ROWS_USED + 1])


def _just_past(col, side, step) -> str:
    limit = getattr(col, side)
    value = limit + step if side == "maximum" else limit - step
    return str(int(value)) if col.kind == "int" else repr(float(value))


def test_the_limits_checked_are_all_there_are():
    assert len(LIMITS) >= 20 and {side for _, _, side in LIMITS} == {"minimum", "maximum"}


@pytest.mark.parametrize("name, col, side", LIMITS, ids=[f"{n}.{c.name}.{s}" for n, c, s in LIMITS])
@given(data=st.data())
def test_a_value_just_past_a_limit_is_refused_naming_file_line_and_column(tmp_path_factory, name, col, side, data):
    rows = [list(r) for r in _rows(name)]
    row = data.draw(st.integers(1, len(rows) - 1), label="row")
    if col.kind == "int":
        step = data.draw(st.integers(1, 1000), label="step")
    else:  # as little as one unit in the files' last decimal (4 places), or much more
        step = data.draw(st.one_of(st.just(1e-4), st.floats(1e-4, 1e4, allow_nan=False)), label="step")
    rows[row][[c.name for c in DATASETS[name].columns].index(col.name)] = _just_past(col, side, step)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = tmp_path_factory.mktemp("limits") / f"{name}.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    word = "at most" if side == "maximum" else "at least"
    with pytest.raises(DatasetError, match=re.escape(f"{path}, line {row + 1}: column {col.name!r} has ")
                       + f".*; it must be {word} {re.escape(str(getattr(col, side)))}$"):
        read_csv_checked(path, DATASETS[name])


@pytest.mark.parametrize("name", sorted({n for n, _, _ in LIMITS}))
def test_the_limits_themselves_are_allowed(tmp_path, name):
    """The boundary value is inside the range: 'at most 2030' accepts 2030."""
    schema = DATASETS[name]
    rows = [list(r) for r in _rows(name)]
    for _, col, side in (x for x in LIMITS if x[0] == name):
        limit = getattr(col, side)
        index = [c.name for c in schema.columns].index(col.name)
        text = str(int(limit)) if col.kind == "int" else str(limit)
        # a unique id already at its limit stays where it is (a second copy would be a duplicate row)
        row = next((i for i, r in enumerate(rows) if i and r[index] == text), 1)
        rows[row][index] = text
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path = tmp_path / f"{name}-{col.name}-{side}.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        df = read_csv_checked(path, schema)
        assert df[col.name].iloc[row - 1] == limit
