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
        "A SenseTime-led group of 27 or 28 members drafts China's national facial recognition standard. Which "
        "change to the process best answers the case against industry-led standards while keeping its strengths?",
        (
            Choice("Leave companies out entirely, since anyone who builds the systems has a conflict of interest",
                   False,
                   "That throws away the case for the group. Without the engineers a standard may be unworkable "
                   "or obsolete on arrival; the lesson's question is what process surrounds the experts."),
            Choice("Nothing: the group sat inside a national committee affiliated with MIIT, so it was overseen",
                   False,
                   "That takes formal affiliation for a full answer. It is part of the case for the group, but "
                   "the conflicts of interest and the missing voices remain."),
            Choice("Make the standard binding law, so that the companies must follow what they wrote", False,
                   "That mistakes a standard for a law, and binding it does not remove the conflict: it would "
                   "give the authors' choices the force of law."),
            Choice("Publish drafts for comment and seat members from outside industry at the table", True,
                   "Right: keep the expertise and interoperability, and answer the conflicts and the missing "
                   "voices with an open process, as the CAC did with its 2023 draft."),
        ),
    ),
    ChoiceQuestion(
        "08.2",
        "Which of these uses does Article 5(1)(h) of the EU AI Act prohibit from 2 February 2025, unless one of "
        "its three exceptions applies?",
        (
            Choice("A phone shop matching a customer's face to the photo on her ID card at the counter", False,
                   "That is the 'the AI Act bans facial recognition' mistake. 5(1)(h) concerns identifying people "
                   "remotely, in real time, for law enforcement; a 1:1 check at a counter is none of these."),
            Choice("Police comparing a suspect's photo with a mugshot database a week after a crime", False,
                   "That takes any police use for the banned one. 5(1)(h) is about 'real-time' identification in "
                   "publicly accessible spaces; a search a week later is not real-time."),
            Choice("Police scanning a station crowd live to identify the people in it", True,
                   "Yes: real-time remote biometric identification in a publicly accessible space for law "
                   "enforcement, banned unless strictly necessary for one of the three listed purposes."),
            Choice("A shopping mall's security firm scanning shoppers live to spot people it has banned", False,
                   "That stretches the ban beyond its words: 5(1)(h) covers use for law enforcement. The mall's "
                   "use is not what it prohibits (other rules, such as the GDPR, still apply to it)."),
        ),
    ),
    ChoiceQuestion(
        "08.3",
        "Which regulatory design does PIPL Art. 28 (\"sufficient necessity\") use, alongside the Fuyang court's "
        "reasoning in Guo Bing's case and the 2025 Measures' rule against face-only verification?",
        (
            Choice("A ban, since each of them stops facial recognition in the cases it covers", False,
                   "That reads every restriction as a ban. None of them forbids facial recognition outright; each "
                   "asks whether it is needed for this purpose."),
            Choice("A necessity test", True,
                   "Right: the use is allowed only if it is needed for its purpose, and not where a less intrusive "
                   "method would do."),
            Choice("Licensing, since the collector must satisfy an authority before it starts", False,
                   "That confuses justifying a use with asking permission first. Licensing means prior permission "
                   "to operate; these provisions ask whether the use is needed at all, usually after the fact."),
            Choice("Registration, since the collector has to file a record with a regulator", False,
                   "That mixes in the 2023 CAC draft, which proposed filing for large face stores. Art. 28 asks a "
                   "different question: is the use necessary?"),
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
        "In the explorer, ticking \"offer an alternative\" lowers refusals but, at the default assumptions, raises "
        "the number of impostors who get a number. Why?",
        (
            Choice("Because an alternative to facial recognition is always less secure than a face match", False,
                   "That takes a model's assumption for a fact about the world. It depends on how good the "
                   "alternative is: set its stop rate equal to the face match's and see what happens."),
            Choice("Because genuine customers who choose the alternative are counted as impostors", False,
                   "That misreads the model. It keeps genuine customers and impostors apart; the extra "
                   "impostors are real impostors getting through."),
            Choice("Because the 2025 Measures require operators to accept any alternative a customer offers", False,
                   "That misreads the Measures: people who refuse must be offered reasonable alternatives where "
                   "another method can achieve the purpose; nothing says an alternative must be weak."),
            Choice("The model assumes impostors pick the weaker check, and the alternative stops fewer", True,
                   "Yes. It is an assumption, and the lesson asks you to change it: if the alternative stopped "
                   "impostors as well as the face match does, fraud would not rise."),
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
