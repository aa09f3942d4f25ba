"""One spreadsheet for a whole team: importing a SYNTHETIC table of 1,000 articles x 8 authors
(tenzing's columns plus DOI) into an empty store takes at most 5 times a one-article import
measured in the same run, and writes each shard it touches once (a file written twice would keep
its first version as <file>.bak; none may exist). Both imports run RUNS times, one after the
other, and the medians are compared: on a shared machine one pair can differ by a third.

    python bench/bench_bulk_import.py
"""

from __future__ import annotations

import csv
import io
import statistics
import tempfile
from pathlib import Path

from common import cli, machine, report

from credit_tracker.store.folder import Store, shard_of

ARTICLES, AUTHORS, LIMIT, RUNS = 1000, 8, 5.0, 3
HEADER = [
    "DOI",
    "Order in publication",
    "Firstname",
    "Middle name",
    "Surname",
    "Conceptualization",
    "Data curation",
    "Formal analysis",
    "Funding acquisition",
    "Investigation",
    "Methodology",
    "Project administration",
    "Resources",
    "Software",
    "Supervision",
    "Validation",
    "Visualization",
    "Writing - original draft",
    "Writing - review & editing",
    "Affiliation 1",
    "ORCID iD",
    "Email address",
    "Corresponding author?",
]


def write_table(path: Path, articles: int, with_doi: bool = True) -> list[str]:
    """Write the table (without DOI: one article's tenzing table); return its DOIs.

    Names repeat across articles, as co-authors' do.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    skip = 0 if with_doi else 1
    writer.writerow(HEADER[skip:])
    dois = [f"10.5555/bulk.{n}" for n in range(articles)]
    for n, doi in enumerate(dois):
        for k in range(1, AUTHORS + 1):
            roles = ["TRUE" if (n + k + r) % 5 == 0 else "FALSE" for r in range(14)]
            name = [f"Given{(n * 7 + k) % 400}", "NA", f"Synthetic{(n * 3 + k) % 900}"]
            row = [doi, str(k), *name, *roles, "Synthetic University", "NA", "NA", "FALSE"]
            writer.writerow(row[skip:])
    path.write_text(out.getvalue(), encoding="utf-8")
    return dois


def imported(folder: Path, table: Path, doi: str | None = None) -> float:
    Store(folder).init()
    args = ["--records", str(folder), "records", "import", *([doi] if doi else []), str(table)]
    seconds, result = cli(args)
    if result.returncode != 0:
        raise SystemExit(f"import failed: {result.stderr}")
    return seconds


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        one = base / "one-article.synthetic.csv"
        doi = write_table(one, 1, with_doi=False)[0]
        dois = write_table(base / "team.synthetic.csv", ARTICLES)
        singles, bulks = [], []
        for run in range(RUNS):
            singles.append(imported(base / f"single-{run}", one, doi))
            bulks.append(imported(base / f"bulk-{run}", base / "team.synthetic.csv"))
        baseline, seconds = statistics.median(singles), statistics.median(bulks)
        articles = base / "bulk-0" / "articles"
        written = {path.stem for path in articles.glob("*.json")}
        twice = list(articles.glob("*.bak"))
        touched = {shard_of(doi) for doi in dois}
        count = len(Store(base / "bulk-0").load().articles)
    print(f"machine: {machine()}")
    ok = report(
        "bulk import",
        f"{ARTICLES:,} articles x {AUTHORS} authors ({count:,} recorded) in {seconds:.2f} s "
        f"(median of {RUNS})",
        f"one article: {baseline:.2f} s (median of {RUNS})",
        seconds / baseline,
        LIMIT,
    )
    once = written == touched and not twice
    print(
        f"   shards touched {len(touched)}, files written {len(written)}, written twice "
        f"{len(twice)} (target: each once) {'MET' if once else 'MISSED'}"
    )
    return 0 if ok and once and count == ARTICLES else 1


if __name__ == "__main__":
    raise SystemExit(main())
