"""Small edits of one article's record: an author's roles and degrees, the authors' order, an
author's printed name, removing the record. Pure.

Each edit returns one line per change, for the command to print.
"""

from __future__ import annotations

from dataclasses import dataclass

from credit_tracker.domain.credit import ROLES, parse_degree, resolve_role, split_degree
from credit_tracker.domain.errors import InputError, NotFoundError
from credit_tracker.domain.former import refuse_former
from credit_tracker.domain.models import ArticleRecord, RoleAssignment, TeamAuthor, role_text
from credit_tracker.domain.names import PersonName, clean, fold, given_compatible, split_particle
from credit_tracker.domain.people import PeopleIndex, candidates, find_person, name_forms
from credit_tracker.domain.records import Records, get_article
from credit_tracker.domain.text import require_safe_text
from credit_tracker.edits.imports import settle_draft
from credit_tracker.parse.tenzing_columns import MIDDLE, MISSING

_ORDER = {role.slug: n for n, role in enumerate(ROLES)}


def parse_role(text: str) -> RoleAssignment:
    """Return the role (and degree) `text` names: 'Methodology', 'methodology=lead',
    'Writing – review & editing (supporting)', a NISO URI. Raises InputError naming the ROLE."""
    value = clean(text)
    name, sep, degree_text = value.partition("=")
    try:
        if sep:
            return RoleAssignment(role=resolve_role(name).slug, degree=parse_degree(degree_text))
        split = split_degree(value)
        role = resolve_role(split.label if split.degree else value)
    except InputError as exc:
        raise InputError(exc.reason, field="ROLE") from None
    return RoleAssignment(role=role.slug, degree=split.degree)


def find_author(record: ArticleRecord, index: PeopleIndex, query: str) -> int:
    """Return the byline position (0-based) of the author `query` names on this article.

    The query is matched against the article's authors only: their ids, ORCID iDs and names,
    and the names as printed on this article. Raises InputError when it fits several.
    """
    ids = [author.person for author in record.authors]
    # an index of this article's people only: the team's other thousands are not searched
    own = PeopleIndex({pid: index.people[pid] for pid in ids if pid in index.people})
    try:
        return ids.index(find_person(own, query).id)
    except NotFoundError:
        pass
    fitting = [n for n, author in enumerate(record.authors) if _printed_fits(author, query)]
    if len(fitting) == 1:
        return fitting[0]
    if fitting:
        listed = candidates(index, [ids[n] for n in fitting])
        raise InputError(f"{clean(query)!r} could be {len(fitting)} authors: {listed}; give the id")
    raise NotFoundError(
        f"no author of {record.doi} matches {clean(query)!r}; see 'credit-tracker records show "
        f"{record.doi}'"
    )


def _printed_fits(author: TeamAuthor, query: str) -> bool:
    printed = author.printed
    if fold(printed.display()) == fold(query):
        return True
    families = {fold(printed.family), fold(printed.family_full)}
    return any(
        fold(form.family) in families and given_compatible(form.given, printed.given)
        for form in name_forms(query)
    )


def set_roles(
    records: Records, doi: str, position: int, roles: list[RoleAssignment] | None
) -> list[str]:
    """Replace one author's roles (None: not recorded; []: none); return the changes."""
    record = get_article(records, doi)
    return _apply(records, record, position, _ordered(roles) if roles is not None else None)


def add_roles(records: Records, doi: str, position: int, roles: list[RoleAssignment]) -> list[str]:
    """Give one author these roles (a degree given replaces the one held); return the changes."""
    record = get_article(records, doi)
    held = {a.role: a for a in record.authors[position].roles or []}
    for assignment in roles:
        if assignment.role not in held or assignment.degree is not None:
            held[assignment.role] = assignment
    return _apply(records, record, position, _ordered(list(held.values())))


def remove_roles(
    records: Records, doi: str, position: int, roles: list[RoleAssignment]
) -> list[str]:
    """Take these roles from one author; return the changes (none if they held none of them)."""
    record = get_article(records, doi)
    author = record.authors[position]
    if author.roles is None:
        raise InputError(
            f"{author.printed.display()}'s roles on {record.doi} are not recorded; record them "
            "with 'credit-tracker records set-roles'",
            field="ROLE",
        )
    gone = {assignment.role for assignment in roles}
    return _apply(records, record, position, [a for a in author.roles if a.role not in gone])


def _ordered(roles: list[RoleAssignment]) -> list[RoleAssignment]:
    """CRediT's order, one assignment per role (the last given wins)."""
    by_role = {assignment.role: assignment for assignment in roles}
    return sorted(by_role.values(), key=lambda assignment: _ORDER[assignment.role])


def _apply(
    records: Records, record: ArticleRecord, position: int, roles: list[RoleAssignment] | None
) -> list[str]:
    before = record.authors[position]
    after = before.model_copy(update={"roles": roles})
    if role_text(before) == role_text(after):
        return []
    record.authors[position] = after
    changes = [
        f"{record.doi}: {after.printed.display()}: roles {role_text(before)} → {role_text(after)}"
    ]
    if settle_draft(record, records.people):
        changes.append(f"{record.doi}: roles recorded; no longer a draft")
    return changes


