"""The publisher's side of a fetch: for each DOI, the first role source that can be read.

The order (README, "Where the publisher's roles are read"):
1. the open archives: PLOS's article file for PLOS DOIs, else Europe PMC's open full text (one
   search for 25 DOIs);
2. Springer Nature's open-access JATS API, for Springer Nature's articles, with the office's key;
3. the Crossref record's full-text links, in `domain.fulltext.ranked`'s order (the version of
   record first; XML, then PDF, then text), a keyed host's with the office's key.

A DOI stops at the first full text that is read, whatever it says (another copy of the same
article would say the same); a refusal, a dead link, a page instead of a file or a format not
read yet moves on to the next. Each DOI ends in exactly one snapshot carrying its typed status:
the source read, or the most telling reason none was (`domain.coverage.first_lack`).

Each DOI's turn at the publishers is queued for the host of its first full text (`HostQueues`):
a few workers per host, every host's queue drained side by side. A batch hands its DOIs over
and the next batch goes on with Crossref; so a slow host never holds back another, even when the
articles come grouped by publisher (sorted DOIs are), and each host keeps its own limits
(the transport's).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from credit_tracker.domain.coverage import (
    Channel,
    Lack,
    RoleSourceMissing,
    RoleSourceRead,
    first_lack,
)
from credit_tracker.domain.errors import FetchError, RunStopped
from credit_tracker.domain.models import SourceSnapshot
from credit_tracker.domain.role_sources import states_roles
from credit_tracker.domain.text import described
from credit_tracker.parse.crossref import ParsedWork
from credit_tracker.services.fulltext_snapshots import missing_snapshot, read_fulltext
from credit_tracker.services.snapshots import jats_snapshot
from credit_tracker.sources.article_xml import PublisherClient, XmlResult, plos_journal
from credit_tracker.sources.fulltext import Candidate, FullTextClient, NoKey
from credit_tracker.sources.results import CouldNotFetch, Fetched, NoAccess, NotFound

WORKERS_PER_HOST = 4
"""A host's requests at once are its own limit (the transport's); these only wait on it."""


class HostQueues:
    """A queue of work per publisher host, each drained by a few workers of its own."""

    def __init__(self, per_host: int = WORKERS_PER_HOST) -> None:
        self.per_host = per_host
        self._pools: dict[str, ThreadPoolExecutor] = {}
        self._lock = threading.Lock()

    def submit(self, host: str, job: Callable[[], SourceSnapshot]) -> Future[SourceSnapshot]:
        with self._lock:
            pool = self._pools.get(host)
            if pool is None:
                pool = ThreadPoolExecutor(self.per_host, thread_name_prefix=f"host-{host}")
                self._pools[host] = pool
        return pool.submit(job)

    def close(self, cancel: bool = False) -> None:
        """Stop taking work; with `cancel`, drop what has not started and return at once."""
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.shutdown(wait=not cancel, cancel_futures=cancel)


@dataclass
class Pending:
    """A batch's publisher side under way: the snapshots known, and the DOIs still queued."""

    done: list[SourceSnapshot] = field(default_factory=list)
    queued: list[Future[SourceSnapshot]] = field(default_factory=list)

    def collect(self) -> list[SourceSnapshot]:
        """Every snapshot, once the queued DOIs are done (RunStopped, if the run stopped)."""
        return self.done + [future.result() for future in self.queued]


@dataclass(frozen=True)
class _Job:
    """One DOI's turn at the publishers: its work, the archives' answer, what may be asked."""

    doi: str
    work: ParsedWork
    archived: XmlResult
    candidates: list[Candidate]
    no_keys: list[NoKey]


