"""ps2 (auditing for demographic differentials): this term's groups, threshold and targets."""

from __future__ import annotations

import math

import numpy as np

from ...data import synthetic
from ...models import verification
from .text import PARAMETERS_TITLE, one_in, parameters_block, pct

DEFAULT = {"DATA_SEED": synthetic.GROUP_SCORES_SEED, "GROUP_MODELS": synthetic.GROUP_SCORE_MODELS,
           "GLOBAL_THRESHOLD": 0.72, "TARGET_FMR": 0.001, "TARGET_FNMR": 0.03, "CLAIM_ORDER": (4, 1, 0, 5, 2, 3)}
# Question 4(b): claims about the Gender Shades table, in pairs (supported, not supported).
CLAIMS = (
    (True, "On the Pilot Parliaments Benchmark, IBM's service gave darker-skinned women the wrong gender label "
           "about a third of the time."),
    (False, "A phone-shop face check built on one of these services would wrongly refuse about a third of "
            "darker-skinned women."),
    (True, "For each service, an overall error rate would have hidden a gap of 20 to 34 percentage points between "
           "darker-skinned women and lighter-skinned men."),
    (False, "Face++ (Megvii's service) was least accurate for darker-skinned men."),
    (True, "Services that were not in the first audit still had large gaps in the follow-up audit "
           "(Actionable Auditing, 2019)."),
    (False, "The gaps in the table are differences in false match rates between groups."),
)


def draw(rng) -> dict:
    u = lambda lo, hi: round(float(rng.uniform(lo, hi)), 2)  # noqa: E731
    gen, imp = (u(1.9, 2.1), u(0.55, 0.65)), (u(-1.1, -0.9), u(0.55, 0.65))
    roles = {"baseline": {"genuine": gen, "impostor": imp},
             "impostors score high": {"genuine": gen, "impostor": (round(imp[0] + u(0.3, 0.5), 2), imp[1])},
             "genuine pairs score low": {"genuine": (round(gen[0] - u(0.15, 0.3), 2), round(gen[1] + u(0.04, 0.08), 2)),
                                         "impostor": (round(imp[0] + u(0.05, 0.15), 2), imp[1])}}
    return {"DATA_SEED": int(rng.integers(10_000_000, 99_999_999)),
            "GROUP_MODELS": dict(zip("ABC", (roles[r] for r in rng.permutation(list(roles))))),
            "GLOBAL_THRESHOLD": float(rng.choice([0.68, 0.70, 0.74, 0.76])),
            "TARGET_FMR": float(rng.choice([0.002, 0.0005])), "TARGET_FNMR": float(rng.choice([0.02, 0.04, 0.05])),
            "CLAIM_ORDER": tuple(int(i) for i in rng.permutation(6))}


def _audit(p: dict) -> dict[str, dict[str, tuple[float, float]]]:
    """(FMR, FNMR) per group under each criterion of question 6."""
    scores = synthetic.group_scores(p["GROUP_MODELS"], seed=p["DATA_SEED"])
    out = {"global": {}, "equal FMR": {}, "equal FNMR": {}}
    for g, sub in scores.groupby("group"):
        imp = sub.loc[sub["comparison"] == "impostor", "score"].to_numpy()
        gen = np.sort(sub.loc[sub["comparison"] == "genuine", "score"].to_numpy())
        t_fnmr = float(gen[int(math.floor(p["TARGET_FNMR"] * len(gen) + 1e-9))])
        for criterion, t in (("global", p["GLOBAL_THRESHOLD"]), ("equal FNMR", t_fnmr),
                             ("equal FMR", verification.threshold_for_fmr(imp, p["TARGET_FMR"]))):
            out[criterion][g] = (verification.false_match_rate(imp, t), verification.false_non_match_rate(gen, t))
    return out


def _flat(audit: dict) -> list[float]:
    return [r for criterion in audit.values() for pair in criterion.values() for r in pair]


def _ranked(rates: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(rates.items(), key=lambda kv: -kv[1])


def ok(p: dict) -> bool:
    """Who pays under each criterion must be clear (the worst group well ahead of the next), and no rate
    may be the default's by chance (small counts of errors can coincide)."""
    audit = _audit(p)
    if p is not DEFAULT and any(a == b for a, b in zip(_flat(audit), _flat(_audit(DEFAULT)))):
        return False
    leads = [_ranked({g: r[i] for g, r in audit[c].items()}) for c, i in
             (("global", 0), ("global", 1), ("equal FMR", 1), ("equal FNMR", 0))]
    fnmrs = [r[1] for c in audit.values() for r in c.values()]
    return (leads[0][0][0] != leads[1][0][0] and all(r[0][1] >= 1.25 * r[1][1] for r in leads)
            and 0.01 <= min(fnmrs) and max(fnmrs) <= 0.12 and leads[0][0][1] <= 0.02
            and min(leads[0][-1][1], leads[3][-1][1]) > 0)  # the model answer's ratios need a best rate above 0


def cells(p: dict) -> dict[str, str]:
    models = "\n".join(f"    {g!r}: {m!r}," for g, m in p["GROUP_MODELS"].items())
    claims = [f"    {'ABCDEF'[pos]!r}: {CLAIMS[i][1]!r}," for pos, i in enumerate(p["CLAIM_ORDER"])]
    return {
        "ps2-parameters": parameters_block(PARAMETERS_TITLE, [
            ("DATA_SEED", p["DATA_SEED"], "the synthetic scores below are drawn with this seed"),
            ("GLOBAL_THRESHOLD", p["GLOBAL_THRESHOLD"], "question 2"),
            ("TARGET_FMR", p["TARGET_FMR"], f"question 3: {one_in(p['TARGET_FMR'])}"),
            ("TARGET_FNMR", p["TARGET_FNMR"], f"question 5's equal-FNMR table: {pct(p['TARGET_FNMR'], 0)}")])
        + "\nGROUP_MODELS = {  # SYNTHETIC model: per group, mean and sd of the logit of genuine and impostor scores\n"
        + models + "\n}",
        "q4b-claims": ("CLAIMS = {\n" + "\n".join(claims) + "\n}\n"
                       "for letter, claim in CLAIMS.items():\n    print(f\"{letter}. {claim}\")"),
    }


def values(p: dict) -> dict:
    audit = _audit(p)
    letters = {i: "ABCDEF"[pos] for pos, i in enumerate(p["CLAIM_ORDER"])}
    pairs = [(letters[2 * k], letters[2 * k + 1]) for k in range(3)]
    out = {"global_threshold": f"{p['GLOBAL_THRESHOLD']:.2f}", "target": one_in(p["TARGET_FMR"]),
           "target_fnmr": pct(p["TARGET_FNMR"], 0), "n_impostor": f"{synthetic.N_IMPOSTOR_PER_GROUP:,}",
           "q4b_supported": frozenset(a for a, _ in pairs), "q4b_pairs": tuple(pairs)}
    for key, criterion, i in (("g_fmr", "global", 0), ("g_fnmr", "global", 1), ("e_fnmr", "equal FMR", 1),
                              ("f_fmr", "equal FNMR", 0)):
        ranked = _ranked({g: r[i] for g, r in audit[criterion].items()})
        (worst, w), (best, b) = ranked[0], ranked[-1]
        digits = 2 if i == 0 else 1
        out |= {f"{key}_worst": worst, f"{key}_best": best, f"{key}_worst_rate": pct(w, digits),
                f"{key}_best_rate": pct(b, digits), f"{key}_ratio": f"{w / b:.1f}"}
    return out
