"""Numbers in words a reader can take in: rates as '1 in N', counts of people rounded sensibly."""

from __future__ import annotations

import math


def one_in(rate: float) -> str:
    """0.00012 -> '1 in 8,300'; 0 -> 'none'."""
    if rate <= 0:
        return "none"
    if rate >= 1:
        return "every one"
    n = 1 / rate
    return f"1 in {_round_sig(n, 2):,.0f}"


def percent(rate: float) -> str:
    """0.0123 -> '1.23%'; tiny rates keep two significant figures."""
    if rate == 0:
        return "0%"
    if 0.9999 < rate < 1:
        return "more than 99.99%"
    p = rate * 100
    if p >= 1:
        return f"{p:.2f}".rstrip("0").rstrip(".") + "%"
    decimals = 1 - math.floor(math.log10(p))
    return f"{_round_sig(p, 2):.{decimals}f}".rstrip("0").rstrip(".") + "%"


def people(count: float) -> str:
    """Round an expected count of people for prose: 1234567 -> 'about 1.2 million'."""
    if count < 0:
        raise ValueError(f"a count of people cannot be negative; got {count}")
    if count == 0:
        return "0"
    if count < 1:
        return f"{count:.2g} (fewer than one)"
    if count < 1_000:
        return f"about {count:,.0f}"
    if count < 1_000_000:
        return f"about {_round_sig(count, 2):,.0f}"
    if count < 1_000_000_000:
        return f"about {_round_sig(count, 2) / 1e6:g} million"
    return f"about {_round_sig(count, 2) / 1e9:g} billion"


def _round_sig(x: float, sig: int) -> float:
    if x == 0:
        return 0.0
    return round(x, sig - 1 - math.floor(math.log10(abs(x))))


def number(x: float) -> str:
    """A plain quantity: 1400.05 -> '1,400'; 0.0123 -> '0.012'."""
    return f"{x:,.0f}" if abs(x) >= 10 else f"{x:.2g}"
