"""The baseline: findings known when it was written, which no longer fail a run; pure logic.

Like the baselines of mature CI checkers (detekt, Psalm, PHPStan), it is a committed file of
finding ids: a check given it fails only on findings that are not in it. A baselined finding is
reported as acknowledged, with the baseline's note and date, so every format shows it.

An entry whose finding the latest snapshots no longer show is fixed: the nightly run writes the
day it saw the fix into the entry, and the finding is reported as resolved. A fixed entry whose
finding comes back is regressed: a fix seen and undone, an error that fails the run whatever
its severity. `check --update-baseline` rewrites the file from the findings of today, dropping
the fixed entries.

`select_findings` picks the findings one `ack` acknowledges: by ids, or by rule and article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from credit_tracker.check.policy import FailPolicy
from credit_tracker.domain.baseline import Baseline, BaselineEntry
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.findings import (
    DEFAULT_SEVERITY,
    AcknowledgedFinding,
    CheckReport,
    Finding,
    RegressedFinding,
    ResolvedFinding,
    Severity,
)

NOTE_PREFIX = "baseline"
"""Acknowledgements that come from the baseline have notes starting 'baseline since DATE: '."""


def is_baseline_note(note: str) -> bool:
    """Whether an acknowledgement's note says it came from the baseline."""
    return note.startswith(f"{NOTE_PREFIX} since ")


def _note(entry: BaselineEntry) -> str:
    return f"{NOTE_PREFIX} since {entry.since}: {entry.note}"


def present_ids(report: CheckReport) -> set[str]:
    """Every finding id the report shows, in any state."""
    ids = {f.id for f in report.findings}
    ids |= {r.finding.id for r in report.regressed}
    ids |= {p.finding.id for p in report.pending}
    ids |= {a.finding.id for a in report.acknowledged}
    return ids


def newly_fixed(
    baseline: Baseline, report: CheckReport, checked: set[str] | None = None
) -> list[str]:
    """Return the ids of entries not yet fixed that the report shows fixed: their article was
    checked and fully read, and no finding of any state has their id. `checked` None means
    every article was checked."""
    present = present_ids(report)
    unverified = {u.doi for u in report.unverified}
    return sorted(
        finding_id
        for finding_id, entry in baseline.findings.items()
        if entry.fixed is None
        and finding_id not in present
        and entry.doi not in unverified
        and (checked is None or entry.doi in checked)
    )


def apply_baseline(
    report: CheckReport,
    baseline: Baseline,
    policy: FailPolicy,
    today: date,
    checked: set[str] | None = None,
) -> CheckReport:
    """Return the report with the baseline applied: known open findings acknowledged, entries
    fixed today resolved, and fixed entries whose findings are back regressed (errors).

    Findings already regressed or pending stay so. The summary is counted again under `policy`.
    """
    entries = baseline.findings
    known = [f for f in report.findings if f.id in entries and entries[f.id].fixed is None]
    back = [f for f in report.findings if f.id in entries and entries[f.id].fixed is not None]
    still_open = [f for f in report.findings if f.id not in entries]
    acknowledged = [*report.acknowledged] + [
        AcknowledgedFinding(finding=f, note=_note(entries[f.id]), at=entries[f.id].since)
        for f in known
    ]
    regressed = [*report.regressed] + [
        RegressedFinding(
            finding=f.model_copy(update={"severity": Severity.ERROR}),
            fixed=entries[f.id].fixed or "",
            undone=today.isoformat(),
        )
        for f in back
    ]
    resolved = [*report.resolved] + [
        ResolvedFinding(id=i, note=_note(entries[i]), at=entries[i].since)
        for i in newly_fixed(baseline, report, checked)
    ]
    failing = [f for f in still_open if policy.fails(f)]
    failing += [r.finding for r in regressed if policy.fails(r.finding)]
    summary = report.summary.model_copy(
        update={
            "findings": len(still_open),
            "by_severity": dict(Counter(f.severity.value for f in still_open)),
            "by_rule": dict(sorted(Counter(f.rule for f in still_open).items())),
            "acknowledged": len(acknowledged),
            "resolved": len(resolved),
            "regressed": len(regressed),
            "failing": len(failing),
        }
    )
    return report.model_copy(
        update={
            "summary": summary,
            "findings": still_open,
            "regressed": regressed,
            "acknowledged": acknowledged,
            "resolved": resolved,
        }
    )


