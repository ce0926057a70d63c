"""Lesson 06 (From identity to surveillance): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

import pandas as pd

from ..data import WEEKDAYS, load_dataset, synthetic
from ..models import aggregation, linkage
from ..quiz import Choice, ChoiceQuestion, NumberQuestion, Prediction
from ..selfcheck import CodeAlong, Expect

QUESTIONS = [
    ChoiceQuestion(
        "06.1",
        "Which of these is the clearest example of function creep?",
        (
            Choice("A metro that charges fares by face extends face-pay from one line to every station in the city",
                   False,
                   "That takes the spread of one use for a new use. Every station still uses the face to charge the "
                   "fare riders signed up for; function creep is the move to a different purpose."),
            Choice("A phone shop's camera fails to match an elderly customer's face to her ID card", False,
                   "That mixes up an error with a new use. A false non-match (lesson 02) is a failure of the stated "
                   "purpose, not a different purpose."),
            Choice("Faces collected to verify SIM buyers are later searched to find people at a protest", True,
                   "Yes: data gathered for one stated purpose is put to a different one that was never part of the "
                   "original justification."),
            Choice("A bank asks a customer for a second ID document, and then for a face, when the first ID has "
                   "expired", False,
                   "That mistakes more evidence for a new purpose. Asking for more to verify the same person, for "
                   "the same service, is not function creep."),
        ),
    ),
    NumberQuestion(
        "06.2",
        "An area has 1,000 adults. Their birth dates span 50 years, and everyone's sex is recorded, so there are "
        "50 × 365 × 2 = 36,500 birth-date–sex combinations. If every combination were equally likely, about what "
        "percentage of the 1,000 would be unique? (Type a percentage, e.g. 42.)",
        answer=97.3,
        rel_tolerance=0.01,
        feedback_right="Right: exp(−999 / 36,500) ≈ 0.973, so about 97% would share their birth date and sex with "
                       "nobody else in the area.",
        feedback_wrong="Each person is unique if none of the other N − 1 people lands in their combination: "
                       "use exp(−(N − 1) / K) with N = 1,000 and K = 36,500, then turn it into a percentage.",
    ),
    ChoiceQuestion(
        "06.3",
        "In the synthetic town, with district, sex and full birth date known, fewer people are unique than the "
        "first-principles formula predicts. Why?",
        (
            Choice("The formula counts each person twice, once for each of the two datasets", False,
                   "That misreads the formula. It counts each person once: the chance that none of the other "
                   "N − 1 people falls in their combination."),
            Choice("Birth years cluster, so the common combinations are shared more than the formula assumes",
                   True,
                   "Yes: the formula assumes every combination is equally likely. The town has more people born "
                   "in the 1960s–80s than in the 1940s, so those combinations fill up and fewer people are alone."),
            Choice("The synthetic data contain typing errors in the birth dates, which create false pairs", False,
                   "That blames the data for a real effect. The synthetic data have no errors: they were generated "
                   "exactly as the datasheet says. Look at how birth years are distributed."),
            Choice("Adding full birth dates makes people less unique than knowing only the year and month", False,
                   "That runs the effect backwards: uniqueness rises as attributes get finer, because each one "
                   "splits the classes further."),
        ),
    ),
    ChoiceQuestion(
        "06.4",
        "An operator removes names and ID numbers from its face-pay log but keeps each account's district, sex and "
        "full birth date. Which one change would do most to stop the lesson's join from re-identifying the accounts?",
        (
            Choice("Give every account a new random number, so that no account can be traced back", False,
                   "That guards a door the join does not use. The join in the explorer matches on district, sex and "
                   "birth date; the account number plays no part in it, so 3,396 accounts are still named."),
            Choice("Drop the district column, since where someone lives is the strongest clue", False,
                   "That overrates one attribute. Without district, full birth date and sex still tie 2,019 of the "
                   "3,548 accounts to one person (town task 3): more than half."),
            Choice("Delete each account's trip count, so that the log shows nothing about movements", False,
                   "That mixes up identifying with revealing. The trip counts play no part in the join: every "
                   "account is still pinned to a person, and any later record can be joined the same way."),
            Choice("Record only each person's year of birth, not the full date with month and day", True,
                   "Right: on district, sex and birth year, 15 of the 3,548 accounts match exactly one person, "
                   "against 3,396 on the full date. Coarsening a quasi-identifier protects; hiding the name does not."),
        ),
    ),
    ChoiceQuestion(
        "06.5",
        "An essay must cite both of the lesson's accounts of Xinjiang. Which sentence gives each claim to the source "
        "that makes it?",
        (
            Choice("HRW reported that the phone-shop face check feeds the IJOP; the white paper denies this", False,
                   "That joins two systems the sources keep apart. HRW describes a police app and its platform, not "
                   "the phone-shop check, and the lesson found no source that links the two."),
            Choice("HRW counted one million people held in the camps; the white paper says they prevent extremism",
                   False,
                   "That turns an estimate into a count. HRW cited credible estimates of 'up to one million'; none of "
                   "the lesson's sources counted the people held, and the white paper gives no total."),
            Choice("HRW and the white paper agree that the centres were set up to prevent terrorism and extremism",
                   False,
                   "That merges the two accounts. Preventing terrorism and extremism is the purpose the white paper "
                   "gives; HRW describes mass surveillance and 'political education' camps. Cite each to its author."),
            Choice("HRW reported the app's 36 person types; the white paper says the centres prevent extremism", True,
                   "Right: each claim goes to the source that makes it. The person types are HRW's finding from "
                   "taking the app apart; the centres' purpose is the government's account. Citing both endorses "
                   "neither."),
        ),
    ),
    ChoiceQuestion(
        "06.6",
        "A school records which pupils are present, to keep them safe, and the parents agreed to it. The school "
        "then sends the records to a bank, which uses them to score the parents' loan applications. What does "
        "contextual integrity say about this flow?",
        (
            Choice("Nothing is wrong: the parents agreed to the records when the school first collected them", False,
                   "That takes consent at collection to cover every later flow. The parents agreed to a flow to the "
                   "school, for safety; the bank is a new recipient, with a purpose nobody agreed to."),
            Choice("The recipient and the transmission principle changed, so it can break the school's norms",
                   True,
                   "Right: the same records now go to a bank, on a condition no one in the school context accepted. "
                   "Contextual integrity asks whether that new flow fits the norms of the context it came from."),
            Choice("Nothing is wrong: attendance is not secret, since classmates and teachers see who is there",
                   False,
                   "That is the public/private split the theory rejects. Public contexts have norms too: that "
                   "classmates see you is no warrant for a bank to score your parents on it."),
            Choice("It is wrong only if the bank ends up holding more records about each pupil than the school did",
                   False,
                   "That reduces the question to the amount of data. Even the same records, in the same number, "
                   "flow to a new recipient on a new principle: that is what the theory judges."),
        ),
    ),
    ChoiceQuestion(
        "06.7",
        "In the synthetic trip log, one Sunday late-morning entry at Market Square is a worshipper's about 1 time "
        "in 3, but an account seen there at both service times is a worshipper's 98 times in 100. Why the "
        "difference?",
        (
            Choice("More records always give certainty, so an account seen at both service times is never wrong",
                   False,
                   "That treats more data as the truth. Two of the 89 accounts seen at both times were not "
                   "worshippers, and a real analyst would not even know which two."),
            Choice("The gate records why each rider came to the station, and the week shows it more often", False,
                   "That puts the trait into the data. An entry holds only account, day, hour and station; the "
                   "truth about who worships is known only to the generator."),
            Choice("One entry says nothing at all about who worships; only a whole week of entries does", False,
                   "That mistakes weak evidence for none. One in three against a base rate of 2.5 in 100 is "
                   "informative: a guess, not a finding."),
            Choice("Shoppers enter then too, but few of them are also there on Wednesday evening", True,
                   "Yes: each entry fits many reasons for being there, and the pattern across the week leaves few "
                   "of them. Aggregation, not any single record, does the revealing."),
        ),
    ),
    ChoiceQuestion(
        "06.8",
        "Sweeney, from the 1990 US census, estimated that about 87% of the US population was unique on ZIP code, "
        "sex and birth date; Golle, from the 2000 census, about 63%. What follows?",
        (
            Choice("Sweeney was wrong, so being singled out by such ordinary facts is only a minor risk", False,
                   "That reads a lower estimate as a refutation. 63% is still most of a country's people, unique "
                   "on three facts that appear on many forms."),
            Choice("The two figures depend on the data and method, and both find most people unique", True,
                   "Right: quote both, each with its census. They differ by 24 points and agree on the point that "
                   "matters: a few ordinary facts single out most people."),
            Choice("Golle's figure is newer, so it replaces Sweeney's, which should no longer be cited", False,
                   "That takes the newest figure for the only valid one. Each describes its census and method; "
                   "citing both, with their dates, shows how much the estimate depends on them."),
            Choice("They are the same result up to rounding, so either may be quoted alone", False,
                   "That ignores a 24-point gap. The difference is real, which is why the lesson gives both "
                   "figures, each with the census it came from."),
        ),
    ),
]

PREDICTIONS = [
    Prediction(
        "06.p1",
        "A US ZIP code has about 9,330 people. Birth dates spread over 78 years, and two sexes, give 78 × 365 × 2 = "
        "56,940 combinations. What percentage of the 9,330 people do you guess share their birth date and sex "
        "with nobody else in their ZIP code?",
        next_step="Now run the explorer below and do its three tasks; the worked numbers after them show how "
                  "close your guess was, and what researchers found for the whole US.",
        unit="percent of people unique",
    ),
    Prediction(
        "06.p2",
        "The town's face-pay log holds no names and no ID numbers. Someone who knows each account's district, sex "
        "and full birth date joins it to the registry. How many of its 3,548 accounts do you guess end up tied to "
        "exactly one registered person?",
        next_step="Now run the explorer below and do its four tasks; the worked numbers after them give the "
                  "answer.",
        choices=("almost none: without names the log is anonymous", "about one in ten", "about half",
                 "nearly all"),
    ),
    Prediction(
        "06.p3",
        "In the synthetic town about 2.5 in 100 face-pay accounts belong to people who worship at the place of "
        "worship by Market Square. Of the accounts seen at Market Square at <b>both</b> of the week's service "
        "times, how many in 100 do you guess belong to worshippers?",
        next_step="Now print one account's week below and do the four tasks; the worked numbers after them give "
                  "the answer, and the clinic's too.",
        unit="in 100",
    ),
]


def _joined_rows() -> int:
    """Rows an inner join of the log with the registry on the quasi-identifiers has: for each account, the
    number of registry people who share its values (counted without a merge, to check one)."""
    people = load_dataset("synthetic_population").groupby(list(JOIN_ON)).size()
    accounts = pd.MultiIndex.from_frame(load_dataset("synthetic_facepay_log")[list(JOIN_ON)])
    return int(people.reindex(accounts, fill_value=0).sum())


CODE_ALONGS = [
    CodeAlong(
        "06.c1",
        name="joined",
        task="the face-pay log joined to the registry on district, sex and birth_date",
        setup='registry = fc.load_dataset("synthetic_population")\n'
              'log = fc.load_dataset("synthetic_facepay_log")',
        model_answer='joined = log.merge(registry, on=["district", "sex", "birth_date"])',
        expects=(
            Expect("joined should be a table whose rows pair a face-pay account_id with a registry person_id: "
                   "merge the log with the registry.",
                   lambda v: {"account_id", "person_id"} <= set(v.columns), lambda: True),
            Expect("Not the join on the three quasi-identifiers yet: match rows on district, sex and birth_date, "
                   "and on nothing else (other shared columns would narrow the join), keeping only pairs that "
                   "agree on all three.",
                   len, _joined_rows),
        ),
        hint="a.merge(b, on=[...]) keeps every pair of rows of a and b that agree on each column in the list; "
             "without on=, pandas joins on every column the two tables share.",
    ),
    CodeAlong(
        "06.c2",
        name="unique_share",
        task="the share of people in the registry unique on district, sex and birth_date",
        setup='registry = fc.load_dataset("synthetic_population")',
        model_answer='unique_share = registry.value_counts(["district", "sex", "birth_date"]).eq(1).sum() / len(registry)',
        expects=(
            Expect("unique_share should be a share of people: a number from 0 to 1, not a count or a percentage.",
                   lambda v: 0 <= float(v) <= 1, lambda: True),
            Expect("Not the share of people unique yet: count the people whose district, sex and birth_date nobody "
                   "else in the registry shares, and divide by the number of people (not by the number of "
                   "combinations, and not counting people who share their combination).",
                   float, lambda: linkage.share_unique(load_dataset("synthetic_population"), JOIN_ON), 4),
        ),
        hint="registry.value_counts([...]) gives the number of people in each combination that occurs; a "
             "combination held by one person is one person who is unique. len(registry) is the number of people.",
    ),
]


# --- the key numbers the lesson prints (each after the tasks it answers, behind fc.reveal) --------------------

LESSON06_STEPS = (
    ("district", ("district",)),
    ("+ sex", ("district", "sex")),
    ("+ birth year", ("district", "sex", "birth_year")),
    ("+ birth month", ("district", "sex", "birth_year", "birth_month")),
    ("+ full birth date (instead of year and month)", ("district", "sex", "birth_date")),
    ("+ phone prefix", ("district", "sex", "birth_date", "phone_prefix")),
)
SIMULATION_SEED = 2000  # the estimate explorer's simulated area uses the same seed


def estimate_worked_numbers() -> str:
    """The estimate explorer's tasks worked: John D. Cook's check of Sweeney's 87%, and the settings the tasks ask for."""
    e = linkage.sweeney_style_estimate()
    n, k = int(e["people_per_area"]), int(e["combinations"])
    rows = [
        ("People per ZIP code (average)", f"{n:,}"),
        ("Birth-date–sex combinations (78 × 365 × 2)", f"{k:,}"),
        ("People per combination", f"{e['people_per_combination']:.3f}"),
        ("Task 1: expected share unique, exp(−(N−1)/K)", f"{e['expected_share_unique']:.1%}"),
        ("        one simulated ZIP code", f"{linkage.simulate_share_unique(n, k, seed=SIMULATION_SEED):.1%}"),
        ("Task 2: an area of 1,000 people", f"{linkage.expected_share_unique(1_000, k):.1%}"),
        ("        9,330 people, sex not known (78 × 365)", f"{linkage.expected_share_unique(n, 78 * 365):.1%}"),
        ("Task 3: 9,330 people, 20 years of births (20 × 365 × 2)",
         f"{linkage.expected_share_unique(n, 20 * 365 * 2):.1%}"),
        ("Sweeney (2000), from the 1990 US census", "about 87%"),
        ("Golle (2006), from the 2000 US census", "about 63%"),
    ]
    return "\n".join(f"{label + ':':<58}{value}" for label, value in rows)


