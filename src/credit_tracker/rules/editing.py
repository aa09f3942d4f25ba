"""Editing the team's records: importing tables, linking and editing people. Pure over Records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from credit_tracker.domain.errors import InputError, NotFoundError
from credit_tracker.domain.identifiers import normalize_doi, normalize_orcid
from credit_tracker.domain.models import ArticleRecord, Person, TeamAuthor
from credit_tracker.domain.names import PersonName, clean, fold, strip_diacritics
from credit_tracker.domain.records import Records
from credit_tracker.domain.text import require_safe_text
from credit_tracker.parse.tenzing import ParsedTable


@dataclass
class ImportResult:
    """What an import did to the article's record."""

    doi: str
    created: bool
    changes: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)


def import_table(
    records: Records, doi: str, table: ParsedTable, title: str | None = None
) -> ImportResult:
    """Replace the article's record with the table's authors, linking or creating people."""
    doi = normalize_doi(doi)
    if title is not None:
        require_safe_text(title, field="title")
    old = records.articles.get(doi)
    result = ImportResult(doi=doi, created=old is None)
    authors: list[TeamAuthor] = []
    for imported in table.authors:
        person = link_person(records, imported.author.printed, imported.orcid, result.new_people)
        authors.append(imported.author.model_copy(update={"person": person.id}))
    record = ArticleRecord(
        doi=doi,
        title=title or (old.title if old else None),
        journal=old.journal if old else None,
        authors=authors,
        columns=table.columns,
    )
    if old is not None:
        result.changes = describe_changes(old, record, records.people)
    records.articles[doi] = record
    return result


def link_person(
    records: Records,
    name: PersonName,
    orcid: str | None,
    new_people: list[str],
    team_member: bool = True,
) -> Person:
    """Return the person with this ORCID or name, or a new one (its id added to `new_people`)."""
    if orcid:
        for person in records.people.values():
            if person.orcid == orcid:
                return person
    key = fold(name.display())
    for person in records.people.values():
        spellings = [person.name.display(), *person.accepted_spellings]
        if key in {fold(spelling) for spelling in spellings} and (not orcid or not person.orcid):
            if orcid and not person.orcid:
                person.orcid = orcid
            return person
    person = Person(
        id=_new_person_id(records, name), name=name, orcid=orcid, team_member=team_member
    )
    records.people[person.id] = person
    new_people.append(person.id)
    return person


def _new_person_id(records: Records, name: PersonName) -> str:
    base = (
        re.sub(r"[^a-z0-9]+", "-", strip_diacritics(name.display()).lower()).strip("-") or "person"
    )
    candidate, number = base, 2
    while candidate in records.people:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def describe_changes(
    old: ArticleRecord, new: ArticleRecord, people: dict[str, Person]
) -> list[str]:
    """Return one line per difference between two records of one article."""
    changes: list[str] = []
    old_by_person = {author.person: author for author in old.authors}
    new_by_person = {author.person: author for author in new.authors}
    for author in old.authors:
        if author.person not in new_by_person:
            changes.append(f"removed author {author.printed.display()}")
    for author in new.authors:
        if author.person not in old_by_person:
            changes.append(f"added author {author.printed.display()}")
    old_order = [a.person for a in old.authors if a.person in new_by_person]
    new_order = [a.person for a in new.authors if a.person in old_by_person]
    if old_order != new_order:
        changes.append("changed the author order")
    for person, before in old_by_person.items():
        after = new_by_person.get(person)
        if after is not None:
            changes.extend(_author_changes(before, after))
    return changes


def _author_changes(before: TeamAuthor, after: TeamAuthor) -> list[str]:
    name = after.printed.display()
    lines = []
    if before.printed != after.printed:
        lines.append(f"{before.printed.display()}: name now printed as {name}")
    old_roles = _role_text(before)
    new_roles = _role_text(after)
    if old_roles != new_roles:
        lines.append(f"{name}: roles {old_roles} → {new_roles}")
    if before.corresponding != after.corresponding:
        lines.append(f"{name}: corresponding author {before.corresponding} → {after.corresponding}")
    return lines


def _role_text(author: TeamAuthor) -> str:
    if author.roles is None:
        return "not recorded"
    return "; ".join(a.label for a in author.roles) or "none"


def get_article(records: Records, doi: str) -> ArticleRecord:
    """Return the article's record; NotFoundError when the team has none."""
    key = normalize_doi(doi)
    if key not in records.articles:
        raise NotFoundError(f"no record for {key}; see 'credit-tracker records list'")
    return records.articles[key]


def find_person(records: Records, query: str) -> Person:
    """Return the person a query names: an id, an ORCID, or a name in any accepted spelling.

    Former names are matched too, but the person is returned without saying which name matched.
    """
    query = clean(query)
    if query in records.people:
        return records.people[query]
    try:
        orcid = normalize_orcid(query)
    except InputError:
        orcid = None
    key = fold(query)
    matches = [
        person
        for person in records.people.values()
        if (orcid and person.orcid == orcid)
        or key
        in {
            fold(s)
            for s in (person.name.display(), *person.accepted_spellings, *person.former_names)
        }
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        ids = ", ".join(person.id for person in matches)
        raise InputError(f"{query!r} names more than one person ({ids}); use the id")
    raise NotFoundError(f"no person matches {query!r}; see 'credit-tracker person list'")


def add_accepted_spelling(person: Person, spelling: str) -> bool:
    """Add a spelling the person accepts; return False if it was already there."""
    spelling = clean(require_safe_text(spelling, field="spelling"))
    if not spelling:
        raise InputError("the spelling is empty", field="spelling")
    if spelling in person.accepted_spellings:
        return False
    person.accepted_spellings.append(spelling)
    return True


def add_former_name(person: Person, former: str) -> bool:
    """Add a confidential former name; return False if it was already there."""
    former = clean(require_safe_text(former, field="former name"))
    if not former:
        raise InputError("the former name is empty", field="former name")
    if former in person.former_names:
        return False
    person.former_names.append(former)
    return True


def set_orcid(records: Records, person: Person, orcid: str) -> str:
    """Set the person's ORCID iD (normalised and verified); refuse one held by someone else."""
    value = normalize_orcid(orcid)
    for other in records.people.values():
        if other.id != person.id and other.orcid == value:
            raise InputError(f"{value} already belongs to {other.id}", field="ORCID")
    person.orcid = value
    return value
