"""The records' files are TinyDB databases whose documents are keyed by what they are.

TinyDB numbers documents 1, 2, 3, … by default, which made two clones of one records repository
give their new people the same numbers. Its tables let a subclass choose the key's type
(`Table.document_id_class`): with `str`, a person is stored under their id, a request under its
id, an article under its DOI, and `TinyDB(path, storage=CanonicalJSONStorage)` with
`KeyedTable` opens any file the store writes. The store itself writes each file whole, once per
batch (store/tables.py), not through TinyDB's table API, which rewrites the file on every
insert.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from credit_tracker.store.files import atomic_write, dump_json, read_json_file


class KeyedTable(Table):
    """A TinyDB table whose document ids are the records' own keys (str), never counters."""

    document_id_class = str  # type: ignore[assignment]

    def _get_next_id(self) -> Any:
        # an insert without a key would invent a counter again: keys are always given
        raise TypeError("records are stored under their own key: insert with Document(doc, key)")


class CanonicalJSONStorage(Storage):
    """A TinyDB storage that reads the file once and writes it as the store does: canonical
    JSON, atomically."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return read_json_file(self.path) or None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, dump_json(data))

    def close(self) -> None:
        pass


def open_tinydb(path: Path) -> TinyDB:
    """Return the store file at `path` opened in TinyDB, its tables keyed by the records' keys."""
    database = TinyDB(str(path), storage=CanonicalJSONStorage)
    database.table_class = KeyedTable
    return database
