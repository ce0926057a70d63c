"""Lesson 06 (From identity to surveillance): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

import pandas as pd

from ..data import load_dataset, synthetic
from ..models import aggregation, linkage
from ..quiz import Choice, ChoiceQuestion, NumberQuestion
from ..selfcheck import CodeAlong, Expect

QUESTIONS = [
    ChoiceQuestion(
        "06.1",
        "Which of these is the clearest example of function creep?",
        (
            Choice("A metro introduces face-pay that riders sign up for, and uses the faces to charge fares", False,
                   "That calls any new technology creep. It is one purpose, the one riders signed up for; function "
                   "creep is the move to a different purpose."),
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
        "The face-pay log in the lesson holds no names and no ID numbers, only an account number, district, sex, "
        "birth date and phone prefix. Is it anonymous?",
        (
            Choice("Yes: without names or ID numbers there is nothing left that points to a person", False,
                   "That is the 'no names means anonymous' mistake. With full birth date, district and sex, the "
                   "join in the explorer pins almost every account to one registry person."),
            Choice("Only if the account numbers are random, so that they cannot be traced back to anyone", False,
                   "That guards one door and leaves another open. Random account numbers stop one kind of "
                   "linkage, not linkage on the other attributes."),
            Choice("No: a join on the other attributes pins almost every account to one person", True,
                   "Right: it is pseudonymous, not anonymous. Removing the name does not remove the person, and "
                   "every trip then belongs to a named person."),
            Choice("Yes for each single trip, which reveals nothing; no only once the trips are added up", False,
                   "That mixes up identifying with revealing. Aggregation is why a week of trips says more than "
                   "one, but each account is identified by the join already, trip by trip."),
        ),
    ),
    ChoiceQuestion(
        "06.5",
        "Which statement about the Integrated Joint Operations Platform (IJOP) in Xinjiang is attributed correctly?",
        (
            Choice("The Chinese government published the IJOP's list of 36 person types in May 2019", False,
                   "That gives the finding to the wrong source. The list comes from Human Rights Watch's "
                   "reverse-engineering of the police app, not from an official publication."),
            Choice("It is established fact that exactly one million people were held in the camps", False,
                   "That turns an estimate into a fact. HRW cited credible estimates of 'up to one million', and "
                   "other outlets cite higher figures: attribute them, do not state one as fact."),
            Choice("The IJOP was the system that matched faces at phone-shop counters from December 2019", False,
                   "That joins two systems the sources keep apart. The counter check is a 1:1 match run by the "
                   "operators; nothing in the sources connects it to the IJOP."),
            Choice("Human Rights Watch reported that the police app it reverse-engineered lists 36 person types",
                   True,
                   "Yes: this is HRW's finding from reverse-engineering the app (with Cure53), and the lesson "
                   "attributes it to HRW."),
        ),
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
]


# --- the key numbers the lesson prints ------------------------------------------------------------

LESSON06_STEPS = (
    ("district", ("district",)),
    ("+ sex", ("district", "sex")),
    ("+ birth year", ("district", "sex", "birth_year")),
    ("+ birth month", ("district", "sex", "birth_year", "birth_month")),
    ("+ full birth date (instead of year and month)", ("district", "sex", "birth_date")),
    ("+ phone prefix", ("district", "sex", "birth_date", "phone_prefix")),
)


def sweeney_back_of_envelope() -> str:
    """Lesson 06: John D. Cook's first-principles check of Sweeney's 87%."""
    e = linkage.sweeney_style_estimate()
    sim = linkage.simulate_share_unique(int(e["people_per_area"]), int(e["combinations"]), seed=2000)
    rows = [
        ("People per ZIP code (average)", f"{e['people_per_area']:,.0f}"),
        ("Birth-date–sex combinations (78 × 365 × 2)", f"{e['combinations']:,.0f}"),
        ("People per combination", f"{e['people_per_combination']:.3f}"),
        ("Expected share unique, exp(−(N−1)/K)", f"{e['expected_share_unique']:.1%}"),
        ("One simulated ZIP code (seed 2000)", f"{sim:.1%}"),
        ("Sweeney (2000), 1990 US census", "about 87%"),
        ("Golle (2006), 2000 US census", "about 63%"),
    ]
    return "\n".join(f"{label + ':':<46}{value}" for label, value in rows)


def synthetic_town_uniqueness() -> str:
    """Lesson 06: share unique in the SYNTHETIC town as quasi-identifiers are added, and face-pay accounts linked."""
    reg, log = load_dataset("synthetic_population"), load_dataset("synthetic_facepay_log")
    lines = [f"SYNTHETIC town: {len(reg):,} invented people; face-pay log: {len(log):,} pseudonymous accounts, "
             f"{int(log['trips_in_week'].sum()):,} trips",
             f"  {'known about each person':<48}{'combinations':>13}{'unique':>9}{'k':>4}{'accounts linked':>17}"]
    for label, cols in LESSON06_STEPS:
        k = linkage.k_anonymity(reg, cols)
        j = linkage.join_counts(reg, log, cols)
        lines.append(f"  {label:<48}{k.classes:>13,}{k.share_unique:>9.1%}{k.k:>4}"
                     f"{j.linked_to_one:>8,} ({j.share_linked_to_one:.0%})")
    return "\n".join(lines)


# The join that re-identifies most accounts (lesson 06, section 4) and the places the trip log is about.
JOIN_ON = ("district", "sex", "birth_date")
PLACES = (("the place of worship", synthetic.WORSHIP_STATION, synthetic.WORSHIP_WINDOWS, "worships"),
          ("the specialist clinic", synthetic.CLINIC_STATION, synthetic.CLINIC_WINDOWS, "clinic_patient"))


def _window_label(window) -> str:
    day, (lo, hi) = window
    return f"{day} {lo:02d}:00-{hi:02d}:59"


def one_account_week() -> str:
    """Lesson 06: one SYNTHETIC account's week of gate entries, what it shows, and who the join says it is."""
    trips, truth = synthetic.synthetic_trip_log(), synthetic.trip_log_truth().set_index("account_id")
    reg, log = load_dataset("synthetic_population"), load_dataset("synthetic_facepay_log")
    named = linkage.re_identify(reg, log, JOIN_ON)
    home, evening = aggregation.inferred_home(trips), aggregation.usual_evening_station(trips)
    n_entries = trips.groupby("account_id").size()
    registered = log.set_index("account_id")["district"]
    # The first account (in account order) whose week shows all three things the lesson names, correctly.
    chosen = next(a for a in truth.index
                  if truth.at[a, "worships"] and truth.at[a, "commuter"] and a in named.index and n_entries[a] >= 8
                  and home.get(a) == registered[a] and evening.get(a) == truth.at[a, "work_station"])
    week = aggregation.week_of(trips, chosen)
    person = reg.set_index("person_id").loc[named[chosen]]
    lines = [f"SYNTHETIC account {chosen}: its {len(week)} gate entries in the logged week"]
    lines += [f"  {r.day} {r.hour:02d}:xx  {r.station}" for r in week.itertuples()]
    lines += [
        "What the week shows:",
        f"  home: near {home[chosen]} (where most days' first journey starts)",
        f"  work: near {evening[chosen]} (where the weekday journeys home start)",
        f"  at {synthetic.WORSHIP_STATION} in " + " and ".join(_window_label(w) for w in synthetic.WORSHIP_WINDOWS)
        + ": as the weekly services of the place of worship there end",
        f"Joined to the registry on {', '.join(JOIN_ON)}: exactly one person, person_id {named[chosen]} "
        f"({person['district']}, {person['sex']}, born {person['birth_date']:%Y-%m-%d})",
    ]
    return "\n".join(lines)


