"""One source, two editions: student lessons without instructor material, and an instructor edition
built from them with every note, answer key and model answer (facecourse/publish/editions.py)."""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import LESSONS, REPO

from facecourse.lessons import CODE_ALONGS, QUESTIONS
from facecourse.publish import editions

NOTES = sorted((REPO / "lessons" / "instructor").glob("*.md"))


def test_every_notes_file_belongs_to_a_lesson_and_every_anchor_names_one_of_its_cells():
    lessons = {p.stem: p for p in LESSONS}
    assert NOTES, "no instructor notes files: lesson 02 has been migrated"
    for notes in NOTES:
        assert notes.stem in lessons, f"{notes.name} has no lesson lessons/{notes.stem}.ipynb"
        nb = nbformat.read(lessons[notes.stem], as_version=4)
        sections = editions.read_notes(lessons[notes.stem])
        assert sections, f"{notes.name} has no '## after <cell id>: title' sections"
        assert editions.missing_anchors(nb, sections) == [], f"{notes.name}: anchors naming no cell"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_the_instructor_edition_holds_every_note_answer_key_and_model_answer(lesson):
    nb = nbformat.read(lesson, as_version=4)
    edition = editions.instructor_edition(nb, editions.read_notes(lesson))
    text = "\n".join(c.source for c in edition.cells)
    ids = [c.get("id") for c in edition.cells]
    assert len(ids) == len(set(ids)), "duplicate cell ids"
    for s in editions.read_notes(lesson):
        # each note follows the cell it is anchored to (possibly after that cell's answer key)
        at = ids.index(s.anchor)
        following = "\n".join(c.source for c in edition.cells[at + 1:at + 4])
        assert all(line.strip() in following for line in s.body.splitlines() if line.strip()), \
            f"{lesson.stem}: the note after {s.anchor} is missing or not where it belongs"
    for qid in re.findall(r'fc\.ask\("([^"]+)"\)', text):
        right = next((c.text for c in getattr(QUESTIONS[qid], "choices", ()) if c.correct), None)
        assert f"Answer key, {qid}" in text and (right is None or right in text)
    for cid in re.findall(r'fc\.check_code\("([^"]+)"', text):
        assert CODE_ALONGS[cid].model_answer in text
    assert nbformat.validate(edition) is None and edition.metadata["facecourse"]["edition"] == "instructor"
    assert len(nb.cells) < len(edition.cells) and "edition" not in nb.metadata.get("facecourse", {}), \
        "the student notebook must not be changed by building the instructor edition"


def test_the_student_lesson_keeps_nothing_a_notes_file_moved_out():
    for notes in NOTES:
        student = "\n".join(c.source for c in nbformat.read(REPO / "lessons" / f"{notes.stem}.ipynb", 4).cells)
        for s in editions.parse_notes(notes.read_text()):
            first = next(line for line in s.body.splitlines() if line.strip())
            assert first.strip() not in student, f"{notes.stem}: the note after {s.anchor} is still in the lesson"


def test_an_anchor_naming_no_cell_is_refused_with_its_name():
    nb = nbformat.read(LESSONS[2], as_version=4)
    with pytest.raises(editions.EditionError, match="cell-99"):
        editions.instructor_edition(nb, [editions.Section("cell-99", "t", "b")])
    with pytest.raises(editions.EditionError, match="no text"):
        editions.parse_notes("## after cell-01: empty\n\n## after cell-02: x\nbody")


def test_migrate_moves_the_folded_notes_out_and_leaves_every_other_cell_as_it_was(tmp_path, monkeypatch):
    # Every lesson has been migrated, so the fixture is one written the old way: lesson 02 with notes folded
    # into two of its markdown cells, as lessons carried them before lessons/instructor/ existed.
    source = LESSONS[2]
    lesson = tmp_path / "lessons" / source.name
    lesson.parent.mkdir()
    old_style = nbformat.read(source, as_version=4)
    markdown = [c for c in old_style.cells if c.cell_type == "markdown"]
    for cell, note in ((markdown[2], "- *Timing:* 5 minutes in pairs."), (markdown[-2], "- *Listen for:* rates read as counts.")):
        cell.source += f"\n\n<details><summary><b>Instructor notes</b> (about 5 minutes)</summary>\n\n{note}\n</details>"
    nbformat.write(old_style, lesson)
    monkeypatch.setattr(editions, "NOTES_DIR", tmp_path / "lessons" / "instructor")
    monkeypatch.setattr(editions, "REPO", tmp_path)
    before = nbformat.read(lesson, as_version=4)
    assert editions.migrate(lesson) >= 1
    after = nbformat.read(lesson, as_version=4)
    changed = [b.id for b, a in zip(before.cells, after.cells) if b.source != a.source]
    assert [c.id for c in before.cells] == [c.id for c in after.cells] and len(changed) >= 1
    for cid in changed:
        assert "Instructor notes" not in next(c for c in after.cells if c.id == cid).source
    sections = editions.read_notes(lesson)
    assert {s.anchor for s in sections} == set(changed)
    # the merged edition gives back what was moved
    merged = "\n".join(c.source for c in editions.instructor_edition(after, sections).cells)
    for s in sections:
        assert s.body.splitlines()[0] in merged
    assert editions.migrate(lesson) == 0, "a second run finds nothing left to move"
    untouched = [i for i, (b, a) in enumerate(zip(before.cells, after.cells)) if b.id not in changed]
    assert all(before.cells[i] == after.cells[i] for i in untouched)


def test_make_instructor_writes_every_lesson(tmp_path):
    written = editions.build(tmp_path, log=lambda *_: None)
    assert sorted(p.name for p in written) == [p.name for p in LESSONS]
    edition = nbformat.read(tmp_path / LESSONS[2].name, as_version=4)
    assert any(c.get("metadata", {}).get("facecourse", {}).get("edition") == "instructor" for c in edition.cells)
