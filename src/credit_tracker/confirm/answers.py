"""Answered sheets applied to the team's record, all or nothing; requests and desk answers
recorded on the byline places they are about. Pure.

A role ticked is held and a role left blank is not: the author's answer becomes the team's
record, "confirmed by the author". A row left as it was sent is no answer (what the publishers
state only ever pre-fills it). "Not my paper" and "I am not this author" are reported to the
office and change nothing. An answer contradicting a later office edit or a later answer, or
another answer in the same import for the same byline place, is listed and not applied.
"""

from __future__ import annotations

from collections import defaultdict

from credit_tracker.domain.confirm_sheet import (
    KEY_DOI,
    KEY_ISSUED,
    KEY_PERSON,
    AnswerOutcome,
    AnswerRow,
    AnswerSheet,
    ConfirmationSheet,
    cell_place,
)
from credit_tracker.domain.confirmation import (
    DISPUTES,
    Answer,
    Asked,
    Dispute,
    RoleOrigin,
    RoleProvenance,
)
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import ArticleRecord, RoleAssignment, TeamAuthor, role_text
from credit_tracker.domain.records import Records
from credit_tracker.edits.imports import settle_draft

Place = tuple[str, str]
"""A byline place: (DOI, person id)."""


def check_sheets(records: Records, sheets: list[AnswerSheet]) -> None:
    """Refuse the whole import, naming file, sheet, row, column and field, when a row is about a
    paper the records do not track, a person not on its byline, a person other than the sheet's,
    or a place nobody asked about. Nothing is applied then."""
    for sheet in sheets:
        owner = sheet.rows[0].person if sheet.rows else None
        for row in sheet.rows:
            if row.person != owner:
                _refuse(row, KEY_PERSON, f"{row.person!r} is not {owner!r}, whose sheet this is")
            record = records.articles.get(row.doi)
            if record is None:
                _refuse(row, KEY_DOI, f"{row.doi} is not in the team's records")
            author = _author(record, row.person)
            if author is None:
                _refuse(row, KEY_PERSON, f"{row.person!r} is not an author of {row.doi}")
            elif author.asked is None:
                _refuse(
                    row,
                    KEY_ISSUED,
                    f"{row.person!r} was never asked about {row.doi}; only sheets written by "
                    "'confirm request' are read",
                )


def _refuse(row: AnswerRow, column: str, reason: str) -> None:
    raise InputError(
        f"{reason}; nothing was imported",
        path=row.file,
        field=cell_place(row.sheet, row.row, column),
    )


def _author(record: ArticleRecord | None, person: str) -> TeamAuthor | None:
    if record is None:
        return None
    return next((a for a in record.authors if a.person == person), None)


def apply_answers(records: Records, sheets: list[AnswerSheet], today: str) -> AnswerOutcome:
    """Apply every answered row of the sheets (checked with `check_sheets` first)."""
    check_sheets(records, sheets)
    outcome = AnswerOutcome(rows=sum(len(sheet.rows) for sheet in sheets))
    by_place: dict[Place, list[AnswerRow]] = defaultdict(list)
    for sheet in sheets:
        for row in sheet.rows:
            if row.answered:
                by_place[(row.doi, row.person)].append(row)
            else:
                outcome.unanswered.append(
                    f"{row.doi}: {row.person}: left as sent in {row.file} ({row.where()}); "
                    "still waiting"
                )
    for (doi, person), rows in sorted(by_place.items()):
        record = records.articles[doi]
        index = next(n for n, a in enumerate(record.authors) if a.person == person)
        if len({_content(row) for row in rows}) > 1:
            places = "; ".join(f"{row.file} ({row.where()})" for row in rows)
            outcome.conflicts.append(
                f"{doi}: {record.authors[index].printed.display()}: answered differently in "
                f"{places}; neither applied"
            )
            continue
        _apply_one(records, record, index, rows[0], today, outcome)
    return outcome


def _content(row: AnswerRow) -> tuple[str, tuple[RoleAssignment, ...]]:
    kind = row.answer if row.answer in DISPUTES else Answer.CONFIRMED
    return str(kind), (() if kind in DISPUTES else row.roles)


