"""What the desk keeps between requests: the check of the whole store (each shard compared again
only when its inputs change on disk, the states judged again after any change), background jobs
with their progress, previews and one undo per article.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from credit_tracker.domain.findings import FindingState
from credit_tracker.domain.records import Records
from credit_tracker.domain.survey import Survey
from credit_tracker.render.formats.base import Entry, entries
from credit_tracker.services.byline import SavedRoles
from credit_tracker.services.survey_cache import SurveyCache
from credit_tracker.store.folder import Store
from credit_tracker.store.records_index import RecordsIndex


@dataclass(frozen=True)
class DeskSettings:
    """How the desk was started."""

    records: Path
    token: str
    port: int
    read_only: bool = False
    stale_after: int = 60
    today: Callable[[], date] = date.today
    """Which day to judge by and to date acknowledgements and steps (a test fixes it)."""
    workers: int | None = None
    """Processes for the whole-store check (None: one per core)."""


@dataclass
class Checked:
    """The check of the whole store, with the entries every view lists."""

    survey: Survey
    reported: list[Entry]
    """Open, regressed and pending findings, errors first."""
    every: list[Entry]
    """The reported ones and the acknowledged ones."""
    team: Records
    """team.json as the check read it: its correction requests are what the states came from."""
    dashboard: dict[str, Any] | None = None
    """The dashboard's figures, computed once per check."""


@dataclass
class Job:
    """A fetch or an addition of DOIs running in the background, with its progress."""

    id: str
    kind: str
    done: int = 0
    total: int = 0
    lines: list[str] = field(default_factory=list)
    error: str | None = None
    ended: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)
    """Set once the job has finished, its lines and error written: what its page shows as
    done, and what a caller in the same process can wait on."""

    @property
    def finished(self) -> bool:
        return self.ended.is_set()


@dataclass
class Undo:
    """The last save of an article, undone once; `roles`: what a save of the role grid
    replaced and set, by person (None for another kind of save, see desk/actions.py)."""

    doi: str
    roles: SavedRoles | None
    changes: list[str]


class DeskState:
    """The desk's memory: one per running desk."""

    def __init__(self, settings: DeskSettings) -> None:
        self.settings = settings
        self.store = Store(settings.records, read_only=settings.read_only)
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._checked: Checked | None = None
        self._index: RecordsIndex | None = None
        self._index_lock = threading.Lock()
        self.comparisons = SurveyCache(self.store, workers=settings.workers)
        """The shards' comparisons, kept across requests (see services.survey_cache)."""
        self.jobs: dict[str, Job] = {}
        self.undo: dict[str, Undo] = {}
        self.previews: dict[str, tuple[str, bytes, str]] = {}
        """Uploads waiting for confirmation: id → (file name, bytes, DOI or '')."""
        self.messages: dict[str, list[str]] = {}
        """What an action changed, by the id its redirect names (shown on the next page)."""

    def tell(self, lines: list[str]) -> str:
        """Keep the lines an action printed; return the id the next page shows them by."""
        key = secrets.token_hex(6)
        self.messages[key] = lines
        return key

    def checked(self) -> Checked:
        """Return the check of the store: the shards whose files or people changed compared
        again, the states judged again whenever anything in the records (or the day) changed."""
        with self._lock:
            version = self.comparisons.refresh()
            today = self.settings.today()
            key = (today, version, _stamp(self.store.root / "office.json"))
            if self._checked is None or key != self._key:
                self._checked = self._check(today)
                self._key = key
            return self._checked

    def _check(self, today: date) -> Checked:
        survey = self.comparisons.judged_as_of(today, self.settings.stale_after)
        reported = entries(survey.report)
        acknowledged = [
            Entry(a.finding, FindingState.ACKNOWLEDGED, f"acknowledged {a.at}: {a.note}")
            for a in survey.report.acknowledged
        ]
        return Checked(
            survey=survey,
            reported=reported,
            every=[*reported, *acknowledged],
            team=self.comparisons.team,
        )

    def index(self) -> RecordsIndex:
        """The records index, brought up to date for this request (it reads only what a page
        needs: an article's people, the team's small tables, a person's articles).

        On disk, a new one each request; one kept in memory (a read-only desk, a folder that
        cannot be written) is kept across requests and looks at the store's files again."""
        with self._index_lock:
            if self._index is None or not self._index.files.in_memory:
                self._index = RecordsIndex(self.store)
            self._index.renew()
            return self._index

    def new_job(self, kind: str) -> Job:
        """Return a new job; InputError-free: one job at a time is the caller's check."""
        job = Job(id=secrets.token_hex(8), kind=kind)
        self.jobs[job.id] = job
        return job

    def running(self) -> Job | None:
        return next((job for job in self.jobs.values() if not job.finished), None)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)
