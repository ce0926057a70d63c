"""Lesson 04 (Consent and the safari park): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

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
            Choice("Her yes does not settle it: the scan may be unnecessary while the cards do the job", True,
                   "Right. The Fuyang court asked whether the park needed the face at all, given the fingerprint; "
                   "PIPL Art. 28 asks for \"sufficient necessity\" whatever the person says."),
            Choice("It is unlawful, because Chinese law forbids faces as a way of entering any building", False,
                   "That stretches a narrow rule into a ban. The SPC interpretation (Art. 10) stops property "
                   "managers making faces the only way in; it does not forbid face entry everywhere."),
            Choice("It is lawful if the gym puts up a prominent sign saying that cameras are in use", False,
                   "That takes a sign for consent. PIPL Art. 26 asks for signs on public-place cameras used for "
                   "public security; a sign is not consent, and it does not make a use necessary."),
        ),
    ),
    ChoiceQuestion(
        "04.3",
        "A shopping mall wants to recognise returning customers' faces for its loyalty scheme, relying on their "
        "consent. Under China's PIPL (in force 1 November 2021), what does it need?",
        (
            Choice("A prominent sign at each entrance, since cameras in public places only need a sign", False,
                   "That misreads Art. 26. Signs are required for cameras in public places, which may be used "
                   "only for public security; any other use of their images needs the person's separate consent."),
            Choice("A clause in the scheme's terms and conditions, which customers accept when they join", False,
                   "That is bundled consent, exactly what 'separate' consent rules out: agreement to the use of "
                   "your face must be given on its own, not with everything else."),
            Choice("Nothing special: a face shown in a public mall is public information anyway", False,
                   "That treats a visible face as public data. The law treats facial information as biometric and "
                   "sensitive, whoever can see your face."),
            Choice("A specific purpose, sufficient necessity and each customer's separate consent", True,
                   "Right: biometrics are sensitive personal information (Art. 28), which needs a specific purpose, "
                   "sufficient necessity and strict protection, and separate consent (Art. 29)."),
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
            Choice("The 2025 Measures, which require face recognition wherever an identity is checked", False,
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
            Choice("Nothing special: consent works the same way for a face as for a password", False,
                   "That overlooks permanence. A leaked password can be reset; a leaked face cannot, so each "
                   "consent commits you for longer."),
            Choice("That biometric data can never be collected lawfully, whatever people agree to", False,
                   "That turns a reason for care into a ban. None of the laws in this lesson bans collection "
                   "outright; they set conditions."),
            Choice("That people whose data leaks can protect themselves by changing how they look", False,
                   "That misses the point of the finding: you cannot change your face in any way that defeats face "
                   "recognition, which is why BIPA says the person \"has no recourse\"."),
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
