"""The command line: the only package that uses click, prints or exits.

Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage or input error;
3 could not complete (an unverified DOI, a store or network failure); 130 interrupted.
"""

from __future__ import annotations

from credit_tracker.cli import (  # noqa: F401 - they register their commands
    author,
    checking,
    corrections,
    edits,
    fetching,
    nightly,
    office,
    onboarding,
    people,
    people_edits,
    records,
    report,
    serve,
)
from credit_tracker.cli.base import cli, use_color

__all__ = ["cli", "main", "use_color"]


def main() -> None:
    """The console script."""
    cli(prog_name="credit-tracker")
