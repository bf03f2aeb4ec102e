# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint bench install install-test clean

$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt -c constraints.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: the dashboard on http://127.0.0.1:$(PORT), opening on the bundled sample articles
run: install
	$(PY) -m streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT)

## make test: lint, then the whole suite (browser tests included when Chromium is installed)
test: install-test
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: install-test
	$(PY) -m ruff check .

## make bench: the speed and memory figures (bench/*.py); not part of `make test`
bench: install-test  # each script prints PASS/FAIL and exits 1 on FAIL; '-' runs the others anyway
	-$(PY) bench/extract.py
	-$(PY) bench/import.py
	-$(PY) bench/dashboard.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
