# Faces, Phones and the State — the course's commands.
#   make lab    create/refresh .venv from pinned versions, build the practice assignments, open JupyterLab on lesson 00
#   make test   create/refresh .venv, then run the whole test suite
#   (the same two without make, on any system: python -m facecourse lab / python -m facecourse test; docs/setup.md)
#   make test-hub   only the JupyterHub test (real hub, Unix accounts: needs root; part of make test)
# Also: make practice (self-study versions of the assignments), make datasets (regenerate synthetic data), make bench (benchmarks -> bench/results.json; make bench-browser: only the browser part),
#       make site (the lessons as static offline HTML -> site/),
#       make instructor (the lessons' instructor edition, notes and answer keys merged in -> instructor-edition/),
#       make autograde ASSIGNMENT=<id> (grade a class), make rubric-grades ASSIGNMENT=<id> (points per
#       rubric criterion as CSV), make checked-outputs (store nbval-checked outputs)
#       make variant TERM=<name> (this term's version of every assignment: new data, thresholds and facts)

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
# nbgrader calls `alembic` by name, and jupyter finds its kernels via PATH: use the venv's tools first.
export PATH := $(BIN):$(PATH)
PORT ?= 8888
# The launcher does the work of venv, practice, lab and test (the same steps without make: docs/setup.md).
LAUNCH = $(PYTHON) -m facecourse
PYTEST_ARGS ?=

.PHONY: lab practice test datasets bench checked-outputs autograde rubric-grades venv clean-venv

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml facecourse/publish/labsetup.py
	$(LAUNCH) venv

# Node tools (axe-core, configurable-http-proxy) pinned in package-lock.json; no network after install.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	$(LAUNCH) node

# Self-study versions of the assignments (assignments/practice/<id>/), rebuilt when a source changes.
PRACTICE_STAMP := assignments/practice/.built
$(PRACTICE_STAMP): $(STAMP) $(wildcard assignments/source/*/*.ipynb) $(wildcard facecourse/selfstudy/*.py)
	$(LAUNCH) practice

practice: $(PRACTICE_STAMP)

lab: $(STAMP) $(PRACTICE_STAMP)
	$(LAUNCH) lab --port=$(PORT)

test: $(STAMP) $(NODE_STAMP)
	$(LAUNCH) test $(PYTEST_ARGS)

# The JupyterHub test alone (tests/hub/; `make test` runs it too, so CI does): a real hub on loopback,
# Unix accounts, PAM logins, the whole nbgrader cycle as each user. Needs root; see docs/deploy.md.
.PHONY: test-hub
test-hub: $(STAMP) $(NODE_STAMP)
	$(LAUNCH) test tests/hub $(PYTEST_ARGS)

datasets: $(STAMP)
	$(BIN)/python -m facecourse.data.synthetic

checked-outputs: $(STAMP)
	$(BIN)/python -m facecourse.publish.checked_outputs lessons/*.ipynb

# Grade every submission in assignments/submitted/*/$(ASSIGNMENT)/ in parallel, sandboxed (see docs/instructor-guide.md).
autograde: $(STAMP)
	@test -n "$(ASSIGNMENT)" || { echo "usage: make autograde ASSIGNMENT=<assignment id>, e.g. ASSIGNMENT=ps1-error-rates"; exit 2; }
	$(BIN)/python -m facecourse.grading $(ASSIGNMENT) $(AUTOGRADE_ARGS)

# Points per rubric criterion, read from the graders' formgrader comments -> assignments/grades/<id>-criteria.csv
rubric-grades: $(STAMP)
	@test -n "$(ASSIGNMENT)" || { echo "usage: make rubric-grades ASSIGNMENT=<assignment id>"; exit 2; }
	$(BIN)/python -m facecourse.grading.rubric_grades export $(ASSIGNMENT)

# This term's version of every assignment, in place in assignments/source/ (facecourse/grading/variants/):
# synthetic data, thresholds and scenario facts derived from TERM; questions, rubrics and points unchanged.
# TERM must be given on the command line (the shell's own TERM variable names a terminal, not a term);
# TERM=default restores the committed version.  See docs/instructor-guide.md, "A new version every term".
.PHONY: variant
variant: $(STAMP)
	@test "$(origin TERM)" = "command line" || { echo "usage: make variant TERM=<term name>, e.g. TERM=2027-spring-<a word of your own>"; exit 2; }
	$(BIN)/python -m facecourse.grading.variants "$(TERM)"

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py
	$(BIN)/python bench/browser_widgets.py

# Only the browser part of make bench: key press -> explorer figure redrawn, in Chromium (bench/browser_widgets.py).
.PHONY: bench-browser
bench-browser: $(STAMP)
	$(BIN)/python bench/browser_widgets.py

# The executed lessons as static, offline HTML pages with an index (facecourse/publish/site.py) -> site/
.PHONY: site
site: $(STAMP)
	$(BIN)/python -m facecourse.publish.site --out site

# The instructor edition: each student lesson with lessons/instructor/NN-name.md and the answer keys merged in.
.PHONY: instructor
instructor: $(STAMP)
	$(BIN)/python -m facecourse.publish.editions build --out instructor-edition

clean-venv:
	rm -rf $(VENV)

# Mutation testing: how many small planted bugs the fast unit tests catch in each pure module
# (models, data, the practice checks, the judge's codec) -> bench/mutation.json. Not part of make test.
.PHONY: mutation
mutation: $(STAMP)
	$(BIN)/python bench/mutation.py
