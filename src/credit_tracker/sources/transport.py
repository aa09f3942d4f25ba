"""Polite HTTP for every outside service: announced rate and concurrency limits, retries, stops.

Crossref announces its limits in `x-rate-limit-limit`, `x-rate-limit-interval` and
`x-concurrency-limit`
(https://www.crossref.org/documentation/retrieve-metadata/rest-api/access-and-authentication/).
The rate differs by pool and by request kind (single work against list queries), so each kind has
its own rate window; the concurrency limit is the server's, so it is shared by every kind sent to
the same host. Both start cautious and are updated from every answer; nothing about the limits is
hard-coded beyond that cautious start (and a limit a publisher documents without announcing it,
set by its client through `gate`).

Each publisher host is its own: a request for a full text names its host (`host=`), which has its
own rate window, concurrency and failure count, whatever address it is fetched from (a mirror,
or the stand-in, serves many hosts from one). A server whose recent requests mostly fail
(health.py), or whose announced quota is used up (`x-ratelimit-remaining: 0`), is given up for
the rest of the run (`HostRefused`) and the run goes on with every other server.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from credit_tracker.domain.errors import HostRefused, RunStopped, TransportFailure
from credit_tracker.sources.failures import failure_reason
from credit_tracker.sources.health import Health, Tally
from credit_tracker.sources.limits import (
    Host,
    RateWindow,
    Start,
    announced,
    quota_used_up,
    retry_after_seconds,
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_TRIES = 5
# Every answer is read in pieces no larger than this, so the size and time bounds are checked
# while it streams in, before more of it is held in memory.
CHUNK = 64 * 1024
DEFAULT_MAX_BODY = 64 * 1024 * 1024
DEFAULT_DEADLINE = 120.0
# Waits are taken in steps this long, so that Ctrl-C or a stop never waits behind a queue.
POLL = 0.2


@dataclass(frozen=True)
class Answer:
    """A response that arrived: the status, the body and the headers that matter."""

    url: str
    status: int
    body: bytes
    headers: Mapping[str, str]

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass
class Counters:
    """What a run asked of the network, for summaries, tests and benchmarks."""

    requests: int = 0
    retries: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    failures: int = 0
    long_waits_refused: int = 0
    """Retry-After waits longer than the client's cap: that request was given up, not waited."""


