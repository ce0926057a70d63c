"""Lesson 03 (Who gets misrecognised?): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from .. import formatting as fmt
from ..data import load_dataset
from ..models.differentials import DEFAULT_GROUP_SHARES, ILLUSTRATIVE_GROUPS, MODES, group_thresholds, worst_best_ratio
from ..models.verification import counter_outcomes
from ..quiz import Choice, ChoiceQuestion, NumberQuestion
from .lesson02 import ASSUMED_IMPOSTOR_SHARE, ASSUMED_REGISTRATIONS_PER_YEAR

QUESTIONS = [
    ChoiceQuestion(
        "03.1",
        "Gender Shades found error rates of up to 34.7% for darker-skinned women. What task were those errors in?",
        (
            Choice("Gender classification: labelling one face photo as female or male", True,
                   "Right. No two faces were compared, so these are not face-matching error rates — but they showed "
                   "that one commercial service can be far less accurate for some people than for others."),
            Choice("1:1 verification: matching a face to the photo on an ID card", False,
                   "That is the check at the phone-shop counter, and NIST's report (not Gender Shades) measured it. "
                   "Gender Shades asked the services one question about one photo: which gender?"),
            Choice("1:N identification: searching a face against a police database", False,
                   "Gender Shades did no searching at all. Its benchmark was 1,270 photos of parliamentarians, each "
                   "given a gender label by the service."),
            Choice("Detecting whether a face is present in a photo", False,
                   "The services were given photos that contained a face; the errors counted are wrong gender labels."),
        ),
    ),
    ChoiceQuestion(
        "03.2",
        "News reports said NIST found false positive rates 10 to 100 times higher for some groups. Which reading is "
        "closest to what the report found?",
        (
            Choice("Every face recognition algorithm is 10 to 100 times worse for those groups", False,
                   "NIST stressed that differentials are algorithm-specific: many algorithms developed in Asia showed "
                   "no such dramatic gap between Asian and white faces, and one summary says the differential was "
                   "reversed for some algorithms developed in China."),
            Choice("The differential was often between 10 and 100 times, depending on the algorithm; some algorithms "
                   "had much smaller or even reversed differentials", True,
                   "Yes. '10 to 100' is a range across algorithms, for one-to-one false positives. To say anything "
                   "about a particular system you need that system's own test results."),
            Choice("Faces of those groups are harder to recognise, whatever the algorithm", False,
                   "If that were so, differentials would not vary so much between algorithms or reverse for some. "
                   "The variation between algorithms shows that the algorithm matters, not only the faces."),
            Choice("The figure comes from Gender Shades", False,
                   "Gender Shades measured gender classification; the 10-to-100 range is NIST's, from one-to-one "
                   "face matching."),
        ),
    ),
    NumberQuestion(
        "03.3",
        "At one global threshold, group A's false match rate is 2 in a million and group B's is 1 in 10,000. "
        "What is the worst/best ratio of the two false match rates? (Type a number.)",
        answer=50,
        rel_tolerance=0.02,
        feedback_right="Right: 0.0001 / 0.000002 = 50. Group B's ID holders are 50 times as likely to be "
                       "successfully impersonated by a random impostor of their group.",
        feedback_wrong="Write both rates as decimals first (2 in a million = 0.000002), then divide the larger "
                       "by the smaller.",
    ),
    ChoiceQuestion(
        "03.4",
        "A regulator demands the same false match rate for every group, and the operator sets a threshold per group "
        "to achieve it. In the explorer, what happens to the false non-match rates?",
        (
            Choice("They become equal too", False,
                   "Try it: switch to 'per-group: equal FMR'. The operating points line up vertically on the DET plot, "
                   "but not horizontally — the curves differ, so one threshold per group cannot put every group at the "
                   "same point on both axes."),
            Choice("They differ: the group whose impostors score high gets a stricter threshold and so more refusals", True,
                   "Yes. Equal FMR moves group B's disadvantage from impersonation risk to refusals at the counter. "
                   "With one threshold per group you can equalise one error rate, not in general both."),
            Choice("They all fall, because the system is now fair", False,
                   "The thresholds for groups B and C go up, so more of their genuine customers fall below them: "
                   "total refusals rise."),
        ),
    ),
    ChoiceQuestion(
        "03.5",
        "At the phone-shop counter, who bears the cost of a false match?",
        (
            Choice("The customer who was wrongly refused", False,
                   "That is the cost of a false non-match: a genuine customer turned away."),
            Choice("The person whose ID card was used: a number is registered in their name", True,
                   "Right. The impostor gains; the victim is someone who was not at the counter at all — which is why "
                   "a higher FMR for one group puts that group's ID holders at greater risk."),
            Choice("Nobody: the impostor is caught later anyway", False,
                   "Nothing in the sources says so. The reason for the check is that a number registered in someone "
                   "else's name can be used for fraud."),
            Choice("Only the operator, which loses a sale", False,
                   "A false match is a sale the operator makes; the harm falls on the person impersonated."),
        ),
    ),
    ChoiceQuestion(
        "03.6",
        "Why are the explorer's groups called A, B and C instead of real demographic groups?",
        (
            Choice("Because their score parameters are invented, and a real label would turn them into a claim about "
                   "real people that no source supports", True,
                   "Yes — and because NIST found differentials depend on the algorithm, there is no single real "
                   "ordering of groups to copy."),
            Choice("Because demographic differentials do not exist in real systems", False,
                   "NIST found them in most of the algorithms it tested. The explorer shows the mechanics; the "
                   "evidence about real systems is in the NIST findings."),
            Choice("To make the explorer run faster", False,
                   "Names cost nothing to compute. The reason is about what the numbers can honestly claim."),
        ),
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

def gender_shades_table() -> str:
    """The Gender Shades error table (gender classification on the PPB) and the verified follow-up figures."""
    gs = load_dataset("gender_shades_error_rates")
    first = gs[gs["study"] == "Gender Shades (2018)"].pivot(index="classifier", columns="subgroup",
                                                            values="error_rate_percent")
    cols = ["darker female", "darker male", "lighter female", "lighter male"]
    first = first.loc[list(dict.fromkeys(gs.loc[gs["study"] == "Gender Shades (2018)", "classifier"])), cols]
    lines = ["Gender classification error (%) on the Pilot Parliaments Benchmark, Gender Shades (2018)",
             f"  {'classifier':<16}" + "".join(f"{c:>15}" for c in cols) + f"{'gap (points)':>14}"]
    for name, row in first.iterrows():
        gap = row["darker female"] - row["lighter male"]
        lines.append(f"  {name:<16}" + "".join(f"{v:>15.1f}" for v in row) + f"{gap:>14.1f}")
    lines.append("  gap = darker female minus lighter male")
    follow = gs[gs["study"] == "Actionable Auditing (2019)"].set_index(["classifier", "subgroup"])["error_rate_percent"]
    lines.append("Re-audit, August 2018 (Actionable Auditing, 2019), companies not in the first audit:")
    for name in dict.fromkeys(follow.index.get_level_values(0)):
        lines.append(f"  {name:<16} all faces {follow[(name, 'all faces')]:.2f}%, "
                     f"darker female {follow[(name, 'darker female')]:.2f}%")
    return "\n".join(lines)


def nist_findings() -> str:
    """NISTIR 8280 findings as reported, each tagged with the course's confidence."""
    df = load_dataset("nist_frvt_findings")
    counts = df["confidence"].value_counts()
    lines = [f"NIST FRVT Part 3 (NISTIR 8280, Dec 2019): {len(df)} rows, "
             f"{int(counts.get('VERIFIED', 0))} VERIFIED, {int(counts.get('LIKELY', 0))} LIKELY (hedge these)"]
    for _, r in df.iterrows():
        lines.append(f"  {r['finding_id']:>2}. [{r['confidence']}] ({r['task']}, {r['error_type']}) {r['finding']}")
    return "\n".join(lines)


