"""Importing into the team's records: a tenzing table or an exported record replaces an article's
record, with its people linked; what changed is told line by line. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi, normalize_orcid
from credit_tracker.domain.models import ArticleRecord, Person, TeamAuthor, role_text
from credit_tracker.domain.records import Records
from credit_tracker.domain.text import require_safe_text
from credit_tracker.edits.linking import Linker
from credit_tracker.parse.tenzing import ORCID, SURNAME, ParsedTable


@dataclass
class ImportResult:
    """What an import did to the article's record."""

    doi: str
    created: bool
    changes: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)
    """People this import created (with a shared Linker: all the linker created so far)."""
    draft_ended: bool = False


def import_table(
    records: Records,
    doi: str,
    table: ParsedTable,
    title: str | None = None,
    *,
    linker: Linker | None = None,
    path: str | None = None,
) -> ImportResult:
    """Replace the article's record with the table's authors, linking people or creating them.

    Raises InputError (naming `path` and the line) when two rows are one person by ORCID iD.
    """
    doi = normalize_doi(doi)
    if title is not None:
        require_safe_text(title, field="title")
    linker = linker or Linker(records)
    authors: list[TeamAuthor] = []
    lines: dict[str, int] = {}
    for imported in table.authors:
        person = linker.link(imported.author.printed, imported.orcid, doi, exclude=set(lines))
        printed = imported.author.printed
        linker.refuse_former(person, printed, path=path, line=imported.line, field=SURNAME)
        if person.id in lines:
            raise InputError(
                f"the ORCID iD is also on line {lines[person.id]}: one person on two rows",
                path=path,
                line=imported.line,
                field=ORCID,
            )
        lines[person.id] = imported.line
        authors.append(imported.author.model_copy(update={"person": person.id}))
    old = records.articles.get(doi)
    record = ArticleRecord(
        doi=doi,
        title=title or (old.title if old else None),
        journal=old.journal if old else None,
        year=old.year if old else None,
        authors=authors,
        columns=table.columns,
        layout=table.layout,
        not_on_byline=table.not_on_byline,
        draft=old.draft if old else False,
        note=old.note if old else None,
    )
    return _replace(records, old, record, linker)


def import_record(
    records: Records,
    record: ArticleRecord,
    *,
    linker: Linker | None = None,
    path: str | None = None,
) -> ImportResult:
    """Replace the article's record with an exported one (`records export --format json`).

    Authors keep their person ids where the records know them; the others are linked by name
    like a table's rows.
    """
    linker = linker or Linker(records)
    authors: list[TeamAuthor] = []
    taken: set[str] = set()
    for n, author in enumerate(record.authors):
        known = author.person in records.people and author.person not in taken
        person = records.people[author.person] if known else None
        if person is None:
            orcid = _orcid_or_none(author.extra.get(ORCID, ""))
            person = linker.link(author.printed, orcid, record.doi, exclude=taken)
        linker.refuse_former(person, author.printed, path=path, field=f"authors.{n}.printed")
        taken.add(person.id)
        authors.append(author.model_copy(update={"person": person.id}))
    new = record.model_copy(update={"authors": authors})
    return _replace(records, records.articles.get(record.doi), new, linker)


def _orcid_or_none(text: str) -> str | None:
    """The ORCID iD a table's cell gave (kept in the record's extra columns), if it is one."""
    try:
        return normalize_orcid(text)
    except InputError:
        return None


def _replace(
    records: Records, old: ArticleRecord | None, record: ArticleRecord, linker: Linker
) -> ImportResult:
    result = ImportResult(doi=record.doi, created=old is None, new_people=list(linker.created))
    result.draft_ended = settle_draft(record, records.people)
    if old is not None:
        result.changes = describe_changes(old, record, records.people)
        if not (result.changes or result.draft_ended) and old.title == record.title:
            # the same record, perhaps written in another sheet's layout: the stored one stays,
            # byte for byte (a team's sheet exported and imported back changes nothing)
            return result
    records.articles[record.doi] = record
    return result


def settle_draft(record: ArticleRecord, people: dict[str, Person]) -> bool:
    """End the record's draft once roles are recorded; return True when it ended now.

    A draft ends when every team member on the byline has roles recorded (every author, when
    no team member is on it): the office records its own people's roles.
    """
    if not record.draft:
        return False
    members = [a for a in record.authors if a.person in people and people[a.person].team_member]
    if any(author.roles is None for author in members or record.authors):
        return False
    record.draft = False
    if record.note and record.note.startswith("Draft"):
        record.note = None
    return True


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
            changes.extend(author_changes(before, after))
    return changes


def author_changes(before: TeamAuthor, after: TeamAuthor) -> list[str]:
    """Return one line per difference between two versions of one byline entry."""
    name = after.printed.display()
    lines = []
    if before.printed != after.printed:
        lines.append(f"{before.printed.display()}: name now printed as {name}")
    old_roles = role_text(before)
    new_roles = role_text(after)
    if old_roles != new_roles:
        lines.append(f"{name}: roles {old_roles} → {new_roles}")
    if before.corresponding != after.corresponding:
        lines.append(f"{name}: corresponding author {before.corresponding} → {after.corresponding}")
    return lines
