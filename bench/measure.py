"""Running a command in a fresh process and measuring it: wall time and peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The command runs under a small watcher process whose only child it is, so that the peak memory
# is the command's own (a child forked from a large process would inherit its resident pages).
WATCH = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
                  "code": result.returncode, "stderr": result.stderr[-2000:]}))
"""


def credit_tracker(records: Path, *args: str) -> dict:
    """Run `credit-tracker --records RECORDS ARGS...`; return seconds, peak bytes, exit code."""
    command = [sys.executable, "-m", "credit_tracker", "--records", str(records), *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    watched = subprocess.run(
        [sys.executable, "-c", WATCH, *command], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(watched.stdout)


def make_store(folder: Path, articles: int, authors: int = 8) -> None:
    """Generate the synthetic store with bench/make_store.py, unless `folder` already holds one."""
    if (folder / "team.json").exists():
        return
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "make_store.py"),
            "--articles",
            str(articles),
            "--authors",
            str(authors),
            "--out",
            str(folder),
        ],
        check=True,
        capture_output=True,
    )
