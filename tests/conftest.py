from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LESSONS = sorted((REPO / "lessons").glob("[0-9][0-9]-*.ipynb"))
ASSIGNMENTS = sorted(p for p in (REPO / "assignments" / "source").iterdir() if p.is_dir())


@pytest.fixture
def repo() -> Path:
    return REPO


# -- property-based tests (hypothesis) --------------------------------------------------------------
# "ci" (the default) is fast and repeatable: the same examples every run, no example database on disk.
# HYPOTHESIS_PROFILE=thorough searches more widely, with fresh random examples each run.
import os  # noqa: E402

from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True, database=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
