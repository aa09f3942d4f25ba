"""Asking authors to confirm their roles, as the commands and the desk both do it: requests (one
sheet per person), answered sheets imported, the round's status, reminders for the overdue, and
roles confirmed with the author at the desk.

Each write holds the records' lock and writes each article shard it changed once, in one batch,
or nothing when it refuses (team.json is never written: the round lives on the byline places).
Files for people are written through `write`, before the records note them: a request whose
file could not be written leaves no trace in the records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from credit_tracker.confirm.answers import (
    apply_answers,
    confirm_with_author,
    record_asked,
    record_reminded,
)
from credit_tracker.confirm.questions import person_papers, sheet_for
from credit_tracker.confirm.status import round_status
from credit_tracker.domain.confirm_sheet import AnswerOutcome, AnswerSheet, ConfirmationSheet
from credit_tracker.domain.confirmation import PlaceState, PlaceStatus
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import Person, RoleAssignment
from credit_tracker.domain.people import PeopleIndex, find_person
from credit_tracker.domain.records import Records
from credit_tracker.parse.answer_sheet import read_answer_sheet
from credit_tracker.services.forked import forked_map
from credit_tracker.services.session import editing, editing_articles
from credit_tracker.store.folder import ARTICLES, Store
from credit_tracker.store.office_file import read_office
from credit_tracker.store.records_index import RecordsIndex
from credit_tracker.store.validated import read_article_shard

WriteSheet = Callable[[ConfirmationSheet], str]
"""Writes one person's file and returns its name (as the round records it)."""


@dataclass(frozen=True)
class Asked:
    """One person's request: the file written and the papers in it (none: nothing to ask)."""

    person: Person
    file: str | None
    papers: int


def _chosen(records: Records, queries: Iterable[str], members: bool) -> list[Person]:
    """The people named (ids, ORCID iDs, names), or every team member with --members."""
    named = list(queries)
    if members and named:
        raise InputError("give PERSON... or --members, not both", field="--members")
    if members:
        return sorted((p for p in records.people.values() if p.team_member), key=lambda p: p.id)
    if not named:
        raise InputError("name the people to ask, or give --members", field="PERSON")
    index = PeopleIndex(records.people)
    found = {person.id: person for person in (find_person(index, q) for q in named)}
    return list(found.values())


def _ids(queries: list[str], members: bool) -> Callable[[Records], list[str]]:
    return lambda team: [person.id for person in _chosen(team, queries, members)]


def request(
    store: Store,
    queries: Iterable[str],
    *,
    members: bool,
    include_confirmed: bool,
    today: date,
    write: WriteSheet,
) -> list[Asked]:
    """Write a sheet for each person named (or every member) and note them asked.

    Papers the person confirmed already are left out unless `include_confirmed`; a person with
    nothing left to ask gets no file, and a member on no tracked paper is not listed. Raises
    InputError or NotFoundError for a query that names nobody, writing nothing.
    """
    named = list(queries)
    signature = _signature(store)
    done: list[Asked] = []
    with editing(store, [], naming=_ids(named, members), team=False) as records:
        for person in _chosen(records, named, members):
            papers = person_papers(records, person.id)
            if members and not papers:
                continue
            sheet = sheet_for(
                records,
                person,
                today.isoformat(),
                include_confirmed=include_confirmed,
                papers=papers,
            )
            if not sheet.papers:
                done.append(Asked(person=person, file=None, papers=0))
                continue
            file = write(replace(sheet, signature=signature))
            record_asked(records, sheet, file)
            done.append(Asked(person=person, file=file, papers=len(sheet.papers)))
    return done


def _signature(store: Store) -> tuple[str, ...]:
    sender = read_office(store)
    return tuple(sender.signature) if sender is not None else ()


READ_APART_FROM = 16
"""Answered sheets from which they are read on every core: each stands alone, and reading one
(its XML, every cell checked) is pure computing, most of an import of hundreds."""


