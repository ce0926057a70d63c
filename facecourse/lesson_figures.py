"""The key numbers each lesson prints, computed from the datasets and models.

Lessons print these in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a
changed dataset or a broken formula shows up as a failing test, not as a
silently different number in front of students.
"""

from __future__ import annotations

from . import formatting as fmt
from .data import load_dataset
from .metrics import ScoreModel, counter_outcomes, one_to_many_false_candidates

# Assumptions used in the lessons' fixed worked examples.  No public source
# gives China's yearly number of new registrations or the share of attempts
# made with someone else's ID: these are labelled assumptions, not data.
ASSUMED_REGISTRATIONS_PER_YEAR = 100_000_000
ASSUMED_IMPOSTOR_SHARE = 1 / 10_000


def china_2019() -> dict[str, float]:
    subs = load_dataset("china_mobile_subscriptions").set_index("year")
    pop = load_dataset("china_population")
    pop = pop[(pop["year"] == 2019) & (pop["measure"] == "year-end estimate")]["population_millions"].iloc[0]
    s = subs.loc[2019, "subscriptions_millions"]
    return {"subscriptions_millions": float(s), "population_millions": float(pop), "per_person": float(s / pop)}


def scale_of_china_2019() -> str:
    c = china_2019()
    return (
        f"Mobile subscriptions, end of 2019: {c['subscriptions_millions']:,.0f} million (MIIT)\n"
        f"Population, end of 2019:           {c['population_millions']:,.2f} million (NBS)\n"
        f"Subscriptions per person:          {c['per_person']:.2f}"
    )


def worked_example_one_in_a_million(model: ScoreModel | None = None) -> str:
    m = model or ScoreModel()
    t = m.threshold_for_fmr(1e-6)
    fmr, fnmr = float(m.fmr(t)), float(m.fnmr(t))
    o = counter_outcomes(ASSUMED_REGISTRATIONS_PER_YEAR, ASSUMED_IMPOSTOR_SHARE, fmr, fnmr)
    return (
        f"Threshold for FMR = 1 in 1,000,000:  {t:.3f}\n"
        f"FNMR at that threshold:             {fmt.percent(fnmr)}\n"
        f"Assumed registrations per year:     {o.registrations:,.0f}\n"
        f"Assumed impostor attempts per year: {o.impostor_attempts:,.0f}\n"
        f"Genuine customers refused per year: {o.genuine_refused:,.0f}\n"
        f"Impostors accepted per year:        {o.impostors_accepted:.2f}"
    )


def one_to_many_example() -> str:
    c = china_2019()
    gallery = c["population_millions"] * 1e6
    lines = ["False match rate 1 in 1,000,000 per comparison. Expected false candidates:"]
    for label, n in (("one face against a gallery of 1,000 people", 1_000),
                     ("one face against China's population, end of 2019", gallery)):
        r = one_to_many_false_candidates(n, 1e-6)
        lines.append(f"  {label:<64} {r['expected_false_candidates']:>10,.3f} per search "
                     f"(chance of at least one: {fmt.percent(r['p_at_least_one'])})")
    crowd = 50_000 * one_to_many_false_candidates(1_000, 1e-6)["expected_false_candidates"]
    lines.append(f"  {'50,000 faces in a crowd, each against a 1,000-person watch list':<64} {crowd:>10,.3f} per event")
    return "\n".join(lines)


def timeline_counts() -> str:
    ev = load_dataset("events_timeline")
    years = ev["date"].dt.year
    lines = [f"Events in the timeline: {len(ev)} ({years.min()}-{years.max()})"]
    for j, n in ev["jurisdiction"].value_counts().sort_index().items():
        lines.append(f"  {j:<16} {n}")
    return "\n".join(lines)


def rewritten_copy_verdicts() -> str:
    claims = load_dataset("rewritten_copy_claims")
    counts = claims["verdict"].value_counts()
    order = ["accurate", "needs context", "garbled wording", "wrong", "unsupported"]
    return "Claims checked in the rewritten copy: {}\n".format(len(claims)) + "\n".join(
        f"  {v:<16} {int(counts.get(v, 0))}" for v in order
    )


# -- lesson 01: real-name registration -----------------------------------------------------------------------

