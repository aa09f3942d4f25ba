"""The records folder: TinyDB files loaded once, indexed in memory, written once per operation.

TinyDB rewrites its whole file on every write, so nothing here writes record by record: a
session reads each file once, the caller changes the in-memory index, and `commit` writes each
changed file once, atomically (temporary file, fsync, rename), keeping the previous good copy
beside it as `<file>.bak`. A lock file stops two processes from interleaving writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage
from tinydb.table import Document

from credit_tracker.errors import StoreError, StoreLockedError
from credit_tracker.models import ArticleRecord, CorrectionRequest, Person, Publisher, SourceSnapshot

TEAM_FILE = "team.json"
SNAPSHOT_FILE = "snapshots.json"
LOCK_FILE = ".lock"
DEFAULT_LOCK_TIMEOUT = 10.0


def dump_json(data: Any) -> str:
    """Return the store's canonical JSON: sorted keys, indented, UTF-8 text, final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file.

    The old file is kept as `<path>.bak`, hard-linked before the rename so that there is no
    moment at which `path` is missing.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError(f"{path}: could not write ({exc.strerror or exc}); the previous file is intact") from exc


def _keep_backup(path: Path) -> None:
    backup = path.with_name(path.name + ".bak")
    staging = path.with_name(f".{path.name}.bak.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(path, staging)
    except OSError:
        staging.write_bytes(path.read_bytes())
    os.replace(staging, backup)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_json_file(path: Path) -> dict[str, Any]:
    """Return the parsed file, {} when it does not exist; StoreError with the position if bad."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: not UTF-8 text at byte {exc.start}; the file was left as it is") from exc
    if not text.strip():
        raise StoreError(f"{path}: the file is empty; restore it from {path.name}.bak or git")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); the file was left as it "
            f"is; the copy from before the last write is {path.name}.bak"
        ) from exc
    if not isinstance(data, dict):
        raise StoreError(f"{path}: expected a JSON object of tables")
    return data


class _WriteOnFlush(CachingMiddleware):
    """TinyDB's cache, told never to write on its own: the store flushes once per operation."""

    WRITE_CACHE_SIZE = sys.maxsize


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


class Acknowledgement(BaseModel):
    """A finding the team knows about, with why."""

    finding_id: str
    doi: str
    rule: str
    note: str
    at: str


class Records(BaseModel):
    """Everything in a records folder, indexed by key for in-memory lookups."""

    articles: dict[str, ArticleRecord] = Field(default_factory=dict)
    people: dict[str, Person] = Field(default_factory=dict)
    acknowledgements: dict[str, Acknowledgement] = Field(default_factory=dict)
    publishers: dict[str, Publisher] = Field(default_factory=dict)
    corrections: dict[str, CorrectionRequest] = Field(default_factory=dict)
    snapshots: dict[str, list[SourceSnapshot]] = Field(default_factory=dict)
    """Per DOI, every snapshot ever stored, oldest first."""


# (file, table, key field, model, records attribute)
_TEAM_TABLES = (
    ("articles", "doi", ArticleRecord, "articles"),
    ("people", "id", Person, "people"),
    ("acknowledgements", "finding_id", Acknowledgement, "acknowledgements"),
    ("publishers", "id", Publisher, "publishers"),
    ("corrections", "id", CorrectionRequest, "corrections"),
)


class Store:
    """A records folder on disk."""

    def __init__(self, root: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self._dbs: dict[Path, TinyDB] = {}

    @property
    def team_path(self) -> Path:
        return self.root / TEAM_FILE

    @property
    def snapshot_path(self) -> Path:
        return self.root / SNAPSHOT_FILE

    def exists(self) -> bool:
        return self.team_path.exists()

    def init(self) -> bool:
        """Create an empty records folder; return False when one was already there."""
        self.root.mkdir(parents=True, exist_ok=True)
        if self.team_path.exists():
            return False
        with self.locked():
            atomic_write(self.team_path, dump_json({name: {} for name, *_ in _TEAM_TABLES}))
            atomic_write(self.snapshot_path, dump_json({"snapshots": {}}))
        return True

    def load(self) -> Records:
        """Read every file once and return the in-memory index. Raises StoreError."""
        self._require()
        records = Records()
        team = self._open(self.team_path)
        for table, key, model, attribute in _TEAM_TABLES:
            index = getattr(records, attribute)
            for doc in team.table(table, cache_size=0).all():
                item = self._parse(model, doc, self.team_path, table, doc.doc_id)
                index[getattr(item, key)] = item
        shots = self._open(self.snapshot_path).table("snapshots", cache_size=0)
        for doc in shots.all():
            records.snapshots[doc["doi"]] = [
                self._parse(SourceSnapshot, shot, self.snapshot_path, "snapshots", doc.doc_id)
                for shot in doc.get("history", [])
            ]
        return records

    def _open(self, path: Path) -> TinyDB:
        """Return the TinyDB handle for `path`; its cache means each file is read only once."""
        db = self._dbs.get(path)
        if db is None:
            db = TinyDB(str(path), storage=_WriteOnFlush(CanonicalJSONStorage))
            self._dbs[path] = db
        return db

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Records]:
        """Lock, load, yield the records for changing, and write them once if no error occurred."""
        with self.locked():
            records = self.load()
            yield records
            self.save(records)

    def save(self, records: Records) -> None:
        """Write the team file and the snapshot file, each once and atomically, if they changed."""
        team_docs = {
            table: (key_field, {key: item.model_dump(mode="json") for key, item in getattr(records, attribute).items()})
            for table, key_field, _model, attribute in _TEAM_TABLES
        }
        self._write_tables(self.team_path, team_docs)
        shots = {
            doi: {"doi": doi, "history": [s.model_dump(mode="json", exclude_none=True) for s in history]}
            for doi, history in records.snapshots.items()
        }
        self._write_tables(self.snapshot_path, {"snapshots": ("doi", shots)})

    def _write_tables(self, path: Path, tables: dict[str, tuple[str, dict[str, dict[str, Any]]]]) -> None:
        """Upsert every document through TinyDB's cache, then flush once (one atomic write).

        Document ids stay stable from write to write, so `git diff` shows only real changes.
        """
        db = self._open(path)
        changed = False
        for name, (key_field, docs) in tables.items():
            changed |= _sync_table(db.table(name, cache_size=0), key_field, docs)
        if changed or not path.exists():
            db.storage.flush()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the records' lock; wait at most `lock_timeout` seconds for another process."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK_FILE, "a+") as handle:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreLockedError(
                            f"{self.root}: another credit-tracker process is writing these records; "
                            f"waited {self.lock_timeout:g} s. Try again when it has finished."
                        ) from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _require(self) -> None:
        if not self.team_path.exists():
            raise StoreError(
                f"{self.root}: no records here (no {TEAM_FILE}); run 'credit-tracker init' "
                "or pass --records DIR"
            )

    @staticmethod
    def _parse(model: type[BaseModel], doc: Any, path: Path, table: str, doc_id: str) -> Any:
        try:
            return model.model_validate(doc)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            raise StoreError(f"{path}: table {table}, document {doc_id}, field {field}: {first['msg']}") from exc


def _sync_table(table: Any, key_field: str, docs: dict[str, dict[str, Any]]) -> bool:
    """Make `table` hold exactly `docs` (keyed by `key_field`), keeping document ids."""
    stored = table.all()
    existing = {doc[key_field]: doc.doc_id for doc in stored}
    current = {doc.doc_id: dict(doc) for doc in stored}
    changed = False
    stale = [doc_id for key, doc_id in existing.items() if key not in docs]
    if stale:
        table.remove(doc_ids=stale)
        changed = True
    next_id = max(existing.values(), default=0) + 1
    for key in sorted(docs):
        doc_id = existing.get(key)
        if doc_id is None:
            doc_id, next_id = next_id, next_id + 1
        if current.get(doc_id) != docs[key]:
            table.upsert(Document(docs[key], doc_id=doc_id))
            changed = True
    return changed
