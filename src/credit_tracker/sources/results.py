"""What an outside service said about one DOI, with the status in the type.

`Fetched` carries the answer as read; `NotFound` is no failure (the service has nothing for the
DOI); `CouldNotFetch` leaves the DOI unverified, with the reason. A caller matches on the type:
there is no state field beside optional content to keep in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

from credit_tracker.domain.models import FetchState

T = TypeVar("T")


@dataclass(frozen=True)
class Fetched(Generic[T]):
    """The service answered with the DOI's record: `content` is it, as read."""

    doi: str
    url: str
    content: T


@dataclass(frozen=True)
class NotFound:
    """The service has no record of the DOI (HTTP 404, or no open full text)."""

    doi: str
    url: str | None
    reason: str


@dataclass(frozen=True)
class CouldNotFetch:
    """No usable answer: a transport failure, an error status, or an answer that is not one."""

    doi: str
    url: str | None
    reason: str


@dataclass(frozen=True)
class NoAccess:
    """The host refused the file: 401 or 403, a 429 that persisted, a quota used up, a paywall
    page instead of the file. Recorded for the DOI with the reason; it fails nothing."""

    doi: str
    url: str | None
    reason: str


FetchResult: TypeAlias = Fetched[T] | NotFound | CouldNotFetch


def state_of(result: Fetched[T] | NotFound | CouldNotFetch) -> FetchState:
    """The state a snapshot of this result records."""
    if isinstance(result, Fetched):
        return FetchState.OK
    return FetchState.NOT_FOUND if isinstance(result, NotFound) else FetchState.FAILED
