"""Target 2, close to the rate-limit floor: with the stand-in enforcing 3 list requests a second
and a concurrency of 3, fetching 5,000 DOIs takes at most 1.25 times the floor (the requests
needed divided by the allowed rate), and never exceeds the limits (the stand-in counts violations:
zero). The client starts each request an interval (and 2 %) after the end of the request the
limit's count back, so each group of three costs the floor plus one answer time.

    python bench/bench_rate_floor.py
"""

from __future__ import annotations

import math

from common import fetch_fresh, machine, no_violations, report, standin

from credit_tracker.standin import Limits

N, RATE, BATCH = 5000, 3, 50


def main() -> int:
    server = standin(Limits(rate={"list": RATE, "single": 10}, concurrency=3), enforce=True)
    dois = [f"10.5555/synthetic.{n}" for n in range(N)]
    try:
        seconds, result = fetch_fresh(server, dois, "--no-xml")
    finally:
        server.stop()
    floor = math.ceil(N / BATCH) / RATE
    print(f"machine: {machine()}")
    print(result.stderr.strip().splitlines()[-1])
    ok = report(
        "2 rate-limit floor",
        f"{N} DOIs in {seconds:.1f} s",
        f"floor {floor:.1f} s ({math.ceil(N / BATCH)} list requests at {RATE}/s)",
        seconds / floor,
        1.25,
    )
    clean = no_violations(server)
    return 0 if ok and clean and result.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
