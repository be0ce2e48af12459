# storyline — the two commands a newcomer needs:
#   make demo   install, ingest the sample corpus, analyse, cluster, print the top storylines
#   make test   install (with test tools) and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install demo test lint eval bench clean

$(BIN)/storyline: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $(BIN)/storyline

install: $(BIN)/storyline

demo: install
	$(BIN)/storyline demo --db $(DEMO_DB)

test: install
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

lint: install
	$(BIN)/ruff check src tests eval bench
	$(BIN)/ruff format --check src tests eval bench

clean:
	rm -rf $(VENV) $(DEMO_DB) build dist src/*.egg-info
