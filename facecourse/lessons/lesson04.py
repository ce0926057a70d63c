"""Lesson 04 (Consent and the safari park): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

import textwrap

from ..data import COURSE_READINGS, LEGAL_JURISDICTIONS, READING_BASES, load_dataset
from ..models import legal
from ..quiz import Choice, ChoiceQuestion, NumberQuestion  # noqa: F401

QUESTIONS = [
    ChoiceQuestion(
        "04.1",
        "Why did the Fuyang court order Hangzhou Safari Park to delete the photo Guo Bing had submitted?",
        (
            Choice("Facial recognition was banned in China at the time, so the park could not keep the photo", False,
                   "That assumes China banned face recognition. The court relied on no ban; the later rules in "
                   "this lesson regulate face recognition (separate consent, necessity, alternatives) rather than "
                   "forbid it."),
            Choice("The PIPL requires separate consent for biometrics, and the park had never asked for it", False,
                   "That puts a later law into an earlier case. The PIPL came into force on 1 November 2021, a "
                   "year after this ruling; Guo relied on contract and consumer-rights law."),
            Choice("Guo had never agreed to give a photo, so the park was holding it without his consent", False,
                   "That makes the case about consent. He had agreed: he enrolled his fingerprints and a photo "
                   "when he bought the pass in April 2019. The court asked a different question."),
            Choice("Collecting it went beyond what was necessary: the agreed way in was his fingerprint", True,
                   "Right: the court reasoned from necessity. The contract already had a way to check who was at "
                   "the gate, so the face added nothing the park needed."),
        ),
    ),
    ChoiceQuestion(
        "04.2",
        "A gym asks members to register their faces to get in, although their key cards already open the door. "
        "One member happily agrees. Reasoning as the Fuyang court and PIPL Art. 28 do, what follows?",
        (
            Choice("It is lawful for her, because she gave her consent freely and nobody pressed her", False,
                   "That treats consent as the whole test. Necessity is a test consent cannot pass for you: a "
                   "use can be consented to and still be unnecessary."),
            Choice("Her yes does not settle it: the scan must also be necessary, and the cards do the job", True,
                   "Right. The Fuyang court asked whether the park needed the face at all, given the fingerprint; "
                   "PIPL Art. 28 asks for \"sufficient necessity\" whatever the person says."),
            Choice("It is unlawful, because Chinese law forbids faces as the way into a building", False,
                   "That stretches a narrow rule into a ban. The SPC interpretation (Art. 10) stops property "
                   "managers making faces the only way in; it does not forbid face entry everywhere."),
            Choice("It is lawful if the gym puts up a prominent sign saying that cameras are in use", False,
                   "That takes a sign for consent. PIPL Art. 26 asks for signs on public-place cameras used for "
                   "public security; a sign is not consent, and it does not make a use necessary."),
        ),
    ),
    ChoiceQuestion(
        "04.3",
        "A shopping mall wants its cameras to recognise loyalty-scheme members at the entrance, so that their "
        "discounts apply without a card. It will rely on consent. Which design fits China's PIPL (in force "
        "November 2021)?",
        (
            Choice("Members are told why faces are needed and how it affects them, agree on a separate form, and "
                   "can still use a card", True,
                   "Right: informed (Arts. 14 and 30: why it is needed, and its effect on them), separate (Art. 29) "
                   "and free, because a member who says no keeps the discounts (Art. 16). With the card still on "
                   "offer, the face is an option, as in the explorer's metro-payment row."),
            Choice("Members agree to face recognition in a clause of the scheme's terms, accepted when they join",
                   False,
                   "That is bundled consent, which 'separate' rules out (Art. 29): agreement to the use of your "
                   "face must be given on its own and explicitly (Art. 14), not inside everything else."),
            Choice("Members are told why faces are needed and sign a separate written consent form; those who "
                   "refuse lose the discounts", False,
                   "That takes separate consent for free consent. Art. 16 bars refusing a service because someone "
                   "says no, unless the processing is necessary for it, and the card shows it is not."),
            Choice("A prominent sign at each entrance tells everyone that the cameras recognise members' faces",
                   False,
                   "That takes a sign for consent. Art. 26 asks for signs on public-place cameras, which may be used "
                   "only for public security; a sign tells people, but nobody has agreed to anything."),
        ),
    ),
    ChoiceQuestion(
        "04.4",
        "A customer registering a new SIM in China cannot refuse the face check and still get a number. "
        "What makes that lawful, in the lesson's account?",
        (
            Choice("The customer's separate consent, given by signing the registration form at the counter", False,
                   "That finds consent where there is none: consent that cannot be refused without losing the "
                   "service is not free, and the rule does not rest on it."),
            Choice("A legal obligation: CSL Art. 24 and the MIIT notice; PIPL Art. 13 needs no consent for it", True,
                   "Yes. Consent is not the basis, so the questions move to the law itself: is a face match "
                   "necessary and proportionate to its stated aims, and how is the data protected?"),
            Choice("The 2025 Measures, which make face recognition the standard way to check an identity", False,
                   "That turns the Measures around: face recognition may not be the sole method where another "
                   "method achieves the same purpose. How that applies to a mandated check is open."),
            Choice("Nothing: under the PIPL a face may never be processed without the person's consent", False,
                   "That takes consent for the only lawful basis. The PIPL lists others, including performing "
                   "statutory obligations (Art. 13)."),
        ),
    ),
    ChoiceQuestion(
        "04.5",
        "Illinois's BIPA says biometrics need special protection because, unlike a social security number, they "
        "cannot be changed once compromised. What follows for consent?",
        (
            Choice("That a yes is enough protection, since a person who agrees accepts the risk of a leak", False,
                   "That treats consent as handing over the risk. The finding is a reason for more care before and "
                   "after a yes: written notice of purpose and retention, a release, and deletion, as the Chinese courts "
                   "ordered."),
            Choice("That consent cannot make collecting biometrics lawful, so BIPA bans it outright", False,
                   "That turns a reason for care into a ban. BIPA sets conditions (written notice and a written "
                   "release); none of the laws in this lesson bans collection outright."),
            Choice("Little for faces: a face is on show in public anyway, so a scan of it reveals nothing new",
                   False,
                   "That confuses being seen with being identified. BIPA protects a \"scan of face geometry\": "
                   "a template that can be matched anywhere, and that you cannot change if it leaks."),
            Choice("A yes lasts: what you are told of purpose, retention and deletion matters more", True,
                   "Right. That is why BIPA asks for written notice of purpose and retention and a written "
                   "release, and why a deletion order like the one in Guo's case matters."),
        ),
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

def safari_park_case_timeline() -> str:
    """Lesson 04: the dates of Guo Bing's case and what followed, with the days between.

    The filing date comes from the events timeline; the rulings and later rules from ``legal_provisions``.
    """
    ev = load_dataset("events_timeline")
    prov = load_dataset("legal_provisions").set_index("provision_id")["date"]
    filed = ev[(ev["kind"] == "court") & ev["event"].str.contains("Guo Bing")]["date"].min()
    steps = [
        ("Guo Bing files at the Fuyang District People's Court", filed),
        ("First-instance ruling (Fuyang District People's Court)", prov["CN-GUO-2020"]),
        ("Appeal ruling (Hangzhou Intermediate People's Court)", prov["CN-GUO-2021"]),
        ("Supreme People's Court interpretation in force", prov["CN-SPC-2021"]),
        ("Personal Information Protection Law in force", prov["CN-PIPL-29"]),
        ("CAC/MPS facial recognition Measures in force", prov["CN-CAC-MPS-2025"]),
    ]
    lines = ["Guo Bing v. Hangzhou Safari Park and what followed (days after filing):"]
    for label, date in steps:
        lines.append(f"  {date:%d %b %Y}  {label:<56} {(date - filed).days:>5} days")
    return "\n".join(lines)


def consent_scenario_counts() -> str:
    """Lesson 04: the provisions by jurisdiction, and the course's readings of 5 uses × 3 jurisdictions."""
    prov, scen, tests = legal.provisions(), legal.scenarios(), legal.scenario_tests()
    lines = [f"Provisions, rulings and decisions in the dataset: {len(prov)}"]
    for j in LEGAL_JURISDICTIONS:
        lines.append(f"  {j:<26} {int((prov['jurisdiction'] == j).sum())}")
    lines.append("The course's readings (uses of a face × jurisdiction):")
    short = {"China": "China", "European Union": "EU", "Illinois (United States)": "Illinois"}
    lines.append(f"  {'':<66}" + "".join(f"{short[j]:>9}" for j in LEGAL_JURISDICTIONS))
    for r in COURSE_READINGS:
        counts = [int(((scen["course_reading"] == r) & (scen["jurisdiction"] == j)).sum()) for j in LEGAL_JURISDICTIONS]
        lines.append(f"  {r:<66}" + "".join(f"{c:>9}" for c in counts))
    for name, table in (("readings", scen), ("test rows", tests)):
        n = {b: int((table["basis"] == b).sum()) for b in READING_BASES}
        lines.append(f"{name.capitalize()} stated in a provision or ruling: {n[READING_BASES[0]]} of {len(table)}; "
                     f"the course's reading: {n[READING_BASES[1]]}")
    return "\n".join(lines)


