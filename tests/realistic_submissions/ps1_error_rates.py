"""Realistic submissions for ps1 (error rates at national scale): what real students hand in.

Each entry: ``base`` ("solution": the instructor's answers; "blank": the released notebook),
``answers`` (answer cells replaced, by grade id) and ``scores`` (the autograded score every
tests cell must get).  Every answer works on any term's variant: thresholds and targets are named
(FIXED_THRESHOLD, TARGET_FMR), and question 7's statements are picked by their words, not by the
letters a term gives them.
"""

ASSIGNMENT = "ps1-error-rates"

FULL = {"q1-tests": 2, "q2-tests": 2, "q3-tests": 3, "q4-rates-tests": 1, "q4-threshold-tests": 1, "q5-tests": 3,
        "q6-li-tests": 1, "q6-cousin-tests": 1, "q6-stolen-tests": 1, "q6-old-photo-tests": 1,
        "q7-first-tests": 1, "q7-second-tests": 1, "q7-third-tests": 1}
REASONING = [k for k in FULL if k.startswith(("q6", "q7"))]

# Question 7, chosen by the opening words of each statement (each term shows them under other letters).
def pick(openings: tuple) -> str:
    return f"supported = {{k for k, text in STATEMENTS.items() if text.startswith({openings!r})}}\n"

RIGHT_STATEMENTS = ("Raising the threshold", "If the assumed impostor share", "The counts in question 5")

