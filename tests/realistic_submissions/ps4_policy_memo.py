"""Realistic submissions for ps4 (policy memo: uniqueness, k-anonymity, linkage, one figure).

Each entry: ``base`` ("solution": the instructor's answers; "blank": the released notebook),
``answers`` (answer cells replaced, by grade id) and ``scores`` (the autograded score every
tests cell must get).  Every answer works on any term's town: the join's columns are named (LINK_ON)
and question 6's claims are picked by their words, not by the letters a term gives them.
"""

ASSIGNMENT = "ps4-policy-memo"

FULL = {"q1-tests": 2, "q2-tests": 2, "q3-tests": 2, "q4-function-tests": 2, "q4-numbers-tests": 1,
        "q5-form-tests": 1, "q5-data-tests": 2, "q6-first-tests": 1, "q6-second-tests": 1, "q6-third-tests": 1,
        "q7-delete-image-tests": 1, "q7-no-joins-tests": 1, "q7-staff-check-tests": 1, "q7-group-audit-tests": 1}
REASONING = [k for k in FULL if k.startswith(("q6", "q7"))]
RIGHT_CLAIMS = ("Taking names and ID numbers out", "The trips of a re-identified", "The town's numbers show")


def pick(openings: tuple) -> str:
    """Question 6 chosen by the opening words of each claim (each term shows them under other letters)."""
    return f"supported = {{k for k, text in CLAIMS.items() if text.startswith({openings!r})}}\n"


MEMO = ("**To:** MIIT. **Recommendation:** keep the face match at the counter, delete the image after the check, "
        "and forbid linking the record to other systems ...")

