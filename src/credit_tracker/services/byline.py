"""Edits of one article's byline, as the commands and the desk both make them: an author's roles
(one author at a time, or the desk's whole grid), an author's place, the authors' order, and the
name as the article printed it.

Each finds the author the query names on the article (id, ORCID iD or name), reads and writes
that article's shard alone (team.json is left as it is), and returns one line per change, or
raises, writing nothing. The desk's place and printed-name edits also return how to undo them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import RoleAssignment, TeamAuthor
from credit_tracker.domain.people import PeopleIndex
from credit_tracker.domain.records import Records, get_article
from credit_tracker.edits import record_edits
from credit_tracker.services.session import editing
from credit_tracker.store.folder import Store

AuthorEdit = Callable[[Records, str, int], list[str]]
"""An edit of one author (by byline position) of one article: returns the lines of the change."""
Reverse = Callable[[Store], list[str]]
"""How to undo an edit once: applied to the store, returns the lines of the undoing."""


def edit_author(
    store: Store, doi: str, query: str, change: AuthorEdit, byline: list[str] | None = None
) -> list[str]:
    """Find the author `query` names on the article, apply `change` to their byline position,
    and write the article's shard (team.json is left as it is); return the change's lines.

    `byline`: the person ids in the order the page asking for the edit showed them; the edit is
    refused (InputError) when the byline is no longer that. Raises, writing
    nothing, what finding the article or the author, or the change, raises.
    """
    key = normalize_doi(doi)
    with editing(store, [key], team=False) as records:
        record = get_article(records, key)
        now = [author.person for author in record.authors]
        if byline is not None and now != byline:
            raise InputError(_byline_changed(key, byline, now))
        position = record_edits.find_author(record, PeopleIndex(records.people), query)
        return change(records, key, position)


def set_roles(store: Store, doi: str, query: str, roles: list[str] | None) -> list[str]:
    """Replace the author's roles with these (ROLE texts, 'Methodology=lead'); None: not
    recorded, []: none. InputError naming the ROLE for one that is no CRediT role."""
    parsed = None if roles is None else [record_edits.parse_role(role) for role in roles]
    return edit_author(
        store, doi, query, lambda records, key, n: record_edits.set_roles(records, key, n, parsed)
    )


def add_roles(store: Store, doi: str, query: str, roles: list[str]) -> list[str]:
    """Give the author these roles, keeping the others (a degree given replaces the one held)."""
    parsed = [record_edits.parse_role(role) for role in roles]
    return edit_author(
        store, doi, query, lambda records, key, n: record_edits.add_roles(records, key, n, parsed)
    )


def remove_roles(store: Store, doi: str, query: str, roles: list[str]) -> list[str]:
    """Take these roles from the author."""
    parsed = [record_edits.parse_role(role) for role in roles]
    return edit_author(
        store,
        doi,
        query,
        lambda records, key, n: record_edits.remove_roles(records, key, n, parsed),
    )


def reorder(store: Store, doi: str, queries: list[str]) -> list[str]:
    """Put the article's authors in the order `queries` name them (ids, ORCID iDs or names,
    each author once); return a line per author whose place changed.

    Raises, writing nothing, for an author the article does not have or a list that does not
    name every author once.
    """
    key = normalize_doi(doi)
    with editing(store, [key], team=False) as records:
        record = get_article(records, key)
        index = PeopleIndex(records.people)
        order = [record_edits.find_author(record, index, query) for query in queries]
        return record_edits.reorder_authors(records, key, order)


@dataclass(frozen=True)
class Edited:
    """What an author's edit changed, and how to undo it once (None: nothing changed)."""

    lines: list[str]
    reverse: Reverse | None


def move_author(
    store: Store, doi: str, query: str, place: str, byline: list[str] | None = None
) -> Edited:
    """Move the author `query` names to the byline place `place` (1 for the first); the others
    close up. InputError naming the POSITION for a place the byline does not have; `byline`:
    the order the asking page showed, as `edit_author` takes it (a place means a place on it)."""
    to = record_edits.parse_position(place)
    return _undoable(
        store,
        doi,
        query,
        lambda records, key, n: record_edits.move_author(records, key, n, to),
        lambda _before, n: lambda records, key, m: record_edits.move_author(records, key, m, n),
        byline,
    )


