"""The records folder: its files loaded once, indexed in memory, written once per operation.

A session reads each file once (only the shards it needs), the caller changes the in-memory
index, and `save` writes each changed file once, atomically, in one batch (temporary files,
fsync, rename, one fsync per folder), keeping the previous good copy beside it as
`<file>.bak`. A lock file stops two processes from interleaving writes; whoever holds it first
removes the temporary files a killed write left behind, and, in a folder an earlier version
wrote, rewrites every file once in the current form (format.json says which form a folder is
in).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from credit_tracker.domain.errors import StoreError
from credit_tracker.domain.json_depth import loads
from credit_tracker.domain.models import ArticleRecord, SourceSnapshot
from credit_tracker.domain.records import Records
from credit_tracker.store.documents import (
    ARTICLES,
    SNAPSHOTS,
    TEAM,
    TEAM_TABLES,
    article_document,
    history_document,
    team_documents,
    team_records,
)
from credit_tracker.store.files import (
    Change,
    dump_json,
    paused_gc,
    read_text,
    remove_stale_temps,
    write_files,
)
from credit_tracker.store.lock import DEFAULT_LOCK_TIMEOUT, records_lock
from credit_tracker.store.tables import updated_tables
from credit_tracker.store.validated import (
    articles_from_bytes,
    read_article_shard,
    read_snapshot_shard,
    read_store_bytes,
    read_team_file,
)

TEAM_FILE = "team.json"
FORMAT_FILE = "format.json"
STORE_FORMAT = 2
"""The form of the files: 2, every document under its own key and problems by kind. A folder
without format.json was written by an earlier version (TinyDB's counters for keys)."""
EVERY_KIND = frozenset({TEAM, ARTICLES, SNAPSHOTS})

ShardWork = Callable[[str], list[Change]]
"""Working out one shard's files (its name in, the changes out): pure computing on the records
and the bytes read, no writing."""
Spread = Callable[[ShardWork, Sequence[str]], list[list[Change]]]
"""How a save works out its shards: each one's changes, in the shards' order."""


def one_by_one(work: ShardWork, shards: Sequence[str]) -> list[list[Change]]:
    """Each shard worked out here, in turn."""
    return [work(shard) for shard in shards]


def shard_of(doi: str) -> str:
    """Return the shard an article's files live in: 4,096 shards by a hash of the DOI.

    Many small files instead of one large one: a batch of 50 DOIs rewrites about 50 small files,
    so the bytes written grow with what changed, not with the size of the store (a file is
    rewritten whole on every write), and two articles added in two clones of the records are
    nearly always in two files.
    """
    return hashlib.sha1(doi.encode("utf-8")).hexdigest()[:3]


class Store:
    """A records folder on disk: team.json, articles/<shard>.json, snapshots/<shard>.json."""

    def __init__(
        self,
        root: Path,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        *,
        writes: frozenset[str] = EVERY_KIND,
        on_upgrade: Callable[[str], None] | None = None,
        read_only: bool = False,
    ) -> None:
        self.root = Path(root)
        self.lock_timeout = lock_timeout
        self.writes = writes
        """The kinds of files this store writes (TEAM, ARTICLES, SNAPSHOTS); the others are left
        byte for byte as they are, whatever changed in memory."""
        self.on_upgrade = on_upgrade
        """Told, in one line, when a folder an earlier version wrote has been rewritten."""
        self.read_only = read_only
        """Opened only to be read (`serve --read-only`): nothing is written, the records index
        included (it is kept in memory), and taking the lock to write is refused."""
        self.bytes_written = 0
        """Bytes this store has written (for tests and benchmarks of write volume)."""
        self._held: dict[str, bytes] | None = None
        """While this store holds the lock: the article shards' bytes read by `load_articles`
        since the last save, by path, which the next save uses instead of reading them again.
        None without the lock: another writer may change a file at any moment."""

    def writing_only(self, *kinds: str) -> Store:
        """The same folder, as a store that writes only files of these kinds (and never rewrites
        the others, not even once to bring them up to date)."""
        return Store(self.root, self.lock_timeout, writes=frozenset(kinds))

    @property
    def team_path(self) -> Path:
        return self.root / TEAM_FILE

    def shard_path(self, kind: str, shard: str) -> Path:
        return self.root / kind / f"{shard}.json"

    def _shard_file(self, kind: str, shard: str) -> str:
        """`shard_path` as a plain string: Path objects cost more than the parsing at 4,096
        shards. Also the key of the bytes held for the next save."""
        return os.path.join(str(self.root), kind, f"{shard}.json")

    def init(self) -> bool:
        """Create an empty records folder; return False when one was already there."""
        self.root.mkdir(parents=True, exist_ok=True)
        if self.team_path.exists():
            return False
        with self.locked():
            for kind in (ARTICLES, SNAPSHOTS):
                (self.root / kind).mkdir(exist_ok=True)
            empty = dump_json({name: {} for name, *_ in TEAM_TABLES})
            write_files([(self.team_path, empty), self._format_change()])
        return True

    @property
    def format_path(self) -> Path:
        return self.root / FORMAT_FILE

    def _format_change(self) -> Change:
        return (self.format_path, dump_json({"format": STORE_FORMAT}))

    # ---- reading ----------------------------------------------------------------------------

    def load(self, dois: Iterable[str] | None = None) -> Records:
        """Read the team file and the article and snapshot shards (only those of `dois`, if given).

        Each file is read once; lookups then go through the in-memory index. Raises StoreError.
        """
        records = self.load_team()
        self.load_shards(records, dois)
        return records

    def load_shards(self, records: Records, dois: Iterable[str] | None = None) -> None:
        """Add the shards of `dois` (every shard, for None) to records loaded with `load_team`."""
        wanted = None if dois is None else {shard_of(doi) for doi in dois}
        for shard in self._shards(wanted):
            articles, snapshots = self.read_shard(shard)
            records.articles.update(articles)
            records.snapshots.update(snapshots)
        if records.shards is not None and wanted is not None:
            wanted |= records.shards
        records.shards = wanted

    def load_articles(self, records: Records, dois: Iterable[str]) -> None:
        """Add the article records of `dois` (their shards whole; no snapshots) to `records`.

        Under the lock, each shard's bytes are held for the next save, which then reads
        none of them again.
        """
        for shard in sorted({shard_of(doi) for doi in dois}):
            path = self._shard_file(ARTICLES, shard)
            data = read_store_bytes(path)
            if data is None:
                continue
            records.articles.update(articles_from_bytes(path, data, ARTICLES))
            if self._held is not None:
                self._held[path] = data

    def load_team(self) -> Records:
        """Read only team.json: people, acknowledgements, publishers, correction requests."""
        self._require()
        return team_records(read_team_file(self.team_path))

    def shards(self) -> list[str]:
        """Return the names of the shards that hold articles or snapshots."""
        self._require()
        return self._shards(None)

    def read_shard(
        self, shard: str
    ) -> tuple[dict[str, ArticleRecord], dict[str, list[SourceSnapshot]]]:
        """Return one shard's articles and snapshot histories, by DOI."""
        return (
            read_article_shard(self._shard_file(ARTICLES, shard), ARTICLES),
            read_snapshot_shard(self._shard_file(SNAPSHOTS, shard), SNAPSHOTS),
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

    def save(
        self, records: Records, only: Iterable[str] | None = None, spread: Spread = one_by_one
    ) -> None:
        """Write what changed: team.json and every loaded shard, or only the shards of `only`.

        Without `only`, each loaded shard is written whole: an article or snapshot history no
        longer in the records is removed from it, and a shard left with nothing is removed
        (kept as its .bak). With `only`, the documents of those DOIs are written and nothing is
        removed. Each file is written at most once, only when its content changed, and all of
        them in one batch; files of a kind this store does not write are left as they are.
        `spread` works out the shards' new text (by default here, one by one); whichever it
        is, the same bytes are written. Raises StoreError.
        """
        try:
            self.bytes_written += write_files(self._changes(records, only, spread))
        finally:
            if self._held:
                self._held.clear()  # the files may now be what this save wrote

    def _changes(
        self, records: Records, only: Iterable[str] | None, spread: Spread = one_by_one
    ) -> list[Change]:
        changes: list[Change] = []
        if only is None and TEAM in self.writes:
            changes += self._team_change(records)
        dois = set(records.articles) | set(records.snapshots) if only is None else set(only)
        by_shard: dict[str, set[str]] = {}
        for doi in dois:
            by_shard.setdefault(shard_of(doi), set()).add(doi)
        if only is None:
            loaded = self._shards(None) if records.shards is None else records.shards
            for shard in loaded:
                by_shard.setdefault(shard, set())

        def shard_changes(shard: str) -> list[Change]:
            return self._shard_changes(records, shard, by_shard[shard], complete=only is None)

        with paused_gc():
            for done in spread(shard_changes, sorted(by_shard)):
                changes += done
        return changes

    def _team_change(self, records: Records) -> list[Change]:
        update = updated_tables(self.team_path, team_documents(records))
        return [] if update is None else [(self.team_path, update.text())]

    def _shard_changes(
        self, records: Records, shard: str, members: set[str], complete: bool
    ) -> list[Change]:
        """One shard's files; with `complete`, documents no longer in the records are removed."""
        stored = {
            ARTICLES: {
                doi: article_document(records.articles[doi])
                for doi in members
                if doi in records.articles and ARTICLES in self.writes
            },
            SNAPSHOTS: {
                doi: history_document(doi, records.snapshots[doi])
                for doi in members
                if doi in records.snapshots and SNAPSHOTS in self.writes
            },
        }
        changes: list[Change] = []
        for kind, docs in stored.items():
            if kind not in self.writes:
                continue
            path = self.shard_path(kind, shard)
            # nothing of this kind to write, and (with `only`) nothing to remove: the file stays
            if not docs and (not complete or not os.path.lexists(path)):
                continue
            held = None if self._held is None else self._held.get(self._shard_file(kind, shard))
            update = updated_tables(path, {kind: ("doi", docs)}, complete, held)
            if update is not None:
                # its last article gone: the shard goes too
                changes.append((path, None if update.empty else update.text()))
        return changes

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the records' lock; wait at most `lock_timeout` seconds for another process.

        Raises StoreLockedError when the other process does not finish in time, StoreError for
        a store opened read-only (every write takes this lock first).
        """
        if self.read_only:
            raise StoreError(f"{self.root}: the records were opened read-only; nothing was written")
        with records_lock(self.root, self.lock_timeout):
            remove_stale_temps([self.root, self.root / ARTICLES, self.root / SNAPSHOTS])
            if self.writes == EVERY_KIND:
                self._upgrade()
            self._held = {}
            try:
                yield
            finally:
                self._held = None

    def stored_format(self) -> int | None:
        """The form of the folder's files by format.json; None: an earlier version's (no
        format.json). StoreError for a form newer than this version reads."""
        text = read_text(self.format_path)
        if text is None:
            return None
        try:
            found = loads(text)["format"]
        except (ValueError, TypeError, KeyError):
            raise StoreError(
                f'{self.format_path}: expected {{"format": {STORE_FORMAT}}}; the file was left '
                "as it is"
            ) from None
        if not isinstance(found, int) or found > STORE_FORMAT:
            raise StoreError(
                f"{self.format_path}: these records are in form {found}, written by a newer "
                f"credit-tracker (this one reads up to {STORE_FORMAT}); upgrade credit-tracker"
            )
        return found

    def _upgrade(self) -> None:
        """Rewrite a folder an earlier version wrote, once, in the current form, in one batch:
        every document under its own key, snapshot problems by kind, and format.json."""
        if not self.team_path.exists() or self.stored_format() == STORE_FORMAT:
            return
        changes = [*self._changes(self.load(), None), self._format_change()]
        self.bytes_written += write_files(changes)
        if self.on_upgrade is not None:
            self.on_upgrade(
                f"{self.root}: written by an earlier version; rewritten once in the current "
                f"form (each record under its own key, problems by kind): {len(changes)} "
                "file(s), to commit together"
            )

    def _require(self) -> None:
        if not self.team_path.exists():
            raise StoreError(
                f"{self.root}: no records here (no {TEAM_FILE}); run 'credit-tracker init' "
                "or pass --records DIR"
            )
        self.stored_format()  # refuses a folder a newer version wrote
