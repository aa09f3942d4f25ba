"""The rate window's answered rule on a fake clock: a start one interval after an answer is safe."""

from __future__ import annotations

import random

import pytest

from credit_tracker.sources.limits import RATE_MARGIN, RateWindow

LIMITS = [(3, 1.0), (10, 1.0), (1, 2.0), (5, 0.25)]


def _most_in_any_window(arrivals: list[float], interval: float) -> int:
    """The most arrivals in any `interval` seconds, counted as the stand-in counts them."""
    ordered = sorted(arrivals)
    return max(
        sum(1 for later in ordered[i:] if later - first < interval)
        for i, first in enumerate(ordered)
    )


@pytest.mark.parametrize(("limit", "interval"), LIMITS)
def test_a_server_counting_at_any_moment_before_its_answer_sees_no_window_over_the_limit(
    limit: int, interval: float
) -> None:
    rng = random.Random(limit)
    window = RateWindow()
    window.learn(limit, interval)
    now, arrivals, starts = 0.0, [], []
    for _ in range(20 * limit + 3):
        now = window.earliest(now)
        start = window.started(now)
        # the answer's headers come back within 8 % of the interval; the server counted the
        # request before that
        start.answered = now + rng.uniform(0, interval * 0.08)
        arrivals.append(rng.uniform(now, start.answered))
        starts.append(now)
    assert _most_in_any_window(arrivals, interval) <= limit
    # and quick answers give back the margin: sooner than the margin alone would allow
    groups = (len(starts) - 1) // limit
    assert starts[-1] < groups * interval * (1 + RATE_MARGIN)


@pytest.mark.parametrize(("limit", "interval"), LIMITS)
def test_a_slow_answer_may_have_arrived_late_and_the_count_still_holds(
    limit: int, interval: float
) -> None:
    """A loaded machine: requests reach the server up to 40 % of the interval after they
    started (0.3 s of a second was seen on a busy 2-core machine), and are answered after."""
    rng = random.Random(limit)
    window = RateWindow()
    window.learn(limit, interval)
    now, arrivals = 0.0, []
    for _ in range(20 * limit + 3):
        now = window.earliest(now)
        start = window.started(now)
        arrival = now + rng.uniform(0, interval * 0.4)
        start.answered = arrival + rng.uniform(0, interval * 0.05)
        arrivals.append(arrival)
    assert _most_in_any_window(arrivals, interval) <= limit


@pytest.mark.parametrize(("limit", "interval"), LIMITS)
def test_after_quick_answers_the_server_may_count_at_any_moment_before_them(
    limit: int, interval: float
) -> None:
    rng = random.Random(limit)
    window = RateWindow()
    window.learn(limit, interval)
    now, arrivals = 0.0, []
    for _ in range(20 * limit + 3):
        now = window.earliest(now)
        start = window.started(now)
        start.answered = now + rng.uniform(0, interval * 0.08)
        arrivals.append(rng.uniform(now, start.answered))  # no bound on the delay but the answer
    assert _most_in_any_window(arrivals, interval) <= limit


def test_without_an_answer_the_margin_holds() -> None:
    window = RateWindow()
    window.learn(3, 1.0)
    starts = [window.started(0.0) for _ in range(3)]
    assert window.earliest(0.0) == pytest.approx(1.0 + RATE_MARGIN)
    starts[0].answered = 0.5  # a slow answer: it may have arrived as late as 0.5
    assert window.earliest(0.0) == pytest.approx(0.5 + 1.02)
    starts[0].answered = 0.01
    assert 1.01 < window.earliest(0.0) < 1.0 + RATE_MARGIN
