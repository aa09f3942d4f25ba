"""The records lock: one writer at a time, on Windows as on POSIX (filelock, not fcntl).

Whoever holds the lock writes who they are beside it (`.lock-holder`: the command, its process
id and since when), so that a process left waiting can say who it waited for. The lock file
itself cannot carry it: every process that tries the lock opens it truncated.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from credit_tracker.domain.errors import StoreError, StoreLockedError

LOCK_FILE = ".lock"
HOLDER_FILE = ".lock-holder"
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
            f"{root}: another credit-tracker process is writing these records"
            f"{_holder(root / HOLDER_FILE)}; waited {timeout:g} s. Try again when it has finished."
        ) from None
    except OSError as exc:
        raise StoreError(_cannot_lock(path, exc)) from exc
    holder = root / HOLDER_FILE
    try:
        _say_who(holder)
        yield
    finally:
        with contextlib.suppress(OSError):
            holder.unlink()
        lock.release()


def _command() -> str:
    """The command this process runs, without its options' values: 'credit-tracker fetch'."""
    words = [Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"]
    for arg in sys.argv[1:]:
        if arg.startswith("-"):
            break
        words.append(arg)
    return " ".join(words[:3])


def _say_who(path: Path) -> None:
    """Write who holds the lock; a folder where this cannot be written is still locked."""
    since = datetime.now(UTC).replace(microsecond=0).isoformat()
    text = json.dumps({"command": _command(), "pid": os.getpid(), "since": since})
    with contextlib.suppress(OSError):
        path.write_text(text + "\n", encoding="utf-8")


def _holder(path: Path) -> str:
    """' (credit-tracker fetch, pid 4242, since 2026-12-07T09:30:00+00:00)', or '' when the
    holder did not say."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return f" ({data['command']}, pid {int(data['pid'])}, since {data['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _cannot_lock(path: Path, exc: OSError) -> str:
    reason = "a folder, not a file" if path.is_dir() else exc.strerror or str(exc)
    return (
        f"{path}: cannot take the records lock ({reason}); nothing was written. The records "
        "folder must be writable, and .lock a file (or absent)"
    )
