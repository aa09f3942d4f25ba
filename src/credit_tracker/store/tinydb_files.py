"""TinyDB files written once per operation: a cache that never flushes on its own, canonical JSON.

TinyDB rewrites its whole file on every write, so nothing here writes record by record: tables
are brought up to date in TinyDB's cache and the file is written once, atomically.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage
from tinydb.table import Document

from credit_tracker.store.files import atomic_write, dump_json, read_json_file

# (key field, documents by key) for each table of a file
Tables = dict[str, tuple[str, dict[str, dict[str, Any]]]]


class _WriteOnFlush(CachingMiddleware):
    """TinyDB's cache, told never to write on its own: the store flushes once per operation."""

    WRITE_CACHE_SIZE = sys.maxsize

    def force_write(self) -> None:
        """Write the cached data once (even for a new, empty file)."""
        self.storage.write(self.cache)
        self._cache_modified_count = 0


class CanonicalJSONStorage(Storage):
    """A TinyDB storage that reads once and writes sorted, indented JSON atomically."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.last_size = 0

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json_file(self.path)
        return data or None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = dump_json(data)
        atomic_write(self.path, text)
        self.last_size = len(text.encode("utf-8"))

    def close(self) -> None:
        pass


def write_tables(path: Path, tables: Tables, remove_missing: bool = True) -> int:
    """Upsert every document through TinyDB's cache, then flush once (one atomic write).

    Returns the bytes written: 0 when nothing changed and the file exists. Document ids stay
    stable from write to write, so `git diff` shows only real changes. Raises StoreError.
    """
    storage = _WriteOnFlush(CanonicalJSONStorage)
    db = TinyDB(str(path), storage=storage)  # TinyDB calls the middleware, which opens the file
    changed = False
    for name, (key_field, docs) in tables.items():
        changed |= sync_table(db.table(name, cache_size=0), key_field, docs, remove_missing)
    if not changed and path.exists():
        return 0
    storage.force_write()
    written = storage.storage
    assert isinstance(written, CanonicalJSONStorage)
    return written.last_size


def sync_table(
    table: Any, key_field: str, docs: dict[str, dict[str, Any]], remove_missing: bool = True
) -> bool:
    """Make `table` hold `docs` (keyed by `key_field`), keeping document ids; return whether it
    changed. With `remove_missing`, documents not in `docs` are removed."""
    stored = table.all()
    existing = {doc[key_field]: doc.doc_id for doc in stored}
    current = {doc.doc_id: dict(doc) for doc in stored}
    changed = False
    stale = (
        [doc_id for key, doc_id in existing.items() if key not in docs] if remove_missing else []
    )
    if stale:
        table.remove(doc_ids=stale)
        changed = True
    next_id = max(existing.values(), default=0) + 1
    written = []
    for key in sorted(docs):
        doc_id = existing.get(key)
        if doc_id is None:
            doc_id, next_id = next_id, next_id + 1
        if current.get(doc_id) != docs[key]:
            written.append(Document(docs[key], doc_id=doc_id))
    # Replaced whole, not upserted: an upsert merges fields, so a field gone back to its default
    # (left out of the stored form) would keep its old value. One pass each, not one per document
    # (TinyDB rebuilds the table on every call).
    replaced = [doc.doc_id for doc in written if doc.doc_id in current]
    if replaced:
        table.remove(doc_ids=replaced)
    if written:
        table.insert_multiple(written)
    return changed or bool(written)
