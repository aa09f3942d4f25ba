"""An article's role-source status, read from its snapshot history. Pure."""

from __future__ import annotations

from credit_tracker.domain.coverage import (
    Channel,
    Lack,
    RoleSourceMissing,
    RoleSourceRead,
    first_lack,
)
from credit_tracker.domain.models import FetchState, SourceKind, SourceSnapshot


def role_source_of(history: list[SourceSnapshot]) -> RoleSourceRead | RoleSourceMissing | None:
    """Return the article's role-source status from its newest JATS and statement snapshots:
    one read (one stating roles first; between the two kinds, the JATS first), else the most
    telling reason none was (LACK_ORDER).

    The choice between kinds never looks at when each was fetched: two clones that fetched
    the JATS and read a statement in either order (seconds apart, merged in git) count the
    article the same. None when the publisher's side was never asked (`fetch --no-xml`, or not
    fetched yet). Snapshots stored before statuses were kept are read from their state and
    address.
    """
    statuses = [
        _status(shot)
        for kind in (SourceKind.JATS, SourceKind.STATEMENT)
        if (shot := next((s for s in reversed(history) if s.source is kind), None)) is not None
    ]
    if not statuses:
        return None
    read = [status for status in statuses if isinstance(status, RoleSourceRead)]
    if read:
        return next((status for status in read if status.roles_stated), read[0])
    return first_lack(status for status in statuses if isinstance(status, RoleSourceMissing))


def _status(shot: SourceSnapshot) -> RoleSourceRead | RoleSourceMissing:
    if shot.role_source is not None:
        return shot.role_source
    if shot.usable:
        return RoleSourceRead(channel=_channel(shot.url or ""), roles_stated=states_roles(shot))
    lack = Lack.NO_LINK if shot.state is FetchState.NOT_FOUND else Lack.FAILED
    return RoleSourceMissing(lack=lack, detail=shot.reason or "")


def states_roles(shot: SourceSnapshot) -> bool:
    """Whether a snapshot states anyone's roles (an empty list counts: 'no roles' is stated)."""
    return any(author.roles is not None for author in shot.authors)


def _channel(url: str) -> Channel:
    """Where a snapshot stored without a status was read, as far as its address tells."""
    if url.startswith("file:"):
        return Channel.FILE
    if "/article/file" in url:
        return Channel.PLOS
    return Channel.EUROPE_PMC if "fullTextXML" in url else Channel.EARLIER
