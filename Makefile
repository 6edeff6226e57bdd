# Two commands do all the set-up on a fresh clone with Python 3.11+:
#   make demo   creates .venv, installs the project with its runtime dependencies (and Babel,
#               for the demo's Russian message, and the calendar extra for its invite) but no
#               dev toolchain, runs the demo
#   make test   creates .venv, installs the project, runs ruff, the import-linter contracts,
#               mypy --strict, the docs build and pytest
#   make docs   builds the documentation site into docs/_build/html
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The pinned tzdata package, not the machine's zone files, decides every DST date.
export PYTHONTZPATH :=

.PHONY: demo test lint imports typecheck pytest bench bench-quick docs clean api-changes

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Two stamps: the demo needs only the runtime dependencies (attrs, cattrs,
# python-dateutil, tzdata), Babel (the i18n extra) for its message in Russian and
# the calendar extra for its invite;
# the checks need the whole dev toolchain. Installing the toolchain installs all of
# that too, so it brings the demo's stamp up to date.
RUNTIME_STAMP := $(VENV)/.installed-runtime

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[i18n,calendar]'
	touch $(RUNTIME_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(RUNTIME_STAMP) $(STAMP)

demo: $(RUNTIME_STAMP)
	$(BIN)/python -m ementoring demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks conftest.py docs
	$(BIN)/ruff format --check src tests benchmarks conftest.py docs

# The architecture as import-linter contracts (see [tool.importlinter] in pyproject.toml
# and docs/architecture.md): layers, no reach into another package's private modules,
# no import cycle between siblings, no I/O module.
imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy --strict src tests conftest.py docs/conf.py docs/_ext

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Quick sizes only, so the benchmarks never rot; they assert nothing about time.
bench-quick: $(STAMP)
	$(BIN)/python benchmarks/run.py --quick

# The documentation site, every warning an error (-n: every reference must resolve);
# --keep-going reports all of them at once.
docs: $(STAMP)
	$(BIN)/sphinx-build -M html docs docs/_build -W --keep-going -n -q

# The hostile-input fuzz suite with a long budget (make test runs a quick one):
# hundreds of calls per public callable; it goes on after a problem and ends
# with the calls tried and the problems found.
fuzz: $(STAMP)
	EMENTORING_FUZZ=long $(BIN)/python -m pytest -q -p no:randomly tests/fuzz

# pytest last, so its summary is the closing line.
test: lint imports typecheck bench-quick docs pytest

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache docs/_build

# The public API's breaking changes since 0.1 (griffe), for CHANGELOG's "API changes".
api-changes: $(STAMP)
	$(BIN)/python -m tests.api_changes
