# Two commands do all set-up: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install vendor run admin test bench chromium wrk lint screenshots

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

# Browser assets from the npm registry, fetched at install time and never committed (static/vendor/ is ignored):
# Pyodide's core files, and the CodeMirror 6 editor bundled once by esbuild. The exercise page needs both. They go
# under a folder named by a digest of the lock and the editor source (practice/exercises/vendor.py computes the
# same), so a new version gets new URLs and browsers may cache these files as immutable.
VENDOR := static/vendor/.installed
VENDOR_SOURCES := frontend/package-lock.json frontend/editor.js
PYODIDE_FILES := pyodide.js pyodide.mjs pyodide.asm.js pyodide.asm.wasm python_stdlib.zip pyodide-lock.json

$(VENDOR): Makefile frontend/package.json $(VENDOR_SOURCES)
	cd frontend && npm ci --no-audit --no-fund --silent
	rm -rf static/vendor
	STAMP=$$(cat $(VENDOR_SOURCES) | sha256sum | cut -c1-12) && mkdir -p static/vendor/$$STAMP/pyodide \
	  && (cd frontend/node_modules/pyodide && cp $(PYODIDE_FILES) ../../../static/vendor/$$STAMP/pyodide/) \
	  && frontend/node_modules/.bin/esbuild frontend/editor.js --bundle --minify --format=iife \
	       --global-name=PlaybookEditor --log-level=warning --outfile=static/vendor/$$STAMP/editor.js
	touch $@

vendor: $(VENDOR)

run: install vendor
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

test: install vendor chromium
	$(VENV)/bin/ruff check .
	$(PY) scripts/run_tests.py $(ARGS)

# wrk loads the question page and the bare view for `make bench` (a Python client would cap the bare view).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk is not installed and apt-get is not usable: page throughput falls back to a Python client"; fi; }

# `make bench ARGS="--only scaling"` runs one section.
bench: install vendor chromium wrk
	$(PY) scripts/bench.py $(ARGS)

# The README's screenshots (docs/screenshots/), taken with demo data on a throw-away database.
screenshots: install chromium
	$(PY) scripts/screenshots.py

lint: install
	$(VENV)/bin/ruff check .