def town_worked_numbers() -> str:
    """The town explorer's tasks worked: share unique and accounts linked as quasi-identifiers are added, and more."""
    reg, log = load_dataset("synthetic_population"), load_dataset("synthetic_facepay_log")
    lines = [f"SYNTHETIC town: {len(reg):,} invented people; face-pay log: {len(log):,} pseudonymous accounts, "
             f"{int(log['trips_in_week'].sum()):,} trips",
             "Tasks 1 and 2: the steps, one quasi-identifier at a time",
             f"  {'known about each person':<48}{'combinations':>13}{'unique':>9}{'k':>4}{'accounts linked':>17}"]
    for label, cols in LESSON06_STEPS:
        k = linkage.k_anonymity(reg, cols)
        j = linkage.join_counts(reg, log, cols)
        lines.append(f"  {label:<48}{k.classes:>13,}{k.share_unique:>9.1%}{k.k:>4}"
                     f"{j.linked_to_one:>8,} ({j.share_linked_to_one:.0%})")
    no_district = ("sex", "birth_date")
    k, j = linkage.k_anonymity(reg, no_district), linkage.join_counts(reg, log, no_district)
    lines.append(f"Task 3: full birth date and sex without district: {k.share_unique:.1%} unique, "
                 f"{j.linked_to_one:,} accounts linked")
    j = linkage.join_counts(reg, log, LESSON06_STEPS[-1][1])
    lines.append(f"Task 4: with the phone prefix, {j.linked_to_one:,} of {j.records:,} accounts are tied to one person,")
    lines.append(f"        and with them {j.trips_linked_to_one:,} of {int(log['trips_in_week'].sum()):,} trips")
    return "\n".join(lines)


