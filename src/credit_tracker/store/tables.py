"""A store file's tables brought up to date in one pass and written once, each document under
the key of what it is.

A table maps each document's key (a person's id, a finding id, a request id, a DOI) to the
document, never a counter: two clones of the records that add different people add different
keys, and `git merge` with the records' driver (store/merge.py) joins them by key. A file an
earlier version wrote, keyed by TinyDB's counters ("1", "2", …), is re-keyed when it is next
written (the store rewrites every such file once, see store/folder.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from credit_tracker.domain.errors import StoreError
from credit_tracker.store.files import (
    decoded,
    dump_json,
    dump_json_partly_sorted,
    is_canonical,
    read_json_file,
    read_text,
)

# (key field, documents by key) for each table of a file
Tables = dict[str, tuple[str, dict[str, dict[str, Any]]]]


@dataclass
class Updated:
    """A file's tables after an update, and what it takes to write them canonically."""

    data: dict[str, Any]
    written: dict[str, set[str]]
    """Per table, the keys of the documents replaced or added."""
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


def updated_tables(
    path: Path, tables: Tables, remove_missing: bool = True, held: bytes | None = None
) -> Updated | None:
    """Return the file's tables with `tables` applied, or None when nothing changed.

    A file that does not exist yet is new even when its tables are empty; a table still keyed
    by counters is a change (it is re-keyed). Tables not named in `tables` are kept as they
    are. `held`: the file's bytes as read already under the records lock, so that it is not
    read again. Raises StoreError.
    """
    text = read_text(path) if held is None else decoded(path, held)
    data = read_json_file(path, text)
    canonical = text is not None and is_canonical(text, data)  # before any change to `data`
    written: dict[str, set[str]] = {}
    changed = text is None
    for name, (key_field, docs) in tables.items():
        table, rekeyed = keyed_table(path, name, data.get(name, {}), key_field)
        data[name] = table
        stale = table.keys() - docs.keys() if remove_missing else set()
        for key in stale:
            del table[key]
        written[name] = sync_table(table, docs)
        changed |= rekeyed or bool(stale) or bool(written[name])
    return Updated(data, written, canonical) if changed else None


def keyed_table(path: Path, name: str, table: Any, key_field: str) -> tuple[dict[str, Any], bool]:
    """Return the table keyed by each document's `key_field`, and whether it had to be re-keyed
    (an earlier version's counters). Raises StoreError for a table or document that is not an
    object."""
    if not isinstance(table, dict):
        raise StoreError(f"{path}: table {name} is not an object of documents")
    try:
        if all(doc[key_field] == key for key, doc in table.items()):
            return table, False
        return {doc[key_field]: doc for doc in table.values()}, True
    except (TypeError, KeyError):
        bad = next(k for k, d in table.items() if not isinstance(d, dict) or key_field not in d)
        raise StoreError(
            f"{path}: table {name}, document {bad}: not a document with a {key_field}; "
            "the file was left as it is"
        ) from None


def sync_table(table: dict[str, Any], docs: dict[str, dict[str, Any]]) -> set[str]:
    """Make `table` (key → document) hold `docs`; return the keys of the documents replaced or
    added."""
    written = set()
    for key, doc in docs.items():
        # Replaced whole: a field gone back to its default is left out of the stored form.
        if table.get(key) != doc:
            table[key] = doc
            written.add(key)
    return written
