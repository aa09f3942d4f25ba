"""The exit-code contract, and the verdict of a run that decides it.

0 clean; 1 findings at or above --fail-on; 2 usage or input error; 3 could not complete (an
unverified DOI, a fetch that failed, a store that cannot be read or written); 130 interrupted.
A run that could not complete never exits 0, whatever it found.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """What a command's exit status says; documented in the README ("Exit codes")."""

    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    INCOMPLETE = 3
    INTERRUPTED = 130


@dataclass(frozen=True)
class Verdict:
    """How a run ended, as every use case reports it: the command exits with `exit_code`."""

    complete: bool = True
    """Everything asked for was fetched, read or verified."""
    failing: bool = False
    """Findings fail the run (open or regressed, at or above --fail-on)."""
    interrupted: bool = False
    """Ctrl-C ended it; what was done before is saved."""

    @property
    def exit_code(self) -> ExitCode:
        if self.interrupted:
            return ExitCode.INTERRUPTED
        if not self.complete:
            return ExitCode.INCOMPLETE
        return ExitCode.FINDINGS if self.failing else ExitCode.CLEAN
