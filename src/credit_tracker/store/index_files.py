"""The records index's files: stamps of store files, buckets, and writes that need no backup."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from credit_tracker.domain.errors import StoreError
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
            data = json.load(handle)
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
