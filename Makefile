# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: lock setup demo test lint run browser screenshots docs bench postgres clean

setup: $(VENV)/.installed

# pyproject.toml says which releases work; requirements.lock pins the exact set `make setup` installs.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[browser,postgres,chart,dev]"
	touch $@

# Re-pin after changing pyproject.toml's dependencies: a fresh venv resolves the ranges, its versions are written.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[browser,postgres,chart,dev]"
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^pricewatch' > requirements.lock
	rm -rf .lock-venv

demo: setup
	$(BIN)/pricewatch demo

# The suite runs on SQLite; with PRICEWATCH_TEST_POSTGRES set (a server URL; .ci/run sets it), every test
# that uses a database runs again on PostgreSQL, beside the SQLite pass: the suite waits on crawls, servers and the
# bot more than it computes (~0.65 of one core on average), so the two passes share the cores in about the time of
# the longer. The PostgreSQL pass's output is printed when it ends; `make test` fails if either pass does.
test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@pg_log=$$(mktemp); pg_pid=; \
	if [ -n "$$PRICEWATCH_TEST_POSTGRES" ]; then \
		echo "--- the database tests on PostgreSQL run beside this pass; their output follows it"; \
		$(BIN)/pytest -p no:cacheprovider > "$$pg_log" 2>&1 & pg_pid=$$!; \
	fi; \
	env -u PRICEWATCH_TEST_POSTGRES $(BIN)/pytest --durations=15; sqlite_rc=$$?; pg_rc=0; \
	if [ -n "$$pg_pid" ]; then \
		wait $$pg_pid; pg_rc=$$?; echo "--- the database tests on PostgreSQL"; cat "$$pg_log"; \
	fi; \
	rm -f "$$pg_log"; [ $$sqlite_rc -eq 0 ] && [ $$pg_rc -eq 0 ]

# Debian's PostgreSQL on loopback; prints the URL to export as PRICEWATCH_TEST_POSTGRES.
postgres:
	@bash .ci/postgres.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Debian's Chromium for sources with render = "browser" (scrapy-playwright drives it by path) and for the web
# pages' browser test, with the fonts that draw Chinese, Japanese and emoji instead of empty boxes.
BROWSER_PACKAGES := chromium fonts-noto-cjk fonts-noto-color-emoji
browser:
	@missing=""; for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "browser packages: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null && echo "installed:$$missing"; \
	else echo "missing:$$missing; install these Debian packages for render = \"browser\" sources and the browser tests"; fi

# Every benchmark under bench/ (each beside its own baseline) into bench/results.json; REPEAT=3 for the spread,
# ONLY=crawl_pipeline,extraction for some of them (the others keep their last runs in results.json);
# PRICEWATCH_BENCH_POSTGRES=URL (what `make postgres` prints) measures history on PostgreSQL as well as SQLite.
REPEAT ?= 1
bench: setup
	$(BIN)/python bench/run_all.py --repeat $(REPEAT) $(if $(ONLY),--only $(ONLY))

# docs/alerts.md and the README's alert examples, written by the bot's own renderer (a test keeps them current).
docs: setup
	$(BIN)/python docs/alert_examples.py

# The README's screenshots: the browser test run against the demo, keeping what it saw.
screenshots: setup browser
	PRICEWATCH_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/test_web_browser.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache

run: setup
	$(BIN)/pricewatch run
