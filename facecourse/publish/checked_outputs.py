"""Maintainer tool: store the outputs that nbval checks, and only those.

``python -m facecourse.publish.checked_outputs lessons/*.ipynb`` (or ``make checked-outputs``)
executes each notebook, keeps the outputs of cells marked
``# NBVAL_CHECK_OUTPUT`` (nbval compares against them), and clears every other
output, execution count and the stored widget state.  Run it after changing a
lesson's key numbers on purpose, then review the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MARK = "# NBVAL_CHECK_OUTPUT"


def refresh(path: str | Path, timeout: int = 120) -> int:
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    kept = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)  # timestamps: noise in every diff
        if MARK in cell.source:
            kept += 1  # nbval only compares cells that look executed: keep the count
        else:
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return kept


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"{arg}: kept the outputs of {refresh(arg)} checked cell(s)")
