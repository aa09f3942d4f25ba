"""Target: every page of the review desk on a 10,000-article store answers in at most 0.3 s of
server time (median of repeated requests), and the findings queue sends a page of rows, not all.

The server time is measured in-process through the ASGI test client (no network, no browser).
The very first view compares the whole store (as `check` does); it is printed apart, beside the
time of `check` itself measured in the same run. Then, on a copy of the store, the first view
after an acknowledgement (nothing compared again) and after a role edit (one shard compared
again) are timed, median of `--writes` of each, against that whole-store first view.

    python bench/bench_desk.py [--articles 10000] [--store DIR] [--runs 15] [--writes 7]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import machine
from measure import credit_tracker, make_store

from credit_tracker.desk import DeskSettings, create_app
from credit_tracker.desk.changes import save_roles
from credit_tracker.desk.security import csrf_token
from credit_tracker.desk.views import PAGE_SIZE
from credit_tracker.store.folder import Store

TOKEN = "bench-token"
PORT = 8765
LIMIT = 0.3


def _client(folder: Path):
    from starlette.testclient import TestClient

    app = create_app(DeskSettings(records=folder, token=TOKEN, port=PORT))
    client = TestClient(app, base_url=f"http://127.0.0.1:{PORT}", follow_redirects=False)
    client.get(f"/?token={TOKEN}")
    return client


def _timed(client, path: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    answer = client.get(path)
    seconds = time.perf_counter() - started
    assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
    return seconds, len(answer.content), answer.text.count('<tr class="sev-')


def _pages(client) -> dict[str, str]:
    """One address of each page, picked from the store's own findings."""
    queue = client.get("/findings?severity=info").text
    doi = re.search(r'href="/article/([^"]+)"', queue).group(1)
    person = re.search(r'href="/person/([^"]+)"', queue).group(1)
    total = int(re.search(r'id="count">(\d+) shown', queue).group(1))
    last = max(1, -(-total // PAGE_SIZE))
    return {
        "dashboard": "/",
        "findings, page 1": "/findings",
        f"findings, page {last} of info too": f"/findings?severity=info&page={last}",
        "findings, by rule and text": "/findings?severity=info&rule=name-diacritics&q=a",
        "findings, sorted by person": "/findings?sort=person&page=3",
        "article": f"/article/{doi}",
        "person": f"/person/{person}",
        "corrections": "/corrections",
        "import": "/import",
        "add DOIs": "/dois",
    }


def _after_acks(client, finding_ids: list[str]) -> list[tuple[float, float]]:
    """Acknowledge each finding as the queue's form does; time the page the action redirects
    to (the first view after the write) and the dashboard after it."""
    timed = []
    for finding in finding_ids:
        form = {"csrf": csrf_token(TOKEN), "finding": finding, "note": "bench", "do": "ack"}
        answer = client.post("/findings", data=form, headers={"origin": f"http://127.0.0.1:{PORT}"})
        assert answer.status_code == 303, answer.text[:300]
        first, _size, _rows = _timed(client, answer.headers["location"])
        timed.append((first, _timed(client, "/")[0]))
    return timed


def _after_role_edits(client, folder: Path, dois: list[str]) -> list[tuple[float, float]]:
    """Clear the first author's roles of each article (the role grid's save); time the
    findings queue (the first view after the write) and the dashboard after it."""
    store = Store(folder)
    timed = []
    for doi in dois:
        save_roles(store, doi, {0: []})
        first, _size, _rows = _timed(client, "/findings")
        timed.append((first, _timed(client, "/")[0]))
    return timed


def _writes(folder: Path, report: Path, count: int) -> dict[str, list[tuple[float, float]]]:
    """On a copy of the store (the given one is left as it was): acks, then role edits."""
    findings = json.loads(report.read_text())["findings"]
    acks = [f["id"] for f in findings][:count]
    dois = list(dict.fromkeys(f["doi"] for f in reversed(findings)))[:count]
    copy = folder.parent / f"{folder.name}-written"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".lock", "*.bak"))
    try:
        with _client(copy) as client:
            client.get("/")  # the whole-store comparison, once
            return {
                "an acknowledgement": _after_acks(client, acks),
                "a role edit": _after_role_edits(client, copy, dois),
            }
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--store", type=Path, help="Reuse (or create) the store here.")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--writes", type=int, default=7, help="Acks and role edits timed.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.store or Path(tmp) / "store"
        make_store(folder, args.articles)
        check = credit_tracker(folder, "check", "--format", "json", "--output", f"{tmp}/r.json")
        with _client(folder) as client:
            started = time.perf_counter()
            client.get("/")
            first = time.perf_counter() - started
            pages = _pages(client)
            for path in pages.values():  # the person index and caches are built once
                client.get(path)
            results = {
                name: [_timed(client, path) for _ in range(args.runs)]
                for name, path in pages.items()
            }
        written = _writes(folder, Path(f"{tmp}/r.json"), args.writes)
    print(f"machine: {machine()}")
    print(f"store: {args.articles} articles x 8 authors")
    print(
        f"first view after a change (the whole-store check): {first:.2f} s; "
        f"'check' of the same store in its own process {check['seconds']:.2f} s"
    )
    ok = True
    for name, runs in results.items():
        median = statistics.median(seconds for seconds, _size, _rows in runs)
        _seconds, size, rows = runs[0]
        rows_note = f", {rows} finding rows" if rows else ""
        met = median <= LIMIT
        ok &= met
        print(
            f"desk page '{name}': median {median * 1000:.0f} ms over {len(runs)} requests "
            f"(target <= {LIMIT * 1000:.0f} ms) {'MET' if met else 'MISSED'}; "
            f"{size / 1024:.0f} KiB{rows_note}"
        )
    print(f"the queue sends at most {PAGE_SIZE} rows a page (see the rows above), never all")
    for name, runs in written.items():
        view = statistics.median(first for first, _dashboard in runs)
        dashboard = statistics.median(later for _first, later in runs)
        print(
            f"first view after {name}: median {view * 1000:.0f} ms over {len(runs)} "
            f"(the dashboard after it {dashboard * 1000:.0f} ms); "
            f"{view / first:.3f} of the whole-store first view ({first:.2f} s)"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
