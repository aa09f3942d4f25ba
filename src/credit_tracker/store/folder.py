"""The records folder: TinyDB files loaded once, indexed in memory, written once per operation.

TinyDB rewrites its whole file on every write, so nothing here writes record by record: a
session reads each file once, the caller changes the in-memory index, and `commit` writes each
changed file once, atomically (temporary file, fsync, rename), keeping the previous good copy
beside it as `<file>.bak`. A lock file stops two processes from interleaving writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage
from tinydb.table import Document

from credit_tracker.domain.errors import StoreError, StoreLockedError
from credit_tracker.domain.models import (
    ArticleRecord,
    CorrectionRequest,
    Person,
    Publisher,
    SourceSnapshot,
)
from credit_tracker.domain.records import Acknowledgement, Records

TEAM_FILE = "team.json"
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
        raise StoreError(
            f"{path}: could not write ({exc.strerror or exc}); the previous file is intact"
        ) from exc


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
        raise StoreError(
            f"{path}: not UTF-8 text at byte {exc.start}; the file was left as it is"
        ) from exc
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


# (table in team.json, key field, model, records attribute)
_TEAM_TABLES = (
    ("people", "id", Person, "people"),
    ("acknowledgements", "finding_id", Acknowledgement, "acknowledgements"),
    ("publishers", "id", Publisher, "publishers"),
    ("corrections", "id", CorrectionRequest, "corrections"),
)
ARTICLES, SNAPSHOTS = "articles", "snapshots"


def shard_of(doi: str) -> str:
    """Return the shard an article's files live in: 4,096 shards by a hash of the DOI.

    Many small files instead of one large one: a batch of 50 DOIs rewrites about 50 small files,
    so the bytes written grow with what changed, not with the size of the store (TinyDB rewrites
    a whole file on every write).
    """
    return hashlib.sha1(doi.encode("utf-8")).hexdigest()[:3]


class Store:
    """A records folder on disk: team.json, articles/<shard>.json, snapshots/<shard>.json."""

    def __init__(self, root: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self.bytes_written = 0
        """Bytes this store has written (for tests and benchmarks of write volume)."""

    @property
    def team_path(self) -> Path:
        return self.root / TEAM_FILE

    def shard_path(self, kind: str, shard: str) -> Path:
        return self.root / kind / f"{shard}.json"

    def init(self) -> bool:
        """Create an empty records folder; return False when one was already there."""
        self.root.mkdir(parents=True, exist_ok=True)
        if self.team_path.exists():
            return False
        with self.locked():
            for kind in (ARTICLES, SNAPSHOTS):
                (self.root / kind).mkdir(exist_ok=True)
            atomic_write(self.team_path, dump_json({name: {} for name, *_ in _TEAM_TABLES}))
        return True

    # ---- reading ----------------------------------------------------------------------------

    def load(self, dois: Iterable[str] | None = None) -> Records:
        """Read the team file and the article and snapshot shards (only those of `dois`, if given).

        Each file is read once; lookups then go through the in-memory index. Raises StoreError.
        """
        self._require()
        records = self.load_team()
        wanted = None if dois is None else {shard_of(doi) for doi in dois}
        for shard in self._shards(wanted):
            articles, snapshots = self.read_shard(shard)
            records.articles.update(articles)
            records.snapshots.update(snapshots)
        records.shards = wanted
        return records

    def load_team(self) -> Records:
        """Read only team.json: people, acknowledgements, publishers, correction requests."""
        self._require()
        records = Records()
        team = read_json_file(self.team_path)
        for table, key, model, attribute in _TEAM_TABLES:
            index = getattr(records, attribute)
            for doc_id, doc in team.get(table, {}).items():
                item = _parse(model, doc, self.team_path, table, doc_id)
                index[getattr(item, key)] = item
        return records

    def shards(self) -> list[str]:
        """Return the names of the shards that hold articles or snapshots."""
        self._require()
        return self._shards(None)

    def read_shard(
        self, shard: str
    ) -> tuple[dict[str, ArticleRecord], dict[str, list[SourceSnapshot]]]:
        """Return one shard's articles and snapshot histories, by DOI."""
        root = str(
            self.root
        )  # plain strings: Path objects cost more than the parsing at 4,096 shards
        articles = _read_typed(os.path.join(root, ARTICLES, f"{shard}.json"), _ARTICLE_SHARD).get(
            ARTICLES, {}
        )
        histories = _read_typed(
            os.path.join(root, SNAPSHOTS, f"{shard}.json"), _SNAPSHOT_SHARD
        ).get(SNAPSHOTS, {})
        return {r.doi: r for r in articles.values()}, {h.doi: h.history for h in histories.values()}

    def _shards(self, wanted: set[str] | None) -> list[str]:
        names = set()
        for kind in (ARTICLES, SNAPSHOTS):
            with contextlib.suppress(FileNotFoundError):
                names |= {
                    name[:-5] for name in os.listdir(self.root / kind) if name.endswith(".json")
                }
        return sorted(names if wanted is None else names & wanted)

    # ---- writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Records]:
        """Lock, load, yield the records for changing, and write them once if no error occurred."""
        with self.locked():
            records = self.load()
            yield records
            self.save(records)

    def save(self, records: Records, only: Iterable[str] | None = None) -> None:
        """Write what changed: team.json and every shard, or only the shards of the DOIs in `only`.

        Each file is written at most once, atomically, and only when its content changed.
        """
        if only is None:
            team_docs = {
                table: (
                    key_field,
                    {
                        key: item.model_dump(mode="json", exclude_defaults=True)
                        for key, item in getattr(records, attribute).items()
                    },
                )
                for table, key_field, _model, attribute in _TEAM_TABLES
            }
            self._write_tables(self.team_path, team_docs)
        dois = set(records.articles) | set(records.snapshots) if only is None else set(only)
        by_shard: dict[str, set[str]] = {}
        for doi in dois:
            by_shard.setdefault(shard_of(doi), set()).add(doi)
        if only is None and records.shards is None:
            for shard in self._shards(None):
                by_shard.setdefault(shard, set())
        for shard, members in sorted(by_shard.items()):
            self._write_shard(records, shard, members, complete=only is None)

    def _write_shard(self, records: Records, shard: str, members: set[str], complete: bool) -> None:
        """Write one shard; with `complete`, documents no longer in the records are removed."""
        # Defaults are left out (most authors have no particle, suffix or ORCID iD): smaller files.
        articles = {
            doi: records.articles[doi].model_dump(mode="json", exclude_defaults=True)
            for doi in members
            if doi in records.articles
        }
        shots = {
            doi: {
                "doi": doi,
                "history": [
                    s.model_dump(mode="json", exclude_defaults=True) for s in records.snapshots[doi]
                ],
            }
            for doi in members
            if doi in records.snapshots
        }
        for kind, docs in ((ARTICLES, articles), (SNAPSHOTS, shots)):
            path = self.shard_path(kind, shard)
            if docs or path.exists():
                path.parent.mkdir(exist_ok=True)
                self._write_tables(path, {kind: ("doi", docs)}, remove_missing=complete)

    def _write_tables(
        self,
        path: Path,
        tables: dict[str, tuple[str, dict[str, dict[str, Any]]]],
        remove_missing: bool = True,
    ) -> None:
        """Upsert every document through TinyDB's cache, then flush once (one atomic write).

        Document ids stay stable from write to write, so `git diff` shows only real changes.
        """
        storage = _WriteOnFlush(CanonicalJSONStorage)
        db = TinyDB(str(path), storage=storage)  # TinyDB calls the middleware, which opens the file
        changed = False
        for name, (key_field, docs) in tables.items():
            changed |= _sync_table(db.table(name, cache_size=0), key_field, docs, remove_missing)
        if changed or not path.exists():
            storage.force_write()
            self.bytes_written += storage.storage.last_size

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


