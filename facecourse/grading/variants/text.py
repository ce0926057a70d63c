"""How a variant writes its numbers: in words for the questions, as Python for the code cells."""

from __future__ import annotations


def one_in(rate: float) -> str:
    """0.001 -> '1 in 1,000'."""
    return f"1 in {round(1 / rate):,}"


def pct(x: float, digits: int = 1) -> str:
    return f"{100 * x:.{digits}f}%"


def people(n: float) -> str:
    """A count of people in words a regulator reads: '4.8 million', '10', '0.4'."""
    if n >= 1e6:
        return f"{n / 1e6:.1f}".removesuffix(".0") + " million"
    if n >= 10:
        return f"{n:,.0f}"
    return f"{n:.1f}"


def code(value) -> str:
    """A value as Python source; sets sorted, so that the same value always reads the same."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(repr(v) for v in sorted(value)) + "}"
    return repr(value)


def parameters_block(title: str, rows: list[tuple[str, object, str]]) -> str:
    """A parameters cell: ``NAME = value`` lines with their comments lined up."""
    lines = [f"# {title}"]
    for name, value, comment in rows:
        text = f"{value:_}" if isinstance(value, int) and value >= 10_000 and name != "DATA_SEED" else code(value)
        lines.append(f"{name + ' = ' + text:<40}  # {comment}")
    return "\n".join(lines)


PARAMETERS_TITLE = "This term's numbers (written by `make variant`; the questions refer to them by name)"
