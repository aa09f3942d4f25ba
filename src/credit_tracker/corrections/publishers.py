"""Where each article's publisher takes correction requests, and what to call the publisher."""

from __future__ import annotations

import re

from credit_tracker.domain.models import ArticleRecord, Publisher, SourceKind, SourceSnapshot

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


def publisher_for(
    record: ArticleRecord,
    publishers: dict[str, Publisher],
    history: list[SourceSnapshot] | None = None,
) -> Publisher | None:
    """Return the configured publisher that Crossref names for the article (its configured name a
    word of Crossref's: 'PLOS' in 'Public Library of Science (PLoS)'), else the one whose DOI
    prefix it has, else the one that lists its journal."""
    registered = (crossref_publisher(history or []) or "").casefold()
    by_name = next(
        (
            p
            for p in publishers.values()
            if registered and re.search(rf"\b{re.escape(p.name.casefold())}\b", registered)
        ),
        None,
    )
    prefix = record.doi.split("/", 1)[0]
    by_prefix = next((p for p in publishers.values() if prefix in p.doi_prefixes), None)
    return (
        by_name
        or by_prefix
        or next(
            (p for p in publishers.values() if record.journal and record.journal in p.journals),
            None,
        )
    )


def publisher_label(
    record: ArticleRecord,
    publishers: dict[str, Publisher],
    history: list[SourceSnapshot] | None = None,
) -> str:
    """Return the publisher's name as Crossref registers it for this article (the newest record
    read), else the configured publisher's name, else 'DOI prefix 10.x' (never a guess).

    Crossref's name comes first: a DOI prefix says who registered the DOI once, not who
    publishes the article now (10.1136/esmoopen-2020-000776 is Elsevier's; a title moved from
    Elsevier to World Scientific keeps its 10.1016 DOIs).
    """
    registered = crossref_publisher(history or [])
    if registered:
        return registered
    publisher = publisher_for(record, publishers)
    return publisher.name if publisher else f"DOI prefix {record.doi.split('/', 1)[0]}"


def crossref_publisher(history: list[SourceSnapshot]) -> str | None:
    """The publisher's name in the newest Crossref record read that names one."""
    for shot in reversed(history):
        if shot.source is SourceKind.CROSSREF and shot.usable and shot.publisher:
            return shot.publisher
    return None
