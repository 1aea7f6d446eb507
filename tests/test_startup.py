"""Start-up cost: each command imports what it uses. Checked by what it loads, which does not depend on the host:
no heavy package it does not need, and no more than twice the modules it loaded when measured (the import cost
doubling); and by a loose CPU backstop against work done at start: three times the issue's target, or three times
what importing the packages the command may load costs on this host, measured just before, whichever is larger.
Hosts differ by 3x in how fast the same imports run (--help 0.06 s of CPU on one, 0.12-0.19 s on another), and a
busy 2-core machine must not make the test flaky."""

from __future__ import annotations

import re
import resource
import subprocess
import sys

import pytest

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

# command → (arguments, heavy packages it may load, the CPU target in seconds, modules loaded when measured)
COMMANDS = {
    "help": (["--help"], set(), 0.3, 116),
    "parse": (
        ["parse", "{corpus}/pricing/openai_en.md", "--vendor", "openai", "--lang", "en", "--json"],
        {"lxml", "pydantic", "opencc", "rapidfuzz"},
        0.6,
        290,
    ),
    "events": (["events", "--json"], {"sqlalchemy", "sqlmodel", "pydantic", "pydantic_settings"}, 0.8, 486),
}


def _cpu_of(argv: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(argv, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode == 0, result.stderr[-500:]
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _run(args: list[str]) -> tuple[list[str], float]:
    result, cpu = _cpu_of([sys.executable, "-X", "importtime", "-m", "app.cli", *args])
    return re.findall(r"import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", result.stderr), cpu


def _importing(packages: set[str]) -> float:
    """CPU of a bare interpreter importing these packages (with importtime on, as the command runs)."""
    _, cpu = _cpu_of([sys.executable, "-X", "importtime", "-c", "".join(f"import {p}\n" for p in sorted(packages))])
    return cpu


@pytest.mark.parametrize("name", COMMANDS)
def test_commands_import_only_what_they_use(name, corpus, database_url):
    args, allowed, target, modules_measured = COMMANDS[name]
    subprocess.run([sys.executable, "-m", "app.cli", "db", "upgrade"], check=True, capture_output=True)
    baseline = _importing(allowed)
    modules, cpu = _run([a.format(corpus=corpus) for a in args])
    packages = {module.split(".")[0] for module in modules}
    assert HEAVY & packages <= allowed, sorted(HEAVY & packages - allowed)
    assert len(modules) <= 2 * modules_measured, f"{name}: {len(modules)} modules loaded"
    cpu_limit = 3 * max(target, baseline)
    assert cpu <= cpu_limit, f"{name}: {cpu:.2f}s of CPU (target {target}s; its allowed imports alone {baseline:.2f}s)"
