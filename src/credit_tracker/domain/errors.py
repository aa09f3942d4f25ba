"""The project's exception tree; the cli package turns each kind into a message and an exit code."""

from __future__ import annotations

from credit_tracker.domain.verdict import ExitCode


class CreditTrackerError(Exception):
    """Base of every error the core raises on purpose."""

    exit_code = ExitCode.USAGE


class InputError(CreditTrackerError, ValueError):
    """Bad input from the user: a file, an argument or a value. Exit code 2."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = message
        self.path = path
        self.line = line
        self.field = field
        super().__init__(self.render())

    def render(self) -> str:
        """Return 'file:line: field: message', leaving out what is unknown."""
        where = ""
        if self.path:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.field:
            where = f"{where}: {self.field}" if where else self.field
        return f"{where}: {self.reason}" if where else self.reason


class UnknownRoleError(InputError):
    """A role spelling that no CRediT role matches; names the closest valid roles."""


class NotFoundError(CreditTrackerError):
    """Something the user named (a DOI, a person, a finding) is not in the records."""


class StoreError(CreditTrackerError):
    """The records could not be read or written. Exit code 3."""

    exit_code = ExitCode.INCOMPLETE


class StoreLockedError(StoreError):
    """Another credit-tracker process holds the records' lock."""


class OutputError(CreditTrackerError):
    """A report or draft could not be written where --output asked. Exit code 3."""

    exit_code = ExitCode.INCOMPLETE


class FetchError(CreditTrackerError):
    """A publisher service could not be reached or answered badly. Exit code 3."""

    exit_code = ExitCode.INCOMPLETE

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransportFailure(FetchError):
    """A request that did not produce a usable answer after the allowed tries."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason
        self.status = status


class HostRefused(TransportFailure):
    """A publisher host that stopped serving this run: its quota used up, or too many of its
    recent requests failed. Its other articles are recorded as having no access, and the run
    goes on with every other host."""


class RunStopped(FetchError):
    """The run was stopped (Ctrl-C, or its caller gave up): no more requests; it keeps what it
    has. A server that keeps failing is given up alone (sources/health.py), not the run."""

    def __init__(self, reason: str = "the run was stopped") -> None:
        super().__init__(reason)
        self.reason = reason


class FetchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a fetch, saying how far it got (exit code 130, as any interrupt).

    A KeyboardInterrupt, not a CreditTrackerError: whatever catches an interrupt catches it.
    """

    def __init__(self, saved: int, total: int) -> None:
        super().__init__(
            f"{saved} of {total} article(s) fetched and saved; run the same command again to "
            "continue (publisher XML fetched in this run is not downloaded again)"
        )
        self.saved = saved
        self.total = total