def marked_fixed(
    baseline: Baseline, report: CheckReport, today: date, checked: set[str] | None = None
) -> Baseline:
    """Return the baseline with today's date in each entry the report shows fixed for the first
    time (the nightly run writes it back: the fix's date stays in the repository's history)."""
    fixed = set(newly_fixed(baseline, report, checked))
    entries = {
        i: e.model_copy(update={"fixed": today.isoformat()}) if i in fixed else e
        for i, e in sorted(baseline.findings.items())
    }
    return Baseline(findings=entries)


def entry_for(finding: Finding, note: str, today: date) -> BaselineEntry:
    """Return the baseline entry that records `finding` as known from `today`."""
    return BaselineEntry(
        doi=finding.doi,
        rule=finding.rule,
        note=note,
        since=today.isoformat(),
        message=finding.message,
    )


def updated_baseline(
    baseline: Baseline,
    report: CheckReport,
    policy: FailPolicy,
    note: str,
    today: date,
    checked: set[str] | None = None,
) -> Baseline:
    """Return the baseline rewritten from `report` (the report before the baseline was applied):
    every open finding that fails under `policy` is in it as known, entries still shown keep
    their note and date (a regressed one is known again), and entries not shown are dropped,
    unless their article was not checked or could not be read."""
    present = present_ids(report)
    unverified = {u.doi for u in report.unverified}
    kept = {
        i: e.model_copy(update={"fixed": None}) if i in present else e
        for i, e in baseline.findings.items()
        if i in present or e.doi in unverified or (checked is not None and e.doi not in checked)
    }
    for finding in report.findings:
        if finding.id not in kept and policy.fails(finding):
            kept[finding.id] = entry_for(finding, note, today)
    return Baseline(findings=dict(sorted(kept.items())))


def select_findings(
    report: CheckReport,
    ids: Iterable[str] = (),
    rules: Iterable[str] = (),
    dois: Iterable[str] = (),
) -> list[Finding]:
    """Return the findings named by id (in any state), and those not yet acknowledged that match
    every selection given (a rule among `rules`, an article among `dois`), in report order.

    Raises InputError for an id no current finding has, an unknown rule, or a selection that
    matches nothing; nothing is selected then.
    """
    by_id = _all_findings(report)
    named = list(dict.fromkeys(ids))
    missing = [i for i in named if i not in by_id]
    if missing:
        raise InputError(
            f"no current finding has the id {missing[0]!r}; see 'credit-tracker check'",
            field="FINDING_ID",
        )
    wanted_rules, wanted_dois = set(rules), set(dois)
    unknown = sorted(wanted_rules - set(DEFAULT_SEVERITY))
    if unknown:
        raise InputError(f"unknown rule {unknown[0]!r}", field="--rule")
    chosen = [by_id[i] for i in named]
    if wanted_rules or wanted_dois:
        acked = {a.finding.id for a in report.acknowledged}
        matches = [
            f
            for f in by_id.values()
            if f.id not in acked
            and (not wanted_rules or f.rule in wanted_rules)
            and (not wanted_dois or f.doi in wanted_dois)
        ]
        if not matches:
            raise InputError(
                "no finding that is not acknowledged yet matches the selection; "
                "see 'credit-tracker check'",
                field="--rule/--doi",
            )
        chosen += [f for f in matches if f.id not in named]
    return chosen


def _all_findings(report: CheckReport) -> dict[str, Finding]:
    """Every finding of the report by id, in the order the formats list them."""
    found = [r.finding for r in report.regressed] + list(report.findings)
    found += [p.finding for p in report.pending] + [a.finding for a in report.acknowledged]
    return {f.id: f for f in found}
