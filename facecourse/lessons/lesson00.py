"""Lesson 00 (Start here): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..data import load_dataset
from ..quiz import Choice, ChoiceQuestion, NumberQuestion, Prediction  # noqa: F401

QUESTIONS = [
    ChoiceQuestion(
        "00.1",
        "A friend writes: \"Since 1 December 2019 everyone in China with a phone number has had their face "
        "scanned.\" Going by the sources in this lesson, what is wrong with the sentence?",
        (
            Choice("The rule covered new registrations at physical outlets; whether existing subscribers would "
                   "be scanned was unclear", True,
                   "Right. The sentence fills a gap in the sources with a guess: reports at the time said it was "
                   "unclear whether existing subscribers would have to be scanned."),
            Choice("The date: face matching at registration was already required by MIIT's notice of May 2018, "
                   "a year and a half earlier", False,
                   "That reads a pilot as a rule. The May 2018 MIIT notice ordered pilots of face matching; the "
                   "requirement at every physical outlet started on 1 December 2019."),
            Choice("It mixes up two rules: a face was first required for phone lines by the Cybersecurity Law, in "
                   "force from June 2017", False,
                   "That confuses real-name registration with face matching. Art. 24 of the Cybersecurity Law "
                   "requires true identity information, not a face; face matching came with the 2018 pilots and "
                   "the 2019 notice."),
            Choice("It names the wrong channel: the rule was aimed at numbers bought online, where no clerk sees "
                   "the buyer's face", False,
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
            Choice("The copy is right: the case made the news in November, so November is when it was filed",
                   False,
                   "That mixes up when something happened with when it was reported. The timeline dates the "
                   "filing itself, 28 October 2019; one of the sources it gives is a report of 5 November."),
            Choice("The timeline's date, 28 October 2019, contradicts the copy; where the error began is another "
                   "question", True,
                   "Right. The timeline row names its sources, so you can check the date; the course has not "
                   "compared the copy line by line with the original, so it cannot say who made the error."),
            Choice("It is a draw: one copy against one dataset is one claim against another until the original "
                   "is found", False,
                   "That treats every source as equal. The timeline row cites sources you can open, the court's "
                   "own judgment among them; a copy's wording is evidence of nothing, so the two are not a draw."),
            Choice("The copy is wrong on the date, so the lawsuit it reports stays in doubt until a court record "
                   "is found", False,
                   "That over-corrects: one wrong date is a reason to check each claim, not to doubt the whole "
                   "story. The timeline row already cites the court's first-instance judgment in the case."),
        ),
    ),
    ChoiceQuestion(
        "00.3",
        "A post says that under the 2019 rule, people who refused the face scan could still get a number by "
        "signing a consent form. Using the lesson's method for tracing a claim, which source would settle it?",
        (
            Choice("Other websites that tell the same story, since several sources that agree outweigh one "
                   "source", False,
                   "That counts repetition as evidence. Copies of copies repeat the same error; agreement "
                   "between them tells you how far a claim travelled, not whether it is true."),
            Choice("A law firm's summary of the notice, since lawyers read the full text and explain what it "
                   "requires", False,
                   "That takes a careful secondary source for the primary one. A summary, however expert, is "
                   "one step removed (step 2 of the method); what the rule requires is settled by the rule's "
                   "own text."),
            Choice("The Guardian's report, since it is the original report and the copies come from it", False,
                   "That stops one step too early: the original report tells you who said what, but it is "
                   "secondary. What the rule requires is settled by the rule's own text."),
            Choice("The MIIT notice itself, since it sets out when an operator may connect a new number", True,
                   "Right: the primary source. The lesson's account of it says a new number is connected only "
                   "once the customer's face matches their ID, which leaves no consent-form route."),
        ),
    ),
]


VERDICTS = ("accurate", "needs context", "garbled wording", "wrong", "unsupported")


@dataclass(frozen=True)
class TracedClaim:
    """A claim of the rewritten copy that students trace themselves, with the course's reasoning."""

    letter: str
    claim_id: int  # its row in rewritten_copy_claims
    copy_says: str  # as in that row, so the prompt quotes the copy exactly
    reasoning: str  # why the course's verdict, and not its nearest neighbour


