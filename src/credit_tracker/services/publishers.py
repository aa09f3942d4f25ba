"""Where publishers take correction requests: configuration kept in team.json."""

from __future__ import annotations

from credit_tracker.domain.models import Publisher
from credit_tracker.services.session import editing
from credit_tracker.store.folder import Store


def list_publishers(store: Store) -> list[Publisher]:
    """The configured publishers, by id."""
    return sorted(store.load_team().publishers.values(), key=lambda p: p.id)


def set_publisher(store: Store, publisher: Publisher) -> None:
    """Add or replace a publisher's corrections contact (team.json alone is written)."""
    with editing(store, []) as records:
        records.publishers[publisher.id] = publisher
