"""Lesson 02 (How face verification works): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from .. import formatting as fmt
from ..data import load_dataset
from ..models.verification import (ScoreModel, counter_outcomes, false_match_rate, one_to_many_false_candidates)
from ..quiz import Choice, ChoiceQuestion, NumberQuestion, Prediction
from ..selfcheck import CodeAlong, Expect

QUESTIONS = [
    ChoiceQuestion(
        "02.1",
        "Which of these is 1:N identification rather than 1:1 verification?",
        (
            Choice("A shop compares a customer's face with her ID photo, fetched from a national database", False,
                   "That decides by where the photo is stored. The customer claims one identity, and her face is "
                   "compared with that one identity's photo: 1:1, wherever the photo comes from."),
            Choice("Cameras at a concert compare each face in the crowd with a list of wanted people", True,
                   "Right: every face is compared with every face on the list, to find out who, if anyone, it is. "
                   "That is the question 1:N asks, and why its errors grow with the list."),
            Choice("Cameras at a station gate compare each passenger in the queue with the photo on their own ID",
                   False,
                   "That takes many people for many comparisons. Each passenger is compared with one photo, the "
                   "one on the ID they present: thousands of 1:1 checks, not a search of a list."),
            Choice("A park gate checks a pass-holder's face automatically, with no member of staff watching", False,
                   "That takes 'automatic' for 'identification'. The pass names one person and the gate compares "
                   "the face with that person's photo: 1:1, with or without staff."),
        ),
    ),
    ChoiceQuestion(
        "02.2",
        "An operator raises its threshold from 0.70 to 0.80. What happens at the counter?",
        (
            Choice("Fewer impostors get a number, and fewer genuine customers are refused too", False,
                   "That treats one threshold as a dial of quality. Then every system would use the highest "
                   "threshold; in the explorer the blue area grows as the orange one shrinks."),
            Choice("More impostors get a number, and fewer genuine customers are refused", False,
                   "That turns the rule around: a match needs a score at or above the threshold, so a higher "
                   "threshold is harder to reach for everyone, impostors and genuine customers alike."),
            Choice("Fewer impostors get a number, and genuine customers are refused about as often as before",
                   False,
                   "That forgets the genuine tail. Most genuine pairs score well above 0.80, but a few stray into "
                   "the middle: with the tails magnified, the blue area grows as the threshold rises (task 2)."),
            Choice("Fewer impostors get a number, and more genuine customers are refused", True,
                   "Yes: fewer impostors reach a stricter threshold, and more genuine customers fall short of it. "
                   "Choosing the threshold chooses whose errors matter more."),
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
            Choice("about 0.1", False,
                   "That divides where it should multiply: the expected number is the gallery size times the "
                   "rate, 1,000,000,000 × 0.0000001."),
            Choice("about 1", False,
                   "That reads '1 in 10 million' as 'about one'. Check the powers of ten: 10⁹ comparisons × 10⁻⁷ "
                   "per comparison."),
            Choice("about 100", True, "Yes: 10⁹ × 10⁻⁷ = 100 false candidates for every face searched."),
            Choice("about 10 million", False,
                   "That takes the rate's denominator for a count. 10 million false candidates would need a false "
                   "match rate of 1 in 100."),
        ),
    ),
    ChoiceQuestion(
        "02.5",
        "A genuine customer is refused: her face scored below the threshold against her own ID photo. Why can "
        "that happen?",
        (
            Choice("Two images of one face differ in light, camera, age and expression, so their embeddings differ",
                   True,
                   "Right: the algorithm compares two lists of numbers made from two different photos. The more "
                   "the photos differ, the lower the similarity, whoever is in them."),
            Choice("The system compared her face with many others and found someone more alike than her photo",
                   False,
                   "That mixes up 1:1 with 1:N. At the counter her face is compared with one photo, the one on "
                   "her ID; nobody else's face is involved."),
            Choice("Bad luck in that one comparison: errors are random, so her second try is likely to pass",
                   False,
                   "That treats errors as pure luck. The reasons are in the photos (the camera, the light, her "
                   "age): the person the system struggles with today is likely to struggle tomorrow."),
            Choice("The system was set up badly: a well-tuned one would have scored her own photo above its "
                   "threshold", False,
                   "That expects a perfect system. Genuine scores vary and impostor scores vary; wherever the "
                   "threshold sits, some genuine customers fall below it. Tuning moves the errors; it does not "
                   "remove them."),
        ),
    ),
]

PREDICTIONS = [
    Prediction(
        "02.p1",
        "The worked numbers after the tasks fix a threshold at which only <b>1 impostor in a million</b> gets a "
        "number. With 100 million registrations a year (an assumption), how many genuine customers do you guess "
        "that threshold refuses at the first attempt, each year?",
        next_step="Now run the explorer below and work through its four tasks; the worked numbers after them "
                  "show how close your guess was.",
        unit="people a year",
    ),
    Prediction(
        "02.p2",
        "A search compares one face with a gallery as large as China's population, about 1.4 billion people, at "
        "a false match rate of 1 in a million per comparison. How many false candidates (innocent people who "
        "score as a match) do you guess one search produces?",
        next_step="Now run the search explorer below and do its two tasks; the worked numbers after them give "
                  "the answer.",
        unit="false candidates per search",
    ),
]


def _impostor_scores():
    scores = load_dataset("synthetic_match_scores")
    return scores.loc[scores["comparison"] == "impostor", "score"]


CODE_ALONGS = [
    CodeAlong(
        "02.c1",
        name="fmr",
        task="the share of impostor comparisons scoring 0.70 or more",
        setup='scores = fc.load_dataset("synthetic_match_scores")\n'
              'impostor = scores[scores["comparison"] == "impostor"]',
        model_answer='fmr = (impostor["score"] >= 0.70).mean()',
        expects=(
            Expect("fmr should be a share of comparisons: one number between 0 and 1, not a count or a percentage.",
                   lambda v: 0 <= float(v) <= 1, lambda: True),
            Expect("Not the false match rate at 0.70 yet: among the impostor comparisons only, take the share "
                   "whose score is at or above 0.70 (a match is a score at or above the threshold).",
                   float, lambda: false_match_rate(_impostor_scores(), 0.70)),
        ),
        hint="Comparing a column with a number, column >= 0.70, gives True or False for each row, and the mean "
             "of True/False values is the share that are True.",
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


SLIDER_STEP = 0.005  # the threshold explorer's slider moves in these steps


def threshold_task_numbers(model: ScoreModel | None = None) -> str:
    """The threshold explorer's tasks worked at the default assumptions (the reveal after the tasks)."""
    m = model or ScoreModel()

    def at(t, share=ASSUMED_IMPOSTOR_SHARE):
        fmr, fnmr = float(m.fmr(t)), float(m.fnmr(t))
        return fmr, fnmr, counter_outcomes(ASSUMED_REGISTRATIONS_PER_YEAR, share, fmr, fnmr)

    lines = [f"The tasks at the default assumptions ({ASSUMED_REGISTRATIONS_PER_YEAR:,} registrations a year, "
             f"{fmt.one_in(ASSUMED_IMPOSTOR_SHARE)} attempts by impostors):",
             f"  {'threshold':<11}{'FMR':<30}{'FNMR':<10}{'refused a year':>16}{'impostors in a year':>21}"]
    for t in (0.60, 0.70, 0.80):
        fmr, fnmr, o = at(t)
        lines.append(f"  {t:<11.3f}{fmt.percent(fmr) + ' (' + fmt.one_in(fmr) + ')':<30}{fmt.percent(fnmr):<10}"
                     f"{o.genuine_refused:>16,.0f}{o.impostors_accepted:>21.2g}")
    steps = [round(k * SLIDER_STEP, 3) for k in range(int(1 / SLIDER_STEP) + 1)]
    lowest = next(t for t in steps if at(t)[2].impostors_accepted < 1)
    fmr, fnmr, o = at(lowest)
    lines.append(f"Task 3: the lowest threshold with fewer than one impostor a year is {lowest:.3f} "
                 f"({o.impostors_accepted:.2f} impostors, FNMR {fmt.percent(fnmr)}, {o.genuine_refused:,.0f} refused).")
    _, _, base = at(0.70)
    _, _, many = at(0.70, 1 / 100)
    lines.append(f"Task 4: at 0.700 with 1 in 100 attempts by impostors, impostors accepted rise from "
                 f"{base.impostors_accepted:.2f} to {many.impostors_accepted:.1f} a year; refusals fall from "
                 f"{base.genuine_refused:,.0f} to {many.genuine_refused:,.0f}, because fewer attempts are genuine.")
    return "\n".join(lines)