TRACED_CLAIMS = (
    TracedClaim("A", 7, '"artificial intelligence and other specialized methods"',
                "Garbled, not wrong: 'specialized' stands where the notice says 'technical', but the fact behind "
                "the words is right: the notice does call for artificial intelligence and other means."),
    TracedClaim("B", 10, '"a lot of telecoms experienced begun scanning customers\' faces considering the fact that '
                         'last yr"',
                "Needs context, not accurate: the 2018 step was a pilot that MIIT ordered, not what 'a lot of "
                "telecoms' did everywhere; face matching at every physical outlet began on 1 December 2019."),
    TracedClaim("C", 6, '"moms and dads grew indignant when facial recognition software was mounted without their '
                        'expertise"',
                "Unsupported, not wrong: no source the course found mentions parents, and the university announced "
                "the system itself, so 'without their knowledge' does not fit what was reported. But finding no "
                "source is not proof that no parent was angry."),
)

PREDICTIONS = [
    Prediction(
        "00.p1",
        "Guo Bing sued a safari park over face scans in October 2019 (lesson 04 tells the story). China's "
        "Personal Information Protection Law, which treats face data as sensitive, came into force later. When "
        "do you guess the courts ruled on his case?",
        next_step="Now run the timeline below and work through its four tasks; task 2 checks your guess, and the "
                  "worked numbers after the tasks give the dates.",
        choices=("Both rulings came before that law was in force",
                 "The first ruling came before it, the appeal ruling after it",
                 "Both rulings came after that law was in force"),
    ),
    *(Prediction(f"00.p{k}", f"Claim {c.letter}: the copy says {c.copy_says}. Trace it, then lock in your verdict.",
                 next_step=step, choices=VERDICTS)
      for k, c, step in zip((2, 3, 4), TRACED_CLAIMS,
                            ("Now trace claim B.", "Now trace claim C.",
                             "All three locked in? Open the course's verdicts below and compare."))),
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


_DATE_FORMAT = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


def _dated(row, prefix: str = "") -> str:
    date = row["date"].strftime(_DATE_FORMAT[row["date_precision"]]).lstrip("0")
    lines = textwrap.wrap(prefix + row["event"], 74)
    return "\n".join([f"  {date:<12}{lines[0]}"] + [f"  {'':<12}{line}" for line in lines[1:]])


def _day(date) -> str:
    return f"{date.day} {date:%B %Y}"


def timeline_worked_numbers() -> str:
    """The reveal after the timeline's tasks: each task worked from the events timeline."""
    ev = load_dataset("events_timeline").sort_values("date")
    china = ev[ev["jurisdiction"] == "China"]
    rule_date = china.loc[china["event"].str.startswith("The rule takes effect"), "date"].iloc[0]
    pipl = china.loc[china["event"].str.startswith("Personal Information Protection Law"), "date"].iloc[0]
    steps = china[(china["kind"] == "law or regulation") & (china["date"] <= rule_date)]
    courts = china[(china["kind"] == "court") & (china["date"] <= pipl)]
    classrooms = ev[ev["kind"].isin(["deployment", "official statement", "enforcement"])
                    & ev["event"].str.contains("school|classroom|Ministry of Education", case=False)]
    lines = [f"Task 1: China's laws and regulations in the timeline, up to the rule of {_day(rule_date)}:"]
    lines += [_dated(r) for _, r in steps.iterrows()]
    lines.append(f"Task 2 and prediction 00.p1: China's court events before the Personal Information\n"
                 f"Protection Law came into force on {_day(pipl)}:")
    lines += [_dated(r) + f"\n  {'':<12}({(pipl - r['date']).days} days before that law was in force)"
              for _, r in courts.iterrows()]
    lines.append("Task 3: schools and classrooms in the timeline:")
    lines += [_dated(r, f"[{r['jurisdiction']}, {r['kind']}] ") for _, r in classrooms.iterrows()]
    lines.append("Task 4: " + timeline_counts())
    return "\n".join(lines)


def traced_claims_worked_numbers() -> str:
    """The reveal after students trace three claims: the course's verdict, sources and reasoning for each."""
    claims = load_dataset("rewritten_copy_claims").set_index("claim_id")
    lines = ["The course's verdicts on the three claims you traced:"]
    for c in TRACED_CLAIMS:
        row = claims.loc[c.claim_id]
        lines += ["", *textwrap.wrap(f"Claim {c.letter}: {row['copy_says']}", 86, subsequent_indent="  "),
                  f"  verdict:          {row['verdict']}"]
        for label, text in (("the sources say: ", row["sources_say"]), ("why:             ", c.reasoning),
                            ("sources:         ", row["source"])):
            wrapped = textwrap.wrap(text, 68, break_long_words=False, break_on_hyphens=False)
            lines += [f"  {label} {wrapped[0]}"] + [f"  {'':<17} {w}" for w in wrapped[1:]]
    lines += ["", rewritten_copy_verdicts()]
    return "\n".join(lines)
