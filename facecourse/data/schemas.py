"""The schema of every course dataset: its columns, their types and the values each may take.

One :class:`Schema` per CSV in ``datasets/`` (its datasheet ``datasets/<name>.md`` says where the
numbers come from).  The vocabularies (allowed values) are named constants, because the models and
explorers use the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DatasetError(ValueError):
    """A dataset name, file or row that does not match what the course expects."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "str", "int", "float", "date"
    required: bool = True  # False: empty cells allowed
    allowed: tuple = ()  # for "str": the only values allowed (empty = any)
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Schema:
    name: str
    description: str
    columns: tuple[Column, ...]
    synthetic: bool = False
    unique: tuple[str, ...] = field(default=())  # columns that together identify a row


CONFIDENCE = ("VERIFIED", "LIKELY")
JURISDICTIONS = (
    "China", "European Union", "Sweden", "United States", "Bangladesh", "Pakistan", "International",
)
EVENT_KINDS = ("law or regulation", "official statement", "court", "deployment", "enforcement", "standards", "research")
# Lesson 01: SIM registration by country (what the course's sources say, per country).
SIM_POLICIES = ("mandatory, with biometrics", "mandatory, biometrics not reported", "not mandatory for prepaid SIMs")
SIM_BIOMETRICS = ("face", "fingerprint", "fingerprint and face", "fingerprint or face", "type not stated", "none required")
# Lesson 03: Gender Shades subgroups, NIST FRVT findings, illustrative groups.
GENDER_SHADES_SUBGROUPS = ("darker female", "darker male", "lighter female", "lighter male", "all faces")
NIST_TASKS = ("one-to-one", "one-to-many", "both")
NIST_ERROR_TYPES = ("false positives", "false negatives", "both")
ILLUSTRATIVE_GROUP_NAMES = ("A", "B", "C")  # neutral on purpose: synthetic parameters, no real labels
# Lesson 04 (and ps3): legal provisions and the scenario explorer's mapping of uses of a face to legal tests.
LEGAL_JURISDICTIONS = ("China", "European Union", "Illinois (United States)")
INSTRUMENT_KINDS = ("national law", "ministerial notice", "judicial interpretation", "departmental rules", "court ruling",
                    "EU regulation", "regulator decision", "state law", "court-approved settlement")
DATE_MEANINGS = ("in force", "applies from", "enacted", "decided", "approved")
LEGAL_TESTS = ("sensitive data", "informed consent", "free consent", "separate consent", "necessity",
               "alternative offered", "legal mandate", "public-place limits", "retention and deletion")
FACE_USES = ("park entry", "SIM registration", "campus gate", "residential compound", "metro payment")
COURSE_READINGS = ("allowed with separate or explicit consent",
                   "allowed only if necessary and people who refuse get another way",
                   "not allowed as designed",
                   "required by law: consent is not the basis")
TEST_ROLES = ("decisive", "applies", "displaced by mandate")
READING_BASES = ("stated in a provision or ruling", "the course's reading")
# Lesson 07: the course's coding of reported reactions: the seven in the Guardian (2 Dec 2019), and
# voices from Chinese sources that disagree with each other.
REACTION_COLLECTIONS = ("guardian-2019", "chinese-sources")
REACTION_STANCES = ("support", "oppose", "mixed")
REACTION_CONCERNS = ("identity theft", "data security", "privacy", "autonomy", "state surveillance", "none stated")
# Lesson 06 (and ps4): the synthetic town's quasi-identifiers (all invented).
SYNTHETIC_DISTRICTS = tuple(f"D{k:02d}" for k in range(1, 21))
SYNTHETIC_PHONE_PREFIXES = ("133", "135", "138", "139", "150", "153", "186", "189")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SYNTHETIC_STATIONS = SYNTHETIC_DISTRICTS + ("Tech Park", "Market Square", "Riverside")

