"""The course's datasets: loading and validation (:mod:`.loading`, :mod:`.schemas`) and the
generators of the synthetic ones (:mod:`.synthetic`).

The bottom floor of the house: it imports nothing else from the package, and never ipywidgets,
plotly or nbgrader.  Models, explorers, lessons and the grading system may all import it.
"""

from .loading import datasets_dir, load_dataset, read_csv_checked  # noqa: F401
from .schemas import (  # noqa: F401  (vocabularies: the words models, explorers and lessons share)  # noqa: F401
    CONFIDENCE,
    COURSE_READINGS,
    DATASETS,
    DATE_MEANINGS,
    EVENT_KINDS,
    FACE_USES,
    GENDER_SHADES_SUBGROUPS,
    ILLUSTRATIVE_GROUP_NAMES,
    INSTRUMENT_KINDS,
    JURISDICTIONS,
    LEGAL_JURISDICTIONS,
    LEGAL_TESTS,
    NIST_ERROR_TYPES,
    NIST_TASKS,
    REACTION_COLLECTIONS,
    REACTION_CONCERNS,
    REACTION_STANCES,
    READING_BASES,
    SIM_BIOMETRICS,
    SIM_POLICIES,
    SYNTHETIC_DISTRICTS,
    SYNTHETIC_PHONE_PREFIXES,
    SYNTHETIC_STATIONS,
    TEST_ROLES,
    WEEKDAYS,
    Column,
    DatasetError,
    Schema,
)

