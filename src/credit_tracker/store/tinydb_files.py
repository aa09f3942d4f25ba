"""TinyDB files brought up to date in one pass, written once per operation, in canonical JSON.

The files are TinyDB's: each table maps document ids ("1", "2", ...) to documents, and
`TinyDB(path, storage=CanonicalJSONStorage)` opens any of them. The store does not write through
TinyDB's table API, though: it rewrites the whole file on every call and rebuilds a table for
each one (seconds for a team of 26,666 people). `updated_text` applies every change to the
file's tables in one pass, keeping document ids, and returns the new text for the batch writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from credit_tracker.domain.errors import StoreError
from credit_tracker.store.files import (
    atomic_write,
    dump_json,
    dump_json_partly_sorted,
    is_canonical,
    read_json_file,
    read_text,
)

# (key field, documents by key) for each table of a file
Tables = dict[str, tuple[str, dict[str, dict[str, Any]]]]


class CanonicalJSONStorage(Storage):
    """A TinyDB storage that reads once and writes sorted, indented JSON atomically."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json_file(self.path)
        return data or None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, dump_json(data))

    def close(self) -> None:
        pass


@dataclass
class Updated:
    """A file's tables after an update, and what it takes to write them canonically."""

    data: dict[str, Any]
    written: dict[str, set[str]]
    """Per table, the ids of the documents replaced or added."""
    canonical: bool
    """The file's previous text was the canonical text of its tables, in the order read."""

    @property
    def empty(self) -> bool:
        """No document in any table: the file can go."""
        return not any(self.data.values())

    def text(self) -> str:
        """The canonical JSON of the tables (sorting only the documents written, when the rest
        is known to be in canonical order already)."""
        if self.canonical:
            return dump_json_partly_sorted(self.data, self.written)
        return dump_json(self.data)


def updated_tables(path: Path, tables: Tables, remove_missing: bool = True) -> Updated | None:
    """Return the file's tables with `tables` applied, or None when nothing changed.

    A file that does not exist yet is new even when its tables are empty. Document ids stay
    stable from write to write, so `git diff` shows only real changes. Tables not named in
    `tables` are kept as they are. Raises StoreError.
    """
    text = read_text(path)
    data = read_json_file(path, text)
    canonical = text is not None and is_canonical(text, data)  # before any change to `data`
    written: dict[str, set[str]] = {}
    removed = False
    for name, (key_field, docs) in tables.items():
        table = data.setdefault(name, {})
        if not isinstance(table, dict):
            raise StoreError(f"{path}: table {name} is not an object of documents")
        existing = _ids_by_key(table, key_field)
        if remove_missing:
            stale = existing.keys() - docs.keys()
            for key in stale:
                del table[existing.pop(key)]
            removed |= bool(stale)
        written[name] = sync_table(table, existing, docs)
    if text is not None and not removed and not any(written.values()):
        return None
    return Updated(data, written, canonical)


def _ids_by_key(table: dict[str, Any], key_field: str) -> dict[Any, str]:
    """Document id by key; a document that is not an object (not the store's) has no key."""
    try:
        return {doc.get(key_field): doc_id for doc_id, doc in table.items()}
    except AttributeError:
        return {
            doc.get(key_field) if isinstance(doc, dict) else None: doc_id
            for doc_id, doc in table.items()
        }


def sync_table(
    table: dict[str, Any], existing: dict[Any, str], docs: dict[str, dict[str, Any]]
) -> set[str]:
    """Make `table` (document id → document; `existing` its ids by key) hold `docs`, keeping
    document ids; return the ids of the documents replaced or added."""
    # as TinyDB numbers them: after the highest id in the table
    next_id = max(map(int, filter(str.isdigit, table)), default=0) + 1
    written = set()
    for key in sorted(docs):
        doc_id = existing.get(key)
        if doc_id is None:
            doc_id, next_id = str(next_id), next_id + 1
        # Replaced whole: a field gone back to its default is left out of the stored form.
        if table.get(doc_id) != docs[key]:
            table[doc_id] = docs[key]
            written.add(doc_id)
    return written