# The join that re-identifies most accounts (section 5) and the places the trip log is about.
JOIN_ON = ("district", "sex", "birth_date")
PLACES = (("the place of worship", synthetic.WORSHIP_STATION, synthetic.WORSHIP_WINDOWS, "worships"),
          ("the specialist clinic", synthetic.CLINIC_STATION, synthetic.CLINIC_WINDOWS, "clinic_patient"))


def _window_label(window) -> str:
    day, (lo, hi) = window
    return f"{day} {lo:02d}:00-{hi:02d}:59"


def _example_account():
    """The first account (in account order) whose week shows home, work and the place of worship, correctly,
    and which the join names: the account the lesson prints, with what its week shows."""
    trips, truth = synthetic.synthetic_trip_log(), synthetic.trip_log_truth().set_index("account_id")
    reg, log = load_dataset("synthetic_population"), load_dataset("synthetic_facepay_log")
    named = linkage.re_identify(reg, log, JOIN_ON)
    home, evening = aggregation.inferred_home(trips), aggregation.usual_evening_station(trips)
    n_entries = trips.groupby("account_id").size()
    registered = log.set_index("account_id")["district"]
    chosen = next(a for a in truth.index
                  if truth.at[a, "worships"] and truth.at[a, "commuter"] and a in named.index and n_entries[a] >= 8
                  and home.get(a) == registered[a] and evening.get(a) == truth.at[a, "work_station"])
    person = reg.set_index("person_id").loc[named[chosen]]
    return chosen, aggregation.week_of(trips, chosen), home[chosen], evening[chosen], named[chosen], person


