"""Lesson 00 (Start here): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from ..data import load_dataset
from ..quiz import Choice, ChoiceQuestion, NumberQuestion  # noqa: F401

QUESTIONS = [
    ChoiceQuestion(
        "00.1",
        "A friend writes: \"Since 1 December 2019 everyone in China with a phone number has had their face "
        "scanned.\" Going by the sources in this lesson, what is wrong with the sentence?",
        (
            Choice("The rule covered new registrations at physical outlets; whether existing subscribers would "
                   "ever be scanned was unclear", True,
                   "Right. The sentence fills a gap in the sources with a guess: reports at the time said it was "
                   "unclear whether existing subscribers would have to be scanned."),
            Choice("Only its date: face scanning at registration had already become compulsory everywhere in May "
                   "2018", False,
                   "That reads a pilot as a rule. The May 2018 MIIT notice ordered pilots of face matching; the "
                   "requirement at every physical outlet started on 1 December 2019."),
            Choice("It mixes up real names with faces: the Cybersecurity Law has required a face for every phone "
                   "line since 2017", False,
                   "That confuses real-name registration with face matching. Art. 24 of the Cybersecurity Law "
                   "requires true identity information, not a face; face matching came with the 2018 pilots and "
                   "the 2019 notice."),
            Choice("It should say online shops: the rule was aimed at numbers bought over the internet, where "
                   "nobody sees the buyer", False,
                   "That turns the rule around. The notice required \"portrait comparison\" at physical sales "
                   "outlets, where a customer stands at the counter; it is the setting the rest of the course "
                   "studies."),
        ),
    ),
    ChoiceQuestion(
        "00.2",
        "The rewritten copy says \"In November, a professor filed\" a lawsuit against the safari park. Find "
        "Guo Bing's case in the table under the timeline. What can you conclude?",
        (
            Choice("The copy is right after all: the case was reported in November, so November is when it "
                   "began", False,
                   "That mixes up when something happened with when it was reported. The timeline dates the "
                   "filing itself, 28 October 2019, and gives the November reports as its sources."),
            Choice("The filing date in the timeline, 28 October 2019, contradicts the copy; where the error began "
                   "is another question", True,
                   "Right. The timeline row names its sources, so you can check the date; the course has not "
                   "compared the copy line by line with the original, so it cannot say who made the error."),
            Choice("Nothing yet: one copy against one dataset is one claim against another, so the question "
                   "stays open", False,
                   "That treats every source as equal. The timeline row cites two named news reports you can "
                   "open; a copy's wording is evidence of nothing, so the two are not a draw."),
            Choice("The copy is unreliable from start to finish, so the lawsuit itself may never have happened",
                   False,
                   "That over-corrects: one wrong date is a reason to check each claim, not to throw the whole "
                   "story away. The timeline's sources confirm the case was filed."),
        ),
    ),
    ChoiceQuestion(
        "00.3",
        "A post says that under the 2019 rule, people who refused the face scan could still get a number by "
        "signing a consent form. Using the lesson's method for tracing a claim, which source would settle it?",
        (
            Choice("Several other websites that say the same thing, since independent copies confirm each other",
                   False,
                   "That counts repetition as evidence. Copies of copies repeat the same error; agreement "
                   "between them tells you how far a claim travelled, not whether it is true."),
            Choice("The Weibo user quoted by the Guardian who said they would refuse the scan, since they were "
                   "there", False,
                   "That takes a personal account as proof of what a rule says. A poster's words show what "
                   "they think or intend, not what the notice requires; and the course could not trace the "
                   "posters."),
            Choice("The Guardian's report, since it is the original report and the copies come from it", False,
                   "That stops one step too early: the original report tells you who said what, but it is "
                   "secondary. What the rule requires is settled by the rule's own text."),
            Choice("The MIIT notice itself, because it says when a number may be connected", True,
                   "Right: the primary source. The lesson's account of it says a new number is connected only "
                   "once the customer's face matches their ID, which leaves no consent-form route."),
        ),
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

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
