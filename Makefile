# The README's two commands: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi.py
APT_PACKAGES := chromium tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core

.PHONY: install run test test-sqlite test-postgres lint bench system-deps postgres-up translations clean

install: $(STAMP) translations

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

translations: $(STAMP)
	$(BIN)/pybabel compile -d registry/translations -D messages --statistics

# System packages the product uses (OCR, PDF tools, Chromium for browser tests). Installed when run as root.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing system packages (install as root):$$missing"; fi; \
	fi

# Start the local PostgreSQL server if it is installed but stopped (the tests talk to it for real).
postgres-up:
	@if command -v pg_lsclusters >/dev/null 2>&1; then \
	  pg_lsclusters --no-header 2>/dev/null | while read ver name port status rest; do \
	    if [ "$$status" != "online" ]; then pg_ctlcluster --skip-systemctl-redirect $$ver $$name start || true; fi; \
	  done; \
	fi

run: install system-deps
	@mkdir -p instance
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load
	$(BIN)/flask search ensure
	@test -f instance/demo-users.txt && { echo; echo "Demo accounts:"; cat instance/demo-users.txt; echo; } || true
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: install system-deps postgres-up
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite:
	$(BIN)/pytest -q -p no:cacheprovider

test-postgres:
	HIEULUC_TEST_DB=postgresql $(BIN)/pytest -q -p no:cacheprovider -m "not browser" \
	  --ignore=tests/search --ignore=tests/ingest --ignore=tests/documents/test_validity.py \
	  --ignore=tests/documents/test_validity_properties.py

lint: install
	$(BIN)/ruff check registry search tests benchmarks
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/extract_accuracy.py
	$(BIN)/python benchmarks/reviews.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
