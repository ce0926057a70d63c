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
            Choice("Collecting it went beyond what was necessary, because the agreed way in was fingerprints", True,
                   "Right: the court reasoned from necessity. The contract already had a way to check who was at "
                   "the gate, so the face added nothing the park needed."),
            Choice("Because facial recognition was banned in China at the time", False,
                   "The court did not rely on any ban. The later rules in this lesson regulate face recognition "
                   "(separate consent, necessity, alternatives) rather than forbid it."),
            Choice("Because the PIPL requires separate consent for biometrics", False,
                   "The PIPL came into force on 1 November 2021, a year after this ruling. Guo relied on contract "
                   "and consumer-rights law."),
            Choice("Because Guo had never agreed to give a photo", False,
                   "He had: he enrolled his fingerprints and a photo when he bought the pass in April 2019. The "
                   "question was whether collecting it was necessary."),
        ),
    ),
    ChoiceQuestion(
        "04.2",
        "What did the Hangzhou Intermediate People's Court add on appeal in April 2021?",
        (
            Choice("It also ordered the fingerprint data deleted, and held that biometric information is sensitive "
                   "personal information", True,
                   "Yes. The 1,038 yuan award stayed the same; the deletion order now covered both kinds of "
                   "biometric data."),
            Choice("It raised the damages to the full price of the passes", False,
                   "The award of 1,038 yuan was unchanged on appeal."),
            Choice("It overturned the ruling and let the park keep the photo", False,
                   "The appeal court upheld the first ruling and went further, not less far."),
            Choice("It banned the park from using facial recognition for anyone", False,
                   "The case concerned Guo's own data and contract; the court ordered deletion of his data."),
        ),
    ),
    ChoiceQuestion(
        "04.3",
        "Under China's PIPL (in force 1 November 2021), what does a business need before it processes your face "
        "on the basis of consent?",
        (
            Choice("Your separate consent, a specific purpose and sufficient necessity (Arts. 28-29)", True,
                   "Right: biometrics are sensitive personal information (Art. 28), which needs a specific purpose, "
                   "sufficient necessity and strict protection, and your separate consent (Art. 29)."),
            Choice("Only a notice on the door saying cameras are in use", False,
                   "Signs are required for cameras in public places (Art. 26), but a sign is not consent, and "
                   "such images may be used only for public security unless you consent separately."),
            Choice("Your agreement to the general terms and conditions", False,
                   "That is exactly what 'separate' consent rules out: agreement to faces must be given on its own, "
                   "not bundled with everything else."),
            Choice("Nothing: faces are public, since everyone can see them", False,
                   "The law treats facial information as biometric and sensitive, whoever can see your face."),
        ),
    ),
    ChoiceQuestion(
        "04.4",
        "A customer registering a new SIM in China cannot refuse the face check and still get a number. "
        "What makes that lawful, in the lesson's account?",
        (
            Choice("A legal obligation: the Cybersecurity Law (Art. 24) and the MIIT notice require it, and the PIPL "
                   "does not require consent where processing is necessary to perform a statutory obligation "
                   "(Art. 13)", True,
                   "Yes. Consent is not the basis, so the questions move to the law itself: is a face match "
                   "necessary and proportionate to its stated aims, and how is the data protected?"),
            Choice("The customer's separate consent, given at the counter", False,
                   "Consent that cannot be refused without losing the service is not free; the rule does not rest "
                   "on it."),
            Choice("The 2025 Measures, which require face recognition for phones", False,
                   "The 2025 Measures point the other way: face recognition may not be the sole method where "
                   "another method achieves the same purpose. How that applies to a mandated check is open."),
            Choice("Nothing: it is unlawful under the PIPL", False,
                   "The PIPL lists lawful bases other than consent, including performing statutory obligations."),
        ),
    ),
    ChoiceQuestion(
        "04.5",
        "Illinois's BIPA says biometrics need special protection because, unlike a social security number, they "
        "cannot be changed once compromised. What follows for consent?",
        (
            Choice("A single 'yes' commits you for good: a leaked face cannot be reissued, so what you are told "
                   "about purpose, retention and deletion matters more than for a password", True,
                   "Right. That is why BIPA asks for written notice of purpose and retention and a written release, "
                   "and why a deletion order like the one in Guo's case matters."),
            Choice("Nothing: consent works the same for every kind of data", False,
                   "Permanence raises the stakes of each consent: you cannot undo a leak by changing your face."),
            Choice("Biometric data can never be collected", False,
                   "None of the laws in this lesson bans collection outright; they set conditions."),
            Choice("People should change their appearance after a data breach", False,
                   "That is the point: you cannot, in any way that defeats face recognition."),
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
