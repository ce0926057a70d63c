"""Generators for the course's synthetic datasets.

Every synthetic file in ``datasets/`` is written by this module from a fixed
seed, so ``make datasets`` (``python -m facecourse.synthetic``) rebuilds it
byte for byte.  Parameters are documented in each file's datasheet.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from .data import datasets_dir
from .metrics import ScoreModel

MATCH_SCORES_SEED = 20191201  # the day the rule came into force
# A weaker system than the lessons' illustrative model, so that a sample of 2,000 genuine
# pairs shows false non-matches at realistic thresholds.
MATCH_SCORES_MODEL = ScoreModel(genuine_mean=2.0, genuine_sd=0.6, impostor_mean=-1.0, impostor_sd=0.6)
N_GENUINE, N_IMPOSTOR = 2_000, 20_000


def synthetic_match_scores() -> pd.DataFrame:
    """Genuine and impostor comparison scores, rounded to 4 decimals, in shuffled order."""
    s = MATCH_SCORES_MODEL.sample(N_GENUINE, N_IMPOSTOR, seed=MATCH_SCORES_SEED)
    df = pd.DataFrame(
        {
            "comparison": ["genuine"] * N_GENUINE + ["impostor"] * N_IMPOSTOR,
            "score": np.round(np.concatenate([s["genuine"], s["impostor"]]), 4),
        }
    )
    order = np.random.default_rng(MATCH_SCORES_SEED + 1).permutation(len(df))
    df = df.iloc[order].reset_index(drop=True)
    df.insert(0, "pair_id", np.arange(len(df)))
    return df


# --- lesson 03 / ps2: synthetic scores for three illustrative groups -------------------------
# Neutral names on purpose: the parameters are invented, so attaching real demographic labels
# would state a "fact" about real people that no source supports.  Weaker systems than the
# lesson 03 explorer's (as synthetic_match_scores is weaker than lesson 02's), so that samples
# of 2,000 genuine and 10,000 impostor pairs per group show errors at realistic thresholds.
GROUP_SCORES_SEED = 20191219  # the day NIST released NISTIR 8280
GROUP_SCORE_MODELS = {
    "A": ScoreModel(genuine_mean=2.0, genuine_sd=0.6, impostor_mean=-1.0, impostor_sd=0.6),
    "B": ScoreModel(genuine_mean=2.0, genuine_sd=0.6, impostor_mean=-0.6, impostor_sd=0.6),
    "C": ScoreModel(genuine_mean=1.8, genuine_sd=0.66, impostor_mean=-0.9, impostor_sd=0.6),
}
N_GENUINE_PER_GROUP, N_IMPOSTOR_PER_GROUP = 2_000, 10_000


def synthetic_group_scores() -> pd.DataFrame:
    """Genuine and impostor scores for groups A, B and C, rounded to 4 decimals, in shuffled order."""
    parts = []
    for i, (group, model) in enumerate(GROUP_SCORE_MODELS.items()):
        s = model.sample(N_GENUINE_PER_GROUP, N_IMPOSTOR_PER_GROUP, seed=GROUP_SCORES_SEED + i)
        parts.append(pd.DataFrame({
            "group": group,
            "comparison": ["genuine"] * N_GENUINE_PER_GROUP + ["impostor"] * N_IMPOSTOR_PER_GROUP,
            "score": np.round(np.concatenate([s["genuine"], s["impostor"]]), 4),
        }))
    df = pd.concat(parts, ignore_index=True)
    order = np.random.default_rng(GROUP_SCORES_SEED + 100).permutation(len(df))
    df = df.iloc[order].reset_index(drop=True)
    df.insert(0, "pair_id", np.arange(len(df)))
    return df


GENERATORS = {"synthetic_match_scores": synthetic_match_scores}
GENERATORS["synthetic_group_scores"] = synthetic_group_scores


def write_all(out_dir: Path | None = None) -> list[Path]:
    out_dir = Path(out_dir) if out_dir else datasets_dir()
    written = []
    for name, make in GENERATORS.items():
        path = out_dir / f"{name}.csv"
        make().to_csv(path, index=False, float_format="%.4f", lineterminator="\n")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(f"wrote {p}")
