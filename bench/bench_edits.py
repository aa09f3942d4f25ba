"""Edits cost what they change, not the store's size: each small edit, and `records import` of one
article, on a SYNTHETIC store of 10,000 articles (8 authors each, with snapshots) takes at most 3
times the same command on a store of 10 articles, measured in the same run, and peaks at 150 MB
at most. Each command runs once, in a fresh process (start-up included, as a user sees it).

    python bench/bench_edits.py                 # 10,000 articles against 10
    python bench/bench_edits.py --articles 2000 # a quicker look
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, machine, report
from make_store import generate

from credit_tracker.domain.records import Records
from credit_tracker.store.folder import Store

RATIO, PEAK_MB = 3.0, 150
# Runs the command in this process, then reports its peak resident memory: VmHWM, which a new
# program starts afresh (ru_maxrss would carry over the benchmark's own peak from the fork).
_MEASURED = (
    "import resource, runpy, sys\n"
    "sys.argv = ['credit-tracker', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('credit_tracker', run_name='__main__')\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "else:\n"
    "    code = 0\n"
    "try:\n"
    "    peak = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
    "except (OSError, IndexError):\n"
    "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "print(f'peak-kib {peak}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)
HEADER = (
    "Order in publication,Firstname,Middle name,Surname,Conceptualization,Data curation,"
    "Formal analysis,Funding acquisition,Investigation,Methodology,Project administration,"
    "Resources,Software,Supervision,Validation,Visualization,Writing - original draft,"
    "Writing - review & editing,Affiliation 1,Affiliation 2,Affiliation 3,Funding,ORCID iD,"
    "Email address,Corresponding author?,Conflict of interest"
)


def run(folder: Path, args: list[str]) -> tuple[float, float]:
    """Run one command on the store; return its wall time (s) and peak memory (MB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, "--records", str(folder), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({result.returncode}): {result.stderr}")
    peak = next(line for line in result.stderr.splitlines() if line.startswith("peak-kib "))
    return seconds, int(peak.split()[1]) / 1024


def table(folder: Path) -> Path:
    """One article's tenzing table: 8 authors with new names (SYNTHETIC)."""
    rows = [
        ",".join(
            [str(n), f"Benchgiven{n}", "NA", f"Benchfamily{n}", *["TRUE"] * 2, *["FALSE"] * 12]
        )
        + ",NA,NA,NA,NA,NA,NA,FALSE,NA"
        for n in range(1, 9)
    ]
    path = folder / "one-article.synthetic.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def add_orphan(folder: Path) -> None:
    """A person on no article, for `person remove` (written through the store, once)."""
    from credit_tracker.domain.models import Person
    from credit_tracker.domain.names import PersonName

    with Store(folder).transaction() as records:
        name = PersonName(given="Orphan", family="Benchperson")
        records.people["bench-orphan"] = Person(id="bench-orphan", name=name, team_member=False)


def commands(records: Records, csv: Path) -> list[tuple[str, list[str]]]:
    """The commands to time, with people and articles that exist in this store."""
    dois = sorted(records.articles, key=lambda doi: int(doi.rsplit(".", 1)[1]))
    on = {doi: [a.person for a in records.articles[doi].authors] for doi in dois}
    articles_of: dict[str, set[str]] = {}
    for doi, people in on.items():
        for person in people:
            articles_of.setdefault(person, set()).add(doi)
    first, second = on[dois[1]][0], on[dois[2]][1]
    keep, other = next(
        (a, b) for a in on[dois[3]] for b in on[dois[4]] if not articles_of[a] & articles_of[b]
    )
    orphan = "bench-orphan"  # added by add_orphan: on no article
    return [
        ("records import (one article)", ["records", "import", "10.5555/bench-new", str(csv)]),
        (
            "records set-roles",
            ["records", "set-roles", dois[1], first, "Software", "Methodology=lead"],
        ),
        ("records add-role", ["records", "add-role", dois[1], first, "Validation"]),
        ("records remove-role", ["records", "remove-role", dois[1], first, "Software"]),
        ("person unset-member", ["person", "unset-member", second]),
        ("person set-member", ["person", "set-member", second]),
        ("person merge", ["person", "merge", keep, other]),
        ("person remove", ["person", "remove", orphan]),
        ("records remove", ["records", "remove", dois[5]]),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        stores = {}
        for name, size in (("small", 10), ("large", args.articles)):
            folder = generate(base / name, size, 8)
            add_orphan(folder)
            stores[name] = (folder, commands(Store(folder).load(), table(base)))
        # small and large in turn, command by command, so that both see the same machine load
        timings: dict[str, list[tuple[float, float]]] = {"small": [], "large": []}
        for n in range(len(stores["large"][1])):
            for name, (folder, todo) in stores.items():
                timings[name].append(run(folder, todo[n][1]))
    print(f"machine: {machine()}; {args.articles:,} articles against 10, 8 authors each")
    ok = True
    labels = [label for label, _cmd in stores["large"][1]]
    for label, (small, _small_mb), (large, large_mb) in zip(
        labels, timings["small"], timings["large"], strict=True
    ):
        ok &= report(
            f"{label} on {args.articles:,} articles",
            f"{large:.2f} s, peak {large_mb:.0f} MB",
            f"10 articles: {small:.2f} s",
            large / small,
            RATIO,
        )
        if large_mb > PEAK_MB:
            print(f"   peak {large_mb:.0f} MB (target <= {PEAK_MB} MB) MISSED")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
