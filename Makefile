# Two commands do all set-up: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install run test bench chromium wrk lint

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

lint: install
	$(VENV)/bin/ruff check .
