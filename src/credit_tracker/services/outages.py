"""Outages: the services that answered no request during a fetch, and the articles they left
unverified, so that a service down is said once and not once per article."""

from __future__ import annotations

from collections.abc import Mapping

from credit_tracker.domain.findings import Outage
from credit_tracker.domain.models import SourceKind
from credit_tracker.domain.records import Records
from credit_tracker.domain.runs import FetchSummary
from credit_tracker.services.snapshots import latest
from credit_tracker.sources.article_xml import PublisherClient
from credit_tracker.sources.crossref import CrossrefClient
from credit_tracker.sources.health import Service, Tally


def find_outages(
    tallies: Mapping[str, Tally],
    crossref: CrossrefClient,
    publisher: PublisherClient | None,
    summary: FetchSummary,
    records: Records,
) -> list[Outage]:
    """One Outage per service that was asked and answered nothing (see health.Service), with
    the articles whose reading from it failed in this fetch."""
    unread = summary.unread
    asked: list[tuple[Service, SourceKind, set[str]]] = [
        (crossref.service, SourceKind.CROSSREF, unread.get(SourceKind.CROSSREF, set()))
    ]
    if publisher is not None:
        xml = unread.get(SourceKind.JATS, set())
        asked += [
            (service, SourceKind.JATS, {d for d in xml if publisher.service_of(d) == service})
            for service in publisher.services
        ]
    outages = []
    for service, source, dois in asked:
        reason = service.unreachable(tallies)
        if reason is None or not dois:
            continue
        kept = sum(
            latest(records.snapshots.get(doi, []), source, usable_only=True) is not None
            for doi in dois
        )
        outages.append(
            Outage(
                service=service.name,
                source=source.value,
                reason=reason,
                dois=sorted(dois),
                kept=kept,
            )
        )
    return outages
