"""Target: with 100,000 synthetic articles × 8 authors, `author QUERY` and `correction list` each
take at most 2 s and 300 MB (through the records index, once it is built), measured in fresh
processes beside a baseline from the same run: a bare json.load of team.json, which any lookup
that reads the team file must at least pay.

    python bench/bench_lookups.py [--articles 100000] [--store DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import machine, report
from measure import ROOT, credit_tracker, make_store

sys.path.insert(0, str(ROOT / "src"))

REQUESTS = 20


def add_requests(folder: Path) -> list[str]:
    """Draft and send correction requests for 20 articles with a deliberate error (once)."""
    from credit_tracker.check.policy import FailPolicy
    from credit_tracker.check.run import run_check
    from credit_tracker.corrections.drafting import build_draft
    from credit_tracker.corrections.requests import mark, record_draft
    from credit_tracker.domain.models import RequestState
    from credit_tracker.store.folder import Store

    store = Store(folder)
    if store.load_team().corrections:
        return sorted({r.doi for r in store.load_team().corrections.values()})
    dois = [f"10.5555/synthetic.{20 * k + 1}" for k in range(REQUESTS)]  # a role missing
    sent = date.today() - timedelta(days=10)
    with store.locked():
        records = store.load(dois)
        report_ = run_check(records, dois, FailPolicy())
        for doi in dois:
            findings = [f for f in report_.findings if f.doi == doi]
            draft = build_draft(records.articles[doi], findings, records.snapshots[doi], None)
            record_draft(records.corrections, draft, None, sent)
            mark(records.corrections, doi, None, RequestState.SENT, sent, "benchmark")
        store.save(records)
    return dois


def bare_team_load(folder: Path) -> float:
    started = time.perf_counter()
    with open(folder / "team.json", encoding="utf-8") as handle:
        json.load(handle)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="Reuse (or create) the store here.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.store or Path(tmp) / "store"
        make_store(folder, args.articles)
        dois = add_requests(folder)
        first = json.loads((folder / "articles" / "000.json").read_text(encoding="utf-8"))
        person = next(iter(first["articles"].values()))["authors"][0]["person"]
        bare_team_load(folder)  # warm the page cache for every measurement alike
        baseline = min(bare_team_load(folder) for _ in range(2))
        shutil.rmtree(folder / ".index", ignore_errors=True)  # built from nothing, measured
        build = credit_tracker(folder, "author", person)
        # team.json rewritten (as a person edit does): the people part is built again
        (folder / "team.json").write_bytes((folder / "team.json").read_bytes())
        rebuild = credit_tracker(folder, "author", person)
        author = min(
            (credit_tracker(folder, "author", person) for _ in range(2)),
            key=lambda run: run["seconds"],
        )
        listed = min(
            (credit_tracker(folder, "correction", "list") for _ in range(2)),
            key=lambda run: run["seconds"],
        )
    print(f"machine: {machine()}")
    print(f"store: {args.articles} articles x 8 authors; {len(dois)} correction requests sent")
    print(
        f"   building the records index from nothing: {build['seconds']:.1f} s, peak "
        f"{build['peak'] / 2**20:.0f} MiB; after team.json changed: {rebuild['seconds']:.1f} s, "
        f"peak {rebuild['peak'] / 2**20:.0f} MiB (not targets: once per change)"
    )
    met = True
    for name, run in ((f"author {person}", author), ("correction list", listed)):
        met &= run["code"] == 0
        met &= report(
            name,
            f"{run['seconds']:.2f} s, peak {run['peak'] / 2**20:.0f} MiB",
            f"json.load of team.json {baseline:.2f} s",
            run["seconds"] / baseline,
            2.0 / baseline,
        )
        small = run["peak"] <= 300 * 2**20
        print(
            f"   {name}: {run['seconds']:.2f} s (target <= 2 s) and "
            f"{run['peak'] / 2**20:.0f} MiB (target <= 300 MiB) "
            f"{'MET' if run['seconds'] <= 2 and small else 'MISSED'}"
        )
        met &= small
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
