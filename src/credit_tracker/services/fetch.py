"""The fetch run: Crossref in batches, publisher XML when needed, snapshots saved batch by batch.

`fetch_articles` is the use case that `fetch`, `check --refresh` and the desk's fetch job run;
`Fetcher` is the run itself, which the nightly job also drives with its own XML refresh list.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from credit_tracker.check.coverage import coverage_of
from credit_tracker.check.run import select_dois
from credit_tracker.domain.coverage import Lack, RoleSourceMissing
from credit_tracker.domain.errors import FetchError, FetchInterrupted, RunStopped
from credit_tracker.domain.models import FetchState, SourceKind, SourceSnapshot, WorkMetadata
from credit_tracker.domain.records import Records
from credit_tracker.domain.runs import FetchSummary, Reverted
from credit_tracker.domain.text import described
from credit_tracker.edits.works import fill_metadata
from credit_tracker.parse.crossref import ParsedWork
from credit_tracker.services.clients import Clients
from credit_tracker.services.outages import find_outages
from credit_tracker.services.role_sources import HostQueues, Pending, RoleSourceFinder
from credit_tracker.services.snapshots import (
    attach_notice,
    crossref_snapshot,
    earlier_copy,
    latest,
    now_utc,
    record_snapshot,
)
from credit_tracker.sources.article_xml import PublisherClient
from credit_tracker.sources.crossref import CrossrefClient
from credit_tracker.sources.fulltext import FullTextClient
from credit_tracker.sources.health import Tally, tallies_since
from credit_tracker.sources.results import Fetched
from credit_tracker.store.checkpoints import checkpoint
from credit_tracker.store.folder import Store

DEFAULT_XML_MAX_AGE = timedelta(days=30)
Progress = Callable[[int, int], None]


def tracked_dois(store: Store, dois: Iterable[str]) -> list[str]:
    """The DOIs to fetch: those named (normalised; InputError for one not in the records), else
    every article in the records."""
    return select_dois(store.load(), dois)


def fetch_articles(
    store: Store,
    dois: list[str],
    clients: Clients,
    *,
    xml: bool = True,
    xml_max_age: timedelta = DEFAULT_XML_MAX_AGE,
    progress: Progress | None = None,
) -> FetchSummary:
    """Fetch these tracked articles: Crossref in batches, and the publishers' XML where it is
    due (`xml=False`: Crossref only). Each batch is saved as it comes; see `Fetcher.run`."""
    fetcher = Fetcher(
        crossref=clients.crossref,
        publisher=clients.publisher if xml else None,
        fulltext=clients.fulltext if xml else None,
        xml_max_age=xml_max_age,
    )
    return fetcher.run(store, dois, progress)


def needs_xml(
    history: list[SourceSnapshot], crossref_changed: bool, now: datetime, max_age: timedelta
) -> bool:
    """Return True when the publisher's side (XML, or a statement read from a full text) must
    be fetched again."""
    last = _latest_publisher_side(history)
    if last is None or crossref_changed or last.state is FetchState.FAILED:
        return True
    # an article waiting on a key is looked at on every run (asking for it costs no request
    # while the key is missing), so a key set today opens it tonight
    waiting = (
        isinstance(last.role_source, RoleSourceMissing) and last.role_source.lack is Lack.NO_KEY
    )
    return waiting or now - last.fetched_at >= max_age


def _latest_publisher_side(history: list[SourceSnapshot]) -> SourceSnapshot | None:
    """The newest JATS snapshot, or statement read from a fetched full text (a statement from a
    file given by hand has no status and is not the fetch's)."""
    for shot in reversed(history):
        if shot.source is SourceKind.JATS or (
            shot.source is SourceKind.STATEMENT and shot.role_source is not None
        ):
            return shot
    return None


@dataclass
class Fetcher:
    """Runs a fetch over many DOIs with the given clients."""

    crossref: CrossrefClient
    publisher: PublisherClient | None
    fulltext: FullTextClient | None = None
    """The publishers' full texts (Crossref's links, keyed APIs); None: the open archives only."""
    xml_max_age: timedelta = DEFAULT_XML_MAX_AGE
    clock: Callable[[], datetime] = now_utc
    # DOIs whose publisher XML is read again on every run whatever its age (open findings, open
    # correction requests): publishers often fix the XML without any change at Crossref.
    refresh_xml: frozenset[str] = frozenset()
    fill_metadata: bool = True
    """Fill a record's missing title, journal and year from Crossref (False: the snapshots
    alone are written, as the nightly job's)."""

    def run(self, store: Store, dois: list[str], progress: Progress | None = None) -> FetchSummary:
        """Fetch every DOI, saving after each batch. KeyboardInterrupt keeps the saved batches."""
        summary = FetchSummary()
        before = self._tallies()
        with store.locked():
            records = store.load()
            batches = [
                dois[i : i + self.crossref.batch_size]
                for i in range(0, len(dois), self.crossref.batch_size)
            ]
            done = 0
            queues = HostQueues()
            try:
                for snapshots in self._fetch_batches(batches, records, queues):
                    self._absorb(records, snapshots, summary)
                    store.save(records, only=_touched(snapshots))
                    done += len({s.doi for s in snapshots})
                    if progress:
                        progress(done, len(dois))
                    checkpoint("fetch:batch-saved", f"{done}/{len(dois)}")
            except RunStopped as exc:
                summary.stopped = str(exc)
                unfetched = self._mark_unfetched(records, dois, summary)
                store.save(records, only=unfetched)
            except KeyboardInterrupt:
                raise FetchInterrupted(done, len(dois)) from None
            except Exception as exc:
                self._record_crash(store, records, dois, summary, exc)
                raise FetchError(f"the fetch failed: {described(exc)}") from exc
            finally:
                queues.close(cancel=True)
                counters = self.crossref.client.counters
                summary.requests = counters.requests
                summary.long_waits_refused = counters.long_waits_refused
            summary.coverage = coverage_of(records, dois)
        if self.crossref.client.stopped and not summary.stopped:  # by the last batches in flight
            summary.stopped = "the run was stopped"
        tallies = tallies_since(self._tallies(), before)
        summary.outages = find_outages(tallies, self.crossref, self.publisher, summary, records)
        return summary

    def _tallies(self) -> dict[str, Tally]:
        """What each kind of request has brought so far, through this run's clients."""
        clients = [self.crossref.client]
        if self.publisher is not None and self.publisher.client is not self.crossref.client:
            clients.append(self.publisher.client)
        return {kind: tally for c in clients for kind, tally in c.tallies().items()}

    def _record_crash(
        self,
        store: Store,
        records: Records,
        dois: list[str],
        summary: FetchSummary,
        exc: Exception,
    ) -> None:
        """Record every DOI the run did not finish as could-not-fetch, before the error goes on.

        A crash must not leave `check` clean on old data. When even this cannot be written, the
        store is broken too; the FetchError raised next still says what failed first.
        """
        reason = f"not fetched: the run failed ({described(exc)})"
        with contextlib.suppress(Exception):
            store.save(records, only=self._mark_unfetched(records, dois, summary, reason))

    def _fetch_batches(
        self, batches: list[list[str]], records: Records, queues: HostQueues
    ) -> Iterable[list[SourceSnapshot]]:
        # Several batches in flight, each handing its publisher side to the hosts' queues and
        # going on; the batches are saved in order as their DOIs are done. The transport's
        # gates keep each service within its announced limits.
        workers = max(1, min(6, len(batches)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(self._one_batch, batch, records, queues) for batch in batches]
            try:
                for future in futures:
                    yield future.result().collect()
            except BaseException:
                # Ctrl-C or a stop: no new requests; batches in flight end after their current one.
                self.crossref.client.stopped = True
                for future in futures:
                    future.cancel()
                raise

    def _one_batch(self, batch: list[str], records: Records, queues: HostQueues) -> Pending:
        if self.crossref.client.stopped:
            raise RunStopped("the run was stopped")
        now = self.clock()
        try:
            snapshots, wanted = self._crossref_part(batch, records, now)
        except (RunStopped, FetchError):
            raise
        except Exception as exc:  # one batch's failure is that batch's DOIs', and the run goes on
            return Pending(done=[_failed(doi, SourceKind.CROSSREF, now, exc) for doi in batch])
        if self.publisher is None or not wanted:
            return Pending(done=snapshots)
        finder = RoleSourceFinder(self.publisher, self.fulltext)
        try:
            started = finder.start(wanted, now, queues)
        except (RunStopped, FetchError):
            raise
        except Exception as exc:
            return Pending(done=snapshots + [_failed(d, SourceKind.JATS, now, exc) for d in wanted])
        return Pending(done=snapshots + started.done, queued=started.queued)

    def _crossref_part(
        self, batch: list[str], records: Records, now: datetime
    ) -> tuple[list[SourceSnapshot], dict[str, ParsedWork | None]]:
        """The batch's Crossref snapshots, and the works whose publisher side is wanted (None:
        Crossref could not be read, so its full-text links are not known this run)."""
        snapshots = []
        wanted: dict[str, ParsedWork | None] = {}
        for result in self.crossref.fetch_batch(batch):
            shot = crossref_snapshot(result, now)
            snapshots.append(shot)
            history = records.snapshots.get(result.doi, [])
            good = latest(history, SourceKind.CROSSREF, usable_only=True)
            changed = shot.usable and (good is None or good.content_hash != shot.content_hash)
            # The publisher's side needs little of Crossref's answer (PLOS's address is made from
            # the DOI, Europe PMC is searched by DOI; only the full-text links are Crossref's):
            # Crossref failing does not hold it back, though it cannot say whether anything
            # changed. A DOI Crossref does not know gets none.
            if shot.state is not FetchState.NOT_FOUND and (
                result.doi in self.refresh_xml or needs_xml(history, changed, now, self.xml_max_age)
            ):
                wanted[result.doi] = result.content if isinstance(result, Fetched) else None
        return snapshots, wanted

    def _absorb(
        self, records: Records, snapshots: list[SourceSnapshot], summary: FetchSummary
    ) -> None:
        self._count(records, snapshots, summary)
        for shot in snapshots:
            if shot.notice_for:
                attach_notice(records, shot)
            record = records.articles.get(shot.doi) if self.fill_metadata else None
            if record is not None and shot.source is SourceKind.CROSSREF and shot.usable:
                # What the team typed is kept; what it left empty is filled from Crossref.
                about = WorkMetadata(title=shot.title, journal=shot.journal, year=shot.year)
                summary.metadata_filled += bool(fill_metadata(record, about))

    def _count(
        self, records: Records, snapshots: list[SourceSnapshot], summary: FetchSummary
    ) -> None:
        for shot in snapshots:
            self._note_change(records, shot, summary)
            if shot.source in (SourceKind.JATS, SourceKind.STATEMENT):
                summary.xml_downloads += 1
                if shot.state is FetchState.FAILED:
                    summary.xml_failed += 1
                    reason = f"publisher XML: {shot.reason or 'unknown'}"
                    summary.could_not_read(shot.doi, SourceKind.JATS, reason)
                continue
            summary.reached.add(shot.doi)
            if shot.state is FetchState.OK:
                summary.fetched += 1
            elif shot.state is FetchState.NOT_FOUND:
                summary.not_found += 1
            else:
                summary.failed += 1
                summary.could_not_read(shot.doi, SourceKind.CROSSREF, shot.reason or "unknown")

    @staticmethod
    def _note_change(records: Records, shot: SourceSnapshot, summary: FetchSummary) -> None:
        """Record the snapshot; count its article as changed when the reading differs from the
        last one, also when it repeats an older copy (which is noted: a fix undone, say)."""
        back = earlier_copy(records.snapshots.get(shot.doi, []), shot)
        if record_snapshot(records, shot):
            summary.changed_dois.add(shot.doi)
        if back is not None:
            day = (back.first_seen or back.fetched_at).date()
            summary.reverted.append(Reverted(doi=shot.doi, source=shot.source, copy_of=day))

    def _mark_unfetched(
        self,
        records: Records,
        dois: list[str],
        summary: FetchSummary,
        reason: str = "not fetched: the run was stopped",
    ) -> set[str]:
        """After a stop or a crash, record each DOI the run did not reach as 'could not fetch'."""
        now = self.clock()
        unfetched = {doi for doi in dois if doi not in summary.reached}
        for doi in unfetched:
            shot = SourceSnapshot(
                doi=doi,
                source=SourceKind.CROSSREF,
                state=FetchState.FAILED,
                fetched_at=now,
                reason=reason,
            )
            record_snapshot(records, shot)
            summary.failed += 1
            summary.could_not_read(doi, SourceKind.CROSSREF, reason)
        return unfetched


def _failed(doi: str, source: SourceKind, now: datetime, exc: Exception) -> SourceSnapshot:
    return SourceSnapshot(
        doi=doi,
        source=source,
        state=FetchState.FAILED,
        fetched_at=now,
        reason=f"could not be read: {described(exc)}",
    )


def _touched(snapshots: list[SourceSnapshot]) -> set[str]:
    """The DOIs a batch changed: its own, and the articles its notices were attached to."""
    return {s.doi for s in snapshots} | {s.notice_for for s in snapshots if s.notice_for}
