"""The team members' ORCID records as a source: the contributors and CRediT roles they assert
for the records' DOIs (self-asserted evidence, the `orcid` source)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from credit_tracker.check.run import select_dois
from credit_tracker.domain.errors import FetchError, RunStopped, TransportFailure
from credit_tracker.services.clients import Clients
from credit_tracker.services.snapshots import now_utc, orcid_snapshots, record_snapshot
from credit_tracker.store.folder import Store


@dataclass(frozen=True)
class OrcidRead:
    """How many of the records' works the members' ORCID records list, and the requests sent."""

    works: int
    requests: int


def fetch_orcid(store: Store, dois: Iterable[str], clients: Clients) -> OrcidRead:
    """Store an `orcid` snapshot of each named article (all when none is named) that a team
    member's ORCID record lists. FetchError, nothing written, when ORCID cannot be read."""
    with store.transaction() as records:
        selected = set(select_dois(records, dois))
        try:
            shots = orcid_snapshots(clients.orcid, records, selected, now_utc())
        except (TransportFailure, RunStopped) as exc:
            raise FetchError(f"ORCID could not be read: {exc.reason}") from None
        for shot in shots:
            record_snapshot(records, shot)
    return OrcidRead(works=len(shots), requests=clients.requests)
