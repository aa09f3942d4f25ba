"""Target 3, local check at scale: with 100,000 synthetic articles of 8 authors in the store, an
offline `check` takes at most 5 times as long as a bare json.load of the same store files, in the
same run, with a peak memory of at most 1.5 GiB.

    python bench/bench_check_scale.py [--articles 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, machine, report

# The check runs under a small watcher process whose only child it is, so that the peak memory
# measured is the check's own (a child forked from a large process inherits its resident pages).
WATCH = """
import resource, subprocess, sys, time
started = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
result.returncode)
print(result.stderr.strip())
"""


def bare_json_load(folder: Path) -> float:
    started = time.perf_counter()
    for directory, _dirs, files in os.walk(folder):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(directory, name), encoding="utf-8") as handle:
                    json.load(handle)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--authors", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "make_store.py"),
                "--articles",
                str(args.articles),
                "--authors",
                str(args.authors),
                "--out",
                str(folder),
            ],
            check=True,
            capture_output=True,
        )
        size = sum(p.stat().st_size for p in folder.rglob("*.json"))
        bare_json_load(folder)  # warm the page cache for both measurements alike
        baseline = min(bare_json_load(folder) for _ in range(2))
        command = [
            sys.executable,
            "-m",
            "credit_tracker",
            "--records",
            str(folder),
            "check",
            "--format",
            "json",
            "--output",
            str(Path(tmp) / "report.json"),
        ]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        watched = subprocess.run(
            [sys.executable, "-c", WATCH, *command],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        figures, said = watched.stdout.split("\n", 1)
        seconds, peak, code = (
            float(figures.split()[0]),
            int(figures.split()[1]),
            int(figures.split()[2]),
        )
    print(f"machine: {machine()}")
    print(
        f"store: {args.articles} articles x {args.authors} authors, {size / 1e6:.0f} MB of JSON; "
        f"check said: {said.strip()}"
    )
    ok = report(
        "3 check at scale",
        f"check {seconds:.1f} s",
        f"json.load of the store files {baseline:.1f} s",
        seconds / baseline,
        5.0,
    )
    memory_ok = peak <= 1.5 * 2**30
    print(
        f"   peak memory of the check: {peak / 2**30:.2f} GiB (target <= 1.5 GiB) "
        f"{'MET' if memory_ok else 'MISSED'}"
    )
    return 0 if ok and memory_ok and code in (0, 1) else 1


if __name__ == "__main__":
    raise SystemExit(main())
