"""The records lock: one writer at a time, on Windows as on POSIX (filelock, not fcntl)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from credit_tracker.domain.errors import StoreLockedError

LOCK_FILE = ".lock"
DEFAULT_LOCK_TIMEOUT = 10.0


@contextlib.contextmanager
def records_lock(root: Path, timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of the records in `root`; wait at most `timeout` seconds for another process.

    Raises StoreLockedError when another process still holds it. The operating system releases
    the lock when its holder dies, so a killed run never leaves the records locked.
    """
    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(root / LOCK_FILE, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise StoreLockedError(
            f"{root}: another credit-tracker process is writing these records; "
            f"waited {timeout:g} s. Try again when it has finished."
        ) from None
    try:
        yield
    finally:
        lock.release()
