"""Lesson 02 (How face verification works): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from .. import formatting as fmt
from ..data import load_dataset
from ..models.verification import ScoreModel, counter_outcomes, one_to_many_false_candidates
from ..quiz import Choice, ChoiceQuestion, NumberQuestion  # noqa: F401

QUESTIONS = [
    ChoiceQuestion(
        "02.1",
        "At the phone-shop counter, what kind of comparison does the face check make?",
        (
            Choice("1:1 verification — the customer's face against the one ID they present", True,
                   "Right: one face, one claimed identity."),
            Choice("1:N identification — the customer's face against everyone in a database", False,
                   "That is what the concert cameras did. The counter check answers a narrower question: is this the "
                   "person on this ID?"),
            Choice("Gender classification", False,
                   "Classifying a face's gender is a different task altogether (lesson 03 meets it in Gender Shades)."),
        ),
    ),
    ChoiceQuestion(
        "02.2",
        "You raise the threshold. What happens to the two error rates?",
        (
            Choice("FMR goes down and FNMR goes up", True,
                   "Yes: fewer impostors reach a stricter threshold, and more genuine customers fall short of it."),
            Choice("Both go down", False, "Then every system would use the highest threshold. Try it in the explorer: "
                                          "watch the blue area grow as the orange one shrinks."),
            Choice("FMR goes up and FNMR goes down", False,
                   "That is what lowering the threshold does. A stricter threshold lets fewer comparisons count as a match."),
            Choice("Neither changes; only the scores matter", False,
                   "The scores are fixed by the algorithm and the photos, but the decision depends on where the "
                   "threshold cuts them."),
        ),
    ),
    NumberQuestion(
        "02.3",
        "A system has a false non-match rate of 0.5%. In a year it checks 40 million genuine customers. "
        "How many of them does it refuse at the first attempt? (Type a number.)",
        answer=200_000,
        rel_tolerance=0.02,
        feedback_right="Right: 0.005 × 40,000,000 = 200,000 people, each turned away once.",
        feedback_wrong="Convert the percentage to a proportion first (0.5% = 0.005), then multiply by the number of "
                       "genuine customers.",
    ),
    ChoiceQuestion(
        "02.4",
        "A 1:N search compares one face with a gallery of 1 billion people, at a false match rate of 1 in 10 million "
        "per comparison. About how many false candidates does one search produce?",
        (
            Choice("about 0.1", False, "Multiply, don't divide: 1,000,000,000 × 0.0000001."),
            Choice("about 1", False, "Check the powers of ten: 10⁹ × 10⁻⁷."),
            Choice("about 100", True, "Yes: 10⁹ × 10⁻⁷ = 100 false candidates for every face searched."),
            Choice("about 10 million", False, "That would need a false match rate of 1 in 100."),
        ),
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

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
