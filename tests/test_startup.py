"""Start-up cost: each command imports what it uses. Checked by what it loads, which does not depend on the host:
no heavy package it does not need, and no more than twice the modules it loaded when measured (the import cost
doubling); and by a loose CPU backstop against work done at start: three times the issue's target, or three times
what importing the packages the command may load costs on this host, measured just before, whichever is larger.
Hosts differ by 3x in how fast the same imports run (--help 0.06 s of CPU on one, 0.12-0.19 s on another), and a
busy 2-core machine must not make the test flaky. The commands, the packages each may load and the targets are
bench/startup.py's, which measures the same starts."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bench.startup import COMMANDS, run_timed

HEAVY = {
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "pydantic",
    "pydantic_settings",
    "rich",
    "scrapy",
    "twisted",
    "trafilatura",
    "telegram",
    "apscheduler",
    "matplotlib",
    "lxml",
    "opencc",
    "rapidfuzz",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
}

# the modules each command of bench/startup.py loaded when measured (2026-12-02)
MODULES_MEASURED = {"--help": 116, "parse": 290, "events --json": 486}


def _importtime(argv: list[str]) -> list[str]:
    return [argv[0], "-X", "importtime", *argv[1:]]


@pytest.mark.parametrize("name", COMMANDS)
def test_commands_import_only_what_they_use(name, corpus, database_url):
    command = COMMANDS[name]
    subprocess.run([sys.executable, "-m", "app.cli", "db", "upgrade"], check=True, capture_output=True)
    _, baseline = run_timed(_importtime(command.packages_argv()))
    result, cpu = run_timed(_importtime(command.argv(corpus)))
    modules = re.findall(r"import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", result.stderr)
    loaded = {module.split(".")[0] for module in modules}
    allowed = {package.split(".")[0] for package in command.packages}
    assert HEAVY & loaded <= allowed, sorted(HEAVY & loaded - allowed)
    assert len(modules) <= 2 * MODULES_MEASURED[name], f"{name}: {len(modules)} modules loaded"
    cpu_limit = 3 * max(command.target_s, baseline)
    assert cpu <= cpu_limit, (
        f"{name}: {cpu:.2f}s of CPU (target {command.target_s}s; its packages alone {baseline:.2f}s)"
    )
