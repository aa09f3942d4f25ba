"""Team members' new publications: Crossref works carrying their ORCID iDs, not yet recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.domain.errors import FetchError, InputError, RunStopped, TransportFailure
from credit_tracker.domain.former import FormerNames
from credit_tracker.domain.harvest import Decision, HarvestDecisions
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import SourceAuthor, WorkMetadata
from credit_tracker.domain.records import Records
from credit_tracker.domain.runs import NewWork, WorkGroup
from credit_tracker.edits.linking import Linker
from credit_tracker.edits.works import draft_from_work
from credit_tracker.parse.crossref import ParsedWork, Unreadable
from credit_tracker.services.clients import Clients
from credit_tracker.services.onboard import Onboarded, add_articles
from credit_tracker.sources.crossref import CrossrefClient
from credit_tracker.store.folder import Store
from credit_tracker.store.harvest_file import read_decisions, write_decisions

ORCIDS_PER_QUERY = 20


@dataclass
class HarvestResult:
    works: list[NewWork] = field(default_factory=list)
    notices_skipped: int = 0
    pages: int = 0
    malformed: list[str] = field(default_factory=list)
    """Items that broke Crossref's schema, with the field named: listed, never guessed at."""
    set_aside: int = 0
    """Works the team rejected or stopped tracking: remembered, not listed again."""
    members: int = 0
    """Team members with an ORCID iD, whose works were asked for."""


@dataclass
class _Seen:
    """What the harvest knows before it asks: the members' iDs, the decisions, the preprints."""

    by_orcid: dict[str, str]
    decisions: HarvestDecisions
    preprint_of: dict[str, str]
    """Preprint DOI → the tracked article whose Crossref record names it (has-preprint)."""


def harvest(
    crossref: CrossrefClient,
    records: Records,
    since: str | None = None,
    rows: int = 100,
    decisions: HarvestDecisions | None = None,
) -> HarvestResult:
    """List the works carrying any team member's ORCID iD that are not in the records.

    Only team members are harvested: co-authors' ORCID iDs are not asked for. Correction,
    retraction and new-version notices are not works to track, so they are skipped; so are the
    works in `decisions` (rejected, or removed from the records). A preprint of a tracked article
    is listed under it, and works that are not articles are listed apart (`NewWork.group`).
    """
    seen = _Seen(
        by_orcid={
            person.orcid: person.id
            for person in records.people.values()
            if person.orcid and person.team_member
        },
        decisions=decisions or HarvestDecisions(),
        preprint_of=_preprints_named(records),
    )
    orcids = sorted(seen.by_orcid)
    result = HarvestResult(members=len(orcids))
    everyone = FormerNames.of([], records.people.values())
    found: dict[str, NewWork] = {}
    for start in range(0, len(orcids), ORCIDS_PER_QUERY):
        for page in crossref.works_by_orcid(orcids[start : start + ORCIDS_PER_QUERY], since, rows):
            result.pages += 1
            for item in page:
                _consider(item, records, seen, found, result, everyone)
    result.works = sorted(found.values(), key=lambda work: work.doi)
    return result


def _preprints_named(records: Records) -> dict[str, str]:
    return {
        preprint: doi
        for doi, history in records.snapshots.items()
        if doi in records.articles
        for snapshot in history
        for preprint in snapshot.preprints
    }


def _guard(
    author: SourceAuthor, records: Records, by_orcid: dict[str, str], everyone: FormerNames
) -> FormerNames:
    """A team member's own former names, and anyone's whole former names, are withheld."""
    member = by_orcid.get(author.orcid or "")
    return everyone if member is None else FormerNames.of([records.people[member]]) | everyone


def _consider(
    item: ParsedWork | Unreadable,
    records: Records,
    seen: _Seen,
    found: dict[str, NewWork],
    result: HarvestResult,
    everyone: FormerNames,
) -> None:
    if isinstance(item, Unreadable):
        result.malformed.append(f"{item.label}: {item.reason}")
        return
    try:
        doi = normalize_doi(item.registered_doi)
    except InputError as exc:  # one work's bad DOI is that work's problem, never the run's
        result.malformed.append(f"a work: DOI: {exc.reason}")
        return
    if doi in records.articles or doi in found:
        return
    if doi in seen.decisions.works:
        result.set_aside += 1
        return
    if item.is_notice:
        result.notices_skipped += 1
        return
    tracked = [d for d in item.preprint_of if d in records.articles]
    shown = [_guard(a, records, seen.by_orcid, everyone).shown(a.raw) for a in item.authors]
    found[doi] = NewWork(
        doi=doi,
        title=item.title or "",
        journal=item.journal or "",
        authors=item.authors,
        members=[seen.by_orcid[a.orcid] for a in item.authors if a.orcid in seen.by_orcid],
        year=item.year,
        type=item.type,
        preprint_of=tracked[0] if tracked else seen.preprint_of.get(doi),
        shown=shown,
    )


