"""Lesson 01 (Real-name registration): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from ..data import load_dataset
from ..data.world_counts import WORLD_COUNTS
from ..quiz import Choice, ChoiceQuestion, NumberQuestion

QUESTIONS = [
    ChoiceQuestion(
        "01.1",
        "Which of these people did the MIIT notice, as the sources report it, require to have their face matched "
        "to their ID?",
        (
            Choice("A man who has had the same number since 2015, when he next renews his contract", False,
                   "That assumes the rule re-scanned everyone. The reporting said it was unclear whether existing "
                   "subscribers would ever have to be scanned; the rule as reported covered new registrations."),
            Choice("A woman who holds two SIM cards, since the notice banned holding more than one", False,
                   "That mistakes the anti-resale measure for a limit on cards. The notice banned reselling or "
                   "passing on SIM cards, not holding several; MIIT itself mentions demand for a \"second card "
                   "slot\"."),
            Choice("A student opening a new number at an operator's shop in January 2020", True,
                   "Right: a new registration at a physical outlet after 1 December 2019, which is what "
                   "\"portrait comparison\" covered."),
            Choice("Each of the 120 million users who re-registered under their real names in 2016", False,
                   "That reads real-name registration as face matching. In 2016 users re-registered with their "
                   "identity documents; the face check came on top, with the 2018 pilots and the 2019 notice."),
        ),
    ),
    NumberQuestion(
        "01.2",
        "At the end of 2023 MIIT counted 1,727 million mobile subscriptions and said that was 122.5 per 100 people. "
        "What population, in millions, does MIIT's own figure imply? (Type a number.)",
        answer=1727 / 1.225,
        rel_tolerance=0.005,
        feedback_right="Right: 1,727 ÷ 1.225 ≈ 1,410 million people. Comparing this with other population counts is "
                       "one way to see which denominator a statistic used.",
        feedback_wrong="\"Per 100 people\" means subscriptions ÷ population × 100. Rearrange it for the population: "
                       "divide the subscriptions by the per-100 figure, then multiply by 100.",
    ),
    ChoiceQuestion(
        "01.3",
        "In 2019 China had about 114 mobile subscriptions per 100 people. What can you conclude from that figure "
        "alone?",
        (
            Choice("That everyone in China has at least one number, and about one person in seven has two", False,
                   "That treats lines as people. 114 per 100 is an average over lines: set the explorer's "
                   "assumption slider to 1.3 and the same lines mean only about 88% of people have a number."),
            Choice("That one of the two official statistics must be wrong, since lines cannot outnumber people",
                   False,
                   "That assumes one line per person. Both figures are official and count different things, lines "
                   "and people; more lines than people is normal where many carry two SIMs."),
            Choice("Nothing precise about how many people have a phone: one person can hold several lines", True,
                   "Right: subscriptions count lines, not people. Without a figure for subscriptions per user (no "
                   "source in the course gives one) the number of people with a phone is unknown."),
            Choice("That about 14% of people carry a second line for work, which explains the extra lines", False,
                   "That reads a story into a number. Nothing in the statistic says why anyone holds a second "
                   "line; the lesson found no source that measures the reasons."),
        ),
    ),
    ChoiceQuestion(
        "01.4",
        "A classmate writes: \"The GSMA found that 17 of 157 countries, about 11%, collect biometrics at SIM "
        "registration.\" What is wrong with it?",
        (
            Choice("Nothing: both numbers are in the lesson, so the share follows from them", False,
                   "That treats two numbers on one page as one count. They come from different sources and "
                   "dates; check who counted what before dividing one by the other."),
            Choice("It joins two counts: 157 is the GSMA's (2021), 17 is Comparitech's (January 2020)", True,
                   "Right. The course found no GSMA count of biometric countries; 17 is Comparitech's. If you "
                   "divide them anyway, say that you are mixing two sources and two dates."),
            Choice("It should use the course's own country list, where most of the rows collect biometrics", False,
                   "That treats the course's list as a sample of the world. Its rows are the countries the "
                   "sources name, so their shares say nothing about all countries (task 5)."),
            Choice("Both counts are out of date; only Comparitech's 2024/25 figures may be used", False,
                   "That takes a newer count as a correction of older ones. Each count belongs to its date; a "
                   "claim about 2020 should use a 2020 count and say so."),
        ),
    ),
    ChoiceQuestion(
        "01.5",
        "MIIT said the rule would help fight telecom and online fraud. Which evidence would best test that claim?",
        (
            Choice("How many faces were scanned at sales outlets each month after the rule began, by province",
                   False,
                   "That measures whether the rule was applied, not whether it worked. A rule can be applied "
                   "everywhere and still miss its aim."),
            Choice("The fall in total subscriptions in 2020, the first full year in which the rule applied", False,
                   "That takes fewer lines for less fraud. Many things changed in 2020, and MIIT already pointed "
                   "to saturated \"second card slot\" demand in 2019."),
            Choice("Surveys of customers showing that most of them support the rule and feel much safer because of "
                   "it", False,
                   "That takes opinion for effect. Support matters for legitimacy, but it is evidence about what "
                   "people think, not about whether fraud fell."),
            Choice("Fraud using numbers registered in others' names, before and after the rule, against the "
                   "trend", True,
                   "Yes: the aim is about fraud, so the evidence must be about fraud, with a baseline and a "
                   "comparison that separate the rule's effect from everything else that changed."),
        ),
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

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
    df = load_dataset("sim_registration_by_country")
    likely = df.loc[df["confidence"] == "LIKELY", "country"]
    hedged = f"{len(likely)} marked LIKELY: {', '.join(likely)}" if len(likely) else "all VERIFIED"
    lines = [f"Countries in the course's dataset: {len(df)} ({hedged})"]
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