def one_account_week() -> str:
    """Lesson 06: one SYNTHETIC account's week of gate entries, as the gates record it (nothing inferred)."""
    chosen, week, *_ = _example_account()
    lines = [f"SYNTHETIC account {chosen}: its {len(week)} gate entries in the logged week"]
    lines += [f"  {r.day} {r.hour:02d}:xx  {r.station}" for r in week.itertuples()]
    return "\n".join(lines)


def _busy_hours(trips, station: str, window) -> str:
    """Entries at ``station`` in ``window``, against the same hours on days like it (Saturday for Sunday)."""
    day, (lo, hi) = window
    at = trips[(trips["station"] == station) & trips["hour"].between(lo, hi)].groupby("day").size()
    alike = ["Sat"] if day == "Sun" else [d for d in WEEKDAYS[:5] if d != day]
    other = sum(int(at.get(d, 0)) for d in alike) / len(alike)
    return (f"{day} {lo:02d}:00-{hi:02d}:59: {int(at.get(day, 0))} entries, against {other:.0f} at the same hours "
            f"{'on Saturday' if day == 'Sun' else 'on the other weekdays (average)'}")


# Task 3 of the trip log: one rider's entries in three flows, parameter by parameter (contextual integrity).
CONTEXTUAL_INTEGRITY = (
    ("(a) the gate charges a fare",
     ("the rider", "rider -> metro operator", "face, station, hour", "to charge the fare she signed up for")),
    ("(b) the operator hands the week to an analyst",
     ("the rider", "operator -> an analyst", "a routine: home, work, a weekly place", "none the rider agreed to")),
    ("(c) the week is joined to the registry",
     ("the rider, now named", "operator and registry -> whoever holds both",
      "a named person's habits, and an inferred faith", "none the rider agreed to")),
)
CI_PARAMETERS = ("subject", "sender -> recipient", "type", "transmission principle")