def subscriptions_and_population() -> str:
    """China's subscriptions against its population: the numbers lesson 01's first explorer is built on."""
    subs = load_dataset("china_mobile_subscriptions").set_index("year")
    pop = load_dataset("china_population").set_index(["year", "measure"])["population_millions"]
    first, last = subs.index.min(), subs.index.max()
    s0, s1 = subs.loc[first, "subscriptions_millions"], subs.loc[last, "subscriptions_millions"]
    p19, p20 = pop.loc[(2019, "year-end estimate")], pop.loc[(2020, "census")]
    s19, s20 = subs.loc[2019, "subscriptions_millions"], subs.loc[2020, "subscriptions_millions"]
    change = subs["subscriptions_millions"].diff()
    falls = change.index[change < 0].tolist()
    return (
        f"Subscriptions, end of {first}:  {s0:,.0f} million (MIIT)\n"
        f"Subscriptions, end of {last}:  {s1:,.0f} million (MIIT), {s1 / s0 - 1:+.0%} since {first}\n"
        f"2019: {s19:,.0f} million subscriptions / {p19:,.2f} million people (NBS) = {100 * s19 / p19:.1f} per 100 "
        f"(MIIT says {subs.loc[2019, 'per_100_people']:.1f})\n"
        f"2020: {s20:,.0f} million subscriptions / {p20:,.2f} million people (census) = {100 * s20 / p20:.1f} per 100 "
        f"(MIIT says {subs.loc[2020, 'per_100_people']:.1f})\n"
        f"Net change in 2020: {subs.loc[2020, 'net_change_millions']:+.2f} million; years in which the total fell: "
        f"{', '.join(str(y) for y in falls)}\n"
        f"Phone users in 2019 if everyone held 1 subscription: {s19:,.0f} million "
        f"({s19 - p19:,.0f} million more than the population)"
    )


def sim_registration_counts() -> str:
    """Rows of the SIM-registration dataset by policy and biometrics, beside the world counts from the sources."""
    from .widgets.registration import WORLD_COUNTS

    df = load_dataset("sim_registration_by_country")
    lines = [f"Countries in the course's dataset: {len(df)} "
             f"({(df['confidence'] == 'LIKELY').sum()} marked LIKELY: "
             f"{', '.join(df.loc[df['confidence'] == 'LIKELY', 'country'])})"]
    for policy, part in df.groupby("policy", sort=False):
        lines.append(f"  {policy:<32} {len(part):>2}")
        for kind, n in part["biometrics"].value_counts().sort_index().items():
            lines.append(f"      {kind:<28} {n:>2}")
    listed = (df["in_comparitech_2020_list"] == "yes").sum()
    for key, label in (("compulsory_registration", "Countries with compulsory SIM registration"),
                       ("biometric_registration", "Countries with biometric SIM registration")):
        n, source = WORLD_COUNTS[key]
        lines.append(f"{label}: {n} ({source})")
    lines.append(f"  of which named in the course's sources and in the dataset: {listed}")
    n, source = WORLD_COUNTS["without_proof_of_identity_billions"]
    lines.append(f"People without proof of identity: about {n:g} billion ({source})")
    return "\n".join(lines)


# --- lesson 03: who gets misrecognised? -------------------------------------------------------

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
    from .widgets.differentials import (DEFAULT_GROUP_SHARES, ILLUSTRATIVE_GROUPS, MODES, group_thresholds,
                                        worst_best_ratio)

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


def safari_park_case_timeline() -> str:
    """Lesson 04: the dates of Guo Bing's case and what followed, with the days between.

    The filing date comes from the events timeline; the rulings and later rules from ``legal_provisions``.
    """
    ev = load_dataset("events_timeline")
    prov = load_dataset("legal_provisions").set_index("provision_id")["date"]
    filed = ev[(ev["kind"] == "court") & ev["event"].str.contains("Guo Bing")]["date"].min()
    steps = [
        ("Guo Bing files at the Fuyang District People's Court", filed),
        ("First-instance ruling (Fuyang District People's Court)", prov["CN-GUO-2020"]),
        ("Appeal ruling (Hangzhou Intermediate People's Court)", prov["CN-GUO-2021"]),
        ("Supreme People's Court interpretation in force", prov["CN-SPC-2021"]),
        ("Personal Information Protection Law in force", prov["CN-PIPL-29"]),
        ("CAC/MPS facial recognition Measures in force", prov["CN-CAC-MPS-2025"]),
    ]
    lines = ["Guo Bing v. Hangzhou Safari Park and what followed (days after filing):"]
    for label, date in steps:
        lines.append(f"  {date:%d %b %Y}  {label:<56} {(date - filed).days:>5} days")
    return "\n".join(lines)


