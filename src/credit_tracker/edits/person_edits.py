"""Editing people: merging two records of one person, renaming one, removing one, team
membership, accepted spellings, former names and ORCID iDs. Pure.

Merging and removing change the people, the articles naming them, acknowledgements and correction
requests together; they refuse (InputError, nothing changed) what cannot be done cleanly, so that
the command writes all of it or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from credit_tracker.compare.article import compare_article
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.findings import Finding
from credit_tracker.domain.identifiers import normalize_orcid
from credit_tracker.domain.models import Person, article_label, request_id
from credit_tracker.domain.names import clean, fold
from credit_tracker.domain.records import Acknowledgement, Records
from credit_tracker.domain.text import require_safe_text


def dois_naming(records: Records, person_id: str) -> list[str]:
    """The DOIs of the loaded articles that have this person on the byline, sorted."""
    return sorted(
        doi
        for doi, record in records.articles.items()
        if any(author.person == person_id for author in record.authors)
    )


def merge_people(records: Records, keep: Person, other: Person) -> list[str]:
    """Make `other` part of `keep` and remove `other`; return one line per change.

    `records` must hold every article naming `other` (with its snapshots). Names, accepted
    spellings, former names, the ORCID iD and membership move to `keep`; so do the article
    links, acknowledged findings and correction requests. Raises InputError, changing
    nothing, for two people with different ORCID iDs, one article naming both, or two
    correction requests that would get one id.
    """
    dois = dois_naming(records, other.id)
    _refuse_merge(records, keep, other, dois)
    before = _findings(records, dois, other.id)
    changes = [f"merged {other.id} into {keep.id}"]
    changes += _merge_names(keep, other)
    for doi in dois:
        record = records.articles[doi]
        for n, author in enumerate(record.authors):
            if author.person == other.id:
                record.authors[n] = author.model_copy(update={"person": keep.id})
                changes.append(f"{article_label(record)}: author {n + 1} is now {keep.id}")
    del records.people[other.id]
    renamed = _renamed_findings(before, _findings(records, dois, keep.id))
    changes += _move_acknowledgements(records, renamed)
    changes += _move_corrections(records, keep, other, renamed)
    return changes


def _refuse_merge(records: Records, keep: Person, other: Person, dois: list[str]) -> None:
    if keep.id == other.id:
        raise InputError(f"{keep.id} and {other.id} are the same person already")
    if keep.orcid and other.orcid and keep.orcid != other.orcid:
        raise InputError(
            f"{keep.id} has ORCID iD {keep.orcid} and {other.id} has {other.orcid}: two ORCID "
            "iDs are two people; correct one with 'credit-tracker person set-orcid' first"
        )
    both = [doi for doi in dois if doi in dois_naming(records, keep.id)]
    if both:
        raise InputError(
            f"{keep.id} and {other.id} are both authors of {both[0]}; correct that record first"
        )
    for request in records.corrections.values():
        if request.person == other.id and request_id(request.doi, keep.id) in records.corrections:
            raise InputError(
                f"{keep.id} and {other.id} each have a correction request for {request.doi}; "
                "resolve one first"
            )


def _merge_names(keep: Person, other: Person) -> list[str]:
    changes = []
    known = {fold(spelling) for spelling in (keep.name.display(), *keep.accepted_spellings)}
    for spelling in (other.name.display(), *other.accepted_spellings):
        if fold(spelling) not in known:
            keep.accepted_spellings.append(spelling)
            known.add(fold(spelling))
            changes.append(f"{keep.id}: accepted spelling {spelling}")
    former = [name for name in other.former_names if name not in keep.former_names]
    if former:
        keep.former_names.extend(former)
        changes.append(f"{keep.id}: {len(former)} former name(s) (confidential, not shown)")
    if other.orcid and not keep.orcid:
        keep.orcid = other.orcid
        changes.append(f"{keep.id}: ORCID {other.orcid}")
    if other.team_member and not keep.team_member:
        keep.team_member = True
        changes.append(f"{keep.id}: now a team member")
    return changes


def _findings(records: Records, dois: list[str], person_id: str) -> list[Finding]:
    """This person's findings on these articles, as the check gives them now."""
    found = []
    for doi in dois:
        result = compare_article(
            records.articles[doi], records.people, records.snapshots.get(doi, [])
        )
        found += [f for f in result.findings if f.author and f.author.person == person_id]
    return found


def _renamed_findings(before: list[Finding], after: list[Finding]) -> dict[str, str]:
    """Old finding id → new id: the same difference, now about the kept person."""

    def key(finding: Finding) -> tuple[object, ...]:
        position = finding.author.position if finding.author else None
        return (
            finding.doi,
            finding.source,
            finding.rule,
            position,
            finding.expected,
            finding.observed,
        )

    new = {key(finding): finding.id for finding in after}
    return {f.id: new[key(f)] for f in before if key(f) in new and new[key(f)] != f.id}


