"""The records lock: one writer at a time, on Windows as on POSIX (filelock, not fcntl)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from credit_tracker.domain.errors import StoreError, StoreLockedError

LOCK_FILE = ".lock"
DEFAULT_LOCK_TIMEOUT = 10.0


@contextlib.contextmanager
def records_lock(root: Path, timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of the records in `root`; wait at most `timeout` seconds for another process.

    Raises StoreLockedError when another process still holds it, StoreError when the lock file
    cannot be opened (a read-only folder, a folder in its place). The operating system releases
    the lock when its holder dies, so a killed run never leaves the records locked.
    """
    path = root / LOCK_FILE
    lock = FileLock(path, timeout=timeout)
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise StoreLockedError(
            f"{root}: another credit-tracker process is writing these records; "
            f"waited {timeout:g} s. Try again when it has finished."
        ) from None
    except OSError as exc:
        raise StoreError(_cannot_lock(path, exc)) from exc
    try:
        yield
    finally:
        lock.release()


def _cannot_lock(path: Path, exc: OSError) -> str:
    reason = "a folder, not a file" if path.is_dir() else exc.strerror or str(exc)
    return (
        f"{path}: cannot take the records lock ({reason}); nothing was written. The records "
        "folder must be writable, and .lock a file (or absent)"
    )