def add_drafts(records: Records, works: list[NewWork]) -> list[str]:
    """Create draft records (roles not recorded) for the works; return the people created.

    Team members are linked by ORCID iD, then by name; the other authors become co-authors,
    whose own works are not harvested.
    """
    linker = Linker(records)
    for work in works:
        metadata = WorkMetadata(
            title=work.title or None, journal=work.journal or None, year=work.year
        )
        records.articles[work.doi] = draft_from_work(linker, work.doi, work.authors, metadata)
    return linker.created


@dataclass
class Harvested:
    """What `harvest` found and did: the new works, the names of the people they carry, the
    draft records added (with --add) and the requests sent."""

    result: HarvestResult
    names: dict[str, str]
    """Person id → the name the records give them."""
    added: int = 0
    new_people: int = 0
    requests: int = 0


def harvest_team(
    store: Store, clients: Clients, since: str | None, rows: int, add: bool = False
) -> Harvested:
    """List the works carrying a team member's ORCID iD that are not in the records; with
    `add`, record each new article as a draft (the works listed apart wait for `accept`).
    FetchError, nothing written, when Crossref cannot list them; InputError when no team
    member has an ORCID iD to ask for."""
    with store.locked():
        records = store.load()
        require_members(records)
        try:
            result = harvest(clients.crossref, records, since, rows, read_decisions(store))
        except (TransportFailure, RunStopped) as exc:
            raise FetchError(f"Crossref could not list the team's works: {exc.reason}") from None
        created: list[str] = []
        new = [work for work in result.works if work.group is WorkGroup.NEW]
        if add and new:
            created = add_drafts(records, new)
            store.save(records)
    return Harvested(
        result=result,
        names={pid: person.name.display() for pid, person in records.people.items()},
        added=len(new) if add else 0,
        new_people=len(created),
        requests=clients.requests,
    )


def require_members(records: Records) -> None:
    """InputError saying how to name them when no team member has an ORCID iD to harvest by."""
    members = [p for p in records.people.values() if p.team_member]
    if any(p.orcid for p in members):
        return
    why = "no team member has an ORCID iD" if members else "the records name no team member"
    raise InputError(
        f"nothing to harvest: {why}; name them with 'credit-tracker person set-member ID' "
        "(and 'credit-tracker person set-orcid ID ORCID'), 'records add --members', or "
        "'person import ROSTER'"
    )


def reject_works(store: Store, dois: list[str], note: str, on: str) -> list[str]:
    """Remember the works as not the team's, so the harvest never lists them again; a line each.

    InputError, nothing written, for a DOI the records track (remove it with `records remove`).
    """
    keys = list(dict.fromkeys(normalize_doi(doi) for doi in dois))
    with store.locked():
        tracked = [doi for doi in keys if doi in store.load(keys).articles]
        if tracked:
            raise InputError(
                f"{tracked[0]} is tracked; stop tracking it with 'credit-tracker records remove'"
            )
        decisions = read_decisions(store)
        for doi in keys:
            decisions.set_aside(doi, Decision.REJECTED, on, note)
        write_decisions(store, decisions)
    return [f"rejected {doi}: the harvest will not list it again" for doi in keys]


def forget_decisions(store: Store, dois: list[str]) -> None:
    """Take the works off the harvest's memory (they are tracked again); the caller holds no
    lock."""
    with store.locked():
        decisions = read_decisions(store)
        for doi in dois:
            decisions.works.pop(doi, None)
        write_decisions(store, decisions)


def remember_removed(store: Store, dois: list[str], on: str) -> None:
    """Remember works the team stopped tracking, so the harvest does not list them as new;
    the caller holds the records' lock."""
    decisions = read_decisions(store)
    for doi in dois:
        decisions.set_aside(doi, Decision.REMOVED, on)
    write_decisions(store, decisions)


def accept_works(store: Store, clients: Clients, dois: list[str]) -> Onboarded:
    """Track the works as `records add` does (drafts, members linked), and forget any decision
    that set them aside."""
    done = add_articles(store, clients, dois, [])
    forget_decisions(store, [record.doi for record in done.added])
    return done