def trip_log_worked_numbers() -> str:
    """The trip log's tasks worked: what one week shows, the busy hours, the five parameters, one entry vs a week."""
    chosen, week, home, work, person_id, person = _example_account()
    trips, truth = synthetic.synthetic_trip_log(), synthetic.trip_log_truth()
    reg, log = load_dataset("synthetic_population"), load_dataset("synthetic_facepay_log")
    named = linkage.re_identify(reg, log, JOIN_ON)
    lines = [
        f"Task 1: what account {chosen}'s week shows",
        f"  home: near {home} (where most days' first journey starts)",
        f"  work: near {work} (where the weekday journeys home start)",
        f"  at {synthetic.WORSHIP_STATION} in " + " and ".join(_window_label(w) for w in synthetic.WORSHIP_WINDOWS)
        + ":",
        "    as the weekly services of the place of worship there end",
        f"  the join on {', '.join(JOIN_ON)}: one person, person_id {person_id} "
        f"({person['district']}, {person['sex']}, born {person['birth_date']:%Y-%m-%d})",
        f"Task 2: at {synthetic.WORSHIP_STATION}",
        *(f"  {_busy_hours(trips, synthetic.WORSHIP_STATION, w)}" for w in synthetic.WORSHIP_WINDOWS),
        "Task 3: the five parameters of three flows (what changes from one flow to the next is starred)",
        *(line for k, (flow, values) in enumerate(CONTEXTUAL_INTEGRITY)
          for line in [f"  {flow}"] + [f"    {'*' if k and v != CONTEXTUAL_INTEGRITY[k - 1][1][i] else ' '} "
                                       f"{CI_PARAMETERS[i] + ':':<24}{v}" for i, v in enumerate(values)]),
        "Task 4 has no single answer: compare your two cases with a classmate's.",
        "One entry against a week (the generator knows who truly visits; a real analyst would not):",
    ]
    for label, station, windows, trait in PLACES:
        f = aggregation.what_a_week_reveals(trips, station, windows, truth.loc[truth[trait], "account_id"])
        flagged = aggregation.accounts_in_every_window(trips, station, windows)
        lines += [
            f"  {label} ({station}; " + " and ".join(_window_label(w) for w in windows) + ")",
            f"    accounts that truly visit: {f.visitors} of {len(truth):,} ({f.visitors / len(truth):.1%})",
            f"    ONE ENTRY there in {_window_label(windows[0])}: {f.entries_in_first_window} entries, "
            f"{f.of_them_by_visitors} by visitors ({f.one_entry_share:.0%})",
            f"    THE WEEK: {f.accounts_in_every_window} accounts there in every window, "
            f"{f.of_them_visitors} of them visitors ({f.week_share:.0%})",
            f"    THE JOIN: {int(flagged.isin(named.index).sum())} of those {f.accounts_in_every_window} accounts "
            f"pinned to one registered person",
        ]
    return "\n".join(lines)
