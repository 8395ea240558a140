# Two commands do all set-up: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install run admin test bench chromium wrk lint screenshots

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_content
	$(PY) manage.py create_demo_user
	@echo "Serving on http://127.0.0.1:8000 with a grading worker beside it. Ctrl-C stops both."
	$(PY) manage.py serve 127.0.0.1:8000

# An admin account: asks for a username and password, or takes them from DJANGO_SUPERUSER_USERNAME,
# DJANGO_SUPERUSER_PASSWORD and DJANGO_SUPERUSER_EMAIL (email optional). Other roles: manage.py grant_role.
admin: install
	$(PY) manage.py migrate --noinput
	@if [ -n "$$DJANGO_SUPERUSER_USERNAME" ] && [ -n "$$DJANGO_SUPERUSER_PASSWORD" ]; then \
	  DJANGO_SUPERUSER_EMAIL="$${DJANGO_SUPERUSER_EMAIL:-$$DJANGO_SUPERUSER_USERNAME@localhost}" \
	    $(PY) manage.py createsuperuser --noinput; \
	else $(PY) manage.py createsuperuser; fi

# Debian's Chromium drives the browser tests; Playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed and apt-get is not usable: browser tests will skip (fail under CI=true)"; fi; }

test: install chromium
	$(VENV)/bin/ruff check .
	$(PY) scripts/run_tests.py $(ARGS)

# wrk loads the question page and the bare view for `make bench` (a Python client would cap the bare view).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk is not installed and apt-get is not usable: page throughput falls back to a Python client"; fi; }

# `make bench ARGS="--only scaling"` runs one section.
bench: install wrk
	$(PY) scripts/bench.py $(ARGS)

# The README's screenshots (docs/screenshots/), taken with demo data on a throw-away database.
screenshots: install chromium
	$(PY) scripts/screenshots.py

lint: install
	$(VENV)/bin/ruff check .
