"""An index kept beside the records: people and their articles, found without reading them all.

`author QUERY` and `correction list` must answer in about a second at 100,000 articles, where
reading team.json validates every person (seconds, hundreds of MB) and finding a person's papers
means reading every article shard. `<records>/.index/` keeps, for them:

- `people/<xx>.json`: each person's record and the DOIs of their articles (256 buckets by id);
- `keys/<xx>.json`: folded family names and ORCID iDs to person ids (for name queries);
- `bylines.json`: each article shard's DOIs and the people on their bylines;
- `team.json`: the small tables of team.json (acknowledgements, corrections, publishers);
- `stamps.json`: for each part, the stamp (inode, modification time, size) of the store file it
  was built from, written last.

A part whose store file changed is rebuilt from that file before it is used, so the index is
never trusted beyond the files; deleting the folder only costs one rebuild. It reads the store's
files only through the store's reading API.

Reading never needs to write: where `.index/` cannot be written (a read-only records folder,
a full disk) or must not be (a store opened read-only, as `serve --read-only` opens it), the
index is built in memory instead, from every article shard, and kept for the run
(store/index_files.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from credit_tracker.domain.errors import InputError, StoreError
from credit_tracker.domain.identifiers import normalize_orcid
from credit_tracker.domain.models import CorrectionRequest, Person, Publisher
from credit_tracker.domain.names import clean, fold
from credit_tracker.domain.records import Acknowledgement, Records
from credit_tracker.store.folder import ARTICLES, Store, shard_of
from credit_tracker.store.index_files import (
    DiskFiles,
    MemoryFiles,
    Stamp,
    bucket_of,
    by_bucket,
    dois_by_person,
    file_stamp,
    ids_in,
)
from credit_tracker.store.validated import read_article_shard

INDEX = ".index"
VERSION = 1
_SMALL_TABLES: dict[str, type[BaseModel]] = {
    "acknowledgements": Acknowledgement,
    "corrections": CorrectionRequest,
    "publishers": Publisher,
}


class RecordsIndex:
    """The index of one records folder; every read first brings the stale parts up to date."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.files: DiskFiles | MemoryFiles = (
            MemoryFiles() if store.read_only else DiskFiles(store.root / INDEX)
        )
        self._fresh = False

    # ---- reading --------------------------------------------------------------------------

    def people(self, ids: Iterable[str]) -> dict[str, Person]:
        """Return these people (those that exist), reading only their buckets."""
        self.refresh()
        return {pid: Person.model_validate(doc["person"]) for pid, doc in self._entries(ids)}

    def dois_of(self, person_id: str) -> list[str]:
        """Return the DOIs of the articles with this person on the byline, sorted."""
        self.refresh()
        return next((sorted(doc["dois"]) for _pid, doc in self._entries([person_id])), [])

    def candidates(self, keys: Iterable[str]) -> set[str]:
        """Return the ids filed under these keys ('family:<folded>' or 'orcid:<iD>')."""
        self.refresh()
        found: set[str] = set()
        for bucket, wanted in by_bucket(keys).items():
            table = self.files.read(f"keys/{bucket}.json")
            for key in wanted:
                found.update(table.get(key, ()))
        return found

    def find(self, query: str, *, members_only: bool = False) -> Person:
        """Return the one person `query` names, as `domain.people.find_person` over everyone would.

        Only the people filed under a key the query could match are read: its ORCID iD, its id,
        and every run of its words as a folded family name (a superset of what either tier of
        find_person can match). Raises InputError or NotFoundError as find_person does.
        """
        from credit_tracker.domain.people import PeopleIndex, find_person, name_forms

        text = clean(query)
        words = text.replace(",", " ").split()
        keys = {
            f"family:{fold(' '.join(words[i:j]))}"
            for i in range(len(words))
            for j in range(i + 1, len(words) + 1)
        }
        keys |= {f"family:{fold(form.family)}" for form in name_forms(query)}
        with contextlib.suppress(InputError):
            keys.add(f"orcid:{normalize_orcid(text)}")
        people = self.people(self.candidates(keys) | {text})
        return find_person(PeopleIndex(people), query, members_only=members_only)

    def team(self) -> Records:
        """Return the small tables of team.json (no people), validated."""
        self.refresh()
        raw = self.files.read("team.json")
        records = Records()
        for table, model in _SMALL_TABLES.items():
            index = getattr(records, table)
            for key, doc in raw.get(table, {}).items():
                index[key] = model.model_validate(doc)
        return records

    def load(self, dois: Iterable[str]) -> Records:
        """Return the records of these articles with the people on their bylines and the team's
        small tables: what `Store.load(dois)` gives, without reading every person."""
        records = self.team()
        wanted = set(dois)
        shards = sorted({shard_of(doi) for doi in wanted})
        for shard in shards:
            articles, snapshots = self.store.read_shard(shard)
            records.articles.update({d: a for d, a in articles.items() if d in wanted})
            records.snapshots.update({d: h for d, h in snapshots.items() if d in wanted})
        on_bylines = {a.person for r in records.articles.values() for a in r.authors}
        records.people = self.people(on_bylines)
        records.shards = set(shards)
        return records

    def _entries(self, ids: Iterable[str]) -> Iterable[tuple[str, dict[str, Any]]]:
        for bucket, wanted in by_bucket(ids).items():
            table = self.files.read(f"people/{bucket}.json")
            yield from ((pid, table[pid]) for pid in sorted(wanted) if pid in table)

    # ---- keeping it up to date ------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the parts whose store files changed since they were built (once a command,
        or once a request at the desk: see `renew`). Where the index's folder cannot be
        written, it is built in memory instead; StoreError only for the records themselves."""
        if self._fresh:
            return
        self._fresh = True
        try:
            self._refresh()
        except (OSError, StoreError):
            if self.files.in_memory:
                raise  # the records themselves could not be read
            self.files = MemoryFiles()  # read-only folder, full disk: the index lives in memory
            self._refresh()

    def renew(self) -> None:
        """Look at the store's files again at the next read (a new request at the desk)."""
        self._fresh = False

    def _refresh(self) -> None:
        if self._stale(self.files.read("stamps.json")):
            with self.files.locked():
                stamps = self.files.read("stamps.json")
                if self._stale(stamps):  # another process may have rebuilt it meanwhile
                    self._rebuild(stamps)

    def _stale(self, stamps: dict[str, Any]) -> bool:
        team = file_stamp(self.store.team_path)
        return (
            stamps.get("version") != VERSION
            or stamps.get("team") != team
            or stamps.get("articles") != self._article_stamps()
        )

    def _article_stamps(self) -> dict[str, Stamp]:
        folder = self.store.shard_path(ARTICLES, "x").parent
        found = {}
        with contextlib.suppress(FileNotFoundError), os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".json"):
                    info = entry.stat()
                    found[entry.name[:-5]] = [info.st_ino, info.st_mtime_ns, info.st_size]
        return found

    def _rebuild(self, stamps: dict[str, Any]) -> None:
        if stamps.get("version") != VERSION:
            stamps = {}
        team_stamp = file_stamp(self.store.team_path)  # taken before reading: a later write shows
        now = self._article_stamps()
        bylines: dict[str, dict[str, list[str]]] = self.files.read("bylines.json")
        if not stamps:
            bylines = {}
        known = stamps.get("articles", {})
        changed = {s for s in now if known.get(s) != now[s]} | (set(bylines) - set(now))
        before = {s: bylines.pop(s, {}) for s in changed}
        for shard in sorted(changed & set(now)):
            path = str(self.store.shard_path(ARTICLES, shard))
            bylines[shard] = {
                doi: sorted({a.person for a in record.authors})
                for doi, record in read_article_shard(path, ARTICLES).items()
            }
        if stamps.get("team") != team_stamp:
            team = self.store.load_team()
            self._write_people(team.people, bylines)
            self._write_team(team)
        else:
            touched = {
                p for s in changed for d in (before[s], bylines.get(s, {})) for p in ids_in(d)
            }
            self._update_dois(touched, bylines)
        self.files.write("bylines.json", bylines)
        stamps = {"version": VERSION, "team": team_stamp, "articles": now}
        self.files.write("stamps.json", stamps)

    def note_team_saved(self, records: Records, before: Stamp | None) -> None:
        """After a command that changed only team.json's small tables saved `records`: keep the
        people part (built for the team file as it was `before`) and refresh the small tables."""
        stamps = self.files.read("stamps.json")
        if not stamps or stamps.get("team") != before or stamps.get("version") != VERSION:
            return  # stale already: the next reader rebuilds it
        with contextlib.suppress(OSError, StoreError):
            after = file_stamp(self.store.team_path)
            self._write_team(records)
            stamps["team"] = after
            self.files.write("stamps.json", stamps)

    def _write_team(self, team: Records) -> None:
        tables = {
            table: {k: v.model_dump(mode="json") for k, v in getattr(team, table).items()}
            for table in _SMALL_TABLES
        }
        self.files.write("team.json", tables)

    def _write_people(
        self, people: dict[str, Person], bylines: dict[str, dict[str, list[str]]]
    ) -> None:
        from credit_tracker.domain.people import PeopleIndex

        dois = dois_by_person(bylines)
        buckets: dict[str, dict[str, Any]] = {}
        for pid, person in people.items():
            entry = {"person": person.model_dump(mode="json"), "dois": dois.get(pid, [])}
            buckets.setdefault(bucket_of(pid), {})[pid] = entry
        keys: dict[str, dict[str, list[str]]] = {}
        index = PeopleIndex(people)
        filed = [(f"family:{k}", ids) for k, ids in index.by_family.items()]
        filed += [(f"orcid:{orcid}", {pid}) for orcid, pid in index.by_orcid.items()]
        for key, ids in filed:
            keys.setdefault(bucket_of(key), {})[key] = sorted(ids)
        for kind, tables in (("people", buckets), ("keys", keys)):
            for old in self.files.names(kind):  # a bucket no one is filed in any more
                if old not in tables:
                    self.files.remove(f"{kind}/{old}.json")
            for bucket, table in tables.items():
                self.files.write(f"{kind}/{bucket}.json", table)

    def _update_dois(self, touched: set[str], bylines: dict[str, dict[str, list[str]]]) -> None:
        if not touched:
            return
        dois = dois_by_person(bylines, only=touched)
        for bucket, ids in by_bucket(touched).items():
            name = f"people/{bucket}.json"
            table = self.files.read(name)
            for pid in ids & table.keys():
                table[pid]["dois"] = dois.get(pid, [])
            self.files.write(name, table)
