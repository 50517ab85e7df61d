# ANEF: `make run` serves the demo on 127.0.0.1:$(PORT); `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Catalogues besides French (the source language): tests/core/test_translations.py checks each one.
TRANSLATED := en ar zh
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi
PG_URL ?= postgresql://postgres@127.0.0.1:5432/anef_test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist worksteal

.PHONY: run test test-sqlite test-postgres setup translations migrate demo bench bench-pages bench-documents bench-login bench-appointments bench-transfer clean lint messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed translations

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d translations --statistics

migrate: setup
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) demo load

run: demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: setup lint
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -m anef.testing.services_up; then \
		$(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL or Redis not answering: the suite ran on SQLite only."; fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/bandit -q -c pyproject.toml -r anef plugins

test-sqlite: setup
	$(PYTEST)

test-postgres: setup
	TEST_DATABASE_URL=$(PG_URL) TEST_REDIS_URL=$(REDIS_TEST_URL) $(PYTEST)

# Extract and update catalogues after changing strings (not part of run/test).
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -c i18n: -o translations/messages.pot --no-location --sort-output .
	for lang in $(TRANSLATED); do \
	  $(BIN)/pybabel update -i translations/messages.pot -d translations -l $$lang --init-missing --ignore-obsolete; \
	done

# The national-peak benchmark on PostgreSQL + Redis (docs/deploy.md); BENCH_DOSSIERS, BENCH_SECONDS… in bench/national.py.
$(VENV)/.bench-installed: pyproject.toml | $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

bench: setup $(VENV)/.bench-installed
	@$(BIN)/python -m anef.testing.services_up || { echo "make bench needs PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379"; exit 1; }
	$(BIN)/python -m bench.national

# The older single-purpose figures: pages in-process, document intake, password cost, appointments; transfer on 3G.
bench-pages bench-documents bench-login bench-appointments bench-transfer: setup
	$(BIN)/python -m bench.$(subst bench-,,$@)

clean:
	rm -rf $(VENV) instance
