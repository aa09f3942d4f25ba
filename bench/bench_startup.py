"""Target 5, quick to start: `credit-tracker --help` and a `check` of the shipped example each take
at most 3 times as long as `python -c pass` (median of repeated runs, measured in the same run).

    python bench/bench_startup.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from common import ROOT, machine, median_time, report


def main() -> int:
    script = shutil.which("credit-tracker") or str(Path(sys.executable).with_name("credit-tracker"))
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records"
        shutil.copytree(ROOT / "records", records)
        baseline = median_time([sys.executable, "-c", "pass"])
        help_time = median_time([script, "--help"])
        check_time = median_time([script, "--records", str(records), "check"])
    print(f"machine: {machine()}")
    ok_help = report(
        "5a --help",
        f"{help_time * 1000:.0f} ms",
        f"python -c pass {baseline * 1000:.0f} ms",
        help_time / baseline,
        3.0,
    )
    ok_check = report(
        "5b check of the shipped example",
        f"{check_time * 1000:.0f} ms",
        f"python -c pass {baseline * 1000:.0f} ms",
        check_time / baseline,
        3.0,
    )
    return 0 if ok_help and ok_check else 1


if __name__ == "__main__":
    raise SystemExit(main())
