"""The fetch run: Crossref in batches, publisher XML when needed, snapshots saved batch by batch."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from credit_tracker.domain.errors import InputError, RunStopped
from credit_tracker.domain.models import FetchState, Notice, SourceKind, SourceSnapshot
from credit_tracker.domain.records import Records
from credit_tracker.parse.crossref import content_hash, notice_target, parse_work
from credit_tracker.parse.jats import ParsedArticle, parse_jats
from credit_tracker.sources.article_xml import PublisherClient, XmlResult
from credit_tracker.sources.crossref import CrossrefClient, WorkResult
from credit_tracker.store.folder import Store

DEFAULT_XML_MAX_AGE = timedelta(days=30)
Progress = Callable[[int, int], None]


@dataclass
class FetchSummary:
    """What a fetch run did, for the one-line summary and for tests."""

    fetched: int = 0
    changed: int = 0
    not_found: int = 0
    failed: int = 0
    xml_downloads: int = 0
    xml_failed: int = 0
    requests: int = 0
    stopped: str | None = None
    failures: dict[str, str] = field(default_factory=dict)
    reached: set[str] = field(default_factory=set)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def latest(
    history: list[SourceSnapshot], source: SourceKind, usable_only: bool = False
) -> SourceSnapshot | None:
    """Return the newest snapshot of a source, optionally only among usable ones."""
    for snapshot in reversed(history):
        if snapshot.source is source and (snapshot.usable or not usable_only):
            return snapshot
    return None


def record_snapshot(records: Records, snapshot: SourceSnapshot) -> bool:
    """Add a snapshot to the history; return True when it differs from the last usable one.

    An unchanged answer only moves the last snapshot's date forward; a repeated failure replaces
    the previous failure, so nightly runs do not grow the store with copies.
    """
    history = records.snapshots.setdefault(snapshot.doi, [])
    previous = latest(history, snapshot.source)
    good = latest(history, snapshot.source, usable_only=True)
    if (
        snapshot.usable
        and previous is good
        and good is not None
        and good.content_hash == snapshot.content_hash
    ):
        history[history.index(good)] = good.model_copy(update={"fetched_at": snapshot.fetched_at})
        return False
    if previous is not None and not previous.usable and not snapshot.usable:
        history[history.index(previous)] = snapshot
        return False
    history.append(
        snapshot.model_copy(update={"first_seen": snapshot.first_seen or snapshot.fetched_at})
    )
    return snapshot.usable and (good is None or good.content_hash != snapshot.content_hash)


def crossref_snapshot(result: WorkResult, fetched_at: datetime) -> SourceSnapshot:
    """Turn a Crossref result into a snapshot (ok, not-found or failed)."""
    base = {
        "doi": result.doi,
        "source": SourceKind.CROSSREF,
        "fetched_at": fetched_at,
        "url": result.url,
    }
    if result.state != "ok" or result.message is None:
        return SourceSnapshot(**base, state=FetchState(result.state), reason=result.reason)
    parsed = parse_work(result.message)
    return SourceSnapshot(
        **base,
        state=FetchState.OK,
        title=parsed.title,
        journal=parsed.journal,
        authors=parsed.authors,
        deposited=parsed.deposited,
        indexed=parsed.indexed,
        notices=list(parsed.notices),
        content_hash=content_hash(result.message),
        problems=parsed.problems,
        notice_for=notice_target(result.message) if parsed.is_notice else None,
    )


def jats_snapshot(doi: str, result: XmlResult, fetched_at: datetime) -> SourceSnapshot:
    """Turn an XML result into a snapshot; XML that is not JATS (or unsafe) is a failure."""
    base = {"doi": doi, "source": SourceKind.JATS, "fetched_at": fetched_at, "url": result.url}
    if result.state != "ok" or result.body is None:
        return SourceSnapshot(**base, state=FetchState(result.state), reason=result.reason)
    try:
        parsed = parse_jats(result.body, origin=result.url or doi)
    except InputError as exc:
        return SourceSnapshot(**base, state=FetchState.FAILED, reason=exc.render())
    return article_snapshot(doi, parsed, result.body, base)


def article_snapshot(doi: str, parsed: ParsedArticle, body: bytes, base: dict) -> SourceSnapshot:
    """Build a JATS snapshot from a parsed article, refusing one about another DOI."""
    if parsed.doi and parsed.doi != doi:
        return SourceSnapshot(
            **base, state=FetchState.FAILED, reason=f"the XML is about another DOI ({parsed.doi})"
        )
    return SourceSnapshot(
        **base,
        state=FetchState.OK,
        title=parsed.title,
        journal=parsed.journal,
        authors=parsed.authors,
        content_hash=hashlib.sha256(body).hexdigest(),
        problems=parsed.problems,
    )


def needs_xml(
    history: list[SourceSnapshot], crossref_changed: bool, now: datetime, max_age: timedelta
) -> bool:
    """Return True when publisher XML must be downloaded again."""
    last = latest(history, SourceKind.JATS)
    if last is None or crossref_changed or last.state is FetchState.FAILED:
        return True
    return now - last.fetched_at >= max_age


@dataclass
class Fetcher:
    """Runs a fetch over many DOIs with the given clients."""

    crossref: CrossrefClient
    publisher: PublisherClient | None
    xml_max_age: timedelta = DEFAULT_XML_MAX_AGE
    clock: Callable[[], datetime] = now_utc

    def run(self, store: Store, dois: list[str], progress: Progress | None = None) -> FetchSummary:
        """Fetch every DOI, saving after each batch. KeyboardInterrupt keeps the saved batches."""
        summary = FetchSummary()
        with store.locked():
            records = store.load()
            batches = [
                dois[i : i + self.crossref.batch_size]
                for i in range(0, len(dois), self.crossref.batch_size)
            ]
            done = 0
            try:
                for snapshots in self._fetch_batches(batches, records):
                    self._absorb(records, snapshots, summary)
                    store.save(records, only=_touched(snapshots))
                    done += len({s.doi for s in snapshots})
                    if progress:
                        progress(done, len(dois))
            except RunStopped as exc:
                summary.stopped = str(exc)
                unfetched = self._mark_unfetched(records, dois, summary)
                store.save(records, only=unfetched)
            finally:
                summary.requests = self.crossref.client.counters.requests
        if (
            self.crossref.client.stopped and not summary.stopped
        ):  # tripped by the last batches in flight
            summary.stopped = "the run was stopped after repeated failures"
        return summary

    def _fetch_batches(
        self, batches: list[list[str]], records: Records
    ) -> Iterable[list[SourceSnapshot]]:
        # Several batches in flight (publisher XML is fetched inside them, beside the next list
        # query); the transport's gates keep each service within its announced limits.
        workers = max(1, min(6, len(batches)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(self._one_batch, batch, records) for batch in batches]
            try:
                for future in futures:
                    yield future.result()
            except BaseException:
                # Ctrl-C or a stop: no new requests; batches in flight end after their current one.
                self.crossref.client.stopped = True
                for future in futures:
                    future.cancel()
                raise

    def _one_batch(self, batch: list[str], records: Records) -> list[SourceSnapshot]:
        if self.crossref.client.stopped:
            raise RunStopped("the run was stopped after repeated failures")
        now = self.clock()
        snapshots = []
        wanted_xml = []
        for result in self.crossref.fetch_batch(batch):
            shot = crossref_snapshot(result, now)
            snapshots.append(shot)
            history = records.snapshots.get(result.doi, [])
            good = latest(history, SourceKind.CROSSREF, usable_only=True)
            changed = shot.usable and (good is None or good.content_hash != shot.content_hash)
            # XML only for DOIs Crossref knows now: a failed lookup cannot tell whether anything
            # changed
            if shot.state is FetchState.OK and needs_xml(history, changed, now, self.xml_max_age):
                wanted_xml.append(result.doi)
        if self.publisher is not None and wanted_xml:
            for doi, xml in self.publisher.fetch_many(wanted_xml).items():
                snapshots.append(jats_snapshot(doi, xml, now))
        return snapshots

    def _absorb(
        self, records: Records, snapshots: list[SourceSnapshot], summary: FetchSummary
    ) -> None:
        self._count(records, snapshots, summary)
        for shot in snapshots:
            if shot.notice_for:
                attach_notice(records, shot)

    def _count(
        self, records: Records, snapshots: list[SourceSnapshot], summary: FetchSummary
    ) -> None:
        for shot in snapshots:
            changed = record_snapshot(records, shot)
            if shot.source is SourceKind.JATS:
                summary.xml_downloads += 1
                if shot.state is FetchState.FAILED:
                    summary.xml_failed += 1
                    summary.failures[shot.doi] = f"publisher XML: {shot.reason or 'unknown'}"
                continue
            summary.reached.add(shot.doi)
            if shot.state is FetchState.OK:
                summary.fetched += 1
                summary.changed += changed
            elif shot.state is FetchState.NOT_FOUND:
                summary.not_found += 1
            else:
                summary.failed += 1
                summary.failures[shot.doi] = shot.reason or "unknown"

    def _mark_unfetched(self, records: Records, dois: list[str], summary: FetchSummary) -> set[str]:
        """After a stop, record every DOI this run did not reach as 'could not fetch'; return them."""
        now = self.clock()
        reason = "not fetched: the run stopped after repeated failures"
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
            summary.failures[doi] = reason
        return unfetched


def _touched(snapshots: list[SourceSnapshot]) -> set[str]:
    """The DOIs a batch changed: its own, and the articles its notices were attached to."""
    return {s.doi for s in snapshots} | {s.notice_for for s in snapshots if s.notice_for}


def attach_notice(records: Records, notice: SourceSnapshot) -> None:
    """Record a notice DOI (a 'Correction:' with no link, say) on the article it is about."""
    target = latest(
        records.snapshots.get(notice.notice_for or "", []), SourceKind.CROSSREF, usable_only=True
    )
    if target is None or any(n.doi == notice.doi for n in target.notices):
        return
    title = notice.title or ""
    kind = "retraction" if title.casefold().startswith("retraction") else "correction"
    added = Notice(doi=notice.doi, kind=kind, label=title or None, how="title")
    history = records.snapshots[target.doi]
    history[history.index(target)] = target.model_copy(update={"notices": [*target.notices, added]})


def statement_snapshot(
    doi: str,
    path: str,
    kind: str,
    text: str,
    history: list[SourceSnapshot],
    fallback: list,
    fetched_at: datetime,
) -> SourceSnapshot:
    """Build the statement source from a document's text; InputError when it has no statement.

    Initials and positions are resolved against the byline of the newest usable JATS or Crossref
    snapshot (else the team's record), because the statement itself prints no byline.
    """
    from credit_tracker.parse.statement import find_section, parse_statement, to_source_authors

    section = find_section(text)
    if section is None:
        if kind != "text":
            raise InputError(
                "no Author Contributions section found (looked for 'Author contributions', "
                "'CRediT authorship contribution statement', 'Contributions' and similar)",
                path=path,
            )
        section = text  # a statement pasted into a text file
    byline = next(
        (
            s.authors
            for k in (SourceKind.JATS, SourceKind.CROSSREF)
            if (s := latest(history, k, usable_only=True))
        ),
        fallback,
    )
    parsed = parse_statement(section, byline)
    if not parsed.entries:
        raise InputError("the contributions section names no author that could be read", path=path)
    return SourceSnapshot(
        doi=doi,
        source=SourceKind.STATEMENT,
        state=FetchState.OK,
        fetched_at=fetched_at,
        url=f"file:{path}",
        authors=to_source_authors(parsed),
        complete=False,
        content_hash=hashlib.sha256(section.encode()).hexdigest(),
        problems=[f"read as a {parsed.form} statement", *parsed.problems],
    )


def orcid_snapshots(
    orcid, records: Records, dois: set[str], fetched_at: datetime
) -> list[SourceSnapshot]:
    """The `orcid` source for the DOIs that team members list in their ORCID records.

    Self-asserted evidence: the contributors and CRediT roles as the member's ORCID record gives
    them. For a DOI in several members' records the first member (by id) is used.
    """
    shots: dict[str, SourceSnapshot] = {}
    for person in sorted(records.people.values(), key=lambda p: p.id):
        if not person.orcid or not person.team_member:
            continue
        for work in orcid.works(person.orcid):
            if work.doi not in dois or work.doi in shots:
                continue
            # of the versions (one per source that deposited the work), prefer one that states roles
            versions = [
                found
                for code in work.put_codes
                if (found := orcid.contributors(person.orcid, code))
            ]
            if not versions:
                continue
            url, authors = next(
                (v for v in versions if any(a.roles is not None for a in v[1])), versions[0]
            )
            body = json.dumps([a.model_dump(mode="json") for a in authors], sort_keys=True).encode()
            shots[work.doi] = SourceSnapshot(
                doi=work.doi,
                source=SourceKind.ORCID,
                state=FetchState.OK,
                fetched_at=fetched_at,
                url=url,
                authors=authors,
                complete=False,
                content_hash=hashlib.sha256(body).hexdigest(),
            )
    return list(shots.values())


def local_jats_snapshot(doi: str, path: str, data: bytes, fetched_at: datetime) -> SourceSnapshot:
    """Build a JATS snapshot from a local file (`fetch DOI --jats FILE`); InputError if it is bad."""
    parsed = parse_jats(data, origin=path)
    base = {"doi": doi, "source": SourceKind.JATS, "fetched_at": fetched_at, "url": f"file:{path}"}
    shot = article_snapshot(doi, parsed, data, base)
    if not shot.usable:
        raise InputError(shot.reason or "unusable XML", path=path)
    return shot
