"""Which role source an article counts as read: never decided by when each kind was fetched."""

from __future__ import annotations

from datetime import timedelta

import pytest

from credit_tracker.domain.coverage import Channel, Lack, RoleSourceMissing, RoleSourceRead
from credit_tracker.domain.models import FetchState, SourceKind, SourceSnapshot
from credit_tracker.domain.role_sources import role_source_of
from tests.builders import WHEN, snapshot


def _shot(kind: SourceKind, status: RoleSourceRead | RoleSourceMissing, at: int) -> SourceSnapshot:
    state = FetchState.OK if isinstance(status, RoleSourceRead) else FetchState.NOT_FOUND
    shot = snapshot(kind, state=state, when=WHEN + timedelta(seconds=at))
    return shot.model_copy(update={"role_source": status})


JATS_ROLES = RoleSourceRead(channel=Channel.PLOS, roles_stated=True)
FILE_ROLES = RoleSourceRead(channel=Channel.FILE, roles_stated=True)
JATS_NONE = RoleSourceRead(channel=Channel.PLOS, roles_stated=False)
NO_LINK = RoleSourceMissing(lack=Lack.NO_LINK, detail="no link")
FAILED = RoleSourceMissing(lack=Lack.FAILED, detail="HTTP 503")


@pytest.mark.parametrize(
    ("jats", "statement", "counted"),
    [
        (JATS_ROLES, FILE_ROLES, JATS_ROLES),  # both state roles: the publisher's JATS
        (JATS_NONE, FILE_ROLES, FILE_ROLES),  # the one stating roles
        (NO_LINK, FILE_ROLES, FILE_ROLES),  # a reading beats a reason
        (NO_LINK, FAILED, FAILED),  # the most telling reason: a failure
    ],
)
def test_the_status_counted_is_the_same_whichever_kind_was_fetched_last(
    jats: RoleSourceRead | RoleSourceMissing,
    statement: RoleSourceRead | RoleSourceMissing,
    counted: RoleSourceRead | RoleSourceMissing,
) -> None:
    # one clone fetched the JATS a second before reading the statement, the other after it
    for jats_at, statement_at in ((0, 1), (1, 0), (0, 0)):
        history = [
            _shot(SourceKind.JATS, jats, jats_at),
            _shot(SourceKind.STATEMENT, statement, statement_at),
        ]
        history.sort(key=lambda shot: shot.fetched_at)
        assert role_source_of(history) == counted, (jats_at, statement_at)


def test_within_one_kind_the_newest_snapshot_counts() -> None:
    history = [_shot(SourceKind.JATS, NO_LINK, 0), _shot(SourceKind.JATS, JATS_NONE, 1)]
    assert role_source_of(history) == JATS_NONE
    assert role_source_of([]) is None