def _move_acknowledgements(records: Records, renamed: dict[str, str]) -> list[str]:
    changes = []
    for old, new in renamed.items():
        ack = records.acknowledgements.pop(old, None)
        if ack is None:
            continue
        if new not in records.acknowledgements:
            records.acknowledgements[new] = Acknowledgement(
                finding_id=new, doi=ack.doi, rule=ack.rule, note=ack.note, at=ack.at
            )
        changes.append(f"acknowledgement {old} is now {new}")
    return changes


def _move_corrections(
    records: Records, keep: Person, other: Person, renamed: dict[str, str]
) -> list[str]:
    changes = []
    for key, request in sorted(records.corrections.items()):
        ids = [renamed.get(finding, finding) for finding in request.finding_ids]
        if request.person != other.id and ids == request.finding_ids:
            continue
        del records.corrections[key]
        person = keep.id if request.person == other.id else request.person
        moved = request.model_copy(
            update={"id": request_id(request.doi, person), "person": person, "finding_ids": ids}
        )
        records.corrections[moved.id] = moved
        changes.append(f"correction request {key} is now {moved.id}")
    return changes


def remove_person(records: Records, person: Person, on_articles: Iterable[str]) -> list[str]:
    """Remove a person no article names; InputError (nothing changed) while one does."""
    dois = sorted(on_articles)
    if dois:
        more = f" and {len(dois) - 1} more" if len(dois) > 1 else ""
        raise InputError(
            f"{person.id} is an author of {dois[0]}{more}; remove them from the record or merge "
            "them into another person first"
        )
    requests = [key for key, r in records.corrections.items() if r.person == person.id]
    if requests:
        raise InputError(f"{person.id} is named by the correction request {requests[0]}")
    del records.people[person.id]
    return [f"removed {person.id} ({person.name.display()})"]


def set_member(person: Person, member: bool) -> str:
    """Make the person a team member or a co-author; return the line saying what changed."""
    state = "a team member" if member else "a co-author, not a team member"
    if person.team_member == member:
        return f"{person.id}: already {state}"
    person.team_member = member
    return f"{person.id}: now {state}"


def add_accepted_spelling(person: Person, spelling: str) -> bool:
    """Add a spelling the person accepts; return False if it was already there."""
    return _add_name(person.accepted_spellings, spelling, "spelling")


def add_former_name(person: Person, former: str) -> bool:
    """Add a confidential former name; return False if it was already there."""
    return _add_name(person.former_names, former, "former name")


def _add_name(names: list[str], text: str, field: str) -> bool:
    """Add a name to one of the person's lists; InputError naming `field` for an empty name or
    an invisible or control character in it."""
    name = clean(require_safe_text(text, field=field))
    if not name:
        raise InputError(f"the {field} is empty", field=field)
    if name in names:
        return False
    names.append(name)
    return True


def set_orcid(records: Records, person: Person, orcid: str) -> str:
    """Set the person's ORCID iD (normalised and verified); refuse one held by someone else."""
    value = normalize_orcid(orcid)
    for other in records.people.values():
        if other.id != person.id and other.orcid == value:
            raise InputError(f"{value} already belongs to {other.id}", field="ORCID")
    person.orcid = value
    return value


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class Renamed:
    """What renaming a person did: a line per change, and old finding id → new id (for a
    baseline file kept outside the records)."""

    lines: list[str]
    findings: dict[str, str]


def rename_person(records: Records, person: Person, new_id: str) -> Renamed:
    """Give `person` the id `new_id` everywhere: the people, the bylines, acknowledged findings
    and correction requests (finding ids follow the id). `records` must hold every article
    naming the person. InputError, nothing changed, for an id that is not one or is taken."""
    if not _ID.fullmatch(new_id):
        raise InputError(
            f"{new_id!r} is not a person id: lower-case letters and digits joined by '-', "
            "e.g. 'carl-boettiger'"
        )
    if new_id in records.people:
        raise InputError(f"{new_id} is taken; merge the two with 'credit-tracker person merge'")
    dois = dois_naming(records, person.id)
    before = _findings(records, dois, person.id)
    renamed = person.model_copy(update={"id": new_id})
    del records.people[person.id]
    records.people[new_id] = renamed
    lines = [f"renamed {person.id} to {new_id}"]
    for doi in dois:
        record = records.articles[doi]
        for n, author in enumerate(record.authors):
            if author.person == person.id:
                record.authors[n] = author.model_copy(update={"person": new_id})
                lines.append(f"{article_label(record)}: author {n + 1} is now {new_id}")
    moved = _renamed_findings(before, _findings(records, dois, new_id))
    lines += _move_acknowledgements(records, moved)
    lines += _move_corrections(records, renamed, person, moved)
    return Renamed(lines=lines, findings=moved)
