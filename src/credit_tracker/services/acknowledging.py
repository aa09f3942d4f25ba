"""Acknowledging findings with one note, as `ack` and the desk's queue both do: all or none.

The acknowledgements live in team.json: the write holds the records' lock, writes team.json once
(nothing when it refuses), and keeps the records index up to date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from credit_tracker.check.baseline import select_findings
from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import run_check
from credit_tracker.domain.findings import Finding
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.records import Acknowledgement
from credit_tracker.domain.text import require_safe_text
from credit_tracker.store.folder import Store
from credit_tracker.store.index_files import file_stamp
from credit_tracker.store.records_index import RecordsIndex


def acknowledge(
    store: Store,
    finding_ids: Iterable[str],
    note: str,
    today: date,
    *,
    rules: Iterable[str] = (),
    dois: Iterable[str] = (),
    within: Iterable[str] | None = None,
) -> list[Finding]:
    """Acknowledge findings with one note: those named by id (in any state), and those not yet
    acknowledged that match every selection given (a rule among `rules`, an article among
    `dois`). All of them or none: `ack` and the desk's queue both call this.

    Returns the findings acknowledged, each once, in the order named then in report order.
    Raises InputError, writing nothing, for an id no current finding has, an unknown rule, or
    a selection that matches nothing.

    Only the articles the findings can be on are checked again: those of `within` when the caller
    knows them (the desk's queue lists each finding with its article), those of `dois` when the
    selection is by article alone, else every article.
    """
    require_safe_text(note, field="--note")  # typed text, refused as names are
    articles = [normalize_doi(doi) for doi in dois]  # a bad DOI is refused before the lock
    scope = _scope(finding_ids, articles, within)
    with store.locked():
        before = file_stamp(store.team_path)
        records = store.load(scope)
        checked = (
            sorted(records.articles) if scope is None else sorted(scope & set(records.articles))
        )
        report = run_check(records, checked, FailPolicy())
        chosen = select_findings(report, finding_ids, rules, articles)
        for finding in chosen:
            records.acknowledgements[finding.id] = Acknowledgement(
                finding_id=finding.id,
                doi=finding.doi,
                rule=finding.rule,
                note=note,
                at=today.isoformat(),
            )
        store.save(records)
    RecordsIndex(store).note_team_saved(records, before)  # only team.json's small tables changed
    return chosen


def _scope(
    finding_ids: Iterable[str], articles: list[str], within: Iterable[str] | None
) -> set[str] | None:
    """The articles an acknowledgement must check, or None for all of them."""
    if within is not None:
        return {normalize_doi(doi) for doi in within} | set(articles)
    if articles and not list(finding_ids):
        return set(articles)
    return None
