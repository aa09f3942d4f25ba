"""Correction requests through their life: drafted, sent, and what the later snapshots show.

A sent request's findings are pending correction until the request is stale (sent longer ago than
the stale-after days with errors still open); a fix seen and later undone makes it regressed,
never stale. Drafting the text lives in drafting.py.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from credit_tracker.compare.history import Moment, Regression, fix_first_seen
from credit_tracker.domain.drafts import Draft
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.findings import CorrectionState, CorrectionStatus
from credit_tracker.domain.models import CorrectionRequest, RequestState, StateChange, request_id

STALE_AFTER_DAYS = 60
_WAITING = (RequestState.SENT, RequestState.ACKNOWLEDGED)


def record_draft(
    corrections: dict[str, CorrectionRequest], draft: Draft, person: str | None, today: date
) -> CorrectionRequest:
    """Record (or refresh) the drafted request; a request already sent keeps its state."""
    key = request_id(draft.doi, person)
    existing = corrections.get(key)
    if existing is not None and existing.state is not RequestState.DRAFTED:
        return existing
    request = CorrectionRequest(
        id=key,
        doi=draft.doi,
        person=person,
        finding_ids=[item.finding.id for item in draft.items],
        kinds=draft.kinds,
        history=[StateChange(state=RequestState.DRAFTED, date=today.isoformat())],
    )
    corrections[key] = request
    return request


def mark(
    corrections: dict[str, CorrectionRequest],
    doi: str,
    person: str | None,
    state: RequestState,
    on: date,
    note: str,
) -> CorrectionRequest:
    """Move a request to a new state; InputError for a request never drafted."""
    request = find_request(corrections, doi, person)
    request.history.append(StateChange(state=state, date=on.isoformat(), note=note))
    return request


def find_request(
    corrections: dict[str, CorrectionRequest], doi: str, person: str | None
) -> CorrectionRequest:
    """The request about `doi` (and `person`); without a person, the article's one request
    about one author when that is all there is. InputError naming the authors when there are
    several, or when none was drafted."""
    key = request_id(doi, person)
    if key in corrections:
        return corrections[key]
    if person is None:
        about = sorted(r.person for r in corrections.values() if r.doi == doi and r.person)
        if len(about) == 1:
            return corrections[request_id(doi, about[0])]
        if about:
            raise InputError(
                f"{doi} has requests about {len(about)} authors ({', '.join(about)}); name one "
                "with --author"
            )
    raise InputError(
        f"no correction request for {key}; draft one first with 'credit-tracker correction draft'"
    )


def stale_on(request: CorrectionRequest, stale_after: int) -> date | None:
    """Return the first day on which a sent request counts as stale, or None if never sent."""
    sent = request.date_of(RequestState.SENT)
    return date.fromisoformat(sent) + timedelta(days=stale_after + 1) if sent else None


def request_status(
    request: CorrectionRequest,
    present: set[str],
    verified: bool,
    history: list[Moment],
    regressed: dict[str, Regression],
    today: date,
    stale_after: int = STALE_AFTER_DAYS,
) -> CorrectionStatus:
    """Say what the snapshots show about a request: fixed, undone, stale or still waiting.

    `present` holds the ids of the findings shown now, `history` the article's moments and
    `regressed` its findings whose fix was seen and then undone.
    """
    sent = request.date_of(RequestState.SENT)
    due = stale_on(request, stale_after)
    base = _status_fields(request, sent, due)
    total = len(request.finding_ids)
    back = [regressed[i] for i in request.finding_ids if i in regressed]
    if back:
        return _regressed_status(base, back, total)
    if request.state in (RequestState.RESOLVED, RequestState.WONT_FIX):
        change = request.history[-1]
        detail = change.note or f"marked {change.state.value} on {change.date}"
        return CorrectionStatus(**base, state=CorrectionState(change.state.value), detail=detail)
    still_open = [i for i in request.finding_ids if i in present]
    if verified and not still_open:
        seen = fix_first_seen(request.finding_ids, history)
        when = seen.isoformat() if seen else "unknown"
        return CorrectionStatus(
            **base | {"stale_on": None},
            state=CorrectionState.FIX_SEEN,
            detail=f"the publisher's record no longer shows these errors; fix first seen {when}",
            fix_seen=seen.isoformat() if seen else None,
        )
    if request.state in _WAITING and sent and due and today >= due:
        age = (today - date.fromisoformat(sent)).days
        changed = "nothing has changed" if len(still_open) == total else "some errors are fixed"
        detail = f"sent {sent}, {age} days ago, and {changed}: {len(still_open)} of {total}"
        return CorrectionStatus(
            **base, state=CorrectionState.STALE, detail=detail + " errors still open"
        )
    detail = f"{len(still_open)} of {total} errors still open"
    if request.state in _WAITING and due:
        detail += f"; pending correction until {due.isoformat()}"
    return CorrectionStatus(**base, state=CorrectionState(request.state.value), detail=detail)


def _regressed_status(base: dict[str, Any], back: list[Regression], total: int) -> CorrectionStatus:
    """The status of a request some of whose findings were seen fixed and have come back."""
    fixed, undone = min(r.fixed for r in back), max(r.undone for r in back)
    detail = (
        f"the fix was seen on {fixed} and undone by {undone}: {len(back)} of {total} "
        "errors are back"
    )
    return CorrectionStatus(
        **base | {"stale_on": None},
        state=CorrectionState.REGRESSED,
        detail=detail,
        fix_seen=fixed.isoformat(),
        undone=undone.isoformat(),
    )


def _status_fields(
    request: CorrectionRequest, sent: str | None, due: date | None
) -> dict[str, Any]:
    """What every status of `request` says about it, whatever its state."""
    return {
        "id": request.id,
        "doi": request.doi,
        "person": request.person,
        "kinds": request.kinds,
        "sent": sent,
        "stale_on": due.isoformat() if due and request.state in _WAITING else None,
        "finding_ids": list(request.finding_ids),
    }
