"""Where each article's publisher takes correction requests, and what to call the publisher."""

from __future__ import annotations

from credit_tracker.domain.models import ArticleRecord, Publisher

# PLOS's corrections route, the worked example (policy page:
# https://journals.plos.org/plosone/s/corrections-expressions-of-concern-and-retractions).
PLOS = Publisher(
    id="plos",
    name="PLOS",
    doi_prefixes=["10.1371"],
    email="plosone@plos.org",
    route=(
        "Email the journal directly with the article citation and DOI, a description of the "
        "error, the proposed correction text and supporting files (PLOS corrections policy)."
    ),
    journals={"PLOS ONE": "plosone@plos.org", "PLOS Biology": "plosbiology@plos.org"},
)


def publisher_for(record: ArticleRecord, publishers: dict[str, Publisher]) -> Publisher | None:
    """Return the configured publisher by the DOI's prefix, else by the journal's name."""
    prefix = record.doi.split("/", 1)[0]
    by_prefix = next((p for p in publishers.values() if prefix in p.doi_prefixes), None)
    return by_prefix or next(
        (p for p in publishers.values() if record.journal and record.journal in p.journals), None
    )


def publisher_label(record: ArticleRecord, publishers: dict[str, Publisher]) -> str:
    """Return the publisher's configured name, else 'DOI prefix 10.x' (never a guess)."""
    publisher = publisher_for(record, publishers)
    return publisher.name if publisher else f"DOI prefix {record.doi.split('/', 1)[0]}"