def consent_scenario_counts() -> str:
    """Lesson 04: the provisions by jurisdiction, and the course's readings of 5 uses × 3 jurisdictions."""
    from . import legal
    from .data import COURSE_READINGS, LEGAL_JURISDICTIONS, READING_BASES

    prov, scen, tests = legal.provisions(), legal.scenarios(), legal.scenario_tests()
    lines = [f"Provisions, rulings and decisions in the dataset: {len(prov)}"]
    for j in LEGAL_JURISDICTIONS:
        lines.append(f"  {j:<26} {int((prov['jurisdiction'] == j).sum())}")
    lines.append("The course's readings (uses of a face × jurisdiction):")
    short = {"China": "China", "European Union": "EU", "Illinois (United States)": "Illinois"}
    lines.append(f"  {'':<66}" + "".join(f"{short[j]:>9}" for j in LEGAL_JURISDICTIONS))
    for r in COURSE_READINGS:
        counts = [int(((scen["course_reading"] == r) & (scen["jurisdiction"] == j)).sum()) for j in LEGAL_JURISDICTIONS]
        lines.append(f"  {r:<66}" + "".join(f"{c:>9}" for c in counts))
    for name, table in (("readings", scen), ("test rows", tests)):
        n = {b: int((table["basis"] == b).sum()) for b in READING_BASES}
        lines.append(f"{name.capitalize()} stated in a provision or ruling: {n[READING_BASES[0]]} of {len(table)}; "
                     f"the course's reading: {n[READING_BASES[1]]}")
    return "\n".join(lines)


def classroom_cases() -> str:
    """Lesson 05: the classroom cases and the ministry's response, from the events timeline, in date order, with their sources."""
    ev = load_dataset("events_timeline")
    pick = ev["event"].str.contains("No. 11 Middle School|Skellefte|Pharmaceutical University|Lei Chaozi", regex=True)
    lines = ["Cameras in classrooms, 2018-2019 (from the course's events timeline):"]
    for r in ev[pick].sort_values("date").itertuples():
        when = f"{r.date:%b %Y}" if r.date_precision == "month" else f"{r.date:%d %b %Y}"
        lines.append(f"  {when:<11}  {r.jurisdiction}: {r.event}")
        lines.append(f"      Source: {r.source} [{r.confidence}]")
    return "\n".join(lines)


def attention_detector_worked_example() -> str:
    """Lesson 05: the attention detector's default assumptions, over one term, at three base rates."""
    from dataclasses import replace

    from .widgets.classroom import DetectorAssumptions, term_outcomes

    a = DetectorAssumptions()
    o = term_outcomes(a)
    lines = [
        "ASSUMPTIONS (illustrative, SYNTHETIC, not a real system): sensitivity "
        f"{a.sensitivity:.2f}, specificity {a.specificity:.2f}, {a.checks_per_lesson} checks per lesson x "
        f"{a.lessons_per_term} lessons = {a.checks_per_term} checks per pupil per term; class of {a.class_size}; "
        f"a pupil is reported after {a.review_at} flags.",
        f"A pupil who is never inattentive: {o.false_flags_always_attentive:.1f} false flags expected per term; "
        f"chance of being reported {o.always_attentive_reported:.1%}.",
        "Base rate (share of moments    flags per pupil per term    flags that    pupils reported per class",
        "  really inattentive)            true      false            are right     all    on false flags alone",
    ]
    for b in (0.01, 0.05, 0.20):
        ob = term_outcomes(replace(a, base_rate=b))
        lines.append(f"  {b:<29.2f}{ob.true_flags_per_pupil:>7.1f}{ob.false_flags_per_pupil:>10.1f}"
                     f"{ob.ppv:>17.0%}{ob.pupils_reported:>11.1f}{ob.pupils_reported_on_false_flags:>12.1f}")
    return "\n".join(lines)


def governance_timeline_counts() -> str:
    """Lesson 08: laws, standards and court rulings in the course timeline, by jurisdiction and kind."""
    from .policy_designer import GOVERNANCE_KINDS, governance_events

    ev = governance_events()
    years = ev["date"].dt.year
    lines = [f"Laws, regulations, standards and court rulings in the timeline: {len(ev)} ({years.min()}-{years.max()})"]
    table = ev.groupby(["jurisdiction", "kind"]).size().unstack(fill_value=0).reindex(columns=list(GOVERNANCE_KINDS),
                                                                                      fill_value=0)
    lines.append(f"  {'jurisdiction':<16}" + "".join(f"{k:>20}" for k in GOVERNANCE_KINDS))
    for j, row in table.iterrows():
        lines.append(f"  {j:<16}" + "".join(f"{int(n):>20}" for n in row))
    return "\n".join(lines)


def policy_designer_worked_example() -> str:
    """Lesson 08: three designs under the policy designer's default ASSUMPTIONS (illustrative, not estimates)."""
    from .policy_designer import REFERENCE, Design, evaluate

    designs = {
        "A reference: face scan for all, images kept": REFERENCE,
        "B A + alternative + human review": Design(alternative=True, human_review=True),
        "C B + on-device matching + audit + deleted": Design(alternative=True, human_review=True, on_device=True,
                                                             audit=True, retention="deleted straight after the match"),
    }
    r = evaluate(list(designs.values()))
    lines = ["ILLUSTRATIVE MODEL under its default ASSUMPTIONS (no source gives these numbers), a year:",
             f"  {'design':<46}{'still refused':>14}{'impostors in':>14}{'face scans':>13}"
             f"{'images held':>14}{'review hours':>14}"]
    for name, row in zip(designs, r.itertuples()):
        lines.append(f"  {name:<46}{row.genuine_refused:>14,.0f}{row.impostors_through:>14,.0f}"
                     f"{row.face_scans:>13,.0f}{row.images_held:>14,.0f}{row.review_hours:>14,.0f}")
    return "\n".join(lines)


