"""What the desk's forms change: each calls the service its command calls, with what the form
gives, and returns what the page shows (the lines the command would print).

No rule is decided here: the use cases are services/ (acknowledging, corrections, byline,
people, records); this is the desk's side of them, as cli/ is the commands'.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from credit_tracker.domain.models import CorrectionRequest, RequestState
from credit_tracker.parse.import_file import Article
from credit_tracker.render.lines import acknowledged_line, spelling_line
from credit_tracker.services import byline, people
from credit_tracker.services.acknowledging import acknowledge as acknowledge_findings
from credit_tracker.services.byline import Edited, SavedRoles, save_roles, undo_roles
from credit_tracker.services.corrections import draft_request as draft
from credit_tracker.services.corrections import mark_request_by_id
from credit_tracker.services.records import Imported, import_articles, preview_import
from credit_tracker.store.folder import Store

__all__ = [
    "SavedRoles",
    "acknowledge",
    "add_spelling",
    "draft_request",
    "import_file",
    "mark_request",
    "merge",
    "move",
    "preview",
    "save_roles",
    "set_member",
    "set_orcid",
    "set_printed_name",
    "undo_roles",
]


def acknowledge(
    store: Store,
    finding_ids: list[str],
    note: str,
    today: date,
    within: Iterable[str] | None = None,
) -> list[str]:
    """Acknowledge these findings with one note, as `ack` does each; all or none. `within`:
    the articles the queue showed them on, the only ones checked again."""
    done = acknowledge_findings(store, finding_ids, note, today, within=within)
    return [acknowledged_line(f.id, f.rule, f.doi) for f in done]


def draft_request(
    store: Store, doi: str, finding_ids: Iterable[str], today: date
) -> tuple[CorrectionRequest, int]:
    """Draft the article's request from the chosen findings (all open ones when none is
    chosen), as `correction draft` does. Returns the request and its number of errors."""
    made = draft(store, doi, today=today, chosen=finding_ids)
    return made.request, len(made.draft.items)


def mark_request(
    store: Store, request_id: str, state: RequestState, on: date, note: str
) -> CorrectionRequest:
    """Record a step of the request `request_id`, as `correction mark` does."""
    return mark_request_by_id(store, request_id, state, on, note)


def move(store: Store, doi: str, person: str, place: str, shown: list[str]) -> Edited:
    """Move an author to a byline place, as `records move-author` does; undoable once.
    Refused when the byline is no longer `shown`, the order the page showed."""
    return byline.move_author(store, doi, person, place, shown)


def set_printed_name(store: Store, doi: str, person: str, given: str, family: str) -> Edited:
    """Set the name as the article printed it, as `records set-printed` does; undoable once."""
    return byline.set_printed(store, doi, person, given, family)


def add_spelling(store: Store, person_id: str, spelling: str) -> list[str]:
    """Accept a spelling, as `person add-spelling` does."""
    done = people.add_spelling(store, person_id, spelling)
    return [spelling_line(done.person.id, spelling, done.added)]


def set_orcid(store: Store, person_id: str, orcid: str) -> list[str]:
    """Set the ORCID iD, as `person set-orcid` does (the check digit verified)."""
    person, value = people.set_orcid(store, person_id, orcid)
    return [f"{person.id}: ORCID {value}"]


def set_member(store: Store, person_id: str, member: bool) -> list[str]:
    """Make the person a team member or a co-author, as `person set-member` / `unset-member`."""
    return people.set_membership(store, [person_id], member)


def merge(store: Store, keep: str, other: str) -> list[str]:
    """Merge OTHER into KEEP as `person merge` does; InputError (nothing written) when refused."""
    return people.merge(store, keep, other)


def preview(store: Store, articles: list[Article], members: list[str], name: str) -> list[str]:
    """What importing would change, from a copy of the records: nothing is written."""
    return import_lines(preview_import(store, articles, members, path=name))


def import_file(store: Store, articles: list[Article], members: list[str], name: str) -> list[str]:
    """Import for real, as `records import` does: under the lock, all or nothing."""
    return import_lines(import_articles(store, articles, members, path=name))


def import_lines(done: Imported) -> list[str]:
    """What an import did or would do, a line per change, as the import page lists it."""
    lines = []
    for result in done.results:
        record = done.articles[result.doi]
        verb = "create" if result.created else "replace"
        lines.append(f"{verb} the record for {result.doi}: {len(record.authors)} author(s)")
        lines += [f"  {change}" for change in result.changes]
        if not result.created and not result.changes:
            lines.append("  no changes")
    return lines
