"""The check: every selected article compared, acknowledgements applied, the report assembled."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.findings import (
    DEFAULT_SEVERITY,
    AcknowledgedFinding,
    CheckReport,
    CorrectionStatus,
    Finding,
    ResolvedFinding,
    Severity,
    Summary,
    Unverified,
)
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import ArticleRecord, SourceSnapshot
from credit_tracker.domain.records import Records
from credit_tracker.rules.compare import compare_article
from credit_tracker.rules.corrections import request_status


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
            raise InputError(
                f"--fail-on takes info, warning, error, never or rule names; unknown: {named}"
            )
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
            raise InputError(
                f"--severity {pair!r}: the level must be info, warning or error"
            ) from None
    return overrides


def select_dois(records: Records, dois: Iterable[str]) -> list[str]:
    """Return the DOIs to check: those named (normalised, must be in the records), else all."""
    named = [normalize_doi(doi) for doi in dois]
    for doi in named:
        if doi not in records.articles:
            raise InputError(
                f"{doi} is not in the team's records; see 'credit-tracker records list'",
                field="DOI",
            )
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


@dataclass
class _Partial:
    """What comparing some of the articles found (merged across workers)."""

    findings: list[Finding] = field(default_factory=list)
    unverified: list[Unverified] = field(default_factory=list)
    accepted: int = 0
    checked: set[str] = field(default_factory=set)
    histories: dict[str, list[SourceSnapshot]] = field(default_factory=dict)

    def merge(self, other: _Partial) -> None:
        self.findings += other.findings
        self.unverified += other.unverified
        self.accepted += other.accepted
        self.checked |= other.checked
        self.histories.update(other.histories)


def _compare_all(
    team: Records,
    items: Iterable[tuple[ArticleRecord, list[SourceSnapshot]]],
    severities: dict[str, Severity] | None,
) -> _Partial:
    partial = _Partial()
    requested = {request.doi for request in team.corrections.values()}
    for record, history in items:
        result = compare_article(record, team.people, history, severities)
        partial.findings += result.findings
        partial.unverified += result.unverified
        partial.accepted += result.accepted
        partial.checked.add(record.doi)
        if record.doi in requested:  # kept to say whether a correction request was resolved
            partial.histories[record.doi] = history
    return partial


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
    return _report(team, _compare_all(team, items, severities), policy, today or date.today())


ShardReader = Callable[[str], tuple[dict[str, ArticleRecord], dict[str, list[SourceSnapshot]]]]
_WORKER: dict = {}
PARALLEL_FROM = 64
"""Shards below which one process is quicker than starting others."""


def check_shards(
    team: Records,
    shards: list[str],
    read_shard: ShardReader,
    policy: FailPolicy,
    severities: dict[str, Severity] | None = None,
    workers: int | None = None,
) -> CheckReport:
    """Check every article, shard by shard, on as many processes as there are cores.

    Each worker reads and compares its own shards (the reading is the I/O, the comparing pure);
    the findings come back to be merged, sorted by DOI and summarised.
    """
    import multiprocessing  # only here: a check of a few articles need not pay for importing it
    from concurrent.futures import ProcessPoolExecutor

    workers = workers or os.cpu_count() or 1
    if (
        workers == 1
        or len(shards) < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return check_articles(team, shard_items(shards, read_shard), policy, severities)
    _WORKER.update(
        team=team, read=read_shard, severities=severities
    )  # inherited by the forked workers
    chunks = [shards[i :: workers * 4] for i in range(workers * 4)]
    merged = _Partial()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for partial in pool.map(_check_chunk, chunks):
            merged.merge(partial)
    _WORKER.clear()
    return _report(team, merged, policy, date.today())


def _check_chunk(shards: list[str]) -> _Partial:
    return _compare_all(
        _WORKER["team"], shard_items(shards, _WORKER["read"]), _WORKER["severities"]
    )


def shard_items(
    shards: list[str], read_shard: ShardReader
) -> Iterator[tuple[ArticleRecord, list[SourceSnapshot]]]:
    """Yield each article of these shards with its snapshot history, reading one shard at a time."""
    for shard in shards:
        articles, snapshots = read_shard(shard)
        for doi, record in articles.items():
            yield record, snapshots.get(doi, [])


def _report(team: Records, partial: _Partial, policy: FailPolicy, today: date) -> CheckReport:
    findings = sorted(
        partial.findings, key=lambda finding: finding.doi
    )  # stable: per-article order kept
    unverified = sorted(partial.unverified, key=lambda entry: entry.doi)
    checked = partial.checked
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
        accepted_spellings=partial.accepted,
        failing=sum(policy.fails(f) for f in open_findings),
    )
    corrections = _correction_statuses(
        team, partial.histories, checked, findings, unverified_dois, today
    )
    return CheckReport(
        summary=summary,
        findings=open_findings,
        unverified=unverified,
        acknowledged=acknowledged,
        resolved=resolved,
        corrections=corrections,
    )


def _correction_statuses(
    team: Records,
    histories: dict[str, list[SourceSnapshot]],
    checked: set[str],
    findings: list[Finding],
    unverified: set[str],
    today: date,
) -> list[CorrectionStatus]:
    present = {finding.id for finding in findings}
    statuses = []
    for request in sorted(team.corrections.values(), key=lambda r: r.id):
        if request.doi not in checked:
            continue
        status = request_status(
            request, present, request.doi not in unverified, histories.get(request.doi, []), today
        )
        statuses.append(
            CorrectionStatus(
                id=request.id,
                doi=request.doi,
                person=request.person,
                kinds=request.kinds,
                state=status.state,
                detail=status.detail,
            )
        )
    return statuses


def exit_code(report: CheckReport) -> int:
    """0 clean and verified; 1 failing findings; 3 anything unverified (never 0 then)."""
    if report.unverified:
        return 3
    return 1 if report.summary.failing else 0
