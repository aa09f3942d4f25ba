"""Team members' new publications: Crossref works carrying their ORCID iDs, not yet recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.domain.errors import FetchError, InputError, RunStopped, TransportFailure
from credit_tracker.domain.former import FormerNames
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import SourceAuthor, WorkMetadata
from credit_tracker.domain.records import Records
from credit_tracker.domain.runs import NewWork
from credit_tracker.edits.linking import Linker
from credit_tracker.edits.works import draft_from_work
from credit_tracker.parse.crossref import ParsedWork, Unreadable
from credit_tracker.services.clients import Clients
from credit_tracker.sources.crossref import CrossrefClient
from credit_tracker.store.folder import Store

ORCIDS_PER_QUERY = 20


@dataclass
class HarvestResult:
    works: list[NewWork] = field(default_factory=list)
    notices_skipped: int = 0
    pages: int = 0
    malformed: list[str] = field(default_factory=list)
    """Items that broke Crossref's schema, with the field named: listed, never guessed at."""


def harvest(
    crossref: CrossrefClient, records: Records, since: str | None = None, rows: int = 100
) -> HarvestResult:
    """List the works carrying any team member's ORCID iD that are not in the records.

    Only team members are harvested: co-authors' ORCID iDs are not asked for. Correction,
    retraction and new-version notices are not works to track, so they are skipped.
    """
    by_orcid = {
        person.orcid: person.id
        for person in records.people.values()
        if person.orcid and person.team_member
    }
    orcids = sorted(by_orcid)
    everyone = FormerNames.of([], records.people.values())
    result = HarvestResult()
    found: dict[str, NewWork] = {}
    for start in range(0, len(orcids), ORCIDS_PER_QUERY):
        for page in crossref.works_by_orcid(orcids[start : start + ORCIDS_PER_QUERY], since, rows):
            result.pages += 1
            for item in page:
                _consider(item, records, by_orcid, found, result, everyone)
    result.works = sorted(found.values(), key=lambda work: work.doi)
    return result


def _guard(
    author: SourceAuthor, records: Records, by_orcid: dict[str, str], everyone: FormerNames
) -> FormerNames:
    """A team member's own former names, and anyone's whole former names, are withheld."""
    member = by_orcid.get(author.orcid or "")
    return everyone if member is None else FormerNames.of([records.people[member]]) | everyone


def _consider(
    item: ParsedWork | Unreadable,
    records: Records,
    by_orcid: dict[str, str],
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
    if item.is_notice:
        result.notices_skipped += 1
        return
    members = [by_orcid[a.orcid] for a in item.authors if a.orcid in by_orcid]
    shown = [_guard(a, records, by_orcid, everyone).shown(a.raw) for a in item.authors]
    found[doi] = NewWork(
        doi=doi,
        title=item.title or "",
        journal=item.journal or "",
        authors=item.authors,
        members=members,
        year=item.year,
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
    `add`, record each as a draft. FetchError, nothing written, when Crossref cannot list them."""
    with store.locked():
        records = store.load()
        try:
            result = harvest(clients.crossref, records, since, rows=rows)
        except (TransportFailure, RunStopped) as exc:
            raise FetchError(f"Crossref could not list the team's works: {exc.reason}") from None
        created: list[str] = []
        if add and result.works:
            created = add_drafts(records, result.works)
            store.save(records)
    return Harvested(
        result=result,
        names={pid: person.name.display() for pid, person in records.people.items()},
        added=len(result.works) if add else 0,
        new_people=len(created),
        requests=clients.requests,
    )
