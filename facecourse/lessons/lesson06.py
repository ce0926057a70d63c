"""Lesson 06 (From identity to surveillance): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from ..data import load_dataset, synthetic
from ..models import aggregation, linkage
from ..quiz import Choice, ChoiceQuestion, NumberQuestion  # noqa: F401

QUESTIONS = [
    ChoiceQuestion(
        "06.1",
        "Which of these is the clearest example of function creep?",
        (
            Choice("Face data collected to verify a SIM buyer's identity is later searched to find people at a protest",
                   True, "Yes: data gathered for one stated purpose is put to a different one that was never part of "
                         "the original justification."),
            Choice("A metro introduces face-pay that riders sign up for, and uses it only to charge fares", False,
                   "That is one purpose, the one riders signed up for. Function creep is the move to a new purpose."),
            Choice("A phone shop's camera fails to match an elderly customer's face to her ID card", False,
                   "That is a false non-match (lesson 02), an error of the stated purpose, not a new purpose."),
            Choice("A bank asks for a second ID document when the first is expired", False,
                   "Asking for more evidence for the same purpose is not function creep."),
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
            Choice("Combinations are not equally likely: birth years cluster, so common combinations are shared more "
                   "often than the formula assumes", True,
                   "Yes: the formula assumes every combination is equally likely. The town has more people born in "
                   "the 1960s–80s than in the 1940s, so those combinations fill up and fewer people are alone."),
            Choice("The formula double-counts people", False,
                   "It counts each person once: the chance that none of the other N − 1 falls in their combination."),
            Choice("The data have errors in them", False,
                   "The synthetic data have no errors: they were generated exactly as the datasheet says. Look at "
                   "how birth years are distributed."),
            Choice("Uniqueness falls as more attributes are added", False,
                   "It rises as attributes are added: each one splits the classes further."),
        ),
    ),
    ChoiceQuestion(
        "06.4",
        "The face-pay log in the lesson holds no names and no ID numbers, only an account number, district, sex, "
        "birth date and phone prefix. Is it anonymous?",
        (
            Choice("No: joined with a registry on the same attributes, almost every account matches exactly one "
                   "person, so the log is pseudonymous, not anonymous", True,
                   "Right. Removing the name does not remove the person: the remaining attributes single almost "
                   "everyone out, and every trip then belongs to a named person."),
            Choice("Yes: without names or ID numbers nobody can be identified", False,
                   "Try it in the explorer: with full birth date, district and sex, the join pins about 96% of the "
                   "accounts to one registry person."),
            Choice("Only if the account numbers are random", False,
                   "Random account numbers stop one kind of linkage, not linkage on the other attributes."),
        ),
    ),
    ChoiceQuestion(
        "06.5",
        "Which statement about the Integrated Joint Operations Platform (IJOP) in Xinjiang is attributed correctly?",
        (
            Choice("Human Rights Watch (May 2019) reported that the police app it reverse-engineered lists 36 "
                   "'person types' and flags 51 network tools, such as WhatsApp and VPNs, as suspicious", True,
                   "Yes: these are HRW's findings from reverse-engineering the app, and the lesson attributes them "
                   "to HRW."),
            Choice("The Chinese government published the IJOP's 36 person types in 2019", False,
                   "The list comes from Human Rights Watch's reverse-engineering of the app, not from an official "
                   "publication."),
            Choice("It is established fact that exactly one million people were detained", False,
                   "Detention figures are estimates: HRW cited credible estimates of 'up to one million', and other "
                   "outlets cite higher figures. Attribute them; do not state one as fact."),
            Choice("The IJOP was the system used at the phone-shop counter from December 2019", False,
                   "The counter check is a 1:1 match against an ID at registration, run by the telecom operators. "
                   "The IJOP is a Xinjiang police platform; nothing in the sources connects the two."),
        ),
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
