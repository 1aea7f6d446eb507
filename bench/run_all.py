"""`make bench`: every benchmark, --repeat times, into bench/results.json (what each printed, and when).

Each benchmark prints its figure beside a baseline measured in the same run; this keeps those lines (and
the JSON object of those that can print one) per run, so docs/benchmarks.md can give the spread.

    .venv/bin/python bench/run_all.py [--repeat 3] [--only schedule,extraction]

With --only, results.json keeps the other benchmarks' last runs; every run carries its own date.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import machine  # noqa: E402

# name → (script, arguments, prints JSON with --json)
BENCHMARKS = {
    "schedule": ("schedule.py", [], True),
    "crawl_pipeline": ("crawl_pipeline.py", [], False),
    "extraction": ("extraction.py", [], False),
    "reading": ("reading.py", [], False),
    "fanout": ("fanout.py", [], False),
    "history": ("history.py", [], False),
    "startup": ("startup.py", [], False),
}


def run(name: str) -> dict[str, object]:
    script, arguments, speaks_json = BENCHMARKS[name]
    command = [sys.executable, str(HERE / script), *arguments, *(["--json"] if speaks_json else [])]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parent)
    result: dict[str, object] = {"seconds": round(time.monotonic() - started, 1), "exit": done.returncode}
    if speaks_json and done.returncode == 0:
        result["figures"] = json.loads(done.stdout.strip().splitlines()[-1])
    else:
        result["output"] = done.stdout.strip().splitlines()
    if done.returncode:
        result["error"] = done.stderr.strip().splitlines()[-5:]
    return result


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _previous(path: Path) -> dict[str, object]:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"runs": {}}
    return found if isinstance(found.get("runs"), dict) else {"runs": {}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", help="comma-separated names: " + ", ".join(BENCHMARKS))
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        raise SystemExit(f"no benchmark named {', '.join(unknown)}; there are: {', '.join(BENCHMARKS)}")
    out = HERE / "results.json"
    # With --only, the other benchmarks keep their last runs (each run says when it was made).
    results = _previous(out) if args.only else {"runs": {}}
    results |= {"machine": machine(), "date": _now()}
    for name in names:
        results["runs"][name] = []
        for attempt in range(args.repeat):
            print(f"{name} run {attempt + 1}/{args.repeat}…", flush=True)
            results["runs"][name].append({"date": _now(), **run(name)})
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
