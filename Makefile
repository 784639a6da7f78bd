# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run   - the dashboard on the offline demo workbook at http://localhost:8501
#   make test  - the whole test suite
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed
DEMO := data/demo.xlsx
PORT ?= 8501

.PHONY: run test lint bench browser-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(RUN_STAMP) $@

$(DEMO): $(RUN_STAMP)
	$(BIN)/python -m odcore demo $(DEMO)

run: $(RUN_STAMP) $(DEMO)
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.headless true

test: $(DEV_STAMP) $(DEMO)
	$(BIN)/python -m pytest -q -n 2 -m "not browser"

bench: $(DEV_STAMP)
	$(BIN)/python -m bench.bench_read

lint: $(DEV_STAMP)
	$(BIN)/ruff check odcore pages app.py tests

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .ruff_cache
