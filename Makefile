# Landsbyprisen: the two commands a new user needs are `make run` and `make test`.
# Needs GNU make and Python 3.11 (python3 is used when python3.11 is missing).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV ?= .venv
PORT ?= 8501
# Only this machine can reach the app unless told otherwise (make run ADDRESS=0.0.0.0).
ADDRESS ?= 127.0.0.1
PYTEST_ARGS ?=

PYTHON_FOR_VENV := $(or $(shell command -v python3.11),$(shell command -v python3))
PY := $(VENV)/bin/python
# Holds the sha256 of the pyproject.toml last installed: a sha, not an mtime,
# because a fresh clone or a checkout gives every file a new mtime.
INSTALL_STAMP := $(VENV)/.pyproject.sha256
SECRETS := .streamlit/secrets.toml

.PHONY: help venv install secrets run test bench clean distclean

help: ## List the targets
	@echo "Landsbyprisen: make <target>"
	@grep -E '^[a-z][a-z-]*:.*## ' $(firstword $(MAKEFILE_LIST)) \
		| awk -F ':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'
	@echo "Variables: ADDRESS=$(ADDRESS) PORT=$(PORT) VENV=$(VENV) PYTEST_ARGS='$(PYTEST_ARGS)'; PRIZE_DATABASE_URL selects PostgreSQL."

$(PY):
	@test -n "$(PYTHON_FOR_VENV)" || { echo "python3.11 or python3 is needed to create $(VENV)" >&2; exit 1; }
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

venv: install ## Create the venv and install the app with its test extras

install: $(PY) ## Same as venv; re-installs only when pyproject.toml changed
	@want=$$(sha256sum pyproject.toml | cut -d' ' -f1); \
	if [[ "$$(cat $(INSTALL_STAMP) 2>/dev/null)" != "$$want" ]]; then \
		echo "$(PY) -m pip install --quiet -e '.[test]'"; \
		$(PY) -m pip install --quiet -e ".[test]"; \
		echo "$$want" > $(INSTALL_STAMP); \
	fi

secrets: ## Copy the demo secrets to .streamlit/secrets.toml when it is missing
	@if [[ ! -f $(SECRETS) ]]; then \
		cp .streamlit/secrets.example.toml $(SECRETS); \
		echo "Bemærk: demo-hemmelighederne er i brug ($(SECRETS) er kopieret fra secrets.example.toml; den rigtige fil er git-ignoreret)."; \
	fi

run: install secrets ## Migrate the database, load the demo year if empty, start the app on ADDRESS:PORT
	$(PY) -m prize init
	$(PY) -m prize demo --if-empty
	$(PY) -m streamlit run serve.py --server.address $(ADDRESS) --server.port $(PORT)

# pytest exits 5 when it collects no tests; a suite that runs nothing has failed.
test: install ## Run the test suite (PYTEST_ARGS are passed on)
	@status=0; $(PY) -m pytest $(PYTEST_ARGS) || status=$$?; \
	if [[ $$status -eq 5 ]]; then echo "pytest collected no tests" >&2; fi; \
	exit $$status

bench: install ## Run every bench/*.py script in turn
	@shopt -s nullglob; scripts=(bench/*.py); \
	if [[ $${#scripts[@]} -eq 0 ]]; then echo "No scripts in bench/"; fi; \
	for script in "$${scripts[@]}"; do \
		echo "== $$script"; \
		$(PY) "$$script"; \
	done

clean: ## Remove var/ (SQLite database, uploads) and caches
	rm -rf var .pytest_cache
	find . -path ./.git -prune -o -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +

distclean: clean ## Also remove the venv
	rm -rf $(VENV)