SUBMISSIONS = {
    # duplicated(keep=False), value_counts, an inner join counted per log row, a Series of shares and a
    # plotly express bar chart of percentages: different code from the solution, same answers.
    "correct-written-differently": {
        "base": "blank",
        "answers": {
            "q1-answer": "def share_unique(df, columns):\n"
                         "    has_twin = df.duplicated(subset=list(columns), keep=False)\n"
                         "    return float((~has_twin).sum() / len(df))\n",
            "q2-answer": "def share_unique_as_added(df, attributes):\n"
                         "    out = {}\n"
                         "    for i, a in enumerate(attributes):\n"
                         "        out[a] = share_unique(df, attributes[:i + 1])\n"
                         "    return pd.Series(out)\n",
            "q2-shares-answer": "shares_by_step = share_unique_as_added(registry, ATTRIBUTES)\n"
                                "print(shares_by_step)\n",
            "q3-answer": "def k_anonymity(df, columns):\n"
                         "    return df.value_counts(list(columns)).min()\n",
            "q3-k-answer": "k_by_step = []\n"
                         "for i in range(len(ATTRIBUTES)):\n"
                         "    k_by_step.append(k_anonymity(registry, ATTRIBUTES[:i + 1]))\n"
                         "print(k_by_step)\n",
            "q4-answer": "def count_linked_to_one(registry_df, log_df, columns):\n"
                         "    log = log_df[columns].reset_index(drop=True)\n"
                         "    log['row'] = range(len(log))\n"
                         "    pairs = log.merge(registry_df[columns], on=columns, how='inner')\n"
                         "    per_row = pairs.groupby('row').size()\n"
                         "    return int((per_row == 1).sum())\n",
            "q4-numbers-answer": "accounts_linked = count_linked_to_one(registry, facepay, LINK_ON)\n"
                         "matches = registry.value_counts(LINK_ON).rename('n').reset_index()\n"
                         "both = facepay.merge(matches, on=LINK_ON)\n"
                         "trips_linked = both[both.n == 1].trips_in_week.sum()\n"
                         "print(accounts_linked, trips_linked)\n",
            "q5-answer": "fig = px.bar(x=STEP_LABELS, y=[round(100 * s, 4) for s in shares_by_step],\n"
                         "             labels={'x': 'what is known about each person', 'y': 'people unique (%)'},\n"
                         "             title='Each fact added leaves fewer people hidden (SYNTHETIC town)')\n"
                         "fig.show()\n",
            "q6-answer": "supported = [k.lower() for k, c in CLAIMS.items() if c.startswith(%r)]\n" % (RIGHT_CLAIMS,),
            "q7-answer": "prevents = dict(zip(SAFEGUARDS, HARMS[:4]))  # in the same order\n",
            "q8-answer": MEMO,
        },
        "scores": FULL,
    },
    # The classic pandas slip: df.duplicated() with its default keep="first" marks only the *second*
    # and later rows of a group, so "not duplicated" counts one person per combination — the share of
    # distinct combinations, not of people alone.  Question 1's tests catch it; questions 2 and 5 are
    # checked against the student's own function and shares, so the slip is not marked again.
    "misconception-distinct-combinations-not-people": {
        "base": "solution",
        "answers": {
            "q1-answer": "def share_unique(df, columns):\n"
                         "    return float((~df.duplicated(subset=columns)).mean())\n",
        },
        "scores": {**FULL, "q1-tests": 0},
    },
    # Joins the log to the registry and counts the rows of the join (one row per matching *pair*),
    # then sums the trips over that join, so ambiguous accounts count several times.
    "misconception-counts-rows-of-the-join": {
        "base": "solution",
        "answers": {
            "q4-answer": "def count_linked_to_one(registry_df, log_df, columns):\n"
                         "    return len(log_df.merge(registry_df, on=columns))\n",
            "q4-numbers-answer": "joined = facepay.merge(registry, on=LINK_ON)\n"
                         "accounts_linked = count_linked_to_one(registry, facepay, LINK_ON)\n"
                         "trips_linked = int(joined['trips_in_week'].sum())\n",
        },
        "scores": {**FULL, "q4-function-tests": 0, "q4-numbers-tests": 0},
    },
    # k as the average group size (people / groups): right on the two visible examples, wrong elsewhere.
    "partly-right-k-is-average-group-size": {
        "base": "solution",
        "answers": {
            "q3-answer": "def k_anonymity(df, columns):\n"
                         "    return len(df) // df.groupby(columns).ngroups\n",
        },
        "scores": {**FULL, "q3-tests": 0},
    },
    # Everything computed right, but the figure's y axis says "Uniqueness" with no units, and the
    # trips are summed over every account that matches anyone, not only those matching exactly one.
    "partly-right-figure-without-units-and-all-trips": {
        "base": "solution",
        "answers": {
            "q4-numbers-answer": "accounts_linked = count_linked_to_one(registry, facepay, LINK_ON)\n"
                         "trips_linked = int(facepay.merge(registry[LINK_ON].drop_duplicates(), on=LINK_ON)"
                         "['trips_in_week'].sum())\n",
            "q5-answer": "fig = go.Figure(go.Scatter(x=STEP_LABELS, y=shares_by_step))\n"
                         "fig.update_layout(title='Uniqueness in the synthetic town', xaxis_title='attribute added',\n"
                         "                  yaxis_title='Uniqueness')\n"
                         "fig.show()\n",
        },
        "scores": {**FULL, "q4-numbers-tests": 0, "q5-form-tests": 0},
    },
    # Answers shaped to the visible tests: the tiny tables are recognised by their size, the "dataset's"
    # numbers typed in from lesson 06's printout (rounded) — but lesson 06 prints another town, so none
    # of them is this assignment's — and the figure drawn from them.  Every visible test passes; the
    # hidden tests on other tables and exact values fail.
    "hard-coded-visible-tests": {
        "base": "blank",
        "answers": {
            "q1-answer": "def share_unique(df, columns):\n"
                         "    if len(df) == 4:\n"
                         "        return 0.5 if len(columns) == 1 else 1.0\n"
                         "    return 0.01\n",
            "q2-answer": "def share_unique_as_added(df, attributes):\n"
                         "    if len(df) > 1000:\n"
                         "        return [0.0, 0.0, 0.01, 0.414, 0.964, 0.995]\n"
                         "    return [0.5, 1.0]\n",
            "q2-shares-answer": "shares_by_step = share_unique_as_added(registry, ATTRIBUTES)\n",
            "q3-answer": "def k_anonymity(df, columns):\n"
                         "    return 1 if len(df) == 4 else 2\n",
            "q3-k-answer": "k_by_step = [519, 249, 1, 1, 1, 1]\n",
            "q4-answer": "def count_linked_to_one(registry_df, log_df, columns):\n"
                         "    return 1\n",
            "q4-numbers-answer": "accounts_linked = 3406  # 'about 96%' of 3,548\n"
                         "trips_linked = 24603\n",
            "q5-answer": "fig = go.Figure(go.Bar(x=STEP_LABELS, y=[0, 0, 1, 41, 96, 99.5]))\n"
                         "fig.update_layout(title='People unique as attributes are added', xaxis_title='attributes',\n"
                         "                  yaxis_title='people unique (%)')\n",
        },
        "scores": {**{k: 0 for k in FULL}, "q5-form-tests": 1},
    },
    # Plots the shares (0 to 1) but labels the axis "(%)": a regulator would read 96% as under 1%.
    # The form test passes (there is a unit); the hidden data test names the mismatch.
    "misconception-percent-label-on-shares": {
        "base": "solution",
        "answers": {
            "q5-answer": "fig = go.Figure(go.Bar(x=STEP_LABELS, y=shares_by_step))\n"
                         "fig.update_layout(title='Who can be singled out in the synthetic town',\n"
                         "                  xaxis_title='attributes known', yaxis_title='people unique (%)')\n"
                         "fig.show()\n",
        },
        "scores": {**FULL, "q5-data-tests": 0},
    },
    # Ends the figure cell with `fig = fig.show()`, so fig is None: both figure tests fail with a
    # message saying so; everything else is right.
    "partly-right-fig-is-none": {
        "base": "solution",
        "answers": {
            "q5-answer": "fig = px.line(x=STEP_LABELS, y=shares_by_step, markers=True, title='Share unique',\n"
                         "              labels={'x': 'attributes known', 'y': 'share of people unique'})\n"
                         "fig = fig.show()\n",
        },
        "scores": {**FULL, "q5-form-tests": 0, "q5-data-tests": 0},
    },
    # "No names means anonymous", and k = 1 read as "everyone is hidden in a crowd of at least 1":
    # judges the claims about pseudonymity and k wrongly, the others right.
    "misconception-pseudonymous-is-anonymous": {
        "base": "solution",
        "answers": {
            "q6-answer": pick(RIGHT_CLAIMS[1:] + ("A table whose k is 1",)),
        },
        "scores": {**FULL, "q6-first-tests": 0, "q6-second-tests": 0},
    },
    # Thinks an audit of error rates catches fraudsters, and mixes up linkage with a breach.
    "misconception-safeguards-stop-fraud": {
        "base": "solution",
        "answers": {
            "q7-answer": "prevents = {'delete image': HARMS[0], 'no joins': HARMS[0], 'staff check': HARMS[2],\n"
                         "            'group audit': HARMS[4]}\n",
        },
        "scores": {**FULL, "q7-no-joins-tests": 0, "q7-group-audit-tests": 0},
    },
    # Strong in pandas, guessing the reasoning: every claim chosen, and one harm for every safeguard.
    "guess-one-value-everywhere": {
        "base": "solution",
        "answers": {
            "q6-answer": "supported = set(CLAIMS)\n",
            "q7-answer": "prevents = {k: HARMS[0] for k in SAFEGUARDS}\n",
        },
        "scores": {**FULL, **{k: 0 for k in REASONING}, "q7-delete-image-tests": 1},
    },
    # Hands in nothing: every tests cell fails.
    "blank-handed-in": {
        "base": "blank",
        "answers": {},
        "scores": {k: 0 for k in FULL},
    },
}
