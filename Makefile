# tradewarden: `make demo` runs the main job, `make test` runs the tests.
# Both create/refresh the virtualenv in .venv first (PyICU needs libicu-dev + pkg-config).
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED_LISTS ?= ../shared/data/lists

.PHONY: demo test sysdeps bench clean browser serve native

sysdeps:
	@pkg-config --exists icu-uc 2>/dev/null || { \
	  echo "installing libicu-dev and pkg-config (needed by PyICU)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config) \
	  || { echo "error: install libicu-dev and pkg-config, then re-run" >&2; exit 1; }; }
	@ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || { \
	  echo "installing libpango (needed by WeasyPrint for PDF reports)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0) \
	  || echo "warning: PDF reports need libpango-1.0-0 and libpangoft2-1.0-0" >&2; }

$(STAMP): pyproject.toml | sysdeps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The hot name-comparison and matching modules compiled with mypyc (scripts/build_native.py; the list is
# tradewarden._native.NATIVE_MODULES). Optional: without a C compiler the pure-Python modules run.
# Rebuilt when a source changes; an extension older than its edited source is ignored at import.
NATIVE_SOURCES := src/tradewarden/names/abjad.py src/tradewarden/names/compare.py src/tradewarden/match/ranking.py
NATIVE := src/tradewarden/native_hashes.json
$(NATIVE): $(STAMP) $(NATIVE_SOURCES) scripts/build_native.py src/tradewarden/_native.py
	$(BIN)/python scripts/build_native.py

native: $(NATIVE)

TW := $(BIN)/tradewarden

demo: $(STAMP) $(NATIVE)
	@echo "== loading the lists =="
	-@if [ -d "$(SHARED_LISTS)" ]; then $(TW) lists update --from "$(SHARED_LISTS)" --no-progress; \
	  else $(TW) lists update; fi
	@echo "== list status =="
	$(TW) lists status
	@echo "== matching the names in examples/names.txt =="
	@grep -v '^#' examples/names.txt | grep -v '^ *$$' | while IFS= read -r name; do \
	  $(TW) match "$$name" --limit 3 || exit 1; done
	@echo "== screening the example orders (examples/orders); each is recorded, anything not clear opens a case =="
	$(TW) screen examples/orders
	$(TW) screen examples/orders/06_subsidiary_owned_by_two_listed.json --no-record --report build/demo-report.html
	@echo "== the review queue (highest risk first; every run of the demo records its screenings again) =="
	$(TW) cases list --limit 15

# The dependency audit (pip-audit) fails on known vulnerabilities; offline it says so and goes on.
test: $(STAMP) $(NATIVE) browser
	$(BIN)/python scripts/dependency_audit.py
	$(BIN)/python -m pytest

# The benchmarks' own extra (nomenklatura, yente's logic-v1 scorer: a baseline of match_quality.py).
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(STAMP) $(NATIVE) $(BENCH_STAMP)
	$(BIN)/python bench/load_lists.py

clean:
	rm -rf $(VENV) .pytest_cache build/native $(NATIVE) src/tradewarden/names/*.so src/tradewarden/match/*.so

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; no browser download).
browser:
	@test -x /usr/bin/chromium || { echo "installing chromium (browser tests)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || { echo "error: install chromium, then re-run" >&2; exit 1; }; }

# htmx for the web UI, pinned, from npm; optional (the UI works without JavaScript).
HTMX := src/tradewarden/web/static/vendor/htmx.min.js
$(HTMX):
	-@mkdir -p $(@D) && cd $(@D) && npm pack --silent htmx.org@2.0.8 >/dev/null \
	  && tar -xzf htmx.org-2.0.8.tgz package/dist/htmx.min.js && mv package/dist/htmx.min.js . \
	  && rm -rf package htmx.org-2.0.8.tgz || echo "warning: htmx not fetched; the UI works without it" >&2

HOST ?= 127.0.0.1
PORT ?= 8000
serve: $(STAMP) $(NATIVE) $(HTMX)
	$(BIN)/tradewarden serve --host $(HOST) --port $(PORT)
