"""Which servers still answer: the stop rule, one server at a time, and a tally per kind of request.

A server that fails too many of its recent requests is given up for the rest of the run: its
next requests fail at once, without reaching the network, while every other server is still
asked (Crossref down does not keep the publishers' XML from being read, nor the other way
round). The tally of each kind of request tells afterwards whether a service answered anything
at all that run: one that answered nothing is an outage, said once, not once per article.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, replace

# A server is given up once at least STOP_MIN_FAILURES of its last STOP_WINDOW requests, and at
# least STOP_RATIO of them, failed.
STOP_WINDOW = 20
STOP_RATIO = 0.10
STOP_MIN_FAILURES = 2


@dataclass(frozen=True)
class Tally:
    """What one kind of request brought: answers, requests that ended with none, and why."""

    answered: int = 0
    unanswered: int = 0
    """Requests that brought no answer after every try, or were not sent (server given up)."""
    reason: str = ""
    """Why the last request that was sent brought no answer."""

    def since(self, earlier: Tally) -> Tally:
        """What happened after `earlier` was taken."""
        return replace(
            self,
            answered=self.answered - earlier.answered,
            unanswered=self.unanswered - earlier.unanswered,
        )


@dataclass(frozen=True)
class Service:
    """An outside service as the tallies know it: its name and the kinds of request it serves."""

    name: str
    kinds: tuple[str, ...]

    def unreachable(self, tallies: Mapping[str, Tally]) -> str | None:
        """Why the service answered no request at all, when it was asked and answered none;
        else None (it answered something, or was not asked)."""
        mine = [tallies[kind] for kind in self.kinds if kind in tallies]
        if any(t.answered for t in mine) or not any(t.unanswered for t in mine):
            return None
        return next((t.reason for t in mine if t.unanswered and t.reason), "no answer")


class Health:
    """The recent outcomes of each server's requests, the servers given up, the tallies."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._recent: dict[str, deque[bool]] = {}
        self.given_up: dict[str, str] = {}
        """Server (host:port) → why it was given up (its last failure's reason)."""
        self.tallies: dict[str, Tally] = {}
        self._spent: set[str] = set()
        """Servers given up because their announced quota was used up, not for failing."""

    def answered(self, host: str, kind: str) -> None:
        with self._lock:
            self._tally(kind, answered=1)
            self._record(host, ok=True, reason="")

    def unanswered(self, host: str, kind: str, reason: str) -> None:
        """A request that brought no answer after every try."""
        with self._lock:
            self._tally(kind, unanswered=1, reason=reason)
            self._record(host, ok=False, reason=reason)

    def not_sent(self, host: str, kind: str) -> None:
        """A request to a server given up: it fails without reaching the network, for the
        reason the server was given up (the kind's own reason when it has one)."""
        with self._lock:
            self._tally(kind, unanswered=1, reason=self.given_up[host], keep=True)

    def unusable(self, host: str) -> None:
        """An answer that arrived but could not be used (bad JSON, another DOI's record)."""
        with self._lock:
            self._record(host, ok=False, reason="its answers could not be used")

    def give_up(self, host: str, why: str) -> None:
        """Give a server up for the rest of the run at once (its announced quota is used up)."""
        with self._lock:
            self._spent.add(host)
            self.given_up.setdefault(host, why)

    def not_asked(self, host: str) -> str:
        """Why a request to a server given up was not sent, in one line."""
        with self._lock:
            why = self.given_up[host]
            if host in self._spent:
                return f"not asked: {host}: {why}"
            return f"not asked: {host} failed repeatedly this run ({why})"

    def snapshot(self) -> dict[str, Tally]:
        with self._lock:
            return dict(self.tallies)

    def _tally(
        self,
        kind: str,
        answered: int = 0,
        unanswered: int = 0,
        reason: str = "",
        keep: bool = False,
    ) -> None:
        """Add to a kind's tally; `reason` replaces the last one (`keep`: only when it has
        none)."""
        old = self.tallies.get(kind, Tally())
        self.tallies[kind] = Tally(
            answered=old.answered + answered,
            unanswered=old.unanswered + unanswered,
            reason=(old.reason or reason) if keep else (reason or old.reason),
        )

    def _record(self, host: str, ok: bool, reason: str) -> None:
        recent = self._recent.setdefault(host, deque(maxlen=STOP_WINDOW))
        recent.append(ok)
        failures = recent.count(False)
        if failures >= STOP_MIN_FAILURES and failures / len(recent) >= STOP_RATIO:
            self.given_up.setdefault(host, reason)


def tallies_since(now: Mapping[str, Tally], before: Mapping[str, Tally]) -> dict[str, Tally]:
    """Each kind's tally of what happened between two snapshots."""
    return {kind: tally.since(before.get(kind, Tally())) for kind, tally in now.items()}
