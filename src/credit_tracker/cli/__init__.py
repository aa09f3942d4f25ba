"""The command line: the only package that uses click, prints or exits.

Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage or input error;
3 could not complete (an unverified DOI, a store or network failure); 130 interrupted.
"""

from __future__ import annotations

from credit_tracker.cli import (  # noqa: F401 - they register their commands
    ack,
    author,
    check,
    correction,
    fetch,
    git,
    harvest,
    init,
    nightly,
    office,
    person,
    publisher,
    report,
    serve,
)
from credit_tracker.cli.base import cli, use_color
from credit_tracker.cli.records import add, edit, files, show  # noqa: F401 - records commands

__all__ = ["cli", "main", "use_color"]


def main() -> None:
    """The console script."""
    cli(prog_name="credit-tracker")
