"""Setting up the team from a roster before onboarding: each person found (by ORCID iD, then by
name) or created, given their iD, membership and spellings. Pure.

Found by name only when one person fits; two who fit are refused (InputError, nothing
changed), as are a roster iD that another person holds and a person whose iD differs.
"""

from __future__ import annotations

from credit_tracker.domain.errors import InputError, NotFoundError
from credit_tracker.domain.models import Person
from credit_tracker.domain.people import PeopleIndex, find_person
from credit_tracker.domain.records import Records
from credit_tracker.edits.linking import new_person_id
from credit_tracker.edits.person_edits import add_accepted_spelling
from credit_tracker.parse.roster import RosterEntry


def apply_roster(records: Records, entries: list[RosterEntry], path: str) -> list[str]:
    """Bring the people in line with the roster; return a line per person changed or made."""
    index = PeopleIndex(records.people)
    lines = []
    for entry in entries:
        person = _found(index, entry, path)
        if person is None:
            person = Person(
                id=new_person_id(records.people, entry.name),
                name=entry.name,
                orcid=entry.orcid,
                team_member=entry.member,
            )
            records.people[person.id] = person
            index.add(person)
            changes = ["new " + ("team member" if entry.member else "co-author")]
        else:
            changes = _update(index, person, entry)
        changes += [
            f"accepted spelling {s}" for s in entry.spellings if add_accepted_spelling(person, s)
        ]
        if changes:
            lines.append(f"{person.id} ({person.name.display()}): {'; '.join(changes)}")
    return lines


def _found(index: PeopleIndex, entry: RosterEntry, path: str) -> Person | None:
    if entry.orcid and entry.orcid in index.by_orcid:
        return index.people[index.by_orcid[entry.orcid]]
    try:
        person = find_person(index, entry.name.display())
    except NotFoundError:
        return None
    except InputError as exc:
        raise InputError(exc.reason, path=path, line=entry.line, field="name") from None
    if entry.orcid and person.orcid and person.orcid != entry.orcid:
        return None  # the same name, another iD: another person
    return person


def _update(index: PeopleIndex, person: Person, entry: RosterEntry) -> list[str]:
    changes = []
    if entry.orcid and not person.orcid:
        person.orcid = entry.orcid
        index.add(person)
        changes.append(f"ORCID iD {entry.orcid}")
    if person.team_member != entry.member:
        person.team_member = entry.member
        changes.append("now a team member" if entry.member else "now a co-author")
    return changes
