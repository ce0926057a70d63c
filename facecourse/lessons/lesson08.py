"""Lesson 08 (Governing faces): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from ..models.policy import GOVERNANCE_KINDS, REFERENCE, Design, evaluate, governance_events
from ..quiz import Choice, ChoiceQuestion, NumberQuestion

QUESTIONS = [
    ChoiceQuestion(
        "08.1",
        "Under which body was China's national working group on facial recognition standards set up in November 2019?",
        (
            Choice("The biometrics sub-committee of the National Information Technology Standardization Technical "
                   "Committee", True,
                   "Right. Chinese sources, and Caixin, place it there (the TC28 family, affiliated with MIIT)."),
            Choice("The National Information Security Standardization Technical Committee", False,
                   "Some English-language reports said so, but Chinese sources place the group under the IT "
                   "standardization committee's biometrics sub-committee. A good example of checking a claim at "
                   "its source."),
            Choice("The Cyberspace Administration of China", False,
                   "The CAC wrote the 2023 draft and, with the Ministry of Public Security, the 2025 Measures. The "
                   "standards group sat inside a standardization committee."),
            Choice("A committee of the company SenseTime", False,
                   "SenseTime led the group (组长单位), but the group belonged to a national standardization "
                   "committee."),
        ),
    ),
    ChoiceQuestion(
        "08.2",
        "What does Article 5(1)(h) of the EU AI Act prohibit, from 2 February 2025?",
        (
            Choice("All use of facial recognition in the EU", False,
                   "Much narrower: phone unlocking, border checks or a shop's face-match at a counter are not what "
                   "5(1)(h) is about."),
            Choice("Real-time remote biometric identification in publicly accessible spaces for law enforcement, "
                   "unless strictly necessary for one of three listed purposes", True,
                   "Yes: a ban with exceptions (searching for victims or missing persons, an imminent threat to life "
                   "or a terrorist attack, locating suspects of serious crimes)."),
            Choice("Building face databases by untargeted scraping of images from the internet or CCTV", False,
                   "That is also banned, but by Art. 5(1)(e)."),
            Choice("Face matching at SIM registration", False,
                   "The AI Act says nothing specific about SIM registration; the ban in 5(1)(h) concerns police "
                   "identification of people in public spaces in real time."),
        ),
    ),
    ChoiceQuestion(
        "08.3",
        "Which regulatory design does PIPL Art. 28 (\"sufficient necessity\") use, alongside the Fuyang court's "
        "reasoning in Guo Bing's case and the 2025 Measures' rule against face-only verification?",
        (
            Choice("A ban", False, "None of them forbids facial recognition outright; each asks whether it is needed "
                                   "for this purpose."),
            Choice("A necessity test", True,
                   "Right: the use is allowed only if it is needed for its purpose, and not where a less intrusive "
                   "method would do."),
            Choice("Licensing", False, "Licensing means asking permission before operating. These provisions ask "
                                       "whether the use is needed at all."),
            Choice("Registration (filing)", False,
                   "Filing appeared in the 2023 CAC draft (a record with the CAC for large face stores). Art. 28 asks "
                   "a different question."),
        ),
    ),
    NumberQuestion(
        "08.4",
        "In the policy designer's terms: a design refuses 1% of 20 million genuine customers at the first attempt, "
        "and human review lets in 80% of those it wrongly refused. How many genuine customers are still refused? "
        "(Type a number.)",
        answer=40_000,
        rel_tolerance=0.02,
        feedback_right="Right: 0.01 × 20,000,000 = 200,000 refused at first; review lets in 160,000 of them, so "
                       "40,000 remain refused.",
        feedback_wrong="First find how many are refused at the first attempt; then keep only the share that review "
                       "does NOT let in (100% minus 80%).",
    ),
    ChoiceQuestion(
        "08.5",
        "In the explorer, ticking \"offer an alternative\" lowers refusals but, at the default assumptions, raises the "
        "number of impostors who get a number. Why?",
        (
            Choice("Because the model assumes impostors go where the check is weakest: most choose the alternative, "
                   "which stops fewer of them", True,
                   "Yes. It is an assumption, and the lesson asks you to change it: if the alternative stopped "
                   "impostors as well as the face match does, fraud would not rise."),
            Choice("Because offering an alternative is always less secure than facial recognition", False,
                   "Not always: it depends on how good the alternative is. Set its stop rate equal to the face "
                   "match's and see what happens."),
            Choice("Because the 2025 Measures require operators to accept any alternative", False,
                   "The Measures say people who refuse must be offered reasonable alternatives where another method "
                   "can achieve the purpose; they do not say an alternative must be weak."),
            Choice("Because genuine customers who choose the alternative are counted as impostors", False,
                   "They are not: the model keeps genuine customers and impostors apart."),
        ),
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

def governance_timeline_counts() -> str:
    """Lesson 08: laws, standards and court rulings in the course timeline, by jurisdiction and kind."""
    ev = governance_events()
    years = ev["date"].dt.year
    lines = [f"Laws, regulations, standards and court rulings in the timeline: {len(ev)} ({years.min()}-{years.max()})"]
    table = ev.groupby(["jurisdiction", "kind"]).size().unstack(fill_value=0).reindex(columns=list(GOVERNANCE_KINDS),
                                                                                      fill_value=0)
    lines.append(f"  {'jurisdiction':<16}" + "".join(f"{k:>20}" for k in GOVERNANCE_KINDS))
    for j, row in table.iterrows():
        lines.append(f"  {j:<16}" + "".join(f"{int(n):>20}" for n in row))
    return "\n".join(lines)


def policy_designer_worked_example() -> str:
    """Lesson 08: three designs under the policy designer's default ASSUMPTIONS (illustrative, not estimates)."""
    designs = {
        "A reference: face scan for all, images kept": REFERENCE,
        "B A + alternative + human review": Design(alternative=True, human_review=True),
        "C B + on-device matching + audit + deleted": Design(alternative=True, human_review=True, on_device=True,
                                                             audit=True, retention="deleted straight after the match"),
    }
    r = evaluate(list(designs.values()))
    lines = ["ILLUSTRATIVE MODEL under its default ASSUMPTIONS (no source gives these numbers), a year:",
             f"  {'design':<46}{'still refused':>14}{'impostors in':>14}{'face scans':>13}"
             f"{'images held':>14}{'review hours':>14}"]
    for name, row in zip(designs, r.itertuples()):
        lines.append(f"  {name:<46}{row.genuine_refused:>14,.0f}{row.impostors_through:>14,.0f}"
                     f"{row.face_scans:>13,.0f}{row.images_held:>14,.0f}{row.review_hours:>14,.0f}")
    return "\n".join(lines)
