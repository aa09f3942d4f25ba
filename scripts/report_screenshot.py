"""Make the README's screenshots of the HTML report from the shipped example, in headless Chromium.

    python scripts/report_screenshot.py [--out docs]

The shipped records/ are copied to a temporary folder first (nothing is written to them); the
report is judged as of a fixed day so the picture does not change from run to run. Needs Chromium
(Debian: apt-get install chromium); writes report-1400.png and report-390.png.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2025-06-15"
# (width, height): the whole page of the shipped example at each width
SIZES = ((1400, 1700), (390, 4000))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records"
        shutil.copytree(ROOT / "records", records, ignore=shutil.ignore_patterns(".lock", "*.bak"))
        report = Path(tmp) / "report.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "credit_tracker",
                "--records",
                str(records),
                "report",
                "--output",
                str(report),
                "--as-of",
                AS_OF,
            ],
            check=True,
            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        )
        for width, height in SIZES:
            shot = args.out / f"report-{width}.png"
            subprocess.run(
                [
                    chromium,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    f"--user-data-dir={Path(tmp) / 'profile'}",
                    f"--window-size={width},{height}",
                    f"--screenshot={shot}",
                    report.as_uri(),
                ],
                check=True,
                capture_output=True,
            )
            print(f"wrote {shot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