class PoliteClient:
    """GETs within announced limits, with jittered exponential backoff, giving up a server that
    keeps failing (health.py) and stopping altogether when told to (`stopped`: Ctrl-C)."""

    def __init__(
        self,
        user_agent: str,
        *,
        timeout: float = 30.0,
        deadline: float = DEFAULT_DEADLINE,
        max_body: int = DEFAULT_MAX_BODY,
        backoff_base: float = 1.0,
        max_backoff: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self.timeout = timeout
        # `timeout` bounds each wait for a byte; `deadline` bounds a whole request, so a server
        # trickling one byte at a time cannot hold the run (and the records lock) for ever.
        self.deadline = deadline
        self.max_body = max_body
        self.backoff_base = backoff_base
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._monotonic = monotonic
        # One condition guards every rate window and host: a start needs both at once.
        self._limits = threading.Condition()
        self._gates: dict[str, RateWindow] = {}
        self._hosts: dict[str, Host] = {}
        self.health = Health()
        self.counters = Counters()
        self.stopped = False
        """Set to stop every request at once (Ctrl-C, a caller giving up): RunStopped."""

    def gate(self, kind: str) -> RateWindow:
        """Return the rate window of one kind of request (cautious until an answer says more)."""
        with self._limits:
            return self._gates.setdefault(kind, RateWindow())

    def _host(self, server: str) -> Host:
        with self._limits:
            return self._hosts.setdefault(server, Host())

    def _enter(self, gate: RateWindow, host: Host) -> Start | None:
        """Wait until one more request may start within both limits; None if the run stops."""
        while True:
            with self._limits:
                moment, now = self._next_moment(gate, host)
                if self.stopped:
                    return None
                if moment <= now:
                    host.in_flight += 1
                    return gate.started(now)
            # an answer arriving meanwhile can make the moment sooner: looked at again within POLL
            self._sleep(min(moment - now, POLL))

    def _next_moment(self, gate: RateWindow, host: Host) -> tuple[float, float]:
        """Under the lock: wait while the host is full or the deciding request is in flight,
        then return when the next start may be and the time now."""
        while not self.stopped:
            now = self._monotonic()
            moment = gate.earliest(now)
            if host.in_flight < host.concurrency and moment != math.inf:
                return moment, now
            self._limits.wait(timeout=POLL)  # _ended notifies
        return math.inf, self._monotonic()

    def _ended(self, host: Host, start: Start) -> None:
        """A request ended (answered or failed): its slot is free, and the rate window may
        count from this moment if no answer came (a failure ends after any arrival)."""
        with self._limits:
            host.in_flight -= 1
            if start.answered is None:
                start.answered = self._monotonic()
            self._limits.notify_all()

    def _learn(self, gate: RateWindow, host: Host, headers: Mapping[str, str]) -> None:
        """Adopt the limits an answer announces."""
        limit, interval, concurrency = announced(headers)
        with self._limits:
            gate.learn(limit, interval)
            if concurrency:
                host.concurrency = concurrency
                self._limits.notify_all()

    def get(
        self,
        url: str,
        *,
        kind: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        host: str | None = None,
    ) -> Answer:
        """Return the answer (any status but a retryable one), or raise TransportFailure.

        Retries 429, 5xx, timeouts and resets up to MAX_TRIES times; never retries 400 or 404.
        A server given up this run (too many of its recent requests failed, or its quota used
        up) is not asked again: HostRefused at once. Raises RunStopped once `stopped` is set.
        `host` names a publisher host fetched through another address (a mirror): its own
        limits and failure count.
        """
        server = host or _server(url)
        gate, limits = self.gate(kind), self._host(server)
        last_reason, last_status = "", None
        for attempt in range(1, MAX_TRIES + 1):
            if self.stopped:
                raise RunStopped("the run was stopped")
            if server in self.health.given_up:
                self.health.not_sent(server, kind)
                raise HostRefused(url, self.health.not_asked(server))
            try:
                answer, last_reason, wait, last_status = self._attempt(
                    gate, limits, server, url, kind, params, headers
                )
            except _Unbounded as exc:  # not retried: the same server would do it again
                # the server is there, answering beyond the bounds: not unreachable, unusable
                self.health.answered(server, kind)
                self.fail(url, host)
                raise TransportFailure(url, str(exc)) from None
            if answer is not None:
                self.health.answered(server, kind)
                return answer
            if wait is not None and wait > self.max_backoff:
                # A server asking for a day's pause is not retried within this run: waiting would
                # stall the batch, and a capped wait would ignore what it asked.
                self.counters.long_waits_refused += 1
                raise self._failed(
                    url,
                    server,
                    kind,
                    f"{last_reason}: the service asked to wait {wait:.0f} s (Retry-After), "
                    f"longer than the {self.max_backoff:g} s this run waits",
                    last_status,
                )
            if attempt < MAX_TRIES:
                self.counters.retries += 1
                self._sleep(self._backoff(attempt, wait))
        raise self._failed(
            url, server, kind, f"{last_reason}, after {MAX_TRIES} tries", last_status
        )

    def _failed(
        self, url: str, server: str, kind: str, reason: str, status: int | None
    ) -> TransportFailure:
        """Count a request that brought no answer; the error to raise for it."""
        with self._limits:
            self.counters.failures += 1
        self.health.unanswered(server, kind, reason)
        return TransportFailure(url, reason, status)

    def _attempt(
        self,
        gate: RateWindow,
        host: Host,
        server: str,
        url: str,
        kind: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
    ) -> tuple[Answer | None, str, float | None, int | None]:
        start = self._enter(gate, host)
        if start is None:
            raise RunStopped("the run was stopped")
        try:
            with self._limits:
                self.counters.requests += 1
                self.counters.by_kind[kind] = self.counters.by_kind.get(kind, 0) + 1
            started = self._monotonic()
            response = self.session.get(
                url, params=params, timeout=self.timeout, headers=headers, stream=True
            )
            with self._limits:
                start.answered = self._monotonic()  # stream=True: status and headers are in
                self._limits.notify_all()
            try:
                body = self._read_body(response, started)
            finally:
                response.close()
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            # urllib3's and the socket's errors come through too: raised while the body is read
            # (a timeout or a reset in the middle of it), not while the request is sent
            return None, failure_reason(exc, self.timeout), None, None
        finally:
            self._ended(host, start)
        lowered = {key.lower(): value for key, value in response.headers.items()}
        self._learn(gate, host, lowered)
        used_up = quota_used_up(lowered)
        if used_up is not None:
            self.health.give_up(server, used_up)  # this answer is used; no more are asked
        status = response.status_code
        if status in RETRY_STATUSES:
            if status == 429:
                with self._limits:
                    gate.slow_down()
            wait = retry_after_seconds(lowered.get("retry-after"))
            return None, f"HTTP {status}", wait, status
        return Answer(url=response.url, status=status, body=body, headers=lowered), "", None, status

    def _read_body(self, response: requests.Response, started: float) -> bytes:
        """Read the body piece by piece within the size cap and the request's deadline."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            raise _Unbounded(f"the answer is larger than {_size(self.max_body)} ({declared} bytes)")
        pieces: list[bytes] = []
        size = 0
        while True:
            if self._monotonic() - started > self.deadline:
                raise _Unbounded(f"the answer took longer than {self.deadline:g} s in all")
            # read1 returns whatever one read brings (a trickle returns at once), decompressed,
            # so both bounds hold for compressed answers too.
            piece = response.raw.read1(CHUNK, decode_content=True)
            if not piece:
                return b"".join(pieces)
            size += len(piece)
            if size > self.max_body:
                raise _Unbounded(f"the answer is larger than {_size(self.max_body)}")
            pieces.append(piece)

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_backoff)
        ceiling = min(self.max_backoff, self.backoff_base * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)  # jitter: spread the retries of many clients

    def fail(self, url: str, host: str | None = None) -> None:
        """Count a request to `url` (for publisher `host`, when named) whose answer arrived but
        was unusable (bad JSON, wrong DOI): a server that keeps answering so is given up too."""
        with self._limits:
            self.counters.failures += 1
        self.health.unusable(host or _server(url))

    def tallies(self) -> dict[str, Tally]:
        """What each kind of request has brought so far (see health.Tally)."""
        return self.health.snapshot()


class _Unbounded(Exception):
    """An answer that broke the size or time bound while it streamed in."""


def _size(limit: int) -> str:
    return f"{limit / 1024 / 1024:g} MiB"


def _server(url: str) -> str:
    return urlsplit(url).netloc.lower()
