"""Each finding's state: open, regressed, pending correction or acknowledged; requests' states.

Precedence: a finding whose fix was seen and later undone is regressed (an error) unless it was
acknowledged after it came back; an acknowledged finding stays acknowledged; a finding that a
sent, not yet stale correction request covers is pending correction; every other one is open.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from credit_tracker.compare.history import Moment, Regression, regressions
from credit_tracker.corrections.requests import request_status
from credit_tracker.domain.findings import (
    AcknowledgedFinding,
    CorrectionState,
    CorrectionStatus,
    Finding,
    PendingFinding,
    RegressedFinding,
    ResolvedFinding,
    Severity,
)
from credit_tracker.domain.records import Acknowledgement, Records

_COVERING = (CorrectionState.SENT, CorrectionState.ACKNOWLEDGED)


@dataclass
class States:
    """The findings sorted by state, and the correction requests' statuses."""

    open: list[Finding] = field(default_factory=list)
    regressed: list[RegressedFinding] = field(default_factory=list)
    pending: list[PendingFinding] = field(default_factory=list)
    acknowledged: list[AcknowledgedFinding] = field(default_factory=list)
    resolved: list[ResolvedFinding] = field(default_factory=list)
    corrections: list[CorrectionStatus] = field(default_factory=list)


def tracked_dois(team: Records) -> set[str]:
    """The articles whose history the states need: those with requests or acknowledgements."""
    return {r.doi for r in team.corrections.values()} | {
        a.doi for a in team.acknowledgements.values()
    }


def assign_states(
    team: Records,
    findings: list[Finding],
    histories: dict[str, list[Moment]],
    checked: set[str],
    unverified: set[str],
    today: date,
    stale_after: int,
    aliases: dict[str, str] | None = None,
) -> States:
    """Sort `findings` (the latest snapshots') into states; `histories` holds the tracked
    articles' moments, `checked` the DOIs compared and `unverified` those not fully read.

    `aliases` maps the per-source ids that stored acknowledgements and requests may still hold
    to the ids of the findings shown now: either id matches.
    """
    aliases = aliases or {}
    team = _current_ids(team, aliases)
    by_doi: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_doi[finding.doi].append(finding)
    back: dict[str, Regression] = {}
    for doi, moments in histories.items():
        back |= regressions(by_doi.get(doi, []), moments)
    states = States()
    for request in sorted(team.corrections.values(), key=lambda r: r.id):
        if request.doi in checked:
            states.corrections.append(
                request_status(
                    request,
                    present={finding.id for finding in by_doi.get(request.doi, [])},
                    verified=request.doi not in unverified,
                    history=histories.get(request.doi, []),
                    regressed=back,
                    today=today,
                    stale_after=stale_after,
                )
            )
    asked: dict[str, CorrectionStatus] = {}
    for status in states.corrections:  # a request still waiting wins over one drafted beside it
        for finding_id in team.corrections[status.id].finding_ids:
            if finding_id not in asked or status.state in _COVERING:
                asked[finding_id] = status
    for finding in findings:
        _place(states, team, finding, back.get(finding.id), asked.get(finding.id))
    present = {finding.id for finding in findings}
    states.resolved = [
        ResolvedFinding(id=ack.finding_id, note=ack.note, at=ack.at)
        for key, ack in team.acknowledgements.items()
        if key not in present and ack.doi in checked and ack.doi not in unverified
    ]
    return states


def _current_ids(team: Records, aliases: dict[str, str]) -> Records:
    """The team's acknowledgements and requests with every old per-source id read as today's.

    Two old acknowledgements of one finding (its Crossref and its JATS id) become one: the one
    stored with today's id, else the earliest.
    """
    if not aliases:
        return team
    acks: dict[str, Acknowledgement] = {}
    for old, ack in sorted(
        team.acknowledgements.items(), key=lambda kv: (kv[0] in aliases, kv[1].at)
    ):
        acks.setdefault(aliases.get(old, old), ack)
    corrections = {
        key: request.model_copy(
            update={
                "finding_ids": list(dict.fromkeys(aliases.get(i, i) for i in request.finding_ids))
            }
        )
        for key, request in team.corrections.items()
    }
    return team.model_copy(update={"acknowledgements": acks, "corrections": corrections})


def _place(
    states: States,
    team: Records,
    finding: Finding,
    regression: Regression | None,
    request: CorrectionStatus | None,
) -> None:
    ack = team.acknowledgements.get(finding.id)
    if regression is not None and (ack is None or ack.at < regression.undone.isoformat()):
        states.regressed.append(
            RegressedFinding(
                finding=finding.model_copy(update={"severity": Severity.ERROR}),
                fixed=regression.fixed.isoformat(),
                undone=regression.undone.isoformat(),
                request=request.id if request else None,
            )
        )
    elif ack is not None:
        states.acknowledged.append(AcknowledgedFinding(finding=finding, note=ack.note, at=ack.at))
    elif request is not None and request.state in _COVERING and request.stale_on:
        states.pending.append(
            PendingFinding(
                finding=finding,
                request=request.id,
                sent=request.sent or "",
                stale_on=request.stale_on,
            )
        )
    else:
        states.open.append(finding)
