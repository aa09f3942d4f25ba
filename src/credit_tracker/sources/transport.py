"""Polite HTTP for every outside service: announced rate and concurrency limits, retries, a stop rule.

Crossref announces its limits in `x-rate-limit-limit`, `x-rate-limit-interval` and
`x-concurrency-limit` (https://www.crossref.org/documentation/retrieve-metadata/rest-api/access-and-authentication/);
they differ by pool and by request kind (single work against list queries), so each kind has its
own gate, started cautiously and updated from every answer. Nothing about the limits is hard-coded
beyond that cautious start.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import requests

from credit_tracker.domain.errors import RunStopped, TransportFailure

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_TRIES = 5
# Until a service tells us its limits: one request at a time, two a second.
CAUTIOUS_RATE = (2, 1.0)
CAUTIOUS_CONCURRENCY = 1
STOP_WINDOW = 20
STOP_RATIO = 0.10
STOP_MIN_FAILURES = 2


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


class _Gate:
    """Spaces request starts evenly within the announced rate and caps requests in flight."""

    def __init__(self, monotonic: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self._lock = threading.Condition()
        self._monotonic = monotonic
        self._sleep = sleep
        self.limit, self.interval = CAUTIOUS_RATE
        self.concurrency = CAUTIOUS_CONCURRENCY
        self.penalty = 1.0
        self._next_start = 0.0
        self._in_flight = 0

    def spacing(self) -> float:
        # 2% margin so that clock jitter never puts limit+1 starts inside one interval
        return self.interval / self.limit * self.penalty * 1.02

    def enter(self, stopped: Callable[[], bool] = lambda: False) -> bool:
        """Wait for a slot within the limits; return False (holding no slot) if the run stops meanwhile."""
        with self._lock:
            while self._in_flight >= self.concurrency:
                self._lock.wait(timeout=0.2)
                if stopped():
                    return False
            self._in_flight += 1
            start = max(self._monotonic(), self._next_start)
            self._next_start = start + self.spacing()
        # sleep in short steps, so that Ctrl-C or the stop rule never waits behind a long queue
        while (wait := start - self._monotonic()) > 0:
            if stopped():
                self.leave()
                return False
            self._sleep(min(wait, 0.2))
        return True

    def leave(self) -> None:
        with self._lock:
            self._in_flight -= 1
            self._lock.notify_all()

    def learn(self, headers: Mapping[str, str]) -> None:
        """Adopt the limits a response announces."""
        limit = _int(headers.get("x-rate-limit-limit"))
        interval = _seconds(headers.get("x-rate-limit-interval"))
        concurrency = _int(headers.get("x-concurrency-limit"))
        with self._lock:
            if limit and interval:
                self.limit, self.interval = limit, interval
            if concurrency:
                self.concurrency = concurrency
                self._lock.notify_all()
            self.penalty = max(1.0, self.penalty * 0.9)

    def slow_down(self) -> None:
        with self._lock:
            self.penalty = min(self.penalty * 2, 32.0)


def _int(value: str | None) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _seconds(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", value or "")
    if not match:
        return None
    number = float(match.group(1))
    return {"ms": number / 1000, "m": number * 60}.get(match.group(2) or "s", number) or None


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Return the wait a Retry-After header asks for (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (now if now is not None else time.time()))


@dataclass
class Counters:
    """What a run asked of the network, for summaries, tests and benchmarks."""

    requests: int = 0
    retries: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    failures: int = 0


class PoliteClient:
    """GETs with per-kind gates, jittered exponential backoff and the run's stop rule."""

    def __init__(
        self,
        user_agent: str,
        *,
        timeout: float = 30.0,
        backoff_base: float = 1.0,
        max_backoff: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self.timeout = timeout
        self.backoff_base = backoff_base
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._monotonic = monotonic
        self._gates: dict[str, _Gate] = {}
        self._gates_lock = threading.Lock()
        self._outcomes: deque[bool] = deque(maxlen=STOP_WINDOW)
        self._outcome_lock = threading.Lock()
        self.counters = Counters()
        self.stopped = False

    def gate(self, kind: str) -> _Gate:
        with self._gates_lock:
            if kind not in self._gates:
                self._gates[kind] = _Gate(self._monotonic, self._sleep)
            return self._gates[kind]

    def get(
        self,
        url: str,
        *,
        kind: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Answer:
        """Return the answer (any status but a retryable one), or raise TransportFailure.

        Retries 429, 5xx, timeouts and resets up to MAX_TRIES times; never retries 400 or 404.
        Raises RunStopped once too many recent requests have failed.
        """
        gate = self.gate(kind)
        last_reason = ""
        for attempt in range(1, MAX_TRIES + 1):
            if self.stopped:  # another request tripped the stop rule: no more tries anywhere
                raise RunStopped("the run was stopped after repeated failures")
            answer, last_reason, wait = self._attempt(gate, url, kind, params, headers)
            if answer is not None:
                self._record(ok=True)
                return answer
            if attempt < MAX_TRIES:
                self.counters.retries += 1
                self._sleep(self._backoff(attempt, wait))
        self._record(ok=False)
        raise TransportFailure(url, f"{last_reason} (after {MAX_TRIES} tries)")

    def _attempt(
        self, gate: _Gate, url: str, kind: str, params, headers
    ) -> tuple[Answer | None, str, float | None]:
        if not gate.enter(lambda: self.stopped):
            raise RunStopped("the run was stopped")
        try:
            self.counters.requests += 1
            self.counters.by_kind[kind] = self.counters.by_kind.get(kind, 0) + 1
            response = self.session.get(url, params=params, timeout=self.timeout, headers=headers)
            body = response.content
        except requests.Timeout:
            return None, "the service did not answer in time", None
        except requests.ConnectionError as exc:
            return None, f"the connection failed ({_short(exc)})", None
        except requests.RequestException as exc:
            return None, f"the request failed ({_short(exc)})", None
        finally:
            gate.leave()
        lowered = {key.lower(): value for key, value in response.headers.items()}
        gate.learn(lowered)
        if response.status_code in RETRY_STATUSES:
            if response.status_code == 429:
                gate.slow_down()
            wait = retry_after_seconds(lowered.get("retry-after"))
            return None, f"HTTP {response.status_code}", wait
        return (
            Answer(url=response.url, status=response.status_code, body=body, headers=lowered),
            "",
            None,
        )

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_backoff)
        ceiling = min(self.max_backoff, self.backoff_base * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)  # jitter: spread the retries of many clients

    def fail(self) -> None:
        """Count a request whose answer arrived but was unusable (bad JSON, wrong DOI)."""
        self._record(ok=False)

    def _record(self, ok: bool) -> None:
        with self._outcome_lock:
            self._outcomes.append(ok)
            failures = self._outcomes.count(False)
            if not ok:
                self.counters.failures += 1
            if failures >= STOP_MIN_FAILURES and failures / len(self._outcomes) >= STOP_RATIO:
                self.stopped = True


def _short(exc: Exception) -> str:
    text = str(exc)
    return type(exc).__name__ if not text else text.split(":")[-1].strip()[:120]