@dataclass
class RoleSourceFinder:
    """Finds each DOI's role source: the open archives, then the publishers' full texts."""

    archives: PublisherClient
    fulltext: FullTextClient | None = None
    """None: the open archives only."""

    def find(self, works: dict[str, ParsedWork | None], now: datetime) -> list[SourceSnapshot]:
        """One snapshot per DOI (keyed by its Crossref work, just read; None where Crossref
        could not be read: the open archives only)."""
        queues = HostQueues()
        try:
            return self.start(works, now, queues).collect()
        finally:
            queues.close()

    def start(
        self, works: dict[str, ParsedWork | None], now: datetime, queues: HostQueues
    ) -> Pending:
        """Ask the open archives now, and queue each other DOI for its publisher's host."""
        pending = Pending()
        for doi, result in self.archives.fetch_many(list(works)).items():
            work = works[doi]
            if isinstance(result, Fetched) or self.fulltext is None or work is None:
                pending.done.append(archive_snapshot(doi, result, now))
                continue
            candidates, no_keys = self.fulltext.candidates(doi, work.member, work.links)
            job = _Job(doi, work, result, candidates, no_keys)
            host = candidates[0].host if candidates else ""
            pending.queued.append(queues.submit(host, partial(self._guarded, job, now)))
        return pending

    def _guarded(self, job: _Job, now: datetime) -> SourceSnapshot:
        """One DOI's turn; a crash in it (a bug, a parser's) is that DOI's failure alone."""
        try:
            return self._one(job, now)
        except (RunStopped, FetchError):
            raise
        except Exception as exc:
            missing = RoleSourceMissing(
                lack=Lack.FAILED, detail=f"could not be read: {described(exc)}"
            )
            return missing_snapshot(job.doi, missing, now)

    def _one(self, job: _Job, now: datetime) -> SourceSnapshot:
        assert self.fulltext is not None
        doi, work, archived, candidates = job.doi, job.work, job.archived, job.candidates
        missing = [_no_key(entry) for entry in job.no_keys]
        if isinstance(archived, CouldNotFetch):
            missing.append(RoleSourceMissing(lack=Lack.FAILED, detail=archived.reason))
        for candidate in candidates:
            result = self.fulltext.fetch(doi, candidate)
            if not isinstance(result, Fetched):
                missing.append(_missing(result))
                continue
            outcome = read_fulltext(doi, result.content, work.authors, now)
            if isinstance(outcome, SourceSnapshot):
                return outcome
            missing.append(outcome)
            if outcome.lack is Lack.NO_STATEMENT:
                break  # the article was read; another copy of it would say the same
        if not candidates and not job.no_keys:
            missing.append(_no_link(archived, work))
        best = first_lack(missing)
        assert best is not None
        return missing_snapshot(doi, best, now, candidates[0].url if candidates else None)


def archive_snapshot(doi: str, result: XmlResult, now: datetime) -> SourceSnapshot:
    """The open archive's answer as a snapshot with its status."""
    shot = jats_snapshot(doi, result, now)
    if shot.usable:
        channel = Channel.PLOS if plos_journal(doi) else Channel.EUROPE_PMC
        status: RoleSourceRead | RoleSourceMissing = RoleSourceRead(
            channel=channel, roles_stated=states_roles(shot)
        )
    else:
        lack = Lack.NO_LINK if isinstance(result, NotFound) else Lack.FAILED
        status = RoleSourceMissing(lack=lack, detail=shot.reason or "")
    return shot.model_copy(update={"role_source": status})


def _no_key(entry: NoKey) -> RoleSourceMissing:
    return RoleSourceMissing(
        lack=Lack.NO_KEY, detail=f"{entry.api.name} needs a key: set {entry.api.setting}"
    )


def _missing(result: NotFound | NoAccess | CouldNotFetch) -> RoleSourceMissing:
    lack = {NoAccess: Lack.NO_ACCESS, NotFound: Lack.NO_LINK}.get(type(result), Lack.FAILED)
    return RoleSourceMissing(lack=lack, detail=result.reason)


def _no_link(archived: XmlResult, work: ParsedWork) -> RoleSourceMissing:
    pages = " (only pages, which are not read)" if work.links else ""
    where = "no open full text in the archives" if isinstance(archived, NotFound) else ""
    detail = "; ".join(p for p in (where, f"Crossref's record links no full text{pages}") if p)
    return RoleSourceMissing(lack=Lack.NO_LINK, detail=detail)
