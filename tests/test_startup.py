"""Start-up cost: each command imports what it uses. Checked by the modules it loads (deterministic) and by
a loose CPU bound at twice the issue's target (a busy 2-core machine must not make it flaky)."""

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

# command → (heavy packages it may load, CPU seconds at most: twice the target)
COMMANDS = {
    "help": (["--help"], set(), 0.6),
    "parse": (
        ["parse", "{corpus}/pricing/openai_en.md", "--vendor", "openai", "--lang", "en", "--json"],
        {"lxml", "pydantic", "opencc", "rapidfuzz"},
        1.2,
    ),
    "events": (["events", "--json"], {"sqlalchemy", "sqlmodel", "pydantic", "pydantic_settings"}, 1.6),
}


def _run(args: list[str]) -> tuple[set[str], float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app.cli", *args], capture_output=True, text=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode == 0, result.stderr[-500:]
    loaded = {m.group(1).split(".")[0] for m in re.finditer(r"import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", result.stderr)}
    return loaded, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@pytest.mark.parametrize("name", COMMANDS)
def test_commands_import_only_what_they_use(name, corpus, database_url):
    args, allowed, cpu_limit = COMMANDS[name]
    subprocess.run([sys.executable, "-m", "app.cli", "db", "upgrade"], check=True, capture_output=True)
    loaded, cpu = _run([a.format(corpus=corpus) for a in args])
    assert HEAVY & loaded <= allowed, sorted(HEAVY & loaded - allowed)
    assert cpu <= cpu_limit, f"{name}: {cpu:.2f}s of CPU"
