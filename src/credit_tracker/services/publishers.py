"""Where publishers take correction requests: configuration kept in team.json."""

from __future__ import annotations

from credit_tracker.domain.models import Publisher
from credit_tracker.domain.text import require_address, require_safe_text
from credit_tracker.services.session import editing
from credit_tracker.store.folder import Store


def list_publishers(store: Store) -> list[Publisher]:
    """The configured publishers, by id."""
    return sorted(store.load_team().publishers.values(), key=lambda p: p.id)


def set_publisher(store: Store, publisher: Publisher) -> None:
    """Add or replace a publisher's corrections contact (team.json alone is written).

    InputError, nothing written, for a value holding an invisible or control character (a CR
    or LF in an address would start a new header in a draft's e-mail) or an address that is
    none, named by the command's option."""
    journals = publisher.journals.items()
    typed = [
        ("ID", publisher.id),
        ("--name", publisher.name),
        ("--route", publisher.route),
        *(("--prefix", prefix) for prefix in publisher.doi_prefixes),
        *(("--journal", f"{name}={email}") for name, email in journals),
    ]
    addresses = [("--email", publisher.email), *(("--journal", email) for _n, email in journals)]
    for field, text in [*typed, *addresses]:
        if text is not None:
            require_safe_text(text, field=field)
    for field, address in addresses:
        if address is not None:
            require_address(address, field=field)
    with editing(store, []) as records:
        records.publishers[publisher.id] = publisher
