"""An article's role-source status, read from its snapshot history. Pure."""

from __future__ import annotations

from credit_tracker.domain.coverage import Channel, Lack, RoleSourceMissing, RoleSourceRead
from credit_tracker.domain.models import FetchState, SourceKind, SourceSnapshot


def role_source_of(history: list[SourceSnapshot]) -> RoleSourceRead | RoleSourceMissing | None:
    """Return the article's role-source status: that of its newest publisher-side snapshot.

    None when the publisher's side was never asked (`fetch --no-xml`, or not fetched yet).
    Snapshots stored before statuses were kept are read from their state and address.
    """
    for shot in reversed(history):
        if shot.source not in (SourceKind.JATS, SourceKind.STATEMENT):
            continue
        if shot.role_source is not None:
            return shot.role_source
        if shot.usable:
            return RoleSourceRead(channel=_channel(shot.url or ""), roles_stated=states_roles(shot))
        lack = Lack.NO_LINK if shot.state is FetchState.NOT_FOUND else Lack.FAILED
        return RoleSourceMissing(lack=lack, detail=shot.reason or "")
    return None


def states_roles(shot: SourceSnapshot) -> bool:
    """Whether a snapshot states anyone's roles (an empty list counts: 'no roles' is stated)."""
    return any(author.roles is not None for author in shot.authors)


def _channel(url: str) -> Channel:
    if url.startswith("file:"):
        return Channel.FILE
    return Channel.PLOS if "/article/file" in url else Channel.EUROPE_PMC