_SHORT = {"China": "China", "European Union": "EU", "Illinois (United States)": "Illinois"}


def _reading_lines(use: str, jurisdiction: str) -> list[str]:
    r = legal.reading(use, jurisdiction)
    tests = legal.tests_for(use, jurisdiction)
    lines = [f"  {_SHORT[jurisdiction]:<9}{r['course_reading']} ({r['basis']})"]
    for role in ("decisive", "displaced by mandate"):
        part = tests[tests["role"] == role]
        if len(part):
            named = "; ".join(f"{t.test} [{', '.join(legal.split_list(t.provision_ids))}]" for t in part.itertuples())
            lines += textwrap.wrap(f"{role}: {named}", 96, initial_indent=" " * 11, subsequent_indent=" " * 13,
                                   break_long_words=False, break_on_hyphens=False)
    return lines


def consent_worked_numbers() -> str:
    """The reveal after the consent explorer's tasks: the readings the tasks ask about, then the counts."""
    lines = ["Task 1: park entry"]
    lines += _reading_lines("park entry", "China")
    lines.append("Task 2: park entry elsewhere")
    for j in ("Illinois (United States)", "European Union"):
        lines += _reading_lines("park entry", j)
    lines.append("Task 3: SIM registration")
    for j in LEGAL_JURISDICTIONS:
        lines += _reading_lines("SIM registration", j)
    lines.append("Task 4: metro payment")
    for j in LEGAL_JURISDICTIONS:
        lines += _reading_lines("metro payment", j)
    return "\n".join(lines) + "\n\n" + consent_scenario_counts()
