"""Lesson 08 (Governing faces): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace

from ..models.policy import GOVERNANCE_KINDS, REFERENCE, Assumptions, Design, evaluate, governance_events
from ..quiz import Choice, ChoiceQuestion, NumberQuestion, Prediction

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
        "A city rule says a gym may scan members' faces at its door only if no less intrusive way of checking "
        "membership would work, and the gym must show this if a member complains. Which regulatory design is "
        "this?",
        (
            Choice("A ban, since the rule stops the gym from scanning faces in the cases it covers", False,
                   "That reads every restriction as a ban. The rule does not forbid face scans; it allows them "
                   "where they are needed and asks the gym to justify them."),
            Choice("A necessity test: faces only where needed, with the burden on the gym to show it", True,
                   "Right: the use is allowed only if it is needed for its purpose and no less intrusive method "
                   "would do, and the collector carries the burden of showing it, as under PIPL Art. 28."),
            Choice("Licensing, since the gym has to satisfy an authority that its face scans are justified", False,
                   "That confuses justifying a use with asking permission first. Licensing means permission "
                   "before starting; here the gym justifies the scans only if a member complains, after the fact."),
            Choice("Consent, since members who join a gym that scans faces have agreed to be scanned", False,
                   "That reads joining as agreeing. The rule says nothing about members' agreement; it asks "
                   "whether a face is needed at all, whatever the members say."),
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
    ChoiceQuestion(
        "08.6",
        "The lesson lists three reported leaks of face or identity data in China between 2019 and 2022. Do they "
        "give the policy designer's chance a year that a store of face images is breached?",
        (
            Choice("Yes: about one leak a year was reported, so the chance should be set close to 100%", False,
                   "That takes a count of reported leaks for a rate per store. One a year across a whole country's "
                   "stores says little about the chance for any one store, and the number of stores is unknown."),
            Choice("Yes: so few leaks were reported that the chance must be well below the default of 2%", False,
                   "That takes an absence of reports for an absence of leaks. A leak counts only once someone "
                   "finds and publishes it, and in 2022 the hashtag about the leak was blocked on Weibo."),
            Choice("No: they count leaks found and published, the number of stores is unknown, and they differ",
                   True,
                   "Right: reference points, not a rate. They show that leaks happen at companies, in markets and "
                   "in the state's own systems, and that how much a store holds decides what a leak exposes."),
            Choice("No: the leaks were at a vendor, in a market and at the police, so they say nothing about operators",
                   False,
                   "That throws the reference points away. Leaks at a company, in a market and in the state's own "
                   "systems show that large stores of identity data do leak; they anchor a guess without giving a rate."),
        ),
    ),
]

PREDICTIONS = [
    Prediction(
        "08.p1",
        "From 1 December 2019 China required a face match for every new phone number. When do you guess China's "
        "law that makes biometric data \"sensitive personal information\", needing separate consent, came into "
        "force?",
        next_step="Now run the timeline below and do its three tasks; the worked numbers after them give the "
                  "answer.",
        choices=("years before the face-match rule", "in the same year, 2019", "about two years after it",
                 "it has not come into force yet"),
    ),
    Prediction(
        "08.p2",
        "The policy designer below can offer customers an alternative to the face scan (say, a clerk checks "
        "the ID). Under its default assumptions, what do you guess happens to the number of impostors who get a "
        "phone number when the alternative is offered?",
        next_step="Now read the reference points under the designer and do its four tasks; task 2 tests your "
                  "guess, and the worked numbers after the tasks give every figure.",
        choices=("it falls", "it stays about the same", "it rises a little", "it rises several times over"),
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

# The course's reading of task 3 (which rules ban a use, and which regulate how it is done): a judgment, so it
# is written here rather than computed, and the instructor notes say why the GDPR can be read either way.
BANS_AND_RULES = (
    ("a ban of a particular use", "San Francisco 2019 (city departments' use); the AI Act's prohibitions, "
                                  "applying from 2 February 2025"),
    ("rules on how a use is done", "BIPA 2008 (notice and written release); the GDPR (a prohibition with "
                                   "exceptions, so read it either way)"),
    ("a date, not a rule in itself", "the AI Act's entry into force, 1 August 2024"),
)


WIDTH = 96  # the reveal's lines wrap here, so that they fit a notebook column


def _wrap(text: str, indent: str = "        ") -> list[str]:
    return textwrap.wrap(text, WIDTH, subsequent_indent=indent)


def _months_between(a, b) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _day(d) -> str:
    return f"{d.day} {d:%B %Y}"


def timeline_worked_numbers() -> str:
    """The governance timeline's tasks worked: the order in China, standards and court events, and the counts."""
    ev = governance_events()
    china = ev[ev["jurisdiction"] == "China"]
    mandate = china[china["event"].str.startswith("The rule takes effect")].iloc[0]
    pipl = china[china["event"].str.startswith("Personal Information Protection Law")].iloc[0]
    lines = _wrap(f"Task 1: the face-match rule took effect on {_day(mandate['date'])}; the PIPL came into force on "
                  f"{_day(pipl['date'])}, {_months_between(mandate['date'], pipl['date'])} months later.")
    standards = ev[ev["kind"] == "standards"]
    count = "one standards event" if len(standards) == 1 else f"{len(standards)} standards events"
    lines += _wrap(f"Task 2: {count}: "
                   + "; ".join(f"{_day(r.date)}: {r.event}" for r in standards.itertuples()))
    lines.append("        court events (an individual's lawsuit, or a court's own interpretation):")
    for r in ev[ev["kind"] == "court"].itertuples():
        who = "the court's own interpretation" if "Supreme People's Court" in r.event else "a lawsuit"
        lines.append(f"          {r.date:%d %b %Y}  {r.jurisdiction:<14} {who}")
    lines.append("Task 3, the course's reading:")
    lines += [line for kind, rules in BANS_AND_RULES for line in _wrap(f"  {kind}: {rules}", "    ")]
    return "\n".join(lines) + "\n" + governance_timeline_counts()


