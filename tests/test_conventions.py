"""What forges, package indexes and instructors expect to find: licences, a valid citation, a changelog."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO


def test_the_code_is_mit_and_the_content_cc_by_4_0_in_files_the_package_names():
    mit = (REPO / "LICENSE").read_text()
    assert mit.startswith("MIT License\n") and "Permission is hereby granted, free of charge" in mit
    assert re.search(r"^Copyright \(c\) \d{4} \S", mit, re.M)
    content = (REPO / "LICENSE-content").read_text()
    assert content.startswith("Creative Commons Attribution 4.0 International")
    sections = re.findall(r"^Section (\d) – ", content, re.M)
    assert sections == [str(i) for i in range(1, 9)], f"the CC BY 4.0 legal code has Sections 1-8: {sections}"
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT AND CC-BY-4.0"
    assert project["license-files"] == ["LICENSE", "LICENSE-content"]
    readme = (REPO / "README.md").read_text()
    assert "(LICENSE)" in readme and "(LICENSE-content)" in readme


@pytest.fixture(scope="module")
def cffconvert(tmp_path_factory) -> Path:
    """cffconvert from its own pins (requirements-cffconvert.txt), in a throwaway environment:
    it needs jsonschema < 4, which the course's Jupyter stack cannot use."""
    env_dir = tmp_path_factory.mktemp("cffconvert")
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", str(REPO / "requirements-cffconvert.txt")], check=True)
    return bin_dir / "cffconvert"


@pytest.mark.slow
@pytest.mark.installs_packages
def test_citation_cff_is_valid_and_names_the_current_version(cffconvert, tmp_path):
    run = lambda path: subprocess.run([str(cffconvert), "--validate", "-i", str(path)],  # noqa: E731
                                      capture_output=True, text=True)
    ok = run(REPO / "CITATION.cff")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "valid according to schema version 1.2.0" in ok.stdout
    broken = tmp_path / "CITATION.cff"  # the validator can fail: an author without a name
    broken.write_text((REPO / "CITATION.cff").read_text().replace('  - name: "', '  - nickname: "'))
    assert run(broken).returncode != 0
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert re.search(rf'^version: "{re.escape(version)}"$', (REPO / "CITATION.cff").read_text(), re.M)


def test_changelog_has_an_unreleased_section_with_entries_by_issue():
    text = (REPO / "CHANGELOG.md").read_text()
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## [", 1)[0]
    entries = [" ".join(e.split()) for e in re.split(r"^- ", unreleased, flags=re.M)[1:]]
    assert entries, "list this round's changes under Unreleased"
    unnamed = [e[:60] for e in entries if not re.search(r"\(issue \d+\)", e)]
    assert not unnamed, f"each entry names its issue, e.g. '(issue 18)': {unnamed}"


def test_contributing_points_to_the_authoring_guide_and_the_code_of_conduct_has_a_contact():
    contributing = (REPO / "CONTRIBUTING.md").read_text()
    assert "docs/authoring.md" in contributing and "CODE_OF_CONDUCT.md" in contributing
    conduct = (REPO / "CODE_OF_CONDUCT.md").read_text()
    assert "[INSERT CONTACT METHOD]" not in conduct, "the template's blank must be replaced"
    assert "Contributor Covenant" in conduct


def test_students_find_the_setup_page_from_the_readme_and_lesson_00():
    setup = (REPO / "docs" / "setup.md").read_text()
    for system in ("## Windows", "## macOS", "## Linux", "## Errors and what to do", "## Updating the course"):
        assert system in setup
    assert "py -3.11 -m facecourse lab" in setup and "python3.11 -m facecourse lab" in setup
    assert "(docs/setup.md)" in (REPO / "README.md").read_text()
    lesson00 = (REPO / "lessons" / "00-start-here.ipynb").read_text()
    assert "[docs/setup.md](../docs/setup.md)" in lesson00
    assert "mybinder.org/v2/gh/" in (REPO / "README.md").read_text()
