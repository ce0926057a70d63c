"""Realistic submissions for ps2 (auditing for demographic differentials): what real students hand in.

Each entry: ``base`` ("solution": the instructor's answers; "blank": the released notebook),
``answers`` (answer cells replaced, by grade id) and ``scores`` (the autograded score every
tests cell must get).  Later questions are checked against the student's own functions and
results, so most slips cost one tests cell only.  Every answer works on any term's variant: the
threshold and targets are named, question 4(b)'s claims are picked by their words, and question 5's
groups are read from the student's own tables.
"""

from realistic_submissions import SOLUTION

ASSIGNMENT = "ps2-demographic-audit"

FULL = {"q1-tests": 3, "q2a-tests": 2, "q2b-tests": 1, "q3a-tests": 2, "q3b-tests": 2, "q4a-tests": 2,
        "q4b-first-tests": 1, "q4b-second-tests": 1, "q4b-third-tests": 1,
        "q5-global-tests": 1, "q5-equal-fmr-tests": 1, "q5-equal-fnmr-tests": 1, "q5-labels-tests": 1}
REASONING = [k for k in FULL if k.startswith(("q4b", "q5"))]


def pick(openings: tuple) -> str:
    """Question 4(b) chosen by the opening words of each claim (each term shows them under other letters)."""
    return f"supported_claims = {{k for k, text in CLAIMS.items() if text.startswith({openings!r})}}\n"


RIGHT_CLAIMS = ("On the Pilot Parliaments", "For each service", "Services that were not")

