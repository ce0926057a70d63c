"""Make JupyterLab private for this course: no news feed, no update checks; optionally, its interface
in Chinese.

Run once per environment (``make lab``/``make test`` and Binder's ``postBuild`` do it): ``python -m
facecourse.publish.labsetup``.  It writes into the active environment (``sys.prefix``), never into
the user's home or the repository.  ``--language zh_CN`` makes Chinese (Simplified) the interface's
default for everyone using this environment (the language pack is pinned in requirements.txt);
``--language default`` goes back to the server's own language (English unless its system locale says
otherwise).  Each person can still choose under *Settings → Language*.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# Front end: never ask about news, never check for updates.
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
LANGUAGE_PLUGIN = "@jupyterlab/translation-extension:plugin"
# Server side: nothing to fetch even if the front end asked.
SERVER_CONFIG = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
    }
}


def overrides_path(prefix: Path) -> Path:
    """The lab's settings overrides for an environment (JupyterLab reads them from its app settings dir)."""
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def install(prefix: Path | None = None, language: str | None = None) -> list[Path]:
    """Write the course's settings into ``prefix``; ``language`` (e.g. ``"zh_CN"``) sets the interface's
    default language, and None leaves whatever was chosen before."""
    prefix = Path(prefix or sys.prefix)
    lab = dict(LAB_OVERRIDES)
    if language:
        lab[LANGUAGE_PLUGIN] = {"locale": language}
    server = prefix / "etc" / "jupyter" / "jupyter_server_config.json"
    written = []
    for path, content in ((overrides_path(prefix), lab), (server, SERVER_CONFIG)):
        path.parent.mkdir(parents=True, exist_ok=True)
        existing = json.loads(path.read_text()) if path.exists() else {}
        existing.update(content)
        path.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m facecourse.publish.labsetup", description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", help="the interface's default language: zh_CN (Chinese, Simplified), "
                                           "or default (the server's own)")
    args = parser.parse_args(argv)
    for p in install(language=args.language):
        print(f"wrote {p}")


if __name__ == "__main__":
    main()