def parse_position(text: str) -> int:
    """Return the byline place `text` gives (1 for the first author) as a 0-based position.
    Raises InputError naming the POSITION when it is not a whole number from 1."""
    value = clean(text)
    if not value.isdecimal() or int(value) < 1:
        raise InputError(
            f"{value!r} is not a place on the byline: give a number, 1 for the first author",
            field="POSITION",
        )
    return int(value) - 1


def move_author(records: Records, doi: str, position: int, to: int) -> list[str]:
    """Move the author at byline `position` to `to` (both 0-based), the others closing up;
    return a line per author whose place changed. InputError (field POSITION) when `to` is
    not a place on the byline."""
    record = get_article(records, doi)
    count = len(record.authors)
    if not 0 <= to < count:
        raise InputError(
            f"{to + 1} is not a place on the byline of {record.doi}: it has {count} author(s), "
            f"1 to {count}",
            field="POSITION",
        )
    order = [n for n in range(count) if n != position]
    order.insert(to, position)
    lines = _reorder(record, order)
    # the author moved first, then the ones who made room, down the byline
    return [lines.pop(to), *lines.values()] if to in lines else []


def reorder_authors(records: Records, doi: str, order: list[int]) -> list[str]:
    """Put the authors in a new order: `order[n]` is the old byline position (0-based) of the
    author who comes n-th. Return a line per author whose place changed, down the byline.

    InputError (field PERSON) unless `order` names every author exactly once.
    """
    record = get_article(records, doi)
    if sorted(order) != list(range(len(record.authors))):
        raise InputError(
            f"the new order must name each of the {len(record.authors)} author(s) of "
            f"{record.doi} once",
            field="PERSON",
        )
    return list(_reorder(record, order).values())


def _reorder(record: ArticleRecord, order: list[int]) -> dict[int, str]:
    """Reorder the authors; return the line of each whose place changed, by new position.

    The imported 'Order in publication' labels stay with the places, not the people, so that an
    export numbers the byline as it now reads (and keeps tenzing's ties where they were).
    """
    before = list(record.authors)
    record.authors = [
        before[old].model_copy(update={"order_label": before[new].order_label})
        for new, old in enumerate(order)
    ]
    return {
        new: f"{record.doi}: {before[old].printed.display()}: author {old + 1} → {new + 1}"
        for new, old in enumerate(order)
        if new != old
    }


def set_printed(
    records: Records,
    doi: str,
    position: int,
    given: str,
    family: str,
    particle: str | None = None,
) -> list[str]:
    """Set how the article printed the author at `position`; return the change, if any.

    A particle leading `family` ('van der Pluijm') is kept apart, as imports keep it, unless
    `particle` is given (an undo puts a name back exactly as it was); a suffix stays.
    InputError (field --given or --family) for an empty family name or an invisible or control
    character; nothing is changed then.
    """
    record = get_article(records, doi)
    given = clean(require_safe_text(given, field="--given"))
    family = clean(require_safe_text(family, field="--family"))
    if not family:
        raise InputError("the family name is empty", field="--family")
    if particle is None:
        particle, family = split_particle(family)
    author = record.authors[position]
    printed = PersonName(
        given=given, family=family, particle=particle, suffix=author.printed.suffix
    )
    if printed == author.printed:
        return []
    person = records.people.get(author.person)
    refuse_former(printed, person, PeopleIndex(records.people), field="--family")
    record.authors[position] = author.model_copy(
        update={"printed": printed, "extra": _middle_follows(author.extra, given)}
    )
    return [
        f"{record.doi}: author {position + 1} [{author.person}]: printed name "
        f"{author.printed.display()} → {printed.display()}"
    ]


def _middle_follows(extra: dict[str, str], given: str) -> dict[str, str]:
    """The imported table's 'Middle name' cell, dropped once the given name no longer ends with
    it: the export writes the given name whole then, instead of the middle name twice."""
    middle = extra.get(MIDDLE, MISSING)
    if middle == MISSING or given.endswith(f" {middle}"):
        return extra
    return {name: value for name, value in extra.items() if name != MIDDLE}


@dataclass(frozen=True)
class Removed:
    """A record taken out of the team's records, and what stays behind."""

    record: ArticleRecord
    snapshots: int
    """Its snapshots, kept as history."""
    corrections: list[str]
    """Correction requests about it, kept as history."""


def remove_record(records: Records, doi: str) -> Removed:
    """Remove the article's record; NotFoundError when there is none.

    Its snapshots and correction requests stay, as history: adding the DOI again finds them.
    """
    record = get_article(records, doi)
    del records.articles[record.doi]
    snapshots = records.snapshots.get(record.doi, [])
    kept = sorted(key for key, request in records.corrections.items() if request.doi == record.doi)
    return Removed(record=record, snapshots=len(snapshots), corrections=kept)
