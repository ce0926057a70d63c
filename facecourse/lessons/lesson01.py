"""Lesson 01 (Real-name registration): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from ..data import load_dataset
from ..data.world_counts import WORLD_COUNTS
from ..quiz import Choice, ChoiceQuestion, NumberQuestion, Prediction

QUESTIONS = [
    ChoiceQuestion(
        "01.1",
        "Which of these people did the MIIT notice, as the sources report it, require to have their face matched "
        "to their ID?",
        (
            Choice("A man who has had the same number since 2015, when he next renews his phone contract", False,
                   "That assumes the rule re-scanned everyone. The reporting said it was unclear whether existing "
                   "subscribers would ever have to be scanned; the rule as reported covered new registrations."),
            Choice("A woman who holds two SIM cards, since the notice banned holding more than one", False,
                   "That mistakes the anti-resale measure for a limit on cards. The notice banned reselling or "
                   "passing on SIM cards, not holding several; MIIT itself mentions demand for a \"second card "
                   "slot\"."),
            Choice("A student who opens her first phone number at an operator's shop in January 2020", True,
                   "Right: a new registration at a physical outlet after 1 December 2019, which is what "
                   "\"portrait comparison\" covered."),
            Choice("One of the 120 million users who re-registered under their real names in 2016", False,
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
        "In 2019 China had about 114 mobile subscriptions per 100 people. What does that figure tell you about "
        "how many people in China had a phone?",
        (
            Choice("That everyone had at least one number, and about one person in seven had two", False,
                   "That treats lines as people. 114 per 100 is an average over lines: set the explorer's "
                   "assumption slider to 1.3 and the same lines mean only about 88% of people have a number."),
            Choice("That most people had one: even if each user held two lines, 57 in 100 people would have a "
                   "phone", False,
                   "That assumes nobody holds more than two lines. Nothing in the figure caps lines per person: "
                   "set the explorer's assumption slider to 2.5 and the same lines mean fewer than half of people "
                   "have a number; no source gives the real value."),
            Choice("Nothing precise: one person can hold several lines, so the number of people stays unknown", True,
                   "Right: subscriptions count lines, not people. Without a figure for subscriptions per user (no "
                   "source in the course gives one) the number of people with a phone is unknown."),
            Choice("That about 14 in 100 people carry a second line for work, which explains the extra lines", False,
                   "That reads a story into a number. Nothing in the statistic says why anyone holds a second "
                   "line; the lesson found no source that measures the reasons."),
        ),
    ),
    ChoiceQuestion(
        "01.4",
        "A classmate writes: \"The GSMA found that 17 of 157 countries, about 11%, collect biometrics at SIM "
        "registration.\" What is wrong with it?",
        (
            Choice("It misreads 157: that is every country the GSMA studied, not the ones that register SIMs",
                   False,
                   "That misreads the GSMA's count: 157 is the number of countries where SIM registration was "
                   "compulsory in 2021. And the 17 is not the GSMA's at all; check who counted what before "
                   "dividing one number by another."),
            Choice("It joins two counts: 157 is the GSMA's (2021), 17 is Comparitech's (January 2020)", True,
                   "Right. The course found no GSMA count of biometric countries; 17 is Comparitech's. If you "
                   "divide them anyway, say that you are mixing two sources and two dates."),
            Choice("It should use the course's own country list instead: 15 of its 18 rows collect biometrics",
                   False,
                   "That treats the course's list as a sample of the world. Its rows are the countries the "
                   "sources name, so their shares say nothing about all countries (task 4)."),
            Choice("Its counts are old: Comparitech's 2024/25 update, just over 35 of over 160, replaces both",
                   False,
                   "That takes a newer count as a correction of older ones. Each count belongs to its date; a "
                   "claim about 2020 should use a 2020 count and say so."),
        ),
    ),
    ChoiceQuestion(
        "01.6",
        "Real-name registration already required an ID document before 2019. Going by MIIT's stated aim, which gap "
        "was the face check at the counter meant to close?",
        (
            Choice("The 1.6 billion lines already in use, which would be checked again against their owners' faces",
                   False,
                   "That assumes the rule reached existing lines. It covered new registrations at physical outlets; "
                   "whether existing subscribers would ever be scanned was unclear."),
            Choice("People without an ID document, who could now register by proving who they are with their face",
                   False,
                   "That turns exclusion into inclusion. The face is compared with an ID document, so a person "
                   "without one still cannot register; the GSMA counts about 1 billion people without proof of "
                   "identity."),
            Choice("A number opened with another person's ID, which a clerk comparing faces by eye might miss", True,
                   "Right: MIIT's aim was that \"the person and the ID match\" (人证一致). Criminals registered numbers "
                   "with other people's identity details, and checking faces by eye had problems of accuracy and speed."),
            Choice("SIM cards passed on after registration, which the face match would tie to whoever used them",
                   False,
                   "That mixes up two measures. The face check is made when a line is opened, so that \"the person "
                   "and the ID match\"; passing cards on was left to the contract terms, which forbade resale "
                   "(二次倒卖电话卡)."),
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
            Choice("The police counts of fraud cases solved in 2019 and 2020, before and after the rule began",
                   False,
                   "That counts police work, not fraud. The Ministry of Public Security's figure is of cases "
                   "solved, not of frauds committed, and it does not say how the numbers used were registered."),
            Choice("Surveys of customers showing that most of them support the rule and feel safer because of it",
                   False,
                   "That takes opinion for effect. Support matters for legitimacy, but it is evidence about what "
                   "people think, not about whether fraud fell."),
            Choice("Fraud with numbers registered in others' names, before and after the rule, against the "
                   "trend", True,
                   "Yes: the aim is about fraud, so the evidence must be about fraud, with a baseline and a "
                   "comparison that separate the rule's effect from everything else that changed."),
        ),
    ),
]


PREDICTIONS = [
    Prediction(
        "01.p1",
        "At the end of 2019 China had about 1,601 million mobile subscriptions and about 1,400 million people. "
        "What do you guess these two numbers tell you about how many people had a phone line?",
        next_step="Now run the explorer below and work through its four tasks; the worked numbers after them "
                  "show what the figures can and cannot say.",
        choices=("Everyone had at least one line, with about 200 million lines to spare",
                 "About one person in seven had two lines, and everyone else had one",
                 "These two numbers alone cannot say how many people had a line"),
    ),
    Prediction(
        "01.p2",
        "Of the countries that require SIM registration, what share do you guess also collect fingerprints or a "
        "face when a SIM is registered?",
        next_step="Now run the country explorer below and work through its four tasks; the counts after them, "
                  "and the text after the counts, say what the sources found.",
        choices=("More than half of them", "Between a quarter and a half of them", "A quarter of them or fewer"),
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

SUBSCRIPTIONS_SLIDER_STEP = 0.05  # the ASSUMPTION slider of the subscriptions explorer moves in these steps

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


def subscriptions_worked_numbers() -> str:
    """The reveal after the subscriptions explorer's tasks: the key numbers, then tasks 3 and 4 worked."""
    subs = load_dataset("china_mobile_subscriptions").set_index("year")
    per100 = subs["per_100_people"].dropna()
    top_year, top = int(per100.idxmax()), float(per100.max())
    steps = [round(1 + k * SUBSCRIPTIONS_SLIDER_STEP, 2) for k in range(int(1.5 / SUBSCRIPTIONS_SLIDER_STEP) + 1)]
    lowest = next(v for v in steps if top / v < 100)
    derived = [int(y) for y in subs.index[subs["confidence"] == "LIKELY"]]
    net = subs["net_change_millions"].dropna()
    return (
        subscriptions_and_population()
        + f"\nTask 3: MIIT's highest figure shown is {top:.1f} per 100 people ({top_year}), so the dashed line "
          f"stays below\n  one per person in every year only from {top / 100:.3f} subscriptions per user; on the "
          f"slider, {lowest:.2f}.\n  That is a lower limit, reached only if every single person had a line.\n"
        + f"Task 4: the derived (LIKELY) years are {', '.join(map(str, derived))}; the only fall is "
          f"{int(net.idxmin())} ({net.min():+.2f} million).\n  MIIT publishes net changes only (new lines minus "
          "cancelled ones),\n  so new registrations per year are unknown."
    )


def sim_registration_worked_numbers() -> str:
    """The reveal after the country explorer's tasks: which rows each task shows, then the counts."""
    df = load_dataset("sim_registration_by_country")

    def names(mask) -> str:
        return ", ".join(sorted(df.loc[mask, "country"]))

    not_mandatory = df["policy"] == "not mandatory for prepaid SIMs"
    said = df.loc[not_mandatory, "detail"].iloc[0]
    biometric = int((df["policy"] == "mandatory, with biometrics").sum())
    return "\n".join([
        f"Task 1: {names(not_mandatory)}. The source says:\n  {said}",
        f"Task 2: face: {names(df['biometrics'] == 'face')}; fingerprint and face: "
        f"{names(df['biometrics'] == 'fingerprint and face')}.",
        f"Task 3: type not stated: {int((df['biometrics'] == 'type not stated').sum())} countries "
        f"({names(df['biometrics'] == 'type not stated')}).",
        f"Task 4: {biometric} of {len(df)} rows ({biometric / len(df):.0%}) collect biometrics, but the rows are "
        "the countries the\n  sources name, not a sample of the world. The counts the sources give:",
        sim_registration_counts(),
    ])
