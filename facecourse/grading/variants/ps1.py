"""ps1 (error rates at national scale): this term's score model, threshold, target and assumptions."""

from __future__ import annotations

import math

from ...data import synthetic
from ...models import verification
from .text import PARAMETERS_TITLE, one_in, parameters_block, pct, people

DEFAULT = {"DATA_SEED": synthetic.MATCH_SCORES_SEED, "GENUINE_LOGIT": (2.0, 0.6), "IMPOSTOR_LOGIT": (-1.0, 0.6),
           "FIXED_THRESHOLD": 0.6, "TARGET_FMR": 0.001, "ASSUMED_REGISTRATIONS_PER_YEAR": 100_000_000,
           "ASSUMED_IMPOSTOR_SHARE": 0.0001, "STATEMENT_ORDER": (2, 5, 0, 3, 1, 4)}
# Question 7's statements, in a fixed logical order; each term shows them under its own letters.
STATEMENTS = (
    (True, "Raising the threshold above threshold_target would turn away as many genuine customers or more, "
           "and accept no more impostors."),
    (False, "A target of {target} means that about {target} of the people at the counter are impostors."),
    (True, "If the assumed impostor share doubled, impostors_accepted_per_year would double, while "
           "refused_per_year would hardly change."),
    (False, "Refused customers can simply try again, so the refusals counted in question 5 cost almost nothing."),
    (True, "The counts in question 5 rest on assumptions: with a different yearly number of registrations "
           "they would be different."),
    (False, "The rates you computed describe the systems used in Chinese phone shops."),
)


def draw(rng) -> dict:
    return {"DATA_SEED": int(rng.integers(10_000_000, 99_999_999)),
            "GENUINE_LOGIT": (round(float(rng.uniform(1.7, 2.3)), 2), round(float(rng.uniform(0.5, 0.7)), 2)),
            "IMPOSTOR_LOGIT": (round(float(rng.uniform(-1.3, -0.7)), 2), round(float(rng.uniform(0.5, 0.7)), 2)),
            "FIXED_THRESHOLD": float(rng.choice([0.55, 0.58, 0.62, 0.65])),
            "TARGET_FMR": float(rng.choice([0.002, 0.0005])),
            "ASSUMED_REGISTRATIONS_PER_YEAR": int(rng.choice([60, 80, 120, 150])) * 1_000_000,
            "ASSUMED_IMPOSTOR_SHARE": float(rng.choice([0.0002, 0.00005])),
            "STATEMENT_ORDER": tuple(int(i) for i in rng.permutation(6))}


def cells(p: dict) -> dict[str, str]:
    statements = [f"    {'ABCDEF'[pos]!r}: {STATEMENTS[i][1].format(target=one_in(p['TARGET_FMR']))!r},"
                  for pos, i in enumerate(p["STATEMENT_ORDER"])]
    return {
        "ps1-parameters": parameters_block(PARAMETERS_TITLE, [
            ("DATA_SEED", p["DATA_SEED"], "the synthetic scores below are drawn with this seed"),
            ("GENUINE_LOGIT", p["GENUINE_LOGIT"], "SYNTHETIC model: mean and sd of the logit of genuine scores"),
            ("IMPOSTOR_LOGIT", p["IMPOSTOR_LOGIT"], "SYNTHETIC model: mean and sd of the logit of impostor scores"),
            ("FIXED_THRESHOLD", p["FIXED_THRESHOLD"], "question 4"),
            ("TARGET_FMR", p["TARGET_FMR"], f"questions 3-8: {one_in(p['TARGET_FMR'])}"),
            ("ASSUMED_REGISTRATIONS_PER_YEAR", p["ASSUMED_REGISTRATIONS_PER_YEAR"], "question 5: an assumption, not data"),
            ("ASSUMED_IMPOSTOR_SHARE", p["ASSUMED_IMPOSTOR_SHARE"],
             f"question 5: an assumption ({one_in(p['ASSUMED_IMPOSTOR_SHARE'])} attempts uses someone else's ID)")]),
        "q7-statements": ("STATEMENTS = {\n" + "\n".join(statements) + "\n}\n"
                          "for letter, statement in STATEMENTS.items():\n    print(f\"{letter}. {statement}\")"),
    }


def _scores(p: dict):
    scores = synthetic.match_scores(p["GENUINE_LOGIT"], p["IMPOSTOR_LOGIT"], seed=p["DATA_SEED"])
    return (scores.loc[scores["comparison"] == "genuine", "score"].to_numpy(),
            scores.loc[scores["comparison"] == "impostor", "score"].to_numpy())


def ok(p: dict) -> bool:
    """A term's system must be like the default's: a few in 100 genuine customers refused at the target."""
    gen, imp = _scores(p)
    return 0.02 <= verification.false_non_match_rate(gen, verification.threshold_for_fmr(imp, p["TARGET_FMR"])) <= 0.09


def values(p: dict) -> dict:
    gen, imp = _scores(p)
    t = verification.threshold_for_fmr(imp, p["TARGET_FMR"])
    fnmr = verification.false_non_match_rate(gen, t)
    regs, share = p["ASSUMED_REGISTRATIONS_PER_YEAR"], p["ASSUMED_IMPOSTOR_SHARE"]
    attempts = regs * share
    refused, accepted = (regs - attempts) * fnmr, attempts * verification.false_match_rate(imp, t)
    letters = {i: "ABCDEF"[pos] for pos, i in enumerate(p["STATEMENT_ORDER"])}
    pairs = [(letters[2 * k], letters[2 * k + 1]) for k in range(3)]  # (supported, not supported) per tests cell
    return {
        "fixed_threshold": f"{p['FIXED_THRESHOLD']:.2f}", "target": one_in(p["TARGET_FMR"]),
        "target_share": f"{p['TARGET_FMR']:g}", "allowed": f"{math.floor(p['TARGET_FMR'] * len(imp) + 1e-9):,}",
        "registrations": people(regs), "impostor_share": one_in(share),
        "threshold": f"{t:.4f}", "fnmr_target": pct(fnmr), "fnmr_target_per_100": f"{100 * fnmr:.0f}",
        "refused": people(refused), "impostor_attempts": f"{attempts:,.0f}", "accepted": people(accepted),
        "q7_supported": frozenset(a for a, _ in pairs), "q7_pairs": tuple(pairs),
    }
