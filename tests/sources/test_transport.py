"""Politeness: the announced limits kept as servers count them, on a fake clock and on loopback."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import requests

from credit_tracker.sources.limits import RateWindow, announced, retry_after_seconds
from credit_tracker.sources.settings import user_agent
from credit_tracker.sources.transport import PoliteClient
from credit_tracker.standin import Limits
from tests.services.test_fetch import make_fetcher, make_records


def _starts(window: RateWindow, count: int) -> list[float]:
    """Start `count` requests as the client does, on a fake clock, each answered at once."""
    now, starts = 0.0, []
    for _ in range(count):
        now = window.earliest(now)
        window.started(now).answered = now
        starts.append(now)
    return starts


def test_a_lower_limit_or_a_slow_down_holds_from_the_next_start() -> None:
    window = RateWindow()
    window.learn(10, 1.0)
    fast = _starts(window, 30)
    window.learn(3, 1.0)  # a later answer announces less (another pool, a busy day)
    now, slow = fast[-1], []
    for _ in range(10):
        now = window.earliest(now)
        window.started(now).answered = now
        slow.append(now)
    # a server counting with the new limit sees no window over it, the earlier starts included
    for start in slow:
        assert sum(1 for s in fast + slow if start - 1.0 < s <= start) <= 3
    window.slow_down()
    after = _starts(window, 10)[1:]
    assert min(b - a for a, b in zip(after, after[3:], strict=False)) >= 2 * window.interval


def test_the_cautious_start_and_a_429_slow_down_answers_ease_it() -> None:
    window = RateWindow()
    assert (window.limit, window.interval) == (2, 1.0)  # until a service says more
    window.learn(10, 1.0)
    before = window.span
    window.slow_down()
    assert window.span == pytest.approx(2 * before)
    for _ in range(10):
        window.learn(None, None)  # answers that announce nothing still ease the slow-down
    assert window.span == pytest.approx(before)
    assert (window.limit, window.interval) == (10, 1.0)


def test_limits_are_read_from_the_headers() -> None:
    headers = {
        "x-rate-limit-limit": "50",
        "x-rate-limit-interval": "1s",
        "x-concurrency-limit": "5",
    }
    assert announced(headers) == (50, 1.0, 5)
    assert announced({"x-rate-limit-interval": "250ms"})[1] == pytest.approx(0.25)
    assert announced({"x-rate-limit-interval": "1m"})[1] == 60.0
    assert announced({"x-rate-limit-limit": "0", "x-rate-limit-interval": "soon"}) == (
        None,
        None,
        None,
    )
    assert retry_after_seconds("2") == 2.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0


# ---- on loopback: the stand-in counts with its own clock --------------------------------------


def test_the_stand_in_counts_requests_over_its_limits(standin) -> None:
    """The count the tests below rely on does catch a client that ignores the limits."""
    standin.limits = Limits(rate={"list": 3}, interval=600.0)  # 6 requests take far less
    for n in range(6):
        requests.get(f"{standin.url}/crossref/works", params={"filter": f"doi:10.5555/s.{n}"})
    assert standin.violations == 3


def test_concurrency_and_rate_limits_are_respected(standin, tmp_path: Path) -> None:
    dois = [f"10.5555/synthetic.{n}" for n in range(400)]
    store = make_records(tmp_path, dois)
    standin.enforce = True
    fetcher = make_fetcher()
    fetcher.publisher = None
    summary = fetcher.run(store, dois)
    assert summary.fetched == 400 and standin.violations == 0 and standin.counts["list"] == 8


def test_a_request_counted_late_by_the_server_never_breaks_its_rate(standin) -> None:
    """One list query is counted 1.5 s after it came in, as a server behind a queue (or a
    stand-in whose handler a loaded machine runs late) counts it, while the others are counted
    at once: the start the rate window holds back waits for that query's answer, not for a
    margin on its start. (A margin of 10 % on the start let three queries in beside it within
    the server's second.)"""
    standin.limits = Limits(rate={"list": 3}, concurrency=3)
    client = PoliteClient(user_agent(None, "test"), timeout=30)
    works = f"{standin.url}/crossref/works"
    client.get(f"{works}?filter=doi:10.5555/s.0", kind="list")  # the limits are announced
    standin.inject("late", where="list", times=1, seconds=1.5)
    threads = [
        threading.Thread(
            target=client.get, args=(f"{works}?filter=doi:10.5555/s.{n}",), kwargs={"kind": "list"}
        )
        for n in range(1, 10)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert standin.counts["list"] == 10 and standin.violations == 0


def test_the_concurrency_limit_is_shared_by_every_kind_sent_to_a_host(standin) -> None:
    standin.limits = Limits(rate={"list": 50, "single": 50}, concurrency=2)
    standin.inject("slow", times=-1, seconds=0.2)  # long enough that requests overlap
    client = PoliteClient(user_agent(None, "test"), timeout=30)
    works = f"{standin.url}/crossref/works"
    urls = [(f"{works}/10.5555/synthetic.{n}", "single") for n in range(6)]
    urls += [(f"{works}?filter=doi:10.5555/synthetic.{n}", "list") for n in range(6)]
    threads = [
        threading.Thread(target=client.get, args=(url,), kwargs={"kind": kind})
        for url, kind in urls
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(standin.counts.values()) == 12 and standin.violations == 0
