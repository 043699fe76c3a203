# scribe_robust: the two set-up commands are `make demo` and `make test` (both create .venv when missing).
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
QUIET_PIP := { grep -v -E 'is ignored: it is neither|^$$' || true; }
TESTS := tests/test_hygiene.py tests/test_notebooks.py tests/test_copy.py tests/test_docs.py tests/test_site.py
# THREADS=N runs the tests with N BLAS/OpenMP threads (torch reads OMP_NUM_THREADS at start): results must not
# depend on it, and CI runs the notebooks with both 1 and 2 threads (.ci/run).
THREADS ?=
THREAD_ENV := $(if $(THREADS),OMP_NUM_THREADS=$(THREADS) MKL_NUM_THREADS=$(THREADS) OPENBLAS_NUM_THREADS=$(THREADS),)

.PHONY: install demo test test-nbs lab docs readme export clean chromium

# Pinned, reproducible environment: exact pins in constraints.txt, package ranges in settings.ini. pyproject.toml is left
# out: nbdev_export rewrites it from settings.ini on every export (same content, new mtime), which would reinstall each time.
$(STAMP): settings.ini setup.py constraints.txt
	@echo "== creating $(VENV) (pinned torch/fastai/nbdev; ~5 min on a fresh machine)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -c constraints.txt "setuptools>=64,<81" wheel 2>&1 | $(QUIET_PIP)
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]" 2>&1 | $(QUIET_PIP)
	$(BIN)/python -m pip check
	touch $@

install: $(STAMP)

# Debian's chromium for the real-browser check (Playwright drives it; it never downloads a browser).
chromium:
	@command -v chromium >/dev/null || { echo "== installing Debian chromium"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The main job on the embedded synthetic data set: no network, no GPU.
demo: $(STAMP)
	$(BIN)/scribe_demo --out demo_out

# Checks, in order: notebooks clean, library in sync, nbdev_test (all notebooks, 2 workers),
# docs site built with warnings as errors, real-browser check of the site. Ends with `N passed, N failed`.
test: $(STAMP) chromium
	rm -f .test-results.xml; rc=0; $(THREAD_ENV) $(BIN)/python -m pytest -p no:cacheprovider -q -rfE $(TESTS) --junitxml=.test-results.xml || rc=$$?; \
	$(BIN)/python tools/summary.py .test-results.xml; exit $$rc

# Only the notebooks' tests (nbdev_test, 2 workers), e.g. `make test-nbs THREADS=1` after `make test THREADS=2`.
test-nbs: $(STAMP)
	rm -f .test-results.xml; rc=0; $(THREAD_ENV) $(BIN)/python -m pytest -p no:cacheprovider -q -rfE tests/test_notebooks.py --junitxml=.test-results.xml || rc=$$?; \
	$(BIN)/python tools/summary.py .test-results.xml; exit $$rc

# JupyterLab from the venv, reachable from this machine only, opened on the notebooks (Ctrl-C stops it).
lab: $(STAMP)
	$(BIN)/jupyter lab --ip 127.0.0.1 --no-browser --ServerApp.root_dir=nbs $(if $(SUDO),,--allow-root)

docs: $(STAMP)
	$(BIN)/python docs/build.py --strict

readme: $(STAMP)
	$(BIN)/python tools/readme.py

export: $(STAMP)
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean

clean:
	rm -rf _proc _site docs/_src jupyter_execute .test-results.xml
