"""Loaded by pytest for every test in the repository (tests/, lessons/, assignments/source/): the
network guard, which fails a test on any attempt to reach another machine (tests/network_guard/)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests" / "network_guard"))

pytest_plugins = ["pytest_network_guard"]
