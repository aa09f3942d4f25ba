"""The records folder: TinyDB files loaded once, indexed in memory, written once per operation.

A session reads each file once, the caller changes the in-memory index, and `save` writes each
changed file once, atomically (temporary file, fsync, rename), keeping the previous good copy
beside it as `<file>.bak`. A lock file stops two processes from interleaving writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from credit_tracker.domain.errors import StoreError
from credit_tracker.domain.models import (
    ArticleRecord,
    CorrectionRequest,
    Person,
    Publisher,
    SourceSnapshot,
)
from credit_tracker.domain.records import Acknowledgement, Records
from credit_tracker.store.files import atomic_write, dump_json, read_json_file
from credit_tracker.store.lock import DEFAULT_LOCK_TIMEOUT, records_lock
from credit_tracker.store.tinydb_files import Tables, write_tables
from credit_tracker.store.validated import (
    parse_document,
    read_article_shard,
    read_snapshot_shard,
)

TEAM_FILE = "team.json"


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
                item = parse_document(model, doc, self.team_path, table, doc_id)
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
        # plain strings: Path objects cost more than the parsing at 4,096 shards
        root = str(self.root)
        name = f"{shard}.json"
        return (
            read_article_shard(os.path.join(root, ARTICLES, name), ARTICLES),
            read_snapshot_shard(os.path.join(root, SNAPSHOTS, name), SNAPSHOTS),
        )

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
            team_docs: Tables = {
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

    def _write_tables(self, path: Path, tables: Tables, remove_missing: bool = True) -> None:
        self.bytes_written += write_tables(path, tables, remove_missing)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the records' lock; wait at most `lock_timeout` seconds for another process.

        Raises StoreLockedError when the other process does not finish in time.
        """
        with records_lock(self.root, self.lock_timeout):
            yield

    def _require(self) -> None:
        if not self.team_path.exists():
            raise StoreError(
                f"{self.root}: no records here (no {TEAM_FILE}); run 'credit-tracker init' "
                "or pass --records DIR"
            )
