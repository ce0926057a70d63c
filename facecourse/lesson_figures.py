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
