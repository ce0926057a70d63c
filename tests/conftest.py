from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LESSONS = sorted((REPO / "lessons").glob("[0-9][0-9]-*.ipynb"))
ASSIGNMENTS = sorted(p for p in (REPO / "assignments" / "source").iterdir() if p.is_dir())


@pytest.fixture
def repo() -> Path:
    return REPO
