# Two commands on a fresh machine: `make demo` and `make test`. Both install what they need first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make

.PHONY: setup demo test test-unit lint typecheck chromium clean

setup: $(STAMPS)/python $(STAMPS)/node chromium

$(STAMPS)/python: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@mkdir -p $(STAMPS) && touch $@

# Lighthouse tooling (@lhci/cli 0.15.1 and the Lighthouse it bundles), pinned by package-lock.json.
$(STAMPS)/node: package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund --loglevel=error && mkdir -p $(STAMPS) && touch $@; \
	else echo "npm not found: Lighthouse will be unavailable (see: $(BIN)/uxaudit doctor)"; fi

chromium: $(STAMPS)/python
	@bash scripts/ensure-chromium.sh $(BIN)/python

demo: setup
	$(BIN)/uxaudit demo

test: setup
	$(BIN)/pytest

test-unit: $(STAMPS)/python
	$(BIN)/pytest -m "not e2e"

# ruff, mypy --strict, and the import rules of ARCHITECTURE.md (import-linter's contracts in pyproject.toml).
lint: $(STAMPS)/python
	$(BIN)/ruff check uxaudit tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) $(STAMPS) node_modules reports/2* reports/latest
