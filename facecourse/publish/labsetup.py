"""Make JupyterLab private for this course: no news feed, no update checks.

Run once per environment (``make lab``/``make test`` and Binder's ``postBuild``
do it): ``python -m facecourse.publish.labsetup``.  It writes into the active
environment (``sys.prefix``), never into the user's home or the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Front end: never ask about news, never check for updates.
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
# Server side: nothing to fetch even if the front end asked.
SERVER_CONFIG = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
    }
}


def install(prefix: Path | None = None) -> list[Path]:
    prefix = Path(prefix or sys.prefix)
    overrides = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    server = prefix / "etc" / "jupyter" / "jupyter_server_config.json"
    written = []
    for path, content in ((overrides, LAB_OVERRIDES), (server, SERVER_CONFIG)):
        path.parent.mkdir(parents=True, exist_ok=True)
        existing = json.loads(path.read_text()) if path.exists() else {}
        existing.update(content)
        path.write_text(json.dumps(existing, indent=2) + "\n")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in install():
        print(f"wrote {p}")
