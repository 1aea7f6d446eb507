"""Compiled patterns kept on disk: a second start builds the same patterns without compiling them, and a damaged,
unreadable or unwritable cache only costs the compiling."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pricewatch import fastre
from pricewatch.programcache import ProgramCache

ROOT = Path(__file__).resolve().parent.parent

PATTERNS = [
    pytest.param(r"(?<![A-Za-z])(?:USD|CNY)\s*(?P<amount>\d+)", 0, id="scan-class-named-group"),
    pytest.param(r"(?<![a-z])(?:usd\s*)?\d+", re.IGNORECASE, id="scan-class-folded"),
    pytest.param(r"(?<!x)[\u0130a-c]{2}", re.IGNORECASE, id="lookahead-letter-outside-ascii"),
    pytest.param(r"per 1M|每", 0, id="plain-engine-scans"),
    pytest.param("(?<!x)(?:ab|cd)  # two words\n  |ef  # or a third", re.VERBOSE, id="verbose-with-comment"),
]


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """fastre's cache moved to a file of the test's own, written as where bytecode is written."""
    path = tmp_path / "programs.json"
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(fastre, "_PROGRAMS", ProgramCache(path, "test"))
    return path


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_kept_program_builds_the_pattern_compiling_builds(kept: Path, monkeypatch, pattern: str, flags: int) -> None:  # noqa: ANN001
    compiled = fastre.compile(pattern, flags)
    fastre._PROGRAMS.save()
    assert kept.exists()
    monkeypatch.setattr(fastre, "_PROGRAMS", ProgramCache(kept, "test"))
    again = fastre.compile(pattern, flags)
    assert fastre._PROGRAMS.added == 0  # built from the file, nothing compiled
    assert again == compiled and again.groupindex == compiled.groupindex
    assert fastre.source_of(again) == pattern
    text = "USD 5 cny 6 İb ab ef 每 per 1M"
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in re.compile(pattern, flags).finditer(text)]


def test_a_damaged_file_is_compiled_again(kept: Path, monkeypatch) -> None:  # noqa: ANN001
    pattern, flags = r"(?<![a-z])usd\s*\d+", re.IGNORECASE
    fresh = fastre.compile(pattern, flags)
    fastre._PROGRAMS.save()
    entries = json.loads(kept.read_text(encoding="utf-8"))
    for entry in entries["entries"].values():
        entry[2] = "AAAAAA=="  # one word of code, 0, which the engine refuses
    torn = dict(entries, entries={name: entry[:3] for name, entry in entries["entries"].items()})
    for damaged in ("{not json", json.dumps(entries), json.dumps(torn)):
        kept.write_text(damaged, encoding="utf-8")
        monkeypatch.setattr(fastre, "_PROGRAMS", ProgramCache(kept, "test"))
        assert fastre.compile(pattern, flags) == fresh
        assert fastre._PROGRAMS.added == 1


def test_programs_of_another_python_or_compiler_are_not_used(kept: Path, monkeypatch) -> None:  # noqa: ANN001
    fastre.compile(r"(?<!x)ab", 0)
    fastre._PROGRAMS.save()
    monkeypatch.setattr(fastre, "_PROGRAMS", ProgramCache(kept, "another key"))
    fastre.compile(r"(?<!x)ab", 0)
    assert fastre._PROGRAMS.added == 1


def test_an_unwritable_place_or_no_bytecode_writes_nothing(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    unwritable = ProgramCache(blocker / "programs.json", "test")  # its folder would be a file
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    unwritable.put("ab", 0, ["ab"])
    unwritable.save()  # passed over, no error
    quiet = ProgramCache(tmp_path / "programs.json", "test")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    quiet.put("ab", 0, ["ab"])
    quiet.save()
    assert not (tmp_path / "programs.json").exists()


def test_a_second_start_compiles_none_of_the_package_patterns(tmp_path: Path) -> None:
    """Every module of the package, started twice with different string hashing: the patterns are the same
    text at every start (no alternation in a set's order), so the second start compiles none."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)  # bytecode and programs kept here, not in the checkout
    program = (
        "import importlib, pkgutil, pricewatch\n"
        "for found in pkgutil.walk_packages(pricewatch.__path__, 'pricewatch.'):\n"
        "    importlib.import_module(found.name)\n"
        "from pricewatch import fastre\n"
        "print(fastre._PROGRAMS.added)"
    )
    compiled = []
    for seed in ("1", "2"):
        started = subprocess.run(
            [sys.executable, "-c", program],
            env=env | {"PYTHONHASHSEED": seed},
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert started.returncode == 0, started.stderr
        compiled.append(int(started.stdout))
    assert compiled[0] > 100 and compiled[1] == 0
    assert list(tmp_path.rglob("fastre.*.programs.json"))
