"""What the request handler needs of the stand-in, and the faults it acts out.

The server holds the state and the handler serves requests; the handler sees the server only
through `Host`, so the server can build its handler class without the two importing each other.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

from credit_tracker.standin.catalogue import Catalogue

FAULTS = (
    "401",
    "403",
    "404",
    "429",
    "500",
    "502",
    "503",
    "504",
    "reset",
    "timeout",
    "truncated",
    "html",
    "wrong-doi",
    "slow",
    "late",
    "not-jats",
    "trickle",
    "huge",
    "endless",
)


@dataclass
class Fault:
    """One injected fault: which requests it hits, what it does, how many times."""

    kind: str
    """One of FAULTS: '429', '500', …, 'reset', 'timeout', 'truncated', 'html', 'wrong-doi',
    'slow', 'late' (counted `seconds` after it came in: a server behind a queue, or a handler
    a loaded machine runs late), 'not-jats', 'trickle' (a byte at a time, never ending), 'huge'
    (a 1.5 GiB Content-Length announced), 'endless' (a body with no length, sent as fast as it is
    read)."""
    where: str = ""
    """Hits requests whose kind ('list', 'single', 'plos', 'europepmc', 'orcid', a publisher's
    host such as 'api.elsevier.com') or path contains this; '' hits all."""
    times: int = 1
    """How many requests it hits; -1 for every one."""
    retry_after: str | None = None
    """The Retry-After header sent with a 429 or 5xx, if any."""
    seconds: float | None = None
    """'slow': the delay before the answer (2 s if not given); 'late': before the count (the
    same). 'timeout': the longest a request is
    held unanswered (60 s if not given); the hold ends as soon as the client gives up."""
    doi: str | None = None
    """'wrong-doi': the DOI the answer names ('10.5555/someone-else' if not given), any text."""


class Host(Protocol):
    """The stand-in as its handler sees it: the recorded data, the limits, the faults."""

    catalogue: Catalogue
    enforce: bool
    synthetic_prefix: str | None
    stopping: threading.Event

    def arrive(self, kind: str, path: str, headers: dict[str, str]) -> bool: ...

    def depart(self, kind: str) -> None: ...

    def take_fault(self, kind: str, path: str, late: bool = False) -> Fault | None: ...

    def rate_headers(self, kind: str) -> dict[str, str]: ...