def differentials_worked_example() -> str:
    """The lesson 03 explorer's three modes at its default settings, with people affected (assumptions stated)."""
    settings = dict(threshold=0.755, target_fmr=1e-6, target_fnmr=0.01)
    lines = [f"ASSUMPTIONS: {ASSUMED_REGISTRATIONS_PER_YEAR:,} registrations a year, "
             f"{fmt.one_in(ASSUMED_IMPOSTOR_SHARE)} attempts by impostors, group shares "
             + ", ".join(f"{g} {100 * s:.0f}%" for g, s in DEFAULT_GROUP_SHARES.items())
             + " (illustrative groups, SYNTHETIC score models)"]
    for mode, label in zip(MODES, ("one global threshold 0.755", "per-group thresholds, every FMR = 1 in 1,000,000",
                                   "per-group thresholds, every FNMR = 1%")):
        t = group_thresholds(ILLUSTRATIVE_GROUPS, mode, **settings)
        fmr = {g: float(m.fmr(t[g])) for g, m in ILLUSTRATIVE_GROUPS.items()}
        fnmr = {g: float(m.fnmr(t[g])) for g, m in ILLUSTRATIVE_GROUPS.items()}
        lines.append(f"{label}:")
        total = 0.0
        for g in ILLUSTRATIVE_GROUPS:
            o = counter_outcomes(ASSUMED_REGISTRATIONS_PER_YEAR * DEFAULT_GROUP_SHARES[g], ASSUMED_IMPOSTOR_SHARE,
                                 fmr[g], fnmr[g])
            total += o.genuine_refused
            lines.append(f"  group {g}: threshold {t[g]:.3f}  FMR {fmt.one_in(fmr[g]):>15}  FNMR {fmt.percent(fnmr[g]):>6}"
                         f"  refused/year {o.genuine_refused:>10,.0f}  impostors accepted/year {o.impostors_accepted:.3f}")
        ratios = []
        for name, rates in (("FMR", fmr), ("FNMR", fnmr)):
            r, worst, best = worst_best_ratio(rates)
            ratios.append(f"worst/best {name} ratio " + ("1 (equal)" if r < 1.005 else f"{r:.1f} ({worst} vs {best})"))
        lines.append(f"  {'; '.join(ratios)}; refused in all: {total:,.0f}")
    return "\n".join(lines)