class _History(BaseModel):
    doi: str
    history: list[SourceSnapshot]


# Shards are parsed and validated in one pass by pydantic-core (faster than json.load and then
# validating): this is the hot path of a check over a hundred thousand articles.
_ARTICLE_SHARD = TypeAdapter(dict[str, dict[str, ArticleRecord]])
_SNAPSHOT_SHARD = TypeAdapter(dict[str, dict[str, _History]])


def _read_typed(path: str, adapter: TypeAdapter) -> dict[str, Any]:
    """Return a shard file parsed and validated; {} when it does not exist. Raises StoreError."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return {}
    try:
        return adapter.validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid" or len(first["loc"]) < 3:
            read_json_file(Path(path))  # raises the error with its line and column
        table, doc_id, *field = first["loc"]
        where = ".".join(str(part) for part in field)
        raise StoreError(
            f"{path}: table {table}, document {doc_id}, field {where}: {first['msg']}"
        ) from exc


def _parse(model: type[BaseModel], doc: Any, path: Path, table: str, doc_id: str) -> Any:
    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise StoreError(
            f"{path}: table {table}, document {doc_id}, field {field}: {first['msg']}"
        ) from exc


def _sync_table(
    table: Any, key_field: str, docs: dict[str, dict[str, Any]], remove_missing: bool = True
) -> bool:
    """Make `table` hold `docs` (keyed by `key_field`), keeping document ids; with
    `remove_missing`, documents not in `docs` are removed."""
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
    for key in sorted(docs):
        doc_id = existing.get(key)
        if doc_id is None:
            doc_id, next_id = next_id, next_id + 1
        if current.get(doc_id) != docs[key]:
            table.upsert(Document(docs[key], doc_id=doc_id))
            changed = True
    return changed
