# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint run browser postgres clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

demo: setup
	$(BIN)/pricewatch demo

# With PRICEWATCH_TEST_POSTGRES set (a server URL; .ci/run sets it), the suite runs again on PostgreSQL.
test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest
	@if [ -n "$$PRICEWATCH_TEST_POSTGRES" ]; then echo "--- the same suite on PostgreSQL"; $(BIN)/pytest; fi

# Debian's PostgreSQL on loopback; prints the URL to export as PRICEWATCH_TEST_POSTGRES.
postgres:
	@bash .ci/postgres.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Debian's Chromium for sources with render = "browser" (scrapy-playwright drives it by path).
browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && echo "chromium: installed"; \
	else echo "chromium: missing; install Debian's chromium package to crawl render = \"browser\" sources"; fi

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache

run: setup
	$(BIN)/pricewatch run
