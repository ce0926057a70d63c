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
        "Which of these did the MIIT notice announced on 27 September 2019 require from 1 December 2019?",
        (
            Choice("Face matching against the ID for new registrations at operators' physical sales outlets", True,
                   "Right: \"portrait comparison\" at physical sales channels, with the number connected only once "
                   "the face matches the ID."),
            Choice("A face scan of every existing subscriber", False,
                   "The reporting said it was unclear whether existing subscribers would ever have to be scanned; "
                   "the rule as reported covered new registrations at physical outlets."),
            Choice("A ban on holding more than one SIM card", False,
                   "The notice banned reselling or passing on SIM cards (through contract terms), not holding "
                   "several. MIIT itself mentions demand for a \"second card slot\"."),
            Choice("Real-name registration for the first time", False,
                   "Real-name registration came earlier: by MIIT's account all phone users were registered by "
                   "2016. The 2019 notice added the face check on top."),
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
        "In 2019 China had about 114 mobile subscriptions per 100 people. What can you conclude?",
        (
            Choice("Nothing precise about how many people have a phone: one person can hold several subscriptions",
                   True,
                   "Right: subscriptions count lines, not people. Without a figure for subscriptions per user (no "
                   "source in the course gives one) the number of people with a phone is unknown; some people may "
                   "have none."),
            Choice("Everyone in China has at least one phone number", False,
                   "114 per 100 is an average over lines. Set the assumption slider in the explorer to 1.3: the "
                   "same subscriptions then mean only about 88% of people have a number."),
            Choice("The population figure must be wrong", False,
                   "Both figures come from official statistics, and they count different things: lines and people. "
                   "More lines than people is normal where many carry two SIMs."),
            Choice("About 14% of people use a phone for work", False,
                   "Nothing in the statistic says why anyone holds a second subscription; that reading adds a "
                   "story the numbers do not contain."),
        ),
    ),
    ChoiceQuestion(
        "01.4",
        "Which statement is supported by the sources this lesson uses?",
        (
            Choice("The GSMA counted 157 countries with compulsory SIM registration in 2021, and names the Czech "
                   "Republic, the UK and the USA as having decided against mandating it for prepaid SIMs", True,
                   "Right: both come from the GSMA (its 2021 report and its Mobile Policy Handbook)."),
            Choice("China is the only country that checks faces at SIM registration", False,
                   "Comparitech's January 2020 summary says face scans were also mandatory in Singapore, and that "
                   "Nigeria requires fingerprints and a facial image."),
            Choice("The GSMA counted 17 countries with biometric SIM registration", False,
                   "17 is Comparitech's count (January 2020). The course found no GSMA count of biometric countries; "
                   "keep track of who counted what."),
            Choice("Most countries in the world have no SIM registration", False,
                   "The reverse: the GSMA counted 157 countries with compulsory registration. The course's dataset "
                   "shows few such countries only because its sources name few of them."),
        ),
    ),
    ChoiceQuestion(
        "01.5",
        "MIIT said the rule would help fight telecom and online fraud. Which evidence would best test that claim?",
        (
            Choice("Fraud cases linked to numbers registered in someone else's name, before and after December 2019, "
                   "compared with the trend and with other kinds of fraud", True,
                   "Yes: the aim is about fraud, so the evidence must be about fraud, with a baseline and a comparison "
                   "that separates the rule's effect from everything else that changed."),
            Choice("The number of faces scanned at sales outlets", False,
                   "That measures how much the rule was applied, not whether it worked. A rule can be applied "
                   "everywhere and still miss its aim."),
            Choice("The fall in subscriptions in 2020", False,
                   "Many things changed in 2020, and MIIT already pointed to saturated \"second card slot\" demand "
                   "in 2019. A fall in lines is not a fall in fraud."),
            Choice("Surveys showing that most people support the rule", False,
                   "Support matters for legitimacy, but it is evidence about opinion, not about whether fraud fell."),
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
