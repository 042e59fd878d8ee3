# The README's commands. `make run` and `make test` set everything up first and are idempotent.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# One worker on the embedded default: the in-memory channel layer lives in one process.
# With REDIS_URL set, use one or two per core: `make serve WORKERS=4`.
WORKERS ?= 1
# QR codes, share links and the credentials' did:web issuer name the server `make run` starts
# (set SITE_URL yourself when the public address differs, e.g. behind a proxy or on 0.0.0.0).
run serve: export SITE_URL ?= http://$(HOST):$(PORT)
export PYTHONPATH := $(CURDIR):$(CURDIR)/site
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: setup run serve test lint format bench messages clean

# --- setup: venv, pip, npm, translations, migrations -----------------------------------------
$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

setup: $(VENV)/.installed node_modules/.installed
	@mkdir -p var
	$(PY) manage.py i18n_compile
	$(PY) manage.py migrate --noinput -v 0

# --- run: demo data, then serve over ASGI (Uvicorn) -------------------------------------------
run: setup
	$(PY) manage.py demo_load
	@echo
	@echo "  Công dân học tập is running at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "  Addresses in QR codes, share links and credentials: $(SITE_URL)"
	@echo "  Demo logins (this machine only):"
	@grep -v '^#' var/demo-logins.txt | awk -F'\t' '{printf "    %-40s %-26s %s\n", $$1, $$3, $$4}'
	@echo
	$(MAKE) --no-print-directory serve

# The schedule worker publishes and expires scheduled pages by itself (one per site), and stops
# with the server.
serve:
	@$(PY) manage.py schedule_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(VENV)/bin/uvicorn config.asgi:application --host $(HOST) --port $(PORT) \
	  --workers $(WORKERS) --lifespan off

# --- test: the whole suite on the configured database (SQLite by default) ----------------------
test: setup
	$(VENV)/bin/pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup
	@for script in bench/[!_]*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# Refresh the English catalogue after adding or changing Vietnamese source strings.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --no-obsolete
	$(PY) manage.py i18n_compile

clean:
	rm -rf $(VENV) node_modules var
