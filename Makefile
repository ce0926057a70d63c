# Faces, Phones and the State — the course's commands.
#   make lab    create/refresh .venv from pinned versions, build the practice assignments, open JupyterLab on lesson 00
#   make test   create/refresh .venv, then run the whole test suite
#   make test-hub   only the JupyterHub test (real hub, Unix accounts: needs root; part of make test)
# Also: make practice (self-study versions of the assignments), make datasets (regenerate synthetic data), make bench (benchmarks -> bench/results.json),
#       make site (the lessons as static offline HTML -> site/),
#       make autograde ASSIGNMENT=<id> (grade a class), make rubric-grades ASSIGNMENT=<id> (points per
#       rubric criterion as CSV), make checked-outputs (store nbval-checked outputs)

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
# nbgrader calls `alembic` by name, and jupyter finds its kernels via PATH: use the venv's tools first.
export PATH := $(BIN):$(PATH)
# Jupyter refuses to run as root unless told; containers and CI run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PORT ?= 8888
PYTEST_ARGS ?=

.PHONY: lab practice test datasets bench checked-outputs autograde rubric-grades venv clean-venv

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml facecourse/publish/labsetup.py
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11"' \
		|| { echo "error: $(PYTHON) is older than Python 3.11 (set PYTHON=...)"; exit 1; }
	@test -x $(VENV)/bin/python || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(VENV)/bin/python -m facecourse.publish.labsetup
	@touch $(STAMP)

# Node tools (axe-core, configurable-http-proxy) pinned in package-lock.json; no network after install.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

# Self-study versions of the assignments (assignments/practice/<id>/), rebuilt when a source changes.
PRACTICE_STAMP := assignments/practice/.built
$(PRACTICE_STAMP): $(STAMP) $(wildcard assignments/source/*/*.ipynb) $(wildcard facecourse/selfstudy/*.py)
	$(BIN)/python -m facecourse.selfstudy.build
	@touch $(PRACTICE_STAMP)

practice: $(PRACTICE_STAMP)

lab: $(STAMP) $(PRACTICE_STAMP)
	@echo "Starting JupyterLab on lessons/00-start-here.ipynb; open the http://127.0.0.1:$(PORT)/lab?token=... address printed below."
	$(BIN)/jupyter lab lessons/00-start-here.ipynb --ServerApp.root_dir="$(CURDIR)" --ServerApp.ip=127.0.0.1 \
		--ServerApp.port=$(PORT) $(ROOT_FLAG)

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The JupyterHub test alone (tests/hub/; `make test` runs it too, so CI does): a real hub on loopback,
# Unix accounts, PAM logins, the whole nbgrader cycle as each user. Needs root; see docs/deploy.md.
.PHONY: test-hub
test-hub: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest tests/hub $(PYTEST_ARGS)

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

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

# The executed lessons as static, offline HTML pages with an index (facecourse/publish/site.py) -> site/
.PHONY: site
site: $(STAMP)
	$(BIN)/python -m facecourse.publish.site --out site

clean-venv:
	rm -rf $(VENV)

# Mutation testing: how many small planted bugs the fast unit tests catch in each pure module
# (models, data, the practice checks, the judge's codec) -> bench/mutation.json. Not part of make test.
.PHONY: mutation
mutation: $(STAMP)
	$(BIN)/python bench/mutation.py
