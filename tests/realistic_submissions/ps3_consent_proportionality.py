"""Realistic submissions for ps3 (consent, necessity, proportionality): what real students hand in.

Each entry: ``base`` ("solution": the instructor's answers; "blank": the released notebook),
``answers`` (answer cells replaced, by grade id) and ``scores`` (the autograded score every
tests cell must get).  Questions 1 and 2 are marked per scenario and question 3 per part, so each
mistake costs only the point it is in.  Two scenarios' deciding facts change from term to term, and
with them the right answers: a mistake that is a change to a right answer therefore starts from
SOLUTION (this term's instructor answer) and changes what the student got wrong; question 3's
proposals are picked by their words, not by the numbers a term gives them.
"""

from realistic_submissions import SOLUTION

ASSIGNMENT = "ps3-consent-proportionality"

SCENARIOS = ("showroom", "toilet", "rideshare", "kindergarten", "supermarket", "clockin")
FULL = {**{f"q1-{s}-tests": 1 for s in SCENARIOS}, **{f"q2-{s}-tests": 1 for s in SCENARIOS},
        "q3-showroom-safeguards-tests": 1, "q3-showroom-notices-tests": 1,
        "q3-clockin-safeguards-tests": 1, "q3-clockin-notices-tests": 1}


def pick(**openings: tuple) -> str:
    """Question 3, each scenario's proposals chosen by their opening words."""
    lines = ["less_intrusive = {}"]
    for key, words in openings.items():
        sid = {"showroom": "showroom-china", "clockin": "clockin-eu"}[key]
        lines.append(f"less_intrusive[{sid!r}] = {{n for n, text in OPTIONS[{sid!r}].items() if text.startswith({words!r})}}")
    return "\n".join(lines) + "\n"


REAL = {"showroom": ("count visitors with a door counter", "replace the cameras with an optional loyalty card"),
        "clockin": ("go back to personal badges", "have a supervisor sign each employee in")}

SUBMISSIONS = {
    # Takes the other defensible answers where the law is open (a shopper's "yes" would not be free at
    # the supermarket; for the hypothetical mandate the alternative exists but is not offered), cites
    # other provisions that decide the same cases, and builds question 3 from the proposals' words.
    "correct-written-differently": {
        "base": "solution",
        "answers": {
            "q1-answer": SOLUTION + "classification['supermarket-spain'] = {'consent': 'consent not valid here',\n"
                                    "                                       'alternative': 'not established'}\n"
                                    "classification['rideshare-china']['alternative'] = 'exists but not offered'\n",
            "q2-answer": SOLUTION + "deciding['showroom-china'] = {'provision': 'CN-PIPL-29', 'reason': REASONS[1]}\n"
                                    "deciding['supermarket-spain'] = ['EU-GDPR-9-2-G', REASONS[6]]\n"
                                    "deciding['clockin-eu'] = ('EU-GDPR-5-1-C', REASONS[4])\n",
            "q3-answer": pick(**REAL),
            "q4-answer": "Case: the kindergarten's face gate. Aim: ...",
        },
        "scores": FULL,
    },
    # "If you agreed, it's fine": consent is the answer to everything, and separate consent is what
    # decides every case.  Right wherever the case does turn on separate consent; wrong for the
    # hypothetical mandate and for the employer, whose consent form cannot count.
    "misconception-consent-solves-everything": {
        "base": "solution",
        "answers": {
            "q1-answer": SOLUTION + "for sid in SCENARIOS:\n"
                                    "    classification[sid]['consent'] = 'separate consent required'\n",
            "q2-answer": SOLUTION + "deciding['rideshare-china'] = ('CN-PIPL-29', REASONS[1])\n"
                                    "deciding['clockin-eu'] = ('EU-GDPR-9-2-A', REASONS[1])\n",
        },
        "scores": {**FULL, "q1-rideshare-tests": 0, "q1-clockin-tests": 0, "q2-rideshare-tests": 0, "q2-clockin-tests": 0},
    },
    # Treats the rulings and decisions of lessons 04-05 as general rules: the Fuyang court's necessity
    # ruling for the Chinese cases, the Swedish school decision for the EU ones.  The mandate is right.
    "misconception-rulings-as-general-rules": {
        "base": "solution",
        "answers": {
            "q2-answer": SOLUTION + "for sid in ('showroom-china', 'toilet-china', 'kindergarten-china'):\n"
                                    "    deciding[sid] = ('CN-GUO-2020', REASONS[4])\n"
                                    "deciding['supermarket-spain'] = ('EU-SE-SKELLEFTEA-2019', REASONS[4])\n"
                                    "deciding['clockin-eu'] = ('EU-SE-SKELLEFTEA-2019', REASONS[7])\n",
        },
        "scores": {**FULL, "q2-showroom-tests": 0, "q2-toilet-tests": 0, "q2-kindergarten-tests": 0,
                   "q2-supermarket-tests": 0, "q2-clockin-tests": 0},
    },
    # Reads the supermarket's court orders as a law that authorises the scanning ("a court said so"),
    # and so as a basis that replaces consent.
    "misconception-court-orders-authorise-it": {
        "base": "solution",
        "answers": {
            "q1-answer": SOLUTION + "classification['supermarket-spain']['consent'] = 'not the basis: a law requires it'\n",
            "q2-answer": SOLUTION + "deciding['supermarket-spain'] = ('EU-GDPR-9-2-G', REASONS[0])\n",
        },
        "scores": {**FULL, "q1-supermarket-tests": 0, "q2-supermarket-tests": 0},
    },
    # Partly right on question 3: counts the safeguards (delete after 30 days, encrypt, templates) as
    # less intrusive means; keeps the notices and consent forms out.
    "partly-right-safeguards-as-alternatives": {
        "base": "solution",
        "answers": {
            "q3-answer": pick(showroom=REAL["showroom"] + ("recognise faces only on a computer", "delete each visitor's"),
                              clockin=REAL["clockin"] + ("store a template", "delete an employee's")),
        },
        "scores": {**FULL, "q3-showroom-safeguards-tests": 0, "q3-clockin-safeguards-tests": 0},
    },
    # Partly right on question 1: reads the showroom as "not established" (there might be no other way
    # to count returning visitors) although counting visitors, the purpose the company gave, needs no face.
    "partly-right-showroom-alternative": {
        "base": "solution",
        "answers": {
            "q1-answer": SOLUTION + "classification['showroom-china']['alternative'] = 'not established'\n",
        },
        "scores": {**FULL, "q1-showroom-tests": 0},
    },
    # Hard-coded to the visible tests: the first choice everywhere, one valid id of the right
    # jurisdiction with the first reason, every proposal in question 3.  The first choices happen to be
    # right for the hypothetical mandate in question 1; nothing else passes.
    "hard-coded-visible-tests": {
        "base": "blank",
        "answers": {
            "q1-answer": "classification = {sid: {'consent': CONSENT_CHOICES[0], 'alternative': ALTERNATIVE_CHOICES[0]}\n"
                         "                  for sid in SCENARIOS}\n",
            "q2-answer": "deciding = {sid: ('CN-PIPL-28' if sid.endswith('china') else 'EU-GDPR-9-1', REASONS[0])\n"
                         "            for sid in SCENARIOS}\n",
            "q3-answer": "less_intrusive = {sid: set(options) for sid, options in OPTIONS.items()}\n",
        },
        "scores": {**{k: 0 for k in FULL}, "q1-rideshare-tests": 1},
    },
}
