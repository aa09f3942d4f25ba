"""Shared pieces of the benchmarks: the stand-in, timing, and the line each script prints."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from credit_tracker.standin import Catalogue, Limits, StandIn  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "fixtures"
PUBLISHERS = ROOT / "tests" / "data" / "publishers"


def standin(limits: Limits | None = None, enforce: bool = False) -> StandIn:
    """Start a stand-in with the recorded data and synthetic works under 10.5555/synthetic."""
    return StandIn(
        Catalogue.from_folder(FIXTURES, PUBLISHERS),
        limits=limits,
        enforce=enforce,
        synthetic_prefix="10.5555/synthetic.",
    ).start()


def cli(
    args: list[str], env: dict[str, str] | None = None, check: bool = False
) -> tuple[float, subprocess.CompletedProcess]:
    """Run credit-tracker in a fresh process; return the wall time and the result."""
    started = time.perf_counter()
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "credit_tracker", *args],
        env={**os.environ, "PYTHONPATH": path, **(env or {})},
        capture_output=True,
        text=True,
        check=check,
    )
    return time.perf_counter() - started, result


def median_time(command: list[str], runs: int = 15, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env={**os.environ, **(env or {})}, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def report(
    target: str, figure: str, baseline: str, ratio: float, limit: float, unit: str = "x"
) -> bool:
    """Print the result line; return whether the target is met."""
    ok = ratio <= limit
    print(
        f"{target}: {figure}; baseline {baseline}; ratio {ratio:.2f}{unit} "
        f"(target <= {limit:g}{unit}) {'MET' if ok else 'MISSED'}"
    )
    return ok


def create_records(folder: Path, dois: list[str]) -> None:
    """A records folder with empty records for these DOIs (written once, through the store)."""
    from credit_tracker.domain.models import ArticleRecord
    from credit_tracker.store.folder import Store

    store = Store(folder)
    store.init()
    with store.transaction() as records:
        for doi in dois:
            records.articles[doi] = ArticleRecord(doi=doi, authors=[])


def fetch_fresh(
    server: StandIn, dois: list[str], *options: str
) -> tuple[float, subprocess.CompletedProcess]:
    """`fetch --quiet OPTIONS` of `dois` into a new records folder (made first, outside the
    timing) against `server`; return the wall time and the result."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "records"
        create_records(folder, dois)
        return cli(
            ["--records", str(folder), "fetch", "--quiet", *options],
            {**server.base_urls(), "CREDIT_TRACKER_MAILTO": "bench@example.org"},
        )


def no_violations(server: StandIn) -> bool:
    """Print the stand-in's count of requests beyond its limits; return whether it is zero."""
    met = server.violations == 0
    print(
        f"   limit violations counted by the stand-in: {server.violations} (target 0) "
        f"{'MET' if met else 'MISSED'}"
    )
    return met