def read_answers(files: Iterable[tuple[str, bytes]]) -> list[AnswerSheet]:
    """Every file read as an answered sheet; InputError naming the cell of the first refused
    (in the files' order)."""
    return forked_map(_read_answer, list(files), parallel_from=READ_APART_FROM)


def _read_answer(file: tuple[str, bytes]) -> AnswerSheet:
    name, data = file
    return read_answer_sheet(data, name)


def import_answers(store: Store, sheets: list[AnswerSheet], today: date) -> AnswerOutcome:
    """Apply the answered sheets to the team's record, all or nothing; each shard written once.

    Raises InputError naming file, sheet, row, column and field (nothing written) for a row
    about a paper, person or request the records do not hold.
    """
    dois = sorted({row.doi for sheet in sheets for row in sheet.rows})
    with editing_articles(store, dois) as records:
        return apply_answers(records, sheets, today.isoformat())


def status(
    store: Store,
    queries: Iterable[str],
    *,
    members: bool,
    today: date,
    remind_after: int | None,
) -> list[PlaceStatus]:
    """Each person on each of their papers: confirmed, asked, overdue (last written to more
    than `remind_after` days ago), reported to the office, or never asked.

    Without PERSON or --members: everyone who was ever asked. Reads only the article shards.
    """
    records = store.load_team()
    _read_articles(store, records)
    named = list(queries)
    if named or members:
        people = [person.id for person in _chosen(records, named, members)]
    else:
        people = sorted({a.person for r in records.articles.values() for a in r.authors if a.asked})
    return round_status(records, people, today, remind_after)


def _read_articles(store: Store, records: Records) -> None:
    for shard in store.shards():
        path = str(store.shard_path(ARTICLES, shard))
        records.articles.update(read_article_shard(path, ARTICLES))


def remind(store: Store, remind_after: int, today: date, write: WriteSheet) -> list[Asked]:
    """Write a reminder (a sheet of the papers still unanswered) to each person with an
    overdue request, and note the reminder on those places."""
    signature = _signature(store)
    done: list[Asked] = []
    late: list[PlaceStatus] = []

    def overdue_people(team: Records) -> list[str]:
        """Found under the lock, from the article shards alone."""
        _read_articles(store, team)
        asked = sorted({a.person for r in team.articles.values() for a in r.authors if a.asked})
        found = round_status(team, asked, today, remind_after)
        late.extend(place for place in found if place.state is PlaceState.OVERDUE)
        return sorted({place.person for place in late})

    with editing(store, [], naming=overdue_people, team=False) as records:
        for pid in sorted({place.person for place in late}):
            dois = [place.doi for place in late if place.person == pid]
            sheet = sheet_for(records, records.people[pid], today.isoformat(), dois=dois)
            reminder = replace(sheet, reminder=True, signature=signature)
            file = write(reminder)
            record_reminded(records, sheet)
            done.append(Asked(person=records.people[pid], file=file, papers=len(dois)))
    return done


def desk_sheet(index: RecordsIndex, person: Person, today: date) -> ConfirmationSheet:
    """The grid the desk shows on a person's page: every tracked paper of theirs, confirmed
    ones too, pre-filled as their sheet would be."""
    records = index.load(index.dois_of(person.id))
    return sheet_for(records, person, today.isoformat(), include_confirmed=True)


def confirm_at_desk(
    store: Store, person_id: str, grid: dict[str, list[RoleAssignment]], today: date
) -> list[str]:
    """Record the roles the office confirmed with the author (by DOI): 'confirmed with the
    author by the office'. InputError for a paper the person is not an author of."""
    with editing(store, sorted(grid), team=False) as records:
        mine = {record.doi for record, _n in person_papers(records, person_id)}
        stray = sorted(set(grid) - mine)
        if stray:
            raise InputError(f"{person_id} is not an author of {stray[0]}", field="roles")
        return [
            confirm_with_author(records, doi, person_id, roles, today.isoformat())
            for doi, roles in sorted(grid.items())
        ]
