"""Target 4, store writes grow linearly: fetching 10,000 new DOIs writes in total at most 5 times
the final size of the store (no rewrite of the whole file per record). The baseline is the final
size itself, measured in the same run. (A run killed at any moment loses at most the batch in
flight: tests/cli/test_interrupts.py kills fetch at 30 moments chosen by its progress.)

    python bench/bench_store_writes.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import create_records, machine, report, standin

from credit_tracker.services.fetch import Fetcher
from credit_tracker.sources.article_xml import PublisherClient
from credit_tracker.sources.crossref import CrossrefClient
from credit_tracker.sources.settings import Services, user_agent
from credit_tracker.sources.transport import PoliteClient
from credit_tracker.standin import Limits
from credit_tracker.store.folder import Store

N = 10_000


def main() -> int:
    server = standin(
        Limits(rate={"list": 50, "single": 50, "plos": 50, "europepmc": 50}, concurrency=3)
    )
    dois = [f"10.5555/synthetic.{n}" for n in range(N)]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "records"
            create_records(folder, dois)
            urls = server.base_urls()
            client = PoliteClient(user_agent("bench@example.org", "bench"))
            fetcher = Fetcher(
                crossref=CrossrefClient(
                    client, urls["CREDIT_TRACKER_CROSSREF_URL"], "bench@example.org"
                ),
                publisher=PublisherClient(
                    client, urls["CREDIT_TRACKER_PLOS_URL"], urls["CREDIT_TRACKER_EUROPEPMC_URL"]
                ),
            )
            store = Store(folder)
            summary = fetcher.run(store, dois)
            final = sum(p.stat().st_size for p in folder.rglob("*.json"))
            written = store.bytes_written
    finally:
        server.stop()
    print(f"machine: {machine()}")
    default = Services.from_env().crossref_url
    print(f"fetched {summary.fetched} DOIs; {summary.requests} requests; default URL: {default}")
    ok = report(
        "4 store writes",
        f"{written / 1e6:.1f} MB written while fetching {N} new DOIs",
        f"final store size {final / 1e6:.1f} MB",
        written / final,
        5.0,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
