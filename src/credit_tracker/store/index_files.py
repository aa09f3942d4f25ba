"""The records index's files: stamps of store files, buckets, and where the index is kept.

The index is derived data. It is kept in `<records>/.index/` (`DiskFiles`, written in one rename
per file, no backup, no fsync: it can be rebuilt), or, where that folder cannot be written (a
read-only records folder, a full disk, `serve --read-only`), in memory for as long as the
command or the desk runs (`MemoryFiles`): reading never needs to write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock

from credit_tracker.domain.errors import StoreError
from credit_tracker.domain.json_depth import loads
from credit_tracker.store.files import replace_text

Stamp = list[int]


def file_stamp(path: Path | str) -> Stamp | None:
    """(inode, mtime in ns, size): a rename over the file, as every store write is, changes it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return [info.st_ino, info.st_mtime_ns, info.st_size]


def bucket_of(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:2]


def read_json(path: Path, default: dict[str, Any]) -> dict[str, Any]:
    """Return a file of the index, or `default` when it is missing or unreadable (rebuilt then)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = loads(handle.read())
    except (OSError, ValueError):
        return default
    return data if isinstance(data, dict) else default


def ids_in(bylines: dict[str, list[str]]) -> set[str]:
    return {pid for people in bylines.values() for pid in people}


def dois_by_person(
    bylines: dict[str, dict[str, list[str]]], only: set[str] | None = None
) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for shard in bylines.values():
        for doi, people in shard.items():
            for pid in people:
                if only is None or pid in only:
                    found.setdefault(pid, []).append(doi)
    return {pid: sorted(dois) for pid, dois in found.items()}


def by_bucket(keys: Iterable[str]) -> dict[str, set[str]]:
    buckets: dict[str, set[str]] = {}
    for key in keys:
        buckets.setdefault(bucket_of(key), set()).add(key)
    return buckets


def write_file(path: Path, text: str) -> None:
    """Replace a file of the index in one rename (no backup, no fsync: it can be rebuilt)."""
    try:
        replace_text(path, text)
    except OSError as exc:
        raise StoreError(f"{path}: could not write the records index ({exc.strerror})") from exc


class DiskFiles:
    """The index's files in a folder beside the records (`<records>/.index/`)."""

    in_memory = False

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def read(self, name: str) -> dict[str, Any]:
        """A file of the index ('stamps.json', 'people/ab.json'), {} when missing or unreadable."""
        return read_json(self.folder / name, {})

    def write(self, name: str, data: dict[str, Any]) -> None:
        """Replace a file of the index; StoreError when the system refuses."""
        path = self.folder / name
        try:
            path.parent.mkdir(exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: could not write the records index ({exc})") from exc
        write_file(path, json.dumps(data, sort_keys=True))

    def names(self, kind: str) -> list[str]:
        """The files of one kind ('people', 'keys'), by bucket."""
        return [path.stem for path in (self.folder / kind).glob("*.json")]

    def remove(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.folder / name).unlink()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the index's own lock while rebuilding (another process may be rebuilding too);
        OSError when the folder cannot be made or locked."""
        self.folder.mkdir(exist_ok=True)
        write_file(self.folder / ".gitignore", "*\n")  # derived data: never committed
        with FileLock(self.folder / ".lock", timeout=60):
            yield


class MemoryFiles:
    """The index's files in memory, for one command or one running desk; each kept as its JSON
    text, so that what a reader changes is never what another reads."""

    in_memory = True

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self._lock = threading.Lock()

    def read(self, name: str) -> dict[str, Any]:
        text = self.texts.get(name)
        return {} if text is None else dict(json.loads(text))

    def write(self, name: str, data: dict[str, Any]) -> None:
        self.texts[name] = json.dumps(data, sort_keys=True)

    def names(self, kind: str) -> list[str]:
        prefix = f"{kind}/"
        return [name[len(prefix) : -5] for name in list(self.texts) if name.startswith(prefix)]

    def remove(self, name: str) -> None:
        self.texts.pop(name, None)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        with self._lock:  # the desk's threads share one index
            yield
