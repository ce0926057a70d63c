"""Coding qualitative data reliably (lesson 07): a codebook, an illustrative second coder, Cohen's kappa.

Cohen's kappa compares how often two coders agree with how often they would
agree by chance, given how often each uses each code::

    kappa = (p_observed - p_chance) / (1 - p_chance)

1 means perfect agreement, 0 means no better than chance, below 0 worse than
chance.  With only a handful of items, one changed code moves kappa a lot.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..data import REACTION_COLLECTIONS, REACTION_CONCERNS, REACTION_STANCES, load_dataset

__all__ = ["CODEBOOK", "DIMENSIONS", "ILLUSTRATIVE_CLASSMATE", "agreement_matrix", "cohens_kappa",
           "course_codes", "observed_agreement", "one_change_kappa_range", "reactions"]

DIMENSIONS = {"stance": REACTION_STANCES, "concern": REACTION_CONCERNS}

# The codebook: what each code means.  Coders who share definitions agree more often.
CODEBOOK = {
    "stance": {
        "support": "the speaker welcomes the rule or says they back it",
        "oppose": "the speaker rejects the rule, refuses to comply, or condemns it",
        "mixed": "the speaker accepts or rejects it only on a condition, or says both",
    },
    "concern": {
        "identity theft": "someone else using your identity or number (includes fraud done in your name)",
        "data security": "data leaking, being sold or misused by whoever holds it",
        "privacy": "being known or watched at all; wanting to be left alone",
        "autonomy": "being free to choose, speak and act for oneself",
        "state surveillance": "the state monitoring people, or the system becoming a tool of control",
        "none stated": "the speaker names no concern (do not infer one)",
    },
}

# An ILLUSTRATIVE second coder, invented by the course: a plausible classmate's coding of the
# seven reactions, so that students can see disagreement before their own classmate codes.
ILLUSTRATIVE_CLASSMATE = {
    "stance": ("support", "mixed", "oppose", "oppose", "oppose", "oppose", "oppose"),
    "concern": ("identity theft", "identity theft", "privacy", "data security", "privacy",
                "state surveillance", "state surveillance"),
}


def reactions(collection: str = "guardian-2019"):
    """Reported reactions, paraphrased, with the course's coding.

    ``"guardian-2019"``: the seven the Guardian reported on 2 Dec 2019 (what the coding explorer and the
    illustrative classmate code); ``"chinese-sources"``: voices from Chinese sources that disagree with each other.
    """
    if collection not in REACTION_COLLECTIONS:
        raise ValueError(f"unknown collection {collection!r}; choose one of: {', '.join(REACTION_COLLECTIONS)}")
    r = load_dataset("public_reactions")
    return r[r["collection"] == collection].sort_values("reaction_id").reset_index(drop=True)


def course_codes(dimension: str) -> tuple[str, ...]:
    """The course's codes for ``dimension`` ("stance" or "concern"), in reaction order."""
    _check_dimension(dimension)
    return tuple(reactions()[f"course_{dimension}"])


def _check_dimension(dimension: str) -> None:
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; choose one of: {', '.join(DIMENSIONS)}")


def _indices(codes: Sequence[str], categories: Sequence[str], who: str) -> np.ndarray:
    lookup = {c: i for i, c in enumerate(categories)}
    bad = [c for c in codes if c not in lookup]
    if bad:
        raise ValueError(f"{who} uses codes not in the categories: {sorted(set(map(str, bad)))}; "
                         f"allowed: {', '.join(categories)}")
    return np.fromiter((lookup[c] for c in codes), dtype=int, count=len(codes))


def agreement_matrix(a: Sequence[str], b: Sequence[str], categories: Sequence[str]) -> np.ndarray:
    """Counts: rows are coder A's codes, columns coder B's, both in ``categories`` order."""
    if len(a) != len(b):
        raise ValueError(f"the two coders coded different numbers of items ({len(a)} and {len(b)})")
    if len(categories) < 2 or len(set(categories)) != len(categories):
        raise ValueError("categories must be at least two distinct codes")
    k = len(categories)
    ia, ib = _indices(a, categories, "coder A"), _indices(b, categories, "coder B")
    return np.bincount(ia * k + ib, minlength=k * k).reshape(k, k)


def observed_agreement(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of items the two coders coded the same."""
    if len(a) != len(b) or len(a) == 0:
        raise ValueError("need two codings of the same, non-zero number of items")
    return float(np.mean(np.asarray(a, dtype=object) == np.asarray(b, dtype=object)))


def cohens_kappa(a: Sequence[str], b: Sequence[str], categories: Sequence[str]) -> float:
    """Cohen's kappa for two coders' codes of the same items.

    Returns 1.0 when both coders used one and the same code for every item (chance agreement is then
    total, and kappa is conventionally undefined; the course reports full agreement as 1).

    >>> round(cohens_kappa(["y"] * 25 + ["n"] * 25, ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15, ["y", "n"]), 3)
    0.4
    """
    m = agreement_matrix(a, b, categories)
    n = m.sum()
    if n == 0:
        raise ValueError("no items to compare: code at least one item")
    p_o = np.trace(m) / n
    p_e = float(m.sum(axis=1) @ m.sum(axis=0)) / n ** 2
    if np.isclose(p_e, 1.0):
        return 1.0 if np.isclose(p_o, 1.0) else 0.0
    return float((p_o - p_e) / (1 - p_e))


def one_change_kappa_range(a: Sequence[str], b: Sequence[str], categories: Sequence[str]) -> tuple[float, float]:
    """The lowest and highest kappa reachable by changing exactly one of coder B's codes.

    Shows how unstable kappa is on few items.
    """
    base = list(b)
    values = [cohens_kappa(a, base[:i] + [c] + base[i + 1:], categories)
              for i in range(len(base)) for c in categories if c != base[i]]
    return min(values), max(values)