def threshold_worked_numbers() -> str:
    """The reveal after the threshold explorer's tasks: the tasks worked, then one operating point for everyone."""
    return (threshold_task_numbers() + "\n\nOne operating point for the whole class, FMR = 1 in a million:\n"
            + worked_example_one_in_a_million())


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
    """The reveal after the search explorer's tasks."""
    c = china_2019()
    gallery = c["population_millions"] * 1e6
    lines = [f"Task 1: one search of China's population (end of 2019) expects fewer than one false candidate only "
             f"below a false match rate of {fmt.one_in(1 / gallery)} ({1 / gallery:.1e}) per comparison.",
             "Task 2 and the lesson's examples, at a false match rate of 1 in 1,000,000 per comparison "
             "(expected false candidates):"]
    for label, n in (("one face against a gallery of 1,000 people", 1_000),
                     ("one face against China's population, end of 2019", gallery)):
        r = one_to_many_false_candidates(n, 1e-6)
        lines.append(f"  {label:<64} {r['expected_false_candidates']:>10,.3f} per search "
                     f"(chance of at least one: {fmt.percent(r['p_at_least_one'])})")
    crowd = 50_000 * one_to_many_false_candidates(1_000, 1e-6)["expected_false_candidates"]
    lines.append(f"  {'50,000 faces in a crowd, each against a 1,000-person watch list':<64} {crowd:>10,.3f} per event")
    return "\n".join(lines)
