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
