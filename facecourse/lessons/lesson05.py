"""Lesson 05 (Cameras in the classroom): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from dataclasses import replace

from ..data import load_dataset
from ..models.attention import CAMERA_SEES, DetectorAssumptions, term_outcomes
from ..quiz import Choice, ChoiceQuestion, NumberQuestion, Prediction

QUESTIONS = [
    ChoiceQuestion(
        "05.1",
        "In Skellefteå, guardians gave explicit consent and pupils could opt out of the camera trial. Why did the "
        "Swedish data protection authority still find that consent was not a valid legal basis?",
        (
            Choice("The pupils were not told enough about the trial to know what they were agreeing to", False,
                   "That makes it a question of information. The authority's ground, as the sources report it, was "
                   "the imbalance between pupils and school: even a well-informed yes is not free under it."),
            Choice("Pupils depend on their school, and under that imbalance a yes cannot be freely given", True,
                   "Right: consent must be freely given, and pupils whose marks and references come from the "
                   "school cannot easily say no. The GDPR's Recital 43 names this kind of imbalance."),
            Choice("The GDPR does not accept consent as a basis for processing biometric data", False,
                   "That takes a condition for a ban. Explicit consent is one of the exceptions in Art. 9(2)(a); "
                   "it failed here because of the circumstances, not because it is always barred."),
            Choice("The guardians signed instead of the pupils, and a pupil's own yes is the one that counts", False,
                   "That makes it a question of who signed. The authority's ground was the relationship: a school "
                   "asking the pupils it marks, whoever gives the yes."),
        ),
    ),
    ChoiceQuestion(
        "05.2",
        "A parent says: \"A teacher calling the register takes ten minutes, but it records who is there just as "
        "well, and it collects nobody's face.\" Which step of the four-step proportionality test does the argument "
        "belong to?",
        (
            Choice("Legitimate aim: it questions whether a school should record attendance in the first place",
                   False,
                   "That attacks the aim when the argument is about the means. The parent accepts that the register "
                   "is taken, and nobody disputed that taking attendance is a legitimate aim."),
            Choice("Suitability: it questions whether a camera records who is in the room at all", False,
                   "That mistakes 'a milder means exists' for 'it does not work'. Suitability asks whether the "
                   "measure helps at all, and a face camera can record attendance."),
            Choice("Necessity: it names a milder means that records attendance about as well", True,
                   "Yes: necessity asks whether a less intrusive means would achieve the aim about as well. The "
                   "Swedish authority made this argument: attendance can be checked without biometric data."),
            Choice("Balance: it weighs ten minutes of a teacher's time against the pupils' faces", False,
                   "That jumps to the last step because the argument mentions a cost. Balance weighs benefits "
                   "against harms once a measure has passed necessity; this argument stops it one step earlier."),
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
            Choice("It falls, because attentive moments, and so false flags, make up more of the lesson", True,
                   "Yes: false flags come from the attentive moments, which now make up more of the lesson, while "
                   "true flags have fewer inattentive moments to catch. Check it on the bottom-right chart."),
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
            Choice("Little, since human observers are not a fair standard for judging a machine", False,
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
    ChoiceQuestion(
        "05.7",
        "A school's camera flags a pupil whenever her head is down or her eyes are off the board. The vendor offers "
        "an upgrade that raises its specificity from 0.98 to 0.995. Whose false flags does the upgrade cut least?",
        (
            Choice("Pupils who watch the board, since specificity is about how the camera treats inattention",
                   False,
                   "That mixes up specificity with sensitivity. Specificity is about attentive moments with eyes on "
                   "the board: pupils who watch the board gain the most from the upgrade."),
            Choice("Each kind of pupil by about the same share, since the whole camera is more accurate", False,
                   "That treats accuracy as a cure for validity. The upgrade only helps where the errors are the "
                   "camera's; it does nothing for moments it misreads by design."),
            Choice("Pupils who drift off, since a sharper camera catches more of their real inattention", False,
                   "That confuses true flags with false ones. Catching real inattention is sensitivity, which the "
                   "upgrade leaves alone; the question is about false flags."),
            Choice("Pupils who take notes, since looking down to write still reads as inattention", True,
                   "Right: most of a note-taker's false flags are moments of writing, which a camera that reads "
                   "head and gaze cannot tell from dozing, however accurate it is. That is validity, not accuracy."),
        ),
    ),
]

PREDICTIONS = [
    Prediction(
        "05.p1",
        "A camera flags a pupil whenever it sees the head down or the eyes away from the board, and it is right "
        "about 98% of the moments when a pupil is attentive and watching the board. The school reports every "
        "pupil flagged at 1 check in 10 or more over a term. Who do you expect to be reported?",
        next_step="Now run the explorer below and work through its four tasks; task 3 switches the camera to "
                  "seeing only head and gaze and tests your prediction. The worked numbers come after the tasks.",
        choices=("Only the pupils who really drift off",
                 "The pupils who drift off, and some who look down to write or away to think",
                 "Nobody: a camera right 98% of the time rarely flags anyone that often",
                 "Every pupil in the class, about equally"),
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
    """Lesson 05: the attention detector's default assumptions over one term, answering the explorer's tasks."""
    a = DetectorAssumptions()
    o = term_outcomes(a)
    mix = ", ".join(f"{k.pupils} {k.kind.who.replace('pupils who ', '')}" for k in o.by_kind)
    lines = [
        "ASSUMPTIONS (ILLUSTRATIVE, SYNTHETIC, not a real system): sensitivity "
        f"{a.sensitivity:.2f}, specificity {a.specificity:.2f};",
        f"  {a.checks_per_lesson} checks per lesson x {a.lessons_per_term} lessons = {a.checks_per_term} checks per "
        "pupil per term;",
        f"  a class of {a.class_size}: {mix};",
        f"  most pupils really inattentive at {a.base_rate:.0%} of checks, pupils who drift off at {a.drift_rate:.0%};",
        f"  a pupil is reported when flagged at {a.report_share:.0%} of the checks ({o.flags_to_report} flags).",
        "",
        f"Task 1. The camera sees {a.camera_sees}.",
        f"  A pupil never inattentive, eyes always on the board: {o.false_flags_always_attentive:.1f} false flags "
        "expected per term;",
        f"  chance of being reported {o.always_attentive_reported:.1%}.",
        *_kind_table(o),
        "",
        "Task 2. The same camera, other base rates for most pupils:",
        "  base rate    flags right:    flags right: a pupil    pupils",
        "               whole class     who watches the board   reported",
    ]
    for b in (0.01, 0.05, 0.20):
        ob = term_outcomes(replace(a, base_rate=b))
        lines.append(f"  {b:<13.2f}{ob.ppv:>12.0%}{ob.kind('watches the board').ppv:>20.0%}{ob.pupils_reported:>16.1f}")
    head_and_gaze = replace(a, camera_sees=CAMERA_SEES[1])
    lines += ["", f"Task 3. The camera sees {CAMERA_SEES[1]}:",
              "  looking down to write or away to think looks like inattention.", *_kind_table(term_outcomes(head_and_gaze)),
              "  ... and with specificity 0.995:", *_kind_table(term_outcomes(replace(head_and_gaze, specificity=0.995)))]
    every_30s = replace(a, checks_per_lesson=90)
    o90, o90_gaze = term_outcomes(every_30s), term_outcomes(replace(every_30s, camera_sees=CAMERA_SEES[1]))
    lines += ["", f"Task 4. {every_30s.checks_per_lesson} checks per lesson = {every_30s.checks_per_term:,} checks a "
              f"term; reported at {o90.flags_to_report} flags.",
              f"  A pupil never inattentive, eyes always on the board: {o90.false_flags_always_attentive:.1f} false "
              "flags expected;",
              f"  chance of being reported {o90.always_attentive_reported:.1%}.",
              f"  The camera sees {CAMERA_SEES[1]}:", *_kind_table(o90_gaze)]
    return "\n".join(lines)


def _kind_table(o) -> list[str]:
    lines = ["  kind of pupil         pupils   flags per pupil     flags    chance      reported only",
             "                                  true    false     right    reported    because of false flags"]
    for k in o.by_kind:
        lines.append(f"  {k.kind.name:<22}{k.pupils:>5}{k.true_flags:>9.1f}{k.false_flags:>9.1f}{k.ppv:>9.0%}"
                     f"{k.reported:>11.0%}{k.reported_because_of_false_flags:>14.0%}")
    lines.append(f"  whole class: {o.ppv:.0%} of flags right; {o.pupils_reported:.1f} pupils reported, "
                 f"{o.pupils_reported_because_of_false_flags:.1f} only because of false flags")
    return lines
