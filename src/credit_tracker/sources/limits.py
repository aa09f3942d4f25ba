"""The limits services announce, kept as servers count them: a rate window, a host's concurrency.

Crossref sends `x-rate-limit-limit`, `x-rate-limit-interval` and `x-concurrency-limit` with every
answer, and `Retry-After` with some refusals; this module reads them and holds what they allow.
Nothing here does I/O or reads a clock of its own: times are passed in, so the logic is tested
with a fake clock.
"""

from __future__ import annotations

import math
import re
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

# Until a service tells us its limits: one request at a time, two a second.
CAUTIOUS_RATE = (2, 1.0)
CAUTIOUS_CONCURRENCY = 1
# A request the server has answered (or that failed) reached the server, if at all, before its
# end came back, so a start one interval after that end is an interval after its arrival however
# late the arrival was (a loaded machine, a queue in front of the server); this share of the
# interval covers only how finely the server's own clock counts (a millisecond).
CLOCK_MARGIN = 0.02


@dataclass
class Start:
    """One request's start, and when it ended: its answer's headers came back, or it failed
    (None: still in flight)."""

    at: float
    answered: float | None = None


class RateWindow:
    """One kind of request's announced rate, counted as servers count it.

    A server refuses the request that makes more than `limit` arrivals within `interval`
    seconds. An arrival lies somewhere between the request's start and its end, by amounts no
    client can know (thread scheduling, a loaded machine, the network): a margin on the starts
    only guesses them, and a busy machine outgrows any guess. So the next request starts only
    once the request `limit` starts back has ended, an interval after that end: the server
    counted that one before it ended, so no assumption about the delays is needed. Up to `limit`
    requests may start together, as the server's count allows (the host's concurrency limit still
    holds them back where the server announces less); a quick server costs almost nothing over
    the floor, a slow one costs its answer time once per `limit` requests.
    """

    def __init__(self) -> None:
        self.limit, self.interval = CAUTIOUS_RATE
        self.penalty = 1.0
        self._starts: deque[Start] = deque()

    @property
    def span(self) -> float:
        """Seconds from the end of one request to the start of the one `limit` starts later."""
        return self.interval * (1 + CLOCK_MARGIN) * self.penalty

    def earliest(self, now: float) -> float:
        """Return the first moment, at or after `now`, at which one more request may start:
        `math.inf` while the request that decides it is still in flight."""
        if len(self._starts) < self.limit:
            return now
        oldest = self._starts[-self.limit]
        if oldest.answered is None:
            return math.inf
        return max(now, oldest.answered + self.span)

    def started(self, moment: float) -> Start:
        """Count a request that started at `moment`; return its start, to mark it ended."""
        start = Start(moment)
        self._starts.append(start)
        while len(self._starts) > self.limit:
            self._starts.popleft()
        return start

    def learn(self, limit: int | None, interval: float | None) -> None:
        """Adopt an announced limit; an answer that arrived also eases a slow-down."""
        if limit and interval:
            self.limit, self.interval = limit, interval
        self.penalty = max(1.0, self.penalty * 0.9)

    def slow_down(self) -> None:
        """After a 429: twice as slow, up to 32 times."""
        self.penalty = min(self.penalty * 2, 32.0)


class Host:
    """One server's announced concurrency and the requests in flight to it."""

    def __init__(self) -> None:
        self.concurrency = CAUTIOUS_CONCURRENCY
        self.in_flight = 0


def announced(headers: Mapping[str, str]) -> tuple[int | None, float | None, int | None]:
    """Return the rate limit, its interval in seconds and the concurrency an answer announces.

    `headers` has lower-case names; each value is None when absent or unreadable.
    """
    return (
        _int(headers.get("x-rate-limit-limit")),
        _seconds(headers.get("x-rate-limit-interval")),
        _int(headers.get("x-concurrency-limit")),
    )


def quota_used_up(headers: Mapping[str, str]) -> str | None:
    """Return why an answer's announced quota allows no more requests, or None.

    Elsevier announces a key's quota in `x-ratelimit-limit`, `x-ratelimit-remaining` and
    `x-ratelimit-reset` (epoch milliseconds; https://dev.elsevier.com/api_key_settings.html).
    """
    remaining = headers.get("x-ratelimit-remaining")
    if remaining is None or remaining.strip() != "0":
        return None
    reset = _int(headers.get("x-ratelimit-reset"))
    when = ""
    if reset:
        moment = time.gmtime(reset / 1000 if reset > 10**11 else reset)
        when = f" until {time.strftime('%Y-%m-%d %H:%M UTC', moment)}"
    limit = headers.get("x-ratelimit-limit", "?")
    return f"the key's quota of {limit} requests is used up{when} (x-ratelimit-remaining: 0)"


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
