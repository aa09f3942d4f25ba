"""The whole-store survey kept between calls: each shard compared again only when its inputs change.

Comparing 10,000 articles takes tens of seconds; judging the comparisons (acknowledged, pending,
regressed, resolved, from team.json's small tables and today's date) takes a fraction of one.
So the comparison of each shard is kept, keyed by what it read:

- the stamps (inode, modification time, size) of its article and snapshot files;
- of team.json, only what the comparison looks up: the people on the shard's bylines (their
  names, ORCID iDs, accepted spellings and former names, `check.comparisons.person_inputs`) and
  the publishers (for the articles' labels).

An acknowledgement or a correction request changes none of these: nothing is compared again.
A role edit rewrites one article shard: that shard is compared again. A person's new spelling,
ORCID iD or a merge compares again the shards that name the people changed; a change to the
publishers compares everything again. The result equals a full check
(tests/desk/test_desk_incremental.py).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from credit_tracker.check.comparisons import Compared, ShardCheck, merged, person_inputs
from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import Options, judge
from credit_tracker.domain.findings import Rule, Severity
from credit_tracker.domain.records import Records
from credit_tracker.domain.survey import Survey
from credit_tracker.services.pool import compare_shards
from credit_tracker.store.files import paused_gc
from credit_tracker.store.folder import ARTICLES, SNAPSHOTS, Store

FileStamp = tuple[int, int, int] | None
SETTLED_AFTER = 2.0
"""Seconds after which a folder's modification time is trusted to show every later rename."""


@dataclass(frozen=True)
class _Kept:
    """One shard's comparison and the stamps of the two files it was read from."""

    stamps: tuple[FileStamp, FileStamp]
    check: ShardCheck


class SurveyCache:
    """The comparisons of one records folder's shards, brought up to date on each call."""

    def __init__(
        self,
        store: Store,
        workers: int | None = None,
        severities: dict[Rule, Severity] | None = None,
    ) -> None:
        self.store = store
        self.workers = workers
        self.severities = severities or {}
        self.version = 0
        """Goes up whenever the records changed since the last call (the survey may differ)."""
        self.last_compared: list[str] = []
        """The shards the last `refresh` compared again (for tests and benchmarks)."""
        self._kept: dict[str, _Kept] = {}
        self._team: Records | None = None
        self._team_stamp: FileStamp = None
        self._people: dict[str, tuple[object, ...]] = {}
        self._folders: tuple[FileStamp, FileStamp] | None = None
        self._merged = Compared()

    @property
    def team(self) -> Records:
        """team.json as the last `refresh` read it (people, acknowledgements, requests)."""
        if self._team is None:
            self.refresh()
        assert self._team is not None  # refresh loaded it
        return self._team

    def survey(self, policy: FailPolicy, options: Options) -> Survey:
        """Return the survey of the whole store as `survey_shards` computes it, comparing again
        only the shards whose inputs changed. Raises StoreError for an unreadable store."""
        self.refresh()
        return self.judged(policy, options)

    def judged(self, policy: FailPolicy, options: Options) -> Survey:
        """Return the survey of the comparisons as the last `refresh` left them (states judged
        from the team's acknowledgements and requests as read then, and `options.today`)."""
        team = self.team
        with paused_gc():
            return judge(team, self._merged, policy, options)

    def judged_as_of(self, today: date, stale_after: int) -> Survey:
        """`judged` under the default policy, as of `today`: what the review desk shows."""
        return self.judged(FailPolicy(), Options(today=today, stale_after=stale_after))

    def refresh(self) -> int:
        """Bring the comparisons up to date with the files; return `version`."""
        # the kept comparisons are millions of objects, none of them garbage: each burst of
        # allocations below would otherwise set the collector scanning all of them
        with paused_gc():
            return self._refresh()

    def _refresh(self) -> int:
        self.last_compared = []
        changed, dropped = self._refresh_team()
        root = self.store.root
        # every store write renames a file into its folder, which changes the folder's stamp:
        # unchanged folders mean unchanged shards, and 7,000 files need not be stamped
        folders = (_stamp(root / ARTICLES), _stamp(root / SNAPSHOTS))
        if dropped or folders != self._folders:
            changed |= self._refresh_shards()
            self._folders = folders if all(map(_settled, folders)) else None
        if changed:
            self._merged = merged(self._kept[shard].check for shard in sorted(self._kept))
            self.version += 1
        return self.version

    def _refresh_team(self) -> tuple[bool, bool]:
        """Read team.json again if it changed; forget the shards whose people changed.

        Returns whether team.json changed and whether any shard's comparison was forgotten.
        """
        stamp = _stamp(self.store.team_path)  # taken before reading: a later write shows
        if self._team is not None and stamp == self._team_stamp:
            return False, False
        team = self.store.load_team()
        people = {pid: person_inputs(person) for pid, person in team.people.items()}
        before = len(self._kept)
        if self._team is None or team.publishers != self._team.publishers:
            self._kept.clear()
        elif people != self._people:  # one C-level compare when only the small tables changed
            moved = _changed_people(self._people, people)
            self._kept = {s: k for s, k in self._kept.items() if not k.check.people & moved}
        self._team, self._team_stamp, self._people = team, stamp, people
        return True, len(self._kept) < before

    def _refresh_shards(self) -> bool:
        """Compare again the shards whose files changed, or not compared yet; drop the gone."""
        shards = self.store.shards()
        stamps = {shard: self._file_stamps(shard) for shard in shards}
        gone = set(self._kept) - set(stamps)
        stale = [s for s in shards if s not in self._kept or self._kept[s].stamps != stamps[s]]
        for shard in gone:
            del self._kept[shard]
        if stale:
            assert self._team is not None
            found = compare_shards(
                self._team.people,
                self._team.publishers,
                stale,
                self.store.read_shard,
                self.severities,
                workers=self.workers,
            )
            for shard, check in found.items():
                self._kept[shard] = _Kept(stamps=stamps[shard], check=check)
        self.last_compared = stale
        return bool(stale or gone)

    def _file_stamps(self, shard: str) -> tuple[FileStamp, FileStamp]:
        store = self.store
        return (
            _stamp(store.shard_path(ARTICLES, shard)),
            _stamp(store.shard_path(SNAPSHOTS, shard)),
        )


def _changed_people(
    before: dict[str, tuple[object, ...]], after: dict[str, tuple[object, ...]]
) -> set[str]:
    """The ids of the people added, removed or changed in what the comparison reads of them."""
    return {pid for pid in before.keys() | after.keys() if before.get(pid) != after.get(pid)}


def _settled(stamp: FileStamp) -> bool:
    """Whether a folder's stamp is old enough to trust: the kernel dates changes by a coarse
    clock, so a second rename within the same few milliseconds may leave the stamp as it was."""
    return stamp is not None and time.time() - stamp[1] / 1e9 > SETTLED_AFTER


def _stamp(path: Path) -> FileStamp:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)
