"""The check: every selected article compared, states applied, the report assembled."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from credit_tracker.check.comparisons import Compared, compare_items
from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.states import assign_states, tracked_dois
from credit_tracker.check.survey import trend
from credit_tracker.corrections.requests import STALE_AFTER_DAYS
from credit_tracker.domain.coverage import coverage
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.findings import CheckReport, Rule, Severity, Summary
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import ArticleRecord, SourceSnapshot
from credit_tracker.domain.records import Records
from credit_tracker.domain.survey import Survey


@dataclass(frozen=True)
class Options:
    """How to judge the findings: severity overrides, today's date, when a request is stale."""

    severities: dict[Rule, Severity] = field(default_factory=dict)
    today: date | None = None
    stale_after: int = STALE_AFTER_DAYS
    survey: bool = False
    """Also gather what the HTML report shows: article labels and the findings over time."""


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
    severities: dict[Rule, Severity] | None = None,
    today: date | None = None,
    stale_after: int = STALE_AFTER_DAYS,
) -> CheckReport:
    """Compare each article and return the report; pure over the loaded records."""
    items = ((records.articles[doi], records.snapshots.get(doi, [])) for doi in dois)
    return check_articles(records, items, policy, severities, today, stale_after)


def compare_all(
    team: Records, items: Iterable[tuple[ArticleRecord, list[SourceSnapshot]]], options: Options
) -> Compared:
    tracked = tracked_dois(team)
    return compare_items(
        team.people,
        team.publishers,
        items,
        options.severities,
        survey=options.survey,
        tracked=tracked,
    )


def check_articles(
    team: Records,
    items: Iterable[tuple[ArticleRecord, list[SourceSnapshot]]],
    policy: FailPolicy,
    severities: dict[Rule, Severity] | None = None,
    today: date | None = None,
    stale_after: int = STALE_AFTER_DAYS,
) -> CheckReport:
    """Compare articles as they come (one shard at a time, at scale) and return the report.

    `team` supplies the people, acknowledgements and correction requests; only the findings and
    the moments of articles with requests or acknowledgements are kept, so memory stays bounded.
    """
    options = Options(severities=severities or {}, today=today, stale_after=stale_after)
    return report_of(team, compare_all(team, items, options), policy, options)


def judge(team: Records, compared: Compared, policy: FailPolicy, options: Options) -> Survey:
    """Return the survey of articles compared in survey mode: states from the team's
    acknowledgements and requests and today's date, the report and the trend. Cheap beside
    the comparison: what a cache of comparisons (`compare_shards`) runs again on every view.

    `compared` may keep every article's history and labels; only those of the tracked articles
    and of the articles with findings are used, as a full check keeps no others.
    """
    tracked = tracked_dois(team)
    with_findings = {finding.doi for finding in compared.findings}
    kept = replace(
        compared,
        moments={doi: m for doi, m in compared.moments.items() if doi in tracked},
        articles={
            doi: info
            for doi, info in compared.articles.items()
            if doi in tracked or doi in with_findings
        },
    )
    return Survey(
        report=report_of(team, kept, policy, options),
        articles=kept.articles,
        trend=trend(compared.steps),
    )


ShardReader = Callable[[str], tuple[dict[str, ArticleRecord], dict[str, list[SourceSnapshot]]]]
"""Reads one shard: its articles and their snapshot histories, by DOI."""


def shard_items(
    shards: list[str], read_shard: ShardReader
) -> Iterator[tuple[ArticleRecord, list[SourceSnapshot]]]:
    """Yield each article of these shards with its snapshot history, reading one shard at a time."""
    for shard in shards:
        articles, snapshots = read_shard(shard)
        for doi, record in articles.items():
            yield record, snapshots.get(doi, [])


def report_of(
    team: Records, partial: Compared, policy: FailPolicy, options: Options
) -> CheckReport:
    # sorted by DOI, stable: each article's findings keep their order
    findings = sorted(partial.findings, key=lambda finding: finding.doi)
    unverified = sorted(partial.unverified, key=lambda entry: entry.doi)
    unverified_dois = {entry.doi for entry in unverified}
    states = assign_states(
        team,
        findings,
        partial.moments,
        checked=partial.checked,
        unverified=unverified_dois,
        today=options.today or date.today(),
        stale_after=options.stale_after,
        aliases=partial.aliases,
    )
    failing = [f for f in states.open if policy.fails(f)]
    failing += [r.finding for r in states.regressed if policy.fails(r.finding)]
    summary = Summary(
        articles=len(partial.checked),
        verified=len(partial.checked - unverified_dois),
        unverified=len(unverified_dois),
        findings=len(states.open),
        by_severity=dict(Counter(f.severity.value for f in states.open)),
        by_rule=dict(sorted(Counter(f.rule for f in states.open).items())),
        acknowledged=len(states.acknowledged),
        resolved=len(states.resolved),
        accepted_spellings=partial.accepted,
        failing=len(failing),
        pending=len(states.pending),
        regressed=len(states.regressed),
    )
    return CheckReport(
        summary=summary,
        coverage=coverage(e for entry, n in partial.coverage.items() for e in [entry] * n),
        findings=states.open,
        regressed=states.regressed,
        pending=states.pending,
        unverified=unverified,
        acknowledged=states.acknowledged,
        resolved=states.resolved,
        corrections=states.corrections,
        roles_compared=partial.roles_compared,
    )
