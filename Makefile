# The two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell cat requirements.txt constraints.txt | cksum | cut -d' ' -f1)
# The environment counts as present only if its pip runs: a half-made .venv (python3-venv
# missing) or one whose Python was removed is rebuilt, whatever its stamp says.
VENV_WORKS := $(shell $(BIN)/python -m pip --version >/dev/null 2>&1 && echo yes)
ADDR ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help run test test-browser fuzz lint format bench bench-load messages migrate demo clean constraints FORCE

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt constraints.txt $(if $(VENV_WORKS),,FORCE)
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	@if ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
		echo "Creating $(VENV)"; \
		rm -rf $(VENV); \
		if ! $(PYTHON) -m venv $(VENV) || ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
			rm -rf $(VENV); \
			echo "Could not create a virtual environment with pip in $(VENV):" >&2; \
			echo "install python3-venv, e.g. apt-get install python3-venv, then run make again." >&2; \
			exit 1; \
		fi; \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	rm -f $(VENV)/.installed-* && touch $@

# A catalogue is compiled when its .po is newer than its .mo, as make sees it: starting Django
# to find nothing to do took 3.6 s of every `make test`.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
messages: $(INSTALLED) $(CATALOGUES) ## Compile the translation catalogues
$(CATALOGUES): %.mo: %.po | $(INSTALLED)
	$(BIN)/python manage.py compile_translations

migrate: $(INSTALLED) messages ## Create or update the database
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py sync_schedules

demo: migrate ## Load the demo content and users (safe to repeat)
	$(BIN)/python manage.py seed_demo

run: demo ## Set up and start the portal and its task worker on http://127.0.0.1:8000
	$(BIN)/python manage.py runportal $(ADDR)

# One test process per core (pytest-xdist); TEST_PROCESSES=0 runs the suite in this process alone.
# `--dist loadgroup` (no test is in a group) keeps each process at most three tests ahead, handed
# out in the order pytest-django gives them. xdist's default (`load`) filled each process's
# queue with hundreds of tests long before the end: the browser tests, which come last, all went
# to one process, which ran them for two minutes while the other sat idle. (Groups would not
# work here anyway: pytest-xdist 3.8 names a group in `_nodeid`, which pytest 9 no longer reads.)
TEST_PROCESSES ?= auto
PARALLEL = -n $(TEST_PROCESSES) --dist loadgroup --no-loadscope-reorder
test: messages ## Run the whole test suite on every core (browser tests skip without Chromium)
	$(BIN)/python -m pytest -p no:cacheprovider $(PARALLEL)

test-browser: messages ## Run only the browser tests
	$(BIN)/python -m pytest -p no:cacheprovider tests/browser

FUZZ_EXAMPLES ?= 1000
fuzz: messages ## Send every form generated bad input: random seeds, 1,000 examples a form (FUZZ_EXAMPLES=…)
	HYPOTHESIS_PROFILE=fuzz HYPOTHESIS_MAX_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -p no:cacheprovider tests/hardening

lint: $(INSTALLED) ## Check style with ruff and the import rules with import-linter
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(INSTALLED) ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: messages ## Run the benchmarks (they print figures; never part of the tests)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/review_queue.py
	$(BIN)/python bench/signed_in.py
	$(BIN)/python bench/matching.py --participants 3500 --mentors 500

bench-load: messages ## Load-test the pages under gunicorn with wrk (apt-get install -y wrk)
	$(BIN)/python bench/load.py

constraints: ## Pin every installed package after a change to requirements.txt
	rm -rf .venv-constraints && $(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet -r requirements.txt
	{ echo "# Every package the portal installs, at the version its tests passed with."; \
	  echo "# Regenerate with \`make constraints\` after changing requirements.txt."; \
	  .venv-constraints/bin/python -m pip freeze --all | grep -v -E '^(pip|setuptools|wheel)=='; } > constraints.txt
	rm -rf .venv-constraints

clean: ## Remove the virtual environment, the database and generated files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* var

FORCE:
