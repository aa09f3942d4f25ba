"""Build the shipped AIMMS example in records/ from the documented facts (../shared/cases/aimms.md).

The team's record is imported from records/sources/aimms-mentoring.contributors.csv through the
real import path. The publisher snapshot is RECONSTRUCTED, not fetched: the DOI, PMID and PMCID
of the article were not found in any source available, so nothing could be fetched. It holds
only what public sources report:
- the online byline (15 authors, EBSCO record) with Jane Illés's roles absent (University of
  St Andrews news item, 22 May 2025); the other authors' roles were not seen, so they are
  'unknown' (None), never invented;
- the PDF's Author Contributions section printing "Jane P. Illés" (same news item); the other
  names in that section were not seen, so the source is marked incomplete.

Run from the project root:  python scripts/build_aimms_example.py [--records DIR]
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from credit_tracker.corrections.publishers import PLOS
from credit_tracker.domain.models import FetchState, SourceAuthor, SourceKind, SourceSnapshot
from credit_tracker.domain.names import PersonName
from credit_tracker.edits.imports import import_table
from credit_tracker.parse.tenzing import decode_table, parse_table
from credit_tracker.store.folder import Store

DOI = "10.5555/aimms-mentoring-2025"
TITLE = (
    "\u2018I cannot be what I don\u2019t see\u2019: an evaluation of Academic Intersectionality "
    "Mentoring in medical schools (AIMMS Mentoring)"
)
NOTE = (
    "Example record. The real article is PLOS ONE 20(4), 29 April 2025; its DOI was not found in "
    "any source available, so the DOI here is under Crossref's example prefix 10.5555."
)
BYLINE = [  # EBSCO record, family and given, full stops after initials dropped as EBSCO does
    ("Mirembe", "Woodrow"),
    ("Elizabeth", "Benedikz"),
    ("Louise D", "Bryant"),
    ("Jane", "Illés"),
    ("Parbir", "Jagpal"),
    ("Hannah Maria", "Jennings"),
    ("Eleanor", "Monks"),
    ("Vrinda", "Nayak"),
    ("Musarrat Maisha", "Reza"),
    ("Sikha", "Saha"),
    ("Meena", "Upadhyaya"),
    ("Kate", "Williams"),
    ("John P", "Winpenny"),
    ("Reza", "Zamani"),
    ("Nisreen A", "Alwan"),
]
SEEN = datetime(2025, 5, 22, tzinfo=UTC)


def online_byline() -> SourceSnapshot:
    authors = [
        SourceAuthor(
            position=n,
            raw=f"{given} {family}",
            name=PersonName(given=given, family=family),
            roles=[] if family == "Illés" else None,
        )
        for n, (given, family) in enumerate(BYLINE, start=1)
    ]
    return SourceSnapshot(
        doi=DOI,
        source=SourceKind.JATS,
        state=FetchState.OK,
        fetched_at=SEEN,
        title=TITLE,
        journal="PLOS ONE",
        authors=authors,
        content_hash="reconstructed-online-2025-05-22",
        first_seen=SEEN,
        reconstructed=(
            "Reconstructed, not fetched: byline from the EBSCO record; Jane Illés's roles absent "
            "from the online version per the University of St Andrews news item (22 May 2025); "
            "other roles not seen."
        ),
    )


def pdf_statement() -> SourceSnapshot:
    author = SourceAuthor(position=1, raw="Jane P. Illés", structured=False, roles=None)
    return SourceSnapshot(
        doi=DOI,
        source=SourceKind.STATEMENT,
        state=FetchState.OK,
        fetched_at=SEEN,
        title=TITLE,
        journal="PLOS ONE",
        authors=[author],
        complete=False,
        content_hash="reconstructed-pdf-2025-05-22",
        first_seen=SEEN,
        reconstructed=(
            "Reconstructed, not fetched: the PDF's Author Contributions section printed "
            "'Jane P. Illés' (University of St Andrews news item, 22 May 2025); the rest of the "
            "section was not seen."
        ),
    )


def build(root: Path) -> None:
    store = Store(root)
    store.init()
    table_path = root / "sources" / "aimms-mentoring.contributors.csv"
    table = parse_table(decode_table(table_path.read_bytes(), str(table_path)), str(table_path))
    with store.transaction() as records:
        import_table(records, DOI, table, title=TITLE)
        records.articles[DOI].journal = "PLOS ONE"
        records.articles[DOI].note = NOTE
        records.snapshots[DOI] = [online_byline(), pdf_statement()]
        records.publishers[PLOS.id] = PLOS


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, default=Path("records"))
    build(parser.parse_args().records)
