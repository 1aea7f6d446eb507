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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

PAGE = ROOT.parent / "shared" / "corpus" / "pricing" / "openai_en.md"

# name → (command-line arguments, imports of the packages it may load, the CPU target in seconds)
COMMANDS = {
    "--help": (["--help"], "", 0.3),
    "parse": (
        ["parse", str(PAGE), "--vendor", "openai", "--lang", "en", "--json"],
        "import lxml.etree, opencc, rapidfuzz, pydantic",
        0.6,
    ),
    "events --json": (
        ["events", "--json"],
        "import sqlalchemy.orm, sqlmodel, pydantic, pydantic_settings",
        0.8,
    ),
}


def cpu_of(argv: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, capture_output=True, env=env, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
        for arguments, _, _ in COMMANDS.values():
            cpu_of([sys.executable, "-m", "app.cli", *arguments], env)
        samples: dict[str, list[float]] = {"python -c pass": []}
        for _ in range(args.rounds):
            samples["python -c pass"].append(cpu_of([sys.executable, "-c", "pass"], env))
            for name, (arguments, imports, _) in COMMANDS.items():
                if imports:
                    samples.setdefault(f"{name}: its packages", []).append(cpu_of([sys.executable, "-c", imports], env))
                samples.setdefault(name, []).append(cpu_of([sys.executable, "-m", "app.cli", *arguments], env))
    print(f"machine: {machine()}; median CPU of {args.rounds} rounds")
    bare = statistics.median(samples["python -c pass"])
    print(f"baseline python -c pass: {bare:.3f} s")
    for name, (_, imports, target) in COMMANDS.items():
        cpu = statistics.median(samples[name])
        packages = statistics.median(samples[f"{name}: its packages"]) if imports else bare
        verdict = "met" if cpu <= target else "MISSED"
        print(
            f"pricewatch {name}: {cpu:.3f} s CPU (range {min(samples[name]):.3f}-{max(samples[name]):.3f}); "
            f"its packages alone {packages:.3f} s, so its own {cpu - packages:.3f} s; target <= {target} s: {verdict}"
        )


if __name__ == "__main__":
    main()
