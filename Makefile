# Discourse analysis toolkit: `make report` runs the study, `make test` checks it.
# Both bootstrap .venv (python3 -m venv) and install the pinned stack from requirements.lock.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Same inputs, same outputs: fixed hash seed, fixed timestamp in PDFs. No MPLBACKEND here:
# notebook kernels draw inline (their figures are in the outputs and the HTML reports); the
# tests' own process picks Agg in tests/conftest.py.
export PYTHONHASHSEED := 0
export SOURCE_DATE_EPOCH := 1643283180
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help setup report test test-fast benchmark screenshot clean clean-cache

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

setup: $(STAMP) ## create .venv and install the pinned stack and the package

report: setup ## execute every notebook in order, regenerate figures/ and write reports/*.html
	rm -f figures/*.png figures/*.svg figures/*.pdf
	TQDM_DISABLE=1 $(VENV)/bin/discourse report

test: setup ## run unit, property, doctest and notebook (nbval) tests
	TQDM_DISABLE=1 $(PY) -m pytest tests analysis --doctest-modules \
	  --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

test-fast: setup ## unit and property tests only (no notebooks)
	$(PY) -m pytest tests analysis --doctest-modules -p no:cacheprovider

benchmark: setup ## print speed figures beside their baselines (not part of the tests)
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b; done

REPORT ?= reports/04_framing.html
screenshot: ## render one HTML report in headless Chromium to a PNG beside it (REPORT=path; apt-get install chromium)
	@command -v chromium >/dev/null || { echo "chromium not found: apt-get install chromium"; exit 1; }
	@test -f $(REPORT) || { echo "$(REPORT) not found: run make report (or give REPORT=path/to/page.html)"; exit 1; }
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,4000 \
	  --screenshot=$(basename $(REPORT)).png file://$(abspath $(REPORT)) 2>/dev/null
	@echo "$(basename $(REPORT)).png: open it to see the report as a reader does"

clean: ## remove generated reports and caches (keeps .venv)
	rm -rf reports .pytest_cache .hypothesis

clean-cache: ## remove the pipeline cache
	rm -rf .cache
