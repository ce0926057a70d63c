"""ps3 (consent, necessity, proportionality): this term's version of the six scenarios.

Two scenarios have a deciding fact that each term draws (is there another way to get the paper, or to
collect a child?), and with it the answers that follow; the hypothetical scenarios' numbers change too.
The sourced facts of the real cases never change.  The answer sets below are what the hidden tests
accept: where the law is open, every defensible answer (as the notebook's comments explain).
"""

from __future__ import annotations

SEPARATE, NOT_VALID, MANDATE = "separate consent required", "consent not valid here", "not the basis: a law requires it"
OFFERED, NOT_OFFERED, OPEN = "offered by the design", "exists but not offered", "not established"
# The reasons of question 2, in the order the notebook lists them.
REASONS = (
    "a court or a law has authorised it, so the people scanned need not consent",
    "a face is sensitive data: using it needs the person's separate consent",
    "before a face is processed, people must be told why it is needed and how it affects them",
    "a 'yes' given because refusing costs the person the service is not free",
    "a face may not be required where another way does the job: people who refuse must be offered it",
    "cameras that identify people in a public place may serve public security only, unless people separately consent",
    "identifying people by their face is prohibited unless an exception applies, and none does here",
    "where the operator has power over the person, consent cannot be the basis",
    "a law requires the check, so consent is not the basis",
)
AUTHORISED, R_SEPARATE, TOLD, NOT_FREE, NOT_NEEDED, PUBLIC, PROHIBITED, POWER, R_MANDATE = REASONS

# The two versions of each drawn fact: the sentence the scenario says, and the answers that follow.
TOILET = {
    "staff": ("Staff at the toilets also hand paper to anyone who would rather not be scanned.",
              (SEPARATE,), (OFFERED,),
              (("CN-PIPL-26", PUBLIC), ("CN-PIPL-28", NOT_NEEDED), ("CN-PIPL-29", R_SEPARATE), ("CN-SPC-2021", R_SEPARATE))),
    "machine only": ("There are no staff at the toilets: the machine is the only way to get paper.",
                     (SEPARATE, NOT_VALID), (NOT_OFFERED,),
                     (("CN-PIPL-26", PUBLIC), ("CN-PIPL-28", NOT_NEEDED), ("CN-PIPL-16", NOT_FREE),
                      ("CN-CAC-MPS-2025", NOT_NEEDED))),
}
KINDERGARTEN = {
    "card": ("An adult who has not registered a face can still collect a child by showing the kindergarten's "
             "pick-up card to the teacher at the gate, who checks it against the parents' list.",
             (SEPARATE,), (OFFERED,),
             (("CN-PIPL-29", R_SEPARATE), ("CN-SPC-2021", R_SEPARATE), ("CN-CAC-MPS-2025", NOT_NEEDED))),
    "face only": ("There is no other way: an adult whose face is not registered cannot collect a child.",
                  (SEPARATE, NOT_VALID), (NOT_OFFERED,),
                  (("CN-PIPL-16", NOT_FREE), ("CN-SPC-2021", NOT_FREE), ("CN-CAC-MPS-2025", NOT_NEEDED))),
}
# Question 3: (purpose, real alternatives, safeguards of the same system, notice or consent for it).
OPTIONS = {
    "showroom-china": (
        ("count visitors with a door counter that captures no faces, and ask at the desk whether they have been before",
         "replace the cameras with an optional loyalty card that returning customers may show"),
        ("recognise faces only on a computer in the showroom, with the templates encrypted",
         "delete each visitor's face template after 30 days"),
        ("put up a sign at the door saying that faces are recognised",
         "ask each visitor to tick a consent box on a tablet before the camera scans them")),
    "clockin-eu": (
        ("go back to personal badges, with a supervisor checking the list at the start of each shift",
         "have a supervisor sign each employee in at the start of the shift"),
        ("store a template of each face instead of the photo",
         "delete an employee's face data when they leave the company"),
        ("put a poster beside each terminal explaining the purpose",
         "renew each employee's explicit consent every year")),
}
DEFAULT = {"TOILET": "staff", "KINDERGARTEN": "card", "CHILDREN": 180, "EMPLOYEES": 240,
           "OPTION_ORDER": {"showroom-china": (2, 4, 0, 5, 3, 1), "clockin-eu": (4, 1, 3, 0, 5, 2)}}
MUST_DIFFER = ("CHILDREN", "EMPLOYEES", "OPTION_ORDER")


def draw(rng) -> dict:
    return {"TOILET": str(rng.choice(list(TOILET))), "KINDERGARTEN": str(rng.choice(list(KINDERGARTEN))),
            "CHILDREN": int(rng.choice([120, 150, 210, 240])), "EMPLOYEES": int(rng.choice([150, 320, 480, 600])),
            "OPTION_ORDER": {s: tuple(int(i) for i in rng.permutation(6)) for s in OPTIONS}}


def ok(p: dict) -> bool:
    return True


def _options(p: dict, scenario: str) -> list[str]:
    real, safeguards, notices = OPTIONS[scenario]
    flat = [*real, *safeguards, *notices]
    return [flat[i] for i in p["OPTION_ORDER"][scenario]]


def cells(p: dict) -> dict[str, str]:
    lines = []
    for scenario in OPTIONS:
        lines.append(f"    {scenario!r}: {{")
        lines += [f"        {n}: {text!r}," for n, text in enumerate(_options(p, scenario), start=1)]
        lines.append("    },")
    return {"q3-options": ("OPTIONS = {\n" + "\n".join(lines) + "\n}\nfor scenario, options in OPTIONS.items():\n"
                           "    print(scenario)\n    for number, option in options.items():\n"
                           "        print(f\"  {number}. {option}\")")}


def values(p: dict) -> dict:
    toilet, kinder = TOILET[p["TOILET"]], KINDERGARTEN[p["KINDERGARTEN"]]
    out = {"toilet_fact": toilet[0], "kindergarten_fact": kinder[0], "children": str(p["CHILDREN"]),
           "employees": str(p["EMPLOYEES"])}
    for key, (fact, consent, alternative, deciding) in (("toilet", toilet), ("kindergarten", kinder)):
        out |= {f"{key}_consent": consent, f"{key}_alternative": alternative, f"{key}_deciding": deciding,
                f"{key}_solution": {"consent": consent[0], "alternative": alternative[0]},
                f"{key}_deciding_solution": deciding[0]}
    for scenario, (real, safeguards, notices) in OPTIONS.items():
        number = {text: n for n, text in enumerate(_options(p, scenario), start=1)}
        key = scenario.split("-")[0]
        out |= {f"{key}_real": frozenset(number[t] for t in real), f"{key}_safeguards": frozenset(number[t] for t in safeguards),
                f"{key}_notices": frozenset(number[t] for t in notices)}
    return out
