"""Run a measurement on today's code and on an earlier commit's, interleaved in the same run.

"No slower than before" is a ratio between two codes measured side by side: this shared 2-core machine
moves absolute figures by ±30% from one minute to the next. The earlier commit's `pricewatch` package is
unpacked with `git archive` into a temporary folder; each measurement runs in a fresh subprocess with
that folder (or this checkout) first on sys.path, and the two sides alternate so drift hits both alike.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The last commit before the price grammar replaced the cell and sentence readers (issue 9's "today").
REFERENCE = os.environ.get("PRICEWATCH_BENCH_REFERENCE", "dee0733")


@contextmanager
def reference_tree(commit: str = REFERENCE) -> Iterator[Path | None]:
    """COMMIT's pricewatch package in a temporary folder; None when git or the commit is not available."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "pricewatch"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="pricewatch-reference-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp)


def use_tree(argv: list[str]) -> list[str]:
    """In a measuring subprocess: put `--tree PATH`'s package first on sys.path; returns the other arguments."""
    if "--tree" not in argv:
        return argv
    at = argv.index("--tree")
    sys.path.insert(0, argv[at + 1])  # before this checkout, which the script put on sys.path for `bench`
    return argv[:at] + argv[at + 2 :]


def clear_data_caches() -> None:
    """Empty every per-text cache of the loaded pricewatch modules, for both codes alike.

    Caches of size one hold a loaded resource (the OpenCC converter), not an answer for one text: kept.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith("pricewatch"):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if callable(info) and (info().maxsize or 2) > 1:
                value.cache_clear()


def measure(script: Path, tree: Path | None, arguments: list[str]) -> dict[str, float]:
    """One measuring subprocess: SCRIPT --measure [--tree TREE] ARGUMENTS → the JSON it prints last."""
    command = [sys.executable, str(script), "--measure", *(["--tree", str(tree)] if tree else []), *arguments]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"{script.name} --measure failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def side_by_side(
    script: Path, arguments: list[str], *, rounds: int, figure: Callable[[dict[str, float]], float]
) -> tuple[float, float | None, list[float]]:
    """Median FIGURE of ROUNDS measurements of this checkout and of the reference, alternating, and each round's
    ratio (this checkout over the reference, measured back to back: a slow spell of a shared machine slows both)."""
    ours: list[float] = []
    theirs: list[float] = []
    with reference_tree() as tree:
        for _ in range(rounds):
            if tree is not None:
                theirs.append(figure(measure(script, tree, arguments)))
            ours.append(figure(measure(script, None, arguments)))
    ratios = [o / t for o, t in zip(ours, theirs, strict=False)]
    return statistics.median(ours), statistics.median(theirs) if theirs else None, ratios


def print_comparison(what: str, unit: str, ours: float, theirs: float | None, digits: int, ratios: list[float]) -> None:
    """The reference's figure and this checkout's, with the median of the rounds' ratios and the issue's target
    (no slower)."""
    if theirs is None:
        print(f"reference {REFERENCE}: not available (no git history here)")
        verdict = ""
    else:
        print(f"{what} at {REFERENCE} (before the grammar): {theirs:8.{digits}f} {unit} per core (CPU time)")
        print(f"{what}, per-round ratios: {' '.join(f'{r:.0%}' for r in ratios)}")
        ratio = statistics.median(ratios)
        verdict = f" = {ratio:.0%} of the reference (median round; target >= 100%: {'met' if ratio >= 1 else 'MISSED'})"
    print(f"{what}, this checkout (cold caches): {ours:8.{digits}f} {unit} per core (CPU time){verdict}")
