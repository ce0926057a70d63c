"""One source, two editions: the student lessons in ``lessons/`` and an instructor edition built from them.

A lesson notebook is the **student edition**: it holds no instructor notes and no answer notes, and
it is what students open and what ``make site`` publishes.  What only instructors should read lives
beside it in ``lessons/instructor/NN-name.md``, in sections that each name the student cell they
follow::

    ## after cell-22: Instructor notes (about 15 minutes)
    - *Timing:* ...

``make instructor`` (``python -m facecourse.publish.editions build``) merges every section back in
after its cell, adds an answer key after every check-your-understanding cell and a model answer after
every code-along cell (both from the lesson's module), and writes the instructor edition to
``instructor-edition/`` (ignored by git; open it in JupyterLab).

``python -m facecourse.publish.editions migrate lessons/03-....ipynb`` moves a lesson's folded
``<details><summary><b>Instructor notes</b>...</details>`` blocks out of its cells into its notes file,
each anchored to the cell it came from, and leaves every other cell byte for byte as it was.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
LESSONS_DIR = REPO / "lessons"
NOTES_DIR = LESSONS_DIR / "instructor"
EDITION_DIR = REPO / "instructor-edition"
SECTION = re.compile(r"^## after (\S+?)(?::[ \t]*(.*))?[ \t]*$", re.M)
INLINE_NOTES = re.compile(r"\n*<details>\s*<summary>\s*<b>Instructor notes</b>(.*?)</summary>(.*?)</details>[ \t]*",
                          re.S)
ASK = re.compile(r'fc\.ask\("([^"]+)"\)')
CHECK_CODE = re.compile(r'fc\.check_code\("([^"]+)"')
MARK = "For instructors ·"  # plain text: the lab's fonts may have no emoji


class EditionError(ValueError):
    """A notes file that does not fit its lesson (an anchor naming no cell, a section without text)."""


@dataclass(frozen=True)
class Section:
    anchor: str  # the id of the student cell this section follows
    title: str
    body: str


def notes_path(lesson: str | Path) -> Path:
    return NOTES_DIR / (Path(lesson).stem + ".md")


def parse_notes(text: str, source: str = "notes") -> list[Section]:
    """The sections of a notes file, in order; the text before the first section (a title) is not merged."""
    heads = list(SECTION.finditer(text))
    sections = []
    for i, m in enumerate(heads):
        body = text[m.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)].strip()
        if not body:
            raise EditionError(f"{source}: the section after {m.group(1)} has no text")
        sections.append(Section(m.group(1), (m.group(2) or "Instructor notes").strip(), body))
    return sections


def read_notes(lesson: str | Path) -> list[Section]:
    path = notes_path(lesson)
    return parse_notes(path.read_text(encoding="utf-8"), str(path.relative_to(REPO))) if path.exists() else []


def missing_anchors(nb, sections: list[Section]) -> list[str]:
    ids = {c.get("id") for c in nb.cells}
    return [s.anchor for s in sections if s.anchor not in ids]


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def _instructor_cell(title: str, body: str, key: str):
    return nbformat.v4.new_markdown_cell(_quote(f"**{MARK} {title}**\n\n{body}"), id="instructor-" + re.sub(r"[^A-Za-z0-9_-]", "-", key),
                                         metadata={"facecourse": {"edition": "instructor"}})


def answer_key(question) -> str:
    """A check's right answer and what each wrong choice's feedback says (the misconception it names)."""
    from ..quiz import ChoiceQuestion

    if not isinstance(question, ChoiceQuestion):
        return (f"Answer: **{question.answer:,.6g}** (accepted within ±{question.rel_tolerance:.1%}). "
                f"{question.feedback_right}")
    right = next(c for c in question.choices if c.correct)
    lines = [f"Right: *{right.text}*. Students see the choices in a fixed shuffled order. "
             "The wrong choices, and the misconception the feedback names:"]
    lines += [f"- *{c.text}* — {c.feedback}" for c in question.shown if not c.correct]
    return "\n".join(lines)


def instructor_edition(nb, sections: list[Section]):
    """A copy of the student notebook ``nb`` with the notes merged after their cells, answer keys after the
    checks and model answers after the code-alongs.  Raises :class:`EditionError` for an unknown anchor."""
    from ..lessons import CODE_ALONGS, QUESTIONS

    missing = missing_anchors(nb, sections)
    if missing:
        raise EditionError(f"notes anchored to cells the lesson does not have: {', '.join(missing)}")
    out = copy.deepcopy(nb)
    out.metadata["facecourse"] = {"edition": "instructor"}
    after: dict[str, list[Section]] = {}
    for s in sections:
        after.setdefault(s.anchor, []).append(s)
    cells = []
    for cell in out.cells:
        cells.append(cell)
        if cell.cell_type == "code":
            for qid in ASK.findall(cell.source):
                cells.append(_instructor_cell(f"Answer key, {qid}", answer_key(QUESTIONS[qid]), f"key-{qid}"))
            for cid in CHECK_CODE.findall(cell.source):
                c = CODE_ALONGS[cid]
                cells.append(_instructor_cell(f"Code-along {cid}, a model answer",
                                              f"`{c.model_answer}` — any line that passes every check is as right.",
                                              f"model-{cid}"))
        for k, s in enumerate(after.get(cell.get("id"), [])):
            cells.append(_instructor_cell(s.title, s.body, f"{cell.get('id')}-{k}"))
    out.cells = cells
    return out


def build(out: str | Path = EDITION_DIR, lessons: list[Path] | None = None, log=print) -> list[Path]:
    """Write the instructor edition of every lesson into ``out``; returns the notebooks written."""
    from .site import lesson_paths

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in lessons or lesson_paths():
        nb = nbformat.read(path, as_version=4)
        try:
            edition = instructor_edition(nb, read_notes(path))
        except EditionError as exc:
            raise EditionError(f"{Path(path).name}: {exc}") from None
        target = out / Path(path).name
        nbformat.write(edition, target)
        written.append(target)
    log(f"wrote the instructor edition of {len(written)} lessons to {out}; open them in JupyterLab (make lab)")
    return written


def migrate(lesson: str | Path) -> int:
    """Move a lesson's inline instructor notes into its notes file; returns how many blocks moved."""
    lesson = Path(lesson)
    nb = nbformat.read(lesson, as_version=4)
    moved = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for m in INLINE_NOTES.finditer(cell.source):
            title = ("Instructor notes " + m.group(1).strip()).strip()
            moved.append(Section(cell.get("id"), title, m.group(2).strip()))
        if INLINE_NOTES.search(cell.source):
            cell.source = INLINE_NOTES.sub("", cell.source).rstrip()
    if not moved:
        return 0
    path = notes_path(lesson)
    text = path.read_text(encoding="utf-8").rstrip() + "\n" if path.exists() else (
        f"# Instructor notes: {lesson.stem}\n\nMerged into the instructor edition by `make instructor`: each "
        f"section goes after the student cell it names. Students and the published site never see this file.\n")
    text += "".join(f"\n## after {s.anchor}: {s.title}\n\n{s.body}\n" for s in moved)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    nbformat.write(nb, lesson)
    return len(moved)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m facecourse.publish.editions", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write the instructor edition (default: instructor-edition/)")
    b.add_argument("--out", default=str(EDITION_DIR))
    m = sub.add_parser("migrate", help="move a lesson's inline instructor notes into lessons/instructor/")
    m.add_argument("lessons", nargs="+")
    args = ap.parse_args(argv)
    try:
        if args.command == "build":
            build(args.out)
        else:
            for lesson in args.lessons:
                print(f"{lesson}: moved {migrate(lesson)} block(s) of instructor notes to {notes_path(lesson)}")
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
