"""The rate window on a fake clock: the next start waits an interval after the end of the request
`limit` starts back, so a server counting arrivals at any moment before each end is never over."""

from __future__ import annotations

import math
import random

import pytest

from credit_tracker.sources.limits import CLOCK_MARGIN, RateWindow

LIMITS = [(3, 1.0), (10, 1.0), (50, 1.0), (1, 2.0), (5, 0.25)]


def _most_in_any_window(arrivals: list[float], interval: float) -> int:
    """The most arrivals in any `interval` seconds, counted as the stand-in counts them."""
    ordered = sorted(arrivals)
    return max(
        sum(1 for later in ordered[i:] if later - first < interval)
        for i, first in enumerate(ordered)
    )


def _run(
    window: RateWindow, count: int, rng: random.Random, slowest: float, late: float = 0.0
) -> tuple[list[float], list[float]]:
    """Start `count` requests as the client does; each ends up to `slowest` seconds after it
    started and reaches the server at any moment before it ends; each waiting request wakes up
    to `late` seconds after it was allowed to start. Return the starts and the arrivals."""
    now, starts, arrivals = 0.0, [], []
    for _ in range(count):
        now = window.earliest(now) + rng.uniform(0, late)
        assert window.earliest(now) <= now
        start = window.started(now)
        start.answered = now + rng.uniform(0, slowest)
        starts.append(now)
        arrivals.append(rng.uniform(now, start.answered))
    return starts, arrivals


@pytest.mark.parametrize("late", [0.0, 0.5], ids=["on-time", "waking-late"])
@pytest.mark.parametrize(("limit", "interval"), LIMITS)
def test_arrivals_anywhere_before_each_end_are_never_over_the_limit(
    limit: int, interval: float, late: float
) -> None:
    """However late a request reaches the server (answers up to twice the interval: a loaded
    machine, a queue), no window holds more than the limit. A margin on the starts alone (the
    former rule: `limit` + 1 starts an interval and 10 % apart) fails this for every limit when
    requests wake on time."""
    rng = random.Random(limit)
    window = RateWindow()
    window.learn(limit, interval)
    _, arrivals = _run(window, 20 * limit + 3, rng, slowest=2 * interval, late=late)
    assert _most_in_any_window(arrivals, interval) <= limit


@pytest.mark.parametrize(("limit", "interval"), LIMITS)
def test_a_quick_server_costs_almost_nothing_over_the_floor(limit: int, interval: float) -> None:
    """Answers within 1 % of the interval: `limit` requests start together, the next group an
    interval after the first group's answers, so N requests take about (N / limit) intervals."""
    window = RateWindow()
    window.learn(limit, interval)
    starts, _ = _run(window, 20 * limit + 1, random.Random(limit), slowest=interval * 0.01)
    groups = 20
    assert starts[-1] <= groups * interval * (1 + CLOCK_MARGIN + 0.01) + 1e-9
    assert starts[-1] >= groups * interval  # and never sooner than the server's count allows


def test_the_next_start_waits_for_the_deciding_request_to_end() -> None:
    window = RateWindow()
    window.learn(3, 1.0)
    starts = [window.started(0.0) for _ in range(3)]
    assert window.earliest(0.0) == math.inf  # in flight: its arrival may still be to come
    starts[0].answered = 0.7  # a slow answer: it may have arrived just before it
    assert window.earliest(0.0) == pytest.approx(1.7 + CLOCK_MARGIN)
    starts[0].answered = 0.01
    assert window.earliest(0.0) == pytest.approx(1.01 + CLOCK_MARGIN)
    assert window.earliest(5.0) == 5.0
