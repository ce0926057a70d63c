"""Lesson 03 (Who gets misrecognised?): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from .. import formatting as fmt
from ..data import load_dataset
from ..models.differentials import DEFAULT_GROUP_SHARES, ILLUSTRATIVE_GROUPS, MODES, group_thresholds, worst_best_ratio
from ..models.verification import counter_outcomes, false_non_match_rate
from ..quiz import Choice, ChoiceQuestion, NumberQuestion, Prediction
from ..selfcheck import CodeAlong, Expect
from .lesson02 import ASSUMED_IMPOSTOR_SHARE, ASSUMED_REGISTRATIONS_PER_YEAR

QUESTIONS = [
    ChoiceQuestion(
        "03.1",
        "A news article says: \"Gender Shades proved that face recognition at phone counters fails one "
        "darker-skinned woman in three.\" What is wrong with it?",
        (
            Choice("Nothing: 34.7% is the error rate Gender Shades reported for darker-skinned women", False,
                   "That checks the number and misses the claim. The 34.7% is right; what it measured is "
                   "not a counter's face match, so the sentence still misreports the study."),
            Choice("Only that it is out of date: the vendors cut their errors within seven months of the audit",
                   False,
                   "That mistakes the main error for a minor one. The re-audit did find lower errors, but the "
                   "deeper problem is the task: Gender Shades never compared two faces."),
            Choice("Gender Shades labelled single photos by gender; it never matched one face against another",
                   True,
                   "Right. Those are gender classification errors, not face-matching error rates, so they say "
                   "nothing directly about a counter; what they did show is that one product can be far less "
                   "accurate for some people than for others."),
            Choice("It used photos of parliamentarians, so it tells us nothing about ordinary people at all",
                   False,
                   "That over-corrects. The benchmark limits what the numbers mean, but the study still showed "
                   "large gaps between groups in commercial products; the headline's error is the task."),
        ),
    ),
    ChoiceQuestion(
        "03.2",
        "News reports said NIST found false positive rates 10 to 100 times higher for some groups. Which reading "
        "is closest to what the report found?",
        (
            Choice("Most algorithms NIST tested were 10 to 100 times worse for those groups, on both kinds of "
                   "error", False,
                   "That carries the figure to both errors. \"10 to 100\" is for one-to-one false positives: NIST "
                   "found false positive differentials larger than false negative ones, and a range across "
                   "algorithms, with some developed in Asia showing no such gap."),
            Choice("A range across algorithms for one-to-one false matches; some had small or even reversed gaps",
                   True,
                   "Yes. \"10 to 100\" spans many algorithms, for one-to-one false positives. To say anything "
                   "about a particular system you need that system's own test results."),
            Choice("The faces of those groups are harder for any algorithm to tell apart, whoever built it", False,
                   "That makes the differential a property of faces. If it were, it would not vary so much between "
                   "algorithms or reverse for some: the algorithm matters, not only the faces."),
            Choice("The systems at Chinese phone counters make 10 to 100 times more false matches for those "
                   "groups", False,
                   "That carries a finding to a system nobody tested. NIST's photos are American, and the course "
                   "found no public source on the accuracy of the systems used at Chinese counters."),
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
            Choice("They become equal too: a system that is fair on one error is fair on the other", False,
                   "That assumes one fairness criterion brings the other. Switch to 'per-group: equal FMR': the "
                   "operating points line up vertically on the DET plot, not horizontally, because the groups' "
                   "curves differ."),
            Choice("They all fall, because thresholds set for fairness refuse fewer genuine customers", False,
                   "That equates 'fair' with 'fewer errors'. The thresholds for groups B and C go up, so more of "
                   "their genuine customers fall below them: total refusals rise."),
            Choice("They stay exactly as they were, since only the false match rates were targeted", False,
                   "That forgets that one threshold decides both errors. Moving a group's threshold to fix its FMR "
                   "moves its FNMR too."),
            Choice("They differ: the group with high-scoring impostors gets a stricter threshold", True,
                   "Yes. Equal FMR moves group B's disadvantage from impersonation risk to refusals at the "
                   "counter. With one threshold per group you can equalise one error rate, not in general both."),
        ),
    ),
    ChoiceQuestion(
        "03.5",
        "At the phone-shop counter, who bears the cost of a false match?",
        (
            Choice("The customer who was wrongly refused and has to come back another day", False,
                   "That mixes up the two errors: a genuine customer turned away is a false non-match. A false "
                   "match lets the wrong person through."),
            Choice("The impostor, since the number can be traced back to whoever registered it", False,
                   "That forgets whose name is on the record. The number is registered to the ID holder, so a "
                   "trace leads to the person impersonated, who was not at the counter; the impostor gains."),
            Choice("The person whose ID card was used, who now has a number in their name", True,
                   "Right. The impostor gains; the victim was not at the counter at all, which is why a higher "
                   "FMR for one group puts that group's ID holders at greater risk."),
            Choice("The operator, which is fooled into selling a number to the wrong person", False,
                   "That counts the harm to the wrong party. A false match is a sale the operator makes; the harm "
                   "falls on the person impersonated."),
        ),
    ),
    ChoiceQuestion(
        "03.6",
        "A report says an algorithm \"makes 40 times more false matches for group B\". From what you did in the "
        "explorer, what must you know before you can use that number?",
        (
            Choice("The threshold, or target FMR, it was measured at: the ratio changes as the threshold moves",
                   True,
                   "Right: a differential is reported at an operating point. In the explorer the same three groups "
                   "give a different FMR ratio at 0.70 and at 0.80, so a ratio without its threshold is incomplete."),
            Choice("How many group B customers there are, since the ratio times that number gives the victims",
                   False,
                   "That turns a ratio into counts without the rates. Forty times a tiny rate is still a rate: "
                   "you need the rate itself, the registrations and the impostor share to count people."),
            Choice("The share of attempts by impostors, since the false match ratio grows as more of them try",
                   False,
                   "That mixes up a rate with a count. In the explorer, changing the impostor share changes how "
                   "many impostors get in, not the false match rates or their ratio: that moves with the threshold."),
            Choice("Group B's false non-match ratio, since the two ratios move together as the threshold moves",
                   False,
                   "That links the two differentials. In the explorer, raising the threshold widens the FMR "
                   "ratio while the FNMR ratio narrows: they move apart."),
        ),
    ),
    ChoiceQuestion(
        "03.7",
        "An operator finds that group B's ID holders suffer more false matches than anyone else's, and proposes "
        "only to raise group B's threshold. Which step goes after a cause rather than the symptom?",
        (
            Choice("Keep one global threshold instead, since treating the groups alike is what fairness asks",
                   False,
                   "That takes equal thresholds for equal error rates. In the explorer one global threshold is "
                   "exactly what gave group B its higher false match rate in the first place."),
            Choice("Accept the gap, because it comes from group B's faces rather than from the system", False,
                   "That treats the differential as a fixed fact of nature. It varies between algorithms and even "
                   "reverses for some, and lighting, training data and calibration each change it."),
            Choice("Measure FMR on same-group impostor pairs, and check lighting and image quality at capture",
                   True,
                   "Right: a threshold set on mixed impostor pairs understates same-group impostors, and badly lit "
                   "photos raise false matches. Both are causes; a higher threshold only moves the cost to "
                   "refusals."),
            Choice("Retrain the algorithm on twice as many faces, collected the same way as its first set",
                   False,
                   "That treats quantity as the cure. The training-data cause is about which faces an algorithm "
                   "learned from; more faces like the ones it already had teach it little about group B."),
        ),
    ),
]

PREDICTIONS = [
    Prediction(
        "03.p1",
        "In the explorer an operator can replace its one global threshold by a threshold for each group, chosen so "
        "that every group's false match rate is the same, 1 in a million. What do you expect to happen to the "
        "total number of genuine customers refused at the counter each year?",
        next_step="Now run the explorer below and work through its four tasks; task 3 tests your prediction, and "
                  "the worked numbers after the tasks give the totals.",
        choices=("It falls", "It stays about the same", "It rises a little (by less than a fifth)",
                 "It rises a lot (by half or more)"),
    ),
]


def _fnmr_by_group(threshold: float) -> dict[str, float]:
    scores = load_dataset("synthetic_group_scores")
    genuine = scores[scores["comparison"] == "genuine"]
    return {g: false_non_match_rate(part["score"], threshold) for g, part in genuine.groupby("group")}


CODE_ALONGS = [
    CodeAlong(
        "03.c1",
        name="fnmr_by_group",
        task="each group's share of genuine comparisons scoring below 0.755",
        setup='scores = fc.load_dataset("synthetic_group_scores")\n'
              'genuine = scores[scores["comparison"] == "genuine"]',
        model_answer='fnmr_by_group = (genuine["score"] < 0.755).groupby(genuine["group"]).mean()',
        expects=(
            Expect("fnmr_by_group should hold one number per group, labelled A, B and C: a pandas Series indexed "
                   "by group (what groupby gives) or a dict.",
                   lambda v: sorted(str(k) for k in dict(v)), lambda: ["A", "B", "C"]),
            Expect("Not each group's false non-match rate at 0.755 yet: within each group, take the share of "
                   "genuine comparisons whose score is below 0.755 (a non-match is a score below the threshold).",
                   lambda v: {str(k): float(x) for k, x in dict(v).items()}, lambda: _fnmr_by_group(0.755)),
        ),
        hint="Make a True/False column that says whether each genuine score is below 0.755, then group it by "
             "the group column and take the mean: the share of True in each group.",
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
    """The lesson 03 explorer's three modes at its default settings, with people affected (assumptions stated),
    and the global threshold's ratios at the two other thresholds task 1 asks about."""
    settings = dict(threshold=0.755, target_fmr=1e-6, target_fnmr=0.01)
    lines = [f"ASSUMPTIONS: {ASSUMED_REGISTRATIONS_PER_YEAR:,} registrations a year, "
             f"{fmt.one_in(ASSUMED_IMPOSTOR_SHARE)} attempts by impostors,",
             "  group shares " + ", ".join(f"{g} {100 * s:.0f}%" for g, s in DEFAULT_GROUP_SHARES.items())
             + " (illustrative groups, SYNTHETIC score models).",
             "Per group: its threshold, FMR and FNMR, genuine customers refused a year, impostors let in a year."]
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
                         f"  refused {o.genuine_refused:>9,.0f}  impostors in {o.impostors_accepted:.3f}")
        lines.append(f"  {'; '.join(_ratio_texts(fmr, fnmr))}; refused in all: {total:,.0f}")
        if mode == MODES[0]:  # task 1 moves the global threshold: the ratios move with it
            for other in (0.70, 0.80):
                ratios = _ratio_texts(*({g: float(getattr(m, rate)(other)) for g, m in ILLUSTRATIVE_GROUPS.items()}
                                        for rate in ("fmr", "fnmr")))
                lines.append(f"  at {other:.2f} (task 2): {'; '.join(ratios)}")
    return "\n".join(lines)


def _ratio_texts(fmr: dict[str, float], fnmr: dict[str, float]) -> list[str]:
    texts = []
    for name, rates in (("FMR", fmr), ("FNMR", fnmr)):
        r, worst, best = worst_best_ratio(rates)
        texts.append(f"worst/best {name} ratio " + ("1 (equal)" if r < 1.005 else f"{r:.1f} ({worst} vs {best})"))
    return texts
