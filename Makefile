# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run   - the dashboard on the offline demo workbook at http://localhost:8501
#   make test  - the whole fast test suite
#   make e2e   - every page in headless Chromium (Debian's package, apt-get if missing);
#                make browser-test is the same target under its old name
#   make e2e-stack - the browser suite through nginx against the deployment on loopback
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed
DEMO := data/demo.xlsx
PORT ?= 8501

.PHONY: run test lint bench e2e browser-test e2e-stack chromium postgres nginx clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "Потрібен Python 3.11 або новіший; $(PYTHON) не підходить. Вкажіть інший: make PYTHON=/шлях/до/python3.11 ..."; exit 1; }
	@# A failed venv (Debian without python3.11-venv) is removed, so the next run retries.
	@echo "Створюю віртуальне середовище $(VENV) і оновлюю pip (кілька секунд)..."
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

# pip is quiet, so say what it installs and how long it takes: a silent minute looks hung.
$(RUN_STAMP): requirements.txt | $(BIN)/python
	@echo "Встановлюю бібліотеки з requirements.txt (Streamlit, pandas, openpyxl, gspread та ін.);"
	@echo "перший раз це зазвичай триває 1-2 хвилини, далі - мить."
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	@echo "Встановлюю бібліотеки з requirements-dev.txt (pytest, ruff, mypy, Playwright та ін.);"
	@echo "перший раз це зазвичай триває 1-3 хвилини."
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(RUN_STAMP) $@

# Written again when the code that builds it changes, so make run never serves a stale demo.
DEMO_CODE := $(wildcard odcore/demo.py odcore/plan_seed.py odcore/exports/template.py odcore/schema/*.py)

$(DEMO): $(RUN_STAMP) $(DEMO_CODE)
	@echo "Записую демонстраційну книгу $(DEMO)..."
	$(BIN)/python -m odcore demo $(DEMO)

run: $(RUN_STAMP) $(DEMO)
	@echo "Запускаю панель: http://localhost:$(PORT) (зупинити - Ctrl+C)."
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.headless true

# The store's tests start Debian's PostgreSQL in a temporary folder (tests/pg.py); under CI
# (CI=true) a missing server fails them instead of skipping them.
# nginx checks the deployment's site file (tests/test_deploy.py).
test: $(DEV_STAMP) $(DEMO) postgres nginx
	ODCORE_REQUIRE_POSTGRES=$(if $(CI),1,0) ODCORE_REQUIRE_NGINX=$(if $(CI),1,0) \
	  $(BIN)/python -m pytest -q -n 2 -m "not browser"

# Debian's postgresql for the tests (they start a server of their own); apt-get needs root (CI runs as
# root): without root and without the server, the PostgreSQL tests are skipped.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	  else echo "PostgreSQL не встановлено (потрібен root: apt-get install postgresql); тести сховища PostgreSQL буде пропущено."; fi; }

# Debian's nginx (light), for the same tests (they run their own on loopback).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; \
	  else echo "nginx не встановлено (потрібен root: apt-get install nginx-light); перевірку файлу сайту буде пропущено."; fi; }

# Debian's chromium, never a browser download; apt-get needs root (CI runs as root).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The end-to-end suite is the browser marker: every page in Ukrainian and English, the as_of
# picker, filters, row selection, downloads, public-only mode; screenshots under artifacts/.
# The deployment stack on loopback (tests/test_stack_browser.py) needs postgresql and nginx.
e2e: $(DEV_STAMP) $(DEMO) chromium postgres nginx
	ODCORE_REQUIRE_BROWSER=1 ODCORE_REQUIRE_POSTGRES=$(if $(CI),1,0) ODCORE_REQUIRE_NGINX=$(if $(CI),1,0) \
	  $(BIN)/python -m pytest -q -m browser

browser-test: e2e

# The deployment on loopback (tests/stack.py, docs/deploy.md): the loopback Sheets server with
# three councils, PostgreSQL, the refresh worker's round, two replicas with ODCORE_WORKER=1 and
# nginx; every page at both sizes through nginx, the sticky session, the roll-up.
e2e-stack: $(DEV_STAMP) $(DEMO) chromium postgres nginx
	ODCORE_E2E_STACK=1 ODCORE_REQUIRE_BROWSER=1 ODCORE_REQUIRE_POSTGRES=1 ODCORE_REQUIRE_NGINX=1 \
	  $(BIN)/python -m pytest -q -m browser tests/test_pages_browser.py tests/test_stack_browser.py

# bench_scale, bench_refresh and bench_rollup exit 1 when a target is missed; bench_load
# drives 20 Chromium sessions against one server for a minute (never part of make test).
bench: $(DEV_STAMP) chromium
	$(BIN)/python -m bench.bench_read
	$(BIN)/python -m bench.bench_figures
	$(BIN)/python -m bench.bench_google
	$(BIN)/python -m bench.bench_pages
	$(BIN)/python -m bench.bench_load
	$(BIN)/python -m bench.bench_scale
	$(BIN)/python -m bench.bench_limits
	$(BIN)/python -m bench.bench_refresh
	$(BIN)/python -m bench.bench_rollup

# ruff, the type checker and the layer contracts of pyproject.toml ([tool.importlinter]).
lint: $(DEV_STAMP)
	$(BIN)/ruff check odcore app_pages app.py tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .ruff_cache
