"""Load the course datasets, checking every file against its schema.

Each CSV in ``datasets/`` has a schema (:mod:`facecourse.data.schemas`: columns, types, allowed
values) and a datasheet beside it (``datasets/<name>.md``).  A file that does not match its schema
raises :class:`DatasetError` naming the file, the row and the column, so that a broken or
hand-edited file never turns into a silently wrong number in a lesson.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd


from .schemas import DATASETS, Column, DatasetError, Schema

__all__ = ["datasets_dir", "load_dataset", "read_csv_checked"]


def datasets_dir() -> Path:
    """The folder holding the course CSVs: ``$FACECOURSE_DATASETS`` or the repository's ``datasets/``."""
    env = os.environ.get("FACECOURSE_DATASETS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "datasets"


def load_dataset(name: str) -> pd.DataFrame:
    """Load a course dataset by name, validated against its schema.

    >>> load_dataset("china_population").columns.tolist()
    ['year', 'population_millions', 'measure', 'source']
    """
    if not isinstance(name, str) or name not in DATASETS:
        raise DatasetError(
            f"unknown dataset {name!r}; the course has: {', '.join(sorted(DATASETS))}"
        )
    return read_csv_checked(datasets_dir() / f"{name}.csv", DATASETS[name])


def read_csv_checked(path: str | Path, schema: Schema) -> pd.DataFrame:
    """Read ``path`` and check it against ``schema``; raise :class:`DatasetError` on any mismatch."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"{path}: file not found (expected the {schema.name!r} dataset here)")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise DatasetError(f"{path}: not a readable CSV file ({exc.__class__.__name__}: {exc})") from None

    expected = [c.name for c in schema.columns]
    if list(raw.columns) != expected:
        missing = [c for c in expected if c not in raw.columns]
        extra = [c for c in raw.columns if c not in expected]
        raise DatasetError(
            f"{path}: columns do not match the {schema.name!r} schema; "
            f"expected {expected}" + (f", missing {missing}" if missing else "")
            + (f", unexpected {extra}" if extra else "")
        )
    if raw.empty:
        raise DatasetError(f"{path}: has a header but no rows")

    out = {}
    for col in schema.columns:
        out[col.name] = _convert_column(path, raw[col.name], col)
    df = pd.DataFrame(out)

    if schema.unique:
        dup = df.duplicated(list(schema.unique), keep=False)
        if dup.any():
            row = int(dup.idxmax()) + 2  # +1 for the header, +1 for 1-based line numbers
            raise DatasetError(f"{path}, line {row}: duplicate row for {list(schema.unique)}")
    return df


def _convert_column(path: Path, values: pd.Series, col: Column) -> pd.Series:
    text = values.str.strip()
    empty = text == ""
    if col.required and empty.any():
        line = int(empty.idxmax()) + 2
        raise DatasetError(f"{path}, line {line}: column {col.name!r} is empty, but a value is required")

    if col.kind == "str":
        if col.allowed:
            bad = ~text.isin(col.allowed) & ~empty
            if bad.any():
                i = int(bad.idxmax())
                raise DatasetError(
                    f"{path}, line {i + 2}: column {col.name!r} has {text[i]!r}; allowed: {list(col.allowed)}"
                )
        return text.where(~empty, None) if not col.required else text

    if col.kind == "date":
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        bad = parsed.isna() & ~empty
        if bad.any():
            i = int(bad.idxmax())
            raise DatasetError(
                f"{path}, line {i + 2}: column {col.name!r} has {text[i]!r}; expected a date as YYYY-MM-DD"
            )
        return parsed

    numbers = pd.to_numeric(text.where(~empty, None), errors="coerce")
    bad = numbers.isna() & ~empty
    if bad.any():
        i = int(bad.idxmax())
        raise DatasetError(f"{path}, line {i + 2}: column {col.name!r} has {text[i]!r}; expected a number")
    if col.kind == "int":
        frac = (numbers % 1 != 0) & ~empty
        if frac.any():
            i = int(frac.idxmax())
            raise DatasetError(f"{path}, line {i + 2}: column {col.name!r} has {text[i]!r}; expected a whole number")
    for limit, op, word in ((col.minimum, numbers.lt, "at least"), (col.maximum, numbers.gt, "at most")):
        if limit is not None:
            bad = op(limit) & ~empty
            if bad.any():
                i = int(bad.idxmax())
                raise DatasetError(
                    f"{path}, line {i + 2}: column {col.name!r} has {text[i]}; it must be {word} {limit}"
                )
    if col.kind == "int":
        return numbers.astype("Int64") if not col.required else numbers.astype("int64")
    return numbers.astype("float64")
