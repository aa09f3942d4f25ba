"""The exit-code contract is decided in one place, from a run's verdict."""

from __future__ import annotations

import pytest

from credit_tracker.domain.errors import (
    CreditTrackerError,
    FetchError,
    InputError,
    NotFoundError,
    StoreError,
)
from credit_tracker.domain.verdict import ExitCode, Verdict


@pytest.mark.parametrize(
    ("verdict", "code"),
    [
        (Verdict(), 0),
        (Verdict(failing=True), 1),
        (Verdict(complete=False), 3),
        (Verdict(complete=False, failing=True), 3),  # an incomplete run never looks clean
        (Verdict(interrupted=True, complete=False, failing=True), 130),
    ],
)
def test_a_verdict_decides_the_exit_code(verdict: Verdict, code: int) -> None:
    assert verdict.exit_code == code


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InputError("bad"), ExitCode.USAGE),
        (NotFoundError("none"), ExitCode.USAGE),
        (StoreError("unreadable"), ExitCode.INCOMPLETE),
        (FetchError("unreachable"), ExitCode.INCOMPLETE),
    ],
)
def test_each_error_states_its_exit_code(error: CreditTrackerError, code: ExitCode) -> None:
    assert error.exit_code == code
