"""The stand-in server: its announced limits, injected faults, and what it counts about requests."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from credit_tracker.standin.catalogue import Catalogue
from credit_tracker.standin.contract import FAULTS, Fault
from credit_tracker.standin.handler import handler_for


@dataclass
class Limits:
    """The limits the stand-in announces per request kind, like Crossref's polite pool in 2026.

    A publisher host (a kind named by its host, 'peerj.com') is a server of its own: its own
    concurrency (`host_concurrency`, else `concurrency`), its requests in flight counted apart.
    """

    rate: dict[str, int] = field(default_factory=lambda: {"list": 3, "single": 10})
    interval: float = 1.0
    concurrency: int = 3
    pool: str = "polite"
    host_concurrency: dict[str, int] = field(default_factory=dict)
    quota: dict[str, int] = field(default_factory=dict)
    """Requests a key has left, announced as Elsevier does (`x-ratelimit-remaining`, of 20000)."""

    def server_of(self, kind: str) -> str:
        """The server a kind of request reaches: a publisher host, or the stand-in's own."""
        return kind if "." in kind else ""

    def concurrency_of(self, kind: str) -> int:
        return self.host_concurrency.get(kind, self.concurrency)


@dataclass(frozen=True)
class Seen:
    """One request as it arrived: its kind, its path with the query, its headers (lower-case),
    and when, by the stand-in's clock (monotonic seconds)."""

    kind: str
    path: str
    headers: dict[str, str]
    at: float = 0.0


class StandIn:
    """The server. Use as a context manager, or call start() and stop()."""

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        limits: Limits | None = None,
        enforce: bool = False,
        synthetic_prefix: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.catalogue = catalogue
        self.limits = limits or Limits()
        self.enforce = enforce
        self.synthetic_prefix = synthetic_prefix
        self.faults: list[Fault] = []
        self.counts: dict[str, int] = {}
        self.log: list[tuple[str, str]] = []
        """(kind, path) of every request, in the order they arrived."""
        self.seen: list[Seen] = []
        """Every request with its headers, in the order they arrived."""
        self.violations = 0
        """Requests that broke the announced limits, counted with the stand-in's own clock."""
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._arrivals: dict[str, deque[float]] = {}
        self._in_flight: dict[str, int] = {}
        self._server = ThreadingHTTPServer((host, port), handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def base_urls(self) -> dict[str, str]:
        """Return the environment that points credit-tracker at this stand-in."""
        return {
            "CREDIT_TRACKER_CROSSREF_URL": f"{self.url}/crossref",
            "CREDIT_TRACKER_PLOS_URL": f"{self.url}/plos",
            "CREDIT_TRACKER_EUROPEPMC_URL": f"{self.url}/europepmc",
            "CREDIT_TRACKER_ORCID_URL": f"{self.url}/orcid",
            "CREDIT_TRACKER_LINKS_URL": f"{self.url}/links",
            "CREDIT_TRACKER_SPRINGER_NATURE_URL": f"{self.url}/springer",
            "CREDIT_TRACKER_ELSEVIER_URL": f"{self.url}/elsevier",
            "CREDIT_TRACKER_WILEY_URL": f"{self.url}/wiley",
        }

    def start(self) -> StandIn:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # requests held by a 'timeout' fault end now
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def inject(self, kind: str, where: str = "", times: int = 1, **options: Any) -> None:
        """Queue a fault: `inject('429', where='list', retry_after='1')`."""
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(FAULTS)}")
        with self._lock:
            self.faults.append(Fault(kind=kind, where=where, times=times, **options))

    def reset_counts(self) -> None:
        with self._lock:
            self.counts.clear()
            self.log.clear()
            self.seen.clear()
            self.violations = 0

    # -- bookkeeping, called by the handler -----------------------------------------------------

    def arrive(self, kind: str, path: str, headers: dict[str, str]) -> bool:
        """Count a request; return True when it breaks the announced limits.

        A rate is broken when more than `limit` requests of a kind arrived within any
        `interval` seconds, as a server counts it; concurrency when more requests are in flight
        at once than announced, whatever their kind, on one server (each publisher host is one).
        """
        now = time.monotonic()
        with self._lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.log.append((kind, path))
            self.seen.append(Seen(kind=kind, path=path, headers=headers, at=now))
            server = self.limits.server_of(kind)
            self._in_flight[server] = self._in_flight.get(server, 0) + 1
            broken = self._in_flight[server] > self.limits.concurrency_of(kind)
            limit = self.limits.rate.get(kind)
            if limit:
                window = self._arrivals.setdefault(kind, deque())
                while window and window[0] <= now - self.limits.interval:
                    window.popleft()
                window.append(now)
                broken |= len(window) > limit
            if broken:
                self.violations += 1
            return broken

    def depart(self, kind: str) -> None:
        """Count a request as no longer in flight."""
        with self._lock:
            self._in_flight[self.limits.server_of(kind)] -= 1

    def take_fault(self, kind: str, path: str, late: bool = False) -> Fault | None:
        """Return the first queued fault that hits this request, counting it down: a 'late'
        one (taken before the request is counted) when `late`, else any other."""
        with self._lock:
            for fault in self.faults:
                if (
                    fault.times != 0
                    and (fault.kind == "late") == late
                    and (not fault.where or fault.where == kind or fault.where in path)
                ):
                    if fault.times > 0:
                        fault.times -= 1
                    return fault
        return None

    def rate_headers(self, kind: str) -> dict[str, str]:
        """Return the limit headers an answer to this kind of request carries."""
        limit = self.limits.rate.get(kind)
        headers = {"x-api-pool": self.limits.pool}
        if limit:
            headers["x-rate-limit-limit"] = str(limit)
            headers["x-rate-limit-interval"] = f"{self.limits.interval:g}s"
            headers["x-concurrency-limit"] = str(self.limits.concurrency_of(kind))
        if kind in self.limits.quota:  # Elsevier's quota headers, as its answers carry them
            headers["x-ratelimit-limit"] = "20000"
            headers["x-ratelimit-remaining"] = str(self.limits.quota[kind])
            headers["x-ratelimit-reset"] = "1594210657000"
        return headers
