"""Tracking articles by DOI alone: bylines, titles, journals and years from Crossref, in batches.

Crossref is asked with fetch's client (list queries of 50 DOIs, the announced rate and
concurrency limits, retries); several batches are in flight at once, and the transport keeps
them within the limits. What Crossref answers becomes draft records (roles not recorded), with
team members linked and everyone else a co-author; each batch is written while the next ones
are in flight, so that the store's writes overlap the waits that the rate limit imposes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

from credit_tracker.domain.errors import RunStopped
from credit_tracker.domain.models import ArticleRecord, Person
from credit_tracker.domain.records import Records
from credit_tracker.domain.verdict import Verdict
from credit_tracker.edits.linking import Linker, MemberQuery, parse_members
from credit_tracker.edits.works import draft_from_work
from credit_tracker.services.clients import Clients
from credit_tracker.sources.crossref import CrossrefClient, CrossrefResult
from credit_tracker.sources.results import CouldNotFetch, Fetched, NotFound
from credit_tracker.store.folder import Store

MAX_BATCHES_IN_FLIGHT = 6
STOPPED = "not looked up: the run was stopped"
INTERRUPTED = "not looked up: interrupted"


Lookup = CrossrefResult
"""What Crossref says about a DOI to add: the work (a notice is no article to track), not
registered (HTTP 404), or could not be looked up this time (not added)."""
Progress = Callable[[int, int], None]


@dataclass
class Lookups:
    """How the look-ups went: the requests sent, and whether Ctrl-C ended them."""

    requests: int = 0
    interrupted: bool = False


def look_up_batches(
    crossref: CrossrefClient, dois: list[str], state: Lookups
) -> Iterator[list[Lookup]]:
    """Yield what Crossref says about each batch of DOIs, several batches in flight.

    Batches come as they are answered (the transport's gates do not serve them in order), so that
    the caller's writes overlap the requests still waiting for the rate limit. A failure is a
    result, not a raise. After a stop or Ctrl-C, the DOIs not yet answered
    come last, as CouldNotFetch; what was answered before has been yielded.
    """
    size = crossref.batch_size
    batches = [dois[i : i + size] for i in range(0, len(dois), size)]
    done: set[str] = set()
    workers = max(1, min(MAX_BATCHES_IN_FLIGHT, len(batches)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_one_batch, crossref, batch) for batch in batches]
        try:
            for future in as_completed(futures):
                try:
                    found = future.result()
                except RunStopped:
                    break
                done.update(lookup.doi for lookup in found)
                yield found
        except KeyboardInterrupt:
            state.interrupted = True
        finally:
            _give_up(crossref, futures)  # also when the caller stops early: no new requests
    state.requests = crossref.client.counters.requests
    reason = INTERRUPTED if state.interrupted else STOPPED
    rest: list[Lookup] = [CouldNotFetch(doi, None, reason) for doi in dois if doi not in done]
    if rest:
        yield rest


def _give_up(crossref: CrossrefClient, futures: Iterable[Future[list[Lookup]]]) -> None:
    crossref.client.stopped = True
    for future in futures:
        future.cancel()


def _one_batch(crossref: CrossrefClient, batch: list[str]) -> list[Lookup]:
    if crossref.client.stopped:
        raise RunStopped()
    return crossref.fetch_batch(batch)


@dataclass
class Onboarded:
    """What `records add` did: the records added, and every DOI it did not add, with why."""

    added: list[ArticleRecord] = field(default_factory=list)
    tracked: list[ArticleRecord] = field(default_factory=list)
    """Already in the records: left alone."""
    notices: list[str] = field(default_factory=list)
    """Correction or retraction notices: not articles to track."""
    not_registered: list[NotFound] = field(default_factory=list)
    failed: list[CouldNotFetch] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    """The team's people after the command (new ones included), for the report."""
    created: list[str] = field(default_factory=list)
    promoted: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """Links not made because two people fitted (from the linker)."""
    lookups: Lookups = field(default_factory=Lookups)

    @property
    def verdict(self) -> Verdict:
        """A DOI Crossref does not know, or could not be asked about, leaves the run incomplete
        (the others are added); Ctrl-C interrupts it."""
        return Verdict(
            complete=not (self.not_registered or self.failed),
            interrupted=self.lookups.interrupted,
        )


def read_members(values: Iterable[str]) -> list[MemberQuery]:
    """The --members values ('ORCID|NAME,...') as queries; InputError for a bad entry."""
    return parse_members(values)


def add_articles(
    store: Store,
    clients: Clients,
    dois: list[str],
    members: list[MemberQuery],
    progress: Progress | None = None,
) -> Onboarded:
    """`records add` and the desk's addition: `add_dois` with the Crossref client of
    `clients`."""
    return add_dois(store, clients.crossref, dois, members, progress)


def add_dois(
    store: Store,
    crossref: CrossrefClient,
    dois: list[str],
    members: list[MemberQuery],
    progress: Progress | None = None,
) -> Onboarded:
    """Add a draft record for each DOI Crossref has and the records do not; list the others.

    Each batch is written as soon as it is answered, while the next are in flight (as fetch
    does), so that Ctrl-C or a stop keeps what was added. When --members names someone not yet
    in the records, every DOI is looked up first and all is written at once: a name that fits
    nobody raises InputError and nothing is written.
    """
    done = Onboarded()
    with store.locked():
        before = store.load(dois)
        done.tracked = [before.articles[doi] for doi in dois if doi in before.articles]
        todo = [doi for doi in dois if doi not in before.articles]
        probe = Linker(before, members)  # an ambiguous --members entry is refused here
        found: list[Lookup] = []
        for batch in look_up_batches(crossref, todo, done.lookups):
            if probe.pending:
                found += batch  # written once all are looked up, or not at all
            else:
                records = store.load([lookup.doi for lookup in batch])
                _absorb(records, batch, Linker(records, members), done)
                store.save(records)
            if progress is not None:
                progress(len(found) + sum(map(len, _counted(done))), len(todo))
        if probe.pending:
            if done.lookups.interrupted:
                raise KeyboardInterrupt  # nothing was written: a part would not be whole
            _absorb(before, _members_first(found, probe), probe, done)
            probe.finish()
            store.save(before)
    _in_order(done, dois)
    return done


def _counted(done: Onboarded) -> tuple[list[Any], ...]:
    return (done.added, done.notices, done.not_registered, done.failed)


def _in_order(done: Onboarded, dois: list[str]) -> None:
    """Batches are absorbed as they come: report them in the order they were asked for."""
    order = {doi: n for n, doi in enumerate(dois)}
    done.added.sort(key=lambda record: order[record.doi])
    done.not_registered.sort(key=lambda item: order[item.doi])
    done.failed.sort(key=lambda item: order[item.doi])
    done.notices.sort(key=order.__getitem__)


def _absorb(records: Records, lookups: list[Lookup], linker: Linker, done: Onboarded) -> None:
    """Add the drafts of one batch to `records`, and what happened to `done`."""
    for lookup in lookups:
        if isinstance(lookup, NotFound):
            done.not_registered.append(lookup)
        elif isinstance(lookup, CouldNotFetch):
            done.failed.append(lookup)
        elif lookup.content.is_notice:
            done.notices.append(lookup.doi)
        else:
            work = lookup.content
            record = draft_from_work(linker, lookup.doi, work.authors, work.metadata)
            records.articles[lookup.doi] = record
            done.added.append(record)
    done.created += linker.created
    done.promoted += [pid for pid in linker.promoted if pid not in done.promoted]
    done.links += [line for line in linker.notices if line not in done.links]
    done.links += [line for line in linker.same_name_people() if line not in done.links]
    done.people = records.people


def _members_first(lookups: list[Lookup], linker: Linker) -> list[Lookup]:
    """The works that carry a member's ORCID iD named with --members first: the member is made
    from that byline, and their iD-less older papers then link to them by name rather than
    making a co-author of the same name."""
    wanted = {query.orcid for query in linker.pending if query.orcid}

    def carries(lookup: Lookup) -> bool:
        if not isinstance(lookup, Fetched) or lookup.content.is_notice:
            return False
        return any(author.orcid in wanted for author in lookup.content.authors)

    return sorted(lookups, key=lambda lookup: not carries(lookup))
