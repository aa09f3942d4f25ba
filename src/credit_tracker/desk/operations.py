"""The desk's actions: the operations the commands run, called with what the forms give.

Acknowledging, drafting, marking and merging are `services.operations`, shared with the commands;
the small edits call the same rules as their commands, through the same `services.session.editing`
(the records' lock, only the shards touched), an author's edits through `edit_author` as
`records move-author` and `records set-printed` do. Each returns the lines the command would print.
Nothing here decides a rule: the rules live in compare/, check/, corrections/, edits/ and
services/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import (
    CorrectionRequest,
    RequestState,
    RoleAssignment,
    TeamAuthor,
)
from credit_tracker.domain.records import Records, get_article
from credit_tracker.edits.imports import ImportResult
from credit_tracker.edits.record_edits import move_author, parse_position, set_printed, set_roles
from credit_tracker.parse.import_file import Article
from credit_tracker.services.operations import AuthorEdit, edit_author
from credit_tracker.services.session import editing
from credit_tracker.store.folder import Store
from credit_tracker.store.records_index import RecordsIndex


def acknowledge(
    store: Store,
    finding_ids: list[str],
    note: str,
    today: date,
    within: Iterable[str] | None = None,
) -> list[str]:
    """Acknowledge these findings with one note, as `ack` does each; all or none.

    `within` are the articles the queue showed them on: only those are checked again (all
    articles when not given).
    """
    from credit_tracker.services.operations import acknowledge as ack

    done = ack(store, finding_ids, note, today, within=within)
    return [f"acknowledged {f.id} ({f.rule}, {f.doi})" for f in done]


def save_roles(
    store: Store, doi: str, grid: dict[int, list[RoleAssignment] | None]
) -> tuple[list[str], dict[int, list[RoleAssignment] | None]]:
    """Set the roles of the authors in `grid` (by byline position), as `records set-roles`.

    Returns the lines of the changes and the roles they replaced (for undoing once).
    """
    key = normalize_doi(doi)
    with editing(store, [key], team=False) as records:
        record = get_article(records, key)
        before = {n: record.authors[n].roles for n in grid if n < len(record.authors)}
        if len(before) != len(grid):
            raise InputError("the form names an author the record does not have", field="roles")
        lines: list[str] = []
        for position, roles in sorted(grid.items()):
            lines += set_roles(records, key, position, roles)
        replaced = {n: roles for n, roles in before.items() if record.authors[n].roles != roles}
    return lines, replaced


Reverse = Callable[[Store], list[str]]
"""How to undo an edit once: applied to the store, returns the lines of the undoing."""


def move(store: Store, doi: str, person: str, place: str) -> tuple[list[str], Reverse | None]:
    """Move the author `person` names to the byline place `place` (1 for the first), as
    `records move-author` does. Returns the lines and how to undo it (None: nothing changed)."""
    to = parse_position(place)
    return _author_edit(
        store,
        doi,
        person,
        lambda records, key, n: move_author(records, key, n, to),
        lambda _before, n: lambda records, key, m: move_author(records, key, m, n),
    )


def set_printed_name(
    store: Store, doi: str, person: str, given: str, family: str
) -> tuple[list[str], Reverse | None]:
    """Set how the article printed the author's name, as `records set-printed` does. Returns
    the lines and how to undo it (None: nothing changed)."""

    def back(before: TeamAuthor, _n: int) -> AuthorEdit:
        old = before.printed  # put back exactly: the particle as it was kept, not split again
        return lambda records, key, m: set_printed(
            records, key, m, old.given, old.family, old.particle
        )

    return _author_edit(
        store,
        doi,
        person,
        lambda records, key, n: set_printed(records, key, n, given, family),
        back,
    )


def _author_edit(
    store: Store,
    doi: str,
    person: str,
    change: AuthorEdit,
    undo_of: Callable[[TeamAuthor, int], AuthorEdit],
) -> tuple[list[str], Reverse | None]:
    """Apply `change` to the author `person` names, as the command does; `undo_of` is given the
    author as they were and their position, and returns the edit that puts them back."""
    seen: list[tuple[TeamAuthor, int]] = []

    def noted(records: Records, key: str, n: int) -> list[str]:
        seen.append((records.articles[key].authors[n], n))
        return change(records, key, n)

    lines = edit_author(store, doi, person, noted)
    if not lines:
        return lines, None
    before, n = seen[0]
    back = undo_of(before, n)
    # the author is found again by id: another edit may have moved them meanwhile
    return lines, lambda later: edit_author(later, doi, before.person, back)


def merge(store: Store, keep: str, other: str) -> list[str]:
    """Merge OTHER into KEEP as `person merge` does; InputError (nothing written) when refused."""
    from credit_tracker.services.operations import merge as merge_into

    return merge_into(store, keep, other)


def add_spelling(store: Store, person_id: str, spelling: str) -> list[str]:
    """Accept a spelling, as `person add-spelling` does."""
    from credit_tracker.domain.people import find_person
    from credit_tracker.edits.person_edits import add_accepted_spelling

    with editing(store, []) as records:
        person = find_person(records, person_id)
        added = add_accepted_spelling(person, spelling)
    return [f"{person.id}: {'accepted' if added else 'already accepted'}: {spelling}"]


def set_orcid(store: Store, person_id: str, orcid: str) -> list[str]:
    """Set the ORCID iD, as `person set-orcid` does (the check digit verified)."""
    from credit_tracker.domain.people import find_person
    from credit_tracker.edits.person_edits import set_orcid as set_person_orcid

    with editing(store, []) as records:
        person = find_person(records, person_id)
        value = set_person_orcid(records, person, orcid)
    return [f"{person.id}: ORCID {value}"]


def set_member(store: Store, person_id: str, member: bool) -> list[str]:
    """Make the person a team member or a co-author, as `person set-member` / `unset-member`."""
    from credit_tracker.domain.people import find_person
    from credit_tracker.edits.person_edits import set_member as set_person_member

    with editing(store, []) as records:
        return [set_person_member(find_person(records, person_id), member)]


def draft_request(
    store: Store, doi: str, finding_ids: Iterable[str], today: date
) -> tuple[CorrectionRequest, int]:
    """Draft the article's request from the chosen findings (all open ones when none is chosen)
    and track it as drafted, as `correction draft` does. Returns the request and its errors."""
    from credit_tracker.services.operations import draft_request as draft
    from credit_tracker.store.office_file import read_office

    done = draft(store, doi, today=today, sender=read_office(store), chosen=finding_ids)
    return done.request, len(done.draft.items)


def mark_request(
    store: Store, request_id: str, state: RequestState, on: date, note: str
) -> CorrectionRequest:
    """Record a step of the request `request_id`, as `correction mark` does."""
    from credit_tracker.services.operations import mark_request as mark

    existing = RecordsIndex(store).team().corrections.get(request_id)
    if existing is None:
        raise InputError(f"no correction request {request_id}", field="request")
    return mark(store, existing.doi, existing.person, state, on, note)


def apply_import(
    records: Records, articles: list[Article], members: list[str], name: str
) -> list[ImportResult]:
    """Import the articles into `records` as `records import` does (the caller saves or not)."""
    from credit_tracker.domain.models import ArticleRecord
    from credit_tracker.edits.imports import import_record, import_table
    from credit_tracker.edits.linking import Linker, parse_members

    linker = Linker(records, parse_members(members))
    results = [
        import_record(records, item, linker=linker)
        if isinstance(item, ArticleRecord)
        else import_table(records, key, item, None, linker=linker, path=name)
        for key, item in articles
    ]
    linker.finish()
    return results


def import_lines(results: list[ImportResult], records: Records) -> list[str]:
    """What an import did, a line per change, as `records import` prints it."""
    lines = []
    for result in results:
        record = records.articles[result.doi]
        verb = "create" if result.created else "replace"
        lines.append(f"{verb} the record for {result.doi}: {len(record.authors)} author(s)")
        lines += [f"  {change}" for change in result.changes]
        if not result.created and not result.changes:
            lines.append("  no changes")
    return lines


def import_file(store: Store, articles: list[Article], members: list[str], name: str) -> list[str]:
    """Import for real: under the lock, all or nothing."""
    with editing(store, [key for key, _item in articles]) as records:
        results = apply_import(records, articles, members, name)
    return import_lines(results, records)


def preview_import(
    store: Store, articles: list[Article], members: list[str], name: str
) -> list[str]:
    """What importing would change, from a copy of the records: nothing is written."""
    records = store.load([key for key, _item in articles])
    return import_lines(apply_import(records, articles, members, name), records)