SUBMISSIONS = {
    # Loops over groups, sorts instead of idxmax, writes its own threshold search (ps1-style),
    # maps per-group thresholds onto rows, scans rows with idxmax/idxmin: different code, same answers.
    "correct-written-differently": {
        "base": "blank",
        "answers": {
            "q1-answer": "def group_error_rates(scores, threshold):\n"
                         "    rows = {}\n"
                         "    for group, sub in scores.groupby(\"group\"):\n"
                         "        imp = sub[sub[\"comparison\"] == \"impostor\"][\"score\"]\n"
                         "        gen = sub[sub[\"comparison\"] == \"genuine\"][\"score\"]\n"
                         "        rows[group] = {\"fmr\": (imp >= threshold).mean(), \"fnmr\": (gen < threshold).mean()}\n"
                         "    return pd.DataFrame(rows).T\n",
            "q2a-answer": "def worst_best_ratio(rates):\n"
                          "    rates = rates.sort_values()\n"
                          "    best, worst = rates.index[0], rates.index[-1]\n"
                          "    if rates.iloc[0] == 0:\n"
                          "        return (1.0 if rates.iloc[-1] == 0 else float(\"inf\")), worst, best\n"
                          "    return rates.iloc[-1] / rates.iloc[0], worst, best\n",
            "q2b-answer": "rates_global = group_error_rates(scores, threshold=GLOBAL_THRESHOLD)\n"
                          "fmr_ratio, fmr_worst, fmr_best = worst_best_ratio(rates_global.fmr)\n"
                          "fnmr_ratio, fnmr_worst, fnmr_best = worst_best_ratio(rates_global.fnmr)\n"
                          "print(rates_global)\n",
            "q3a-answer": "def equal_fmr_thresholds(scores, target_fmr):\n"
                          "    out = {}\n"
                          "    for g, sub in scores[scores.comparison == \"impostor\"].groupby(\"group\"):\n"
                          "        s = np.sort(sub.score.to_numpy())[::-1]\n"
                          "        k = int(target_fmr * len(s) + 1e-9)   # how many may pass\n"
                          "        out[g] = 0.0 if k >= len(s) else s[k] + 1e-9\n"
                          "    return pd.Series(out)\n",
            "q3b-answer": "thresholds_equal_fmr = equal_fmr_thresholds(scores, TARGET_FMR)\n"
                          "own_t = scores[\"group\"].map(thresholds_equal_fmr)\n"
                          "m = scores.assign(match=scores.score >= own_t)\n"
                          "rates_equal_fmr = pd.DataFrame({\n"
                          "    \"fmr\": m[m.comparison == \"impostor\"].groupby(\"group\").match.mean(),\n"
                          "    \"fnmr\": 1 - m[m.comparison == \"genuine\"].groupby(\"group\").match.mean()})\n"
                          "print(rates_equal_fmr)\n",
            "q4a-answer": "def largest_gap(table):\n"
                          "    best_so_far = None\n"
                          "    for name in table[\"classifier\"].unique():\n"
                          "        rows = table[table[\"classifier\"] == name]\n"
                          "        hi = rows.loc[rows[\"error_rate_percent\"].idxmax()]\n"
                          "        lo = rows.loc[rows[\"error_rate_percent\"].idxmin()]\n"
                          "        gap = hi[\"error_rate_percent\"] - lo[\"error_rate_percent\"]\n"
                          "        if best_so_far is None or gap > best_so_far[\"gap_pp\"]:\n"
                          "            ratio = hi[\"error_rate_percent\"] / lo[\"error_rate_percent\"] if lo[\"error_rate_percent\"] > 0 else math.inf\n"
                          "            best_so_far = {\"classifier\": name, \"worst\": hi[\"subgroup\"], \"best\": lo[\"subgroup\"],\n"
                          "                           \"gap_pp\": gap, \"ratio\": ratio}\n"
                          "    return best_so_far\n",
            "q4b-answer": "supported_claims = [k.lower() for k, c in CLAIMS.items()\n"
                          "                    if c.startswith(%r)]\n" % (RIGHT_CLAIMS,),
            "q5-answer": "def worst(col):\n"
                         "    return col.sort_values().index[-1]\n"
                         "who_pays = {\n"
                         "    'global': {'refused_most': worst(rates_global.fnmr), 'impersonated_most': worst(rates_global.fmr)},\n"
                         "    'equal FMR': {'refused_most': worst(rates_equal_fmr.fnmr), 'impersonated_most': GROUP_ANSWERS[-1]},\n"
                         "    'equal FNMR': {'refused_most': GROUP_ANSWERS[-1], 'impersonated_most': worst(equal_fnmr_table.fmr)},\n"
                         "}\n"
                         "needs_group_labels = [c for c in CRITERIA if c != 'global']\n",
            "q6-answer": "I would require equal FNMR (option c) ...",
        },
        "scores": FULL,
    },
    # Computes FNMR as the share of genuine scores at or above the threshold (the genuine *match*
    # rate). The visible example happens to pass (group Y has one genuine score on each side);
    # the boundary case and other data catch it.  Questions 2 and 3 are checked against the
    # student's own function, so the slip costs question 1 only.
    "misconception-fnmr-is-genuine-match-rate": {
        "base": "solution",
        "answers": {
            "q1-answer": "def group_error_rates(scores, threshold):\n"
                         "    matched = scores.assign(match=scores[\"score\"] >= threshold)\n"
                         "    by_group = matched.groupby([\"group\", \"comparison\"])[\"match\"].mean().unstack()\n"
                         "    return pd.DataFrame({\"fmr\": by_group[\"impostor\"], \"fnmr\": by_group[\"genuine\"]})\n",
        },
        "scores": {**FULL, "q1-tests": 0},
    },
    # Reads the Gender Shades figures as face-matching errors (the misconception lesson 03 warns
    # about): accepts the claims about a phone-shop check and about false match rates, and judges the
    # others right.  Two of the three tests cells fail; the one without a face-matching claim passes.
    "misconception-gender-shades-is-face-matching": {
        "base": "solution",
        "answers": {
            "q4b-answer": pick(RIGHT_CLAIMS + ("A phone-shop face check", "The gaps in the table")),
        },
        "scores": {**FULL, "q4b-first-tests": 0, "q4b-third-tests": 0},
    },
    # Reads the equal-FMR table as if the criterion equalised nothing, and names the group with the
    # (tied, by design) highest FMR; thinks only equal FNMR needs group labels, "because it sorts
    # customers by how often they are refused".  Right about one global threshold.
    "misconception-equal-by-design-missed": {
        "base": "solution",
        "answers": {
            "q5-answer": SOLUTION + "who_pays['equal FMR']['impersonated_most'] = str(rates_equal_fmr['fmr'].idxmax())\n"
                                    "needs_group_labels = {'equal FNMR'}\n",
        },
        "scores": {**FULL, "q5-equal-fmr-tests": 0, "q5-labels-tests": 0},
    },
    # Strong in pandas, guessing the reasoning: every claim chosen, and one group named everywhere.
    "guess-one-value-everywhere": {
        "base": "solution",
        "answers": {
            "q4b-answer": "supported_claims = set(CLAIMS)\n",
            "q5-answer": "who_pays = {c: {'refused_most': 'A', 'impersonated_most': 'A'} for c in CRITERIA}\n"
                         "needs_group_labels = set(CRITERIA)\n",
        },
        "scores": {**FULL, **{k: 0 for k in REASONING}},
    },
    # Returns percentages (x 100) from question 1.  Ratios do not change with the scale, and the
    # rates in 3(b) come from the same function, so only question 1 loses its points.
    "partly-right-percent-not-share": {
        "base": "solution",
        "answers": {
            "q1-answer": "def group_error_rates(scores, threshold):\n"
                         "    matched = scores.assign(match=scores[\"score\"] >= threshold)\n"
                         "    by_group = matched.groupby([\"group\", \"comparison\"])[\"match\"].mean().unstack()\n"
                         "    return pd.DataFrame({\"fmr\": 100 * by_group[\"impostor\"], \"fnmr\": 100 * (1 - by_group[\"genuine\"])})\n",
        },
        "scores": {**FULL, "q1-tests": 0},
    },
    # Forgets the special cases of worst_best_ratio: 0/0 gives nan instead of 1.0.  The division
    # by a zero best rate happens to give inf (numpy floats), so question 4 is unaffected.
    "partly-right-ratio-without-special-cases": {
        "base": "solution",
        "answers": {
            "q2a-answer": "def worst_best_ratio(rates):\n"
                          "    return rates.max() / rates.min(), rates.idxmax(), rates.idxmin()\n",
        },
        "scores": {**FULL, "q2a-tests": 0},
    },
    # Chooses each group's threshold from all its scores, genuine pairs included.  The visible
    # example has impostor rows only, so it passes; other data catch it.  3(b) is checked against
    # the student's own thresholds, so it keeps its points.
    "partly-right-thresholds-from-all-scores": {
        "base": "solution",
        "answers": {
            "q3a-answer": "def equal_fmr_thresholds(scores, target_fmr):\n"
                          "    return scores.groupby(\"group\")[\"score\"].agg(lambda s: fc.verification.threshold_for_fmr(s, target_fmr))\n",
        },
        "scores": {**FULL, "q3a-tests": 0},
    },
    # Hard-codes answers that satisfy the visible examples only, hands in an empty set for 4(b) and one
    # criterion for 5(a); remembers from lesson 03 which criteria need group labels.
    "hard-coded-visible-tests": {
        "base": "blank",
        "answers": {
            "q1-answer": "def group_error_rates(scores, threshold):\n"
                         "    return pd.DataFrame({\"fmr\": [0.5, 1.0], \"fnmr\": [0.0, 0.5]}, index=[\"X\", \"Y\"])\n",
            "q2a-answer": "def worst_best_ratio(rates):\n    return 4.0, \"Y\", \"X\"\n",
            "q2b-answer": "rates_global = group_error_rates(scores, GLOBAL_THRESHOLD)\n"
                          "fmr_ratio, fmr_worst, fmr_best = worst_best_ratio(rates_global[\"fmr\"])\n"
                          "fnmr_ratio, fnmr_worst, fnmr_best = worst_best_ratio(rates_global[\"fnmr\"])\n",
            "q3a-answer": "def equal_fmr_thresholds(scores, target_fmr):\n"
                          "    return pd.Series({\"X\": 0.85, \"Y\": 0.425})\n",
            "q4a-answer": "def largest_gap(table):\n"
                          "    return {\"classifier\": \"Q\", \"worst\": \"u\", \"best\": \"v\", \"gap_pp\": 24.0, \"ratio\": 5.0}\n",
            "q4b-answer": "supported_claims = set()\n",
            "q5-answer": "who_pays = {'global': {'refused_most': GROUP_ANSWERS[-1], 'impersonated_most': GROUP_ANSWERS[-1]}}\n"
                         "needs_group_labels = {'equal FMR', 'equal FNMR'}\n",
        },
        "scores": {**{k: 0 for k in FULL}, "q5-labels-tests": 1},
    },
}
