"""A clock for the records' snapshots that ticks a second per reading.

Snapshot times have a resolution of one second, so two snapshots made one after another fall in
the same second on a fast machine and in two on a busy one: a test that compares records made in
two orders can pass on one and fail on the other. With this clock they are always seconds apart.
The week of an office (tests/test_office_week.py) reads it; to look for any other test that leans
on two things happening within one second, run the whole suite with it as a plugin:

    python -m pytest -p tests.ticking_clock
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, tzinfo

import pytest

from credit_tracker.services import snapshots

START = datetime(2026, 1, 5, tzinfo=UTC)


class TickingClock(datetime):
    """Each reading is a second after the last (from START), whatever the machine's speed."""

    readings = itertools.count()

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> TickingClock:
        moment = START + timedelta(seconds=next(cls.readings))
        return cls.fromtimestamp(moment.timestamp(), tz)


def pytest_configure(config: pytest.Config) -> None:
    """As a plugin (`-p tests.ticking_clock`): every snapshot of the run reads the ticking clock."""
    snapshots.datetime = TickingClock  # type: ignore[misc]