def _apply_one(
    records: Records,
    record: ArticleRecord,
    index: int,
    row: AnswerRow,
    today: str,
    outcome: AnswerOutcome,
) -> None:
    author = record.authors[index]
    name = author.printed.display()
    if row.answer in DISPUTES:
        assert row.answer is not None and author.asked is not None  # check_sheets saw to it
        dispute = Dispute(answer=row.answer, on=today, file=row.file)
        asked = author.asked.model_copy(update={"dispute": dispute})
        record.authors[index] = author.model_copy(update={"asked": asked})
        outcome.disputes.append(
            f"{record.doi}: {name} [{author.person}] answered '{row.answer.value}' in {row.file} "
            f"({row.where()}): reported to the office, nothing changed; see 'credit-tracker "
            f"records show {record.doi}'"
        )
        return
    answer = list(row.roles)
    later = author.roles_from
    if later is not None and later.on > row.issued and _differs(author.roles, answer):
        outcome.conflicts.append(
            f"{record.doi}: {name}: the answer in {row.file} ({row.where()}: "
            f"{_roles_words(answer)}) contradicts the roles {later.describe()}, after the sheet "
            f"was written on {row.issued}; not applied"
        )
        return
    by = RoleProvenance(origin=RoleOrigin.AUTHOR, on=today, file=row.file)
    outcome.applied.append(_confirm(records, record, index, answer, by))


def _differs(held: list[RoleAssignment] | None, answer: list[RoleAssignment]) -> bool:
    return held is None or sorted(held, key=_key) != sorted(answer, key=_key)


def _key(assignment: RoleAssignment) -> tuple[str, str]:
    return assignment.role, assignment.degree.value if assignment.degree else ""


def _roles_words(roles: list[RoleAssignment]) -> str:
    return "; ".join(a.label + (f" ({a.degree.value})" if a.degree else "") for a in roles) or (
        "no roles"
    )


def _confirm(
    records: Records,
    record: ArticleRecord,
    index: int,
    roles: list[RoleAssignment],
    by: RoleProvenance,
) -> str:
    """Record the author's roles as confirmed `by` an answer; return the line saying so."""
    before = record.authors[index]
    asked = before.asked.model_copy(update={"dispute": None}) if before.asked else None
    after = before.model_copy(update={"roles": roles, "roles_from": by, "asked": asked})
    record.authors[index] = after
    settle_draft(record, records.people)
    was, now = role_text(before), role_text(after)
    change = f"roles {was} → {now}" if was != now else f"roles {now} (unchanged)"
    return f"{record.doi}: {after.printed.display()}: {change}, {by.describe()}"


def confirm_with_author(
    records: Records, doi: str, person: str, roles: list[RoleAssignment], today: str
) -> str:
    """The office confirmed the roles with the author (at the desk, on a call): record them."""
    record = records.articles[doi]
    index = next(n for n, a in enumerate(record.authors) if a.person == person)
    by = RoleProvenance(origin=RoleOrigin.WITH_AUTHOR, on=today)
    return _confirm(records, record, index, roles, by)


def record_asked(records: Records, sheet: ConfirmationSheet, file: str) -> int:
    """Note on each byline place of the sheet that the person was asked, in `file`, on the
    sheet's day (a request asked again starts afresh: no reminders, no dispute). Returns the
    places noted."""
    for paper in sheet.papers:
        record = records.articles[paper.doi]
        index = paper.position - 1
        author = record.authors[index]
        asked = Asked(on=sheet.issued, file=file)
        record.authors[index] = author.model_copy(update={"asked": asked})
    return len(sheet.papers)


def record_reminded(records: Records, sheet: ConfirmationSheet) -> int:
    """Note a reminder on each byline place of the sheet; returns the places noted."""
    for paper in sheet.papers:
        record = records.articles[paper.doi]
        index = paper.position - 1
        author = record.authors[index]
        if author.asked is None:
            continue
        reminded = [*author.asked.reminded, sheet.issued]
        asked = author.asked.model_copy(update={"reminded": reminded})
        record.authors[index] = author.model_copy(update={"asked": asked})
    return len(sheet.papers)
