"""Lesson 05 (Cameras in the classroom): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from dataclasses import replace

from ..data import load_dataset
from ..models.attention import DetectorAssumptions, term_outcomes
from ..quiz import Choice, ChoiceQuestion, NumberQuestion

QUESTIONS = [
    ChoiceQuestion(
        "05.1",
        "In Skellefteå, guardians gave explicit consent and pupils could opt out of the camera trial. Why did the "
        "Swedish data protection authority still find that consent was not a valid legal basis?",
        (
            Choice("The cameras were installed without the pupils' knowledge, so nobody knew what they agreed to",
                   False,
                   "That imports the secrecy story from elsewhere. The sources describe an announced trial with "
                   "22 pupils; the question was whether a yes could be freely given."),
            Choice("Pupils depend on their school, and under that imbalance a yes cannot be freely given", True,
                   "Right: consent must be freely given, and pupils whose marks and references come from the "
                   "school cannot easily say no. The GDPR's Recital 43 names this kind of imbalance."),
            Choice("Consent is never allowed as a basis for biometric data under the GDPR, for anyone", False,
                   "That takes a condition for a ban. Explicit consent is one of the exceptions in Art. 9(2)(a); "
                   "it failed here because of the circumstances, not because it is always barred."),
            Choice("Only the pupils' own consent counts, and the school had asked their guardians instead", False,
                   "That makes it a question of who signed. The authority's ground was the relationship: a school "
                   "asking the pupils it marks, whoever gives the yes."),
        ),
    ),
    ChoiceQuestion(
        "05.2",
        "The Swedish authority said attendance could be checked in less intrusive ways. Which step of the "
        "four-step proportionality test does that argument belong to?",
        (
            Choice("Legitimate aim: the school had no business recording attendance with cameras", False,
                   "That attacks the aim when the argument is about the means. Nobody disputed that taking "
                   "attendance is a legitimate aim; the school must do it."),
            Choice("Suitability: a camera at the door cannot record who came into the classroom", False,
                   "That mistakes 'a milder means exists' for 'it does not work'. Suitability asks whether the "
                   "measure helps at all, and a face camera can record attendance."),
            Choice("Necessity", True,
                   "Yes: necessity asks whether a less intrusive means would achieve the aim about as well. A roll "
                   "call or a card reader checks attendance without biometric data."),
            Choice("Balance: the time saved for teachers is outweighed by the harm to the pupils", False,
                   "That jumps to the last step. Balance weighs benefits against harms once a measure has passed "
                   "necessity; this argument stops the measure one step earlier."),
        ),
    ),
    NumberQuestion(
        "05.3",
        "An attention detector has sensitivity 0.90 and specificity 0.95. Pupils are really inattentive at 2% of the "
        "moments it checks. What percentage of its flags are right? (Type a percentage, e.g. 42.)",
        answer=26.87,
        rel_tolerance=0.03,
        feedback_right="Right: true flags 0.02 × 0.90 = 0.018; false flags 0.98 × 0.05 = 0.049; "
                       "0.018 / (0.018 + 0.049) ≈ 27%. Nearly three flags in four are false.",
        feedback_wrong="Work out two shares of all checks: flags on inattentive moments (base rate × sensitivity) "
                       "and flags on attentive moments ((1 − base rate) × (1 − specificity)). The share that is right "
                       "is the first divided by their sum.",
    ),
    ChoiceQuestion(
        "05.4",
        "Keep the detector exactly as it is, but suppose real inattention becomes rarer (the base rate falls). "
        "What happens to the share of flags that are right?",
        (
            Choice("It stays the same, because the camera's sensitivity and specificity did not change", False,
                   "That treats the share of right flags as a property of the camera. It also depends on how "
                   "common the thing it looks for is: move the base-rate slider and watch the diamond."),
            Choice("It rises, because fewer inattentive moments leave fewer chances to make a mistake", False,
                   "That looks only at the inattentive moments. False flags come from the attentive ones, and "
                   "there are now more of them: move the base-rate slider down and watch the diamond."),
            Choice("It falls", True,
                   "Yes: false flags come from the attentive moments, which now make up more of the lesson, while "
                   "true flags have fewer inattentive moments to catch. Check it on the right-hand chart."),
        ),
    ),
    ChoiceQuestion(
        "05.5",
        "A vendor shows that its camera agrees with human observers 98% of the time on whether a pupil's head is "
        "down. What does this establish about measuring attention?",
        (
            Choice("That it measures attention 98% accurately, since head position is what it reports", False,
                   "That takes accuracy for validity. A pupil writing notes also looks down, and a pupil staring "
                   "at the board may be thinking of something else."),
            Choice("That it sees heads well; whether a lowered head means inattention is another question", True,
                   "Right: agreement on a visible behaviour is not evidence that the behaviour measures the state "
                   "the school cares about. That second question is validity."),
            Choice("Nothing at all, since agreement with human observers proves nothing about a machine", False,
                   "That throws out real evidence. It establishes something: the camera can see heads. The gap "
                   "is between what it sees and what the label 'inattentive' claims."),
            Choice("That 98% of its flags are right, so only 2 flags in 100 will be wrong in class", False,
                   "That mixes up agreement with the share of right flags. Even an accurate detector's flags are "
                   "often wrong when the thing it looks for is rare (the base rate)."),
        ),
    ),
    NumberQuestion(
        "05.6",
        "A camera checks every 30 seconds, so 90 times in a 45-minute lesson, with specificity 0.99. How many false "
        "flags should a pupil who is never inattentive expect over 20 lessons? (Type a number.)",
        answer=18,
        rel_tolerance=0.02,
        feedback_right="Right: 90 × 20 = 1,800 checks, and 1% of them flag an attentive pupil: 18 false flags.",
        feedback_wrong="Count the checks first (per lesson × lessons); a pupil who is always attentive is wrongly "
                       "flagged at a share (1 − specificity) of them.",
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

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
