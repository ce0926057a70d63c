"""Realistic submissions for ps1 (error rates at national scale): what real students hand in.

Each entry: ``base`` ("solution": the instructor's answers; "blank": the released notebook),
``answers`` (answer cells replaced, by grade id) and ``scores`` (the autograded score every
tests cell must get).
"""

ASSIGNMENT = "ps1-error-rates"

FULL = {"q1-tests": 2, "q2-tests": 2, "q3-tests": 3, "q4-rates-tests": 1, "q4-threshold-tests": 1, "q5-tests": 3}

SUBMISSIONS = {
    # Plain Python loops and sorted() instead of numpy: different code, same answers.
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
            "q4-answer": "fmr_060, fnmr_060 = false_match_rate(impostor, 0.6), false_non_match_rate(genuine, 0.6)\n"
                         "threshold_1000 = threshold_for_fmr(impostor, 1 / 1000)\n"
                         "fmr_1000 = false_match_rate(impostor, threshold_1000)\n"
                         "fnmr_1000 = false_non_match_rate(genuine, threshold_1000)\n"
                         "print(threshold_1000, fmr_1000, fnmr_1000)\n",
            "q5-answer": "impostors = ASSUMED_REGISTRATIONS_PER_YEAR * ASSUMED_IMPOSTOR_SHARE\n"
                         "refused_per_year = (ASSUMED_REGISTRATIONS_PER_YEAR - impostors) * fnmr_1000\n"
                         "impostors_accepted_per_year = impostors * fmr_1000\n",
            "q6-answer": "About one genuine customer in twenty is refused at this threshold ...",
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
            "q5-answer": "refused_per_year = ASSUMED_REGISTRATIONS_PER_YEAR * fnmr_1000\n"
                         "impostors_accepted_per_year = ASSUMED_REGISTRATIONS_PER_YEAR * ASSUMED_IMPOSTOR_SHARE\\\n"
                         "    * false_match_rate(impostor, threshold_1000)\n",
        },
        "scores": {**FULL, "q5-tests": 0},
    },
    # Gives up on question 3 and types the threshold read off lesson 02's explorer.
    "partly-right-threshold-typed-in": {
        "base": "solution",
        "answers": {
            "q3-answer": "def threshold_for_fmr(impostor_scores, target_fmr):\n"
                         "    return 0.7\n",
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
}
