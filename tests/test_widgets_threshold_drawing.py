"""Lesson 02's threshold explorer draws what it says: a vertical threshold line, and each error area
under its own curve (false matches under the impostor curve, false non-matches under the genuine one)."""

import numpy as np
import pytest

from facecourse.explorers import ThresholdExplorer


@pytest.fixture(scope="module")
def explorer():
    return ThresholdExplorer()


@pytest.mark.parametrize("t", [0.3, 0.6, 0.8, 0.95])
def test_the_threshold_line_is_vertical_at_the_threshold(explorer, t):
    explorer.threshold.value = t
    line = explorer.figure.layout.shapes[0]
    assert line.x0 == pytest.approx(t) and line.x1 == pytest.approx(t)


@pytest.mark.parametrize("t", [0.3, 0.6, 0.8])
def test_each_error_area_lies_under_its_own_curve(explorer, t):
    explorer.threshold.value = t
    fig, m = explorer.figure, explorer.model
    impostor, genuine, false_matches, false_non_matches = fig.data[0], fig.data[1], fig.data[2], fig.data[3]
    assert impostor.name.startswith("impostor") and genuine.name.startswith("genuine")
    assert false_matches.name == "false matches" and false_non_matches.name == "false non-matches"
    x, y = np.asarray(false_matches.x), np.asarray(false_matches.y)
    assert x.min() == pytest.approx(t) and x.max() < 1 and np.all(x >= t)
    assert np.allclose(y, m.density(x, "impostor")), "false matches are shaded under the impostor curve"
    x, y = np.asarray(false_non_matches.x), np.asarray(false_non_matches.y)
    assert x.max() == pytest.approx(t) and np.all(x <= t)
    assert np.allclose(y, m.density(x, "genuine")), "false non-matches are shaded under the genuine curve"
