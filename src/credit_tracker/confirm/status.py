"""Where the round of asking authors stands, per person and per paper: confirmed, asked (and
overdue past an age), reported to the office, or never asked. Pure."""

from __future__ import annotations

from datetime import date

from credit_tracker.confirm.questions import person_papers
from credit_tracker.domain.confirmation import PlaceState, PlaceStatus
from credit_tracker.domain.models import TeamAuthor
from credit_tracker.domain.records import Records
from credit_tracker.domain.titles import plain_title


def place_state(author: TeamAuthor, today: date, remind_after: int | None) -> PlaceState:
    """The state of one byline place; overdue when last written to more than `remind_after`
    days before `today` (None: never overdue)."""
    asked, origin = author.asked, author.roles_from
    if origin is not None and origin.confirmed and (asked is None or origin.on >= asked.on):
        return PlaceState.CONFIRMED
    if asked is None:
        return PlaceState.NEVER_ASKED
    if asked.dispute is not None:
        return PlaceState.DISPUTED
    if remind_after is not None and (today - date.fromisoformat(asked.last)).days > remind_after:
        return PlaceState.OVERDUE
    return PlaceState.ASKED


def _detail(author: TeamAuthor, state: PlaceState, today: date) -> str:
    asked = author.asked
    if state is PlaceState.CONFIRMED and author.roles_from is not None:
        return author.roles_from.describe()
    if asked is None:
        return "never asked"
    reminded = f", reminded {', '.join(asked.reminded)}" if asked.reminded else ""
    said = f"asked {asked.on} in {asked.file}{reminded}"
    if state is PlaceState.DISPUTED and asked.dispute is not None:
        dispute = asked.dispute
        return f"{said}; answered '{dispute.answer.value}' on {dispute.on} ({dispute.file})"
    if state is PlaceState.OVERDUE:
        days = (today - date.fromisoformat(asked.last)).days
        return f"{said}; no answer after {days} days"
    return said


def round_status(
    records: Records, people: list[str], today: date, remind_after: int | None
) -> list[PlaceStatus]:
    """Each of these people on each of their tracked papers (of those loaded), by person."""
    found = []
    for person in people:
        for record, index in person_papers(records, person):
            author = record.authors[index]
            state = place_state(author, today, remind_after)
            found.append(
                PlaceStatus(
                    person=person,
                    doi=record.doi,
                    title=plain_title(record.title),
                    position=index + 1,
                    state=state,
                    detail=_detail(author, state, today),
                )
            )
    return found
