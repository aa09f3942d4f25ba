"""Correction requests as the commands and the desk both handle them: drafted from an article's
open findings and tracked, marked step by step, drafted again for a preview, listed with their
state. Nothing is ever sent.

Each write holds the records' lock, writes team.json once (or nothing when it refuses), and
keeps the records index up to date, since only team.json's small tables change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import run_check
from credit_tracker.corrections.drafting import build_draft
from credit_tracker.corrections.publishers import publisher_for
from credit_tracker.corrections.requests import mark, record_draft
from credit_tracker.domain.drafts import CONTRIBUTIONS, METADATA, Draft, Sender
from credit_tracker.domain.errors import InputError, NotFoundError
from credit_tracker.domain.findings import CorrectionStatus
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import CorrectionRequest, Publisher, RequestState
from credit_tracker.domain.people import find_person
from credit_tracker.domain.records import Records, get_article
from credit_tracker.domain.text import require_safe_text
from credit_tracker.render.exports.formats import supporting_files
from credit_tracker.services.store_check import check_indexed
from credit_tracker.store.folder import Store
from credit_tracker.store.index_files import file_stamp
from credit_tracker.store.office_file import read_office
from credit_tracker.store.records_index import RecordsIndex


@dataclass(frozen=True)
class Drafted:
    """A request drafted and tracked: the draft, the request as recorded, the publisher."""

    draft: Draft
    request: CorrectionRequest
    publisher: Publisher | None


def article_draft(
    records: Records,
    doi: str,
    person: str | None = None,
    chosen: Iterable[str] = (),
    sender: Sender | None = None,
) -> Draft:
    """Build the article's request from its open findings (regressed and pending ones too: a
    reminder is a new draft); only the `chosen` finding ids when any of them is still current.

    Pure over the loaded records. Raises NotFoundError when no finding is one a correction fixes.
    """
    record = get_article(records, doi)
    report = run_check(records, [record.doi], FailPolicy())
    findings = [
        *(r.finding for r in report.regressed),
        *report.findings,
        *(p.finding for p in report.pending),
    ]
    wanted = set(chosen)
    if wanted and any(f.id in wanted for f in findings):
        findings = [f for f in findings if f.id in wanted]
    history = records.snapshots.get(record.doi, [])
    draft = build_draft(
        record,
        findings,
        history,
        publisher=publisher_for(record, records.publishers, history),
        person=person,
        sender=sender,
    )
    if {CONTRIBUTIONS, METADATA} & set(draft.kinds):  # never with a confidential name alone
        draft.supporting = supporting_files(record, records.people, history)
    return draft


def draft_request(
    store: Store,
    doi: str,
    *,
    today: date,
    author_query: str | None = None,
    chosen: Iterable[str] = (),
    write: Callable[[Draft], None] | None = None,
) -> Drafted:
    """Draft the article's request, signed with the office's setting, and track it as drafted.

    `write` gets the draft before the records are saved: a draft that could not be written
    raises there, and the records then keep no trace of it (only what was written is tracked).
    """
    sender = read_office(store)
    with store.locked():
        before = file_stamp(store.team_path)
        records = store.load([normalize_doi(doi)])  # team.json and this article's shard only
        record = get_article(records, doi)
        person = find_person(records, author_query).id if author_query else None
        draft = article_draft(records, record.doi, person, chosen, sender)
        if write is not None:
            write(draft)
        request = record_draft(records.corrections, draft, person, today)
        store.save(records)
    RecordsIndex(store).note_team_saved(records, before)
    return Drafted(
        draft=draft,
        request=request,
        publisher=publisher_for(record, records.publishers, records.snapshots.get(record.doi)),
    )


def mark_request(
    store: Store,
    doi: str,
    author_query: str | None,
    state: RequestState,
    on: date,
    note: str,
) -> CorrectionRequest:
    """Record a step in a request's life; InputError for a request never drafted, or a note
    holding an invisible or control character."""
    require_safe_text(note, field="--note")
    with store.locked():
        before = file_stamp(store.team_path)
        records = store.load([])  # team.json only: no article shard is read or written
        person = find_person(records, author_query).id if author_query else None
        request = mark(records.corrections, normalize_doi(doi), person, state, on, note)
        store.save(records)
    RecordsIndex(store).note_team_saved(records, before)
    return request


def mark_request_by_id(
    store: Store, request_id: str, state: RequestState, on: date, note: str
) -> CorrectionRequest:
    """Record a step of the request with this id (the desk names requests by id)."""
    existing = RecordsIndex(store).team().corrections.get(request_id)
    if existing is None:
        raise InputError(f"no correction request {request_id}", field="request")
    return mark_request(store, existing.doi, existing.person, state, on, note)


def request_draft(store: Store, request_id: str) -> Draft:
    """The request drafted again from the current findings it asks about, read through the
    records index. NotFoundError for an unknown request or one no finding is left for."""
    index = RecordsIndex(store)
    request = index.team().corrections.get(request_id)
    if request is None:
        raise NotFoundError(f"no correction request {request_id}")
    records = index.load([request.doi])
    return article_draft(
        records, request.doi, request.person, request.finding_ids, read_office(store)
    )


def request_statuses(store: Store, today: date, stale_after: int) -> list[CorrectionStatus]:
    """Every request with its state as the latest snapshots show it; reads only the articles
    with requests, through the records index."""
    index = RecordsIndex(store)
    dois = sorted({request.doi for request in index.team().corrections.values()})
    return check_indexed(index, dois, today, stale_after)[1].corrections