DATASETS: dict[str, Schema] = {
    s.name: s
    for s in (
        Schema(
            "events_timeline",
            "Dated events 2008-2025: laws, rulings, deployments, standards and research on face recognition and real-name rules.",
            (
                Column("date", "date"),
                Column("date_precision", "str", allowed=("day", "month", "year")),
                Column("jurisdiction", "str", allowed=JURISDICTIONS),
                Column("kind", "str", allowed=EVENT_KINDS),
                Column("event", "str"),
                Column("source", "str"),
                Column("confidence", "str", allowed=CONFIDENCE),
            ),
            unique=("date", "event"),
        ),
        Schema(
            "china_mobile_subscriptions",
            "Mobile phone subscriptions in China at the end of each year (MIIT figures, via reposts).",
            (
                Column("year", "int", minimum=2000, maximum=2030),
                Column("subscriptions_millions", "float", minimum=0),
                Column("net_change_millions", "float", required=False),
                Column("per_100_people", "float", required=False, minimum=0),
                Column("confidence", "str", allowed=CONFIDENCE),
                Column("source", "str"),
            ),
            unique=("year",),
        ),
        Schema(
            "china_population",
            "Population of mainland China (National Bureau of Statistics and the 2020 census).",
            (
                Column("year", "int", minimum=2000, maximum=2030),
                Column("population_millions", "float", minimum=0),
                Column("measure", "str", allowed=("year-end estimate", "census")),
                Column("source", "str"),
            ),
            unique=("year", "measure"),
        ),
        Schema(
            "rewritten_copy_claims",
            "Claims in the machine-rewritten copy of the Guardian report, set against the sources.",
            (
                Column("claim_id", "int", minimum=1),
                Column("copy_says", "str"),
                Column("verdict", "str", allowed=("accurate", "needs context", "garbled wording", "wrong", "unsupported")),
                Column("sources_say", "str"),
                Column("source", "str"),
            ),
            unique=("claim_id",),
        ),
        Schema(
            "synthetic_match_scores",
            "SYNTHETIC face-comparison scores: genuine pairs (same person) and impostor pairs (different people).",
            (
                Column("pair_id", "int", minimum=0),
                Column("comparison", "str", allowed=("genuine", "impostor")),
                Column("score", "float", minimum=0, maximum=1),
            ),
            synthetic=True,
            unique=("pair_id",),
        ),
        Schema(
            "sim_registration_by_country",
            "SIM-card registration policy in the countries the course's sources name (not a sample of the world).",
            (
                Column("country", "str"),
                Column("policy", "str", allowed=SIM_POLICIES),
                Column("biometrics", "str", allowed=SIM_BIOMETRICS),
                Column("in_comparitech_2020_list", "str", allowed=("yes", "no")),
                Column("detail", "str"),
                Column("source", "str"),
                Column("confidence", "str", allowed=CONFIDENCE),
            ),
            unique=("country",),
        ),
        Schema(
            "gender_shades_error_rates",
            "Gender-classification error rates by subgroup on the Pilot Parliaments Benchmark (Gender Shades 2018 "
            "and the 2019 follow-up audit). Gender classification, not face matching.",
            (
                Column("study", "str", allowed=("Gender Shades (2018)", "Actionable Auditing (2019)")),
                Column("classifier", "str"),
                Column("subgroup", "str", allowed=GENDER_SHADES_SUBGROUPS),
                Column("error_rate_percent", "float", minimum=0, maximum=100),
                Column("source", "str"),
                Column("confidence", "str", allowed=CONFIDENCE),
            ),
            unique=("study", "classifier", "subgroup"),
        ),
        Schema(
            "nist_frvt_findings",
            "Findings of NIST FRVT Part 3: Demographic Effects (NISTIR 8280, Dec 2019), as reported, with scope.",
            (
                Column("finding_id", "int", minimum=1),
                Column("task", "str", allowed=NIST_TASKS),
                Column("error_type", "str", allowed=NIST_ERROR_TYPES),
                Column("finding", "str"),
                Column("scope", "str"),
                Column("source", "str"),
                Column("confidence", "str", allowed=CONFIDENCE),
            ),
            unique=("finding_id",),
        ),
        Schema(
            "synthetic_group_scores",
            "SYNTHETIC face-comparison scores for three illustrative, neutrally named groups (A, B, C).",
            (
                Column("pair_id", "int", minimum=0),
                Column("group", "str", allowed=ILLUSTRATIVE_GROUP_NAMES),
                Column("comparison", "str", allowed=("genuine", "impostor")),
                Column("score", "float", minimum=0, maximum=1),
            ),
            synthetic=True,
            unique=("pair_id",),
        ),
        Schema(
            "legal_provisions",
            "Legal provisions, rulings and decisions on face data in China, the EU and Illinois, each with its citation and source.",
            (
                Column("provision_id", "str"),
                Column("jurisdiction", "str", allowed=LEGAL_JURISDICTIONS),
                Column("instrument", "str"),
                Column("instrument_kind", "str", allowed=INSTRUMENT_KINDS),
                Column("article", "str"),
                Column("date", "date"),
                Column("date_meaning", "str", allowed=DATE_MEANINGS),
                Column("date_precision", "str", allowed=("day", "month", "year")),
                Column("summary", "str"),
                Column("tests_supplied", "str", required=False),  # "; "-separated values from LEGAL_TESTS
                Column("source", "str"),
                Column("confidence", "str", allowed=CONFIDENCE),
            ),
            unique=("provision_id",),
        ),
        Schema(
            "face_use_scenarios",
            "Five uses of a face in three jurisdictions: the course's reading of what the law requires (teaching material, not legal advice).",
            (
                Column("scenario", "str", allowed=FACE_USES),
                Column("jurisdiction", "str", allowed=LEGAL_JURISDICTIONS),
                Column("use_as_designed", "str"),
                Column("course_reading", "str", allowed=COURSE_READINGS),
                Column("basis", "str", allowed=READING_BASES),
                Column("reasoning", "str"),
                Column("provision_ids", "str"),  # "; "-separated ids from legal_provisions
                Column("source", "str"),
            ),
            unique=("scenario", "jurisdiction"),
        ),
        Schema(
            "face_use_tests",
            "Which legal tests apply to each use of a face in each jurisdiction, the facts that decide them and the provisions cited.",
            (
                Column("scenario", "str", allowed=FACE_USES),
                Column("jurisdiction", "str", allowed=LEGAL_JURISDICTIONS),
                Column("test", "str", allowed=LEGAL_TESTS),
                Column("role", "str", allowed=TEST_ROLES),
                Column("basis", "str", allowed=READING_BASES),
                Column("deciding_facts", "str"),
                Column("provision_ids", "str"),  # "; "-separated ids from legal_provisions
                Column("source", "str"),
            ),
            unique=("scenario", "jurisdiction", "test"),
        ),
        Schema(
            "public_reactions",
            "Reactions to face recognition reported by the Guardian (2 Dec 2019) and by Chinese sources, paraphrased, "
            "with the course's disputable coding.",
            (
                Column("reaction_id", "int", minimum=1),
                Column("collection", "str", allowed=REACTION_COLLECTIONS),
                Column("speaker", "str"),
                Column("paraphrase", "str"),
                Column("source", "str"),
                Column("source_url", "str"),
                Column("course_stance", "str", allowed=REACTION_STANCES),
                Column("course_concern", "str", allowed=REACTION_CONCERNS),
                Column("coding_note", "str"),
            ),
            unique=("reaction_id",),
        ),
        Schema(
            "synthetic_population",
            "SYNTHETIC registry of a 20,000-person invented town: quasi-identifiers only (lesson 06, ps4).",
            (
                Column("person_id", "int", minimum=1),
                Column("district", "str", allowed=SYNTHETIC_DISTRICTS),
                Column("sex", "str", allowed=("F", "M")),
                Column("birth_date", "date"),
                Column("birth_year", "int", minimum=1940, maximum=2003),
                Column("birth_month", "int", minimum=1, maximum=12),
                Column("phone_prefix", "str", allowed=SYNTHETIC_PHONE_PREFIXES),
            ),
            synthetic=True,
            unique=("person_id",),
        ),
        Schema(
            "synthetic_facepay_log",
            "SYNTHETIC pseudonymous metro face-pay accounts (no names or ids) of some of the invented town's people.",
            (
                Column("account_id", "str"),
                Column("district", "str", allowed=SYNTHETIC_DISTRICTS),
                Column("sex", "str", allowed=("F", "M")),
                Column("birth_date", "date"),
                Column("birth_year", "int", minimum=1940, maximum=2003),
                Column("birth_month", "int", minimum=1, maximum=12),
                Column("phone_prefix", "str", allowed=SYNTHETIC_PHONE_PREFIXES),
                Column("trips_in_week", "int", minimum=1),
            ),
            synthetic=True,
            unique=("account_id",),
        ),
        Schema(
            "synthetic_trip_log",
            "SYNTHETIC gate entries of the invented face-pay accounts in one week: account, day, hour, station.",
            (
                Column("entry_id", "int", minimum=1),
                Column("account_id", "str"),
                Column("day", "str", allowed=WEEKDAYS),
                Column("hour", "int", minimum=0, maximum=23),
                Column("station", "str", allowed=SYNTHETIC_STATIONS),
            ),
            synthetic=True,
            unique=("entry_id",),
        ),
    )
}
