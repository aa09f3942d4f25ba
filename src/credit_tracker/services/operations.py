"""The operations that commands run and the review desk calls too: drafting and marking
correction requests, acknowledging findings, merging people. No click here: the commands print
what these return.

Each holds the records' lock, writes once (or nothing when it refuses), and keeps the records
index up to date where only team.json's small tables change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.findings import Finding
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import CorrectionRequest, Publisher, RequestState
from credit_tracker.domain.records import Acknowledgement, Records
from credit_tracker.rules.check import FailPolicy, run_check
from credit_tracker.rules.corrections import mark, publisher_for, record_draft
from credit_tracker.rules.drafting import Draft, Sender, build_draft
from credit_tracker.rules.editing import get_article
from credit_tracker.rules.people import find_person
from credit_tracker.services.session import editing
from credit_tracker.store.folder import Store
from credit_tracker.store.index_files import file_stamp
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
    return build_draft(
        record,
        findings,
        records.snapshots.get(record.doi, []),
        publisher=publisher_for(record, records.publishers),
        person=person,
        sender=sender,
    )


def draft_request(
    store: Store,
    doi: str,
    *,
    today: date,
    sender: Sender | None,
    author_query: str | None = None,
    chosen: Iterable[str] = (),
    write: Callable[[Draft], None] | None = None,
) -> Drafted:
    """Draft the article's request and track it as drafted. Nothing is ever sent.

    `write` gets the draft before the records are saved: a draft that could not be written
    raises there, and the records then keep no trace of it (only what was written is tracked).
    """
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
        draft=draft, request=request, publisher=publisher_for(record, records.publishers)
    )


def mark_request(
    store: Store,
    doi: str,
    author_query: str | None,
    state: RequestState,
    on: date,
    note: str,
) -> CorrectionRequest:
    """Record a step in a request's life; InputError for a request never drafted."""
    with store.locked():
        before = file_stamp(store.team_path)
        records = store.load([])  # team.json only: no article shard is read or written
        person = find_person(records, author_query).id if author_query else None
        request = mark(records.corrections, normalize_doi(doi), person, state, on, note)
        store.save(records)
    RecordsIndex(store).note_team_saved(records, before)
    return request


def known_findings(records: Records, dois: list[str]) -> dict[str, Finding]:
    """Every current finding of these articles by id: open, acknowledged, pending, regressed."""
    report = run_check(records, dois, FailPolicy())
    known = {f.id: f for f in report.findings}
    known |= {a.finding.id: a.finding for a in report.acknowledged}
    known |= {p.finding.id: p.finding for p in report.pending}
    known |= {r.finding.id: r.finding for r in report.regressed}
    return known


def acknowledge(store: Store, finding_ids: list[str], note: str, today: date) -> list[Finding]:
    """Acknowledge these findings with one note, as `ack` does one; all of them or none.

    Returns the findings acknowledged. Raises InputError naming the first id that is no
    current finding.
    """
    with store.locked():
        before = file_stamp(store.team_path)
        records = store.load()
        known = known_findings(records, sorted(records.articles))
        missing = [fid for fid in finding_ids if fid not in known]
        if missing:
            raise InputError(
                f"no current finding has the id {missing[0]!r}; see 'credit-tracker check'",
                field="FINDING_ID",
            )
        for fid in finding_ids:
            records.acknowledgements[fid] = Acknowledgement(
                finding_id=fid,
                doi=known[fid].doi,
                rule=known[fid].rule,
                note=note,
                at=today.isoformat(),
            )
        store.save(records)
    RecordsIndex(store).note_team_saved(records, before)  # only team.json's small tables changed
    return [known[fid] for fid in finding_ids]


def merge(store: Store, keep: str, other: str) -> list[str]:
    """Merge OTHER into KEEP (queries: ids, ORCID iDs or names); return a line per change.

    Raises InputError, writing nothing, when the merge is refused (two ORCID iDs, one article
    naming both, ...).
    """
    from credit_tracker.rules.person_edits import merge_people

    team = store.load_team()
    ids = [find_person(team, keep).id, find_person(team, other).id]
    del team  # read again under the lock: never two copies of a large team at once
    with editing(store, [], naming=ids) as records:
        # the people as loaded under the lock, with every article naming either of them
        kept, merged = (find_person(records, pid) for pid in ids)
        return merge_people(records, kept, merged)
