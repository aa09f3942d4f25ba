"""People as the commands and the desk both handle them: found, shown with their articles and
their view, merged, removed, made members or co-authors, given spellings, former names and
ORCID iDs, and offered the names in their ORCID record.

Each write holds the records' lock and writes what it changed once, or nothing when it refuses;
only team.json is written, except by a merge, which moves the articles naming the other person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from credit_tracker.check.authorship import author_view
from credit_tracker.domain.author_view import AuthorView
from credit_tracker.domain.errors import FetchError, InputError, TransportFailure
from credit_tracker.domain.models import Person
from credit_tracker.domain.names import typographic_key
from credit_tracker.domain.people import PeopleIndex, find_person
from credit_tracker.domain.records import Records
from credit_tracker.edits import person_edits
from credit_tracker.edits.roster import apply_roster
from credit_tracker.parse.roster import parse_roster
from credit_tracker.services.clients import Clients
from credit_tracker.services.session import articles_naming, editing
from credit_tracker.services.store_check import check_indexed
from credit_tracker.store.baseline_file import read_baseline, write_baseline
from credit_tracker.store.folder import Store
from credit_tracker.store.records_index import RecordsIndex


@dataclass(frozen=True)
class PersonArticles:
    """A person and the records of the articles naming them (`person show`)."""

    person: Person
    dois: list[str]
    records: Records


def person_articles(store: Store, query: str) -> PersonArticles:
    """Find the person `query` names and load their articles; InputError or NotFoundError as
    finding them raises."""
    person = find_person(store.load_team(), query)
    dois = articles_naming(store, [person.id])
    return PersonArticles(person=person, dois=dois, records=store.load(dois))


def person_view(index: RecordsIndex, person: Person, today: date, stale_after: int) -> AuthorView:
    """Check only the person's own articles (read through the records index) and return their
    view of them: what `author` prints and the desk's person page shows."""
    records, report = check_indexed(index, index.dois_of(person.id), today, stale_after)
    return author_view(records, person, report)


@dataclass(frozen=True)
class Added:
    """What adding a spelling or a former name did: to whom, and whether it was new."""

    person: Person
    added: bool


def add_spelling(store: Store, query: str, spelling: str) -> Added:
    """Accept a spelling of the person's name (never reported as an error)."""
    with editing(store, []) as records:
        person = find_person(records, query)
        added = person_edits.add_accepted_spelling(person, spelling)
    return Added(person=person, added=added)


def add_former_name(store: Store, query: str, name: str) -> Added:
    """Record a confidential former name: used to recognise the person, never printed."""
    with editing(store, []) as records:
        person = find_person(records, query)
        added = person_edits.add_former_name(person, name)
    return Added(person=person, added=added)


def set_orcid(store: Store, query: str, orcid: str) -> tuple[Person, str]:
    """Set the person's ORCID iD (the check digit verified); return them and the iD as stored."""
    with editing(store, []) as records:
        person = find_person(records, query)
        value = person_edits.set_orcid(records, person, orcid)
    return person, value


def set_membership(store: Store, queries: Iterable[str], member: bool) -> list[str]:
    """Make these people team members (harvested) or co-authors; a line per person."""
    with editing(store, []) as records:
        index = PeopleIndex(records.people)
        found = {person.id: person for person in (find_person(index, q) for q in queries)}
        return [person_edits.set_member(person, member) for person in found.values()]


def remove_person(store: Store, query: str) -> list[str]:
    """Remove a person no article names; InputError (nothing written) while one does."""
    with editing(store, []) as records:
        person = find_person(records, query)
        return person_edits.remove_person(records, person, articles_naming(store, [person.id]))


def merge(store: Store, keep: str, other: str) -> list[str]:
    """Merge OTHER into KEEP (queries: ids, ORCID iDs or names); return a line per change.

    The people are read once, under the lock, and every article naming either of them is
    loaded with them. Raises InputError, writing nothing, when the merge is refused (two
    ORCID iDs, one article naming both, ...).
    """
    ids: list[str] = []

    def named(team: Records) -> list[str]:
        index = PeopleIndex(team.people)  # one index for both queries
        ids.extend(find_person(index, query).id for query in (keep, other))
        return ids

    with editing(store, [], naming=named) as records:
        kept, merged = (records.people[pid] for pid in ids)
        return person_edits.merge_people(records, kept, merged)


@dataclass(frozen=True)
class Suggestions:
    """Names in the person's ORCID record not yet accepted as spellings; nothing is accepted."""

    person: Person
    names: list[str]


def suggest_spellings(store: Store, query: str, clients: Clients) -> Suggestions:
    """Offer the credit name, the given and family names and the other names of the person's
    ORCID record. InputError without an ORCID iD or a public record; FetchError when ORCID
    cannot be read."""
    person = find_person(store.load_team(), query)
    if not person.orcid:
        raise InputError(
            f"{person.id} has no ORCID iD; set one with 'credit-tracker person set-orcid'"
        )
    try:
        names = clients.orcid.person(person.orcid)
    except TransportFailure as exc:
        raise FetchError(f"ORCID could not be read: {exc.reason}") from None
    if names is None:
        raise InputError(f"ORCID has no public record for {person.orcid}")
    known = {typographic_key(s) for s in (person.name.display(), *person.accepted_spellings)}
    offered = [
        n
        for n in (names.credit_name, f"{names.given} {names.family}".strip(), *names.other_names)
        if n
    ]
    fresh = list(dict.fromkeys(n for n in offered if typographic_key(n) not in known))
    return Suggestions(person=person, names=fresh)


def rename(store: Store, query: str, new_id: str, baseline: Path | None = None) -> list[str]:
    """Give the person QUERY names the id `new_id` everywhere (records, acknowledgements,
    correction requests and, given its path, the baseline file); a line per change. InputError,
    nothing written, for an id that is not one or is taken."""
    ids: list[str] = []

    def named(team: Records) -> list[str]:
        ids.append(find_person(team, query).id)
        return ids

    with editing(store, [], naming=named) as records:
        done = person_edits.rename_person(records, records.people[ids[0]], new_id)
        if baseline is not None:
            done.lines += _rekey_baseline(baseline, done.findings)
    return done.lines


def _rekey_baseline(path: Path, renamed: dict[str, str]) -> list[str]:
    known = read_baseline(path)
    moved = [old for old in renamed if old in known.findings]
    for old in moved:
        known.findings[renamed[old]] = known.findings.pop(old)
    if moved:
        known.findings = dict(sorted(known.findings.items()))
        write_baseline(path, known)
    return [f"baseline entry {old} is now {renamed[old]}" for old in moved]


def import_roster(store: Store, data: bytes, path: str, sheet: str | None = None) -> list[str]:
    """Set up the team from a roster (name, ORCID iD, member, spellings): a line per person
    made or changed. InputError naming the file, line and column, nothing written, for a bad
    cell or a name that fits two people."""
    entries = parse_roster(data, path, sheet)
    with editing(store, []) as records:
        return apply_roster(records, entries, path)
