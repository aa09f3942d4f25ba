"""Target 1, request economy: 1,000 DOIs cost at most 25 Crossref requests (habanero's
works(ids=...) costs 1,000), and a second run with nothing changed downloads no publisher XML.

    python bench/bench_requests.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import cli, create_records, machine, report, standin

from credit_tracker.standin import Limits

N = 1000


def main() -> int:
    server = standin(
        Limits(rate={"list": 20, "single": 50, "plos": 50, "europepmc": 50}, concurrency=3)
    )
    dois = [f"10.5555/synthetic.{n}" for n in range(N - 3)] + [
        "10.1371/journal.pone.0185809",
        "10.1371/journal.pbio.2002399",
        "10.7554/elife.05031",
    ]
    try:
        from habanero import Crossref

        Crossref(base_url=f"{server.url}/crossref", mailto="bench@example.org").works(
            ids=dois, warn=True
        )
        baseline = server.counts.get("single", 0) + server.counts.get("list", 0)
        server.reset_counts()
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "records"
            create_records(folder, dois)
            env = {**server.base_urls(), "CREDIT_TRACKER_MAILTO": "bench@example.org"}
            _, first = cli(["--records", str(folder), "fetch", "--quiet"], env)
            crossref = server.counts.get("list", 0) + server.counts.get("single", 0)
            xml_first = server.counts.get("plos", 0) + server.counts.get("europepmc", 0)
            server.reset_counts()
            cli(["--records", str(folder), "fetch", "--quiet"], env)
            xml_second = server.counts.get("plos", 0) + server.counts.get("europepmc", 0)
    finally:
        server.stop()
    print(f"machine: {machine()}")
    print(first.stderr.strip().splitlines()[-1])
    # 25 requests where habanero needs 1,000: a ratio of at most 0.025
    ok = report(
        "1a request economy",
        f"{crossref} Crossref requests for {N} DOIs",
        f"habanero works(ids=...) {baseline} requests",
        crossref / baseline,
        25 / N,
    )
    print(
        f"1b second run: {xml_second} publisher XML requests (first run: {xml_first}); "
        f"target 0 {'MET' if xml_second == 0 else 'MISSED'}"
    )
    return 0 if ok and xml_second == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
