"""The check: every selected article compared, acknowledgements applied, the report assembled."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from credit_tracker.compare import compare_article
from credit_tracker.corrections import request_status
from credit_tracker.errors import InputError
from credit_tracker.findings import (
    DEFAULT_SEVERITY,
    AcknowledgedFinding,
    CheckReport,
    CorrectionStatus,
    Finding,
    ResolvedFinding,
    Severity,
    Summary,
)
from credit_tracker.identifiers import normalize_doi
from credit_tracker.models import ArticleRecord, SourceSnapshot
from credit_tracker.store import Records


@dataclass(frozen=True)
class FailPolicy:
    """What fails the run: findings at or above a severity, or of the listed rules."""

    severity: Severity | None = Severity.WARNING
    rules: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def parse(cls, text: str) -> FailPolicy:
        """Parse '--fail-on': a severity ('error'), 'never', or a comma list of rules."""
        value = text.strip().lower()
        if value in {s.value for s in Severity}:
            return cls(severity=Severity(value))
        if value in {"never", "none"}:
            return cls(severity=None)
        rules = frozenset(part.strip() for part in value.split(",") if part.strip())
        unknown = sorted(rules - set(DEFAULT_SEVERITY))
        if unknown or not rules:
            named = ", ".join(unknown) or repr(text)
            raise InputError(f"--fail-on takes info, warning, error, never or rule names; unknown: {named}")
        return cls(severity=None, rules=rules)

    def fails(self, finding: Finding) -> bool:
        if finding.rule in self.rules:
            return True
        return self.severity is not None and finding.severity.rank >= self.severity.rank


def parse_severities(pairs: Iterable[str]) -> dict[str, Severity]:
    """Parse '--severity rule=level' overrides."""
    overrides = {}
    for pair in pairs:
        rule, _, level = pair.partition("=")
        if rule not in DEFAULT_SEVERITY:
            raise InputError(f"--severity: unknown rule {rule!r}")
        try:
            overrides[rule] = Severity(level.strip().lower())
        except ValueError:
            raise InputError(f"--severity {pair!r}: the level must be info, warning or error") from None
    return overrides


def select_dois(records: Records, dois: Iterable[str]) -> list[str]:
    """Return the DOIs to check: those named (normalised, must be in the records), else all."""
    named = [normalize_doi(doi) for doi in dois]
    for doi in named:
        if doi not in records.articles:
            raise InputError(f"{doi} is not in the team's records; see 'credit-tracker records list'", field="DOI")
    return named or sorted(records.articles)


def run_check(
    records: Records,
    dois: list[str],
    policy: FailPolicy,
    severities: dict[str, Severity] | None = None,
    today: date | None = None,
) -> CheckReport:
    """Compare each article and return the report; pure over the loaded records."""
    items = ((records.articles[doi], records.snapshots.get(doi, [])) for doi in dois)
    return check_articles(records, items, policy, severities, today)


def check_articles(
    team: Records,
    items: Iterable[tuple[ArticleRecord, list[SourceSnapshot]]],
    policy: FailPolicy,
    severities: dict[str, Severity] | None = None,
    today: date | None = None,
) -> CheckReport:
    """Compare articles as they come (one shard at a time, at scale) and return the report.

    `team` supplies the people, acknowledgements and correction requests; only the findings and
    the histories of articles with correction requests are kept, so memory stays bounded.
    """
    findings, unverified, accepted, checked = [], [], 0, set()
    requested = {request.doi for request in team.corrections.values()}
    histories: dict[str, list[SourceSnapshot]] = {}
    for record, history in items:
        result = compare_article(record, team.people, history, severities)
        findings.extend(result.findings)
        unverified.extend(result.unverified)
        accepted += result.accepted
        checked.add(record.doi)
        if record.doi in requested:
            histories[record.doi] = history
    findings.sort(key=lambda finding: finding.doi)  # shards come in hash order; reports read by DOI
    unverified.sort(key=lambda entry: entry.doi)
    open_findings, acknowledged = [], []
    for finding in findings:
        ack = team.acknowledgements.get(finding.id)
        if ack is None:
            open_findings.append(finding)
        else:
            acknowledged.append(AcknowledgedFinding(finding=finding, note=ack.note, at=ack.at))
    present = {finding.id for finding in findings}
    unverified_dois = {entry.doi for entry in unverified}
    resolved = [
        ResolvedFinding(id=ack.finding_id, note=ack.note, at=ack.at)
        for ack in team.acknowledgements.values()
        if ack.finding_id not in present and ack.doi in checked and ack.doi not in unverified_dois
    ]
    summary = Summary(
        articles=len(checked),
        verified=len(checked - unverified_dois),
        unverified=len(unverified_dois),
        findings=len(open_findings),
        by_severity=dict(Counter(f.severity.value for f in open_findings)),
        by_rule=dict(sorted(Counter(f.rule for f in open_findings).items())),
        acknowledged=len(acknowledged),
        resolved=len(resolved),
        accepted_spellings=accepted,
        failing=sum(policy.fails(f) for f in open_findings),
    )
    corrections = _correction_statuses(team, histories, checked, findings, unverified_dois, today or date.today())
    return CheckReport(summary=summary, findings=open_findings, unverified=unverified, acknowledged=acknowledged,
                       resolved=resolved, corrections=corrections)  # fmt: skip


def _correction_statuses(team: Records, histories: dict[str, list[SourceSnapshot]], checked: set[str], findings: list[Finding],
                         unverified: set[str], today: date) -> list[CorrectionStatus]:  # fmt: skip
    present = {finding.id for finding in findings}
    statuses = []
    for request in sorted(team.corrections.values(), key=lambda r: r.id):
        if request.doi not in checked:
            continue
        status = request_status(request, present, request.doi not in unverified, histories.get(request.doi, []), today)
        statuses.append(CorrectionStatus(id=request.id, doi=request.doi, person=request.person, kinds=request.kinds,
                                         state=status.state, detail=status.detail))  # fmt: skip
    return statuses


def exit_code(report: CheckReport) -> int:
    """0 clean and verified; 1 failing findings; 3 anything unverified (never 0 then)."""
    if report.unverified:
        return 3
    return 1 if report.summary.failing else 0