def governance_timeline_counts() -> str:
    """Laws, standards and court rulings in the course timeline, by jurisdiction and kind."""
    ev = governance_events()
    years = ev["date"].dt.year
    lines = [f"Laws, regulations, standards and court rulings in the timeline: {len(ev)} ({years.min()}-{years.max()})"]
    table = ev.groupby(["jurisdiction", "kind"]).size().unstack(fill_value=0).reindex(columns=list(GOVERNANCE_KINDS),
                                                                                      fill_value=0)
    lines.append(f"  {'jurisdiction':<16}" + "".join(f"{k:>20}" for k in GOVERNANCE_KINDS))
    for j, row in table.iterrows():
        lines.append(f"  {j:<16}" + "".join(f"{int(n):>20}" for n in row))
    return "\n".join(lines)


def _row(design: Design, assumptions: Assumptions | None = None):
    return next(evaluate([design], assumptions).itertuples())


def policy_designer_worked_example() -> str:
    """Lesson 08: three designs under the policy designer's default ASSUMPTIONS (illustrative, not estimates)."""
    designs = {
        "A reference: scan all, keep images": REFERENCE,
        "B A + alternative + review": Design(alternative=True, human_review=True),
        "C B + on device, audit, deleted": Design(alternative=True, human_review=True, on_device=True, audit=True,
                                                  retention="deleted straight after the match"),
    }
    r = evaluate(list(designs.values()))
    lines = ["ILLUSTRATIVE MODEL under its default ASSUMPTIONS (no source gives these numbers), a year:",
             f"  {'design':<35}{'refused':>10}{'impostors':>11}{'face scans':>13}{'images held':>15}"
             f"{'review hours':>14}"]
    for name, row in zip(designs, r.itertuples()):
        lines.append(f"  {name:<35}{row.genuine_refused:>10,.0f}{row.impostors_through:>11,.0f}"
                     f"{row.face_scans:>13,.0f}{row.images_held:>15,.0f}{row.review_hours:>14,.0f}")
    return "\n".join(lines)


def designer_worked_numbers() -> str:
    """The policy designer's tasks worked at the default ASSUMPTIONS, then three designs for the whole class."""
    a = Assumptions()
    ref, review, alt = _row(REFERENCE), _row(Design(human_review=True)), _row(Design(alternative=True))
    strong = _row(Design(alternative=True), replace(a, alternative_stops_impostors=0.95))
    month, device = _row(Design(retention="kept 30 days")), _row(Design(on_device=True))
    said = [
        f"The reference design: {a.registrations_per_year:,.0f} registrations x (1 - {a.impostor_share:g}) genuine "
        f"x {a.face_fnmr:.0%} refused = {ref.genuine_refused:,.0f} still refused; {ref.impostors_through:,.0f} "
        "impostors get a number.",
        f"Task 1, human review: still refused {review.genuine_refused:,.0f}; impostors in "
        f"{review.impostors_through:,.0f}; {review.review_hours:,.0f} staff hours a year.",
        f"Task 2, an alternative: still refused {alt.genuine_refused:,.0f}; impostors in {alt.impostors_through:,.0f} "
        f"({alt.impostors_through / ref.impostors_through:.1f} times the reference). If the alternative stopped 95% "
        f"of impostors, as the face match does: {strong.impostors_through:,.0f}.",
        f"Task 3, keep less: images held {ref.images_held:,.0f} (reference), {month.images_held:,.0f} (30 days), "
        f"{device.images_held:,.0f} (on the device); images expected to be exposed a year {ref.images_exposed:,.0f}, "
        f"{month.images_exposed:,.0f}, {device.images_exposed:,.0f}. Refusals and impostors do not change.",
    ]
    for chance in (0.005, 0.2):
        r = _row(REFERENCE, replace(a, breach_chance_per_year=chance))
        said.append(f"Task 4, breach chance {chance:g}: the reference design exposes {r.images_exposed:,.0f} images a "
                    f"year (at {a.breach_chance_per_year:g}: {ref.images_exposed:,.0f}).")
    lines = [line for text in said for line in _wrap(text)]
    return "\n".join(lines) + "\n\nThree designs for the whole class:\n" + policy_designer_worked_example()
