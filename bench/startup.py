"""Start-up cost of what a user types: CPU seconds of `pricewatch --help`, `pricewatch parse PAGE` and
`pricewatch events --json` (issue 13's targets: 0.3, 0.6 and 0.8 s), each beside two baselines run in the same
rounds: a bare interpreter (`python -c pass`) and a bare interpreter importing the third-party packages the
command is allowed to load. The command's own cost is what it adds over the second. Each round runs every
case once, in turn; the figure is the median over the rounds (CPU of the child: user + system), after one
round not counted that leaves the bytecode cached.

    .venv/bin/python bench/startup.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Command:
    """A command as the issue names it: its arguments (`{corpus}` stands for the corpus folder), the third-party
    modules it may load (as imported: their top-level packages are what tests/test_startup.py allows), and the
    issue's CPU target."""

    arguments: tuple[str, ...]
    packages: tuple[str, ...]
    target_s: float

    def argv(self, corpus: Path) -> list[str]:
        return [sys.executable, "-m", "app.cli", *(a.format(corpus=corpus) for a in self.arguments)]

    def packages_argv(self) -> list[str]:
        """A bare interpreter importing only the packages this command may load."""
        return [sys.executable, "-c", "".join(f"import {p}\n" for p in self.packages)]


COMMANDS = {
    "--help": Command(("--help",), (), 0.3),
    "parse": Command(
        ("parse", "{corpus}/pricing/openai_en.md", "--vendor", "openai", "--lang", "en", "--json"),
        ("lxml.etree", "opencc", "rapidfuzz", "pydantic"),
        0.6,
    ),
    "events --json": Command(
        ("events", "--json"), ("sqlalchemy.orm", "sqlmodel", "pydantic", "pydantic_settings"), 0.8
    ),
}


def run_timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ARGV to its end; what it printed and its CPU (user + system). A failing command is an error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise RuntimeError(f"{' '.join(argv)} failed: {result.stderr[-500:]}")
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cpu_of(argv: list[str], env: dict[str, str]) -> float:
    return run_timed(argv, env)[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # A migrated, empty database of its own, so `events` reads a real one and no user's data is touched;
        # bytecode written as a user's Python writes it (some hosts set PYTHONDONTWRITEBYTECODE), and a first round
        # not counted, so every measured start finds it cached as a user's second command does.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["DATABASE_URL"] = f"sqlite:///{folder}/bench.db"
        subprocess.run(
            [sys.executable, "-m", "app.cli", "db", "upgrade"], check=True, env=env, cwd=ROOT, capture_output=True
        )
        for command in COMMANDS.values():
            cpu_of(command.argv(CORPUS), env)
        samples: dict[str, list[float]] = {"python -c pass": []}
        for _ in range(args.rounds):
            samples["python -c pass"].append(cpu_of([sys.executable, "-c", "pass"], env))
            for name, command in COMMANDS.items():
                if command.packages:
                    samples.setdefault(f"{name}: its packages", []).append(cpu_of(command.packages_argv(), env))
                samples.setdefault(name, []).append(cpu_of(command.argv(CORPUS), env))
    print(f"machine: {machine()}; median CPU of {args.rounds} rounds")
    bare = statistics.median(samples["python -c pass"])
    print(f"baseline python -c pass: {bare:.3f} s")
    for name, command in COMMANDS.items():
        cpu = statistics.median(samples[name])
        packages = statistics.median(samples[f"{name}: its packages"]) if command.packages else bare
        target = command.target_s
        verdict = "met" if cpu <= target else "MISSED"
        print(
            f"pricewatch {name}: {cpu:.3f} s CPU (range {min(samples[name]):.3f}-{max(samples[name]):.3f}); "
            f"its packages alone {packages:.3f} s, so its own {cpu - packages:.3f} s; target <= {target} s: {verdict}"
        )


if __name__ == "__main__":
    main()
