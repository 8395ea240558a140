# Two commands do all set-up: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install vendor run test bench chromium lint

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

# Debian's Chromium drives the browser tests; Playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed and apt-get is not usable: browser tests will skip (fail under CI=true)"; fi; }

test: install vendor chromium
	$(VENV)/bin/ruff check .
	$(PY) scripts/run_tests.py $(ARGS)

bench: install vendor chromium
	$(PY) scripts/bench.py

lint: install
	$(VENV)/bin/ruff check .
