"""ps4 (policy memo): this term's synthetic town and the columns its join uses."""

from __future__ import annotations

from ...data import synthetic
from ...models import linkage
from .text import PARAMETERS_TITLE, pct

ATTRIBUTES = ("district", "sex", "birth_year", "birth_month", "birth_date", "phone_prefix")
# Not lesson 06's town (20,000 people, 20 districts): ps4's numbers are printed by no lesson.
DEFAULT = {"TOWN": {**synthetic.TOWN_DEFAULTS, "seed": 20191203, "n_people": 18_000, "n_districts": 14},
           "LINK_ON": ["district", "sex", "birth_date"], "CLAIM_ORDER": (3, 0, 5, 2, 1, 4)}
LINK_CHOICES = (["sex", "birth_date", "phone_prefix"], ["district", "birth_date"],
                ["district", "sex", "birth_year", "birth_month", "phone_prefix"])
CLAIMS = (
    (True, "Taking names and ID numbers out of the face-pay log made it pseudonymous, not anonymous: most of its "
           "accounts can be tied to one registered person."),
    (False, "Knowing which district a person lives in is enough to pick them out of the registry."),
    (True, "The trips of a re-identified account can show a weekly routine that no single trip shows."),
    (False, "A table whose k is 1 on some columns still guarantees that nobody can be singled out on them."),
    (True, "The town's numbers show how re-identification works, not how many real riders in a Chinese city "
           "could be re-identified."),
    (False, "The course's sources show that the records of the phone-shop face check are joined with the police "
            "platform Human Rights Watch described in Xinjiang."),
)


def draw(rng) -> dict:
    return {"TOWN": {**synthetic.TOWN_DEFAULTS, "seed": int(rng.integers(10_000_000, 99_999_999)),
                     "n_people": int(rng.choice([12_000, 15_000, 21_000, 24_000])),
                     "n_districts": int(rng.choice([10, 12, 16, 18])),
                     "district_size_exponent": round(float(rng.uniform(0.4, 0.8)), 2),
                     "facepay_share_under_50": round(float(rng.uniform(0.18, 0.3)), 2),
                     "facepay_share_50_plus": round(float(rng.uniform(0.04, 0.08)), 2)},
            "LINK_ON": list(LINK_CHOICES[int(rng.integers(len(LINK_CHOICES)))]),
            "CLAIM_ORDER": tuple(int(i) for i in rng.permutation(6))}


def ok(p: dict) -> bool:
    """The first claim of question 6 must hold: most accounts are re-identified on LINK_ON."""
    registry, log = synthetic.town(**p["TOWN"])
    return linkage.join_counts(registry, log, p["LINK_ON"]).share_linked_to_one >= 0.6


def cells(p: dict) -> dict[str, str]:
    town = "\n".join(f"    {k!r}: {v!r}," for k, v in p["TOWN"].items())
    claims = [f"    {'ABCDEF'[pos]!r}: {CLAIMS[i][1]!r}," for pos, i in enumerate(p["CLAIM_ORDER"])]
    return {
        "ps4-parameters": (f"# {PARAMETERS_TITLE}\n"
                           "TOWN = {  # SYNTHETIC: the parameters of the course's town generator (see the brief)\n"
                           + town + "\n}\n" + f"LINK_ON = {p['LINK_ON']!r}  # question 4: the columns the join uses"),
        "q6-claims": ("CLAIMS = {\n" + "\n".join(claims) + "\n}\n"
                      "for letter, claim in CLAIMS.items():\n    print(f\"{letter}. {claim}\")"),
    }


def _words(columns: list[str]) -> str:
    names = {"district": "district", "sex": "sex", "birth_year": "year of birth", "birth_month": "month of birth",
             "birth_date": "full date of birth", "phone_prefix": "the first three digits of the phone number"}
    words = [names[c] for c in columns]
    return ", ".join(words[:-1]) + " and " + words[-1]


def values(p: dict) -> dict:
    registry, log = synthetic.town(**p["TOWN"])
    join = linkage.join_counts(registry, log, p["LINK_ON"])
    letters = {i: "ABCDEF"[pos] for pos, i in enumerate(p["CLAIM_ORDER"])}
    pairs = [(letters[2 * k], letters[2 * k + 1]) for k in range(3)]
    unique = [linkage.share_unique(registry, list(ATTRIBUTES[: i + 1])) for i in range(len(ATTRIBUTES))]
    return {"n_people": f"{len(registry):,}", "n_accounts": f"{len(log):,}", "link_on_words": _words(p["LINK_ON"]),
            "accounts_linked": f"{join.linked_to_one:,}", "share_linked": pct(join.share_linked_to_one, 0),
            "trips_linked": f"{join.trips_linked_to_one:,}", "unique_year": pct(unique[2]), "unique_date": pct(unique[4]),
            "q6_supported": frozenset(a for a, _ in pairs), "q6_pairs": tuple(pairs)}
