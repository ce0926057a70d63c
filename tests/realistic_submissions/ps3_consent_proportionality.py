"""Realistic submissions for ps3 (consent, necessity, proportionality): what real students hand in.

Each entry: ``base`` ("solution": the instructor's answers; "blank": the released notebook),
``answers`` (answer cells replaced, by grade id) and ``scores`` (the autograded score every
tests cell must get).  Question 1 is marked per scenario, question 2 per pair of scenarios,
so each mistake costs only the scenario it is in.
"""

ASSIGNMENT = "ps3-consent-proportionality"

FULL = {"q1-park-china-tests": 1, "q1-sim-china-tests": 1, "q1-compound-china-tests": 1,
        "q1-metro-china-tests": 1, "q1-metro-eu-tests": 1, "q1-school-eu-tests": 1,
        "q2-private-china-tests": 1, "q2-sim-metro-china-tests": 1, "q2-eu-tests": 1,
        "q3-function-tests": 2, "q3-share-tests": 1}

SUBMISSIONS = {
    # Builds the answers as one dict literal, takes the other defensible choices where the law is
    # open (forced consent is invalid at the park and the compound; the SIM check's alternative
    # exists but is not offered), cites lists rather than sets and more provisions than the
    # solution; question 3 written with a loop and a value_counts-style share.
    "correct-written-differently": {
        "base": "blank",
        "answers": {
            "q1-answer": "classification = {\n"
                         "    'park-china': {'consent': 'consent not valid here', 'alternative': 'exists but not offered'},\n"
                         "    'sim-china': {'consent': 'not the basis: a law requires it', 'alternative': 'exists but not offered'},\n"
                         "    'compound-china': {'consent': 'consent not valid here', 'alternative': 'exists but not offered'},\n"
                         "    'metro-china': {'consent': 'separate consent required', 'alternative': 'offered by the design'},\n"
                         "    'metro-eu': {'consent': 'separate consent required', 'alternative': 'offered by the design'},\n"
                         "    'school-eu': {'consent': 'consent not valid here', 'alternative': 'offered by the design'},\n"
                         "}\n",
            "q2-answer": "cited = {\n"
                         "    'park-china': ['CN-PIPL-28', 'CN-PIPL-29', 'CN-PIPL-26', 'CN-GUO-2020', 'CN-SPC-2021-ART2'],\n"
                         "    'sim-china': ['CN-CSL-24', 'CN-MIIT-2019', 'CN-PIPL-13', 'CN-PIPL-28', 'CN-PIPL-29', 'CN-CAC-MPS-2025'],\n"
                         "    'compound-china': ['CN-SPC-2021-ART10', 'CN-PIPL-28', 'CN-PIPL-29'],\n"
                         "    'metro-china': ['CN-PIPL-26', 'CN-PIPL-28', 'CN-PIPL-29', 'CN-SPC-2021-ART2'],\n"
                         "    'metro-eu': ['EU-GDPR-4-14', 'EU-GDPR-9-1', 'EU-GDPR-9-2-A'],\n"
                         "    'school-eu': ['EU-GDPR-9-1', 'EU-GDPR-5-1-C', 'EU-GDPR-7-4', 'EU-SE-SKELLEFTEA-2019'],\n"
                         "}\n",
            "q3-answer": "def cited_ids(tests_table, scenario, jurisdiction, basis=None):\n"
                         "    found = set()\n"
                         "    for _, row in tests_table.iterrows():\n"
                         "        if row['scenario'] != scenario or row['jurisdiction'] != jurisdiction:\n"
                         "            continue\n"
                         "        if basis is not None and row['basis'] != basis:\n"
                         "            continue\n"
                         "        for part in row['provision_ids'].split(';'):\n"
                         "            if part.strip():\n"
                         "                found.add(part.strip())\n"
                         "    return sorted(found)\n",
            "q3b-answer": "stated_share = {}\n"
                          "for j in tests['jurisdiction'].unique():\n"
                          "    part = tests[tests['jurisdiction'] == j]\n"
                          "    stated_share[j] = (part['basis'] == 'stated in a provision or ruling').sum() / len(part)\n",
            "q4-answer": "Case: the safari park. Aim: ...",
        },
        "scores": FULL,
    },
    # Misconception: "if you agreed, it's fine" -- consent treated as the answer to everything,
    # including the phone shop and the Swedish school; alternatives never looked for.  Gets the
    # optional metro right in China and the EU, and the park/compound consent, but not their
    # alternatives.  Question 2 and 3 right.
    "misconception-consent-solves-everything": {
        "base": "solution",
        "answers": {
            "q1-answer": "classification = {}\n"
                         "for sid in SCENARIOS:\n"
                         "    classification[sid] = {'consent': 'separate consent required', 'alternative': 'not established'}\n"
                         "classification['metro-china']['alternative'] = 'offered by the design'\n"
                         "classification['metro-eu']['alternative'] = 'offered by the design'\n",
        },
        "scores": {**FULL, "q1-park-china-tests": 0, "q1-sim-china-tests": 0, "q1-compound-china-tests": 0,
                   "q1-school-eu-tests": 0},
    },
    # Misconception: treats the Guo Bing rulings and the Skellefteå decision as general rules and
    # cites them for every similar use (the park rulings for the compound, Skellefteå for the
    # metro).  Question 1 right.
    "misconception-rulings-as-general-rules": {
        "base": "solution",
        "answers": {
            "q2-answer": "cited = {\n"
                         "    'park-china': {'CN-PIPL-28', 'CN-PIPL-29', 'CN-GUO-2020', 'CN-GUO-2021'},\n"
                         "    'sim-china': {'CN-CSL-24', 'CN-MIIT-2019', 'CN-PIPL-13'},\n"
                         "    'compound-china': {'CN-PIPL-28', 'CN-PIPL-29', 'CN-SPC-2021-ART10', 'CN-GUO-2021'},\n"
                         "    'metro-china': {'CN-PIPL-28', 'CN-PIPL-29'},\n"
                         "    'metro-eu': {'EU-GDPR-9-1', 'EU-GDPR-9-2-A', 'EU-SE-SKELLEFTEA-2019'},\n"
                         "    'school-eu': {'EU-GDPR-9-1', 'EU-GDPR-5-1-C', 'EU-SE-SKELLEFTEA-2019'},\n"
                         "}\n",
        },
        "scores": {**FULL, "q2-private-china-tests": 0, "q2-eu-tests": 0},
    },
    # Partly right: mixes up the two Chinese gates -- thinks the optional metro has no alternative
    # (confusing "alternative" with "a rule requiring one") and cites only PIPL Art. 29 for the
    # compound, missing the SPC rule on property managers.
    "partly-right-gates-confused": {
        "base": "solution",
        "answers": {
            "q1-answer": "classification = {}\n"
                         "classification['park-china'] = {'consent': 'separate consent required', 'alternative': 'exists but not offered'}\n"
                         "classification['sim-china'] = {'consent': 'not the basis: a law requires it', 'alternative': 'not established'}\n"
                         "classification['compound-china'] = {'consent': 'separate consent required', 'alternative': 'exists but not offered'}\n"
                         "classification['metro-china'] = {'consent': 'separate consent required', 'alternative': 'exists but not offered'}\n"
                         "classification['metro-eu'] = {'consent': 'separate consent required', 'alternative': 'offered by the design'}\n"
                         "classification['school-eu'] = {'consent': 'consent not valid here', 'alternative': 'exists but not offered'}\n",
            "q2-answer": "cited = {\n"
                         "    'park-china': {'CN-PIPL-28', 'CN-PIPL-29'},\n"
                         "    'sim-china': {'CN-CSL-24', 'CN-MIIT-2019'},\n"
                         "    'compound-china': {'CN-PIPL-28', 'CN-PIPL-29'},\n"
                         "    'metro-china': {'CN-PIPL-28', 'CN-PIPL-29'},\n"
                         "    'metro-eu': {'EU-GDPR-9-1', 'EU-GDPR-9-2-A'},\n"
                         "    'school-eu': {'EU-GDPR-9-1', 'EU-GDPR-5-1-C', 'EU-SE-SKELLEFTEA-2019'},\n"
                         "}\n",
        },
        "scores": {**FULL, "q1-metro-china-tests": 0, "q2-private-china-tests": 0},
    },
    # Partly right: question 3's function forgets to strip spaces after splitting on ";" (so ids
    # come back as " CN-GUO-2021") and ignores basis; the share is given as a percentage.
    "partly-right-split-and-percent": {
        "base": "solution",
        "answers": {
            "q3-answer": "def cited_ids(tests_table, scenario, jurisdiction, basis=None):\n"
                         "    rows = tests_table[(tests_table.scenario == scenario) & (tests_table.jurisdiction == jurisdiction)]\n"
                         "    return sorted(set(';'.join(rows.provision_ids).split(';'))) if len(rows) else []\n",
            "q3b-answer": "stated_share = tests.groupby('jurisdiction')['basis'].apply(\n"
                          "    lambda b: 100 * (b == 'stated in a provision or ruling').mean())\n",
        },
        "scores": {**FULL, "q3-function-tests": 0, "q3-share-tests": 0},
    },
    # Hard-coded to the visible tests: the first allowed choice everywhere, one valid id of the
    # right jurisdiction per scenario, and a cited_ids that returns the toy table's answers.
    "hard-coded-visible-tests": {
        "base": "blank",
        "answers": {
            "q1-answer": "classification = {sid: {'consent': CONSENT_CHOICES[0], 'alternative': ALTERNATIVE_CHOICES[0]}\n"
                         "                  for sid in SCENARIOS}\n",
            "q2-answer": "cited = {sid: {'CN-PIPL-28'} if sid.endswith('china') else {'EU-GDPR-9-1'} for sid in SCENARIOS}\n",
            "q3-answer": "def cited_ids(tests_table, scenario, jurisdiction, basis=None):\n"
                         "    if scenario == 'pay':\n"
                         "        return []\n"
                         "    return ['A-1'] if basis else ['A-1', 'B-2']\n",
            "q3b-answer": "stated_share = {j: 0.5 for j in tests['jurisdiction'].unique()}\n",
        },
        "scores": {**{k: 0 for k in FULL}, "q1-metro-china-tests": 1, "q1-metro-eu-tests": 1},
    },
}