SUBMISSIONS = {
    # Plain Python loops and sorted() instead of numpy, a dict literal of lists for question 6, and
    # question 7 as a list: different code, same answers.
    "correct-written-differently": {
        "base": "blank",
        "answers": {
            "q1-answer": "def false_match_rate(impostor_scores, threshold):\n"
                         "    scores = list(impostor_scores)\n"
                         "    hits = 0\n"
                         "    for s in scores:\n"
                         "        if s >= threshold:\n"
                         "            hits += 1\n"
                         "    return hits / len(scores)\n",
            "q2-answer": "def false_non_match_rate(genuine_scores, threshold):\n"
                         "    scores = list(genuine_scores)\n"
                         "    return sum(1 for s in scores if s < threshold) / len(scores)\n",
            "q3-answer": "def threshold_for_fmr(impostor_scores, target_fmr):\n"
                         "    ordered = sorted(impostor_scores, reverse=True)\n"
                         "    may_pass = int(target_fmr * len(ordered) + 1e-9)\n"
                         "    if may_pass >= len(ordered):\n"
                         "        return 0.0\n"
                         "    # just above the highest score that must be turned away (scores have 4 decimals)\n"
                         "    return ordered[may_pass] + 1e-9\n",
            "q4-answer": "fmr_fixed, fnmr_fixed = false_match_rate(impostor, FIXED_THRESHOLD), false_non_match_rate(genuine, FIXED_THRESHOLD)\n"
                         "threshold_target = threshold_for_fmr(impostor, TARGET_FMR)\n"
                         "fmr_target = false_match_rate(impostor, threshold_target)\n"
                         "fnmr_target = false_non_match_rate(genuine, threshold_target)\n"
                         "print(threshold_target, fmr_target, fnmr_target)\n",
            "q5-answer": "impostors = ASSUMED_REGISTRATIONS_PER_YEAR * ASSUMED_IMPOSTOR_SHARE\n"
                         "refused_per_year = (ASSUMED_REGISTRATIONS_PER_YEAR - impostors) * fnmr_target\n"
                         "impostors_accepted_per_year = impostors * fmr_target\n",
            "q6-answer": "at_the_counter = {\n"
                         "    'li': ['false non-match', 'the customer at the counter'],\n"
                         "    'cousin': ['false match', 'the person whose ID card was used'],\n"
                         "    'stolen': ['correct rejection', 'nobody: there was no error'],\n"
                         "    'old-photo': ['correct acceptance', 'nobody: there was no error'],\n"
                         "}\n",
            "q7-answer": "supported = [k.lower() for k, text in STATEMENTS.items() if text.startswith(%r)]\n"
                         % (RIGHT_STATEMENTS,),
            "q8-answer": "About one genuine customer in twenty is refused at this threshold ...",
        },
        "scores": FULL,
    },
    # Counts a score equal to the threshold as a non-match (> instead of >=) in both rates: the
    # boundary cases in the tests catch it; question 3 and later are checked on the student's own
    # functions and threshold, so the slip is not marked again.
    "misconception-strict-inequality": {
        "base": "solution",
        "answers": {
            "q1-answer": "def false_match_rate(impostor_scores, threshold):\n"
                         "    s = np.asarray(impostor_scores, dtype=float)\n"
                         "    return float(np.mean(s > threshold))\n",
            "q2-answer": "def false_non_match_rate(genuine_scores, threshold):\n"
                         "    s = np.asarray(genuine_scores, dtype=float)\n"
                         "    return float(np.mean(s <= threshold))\n",
        },
        "scores": {**FULL, "q1-tests": 0, "q2-tests": 0},
    },
    # Returns a count instead of a share in question 1; the rest right.  Later questions are
    # checked against the student's own functions, but question 4's visible test ("a rate is a
    # share between 0 and 1") fails on the count: the student was told before submitting.
    "partly-right-count-not-share": {
        "base": "solution",
        "answers": {
            "q1-answer": "def false_match_rate(impostor_scores, threshold):\n"
                         "    return int(np.sum(np.asarray(impostor_scores) >= threshold))\n",
        },
        "scores": {**FULL, "q1-tests": 0, "q4-rates-tests": 0},
    },
    # Applies the false non-match rate to every registration, impostors included.
    "misconception-all-registrations-genuine": {
        "base": "solution",
        "answers": {
            "q5-answer": "refused_per_year = ASSUMED_REGISTRATIONS_PER_YEAR * fnmr_target\n"
                         "impostors_accepted_per_year = ASSUMED_REGISTRATIONS_PER_YEAR * ASSUMED_IMPOSTOR_SHARE\\\n"
                         "    * false_match_rate(impostor, threshold_target)\n",
        },
        "scores": {**FULL, "q5-tests": 0},
    },
    # Gives up on question 3 and types in a threshold read off lesson 02's explorer.
    "partly-right-threshold-typed-in": {
        "base": "solution",
        "answers": {
            "q3-answer": "def threshold_for_fmr(impostor_scores, target_fmr):\n"
                         "    return 0.7\n",
        },
        "scores": {**FULL, "q3-tests": 0},
    },
    # Returns 1.0 whatever the scores and the target ("the strictest threshold has no false matches"):
    # the visible test now catches it.  Question 4 uses the function consistently, so only 3 loses.
    "hard-coded-constant-threshold": {
        "base": "solution",
        "answers": {
            "q3-answer": "def threshold_for_fmr(impostor_scores, target_fmr):\n"
                         "    return 1.0\n",
        },
        "scores": {**FULL, "q3-tests": 0},
    },
    # Hard-codes questions 1 and 2 to satisfy the visible examples only; the rest right.  Later
    # answers use these functions consistently, so only questions 1 and 2 lose their points.
    "hard-coded-visible-tests": {
        "base": "solution",
        "answers": {
            "q1-answer": "def false_match_rate(impostor_scores, threshold):\n    return 0.5\n",
            "q2-answer": "def false_non_match_rate(genuine_scores, threshold):\n    return 0.25\n",
        },
        "scores": {**FULL, "q1-tests": 0, "q2-tests": 0},
    },
    # "The cost falls on whoever stands at the counter": the impostor with the cousin's card bears the
    # false match, and the thief who is turned away bears the refusal.  Two events lost.
    "misconception-costs-fall-at-the-counter": {
        "base": "solution",
        "answers": {
            "q6-answer": "at_the_counter = {}\n"
                         "at_the_counter['li'] = ('false non-match', 'the customer at the counter')\n"
                         "at_the_counter['cousin'] = ('false match', 'the customer at the counter')\n"
                         "at_the_counter['stolen'] = ('false non-match', 'the customer at the counter')\n"
                         "at_the_counter['old-photo'] = ('correct acceptance', 'nobody: there was no error')\n",
        },
        "scores": {**FULL, "q6-cousin-tests": 0, "q6-stolen-tests": 0},
    },
    # Reads the rates as facts about people: a false match rate as the share of customers who are
    # impostors, and the synthetic rates as those of real shops.  Right about the other four statements,
    # so it keeps the one tests cell whose two statements it judges right.
    "misconception-rates-as-facts-about-people": {
        "base": "solution",
        "answers": {
            "q7-answer": pick(RIGHT_STATEMENTS + ("A target of", "The rates you computed")),
        },
        "scores": {**FULL, "q7-first-tests": 0, "q7-third-tests": 0},
    },
    # Strong in numpy, guessing the reasoning: one answer for every event and every statement chosen.
    # The computations earn their 12 points; the 7 points of structured reasoning earn 1.
    "guess-one-value-everywhere": {
        "base": "solution",
        "answers": {
            "q6-answer": "at_the_counter = {e: ('false match', 'the person whose ID card was used')\n"
                         "                  for e in ('li', 'cousin', 'stolen', 'old-photo')}\n",
            "q7-answer": "supported = set(STATEMENTS)\n",
        },
        "scores": {**FULL, **{k: 0 for k in REASONING}, "q6-cousin-tests": 1},
    },
}