# --- lesson 06: from identity to surveillance (SYNTHETIC town; Sweeney-style estimate) -----------
LESSON06_STEPS = (
    ("district", ("district",)),
    ("+ sex", ("district", "sex")),
    ("+ birth year", ("district", "sex", "birth_year")),
    ("+ birth month", ("district", "sex", "birth_year", "birth_month")),
    ("+ full birth date (instead of year and month)", ("district", "sex", "birth_date")),
    ("+ phone prefix", ("district", "sex", "birth_date", "phone_prefix")),
)


def sweeney_back_of_envelope() -> str:
    """Lesson 06: John D. Cook's first-principles check of Sweeney's 87%."""
    from . import linkage

    e = linkage.sweeney_style_estimate()
    sim = linkage.simulate_share_unique(int(e["people_per_area"]), int(e["combinations"]), seed=2000)
    rows = [
        ("People per ZIP code (average)", f"{e['people_per_area']:,.0f}"),
        ("Birth-date–sex combinations (78 × 365 × 2)", f"{e['combinations']:,.0f}"),
        ("People per combination", f"{e['people_per_combination']:.3f}"),
        ("Expected share unique, exp(−(N−1)/K)", f"{e['expected_share_unique']:.1%}"),
        ("One simulated ZIP code (seed 2000)", f"{sim:.1%}"),
        ("Sweeney (2000), US population", "about 87%"),
    ]
    return "\n".join(f"{label + ':':<46}{value}" for label, value in rows)


def synthetic_town_uniqueness() -> str:
    """Lesson 06: share unique in the SYNTHETIC town as quasi-identifiers are added, and face-pay accounts linked."""
    from . import linkage

    reg, log = load_dataset("synthetic_population"), load_dataset("synthetic_facepay_log")
    lines = [f"SYNTHETIC town: {len(reg):,} invented people; face-pay log: {len(log):,} pseudonymous accounts, "
             f"{int(log['trips_in_week'].sum()):,} trips",
             f"  {'known about each person':<48}{'combinations':>13}{'unique':>9}{'k':>4}{'accounts linked':>17}"]
    for label, cols in LESSON06_STEPS:
        k = linkage.k_anonymity(reg, cols)
        j = linkage.join_counts(reg, log, cols)
        lines.append(f"  {label:<48}{k.classes:>13,}{k.share_unique:>9.1%}{k.k:>4}"
                     f"{j.linked_to_one:>8,} ({j.share_linked_to_one:.0%})")
    return "\n".join(lines)


def reaction_coding_agreement() -> str:
    """Lesson 07: the reported reactions by the course's codes, and the course vs the illustrative classmate."""
    from . import coding

    r = coding.reactions()
    lines = [f"Reactions reported by the Guardian (2 Dec 2019), paraphrased in the dataset: {len(r)}"]
    for d, cats in coding.DIMENSIONS.items():
        counts = r[f"course_{d}"].value_counts()
        lines.append(f"  course's {d} codes: " + ", ".join(f"{c} {int(counts.get(c, 0))}" for c in cats))
    lines.append("The course vs the illustrative classmate:")
    for d, cats in coding.DIMENSIONS.items():
        a, b = coding.course_codes(d), coding.ILLUSTRATIVE_CLASSMATE[d]
        lo, hi = coding.one_change_kappa_range(a, b, cats)
        lines.append(f"  {d:<8} agree on {int(round(coding.observed_agreement(a, b) * len(a)))} of {len(a)}; "
                     f"Cohen's kappa {coding.cohens_kappa(a, b, cats):.2f} "
                     f"(one changed code: {lo:.2f} to {hi:.2f})")
    return "\n".join(lines)


def policy_ranking_equal_weights() -> str:
    """Lesson 07: the illustrative policy options ranked with every value weighted 5, and the nearest flips."""
    import numpy as np

    from . import policy_weights as pw

    weights = np.full(len(pw.VALUES), 5.0)
    totals = pw.weighted_scores(weights)
    lines = ["Illustrative scores, every value weighted 5 (weighted mean out of 10):"]
    for k, i in enumerate(pw.ranking(weights)):
        lines.append(f"  {k + 1}. {totals[i]:.2f}  {pw.OPTIONS[i]}")
    lines.append("Single weight changes that flip the leader (others kept at 5):")
    for f in pw.flip_points(weights):
        lines.append(f"  {f.direction} '{f.value}' to {f.weight:.0f}: {f.new_leader}")
    return "\n".join(lines)