def aggregation_in_the_trip_log() -> str:
    """Lesson 06: one entry against a week of entries as evidence of a visit, and how many visitors the join names."""
    trips, truth = synthetic.synthetic_trip_log(), synthetic.trip_log_truth()
    reg, log = load_dataset("synthetic_population"), load_dataset("synthetic_facepay_log")
    named = linkage.re_identify(reg, log, JOIN_ON)
    lines = [f"SYNTHETIC trip log: {len(trips):,} gate entries by {trips['account_id'].nunique():,} face-pay accounts "
             "in one week"]
    for label, station, windows, trait in PLACES:
        f = aggregation.what_a_week_reveals(trips, station, windows, truth.loc[truth[trait], "account_id"])
        flagged = aggregation.accounts_in_every_window(trips, station, windows)
        lines += [
            f"{label} ({station}; " + " and ".join(_window_label(w) for w in windows) + ")",
            f"  accounts that truly visit (the generator knows): {f.visitors} of {len(truth):,} "
            f"({f.visitors / len(truth):.1%})",
            f"  ONE ENTRY there in {_window_label(windows[0])}: {f.entries_in_first_window} entries, "
            f"{f.of_them_by_visitors} by visitors ({f.one_entry_share:.0%})",
            f"  THE WEEK: {f.accounts_in_every_window} accounts there in every window, "
            f"{f.of_them_visitors} of them visitors ({f.week_share:.0%})",
            f"  THE JOIN: {int(flagged.isin(named.index).sum())} of those {f.accounts_in_every_window} accounts "
            f"pinned to one registered person",
        ]
    return "\n".join(lines)