def set_printed(store: Store, doi: str, query: str, given: str, family: str) -> Edited:
    """Set how the article printed the author's name (a particle leading `family` kept apart);
    the person's own name and accepted spellings stay as they are."""

    def back(before: TeamAuthor, _n: int) -> AuthorEdit:
        old = before.printed  # put back exactly: the particle as it was kept, not split again
        return lambda records, key, m: record_edits.set_printed(
            records, key, m, old.given, old.family, old.particle
        )

    return _undoable(
        store,
        doi,
        query,
        lambda records, key, n: record_edits.set_printed(records, key, n, given, family),
        back,
    )


def _undoable(
    store: Store,
    doi: str,
    query: str,
    change: AuthorEdit,
    undo_of: Callable[[TeamAuthor, int], AuthorEdit],
    byline: list[str] | None = None,
) -> Edited:
    """Apply `change` to the author `query` names; `undo_of` is given the author as they were
    and their position, and returns the edit that puts them back."""
    seen: list[tuple[TeamAuthor, int]] = []

    def noted(records: Records, key: str, n: int) -> list[str]:
        seen.append((records.articles[key].authors[n], n))
        return change(records, key, n)

    lines = edit_author(store, doi, query, noted, byline)
    if not lines:
        return Edited(lines=lines, reverse=None)
    before, n = seen[0]
    back = undo_of(before, n)
    # the author is found again by id: another edit may have moved them meanwhile
    return Edited(lines=lines, reverse=lambda later: edit_author(later, doi, before.person, back))


RoleGrid = dict[str, list[RoleAssignment] | None]
"""Roles by person id, as the desk's grid sends them (None: not recorded)."""


@dataclass(frozen=True)
class SavedRoles:
    """What a save of the grid changed: its lines, and each changed author's roles before and
    after it (by person id), to undo it once."""

    lines: list[str]
    before: RoleGrid
    after: RoleGrid


def save_roles(store: Store, doi: str, grid: RoleGrid, byline: list[str]) -> SavedRoles:
    """Set the roles of the authors in `grid` (by person id), as `records set-roles` does each.

    `byline`: the person ids in the order the form showed them. A form from before the byline
    changed (an author moved, added or removed since, by a command or another page) is refused
    whole with InputError, writing nothing: its rows no longer say who is who.
    """
    key = normalize_doi(doi)
    with editing(store, [key], team=False) as records:
        now = [author.person for author in get_article(records, key).authors]
        if now != byline:
            raise InputError(_byline_changed(key, byline, now))
        if not set(grid) <= set(now):
            raise InputError("the form names an author the record does not have", field="roles")
        return _set_each(records, key, grid)


def undo_roles(store: Store, doi: str, saved: SavedRoles) -> list[str]:
    """Put back the roles `saved` replaced, each author found by person id wherever they now
    are on the byline. InputError, nothing written, when one of them left the
    byline or their roles changed after that save: an undo never overwrites a later edit."""
    key = normalize_doi(doi)
    with editing(store, [key], team=False) as records:
        authors = {author.person: author for author in get_article(records, key).authors}
        for pid, roles in saved.after.items():
            author = authors.get(pid)
            if author is None:
                raise InputError(f"{pid} is no longer an author of {key}; nothing was undone")
            if author.roles != roles:
                raise InputError(
                    f"{author.printed.display()}: the roles changed after that save; nothing "
                    "was undone"
                )
        return _set_each(records, key, saved.before).lines


def _set_each(records: Records, key: str, grid: RoleGrid) -> SavedRoles:
    record = records.articles[key]
    place = {author.person: n for n, author in enumerate(record.authors)}
    chosen = sorted(grid, key=lambda pid: place[pid])
    before = {pid: record.authors[place[pid]].roles for pid in chosen}
    lines: list[str] = []
    for pid in chosen:
        lines += record_edits.set_roles(records, key, place[pid], grid[pid])
    changed = [pid for pid in chosen if record.authors[place[pid]].roles != before[pid]]
    return SavedRoles(
        lines=lines,
        before={pid: before[pid] for pid in changed},
        after={pid: record.authors[place[pid]].roles for pid in changed},
    )


def _byline_changed(doi: str, shown: list[str], now: list[str]) -> str:
    what = "authors were added or removed" if set(shown) != set(now) else "the authors moved"
    return (
        f"the byline of {doi} changed after this page was opened ({what}); nothing was saved: "
        "reload the page and make the change again"
    )
